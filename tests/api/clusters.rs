//! The cluster year end to end: set-up, covenant, self-assessment, review, ranking with
//! ties and proposals, reopening, the rights of head, deputy, members and board, the rights
//! moving with each year's election, concurrent finalization, rankings for the mobile app,
//! standings, and live updates over WebSocket. Seed 002's ranking is the demo's.

use crate::common::{codes, Start, TestApp};
use entity::{enums::NominationStatus, nomination};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

const YEAR: &str = "query($c: String!, $y: Int!) { clusterYear(clusterCode: $c, year: $y) {
  id year status version covenantSignedOn
  cluster { code name kind }
  head { code } deputy { code } members { code }
  criteria { code title maxPoints position }
  scoreSheets { unit { code } selfTotal reviewedTotal bonus penalty totalPoints lines { criterion { code } selfPoints reviewedPoints points } }
  ranking { rank unit { code } totalPoints proposedAward { code } }
} }";

async fn year(app: &TestApp, who: Option<&str>, cluster: &str, y: i32) -> Value {
    let vars = json!({ "c": cluster, "y": y });
    match who {
        Some(user) => app.data_as(user, YEAR, vars).await["clusterYear"].clone(),
        None => app.data(YEAR, vars).await["clusterYear"].clone(),
    }
}

#[tokio::test]
async fn seed_002_cum_ii_2020_is_ranked_and_proposed_as_the_article_says() {
    let app = TestApp::with_demo().await;
    let y = year(&app, None, "HNA-CUM-II", 2020).await;
    assert_eq!(y["status"], "FINALIZED");
    let ranking: Vec<(i64, &str, Value)> = y["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["rank"].as_i64().unwrap(),
                e["unit"]["code"].as_str().unwrap(),
                e["proposedAward"]["code"].clone(),
            )
        })
        .collect();
    assert_eq!(ranking.len(), 7);
    assert_eq!(ranking[0], (1, "HNA-SCT", json!("CO_THI_DUA_TINH")));
    assert_eq!(
        ranking[1],
        (2, "HNA-SKHCN", json!("BANG_KHEN_CHU_TICH_TINH"))
    );
    assert_eq!(ranking[2], (3, "HNA-SXD", json!("BANG_KHEN_CHU_TICH_TINH")));
    assert!(ranking[3..].iter().all(|(_, _, award)| award.is_null()));
    assert_eq!(
        y["scoreSheets"].as_array().unwrap().len(),
        7,
        "sheets are public once final"
    );
    let sxd = y["scoreSheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"]["code"] == "HNA-SXD")
        .unwrap();
    assert_eq!(sxd["bonus"], 0.5);
    assert_eq!(sxd["totalPoints"], 94.5);

    let proposals = nomination::Entity::find()
        .filter(nomination::Column::Year.eq(2020))
        .filter(nomination::Column::ProposedByClusterYearId.is_not_null())
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(proposals.len(), 3);
    assert!(
        proposals
            .iter()
            .all(|p| p.status == NominationStatus::Decided),
        "the demo decided them"
    );
    let decided = app.data("{ decisions(filter: { issuerCode: \"HNA-UBND\" }) { edges { node { number awards { year awardType { code } recipient { ... on Unit { code } } } } } } }", json!({})).await;
    let decision = &decided["decisions"]["edges"][0]["node"];
    assert_eq!(decision["number"], "163/QĐ-UBND");
    assert_eq!(
        decision["awards"][0],
        json!({ "year": 2020, "awardType": { "code": "CO_THI_DUA_TINH" }, "recipient": { "code": "HNA-SCT" } })
    );

    let y2021 = year(&app, None, "HNA-CUM-II", 2021).await;
    assert_eq!(y2021["head"]["code"], "HNA-STNMT");
    assert_eq!(y2021["deputy"]["code"], "HNA-SGTVT");
    assert_eq!(y2021["status"], "ACTIVE");
    assert_eq!(y2021["covenantSignedOn"], "2021-01-05");
    assert_eq!(y2021["members"].as_array().unwrap().len(), 7);

    let bloc = year(&app, None, "HG-KHOI-KHVHXH", 2022).await;
    assert_eq!(
        (
            bloc["head"]["code"].as_str(),
            bloc["deputy"]["code"].as_str()
        ),
        (Some("HG-SKHCN"), Some("HG-SLDTBXH"))
    );
    assert_eq!(bloc["criteria"].as_array().unwrap().len(), 8);
    assert_eq!(bloc["covenantSignedOn"], "2022-03-30");

    let standings = app
        .data(
            "{ unit(code: \"HNA-SCT\") { standings { year rank totalPoints cluster { code } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        standings["unit"]["standings"],
        json!([{ "year": 2020, "rank": 1, "totalPoints": 96.5, "cluster": { "code": "HNA-CUM-II" } }])
    );
}

// A cluster of our own in Cà Mau, whose units are in force: the board sets it up, its head
// runs it.

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

const CREATE_UNIT: &str = "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code } userErrors { code } } }";
const CREATE_USER: &str = "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } userErrors { code } } }";
const SETUP: &str = "mutation($i: SetUpClusterYearInput!) { setUpClusterYear(input: $i) { clusterYear { status version } userErrors { field code message } } }";
const COVENANT: &str = "mutation($i: SignCovenantInput!) { signCovenant(input: $i) { clusterYear { status version } userErrors { field code message } } }";
const OPEN: &str = "mutation($i: ClusterYearInput!) { openScoring(input: $i) { clusterYear { status } userErrors { code message } } }";
const START: &str = "mutation($i: ClusterYearInput!) { startReview(input: $i) { clusterYear { status } userErrors { code message } } }";
const SELF: &str = "mutation($i: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $i) { scoreSheet { selfTotal totalPoints } userErrors { field code message } } }";
const REVIEW: &str = "mutation($i: ReviewScoresInput!) { reviewScores(input: $i) { scoreSheet { totalPoints bonus penalty } userErrors { field code message } } }";
const FINALIZE: &str = "mutation($i: FinalizeRankingInput!) { finalizeRanking(input: $i) { clusterYear { status version ranking { rank unit { code } totalPoints proposedAward { code } } } userErrors { field code message } } }";
const REOPEN: &str = "mutation($i: ReopenClusterYearInput!) { reopenClusterYear(input: $i) { clusterYear { status } userErrors { field code message } } }";

