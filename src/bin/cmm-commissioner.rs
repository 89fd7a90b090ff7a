//! `cmm-commissioner`: the desktop app.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;
use cmm_commissioner::app::Settings;
use cmm_commissioner::app::crash::CrashReports;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;

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
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "CMM Commissioner",
        options,
        Box::new(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let app = CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint()))?;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
