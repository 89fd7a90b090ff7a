//! Tests of [`AppState::apply`].

use super::*;
use crate::link::{DataKind, Outcome};
use crate::proto::map::Confirm;
use crate::proto::{Block, BlockValues, Table};

/// An accepted login of modem "H" with controller model `m`.
fn login(m: &str) -> Event {
    Event::Login {
        hostid: "H".into(),
        hostname: "n".into(),
        moduletype: m.into(),
        peer: "127.0.0.1:1".parse().unwrap(),
        accepted: true,
        reason: None,
        module_port: None,
        module_baud: None,
    }
}

#[test]
fn data_events_update_the_image_and_report_changes() {
    let mut s = AppState::default();
    let block = Block {
        slave: 1,
        table: Table::Holding,
        addr: 0,
        values: BlockValues::Registers(vec![239, 240]),
    };
    let ev = Event::Data {
        hostid: "H".into(),
        kind: DataKind::Full,
        blocks: vec![block],
        flags: InputFlags {
            inhibit_remote: Some(true),
            ..Default::default()
        },
    };
    assert_eq!(s.apply(&ev, 5).len(), 2);
    assert!(s.apply(&ev, 6).is_empty());
    let t = &s.targets["H"];
    assert_eq!(t.image.get(1, Table::Holding, 1), Some(240));
    assert_eq!(t.flags.inhibit_remote, Some(true));
    assert_eq!(t.last_seen_ms, Some(6));
}

#[test]
fn a_login_picks_the_map_and_a_loaded_map_takes_over() {
    let mut s = AppState::default();
    s.apply(&login("HGM6120N-4G"), 1);
    assert_eq!(s.targets["H"].map.name, "SmartGen HGM6100N family");
    s.apply(&login("XYZ"), 2);
    assert!(s.targets["H"].map.is_generic());
    let custom = crate::proto::map::parse_map(
        "format = \"cmm-register-map\"\nversion = 1\nname = \"X\"\nmodule_types = [\"XYZ\"]\n",
    )
    .unwrap();
    s.add_map(Arc::new(custom));
    assert_eq!(s.targets["H"].map.name, "X");
}

#[test]
fn accepted_writes_are_verified_against_the_next_readings() {
    let mut s = AppState::default();
    let sent = |uid: &str| Event::CommandSent {
        hostid: "H".into(),
        uid: uid.into(),
        method: "writeConfig",
        frame: None,
        decoded: "auto".into(),
    };
    let accepted = |uid: &str| Event::CommandOutcome {
        hostid: "H".into(),
        uid: uid.into(),
        outcome: Outcome::Accepted,
        detail: String::new(),
    };
    let coil41 = |on: bool| Event::Data {
        hostid: "H".into(),
        kind: DataKind::Change,
        blocks: vec![Block {
            slave: 1,
            table: Table::Coils,
            addr: 41,
            values: BlockValues::Bits(vec![on]),
        }],
        flags: InputFlags::default(),
    };
    let auto = Confirm {
        table: Table::Coils,
        addr: 41,
        value: Some(1),
        not: None,
        bit: None,
    };
    let intent = |e: &Confirm| crate::app::command::Intent {
        effect: Some(e.clone()),
        ..Default::default()
    };
    s.expect("a", intent(&auto));
    s.apply(&sent("a"), 1);
    s.apply(&coil41(false), 2);
    assert_eq!(
        s.commands[0].verified, None,
        "not accepted yet: nothing to verify"
    );
    s.apply(&accepted("a"), 3);
    s.apply(&coil41(false), 4);
    assert_eq!(s.commands[0].verified, None);
    s.apply(&coil41(true), 5);
    assert_eq!(s.commands[0].verified, Some(true));

    // Not seen: an upload before the map's time says nothing yet; one after it, or the
    // supervisor's timer at it, says "not confirmed", with what is still as it was.
    s.expect(
        "b",
        crate::app::command::Intent {
            unmet: Some("Auto mode still off".into()),
            ..intent(&auto)
        },
    );
    s.apply(&sent("b"), 6);
    assert_eq!(s.commands[1].within_ms, 10_000, "the map's default");
    s.apply(&accepted("b"), 7);
    let awaited = s.take_awaited();
    assert_eq!(
        awaited.last(),
        Some(&("H".to_string(), "b".to_string(), 10_000))
    );
    s.apply(&coil41(false), 5_000);
    assert_eq!(s.commands[1].verified, None, "still within its time");
    s.apply(&coil41(false), 10_007);
    assert_eq!(s.commands[1].verified, Some(false), "not seen in 10 s");
    assert_eq!(s.commands[1].unmet.as_deref(), Some("Auto mode still off"));

    s.expect("c", intent(&auto));
    s.apply(&sent("c"), 20_000);
    s.apply(&accepted("c"), 20_001);
    s.verify_due("H", "c", 30_001);
    assert_eq!(
        s.commands[2].verified,
        Some(false),
        "no reading at all: the timer settles it"
    );
    assert_eq!(s.take_verdicts().len(), 3);
}

