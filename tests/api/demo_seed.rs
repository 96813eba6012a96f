//! The demo province: the facts of the five articles, loaded once; seeding twice changes
//! nothing.

use crate::common::TestApp;
use entity::{
    cluster, cluster_member, cluster_year, person, province, province_lineage, term, unit,
    unit_lineage,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

async fn counts(db: &DatabaseConnection) -> Vec<u64> {
    vec![
        province::Entity::find().count(db).await.unwrap(),
        province_lineage::Entity::find().count(db).await.unwrap(),
        unit::Entity::find().count(db).await.unwrap(),
        unit_lineage::Entity::find().count(db).await.unwrap(),
        person::Entity::find().count(db).await.unwrap(),
        term::Entity::find().count(db).await.unwrap(),
        cluster::Entity::find().count(db).await.unwrap(),
        cluster_year::Entity::find().count(db).await.unwrap(),
        cluster_member::Entity::find().count(db).await.unwrap(),
        entity::award_type::Entity::find().count(db).await.unwrap(),
        entity::dossier::Entity::find().count(db).await.unwrap(),
    ]
}

#[tokio::test]
async fn seed_000s_proposal_is_one_dossier_of_its_unit() {
    let app = TestApp::with_demo().await;
    let seen = app
        .data_as(
            "officer.cm-skhcn",
            "{ dossiers(filter: { unitCode: \"CM-SKHCN-2025\" }) { nodes { title year kind status proposingUnit { code } nominations { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        seen["dossiers"]["nodes"],
        json!([{ "title": "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể và 06 cá nhân có thành tích xuất sắc trong phong trào thi đua giai đoạn 2020 – 2025", "year": 2025, "kind": "REGULAR", "status": "DRAFT", "proposingUnit": { "code": "CM-SKHCN-2025" }, "nominations": [] }])
    );
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let app = TestApp::with_demo().await;
    let before = counts(&app.db).await;
    assert!(before.iter().all(|n| *n > 0), "{before:?}");
    thidua::demo::seed(&app.db).await.unwrap();
    thidua::app::prepare(&app.db).await.unwrap();
    assert_eq!(counts(&app.db).await, before);
}

async fn cluster_year_of(
    db: &DatabaseConnection,
    code: &str,
    year: i32,
) -> (cluster_year::Model, Vec<String>) {
    let cluster = cluster::Entity::find()
        .filter(cluster::Column::Code.eq(code))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let row = cluster_year::Entity::find()
        .filter(cluster_year::Column::ClusterId.eq(cluster.id))
        .filter(cluster_year::Column::Year.eq(year))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let members = cluster_member::Entity::find()
        .filter(cluster_member::Column::ClusterYearId.eq(row.id))
        .all(db)
        .await
        .unwrap();
    let mut codes = Vec::new();
    for m in members {
        codes.push(
            unit::Entity::find_by_id(m.unit_id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .code,
        );
    }
    codes.sort();
    (row, codes)
}

async fn code_of(db: &DatabaseConnection, id: Option<i32>) -> Option<String> {
    match id {
        Some(id) => Some(
            unit::Entity::find_by_id(id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .code,
        ),
        None => None,
    }
}

#[tokio::test]
async fn cum_ii_has_its_seven_members_and_the_2021_election() {
    let app = TestApp::with_demo().await;
    let (y2020, members) = cluster_year_of(&app.db, "HNA-CUM-II", 2020).await;
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
    assert_eq!(
        code_of(&app.db, y2020.head_unit_id).await.as_deref(),
        Some("HNA-SKHCN")
    );
    let (y2021, members_2021) = cluster_year_of(&app.db, "HNA-CUM-II", 2021).await;
    assert_eq!(members_2021, members);
    assert_eq!(
        code_of(&app.db, y2021.head_unit_id).await.as_deref(),
        Some("HNA-STNMT")
    );
    assert_eq!(
        code_of(&app.db, y2021.deputy_unit_id).await.as_deref(),
        Some("HNA-SGTVT")
    );
}

#[tokio::test]
async fn the_kh_vh_xh_bloc_has_its_eight_members_head_and_deputy() {
    let app = TestApp::with_demo().await;
    let (y2022, members) = cluster_year_of(&app.db, "HG-KHOI-KHVHXH", 2022).await;
    assert_eq!(members.len(), 8);
    assert_eq!(
        code_of(&app.db, y2022.head_unit_id).await.as_deref(),
        Some("HG-SKHCN")
    );
    assert_eq!(
        code_of(&app.db, y2022.deputy_unit_id).await.as_deref(),
        Some("HG-SLDTBXH")
    );
    let names = app
        .data("{ units(filter: { clusterCode: \"HG-KHOI-KHVHXH\", year: 2022 }) { edges { node { name } } } }", json!({}))
        .await;
    let names: Vec<&str> = names["units"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    for expected in [
        "Ban Dân tộc tỉnh Hậu Giang",
        "Đài Phát thanh và Truyền hình tỉnh Hậu Giang",
        "Sở Y tế tỉnh Hậu Giang",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
}

#[tokio::test]
async fn the_soc_trang_union_has_its_khoa_iv_term_and_heads_cum_9_in_2024() {
    let app = TestApp::with_demo().await;
    let (y2024, members) = cluster_year_of(&app.db, "VUSTA-CUM-9", 2024).await;
    assert_eq!(members, ["ST-LHH"]);
    assert_eq!(
        code_of(&app.db, y2024.head_unit_id).await.as_deref(),
        Some("ST-LHH")
    );
    let data = app
        .data("{ terms(filter: { unitCode: \"ST-LHH\", kind: EXECUTIVE_COMMITTEE }) { edges { node { name startYear endYear } } } }", json!({}))
        .await;
    assert_eq!(
        data["terms"]["edges"],
        json!([{ "node": { "name": "Khóa IV", "startYear": 2025, "endYear": 2030 } }])
    );
}
