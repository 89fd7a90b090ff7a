//! The first process: it opens no window. For each renderer of the chain it starts the
//! window in a child process of the same program (see `window`) and waits for the child to
//! say its first frame is drawn. A child that ends before that (a driver that aborts the
//! process, a window that cannot open) or does not draw within [`RENDERER_WAIT`] is followed
//! by the next renderer; when none draws, the reasons go to a message box and the log. Once
//! a frame is drawn, the watcher waits for the app and ends with its exit code: a crash after
//! that stays a crash (with its crash report).
//!
//! The child's stdin is a pipe from the watcher that is never written: when the watcher ends,
//! however it ends (stopped, killed, the session closed), the pipe closes and the child
//! closes its window, so no window process is left without its watcher. Asked to stop itself
//! (SIGTERM, SIGINT, SIGHUP, or the Windows equivalents), the watcher closes that pipe and
//! waits for the window's process to close the app cleanly (its recording made one file).

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use cmm_commissioner::app::Settings;
use cmm_commissioner::app::crash::CrashReports;
use cmm_commissioner::ui::renderer::{Renderer, TRY_VARIABLE};

use crate::say;

/// The child's line on stdout when its first frame is drawn.
pub const DRAWN: &str = "cmm-commissioner-try: first frame drawn";
/// The start of the child's line on stdout when it cannot open the window; the reason follows.
pub const FAILED: &str = "cmm-commissioner-try: failed: ";
/// The crash report of the last run, found by the watcher, for the window to offer.
pub const LAST_CRASH_VARIABLE: &str = "CMM_LAST_CRASH";
/// Why the settings file could not be read, found by the watcher: the first try moves such a
/// file aside, and a later one, which finds none, must still say so.
pub const SETTINGS_NOTICE_VARIABLE: &str = "CMM_SETTINGS_NOTICE";
/// How long a renderer may take to draw its first frame before the next is tried (a start
/// that hangs was seen with DX12 under Wine in a fresh prefix). The last has no limit.
const RENDERER_WAIT: Duration = Duration::from_secs(20);

/// The running try's end of its stdin pipe: dropped to tell it to close.
static CHILD_STDIN: Mutex<Option<std::process::ChildStdin>> = Mutex::new(None);
/// Set once the watcher was asked to stop: no further try is started.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// On a stop signal: no new try, and the running one is told to close (its pipe closed).
fn stop_on_signals() {
    let watch = || {
        let rt = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => return say(&format!("cannot watch for stop signals: {e}")),
        };
        rt.block_on(cmm_commissioner::cli::interrupted());
        say("asked to stop: closing the window");
        STOPPING.store(true, Ordering::SeqCst);
        let stdin = cmm_commissioner::sync::lock(&CHILD_STDIN).take();
        if stdin.is_none() {
            std::process::exit(1);
        }
        drop(stdin);
    };
    if let Err(e) = std::thread::Builder::new()
        .name("stop-signals".into())
        .spawn(watch)
    {
        say(&format!("cannot watch for stop signals: {e}"));
    }
}

/// Tries the renderers of `chain` in turn, with the settings file `settings`; the exit code
/// of the process.
pub fn run(chain: &[Renderer], settings: Option<&Path>) -> i32 {
    crate::open_log();
    let names: Vec<&str> = chain.iter().map(|r| r.name()).collect();
    let names = names.join(", ");
    say(&format!(
        "cmm-commissioner {} starting (process {}), renderers to try: {names}",
        env!("CARGO_PKG_VERSION"),
        std::process::id()
    ));
    let mut env = Vec::new();
    if let Some(c) = last_crash() {
        env.push((LAST_CRASH_VARIABLE, c.into_os_string()));
    }
    // Read here once, so a broken file is kept aside and said whichever try draws.
    if let Some((_, Some(problem))) = settings.map(Settings::load) {
        say(&problem);
        env.push((SETTINGS_NOTICE_VARIABLE, problem.into()));
    }
    stop_on_signals();
    let mut failures = Vec::new();
    for (n, renderer) in chain.iter().enumerate() {
        if STOPPING.load(Ordering::SeqCst) {
            return 1;
        }
        let wait = (n + 1 < chain.len()).then_some(RENDERER_WAIT);
        let why = match attempt(n, &env, wait) {
            Ok(code) => return code,
            Err(why) => why,
        };
        // The window's process may have rotated the log.
        crate::open_log();
        let next = chain
            .get(n + 1)
            .map(|r| format!("; trying {}", r.name()))
            .unwrap_or_default();
        say(&format!(
            "renderer {} failed before its first frame: {why}{next}",
            renderer.name()
        ));
        failures.push(format!("{}: {why}", renderer.name()));
    }
    let why = format!(
        "cannot open the window with any renderer ({names}): {}",
        failures.join("; ")
    );
    say(&why);
    crate::fatal(&why);
    1
}

