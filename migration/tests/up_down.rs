//! Runs the migration up, down and up again on SQLite (in memory) and, when
//! `TEST_DATABASE_URL` is set, on that PostgreSQL database; then checks that rows
//! can be written and read back through the `entity` crate and that foreign keys
//! are enforced.

use chrono::{NaiveDate, Utc};
use entity::{prelude::*, province, unit, UnitKind};
use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
    ModelTrait, QueryFilter, Set,
};

/// Every table the migration must create, in creation order.
const TABLES: [&str; 34] = [
    "province",
    "province_lineage",
    "unit",
    "unit_lineage",
    "app_user",
    "person",
    "person_private",
    "term",
    "person_position",
    "cluster",
    "cluster_year",
    "cluster_member",
    "criterion",
    "score_sheet",
    "score_line",
    "award_type",
    "ranking_entry",
    "award_rule",
    "decision",
    "nomination",
    "nomination_event",
    "conference",
    "award",
    "movement",
    "movement_registration",
    "initiative",
    "conference_tally",
    "audit_log",
    "province_policy",
    "dossier",
    "dossier_event",
    "council_session",
    "council_agenda",
    "council_vote",
];

async fn assert_tables(db: &DatabaseConnection, present: bool) {
    let manager = sea_orm_migration::SchemaManager::new(db);
    for table in TABLES {
        assert_eq!(
            manager.has_table(table).await.unwrap(),
            present,
            "table {table} present should be {present}"
        );
    }
}

/// up, down, up; leaves the schema in place.
async fn up_down_up(db: &DatabaseConnection) {
    Migrator::up(db, None).await.expect("first up");
    assert_tables(db, true).await;
    // Running up again with nothing pending is a no-op.
    Migrator::up(db, None).await.expect("idempotent up");
    Migrator::down(db, None).await.expect("down");
    assert_tables(db, false).await;
    Migrator::up(db, None).await.expect("second up");
    assert_tables(db, true).await;
}

