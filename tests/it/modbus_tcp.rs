//! Controllers on the network: `cmmctl sim-controller --tcp` serves the simulated controller
//! as Modbus TCP (answering for an absent unit id with exception 0x0B, as a gateway does) and
//! `--rtu-over-tcp` as a transparent gateway; `cmmctl poll`, `write` and `scan` reach them at
//! `tcp://HOST:PORT` and `rtu-over-tcp://HOST:PORT`; mbpoll reads the simulator as an
//! independent Modbus TCP client; a lost connection is said and comes back by itself.

use std::process::Command;

use crate::common::proc::{BIN, Proc, cmmctl, is};

/// A simulated controller on the network (`--tcp` or `--rtu-over-tcp`): it and its address.
fn sim(kind: &str, listen: &str) -> (Proc, String) {
    let mut sim = Proc::spawn(&["sim-controller", kind, listen]);
    let address = sim.expect("sim_controller", |v| is(v, "sim_controller"))["port"]
        .as_str()
        .unwrap()
        .to_string();
    (sim, address)
}

#[test]
fn poll_write_and_scan_a_controller_over_modbus_tcp() {
    let (_sim, address) = sim("--tcp", "127.0.0.1:0");
    assert!(address.starts_with("tcp://127.0.0.1:"), "{address}");
    let mut poll = Proc::spawn(&["poll", &address, "--slave", "1", "--delay-ms", "50"]);
    let up = poll.expect("online", |v| is(v, "online"));
    assert_eq!(up["hostid"], format!("serial:{address}:1"));
    assert_eq!(up["settings"], "Modbus TCP, unit 1");
    let c = poll.expect("running status", |v| {
        is(v, "change") && v["table"] == "holding" && v["addr"] == 34
    });
    assert_eq!(
        c["name"], "Controller Running Status",
        "decoded with its map"
    );
    poll.send(r#"{"cmd":"write-coil","slave":1,"addr":4,"on":true}"#);
    let out = poll.expect("outcome", |v| is(v, "outcome"));
    assert_eq!(out["outcome"], "accepted", "{out}");
    poll.expect("manual mode read back", |v| {
        is(v, "change") && v["table"] == "coils" && v["addr"] == 42 && v["value"] == 1
    });
    drop(poll);

    // One write from the command line, the address before the write.
    let write = r#"{"cmd":"write-coil","slave":1,"addr":3,"on":true}"#;
    let (written, stdout, stderr) = cmmctl(&["write", &address, write]);
    assert!(written, "{stdout} {stderr}");
    assert!(stdout.contains(r#""outcome":"accepted""#), "{stdout}");

    // The scan finds the one unit id that answers; the others are the gateway's 0x0B.
    let (_, stdout, _) = cmmctl(&["scan", &address, "--slaves", "1-4", "--timeout-ms", "500"]);
    let done = stdout
        .lines()
        .find(|l| l.contains(r#""event":"scan_done""#))
        .unwrap_or_else(|| panic!("no scan_done in {stdout}"));
    let done: serde_json::Value = serde_json::from_str(done).unwrap();
    let found: Vec<u64> = done["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["slave"].as_u64().unwrap())
        .collect();
    assert_eq!(found, [1], "{done}");
}

#[test]
fn an_absent_unit_behind_a_gateway_is_said_with_its_exception() {
    let (_sim, address) = sim("--tcp", "127.0.0.1:0");
    let mut poll = Proc::spawn(&["poll", &address, "--slave", "7", "--delay-ms", "50"]);
    let e = poll.expect("the gateway's exception", |v| is(v, "error"));
    let message = e["message"].as_str().unwrap();
    assert!(
        message.contains("Gateway Target Device Failed to Respond (0B)"),
        "{message}"
    );
}

#[test]
fn a_refused_connection_is_said_and_a_lost_one_comes_back() {
    // Nothing listens on the port of a listener just closed.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let out = Command::new(BIN)
        .args([
            "poll",
            &format!("tcp://127.0.0.1:{port}"),
            "--duration",
            "3",
        ])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains(&format!("cannot connect to tcp://127.0.0.1:{port}"))
            && said.contains("refused"),
        "{said}"
    );

    let (sim1, address) = sim("--tcp", "127.0.0.1:0");
    let listen = address.trim_start_matches("tcp://").to_string();
    let mut poll = Proc::spawn(&["poll", &address, "--delay-ms", "50"]);
    poll.expect("online", |v| is(v, "online"));
    drop(sim1);
    let down = poll.expect("offline", |v| is(v, "offline"));
    let detail = down["detail"].as_str().unwrap();
    assert!(
        detail.contains("the connection was closed by the other end") || detail.contains("refused"),
        "{detail}"
    );
    // The controller back on the same address: the link reconnects by itself.
    let _sim2 = sim("--tcp", &listen);
    poll.expect("online again", |v| is(v, "online"));
    poll.expect("readings again", |v| is(v, "change") || is(v, "stats"));
}

#[test]
fn poll_through_a_transparent_gateway_carrying_rtu_frames() {
    let (_sim, address) = sim("--rtu-over-tcp", "127.0.0.1:0");
    assert!(address.starts_with("rtu-over-tcp://"), "{address}");
    let mut poll = Proc::spawn(&["poll", &address, "--delay-ms", "50"]);
    let up = poll.expect("online", |v| is(v, "online"));
    assert_eq!(up["settings"], "RTU over TCP, slave 1");
    let c = poll.expect("running status", |v| {
        is(v, "change") && v["table"] == "holding" && v["addr"] == 34
    });
    assert_eq!(c["name"], "Controller Running Status");
}

/// mbpoll, an independent Modbus TCP client, reads the simulated controller's running status
/// and its battery voltage as the map places them.
#[test]
fn mbpoll_reads_the_simulated_controller_over_modbus_tcp() {
    let (_sim, address) = sim("--tcp", "127.0.0.1:0");
    let port = address.rsplit(':').next().unwrap().to_string();
    // mbpoll counts references from 1: holding register 34 is reference 35.
    let out = Command::new("mbpoll")
        .args([
            "-m", "tcp", "-a", "1", "-t", "4", "-r", "35", "-c", "1", "-p", &port, "-1",
        ])
        .arg("127.0.0.1")
        .output()
        .expect("mbpoll is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("[35]:"), "{text}");
    // Another unit id: the simulator answers as a gateway for an absent slave.
    let out = Command::new("mbpoll")
        .args([
            "-m", "tcp", "-a", "9", "-t", "4", "-r", "35", "-c", "1", "-p", &port, "-1",
        ])
        .arg("127.0.0.1")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.to_lowercase()
            .contains("target device failed to respond"),
        "{text}"
    );
}

/// The Python of the virtual environment with pymodbus that `.ci/run` makes (or
/// `CMM_PYMODBUS_PYTHON`).
fn pymodbus_python() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("CMM_PYMODBUS_PYTHON") {
        return p.into();
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    std::path::Path::new(&home).join(".cache/cmm-commissioner/venv/bin/python")
}

/// pymodbus serving Modbus TCP (units 1 and 2, see tests/peers/pymodbus_peer.py): it and its
/// address.
fn pymodbus_peer() -> (Proc, String) {
    pymodbus_peer_on(&["tcp"])
}

/// pymodbus serving units 1 and 2: `["tcp"]`, or `["serial", PATH]` for Modbus RTU on a
/// serial port.
pub(crate) fn pymodbus_peer_on(how: &[&str]) -> (Proc, String) {
    let python = pymodbus_python();
    assert!(
        python.exists(),
        "{} missing: python3 -m venv ~/.cache/cmm-commissioner/venv && \
         ~/.cache/cmm-commissioner/venv/bin/pip install pymodbus==3.16.1 pyserial==3.5 (what .ci/run does)",
        python.display()
    );
    let peer_script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/peers/pymodbus_peer.py");
    let args: Vec<&str> = std::iter::once(peer_script)
        .chain(how.iter().copied())
        .collect();
    let mut peer = Proc::spawn_with(python.to_str().unwrap(), &args);
    let address = peer.expect("the peer serving", |v| v["event"] == "peer")["address"]
        .as_str()
        .unwrap()
        .to_string();
    (peer, address)
}

/// pymodbus, an independent Modbus TCP server with two devices (units 1 and 2), read and
/// written by `cmmctl poll` and `cmmctl write` at its address.
#[test]
fn an_independent_modbus_tcp_server_is_polled_and_written() {
    let (_peer, address) = pymodbus_peer();
    // Unit 2's first ten holding registers: 2000-2009.
    let mut poll = Proc::spawn(&[
        "poll",
        &address,
        "--slave",
        "2",
        "--model",
        "none",
        "--plan",
        "02030000000AC5FE",
        "--delay-ms",
        "100",
    ]);
    let c = poll.expect("register 5 of unit 2", |v| {
        is(v, "change") && v["table"] == "holding" && v["addr"] == 5
    });
    assert_eq!(c["value"], 2005, "{c}");
    assert_eq!(c["hostid"], format!("serial:{address}:2"));
    poll.send(r#"{"cmd":"write-register","slave":2,"addr":5,"value":4242}"#);
    let out = poll.expect("outcome", |v| is(v, "outcome"));
    assert_eq!(out["outcome"], "accepted", "{out}");
    poll.expect("the value written, read back", |v| {
        is(v, "change") && v["addr"] == 5 && v["value"] == 4242
    });
    // Unit 1 is another device behind the same address.
    let write = r#"{"cmd":"write-register","slave":1,"addr":7,"value":77}"#;
    let (written, stdout, _) = cmmctl(&["write", &address, write]);
    assert!(written, "{stdout}");
}

/// In the window: a scan of a gateway's address (pymodbus with units 1 and 2) finds both, and
/// one click adds each as a target of its own, both online.
#[test]
fn the_window_adds_every_unit_a_gateway_scan_finds() {
    use crate::gui::{start_app, until_within};
    use egui_kittest::kittest::Queryable;
    let (_peer, address) = pymodbus_peer();
    let mut h = start_app(0, None);
    h.state_mut().view().open_serial();
    h.state_mut().view().serial.prefs.port = address.clone();
    crate::gui::until(&mut h, "the Connect serial window", |h| {
        h.query_by_label("Scan").is_some()
    });
    h.get_by_label("Scan").click();
    let guard = crate::gui::SCENARIO_GUARD;
    // Once the scan is over: its progress bar goes then, and the rows below move up.
    until_within(&mut h, guard, "the scan's two finds", |h| {
        h.query_all_by_label_contains("Add all 2").next().is_some()
            && h.state().state().scan.as_ref().is_some_and(|s| !s.running)
    });
    h.step();
    h.get_by_label_contains("Add all 2").click();
    let targets = [format!("serial:{address}:1"), format!("serial:{address}:2")];
    until_within(&mut h, guard, "both units online as targets", |h| {
        let state = h.state().state();
        targets
            .iter()
            .all(|t| state.targets.get(t).is_some_and(|t| t.online))
    });
}

/// A controller with no map: its register list (as a manual's table pasted into a
/// spreadsheet) made into a map with `cmmctl map new`, then used to poll it (pymodbus) by name.
#[test]
fn a_map_made_from_a_register_list_names_an_unknown_controller() {
    let dir = crate::common::TempDir::new("map-from-csv");
    let csv = dir.join("list.csv");
    std::fs::write(
        &csv,
        "Address;Name;Unit;Scale;Table\n2;Busbar voltage;V;0,1;holding\n5;Load;kW;;03\n",
    )
    .unwrap();
    let map = dir.join("acme.toml");
    let args = [
        "map",
        "new",
        "--from-csv",
        csv.to_str().unwrap(),
        "--model",
        "ACME-7",
        "--out",
        map.to_str().unwrap(),
    ];
    let (made, said, err) = cmmctl(&args);
    assert!(made, "{said} {err}");
    assert!(said.contains("ACME-7"), "{said}");
    // Not replaced by a second run.
    assert!(!cmmctl(&args).0);

    let (_peer, address) = pymodbus_peer();
    let mut poll = Proc::spawn(&[
        "poll",
        &address,
        "--model",
        "ACME-7",
        "--map",
        map.to_str().unwrap(),
        "--delay-ms",
        "100",
    ]);
    // Unit 1's register 2 holds 1002: 100.2 V.
    let c = poll.expect("the busbar voltage by name", |v| {
        is(v, "change") && v["addr"] == 2 && v["table"] == "holding"
    });
    assert_eq!(c["name"], "Busbar voltage", "{c}");
    assert_eq!(c["scaled"], 100.2, "{c}");
    assert_eq!(c["unit"], "V");
}
