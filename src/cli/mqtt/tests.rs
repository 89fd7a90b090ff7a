//! Tests of the bridge's pure parts: the outbox, the broker address, the command checks.

use serde_json::{Value, json};

use super::outbox::{EVENTS_MAX, Message, Outbox, Topics, level};
use super::parse_broker;
use super::remote::Remote;
use crate::app::{AppState, Report};
use crate::link::{DataKind, Event, Outcome};
use crate::proto::image::Change;
use crate::proto::map::{Decoded, Value as DValue, Words};
use crate::proto::uplink::InputFlags;
use crate::proto::{Block, BlockValues, Table};

fn topics(discovery: bool) -> Topics {
    Topics {
        prefix: "cmm".into(),
        bridge_id: "b1".into(),
        discovery: discovery.then(|| "homeassistant".into()),
        no_changes: true,
        traffic: false,
        commands: false,
    }
}

fn report(event: Event) -> Report {
    Report {
        event,
        changes: Vec::new(),
        warnings: Vec::new(),
    }
}

fn login(hostid: &str) -> Report {
    report(Event::Login {
        hostid: hostid.into(),
        hostname: "Site 1".into(),
        moduletype: "HGM6120N-4G".into(),
        peer: "127.0.0.1:1".parse().unwrap(),
        accepted: true,
        reason: None,
        module_port: None,
        module_baud: None,
    })
}

fn online(hostid: &str) -> Report {
    report(Event::Online {
        hostid: hostid.into(),
        peer: "127.0.0.1:2".parse().unwrap(),
        replaced: false,
    })
}

/// An upload changing Mains UA to `volts` (and, when `alarm`, the Emergency Stop coil on).
fn upload(hostid: &str, volts: f64, alarm: bool) -> Report {
    let ua = Decoded {
        table: Table::Holding,
        addr: 0,
        name: "Mains UA".into(),
        group: "Mains".into(),
        unit: "V".into(),
        raw: Words::one(volts as u16),
        value: DValue::Number(volts),
        decimals: 0,
        mapped: true,
        alarm: None,
    };
    let change = |table, addr, new| Change {
        slave: 1,
        table,
        addr,
        old: None,
        new,
    };
    let mut changes = vec![(change(Table::Holding, 0, volts as u16), Some(ua))];
    if alarm {
        let estop = Decoded {
            table: Table::Coils,
            addr: 8,
            name: "Emergency Stop".into(),
            group: "Alarms".into(),
            unit: "".into(),
            raw: Words::one(1),
            value: DValue::Bit(true),
            decimals: 0,
            mapped: true,
            alarm: Some(crate::proto::map::AlarmKind::Shutdown),
        };
        changes.push((change(Table::Coils, 8, 1), Some(estop)));
    }
    Report {
        event: Event::Data {
            hostid: hostid.into(),
            kind: DataKind::Change,
            blocks: vec![Block {
                slave: 1,
                table: Table::Holding,
                addr: 0,
                values: BlockValues::Registers(vec![volts as u16]),
            }],
            flags: InputFlags::default(),
        },
        changes,
        warnings: Vec::new(),
    }
}

fn drain(o: &mut Outbox) -> Vec<Message> {
    std::iter::from_fn(|| o.take()).collect()
}

fn on(msgs: &[Message], topic: &str) -> Vec<Message> {
    msgs.iter().filter(|m| m.topic == topic).cloned().collect()
}

