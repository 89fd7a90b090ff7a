//! Recordings made by the real `cmmctl serve`: what a run keeps, its CSV export, a SIGKILL in
//! the middle of a 500-modem load, and a file that cannot be written.

use crate::common;

use std::process::Command;
use std::time::Duration;

use cmm_commissioner::store::reader::Recording;
use common::proc::{BIN, Proc, cmmctl, is, listening};

fn dir(name: &str) -> crate::common::TempDir {
    crate::common::TempDir::new(&format!("record-{name}"))
}

#[test]
fn a_serve_run_keeps_readings_messages_logins_and_commands_and_exports_them() {
    let d = dir("run");
    let file = d.join("run.cmmrec");
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
    let mut sim = Proc::spawn(&["sim-modem", "--server", &addr, "--ignore-live-data"]);
    sim.expect("online", |v| is(v, "sim_online"));
    let change = serve.expect("a named value", |v| {
        is(v, "change") && v["name"] == "Mains UA"
    });
    let hostid = change["hostid"].as_str().unwrap().to_string();
    serve.send(&format!(
        r#"{{"cmd":"write-coil","hostid":"{hostid}","slave":1,"addr":4,"on":true,"uid":"m1"}}"#
    ));
    serve.expect("outcome", |v| is(v, "outcome") && v["uid"] == "m1");
    // Let a few uploads and the outcome reach the file (commits at least once a second).
    std::thread::sleep(Duration::from_millis(1500));
    drop(sim);
    drop(serve);

    let rec = Recording::open(&file).unwrap();
    assert!(rec.count("sample").unwrap() > 50, "readings kept");
    assert!(
        rec.count("message").unwrap() > 5,
        "messages kept as they were on the wire"
    );
    let targets = rec.targets().unwrap();
    let t = targets.iter().find(|t| t.key == hostid).unwrap();
    assert_eq!(t.moduletype, "HGM6120N-4G", "the login is in the registry");
    let conn = rusqlite::Connection::open(&file).unwrap();
    let outcome: String = conn
        .query_row("SELECT outcome FROM command WHERE uid = 'm1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(outcome, "accepted");
    let text: String = conn
        .query_row(
            "SELECT text FROM message WHERE text LIKE '%reqdatachange%' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(text.contains(&hostid), "{text}");

    let out = Command::new(BIN)
        .args([
            "export",
            file.to_str().unwrap(),
            "--values",
            "Mains UA,Gen Frequency",
            "--utc",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("time,"), "{header}");
    assert!(
        header.contains("Mains UA (V) [SIM-GENSET holding 0]"),
        "{header}"
    );
    assert!(header.contains("Gen Frequency (Hz)"), "{header}");
    let row = lines.nth(3).unwrap();
    assert!(
        row.ends_with(',')
            || row
                .split(',')
                .nth(1)
                .is_some_and(|v| v.parse::<f64>().is_ok()),
        "{row}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// Killed with SIGKILL under the load of 500 modems: the file opens cleanly and holds all
/// but (at most) the last second or so.
#[cfg(unix)]
#[test]
fn a_recording_survives_sigkill_under_load() {
    let d = dir("kill");
    let file = d.join("kill.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "500",
        "--no-changes",
        "--record",
        file.to_str().unwrap(),
    ]);
    let addr = listening(&mut serve);
    // Killed when the test ends, pass or fail.
    let _sim = Proc::spawn(&[
        "sim-modem",
        "--server",
        &addr,
        "--count",
        "500",
        "--ramp",
        "2",
        "--quiet",
        "--ignore-live-data",
    ]);
    // Run until the file has readings of most modems, then a few seconds more.
    common::eventually_within(2 * common::GUARD, "20,000 samples in the file", || {
        Recording::open(&file)
            .and_then(|r| r.count("sample"))
            .is_ok_and(|n| n > 20_000)
    });
    std::thread::sleep(Duration::from_secs(2));
    let killed_at = chrono::Utc::now().timestamp_millis();
    let pid = serve.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    let _ = serve.child.wait();

    let conn = rusqlite::Connection::open(&file).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let (n, last): (i64, i64) = conn
        // The last seconds are still in sample_recent (folded into sample at the next open).
        .query_row(
            "SELECT count(*), max(t_ms) FROM (SELECT t_ms FROM sample \
             UNION ALL SELECT t_ms FROM sample_recent)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(n > 20_000, "{n} samples kept");
    let lost_ms = killed_at - last;
    assert!(lost_ms < 2_500, "the last {lost_ms} ms were lost");
    drop(conn);
    // Reading it with the program works too.
    assert!(Recording::open(&file).unwrap().targets().unwrap().len() >= 400);
    let _ = std::fs::remove_dir_all(&d);
}

/// A recording that cannot be written is said, and the server runs on.
#[test]
fn a_recording_that_cannot_be_written_is_reported_and_the_live_view_goes_on() {
    let d = dir("nowrite");
    let blocker = d.join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("rec.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "200",
        "--record",
        target.to_str().unwrap(),
    ]);
    let e = serve.expect("the error", |v| is(v, "error"));
    assert!(e["message"].as_str().unwrap().contains("a-file"), "{e}");
    let addr = listening(&mut serve);
    let _sim = Proc::spawn(&["sim-modem", "--server", &addr, "--ignore-live-data"]);
    serve.expect("readings", |v| is(v, "change"));
    let _ = std::fs::remove_dir_all(&d);
}

/// A modem that logged in during an earlier run and comes back after the laptop restarted
/// with only `LongCon` is decoded with its own model's map at once.
#[test]
fn the_registry_survives_a_restart() {
    use std::io::Write as _;
    let d = dir("registry");
    let first = d.join("first.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "200",
        "--record",
        first.to_str().unwrap(),
    ]);
    let addr = listening(&mut serve);
    let mut sim = Proc::spawn(&["sim-modem", "--server", &addr, "--ignore-live-data"]);
    let login = serve.expect("the login", |v| is(v, "login"));
    let hostid = login["hostid"].as_str().unwrap().to_string();
    sim.expect("online", |v| is(v, "sim_online"));
    std::thread::sleep(Duration::from_millis(1200));
    drop(sim);
    drop(serve);

    let second = d.join("second.cmmrec");
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--record",
        second.to_str().unwrap(),
    ]);
    let addr = listening(&mut serve);
    let mut modem = std::net::TcpStream::connect(&addr).unwrap();
    let up = format!(
        r#"{{"method":"LongCon","hostid":"{hostid}"}}{{"method":"reqdatachange","hostid":"{hostid}","params":{{"packetnum":1,"03":[{{"0018":"00FD"}}]}}}}"#
    );
    modem.write_all(up.as_bytes()).unwrap();
    let change = serve.expect("the decoded value", |v| is(v, "change") && v["addr"] == 24);
    assert_eq!(change["name"], "Battery Voltage", "{change}");
    assert_eq!(change["scaled"], 25.3, "{change}");
    let _ = std::fs::remove_dir_all(&d);
}

/// A recording played back to another server looks like the modem itself: it logs in and
/// its readings arrive, decoded.
#[test]
fn a_recording_replays_to_another_server() {
    let d = dir("replay");
    let file = d.join("source.cmmrec");
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
    let mut sim = Proc::spawn(&["sim-modem", "--server", &addr]);
    let login = serve.expect("the login", |v| is(v, "login"));
    let hostid = login["hostid"].as_str().unwrap().to_string();
    sim.expect("online", |v| is(v, "sim_online"));
    serve.expect("readings", |v| is(v, "change") && v["name"] == "Mains UA");
    std::thread::sleep(Duration::from_millis(1500));
    drop(sim);
    drop(serve);

    let mut other = Proc::spawn(&["serve", "--listen", "127.0.0.1:0", "--no-record"]);
    let addr = listening(&mut other);
    let mut replay = Proc::spawn(&[
        "replay",
        file.to_str().unwrap(),
        "--server",
        &addr,
        "--speed",
        "4",
    ]);
    let l = other.expect("the replayed login", |v| is(v, "login"));
    assert_eq!(l["hostid"], hostid.as_str());
    assert_eq!(l["moduletype"], "HGM6120N-4G");
    other.expect("the replayed readings, decoded", |v| {
        is(v, "change") && v["hostid"] == hostid.as_str() && v["name"] == "Mains UA"
    });
    let done = replay.expect("the summary", |v| is(v, "replay_done"));
    assert_eq!(done["modems"], 1, "{done}");
    assert_eq!(done["failed"], 0, "{done}");
    let _ = std::fs::remove_dir_all(&d);
}

/// A simulated controller at slave 3 on a pty, and `cmmctl poll --record file` on it, once its
/// first readings are in: (the controller's process, the poll's).
fn polling_recorded(file: &std::path::Path) -> (Proc, Proc) {
    let mut sim = Proc::spawn(&["sim-controller", "--pty", "--slave", "3"]);
    let port = sim.expect("sim_controller", |v| is(v, "sim_controller"))["port"]
        .as_str()
        .unwrap()
        .to_string();
    let mut poll = Proc::spawn(&[
        "poll",
        "--port",
        &port,
        "--slave",
        "3",
        "--delay-ms",
        "50",
        "--record",
        file.to_str().unwrap(),
    ]);
    poll.expect("readings", |v| is(v, "change") && v["addr"] == 34);
    (sim, poll)
}

/// `cmmctl poll --record` keeps a serial controller's readings and every request and reply
/// as they were on the wire.
#[test]
fn a_serial_poll_is_recorded_with_its_frames() {
    let d = dir("poll");
    let file = d.join("poll.cmmrec");
    let (_sim, poll) = polling_recorded(&file);
    std::thread::sleep(Duration::from_millis(1500));
    drop(poll);
    let conn = rusqlite::Connection::open(&file).unwrap();
    let (requests, replies): (i64, i64) = conn
        .query_row(
            "SELECT sum(dir = 1), sum(dir = 0) FROM message WHERE text LIKE '03%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        requests > 3 && replies > 3,
        "{requests} requests, {replies} replies"
    );
    let samples: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sample) + (SELECT count(*) FROM sample_recent)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(samples > 50, "{samples}");
    let _ = std::fs::remove_dir_all(&d);
}

