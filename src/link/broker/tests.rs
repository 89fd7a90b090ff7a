use std::time::{Duration, Instant};

use super::*;
use crate::proto::remote::Registers;
use crate::proto::rtu::{Block, BlockValues, Request, RequestPdu, Table};

fn registers(host: &str, commands: bool) -> String {
    Registers {
        hostid: host.into(),
        name: "Site".into(),
        model: "HGM6120N".into(),
        time: "2026-12-01T10:00:00+00:00".into(),
        commands,
        bridge: "b1".into(),
        flags: Default::default(),
        blocks: vec![Block {
            slave: 1,
            table: Table::Holding,
            addr: 0,
            values: BlockValues::Registers(vec![230, 231]),
        }],
    }
    .to_json()
}

fn write(host: &str, uid: &str) -> Command {
    Command::Write {
        hostid: target_of(host),
        request: Request {
            slave: 1,
            pdu: RequestPdu::WriteSingleCoil {
                addr: 4,
                value: 0xFF00,
            },
        },
        uid: Some(uid.into()),
    }
}

/// A connected session that has seen modem H (commands allowed) come up.
fn session(now: Instant) -> BrokerSession {
    let mut s = BrokerSession::new("cmm", "mqtt://b:1883", "t1");
    s.connected();
    s.incoming("cmm/H/availability", b"online", now);
    s.incoming("cmm/H/registers", registers("H", true).as_bytes(), now);
    s.take_events();
    s
}

fn outcomes(s: &mut BrokerSession) -> Vec<(String, Outcome, String)> {
    s.take_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::CommandOutcome {
                uid,
                outcome,
                detail,
                ..
            } => Some((uid, outcome, detail)),
            _ => None,
        })
        .collect()
}

fn wire_uid(p: &Publish) -> String {
    let v: Value = serde_json::from_str(&p.payload).unwrap();
    v["uid"].as_str().unwrap().to_string()
}

#[test]
fn a_modem_comes_up_with_its_image_and_goes_down_with_its_availability() {
    let now = Instant::now();
    let mut s = BrokerSession::new("cmm", "mqtt://b:1883", "t1");
    s.connected();
    assert!(s.subscriptions().contains(&"cmm/+/registers".to_string()));
    // The image first (retained messages come in any order), then offline.
    s.incoming("cmm/H/registers", registers("H", false).as_bytes(), now);
    let ev = s.take_events();
    assert!(
        matches!(&ev[1], Event::Remote { target, commands: false, moduletype, .. }
        if target == "mqtt:H" && moduletype == "HGM6120N"),
        "{ev:?}"
    );
    assert!(
        matches!(&ev[2], Event::Data { hostid, kind: DataKind::Full, blocks, .. }
        if hostid == "mqtt:H" && blocks.len() == 1)
    );
    s.incoming("cmm/H/availability", b"offline", now);
    let ev = s.take_events();
    assert!(matches!(&ev[0], Event::LinkDown { reason, .. } if reason.contains("offline")));
    // While it is down, images are not applied; back online they are.
    s.incoming("cmm/H/registers", registers("H", false).as_bytes(), now);
    assert!(s.take_events().is_empty());
    s.incoming("cmm/H/availability", b"online", now);
    s.incoming("cmm/H/registers", registers("H", false).as_bytes(), now);
    let ev = s.take_events();
    assert!(matches!(&ev[0], Event::Remote { .. }) && matches!(&ev[1], Event::Data { .. }));
    // Its bridge's last will takes it down too.
    s.incoming("cmm/bridge/b1/availability", b"offline", now);
    let ev = s.take_events();
    assert!(matches!(&ev[0], Event::LinkDown { reason, .. } if reason.contains("bridge b1")));
    // Garbage is reported, not applied.
    s.incoming("cmm/bridge/b1/availability", b"online", now);
    s.take_events();
    s.incoming("cmm/H/registers", b"{nope", now);
    let ev = s.take_events();
    assert!(
        matches!(&ev[0], Event::ProtocolError { error, .. } if error.to_string().contains("cmm/H/registers"))
    );
}

