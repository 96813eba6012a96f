//! Liveness and readiness probes.

use axum::{extract::State, http::StatusCode};

use super::AppState;

/// 200 while the process lives.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 while the database answers, 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
