//! One try of the window with one renderer, in a process started by the watcher: it tells
//! the watcher on stdout when its first frame is drawn (or why it could not open), and
//! closes when the watcher is gone (its stdin, a pipe from the watcher, ends).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use cmm_commissioner::app::Settings;
use cmm_commissioner::app::crash::CrashReports;
use cmm_commissioner::ui::renderer::{self, Renderer};
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;

use crate::watcher::{DRAWN, FAILED, LAST_CRASH_VARIABLE, SETTINGS_NOTICE_VARIABLE};
use crate::{Args, fatal, say};

/// A test-only switch: a comma-separated list of renderer names whose try aborts the
/// process on purpose before its window opens, as a driver that asserts does (vkd3d under
/// Wine without Vulkan). Unset, it does nothing.
const TEST_ABORT_VARIABLE: &str = "CMM_TEST_ABORT_RENDERER";

/// Runs try `attempt` of `chain`.
pub fn run(args: Args, chain: &[Renderer], attempt: usize) -> anyhow::Result<()> {
    let renderer = chain[attempt];
    crate::open_log();
    say(&format!(
        "renderer {} (try {} of {}) in process {}",
        renderer.name(),
        attempt + 1,
        chain.len(),
        std::process::id()
    ));
    // A panic writes a crash report; the next start says so.
    if let Some(c) = CrashReports::default_dir().map(CrashReports::new) {
        c.install_hook();
    }
    let _ = cmm_commissioner::link::config::raise_open_file_limit();
    let startup = startup(args);
    let options = options(renderer);
    let context = Arc::new(OnceLock::new());
    close_when_the_watcher_is_gone(context.clone());
    abort_if_asked(renderer);
    let result = eframe::run_native(
        "CMM Commissioner",
        options,
        Box::new(move |cc| {
            let _ = context.set(cc.egui_ctx.clone());
            match cc.wgpu_render_state.as_ref() {
                Some(rs) => say(&format!(
                    "renderer: wgpu {}",
                    renderer::describe(&rs.adapter.get_info())
                )),
                None => say("renderer: not wgpu"),
            }
            let ctx = cc.egui_ctx.clone();
            let app = CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint()))?;
            Ok(Box::new(Watched { app }))
        }),
    );
    let Err(e) = result else {
        return Ok(());
    };
    if !FIRST_FRAME_DRAWN.load(Ordering::SeqCst) {
        let why = format!("renderer {} cannot open the window ({e})", renderer.name());
        say(&why);
        report(&format!("{FAILED}{why}"));
        std::process::exit(2);
    }
    let why = format!("the window failed: {e}");
    say(&why);
    fatal(&why);
    Err(anyhow::anyhow!(why))
}

/// The app's start-up options from the command line and the settings file.
fn startup(args: Args) -> Startup {
    let path = args.settings.or_else(Settings::default_path);
    let (settings, settings_error) = match &path {
        Some(p) => Settings::load(p),
        None => (Settings::default(), None),
    };
    if let Some(e) = &settings_error {
        say(e);
    }
    // The watcher read the file first (and kept a broken one aside).
    let settings_error = settings_error.or_else(|| std::env::var(SETTINGS_NOTICE_VARIABLE).ok());
    let mut startup = Startup::from_settings(settings, path);
    // Command-line options win over the settings, for this run only.
    if let Some(listen) = args.listen {
        startup.server.listen = listen;
    }
    if let Some(advertise) = args.advertise {
        startup.server.advertise = Some(advertise);
    }
    startup.demo = args.demo;
    startup.demo_modems = args.demo_modems;
    startup.notice = settings_error;
    startup.crash = std::env::var_os(LAST_CRASH_VARIABLE).map(Into::into);
    startup.record = cmm_commissioner::cli::front::record_path(args.record, !args.no_record);
    startup.offline = args.recording;
    startup
}

/// The window's options, drawn with `renderer`.
fn options(renderer: Renderer) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("CMM Commissioner")
        .with_app_id("cmm-commissioner")
        .with_inner_size([1200.0, 800.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!(
        "../../../icons/cmm-commissioner-256.png"
    )) {
        Ok(icon) => viewport = viewport.with_icon(Arc::new(icon)),
        Err(e) => say(&format!("the window icon is broken: {e}")),
    }
    let mut options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    options.wgpu_options.wgpu_setup = renderer.setup();
    options
}

/// Whether the first frame was drawn (set once, by the window).
static FIRST_FRAME_DRAWN: AtomicBool = AtomicBool::new(false);

/// The app, and the report of its first frame drawn to the watcher.
struct Watched {
    app: CommissionerApp,
}

impl eframe::App for Watched {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        if FIRST_FRAME_DRAWN.load(Ordering::Relaxed) {
            return;
        }
        // A frame is drawn once its ui has run and eframe has painted it: that is done when
        // the next frame begins, so the first frame asks for a second.
        if ui.ctx().cumulative_frame_nr() == 0 {
            ui.ctx().request_repaint();
            return;
        }
        FIRST_FRAME_DRAWN.store(true, Ordering::SeqCst);
        say("first frame drawn");
        report(DRAWN);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn on_exit(&mut self) {
        self.app.on_exit();
    }
}

/// A line to the watcher, on stdout (its pipe).
fn report(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// When stdin ends (the watcher's end of the pipe closed: it was stopped or killed), closes
/// the window the usual way (settings saved), or ends the process if there is none yet. The
/// thread ends with the process.
fn close_when_the_watcher_is_gone(context: Arc<OnceLock<egui::Context>>) {
    let watch = move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        say("the watcher process is gone: closing the window");
        match context.get() {
            Some(ctx) => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                ctx.request_repaint();
            }
            None => std::process::exit(1),
        }
    };
    if let Err(e) = std::thread::Builder::new()
        .name("watcher-gone".into())
        .spawn(watch)
    {
        say(&format!("cannot watch the watcher process: {e}"));
    }
}

/// The test switch [`TEST_ABORT_VARIABLE`]: aborts when it names `renderer`.
fn abort_if_asked(renderer: Renderer) {
    let Ok(list) = std::env::var(TEST_ABORT_VARIABLE) else {
        return;
    };
    if list
        .split(',')
        .any(|n| n.trim().eq_ignore_ascii_case(renderer.name()))
    {
        say(&format!(
            "{TEST_ABORT_VARIABLE}: renderer {} aborts the process on purpose",
            renderer.name()
        ));
        std::process::abort();
    }
}
