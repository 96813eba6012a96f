//! Reorganisations of units and what they mean elsewhere: a successor does not get an award
//! for a year its predecessor was rewarded for (nor the reverse), and the open cluster years
//! drop a closed member, with a note in their history, while finalized years stay as they were.

use crate::common::{signed_in_socket, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

const CREATE_UNIT: &str = "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } userErrors { code } } }";
const REORGANIZE: &str = "mutation($i: ReorganizeUnitsInput!) { reorganizeUnits(input: $i) { successors { code } userErrors { field code message } } }";
const RECORD: &str = "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } userErrors { field code message } } }";
const CREATE: &str = "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id status } userErrors { field code message } } }";
const SUBMIT: &str = "mutation($i: NominationStepInput!) { submitNomination(input: $i) { nomination { status } userErrors { field code message } } }";
const APPROVE: &str = "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { field code message } } }";
const ISSUE: &str = "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { decision { number } awards { year } userErrors { field code message } } }";
const NOMINATION: &str = "query($id: ID!) { node(id: $id) { ... on Nomination { status } } }";

async fn unit(app: &TestApp, code: &str, name: &str, kind: &str) {
    let body = post(app, "board.camau", CREATE_UNIT, json!({ "i": { "code": code, "kind": kind, "name": name, "provinceCode": "CA_MAU", "validFrom": "2020-01-01" } })).await;
    assert_eq!(body["data"]["createUnit"]["unit"]["code"], code, "{body}");
}

async fn unit_id(app: &TestApp, code: &str) -> String {
    let body = app
        .data_as(
            "board.camau",
            "query($c: String!) { unit(code: $c) { id } }",
            json!({ "c": code }),
        )
        .await;
    body["unit"]["id"].as_str().unwrap().to_owned()
}

async fn reorganize(app: &TestApp, input: Value) {
    let body = post(app, "board.camau", REORGANIZE, json!({ "i": input })).await;
    assert_eq!(
        body["data"]["reorganizeUnits"]["userErrors"],
        json!([]),
        "{body}"
    );
}

async fn record(app: &TestApp, award: &str, recipient: &str, year: i32) -> Value {
    post(
        app,
        "board.camau",
        RECORD,
        json!({ "i": { "awardTypeCode": award, "recipientId": recipient, "year": year } }),
    )
    .await["data"]["recordAward"]
        .clone()
}

/// The nomination of `award` for `recipient` and `year`, created and submitted by the board.
/// A nomination drafted and submitted by a clerk of the board, for `board.camau` to decide.
async fn submitted(app: &TestApp, award: &str, recipient: &str, year: i32) -> String {
    app.account("board.camau.clerk", "BOARD", None, Some("CA_MAU"))
        .await;
    let body = post(app, "board.camau.clerk", CREATE, json!({ "i": { "awardTypeCode": award, "recipientId": recipient, "year": year, "achievements": "Hoàn thành tốt nhiệm vụ được giao" } })).await;
    let id = body["data"]["createNomination"]["nomination"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    let body = post(
        app,
        "board.camau.clerk",
        SUBMIT,
        json!({ "i": { "id": id, "comment": "Giải trình: đơn vị mới hợp nhất" } }),
    )
    .await;
    assert_eq!(
        body["data"]["submitNomination"]["nomination"]["status"], "SUBMITTED",
        "{body}"
    );
    id
}

/// Awards, decisions and nominations, and the audit trail.
async fn footprint(app: &TestApp) -> Vec<u64> {
    let db = &app.db;
    vec![
        entity::award::Entity::find().count(db).await.unwrap(),
        entity::decision::Entity::find().count(db).await.unwrap(),
        entity::nomination::Entity::find().count(db).await.unwrap(),
        entity::nomination_event::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::audit_log::Entity::find().count(db).await.unwrap(),
    ]
}

/// The only user error of `payload`, which must be a `DUPLICATE` naming `holder`.
fn duplicate_naming(payload: &Value, holder: &str) {
    let errors = payload["userErrors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{payload}");
    assert_eq!(errors[0]["code"], "DUPLICATE", "{payload}");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.contains(holder), "{holder}: {message}");
}

#[tokio::test]
async fn a_successor_is_not_rewarded_again_for_its_predecessors_year() {
    let app = TestApp::with_demo().await;
    unit(&app, "CM-QLA", "Ban Quản lý dự án A", "AGENCY").await;
    unit(&app, "CM-QLB", "Ban Quản lý dự án B", "AGENCY").await;
    unit(&app, "CM-QLC", "Ban Quản lý dự án C", "AGENCY").await;
    let (a, b) = (unit_id(&app, "CM-QLA").await, unit_id(&app, "CM-QLB").await);
    assert_eq!(
        record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &a, 2024).await["userErrors"],
        json!([])
    );
    reorganize(&app, json!({ "kind": "MERGE", "effectiveOn": "2025-07-01", "legalBasis": "Quyết định số 1500/QĐ-UBND ngày 20/6/2025",
        "predecessorCodes": ["CM-QLA", "CM-QLB"], "newUnits": [{ "code": "CM-QLAB", "name": "Ban Quản lý dự án AB" }] })).await;
    let ab = unit_id(&app, "CM-QLAB").await;

    // Nominated while nobody holds the awards for 2025; one of them approved.
    let flag = submitted(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &ab, 2025).await;
    let giay_khen = submitted(&app, "GIAY_KHEN", &ab, 2025).await;
    let body = post(
        &app,
        "board.camau",
        APPROVE,
        json!({ "i": { "id": giay_khen } }),
    )
    .await;
    assert_eq!(
        body["data"]["approveNomination"]["nomination"]["status"],
        "APPROVED"
    );
    // Then the predecessor's awards for 2025 are recorded, as decided before the merger.
    for award in ["TAP_THE_LAO_DONG_TIEN_TIEN", "GIAY_KHEN"] {
        assert_eq!(record(&app, award, &a, 2025).await["userErrors"], json!([]));
    }

    let before = footprint(&app).await;
    duplicate_naming(
        &record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &ab, 2025).await,
        "Ban Quản lý dự án A (CM-QLA)",
    );
    let approve = post(&app, "board.camau", APPROVE, json!({ "i": { "id": flag } })).await;
    duplicate_naming(&approve["data"]["approveNomination"], "(CM-QLA)");
    let issue = post(&app, "board.camau", ISSUE, json!({ "i": { "number": "77/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2025-12-20",
        "signerName": "Chủ tịch UBND tỉnh", "signerTitle": "Chủ tịch", "nominationIds": [giay_khen] } })).await;
    duplicate_naming(&issue["data"]["issueDecision"], "(CM-QLA)");
    assert_eq!(issue["data"]["issueDecision"]["decision"], Value::Null);
    // A year the successor did not exist in is its predecessors' work only.
    let create = post(&app, "board.camau", CREATE, json!({ "i": { "awardTypeCode": "TAP_THE_LAO_DONG_TIEN_TIEN", "recipientId": ab, "year": 2024, "achievements": "Thành tích năm 2024" } })).await;
    duplicate_naming(&create["data"]["createNomination"], "(CM-QLA)");
    assert_eq!(footprint(&app).await, before, "a refusal writes nothing");
    for (id, status) in [(&flag, "SUBMITTED"), (&giay_khen, "APPROVED")] {
        let n = app
            .data_as("board.camau", NOMINATION, json!({ "id": id }))
            .await;
        assert_eq!(n["node"]["status"], status);
    }

    // Another year is the successor's own; its predecessor then does not get it again.
    assert_eq!(
        record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &ab, 2026).await["userErrors"],
        json!([])
    );
    duplicate_naming(
        &record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &b, 2026).await,
        "(CM-QLAB)",
    );
    // The predecessor's fellow in the merger is another collective: its own 2025 counts.
    assert_eq!(
        record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &b, 2025).await["userErrors"],
        json!([])
    );

    // Through two reorganisations: AB is renamed in 2026; the renamed unit's 2025 is still
    // A's, its 2026 AB's.
    reorganize(&app, json!({ "kind": "RENAME", "effectiveOn": "2026-03-01", "legalBasis": "Quyết định số 300/QĐ-UBND",
        "predecessorCodes": ["CM-QLAB"], "newUnits": [{ "code": "CM-QLAB2", "name": "Ban Quản lý các dự án đầu tư" }] })).await;
    let ab2 = unit_id(&app, "CM-QLAB2").await;
    duplicate_naming(
        &record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &ab2, 2025).await,
        "(CM-QLA)",
    );
    duplicate_naming(
        &record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &ab2, 2026).await,
        "(CM-QLAB)",
    );
    // A unit that absorbs another keeps its own earlier years.
    reorganize(&app, json!({ "kind": "ABSORB", "effectiveOn": "2027-01-01", "legalBasis": "Quyết định số 9/QĐ-UBND",
        "predecessorCodes": ["CM-QLAB2"], "successorCode": "CM-QLC" })).await;
    let c = unit_id(&app, "CM-QLC").await;
    for year in [2025, 2026] {
        assert_eq!(
            record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &c, year).await["userErrors"],
            json!([]),
            "{year} is the absorbing unit's own"
        );
    }
}

