//! Decisions that hold in law (issue 12).
//!
//! - Numbers restart each 1 January (Decree 30/2020 Art. 15): a decision's number is unique
//!   per issuer per calendar year of signing, `decision.signed_year`, instead of per issuer.
//! - `signing_right`: the accounts that may issue decisions in a body's name (`User.canSign`).
//!
//! SQLite cannot drop a table's UNIQUE constraint: there the table is rebuilt (created anew,
//! copied, the old one dropped, the new one renamed into its place, with foreign keys off so
//! that the references of nominations and awards stay as they are), keeping every row and id.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_UNIQUE: &str = "uq_decision_issuer_unit_id_number";
const NEW_UNIQUE: &str = "uq_decision_issuer_unit_id_signed_year_number";

/// The table as it is after this migration, on SQLite (with its year-scoped unique key).
const SQLITE_DECISION_AFTER: &str = r#"CREATE TABLE "decision_rebuilt" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "number" varchar(64) NOT NULL, "issuer_unit_id" integer NOT NULL, "signed_on" date_text NOT NULL, "signed_year" integer NOT NULL, "signer_name" varchar NOT NULL, "signer_title" varchar NOT NULL, "province_id" integer NULL, "created_at" timestamp_with_timezone_text NOT NULL, CONSTRAINT "uq_decision_issuer_unit_id_signed_year_number" UNIQUE ("issuer_unit_id", "signed_year", "number"), FOREIGN KEY ("issuer_unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT, FOREIGN KEY ("province_id") REFERENCES "province" ("id") ON DELETE RESTRICT )"#;

/// The table as it was before, on SQLite.
const SQLITE_DECISION_BEFORE: &str = r#"CREATE TABLE "decision_rebuilt" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "number" varchar(64) NOT NULL, "issuer_unit_id" integer NOT NULL, "signed_on" date_text NOT NULL, "signer_name" varchar NOT NULL, "signer_title" varchar NOT NULL, "province_id" integer NULL, "created_at" timestamp_with_timezone_text NOT NULL, CONSTRAINT "uq_decision_issuer_unit_id_number" UNIQUE ("issuer_unit_id", "number"), FOREIGN KEY ("issuer_unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT, FOREIGN KEY ("province_id") REFERENCES "province" ("id") ON DELETE RESTRICT )"#;

const COMMON_COLUMNS: &str = r#""id", "number", "issuer_unit_id", "signed_on", "signer_name", "signer_title", "province_id", "created_at""#;

/// Rebuilds `decision` on SQLite as `create` says (a table named `decision_rebuilt`),
/// copying the common columns and `extra` (more columns of the new table, with the
/// expressions that fill them), as SQLite's documentation describes: foreign keys off (on the
/// writer's one connection), in one transaction, checked before the commit.
async fn rebuild_sqlite(
    manager: &SchemaManager<'_>,
    create: &str,
    extra: Option<(&str, &str)>,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let (into, from) = match extra {
        Some((columns, values)) => (
            format!("{COMMON_COLUMNS}, {columns}"),
            format!("{COMMON_COLUMNS}, {values}"),
        ),
        None => (COMMON_COLUMNS.to_owned(), COMMON_COLUMNS.to_owned()),
    };
    db.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
    let rebuilt = async {
        for statement in [
            "BEGIN IMMEDIATE".to_owned(),
            create.to_owned(),
            format!(r#"INSERT INTO "decision_rebuilt" ({into}) SELECT {from} FROM "decision""#),
            r#"DROP TABLE "decision""#.to_owned(),
            r#"ALTER TABLE "decision_rebuilt" RENAME TO "decision""#.to_owned(),
            r#"CREATE INDEX IF NOT EXISTS "idx_decision_province_id" ON "decision" ("province_id")"#
                .to_owned(),
        ] {
            db.execute_unprepared(&statement).await?;
        }
        let broken = db
            .query_all_raw(sea_orm::Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA foreign_key_check",
            ))
            .await?;
        if !broken.is_empty() {
            return Err(DbErr::Migration(format!(
                "rebuilding decision broke {} foreign keys",
                broken.len()
            )));
        }
        db.execute_unprepared("COMMIT").await.map(|_| ())
    }
    .await;
    if rebuilt.is_err() {
        db.execute_unprepared("ROLLBACK").await.ok();
    }
    db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    rebuilt
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                rebuild_sqlite(
                    manager,
                    SQLITE_DECISION_AFTER,
                    Some((
                        r#""signed_year""#,
                        r#"CAST(strftime('%Y', "signed_on") AS INTEGER)"#,
                    )),
                )
                .await?
            }
            _ => {
                for statement in [
                    r#"ALTER TABLE "decision" ADD COLUMN "signed_year" integer"#.to_owned(),
                    r#"UPDATE "decision" SET "signed_year" = EXTRACT(YEAR FROM "signed_on")::integer"#.to_owned(),
                    r#"ALTER TABLE "decision" ALTER COLUMN "signed_year" SET NOT NULL"#.to_owned(),
                    format!(r#"ALTER TABLE "decision" DROP CONSTRAINT "{OLD_UNIQUE}""#),
                    format!(r#"ALTER TABLE "decision" ADD CONSTRAINT "{NEW_UNIQUE}" UNIQUE ("issuer_unit_id", "signed_year", "number")"#),
                ] {
                    db.execute_unprepared(&statement).await?;
                }
            }
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_decision_signed_year")
                    .table(Decision::Table)
                    .col(Decision::SignedYear)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SigningRight::Table)
                    .if_not_exists()
                    .col(pk_auto(SigningRight::Id))
                    .col(integer(SigningRight::UserId))
                    .col(integer(SigningRight::UnitId))
                    .col(integer_null(SigningRight::GrantedByUserId))
                    .col(timestamp_with_time_zone(SigningRight::GrantedAt))
                    .index(
                        Index::create()
                            .unique()
                            .name("uq_signing_right_user_id_unit_id")
                            .col(SigningRight::UserId)
                            .col(SigningRight::UnitId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_signing_right_user_id")
                            .from(SigningRight::Table, SigningRight::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_signing_right_unit_id")
                            .from(SigningRight::Table, SigningRight::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_signing_right_granted_by_user_id")
                            .from(SigningRight::Table, SigningRight::GrantedByUserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_signing_right_unit_id")
                    .table(SigningRight::Table)
                    .col(SigningRight::UnitId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SigningRight::Table).to_owned())
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => rebuild_sqlite(manager, SQLITE_DECISION_BEFORE, None).await,
            _ => {
                for statement in [
                    format!(r#"ALTER TABLE "decision" DROP CONSTRAINT "{NEW_UNIQUE}""#),
                    format!(
                        r#"ALTER TABLE "decision" ADD CONSTRAINT "{OLD_UNIQUE}" UNIQUE ("issuer_unit_id", "number")"#
                    ),
                    r#"ALTER TABLE "decision" DROP COLUMN "signed_year""#.to_owned(),
                ] {
                    db.execute_unprepared(&statement).await?;
                }
                Ok(())
            }
        }
    }
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    SignedYear,
}

#[derive(DeriveIden)]
enum SigningRight {
    Table,
    Id,
    UserId,
    UnitId,
    GrantedByUserId,
    GrantedAt,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
}