#[test]
fn commands_go_one_at_a_time_with_wire_ids_of_our_own() {
    let now = Instant::now();
    let mut s = session(now);
    s.command(write("H", "c1"), now);
    s.command(write("H", "c2"), now);
    let p = s.take_publishes();
    assert_eq!(p.len(), 1, "the second waits for the first's outcome");
    assert_eq!(p[0].topic, "cmm/H/command");
    let v: Value = serde_json::from_str(&p[0].payload).unwrap();
    assert_eq!(v["cmd"], "write");
    assert_eq!(v["frame"], "01050004FF00CDFB");
    let wire = wire_uid(&p[0]);
    assert!(wire.starts_with("c1.t1"), "{wire}");
    let ev = s.take_events();
    assert!(matches!(&ev[0], Event::CommandSent { uid, .. } if uid == "c1"));

    // Another app's command with the same uid: not ours.
    s.incoming(
        "cmm/H/outcome",
        br#"{"event":"outcome","uid":"c1","outcome":"accepted","detail":""}"#,
        now,
    );
    assert!(outcomes(&mut s).is_empty());
    assert!(s.take_publishes().is_empty());
    // Ours: c1 ends, c2 goes.
    let text = format!(r#"{{"event":"outcome","uid":"{wire}","outcome":"accepted","detail":"1"}}"#);
    s.incoming("cmm/H/outcome", text.as_bytes(), now);
    assert_eq!(
        outcomes(&mut s),
        vec![("c1".into(), Outcome::Accepted, "1".into())]
    );
    let p = s.take_publishes();
    assert!(wire_uid(&p[0]).starts_with("c2."));
    // A refusal by the bridge is a rejection that says so.
    let text = format!(
        r#"{{"event":"outcome","uid":"{}","outcome":"refused","detail":"InhbitRemote"}}"#,
        wire_uid(&p[0])
    );
    s.incoming("cmm/H/outcome", text.as_bytes(), now);
    let o = outcomes(&mut s);
    assert_eq!(o[0].1, Outcome::Rejected);
    assert!(
        o[0].2.contains("refused by the bridge: InhbitRemote"),
        "{o:?}"
    );
}

#[test]
fn every_command_ends_once_timeout_loss_or_refusal() {
    let now = Instant::now();
    let mut s = session(now);
    s.command(write("H", "c1"), now);
    s.take_publishes();
    assert_eq!(s.poll_timeout(), Some(now + OUTCOME_TIMEOUT));
    s.handle_timeout(now + Duration::from_secs(1));
    assert!(outcomes(&mut s).is_empty());
    s.handle_timeout(now + OUTCOME_TIMEOUT);
    assert_eq!(outcomes(&mut s)[0].1, Outcome::Timeout);

    // Lost connection: in flight and queued both end as gone, the modem is down.
    s.command(write("H", "c2"), now);
    s.command(write("H", "c3"), now);
    assert_eq!(s.take_publishes().len(), 1);
    s.disconnected("connection refused");
    let ev = s.take_events();
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::BrokerState {
            connected: false,
            ..
        }
    )));
    assert!(ev.iter().any(|e| matches!(e, Event::LinkDown { reason, .. }
        if reason.contains("broker connection lost (connection refused)"))));
    let gone: Vec<&Event> = ev
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::CommandOutcome {
                    outcome: Outcome::Gone,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(gone.len(), 2, "{ev:?}");

    // Failed tries are said once until the reason changes.
    s.disconnected("connection refused");
    s.disconnected("connection refused");
    s.disconnected("timed out");
    let states = s
        .take_events()
        .into_iter()
        .filter(|e| matches!(e, Event::BrokerState { .. }))
        .count();
    assert_eq!(states, 1, "only the new reason");

    // Not connected, unknown, read-only: refused at once, nothing published.
    s.command(write("H", "c4"), now);
    s.connected();
    s.command(write("X", "c5"), now);
    s.incoming("cmm/R/registers", registers("R", false).as_bytes(), now);
    s.command(write("R", "c6"), now);
    let o = outcomes(&mut s);
    assert_eq!(o.len(), 3, "{o:?}");
    assert!(o[0].2.contains("not connected"), "{o:?}");
    assert!(o[1].2.contains("has not published"), "{o:?}");
    assert!(o[2].2.contains("--mqtt-commands"), "{o:?}");
    assert!(s.take_publishes().is_empty());

    // Detaching ends what is left and removes the targets.
    s.incoming("cmm/H/registers", registers("H", true).as_bytes(), now);
    s.command(write("H", "c7"), now);
    s.take_events();
    s.close();
    let ev = s.take_events();
    assert!(
        matches!(&ev[0], Event::CommandOutcome { uid, outcome: Outcome::Gone, .. } if uid == "c7")
    );
    assert_eq!(
        ev.iter()
            .filter(|e| matches!(e, Event::LinkClosed { .. }))
            .count(),
        2
    );
}
