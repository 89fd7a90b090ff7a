//! `cmm-commissioner`: the desktop app.
//!
//! The process started by the user is a watcher with no window ([`watcher`]): it starts the
//! window in a child process of the same program for each renderer of the chain
//! ([`window`]), and when a try dies before its first frame is drawn (a driver that aborts
//! the whole process, as vkd3d does under Wine without Vulkan) it starts the next. A window
//! system allows one event loop per process, and a driver that aborts takes its process with
//! it: only another process can fall back.
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(windows)]
mod session_end;
mod watcher;
mod window;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use cmm_commissioner::app::{Settings, logfile};
use cmm_commissioner::ui::renderer::{self, Renderer};

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
    /// Language of the window: en, zh, ru or es (remembered; default: the system's).
    #[arg(long, value_name = "LANG")]
    lang: Option<cmm_commissioner::i18n::Lang>,
}

fn main() -> anyhow::Result<()> {
    // Parsed here too, so that `--help` and a wrong option are answered once, by the watcher.
    let args = Args::parse();
    let chain = Renderer::chain(
        std::env::var(renderer::CHAIN_VARIABLE).ok().as_deref(),
        std::env::var_os("WGPU_BACKEND").is_some(),
    );
    match std::env::var(renderer::TRY_VARIABLE) {
        Ok(n) => {
            let attempt = n.parse::<usize>().unwrap_or(0).min(chain.len() - 1);
            window::run(args, &chain, attempt)
        }
        Err(_) => {
            let settings = args.settings.or_else(Settings::default_path);
            std::process::exit(watcher::run(&chain, settings.as_deref()))
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
/// native message box with the reason and where the log is. `CMM_NO_MESSAGE_BOX` (tests, CI)
/// leaves it in the log only.
fn fatal(why: &str) {
    if std::env::var_os("CMM_NO_MESSAGE_BOX").is_some() {
        say("no message box (CMM_NO_MESSAGE_BOX is set)");
        return;
    }
    let log = logfile::installed_path()
        .map(|p| format!("\n\nThe log is {}", p.display()))
        .unwrap_or_default();
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("CMM Commissioner cannot start")
        .set_description(format!("{why}{log}"))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// Opens (again) the log file of the process: the window's process may have rotated it.
fn open_log() {
    let Some(dir) = cmm_commissioner::app::crash::CrashReports::default_dir() else {
        return;
    };
    match logfile::LogFile::open(&dir) {
        Ok(l) => logfile::install(l),
        Err(e) => eprintln!("cmm-commissioner: no log file in {}: {e}", dir.display()),
    }
}
