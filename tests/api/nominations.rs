//! Nominations and decisions: the workflow with every transition in the history, the
//! justification of a failing check, duplicates, who decides what, a decision that fails
//! half-way writing nothing, the scope of the list, and live updates.

use crate::common::{codes, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

const CREATE_PERSON: &str =
    "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }";
const RECORD: &str =
    "mutation($i: RecordAwardInput!) { recordAward(input: $i) { userErrors { code } } }";
const CREATE: &str = "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id status eligibility { eligible checks { rule passed detail } } } userErrors { field code message } } }";
const SUBMIT: &str = "mutation($i: NominationStepInput!) { submitNomination(input: $i) { nomination { status justification } userErrors { field code message } } }";
const APPROVE: &str = "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { code message } } }";
const RETURN: &str = "mutation($i: NominationReasonInput!) { returnNomination(input: $i) { nomination { status } userErrors { field code } } }";
const REJECT: &str = "mutation($i: NominationReasonInput!) { rejectNomination(input: $i) { nomination { status } userErrors { field code } } }";
const WITHDRAW: &str = "mutation($i: NominationStepInput!) { withdrawNomination(input: $i) { nomination { status } userErrors { code message } } }";
const ISSUE: &str = "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { decision { number issuer { code } awards { year } } awards { year awardType { code } recipientName } userErrors { field code message } } }";
const HISTORY: &str = "query($id: ID!) { node(id: $id) { ... on Nomination { status history { actor from to comment } decision { number } } } }";

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
        .unwrap()
        .to_owned()
}

async fn create(app: &TestApp, who: &str, award: &str, recipient: &str, year: i32) -> Value {
    post(app, who, CREATE, json!({ "i": { "awardTypeCode": award, "recipientId": recipient, "year": year, "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao", "basis": "Tờ trình số 15/TTr-SKHCN" } })).await
}

