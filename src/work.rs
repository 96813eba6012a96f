//! The one way a write runs. [`run`] begins a transaction on the writer and hands the
//! operation a [`Work`]: everything the operation reads and writes goes through its
//! transaction, it notes its audit records and the live events it causes on it, and returns
//! an [`Outcome`]. When the outcome is a success the runner writes the audit records into
//! the same transaction, commits, and only then publishes the events; otherwise it drops
//! the transaction, and nothing of the operation is written, recorded or published.
//!
//! Service functions (`organisation::writes`, `clusters::cycle`, `awards::workflow`, …) take
//! `&Work`, the viewer and their parsed input; resolvers and the demo seed call them inside
//! [`run`] (or [`Work::begin`] and [`Work::commit`] for a seed of many operations).

use std::sync::Mutex;

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use crate::{
    access::Viewer,
    audit::{self, AuditEntry},
    awards::live::{NominationEvent, NominationEvents},
    clusters::live::{RankingEvent, RankingEvents},
    db::{self, Db},
    error::{AppResult, Outcome},
};

/// The process's live channels, which committed writes publish to, and the count of its
/// commits.
#[derive(Clone, Default)]
pub struct Events {
    pub ranking: RankingEvents,
    pub nominations: NominationEvents,
    pub commits: Commits,
}

/// How many writes this process has committed: an answer read before the latest commit may
/// be out of date (see `web::caching`).
#[derive(Clone, Default)]
pub struct Commits(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Commits {
    /// The count so far.
    pub fn count(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Acquire)
    }

    fn add_one(&self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
}

/// Something a write tells the live channels once it is committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Ranking(RankingEvent),
    Nomination(NominationEvent),
}

impl From<RankingEvent> for Event {
    fn from(event: RankingEvent) -> Self {
        Event::Ranking(event)
    }
}

impl From<NominationEvent> for Event {
    fn from(event: NominationEvent) -> Self {
        Event::Nomination(event)
    }
}

impl Events {
    fn publish(&self, event: Event) {
        match event {
            Event::Ranking(e) => self.ranking.publish(e),
            Event::Nomination(e) => self.nominations.publish(e),
        }
    }
}

/// One write in progress: its transaction, and what it will record and publish.
pub struct Work {
    txn: DatabaseTransaction,
    audits: Mutex<Vec<(Viewer, AuditEntry)>>,
    events: Mutex<Vec<Event>>,
}

impl Work {
    /// Begins a write on `writer` (the writer connection; see [`crate::db`]).
    pub async fn begin(writer: &DatabaseConnection) -> AppResult<Work> {
        Ok(Work {
            txn: db::begin_write(writer).await?,
            audits: Mutex::new(Vec::new()),
            events: Mutex::new(Vec::new()),
        })
    }

    /// The write's transaction: every read and write of the operation goes through it.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Notes the audit record of what `viewer` did; written with the commit.
    pub fn audit(&self, viewer: &Viewer, entry: AuditEntry) {
        lock(&self.audits).push((viewer.clone(), entry));
    }

    /// Notes an event to publish once the write is committed.
    pub fn publish(&self, event: impl Into<Event>) {
        lock(&self.events).push(event.into());
    }

    /// Writes the audit records, commits, and publishes the events on `events`.
    pub async fn commit(self, events: &Events) -> AppResult<()> {
        let audits = std::mem::take(&mut *lock(&self.audits));
        for (viewer, entry) in audits {
            audit::record(&self.txn, &viewer, entry).await?;
        }
        self.txn.commit().await?;
        events.commits.add_one();
        for event in std::mem::take(&mut *lock(&self.events)) {
            events.publish(event);
        }
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves a plain Vec behind; it is still usable.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `operation` as one write on `db`'s writer: commits (with its audit records) and
/// publishes when it returns a success, writes nothing when it returns problems or fails.
pub async fn run<T>(
    db: &Db,
    events: &Events,
    operation: impl AsyncFnOnce(&Work) -> AppResult<Outcome<T>>,
) -> AppResult<Outcome<T>> {
    let work = Work::begin(db.writer()).await?;
    let outcome = operation(&work).await?;
    if outcome.is_ok() {
        work.commit(events).await?;
    }
    Ok(outcome)
}
