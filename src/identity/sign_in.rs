//! Signing in (`login`): the password is checked against the readers, off the async runtime
//! and before any write, under the brute-force guard; an accepted sign-in is then recorded in
//! the audit trail by a write of its own, which issues the token.

use entity::app_user;
use sea_orm::DatabaseConnection;

use super::{password, tokens::IssuedToken, users, Identity};
use crate::{
    access::Viewer,
    audit::AuditEntry,
    error::{AppError, AppResult, ErrorCode, Outcome, UserErrorCode, UserProblem},
    text,
    work::Work,
};

/// A user whose password matched and who may sign in.
pub struct Accepted {
    user: app_user::Model,
    viewer: Viewer,
}

/// What a sign-in gives: the token and who it is for.
pub struct SignedIn {
    pub token: IssuedToken,
    pub viewer: Viewer,
}

/// Checks `username` and `password` through `db` (the readers): `RATE_LIMITED` while the
/// username is locked, `INVALID_CREDENTIALS` (counted as a failure) for a wrong pair, an
/// unknown or disabled user, or a demo account outside development.
pub async fn check(
    db: &DatabaseConnection,
    identity: &Identity,
    username: &str,
    password: String,
) -> AppResult<Outcome<Accepted>> {
    let username = text::nfc(username);
    if let Some(wait) = identity.limiter.locked_for(&username) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        return Err(AppError::new(
            ErrorCode::RateLimited,
            crate::tr!(
                "Too many failed sign-ins for this username; try again in {minutes} minutes.",
                "Đăng nhập sai quá nhiều lần với tên đăng nhập này; hãy thử lại sau {minutes} phút."
            ),
        ));
    }
    let user = users::by_username(db, &username).await?;
    // Verified even for an unknown username, against a dummy hash: the answer takes as long.
    let matches =
        password::verify_off_runtime(password, user.as_ref().map(|u| u.password_hash.clone()))
            .await
            .map_err(|e| AppError::internal(&std::io::Error::other(e)))?;
    let accepted = matches
        && user
            .as_ref()
            .is_some_and(|u| users::may_sign_in(u, identity.environment));
    let Some(user) = user.filter(|_| accepted) else {
        identity.limiter.record_failure(&username);
        return Ok(Err(vec![UserProblem::new(
            &[],
            crate::tr!(
                "Wrong username or password.",
                "Tên đăng nhập hoặc mật khẩu không đúng."
            ),
            UserErrorCode::InvalidCredentials,
        )]));
    };
    identity.limiter.record_success(&username);
    let viewer = users::viewer_of_user(db, &user).await?;
    Ok(Ok(Accepted { user, viewer }))
}

/// Records an accepted sign-in and issues its token.
pub async fn record(
    work: &Work,
    identity: &Identity,
    accepted: Accepted,
) -> AppResult<Outcome<SignedIn>> {
    let Accepted { user, viewer } = accepted;
    let token = identity
        .tokens
        .issue(user.id, None)
        .map_err(|e| AppError::internal(&e))?;
    work.audit(
        &viewer,
        AuditEntry {
            action: "login",
            object_type: "User",
            object_id: user.username,
            province_id: viewer.province_id,
            before: None,
            after: None,
        },
    );
    Ok(Ok(SignedIn { token, viewer }))
}
