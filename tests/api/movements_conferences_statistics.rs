//! Movements, conferences (the demo's of seeds 000 and 001), dashboard statistics, and a
//! collective's streak across a merger under its province's policy.

use crate::common::{codes, TestApp};
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

#[tokio::test]
async fn the_demo_has_the_conferences_of_seeds_000_and_001_and_the_2020_movement() {
    let app = TestApp::with_demo().await;
    let data = app
        .data(
            "{ conferences { edges { node { name heldOn host { code } period { name } tallies { awardType { code } kind collectives individuals } } } }
               movements { edges { node { name kind launchingUnit { code } startOn } } } }",
            json!({}),
        )
        .await;
    let conferences = data["conferences"]["edges"].as_array().unwrap();
    assert_eq!(conferences.len(), 2);
    let camau = conferences
        .iter()
        .map(|e| &e["node"])
        .find(|c| c["heldOn"] == "2025-08-29")
        .unwrap();
    assert_eq!(camau["host"]["code"], "CM-SKHCN-2025");
    assert_eq!(camau["period"]["name"], "Giai đoạn 2020–2025");
    assert_eq!(
        camau["tallies"],
        json!([
            { "awardType": { "code": "GIAY_KHEN" }, "kind": "GIVEN", "collectives": 3, "individuals": 29 },
            { "awardType": { "code": "BANG_KHEN_CHU_TICH_TINH" }, "kind": "PROPOSED", "collectives": 3, "individuals": 6 }
        ])
    );
    let tiengiang = conferences
        .iter()
        .map(|e| &e["node"])
        .find(|c| c["heldOn"] == "2020-08-10")
        .unwrap();
    assert_eq!(
        tiengiang["tallies"],
        json!([{ "awardType": { "code": "GIAY_KHEN" }, "kind": "GIVEN", "collectives": 2, "individuals": 14 }])
    );
    assert_eq!(tiengiang["period"]["name"], "Giai đoạn 2015–2020");
    assert_eq!(
        data["movements"]["edges"][0]["node"]["launchingUnit"]["code"],
        "TG-SKHCN"
    );
    assert_eq!(
        data["movements"]["edges"][0]["node"]["startOn"],
        "2020-08-10"
    );
}

#[tokio::test]
async fn movements_are_launched_and_registered_for_by_their_units() {
    let app = TestApp::with_demo().await;
    let launch = json!({ "i": { "name": "Thi đua chuyển đổi số năm 2026", "kind": "THEMATIC", "launchingUnitCode": "CM-SKHCN-2025", "startOn": "2026-01-01", "endOn": "2026-12-31" } });
    assert_eq!(codes(&post(&app, "officer.hna-skhcn", "mutation($i: LaunchMovementInput!) { launchMovement(input: $i) { movement { name } } }", launch.clone()).await), ["FORBIDDEN"]);
    let body = post(&app, "officer.cm-skhcn", "mutation($i: LaunchMovementInput!) { launchMovement(input: $i) { movement { id name kind } userErrors { code } } }", launch).await;
    let movement = &body["data"]["launchMovement"]["movement"];
    assert_eq!(movement["kind"], "THEMATIC", "{body}");
    let register = json!({ "i": { "movementId": movement["id"], "unitCode": "CM-SKHCN-2025", "awardTypeCode": "TAP_THE_LAO_DONG_XUAT_SAC", "registeredOn": "2026-02-01" } });
    let query = "mutation($i: RegisterForMovementInput!) { registerForMovement(input: $i) { registration { unit { code } awardType { code } registeredOn } userErrors { field code } } }";
    let first = post(&app, "officer.cm-skhcn", query, register.clone()).await;
    assert_eq!(
        first["data"]["registerForMovement"]["registration"],
        json!({ "unit": { "code": "CM-SKHCN-2025" }, "awardType": { "code": "TAP_THE_LAO_DONG_XUAT_SAC" }, "registeredOn": "2026-02-01" })
    );
    let again = post(&app, "officer.cm-skhcn", query, register).await;
    assert_eq!(
        again["data"]["registerForMovement"]["userErrors"][0]["code"],
        "DUPLICATE"
    );
    let late = post(&app, "officer.cm-skhcn", query, json!({ "i": { "movementId": movement["id"], "unitCode": "CM-SKHCN-2025-VP", "registeredOn": "2027-01-05" } })).await;
    assert_eq!(
        late["data"]["registerForMovement"]["userErrors"][0]["code"],
        "OUT_OF_RANGE"
    );
}

