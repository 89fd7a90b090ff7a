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
//! then by alarms) and on the Overview tab, twice: with the modems simulated by the app's own
//! demo (in its process, sharing its runtime), then by `cmmctl sim-modem` in a process of its
//! own at the lowest priority, as modems out in the field cost the laptop only their
//! messages. `cargo bench --bench frame -- fleet` runs only that part.
//!
//! `cargo bench --bench frame -- 10k` runs the big fleet instead: the app's start-up with
//! 10,000 modems known from the last recording (to its first frame, and to every one listed),
//! then 10,000 modems of `cmmctl sim-modem` apart at the vendor's rate (every 3 s) on the Fleet
//! tab and the Overview. Targets: frame mean under 4 ms, p95 under 6 ms.
//!
//! Each egui pass is also split: the window thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`),
//! its time waiting for a core (the scheduler's own accounting, `/proc/thread-self/schedstat`),
//! and apart from those its time waiting for the state's lock.
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
/// The fleet of `cargo bench --bench frame -- 10k`: modems at the vendor's rate, and modems
/// known from the last recording at start-up.
const BIG_FLEET: usize = 10_000;
const SERIES: usize = 16;
const FRAMES: usize = 300;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Where the simulated modems run.
#[derive(Clone, Copy, PartialEq)]
enum Modems {
    /// The app's own demo: in its process, on its runtime.
    Demo,
    /// `cmmctl sim-modem` in a process of its own at the lowest priority, as modems out in
    /// the field cost the laptop nothing but their messages.
    Apart,
}

/// The app with `modems` simulated modems, all online and uploaded once (and the simulator's
/// process, when apart).
fn demo_app(
    modems: usize,
    place: Modems,
    rate_ms: u32,
) -> (
    Harness<'static, CommissionerApp>,
    Option<std::process::Child>,
) {
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::default();
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.server.online_rate = rate_ms;
            startup.demo = place == Modems::Demo;
            startup.demo_modems = modems;
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    let sims = (place == Modems::Apart).then(|| {
        let deadline = Instant::now() + Duration::from_secs(10);
        let addr = loop {
            h.step();
            if let Some(a) = h.state().server_addr() {
                break a;
            }
            assert!(Instant::now() < deadline, "the app's server never started");
            std::thread::sleep(Duration::from_millis(20));
        };
        std::process::Command::new("nice")
            .args([
                "-n",
                "19",
                env!("CARGO_BIN_EXE_cmmctl"),
                "sim-modem",
                "--quiet",
            ])
            .args([
                "--server",
                &addr.to_string(),
                "--count",
                &modems.to_string(),
            ])
            .args(["--ramp", &(modems / 400).max(5).to_string()])
            .args(["--hostname", "DEMO-GENSET"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("cmmctl sim-modem starts")
    });
    let deadline = Instant::now() + Duration::from_secs(300);
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
    (h, sims)
}

/// This thread's CPU time, ns (exact: the kernel adds the time since its last tick).
fn cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// This thread's time waiting for a core, ns, from the scheduler's own accounting
/// (`/proc/thread-self/schedstat`, second field); zero where there is none.
fn runnable_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    s.split_whitespace()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0)
}

/// Per frame, ms: the egui pass, tessellation, and of the pass this thread's CPU time, its
/// time waiting for a core and its time waiting for the state's lock.
struct Frames {
    pass: Vec<f64>,
    tess: Vec<f64>,
    on_cpu: Vec<f64>,
    runnable: Vec<f64>,
    locked: Vec<f64>,
}

