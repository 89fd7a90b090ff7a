//! What a real CMM366B-4G does that the first server got wrong, each over loopback TCP with
//! raw bytes: the `con_command`, no command-shaped reply to what could not be read, a second
//! connection beside the live one, and a lenient login.

use crate::common;

use std::collections::BTreeMap;
use std::time::Duration;

use cmm_commissioner::link::{Event, ServerConfig};
use cmm_commissioner::proto::poll_plan::HGM6120N_FIELD_PLAN;
use cmm_commissioner::proto::{Downlink, Uplink};
use common::{HOSTID, RawModem, TestServer};

const LOGIN: &str = r#"{"method":"login","params":{"hostid":"3130373031334717003D002E","hostname":"north","password":"x","moduletype":"HGM6120N","modulePort":2,"moduleBaud":0}}"#;

#[tokio::test]
async fn con_command_is_the_poll_plan_unless_given_for_the_model() {
    let s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(LOGIN.as_bytes()).await;
    let text = m.recv_text().await;
    assert!(
        text.contains(&format!(r#""con_command":"{HGM6120N_FIELD_PLAN}""#)),
        "{text}"
    );

    let config = ServerConfig {
        con_commands: BTreeMap::from([("HGM6120N".to_string(), "01030000002D85D7".to_string())]),
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(LOGIN.as_bytes()).await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!("login reply expected")
    };
    assert_eq!(r.con_command, "01030000002D85D7");
    assert_eq!(
        r.para_command, HGM6120N_FIELD_PLAN,
        "the poll plan is unchanged"
    );
}

#[tokio::test]
async fn what_cannot_be_read_never_gets_a_command_shaped_reply() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    // A reset reply, a writeConfig reply, a timing request and a login we cannot read (no
    // hostid, a wrong type, broken JSON): each is reported, and nothing is sent back.
    for bad in [
        r#"{"method":"reset"}"#.to_string(),
        format!(r#"{{"method":"writeConfig","hostid":"{HOSTID}","params":[1,2]}}"#),
        r#"{"method":"timing"}"#.to_string(),
        r#"{"method":"login","params":"yes"}"#.to_string(),
        format!(r#"{{"method":"reset","hostid":"{HOSTID}",}}x"#),
    ] {
        m.send_raw(bad.as_bytes()).await;
        s.expect("the bad message reported", |e| {
            matches!(e, Event::ProtocolError { .. })
        })
        .await;
    }
    // The next reply is the heartbeat's: nothing was sent for the bad messages.
    m.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    let text = m.recv_text().await;
    assert_eq!(text, r#"{"method":"HB","message":"OK","retcode":"000000"}"#);
    s.expect("the heartbeat", |e| matches!(e, Event::Heartbeat { .. }))
        .await;

    // An unknown method is acknowledged, and reported once with its raw text.
    for _ in 0..3 {
        m.send_raw(format!(r#"{{"method":"gpsReport","hostid":"{HOSTID}","lat":1}}"#).as_bytes())
            .await;
        assert_eq!(
            m.recv_text().await,
            r#"{"method":"gpsReport","message":"OK","retcode":"000000"}"#
        );
    }
    m.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    m.recv().await;
    s.expect("the heartbeat", |e| matches!(e, Event::Heartbeat { .. }))
        .await;
    let reports = s
        .seen
        .iter()
        .filter(|e| matches!(e, Event::ProtocolError { error, .. } if error.to_string().contains("gpsReport")))
        .collect::<Vec<_>>();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(
        matches!(reports[0], Event::ProtocolError { error, .. } if error.to_string().contains(r#""lat":1"#)),
        "the raw text is in the report"
    );
}

#[tokio::test]
async fn a_second_connection_is_answered_without_evicting_the_live_one() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut live = RawModem::long_con(s.addr, HOSTID).await;
    s.expect("online", |e| matches!(e, Event::Online { .. }))
        .await;
    // A history upload on a connection of its own (the `historic` address).
    let mut history = RawModem::connect(s.addr).await;
    history
        .send_raw(
            format!(r#"{{"method":"reqdata","hostid":"{HOSTID}","params":"0103020102F1D4"}}"#)
                .as_bytes(),
        )
        .await;
    assert_eq!(history.recv().await, Downlink::ok("reqdata"));
    history
        .send(&Uplink::Heartbeat {
            hostid: HOSTID.into(),
        })
        .await;
    assert_eq!(history.recv().await, Downlink::ok("HB"));
    s.expect(
        "the second connection reported",
        |e| matches!(e, Event::ProtocolError { error, .. } if error.to_string().contains("second connection")),
    )
    .await;
    s.expect(
        "its message kept raw",
        |e| matches!(e, Event::Traffic { text, .. } if text.contains("0103020102F1D4")),
    )
    .await;
    // The live connection still answers and still takes commands.
    live.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    assert_eq!(live.recv().await, Downlink::ok("HB"));
    s.command(cmm_commissioner::link::Command::Reset {
        hostid: HOSTID.into(),
        uid: Some("r1".into()),
    })
    .await;
    assert_eq!(live.recv().await, Downlink::Reset);
    drop(history);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !s.seen.iter().any(|e| matches!(
            e,
            Event::Online { replaced: true, .. } | Event::Offline { .. } | Event::Data { .. }
        )),
        "not replaced, not offline, and the history is not applied as live readings"
    );
    // LongCon on a new connection still takes over (a modem that reconnected).
    let _new = RawModem::long_con(s.addr, HOSTID).await;
    s.expect("replaced", |e| {
        matches!(e, Event::Online { replaced: true, .. })
    })
    .await;
    live.expect_closed().await;
}

#[tokio::test]
async fn a_login_with_malformed_optional_fields_is_accepted_with_warnings() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::connect(s.addr).await;
    // longitude an object, latitude true, gpsen not a number, hostname a number, and a byte
    // that is not UTF-8 in the altitude; no modulePort or moduleBaud.
    let mut login = format!(
        r#"{{"method":"login","params":{{"hostid":"{HOSTID}","hostname":4711,"password":"x","longitude":{{"deg":113}},"latitude":true,"gpsen":"gps","altitude":"1"#
    )
    .into_bytes();
    login.push(0xB0);
    login.extend_from_slice(br#"m","moduletype":"HGM6120N"}}"#);
    m.send_raw(&login).await;
    let text = m.recv_text().await;
    let Downlink::LoginReply(r) = Downlink::parse(text.as_bytes()).unwrap() else {
        panic!("login reply expected: {text}")
    };
    assert!(r.register, "{text}");
    assert!(
        !text.contains("modulePort") && !text.contains("moduleBaud"),
        "no port asserted back: {text}"
    );
    let e = s
        .expect("the login", |e| matches!(e, Event::Login { .. }))
        .await;
    assert!(
        matches!(&e, Event::Login { accepted: true, hostname, .. } if hostname == "4711"),
        "{e:?}"
    );
    for needle in ["not UTF-8", "longitude", "latitude", "gpsen"] {
        assert!(
            s.seen
                .iter()
                .any(|e| matches!(e, Event::ProtocolError { error, .. } if error.to_string().contains(needle))),
            "a warning about {needle}: {:?}",
            s.seen
        );
    }
}

#[tokio::test]
async fn commands_go_one_at_a_time_and_a_late_reply_is_reported_as_such() {
    let config = ServerConfig {
        command_timeout: Duration::from_millis(500),
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    let write = |uid: &str, addr: u16| cmm_commissioner::link::Command::Write {
        hostid: HOSTID.into(),
        request: cmm_commissioner::proto::rtu::Request {
            slave: 1,
            pdu: cmm_commissioner::proto::rtu::RequestPdu::WriteSingleCoil {
                addr,
                value: 0xFF00,
            },
        },
        uid: Some(uid.into()),
    };
    s.command(write("start", 0)).await;
    s.command(write("manual", 4)).await;
    let first = m.recv_text().await;
    assert!(first.contains(r#""uid":"start""#), "{first}");
    // Nothing else until the first ends: it times out, and only then the second goes.
    let e = s
        .expect(
            "the timeout",
            |e| matches!(e, Event::CommandOutcome { uid, .. } if uid == "start"),
        )
        .await;
    assert!(matches!(
        e,
        Event::CommandOutcome {
            outcome: cmm_commissioner::link::Outcome::Timeout,
            ..
        }
    ));
    let second = m.recv_text().await;
    assert!(second.contains(r#""uid":"manual""#), "{second}");
    // The Start ran after all: its reply arrives late and is reported so.
    m.send_raw(
        format!(r#"{{"method":"writeConfig","hostid":"{HOSTID}","uid":"start","params":"01050000FF008C3A,1"}}"#)
            .as_bytes(),
    )
    .await;
    let e = s
        .expect(
            "the late outcome",
            |e| matches!(e, Event::CommandOutcome { uid, .. } if uid == "start"),
        )
        .await;
    assert!(
        matches!(&e, Event::CommandOutcome { outcome: cmm_commissioner::link::Outcome::Accepted, detail, .. } if detail.starts_with("late")),
        "{e:?}"
    );
    // Never resent.
    m.send_raw(
        format!(r#"{{"method":"writeConfig","hostid":"{HOSTID}","uid":"manual","params":"01050004FF00CDFB,1"}}"#)
            .as_bytes(),
    )
    .await;
    s.expect(
        "the second's outcome",
        |e| matches!(e, Event::CommandOutcome { uid, .. } if uid == "manual"),
    )
    .await;
    m.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    assert_eq!(m.recv().await, Downlink::ok("HB"), "nothing was resent");
}

/// A coil value longer than one byte is read as the map's `coil_delta` says, and the first one
/// says which reading is in use.
#[tokio::test]
async fn multi_byte_coil_deltas_follow_the_map_setting_and_are_said_once() {
    let text = cmm_commissioner::proto::map::HGM6100N_TOML.replace(
        r#"coil_delta = "rtu-bytes""#,
        r#"coil_delta = "integer-lsb""#,
    );
    let map = cmm_commissioner::proto::map::parse_map(&text).unwrap();
    let config = ServerConfig {
        maps: vec![std::sync::Arc::new(map)],
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let mut login = RawModem::connect(s.addr).await;
    login.send_raw(LOGIN.as_bytes()).await;
    login.recv().await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    for _ in 0..2 {
        m.send_raw(format!(r#"{{"method":"reqdatachange","params":{{"packetnum":2,"01":[{{"0028":"0805"}}]}},"hostid":"{HOSTID}"}}"#).as_bytes()).await;
        m.recv().await;
    }
    let e = s
        .expect("the data", |e| matches!(e, Event::Data { .. }))
        .await;
    let Event::Data { blocks, .. } = e else {
        unreachable!()
    };
    let cmm_commissioner::proto::rtu::BlockValues::Bits(bits) = &blocks[0].values else {
        panic!("bits")
    };
    // 0x0805 as one integer: bits 0, 2 and 11 from coil 40.
    let on: Vec<usize> = bits
        .iter()
        .enumerate()
        .filter(|(_, b)| **b)
        .map(|(i, _)| 40 + i)
        .collect();
    assert_eq!(on, [40, 42, 51]);
    s.expect("the second upload", |e| matches!(e, Event::Data { .. }))
        .await;
    let said: Vec<&Event> = s
        .seen
        .iter()
        .filter(|e| matches!(e, Event::Notice { message, .. } if message.contains("integer-lsb")))
        .collect();
    assert_eq!(said.len(), 1, "once: {:?}", s.seen);
}

/// An exception reply in a `reqdata` leaves that block's values stale (not current) until a
/// later upload refreshes them; a `packetnum` gap makes the values not refreshed since
/// possibly stale until the next full upload.
#[tokio::test]
async fn exceptions_and_lost_uploads_show_values_as_stale() {
    use cmm_commissioner::app::AppState;
    use cmm_commissioner::proto::rtu::{BlockValues, ExceptionCode, Response, Table};
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut login = RawModem::connect(s.addr).await;
    login.send_raw(LOGIN.as_bytes()).await;
    login.recv().await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    let mut state = AppState::default();
    let coils = Response::read(1, Table::Coils, &BlockValues::Bits(vec![false; 78])).to_hex();
    let regs = Response::read(1, Table::Holding, &BlockValues::Registers(vec![230; 45])).to_hex();
    let tail = Response::read(1, Table::Holding, &BlockValues::Registers(vec![7; 10])).to_hex();
    let busy = Response::exception(1, 3, ExceptionCode::ServerDeviceBusy).to_hex();
    let reqdata = |a: &str, b: &str, c: &str| {
        format!(r#"{{"method":"reqdata","hostid":"{HOSTID}","params":"{a};{b};{c}"}}"#)
    };
    // Everything current, then the registers' block answered with an exception.
    m.send_raw(reqdata(&coils, &regs, &tail).as_bytes()).await;
    m.recv().await;
    m.send_raw(reqdata(&coils, &busy, &tail).as_bytes()).await;
    m.recv().await;
    let mut n = 0i64;
    s.expect("the stale block", |e| {
        n += 1;
        state.apply(e, n);
        matches!(
            e,
            Event::Stale {
                addr: 0,
                qty: 45,
                ..
            }
        )
    })
    .await;
    let t = &state.targets[HOSTID];
    let why = t.staleness(Table::Holding, 0).expect("register 0 is stale");
    assert!(
        why.contains("stale since") && why.to_lowercase().contains("busy"),
        "{why}"
    );
    assert_eq!(
        t.image.get(1, Table::Holding, 0),
        Some(230),
        "the old value is kept"
    );
    assert_eq!(
        t.staleness(Table::Holding, 46),
        None,
        "the answered block is current"
    );
    // A full upload refreshes it.
    m.send_raw(reqdata(&coils, &regs, &tail).as_bytes()).await;
    m.recv().await;
    s.expect("the refresh", |e| {
        n += 1;
        state.apply(e, n);
        matches!(e, Event::Data { .. })
    })
    .await;
    assert_eq!(state.targets[HOSTID].staleness(Table::Holding, 0), None);

    // Change uploads 2, then 5: two were lost.
    let change = |p: u64, v: &str| {
        format!(
            r#"{{"method":"reqdatachange","params":{{"packetnum":{p},"03":[{{"0018":"{v}"}}]}},"hostid":"{HOSTID}"}}"#
        )
    };
    m.send_raw(change(2, "00FD").as_bytes()).await;
    m.recv().await;
    m.send_raw(change(5, "00FE").as_bytes()).await;
    m.recv().await;
    s.expect("the gap", |e| {
        n += 1;
        state.apply(e, n);
        matches!(e, Event::PacketGap { missed: 2, .. })
    })
    .await;
    s.expect("the upload after the gap", |e| {
        n += 1;
        state.apply(e, n);
        matches!(e, Event::Data { .. })
    })
    .await;
    let t = &state.targets[HOSTID];
    assert!(
        t.staleness(Table::Holding, 0)
            .is_some_and(|w| w.starts_with("possibly stale")),
        "not refreshed since the gap"
    );
    assert_eq!(
        t.staleness(Table::Holding, 24),
        None,
        "refreshed after the gap"
    );
    m.send_raw(reqdata(&coils, &regs, &tail).as_bytes()).await;
    m.recv().await;
    s.expect("the full upload", |e| {
        n += 1;
        state.apply(e, n);
        matches!(e, Event::Data { .. })
    })
    .await;
    assert_eq!(state.targets[HOSTID].staleness(Table::Holding, 0), None);
}
