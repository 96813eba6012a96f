//! Awards: eligibility rules as data checked on literal cases of shared/DOMAIN.md, recorded
//! awards and their duplicates, revocation, initiatives, and who may do each.

use crate::common::{codes, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

const CREATE_PERSON: &str =
    "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }";
const RECORD: &str = "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id year revoked awardType { code } recipientName decision { number } } userErrors { field code message } } }";
const INITIATIVE: &str = "mutation($i: RecordInitiativeInput!) { recordInitiative(input: $i) { initiative { title scope year } userErrors { field code } } }";
const REVOKE: &str = "mutation($i: RevokeAwardInput!) { revokeAward(input: $i) { award { revoked revokedOn revokedReason revokingDecisionNumber } userErrors { field code } } }";
const ELIGIBILITY: &str = "query($t: String!, $r: ID!, $y: Int!) { eligibility(awardTypeCode: $t, recipientId: $r, year: $y) { eligible checks { ...C parts { ...C parts { ...C } } } } } fragment C on EligibilityCheck { rule passed detail detailEn }";

/// A person of Sở KH&CN Cà Mau, created by the board.
async fn person(app: &TestApp, name: &str) -> String {
    let body = post(
        app,
        "board.camau",
        CREATE_PERSON,
        json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": name } }),
    )
    .await;
    body["data"]["createPerson"]["person"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

async fn record(app: &TestApp, code: &str, recipient: &str, year: i32) -> Value {
    let body = post(
        app,
        "board.camau",
        RECORD,
        json!({ "i": { "awardTypeCode": code, "recipientId": recipient, "year": year } }),
    )
    .await;
    assert_eq!(
        body["data"]["recordAward"]["userErrors"],
        json!([]),
        "{body}"
    );
    body["data"]["recordAward"]["award"].clone()
}

async fn initiative(app: &TestApp, person: &str, scope: &str, year: i32) {
    let body = post(app, "board.camau", INITIATIVE, json!({ "i": { "personId": person, "title": "Ứng dụng bản đồ số trong quản lý đo lường", "scope": scope, "year": year, "recognisedBy": "45/QĐ-UBND" } })).await;
    assert_eq!(
        body["data"]["recordInitiative"]["userErrors"],
        json!([]),
        "{body}"
    );
}

async fn eligibility(app: &TestApp, award: &str, recipient: &str, year: i32) -> Value {
    app.data_as(
        "board.camau",
        ELIGIBILITY,
        json!({ "t": award, "r": recipient, "y": year }),
    )
    .await["eligibility"]
        .clone()
}

/// The first check named `rule`, at any depth of the report.
fn check<'a>(report: &'a Value, rule: &str) -> &'a Value {
    fn find<'a>(checks: &'a Value, rule: &str) -> Option<&'a Value> {
        checks.as_array()?.iter().find_map(|c| {
            if c["rule"] == rule {
                Some(c)
            } else {
                find(&c["parts"], rule)
            }
        })
    }
    find(&report["checks"], rule).unwrap_or_else(|| panic!("no {rule} in {report}"))
}

#[tokio::test]
async fn three_years_of_cstdcs_and_a_provincial_initiative_make_a_provincial_emulation_fighter() {
    let app = TestApp::with_demo().await;
    let id = person(&app, "Lê Thị Mai").await;
    for year in [2021, 2022, 2023] {
        record(&app, "CHIEN_SI_THI_DUA_CO_SO", &id, year).await;
    }
    initiative(&app, &id, "PROVINCIAL", 2023).await;
    let report = eligibility(&app, "CHIEN_SI_THI_DUA_TINH", &id, 2023).await;
    assert_eq!(report["eligible"], true, "{report}");
    let streak = check(&report, "STREAK");
    assert_eq!(
        streak["detail"],
        "3 năm liên tục Chiến sĩ thi đua cơ sở: 2021, 2022, 2023"
    );
    assert_eq!(
        streak["detailEn"],
        "3 consecutive years of Grassroots Emulation Fighter: 2021, 2022, 2023"
    );
    assert_eq!(check(&report, "INITIATIVE")["passed"], true);
    assert_eq!(check(&report, "RECIPIENT_KIND")["passed"], true);

    // Without the provincial initiative the streak alone is not enough.
    let other = person(&app, "Phạm Văn Nam").await;
    for year in [2021, 2022, 2023] {
        record(&app, "CHIEN_SI_THI_DUA_CO_SO", &other, year).await;
    }
    initiative(&app, &other, "UNIT", 2023).await;
    let report = eligibility(&app, "CHIEN_SI_THI_DUA_TINH", &other, 2023).await;
    assert_eq!(report["eligible"], false);
    assert_eq!(check(&report, "INITIATIVE")["passed"], false);
}

