//! Every path to a person, for every kind of viewer: the lists (`persons`, `awards`,
//! `nominations`, `decisions { awards }`, `movements { registrations }`,
//! `conferences { awards }`), `node` and `nodes`, the nested edges (`Award.recipient`,
//! `Nomination.recipient`, `Registration.person`, `Unit.awards`), `statistics`,
//! `eligibility` and `nominationUpdated`. What each viewer may see is computed from the
//! matrix (src/access/matrix.md): `read_person` for the person and the awards to them,
//! `read_person_private` for private fields, `read_nominations` for nominations, where
//! `unit` reaches every descendant of the viewer's unit.
//!
//! The person, Lâm Thị Hoa, works in a sub-unit of a sub-unit of U (CM-SKHCN-2025), so that
//! "U and its sub-units" is tested beyond direct children.
//!
//! Besides, the order of checks: a viewer without rights learns nothing of an object's state
//! from a refusal (finalizeRanking, the nomination steps), and an open WebSocket closes with
//! 4403 once its user is disabled or its token expires.

use crate::common::{codes, TestApp};
use futures_util::{SinkExt, StreamExt};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{json, Value};
use thidua::access::{
    matrix::{Column, Scope},
    Action,
};
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

/// A client's end of a `graphql-transport-ws` socket.
type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// U's sub-unit's sub-unit, where the person works.
const DEEP: &str = "CM-SKHCN-2025-VP-TH";
const NAME: &str = "Lâm Thị Hoa";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Viewer {
    Public,
    Partner,
    OfficerOfU,
    OfficerOfOther,
    Head,
    BoardOfProvince,
    BoardOfOther,
    Admin,
}

const VIEWERS: [Viewer; 8] = [
    Viewer::Public,
    Viewer::Partner,
    Viewer::OfficerOfU,
    Viewer::OfficerOfOther,
    Viewer::Head,
    Viewer::BoardOfProvince,
    Viewer::BoardOfOther,
    Viewer::Admin,
];

impl Viewer {
    fn username(self) -> Option<&'static str> {
        match self {
            Viewer::Public => None,
            Viewer::Partner => Some("partner.demo"),
            Viewer::OfficerOfU => Some("officer.cm-skhcn"),
            Viewer::OfficerOfOther => Some("officer.cm-other"),
            Viewer::Head => Some("officer.cm-head"),
            Viewer::BoardOfProvince => Some("board.camau"),
            Viewer::BoardOfOther => Some("board.hanam"),
            Viewer::Admin => Some("admin"),
        }
    }

    /// Whether the matrix lets this viewer do `action` to something of the person's unit
    /// (a descendant of U, in Cà Mau, in no cluster year the head heads).
    fn may(self, action: Action) -> bool {
        let table = thidua::access::matrix::table();
        let columns = match self {
            Viewer::Public => vec![Column::Public],
            Viewer::Partner => vec![Column::Partner],
            Viewer::OfficerOfU | Viewer::OfficerOfOther | Viewer::Head => {
                vec![Column::UnitOfficer, Column::Head]
            }
            Viewer::BoardOfProvince | Viewer::BoardOfOther => vec![Column::Board],
            Viewer::Admin => vec![Column::Admin],
        };
        columns
            .into_iter()
            .any(|column| match table.cell(action, column) {
                Scope::All => true,
                Scope::Nothing | Scope::Year => false,
                Scope::Unit => self == Viewer::OfficerOfU,
                Scope::Province => self == Viewer::BoardOfProvince,
            })
    }
}

async fn ask(app: &TestApp, viewer: Viewer, query: &str, variables: Value) -> Value {
    match viewer.username() {
        Some(user) => {
            let token = app.token(user).await;
            app.post_as(&token, query, variables).await.1
        }
        None => app.post(query, variables).await.1,
    }
}

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

/// The ids of what the world holds about the person.
struct World {
    app: TestApp,
    person: String,
    award: String,
    nomination: String,
    deep_unit: String,
}

