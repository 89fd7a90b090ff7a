//! The HGM9500N family end to end: a simulated HGM9520N behind a simulated modem on the
//! core's loopback server, and on a pty pair as a serial link; decoded with its map (bitfield
//! alarms and modes, low-word-first values), commanded with pulses, configured within range.

use std::sync::Arc;
use std::time::Duration;

use cmm_commissioner::app::write_plan::{register_write, remote_command};
use cmm_commissioner::app::{AppState, Command};
use cmm_commissioner::link::ServerConfig;
use cmm_commissioner::link::serial::SerialSettings;
use cmm_commissioner::proto::Table;
use cmm_commissioner::sim::serial_slave::{Faults, serve_serial};
use cmm_commissioner::sim::{SimController, SimModem, SimModemConfig};
use tokio_util::sync::CancellationToken;

use crate::common;

use common::core::TestCore;

/// Sends the map's commands as the editor prepares them.
trait Commands {
    fn command(&self, target: &str, name: &str);
}

impl Commands for TestCore {
    /// Prepares the map's command `name` for `target` as the editor does, and sends it.
    fn command(&self, target: &str, name: &str) {
        let cmd = {
            let s = self.core.state();
            let t = &s.targets[target];
            let spec = t
                .map
                .commands_for(&t.moduletype)
                .into_iter()
                .find(|c| c.name == name)
                .unwrap()
                .clone();
            let plan = remote_command(t, &spec, false).unwrap();
            Command::Pulse {
                target: target.into(),
                request: plan.request,
                pulse: plan.pulse.expect("the map pulses its commands"),
                intent: cmm_commissioner::app::command::Intent {
                    name: Some(plan.name),
                    effect: plan.confirm,
                    hint: None,
                    port: None,
                    unmet: None,
                },
                uid: None,
            }
        };
        self.core.send(cmd).unwrap();
    }
}

