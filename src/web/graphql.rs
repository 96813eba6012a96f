//! GraphQL over HTTP (the GraphQL-over-HTTP specification, as shared/API.md asks).
//!
//! - POST with a JSON body runs queries; GET runs queries from the URL and serves GraphiQL to
//!   browsers; a mutation by GET is 405.
//! - The response is `application/graphql-response+json` unless the client asks only for
//!   `application/json`. A request that cannot be executed (bad JSON, no query, a batch, a
//!   query that does not parse or validate) is 400; with `application/json`, validation
//!   failures are 200 as the specification asks for legacy clients.
//! - Batches (a JSON array) are refused: one request, one operation.

use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::{
    http::GraphiQLSource,
    parser::{parse_query, types::OperationType},
    Request, Response as GqlResponse, Variables,
};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    body::Bytes,
    extract::{rejection::QueryRejection, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
};
use serde::Deserialize;

use super::AppState;
use crate::{
    api::{
        errors::{classify, is_request_error, request_error},
        loaders::Loaders,
    },
    error::ErrorCode,
    identity,
};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

/// The media type of the response the client accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    GraphqlResponseJson,
    Json,
}

impl Media {
    fn from_headers(headers: &HeaderMap) -> Media {
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if accept.contains(JSON) && !accept.contains(GRAPHQL_RESPONSE_JSON) {
            Media::Json
        } else {
            Media::GraphqlResponseJson
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Media::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            Media::Json => "application/json; charset=utf-8",
        }
    }
}

fn respond(
    status: StatusCode,
    media: Media,
    response: &GqlResponse,
    request_error: bool,
) -> Response {
    let body = if request_error {
        serde_json::json!({ "errors": response.errors })
    } else {
        serde_json::to_value(response).unwrap_or_else(|_| serde_json::json!({ "data": null }))
    };
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(media.content_type()),
        )],
        body.to_string(),
    )
        .into_response()
}

/// A request that is refused before execution.
fn refuse(status: StatusCode, media: Media, code: ErrorCode, message: &str) -> Response {
    respond(status, media, &request_error(code, message), true)
}

async fn execute(state: &AppState, headers: &HeaderMap, request: Request) -> Response {
    let media = Media::from_headers(headers);
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or(""));
    let viewer = match identity::authenticate(&state.db, &state.identity, authorization).await {
        Ok(viewer) => viewer,
        Err(reason) => {
            tracing::info!(%reason, "token refused");
            state.metrics.count_errors(["UNAUTHENTICATED"]);
            let mut response = refuse(
                StatusCode::UNAUTHORIZED,
                media,
                ErrorCode::Unauthenticated,
                "The token is missing, malformed, expired or revoked. Sign in again.",
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
    };
    let request = request
        .data(state.db.clone())
        .data(viewer)
        .data(state.identity.clone())
        .data(state.events.clone())
        .data(state.nomination_events.clone())
        .data(Loaders::new(&state.db));
    let response = classify(state.schema.execute(request).await);
    state
        .metrics
        .count_errors(response.errors.iter().filter_map(|e| {
            e.extensions.as_ref().and_then(|ext| match ext.get("code") {
                Some(async_graphql::Value::String(code)) => Some(code.as_str()),
                _ => None,
            })
        }));
    let request_error = is_request_error(&response);
    let status = if request_error && media == Media::GraphqlResponseJson {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    respond(status, media, &response, request_error)
}

/// POST /graphql: one GraphQL request as JSON.
pub async fn post_graphql(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let media = Media::from_headers(&headers);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case(JSON) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            media,
            ErrorCode::BadUserInput,
            "Send the request as `Content-Type: application/json`.",
        );
    }
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadUserInput,
                "The body is not valid JSON.",
            )
        }
    };
    if value.is_array() {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            "Batched requests are not supported: send one operation per request.",
        );
    }
    let request: Request = match serde_json::from_value(value) {
        Ok(request) => request,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadUserInput,
                "The body must be an object with a string `query` and optional `operationName`, `variables` and `extensions`.",
            )
        }
    };
    execute(&state, &headers, request).await
}

/// Parameters of a GET request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The type of the operation `name` (or the only one) of `query`, if it parses.
fn operation_type(query: &str, name: Option<&str>) -> Option<OperationType> {
    let document = parse_query(query).ok()?;
    let mut operations = document.operations.iter();
    let operation = match name {
        Some(name) => operations.find(|(n, _)| n.is_some_and(|n| n.as_str() == name)),
        None => operations.next(),
    }?;
    Some(operation.1.node.ty)
}

/// GET /graphql: subscriptions over WebSocket (`graphql-transport-ws`), GraphiQL for
/// browsers, queries (never mutations) for everyone else.
pub async fn get_graphql(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Response {
    let (mut parts, _) = request.into_parts();
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
/// `connection_init` (`{"authorization": "Bearer …"}`); without one, the public. The viewer
/// is checked again before every event (`access::live`): a disabled user or an expired
/// token closes the socket with 4403.
async fn subscribe(state: AppState, parts: &mut axum::http::request::Parts) -> Response {
    use crate::access::live::{ClosingSink, LiveSession, Rechecked};
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
            data.insert(state.nomination_events.clone());
            GraphQLWebSocket::new_with_pair(sink, stream, executor, protocol)
                .with_data(data)
                .on_connection_init(move |payload| async move {
                    let token = ["authorization", "Authorization"].iter().find_map(|key| {
                        payload
                            .get(*key)
                            .and_then(|v| v.as_str())
                            .map(str::to_owned)
                    });
                    let viewer = session.authenticate(token).await.map_err(|reason| {
                        tracing::info!(%reason, "subscription token refused");
                        async_graphql::Error::new(
                            "The token is missing, malformed, expired or revoked.",
                        )
                    })?;
                    let mut data = async_graphql::Data::default();
                    data.insert(viewer);
                    data.insert(Loaders::new(&state.db));
                    Ok(data)
                })
                .serve()
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
            "The URL parameters are malformed.",
        );
    };
    let Some(query) = params.query else {
        if wants_html(&headers) {
            return Html(
                GraphiQLSource::build()
                    .endpoint("/graphql")
                    .title("thidua")
                    .finish(),
            )
            .into_response();
        }
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadUserInput,
            "The `query` parameter is missing.",
        );
    };
    match operation_type(&query, params.operation_name.as_deref()) {
        Some(OperationType::Query) | None => {}
        Some(_) => {
            let mut response = refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                media,
                ErrorCode::BadUserInput,
                "Only queries can be sent by GET; send mutations by POST.",
            );
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
            return response;
        }
    }
    let mut request = Request::new(query);
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
                    "`variables` must be a JSON object.",
                )
            }
        }
    }
    execute(&state, &headers, request).await
}

/// Any other method on /graphql.
pub async fn method_not_allowed(headers: HeaderMap) -> Response {
    let mut response = refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        Media::from_headers(&headers),
        ErrorCode::BadUserInput,
        "Use POST, or GET for queries.",
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
    response
}
