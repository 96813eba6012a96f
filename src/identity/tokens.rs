//! Access tokens (JWT) following RFC 8725: one algorithm pinned per key, explicit `typ`
//! (`at+jwt`), `iss`, `aud`, `sub`, `exp`, `nbf` and `iat` required and checked, a short
//! leeway. Our own tokens name a user (`sub` = the user's id); partners' tokens name the
//! partner and give role PARTNER.

use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{
    dangerous::insecure_decode_claims, decode, decode_header, encode, Algorithm, DecodingKey,
    EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};

use super::keys::{IdentityConfig, PartnerKey};

/// The `typ` header of access tokens (RFC 9068).
pub const TOKEN_TYPE: &str = "at+jwt";
/// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
pub const LEEWAY_SECONDS: u64 = 30;
/// The longest lifetime a token may be issued with.
pub const MAX_TTL: Duration = Duration::from_secs(90 * 24 * 3600);

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    aud: String,
    exp: u64,
    nbf: u64,
    iat: u64,
}

#[derive(Deserialize)]
struct Issuer {
    iss: String,
}

/// Who a verified token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// One of our users, by id, and when its token was issued (seconds since the epoch).
    User { id: i32, issued_at: u64 },
    /// A partner province's system, by its configured name.
    Partner(String),
}

/// A token and when it expires.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Why a token was refused (for the log; clients only hear `UNAUTHENTICATED`).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("malformed token: {0}")]
    Malformed(String),
    #[error("the token's typ is not at+jwt")]
    WrongType,
    #[error("unknown issuer {0}")]
    UnknownIssuer(String),
    #[error("invalid token: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    #[error("issued in the future")]
    IssuedInTheFuture,
    #[error("the subject is not a user id")]
    BadSubject,
    #[error("signing failed: {0}")]
    Signing(String),
}

pub struct TokenService {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
    default_ttl: Duration,
    partners: Vec<PartnerKey>,
}

fn now_seconds() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

impl TokenService {
    pub fn new(config: IdentityConfig) -> Self {
        TokenService {
            encoding: EncodingKey::from_secret(&config.secret),
            decoding: DecodingKey::from_secret(&config.secret),
            issuer: config.issuer,
            audience: config.audience,
            default_ttl: config.token_ttl,
            partners: config.partners,
        }
    }

    pub fn default_ttl(&self) -> Duration {
        self.default_ttl
    }

    /// A token for user `user_id`, valid for `ttl` (the configured default when `None`,
    /// never more than [`MAX_TTL`]).
    pub fn issue(&self, user_id: i32, ttl: Option<Duration>) -> Result<IssuedToken, TokenError> {
        let ttl = ttl.unwrap_or(self.default_ttl).min(MAX_TTL);
        let now = now_seconds();
        let exp = now + ttl.as_secs();
        let claims = Claims {
            iss: self.issuer.clone(),
            sub: user_id.to_string(),
            aud: self.audience.clone(),
            exp,
            nbf: now,
            iat: now,
        };
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some(TOKEN_TYPE.to_owned());
        let token = encode(&header, &claims, &self.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))?;
        let expires_at = DateTime::from_timestamp(exp as i64, 0).unwrap_or_else(Utc::now);
        Ok(IssuedToken { token, expires_at })
    }

    /// Verifies `token`: ours (HS256, our issuer and audience) or a configured partner's
    /// (its algorithm, issuer and audience).
    pub fn verify(&self, token: &str) -> Result<Subject, TokenError> {
        let header = decode_header(token).map_err(|e| TokenError::Malformed(e.to_string()))?;
        let typ = header.typ.as_deref().unwrap_or("").to_ascii_lowercase();
        if typ != TOKEN_TYPE && typ != "application/at+jwt" {
            return Err(TokenError::WrongType);
        }
        // The issuer only chooses which key to try; the signature check below decides.
        let issuer = insecure_decode_claims::<Issuer>(token)
            .map_err(|e| TokenError::Malformed(e.to_string()))?
            .iss;
        let (algorithm, key, audience, partner) = if issuer == self.issuer {
            (Algorithm::HS256, &self.decoding, &self.audience, None)
        } else {
            let partner = self
                .partners
                .iter()
                .find(|p| p.issuer == issuer)
                .ok_or_else(|| TokenError::UnknownIssuer(issuer.clone()))?;
            (
                partner.algorithm,
                &partner.key,
                &partner.audience,
                Some(partner),
            )
        };
        let mut validation = Validation::new(algorithm);
        validation.set_issuer(&[&issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["iss", "aud", "sub", "exp", "nbf", "iat"]);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        let claims = decode::<Claims>(token, key, &validation)?.claims;
        if claims.iat > now_seconds() + LEEWAY_SECONDS {
            return Err(TokenError::IssuedInTheFuture);
        }
        match partner {
            Some(partner) => Ok(Subject::Partner(partner.name.clone())),
            None => claims
                .sub
                .parse()
                .map(|id| Subject::User {
                    id,
                    issued_at: claims.iat,
                })
                .map_err(|_| TokenError::BadSubject),
        }
    }
}

