//! The recorder: one thread owns the SQLite connection and takes records from a channel. It
//! keeps a batch and commits it in one transaction at least once a second (or every
//! [`BATCH`] records), at a flush and at close; a flush or a close is answered only after its
//! commit. Whoever records never waits: a full channel drops the record and counts it.
//!
//! The file is in WAL mode: commits go to `FILE-wal` first. The writer copies them into the
//! main file every [`CHECKPOINT_EVERY`], and at close it copies all of them and empties the
//! WAL, so the main file alone (copied without its `-wal`, as an engineer copies a file)
//! holds the whole recording after any clean stop, and all but the last half minute or so
//! while it runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{
    Receiver, RecvTimeoutError, Sender, SyncSender, TryRecvError, channel, sync_channel,
};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, params};

use super::{Direction, Record, StoreError, schema, table_code};

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
        let mut writer = Writer {
            conn,
            path: path.to_path_buf(),
            targets: HashMap::new(),
            shared: shared.clone(),
            timing,
            recent: 0,
            folded: Instant::now(),
        };
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

struct Writer {
    conn: Connection,
    path: PathBuf,
    targets: HashMap<String, i64>,
    shared: Arc<Shared>,
    timing: Timing,
    /// Samples in `sample_recent`.
    recent: usize,
    /// When they were last folded into `sample`.
    folded: Instant,
}

impl Writer {
    fn run(&mut self, rx: Receiver<Msg>) {
        let mut batch: Vec<Record> = Vec::new();
        let mut rows = 0;
        let mut last = Instant::now();
        let mut checkpointed = Instant::now();
        // Under load the writer naps between drains instead of waiting on the channel: a
        // waiting receiver makes every record's send wake it (a system call per record); a
        // napping one is woken by none. When a drain finds nothing it waits again, so an idle
        // recorder sleeps until the next record or commit.
        let mut busy = false;
        loop {
            let msg = if busy {
                match rx.try_recv() {
                    Ok(m) => Ok(m),
                    Err(TryRecvError::Empty) => {
                        busy = false;
                        std::thread::sleep(NAP);
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => Err(RecvTimeoutError::Disconnected),
                }
            } else {
                let wait = COMMIT_EVERY.saturating_sub(last.elapsed());
                let m = rx.recv_timeout(wait);
                busy = m.is_ok();
                m
            };
            match msg {
                Ok(Msg::Record(r)) => {
                    self.shared.queued.fetch_sub(1, Ordering::Relaxed);
                    rows += r.rows();
                    batch.push(r);
                }
                Ok(Msg::Flush(reply)) => {
                    let r = self.commit(&mut batch);
                    rows = 0;
                    last = Instant::now();
                    if checkpointed.elapsed() >= self.timing.checkpoint_every {
                        self.checkpoint("PASSIVE");
                        checkpointed = Instant::now();
                    }
                    let _ = reply.send(r);
                    continue;
                }
                Ok(Msg::Close) | Err(RecvTimeoutError::Disconnected) => {
                    let _ = self.commit(&mut batch);
                    self.fold_at_stop();
                    self.checkpoint("TRUNCATE");
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            if rows >= BATCH || last.elapsed() >= COMMIT_EVERY {
                let _ = self.commit(&mut batch);
                rows = 0;
                last = Instant::now();
            }
            if checkpointed.elapsed() >= self.timing.checkpoint_every {
                self.checkpoint("PASSIVE");
                checkpointed = Instant::now();
            }
        }
    }

    /// Copies the WAL into the main file: `PASSIVE` as far as readers allow, without waiting;
    /// `TRUNCATE` all of it (waiting a little for a reader) and empties the WAL. A failure is
    /// reported; the data stays safe in the WAL.
    fn checkpoint(&mut self, mode: &str) {
        let sql = format!("PRAGMA wal_checkpoint({mode})");
        let result = self
            .conn
            .query_row(&sql, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)));
        let failure = match result {
            Ok((0, _)) => return,
            Ok((_, _)) => {
                "a reader of the file held it: the WAL is not all in the main file".into()
            }
            Err(e) => e.to_string(),
        };
        // A stop that could not copy everything says so; a periodic one tries again later.
        if mode == "TRUNCATE" {
            let e = StoreError::Sqlite {
                path: self.path.clone(),
                reason: format!("checkpoint: {failure}"),
            };
            *self.shared.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
        }
    }

    /// Writes the batch in one transaction, with a fold of the recent samples when one is due.
    /// A failure (disk full, read-only) loses this batch, counted and reported, and the next
    /// batch tries again.
    fn commit(&mut self, batch: &mut Vec<Record>) -> Result<(), StoreError> {
        if batch.is_empty() && !Self::fold_due(self.recent, self.folded, self.timing.fold_every) {
            return Ok(());
        }
        let n = batch.iter().map(Record::rows).sum::<usize>() as u64;
        let result = self.write(batch);
        batch.clear();
        match result {
            Ok(recent) => {
                self.shared.written.fetch_add(n, Ordering::Relaxed);
                match recent {
                    Some(added) => self.recent += added,
                    None => {
                        self.recent = 0;
                        self.folded = Instant::now();
                    }
                }
                Ok(())
            }
            Err(e) => {
                // Ids given out in the failed transaction are gone with it.
                self.targets.clear();
                let e = StoreError::Sqlite {
                    path: self.path.clone(),
                    reason: e.to_string(),
                };
                self.shared.lost.fetch_add(n, Ordering::Relaxed);
                *self.shared.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.clone());
                Err(e)
            }
        }
    }

