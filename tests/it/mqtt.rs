//! `cmmctl serve --mqtt` against a real Mosquitto broker on a free port: retained state and
//! availability, Home Assistant discovery, the bridge's last will, commands and their outcome,
//! reconnecting after the broker restarts, TLS with credentials.

use crate::common;

use std::time::Duration;

use common::broker::{Broker, Got, Sub, make_certs};
use common::proc::{Proc, is, listening};
use serde_json::Value;

const HOST: &str = "3130373031334717003D002E";
use crate::common::GUARD as WAIT;

fn serve(broker_args: &[&str]) -> (Proc, String) {
    let mut args = vec![
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "300",
        "--no-record",
    ];
    args.extend_from_slice(broker_args);
    if broker_args.iter().any(|a| a.starts_with("--mqtt"))
        && !broker_args.contains(&"--mqtt-client-id")
    {
        args.extend_from_slice(&["--mqtt-client-id", "bridge1"]);
    }
    let mut p = Proc::spawn(&args);
    let addr = listening(&mut p);
    (p, addr)
}

/// A broker of its own, and `cmmctl serve` bridged to it (with `flags`) and connected.
fn bridged(name: &str, flags: &[&str]) -> (Broker, Proc, String) {
    let broker = Broker::start(name);
    let url = broker.url();
    let mut args = vec!["--mqtt", url.as_str()];
    args.extend_from_slice(flags);
    let (mut serve, addr) = serve(&args);
    serve.saw_or_expect("connected to the broker", |v| {
        is(v, "mqtt") && v["state"] == "connected"
    });
    (broker, serve, addr)
}

fn sim(addr: &str, extra: &[&str]) -> Proc {
    let mut args = vec!["sim-modem", "--server", addr, "--heartbeat", "1"];
    args.extend_from_slice(extra);
    Proc::spawn(&args)
}

fn topic(leaf: &str) -> String {
    format!("cmm/{HOST}/{leaf}")
}

fn mains_ua(g: &Got) -> Option<f64> {
    (g.topic == topic("state"))
        .then(|| g.json()["values"]["Mains UA"].as_f64())
        .flatten()
}

