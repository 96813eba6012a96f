//! The facts the eligibility rules need beyond awards and initiatives (issue 10): the yearly
//! performance rating of persons and units (xếp loại chất lượng), discipline and pending
//! inspections, investigations and complaints with their periods (Decree 152 Art. 4), and
//! the day a person was recruited (ngày tuyển dụng), a private field of the person.
//!
//! Ratings and discipline records belong to a person or to a unit, exactly one of the two
//! (a CHECK constraint on both databases). A rating is unique per recipient and year: one
//! unique index on (person_id, year) and one on (unit_id, year); NULLs are distinct on both
//! SQLite and PostgreSQL, so a unit's row never collides with a person's.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `person_id` or `unit_id`, never both nor neither.
const ONE_RECIPIENT: &str = "(person_id IS NULL) <> (unit_id IS NULL)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PerformanceRating::Table)
                    .if_not_exists()
                    .col(pk_auto(PerformanceRating::Id))
                    .col(integer_null(PerformanceRating::PersonId))
                    .col(integer_null(PerformanceRating::UnitId))
                    .col(integer(PerformanceRating::Year))
                    .col(string_len(PerformanceRating::Rating, 32))
                    .col(text_null(PerformanceRating::Note))
                    .col(integer_null(PerformanceRating::RecordedBy))
                    .col(timestamp_with_time_zone(PerformanceRating::CreatedAt))
                    .col(timestamp_with_time_zone(PerformanceRating::UpdatedAt))
                    .check((
                        Alias::new("ck_performance_rating_one_recipient"),
                        Expr::cust(ONE_RECIPIENT),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_performance_rating_person_id")
                            .from(PerformanceRating::Table, PerformanceRating::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_performance_rating_unit_id")
                            .from(PerformanceRating::Table, PerformanceRating::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_performance_rating_recorded_by")
                            .from(PerformanceRating::Table, PerformanceRating::RecordedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "uq_performance_rating_person_id_year",
                PerformanceRating::PersonId,
            ),
            (
                "uq_performance_rating_unit_id_year",
                PerformanceRating::UnitId,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .if_not_exists()
                        .name(name)
                        .table(PerformanceRating::Table)
                        .col(column)
                        .col(PerformanceRating::Year)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Discipline::Table)
                    .if_not_exists()
                    .col(pk_auto(Discipline::Id))
                    .col(integer_null(Discipline::PersonId))
                    .col(integer_null(Discipline::UnitId))
                    .col(string_len(Discipline::Kind, 32))
                    .col(date(Discipline::StartOn))
                    .col(date_null(Discipline::EndOn))
                    .col(text(Discipline::Description))
                    .col(string_null(Discipline::DecisionNumber))
                    .col(integer_null(Discipline::RecordedBy))
                    .col(timestamp_with_time_zone(Discipline::CreatedAt))
                    .col(timestamp_with_time_zone(Discipline::UpdatedAt))
                    .check((
                        Alias::new("ck_discipline_one_recipient"),
                        Expr::cust(ONE_RECIPIENT),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_discipline_person_id")
                            .from(Discipline::Table, Discipline::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_discipline_unit_id")
                            .from(Discipline::Table, Discipline::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_discipline_recorded_by")
                            .from(Discipline::Table, Discipline::RecordedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_discipline_person_id", Discipline::PersonId),
            ("idx_discipline_unit_id", Discipline::UnitId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .if_not_exists()
                        .name(name)
                        .table(Discipline::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .alter_table(
                Table::alter()
                    .table(PersonPrivate::Table)
                    .add_column(date_null(PersonPrivate::RecruitedOn))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PersonPrivate::Table)
                    .drop_column(PersonPrivate::RecruitedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Discipline::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(PerformanceRating::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum PerformanceRating {
    Table,
    Id,
    PersonId,
    UnitId,
    Year,
    Rating,
    Note,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Discipline {
    Table,
    Id,
    PersonId,
    UnitId,
    Kind,
    StartOn,
    EndOn,
    Description,
    DecisionNumber,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PersonPrivate {
    Table,
    RecruitedOn,
}

#[derive(DeriveIden)]
enum Person {
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
