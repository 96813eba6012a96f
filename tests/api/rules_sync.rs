//! Loading the shipped eligibility rules (`sync_rules`) at every start: a rule added to the
//! list, wherever it is added, becomes one new row; nothing is duplicated; rows are never
//! rewritten; a database made before rules had keys, or before rules had periods and
//! versions, upgrades without duplicates and keeps its rows' meaning.

use crate::common::TestApp;
use entity::{award_rule, award_type};
use migration::MigratorTrait;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use thidua::awards::law::{shipped, Shipped, OLD_SOURCE};
use thidua::awards::rules::Rule;
use thidua::awards::store::{sync_rules, sync_rules_from};

/// The shipped rules with `extra` inserted at `at`.
fn with_inserted(at: usize, extra: Shipped) -> Vec<Shipped> {
    let mut rules = shipped();
    rules.insert(at, extra);
    rules
}

/// A new rule for the grassroots emulation fighter, placed second in the list (after the
/// first rule of the same award).
fn new_cstdcs_rule() -> Shipped {
    Shipped {
        key: "CSTDCS.2014.lao-dong-tien-tien-2-nam".into(),
        award: "CHIEN_SI_THI_DUA_CO_SO",
        applies_from: 2014,
        applies_to: Some(2023),
        recipient: None,
        source: OLD_SOURCE.into(),
        rule: Rule::Streak {
            award: "LAO_DONG_TIEN_TIEN".into(),
            years: 2,
            fresh: None,
        },
    }
}

