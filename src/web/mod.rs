//! HTTP: the router, GraphQL over HTTP, health probes.

pub mod graphql;
pub mod health;
pub mod metrics;

use std::sync::Arc;

use axum::{extract::DefaultBodyLimit, routing::get, Router};
use tower_http::trace::TraceLayer;

use crate::{
    api::ThiduaSchema, awards::live::NominationEvents, clusters::live::RankingEvents, db::Db,
    identity::Identity,
};

/// The largest request body accepted, in bytes. GraphQL documents are small; this bounds the
/// memory one request can take.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: ThiduaSchema,
    pub db: Db,
    pub identity: Identity,
    pub events: RankingEvents,
    pub nomination_events: NominationEvents,
    pub metrics: Arc<metrics::Metrics>,
}

/// The router production runs, and tests drive over real HTTP.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/graphql",
            get(graphql::get_graphql)
                .post(graphql::post_graphql)
                .fallback(graphql::method_not_allowed),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count_responses,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