#[test]
fn a_state_changed_twice_before_it_could_go_is_sent_once_with_the_latest_values() {
    let mut o = Outbox::new(topics(false));
    o.offer(&login("H1"), "t0");
    o.offer(&online("H1"), "t0");
    o.offer(&upload("H1", 229.0, false), "t1");
    o.offer(&upload("H1", 231.0, false), "t2");
    let msgs = drain(&mut o);
    assert_eq!(msgs[0].topic, "cmm/bridge/b1/availability");
    assert_eq!(msgs[0].payload, "online");
    let states = on(&msgs, "cmm/H1/state");
    assert_eq!(states.len(), 1);
    let s: Value = serde_json::from_str(&states[0].payload).unwrap();
    assert_eq!(s["values"]["Mains UA"], json!(231.0));
    assert_eq!(s["units"]["Mains UA"], "V");
    assert_eq!(s["time"], "t2");
    assert_eq!(s["name"], "Site 1");
    assert!(states[0].retain && !states[0].at_least_once);
    let avail = on(&msgs, "cmm/H1/availability");
    assert_eq!(avail.len(), 1);
    assert!(avail[0].retain && avail[0].at_least_once);
    // Availability goes before the state.
    let pos = |t: &str| msgs.iter().position(|m| m.topic == t).unwrap();
    assert!(pos("cmm/H1/availability") < pos("cmm/H1/state"));
    // Nothing new: nothing to send.
    assert!(o.take().is_none());
    o.offer(&upload("H1", 232.0, false), "t3");
    assert_eq!(on(&drain(&mut o), "cmm/H1/state").len(), 1);
}

#[test]
fn after_a_reconnect_every_retained_topic_goes_again_and_discovery_once_per_value() {
    let mut o = Outbox::new(topics(true));
    o.offer(&login("H1"), "t0");
    o.offer(&online("H1"), "t0");
    o.offer(&upload("H1", 230.0, true), "t1");
    let first = drain(&mut o);
    let configs: Vec<&Message> = first
        .iter()
        .filter(|m| m.topic.starts_with("homeassistant/"))
        .collect();
    assert_eq!(configs.len(), 2, "{first:#?}");
    assert!(
        configs
            .iter()
            .any(|m| m.topic == "homeassistant/binary_sensor/cmm_h1/emergency_stop/config")
    );
    let c: Value =
        serde_json::from_str(&on(&first, "homeassistant/sensor/cmm_h1/mains_ua/config")[0].payload)
            .unwrap();
    assert_eq!(c["device_class"], "voltage");
    assert_eq!(c["device"]["name"], "Site 1");
    // Discovery goes before the state it describes.
    let pos = |t: &str| first.iter().position(|m| m.topic == t).unwrap();
    assert!(pos("homeassistant/sensor/cmm_h1/mains_ua/config") < pos("cmm/H1/state"));
    // A second upload announces nothing again.
    o.offer(&upload("H1", 231.0, true), "t2");
    let second = drain(&mut o);
    assert!(!second.iter().any(|m| m.topic.starts_with("homeassistant/")));
    // A broker that restarted has forgotten everything: all of it again.
    o.reconnected();
    let again = drain(&mut o);
    for t in [
        "cmm/bridge/b1/availability",
        "cmm/H1/availability",
        "cmm/H1/state",
        "homeassistant/sensor/cmm_h1/mains_ua/config",
        "homeassistant/binary_sensor/cmm_h1/emergency_stop/config",
    ] {
        assert_eq!(on(&again, t).len(), 1, "{t}");
    }
}

#[test]
fn offline_is_retained_and_a_stop_says_everyone_is_offline() {
    let mut o = Outbox::new(topics(false));
    o.offer(&online("H1"), "t0");
    o.offer(&online("H2"), "t0");
    o.offer(
        &report(Event::Offline {
            hostid: "H1".into(),
            reason: crate::link::OfflineReason::Disconnected,
        }),
        "t1",
    );
    let msgs = drain(&mut o);
    let h1 = on(&msgs, "cmm/H1/availability");
    assert_eq!(
        h1.len(),
        1,
        "online then offline before sending: only the latest"
    );
    assert_eq!(h1[0].payload, "offline");
    let bye = o.farewell();
    assert_eq!(bye.len(), 3);
    assert!(bye.iter().all(|m| m.payload == "offline" && m.retain));
    assert_eq!(bye.last().unwrap().topic, "cmm/bridge/b1/availability");
}

