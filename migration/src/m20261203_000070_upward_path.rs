//! The upward path (khen cao, issue 12): a province's proposal of national awards to the
//! central level, with its submission's number and date; `nomination.upward_proposal_id`
//! names the proposal a nomination went up in.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UpwardProposal::Table)
                    .if_not_exists()
                    .col(pk_auto(UpwardProposal::Id))
                    .col(integer(UpwardProposal::ProvinceId))
                    .col(string_len(UpwardProposal::Number, 64))
                    .col(date(UpwardProposal::SubmittedOn))
                    .col(integer_null(UpwardProposal::RecordedByUserId))
                    .col(timestamp_with_time_zone(UpwardProposal::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_upward_proposal_province_id")
                            .from(UpwardProposal::Table, UpwardProposal::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_upward_proposal_recorded_by_user_id")
                            .from(UpwardProposal::Table, UpwardProposal::RecordedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_upward_proposal_province_id")
                    .table(UpwardProposal::Table)
                    .col(UpwardProposal::ProvinceId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Nomination::Table)
                    .add_column(
                        ColumnDef::new(Nomination::UpwardProposalId)
                            .integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_nomination_upward_proposal_id")
                    .table(Nomination::Table)
                    .col(Nomination::UpwardProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_nomination_upward_proposal_id")
                    .table(Nomination::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Nomination::Table)
                    .drop_column(Nomination::UpwardProposalId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(UpwardProposal::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum UpwardProposal {
    Table,
    Id,
    ProvinceId,
    Number,
    SubmittedOn,
    RecordedByUserId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Nomination {
    Table,
    UpwardProposalId,
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
