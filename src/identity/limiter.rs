//! The brute-force guard of sign-in: after [`MAX_FAILURES`] wrong passwords for one username
//! within [`WINDOW`], sign-in for that username is refused (`RATE_LIMITED`) until the window
//! has passed since the last failure, even with the right password.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Failures allowed within the window.
pub const MAX_FAILURES: usize = 5;
/// How long failures are remembered, and how long a locked username stays locked.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Usernames tracked at most; the oldest are forgotten first.
const MAX_TRACKED: usize = 10_000;

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    fn key(username: &str) -> String {
        username.trim().to_lowercase()
    }

    /// How long `username` must still wait, if it is locked.
    pub fn locked_for(&self, username: &str) -> Option<Duration> {
        let now = Instant::now();
        let failures = self.failures.lock().ok()?;
        let recent: Vec<&Instant> = failures
            .get(&Self::key(username))?
            .iter()
            .filter(|t| now.duration_since(**t) < WINDOW)
            .collect();
        if recent.len() >= MAX_FAILURES {
            let last = recent.iter().max()?;
            Some(WINDOW.saturating_sub(now.duration_since(**last)))
        } else {
            None
        }
    }

    pub fn record_failure(&self, username: &str) {
        let now = Instant::now();
        let Ok(mut failures) = self.failures.lock() else {
            return;
        };
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        let times = failures.entry(Self::key(username)).or_default();
        times.retain(|t| now.duration_since(*t) < WINDOW);
        times.push(now);
    }

    pub fn record_success(&self, username: &str) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&Self::key(username));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_failure_locks_the_username_and_only_it() {
        let limiter = LoginLimiter::default();
        for _ in 0..MAX_FAILURES - 1 {
            limiter.record_failure("Board.CM");
            assert!(limiter.locked_for("board.cm").is_none());
        }
        limiter.record_failure("board.cm");
        assert!(limiter.locked_for("BOARD.CM").is_some());
        assert!(limiter.locked_for("someone.else").is_none());
        limiter.record_success("board.cm");
        assert!(limiter.locked_for("board.cm").is_none());
    }
}
