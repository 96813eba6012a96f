//! Each rule of shared/DOMAIN.md ("Eligibility rules…"), passing and failing, on literal
//! cases: a named person or unit, the years, the expected verdict; through `eligibility`
//! over HTTP, with the facts recorded through the API.

use crate::common::TestApp;
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

/// The ok of a mutation: no errors, no userErrors.
fn ok(body: &Value, field: &str) {
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"][field]["userErrors"], json!([]), "{body}");
}

const REPORT: &str = "query($t: String!, $r: ID!, $y: Int!) { eligibility(awardTypeCode: $t, recipientId: $r, year: $y) { verdict eligible checks { ...C parts { ...C parts { ...C } } } } } fragment C on EligibilityCheck { rule status detail detailEn source ruleKey ruleVersion }";

/// A report: its verdict and every check at any depth, as (rule, status).
struct Report {
    verdict: String,
    body: Value,
}

impl Report {
    fn checks(&self) -> Vec<(String, String)> {
        fn walk(checks: &Value, out: &mut Vec<(String, String)>) {
            for c in checks.as_array().into_iter().flatten() {
                out.push((
                    c["rule"].as_str().unwrap_or_default().to_owned(),
                    c["status"].as_str().unwrap_or_default().to_owned(),
                ));
                walk(&c["parts"], out);
            }
        }
        let mut out = Vec::new();
        walk(&self.body["checks"], &mut out);
        out
    }

    fn has(&self, rule: &str, status: &str) -> bool {
        self.checks().iter().any(|(r, s)| r == rule && s == status)
    }

    /// The first check named `rule`, at any depth.
    fn check(&self, rule: &str) -> Value {
        fn find(checks: &Value, rule: &str) -> Option<Value> {
            checks.as_array()?.iter().find_map(|c| {
                if c["rule"] == rule {
                    Some(c.clone())
                } else {
                    find(&c["parts"], rule)
                }
            })
        }
        find(&self.body["checks"], rule).unwrap_or_else(|| panic!("no {rule} in {}", self.body))
    }
}

struct Case<'a> {
    app: &'a TestApp,
    who: &'a str,
}

