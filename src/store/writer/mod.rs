//! The recorder: one thread owns the SQLite connection and takes records from a channel. It
//! writes each record as it comes into an open transaction, and lets it go (records do not
//! wait in memory for their commit), and commits at least once a second (or every [`BATCH`]
//! rows), at a flush and at close; a flush or a close is answered only after its commit.
//! Whoever records never waits: a full channel drops the record and counts it.
//!
//! The file is in WAL mode: commits go to `FILE-wal` first. The writer copies them into the
//! main file every [`CHECKPOINT_EVERY`], and at close it copies all of them and empties the
//! WAL, so the main file alone (copied without its `-wal`, as an engineer copies a file)
//! holds the whole recording after any clean stop, and all but the last half minute or so
//! while it runs.

mod rows;
mod thread;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::params;

use super::{Record, StoreError, schema};
use thread::Writer;

/// Records queued at most between the core and the writer.
pub const QUEUE: usize = 200_000;
/// Rows committed together at most (a commit comes sooner with as many waiting).
pub const BATCH: usize = 20_000;
/// Longest time between commits.
pub const COMMIT_EVERY: Duration = Duration::from_secs(1);
/// Longest time between checkpoints (the WAL copied into the main file).
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(30);
/// Longest time between folds of the recent samples into the clustered table (see
/// [`schema`]): the longer, the fewer times each page of a series is written.
pub const FOLD_EVERY: Duration = Duration::from_secs(30);
/// Recent samples at most before a fold comes sooner: a reader scans them for a question by
/// series, and a fold sorts them.
pub const FOLD_ROWS: usize = 500_000;
/// The writer's nap between drains while records come (the longest a flush waits more).
const NAP: Duration = Duration::from_millis(20);
/// Longest a checkpoint waits for a reader of the file to finish its read.
const BUSY_WAIT: Duration = Duration::from_secs(2);

enum Msg {
    Record(Record),
    Flush(SyncSender<Result<(), StoreError>>),
    Close,
}

/// How often the writer copies the WAL into the main file and folds the recent samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Longest time between checkpoints.
    pub checkpoint_every: Duration,
    /// Longest time between folds.
    pub fold_every: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            checkpoint_every: CHECKPOINT_EVERY,
            fold_every: FOLD_EVERY,
        }
    }
}

/// What the writer and its handle share.
#[derive(Default)]
struct Shared {
    /// Records sent and not yet taken by the writer (the queue is bounded by this count,
    /// not by a ring allocated for [`QUEUE`] records up front: that ring's pages came into
    /// memory as its head went round, tens of megabytes on a busy server).
    queued: AtomicUsize,
    lost: AtomicU64,
    written: AtomicU64,
    error: Mutex<Option<StoreError>>,
}

/// A recording being written.
pub struct Recorder {
    tx: Sender<Msg>,
    path: PathBuf,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Recorder {
    /// Opens (or creates, or appends to) the recording at `path` and starts its writer. An
    /// unusable file is refused here, with the reason.
    pub fn open(path: &Path, program: &str) -> Result<Recorder, StoreError> {
        Self::open_timed(path, program, Timing::default())
    }

    /// [`Recorder::open`] with checkpoints and folds at most so far apart (tests: zero, at
    /// each commit).
    pub fn open_timed(path: &Path, program: &str, timing: Timing) -> Result<Recorder, StoreError> {
        let conn = schema::open_for_writing(path)?;
        let sqlite = |e: rusqlite::Error| StoreError::Sqlite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        conn.busy_timeout(BUSY_WAIT).map_err(sqlite)?;
        // Samples a stop without a close (a kill, a crash) left recent are folded now.
        schema::fold_recent(&conn).map_err(sqlite)?;
        conn.execute(
            "INSERT INTO session (started_ms, program) VALUES (?1, ?2)",
            params![chrono::Utc::now().timestamp_millis(), program],
        )
        .map_err(sqlite)?;
        let (tx, rx) = channel();
        let shared = Arc::new(Shared::default());
        let mut writer = Writer::new(conn, path.to_path_buf(), shared.clone(), timing);
        let thread = std::thread::Builder::new()
            .name("cmm-recorder".into())
            .spawn(move || writer.run(rx))
            .map_err(|e| StoreError::Io {
                path: path.to_path_buf(),
                reason: format!("cannot start the recorder: {e}"),
            })?;
        Ok(Recorder {
            tx,
            path: path.to_path_buf(),
            shared,
            thread: Some(thread),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queues a record; never waits (a full queue drops it and counts it).
    pub fn record(&self, r: Record) {
        let rows = r.rows() as u64;
        let full = self.shared.queued.load(Ordering::Relaxed) >= QUEUE;
        if full || self.tx.send(Msg::Record(r)).is_err() {
            self.shared.lost.fetch_add(rows, Ordering::Relaxed);
        } else {
            self.shared.queued.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Rows dropped so far (queue full, or a failed write).
    pub fn lost(&self) -> u64 {
        self.shared.lost.load(Ordering::Relaxed)
    }

    /// Rows committed so far.
    pub fn written(&self) -> u64 {
        self.shared.written.load(Ordering::Relaxed)
    }

    /// The last write failure, if it has not been taken yet.
    pub fn take_error(&self) -> Option<StoreError> {
        crate::sync::lock(&self.shared.error).take()
    }

    /// Commits everything queued so far; returns once it is on disk. Blocks: not for a UI
    /// thread.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.flusher().flush()
    }

    /// Commits what is queued, copies the WAL into the main file (which is then the whole
    /// recording on its own) and stops the writer.
    pub fn close(mut self) -> Result<(), StoreError> {
        let _ = self.tx.send(Msg::Close);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        match self.take_error() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// A handle that commits what is queued from another thread (before reading the file).
    pub fn flusher(&self) -> Flusher {
        Flusher {
            tx: self.tx.clone(),
            path: self.path.clone(),
        }
    }
}

/// Commits a recorder's queue from another thread.
#[derive(Clone)]
pub struct Flusher {
    tx: Sender<Msg>,
    path: PathBuf,
}

impl Flusher {
    /// Commits everything queued so far; returns once it is on disk. Blocks.
    pub fn flush(&self) -> Result<(), StoreError> {
        let stopped = || StoreError::Io {
            path: self.path.clone(),
            reason: "the recorder has stopped".into(),
        };
        let (tx, rx) = sync_channel(1);
        self.tx.send(Msg::Flush(tx)).map_err(|_| stopped())?;
        rx.recv().map_err(|_| stopped())?
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Close);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