/// Steps `FRAMES` frames at about 60 a second.
fn measure(h: &mut Harness<'_, CommissionerApp>) -> (Frames, Duration) {
    let mut f = Frames {
        pass: Vec::with_capacity(FRAMES),
        tess: Vec::with_capacity(FRAMES),
        on_cpu: Vec::with_capacity(FRAMES),
        runnable: Vec::with_capacity(FRAMES),
        locked: Vec::with_capacity(FRAMES),
    };
    let started = Instant::now();
    for _ in 0..FRAMES {
        let (run0, wait0) = (cpu_ns(), runnable_ns());
        let lock0 = h.state().lock_wait();
        let t0 = Instant::now();
        h.step();
        let t1 = Instant::now();
        let (run1, wait1) = (cpu_ns(), runnable_ns());
        f.locked
            .push((h.state().lock_wait() - lock0).as_secs_f64() * 1e3);
        let out = h.output();
        let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
        let t2 = Instant::now();
        assert!(!prims.is_empty());
        f.pass.push((t1 - t0).as_secs_f64() * 1e3);
        f.tess.push((t2 - t1).as_secs_f64() * 1e3);
        f.on_cpu.push(run1.saturating_sub(run0) as f64 / 1e6);
        f.runnable.push(wait1.saturating_sub(wait0) as f64 / 1e6);
        // The modems' uploads arrive between frames as in use.
        std::thread::sleep(Duration::from_millis(16));
    }
    (f, started.elapsed())
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

/// The figures of a run. The pass's wall time is its time on a core, waiting for one (the
/// core's threads and the simulated modems share the machine's cores), and waiting for the
/// state's lock while the core applies uploads (measured apart: it overlaps the other two).
fn report_all(f: &Frames) {
    let total: Vec<f64> = f.pass.iter().zip(&f.tess).map(|(a, b)| a + b).collect();
    report("egui pass", &f.pass);
    report("  on a core", &f.on_cpu);
    report("  waiting for a core", &f.runnable);
    report("  waiting for the lock", &f.locked);
    report("tessellation", &f.tess);
    report("frame (pass + tess.)", &total);
}

fn main() {
    let arg = |a: &str| std::env::args().any(|x| x == a);
    if arg("10k") {
        startup_with_known(BIG_FLEET);
        fleet_with(Modems::Apart, BIG_FLEET, 3000);
        return;
    }
    if !arg("fleet") {
        plots();
    }
    fleet();
}

/// 2,000 modems: the Fleet tab sorted two ways, then one target's Overview; with the modems
/// simulated in the app's process, then apart.
fn fleet() {
    for place in [Modems::Demo, Modems::Apart] {
        fleet_with(place, FLEET, 1000);
    }
}

fn fleet_with(place: Modems, modems: usize, rate_ms: u32) {
    let (mut h, sims) = demo_app(modems, place, rate_ms);
    let whose = match place {
        Modems::Demo => "simulated in the app",
        Modems::Apart => "simulated apart at nice 19",
    };
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
        let (frames, wall) = measure(&mut h);
        println!(
            "frame: {} modems online ({whose}, every {rate_ms} ms), {name}, {FRAMES} frames \
             over {:.1} s, 1600x1000",
            h.state().state().online_count(),
            wall.as_secs_f64()
        );
        report_all(&frames);
    }
    h.state_mut().shutdown();
    if let Some(mut c) = sims {
        let _ = c.kill();
        let _ = c.wait();
    }
}

/// 20 modems and 16 plotted series of 24 h.
fn plots() {
    let (mut h, _) = demo_app(MODEMS, Modems::Demo, 1000);

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
    let (frames, wall) = measure(&mut h);
    println!(
        "frame: {} modems online, {} plotted series holding {} points, {} frames over {:.1} s, \
         1600x1000",
        h.state().state().online_count(),
        SERIES,
        points,
        FRAMES,
        wall.as_secs_f64()
    );
    report_all(&frames);
    h.state_mut().shutdown();
}

/// Start-up with `known` modems known from the last recording (the registry): from the app's
/// creation to its first frame, and to the first frame that lists every known modem, with the
/// new recording beside the old one as a normal start makes it.
fn startup_with_known(known: usize) {
    use cmm_commissioner::store::{Record, Recorder};
    let dir = std::env::temp_dir().join(format!("cmm-frame-known-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let old = dir.join("2026-01-01T00-00-00.cmmrec");
    let r = Recorder::open(&old, "frame bench").unwrap();
    for i in 0..known {
        r.record(Record::Target {
            key: format!("{:024X}", 0x3130_3730_3133_0000_0000_u128 + i as u128),
            hostname: format!("SITE-{:05}", i + 1),
            moduletype: "HGM6120N".into(),
            accepted: Some(true),
            module_port: Some(2),
            module_baud: Some(0),
            peer: "10.0.0.1:40000".into(),
            t_ms: 1_767_225_600_000 + i as i64,
        });
    }
    r.close().unwrap();
    let new = dir.join("2026-01-02T00-00-00.cmmrec");
    for round in 1..=3 {
        let _ = std::fs::remove_file(&new);
        let started = Instant::now();
        let path = new.clone();
        let mut h = Harness::builder()
            .with_size([1600.0, 1000.0])
            .build_eframe(move |cc| {
                let ctx = cc.egui_ctx.clone();
                let mut startup = Startup::default();
                startup.server.listen = "127.0.0.1:0".parse().unwrap();
                startup.record = Some(path.clone());
                CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
            });
        h.step();
        let first = started.elapsed();
        let deadline = Instant::now() + Duration::from_secs(60);
        while h.state().state().targets.len() < known {
            assert!(Instant::now() < deadline, "the known modems never showed");
            std::thread::sleep(Duration::from_millis(2));
            h.step();
        }
        let listed = started.elapsed();
        println!(
            "start-up {round}, {known} modems known from the last recording: first frame \
             {:.0} ms, every known modem listed {:.0} ms",
            first.as_secs_f64() * 1e3,
            listed.as_secs_f64() * 1e3
        );
        h.state_mut().shutdown();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