impl Case<'_> {
    fn camau(app: &TestApp) -> Case<'_> {
        Case {
            app,
            who: "board.camau",
        }
    }

    async fn in_unit(&self, unit_code: &str, name: &str) -> String {
        let body = post(
            self.app,
            self.who,
            "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } userErrors { message } } }",
            // Recruited long ago unless a case says otherwise.
            json!({ "i": { "unitCode": unit_code, "fullName": name, "recruitedOn": "2015-01-01" } }),
        )
        .await;
        body["data"]["createPerson"]["person"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned()
    }

    async fn person(&self, name: &str) -> String {
        self.in_unit("CM-SKHCN-2025", name).await
    }

    async fn unit(&self, code: &str, parent: &str) -> String {
        let body = post(self.app, self.who, "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { id } } }", json!({ "i": { "code": code, "kind": "SUBDIVISION", "name": format!("Phòng {code}"), "parentCode": parent, "validFrom": "2020-01-01" } })).await;
        body["data"]["createUnit"]["unit"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned()
    }

    async fn award(&self, code: &str, recipient: &str, year: i32) {
        let body = post(
            self.app,
            self.who,
            "mutation($i: RecordAwardInput!) { recordAward(input: $i) { userErrors { code message } } }",
            json!({ "i": { "awardTypeCode": code, "recipientId": recipient, "year": year } }),
        )
        .await;
        ok(&body, "recordAward");
    }

    async fn initiative(&self, person: &str, scope: &str, kind: &str, year: i32) {
        let body = post(self.app, self.who, "mutation($i: RecordInitiativeInput!) { recordInitiative(input: $i) { userErrors { code } } }", json!({ "i": { "personId": person, "title": "Sáng kiến số hóa hồ sơ", "scope": scope, "kind": kind, "year": year } })).await;
        ok(&body, "recordInitiative");
    }

    async fn rate(&self, recipient: &str, year: i32, rating: &str) {
        let body = post(self.app, self.who, "mutation($i: RecordPerformanceRatingInput!) { recordPerformanceRating(input: $i) { userErrors { code } } }", json!({ "i": { "recipientId": recipient, "year": year, "rating": rating } })).await;
        ok(&body, "recordPerformanceRating");
    }

    async fn discipline(&self, recipient: &str, kind: &str, start: &str, end: Option<&str>) {
        let body = post(self.app, self.who, "mutation($i: RecordDisciplineInput!) { recordDiscipline(input: $i) { userErrors { code } } }", json!({ "i": { "recipientId": recipient, "kind": kind, "startOn": start, "endOn": end, "description": "Quyết định số 3/QĐ-SKHCN" } })).await;
        ok(&body, "recordDiscipline");
    }

    async fn report(&self, award: &str, recipient: &str, year: i32) -> Report {
        let body = post(
            self.app,
            self.who,
            REPORT,
            json!({ "t": award, "r": recipient, "y": year }),
        )
        .await;
        let report = body["data"]["eligibility"].clone();
        assert!(report.is_object(), "{body}");
        Report {
            verdict: report["verdict"].as_str().unwrap_or_default().to_owned(),
            body: report,
        }
    }
}

#[tokio::test]
async fn lao_dong_tien_tien_needs_a_good_rating_and_no_discipline_that_year() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let hoa = case.person("Nguyễn Thị Hoa").await;
    case.rate(&hoa, 2025, "GOOD").await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &hoa, 2025).await;
    assert_eq!(r.verdict, "ELIGIBLE", "{}", r.body);
    assert_eq!(r.body["eligible"], true);
    let rule = r.check("ALL_OF");
    assert_eq!(rule["ruleKey"], "LDTT.2024.tieu-chuan");
    assert_eq!(rule["ruleVersion"], 1);
    assert!(
        rule["source"].as_str().unwrap().contains("Điều 24"),
        "{rule}"
    );

    let binh = case.person("Trần Văn Bình").await;
    case.rate(&binh, 2025, "COMPLETED").await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &binh, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE");
    assert!(r.has("RATING", "FAILED"), "{}", r.body);

    let cuong = case.person("Lê Văn Cường").await;
    case.rate(&cuong, 2025, "GOOD").await;
    case.discipline(&cuong, "DISCIPLINE", "2025-03-01", Some("2025-09-30"))
        .await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &cuong, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE");
    assert!(r.has("NO_DISCIPLINE", "FAILED"), "{}", r.body);
    // Over by now: nothing pending.
    assert!(r.has("NOTHING_PENDING", "PASSED"), "{}", r.body);
    // The year after, the discipline is over.
    case.rate(&cuong, 2026, "GOOD").await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &cuong, 2026).await;
    assert_eq!(r.verdict, "ELIGIBLE", "{}", r.body);

    // Recruited on 1 May 2025: eight months by the year's end, not ten.
    let body = post(&app, "board.camau", "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }", json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": "Trần Văn Mới", "recruitedOn": "2025-05-01" } })).await;
    let moi = body["data"]["createPerson"]["person"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    case.rate(&moi, 2025, "EXCELLENT").await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &moi, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert!(r.has("SERVED", "FAILED"), "{}", r.body);
    case.rate(&moi, 2026, "GOOD").await;
    assert_eq!(
        case.report("LAO_DONG_TIEN_TIEN", &moi, 2026).await.verdict,
        "ELIGIBLE"
    );

    let dung = case.person("Phạm Thị Dung").await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &dung, 2025).await;
    assert_eq!(r.verdict, "INCOMPLETE", "no rating: {}", r.body);
    assert_eq!(r.check("RATING")["detailEn"], "No rating recorded for 2025");
}

