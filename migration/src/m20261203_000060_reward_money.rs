//! Reward money (tiền thưởng, issue 12): a versioned table of multipliers of the base salary
//! per award type and kind of recipient, a versioned base salary (mức lương cơ sở), both with
//! their legal source, and each award's amount in VND, computed when it is decided.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RewardRate::Table)
                    .if_not_exists()
                    .col(pk_auto(RewardRate::Id))
                    .col(integer(RewardRate::AwardTypeId))
                    .col(string_len(RewardRate::RecipientKind, 16))
                    .col(integer(RewardRate::MultiplierMilli))
                    .col(date(RewardRate::AppliesFrom))
                    .col(text(RewardRate::Source))
                    .col(integer_null(RewardRate::RecordedByUserId))
                    .col(timestamp_with_time_zone(RewardRate::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reward_rate_award_type_id")
                            .from(RewardRate::Table, RewardRate::AwardTypeId)
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reward_rate_recorded_by_user_id")
                            .from(RewardRate::Table, RewardRate::RecordedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_reward_rate_award_type_id", RewardRate::AwardTypeId),
            ("idx_reward_rate_recipient_kind", RewardRate::RecipientKind),
            ("idx_reward_rate_applies_from", RewardRate::AppliesFrom),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(RewardRate::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(BaseSalary::Table)
                    .if_not_exists()
                    .col(pk_auto(BaseSalary::Id))
                    .col(big_integer(BaseSalary::Amount))
                    .col(date(BaseSalary::AppliesFrom))
                    .col(text(BaseSalary::Source))
                    .col(integer_null(BaseSalary::RecordedByUserId))
                    .col(timestamp_with_time_zone(BaseSalary::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_salary_recorded_by_user_id")
                            .from(BaseSalary::Table, BaseSalary::RecordedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_base_salary_applies_from")
                    .table(BaseSalary::Table)
                    .col(BaseSalary::AppliesFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Award::Table)
                    .add_column(ColumnDef::new(Award::Amount).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Award::Table)
                    .drop_column(Award::Amount)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(BaseSalary::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RewardRate::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RewardRate {
    Table,
    Id,
    AwardTypeId,
    RecipientKind,
    MultiplierMilli,
    AppliesFrom,
    Source,
    RecordedByUserId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum BaseSalary {
    Table,
    Id,
    Amount,
    AppliesFrom,
    Source,
    RecordedByUserId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Award {
    Table,
    Amount,
}

#[derive(DeriveIden)]
enum AwardType {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