/// The newest crash report not yet shown, marked as shown (every try offers it).
fn last_crash() -> Option<PathBuf> {
    let reports = CrashReports::default_dir().map(CrashReports::new)?;
    let report = reports.unseen()?;
    let _ = reports.mark_seen();
    Some(report.with_extension("txt.seen"))
}

/// What a try's process said on stdout.
enum Said {
    Drawn,
    Failed(String),
    /// Its stdout closed: it ended.
    Ended,
}

/// Runs try `n` in a child process: its exit code once it drew its first frame and then
/// ended, or why it ended (or was stopped, after `wait`) before.
fn attempt(n: usize, env: &[(&str, OsString)], wait: Option<Duration>) -> Result<i32, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the program: {e}"))?;
    let mut cmd = Command::new(exe);
    cmd.args(std::env::args_os().skip(1))
        .env(TRY_VARIABLE, n.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .envs(env.iter().cloned());
    let mut child = cmd.spawn().map_err(|e| format!("cannot start it: {e}"))?;
    // Held as long as this process runs (see the module's doc), or until it is asked to stop.
    *cmm_commissioner::sync::lock(&CHILD_STDIN) = child.stdin.take();
    let said = listen(child.stdout.take());
    let deadline = wait.map(|w| Instant::now() + w);
    let mut reason = None;
    loop {
        let next = match deadline {
            Some(d) => said.recv_timeout(d.saturating_duration_since(Instant::now())),
            None => said
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        match next {
            Ok(Said::Drawn) => return Ok(wait_for_the_app(child)),
            Ok(Said::Failed(why)) => reason = Some(why),
            Ok(Said::Ended) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                reason = Some(format!(
                    "no frame drawn within {} s",
                    RENDERER_WAIT.as_secs()
                ));
                break;
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot learn how it ended: {e}"))?;
    Err(match reason {
        Some(why) => format!("{why} ({status})"),
        None => format!("its process ended ({status})"),
    })
}

/// Reads the child's stdout: the reports to the watcher come out of the channel, any other
/// line is passed on to this process's stdout. The thread ends when the child's stdout does.
fn listen(stdout: Option<ChildStdout>) -> mpsc::Receiver<Said> {
    let (tx, rx) = mpsc::channel();
    let Some(stdout) = stdout else {
        let _ = tx.send(Said::Ended);
        return rx;
    };
    let read = move || {
        let mut lines = BufReader::new(stdout);
        let mut line = Vec::new();
        loop {
            line.clear();
            match lines.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end();
            let said = if text == DRAWN {
                Said::Drawn
            } else if let Some(why) = text.strip_prefix(FAILED) {
                Said::Failed(why.to_string())
            } else {
                let _ = writeln!(std::io::stdout(), "{text}");
                continue;
            };
            // The watcher stops listening once a frame is drawn: lines after that are passed on.
            let _ = tx.send(said);
        }
        let _ = tx.send(Said::Ended);
    };
    if let Err(e) = std::thread::Builder::new()
        .name("try-stdout".into())
        .spawn(read)
    {
        say(&format!("cannot read the window process's reports: {e}"));
    }
    rx
}

/// Waits for the app that drew its window to end; its exit code (128 + the signal's number
/// for one stopped by a signal, as a shell says it).
fn wait_for_the_app(mut child: Child) -> i32 {
    let status = match child.wait() {
        Ok(s) => s,
        Err(e) => {
            say(&format!("cannot wait for the window process: {e}"));
            return 1;
        }
    };
    crate::open_log();
    if !status.success() {
        say(&format!("the window process ended: {status}"));
    }
    code(status)
}

#[cfg(unix)]
fn code(status: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1)
}

#[cfg(not(unix))]
fn code(status: ExitStatus) -> i32 {
    status.code().unwrap_or(1)
}