#[tokio::test]
async fn a_gap_in_2022_breaks_the_streak() {
    let app = TestApp::with_demo().await;
    let id = person(&app, "Trần Thị Lan").await;
    for year in [2021, 2023] {
        record(&app, "CHIEN_SI_THI_DUA_CO_SO", &id, year).await;
    }
    initiative(&app, &id, "PROVINCIAL", 2023).await;
    let report = eligibility(&app, "CHIEN_SI_THI_DUA_TINH", &id, 2023).await;
    assert_eq!(report["eligible"], false);
    let streak = check(&report, "STREAK");
    assert_eq!(streak["passed"], false);
    assert!(
        streak["detail"]
            .as_str()
            .unwrap()
            .contains("thiếu năm 2022"),
        "{streak}"
    );
}

#[tokio::test]
async fn a_revoked_2022_award_breaks_the_streak_and_is_hidden_unless_asked_for() {
    let app = TestApp::with_demo().await;
    let id = person(&app, "Võ Minh Tâm").await;
    let mut awards = Vec::new();
    for year in [2021, 2022, 2023] {
        awards.push(record(&app, "CHIEN_SI_THI_DUA_CO_SO", &id, year).await);
    }
    initiative(&app, &id, "PROVINCIAL", 2022).await;
    assert_eq!(
        eligibility(&app, "CHIEN_SI_THI_DUA_TINH", &id, 2023).await["eligible"],
        true
    );

    let revoke = json!({ "i": { "awardId": awards[1]["id"], "ground": "FALSE_DECLARATION", "reason": "Hồ sơ kê khai không trung thực", "revokedOn": "2024-05-10", "revokingDecisionNumber": "88/QĐ-UBND" } });
    for who in ["officer.cm-skhcn", "board.hanam", "partner.demo"] {
        assert_eq!(
            codes(&post(&app, who, REVOKE, revoke.clone()).await),
            ["FORBIDDEN"],
            "{who}"
        );
    }
    let body = post(&app, "board.camau", REVOKE, revoke.clone()).await;
    assert_eq!(
        body["data"]["revokeAward"]["award"],
        json!({ "revoked": true, "revokedOn": "2024-05-10", "revokedReason": "Hồ sơ kê khai không trung thực", "revokingDecisionNumber": "88/QĐ-UBND" })
    );
    let again = post(&app, "board.camau", REVOKE, revoke).await;
    assert_eq!(
        again["data"]["revokeAward"]["userErrors"],
        json!([{ "field": ["awardId"], "code": "WRONG_STATE" }])
    );

    let report = eligibility(&app, "CHIEN_SI_THI_DUA_TINH", &id, 2023).await;
    assert_eq!(
        report["eligible"], false,
        "a revoked award no longer counts"
    );
    assert!(check(&report, "STREAK")["detail"]
        .as_str()
        .unwrap()
        .contains("2022"));

    let query = "query($p: ID!, $all: Boolean) { awards(filter: { personId: $p, includeRevoked: $all }) { totalCount edges { node { year revoked } } } }";
    let visible = app.data_as("board.camau", query, json!({ "p": id })).await;
    assert_eq!(visible["awards"]["totalCount"], 2);
    let all = app
        .data_as("board.camau", query, json!({ "p": id, "all": true }))
        .await;
    assert_eq!(all["awards"]["totalCount"], 3);
    // The award itself is kept: a revoked award can be recorded again for the year.
    record(&app, "CHIEN_SI_THI_DUA_CO_SO", &id, 2022).await;
}

