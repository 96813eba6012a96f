//! The whole matrix of shared/API.md, as `src/access/matrix.md` keeps it: every action, for
//! every kind of viewer, allowed or denied as the matrix says, and a denied write changes
//! nothing. The expectations are computed from the matrix file itself; every answer comes
//! from the running server over HTTP.

use crate::common::{codes, TestApp};
use chrono::Utc;
use entity::{cluster, cluster_member, cluster_year, enums};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use thidua::access::{
    matrix::{Column, Matrix, Scope, SOURCE},
    Action,
};

/// The kinds of viewer the matrix distinguishes, relative to one unit U of province P and
/// one cluster year Y of P.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Persona {
    Anonymous,
    Partner,
    OfficerOfUnit,
    OfficerOfOtherUnit,
    Head,
    Deputy,
    BoardOfProvince,
    BoardOfOtherProvince,
    Admin,
}

const PERSONAS: [Persona; 9] = [
    Persona::Anonymous,
    Persona::Partner,
    Persona::OfficerOfUnit,
    Persona::OfficerOfOtherUnit,
    Persona::Head,
    Persona::Deputy,
    Persona::BoardOfProvince,
    Persona::BoardOfOtherProvince,
    Persona::Admin,
];

/// U, its province P, and Y.
const UNIT: &str = "CM-SKHCN-2025";

impl Persona {
    fn username(self) -> Option<&'static str> {
        match self {
            Persona::Anonymous => None,
            Persona::Partner => Some("partner.demo"),
            Persona::OfficerOfUnit => Some("officer.cm-skhcn"),
            Persona::OfficerOfOtherUnit => Some("officer.cm-other"),
            Persona::Head => Some("officer.cm-head"),
            Persona::Deputy => Some("officer.cm-deputy"),
            Persona::BoardOfProvince => Some("board.camau"),
            Persona::BoardOfOtherProvince => Some("board.hanam"),
            Persona::Admin => Some("admin"),
        }
    }

    /// What the matrix says, read from the matrix file.
    fn expected(self, matrix: &Matrix, action: Action) -> bool {
        let role_column = match self {
            Persona::Anonymous => Column::Public,
            Persona::Partner => Column::Partner,
            Persona::OfficerOfUnit
            | Persona::OfficerOfOtherUnit
            | Persona::Head
            | Persona::Deputy => Column::UnitOfficer,
            Persona::BoardOfProvince | Persona::BoardOfOtherProvince => Column::Board,
            Persona::Admin => Column::Admin,
        };
        let mut columns = vec![role_column];
        if role_column == Column::UnitOfficer {
            columns.push(Column::Head);
        }
        columns
            .into_iter()
            .any(|column| match matrix.cell(action, column) {
                Scope::All => true,
                Scope::Nothing => false,
                Scope::Unit => self == Persona::OfficerOfUnit,
                Scope::Province => self == Persona::BoardOfProvince,
                Scope::Year => self == Persona::Head,
            })
    }
}