#[tokio::test]
async fn conferences_are_recorded_by_their_host_with_named_awards_and_tallies() {
    let app = TestApp::with_demo().await;
    let unit = app.data("{ unit(code: \"CM-SKHCN-2025-VP\") { id } terms(filter: { kind: EMULATION_PERIOD, activeIn: 2022 }) { edges { node { id } } } }", json!({})).await;
    let award = post(&app, "board.camau", "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }", json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": unit["unit"]["id"], "year": 2025 } })).await;
    let input = json!({ "i": { "kind": "ADVANCED_MODEL", "name": "Hội nghị thử", "heldOn": "2025-09-01", "hostUnitCode": "CM-SKHCN-2025", "periodId": unit["terms"]["edges"][0]["node"]["id"],
        "tallies": [{ "awardTypeCode": "GIAY_KHEN", "kind": "GIVEN", "collectives": 1, "individuals": 0 }], "awardIds": [award["data"]["recordAward"]["award"]["id"]] } });
    let query = "mutation($i: CreateConferenceInput!) { createConference(input: $i) { conference { name awards { recipient { ... on Unit { code } } } tallies { collectives } } userErrors { field code } } }";
    assert_eq!(
        codes(&post(&app, "board.hanam", query, input.clone()).await),
        ["FORBIDDEN"]
    );
    let body = post(&app, "officer.cm-skhcn", query, input).await;
    assert_eq!(
        body["data"]["createConference"]["conference"]["awards"],
        json!([{ "recipient": { "code": "CM-SKHCN-2025-VP" } }]),
        "{body}"
    );
    let bad = post(&app, "officer.cm-skhcn", query, json!({ "i": { "kind": "CONGRESS", "name": "X", "heldOn": "2025-09-01", "hostUnitCode": "CM-SKHCN-2025", "tallies": [{ "awardTypeCode": "NOPE", "kind": "GIVEN", "collectives": 0, "individuals": 0 }] } })).await;
    let fields: Vec<Value> = bad["data"]["createConference"]["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert_eq!(
        fields,
        [
            json!(["tallies", "0", "awardTypeCode"]),
            json!(["tallies", "0"])
        ]
    );
}

const STATISTICS: &str = "query($f: StatisticsFilter) { statistics(filter: $f) {
  byAwardType { awardType { code } count } byYear { year count } byLevel { level count }
  topUnits(limit: 3) { unit { code } count } nominationsByStatus { status count } } }";

#[tokio::test]
async fn statistics_are_grouped_in_the_database_and_scoped() {
    let app = TestApp::with_demo().await;
    let body = post(
        &app,
        "board.camau",
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
        json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": "Lý Văn Tài" } }),
    )
    .await;
    let person = body["data"]["createPerson"]["person"]["id"].clone();
    let unit = app
        .data("{ unit(code: \"CM-SKHCN-2025\") { id } }", json!({}))
        .await["unit"]["id"]
        .clone();
    for (code, recipient, year) in [
        ("CHIEN_SI_THI_DUA_CO_SO", &person, 2023),
        ("CHIEN_SI_THI_DUA_CO_SO", &person, 2024),
        ("GIAY_KHEN", &unit, 2024),
    ] {
        post(
            &app,
            "board.camau",
            "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }",
            json!({ "i": { "awardTypeCode": code, "recipientId": recipient, "year": year } }),
        )
        .await;
    }
    app.take_statements();
    let board = app
        .data_as(
            "board.camau",
            STATISTICS,
            json!({ "f": { "provinceCode": "CA_MAU" } }),
        )
        .await["statistics"]
        .clone();
    let statements = app.take_statements();
    assert_eq!(
        board["byAwardType"],
        json!([{ "awardType": { "code": "CHIEN_SI_THI_DUA_CO_SO" }, "count": 2 }, { "awardType": { "code": "GIAY_KHEN" }, "count": 1 }])
    );
    assert_eq!(
        board["byYear"],
        json!([{ "year": 2023, "count": 1 }, { "year": 2024, "count": 2 }])
    );
    assert_eq!(
        board["byLevel"],
        json!([{ "level": "GRASSROOTS", "count": 3 }])
    );
    assert_eq!(
        board["topUnits"],
        json!([{ "unit": { "code": "CM-SKHCN-2025" }, "count": 3 }]),
        "awards to the unit and to its people"
    );
    let grouped = statements.iter().filter(|s| s.contains("GROUP BY")).count();
    assert_eq!(grouped, 5, "one grouped query each: {statements:#?}");

    let public = app
        .data(STATISTICS, json!({ "f": { "provinceCode": "CA_MAU" } }))
        .await["statistics"]
        .clone();
    assert_eq!(
        public["byAwardType"],
        json!([{ "awardType": { "code": "GIAY_KHEN" }, "count": 1 }]),
        "the public counts what it may list"
    );
    assert_eq!(public["nominationsByStatus"], json!([]));
    let hanam = app.data_as("board.hanam", STATISTICS, json!({})).await["statistics"].clone();
    assert_eq!(
        hanam["nominationsByStatus"],
        json!([{ "status": "DECIDED", "count": 3 }]),
        "Cụm II's decided proposals"
    );
    let whole = app
        .data_as(
            "admin",
            STATISTICS,
            json!({ "f": { "yearFrom": 2020, "yearTo": 2020 } }),
        )
        .await["statistics"]
        .clone();
    assert_eq!(whole["byYear"], json!([{ "year": 2020, "count": 3 }]));
}

