//! The writer through real files: the main file alone, a full queue, a failed write, the
//! recent samples folded.

use super::*;
use crate::store::reader::Recording;

/// The main file copied alone (without its `-wal`, as a file is copied to a USB stick).
fn copied_alone(p: &std::path::Path, name: &str) -> PathBuf {
    let out = p.with_file_name(name);
    std::fs::copy(p, &out).unwrap();
    out
}

#[test]
fn the_main_file_alone_holds_the_recording_after_a_close_even_with_a_reader_open() {
    let p = temp("close-one-file");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    r.record(sample(0, 230, 1_000));
    r.flush().unwrap();
    // A reader of the file (the window's plots) still open when the recorder closes.
    let reader = Recording::open(&p).unwrap();
    assert_eq!(reader.count("sample").unwrap(), 1);
    r.close().unwrap();
    let alone = Recording::open(&copied_alone(&p, "alone.cmmrec")).unwrap();
    assert_eq!(alone.count("sample").unwrap(), 1);
    assert_eq!(alone.targets().unwrap()[0].hostname, "north");
    drop(reader);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn the_main_file_alone_keeps_up_while_the_recording_runs() {
    let p = temp("checkpoint");
    // Checkpoints at every commit: the main file is never behind what is committed.
    let timing = writer::Timing {
        checkpoint_every: std::time::Duration::ZERO,
        ..Default::default()
    };
    let r = Recorder::open_timed(&p, "test", timing).unwrap();
    r.record(login(1_000));
    r.record(sample(0, 230, 1_000));
    r.flush().unwrap();
    let alone = Recording::open(&copied_alone(&p, "running.cmmrec")).unwrap();
    assert_eq!(alone.count("sample").unwrap(), 1);
    drop(r);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// A writer held up (another program holds the file locked) while records keep coming: past
/// the queue's bound they are dropped and counted, never waited for; every record is either
/// written or counted lost.
#[test]
fn a_full_queue_drops_and_counts_and_never_waits() {
    let p = temp("full");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    r.flush().unwrap();
    let lock = rusqlite::Connection::open(&p).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let sent = writer::QUEUE + 2 * writer::BATCH;
    let started = std::time::Instant::now();
    for i in 0..sent {
        r.record(sample(0, i as u16, 2_000 + i as i64));
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "record() waited"
    );
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    // The held-up commit may fail (the file was busy): that is counted too.
    let _ = r.flush();
    r.flush().unwrap();
    let lost = r.lost();
    assert!(lost > 0, "nothing dropped past the bound");
    assert_eq!(r.written() + lost, 1 + sent as u64);
    drop(r);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// A write that fails (the file held by another program) loses the rows of its transaction,
/// counted, and the next flush says so; the writer goes on with the next records.
#[test]
fn a_failed_write_is_counted_and_answered_at_the_next_flush() {
    let p = temp("failed");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    r.flush().unwrap();
    let lock = rusqlite::Connection::open(&p).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    r.record(sample(0, 7, 2_000));
    r.record(sample(1, 8, 2_000));
    let held = r.flush();
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    assert!(held.is_err(), "a flush after a failed write said nothing");
    assert_eq!(r.lost(), 2);
    r.record(sample(0, 9, 3_000));
    r.flush().unwrap();
    assert_eq!(r.written(), 2);
    drop(r);
    let c = rusqlite::Connection::open(&p).unwrap();
    let raws: Vec<i64> = c
        .prepare("SELECT raw FROM sample UNION ALL SELECT raw FROM sample_recent")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(raws, vec![9]);
    drop(c);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// Samples are appended to the recent ones, folded into the clustered table when a fold is
/// due and at the next open after a stop that left some; reads see them wherever they are,
/// and a second value of a series at one time replaces the first in either table.
#[test]
fn recent_samples_are_folded_into_their_series_and_read_wherever_they_are() {
    let p = temp("fold");
    let counts = || -> (i64, i64) {
        let c = rusqlite::Connection::open(&p).unwrap();
        let n = |t: &str| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        (n("sample"), n("sample_recent"))
    };
    let value_at = |t_ms: i64| -> Option<(i64, u16)> {
        let rec = Recording::open(&p).unwrap();
        let id = rec.target_id("H1").unwrap().unwrap();
        let v = rec.values_at(id, t_ms).unwrap();
        v.first().map(|s| (s.t_ms, s.raw))
    };
    // No fold due: the samples stay recent, and are read; a stop folds a few.
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    r.record(sample(0, 230, 1_000));
    r.record(sample(0, 231, 2_000));
    r.flush().unwrap();
    assert_eq!(counts(), (0, 2));
    assert_eq!(value_at(1_500), Some((1_000, 230)));
    r.close().unwrap();
    assert_eq!(counts(), (2, 0));
    assert_eq!(value_at(5_000), Some((2_000, 231)));
    // Many, in a small file: a stop leaves them (their room would stay free in the file),
    // a kill too; the next open folds them.
    let r = Recorder::open(&p, "test").unwrap();
    for i in 0..2_000u16 {
        r.record(sample(2, i, 10_000 + i64::from(i)));
    }
    r.close().unwrap();
    assert_eq!(counts(), (2, 2_000));
    // The next open folds them; with a fold at every commit, each commit's go too.
    let timing = writer::Timing {
        fold_every: std::time::Duration::ZERO,
        ..Default::default()
    };
    let r = Recorder::open_timed(&p, "test", timing).unwrap();
    assert_eq!(counts(), (2_002, 0));
    r.record(sample(0, 232, 3_000));
    r.flush().unwrap();
    assert_eq!(counts(), (2_003, 0));
    r.record(sample(0, 240, 3_000));
    r.flush().unwrap();
    assert_eq!(counts(), (2_003, 0));
    assert_eq!(value_at(5_000), Some((3_000, 240)));
    r.close().unwrap();
    // Recent and folded at once: the newest wins, wherever it is.
    let r = Recorder::open(&p, "test").unwrap();
    r.record(sample(0, 250, 4_000));
    r.record(sample(1, 7, 4_000));
    r.flush().unwrap();
    assert_eq!(counts(), (2_003, 2));
    assert_eq!(value_at(3_500), Some((3_000, 240)));
    assert_eq!(value_at(4_000), Some((4_000, 250)));
    let rec = Recording::open(&p).unwrap();
    assert_eq!(rec.count("sample").unwrap(), 2_005);
    assert_eq!(rec.span().unwrap(), Some((1_000, 11_999)));
    let id = rec.target_id("H1").unwrap().unwrap();
    let got: Vec<i64> = rec
        .samples(id, Table::Holding, 0, (0, 10_000))
        .unwrap()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(got, [1_000, 2_000, 3_000, 4_000]);
    drop(rec);
    drop(r);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}
