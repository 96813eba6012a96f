//! GraphQL over HTTP (the GraphQL-over-HTTP specification, as shared/API.md asks).
//!
//! - POST with a JSON body runs queries; GET runs queries from the URL and serves GraphiQL to
//!   browsers; a mutation by GET is 405.
//! - The response is `application/graphql-response+json` unless the client asks only for
//!   `application/json`. A request that cannot be executed (bad JSON, no query, a batch, a
//!   query that does not parse or validate) is 400; with `application/json`, validation
//!   failures are 200 as the specification asks for legacy clients.
//! - Batches (a JSON array) are refused: one request, one operation.
//! - A NUL character anywhere in the document or the variables is refused here, once
//!   (`BAD_USER_INPUT`): PostgreSQL cannot store one in text.
//! - A body over [`super::MAX_BODY_BYTES`] is 413, a URI over [`MAX_URI_BYTES`] is 414; an
//!   execution longer than the configured time limit is 503 (`INTERNAL`); a token that cannot
//!   be checked because the database is down is 503 (`INTERNAL`) with `Retry-After`. All with a
//!   coded JSON body.

use std::collections::BTreeMap;

use async_graphql::http::{MultipartOptions, ALL_WEBSOCKET_PROTOCOLS};
use async_graphql::{
    parser::{parse_query, types::OperationType},
    ParseRequestError, Request, Response as GqlResponse, Variables,
};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    body::Bytes,
    extract::{rejection::QueryRejection, FromRequest, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};

use super::{documents::Trust, AppState};
use crate::{
    api::{
        document,
        errors::{classify, is_request_error, limit_error, request_error, syntax_error},
        limits::{self, LIMITS},
        loaders::Loaders,
    },
    error::ErrorCode,
    identity::{self, AuthError},
};

/// The longest request URI accepted (a GET query travels in it), in bytes; below hyper's own
/// limit, so that the refusal has a body.
pub const MAX_URI_BYTES: usize = 16 * 1024;

/// How long a client that met a database outage should wait before trying again, in seconds.
const RETRY_AFTER_SECONDS: &str = "5";

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
const JSON: &str = "application/json";
const MULTIPART: &str = "multipart/form-data";

/// The media type of the response the client accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    GraphqlResponseJson,
    Json,
}

impl Media {
    /// `application/graphql-response+json` when the client names it (and does not refuse it
    /// with `q=0`), `application/json` otherwise: for `application/json`, for `*/*` and for no
    /// `Accept` at all, as the GraphQL-over-HTTP specification asks for clients that predate it.
    fn from_headers(headers: &HeaderMap) -> Media {
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let names_graphql_response = accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let media = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            media.eq_ignore_ascii_case(GRAPHQL_RESPONSE_JSON) && !refused
        });
        if names_graphql_response {
            Media::GraphqlResponseJson
        } else {
            Media::Json
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Media::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            Media::Json => "application/json; charset=utf-8",
        }
    }
}

/// The body of a response as the GraphQL-over-HTTP specification shapes it: no `data` at all
/// for a request error. Serialized straight from async-graphql's values, so that fields keep
/// the order of the query.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a async_graphql::Value>,
    #[serde(skip_serializing_if = "no_errors")]
    errors: &'a [async_graphql::ServerError],
    #[serde(skip_serializing_if = "no_extensions")]
    extensions: &'a BTreeMap<String, async_graphql::Value>,
}

fn no_errors(errors: &&[async_graphql::ServerError]) -> bool {
    errors.is_empty()
}

fn no_extensions(extensions: &&BTreeMap<String, async_graphql::Value>) -> bool {
    extensions.is_empty()
}

fn respond(
    status: StatusCode,
    media: Media,
    response: &GqlResponse,
    request_error: bool,
) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(media.content_type()),
        )],
        body_of(response, request_error),
    )
        .into_response()
}

/// The JSON body of `response`.
fn body_of(response: &GqlResponse, request_error: bool) -> Vec<u8> {
    let body = Body {
        data: (!request_error).then_some(&response.data),
        errors: &response.errors,
        extensions: &response.extensions,
    };
    match serde_json::to_vec(&body) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "response not serializable");
            serde_json::json!({
                "errors": [{
                    "message": crate::error::internal_message().localized(),
                    "extensions": { "code": "INTERNAL" }
                }]
            })
            .to_string()
            .into_bytes()
        }
    }
}

