//! Messages follow `Accept-Language` (Vietnamese unless English is preferred), codes never
//! change with the language, and a document that does not parse is said in one line.

use reqwest::header;
use serde_json::{json, Value};

use crate::common::TestApp;

async fn ask(
    app: &TestApp,
    language: Option<&str>,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> (reqwest::header::HeaderMap, Value) {
    // A client of its own: the harness's asks for English.
    let client = reqwest::Client::new();
    let mut request = client
        .post(app.graphql_url())
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(language) = language {
        request = request.header(header::ACCEPT_LANGUAGE, language);
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let headers = response.headers().clone();
    (headers, response.json().await.unwrap())
}

const CREATE_UNIT: &str = "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } userErrors { field code message } } }";

#[tokio::test]
async fn top_level_errors_follow_accept_language_with_the_same_code() {
    let app = TestApp::with_demo().await;
    let query = "{ auditLog(first: 1) { totalCount } }";
    let (headers, vi) = ask(&app, None, None, query, json!({})).await;
    assert_eq!(headers[header::CONTENT_LANGUAGE], "vi");
    let (headers, en) = ask(&app, Some("en-US,en;q=0.9"), None, query, json!({})).await;
    assert_eq!(headers[header::CONTENT_LANGUAGE], "en");
    assert_eq!(
        vi["errors"][0]["extensions"]["code"],
        en["errors"][0]["extensions"]["code"]
    );
    assert_eq!(
        en["errors"][0]["message"],
        "You are not allowed to do this or see this."
    );
    assert_eq!(
        vi["errors"][0]["message"],
        "Bạn không có quyền làm việc này hoặc xem nội dung này."
    );
    let (_, vi_again) = ask(
        &app,
        Some("vi-VN,vi;q=0.9,en;q=0.8"),
        None,
        query,
        json!({}),
    )
    .await;
    assert_eq!(vi_again["errors"][0]["message"], vi["errors"][0]["message"]);
}

#[tokio::test]
async fn user_errors_follow_accept_language_with_the_same_code() {
    let app = TestApp::with_demo().await;
    let token = app.token("board.camau").await;
    let input = json!({ "i": { "code": "CM-LANG", "kind": "DEPARTMENT", "name": "Thử", "parentCode": "NO-SUCH-UNIT" } });
    let (_, vi) = ask(&app, Some("vi"), Some(&token), CREATE_UNIT, input.clone()).await;
    let (_, en) = ask(&app, Some("en"), Some(&token), CREATE_UNIT, input).await;
    let vi = &vi["data"]["createUnit"]["userErrors"][0];
    let en = &en["data"]["createUnit"]["userErrors"][0];
    assert_eq!(vi["code"], en["code"]);
    assert_eq!(vi["field"], en["field"]);
    assert_eq!(en["message"], "No unit has code NO-SUCH-UNIT.");
    assert_ne!(vi["message"], en["message"], "{vi}");
    assert!(
        vi["message"].as_str().unwrap().contains("NO-SUCH-UNIT"),
        "{vi}"
    );
}

#[tokio::test]
async fn a_syntax_error_says_in_one_line_what_and_where() {
    let app = TestApp::with_demo().await;
    let (_, en) = ask(
        &app,
        Some("en"),
        None,
        "{ units(first: 2) { totalCount } ",
        json!({}),
    )
    .await;
    let message = en["errors"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "Syntax error at line 1, column 34: expected selection."
    );
    assert_eq!(en["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    let (_, vi) = ask(
        &app,
        None,
        None,
        "{ units(first: 2) { totalCount } ",
        json!({}),
    )
    .await;
    assert_eq!(
        vi["errors"][0]["message"],
        "Lỗi cú pháp ở dòng 1, cột 34: expected selection."
    );
    assert!(!vi["errors"][0]["message"].as_str().unwrap().contains('\n'));
}
