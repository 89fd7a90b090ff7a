//! `cmmctl`: the headless tool over the same link and state as the GUI.

pub mod command_json;
pub mod event_json;
pub mod map_cmd;
pub mod serve;
pub mod sim;

use clap::{Parser, Subcommand};

/// Serve, simulate and script SmartGen cloud modems from a console.
#[derive(Debug, Parser)]
#[command(name = "cmmctl", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Run the mini-server: events as JSON lines on stdout, commands as JSON lines on stdin.
    Serve(serve::ServeArgs),
    /// Run one or many simulated modems (each with a simulated HGM6120N) against a server.
    SimModem(sim::SimArgs),
    /// Register maps: validate a file, or show the map of a model.
    #[command(subcommand)]
    Map(map_cmd::MapCmd),
}

/// Entry point of `cmmctl`.
pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Cmd::Map(m) = cli.command {
        return map_cmd::run(m);
    }
    if let Err(e) = crate::link::config::raise_open_file_limit() {
        eprintln!("cmmctl: could not raise the open-file limit: {e}");
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match cli.command {
        Cmd::Serve(a) => rt.block_on(serve::run(a)),
        Cmd::SimModem(a) => rt.block_on(sim::run(a)),
        Cmd::Map(m) => map_cmd::run(m),
    }
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
pub async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
