//! A long recording made quickly, as `cmmctl serve --record` would have written it: simulated
//! modems (each with its simulated HGM6120N running a day of load) upload at the vendor's rate
//! (changes every `rate_ms`, a heartbeat every 30 s, a full upload every minute), on a clock
//! that runs as fast as the machine can. Every message goes through the server's own session
//! (the sans-IO protocol core), the state's own apply and the recorder's own records, so the
//! file holds what a real run of that length holds: the messages both ways, the samples, the
//! logins and events. Only the sockets and the waiting are left out. For benchmarks of big
//! recordings (`examples/big_recording.rs`, `benches/open_recording.rs`).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::app::AppState;
use crate::app::recording::records_of;
use crate::link::hub::LoginInfo;
use crate::link::session::{Output, Session};
use crate::link::{Event, ServerConfig};
use crate::proto::PollPlan;
use crate::proto::uplink::{InputFlags, Login, Uplink};
use crate::sim::SimController;
use crate::sim::delta::Uploader;
use crate::sim::scenario::Scenario;
use crate::store::{Recorder, StoreError};

const HEARTBEAT_S: i64 = 30;
const FULL_S: i64 = 60;

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct Day {
    /// Modems.
    pub modems: usize,
    /// Length, hours.
    pub hours: f64,
    /// Period of the change uploads, ms (the vendor's `online_rate`: 3000).
    pub rate_ms: i64,
    /// When it ends (ms since the epoch).
    pub end_ms: i64,
}

/// What was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// Messages from the modems.
    pub messages: u64,
    /// Rows written.
    pub rows: u64,
    /// Rows lost (none, or the file is not what was asked).
    pub lost: u64,
}

struct Modem {
    hostid: String,
    session: Session,
    controller: SimController,
    uploader: Uploader,
    /// Offset of its uploads within the period, ms.
    phase_ms: i64,
}

/// A day of a genset on site: started, loaded in steps, stopped near the end; each modem five
/// minutes after the last (twelve apart at most).
fn scenario(i: usize, hours: f64) -> Scenario {
    let h = 3600.0;
    let shift = (i % 12) as f64 * 300.0;
    let mut steps = format!("0:manual,{}:start,{}:gen_close", 60.0 + shift, 80.0 + shift);
    for (k, load) in [30, 60, 85, 50, 70, 40].iter().enumerate() {
        let t = 90.0 + shift + k as f64 * hours * h / 8.0;
        steps.push_str(&format!(",{t}:load={load}"));
    }
    let end = hours * h * 0.9 + shift;
    steps.push_str(&format!(",{end}:gen_open,{}:stop", end + 30.0));
    steps.parse().unwrap_or_default()
}

/// Writes the recording `out` (replaced if it exists); `progress` is called with the share
/// done now and then.
pub fn write(out: &Path, day: Day, mut progress: impl FnMut(f64)) -> Result<Made, StoreError> {
    let _ = std::fs::remove_file(out);
    let recorder = Recorder::open(out, "simulated day")?;
    let rate_ms = day.rate_ms.max(100);
    let config = Arc::new(ServerConfig {
        traffic: true,
        online_rate: u32::try_from(rate_ms).unwrap_or(3000),
        ..ServerConfig::default()
    });
    let span_ms = (day.hours * 3_600_000.0) as i64;
    let start_ms = day.end_ms - span_ms;
    let base = Instant::now();
    let at = |t_ms: i64| base + Duration::from_millis((t_ms - start_ms).max(0) as u64);
    let mut state = AppState::default();
    let live = "127.0.0.1:21318".to_string();

    // Each modem logs in (a short connection), then opens its long connection.
    let mut modems = Vec::with_capacity(day.modems);
    for i in 0..day.modems {
        let hostid = format!("{:024X}", 0x3130_3730_3133_0000_0000_u128 + i as u128);
        let peer = SocketAddr::from(([10, 0, (i / 250) as u8, (i % 250 + 1) as u8], 40000));
        let t = start_ms + i as i64 * 20;
        let login = Uplink::Login(Login {
            hostid: hostid.clone(),
            hostname: format!("SITE-{:02}", i + 1),
            password: String::new(),
            longitude: None,
            latitude: None,
            gpsen: None,
            altitude: None,
            moduletype: "HGM6120N".into(),
            module_port: Some(2),
            module_baud: Some(0),
            warnings: Vec::new(),
        });
        let mut short = Session::new(config.clone(), live.clone(), peer, at(t));
        short.handle_input(at(t), t, login.to_json().as_bytes());
        let mut info = None;
        drain(&mut short, &mut state, &recorder, t, &mut info, None);
        let plan = info
            .as_ref()
            .map_or_else(PollPlan::default, |i| PollPlan::clone(&i.plan));
        let mut session = Session::new(config.clone(), live.clone(), peer, at(t));
        let longcon = Uplink::LongCon {
            hostid: hostid.clone(),
        };
        session.handle_input(at(t), t, longcon.to_json().as_bytes());
        drain(
            &mut session,
            &mut state,
            &recorder,
            t,
            &mut info,
            Some(peer),
        );
        let mut controller = SimController::new(1, i as u64 + 1, start_ms / 1000);
        controller.set_scenario(scenario(i, day.hours));
        let flags = InputFlags {
            access_alarm: Some(false),
            fire_alarm: Some(false),
            alarm_input: Some(false),
            inhibit_remote: Some(false),
        };
        modems.push(Modem {
            hostid,
            session,
            controller,
            uploader: Uploader::new(plan, flags, false),
            phase_ms: (i as i64 * 997) % rate_ms,
        });
    }

    // The day, one upload period at a time.
    let periods = span_ms / rate_ms;
    let mut messages = 0u64;
    for p in 0..periods {
        for m in &mut modems {
            let t = start_ms + p * rate_ms + m.phase_ms;
            let now = (t - start_ms) as f64 / 1000.0;
            m.controller.tick(now);
            let mut msgs = Vec::with_capacity(2);
            let second = (t - start_ms) / 1000;
            let prev = (t - rate_ms - start_ms) / 1000;
            if p > 0 && second / FULL_S != prev / FULL_S {
                msgs.push(m.uploader.full(&m.hostid, &mut m.controller, now));
            } else if let Some(u) = m.uploader.changes(&m.hostid, &mut m.controller, now) {
                msgs.push(u);
            }
            if p > 0 && second / HEARTBEAT_S != prev / HEARTBEAT_S {
                msgs.push(Uplink::Heartbeat {
                    hostid: m.hostid.clone(),
                });
            }
            for msg in msgs {
                m.session.handle_input(at(t), t, msg.to_json().as_bytes());
                let _ = m.session.poll_transmit();
                drain(&mut m.session, &mut state, &recorder, t, &mut None, None);
                messages += 1;
            }
        }
        // The writer's queue stays short: nothing is dropped.
        if p % 200 == 199 {
            recorder.flush()?;
            progress((p + 1) as f64 / periods as f64);
        }
    }
    let (rows, lost) = (recorder.written(), recorder.lost());
    recorder.close()?;
    Ok(Made {
        messages,
        rows,
        lost,
    })
}

