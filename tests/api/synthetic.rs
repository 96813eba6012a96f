//! `thidua seed --synthetic` (issue 14): the benchmark's data, deterministic by its seed,
//! written into an empty database only, in the shape the benchmark reads (finalized cluster
//! years of 6 to 11 members with their sheets and rankings, awards, nominations).

use std::process::Command;

use crate::cli::thidua;
use crate::common::fresh_database;
use entity::{award, cluster_year, nomination, person, province, ranking_entry, score_line};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder,
    Statement,
};

fn seed(dir: &std::path::Path, url: &str, seed: &str) -> std::process::Output {
    let mut command: Command = thidua(dir);
    command.env("DATABASE_URL", url).args([
        "seed",
        "--synthetic",
        "--scale",
        "province",
        "--seed",
        seed,
    ]);
    command.output().unwrap()
}

/// The names of the first persons and the first ranking's order.
async fn fingerprint(db: &sea_orm::DatabaseConnection) -> (Vec<String>, Vec<(i32, i32)>) {
    let names = person::Entity::find()
        .order_by_asc(person::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(50)
        .map(|p| p.full_name)
        .collect();
    let ranking = ranking_entry::Entity::find()
        .order_by_asc(ranking_entry::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(50)
        .map(|e| (e.unit_id, e.rank))
        .collect();
    (names, ranking)
}

#[tokio::test]
async fn synthetic_data_is_the_same_for_a_seed_and_goes_into_an_empty_database_only() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database().await;
    let output = seed(dir.path(), &database.url, "7");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("1 provinces, 300 units, 6000 persons, 300 cluster years"),
        "{stdout}"
    );
    let db = sea_orm::Database::connect(&database.url).await.unwrap();
    assert!(province::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .iter()
        .all(|p| p.demo));
    let years = cluster_year::Entity::find().all(&db).await.unwrap();
    assert_eq!(years.len(), 300);
    assert!(years
        .iter()
        .all(|y| y.status == entity::enums::ClusterYearStatus::Finalized));
    // Every year has 6 to 11 members, each with a score sheet of five reviewed lines and a
    // place in the ranking, ranks 1 to n.
    let sizes = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n, MIN(rank) AS low, MAX(rank) AS high FROM ranking_entry GROUP BY cluster_year_id",
        ))
        .await
        .unwrap();
    assert_eq!(sizes.len(), 300);
    for row in sizes {
        let n: i64 = row.try_get("", "n").unwrap();
        let (low, high): (i32, i32) = (
            row.try_get("", "low").unwrap(),
            row.try_get("", "high").unwrap(),
        );
        assert!((6..=11).contains(&n), "{n} members");
        assert_eq!((low, i64::from(high)), (1, n));
    }
    let entries = ranking_entry::Entity::find().count(&db).await.unwrap();
    assert_eq!(
        score_line::Entity::find().count(&db).await.unwrap(),
        5 * entries
    );
    assert_eq!(award::Entity::find().count(&db).await.unwrap(), 15_000);
    assert_eq!(nomination::Entity::find().count(&db).await.unwrap(), 3_000);
    let first = fingerprint(&db).await;

    // Not twice, and not beside other data.
    let again = seed(dir.path(), &database.url, "7");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("empty database"));
    // Rows made afterwards get ids after the chosen ones (PostgreSQL's sequences).
    let now = chrono::Utc::now();
    let row = person::ActiveModel {
        full_name: Set("Người mới".to_owned()),
        search_key: Set("nguoi moi".to_owned()),
        unit_id: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(row.id, 6_001);

    // The same seed makes the same rows; another seed others.
    let other_dir = tempfile::tempdir().unwrap();
    let same = fresh_database().await;
    assert!(seed(other_dir.path(), &same.url, "7").status.success());
    let same_db = sea_orm::Database::connect(&same.url).await.unwrap();
    assert_eq!(fingerprint(&same_db).await, first);
    let third_dir = tempfile::tempdir().unwrap();
    let different = fresh_database().await;
    assert!(seed(third_dir.path(), &different.url, "8").status.success());
    let different_db = sea_orm::Database::connect(&different.url).await.unwrap();
    assert_ne!(fingerprint(&different_db).await.0, first.0);
}
