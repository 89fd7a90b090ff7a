//! The writer's thread: it owns the connection, writes each record as it comes into an open
//! transaction, commits, checkpoints and folds.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::rows::write_one;
use super::{BATCH, COMMIT_EVERY, FOLD_ROWS, Msg, NAP, Shared, Timing};
use crate::store::{Record, StoreError, schema};

/// The writer's side of a recorder.
pub(super) struct Writer {
    conn: Connection,
    path: PathBuf,
    targets: HashMap<String, i64>,
    shared: Arc<Shared>,
    timing: Timing,
    /// Samples in `sample_recent`, committed.
    recent: usize,
    /// When they were last folded into `sample`.
    folded: Instant,
    /// The transaction the records since the last commit are written in, if any.
    open: Option<Open>,
    /// A failed write or commit since the last flush (its rows are counted lost), for the
    /// next flush to answer with.
    failed: Option<StoreError>,
}

/// What the open transaction holds.
#[derive(Default)]
struct Open {
    /// Rows written in it.
    rows: usize,
    /// Of them, samples (appended to `sample_recent`).
    samples: usize,
}

impl Writer {
    /// A writer of `conn`, the recording at `path`.
    pub(super) fn new(
        conn: Connection,
        path: PathBuf,
        shared: Arc<Shared>,
        timing: Timing,
    ) -> Self {
        Writer {
            conn,
            path,
            targets: HashMap::new(),
            shared,
            timing,
            recent: 0,
            folded: Instant::now(),
            open: None,
            failed: None,
        }
    }

    /// Takes records until the recorder closes.
    pub(super) fn run(&mut self, rx: Receiver<Msg>) {
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
                // Written now and let go: records do not wait for the commit in memory.
                Ok(Msg::Record(r)) => {
                    self.shared.queued.fetch_sub(1, Ordering::Relaxed);
                    self.put(&r);
                }
                Ok(Msg::Flush(reply)) => {
                    self.commit();
                    // Any write that failed since the last flush, this commit's too.
                    let r = self.failed.take().map_or(Ok(()), Err);
                    last = Instant::now();
                    if checkpointed.elapsed() >= self.timing.checkpoint_every {
                        self.checkpoint("PASSIVE");
                        checkpointed = Instant::now();
                    }
                    let _ = reply.send(r);
                    continue;
                }
                Ok(Msg::Close) | Err(RecvTimeoutError::Disconnected) => {
                    self.commit();
                    self.fold_at_stop();
                    self.checkpoint("TRUNCATE");
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            let rows = self.open.as_ref().map_or(0, |o| o.rows);
            if rows >= BATCH || last.elapsed() >= COMMIT_EVERY {
                self.commit();
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

    /// Writes a record in the open transaction (opening one if none is). A failure loses
    /// the transaction's rows and this record's, counted and reported; the next record opens
    /// a new one.
    fn put(&mut self, r: &Record) {
        let written = self
            .begin()
            .and_then(|()| write_one(&self.conn, &mut self.targets, r));
        match (written, self.open.as_mut()) {
            (Ok(samples), Some(open)) => {
                open.rows += r.rows();
                open.samples += samples;
            }
            (Ok(_), None) => {}
            (Err(e), _) => self.fail(e, r.rows()),
        }
    }

    /// Opens a transaction if none is open.
    fn begin(&mut self) -> rusqlite::Result<()> {
        if self.open.is_none() {
            self.conn.execute_batch("BEGIN")?;
            self.open = Some(Open::default());
        }
        Ok(())
    }

    /// Rolls the open transaction back after `e`: its rows and `more` are lost.
    fn fail(&mut self, e: rusqlite::Error, more: usize) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let rows = self.open.take().map_or(0, |o| o.rows) + more;
        // Ids given out in the failed transaction are gone with it.
        self.targets.clear();
        let e = StoreError::Sqlite {
            path: self.path.clone(),
            reason: e.to_string(),
        };
        self.shared.lost.fetch_add(rows as u64, Ordering::Relaxed);
        *self.shared.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.clone());
        self.failed = Some(e);
    }

    /// Commits the open transaction, with a fold of the recent samples when one is due. A
    /// failure is counted and kept for the next flush.
    fn commit(&mut self) {
        let added = self.open.as_ref().map_or(0, |o| o.samples);
        let fold = Self::fold_due(self.recent + added, self.folded, self.timing.fold_every);
        if self.open.is_some() || fold {
            let done = self.begin().and_then(|()| {
                if fold {
                    schema::fold_recent(&self.conn)?;
                }
                self.conn.execute_batch("COMMIT")
            });
            match done {
                Ok(()) => {
                    let rows = self.open.take().map_or(0, |o| o.rows);
                    self.shared
                        .written
                        .fetch_add(rows as u64, Ordering::Relaxed);
                    if fold {
                        self.recent = 0;
                        self.folded = Instant::now();
                    } else {
                        self.recent += added;
                    }
                }
                Err(e) => self.fail(e, 0),
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
}
