//! The rules of the law in force, as versioned data each province edits (issue 10).
//!
//! `award_rule` rows gain the period they apply to (`applies_to`, the last year; open when
//! NULL), their legal basis (`source`), the province whose own version they are (NULL: the
//! national default), a `version` (a change is a new row, never an edit of the one a report
//! relied on), whether the version retires the rule, why it was made, when and by whom.
//! Keys stay the way to name a rule, now unique per version: a province's version of a
//! national rule carries the province's code before it (`CM/CSTDCS.2024.tieu-chuan`).
//! Existing rows keep their meaning: rows without a key get `LOCAL/{id}`, and every rule of
//! before 2024 ends in 2023 (the Law of 2022 applies from 1 January 2024).
//!
//! `province_policy` holds a province's policy, one row per version: whether a collective's
//! streak crosses a merger (moved here from `province`), how many proposals a cluster sends
//! (1 flag and 2 certificates until now, fixed in code), and the council's vote threshold.
//!
//! `initiative.kind` tells an initiative (sáng kiến) from an accepted research project (đề
//! tài khoa học), which the rules of Chiến sĩ thi đua cơ sở count as alternatives.
//!
//! `award.commendation_kind` and `nomination.commendation_kind` say the kind of
//! commendation (loại hình khen thưởng, Law 2022 Art. 8): regular, thematic, exceptional,
//! dedication, foreign affairs, tenure. Everything so far was regular. Thematic and
//! exceptional awards are no basis for a proposal upward.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_UNIQUE_KEY: &str = "uq_award_rule_rule_key";
const UNIQUE_VERSION: &str = "uq_award_rule_rule_key_version";

/// The legal basis of the rules shipped for the years before 2024.
const OLD_SOURCE: &str = "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let columns = [
            integer_null(AwardRule::AppliesTo),
            text(AwardRule::Source).default("").to_owned(),
            integer_null(AwardRule::ProvinceId),
            integer(AwardRule::Version).default(1).to_owned(),
            boolean(AwardRule::Retired).default(false).to_owned(),
            text_null(AwardRule::Reason),
            timestamp_with_time_zone_null(AwardRule::RecordedAt),
            integer_null(AwardRule::RecordedByUserId),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(AwardRule::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE award_rule SET rule_key = 'LOCAL/' || CAST(id AS TEXT) WHERE rule_key IS NULL",
        )
        .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(AwardRule::Table)
                    .value(AwardRule::AppliesTo, 2023)
                    .value(AwardRule::Source, OLD_SOURCE)
                    .and_where(Expr::col(AwardRule::AppliesFrom).lt(2024))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_UNIQUE_KEY)
                    .table(AwardRule::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(UNIQUE_VERSION)
                    .table(AwardRule::Table)
                    .col(AwardRule::RuleKey)
                    .col(AwardRule::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_award_rule_province_id")
                    .table(AwardRule::Table)
                    .col(AwardRule::ProvinceId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProvincePolicy::Table)
                    .if_not_exists()
                    .col(pk_auto(ProvincePolicy::Id))
                    .col(integer(ProvincePolicy::ProvinceId))
                    .col(integer(ProvincePolicy::Version))
                    .col(boolean(ProvincePolicy::CollectiveStreakAcrossMergers))
                    .col(integer(ProvincePolicy::ClusterFlagQuota))
                    .col(integer(ProvincePolicy::ClusterCertificateQuota))
                    .col(integer(ProvincePolicy::CouncilVoteThreshold))
                    .col(text(ProvincePolicy::Source))
                    .col(text_null(ProvincePolicy::Reason))
                    .col(timestamp_with_time_zone(ProvincePolicy::RecordedAt))
                    .col(integer_null(ProvincePolicy::RecordedByUserId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_province_policy_province_id")
                            .from(ProvincePolicy::Table, ProvincePolicy::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_province_policy_recorded_by_user_id")
                            .from(ProvincePolicy::Table, ProvincePolicy::RecordedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_province_policy_province_id_version")
                    .table(ProvincePolicy::Table)
                    .col(ProvincePolicy::ProvinceId)
                    .col(ProvincePolicy::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Each province's policy so far becomes its first version; the rest is what the
        // code fixed until now.
        db.execute_unprepared(
            "INSERT INTO province_policy (province_id, version, collective_streak_across_mergers, \
             cluster_flag_quota, cluster_certificate_quota, council_vote_threshold, source, \
             reason, recorded_at) \
             SELECT id, 1, collective_streak_across_mergers, 1, 2, 90, '', NULL, created_at \
             FROM province WHERE collective_streak_across_mergers",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Province::Table)
                    .drop_column(Province::CollectiveStreakAcrossMergers)
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Initiative::Table)
                    .add_column(string_len(Initiative::Kind, 32).default("INITIATIVE"))
                    .to_owned(),
            )
            .await?;
        for table in [Award::Table.into_iden(), Nomination::Table.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(string_len(Award::CommendationKind, 32).default("REGULAR"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Award::Table.into_iden(), Nomination::Table.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Award::CommendationKind)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Initiative::Table)
                    .drop_column(Initiative::Kind)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Province::Table)
                    .add_column(boolean(Province::CollectiveStreakAcrossMergers).default(false))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE province SET collective_streak_across_mergers = COALESCE((SELECT p.collective_streak_across_mergers \
             FROM province_policy p WHERE p.province_id = province.id \
             ORDER BY p.version DESC LIMIT 1), collective_streak_across_mergers)",
        )
        .await?;
        manager
            .drop_table(Table::drop().table(ProvincePolicy::Table).to_owned())
            .await?;
        // Only the latest version of each key goes back to the single-row form.
        db.execute_unprepared(
            "DELETE FROM award_rule WHERE version < (SELECT MAX(r.version) FROM award_rule r \
             WHERE r.rule_key = award_rule.rule_key)",
        )
        .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_award_rule_province_id")
                    .table(AwardRule::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(UNIQUE_VERSION)
                    .table(AwardRule::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_UNIQUE_KEY)
                    .table(AwardRule::Table)
                    .col(AwardRule::RuleKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for column in [
            AwardRule::RecordedByUserId,
            AwardRule::RecordedAt,
            AwardRule::Reason,
            AwardRule::Retired,
            AwardRule::Version,
            AwardRule::ProvinceId,
            AwardRule::Source,
            AwardRule::AppliesTo,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AwardRule::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AwardRule {
    Table,
    AppliesFrom,
    AppliesTo,
    RuleKey,
    Source,
    ProvinceId,
    Version,
    Retired,
    Reason,
    RecordedAt,
    RecordedByUserId,
}

#[derive(DeriveIden)]
enum ProvincePolicy {
    Table,
    Id,
    ProvinceId,
    Version,
    CollectiveStreakAcrossMergers,
    ClusterFlagQuota,
    ClusterCertificateQuota,
    CouncilVoteThreshold,
    Source,
    Reason,
    RecordedAt,
    RecordedByUserId,
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Id,
    CollectiveStreakAcrossMergers,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Award {
    Table,
    CommendationKind,
}

#[derive(DeriveIden)]
enum Nomination {
    Table,
}

#[derive(DeriveIden)]
enum Initiative {
    Table,
    Kind,
}
