//! The report's figures from a real recording file written by the recorder.

use std::path::PathBuf;

use super::*;
use crate::proto::Table;
use crate::proto::map::builtin_maps;
use crate::store::{Record, Recorder};

const T0: i64 = 1_790_000_000_000;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cmm-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d.join("rec.cmmrec")
}

fn at(s: f64) -> i64 {
    T0 + (s * 1000.0) as i64
}

fn reg(addr: u16, raw: u16, s: f64) -> Record {
    Record::Sample {
        target: "H1".into(),
        table: Table::Holding,
        addr,
        raw,
        t_ms: at(s),
    }
}

fn coil(addr: u16, on: u16, s: f64) -> Record {
    Record::Sample {
        target: "H1".into(),
        table: Table::Coils,
        addr,
        raw: on,
        t_ms: at(s),
    }
}

fn entry(kind: &'static str, name: &str, value: &str, s: f64) -> Record {
    Record::Commissioning {
        target: "H1".into(),
        kind,
        name: name.into(),
        value: value.into(),
        t_ms: at(s),
    }
}

/// A run: kW 0, then 25 for 10 s and 27 for 10 s in the "25 %" step; an emergency stop at
/// 32 s with the engine at 0 rpm 3 s later; overspeed reading "no data"; a crank failure while
/// the speed reads "no data".
fn recording(name: &str) -> PathBuf {
    let p = temp(name);
    let r = Recorder::open(&p, "test").unwrap();
    r.record(Record::Target {
        key: "H1".into(),
        hostname: "north".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: Some(true),
        module_port: Some(2),
        module_baud: Some(0),
        peer: "192.0.2.7:4000".into(),
        t_ms: at(0.0),
    });
    r.record(entry("field", "site", "North quarry", 0.5));
    r.record(entry("field", "site", "North Quarry, gate 2", 0.6));
    r.record(entry("field", "engineer", "A. Field", 0.7));
    for (addr, raw) in [
        (26u16, 0u16),
        (13, 500),
        (19, 32766),
        (23, 1500),
        (42, 0),
        (43, 120),
    ] {
        r.record(reg(addr, raw, 0.0));
    }
    for c in [8u16, 9, 17] {
        r.record(coil(c, 0, 0.0));
    }
    r.record(entry("step_start", "25 %", "900", 10.0));
    r.record(reg(26, 25, 10.0));
    r.record(reg(26, 27, 20.0));
    r.record(entry("step_end", "25 %", "", 30.0));
    r.record(reg(43, 121, 30.0));
    r.record(coil(9, 32766, 31.0));
    r.record(coil(8, 1, 32.0));
    r.record(reg(23, 800, 33.0));
    r.record(reg(23, 0, 35.0));
    r.record(reg(23, 1500, 45.0));
    r.record(reg(23, 32766, 49.0));
    r.record(coil(17, 1, 50.0));
    r.record(entry(
        "protection",
        "Low Oil Pressure Shutdown",
        "sender unplugged",
        55.0,
    ));
    r.record(entry("protection", "High Temperature Shutdown", "", 56.0));
    r.record(entry(
        "protection_clear",
        "High Temperature Shutdown",
        "",
        57.0,
    ));
    r.record(reg(26, 0, 60.0));
    r.close().unwrap();
    p
}

#[test]
fn a_step_gives_the_time_weighted_mean_and_leaves_no_data_out() {
    let p = recording("steps");
    let c = read(&p, None, &builtin_maps()).unwrap();
    assert_eq!(
        c.fields["site"], "North Quarry, gate 2",
        "the last entry wins"
    );
    assert_eq!(c.steps.len(), 1);
    let s = &c.steps[0];
    assert_eq!((s.name.as_str(), s.planned_s, s.ended), ("25 %", 900, true));
    assert_eq!((s.start_ms, s.end_ms), (at(10.0), at(30.0)));
    let stat = |label: &str| s.stats.iter().find(|x| x.label == label).unwrap();
    let kw = stat("Active power");
    assert_eq!((kw.min, kw.max), (Some(25.0), Some(27.0)));
    assert!((kw.mean.unwrap() - 26.0).abs() < 1e-9, "{:?}", kw.mean);
    assert_eq!(stat("Frequency").mean, Some(50.0));
    let oil = stat("Oil pressure");
    assert_eq!((oil.min, oil.mean, oil.max), (None, None, None));
    // Counters: run hours at the start of the first step and at the end.
    let hours = c.counters.iter().find(|k| k.label == "Run hours").unwrap();
    assert_eq!((hours.start, hours.end), (Some(120.0), Some(121.0)));
    let csv = steps_csv(&c).unwrap();
    assert!(csv.contains(",Active power,kW,25.0,26.0,27.0,"), "{csv}");
    // Times as the export writes them: ISO 8601 with the offset.
    let start = crate::store::export::iso_time(s.start_ms, false);
    assert!(csv.contains(&format!("25 %,{start},")), "{csv}");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn protections_tick_from_the_alarm_coming_on_never_from_no_data_and_by_hand() {
    let p = recording("protections");
    let c = read(&p, Some("h1"), &builtin_maps()).unwrap();
    let test = |name: &str| c.protections.iter().find(|t| t.name == name).unwrap();
    assert_eq!(
        c.protections[0].name, "Emergency Stop",
        "the usual tests come first"
    );
    let estop = test("Emergency Stop");
    assert_eq!(estop.seen_ms, Some(at(32.0)));
    assert_eq!(estop.stopped_after_ms, Some(3000));
    let over = test("Overspeed Alarm Shutdown");
    assert_eq!(
        over.seen_ms, None,
        "a coil reading 32766 is no data, not an alarm"
    );
    assert!(!over.done());
    let crank = test("Crank Failure");
    assert_eq!(crank.seen_ms, Some(at(50.0)));
    assert_eq!(
        crank.stopped_after_ms, None,
        "speed reads no data: no stop seen"
    );
    let oil = test("Low Oil Pressure Shutdown");
    assert_eq!(oil.by_hand, Some((at(55.0), "sender unplugged".into())));
    assert!(!test("High Temperature Shutdown").done(), "cleared again");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn the_pdf_is_a_pdf_with_one_page_or_more_and_names_the_steps() {
    let p = recording("pdf");
    let out = p.with_file_name("report.pdf");
    let w = write(&p, None, &builtin_maps(), &out).unwrap();
    assert_eq!(w.csv, p.with_file_name("report-steps.csv"));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("(Step \"25 %\": "),
        "step heading in the content"
    );
    assert!(text.contains("/Count "), "page tree");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn text_is_laid_out_by_the_font_widths() {
    use super::pdf::{text_width, wrap};
    // Helvetica: "i" is narrow, "W" wide.
    assert!(text_width("iiii", 10.0, false) < text_width("WWWW", 10.0, false));
    assert!((text_width("0", 10.0, false) - 5.56).abs() < 1e-3);
    let lines = wrap(
        "the quick brown fox jumps over the lazy dog",
        10.0,
        false,
        80.0,
    );
    assert!(lines.len() > 2);
    assert!(
        lines.iter().all(|l| text_width(l, 10.0, false) <= 80.0),
        "{lines:?}"
    );
    assert_eq!(
        lines.join(" "),
        "the quick brown fox jumps over the lazy dog"
    );
}
