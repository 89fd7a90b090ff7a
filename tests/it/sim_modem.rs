//! The simulated modem against the mini-server over loopback: the whole life of a session,
//! writes confirmed by the next readings, reset and re-login, many modems at once.

use crate::common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use cmm_commissioner::app::AppState;
use cmm_commissioner::link::{Command, Event, Outcome, ServerConfig};
use cmm_commissioner::proto::{Table, hex};
use cmm_commissioner::sim::{SimModem, SimModemConfig};
use common::{HOSTID, TestServer};
use tokio_util::sync::CancellationToken;

fn fast_server() -> ServerConfig {
    ServerConfig {
        online_rate: 200,
        ..Default::default()
    }
}

fn spawn_modem(config: SimModemConfig, stop: &CancellationToken) {
    let stop = stop.clone();
    tokio::spawn(SimModem::new(config, Arc::new(|_| {})).run(stop));
}

/// Applies events to the state until `f` holds.
async fn applied_until(
    s: &mut TestServer,
    state: &mut AppState,
    what: &str,
    f: impl Fn(&AppState) -> bool,
) {
    let mut n = 0i64;
    s.expect(what, |e| {
        n += 1;
        state.apply(e, n);
        f(state)
    })
    .await;
}

async fn write(s: &mut TestServer, frame: &str, uid: &str) -> Outcome {
    s.command(Command::Write {
        hostid: HOSTID.into(),
        request: cmm_commissioner::proto::rtu::Request::from_hex(frame).unwrap(),
        uid: Some(uid.into()),
    })
    .await;
    let e = s
        .expect(
            "outcome",
            |e| matches!(e, Event::CommandOutcome { uid: u, .. } if u == uid),
        )
        .await;
    let Event::CommandOutcome { outcome, .. } = e else {
        unreachable!()
    };
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulated_modem_logs_in_uploads_and_obeys_commands() {
    let mut s = TestServer::start(fast_server()).await;
    let stop = CancellationToken::new();
    spawn_modem(
        SimModemConfig {
            server: s.addr.to_string(),
            ..Default::default()
        },
        &stop,
    );
    // The login (short connection) and the long connection's events may come in either order.
    s.expect_all(
        "login, online and timing",
        &[
            &|e| {
                matches!(e, Event::Login { moduletype, accepted: true, .. } if moduletype == "HGM6120N-4G")
            },
            &|e| matches!(e, Event::Online { .. }),
            &|e| matches!(e, Event::Timing { .. }),
        ],
    )
    .await;

    let mut state = AppState::default();
    let reg = |st: &AppState, a| {
        st.targets
            .get(HOSTID)
            .and_then(|t| t.image.get(1, Table::Holding, a))
    };
    let coil = |st: &AppState, a| {
        st.targets
            .get(HOSTID)
            .and_then(|t| t.image.get(1, Table::Coils, a))
    };
    applied_until(&mut s, &mut state, "first values", |st| {
        reg(st, 0).is_some() && coil(st, 41).is_some()
    })
    .await;
    let mains = reg(&state, 0).unwrap();
    assert!((220..=240).contains(&mains), "mains UA {mains} V");
    assert_eq!(coil(&state, 41), Some(1), "auto mode");
    assert_eq!(state.targets[HOSTID].flags.inhibit_remote, Some(false));

    // Manual mode, confirmed by the next readings.
    assert_eq!(
        write(&mut s, "01050004FF00CDFB", "manual").await,
        Outcome::Accepted
    );
    applied_until(&mut s, &mut state, "manual mode coil", |st| {
        coil(st, 42) == Some(1) && coil(st, 41) == Some(0)
    })
    .await;
    // Start: the running status leaves standby.
    assert_eq!(
        write(&mut s, "01050000FF008C3A", "start").await,
        Outcome::Accepted
    );
    applied_until(&mut s, &mut state, "start sequence", |st| {
        reg(st, 34).is_some_and(|v| v != 0)
    })
    .await;
    // A coil the controller does not have: the modem answers `,0`.
    let bad = cmm_commissioner::proto::rtu::with_crc(vec![1, 5, 0, 9, 0xFF, 0]);
    assert_eq!(
        write(&mut s, &hex::encode(&bad), "bad").await,
        Outcome::Rejected
    );
    // Stop.
    assert_eq!(
        write(&mut s, "01050001FF00DDFA", "stop").await,
        Outcome::Accepted
    );
    applied_until(&mut s, &mut state, "stop mode coil", |st| {
        coil(st, 43) == Some(1)
    })
    .await;

    s.command(Command::SetPort {
        hostid: HOSTID.into(),
        module_port: 2,
        module_baud: 1,
        uid: Some("port".into()),
    })
    .await;
    let e = s
        .expect(
            "port outcome",
            |e| matches!(e, Event::CommandOutcome { uid, .. } if uid == "port"),
        )
        .await;
    assert!(matches!(
        e,
        Event::CommandOutcome {
            outcome: Outcome::Accepted,
            ..
        }
    ));

    // Reset: accepted, then a new login and long connection.
    s.command(Command::Reset {
        hostid: HOSTID.into(),
        uid: Some("reset".into()),
    })
    .await;
    s.expect_all(
        "reset accepted, new login and long connection",
        &[
            &|e: &Event| matches!(e, Event::CommandOutcome { uid, outcome: Outcome::Accepted, .. } if uid == "reset"),
            &|e: &Event| matches!(e, Event::Login { .. }),
            &|e: &Event| matches!(e, Event::Online { .. }),
        ],
    )
    .await;
    stop.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_simulated_modems_at_once_have_distinct_hostids() {
    let mut s = TestServer::start(fast_server()).await;
    let stop = CancellationToken::new();
    let base = SimModemConfig {
        server: s.addr.to_string(),
        ..Default::default()
    };
    let count = 20;
    for i in 0..count {
        spawn_modem(base.numbered(i, count), &stop);
    }
    let mut online = BTreeSet::new();
    while online.len() < count {
        let e = s
            .expect("online", |e| matches!(e, Event::Online { .. }))
            .await;
        if let Event::Online { hostid, .. } = e {
            assert_eq!(hostid.len(), 24);
            online.insert(hostid);
        }
    }
    // Every one of them uploads data.
    let mut with_data = BTreeSet::new();
    while with_data.len() < count {
        if let Event::Data { hostid, .. } =
            s.expect("data", |e| matches!(e, Event::Data { .. })).await
        {
            with_data.insert(hostid);
        }
    }
    s.command(Command::Sessions).await;
    let e = s
        .expect("sessions", |e| matches!(e, Event::Sessions { .. }))
        .await;
    let Event::Sessions { sessions: list } = e else {
        unreachable!()
    };
    assert_eq!(list.iter().filter(|x| x.online).count(), count);
    assert!(
        list.windows(2).all(|w| w[0].hostid < w[1].hostid),
        "sorted by hostid"
    );
    stop.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_uploads_in_data_mode_1_and_inhibit_remote_reported() {
    let mut s = TestServer::start(ServerConfig {
        data_mode: 1,
        ..fast_server()
    })
    .await;
    let stop = CancellationToken::new();
    let config = SimModemConfig {
        server: s.addr.to_string(),
        inhibit_remote: true,
        full_every: Duration::from_secs(3600),
        ..Default::default()
    };
    spawn_modem(config, &stop);
    let e = s
        .expect("full data", |e| {
            matches!(
                e,
                Event::Data {
                    kind: cmm_commissioner::link::DataKind::Full,
                    ..
                }
            )
        })
        .await;
    let Event::Data { blocks, .. } = e else {
        unreachable!()
    };
    assert_eq!(
        blocks.len(),
        3,
        "coils 0-77, registers 0-44, registers 46-55"
    );
    stop.cancel();

    let mut s = TestServer::start(fast_server()).await;
    let stop = CancellationToken::new();
    let config = SimModemConfig {
        server: s.addr.to_string(),
        inhibit_remote: true,
        ..Default::default()
    };
    spawn_modem(config, &stop);
    let e = s
        .expect(
            "flags",
            |e| matches!(e, Event::Data { flags, .. } if flags.any()),
        )
        .await;
    assert!(matches!(e, Event::Data { flags, .. } if flags.inhibit_remote == Some(true)));
    stop.cancel();
}
