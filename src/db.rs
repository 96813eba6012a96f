//! The database: connecting (SQLite or PostgreSQL from one URL), migrating, reference data.

use std::{sync::Arc, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    sqlx::{
        postgres::PgConnectOptions,
        sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
    },
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// The database used when none is configured: a SQLite file in the working directory,
/// created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://thidua.db?mode=rwc";

/// How many connections read a SQLite file at once.
const SQLITE_READERS: u32 = 8;

/// How long a SQLite connection waits for a lock before `database is locked`.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database of the application: a pool that reads and a connection (or pool) that
/// writes.
///
/// - SQLite file: the writer is exactly one connection, since SQLite lets one writer in at a
///   time and a second one would only wait for the lock; the readers are a pool of
///   connections opened read-only (`mode=ro`), so that a write sent to them fails instead of
///   queueing behind, or deadlocking with, the writer. WAL lets them read while the writer
///   writes. Every connection of both has `synchronous=NORMAL` (safe in WAL mode), a busy
///   timeout and foreign keys on: options given per connection, not `PRAGMA`s sent once
///   through a pool that reach one connection of it.
/// - SQLite in memory (`sqlite::memory:`, `mode=memory`): every connection would be a
///   database of its own (or share one through SQLite's shared cache, whose table locks fail
///   at once instead of waiting), so readers and writer are one and the same connection.
///   Reads then wait while a write transaction is open; this is for tests and trials only.
/// - PostgreSQL: two pools; the readers' sessions are `default_transaction_read_only`, so a
///   write sent to them fails there too.
///
/// A mutation runs as one write ([`crate::work::run`]), on a transaction of the writer begun
/// by [`begin_write`], and reads everything through it: it never waits for a reader while it
/// holds the writer.
#[derive(Clone, Debug)]
pub struct Db {
    reader: DatabaseConnection,
    writer: DatabaseConnection,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`).
    pub async fn connect(url: &str) -> Result<Db, DbErr> {
        if !url.starts_with("sqlite:") {
            let writer = Database::connect(options(url)).await?;
            let mut reader = options(url);
            reader.map_sqlx_postgres_opts(|o: PgConnectOptions| {
                o.options([("default_transaction_read_only", "on")])
            });
            let reader = Database::connect(reader).await?;
            return Ok(Db { reader, writer });
        }
        let mut writer = options(url);
        // Kept open: a file in WAL mode keeps its shared-memory index while a connection
        // lives, which read-only connections cannot always create on their own.
        writer
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .map_sqlx_sqlite_opts(|o| sqlite_options(o).journal_mode(SqliteJournalMode::Wal));
        if url.contains(":memory:") || url.contains("mode=memory") {
            let db = Database::connect(writer).await?;
            return Ok(Db {
                reader: db.clone(),
                writer: db,
            });
        }
        // The writer first: it creates the file (`mode=rwc`) and turns WAL on, which the
        // read-only connections can do neither of.
        let writer = Database::connect(writer).await?;
        let mut reader = options(url);
        reader
            .max_connections(SQLITE_READERS)
            .map_sqlx_sqlite_opts(|o| sqlite_options(o).read_only(true));
        let reader = Database::connect(reader).await?;
        Ok(Db { reader, writer })
    }

    /// The pool that reads. On SQLite files and PostgreSQL a write through it fails.
    pub fn reader(&self) -> &DatabaseConnection {
        &self.reader
    }

    /// The connection that writes: for migrations, reference data, the demo, the command
    /// line. Requests write through [`crate::work::run`].
    pub fn writer(&self) -> &DatabaseConnection {
        &self.writer
    }

    /// Calls `callback` after every statement of the readers and of the writer.
    pub fn set_metric_callback<F>(&mut self, callback: F)
    where
        F: Fn(&sea_orm::metric::Info<'_>) + Send + Sync + 'static,
    {
        // Each handle keeps a callback of its own, also when the reader is a clone of the
        // writer (in memory): a statement runs through one of them, and is counted once.
        let callback = Arc::new(callback);
        let for_writer = callback.clone();
        self.writer
            .set_metric_callback(move |info| for_writer(info));
        self.reader.set_metric_callback(move |info| callback(info));
    }

    /// Whether both the readers and the writer answer.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.reader.ping().await?;
        self.writer.ping().await
    }

    /// Closes both.
    pub async fn close(self) -> Result<(), DbErr> {
        self.reader.close().await?;
        self.writer.close().await
    }
}

fn options(url: &str) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    options
}

/// What every SQLite connection is opened with.
fn sqlite_options(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .foreign_keys(true)
}

/// Brings the schema up to date. Safe to run at every start.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// How many rows of each index SQLite's `ANALYZE` samples: enough to tell a selective index
/// from one that is not, in a fraction of a second on a nation's data.
const SQLITE_ANALYSIS_LIMIT: &str = "PRAGMA analysis_limit = 400";

/// Brings the query planner's statistics up to date where they are missing or stale, cheaply:
/// on SQLite `ANALYZE` where it never ran, `PRAGMA optimize` (which analyzes only the tables
/// that need it) after; PostgreSQL's autovacuum does this by itself. Run at every start.
///
/// Without statistics SQLite picks an index by the number of columns it matches, not by the
/// rows it leaves: a person's awards of one type and year were read through every award of
/// that type and year (20 ms instead of a fraction of one on a nation's million awards).
pub async fn optimize(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let analyzed = db
        .query_one_raw(sea_orm::Statement::from_string(
            DbBackend::Sqlite,
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'",
        ))
        .await?
        .is_some();
    if !analyzed {
        return analyze(db).await;
    }
    db.execute_unprepared(SQLITE_ANALYSIS_LIMIT).await?;
    db.execute_unprepared("PRAGMA optimize = 0x10002").await?;
    Ok(())
}

/// Gathers the query planner's statistics of every table (`ANALYZE`): after a bulk load
/// (a synthetic seed, an import), which changes the data's shape at once.
pub async fn analyze(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared(SQLITE_ANALYSIS_LIMIT).await?;
    }
    db.execute_unprepared("ANALYZE").await?;
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
/// The file of a SQLite URL (`sqlite://thidua.db?mode=rwc` → `thidua.db`); `None` for other
/// databases and in-memory SQLite.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next().unwrap_or(rest);
    (!file.is_empty() && !file.contains(":memory:")).then(|| file.into())
}

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
