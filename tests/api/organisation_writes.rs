//! The organisation's writes: units, persons, terms, positions, reorganisations; their
//! authorization, their rules, their audit records, and that a refusal writes nothing.

use crate::common::{codes, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

/// Rows in the tables the organisation's writes touch, and in the audit trail.
async fn footprint(app: &TestApp) -> Vec<u64> {
    let db = &app.db;
    vec![
        entity::unit::Entity::find().count(db).await.unwrap(),
        entity::unit_lineage::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::person::Entity::find().count(db).await.unwrap(),
        entity::person_private::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::person_position::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::term::Entity::find().count(db).await.unwrap(),
        entity::audit_log::Entity::find().count(db).await.unwrap(),
    ]
}

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

const CREATE_UNIT: &str = "mutation($input: CreateUnitInput!) {
  createUnit(input: $input) { unit { code name kind validFrom parent { code } province { code } } userErrors { field code } }
}";

#[tokio::test]
async fn officers_add_sub_units_to_their_own_unit_and_boards_add_units_to_their_province() {
    let app = TestApp::with_demo().await;
    let sub = json!({ "input": { "code": "CM-SKHCN-2025-P2", "kind": "SUBDIVISION", "name": "Phòng Quản lý công nghệ Sở KH&CN tỉnh Cà Mau", "parentCode": "CM-SKHCN-2025", "validFrom": "2020-01-01" } });
    refused(&app, Some("officer.hna-stnmt"), CREATE_UNIT, sub.clone()).await;
    refused(&app, Some("board.hanam"), CREATE_UNIT, sub.clone()).await;
    refused(&app, Some("partner.demo"), CREATE_UNIT, sub.clone()).await;
    refused(&app, None, CREATE_UNIT, sub.clone()).await;
    let data = app.data_as("officer.cm-skhcn", CREATE_UNIT, sub).await;
    assert_eq!(
        data["createUnit"],
        json!({ "unit": { "code": "CM-SKHCN-2025-P2", "name": "Phòng Quản lý công nghệ Sở KH&CN tỉnh Cà Mau", "kind": "SUBDIVISION", "validFrom": "2020-01-01", "parent": { "code": "CM-SKHCN-2025" }, "province": { "code": "CA_MAU" } }, "userErrors": [] })
    );

    let top = json!({ "input": { "code": "CM-SYT", "kind": "DEPARTMENT", "name": "Sở Y tế tỉnh Cà Mau", "provinceCode": "CA_MAU" } });
    refused(&app, Some("officer.cm-skhcn"), CREATE_UNIT, top.clone()).await;
    refused(&app, Some("board.hanam"), CREATE_UNIT, top.clone()).await;
    let data = app.data_as("board.camau", CREATE_UNIT, top).await;
    assert_eq!(data["createUnit"]["unit"]["province"]["code"], "CA_MAU");

    let audit = app.data_as("board.camau", "{ auditLog(filter: { action: \"createUnit\" }) { edges { node { actor objectId after } } } }", json!({})).await;
    let records = audit["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["node"]["actor"], "officer.cm-skhcn");
    assert_eq!(records[0]["node"]["objectId"], "CM-SKHCN-2025-P2");
    assert!(records[0]["node"]["after"]
        .as_str()
        .unwrap()
        .contains("Phòng Quản lý công nghệ"));
}

#[tokio::test]
async fn create_unit_checks_codes_names_parents_and_duplicates() {
    let app = TestApp::with_demo().await;
    let cases = [
        (
            json!({ "code": "cm-bad", "kind": "DEPARTMENT", "name": "Sở", "provinceCode": "CA_MAU" }),
            "code",
            "INVALID_VALUE",
        ),
        (
            json!({ "code": "CM-SKHCN-2025", "kind": "DEPARTMENT", "name": "Sở", "provinceCode": "CA_MAU" }),
            "code",
            "DUPLICATE",
        ),
        (
            json!({ "code": "CM-X", "kind": "DEPARTMENT", "name": "  ", "provinceCode": "CA_MAU" }),
            "name",
            "REQUIRED",
        ),
        (
            json!({ "code": "CM-X", "kind": "SUBDIVISION", "name": "Phòng", "provinceCode": "CA_MAU" }),
            "parentCode",
            "REQUIRED",
        ),
        (
            json!({ "code": "CM-X", "kind": "SUBDIVISION", "name": "Phòng", "parentCode": "CM-NOPE" }),
            "parentCode",
            "NOT_FOUND",
        ),
        (
            json!({ "code": "CM-X", "kind": "SUBDIVISION", "name": "Phòng", "parentCode": "CM-SKHCN" }),
            "parentCode",
            "WRONG_STATE",
        ),
    ];
    for (input, field, code) in cases {
        let before = footprint(&app).await;
        let data = app
            .data_as("board.camau", CREATE_UNIT, json!({ "input": input }))
            .await;
        let errors = data["createUnit"]["userErrors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == json!([field]) && e["code"] == code),
            "{input}: {errors:?}"
        );
        assert_eq!(data["createUnit"]["unit"], Value::Null);
        assert_eq!(footprint(&app).await, before);
    }
}

const UPDATE_UNIT: &str = "mutation($input: UpdateUnitInput!) {
  updateUnit(input: $input) { unit { code name shortName parent { code } } userErrors { field code } }
}";