#[test]
fn the_slave_comes_from_the_data() {
    let mut s = AppState::default();
    let data = Event::Data {
        hostid: "serial:/dev/ttyUSB0:3".into(),
        kind: DataKind::Full,
        blocks: vec![Block {
            slave: 3,
            table: Table::Coils,
            addr: 41,
            values: BlockValues::Bits(vec![true]),
        }],
        flags: InputFlags::default(),
    };
    s.apply(&data, 1);
    let t = &s.targets["serial:/dev/ttyUSB0:3"];
    assert_eq!(t.slave(), 3);
}

#[test]
fn outcomes_close_their_command() {
    let mut s = AppState::default();
    s.apply(
        &Event::CommandSent {
            hostid: "H".into(),
            uid: "7".into(),
            method: "reset",
            frame: None,
            decoded: "reset".into(),
        },
        1,
    );
    s.apply(
        &Event::CommandOutcome {
            hostid: "H".into(),
            uid: "7".into(),
            outcome: Outcome::Gone,
            detail: "closed".into(),
        },
        2,
    );
    assert_eq!(
        s.commands[0].outcome,
        Some((Outcome::Gone, "closed".into()))
    );
}

#[test]
fn heartbeat_health_follows_the_expected_interval() {
    let mut s = AppState::default();
    let peer: std::net::SocketAddr = "127.0.0.1:9".parse().unwrap();
    s.apply(
        &Event::Online {
            hostid: "H".into(),
            peer,
            replaced: false,
        },
        0,
    );
    let t = &s.targets["H"];
    // Until the first heartbeat the connection stands in for it.
    assert_eq!(t.heartbeat_health(30_000, 60_000), Health::Good);
    s.apply(&Event::Heartbeat { hostid: "H".into() }, 60_000);
    let t = &s.targets["H"];
    assert_eq!(t.heartbeat_health(60_000 + 90_000, 60_000), Health::Good);
    assert_eq!(t.heartbeat_health(60_000 + 90_001, 60_000), Health::Late);
    assert_eq!(t.heartbeat_health(60_000 + 180_001, 60_000), Health::Down);
    s.apply(
        &Event::Offline {
            hostid: "H".into(),
            reason: crate::link::OfflineReason::Timeout,
        },
        250_000,
    );
    let t = &s.targets["H"];
    assert_eq!(t.heartbeat_health(250_000, 60_000), Health::Down);
    assert_eq!(t.down_reason.as_deref(), Some("timeout"));
}

#[test]
fn serial_targets_come_up_and_down_with_their_link() {
    let mut s = AppState::default();
    s.add_serial(
        "serial:/dev/ttyUSB0:1",
        "/dev/ttyUSB0 9600 8N1, slave 1",
        "HGM6110N",
        1,
    );
    assert_eq!(
        s.targets["serial:/dev/ttyUSB0:1"].map.name,
        "SmartGen HGM6100N family"
    );
    let up = Event::LinkUp {
        target: "serial:/dev/ttyUSB0:1".into(),
        port: "/dev/ttyUSB0".into(),
        settings: "9600 8N1, slave 1".into(),
    };
    s.apply(&up, 5);
    let t = &s.targets["serial:/dev/ttyUSB0:1"];
    assert!(t.online && t.is_serial());
    assert_eq!(
        t.heartbeat_health(1_000_000, 60_000),
        Health::Good,
        "no heartbeats on a wire"
    );
    // The HGM6110's breaker commands, not the HGM6120's.
    assert!(
        t.map
            .commands_for(&t.moduletype)
            .iter()
            .any(|c| c.name == "Gen Open")
    );
    let down = Event::LinkDown {
        target: "serial:/dev/ttyUSB0:1".into(),
        reason: "unplugged".into(),
    };
    s.apply(&down, 6);
    let t = &s.targets["serial:/dev/ttyUSB0:1"];
    assert!(!t.online);
    assert_eq!(t.heartbeat_health(7, 60_000), Health::Down);
    assert!(s.last_error.as_deref().unwrap().contains("unplugged"));
    s.remove_target("serial:/dev/ttyUSB0:1");
    assert!(s.targets.is_empty());
}