/// Adds to the demo: units for the other officer, the head and the deputy in Cà Mau, their
/// accounts, and a cluster year Y of Cà Mau headed by one and deputised by the other.
async fn setup() -> TestApp {
    let app = TestApp::with_demo().await;
    let board = app.token("board.camau").await;
    for (code, name) in [
        ("CM-OTHER", "Sở Tư pháp tỉnh Cà Mau"),
        ("CM-HEAD", "Sở Tài chính tỉnh Cà Mau"),
        ("CM-DEPUTY", "Sở Y tế tỉnh Cà Mau"),
    ] {
        let (_, body) = app
            .post_as(&board, "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } } }", json!({ "i": { "code": code, "kind": "DEPARTMENT", "name": name, "provinceCode": "CA_MAU" } }))
            .await;
        assert_eq!(body["data"]["createUnit"]["unit"]["code"], code, "{body}");
    }
    let admin = app.token("admin").await;
    for (username, unit) in [
        ("officer.cm-other", "CM-OTHER"),
        ("officer.cm-head", "CM-HEAD"),
        ("officer.cm-deputy", "CM-DEPUTY"),
    ] {
        let (_, body) = app
            .post_as(&admin, "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } } }", json!({ "i": { "username": username, "password": "a long enough password", "role": "UNIT_OFFICER", "unitCode": unit } }))
            .await;
        assert_eq!(
            body["data"]["createUser"]["user"]["username"], username,
            "{body}"
        );
    }
    let unit_id = |code: &'static str| {
        let db = app.db.clone();
        async move {
            thidua::organisation::store::find_unit(&db, code)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let province = thidua::organisation::store::find_province(&app.db, "CA_MAU")
        .await
        .unwrap()
        .unwrap()
        .id;
    let now = Utc::now();
    let cluster_id = cluster::Entity::insert(cluster::ActiveModel {
        code: Set("CM-KHOI-TEST".into()),
        name: Set("Khối thi đua thử".into()),
        search_key: Set("khoi thi dua thu".into()),
        kind: Set(enums::ClusterKind::Bloc),
        province_id: Set(Some(province)),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id;
    let year_id = cluster_year::Entity::insert(cluster_year::ActiveModel {
        cluster_id: Set(cluster_id),
        year: Set(2026),
        status: Set(enums::ClusterYearStatus::Scoring),
        head_unit_id: Set(Some(unit_id("CM-HEAD").await)),
        deputy_unit_id: Set(Some(unit_id("CM-DEPUTY").await)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id;
    let admin_token = app.token("admin").await;
    let u = app
        .data(
            "query($c: String!) { unit(code: $c) { id } }",
            json!({ "c": UNIT }),
        )
        .await["unit"]["id"]
        .clone();
    let (_, body) = app
        .post_as(&admin_token, "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } } }", json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": u, "year": 2026, "achievements": "Đề nghị của khối" } }))
        .await;
    let nomination = thidua::api::ids::parse_global_id(
        body["data"]["createNomination"]["nomination"]["id"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
    .1;
    let mut row: entity::nomination::ActiveModel =
        entity::nomination::Entity::find_by_id(nomination)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    row.proposed_by_cluster_year_id = Set(Some(year_id));
    row.proposed_by_unit_id = Set(None);
    sea_orm::ActiveModelTrait::update(row, &app.db)
        .await
        .unwrap();
    for code in [UNIT, "CM-OTHER", "CM-HEAD", "CM-DEPUTY"] {
        cluster_member::Entity::insert(cluster_member::ActiveModel {
            cluster_year_id: Set(year_id),
            unit_id: Set(unit_id(code).await),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap();
    }
    app
}

/// A SUBMITTED nomination of `award` for U in `year`, made by an administrator.
async fn submitted_nomination(app: &TestApp, award: &str, year: i32) -> Value {
    // Drafted and submitted by a clerk of the board that is none of the personas: whoever
    // drafted or submitted a nomination does not decide it.
    let admin = app
        .account("board.camau.clerk", "BOARD", None, Some("CA_MAU"))
        .await;
    let (_, body) = app
        .post_as(&admin, "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } userErrors { field code message } } }", json!({ "i": { "awardTypeCode": award, "recipientId": unit_id(app).await, "year": year, "achievements": "Thử", "justification": "Thử quyền" } }))
        .await;
    let id = body["data"]["createNomination"]["nomination"]["id"].clone();
    assert!(id.is_string(), "{body}");
    let (_, body) = app
        .post_as(&admin, "mutation($i: NominationStepInput!) { submitNomination(input: $i) { nomination { status } } }", json!({ "i": { "id": id } }))
        .await;
    assert_eq!(
        body["data"]["submitNomination"]["nomination"]["status"], "SUBMITTED",
        "{body}"
    );
    id
}

/// U's global ID.
async fn unit_id(app: &TestApp) -> Value {
    app.data(
        "query($c: String!) { unit(code: $c) { id } }",
        json!({ "c": UNIT }),
    )
    .await["unit"]["id"]
        .clone()
}

async fn footprint(app: &TestApp) -> Vec<u64> {
    let db = &app.db;
    vec![
        entity::unit::Entity::find().count(db).await.unwrap(),
        entity::unit_lineage::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::person::Entity::find().count(db).await.unwrap(),
        entity::app_user::Entity::find().count(db).await.unwrap(),
        entity::audit_log::Entity::find().count(db).await.unwrap(),
        entity::cluster::Entity::find().count(db).await.unwrap(),
        entity::criterion::Entity::find().count(db).await.unwrap(),
        entity::score_sheet::Entity::find().count(db).await.unwrap(),
        entity::award::Entity::find().count(db).await.unwrap(),
        entity::nomination::Entity::find().count(db).await.unwrap(),
        entity::nomination_event::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::award_rule::Entity::find().count(db).await.unwrap(),
        entity::dossier::Entity::find().count(db).await.unwrap(),
        entity::signing_right::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::base_salary::Entity::find().count(db).await.unwrap(),
        entity::upward_proposal::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::council_session::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::dossier_event::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::province_policy::Entity::find()
            .count(db)
            .await
            .unwrap(),
        entity::award::Entity::find()
            .filter(entity::award::Column::RevokedAt.is_not_null())
            .count(db)
            .await
            .unwrap(),
    ]
}

async fn ask(app: &TestApp, persona: Persona, query: &str, variables: Value) -> Value {
    match persona.username() {
        Some(user) => {
            let token = app.token(user).await;
            app.post_as(&token, query, variables).await.1
        }
        None => app.post(query, variables).await.1,
    }
}

/// A write: allowed when `done` says the change happened; when denied, it must be a
/// top-level FORBIDDEN that changed nothing.
async fn write(
    app: &TestApp,
    persona: Persona,
    query: &str,
    variables: Value,
    done: impl Fn(&Value) -> bool,
) -> bool {
    let before = footprint(app).await;
    let body = ask(app, persona, query, variables).await;
    if done(&body) {
        return true;
    }
    assert_eq!(codes(&body), ["FORBIDDEN"], "{persona:?}: {body}");
    assert_eq!(
        footprint(app).await,
        before,
        "{persona:?}: a denied write changed something"
    );
    false
}

/// What the running system answers for `persona` doing `action` to U / Y. `n` makes the
/// names of created things unique.
async fn actual(app: &TestApp, persona: Persona, action: Action, n: usize) -> (bool, &'static str) {
    match action {
        Action::ReadPublic => {
            let body = ask(
                app,
                persona,
                "query($c: String!) { unit(code: $c) { code } }",
                json!({ "c": UNIT }),
            )
            .await;
            (body["data"]["unit"]["code"] == UNIT, "http")
        }
        Action::ReadPerson => {
            let body = ask(
                app,
                persona,
                "query($c: String) { persons(filter: { unitCode: $c }) { totalCount } }",
                json!({ "c": UNIT }),
            )
            .await;
            (
                body["data"]["persons"]["totalCount"].as_i64().unwrap_or(0) > 0,
                "http",
            )
        }
        Action::ReadPersonPrivate => {
            let body = ask(app, persona, "query($c: String) { persons(filter: { unitCode: $c }) { edges { node { fullName birthDate } } } }", json!({ "c": UNIT })).await;
            let seen = body["data"]["persons"]["edges"]
                .as_array()
                .is_some_and(|e| !e.is_empty());
            if seen && body.get("errors").is_some() {
                assert_eq!(codes(&body)[0], "FORBIDDEN", "{body}");
            }
            (seen && body.get("errors").is_none(), "http")
        }
        Action::WriteOrganisation => {
            let code = format!("CM-SKHCN-2025-T{n}");
            let allowed = write(
                app,
                persona,
                "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } } }",
                json!({ "i": { "code": code, "kind": "SUBDIVISION", "name": "Phòng thử", "parentCode": UNIT } }),
                |body| body["data"]["createUnit"]["unit"]["code"] == code.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::ReorganizeUnits => {
            let old = format!("CM-R{n}");
            let new = format!("CM-R{n}-NEW");
            let (_, body) = app
                .post_as(&app.token("admin").await, "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } } }", json!({ "i": { "code": old, "kind": "AGENCY", "name": "Ban thử", "provinceCode": "CA_MAU", "validFrom": "2020-01-01" } }))
                .await;
            assert!(body.get("errors").is_none(), "{body}");
            let allowed = write(
                app,
                persona,
                "mutation($i: ReorganizeUnitsInput!) { reorganizeUnits(input: $i) { successors { code } } }",
                json!({ "i": { "kind": "RENAME", "effectiveOn": "2026-01-01", "legalBasis": "QĐ thử", "predecessorCodes": [old], "newUnits": [{ "code": new, "name": "Ban thử mới" }] } }),
                |body| body["data"]["reorganizeUnits"]["successors"][0]["code"] == new.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::ReadAuditLog => {
            let body = ask(app, persona, "{ auditLog(filter: { actor: \"board.camau\", action: \"createUnit\" }) { totalCount } }", json!({})).await;
            (
                body["data"]["auditLog"]["totalCount"].as_i64().unwrap_or(0) > 0,
                "http",
            )
        }
        Action::ManageRules => {
            // A rule of the target's province (the unit's, Cà Mau).
            let source = format!("Quyết định {n}/QĐ-UBND");
            let allowed = write(
                app,
                persona,
                "mutation($i: SetAwardRuleInput!) { setAwardRule(input: $i) { rule { source } } }",
                json!({ "i": { "awardTypeCode": "GIAY_KHEN", "provinceCode": "CA_MAU", "appliesFrom": 2024,
                               "rule": { "kind": "RATING", "min": "GOOD" }, "source": source } }),
                |body| body["data"]["setAwardRule"]["rule"]["source"] == source.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::ManageUsers => {
            let username = format!("user.t{n}");
            let allowed = write(
                app,
                persona,
                "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } } }",
                json!({ "i": { "username": username, "password": "a long enough password", "role": "PARTNER" } }),
                |body| body["data"]["createUser"]["user"]["username"] == username.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::ManageAccounts => {
            // A unit officer's account for U, of Cà Mau.
            let username = format!("officer.t{n}");
            let allowed = write(
                app,
                persona,
                "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } } }",
                json!({ "i": { "username": username, "password": "a long enough password",
                               "role": "UNIT_OFFICER", "unitCode": UNIT } }),
                |body| body["data"]["createUser"]["user"]["username"] == username.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::ImportData => {
            // A unit of U's province, Cà Mau, from a CSV file.
            let Some(user) = persona.username() else {
                // A multipart request without a token is refused before GraphQL.
                let form = reqwest::multipart::Form::new()
                    .text(
                        "operations",
                        json!({ "query": "mutation { __typename }" }).to_string(),
                    )
                    .text("map", "{}");
                let status = reqwest::Client::new()
                    .post(app.graphql_url())
                    .multipart(form)
                    .send()
                    .await
                    .unwrap()
                    .status();
                assert_eq!(status, 401);
                return (false, "http");
            };
            let before = footprint(app).await;
            let token = app.token(user).await;
            let csv =
                format!("Mã đơn vị,Tên đơn vị,Loại đơn vị\nCM-IMPORT-{n},Đơn vị thử {n},Sở\n");
            let (_, body) = app
                .upload_as(
                    &token,
                    "mutation($i: ImportFileInput!) { importFile(input: $i) { rowsWritten problems { message } } }",
                    json!({ "i": { "kind": "UNITS", "provinceCode": "CA_MAU", "file": null } }),
                    "variables.i.file",
                    "units.csv",
                    csv.into_bytes(),
                )
                .await;
            if body["data"]["importFile"]["rowsWritten"] == 1 {
                return (true, "http");
            }
            assert_eq!(codes(&body), ["FORBIDDEN"], "{persona:?}: {body}");
            assert_eq!(
                footprint(app).await,
                before,
                "{persona:?}: a denied import wrote"
            );
            (false, "http")
        }
        Action::FileReports => {
            // Biểu 0603.N of U's province, Cà Mau.
            let mut request = reqwest::Client::new().get(format!(
                "{}/reports/0603.csv?province=CA_MAU&year=2025",
                app.base
            ));
            if let Some(user) = persona.username() {
                request = request.bearer_auth(app.token(user).await);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            if status == 200 {
                let body = response.bytes().await.unwrap();
                assert!(body.starts_with("\u{feff}Biểu số: 0603.N".as_bytes()));
                return (true, "http");
            }
            assert_eq!(status, 403, "{persona:?}");
            (false, "http")
        }
        Action::ManageProvinces => {
            let allowed = write(
                app,
                persona,
                "mutation($i: UpdateProvinceInput!) { updateProvince(input: $i) { province { code } } }",
                json!({ "i": { "code": "NINH_BINH", "name": "Ninh Bình" } }),
                |body| body["data"]["updateProvince"]["province"]["code"] == "NINH_BINH",
            )
            .await;
            (allowed, "http")
        }
        Action::ReadScoreSheets => {
            let body = ask(app, persona, "{ clusterYear(clusterCode: \"CM-KHOI-TEST\", year: 2026) { scoreSheets { unit { code } } } }", json!({})).await;
            let sheets = body["data"]["clusterYear"]["scoreSheets"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            (sheets.iter().any(|s| s["unit"]["code"] == UNIT), "http")
        }
        Action::SubmitSelfAssessment => {
            let allowed = write(
                app,
                persona,
                "mutation($i: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $i) { scoreSheet { selfTotal } userErrors { code } } }",
                json!({ "i": { "clusterCode": "CM-KHOI-TEST", "year": 2026, "unitCode": UNIT, "lines": [] } }),
                |body| body["data"]["submitSelfAssessment"]["scoreSheet"].is_object(),
            )
            .await;
            (allowed, "http")
        }
        // The year is SCORING: a viewer with the right gets the stage's refusal, one
        // without it FORBIDDEN.
        Action::ReviewScores => {
            let allowed = write(
                app,
                persona,
                "mutation($i: ReviewScoresInput!) { reviewScores(input: $i) { userErrors { code } } }",
                json!({ "i": { "clusterCode": "CM-KHOI-TEST", "year": 2026, "unitCode": UNIT, "lines": [] } }),
                |body| body["data"]["reviewScores"]["userErrors"][0]["code"] == "WRONG_STATE",
            )
            .await;
            (allowed, "http")
        }
        Action::SignCovenant => {
            let allowed = write(
                app,
                persona,
                "mutation($i: SignCovenantInput!) { signCovenant(input: $i) { userErrors { code } } }",
                json!({ "i": { "clusterCode": "CM-KHOI-TEST", "year": 2026, "signedOn": "2026-01-01", "criteria": [{ "code": "TC1", "title": "Thử", "maxPoints": 10 }] } }),
                |body| body["data"]["signCovenant"]["userErrors"][0]["code"] == "WRONG_STATE",
            )
            .await;
            (allowed, "http")
        }
        Action::ManageClusters => {
            let code = format!("CM-KHOI-T{n}");
            let allowed = write(
                app,
                persona,
                "mutation($i: CreateClusterInput!) { createCluster(input: $i) { cluster { code } } }",
                json!({ "i": { "code": code, "name": "Khối thử", "kind": "BLOC", "provinceCode": "CA_MAU" } }),
                |body| body["data"]["createCluster"]["cluster"]["code"] == code.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::RecordAwardHistory => {
            let year = 1950 + n as i32;
            let allowed = write(
                app,
                persona,
                "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { year } } }",
                json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": unit_id(app).await, "year": year } }),
                |body| body["data"]["recordAward"]["award"]["year"] == year,
            )
            .await;
            (allowed, "http")
        }
        Action::RevokeAward => {
            let year = 1950 + n as i32;
            let admin = app.token("admin").await;
            let (_, body) = app
                .post_as(&admin, "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }", json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": unit_id(app).await, "year": year } }))
                .await;
            let award = body["data"]["recordAward"]["award"]["id"].clone();
            assert!(award.is_string(), "{body}");
            let allowed = write(
                app,
                persona,
                "mutation($i: RevokeAwardInput!) { revokeAward(input: $i) { award { revoked } } }",
                json!({ "i": { "awardId": award, "ground": "STANDARDS_NOT_MET", "reason": "Thử", "revokedOn": "2026-01-01", "revokingDecisionNumber": "1/QĐ-UBND" } }),
                |body| body["data"]["revokeAward"]["award"]["revoked"] == true,
            )
            .await;
            (allowed, "http")
        }
        Action::ReadNominations => {
            let body = ask(app, persona, "{ nominations(filter: { year: 2026 }) { edges { node { year proposedByClusterYear { year } } } } }", json!({})).await;
            let seen = body["data"]["nominations"]["edges"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            (
                seen.iter()
                    .any(|e| e["node"]["proposedByClusterYear"]["year"] == 2026),
                "http",
            )
        }
        Action::CreateNomination => {
            let year = 1950 + n as i32;
            let allowed = write(
                app,
                persona,
                "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { year } } }",
                json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": unit_id(app).await, "year": year, "achievements": "Thử" } }),
                |body| body["data"]["createNomination"]["nomination"]["year"] == year,
            )
            .await;
            (allowed, "http")
        }
        Action::ProposeUpward => {
            let id =
                submitted_nomination(app, "BANG_KHEN_THU_TUONG", 1945 + (n % 150) as i32).await;
            let admin = app.token("admin").await;
            let (_, body) = app
                .post_as(&admin, "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } } }", json!({ "i": { "id": id } }))
                .await;
            assert_eq!(
                body["data"]["approveNomination"]["nomination"]["status"], "APPROVED",
                "{body}"
            );
            let query = "mutation($i: ProposeUpwardInput!) { proposeUpward(input: $i) { nominations { status } userErrors { code } } }";
            let variables = json!({ "i": { "provinceCode": "CA_MAU", "number": format!("{n}/TTr-UBND"), "submittedOn": "2026-01-10", "nominationIds": [id] } });
            let allowed = write(app, persona, query, variables, |body| {
                body["data"]["proposeUpward"]["nominations"][0]["status"] == "PROPOSED_UPWARD"
            })
            .await;
            (allowed, "http")
        }
        Action::ManageRewardRates => {
            let day = format!("{}-07-01", 2100 + n);
            let allowed = write(
                app,
                persona,
                "mutation($i: SetBaseSalaryInput!) { setBaseSalary(input: $i) { baseSalary { appliesFrom } } }",
                json!({ "i": { "amount": 3_000_000, "appliesFrom": day, "source": "Thử" } }),
                |body| body["data"]["setBaseSalary"]["baseSalary"]["appliesFrom"] == day.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::GrantSigning => {
            let clerk = format!("clerk{n}.cm-skhcn");
            app.account(&clerk, "UNIT_OFFICER", Some(UNIT), None).await;
            let allowed = write(
                app,
                persona,
                "mutation($i: SetSigningRightInput!) { setSigningRight(input: $i) { user { canSign { code } } } }",
                json!({ "i": { "username": clerk, "unitCode": UNIT, "canSign": true } }),
                |body| body["data"]["setSigningRight"]["user"]["canSign"] == json!([{ "code": UNIT }]),
            )
            .await;
            (allowed, "http")
        }
        Action::ManageCouncil => {
            let body_name = format!("Hội đồng Thi đua – Khen thưởng tỉnh Cà Mau, phiên {n}");
            let allowed = write(
                app,
                persona,
                "mutation($i: CreateCouncilSessionInput!) { createCouncilSession(input: $i) { session { body } } }",
                json!({ "i": { "provinceCode": "CA_MAU", "heldOn": "2026-01-15", "body": body_name, "members": ["Lâm Văn Bi"], "dossierIds": [] } }),
                |body| body["data"]["createCouncilSession"]["session"]["body"] == body_name.as_str(),
            )
            .await;
            (allowed, "http")
        }
        Action::ReviewDossiers => {
            let admin = app.token("admin").await;
            let (_, body) = app
                .post_as(&admin, "mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } userErrors { field message } } }", json!({ "i": { "proposingUnitCode": UNIT, "title": "Đề nghị khen thưởng", "year": 2026 } }))
                .await;
            let id = body["data"]["createDossier"]["dossier"]["id"].clone();
            assert!(id.is_string(), "{body}");
            let query = "mutation($i: AssignDossierInput!) { assignDossier(input: $i) { dossier { assignee } userErrors { code } } }";
            let variables = json!({ "i": { "id": id, "assignee": "board.camau" } });
            // A reviewer who may not read U's dossier is told it does not exist.
            if persona == Persona::BoardOfOtherProvince {
                let before = footprint(app).await;
                let body = ask(app, persona, query, variables).await;
                assert_eq!(
                    body["data"]["assignDossier"]["userErrors"][0]["code"], "NOT_FOUND",
                    "{persona:?}: {body}"
                );
                assert_eq!(
                    footprint(app).await,
                    before,
                    "{persona:?}: changed something"
                );
                return (false, "http");
            }
            let allowed = write(app, persona, query, variables, |body| {
                body["data"]["assignDossier"]["dossier"]["assignee"] == "board.camau"
            })
            .await;
            (allowed, "http")
        }
        Action::DecideUnitAward | Action::DecideProvincialAward => {
            let award = if action == Action::DecideUnitAward {
                "GIAY_KHEN"
            } else {
                "BANG_KHEN_CHU_TICH_TINH"
            };
            let id = submitted_nomination(app, award, 1950 + n as i32).await;
            let query = "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { code } } }";
            let approved = |body: &Value| {
                body["data"]["approveNomination"]["nomination"]["status"] == "APPROVED"
            };
            // A decider who may not read U's nomination is told it does not exist (as for
            // an id that names none); one who reads it but may not decide it, FORBIDDEN.
            let reads_it = matches!(
                persona,
                Persona::OfficerOfUnit | Persona::BoardOfProvince | Persona::Admin
            );
            let decides_some = !matches!(persona, Persona::Anonymous | Persona::Partner);
            if !reads_it && decides_some {
                let before = footprint(app).await;
                let body = ask(app, persona, query, json!({ "i": { "id": id } })).await;
                assert_eq!(
                    body["data"]["approveNomination"]["userErrors"][0]["code"], "NOT_FOUND",
                    "{persona:?}: {body}"
                );
                assert_eq!(
                    footprint(app).await,
                    before,
                    "{persona:?}: changed something"
                );
                return (false, "http");
            }
            let allowed = write(app, persona, query, json!({ "i": { "id": id } }), approved).await;
            (allowed, "http")
        }
    }
}

#[tokio::test]
async fn every_action_for_every_viewer_is_as_the_matrix_says() {
    let matrix =
        Matrix::parse(SOURCE).expect("src/access/matrix.md parses and has a row per action");
    let app = setup().await;
    let mut mismatches = Vec::new();
    let mut n = 0;
    for action in Action::ALL {
        for persona in PERSONAS {
            n += 1;
            let expected = persona.expected(&matrix, action);
            let (allowed, via) = actual(&app, persona, action, n).await;
            if allowed != expected {
                mismatches.push(format!(
                    "{} for {persona:?}: expected {}, got {} ({via})",
                    action.name(),
                    verdict(expected),
                    verdict(allowed)
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

fn verdict(allowed: bool) -> &'static str {
    if allowed {
        "allowed"
    } else {
        "denied"
    }
}

#[test]
fn the_matrix_of_the_api_is_the_table_of_shared_api_md() {
    // Spot checks against the contract's table, so that the matrix file cannot drift from
    // it unseen: public reads, persons for signed-in viewers only, users for ADMIN only.
    let matrix = Matrix::parse(SOURCE).unwrap();
    assert_eq!(matrix.cell(Action::ReadPublic, Column::Public), Scope::All);
    assert_eq!(
        matrix.cell(Action::ReadPerson, Column::Public),
        Scope::Nothing
    );
    assert_eq!(matrix.cell(Action::ReadPerson, Column::Partner), Scope::All);
    assert_eq!(
        matrix.cell(Action::ReadPersonPrivate, Column::UnitOfficer),
        Scope::Unit
    );
    assert_eq!(
        matrix.cell(Action::ReadPersonPrivate, Column::Head),
        Scope::Nothing
    );
    assert_eq!(matrix.cell(Action::ReviewScores, Column::Head), Scope::Year);
    assert_eq!(
        matrix.cell(Action::ReviewScores, Column::UnitOfficer),
        Scope::Nothing
    );
    assert_eq!(matrix.cell(Action::SignCovenant, Column::Head), Scope::Year);
    assert_eq!(
        matrix.cell(Action::DecideProvincialAward, Column::Board),
        Scope::Province
    );
    for column in [
        Column::Public,
        Column::Partner,
        Column::UnitOfficer,
        Column::Head,
        Column::Board,
    ] {
        assert_eq!(matrix.cell(Action::ManageUsers, column), Scope::Nothing);
        assert_eq!(matrix.cell(Action::ManageProvinces, column), Scope::Nothing);
    }
    assert_eq!(
        matrix.cell(Action::ManageAccounts, Column::Board),
        Scope::Province
    );
}