/// A request that is refused before execution.
fn refuse(
    status: StatusCode,
    media: Media,
    code: ErrorCode,
    message: impl Into<crate::i18n::Text>,
) -> Response {
    respond(status, media, &request_error(code, message), true)
}

/// Whether the document, the operation name or a variable (name or value) holds a NUL.
fn has_nul(request: &Request) -> bool {
    fn in_value(value: &async_graphql::Value) -> bool {
        match value {
            async_graphql::Value::String(s) => s.contains('\0'),
            async_graphql::Value::List(items) => items.iter().any(in_value),
            async_graphql::Value::Object(map) => map
                .iter()
                .any(|(key, value)| key.contains('\0') || in_value(value)),
            _ => false,
        }
    }
    request.query.contains('\0')
        || request
            .operation_name
            .as_deref()
            .is_some_and(|name| name.contains('\0'))
        || request
            .variables
            .iter()
            .any(|(name, value)| name.contains('\0') || in_value(value))
}

/// Fills in a persisted document (see [`super::documents`]); the refusal to send otherwise.
fn resolve_document(
    state: &AppState,
    media: Media,
    request: &mut Request,
) -> Result<Trust, Box<Response>> {
    state
        .settings
        .documents
        .resolve(request)
        .map_err(|refusal| {
            state.metrics.count_errors([refusal.code.as_str()]);
            // 200, as Apollo's clients expect to fall back on; never cached on the way.
            let status = if refusal.code == ErrorCode::PersistedQueryNotFound {
                StatusCode::OK
            } else {
                StatusCode::BAD_REQUEST
            };
            let mut response = refuse(status, media, refusal.code, refusal.message);
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache, must-revalidate"),
            );
            Box::new(response)
        })
}