#[tokio::test]
async fn update_unit_corrects_in_place_and_refuses_cycles_and_closed_units() {
    let app = TestApp::with_demo().await;
    app.data_as("board.camau", CREATE_UNIT, json!({ "input": { "code": "CM-SKHCN-2025-P1", "kind": "SUBDIVISION", "name": "Phòng Quản lý khoa học", "parentCode": "CM-SKHCN-2025" } })).await;
    let cycle = app
        .data_as(
            "board.camau",
            UPDATE_UNIT,
            json!({ "input": { "code": "CM-SKHCN-2025", "parentCode": "CM-SKHCN-2025-P1" } }),
        )
        .await;
    assert_eq!(
        cycle["updateUnit"]["userErrors"],
        json!([{ "field": ["parentCode"], "code": "RULE_NOT_MET" }])
    );
    let itself = app
        .data_as(
            "board.camau",
            UPDATE_UNIT,
            json!({ "input": { "code": "CM-SKHCN-2025", "parentCode": "CM-SKHCN-2025" } }),
        )
        .await;
    assert_eq!(
        itself["updateUnit"]["userErrors"][0]["code"],
        "RULE_NOT_MET"
    );
    let closed = app
        .data_as(
            "board.camau",
            UPDATE_UNIT,
            json!({ "input": { "code": "CM-SKHCN", "shortName": "SXD" } }),
        )
        .await;
    assert_eq!(
        closed["updateUnit"]["userErrors"],
        json!([{ "field": ["code"], "code": "WRONG_STATE" }])
    );

    refused(
        &app,
        Some("officer.hna-stnmt"),
        UPDATE_UNIT,
        json!({ "input": { "code": "CM-SKHCN-2025", "shortName": "KHCN" } }),
    )
    .await;
    let fixed = app
        .data_as(
            "officer.cm-skhcn",
            UPDATE_UNIT,
            json!({ "input": { "code": "CM-SKHCN-2025-P1", "name": "Phòng Quản lý Khoa học" } }),
        )
        .await;
    assert_eq!(
        fixed["updateUnit"]["unit"],
        json!({ "code": "CM-SKHCN-2025-P1", "name": "Phòng Quản lý Khoa học", "shortName": null, "parent": { "code": "CM-SKHCN-2025" } })
    );
    let audit = app
        .data_as(
            "admin",
            "{ auditLog(filter: { action: \"updateUnit\" }) { edges { node { before after } } } }",
            json!({}),
        )
        .await;
    let record = &audit["auditLog"]["edges"][0]["node"];
    assert!(record["before"]
        .as_str()
        .unwrap()
        .contains("Phòng Quản lý khoa học"));
    assert!(record["after"]
        .as_str()
        .unwrap()
        .contains("Phòng Quản lý Khoa học"));
}

const CREATE_PERSON: &str = "mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { person { id fullName title unit { code } } userErrors { field code } }
}";
const PERSON_PRIVATE: &str =
    "query($id: ID!) { node(id: $id) { ... on Person { fullName birthDate email } } }";

