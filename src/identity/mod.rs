//! Identity: user accounts, passwords (argon2id), tokens (JWT, RFC 8725), sign-in with its
//! brute-force guard, and the keys of partner provinces' systems.

pub mod graphql;
pub mod keys;
pub mod limiter;
pub mod password;
pub mod sign_in;
pub mod tokens;
pub mod users;

use std::sync::Arc;

pub use keys::{Environment, IdentityConfig, PartnerKey};
pub use limiter::LoginLimiter;
pub use tokens::TokenService;

/// What the HTTP layer and the resolvers share about identity.
#[derive(Clone)]
pub struct Identity {
    pub tokens: Arc<TokenService>,
    pub limiter: Arc<LoginLimiter>,
    pub environment: Environment,
}

impl Identity {
    pub fn new(config: IdentityConfig) -> Self {
        Identity {
            environment: config.environment,
            tokens: Arc::new(TokenService::new(config)),
            limiter: Arc::new(LoginLimiter::default()),
        }
    }
}

/// Why a request's token gives no viewer.
#[derive(Debug)]
pub enum AuthError {
    /// The token is not `Bearer`, does not verify, or names a user who is unknown, disabled,
    /// or a demo account outside development (`UNAUTHENTICATED`).
    Refused(String),
    /// The user could not be read: the database is unavailable (not the client's fault).
    Unavailable(sea_orm::DbErr),
}

impl std::fmt::Display for AuthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthError::Refused(reason) => f.write_str(reason),
            AuthError::Unavailable(err) => write!(f, "user lookup failed: {err}"),
        }
    }
}

impl From<&str> for AuthError {
    fn from(reason: &str) -> Self {
        AuthError::Refused(reason.to_owned())
    }
}

impl From<String> for AuthError {
    fn from(reason: String) -> Self {
        AuthError::Refused(reason)
    }
}

/// The viewer a request's `Authorization` header speaks for: the public without one; an
/// error otherwise (see [`AuthError`]).
pub async fn authenticate(
    db: &crate::db::Db,
    identity: &Identity,
    authorization: Option<&str>,
) -> Result<crate::access::Viewer, AuthError> {
    let Some(header) = authorization else {
        return Ok(crate::access::Viewer::anonymous());
    };
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .ok_or("the Authorization header is not a Bearer token")?
        .trim();
    match identity.tokens.verify(token).map_err(|e| e.to_string())? {
        tokens::Subject::Partner(name) => Ok(crate::access::Viewer {
            user_id: None,
            name,
            role: Some(entity::enums::Role::Partner),
            unit_id: None,
            province_id: None,
        }),
        tokens::Subject::User { id, issued_at } => {
            let db = db.reader();
            let user = users::by_id(db, id)
                .await
                .map_err(AuthError::Unavailable)?
                .ok_or("the token's user does not exist")?;
            if !users::may_sign_in(&user, identity.environment) {
                return Err(format!("user {} may not sign in", user.username).into());
            }
            if !users::token_still_good(&user, issued_at) {
                return Err(format!(
                    "the token of {} was issued before its password changed",
                    user.username
                )
                .into());
            }
            users::viewer_of_user(db, &user)
                .await
                .map_err(AuthError::Unavailable)
        }
    }
}
