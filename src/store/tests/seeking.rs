//! Reads at a moment through real files: the readings beside it, the last heartbeat, an
//! upload's rows, seeks against a pass over the file, stale marks.

use super::*;
use crate::store::reader::Recording;

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
        peer: crate::store::Peer::Net("192.0.2.7:4000".parse().unwrap()),
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
        peer: crate::store::Peer::Net("192.0.2.7:4000".parse().unwrap()),
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
