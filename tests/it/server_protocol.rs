//! The mini-server against hand-written raw bytes over loopback TCP.

use crate::common;

use std::collections::BTreeMap;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use cmm_commissioner::link::{
    Command, DataKind, Event, OfflineReason, Outcome, ServerConfig, Terminator,
};
use cmm_commissioner::proto::downlink::{RETCODE_OK, RETCODE_REFUSED};
use cmm_commissioner::proto::poll_plan::HGM6120N_FIELD_PLAN;
use cmm_commissioner::proto::rtu::{BlockValues, Request, RequestPdu, Response, Table};
use cmm_commissioner::proto::{Block, Downlink, Uplink, WriteReply, hex};
use common::{HOSTID, RawModem, TestServer};

fn login_json(hostid: &str, password: &str) -> String {
    format!(
        r#"{{"method":"login","params":{{"hostid":"{hostid}","hostname":"north","password":"{password}","longitude":"1","latitude":"2","gpsen":1,"altitude":"3","moduletype":"HGM6120N","modulePort":2,"moduleBaud":0}}}}"#
    )
}

#[tokio::test]
async fn login_reply_carries_the_plan_rates_and_address() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(login_json(HOSTID, "x").as_bytes()).await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!("login reply expected")
    };
    assert!(r.register);
    assert_eq!(r.retcode, RETCODE_OK);
    assert_eq!(r.live_data, s.addr.to_string());
    assert_eq!(r.historic, s.addr.to_string());
    assert_eq!(r.para_command, HGM6120N_FIELD_PLAN);
    assert_eq!(
        (r.online_rate, r.offline_rate, r.data_mode),
        (3000, 30000, 0)
    );
    assert_eq!((r.module_port, r.module_baud), (Some(2), Some(0)));
    let secs: i64 = r.real_time.parse().expect("realTime is Unix seconds");
    assert!((secs - chrono::Utc::now().timestamp()).abs() < 60);
    let e = s
        .expect("login", |e| matches!(e, Event::Login { .. }))
        .await;
    let Event::Login {
        hostid,
        hostname,
        moduletype,
        accepted,
        ..
    } = e
    else {
        unreachable!()
    };
    assert_eq!(
        (
            hostid.as_str(),
            hostname.as_str(),
            moduletype.as_str(),
            accepted
        ),
        (HOSTID, "north", "HGM6120N", true)
    );
}

