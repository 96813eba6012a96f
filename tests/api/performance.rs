//! The facts the eligibility rules need (issue 10): yearly performance ratings
//! (`recordPerformanceRating`), discipline and pending inspections (`recordDiscipline`) and
//! the day a person was recruited (`Person.recruitedOn`). Who may write them (whoever may
//! write the person; a unit only from above it), that a refusal writes nothing, that replacing
//! a rating is audited, and that they are read with the private-field scope of persons on
//! every path (`persons`, `node`, `unit { persons }` is not a path: `Unit.ratings`).
//!
//! The demo's Cà Mau: Huỳnh Hùng Dũng works in Sở KH&CN (CM-SKHCN-2025, officer
//! `officer.cm-skhcn`, no parent unit), Châu Hồng Vinh in its Văn phòng (CM-SKHCN-2025-VP).

use std::collections::BTreeMap;

use crate::common::{codes, TestApp};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::{json, Value};
use thidua::performance::{self, DisciplineKind, Rating, Subject};

const DUNG: &str = "Huỳnh Hùng Dũng";
const VINH: &str = "Châu Hồng Vinh";

const RATE: &str = "mutation($i: RecordPerformanceRatingInput!) {
  recordPerformanceRating(input: $i) { rating { year rating note recordedAt } userErrors { field message code } }
}";

const DISCIPLINE: &str = "mutation($i: RecordDisciplineInput!) {
  recordDiscipline(input: $i) { discipline { id kind startOn endOn description decisionNumber pending } userErrors { field message code } }
}";

/// Runs `query` as `username` (or the public) and returns the body.
async fn run(app: &TestApp, username: Option<&str>, query: &str, variables: Value) -> Value {
    match username {
        Some(user) => {
            let token = app.token(user).await;
            app.post_as(&token, query, variables).await.1
        }
        None => app.post(query, variables).await.1,
    }
}

/// Rows of the facts' tables and of the audit trail.
async fn footprint(app: &TestApp) -> Vec<u64> {
    let db = &app.db;
    vec![
        entity::performance_rating::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::discipline::Entity::find().count(db).await.unwrap(),
        entity::person_private::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::audit_log::Entity::find().count(db).await.unwrap(),
    ]
}

/// `query` as `username` is a top-level FORBIDDEN and writes nothing.
async fn refused(app: &TestApp, username: Option<&str>, query: &str, variables: Value) {
    let before = footprint(app).await;
    let body = run(app, username, query, variables).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{username:?}: {body}");
    assert_eq!(
        footprint(app).await,
        before,
        "{username:?}: a refused write changes nothing"
    );
}

