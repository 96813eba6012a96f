//! GraphiQL ships inside the binary and works with no internet (shared/API.md, Browsers): the
//! page loads only its two embedded assets, under a strict Content-Security-Policy.

use crate::common::TestApp;

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

#[tokio::test]
async fn the_page_loads_nothing_from_elsewhere_under_a_strict_policy() {
    let app = TestApp::with_demo().await;
    let response = app
        .client
        .get(app.graphql_url())
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        "text/html; charset=utf-8"
    );
    let policy = header(&response, "content-security-policy").to_owned();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ] {
        assert!(
            policy.split(';').any(|d| d.trim() == directive),
            "{directive} missing from {policy}"
        );
    }
    assert!(!policy.contains("unsafe-eval"), "{policy}");
    assert_eq!(header(&response, "x-frame-options"), "DENY");
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let page = response.text().await.unwrap();
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{page}"
    );
    assert!(page.contains(r#"<script defer src="/graphiql/graphiql.js"></script>"#));
    assert!(page.contains(r#"<link rel="stylesheet" href="/graphiql/graphiql.css">"#));
    // No inline script: every <script> has a src.
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script defer src=").count(),
        "{page}"
    );
}

#[tokio::test]
async fn each_asset_is_served_with_its_type_and_cached() {
    let app = TestApp::with_demo().await;
    for (name, content_type, marker) in [
        ("graphiql.js", "text/javascript; charset=utf-8", "graphiql"),
        (
            "graphiql.css",
            "text/css; charset=utf-8",
            ".graphiql-container",
        ),
    ] {
        let url = format!("{}/graphiql/{name}", app.base);
        let response = app.client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{name}");
        assert_eq!(header(&response, "content-type"), content_type);
        assert_eq!(header(&response, "cache-control"), "public, max-age=86400");
        let etag = header(&response, "etag").to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2,
            "{etag}"
        );
        let body = response.text().await.unwrap();
        assert!(body.len() > 10_000, "{name} is {} bytes", body.len());
        assert!(body.contains(marker), "{name}");
        // The same bytes, the same tag.
        let again = app.client.get(&url).send().await.unwrap();
        assert_eq!(header(&again, "etag"), etag);
    }
    let js = app.client.get(format!("{}/graphiql/graphiql.js", app.base));
    let css = app
        .client
        .get(format!("{}/graphiql/graphiql.css", app.base));
    let (js, css) = (js.send().await.unwrap(), css.send().await.unwrap());
    assert_ne!(header(&js, "etag"), header(&css, "etag"));
}

#[tokio::test]
async fn an_unknown_asset_is_404() {
    let app = TestApp::with_demo().await;
    for name in [
        "graphiql.map",
        "index.html",
        "..%2Fschema.graphql",
        "GRAPHIQL.JS",
    ] {
        let response = app
            .client
            .get(format!("{}/graphiql/{name}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{name}");
    }
    let response = app
        .client
        .get(format!("{}/graphiql/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}
