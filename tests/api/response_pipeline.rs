//! The response pipeline (issue 8): responses serialized once in the order asked, failed
//! fields nulled as the GraphQL specification asks, inputs refused as `BAD_USER_INPUT`, and
//! every failure of the HTTP layer coded.

use crate::common::{codes, TestApp};
use serde_json::{json, Value};

/// POSTs `query` and returns the status and the body as text, unparsed.
async fn post_raw(app: &TestApp, query: &str, variables: Value) -> (u16, String) {
    let response = app
        .client
        .post(app.graphql_url())
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn fields_come_back_in_the_order_asked() {
    let app = TestApp::migrated().await;
    let (status, body) = post_raw(
        &app,
        "{ awardType(code: \"GIAY_KHEN\") { level code } }",
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        r#"{"data":{"awardType":{"level":"GRASSROOTS","code":"GIAY_KHEN"}}}"#
    );
}

#[tokio::test]
async fn root_fields_come_back_in_the_order_asked() {
    // The root type is merged from every part of the domain; the answer still follows the
    // document, not the order of the parts.
    let app = TestApp::migrated().await;
    let (status, body) = post_raw(
        &app,
        "{ units(first: 1) { totalCount } viewer { name } ...F __typename } \
         fragment F on Query { awardType(code: \"GIAY_KHEN\") { code } }",
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        r#"{"data":{"units":{"totalCount":0},"viewer":null,"awardType":{"code":"GIAY_KHEN"},"__typename":"Query"}}"#
    );
}

#[tokio::test]
async fn a_failed_non_null_field_nulls_its_nearest_nullable_parent() {
    let app = TestApp::migrated().await;
    // `units` is non-null and its parent is the root: `data` is null.
    let (status, body) = app
        .post("{ __typename units(first: 101) { totalCount } }", json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"], Value::Null, "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["units"]));
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);

    // `topUnits` and `statistics` are both non-null: the failure of the argument validator
    // of `topUnits` reaches `data`.
    let (status, body) = app
        .post(
            "{ __typename statistics { topUnits(limit: 0) { count } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"], Value::Null, "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["statistics", "topUnits"]));
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn a_failed_nullable_field_is_null_beside_its_siblings() {
    let app = TestApp::migrated().await;
    let (status, body) = post_raw(&app, "{ node(id: \"garbage\") { id } }", json!({})).await;
    assert_eq!(status, 200, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["data"], json!({ "node": null }), "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["node"]));
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);

    let (_, body) = app
        .post(
            "{ a: node(id: \"garbage\") { id } awardType(code: \"GIAY_KHEN\") { code } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"],
        json!({ "a": null, "awardType": { "code": "GIAY_KHEN" } })
    );
    assert_eq!(body["errors"][0]["path"], json!(["a"]));
}

#[tokio::test]
async fn missing_or_wrong_shaped_variables_are_bad_user_input() {
    let app = TestApp::migrated().await;
    let query = "query($n: Int!) { units(first: $n) { totalCount } }";
    for variables in [
        json!({}),
        json!({ "n": null }),
        json!({ "n": { "a": 1 } }),
        json!({ "n": "ten" }),
    ] {
        let (status, body) = app.post(query, variables.clone()).await;
        assert_eq!(status, 400, "{variables}: {body}");
        let codes = codes(&body);
        assert!(
            !codes.is_empty() && codes.iter().all(|c| c == "BAD_USER_INPUT"),
            "{variables}: {body}"
        );
    }
}

#[tokio::test]
async fn nul_characters_are_bad_user_input() {
    let app = TestApp::migrated().await;
    for (query, variables) in [
        ("{ unit(code: \"A\u{0}B\") { code } }", json!({})),
        (
            "query($c: String!) { unit(code: $c) { code } }",
            json!({ "c": "A\u{0}B" }),
        ),
        (
            "query($f: UnitFilter) { units(filter: $f) { totalCount } }",
            json!({ "f": { "search": "x\u{0}" } }),
        ),
    ] {
        let (status, body) = app.post(query, variables).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{query}: {body}");
    }
}

#[tokio::test]
async fn years_out_of_range_are_bad_user_input() {
    let app = TestApp::migrated().await;
    for query in [
        "{ units(filter: { year: 300000 }) { totalCount } }",
        "{ units(filter: { year: -4713 }) { totalCount } }",
        "{ clusters(filter: { year: 1899 }) { totalCount } }",
        "{ clusterYear(clusterCode: \"X\", year: 2201) { year } }",
        "{ rankings(year: 300000) { year } }",
        "{ awards(filter: { yearFrom: -4713 }) { totalCount } }",
        "{ awards(filter: { yearTo: 300000 }) { totalCount } }",
        "{ awards(filter: { year: 0 }) { totalCount } }",
        "{ nominations(filter: { year: 300000 }) { totalCount } }",
        "{ terms(filter: { activeIn: 300000 }) { totalCount } }",
        "{ statistics(filter: { yearFrom: -4713 }) { byLevel { count } } }",
        "{ statistics(filter: { yearTo: 300000 }) { byLevel { count } } }",
        "{ conferences(filter: { year: 300000 }) { totalCount } }",
    ] {
        let (_, body) = app.post(query, json!({})).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{query}: {body}");
    }
    for query in [
        "{ units(filter: { year: 1900 }) { totalCount } }",
        "{ awards(filter: { yearFrom: 2000, yearTo: 2200 }) { totalCount } }",
    ] {
        app.data(query, json!({})).await;
    }
}

#[tokio::test]
async fn nested_fields_that_wait_on_loaders_come_back_in_the_order_asked() {
    // `unit` waits on a batch loader, `proposedAward` on another, `rank` on nothing: the
    // answer still follows the document in every entry.
    let app = TestApp::with_demo().await;
    let (status, body) = post_raw(
        &app,
        "{ clusterYear(clusterCode: \"HNA-CUM-II\", year: 2020) { ranking { rank unit { code } proposedAward { code } } } }",
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let entries: Vec<&str> = body.split("{\"rank\":").skip(1).collect();
    assert!(entries.len() >= 5, "{body}");
    for entry in entries {
        let unit = entry.find("\"unit\"").expect("a unit");
        let award = entry.find("\"proposedAward\"").expect("an award");
        assert!(unit < award, "{entry} in {body}");
    }
}