/// The demo, plus: two more units of Cà Mau with officers (one heading a cluster year of
/// 2026), the deep sub-unit with Lâm Thị Hoa (with a phone), her Lao động tiên tiến 2025 by
/// decision 7/QĐ-SKHCN, a Giấy khen nomination for her made by the board, a movement she
/// registered for and a conference that gave her award.
async fn world() -> World {
    let app = TestApp::with_demo().await;
    let create_unit = "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { id code } userErrors { code message } } }";
    for (code, name, parent) in [
        ("CM-OTHER", "Sở Tư pháp tỉnh Cà Mau", None),
        ("CM-HEAD", "Sở Tài chính tỉnh Cà Mau", None),
        (
            "CM-SKHCN-2025-VP-TH",
            "Tổ Hành chính",
            Some("CM-SKHCN-2025-VP"),
        ),
    ] {
        let body = post(&app, "board.camau", create_unit, json!({ "i": { "code": code, "kind": "DEPARTMENT", "name": name, "provinceCode": "CA_MAU", "parentCode": parent } })).await;
        assert_eq!(body["data"]["createUnit"]["unit"]["code"], code, "{body}");
    }
    for (username, unit) in [
        ("officer.cm-other", "CM-OTHER"),
        ("officer.cm-head", "CM-HEAD"),
    ] {
        let body = post(&app, "admin", "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } } }", json!({ "i": { "username": username, "password": "a long enough password", "role": "UNIT_OFFICER", "unitCode": unit } })).await;
        assert_eq!(
            body["data"]["createUser"]["user"]["username"], username,
            "{body}"
        );
    }
    let body = post(&app, "board.camau", "mutation { createCluster(input: { code: \"CM-KHOI-T\", name: \"Khối thử\", kind: BLOC, provinceCode: \"CA_MAU\" }) { cluster { code } } }", json!({})).await;
    assert_eq!(
        body["data"]["createCluster"]["cluster"]["code"], "CM-KHOI-T",
        "{body}"
    );
    let body = post(&app, "board.camau", "mutation($i: SetUpClusterYearInput!) { setUpClusterYear(input: $i) { clusterYear { status } userErrors { code message } } }", json!({ "i": { "clusterCode": "CM-KHOI-T", "year": 2026, "memberCodes": ["CM-HEAD", "CM-OTHER"], "headCode": "CM-HEAD" } })).await;
    assert_eq!(
        body["data"]["setUpClusterYear"]["clusterYear"]["status"], "PLANNING",
        "{body}"
    );
    let body = post(&app, "board.camau", "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }", json!({ "i": { "unitCode": DEEP, "fullName": NAME, "title": "Chuyên viên", "phone": "0290 3831 234" } })).await;
    let person = body["data"]["createPerson"]["person"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    let body = post(&app, "board.camau", "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } userErrors { code message } } }", json!({ "i": { "awardTypeCode": "LAO_DONG_TIEN_TIEN", "recipientId": person, "year": 2025, "decision": { "number": "7/QĐ-SKHCN", "issuerCode": "CM-SKHCN-2025", "signedOn": "2025-12-20", "signerName": "Huỳnh Hùng Dũng", "signerTitle": "Phó Giám đốc Sở" } } })).await;
    let award = body["data"]["recordAward"]["award"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    let body = post(&app, "board.camau", "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } userErrors { code message } } }", json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": person, "year": 2025, "achievements": "Hoàn thành xuất sắc nhiệm vụ" } })).await;
    let nomination = body["data"]["createNomination"]["nomination"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    let body = post(&app, "board.camau", "mutation($i: LaunchMovementInput!) { launchMovement(input: $i) { movement { id } userErrors { code } } }", json!({ "i": { "name": "Thi đua cải cách hành chính 2025", "kind": "THEMATIC", "launchingUnitCode": "CM-SKHCN-2025", "startOn": "2025-01-01" } })).await;
    let movement = body["data"]["launchMovement"]["movement"]["id"].clone();
    assert!(movement.is_string(), "{body}");
    let body = post(&app, "board.camau", "mutation($i: RegisterForMovementInput!) { registerForMovement(input: $i) { registration { registeredOn } userErrors { code message } } }", json!({ "i": { "movementId": movement, "personId": person, "registeredOn": "2025-02-01" } })).await;
    assert_eq!(
        body["data"]["registerForMovement"]["registration"]["registeredOn"], "2025-02-01",
        "{body}"
    );
    let body = post(&app, "board.camau", "mutation($i: CreateConferenceInput!) { createConference(input: $i) { conference { name } userErrors { code message } } }", json!({ "i": { "kind": "ADVANCED_MODEL", "name": "Hội nghị tổng kết Tổ Hành chính 2025", "heldOn": "2025-12-28", "hostUnitCode": DEEP, "awardIds": [award] } })).await;
    assert!(
        body["data"]["createConference"]["conference"]["name"].is_string(),
        "{body}"
    );
    let deep_unit = app
        .data(
            "query($c: String!) { unit(code: $c) { id } }",
            json!({ "c": DEEP }),
        )
        .await["unit"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    World {
        app,
        person,
        award,
        nomination,
        deep_unit,
    }
}

/// Whether `value` mentions the person's name anywhere.
fn mentions(value: &Value) -> bool {
    value.to_string().contains(NAME)
}

#[tokio::test]
async fn every_path_to_a_person_shows_them_exactly_where_the_matrix_allows() {
    let w = world().await;
    let app = &w.app;
    let by_id = json!({ "p": w.person, "a": w.award, "n": w.nomination, "u": w.deep_unit });
    // (path, query, the action that lets a viewer see the person there)
    let paths: [(&str, &str, Action); 14] = [
        ("persons", "{ persons(filter: { search: \"lam thi hoa\" }) { edges { node { fullName } } } }", Action::ReadPerson),
        ("awards(personId)", "query($p: ID!) { awards(filter: { personId: $p }) { edges { node { recipientName recipient { ... on Person { fullName } } } } } }", Action::ReadPerson),
        ("awards(unitCode)", "{ awards(filter: { unitCode: \"CM-SKHCN-2025-VP-TH\" }) { totalCount edges { node { recipientName recipient { ... on Person { fullName } } } } } }", Action::ReadPerson),
        ("decisions.awards", "{ decisions(filter: { issuerCode: \"CM-SKHCN-2025\" }) { edges { node { awards { recipientName recipient { ... on Person { fullName } } } } } } }", Action::ReadPerson),
        ("movements.registrations", "{ movements { edges { node { registrations { person { fullName } } } } } }", Action::ReadPerson),
        ("conferences.awards", "{ conferences(filter: { year: 2025 }) { edges { node { awards { recipientName recipient { ... on Person { fullName } } } } } } }", Action::ReadPerson),
        ("node(person)", "query($p: ID!) { node(id: $p) { ... on Person { fullName } } }", Action::ReadPerson),
        ("nodes(person, award)", "query($p: ID!, $a: ID!) { nodes(ids: [$p, $a]) { ... on Person { fullName } ... on Award { recipientName recipient { ... on Person { fullName } } } } }", Action::ReadPerson),
        ("node(award).recipient", "query($a: ID!) { node(id: $a) { ... on Award { recipientName recipient { ... on Person { fullName } } } } }", Action::ReadPerson),
        ("unit.awards", "{ unit(code: \"CM-SKHCN-2025-VP-TH\") { awards { recipientName } children { awards { recipientName } } } }", Action::ReadPerson),
        ("nominations", "{ nominations { edges { node { recipient { ... on Person { fullName } } } } } }", Action::ReadNominations),
        ("nominations(unitCode)", "{ nominations(filter: { unitCode: \"CM-SKHCN-2025-VP-TH\" }) { edges { node { recipient { ... on Person { fullName } } } } } }", Action::ReadNominations),
        ("node(nomination)", "query($n: ID!) { node(id: $n) { ... on Nomination { recipient { ... on Person { fullName } } } } }", Action::ReadNominations),
        ("node(person).phone", "query($p: ID!) { node(id: $p) { ... on Person { fullName phone } } }", Action::ReadPersonPrivate),
    ];
    let mut wrong = Vec::new();
    for (path, query, action) in paths {
        for viewer in VIEWERS {
            let mut variables = by_id.clone();
            let used: Vec<&str> = ["p", "a", "n", "u"]
                .into_iter()
                .filter(|k| query.contains(&format!("${k}")))
                .collect();
            variables
                .as_object_mut()
                .unwrap()
                .retain(|k, _| used.contains(&k.as_str()));
            let body = ask(app, viewer, query, variables).await;
            let expected = match path {
                // Unit.awards lists collectives only: never a person.
                "unit.awards" => false,
                _ => viewer.may(action),
            };
            let seen = if action == Action::ReadPersonPrivate {
                body["data"]["node"]["phone"] == "0290 3831 234"
            } else {
                mentions(&body["data"])
            };
            if seen != expected {
                wrong.push(format!(
                    "{path} for {viewer:?}: expected {expected}, got {body}"
                ));
            }
            if action == Action::ReadPersonPrivate && !expected && viewer.may(Action::ReadPerson) {
                assert_eq!(codes(&body), ["FORBIDDEN"], "{path} for {viewer:?}: {body}");
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn statistics_count_awards_to_persons_only_for_viewers_who_may_see_persons() {
    let w = world().await;
    for viewer in VIEWERS {
        let body = ask(&w.app, viewer, "{ statistics(filter: { unitCode: \"CM-SKHCN-2025-VP-TH\" }) { byAwardType { awardType { code } count } byYear { year count } } }", json!({})).await;
        let expected = if viewer.may(Action::ReadPerson) {
            json!({ "byAwardType": [{ "awardType": { "code": "LAO_DONG_TIEN_TIEN" }, "count": 1 }], "byYear": [{ "year": 2025, "count": 1 }] })
        } else {
            json!({ "byAwardType": [], "byYear": [] })
        };
        assert_eq!(body["data"]["statistics"], expected, "{viewer:?}: {body}");
    }
}

const ELIGIBILITY: &str = "query($u: ID!) { eligibility(awardTypeCode: \"TAP_THE_LAO_DONG_XUAT_SAC\", recipientId: $u, year: 2025) { verdict eligible checks { ...C parts { ...C } } } } fragment C on EligibilityCheck { rule passed status detail }";

#[tokio::test]
async fn eligibility_of_a_unit_tells_member_counts_only_to_viewers_who_may_see_persons() {
    let w = world().await;
    for viewer in VIEWERS {
        let body = ask(&w.app, viewer, ELIGIBILITY, json!({ "u": w.deep_unit })).await;
        // The checks and, one level down, their parts.
        let checks: Vec<&Value> = body["data"]["eligibility"]["checks"]
            .as_array()
            .unwrap_or_else(|| panic!("{viewer:?}: {body}"))
            .iter()
            .flat_map(|c| std::iter::once(c).chain(c["parts"].as_array().into_iter().flatten()))
            .collect();
        let share = checks
            .iter()
            .find(|c| c["rule"] == "MEMBERS_SHARE")
            .unwrap_or_else(|| panic!("{viewer:?}: {body}"));
        let at_least = checks
            .iter()
            .find(|c| c["rule"] == "MEMBERS_AT_LEAST")
            .unwrap_or_else(|| panic!("{viewer:?}: {body}"));
        if viewer.may(Action::ReadPerson) {
            assert_eq!(
                share["detail"], "1/1 thành viên đạt Lao động tiên tiến năm 2025 (cần 70%)",
                "{viewer:?}"
            );
            assert_eq!(share["passed"], true);
            assert_eq!(share["status"], "PASSED");
            assert_eq!(at_least["passed"], false);
            assert_eq!(at_least["status"], "FAILED");
            assert_eq!(
                body["data"]["eligibility"]["verdict"], "NOT_ELIGIBLE",
                "{viewer:?}"
            );
        } else {
            for check in [share, at_least] {
                assert_eq!(
                    check["detail"], "Không công khai: thành viên chỉ người có quyền được xem",
                    "{viewer:?}: {body}"
                );
                assert_eq!(check["passed"], false);
                // Not known to this viewer: never a failure, never a pass.
                assert_eq!(check["status"], "NOT_CHECKED", "{viewer:?}: {body}");
            }
            assert_ne!(body["data"]["eligibility"]["verdict"], "ELIGIBLE", "{body}");
            assert_eq!(body["data"]["eligibility"]["eligible"], false);
            assert!(!body.to_string().contains("1/1"), "{body}");
        }
    }
    // A person's report stays closed to the public.
    let body = ask(
        &w.app,
        Viewer::Public,
        "query($p: ID!) { eligibility(awardTypeCode: \"GIAY_KHEN\", recipientId: $p, year: 2025) { eligible } }",
        json!({ "p": w.person }),
    )
    .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
}

const SUBMIT: &str = "mutation($i: NominationStepInput!) { submitNomination(input: $i) { nomination { status } userErrors { code message } } }";
const APPROVE: &str = "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { code message } } }";
const WITHDRAW: &str = "mutation($i: NominationStepInput!) { withdrawNomination(input: $i) { nomination { status } userErrors { code message } } }";
const RETURN: &str = "mutation($i: NominationReasonInput!) { returnNomination(input: $i) { nomination { status } userErrors { code message } } }";
const REJECT: &str = "mutation($i: NominationReasonInput!) { rejectNomination(input: $i) { nomination { status } userErrors { code message } } }";

/// The answer with the parts that name a state left in: codes and user-error codes.
fn answer(body: &Value) -> Value {
    let user_errors: Vec<Value> = body["data"]
        .as_object()
        .into_iter()
        .flat_map(|d| d.values())
        .flat_map(|p| p["userErrors"].as_array().cloned().unwrap_or_default())
        .map(|e| e["code"].clone())
        .collect();
    json!({ "codes": codes(body), "userErrors": user_errors })
}

#[tokio::test]
async fn nomination_steps_authorize_before_they_tell_a_state() {
    let w = world().await;
    let app = &w.app;
    // A nomination id that does not exist.
    let missing =
        thidua::api::ids::global_id(thidua::api::ids::NodeKind::Nomination, 999_999).to_string();
    // The nomination is DRAFT: approving it would be WRONG_STATE for the board.
    let steps = [
        (
            SUBMIT,
            json!({ "i": { "id": w.nomination } }),
            json!({ "i": { "id": missing } }),
        ),
        (
            APPROVE,
            json!({ "i": { "id": w.nomination } }),
            json!({ "i": { "id": missing } }),
        ),
        (
            WITHDRAW,
            json!({ "i": { "id": w.nomination } }),
            json!({ "i": { "id": missing } }),
        ),
        (
            RETURN,
            json!({ "i": { "id": w.nomination, "reason": "x" } }),
            json!({ "i": { "id": missing, "reason": "x" } }),
        ),
        (
            REJECT,
            json!({ "i": { "id": w.nomination, "reason": "x" } }),
            json!({ "i": { "id": missing, "reason": "x" } }),
        ),
    ];
    for viewer in [
        Viewer::Public,
        Viewer::Partner,
        Viewer::OfficerOfOther,
        Viewer::Head,
        Viewer::BoardOfOther,
    ] {
        // Without any right to the step: FORBIDDEN before anything is looked up. With
        // some right, a nomination it may not read is one that does not exist.
        let refusal = if matches!(viewer, Viewer::Public | Viewer::Partner) {
            json!({ "codes": ["FORBIDDEN"], "userErrors": [] })
        } else {
            json!({ "codes": [], "userErrors": ["NOT_FOUND"] })
        };
        for (query, existing, absent) in &steps {
            let seen = ask(app, viewer, query, existing.clone()).await;
            let unseen = ask(app, viewer, query, absent.clone()).await;
            assert_eq!(answer(&seen), refusal, "{viewer:?} {query}: {seen}");
            assert_eq!(
                answer(&unseen),
                answer(&seen),
                "{viewer:?} {query}: a nomination it may not read answers as one that does not exist"
            );
        }
    }
    // The board of the province sees the state: the nomination is DRAFT.
    let body = post(
        app,
        "board.camau",
        APPROVE,
        json!({ "i": { "id": w.nomination } }),
    )
    .await;
    assert_eq!(
        answer(&body),
        json!({ "codes": [], "userErrors": ["WRONG_STATE"] }),
        "{body}"
    );
    let status = post(
        app,
        "board.camau",
        "query($n: ID!) { node(id: $n) { ... on Nomination { status } } }",
        json!({ "n": w.nomination }),
    )
    .await;
    assert_eq!(
        status["data"]["node"]["status"], "DRAFT",
        "nothing changed: {status}"
    );
}

const FINALIZE: &str = "mutation($i: FinalizeRankingInput!) { finalizeRanking(input: $i) { clusterYear { status } userErrors { code message } } }";

#[tokio::test]
async fn finalize_ranking_authorizes_before_it_tells_a_version_or_a_state() {
    let w = world().await;
    let app = &w.app;
    // Seed 002's Cụm II 2020 is FINALIZED; its version is whatever it is: a stale one would
    // be CONFLICT, the right one WRONG_STATE, for a viewer who may finalize it.
    for viewer in [
        Viewer::Public,
        Viewer::Partner,
        Viewer::OfficerOfU,
        Viewer::Head,
        Viewer::BoardOfProvince,
    ] {
        for version in [1, 2, 999] {
            let body = ask(app, viewer, FINALIZE, json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "expectedVersion": version } })).await;
            assert_eq!(
                answer(&body),
                json!({ "codes": ["FORBIDDEN"], "userErrors": [] }),
                "{viewer:?}, version {version}: {body}"
            );
        }
    }
    let body = post(
        app,
        "board.hanam",
        FINALIZE,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "expectedVersion": 999 } }),
    )
    .await;
    assert_eq!(
        codes(&body),
        ["CONFLICT"],
        "the board of Hà Nam may: {body}"
    );
}

async fn socket(app: &TestApp, token: Option<String>) -> Socket {
    let url = app.base.replace("http://", "ws://") + "/graphql";
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let payload = match token {
        Some(token) => json!({ "authorization": format!("Bearer {token}") }),
        None => json!({}),
    };
    socket
        .send(Message::text(
            json!({ "type": "connection_init", "payload": payload }).to_string(),
        ))
        .await
        .unwrap();
    let ack = socket.next().await.unwrap().unwrap();
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack}");
    socket
        .send(Message::text(json!({ "id": "n", "type": "subscribe", "payload": { "query": "subscription { nominationUpdated(unitCode: \"CM-SKHCN-2025-VP-TH\") { status recipient { ... on Person { fullName } } } }" } }).to_string()))
        .await
        .unwrap();
    socket
}

#[tokio::test]
async fn nomination_updates_reach_exactly_the_viewers_who_may_read_the_nomination() {
    let w = world().await;
    let app = &w.app;
    let mut sockets = Vec::new();
    for viewer in VIEWERS {
        let token = match viewer.username() {
            Some(user) => Some(app.token(user).await),
            None => None,
        };
        sockets.push((viewer, socket(app, token).await));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let body = post(
        app,
        "board.camau",
        SUBMIT,
        json!({ "i": { "id": w.nomination } }),
    )
    .await;
    assert_eq!(
        body["data"]["submitNomination"]["nomination"]["status"], "SUBMITTED",
        "{body}"
    );
    for (viewer, mut socket) in sockets {
        let expected = viewer.may(Action::ReadNominations);
        // Those who may read it get it promptly; for the others, 3 s of silence is taken
        // as "never" (an event would come within milliseconds).
        let wait = if expected { 20 } else { 3 };
        let got = tokio::time::timeout(std::time::Duration::from_secs(wait), socket.next()).await;
        match (expected, got) {
            (true, Ok(Some(Ok(message)))) => {
                let event: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
                assert_eq!(
                    event["payload"]["data"]["nominationUpdated"],
                    json!({ "status": "SUBMITTED", "recipient": { "fullName": NAME } }),
                    "{viewer:?}: {event}"
                );
            }
            (false, Err(_)) => {}
            (expected, got) => panic!("{viewer:?}: expected an event: {expected}, got {got:?}"),
        }
    }
}

/// Waits for the socket's close frame, skipping nothing else: any data frame is a failure.
async fn close_code(socket: &mut Socket) -> u16 {
    let message = tokio::time::timeout(std::time::Duration::from_secs(20), socket.next())
        .await
        .expect("the server answers")
        .expect("a frame")
        .expect("a readable frame");
    match message {
        Message::Close(Some(frame)) => frame.code.into(),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[tokio::test]
async fn a_socket_closes_with_4403_when_its_user_is_disabled() {
    let w = world().await;
    let app = &w.app;
    let token = app.token("board.camau").await;
    let mut live = socket(app, Some(token)).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let user = thidua::identity::users::by_username(&app.db, "board.camau")
        .await
        .unwrap()
        .unwrap();
    let mut row: entity::app_user::ActiveModel = entity::app_user::Entity::find_by_id(user.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.disabled_at = Set(Some(chrono::Utc::now()));
    row.update(&app.db).await.unwrap();
    let body = post(app, "admin", SUBMIT, json!({ "i": { "id": w.nomination } })).await;
    assert_eq!(
        body["data"]["submitNomination"]["nomination"]["status"], "SUBMITTED",
        "{body}"
    );
    assert_eq!(close_code(&mut live).await, 4403);
}

#[tokio::test]
async fn a_socket_closes_with_4403_when_its_token_expires() {
    let w = world().await;
    let app = &w.app;
    let user = thidua::identity::users::by_username(&app.db, "board.camau")
        .await
        .unwrap()
        .unwrap();
    let token = app
        .identity
        .tokens
        .issue(user.id, Some(std::time::Duration::from_secs(2)))
        .unwrap()
        .token;
    let mut live = socket(app, Some(token)).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let body = post(app, "admin", SUBMIT, json!({ "i": { "id": w.nomination } })).await;
    assert_eq!(
        body["data"]["submitNomination"]["nomination"]["status"], "SUBMITTED",
        "{body}"
    );
    assert_eq!(close_code(&mut live).await, 4403);
}