#[tokio::test]
async fn a_split_successor_is_not_rewarded_again_nor_nominated_beside_its_predecessor() {
    let app = TestApp::with_demo().await;
    unit(&app, "CM-QLD", "Ban Quản lý dự án D", "AGENCY").await;
    let d = unit_id(&app, "CM-QLD").await;
    // Nominated before the split, approved, and not decided yet.
    let before_split = submitted(&app, "GIAY_KHEN", &d, 2025).await;
    post(
        &app,
        "board.camau",
        APPROVE,
        json!({ "i": { "id": before_split } }),
    )
    .await;
    reorganize(&app, json!({ "kind": "SPLIT", "effectiveOn": "2025-10-01", "legalBasis": "Quyết định số 20/QĐ-UBND",
        "predecessorCodes": ["CM-QLD"], "newUnits": [{ "code": "CM-QLD1", "name": "Ban Quản lý dự án D1" }, { "code": "CM-QLD2", "name": "Ban Quản lý dự án D2" }] })).await;
    let d1 = unit_id(&app, "CM-QLD1").await;
    // The successor's 2025 is the predecessor's nomination's: one open nomination for it.
    let twice = post(&app, "board.camau", CREATE, json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": d1, "year": 2025, "achievements": "Thành tích năm 2025" } })).await;
    duplicate_naming(&twice["data"]["createNomination"], "(CM-QLD)");
    assert_eq!(
        record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &d, 2025).await["userErrors"],
        json!([])
    );
    for successor in ["CM-QLD1", "CM-QLD2"] {
        let id = unit_id(&app, successor).await;
        duplicate_naming(
            &record(&app, "TAP_THE_LAO_DONG_TIEN_TIEN", &id, 2025).await,
            "(CM-QLD)",
        );
    }
    // The decision confers the predecessor's approved nomination: nothing else holds it.
    let issue = post(&app, "board.camau", ISSUE, json!({ "i": { "number": "78/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2025-12-20",
        "signerName": "Chủ tịch UBND tỉnh", "signerTitle": "Chủ tịch", "nominationIds": [before_split] } })).await;
    assert_eq!(
        issue["data"]["issueDecision"]["userErrors"],
        json!([]),
        "{issue}"
    );
}

