//! Revocation by the authority that decided (issue 12): the Law's ground, the reward money to
//! recover, and a flag for review on the awards whose eligibility used the revoked one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Award::RevocationGround)
                .string_len(32)
                .null()
                .to_owned(),
            ColumnDef::new(Award::AmountToRecover)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Award::ReviewRequestedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Award::ReviewReason).text().null().to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Award::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Award::RevocationGround,
            Award::AmountToRecover,
            Award::ReviewRequestedAt,
            Award::ReviewReason,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Award::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Award {
    Table,
    RevocationGround,
    AmountToRecover,
    ReviewRequestedAt,
    ReviewReason,
}
