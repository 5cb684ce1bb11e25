//! Limits on failed sign-ins, per account and per client address.
//!
//! Failures are counted under two keys: the submitted e-mail address (folded to lower
//! case, whether or not an account has it, so a lock reveals nothing about which accounts
//! exist) and the client's IP address. Past a free number of failures, each new failure
//! locks the key for a delay that doubles up to a cap. While either key is locked, the
//! sign-in form returns 429 without checking the password, so a guess learns nothing. A
//! successful sign-in clears the account's counter. It leaves the address's counter,
//! because an attacker holding one valid account could otherwise clear it between guesses
//! at other accounts; that counter allows more failures, since an office shares one
//! address.
//!
//! Counters live in memory: a restart clears them, which at worst restarts the free
//! failures. Counters without a failure for [`FORGET_AFTER`] are dropped.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures of one account allowed before the first lock.
pub const ACCOUNT_FREE_FAILURES: u32 = 5;
/// Failures from one client address allowed before the first lock.
pub const ADDRESS_FREE_FAILURES: u32 = 20;
/// Lock after the first failure past the free ones; each further failure doubles it.
pub const FIRST_LOCK: Duration = Duration::from_secs(30);
/// Longest lock.
pub const MAX_LOCK: Duration = Duration::from_secs(15 * 60);
/// A counter without a new failure for this long is forgotten.
pub const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// Counters kept at most; past this, forgotten ones are dropped first, then the oldest.
const MAX_COUNTERS: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

#[derive(Debug, Clone, Copy)]
struct Counter {
    failures: u32,
    last_failure: Instant,
    locked_until: Option<Instant>,
}

/// The failure counters of the running server.
#[derive(Default)]
pub struct SignInLimiter {
    counters: Mutex<HashMap<Key, Counter>>,
}

fn account_key(email: &str) -> Key {
    Key::Account(email.trim().to_lowercase())
}

impl SignInLimiter {
    /// Returns how long the sign-in of `email` from `address` stays locked at `now`, or
    /// `None` when it may proceed.
    pub fn locked_for(
        &self,
        email: &str,
        address: Option<IpAddr>,
        now: Instant,
    ) -> Option<Duration> {
        let counters = self.counters.lock().ok()?;
        let mut keys = vec![account_key(email)];
        keys.extend(address.map(Key::Address));
        keys.iter()
            .filter_map(|key| counters.get(key))
            .filter_map(|counter| counter.locked_until)
            .filter(|until| *until > now)
            .map(|until| until - now)
            .max()
    }

    /// Counts a failed sign-in and returns the lock it causes, if any.
    pub fn record_failure(
        &self,
        email: &str,
        address: Option<IpAddr>,
        now: Instant,
    ) -> Option<Duration> {
        let Ok(mut counters) = self.counters.lock() else {
            return None;
        };
        if counters.len() >= MAX_COUNTERS {
            prune(&mut counters, now);
        }
        let mut lock = bump(
            &mut counters,
            account_key(email),
            ACCOUNT_FREE_FAILURES,
            now,
        );
        if let Some(address) = address {
            let address_lock = bump(
                &mut counters,
                Key::Address(address),
                ADDRESS_FREE_FAILURES,
                now,
            );
            lock = lock.max(address_lock);
        }
        lock
    }

    /// Clears the account's counter after a successful sign-in.
    pub fn record_success(&self, email: &str) {
        if let Ok(mut counters) = self.counters.lock() {
            counters.remove(&account_key(email));
        }
    }
}

/// Adds a failure to one counter and returns the lock it sets, if any.
fn bump(
    counters: &mut HashMap<Key, Counter>,
    key: Key,
    free_failures: u32,
    now: Instant,
) -> Option<Duration> {
    let counter = counters.entry(key).or_insert(Counter {
        failures: 0,
        last_failure: now,
        locked_until: None,
    });
    if now.saturating_duration_since(counter.last_failure) > FORGET_AFTER {
        counter.failures = 0;
        counter.locked_until = None;
    }
    counter.failures = counter.failures.saturating_add(1);
    counter.last_failure = now;
    if counter.failures < free_failures {
        return None;
    }
    let doublings = (counter.failures - free_failures).min(16);
    let lock = FIRST_LOCK.saturating_mul(1 << doublings).min(MAX_LOCK);
    counter.locked_until = Some(now + lock);
    Some(lock)
}

