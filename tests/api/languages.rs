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

const OPEN_SCORING: &str = "mutation($i: ClusterYearInput!) { openScoring(input: $i) { clusterYear { status } userErrors { field code message } } }";

#[tokio::test]
async fn a_cluster_years_refusal_is_in_vietnamese_with_the_code_of_the_english() {
    let app = TestApp::with_demo().await;
    let token = app.token("board.hanam").await;
    // Seed 002's Cụm II 2020 is ranked: scoring cannot open again.
    let input = json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020 } });
    let (_, vi) = ask(&app, Some("vi"), Some(&token), OPEN_SCORING, input.clone()).await;
    let (_, en) = ask(&app, Some("en"), Some(&token), OPEN_SCORING, input).await;
    let vi = &vi["data"]["openScoring"]["userErrors"][0];
    let en = &en["data"]["openScoring"]["userErrors"][0];
    assert_eq!(en["code"], "WRONG_STATE", "{en}");
    assert_eq!(vi["code"], en["code"]);
    assert_eq!(vi["field"], en["field"]);
    assert_eq!(
        en["message"],
        "The year is FINALIZED; openScoring needs ACTIVE."
    );
    assert_eq!(
        vi["message"],
        "Năm thi đua đang ở trạng thái FINALIZED; việc mở tự chấm điểm (openScoring) chỉ thực hiện được khi ở trạng thái ACTIVE."
    );

    let unknown = json!({ "i": { "clusterCode": "HNA-CUM-X", "year": 2020 } });
    let (_, vi) = ask(&app, None, Some(&token), OPEN_SCORING, unknown.clone()).await;
    let (_, en) = ask(&app, Some("en"), Some(&token), OPEN_SCORING, unknown).await;
    let vi = &vi["data"]["openScoring"]["userErrors"][0];
    let en = &en["data"]["openScoring"]["userErrors"][0];
    assert_eq!((&vi["code"], &vi["field"]), (&en["code"], &en["field"]));
    assert_eq!(en["message"], "No cluster has code HNA-CUM-X.");
    assert_eq!(
        vi["message"],
        "Không có cụm, khối thi đua nào mã HNA-CUM-X."
    );
}

#[tokio::test]
async fn a_nominations_refusal_is_in_vietnamese_with_the_code_of_the_english() {
    let app = TestApp::with_demo().await;
    let board = app.token("board.camau").await;
    let officer = app.token("officer.cm-skhcn").await;
    let (_, person) = ask(
        &app,
        Some("vi"),
        Some(&board),
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
        json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": "Lê Thị Mai" } }),
    )
    .await;
    let person = &person["data"]["createPerson"]["person"]["id"];
    let (_, created) = ask(
        &app,
        Some("vi"),
        Some(&officer),
        "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } } }",
        json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": person, "year": 2025, "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao", "basis": "Tờ trình số 15/TTr-SKHCN" } }),
    )
    .await;
    let id = &created["data"]["createNomination"]["nomination"]["id"];
    assert!(id.is_string(), "{created}");

    // A draft is not approved before it is submitted.
    let approve = "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { field code message } } }";
    let input = json!({ "i": { "id": id } });
    let (_, vi) = ask(&app, Some("vi"), Some(&officer), approve, input.clone()).await;
    let (_, en) = ask(&app, Some("en"), Some(&officer), approve, input).await;
    let vi = &vi["data"]["approveNomination"]["userErrors"][0];
    let en = &en["data"]["approveNomination"]["userErrors"][0];
    assert_eq!(en["code"], "WRONG_STATE", "{en}");
    assert_eq!((&vi["code"], &vi["field"]), (&en["code"], &en["field"]));
    assert_eq!(
        en["message"],
        "The nomination is DRAFT; this needs SUBMITTED."
    );
    assert_eq!(
        vi["message"],
        "Hồ sơ đề nghị đang ở trạng thái DRAFT; thao tác này chỉ thực hiện được khi hồ sơ ở trạng thái SUBMITTED."
    );

    // Nor is the same person nominated twice while the first is open.
    let again = json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": person, "year": 2025, "achievements": "Lần hai", "basis": "Tờ trình số 16/TTr-SKHCN" } });
    let create = "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } userErrors { field code message } } }";
    let (_, vi) = ask(&app, Some("vi"), Some(&officer), create, again.clone()).await;
    let (_, en) = ask(&app, Some("en"), Some(&officer), create, again).await;
    let vi = &vi["data"]["createNomination"]["userErrors"][0];
    let en = &en["data"]["createNomination"]["userErrors"][0];
    assert_eq!(en["code"], "DUPLICATE", "{en}");
    assert_eq!((&vi["code"], &vi["field"]), (&en["code"], &en["field"]));
    let name = en["message"]
        .as_str()
        .unwrap()
        .strip_prefix("The recipient has an open nomination for ")
        .and_then(|m| m.strip_suffix(" 2025 already."))
        .unwrap_or_else(|| panic!("{en}"));
    assert_eq!(
        vi["message"].as_str().unwrap(),
        format!("Đối tượng này đã có một hồ sơ đề nghị {name} năm 2025 đang được xử lý.")
    );
}
