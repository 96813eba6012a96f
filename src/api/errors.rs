//! The error boundary: every error leaving the server gets a stable `extensions.code`, and
//! nothing internal reaches a client.
//!
//! Codes come from where an error arises, never from its message:
//! - our resolvers and the HTTP layer raise [`crate::error::AppError`]s, which carry a code;
//! - async-graphql's parse phase: a document that does not parse is `BAD_USER_INPUT`; one that
//!   parses but goes over async-graphql's recursion-depth or directive limits is
//!   `QUERY_TOO_COMPLEX` ([`Boundary::parse_query`]); our own operation limits
//!   ([`super::limits`]) code their refusals themselves;
//! - its validation phase is `BAD_USER_INPUT`, and a valid operation whose complexity goes over
//!   [`super::schema::MAX_COMPLEXITY`] is `QUERY_TOO_COMPLEX` ([`Boundary::validation`]);
//! - what is left without a code was raised by async-graphql itself: before execution (an
//!   unknown operation name, no data and no path) it is `BAD_USER_INPUT`; during execution it
//!   is the coercion of an argument that validation does not check (a custom scalar, an
//!   argument validator), since every error of ours carries a code: `BAD_USER_INPUT` too.
//!   Nothing else is expected; it would still get a code and keep its message, which is
//!   async-graphql's, not ours.

use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc, Mutex,
};

use async_graphql::{
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextRequest, NextResolve,
        NextValidation, ResolveInfo,
    },
    parser::types::ExecutableDocument,
    ErrorExtensionValues, Name, PathSegment, QueryPathNode, QueryPathSegment, Response,
    ServerError, ServerResult, ValidationResult, Value, Variables,
};

use super::limits::{self, LIMITS};
use crate::error::ErrorCode;

/// The schema extension of the error boundary: it checks the operation limits, codes the
/// errors of async-graphql's parse and validation phases by phase, and nulls failed fields as
/// the GraphQL specification asks (see [`Boundary::resolve`]).
pub struct ErrorBoundary;

impl ExtensionFactory for ErrorBoundary {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Boundary::default())
    }
}

/// The boundary of one request (the factory makes one per request).
#[derive(Default)]
pub struct Boundary {
    /// Whether a non-null field failed yet: until one does, resolving a field takes no lock.
    failed_non_null: AtomicBool,
    nulls: Mutex<Nulls>,
}

/// Where non-null fields failed, and where their failure has got to so far.
#[derive(Default)]
struct Nulls {
    /// The paths of the non-null fields that failed: no `null` goes in their place.
    failed: Vec<Vec<PathSegment>>,
    /// The paths of the fields whose nearest nullable parent has not been nulled yet.
    pending: Vec<Vec<PathSegment>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for Boundary {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        let nulls = std::mem::take(&mut *lock(&self.nulls));
        null_failed_fields(&mut response, &nulls);
        response
    }

    /// A failed field is `null` if it is nullable; if it is not, its parent is `null` in its
    /// place, and so on up to the nearest nullable one, or `data` itself (the specification's
    /// "handling field errors"). async-graphql leaves every failed field out of its parent
    /// object, whatever its type: a failed nullable field gets its `null` once the response
    /// is complete ([`null_failed_fields`]); a failed non-null field is noted here as pending,
    /// and each enclosing field, resolved after it, nulls itself (or the list item that holds
    /// the failure) if it may, or takes the failure over.
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let return_type = info.return_type;
        let path_node = info.path_node;
        let result = next.run(ctx, info).await;
        if result.is_ok() && !self.failed_non_null.load(Ordering::Acquire) {
            return result;
        }
        let mut nulls = lock(&self.nulls);
        match result {
            Err(error) => {
                if !is_nullable(return_type) {
                    self.failed_non_null.store(true, Ordering::Release);
                    let path = path_of(path_node);
                    nulls.failed.push(path.clone());
                    nulls.pending.push(path);
                }
                Err(error)
            }
            Ok(value) if nulls.pending.is_empty() => Ok(value),
            Ok(mut value) => {
                let path = path_of(path_node);
                let nullable = wrappers(return_type);
                let mut null_self = false;
                let mut taken_over = false;
                nulls.pending.retain(|pending| {
                    let Some(rest) = pending.strip_prefix(path.as_slice()) else {
                        return true;
                    };
                    let Some((_, indices)) = rest.split_last() else {
                        return true;
                    };
                    match nearest_nullable(&nullable, indices) {
                        Some(0) => null_self = true,
                        Some(depth) => {
                            if let Some(value) = value.as_mut() {
                                if let Some(item) = slot(value, &indices[..depth]) {
                                    *item = Value::Null;
                                }
                            }
                        }
                        None => taken_over = true,
                    }
                    false
                });
                if taken_over && !null_self {
                    nulls.pending.push(path);
                }
                if null_self {
                    Ok(Some(Value::Null))
                } else {
                    Ok(value)
                }
            }
        }
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if ctx.data_opt::<limits::Checked>().is_none() {
            // Not through the HTTP layer: check before async-graphql walks the document.
            if let Ok(document) = async_graphql::parser::parse_query(query) {
                limits::check(&document, &LIMITS).map_err(limit_error)?;
            }
        }
        match next.run(ctx, query, variables).await {
            Ok(document) => Ok(document),
            Err(mut error) => {
                // The phase also runs async-graphql's recursion and directive limits; only a
                // document that does not parse is the client's syntax error. Parsing again
                // happens only on this error path.
                let code = if async_graphql::parser::parse_query(query).is_ok() {
                    ErrorCode::QueryTooComplex
                } else {
                    ErrorCode::BadUserInput
                };
                set_code(&mut error, code);
                Err(error)
            }
        }
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await.map_err(|mut errors| {
            for error in &mut errors {
                set_code(error, ErrorCode::BadUserInput);
            }
            errors
        })?;
        if result.complexity > super::schema::MAX_COMPLEXITY {
            let (complexity, most) = (result.complexity, super::schema::MAX_COMPLEXITY);
            let message = crate::tr!(
                "The query is too complex: it may return about {complexity} values (at most {most}).",
                "Truy vấn quá phức tạp: có thể trả về khoảng {complexity} giá trị (tối đa {most})."
            );
            let mut error = ServerError::new(message.localized(), None);
            set_code(&mut error, ErrorCode::QueryTooComplex);
            return Err(vec![error]);
        }
        Ok(result)
    }
}