const MEMBERS: [&str; 4] = ["CM-SKHCN-2025", "CM-STC", "CM-SYT", "CM-STP"];

/// Cà Mau's bloc "CM-KHOI-A" for 2026: four members, Sở Tài chính head, Sở Y tế deputy,
/// with an officer for each new unit.
async fn cluster_of_our_own() -> TestApp {
    let app = TestApp::with_demo().await;
    for (code, name) in [
        ("CM-STC", "Sở Tài chính tỉnh Cà Mau"),
        ("CM-SYT", "Sở Y tế tỉnh Cà Mau"),
        ("CM-STP", "Sở Tư pháp tỉnh Cà Mau"),
    ] {
        let body = post(&app, "board.camau", CREATE_UNIT, json!({ "i": { "code": code, "kind": "DEPARTMENT", "name": name, "provinceCode": "CA_MAU", "validFrom": "2025-07-01" } })).await;
        assert_eq!(body["data"]["createUnit"]["unit"]["code"], code, "{body}");
        let username = format!("officer.{}", code.to_lowercase());
        let body = post(&app, "admin", CREATE_USER, json!({ "i": { "username": username, "password": "a long enough password", "role": "UNIT_OFFICER", "unitCode": code } })).await;
        assert_eq!(
            body["data"]["createUser"]["user"]["username"],
            username.as_str(),
            "{body}"
        );
    }
    let body = post(&app, "board.camau", "mutation { createCluster(input: { code: \"CM-KHOI-A\", name: \"Khối các sở quản lý nhà nước\", kind: BLOC, provinceCode: \"CA_MAU\" }) { cluster { code kind province { code } } userErrors { code } } }", json!({})).await;
    assert_eq!(
        body["data"]["createCluster"]["cluster"],
        json!({ "code": "CM-KHOI-A", "kind": "BLOC", "province": { "code": "CA_MAU" } }),
        "{body}"
    );
    let body = post(&app, "board.camau", SETUP, json!({ "i": { "clusterCode": "CM-KHOI-A", "year": 2026, "memberCodes": MEMBERS, "headCode": "CM-STC", "deputyCode": "CM-SYT" } })).await;
    assert_eq!(
        body["data"]["setUpClusterYear"]["clusterYear"]["status"], "PLANNING",
        "{body}"
    );
    app
}

fn y2026() -> Value {
    json!({ "clusterCode": "CM-KHOI-A", "year": 2026 })
}

fn with(extra: Value) -> Value {
    let mut input = y2026();
    input
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({ "i": input })
}

const CRITERIA: &str = r#"[{"code":"TC1","title":"Hoàn thành nhiệm vụ","maxPoints":60},{"code":"TC2","title":"Phong trào thi đua","maxPoints":40}]"#;

async fn sign(app: &TestApp, who: &str) -> Value {
    let criteria: Value = serde_json::from_str(CRITERIA).unwrap();
    post(
        app,
        who,
        COVENANT,
        with(json!({ "signedOn": "2026-02-01", "criteria": criteria })),
    )
    .await
}

async fn assess(app: &TestApp, who: &str, unit: &str, tc1: f64, tc2: f64) -> Value {
    post(app, who, SELF, with(json!({ "unitCode": unit, "lines": [{ "criterionCode": "TC1", "points": tc1, "evidence": "Báo cáo tổng kết" }, { "criterionCode": "TC2", "points": tc2 }] }))).await
}

fn user_error(body: &Value, field: &str) -> Value {
    body["data"][field]["userErrors"][0].clone()
}

