//! `cmmctl`: the headless tool over the same link and state as the GUI.

pub mod command_json;
pub mod event_json;
pub mod export_cmd;
pub mod front;
pub mod journal_cmd;
pub mod map_cmd;
pub mod mqtt;
pub mod recording_cmd;
pub mod replay;
pub mod report_cmd;
pub mod serial_cmd;
pub mod serve;
pub mod sim;
pub mod snapshot_cmd;
pub mod stdout;

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
    Serve(Box<serve::ServeArgs>),
    /// Run one or many simulated modems (each with a simulated HGM6120N) against a server.
    SimModem(sim::SimArgs),
    /// List serial ports with their USB details.
    Ports {
        /// One JSON object per port.
        #[arg(long)]
        json: bool,
    },
    /// Poll a controller on a serial port: events as JSON lines, writes from stdin.
    Poll(serial_cmd::PollArgs),
    /// Send one write to a controller on a serial port.
    Write(serial_cmd::WriteArgs),
    /// Find which baud rates and slave ids answer on a serial port.
    Scan(serial_cmd::ScanArgs),
    /// Run a simulated HGM6120N as a Modbus RTU slave on a serial port or a pty.
    SimController(serial_cmd::SimControllerArgs),
    /// Register maps: validate a file, or show the map of a model.
    #[command(subcommand)]
    Map(map_cmd::MapCmd),
    /// Export a recording's values as CSV.
    Export(export_cmd::ExportArgs),
    /// A recording to hand over: what it holds (info), a single-file copy to share (copy).
    #[command(subcommand)]
    Recording(recording_cmd::RecordingCmd),
    /// The commissioning report of a recording: PDF, with the load steps as CSV beside it.
    Report(report_cmd::ReportArgs),
    /// A recording's event journal: alarms (the first-out marked), mode and status changes,
    /// breakers, starts and stops, commands, links and markers, each with the key values.
    Journal(journal_cmd::JournalArgs),
    /// What changed on a target between two snapshots (as found, as left) kept in a
    /// recording.
    SnapshotDiff(snapshot_cmd::SnapshotDiffArgs),
    /// Play a recording's uplinks back to a server, as the modems sent them.
    Replay(replay::ReplayArgs),
}

/// Entry point of `cmmctl`. The file subcommands run on this thread; the others on a tokio
/// runtime made for them.
pub fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Cmd::Map(m) => map_cmd::run(m),
        Cmd::Ports { json } => serial_cmd::ports(json),
        Cmd::Export(a) => export_cmd::run(a),
        Cmd::Report(a) => report_cmd::run(a),
        Cmd::Journal(a) => journal_cmd::run(a),
        Cmd::SnapshotDiff(a) => snapshot_cmd::run(a),
        Cmd::Recording(c) => recording_cmd::run(c),
        // The server runs on one thread: each message then goes from its connection to the
        // state and to the printer without waking another thread (at 4,000 messages a second
        // that was a fifth of the server's time), and one core answers far more modems than a
        // site has. What blocks runs beside it: the recorder and the console output on
        // threads of their own, file work on tokio's blocking pool.
        Cmd::Serve(a) => runtime(true)?.block_on(serve::run(*a)),
        Cmd::SimModem(a) => runtime(false)?.block_on(sim::run(a)),
        Cmd::Poll(a) => runtime(false)?.block_on(serial_cmd::poll(a)),
        Cmd::Write(a) => runtime(false)?.block_on(serial_cmd::write(a)),
        Cmd::Scan(a) => runtime(false)?.block_on(serial_cmd::scan_cmd(a)),
        Cmd::SimController(a) => runtime(false)?.block_on(serial_cmd::sim_controller(a)),
        Cmd::Replay(a) => runtime(false)?.block_on(replay::run(a)),
    }
}

/// The runtime of a subcommand that serves or links (on this thread alone when
/// `current_thread`), with the open-file limit raised first for its many connections.
fn runtime(current_thread: bool) -> std::io::Result<tokio::runtime::Runtime> {
    if let Err(e) = crate::link::config::raise_open_file_limit() {
        eprintln!("cmmctl: could not raise the open-file limit: {e}");
    }
    if current_thread {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    }
}

/// Resolves when the program is asked to stop: Ctrl-C, and on Unix SIGTERM (a service
/// manager, a logout, a shutdown, a plain `kill`) and SIGHUP (the terminal closed); on
/// Windows the console closed, the user logging off or the system shutting down. Whoever
/// waits on it then stops cleanly: the recording is committed and made one file.
pub async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let wait = |kind: SignalKind| async move {
            match signal(kind) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = wait(SignalKind::terminate()) => {}
            _ = wait(SignalKind::hangup()) => {}
        }
    }
    #[cfg(windows)]
    {
        use tokio::signal::windows;
        let mut close = windows::ctrl_close().ok();
        let mut shutdown = windows::ctrl_shutdown().ok();
        let mut logoff = windows::ctrl_logoff().ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async {
                match close.as_mut() {
                    Some(s) => s.recv().await,
                    None => std::future::pending().await,
                }
            } => {}
            _ = async {
                match shutdown.as_mut() {
                    Some(s) => s.recv().await,
                    None => std::future::pending().await,
                }
            } => {}
            _ = async {
                match logoff.as_mut() {
                    Some(s) => s.recv().await,
                    None => std::future::pending().await,
                }
            } => {}
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// How long `cmmctl serve` and `poll` take at most to stop once asked: time to commit the
/// recording and make it one file (well under a second on any disk that works).
pub const STOP_WITHIN: std::time::Duration = std::time::Duration::from_secs(20);

/// Asked to stop: if the clean stop has not ended the process within `limit` (a disk that
/// hangs, a peer that holds a write), it ends anyway, saying so on stderr; the recording keeps
/// what was committed (a second at most is lost, as after a power cut).
pub fn stop_within(limit: std::time::Duration) {
    let _ = std::thread::Builder::new()
        .name("cmm-stop-watch".into())
        .spawn(move || {
            std::thread::sleep(limit);
            eprintln!(
                "cmmctl: not stopped {} s after being asked to: stopping now (the recording \
                 keeps what was committed)",
                limit.as_secs()
            );
            std::process::exit(1);
        });
}