fn id_of(body: &Value) -> String {
    body["data"]["createNomination"]["nomination"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

fn step(id: &str, comment: Option<&str>) -> Value {
    json!({ "i": { "id": id, "comment": comment } })
}

fn reason(id: &str, reason: &str) -> Value {
    json!({ "i": { "id": id, "reason": reason } })
}

#[tokio::test]
async fn a_units_giay_khen_goes_draft_submitted_returned_submitted_approved_decided() {
    let app = TestApp::with_demo().await;
    let mai = person(&app, "Lê Thị Mai").await;
    // Giấy khen asks at least a "good" rating (or an achievement the council judges).
    let rated = post(&app, "officer.cm-skhcn", "mutation($i: RecordPerformanceRatingInput!) { recordPerformanceRating(input: $i) { userErrors { code } } }", json!({ "i": { "recipientId": mai, "year": 2025, "rating": "GOOD" } })).await;
    assert_eq!(
        rated["data"]["recordPerformanceRating"]["userErrors"],
        json!([]),
        "{rated}"
    );
    let body = create(&app, "officer.cm-skhcn", "GIAY_KHEN", &mai, 2025).await;
    assert_eq!(
        body["data"]["createNomination"]["nomination"]["status"], "DRAFT",
        "{body}"
    );
    assert_eq!(
        body["data"]["createNomination"]["nomination"]["eligibility"]["eligible"],
        true
    );
    let id = id_of(&body);

    assert_eq!(
        post(&app, "officer.cm-skhcn", SUBMIT, step(&id, None)).await["data"]["submitNomination"]
            ["nomination"]["status"],
        "SUBMITTED"
    );
    let no_reason = post(&app, "officer.cm-skhcn", RETURN, reason(&id, " ")).await;
    assert_eq!(
        no_reason["data"]["returnNomination"]["userErrors"][0]["code"],
        "REQUIRED"
    );
    assert_eq!(
        post(
            &app,
            "officer.cm-skhcn",
            RETURN,
            reason(&id, "Bổ sung báo cáo thành tích")
        )
        .await["data"]["returnNomination"]["nomination"]["status"],
        "RETURNED"
    );
    let wrong = post(&app, "officer.cm-skhcn", APPROVE, step(&id, None)).await;
    let refusal = &wrong["data"]["approveNomination"]["userErrors"][0];
    assert_eq!(refusal["code"], "WRONG_STATE");
    assert!(refusal["message"].as_str().unwrap().contains("RETURNED"));
    post(
        &app,
        "officer.cm-skhcn",
        SUBMIT,
        step(&id, Some("Đã bổ sung")),
    )
    .await;
    assert_eq!(
        post(&app, "officer.hna-skhcn", APPROVE, step(&id, None)).await["data"]
            ["approveNomination"]["userErrors"][0]["code"],
        "NOT_FOUND",
        "another unit's officer"
    );
    // The one who drafted and submitted it does not approve it; a second officer does.
    assert_eq!(
        post(&app, "officer.cm-skhcn", APPROVE, step(&id, None)).await["data"]["approveNomination"]
            ["userErrors"][0]["code"],
        "SEPARATION_OF_DUTIES"
    );
    app.account(
        "officer.cm-skhcn.2",
        "UNIT_OFFICER",
        Some("CM-SKHCN-2025"),
        None,
    )
    .await;
    assert_eq!(
        post(&app, "officer.cm-skhcn.2", APPROVE, step(&id, None)).await["data"]
            ["approveNomination"]["nomination"]["status"],
        "APPROVED"
    );

    let issue = json!({ "i": { "number": "12/QĐ-SKHCN", "issuerCode": "CM-SKHCN-2025", "signedOn": "2025-08-29", "signerName": "Giám đốc Sở", "signerTitle": "Giám đốc Sở KH&CN", "nominationIds": [id] } });
    let wrong_issuer = json!({ "i": { "number": "12/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2025-08-29", "signerName": "X", "signerTitle": "Y", "nominationIds": [id] } });
    assert_eq!(
        post(&app, "officer.cm-skhcn", ISSUE, wrong_issuer).await["data"]["issueDecision"]
            ["userErrors"][0]["field"],
        json!(["issuerCode"])
    );
    let decided = post(&app, "officer.cm-skhcn", ISSUE, issue.clone()).await;
    let payload = &decided["data"]["issueDecision"];
    assert_eq!(payload["decision"]["number"], "12/QĐ-SKHCN", "{decided}");
    assert_eq!(
        payload["awards"],
        json!([{ "year": 2025, "awardType": { "code": "GIAY_KHEN" }, "recipientName": "Lê Thị Mai" }])
    );
    let again = post(&app, "board.camau", ISSUE, issue).await;
    let fields: Vec<Value> = again["data"]["issueDecision"]["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].clone())
        .collect();
    assert!(
        fields.contains(&json!("DUPLICATE")),
        "the number is unique per issuer: {again}"
    );

    let history = app
        .data_as("board.camau", HISTORY, json!({ "id": id }))
        .await;
    let steps: Vec<(Value, Value)> = history["node"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].clone(), e["to"].clone()))
        .collect();
    assert_eq!(
        steps,
        [
            (json!(null), json!("DRAFT")),
            (json!("DRAFT"), json!("SUBMITTED")),
            (json!("SUBMITTED"), json!("RETURNED")),
            (json!("RETURNED"), json!("SUBMITTED")),
            (json!("SUBMITTED"), json!("APPROVED")),
            (json!("APPROVED"), json!("DECIDED")),
        ]
    );
    assert_eq!(
        history["node"]["history"][2]["comment"],
        "Bổ sung báo cáo thành tích"
    );
    assert_eq!(history["node"]["history"][2]["actor"], "officer.cm-skhcn");
    assert_eq!(history["node"]["decision"]["number"], "12/QĐ-SKHCN");
    assert_eq!(
        post(&app, "officer.cm-skhcn", WITHDRAW, step(&id, None)).await["data"]
            ["withdrawNomination"]["userErrors"][0]["code"],
        "WRONG_STATE"
    );
}

#[tokio::test]
async fn provincial_awards_are_approved_and_decided_by_the_board_only() {
    let app = TestApp::with_demo().await;
    let nam = person(&app, "Phạm Văn Nam").await;
    for year in [2023, 2024] {
        post(&app, "board.camau", RECORD, json!({ "i": { "awardTypeCode": "CHIEN_SI_THI_DUA_CO_SO", "recipientId": nam, "year": year } })).await;
    }
    let body = create(
        &app,
        "officer.cm-skhcn",
        "BANG_KHEN_CHU_TICH_TINH",
        &nam,
        2024,
    )
    .await;
    let report = &body["data"]["createNomination"]["nomination"]["eligibility"];
    assert_eq!(report["eligible"], true, "{report}");
    let id = id_of(&body);
    post(&app, "officer.cm-skhcn", SUBMIT, step(&id, None)).await;
    assert_eq!(
        codes(&post(&app, "officer.cm-skhcn", APPROVE, step(&id, None)).await),
        ["FORBIDDEN"]
    );
    assert_eq!(
        post(&app, "board.hanam", APPROVE, step(&id, None)).await["data"]["approveNomination"]
            ["userErrors"][0]["code"],
        "NOT_FOUND"
    );
    assert_eq!(
        post(&app, "board.camau", APPROVE, step(&id, None)).await["data"]["approveNomination"]
            ["nomination"]["status"],
        "APPROVED"
    );
    let issue = json!({ "i": { "number": "2050/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2025-01-20", "signerName": "Chủ tịch UBND tỉnh", "signerTitle": "Chủ tịch", "nominationIds": [id] } });
    assert_eq!(
        codes(&post(&app, "officer.cm-skhcn", ISSUE, issue.clone()).await),
        ["FORBIDDEN"]
    );
    let decided = post(&app, "board.camau", ISSUE, issue).await;
    assert_eq!(
        decided["data"]["issueDecision"]["awards"][0]["awardType"]["code"],
        "BANG_KHEN_CHU_TICH_TINH",
        "{decided}"
    );
}

#[tokio::test]
async fn a_failing_check_is_submitted_only_with_a_justification_and_the_board_sees_both() {
    let app = TestApp::with_demo().await;
    let lan = person(&app, "Trần Thị Lan").await;
    let body = create(
        &app,
        "officer.cm-skhcn",
        "CHIEN_SI_THI_DUA_TINH",
        &lan,
        2024,
    )
    .await;
    assert_eq!(
        body["data"]["createNomination"]["nomination"]["eligibility"]["eligible"],
        false
    );
    let id = id_of(&body);
    let refused = post(&app, "officer.cm-skhcn", SUBMIT, step(&id, None)).await;
    let problem = &refused["data"]["submitNomination"]["userErrors"][0];
    assert_eq!(
        (problem["field"].clone(), problem["code"].clone()),
        (json!(["justification"]), json!("RULE_NOT_MET"))
    );
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("Grassroots Emulation Fighter"),
        "the English message names the award in English: {problem}"
    );
    let justified = post(
        &app,
        "officer.cm-skhcn",
        SUBMIT,
        step(&id, Some("Thành tích đột xuất trong chuyển đổi số")),
    )
    .await;
    assert_eq!(
        justified["data"]["submitNomination"]["nomination"],
        json!({ "status": "SUBMITTED", "justification": "Thành tích đột xuất trong chuyển đổi số" })
    );
    let board = app
        .data_as("board.camau", "query($id: ID!) { node(id: $id) { ... on Nomination { justification eligibility { eligible checks { rule passed } } } } }", json!({ "id": id }))
        .await;
    assert_eq!(board["node"]["eligibility"]["eligible"], false);
    assert_eq!(
        board["node"]["justification"],
        "Thành tích đột xuất trong chuyển đổi số"
    );
    let rejected = post(
        &app,
        "board.camau",
        REJECT,
        reason(&id, "Chưa đủ tiêu chuẩn"),
    )
    .await;
    assert_eq!(
        rejected["data"]["rejectNomination"]["nomination"]["status"],
        "REJECTED"
    );
}

