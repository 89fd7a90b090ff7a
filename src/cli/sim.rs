//! `cmmctl sim-modem`: simulated modems, also the load generator.

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::sim::{SimModem, SimModemConfig, SimNote, SimReport};

/// Options of `cmmctl sim-modem`.
#[derive(Debug, Args)]
pub struct SimArgs {
    /// HOST:PORT of the server (the modem's server address setting).
    #[arg(long, default_value = "127.0.0.1:21318")]
    pub server: String,
    /// Number of modems, with distinct hostids (the last 4 digits count up).
    #[arg(long, default_value_t = 1)]
    pub count: usize,
    /// Hostid (24 hex digits) of the first modem; with --count, the last 4 hex digits count up
    /// from it (from 0000 when no hostid is given).
    #[arg(long, default_value = "3130373031334717003D002E")]
    pub hostid: String,
    /// Modem name (numbered when --count > 1).
    #[arg(long, default_value = "SIM-GENSET")]
    pub hostname: String,
    /// Login password.
    #[arg(long, default_value = "123456")]
    pub password: String,
    /// Controller model reported at login.
    #[arg(long, default_value = "HGM6120N-4G")]
    pub moduletype: String,
    /// Slave id of the simulated controller.
    #[arg(long, default_value_t = 1)]
    pub slave: u8,
    /// Heartbeat period, s.
    #[arg(long, default_value_t = 30)]
    pub heartbeat: u64,
    /// Period of full reqdata uploads, s.
    #[arg(long, default_value_t = 60)]
    pub full_every: u64,
    /// Report remote control as inhibited (InhbitRemote 1).
    #[arg(long)]
    pub inhibit_remote: bool,
    /// Spread the logins of all modems over this many seconds.
    #[arg(long, default_value_t = 0.0)]
    pub ramp: f64,
    /// Churn: each minute this percentage of the modems drop their connection (a third each
    /// by closing it, in the middle of a message, or by going silent without closing) and log
    /// in again a few seconds later.
    #[arg(long, value_name = "PCT", default_value_t = 0.0)]
    pub churn: f64,
    /// Milliseconds each writeConfig takes before its reply: the modem's Modbus transaction
    /// with the controller on RS485, as on a real site.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub write_turnaround: u64,
    /// Stop after this many seconds and print figures (default: run until interrupted).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Open the long connection to the server address instead of the liveData address the
    /// login reply gives (a real modem follows liveData).
    #[arg(long)]
    pub ignore_live_data: bool,
    /// A scripted run of each modem's genset, from when it starts:
    /// `0:manual,1:start,16:gen_close,17:load=25,40:load=50,60:estop` (actions: start, stop,
    /// test, auto, manual, gen_close, gen_open, load=PCT of 100 kW, estop, estop_release,
    /// fault=COIL).
    #[arg(long)]
    pub scenario: Option<crate::sim::scenario::Scenario>,
    /// Run the genset's clock this many times faster than real time (a 60 s scenario takes
    /// 20 s at 3); uploads, heartbeats and commands keep their real pace.
    #[arg(long, value_name = "X", default_value_t = 1.0)]
    pub time_scale: f64,
    /// Do not print per-modem notes.
    #[arg(long)]
    pub quiet: bool,
}

fn note_json(n: &SimNote) -> serde_json::Value {
    match n {
        SimNote::LoggedIn { hostid, live_data } => {
            json!({"event": "sim_login", "hostid": hostid, "liveData": live_data})
        }
        SimNote::Online { hostid, addr } => {
            json!({"event": "sim_online", "hostid": hostid, "addr": addr})
        }
        SimNote::Command { hostid, what, ok } => {
            json!({"event": "sim_command", "hostid": hostid, "what": what, "ok": ok})
        }
        SimNote::Error { hostid, message } => {
            json!({"event": "sim_error", "hostid": hostid, "message": message})
        }
    }
}

/// Percentile of sorted values (nearest rank).
fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Figures of a run: messages per second and reply times.
pub fn stats_json(reports: &[SimReport], seconds: f64) -> serde_json::Value {
    let mut lat: Vec<u32> = reports
        .iter()
        .flat_map(|r| r.latencies_us.iter().copied())
        .collect();
    lat.sort_unstable();
    let sent: u64 = reports.iter().map(|r| r.sent).sum();
    let answered: u64 = reports.iter().map(|r| r.answered).sum();
    let errors: u64 = reports.iter().map(|r| r.errors).sum();
    let churned: u64 = reports.iter().map(|r| r.churned).sum();
    let ms = |us: u32| f64::from(us) / 1000.0;
    json!({
        "event": "sim_stats", "modems": reports.len(), "seconds": (seconds * 10.0).round() / 10.0,
        "sent": sent, "answered": answered, "errors": errors, "churned": churned,
        "per_second": (answered as f64 / seconds.max(0.001)).round(),
        "p50_ms": ms(percentile(&lat, 50.0)), "p99_ms": ms(percentile(&lat, 99.0)),
        "max_ms": ms(lat.last().copied().unwrap_or(0)),
    })
}

/// Runs the modems until interrupted or `--duration` passes.
pub async fn run(a: SimArgs) -> anyhow::Result<()> {
    if !(a.time_scale.is_finite() && a.time_scale > 0.0) {
        anyhow::bail!(
            "--time-scale must be a number above 0, got {}",
            a.time_scale
        );
    }
    if !crate::proto::uplink::is_hostid(&a.hostid) {
        anyhow::bail!("--hostid must be 24 hex digits, got {:?}", a.hostid);
    }
    let base = SimModemConfig {
        server: a.server.clone(),
        hostid: a.hostid.to_ascii_uppercase(),
        hostname: a.hostname.clone(),
        password: a.password.clone(),
        moduletype: a.moduletype.clone(),
        slave: a.slave,
        heartbeat: Duration::from_secs(a.heartbeat.max(1)),
        full_every: Duration::from_secs(a.full_every.max(1)),
        inhibit_remote: a.inhibit_remote,
        follow_live_data: !a.ignore_live_data,
        scenario: a.scenario.clone(),
        churn: (a.churn / 100.0).clamp(0.0, 1.0),
        write_turnaround: Duration::from_millis(a.write_turnaround),
        time_scale: a.time_scale,
        ..Default::default()
    };
    let quiet = a.quiet;
    let notify: crate::sim::Notify = Arc::new(move |n| {
        if !quiet {
            println!("{}", note_json(&n));
        }
    });
    let shutdown = CancellationToken::new();
    let count = a.count.max(1);
    let mut tasks = Vec::with_capacity(count);
    let started = Instant::now();
    for i in 0..count {
        let modem = SimModem::new(base.numbered(i, count), notify.clone());
        let stop = shutdown.clone();
        let delay = Duration::from_secs_f64(a.ramp.max(0.0) * i as f64 / count as f64);
        tasks.push(tokio::spawn(async move {
            tokio::select! {
                _ = stop.cancelled() => return SimReport::default(),
                _ = tokio::time::sleep(delay) => {}
            }
            modem.run(stop).await
        }));
    }
    match a.duration {
        Some(d) => {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs_f64(d.max(0.0))) => {}
                _ = super::interrupted() => {}
            }
        }
        None => super::interrupted().await,
    }
    shutdown.cancel();
    let mut reports = Vec::with_capacity(count);
    for t in tasks {
        reports.push(t.await.unwrap_or_default());
    }
    println!("{}", stats_json(&reports, started.elapsed().as_secs_f64()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[], 50.0), 0);
    }
}
