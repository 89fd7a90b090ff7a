//! The real desktop app driven through its accessibility tree (egui_kittest), against a
//! simulated modem on the app's own server: a named value arrives, a remote command goes out
//! through the confirmation dialog, and its outcome is confirmed by the next readings.

use std::sync::Arc;
use std::time::{Duration, Instant};

use cmm_commissioner::app::{Command, Settings};
use cmm_commissioner::proto::Table;
use cmm_commissioner::ui::editor_ui::Pending;
use cmm_commissioner::ui::file_dialog::Purpose;
use cmm_commissioner::ui::view::{Tab, View};
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;

use crate::common::GUARD;
/// Longest wait for a scenario's step (the breaker closes 18 s into it), or for a renderer to
/// come up and draw: three guards, on a machine busy with other tests.
pub(crate) const SCENARIO_GUARD: Duration = Duration::from_secs(3 * GUARD.as_secs());

/// Runs frames until `found` holds (the app draws what its events brought).
pub(crate) fn until(
    h: &mut Harness<'_, CommissionerApp>,
    what: &str,
    found: impl Fn(&Harness<'_, CommissionerApp>) -> bool,
) {
    until_within(h, GUARD, what, found);
}

/// As [`until`], for what takes longer by design (a scenario's step at 18 s, on a machine
/// that may be busy with other tests): a longer guard, still no fixed wait.
pub(crate) fn until_within(
    h: &mut Harness<'_, CommissionerApp>,
    guard: Duration,
    what: &str,
    found: impl Fn(&Harness<'_, CommissionerApp>) -> bool,
) {
    common::eventually_within(guard, what, || {
        if found(h) {
            return true;
        }
        h.step();
        false
    });
}

/// The real app on a loopback port with `demo_modems` simulated modems (none: no demo), its
/// settings read from `settings_path` when given.
pub(crate) fn start_app(
    demo_modems: usize,
    settings_path: Option<std::path::PathBuf>,
) -> Harness<'static, CommissionerApp> {
    start_app_stepping(0.25, demo_modems, settings_path)
}

/// [`start_app`] with each frame `step_dt` seconds after the last in the window's clock.
pub(crate) fn start_app_stepping(
    step_dt: f32,
    demo_modems: usize,
    settings_path: Option<std::path::PathBuf>,
) -> Harness<'static, CommissionerApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(step_dt)
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let (settings, err) = match &settings_path {
                Some(p) => Settings::load(p),
                None => (Settings::default(), None),
            };
            assert_eq!(err, None);
            let mut startup = Startup::from_settings(settings, settings_path.clone());
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.demo = demo_modems > 0;
            startup.demo_modems = demo_modems;
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        })
}

/// The real app in demo mode on a loopback port, recording to `file`.
pub(crate) fn start_recorded_app(
    file: std::path::PathBuf,
    demo_modems: usize,
    online_rate: Option<u32>,
) -> Harness<'static, CommissionerApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::default();
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            if let Some(rate) = online_rate {
                startup.server.online_rate = rate;
            }
            startup.demo = true;
            startup.demo_modems = demo_modems;
            startup.record = Some(file.clone());
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        })
}

/// Types `text` into the values filter (in the Values tab), once data has arrived.
pub(crate) fn filter(h: &mut Harness<'_, CommissionerApp>, text: &str) {
    h.step();
    h.get_by_label("Values").click();
    h.step();
    until(h, "the values table", |h| {
        h.query_all_by_label("Filter").next().is_some()
    });
    h.get_by_label("Filter").focus();
    h.step();
    h.get_by_label("Filter").type_text(text);
    h.step();
    h.step();
}

#[test]
fn a_command_goes_through_the_confirmation_dialog_and_is_confirmed_by_the_readings() {
    let mut h = start_app(2, None);
    until(&mut h, "both modems", |h| {
        h.query_all_by_label("DEMO-GENSET-1  (online)")
            .next()
            .is_some()
            && h.query_all_by_label("DEMO-GENSET-2  (online)")
                .next()
                .is_some()
    });
    // Select the second one in the list: its values and commands are shown.
    h.get_by_label("DEMO-GENSET-2  (online)").click();
    until(&mut h, "the second modem selected", |h| {
        h.query_all_by_label_contains("DEMO-GENSET-2  3130373031334717003D0001")
            .next()
            .is_some()
    });
    // Rows out of view are not laid out: find the value with the filter.
    filter(&mut h, "mains ua");
    until(&mut h, "a named value", |h| {
        h.query_all_by_label("Mains UA").next().is_some()
    });
    until(&mut h, "the mode", |h| {
        h.query_all_by_label("Mode: Auto").next().is_some()
    });

    h.get_by_label("Manual").click();
    h.step();
    h.step();
    h.get_by_label_contains("Frame: 01050004FF00CDFB");
    h.get_by_label("Slave 1");
    h.get_by_label("Send").click();
    // The dialog names the slave, and the log names the target and the command.
    until(&mut h, "the outcome", |h| {
        h.query_all_by_label_contains("DEMO-GENSET-2 · Manual: accepted (01050004FF00CDFB,1)")
            .next()
            .is_some()
    });
    until(&mut h, "the readings confirm it", |h| {
        h.query_all_by_label_contains("confirmed by the readings")
            .next()
            .is_some()
    });
    until(&mut h, "manual mode", |h| {
        h.query_all_by_label("Mode: Manual").next().is_some()
    });

    // Cancel sends nothing.
    h.get_by_label("Stop").click();
    h.step();
    h.step();
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    assert!(
        h.query_all_by_label_contains("· Stop:").next().is_none(),
        "a cancelled command is not sent"
    );
    assert_eq!(h.state().state().commands.len(), 1);
    assert_eq!(
        h.state().state().commands[0].hostid,
        "3130373031334717003D0001",
        "the command went to the selected modem"
    );
}