#[tokio::test]
async fn the_whole_cycle_with_every_refusal_on_the_way() {
    let app = cluster_of_our_own().await;
    // PLANNING: no scoring, no review, no ranking yet; each refusal names the status.
    let body = post(&app, "officer.cm-stc", OPEN, json!({ "i": y2026() })).await;
    let refusal = user_error(&body, "openScoring");
    assert_eq!(refusal["code"], "WRONG_STATE");
    assert!(
        refusal["message"].as_str().unwrap().contains("PLANNING"),
        "{refusal}"
    );
    let body = post(&app, "officer.cm-stc", START, json!({ "i": y2026() })).await;
    assert!(user_error(&body, "startReview")["message"]
        .as_str()
        .unwrap()
        .contains("PLANNING"));
    let body = post(
        &app,
        "officer.cm-stc",
        FINALIZE,
        with(json!({ "expectedVersion": 1 })),
    )
    .await;
    assert_eq!(user_error(&body, "finalizeRanking")["code"], "WRONG_STATE");

    // The covenant: the head or the board; not the deputy, not another member.
    for who in ["officer.cm-syt", "officer.cm-skhcn", "board.hanam"] {
        assert_eq!(codes(&sign(&app, who).await), ["FORBIDDEN"], "{who}");
    }
    let body = sign(&app, "officer.cm-stc").await;
    assert_eq!(
        body["data"]["signCovenant"]["clusterYear"]["status"], "ACTIVE",
        "{body}"
    );
    let bad = post(&app, "officer.cm-stc", COVENANT, with(json!({ "signedOn": "2026-02-01", "criteria": [{ "code": "TC1", "title": "X", "maxPoints": 0 }, { "code": "TC1", "title": "Y", "maxPoints": 10 }] }))).await;
    let fields: Vec<Value> = bad["data"]["signCovenant"]["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert!(
        fields.contains(&json!(["criteria", "0", "maxPoints"]))
            && fields.contains(&json!(["criteria", "1", "code"])),
        "{fields:?}"
    );

    // Self-assessment only while SCORING.
    assert_eq!(
        user_error(
            &assess(&app, "officer.cm-skhcn", "CM-SKHCN-2025", 50.0, 30.0).await,
            "submitSelfAssessment"
        )["code"],
        "WRONG_STATE"
    );
    let body = post(&app, "officer.cm-stc", OPEN, json!({ "i": y2026() })).await;
    assert_eq!(
        body["data"]["openScoring"]["clusterYear"]["status"],
        "SCORING"
    );
    let body = sign(&app, "officer.cm-stc").await;
    let refusal = user_error(&body, "signCovenant");
    assert_eq!(
        refusal["code"], "WRONG_STATE",
        "the criteria are fixed once scoring opened"
    );
    assert!(refusal["message"].as_str().unwrap().contains("SCORING"));

    // Members assess themselves; one member cannot assess another; points stay in range.
    assert_eq!(
        codes(&assess(&app, "officer.cm-stc", "CM-SKHCN-2025", 50.0, 30.0).await),
        ["FORBIDDEN"]
    );
    let over = assess(&app, "officer.cm-skhcn", "CM-SKHCN-2025", 61.0, 30.0).await;
    assert_eq!(
        user_error(&over, "submitSelfAssessment")["field"],
        json!(["lines", "0", "points"])
    );
    assert_eq!(
        user_error(&over, "submitSelfAssessment")["code"],
        "OUT_OF_RANGE"
    );
    let outsider = assess(&app, "board.camau", "CM-SKHCN", 50.0, 30.0).await;
    assert_eq!(
        user_error(&outsider, "submitSelfAssessment")["code"],
        "RULE_NOT_MET"
    );
    let first = assess(&app, "officer.cm-skhcn", "CM-SKHCN-2025", 50.0, 30.0).await;
    assert_eq!(
        first["data"]["submitSelfAssessment"]["scoreSheet"]["selfTotal"],
        80.0
    );
    let again = assess(&app, "officer.cm-skhcn", "CM-SKHCN-2025", 55.0, 35.0).await;
    assert_eq!(
        again["data"]["submitSelfAssessment"]["scoreSheet"]["selfTotal"], 90.0,
        "resubmitting replaces"
    );
    assess(&app, "officer.cm-stc", "CM-STC", 55.0, 35.0).await;
    assess(&app, "officer.cm-syt", "CM-SYT", 50.0, 30.0).await;
    assess(&app, "officer.cm-stp", "CM-STP", 40.0, 30.0).await;

    // Before the ranking is final a member sees its own sheet; the head and the board all.
    let sheets = |v: &Value| -> Vec<String> {
        v["scoreSheets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["unit"]["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        sheets(&year(&app, Some("officer.cm-skhcn"), "CM-KHOI-A", 2026).await),
        ["CM-SKHCN-2025"]
    );
    assert_eq!(
        sheets(&year(&app, Some("officer.cm-syt"), "CM-KHOI-A", 2026).await),
        ["CM-SYT"],
        "the deputy has no head's rights"
    );
    assert_eq!(
        sheets(&year(&app, Some("officer.cm-stc"), "CM-KHOI-A", 2026).await).len(),
        4
    );
    assert_eq!(
        sheets(&year(&app, Some("board.camau"), "CM-KHOI-A", 2026).await).len(),
        4
    );
    assert!(sheets(&year(&app, Some("board.hanam"), "CM-KHOI-A", 2026).await).is_empty());
    assert!(sheets(&year(&app, None, "CM-KHOI-A", 2026).await).is_empty());

    // Review: only in REVIEW, by the head or the board.
    let review = |unit: &str, extra: Value| {
        let mut input = json!({ "unitCode": unit, "lines": [] });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        with(input)
    };
    assert_eq!(
        user_error(
            &post(&app, "officer.cm-stc", REVIEW, review("CM-STP", json!({}))).await,
            "reviewScores"
        )["code"],
        "WRONG_STATE"
    );
    post(&app, "officer.cm-stc", START, json!({ "i": y2026() })).await;
    assert_eq!(
        user_error(
            &assess(&app, "officer.cm-stp", "CM-STP", 45.0, 30.0).await,
            "submitSelfAssessment"
        )["code"],
        "WRONG_STATE",
        "self-assessment closed"
    );
    for who in [
        "officer.cm-syt",
        "officer.cm-skhcn",
        "board.hanam",
        "partner.demo",
    ] {
        assert_eq!(
            codes(
                &post(
                    &app,
                    who,
                    REVIEW,
                    review("CM-STP", json!({ "bonus": 1.0, "bonusReason": "x" }))
                )
                .await
            ),
            ["FORBIDDEN"],
            "{who}"
        );
    }
    let no_reason = post(
        &app,
        "officer.cm-stc",
        REVIEW,
        review("CM-STP", json!({ "penalty": 2.0 })),
    )
    .await;
    assert_eq!(
        user_error(&no_reason, "reviewScores")["field"],
        json!(["penaltyReason"])
    );
    // CM-STC 90, CM-SKHCN 90, CM-SYT 80, CM-STP 70: the head lowers itself? No: it reviews
    // CM-SYT up to a tie for second place.
    let reviewed = post(&app, "officer.cm-stc", REVIEW, review("CM-SYT", json!({ "lines": [{ "criterionCode": "TC1", "points": 55.0 }], "bonus": 5.0, "bonusReason": "Dẫn đầu chuyển đổi số" }))).await;
    assert_eq!(
        reviewed["data"]["reviewScores"]["scoreSheet"]["totalPoints"], 90.0,
        "{reviewed}"
    );
    let penalised = post(
        &app,
        "board.camau",
        REVIEW,
        review(
            "CM-STP",
            json!({ "penalty": 2.0, "penaltyReason": "Báo cáo chậm" }),
        ),
    )
    .await;
    assert_eq!(
        penalised["data"]["reviewScores"]["scoreSheet"]["totalPoints"],
        68.0
    );

    // Three units share 90 points: a tie for first place needs the head's order.
    let version = year(&app, Some("officer.cm-stc"), "CM-KHOI-A", 2026).await["version"]
        .as_i64()
        .unwrap();
    let stale = post(
        &app,
        "officer.cm-stc",
        FINALIZE,
        with(json!({ "expectedVersion": version - 1 })),
    )
    .await;
    assert_eq!(codes(&stale), ["CONFLICT"]);
    let tie = post(
        &app,
        "officer.cm-stc",
        FINALIZE,
        with(json!({ "expectedVersion": version })),
    )
    .await;
    let refusal = user_error(&tie, "finalizeRanking");
    assert_eq!(refusal["code"], "TIE_UNRESOLVED");
    assert!(
        refusal["message"]
            .as_str()
            .unwrap()
            .contains("CM-SKHCN-2025"),
        "{refusal}"
    );
    assert_eq!(codes(&post(&app, "officer.cm-syt", FINALIZE, with(json!({ "expectedVersion": version, "tieBreak": ["CM-SYT", "CM-STC", "CM-SKHCN-2025"] }))).await), ["FORBIDDEN"]);
    let done = post(&app, "officer.cm-stc", FINALIZE, with(json!({ "expectedVersion": version, "tieBreak": ["CM-SKHCN-2025", "CM-SYT", "CM-STC"] }))).await;
    let year_after = &done["data"]["finalizeRanking"]["clusterYear"];
    assert_eq!(year_after["status"], "FINALIZED", "{done}");
    assert_eq!(
        year_after["ranking"],
        json!([
            { "rank": 1, "unit": { "code": "CM-SKHCN-2025" }, "totalPoints": 90.0, "proposedAward": { "code": "CO_THI_DUA_TINH" } },
            { "rank": 2, "unit": { "code": "CM-SYT" }, "totalPoints": 90.0, "proposedAward": { "code": "BANG_KHEN_CHU_TICH_TINH" } },
            { "rank": 3, "unit": { "code": "CM-STC" }, "totalPoints": 90.0, "proposedAward": { "code": "BANG_KHEN_CHU_TICH_TINH" } },
            { "rank": 4, "unit": { "code": "CM-STP" }, "totalPoints": 68.0, "proposedAward": null }
        ])
    );
    let public = year(&app, None, "CM-KHOI-A", 2026).await;
    assert_eq!(
        public["ranking"].as_array().unwrap().len(),
        4,
        "the ranking is public once final"
    );
    let proposals = nomination::Entity::find()
        .filter(nomination::Column::Year.eq(2026))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(proposals.len(), 3);

    // Back only through the board, with a reason; the proposals are withdrawn.
    assert_eq!(
        codes(
            &post(
                &app,
                "officer.cm-stc",
                REOPEN,
                with(json!({ "reason": "Sai sót" }))
            )
            .await
        ),
        ["FORBIDDEN"]
    );
    let no_reason = post(&app, "board.camau", REOPEN, with(json!({ "reason": " " }))).await;
    assert_eq!(
        user_error(&no_reason, "reopenClusterYear")["code"],
        "REQUIRED"
    );
    let reopened = post(
        &app,
        "board.camau",
        REOPEN,
        with(json!({ "reason": "Sở Y tế khiếu nại điểm thưởng" })),
    )
    .await;
    assert_eq!(
        reopened["data"]["reopenClusterYear"]["clusterYear"]["status"],
        "REVIEW"
    );
    assert!(year(&app, None, "CM-KHOI-A", 2026).await["ranking"]
        .as_array()
        .unwrap()
        .is_empty());
    let withdrawn = nomination::Entity::find()
        .filter(nomination::Column::Year.eq(2026))
        .all(&app.db)
        .await
        .unwrap();
    assert!(withdrawn
        .iter()
        .all(|n| n.status == NominationStatus::Withdrawn));
    let trail = app.data_as("board.camau", "{ auditLog(first: 100, filter: { action: \"reopenClusterYear\" }) { edges { node { actor after } } } }", json!({})).await;
    assert!(trail["auditLog"]["edges"][0]["node"]["after"]
        .as_str()
        .unwrap()
        .contains("khiếu nại"));
}

#[tokio::test]
async fn set_up_refuses_outsiders_heads_who_are_not_members_and_double_membership() {
    let app = cluster_of_our_own().await;
    let body = post(&app, "board.camau", SETUP, json!({ "i": { "clusterCode": "CM-KHOI-A", "year": 2027, "memberCodes": ["CM-STC", "CM-SYT"], "headCode": "CM-STP" } })).await;
    assert_eq!(
        user_error(&body, "setUpClusterYear")["field"],
        json!(["headCode"])
    );
    assert_eq!(
        user_error(&body, "setUpClusterYear")["code"],
        "RULE_NOT_MET"
    );
    post(&app, "board.camau", "mutation { createCluster(input: { code: \"CM-KHOI-B\", name: \"Khối B\", kind: BLOC, provinceCode: \"CA_MAU\" }) { cluster { code } } }", json!({})).await;
    let twice = post(&app, "board.camau", SETUP, json!({ "i": { "clusterCode": "CM-KHOI-B", "year": 2026, "memberCodes": ["CM-STC", "CM-STP"] } })).await;
    let refusal = user_error(&twice, "setUpClusterYear");
    assert_eq!(refusal["code"], "RULE_NOT_MET");
    assert!(
        refusal["message"].as_str().unwrap().contains("CM-KHOI-A"),
        "{refusal}"
    );
    for who in ["officer.cm-stc", "board.hanam"] {
        let body = post(
            &app,
            who,
            SETUP,
            json!({ "i": { "clusterCode": "CM-KHOI-B", "year": 2027, "memberCodes": ["CM-STC"] } }),
        )
        .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{who}");
    }
}

#[tokio::test]
async fn the_heads_rights_move_with_the_election() {
    let app = TestApp::with_demo().await;
    // 2021's covenant can be re-signed while ACTIVE: by 2021's head, not by 2020's.
    let criteria: Value = serde_json::from_str(CRITERIA).unwrap();
    let resign = json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2021, "signedOn": "2021-01-05", "criteria": criteria } });
    assert_eq!(
        codes(&post(&app, "officer.hna-skhcn", COVENANT, resign.clone()).await),
        ["FORBIDDEN"]
    );
    assert_eq!(
        codes(&post(&app, "officer.hna-sgtvt", COVENANT, resign.clone()).await),
        ["FORBIDDEN"],
        "the deputy is not the head"
    );
    let body = post(&app, "officer.hna-stnmt", COVENANT, resign).await;
    assert_eq!(
        body["data"]["signCovenant"]["clusterYear"]["status"], "ACTIVE",
        "{body}"
    );

    // 2020 reopened by the board: 2020's head reviews it, 2021's cannot.
    let body = post(
        &app,
        "board.hanam",
        REOPEN,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Rà soát lại điểm" } }),
    )
    .await;
    assert_eq!(
        body["data"]["reopenClusterYear"]["clusterYear"]["status"], "REVIEW",
        "{body}"
    );
    let review = json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "unitCode": "HNA-TTR", "lines": [{ "criterionCode": "TC1", "points": 36.0 }] } });
    assert_eq!(
        codes(&post(&app, "officer.hna-stnmt", REVIEW, review.clone()).await),
        ["FORBIDDEN"]
    );
    let body = post(&app, "officer.hna-skhcn", REVIEW, review).await;
    assert_eq!(
        body["data"]["reviewScores"]["userErrors"],
        json!([]),
        "{body}"
    );

    // The election for 2022: the rights move again.
    let body = post(&app, "board.hanam", "mutation { setClusterLeadership(input: { clusterCode: \"HNA-CUM-II\", year: 2022, headCode: \"HNA-SGTVT\", deputyCode: \"HNA-SXD\" }) { clusterYear { year status head { code } members { code } } userErrors { code message } } }", json!({})).await;
    let y2022 = &body["data"]["setClusterLeadership"]["clusterYear"];
    assert_eq!(y2022["head"]["code"], "HNA-SGTVT", "{body}");
    assert_eq!(
        y2022["members"].as_array().unwrap().len(),
        7,
        "2022 takes 2021's members"
    );
    let head_of = app
        .data_as(
            "officer.hna-sgtvt",
            "{ viewer { headOf { year } } }",
            json!({}),
        )
        .await;
    assert_eq!(head_of["viewer"]["headOf"], json!([{ "year": 2022 }]));
}

