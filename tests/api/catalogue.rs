//! The award catalogue of shared/DOMAIN.md, served by `awardTypes` and `awardType(code)` on
//! every database (not only the demo).

use crate::common::TestApp;
use serde_json::{json, Value};

/// Every code shared/DOMAIN.md names, with its level, conferrer and recipient kinds.
const DOMAIN_CODES: &[(&str, &str, &str, &str, &[&str])] = &[
    (
        "LAO_DONG_TIEN_TIEN",
        "EMULATION_TITLE",
        "GRASSROOTS",
        "UNIT_HEAD",
        &["INDIVIDUAL"],
    ),
    (
        "CHIEN_SI_THI_DUA_CO_SO",
        "EMULATION_TITLE",
        "GRASSROOTS",
        "UNIT_HEAD",
        &["INDIVIDUAL"],
    ),
    (
        "CHIEN_SI_THI_DUA_TINH",
        "EMULATION_TITLE",
        "PROVINCIAL",
        "PROVINCE_CHAIRMAN",
        &["INDIVIDUAL"],
    ),
    (
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        "EMULATION_TITLE",
        "NATIONAL",
        "PRIME_MINISTER",
        &["INDIVIDUAL"],
    ),
    (
        "TAP_THE_LAO_DONG_TIEN_TIEN",
        "EMULATION_TITLE",
        "GRASSROOTS",
        "UNIT_HEAD",
        &["COLLECTIVE"],
    ),
    (
        "TAP_THE_LAO_DONG_XUAT_SAC",
        "EMULATION_TITLE",
        "PROVINCIAL",
        "PROVINCE_CHAIRMAN",
        &["COLLECTIVE"],
    ),
    (
        "CO_THI_DUA_TINH",
        "EMULATION_TITLE",
        "PROVINCIAL",
        "PROVINCE_CHAIRMAN",
        &["COLLECTIVE"],
    ),
    (
        "CO_THI_DUA_CHINH_PHU",
        "EMULATION_TITLE",
        "NATIONAL",
        "PRIME_MINISTER",
        &["COLLECTIVE"],
    ),
    (
        "GIAY_KHEN",
        "COMMENDATION",
        "GRASSROOTS",
        "UNIT_HEAD",
        &["INDIVIDUAL", "COLLECTIVE"],
    ),
    (
        "BANG_KHEN_CHU_TICH_TINH",
        "COMMENDATION",
        "PROVINCIAL",
        "PROVINCE_CHAIRMAN",
        &["INDIVIDUAL", "COLLECTIVE"],
    ),
    (
        "BANG_KHEN_THU_TUONG",
        "COMMENDATION",
        "NATIONAL",
        "PRIME_MINISTER",
        &["INDIVIDUAL", "COLLECTIVE"],
    ),
    (
        "HUAN_CHUONG_LAO_DONG_HANG_NHAT",
        "COMMENDATION",
        "NATIONAL",
        "PRESIDENT",
        &["INDIVIDUAL", "COLLECTIVE"],
    ),
    (
        "HUAN_CHUONG_LAO_DONG_HANG_NHI",
        "COMMENDATION",
        "NATIONAL",
        "PRESIDENT",
        &["INDIVIDUAL", "COLLECTIVE"],
    ),
    (
        "HUAN_CHUONG_LAO_DONG_HANG_BA",
        "COMMENDATION",
        "NATIONAL",
        "PRESIDENT",
        &["INDIVIDUAL", "COLLECTIVE"],
    ),
];

#[tokio::test]
async fn every_code_of_the_domain_is_served_with_its_attributes() {
    let app = TestApp::migrated().await;
    let query = "query($code: String!) { awardType(code: $code) { code name category level conferrer recipientKinds } }";
    for (code, category, level, conferrer, kinds) in DOMAIN_CODES {
        let data = app.data(query, json!({ "code": code })).await;
        let t = &data["awardType"];
        assert_eq!(t["code"], *code);
        assert_eq!(t["category"], *category, "{code}");
        assert_eq!(t["level"], *level, "{code}");
        assert_eq!(t["conferrer"], *conferrer, "{code}");
        assert_eq!(t["recipientKinds"], json!(kinds), "{code}");
        assert!(!t["name"].as_str().unwrap().is_empty());
    }
    let data = app
        .data(
            "{ awardType(code: \"KY_NIEM_CHUONG\") { category } }",
            json!({}),
        )
        .await;
    assert_eq!(data["awardType"]["category"], "COMMENDATION");
    let data = app
        .data("{ awardType(code: \"NO_SUCH_AWARD\") { code } }", json!({}))
        .await;
    assert_eq!(data["awardType"], Value::Null);
}

#[tokio::test]
async fn award_types_come_in_catalogue_order_and_filter() {
    let app = TestApp::migrated().await;
    let all = app.data("{ awardTypes { code name } }", json!({})).await;
    let codes: Vec<&str> = all["awardTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), thidua::awards::catalogue::CATALOGUE.len());
    assert_eq!(codes[0], thidua::awards::catalogue::CATALOGUE[0].code);
    let cstd = all["awardTypes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "CHIEN_SI_THI_DUA_TINH")
        .unwrap();
    assert_eq!(cstd["name"], "Chiến sĩ thi đua cấp tỉnh");

    let collective = app
        .data(
            "{ awardTypes(recipientKind: COLLECTIVE, level: PROVINCIAL) { code } }",
            json!({}),
        )
        .await;
    let codes: Vec<&str> = collective["awardTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"CO_THI_DUA_TINH") && codes.contains(&"TAP_THE_LAO_DONG_XUAT_SAC"));
    assert!(!codes.contains(&"CHIEN_SI_THI_DUA_TINH") && !codes.contains(&"GIAY_KHEN"));

    let titles = app
        .data(
            "{ awardTypes(category: EMULATION_TITLE) { category } }",
            json!({}),
        )
        .await;
    assert!(titles["awardTypes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["category"] == "EMULATION_TITLE"));
}
