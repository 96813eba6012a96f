//! GraphQL over HTTP as shared/API.md asks: POST JSON, GET for queries and GraphiQL, 405 for
//! mutations by GET, 400 for requests that cannot execute, no batching, a body-size limit,
//! and the health probes.

use crate::common::{codes, TestApp};
use serde_json::{json, Value};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

fn content_type(response: &reqwest::Response) -> String {
    response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn post_runs_a_query_and_answers_graphql_response_json() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .post(app.graphql_url())
        .json(&json!({ "query": "{ awardType(code: \"GIAY_KHEN\") { code level } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).starts_with(GRAPHQL_RESPONSE_JSON));
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "data": { "awardType": { "code": "GIAY_KHEN", "level": "GRASSROOTS" } } })
    );
}

#[tokio::test]
async fn clients_asking_for_application_json_get_it() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .post(app.graphql_url())
        .header("accept", "application/json")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).starts_with("application/json"));
}

#[tokio::test]
async fn any_media_type_or_none_gets_application_json() {
    // graphql-http's audits 47DE and 80D8: `*/*` and a missing Accept are answered as
    // clients from before application/graphql-response+json expect.
    let app = TestApp::migrated().await;
    let bare = reqwest::Client::new();
    for accept in [Some("*/*"), None] {
        let mut request = bare
            .post(app.graphql_url())
            .json(&json!({ "query": "{ __typename }" }));
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200, "{accept:?}");
        assert!(
            content_type(&response).starts_with("application/json"),
            "{accept:?}: {}",
            content_type(&response)
        );
    }
    // A body that is no GraphQL request is 400 with application/json too.
    let response = bare
        .post(app.graphql_url())
        .json(&json!({ "variables": {} }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn get_runs_queries_with_variables() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .get(app.graphql_url())
        .query(&[
            (
                "query",
                "query Q($code: String!) { awardType(code: $code) { code } }",
            ),
            ("variables", r#"{"code":"CO_THI_DUA_TINH"}"#),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["awardType"]["code"], "CO_THI_DUA_TINH");
}

#[tokio::test]
async fn get_refuses_mutations_with_405() {
    let app = TestApp::migrated().await;
    for query in [
        "mutation { __typename }",
        "mutation M { __typename } query Q { __typename }",
    ] {
        let mut request = app.client.get(app.graphql_url()).query(&[("query", query)]);
        if query.contains("query Q") {
            request = request.query(&[("operationName", "M")]);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 405, "{query}");
        assert!(response.headers()["allow"]
            .to_str()
            .unwrap()
            .contains("POST"));
        let body: Value = response.json().await.unwrap();
        assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
        assert!(body.get("data").is_none());
    }
}

#[tokio::test]
async fn get_serves_graphiql_to_browsers() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .get(app.graphql_url())
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).starts_with("text/html"));
    assert!(response
        .text()
        .await
        .unwrap()
        .to_lowercase()
        .contains("graphiql"));
}

#[tokio::test]
async fn a_query_that_cannot_execute_is_400_without_data() {
    let app = TestApp::migrated().await;
    for query in [
        "{ provinces { code ",
        "{ noSuchField }",
        "query { awardType { code } }",
    ] {
        let (status, body) = app.post(query, json!({})).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.get("data").is_none(), "{body}");
        assert_eq!(
            codes(&body).first().map(String::as_str),
            Some("BAD_USER_INPUT"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn legacy_application_json_gets_200_for_validation_errors() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .post(app.graphql_url())
        .header("accept", "application/json")
        .json(&json!({ "query": "{ noSuchField }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

async fn raw_post(app: &TestApp, content_type: &str, body: Vec<u8>) -> (u16, Value) {
    let response = app
        .client
        .post(app.graphql_url())
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test]
async fn malformed_bodies_are_400() {
    let app = TestApp::migrated().await;
    for body in [
        &b"{not json"[..],
        b"42",
        b"{\"variables\":{}}",
        b"{\"query\":7}",
    ] {
        let (status, response) = raw_post(&app, "application/json", body.to_vec()).await;
        assert_eq!(status, 400, "{}", String::from_utf8_lossy(body));
        assert_eq!(codes(&response), ["BAD_USER_INPUT"]);
    }
}

#[tokio::test]
async fn batches_are_refused() {
    let app = TestApp::migrated().await;
    let batch = json!([{ "query": "{ __typename }" }, { "query": "{ __typename }" }]);
    let (status, body) = raw_post(&app, "application/json", batch.to_string().into_bytes()).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn other_content_types_are_415() {
    let app = TestApp::migrated().await;
    let (status, body) = raw_post(&app, "text/plain", b"{ __typename }".to_vec()).await;
    assert_eq!(status, 415);
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let app = TestApp::migrated().await;
    let padding = " ".repeat(thidua::web::MAX_BODY_BYTES + 1);
    let body = format!("{{\"query\":\"{{ __typename }}{padding}\"}}");
    let (status, _) = raw_post(&app, "application/json", body.into_bytes()).await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn other_methods_are_405() {
    let app = TestApp::migrated().await;
    let response = app.client.put(app.graphql_url()).send().await.unwrap();
    assert_eq!(response.status(), 405);
}

#[tokio::test]
async fn a_token_that_cannot_be_verified_is_401_unauthenticated() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .post(app.graphql_url())
        .bearer_auth("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
}

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::migrated().await;
    let health = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let ready = app
        .client
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);

    app.db.clone().close().await.unwrap();
    let ready = app
        .client
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    let health = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn metrics_count_responses_and_error_codes_in_prometheus_text() {
    let app = TestApp::migrated().await;
    app.client
        .post(app.graphql_url())
        .bearer_auth("not-a-token")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    app.post("{ units(first: 1000) { totalCount } }", json!({}))
        .await;
    let response = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).starts_with("text/plain; version=0.0.4"));
    let text = response.text().await.unwrap();
    assert!(
        text.contains("thidua_graphql_errors_total{code=\"UNAUTHENTICATED\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("thidua_graphql_errors_total{code=\"BAD_USER_INPUT\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("thidua_http_responses_total{class=\"4xx\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("thidua_http_responses_total{class=\"2xx\"} 1"),
        "{text}"
    );
    assert!(text.contains("# TYPE thidua_db_statements_total counter"));
}
