//! The core supervisor through its commands, with real parts: its server on loopback, the
//! simulated modems of the demo, a simulated controller on a pty pair, real files. Waits are
//! on the core's waker, never on a fixed sleep.

use std::sync::Arc;
use std::time::Duration;

use cmm_commissioner::app::command::Intent;
use cmm_commissioner::app::{AppState, Command, CoreError, Settings};
use cmm_commissioner::link::serial::{ScanSettings, SerialSettings};
use cmm_commissioner::link::{Direction, ServerConfig};
use cmm_commissioner::proto::Table;
use cmm_commissioner::proto::map::Confirm;
use cmm_commissioner::proto::rtu::{Request, RequestPdu};
use cmm_commissioner::sim::SimController;
use cmm_commissioner::sim::serial_slave::{Faults, serve_serial};
use tokio_util::sync::CancellationToken;

use crate::common;

use common::core::TestCore;

trait WithServer {
    async fn with_server() -> TestCore;
}

impl WithServer for TestCore {
    async fn with_server() -> TestCore {
        TestCore::start(Some(loopback()), |_| {}).await
    }
}

fn loopback() -> ServerConfig {
    ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        online_rate: 200,
        ..Default::default()
    }
}

fn temp_dir(name: &str) -> crate::common::TempDir {
    crate::common::TempDir::new(&format!("core-{name}"))
}

/// A simulated controller at `slave` on one end of a pty pair; the path of the other end.
fn controller(slave: u8, faults: Faults, stop: &CancellationToken) -> String {
    use tokio_serial::SerialPort;
    let (ours, theirs) = tokio_serial::SerialStream::pair().unwrap();
    let path = theirs.name().unwrap();
    let sim = SimController::new(slave, 3, 1_763_900_000);
    let stop = stop.clone();
    tokio::spawn(async move {
        // The other end stays open while the controller serves.
        let _keep = theirs;
        let _ = serve_serial(ours, sim, faults, 1, stop).await;
    });
    path
}