#[test]
fn state_discovery_availability_events_and_the_bridges_last_will() {
    let (broker, mut serve, addr) = bridged("state", &["--mqtt-discovery"]);
    let modem = sim(&addr, &[]);
    serve.expect("two uploads", |v| {
        is(v, "change") && v["hostid"] == HOST && v["old"].is_number()
    });

    // A subscriber that comes later gets the retained topics.
    let mut sub = Sub::new(broker.port, &["cmm/#", "homeassistant/#"]);
    let bridge = sub.expect("bridge availability", WAIT, |g| {
        g.topic == "cmm/bridge/bridge1/availability"
    });
    assert!(bridge.retain);
    assert_eq!(bridge.payload, "online");
    let avail = sub.expect("modem availability", WAIT, |g| {
        g.topic == topic("availability")
    });
    assert!(avail.retain);
    assert_eq!(avail.payload, "online");
    let state = sub.expect("retained state", WAIT, |g| {
        g.topic == topic("state") && g.retain
    });
    let s = state.json();
    assert_eq!(s["hostid"], HOST);
    assert_eq!(s["name"], "SIM-GENSET");
    assert_eq!(s["model"], "HGM6120N-4G");
    let ua = s["values"]["Mains UA"].as_f64().unwrap();
    assert!((220.0..=240.0).contains(&ua), "{s}");
    assert_eq!(s["units"]["Mains UA"], "V");
    let hz = s["values"]["Mains Frequency"].as_f64().unwrap();
    assert!((49.5..=50.5).contains(&hz), "{s}");
    assert_eq!(s["values"]["Auto Mode"], true);
    assert_eq!(s["values"]["Emergency Stop"], false);
    let t = chrono::DateTime::parse_from_rfc3339(s["time"].as_str().unwrap()).unwrap();
    let age = chrono::Utc::now().signed_duration_since(t);
    assert!(age.num_seconds().abs() < 60, "time {t}");

    // The raw image, for apps attached to the broker: retained, whole, with Mains UA's word.
    let regs = sub.expect("retained registers", WAIT, |g| {
        g.topic == topic("registers") && g.retain
    });
    let r = cmm_commissioner::proto::remote::Registers::parse(regs.payload.as_bytes()).unwrap();
    assert_eq!((r.hostid.as_str(), r.bridge.as_str()), (HOST, "bridge1"));
    assert_eq!(r.model, "HGM6120N-4G");
    assert!(!r.commands, "no --mqtt-commands");
    let word = r
        .blocks
        .iter()
        .find(|b| b.table == cmm_commissioner::proto::Table::Holding && b.addr == 0)
        .and_then(|b| match &b.values {
            cmm_commissioner::proto::BlockValues::Registers(v) => v.first().copied(),
            _ => None,
        })
        .unwrap();
    assert!((220..=240).contains(&word), "Mains UA raw {word}");

    // Discovery: a sensor with unit and classes, an alarm as a problem binary sensor.
    let node = "cmm_3130373031334717003d002e";
    let ua_config = sub.expect("discovery of Mains UA", WAIT, |g| {
        g.topic == format!("homeassistant/sensor/{node}/mains_ua/config")
    });
    assert!(ua_config.retain);
    let c = ua_config.json();
    assert_eq!(c["unique_id"], format!("{node}_mains_ua"));
    assert_eq!(c["state_topic"], topic("state"));
    assert_eq!(
        c["value_template"],
        "{{ value_json['values'][\"Mains UA\"] }}"
    );
    assert_eq!(c["unit_of_measurement"], "V");
    assert_eq!(c["device_class"], "voltage");
    assert_eq!(c["state_class"], "measurement");
    assert_eq!(c["availability"][0]["topic"], topic("availability"));
    assert_eq!(
        c["availability"][1]["topic"],
        "cmm/bridge/bridge1/availability"
    );
    assert_eq!(c["availability_mode"], "all");
    assert_eq!(c["device"]["identifiers"][0], node);
    assert_eq!(c["device"]["name"], "SIM-GENSET");
    assert_eq!(c["device"]["model"], "HGM6120N-4G");
    let estop = sub.expect("discovery of an alarm", WAIT, |g| {
        g.topic == format!("homeassistant/binary_sensor/{node}/emergency_stop/config")
    });
    let e = estop.json();
    assert_eq!(e["device_class"], "problem");
    assert_eq!(
        e["value_template"],
        "{{ 'ON' if value_json['values'][\"Emergency Stop\"] else 'OFF' }}"
    );
    assert!(e.get("unit_of_measurement").is_none());

    // Events: the same JSON objects as on stdout.
    let ev = sub.expect("a change event", WAIT, |g| {
        g.topic == topic("event") && g.json()["event"] == "change"
    });
    assert!(!ev.retain);
    let on_broker = ev.json();
    let on_stdout = serve.expect("the same change on stdout", |v| *v == on_broker);
    assert_eq!(on_stdout["hostid"], HOST);

    // State follows the uploads, at most one message per upload: each carries its own time.
    sub.expect("a newer state", WAIT, |g| {
        mains_ua(g).is_some() && !g.retain
    });
    let times: Vec<String> = sub
        .drain(Duration::from_secs(3))
        .into_iter()
        .filter(|g| g.topic == topic("state"))
        .map(|g| g.json()["time"].as_str().unwrap().to_string())
        .collect();
    assert!(times.len() >= 3, "{} states in 3 s at 300 ms", times.len());
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "a state sent twice for one upload: {times:?}"
    );

    // The modem goes away: offline, retained.
    drop(modem);
    let off = sub.expect("modem offline", WAIT, |g| {
        g.topic == topic("availability") && g.payload == "offline"
    });
    assert_eq!(off.payload, "offline");
    let mut late = Sub::new(broker.port, &[&topic("availability")]);
    let kept = late.expect("retained offline", WAIT, |g| {
        g.topic == topic("availability")
    });
    assert!(kept.retain);
    assert_eq!(kept.payload, "offline");

    // The bridge dies without a word: the broker publishes its last will.
    serve.child.kill().unwrap();
    let will = sub.expect("bridge last will", WAIT, |g| {
        g.topic == "cmm/bridge/bridge1/availability" && g.payload == "offline"
    });
    assert_eq!(will.payload, "offline");
}

