//! Limits and verdicts, read back from the PDF of a real recording.

use std::path::PathBuf;

use super::tests::{entry, login, poppler, reg, temp};
use super::*;
use crate::proto::map::builtin_maps;
use crate::store::{Record, Recorder};

/// A 50 % step from 10 s to 40 s on an HGM6120N-4G: 230 V, 50 Hz, PF 1.00, coolant 80 °C,
/// oil 300 kPa; a voltage dip to 200 V at 11 s, back at 13 s (inside the settling time);
/// `extra` are more readings and entries, in time order after 13 s.
fn run(name: &str, extra: &[(f64, Record)]) -> PathBuf {
    let p = temp(name);
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login("north", "HGM6120N-4G"));
    r.record(entry("field", "site", "North Quarry", 0.5));
    // Frequency 50.0, speed, kW, UA, coolant, oil, PF 1.00.
    for (addr, raw) in [
        (13u16, 500u16),
        (23, 1500),
        (26, 0),
        (7, 230),
        (17, 80),
        (19, 300),
        (29, 100),
    ] {
        r.record(reg(addr, raw, 0.0));
    }
    r.record(entry("step_start", "50 %", "900", 10.0));
    r.record(reg(26, 50, 10.0));
    r.record(reg(7, 200, 11.0));
    r.record(reg(7, 230, 13.0));
    for (_, rec) in extra {
        r.record(rec.clone());
    }
    r.record(entry("step_end", "", "", 40.0));
    r.record(reg(26, 0, 41.0));
    r.close().unwrap();
    p
}

fn report_text(p: &std::path::Path) -> (Commissioning, String) {
    let out = p.with_file_name("report.pdf");
    let c = read(p, None, &builtin_maps()).unwrap();
    write_read(&c, &out).unwrap();
    (c, poppler("pdftotext", &out))
}

/// The step table's line of a value (its first line: the label, the figures, the result).
fn row<'a>(text: &'a str, label: &str, unit: &str) -> &'a str {
    text.lines()
        .find(|l| {
            let l = l.trim_start();
            l.starts_with(label) && l[label.len()..].trim_start().starts_with(unit)
        })
        .unwrap_or_else(|| panic!("no row {label:?}:\n{text}"))
}

