//! One try of the window with one renderer, in a process started by the watcher: it tells
//! the watcher on stdout when its first frame is drawn (or why it could not open), and
//! closes when the watcher is gone (its stdin, a pipe from the watcher, ends).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use cmm_commissioner::app::Stopper;

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
    let handles = Handles::default();
    close_when_the_watcher_is_gone(handles.clone());
    close_when_asked_to_stop(handles.clone());
    // No console: a logoff or shutdown comes as window messages (see `session_end`).
    #[cfg(windows)]
    crate::session_end::watch(handles.stopper.clone());
    let Handles { context, stopper } = handles;
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
            let _ = stopper.set(app.stopper());
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
    // What is said of a settings file that cannot be read is said in the language asked for,
    // else the system's (the file that would say another cannot be read).
    cmm_commissioner::i18n::set_lang(
        args.lang
            .unwrap_or_else(cmm_commissioner::i18n::Lang::system),
    );
    let (mut settings, settings_error) = match &path {
        Some(p) => Settings::load(p),
        None => (Settings::default(), None),
    };
    // Chosen on the command line: remembered, as if chosen in View > Language.
    if let Some(lang) = args.lang {
        settings.language = lang.code().to_string();
    }
    cmm_commissioner::i18n::set_lang(settings.lang());
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
    startup.maps_dir = cmm_commissioner::app::maps::folder();
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

/// What a thread needs to close the app from outside the window: the window's context (to
/// close it the usual way, settings saved) and the core's stopper (to stop it directly when
/// the window does not close: hidden, minimised, its event loop stuck).
#[derive(Clone, Default)]
struct Handles {
    context: Arc<OnceLock<egui::Context>>,
    stopper: Arc<OnceLock<Stopper>>,
}

/// How long a window asked to close has to do it the usual way.
const CLOSE_WAIT: Duration = Duration::from_secs(3);
/// How long the core then has to stop: the recording committed and made one file.
const STOP_WAIT: Duration = Duration::from_secs(15);

/// Closes the app from another thread, in a bounded time: the window closes the usual way,
/// else the core is stopped directly (the recording committed, checkpointed and closed) and
/// the process ends.
fn close_from_outside(h: &Handles, why: &str) {
    say(why);
    let Some(ctx) = h.context.get() else {
        std::process::exit(1);
    };
    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    ctx.request_repaint();
    let Some(stopper) = h.stopper.get() else {
        std::process::exit(1);
    };
    if stopper.wait(CLOSE_WAIT) {
        // The window closed and stopped the core: the process ends the usual way.
        return;
    }
    say("the window did not close: stopping the core directly");
    if !stopper.stop_and_wait(STOP_WAIT) {
        say("the core did not stop in time");
    }
    std::process::exit(1);
}

/// When stdin ends (the watcher's end of the pipe closed: it was stopped or killed), closes
/// the app (see [`close_from_outside`]). The thread ends with the process.
fn close_when_the_watcher_is_gone(handles: Handles) {
    let watch = move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        close_from_outside(&handles, "the watcher process is gone: closing the window");
    };
    if let Err(e) = std::thread::Builder::new()
        .name("watcher-gone".into())
        .spawn(watch)
    {
        say(&format!("cannot watch the watcher process: {e}"));
    }
}

/// When the process is asked to stop (SIGTERM, SIGINT, SIGHUP; on Windows the console closed,
/// a logoff or a shutdown), closes the app (see [`close_from_outside`]).
fn close_when_asked_to_stop(handles: Handles) {
    let watch = move || {
        let rt = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => return say(&format!("cannot watch for stop signals: {e}")),
        };
        rt.block_on(cmm_commissioner::cli::interrupted());
        close_from_outside(&handles, "asked to stop: closing the window");
    };
    if let Err(e) = std::thread::Builder::new()
        .name("stop-signals".into())
        .spawn(watch)
    {
        say(&format!("cannot watch for stop signals: {e}"));
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