/// Inserts a province and a unit through the entity crate and reads them back.
async fn insert_and_read_back(db: &DatabaseConnection) {
    let now = Utc::now();
    let province = province::ActiveModel {
        code: Set("HN".to_owned()),
        name: Set("Thành phố Hà Nội".to_owned()),
        search_key: Set("thanh pho ha noi".to_owned()),
        valid_from: Set(Some(NaiveDate::from_ymd_opt(2008, 8, 1).unwrap())),
        valid_to: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert province");

    let unit = unit::ActiveModel {
        code: Set("SNV".to_owned()),
        kind: Set(UnitKind::Department),
        name: Set("Sở Nội vụ".to_owned()),
        short_name: Set(Some("SNV".to_owned())),
        search_key: Set("so noi vu".to_owned()),
        parent_id: Set(None),
        province_id: Set(Some(province.id)),
        valid_from: Set(None),
        valid_to: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert unit");

    let found = Unit::find()
        .filter(unit::Column::Kind.eq(UnitKind::Department))
        .filter(unit::Column::ProvinceId.eq(province.id))
        .one(db)
        .await
        .unwrap()
        .expect("unit read back");
    assert_eq!(found, unit);
    assert_eq!(found.kind, UnitKind::Department);
    assert_eq!(found.name, "Sở Nội vụ");
    // Timestamps round-trip at least to the second on both backends.
    assert_eq!(found.created_at.timestamp(), now.timestamp());

    let owner = found
        .find_related(Province)
        .one(db)
        .await
        .unwrap()
        .expect("related province");
    assert_eq!(owner, province);
    let units = province.find_related(Unit).all(db).await.unwrap();
    assert_eq!(units.len(), 1);

    // The enum is stored as its SCREAMING_SNAKE string.
    let row = db
        .query_one_raw(sea_orm_migration::sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT kind FROM unit",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "kind").unwrap(), "DEPARTMENT");

    // Foreign keys are enforced: a unit in a province that does not exist is refused.
    let orphan = unit::ActiveModel {
        code: Set("ORPHAN".to_owned()),
        kind: Set(UnitKind::Other),
        name: Set("Orphan".to_owned()),
        search_key: Set("orphan".to_owned()),
        province_id: Set(Some(province.id + 1000)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    assert!(
        orphan.is_err(),
        "foreign key fk_unit_province_id not enforced"
    );

    // Unique key on unit.code.
    let duplicate = unit::ActiveModel {
        code: Set("SNV".to_owned()),
        kind: Set(UnitKind::Other),
        name: Set("Duplicate".to_owned()),
        search_key: Set("duplicate".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    assert!(duplicate.is_err(), "unique key on unit.code not enforced");
}

#[tokio::test]
async fn sqlite_up_down_up() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    up_down_up(&db).await;
    insert_and_read_back(&db).await;
}

#[tokio::test]
async fn postgres_up_down_up() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("TEST_DATABASE_URL not set; skipping the PostgreSQL check");
        return;
    };
    let db = Database::connect(&url).await.unwrap();
    // Start from an empty schema in case an earlier run left tables behind.
    Migrator::down(&db, None).await.expect("initial down");
    up_down_up(&db).await;
    insert_and_read_back(&db).await;
    Migrator::down(&db, None)
        .await
        .expect("down before the upgrade check");
    // In the same test: the PostgreSQL checks share one database and must not overlap.
    upgrade_from_before_rule_keys(&db).await;
    // Drop the domain tables again (the seaql_migrations bookkeeping table stays).
    Migrator::down(&db, None).await.expect("final down");
}

/// How many migrations there were before `award_rule.rule_key`.
const BEFORE_RULE_KEYS: u32 = 2;

/// Writes an `award_rule` row as the schema before rule keys had it.
async fn insert_rule_without_key(
    db: &DatabaseConnection,
    award_type_id: i32,
    applies_from: i32,
    sort_order: i32,
) {
    use sea_orm_migration::sea_query::{Alias, Query};
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
            award_type_id.into(),
            applies_from.into(),
            "STREAK".into(),
            r#"{"award":"CHIEN_SI_THI_DUA_CO_SO","years":3}"#.into(),
            "3 năm liên tục".into(),
            "3 consecutive years".into(),
            sort_order.into(),
        ])
        .to_owned();
    db.execute(&insert)
        .await
        .expect("insert an old award_rule row");
}

/// From the schema before rule keys, with rows: the shipped rule the old loader put third
/// gets its key, a province's own rule gets none, keys are unique, and down removes the
/// column again.
async fn upgrade_from_before_rule_keys(db: &DatabaseConnection) {
    use entity::{award_rule, award_type, AwardCategory, AwardLevel, Conferrer};
    Migrator::up(db, Some(BEFORE_RULE_KEYS))
        .await
        .expect("up to the schema before rule keys");
    let cstdt = award_type::ActiveModel {
        code: Set("CHIEN_SI_THI_DUA_TINH".to_owned()),
        name: Set("Chiến sĩ thi đua cấp tỉnh".to_owned()),
        name_en: Set("Provincial emulation fighter".to_owned()),
        category: Set(AwardCategory::EmulationTitle),
        level: Set(AwardLevel::Provincial),
        conferrer: Set(Conferrer::ProvinceChairman),
        for_individual: Set(true),
        for_collective: Set(false),
        sort_order: Set(5),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert award type");
    // Third in the old list: the provincial fighter's streak.
    insert_rule_without_key(db, cstdt.id, 2014, 3).await;
    // The province's own rule, from 2024.
    insert_rule_without_key(db, cstdt.id, 2024, 1).await;
    // A province whose collective streaks cross mergers, and one whose do not.
    db.execute_unprepared(
        "INSERT INTO province (code, name, search_key, collective_streak_across_mergers, created_at) \
         VALUES ('CA_MAU', 'Cà Mau', 'ca mau', TRUE, '2026-01-01T00:00:00Z'), \
                ('HA_NAM', 'Hà Nam', 'ha nam', FALSE, '2026-01-01T00:00:00Z')",
    )
    .await
    .expect("insert provinces with their policy");

    Migrator::up(db, None).await.expect("upgrade");
    // The policy moved to province_policy: a first version where it was set.
    let policies = entity::province_policy::Entity::find()
        .all(db)
        .await
        .unwrap();
    assert_eq!(policies.len(), 1, "{policies:?}");
    assert!(policies[0].collective_streak_across_mergers);
    assert_eq!(
        (
            policies[0].version,
            policies[0].cluster_flag_quota,
            policies[0].cluster_certificate_quota
        ),
        (1, 1, 2)
    );
    let rows = award_rule::Entity::find().all(db).await.unwrap();
    let mut keys: Vec<(i32, Option<i32>, Option<String>)> = rows
        .iter()
        .map(|r| (r.applies_from, r.applies_to, r.rule_key.clone()))
        .collect();
    keys.sort();
    let own = rows.iter().find(|r| r.applies_from == 2024).unwrap();
    assert_eq!(
        keys,
        [
            (2014, Some(2023), Some("CSTDT.2014.cstdcs-3-nam".to_owned())),
            (2024, None, Some(format!("LOCAL/{}", own.id)))
        ]
    );
    assert!(rows.iter().all(|r| r.version == 1 && !r.retired));
    // A second version of a key is allowed; a second row of the same version is not.
    let second = award_rule::ActiveModel {
        rule_key: Set(Some("CSTDT.2014.cstdcs-3-nam".to_owned())),
        award_type_id: Set(cstdt.id),
        applies_from: Set(2014),
        kind: Set("LED_CLUSTER".to_owned()),
        params: Set("{}".to_owned()),
        description: Set("Dẫn đầu cụm".to_owned()),
        description_en: Set("Led its cluster".to_owned()),
        sort_order: Set(1),
        source: Set(String::new()),
        version: Set(2),
        retired: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await;
    assert!(second.is_ok(), "{second:?}");
    let duplicate = award_rule::ActiveModel {
        rule_key: Set(Some("CSTDT.2014.cstdcs-3-nam".to_owned())),
        award_type_id: Set(cstdt.id),
        applies_from: Set(2026),
        kind: Set("LED_CLUSTER".to_owned()),
        params: Set("{}".to_owned()),
        description: Set("Dẫn đầu cụm".to_owned()),
        description_en: Set("Led its cluster".to_owned()),
        sort_order: Set(1),
        source: Set(String::new()),
        version: Set(2),
        retired: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await;
    assert!(
        duplicate.is_err(),
        "unique (rule_key, version) on award_rule not enforced"
    );

    let manager = sea_orm_migration::SchemaManager::new(db);
    let newer = Migrator::get_pending_migrations(db).await.unwrap().len() as u32;
    assert_eq!(newer, 0);
    let applied = Migrator::get_applied_migrations(db).await.unwrap().len() as u32;
    Migrator::down(db, Some(applied - BEFORE_RULE_KEYS))
        .await
        .expect("down to the schema before rule keys");
    assert!(!manager.has_column("award_rule", "rule_key").await.unwrap());
    Migrator::up(db, None).await.expect("up again");
    assert!(manager.has_column("award_rule", "rule_key").await.unwrap());
}

#[tokio::test]
async fn sqlite_upgrade_from_before_rule_keys() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    upgrade_from_before_rule_keys(&db).await;
}
