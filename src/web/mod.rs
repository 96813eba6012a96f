//! HTTP: the router, GraphQL over HTTP, health probes.

pub mod caching;
pub mod decisions;
pub mod documents;
pub mod exports;
pub mod files;
pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod live;
pub mod metrics;
pub mod policy;
pub mod reports;

use std::{any::Any, sync::Arc, time::Duration};

use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{api::ThiduaSchema, db::Db, error::internal_message, identity::Identity, work::Events};

/// The largest request body accepted, in bytes. GraphQL documents are small; this bounds the
/// memory one request can take.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// How long one GraphQL execution may take unless configured (`THIDUA_REQUEST_TIMEOUT`).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What the HTTP layer is configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The time limit of one GraphQL execution (queries and mutations; not the WebSocket
    /// stream of a subscription).
    pub request_timeout: Duration,
    /// GraphiQL at GET /graphql for browsers.
    pub graphiql: bool,
    /// Schema introspection.
    pub introspection: bool,
    /// Origins allowed to call the API from a browser.
    pub cors: policy::Origins,
    /// Behind TLS: responses carry `Strict-Transport-Security`.
    pub behind_tls: bool,
    /// Who may read `/metrics`.
    pub metrics: policy::MetricsAccess,
    /// Persisted documents: APQ, or only the trusted ones.
    pub documents: Arc<documents::Documents>,
    /// Where attachments are kept, and the largest one accepted.
    pub files: Arc<crate::dossiers::files::Store>,
    /// How many bytes of public answers the server keeps (see [`caching`]); 0 keeps none.
    pub public_cache_bytes: usize,
}

impl Default for Settings {
    /// As in development: GraphiQL and introspection on, no other origin, `/metrics` open.
    fn default() -> Self {
        Settings {
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            graphiql: true,
            introspection: true,
            cors: policy::Origins::None,
            behind_tls: false,
            metrics: policy::MetricsAccess::Open,
            documents: Arc::default(),
            files: Arc::new(crate::dossiers::files::Store::new(
                std::env::temp_dir().join("thidua-files"),
                crate::dossiers::files::DEFAULT_MAX_BYTES,
            )),
            public_cache_bytes: caching::DEFAULT_PUBLIC_CACHE_MIB as usize * 1024 * 1024,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: ThiduaSchema,
    pub db: Db,
    pub identity: Identity,
    pub events: Events,
    pub metrics: Arc<metrics::Metrics>,
    pub settings: Settings,
    /// The answers to anonymous queries kept since the last commit (see [`caching`]).
    pub answers: Arc<caching::PublicAnswers>,
}

/// The router production runs, and tests drive over real HTTP.
pub fn router(state: AppState) -> Router {
    let mut routes: Router<AppState> = Router::new().route(
        "/graphql",
        get(graphql::get_graphql)
            .post(graphql::post_graphql)
            .fallback(graphql::method_not_allowed),
    );
    routes = routes
        .route("/files/{id}", get(files::download))
        .route("/decisions/{file}", get(decisions::docx))
        .route("/exports/{file}", get(exports::download))
        .route("/reports/{file}", get(reports::download));
    // GraphiQL's assets only where GraphiQL is served.
    if state.settings.graphiql {
        routes = routes.route("/graphiql/{name}", get(graphiql::asset));
    }
    let routes = routes
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/metrics",
            get(metrics::metrics).layer(axum::middleware::from_fn_with_state(
                state.clone(),
                policy::guard_metrics,
            )),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count_responses,
        ));
    let mut routes = routes;
    for header in policy::security_headers(state.settings.behind_tls) {
        routes = routes.layer(header);
    }
    if let Some(cors) = policy::cors(&state.settings.cors) {
        routes = routes.layer(cors);
    }
    layered(routes.with_state(state))
}

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The layers around every route: the body limit; a request id (a sane incoming
/// `x-request-id` is kept, any other replaced by a new UUID) on the request, its span and its
/// response; the request's span, in which everything about it is logged; and a panic turned
/// into a coded 500 while the process lives on. Public so that a test can put the same layers
/// around a route that panics, which the real routes have none of.
pub fn layered(routes: Router) -> Router {
    routes
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Outside the panic's layer, so that its 500 is in the request's language too.
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(language))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::new(X_REQUEST_ID))
        .layer(SetRequestIdLayer::new(X_REQUEST_ID, MakeRequestUuid))
        .layer(axum::middleware::from_fn(drop_insane_request_id))
}

/// Serves the request in the language its `Accept-Language` prefers (see [`crate::i18n`]),
/// and says which in `Content-Language`.
async fn language(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = crate::i18n::Lang::from_accept_language(
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let mut response = crate::i18n::scope(lang, next.run(request)).await;
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    response
}

/// The span of one request; the GraphQL handler fills in the operation and the viewer.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
        operation = tracing::field::Empty,
        viewer = tracing::field::Empty,
    )
}

/// Whether an incoming request id may be kept: short, and made of characters that cannot
/// forge log lines or headers.
fn sane_request_id(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
}

async fn drop_insane_request_id(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request
        .headers()
        .get(X_REQUEST_ID)
        .is_some_and(|v| !sane_request_id(v))
    {
        request.headers_mut().remove(X_REQUEST_ID);
    }
    next.run(request).await
}

/// The response to a request whose handler panicked: `INTERNAL`, and the panic in the log.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %message, "a request handler panicked");
    let body = serde_json::json!({
        "errors": [{ "message": internal_message().localized(), "extensions": { "code": "INTERNAL" } }]
    });
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        body.to_string(),
    )
        .into_response()
}