#[test]
fn a_serial_link_commands_the_slave_it_was_opened_for_before_any_reply() {
    let mut s = AppState::default();
    s.add_serial(
        "serial:/dev/ttyUSB0:7",
        "/dev/ttyUSB0 9600 8N1, slave 7",
        "HGM6120N",
        7,
    );
    let t = &s.targets["serial:/dev/ttyUSB0:7"];
    assert!(t.image.is_empty(), "no reply yet");
    let start = t
        .map
        .commands_for(&t.moduletype)
        .into_iter()
        .find(|c| c.name == "Start")
        .unwrap();
    let plan = crate::app::write_plan::remote_command(t, start, false).unwrap();
    assert_eq!(plan.request.slave, 7, "not the map's default slave 1");
    assert!(
        plan.request.to_hex().starts_with("07050000FF00"),
        "{}",
        plan.hex()
    );
}

#[test]
fn a_removed_target_takes_its_error_off_the_status_bar() {
    let mut s = AppState::default();
    s.add_serial(
        "serial:/dev/ttyUSB9:1",
        "/dev/ttyUSB9 9600 8N1, slave 1",
        "HGM6120N",
        1,
    );
    let down = Event::LinkDown {
        target: "serial:/dev/ttyUSB9:1".into(),
        reason: "unplugged".into(),
    };
    s.apply(&down, 1);
    assert!(s.last_error.as_deref().unwrap().contains("unplugged"));
    s.remove_target("serial:/dev/ttyUSB9:1");
    assert_eq!(s.last_error, None);
    // Another target's error stays, even when its text names the one removed.
    s.apply(
        &Event::Error {
            hostid: Some("serial:/dev/ttyUSB0:1".into()),
            uid: None,
            message: "serial:/dev/ttyUSB0:1 is not serial:/dev/ttyUSB9:1".into(),
        },
        2,
    );
    s.remove_target("serial:/dev/ttyUSB9:1");
    assert!(s.last_error.is_some());
    s.remove_target("serial:/dev/ttyUSB0:1");
    assert_eq!(s.last_error, None);
}

#[test]
fn the_summary_keeps_mode_alarms_with_their_time_and_power_current() {
    let mut s = AppState::default();
    s.apply(&login("HGM6120N"), 1);
    let data = |coils: &[u16], kw: u16| {
        let mut bits = vec![false; 48];
        for c in coils {
            bits[usize::from(*c)] = true;
        }
        Event::Data {
            hostid: "H".into(),
            kind: DataKind::Change,
            blocks: vec![
                Block {
                    slave: 1,
                    table: Table::Coils,
                    addr: 0,
                    values: BlockValues::Bits(bits),
                },
                Block {
                    slave: 1,
                    table: Table::Holding,
                    addr: 26,
                    values: BlockValues::Registers(vec![kw]),
                },
            ],
            flags: InputFlags::default(),
        }
    };
    // A warning and Auto at 1000; then a shutdown joins at 5000.
    s.apply(&data(&[0, 25, 41], 40), 1000);
    let sum = &s.targets["H"].summary;
    assert_eq!(sum.mode.as_deref(), Some("Auto"));
    assert_eq!(sum.kw, Some(40.0));
    assert_eq!(sum.alarms.len(), 1, "summary coils are not alarms");
    assert_eq!(sum.alarms[0].since_ms, 1000);
    s.apply(&data(&[0, 25, 41, 18], 0), 5000);
    let sum = &s.targets["H"].summary;
    let names: Vec<(&str, AlarmKindName, i64)> = sum
        .alarms
        .iter()
        .map(|a| (a.name.as_str(), a.kind.name(), a.since_ms))
        .collect();
    assert_eq!(
        names,
        vec![
            ("High Temperature Shutdown", "shutdown", 5000),
            ("Low Oil Pressure Warn Alarm", "warning", 1000),
        ],
        "the most serious first; the warning keeps its time"
    );
    assert_eq!(sum.kw, Some(0.0));
    // Cleared: gone from the summary.
    s.apply(&data(&[41], 0), 9000);
    assert!(s.targets["H"].summary.alarms.is_empty());
}

type AlarmKindName = &'static str;

#[test]
fn a_map_chosen_by_hand_holds_across_logins_until_taken_back() {
    let mut s = AppState::default();
    s.apply(&login("HGM7220"), 1);
    assert!(
        s.targets["H"].map.is_generic(),
        "an unknown model decodes raw"
    );
    let said = s.choose_map("H", Some("SmartGen HGM9500N family".into()), 2);
    assert!(said.contains("chosen by hand"), "{said}");
    assert_eq!(s.targets["H"].map.name, "SmartGen HGM9500N family");
    s.apply(&login("HGM7220"), 3);
    assert_eq!(
        s.targets["H"].map.name, "SmartGen HGM9500N family",
        "the choice outlives a new login"
    );
    assert!(
        s.choose_map("H", Some("No such map".into()), 4)
            .contains("no map named")
    );
    s.choose_map("H", None, 5);
    assert!(s.targets["H"].map.is_generic());
    assert!(s.map_choices.is_empty());
}

