//! Password hashes and random tokens.
//!
//! Passwords are hashed with Argon2id and the crate's default parameters, in PHC string
//! form, so the parameters travel with each hash. Session tokens are 32 random bytes from
//! the operating system. Only their SHA-256 is stored, so a copy of the database does not
//! let anyone sign in. Rate limiting of sign-in attempts is left to the server.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

use crate::Error;

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Hashes a password for storage.
pub fn hash_password(password: &str) -> Result<String, Error> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::invalid("password", "catalog-error-password-short"));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| Error::Password(error.to_string()))
}

/// Checks a password against a stored hash; a malformed hash never matches.
pub fn verify_password(stored_hash: &str, password: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Returns a valid hash of a random password, computed once, to verify against when an
/// account does not exist.
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let password = new_token().unwrap_or_else(|_| "socle-dummy-password".to_string());
        hash_password(&password).unwrap_or_default()
    })
}

/// Creates a random token of 32 bytes, hex-encoded.
pub fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|error| Error::Io(std::io::Error::other(error.to_string())))?;
    Ok(hex::encode(bytes))
}

/// Computes the hex-encoded SHA-256 of a token, which is stored in place of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse battery!"));
    }

    #[test]
    fn short_password_rejected() {
        assert!(matches!(
            hash_password("short"),
            Err(Error::Invalid {
                field: "password",
                ..
            })
        ));
    }

    #[test]
    fn malformed_hash_never_matches() {
        assert!(!verify_password("not a hash", "anything at all"));
    }

    #[test]
    fn dummy_hash_is_a_valid_hash() {
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify_password(dummy_hash(), "anything at all"));
    }

    #[test]
    fn tokens_differ() {
        let first = new_token().expect("token");
        let second = new_token().expect("token");
        assert_eq!(first.len(), 64);
        assert_ne!(first, second);
        assert_ne!(token_hash(&first), first);
    }
}