#[tokio::test]
async fn one_open_nomination_per_award_year_and_recipient_and_the_author_may_withdraw() {
    let app = TestApp::with_demo().await;
    let huy = person(&app, "Đặng Quốc Huy").await;
    let id = id_of(&create(&app, "officer.cm-skhcn", "GIAY_KHEN", &huy, 2025).await);
    let twice = create(&app, "board.camau", "GIAY_KHEN", &huy, 2025).await;
    assert_eq!(
        twice["data"]["createNomination"]["userErrors"][0]["code"],
        "DUPLICATE"
    );
    assert_eq!(
        post(&app, "officer.hna-skhcn", WITHDRAW, step(&id, None)).await["data"]
            ["withdrawNomination"]["userErrors"][0]["code"],
        "NOT_FOUND"
    );
    assert_eq!(
        post(
            &app,
            "officer.cm-skhcn",
            WITHDRAW,
            step(&id, Some("Nhầm năm"))
        )
        .await["data"]["withdrawNomination"]["nomination"]["status"],
        "WITHDRAWN"
    );
    let again = create(&app, "board.camau", "GIAY_KHEN", &huy, 2025).await;
    assert_eq!(
        again["data"]["createNomination"]["userErrors"],
        json!([]),
        "a withdrawn nomination no longer blocks"
    );
    post(
        &app,
        "board.camau",
        RECORD,
        json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": huy, "year": 2024 } }),
    )
    .await;
    let held = create(&app, "board.camau", "GIAY_KHEN", &huy, 2024).await;
    assert_eq!(
        held["data"]["createNomination"]["userErrors"][0]["code"], "DUPLICATE",
        "one achievement is rewarded once"
    );
    assert_eq!(
        codes(&create(&app, "officer.hna-skhcn", "GIAY_KHEN", &huy, 2023).await),
        ["FORBIDDEN"],
        "only for the officer's own unit"
    );
}