async fn execute(
    state: &AppState,
    headers: &HeaderMap,
    mut request: Request,
    trust: Trust,
) -> Response {
    let media = Media::from_headers(headers);
    if has_nul(&request) {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The request holds a NUL character (U+0000), which no text may contain.",
                "Yêu cầu chứa ký tự NUL (U+0000), là ký tự không văn bản nào được phép có."
            ),
        );
    }
    if let Some(name) = &request.operation_name {
        tracing::Span::current().record("operation", name.as_str());
    }
    // An anonymous query's answer is everyone's: the one kept since the last commit serves.
    let anonymous = !headers.contains_key(header::AUTHORIZATION) && trust == Trust::Anyone;
    let commits = state.events.commits.count();
    let public_key = anonymous
        .then(|| super::caching::key(&request, media.content_type(), crate::i18n::current()));
    if let Some(answer) = public_key
        .as_ref()
        .and_then(|key| state.answers.get(key, commits))
    {
        state.metrics.count_public_answer();
        return answer.response();
    }
    // Parsed once (GET did it already) and checked against the operation limits before
    // async-graphql sees it; async-graphql then uses this parsed document.
    let operation_name = request.operation_name.clone();
    let variables = std::mem::take(&mut request.variables);
    let mut order = document::Order::default();
    let mut is_query = false;
    let refusal = match request.parsed_query() {
        Ok(document) => match limits::check(document, &LIMITS) {
            Err(exceeded) => Some(GqlResponse::from_errors(vec![limit_error(exceeded)])),
            Ok(()) => {
                order = document::order(document, operation_name.as_deref());
                is_query = document::operation(document, operation_name.as_deref())
                    .is_some_and(|operation| operation.ty == OperationType::Query);
                document::missing_required_variable(document, operation_name.as_deref(), &variables)
                    .map(|name| {
                        request_error(
                            ErrorCode::BadUserInput,
                            crate::tr!(
                                "The variable `${name}` is required and was not given a value.",
                                "Biến `${name}` là bắt buộc nhưng chưa được gán giá trị."
                            ),
                        )
                    })
            }
        },
        Err(error) => Some(syntax_error(error)),
    };
    request.variables = variables;
    if let Some(response) = refusal {
        count_codes(state, &response);
        let status = match media {
            Media::GraphqlResponseJson => StatusCode::BAD_REQUEST,
            Media::Json => StatusCode::OK,
        };
        return respond(status, media, &response, true);
    }
    let request = request.data(limits::Checked);
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or(""));
    let viewer = match identity::authenticate(&state.db, &state.identity, authorization).await {
        Ok(viewer) => viewer,
        Err(AuthError::Unavailable(cause)) => {
            tracing::error!(error = %cause, "token not checked: the database is unavailable");
            state.metrics.count_errors(["INTERNAL"]);
            let mut response = refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                media,
                ErrorCode::Internal,
                crate::tr!(
                    "The server cannot check the token now. Try again shortly.",
                    "Máy chủ hiện không kiểm tra được mã xác thực (token). Hãy thử lại sau ít phút."
                ),
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
            return response;
        }
        Err(AuthError::Refused(reason)) => {
            tracing::info!(%reason, "token refused");
            state.metrics.count_errors(["UNAUTHENTICATED"]);
            let mut response = refuse(
                StatusCode::UNAUTHORIZED,
                media,
                ErrorCode::Unauthenticated,
                crate::tr!(
                    "The token is missing, malformed, expired or revoked. Sign in again.",
                    "Mã xác thực (token) bị thiếu, sai định dạng, đã hết hạn hoặc đã bị thu hồi. Hãy đăng nhập lại."
                ),
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
    };
    tracing::Span::current().record("viewer", viewer.name.as_str());
    if trust == Trust::AdminOnly && viewer.role != Some(entity::enums::Role::Admin) {
        state.metrics.count_errors(["FORBIDDEN"]);
        return refuse(
            StatusCode::FORBIDDEN,
            media,
            ErrorCode::Forbidden,
            crate::tr!(
                "Only the server's trusted documents run here.",
                "Máy chủ này chỉ chạy các truy vấn nằm trong danh sách tin cậy."
            ),
        );
    }
    let request = with_request_data(request, state, viewer);
    let response = match tokio::time::timeout(
        state.settings.request_timeout,
        state.schema.execute(request),
    )
    .await
    {
        Ok(response) => {
            let mut response = classify(response);
            document::apply(&order, &mut response.data);
            response
        }
        Err(_) => {
            tracing::warn!(
                limit = ?state.settings.request_timeout,
                "request stopped at its time limit"
            );
            state.metrics.count_errors(["INTERNAL"]);
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                media,
                ErrorCode::Internal,
                crate::tr!(
                    "The request took longer than the server allows and was stopped.",
                    "Yêu cầu chạy quá thời gian máy chủ cho phép nên đã bị dừng."
                ),
            );
        }
    };
    log_errors(&response);
    count_codes(state, &response);
    let request_error = is_request_error(&response);
    if let Some(key) = public_key.filter(|_| is_query && response.errors.is_empty()) {
        let answer = super::caching::Answer::new(
            body_of(&response, false),
            HeaderValue::from_static(media.content_type()),
            commits,
        );
        state.answers.put(key, answer.clone());
        return answer.response();
    }
    let status = if request_error && media == Media::GraphqlResponseJson {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    respond(status, media, &response, request_error)
}

fn count_codes(state: &AppState, response: &GqlResponse) {
    state
        .metrics
        .count_errors(response.errors.iter().filter_map(|e| {
            e.extensions.as_ref().and_then(|ext| match ext.get("code") {
                Some(async_graphql::Value::String(code)) => Some(code.as_str()),
                _ => None,
            })
        }));
}

/// Logs the errors of a response once, here at the boundary, inside the request's span.
fn log_errors(response: &GqlResponse) {
    for error in &response.errors {
        let code = error
            .extensions
            .as_ref()
            .and_then(|ext| match ext.get("code") {
                Some(async_graphql::Value::String(code)) => Some(code.as_str()),
                _ => None,
            });
        let cause = error.source::<crate::error::Cause>();
        match cause {
            Some(cause) => tracing::error!(
                code,
                path = ?error.path,
                error = %cause,
                "request failed"
            ),
            None => {
                tracing::info!(code, path = ?error.path, message = %error.message, "request error")
            }
        }
    }
}

/// POST /graphql: one GraphQL request as JSON, or as a GraphQL multipart request (the
/// multipart request specification) when it uploads files.
pub async fn post_graphql(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Response {
    let headers = request.headers().clone();
    let media = Media::from_headers(&headers);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case(MULTIPART) {
        return post_multipart(state, headers, request.into_body()).await;
    }
    let body = Bytes::from_request(request, &state).await;
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "The body is larger than the 64 KiB the server accepts.",
                    "Nội dung yêu cầu lớn hơn mức 64 KiB mà máy chủ chấp nhận."
                ),
            )
        }
        Err(rejection) => {
            return refuse(
                rejection.status(),
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "The body could not be read.",
                    "Không đọc được nội dung yêu cầu."
                ),
            )
        }
    };
    if !essence.eq_ignore_ascii_case(JSON) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "Send the request as `Content-Type: application/json` (or `multipart/form-data` to upload files).",
                "Hãy gửi yêu cầu với `Content-Type: application/json` (hoặc `multipart/form-data` khi tải tệp lên)."
            ),
        );
    }
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "The body is not valid JSON.",
                    "Nội dung yêu cầu không phải là JSON hợp lệ."
                ),
            )
        }
    };
    if value.is_array() {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "Batched requests are not supported: send one operation per request.",
                "Không hỗ trợ gửi gộp nhiều yêu cầu (batch): mỗi yêu cầu chỉ gửi một thao tác."
            ),
        );
    }
    // A request with neither a document nor a persisted one's hash is not a GraphQL request
    // at all: 400 whatever the media type.
    let has_document = value.get("query").is_some_and(|q| !q.is_null())
        || value.pointer("/extensions/persistedQuery").is_some();
    if !has_document {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The body has no `query`.",
                "Nội dung yêu cầu không có `query`."
            ),
        );
    }
    let mut request: Request = match serde_json::from_value(value) {
        Ok(request) => request,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "The body must be an object with a string `query` and optional `operationName`, `variables` and `extensions`.",
                    "Nội dung yêu cầu phải là một đối tượng có trường `query` kiểu chuỗi; các trường `operationName`, `variables` và `extensions` không bắt buộc."
                ),
            )
        }
    };
    match resolve_document(&state, media, &mut request) {
        Ok(trust) => super::caching::no_store(execute(&state, &headers, request, trust).await),
        Err(refusal) => *refusal,
    }
}