async fn rows(app: &TestApp) -> Vec<award_rule::Model> {
    award_rule::Entity::find()
        .order_by_asc(award_rule::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// The rule names among `of` that `eligibility` reports for a new person of the demo
/// province for 2020 (the rules of before 2024), sorted (a rule added to an existing database may share its place in the order
/// with the rule it was inserted before).
async fn checks(app: &TestApp, award: &str, of: &[&str]) -> Vec<String> {
    let person = app
        .data_as(
            "board.camau",
            "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
            json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": "Người Kiểm Tra" } }),
        )
        .await["createPerson"]["person"]["id"]
        .clone();
    let body = app
        .data_as(
            "board.camau",
            "query($t: String!, $r: ID!) { eligibility(awardTypeCode: $t, recipientId: $r, year: 2020) { checks { rule } } }",
            json!({ "t": award, "r": person }),
        )
        .await;
    let mut rules: Vec<String> = body["eligibility"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap().to_owned())
        .filter(|r| of.contains(&r.as_str()))
        .collect();
    rules.sort();
    rules
}

#[tokio::test]
async fn a_rule_inserted_in_the_middle_of_the_list_adds_one_row_and_duplicates_none() {
    let app = TestApp::with_demo().await;
    let shipped_rows = shipped().len();
    assert_eq!(rows(&app).await.len(), shipped_rows);

    sync_rules_from(&app.db, &with_inserted(1, new_cstdcs_rule()))
        .await
        .unwrap();

    let after = rows(&app).await;
    assert_eq!(after.len(), shipped_rows + 1, "{after:#?}");
    let mut keys: Vec<&str> = after.iter().filter_map(|r| r.rule_key.as_deref()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(
        keys.len(),
        shipped_rows + 1,
        "a rule was loaded twice: {after:#?}"
    );
    let added = &after[shipped_rows];
    assert_eq!(
        added.rule_key.as_deref(),
        Some("CSTDCS.2014.lao-dong-tien-tien-2-nam")
    );
    assert_eq!(added.kind, "STREAK");
    assert_eq!(added.params, r#"{"award":"LAO_DONG_TIEN_TIEN","years":2}"#);

    // Seen from outside: each rule is checked once, the new one included.
    let rule_checks = ["HOLDS_IN_YEAR", "INITIATIVE", "STREAK"];
    assert_eq!(
        checks(&app, "CHIEN_SI_THI_DUA_CO_SO", &rule_checks).await,
        ["HOLDS_IN_YEAR", "INITIATIVE", "STREAK"]
    );
    assert_eq!(
        checks(&app, "CHIEN_SI_THI_DUA_TINH", &rule_checks).await,
        ["INITIATIVE", "STREAK"]
    );
}

#[tokio::test]
async fn syncing_again_changes_nothing_and_keeps_a_provinces_edit() {
    let app = TestApp::migrated().await;
    let loaded = rows(&app).await;
    let keys: Vec<Option<&str>> = loaded.iter().map(|r| r.rule_key.as_deref()).collect();
    assert_eq!(
        keys,
        shipped()
            .iter()
            .map(|s| Some(s.key.as_str()))
            .collect::<Vec<_>>(),
        "one row per shipped rule, in the list's order"
    );
    // The province makes the provincial fighter take four years instead of three.
    let streak = loaded
        .iter()
        .find(|r| r.rule_key.as_deref() == Some("CSTDT.2014.cstdcs-3-nam"))
        .unwrap();
    let mut edit: award_rule::ActiveModel = streak.clone().into();
    edit.params = Set(r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","years":4}"#.into());
    let edited = edit.update(&app.db).await.unwrap();
    let before = rows(&app).await;

    sync_rules(&app.db).await.unwrap();
    sync_rules(&app.db).await.unwrap();

    let after = rows(&app).await;
    assert_eq!(after, before);
    assert_eq!(
        after.iter().find(|r| r.id == edited.id).unwrap().params,
        r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","years":4}"#
    );
}

/// The rows the loader before rule keys wrote, in its order (its `sort_order` was the place
/// in this list): award type, kind, params.
const ROWS_BEFORE_KEYS: [(&str, &str, &str); 10] = [
    (
        "CHIEN_SI_THI_DUA_CO_SO",
        "HOLDS_IN_YEAR",
        r#"{"award":"LAO_DONG_TIEN_TIEN"}"#,
    ),
    (
        "CHIEN_SI_THI_DUA_CO_SO",
        "INITIATIVE",
        r#"{"count":1,"scope":"UNIT","withinYears":1}"#,
    ),
    (
        "CHIEN_SI_THI_DUA_TINH",
        "STREAK",
        r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","years":3}"#,
    ),
    (
        "CHIEN_SI_THI_DUA_TINH",
        "INITIATIVE",
        r#"{"count":1,"scope":"PROVINCIAL","withinYears":3}"#,
    ),
    (
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        "TIMES",
        r#"{"award":"CHIEN_SI_THI_DUA_TINH","count":2,"withinYears":6}"#,
    ),
    (
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        "INITIATIVE",
        r#"{"count":1,"scope":"NATIONAL","withinYears":6}"#,
    ),
    (
        "BANG_KHEN_CHU_TICH_TINH",
        "STREAK",
        r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","recipient":"INDIVIDUAL","years":2}"#,
    ),
    (
        "TAP_THE_LAO_DONG_XUAT_SAC",
        "MEMBERS_SHARE",
        r#"{"award":"LAO_DONG_TIEN_TIEN","percent":70}"#,
    ),
    (
        "TAP_THE_LAO_DONG_XUAT_SAC",
        "MEMBERS_AT_LEAST",
        r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","count":1}"#,
    ),
    ("CO_THI_DUA_TINH", "LED_CLUSTER", "{}"),
];

/// The keys those rows must get, in the same order.
const THEIR_KEYS: [&str; 10] = [
    "CSTDCS.2014.lao-dong-tien-tien",
    "CSTDCS.2014.sang-kien",
    "CSTDT.2014.cstdcs-3-nam",
    "CSTDT.2014.sang-kien",
    "CSTDTQ.2014.cstdt-2-lan",
    "CSTDTQ.2014.sang-kien",
    "BKCTT.2014.ca-nhan-cstdcs-2-nam",
    "TTLDXS.2014.thanh-vien-lao-dong-tien-tien",
    "TTLDXS.2014.thanh-vien-cstdcs",
    "CTDT.2014.dan-dau-cum",
];

/// Writes a row of `award_rule` as the schema before rule keys had it.
async fn insert_old_row(
    db: &DatabaseConnection,
    award: &str,
    applies_from: i32,
    kind: &str,
    params: &str,
    sort_order: i32,
) {
    let type_id = award_type::Entity::find()
        .filter(award_type::Column::Code.eq(award))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let insert = Query::insert()
        .into_table(Alias::new("award_rule"))
        .columns(
            [
                "award_type_id",
                "applies_from",
                "kind",
                "params",
                "description",
                "description_en",
                "sort_order",
            ]
            .map(Alias::new),
        )
        .values_panic([
            type_id.into(),
            applies_from.into(),
            kind.into(),
            params.into(),
            format!("{kind} (vi)").into(),
            format!("{kind} (en)").into(),
            sort_order.into(),
        ])
        .to_owned();
    db.execute(&insert).await.unwrap();
}

#[tokio::test]
async fn a_database_made_before_rule_keys_upgrades_without_duplicates() {
    let database = crate::common::fresh_database().await;
    let pools = thidua::db::Db::connect(&database.url).await.unwrap();
    let db = pools.writer().clone();
    // The schema before rule keys (the first two migrations), loaded as that version did.
    migration::Migrator::up(&db, Some(2)).await.unwrap();
    thidua::awards::store::sync_catalogue(&db).await.unwrap();
    for (place, (award, kind, params)) in ROWS_BEFORE_KEYS.iter().enumerate() {
        let params = if place == 2 {
            // The province made the provincial fighter take four years instead of three.
            r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","years":4}"#
        } else {
            params
        };
        insert_old_row(&db, award, 2014, kind, params, place as i32 + 1).await;
    }
    // A rule the province added itself.
    insert_old_row(
        &db,
        "BANG_KHEN_CHU_TICH_TINH",
        2024,
        "STREAK",
        r#"{"award":"TAP_THE_LAO_DONG_TIEN_TIEN","recipient":"COLLECTIVE","years":2}"#,
        1,
    )
    .await;

    // The next start: migrations, then the loader.
    thidua::app::prepare(&db).await.unwrap();

    let rows = award_rule::Entity::find()
        .order_by_asc(award_rule::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let keys: Vec<Option<&str>> = rows.iter().map(|r| r.rule_key.as_deref()).collect();
    let local = format!("LOCAL/{}", rows[10].id);
    let mut expected: Vec<Option<&str>> = THEIR_KEYS.iter().copied().map(Some).collect();
    // The province's own row, which had no key, is named after its id.
    expected.push(Some(local.as_str()));
    // Shipped rules that did not exist before keys are added after, once each.
    let all = shipped();
    expected.extend(
        all.iter()
            .filter(|s| !THEIR_KEYS.contains(&s.key.as_str()))
            .map(|s| Some(s.key.as_str())),
    );
    assert_eq!(keys, expected);
    // The rules of before 2024 end in 2023 and cite the old law; the province's row of 2024
    // stays open. Every row is a first version of a national rule.
    for row in &rows[..10] {
        assert_eq!(
            (row.applies_to, row.source.as_str()),
            (Some(2023), OLD_SOURCE)
        );
    }
    assert_eq!(rows[10].applies_to, None);
    assert!(rows
        .iter()
        .all(|r| r.version == 1 && r.province_id.is_none() && !r.retired));
    assert_eq!(
        rows[2].params, r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","years":4}"#,
        "the province's edit was overwritten"
    );

    // And the start after that changes nothing.
    thidua::app::prepare(&db).await.unwrap();
    let again = award_rule::Entity::find()
        .order_by_asc(award_rule::Column::Id)
        .all(&db)
        .await
        .unwrap();
    assert_eq!(again, rows);
}
