//! Several slaves on one RS485 line: one task owns the port and polls each slave in turn,
//! each its own target with its own map, with figures per slave and for the line. Against an
//! independent peer (pymodbus serving two slaves on one end of a socat pty pair) and against
//! the simulated controllers of two families on one line.
#![cfg(unix)]

use std::time::Duration;

use cmm_commissioner::app::{AppState, Command, CoreError};
use cmm_commissioner::link::serial::{SerialError, SerialSettings};
use cmm_commissioner::proto::Table;
use cmm_commissioner::sim::serial_slave::{Faults, serve_serial};
use cmm_commissioner::sim::{SimController, SimLine};
use tokio_util::sync::CancellationToken;

use crate::common::core::TestCore;
use crate::common::proc::{Proc, is};
use crate::serial::PtyPair;

/// pymodbus serving slaves 1 (holding 0-99 = 1000-1099) and 2 (2000-2099) on one line:
/// `cmmctl poll --slave 1,2` polls both on the one port, a write goes to the slave named and
/// to no other, and the figures of the line come with each slave's.
#[test]
fn an_independent_serial_server_with_two_slaves_is_polled_on_one_line() {
    let pty = PtyPair::new("bus-pymodbus");
    let (_peer, _) = crate::modbus_tcp::pymodbus_peer_on(&["serial", &pty.controller()]);
    let port = pty.laptop();
    let mut poll = Proc::spawn(&[
        "poll",
        "--port",
        &port,
        "--slave",
        "1,2",
        "--model",
        "none",
        "--plan",
        "01030000000AC5CD",
        "--delay-ms",
        "100",
        // A Python server on a busy machine may take longer than a controller's 200 ms.
        "--timeout-ms",
        "1000",
    ]);
    let target = |slave: u8| format!("serial:{port}:{slave}");
    for slave in [1u8, 2] {
        let hostid = target(slave);
        let c = poll.expect("register 5 of each slave", |v| {
            is(v, "change") && v["hostid"] == hostid.as_str() && v["addr"] == 5
        });
        assert_eq!(c["value"], 1000 * u64::from(slave) + 5, "{c}");
    }
    // Each slave's figures, and the line's: both slaves' requests.
    let one = target(1);
    let stats = poll.expect("the figures of slave 1 with the line's", |v| {
        is(v, "stats") && v["hostid"] == one.as_str() && v["line"]["requests"].as_u64() > Some(4)
    });
    let own = stats["requests"].as_u64().unwrap();
    let line = stats["line"]["requests"].as_u64().unwrap();
    assert!(line > own && line <= 2 * own + 2, "{stats}");
    assert_eq!(stats["timeouts"], 0, "{stats}");

    let two = target(2);
    poll.send(&format!(
        r#"{{"hostid":"{two}","cmd":"write-register","slave":2,"addr":5,"value":4242}}"#
    ));
    let out = poll.expect("outcome", |v| is(v, "outcome"));
    assert_eq!(out["outcome"], "accepted", "{out}");
    assert_eq!(out["hostid"], two.as_str());
    poll.expect("slave 2's register read back", |v| {
        is(v, "change") && v["hostid"] == two.as_str() && v["addr"] == 5 && v["value"] == 4242
    });
    // Slave 1 goes on being polled, its register untouched.
    let stats_before = poll
        .seen()
        .iter()
        .filter(|v| is(v, "stats") && v["hostid"] == one.as_str())
        .count();
    poll.expect("slave 1 still polled", |v| {
        is(v, "stats") && v["hostid"] == one.as_str()
    });
    assert!(
        !poll
            .seen()
            .iter()
            .any(|v| is(v, "change") && v["hostid"] == one.as_str() && v["value"] == 4242),
        "the write reached slave 1 too"
    );
    assert!(stats_before > 0);
}

/// A genset controller (HGM6120N at 1) and a second controller of the other family (HGM9520N
/// at 2) on one pty.
fn two_controllers(stop: &CancellationToken) -> String {
    use tokio_serial::SerialPort;
    let (ours, theirs) = tokio_serial::SerialStream::pair().unwrap();
    let path = theirs.name().unwrap();
    let line = SimLine::new(vec![
        SimController::new(1, 3, 1_763_900_000),
        SimController::new(2, 4, 1_763_900_000).with_model("HGM9520N"),
    ]);
    let stop = stop.clone();
    tokio::spawn(async move {
        let _keep = theirs;
        let _ = serve_serial(ours, line, Faults::default(), 1, stop).await;
    });
    path
}

fn at(path: &str, slave: u8, model: &str) -> Command {
    let mut s = SerialSettings::new(path);
    s.poll_delay = Duration::from_millis(30);
    s.slave = slave;
    let maps = cmm_commissioner::proto::map::builtin_maps();
    let map = maps
        .iter()
        .find(|m| m.module_types.iter().any(|t| t == model))
        .unwrap_or_else(|| panic!("a shipped map for {model}"));
    s.poll_as(map);
    Command::ConnectSerial {
        settings: s,
        model: model.into(),
    }
}

fn reading(s: &AppState, target: &str, slave: u8) -> bool {
    s.targets
        .get(target)
        .is_some_and(|t| t.online && t.image.get(slave, Table::Holding, 0).is_some())
}

