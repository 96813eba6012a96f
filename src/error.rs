//! The one error type of the API and its stable codes (shared/API.md, "Top-level errors").
//!
//! `AppError` deliberately does not implement `Display`: async-graphql turns any `Display`
//! error into a client-visible message, so an error that is not an `AppError` cannot be
//! returned by a resolver with `?`, and an `AppError` reaches the client only through
//! [`From<AppError> for async_graphql::Error`], which sends a safe message and the code. The
//! cause of an internal error travels with it, as the `source` of the GraphQL error, to the
//! boundary (`web::graphql`), which logs it once inside the request's span; it never reaches
//! the client.

use crate::i18n::{Lang, Text};
use async_graphql::ErrorExtensions;

/// Stable machine codes carried in `extensions.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    BadUserInput,
    Conflict,
    RateLimited,
    QueryTooComplex,
    /// A persisted document's hash that the server does not know (Apollo's APQ protocol:
    /// the client sends the document with its hash next).
    PersistedQueryNotFound,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::QueryTooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// The message a client sees for an internal error.
pub const INTERNAL_MESSAGE: &str = "Internal error. The incident has been logged.";
/// [`INTERNAL_MESSAGE`] in Vietnamese.
pub const INTERNAL_MESSAGE_VI: &str = "Lỗi nội bộ. Sự cố đã được ghi lại.";

/// The message of an internal error, in both languages.
pub fn internal_message() -> Text {
    Text::new(INTERNAL_MESSAGE, INTERNAL_MESSAGE_VI)
}

/// The cause of an internal error, with its whole chain, for the log.
#[derive(Debug, Clone)]
pub struct Cause(String);

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An error a resolver or a domain function returns.
#[derive(Debug, Clone)]
pub struct AppError {
    code: ErrorCode,
    message: Text,
    cause: Option<std::sync::Arc<Cause>>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<Text>) -> Self {
        AppError {
            code,
            message: message.into(),
            cause: None,
        }
    }

    pub fn bad_input(message: impl Into<Text>) -> Self {
        Self::new(ErrorCode::BadUserInput, message)
    }

    /// `NOT_FOUND`: `what` (e.g. `tr!("unit", "đơn vị")`) does not exist.
    pub fn not_found(what: Text) -> Self {
        let (en, vi) = (what.render(Lang::En), what.render(Lang::Vi));
        Self::new(
            ErrorCode::NotFound,
            crate::tr!("Not found: {en}.", "Không tìm thấy {vi}."),
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            ErrorCode::Forbidden,
            crate::tr!(
                "You are not allowed to do this or see this.",
                "Bạn không có quyền làm việc này hoặc xem nội dung này."
            ),
        )
    }

    /// An internal failure: the client gets a fixed message; `cause`, with its whole chain,
    /// goes with the error to the boundary that logs it.
    pub fn internal(cause: &(dyn std::error::Error + 'static)) -> Self {
        let mut chain = cause.to_string();
        let mut source = cause.source();
        while let Some(inner) = source {
            chain.push_str(": ");
            chain.push_str(&inner.to_string());
            source = inner.source();
        }
        AppError {
            cause: Some(std::sync::Arc::new(Cause(chain))),
            ..Self::new(ErrorCode::Internal, internal_message())
        }
    }

    /// The cause of an internal error.
    pub fn cause(&self) -> Option<&Cause> {
        self.cause.as_deref()
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message, in the language of the request being served.
    pub fn message(&self) -> &str {
        self.message.localized()
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal(&err)
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        let mut error = async_graphql::Error::new(err.message.localized())
            .extend_with(|_, ext| ext.set("code", err.code.as_str()));
        if let Some(cause) = err.cause {
            error.source = Some(cause);
        }
        error
    }
}

/// Why a business rule refused an input: becomes a `userErrors` entry of a mutation's
/// payload (shared/API.md), and the mutation changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserProblem {
    /// Path to the input field at fault, e.g. `["input", "unitCode"]` without `input`.
    pub field: Vec<String>,
    pub message: Text,
    pub code: UserErrorCode,
}

impl UserProblem {
    pub fn new(field: &[&str], message: impl Into<Text>, code: UserErrorCode) -> Self {
        UserProblem {
            field: field.iter().map(|f| (*f).to_owned()).collect(),
            message: message.into(),
            code,
        }
    }
}

/// Stable codes of `userErrors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserErrorCode {
    /// A value has the wrong form (a code, a name, a date).
    InvalidValue,
    /// A value the rule needs is missing.
    Required,
    /// A number or date is outside the allowed range.
    OutOfRange,
    /// Something with the same key exists already.
    Duplicate,
    /// A referenced object does not exist.
    NotFound,
    /// The object is not in a state that allows this.
    WrongState,
    /// A rule of the domain is not met.
    RuleNotMet,
    /// Wrong username or password.
    InvalidCredentials,
    /// A tie in the first three places of a ranking that the tie-break does not order.
    TieUnresolved,
    /// Whoever drafted or submitted a nomination does not approve or reject it.
    SeparationOfDuties,
    /// The body (or the account signing for it) has no competence for this decision.
    NotCompetent,
}

/// Results of resolvers and domain functions.
pub type AppResult<T> = Result<T, AppError>;

/// A business-rule outcome of a domain operation: the value, or the problems that refused it
/// (they become `userErrors`, and the caller drops its transaction, so nothing is written).
pub type Outcome<T> = Result<T, Vec<UserProblem>>;