#[tokio::test]
async fn a_persons_streak_follows_the_person_across_a_unit_merger() {
    let app = TestApp::with_demo().await;
    for (code, name) in [("CM-PA", "Phòng A"), ("CM-PB", "Phòng B")] {
        let body = post(&app, "board.camau", "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } } }", json!({ "i": { "code": code, "kind": "SUBDIVISION", "name": name, "parentCode": "CM-SKHCN-2025", "validFrom": "2020-01-01" } })).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    let body = post(
        &app,
        "board.camau",
        CREATE_PERSON,
        json!({ "i": { "unitCode": "CM-PA", "fullName": "Đặng Quốc Huy" } }),
    )
    .await;
    let id = body["data"]["createPerson"]["person"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for year in [2022, 2023] {
        record(&app, "CHIEN_SI_THI_DUA_CO_SO", &id, year).await;
    }
    let merged = post(&app, "board.camau", "mutation($i: ReorganizeUnitsInput!) { reorganizeUnits(input: $i) { successors { code } userErrors { code } } }", json!({ "i": { "kind": "MERGE", "effectiveOn": "2024-01-01", "legalBasis": "Quyết định số 5/QĐ-SKHCN", "predecessorCodes": ["CM-PA", "CM-PB"], "newUnits": [{ "code": "CM-PAB", "name": "Phòng AB" }] } })).await;
    assert_eq!(
        merged["data"]["reorganizeUnits"]["successors"],
        json!([{ "code": "CM-PAB" }]),
        "{merged}"
    );
    let moved = app
        .data_as(
            "board.camau",
            "query($id: ID!) { node(id: $id) { ... on Person { unit { code } } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(moved["node"]["unit"]["code"], "CM-PAB");
    record(&app, "CHIEN_SI_THI_DUA_CO_SO", &id, 2024).await;
    initiative(&app, &id, "PROVINCIAL", 2024).await;
    let report = eligibility(&app, "CHIEN_SI_THI_DUA_TINH", &id, 2024).await;
    assert_eq!(report["eligible"], true, "{report}");
    assert_eq!(
        check(&report, "STREAK")["detail"],
        "3 năm liên tục Chiến sĩ thi đua cơ sở: 2022, 2023, 2024"
    );
}

#[tokio::test]
async fn the_cluster_leader_is_eligible_for_the_provincial_flag_and_the_runner_up_is_not() {
    let app = TestApp::with_demo().await;
    let ids = app
        .data(
            "{ a: unit(code: \"HNA-SCT\") { id } b: unit(code: \"HNA-SKHCN\") { id } }",
            json!({}),
        )
        .await;
    let leader = eligibility(
        &app,
        "CO_THI_DUA_TINH",
        ids["a"]["id"].as_str().unwrap(),
        2020,
    )
    .await;
    assert_eq!(check(&leader, "LED_CLUSTER")["passed"], true, "{leader}");
    // The demo decided Cụm II's proposals: the flag of 2020 is held already.
    assert_eq!(check(&leader, "NOT_YET_AWARDED")["passed"], false);
    assert_eq!(leader["eligible"], false);
    assert_eq!(
        check(&leader, "LED_CLUSTER")["detail"],
        "Dẫn đầu cụm, khối thi đua do tỉnh tổ chức năm 2020"
    );
    let second = eligibility(
        &app,
        "CO_THI_DUA_TINH",
        ids["b"]["id"].as_str().unwrap(),
        2020,
    )
    .await;
    assert_eq!(second["eligible"], false);
    let person_flag = eligibility(
        &app,
        "CO_THI_DUA_TINH",
        &person(&app, "Ngô Thị Hoa").await,
        2020,
    )
    .await;
    assert_eq!(
        check(&person_flag, "RECIPIENT_KIND")["passed"],
        false,
        "flags are for collectives"
    );
}

#[tokio::test]
async fn record_award_refuses_duplicates_wrong_recipients_and_viewers_without_the_right() {
    let app = TestApp::with_demo().await;
    let id = person(&app, "Bùi Văn Khoa").await;
    let input = |code: &str, year: i32| json!({ "i": { "awardTypeCode": code, "recipientId": id, "year": year, "decision": { "number": "163/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2024-01-15", "signerName": "Nguyễn Văn A", "signerTitle": "Chủ tịch UBND tỉnh" } } });
    let count = || async { entity::award::Entity::find().count(&app.db).await.unwrap() };
    let before = count().await;
    for who in ["officer.cm-skhcn", "board.hanam", "partner.demo"] {
        assert_eq!(
            codes(&post(&app, who, RECORD, input("BANG_KHEN_CHU_TICH_TINH", 2023)).await),
            ["FORBIDDEN"],
            "{who}"
        );
    }
    assert_eq!(
        codes(
            &app.post(RECORD, input("BANG_KHEN_CHU_TICH_TINH", 2023))
                .await
                .1
        ),
        ["FORBIDDEN"]
    );
    assert_eq!(count().await, before);

    let body = post(
        &app,
        "board.camau",
        RECORD,
        input("BANG_KHEN_CHU_TICH_TINH", 2023),
    )
    .await;
    let award = &body["data"]["recordAward"]["award"];
    assert_eq!(award["decision"]["number"], "163/QĐ-UBND", "{body}");
    assert_eq!(award["recipientName"], "Bùi Văn Khoa");
    let twice = post(
        &app,
        "board.camau",
        RECORD,
        input("BANG_KHEN_CHU_TICH_TINH", 2023),
    )
    .await;
    assert_eq!(
        twice["data"]["recordAward"]["userErrors"][0]["code"],
        "DUPLICATE"
    );
    let flag = post(&app, "board.camau", RECORD, input("CO_THI_DUA_TINH", 2023)).await;
    assert_eq!(
        flag["data"]["recordAward"]["userErrors"][0]["code"],
        "RULE_NOT_MET"
    );
    let mut bad_number = input("GIAY_KHEN", 2023);
    bad_number["i"]["decision"]["number"] = json!("163-UBND");
    let bad = post(&app, "board.camau", RECORD, bad_number).await;
    assert_eq!(
        bad["data"]["recordAward"]["userErrors"][0]["field"],
        json!(["decision", "number"])
    );
    assert_eq!(count().await, before + 1);

    let decisions = app.data("{ decisions(filter: { issuerCode: \"CM-UBND\" }) { edges { node { number signerTitle issuer { code } awards { year } } } } }", json!({})).await;
    let decision = &decisions["decisions"]["edges"][0]["node"];
    assert_eq!(decision["number"], "163/QĐ-UBND");
    assert_eq!(
        decision["awards"],
        json!([]),
        "the public does not see awards to persons"
    );
    let public = app
        .data(
            "{ awards(filter: { provinceCode: \"CA_MAU\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(public["awards"]["totalCount"], 0);
    let board = app.data_as("board.camau", "{ awards(filter: { provinceCode: \"CA_MAU\", awardTypeCode: \"BANG_KHEN_CHU_TICH_TINH\" }) { edges { node { recipient { ... on Person { fullName } } } } } }", json!({})).await;
    assert_eq!(
        board["awards"]["edges"][0]["node"]["recipient"]["fullName"],
        "Bùi Văn Khoa"
    );
}

#[tokio::test]
async fn unit_scope_initiatives_are_for_the_units_officers_and_wider_ones_for_the_board() {
    let app = TestApp::with_demo().await;
    let id = person(&app, "Hồ Thị Yến").await;
    let unit_scope =
        json!({ "i": { "personId": id, "title": "Số hóa hồ sơ", "scope": "UNIT", "year": 2024 } });
    let provincial = json!({ "i": { "personId": id, "title": "Số hóa hồ sơ", "scope": "PROVINCIAL", "year": 2024 } });
    assert_eq!(
        codes(&post(&app, "officer.hna-skhcn", INITIATIVE, unit_scope.clone()).await),
        ["FORBIDDEN"]
    );
    let body = post(&app, "officer.cm-skhcn", INITIATIVE, unit_scope).await;
    assert_eq!(
        body["data"]["recordInitiative"]["initiative"],
        json!({ "title": "Số hóa hồ sơ", "scope": "UNIT", "year": 2024 })
    );
    assert_eq!(
        codes(&post(&app, "officer.cm-skhcn", INITIATIVE, provincial.clone()).await),
        ["FORBIDDEN"]
    );
    let body = post(&app, "board.camau", INITIATIVE, provincial).await;
    assert_eq!(body["data"]["recordInitiative"]["userErrors"], json!([]));
}