#[test]
fn a_step_within_its_limits_passes_with_the_limit_beside_and_an_old_recording_takes_the_defaults() {
    let p = run("within", &[]);
    let (_, text) = report_text(&p);
    let v = row(&text, "Voltage L1-N", "V");
    assert!(v.contains("230 V ±2.5 %:") && v.contains("PASS"), "{v}");
    assert!(
        v.contains("224.25 to") && text.contains("235.75"),
        "the band in volts:\n{text}"
    );
    assert!(
        v.contains("230.0 to 230.0"),
        "the dip at 11 s is inside the settling time: {v}"
    );
    let f = row(&text, "Frequency", "Hz");
    assert!(f.contains("50 Hz ±0.75 %:") && f.contains("PASS"), "{f}");
    for (label, unit, limit) in [
        ("Power factor", "", "at least 0.8"),
        ("Coolant temperature", "°C", "at most 95 °C"),
        ("Oil pressure", "kPa", "at least 150 kPa"),
    ] {
        let r = row(&text, label, unit);
        assert!(r.contains(limit) && r.contains("PASS"), "{r}");
    }
    // Nothing entered: the defaults, said to be so, with the standard they follow.
    assert!(
        text.contains("No limits were entered in this recording: the defaults apply."),
        "{text}"
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("ISO 8528-5 performance class G2"), "{flat}");
    assert!(
        flat.contains("no compliance with ISO 8528-5 is claimed"),
        "{flat}"
    );
    assert!(flat.contains("assumed: the standard value nearest the readings"));
    assert!(
        flat.contains("within its limits (FAIL: 0)"),
        "page 1: {flat}"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn a_frequency_sag_fails_and_page_one_counts_it() {
    // 49.0 Hz from 25 s to the end of the step.
    let p = run("sag", &[(25.0, reg(13, 490, 25.0))]);
    let (c, text) = report_text(&p);
    let f = row(&text, "Frequency", "Hz");
    assert!(f.contains("49.0 to 50.0") && f.contains("FAIL"), "{f}");
    assert!(row(&text, "Voltage L1-N", "V").contains("PASS"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Limits: FAIL: 1 value outside its limits, in 1 of 1 load steps (\"50 %\": Frequency)"
        ),
        "page 1: {flat}"
    );
    assert_eq!(
        limits::failures(&limits::Limits::of(&c), &c.steps[0]),
        ["Frequency"]
    );
    // The CSV says it too.
    let csv = std::fs::read_to_string(p.with_file_name("report-steps.csv")).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains(",Frequency,Hz,") && l.ends_with(",FAIL")),
        "{csv}"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

#[test]
fn limits_entered_change_the_verdicts_and_are_said_to_be_entered() {
    let p = run(
        "entered",
        &[
            (20.0, entry("field", "limit_frequency_pct", "2,5", 20.0)),
            (20.0, entry("field", "limit_max_coolant", "75", 20.0)),
            (20.0, entry("field", "nominal_v", "220", 20.0)),
            (25.0, reg(13, 490, 25.0)),
        ],
    );
    let (_, text) = report_text(&p);
    let f = row(&text, "Frequency", "Hz");
    assert!(f.contains("50 Hz ±2.5 %:") && f.contains("PASS"), "{f}");
    let k = row(&text, "Coolant temperature", "°C");
    assert!(k.contains("at most 75 °C") && k.contains("FAIL"), "{k}");
    let v = row(&text, "Voltage L1-N", "V");
    assert!(v.contains("220 V ±2.5 %:") && v.contains("FAIL"), "{v}");
    assert!(!text.contains("No limits were entered"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("Nominal voltage") && l.contains("220 V") && l.contains("entered")),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// An HGM9520N gives line-to-line voltages only, over two registers: they are measured, the
/// nominal is assumed from them (400 V line to line is 230 V line to neutral), and they are
/// judged against the nominal times √3.
#[test]
fn line_to_line_voltages_are_judged_against_the_nominal_times_root_three() {
    let p = temp("line-to-line");
    let r = Recorder::open(&p, "test").unwrap();
    r.record(login("big", "HGM9520N-4G"));
    // Gen UAB (140, 141; low word first, 0.1 V): 400.0 V, then 380.0 V from 30 s.
    r.record(reg(140, 4000, 0.0));
    r.record(reg(141, 0, 0.0));
    r.record(entry("step_start", "50 %", "900", 10.0));
    r.record(reg(140, 3800, 30.0));
    r.record(entry("step_end", "", "", 40.0));
    r.close().unwrap();
    let c = read(&p, None, &builtin_maps()).unwrap();
    let l = limits::Limits::of(&c);
    let v = l.nominal_v.unwrap();
    assert_eq!(
        (v.value, v.entered),
        (230.0, false),
        "assumed from 400 V line to line"
    );
    let step = &c.steps[0];
    let ab = step
        .stats
        .iter()
        .find(|s| s.label == "Voltage L1-L2")
        .unwrap();
    let j = limits::judge(&l, step, ab).unwrap();
    assert_eq!(
        j.pass,
        Some(false),
        "380 V is below 398.37 V - 2.5 %: {j:?}"
    );
    assert!(j.limit.contains("398.37 V ±2.5 %"), "{j:?}");
    assert_eq!(limits::failures(&l, step), ["Voltage L1-L2"]);
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}

/// A map that says where the controller keeps its rated voltage and frequency: the report's
/// nominal values are the controller's own, said to be so, when the engineer entered none.
#[test]
fn nominal_values_come_from_the_controllers_settings_when_its_map_says_where() {
    let p = run(
        "rated",
        &[(14.0, reg(250, 240, 14.0)), (14.0, reg(251, 600, 14.0))],
    );
    let maps: Vec<std::sync::Arc<crate::proto::map::RegisterMap>> = builtin_maps()
        .iter()
        .map(|m| {
            let mut m = (**m).clone();
            for (addr, like, role) in [
                (250u16, 7u16, "rated_voltage"),
                (251, 13, "rated_frequency"),
            ] {
                if let Some(mut spec) = m.registers.get(&like).cloned() {
                    spec.addr = addr;
                    spec.role = Some(role.into());
                    spec.setting = true;
                    m.registers.insert(addr, spec);
                }
            }
            std::sync::Arc::new(m)
        })
        .collect();
    let c = read(&p, None, &maps).unwrap();
    assert_eq!(c.rated, (Some(240.0), Some(60.0)));
    let l = limits::Limits::of(&c);
    let (v, hz) = (l.nominal_v.unwrap(), l.nominal_hz.unwrap());
    assert_eq!(
        (v.value, v.entered, v.from_controller),
        (240.0, false, true)
    );
    assert_eq!((hz.value, hz.from_controller), (60.0, true));
    let out = p.with_file_name("rated.pdf");
    write(&p, None, &maps, &out).unwrap();
    let text = poppler("pdftotext", &out);
    assert!(
        text.lines().any(|l| l.contains("Nominal voltage")
            && l.contains("240 V")
            && l.contains("the controller's own setting")),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(p.parent().unwrap());
}