#[tokio::test]
async fn a_decision_failing_half_way_writes_nothing() {
    let app = TestApp::with_demo().await;
    let mut ids = Vec::new();
    for (i, name) in ["Nguyễn Văn Một", "Nguyễn Văn Hai", "Nguyễn Văn Ba"]
        .iter()
        .enumerate()
    {
        let p = person(&app, name).await;
        let id = id_of(&create(&app, "officer.cm-skhcn", "GIAY_KHEN", &p, 2025).await);
        post(&app, "officer.cm-skhcn", SUBMIT, step(&id, None)).await;
        if i < 2 {
            post(&app, "board.camau", APPROVE, step(&id, None)).await;
        }
        ids.push(id);
    }
    let counts = || async {
        (
            entity::award::Entity::find().count(&app.db).await.unwrap(),
            entity::decision::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
        )
    };
    let before = counts().await;
    let body = post(&app, "officer.cm-skhcn", ISSUE, json!({ "i": { "number": "20/QĐ-SKHCN", "issuerCode": "CM-SKHCN-2025", "signedOn": "2025-08-29", "signerName": "Giám đốc", "signerTitle": "Giám đốc Sở", "nominationIds": ids } })).await;
    let errors = &body["data"]["issueDecision"]["userErrors"];
    assert_eq!(
        errors,
        &json!([{ "field": ["nominationIds", "2"], "code": "WRONG_STATE", "message": errors[0]["message"] }]),
        "{body}"
    );
    assert_eq!(body["data"]["issueDecision"]["decision"], Value::Null);
    assert_eq!(counts().await, before, "no decision and no award");
    for id in &ids[..2] {
        assert_eq!(
            app.data_as("board.camau", HISTORY, json!({ "id": id }))
                .await["node"]["status"],
            "APPROVED"
        );
    }
}

const LIST: &str =
    "{ nominations(first: 100) { totalCount edges { node { year status awardType { code } } } } }";

