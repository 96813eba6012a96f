//! `/metrics` in the Prometheus text format: HTTP requests by status class, GraphQL errors
//! by code, SQL statements run, and the process's uptime. Plain counters; no labels a
//! client controls, so the series stay few.

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Instant,
};

use axum::{
    extract::{Request, State},
    http::header,
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::AppState;

/// The GraphQL error codes counted (shared/API.md).
const CODES: [&str; 8] = [
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "RATE_LIMITED",
    "QUERY_TOO_COMPLEX",
    "INTERNAL",
];

/// The process's counters.
pub struct Metrics {
    started: Instant,
    /// Responses by status class: 1xx … 5xx.
    responses: [AtomicU64; 5],
    errors: [AtomicU64; CODES.len()],
    statements: Arc<AtomicU64>,
    /// Answers served from the kept public answers (`super::caching`).
    public_answers: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            started: Instant::now(),
            responses: Default::default(),
            errors: Default::default(),
            statements: Arc::new(AtomicU64::new(0)),
            public_answers: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    /// The counter the database connection's statement callback increments.
    pub fn statement_counter(&self) -> Arc<AtomicU64> {
        self.statements.clone()
    }

    /// Counts one answer served from the kept public answers.
    pub fn count_public_answer(&self) {
        self.public_answers.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts the errors of one GraphQL response by their code.
    pub fn count_errors<'a>(&self, codes: impl IntoIterator<Item = &'a str>) {
        for code in codes {
            if let Some(i) = CODES.iter().position(|c| *c == code) {
                self.errors[i].fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn render(&self, kept: (usize, usize)) -> String {
        let mut out = String::new();
        out.push_str("# HELP thidua_http_responses_total HTTP responses by status class.\n");
        out.push_str("# TYPE thidua_http_responses_total counter\n");
        for (i, counter) in self.responses.iter().enumerate() {
            out.push_str(&format!(
                "thidua_http_responses_total{{class=\"{}xx\"}} {}\n",
                i + 1,
                counter.load(Ordering::Relaxed)
            ));
        }
        out.push_str("# HELP thidua_graphql_errors_total GraphQL errors by extensions.code.\n");
        out.push_str("# TYPE thidua_graphql_errors_total counter\n");
        for (code, counter) in CODES.iter().zip(&self.errors) {
            out.push_str(&format!(
                "thidua_graphql_errors_total{{code=\"{code}\"}} {}\n",
                counter.load(Ordering::Relaxed)
            ));
        }
        out.push_str("# HELP thidua_db_statements_total SQL statements run.\n");
        out.push_str("# TYPE thidua_db_statements_total counter\n");
        out.push_str(&format!(
            "thidua_db_statements_total {}\n",
            self.statements.load(Ordering::Relaxed)
        ));
        out.push_str("# HELP thidua_public_answers_served_total Anonymous queries answered from the kept public answers.\n");
        out.push_str("# TYPE thidua_public_answers_served_total counter\n");
        out.push_str(&format!(
            "thidua_public_answers_served_total {}\n",
            self.public_answers.load(Ordering::Relaxed)
        ));
        out.push_str("# HELP thidua_public_answers_kept Public answers kept, and their bytes.\n");
        out.push_str("# TYPE thidua_public_answers_kept gauge\n");
        out.push_str(&format!("thidua_public_answers_kept {}\n", kept.0));
        out.push_str("# TYPE thidua_public_answers_kept_bytes gauge\n");
        out.push_str(&format!("thidua_public_answers_kept_bytes {}\n", kept.1));
        out.push_str("# HELP thidua_uptime_seconds Seconds since the process started.\n");
        out.push_str("# TYPE thidua_uptime_seconds gauge\n");
        out.push_str(&format!(
            "thidua_uptime_seconds {}\n",
            self.started.elapsed().as_secs()
        ));
        out
    }
}

/// Counts every response by its status class.
pub async fn count_responses(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let class = (response.status().as_u16() / 100).clamp(1, 5) as usize - 1;
    state.metrics.responses[class].fetch_add(1, Ordering::Relaxed);
    response
}

/// GET /metrics.
pub async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(state.answers.usage()),
    )
        .into_response()
}