#[tokio::test]
async fn every_uplink_method_is_answered_on_the_long_connection() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    s.expect("online", |e| {
        matches!(
            e,
            Event::Online {
                replaced: false,
                ..
            }
        )
    })
    .await;

    m.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    assert_eq!(m.recv().await, Downlink::ok("HB"));
    s.expect("heartbeat", |e| matches!(e, Event::Heartbeat { .. }))
        .await;

    m.send(&Uplink::Timing {
        hostid: HOSTID.into(),
    })
    .await;
    let Downlink::TimingReply { millis } = m.recv().await else {
        panic!("timing reply")
    };
    assert!((millis - chrono::Utc::now().timestamp_millis()).abs() < 60_000);

    let coils = Response::read(1, Table::Coils, &BlockValues::Bits(vec![false; 78])).to_hex();
    let regs = Response::read(1, Table::Holding, &BlockValues::Registers(vec![230; 45])).to_hex();
    let tail = Response::read(1, Table::Holding, &BlockValues::Registers(vec![0; 10])).to_hex();
    m.send(&Uplink::ReqData {
        hostid: HOSTID.into(),
        frames: vec![coils, regs, tail],
    })
    .await;
    assert_eq!(m.recv().await, Downlink::ok("reqdata"));
    let e = s
        .expect("full data", |e| {
            matches!(
                e,
                Event::Data {
                    kind: DataKind::Full,
                    ..
                }
            )
        })
        .await;
    let Event::Data { blocks, .. } = e else {
        unreachable!()
    };
    assert_eq!(blocks.len(), 3);
    assert_eq!(blocks[2].addr, 46);

    m.send_raw(br#"{"method":"reqdatachange","params":{"packetnum":2,"03":[{"0000":"00EF"}],"01":[{"0000":"0805"}]},"hostid":"3130373031334717003D002E"}"#).await;
    // Real servers acknowledge reqdatachange with method reqdata.
    assert_eq!(m.recv().await, Downlink::ok("reqdata"));
    let e = s
        .expect("change data", |e| {
            matches!(
                e,
                Event::Data {
                    kind: DataKind::Change,
                    ..
                }
            )
        })
        .await;
    let Event::Data { blocks, .. } = e else {
        unreachable!()
    };
    assert!(blocks.contains(&Block {
        slave: 1,
        table: Table::Holding,
        addr: 0,
        values: BlockValues::Registers(vec![239])
    }));

    // writeConfig and reset go out and come back.
    s.command(Command::Write {
        hostid: HOSTID.into(),
        request: Request::from_hex("01050003FF007C3A").unwrap(),
        uid: None,
    })
    .await;
    let Downlink::WriteFrame { frame, uid } = m.recv().await else {
        panic!("writeConfig")
    };
    assert_eq!(frame, "01050003FF007C3A");
    m.send(&Uplink::WriteConfigReply {
        hostid: HOSTID.into(),
        uid: Some(uid.clone()),
        reply: WriteReply::Frame { frame, ok: true },
    })
    .await;
    let e = s
        .expect("outcome", |e| matches!(e, Event::CommandOutcome { .. }))
        .await;
    assert!(
        matches!(e, Event::CommandOutcome { outcome: Outcome::Accepted, uid: u, .. } if u == uid)
    );

    s.command(Command::Reset {
        hostid: HOSTID.into(),
        uid: Some("r1".into()),
    })
    .await;
    assert_eq!(m.recv().await, Downlink::Reset);
    m.send(&Uplink::ResetReply {
        hostid: HOSTID.into(),
    })
    .await;
    let e = s
        .expect("reset outcome", |e| {
            matches!(e, Event::CommandOutcome { .. })
        })
        .await;
    assert!(
        matches!(e, Event::CommandOutcome { outcome: Outcome::Accepted, uid, .. } if uid == "r1")
    );
}

