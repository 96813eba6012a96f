//! Where the keys come from: the signing secret of our own tokens, and the public keys of
//! partner provinces' systems.
//!
//! - Our tokens are HS256, signed with `THIDUA_JWT_SECRET` (at least 32 bytes). Outside
//!   development the server refuses to start without it. In development, without it, a
//!   random secret is made once and kept in `thidua-dev.key` in the working directory, so that
//!   `thidua token` and `thidua serve` agree; there is never a secret built into the program.
//! - Partners' tokens are verified with their public keys (EdDSA or ES256, PEM), each with its
//!   own issuer and audience, listed in the JSON file named by `THIDUA_PARTNERS_FILE`.

use std::{path::Path, time::Duration};

use anyhow::{bail, Context};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Deserialize;

/// The file that keeps the development secret.
pub const DEV_KEY_FILE: &str = "thidua-dev.key";
/// The shortest signing secret accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

/// Where the server runs: development allows the demo accounts and a generated key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Environment {
    Development,
    Production,
}

/// A partner province's system, allowed to read with role PARTNER.
#[derive(Clone)]
pub struct PartnerKey {
    /// Short name for logs and the audit trail, e.g. `can-tho`.
    pub name: String,
    /// The `iss` its tokens carry.
    pub issuer: String,
    /// The `aud` its tokens must carry (ours, as agreed with it).
    pub audience: String,
    /// The one algorithm its key is for.
    pub algorithm: Algorithm,
    pub key: DecodingKey,
}

/// Everything identity needs from the configuration.
#[derive(Clone)]
pub struct IdentityConfig {
    pub environment: Environment,
    pub secret: Vec<u8>,
    pub issuer: String,
    pub audience: String,
    pub token_ttl: Duration,
    pub partners: Vec<PartnerKey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PartnerEntry {
    name: String,
    issuer: String,
    audience: String,
    algorithm: String,
    public_key_pem: String,
}

/// Reads the partners file: a JSON array of `{name, issuer, audience, algorithm,
/// publicKeyPem}` with `algorithm` `EdDSA` or `ES256`.
pub fn read_partners(path: &Path) -> anyhow::Result<Vec<PartnerKey>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the partners file {}", path.display()))?;
    let entries: Vec<PartnerEntry> = serde_json::from_str(&text)
        .with_context(|| format!("parsing the partners file {}", path.display()))?;
    entries.into_iter().map(partner_key).collect()
}

fn partner_key(entry: PartnerEntry) -> anyhow::Result<PartnerKey> {
    let pem = entry.public_key_pem.as_bytes();
    let (algorithm, key) = match entry.algorithm.as_str() {
        "EdDSA" => (Algorithm::EdDSA, DecodingKey::from_ed_pem(pem)),
        "ES256" => (Algorithm::ES256, DecodingKey::from_ec_pem(pem)),
        other => bail!(
            "partner {}: algorithm {other} is not accepted (EdDSA or ES256)",
            entry.name
        ),
    };
    let key = key.with_context(|| format!("partner {}: public key", entry.name))?;
    if entry.issuer.trim().is_empty() || entry.audience.trim().is_empty() {
        bail!("partner {}: issuer and audience are required", entry.name);
    }
    Ok(PartnerKey {
        name: entry.name,
        issuer: entry.issuer,
        audience: entry.audience,
        algorithm,
        key,
    })
}

/// The signing secret: from `configured`, or in development from (or into) the key file in
/// `dir`.
pub fn signing_secret(
    environment: Environment,
    configured: Option<&str>,
    dir: &Path,
) -> anyhow::Result<Vec<u8>> {
    if let Some(existing) = existing_secret(environment, configured, dir)? {
        return Ok(existing);
    }
    let path = dir.join(DEV_KEY_FILE);
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&path, &secret)
        .with_context(|| format!("writing the development key {}", path.display()))?;
    tracing::warn!(file = %path.display(), "development: made a new token signing key");
    Ok(secret.into_bytes())
}

/// The signing secret if there is one already: `configured`, or in development the key file
/// in `dir`; never makes one (for `thidua token`, which must sign as the server does).
pub fn existing_secret(
    environment: Environment,
    configured: Option<&str>,
    dir: &Path,
) -> anyhow::Result<Option<Vec<u8>>> {
    if let Some(secret) = configured.filter(|s| !s.is_empty()) {
        if secret.len() < MIN_SECRET_BYTES {
            bail!("THIDUA_JWT_SECRET must have at least {MIN_SECRET_BYTES} bytes");
        }
        return Ok(Some(secret.as_bytes().to_vec()));
    }
    if environment == Environment::Production {
        bail!("THIDUA_JWT_SECRET is required outside development (THIDUA_ENV=production)");
    }
    let path = dir.join(DEV_KEY_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= MIN_SECRET_BYTES {
            return Ok(Some(existing.as_bytes().to_vec()));
        }
    }
    Ok(None)
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::{io::Write, os::unix::fs::OpenOptionsExt};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_refuses_to_start_without_a_secret() {
        let dir = tempfile::tempdir().unwrap();
        let err = signing_secret(Environment::Production, None, dir.path()).unwrap_err();
        assert!(err.to_string().contains("THIDUA_JWT_SECRET"));
        assert!(!dir.path().join(DEV_KEY_FILE).exists());
    }

    #[test]
    fn short_secrets_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(signing_secret(Environment::Production, Some("short"), dir.path()).is_err());
        let long = "x".repeat(MIN_SECRET_BYTES);
        assert_eq!(
            signing_secret(Environment::Production, Some(&long), dir.path()).unwrap(),
            long.as_bytes()
        );
    }

    #[test]
    fn development_makes_one_random_key_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = signing_secret(Environment::Development, None, dir.path()).unwrap();
        let again = signing_secret(Environment::Development, None, dir.path()).unwrap();
        let other_dir = tempfile::tempdir().unwrap();
        let other = signing_secret(Environment::Development, None, other_dir.path()).unwrap();
        assert_eq!(first, again);
        assert_ne!(first, other, "no built-in secret");
        assert!(first.len() >= MIN_SECRET_BYTES);
    }
}
