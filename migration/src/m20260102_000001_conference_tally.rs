//! Conference tallies: how many collectives and individuals received, or were proposed for,
//! each award at a conference, when the articles give numbers without names (seed 000: Giấy
//! khen to 3 collectives and 29 individuals).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConferenceTally::Table)
                    .if_not_exists()
                    .col(pk_auto(ConferenceTally::Id))
                    .col(integer(ConferenceTally::ConferenceId))
                    .col(integer(ConferenceTally::AwardTypeId))
                    .col(string_len(ConferenceTally::Kind, 32))
                    .col(integer(ConferenceTally::Collectives).default(0))
                    .col(integer(ConferenceTally::Individuals).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conference_tally_conference_id")
                            .from(ConferenceTally::Table, ConferenceTally::ConferenceId)
                            .to(Conference::Table, Conference::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conference_tally_award_type_id")
                            .from(ConferenceTally::Table, ConferenceTally::AwardTypeId)
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_conference_tally_conference_award_kind")
                    .table(ConferenceTally::Table)
                    .col(ConferenceTally::ConferenceId)
                    .col(ConferenceTally::AwardTypeId)
                    .col(ConferenceTally::Kind)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(ConferenceTally::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ConferenceTally {
    Table,
    Id,
    ConferenceId,
    AwardTypeId,
    Kind,
    Collectives,
    Individuals,
}

#[derive(DeriveIden)]
enum Conference {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AwardType {
    Table,
    Id,
}
