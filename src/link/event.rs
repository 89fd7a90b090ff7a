//! Where the link sends its events.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;

pub use crate::model::event::*;

/// Where the link sends events: a bounded channel plus a waker (the CLI's is a no-op).
///
/// Back-pressure: readings, logins, online/offline, command outcomes and errors are never
/// dropped: [`EventSink::send`] waits while the channel is full, and the supervisor drains it
/// whatever the window does, so that wait is only ever on the supervisor's own pace.
/// Traffic lines and heartbeats may be dropped when the channel is full (a heartbeat only
/// refreshes "last seen", and the next one does it again); each drop is counted
/// ([`EventSink::dropped`]) and the status bar shows the count.
#[derive(Clone)]
pub struct EventSink {
    tx: mpsc::Sender<Event>,
    waker: Arc<dyn Fn() + Send + Sync>,
    dropped: Arc<AtomicU64>,
}

impl EventSink {
    /// A sink over `tx` that calls `waker` after each event.
    pub fn new(tx: mpsc::Sender<Event>, waker: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self {
            tx,
            waker,
            dropped: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A sink with no waker, and its receiving end.
    pub fn channel(capacity: usize) -> (EventSink, mpsc::Receiver<Event>) {
        let (tx, rx) = mpsc::channel(capacity);
        (EventSink::new(tx, Arc::new(|| {})), rx)
    }

    /// Sends an event: one that may be coalesced is dropped (and counted) when the channel is
    /// full; any other waits for room.
    pub async fn send(&self, event: Event) {
        let sent = if event.may_be_dropped() {
            match self.tx.try_send(event) {
                Ok(()) => true,
                Err(mpsc::error::TrySendError::Full(_)) => {
                    self.dropped.fetch_add(1, Ordering::Relaxed);
                    false
                }
                Err(mpsc::error::TrySendError::Closed(_)) => false,
            }
        } else {
            self.tx.send(event).await.is_ok()
        };
        if sent {
            (self.waker)();
        }
    }

    /// Traffic lines and heartbeats dropped so far because the channel was full.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}