const YEAR: &str = "query($c: String!, $y: Int!) { clusterYear(clusterCode: $c, year: $y) {
  id status version head { code } deputy { code } members { code } scoreSheets { unit { code } selfTotal } ranking { rank unit { code } } } }";
const SETUP: &str = "mutation($i: SetUpClusterYearInput!) { setUpClusterYear(input: $i) { clusterYear { status } userErrors { field code message } } }";
const COVENANT: &str = "mutation($i: SignCovenantInput!) { signCovenant(input: $i) { clusterYear { status } userErrors { field code message } } }";
const OPEN: &str = "mutation($i: ClusterYearInput!) { openScoring(input: $i) { clusterYear { status } userErrors { code message } } }";
const START: &str = "mutation($i: ClusterYearInput!) { startReview(input: $i) { clusterYear { status } userErrors { code message } } }";
const SELF: &str = "mutation($i: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $i) { scoreSheet { selfTotal } userErrors { field code message } } }";
const FINALIZE: &str = "mutation($i: FinalizeRankingInput!) { finalizeRanking(input: $i) { clusterYear { status } userErrors { field code message } } }";
const LEADERSHIP: &str = "mutation($i: SetClusterLeadershipInput!) { setClusterLeadership(input: $i) { clusterYear { head { code } deputy { code } } userErrors { field code message } } }";
const TRAIL: &str = "query($id: String!) { auditLog(first: 50, filter: { objectType: \"ClusterYear\", objectId: $id, action: \"reorganizeUnits\" }) { nodes { actor after } } }";

async fn cluster_year(app: &TestApp, year: i32) -> Value {
    app.data_as("board.camau", YEAR, json!({ "c": "CM-KHOI-X", "y": year }))
        .await["clusterYear"]
        .clone()
}

