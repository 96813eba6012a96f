//! Every column the code filters or joins on is indexed, on SQLite and on PostgreSQL.
//!
//! The filtered columns are found in the source itself: every `module::Column::Name` of
//! `src/**/*.rs` that is compared with `.eq(`, `.is_in(`, `.in_subquery(` or joined with
//! `.equals(`, and every key column of a `grouped_loader!` (the DataLoaders' `IS IN` batches).
//! Connections page by row id (`api::paging`), a primary key. A new filter on a column
//! without an index fails this test: add the index in a migration, or, if the column
//! really needs none, add it to [`NEED_NO_INDEX`] with the reason.
//!
//! A column counts as indexed when it is the primary key or the FIRST column of some index
//! (an index on `(a, b)` serves a filter on `a`, not one on `b` alone). Entity modules are
//! named after their tables, so `cluster_year::Column::HeadUnitId` is `cluster_year.head_unit_id`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::TestApp;
use regex::Regex;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Columns the code filters on that need no index of their own: (table, column or `*` for
/// the whole table, why).
const NEED_NO_INDEX: &[(&str, &str, &str)] = &[
    (
        "award_type",
        "*",
        "the award catalogue: a few dozen rows, read whole",
    ),
    (
        "award",
        "year",
        "with award_type_id or province_id (idx_award_award_type_id_year, \
         idx_award_province_id_year) or a recipient",
    ),
    ("province", "demo", "the provinces: a few dozen rows"),
    (
        "app_user",
        "role",
        "with unit_id (idx_app_user_unit_id), or on the few accounts of a province",
    ),
    (
        "award_rule",
        "version",
        "only with rule_key, the first column of uq_award_rule_rule_key_version",
    ),
    (
        "decision",
        "number",
        "only with issuer_unit_id, the first column of uq_decision_issuer_unit_id_number",
    ),
    (
        "performance_rating",
        "year",
        "only with person_id or unit_id (uq_performance_rating_person_id_year, \
         uq_performance_rating_unit_id_year)",
    ),
    (
        "ranking_entry",
        "rank",
        "only with unit_id (idx_ranking_entry_unit_id)",
    ),
    (
        "cluster_year",
        "version",
        "only with id: the optimistic lock of an update",
    ),
    (
        "term",
        "start_year",
        "only with kind (idx_term_kind_start_year) and the owner",
    ),
    // Enumerations of a handful of values: an index on them alone would select a large
    // share of the table; they narrow what a selective column or the viewer's scope found.
    ("audit_log", "action", "an enumeration of a few actions"),
    ("cluster", "kind", "CLUSTER or BLOC"),
    ("cluster_year", "status", "an enumeration of a few states"),
    ("conference", "kind", "an enumeration of a few kinds"),
    ("movement", "kind", "an enumeration of a few kinds"),
    ("unit", "kind", "an enumeration of a few kinds"),
];

/// Source folders that no request runs: the demo seed loads a fixed data set once.
const NOT_SCANNED: &[&str] = &["src/demo"];

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        if NOT_SCANNED.iter().any(|skip| relative.starts_with(skip)) {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (table, column) → the files that filter or join on it.
fn filtered_columns() -> BTreeMap<(String, String), BTreeSet<String>> {
    // `x::Column::Name` followed (after closing parentheses) by a comparison or a join.
    let compared = Regex::new(
        r"(?:^|[^$\w])([a-z_]+)::Column::([A-Z][A-Za-z0-9]*)[\s)]*\.(?:eq|is_in|in_subquery|equals)\(",
    )
    .unwrap();
    // The other side of a join: `.equals((x::Entity, x::Column::Name))`.
    let joined =
        Regex::new(r"\.equals\(\(\s*[a-z_]+::Entity,\s*([a-z_]+)::Column::([A-Z][A-Za-z0-9]*)")
            .unwrap();
    // `grouped_loader!(Name, module, Column, ...)`: batches `WHERE column IN (...)`.
    let loaded =
        Regex::new(r"grouped_loader!\(\s*\w+,\s*([a-z_]+),\s*([A-Z][A-Za-z0-9]*),").unwrap();
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut found: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        for re in [&compared, &joined, &loaded] {
            for c in re.captures_iter(&text) {
                found
                    .entry((c[1].to_owned(), snake(&c[2])))
                    .or_default()
                    .insert(name.clone());
            }
        }
    }
    found
}

/// (table, column) pairs that lead an index or are the primary key, and every column.
async fn indexed_and_all_columns(
    app: &TestApp,
) -> (BTreeSet<(String, String)>, BTreeSet<(String, String)>) {
    let (leading, all) = match app.db.get_database_backend() {
        DbBackend::Sqlite => (
            "SELECT m.name AS tbl, ii.name AS col FROM sqlite_master m \
             JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii \
             WHERE m.type = 'table' AND ii.seqno = 0 \
             UNION SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND p.pk = 1",
            "SELECT m.name AS tbl, p.name AS col FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
        ),
        // pg_index (the catalog behind pg_indexes) gives each index's columns as numbers;
        // indkey[0] is the first. Primary keys are indexes there too.
        DbBackend::Postgres => (
            "SELECT t.relname::text AS tbl, a.attname::text AS col FROM pg_index i \
             JOIN pg_class t ON t.oid = i.indrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] \
             WHERE n.nspname = current_schema()",
            "SELECT table_name::text AS tbl, column_name::text AS col \
             FROM information_schema.columns WHERE table_schema = current_schema()",
        ),
        other => panic!("unsupported backend {other:?}"),
    };
    let pairs = |sql: &'static str| async move {
        app.db
            .query_all_raw(Statement::from_string(app.db.get_database_backend(), sql))
            .await
            .unwrap()
            .into_iter()
            .map(|row| {
                (
                    row.try_get::<String>("", "tbl").unwrap(),
                    row.try_get::<String>("", "col").unwrap(),
                )
            })
            .collect::<BTreeSet<_>>()
    };
    (pairs(leading).await, pairs(all).await)
}

