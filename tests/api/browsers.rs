//! What browsers and the network are told: CORS for the configured origins only, the
//! security headers on every response, GraphiQL and introspection by configuration, and
//! `/metrics` behind its token.

use reqwest::{header, Method, StatusCode};
use serde_json::json;
use thidua::web::{
    policy::{MetricsAccess, Origins},
    Settings,
};

use crate::common::TestApp;

const DASHBOARD: &str = "http://127.0.0.1:5173";

fn with_dashboard() -> Settings {
    Settings {
        cors: Origins::parse(&[DASHBOARD.to_owned()]).unwrap(),
        ..Settings::default()
    }
}

async fn preflight(app: &TestApp, origin: &str) -> reqwest::Response {
    app.client
        .request(Method::OPTIONS, app.graphql_url())
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_listed_origin_passes_the_preflight_with_authorization() {
    let app = TestApp::with_settings(with_dashboard()).await;
    let response = preflight(&app, DASHBOARD).await;
    assert!(response.status().is_success(), "{}", response.status());
    let headers = response.headers();
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], DASHBOARD);
    let allowed = headers[header::ACCESS_CONTROL_ALLOW_HEADERS]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed.contains("authorization") && allowed.contains("content-type"),
        "{allowed}"
    );
    assert!(headers[header::ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap()
        .contains("POST"));
    assert!(
        headers
            .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
            .is_none(),
        "credentials are never allowed"
    );

    // The call itself carries the origin back, and the page may read the request id.
    let token = app.token("board.camau").await;
    let response = app
        .client
        .post(app.graphql_url())
        .header(header::ORIGIN, DASHBOARD)
        .bearer_auth(token)
        .json(&json!({ "query": "{ viewer { name } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        DASHBOARD
    );
    assert!(response.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS]
        .to_str()
        .unwrap()
        .contains("x-request-id"));
}

#[tokio::test]
async fn an_origin_not_listed_gets_no_cors_headers() {
    let app = TestApp::with_settings(with_dashboard()).await;
    let response = preflight(&app, "http://127.0.0.1:9999").await;
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
    // By default no origin is listed: the preflight is not answered.
    let app = TestApp::with_demo().await;
    let response = preflight(&app, DASHBOARD).await;
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}

#[tokio::test]
async fn a_wildcard_allows_any_origin_without_credentials() {
    let app = TestApp::with_settings(Settings {
        cors: Origins::Any,
        ..Settings::default()
    })
    .await;
    let response = preflight(&app, "https://any.example.vn").await;
    assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
        .is_none());
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::with_demo().await;
    for path in ["/graphql?query=%7B__typename%7D", "/healthz", "/nowhere"] {
        let response = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        let headers = response.headers();
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
        assert!(
            headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "{path}"
        );
    }
    let app = TestApp::with_settings(Settings {
        behind_tls: true,
        ..Settings::default()
    })
    .await;
    let response = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert!(response.headers()[header::STRICT_TRANSPORT_SECURITY]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

#[tokio::test]
async fn graphiql_and_introspection_can_be_turned_off() {
    let app = TestApp::with_settings(Settings {
        graphiql: false,
        introspection: false,
        ..Settings::default()
    })
    .await;
    let page = app
        .client
        .get(app.graphql_url())
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::BAD_REQUEST);
    let asset = app
        .client
        .get(format!("{}/graphiql/graphiql.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        asset.status(),
        StatusCode::NOT_FOUND,
        "no GraphiQL, no assets"
    );
    let (_, body) = app
        .post("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(body["data"]["__schema"], serde_json::Value::Null, "{body}");
    let (_, body) = app
        .post("{ __type(name: \"Unit\") { name } }", json!({}))
        .await;
    assert_eq!(body["data"]["__type"], serde_json::Value::Null, "{body}");
    // __typename is not introspection.
    let data = app.data("{ __typename }", json!({})).await;
    assert_eq!(data["__typename"], "Query");
}

#[tokio::test]
async fn metrics_need_their_token_when_one_is_set() {
    let app = TestApp::with_settings(Settings {
        metrics: MetricsAccess::Token("m3trics-s3cret".into()),
        ..Settings::default()
    })
    .await;
    let url = format!("{}/metrics", app.base);
    let bare = app.client.get(&url).send().await.unwrap();
    assert_eq!(bare.status(), StatusCode::UNAUTHORIZED);
    let wrong = app
        .client
        .get(&url)
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app
        .client
        .get(&url)
        .bearer_auth("m3trics-s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::OK);
    assert!(right.text().await.unwrap().contains("# TYPE"));

    let app = TestApp::with_settings(Settings {
        metrics: MetricsAccess::Closed,
        ..Settings::default()
    })
    .await;
    let closed = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), StatusCode::NOT_FOUND);
}
