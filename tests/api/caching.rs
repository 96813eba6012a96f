//! Caching of what the public reads: an anonymous query answered without errors is kept and
//! served again without the database until the next commit; over GET it carries an ETag and
//! a short public max-age and answers a matching `If-None-Match` with 304; a signed-in
//! viewer's answers, errors, mutations and POST responses are never stored by HTTP caches,
//! and a viewer is never served what was kept for the public.

use reqwest::{header, StatusCode};
use serde_json::json;

use crate::common::TestApp;

const RANKINGS: &str =
    "{ rankings(year: 2020) { year cluster { code } ranking { rank unit { code } } } }";

async fn get(
    app: &TestApp,
    query: &str,
    extra: &[(header::HeaderName, &str)],
) -> reqwest::Response {
    let mut request = app.client.get(app.graphql_url()).query(&[("query", query)]);
    for (name, value) in extra {
        request = request.header(name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_public_answer_carries_an_etag_and_revalidates_with_304() {
    let app = TestApp::with_demo().await;
    let first = get(&app, RANKINGS, &[]).await;
    assert_eq!(first.status(), StatusCode::OK);
    let tag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
    assert_eq!(first.headers()[header::CACHE_CONTROL], "public, max-age=60");
    let vary = first.headers()[header::VARY].to_str().unwrap().to_owned();
    for what in ["Accept", "Accept-Language", "Authorization"] {
        assert!(vary.contains(what), "{vary}");
    }
    let body = first.text().await.unwrap();

    let again = get(&app, RANKINGS, &[(header::IF_NONE_MATCH, &tag)]).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::ETAG], tag.as_str());
    assert_eq!(again.text().await.unwrap(), "");

    let stale = get(&app, RANKINGS, &[(header::IF_NONE_MATCH, "\"0000\"")]).await;
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(stale.text().await.unwrap(), body);
}

#[tokio::test]
async fn a_change_of_the_data_changes_the_etag() {
    let app = TestApp::with_demo().await;
    let query = "{ units(first: 1, filter: { search: \"thu nghiem etag\" }) { totalCount } }";
    let before = get(&app, query, &[]).await.headers()[header::ETAG].clone();
    let token = app.token("board.camau").await;
    let created = app
        .client
        .post(app.graphql_url())
        .bearer_auth(token)
        .json(&json!({ "query": "mutation($i: CreateUnitInput!) { createUnit(input: $i) { userErrors { code } } }",
                        "variables": { "i": { "code": "CM-ETAG", "kind": "DEPARTMENT", "name": "Thử nghiệm ETag", "provinceCode": "CA_MAU" } } }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.headers()[header::CACHE_CONTROL], "no-store");
    let after = get(
        &app,
        query,
        &[(header::IF_NONE_MATCH, before.to_str().unwrap())],
    )
    .await;
    assert_eq!(
        after.status(),
        StatusCode::OK,
        "the old tag no longer matches"
    );
    assert_ne!(after.headers()[header::ETAG], before);
}

#[tokio::test]
async fn a_viewers_answers_and_errors_are_never_stored() {
    let app = TestApp::with_demo().await;
    let token = format!("Bearer {}", app.token("board.camau").await);
    let mine = get(
        &app,
        "{ viewer { name } }",
        &[(header::AUTHORIZATION, &token)],
    )
    .await;
    assert_eq!(mine.status(), StatusCode::OK);
    assert_eq!(mine.headers()[header::CACHE_CONTROL], "no-store");
    assert!(mine.headers().get(header::ETAG).is_none());

    let failed = get(&app, "{ node(id: \"garbage\") { id } }", &[]).await;
    assert_eq!(failed.headers()[header::CACHE_CONTROL], "no-store");
    assert!(failed.headers().get(header::ETAG).is_none());
}

async fn post_anonymous(app: &TestApp, query: &str, variables: serde_json::Value) -> String {
    app.client
        .post(app.graphql_url())
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

const PROVINCE_RANKINGS: &str = "query($p: String) { rankings(year: 2020, provinceCode: $p) { cluster { code } status ranking { rank unit { code name } } } }";

#[tokio::test]
async fn a_public_answer_is_served_again_without_the_database() {
    let app = TestApp::with_demo().await;
    let variables = json!({ "p": "HA_NAM" });
    app.take_statements();
    let first = post_anonymous(&app, PROVINCE_RANKINGS, variables.clone()).await;
    assert!(first.contains("HNA-CUM-II"), "{first}");
    assert!(!app.take_statements().is_empty());

    let again = post_anonymous(&app, PROVINCE_RANKINGS, variables.clone()).await;
    assert_eq!(again, first);
    assert_eq!(app.take_statements(), Vec::<String>::new());
    // by GET too: the same request, the same answer
    let by_get = app
        .client
        .get(app.graphql_url())
        .query(&[
            ("query", PROVINCE_RANKINGS),
            ("variables", &variables.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert!(by_get.headers().get(header::ETAG).is_some());
    assert_eq!(by_get.text().await.unwrap(), first);
    assert_eq!(app.take_statements(), Vec::<String>::new());

    // other variables are another answer
    let other = post_anonymous(&app, PROVINCE_RANKINGS, json!({ "p": "CA_MAU" })).await;
    assert_ne!(other, first);
    assert!(!app.take_statements().is_empty());

    let metrics = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("thidua_public_answers_served_total 2\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("thidua_public_answers_kept 2\n"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_reopened_ranking_is_read_again_by_the_public() {
    let app = TestApp::with_demo().await;
    let variables = json!({ "p": "HA_NAM" });
    // A reopened year is no longer among the rankings, or no longer final.
    let status = |body: &str| -> Option<String> {
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        body["data"]["rankings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|year| year["cluster"]["code"] == "HNA-CUM-II")
            .map(|year| year["status"].as_str().unwrap().to_owned())
    };
    let before = post_anonymous(&app, PROVINCE_RANKINGS, variables.clone()).await;
    assert_eq!(status(&before).as_deref(), Some("FINALIZED"));

    let (_, reopened) = app
        .post_as(
            &app.token("board.hanam").await,
            "mutation($i: ReopenClusterYearInput!) { reopenClusterYear(input: $i) { userErrors { code } } }",
            json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Rà soát" } }),
        )
        .await;
    assert_eq!(
        reopened["data"]["reopenClusterYear"]["userErrors"],
        json!([]),
        "{reopened}"
    );
    let after = post_anonymous(&app, PROVINCE_RANKINGS, variables).await;
    assert_ne!(status(&after).as_deref(), Some("FINALIZED"), "{after}");
}

#[tokio::test]
async fn a_viewer_is_never_served_the_public_answer_nor_a_mutation_replayed() {
    let app = TestApp::with_demo().await;
    let variables = json!({ "p": "HA_NAM" });
    post_anonymous(&app, PROVINCE_RANKINGS, variables.clone()).await;
    let token = app.token("board.hanam").await;
    app.take_statements();
    let (status, _) = app.post_as(&token, PROVINCE_RANKINGS, variables).await;
    assert_eq!(status, 200);
    assert!(
        !app.take_statements().is_empty(),
        "a signed-in viewer's answer is read for them"
    );

    // the public's mutations run every time
    let login = "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token userErrors { code } } }";
    let wrong = json!({ "u": "board.hanam", "p": "not the password" });
    let first = post_anonymous(&app, login, wrong.clone()).await;
    app.take_statements();
    let second = post_anonymous(&app, login, wrong).await;
    assert!(
        !app.take_statements().is_empty(),
        "a mutation is never answered from what was kept: {first} {second}"
    );
}