#[tokio::test]
async fn cstdcs_is_ldtt_and_one_of_excellent_an_initiative_or_a_research_project() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let em = case.person("Võ Thị Em").await;
    case.award("LAO_DONG_TIEN_TIEN", &em, 2025).await;
    case.rate(&em, 2025, "EXCELLENT").await;
    let r = case.report("CHIEN_SI_THI_DUA_CO_SO", &em, 2025).await;
    assert_eq!(
        r.verdict, "ELIGIBLE",
        "excellent, no initiative: {}",
        r.body
    );

    let phuc = case.person("Đặng Văn Phúc").await;
    case.award("LAO_DONG_TIEN_TIEN", &phuc, 2025).await;
    case.rate(&phuc, 2025, "GOOD").await;
    case.initiative(&phuc, "UNIT", "RESEARCH_PROJECT", 2025)
        .await;
    let r = case.report("CHIEN_SI_THI_DUA_CO_SO", &phuc, 2025).await;
    assert_eq!(r.verdict, "ELIGIBLE", "a research project: {}", r.body);

    let giang = case.person("Hồ Thị Giang").await;
    case.award("LAO_DONG_TIEN_TIEN", &giang, 2025).await;
    case.rate(&giang, 2025, "GOOD").await;
    let r = case.report("CHIEN_SI_THI_DUA_CO_SO", &giang, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert!(r.has("ANY_OF", "FAILED"));

    let hai = case.person("Ngô Văn Hải").await;
    case.rate(&hai, 2025, "EXCELLENT").await;
    let r = case.report("CHIEN_SI_THI_DUA_CO_SO", &hai, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "no LĐTT: {}", r.body);
    assert!(r.has("HOLDS_IN_YEAR", "FAILED"));

    // Before 2024 the initiative was compulsory: an excellent year alone did not do.
    let lan = case.person("Bùi Thị Lan").await;
    case.award("LAO_DONG_TIEN_TIEN", &lan, 2023).await;
    case.rate(&lan, 2023, "EXCELLENT").await;
    let r = case.report("CHIEN_SI_THI_DUA_CO_SO", &lan, 2023).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert_eq!(r.check("INITIATIVE")["ruleKey"], "CSTDCS.2014.sang-kien");
}

#[tokio::test]
async fn the_same_three_years_do_not_earn_a_provincial_fighter_in_2025_and_again_in_2026() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let an = case.person("Nguyễn Văn An").await;
    for year in [2023, 2024, 2025] {
        case.award("CHIEN_SI_THI_DUA_CO_SO", &an, year).await;
    }
    case.initiative(&an, "PROVINCIAL", "INITIATIVE", 2025).await;
    let r = case.report("CHIEN_SI_THI_DUA_TINH", &an, 2025).await;
    assert_eq!(r.verdict, "ELIGIBLE", "{}", r.body);
    case.award("CHIEN_SI_THI_DUA_TINH", &an, 2025).await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &an, 2026).await;
    let r = case.report("CHIEN_SI_THI_DUA_TINH", &an, 2026).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    let streak = r.check("STREAK");
    assert_eq!(streak["status"], "FAILED");
    assert!(
        streak["detailEn"]
            .as_str()
            .unwrap()
            .contains("years up to 2025 were used for Provincial Emulation Fighter 2025"),
        "{streak}"
    );
    assert!(r.has("INITIATIVE", "FAILED"), "{}", r.body);
}

#[tokio::test]
async fn the_national_fighter_needs_two_provincial_titles_not_used_before_and_national_impact() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let khoa = case.person("Trịnh Văn Khoa").await;
    case.award("CHIEN_SI_THI_DUA_TINH", &khoa, 2021).await;
    case.award("CHIEN_SI_THI_DUA_TINH", &khoa, 2024).await;
    case.initiative(&khoa, "NATIONAL", "INITIATIVE", 2024).await;
    let r = case.report("CHIEN_SI_THI_DUA_TOAN_QUOC", &khoa, 2024).await;
    assert_eq!(r.verdict, "ELIGIBLE", "{}", r.body);
    case.award("CHIEN_SI_THI_DUA_TOAN_QUOC", &khoa, 2024).await;
    let r = case.report("CHIEN_SI_THI_DUA_TOAN_QUOC", &khoa, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert!(r.has("TIMES", "FAILED") && r.has("INITIATIVE", "FAILED"));

    let duc = case.person("Mai Văn Đức").await;
    case.award("CHIEN_SI_THI_DUA_TINH", &duc, 2024).await;
    case.initiative(&duc, "PROVINCIAL", "INITIATIVE", 2024)
        .await;
    let r = case.report("CHIEN_SI_THI_DUA_TOAN_QUOC", &duc, 2024).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE");
}

