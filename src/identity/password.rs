//! Password hashing with argon2id (the crate's default parameters, OWASP's recommendation).
//!
//! A hash or a verification takes tens of milliseconds of CPU. Request paths use
//! [`hash_off_runtime`] and [`verify_off_runtime`], which run it on tokio's blocking pool so
//! that the async workers go on serving other requests, and call them before any
//! transaction, so that the writer is never held while a password is hashed.

use argon2::{
    password_hash::{phc::PasswordHash, PasswordHasher, PasswordVerifier},
    Argon2,
};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A PHC string (`$argon2id$v=19$…`) of `password` with a fresh random salt.
pub fn hash(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// [`hash`] on the blocking pool.
pub async fn hash_off_runtime(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| format!("password hashing stopped: {e}"))?
}

/// Whether `password` matches `phc`, on the blocking pool; with no hash (no such user), the
/// same time is spent and the answer is `false` (see [`verify_nothing`]).
pub async fn verify_off_runtime(password: String, phc: Option<String>) -> Result<bool, String> {
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify(&password, &phc),
        None => {
            verify_nothing(&password);
            false
        }
    })
    .await
    .map_err(|e| format!("password verification stopped: {e}"))
}

/// Whether `password` matches the stored `phc` hash.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Spends the time a verification takes, so that an unknown username cannot be told from a
/// wrong password by the time the answer takes.
pub fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not a password of anyone").unwrap_or_default());
    let _ = verify(password, dummy);
}

/// Why a new password is refused, if it is.
pub fn weakness(password: &str) -> Option<crate::i18n::Text> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(crate::tr!(
            "The password must have at least {MIN_PASSWORD_CHARS} characters.",
            "Mật khẩu phải có ít nhất {MIN_PASSWORD_CHARS} ký tự."
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = super::hash("correct horse battery").unwrap();
        let b = super::hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "a fresh salt each time");
        assert!(super::verify("correct horse battery", &a));
        assert!(!super::verify("correct horse battery!", &a));
        assert!(!super::verify("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(super::weakness("short").is_some());
        assert!(super::weakness("long enough password").is_none());
    }
}
