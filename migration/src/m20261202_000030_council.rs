//! The provincial council (Hội đồng Thi đua – Khen thưởng, issue 11): its sessions, with the
//! members present, an agenda of dossiers and minutes; its votes per nominee (for, against,
//! abstain). `province_policy.council_vote_required` says whether a provincial award is
//! approved only with a recorded vote reaching the policy's threshold.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CouncilSession::Table)
                    .if_not_exists()
                    .col(pk_auto(CouncilSession::Id))
                    .col(integer(CouncilSession::ProvinceId))
                    .col(date(CouncilSession::HeldOn))
                    .col(string(CouncilSession::Body))
                    .col(text(CouncilSession::Members))
                    .col(text_null(CouncilSession::Minutes))
                    .col(integer_null(CouncilSession::CreatedByUserId))
                    .col(timestamp_with_time_zone(CouncilSession::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_council_session_province_id")
                            .from(CouncilSession::Table, CouncilSession::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_council_session_province_id")
                    .table(CouncilSession::Table)
                    .col(CouncilSession::ProvinceId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CouncilAgenda::Table)
                    .if_not_exists()
                    .col(pk_auto(CouncilAgenda::Id))
                    .col(integer(CouncilAgenda::SessionId))
                    .col(integer(CouncilAgenda::DossierId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_council_agenda_session_id")
                            .from(CouncilAgenda::Table, CouncilAgenda::SessionId)
                            .to(CouncilSession::Table, CouncilSession::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_council_agenda_dossier_id")
                            .from(CouncilAgenda::Table, CouncilAgenda::DossierId)
                            .to(Dossier::Table, Dossier::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_council_agenda_session_id_dossier_id")
                    .table(CouncilAgenda::Table)
                    .col(CouncilAgenda::SessionId)
                    .col(CouncilAgenda::DossierId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_council_agenda_dossier_id")
                    .table(CouncilAgenda::Table)
                    .col(CouncilAgenda::DossierId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CouncilVote::Table)
                    .if_not_exists()
                    .col(pk_auto(CouncilVote::Id))
                    .col(integer(CouncilVote::SessionId))
                    .col(integer(CouncilVote::NominationId))
                    .col(integer(CouncilVote::VotesFor))
                    .col(integer(CouncilVote::VotesAgainst))
                    .col(integer(CouncilVote::Abstentions))
                    .col(integer_null(CouncilVote::RecordedByUserId))
                    .col(timestamp_with_time_zone(CouncilVote::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_council_vote_session_id")
                            .from(CouncilVote::Table, CouncilVote::SessionId)
                            .to(CouncilSession::Table, CouncilSession::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_council_vote_nomination_id")
                            .from(CouncilVote::Table, CouncilVote::NominationId)
                            .to(Nomination::Table, Nomination::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_council_vote_session_id_nomination_id")
                    .table(CouncilVote::Table)
                    .col(CouncilVote::SessionId)
                    .col(CouncilVote::NominationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_council_vote_nomination_id")
                    .table(CouncilVote::Table)
                    .col(CouncilVote::NominationId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ProvincePolicy::Table)
                    .add_column(boolean(ProvincePolicy::CouncilVoteRequired).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ProvincePolicy::Table)
                    .drop_column(ProvincePolicy::CouncilVoteRequired)
                    .to_owned(),
            )
            .await?;
        for table in [
            CouncilVote::Table.into_iden(),
            CouncilAgenda::Table.into_iden(),
            CouncilSession::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum CouncilSession {
    Table,
    Id,
    ProvinceId,
    HeldOn,
    Body,
    Members,
    Minutes,
    CreatedByUserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CouncilAgenda {
    Table,
    Id,
    SessionId,
    DossierId,
}

#[derive(DeriveIden)]
enum CouncilVote {
    Table,
    Id,
    SessionId,
    NominationId,
    VotesFor,
    VotesAgainst,
    Abstentions,
    RecordedByUserId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum ProvincePolicy {
    Table,
    CouncilVoteRequired,
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Id,
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