#[tokio::test]
async fn the_chairmans_certificate_is_any_one_of_its_alternatives() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let my = case.person("Lý Thị Mỹ").await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &my, 2024).await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &my, 2025).await;
    let r = case.report("BANG_KHEN_CHU_TICH_TINH", &my, 2025).await;
    assert_eq!(r.verdict, "ELIGIBLE", "{}", r.body);

    let nam = case.person("Đỗ Văn Nam").await;
    case.rate(&nam, 2024, "EXCELLENT").await;
    case.rate(&nam, 2025, "EXCELLENT").await;
    case.initiative(&nam, "UNIT", "INITIATIVE", 2024).await;
    case.initiative(&nam, "UNIT", "INITIATIVE", 2025).await;
    let r = case.report("BANG_KHEN_CHU_TICH_TINH", &nam, 2025).await;
    assert_eq!(
        r.verdict, "ELIGIBLE",
        "two excellent years, two initiatives: {}",
        r.body
    );

    // None of the alternatives the data can check: the council judges the others.
    let oanh = case.person("Phan Thị Oanh").await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &oanh, 2023).await;
    case.award("CHIEN_SI_THI_DUA_CO_SO", &oanh, 2025).await;
    let r = case.report("BANG_KHEN_CHU_TICH_TINH", &oanh, 2025).await;
    assert_eq!(r.verdict, "INCOMPLETE", "{}", r.body);
    assert!(r.has("STREAK", "FAILED") && r.has("JUDGED", "NOT_CHECKED"));
}

#[tokio::test]
async fn an_excellent_collective_counts_the_staff_of_the_unit_and_its_sub_units_that_year() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let tot = case.unit("CM-TOT", "CM-SKHCN-2025").await;
    case.unit("CM-TOT-1", "CM-TOT").await;
    let yeu = case.unit("CM-YEU", "CM-SKHCN-2025").await;
    for (unit, sub, failing) in [("CM-TOT", "CM-TOT-1", false), ("CM-YEU", "CM-YEU", true)] {
        for i in 0..10 {
            // Half of the good unit's staff work in its sub-unit.
            let home = if i % 2 == 0 { unit } else { sub };
            let member = case
                .in_unit(home, &format!("Thành viên {unit} số {i}"))
                .await;
            if i < 7 {
                case.award("LAO_DONG_TIEN_TIEN", &member, 2025).await;
            }
            if i == 0 {
                case.award("CHIEN_SI_THI_DUA_CO_SO", &member, 2025).await;
            }
            let rating = if failing && i == 9 {
                "NOT_COMPLETED"
            } else {
                "COMPLETED"
            };
            case.rate(&member, 2025, rating).await;
        }
    }
    case.rate(&tot, 2025, "EXCELLENT").await;
    case.rate(&yeu, 2025, "EXCELLENT").await;
    let r = case.report("TAP_THE_LAO_DONG_XUAT_SAC", &tot, 2025).await;
    assert_eq!(r.verdict, "ELIGIBLE", "{}", r.body);
    assert_eq!(
        r.check("MEMBERS_SHARE")["detail"],
        "7/10 thành viên đạt Lao động tiên tiến năm 2025 (cần 70%)"
    );
    let r = case.report("TAP_THE_LAO_DONG_XUAT_SAC", &yeu, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert!(r.has("MEMBERS_RATED", "FAILED"), "{}", r.body);

    // Someone who left in 2024 is not staff of 2025; someone seconded in 2025 is.
    let left = case.in_unit("CM-SKHCN-2025", "Hoàng Văn Rời").await;
    let body = post(&app, "board.camau", "mutation($i: AssignPositionInput!) { assignPosition(input: $i) { userErrors { message } } }", json!({ "i": { "personId": left, "title": "Chuyên viên", "unitCode": "CM-TOT", "startOn": "2020-01-01", "endOn": "2024-06-30" } })).await;
    ok(&body, "assignPosition");
    let came = case.in_unit("CM-SKHCN-2025", "Vũ Thị Đến").await;
    let body = post(&app, "board.camau", "mutation($i: AssignPositionInput!) { assignPosition(input: $i) { userErrors { message } } }", json!({ "i": { "personId": came, "title": "Chuyên viên", "unitCode": "CM-TOT-1", "startOn": "2025-03-01" } })).await;
    ok(&body, "assignPosition");
    let r = case.report("TAP_THE_LAO_DONG_XUAT_SAC", &tot, 2025).await;
    assert_eq!(
        r.check("MEMBERS_SHARE")["detail"],
        "7/11 thành viên đạt Lao động tiên tiến năm 2025 (cần 70%)",
        "{}",
        r.body
    );
    // The newcomer has no rating yet: not a failure, not a pass.
    assert_eq!(r.check("MEMBERS_RATED")["status"], "NOT_CHECKED");
    let r = case.report("TAP_THE_LAO_DONG_XUAT_SAC", &tot, 2024).await;
    assert!(
        r.check("MEMBERS_SHARE")["detail"]
            .as_str()
            .unwrap()
            .starts_with("0/11 "),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_pending_inspection_bars_the_award_under_decree_152() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let quyen = case.person("Cao Thị Quyên").await;
    case.rate(&quyen, 2025, "EXCELLENT").await;
    case.discipline(&quyen, "INSPECTION", "2026-01-15", None)
        .await;
    let r = case.report("LAO_DONG_TIEN_TIEN", &quyen, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    let pending = r.check("NOTHING_PENDING");
    assert_eq!(pending["status"], "FAILED");
    assert!(
        pending["source"]
            .as_str()
            .unwrap()
            .starts_with("Nghị định 152/2025/NĐ-CP, Điều 4"),
        "{pending}"
    );
    // An officer of another province sees the person but not the records: not checked.
    let other = post(
        &app,
        "officer.hna-skhcn",
        REPORT,
        json!({ "t": "LAO_DONG_TIEN_TIEN", "r": quyen, "y": 2025 }),
    )
    .await;
    let report = &other["data"]["eligibility"];
    assert_eq!(report["verdict"], "INCOMPLETE", "{other}");
    assert!(!other.to_string().contains("Quyết định số 3"), "{other}");
}

#[tokio::test]
async fn a_type_with_no_rule_for_the_year_is_never_eligible() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let ty = case.person("Đinh Văn Tỵ").await;
    let r = case.report("HUAN_CHUONG_LAO_DONG_HANG_BA", &ty, 2025).await;
    assert_eq!(r.verdict, "INCOMPLETE", "{}", r.body);
    assert!(r.has("JUDGED", "NOT_CHECKED"));
    let r = case.report("CHIEN_SI_THI_DUA_TINH", &ty, 2010).await;
    assert_eq!(r.verdict, "INCOMPLETE", "{}", r.body);
    assert!(r.has("NO_RULES", "NOT_CHECKED"), "{}", r.body);
    // A person is not a collective.
    let r = case.report("TAP_THE_LAO_DONG_XUAT_SAC", &ty, 2024).await;
    assert!(r.has("RECIPIENT_KIND", "FAILED"));
    // Every type of the catalogue has a rule from 2024.
    for code in [
        "GIAY_KHEN",
        "TAP_THE_LAO_DONG_TIEN_TIEN",
        "CO_THI_DUA_CHINH_PHU",
        "KY_NIEM_CHUONG",
    ] {
        let body = app
            .data(
                "query($t: String) { awardRules(awardTypeCode: $t, year: 2025) { key source } }",
                json!({ "t": code }),
            )
            .await;
        let rules = body["awardRules"].as_array().unwrap();
        assert!(!rules.is_empty(), "{code}: {body}");
        assert!(rules
            .iter()
            .all(|r| r["source"].as_str().is_some_and(|s| !s.is_empty())));
    }
}

#[tokio::test]
async fn the_english_detail_names_the_award_in_english() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    let lan = case.person("Trương Thị Lan").await;
    let r = case.report("CHIEN_SI_THI_DUA_CO_SO", &lan, 2025).await;
    let english = r.body["checks"].to_string();
    for check in r.body["checks"].as_array().unwrap() {
        let en = check["detailEn"].as_str().unwrap();
        assert!(!en.contains("Chiến sĩ") && !en.contains("Lao động"), "{en}");
    }
    assert!(
        english.contains("Grassroots Emulation Fighter"),
        "{english}"
    );
}

