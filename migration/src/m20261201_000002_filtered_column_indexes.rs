//! An index for every column a request filters or joins on that had none (found by
//! `tests/indexes.rs`, which scans the source for such columns): foreign keys that lists,
//! loaders and access scopes filter by (`cluster.province_id`, `nomination.province_id`,
//! `cluster_year.head_unit_id`, …) and the audit log's filters by actor and object.
//! Without them each of those reads scans its whole table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column): one single-column index each, named `idx_<table>_<column>`.
const INDEXED: &[(&str, &str)] = &[
    ("audit_log", "actor"),
    ("audit_log", "object_id"),
    ("award", "conference_id"),
    ("cluster", "province_id"),
    ("cluster_year", "head_unit_id"),
    ("decision", "province_id"),
    ("movement", "launching_unit_id"),
    ("movement_registration", "movement_id"),
    ("movement_registration", "person_id"),
    ("movement_registration", "unit_id"),
    ("nomination", "proposed_by_cluster_year_id"),
    ("nomination", "province_id"),
    ("score_line", "criterion_id"),
    ("score_sheet", "unit_id"),
    ("term", "province_id"),
];

fn name(table: &str, column: &str) -> String {
    format!("idx_{table}_{column}")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for &(table, column) in INDEXED {
            manager
                .create_index(
                    Index::create()
                        .if_not_exists()
                        .name(name(table, column))
                        .table(Alias::new(table))
                        .col(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for &(table, column) in INDEXED {
            manager
                .drop_index(
                    Index::drop()
                        .if_exists()
                        .name(name(table, column))
                        .table(Alias::new(table))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
