//! Time to build one frame of the desktop app: `cargo bench --bench frame`.
//!
//! The real app (egui_kittest drives it without a window) with 20 simulated modems reporting
//! at 1 Hz over loopback to its own server, and 16 plotted series each holding 24 hours at one
//! point a second. Prints the time of the egui pass (layout of every panel, the plot's
//! decimation, the values table) and of tessellation, per frame. The harness also builds the
//! accessibility tree each frame, which the desktop app only does when a screen reader asks,
//! so the figures are an upper bound. Target: under 4 ms per frame.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use cmm_commissioner::app::series::Series;
use cmm_commissioner::app::state::SERIES_CAPACITY;
use cmm_commissioner::proto::Table;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use egui_kittest::Harness;

const MODEMS: usize = 20;
const SERIES: usize = 16;
const FRAMES: usize = 300;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::default();
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.server.online_rate = 1000;
            startup.demo = true;
            startup.demo_modems = MODEMS;
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.state().state().online_count() < MODEMS {
        assert!(
            Instant::now() < deadline,
            "the simulated modems never all came online"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let every modem upload once, so every table is full.
    for _ in 0..100 {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }

    // 16 series of 24 h at 1 Hz ending now, on the selected modem and the next ones.
    let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
    let hosts: Vec<String> = h.state().state().targets.keys().cloned().collect();
    let regs = [0u16, 1, 2, 6, 7, 8, 9, 13, 17, 23, 24, 55];
    let points = {
        let mut state = h.state_mut().state_mut();
        for i in 0..SERIES {
            let key = (
                hosts[i % 4].clone(),
                Table::Holding,
                regs[i % regs.len()] + (i / 12) as u16,
            );
            let mut s = Series::new(SERIES_CAPACITY);
            for k in 0..SERIES_CAPACITY {
                let t = now - (SERIES_CAPACITY - k) as f64;
                s.push(
                    t,
                    230.0 + 10.0 * ((k as f64) / 600.0).sin() + (k % 7) as f64,
                );
            }
            state.plotted.insert(key, s);
        }
        assert_eq!(state.plotted.len(), SERIES);
        state.plotted.values().map(Series::len).sum::<usize>()
    };

    let mut pass = Vec::with_capacity(FRAMES);
    let mut tess = Vec::with_capacity(FRAMES);
    let mut events = 0usize;
    let started = Instant::now();
    for _ in 0..FRAMES {
        let t0 = Instant::now();
        h.step();
        let t1 = Instant::now();
        let out = h.output();
        let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
        let t2 = Instant::now();
        assert!(!prims.is_empty());
        pass.push((t1 - t0).as_secs_f64() * 1e3);
        tess.push((t2 - t1).as_secs_f64() * 1e3);
        events += 1;
        // About 60 frames a second, so the modems' uploads arrive between frames as in use.
        std::thread::sleep(Duration::from_millis(16));
    }
    let wall = started.elapsed();
    let total: Vec<f64> = pass.iter().zip(&tess).map(|(a, b)| a + b).collect();
    let report = |name: &str, v: &[f64]| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        let mean = s.iter().sum::<f64>() / s.len() as f64;
        println!(
            "{name:<22} mean {mean:6.2} ms   p50 {:6.2} ms   p95 {:6.2} ms   max {:6.2} ms",
            percentile(&s, 0.5),
            percentile(&s, 0.95),
            s[s.len() - 1]
        );
    };
    println!(
        "frame: {} modems online, {} plotted series holding {} points, {} frames over {:.1} s, \
         1600x1000",
        h.state().state().online_count(),
        SERIES,
        points,
        events,
        wall.as_secs_f64()
    );
    report("egui pass", &pass);
    report("tessellation", &tess);
    report("frame (pass + tess.)", &total);
    h.state_mut().shutdown();
}