/// The most files one multipart request may carry.
pub const MAX_FILES_PER_REQUEST: usize = 5;

/// A GraphQL multipart request (`operations`, `map`, then the files): only signed in (so that
/// no page of another site can send one in a viewer's name: the API reads bearer tokens, which
/// a browser never adds by itself), each file at most the store's limit, the body at most
/// [`MAX_FILES_PER_REQUEST`] of them. Files are kept in unnamed temporary files while the
/// request runs and vanish with it; a request cut off or over the limit runs nothing.
async fn post_multipart(state: AppState, headers: HeaderMap, body: axum::body::Body) -> Response {
    let media = Media::from_headers(&headers);
    if headers.get(header::AUTHORIZATION).is_none() {
        state.metrics.count_errors(["UNAUTHENTICATED"]);
        let mut response = refuse(
            StatusCode::UNAUTHORIZED,
            media,
            ErrorCode::Unauthenticated,
            crate::tr!(
                "Sign in to upload: a multipart request needs `Authorization: Bearer …`.",
                "Hãy đăng nhập để tải tệp lên: yêu cầu multipart cần có `Authorization: Bearer …`."
            ),
        );
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    let max_file = usize::try_from(state.settings.files.max_bytes()).unwrap_or(usize::MAX);
    let max_body = max_file
        .saturating_mul(MAX_FILES_PER_REQUEST)
        .saturating_add(super::MAX_BODY_BYTES);
    let mib = state.settings.files.max_bytes() / (1024 * 1024);
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "A file is larger than the {mib} MiB the server accepts, or the request carries more than {MAX_FILES_PER_REQUEST} files.",
                "Có tệp lớn hơn mức {mib} MiB mà máy chủ chấp nhận, hoặc yêu cầu có quá {MAX_FILES_PER_REQUEST} tệp."
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max_body) {
        return too_large();
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = axum::body::Body::new(http_body_util::Limited::new(body, max_body));
    let reader = body
        .into_data_stream()
        .map_err(std::io::Error::other)
        .into_async_read();
    let options = MultipartOptions::default()
        .max_file_size(max_file)
        .max_num_files(MAX_FILES_PER_REQUEST);
    let mut request = match async_graphql::http::receive_body(content_type, reader, options).await {
        Ok(request) => request,
        Err(ParseRequestError::PayloadTooLarge) => return too_large(),
        Err(ParseRequestError::UnsupportedBatch) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "Batched requests are not supported: send one operation per request.",
                    "Không hỗ trợ gửi gộp nhiều yêu cầu (batch): mỗi yêu cầu chỉ gửi một thao tác."
                ),
            )
        }
        Err(error) => {
            tracing::info!(%error, "multipart request refused");
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "The multipart request is malformed or cut off: it needs the fields `operations` and `map`, then every file the map names (the GraphQL multipart request specification).",
                    "Yêu cầu multipart sai định dạng hoặc bị cắt ngang: cần có trường `operations` và `map`, sau đó là mọi tệp mà `map` nêu (đặc tả GraphQL multipart request)."
                ),
            );
        }
    };
    if request.query.is_empty() && !request.extensions.contains_key("persistedQuery") {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The body has no `query`.",
                "Nội dung yêu cầu không có `query`."
            ),
        );
    }
    match resolve_document(&state, media, &mut request) {
        Ok(trust) => super::caching::no_store(execute(&state, &headers, request, trust).await),
        Err(refusal) => *refusal,
    }
}

