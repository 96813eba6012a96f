//! Operation limits and the error boundary: depth, complexity, page size, and no internal
//! text ever reaching a client.

use crate::common::{codes, TestApp};
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
    // The same field 60 times: within the field and alias limits, over the complexity.
    let fields: String = "code ".repeat(60);
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

/// Fragments `F0` … `F{levels-1}` each spreading the next ten times, `leaf` at the bottom: the
/// 731-byte query of issue 8 at ten levels with `__typename` leaves.
fn fragment_bomb(levels: usize, leaf: &str) -> String {
    let mut query = String::from("query { ...F0 }\n");
    for level in 0..levels - 1 {
        let spreads = format!("...F{} ", level + 1).repeat(10);
        query.push_str(&format!("fragment F{level} on Query {{ {spreads}}}\n"));
    }
    query.push_str(&format!("fragment F{} on Query {{ {leaf} }}\n", levels - 1));
    query
}

/// The resident memory of this process (the server runs in it), in KiB.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn fragment_bombs_are_refused_at_once_with_memory_flat() {
    let app = TestApp::migrated().await;
    app.data("{ __typename }", json!({})).await;
    for leaf in ["__typename", "viewer { name }"] {
        let query = fragment_bomb(10, leaf);
        let before = resident_kib();
        let started = std::time::Instant::now();
        let (status, body) = app.post(&query, json!({})).await;
        let elapsed = started.elapsed();
        let grown = resident_kib().saturating_sub(before);
        println!(
            "{}-byte fragment query ({leaf}): refused in {elapsed:?}, resident memory +{grown} KiB",
            query.len()
        );
        assert_eq!(status, 400, "{body}");
        assert_eq!(codes(&body), ["QUERY_TOO_COMPLEX"]);
        assert!(body.get("data").is_none(), "{body}");
        // Generous bounds: the check stops after a few thousand steps (about a millisecond);
        // before it, the first query took the process past 23 GB and the second 20 s of CPU.
        assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
        assert!(grown < 100 * 1024, "grew by {grown} KiB");
    }
}

#[tokio::test]
async fn concurrent_fragment_bombs_do_not_stall_other_requests() {
    let app = TestApp::migrated().await;
    let query = fragment_bomb(10, "viewer { name }");
    let bombs = (0..3).map(|_| app.post(&query, json!({})));
    let (results, other) = tokio::join!(
        futures_util::future::join_all(bombs),
        app.post("{ awardType(code: \"GIAY_KHEN\") { code } }", json!({}))
    );
    for (status, body) in results {
        assert_eq!(status, 400, "{body}");
        assert_eq!(codes(&body), ["QUERY_TOO_COMPLEX"]);
    }
    assert_eq!(
        other,
        (
            200,
            json!({ "data": { "awardType": { "code": "GIAY_KHEN" } } })
        )
    );
}

/// graphql-js 16's `getIntrospectionQuery()` with its default options, as GraphiQL sends it.
const INTROSPECTION_QUERY: &str = include_str!("fixtures/introspection_graphql_js_16.graphql");

#[tokio::test]
async fn the_standard_introspection_query_passes() {
    let app = TestApp::migrated().await;
    let response = app
        .client
        .post(app.graphql_url())
        .json(&json!({ "query": INTROSPECTION_QUERY, "operationName": "IntrospectionQuery" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    let schema = &body["data"]["__schema"];
    assert_eq!(
        schema["queryType"],
        json!({ "name": "Query", "kind": "OBJECT" })
    );
    assert_eq!(schema["mutationType"]["name"], "Mutation");
    let types = schema["types"].as_array().unwrap();
    let unit = types.iter().find(|t| t["name"] == "Unit").unwrap();
    assert_eq!(unit["kind"], "OBJECT");
}

#[tokio::test]
async fn too_many_aliases_or_root_fields_are_query_too_complex() {
    let app = TestApp::migrated().await;
    let aliases: String = (0..31).map(|i| format!("a{i}: __typename ")).collect();
    let roots: String = (0..21)
        .map(|i| format!("t{i}: awardType(code: \"GIAY_KHEN\") {{ code }} "))
        .collect();
    for query in [format!("{{ {aliases} }}"), format!("{{ {roots} }}")] {
        let (status, body) = app.post(&query, json!({})).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(codes(&body), ["QUERY_TOO_COMPLEX"], "{query}");
    }
    let aliases: String = (0..20).map(|i| format!("a{i}: __typename ")).collect();
    let (status, body) = app.post(&format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["a19"], "Query");
}

#[tokio::test]
async fn fragment_cycles_and_unknown_fragments_are_bad_user_input() {
    let app = TestApp::migrated().await;
    for query in [
        "{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }",
        "{ ...Missing }",
    ] {
        let (status, body) = app.post(query, json!({})).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{query}");
    }
}