/// Applies and records what the session put out at `t`, as the supervisor does; answers an
/// attach as the hub does (with the login it kept).
fn drain(
    s: &mut Session,
    state: &mut AppState,
    recorder: &Recorder,
    t: i64,
    login: &mut Option<LoginInfo>,
    online_from: Option<SocketAddr>,
) {
    let mut events = Vec::new();
    while let Some(o) = s.poll_output() {
        match o {
            Output::Event(e) => events.push(e),
            Output::LoggedIn { info, .. } => *login = Some(info),
            Output::Attach { hostid, .. } => {
                s.handle_attached(login.clone(), false);
                if let Some(peer) = online_from {
                    events.push(Event::Online {
                        hostid,
                        peer,
                        replaced: false,
                    });
                }
            }
            Output::Detach { .. } => {}
        }
    }
    for e in events {
        let changes = state.apply(&e, t);
        for r in records_of(&e, &changes, state, t) {
            recorder.record(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::reader::Recording;

    /// Ten minutes of three modems: every modem logged in and online, its uploads as messages
    /// both ways (an ack for each), its readings as samples, nothing lost.
    #[test]
    fn a_short_day_holds_what_a_real_run_would() {
        let dir = std::env::temp_dir().join(format!("cmm-day-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = dir.join("day.cmmrec");
        let day = Day {
            modems: 3,
            hours: 10.0 / 60.0,
            rate_ms: 3000,
            end_ms: 1_800_000_000_000,
        };
        let made = write(&out, day, |_| {}).unwrap();
        assert_eq!(made.lost, 0);
        // 200 periods of 3 modems (an upload in each but those where nothing changed), and
        // a heartbeat each every 30 s.
        assert!(
            (3 * 19 + 3 * 150..=600 + 3 * 20).contains(&made.messages),
            "{made:?}"
        );
        let r = Recording::open(&out).unwrap();
        let targets = r.targets().unwrap();
        assert_eq!(targets.len(), 3);
        assert!(targets.iter().all(|t| t.moduletype == "HGM6120N"));
        let (a, b) = r.span().unwrap().unwrap();
        assert!(a >= day.end_ms - 600_000 && b <= day.end_ms, "{a} {b}");
        assert!(b - a > 590_000, "{a} {b}");
        let uplinks = r.uplinks().unwrap();
        assert_eq!(uplinks.len() as u64, made.messages + 3 * 2);
        let count = |method: &str| {
            let m = format!("\"{method}\"");
            uplinks.iter().filter(|u| u.2.contains(&m)).count()
        };
        assert!((3 * 19..=3 * 20).contains(&count("HB")), "{}", count("HB"));
        assert!(
            (3 * 9..=3 * 10).contains(&count("reqdata")),
            "{}",
            count("reqdata")
        );
        assert_eq!(count("login"), 3);
        assert_eq!(r.count("message").unwrap() as u64, 2 * uplinks.len() as u64);
        let events = r.events(0, i64::MAX).unwrap();
        for kind in ["login", "online"] {
            assert_eq!(
                events.iter().filter(|e| e.kind == kind).count(),
                3,
                "{kind}"
            );
        }
        assert!(r.count("sample").unwrap() > 3 * 200);
        drop(r);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