async fn person_row(app: &TestApp, name: &str) -> entity::person::Model {
    entity::person::Entity::find()
        .filter(entity::person::Column::FullName.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no person {name}"))
}

async fn unit_row(app: &TestApp, code: &str) -> entity::unit::Model {
    entity::unit::Entity::find()
        .filter(entity::unit::Column::Code.eq(code))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no unit {code}"))
}

/// The global ID of a person, as the board reads it.
async fn person_id(app: &TestApp, name: &str) -> String {
    let data = app
        .data_as(
            "board.camau",
            "query($s: String) { persons(filter: { search: $s }) { edges { node { id fullName } } } }",
            json!({ "s": name }),
        )
        .await;
    let edges = data["persons"]["edges"].as_array().unwrap();
    let node = edges
        .iter()
        .find(|e| e["node"]["fullName"] == name)
        .unwrap_or_else(|| panic!("{name} not found: {data}"));
    node["node"]["id"].as_str().unwrap().to_owned()
}

async fn unit_id(app: &TestApp, code: &str) -> String {
    let data = app
        .data(
            "query($c: String!) { unit(code: $c) { id } }",
            json!({ "c": code }),
        )
        .await;
    data["unit"]["id"].as_str().unwrap().to_owned()
}

fn rate(recipient: &str, year: i32, rating: &str, note: Option<&str>) -> Value {
    json!({ "i": { "recipientId": recipient, "year": year, "rating": rating, "note": note } })
}

#[tokio::test]
async fn a_rating_is_recorded_then_replaced_once_per_year_and_both_are_audited() {
    let app = TestApp::with_demo().await;
    let dung = person_id(&app, DUNG).await;
    let data = app
        .data_as(
            "officer.cm-skhcn",
            RATE,
            rate(
                &dung,
                2023,
                "GOOD",
                Some("Hoàn thành tốt nhiệm vụ năm 2023"),
            ),
        )
        .await;
    let recorded = &data["recordPerformanceRating"];
    assert_eq!(recorded["userErrors"], json!([]));
    assert_eq!(recorded["rating"]["year"], 2023);
    assert_eq!(recorded["rating"]["rating"], "GOOD");
    assert_eq!(
        recorded["rating"]["note"],
        "Hoàn thành tốt nhiệm vụ năm 2023"
    );
    assert!(recorded["rating"]["recordedAt"]
        .as_str()
        .unwrap()
        .ends_with('Z'));

    // The same year again replaces it: still one rating for 2023.
    let data = app
        .data_as("board.camau", RATE, rate(&dung, 2023, "EXCELLENT", None))
        .await;
    assert_eq!(
        data["recordPerformanceRating"]["rating"]["rating"],
        "EXCELLENT"
    );
    app.data_as("board.camau", RATE, rate(&dung, 2024, "COMPLETED", None))
        .await;
    let read = app
        .data_as(
            "board.camau",
            "query($id: ID!) { node(id: $id) { ... on Person { ratings { year rating note } } } }",
            json!({ "id": dung }),
        )
        .await;
    assert_eq!(
        read["node"]["ratings"],
        json!([
            { "year": 2023, "rating": "EXCELLENT", "note": null },
            { "year": 2024, "rating": "COMPLETED", "note": null },
        ])
    );

    // What the eligibility engine reads.
    let row = person_row(&app, DUNG).await;
    assert_eq!(
        performance::ratings(&app.db, Subject::Person(row.id))
            .await
            .unwrap(),
        BTreeMap::from([(2023, Rating::Excellent), (2024, Rating::Completed)])
    );
    let vinh = person_row(&app, VINH).await;
    let of_persons = performance::ratings_of_persons(&app.db, &[row.id, vinh.id])
        .await
        .unwrap();
    assert_eq!(of_persons.len(), 1, "{of_persons:?}");
    assert_eq!(of_persons[&row.id][&2023], Rating::Excellent);

    // Audited, the replacement with the old and the new value.
    let trail = app
        .data_as(
            "board.camau",
            "{ auditLog(first: 10, filter: { action: \"recordPerformanceRating\" }) { edges { node { actor objectType objectId before after } } } }",
            json!({}),
        )
        .await;
    let records: Vec<&Value> = trail["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    assert_eq!(records.len(), 3, "{trail}");
    let parse = |v: &Value| -> Value { serde_json::from_str(v.as_str().unwrap()).unwrap() };
    let replacement = records
        .iter()
        .find(|r| r["actor"] == "board.camau" && !r["before"].is_null())
        .unwrap_or_else(|| panic!("no replacement in {trail}"));
    assert_eq!(replacement["objectType"], "Person");
    assert_eq!(replacement["objectId"], row.id.to_string());
    assert_eq!(
        parse(&replacement["before"]),
        json!({ "year": 2023, "rating": "GOOD", "note": "Hoàn thành tốt nhiệm vụ năm 2023" })
    );
    assert_eq!(
        parse(&replacement["after"]),
        json!({ "year": 2023, "rating": "EXCELLENT", "note": null })
    );
    let first = records
        .iter()
        .find(|r| r["actor"] == "officer.cm-skhcn")
        .unwrap();
    assert!(first["before"].is_null());
}

#[tokio::test]
async fn the_database_keeps_one_rating_per_recipient_and_year() {
    let app = TestApp::with_demo().await;
    let dung = person_row(&app, DUNG).await;
    let unit = unit_row(&app, "CM-SKHCN-2025").await;
    let row = |person: Option<i32>, unit: Option<i32>| {
        let now = chrono::Utc::now();
        entity::performance_rating::ActiveModel {
            person_id: Set(person),
            unit_id: Set(unit),
            year: Set(2022),
            rating: Set(entity::enums::PerformanceRating::Good),
            note: Set(None),
            recorded_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    };
    row(Some(dung.id), None).insert(&app.db).await.unwrap();
    // The unit's own rating of the same year is another recipient's.
    row(None, Some(unit.id)).insert(&app.db).await.unwrap();
    assert!(row(Some(dung.id), None).insert(&app.db).await.is_err());
    assert!(row(None, Some(unit.id)).insert(&app.db).await.is_err());
    // Exactly one recipient.
    assert!(row(None, None).insert(&app.db).await.is_err());
    assert!(row(Some(dung.id), Some(unit.id))
        .insert(&app.db)
        .await
        .is_err());
    assert_eq!(
        entity::performance_rating::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn only_those_who_may_write_the_person_rate_them_and_a_refusal_writes_nothing() {
    let app = TestApp::with_demo().await;
    let dung = person_id(&app, DUNG).await;
    let vars = rate(&dung, 2024, "EXCELLENT", None);
    refused(&app, None, RATE, vars.clone()).await;
    refused(&app, Some("partner.demo"), RATE, vars.clone()).await;
    refused(&app, Some("officer.hna-skhcn"), RATE, vars.clone()).await;
    refused(&app, Some("board.hanam"), RATE, vars.clone()).await;
    let discipline = json!({ "i": { "recipientId": dung, "kind": "DISCIPLINE", "startOn": "2024-01-10", "description": "Khiển trách" } });
    refused(&app, None, DISCIPLINE, discipline.clone()).await;
    refused(&app, Some("partner.demo"), DISCIPLINE, discipline.clone()).await;
    refused(
        &app,
        Some("officer.hna-skhcn"),
        DISCIPLINE,
        discipline.clone(),
    )
    .await;
    let read = app
        .data_as(
            "board.camau",
            "query($id: ID!) { node(id: $id) { ... on Person { ratings { year } disciplines { id } } } }",
            json!({ "id": dung }),
        )
        .await;
    assert_eq!(read["node"], json!({ "ratings": [], "disciplines": [] }));
    // The officers of the person's unit may.
    let data = app.data_as("officer.cm-skhcn", RATE, vars).await;
    assert_eq!(data["recordPerformanceRating"]["userErrors"], json!([]));
}

#[tokio::test]
async fn a_unit_is_rated_from_above_never_by_its_own_officers() {
    let app = TestApp::with_demo().await;
    let department = unit_id(&app, "CM-SKHCN-2025").await;
    let office = unit_id(&app, "CM-SKHCN-2025-VP").await;
    refused(
        &app,
        Some("officer.cm-skhcn"),
        RATE,
        rate(&department, 2024, "EXCELLENT", None),
    )
    .await;
    refused(
        &app,
        Some("officer.cm-skhcn"),
        DISCIPLINE,
        json!({ "i": { "recipientId": department, "kind": "INSPECTION", "startOn": "2024-05-01", "description": "Thanh tra" } }),
    )
    .await;
    refused(
        &app,
        Some("board.hanam"),
        RATE,
        rate(&department, 2024, "GOOD", None),
    )
    .await;
    refused(&app, None, RATE, rate(&department, 2024, "GOOD", None)).await;
    // The department's officers rate its sub-unit; the board rates the department.
    let data = app
        .data_as("officer.cm-skhcn", RATE, rate(&office, 2024, "GOOD", None))
        .await;
    assert_eq!(data["recordPerformanceRating"]["rating"]["rating"], "GOOD");
    let data = app
        .data_as(
            "board.camau",
            RATE,
            rate(&department, 2024, "EXCELLENT", None),
        )
        .await;
    assert_eq!(
        data["recordPerformanceRating"]["rating"]["rating"],
        "EXCELLENT"
    );
    // The sub-unit's own officers may not rate it either: a fresh account of CM-SKHCN-2025-VP.
    app.data_as(
        "admin",
        "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } userErrors { code } } }",
        json!({ "i": { "username": "officer.cm-vp", "password": "a long enough password", "role": "UNIT_OFFICER", "unitCode": "CM-SKHCN-2025-VP" } }),
    )
    .await;
    refused(
        &app,
        Some("officer.cm-vp"),
        RATE,
        rate(&office, 2023, "GOOD", None),
    )
    .await;
    let row = unit_row(&app, "CM-SKHCN-2025").await;
    assert_eq!(
        performance::ratings(&app.db, Subject::Unit(row.id))
            .await
            .unwrap(),
        BTreeMap::from([(2024, Rating::Excellent)])
    );
}

#[tokio::test]
async fn ratings_of_years_out_of_range_are_user_errors_and_write_nothing() {
    let app = TestApp::with_demo().await;
    let dung = person_id(&app, DUNG).await;
    let next_year = chrono::Utc::now().date_naive().format("%Y").to_string();
    let next_year: i32 = next_year.parse::<i32>().unwrap() + 1;
    for year in [next_year, 1900] {
        let before = footprint(&app).await;
        let data = app
            .data_as("board.camau", RATE, rate(&dung, year, "GOOD", None))
            .await;
        let payload = &data["recordPerformanceRating"];
        assert!(payload["rating"].is_null(), "{payload}");
        assert_eq!(payload["userErrors"][0]["field"], json!(["year"]));
        assert_eq!(payload["userErrors"][0]["code"], "OUT_OF_RANGE");
        assert_eq!(footprint(&app).await, before);
    }
}

#[tokio::test]
async fn an_inspection_is_recorded_pending_and_ended_later() {
    let app = TestApp::with_demo().await;
    let vinh = person_id(&app, VINH).await;
    let data = app
        .data_as(
            "officer.cm-skhcn",
            DISCIPLINE,
            json!({ "i": { "recipientId": vinh, "kind": "INSPECTION", "startOn": "2024-03-01", "description": "Thanh tra việc quản lý kinh phí khoa học", "decisionNumber": "15/QĐ-TTr" } }),
        )
        .await;
    let created = &data["recordDiscipline"]["discipline"];
    assert_eq!(data["recordDiscipline"]["userErrors"], json!([]));
    assert_eq!(created["kind"], "INSPECTION");
    assert_eq!(created["startOn"], "2024-03-01");
    assert_eq!(created["endOn"], Value::Null);
    assert_eq!(created["decisionNumber"], "15/QĐ-TTr");
    assert_eq!(created["pending"], true);
    let id = created["id"].as_str().unwrap().to_owned();

    // The inspection concludes.
    let data = app
        .data_as(
            "board.camau",
            DISCIPLINE,
            json!({ "i": { "recipientId": vinh, "disciplineId": id, "kind": "INSPECTION", "startOn": "2024-03-01", "endOn": "2024-06-30", "description": "Thanh tra việc quản lý kinh phí khoa học", "decisionNumber": "15/QĐ-TTr" } }),
        )
        .await;
    let ended = &data["recordDiscipline"]["discipline"];
    assert_eq!(ended["id"], id.as_str());
    assert_eq!(ended["endOn"], "2024-06-30");
    assert_eq!(ended["pending"], false);

    let read = app
        .data_as(
            "board.camau",
            "query($id: ID!) { node(id: $id) { ... on Person { disciplines { id kind endOn pending } } } }",
            json!({ "id": vinh }),
        )
        .await;
    assert_eq!(
        read["node"]["disciplines"],
        json!([{ "id": id, "kind": "INSPECTION", "endOn": "2024-06-30", "pending": false }])
    );
    let row = person_row(&app, VINH).await;
    let facts = performance::disciplines(&app.db, Subject::Person(row.id))
        .await
        .unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].kind, DisciplineKind::Inspection);
    assert!(facts[0].overlaps_year(2024));
    assert!(!facts[0].overlaps_year(2025));
    assert!(!facts[0].pending_on("2024-07-01".parse().unwrap()));

    // The record by its global ID, with the private-field scope.
    let node = "query($id: ID!) { node(id: $id) { ... on Discipline { kind startOn } } }";
    let seen = app.data_as("board.camau", node, json!({ "id": id })).await;
    assert_eq!(
        seen["node"],
        json!({ "kind": "INSPECTION", "startOn": "2024-03-01" })
    );
    for outsider in ["partner.demo", "officer.hna-skhcn", "board.hanam"] {
        let seen = app.data_as(outsider, node, json!({ "id": id })).await;
        assert_eq!(seen["node"], Value::Null, "{outsider}");
    }

    // Someone else's record cannot be updated through this person.
    let dung = person_id(&app, DUNG).await;
    let before = footprint(&app).await;
    let data = app
        .data_as(
            "board.camau",
            DISCIPLINE,
            json!({ "i": { "recipientId": dung, "disciplineId": id, "kind": "INSPECTION", "startOn": "2024-03-01", "description": "x" } }),
        )
        .await;
    assert_eq!(
        data["recordDiscipline"]["userErrors"][0]["field"],
        json!(["disciplineId"])
    );
    assert_eq!(
        data["recordDiscipline"]["userErrors"][0]["code"],
        "NOT_FOUND"
    );
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn an_end_before_the_start_is_invalid_and_writes_nothing() {
    let app = TestApp::with_demo().await;
    let vinh = person_id(&app, VINH).await;
    let before = footprint(&app).await;
    let data = app
        .data_as(
            "board.camau",
            DISCIPLINE,
            json!({ "i": { "recipientId": vinh, "kind": "DISCIPLINE", "startOn": "2024-03-01", "endOn": "2024-02-28", "description": "Khiển trách" } }),
        )
        .await;
    let payload = &data["recordDiscipline"];
    assert!(payload["discipline"].is_null(), "{payload}");
    assert_eq!(payload["userErrors"][0]["field"], json!(["endOn"]));
    assert_eq!(payload["userErrors"][0]["code"], "INVALID_VALUE");
    assert_eq!(footprint(&app).await, before);
    let blank = app
        .data_as(
            "board.camau",
            DISCIPLINE,
            json!({ "i": { "recipientId": vinh, "kind": "DISCIPLINE", "startOn": "2024-03-01", "description": "  " } }),
        )
        .await;
    assert_eq!(
        blank["recordDiscipline"]["userErrors"][0]["code"],
        "REQUIRED"
    );
    assert_eq!(footprint(&app).await, before);
}

const UPDATE_PERSON: &str = "mutation($i: UpdatePersonInput!) {
  updatePerson(input: $i) { person { recruitedOn } userErrors { field code } }
}";

/// The private facts of a person through `persons` and through `node`.
const BY_LIST: &str = "query($s: String) { persons(filter: { search: $s }) { edges { node { fullName recruitedOn ratings { year rating } disciplines { kind } } } } }";
const BY_NODE: &str = "query($id: ID!) { node(id: $id) { ... on Person { fullName recruitedOn ratings { year rating } disciplines { kind } } } }";

#[tokio::test]
async fn a_persons_facts_are_private_fields_on_every_path() {
    let app = TestApp::with_demo().await;
    let dung = person_id(&app, DUNG).await;
    let data = app
        .data_as(
            "officer.cm-skhcn",
            UPDATE_PERSON,
            json!({ "i": { "id": dung, "recruitedOn": "2004-09-01" } }),
        )
        .await;
    assert_eq!(
        data["updatePerson"],
        json!({ "person": { "recruitedOn": "2004-09-01" }, "userErrors": [] })
    );
    app.data_as("board.camau", RATE, rate(&dung, 2024, "GOOD", None))
        .await;
    app.data_as(
        "board.camau",
        DISCIPLINE,
        json!({ "i": { "recipientId": dung, "kind": "COMPLAINT", "startOn": "2025-01-05", "description": "Đơn tố cáo đang được giải quyết" } }),
    )
    .await;
    // Another correction leaves the recruitment date as it was.
    app.data_as(
        "board.camau",
        UPDATE_PERSON,
        json!({ "i": { "id": dung, "title": "Phó Giám đốc Sở" } }),
    )
    .await;

    let full = json!({ "fullName": DUNG, "recruitedOn": "2004-09-01", "ratings": [{ "year": 2024, "rating": "GOOD" }], "disciplines": [{ "kind": "COMPLAINT" }] });
    for reader in ["officer.cm-skhcn", "board.camau", "admin"] {
        let listed = app.data_as(reader, BY_LIST, json!({ "s": DUNG })).await;
        assert_eq!(listed["persons"]["edges"][0]["node"], full, "{reader}");
        let node = app.data_as(reader, BY_NODE, json!({ "id": dung })).await;
        assert_eq!(node["node"], full, "{reader}");
    }
    for outsider in ["partner.demo", "officer.hna-skhcn", "board.hanam"] {
        for (query, vars, path) in [
            (
                BY_LIST,
                json!({ "s": DUNG }),
                vec![json!("persons"), json!("edges"), json!(0), json!("node")],
            ),
            (BY_NODE, json!({ "id": dung }), vec![json!("node")]),
        ] {
            let body = run(&app, Some(outsider), query, vars).await;
            let mut node = &body["data"];
            for step in &path {
                node = match step {
                    Value::String(s) => &node[s.as_str()],
                    Value::Number(n) => &node[n.as_u64().unwrap() as usize],
                    _ => unreachable!(),
                };
            }
            assert_eq!(
                node,
                &json!({ "fullName": DUNG, "recruitedOn": null, "ratings": null, "disciplines": null }),
                "{outsider}: {body}"
            );
            assert_eq!(codes(&body), ["FORBIDDEN"; 3], "{outsider}: {body}");
            for error in body["errors"].as_array().unwrap() {
                let mut at: Vec<Value> = path.clone();
                let field = error["path"].as_array().unwrap().last().unwrap().clone();
                at.push(field);
                assert_eq!(error["path"], json!(at), "{outsider}: {body}");
            }
        }
    }
    // The public sees no persons at all, on either path.
    let listed = run(&app, None, BY_LIST, json!({ "s": DUNG })).await;
    assert_eq!(listed["data"]["persons"]["edges"], json!([]), "{listed}");
    let node = run(&app, None, BY_NODE, json!({ "id": dung })).await;
    assert_eq!(node["data"]["node"], Value::Null, "{node}");
    assert!(!node.to_string().contains("2004-09-01"));
}

#[tokio::test]
async fn a_units_facts_are_read_by_its_officers_and_its_board_only() {
    let app = TestApp::with_demo().await;
    let department = unit_id(&app, "CM-SKHCN-2025").await;
    app.data_as(
        "board.camau",
        RATE,
        rate(&department, 2024, "EXCELLENT", None),
    )
    .await;
    let query =
        "{ unit(code: \"CM-SKHCN-2025\") { code ratings { year rating } disciplines { kind } } }";
    for reader in ["officer.cm-skhcn", "board.camau"] {
        let data = app.data_as(reader, query, json!({})).await;
        assert_eq!(
            data["unit"],
            json!({ "code": "CM-SKHCN-2025", "ratings": [{ "year": 2024, "rating": "EXCELLENT" }], "disciplines": [] }),
            "{reader}"
        );
    }
    for outsider in [
        None,
        Some("partner.demo"),
        Some("officer.hna-skhcn"),
        Some("board.hanam"),
    ] {
        let body = run(&app, outsider, query, json!({})).await;
        assert_eq!(
            body["data"]["unit"],
            json!({ "code": "CM-SKHCN-2025", "ratings": null, "disciplines": null }),
            "{outsider:?}: {body}"
        );
        assert_eq!(codes(&body), ["FORBIDDEN"; 2], "{outsider:?}: {body}");
        assert_eq!(body["errors"][0]["path"], json!(["unit", "ratings"]));
    }
}

#[tokio::test]
async fn a_recruitment_date_is_given_at_creation_and_not_in_the_future() {
    let app = TestApp::with_demo().await;
    let create = "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { fullName recruitedOn } userErrors { field code } } }";
    let data = app
        .data_as(
            "officer.cm-skhcn",
            create,
            json!({ "i": { "unitCode": "CM-SKHCN-2025-VP", "fullName": "Lê Văn Tâm", "birthDate": "1990-04-02", "recruitedOn": "2015-03-01" } }),
        )
        .await;
    assert_eq!(
        data["createPerson"],
        json!({ "person": { "fullName": "Lê Văn Tâm", "recruitedOn": "2015-03-01" }, "userErrors": [] })
    );
    let before = footprint(&app).await;
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    for (recruited, born) in [
        (tomorrow.as_str(), "1990-04-02"),
        ("1989-01-01", "1990-04-02"),
    ] {
        let data = app
            .data_as(
                "officer.cm-skhcn",
                create,
                json!({ "i": { "unitCode": "CM-SKHCN-2025-VP", "fullName": "Phạm Thị Lan", "birthDate": born, "recruitedOn": recruited } }),
            )
            .await;
        assert_eq!(
            data["createPerson"],
            json!({ "person": null, "userErrors": [{ "field": ["recruitedOn"], "code": "OUT_OF_RANGE" }] }),
            "{recruited}"
        );
    }
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn the_facts_of_a_list_of_persons_and_units_are_read_in_one_statement_each() {
    let app = TestApp::with_demo().await;
    for name in [DUNG, VINH] {
        let id = person_id(&app, name).await;
        app.data_as("board.camau", RATE, rate(&id, 2024, "GOOD", None))
            .await;
    }
    let query = "{ persons(first: 50) { edges { node { ratings { year } disciplines { kind } unit { ratings { year } disciplines { kind } } } } } }";
    let token = app.token("admin").await;
    app.take_statements();
    let (_, body) = app.post_as(&token, query, json!({})).await;
    assert!(body.get("errors").is_none(), "{body}");
    let edges = body["data"]["persons"]["edges"].as_array().unwrap();
    assert!(edges.len() >= 9, "{body}");
    let rated = edges
        .iter()
        .filter(|e| e["node"]["ratings"] == json!([{ "year": 2024 }]))
        .count();
    assert_eq!(rated, 2, "{body}");
    let statements = app.take_statements();
    for table in ["\"performance_rating\"", "\"discipline\""] {
        let reads = statements
            .iter()
            .filter(|s| s.contains(&format!("FROM {table}")))
            .count();
        // One batch for the persons, one for their units.
        assert!(reads <= 2, "{table}: {reads} statements: {statements:#?}");
        assert!(reads >= 1, "{table}: {statements:#?}");
    }
}

#[tokio::test]
async fn concurrent_ratings_of_the_same_year_follow_one_another() {
    let app = TestApp::with_demo().await;
    let dung = person_id(&app, DUNG).await;
    let token = app.token("board.camau").await;
    let ratings = [
        "GOOD",
        "EXCELLENT",
        "COMPLETED",
        "GOOD",
        "EXCELLENT",
        "NOT_COMPLETED",
    ];
    let bodies = futures_util::future::join_all(
        ratings
            .iter()
            .map(|r| app.post_as(&token, RATE, rate(&dung, 2021, r, None))),
    )
    .await;
    for (status, body) in &bodies {
        assert_eq!(*status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(
            body["data"]["recordPerformanceRating"]["userErrors"],
            json!([])
        );
    }
    let row = person_row(&app, DUNG).await;
    assert_eq!(
        entity::performance_rating::Entity::find()
            .filter(entity::performance_rating::Column::PersonId.eq(row.id))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
}
