//! `siren` and `siret` (formerly `french-siren-value` and `french-siret-value`): the shape
//! and check digits of French company identifiers.
//!
//! The rules are those of python-stdnum, which Validata's format library relies on: spaces
//! and dots are removed, what remains must be ASCII digits of the right length, and the
//! Luhn checksum must hold. This is not an existence check against the SIRENE register.

/// The reason an identifier is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierError {
    /// A character other than a digit, a space or a dot.
    NotDigits,
    /// The number of digits, once spaces and dots are removed.
    Length(usize),
    Checksum,
}

/// The first nine digits of La Poste's SIRETs. Its establishments do not follow the Luhn
/// rule: the sum of their 14 digits is a multiple of 5 instead.
const LA_POSTE_SIREN: &[u8] = b"356000000";

/// La Poste's head office, which does follow the Luhn rule.
const LA_POSTE_HEAD_OFFICE: &[u8] = b"35600000000048";

/// Checks a SIREN (9 digits).
pub fn check_siren(text: &str) -> Result<(), IdentifierError> {
    let mut digits = [0u8; 9];
    let count = compact_digits(text, &mut digits)?;
    if count != 9 {
        return Err(IdentifierError::Length(count));
    }
    if !luhn_valid(&digits) {
        return Err(IdentifierError::Checksum);
    }
    Ok(())
}

/// Checks a SIRET (14 digits: the SIREN then a 5-digit establishment number).
pub fn check_siret(text: &str) -> Result<(), IdentifierError> {
    let mut digits = [0u8; 14];
    let count = compact_digits(text, &mut digits)?;
    if count != 14 {
        return Err(IdentifierError::Length(count));
    }

    let is_la_poste = digits.starts_with(LA_POSTE_SIREN) && digits != *LA_POSTE_HEAD_OFFICE;
    let whole_valid = if is_la_poste {
        digits
            .iter()
            .map(|digit| u32::from(digit - b'0'))
            .sum::<u32>()
            .is_multiple_of(5)
    } else {
        luhn_valid(&digits)
    };
    let siren_valid = digits.get(..9).is_some_and(luhn_valid);
    if whole_valid && siren_valid {
        Ok(())
    } else {
        Err(IdentifierError::Checksum)
    }
}

/// Copies the ASCII digits of `text` into `buffer`, skipping spaces and dots, and returns
/// how many digits the text has (which may exceed the buffer's length).
fn compact_digits(text: &str, buffer: &mut [u8]) -> Result<usize, IdentifierError> {
    let mut count = 0;
    for byte in text.bytes() {
        match byte {
            b' ' | b'.' => continue,
            b'0'..=b'9' => {
                if let Some(slot) = buffer.get_mut(count) {
                    *slot = byte;
                }
                count += 1;
            }
            _ => return Err(IdentifierError::NotDigits),
        }
    }
    Ok(count)
}

/// Luhn checksum over ASCII digits: doubling every second digit from the right.
fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(index, digit)| {
            let value = u32::from(digit - b'0');
            if index % 2 == 1 {
                let doubled = value * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                value
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siren_valid_and_invalid() {
        assert_eq!(check_siren("529173189"), Ok(()));
        assert_eq!(check_siren("529 173 189"), Ok(()));
        assert_eq!(check_siren("529.173.189"), Ok(()));
        assert_eq!(check_siren(" 529173189"), Ok(()));
        assert_eq!(check_siren("529173188"), Err(IdentifierError::Checksum));
        assert_eq!(check_siren("52917318"), Err(IdentifierError::Length(8)));
        assert_eq!(check_siren("5291731890"), Err(IdentifierError::Length(10)));
        assert_eq!(check_siren("52917318A"), Err(IdentifierError::NotDigits));
        assert_eq!(check_siren(""), Err(IdentifierError::Length(0)));
    }

    #[test]
    fn siret_valid_and_invalid() {
        assert_eq!(check_siret("83014132100026"), Ok(()));
        assert_eq!(check_siret("73282932000074"), Ok(()));
        assert_eq!(check_siret("8301413210002 6"), Ok(()));
        assert_eq!(
            check_siret("73282932000075"),
            Err(IdentifierError::Checksum)
        );
        assert_eq!(check_siret("52499120500"), Err(IdentifierError::Length(11)));
        assert_eq!(
            check_siret("8301413210002-6"),
            Err(IdentifierError::NotDigits)
        );
    }

    #[test]
    fn siret_checks_siren_part() {
        // 10000000000008 passes the Luhn check as a whole while its SIREN 100000000 fails.
        assert_eq!(
            check_siret("10000000000008"),
            Err(IdentifierError::Checksum)
        );
    }

    #[test]
    fn siret_la_poste_uses_digit_sum() {
        assert_eq!(check_siret("35600000049837"), Ok(()));
        assert_eq!(check_siret("356 000 000 49837"), Ok(()));
        assert_eq!(
            check_siret("35600000049838"),
            Err(IdentifierError::Checksum)
        );
        assert_eq!(check_siret("35600000000048"), Ok(()));
        assert_eq!(
            check_siret("35600000000049"),
            Err(IdentifierError::Checksum)
        );
    }

    #[test]
    fn siret_excel_float_rejected() {
        assert_eq!(
            check_siret("32402138500000.0"),
            Err(IdentifierError::Length(15))
        );
    }
}