fn needs_no_index(table: &str, column: &str) -> bool {
    NEED_NO_INDEX
        .iter()
        .any(|(t, c, _)| *t == table && (*c == "*" || *c == column))
}

#[test]
fn the_scan_finds_filters_joins_and_loader_batches() {
    let found = filtered_columns();
    for (table, column) in [
        // .filter(cluster::Column::ProvinceId.eq(..))
        ("cluster", "province_id"),
        // .filter(nomination::Column::ProvinceId.is_in(..))
        ("nomination", "province_id"),
        // Expr::col((award::Entity, award::Column::ProvinceId)).in_subquery(..)
        ("award", "province_id"),
        // .inner_join(cluster_year, Expr::col((cluster_year, Id)).equals((cluster_member, ClusterYearId)))
        ("cluster_member", "cluster_year_id"),
        ("cluster_year", "id"),
        // grouped_loader!(NominationHistory, nomination_event, NominationId, ..)
        ("nomination_event", "nomination_id"),
    ] {
        assert!(
            found.contains_key(&(table.to_owned(), column.to_owned())),
            "{table}.{column} not found by the scan"
        );
    }
    // The macro's own `$module::Column::$column` is not a column.
    assert!(!found.keys().any(|(t, _)| t == "module"), "{found:?}");
}

#[test]
fn every_exemption_is_still_a_filtered_column() {
    let found = filtered_columns();
    for (table, column, _) in NEED_NO_INDEX {
        assert!(
            found
                .keys()
                .any(|(t, c)| t == table && (*column == "*" || c == column)),
            "{table}.{column} is exempted but nothing filters on it any more: remove it"
        );
    }
}

#[tokio::test]
async fn every_filtered_or_joined_column_leads_an_index() {
    let app = TestApp::migrated().await;
    let (indexed, columns) = indexed_and_all_columns(&app).await;
    let mut missing = Vec::new();
    for ((table, column), files) in filtered_columns() {
        let key = (table.clone(), column.clone());
        assert!(
            columns.contains(&key),
            "the scan read {table}.{column} (in {files:?}), which is not a column"
        );
        if !indexed.contains(&key) && !needs_no_index(&table, &column) {
            missing.push(format!(
                "{table}.{column} ({})",
                files.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "filtered or joined on without an index:\n{}",
        missing.join("\n")
    );
}

/// What SQLite plans for `sql`, as the lines of `EXPLAIN QUERY PLAN`.
async fn sqlite_plan(db: &sea_orm::DatabaseConnection, sql: &str) -> String {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!("EXPLAIN QUERY PLAN {sql}"),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| row.try_get::<String>("", "detail").unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// On SQLite the planner has statistics once the server has started over data: without them
/// it picks an index by how many columns it matches, and read a person's award of a type and
/// year (every eligibility report, every nomination) through all the awards of that type and
/// year.
#[tokio::test]
async fn the_planner_knows_a_person_has_few_awards() {
    let app = TestApp::migrated().await;
    if app.db.get_database_backend() != DbBackend::Sqlite {
        return; // PostgreSQL's autovacuum keeps its statistics
    }
    app.seed_synthetic_province().await;
    const HAS_AWARD: &str = "SELECT id FROM award WHERE award_type_id = 3 AND year = 2020 AND revoked_at IS NULL AND recipient_person_id IN (1) ORDER BY id LIMIT 1";
    // What the server does at every start.
    thidua::app::prepare(&app.db).await.unwrap();
    let plan = sqlite_plan(&app.db, HAS_AWARD).await;
    assert!(plan.contains("idx_award_recipient_person_id"), "{plan}");
    // and again at the next start, when the statistics exist
    thidua::app::prepare(&app.db).await.unwrap();
    let plan = sqlite_plan(&app.db, HAS_AWARD).await;
    assert!(plan.contains("idx_award_recipient_person_id"), "{plan}");
}