#[test]
fn events_are_bounded_and_the_oldest_go_first() {
    let mut t = topics(false);
    t.no_changes = false;
    let mut o = Outbox::new(t);
    o.offer(&online("H1"), "t0");
    for i in 0..(EVENTS_MAX + 10) {
        o.offer(
            &report(Event::Heartbeat {
                hostid: format!("H{}", i % 3),
            }),
            "t",
        );
    }
    assert_eq!(o.queued_events(), EVENTS_MAX);
    // The online event was among the first and was dropped; availability stays.
    assert_eq!(o.dropped, 11);
    let msgs = drain(&mut o);
    assert_eq!(on(&msgs, "cmm/H1/availability").len(), 1);
    assert_eq!(
        msgs.iter().filter(|m| m.topic.ends_with("/event")).count(),
        EVENTS_MAX
    );
}

#[test]
fn events_go_to_the_modems_topic_with_the_stdout_json() {
    let mut t = topics(false);
    t.no_changes = false;
    let mut o = Outbox::new(t);
    o.offer(&upload("H1", 230.0, false), "t");
    o.offer(
        &report(Event::Sessions {
            sessions: Vec::new(),
        }),
        "t",
    );
    let msgs = drain(&mut o);
    let ev = on(&msgs, "cmm/H1/event");
    let change: Value = serde_json::from_str(&ev[0].payload).unwrap();
    assert_eq!(change["event"], "change");
    assert_eq!(change["name"], "Mains UA");
    assert_eq!(change["scaled"], json!(230.0));
    assert_eq!(on(&msgs, "cmm/bridge/b1/event").len(), 1);
}

#[test]
fn hostids_become_safe_topic_levels() {
    assert_eq!(
        level("3130373031334717003D002E"),
        "3130373031334717003D002E"
    );
    assert_eq!(level("a/b+c#d"), "a_b_c_d");
    assert_eq!(level("x\ny"), "x_y");
    assert_eq!(level(""), "_");
    let t = topics(false);
    assert_eq!(t.host("a/b", "state"), "cmm/a_b/state");
}

#[test]
fn broker_addresses_are_read_or_refused_with_the_reason() {
    let b = parse_broker("mqtt://broker.example:1884").unwrap();
    assert_eq!(
        (b.host.as_str(), b.port, b.tls),
        ("broker.example", 1884, false)
    );
    let b = parse_broker("mqtts://broker.example").unwrap();
    assert_eq!((b.port, b.tls), (8883, true));
    assert_eq!(parse_broker("mqtt://10.0.0.2").unwrap().port, 1883);
    let b = parse_broker("mqtt://[::1]:1999").unwrap();
    assert_eq!((b.host.as_str(), b.port), ("::1", 1999));
    assert_eq!(b.to_string(), "mqtt://[::1]:1999");
    for (bad, needle) in [
        ("tcp://h:1", "mqtt://HOST"),
        ("mqtt://user:pw@h", "--mqtt-password-file"),
        ("mqtt://h:0", "1-65535"),
        ("mqtt://h:99999", "1-65535"),
        ("mqtt://", "no host"),
        ("mqtt://h/x", "path"),
    ] {
        let e = parse_broker(bad).unwrap_err();
        assert!(e.contains(needle), "{bad}: {e}");
    }
}

fn state_with(hostid: &str, inhibit: bool) -> AppState {
    let mut s = AppState::new(crate::app::load_maps(&[]).unwrap());
    let Report { event, .. } = login(hostid);
    s.apply(&event, 1);
    s.apply(
        &Event::Data {
            hostid: hostid.into(),
            kind: DataKind::Full,
            blocks: vec![Block {
                slave: 1,
                table: Table::Holding,
                addr: 0,
                values: BlockValues::Registers(vec![230]),
            }],
            flags: InputFlags {
                inhibit_remote: Some(inhibit),
                ..Default::default()
            },
        },
        2,
    );
    s
}