fn lock(nulls: &Mutex<Nulls>) -> std::sync::MutexGuard<'_, Nulls> {
    nulls
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether a type (`Unit`, `[Unit!]!`) is nullable at each level, outermost first: `[Unit!]!`
/// is `[false, false]`, `[Unit]` is `[true, true]`.
fn wrappers(ty: &str) -> Vec<bool> {
    let mut levels = Vec::new();
    let mut ty = ty;
    loop {
        let non_null = ty.strip_suffix('!');
        levels.push(non_null.is_none());
        ty = non_null.unwrap_or(ty);
        match ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(inner) => ty = inner,
            None => return levels,
        }
    }
}

fn is_nullable(ty: &str) -> bool {
    wrappers(ty)[0]
}

/// How many of `indices` lead from a field of type `nullable` to the nearest nullable value
/// that holds a failure below those list items (0: the field itself); `None` when none is.
fn nearest_nullable(nullable: &[bool], indices: &[PathSegment]) -> Option<usize> {
    let depth = indices.len().min(nullable.len().saturating_sub(1));
    (0..=depth).rev().find(|&level| nullable[level])
}

/// The path of a field being resolved, as errors name it.
fn path_of(node: &QueryPathNode<'_>) -> Vec<PathSegment> {
    let mut path: Vec<PathSegment> = std::iter::once(node)
        .chain(node.parents())
        .map(|node| match node.segment {
            QueryPathSegment::Name(name) => PathSegment::Field(name.to_owned()),
            QueryPathSegment::Index(index) => PathSegment::Index(index),
        })
        .collect();
    path.reverse();
    path
}

/// Whether a response is a request error (the query could not be executed at all): there is
/// no data and no error is tied to a field path.
pub fn is_request_error(response: &Response) -> bool {
    matches!(response.data, Value::Null)
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// Puts `null` where a nullable field failed (async-graphql leaves it out of its parent
/// object; the specification wants it present, as `null`, beside the error that names its
/// path), and makes `data` null when a failed non-null field had no nullable parent.
fn null_failed_fields(response: &mut Response, nulls: &Nulls) {
    if !nulls.pending.is_empty() {
        response.data = Value::Null;
        return;
    }
    // async-graphql makes an object whose every field failed `null`; `data` is never null
    // once execution began (an error has a path) and no failure reached it.
    if response.data == Value::Null && response.errors.iter().any(|e| !e.path.is_empty()) {
        response.data = Value::Object(Default::default());
    }
    for error in &response.errors {
        if nulls.failed.contains(&error.path) {
            continue;
        }
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
/// Gives every error of `response` that has none a code (see the module's documentation).
pub fn classify(mut response: Response) -> Response {
    for error in &mut response.errors {
        if !has_code(error) {
            set_code(error, ErrorCode::BadUserInput);
        }
    }
    response
}

/// The error of a document refused by [`limits::check`].
pub fn limit_error(exceeded: limits::Exceeded) -> ServerError {
    let mut error = ServerError::new(exceeded.message(&LIMITS).localized(), None);
    set_code(&mut error, exceeded.code());
    error
}

/// A document that does not parse, said in one line: what is wrong and where, e.g.
/// "Syntax error at line 1, column 34: expected selection." (the parser's own message spans
/// several lines of ASCII art).
pub fn syntax_error(error: ServerError) -> Response {
    let position = error.locations.first().map(|p| (p.line, p.column));
    let detail = error
        .message
        .lines()
        .find_map(|line| line.trim().strip_prefix("= "))
        .map(|d| d.trim().trim_end_matches('.').to_owned());
    let message = match (position, detail) {
        (Some((line, column)), Some(detail)) => crate::tr!(
            "Syntax error at line {line}, column {column}: {detail}.",
            "Lỗi cú pháp ở dòng {line}, cột {column}: {detail}."
        ),
        _ => crate::i18n::Text::from(error.message.replace('\n', " ")),
    };
    let mut error = ServerError {
        message: message.localized().to_owned(),
        ..error
    };
    set_code(&mut error, ErrorCode::BadUserInput);
    Response::from_errors(vec![error])
}

/// A response made of one request error with `code`.
pub fn request_error(code: ErrorCode, message: impl Into<crate::i18n::Text>) -> Response {
    let mut error = ServerError::new(message.into().localized(), None);
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