#[tokio::test]
async fn two_finalizations_at_the_same_time_leave_exactly_one_ranking() {
    let app = TestApp::with_demo().await;
    post(
        &app,
        "board.hanam",
        REOPEN,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Thử đồng thời" } }),
    )
    .await;
    let version = year(&app, Some("board.hanam"), "HNA-CUM-II", 2020).await["version"].clone();
    let input =
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "expectedVersion": version } });
    let (a, b) = tokio::join!(
        post(&app, "board.hanam", FINALIZE, input.clone()),
        post(&app, "officer.hna-skhcn", FINALIZE, input)
    );
    let outcomes: Vec<&str> = [&a, &b]
        .iter()
        .map(|body| {
            if body["data"]["finalizeRanking"]["clusterYear"]["status"] == "FINALIZED" {
                "won"
            } else {
                "lost"
            }
        })
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "won").count(),
        1,
        "{a}\n{b}"
    );
    let loser = if outcomes[0] == "won" { &b } else { &a };
    assert_eq!(codes(loser), ["CONFLICT"], "{loser}");
    let entries = entity::ranking_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 7, "one ranking of seven, not two");
    let proposals = nomination::Entity::find()
        .filter(nomination::Column::Year.eq(2020))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        proposals.len(),
        3,
        "the decided proposals are not proposed again, by either"
    );
}