const SET_RULE: &str = "mutation($i: SetAwardRuleInput!) { setAwardRule(input: $i) { rule { key version provinceCode source appliesFrom appliesTo rule history { version } } userErrors { field code message } } }";

#[tokio::test]
async fn a_provinces_own_rule_changes_its_reports_and_not_another_provinces() {
    let app = TestApp::with_demo().await;
    let camau = Case::camau(&app);
    let admin = Case {
        app: &app,
        who: "admin",
    };
    let hoa = camau.person("Nguyễn Thị Hoa").await;
    camau.rate(&hoa, 2024, "GOOD").await;
    let ninh = admin.in_unit("NB-SKHCN-2025", "Phạm Văn Ninh").await;
    admin.rate(&ninh, 2024, "GOOD").await;
    assert_eq!(
        camau.report("LAO_DONG_TIEN_TIEN", &hoa, 2024).await.verdict,
        "ELIGIBLE"
    );

    // Cà Mau asks an excellent rating for its Lao động tiên tiến.
    let body = post(&app, "board.camau", SET_RULE, json!({ "i": {
        "key": "LDTT.2024.tieu-chuan", "awardTypeCode": "LAO_DONG_TIEN_TIEN", "provinceCode": "CA_MAU",
        "appliesFrom": 2024,
        "rule": { "kind": "ALL_OF", "rules": [{ "kind": "RATING", "min": "EXCELLENT" }, { "kind": "NO_DISCIPLINE" }] },
        "source": "Quyết định 20/2024/QĐ-UBND tỉnh Cà Mau, Điều 3", "reason": "Quy chế thi đua của tỉnh" } })).await;
    ok(&body, "setAwardRule");
    let rule = &body["data"]["setAwardRule"]["rule"];
    assert_eq!(rule["key"], "CA_MAU/LDTT.2024.tieu-chuan");
    assert_eq!(rule["version"], 1);
    assert_eq!(rule["provinceCode"], "CA_MAU");

    let r = camau.report("LAO_DONG_TIEN_TIEN", &hoa, 2024).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert_eq!(r.check("ALL_OF")["ruleKey"], "CA_MAU/LDTT.2024.tieu-chuan");
    let r = admin.report("LAO_DONG_TIEN_TIEN", &ninh, 2024).await;
    assert_eq!(
        r.verdict, "ELIGIBLE",
        "Ninh Bình keeps the national rule: {}",
        r.body
    );
    assert_eq!(r.check("ALL_OF")["ruleKey"], "LDTT.2024.tieu-chuan");

    // What each province has in force.
    let rules = |province: &'static str| {
        let app = &app;
        async move {
            app.data("query($p: String) { awardRules(awardTypeCode: \"LAO_DONG_TIEN_TIEN\", provinceCode: $p, year: 2024) { key version } }", json!({ "p": province }))
                .await["awardRules"]
                .clone()
        }
    };
    assert_eq!(
        rules("CA_MAU").await,
        json!([{ "key": "CA_MAU/LDTT.2024.tieu-chuan", "version": 1 }])
    );
    assert_eq!(
        rules("NINH_BINH").await,
        json!([{ "key": "LDTT.2024.tieu-chuan", "version": 1 }])
    );

    // A second change is a second version; the nomination made under the first keeps it.
    let nominated = post(&app, "board.camau", "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { eligibility { checks { ruleKey ruleVersion } } } userErrors { message } } }", json!({ "i": { "awardTypeCode": "LAO_DONG_TIEN_TIEN", "recipientId": hoa, "year": 2024, "achievements": "Hoàn thành tốt nhiệm vụ" } })).await;
    ok(&nominated, "createNomination");
    let body = post(&app, "board.camau", SET_RULE, json!({ "i": {
        "key": "CA_MAU/LDTT.2024.tieu-chuan", "awardTypeCode": "LAO_DONG_TIEN_TIEN", "provinceCode": "CA_MAU",
        "appliesFrom": 2024, "rule": { "kind": "RATING", "min": "GOOD" },
        "source": "Quyết định 21/2024/QĐ-UBND tỉnh Cà Mau" } })).await;
    ok(&body, "setAwardRule");
    assert_eq!(body["data"]["setAwardRule"]["rule"]["version"], 2);
    assert_eq!(
        body["data"]["setAwardRule"]["rule"]["history"],
        json!([{ "version": 1 }, { "version": 2 }])
    );
    let stored = &nominated["data"]["createNomination"]["nomination"]["eligibility"]["checks"];
    assert!(
        stored
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["ruleKey"] == "CA_MAU/LDTT.2024.tieu-chuan" && c["ruleVersion"] == 1),
        "{stored}"
    );
    assert_eq!(
        camau.report("LAO_DONG_TIEN_TIEN", &hoa, 2024).await.verdict,
        "ELIGIBLE"
    );

    // Retired in Cà Mau: no rule applies there; Ninh Bình keeps its own.
    let body = post(&app, "board.camau", "mutation($i: RetireAwardRuleInput!) { retireAwardRule(input: $i) { rule { key version retired } userErrors { message } } }", json!({ "i": { "key": "LDTT.2024.tieu-chuan", "provinceCode": "CA_MAU", "reason": "Thay bằng quy chế mới" } })).await;
    ok(&body, "retireAwardRule");
    assert_eq!(
        body["data"]["retireAwardRule"]["rule"],
        json!({ "key": "CA_MAU/LDTT.2024.tieu-chuan", "version": 3, "retired": true })
    );
    let r = camau.report("LAO_DONG_TIEN_TIEN", &hoa, 2024).await;
    assert_eq!(r.verdict, "INCOMPLETE", "{}", r.body);
    assert!(r.has("NO_RULES", "NOT_CHECKED"));
    assert_eq!(
        admin
            .report("LAO_DONG_TIEN_TIEN", &ninh, 2024)
            .await
            .verdict,
        "ELIGIBLE"
    );

    // Each change is in the audit log.
    let log = app
        .data_as(
            "board.camau",
            "{ auditLog(filter: {}) { edges { node { action } } } }",
            json!({}),
        )
        .await;
    let actions = log.to_string();
    assert!(
        actions.contains("setAwardRule") && actions.contains("retireAwardRule"),
        "{log}"
    );
}