#[tokio::test]
async fn a_collectives_streak_crosses_a_merger_only_where_the_province_allows_it() {
    let app = TestApp::with_demo().await;
    for (code, name) in [("CM-PA", "Phòng A"), ("CM-PB", "Phòng B")] {
        post(&app, "board.camau", "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } } }", json!({ "i": { "code": code, "kind": "SUBDIVISION", "name": name, "parentCode": "CM-SKHCN-2025", "validFrom": "2020-01-01" } })).await;
    }
    let a = app
        .data("{ unit(code: \"CM-PA\") { id } }", json!({}))
        .await["unit"]["id"]
        .clone();
    post(&app, "board.camau", "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }", json!({ "i": { "awardTypeCode": "TAP_THE_LAO_DONG_TIEN_TIEN", "recipientId": a, "year": 2023 } })).await;
    post(&app, "board.camau", "mutation($i: ReorganizeUnitsInput!) { reorganizeUnits(input: $i) { successors { code } } }", json!({ "i": { "kind": "MERGE", "effectiveOn": "2024-01-01", "legalBasis": "QĐ 7/QĐ-SKHCN", "predecessorCodes": ["CM-PA", "CM-PB"], "newUnits": [{ "code": "CM-PAB", "name": "Phòng AB" }] } })).await;
    let ab = app
        .data("{ unit(code: \"CM-PAB\") { id } }", json!({}))
        .await["unit"]["id"]
        .clone();
    post(&app, "board.camau", "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }", json!({ "i": { "awardTypeCode": "TAP_THE_LAO_DONG_TIEN_TIEN", "recipientId": ab, "year": 2024 } })).await;

    // The province's own rule, as data: from 2024, the Chairman's certificate for a
    // collective takes two consecutive years of Tập thể lao động tiên tiến.
    let set = app
        .data_as(
            "board.camau",
            "mutation($i: SetAwardRuleInput!) { setAwardRule(input: $i) { rule { key } userErrors { message } } }",
            json!({ "i": {
                "awardTypeCode": "BANG_KHEN_CHU_TICH_TINH", "provinceCode": "CA_MAU",
                "appliesFrom": 2024, "recipientKind": "COLLECTIVE",
                "rule": { "kind": "STREAK", "award": "TAP_THE_LAO_DONG_TIEN_TIEN", "years": 2 },
                "source": "Quyết định 12/QĐ-UBND của tỉnh Cà Mau" } }),
        )
        .await;
    assert_eq!(set["setAwardRule"]["userErrors"], json!([]), "{set}");

    let query = "query($r: ID!) { eligibility(awardTypeCode: \"BANG_KHEN_CHU_TICH_TINH\", recipientId: $r, year: 2024) { eligible verdict checks { rule status passed detail detailEn } } }";
    let report = app.data_as("board.camau", query, json!({ "r": ab })).await["eligibility"].clone();
    assert_eq!(report["eligible"], false, "{report}");
    let policy = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "MERGER_POLICY")
        .unwrap();
    assert!(
        policy["detail"]
            .as_str()
            .unwrap()
            .contains("không được tính"),
        "{policy}"
    );

    let policy = app
        .data_as(
            "board.camau",
            "mutation($i: SetProvincePolicyInput!) { setProvincePolicy(input: $i) { policy { version collectiveStreakAcrossMergers } userErrors { message } } }",
            json!({ "i": { "provinceCode": "CA_MAU", "collectiveStreakAcrossMergers": true,
                           "source": "Quyết định 15/QĐ-UBND của tỉnh Cà Mau" } }),
        )
        .await;
    assert_eq!(
        policy["setProvincePolicy"]["policy"],
        json!({ "version": 1, "collectiveStreakAcrossMergers": true }),
        "{policy}"
    );
    let report = app.data_as("board.camau", query, json!({ "r": ab })).await["eligibility"].clone();
    // The province's rule passes; the national alternatives leave the rest to the council.
    assert_eq!(report["verdict"], "INCOMPLETE", "{report}");
    let streak = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "STREAK")
        .unwrap();
    assert_eq!(streak["status"], "PASSED", "{streak}");
    assert!(
        streak["detail"]
            .as_str()
            .unwrap()
            .contains("kể cả danh hiệu của đơn vị tiền thân: Phòng A"),
        "{streak}"
    );
    assert!(
        streak["detailEn"]
            .as_str()
            .unwrap()
            .contains("counting the titles of its predecessors"),
        "{streak}"
    );
}