const RANKINGS: &str =
    "query($y: Int!) { rankings(year: $y, provinceCode: \"CA_MAU\", kind: BLOC) {
  year cluster { code name } head { code }
  ranking { rank totalPoints unit { code name } proposedAward { code } }
} }";

/// Finalizes a two-member bloc of Cà Mau for 2026 through the domain's own operations.
async fn admin_viewer(app: &TestApp) -> thidua::access::Viewer {
    let admin = thidua::identity::users::by_username(&app.db, "admin")
        .await
        .unwrap()
        .unwrap();
    thidua::identity::users::viewer_of_user(&app.db, &admin)
        .await
        .unwrap()
}

/// Bloc `n` of Cà Mau (`CM-KHOI-{n}`) with two new members (`CM-B{n}-0`, the head, and
/// `CM-B{n}-1`), scored and in REVIEW for 2026, played through the cycle's operations; its
/// code, members and version.
async fn bloc_in_review(app: &TestApp, n: usize) -> (String, Vec<String>, i32) {
    use thidua::clusters::cycle;
    let viewer = admin_viewer(app).await;
    let db = &app.db;
    let units: Vec<String> = (0..2).map(|i| format!("CM-B{n}-{i}")).collect();
    for code in &units {
        let body = post(app, "board.camau", CREATE_UNIT, json!({ "i": { "code": code, "kind": "DEPARTMENT", "name": format!("Đơn vị {code}"), "provinceCode": "CA_MAU", "validFrom": "2025-07-01" } })).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    let code = format!("CM-KHOI-{n}");
    let work = thidua::work::Work::begin(db).await.unwrap();
    cycle::create_cluster(
        &work,
        &viewer,
        cycle::NewCluster {
            code: code.clone(),
            name: format!("Khối {n}"),
            kind: entity::enums::ClusterKind::Bloc,
            province_code: Some("CA_MAU".into()),
            organiser_unit_code: None,
            organiser_name: None,
        },
    )
    .await
    .unwrap()
    .unwrap();
    cycle::set_up_year(
        &work,
        &viewer,
        cycle::YearSetup {
            cluster_code: code.clone(),
            year: 2026,
            member_codes: units.clone(),
            head_code: Some(units[0].clone()),
            deputy_code: None,
        },
    )
    .await
    .unwrap()
    .unwrap();
    let y = cycle::find_year(work.txn(), &code, 2026)
        .await
        .unwrap()
        .unwrap();
    let y = cycle::sign_covenant(
        &work,
        &viewer,
        y,
        "2026-01-10".parse().unwrap(),
        vec![cycle::CriterionSpec {
            code: "TC1".into(),
            title: "Nhiệm vụ".into(),
            max_points: 100.0,
        }],
    )
    .await
    .unwrap()
    .unwrap();
    let mut y = cycle::advance(
        &work,
        &viewer,
        y,
        entity::enums::ClusterYearStatus::Active,
        entity::enums::ClusterYearStatus::Scoring,
        "openScoring",
    )
    .await
    .unwrap()
    .unwrap();
    for (i, unit) in units.iter().enumerate() {
        cycle::submit_self_assessment(
            &work,
            &viewer,
            y.clone(),
            unit,
            vec![cycle::SelfLine {
                criterion_code: "TC1".into(),
                points: 90.0 - i as f64,
                evidence: None,
            }],
        )
        .await
        .unwrap()
        .unwrap();
        y = cycle::find_year(work.txn(), &code, 2026)
            .await
            .unwrap()
            .unwrap();
    }
    let y = cycle::advance(
        &work,
        &viewer,
        y,
        entity::enums::ClusterYearStatus::Scoring,
        entity::enums::ClusterYearStatus::Review,
        "startReview",
    )
    .await
    .unwrap()
    .unwrap();
    work.commit(&Default::default()).await.unwrap();
    (code, units, y.year.version)
}

/// Bloc `n` of Cà Mau, with two new members, finalized for 2026.
async fn finalized_bloc(app: &TestApp, n: usize) {
    use thidua::clusters::cycle;
    let (code, _, version) = bloc_in_review(app, n).await;
    let viewer = admin_viewer(app).await;
    let work = thidua::work::Work::begin(&app.db).await.unwrap();
    let y = cycle::find_year(work.txn(), &code, 2026)
        .await
        .unwrap()
        .unwrap();
    cycle::finalize(&work, &viewer, y, version, &[])
        .await
        .unwrap()
        .unwrap();
    work.commit(&Default::default()).await.unwrap();
}

#[tokio::test]
async fn rankings_for_the_mobile_app_take_the_same_statements_for_two_clusters_or_six() {
    let app = TestApp::uncached(Start::Demo).await;
    for n in 0..2 {
        finalized_bloc(&app, n).await;
    }
    app.take_statements();
    let two = app.data(RANKINGS, json!({ "y": 2026 })).await;
    let two_statements = app.take_statements().len();
    assert_eq!(two["rankings"].as_array().unwrap().len(), 2);
    assert_eq!(two["rankings"][0]["ranking"][0]["rank"], 1);
    for n in 2..6 {
        finalized_bloc(&app, n).await;
    }
    app.take_statements();
    let six = app.data(RANKINGS, json!({ "y": 2026 })).await;
    let six_statements = app.take_statements().len();
    assert_eq!(six["rankings"].as_array().unwrap().len(), 6);
    // Two statements find the years; cluster, head, ranking, units and proposed awards
    // are one batch each: seven, allowed twice over for a busy machine, where one query per
    // cluster would grow with the clusters.
    const BOUND: usize = 14;
    assert!(
        two_statements <= BOUND && six_statements <= BOUND,
        "{two_statements} statements for two clusters, {six_statements} for six"
    );
    let cum_ii = app
        .data(
            "{ rankings(year: 2020) { cluster { code } ranking { rank } } }",
            json!({}),
        )
        .await;
    assert_eq!(cum_ii["rankings"][0]["cluster"]["code"], "HNA-CUM-II");
}

#[tokio::test]
async fn clusters_filter_by_province_kind_and_year() {
    let app = TestApp::with_demo().await;
    let query =
        "query($f: ClusterFilter) { clusters(filter: $f) { totalCount edges { node { code } } } }";
    let all = app.data(query, json!({})).await;
    assert_eq!(all["clusters"]["totalCount"], 3);
    let blocs = app.data(query, json!({ "f": { "kind": "BLOC" } })).await;
    assert_eq!(
        blocs["clusters"]["edges"],
        json!([{ "node": { "code": "HG-KHOI-KHVHXH" } }])
    );
    let hanam = app
        .data(
            query,
            json!({ "f": { "provinceCode": "HA_NAM", "year": 2021 } }),
        )
        .await;
    assert_eq!(
        hanam["clusters"]["edges"],
        json!([{ "node": { "code": "HNA-CUM-II" } }])
    );
    let vusta = app.data("{ cluster(code: \"VUSTA-CUM-9\") { province { code } organiser { code } years { year head { code } } } }", json!({})).await;
    assert_eq!(
        vusta["cluster"],
        json!({ "province": null, "organiser": { "code": "VUSTA" }, "years": [{ "year": 2024, "head": { "code": "ST-LHH" } }] })
    );
}

#[tokio::test]
async fn ranking_updates_arrive_over_graphql_transport_ws() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

    let app = TestApp::with_demo().await;
    post(&app, "board.hanam", REOPEN, json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Thử cập nhật trực tiếp" } })).await;
    let id = year(&app, None, "HNA-CUM-II", 2020).await["id"].clone();

    let url = app.base.replace("http://", "ws://") + "/graphql";
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, response) = tokio_tungstenite::connect_async(request)
        .await
        .expect("WebSocket connects");
    assert_eq!(
        response.headers()["sec-websocket-protocol"],
        "graphql-transport-ws"
    );
    let token = app.token("officer.hna-skhcn").await;
    let send = |v: Value| Message::text(v.to_string());
    socket.send(send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }))).await.unwrap();
    let ack = socket.next().await.unwrap().unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(ack.to_text().unwrap()).unwrap()["type"],
        "connection_ack"
    );
    socket
        .send(send(json!({ "id": "1", "type": "subscribe", "payload": {
            "query": "subscription($id: ID!) { rankingUpdated(clusterYearId: $id) { change clusterYear { status scoreSheets { unit { code } totalPoints } ranking { rank unit { code } } } } }",
            "variables": { "id": id } } })))
        .await
        .unwrap();
    // Give the server a moment to register the subscription before changing anything.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let body = post(&app, "officer.hna-skhcn", REVIEW, json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "unitCode": "HNA-TTR", "lines": [{ "criterionCode": "TC1", "points": 30.0 }] } })).await;
    assert_eq!(
        body["data"]["reviewScores"]["userErrors"],
        json!([]),
        "{body}"
    );
    let next =
        |socket_msg: Message| serde_json::from_str::<Value>(socket_msg.to_text().unwrap()).unwrap();
    let event = next(
        tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("an event")
            .unwrap()
            .unwrap(),
    );
    assert_eq!(event["type"], "next", "{event}");
    let update = &event["payload"]["data"]["rankingUpdated"];
    assert_eq!(update["change"], "REVIEWED");
    assert_eq!(update["clusterYear"]["status"], "REVIEW");
    let ttr = update["clusterYear"]["scoreSheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"]["code"] == "HNA-TTR")
        .unwrap()
        .clone();
    assert_eq!(
        ttr["totalPoints"], 83.0,
        "the event carries the reviewed points: {ttr}"
    );

    let version = year(&app, Some("board.hanam"), "HNA-CUM-II", 2020).await["version"].clone();
    post(
        &app,
        "officer.hna-skhcn",
        FINALIZE,
        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "expectedVersion": version } }),
    )
    .await;
    let event = next(
        tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("an event")
            .unwrap()
            .unwrap(),
    );
    let update = &event["payload"]["data"]["rankingUpdated"];
    assert_eq!(update["change"], "FINALIZED", "{event}");
    assert_eq!(
        update["clusterYear"]["ranking"][0]["unit"]["code"],
        "HNA-SCT"
    );
}

