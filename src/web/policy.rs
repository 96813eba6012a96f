//! What browsers and the network are told: which other origins may call the API (CORS),
//! the security headers every response carries, and who may read `/metrics`.

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_http::{
    cors::{AllowOrigin, CorsLayer},
    set_header::SetResponseHeaderLayer,
};

use super::AppState;

/// Origins allowed to call the API from a browser (`THIDUA_CORS_ORIGINS`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origins {
    /// None: the browser refuses every cross-origin call (the default).
    #[default]
    None,
    /// Any origin (`*`). Never with credentials: the API reads bearer tokens, not cookies.
    Any,
    /// These origins, exactly (scheme, host and port).
    List(Vec<HeaderValue>),
}

impl Origins {
    /// Parses the configured list; an entry that is not an origin is an error at start-up.
    pub fn parse(entries: &[String]) -> Result<Origins, String> {
        let entries: Vec<&str> = entries
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        if entries.is_empty() {
            return Ok(Origins::None);
        }
        if entries == ["*"] {
            return Ok(Origins::Any);
        }
        entries
            .into_iter()
            .map(|entry| {
                let origin = entry.trim_end_matches('/');
                let well_formed = (origin.starts_with("http://") || origin.starts_with("https://"))
                    && !origin["https://".len().min(origin.len())..].contains('/');
                if !well_formed || origin == "*" {
                    return Err(format!(
                        "THIDUA_CORS_ORIGINS: `{entry}` is not an origin such as https://app.example.vn"
                    ));
                }
                HeaderValue::from_str(origin).map_err(|_| format!("THIDUA_CORS_ORIGINS: `{entry}`"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Origins::List)
    }
}

/// The CORS layer for `origins`: preflights answered for GET and POST with `Authorization`,
/// `Content-Type`, `Accept`, `Accept-Language` and `If-None-Match`; `x-request-id` and
/// `ETag` readable by the page. No layer at all when no origin is allowed.
pub fn cors(origins: &Origins) -> Option<CorsLayer> {
    let allow = match origins {
        Origins::None => return None,
        Origins::Any => AllowOrigin::any(),
        Origins::List(list) => AllowOrigin::list(list.clone()),
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                header::ACCEPT_LANGUAGE,
                header::IF_NONE_MATCH,
                HeaderName::from_static("x-request-id"),
            ])
            .expose_headers([header::ETAG, HeaderName::from_static("x-request-id")])
            .max_age(std::time::Duration::from_secs(600)),
    )
}

/// The headers every response carries (a handler's own value wins: the GraphiQL page sets
/// its own policy).
pub fn security_headers(behind_tls: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut layers = vec![
        SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ),
    ];
    if behind_tls {
        layers.push(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    layers
}

/// Who may read `/metrics`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MetricsAccess {
    /// Anyone who reaches the server (development).
    #[default]
    Open,
    /// Whoever sends `Authorization: Bearer <token>` (`THIDUA_METRICS_TOKEN`).
    Token(String),
    /// Nobody: `/metrics` answers 404 (production without a token).
    Closed,
}

/// Guards `/metrics` per [`MetricsAccess`]: 404 when closed, 401 without the right token.
pub async fn guard_metrics(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    match &state.settings.metrics {
        MetricsAccess::Open => next.run(request).await,
        MetricsAccess::Closed => StatusCode::NOT_FOUND.into_response(),
        MetricsAccess::Token(token) => {
            let given = request
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .unwrap_or("");
            if same_secret(given, token) {
                next.run(request).await
            } else {
                (
                    StatusCode::UNAUTHORIZED,
                    [(header::WWW_AUTHENTICATE, "Bearer")],
                )
                    .into_response()
            }
        }
    }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    use subtle::ConstantTimeEq;
    let given = Sha256::digest(given.as_bytes());
    let expected = Sha256::digest(expected.as_bytes());
    given.ct_eq(&expected).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_parsed_strictly() {
        assert_eq!(Origins::parse(&[]).unwrap(), Origins::None);
        assert_eq!(Origins::parse(&[" ".into()]).unwrap(), Origins::None);
        assert_eq!(Origins::parse(&["*".into()]).unwrap(), Origins::Any);
        assert_eq!(
            Origins::parse(&[
                "https://a.example.vn/".into(),
                "http://localhost:5173".into()
            ])
            .unwrap(),
            Origins::List(vec![
                HeaderValue::from_static("https://a.example.vn"),
                HeaderValue::from_static("http://localhost:5173"),
            ])
        );
        for bad in ["a.example.vn", "https://a.example.vn/app", "ftp://x"] {
            assert!(Origins::parse(&[bad.into()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("s3cret", "s3cret"));
        assert!(!same_secret("s3cre", "s3cret"));
        assert!(!same_secret("", "s3cret"));
    }
}