#[tokio::test]
async fn the_list_is_scoped_per_viewer() {
    let app = TestApp::with_demo().await;
    let mai = person(&app, "Lê Thị Mai").await;
    let id = id_of(&create(&app, "officer.cm-skhcn", "GIAY_KHEN", &mai, 2025).await);
    let count = |v: &Value| v["nominations"]["totalCount"].as_i64().unwrap();
    assert_eq!(
        count(&app.data_as("officer.cm-skhcn", LIST, json!({})).await),
        1
    );
    assert_eq!(count(&app.data_as("board.camau", LIST, json!({})).await), 1);
    assert_eq!(
        count(&app.data_as("admin", LIST, json!({})).await),
        4,
        "Cụm II's three and this one"
    );
    assert_eq!(
        count(&app.data_as("board.hanam", LIST, json!({})).await),
        3,
        "Cụm II's proposals are Hà Nam's"
    );
    assert_eq!(
        count(&app.data_as("officer.hna-skhcn", LIST, json!({})).await),
        3,
        "the 2020 head sees what its year produced"
    );
    assert_eq!(
        count(&app.data_as("officer.hna-stnmt", LIST, json!({})).await),
        0,
        "2021's head did not produce them"
    );
    assert_eq!(
        count(&app.data_as("partner.demo", LIST, json!({})).await),
        0
    );
    assert_eq!(count(&app.data(LIST, json!({})).await), 0);
    let hidden = app
        .data_as(
            "officer.hna-stnmt",
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        hidden["node"],
        Value::Null,
        "node(id:) answers as the list does"
    );
}

#[tokio::test]
async fn nomination_updates_arrive_over_graphql_transport_ws() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

    let app = TestApp::with_demo().await;
    let mai = person(&app, "Lê Thị Mai").await;
    let id = id_of(&create(&app, "officer.cm-skhcn", "GIAY_KHEN", &mai, 2025).await);
    let url = app.base.replace("http://", "ws://") + "/graphql";
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let token = app.token("board.camau").await;
    socket.send(Message::text(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }).to_string())).await.unwrap();
    socket.next().await.unwrap().unwrap();
    socket
        .send(Message::text(json!({ "id": "n", "type": "subscribe", "payload": { "query": "subscription { nominationUpdated(unitCode: \"CM-SKHCN-2025\") { status recipient { ... on Person { fullName } } } }" } }).to_string()))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    post(&app, "officer.cm-skhcn", SUBMIT, step(&id, None)).await;
    let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
        .await
        .expect("an event")
        .unwrap()
        .unwrap();
    let event: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
    assert_eq!(
        event["payload"]["data"]["nominationUpdated"],
        json!({ "status": "SUBMITTED", "recipient": { "fullName": "Lê Thị Mai" } }),
        "{event}"
    );
}

#[tokio::test]
async fn whoever_drafted_or_submitted_a_nomination_does_not_decide_it() {
    let app = TestApp::with_demo().await;
    app.account("board.camau.clerk", "BOARD", None, Some("CA_MAU"))
        .await;
    app.account("board.camau.chief", "BOARD", None, Some("CA_MAU"))
        .await;
    let mai = person(&app, "Lê Thị Mai").await;
    // The clerk drafts, the board's officer submits.
    let id = id_of(
        &create(
            &app,
            "board.camau.clerk",
            "BANG_KHEN_CHU_TICH_TINH",
            &mai,
            2025,
        )
        .await,
    );
    post(&app, "board.camau", SUBMIT, step(&id, Some("Giải trình"))).await;
    let reject = "mutation($i: NominationReasonInput!) { rejectNomination(input: $i) { nomination { status } userErrors { code } } }";
    for who in ["board.camau.clerk", "board.camau"] {
        let approve = post(&app, who, APPROVE, step(&id, None)).await;
        assert_eq!(
            approve["data"]["approveNomination"]["userErrors"][0]["code"], "SEPARATION_OF_DUTIES",
            "{who}: {approve}"
        );
        let rejected = post(
            &app,
            who,
            reject,
            json!({ "i": { "id": id, "reason": "Không" } }),
        )
        .await;
        assert_eq!(
            rejected["data"]["rejectNomination"]["userErrors"][0]["code"], "SEPARATION_OF_DUTIES",
            "{who}: {rejected}"
        );
    }
    let approved = post(&app, "board.camau.chief", APPROVE, step(&id, None)).await;
    assert_eq!(
        approved["data"]["approveNomination"]["nomination"]["status"], "APPROVED",
        "{approved}"
    );
}