/// Every change of a nomination reaches `nominationUpdated`, those the cluster cycle makes
/// too: the proposals `finalizeRanking` creates and the withdrawals `reopenClusterYear` makes.
#[tokio::test]
async fn the_proposals_of_a_ranking_and_their_withdrawal_reach_nomination_updated() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let app = TestApp::with_demo().await;
    let (code, units, version) = bloc_in_review(&app, 7).await;
    let mut socket = crate::common::signed_in_socket(&app, "board.camau").await;
    let send = |v: Value| Message::text(v.to_string());
    socket
        .send(send(json!({ "id": "n", "type": "subscribe", "payload": {
            "query": "subscription($u: String!) { nominationUpdated(unitCode: $u) { status awardType { code } recipient { ... on Unit { code } } } }",
            "variables": { "u": units[0] } } })))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let mut next = async || -> Value {
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("an event")
            .unwrap()
            .unwrap();
        serde_json::from_str(message.to_text().unwrap()).unwrap()
    };

    let body = post(
        &app,
        "board.camau",
        FINALIZE,
        json!({ "i": { "clusterCode": code, "year": 2026, "expectedVersion": version } }),
    )
    .await;
    assert_eq!(
        body["data"]["finalizeRanking"]["userErrors"],
        json!([]),
        "{body}"
    );
    // The head's unit proposed both: its subscribers hear of the runner-up's proposal too.
    let mut proposals = vec![next().await, next().await]
        .into_iter()
        .map(|event| event["payload"]["data"]["nominationUpdated"].clone())
        .collect::<Vec<_>>();
    proposals.sort_by_key(|n| n["recipient"]["code"].as_str().unwrap().to_owned());
    assert_eq!(
        proposals,
        vec![
            json!({ "status": "SUBMITTED", "awardType": { "code": "CO_THI_DUA_TINH" }, "recipient": { "code": units[0] } }),
            json!({ "status": "SUBMITTED", "awardType": { "code": "BANG_KHEN_CHU_TICH_TINH" }, "recipient": { "code": units[1] } }),
        ]
    );

    let body = post(
        &app,
        "board.camau",
        REOPEN,
        json!({ "i": { "clusterCode": code, "year": 2026, "reason": "Rà soát lại điểm" } }),
    )
    .await;
    assert_eq!(
        body["data"]["reopenClusterYear"]["userErrors"],
        json!([]),
        "{body}"
    );
    for _ in 0..2 {
        let event = next().await;
        assert_eq!(
            event["payload"]["data"]["nominationUpdated"]["status"], "WITHDRAWN",
            "{event}"
        );
    }
}

