//! The store through real files: write, read back, export, failures.

use super::export::{Format, Spec, export};
use super::reader::Recording;
use super::*;

mod seeking;
mod writing;

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

/// The same reduction whether the samples are recent, folded into their series, or some of
/// each (the spike and the column it falls in split between the two tables).
#[test]
fn a_series_is_read_as_min_and_max_per_column() {
    let mut seen = Vec::new();
    for layout in ["recent", "mixed", "folded"] {
        let p = temp(&format!("columns-{layout}"));
        let folding = writer::Timing {
            fold_every: std::time::Duration::ZERO,
            ..writer::Timing::default()
        };
        // A spike in the middle of 1000 flat samples must survive the reduction. Mixed: the
        // first 504 written by a recorder that folds at each commit, the rest by one that
        // leaves them recent (a short busy stop does not fold).
        let mut r = Recorder::open(&p, "test").unwrap();
        for i in 0..1000i64 {
            if layout == "mixed" && i == 0 {
                r = Recorder::open_timed(&p, "test", folding).unwrap();
            }
            if layout == "mixed" && i == 504 {
                r.close().unwrap();
                r = Recorder::open(&p, "test").unwrap();
            }
            let v = if i == 500 { 400 } else { 230 };
            r.record(sample(0, v, i * 1000));
        }
        r.close().unwrap();
        if layout == "folded" {
            // The next open for writing folds what a stop left.
            Recorder::open(&p, "test").unwrap().close().unwrap();
        }
        let c = rusqlite::Connection::open(&p).unwrap();
        let count = |t: &str| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        let split = (count("sample"), count("sample_recent"));
        drop(c);
        let expected = match layout {
            "recent" => (0, 1000),
            "mixed" => (504, 496),
            _ => (1000, 0),
        };
        assert_eq!(split, expected, "{layout}");
        let rec = Recording::open(&p).unwrap();
        let id = rec.targets().unwrap()[0].id;
        let cols = rec
            .series_columns(id, Table::Holding, 0, (0, 999_000), 100, false)
            .unwrap();
        assert_eq!(cols.len(), 100);
        assert!(
            cols.iter().any(|c| c.max == 400 && c.t_max == 500_000),
            "{layout}: {cols:?}"
        );
        assert!(cols.iter().all(|c| c.min == 230));
        // Each column's last sample is the value held after it.
        assert!(
            cols.iter()
                .all(|c| c.last == 230 && c.t_last >= c.t_max.max(c.t_min))
        );
        seen.push(cols);
        drop(rec);
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }
    assert_eq!(seen[0], seen[1], "recent and mixed differ");
    assert_eq!(seen[0], seen[2], "recent and folded differ");
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
