//! `cmm-commissioner`: the desktop app.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;
use cmm_commissioner::app::Settings;
use cmm_commissioner::app::crash::CrashReports;
use cmm_commissioner::app::logfile::{self, LogFile};
use cmm_commissioner::ui::renderer::{self, Renderer};
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;
use std::sync::atomic::{AtomicBool, Ordering};

/// Commission and troubleshoot gensets behind SmartGen cloud modems.
#[derive(Debug, Parser)]
#[command(name = "cmm-commissioner", version, about)]
struct Args {
    /// A recording to look at, read-only (nothing is served or sent).
    #[arg(value_name = "RECORDING")]
    recording: Option<PathBuf>,
    /// Start simulated modems against the app's own server (no hardware needed).
    #[arg(long)]
    demo: bool,
    /// Number of simulated modems in demo mode.
    #[arg(long, default_value_t = 3)]
    demo_modems: usize,
    /// Address and port the modem server listens on (default: as last set, else 0.0.0.0:21318).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// HOST:PORT modems are told to use (default: as last set, else this laptop's primary IPv4).
    #[arg(long)]
    advertise: Option<String>,
    /// Settings file (default: settings.json in the user's configuration folder).
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Record to this file (default: a new recording in the user's data folder).
    #[arg(long, value_name = "FILE", conflicts_with = "no_record")]
    record: Option<PathBuf>,
    /// Do not record.
    #[arg(long)]
    no_record: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let (chain, attempt) = Renderer::from_env();
    let renderer = chain[attempt];
    let log_dir = CrashReports::default_dir();
    if let Some(dir) = &log_dir {
        match LogFile::open(dir) {
            Ok(l) => logfile::install(l),
            Err(e) => eprintln!("cmm-commissioner: no log file in {}: {e}", dir.display()),
        }
    }
    say(&format!(
        "cmm-commissioner {} starting, renderer {} (try {} of {})",
        env!("CARGO_PKG_VERSION"),
        renderer.name(),
        attempt + 1,
        chain.len()
    ));
    // A panic writes a crash report; the next start says so.
    let crash = CrashReports::default_dir().map(CrashReports::new);
    let last_crash = crash.as_ref().and_then(|c| {
        let report = c.unseen()?;
        let _ = c.mark_seen();
        Some(report.with_extension("txt.seen"))
    });
    if let Some(c) = crash {
        c.install_hook();
    }
    let _ = cmm_commissioner::link::config::raise_open_file_limit();
    let path = args.settings.or_else(Settings::default_path);
    let (settings, settings_error) = match &path {
        Some(p) => Settings::load(p),
        None => (Settings::default(), None),
    };
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
    startup.crash = last_crash;
    startup.record = cmm_commissioner::cli::front::record_path(args.record, !args.no_record);
    startup.offline = args.recording;
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("CMM Commissioner")
        .with_app_id("cmm-commissioner")
        .with_inner_size([1200.0, 800.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../../icons/cmm-commissioner-256.png"))
    {
        Ok(icon) => viewport = viewport.with_icon(Arc::new(icon)),
        Err(e) => eprintln!("cmm-commissioner: the window icon is broken: {e}"),
    }
    let mut options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    options.wgpu_options.wgpu_setup = renderer.setup();
    let opened = Arc::new(AtomicBool::new(false));
    let handed_over = Arc::new(AtomicBool::new(false));
    let window_opened = opened.clone();
    if attempt + 1 < chain.len() {
        // A renderer whose start hangs (seen with DX12 under Wine in a fresh prefix) is given
        // up on like one that fails.
        let (opened, handed_over, next) = (opened.clone(), handed_over.clone(), chain[attempt + 1]);
        std::thread::spawn(move || {
            std::thread::sleep(RENDERER_WAIT);
            if !opened.load(Ordering::SeqCst) && !handed_over.swap(true, Ordering::SeqCst) {
                say(&format!(
                    "renderer {} did not open the window within {} s; trying {}",
                    renderer.name(),
                    RENDERER_WAIT.as_secs(),
                    next.name()
                ));
                std::process::exit(next_try(attempt + 1));
            }
        });
    }
    let result = eframe::run_native(
        "CMM Commissioner",
        options,
        Box::new(move |cc| {
            window_opened.store(true, Ordering::SeqCst);
            match cc.wgpu_render_state.as_ref() {
                Some(rs) => say(&format!(
                    "renderer: wgpu {}",
                    renderer::describe(&rs.adapter.get_info())
                )),
                None => say("renderer: not wgpu"),
            }
            let ctx = cc.egui_ctx.clone();
            let app = CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint()))?;
            Ok(Box::new(app))
        }),
    );
    let Err(e) = result else {
        return Ok(());
    };
    if !opened.load(Ordering::SeqCst) && attempt + 1 < chain.len() {
        if handed_over.swap(true, Ordering::SeqCst) {
            // The watchdog already handed over to the next try: it ends the process.
            loop {
                std::thread::park();
            }
        }
        say(&format!(
            "renderer {} cannot open the window ({e}); trying {}",
            renderer.name(),
            chain[attempt + 1].name()
        ));
        std::process::exit(next_try(attempt + 1));
    }
    let why = if opened.load(Ordering::SeqCst) {
        format!("the window failed: {e}")
    } else {
        let tried: Vec<&str> = chain.iter().map(|r| r.name()).collect();
        format!(
            "cannot open the window with any renderer ({}): {e}",
            tried.join(", ")
        )
    };
    say(&why);
    fatal(&why, log_dir.as_deref());
    Err(anyhow::anyhow!(why))
}

/// How long a renderer may take to open the window before the next is tried.
const RENDERER_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Runs try `n` of the renderer chain as a new process of the app, with the same arguments
/// (one window system event loop per process). On Unix it replaces this process (same process
/// id: whoever stops the app stops the try that runs); elsewhere it waits for it. Its exit code.
fn next_try(n: usize) -> i32 {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            say(&format!(
                "cannot start the app again for the next renderer: {e}"
            ));
            return 1;
        }
    };
    let mut cmd = std::process::Command::new(exe);
    cmd.args(std::env::args_os().skip(1))
        .env(renderer::TRY_VARIABLE, n.to_string());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let e = cmd.exec();
        say(&format!(
            "cannot start the app again for the next renderer: {e}"
        ));
        1
    }
    #[cfg(not(unix))]
    match cmd.status() {
        Ok(s) => s.code().unwrap_or(1),
        Err(e) => {
            say(&format!(
                "cannot start the app again for the next renderer: {e}"
            ));
            1
        }
    }
}

/// Says `text` in the log file and on stderr.
fn say(text: &str) {
    use std::io::Write;
    logfile::write(text);
    // Not eprintln!: with stderr closed (a pipe whose reader left) it would panic.
    let _ = writeln!(std::io::stderr(), "cmm-commissioner: {text}");
}

/// A failure the user must see even without a console (a Windows GUI program has none): a
/// native message box with the reason and where the log is.
fn fatal(why: &str, log_dir: Option<&std::path::Path>) {
    if std::env::var_os("CMM_NO_MESSAGE_BOX").is_some() {
        return;
    }
    let log = logfile::installed_path()
        .or_else(|| log_dir.map(|d| d.join(logfile::FILE_NAME)))
        .map(|p| format!("\n\nThe log is {}", p.display()))
        .unwrap_or_default();
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("CMM Commissioner cannot start")
        .set_description(format!("{why}{log}"))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}
