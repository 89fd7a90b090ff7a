//! The report's figures from a real recording file written by the recorder.

use std::path::PathBuf;

use super::*;
use crate::proto::Table;
use crate::proto::map::builtin_maps;
use crate::store::{Record, Recorder};

const T0: i64 = 1_790_000_000_000;

/// A poppler tool's output on a PDF (`pdftotext` with `-` for stdout).
pub(super) fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let mut cmd = std::process::Command::new(tool);
    if tool == "pdftotext" {
        cmd.args(["-layout", pdf.to_str().unwrap(), "-"]);
    } else if tool == "pdftotext-raw" {
        // In the order drawn: a wrapped cell's lines follow each other.
        cmd = std::process::Command::new("pdftotext");
        cmd.args(["-raw", pdf.to_str().unwrap(), "-"]);
    } else {
        cmd.arg(pdf);
    }
    let out = cmd.output().expect("poppler-utils is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub(super) fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cmm-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d.join("rec.cmmrec")
}

pub(super) fn at(s: f64) -> i64 {
    T0 + (s * 1000.0) as i64
}

/// The login of modem "H1" named `hostname`, with a `model` controller, at the start.
pub(super) fn login(hostname: &str, model: &str) -> Record {
    Record::Target {
        key: "H1".into(),
        hostname: hostname.into(),
        moduletype: model.into(),
        accepted: Some(true),
        module_port: Some(2),
        module_baud: Some(0),
        peer: "192.0.2.7:4000".into(),
        t_ms: at(0.0),
    }
}

pub(super) fn reg(addr: u16, raw: u16, s: f64) -> Record {
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

pub(super) fn entry(kind: &'static str, name: &str, value: &str, s: f64) -> Record {
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
    r.record(login("north", "HGM6120N-4G"));
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
        (46, 0),
        (47, 66),
    ] {
        r.record(reg(addr, raw, 0.0));
    }
    for c in [8u16, 9, 17] {
        r.record(coil(c, 0, 0.0));
    }
    // The engine started before the first step: one start more.
    r.record(reg(47, 67, 5.0));
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
    // Counters are read at the start of the recording, not of the first step, with the time.
    let starts = c.counters.iter().find(|k| k.label == "Starts").unwrap();
    assert_eq!((starts.start, starts.end), (Some(66.0), Some(67.0)));
    assert_eq!(starts.read_ms, (Some(at(0.0)), Some(c.span.1)));
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
    assert!(
        String::from_utf8_lossy(&bytes).contains("/Count "),
        "page tree"
    );
    let text = poppler("pdftotext", &out);
    assert!(text.contains("Step \"25 %\": "), "step heading:\n{text}");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn text_wraps_by_the_font_widths_and_keeps_every_character() {
    use super::fonts::Fonts;
    use super::pdf::wrap;
    let mut f = Fonts::new();
    assert!(f.width("iiii", 10.0) < f.width("WWWW", 10.0));
    let lines = wrap(
        &mut f,
        "the quick brown fox jumps over the lazy dog",
        10.0,
        80.0,
    );
    assert!(lines.len() > 2);
    assert!(lines.iter().all(|l| f.width(l, 10.0) <= 80.0), "{lines:?}");
    assert_eq!(
        lines.join(" "),
        "the quick brown fox jumps over the lazy dog"
    );
    // A word longer than the column is broken inside, nothing dropped.
    let long = "PO4500123456/WO-2026-0417-B-".repeat(4);
    let lines = wrap(&mut f, &long, 10.0, 80.0);
    assert!(lines.len() > 3, "{lines:?}");
    assert!(lines.iter().all(|l| f.width(l, 10.0) <= 80.0), "{lines:?}");
    assert_eq!(lines.concat(), long);
    // Cyrillic and Greek come from the shipped font, with no fallback searched.
    let w = f.width("ООО «Энергия Сибирь» Ωμέγα Łukasiewicz", 10.0);
    assert!(w > 100.0);
    assert!(f.missing.is_empty(), "{:?}", f.missing);
    assert_eq!(f.faces().len(), 1);
}

#[test]
fn names_in_any_script_print_with_embedded_fonts_and_what_cannot_be_printed_is_named() {
    let p = recording("scripts");
    let r = Recorder::open(&p, "test").unwrap();
    for (field, value) in [
        ("customer", "ООО «Энергия Сибирь»"),
        ("engineer", "Müller-Łukasiewicz"),
        ("witness", "王小明"),
        ("site", "محطة الكهرباء Ωμέγα"),
        ("job", "J-7 \u{10FFFD}"),
    ] {
        r.record(entry("field", field, value, 70.0));
    }
    r.close().unwrap();
    let out = p.with_file_name("report.pdf");
    let w = write(&p, None, &builtin_maps(), &out).unwrap();
    let text = poppler("pdftotext", &out);
    for needle in [
        "ООО «Энергия Сибирь»",
        "Müller-Łukasiewicz",
        "王小明",
        "Ωμέγα",
        "Name: Müller-Łukasiewicz",
    ] {
        assert!(text.contains(needle), "{needle:?} lacking in:\n{text}");
    }
    assert!(!text.contains("???"), "{text}");
    // Right-to-left text is kept (in logical order, unshaped), not dropped.
    let arabic = "الكهرباء";
    let reversed: String = arabic.chars().rev().collect();
    assert!(text.contains(arabic) || text.contains(&reversed), "{text}");
    assert_eq!(
        w.missing,
        ['\u{10FFFD}'],
        "only the unassigned character is missing"
    );
    assert!(w.missing_note().unwrap().contains("U+10FFFD"));
    // Every font is embedded as a subset; the standard 14 fonts are gone.
    let fonts = poppler("pdffonts", &out);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "the shipped font and a CJK one:\n{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            row.contains("CID TrueType") || row.contains("CID Type 0"),
            "{fonts}"
        );
        assert_eq!(
            cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {fonts}"
        );
    }
    assert!(!fonts.contains("Helvetica"), "{fonts}");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// A modem uploads the trip and the collapsing readings in one message, at one instant: the
