//! The store through real files: write, read back, export, failures.

use super::export::{Format, Spec, export};
use super::reader::Recording;
use super::*;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cmm-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d.join("rec.cmmrec")
}

fn login(t_ms: i64) -> Record {
    Record::Target {
        key: "H1".into(),
        hostname: "north".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: Some(true),
        module_port: Some(2),
        module_baud: Some(0),
        peer: "192.0.2.7:4000".into(),
        t_ms,
    }
}

fn sample(addr: u16, raw: u16, t_ms: i64) -> Record {
    Record::Sample {
        target: "H1".into(),
        table: Table::Holding,
        addr,
        raw,
        t_ms,
    }
}

#[test]
fn what_is_recorded_reads_back_and_exports_in_units() {
    let p = temp("roundtrip");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    // Mains UA (register 0, V) and battery (24, 0.1 V).
    for (i, v) in [230u16, 231, 229].iter().enumerate() {
        r.record(sample(0, *v, 1_000 + i as i64 * 1000));
    }
    r.record(sample(24, 253, 1_500));
    r.record(Record::Command {
        target: "H1".into(),
        uid: "u1".into(),
        name: Some("Manual".into()),
        decoded: "slave 1 write coil 4 = FF00".into(),
        frame: Some("01050004FF00CDFB".into()),
        t_ms: 2_000,
    });
    r.record(Record::Outcome {
        target: "H1".into(),
        uid: "u1".into(),
        outcome: "accepted",
        detail: "01050004FF00CDFB,1".into(),
        t_ms: 2_100,
    });
    r.record(Record::Verified {
        target: "H1".into(),
        uid: "u1".into(),
        verified: true,
    });
    r.record(Record::Event {
        target: None,
        kind: "marker",
        text: "load step 25 %".into(),
        t_ms: 2_500,
    });
    r.flush().unwrap();
    assert_eq!(r.written(), 9);
    r.close().unwrap();

    let rec = Recording::open(&p).unwrap();
    assert_eq!(rec.count("sample").unwrap(), 4);
    let t = &rec.targets().unwrap()[0];
    assert_eq!(
        (t.key.as_str(), t.moduletype.as_str()),
        ("H1", "HGM6120N-4G")
    );
    let ev = rec.events(0, 10_000).unwrap();
    assert_eq!(ev[0].kind, "marker");
    let conn = rusqlite::Connection::open(&p).unwrap();
    let (outcome, verified): (String, i64) = conn
        .query_row(
            "SELECT outcome, verified FROM command WHERE uid = 'u1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((outcome.as_str(), verified), ("accepted", 1));

    let maps = crate::proto::map::builtin_maps();
    let mut long = Vec::new();
    let spec = Spec {
        format: Format::Long,
        utc: true,
        ..Default::default()
    };
    assert_eq!(export(&rec, &maps, &spec, &mut long).unwrap(), 4);
    let long = String::from_utf8(long).unwrap();
    assert!(
        long.starts_with("time,target,name,value,unit,raw\n"),
        "{long}"
    );
    assert!(
        long.contains("1970-01-01T00:00:01.500Z,north,Battery Voltage,25.3,V,00FD"),
        "{long}"
    );

    let mut wide = Vec::new();
    let spec = Spec {
        values: vec!["mains ua".into()],
        utc: true,
        from_ms: Some(1_500),
        ..Default::default()
    };
    assert_eq!(export(&rec, &maps, &spec, &mut wide).unwrap(), 2);
    let wide = String::from_utf8(wide).unwrap();
    let lines: Vec<&str> = wide.lines().collect();
    assert_eq!(lines[0], "time,Mains UA (V) [north holding 0]");
    assert_eq!(lines[1], "1970-01-01T00:00:02.000Z,231");
    assert_eq!(lines[2], "1970-01-01T00:00:03.000Z,229");
    let spec = Spec {
        values: vec!["no such value".into()],
        ..Default::default()
    };
    assert!(
        export(&rec, &maps, &spec, Vec::new())
            .unwrap_err()
            .to_string()
            .contains("no value named")
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn a_series_is_read_as_min_and_max_per_column() {
    let p = temp("columns");
    let r = Recorder::open(&p, "test").unwrap();
    // A spike in the middle of 1000 flat samples must survive the reduction.
    for i in 0..1000i64 {
        let v = if i == 500 { 400 } else { 230 };
        r.record(sample(0, v, i * 1000));
    }
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let id = rec.targets().unwrap()[0].id;
    let cols = rec
        .series_columns(id, Table::Holding, 0, (0, 999_000), 100, false)
        .unwrap();
    assert_eq!(cols.len(), 100);
    assert!(
        cols.iter().any(|c| c.max == 400 && c.t_max == 500_000),
        "{cols:?}"
    );
    assert!(cols.iter().all(|c| c.min == 230));
    // Each column's last sample is the value held after it.
    assert!(
        cols.iter()
            .all(|c| c.last == 230 && c.t_last >= c.t_max.max(c.t_min))
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn a_place_that_cannot_be_written_is_refused_with_the_reason() {
    // A "folder" that is a file: refused for any user, root included.
    let p = temp("notdir");
    let dir = p.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let e = Recorder::open(&file.join("rec.cmmrec"), "test")
        .err()
        .expect("refused");
    assert!(e.to_string().contains("plain-file"), "{e}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_value_standing_before_a_range_and_the_link_changes_are_read() {
    let p = temp("links");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    let ev = |kind: &'static str, t_ms: i64| Record::Event {
        target: Some("H1".into()),
        kind,
        text: kind.into(),
        t_ms,
    };
    r.record(ev("online", 1_000));
    r.record(sample(0, 500, 2_000));
    r.record(sample(0, 65_535, 3_000));
    r.record(ev("offline", 10_000));
    r.record(ev("marker", 11_000));
    r.record(ev("online", 20_000));
    r.record(ev("link_down", 30_000));
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let id = rec.targets().unwrap()[0].id;
    assert_eq!(
        rec.value_before(id, Table::Holding, 0, 2_500, false)
            .unwrap(),
        Some((2_000, 500))
    );
    assert_eq!(
        rec.value_before(id, Table::Holding, 0, 5_000, true)
            .unwrap(),
        Some((3_000, -1)),
        "signed when asked"
    );
    assert_eq!(
        rec.value_before(id, Table::Holding, 0, 2_000, false)
            .unwrap(),
        None
    );
    assert_eq!(
        rec.link_changes(id, (5_000, 25_000)).unwrap(),
        vec![(1_000, true), (10_000, false), (20_000, true)],
        "led by the state at the start; markers are not link changes"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

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

#[test]
fn values_are_written_at_their_resolution_and_the_excel_dialect_opens_by_double_click() {
    let p = temp("resolution");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    // Battery voltage (register 24, 0.1 V): 254 * 0.1 is 25.400000000000002 in binary.
    r.record(sample(24, 254, 1_000));
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let maps = crate::proto::map::builtin_maps();
    let spec = Spec {
        utc: true,
        ..Default::default()
    };
    let mut plain = Vec::new();
    export(&rec, &maps, &spec, &mut plain).unwrap();
    let plain = String::from_utf8(plain).unwrap();
    assert_eq!(plain.lines().nth(1), Some("1970-01-01T00:00:01.000Z,25.4"));

    let spec = Spec {
        utc: true,
        dialect: super::dialect::Dialect::excel(true),
        ..Default::default()
    };
    let mut excel = Vec::new();
    export(&rec, &maps, &spec, &mut excel).unwrap();
    assert!(
        excel.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark first"
    );
    let excel = String::from_utf8(excel[3..].to_vec()).unwrap();
    let lines: Vec<&str> = excel.lines().collect();
    assert_eq!(lines[0], "time;Battery Voltage (V) [north holding 24]");
    assert_eq!(lines[1], "1970-01-01T00:00:01.000Z;25,4");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn the_reading_before_and_after_a_moment_is_found_for_a_target_or_any() {
    let p = temp("beside");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    let other = |addr: u16, t_ms: i64| Record::Sample {
        target: "H2".into(),
        table: Table::Input,
        addr,
        raw: 1,
        t_ms,
    };
    for (addr, t) in [(0, 2_000), (0, 6_000), (7, 4_000), (9, 9_000)] {
        r.record(sample(addr, 1, t));
    }
    for (addr, t) in [(3, 3_000), (3, 5_000), (1, 7_000)] {
        r.record(other(addr, t));
    }
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let h1 = rec.target_id("H1").unwrap();
    let h2 = rec.target_id("H2").unwrap();
    let beside = |id, at, later| rec.reading_beside(id, at, later).unwrap();
    // Of one target: its own series only, strictly before or after.
    assert_eq!(beside(h1, 6_000, false), Some(4_000));
    assert_eq!(beside(h1, 6_000, true), Some(9_000));
    assert_eq!(beside(h2, 6_000, false), Some(5_000));
    assert_eq!(beside(h2, 6_000, true), Some(7_000));
    // Of any target.
    assert_eq!(beside(None, 4_000, false), Some(3_000));
    assert_eq!(beside(None, 5_000, true), Some(6_000));
    assert_eq!(beside(None, 7_000, true), Some(9_000));
    // Nothing beyond the ends.
    assert_eq!(beside(None, 2_000, false), None);
    assert_eq!(beside(h2, 7_000, true), None);
    assert_eq!(beside(Some(99), 5_000, true), None);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn the_last_heartbeat_at_a_moment_is_the_modems_hb() {
    let p = temp("heartbeat");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    let msg = |text: &str, t_ms: i64| Record::Message {
        target: Some("H1".into()),
        peer: "192.0.2.7:4000".into(),
        dir: Direction::In,
        text: text.into(),
        t_ms,
    };
    r.record(msg(r#"{"method":"HB","hostid":"H1","params":""}"#, 5_000));
    r.record(msg(r#"{"method":"reqdatachange","hostid":"H1"}"#, 8_000));
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let id = rec.targets().unwrap()[0].id;
    let m = rec.moment(id, 9_000).unwrap();
    assert_eq!(m.last_heartbeat_ms, Some(5_000));
    assert_eq!(m.last_seen_ms, Some(8_000));
    assert_eq!(rec.moment(id, 4_000).unwrap().last_heartbeat_ms, None);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// An upload's changes travel as one record, out of series order and with two values of one
/// register at one time: each is a row, written in series order, the later value kept, and
/// the rows (not the records) counted as written.
#[test]
fn an_uploads_changes_are_one_record_and_rows_in_series_order() {
    let p = temp("samples");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(1_000));
    r.record(Record::Samples {
        target: "H1".into(),
        t_ms: 2_000,
        values: vec![
            (Table::Holding, 24, 253),
            (Table::Coils, 7, 1),
            (Table::Holding, 0, 230),
            (Table::Holding, 24, 254),
        ],
    });
    r.record(sample(0, 231, 3_000));
    r.flush().unwrap();
    assert_eq!(r.written(), 1 + 4 + 1);
    assert_eq!(r.lost(), 0);
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let id = rec.targets().unwrap()[0].id;
    let at = |t_ms| -> Vec<(Table, u16, u16)> {
        let mut v: Vec<_> = rec
            .values_at(id, t_ms)
            .unwrap()
            .into_iter()
            .map(|s| (s.table, s.addr, s.raw))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        at(2_000),
        vec![
            (Table::Coils, 7, 1),
            (Table::Holding, 0, 230),
            (Table::Holding, 24, 254)
        ]
    );
    assert_eq!(at(3_000)[1], (Table::Holding, 0, 231));
    assert_eq!(rec.count("sample").unwrap(), 4);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// The reads that seek series by series (values at a moment, spans, a target's last message
/// and heartbeat) give what a plain pass over the tables gives, on a recording of simulated
/// modems at moments across it, including a modem whose link went down long before.
#[test]
fn seeking_series_by_series_reads_what_a_pass_over_the_file_reads() {
    let p = temp("seek");
    let end_ms = 1_800_000_000_000;
    let day = crate::sim::day::Day {
        modems: 3,
        hours: 1.5,
        rate_ms: 3000,
        end_ms,
    };
    crate::sim::day::write(&p, day, |_| {}).unwrap();
    // The third modem goes silent four minutes in and offline a minute later, more than an
    // hour before the end (where its last message is looked for from when it went down).
    let c = rusqlite::Connection::open(&p).unwrap();
    let start = end_ms - 5_400_000;
    c.execute(
        "DELETE FROM message WHERE target = 3 AND t_ms > ?1",
        [start + 240_000],
    )
    .unwrap();
    for table in ["sample", "sample_recent"] {
        c.execute(
            &format!("DELETE FROM {table} WHERE target = 3 AND t_ms > ?1"),
            [start + 240_000],
        )
        .unwrap();
    }
    c.execute(
        "INSERT INTO event (t_ms, target, kind, text) VALUES (?1, 3, 'offline', 'gone')",
        [start + 300_000],
    )
    .unwrap();
    // The samples as the recorder leaves them (the last ones not yet folded into the
    // clustered table), then folded up to the middle of the hour, then all folded.
    let recent = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM sample_recent", [], |r| r.get(0))
            .unwrap()
    };
    assert!(recent(&c) > 0, "a short recording is all recent");
    seeks_match_a_pass(&p, start, false);
    c.execute_batch(&format!(
        "INSERT INTO sample SELECT target, tbl, addr, t_ms, raw FROM sample_recent \
         WHERE t_ms < {mid}; DELETE FROM sample_recent WHERE t_ms < {mid};",
        mid = start + 2_700_000
    ))
    .unwrap();
    assert!(recent(&c) > 0);
    seeks_match_a_pass(&p, start, true);
    super::schema::fold_recent(&c).unwrap();
    assert_eq!(recent(&c), 0);
    seeks_match_a_pass(&p, start, true);
    drop(c);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// The seeks of [`seeking_series_by_series_reads_what_a_pass_over_the_file_reads`] against
/// queries over every sample (`folded`: some are in the clustered table).
fn seeks_match_a_pass(p: &std::path::Path, start: i64, folded: bool) {
    let rec = Recording::open(p).unwrap();
    let in_tree: i64 = rec
        .conn
        .query_row("SELECT count(*) FROM main.sample", [], |r| r.get(0))
        .unwrap();
    assert_eq!(in_tree > 0, folded);
    let q = |sql: &str, args: &[i64]| -> Option<i64> {
        rec.conn
            .query_row(sql, rusqlite::params_from_iter(args), |r| r.get(0))
            .unwrap()
    };
    let (a, b) = rec.span().unwrap().unwrap();
    assert_eq!(Some(a), q("SELECT min(t_ms) FROM sample", &[]));
    assert_eq!(Some(b), q("SELECT max(t_ms) FROM sample", &[]));
    for t in rec.targets().unwrap() {
        let id = t.id;
        let (ta, tb) = rec.target_span(id).unwrap().unwrap();
        assert_eq!(
            Some(ta),
            q("SELECT min(t_ms) FROM sample WHERE target = ?1", &[id])
        );
        assert_eq!(
            Some(tb),
            q("SELECT max(t_ms) FROM sample WHERE target = ?1", &[id])
        );
        for at in [
            a - 1,
            a,
            a + 1_500,
            start + 250_000,
            (a + b) / 2,
            b,
            b + 60_000,
        ] {
            let mut got: Vec<_> = rec
                .values_at(id, at)
                .unwrap()
                .into_iter()
                .map(|s| (table_code(s.table), s.addr, s.t_ms, s.raw))
                .collect();
            got.sort();
            let mut st = rec
                .conn
                .prepare(
                    "SELECT tbl, addr, max(t_ms), raw FROM sample WHERE target = ?1 \
                     AND t_ms <= ?2 GROUP BY tbl, addr ORDER BY tbl, addr",
                )
                .unwrap();
            let want: Vec<(i64, u16, i64, u16)> = st
                .query_map([id, at], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(got, want, "target {id} at {at}");
            let m = rec.moment(id, at).unwrap();
            let sample = q(
                "SELECT max(t_ms) FROM sample WHERE target = ?1 AND t_ms <= ?2",
                &[id, at],
            );
            let message = q(
                "SELECT max(t_ms) FROM message WHERE target = ?1 AND dir = 0 AND t_ms <= ?2",
                &[id, at],
            );
            let hb = q(
                "SELECT max(t_ms) FROM message WHERE target = ?1 AND dir = 0 AND t_ms <= ?2 \
                 AND text LIKE '%\"HB\"%'",
                &[id, at],
            );
            assert_eq!(m.last_seen_ms, sample.max(message), "target {id} at {at}");
            assert_eq!(m.last_heartbeat_ms, hb, "target {id} at {at}");
            let up = q(
                "SELECT min(t_ms) FROM event WHERE target = ?1 AND kind = 'online'",
                &[id],
            );
            let down = (id == 3).then_some(start + 300_000);
            let online = up.is_some_and(|u| at >= u) && down.is_none_or(|d| at < d);
            assert_eq!(m.online, online, "target {id} at {at}");
            for later in [false, true] {
                let nearest = if later {
                    q(
                        "SELECT min(t_ms) FROM sample WHERE target = ?1 AND t_ms > ?2",
                        &[id, at],
                    )
                } else {
                    q(
                        "SELECT max(t_ms) FROM sample WHERE target = ?1 AND t_ms < ?2",
                        &[id, at],
                    )
                };
                assert_eq!(rec.reading_beside(Some(id), at, later).unwrap(), nearest);
            }
        }
    }
}

/// The stale marks at a moment: a block unanswered stays stale until a value of it comes again
/// or a full upload refreshes it; after lost change uploads, every value not refreshed since
/// is possibly stale until the next full upload.
#[test]
fn stale_marks_are_read_at_the_moment_chosen() {
    let p = temp("stale");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login(500));
    for addr in [10, 11, 12] {
        r.record(sample(addr, 100 + addr, 1_000));
    }
    let event = |kind: &'static str, text: &str, t_ms: i64| Record::Event {
        target: Some("H1".into()),
        kind,
        text: text.into(),
        t_ms,
    };
    let upload = |text: &str, t_ms: i64| Record::Message {
        target: Some("H1".into()),
        peer: "192.0.2.7:4000".into(),
        dir: Direction::In,
        text: text.into(),
        t_ms,
    };
    r.record(event(
        "stale",
        "H1: holding 10-12 not refreshed, shown as stale: reqdata frame 2: CRC error",
        2_000,
    ));
    r.record(sample(11, 200, 3_000));
    r.record(upload(r#"{"method":"reqdata","hostid":"H1"}"#, 5_000));
    r.record(event(
        "packet_gap",
        "H1: 2 change upload(s) lost (packetnum gap)",
        6_000,
    ));
    r.record(sample(10, 300, 7_000));
    r.record(upload(r#"{"method":"reqdata","hostid":"H1"}"#, 8_000));
    r.close().unwrap();
    let rec = Recording::open(&p).unwrap();
    let id = rec.targets().unwrap()[0].id;
    let stale = |t| -> Vec<u16> {
        rec.stale_at(id, t)
            .unwrap()
            .stale
            .iter()
            .map(|((_, a), _)| *a)
            .collect()
    };
    assert_eq!(stale(1_500), Vec::<u16>::new());
    assert_eq!(stale(2_500), vec![10, 11, 12]);
    let at = rec.stale_at(id, 2_500).unwrap();
    assert_eq!(at.stale[0].1, ("reqdata frame 2: CRC error".into(), 2_000));
    assert_eq!(stale(3_500), vec![10, 12], "11 came again");
    assert_eq!(
        stale(5_000),
        Vec::<u16>::new(),
        "the full upload refreshed them"
    );
    let gap = rec.stale_at(id, 7_500).unwrap();
    assert_eq!(gap.gap_since, Some(6_000));
    assert_eq!(gap.fresh_since_gap, vec![(Table::Holding, 10)]);
    assert_eq!(rec.stale_at(id, 8_000).unwrap().gap_since, None);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}
