//! Failures of the HTTP layer answer with a coded JSON body (issue 8): body and URI limits,
//! a database outage while checking a token; every response carries `x-request-id`.

use crate::common::{codes, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn bodies_over_the_limit_are_413_with_a_code() {
    let app = TestApp::migrated().await;
    let padding = " ".repeat(64 * 1024 + 1);
    let response = app
        .client
        .post(app.graphql_url())
        .header("content-type", "application/json")
        .body(format!("{{\"query\":\"{{ __typename }}{padding}\"}}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn uris_too_long_are_414_with_a_code() {
    let app = TestApp::migrated().await;
    let query = format!("{{ __typename {} }}", "a: __typename ".repeat(2_000));
    let response = app
        .client
        .get(app.graphql_url())
        .query(&[("query", query)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 414);
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn a_database_outage_while_checking_a_token_is_503_not_401() {
    let app = TestApp::with_demo().await;
    let token = app.token("admin").await;
    // The router's own pools: closing them makes the database unavailable to the server.
    app.pools.reader().clone().close().await.unwrap();
    app.db.clone().close().await.unwrap();
    let response = app
        .client
        .post(app.graphql_url())
        .bearer_auth(&token)
        .json(&json!({ "query": "{ viewer { name } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "5");
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["INTERNAL"]);
    assert_eq!(
        body["errors"][0]["message"],
        "The server cannot check the token now. Try again shortly."
    );
}

#[tokio::test]
async fn responses_carry_a_request_id() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .post(app.graphql_url())
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    let made = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(made.len(), 36, "{made}");

    let response = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "client-42.a")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "client-42.a");

    let response = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "a b\"c")
        .send()
        .await
        .unwrap();
    let replaced = response.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(replaced.len(), 36, "{replaced}");
}
