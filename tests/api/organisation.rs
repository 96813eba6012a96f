//! The public read API of the organisation over the demo province: provinces and their 2025
//! successors, units with hierarchy and lineage in both directions, filters, search without
//! diacritics, Relay paging, global IDs.

use crate::common::TestApp;
use chrono::Utc;
use entity::{enums::UnitKind, unit};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

fn codes_of(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["code"].as_str().unwrap().to_owned())
        .collect()
}

const UNITS: &str =
    "query($filter: UnitFilter, $first: Int, $after: String, $last: Int, $before: String) {
  units(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { code name } }
  }
}";

async fn units(app: &TestApp, variables: Value) -> Value {
    app.data(UNITS, variables).await["units"].clone()
}

#[tokio::test]
async fn provinces_show_the_2025_reorganisation_in_both_directions() {
    let app = TestApp::with_demo().await;
    let data = app
        .data(
            "{ caMau: province(code: \"CA_MAU\") { name active validTo
                 predecessors { kind effectiveOn legalBasis province { code name validTo active } } }
               bacLieu: province(code: \"BAC_LIEU\") { active successors { kind province { code } } }
               active: provinces(active: true) { code }
               all: provinces { code } }",
            json!({}),
        )
        .await;
    assert_eq!(data["caMau"]["name"], "Cà Mau");
    assert_eq!(data["caMau"]["active"], true);
    assert_eq!(data["caMau"]["validTo"], Value::Null);
    let predecessor = &data["caMau"]["predecessors"][0];
    assert_eq!(predecessor["kind"], "ABSORB");
    assert_eq!(predecessor["effectiveOn"], "2025-07-01");
    assert!(predecessor["legalBasis"]
        .as_str()
        .unwrap()
        .contains("202/2025/QH15"));
    assert_eq!(
        predecessor["province"],
        json!({ "code": "BAC_LIEU", "name": "Bạc Liêu", "validTo": "2025-06-30", "active": false })
    );
    assert_eq!(
        data["bacLieu"],
        json!({ "active": false, "successors": [{ "kind": "ABSORB", "province": { "code": "CA_MAU" } }] })
    );

    let all: Vec<&str> = data["all"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    for code in [
        "CA_MAU",
        "BAC_LIEU",
        "TIEN_GIANG",
        "DONG_THAP",
        "SOC_TRANG",
        "HAU_GIANG",
        "CAN_THO",
        "NAM_DINH",
        "HA_NAM",
        "NINH_BINH",
    ] {
        assert!(all.contains(&code), "{code}");
    }
    let mut active: Vec<&str> = data["active"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    active.sort();
    assert_eq!(active, ["CAN_THO", "CA_MAU", "DONG_THAP", "NINH_BINH"]);
}

#[tokio::test]
async fn a_unit_shows_its_province_parent_children_and_lineage() {
    let app = TestApp::with_demo().await;
    let data = app
        .data(
            "{ unit(code: \"CM-SKHCN-2025\") {
                 code kind name shortName validFrom validTo active
                 province { code } parent { code } children { code kind parent { code } }
                 predecessors { kind effectiveOn unit { code name validTo active successors { unit { code } } } }
                 successors { unit { code } } } }",
            json!({}),
        )
        .await;
    let unit = &data["unit"];
    assert_eq!(unit["name"], "Sở Khoa học và Công nghệ tỉnh Cà Mau");
    assert_eq!(unit["kind"], "DEPARTMENT");
    assert_eq!(unit["shortName"], "Sở KH&CN");
    assert_eq!(unit["validFrom"], "2025-07-01");
    assert_eq!(unit["active"], true);
    assert_eq!(unit["province"]["code"], "CA_MAU");
    assert_eq!(unit["parent"], Value::Null);
    assert_eq!(
        unit["children"],
        json!([{ "code": "CM-SKHCN-2025-VP", "kind": "SUBDIVISION", "parent": { "code": "CM-SKHCN-2025" } }])
    );
    assert_eq!(unit["successors"], json!([]));
    let predecessors: Vec<&str> = unit["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(l["kind"], "MERGE");
            assert_eq!(l["effectiveOn"], "2025-07-01");
            assert_eq!(l["unit"]["validTo"], "2025-06-30");
            assert_eq!(l["unit"]["active"], false);
            assert_eq!(
                l["unit"]["successors"],
                json!([{ "unit": { "code": "CM-SKHCN-2025" } }])
            );
            l["unit"]["code"].as_str().unwrap()
        })
        .collect();
    assert_eq!(predecessors, ["CM-SKHCN", "BL-SKHCN"]);
}