#[tokio::test]
async fn private_fields_are_for_the_persons_unit_and_province_only() {
    let app = TestApp::with_demo().await;
    let input = json!({ "input": { "unitCode": "CM-SKHCN-2025", "fullName": "Trần Văn An", "title": "Chuyên viên", "birthDate": "1985-04-30", "email": "an.tv@camau.example" } });
    refused(
        &app,
        Some("officer.hna-stnmt"),
        CREATE_PERSON,
        input.clone(),
    )
    .await;
    let created = app.data_as("officer.cm-skhcn", CREATE_PERSON, input).await;
    let id = created["createPerson"]["person"]["id"].clone();
    assert_eq!(
        created["createPerson"]["person"]["unit"]["code"],
        "CM-SKHCN-2025"
    );

    for reader in ["officer.cm-skhcn", "board.camau", "admin"] {
        let data = app
            .data_as(reader, PERSON_PRIVATE, json!({ "id": id }))
            .await;
        assert_eq!(
            data["node"],
            json!({ "fullName": "Trần Văn An", "birthDate": "1985-04-30", "email": "an.tv@camau.example" }),
            "{reader}"
        );
    }
    for reader in ["officer.hna-stnmt", "board.hanam", "partner.demo"] {
        let token = app.token(reader).await;
        let (_, body) = app
            .post_as(&token, PERSON_PRIVATE, json!({ "id": id }))
            .await;
        let (_, list) = app.post_as(&token, "{ persons(filter: { search: \"Tran Van An\" }) { edges { node { fullName birthDate } } } }", json!({})).await;
        assert_eq!(
            list["data"]["persons"]["edges"][0]["node"],
            json!({ "fullName": "Trần Văn An", "birthDate": null }),
            "{reader}"
        );
        assert_eq!(
            list["errors"][0]["path"],
            json!(["persons", "edges", 0, "node", "birthDate"])
        );
        assert_eq!(
            body["data"]["node"],
            json!({ "fullName": "Trần Văn An", "birthDate": null, "email": null }),
            "{reader}"
        );
        let errors = body["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 2, "{reader}");
        for e in errors {
            assert_eq!(e["extensions"]["code"], "FORBIDDEN");
            assert_eq!(e["path"][0], "node");
        }
    }
    let (_, body) = app.post(PERSON_PRIVATE, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["node"],
        Value::Null,
        "the public sees no persons"
    );

    let bad = app.data_as("board.camau", CREATE_PERSON, json!({ "input": { "unitCode": "CM-SKHCN-2025", "fullName": "X", "email": "not-an-email", "birthDate": "2999-01-01" } })).await;
    let fields: Vec<&Value> = bad["createPerson"]["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["field"])
        .collect();
    assert_eq!(fields, [&json!(["email"]), &json!(["birthDate"])]);
}

const UPDATE_PERSON: &str = "mutation($input: UpdatePersonInput!) {
  updatePerson(input: $input) { person { fullName title unit { code } } userErrors { field code } }
}";

#[tokio::test]
async fn moving_a_person_needs_rights_over_both_units() {
    let app = TestApp::with_demo().await;
    let data = app.data_as("board.camau", "{ persons(filter: { search: \"Huynh Hung Dung\" }) { edges { node { id unit { code } } } } }", json!({})).await;
    let id = data["persons"]["edges"][0]["node"]["id"].clone();
    assert_eq!(
        data["persons"]["edges"][0]["node"]["unit"]["code"],
        "CM-SKHCN-2025"
    );
    app.data_as("board.camau", CREATE_UNIT, json!({ "input": { "code": "CM-SYT", "kind": "DEPARTMENT", "name": "Sở Y tế tỉnh Cà Mau", "provinceCode": "CA_MAU" } })).await;

    let move_to_syt =
        json!({ "input": { "id": id, "unitCode": "CM-SYT", "title": "Giám đốc Sở Y tế" } });
    refused(
        &app,
        Some("officer.cm-skhcn"),
        UPDATE_PERSON,
        move_to_syt.clone(),
    )
    .await;
    refused(
        &app,
        Some("board.hanam"),
        UPDATE_PERSON,
        move_to_syt.clone(),
    )
    .await;
    let moved = app.data_as("board.camau", UPDATE_PERSON, move_to_syt).await;
    assert_eq!(
        moved["updatePerson"]["person"],
        json!({ "fullName": "Huỳnh Hùng Dũng", "title": "Giám đốc Sở Y tế", "unit": { "code": "CM-SYT" } })
    );
    let closed = app
        .data_as(
            "board.camau",
            UPDATE_PERSON,
            json!({ "input": { "id": id, "unitCode": "CM-SKHCN" } }),
        )
        .await;
    assert_eq!(
        closed["updatePerson"]["userErrors"],
        json!([{ "field": ["unitCode"], "code": "WRONG_STATE" }])
    );
}

const CREATE_TERM: &str = "mutation($input: CreateTermInput!) {
  createTerm(input: $input) { term { id kind name startYear endYear unit { code } } userErrors { field code } }
}";
const ASSIGN: &str = "mutation($input: AssignPositionInput!) {
  assignPosition(input: $input) { position { title unit { code } term { name } startOn endOn } userErrors { field code } }
}";