/// Parameters of a GET request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// GET /graphql: subscriptions over WebSocket (`graphql-transport-ws`), GraphiQL for
/// browsers, queries (never mutations) for everyone else.
pub async fn get_graphql(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Response {
    let (mut parts, _) = request.into_parts();
    if parts.uri.to_string().len() > MAX_URI_BYTES {
        return refuse(
            StatusCode::URI_TOO_LONG,
            Media::from_headers(&parts.headers),
            ErrorCode::BadUserInput,
            crate::tr!(
                "The URI is longer than the 16 KiB the server accepts: send the query by POST.",
                "URI dài hơn mức 16 KiB mà máy chủ chấp nhận: hãy gửi truy vấn bằng POST."
            ),
        );
    }
    let upgrade = parts
        .headers
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    if upgrade {
        return subscribe(state, &mut parts).await;
    }
    let params = Query::<GetParams>::try_from_uri(&parts.uri);
    query_by_get(state, parts.headers, params).await
}

/// Upgrades to a `graphql-transport-ws` connection, authenticated by the token in
/// `connection_init` (`{"authorization": "Bearer …"}`, any case, or inside `"headers"`);
/// with an empty payload, the public; any other payload closes with 4400, a refused token
/// with 4403. The viewer
/// is checked again before every event (`web::live`): a disabled user or an expired
/// token closes the socket with 4403.
async fn subscribe(state: AppState, parts: &mut axum::http::request::Parts) -> Response {
    use super::live::{
        credentials_of, ClosingSink, LiveSession, Rechecked, CLOSE_BAD_REQUEST, CLOSE_FORBIDDEN,
    };
    use axum::extract::{ws::WebSocketUpgrade, FromRequestParts};
    use futures_util::StreamExt;
    let protocol = match GraphQLProtocol::from_request_parts(parts, &()).await {
        Ok(protocol) => protocol,
        Err(status) => return status.into_response(),
    };
    let upgrade = match WebSocketUpgrade::from_request_parts(parts, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    // The socket's messages stay in the language of the request that opened it.
    let lang = crate::i18n::current();
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            let session = LiveSession::new(state.db.clone(), state.identity.clone());
            let executor = Rechecked {
                inner: state.schema.clone(),
                session: session.clone(),
            };
            let (sink, stream) = socket.split();
            let sink = ClosingSink::new(sink, session.clone());
            let mut data = async_graphql::Data::default();
            data.insert(state.db.clone());
            data.insert(state.identity.clone());
            data.insert(state.events.clone());
            let socket = GraphQLWebSocket::new_with_pair(sink, stream, executor, protocol)
                .with_data(data)
                .on_connection_init(move |payload| async move {
                    let token = credentials_of(&payload).map_err(|reason| {
                        session.refuse(CLOSE_BAD_REQUEST, &reason);
                        async_graphql::Error::new(reason.localized())
                    })?;
                    let viewer = session.authenticate(token).await.map_err(|reason| {
                        tracing::info!(%reason, "subscription token refused");
                        let message = crate::tr!(
                            "Forbidden: the token is malformed, expired or revoked.",
                            "Bị từ chối: mã xác thực (token) sai định dạng, đã hết hạn hoặc đã bị thu hồi."
                        );
                        session.refuse(CLOSE_FORBIDDEN, &message);
                        async_graphql::Error::new(message.localized())
                    })?;
                    let mut data = async_graphql::Data::default();
                    data.insert(viewer);
                    data.insert(Loaders::new(&state.db));
                    Ok(data)
                })
                .serve();
            crate::i18n::scope(lang, socket)
        })
}

