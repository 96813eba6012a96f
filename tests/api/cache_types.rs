//! Types a client caches have IDs and payloads return what they changed: after
//! `reviewScores` the client learns the year's new `version` (which `finalizeRanking`
//! expects) from the payload; `ScoreSheet` and `Decision` are nodes, with the same
//! authorization through `node(id:)` as through their fields.

use serde_json::{json, Value};

use crate::common::TestApp;

async fn post(app: &TestApp, who: Option<&str>, query: &str, variables: Value) -> Value {
    let mut request = app
        .client
        .post(app.graphql_url())
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(who) = who {
        request = request.bearer_auth(app.token(who).await);
    }
    request.send().await.unwrap().json().await.unwrap()
}

const REOPEN: &str = "mutation($i: ReopenClusterYearInput!) { reopenClusterYear(input: $i) { clusterYear { status version } userErrors { code } } }";
const REVIEW: &str = "mutation($i: ReviewScoresInput!) { reviewScores(input: $i) {
  scoreSheet { id unit { code } clusterYear { id version } }
  clusterYear { id status version }
  userErrors { field code message } } }";
const FINALIZE: &str = "mutation($i: FinalizeRankingInput!) { finalizeRanking(input: $i) { clusterYear { status version } userErrors { code message } } }";
const NODE: &str = "query($id: ID!) { node(id: $id) { __typename id ... on ScoreSheet { unit { code } } ... on Decision { number } } }";

#[tokio::test]
async fn the_review_payload_gives_the_version_that_finalizing_expects() {
    let app = TestApp::with_demo().await;
    let body = post(
        &app,
        Some("board.hanam"),
        REOPEN,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Rà soát" } }),
    )
    .await;
    assert_eq!(
        body["data"]["reopenClusterYear"]["userErrors"],
        json!([]),
        "{body}"
    );
    let reopened = body["data"]["reopenClusterYear"]["clusterYear"]["version"]
        .as_i64()
        .unwrap();

    let body = post(&app, Some("officer.hna-skhcn"), REVIEW, json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "unitCode": "HNA-TTR", "lines": [{ "criterionCode": "TC1", "points": 30.0 }] } })).await;
    let payload = &body["data"]["reviewScores"];
    assert_eq!(payload["userErrors"], json!([]), "{body}");
    let version = payload["clusterYear"]["version"].as_i64().unwrap();
    assert_eq!(version, reopened + 1, "{body}");
    assert_eq!(
        payload["scoreSheet"]["clusterYear"],
        json!({ "id": payload["clusterYear"]["id"], "version": version })
    );
    assert!(payload["scoreSheet"]["id"].is_string());

    let body = post(
        &app,
        Some("officer.hna-skhcn"),
        FINALIZE,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "expectedVersion": version } }),
    )
    .await;
    assert_eq!(
        body["data"]["finalizeRanking"]["userErrors"],
        json!([]),
        "{body}"
    );
    assert_eq!(
        body["data"]["finalizeRanking"]["clusterYear"]["status"], "FINALIZED",
        "{body}"
    );
}

#[tokio::test]
async fn a_score_sheet_is_a_node_read_as_its_year_allows() {
    let app = TestApp::with_demo().await;
    post(
        &app,
        Some("board.hanam"),
        REOPEN,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Rà soát" } }),
    )
    .await;
    let sheets = post(&app, Some("officer.hna-skhcn"), "{ clusterYear(clusterCode: \"HNA-CUM-II\", year: 2020) { scoreSheets { id unit { code } } } }", json!({})).await;
    let sheets = sheets["data"]["clusterYear"]["scoreSheets"]
        .as_array()
        .unwrap()
        .clone();
    assert!(sheets.len() >= 2, "{sheets:?}");
    let first = &sheets[0];

    // The head reads every sheet while the year is in review, by node too.
    let body = post(
        &app,
        Some("officer.hna-skhcn"),
        NODE,
        json!({ "id": first["id"] }),
    )
    .await;
    assert_eq!(
        body["data"]["node"],
        json!({ "__typename": "ScoreSheet", "id": first["id"], "unit": first["unit"] }),
        "{body}"
    );
    // The public reads none before the ranking is final: `node` agrees with the list.
    let listed = post(
        &app,
        None,
        "{ clusterYear(clusterCode: \"HNA-CUM-II\", year: 2020) { scoreSheets { id } } }",
        json!({}),
    )
    .await;
    assert_eq!(
        listed["data"]["clusterYear"]["scoreSheets"],
        json!([]),
        "{listed}"
    );
    let body = post(&app, None, NODE, json!({ "id": first["id"] })).await;
    assert_eq!(body["data"]["node"], Value::Null, "{body}");
    // Every sheet has its own ID.
    let mut ids: Vec<&str> = sheets.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), sheets.len());
}

#[tokio::test]
async fn a_decision_is_a_node() {
    let app = TestApp::with_demo().await;
    let list = post(
        &app,
        None,
        "{ decisions(first: 1) { edges { node { id number } } } }",
        json!({}),
    )
    .await;
    let decision = list["data"]["decisions"]["edges"][0]["node"].clone();
    assert!(decision["id"].is_string(), "{list}");
    let body = post(&app, None, NODE, json!({ "id": decision["id"] })).await;
    assert_eq!(
        body["data"]["node"],
        json!({ "__typename": "Decision", "id": decision["id"], "number": decision["number"] })
    );
}
