//! The single migration creating the whole domain schema of thidua.
//!
//! Only the portable schema builder is used, so the same statements run on SQLite and
//! PostgreSQL. Foreign keys are declared inside `CREATE TABLE` (SQLite cannot add them
//! later) and are all `ON DELETE RESTRICT`; tables are created in dependency order.
//! Enums are stored as `varchar(32)`, JSON as `text`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // province
        manager
            .create_table(
                Table::create()
                    .table(Province::Table)
                    .if_not_exists()
                    .col(pk_auto(Province::Id))
                    .col(string_len_uniq(Province::Code, 32))
                    .col(string(Province::Name))
                    .col(string(Province::SearchKey))
                    .col(date_null(Province::ValidFrom))
                    .col(date_null(Province::ValidTo))
                    .col(boolean(Province::CollectiveStreakAcrossMergers).default(false))
                    .col(timestamp_with_time_zone(Province::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // province_lineage
        manager
            .create_table(
                Table::create()
                    .table(ProvinceLineage::Table)
                    .if_not_exists()
                    .col(pk_auto(ProvinceLineage::Id))
                    .col(string_len(ProvinceLineage::Kind, 32))
                    .col(integer(ProvinceLineage::PredecessorId))
                    .col(integer(ProvinceLineage::SuccessorId))
                    .col(date(ProvinceLineage::EffectiveOn))
                    .col(string(ProvinceLineage::LegalBasis))
                    .col(timestamp_with_time_zone(ProvinceLineage::CreatedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_province_lineage_predecessor_id_successor_id")
                            .col(ProvinceLineage::PredecessorId)
                            .col(ProvinceLineage::SuccessorId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_province_lineage_predecessor_id")
                            .from(ProvinceLineage::Table, ProvinceLineage::PredecessorId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_province_lineage_successor_id")
                            .from(ProvinceLineage::Table, ProvinceLineage::SuccessorId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_province_lineage_successor_id")
                    .table(ProvinceLineage::Table)
                    .col(ProvinceLineage::SuccessorId)
                    .to_owned(),
            )
            .await?;

        // unit
        manager
            .create_table(
                Table::create()
                    .table(Unit::Table)
                    .if_not_exists()
                    .col(pk_auto(Unit::Id))
                    .col(string_len_uniq(Unit::Code, 32))
                    .col(string_len(Unit::Kind, 32))
                    .col(string(Unit::Name))
                    .col(string_null(Unit::ShortName))
                    .col(string(Unit::SearchKey))
                    .col(integer_null(Unit::ParentId))
                    .col(integer_null(Unit::ProvinceId))
                    .col(date_null(Unit::ValidFrom))
                    .col(date_null(Unit::ValidTo))
                    .col(timestamp_with_time_zone(Unit::CreatedAt))
                    .col(timestamp_with_time_zone(Unit::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_parent_id")
                            .from(Unit::Table, Unit::ParentId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_province_id")
                            .from(Unit::Table, Unit::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_unit_parent_id")
                    .table(Unit::Table)
                    .col(Unit::ParentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_unit_province_id")
                    .table(Unit::Table)
                    .col(Unit::ProvinceId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_unit_province_id_kind")
                    .table(Unit::Table)
                    .col(Unit::ProvinceId)
                    .col(Unit::Kind)
                    .to_owned(),
            )
            .await?;

        // unit_lineage
        manager
            .create_table(
                Table::create()
                    .table(UnitLineage::Table)
                    .if_not_exists()
                    .col(pk_auto(UnitLineage::Id))
                    .col(string_len(UnitLineage::Kind, 32))
                    .col(integer(UnitLineage::PredecessorId))
                    .col(integer(UnitLineage::SuccessorId))
                    .col(date(UnitLineage::EffectiveOn))
                    .col(string(UnitLineage::LegalBasis))
                    .col(timestamp_with_time_zone(UnitLineage::CreatedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_unit_lineage_predecessor_id_successor_id")
                            .col(UnitLineage::PredecessorId)
                            .col(UnitLineage::SuccessorId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_lineage_predecessor_id")
                            .from(UnitLineage::Table, UnitLineage::PredecessorId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_lineage_successor_id")
                            .from(UnitLineage::Table, UnitLineage::SuccessorId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_unit_lineage_successor_id")
                    .table(UnitLineage::Table)
                    .col(UnitLineage::SuccessorId)
                    .to_owned(),
            )
            .await?;

        // app_user
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .if_not_exists()
                    .col(pk_auto(AppUser::Id))
                    .col(string_len_uniq(AppUser::Username, 64))
                    .col(string(AppUser::PasswordHash))
                    .col(string_len(AppUser::Role, 32))
                    .col(integer_null(AppUser::UnitId))
                    .col(integer_null(AppUser::ProvinceId))
                    .col(timestamp_with_time_zone_null(AppUser::DisabledAt))
                    .col(boolean(AppUser::Demo).default(false))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_unit_id")
                            .from(AppUser::Table, AppUser::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_province_id")
                            .from(AppUser::Table, AppUser::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // person
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .if_not_exists()
                    .col(pk_auto(Person::Id))
                    .col(string(Person::FullName))
                    .col(string(Person::SearchKey))
                    .col(integer(Person::UnitId))
                    .col(string_null(Person::Title))
                    .col(string_len_null(Person::Gender, 16))
                    .col(timestamp_with_time_zone(Person::CreatedAt))
                    .col(timestamp_with_time_zone(Person::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_unit_id")
                            .from(Person::Table, Person::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_person_unit_id")
                    .table(Person::Table)
                    .col(Person::UnitId)
                    .to_owned(),
            )
            .await?;

        // person_private
        manager
            .create_table(
                Table::create()
                    .table(PersonPrivate::Table)
                    .if_not_exists()
                    .col(integer(PersonPrivate::PersonId).primary_key().take())
                    .col(date_null(PersonPrivate::BirthDate))
                    .col(string_null(PersonPrivate::Phone))
                    .col(string_null(PersonPrivate::Email))
                    .col(string_null(PersonPrivate::Address))
                    .col(string_null(PersonPrivate::NationalId))
                    .col(timestamp_with_time_zone(PersonPrivate::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_private_person_id")
                            .from(PersonPrivate::Table, PersonPrivate::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // term
        manager
            .create_table(
                Table::create()
                    .table(Term::Table)
                    .if_not_exists()
                    .col(pk_auto(Term::Id))
                    .col(string_len(Term::Kind, 32))
                    .col(string(Term::Name))
                    .col(integer_null(Term::UnitId))
                    .col(integer_null(Term::ProvinceId))
                    .col(integer(Term::StartYear))
                    .col(integer(Term::EndYear))
                    .col(timestamp_with_time_zone(Term::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_term_unit_id")
                            .from(Term::Table, Term::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_term_province_id")
                            .from(Term::Table, Term::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_term_unit_id")
                    .table(Term::Table)
                    .col(Term::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_term_kind_start_year")
                    .table(Term::Table)
                    .col(Term::Kind)
                    .col(Term::StartYear)
                    .to_owned(),
            )
            .await?;

        // person_position
        manager
            .create_table(
                Table::create()
                    .table(PersonPosition::Table)
                    .if_not_exists()
                    .col(pk_auto(PersonPosition::Id))
                    .col(integer(PersonPosition::PersonId))
                    .col(integer(PersonPosition::UnitId))
                    .col(integer_null(PersonPosition::TermId))
                    .col(string(PersonPosition::Title))
                    .col(date_null(PersonPosition::StartOn))
                    .col(date_null(PersonPosition::EndOn))
                    .col(timestamp_with_time_zone(PersonPosition::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_position_person_id")
                            .from(PersonPosition::Table, PersonPosition::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_position_unit_id")
                            .from(PersonPosition::Table, PersonPosition::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_position_term_id")
                            .from(PersonPosition::Table, PersonPosition::TermId)
                            .to(Term::Table, Term::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_person_position_person_id")
                    .table(PersonPosition::Table)
                    .col(PersonPosition::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_person_position_unit_id")
                    .table(PersonPosition::Table)
                    .col(PersonPosition::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_person_position_term_id")
                    .table(PersonPosition::Table)
                    .col(PersonPosition::TermId)
                    .to_owned(),
            )
            .await?;

        // cluster
        manager
            .create_table(
                Table::create()
                    .table(Cluster::Table)
                    .if_not_exists()
                    .col(pk_auto(Cluster::Id))
                    .col(string_len_uniq(Cluster::Code, 32))
                    .col(string(Cluster::Name))
                    .col(string(Cluster::SearchKey))
                    .col(string_len(Cluster::Kind, 32))
                    .col(integer_null(Cluster::ProvinceId))
                    .col(integer_null(Cluster::OrganiserUnitId))
                    .col(string_null(Cluster::OrganiserName))
                    .col(timestamp_with_time_zone(Cluster::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_province_id")
                            .from(Cluster::Table, Cluster::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_organiser_unit_id")
                            .from(Cluster::Table, Cluster::OrganiserUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // cluster_year
        manager
            .create_table(
                Table::create()
                    .table(ClusterYear::Table)
                    .if_not_exists()
                    .col(pk_auto(ClusterYear::Id))
                    .col(integer(ClusterYear::ClusterId))
                    .col(integer(ClusterYear::Year))
                    .col(string_len(ClusterYear::Status, 32))
                    .col(integer_null(ClusterYear::HeadUnitId))
                    .col(integer_null(ClusterYear::DeputyUnitId))
                    .col(date_null(ClusterYear::CovenantSignedOn))
                    .col(integer(ClusterYear::Version).default(1).take())
                    .col(timestamp_with_time_zone_null(ClusterYear::FinalizedAt))
                    .col(timestamp_with_time_zone(ClusterYear::CreatedAt))
                    .col(timestamp_with_time_zone(ClusterYear::UpdatedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_cluster_year_cluster_id_year")
                            .col(ClusterYear::ClusterId)
                            .col(ClusterYear::Year),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_year_cluster_id")
                            .from(ClusterYear::Table, ClusterYear::ClusterId)
                            .to(Cluster::Table, Cluster::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_year_head_unit_id")
                            .from(ClusterYear::Table, ClusterYear::HeadUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_year_deputy_unit_id")
                            .from(ClusterYear::Table, ClusterYear::DeputyUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_cluster_year_year")
                    .table(ClusterYear::Table)
                    .col(ClusterYear::Year)
                    .to_owned(),
            )
            .await?;

        // cluster_member
        manager
            .create_table(
                Table::create()
                    .table(ClusterMember::Table)
                    .if_not_exists()
                    .col(pk_auto(ClusterMember::Id))
                    .col(integer(ClusterMember::ClusterYearId))
                    .col(integer(ClusterMember::UnitId))
                    .col(timestamp_with_time_zone(ClusterMember::CreatedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_cluster_member_cluster_year_id_unit_id")
                            .col(ClusterMember::ClusterYearId)
                            .col(ClusterMember::UnitId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_member_cluster_year_id")
                            .from(ClusterMember::Table, ClusterMember::ClusterYearId)
                            .to(ClusterYear::Table, ClusterYear::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cluster_member_unit_id")
                            .from(ClusterMember::Table, ClusterMember::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_cluster_member_unit_id")
                    .table(ClusterMember::Table)
                    .col(ClusterMember::UnitId)
                    .to_owned(),
            )
            .await?;

        // criterion
        manager
            .create_table(
                Table::create()
                    .table(Criterion::Table)
                    .if_not_exists()
                    .col(pk_auto(Criterion::Id))
                    .col(integer(Criterion::ClusterYearId))
                    .col(string_len(Criterion::Code, 32))
                    .col(string(Criterion::Title))
                    .col(double(Criterion::MaxPoints))
                    .col(integer(Criterion::SortOrder))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_criterion_cluster_year_id_code")
                            .col(Criterion::ClusterYearId)
                            .col(Criterion::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_criterion_cluster_year_id")
                            .from(Criterion::Table, Criterion::ClusterYearId)
                            .to(ClusterYear::Table, ClusterYear::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // score_sheet
        manager
            .create_table(
                Table::create()
                    .table(ScoreSheet::Table)
                    .if_not_exists()
                    .col(pk_auto(ScoreSheet::Id))
                    .col(integer(ScoreSheet::ClusterYearId))
                    .col(integer(ScoreSheet::UnitId))
                    .col(double(ScoreSheet::Bonus).default(0.0).take())
                    .col(string_null(ScoreSheet::BonusReason))
                    .col(double(ScoreSheet::Penalty).default(0.0).take())
                    .col(string_null(ScoreSheet::PenaltyReason))
                    .col(timestamp_with_time_zone_null(ScoreSheet::SubmittedAt))
                    .col(timestamp_with_time_zone_null(ScoreSheet::ReviewedAt))
                    .col(timestamp_with_time_zone(ScoreSheet::UpdatedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_score_sheet_cluster_year_id_unit_id")
                            .col(ScoreSheet::ClusterYearId)
                            .col(ScoreSheet::UnitId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_score_sheet_cluster_year_id")
                            .from(ScoreSheet::Table, ScoreSheet::ClusterYearId)
                            .to(ClusterYear::Table, ClusterYear::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_score_sheet_unit_id")
                            .from(ScoreSheet::Table, ScoreSheet::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // score_line
        manager
            .create_table(
                Table::create()
                    .table(ScoreLine::Table)
                    .if_not_exists()
                    .col(pk_auto(ScoreLine::Id))
                    .col(integer(ScoreLine::ScoreSheetId))
                    .col(integer(ScoreLine::CriterionId))
                    .col(double_null(ScoreLine::SelfPoints))
                    .col(double_null(ScoreLine::ReviewedPoints))
                    .col(text_null(ScoreLine::Evidence))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_score_line_score_sheet_id_criterion_id")
                            .col(ScoreLine::ScoreSheetId)
                            .col(ScoreLine::CriterionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_score_line_score_sheet_id")
                            .from(ScoreLine::Table, ScoreLine::ScoreSheetId)
                            .to(ScoreSheet::Table, ScoreSheet::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_score_line_criterion_id")
                            .from(ScoreLine::Table, ScoreLine::CriterionId)
                            .to(Criterion::Table, Criterion::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // award_type
        manager
            .create_table(
                Table::create()
                    .table(AwardType::Table)
                    .if_not_exists()
                    .col(pk_auto(AwardType::Id))
                    .col(string_len_uniq(AwardType::Code, 64))
                    .col(string(AwardType::Name))
                    .col(string(AwardType::NameEn))
                    .col(string_len(AwardType::Category, 32))
                    .col(string_len(AwardType::Level, 32))
                    .col(string_len(AwardType::Conferrer, 32))
                    .col(boolean(AwardType::ForIndividual))
                    .col(boolean(AwardType::ForCollective))
                    .col(integer(AwardType::SortOrder))
                    .col(timestamp_with_time_zone(AwardType::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // ranking_entry
        manager
            .create_table(
                Table::create()
                    .table(RankingEntry::Table)
                    .if_not_exists()
                    .col(pk_auto(RankingEntry::Id))
                    .col(integer(RankingEntry::ClusterYearId))
                    .col(integer(RankingEntry::UnitId))
                    .col(integer(RankingEntry::Rank))
                    .col(double(RankingEntry::TotalPoints))
                    .col(integer_null(RankingEntry::ProposedAwardTypeId))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_ranking_entry_cluster_year_id_unit_id")
                            .col(RankingEntry::ClusterYearId)
                            .col(RankingEntry::UnitId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ranking_entry_cluster_year_id")
                            .from(RankingEntry::Table, RankingEntry::ClusterYearId)
                            .to(ClusterYear::Table, ClusterYear::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ranking_entry_unit_id")
                            .from(RankingEntry::Table, RankingEntry::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ranking_entry_proposed_award_type_id")
                            .from(RankingEntry::Table, RankingEntry::ProposedAwardTypeId)
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_ranking_entry_unit_id")
                    .table(RankingEntry::Table)
                    .col(RankingEntry::UnitId)
                    .to_owned(),
            )
            .await?;

        // award_rule
        manager
            .create_table(
                Table::create()
                    .table(AwardRule::Table)
                    .if_not_exists()
                    .col(pk_auto(AwardRule::Id))
                    .col(integer(AwardRule::AwardTypeId))
                    .col(integer(AwardRule::AppliesFrom))
                    .col(string_len(AwardRule::Kind, 64))
                    .col(text(AwardRule::Params))
                    .col(string(AwardRule::Description))
                    .col(string(AwardRule::DescriptionEn))
                    .col(integer(AwardRule::SortOrder))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_rule_award_type_id")
                            .from(AwardRule::Table, AwardRule::AwardTypeId)
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_award_rule_award_type_id_applies_from")
                    .table(AwardRule::Table)
                    .col(AwardRule::AwardTypeId)
                    .col(AwardRule::AppliesFrom)
                    .to_owned(),
            )
            .await?;

        // decision
        manager
            .create_table(
                Table::create()
                    .table(Decision::Table)
                    .if_not_exists()
                    .col(pk_auto(Decision::Id))
                    .col(string_len(Decision::Number, 64))
                    .col(integer(Decision::IssuerUnitId))
                    .col(date(Decision::SignedOn))
                    .col(string(Decision::SignerName))
                    .col(string(Decision::SignerTitle))
                    .col(integer_null(Decision::ProvinceId))
                    .col(timestamp_with_time_zone(Decision::CreatedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_decision_issuer_unit_id_number")
                            .col(Decision::IssuerUnitId)
                            .col(Decision::Number),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_issuer_unit_id")
                            .from(Decision::Table, Decision::IssuerUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_province_id")
                            .from(Decision::Table, Decision::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // nomination
        manager
            .create_table(
                Table::create()
                    .table(Nomination::Table)
                    .if_not_exists()
                    .col(pk_auto(Nomination::Id))
                    .col(integer(Nomination::AwardTypeId))
                    .col(integer_null(Nomination::RecipientPersonId))
                    .col(integer_null(Nomination::RecipientUnitId))
                    .col(integer(Nomination::Year))
                    .col(integer_null(Nomination::ProposedByUnitId))
                    .col(integer_null(Nomination::ProposedByClusterYearId))
                    .col(string_len(Nomination::Status, 32))
                    .col(text(Nomination::Achievements))
                    .col(text_null(Nomination::Basis))
                    .col(text_null(Nomination::Justification))
                    .col(text_null(Nomination::EligibilityReport))
                    .col(integer_null(Nomination::DecisionId))
                    .col(integer_null(Nomination::ProvinceId))
                    .col(integer_null(Nomination::CreatedByUserId))
                    .col(integer(Nomination::Version).default(1).take())
                    .col(timestamp_with_time_zone(Nomination::CreatedAt))
                    .col(timestamp_with_time_zone(Nomination::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_award_type_id")
                            .from(Nomination::Table, Nomination::AwardTypeId)
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_recipient_person_id")
                            .from(Nomination::Table, Nomination::RecipientPersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_recipient_unit_id")
                            .from(Nomination::Table, Nomination::RecipientUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_proposed_by_unit_id")
                            .from(Nomination::Table, Nomination::ProposedByUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_proposed_by_cluster_year_id")
                            .from(Nomination::Table, Nomination::ProposedByClusterYearId)
                            .to(ClusterYear::Table, ClusterYear::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_decision_id")
                            .from(Nomination::Table, Nomination::DecisionId)
                            .to(Decision::Table, Decision::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_province_id")
                            .from(Nomination::Table, Nomination::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_created_by_user_id")
                            .from(Nomination::Table, Nomination::CreatedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_status")
                    .table(Nomination::Table)
                    .col(Nomination::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_year")
                    .table(Nomination::Table)
                    .col(Nomination::Year)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_award_type_id")
                    .table(Nomination::Table)
                    .col(Nomination::AwardTypeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_recipient_person_id")
                    .table(Nomination::Table)
                    .col(Nomination::RecipientPersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_recipient_unit_id")
                    .table(Nomination::Table)
                    .col(Nomination::RecipientUnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_proposed_by_unit_id")
                    .table(Nomination::Table)
                    .col(Nomination::ProposedByUnitId)
                    .to_owned(),
            )
            .await?;

        // nomination_event
        manager
            .create_table(
                Table::create()
                    .table(NominationEvent::Table)
                    .if_not_exists()
                    .col(pk_auto(NominationEvent::Id))
                    .col(integer(NominationEvent::NominationId))
                    .col(string_len_null(NominationEvent::FromStatus, 32))
                    .col(string_len(NominationEvent::ToStatus, 32))
                    .col(integer_null(NominationEvent::ActorUserId))
                    .col(text_null(NominationEvent::Comment))
                    .col(timestamp_with_time_zone(NominationEvent::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_event_nomination_id")
                            .from(NominationEvent::Table, NominationEvent::NominationId)
                            .to(Nomination::Table, Nomination::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nomination_event_actor_user_id")
                            .from(NominationEvent::Table, NominationEvent::ActorUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_nomination_event_nomination_id")
                    .table(NominationEvent::Table)
                    .col(NominationEvent::NominationId)
                    .to_owned(),
            )
            .await?;

        // conference
        manager
            .create_table(
                Table::create()
                    .table(Conference::Table)
                    .if_not_exists()
                    .col(pk_auto(Conference::Id))
                    .col(string_len(Conference::Kind, 32))
                    .col(string(Conference::Name))
                    .col(date(Conference::HeldOn))
                    .col(integer(Conference::HostUnitId))
                    .col(integer_null(Conference::TermId))
                    .col(text_null(Conference::Summary))
                    .col(timestamp_with_time_zone(Conference::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conference_host_unit_id")
                            .from(Conference::Table, Conference::HostUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conference_term_id")
                            .from(Conference::Table, Conference::TermId)
                            .to(Term::Table, Term::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_conference_host_unit_id")
                    .table(Conference::Table)
                    .col(Conference::HostUnitId)
                    .to_owned(),
            )
            .await?;

        // award
        manager
            .create_table(
                Table::create()
                    .table(Award::Table)
                    .if_not_exists()
                    .col(pk_auto(Award::Id))
                    .col(integer(Award::AwardTypeId))
                    .col(integer_null(Award::RecipientPersonId))
                    .col(integer_null(Award::RecipientUnitId))
                    .col(string(Award::RecipientName))
                    .col(integer(Award::Year))
                    .col(integer_null(Award::DecisionId))
                    .col(integer_null(Award::NominationId))
                    .col(integer_null(Award::ConferenceId))
                    .col(integer_null(Award::ProvinceId))
                    .col(date_null(Award::RevokedAt))
                    .col(text_null(Award::RevokedReason))
                    .col(string_null(Award::RevokingDecisionNumber))
                    .col(timestamp_with_time_zone(Award::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_award_type_id")
                            .from(Award::Table, Award::AwardTypeId)
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_recipient_person_id")
                            .from(Award::Table, Award::RecipientPersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_recipient_unit_id")
                            .from(Award::Table, Award::RecipientUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_decision_id")
                            .from(Award::Table, Award::DecisionId)
                            .to(Decision::Table, Decision::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_nomination_id")
                            .from(Award::Table, Award::NominationId)
                            .to(Nomination::Table, Nomination::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_conference_id")
                            .from(Award::Table, Award::ConferenceId)
                            .to(Conference::Table, Conference::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_province_id")
                            .from(Award::Table, Award::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_award_award_type_id_year")
                    .table(Award::Table)
                    .col(Award::AwardTypeId)
                    .col(Award::Year)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_award_recipient_person_id")
                    .table(Award::Table)
                    .col(Award::RecipientPersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_award_recipient_unit_id")
                    .table(Award::Table)
                    .col(Award::RecipientUnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_award_decision_id")
                    .table(Award::Table)
                    .col(Award::DecisionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_award_province_id_year")
                    .table(Award::Table)
                    .col(Award::ProvinceId)
                    .col(Award::Year)
                    .to_owned(),
            )
            .await?;

        // movement
        manager
            .create_table(
                Table::create()
                    .table(Movement::Table)
                    .if_not_exists()
                    .col(pk_auto(Movement::Id))
                    .col(string(Movement::Name))
                    .col(string_len(Movement::Kind, 32))
                    .col(integer(Movement::LaunchingUnitId))
                    .col(date(Movement::StartOn))
                    .col(date_null(Movement::EndOn))
                    .col(text_null(Movement::Description))
                    .col(timestamp_with_time_zone(Movement::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movement_launching_unit_id")
                            .from(Movement::Table, Movement::LaunchingUnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // movement_registration
        manager
            .create_table(
                Table::create()
                    .table(MovementRegistration::Table)
                    .if_not_exists()
                    .col(pk_auto(MovementRegistration::Id))
                    .col(integer(MovementRegistration::MovementId))
                    .col(integer_null(MovementRegistration::UnitId))
                    .col(integer_null(MovementRegistration::PersonId))
                    .col(integer_null(MovementRegistration::AwardTypeId))
                    .col(date(MovementRegistration::RegisteredOn))
                    .col(timestamp_with_time_zone(MovementRegistration::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movement_registration_movement_id")
                            .from(
                                MovementRegistration::Table,
                                MovementRegistration::MovementId,
                            )
                            .to(Movement::Table, Movement::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movement_registration_unit_id")
                            .from(MovementRegistration::Table, MovementRegistration::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movement_registration_person_id")
                            .from(MovementRegistration::Table, MovementRegistration::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movement_registration_award_type_id")
                            .from(
                                MovementRegistration::Table,
                                MovementRegistration::AwardTypeId,
                            )
                            .to(AwardType::Table, AwardType::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        // initiative
        manager
            .create_table(
                Table::create()
                    .table(Initiative::Table)
                    .if_not_exists()
                    .col(pk_auto(Initiative::Id))
                    .col(string(Initiative::Title))
                    .col(integer(Initiative::PersonId))
                    .col(string_len(Initiative::Scope, 32))
                    .col(integer(Initiative::Year))
                    .col(string_null(Initiative::RecognisedBy))
                    .col(date_null(Initiative::RecognisedOn))
                    .col(timestamp_with_time_zone(Initiative::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_initiative_person_id")
                            .from(Initiative::Table, Initiative::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_initiative_person_id_year")
                    .table(Initiative::Table)
                    .col(Initiative::PersonId)
                    .col(Initiative::Year)
                    .to_owned(),
            )
            .await?;

        // audit_log
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string(AuditLog::Actor))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::ObjectType, 64))
                    .col(string_len(AuditLog::ObjectId, 64))
                    .col(integer_null(AuditLog::ProvinceId))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_log_actor_user_id")
                            .from(AuditLog::Table, AuditLog::ActorUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_log_province_id")
                            .from(AuditLog::Table, AuditLog::ProvinceId)
                            .to(Province::Table, Province::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_audit_log_province_id_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::ProvinceId)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_audit_log_object_type_object_id")
                    .table(AuditLog::Table)
                    .col(AuditLog::ObjectType)
                    .col(AuditLog::ObjectId)
                    .to_owned(),
            )
            .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Initiative::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(MovementRegistration::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Movement::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Award::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Conference::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(NominationEvent::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Nomination::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Decision::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AwardRule::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(RankingEntry::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(AwardType::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ScoreLine::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ScoreSheet::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Criterion::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ClusterMember::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ClusterYear::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Cluster::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(PersonPosition::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Term::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(PersonPrivate::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Person::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AppUser::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(UnitLineage::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Unit::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ProvinceLineage::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Province::Table).if_exists().to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Id,
    Code,
    Name,
    SearchKey,
    ValidFrom,
    ValidTo,
    CollectiveStreakAcrossMergers,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProvinceLineage {
    Table,
    Id,
    Kind,
    PredecessorId,
    SuccessorId,
    EffectiveOn,
    LegalBasis,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
    Code,
    Kind,
    Name,
    ShortName,
    SearchKey,
    ParentId,
    ProvinceId,
    ValidFrom,
    ValidTo,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UnitLineage {
    Table,
    Id,
    Kind,
    PredecessorId,
    SuccessorId,
    EffectiveOn,
    LegalBasis,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Username,
    PasswordHash,
    Role,
    UnitId,
    ProvinceId,
    DisabledAt,
    Demo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    FullName,
    SearchKey,
    UnitId,
    Title,
    Gender,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PersonPrivate {
    Table,
    PersonId,
    BirthDate,
    Phone,
    Email,
    Address,
    NationalId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Term {
    Table,
    Id,
    Kind,
    Name,
    UnitId,
    ProvinceId,
    StartYear,
    EndYear,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PersonPosition {
    Table,
    Id,
    PersonId,
    UnitId,
    TermId,
    Title,
    StartOn,
    EndOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cluster {
    Table,
    Id,
    Code,
    Name,
    SearchKey,
    Kind,
    ProvinceId,
    OrganiserUnitId,
    OrganiserName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClusterYear {
    Table,
    Id,
    ClusterId,
    Year,
    Status,
    HeadUnitId,
    DeputyUnitId,
    CovenantSignedOn,
    Version,
    FinalizedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ClusterMember {
    Table,
    Id,
    ClusterYearId,
    UnitId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Criterion {
    Table,
    Id,
    ClusterYearId,
    Code,
    Title,
    MaxPoints,
    SortOrder,
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Id,
    ClusterYearId,
    UnitId,
    Bonus,
    BonusReason,
    Penalty,
    PenaltyReason,
    SubmittedAt,
    ReviewedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ScoreLine {
    Table,
    Id,
    ScoreSheetId,
    CriterionId,
    SelfPoints,
    ReviewedPoints,
    Evidence,
}

#[derive(DeriveIden)]
enum AwardType {
    Table,
    Id,
    Code,
    Name,
    NameEn,
    Category,
    Level,
    Conferrer,
    ForIndividual,
    ForCollective,
    SortOrder,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RankingEntry {
    Table,
    Id,
    ClusterYearId,
    UnitId,
    Rank,
    TotalPoints,
    ProposedAwardTypeId,
}

#[derive(DeriveIden)]
enum AwardRule {
    Table,
    Id,
    AwardTypeId,
    AppliesFrom,
    Kind,
    Params,
    Description,
    DescriptionEn,
    SortOrder,
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    Id,
    Number,
    IssuerUnitId,
    SignedOn,
    SignerName,
    SignerTitle,
    ProvinceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Nomination {
    Table,
    Id,
    AwardTypeId,
    RecipientPersonId,
    RecipientUnitId,
    Year,
    ProposedByUnitId,
    ProposedByClusterYearId,
    Status,
    Achievements,
    Basis,
    Justification,
    EligibilityReport,
    DecisionId,
    ProvinceId,
    CreatedByUserId,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NominationEvent {
    Table,
    Id,
    NominationId,
    FromStatus,
    ToStatus,
    ActorUserId,
    Comment,
    At,
}

#[derive(DeriveIden)]
enum Conference {
    Table,
    Id,
    Kind,
    Name,
    HeldOn,
    HostUnitId,
    TermId,
    Summary,
    CreatedAt,
}

#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)] // `Award::AwardTypeId` is a column name
enum Award {
    Table,
    Id,
    AwardTypeId,
    RecipientPersonId,
    RecipientUnitId,
    RecipientName,
    Year,
    DecisionId,
    NominationId,
    ConferenceId,
    ProvinceId,
    RevokedAt,
    RevokedReason,
    RevokingDecisionNumber,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Movement {
    Table,
    Id,
    Name,
    Kind,
    LaunchingUnitId,
    StartOn,
    EndOn,
    Description,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MovementRegistration {
    Table,
    Id,
    MovementId,
    UnitId,
    PersonId,
    AwardTypeId,
    RegisteredOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Initiative {
    Table,
    Id,
    Title,
    PersonId,
    Scope,
    Year,
    RecognisedBy,
    RecognisedOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Actor,
    Action,
    ObjectType,
    ObjectId,
    ProvinceId,
    Before,
    After,
}