#[tokio::test]
async fn the_proposals_of_a_ranking_follow_the_provinces_quotas() {
    let app = TestApp::with_demo().await;
    // Cà Mau proposes no flag from a bloc and one certificate of merit.
    let policy = post(&app, "board.camau", "mutation($i: SetProvincePolicyInput!) { setProvincePolicy(input: $i) { policy { clusterFlagQuota clusterCertificateQuota } userErrors { message } } }", json!({ "i": { "provinceCode": "CA_MAU", "clusterFlagQuota": 0, "clusterCertificateQuota": 1, "source": "Quyết định 9/QĐ-UBND tỉnh Cà Mau" } })).await;
    assert_eq!(
        policy["data"]["setProvincePolicy"]["policy"],
        json!({ "clusterFlagQuota": 0, "clusterCertificateQuota": 1 }),
        "{policy}"
    );
    let (code, units, version) = bloc_in_review(&app, 7).await;
    let done = post(
        &app,
        "board.camau",
        FINALIZE,
        json!({ "i": { "clusterCode": code, "year": 2026, "expectedVersion": version } }),
    )
    .await;
    let ranking = &done["data"]["finalizeRanking"]["clusterYear"]["ranking"];
    assert_eq!(
        ranking,
        &json!([
            { "rank": 1, "unit": { "code": units[0] }, "totalPoints": 90.0, "proposedAward": { "code": "BANG_KHEN_CHU_TICH_TINH" } },
            { "rank": 2, "unit": { "code": units[1] }, "totalPoints": 89.0, "proposedAward": null },
        ]),
        "{done}"
    );
}

