//! The MQTT bridge at fleet scale: `cargo bench --bench mqtt_bridge [-- MODEMS [SECONDS]]`.
//!
//! A real Mosquitto on a free loopback port, the release `cmmctl serve` answering `MODEMS`
//! (default 2,000) simulated modems (`cmmctl sim-modem`, another process) uploading every
//! 500 ms, measured for `SECONDS` (default 30) after the logins settle, twice: without the
//! bridge, then with `--mqtt`. A subscriber on `cmm/#` counts what the broker delivers and,
//! for each state message, the time from the upload reaching the bridge (the state's `time`)
//! to the message reaching the subscriber. Prints publishes per second, the latency
//! percentiles, and the CPU time of the serve process (and of the broker) per second of wall
//! time, with and without the bridge.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/it/common/broker.rs"]
mod broker;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cmmctl");

/// CPU seconds (user + system) a process has used.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `cmmctl serve` on a free port; its address.
fn serve(mqtt: Option<&str>) -> (Killed, String) {
    let mut args = vec![
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--online-rate",
        "500",
        "--no-changes",
        "--no-record",
    ];
    if let Some(url) = mqtt {
        args.extend(["--mqtt", url]);
    }
    let mut child = Command::new(BIN)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if !sent && line.contains("\"listening\"") {
                let v: serde_json::Value = serde_json::from_str(&line).unwrap();
                let _ = tx.send(v["addr"].as_str().unwrap().to_string());
                sent = true;
            }
        }
    });
    let addr = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    (Killed(child), addr)
}

struct Figures {
    serve_cpu: f64,
    broker_cpu: f64,
    serve_rss: f64,
    publishes: f64,
    states: f64,
    latency_ms: Vec<f64>,
}

#[derive(Default)]
struct Counts {
    all: AtomicU64,
    states: AtomicU64,
    latencies_us: Mutex<Vec<u32>>,
    measuring: std::sync::atomic::AtomicBool,
}

/// Subscribes to everything under `cmm/` and counts it while `measuring` is set.
fn subscriber(port: u16, counts: Arc<Counts>) {
    std::thread::spawn(move || {
        let mut o = rumqttc::MqttOptions::new("bench-sub", "127.0.0.1", port);
        o.set_max_packet_size(1 << 20, 1 << 20);
        let (client, mut conn) = rumqttc::Client::new(o, 64);
        client.subscribe("cmm/#", rumqttc::QoS::AtMostOnce).unwrap();
        for ev in conn.iter() {
            let Ok(rumqttc::Event::Incoming(rumqttc::Packet::Publish(p))) = ev else {
                continue;
            };
            if !counts.measuring.load(Ordering::Relaxed) {
                continue;
            }
            counts.all.fetch_add(1, Ordering::Relaxed);
            if !p.topic.ends_with("/state") || p.retain {
                continue;
            }
            counts.states.fetch_add(1, Ordering::Relaxed);
            let text = String::from_utf8_lossy(&p.payload);
            let Some(t) = text
                .split_once("\"time\":\"")
                .and_then(|(_, r)| r.split_once('"'))
                .and_then(|(t, _)| chrono::DateTime::parse_from_rfc3339(t).ok())
            else {
                continue;
            };
            let us = chrono::Utc::now()
                .signed_duration_since(t)
                .num_microseconds()
                .unwrap_or(0)
                .max(0);
            counts.latencies_us.lock().unwrap().push(us as u32);
        }
    });
}

fn run(modems: usize, seconds: u64, broker: Option<&broker::Broker>) -> Figures {
    let url = broker.map(|b| b.url());
    let (server, addr) = serve(url.as_deref());
    let counts = Arc::new(Counts::default());
    if let Some(b) = broker {
        subscriber(b.port, counts.clone());
    }
    let ramp = (modems / 200).max(2);
    let sim = Killed(
        Command::new(BIN)
            .args([
                "sim-modem",
                "--server",
                &addr,
                "--count",
                &modems.to_string(),
            ])
            .args(["--ramp", &ramp.to_string(), "--quiet", "--heartbeat", "30"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    std::thread::sleep(Duration::from_secs(ramp as u64 + 8));
    let pid = server.0.id();
    let broker_pid = broker.and_then(|b| b.pid());
    let (cpu0, bcpu0) = (cpu_seconds(pid), broker_pid.map(cpu_seconds).unwrap_or(0.0));
    counts.measuring.store(true, Ordering::Relaxed);
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_secs(seconds));
    counts.measuring.store(false, Ordering::Relaxed);
    let wall = t0.elapsed().as_secs_f64();
    let serve_cpu = (cpu_seconds(pid) - cpu0) / wall;
    let broker_cpu = (broker_pid.map(cpu_seconds).unwrap_or(0.0) - bcpu0) / wall;
    let serve_rss = rss_mib(pid);
    drop(sim);
    drop(server);
    let mut lat: Vec<f64> = counts
        .latencies_us
        .lock()
        .unwrap()
        .iter()
        .map(|u| f64::from(*u) / 1000.0)
        .collect();
    lat.sort_by(f64::total_cmp);
    Figures {
        serve_cpu,
        broker_cpu,
        serve_rss,
        publishes: counts.all.load(Ordering::Relaxed) as f64 / wall,
        states: counts.states.load(Ordering::Relaxed) as f64 / wall,
        latency_ms: lat,
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let modems: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    println!("{modems} simulated modems uploading every 500 ms, measured for {seconds} s");

    let without = run(modems, seconds, None);
    println!(
        "without the bridge: serve CPU {:.2} cores ({:.0} MiB resident)",
        without.serve_cpu, without.serve_rss
    );

    let b = broker::Broker::start("bench");
    let with = run(modems, seconds, Some(&b));
    let l = &with.latency_ms;
    println!(
        "with the bridge:    serve CPU {:.2} cores ({:.0} MiB resident), broker CPU {:.2} cores",
        with.serve_cpu, with.serve_rss, with.broker_cpu
    );
    println!(
        "  delivered to a subscriber of cmm/#: {:.0} messages/s, of them {:.0} states/s \
         (uploads expected: {:.0}/s)",
        with.publishes,
        with.states,
        modems as f64 * 2.0
    );
    println!(
        "  upload at the bridge -> state at the subscriber: p50 {:.1} ms, p99 {:.1} ms, \
         max {:.1} ms ({} states)",
        pct(l, 0.50),
        pct(l, 0.99),
        l.last().copied().unwrap_or(f64::NAN),
        l.len()
    );
}