/// Drops forgotten counters, then, if still full, the half with the oldest failures.
fn prune(counters: &mut HashMap<Key, Counter>, now: Instant) {
    counters
        .retain(|_, counter| now.saturating_duration_since(counter.last_failure) <= FORGET_AFTER);
    if counters.len() < MAX_COUNTERS {
        return;
    }
    let mut times: Vec<Instant> = counters
        .values()
        .map(|counter| counter.last_failure)
        .collect();
    times.sort_unstable();
    let median = times[times.len() / 2];
    counters.retain(|_, counter| counter.last_failure > median);
}

/// The IP address of the connected client, when the server was started with connection
/// information (`socle serve` is). Without it the address is `None`, and only the account
/// is limited.
///
/// NOTE: behind a reverse proxy this is the proxy's address, so every client shares one
/// address counter. The account counter still applies to each account.
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<ClientAddress, std::convert::Infallible> {
        let address = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(ClientAddress(address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADDRESS: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));

    #[test]
    fn account_locked_after_free_failures() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        for _ in 1..ACCOUNT_FREE_FAILURES {
            assert_eq!(limiter.record_failure("a@b.fr", ADDRESS, start), None);
        }
        assert_eq!(limiter.locked_for("a@b.fr", ADDRESS, start), None);
        assert_eq!(
            limiter.record_failure("A@B.fr ", ADDRESS, start),
            Some(FIRST_LOCK)
        );
        assert_eq!(limiter.locked_for("a@b.fr", None, start), Some(FIRST_LOCK));
        let later = start + FIRST_LOCK + Duration::from_secs(1);
        assert_eq!(limiter.locked_for("a@b.fr", ADDRESS, later), None);
    }

    #[test]
    fn lock_doubles_up_to_cap() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        let mut locks = Vec::new();
        for _ in 0..ACCOUNT_FREE_FAILURES + 10 {
            locks.push(limiter.record_failure("a@b.fr", None, start));
        }
        let index = ACCOUNT_FREE_FAILURES as usize;
        assert_eq!(locks[index - 1], Some(FIRST_LOCK));
        assert_eq!(locks[index], Some(FIRST_LOCK * 2));
        assert_eq!(locks[index + 1], Some(FIRST_LOCK * 4));
        assert_eq!(locks.last().copied().flatten(), Some(MAX_LOCK));
    }

    #[test]
    fn success_clears_account_only() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        for _ in 1..ACCOUNT_FREE_FAILURES {
            limiter.record_failure("a@b.fr", ADDRESS, start);
        }
        limiter.record_success("a@b.fr");
        for _ in 1..ACCOUNT_FREE_FAILURES {
            assert_eq!(limiter.record_failure("a@b.fr", ADDRESS, start), None);
        }
        let counters = limiter.counters.lock().expect("lock");
        let address = counters
            .get(&Key::Address(ADDRESS.expect("address")))
            .expect("counter");
        assert_eq!(address.failures, 2 * (ACCOUNT_FREE_FAILURES - 1));
    }

    #[test]
    fn address_locked_across_accounts() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        for index in 1..ADDRESS_FREE_FAILURES {
            let email = format!("user{index}@b.fr");
            assert_eq!(limiter.record_failure(&email, ADDRESS, start), None);
        }
        assert_eq!(
            limiter.record_failure("last@b.fr", ADDRESS, start),
            Some(FIRST_LOCK)
        );
        assert_eq!(
            limiter.locked_for("anyone@b.fr", ADDRESS, start),
            Some(FIRST_LOCK)
        );
        assert_eq!(limiter.locked_for("anyone@b.fr", None, start), None);
    }

    #[test]
    fn old_failures_are_forgotten() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        for _ in 1..ACCOUNT_FREE_FAILURES {
            limiter.record_failure("a@b.fr", None, start);
        }
        let later = start + FORGET_AFTER + Duration::from_secs(1);
        assert_eq!(limiter.record_failure("a@b.fr", None, later), None);
    }
}
