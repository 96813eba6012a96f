//! Operation limits and the error boundary: depth, complexity, page size, and no internal
//! text ever reaching a client.

mod common;

use common::{codes, TestApp};
use sea_orm::ConnectionTrait;
use serde_json::json;

#[tokio::test]
async fn queries_nested_too_deep_are_query_too_complex() {
    let app = TestApp::migrated().await;
    let mut selection = String::from("code");
    for _ in 0..14 {
        selection = format!("parent {{ {selection} }}");
    }
    let query = format!("{{ unit(code: \"X\") {{ {selection} }} }}");
    let (status, body) = app.post(&query, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["QUERY_TOO_COMPLEX"]);
}

#[tokio::test]
async fn large_pages_of_wide_selections_are_query_too_complex() {
    let app = TestApp::migrated().await;
    let fields: String = (0..60).map(|i| format!("f{i}: code ")).collect();
    let query = format!("{{ units(first: 100) {{ edges {{ node {{ {fields} }} }} }} }}");
    let (status, body) = app.post(&query, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["QUERY_TOO_COMPLEX"]);

    // The same selection on a small page is fine.
    let query = format!("{{ units(first: 5) {{ edges {{ node {{ {fields} }} }} }} }}");
    let (status, body) = app.post(&query, json!({})).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn pages_over_a_hundred_are_bad_user_input() {
    let app = TestApp::migrated().await;
    for (field, size) in [("first", 101), ("last", 1000), ("first", -1)] {
        let query = format!("{{ units({field}: {size}) {{ totalCount }} }}");
        let (status, body) = app.post(&query, json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{field}: {size}");
        assert_eq!(body["errors"][0]["path"], json!(["units"]));
    }
    let (_, body) = app
        .post("{ units(first: 100) { totalCount } }", json!({}))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn foreign_ids_and_cursors_are_bad_user_input() {
    let app = TestApp::migrated().await;
    let codes = app
        .error_codes("{ node(id: \"not-an-id\") { id } }", json!({}))
        .await;
    assert_eq!(codes, ["BAD_USER_INPUT"]);
    let codes = app
        .error_codes("{ units(after: \"bogus\") { totalCount } }", json!({}))
        .await;
    assert_eq!(codes, ["BAD_USER_INPUT"]);
    let ids: Vec<String> = (0..101).map(|i| format!("id{i}")).collect();
    let codes = app
        .error_codes(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ids }),
        )
        .await;
    assert_eq!(codes, ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn variables_of_the_wrong_type_are_bad_user_input() {
    let app = TestApp::migrated().await;
    let (status, body) = app
        .post(
            "query($n: Int) { units(first: $n) { totalCount } }",
            json!({ "n": "ten" }),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let codes = codes(&body);
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c == "BAD_USER_INPUT"),
        "{body}"
    );
}

#[tokio::test]
async fn database_failures_are_internal_and_say_nothing_of_internals() {
    let app = TestApp::migrated().await;
    app.db
        .execute_unprepared("ALTER TABLE term RENAME TO term_moved_away")
        .await
        .unwrap();
    let (status, body) = app
        .post(
            "{ terms { totalCount edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(codes(&body), ["INTERNAL"]);
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert_eq!(message, thidua::error::INTERNAL_MESSAGE);
    let error = body["errors"][0].as_object().unwrap();
    let keys: Vec<&str> = error.keys().map(String::as_str).collect();
    assert_eq!(keys, ["extensions", "locations", "message", "path"]);
    assert_eq!(error["extensions"], json!({ "code": "INTERNAL" }));
}
