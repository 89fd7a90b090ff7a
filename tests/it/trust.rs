//! What the engineer sees is the genset as it is now, and a command does what its dialog
//! says: the core's side, through its commands, with modems on loopback.

use std::net::SocketAddr;

use cmm_commissioner::app::Command;
use cmm_commissioner::link::ServerConfig;
use cmm_commissioner::proto::{Downlink, Uplink, WriteReply};

use crate::common::RawModem;
use crate::common::core::TestCore;

fn loopback() -> ServerConfig {
    ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        online_rate: 200,
        ..Default::default()
    }
}

/// A modem that logs in with or without its port setting, then opens its long connection.
async fn modem(addr: SocketAddr, hostid: &str, port: Option<(u8, u8)>) -> RawModem {
    let setting = port.map_or(String::new(), |(p, b)| {
        format!(r#","modulePort":{p},"moduleBaud":{b}"#)
    });
    let mut m = RawModem::connect(addr).await;
    m.send_raw(
        format!(
            r#"{{"method":"login","params":{{"hostid":"{hostid}","hostname":"north","password":"","moduletype":"HGM6120N"{setting}}}}}"#
        )
        .as_bytes(),
    )
    .await;
    let Downlink::LoginReply(_) = m.recv().await else {
        panic!("no login reply")
    };
    RawModem::long_con(addr, hostid).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_port_keeps_the_current_port_and_refuses_when_it_is_unknown() {
    let t = TestCore::start(Some(loopback()), |_| {}).await;
    let addr = t.listening().await;
    let mut known = modem(addr, "KNOWN-PORT", Some((2, 0))).await;
    let _unknown = modem(addr, "UNKNOWN-PORT", None).await;
    t.until("both online, the port of one known", |s| {
        s.online_count() == 2
            && s.targets
                .get("KNOWN-PORT")
                .map(|t| (t.module_port, t.module_baud))
                == Some((Some(2), Some(0)))
    })
    .await;

    // Only the baud: the port stays RS485.
    t.send(Command::SetPort {
        target: "KNOWN-PORT".into(),
        module_port: None,
        module_baud: Some(1),
        uid: Some("baud".into()),
    });
    let Downlink::WritePort {
        module_port,
        module_baud,
        uid,
    } = known.recv().await
    else {
        panic!("not a port command")
    };
    assert_eq!((module_port, module_baud), (2, 1));
    known
        .send(&Uplink::WriteConfigReply {
            hostid: "KNOWN-PORT".into(),
            uid: Some(uid),
            reply: WriteReply::Port {
                module_port: Some(2),
                module_baud: Some(1),
            },
        })
        .await;
    t.until("accepted, and the modem's setting now 19200", |s| {
        s.commands
            .iter()
            .any(|c| c.uid == "baud" && c.outcome.is_some())
            && s.targets["KNOWN-PORT"].module_baud == Some(1)
    })
    .await;
    let state = t.core.state();
    let c = state.commands.iter().find(|c| c.uid == "baud").unwrap();
    assert!(
        c.decoded.contains("RS485, 19200 baud"),
        "the log names the setting: {}",
        c.decoded
    );
    assert_eq!(
        c.name.as_deref(),
        Some("Modem port: RS485, 9600 baud -> RS485, 19200 baud")
    );
    drop(state);

    // Unknown: refused with the reason, nothing sent.
    let sent = t.core.state().commands.len();
    t.send(Command::SetPort {
        target: "UNKNOWN-PORT".into(),
        module_port: None,
        module_baud: Some(1),
        uid: Some("guess".into()),
    });
    t.until("the refusal", |s| {
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains("UNKNOWN-PORT") && e.contains("current port is not known"))
    })
    .await;
    assert_eq!(t.core.state().commands.len(), sent);
}

/// The modem's port setting is kept across a restart of the app (the registry of modems read
/// from the last recording): a modem that comes back with only its long connection still has
/// a known setting for the form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_modems_port_setting_is_kept_across_restarts() {
    let dir = crate::common::TempDir::new("trust-registry");
    let first = dir.join("first.cmmrec");
    let mut t = TestCore::start(Some(loopback()), |c| c.record = Some(first.clone())).await;
    let addr = t.listening().await;
    let _m = modem(addr, "PORT-KEPT", Some((2, 1))).await;
    t.until("its setting", |s| {
        s.targets.get("PORT-KEPT").map(|t| t.module_port) == Some(Some(2))
    })
    .await;
    t.core.shutdown().await;

    // Two starts later, with no login in between, the setting is still known.
    for name in ["second.cmmrec", "third.cmmrec"] {
        let path = dir.join(name);
        let mut t = TestCore::start(Some(loopback()), |c| c.record = Some(path.clone())).await;
        t.until("the modem known from the last recording", |s| {
            s.targets
                .get("PORT-KEPT")
                .map(|t| (t.online, t.module_port, t.module_baud))
                == Some((false, Some(2), Some(1)))
        })
        .await;
        t.core.shutdown().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
