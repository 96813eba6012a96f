//! Day one for a real province (issue 13): a province knows whether it is the demo's, so a
//! real installation never mixes the two; an account knows when its password last changed,
//! so the tokens issued before stop working.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Province::Table)
                    .add_column(
                        ColumnDef::new(Province::Demo)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        // Before this, neither the API nor the command line could make a province: every
        // province of a database with demo accounts came from the demo seed.
        manager
            .exec_stmt(
                Query::update()
                    .table(Province::Table)
                    .value(Province::Demo, true)
                    .and_where(Expr::exists(
                        Query::select()
                            .expr(Expr::val(1))
                            .from(AppUser::Table)
                            .and_where(Expr::col(AppUser::Demo).eq(true))
                            .to_owned(),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(
                        ColumnDef::new(AppUser::PasswordChangedAt)
                            .timestamp_with_time_zone()
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
                    .table(AppUser::Table)
                    .drop_column(AppUser::PasswordChangedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Province::Table)
                    .drop_column(Province::Demo)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Demo,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Demo,
    PasswordChangedAt,
}