#[test]
fn a_ticked_value_is_plotted_and_the_plot_is_remembered_across_runs() {
    let dir = crate::common::TempDir::new("gui-settings");
    let path = dir.join("settings.json");
    let mut h = start_app(1, Some(path.clone()));
    filter(&mut h, "mains ua");
    until(&mut h, "a named value", |h| {
        h.query_all_by_label("plot Mains UA").next().is_some()
    });
    // Ticking the first box brings the plot pane, and no row moves under the pointer.
    let row_before = h.get_by_label("plot Mains UA").rect();
    h.get_by_label("plot Mains UA").click();
    until(&mut h, "the plot", |h| {
        h.query_all_by_label("Follow live").next().is_some()
    });
    for _ in 0..3 {
        h.step();
    }
    assert_eq!(
        h.get_by_label("plot Mains UA").rect(),
        row_before,
        "the row stayed where it was clicked"
    );
    until(&mut h, "samples of the series", |h| {
        h.state().state().plotted.values().any(|s| s.len() >= 2)
    });
    let (key, series) = {
        let state = h.state().state();
        let (k, s) = state.plotted.iter().next().unwrap();
        (k.clone(), s.clone())
    };
    let key_table: Table = key.1;
    assert!(!key.1.is_bits());
    assert_eq!(key.2, 0, "Mains UA is register 0");
    assert!(series.len() >= 2, "samples arrive with each upload");
    // Voltages of the simulated genset: plausible, not zeros.
    let pts = series.visible(f64::MIN, f64::MAX, 100);
    assert!(pts.iter().all(|p| p[1] > 100.0 && p[1] < 300.0), "{pts:?}");
    h.get_by_label("Normalise").click();
    h.step();
    h.get_by_label("Own scales").click();
    h.step();
    h.state_mut().save_settings();
    h.state_mut().shutdown();
    drop(h);

    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"normalise\": true"), "{saved}");
    assert!(saved.contains("\"own_scales\": true"), "{saved}");
    let (settings, _) = Settings::load(&path);
    assert_eq!(settings.plotted.len(), 1);
    assert_eq!(settings.plotted[0].table(), Some(key_table));
    assert_eq!(settings.plotted[0].addr, 0);

    // The next run plots the same value from the start.
    let mut h = start_app(1, Some(path.clone()));
    until(&mut h, "the remembered plot", |h| {
        h.query_all_by_label("Follow live").next().is_some()
            && h.state().state().plotted.values().any(|s| !s.is_empty())
    });
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A socat pty pair in a temp folder: the controller's end and the laptop's end.
struct PtyPair {
    socat: std::process::Child,
    dir: crate::common::TempDir,
}