#[tokio::test]
async fn rules_and_policy_are_changed_by_the_provinces_board_or_admin_only() {
    let app = TestApp::with_demo().await;
    let rule = |province: Option<&str>| {
        json!({ "i": { "awardTypeCode": "GIAY_KHEN", "provinceCode": province, "appliesFrom": 2024,
                        "rule": { "kind": "RATING", "min": "GOOD" }, "source": "Quyết định 1/QĐ-UBND" } })
    };
    let policy = |province: &str| json!({ "i": { "provinceCode": province, "clusterCertificateQuota": 3, "source": "Quyết định 2/QĐ-UBND" } });
    let retire = |province: Option<&str>| json!({ "i": { "key": "GK.2024.tieu-chuan", "provinceCode": province, "reason": "Thử" } });
    const RETIRE: &str =
        "mutation($i: RetireAwardRuleInput!) { retireAwardRule(input: $i) { rule { key } } }";
    const POLICY: &str = "mutation($i: SetProvincePolicyInput!) { setProvincePolicy(input: $i) { policy { version } } }";
    let count = || async {
        use sea_orm::{EntityTrait, PaginatorTrait};
        (
            entity::award_rule::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            entity::province_policy::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
        )
    };
    let before = count().await;
    for (who, query, variables) in [
        ("board.camau", SET_RULE, rule(Some("HA_NAM"))),
        ("board.camau", SET_RULE, rule(None)),
        ("officer.cm-skhcn", SET_RULE, rule(Some("CA_MAU"))),
        ("board.camau", RETIRE, retire(Some("HA_NAM"))),
        ("board.camau", RETIRE, retire(None)),
        ("officer.cm-skhcn", RETIRE, retire(Some("CA_MAU"))),
        ("board.camau", POLICY, policy("HA_NAM")),
        ("officer.cm-skhcn", POLICY, policy("CA_MAU")),
    ] {
        let body = post(&app, who, query, variables.clone()).await;
        assert_eq!(
            crate::common::codes(&body),
            ["FORBIDDEN"],
            "{who} {variables}: {body}"
        );
    }
    let anonymous = app.post(SET_RULE, rule(Some("CA_MAU"))).await.1;
    assert_ne!(
        crate::common::codes(&anonymous),
        Vec::<String>::new(),
        "{anonymous}"
    );
    assert_eq!(count().await, before, "a refused change wrote something");

    for (who, query, variables, field) in [
        (
            "board.camau",
            SET_RULE,
            rule(Some("CA_MAU")),
            "setAwardRule",
        ),
        ("admin", SET_RULE, rule(None), "setAwardRule"),
        (
            "board.camau",
            RETIRE,
            retire(Some("CA_MAU")),
            "retireAwardRule",
        ),
        ("board.camau", POLICY, policy("CA_MAU"), "setProvincePolicy"),
        ("admin", POLICY, policy("HA_NAM"), "setProvincePolicy"),
    ] {
        let body = post(&app, who, query, variables.clone()).await;
        assert!(
            body.get("errors").is_none() && !body["data"][field].is_null(),
            "{who} {variables}: {body}"
        );
    }
    let body = app
        .data("{ provincePolicy(provinceCode: \"CA_MAU\") { version clusterFlagQuota clusterCertificateQuota councilVoteThreshold } }", json!({}))
        .await;
    assert_eq!(
        body["provincePolicy"],
        json!({ "version": 1, "clusterFlagQuota": 1, "clusterCertificateQuota": 3, "councilVoteThreshold": 90 })
    );
}