/// Parses a lifetime such as `90s`, `30m`, `1h`, `7d`.
pub fn parse_ttl(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a lifetime like 30m, 1h or 7d"))?;
    let seconds = match unit {
        "s" => n,
        "m" => n * 60,
        "h" | "" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("`{text}`: use s, m, h or d")),
    };
    if seconds == 0 || Duration::from_secs(seconds) > MAX_TTL {
        return Err(format!(
            "a lifetime must be between 1s and {}d",
            MAX_TTL.as_secs() / 86_400
        ));
    }
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::keys::Environment;

    fn service(secret: &str) -> TokenService {
        TokenService::new(IdentityConfig {
            environment: Environment::Development,
            secret: secret.as_bytes().to_vec(),
            issuer: "thidua".into(),
            audience: "thidua-api".into(),
            token_ttl: Duration::from_secs(3600),
            partners: Vec::new(),
        })
    }

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_tokens_verify_and_name_the_user() {
        let tokens = service(SECRET);
        let issued = tokens.issue(42, None).unwrap();
        assert!(matches!(
            tokens.verify(&issued.token).unwrap(),
            Subject::User { id: 42, .. }
        ));
        let header = decode_header(&issued.token).unwrap();
        assert_eq!(header.typ.as_deref(), Some("at+jwt"));
        assert_eq!(header.alg, Algorithm::HS256);
    }

    #[test]
    fn another_key_is_refused() {
        let issued = service(SECRET).issue(1, None).unwrap();
        assert!(service("another secret of enough bytes!!!")
            .verify(&issued.token)
            .is_err());
    }

    fn forge(header: Header, claims: serde_json::Value) -> String {
        encode(
            &header,
            &claims,
            &EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .unwrap()
    }

    fn typed() -> Header {
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some(TOKEN_TYPE.into());
        header
    }

    #[test]
    fn missing_claims_wrong_audience_wrong_type_and_expired_tokens_are_refused() {
        let tokens = service(SECRET);
        let now = now_seconds();
        let good = serde_json::json!({"iss":"thidua","sub":"1","aud":"thidua-api","exp":now+60,"nbf":now,"iat":now});
        assert!(tokens.verify(&forge(typed(), good.clone())).is_ok());
        for claim in ["iss", "sub", "aud", "exp", "nbf", "iat"] {
            let mut claims = good.clone();
            claims.as_object_mut().unwrap().remove(claim);
            assert!(
                tokens.verify(&forge(typed(), claims)).is_err(),
                "without {claim}"
            );
        }
        let mut claims = good.clone();
        claims["aud"] = "someone-else".into();
        assert!(tokens.verify(&forge(typed(), claims)).is_err());
        let mut claims = good.clone();
        claims["exp"] = (now - 120).into();
        assert!(tokens.verify(&forge(typed(), claims)).is_err());
        let mut claims = good.clone();
        claims["nbf"] = (now + 600).into();
        assert!(tokens.verify(&forge(typed(), claims)).is_err());
        let mut claims = good.clone();
        claims["iat"] = (now + 600).into();
        assert!(tokens.verify(&forge(typed(), claims)).is_err());
        assert!(
            tokens
                .verify(&forge(Header::new(Algorithm::HS256), good.clone()))
                .is_err(),
            "no typ"
        );
        let mut hs512 = typed();
        hs512.alg = Algorithm::HS512;
        assert!(
            tokens.verify(&forge(hs512, good)).is_err(),
            "the algorithm is pinned"
        );
    }

    #[test]
    fn lifetimes_parse() {
        assert_eq!(parse_ttl("1h").unwrap(), Duration::from_secs(3600));
        assert_eq!(parse_ttl("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse_ttl("7d").unwrap(), Duration::from_secs(7 * 86_400));
        assert!(parse_ttl("0s").is_err());
        assert!(parse_ttl("1y").is_err());
        assert!(parse_ttl("1000d").is_err());
    }
}