#[tokio::test]
async fn terms_and_positions() {
    let app = TestApp::with_demo().await;
    let khoa_v = json!({ "input": { "kind": "EXECUTIVE_COMMITTEE", "name": "Khóa V", "unitCode": "ST-LHH", "startYear": 2030, "endYear": 2035 } });
    refused(&app, Some("board.camau"), CREATE_TERM, khoa_v.clone()).await;
    let created = app.data_as("admin", CREATE_TERM, khoa_v.clone()).await;
    assert_eq!(created["createTerm"]["term"]["name"], "Khóa V");
    let again = app.data_as("admin", CREATE_TERM, khoa_v).await;
    assert_eq!(
        again["createTerm"]["userErrors"],
        json!([{ "field": ["startYear"], "code": "DUPLICATE" }])
    );
    let backwards = app.data_as("admin", CREATE_TERM, json!({ "input": { "kind": "EXECUTIVE_COMMITTEE", "name": "Khóa X", "unitCode": "ST-LHH", "startYear": 2035, "endYear": 2030 } })).await;
    assert_eq!(
        backwards["createTerm"]["userErrors"],
        json!([{ "field": ["endYear"], "code": "OUT_OF_RANGE" }])
    );
    let no_unit = app.data_as("admin", CREATE_TERM, json!({ "input": { "kind": "EXECUTIVE_COMMITTEE", "name": "Khóa Y", "startYear": 2030, "endYear": 2035 } })).await;
    assert_eq!(
        no_unit["createTerm"]["userErrors"],
        json!([{ "field": ["unitCode"], "code": "REQUIRED" }])
    );
    let period = app.data_as("board.camau", CREATE_TERM, json!({ "input": { "kind": "EMULATION_PERIOD", "name": "Giai đoạn 2025–2030", "provinceCode": "CA_MAU", "startYear": 2025, "endYear": 2030 } })).await;
    assert_eq!(period["createTerm"]["userErrors"], json!([]));
    refused(&app, Some("board.camau"), CREATE_TERM, json!({ "input": { "kind": "EMULATION_PERIOD", "name": "Giai đoạn 2030–2035", "startYear": 2030, "endYear": 2035 } })).await;

    let people = app.data_as("admin", "{ persons(filter: { search: \"Trinh Cong Ly\" }) { edges { node { id } } } terms(filter: { unitCode: \"ST-LHH\", activeIn: 2026 }) { edges { node { id } } } }", json!({})).await;
    let person = people["persons"]["edges"][0]["node"]["id"].clone();
    let khoa_iv = people["terms"]["edges"][0]["node"]["id"].clone();
    let assign = json!({ "input": { "personId": person, "title": "Chủ tịch", "termId": khoa_iv, "startOn": "2025-06-01" } });
    refused(&app, Some("officer.cm-skhcn"), ASSIGN, assign.clone()).await;
    let assigned = app.data_as("admin", ASSIGN, assign).await;
    assert_eq!(
        assigned["assignPosition"]["position"],
        json!({ "title": "Chủ tịch", "unit": { "code": "ST-LHH" }, "term": { "name": "Khóa IV" }, "startOn": "2025-06-01", "endOn": null })
    );
    let backwards = app.data_as("admin", ASSIGN, json!({ "input": { "personId": person, "title": "Ủy viên", "startOn": "2025-06-01", "endOn": "2025-01-01" } })).await;
    assert_eq!(
        backwards["assignPosition"]["userErrors"],
        json!([{ "field": ["endOn"], "code": "OUT_OF_RANGE" }])
    );
    let positions = app.data_as("partner.demo", "query($id: ID!) { node(id: $id) { ... on Person { positions { title term { name } } } } }", json!({ "id": person })).await;
    assert_eq!(
        positions["node"]["positions"],
        json!([{ "title": "Chủ tịch", "term": { "name": "Khóa IV" } }])
    );
}

