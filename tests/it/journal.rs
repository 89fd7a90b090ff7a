//! The event journal end to end: `cmmctl serve` recording a simulated genset that starts,
//! takes load, trips on overspeed with low oil pressure dragged after it, and is stopped by
//! its emergency stop later; a command and a marker given on stdin; then `cmmctl journal` on
//! the file, as JSON lines, text and CSV.

use std::process::Command;

use serde_json::Value;

use crate::common::TempDir;
use crate::common::proc::{BIN, Proc, is, listening};

/// How much faster than real time the genset's clock runs: its 50 s scenario takes 17 s.
const TIME_SCALE: &str = "3";

fn journal(file: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("journal")
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn rows(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_trip_reads_as_a_journal_with_the_first_out_marked_and_the_values_at_each_event() {
    let d = TempDir::new("journal");
    let file = d.join("trip.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "200",
        "--record",
        file.to_str().unwrap(),
    ]);
    let addr = listening(&mut serve);
    let _sim = Proc::spawn(&[
        "sim-modem",
        "--server",
        &addr,
        "--ignore-live-data",
        "--time-scale",
        TIME_SCALE,
        "--scenario",
        "0:manual,1:start,20:gen_close,20:load=25,26:fault=9,28:fault=19,50:estop",
    ]);
    let online = serve.expect("online", |v| is(v, "online"));
    let h = online["hostid"].as_str().unwrap().to_string();
    serve.send(&format!(
        r#"{{"cmd":"write-coil","hostid":"{h}","addr":4,"on":true,"uid":"manual-1"}}"#
    ));
    serve.expect("the Manual command's outcome", |v| {
        is(v, "outcome") && v["uid"] == "manual-1"
    });
    serve.send(r#"{"cmd":"mark","text":"load bank connected"}"#);
    serve.expect("the emergency stop read", |v| {
        is(v, "change") && v["table"] == "coils" && v["addr"] == 8 && v["value"] == 1
    });
    // Stopped as a service manager would: the recording is committed and closed.
    let pid = i32::try_from(serve.child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert!(serve.child.wait().unwrap().success());

    let all = rows(&journal(&file, &["--format", "json"]));
    let find = |kind: &str, text: &str| {
        all.iter()
            .find(|r| r["kind"] == kind && r["text"].as_str().unwrap().starts_with(text))
            .unwrap_or_else(|| panic!("no {kind} {text:?} in {all:#?}"))
    };
    let t = |r: &Value| r["t_ms"].as_i64().unwrap();
    let started = find("start", "engine started");
    let closed = find("breaker", "generator breaker closed");
    let overspeed = find("alarm_on", "Overspeed Alarm Shutdown");
    let low_oil = find("alarm_on", "Low Oil Pressure Shutdown");
    let stopped = find("stop", "engine stopped");
    let estop = find("alarm_on", "Emergency Stop");
    assert!(t(started) < t(closed) && t(closed) < t(overspeed));
    assert!(t(overspeed) <= t(low_oil) && t(low_oil) <= t(stopped) && t(stopped) < t(estop));
    // The overspeed came first, low oil pressure with it; the emergency stop, seconds later,
    // is a trip of its own.
    assert_eq!(overspeed["first_out"], 1, "{overspeed}");
    assert_eq!(overspeed["alarm"], "shutdown");
    assert_eq!(low_oil["came_with"], "Overspeed Alarm Shutdown");
    assert_eq!(low_oil["first_out"], Value::Null);
    assert_eq!(estop["first_out"], 0, "{estop}");
    // Each row carries the key values, with their change since the reading before.
    let value = |r: &Value, label: &str| {
        r["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["label"] == label)
            .unwrap_or_else(|| panic!("no {label} in {r}"))
            .clone()
    };
    let kw = value(closed, "Active power");
    assert!(kw["value"].as_f64().unwrap() > 0.0, "{kw}");
    assert_eq!(kw["unit"], "kW");
    let speed = value(overspeed, "Engine speed");
    assert!(
        speed["change"].as_f64().unwrap() < 0.0,
        "the engine runs down: {speed}"
    );
    // The command with its verdict, the marker, the link.
    find("command", "Manual sent (#manual-1)");
    let verdict = find("verdict", "Manual accepted");
    assert!(
        verdict["text"]
            .as_str()
            .unwrap()
            .contains("confirmed by the readings"),
        "{verdict}"
    );
    find("marker", "load bank connected");
    find("link", "online");
    // Rows in time order.
    assert!(all.windows(2).all(|w| t(&w[0]) <= t(&w[1])));

    // Only alarms, from after the overspeed: the emergency stop is still first of its own,
    // as the whole file was read to know what stood before.
    let from = (t(overspeed) + 1).to_string();
    let later = rows(&journal(
        &file,
        &["--format", "json", "--kind", "alarm_on", "--from", &from],
    ));
    let texts: Vec<&str> = later.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["Low Oil Pressure Shutdown", "Emergency Stop"],
        "{later:#?}"
    );
    assert_eq!(later[1]["first_out"], 0);

    // Text for reading, CSV for a spreadsheet.
    let text = journal(&file, &["--target", &h.to_lowercase()]);
    let line = text
        .lines()
        .find(|l| l.contains("Overspeed Alarm Shutdown"))
        .unwrap();
    assert!(
        line.contains("[shutdown, FIRST-OUT (+1 after it)]") && line.contains("Engine speed"),
        "{line}"
    );
    let csv = journal(&file, &["--format", "csv", "--kind", "alarm_on"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("time,t_ms,target,kind,text,alarm,first_out_others_after,came_with,")
            && header.contains("Engine speed (RPM),Engine speed (RPM) change"),
        "{header}"
    );
    assert_eq!(lines.count(), 3, "{csv}");

    // A target by its name too; the engine speed reads as it was just before, then now.
    let by_name = journal(&file, &["--target", "sim-genset", "--kind", "alarm_on"]);
    assert_eq!(by_name.lines().count(), 3, "{by_name}");
    assert!(by_name.contains("Engine speed 1500 → "), "{by_name}");
    // A reader that goes away early (`| head`) is no error.
    let mut child = Command::new(BIN)
        .args(["journal", file.to_str().unwrap(), "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What is wrong in the asking is said plainly.
    let out = Command::new(BIN)
        .args(["journal", file.to_str().unwrap(), "--kind", "alarms"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("one of alarm_on"));
    let out = Command::new(BIN)
        .args(["journal", file.to_str().unwrap(), "--target", "NOPE"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no target NOPE"));
}

/// As found and as left around a write: the snapshot diff names what the write changed, keeps
/// the measured values apart, and the report says what changed during the visit, with a
/// setting typed from the controller's panel.
#[cfg(unix)]
#[test]
fn snapshots_around_a_write_show_what_it_changed() {
    let d = TempDir::new("snapshots");
    let file = d.join("visit.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "200",
        "--record",
        file.to_str().unwrap(),
    ]);
    let addr = listening(&mut serve);
    let _sim = Proc::spawn(&["sim-modem", "--server", &addr, "--ignore-live-data"]);
    let online = serve.expect("online", |v| is(v, "online"));
    let h = online["hostid"].as_str().unwrap().to_string();
    serve.expect("the mode read", |v| {
        is(v, "change") && v["table"] == "coils" && v["addr"] == 41 && v["value"] == 1
    });
    serve.send(&format!(
        r#"{{"cmd":"snapshot","hostid":"{h}","label":"as found"}}"#
    ));
    serve.expect("the snapshot kept", |v| {
        is(v, "commissioning") && v["message"].as_str().unwrap().contains("as found")
    });
    serve.send(&format!(
        r#"{{"cmd":"write-coil","hostid":"{h}","addr":4,"on":true,"uid":"manual"}}"#
    ));
    serve.expect("Manual mode read back", |v| {
        is(v, "change") && v["table"] == "coils" && v["addr"] == 42 && v["value"] == 1
    });
    serve.send(&format!(
        r#"{{"cmd":"snapshot","hostid":"{h}","label":"as left"}}"#
    ));
    serve.expect("the second snapshot kept", |v| {
        is(v, "commissioning") && v["message"].as_str().unwrap().contains("as left")
    });
    // A setpoint Modbus cannot read, typed from the panel.
    serve.send(&format!(
        r#"{{"cmd":"setting","hostid":"{h}","name":"Overspeed shutdown","unit":"%","as_found":"114","as_left":"112"}}"#
    ));
    serve.expect("the setting kept", |v| {
        is(v, "commissioning")
            && v["message"]
                .as_str()
                .unwrap()
                .contains("setting \"Overspeed shutdown\": as found 114 %, as left 112 %")
    });
    serve.send(&format!(
        r#"{{"cmd":"snapshot","hostid":"{h}","label":" "}}"#
    ));
    serve.expect("an empty label refused", |v| {
        is(v, "error") && v["message"].as_str().unwrap().contains("label")
    });
    let pid = i32::try_from(serve.child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert!(serve.child.wait().unwrap().success());

    let diff = |args: &[&str]| {
        let out = Command::new(BIN)
            .arg("snapshot-diff")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, text, err) = diff(&[]);
    assert!(ok, "{err}");
    assert!(
        text.contains(r#""as found""#) && text.contains(r#""as left""#),
        "{text}"
    );
    assert!(text.contains("Manual Mode (coils 42): off → on"), "{text}");
    assert!(text.contains("Auto Mode (coils 41): on → off"), "{text}");
    assert!(
        !text.contains("Mains UA"),
        "measured values are counted, not listed: {text}"
    );
    let (_, all, _) = diff(&["--all"]);
    assert!(all.lines().count() > text.lines().count(), "{all}");
    let (_, json, _) = diff(&["--json"]);
    let rows: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r["name"] == "Manual Mode" && r["a"] == "off" && r["b"] == "on"),
        "{json}"
    );
    // The first snapshot against the end of the recording; a label that is not there.
    let (ok, _, err) = diff(&["--a", "as found", "--b", "now"]);
    assert!(ok, "{err}");
    let (ok, _, err) = diff(&["--a", "as arrived"]);
    assert!(!ok);
    assert!(err.contains("there are as found, as left"), "{err}");

    // The report says what changed during the visit.
    let pdf = d.join("visit.pdf");
    let out = Command::new(BIN)
        .args([
            "report",
            file.to_str().unwrap(),
            "--out",
            pdf.to_str().unwrap(),
            "--target",
            "sim-genset",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Changed during the visit"), "{text}");
    assert!(text.contains("Manual Mode"), "{text}");
    assert!(
        text.contains("Settings read from the controller's panel"),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.contains("Overspeed shutdown"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("114 %") && line.contains("112 %") && line.contains("changed"),
        "{line}"
    );
}

/// A controller on a serial port: `cmmctl poll` takes the snapshot command on stdin too, and
/// its recording names the model, so the diff is decoded with the map.
#[cfg(unix)]
#[test]
fn snapshots_of_a_controller_polled_on_a_serial_port() {
    let d = TempDir::new("poll-snapshots");
    let file = d.join("poll.cmmrec");
    let mut sim = Proc::spawn(&["sim-controller", "--pty"]);
    let port = sim.expect("sim_controller", |v| is(v, "sim_controller"))["port"]
        .as_str()
        .unwrap()
        .to_string();
    let mut poll = Proc::spawn(&[
        "poll",
        "--port",
        &port,
        "--delay-ms",
        "50",
        "--timeout-ms",
        "2000",
        "--record",
        file.to_str().unwrap(),
    ]);
    let target = poll.expect("online", |v| is(v, "online"))["hostid"]
        .as_str()
        .unwrap()
        .to_string();
    poll.expect("the mode read", |v| {
        is(v, "change") && v["table"] == "coils" && v["addr"] == 41 && v["value"] == 1
    });
    // Every block the map names is read once for it, and a range asked beside; one the
    // controller does not have is named in the outcome, and the snapshot is still kept.
    poll.send(&format!(
        r#"{{"cmd":"snapshot","hostid":"{target}","label":"as found","also":"03:200+4"}}"#
    ));
    let read = poll.expect("the snapshot's reads", |v| is(v, "outcome"));
    assert_eq!(read["outcome"], "accepted", "{read}");
    let detail = read["detail"].as_str().unwrap();
    assert!(
        detail.contains("blocks read") && detail.contains("holding from 200"),
        "{read}"
    );
    poll.expect("the snapshot kept", |v| is(v, "commissioning"));
    poll.send(&format!(
        r#"{{"cmd":"snapshot","hostid":"{target}","label":"x","also":"3:200"}}"#
    ));
    poll.expect("a range not read as one", |v| {
        is(v, "error") && v["message"].as_str().unwrap().contains("FC:ADDR+QTY")
    });
    poll.send(r#"{"cmd":"write-coil","addr":4,"on":true}"#);
    poll.expect("Manual mode read back", |v| {
        is(v, "change") && v["table"] == "coils" && v["addr"] == 42 && v["value"] == 1
    });
    poll.send(&format!(
        r#"{{"cmd":"snapshot","hostid":"{target}","label":"as left"}}"#
    ));
    poll.expect("the second snapshot kept", |v| is(v, "commissioning"));
    let pid = i32::try_from(poll.child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert!(poll.child.wait().unwrap().success());
    let out = Command::new(BIN)
        .args(["snapshot-diff", file.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Manual Mode (coils 42): off → on"), "{text}");
}
