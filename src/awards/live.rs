//! Live updates of nominations: every transition publishes the nomination and the units it
//! concerns (its proposer and its recipient's unit); `nominationUpdated(unitCode)`
//! subscribers of one of those units receive it, if they may read it.

use tokio::sync::broadcast;

/// One event: which nomination, and which units it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NominationEvent {
    pub nomination_id: i32,
    pub unit_ids: Vec<i32>,
}

/// The process-wide channel of nomination events.
#[derive(Clone)]
pub struct NominationEvents(broadcast::Sender<NominationEvent>);

impl Default for NominationEvents {
    fn default() -> Self {
        NominationEvents(broadcast::channel(256).0)
    }
}

impl NominationEvents {
    /// Publishes an event (after its transaction committed); no subscriber is fine.
    pub fn publish(&self, event: NominationEvent) {
        let _ = self.0.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<NominationEvent> {
        self.0.subscribe()
    }
}
