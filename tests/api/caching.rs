//! HTTP caching: an anonymous GET query answered without errors carries an ETag and a short
//! public max-age and answers a matching `If-None-Match` with 304; a signed-in viewer's
//! answers, errors and POST responses are never stored.

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