#[test]
fn a_clean_stop_says_every_modem_and_the_bridge_are_offline() {
    let (broker, mut serve, addr) = bridged("stop", &["--mqtt-prefix", "site7"]);
    let _modem = sim(&addr, &[]);
    let mut sub = Sub::new(broker.port, &["site7/#"]);
    sub.expect("online", WAIT, |g| {
        g.topic == format!("site7/{HOST}/availability") && g.payload == "online"
    });
    // SIGTERM, as a service manager stops it.
    let pid = serve.child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    sub.expect("modem offline", WAIT, |g| {
        g.topic == format!("site7/{HOST}/availability") && g.payload == "offline"
    });
    sub.expect("bridge offline", WAIT, |g| {
        g.topic == "site7/bridge/bridge1/availability" && g.payload == "offline"
    });
    assert!(serve.child.wait().unwrap().success());
}

fn outcome_of(sub: &mut Sub, uid: &str) -> Value {
    sub.expect(&format!("outcome of {uid}"), WAIT, |g| {
        g.topic.ends_with("/outcome") && g.json()["uid"] == uid
    })
    .json()
}

#[test]
fn commands_over_mqtt_pass_the_apps_checks_and_end_with_one_outcome() {
    let (broker, mut serve, addr) = bridged("commands", &["--mqtt-commands"]);
    // Each write takes 300 ms at the modem (its RS485 transaction), so that the second
    // command below surely arrives while the first is still out.
    let _modem = sim(&addr, &["--write-turnaround", "300"]);
    let locked = "3130373031334717003D1111";
    let _locked = sim(&addr, &["--hostid", locked, "--inhibit-remote"]);
    serve.expect_all(
        "both modems uploading",
        &[
            &|v: &Value| is(v, "change") && v["hostid"] == HOST,
            &|v: &Value| is(v, "inputs") && v["hostid"] == locked,
        ],
    );
    let mut sub = Sub::new(broker.port, &["cmm/+/outcome"]);
    std::thread::sleep(Duration::from_millis(300));

    // Manual, then Auto while Manual is still out: one at a time.
    sub.publish(
        &topic("command"),
        r#"{"cmd":"write-coil","addr":4,"on":true,"uid":"m1"}"#,
    );
    sub.publish(
        &topic("command"),
        r#"{"cmd":"write-coil","addr":3,"on":true,"uid":"a1"}"#,
    );
    let busy = outcome_of(&mut sub, "a1");
    assert_eq!(busy["outcome"], "refused");
    assert!(busy["detail"].as_str().unwrap().contains("busy"), "{busy}");
    let m1 = outcome_of(&mut sub, "m1");
    assert_eq!(m1["outcome"], "accepted", "{m1}");
    assert_eq!(m1["hostid"], HOST);
    let sent = serve.expect("the write on stdout", |v| {
        is(v, "command") && v["uid"] == "m1"
    });
    assert_eq!(sent["frame"], "01050004FF00CDFB");
    serve.expect("manual mode reached", |v| {
        is(v, "change") && v["hostid"] == HOST && v["addr"] == 42 && v["value"] == 1
    });

    // Once settled, the next one goes; without a uid one is made up.
    sub.publish(
        &topic("command"),
        r#"{"cmd":"write-coil","addr":3,"on":true}"#,
    );
    let made_up = sub
        .expect("outcome with a made-up uid", WAIT, |g| {
            g.topic == topic("outcome")
                && g.json()["uid"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("mqtt-"))
        })
        .json();
    assert_eq!(made_up["outcome"], "accepted");

    // The modem says remote control is inhibited: Start is refused before anything is sent.
    sub.publish(
        &format!("cmm/{locked}/command"),
        r#"{"cmd":"write-coil","addr":0,"on":true,"uid":"s1"}"#,
    );
    let s1 = outcome_of(&mut sub, "s1");
    assert_eq!(s1["outcome"], "refused");
    assert_eq!(s1["hostid"], locked);
    assert!(
        s1["detail"].as_str().unwrap().contains("InhbitRemote"),
        "{s1}"
    );

    // What acts on this machine, garbage, a hostid that is not the topic's, an unknown modem.
    for (t, payload, uid, needle) in [
        (
            topic("command"),
            r#"{"cmd":"report","uid":"r1"}"#,
            "r1",
            "not taken over MQTT",
        ),
        (
            topic("command"),
            r#"{"cmd":"reset","hostid":"OTHER","uid":"h1"}"#,
            "h1",
            "not this topic's modem",
        ),
        (
            "cmm/NOSUCH/command".into(),
            r#"{"cmd":"reset","uid":"n1"}"#,
            "n1",
            "no such target",
        ),
    ] {
        sub.publish(&t, payload);
        let o = outcome_of(&mut sub, uid);
        assert_eq!(o["outcome"], "refused", "{o}");
        assert!(o["detail"].as_str().unwrap().contains(needle), "{o}");
    }
    sub.publish(&topic("command"), "{not json");
    let bad = sub
        .expect("outcome of garbage", WAIT, |g| {
            g.topic == topic("outcome") && g.json()["uid"].is_null()
        })
        .json();
    assert!(
        bad["detail"].as_str().unwrap().contains("malformed"),
        "{bad}"
    );
    // None of the refused ones reached the modem.
    for uid in ["a1", "s1", "r1", "h1", "n1"] {
        assert!(
            !serve
                .seen()
                .iter()
                .any(|v| is(v, "command") && v["uid"] == uid),
            "{uid} was sent"
        );
    }
}