/// Reopening a year whose proposals the board has decided keeps the ranking they rest on
/// (superseded, beside the new one) and makes again no proposal it rejected.
#[tokio::test]
async fn reopening_a_decided_year_keeps_its_ranking_and_remakes_no_rejected_proposal() {
    let app = TestApp::with_demo().await;
    let (code, units, version) = bloc_in_review(&app, 8).await;
    let finalized = post(
        &app,
        "board.camau",
        FINALIZE,
        json!({ "i": { "clusterCode": code, "year": 2026, "expectedVersion": version } }),
    )
    .await;
    assert_eq!(
        finalized["data"]["finalizeRanking"]["userErrors"],
        json!([]),
        "{finalized}"
    );
    let proposals = "query($a: String!) { nominations(filter: { year: 2026, awardTypeCode: $a }) { edges { node { id status recipient { ... on Unit { code } } } } } }";
    let of = |award: &'static str| {
        let app = &app;
        let units = units.clone();
        async move {
            let body = app
                .data_as("board.camau", proposals, json!({ "a": award }))
                .await;
            body["nominations"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone())
                .filter(|n| units.iter().any(|u| n["recipient"]["code"] == u.as_str()))
                .collect::<Vec<Value>>()
        }
    };
    let flag = of("CO_THI_DUA_TINH").await;
    let merit = of("BANG_KHEN_CHU_TICH_TINH").await;
    assert_eq!((flag.len(), merit.len()), (1, 1), "{flag:?} {merit:?}");
    // The board decides the flag and rejects the certificate.
    let approved = post(&app, "board.camau", "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { code message } } }", json!({ "i": { "id": flag[0]["id"] } })).await;
    assert_eq!(
        approved["data"]["approveNomination"]["nomination"]["status"], "APPROVED",
        "{approved}"
    );
    let decided = post(&app, "board.camau", "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { awards { id } userErrors { code message } } }", json!({ "i": { "number": "30/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2026-12-28", "signerName": "Lâm Văn Bi", "signerTitle": "Chủ tịch UBND tỉnh", "nominationIds": [flag[0]["id"]] } })).await;
    assert_eq!(
        decided["data"]["issueDecision"]["userErrors"],
        json!([]),
        "{decided}"
    );
    let rejected = post(&app, "board.camau", "mutation($i: NominationReasonInput!) { rejectNomination(input: $i) { nomination { status } userErrors { code } } }", json!({ "i": { "id": merit[0]["id"], "reason": "Hội đồng không thông qua" } })).await;
    assert_eq!(
        rejected["data"]["rejectNomination"]["nomination"]["status"],
        "REJECTED"
    );

    let reopened = post(
        &app,
        "board.camau",
        REOPEN,
        json!({ "i": { "clusterCode": code, "year": 2026, "reason": "Rà soát lại điểm" } }),
    )
    .await;
    assert_eq!(
        reopened["data"]["reopenClusterYear"]["clusterYear"]["status"], "REVIEW",
        "{reopened}"
    );
    let year = "query($c: String!) { clusterYear(clusterCode: $c, year: 2026) { status version ranking { rank } supersededRankings { rank unit { code } proposedAward { code } reason } } }";
    let kept = app.data(year, json!({ "c": code })).await;
    assert_eq!(kept["clusterYear"]["ranking"], json!([]));
    assert_eq!(
        kept["clusterYear"]["supersededRankings"],
        json!([
            { "rank": 1, "unit": { "code": units[0] }, "proposedAward": { "code": "CO_THI_DUA_TINH" }, "reason": "Rà soát lại điểm" },
            { "rank": 2, "unit": { "code": units[1] }, "proposedAward": { "code": "BANG_KHEN_CHU_TICH_TINH" }, "reason": "Rà soát lại điểm" }
        ])
    );
    // Finalized again: the decided flag stands, the rejected certificate is not proposed again.
    let again = post(
        &app,
        "board.camau",
        FINALIZE,
        json!({ "i": { "clusterCode": code, "year": 2026, "expectedVersion": kept["clusterYear"]["version"] } }),
    )
    .await;
    assert_eq!(
        again["data"]["finalizeRanking"]["userErrors"],
        json!([]),
        "{again}"
    );
    let flag = of("CO_THI_DUA_TINH").await;
    let merit = of("BANG_KHEN_CHU_TICH_TINH").await;
    assert_eq!(flag.len(), 1, "{flag:?}");
    assert_eq!(flag[0]["status"], "DECIDED");
    assert_eq!(merit.len(), 1, "{merit:?}");
    assert_eq!(merit[0]["status"], "REJECTED");
    let now = app.data(year, json!({ "c": code })).await;
    assert_eq!(now["clusterYear"]["ranking"].as_array().unwrap().len(), 2);
    assert_eq!(
        now["clusterYear"]["supersededRankings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