#[tokio::test]
async fn a_rule_that_does_not_read_or_names_no_award_changes_nothing() {
    let app = TestApp::with_demo().await;
    for (rule, field) in [
        (json!({ "kind": "NO_SUCH_KIND" }), "rule"),
        (
            json!({ "kind": "MEMBERS_SHARE", "award": "NO_SUCH_AWARD", "percent": 70 }),
            "rule",
        ),
        (
            json!({ "kind": "MEMBERS_SHARE", "award": "LAO_DONG_TIEN_TIEN", "percent": 170 }),
            "rule",
        ),
        (json!({ "kind": "ANY_OF", "rules": [] }), "rule"),
    ] {
        let body = post(&app, "board.camau", SET_RULE, json!({ "i": { "awardTypeCode": "GIAY_KHEN", "provinceCode": "CA_MAU", "appliesFrom": 2024, "rule": rule, "source": "Quyết định 1/QĐ-UBND" } })).await;
        let errors = &body["data"]["setAwardRule"]["userErrors"];
        assert_eq!(errors[0]["field"], json!([field]), "{body}");
        assert!(body["data"]["setAwardRule"]["rule"].is_null());
    }
    let body = post(&app, "board.camau", SET_RULE, json!({ "i": { "awardTypeCode": "GIAY_KHEN", "provinceCode": "CA_MAU", "appliesFrom": 2025, "appliesTo": 2024, "rule": { "kind": "NO_DISCIPLINE" }, "source": " " } })).await;
    let fields: Vec<Value> = body["data"]["setAwardRule"]["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert_eq!(fields, [json!(["appliesTo"]), json!(["source"])], "{body}");
}

#[tokio::test]
async fn thematic_and_exceptional_awards_are_no_basis_for_a_proposal_upward() {
    let app = TestApp::with_demo().await;
    let case = Case::camau(&app);
    // Cà Mau's own rule for proposing the Prime Minister's certificate: two certificates of
    // the Chairman within five years.
    let body = post(&app, "board.camau", SET_RULE, json!({ "i": {
        "awardTypeCode": "BANG_KHEN_THU_TUONG", "provinceCode": "CA_MAU", "appliesFrom": 2024,
        "rule": { "kind": "TIMES", "award": "BANG_KHEN_CHU_TICH_TINH", "count": 2, "withinYears": 5 },
        "source": "Quyết định 30/2024/QĐ-UBND tỉnh Cà Mau" } })).await;
    ok(&body, "setAwardRule");
    let tam = case.person("Nguyễn Văn Tâm").await;
    case.award("BANG_KHEN_CHU_TICH_TINH", &tam, 2023).await;
    let body = post(&app, "board.camau", "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { kind } userErrors { message } } }", json!({ "i": { "awardTypeCode": "BANG_KHEN_CHU_TICH_TINH", "recipientId": tam, "year": 2025, "kind": "EXCEPTIONAL" } })).await;
    ok(&body, "recordAward");
    assert_eq!(body["data"]["recordAward"]["award"]["kind"], "EXCEPTIONAL");
    let r = case.report("BANG_KHEN_THU_TUONG", &tam, 2025).await;
    assert_eq!(r.verdict, "NOT_ELIGIBLE", "{}", r.body);
    assert!(
        r.check("TIMES")["detail"]
            .as_str()
            .unwrap()
            .starts_with("1 lần Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        "{}",
        r.body
    );
    assert_eq!(r.check("NO_BASIS_UPWARD")["status"], "PASSED");
    // A regular one counts.
    let hien = case.person("Lê Thị Hiền").await;
    case.award("BANG_KHEN_CHU_TICH_TINH", &hien, 2023).await;
    case.award("BANG_KHEN_CHU_TICH_TINH", &hien, 2025).await;
    let r = case.report("BANG_KHEN_THU_TUONG", &hien, 2025).await;
    assert!(r.has("TIMES", "PASSED"), "{}", r.body);
    // A nomination says its kind.
    let body = post(&app, "board.camau", "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { kind } userErrors { message } } }", json!({ "i": { "awardTypeCode": "GIAY_KHEN", "recipientId": hien, "year": 2026, "kind": "THEMATIC", "achievements": "Phong trào chuyển đổi số" } })).await;
    ok(&body, "createNomination");
    assert_eq!(
        body["data"]["createNomination"]["nomination"]["kind"],
        "THEMATIC"
    );
}
