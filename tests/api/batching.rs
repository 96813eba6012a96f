//! Nested lists are batched: the number of SQL statements of a query does not grow with the
//! number of units it returns.

use crate::common::{Start, TestApp};
use chrono::Utc;
use entity::{enums::LineageKind, enums::UnitKind, unit, unit_lineage};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::json;

const NESTED: &str = "{ units(first: 100) { totalCount edges { node {
    code name province { code predecessors { province { code } } successors { province { code } } }
    parent { code parent { code } }
    children { code children { code } }
    predecessors { kind unit { code province { code } } }
    successors { kind unit { code } }
} } } }";

/// Adds `n` units to the province of `CA_MAU`, each with a sub-unit and a predecessor.
async fn add_units(app: &TestApp, n: usize, tag: &str) {
    let now = Utc::now();
    let row = |code: String, parent: Option<i32>, province: Option<i32>| unit::ActiveModel {
        code: Set(code.clone()),
        kind: Set(if parent.is_some() {
            UnitKind::Subdivision
        } else {
            UnitKind::Department
        }),
        name: Set(format!("Đơn vị {code}")),
        search_key: Set(code.to_lowercase()),
        parent_id: Set(parent),
        province_id: Set(province),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let province = app
        .data("{ province(code: \"CA_MAU\") { id } }", json!({}))
        .await["province"]["id"]
        .as_str()
        .map(|id| thidua::api::ids::parse_global_id(id).unwrap().1);
    for i in 0..n {
        let old = unit::Entity::insert(row(format!("{tag}-OLD-{i}"), None, province))
            .exec(&app.db)
            .await
            .unwrap()
            .last_insert_id;
        let new = unit::Entity::insert(row(format!("{tag}-NEW-{i}"), None, province))
            .exec(&app.db)
            .await
            .unwrap()
            .last_insert_id;
        unit::Entity::insert(row(format!("{tag}-SUB-{i}"), Some(new), province))
            .exec(&app.db)
            .await
            .unwrap();
        unit_lineage::Entity::insert(unit_lineage::ActiveModel {
            kind: Set(LineageKind::Rename),
            predecessor_id: Set(old),
            successor_id: Set(new),
            effective_on: Set(now.date_naive()),
            legal_basis: Set("Quyết định thử".into()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap();
    }
}

/// The statements of the nested query, and the units it returned. A batch loader waits a
/// millisecond for more keys, so on a busy machine a level can now and then take two batches;
/// the least of three runs is the query's real cost.
async fn statements_for_nested_query(app: &TestApp) -> (Vec<String>, usize) {
    let mut least: Option<Vec<String>> = None;
    let mut returned = 0;
    for _ in 0..3 {
        app.take_statements();
        let data = app.data(NESTED, json!({})).await;
        let statements = app.take_statements();
        if least.as_ref().is_none_or(|l| statements.len() < l.len()) {
            least = Some(statements);
        }
        returned = data["units"]["edges"].as_array().unwrap().len();
    }
    (least.unwrap_or_default(), returned)
}

#[tokio::test]
async fn statement_count_does_not_grow_with_the_number_of_units() {
    let app = TestApp::uncached(Start::Demo).await;
    add_units(&app, 3, "A").await;
    let (few_statements, few_units) = statements_for_nested_query(&app).await;

    add_units(&app, 30, "B").await;
    let (many_statements, many_units) = statements_for_nested_query(&app).await;

    assert!(
        many_units >= few_units + 40,
        "{few_units} then {many_units} units"
    );
    // The query has eight nested loads (province, its lineage and the lineage's provinces,
    // parent and grandparent, children and grandchildren, lineage both ways and the linked
    // units): one page, one count and one batch per nested level make ten statements at
    // most. A loader waits 1 ms for keys before it runs its batch, so on a busy machine a
    // level now and then takes two batches; the bound allows that twice over. One statement
    // per unit would be over a hundred.
    const BOUND: usize = 20;
    for (units, statements) in [(few_units, &few_statements), (many_units, &many_statements)] {
        assert!(
            statements.len() <= BOUND,
            "{units} units took {} statements: {statements:#?}",
            statements.len()
        );
    }
}

/// The rankings of every cluster year of a year, as the mobile app reads them nationwide.
const RANKINGS: &str = "{ rankings(year: 2025) { cluster { code name } year ranking { rank totalPoints unit { code name } proposedAward { code } } } }";

#[tokio::test]
async fn rankings_cost_the_same_statements_however_many_cluster_years() {
    let app = TestApp::uncached(Start::Migrated).await;
    app.seed_synthetic_province().await;
    let mut least = usize::MAX;
    let mut entries = 0;
    for _ in 0..3 {
        app.take_statements();
        let data = app.data(RANKINGS, json!({})).await;
        least = least.min(app.take_statements().len());
        entries = data["rankings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| y["ranking"].as_array().unwrap().len())
            .sum();
    }
    assert!(entries > 200, "{entries} entries");
    // The clusters, the years, their entries, the ranked units and the award types proposed,
    // one statement each: a constant, whatever the number of years.
    assert!(least <= 5, "{least} statements for {entries} entries");
}