    /// At a stop, the recent samples are folded (the file is then all in its clustered
    /// layout, quick for every reader), unless they are more than a fiftieth of the file (a
    /// short and busy recording): their pages would stay free in it, a larger file for
    /// nothing; readers read both tables, and the next open folds them. A failure leaves
    /// them recent, where they are read all the same.
    fn fold_at_stop(&mut self) {
        if self.recent == 0 {
            return;
        }
        let bytes: rusqlite::Result<i64> = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| r.get(0),
        );
        // About 24 bytes a recent sample, with its share of the table's pages.
        let recent = i64::try_from(self.recent)
            .unwrap_or(i64::MAX)
            .saturating_mul(24);
        if bytes.is_ok_and(|b| recent <= b / 50) {
            let folded = self.conn.transaction().and_then(|tx| {
                schema::fold_recent(&tx)?;
                tx.commit()
            });
            if folded.is_ok() {
                self.recent = 0;
            }
        }
    }

    /// Whether `recent` samples, the last fold at `folded`, are to be folded into the
    /// clustered table now.
    fn fold_due(recent: usize, folded: Instant, every: Duration) -> bool {
        recent > 0 && (recent >= FOLD_ROWS || folded.elapsed() >= every)
    }

    /// The samples go in last, appended to the recent ones in time order (each page written
    /// once, as it fills); when a fold is due they are then all moved into the clustered
    /// table in the same transaction. The samples added to the recent ones: `Some(added)`,
    /// or `None` after a fold.
    fn write(&mut self, batch: &[Record]) -> rusqlite::Result<Option<usize>> {
        let (recent, folded, every) = (self.recent, self.folded, self.timing.fold_every);
        let tx = self.conn.transaction()?;
        let mut samples = Vec::new();
        for r in batch {
            write_one(&tx, &mut self.targets, r, &mut samples)?;
        }
        // Stable: two values of one series at one time keep their order (the last wins).
        samples.sort_by_key(|&(t, tbl, addr, t_ms, _)| (t_ms, t, tbl, addr));
        let added = samples.len();
        let mut insert = tx.prepare_cached(INSERT_SAMPLE)?;
        // Bound one by one and run without rusqlite's per-call checks: this loop is most of
        // the rows of a busy server's recording.
        for (t, tbl, addr, t_ms, raw) in samples {
            insert.raw_bind_parameter(1, t_ms)?;
            insert.raw_bind_parameter(2, t)?;
            insert.raw_bind_parameter(3, tbl)?;
            insert.raw_bind_parameter(4, addr)?;
            insert.raw_bind_parameter(5, raw)?;
            insert.raw_execute()?;
        }
        drop(insert);
        let fold = Self::fold_due(recent + added, folded, every);
        if fold {
            schema::fold_recent(&tx)?;
        }
        tx.commit()?;
        Ok((!fold).then_some(added))
    }
}

