//! Decisions that hold in law, over HTTP: the issuer must be competent for every award in it
//! and in force on the signing day, the account must sign for it, a decision does not reward a
//! year not yet begun, and numbers restart each 1 January (Decree 30/2020 Art. 15).

use crate::common::TestApp;
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

const ISSUE: &str = "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { decision { number signedOn } awards { awardType { code } } userErrors { field code message } } }";

/// A person of Sở KH&CN Cà Mau.
async fn person(app: &TestApp, name: &str) -> String {
    let body = post(
        app,
        "officer.cm-skhcn",
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
        json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": name } }),
    )
    .await;
    body["data"]["createPerson"]["person"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

/// A nomination of `award` for `recipient` and `year`, drafted and submitted by the unit's
/// officer and approved by the board.
async fn approved(app: &TestApp, award: &str, recipient: &str, year: i32) -> String {
    let created = post(app, "officer.cm-skhcn", "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } userErrors { message } } }", json!({ "i": { "awardTypeCode": award, "recipientId": recipient, "year": year, "achievements": "Hoàn thành xuất sắc nhiệm vụ" } })).await;
    let id = created["data"]["createNomination"]["nomination"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let step = |name: &str| {
        format!("mutation($i: NominationStepInput!) {{ {name}(input: $i) {{ nomination {{ status }} userErrors {{ code message }} }} }}")
    };
    let submitted = post(
        app,
        "officer.cm-skhcn",
        &step("submitNomination"),
        json!({ "i": { "id": id, "comment": "Đề nghị theo thành tích đã báo cáo" } }),
    )
    .await;
    assert_eq!(
        submitted["data"]["submitNomination"]["nomination"]["status"], "SUBMITTED",
        "{submitted}"
    );
    let done = post(
        app,
        "board.camau",
        &step("approveNomination"),
        json!({ "i": { "id": id } }),
    )
    .await;
    assert_eq!(
        done["data"]["approveNomination"]["nomination"]["status"], "APPROVED",
        "{done}"
    );
    id
}

fn issue(number: &str, issuer: &str, signed_on: &str, ids: &[&str]) -> Value {
    json!({ "i": { "number": number, "issuerCode": issuer, "signedOn": signed_on, "signerName": "Lâm Văn Bi", "signerTitle": "Chủ tịch", "nominationIds": ids } })
}

/// The (field, code) of each userError of `issueDecision`.
fn refusals(body: &Value) -> Vec<(Value, String)> {
    body["data"]["issueDecision"]["userErrors"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|e| (e["field"].clone(), e["code"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn only_the_competent_body_decides_and_only_its_signers_issue() {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let provincial = approved(&app, "BANG_KHEN_CHU_TICH_TINH", &an, 2025).await;

    // A provincial award issued in a department's name: not competent, even by one who signs
    // for the department.
    let admin = app.token("admin").await;
    let grant = "mutation($i: SetSigningRightInput!) { setSigningRight(input: $i) { user { username canSign { code } } userErrors { field code } } }";
    let (_, granted) = app
        .post_as(
            &admin,
            grant,
            json!({ "i": { "username": "board.camau", "unitCode": "CM-SKHCN-2025", "canSign": true } }),
        )
        .await;
    assert_eq!(
        granted["data"]["setSigningRight"]["user"]["canSign"],
        json!([{ "code": "CM-UBND" }, { "code": "CM-SKHCN-2025" }]),
        "{granted}"
    );
    let by_department = post(
        &app,
        "board.camau",
        ISSUE,
        issue("5/QĐ-SKHCN", "CM-SKHCN-2025", "2025-12-20", &[&provincial]),
    )
    .await;
    assert_eq!(
        refusals(&by_department),
        [(json!(["nominationIds", "0"]), "NOT_COMPETENT".to_owned())]
    );
    let message = by_department["data"]["issueDecision"]["userErrors"][0]["message"]
        .as_str()
        .unwrap();
    assert!(
        message.contains("Bằng khen") && message.contains("Ủy ban nhân dân tỉnh Cà Mau"),
        "names the award and the competent body: {message}"
    );

    // In the name of Hà Nam's People's Committee, dissolved on 30/6/2025: the Cà Mau board
    // does not sign for it, it no longer exists, and it is not the recipient's province's.
    let by_ha_nam = post(
        &app,
        "board.camau",
        ISSUE,
        issue("6/QĐ-UBND", "HNA-UBND", "2025-12-20", &[&provincial]),
    )
    .await;
    assert_eq!(
        refusals(&by_ha_nam),
        [
            (json!(["issuerCode"]), "NOT_COMPETENT".to_owned()),
            (json!(["issuerCode"]), "NOT_COMPETENT".to_owned()),
            (json!(["nominationIds", "0"]), "NOT_COMPETENT".to_owned()),
        ],
        "{by_ha_nam}"
    );
    // Nor may the Cà Mau board grant itself that right.
    let own = post(
        &app,
        "board.camau",
        grant,
        json!({ "i": { "username": "board.camau", "unitCode": "HNA-UBND", "canSign": true } }),
    )
    .await;
    assert_eq!(own["errors"][0]["extensions"]["code"], "FORBIDDEN", "{own}");

    // A second officer of the board, without the right to sign: refused until granted.
    app.account("board2.camau", "BOARD", None, Some("CA_MAU"))
        .await;
    let unsigned = post(
        &app,
        "board2.camau",
        ISSUE,
        issue("7/QĐ-UBND", "CM-UBND", "2025-12-20", &[&provincial]),
    )
    .await;
    assert_eq!(
        refusals(&unsigned),
        [(json!(["issuerCode"]), "NOT_COMPETENT".to_owned())]
    );
    let by_board = post(
        &app,
        "board.camau",
        grant,
        json!({ "i": { "username": "board2.camau", "unitCode": "CM-UBND", "canSign": true } }),
    )
    .await;
    assert_eq!(
        by_board["data"]["setSigningRight"]["user"]["canSign"],
        json!([{ "code": "CM-UBND" }]),
        "{by_board}"
    );
    let decided = post(
        &app,
        "board2.camau",
        ISSUE,
        issue("7/QĐ-UBND", "CM-UBND", "2025-12-20", &[&provincial]),
    )
    .await;
    assert_eq!(
        decided["data"]["issueDecision"]["awards"],
        json!([{ "awardType": { "code": "BANG_KHEN_CHU_TICH_TINH" } }]),
        "{decided}"
    );
}

#[tokio::test]
async fn national_awards_are_not_decided_in_the_province() {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let national = approved(&app, "BANG_KHEN_THU_TUONG", &an, 2025).await;
    let body = post(
        &app,
        "board.camau",
        ISSUE,
        issue("8/QĐ-UBND", "CM-UBND", "2025-12-20", &[&national]),
    )
    .await;
    assert_eq!(
        refusals(&body),
        [(json!(["nominationIds", "0"]), "NOT_COMPETENT".to_owned())]
    );
    assert!(body["data"]["issueDecision"]["userErrors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("proposeUpward"));
}

#[tokio::test]
async fn an_issuer_signs_only_while_it_exists_and_never_before_the_year_rewarded() {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let of_2020 = approved(&app, "GIAY_KHEN", &an, 2020).await;
    // Sở KH&CN Cà Mau of 2025 (after the merger) did not exist in 2020.
    let body = post(
        &app,
        "officer.cm-skhcn",
        ISSUE,
        issue("3/QĐ-SKHCN", "CM-SKHCN-2025", "2020-12-20", &[&of_2020]),
    )
    .await;
    assert_eq!(
        refusals(&body),
        [(json!(["issuerCode"]), "NOT_COMPETENT".to_owned())]
    );
    let of_2025 = approved(&app, "GIAY_KHEN", &an, 2025).await;
    let early = post(
        &app,
        "officer.cm-skhcn",
        ISSUE,
        issue("4/QĐ-SKHCN", "CM-SKHCN-2025", "2024-12-30", &[&of_2025]),
    )
    .await;
    assert_eq!(
        refusals(&early),
        [
            (json!(["issuerCode"]), "NOT_COMPETENT".to_owned()),
            (json!(["signedOn"]), "OUT_OF_RANGE".to_owned())
        ],
        "{early}"
    );
}

#[tokio::test]
async fn numbers_restart_each_first_of_january() {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let binh = person(&app, "Trần Thị Bình").await;
    let first = approved(&app, "GIAY_KHEN", &an, 2025).await;
    let second = approved(&app, "GIAY_KHEN", &binh, 2025).await;
    let third = approved(&app, "GIAY_KHEN", &an, 2026).await;
    let of_2025 = post(
        &app,
        "officer.cm-skhcn",
        ISSUE,
        issue("12/QĐ-SKHCN", "CM-SKHCN-2025", "2025-12-20", &[&first]),
    )
    .await;
    assert_eq!(
        of_2025["data"]["issueDecision"]["decision"]["number"], "12/QĐ-SKHCN",
        "{of_2025}"
    );
    // The same number in the same year: a duplicate.
    let again = post(
        &app,
        "officer.cm-skhcn",
        ISSUE,
        issue("12/QĐ-SKHCN", "CM-SKHCN-2025", "2025-12-30", &[&second]),
    )
    .await;
    assert_eq!(
        refusals(&again),
        [(json!(["number"]), "DUPLICATE".to_owned())]
    );
    // In 2026 numbering starts again: "12/QĐ-SKHCN" of 2026 is another decision.
    let of_2026 = post(
        &app,
        "officer.cm-skhcn",
        ISSUE,
        issue("12/QĐ-SKHCN", "CM-SKHCN-2025", "2026-12-20", &[&third]),
    )
    .await;
    assert_eq!(
        of_2026["data"]["issueDecision"]["decision"],
        json!({ "number": "12/QĐ-SKHCN", "signedOn": "2026-12-20" }),
        "{of_2026}"
    );
}

#[tokio::test]
async fn seed_002s_decision_carries_its_reward_money() {
    let app = TestApp::with_demo().await;
    let body = app
        .data(
            "{ decisions(filter: { issuerCode: \"HNA-UBND\" }) { edges { node { number totalAmount awards { amount awardType { code } } } } } }",
            json!({}),
        )
        .await;
    let decision = &body["decisions"]["edges"][0]["node"];
    assert_eq!(decision["number"], "163/QĐ-UBND");
    // Signed 28/1/2021, at a base salary of 1,490,000 đồng: the provincial flag is 8.0 of it,
    // a collective's Bằng khen 2.0.
    let mut amounts: Vec<(String, i64)> = decision["awards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["awardType"]["code"].as_str().unwrap().to_owned(),
                a["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    amounts.sort();
    assert_eq!(
        amounts,
        [
            ("BANG_KHEN_CHU_TICH_TINH".to_owned(), 2_980_000),
            ("BANG_KHEN_CHU_TICH_TINH".to_owned(), 2_980_000),
            ("CO_THI_DUA_TINH".to_owned(), 11_920_000)
        ]
    );
    assert_eq!(decision["totalAmount"], 17_880_000);
    // And the statistics sum them by year, award type and unit.
    let stats = app
        .data(
            "{ statistics(filter: { provinceCode: \"HA_NAM\", yearFrom: 2020, yearTo: 2020 }) { byYear { year count amount } byAwardType { awardType { code } amount } topUnits(limit: 3) { unit { code } amount } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        stats["statistics"]["byYear"],
        json!([{ "year": 2020, "count": 3, "amount": 17_880_000 }])
    );
    assert_eq!(
        stats["statistics"]["byAwardType"],
        json!([
            { "awardType": { "code": "BANG_KHEN_CHU_TICH_TINH" }, "amount": 5_960_000 },
            { "awardType": { "code": "CO_THI_DUA_TINH" }, "amount": 11_920_000 }
        ])
    );
    let mut by_unit: Vec<i64> = stats["statistics"]["topUnits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["amount"].as_i64().unwrap())
        .collect();
    by_unit.sort();
    assert_eq!(by_unit, [2_980_000, 2_980_000, 11_920_000], "{stats}");
}

#[tokio::test]
async fn reward_rates_are_data_with_their_source_and_only_admin_sets_them() {
    let app = TestApp::with_demo().await;
    let query = "query($on: Date!) { rewardRates(on: $on) { baseSalary { amount appliesFrom source } rates { awardType { code } recipientKind multiplier amount source } } }";
    let body = app.data(query, json!({ "on": "2025-12-20" })).await;
    assert_eq!(body["rewardRates"]["baseSalary"]["amount"], 2_340_000);
    let rates = body["rewardRates"]["rates"].as_array().unwrap();
    let giay_khen = rates
        .iter()
        .find(|r| r["awardType"]["code"] == "GIAY_KHEN" && r["recipientKind"] == "INDIVIDUAL")
        .unwrap();
    assert_eq!(giay_khen["multiplier"], 0.3);
    assert_eq!(giay_khen["amount"], 710_000);
    assert!(
        rates
            .iter()
            .all(|r| r["source"].as_str().unwrap().contains("Nghị định")),
        "every figure cites its source"
    );
    assert!(giay_khen["source"]
        .as_str()
        .unwrap()
        .contains("chưa đối chiếu với Nghị định 152/2025"));

    // The board may not set them; ADMIN may, and a decision after the new base salary uses it.
    let set = "mutation($i: SetBaseSalaryInput!) { setBaseSalary(input: $i) { baseSalary { amount appliesFrom } userErrors { field code } } }";
    let input = json!({ "i": { "amount": 2_530_000, "appliesFrom": "2026-07-01", "source": "Nghị định (giả định của phép thử)" } });
    let board = post(&app, "board.camau", set, input.clone()).await;
    assert_eq!(board["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let admin = post(&app, "admin", set, input).await;
    assert_eq!(
        admin["data"]["setBaseSalary"]["baseSalary"]["amount"], 2_530_000,
        "{admin}"
    );
    let no_source = post(
        &app,
        "admin",
        set,
        json!({ "i": { "amount": 0, "appliesFrom": "2026-07-01", "source": " " } }),
    )
    .await;
    let codes: Vec<&str> = no_source["data"]["setBaseSalary"]["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["REQUIRED", "OUT_OF_RANGE"]);
    let rate = post(&app, "admin", "mutation($i: SetRewardRateInput!) { setRewardRate(input: $i) { rate { multiplier amount } userErrors { code } } }", json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientKind": "INDIVIDUAL", "multiplier": 0.35, "appliesFrom": "2026-07-01", "source": "Quy định giả định của phép thử" } })).await;
    assert_eq!(
        rate["data"]["setRewardRate"]["rate"],
        json!({ "multiplier": 0.35, "amount": 890_000 }),
        "{rate}"
    );

    let an = person(&app, "Nguyễn Văn An").await;
    let binh = person(&app, "Trần Thị Bình").await;
    let before = approved(&app, "GIAY_KHEN", &an, 2026).await;
    let after = approved(&app, "GIAY_KHEN", &binh, 2026).await;
    let issue_query = "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { decision { totalAmount } awards { amount } userErrors { code } } }";
    let june = post(
        &app,
        "officer.cm-skhcn",
        issue_query,
        issue("20/QĐ-SKHCN", "CM-SKHCN-2025", "2026-06-30", &[&before]),
    )
    .await;
    assert_eq!(
        june["data"]["issueDecision"]["awards"],
        json!([{ "amount": 710_000 }]),
        "{june}"
    );
    let july = post(
        &app,
        "officer.cm-skhcn",
        issue_query,
        issue("21/QĐ-SKHCN", "CM-SKHCN-2025", "2026-07-01", &[&after]),
    )
    .await;
    assert_eq!(
        july["data"]["issueDecision"]["decision"]["totalAmount"], 890_000,
        "{july}"
    );
}

#[tokio::test]
async fn a_national_emulation_fighter_goes_up_and_comes_back_as_a_central_decision() {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let binh = person(&app, "Trần Thị Bình").await;
    let cstd = approved(&app, "CHIEN_SI_THI_DUA_TOAN_QUOC", &an, 2025).await;
    let bang_khen = approved(&app, "BANG_KHEN_THU_TUONG", &binh, 2025).await;
    let provincial = approved(&app, "BANG_KHEN_CHU_TICH_TINH", &binh, 2025).await;
    let propose = "mutation($i: ProposeUpwardInput!) { proposeUpward(input: $i) { nominations { status history { to comment } } userErrors { field code } } }";
    // A provincial award is not sent up; another province's board sends nothing of Cà Mau's.
    let wrong = post(&app, "board.camau", propose, json!({ "i": { "provinceCode": "CA_MAU", "number": "45/TTr-UBND", "submittedOn": "2026-02-10", "nominationIds": [provincial] } })).await;
    assert_eq!(
        wrong["data"]["proposeUpward"]["userErrors"],
        json!([{ "field": ["nominationIds", "0"], "code": "INVALID_VALUE" }])
    );
    let foreign = post(&app, "board.hanam", propose, json!({ "i": { "provinceCode": "CA_MAU", "number": "45/TTr-UBND", "submittedOn": "2026-02-10", "nominationIds": [cstd] } })).await;
    assert_eq!(foreign["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let sent = post(&app, "board.camau", propose, json!({ "i": { "provinceCode": "CA_MAU", "number": "45/TTr-UBND", "submittedOn": "2026-02-10", "nominationIds": [cstd, bang_khen] } })).await;
    let nominations = &sent["data"]["proposeUpward"]["nominations"];
    assert_eq!(nominations[0]["status"], "PROPOSED_UPWARD", "{sent}");
    assert_eq!(nominations[1]["status"], "PROPOSED_UPWARD");
    let last = nominations[0]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last,
        json!({ "to": "PROPOSED_UPWARD", "comment": "Tờ trình số 45/TTr-UBND" })
    );

    // The central decision comes back: the Prime Minister confers the national emulation
    // fighter on one and not the Bằng khen on the other.
    let record = "mutation($i: RecordCentralDecisionInput!) { recordCentralDecision(input: $i) { decision { number issuer { code } totalAmount } awards { recipientName amount awardType { code } } userErrors { field code } } }";
    let by_president = post(&app, "board.camau", record, json!({ "i": { "issuerCode": "TW-CHU-TICH-NUOC", "number": "900/QĐ-CTN", "signedOn": "2026-04-20", "signerName": "Chủ tịch nước", "signerTitle": "Chủ tịch nước", "rewardedNominationIds": [cstd] } })).await;
    assert_eq!(
        by_president["data"]["recordCentralDecision"]["userErrors"],
        json!([{ "field": ["rewardedNominationIds", "0"], "code": "NOT_COMPETENT" }])
    );
    let recorded = post(&app, "board.camau", record, json!({ "i": { "issuerCode": "TW-CHINH-PHU", "number": "512/QĐ-TTg", "signedOn": "2026-04-20", "signerName": "Thủ tướng Chính phủ", "signerTitle": "Thủ tướng", "rewardedNominationIds": [cstd], "notRewardedNominationIds": [bang_khen] } })).await;
    let payload = &recorded["data"]["recordCentralDecision"];
    assert_eq!(payload["userErrors"], json!([]), "{recorded}");
    assert_eq!(payload["decision"]["issuer"]["code"], "TW-CHINH-PHU");
    // 4.5 × 2,340,000 = 10,530,000 đồng.
    assert_eq!(
        payload["awards"],
        json!([{ "recipientName": "Nguyễn Văn An", "amount": 10_530_000, "awardType": { "code": "CHIEN_SI_THI_DUA_TOAN_QUOC" } }])
    );
    assert_eq!(payload["decision"]["totalAmount"], 10_530_000);
    let status = "query($id: ID!) { node(id: $id) { ... on Nomination { status } } }";
    let other = app
        .data_as("board.camau", status, json!({ "id": bang_khen }))
        .await;
    assert_eq!(other["node"]["status"], "REJECTED");
    // Recorded once: the same nominations cannot come back twice.
    let again = post(&app, "board.camau", record, json!({ "i": { "issuerCode": "TW-CHINH-PHU", "number": "513/QĐ-TTg", "signedOn": "2026-04-21", "signerName": "Thủ tướng Chính phủ", "signerTitle": "Thủ tướng", "rewardedNominationIds": [cstd] } })).await;
    assert_eq!(
        again["data"]["recordCentralDecision"]["userErrors"][0]["code"],
        "WRONG_STATE"
    );
}

const REVOKE: &str = "mutation($i: RevokeAwardInput!) { revokeAward(input: $i) { award { revoked revocationGround amountToRecover } userErrors { field code message } } }";

#[tokio::test]
async fn the_authority_that_decided_revokes_and_what_rested_on_it_is_flagged() {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    // A Giấy khen of the department's director.
    let giay_khen = approved(&app, "GIAY_KHEN", &an, 2025).await;
    let decided = post(
        &app,
        "officer.cm-skhcn",
        "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { awards { id amount } userErrors { code } } }",
        issue("31/QĐ-SKHCN", "CM-SKHCN-2025", "2025-12-20", &[&giay_khen]),
    )
    .await;
    let award = decided["data"]["issueDecision"]["awards"][0].clone();
    assert_eq!(award["amount"], 710_000, "{decided}");
    let revoke = |ground: &str| json!({ "i": { "awardId": award["id"], "ground": ground, "reason": "Hồ sơ giả mạo xác nhận sáng kiến", "revokedOn": "2026-03-01", "revokingDecisionNumber": "5/QĐ-SKHCN" } });
    // The board did not decide it and does not sign for the department.
    let by_board = post(&app, "board.camau", REVOKE, revoke("FORGED_DOCUMENTS")).await;
    assert_eq!(
        by_board["data"]["revokeAward"]["userErrors"][0]["code"], "NOT_COMPETENT",
        "{by_board}"
    );
    let by_unit = post(&app, "officer.cm-skhcn", REVOKE, revoke("FORGED_DOCUMENTS")).await;
    assert_eq!(
        by_unit["data"]["revokeAward"]["award"],
        json!({ "revoked": true, "revocationGround": "FORGED_DOCUMENTS", "amountToRecover": 710_000 }),
        "{by_unit}"
    );

    // A provincial award: the unit's officer may not revoke it; the board does.
    let provincial = approved(&app, "BANG_KHEN_CHU_TICH_TINH", &an, 2025).await;
    let decided = post(
        &app,
        "board.camau",
        "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { awards { id } userErrors { code } } }",
        issue("32/QĐ-UBND", "CM-UBND", "2025-12-20", &[&provincial]),
    )
    .await;
    let bang_khen = decided["data"]["issueDecision"]["awards"][0]["id"].clone();
    let input = json!({ "i": { "awardId": bang_khen, "ground": "UNLAWFUL_APPROVAL", "reason": "Xét duyệt sai quy trình", "revokedOn": "2026-03-01", "revokingDecisionNumber": "6/QĐ-UBND" } });
    let by_unit = post(&app, "officer.cm-skhcn", REVOKE, input.clone()).await;
    assert_eq!(by_unit["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let by_board = post(&app, "board.camau", REVOKE, input).await;
    assert_eq!(
        by_board["data"]["revokeAward"]["award"]["amountToRecover"], 2_340_000,
        "{by_board}"
    );

    // A Lao động tiên tiến of 2024 on which a Chiến sĩ thi đua cơ sở of 2025 rested.
    let recorded = post(&app, "board.camau", "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } userErrors { code message } } }", json!({ "i": { "awardTypeCode": "LAO_DONG_TIEN_TIEN", "recipientId": an, "year": 2024 } })).await;
    let ldtt = recorded["data"]["recordAward"]["award"]["id"].clone();
    assert!(ldtt.is_string(), "{recorded}");
    let cstd = approved(&app, "CHIEN_SI_THI_DUA_CO_SO", &an, 2025).await;
    let decided = post(
        &app,
        "officer.cm-skhcn",
        "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { awards { id } userErrors { code message } } }",
        issue("33/QĐ-SKHCN", "CM-SKHCN-2025", "2025-12-22", &[&cstd]),
    )
    .await;
    let later = decided["data"]["issueDecision"]["awards"][0]["id"].clone();
    assert!(later.is_string(), "{decided}");
    let revoked = post(&app, "board.camau", REVOKE, json!({ "i": { "awardId": ldtt, "ground": "STANDARDS_NOT_MET", "reason": "Không đủ tiêu chuẩn", "revokedOn": "2026-03-01", "revokingDecisionNumber": "7/QĐ-UBND" } })).await;
    assert_eq!(
        revoked["data"]["revokeAward"]["award"]["revoked"], true,
        "{revoked}"
    );
    let seen = app
        .data_as(
            "board.camau",
            "query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Award { dependents { id } } } b: node(id: $b) { ... on Award { reviewReason } } }",
            json!({ "a": ldtt, "b": later }),
        )
        .await;
    assert_eq!(seen["a"]["dependents"], json!([{ "id": later }]), "{seen}");
    assert!(seen["b"]["reviewReason"]
        .as_str()
        .is_some_and(|r| r.contains("7/QĐ-UBND")));
}
