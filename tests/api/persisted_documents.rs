//! Persisted documents over real HTTP: Apollo's APQ protocol as its link speaks it (hash
//! first, `PERSISTED_QUERY_NOT_FOUND`, then hash and query, then hash alone, by POST or GET),
//! and the trusted-documents mode in which nothing else runs except for ADMIN.

use std::collections::HashMap;

use reqwest::StatusCode;
use serde_json::{json, Value};
use thidua::web::{
    documents::{sha256_hex, Documents},
    Settings,
};

use crate::common::TestApp;

const PROVINCES: &str = "query Provinces { provinces { code } }";

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

async fn post(app: &TestApp, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut request = app.client.post(app.graphql_url()).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
}

#[tokio::test]
async fn apq_asks_for_the_document_once_then_runs_it_by_hash() {
    let app = TestApp::with_demo().await;
    let hash = sha256_hex(PROVINCES);

    let (status, body) = post(&app, None, json!({ "extensions": persisted(&hash) })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(code(&body), "PERSISTED_QUERY_NOT_FOUND", "{body}");
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");

    let (status, body) = post(
        &app,
        None,
        json!({ "query": PROVINCES, "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["data"]["provinces"]
            .as_array()
            .is_some_and(|p| !p.is_empty()),
        "{body}"
    );

    let (status, by_hash) = post(&app, None, json!({ "extensions": persisted(&hash) })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(by_hash, body);

    // By GET too, as Apollo's link sends hashed queries when told to.
    let extensions = persisted(&hash).to_string();
    let response = app
        .client
        .get(app.graphql_url())
        .query(&[("extensions", extensions.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Value>().await.unwrap(), body);
}

#[tokio::test]
async fn a_hash_that_is_not_the_documents_is_refused() {
    let app = TestApp::with_demo().await;
    let (status, body) = post(
        &app,
        None,
        json!({ "query": PROVINCES, "extensions": persisted(&sha256_hex("{ other }")) }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(code(&body), "BAD_USER_INPUT");
    let (_, body) = post(&app, None, json!({ "extensions": { "persistedQuery": { "version": 2, "sha256Hash": sha256_hex(PROVINCES) } } })).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
}

#[tokio::test]
async fn a_mutation_by_hash_is_still_refused_by_get() {
    let app = TestApp::with_demo().await;
    let mutation = "mutation { login(input: { username: \"x\", password: \"y\" }) { token } }";
    let hash = sha256_hex(mutation);
    post(
        &app,
        None,
        json!({ "query": mutation, "extensions": persisted(&hash) }),
    )
    .await;
    let extensions = persisted(&hash).to_string();
    let response = app
        .client
        .get(app.graphql_url())
        .query(&[("extensions", extensions.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn trusted_mode_runs_only_its_documents_except_for_admins() {
    let trusted = HashMap::from([(sha256_hex(PROVINCES), PROVINCES.to_owned())]);
    let app = TestApp::with_settings(Settings {
        documents: std::sync::Arc::new(Documents::new(Some(trusted))),
        ..Settings::default()
    })
    .await;
    let hash = sha256_hex(PROVINCES);
    let (status, body) = post(&app, None, json!({ "extensions": persisted(&hash) })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["data"]["provinces"].is_array(), "{body}");
    let (_, body) = post(&app, None, json!({ "query": PROVINCES })).await;
    assert!(body["data"]["provinces"].is_array(), "{body}");

    let other = "{ units(first: 1) { totalCount } }";
    for token in [None, Some(app.token("board.camau").await)] {
        let (status, body) = post(&app, token.as_deref(), json!({ "query": other })).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(code(&body), "FORBIDDEN");
        // Nor can it be registered on the way.
        let (_, body) = post(
            &app,
            token.as_deref(),
            json!({ "query": other, "extensions": persisted(&sha256_hex(other)) }),
        )
        .await;
        assert_eq!(code(&body), "FORBIDDEN", "{body}");
        let (_, body) = post(
            &app,
            None,
            json!({ "extensions": persisted(&sha256_hex(other)) }),
        )
        .await;
        assert_eq!(code(&body), "PERSISTED_QUERY_NOT_FOUND", "{body}");
    }
    let admin = app.token("admin").await;
    let (status, body) = post(&app, Some(&admin), json!({ "query": other })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["data"]["units"]["totalCount"].is_number(), "{body}");
}