/// `cmmctl poll --record` stopped with a plain `kill` (SIGTERM) closes its recording: the main
/// file alone holds the frames and readings.
#[cfg(unix)]
#[test]
fn a_serial_poll_stopped_by_sigterm_leaves_the_recording_in_one_file() {
    let d = dir("poll-term");
    let file = d.join("poll.cmmrec");
    let (_sim, mut poll) = polling_recorded(&file);
    std::thread::sleep(Duration::from_millis(500));
    let pid = i32::try_from(poll.child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = poll.child.wait().unwrap();
    assert!(status.success(), "{status}");
    let rec = open_alone(&file, "poll-term");
    assert!(rec.count("sample").unwrap() > 50, "readings kept");
    assert!(rec.count("message").unwrap() > 6, "frames kept");
    let _ = std::fs::remove_dir_all(&d);
}

/// The main file copied alone (no `-wal`), as an engineer copies a recording, and opened.
#[cfg(unix)]
fn open_alone(file: &std::path::Path, name: &str) -> Recording {
    let alone = file.with_file_name(format!("{name}-alone.cmmrec"));
    std::fs::copy(file, &alone).unwrap();
    Recording::open(&alone).unwrap_or_else(|e| panic!("{name}: the copy does not open: {e}"))
}

/// `cmmctl serve` stopped by SIGTERM (a service manager, a shutdown), SIGINT (Ctrl+C) or
/// SIGHUP (its terminal closed) commits, checkpoints and closes: the main file alone holds the
/// recording.
#[cfg(unix)]
#[test]
fn a_serve_stopped_by_a_signal_leaves_the_recording_in_one_file() {
    for (name, signal) in [
        ("term", libc::SIGTERM),
        ("int", libc::SIGINT),
        ("hup", libc::SIGHUP),
    ] {
        let d = dir(&format!("signal-{name}"));
        let file = d.join("run.cmmrec");
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
        let mut sim = Proc::spawn(&["sim-modem", "--server", &addr, "--ignore-live-data"]);
        sim.expect("online", |v| is(v, "sim_online"));
        serve.expect("readings", |v| is(v, "change") && v["name"] == "Mains UA");
        let pid = i32::try_from(serve.child.id()).unwrap();
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let status = serve.child.wait().unwrap();
        assert!(status.success(), "{name}: {status}");
        let rec = open_alone(&file, name);
        assert!(rec.count("sample").unwrap() > 10, "{name}: readings kept");
        assert_eq!(rec.targets().unwrap().len(), 1, "{name}");
        let _ = std::fs::remove_dir_all(&d);
    }
}

/// The desktop app recording a demo modem, its watcher stopped with a plain `kill` (SIGTERM):
/// the window's process closes the recording, and the main file alone holds it.
#[cfg(target_os = "linux")]
#[test]
fn the_app_stopped_by_sigterm_leaves_the_recording_in_one_file() {
    use crate::renderer_tries::{Xvfb, lines, until_line};
    let x = Xvfb::start();
    let home = dir("app-term");
    let file = home.join("term.cmmrec");
    let mut app = Command::new(env!("CARGO_BIN_EXE_cmm-commissioner"))
        .args(["--listen", "127.0.0.1:0", "--demo", "--demo-modems", "1"])
        .arg("--record")
        .arg(&file)
        .arg("--settings")
        .arg(home.join("settings.json"))
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WGPU_BACKEND")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("CMM_RENDERER_CHAIN", "gl")
        .env("CMM_NO_MESSAGE_BOX", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines(&mut app);
    let mut seen = Vec::new();
    until_line(&rx, "first frame drawn", &mut seen);
    // Readings reach the file (committed once a second; read as the window reads it).
    let mut kept = 0;
    common::eventually_within(2 * common::GUARD, "readings in the file", || {
        kept = Recording::open(&file)
            .and_then(|r| r.count("sample"))
            .unwrap_or(0);
        kept > 10
    });
    let pid = i32::try_from(app.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = app.wait().unwrap();
    assert!(status.success(), "{status}");
    // The window's process has ended once the stream it writes to closes.
    while rx.recv_timeout(Duration::from_secs(90)).is_ok() {}
    let rec = open_alone(&file, "app");
    assert!(rec.count("sample").unwrap() >= kept, "readings kept");
    drop(x);
    let _ = std::fs::remove_dir_all(&home);
}

/// A recording being written (its last commits still in the WAL) with two modems.
pub(crate) fn live_recording(file: &std::path::Path) -> cmm_commissioner::store::Recorder {
    use cmm_commissioner::proto::Table;
    use cmm_commissioner::store::{Record, Recorder};
    let r = Recorder::open(file, "test").unwrap();
    for (key, name) in [("H1", "north"), ("H2", "south")] {
        r.record(Record::Target {
            key: key.into(),
            hostname: name.into(),
            moduletype: "HGM6120N-4G".into(),
            accepted: Some(true),
            module_port: None,
            module_baud: None,
            peer: "192.0.2.7:4000".into(),
            t_ms: 1_000,
        });
        // Battery voltage (register 24, 0.1 V) each second from 1 s to 5 s.
        for s in 1..=5 {
            r.record(Record::Sample {
                target: key.into(),
                table: Table::Holding,
                addr: 24,
                raw: 250 + s,
                t_ms: i64::from(s) * 1000,
            });
        }
    }
    r.flush().unwrap();
    r
}

/// `cmmctl recording copy` makes one file of a recording being written, cut to a range and a
/// target when asked, with a note of where it came from that `recording info` shows; a copy
/// over the recording itself, over another file, or where nothing can be written is refused
/// with the reason, and leaves the original as it was.
#[test]
fn a_recording_is_copied_to_one_file_and_described() {
    let d = dir("copy");
    let file = d.join("live.cmmrec");
    let writer = live_recording(&file);
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();

    let whole = d.join("whole.cmmrec");
    let (ok, _, err) = cmmctl(&["recording", "copy", &s(&file), &s(&whole)]);
    assert!(ok, "{err}");
    assert!(!d.join("whole.cmmrec-wal").exists(), "one file");
    assert_eq!(
        Recording::open(&whole).unwrap().count("sample").unwrap(),
        10
    );

    let cut = d.join("cut.cmmrec");
    let (ok, _, err) = cmmctl(&[
        "recording",
        "copy",
        &s(&file),
        &s(&cut),
        "--from",
        "3000",
        "--to",
        "4000",
        "--target",
        "H1",
    ]);
    assert!(ok, "{err}");
    let rec = Recording::open(&cut).unwrap();
    let targets = rec.targets().unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].key, "H1");
    let id = targets[0].id;
    let times: Vec<i64> = rec
        .samples(id, cmm_commissioner::proto::Table::Holding, 24, (0, 10_000))
        .unwrap()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    // The value standing when the range begins (read at 2 s), then the range's readings.
    assert_eq!(times, [2000, 3000, 4000]);

    let (ok, info, err) = cmmctl(&["recording", "info", &s(&cut)]);
    assert!(ok, "{err}");
    for said in [
        "schema version 3",
        "targets        1",
        "3 samples",
        "H1 \"north\" HGM6120N-4G: 3 readings",
        "a copy of",
        "live.cmmrec",
        "targets H1",
    ] {
        assert!(info.contains(said), "{said:?} in:\n{info}");
    }
    // Last seen is the last reading, not the login.
    let (ok, info, err) = cmmctl(&["recording", "info", &s(&whole)]);
    assert!(ok, "{err}");
    let rec = Recording::open(&whole).unwrap();
    let h1 = rec
        .targets()
        .unwrap()
        .into_iter()
        .find(|t| t.key == "H1")
        .unwrap();
    let last = rec
        .samples(
            h1.id,
            cmm_commissioner::proto::Table::Holding,
            24,
            (0, i64::MAX),
        )
        .unwrap()
        .last()
        .unwrap()
        .0;
    let last = cmm_commissioner::store::export::iso_time(last, false);
    assert!(info.contains(&format!(" to {last}")), "{last} in:\n{info}");
    let (ok, info, _) = cmmctl(&["recording", "info", &s(&file)]);
    assert!(ok);
    assert!(info.contains("more wait in its -wal file"), "{info}");

    // Refused, with the reason; nothing made, nothing touched.
    let before = std::fs::read(&file).unwrap();
    let (ok, _, err) = cmmctl(&["recording", "copy", &s(&file), &s(&file)]);
    assert!(!ok && err.contains("the recording itself"), "{err}");
    let (ok, _, err) = cmmctl(&["recording", "copy", &s(&file), &s(&whole)]);
    assert!(!ok && err.contains("already there"), "{err}");
    let (ok, _, err) = cmmctl(&["recording", "copy", &s(&file), "/proc/cmm-copy.cmmrec"]);
    assert!(
        !ok && err.contains("/proc") && err.contains("this folder cannot be written"),
        "said plainly, not as SQLite's temporary file: {err}"
    );
    assert!(!std::path::Path::new("/proc/cmm-copy.cmmrec").exists());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the original as it was"
    );
    let names: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    drop(writer);
    let _ = std::fs::remove_dir_all(&d);
}

