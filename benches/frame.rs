//! Time to build one frame of the desktop app: `cargo bench --bench frame`.
//!
//! The real app (egui_kittest drives it without a window) with 20 simulated modems reporting
//! at 1 Hz over loopback to its own server, and 16 plotted series each holding 24 hours at one
//! point a second. Prints the time of the egui pass (layout of every panel, the plot's
//! decimation, the values table) and of tessellation, per frame. The harness also builds the
//! accessibility tree each frame, which the desktop app only does when a screen reader asks,
//! so the figures are an upper bound. Target: under 4 ms per frame.
//!
//! Then the fleet: 2,000 simulated modems at 1 Hz, measured on the Fleet tab (sorted by name,
//! then by alarms) and on the Overview tab. `cargo bench --bench frame -- fleet` runs only
//! that part.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use cmm_commissioner::app::series::Series;
use cmm_commissioner::app::state::SERIES_CAPACITY;
use cmm_commissioner::proto::Table;
use cmm_commissioner::ui::view::Tab;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use egui_kittest::Harness;

const MODEMS: usize = 20;
const FLEET: usize = 2000;
const SERIES: usize = 16;
const FRAMES: usize = 300;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The app with `modems` demo modems, all online and uploaded once.
fn demo_app(modems: usize) -> Harness<'static, CommissionerApp> {
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::default();
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.server.online_rate = 1000;
            startup.demo = true;
            startup.demo_modems = modems;
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    let deadline = Instant::now() + Duration::from_secs(120);
    while h.state().state().online_count() < modems {
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
    h
}

/// Steps `FRAMES` frames at about 60 a second; (egui pass, tessellation) per frame, ms.
fn measure(h: &mut Harness<'_, CommissionerApp>) -> (Vec<f64>, Vec<f64>, Duration) {
    let mut pass = Vec::with_capacity(FRAMES);
    let mut tess = Vec::with_capacity(FRAMES);
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
        // The modems' uploads arrive between frames as in use.
        std::thread::sleep(Duration::from_millis(16));
    }
    (pass, tess, started.elapsed())
}

fn report(name: &str, v: &[f64]) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let mean = s.iter().sum::<f64>() / s.len() as f64;
    println!(
        "{name:<22} mean {mean:6.2} ms   p50 {:6.2} ms   p95 {:6.2} ms   max {:6.2} ms",
        percentile(&s, 0.5),
        percentile(&s, 0.95),
        s[s.len() - 1]
    );
}

fn report_all(pass: &[f64], tess: &[f64]) {
    let total: Vec<f64> = pass.iter().zip(tess).map(|(a, b)| a + b).collect();
    report("egui pass", pass);
    report("tessellation", tess);
    report("frame (pass + tess.)", &total);
}

fn main() {
    let fleet_only = std::env::args().any(|a| a == "fleet");
    if !fleet_only {
        plots();
    }
    fleet();
}

/// 2,000 modems: the Fleet tab sorted two ways, then one target's Overview.
fn fleet() {
    let mut h = demo_app(FLEET);
    type Setup = fn(&mut cmm_commissioner::ui::view::View);
    let views: [(&str, Setup); 3] = [
        ("fleet, by name", |v| v.tab = Tab::Fleet),
        ("fleet, by alarms", |v| {
            v.tab = Tab::Fleet;
            v.fleet.sort = (cmm_commissioner::ui::fleet_ui::Column::Alarms, true);
        }),
        ("overview", |v| v.tab = Tab::Overview),
    ];
    for (name, setup) in views {
        setup(h.state_mut().view());
        h.step();
        let (pass, tess, wall) = measure(&mut h);
        println!(
            "frame: {} modems online, {name}, {FRAMES} frames over {:.1} s, 1600x1000",
            h.state().state().online_count(),
            wall.as_secs_f64()
        );
        report_all(&pass, &tess);
    }
    h.state_mut().shutdown();
}

/// 20 modems and 16 plotted series of 24 h.
fn plots() {
    let mut h = demo_app(MODEMS);

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

    h.state_mut().view().tab = Tab::Values;
    let (pass, tess, wall) = measure(&mut h);
    println!(
        "frame: {} modems online, {} plotted series holding {} points, {} frames over {:.1} s, \
         1600x1000",
        h.state().state().online_count(),
        SERIES,
        points,
        FRAMES,
        wall.as_secs_f64()
    );
    report_all(&pass, &tess);
    h.state_mut().shutdown();
}
