//! The database: connecting (SQLite or PostgreSQL from one URL), migrating, reference data.

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// The database used when none is configured: a SQLite file in the working directory,
/// created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://thidua.db?mode=rwc";

/// Connects to `url` (`sqlite://…` or `postgres://…`). SQLite files run in WAL mode with
/// foreign keys on.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") && url.contains(":memory:") {
        // Every connection to an in-memory database is a database of its own.
        options.max_connections(1).min_connections(1);
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
        db.execute_unprepared("PRAGMA foreign_keys = ON;").await?;
    }
    Ok(db)
}

/// Brings the schema up to date and loads the reference data every database needs (the
/// award catalogue). Safe to run at every start.
pub async fn prepare(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    crate::awards::store::sync_catalogue(db).await?;
    crate::awards::store::sync_rules(db).await?;
    Ok(())
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so that concurrent writers wait for each other (up to the busy
/// timeout) instead of failing when one upgrades a read snapshot another has outdated; on
/// PostgreSQL it is an ordinary transaction.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// A URL safe to print: the password, if any, is masked.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            super::redacted("postgres://app:s3cret@db:5432/thidua"),
            "postgres://app:***@db:5432/thidua"
        );
        assert_eq!(
            super::redacted("sqlite://thidua.db?mode=rwc"),
            "sqlite://thidua.db?mode=rwc"
        );
    }
}
