//! Opening a big recording: `cargo bench --bench open_recording`.
//!
//! A day of 50 modems at the vendor's rate (changes every 3 s, a heartbeat every 30 s, a full
//! upload every minute), made by `cmm_commissioner::sim::day` through the server's session,
//! the state and the recorder (kept in `target/bench-data/`, made again when missing; set
//! `CMM_BIG_RECORDING` to use another file). Then the real app (egui_kittest drives it without
//! a window) shows it read-only, as `cmm-commissioner --open FILE` does:
//! - from start to the first frame, and to the first frame that shows every target at the
//!   recording's last moment;
//! - the slider moved to moments spread over the day: from the move to the frame that shows
//!   that moment, every target's values read from the file.
//!
//! Targets: the first under 2 s, a move under 100 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cmm_commissioner::app::Command;
use cmm_commissioner::sim::day::{Day, write};
use cmm_commissioner::ui::{CommissionerApp, Startup};
use egui_kittest::Harness;

const MODEMS: usize = 50;
const HOURS: f64 = 24.0;
const MOVES: usize = 30;
/// Seconds given to the check of the file before the second series of moves.
const CHECKED_S: u64 = 15;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, v: &[f64]) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let mean = s.iter().sum::<f64>() / s.len() as f64;
    println!(
        "{name:<34} mean {mean:7.1} ms   p50 {:7.1} ms   p95 {:7.1} ms   max {:7.1} ms",
        percentile(&s, 0.5),
        percentile(&s, 0.95),
        s[s.len() - 1]
    );
}

/// The day's file, made when missing.
fn recording() -> PathBuf {
    if let Some(p) = std::env::var_os("CMM_BIG_RECORDING") {
        return PathBuf::from(p);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("day-{MODEMS}-modems-{HOURS}h.cmmrec"));
    if !path.exists() {
        let started = Instant::now();
        let day = Day {
            modems: MODEMS,
            hours: HOURS,
            rate_ms: 3000,
            end_ms: chrono::Utc::now().timestamp_millis(),
        };
        let partial = path.with_extension("making");
        let made = write(&partial, day, |_| {}).expect("the day's recording is made");
        assert_eq!(made.lost, 0);
        std::fs::rename(&partial, &path).unwrap();
        println!(
            "made {}: {} messages, {} rows in {:.0} s",
            path.display(),
            made.messages,
            made.rows,
            started.elapsed().as_secs_f64()
        );
    }
    path
}

fn main() {
    let path = recording();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let rec = cmm_commissioner::store::reader::Recording::open(&path).unwrap();
    let (samples, messages) = (rec.count("sample").unwrap(), rec.count("message").unwrap());
    drop(rec);
    println!(
        "recording: {} ({:.0} MB, {samples} samples, {messages} messages)",
        path.display(),
        size as f64 / 1e6
    );

    for round in 1..=2 {
        println!("round {round}");
        open_and_move(&path);
    }
}

fn open_and_move(path: &std::path::Path) {
    let started = Instant::now();
    let p = path.to_path_buf();
    let mut h: Harness<'static, CommissionerApp> = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let startup = Startup {
                offline: Some(p.clone()),
                ..Default::default()
            };
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    h.step();
    let first = started.elapsed();
    let shown = |h: &Harness<'_, CommissionerApp>| {
        let s = h.state().state();
        s.offline
            .as_ref()
            .and_then(|o| o.span.map(|(_, end)| o.at_ms == end))
            .unwrap_or(false)
            && s.targets.len() == MODEMS
            && s.targets.values().all(|t| t.read_only)
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while !shown(&h) {
        assert!(Instant::now() < deadline, "the recording never showed");
        std::thread::sleep(Duration::from_millis(2));
        h.step();
    }
    let whole = started.elapsed();
    println!(
        "open: first frame {:.0} ms; every target shown at the last moment {:.0} ms",
        first.as_secs_f64() * 1e3,
        whole.as_secs_f64() * 1e3
    );

    // The slider to moments spread over the day, in a shuffled order: at once, while the
    // file's check (a pass over all of it, in the background) still runs, then once it is
    // done.
    let (start, end) = h.state().state().offline.as_ref().unwrap().span.unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for when in ["at once (the file being checked)", "after the check"] {
        if when.starts_with("after") {
            let until = Instant::now() + Duration::from_secs(CHECKED_S);
            while Instant::now() < until {
                std::thread::sleep(Duration::from_millis(50));
                h.step();
            }
        }
        let mut moves = Vec::with_capacity(MOVES);
        let mut frames = Vec::with_capacity(MOVES);
        for _ in 0..MOVES {
            let t = start + rng.i64(0..=(end - start));
            let t0 = Instant::now();
            h.state_mut().send(Command::Seek(t));
            let mut n = 0;
            loop {
                // A window draws when woken, not in a spin: a short wait between frames.
                std::thread::sleep(Duration::from_millis(2));
                h.step();
                n += 1;
                let s = h.state().state();
                if s.offline.as_ref().is_some_and(|o| o.at_ms == t) {
                    break;
                }
                drop(s);
                assert!(
                    t0.elapsed() < Duration::from_secs(60),
                    "the move never showed"
                );
            }
            moves.push(t0.elapsed().as_secs_f64() * 1e3);
            frames.push(n as f64);
        }
        println!("slider, {MOVES} moves {when}:");
        report("  move to the moment shown", &moves);
    }
    h.state_mut().shutdown();
}
