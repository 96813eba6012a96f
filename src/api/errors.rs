//! The error boundary: every error leaving the server gets a stable `extensions.code`, and
//! nothing internal reaches a client.
//!
//! Errors raised by our resolvers already carry a code ([`crate::error::AppError`]). What
//! remains comes from async-graphql itself: parse and validation errors of the query
//! (`BAD_USER_INPUT`, or `QUERY_TOO_COMPLEX` for the depth and complexity limits), input
//! coercion errors (`BAD_USER_INPUT`), and anything else, which is logged and replaced by
//! `INTERNAL`.

use async_graphql::{ErrorExtensionValues, Name, PathSegment, Response, ServerError, Value};

use crate::error::{ErrorCode, INTERNAL_MESSAGE};

/// Whether a response is a request error (the query could not be executed at all): there is
/// no data and no error is tied to a field path.
pub fn is_request_error(response: &Response) -> bool {
    matches!(response.data, Value::Null)
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// Puts `null` where a field failed. async-graphql leaves a failed nullable field out of its
/// parent object; the GraphQL specification wants it present, as `null`, beside the error
/// that names its path.
fn null_failed_fields(response: &mut Response) {
    for error in &response.errors {
        let Some((PathSegment::Field(last), parents)) = error.path.split_last() else {
            continue;
        };
        if let Some(Value::Object(map)) = slot(&mut response.data, parents) {
            map.entry(Name::new(last)).or_insert(Value::Null);
        }
    }
}

/// The value at `path` below `node`, if there is one.
fn slot<'a>(node: &'a mut Value, path: &[PathSegment]) -> Option<&'a mut Value> {
    match path.split_first() {
        None => Some(node),
        Some((PathSegment::Field(name), rest)) => match node {
            Value::Object(map) => slot(map.get_mut(name.as_str())?, rest),
            _ => None,
        },
        Some((PathSegment::Index(i), rest)) => match node {
            Value::List(items) => slot(items.get_mut(*i)?, rest),
            _ => None,
        },
    }
}
/// Gives every error of `response` a code, and replaces unknown ones by `INTERNAL`; puts
/// `null` where a field failed.
pub fn classify(mut response: Response) -> Response {
    null_failed_fields(&mut response);
    let request_error = is_request_error(&response);
    for error in &mut response.errors {
        if has_code(error) {
            continue;
        }
        let code = if is_limit_error(&error.message) {
            ErrorCode::QueryTooComplex
        } else if request_error || is_input_error(&error.message) {
            ErrorCode::BadUserInput
        } else {
            tracing::error!(error = %error.message, path = ?error.path, "uncoded error replaced by INTERNAL");
            error.message = INTERNAL_MESSAGE.to_string();
            ErrorCode::Internal
        };
        set_code(error, code);
    }
    response
}

/// A response made of one request error with `code`.
pub fn request_error(code: ErrorCode, message: impl Into<String>) -> Response {
    let mut error = ServerError::new(message, None);
    set_code(&mut error, code);
    Response::from_errors(vec![error])
}

fn has_code(error: &ServerError) -> bool {
    error
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some())
}

fn set_code(error: &mut ServerError, code: ErrorCode) {
    error
        .extensions
        .get_or_insert_with(ErrorExtensionValues::default)
        .set("code", code.as_str());
}

fn is_limit_error(message: &str) -> bool {
    message == "Query is too complex."
        || message == "Query is nested too deep."
        || message.starts_with("The number of directives")
        || message.contains("recursion depth")
}

fn is_input_error(message: &str) -> bool {
    message.starts_with("Failed to parse") || message.starts_with("Invalid value for argument")
}