/// Two controllers on one port, asked for one after the other while the port is still
/// opening: both become targets with their own maps on one line; a third asked at other line
/// settings is refused with the reason; one disconnected leaves the other polled; the last
/// one gone frees the port.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_controllers_share_one_port_each_with_its_map() {
    let stop = CancellationToken::new();
    let path = two_controllers(&stop);
    let t = TestCore::start(None, |_| {}).await;
    let (one, two) = (format!("serial:{path}:1"), format!("serial:{path}:2"));
    t.send(at(&path, 1, "HGM6120N"));
    t.send(at(&path, 2, "HGM9520N"));
    t.until("both slaves read, with the line's figures", |s| {
        reading(s, &one, 1) && reading(s, &two, 2) && s.targets[&two].line_stats().is_some()
    })
    .await;
    {
        let s = t.core.state();
        let (a, b) = (&s.targets[&one], &s.targets[&two]);
        assert!(a.map.module_types.iter().any(|m| m == "HGM6120N"));
        assert!(b.map.module_types.iter().any(|m| m == "HGM9520N"));
        assert_eq!(a.slave(), 1);
        assert_eq!(b.slave(), 2);
        let line = b.line_stats().unwrap();
        let own = b.link_stats().unwrap();
        assert!(line.requests > own.requests, "{line:?} {own:?}");
    }

    // Another slave at another baud rate cannot share the line.
    let mut other = at(&path, 3, "HGM6120N");
    if let Command::ConnectSerial { settings, .. } = &mut other {
        settings.baud = 19200;
    }
    t.send(other);
    t.until("the refusal, with the line's settings", |s| {
        matches!(
            &s.serial_error,
            Some(CoreError::Serial(SerialError::Line { open, asked, .. }))
                if open == "9600 8N1" && asked == "19200 8N1"
        )
    })
    .await;
    assert!(
        !t.core
            .state()
            .targets
            .contains_key(&format!("serial:{path}:3"))
    );

    // Slave 1 goes; slave 2 goes on.
    t.send(Command::Disconnect {
        target: one.clone(),
    });
    t.until("slave 1 gone", |s| !s.targets.contains_key(&one))
        .await;
    let seen = |s: &AppState| s.targets.get(&two).and_then(|t| t.last_seen_ms);
    let before = seen(&t.core.state());
    t.until("slave 2 still read, alone on its line", |s| {
        seen(s) > before && s.targets[&two].online && s.targets[&two].line_stats().is_none()
    })
    .await;

    // The last one gone closes the port: it opens again at once.
    t.send(Command::Disconnect {
        target: two.clone(),
    });
    t.until("no target left", |s| s.targets.is_empty()).await;
    t.send(at(&path, 2, "HGM9520N"));
    t.until("slave 2 back on a port opened anew", |s| {
        reading(s, &two, 2)
    })
    .await;
    stop.cancel();
}

/// In the window: Connect serial on a port already polled says the line is open and adds the
/// slave to it; both are targets, polled on the one port.
#[test]
fn the_window_adds_a_slave_to_an_open_line() {
    use crate::gui::{start_app, until, until_within};
    use egui_kittest::kittest::{NodeT, Queryable};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let stop = CancellationToken::new();
    let path = {
        let _g = rt.enter();
        two_controllers(&stop)
    };
    let mut h = start_app(0, None);
    let guard = crate::gui::SCENARIO_GUARD;
    for slave in [1u8, 2] {
        // The window closed on the last slave's connection.
        until(&mut h, "the Connect serial window closed", |h| {
            h.query_by_label("Connect").is_none()
        });
        h.state_mut().view().open_serial();
        h.state_mut().view().serial.prefs.port = path.clone();
        h.state_mut().view().serial.prefs.slave = slave;
        until(&mut h, "the Connect serial window", |h| {
            h.query_by_label("Connect").is_some()
        });
        h.step();
        let open_line = h
            .query_all_by_label_contains("This line is open, with slave 1")
            .next()
            .is_some();
        assert_eq!(open_line, slave == 2, "the open line said for slave 2 only");
        h.get_by_label("Connect").click();
        let target = format!("serial:{path}:{slave}");
        until_within(&mut h, guard, "the slave online", |h| {
            h.state()
                .state()
                .targets
                .get(&target)
                .is_some_and(|t| t.online && t.image.get(slave, Table::Holding, 0).is_some())
        });
    }
    until_within(&mut h, guard, "the line's figures on both", |h| {
        let state = h.state().state();
        state.targets.len() == 2 && state.targets.values().all(|t| t.line_stats().is_some())
    });
    // What Connect could not do is said before it is tried, and Connect is not offered: a
    // slave already polled, a slave at other line settings.
    h.state_mut().view().open_serial();
    h.state_mut().view().serial.prefs.port = path.clone();
    h.state_mut().view().serial.prefs.slave = 2;
    until(&mut h, "the slave said to be polled already", |h| {
        has(h, "Slave 2 is already polled on this line.")
    });
    assert!(h.get_by_label("Connect").accesskit_node().is_disabled());
    h.state_mut().view().serial.prefs.slave = 3;
    h.state_mut().view().serial.prefs.baud = 19200;
    until(&mut h, "the line's settings said", |h| {
        has(
            h,
            "This line is open at 9600 8N1: a slave on it uses the same settings, not 19200 8N1.",
        )
    });
    assert!(h.get_by_label("Connect").accesskit_node().is_disabled());
    h.state_mut().view().serial.prefs.baud = 9600;
    until(&mut h, "slave 3 offered to join", |h| {
        has(h, "Connect adds slave 3 to it")
    });
    assert!(!h.get_by_label("Connect").accesskit_node().is_disabled());
    stop.cancel();
}

fn has(h: &egui_kittest::Harness<'_, cmm_commissioner::ui::CommissionerApp>, text: &str) -> bool {
    use egui_kittest::kittest::Queryable;
    h.query_all_by_label_contains(text).next().is_some()
}