/// A value change (a second one of a series at the same time replaces the first).
const INSERT_SAMPLE: &str = "INSERT OR REPLACE INTO sample_recent (t_ms, target, tbl, addr, raw) \
     VALUES (?1, ?2, ?3, ?4, ?5)";

/// The id of a target, inserting it the first time.
fn target_id(
    tx: &Transaction<'_>,
    ids: &mut HashMap<String, i64>,
    key: &str,
) -> rusqlite::Result<i64> {
    if let Some(id) = ids.get(key) {
        return Ok(*id);
    }
    tx.prepare_cached("INSERT INTO target (key) VALUES (?1) ON CONFLICT (key) DO NOTHING")?
        .execute([key])?;
    let id = tx
        .prepare_cached("SELECT id FROM target WHERE key = ?1")?
        .query_row([key], |r| r.get(0))?;
    ids.insert(key.to_string(), id);
    Ok(id)
}

/// A sample row: target id, table code, address, time, raw word.
type SampleRow = (i64, i64, u16, i64, u16);

/// Writes a record, except samples: those are added to `samples`, to be written in order.
fn write_one(
    tx: &Transaction<'_>,
    ids: &mut HashMap<String, i64>,
    r: &Record,
    samples: &mut Vec<SampleRow>,
) -> rusqlite::Result<()> {
    let mut id = |k: &str| target_id(tx, ids, k);
    match r {
        Record::Sample {
            target,
            table,
            addr,
            raw,
            t_ms,
        } => {
            let t = id(target)?;
            samples.push((t, table_code(*table), *addr, *t_ms, *raw));
        }
        Record::Samples {
            target,
            t_ms,
            values,
        } => {
            let t = id(target)?;
            let row =
                |&(table, addr, raw): &(_, u16, u16)| (t, table_code(table), addr, *t_ms, raw);
            samples.extend(values.iter().map(row));
        }
        Record::Target {
            key,
            hostname,
            moduletype,
            accepted,
            module_port,
            module_baud,
            peer,
            t_ms,
        } => {
            let t = id(key)?;
            tx.prepare_cached(
                "UPDATE target SET hostname = ?2, moduletype = ?3, accepted = ?4, module_port = ?5, \
                 module_baud = ?6, peer = ?7, first_seen_ms = coalesce(first_seen_ms, ?8), \
                 last_seen_ms = ?8 WHERE id = ?1",
            )?
            .execute(params![t, hostname, moduletype, accepted, module_port, module_baud, peer, t_ms])?;
        }
        Record::Message {
            target,
            peer,
            dir,
            text,
            t_ms,
        } => {
            let t = target.as_deref().map(&mut id).transpose()?;
            let d = i64::from(*dir == Direction::Out);
            tx.prepare_cached(
                "INSERT INTO message (t_ms, target, peer, dir, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![t_ms, t, peer, d, text])?;
        }
        Record::Event {
            target,
            kind,
            text,
            t_ms,
        } => {
            let t = target.as_deref().map(&mut id).transpose()?;
            tx.prepare_cached(
                "INSERT INTO event (t_ms, target, kind, text) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![t_ms, t, kind, text])?;
        }
        Record::Command {
            target,
            uid,
            name,
            decoded,
            frame,
            t_ms,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "INSERT INTO command (target, uid, sent_ms, name, decoded, frame) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![t, uid, t_ms, name, decoded, frame])?;
        }
        Record::Outcome {
            target,
            uid,
            outcome,
            detail,
            t_ms,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "UPDATE command SET outcome = ?3, detail = ?4, outcome_ms = ?5 WHERE id = \
                 (SELECT max(id) FROM command WHERE target = ?1 AND uid = ?2)",
            )?
            .execute(params![t, uid, outcome, detail, t_ms])?;
        }
        Record::Commissioning {
            target,
            kind,
            name,
            value,
            t_ms,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "INSERT INTO commissioning (t_ms, target, kind, name, value) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![t_ms, t, kind, name, value])?;
        }
        Record::Verified {
            target,
            uid,
            verified,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "UPDATE command SET verified = ?3 WHERE id = \
                 (SELECT max(id) FROM command WHERE target = ?1 AND uid = ?2)",
            )?
            .execute(params![t, uid, verified])?;
        }
    }
    Ok(())
}
