//! Serial link figures over a socat pty pair with the simulated controller on the other end,
//! all in one run:
//! - the floor: a bare request/reply loop on the pty (write the frame, read the reply);
//! - the link flat out: polls per second and its own average response time, so the time it adds
//!   per request beyond the controller's reply is `link - floor`;
//! - the link and `mbpoll` at mbpoll's fastest pace (a poll every 10 ms), polls per second.
//!
//! Run: `cargo bench --bench serial_link` (needs socat and mbpoll).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly or not at all

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cmm_commissioner::link::serial::{SerialSettings, start_serial};
use cmm_commissioner::link::{Event, EventSink};
use cmm_commissioner::proto::{PollPlan, Request};
use cmm_commissioner::sim::SimController;
use cmm_commissioner::sim::serial_slave::{Faults, serve_serial};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::sync::CancellationToken;

/// Holding registers 0-44 of slave 1: the biggest read of the field plan.
const READ: &str = "01030000002D85D7";
const REPLY_LEN: usize = 3 + 45 * 2 + 2;
const SECONDS: f64 = 5.0;

async fn floor(path: &str) -> f64 {
    let s = SerialSettings::new(path);
    let mut port = tokio_serial::SerialStream::open(&cmm_commissioner::link::serial::builder(&s))
        .expect("open pty");
    let req = Request::from_hex(READ).expect("valid").encode();
    let mut buf = vec![0u8; 512];
    let n = 2000;
    let start = Instant::now();
    for _ in 0..n {
        port.write_all(&req).await.expect("write");
        let mut got = 0;
        while got < REPLY_LEN {
            got += port.read(&mut buf[got..]).await.expect("read");
        }
    }
    start.elapsed().as_secs_f64() / f64::from(n)
}

/// Polls per second and the link's average response time (s).
async fn link(path: &str, delay: Duration) -> (f64, f64) {
    let mut s = SerialSettings::new(path);
    s.plan = PollPlan::parse(READ).expect("valid");
    s.poll_delay = delay;
    let (sink, mut events) = EventSink::channel(100_000);
    let handle = start_serial(s, sink);
    let start = Instant::now();
    let mut last = None;
    while start.elapsed().as_secs_f64() < SECONDS {
        if let Ok(Some(Event::Stats { stats, .. })) =
            tokio::time::timeout(Duration::from_millis(100), events.recv()).await
        {
            last = Some((start.elapsed().as_secs_f64(), stats));
        }
    }
    handle.stop().await;
    let (t, stats) = last.expect("stats");
    (
        stats.responses as f64 / t,
        stats.average().map_or(0.0, |d| d.as_secs_f64()),
    )
}

fn mbpoll(path: &str) -> Option<f64> {
    let start = Instant::now();
    let out = Command::new("timeout")
        .args([
            &format!("{SECONDS}"),
            "mbpoll",
            "-m",
            "rtu",
            "-a",
            "1",
            "-b",
            "9600",
            "-P",
            "none",
            "-t",
            "4",
            "-r",
            "1",
            "-c",
            "45",
            "-l",
            "10",
            "-o",
            "0.2",
            path,
        ])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let polls = text.lines().filter(|l| l.starts_with("[1]:")).count() as f64;
    Some(polls / start.elapsed().as_secs_f64())
}

fn main() {
    let dir = std::env::temp_dir().join(format!("cmm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (a, b) = (dir.join("controller"), dir.join("laptop"));
    let mut socat = Command::new("socat")
        .args([
            format!("pty,raw,echo=0,link={}", a.display()),
            format!("pty,raw,echo=0,link={}", b.display()),
        ])
        .spawn()
        .expect("socat installed");
    while !(a.exists() && b.exists()) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    rt.block_on(async {
        let stop = CancellationToken::new();
        let port = tokio_serial::SerialStream::open(&cmm_commissioner::link::serial::builder(&SerialSettings::new(&a))).expect("open");
        tokio::spawn(serve_serial(port, SimController::new(1, 1, 0), Faults::default(), 1, stop.clone()));
        let floor = floor(&b).await;
        let (fast_rate, avg) = link(&b, Duration::ZERO).await;
        let (paced_rate, _) = link(&b, Duration::from_millis(10)).await;
        let mb = mbpoll(&b);
        println!("read: holding registers 0-44 of slave 1 ({READ}), over a pty pair (baud is not simulated)");
        println!("bare request/reply on the pty:      {:.3} ms per request", floor * 1e3);
        println!("link flat out:                      {fast_rate:.0} polls/s, {:.3} ms per request", avg * 1e3);
        println!("time the link adds per request:     {:.3} ms", (avg - floor) * 1e3);
        println!("link, a poll every 10 ms:           {paced_rate:.1} polls/s");
        match mb {
            Some(r) => println!("mbpoll -l 10 (its fastest):         {r:.1} polls/s"),
            None => println!("mbpoll: not installed"),
        }
        stop.cancel();
    });
    let _ = socat.kill();
    let _ = socat.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