async fn query_by_get(
    state: AppState,
    headers: HeaderMap,
    params: Result<Query<GetParams>, QueryRejection>,
) -> Response {
    let media = Media::from_headers(&headers);
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The URL parameters are malformed.",
                "Tham số trên URL sai định dạng."
            ),
        );
    };
    if params.query.is_none() && params.extensions.is_none() {
        if wants_html(&headers) && state.settings.graphiql {
            return super::graphiql::page();
        }
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The `query` parameter is missing.",
                "Thiếu tham số `query`."
            ),
        );
    }
    let mut request = Request::new(params.query.unwrap_or_default());
    if let Some(extensions) = params.extensions {
        match serde_json::from_str::<async_graphql::Extensions>(&extensions) {
            Ok(extensions) => request.extensions = extensions,
            Err(_) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    media,
                    ErrorCode::BadUserInput,
                    crate::tr!(
                        "`extensions` must be a JSON object.",
                        "`extensions` phải là một đối tượng JSON."
                    ),
                )
            }
        }
    }
    let trust = match resolve_document(&state, media, &mut request) {
        Ok(trust) => trust,
        Err(refusal) => return *refusal,
    };
    // Parsed once: for the operation's type here, and handed to async-graphql.
    let document = parse_query(&request.query).ok();
    let operation = document.as_ref().and_then(|document| {
        document::operation(document, params.operation_name.as_deref()).map(|o| o.ty)
    });
    match operation {
        Some(OperationType::Query) | None => {}
        Some(_) => {
            let mut response = refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                media,
                ErrorCode::BadUserInput,
                crate::tr!(
                    "Only queries can be sent by GET; send mutations by POST.",
                    "Chỉ truy vấn (query) mới được gửi bằng GET; hãy gửi thao tác thay đổi dữ liệu (mutation) bằng POST."
                ),
            );
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
            return response;
        }
    }
    if let Some(document) = document {
        request.set_parsed_query(document);
    }
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = params.variables {
        match serde_json::from_str::<serde_json::Value>(&variables) {
            Ok(value @ serde_json::Value::Object(_)) => {
                request = request.variables(Variables::from_json(value))
            }
            _ => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    media,
                    ErrorCode::BadUserInput,
                    crate::tr!(
                        "`variables` must be a JSON object.",
                        "`variables` phải là một đối tượng JSON."
                    ),
                )
            }
        }
    }
    let response = execute(&state, &headers, request, trust).await;
    super::caching::for_get(&headers, response)
}

/// Any other method on /graphql.
pub async fn method_not_allowed(headers: HeaderMap) -> Response {
    let mut response = refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        Media::from_headers(&headers),
        ErrorCode::BadUserInput,
        crate::tr!(
            "Use POST, or GET for queries.",
            "Hãy dùng POST, hoặc dùng GET cho truy vấn (query)."
        ),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
    response
}

/// `request` with what resolvers read: the database, the viewer, identity, events, the file
/// store and fresh loaders.
pub fn with_request_data(
    request: async_graphql::Request,
    state: &AppState,
    viewer: crate::access::Viewer,
) -> async_graphql::Request {
    request
        .data(state.db.clone())
        .data(viewer)
        .data(state.identity.clone())
        .data(state.events.clone())
        .data(state.settings.files.clone())
        .data(Loaders::new(&state.db))
}
