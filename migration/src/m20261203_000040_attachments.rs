//! Attachments of dossiers and council sessions (issue 11): the submission letter, each
//! nominee's achievement report, the council's minutes and ballot count, confirmations of
//! initiatives. A row names the file as uploaded; the bytes are kept by their SHA-256 in the
//! file store (`THIDUA_FILES_DIR`), so the row holds no content.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachment::Table)
                    .if_not_exists()
                    .col(pk_auto(Attachment::Id))
                    .col(integer_null(Attachment::DossierId))
                    .col(integer_null(Attachment::NominationId))
                    .col(integer_null(Attachment::CouncilSessionId))
                    .col(string_len(Attachment::Kind, 32))
                    .col(string(Attachment::FileName))
                    .col(string_len(Attachment::ContentType, 128))
                    .col(big_integer(Attachment::Size))
                    .col(string_len(Attachment::Sha256, 64))
                    .col(integer_null(Attachment::UploadedByUserId))
                    .col(timestamp_with_time_zone(Attachment::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachment_dossier_id")
                            .from(Attachment::Table, Attachment::DossierId)
                            .to(Dossier::Table, Dossier::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachment_nomination_id")
                            .from(Attachment::Table, Attachment::NominationId)
                            .to(Nomination::Table, Nomination::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachment_council_session_id")
                            .from(Attachment::Table, Attachment::CouncilSessionId)
                            .to(CouncilSession::Table, CouncilSession::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachment_uploaded_by_user_id")
                            .from(Attachment::Table, Attachment::UploadedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_attachment_dossier_id", Attachment::DossierId),
            ("idx_attachment_nomination_id", Attachment::NominationId),
            (
                "idx_attachment_council_session_id",
                Attachment::CouncilSessionId,
            ),
            ("idx_attachment_sha256", Attachment::Sha256),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Attachment::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachment::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Attachment {
    Table,
    Id,
    DossierId,
    NominationId,
    CouncilSessionId,
    Kind,
    FileName,
    ContentType,
    Size,
    Sha256,
    UploadedByUserId,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Dossier {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Nomination {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CouncilSession {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}
