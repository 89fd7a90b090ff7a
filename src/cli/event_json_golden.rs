//! Every event's JSON line, pinned: users' scripts read these shapes (docs/cmmctl.md, "Events
//! (stdout)"), so a change in how the lines are made must not change one byte of them.

use std::time::Duration;

use super::event_json;
use crate::model::serial::{LinkStats, SerialError};
use crate::model::{
    DataKind, Direction, Event, NoticeKind, OfflineReason, Outcome, ProtocolError, SessionInfo,
};
use crate::proto::Table;
use crate::proto::uplink::InputFlags;

const H: &str = "3130373031334717003D002E";

/// One event of each kind (two where a field changes the shape), with its line.
fn cases() -> Vec<(Event, Option<&'static str>)> {
    let peer = "10.0.0.7:40100".parse().unwrap();
    let mut stats = LinkStats::default();
    stats.requests = 10;
    stats.response(Duration::from_millis(12));
    stats.response(Duration::from_millis(30));
    stats.timeouts = 1;
    vec![
        (
            Event::Listening {
                addr: "0.0.0.0:21318".parse().unwrap(),
                advertise: "192.168.1.20:21318".into(),
            },
            Some(
                r#"{"event":"listening","addr":"0.0.0.0:21318","advertise":"192.168.1.20:21318"}"#,
            ),
        ),
        (
            Event::Login {
                hostid: H.into(),
                hostname: "GENSET 1".into(),
                moduletype: "HGM6120N-4G".into(),
                peer,
                accepted: true,
                reason: None,
                module_port: Some(2),
                module_baud: None,
            },
            Some(
                r#"{"event":"login","hostid":"3130373031334717003D002E","hostname":"GENSET 1","moduletype":"HGM6120N-4G","peer":"10.0.0.7:40100","accepted":true,"reason":null,"modulePort":2,"moduleBaud":null}"#,
            ),
        ),
        (
            Event::Online {
                hostid: H.into(),
                peer,
                replaced: true,
            },
            Some(
                r#"{"event":"online","hostid":"3130373031334717003D002E","peer":"10.0.0.7:40100","replaced":true}"#,
            ),
        ),
        (
            Event::Offline {
                hostid: H.into(),
                reason: OfflineReason::Timeout,
            },
            Some(r#"{"event":"offline","hostid":"3130373031334717003D002E","reason":"timeout"}"#),
        ),
        (
            Event::Heartbeat { hostid: H.into() },
            Some(r#"{"event":"heartbeat","hostid":"3130373031334717003D002E"}"#),
        ),
        (
            Event::Timing { hostid: H.into() },
            Some(r#"{"event":"timing","hostid":"3130373031334717003D002E"}"#),
        ),
        (
            Event::Data {
                hostid: H.into(),
                kind: DataKind::Change,
                blocks: Vec::new(),
                flags: InputFlags::default(),
            },
            None,
        ),
        (
            Event::Data {
                hostid: H.into(),
                kind: DataKind::Change,
                blocks: Vec::new(),
                flags: InputFlags {
                    access_alarm: Some(true),
                    inhibit_remote: Some(false),
                    ..Default::default()
                },
            },
            Some(
                r#"{"event":"inputs","hostid":"3130373031334717003D002E","AccessAlarm":1,"FireAlarm":null,"AlarmInput":null,"InhbitRemote":0}"#,
            ),
        ),
        (
            Event::CommandSent {
                hostid: H.into(),
                uid: "7".into(),
                method: "writeConfig",
                frame: Some("01050004FF00CDFB".into()),
                decoded: "slave 1 write coil 4 = FF00".into(),
            },
            Some(
                r#"{"event":"command","hostid":"3130373031334717003D002E","uid":"7","method":"writeConfig","frame":"01050004FF00CDFB","decoded":"slave 1 write coil 4 = FF00"}"#,
            ),
        ),
        (
            Event::CommandOutcome {
                hostid: H.into(),
                uid: "7".into(),
                outcome: Outcome::Rejected,
                detail: "01050004FF00CDFB,0".into(),
            },
            Some(
                r#"{"event":"outcome","hostid":"3130373031334717003D002E","uid":"7","outcome":"rejected","detail":"01050004FF00CDFB,0"}"#,
            ),
        ),
        (
            Event::ProtocolError {
                hostid: None,
                peer: "10.0.0.7:40100".into(),
                error: ProtocolError::UnknownMethod {
                    method: "gpsReport".into(),
                    text: r#"{"method":"gpsReport"}"#.into(),
                },
                bytes: "7B7D".into(),
            },
            Some(
                r#"{"event":"protocol_error","hostid":null,"peer":"10.0.0.7:40100","error":"unknown method `gpsReport` acknowledged (reported once): {\"method\":\"gpsReport\"}","bytes":"7B7D"}"#,
            ),
        ),
        (
            Event::ProtocolError {
                hostid: Some(H.into()),
                peer: "10.0.0.7:40100".into(),
                error: ProtocolError::Bad("malformed JSON".into()),
                bytes: String::new(),
            },
            Some(
                r#"{"event":"protocol_error","hostid":"3130373031334717003D002E","peer":"10.0.0.7:40100","error":"malformed JSON","bytes":""}"#,
            ),
        ),
        (
            Event::Traffic {
                hostid: Some(H.into()),
                peer,
                direction: Direction::Out,
                text: "{}".into(),
            },
            Some(
                r#"{"event":"traffic","hostid":"3130373031334717003D002E","peer":"10.0.0.7:40100","direction":"out","text":"{}"}"#,
            ),
        ),
        (
            Event::Sessions {
                sessions: vec![SessionInfo {
                    hostid: H.into(),
                    hostname: "GENSET 1".into(),
                    moduletype: "HGM6120N-4G".into(),
                    online: true,
                    peer: Some(peer),
                }],
            },
            Some(
                r#"{"event":"sessions","sessions":[{"hostid":"3130373031334717003D002E","hostname":"GENSET 1","moduletype":"HGM6120N-4G","online":true,"peer":"10.0.0.7:40100"}]}"#,
            ),
        ),
        (
            Event::Error {
                hostid: Some(H.into()),
                uid: Some("5".into()),
                message: "no modem is online".into(),
            },
            Some(
                r#"{"event":"error","hostid":"3130373031334717003D002E","uid":"5","message":"no modem is online"}"#,
            ),
        ),
        (
            Event::Notice {
                hostid: None,
                kind: NoticeKind::Marker,
                message: "load bank connected".into(),
            },
            Some(r#"{"event":"marker","hostid":null,"message":"load bank connected"}"#),
        ),
        (
            Event::Stale {
                hostid: H.into(),
                table: Table::Holding,
                addr: 34,
                qty: 2,
                reason: "exception 2".into(),
            },
            Some(
                r#"{"event":"stale","hostid":"3130373031334717003D002E","table":"holding","addr":34,"qty":2,"reason":"exception 2"}"#,
            ),
        ),
        (
            Event::PacketGap {
                hostid: H.into(),
                missed: 3,
            },
            Some(r#"{"event":"packet_gap","hostid":"3130373031334717003D002E","missed":3}"#),
        ),
        (
            Event::LinkUp {
                target: "serial:/dev/ttyUSB0:1".into(),
                port: "/dev/ttyUSB0".into(),
                settings: "9600 8N1, slave 1".into(),
            },
            Some(
                r#"{"event":"online","hostid":"serial:/dev/ttyUSB0:1","peer":"/dev/ttyUSB0","settings":"9600 8N1, slave 1","replaced":false}"#,
            ),
        ),
        (
            Event::Remote {
                target: "mqtt:H1".into(),
                broker: "mqtt://broker.lan:1883".into(),
                hostname: "GENSET 2".into(),
                moduletype: "HGM6120N".into(),
                commands: false,
            },
            Some(
                r#"{"event":"remote","hostid":"mqtt:H1","broker":"mqtt://broker.lan:1883","hostname":"GENSET 2","moduletype":"HGM6120N","commands":false}"#,
            ),
        ),
        (
            Event::BrokerState {
                broker: "mqtt://broker.lan:1883".into(),
                connected: false,
                detail: "connection refused".into(),
            },
            Some(
                r#"{"event":"broker","broker":"mqtt://broker.lan:1883","state":"disconnected","detail":"connection refused"}"#,
            ),
        ),
        (
            Event::LinkDown {
                target: "serial:/dev/ttyUSB0:1".into(),
                reason: "unplugged".into(),
            },
            Some(
                r#"{"event":"offline","hostid":"serial:/dev/ttyUSB0:1","reason":"port_gone","detail":"unplugged"}"#,
            ),
        ),
        (
            Event::Stats {
                target: "serial:/dev/ttyUSB0:1".into(),
                stats,
                line: None,
            },
            Some(
                r#"{"event":"stats","hostid":"serial:/dev/ttyUSB0:1","requests":10,"responses":2,"timeouts":1,"crc_errors":0,"exceptions":0,"last_ms":30.0,"avg_ms":21.0,"worst_ms":30.0}"#,
            ),
        ),
        (
            // A slave on a line with others: the line's figures beside its own.
            Event::Stats {
                target: "serial:/dev/ttyUSB0:2".into(),
                stats: Default::default(),
                line: Some(stats),
            },
            Some(
                r#"{"event":"stats","hostid":"serial:/dev/ttyUSB0:2","requests":0,"responses":0,"timeouts":0,"crc_errors":0,"exceptions":0,"last_ms":null,"avg_ms":null,"worst_ms":null,"line":{"requests":10,"responses":2,"timeouts":1,"crc_errors":0,"exceptions":0,"last_ms":30.0,"avg_ms":21.0,"worst_ms":30.0}}"#,
            ),
        ),
        (
            Event::ScanProgress {
                done: 3,
                total: 128,
                baud: 9600,
                slave: 3,
            },
            Some(r#"{"event":"scan_progress","done":3,"total":128,"baud":9600,"slave":3}"#),
        ),
        (
            Event::ScanFound {
                port: "/dev/ttyUSB0".into(),
                baud: 9600,
                slave: 1,
            },
            Some(r#"{"event":"scan_found","port":"/dev/ttyUSB0","baud":9600,"slave":1}"#),
        ),
        (
            Event::ScanDone {
                found: vec![(9600, 1)],
                cancelled: false,
                error: Some(SerialError::List("no permission".into())),
            },
            Some(
                r#"{"event":"scan_done","found":[{"baud":9600,"slave":1}],"cancelled":false,"error":"cannot list the serial ports: no permission"}"#,
            ),
        ),
        (
            Event::SerialTraffic {
                target: "serial:/dev/ttyUSB0:1".into(),
                port: "/dev/ttyUSB0".into(),
                request: "010300000001840A".into(),
                reply: String::new(),
            },
            Some(
                r#"{"event":"serial_traffic","hostid":"serial:/dev/ttyUSB0:1","port":"/dev/ttyUSB0","request":"010300000001840A","reply":""}"#,
            ),
        ),
        (
            Event::LinkClosed {
                target: "serial:/dev/ttyUSB0:1".into(),
            },
            Some(r#"{"event":"closed","hostid":"serial:/dev/ttyUSB0:1"}"#),
        ),
    ]
}

#[test]
fn every_events_line_is_as_documented() {
    for (event, line) in cases() {
        let got = event_json(&event).map(|v| v.to_string());
        assert_eq!(got.as_deref(), line, "{event:?}");
    }
}
