//! `cmm-commissioner`: the desktop app.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use cmm_commissioner::link::ServerConfig;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;

/// Commission and troubleshoot gensets behind SmartGen cloud modems.
#[derive(Debug, Parser)]
#[command(name = "cmm-commissioner", version, about)]
struct Args {
    /// Start simulated modems against the app's own server (no hardware needed).
    #[arg(long)]
    demo: bool,
    /// Number of simulated modems in demo mode.
    #[arg(long, default_value_t = 3)]
    demo_modems: usize,
    /// Address and port the modem server listens on.
    #[arg(long, default_value = "0.0.0.0:21318")]
    listen: SocketAddr,
    /// HOST:PORT modems are told to use (default: this laptop's primary IPv4).
    #[arg(long)]
    advertise: Option<String>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let _ = cmm_commissioner::link::config::raise_open_file_limit();
    // The desktop app records every message for the traffic inspector (bounded in memory).
    let server = ServerConfig {
        listen: args.listen,
        advertise: args.advertise,
        traffic: true,
        ..Default::default()
    };
    let startup = Startup {
        server,
        demo: args.demo,
        demo_modems: args.demo_modems,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("CMM Commissioner")
            .with_inner_size([1200.0, 800.0]),
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
