//! GraphiQL, served from the binary: the page GET /graphql gives browsers, and its two
//! assets under `/graphiql/`. The assets are the production build of `graphiql/` (pinned
//! versions, see graphiql/README.md), committed in `assets/graphiql/` and embedded here, so
//! the page works with no internet. The page has no inline script and carries a strict
//! Content-Security-Policy: everything it loads and connects to is this server.

use std::sync::LazyLock;

use axum::{
    extract::Path,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// The policy of the page. GraphiQL's dialogs add `<style>` elements (scroll locking, with a
/// computed gap, so no hash can allow them), hence `'unsafe-inline'` for styles only; its fonts
/// and icons are `data:` URIs inside the stylesheet; the WebSocket of subscriptions is
/// `'self'` (same host and port). No worker: GraphiQL 4's editors are CodeMirror 5.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>thidua · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/graphiql.css">
<script defer src="/graphiql/graphiql.js"></script>
</head>
<body>
<div id="graphiql" data-endpoint="/graphql">Loading GraphiQL…</div>
</body>
</html>
"#;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: [Asset; 2] = [
    Asset {
        name: "graphiql.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql/graphiql.js"),
    },
    Asset {
        name: "graphiql.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql/graphiql.css"),
    },
];

/// The strong ETag of each asset, in the order of [`ASSETS`]: a 64-bit FNV-1a hash of its
/// bytes, computed once.
static ETAGS: LazyLock<Vec<HeaderValue>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|asset| {
            let hash = asset.bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            HeaderValue::from_str(&format!("\"{hash:016x}\"")).expect("hex is a header value")
        })
        .collect()
});

/// The GraphiQL page (GET /graphql from a browser).
pub fn page() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        PAGE,
    )
        .into_response()
}

/// GET /graphiql/{name}: an embedded asset of the page, or 404.
pub async fn asset(Path(name): Path<String>) -> Response {
    let Some(index) = ASSETS.iter().position(|asset| asset.name == name) else {
        return (
            StatusCode::NOT_FOUND,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            "Not found.",
        )
            .into_response();
    };
    let asset = &ASSETS[index];
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
            (header::ETAG, ETAGS[index].clone()),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        asset.bytes,
    )
        .into_response()
}
