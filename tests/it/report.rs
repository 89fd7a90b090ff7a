//! A commissioning run end to end: `cmmctl serve` recording a simulated modem whose genset
//! starts, takes load steps from its load bank and is tripped by its emergency stop, the
//! engineer's entries given on stdin; then the report, made by the server and again offline
//! by `cmmctl report`, read back with `pdftotext` and turned into images with `pdftoppm`.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use cmm_commissioner::proto::map::builtin_maps;
use common::proc::{BIN, Proc, is, listening};

fn dir(name: &str) -> crate::common::TempDir {
    crate::common::TempDir::new(&format!("report-it-{name}"))
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// How much faster than real time the simulated genset's clock runs: its 42 s scenario takes
/// 14 s of the test's time.
const TIME_SCALE: f64 = 3.0;

/// Waits until the genset's clock, started at `t0`, reads `at` seconds.
fn until(t0: Instant, at: f64) {
    let target = t0 + Duration::from_secs_f64(at / TIME_SCALE);
    if let Some(d) = target.checked_duration_since(Instant::now()) {
        std::thread::sleep(d);
    }
}

#[test]
fn a_commissioning_run_gives_a_report_with_steps_tests_and_the_audit_trail() {
    let d = dir("run");
    let file = d.join("commissioning.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "200",
        "--no-changes",
        "--record",
        file.to_str().unwrap(),
    ]);
    let addr = listening(&mut serve);
    // The load bank and the emergency stop are the simulator's; the steps are the engineer's.
    let t0 = Instant::now();
    let sim = Proc::spawn(&[
        "sim-modem",
        "--server",
        &addr,
        "--ignore-live-data",
        "--time-scale",
        &TIME_SCALE.to_string(),
        "--scenario",
        "0:manual,1:start,20:gen_close,20:load=25,28:load=50,36:estop",
    ]);
    let online = serve.expect("online", |v| is(v, "online"));
    let h = online["hostid"].as_str().unwrap().to_string();
    let send = |serve: &mut Proc, line: String| serve.send(&line);
    for (field, value) in [
        ("site", "North Quarry, gate 2"),
        ("customer", "Quarry Aggregates Ltd"),
        ("job", "J-2291"),
        ("engineer", "A. Fielding"),
        ("witness", "B. Whitman"),
        (
            "deviations",
            "Coolant heater not wired; to be done by the customer.",
        ),
    ] {
        send(
            &mut serve,
            format!(r#"{{"cmd":"set-field","hostid":"{h}","field":"{field}","value":"{value}"}}"#),
        );
    }
    send(
        &mut serve,
        format!(r#"{{"cmd":"write-coil","hostid":"{h}","addr":4,"on":true,"uid":"manual-1"}}"#),
    );
    serve.expect("the Manual command's outcome", |v| {
        is(v, "outcome") && v["uid"] == "manual-1"
    });
    // Running from about 15 s; the load bank takes 25 % at 20 s and 50 % at 28 s.
    until(t0, 15.5);
    send(
        &mut serve,
        format!(r#"{{"cmd":"step-start","hostid":"{h}","name":"No load","planned_s":600}}"#),
    );
    serve.expect("the step kept", |v| {
        is(v, "commissioning") && v["message"].as_str().unwrap().contains("No load")
    });
    until(t0, 19.5);
    send(
        &mut serve,
        format!(r#"{{"cmd":"step-end","hostid":"{h}"}}"#),
    );
    until(t0, 21.5);
    send(
        &mut serve,
        format!(r#"{{"cmd":"step-start","hostid":"{h}","name":"25 %","planned_s":900}}"#),
    );
    send(
        &mut serve,
        r#"{"cmd":"mark","text":"load bank connected"}"#.to_string(),
    );
    until(t0, 27.5);
    send(
        &mut serve,
        format!(r#"{{"cmd":"step-end","hostid":"{h}"}}"#),
    );
    until(t0, 29.5);
    send(
        &mut serve,
        format!(r#"{{"cmd":"step-start","hostid":"{h}","name":"50 %","planned_s":900}}"#),
    );
    until(t0, 35.5);
    send(
        &mut serve,
        format!(r#"{{"cmd":"step-end","hostid":"{h}"}}"#),
    );
    send(
        &mut serve,
        format!(
            r#"{{"cmd":"protection","hostid":"{h}","test":"Overspeed Alarm Shutdown","note":"governor test button"}}"#
        ),
    );
    // The trip at 36 s, the engine at rest a few seconds later (genset time), uploaded every
    // 200 ms.
    until(t0, 42.0);
    let live = d.join("live.pdf");
    send(
        &mut serve,
        format!(
            r#"{{"cmd":"report","hostid":"{h}","out":"{}"}}"#,
            live.to_str().unwrap()
        ),
    );
    let r = serve.expect("the report", |v| is(v, "report"));
    assert!(r["message"].as_str().unwrap().contains("live.pdf"), "{r}");
    drop(sim);
    drop(serve);

    // The same report from the recording, offline.
    let pdf = d.join("report.pdf");
    let out = Command::new(BIN)
        .args([
            "report",
            file.to_str().unwrap(),
            "--out",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for p in [&live, &pdf] {
        let text = pdftotext(p);
        for needle in [
            "Generator set commissioning report",
            "North Quarry, gate 2",
            "J-2291",
            "A. Fielding",
            "HGM6120N-4G",
            "Step \"No load\"",
            "Step \"25 %\"",
            "Step \"50 %\"",
            "Emergency Stop",
            "Alarms (from the journal)",
            "Emergency Stop (shutdown)",
            "The trip is at the middle of the plot.",
            "PASS (recorded)",
            "PASS (by hand)",
            "governor test button",
            "Manual",
            "confirmed",
            "load bank connected",
            "Coolant heater not wired",
            "Signatures",
            "Run hours",
        ] {
            assert!(
                text.contains(needle),
                "{} lacks {needle:?}:\n{text}",
                p.display()
            );
        }
    }

    // The figures, through the same reading of the file.
    let c = cmm_commissioner::report::read(&file, Some(&h), &builtin_maps()).unwrap();
    let names: Vec<&str> = c.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["No load", "25 %", "50 %"]);
    let mean_kw = |i: usize| {
        c.steps[i]
            .stats
            .iter()
            .find(|s| s.label == "Active power")
            .unwrap()
            .mean
            .unwrap()
    };
    assert!(mean_kw(0).abs() < 1.0, "no load: {}", mean_kw(0));
    assert!((20.0..30.0).contains(&mean_kw(1)), "25 %: {}", mean_kw(1));
    assert!((45.0..55.0).contains(&mean_kw(2)), "50 %: {}", mean_kw(2));
    let estop = c
        .protections
        .iter()
        .find(|p| p.name == "Emergency Stop")
        .unwrap();
    assert!(estop.seen_ms.is_some(), "the trip was recorded");
    let stop = estop.stopped_after_ms.expect("the engine was seen at rest");
    assert!((0..10_000).contains(&stop), "{stop} ms");
    assert!(
        c.commands
            .iter()
            .any(|k| k.uid == "manual-1" && k.verified == Some(true))
    );

    // The steps' CSV beside the PDF.
    let csv = std::fs::read_to_string(d.join("report-steps.csv")).unwrap();
    assert!(csv.starts_with("step,start,end,duration_s,planned_s,value,unit,min,mean,max,alarms"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("25 %,") && l.contains(",Active power,kW,"))
    );

    // Every page renders.
    let out = Command::new("pdftoppm")
        .args(["-r", "50", "-png", pdf.to_str().unwrap()])
        .arg(d.join("page"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for p in &pages {
        assert!(
            p.metadata().unwrap().len() > 1000,
            "{:?} is blank",
            p.path()
        );
    }
    if std::env::var_os("CMM_KEEP_REPORT").is_none() {
        let _ = std::fs::remove_dir_all(&d);
    }
}

/// A recording of one modem's readings, with `fields` entered for it.
fn plain_recording(file: &Path, fields: &[(&str, &str)]) {
    use cmm_commissioner::proto::Table;
    use cmm_commissioner::store::{Record, Recorder};
    let r = Recorder::open(file, "test").unwrap();
    let t0 = 1_790_000_000_000;
    r.record(Record::Target {
        key: "H1".into(),
        hostname: "north".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: Some(true),
        module_port: Some(2),
        module_baud: Some(0),
        peer: "192.0.2.7:4000".into(),
        t_ms: t0,
    });
    for (i, (addr, raw)) in [(13u16, 500u16), (23, 1500)].into_iter().enumerate() {
        r.record(Record::Sample {
            target: "H1".into(),
            table: Table::Holding,
            addr,
            raw,
            t_ms: t0 + i as i64 * 1000,
        });
    }
    for (name, value) in fields {
        r.record(Record::Commissioning {
            target: "H1".into(),
            kind: "field",
            name: (*name).into(),
            value: (*value).into(),
            t_ms: t0 + 2000,
        });
    }
    r.close().unwrap();
}

#[test]
fn cmmctl_report_warns_on_stderr_when_nothing_was_entered() {
    let d = dir("empty");
    let run = |name: &str, fields: &[(&str, &str)]| {
        let file = d.join(format!("{name}.cmmrec"));
        plain_recording(&file, fields);
        let pdf = d.join(format!("{name}.pdf"));
        let out = Command::new(BIN)
            .args([
                "report",
                file.to_str().unwrap(),
                "--out",
                pdf.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(pdf.exists(), "made anyway");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (stdout, stderr) = run("nothing", &[]);
    assert!(
        stderr.contains("warning")
            && stderr.contains("no site, no steps, no tests: make it anyway?"),
        "{stderr}"
    );
    assert!(!stdout.contains("no site"), "on stderr only: {stdout}");
    let (_, stderr) = run("site", &[("site", "North Quarry")]);
    assert!(!stderr.contains("no site"), "{stderr}");
    let _ = std::fs::remove_dir_all(&d);
}

/// The report in Russian and in Chinese, read back: its title and headings in the language
/// asked for, whatever the names entered are written in, dates in the language's order.
#[test]
fn cmmctl_report_in_russian_and_in_chinese() {
    use cmm_commissioner::i18n::{Lang, tr, with_lang};
    use cmm_commissioner::report::TITLE;
    let d = dir("lang");
    let file = d.join("lang.cmmrec");
    plain_recording(
        &file,
        &[("site", "北方采石场"), ("customer", "Северный карьер")],
    );
    for (code, l) in [("ru", Lang::Ru), ("zh", Lang::Zh)] {
        let pdf = d.join(format!("{code}.pdf"));
        let out = Command::new(BIN)
            .args([
                "report",
                file.to_str().unwrap(),
                "--out",
                pdf.to_str().unwrap(),
            ])
            .args(["--lang", code])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        // pdftotext lays a long line out with extra spaces; compare words.
        let text: String = pdftotext(&pdf).split_whitespace().collect();
        let title: String = with_lang(l, || tr(TITLE)).split_whitespace().collect();
        assert_ne!(title, TITLE.split_whitespace().collect::<String>());
        assert!(text.contains(&title), "{code}: no {title:?} in {text}");
        assert!(
            !text.contains("commissioningreport"),
            "{code}: English left: {text}"
        );
        assert!(
            text.contains("北方采石场") && text.contains("Северныйкарьер"),
            "{text}"
        );
        let csv = std::fs::read_to_string(d.join(format!("{code}-steps.csv"))).unwrap();
        assert!(
            !csv.lines().next().unwrap_or_default().contains("duration"),
            "{csv}"
        );
    }
    // The date of the recording (2026-09-21 UTC) in Russian order.
    let ru: String = pdftotext(&d.join("ru.pdf")).split_whitespace().collect();
    assert!(ru.contains(".09.2026") || ru.contains(".2026"), "{ru}");
    let _ = std::fs::remove_dir_all(&d);
}

/// A map that names its alarms per language: the report in Chinese prints the Chinese name,
/// in English the English one.
#[test]
fn the_report_prints_a_maps_names_in_its_language() {
    let d = dir("map-names");
    let map = d.join("names.toml");
    std::fs::write(
        &map,
        "format = \"cmm-register-map\"\nversion = 2\nname = \"Names\"\n\
         module_types = [\"HGM6120N-4G\"]\n\n[[coil]]\naddr = 0\n\
         name = { en = \"Emergency Stop\", zh = \"紧急停机\", ru = \"Аварийный останов\" }\n\
         group = \"Alarms\"\nalarm = \"shutdown\"\n",
    )
    .unwrap();
    let file = d.join("names.cmmrec");
    plain_recording(&file, &[("site", "North")]);
    let text = |lang: &str| {
        let pdf = d.join(format!("{lang}.pdf"));
        let out = Command::new(BIN)
            .args([
                "report",
                file.to_str().unwrap(),
                "--out",
                pdf.to_str().unwrap(),
            ])
            .args(["--map", map.to_str().unwrap(), "--lang", lang])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        pdftotext(&pdf)
    };
    let zh = text("zh");
    assert!(
        zh.contains("紧急停机") && !zh.contains("Emergency Stop"),
        "{zh}"
    );
    let en = text("en");
    assert!(
        en.contains("Emergency Stop") && !en.contains("紧急停机"),
        "{en}"
    );
    let _ = std::fs::remove_dir_all(&d);
}
