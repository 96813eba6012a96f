//! Live updates of rankings: every review change, every finalization, every reopening and
//! every change of members by a reorganisation of units publishes the cluster year's id;
//! `rankingUpdated(clusterYearId)` subscribers of that year receive the year as it then is.

use tokio::sync::broadcast;

/// How many events a slow subscriber may fall behind before it skips to the newest.
const BACKLOG: usize = 256;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankingChange {
    /// A sheet was reviewed (points, bonus, penalty).
    Reviewed,
    /// The ranking was finalized.
    Finalized,
    /// The year was taken back a stage.
    Reopened,
    /// A reorganisation of units took a closed member out of the year, or put its renamed
    /// successor in its place.
    MembersChanged,
}

/// One event: which year, and what happened to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingEvent {
    pub cluster_year_id: i32,
    pub change: RankingChange,
}

/// The process-wide channel of ranking events.
#[derive(Clone)]
pub struct RankingEvents(broadcast::Sender<RankingEvent>);

impl Default for RankingEvents {
    fn default() -> Self {
        RankingEvents(broadcast::channel(BACKLOG).0)
    }
}

impl RankingEvents {
    /// Publishes an event (after its transaction committed); no subscriber is fine.
    pub fn publish(&self, event: RankingEvent) {
        let _ = self.0.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<RankingEvent> {
        self.0.subscribe()
    }
}