#[tokio::test]
async fn the_2025_department_reform_is_kept_as_lineage() {
    let app = TestApp::with_demo().await;
    let data = app
        .data(
            "{ env: unit(code: \"NB-SNNMT-2025\") { name predecessors { kind unit { code } } }
               kh: unit(code: \"CT-SKHCN-2025\") { predecessors { kind unit { code } } }
               transport: unit(code: \"HNA-SGTVT\") { name successors { kind unit { code name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["env"]["name"],
        "Sở Nông nghiệp và Môi trường tỉnh Ninh Bình"
    );
    assert_eq!(
        data["env"]["predecessors"],
        json!([{ "kind": "MERGE", "unit": { "code": "HNA-SNNPTNT" } }, { "kind": "MERGE", "unit": { "code": "HNA-STNMT" } }])
    );
    let absorbed: Vec<&Value> = data["kh"]["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "ABSORB")
        .collect();
    assert_eq!(absorbed.len(), 1);
    assert_eq!(absorbed[0]["unit"]["code"], "HG-STTTT");
    assert_eq!(
        data["transport"],
        json!({ "name": "Sở Giao thông vận tải tỉnh Hà Nam",
                "successors": [{ "kind": "MERGE", "unit": { "code": "NB-SXD-2025", "name": "Sở Xây dựng tỉnh Ninh Bình" } }] })
    );
}

#[tokio::test]
async fn search_ignores_case_and_vietnamese_diacritics_and_accepts_nfd() {
    let app = TestApp::with_demo().await;
    let nfd: String = "Sở Khoa học và Công nghệ".nfd().collect();
    let mut results = Vec::new();
    for search in [
        "so khoa hoc",
        "SỞ KHOA HỌC",
        nfd.as_str(),
        "Sở Khoa học và Công nghệ",
    ] {
        let found = units(
            &app,
            json!({ "filter": { "search": search }, "first": 100 }),
        )
        .await;
        let names: Vec<String> = found["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
            .collect();
        assert!(
            names.iter().all(|n| n.contains("Sở Khoa học và Công nghệ")),
            "{search}: {names:?}"
        );
        assert!(
            names.contains(&"Sở Khoa học và Công nghệ tỉnh Cà Mau".to_owned()),
            "{search}"
        );
        results.push(found["totalCount"].clone());
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
    assert!(results[0].as_i64().unwrap() >= 8);

    let found = units(&app, json!({ "filter": { "search": "dai phat thanh" } })).await;
    assert_eq!(codes_of(&found), ["HG-DPTTH"]);
    let found = units(&app, json!({ "filter": { "search": "100%_" } })).await;
    assert_eq!(found["totalCount"], 0);
}

#[tokio::test]
async fn units_filter_by_kind_province_parent_cluster_year_and_activity() {
    let app = TestApp::with_demo().await;
    let agencies = units(
        &app,
        json!({ "filter": { "kind": "AGENCY", "provinceCode": "HA_NAM" } }),
    )
    .await;
    assert_eq!(codes_of(&agencies), ["HNA-TTR"]);

    let children = units(&app, json!({ "filter": { "parentCode": "TG-SKHCN" } })).await;
    assert_eq!(codes_of(&children), ["TG-SKHCN-VP"]);

    let cum_ii = units(
        &app,
        json!({ "filter": { "clusterCode": "HNA-CUM-II", "year": 2020 } }),
    )
    .await;
    assert_eq!(cum_ii["totalCount"], 7);
    let mut members = codes_of(&cum_ii);
    members.sort();
    assert_eq!(
        members,
        [
            "HNA-SCT",
            "HNA-SGTVT",
            "HNA-SKHCN",
            "HNA-SNNPTNT",
            "HNA-STNMT",
            "HNA-SXD",
            "HNA-TTR"
        ]
    );
    let bloc = units(
        &app,
        json!({ "filter": { "clusterCode": "HG-KHOI-KHVHXH", "year": 2022 } }),
    )
    .await;
    assert_eq!(bloc["totalCount"], 8);
    let none = units(
        &app,
        json!({ "filter": { "clusterCode": "HG-KHOI-KHVHXH", "year": 2019 } }),
    )
    .await;
    assert_eq!(none["totalCount"], 0);

    let in_2024 = units(
        &app,
        json!({ "filter": { "provinceCode": "HA_NAM", "year": 2024 }, "first": 100 }),
    )
    .await;
    let in_2026 = units(
        &app,
        json!({ "filter": { "provinceCode": "HA_NAM", "year": 2026 }, "first": 100 }),
    )
    .await;
    assert!(codes_of(&in_2024).contains(&"HNA-SKHCN".to_owned()));
    assert_eq!(
        in_2026["totalCount"], 0,
        "Hà Nam's departments closed on 30/6/2025"
    );

    let active = units(
        &app,
        json!({ "filter": { "provinceCode": "NINH_BINH", "active": true }, "first": 100 }),
    )
    .await;
    assert!(codes_of(&active).contains(&"NB-SXD-2025".to_owned()));
    let closed = units(&app, json!({ "filter": { "active": false }, "first": 100 })).await;
    let closed_codes = codes_of(&closed);
    assert!(closed_codes.contains(&"HNA-SGTVT".to_owned()));
    assert!(!closed_codes.contains(&"NB-SXD-2025".to_owned()));
}

#[tokio::test]
async fn paging_forwards_and_backwards_is_stable_under_inserts() {
    let app = TestApp::with_demo().await;
    let all = units(&app, json!({ "first": 100 })).await;
    let all_codes = codes_of(&all);
    let total = all["totalCount"].as_u64().unwrap() as usize;
    assert_eq!(all_codes.len(), total);
    assert!(total > 10);

    let first = units(&app, json!({ "first": 4 })).await;
    assert_eq!(codes_of(&first), all_codes[..4]);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(first["totalCount"].as_u64().unwrap() as usize, total);

    // A unit created between two page loads does not shift the next page.
    let now = Utc::now();
    unit::Entity::insert(unit::ActiveModel {
        code: Set("ZZ-NEW".into()),
        kind: Set(UnitKind::Other),
        name: Set("Đơn vị mới".into()),
        search_key: Set("don vi moi".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    let cursor = first["pageInfo"]["endCursor"].clone();
    let second = units(&app, json!({ "first": 4, "after": cursor })).await;
    assert_eq!(codes_of(&second), all_codes[4..8]);
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);

    let last = units(&app, json!({ "last": 3 })).await;
    assert_eq!(codes_of(&last).last().unwrap(), "ZZ-NEW");
    assert_eq!(last["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(last["pageInfo"]["hasNextPage"], false);
    let before = units(
        &app,
        json!({ "last": 2, "before": second["edges"][0]["cursor"] }),
    )
    .await;
    assert_eq!(codes_of(&before), all_codes[2..4]);
    assert_eq!(before["pageInfo"]["hasNextPage"], true);

    let empty = units(&app, json!({ "first": 0 })).await;
    assert_eq!(codes_of(&empty), Vec::<String>::new());
    assert_eq!(empty["totalCount"].as_u64().unwrap() as usize, total + 1);
}

#[tokio::test]
async fn default_page_is_twenty() {
    let app = TestApp::with_demo().await;
    let page = units(&app, json!({})).await;
    assert_eq!(page["edges"].as_array().unwrap().len(), 20);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn global_ids_round_trip_through_node_and_nodes() {
    let app = TestApp::with_demo().await;
    let data = app
        .data(
            "{ unit(code: \"ST-LHH\") { id } province(code: \"SOC_TRANG\") { id }
               awardType(code: \"GIAY_KHEN\") { id } terms(first: 1) { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let unit_id = data["unit"]["id"].clone();
    let province_id = data["province"]["id"].clone();
    let award_id = data["awardType"]["id"].clone();
    let term_id = data["terms"]["edges"][0]["node"]["id"].clone();
    let found = app
        .data(
            "query($id: ID!, $ids: [ID!]!) {
               node(id: $id) { __typename id ... on Unit { code name } }
               nodes(ids: $ids) { __typename id ... on Province { code } ... on AwardType { code } ... on Term { name } ... on Unit { code } } }",
            json!({ "id": unit_id, "ids": [province_id, award_id, term_id, unit_id] }),
        )
        .await;
    assert_eq!(found["node"]["__typename"], "Unit");
    assert_eq!(found["node"]["code"], "ST-LHH");
    assert_eq!(
        found["node"]["name"],
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Sóc Trăng"
    );
    let nodes = found["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["code"], "SOC_TRANG");
    assert_eq!(nodes[1]["code"], "GIAY_KHEN");
    assert_eq!(nodes[2]["name"], data["terms"]["edges"][0]["node"]["name"]);
    assert_eq!(nodes[3]["code"], "ST-LHH");
    assert_eq!(nodes[3]["id"], unit_id);
}

#[tokio::test]
async fn the_public_sees_no_persons_by_list_or_by_id() {
    let app = TestApp::with_demo().await;
    let data = app.data("{ persons(filter: { search: \"Trinh Cong Ly\" }) { totalCount edges { node { id fullName } } } }", json!({})).await;
    assert_eq!(data["persons"], json!({ "totalCount": 0, "edges": [] }));

    use sea_orm::{ColumnTrait, QueryFilter};
    let person = entity::person::Entity::find()
        .filter(entity::person::Column::FullName.eq("Trịnh Công Lý"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo has Trịnh Công Lý");
    let id = thidua::api::ids::global_id(thidua::api::ids::NodeKind::Person, person.id);
    let data = app
        .data(
            "query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data, json!({ "node": null, "nodes": [null] }));
}

#[tokio::test]
async fn terms_filter_by_kind_unit_and_year() {
    let app = TestApp::with_demo().await;
    let query = "query($filter: TermFilter) { terms(filter: $filter) { totalCount edges { node { kind name startYear endYear unit { code } } } } }";
    let periods = app
        .data(query, json!({ "filter": { "kind": "EMULATION_PERIOD" } }))
        .await;
    assert_eq!(periods["terms"]["totalCount"], 2);
    let in_2022 = app
        .data(
            query,
            json!({ "filter": { "kind": "EMULATION_PERIOD", "activeIn": 2022 } }),
        )
        .await;
    assert_eq!(
        in_2022["terms"]["edges"][0]["node"],
        json!({ "kind": "EMULATION_PERIOD", "name": "Giai đoạn 2020–2025", "startYear": 2020, "endYear": 2025, "unit": null })
    );
    let union = app
        .data(query, json!({ "filter": { "unitCode": "ST-LHH" } }))
        .await;
    assert_eq!(
        union["terms"]["edges"][0]["node"],
        json!({ "kind": "EXECUTIVE_COMMITTEE", "name": "Khóa IV", "startYear": 2025, "endYear": 2030, "unit": { "code": "ST-LHH" } })
    );
}