/// step ends there, and its figures are those of the engine before it (no 6.8 Hz minimum, no
/// FAIL for the stop itself).
#[test]
fn a_step_cut_by_a_trip_leaves_out_the_readings_of_the_trip_instant() {
    let p = recording("trip-instant");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(entry("step_start", "100 %", "3600", 31.0));
    // With the emergency stop coil at 32 s: the frequency falls in the same upload.
    r.record(reg(13, 68, 32.0));
    r.record(entry("step_end", "", "", 58.0));
    r.close().unwrap();
    let c = read(&p, None, &builtin_maps()).unwrap();
    let s = c.steps.iter().find(|s| s.name == "100 %").unwrap();
    assert_eq!(s.end_ms, at(32.0));
    assert_eq!(
        s.ended_by.as_ref().map(|b| b.1.as_str()),
        Some("Emergency Stop")
    );
    let hz = s.stats.iter().find(|x| x.label == "Frequency").unwrap();
    assert_eq!((hz.min, hz.max), (Some(50.0), Some(50.0)), "{hz:?}");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn a_step_ends_by_itself_at_a_shutdown_short_and_unrun_steps_are_told() {
    let p = recording("shutdown");
    let r = Recorder::open(&p, "test").unwrap();
    // Planned: 25 %, 100 % and 110 %; the 100 % step is still running when the emergency
    // stop trips at 32 s, and End is clicked only at 58 s.
    r.record(entry(
        "field",
        "plan",
        "25 %|900\n100 %|3600\n110 %|900",
        0.8,
    ));
    r.close().unwrap();
    // Entries can only be appended in time order to the same file: re-record the step.
    let r = Recorder::open(&p, "test").unwrap();
    r.record(entry("step_start", "100 %", "3600", 31.0));
    r.record(entry("step_end", "", "", 58.0));
    r.close().unwrap();
    let c = read(&p, None, &builtin_maps()).unwrap();
    let s = c.steps.iter().find(|s| s.name == "100 %").unwrap();
    assert_eq!(s.end_ms, at(32.0), "ends at the trip, not at the click");
    assert_eq!(
        s.ended_by.as_ref().map(|b| (b.0, b.1.as_str())),
        Some((at(32.0), "Emergency Stop"))
    );
    let status = step_status(s);
    assert!(status.contains("ended by Emergency Stop at "), "{status}");
    assert!(status.contains("SHORT"), "{status}");
    assert_eq!(c.not_run, [("110 %".to_string(), 900)]);
    assert!(c.interval_ms.is_some());
    let out = p.with_file_name("report.pdf");
    write(&p, None, &builtin_maps(), &out).unwrap();
    let text = poppler("pdftotext", &out);
    assert!(text.contains("ended by Emergency Stop at"), "{text}");
    assert!(text.contains("not run"), "{text}");
    assert!(text.contains("readings every"), "{text}");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn long_texts_print_whole_and_the_footer_names_job_and_site() {
    let p = recording("long");
    let job = format!("PO 4500123456 / WO-2026-0417-B {}", "X".repeat(150));
    let note =
        "Simulated by overspeed test button on the controller, governor held open. ".repeat(27);
    let r = Recorder::open(&p, "test").unwrap();
    r.record(entry("field", "job", &job, 70.0));
    r.record(entry("field", "deviations", &note, 70.0));
    r.record(entry(
        "protection",
        "Load rejection",
        "Simulated by overspeed test button, governor held open",
        71.0,
    ));
    r.close().unwrap();
    let out = p.with_file_name("report.pdf");
    write(&p, None, &builtin_maps(), &out).unwrap();
    // Joined back without line breaks and spaces, every character is there.
    let text = poppler("pdftotext-raw", &out);
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // The text as read, without the footer a page break puts wherever it falls (within a
    // sentence too).
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    let footer = squeeze(&format!(
        "Job {job} · North Quarry, gate 2 · Generator set commissioning report"
    ));
    let mut flat = squeeze(&text).replace(&footer, "");
    for n in 1..=pages {
        flat = flat.replace(&format!("page{n}of{pages}"), "");
    }
    assert!(!text.contains('…'), "nothing is cut with an ellipsis");
    assert!(
        squeeze(&text).contains(&squeeze(&job)),
        "job number whole:\n{text}"
    );
    // The note runs over a page break (the footer comes between): each sentence is whole.
    assert_eq!(
        flat.matches("governorheldopen.").count(),
        27,
        "deviation note whole"
    );
    assert_eq!(
        flat.matches("Simulatedbyoverspeedtestbuttononthecontroller,")
            .count(),
        27
    );
    assert!(flat.contains(&squeeze(
        "Simulated by overspeed test button, governor held open"
    )));
    // The footer of every page carries the job number and the site.
    assert!(pages >= 2);
    assert_eq!(
        text.matches("North Quarry, gate 2 · Generator set").count(),
        pages,
        "{text}"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn a_modem_seen_through_a_broker_is_named_so_with_its_broker() {
    let p = temp("broker");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(Record::Target {
        key: "mqtt:3130373031334717003D002E".into(),
        hostname: "far".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: None,
        module_port: None,
        module_baud: None,
        peer: "mqtts://broker.example:8883".into(),
        t_ms: at(0.0),
    });
    r.close().unwrap();
    let out = p.with_file_name("report.pdf");
    write(&p, None, &builtin_maps(), &out).unwrap();
    let text = poppler("pdftotext-raw", &out);
    // Label and value wrap in their columns: read the words in order.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Modem through")
            && words.contains("3130373031334717003D002E")
            && words.contains("(broker mqtts://broker.example:8883)"),
        "{text}"
    );
    assert!(!text.contains("Serial target"), "{text}");
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// An HGM9520N's power and voltages span two registers each: a step's figures read both,
/// each as it stood, whichever changed.
#[test]
fn values_of_two_registers_are_measured_in_a_step() {
    let p = temp("two-words");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login("big", "HGM9520N-4G"));
    // Active power (180, 181; low word first, 0.1 kW): 80.0 kW, then 85.0 from 20 s, the
    // high word 0 throughout (recorded once).
    r.record(reg(180, 800, 0.0));
    r.record(reg(181, 0, 0.0));
    r.record(entry("step_start", "100 %", "600", 10.0));
    r.record(reg(180, 850, 20.0));
    r.record(entry("step_end", "100 %", "", 30.0));
    r.close().unwrap();
    let c = read(&p, None, &builtin_maps()).unwrap();
    let s = &c.steps[0];
    let kw = s.stats.iter().find(|x| x.label == "Active power").unwrap();
    assert_eq!((kw.min, kw.max), (Some(80.0), Some(85.0)), "{kw:?}");
    assert!((kw.mean.unwrap() - 82.5).abs() < 1e-9, "{:?}", kw.mean);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// What a commissioning record holds, read back from the PDF: the nameplates, conditions and
/// load bank as entered, the customer's representative on the signature line, and the
/// counters at the recording's start and end with when they were read, times with their
/// offset from UTC.
#[test]
fn the_record_holds_nameplates_conditions_counters_and_the_customers_name() {
    let p = recording("record");
    let r = Recorder::open(&p, "test").unwrap();
    for (k, v) in [
        ("customer_rep", "Ana Quispe"),
        ("genset_make", "Cummins"),
        ("genset_serial", "GS-77821"),
        ("controller_serial", "HGM-0042"),
        ("ambient_c", "31"),
        ("altitude_m", "2850"),
        ("loadbank_kind", "resistive"),
    ] {
        r.record(entry("field", k, v, 61.0));
    }
    r.close().unwrap();
    let out = p.with_file_name("record.pdf");
    write(&p, None, &builtin_maps(), &out).unwrap();
    let text = poppler("pdftotext", &out);
    let line = |a: &str, b: &str| text.lines().any(|l| l.contains(a) && l.contains(b));
    for (label, value) in [
        ("Genset make", "Cummins"),
        ("Genset serial", "GS-77821"),
        ("Controller serial", "HGM-0042"),
        ("Ambient temperature", "31"),
        ("Altitude", "2850"),
        ("Load bank type", "resistive"),
    ] {
        assert!(line(label, value), "{label}: {value} in:\n{text}");
    }
    assert!(
        text.contains("Ana Quispe"),
        "the customer's representative signs"
    );
    // Starts: 66 at the recording's start, 67 at its end (the engine started at 5 s), each
    // with when it was read, and the difference.
    assert!(text.contains("Start of the"), "{text}");
    let starts = text
        .lines()
        .find(|l| l.starts_with("Starts"))
        .unwrap_or_default();
    let cells: Vec<&str> = starts.split_whitespace().collect();
    assert_eq!(
        (cells.get(1), cells.get(4), cells.last()),
        (Some(&"66"), Some(&"67"), Some(&"1")),
        "{starts}"
    );
    assert!(
        starts.matches(':').count() >= 4,
        "read at two times: {starts}"
    );
    assert!(
        text.contains("UTC+") || text.contains("UTC-"),
        "times with their offset"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}
