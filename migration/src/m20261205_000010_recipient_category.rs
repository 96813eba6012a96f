//! The statutory forms count awards by their recipient's category (leader of which level,
//! entrepreneur, direct worker; collective, enterprise, household): an award records its
//! recipient's category on the day it is conferred. Awards conferred before have none; the
//! forms then read it from the recipient as they are now.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Award::Table)
                    .add_column(
                        ColumnDef::new(Award::RecipientCategory)
                            .string_len(32)
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Award::Table)
                    .drop_column(Award::RecipientCategory)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Award {
    Table,
    RecipientCategory,
}