#[test]
fn without_the_flag_nothing_subscribes_to_commands() {
    let (broker, mut serve, addr) = bridged("nocommands", &[]);
    let _modem = sim(&addr, &[]);
    let mut sub = Sub::new(broker.port, &["cmm/#"]);
    sub.expect("state", WAIT, |g| g.topic == topic("state"));
    sub.publish(
        &topic("command"),
        r#"{"cmd":"write-coil","addr":4,"on":true,"uid":"x1"}"#,
    );
    // Uploads go on; no command is sent, no outcome published.
    let later = sub.drain(Duration::from_secs(3));
    assert!(later.iter().any(|g| g.topic == topic("state")));
    assert!(!later.iter().any(|g| g.topic.ends_with("/outcome")));
    serve.expect("more uploads", |v| is(v, "change") && v["hostid"] == HOST);
    assert!(
        !serve
            .seen()
            .iter()
            .any(|v| is(v, "command") || (is(v, "outcome") && v["uid"] == "x1"))
    );
}

#[test]
fn after_the_broker_restarts_the_bridge_reconnects_republishes_and_resubscribes() {
    let (mut broker, mut serve, addr) =
        bridged("restart", &["--mqtt-commands", "--mqtt-discovery"]);
    let _modem = sim(&addr, &[]);
    let mut first = Sub::new(broker.port, &["cmm/#"]);
    first.expect("state", WAIT, |g| g.topic == topic("state"));
    broker.kill();
    serve.expect("lost the broker", |v| {
        is(v, "mqtt") && v["state"] == "disconnected"
    });
    // The modems are still answered while the broker is away.
    serve.expect("uploads go on", |v| {
        is(v, "heartbeat") && v["hostid"] == HOST
    });
    broker.restart();
    serve.expect("reconnected", |v| {
        is(v, "mqtt") && v["state"] == "connected"
    });

    // The restarted broker kept nothing; the bridge sent the retained topics again (a
    // subscriber that comes after them gets them as retained messages).
    let mut probe = Sub::new(broker.port, &["cmm/#"]);
    probe.expect("a live state", WAIT, |g| g.topic == topic("state"));
    drop(first);
    let mut sub = Sub::new(broker.port, &["cmm/#", "homeassistant/#"]);
    let got = |sub: &mut Sub, what: &str, t: String| {
        sub.expect(what, WAIT, move |g| g.topic == t && g.retain)
    };
    assert_eq!(
        got(&mut sub, "bridge", "cmm/bridge/bridge1/availability".into()).payload,
        "online"
    );
    assert_eq!(
        got(&mut sub, "modem", topic("availability")).payload,
        "online"
    );
    assert!(mains_ua(&got(&mut sub, "state", topic("state"))).is_some());
    got(
        &mut sub,
        "discovery",
        "homeassistant/sensor/cmm_3130373031334717003d002e/mains_ua/config".into(),
    );
    // And it subscribed again: a command still works.
    sub.publish(
        &topic("command"),
        r#"{"cmd":"write-coil","addr":4,"on":true,"uid":"after"}"#,
    );
    assert_eq!(outcome_of(&mut sub, "after")["outcome"], "accepted");
}