const REORGANIZE: &str = "mutation($input: ReorganizeUnitsInput!) {
  reorganizeUnits(input: $input) { predecessors { code validTo active } successors { code name validFrom } userErrors { field code } }
}";

#[tokio::test]
async fn a_rename_closes_the_old_unit_keeps_its_name_in_history_and_moves_its_people() {
    let app = TestApp::with_demo().await;
    app.data_as("board.camau", CREATE_UNIT, json!({ "input": { "code": "CM-TTCNTT", "kind": "AGENCY", "name": "Trung tâm Công nghệ thông tin tỉnh Cà Mau", "provinceCode": "CA_MAU", "validFrom": "2015-01-01" } })).await;
    app.data_as("board.camau", CREATE_PERSON, json!({ "input": { "unitCode": "CM-TTCNTT", "fullName": "Lê Minh Quân", "title": "Giám đốc" } })).await;
    let rename = json!({ "input": { "kind": "RENAME", "effectiveOn": "2024-01-01", "legalBasis": "Quyết định số 12/QĐ-UBND ngày 20/12/2023",
        "predecessorCodes": ["CM-TTCNTT"], "newUnits": [{ "code": "CM-TTCDS", "name": "Trung tâm Chuyển đổi số tỉnh Cà Mau" }] } });
    refused(&app, Some("officer.cm-skhcn"), REORGANIZE, rename.clone()).await;
    refused(&app, Some("board.hanam"), REORGANIZE, rename.clone()).await;
    let done = app.data_as("board.camau", REORGANIZE, rename).await;
    assert_eq!(
        done["reorganizeUnits"],
        json!({ "predecessors": [{ "code": "CM-TTCNTT", "validTo": "2023-12-31", "active": false }],
                "successors": [{ "code": "CM-TTCDS", "name": "Trung tâm Chuyển đổi số tỉnh Cà Mau", "validFrom": "2024-01-01" }],
                "userErrors": [] })
    );
    let history = app
        .data_as(
            "board.camau",
            "{ now: unit(code: \"CM-TTCDS\") { before: nameOn(date: \"2023-06-01\") after: nameOn(date: \"2024-06-01\") ancient: nameOn(date: \"2010-01-01\")
                 predecessors { kind effectiveOn legalBasis unit { code name } } }
               old: unit(code: \"CM-TTCNTT\") { name successors { kind unit { code } } }
               people: persons(filter: { unitCode: \"CM-TTCDS\" }) { edges { node { fullName } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        history["now"]["before"],
        "Trung tâm Công nghệ thông tin tỉnh Cà Mau"
    );
    assert_eq!(
        history["now"]["after"],
        "Trung tâm Chuyển đổi số tỉnh Cà Mau"
    );
    assert_eq!(history["now"]["ancient"], Value::Null);
    assert_eq!(
        history["now"]["predecessors"],
        json!([{ "kind": "RENAME", "effectiveOn": "2024-01-01", "legalBasis": "Quyết định số 12/QĐ-UBND ngày 20/12/2023", "unit": { "code": "CM-TTCNTT", "name": "Trung tâm Công nghệ thông tin tỉnh Cà Mau" } }])
    );
    assert_eq!(
        history["old"]["successors"],
        json!([{ "kind": "RENAME", "unit": { "code": "CM-TTCDS" } }])
    );
    assert_eq!(
        history["people"]["edges"],
        json!([{ "node": { "fullName": "Lê Minh Quân" } }])
    );
}

#[tokio::test]
async fn merge_split_and_absorb_and_their_refusals() {
    let app = TestApp::with_demo().await;
    for (code, name) in [
        ("CM-A", "Ban A"),
        ("CM-B", "Ban B"),
        ("CM-C", "Ban C"),
        ("CM-D", "Ban D"),
    ] {
        app.data_as("board.camau", CREATE_UNIT, json!({ "input": { "code": code, "kind": "AGENCY", "name": name, "provinceCode": "CA_MAU", "validFrom": "2020-01-01" } })).await;
    }
    let merge = app.data_as("board.camau", REORGANIZE, json!({ "input": { "kind": "MERGE", "effectiveOn": "2024-03-01", "legalBasis": "QĐ 1", "predecessorCodes": ["CM-A", "CM-B"], "newUnits": [{ "code": "CM-AB", "name": "Ban AB" }] } })).await;
    assert_eq!(merge["reorganizeUnits"]["userErrors"], json!([]));
    assert_eq!(
        merge["reorganizeUnits"]["predecessors"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let split = app.data_as("board.camau", REORGANIZE, json!({ "input": { "kind": "SPLIT", "effectiveOn": "2024-03-01", "legalBasis": "QĐ 2", "predecessorCodes": ["CM-C"], "newUnits": [{ "code": "CM-C1", "name": "Ban C1" }, { "code": "CM-C2", "name": "Ban C2" }] } })).await;
    assert_eq!(
        split["reorganizeUnits"]["successors"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let absorb = app.data_as("board.camau", REORGANIZE, json!({ "input": { "kind": "ABSORB", "effectiveOn": "2024-06-01", "legalBasis": "QĐ 3", "predecessorCodes": ["CM-D"], "successorCode": "CM-AB" } })).await;
    assert_eq!(
        absorb["reorganizeUnits"]["successors"],
        json!([{ "code": "CM-AB", "name": "Ban AB", "validFrom": "2024-03-01" }])
    );

    let lineage = app
        .data_as(
            "board.camau",
            "{ unit(code: \"CM-AB\") { predecessors { kind unit { code } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        lineage["unit"]["predecessors"],
        json!([{ "kind": "MERGE", "unit": { "code": "CM-A" } }, { "kind": "MERGE", "unit": { "code": "CM-B" } }, { "kind": "ABSORB", "unit": { "code": "CM-D" } }])
    );

    let refusals = [
        (
            json!({ "kind": "MERGE", "effectiveOn": "2025-01-01", "legalBasis": "QĐ", "predecessorCodes": ["CM-AB"], "newUnits": [{ "code": "CM-Z", "name": "Z" }] }),
            "kind",
            "RULE_NOT_MET",
        ),
        (
            json!({ "kind": "RENAME", "effectiveOn": "2025-01-01", "legalBasis": "QĐ", "predecessorCodes": ["CM-A"], "newUnits": [{ "code": "CM-Z", "name": "Z" }] }),
            "predecessorCodes",
            "WRONG_STATE",
        ),
        (
            json!({ "kind": "RENAME", "effectiveOn": "2025-01-01", "legalBasis": " ", "predecessorCodes": ["CM-AB"], "newUnits": [{ "code": "CM-Z", "name": "Z" }] }),
            "legalBasis",
            "REQUIRED",
        ),
        (
            json!({ "kind": "RENAME", "effectiveOn": "2025-01-01", "legalBasis": "QĐ", "predecessorCodes": ["CM-AB"], "newUnits": [{ "code": "CM-C1", "name": "Z" }] }),
            "newUnits",
            "DUPLICATE",
        ),
        (
            json!({ "kind": "RENAME", "effectiveOn": "2019-01-01", "legalBasis": "QĐ", "predecessorCodes": ["CM-C1"], "newUnits": [{ "code": "CM-Z", "name": "Z" }] }),
            "effectiveOn",
            "OUT_OF_RANGE",
        ),
        (
            json!({ "kind": "ABSORB", "effectiveOn": "2025-01-01", "legalBasis": "QĐ", "predecessorCodes": ["CM-AB"], "successorCode": "CM-AB" }),
            "successorCode",
            "RULE_NOT_MET",
        ),
    ];
    for (input, field, code) in refusals {
        let before = footprint(&app).await;
        let data = app
            .data_as("board.camau", REORGANIZE, json!({ "input": input }))
            .await;
        let errors = data["reorganizeUnits"]["userErrors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"][0] == field && e["code"] == code),
            "{input}: {errors:?}"
        );
        assert_eq!(footprint(&app).await, before, "{input}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_wait_for_each_other_instead_of_failing() {
    let app = TestApp::with_demo().await;
    let token = app.token("board.camau").await;
    let before = footprint(&app).await;
    let requests = (0..24).map(|i| {
        let token = token.clone();
        let app = &app;
        async move {
            app.post_as(
                &token,
                CREATE_PERSON,
                json!({ "input": { "unitCode": "CM-SKHCN-2025", "fullName": format!("Người {i}") } }),
            )
            .await
        }
    });
    let answers = futures_util::future::join_all(requests).await;
    for (status, body) in &answers {
        assert_eq!(*status, 200);
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(body["data"]["createPerson"]["userErrors"], json!([]));
    }
    assert_eq!(
        footprint(&app).await[2],
        before[2] + 24,
        "every person written"
    );
}
