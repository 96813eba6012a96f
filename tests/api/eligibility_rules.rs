//! Each rule of shared/DOMAIN.md, passing and failing, on literal cases, through
//! `eligibility` over HTTP.

use crate::common::TestApp;
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

struct Case<'a> {
    app: &'a TestApp,
}

impl Case<'_> {
    async fn person(&self, name: &str) -> String {
        let body = post(
            self.app,
            "board.camau",
            "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
            json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": name } }),
        )
        .await;
        body["data"]["createPerson"]["person"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn unit(&self, code: &str) -> String {
        let body = post(self.app, "board.camau", "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { id } } }", json!({ "i": { "code": code, "kind": "SUBDIVISION", "name": format!("Phòng {code}"), "parentCode": "CM-SKHCN-2025" } })).await;
        body["data"]["createUnit"]["unit"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned()
    }

    async fn member(&self, unit_code: &str, name: &str) -> String {
        let body = post(
            self.app,
            "board.camau",
            "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
            json!({ "i": { "unitCode": unit_code, "fullName": name } }),
        )
        .await;
        body["data"]["createPerson"]["person"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn award(&self, code: &str, recipient: &str, year: i32) {
        let body = post(
            self.app,
            "board.camau",
            "mutation($i: RecordAwardInput!) { recordAward(input: $i) { userErrors { code } } }",
            json!({ "i": { "awardTypeCode": code, "recipientId": recipient, "year": year } }),
        )
        .await;
        assert_eq!(
            body["data"]["recordAward"]["userErrors"],
            json!([]),
            "{body}"
        );
    }

    async fn initiative(&self, person: &str, scope: &str, year: i32) {
        let body = post(self.app, "board.camau", "mutation($i: RecordInitiativeInput!) { recordInitiative(input: $i) { userErrors { code } } }", json!({ "i": { "personId": person, "title": "Sáng kiến", "scope": scope, "year": year } })).await;
        assert_eq!(
            body["data"]["recordInitiative"]["userErrors"],
            json!([]),
            "{body}"
        );
    }

    async fn eligible(
        &self,
        award: &str,
        recipient: &str,
        year: i32,
    ) -> (bool, Vec<(String, bool)>) {
        let body = self
            .app
            .data_as("board.camau", "query($t: String!, $r: ID!, $y: Int!) { eligibility(awardTypeCode: $t, recipientId: $r, year: $y) { eligible checks { rule passed } } }", json!({ "t": award, "r": recipient, "y": year }))
            .await;
        let report = &body["eligibility"];
        let checks = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["rule"].as_str().unwrap().to_owned(),
                    c["passed"].as_bool().unwrap(),
                )
            })
            .collect();
        (report["eligible"].as_bool().unwrap(), checks)
    }
}

#[tokio::test]
async fn cstdcs_needs_ldtt_the_same_year_and_a_unit_initiative() {
    let app = TestApp::with_demo().await;
    let case = Case { app: &app };
    let a = case.person("Người A").await;
    case.award("LAO_DONG_TIEN_TIEN", &a, 2024).await;
    case.initiative(&a, "UNIT", 2024).await;
    assert!(case.eligible("CHIEN_SI_THI_DUA_CO_SO", &a, 2024).await.0);
    let b = case.person("Người B").await;
    case.award("LAO_DONG_TIEN_TIEN", &b, 2023).await;
    case.initiative(&b, "UNIT", 2024).await;
    let (eligible, checks) = case.eligible("CHIEN_SI_THI_DUA_CO_SO", &b, 2024).await;
    assert!(!eligible);
    assert!(
        checks.contains(&("HOLDS_IN_YEAR".into(), false)),
        "{checks:?}"
    );
}

#[tokio::test]
async fn the_national_fighter_needs_two_provincial_titles_and_national_impact() {
    let app = TestApp::with_demo().await;
    let case = Case { app: &app };
    let a = case.person("Người C").await;
    case.award("CHIEN_SI_THI_DUA_TINH", &a, 2021).await;
    case.award("CHIEN_SI_THI_DUA_TINH", &a, 2024).await;
    case.initiative(&a, "NATIONAL", 2024).await;
    assert!(
        case.eligible("CHIEN_SI_THI_DUA_TOAN_QUOC", &a, 2024)
            .await
            .0
    );
    let b = case.person("Người D").await;
    case.award("CHIEN_SI_THI_DUA_TINH", &b, 2024).await;
    case.initiative(&b, "PROVINCIAL", 2024).await;
    let (eligible, checks) = case.eligible("CHIEN_SI_THI_DUA_TOAN_QUOC", &b, 2024).await;
    assert!(!eligible);
    assert!(
        checks.contains(&("TIMES".into(), false)) && checks.contains(&("INITIATIVE".into(), false)),
        "{checks:?}"
    );
}

#[tokio::test]
async fn the_chairmans_certificate_for_a_person_needs_two_years_of_cstdcs() {
    let app = TestApp::with_demo().await;
    let case = Case { app: &app };
    let a = case.person("Người E").await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &a, 2023).await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &a, 2024).await;
    assert!(case.eligible("BANG_KHEN_CHU_TICH_TINH", &a, 2024).await.0);
    let b = case.person("Người F").await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &b, 2022).await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &b, 2024).await;
    assert!(!case.eligible("BANG_KHEN_CHU_TICH_TINH", &b, 2024).await.0);
}

#[tokio::test]
async fn an_excellent_collective_needs_seventy_percent_ldtt_and_one_cstdcs() {
    let app = TestApp::with_demo().await;
    let case = Case { app: &app };
    let good = case.unit("CM-TOT").await;
    let weak = case.unit("CM-YEU").await;
    for (unit, code, ldtt) in [("CM-TOT", &good, 7), ("CM-YEU", &weak, 6)] {
        let _ = code;
        for i in 0..10 {
            let member = case.member(unit, &format!("Thành viên {unit} {i}")).await;
            if i < ldtt {
                case.award("LAO_DONG_TIEN_TIEN", &member, 2024).await;
            }
            if i == 0 {
                case.award("CHIEN_SI_THI_DUA_CO_SO", &member, 2024).await;
            }
        }
    }
    let (eligible, checks) = case
        .eligible("TAP_THE_LAO_DONG_XUAT_SAC", &good, 2024)
        .await;
    assert!(eligible, "{checks:?}");
    let (eligible, checks) = case
        .eligible("TAP_THE_LAO_DONG_XUAT_SAC", &weak, 2024)
        .await;
    assert!(!eligible);
    assert!(
        checks.contains(&("MEMBERS_SHARE".into(), false))
            && checks.contains(&("MEMBERS_AT_LEAST".into(), true)),
        "{checks:?}"
    );
}

#[tokio::test]
async fn rules_follow_the_version_in_force_and_the_recipient_kind() {
    let app = TestApp::with_demo().await;
    let case = Case { app: &app };
    let a = case.person("Người G").await;
    let (eligible, checks) = case.eligible("TAP_THE_LAO_DONG_XUAT_SAC", &a, 2024).await;
    assert!(!eligible);
    assert!(
        checks.contains(&("RECIPIENT_KIND".into(), false)),
        "a person is not a collective: {checks:?}"
    );
    let (_, checks) = case.eligible("CHIEN_SI_THI_DUA_TINH", &a, 2010).await;
    assert!(
        !checks.iter().any(|(rule, _)| rule == "STREAK"),
        "no rule version applies before 2014: {checks:?}"
    );
}