#[tokio::test]
async fn rejected_writes_and_port_settings() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    s.command(Command::Write {
        hostid: HOSTID.into(),
        request: Request {
            slave: 1,
            pdu: RequestPdu::WriteSingleCoil {
                addr: 9,
                value: 0xFF00,
            },
        },
        uid: Some("w".into()),
    })
    .await;
    let Downlink::WriteFrame { frame, .. } = m.recv().await else {
        panic!()
    };
    // The reply carries no uid: it is matched by its frame.
    m.send(&Uplink::WriteConfigReply {
        hostid: HOSTID.into(),
        uid: None,
        reply: WriteReply::Frame { frame, ok: false },
    })
    .await;
    let e = s
        .expect("outcome", |e| matches!(e, Event::CommandOutcome { .. }))
        .await;
    assert!(
        matches!(e, Event::CommandOutcome { outcome: Outcome::Rejected, ref uid, .. } if uid == "w"),
        "{e:?}"
    );

    s.command(Command::SetPort {
        hostid: HOSTID.into(),
        module_port: 2,
        module_baud: 1,
        uid: Some("p".into()),
    })
    .await;
    let sent = m.recv_text().await;
    assert_eq!(
        sent,
        r#"{"method":"writeConfig","modulePort":2,"moduleBaud":1,"datatype":1,"uid":"p"}"#
    );
    m.send(&Uplink::WriteConfigReply {
        hostid: HOSTID.into(),
        uid: Some("p".into()),
        reply: WriteReply::Port {
            module_port: Some(2),
            module_baud: Some(1),
        },
    })
    .await;
    let e = s
        .expect("outcome", |e| matches!(e, Event::CommandOutcome { .. }))
        .await;
    assert!(
        matches!(
            e,
            Event::CommandOutcome {
                outcome: Outcome::Accepted,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn split_and_coalesced_reads_with_bare_and_crlf_framing() {
    let config = ServerConfig {
        terminator: Terminator::CrLf,
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let mut m = RawModem::connect(s.addr).await;
    // Byte by byte, CRLF between objects.
    let long = format!(
        "{}\r\n",
        Uplink::LongCon {
            hostid: HOSTID.into()
        }
        .to_json()
    );
    for b in long.as_bytes() {
        m.send_raw(&[*b]).await;
    }
    // Three messages in one write, bare and CRLF mixed.
    let hb = Uplink::Heartbeat {
        hostid: HOSTID.into(),
    }
    .to_json();
    let t = Uplink::Timing {
        hostid: HOSTID.into(),
    }
    .to_json();
    m.send_raw(format!("{hb}{hb}\r\n{t}\n").as_bytes()).await;
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    use tokio::io::AsyncReadExt;
    while raw.windows(2).filter(|w| w == b"\r\n").count() < 4 {
        let n = tokio::time::timeout(common::GUARD, m.stream.read(&mut buf))
            .await
            .unwrap()
            .unwrap();
        assert!(n > 0);
        raw.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8(raw).unwrap();
    let parts: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        parts[0],
        r#"{"method":"LongCon","message":"OK","retcode":"000000"}"#
    );
    assert_eq!(
        parts[1],
        r#"{"method":"HB","message":"OK","retcode":"000000"}"#
    );
    assert_eq!(parts[2], parts[1]);
    assert!(
        parts[3].starts_with(r#"{"method":"timing","message":"ok","retcode":"000000","result":""#)
    );
    s.expect("two heartbeats", |e| matches!(e, Event::Heartbeat { .. }))
        .await;
    s.expect("two heartbeats", |e| matches!(e, Event::Heartbeat { .. }))
        .await;
    assert!(
        !s.seen
            .iter()
            .any(|e| matches!(e, Event::ProtocolError { .. })),
        "{:?}",
        s.seen
    );
}

#[tokio::test]
async fn vendor_misspellings_and_trailing_commas_are_accepted() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(b"{\n  \"method\": \"login\",\n  \"params\":\n  {\n    \"hosted\": \"AAAAA\",\n    \"hostname\": \"Smatgen\",\n    \"password\": \"980318\",\n    \"gsen\": 0,\n    \"moduletype\": \"HGM6120\",\n  }\n}").await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!()
    };
    assert!(r.register);
    let e = s
        .expect("login", |e| matches!(e, Event::Login { .. }))
        .await;
    assert!(matches!(e, Event::Login { ref hostid, .. } if hostid == "AAAAA"));
    let mut l = RawModem::connect(s.addr).await;
    l.send_raw(br#"{"Method": "LongCon", "HostId": "AAAAA",}"#)
        .await;
    assert_eq!(l.recv().await, Downlink::ok("LongCon"));
    s.expect(
        "online",
        |e| matches!(e, Event::Online { hostid, .. } if hostid == "AAAAA"),
    )
    .await;
}

#[tokio::test]
async fn a_bad_crc_in_reqdata_is_reported_and_the_good_frames_still_apply() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    let coils = Response::read(1, Table::Coils, &BlockValues::Bits(vec![true; 78])).to_hex();
    let mut bad =
        Response::read(1, Table::Holding, &BlockValues::Registers(vec![230; 45])).encode();
    let n = bad.len();
    bad[n - 2] ^= 0x55;
    let bad = hex::encode(&bad);
    let tail = Response::read(1, Table::Holding, &BlockValues::Registers(vec![9; 10])).to_hex();
    m.send(&Uplink::ReqData {
        hostid: HOSTID.into(),
        frames: vec![coils, bad.clone(), tail],
    })
    .await;
    assert_eq!(m.recv().await, Downlink::ok("reqdata"));
    let e = s
        .expect("protocol error", |e| {
            matches!(e, Event::ProtocolError { .. })
        })
        .await;
    let Event::ProtocolError {
        error,
        bytes,
        hostid,
        ..
    } = e
    else {
        unreachable!()
    };
    assert!(
        error.to_string().contains("CRC") && error.to_string().contains("frame 2"),
        "{error}"
    );
    assert_eq!(bytes, bad);
    assert_eq!(hostid.as_deref(), Some(HOSTID));
    let e = s.expect("data", |e| matches!(e, Event::Data { .. })).await;
    let Event::Data { blocks, .. } = e else {
        unreachable!()
    };
    assert_eq!(blocks.len(), 2);
    assert_eq!((blocks[0].table, blocks[1].addr), (Table::Coils, 46));
}

#[tokio::test]
async fn garbage_malformed_json_unknown_methods_and_oversized_messages() {
    let config = ServerConfig {
        max_message: 1024,
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    let hb = Uplink::Heartbeat {
        hostid: HOSTID.into(),
    }
    .to_json();

    m.send_raw(format!("\x00\x07GET / HTTP/1.1\r\n{hb}").as_bytes())
        .await;
    let e = s
        .expect("garbage", |e| matches!(e, Event::ProtocolError { .. }))
        .await;
    assert!(
        matches!(e, Event::ProtocolError { ref error, ref bytes, .. } if error.to_string().contains("garbage") && bytes.starts_with("0007474554")),
        "{e:?}"
    );
    assert_eq!(m.recv().await, Downlink::ok("HB"));

    let big = format!(
        r#"{{"method":"reqdata","hostid":"{HOSTID}","params":"{}"}}"#,
        "0".repeat(5000)
    );
    m.send_raw(format!("{big}{hb}").as_bytes()).await;
    let e = s
        .expect("oversized", |e| matches!(e, Event::ProtocolError { .. }))
        .await;
    assert!(
        matches!(e, Event::ProtocolError { ref error, .. } if error.to_string().contains("exceeds")),
        "{e:?}"
    );
    assert_eq!(
        m.recv().await,
        Downlink::ok("HB"),
        "the stream goes on after an oversized message"
    );

    m.send_raw(format!(r#"{{"method":"selfdestruct","hostid":"{HOSTID}"}}"#).as_bytes())
        .await;
    let reply = m.recv().await;
    assert_eq!(
        reply,
        Downlink::ok("selfdestruct"),
        "acknowledged as the field servers do"
    );
    let e = s
        .expect("unknown method", |e| {
            matches!(e, Event::ProtocolError { .. })
        })
        .await;
    assert!(
        matches!(e, Event::ProtocolError { ref error, .. } if error.to_string().contains("unknown method"))
    );

    m.send_raw(
        format!(r#"{{"method":"reqdatachange","hostid":"{HOSTID}","params":42}}"#).as_bytes(),
    )
    .await;
    let reply = m.recv().await;
    assert_eq!(
        reply,
        Downlink::ok("reqdata"),
        "the plain ack of its own kind"
    );
    let e = s
        .expect("wrong type", |e| matches!(e, Event::ProtocolError { .. }))
        .await;
    assert!(
        matches!(e, Event::ProtocolError { ref error, .. } if error.to_string().contains("params")),
        "{e:?}"
    );

    m.send_raw(br#"{"method":"HB","hostid":}"#).await;
    let e = s
        .expect("malformed", |e| matches!(e, Event::ProtocolError { .. }))
        .await;
    assert!(
        matches!(e, Event::ProtocolError { ref error, .. } if error.to_string().contains("malformed JSON"))
    );
    m.send_raw(hb.as_bytes()).await;
    assert_eq!(
        m.recv().await,
        Downlink::ok("HB"),
        "the connection survives all of it"
    );
}

#[tokio::test]
async fn a_modem_that_drops_with_a_write_pending_ends_in_gone() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    s.command(Command::Write {
        hostid: HOSTID.into(),
        request: Request::from_hex("01050000FF008C3A").unwrap(),
        uid: Some("start".into()),
    })
    .await;
    assert!(matches!(m.recv().await, Downlink::WriteFrame { .. }));
    drop(m);
    let e = s
        .expect("outcome", |e| matches!(e, Event::CommandOutcome { .. }))
        .await;
    assert!(
        matches!(e, Event::CommandOutcome { outcome: Outcome::Gone, ref uid, .. } if uid == "start"),
        "{e:?}"
    );
    s.expect("offline", |e| {
        matches!(
            e,
            Event::Offline {
                reason: OfflineReason::Disconnected,
                ..
            }
        )
    })
    .await;
    // A command to a modem no longer online is an error event, not a crash.
    s.command(Command::Reset {
        hostid: HOSTID.into(),
        uid: Some("late".into()),
    })
    .await;
    let e = s
        .expect("error", |e| matches!(e, Event::Error { .. }))
        .await;
    assert!(matches!(e, Event::Error { ref uid, .. } if uid.as_deref() == Some("late")));
}

/// Paused time: the clock jumps to each deadline once everything waits, so a 10 s command
/// timeout and 3 x 4 s of silence pass at once, and exactly. (The default timeout is the
/// field relay's 30 s.)
#[tokio::test(start_paused = true)]
async fn unanswered_commands_time_out_and_silent_modems_go_offline() {
    assert_eq!(
        ServerConfig::default().command_timeout,
        Duration::from_secs(30)
    );
    let config = ServerConfig {
        heartbeat: Duration::from_secs(4),
        command_timeout: Duration::from_secs(10),
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let mut m = RawModem::long_con(s.addr, HOSTID).await;
    let t0 = tokio::time::Instant::now();
    s.command(Command::Reset {
        hostid: HOSTID.into(),
        uid: Some("r".into()),
    })
    .await;
    assert_eq!(m.recv().await, Downlink::Reset);
    let e = s
        .expect("timeout", |e| matches!(e, Event::CommandOutcome { .. }))
        .await;
    let waited = t0.elapsed();
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(11),
        "{waited:?}"
    );
    assert!(
        matches!(
            e,
            Event::CommandOutcome {
                outcome: Outcome::Timeout,
                ..
            }
        ),
        "{e:?}"
    );
    s.expect("offline", |e| {
        matches!(
            e,
            Event::Offline {
                reason: OfflineReason::Timeout,
                ..
            }
        )
    })
    .await;
    let silent = t0.elapsed();
    assert!(
        silent >= Duration::from_secs(12) && silent < Duration::from_secs(13),
        "three 4 s heartbeat intervals: {silent:?}"
    );
    m.expect_closed().await;
}

#[tokio::test]
async fn a_duplicate_hostid_replaces_the_old_connection() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut old = RawModem::long_con(s.addr, HOSTID).await;
    s.expect("online", |e| {
        matches!(
            e,
            Event::Online {
                replaced: false,
                ..
            }
        )
    })
    .await;
    let mut new = RawModem::long_con(s.addr, HOSTID).await;
    s.expect("replaced", |e| {
        matches!(e, Event::Online { replaced: true, .. })
    })
    .await;
    old.expect_closed().await;
    new.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    assert_eq!(new.recv().await, Downlink::ok("HB"));
    // Commands now reach the new connection.
    s.command(Command::Reset {
        hostid: HOSTID.into(),
        uid: None,
    })
    .await;
    assert_eq!(new.recv().await, Downlink::Reset);
    assert!(
        !s.seen.iter().any(|e| matches!(e, Event::Offline { .. })),
        "the modem never went offline"
    );
}

#[tokio::test]
async fn refused_logins_and_connections_from_unknown_modems() {
    let mut allow = BTreeMap::new();
    allow.insert(HOSTID.to_string(), "secret".to_string());
    let mut s = TestServer::start(ServerConfig {
        allow: Some(allow),
        ..Default::default()
    })
    .await;

    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(login_json(HOSTID, "wrong").as_bytes()).await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!()
    };
    assert!(!r.register);
    assert_eq!(r.retcode, RETCODE_REFUSED);
    let e = s
        .expect("login", |e| matches!(e, Event::Login { .. }))
        .await;
    assert!(
        matches!(e, Event::Login { accepted: false, reason: Some(ref why), .. } if why.contains("password"))
    );

    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(login_json("FFFFFFFFFFFFFFFFFFFFFFFF", "secret").as_bytes())
        .await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!()
    };
    assert!(!r.register);

    let mut m = RawModem::connect(s.addr).await;
    m.send_raw(login_json(HOSTID, "secret").as_bytes()).await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!()
    };
    assert!(r.register);

    let mut stranger = RawModem::connect(s.addr).await;
    stranger
        .send(&Uplink::LongCon {
            hostid: "FFFFFFFFFFFFFFFFFFFFFFFF".into(),
        })
        .await;
    let reply = stranger.recv().await;
    assert!(matches!(reply, Downlink::Ack { ref retcode, .. } if retcode == RETCODE_REFUSED));
    stranger.expect_closed().await;
}

#[tokio::test]
async fn one_bad_modem_does_not_disturb_another() {
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut good = RawModem::long_con(s.addr, HOSTID).await;
    let mut bad = RawModem::long_con(s.addr, "BADBADBADBADBADBADBADBAD").await;
    for _ in 0..50 {
        bad.send_raw(b"}}}{{{\x00\xff not json at all ").await;
        good.send(&Uplink::Heartbeat {
            hostid: HOSTID.into(),
        })
        .await;
        assert_eq!(good.recv().await, Downlink::ok("HB"));
    }
    drop(bad);
    good.send(&Uplink::Timing {
        hostid: HOSTID.into(),
    })
    .await;
    assert!(matches!(good.recv().await, Downlink::TimingReply { .. }));
    s.expect(
        "bad offline",
        |e| matches!(e, Event::Offline { hostid, .. } if hostid.starts_with("BAD")),
    )
    .await;
}

#[tokio::test]
async fn connection_limit_refuses_the_extra_connection() {
    let mut s = TestServer::start(ServerConfig {
        max_connections: 1,
        ..Default::default()
    })
    .await;
    let _first = RawModem::long_con(s.addr, HOSTID).await;
    let mut second = RawModem::connect(s.addr).await;
    second.expect_closed().await;
    let e = s
        .expect("error", |e| matches!(e, Event::Error { .. }))
        .await;
    assert!(matches!(e, Event::Error { ref message, .. } if message.contains("connection limit")));
}

#[tokio::test]
async fn a_peer_that_trickles_bytes_or_never_ends_its_message_is_closed() {
    let mut s = TestServer::start(ServerConfig {
        idle_timeout: Duration::from_secs(1),
        ..Default::default()
    })
    .await;
    let mut good = RawModem::long_con(s.addr, HOSTID).await;
    // One byte every 200 ms: never silent for a second, never a whole message.
    let mut slow = RawModem::connect(s.addr).await;
    let addr = s.addr;
    let trickle = tokio::spawn(async move {
        let text = br#"{"method":"LongCon","hostid":"SLOWSLOWSLOWSLOWSLOWSLOW"}"#;
        for b in text.iter().cycle() {
            if slow.stream.write_all(&[*b]).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            if slow.stream.peer_addr().is_err() {
                return true;
            }
        }
        false
    });
    // A message that never ends (under the size limit, so only time ends it).
    let mut endless = RawModem::connect(addr).await;
    endless.send_raw(br#"{"method":"LongCon","hostid":"#).await;
    let endless_task = tokio::spawn(async move {
        for _ in 0..40 {
            if endless.stream.write_all(b"AAAA").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        endless.expect_closed().await;
    });
    for _ in 0..10 {
        good.send(&Uplink::Heartbeat {
            hostid: HOSTID.into(),
        })
        .await;
        assert_eq!(good.recv().await, Downlink::ok("HB"));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let e = s
        .expect("the trickle said", |e| {
            matches!(e, Event::ProtocolError { error, .. } if error.to_string().contains("not identified within 1 s"))
        })
        .await;
    assert!(matches!(e, Event::ProtocolError { ref peer, .. } if peer.starts_with("127.0.0.1")));
    tokio::time::timeout(Duration::from_secs(10), endless_task)
        .await
        .expect("the endless message was not closed")
        .unwrap();
    trickle.abort();
    // The good modem never noticed.
    good.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    assert_eq!(good.recv().await, Downlink::ok("HB"));
    assert!(!s.seen.iter().any(|e| matches!(e, Event::Offline { .. })));
}

/// A refused login and its reply, from `local`.
async fn login_from(addr: std::net::SocketAddr, local: &str, hostid: &str, password: &str) -> bool {
    let mut m = RawModem::connect_from(addr, local).await;
    m.send_raw(login_json(hostid, password).as_bytes()).await;
    let Downlink::LoginReply(r) = m.recv().await else {
        panic!("no login reply")
    };
    r.register
}

#[tokio::test]
async fn a_flood_of_wrong_passwords_is_cut_off_per_address_and_said_once() {
    let mut allow = BTreeMap::new();
    allow.insert(HOSTID.to_string(), "secret".to_string());
    let mut s = TestServer::start(ServerConfig {
        allow: Some(allow),
        ..Default::default()
    })
    .await;
    for _ in 0..30 {
        assert!(!login_from(s.addr, "127.0.0.3", HOSTID, "guess").await);
    }
    // Even the right password is refused from there for now; another address gets in.
    assert!(!login_from(s.addr, "127.0.0.3", HOSTID, "secret").await);
    assert!(login_from(s.addr, "127.0.0.4", HOSTID, "secret").await);
    s.expect("the good login", |e| {
        matches!(e, Event::Login { accepted: true, .. })
    })
    .await;
    let refused: Vec<String> = s
        .seen
        .iter()
        .filter_map(|e| match e {
            Event::Login {
                accepted: false,
                reason,
                ..
            } => reason.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(
        refused.len(),
        6,
        "five checked, one cut-off said: {refused:#?}"
    );
    assert!(
        refused[..4].iter().all(|r| r == "wrong password"),
        "{refused:#?}"
    );
    assert!(
        refused[4].contains("5 refused logins from 127.0.0.3"),
        "{refused:#?}"
    );
    assert!(
        refused[5].contains("too many refused logins from 127.0.0.3"),
        "{refused:#?}"
    );
}

#[tokio::test]
async fn a_hostid_claimed_from_another_address_is_said_and_refused_with_an_allow_list() {
    // Without an allow-list: the new connection takes over, and the log names both addresses.
    let mut s = TestServer::start(ServerConfig::default()).await;
    let mut first = RawModem::long_con_from(s.addr, "127.0.0.5", HOSTID).await;
    let _second = RawModem::long_con_from(s.addr, "127.0.0.6", HOSTID).await;
    let e = s
        .expect("the warning", |e| matches!(e, Event::ProtocolError { .. }))
        .await;
    let Event::ProtocolError { error, .. } = e else {
        unreachable!()
    };
    assert!(
        error.to_string().contains("online from 127.0.0.5")
            && error.to_string().contains("claimed from 127.0.0.6"),
        "{error}"
    );
    first.expect_closed().await;

    // With one: a claim from another address without a login there is refused, the live
    // connection stays; after a login with the password from there, it takes over.
    let mut allow = BTreeMap::new();
    allow.insert(HOSTID.to_string(), "secret".to_string());
    let mut s = TestServer::start(ServerConfig {
        allow: Some(allow),
        ..Default::default()
    })
    .await;
    assert!(login_from(s.addr, "127.0.0.5", HOSTID, "secret").await);
    let mut live = RawModem::long_con_from(s.addr, "127.0.0.5", HOSTID).await;
    let mut claim = RawModem::connect_from(s.addr, "127.0.0.6").await;
    claim
        .send(&Uplink::LongCon {
            hostid: HOSTID.into(),
        })
        .await;
    let reply = claim.recv().await;
    assert!(
        matches!(reply, Downlink::Ack { ref retcode, .. } if retcode == RETCODE_REFUSED),
        "{reply:?}"
    );
    claim.expect_closed().await;
    let e = s
        .expect("the refusal", |e| matches!(e, Event::ProtocolError { .. }))
        .await;
    let Event::ProtocolError { error, .. } = e else {
        unreachable!()
    };
    assert!(
        error.to_string().contains("online from 127.0.0.5")
            && error.to_string().contains("127.0.0.6")
            && error.to_string().contains("refused"),
        "{error}"
    );
    live.send(&Uplink::Heartbeat {
        hostid: HOSTID.into(),
    })
    .await;
    assert_eq!(live.recv().await, Downlink::ok("HB"));
    // The modem moved (a new address from the carrier): it logs in from there first.
    assert!(login_from(s.addr, "127.0.0.6", HOSTID, "secret").await);
    let _moved = RawModem::long_con_from(s.addr, "127.0.0.6", HOSTID).await;
    s.expect("taken over", |e| {
        matches!(e, Event::Online { replaced: true, .. })
    })
    .await;
    live.expect_closed().await;
}
