//! Reopening a finalized cluster year keeps its ranking (issue 12): the entries move to
//! `superseded_ranking_entry` with when and why, so that the ranking a decided award rests on
//! stays visible beside the new one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupersededRankingEntry::Table)
                    .if_not_exists()
                    .col(pk_auto(SupersededRankingEntry::Id))
                    .col(integer(SupersededRankingEntry::ClusterYearId))
                    .col(integer(SupersededRankingEntry::UnitId))
                    .col(integer(SupersededRankingEntry::Rank))
                    .col(double(SupersededRankingEntry::TotalPoints))
                    .col(integer_null(SupersededRankingEntry::ProposedAwardTypeId))
                    .col(timestamp_with_time_zone(
                        SupersededRankingEntry::SupersededAt,
                    ))
                    .col(text(SupersededRankingEntry::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_superseded_ranking_entry_cluster_year_id")
                            .from(
                                SupersededRankingEntry::Table,
                                SupersededRankingEntry::ClusterYearId,
                            )
                            .to(ClusterYear::Table, ClusterYear::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_superseded_ranking_entry_unit_id")
                            .from(
                                SupersededRankingEntry::Table,
                                SupersededRankingEntry::UnitId,
                            )
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_superseded_ranking_entry_cluster_year_id")
                    .table(SupersededRankingEntry::Table)
                    .col(SupersededRankingEntry::ClusterYearId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(SupersededRankingEntry::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum SupersededRankingEntry {
    Table,
    Id,
    ClusterYearId,
    UnitId,
    Rank,
    TotalPoints,
    ProposedAwardTypeId,
    SupersededAt,
    Reason,
}

#[derive(DeriveIden)]
enum ClusterYear {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
}