impl PtyPair {
    fn new(name: &str) -> PtyPair {
        let dir = crate::common::TempDir::new(&format!("gui-{name}"));
        let mut socat = std::process::Command::new("socat")
            .arg(format!(
                "pty,raw,echo=0,link={}",
                dir.join("controller").display()
            ))
            .arg(format!(
                "pty,raw,echo=0,link={}",
                dir.join("laptop").display()
            ))
            .spawn()
            .expect("socat is installed (.ci/run installs it)");
        for _ in 0..200 {
            if dir.join("controller").exists() && dir.join("laptop").exists() {
                return PtyPair { socat, dir };
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = socat.kill();
        let _ = socat.wait();
        panic!("socat made no pty pair");
    }

    fn path(&self, end: &str) -> String {
        self.dir.join(end).display().to_string()
    }
}

impl Drop for PtyPair {
    fn drop(&mut self) {
        let _ = self.socat.kill();
        let _ = self.socat.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_serial_controller_is_found_by_the_scan_connected_and_commanded() {
    use cmm_commissioner::link::serial::SerialSettings;
    use cmm_commissioner::sim::SimController;
    use cmm_commissioner::sim::serial_slave::{Faults, serve_serial};

    let pty = PtyPair::new("scan");
    // The simulated controller at slave id 7, on its own runtime, as if in the genset.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    {
        let _g = rt.enter();
        let port = tokio_serial::SerialStream::open(&cmm_commissioner::link::serial::builder(
            &SerialSettings::new(pty.path("controller")),
        ))
        .unwrap();
        let sim = SimController::new(7, 5, 1_763_900_000);
        rt.spawn(serve_serial(port, sim, Faults::default(), 1, stop.clone()));
    }

    let mut h = start_app(0, None);
    h.step();
    h.get_by_label("Connect serial…").click();
    until(&mut h, "the serial window", |h| {
        h.query_all_by_label("Port path").next().is_some()
    });
    // A port that cannot be opened is refused in the dialog, and adds no target.
    let missing = pty.path("no-such-port");
    h.get_by_label("Port path").focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label("Port path").type_text(&missing);
    h.step();
    h.get_by_label("Connect").click();
    until(&mut h, "the refusal in the dialog", |h| {
        h.query_all_by_label_contains(&format!("cannot open {missing}"))
            .next()
            .is_some()
    });
    assert!(h.state().state().targets.is_empty(), "no target retrying");
    h.get_by_label("Port path").focus();
    h.step();
    // Replace the path with the pty (select all, then type).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label("Port path").type_text(&pty.path("laptop"));
    h.step();
    h.get_by_label("Scan").click();
    until(&mut h, "the scan to find the controller", |h| {
        h.query_all_by_label("Found: slave 7 at 2400 baud (use it)")
            .next()
            .is_some()
    });
    // Enough: stop the scan and take what it found.
    h.get_by_label("Stop scan").click();
    until(&mut h, "the scan to stop", |h| {
        h.query_all_by_label("Scan").next().is_some()
    });
    h.get_by_label("Found: slave 7 at 2400 baud (use it)")
        .click();
    h.step();
    h.get_by_label("Connect").click();
    until(&mut h, "the serial target polling", |h| {
        h.query_all_by_label_contains("(polling)").next().is_some()
    });
    let target = format!("serial:{}:7", pty.path("laptop"));
    assert!(h.state().state().targets.contains_key(&target));
    assert!(
        h.query_all_by_label_contains("2400 8N1, slave 7")
            .next()
            .is_some()
    );
    until(&mut h, "the mode", |h| {
        h.query_all_by_label("Mode: Auto").next().is_some()
    });

    // A remote command over the serial link, through the same confirmation, clicked in the
    // very frame the data arrived: the editor keeps its width, so the button under the
    // pointer is the one the eye saw (a panel growing to its content once sent a breaker
    // command here instead).
    // The side panel settles to its content over a few frames once data is in; a click
    // lands where the eye saw the button (and the dialog shows what would be sent anyway).
    for _ in 0..8 {
        h.step();
    }
    h.get_by_label("Manual").click();
    h.step();
    h.step();
    h.get_by_label_contains("Frame: 07050004FF00");
    h.get_by_label("Slave 7");
    h.get_by_label("Send").click();
    until(&mut h, "manual mode", |h| {
        h.query_all_by_label("Mode: Manual").next().is_some()
    });
    until(&mut h, "the readings confirm it", |h| {
        h.query_all_by_label_contains("confirmed by the readings")
            .next()
            .is_some()
    });
    let rec = h.state().state().commands[0].clone();
    assert_eq!(rec.hostid, target);
    assert_eq!(rec.verified, Some(true));

    // Disconnect forgets the target.
    for _ in 0..8 {
        h.step();
    }
    h.get_by_label("Disconnect").click();
    until(&mut h, "the target gone", |h| {
        !h.state().state().targets.contains_key(&target)
    });
    // And it stays gone: nothing the link sent before it ended brings it back.
    for _ in 0..20 {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        h.state().state().targets.is_empty(),
        "no ghost target after Disconnect"
    );
    h.state_mut().shutdown();
    stop.cancel();
}

/// Moves the pointer over the whole window, scrolls, drags and clicks at each point of a grid.
fn sweep(h: &mut Harness<'_, CommissionerApp>, size: egui::Vec2) {
    let (mut y, step) = (8.0, egui::vec2(104.0, 76.0));
    while y < size.y {
        let mut x = 8.0;
        while x < size.x {
            let p = egui::pos2(x, y);
            let q = p + egui::vec2(40.0, 20.0);
            h.hover_at(p);
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -60.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
            h.step();
            h.drag_at(p);
            h.step();
            h.hover_at(q);
            h.step();
            h.drop_at(q);
            h.drag_at(p);
            h.drop_at(p);
            h.step();
            x += step.x;
        }
        y += step.y;
    }
}

/// The pointer over, clicks, scrolls and drags across every panel of the demo app with values
/// plotted, with each window open in turn (traffic inspector, settings, serial connection,
/// a command's confirmation, commissioning): no panic anywhere, on the window's thread or the core's.
#[test]
fn pointer_sweeps_over_every_panel_and_window_panic_nowhere() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static PANICS: AtomicUsize = AtomicUsize::new(0);
    // The hook is the process's: count the panics of this test's thread and of the app's
    // core threads, not a failing assertion of another test running beside this one.
    let me = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let t = std::thread::current();
        if t.id() == me || t.name().is_some_and(|n| n.starts_with("cmm-core")) {
            PANICS.fetch_add(1, Ordering::SeqCst);
        }
        previous(info);
    }));
    let size = egui::vec2(1400.0, 900.0);
    // Recorded, so that the commissioning window has all its parts.
    let dir = crate::common::TempDir::new("gui-sweep");
    let mut h = start_recorded_app(dir.join("sweep.cmmrec"), 2, None);
    until(&mut h, "a modem with data", |h| {
        h.state()
            .state()
            .targets
            .values()
            .any(|t| !t.image.is_empty())
    });
    let hostid = h.state().state().targets.keys().next().unwrap().clone();
    for key in [
        (Table::Holding, 0u16),
        (Table::Coils, 41),
        (Table::Holding, 13),
    ] {
        h.state_mut()
            .send(Command::TogglePlot((hostid.clone(), key.0, key.1)));
    }
    until(&mut h, "plotted samples", |h| {
        let s = h.state().state();
        s.plotted.len() == 3 && s.plotted.values().all(|s| s.len() >= 2)
    });
    type Open = fn(&mut View, &str);
    let windows: [(&str, Open); 8] = [
        ("no window", |_, _| {}),
        ("values tab", |v, _| v.tab = Tab::Values),
        ("fleet tab", |v, _| v.tab = Tab::Fleet),
        ("traffic inspector", |v, _| v.traffic.open = true),
        ("settings", |v, _| v.settings_view.open = true),
        ("serial connection", |v, _| v.open_serial()),
        ("confirmation", |v, hostid| {
            v.editor.pending = Some((hostid.to_string(), Pending::Reset));
        }),
        ("commissioning", |v, hostid| {
            v.selected = Some(hostid.to_string());
            v.commission.open = true;
        }),
    ];
    for (name, open) in windows {
        open(h.state_mut().view(), &hostid);
        h.step();
        sweep(&mut h, size);
        assert_eq!(
            PANICS.load(Ordering::SeqCst),
            0,
            "a panic with the {name} open"
        );
        let v = h.state_mut().view();
        v.traffic.open = false;
        v.settings_view.open = false;
        v.serial.open = false;
        v.editor.pending = None;
        v.commission.open = false;
        v.tab = Tab::Overview;
    }
    h.state_mut().shutdown();
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// After a crash the app says so at start and offers the default view: nothing plotted.
#[test]
fn after_a_crash_the_app_offers_the_default_view() {
    let dir = crate::common::TempDir::new("gui-crash");
    let settings = Settings {
        plotted: vec![cmm_commissioner::app::settings::PlottedPref {
            target: "3130373031334717003D0001".into(),
            table: "holding".into(),
            addr: 0,
        }],
        traffic_open: true,
        ..Default::default()
    };
    let path = dir.join("settings.json");
    settings.save(&path).unwrap();
    let report = dir.join("crash-20261124-101010.000.txt.seen");
    std::fs::write(&report, "panic: test").unwrap();
    let r = report.clone();
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let (settings, _) = Settings::load(&path);
            let mut startup = Startup::from_settings(settings, None);
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.crash = Some(r.clone());
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    until(&mut h, "the crash notice", |h| {
        h.query_all_by_label("CMM Commissioner stopped unexpectedly last time")
            .next()
            .is_some()
    });
    h.get_by_label_contains("crash-20261124-101010.000.txt.seen");
    until(&mut h, "the remembered plot", |h| {
        h.state().state().plotted.len() == 1
    });
    h.get_by_label("Start with the default view").click();
    until(&mut h, "the default view", |h| {
        h.state().state().plotted.is_empty()
    });
    assert!(!h.state_mut().view().traffic.open);
    until(&mut h, "the notice gone", |h| {
        h.query_all_by_label("CMM Commissioner stopped unexpectedly last time")
            .next()
            .is_none()
    });
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Help opens with F1 and says how to point a modem here; a file dialog that gave no map says
/// so in the map window, with the way out (type the path); a map loads from a typed path, and
/// the note goes.
#[test]
fn help_and_a_map_from_a_typed_path() {
    let dir = crate::common::TempDir::new("gui-map");
    let file = dir.join("site.toml");
    std::fs::write(
        &file,
        "format = \"cmm-register-map\"\nversion = 1\nname = \"Site map\"\nmodule_types = [\"XYZ\"]\n",
    )
    .unwrap();
    let mut h = start_app(0, None);
    h.step();
    h.key_press(egui::Key::F1);
    until(&mut h, "the help", |h| {
        h.query_all_by_label("Point a modem at this laptop")
            .next()
            .is_some()
    });
    h.get_by_label_contains("Logs and crash reports:");
    h.state_mut().view().help.help_open = false;
    h.get_by_label("Maps").click();
    until(&mut h, "the Maps menu", |h| {
        h.query_all_by_label("Load map file…").next().is_some()
    });
    h.get_by_label("Load map file…").click();
    until(&mut h, "the map window", |h| {
        h.query_all_by_label("Map file").next().is_some()
    });
    // As the dialog's task answers when no file came (cancelled, or no dialog on this system).
    h.state_mut().view().dialogs.answer(Purpose::LoadMap, None);
    until(&mut h, "the note in the map window", |h| {
        h.query_all_by_label_contains("no map file chosen")
            .next()
            .is_some()
    });
    assert!(has(&h, "Maps > Load map file"), "the way out is said");
    h.get_by_label("Map file").focus();
    h.step();
    h.get_by_label("Map file")
        .type_text(&file.display().to_string());
    h.step();
    h.get_by_label("Load").click();
    until(&mut h, "the map loaded", |h| {
        h.query_all_by_label("Loaded: Site map").next().is_some()
    });
    assert!(
        h.query_all_by_label_contains("no map file chosen")
            .next()
            .is_none(),
        "the note went with the next try"
    );
    assert_eq!(h.state().state().maps[0].name, "Site map");
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A plotted value shows what the recording holds from before it was ticked (read from the
/// file, never all loaded), and the timeline shows a marker put in with the Mark button.
#[test]
fn plots_reach_back_into_the_recording_and_show_the_timeline() {
    let dir = crate::common::TempDir::new("gui-history");
    let mut h = start_recorded_app(dir.join("run.cmmrec"), 1, Some(200));
    until(&mut h, "the recording", |h| {
        h.query_all_by_label_contains("Recording run.cmmrec")
            .next()
            .is_some()
    });
    h.get_by_label("Note").focus();
    h.step();
    h.get_by_label("Note").type_text("load step 25 %");
    h.step();
    h.get_by_label("Mark").click();
    filter(&mut h, "mains ua");
    // Readings reach the file for a while before the value is plotted.
    let until_at = Instant::now() + Duration::from_millis(2500);
    while Instant::now() < until_at {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.get_by_label("plot Mains UA").click();
    until(&mut h, "history from before the tick", |h| {
        let s = h.state().state();
        let Some((key, series)) = s.plotted.iter().next() else {
            return false;
        };
        let first = series.span().map_or(f64::INFINITY, |sp| sp.0);
        s.history.get(key).is_some_and(|hist| {
            hist.points
                .iter()
                .any(|p| p[0] < first - 1.0 && p[1] > 100.0)
        })
    });
    until(&mut h, "the marker in the timeline", |h| {
        h.state()
            .state()
            .timeline
            .items
            .iter()
            .any(|e| e.kind == "marker" && e.text == "load step 25 %")
    });
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Commissioning window, used as an engineer would: the site typed and saved, a load step
/// started and ended, a protection test ticked by hand with a note, the report made to a typed
/// path; the PDF says what was entered and the window shows what the recording holds.
#[test]
fn a_commissioning_from_the_window_ends_in_a_report() {
    let dir = crate::common::TempDir::new("gui-commission");
    let pdf = dir.join("site-report.pdf");
    let mut h = start_recorded_app(dir.join("run.cmmrec"), 1, Some(200));
    until(&mut h, "a modem with data", |h| {
        h.state()
            .state()
            .targets
            .values()
            .any(|t| !t.image.is_empty())
    });
    let hostid = h.state().state().targets.keys().next().unwrap().clone();
    h.state_mut().view().selected = Some(hostid.clone());
    h.get_by_label("File").click();
    until(&mut h, "the File menu", |h| {
        h.query_all_by_label("Commissioning…").next().is_some()
    });
    h.get_by_label("Commissioning…").click();
    until(&mut h, "the commissioning read", |h| {
        h.state()
            .state()
            .commissioning
            .get(&hostid)
            .is_some_and(|c| c.is_ok())
    });
    until(&mut h, "the site field", |h| {
        h.query_all_by_label("Site").next().is_some()
    });
    h.get_by_label("Site").focus();
    h.step();
    h.get_by_label("Site").type_text("Harbour pumping station");
    h.step();
    h.get_by_label("Save to the recording").click_accesskit();
    until(&mut h, "the site in the recording", |h| {
        h.state()
            .state()
            .commissioning
            .get(&hostid)
            .is_some_and(|c| {
                c.as_ref().is_ok_and(|c| {
                    c.fields.get("site").map(String::as_str) == Some("Harbour pumping station")
                })
            })
    });
    // The second is the "25 %" step's (no load, 25 %...).
    h.get_all_by_label("Start step")
        .nth(1)
        .unwrap()
        .click_accesskit();
    until(&mut h, "the step running", |h| {
        h.query_all_by_label_contains("Running: 25 %")
            .next()
            .is_some()
    });
    h.get_by_label("End the step").click_accesskit();
    until(&mut h, "the step ended", |h| {
        h.state()
            .state()
            .commissioning
            .get(&hostid)
            .is_some_and(|c| {
                c.as_ref().is_ok_and(|c| {
                    c.steps.len() == 1 && c.steps[0].ended && c.steps[0].name == "25 %"
                })
            })
    });
    let note = || {
        egui_kittest::kittest::by()
            .role(egui::accesskit::Role::TextInput)
            .predicate(|n| n.placeholder() == Some("how it was tested"))
    };
    h.query_all(note()).next().unwrap().focus();
    h.step();
    h.query_all(note())
        .next()
        .unwrap()
        .type_text("button on the panel");
    h.step();
    h.get_all_by_label("Passed")
        .next()
        .unwrap()
        .click_accesskit();
    until(&mut h, "the test ticked by hand", |h| {
        h.state()
            .state()
            .commissioning
            .get(&hostid)
            .is_some_and(|c| {
                c.as_ref().is_ok_and(|c| {
                    c.protections.iter().any(|p| {
                        p.by_hand
                            .as_ref()
                            .is_some_and(|b| b.1 == "button on the panel")
                    })
                })
            })
    });
    h.get_by_label("Report file").focus();
    h.step();
    h.get_by_label("Report file")
        .type_text(pdf.to_str().unwrap());
    h.step();
    h.get_by_label("Make the report").click_accesskit();
    until(&mut h, "the report written", |h| {
        h.state()
            .state()
            .report_result
            .as_ref()
            .is_some_and(|r| r.is_ok())
    });
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Harbour pumping station"), "{text}");
    assert!(text.contains("Step \"25 %\""), "{text}");
    assert!(text.contains("button on the panel"), "{text}");
    assert!(dir.join("site-report-steps.csv").exists());
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The app's server address, once it listens.
pub(crate) fn server_addr(h: &mut Harness<'_, CommissionerApp>) -> std::net::SocketAddr {
    until(h, "the server listening", |h| {
        h.state().server_addr().is_some()
    });
    h.state().server_addr().unwrap()
}

/// A simulated modem playing `scenario` against the app's server, on a runtime of its own.
pub(crate) fn scenario_modem(
    server: std::net::SocketAddr,
    hostid: &str,
    name: &str,
    scenario: &str,
) -> (tokio::runtime::Runtime, tokio_util::sync::CancellationToken) {
    use cmm_commissioner::sim::modem::{SimModem, SimModemConfig};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    let config = SimModemConfig {
        server: server.to_string(),
        hostid: hostid.into(),
        hostname: name.into(),
        heartbeat: Duration::from_secs(5),
        follow_live_data: false,
        scenario: Some(scenario.parse().unwrap()),
        ..Default::default()
    };
    rt.spawn(SimModem::new(config, Arc::new(|_| {})).run(stop.clone()));
    (rt, stop)
}

pub(crate) fn has(h: &Harness<'_, CommissionerApp>, label: &str) -> bool {
    h.query_all_by_label_contains(label).next().is_some()
}

/// The overview is the first screen: mode, status, the single-line diagram following the
/// breakers, the key readings by group in their units, and an alarm with its kind and time.
#[test]
fn the_overview_follows_a_start_a_transfer_and_an_emergency_stop() {
    let mut h = start_app(0, None);
    h.step();
    let addr = server_addr(&mut h);
    let (_rt, stop) = scenario_modem(
        addr,
        "3130373031334717003D0A01",
        "QUARRY-SET",
        "0:manual,1:start,18:gen_close,18:load=50,24:estop",
    );
    until(&mut h, "the modem's overview", |h| {
        has(h, "QUARRY-SET  3130373031334717003D0A01")
    });
    until(&mut h, "the readings", |h| {
        has(h, "Single-line diagram: mains live, mains breaker closed")
    });
    for label in [
        "Mains",
        "Generator",
        "Load",
        "Engine",
        "Mains UA",
        "Gen Frequency",
        "Active Power",
        "Oil Pressure",
        "Battery Voltage",
        "Mode: Manual",
    ] {
        until(&mut h, label, |h| has(h, label));
    }
    assert!(has(&h, "No active alarms"));
    // The start, then the generator takes the load: its breaker closes and the mains opens.
    until_within(&mut h, SCENARIO_GUARD, "the generator on load", |h| {
        has(
            h,
            "generator breaker closed, generator live; load fed by generator",
        )
    });
    assert!(
        has(&h, "mains breaker open"),
        "the transfer opened the mains"
    );
    assert!(has(&h, "Load fed by generator"));
    let kw = h.state().state().targets["3130373031334717003D0A01"]
        .summary
        .kw
        .unwrap();
    assert!(kw > 20.0, "the load bank draws power: {kw} kW");
    // The emergency stop: a shutdown alarm with since when, and the set stops.
    until(&mut h, "the alarm", |h| has(h, "Active alarms ("));
    h.get_by_label("Emergency Stop");
    h.get_by_label_contains("SHUTDOWN");
    h.get_by_label_contains("since ");
    until(&mut h, "the breaker to open", |h| {
        has(h, "generator breaker open")
    });
    // The values table stays one click away, and back.
    h.get_by_label("Values").click();
    h.step();
    h.get_by_label("Filter");
    h.get_by_label("Overview").click();
    h.step();
    h.get_by_label_contains("Single-line diagram");
    stop.cancel();
    h.state_mut().shutdown();
}

/// The fleet view lists every target with its mode, status, alarms and kW; it sorts, filters
/// and opens a target with a click; the keyboard moves between targets and to the filter.
#[test]
fn the_fleet_view_sorts_filters_and_opens_a_target() {
    let mut h = start_app(3, None);
    h.step();
    let addr = server_addr(&mut h);
    let (_rt, stop) = scenario_modem(addr, "3130373031334717003D0A02", "ALARMED-SET", "0:estop");
    h.get_by_label_contains("Fleet (").click();
    until(&mut h, "four rows", |h| {
        [
            "DEMO-GENSET-1",
            "DEMO-GENSET-2",
            "DEMO-GENSET-3",
            "ALARMED-SET",
        ]
        .iter()
        .all(|n| has(h, &format!("fleet {n}")))
    });
    until(&mut h, "the alarm counted", |h| has(h, "1 with alarms"));
    // The editor makes way for the table.
    assert!(h.query_all_by_label("Commands").next().is_none());
    // Sorted by name: the alarmed set first; by alarms, descending: first too; ascending: last.
    let order = |h: &mut Harness<'_, CommissionerApp>| h.state_mut().view().fleet.order.clone();
    assert_eq!(order(&mut h)[0], "3130373031334717003D0A02");
    h.get_by_label("Alarms").click();
    h.step();
    h.step();
    assert_eq!(order(&mut h)[3], "3130373031334717003D0A02", "ascending");
    h.get_by_label("Alarms ^").click();
    h.step();
    h.step();
    assert_eq!(order(&mut h)[0], "3130373031334717003D0A02", "descending");
    // Ctrl+F puts the keyboard in the fleet's filter.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.step();
    h.step();
    h.get_by_label("Fleet filter").type_text("genset-2");
    h.step();
    h.step();
    until(&mut h, "one row", |h| {
        has(h, "1 shown") && !has(h, "fleet DEMO-GENSET-1")
    });
    h.get_by_label("fleet DEMO-GENSET-2").click();
    h.step();
    h.step();
    // The click opens the target's overview.
    assert_eq!(
        h.state_mut().view().selected.as_deref(),
        Some("3130373031334717003D0001")
    );
    until(&mut h, "its overview", |h| {
        has(h, "DEMO-GENSET-2  3130373031334717003D0001") && has(h, "Single-line diagram")
    });
    // Down and Up move between targets (nothing has the keyboard), Ctrl+3 back to the fleet.
    h.ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    h.key_press(egui::Key::ArrowDown);
    h.step();
    h.step();
    assert_eq!(
        h.state_mut().view().selected.as_deref(),
        Some("3130373031334717003D0002")
    );
    h.key_press(egui::Key::ArrowUp);
    h.step();
    assert_eq!(
        h.state_mut().view().selected.as_deref(),
        Some("3130373031334717003D0001")
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    h.step();
    h.step();
    h.get_by_label("Fleet filter");
    stop.cancel();
    h.state_mut().shutdown();
}

/// The high-contrast theme and the UI scale are chosen in the View menu and remembered.
#[test]
fn high_contrast_and_ui_scale_are_remembered() {
    let dir = crate::common::TempDir::new("gui-theme");
    let path = dir.join("settings.json");
    let mut h = start_app(1, Some(path.clone()));
    h.step();
    h.get_by_label("View").click();
    until(&mut h, "the View menu", |h| {
        has(h, "High contrast (sunlight)")
    });
    h.get_by_label("High contrast (sunlight)").click();
    h.step();
    h.step();
    assert_eq!(
        h.ctx.global_style().visuals.panel_fill,
        egui::Color32::WHITE
    );
    assert_eq!(
        h.ctx.global_style().visuals.override_text_color,
        Some(egui::Color32::BLACK)
    );
    // Ctrl + zooms, and the zoom is the setting.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.step();
    h.step();
    let zoom = h.ctx.zoom_factor();
    assert!(zoom > 1.0, "zoomed in: {zoom}");
    h.state_mut().save_settings();
    h.state_mut().shutdown();
    drop(h);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"theme\": \"high_contrast\""), "{saved}");
    let (settings, _) = Settings::load(&path);
    assert_eq!(
        u32::from(settings.ui_scale_percent),
        (zoom * 100.0).round() as u32
    );
    let mut h = start_app(0, Some(path));
    h.step();
    h.step();
    assert_eq!(
        h.ctx.global_style().visuals.panel_fill,
        egui::Color32::WHITE
    );
    assert!((h.ctx.zoom_factor() - zoom).abs() < 0.01);
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The demo's HGM9520N: decoded with its own map (marked where the public sources are
/// uncertain), and its P% setpoint set from the Configuration section: refused out of range
/// before any dialog, then confirmed, sent and verified by the next reading.
#[test]
fn an_hgm9520n_setpoint_is_checked_against_its_range_then_confirmed_and_verified() {
    let mut h = start_app(3, None);
    until(&mut h, "the third demo modem", |h| {
        has(h, "DEMO-GENSET-3  (online)")
    });
    h.get_by_label("DEMO-GENSET-3  (online)").click();
    until(&mut h, "its overview, with its map", |h| {
        has(h, "map: SmartGen HGM9500N family") && has(h, "Single-line diagram")
    });
    until(&mut h, "the unverified note", |h| {
        has(
            h,
            "Entries marked (unverified) are built from public sources",
        )
    });
    until(&mut h, "the setpoint read back", |h| has(h, "now 100.0 %"));
    let field = "Active Power Setpoint (P%)";
    h.get_by_label(field).focus();
    h.step();
    h.get_by_label(field).type_text("120");
    h.step();
    h.get_by_label(&format!("Set {field}…")).click();
    until(&mut h, "the refusal", |h| {
        has(h, "outside the range the map allows")
    });
    assert!(h.state_mut().view().editor.pending.is_none(), "no dialog");
    h.get_by_label(field).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label(field).type_text("75.5");
    h.step();
    h.get_by_label(&format!("Set {field}…")).click();
    until(&mut h, "the confirmation", |h| {
        has(h, "Frame: 0106111002F3")
    });
    // Let the dialog settle where it opens before the pointer goes to Send.
    for _ in 0..5 {
        h.step();
    }
    h.get_by_label("Send").click();
    until(&mut h, "the readings confirm it", |h| {
        has(h, "confirmed by the readings") && has(h, "now 75.5 %")
    });
    h.state_mut().shutdown();
}

/// A map picked by hand for a target decodes it at once and again in the next run.
#[test]
fn a_map_picked_by_hand_is_remembered_for_the_target() {
    let dir = crate::common::TempDir::new("gui-pick");
    let path = dir.join("settings.json");
    let mut h = start_app(1, Some(path.clone()));
    until(&mut h, "the modem's overview", |h| {
        has(h, "map: SmartGen HGM6100N family")
    });
    h.get_by_label("Map").click();
    until(&mut h, "the maps", |h| has(h, "SmartGen HGM4000N family"));
    h.get_by_label("SmartGen HGM4000N family").click();
    until(&mut h, "decoded with the map picked", |h| {
        has(h, "map: SmartGen HGM4000N family")
    });
    h.state_mut().save_settings();
    h.state_mut().shutdown();
    drop(h);
    let (settings, _) = Settings::load(&path);
    assert_eq!(
        settings
            .map_choices
            .get("3130373031334717003D002E")
            .map(String::as_str),
        Some("SmartGen HGM4000N family"),
        "{:?}",
        settings.map_choices
    );
    let mut h = start_app(1, Some(path));
    until(&mut h, "the choice applied in the next run", |h| {
        has(h, "map: SmartGen HGM4000N family")
    });
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// File > Attach to broker, against a real Mosquitto and a `cmmctl serve --mqtt
/// --mqtt-commands` with a simulated modem: the remote modem appears as a target, its values
/// arrive, and a command goes through the same confirmation and comes back accepted and
/// confirmed by the readings.
#[test]
fn attached_to_a_broker_the_remote_modem_is_shown_and_commanded() {
    use common::broker::Broker;
    use common::proc::{Proc, is, listening};
    let broker = Broker::start("gui");
    let url = broker.url();
    let mut serve = Proc::spawn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--no-record",
        "--mqtt",
        &url,
        "--mqtt-commands",
        "--mqtt-client-id",
        "gui-bridge",
    ]);
    let addr = listening(&mut serve);
    let _modem = Proc::spawn(&["sim-modem", "--server", &addr, "--heartbeat", "1"]);
    serve.expect("uploads", |v| is(v, "change"));

    let mut h = start_app(0, None);
    h.get_by_label("File").click();
    until(&mut h, "the File menu", |h| {
        h.query_all_by_label("Attach to broker…").next().is_some()
    });
    h.get_by_label("Attach to broker…").click();
    until(&mut h, "the dialog", |h| {
        h.query_all_by_label("Broker").next().is_some()
    });
    h.get_by_label("Broker").focus();
    h.step();
    h.get_by_label("Broker").type_text(&url);
    h.step();
    h.get_by_label("Attach").click();
    until(&mut h, "the remote modem", |h| {
        h.query_all_by_label("SIM-GENSET  (via broker)")
            .next()
            .is_some()
    });
    until(&mut h, "the broker's status", |h| {
        h.query_all_by_label_contains("connected, 1 modem(s)")
            .next()
            .is_some()
    });
    h.get_by_label("Close").click();
    h.get_by_label("SIM-GENSET  (via broker)").click();
    until(&mut h, "its mode", |h| {
        h.query_all_by_label("Mode: Auto").next().is_some()
    });
    h.get_by_label("Manual").click();
    h.step();
    h.step();
    h.get_by_label_contains("Frame: 01050004FF00CDFB");
    h.get_by_label("Send").click();
    until(&mut h, "the outcome through the bridge", |h| {
        h.query_all_by_label_contains("SIM-GENSET · Manual: accepted")
            .next()
            .is_some()
    });
    until(&mut h, "the readings confirm it", |h| {
        h.query_all_by_label_contains("confirmed by the readings")
            .next()
            .is_some()
    });
    let sent = serve.expect("the command at the modem's server", |v| is(v, "command"));
    assert_eq!(sent["frame"], "01050004FF00CDFB");
    // The address is remembered for next time (the password never is: not a setting).
    assert_eq!(h.state_mut().view().broker.prefs.url, url);
}