/// A copy onto a full disk (a 64 KiB tmpfs) is refused as such, leaves nothing on it, and
/// the original is as it was. Needs the right to mount (root, as CI runs); elsewhere it says
/// it could not run.
#[cfg(target_os = "linux")]
#[test]
fn a_copy_onto_a_full_disk_says_the_disk_is_full_and_leaves_nothing() {
    let d = dir("copy-full");
    let file = d.join("big.cmmrec");
    let day = cmm_commissioner::sim::day::Day {
        modems: 2,
        hours: 0.05,
        rate_ms: 3000,
        end_ms: 1_800_000_000_000,
    };
    cmm_commissioner::sim::day::write(&file, day, |_| {}).unwrap();
    let tiny = d.join("tiny");
    std::fs::create_dir_all(&tiny).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&tiny)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("a_copy_onto_a_full_disk: cannot mount a tmpfs here (not root): not run");
        let _ = std::fs::remove_dir_all(&d);
        return;
    }
    let before = std::fs::read(&file).unwrap();
    let out = tiny.join("copy.cmmrec");
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (ok, _, err) = cmmctl(&["recording", "copy", &s(&file), &s(&out)]);
    let left: Vec<_> = std::fs::read_dir(&tiny).unwrap().collect();
    let _ = Command::new("umount").arg(&tiny).status();
    assert!(!ok && err.contains("the disk is full"), "{err}");
    assert!(left.is_empty(), "nothing left on the full disk: {left:?}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the original as it was"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// `cmmctl export` writes values at their resolution, `--excel` for a spreadsheet, and a
/// failed export leaves no file behind.
#[test]
fn an_export_opens_in_a_spreadsheet_and_a_failed_one_leaves_nothing() {
    let d = dir("export-excel");
    let file = d.join("rec.cmmrec");
    drop(live_recording(&file));
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let out = d.join("excel.csv");
    let (ok, _, err) = cmmctl(&[
        "export",
        &s(&file),
        "--utc",
        "--excel",
        "--decimal",
        "comma",
        "--out",
        &s(&out),
    ]);
    assert!(ok, "{err}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("time;Battery Voltage (V) [north holding 24];Battery Voltage (V) [south holding 24]")
    );
    assert_eq!(lines.next(), Some("1970-01-01T00:00:01.000Z;25,1;25,1"));

    let failed = d.join("failed.csv");
    let (ok, _, err) = cmmctl(&[
        "export",
        &s(&file),
        "--values",
        "No Such",
        "--out",
        &s(&failed),
    ]);
    assert!(!ok && err.contains("no value named"), "{err}");
    assert!(!failed.exists(), "no empty file left behind");
    let (ok, _, err) = cmmctl(&["export", &s(&file), "--out", &s(&d)]);
    assert!(!ok && err.contains("folder"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}