#[test]
fn a_plotted_value_has_a_gap_while_offline_or_stale_and_resumes_after() {
    let mut s = AppState::default();
    s.toggle_plot(("H".into(), Table::Holding, 0));
    let data = |v: u16| Event::Data {
        hostid: "H".into(),
        kind: DataKind::Full,
        blocks: vec![Block {
            slave: 1,
            table: Table::Holding,
            addr: 0,
            values: BlockValues::Registers(vec![v]),
        }],
        flags: InputFlags::default(),
    };
    let offline = Event::Offline {
        hostid: "H".into(),
        reason: crate::link::OfflineReason::Timeout,
    };
    let stale = Event::Stale {
        hostid: "H".into(),
        table: Table::Holding,
        addr: 0,
        qty: 1,
        reason: "not answered".into(),
    };
    s.apply(&data(25), 1000);
    s.apply(&offline, 2000);
    s.apply(&offline, 2500);
    s.apply(&data(100), 3000);
    s.apply(&stale, 4000);
    // An upload that does not refresh the stale value keeps the gap.
    s.apply(
        &Event::Data {
            hostid: "H".into(),
            kind: DataKind::Change,
            blocks: vec![],
            flags: InputFlags::default(),
        },
        4500,
    );
    s.apply(&data(100), 5000);
    let pts = s.plotted[&("H".into(), Table::Holding, 0)].visible(0.0, 10.0, 100);
    let shown: Vec<(f64, Option<f64>)> = pts
        .iter()
        .map(|p| (p[0], (!p[1].is_nan()).then_some(p[1])))
        .collect();
    assert_eq!(
        shown,
        vec![
            (1.0, Some(25.0)),
            (2.0, None),
            (3.0, Some(100.0)),
            (4.0, None),
            (5.0, Some(100.0))
        ]
    );
}

/// Nothing found where the engineer asked (no event after this moment) is said in the log as
/// it is; a failure is logged as an error.
#[test]
fn nothing_found_is_said_and_a_failure_is_an_error() {
    let mut s = AppState::default();
    s.error(
        1,
        None,
        &CoreError::NotFound("no event recorded after this moment".into()),
    );
    s.error(2, None, &CoreError::NoRecording);
    let lines: Vec<&str> = s.log.lines().map(|l| l.text.as_str()).collect();
    assert_eq!(lines[0], "no event recorded after this moment");
    assert!(
        lines[1].starts_with("error: nothing is being recorded"),
        "{lines:?}"
    );
    assert_eq!(
        s.last_error.as_deref(),
        Some("nothing is being recorded (the app was started without a recording)")
    );
}

/// The overview's first-out: of the alarms on now that came on together, the first; a later
/// trip of its own does not join them.
#[test]
fn the_first_out_of_alarms_that_came_on_together() {
    let mut s = AppState::default();
    s.apply(&login("HGM6120N-4G"), 0);
    let coil = |addr: u16, on: bool, t: i64, s: &mut AppState| {
        s.apply(
            &Event::Data {
                hostid: "H".into(),
                kind: DataKind::Change,
                blocks: vec![Block {
                    slave: 1,
                    table: Table::Coils,
                    addr,
                    values: BlockValues::Bits(vec![on]),
                }],
                flags: InputFlags::default(),
            },
            t,
        );
    };
    // Low oil pressure (19) is read 2 s after the overspeed (9), in address order the other
    // way round.
    coil(9, true, 10_000, &mut s);
    coil(19, true, 12_000, &mut s);
    let summary = &s.targets["H"].summary;
    let (first, with) = summary.first_out().unwrap();
    assert_eq!(summary.alarms[first].name, "Overspeed Alarm Shutdown");
    assert_eq!(with, 1);
    // Both in one upload: the lower address is first.
    coil(9, false, 20_000, &mut s);
    coil(19, false, 20_000, &mut s);
    s.apply(
        &Event::Data {
            hostid: "H".into(),
            kind: DataKind::Change,
            blocks: vec![Block {
                slave: 1,
                table: Table::Coils,
                addr: 8,
                values: BlockValues::Bits(vec![true, true]),
            }],
            flags: InputFlags::default(),
        },
        40_000,
    );
    let summary = &s.targets["H"].summary;
    let (first, with) = summary.first_out().unwrap();
    assert_eq!(summary.alarms[first].name, "Emergency Stop");
    assert_eq!(with, 1);
    // A trip seconds later is not one that came with it.
    coil(19, true, 50_000, &mut s);
    let (first, with) = s.targets["H"].summary.first_out().unwrap();
    assert_eq!(s.targets["H"].summary.alarms[first].name, "Emergency Stop");
    assert_eq!(
        with, 1,
        "only the overspeed read with it, not the low oil pressure after"
    );
}