#[test]
fn mqtts_with_a_private_ca_and_a_password_file() {
    let broker = Broker::start_after(
        "tls",
        "allow_anonymous false\npassword_file DIR/passwd\ncafile DIR/ca.pem\n\
         certfile DIR/server.pem\nkeyfile DIR/server.key\n",
        |dir| {
            make_certs(dir);
            let ok = std::process::Command::new("mosquitto_passwd")
                .args(["-c", "-b"])
                .arg(dir.join("passwd"))
                .args(["bridge", "s3cret"])
                .status()
                .unwrap()
                .success();
            assert!(ok);
            // Test-only keys: readable by the unprivileged user the broker runs as.
            for f in std::fs::read_dir(dir).unwrap() {
                let path = f.unwrap().path();
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            }
        },
    );
    let dir = broker.dir.clone();
    std::fs::write(dir.join("pw"), "s3cret\n").unwrap();
    std::fs::write(dir.join("wrong"), "guess\n").unwrap();
    let url = format!("mqtts://localhost:{}", broker.port);
    let ca = dir.join("ca.pem").display().to_string();
    let pw = dir.join("pw").display().to_string();
    let wrong = dir.join("wrong").display().to_string();

    // A wrong password is said, and retried.
    let (mut refused, _) = serve(&[
        "--mqtt",
        &url,
        "--mqtt-ca",
        &ca,
        "--mqtt-user",
        "bridge",
        "--mqtt-password-file",
        &wrong,
    ]);
    let e = refused.saw_or_expect("refused", |v| is(v, "mqtt") && v["state"] == "disconnected");
    assert!(
        e["detail"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("password")
            || e["detail"].as_str().unwrap().contains("NotAuthorized"),
        "{e}"
    );
    drop(refused);

    let (mut serve, addr) = serve(&[
        "--mqtt",
        &url,
        "--mqtt-ca",
        &ca,
        "--mqtt-user",
        "bridge",
        "--mqtt-password-file",
        &pw,
    ]);
    serve.saw_or_expect("connected over TLS", |v| {
        is(v, "mqtt")
            && v["state"] == "connected"
            && v["broker"].as_str().unwrap().starts_with("mqtts://")
    });
    let _modem = sim(&addr, &[]);
    // Read back with mosquitto_sub over TLS, as a user would.
    let out = std::process::Command::new("mosquitto_sub")
        .args([
            "-h",
            "localhost",
            "-p",
            &broker.port.to_string(),
            "--cafile",
            &ca,
        ])
        .args([
            "-u",
            "bridge",
            "-P",
            "s3cret",
            "-t",
            &topic("state"),
            "-C",
            "1",
            "-W",
            "20",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(v["hostid"], HOST);
}

/// The desktop app's core attached to the broker: the bridged modem is a target `mqtt:HOSTID`
/// decoded with the app's own map; a write from the editor goes through the bridge to the
/// modem and its outcome comes back; a bridge without `--mqtt-commands` is read-only; a broker
/// restart shows as such and the targets come back; detaching removes them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_attached_to_the_broker_sees_the_bridged_modems_and_sends_commands() {
    use cmm_commissioner::app::Command;
    use cmm_commissioner::app::command::Intent;
    use cmm_commissioner::link::Outcome;
    use cmm_commissioner::link::broker::BrokerConfig;
    use cmm_commissioner::proto::Table;
    use cmm_commissioner::proto::rtu::{Request, RequestPdu};
    use common::core::TestCore;

    let (mut broker, mut bridge, addr) = bridged("attach", &["--mqtt-commands"]);
    let _modem = sim(&addr, &[]);
    bridge.expect("uploads", |v| is(v, "change") && v["hostid"] == HOST);
    // A second bridge on the same broker, without commands.
    let url = broker.url();
    let (mut other, other_addr) = serve(&["--mqtt", &url, "--mqtt-client-id", "bridge2"]);
    let quiet = "3130373031334717003D2222";
    let _quiet = sim(&other_addr, &["--hostid", quiet]);
    other.expect("uploads", |v| is(v, "change") && v["hostid"] == quiet);

    let app = TestCore::start(None, |_| {}).await;
    app.send(Command::AttachBroker(BrokerConfig {
        url: url.clone(),
        user: None,
        password: None,
        prefix: "cmm".into(),
        ca: None,
    }));
    let target = format!("mqtt:{HOST}");
    let mains_ua = |s: &cmm_commissioner::app::AppState| {
        let t = s.targets.get(&target)?;
        let spec = t.map.register_by_role("mains_voltage_a")?;
        t.map
            .decode(&t.image, t.slave(), Table::Holding, spec.addr)?
            .number()
    };
    app.until("the bridged modem decoded with the app's map", |s| {
        s.broker.as_ref().is_some_and(|b| b.connected)
            && s.targets.get(&target).is_some_and(|t| {
                t.online
                    && t.hostname == "SIM-GENSET"
                    && t.moduletype == "HGM6120N-4G"
                    && t.remote().is_some_and(|r| r.commands)
            })
            && mains_ua(s).is_some_and(|v| (220.0..=240.0).contains(&v))
    })
    .await;
    let first = mains_ua(&app.core.state()).unwrap();
    app.until("the value moving with the modem's uploads", |s| {
        mains_ua(s).is_some_and(|v| v != first)
    })
    .await;

    // Manual mode from the editor: through the bridge to the modem, and the outcome back.
    let manual = Request {
        slave: 1,
        pdu: RequestPdu::WriteSingleCoil {
            addr: 4,
            value: 0xFF00,
        },
    };
    app.send(Command::Write {
        target: target.clone(),
        request: manual.clone(),
        intent: Intent::default(),
        uid: Some("w1".into()),
    });
    app.until("the write accepted", |s| {
        s.commands
            .iter()
            .any(|c| c.uid == "w1" && matches!(c.outcome, Some((Outcome::Accepted, _))))
    })
    .await;
    let sent = bridge.expect("the write reached the modem", |v| {
        is(v, "command") && v["uid"].as_str().is_some_and(|u| u.starts_with("w1."))
    });
    assert_eq!(sent["frame"], "01050004FF00CDFB");
    app.until("manual mode in the remote image", |s| {
        s.targets
            .get(&target)
            .and_then(|t| t.image.get(t.slave(), Table::Coils, 42))
            == Some(1)
    })
    .await;

    // The bridge without --mqtt-commands: seen, read-only, nothing sent.
    let quiet_target = format!("mqtt:{quiet}");
    app.until("the read-only modem", |s| {
        s.targets
            .get(&quiet_target)
            .is_some_and(|t| t.online && t.remote().is_some_and(|r| !r.commands))
    })
    .await;
    app.send(Command::Write {
        target: quiet_target.clone(),
        request: manual,
        intent: Intent::default(),
        uid: Some("q1".into()),
    });
    app.until("the write refused before sending", |s| {
        s.last_error
            .as_deref()
            .is_some_and(|e| e.contains("does not take commands"))
    })
    .await;
    assert!(!other.seen().iter().any(|v| is(v, "command")));

    // The broker goes away and comes back: shown, then everything returns.
    broker.restart();
    app.until("the broker loss shown", |s| {
        s.broker.as_ref().is_some_and(|b| !b.connected)
            && s.targets.get(&target).is_some_and(|t| {
                !t.online
                    && t.down_reason
                        .as_deref()
                        .is_some_and(|r| r.contains("broker connection lost"))
            })
    })
    .await;
    app.until("reconnected, the modem back", |s| {
        s.broker.as_ref().is_some_and(|b| b.connected)
            && s.targets.get(&target).is_some_and(|t| t.online)
    })
    .await;

    app.send(Command::DetachBroker);
    app.until("detached: the remote targets gone", |s| {
        s.broker.is_none() && !s.targets.keys().any(|k| k.starts_with("mqtt:"))
    })
    .await;
}
