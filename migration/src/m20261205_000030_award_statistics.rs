//! A dashboard's `statistics` of a province groups its awards by year, type and unit: an
//! index holding every column those queries read answers them without visiting the award
//! rows, which lie scattered through the table (measured on nation data: 139 ms to 6 ms a
//! grouped query on SQLite).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_award_province_stats")
                    .table(Award::Table)
                    .col(Award::ProvinceId)
                    .col(Award::Year)
                    .col(Award::RevokedAt)
                    .col(Award::AwardTypeId)
                    .col(Award::RecipientPersonId)
                    .col(Award::RecipientUnitId)
                    .col(Award::Amount)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_award_province_stats")
                    .table(Award::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)] // `Award::AwardTypeId` is a column name
enum Award {
    Table,
    ProvinceId,
    Year,
    RevokedAt,
    AwardTypeId,
    RecipientPersonId,
    RecipientUnitId,
    Amount,
}