#[test]
fn remote_commands_are_checked_one_at_a_time_and_settled_by_their_outcome() {
    let state = state_with("H1", false);
    let mut r = Remote::default();
    let start = br#"{"cmd":"write-coil","addr":0,"on":true,"uid":"s1"}"#;
    let cmd = r.prepare("H1", start, 0xFF00, &state).unwrap().command;
    assert!(
        matches!(&cmd, crate::app::Command::Write { target, uid: Some(u), .. }
        if target == "H1" && u == "s1")
    );
    // A second one while the first is out: busy, naming the first.
    let e = r
        .prepare("H1", br#"{"cmd":"reset","uid":"x"}"#, 0xFF00, &state)
        .unwrap_err();
    assert!(
        e.detail.contains("busy") && e.detail.contains("s1"),
        "{e:?}"
    );
    assert_eq!(e.json()["outcome"], "refused");
    // An outcome of another command settles nothing; the command's own does.
    let outcome = |uid: &str| Event::CommandOutcome {
        hostid: "H1".into(),
        uid: uid.into(),
        outcome: Outcome::Accepted,
        detail: "01050000FF008C3A,1".into(),
    };
    assert!(r.settle(&outcome("other")).is_none());
    let (host, v) = r.settle(&outcome("s1")).unwrap();
    assert_eq!(host, "H1");
    assert_eq!(v["outcome"], "accepted");
    assert_eq!(v["uid"], "s1");
    // Free again; with no uid one is made up.
    let cmd = r
        .prepare("H1", br#"{"cmd":"reset"}"#, 0xFF00, &state)
        .unwrap()
        .command;
    let made_up = match cmd {
        crate::app::Command::Reset { uid: Some(u), .. } if u.starts_with("mqtt-") => u,
        other => panic!("{other:?}"),
    };
    // A refusal by the core (as an error with the uid) settles it too, as "refused".
    let (_, v) = r
        .settle(&Event::Error {
            hostid: Some("H1".into()),
            uid: Some(made_up),
            message: "its link is down".into(),
        })
        .unwrap();
    assert_eq!(v["outcome"], "refused");
    assert_eq!(v["detail"], "its link is down");
}

#[test]
fn remote_commands_are_refused_while_the_modem_inhibits_remote_control() {
    let state = state_with("H1", true);
    let mut r = Remote::default();
    let e = r
        .prepare(
            "H1",
            br#"{"cmd":"write-coil","addr":0,"on":true,"uid":"s1"}"#,
            0xFF00,
            &state,
        )
        .unwrap_err();
    assert!(
        e.detail.contains("Start refused") && e.detail.contains("InhbitRemote"),
        "{e:?}"
    );
    // The same raw frame is caught too, and a plain register write is not a remote command.
    let e = r
        .prepare(
            "H1",
            br#"{"cmd":"write","frame":"01050000FF008C3A"}"#,
            0xFF00,
            &state,
        )
        .unwrap_err();
    assert!(e.detail.contains("InhbitRemote"), "{e:?}");
    assert!(
        r.prepare(
            "H1",
            br#"{"cmd":"write-coil","addr":0,"on":false}"#,
            0xFF00,
            &state
        )
        .is_ok()
    );
}

#[test]
fn what_is_not_a_modem_command_is_refused_over_mqtt() {
    let state = AppState::default();
    let mut r = Remote::default();
    for (payload, needle) in [
        (
            &br#"{"cmd":"report","out":"/etc/passwd"}"#[..],
            "not taken over MQTT",
        ),
        (br#"{"cmd":"mark","text":"x"}"#, "not taken over MQTT"),
        (br#"{"uid":"u"}"#, "missing \"cmd\""),
        (
            br#"{"cmd":"reset","hostid":"H2"}"#,
            "not this topic's modem",
        ),
        (br#"{"cmd":"reset","uid":5}"#, "\"uid\" must be a string"),
        (br#"[1,2]"#, "bad command"),
        (
            br#"{"cmd":"write-register","addr":1,"value":70000}"#,
            "0-65535",
        ),
    ] {
        let e = r.prepare("H1", payload, 0xFF00, &state).unwrap_err();
        assert!(
            e.detail.contains(needle),
            "{}: {e:?}",
            String::from_utf8_lossy(payload)
        );
    }
}