fn codes(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let v = if field.is_empty() { v } else { &v[field] };
            v["code"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// Step `query` on the year `year` of CM-KHOI-X as the board, with `extra` input; no user errors.
async fn step(app: &TestApp, query: &str, year: i32, extra: Value) {
    let mut input = json!({ "clusterCode": "CM-KHOI-X", "year": year });
    input
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let body = post(app, "board.camau", query, json!({ "i": input })).await;
    let payload = body["data"].as_object().and_then(|d| d.values().next());
    assert_eq!(
        payload.map(|p| p["userErrors"].clone()),
        Some(json!([])),
        "{body}"
    );
}

/// A year of CM-KHOI-X set up, signed and opened for scoring, the `scored` members
/// self-assessed.
async fn scoring_year(
    app: &TestApp,
    year: i32,
    members: &[&str],
    head: &str,
    deputy: &str,
    scored: &[&str],
) {
    step(
        app,
        SETUP,
        year,
        json!({ "memberCodes": members, "headCode": head, "deputyCode": deputy }),
    )
    .await;
    step(app, COVENANT, year, json!({ "signedOn": format!("{year}-02-01"), "criteria": [{ "code": "TC1", "title": "Hoàn thành nhiệm vụ", "maxPoints": 100 }] })).await;
    step(app, OPEN, year, json!({})).await;
    for (i, unit) in scored.iter().enumerate() {
        step(app, SELF, year, json!({ "unitCode": unit, "lines": [{ "criterionCode": "TC1", "points": 90.0 - i as f64 }] })).await;
    }
}

#[tokio::test]
async fn open_cluster_years_drop_a_merged_away_member_and_finalized_years_keep_it() {
    let app = TestApp::with_demo().await;
    for (code, name) in [
        ("CM-XA", "Sở Xây dựng tỉnh Cà Mau"),
        ("CM-XB", "Sở Giao thông vận tải tỉnh Cà Mau"),
        ("CM-XC", "Sở Tài chính tỉnh Cà Mau"),
        ("CM-XD", "Sở Y tế tỉnh Cà Mau"),
    ] {
        unit(&app, code, name, "DEPARTMENT").await;
    }
    let body = post(&app, "board.camau", "mutation { createCluster(input: { code: \"CM-KHOI-X\", name: \"Khối các sở\", kind: BLOC, provinceCode: \"CA_MAU\" }) { userErrors { code } } }", json!({})).await;
    assert_eq!(
        body["data"]["createCluster"]["userErrors"],
        json!([]),
        "{body}"
    );
    // 2024: ranked and finalized, CM-XA head.
    scoring_year(
        &app,
        2024,
        &["CM-XA", "CM-XB", "CM-XC"],
        "CM-XA",
        "CM-XB",
        &["CM-XA", "CM-XB", "CM-XC"],
    )
    .await;
    step(&app, START, 2024, json!({})).await;
    let version = cluster_year(&app, 2024).await["version"].clone();
    step(&app, FINALIZE, 2024, json!({ "expectedVersion": version })).await;
    let finalized = cluster_year(&app, 2024).await;
    assert_eq!(finalized["status"], "FINALIZED");
    // 2025: scoring, CM-XA head, CM-XB and CM-XD scored.
    scoring_year(
        &app,
        2025,
        &["CM-XA", "CM-XB", "CM-XC", "CM-XD"],
        "CM-XA",
        "CM-XC",
        &["CM-XA", "CM-XB", "CM-XD"],
    )
    .await;
    let open = cluster_year(&app, 2025).await;
    assert_eq!(open["status"], "SCORING");

    let sheets = || async {
        entity::score_sheet::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
    };
    let sheets_before = sheets().await;
    let mut socket = signed_in_socket(&app, "board.camau").await;
    {
        use futures_util::SinkExt;
        let subscribe = json!({ "id": "1", "type": "subscribe", "payload": {
            "query": "subscription($id: ID!) { rankingUpdated(clusterYearId: $id) { change clusterYear { members { code } } } }",
            "variables": { "id": open["id"] } } });
        socket
            .send(tokio_tungstenite::tungstenite::Message::text(
                subscribe.to_string(),
            ))
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    reorganize(&app, json!({ "kind": "MERGE", "effectiveOn": "2025-07-01", "legalBasis": "Quyết định số 1600/QĐ-UBND ngày 25/6/2025",
        "predecessorCodes": ["CM-XA", "CM-XB"], "newUnits": [{ "code": "CM-XAB", "name": "Sở Xây dựng tỉnh Cà Mau (hợp nhất)" }] })).await;

    let now = cluster_year(&app, 2025).await;
    assert_eq!(now["status"], "SCORING");
    assert_eq!(codes(&now["members"], ""), ["CM-XC", "CM-XD"]);
    assert_eq!(
        now["head"],
        Value::Null,
        "a closed unit is not left as head"
    );
    assert_eq!(now["deputy"]["code"], "CM-XC");
    assert_eq!(codes(&now["scoreSheets"], "unit"), ["CM-XC", "CM-XD"]);
    assert_eq!(
        sheets().await,
        sheets_before - 2,
        "the sheets of CM-XA and CM-XB are gone with them"
    );
    assert_eq!(
        now["version"].as_i64().unwrap(),
        open["version"].as_i64().unwrap() + 2,
        "each drop moves the version on"
    );
    assert_eq!(
        cluster_year(&app, 2024).await,
        finalized,
        "a finalized year is history"
    );

    let trail = app
        .data_as("board.camau", TRAIL, json!({ "id": "CM-KHOI-X/2025" }))
        .await;
    let notes: Vec<Value> = trail["auditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| serde_json::from_str(n["after"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let head_note = &notes[0];
    assert_eq!(head_note["dropped"]["code"], "CM-XA");
    assert_eq!(head_note["reorganisation"]["kind"], "MERGE");
    assert_eq!(head_note["reorganisation"]["effectiveOn"], "2025-07-01");
    assert_eq!(head_note["head"], Value::Null);
    assert_eq!(head_note["removedScoreSheet"]["totalPoints"], 90.0);
    let note = head_note["note"].as_str().unwrap();
    for part in [
        "Sở Xây dựng tỉnh Cà Mau (CM-XA) thôi là thành viên CM-KHOI-X năm 2025",
        "hợp nhất có hiệu lực từ ngày 2025-07-01 theo Quyết định số 1600/QĐ-UBND ngày 25/6/2025",
        "Bảng chấm điểm của đơn vị (90 điểm) được hủy",
        "Cụm trưởng (Khối trưởng) của năm: vị trí này để trống",
        "(CM-XAB) không tự động trở thành thành viên",
    ] {
        assert!(note.contains(part), "{part} / {note}");
    }
    let english = head_note["noteEn"].as_str().unwrap();
    assert!(english.contains("is not added automatically"), "{english}");
    assert_eq!(notes[1]["dropped"]["code"], "CM-XB");
    assert_eq!(notes[1]["members"], json!(["CM-XC", "CM-XD"]));
    let none = app
        .data_as("board.camau", TRAIL, json!({ "id": "CM-KHOI-X/2024" }))
        .await;
    assert_eq!(none["auditLog"]["nodes"], json!([]));

    {
        use futures_util::StreamExt;
        let event = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("an event")
            .unwrap()
            .unwrap();
        let event: Value = serde_json::from_str(event.to_text().unwrap()).unwrap();
        let update = &event["payload"]["data"]["rankingUpdated"];
        assert_eq!(update["change"], "MEMBERS_CHANGED", "{event}");
        assert_eq!(
            update["clusterYear"]["members"],
            json!([{ "code": "CM-XC" }, { "code": "CM-XD" }])
        );
    }

    // The board elects new leadership for the rest of the year.
    step(
        &app,
        LEADERSHIP,
        2025,
        json!({ "headCode": "CM-XC", "deputyCode": "CM-XD" }),
    )
    .await;

    // A renamed member stays, under its new name, with its sheet and its post.
    reorganize(&app, json!({ "kind": "RENAME", "effectiveOn": "2025-09-01", "legalBasis": "Quyết định số 1700/QĐ-UBND",
        "predecessorCodes": ["CM-XD"], "newUnits": [{ "code": "CM-XD2", "name": "Sở Y tế và Dân số tỉnh Cà Mau" }] })).await;
    let renamed = cluster_year(&app, 2025).await;
    assert_eq!(codes(&renamed["members"], ""), ["CM-XC", "CM-XD2"]);
    assert_eq!(renamed["deputy"]["code"], "CM-XD2");
    assert_eq!(codes(&renamed["scoreSheets"], "unit"), ["CM-XC", "CM-XD2"]);
    assert_eq!(
        renamed["scoreSheets"][1]["selfTotal"], 88.0,
        "the renamed unit keeps its sheet"
    );
    assert_eq!(sheets().await, sheets_before - 2);
    step(&app, START, 2025, json!({})).await;
    let version = cluster_year(&app, 2025).await["version"].clone();
    step(&app, FINALIZE, 2025, json!({ "expectedVersion": version })).await;
    let ranked = cluster_year(&app, 2025).await;
    assert_eq!(ranked["ranking"][0]["unit"]["code"], "CM-XD2");
    assert_eq!(ranked["ranking"].as_array().unwrap().len(), 2);
}
