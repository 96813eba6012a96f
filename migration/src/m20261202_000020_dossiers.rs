//! Dossiers (hồ sơ đề nghị khen thưởng, issue 11): one numbered submission letter of a
//! proposing unit for many nominees, with a kind of commendation, an assignee in the board
//! and a history of every step. `nomination.dossier_id` places a nomination in a dossier.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Dossier::Table)
                    .if_not_exists()
                    .col(pk_auto(Dossier::Id))
                    .col(integer_null(Dossier::ProvinceId))
                    .col(integer(Dossier::ProposingUnitId))
                    .col(string(Dossier::Title))
                    .col(integer(Dossier::Year))
                    .col(string_len(Dossier::CommendationKind, 32))
                    .col(string_len_null(Dossier::Number, 64))
                    .col(date_null(Dossier::SubmittedOn))
                    .col(string_null(Dossier::SignerName))
                    .col(string_len(Dossier::Status, 32))
                    .col(integer_null(Dossier::AssigneeUserId))
                    .col(integer(Dossier::Version))
                    .col(integer_null(Dossier::CreatedByUserId))
                    .col(timestamp_with_time_zone(Dossier::CreatedAt))
                    .col(timestamp_with_time_zone(Dossier::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_province_id")
                            .from(Dossier::Table, Dossier::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_proposing_unit_id")
                            .from(Dossier::Table, Dossier::ProposingUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_assignee_user_id")
                            .from(Dossier::Table, Dossier::AssigneeUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_created_by_user_id")
                            .from(Dossier::Table, Dossier::CreatedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_dossier_province_id", Dossier::ProvinceId),
            ("idx_dossier_proposing_unit_id", Dossier::ProposingUnitId),
            ("idx_dossier_status", Dossier::Status),
            ("idx_dossier_year", Dossier::Year),
            ("idx_dossier_commendation_kind", Dossier::CommendationKind),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Dossier::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(DossierEvent::Table)
                    .if_not_exists()
                    .col(pk_auto(DossierEvent::Id))
                    .col(integer(DossierEvent::DossierId))
                    .col(string_len(DossierEvent::Action, 64))
                    .col(string_len_null(DossierEvent::FromStatus, 32))
                    .col(string_len(DossierEvent::ToStatus, 32))
                    .col(integer_null(DossierEvent::ActorUserId))
                    .col(integer_null(DossierEvent::AssigneeUserId))
                    .col(text_null(DossierEvent::Comment))
                    .col(timestamp_with_time_zone(DossierEvent::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_event_dossier_id")
                            .from(DossierEvent::Table, DossierEvent::DossierId)
                            .to(Dossier::Table, Dossier::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_event_actor_user_id")
                            .from(DossierEvent::Table, DossierEvent::ActorUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dossier_event_assignee_user_id")
                            .from(DossierEvent::Table, DossierEvent::AssigneeUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_dossier_event_dossier_id")
                    .table(DossierEvent::Table)
                    .col(DossierEvent::DossierId)
                    .to_owned(),
            )
            .await?;
        // SQLite adds a column without its foreign key; the application keeps it.
        manager
            .alter_table(
                Table::alter()
                    .table(Nomination::Table)
                    .add_column(integer_null(Nomination::DossierId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_nomination_dossier_id")
                    .table(Nomination::Table)
                    .col(Nomination::DossierId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_nomination_dossier_id")
                    .table(Nomination::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Nomination::Table)
                    .drop_column(Nomination::DossierId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(DossierEvent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Dossier::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Dossier {
    Table,
    Id,
    ProvinceId,
    ProposingUnitId,
    Title,
    Year,
    CommendationKind,
    Number,
    SubmittedOn,
    SignerName,
    Status,
    AssigneeUserId,
    Version,
    CreatedByUserId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DossierEvent {
    Table,
    Id,
    DossierId,
    Action,
    FromStatus,
    ToStatus,
    ActorUserId,
    AssigneeUserId,
    Comment,
    At,
}

#[derive(DeriveIden)]
enum Nomination {
    Table,
    DossierId,
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