fn mode(s: &AppState, target: &str) -> Option<String> {
    s.targets.get(target)?.summary.mode.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_hgm9520n_behind_a_modem_decodes_with_its_map_and_takes_pulsed_commands() {
    let t = TestCore::start(
        Some(ServerConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            online_rate: 200,
            ..Default::default()
        }),
        |_| {},
    )
    .await;
    let addr = t.listening().await;
    let stop = CancellationToken::new();
    let hostid = "3130373031334717003D9520";
    let modem = SimModem::new(
        SimModemConfig {
            server: addr.to_string(),
            hostid: hostid.into(),
            moduletype: "HGM9520N-4G".into(),
            follow_live_data: false,
            heartbeat: Duration::from_secs(5),
            ..Default::default()
        },
        Arc::new(|_| {}),
    );
    tokio::spawn(modem.run(stop.clone()));
    // Its own map and poll plan: values from registers 120-275, modes from bits of 0.
    t.until("decoded readings in Auto", |s| {
        s.targets.get(hostid).is_some_and(|t| {
            t.map.name == "SmartGen HGM9500N family"
                && t.image.get(1, Table::Holding, 260).is_some()
                && t.image.get(1, Table::Holding, 120).is_some()
        }) && mode(s, hostid).as_deref() == Some("Auto")
    })
    .await;
    {
        let s = t.core.state();
        let tg = &s.targets[hostid];
        let uab = tg.map.register_by_role("mains_voltage_ab").unwrap();
        let v = tg
            .map
            .decode(&tg.image, 1, Table::Holding, uab.addr)
            .unwrap()
            .number()
            .unwrap();
        assert!(
            (380.0..420.0).contains(&v),
            "mains UAB {v} V from a low-word-first pair"
        );
        assert_eq!(
            tg.map.bit_state(&tg.image, 1, "mains_breaker"),
            Some(true),
            "a breaker from a bit of register 114"
        );
    }
    // Manual, pulsed: three writes (off, on, off), the "on" verified by mode bit 10.
    t.command(hostid, "Manual");
    t.until("manual mode confirmed, and the pulse ended", |s| {
        mode(s, hostid).as_deref() == Some("Manual")
            && s.commands.iter().filter(|c| c.outcome.is_some()).count() == 3
            && s.commands
                .iter()
                .any(|c| c.name.as_deref() == Some("Manual") && c.verified == Some(true))
    })
    .await;
    let frames: Vec<String> = t
        .core
        .state()
        .commands
        .iter()
        .filter_map(|c| c.frame.clone())
        .collect();
    assert_eq!(
        frames.iter().map(|f| &f[..12]).collect::<Vec<_>>(),
        ["010500040000", "01050004FF00", "010500040000"],
        "{frames:?}"
    );
    // The P% setpoint: refused out of range before any dialog, written and verified within.
    {
        let s = t.core.state();
        let err = register_write(&s.targets[hostid], 4368, 120.0).unwrap_err();
        assert!(err.contains("outside the range the map allows"), "{err}");
    }
    let plan = register_write(&t.core.state().targets[hostid], 4368, 75.5).unwrap();
    assert_eq!(plan.request.to_hex()[..12], *"0106111002F3");
    t.core
        .send(Command::Write {
            target: hostid.into(),
            request: plan.request,
            intent: cmm_commissioner::app::command::Intent {
                name: Some(plan.name),
                effect: plan.confirm,
                hint: None,
                port: None,
                unmet: None,
            },
            uid: None,
        })
        .unwrap();
    t.until("the setpoint read back", |s| {
        s.targets[hostid].image.get(1, Table::Holding, 4368) == Some(755)
            && s.commands.iter().any(|c| {
                c.frame
                    .as_deref()
                    .is_some_and(|f| f.starts_with("0106111002F3"))
                    && c.verified == Some(true)
            })
    })
    .await;
    stop.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_hgm9520n_on_a_pty_shows_its_alarm_bits_and_stops_on_a_pulse() {
    use tokio_serial::SerialPort;
    let stop = CancellationToken::new();
    let (ours, theirs) = tokio_serial::SerialStream::pair().unwrap();
    let path = theirs.name().unwrap();
    let mut sim = SimController::new(1, 3, 1_763_900_000).with_model("HGM9520N");
    sim.set_scenario("3:estop".parse().unwrap());
    {
        let stop = stop.clone();
        tokio::spawn(async move {
            let _keep = theirs;
            let _ = serve_serial(ours, sim, Faults::default(), 1, stop).await;
        });
    }
    let t = TestCore::start(None, |_| {}).await;
    let mut settings = SerialSettings::new(&path);
    settings.poll_delay = Duration::from_millis(20);
    // As the serial window does: the model's map gives the poll plan.
    let map = cmm_commissioner::proto::map::resolve(
        &cmm_commissioner::proto::map::builtin_maps(),
        "HGM9520N",
    );
    settings.poll_as(&map);
    settings.set_slave(1);
    let target = settings.target();
    t.core
        .send(Command::ConnectSerial {
            settings,
            model: "HGM9520N".into(),
        })
        .unwrap();
    t.until("the map's readings over the serial link", |s| {
        s.targets.get(&target).is_some_and(|t| {
            t.map.name == "SmartGen HGM9500N family"
                && t.image.get(1, Table::Holding, 212).is_some()
        })
    })
    .await;
    // The scenario's emergency stop: bit 0 of the shutdown group, a shutdown alarm.
    t.until("the emergency stop alarm", |s| {
        s.targets[&target]
            .summary
            .alarms
            .iter()
            .any(|a| a.name == "Emergency Stop" && a.kind.name() == "shutdown")
    })
    .await;
    // Stop, pulsed over the serial link.
    t.command(&target, "Stop");
    t.until("stop mode", |s| mode(s, &target).as_deref() == Some("Stop"))
        .await;
    stop.cancel();
}
