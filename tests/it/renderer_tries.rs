//! The desktop app's renderer tries, as separate processes under a real X server (Xvfb): a
//! try whose process aborts before its first frame (as a driver that asserts does) is
//! followed by the next renderer; when every try dies the app ends with the reasons; and the
//! window's process does not outlive the first process that watches it.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

/// Bounds a wait that should end by itself, so a broken app fails the test instead of hanging it.
use crate::gui::SCENARIO_GUARD as GUARD;

/// An X server of its own, on the first free display (Xvfb says which once it is ready).
pub(crate) struct Xvfb {
    server: Child,
    pub(crate) display: String,
}

impl Xvfb {
    pub(crate) fn start() -> Xvfb {
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb");
        let mut n = String::new();
        BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut n)
            .unwrap();
        assert!(!n.trim().is_empty(), "Xvfb named no display");
        Xvfb {
            server,
            display: format!(":{}", n.trim()),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The app in a home of its own, with the renderer `chain` and the tries named in `abort`
/// aborting on purpose, and `settings` in its settings file; its stderr (the watcher's and
/// the windows' lines) piped.
fn start_app(x: &Xvfb, home: &Path, chain: &str, abort: &str, settings: &str) -> Child {
    let _ = std::fs::remove_dir_all(home);
    std::fs::create_dir_all(home).unwrap();
    std::fs::write(home.join("settings.json"), settings).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cmm-commissioner"));
    cmd.args(["--listen", "127.0.0.1:0", "--no-record", "--settings"])
        .arg(home.join("settings.json"))
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WGPU_BACKEND")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("CMM_RENDERER_CHAIN", chain)
        .env("CMM_TEST_ABORT_RENDERER", abort)
        .env("CMM_NO_MESSAGE_BOX", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // The aborts on purpose leave no core files behind.
    unsafe {
        cmd.pre_exec(|| {
            let none = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            Ok(())
        });
    }
    cmd.spawn().expect("the app")
}

/// The app's stderr lines as they come (the channel closes when every process that holds it
/// has ended).
pub(crate) fn lines(app: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let stderr = app.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Lines until one contains `what` (all of them, that one last).
pub(crate) fn until_line(rx: &mpsc::Receiver<String>, what: &str, seen: &mut Vec<String>) {
    loop {
        match rx.recv_timeout(GUARD) {
            Ok(line) => {
                let found = line.contains(what);
                seen.push(line);
                if found {
                    return;
                }
            }
            Err(e) => panic!("never saw {what:?} ({e}):\n{}", seen.join("\n")),
        }
    }
}

fn log(home: &Path) -> String {
    let path: PathBuf = home.join("data/cmm-commissioner/logs/cmm-commissioner.log");
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The first renderer's process aborts before its window opens: the watcher says how it
/// ended and starts the next, which draws. Stopping the watcher then closes the window's
/// process too (the X server still runs: it is not the display going away that ends it).
/// A broken settings file is kept aside once, and still said by the try that draws.
#[test]
fn a_try_that_aborts_is_followed_by_the_next_renderer() {
    let x = Xvfb::start();
    let home = crate::common::TempDir::new("tries-next");
    let mut app = start_app(&x, &home, "vulkan,gl", "vulkan", "{ broken");
    let rx = lines(&mut app);
    let mut seen = Vec::new();
    until_line(&rx, "first frame drawn", &mut seen);
    let text = seen.join("\n");
    for said in [
        "CMM_TEST_ABORT_RENDERER: renderer vulkan aborts the process on purpose",
        "renderer vulkan failed before its first frame: its process ended (signal: 6 (SIGABRT)",
        "; trying gl",
        "renderer gl (try 2 of 2) in process",
        "renderer: wgpu Gl",
    ] {
        assert!(text.contains(said), "{said:?} in:\n{text}");
    }
    assert!(
        !text.contains("renderer gl failed"),
        "the second try drew:\n{text}"
    );

    // The watcher is stopped (SIGTERM, as a session's end does): the window closes as well,
    // the usual way, and the watcher ends after it, with its exit code.
    let pid = i32::try_from(app.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert!(app.wait().unwrap().success());
    // The stream ends once the window's process, which writes to it too, has ended.
    loop {
        match rx.recv_timeout(GUARD) {
            Ok(line) => seen.push(line),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(e) => panic!(
                "the window outlived its watcher ({e}):\n{}",
                seen.join("\n")
            ),
        }
    }
    let text = seen.join("\n");
    assert!(
        text.contains("the watcher process is gone: closing the window"),
        "{text}"
    );
    let log = log(&home);
    assert!(
        log.contains("its process ended (signal: 6 (SIGABRT)"),
        "{log}"
    );
    assert!(log.contains("first frame drawn"), "{log}");
    // Said by the core of the try that drew (its event log goes to the log file).
    assert!(log.contains("error: settings in"), "{log}");
    let kept: Vec<String> = std::fs::read_dir(&home)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("settings.json.bad-"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(kept, ["{ broken"]);
    drop(x);
    let _ = std::fs::remove_dir_all(&home);
}

/// Every try aborts: the app ends with an error, and the reason of each try is said (in a
/// message box for the user; `CMM_NO_MESSAGE_BOX` keeps the test from waiting on it).
#[test]
fn when_every_try_aborts_the_app_ends_with_the_reasons() {
    let x = Xvfb::start();
    let home = crate::common::TempDir::new("tries-none");
    let mut app = start_app(&x, &home, "vulkan,gl", "vulkan,gl", "{}");
    let rx = lines(&mut app);
    let mut seen = Vec::new();
    until_line(&rx, "no message box", &mut seen);
    let status = app.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{}", seen.join("\n"));
    let text = seen.join("\n");
    assert!(
        text.contains(
            "cannot open the window with any renderer (vulkan, gl): vulkan: its process ended \
             (signal: 6 (SIGABRT)"
        ),
        "{text}"
    );
    assert!(
        text.contains("; gl: its process ended (signal: 6 (SIGABRT)"),
        "{text}"
    );
    assert!(!text.contains("first frame drawn"), "{text}");
    assert!(log(&home).contains("cannot open the window with any renderer"));
    drop(x);
    let _ = std::fs::remove_dir_all(&home);
}