fn serial_at(path: &str, slave: u8) -> SerialSettings {
    let mut s = SerialSettings::new(path);
    s.poll_delay = Duration::from_millis(20);
    s.set_slave(slave);
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_demo_and_stop_demo() {
    let t = TestCore::with_server().await;
    t.send(Command::StartDemo { modems: 2 });
    t.until("two demo modems online", |s| {
        s.demo == Some(2) && s.online_count() == 2
    })
    .await;
    t.send(Command::StopDemo);
    t.until("the demo modems offline", |s| {
        s.demo.is_none() && s.online_count() == 0 && s.targets.len() == 2
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_server_moves_it_and_the_demo_follows() {
    let t = TestCore::with_server().await;
    t.send(Command::StartDemo { modems: 1 });
    t.until("the demo modem online", |s| s.online_count() == 1)
        .await;
    let before = t.listening().await;
    t.send(Command::RestartServer {
        listen: "127.0.0.1:0".parse().unwrap(),
        advertise: Some("192.0.2.9:21318".into()),
    });
    t.until("the server on a new port, the demo back online", |s| {
        s.server.addr.is_some_and(|a| a != before)
            && s.server.advertise.as_deref() == Some("192.0.2.9:21318")
            && s.online_count() == 1
            && s.demo == Some(1)
    })
    .await;
    // The old port is closed.
    assert!(tokio::net::TcpStream::connect(before).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_server_on_a_taken_port_says_why() {
    let t = TestCore::with_server().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    t.send(Command::RestartServer {
        listen: addr,
        advertise: None,
    });
    t.until("the listen error", |s| {
        s.server.addr.is_none()
            && s.server
                .listen_error
                .as_deref()
                .is_some_and(|e| e.contains(&addr.to_string()))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_serial_polls_and_disconnect_forgets_the_target() {
    let stop = CancellationToken::new();
    let path = controller(7, Faults::default(), &stop);
    let t = TestCore::start(None, |_| {}).await;
    let settings = serial_at(&path, 7);
    let target = settings.target();
    t.send(Command::ConnectSerial {
        settings,
        model: "HGM6120N".into(),
    });
    t.until("readings from slave 7", |s| {
        s.targets
            .get(&target)
            .is_some_and(|t| t.online && t.image.get(7, Table::Holding, 0).is_some())
    })
    .await;
    t.send(Command::Disconnect {
        target: target.clone(),
    });
    t.until("the target gone", |s| s.targets.is_empty()).await;
    stop.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_port_that_cannot_be_opened_is_refused_not_added() {
    let t = TestCore::start(None, |_| {}).await;
    t.send(Command::ConnectSerial {
        settings: serial_at("/dev/cmm-no-such-port", 1),
        model: "HGM6120N".into(),
    });
    t.until("the refusal", |s| {
        matches!(s.serial_error, Some(CoreError::Serial(_)))
    })
    .await;
    let s = t.core.state();
    assert!(s.targets.is_empty(), "no target retrying forever");
    assert!(
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains("/dev/cmm-no-such-port")),
        "{:?}",
        s.last_error
    );
    drop(s);
    // A later connection that opens ends the refusal, in the status bar too.
    let stop = CancellationToken::new();
    let path = controller(4, Faults::default(), &stop);
    t.send(Command::ConnectSerial {
        settings: serial_at(&path, 4),
        model: "HGM6120N".into(),
    });
    t.until("connected, the refusal gone", |s| {
        !s.targets.is_empty() && s.serial_error.is_none() && s.last_error.is_none()
    })
    .await;
    stop.cancel();
}

/// Disconnect while the link is in the middle of a slow poll cycle: the reading that cycle
/// still delivers must not bring the target back (it did when the target was forgotten at
/// once, before the link's last events were in).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_ghost_target_after_disconnect() {
    let stop = CancellationToken::new();
    let slow: Faults = "slow=1,slow-ms=120".parse().unwrap();
    let path = controller(3, slow, &stop);
    let t = TestCore::start(None, |_| {}).await;
    let settings = serial_at(&path, 3);
    let target = settings.target();
    t.send(Command::ConnectSerial {
        settings,
        model: "HGM6120N".into(),
    });
    // Disconnect right after a reading: the next cycle is under way, and takes ~360 ms.
    let data_at = |s: &AppState| s.targets.get(&target).and_then(|t| t.last_seen_ms);
    t.until("a first reading", |s| {
        s.targets
            .get(&target)
            .is_some_and(|t| t.image.get(3, Table::Coils, 0).is_some())
    })
    .await;
    let first = data_at(&t.core.state());
    t.until("a second reading", |s| data_at(s) != first).await;
    t.send(Command::Disconnect {
        target: target.clone(),
    });
    t.until("the target gone", |s| s.targets.is_empty()).await;
    // Whatever the link still had to say has been said: it stays gone.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(
        t.core.state().targets.is_empty(),
        "a ghost target came back"
    );
    stop.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_finds_the_controller_and_stop_scan_ends_it() {
    let stop = CancellationToken::new();
    let path = controller(2, Faults::default(), &stop);
    let t = TestCore::start(None, |_| {}).await;
    let mut s = ScanSettings::new(&path);
    s.bauds = vec![9600];
    s.slaves = (1..=200).collect();
    s.timeout = Duration::from_millis(30);
    t.send(Command::Scan(s));
    t.until("the controller found", |s| {
        s.scan
            .as_ref()
            .is_some_and(|sc| sc.found == vec![(9600, 2)])
    })
    .await;
    t.send(Command::StopScan);
    t.until("the scan stopped early", |s| {
        s.scan
            .as_ref()
            .is_some_and(|sc| !sc.running && sc.cancelled && sc.done < sc.total)
    })
    .await;
    stop.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_map_takes_a_good_file_and_names_the_line_of_a_bad_one() {
    let dir = temp_dir("maps");
    let good = dir.join("good.toml");
    std::fs::write(
        &good,
        "format = \"cmm-register-map\"\nversion = 1\nname = \"Site map\"\nmodule_types = [\"XYZ\"]\n",
    )
    .unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "format = \"cmm-register-map\"\nversion = \"one\"\n").unwrap();
    let t = TestCore::start(None, |_| {}).await;
    t.send(Command::LoadMap(good));
    t.until("the map first in line", |s| s.maps[0].name == "Site map")
        .await;
    t.send(Command::LoadMap(bad.clone()));
    t.until("the refusal", |s| {
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains("bad.toml") && e.contains("line 2"))
    })
    .await;
    assert_eq!(t.core.state().maps[0].name, "Site map");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn save_settings_writes_the_file_and_reports_a_failure() {
    let dir = temp_dir("settings");
    let path = dir.join("settings.json");
    let p = path.clone();
    let mut t = TestCore::start(None, move |c| c.settings_path = Some(p)).await;
    let settings = Settings {
        advertise: "192.0.2.4:21318".into(),
        ..Default::default()
    };
    t.send(Command::SaveSettings(settings.clone()));
    t.core.shutdown().await;
    let (read, err) = Settings::load(&path);
    assert_eq!(err, None);
    let log: Vec<String> = t.core.state().log.lines().map(|l| l.text.clone()).collect();
    assert_eq!(read, settings, "{log:?}");

    // A settings path inside a file cannot be written: said, not swallowed.
    let p = path.join("inside-a-file.json");
    let t = TestCore::start(None, move |c| c.settings_path = Some(p)).await;
    t.send(Command::SaveSettings(settings));
    t.until("the failure", |s| {
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains("cannot save settings"))
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn write_reaches_a_modem_and_its_effect_is_verified_or_it_is_refused_with_the_reason() {
    let t = TestCore::with_server().await;
    t.send(Command::StartDemo { modems: 1 });
    t.until("the demo modem in Auto", |s| {
        s.targets
            .values()
            .any(|t| t.online && t.image.get(1, Table::Coils, 41) == Some(1))
    })
    .await;
    let hostid = t.core.state().targets.keys().next().unwrap().clone();
    // Manual: coil 4; the Manual mode coil (42) confirms it.
    t.send(Command::Write {
        target: hostid.clone(),
        request: Request {
            slave: 1,
            pdu: RequestPdu::WriteSingleCoil {
                addr: 4,
                value: 0xFF00,
            },
        },
        intent: Intent {
            name: Some("Manual".into()),
            effect: Some(Confirm {
                table: Table::Coils,
                addr: 42,
                value: Some(1),
                not: None,
                bit: None,
            }),
            hint: None,
            port: None,
            unmet: None,
        },
        uid: None,
    });
    t.until("the write accepted and verified", |s| {
        s.commands.iter().any(|c| {
            c.hostid == hostid && c.verified == Some(true) && c.name.as_deref() == Some("Manual")
        })
    })
    .await;

    // Offline: refused, with the reason, and nothing sent.
    t.send(Command::StopDemo);
    t.until("the modem offline", |s| s.online_count() == 0)
        .await;
    let sent = t.core.state().commands.len();
    t.send(Command::Reset {
        target: hostid.clone(),
        uid: Some("r".into()),
    });
    t.until("the refusal", |s| {
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains(&hostid) && e.contains("link is down"))
    })
    .await;
    assert_eq!(t.core.state().commands.len(), sent);
}

/// The desktop app with its window never drawn (as when minimized: eframe stops calling
/// `ui`) for 60 s while 200 simulated modems upload every second: every message is answered,
/// and the state the window would show is current. For the first half, a "slow window" takes
/// the state for 50 ms out of every 100 ms: the supervisor does not wait for it either.
#[test]
fn a_window_that_never_draws_leaves_every_modem_answered() {
    use cmm_commissioner::sim::{SimModem, SimModemConfig};
    use cmm_commissioner::ui::{CommissionerApp, Startup};

    const MODEMS: usize = 200;
    let mut startup = Startup::default();
    startup.server.listen = "127.0.0.1:0".parse().unwrap();
    startup.server.online_rate = 1000;
    let app = CommissionerApp::new(startup, Arc::new(|| {})).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut addr = None;
    for _ in 0..500 {
        addr = app.server_addr();
        if addr.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let server = addr.expect("the app's server listens").to_string();
    let stop = CancellationToken::new();
    let base = SimModemConfig {
        server,
        follow_live_data: false,
        ..Default::default()
    };
    let modems: Vec<_> = (0..MODEMS)
        .map(|i| {
            let m = SimModem::new(base.numbered(i, MODEMS), Arc::new(|_| {}));
            rt.spawn(m.run(stop.clone()))
        })
        .collect();
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        let state = app.state();
        std::thread::sleep(Duration::from_millis(50));
        drop(state);
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(30));
    stop.cancel();
    let reports: Vec<_> = modems
        .into_iter()
        .map(|m| rt.block_on(m).unwrap())
        .collect();
    let sent: u64 = reports.iter().map(|r| r.sent).sum();
    let answered: u64 = reports.iter().map(|r| r.answered).sum();
    let errors: u64 = reports.iter().map(|r| r.errors).sum();
    assert!(sent > MODEMS as u64 * 50, "the modems uploaded: {sent}");
    assert_eq!(errors, 0);
    // A modem stopped while a reply was on its way counts one message unanswered at most.
    assert!(
        answered + MODEMS as u64 >= sent,
        "answered {answered} of {sent}"
    );
    let now = chrono::Utc::now().timestamp_millis();
    let state = app.state();
    assert_eq!(state.targets.len(), MODEMS);
    for t in state.targets.values() {
        let age = now - t.last_seen_ms.unwrap_or(0);
        assert!(age < 3_000, "{} last seen {age} ms ago", t.hostid);
        assert!(!t.image.is_empty(), "{} has readings", t.hostid);
    }
    drop(state);
    rt.shutdown_timeout(Duration::from_secs(5));
}

/// A recording looked at afterwards: its modems as they stood at the end, then at any moment
/// chosen; nothing can be sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_is_shown_read_only_at_any_moment() {
    let dir = temp_dir("offline");
    let file = dir.join("run.cmmrec");
    let f = file.clone();
    let mut live = TestCore::start(Some(loopback()), move |c| c.record = Some(f)).await;
    live.send(Command::StartDemo { modems: 1 });
    live.until("readings", |s| {
        s.targets
            .values()
            .any(|t| t.image.get(1, Table::Holding, 0).is_some())
    })
    .await;
    let started = chrono::Utc::now().timestamp_millis();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    live.core.shutdown().await;

    let f = file.clone();
    let t = TestCore::start(None, move |c| c.offline = Some(f)).await;
    // The recording ended with the modem connected: shown online, as it was then.
    t.until("the modem at the end of the recording", |s| {
        s.offline.is_some()
            && s.targets
                .values()
                .any(|t| t.online && t.image.get(1, Table::Holding, 0).is_some())
    })
    .await;
    let (start, _) = t.core.state().offline.as_ref().unwrap().span.unwrap();
    assert!(start <= started);
    // Before the first reading, nothing was known.
    t.send(Command::Seek(start - 1));
    t.until("the moment before the first reading", |s| {
        s.offline.as_ref().is_some_and(|o| o.at_ms == start - 1)
            && s.targets.values().all(|t| t.image.is_empty())
    })
    .await;
    let hostid = t.core.state().targets.keys().next().unwrap().clone();
    t.send(Command::Reset {
        target: hostid,
        uid: None,
    });
    t.until("the refusal", |s| {
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains("read-only"))
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The traffic inspector is live for a serial link as for a modem (no recording running):
/// each request and its reply reach the state decoded, with the CRC verdict (bad ones too)
/// and the values named with the controller's map.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serial_frames_reach_the_traffic_inspector_decoded_and_named() {
    let stop = CancellationToken::new();
    let faults: Faults = "crc=0.3".parse().unwrap();
    let path = controller(7, faults, &stop);
    // The window's server keeps traffic for its inspector.
    let server = ServerConfig {
        traffic: true,
        ..loopback()
    };
    let t = TestCore::start(Some(server), |_| {}).await;
    let settings = serial_at(&path, 7);
    let target = settings.target();
    t.send(Command::ConnectSerial {
        settings,
        model: "HGM6120N".into(),
    });
    let named = |s: &AppState| {
        let Some(tg) = s.targets.get(&target) else {
            return false;
        };
        s.traffic
            .filtered(Some("reply CRC ok"), Some(&target))
            .any(|r| {
                r.named_values(tg, false)
                    .iter()
                    .any(|l| l.starts_with("holding 24 = ") && l.contains(": Battery Voltage "))
            })
    };
    let bad = |s: &AppState| {
        s.traffic
            .filtered(Some("reply CRC BAD"), Some(&target))
            .any(|r| r.frames(&Default::default()).iter().any(|f| !f.crc_ok))
    };
    t.until("a named reply and a bad CRC in the traffic", |s| {
        named(s) && bad(s)
    })
    .await;
    let s = t.core.state();
    assert!(s.recording.path.is_none(), "no recording needed");
    let asked = s
        .traffic
        .filtered(Some("slave 7 read"), Some(&target))
        .next()
        .map(|r| (r.direction, r.peer.clone()));
    assert_eq!(asked, Some((Direction::Out, path.clone())));
    drop(s);
    stop.cancel();
}

/// A recording opened read-only exports as CSV and saves a copy from the file being viewed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_shown_read_only_exports_and_copies_from_its_file() {
    let dir = temp_dir("offline-export");
    let file = dir.join("viewed.cmmrec");
    drop(crate::record::live_recording(&file));
    let f = file.clone();
    let t = TestCore::start(None, move |c| c.offline = Some(f)).await;
    t.until("the recording shown", |s| s.offline.is_some())
        .await;
    let csv = dir.join("viewed.csv");
    t.send(Command::Export {
        path: csv.clone(),
        spec: Default::default(),
    });
    t.until("the export", |s| s.export_result.is_some()).await;
    let result = t.core.state().export_result.clone().unwrap();
    assert!(result.is_ok(), "{result:?}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("Battery Voltage (V) [north holding 24]"),
        "{text}"
    );

    let copy = dir.join("handed-over.cmmrec");
    t.send(Command::SaveCopy {
        path: copy.clone(),
        cut: Default::default(),
        replace: false,
    });
    t.until("the copy", |s| s.copy_result.is_some()).await;
    let result = t.core.state().copy_result.clone().unwrap();
    assert!(result.is_ok(), "{result:?}");
    let rec = cmm_commissioner::store::reader::Recording::open(&copy).unwrap();
    assert_eq!(rec.count("sample").unwrap(), 10);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A recording that is garbage or cut short is refused with the reason in the window's
/// state; one damaged in part opens with what could be read and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_recording_says_so() {
    let dir = temp_dir("damaged");
    let good = dir.join("good.cmmrec");
    drop(crate::record::live_recording(&good));
    let bytes = std::fs::read(&good).unwrap();
    let garbage = dir.join("garbage.cmmrec");
    std::fs::write(&garbage, vec![0x5Au8; 8192]).unwrap();
    let partly = dir.join("partly.cmmrec");
    let mut damaged = bytes.clone();
    // The second page (the first table's) overwritten; the first (the schema) kept.
    for b in &mut damaged[4096 + 8..8192] {
        *b = 0xA5;
    }
    std::fs::write(&partly, damaged).unwrap();
    for (file, said) in [
        (garbage, "cannot be opened"),
        (partly, "this file is damaged"),
    ] {
        let f = file.clone();
        let t = TestCore::start(None, move |c| c.offline = Some(f)).await;
        t.until(said, |s| {
            s.offline
                .as_ref()
                .and_then(|o| o.problem.as_deref())
                .is_some_and(|p| p.contains(said))
        })
        .await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// At a moment chosen in a recording, a target is shown as it was then: online while its
/// link was up, last seen at its last reading before the moment, never from the real clock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_shows_a_target_as_it_was_at_the_moment_chosen() {
    use cmm_commissioner::store::Record;
    let dir = temp_dir("moment");
    let file = dir.join("moment.cmmrec");
    let r = crate::record::live_recording(&file);
    let ev = |kind: &'static str, t_ms| Record::Event {
        target: Some("H1".into()),
        kind,
        text: kind.into(),
        t_ms,
    };
    r.record(ev("online", 900));
    r.record(ev("offline", 4_500));
    r.close().unwrap();
    let f = file.clone();
    let t = TestCore::start(None, move |c| c.offline = Some(f)).await;
    t.until("the end", |s| {
        s.offline.as_ref().is_some_and(|o| o.at_ms == 5_000) && !s.targets.is_empty()
    })
    .await;
    t.send(Command::Seek(3_500));
    t.until("online at 3.5 s, last seen at 3 s", |s| {
        s.targets
            .get("H1")
            .is_some_and(|t| t.online && t.last_seen_ms == Some(3_000))
    })
    .await;
    t.send(Command::Seek(4_800));
    t.until("offline at 4.8 s", |s| {
        s.targets
            .get("H1")
            .is_some_and(|t| !t.online && t.last_seen_ms == Some(4_000))
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
