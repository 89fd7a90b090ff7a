//! The console front end of the core, shared by `cmmctl serve` and `cmmctl poll`: commands
//! from stdin (one JSON object per line), every applied event printed as JSON lines on stdout.

use std::future::Future;
use std::io::Write;

use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

use super::command_json::parse_command;
use super::event_json::{event_json, write_change};
use super::mqtt::remote::{Refusal, Remote};
use super::mqtt::{Bridge, RemoteCommand};
use crate::app::{Core, Report};

/// How to read and print.
#[derive(Debug, Clone, Default)]
pub struct Console {
    /// Where a command line that names no `hostid` goes (`cmmctl poll`: its controller).
    pub default_target: Option<String>,
    /// Raw value written for `"on": true`.
    pub coil_on: u16,
    /// Leave out register changes (load runs).
    pub no_changes: bool,
    /// Print traffic lines (they may be recorded without being printed).
    pub traffic: bool,
}

/// The recording of a run: the file asked for, else (when `default`) a new one in the user's
/// data folder, else none.
pub fn record_path(asked: Option<std::path::PathBuf>, default: bool) -> Option<std::path::PathBuf> {
    asked.or_else(|| {
        default
            .then(crate::app::recording::default_dir)
            .flatten()
            .map(|d| crate::app::recording::new_file(&d))
    })
}

/// Feeds stdin (and the broker's commands, with a bridge that takes them) to the core and
/// prints its reports (and hands them to the bridge) until `stop` resolves or stdout closes;
/// then stops the core, still printing what it says while it stops, and the bridge last.
/// After the end of stdin the core keeps running.
pub async fn run(
    mut core: Core,
    mut reports: mpsc::Receiver<Report>,
    console: Console,
    stop: impl Future<Output = ()>,
    mut bridge: Option<Bridge>,
) {
    let (err_tx, mut errors) = mpsc::channel::<String>(64);
    let reader = tokio::spawn(read_commands(core.commands(), console.clone(), err_tx));
    // Lines are formatted here and written by a thread of their own: a slow reader of stdout
    // does not hold up the runtime (with `cmmctl serve`, the one thread that answers modems).
    let stdout = match super::stdout::Stdout::spawn() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cmmctl: cannot start the output thread: {e}");
            reader.abort();
            core.shutdown().await;
            return;
        }
    };
    let mut out = Vec::new();
    let mut remote = Remote::default();
    let mut status = bridge.as_mut().and_then(|b| b.status.take());
    let mut remote_commands = bridge.as_mut().and_then(|b| b.commands.take());
    tokio::pin!(stop);
    loop {
        let ok = tokio::select! {
            _ = &mut stop => break,
            Some(message) = errors.recv() => {
                print(&mut out, &json!({"event": "error", "hostid": null, "uid": null, "message": message}))
            }
            Some(v) = recv(&mut status) => print(&mut out, &v),
            Some(c) = recv(&mut remote_commands) => {
                remote_command(&core, &mut remote, bridge.as_ref(), &console, c, &mut out)
            }
            r = reports.recv() => match r {
                Some(r) => {
                    let mut ok = handle_report(&mut out, &r, &console, bridge.as_ref(), &mut remote);
                    // Print what is already there before flushing once.
                    while ok && let Ok(r) = reports.try_recv() {
                        ok = handle_report(&mut out, &r, &console, bridge.as_ref(), &mut remote);
                    }
                    ok
                }
                None => break,
            },
        };
        if !ok || !stdout.hand_over(&mut out).await {
            break;
        }
    }
    reader.abort();
    let shutdown = core.shutdown();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(r) = reports.recv() => {
                handle_report(&mut out, &r, &console, bridge.as_ref(), &mut remote);
                stdout.hand_over(&mut out).await;
            }
        }
    }
    while let Ok(r) = reports.try_recv() {
        handle_report(&mut out, &r, &console, bridge.as_ref(), &mut remote);
    }
    if let Some(b) = bridge {
        while let Some(Ok(v)) = status.as_mut().map(|s| s.try_recv()) {
            print(&mut out, &v);
        }
        stdout.hand_over(&mut out).await;
        b.stop().await;
    }
    stdout.hand_over(&mut out).await;
    stdout.finish().await;
}

/// The next message of an optional channel; never, without one.
async fn recv<T>(rx: &mut Option<mpsc::Receiver<T>>) -> Option<T> {
    match rx {
        Some(r) => r.recv().await,
        None => std::future::pending().await,
    }
}

/// Prints a report and hands it to the bridge; a report that settles a broker's command is
/// published on its outcome topic.
fn handle_report(
    out: &mut impl Write,
    r: &Report,
    console: &Console,
    bridge: Option<&Bridge>,
    remote: &mut Remote,
) -> bool {
    if let Some(b) = bridge {
        b.offer(r);
        if let Some((hostid, v)) = remote.settle(&r.event) {
            b.outcome(&hostid, &v);
        }
    }
    print_report(out, r, console)
}

/// A command from the broker: checked against the state, then sent, or refused on its
/// outcome topic (and on stdout).
fn remote_command(
    core: &Core,
    remote: &mut Remote,
    bridge: Option<&Bridge>,
    console: &Console,
    c: RemoteCommand,
    out: &mut impl Write,
) -> bool {
    let prepared = {
        let state = core.state();
        remote.prepare(&c.hostid, &c.payload, console.coil_on, &state)
    };
    let refusal = match prepared {
        Ok(p) => match core.send(p.command) {
            Ok(()) => return true,
            Err(e) => {
                remote.forget(&p.hostid);
                Refusal {
                    hostid: p.hostid,
                    uid: Some(p.uid),
                    detail: format!("not sent: {e}"),
                }
            }
        },
        Err(r) => r,
    };
    let v = refusal.json();
    if let Some(b) = bridge {
        b.outcome(&refusal.hostid, &v);
    }
    print(out, &v)
}

/// Commands from stdin, one JSON object per line; a line that is not a command is reported.
async fn read_commands(
    core: mpsc::Sender<crate::app::Command>,
    console: Console,
    errors: mpsc::Sender<String>,
) {
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if line.trim().is_empty() {
            continue;
        }
        match parse_command(&line, console.coil_on, console.default_target.as_deref()) {
            Ok(cmd) => {
                if core.send(cmd).await.is_err() {
                    break;
                }
            }
            Err(e) => {
                let _ = errors.send(format!("bad command: {e}")).await;
            }
        }
    }
}

fn print(out: &mut impl Write, v: &serde_json::Value) -> bool {
    serde_json::to_writer(&mut *out, v).is_ok() && out.write_all(b"\n").is_ok()
}

/// Prints an event, the register changes it caused, and new sanity warnings.
fn print_report(out: &mut impl Write, r: &Report, console: &Console) -> bool {
    if r.event.is_traffic() && !console.traffic {
        return true;
    }
    if let Some(v) = event_json(&r.event)
        && !print(out, &v)
    {
        return false;
    }
    let hostid = match &r.event {
        crate::link::Event::Data { hostid, .. } => hostid,
        _ => return true,
    };
    if !console.no_changes {
        for (c, decoded) in &r.changes {
            let line = write_change(&mut *out, hostid, c, decoded.as_ref());
            if line.and_then(|()| out.write_all(b"\n")).is_err() {
                return false;
            }
        }
    }
    for message in &r.warnings {
        let v = json!({"event": "warning", "hostid": hostid, "message": message});
        if !print(out, &v) {
            return false;
        }
    }
    true
}
