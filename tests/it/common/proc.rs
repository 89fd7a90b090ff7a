//! The real `cmmctl` as a child process: JSON lines on stdout, commands on stdin.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Instant;

use serde_json::Value;

/// The console tool.
pub const BIN: &str = env!("CARGO_BIN_EXE_cmmctl");
/// Longest a test waits for a line.
pub use super::GUARD;

/// A data folder of this test run.
pub fn data_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cmm-test-data-{}", std::process::id()))
}

/// Runs `cmmctl` with `args` to its end: whether it succeeded, its stdout and its stderr.
pub fn cmmctl(args: &[&str]) -> (bool, String, String) {
    cmmctl_env(args, &[])
}

/// [`cmmctl`] with these variables set.
pub fn cmmctl_env(args: &[&str], envs: &[(&str, &str)]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

pub struct Proc {
    pub child: Child,
    lines: mpsc::Receiver<Value>,
    seen: Vec<Value>,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Proc {
    pub fn spawn(args: &[&str]) -> Proc {
        Self::spawn_with(BIN, args)
    }

    pub fn spawn_with(program: &str, args: &[&str]) -> Proc {
        Self::spawn_full(program, args, &[])
    }

    /// `cmmctl` with these variables set (over the test run's data folder).
    pub fn spawn_env(args: &[&str], envs: &[(&str, &str)]) -> Proc {
        Self::spawn_full(BIN, args, envs)
    }

    fn spawn_full(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Proc {
        let mut child = Command::new(program)
            .args(args)
            // Recordings made by default go to a folder of the test run, not the user's.
            .env("XDG_DATA_HOME", data_home())
            .envs(envs.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cmmctl runs");
        let out = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let v: Value =
                    serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}"));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Proc {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Every line read so far.
    pub fn seen(&self) -> &[Value] {
        &self.seen
    }

    pub fn stdin(&mut self) -> &mut ChildStdin {
        self.child.stdin.as_mut().unwrap()
    }

    pub fn send(&mut self, line: &str) {
        writeln!(self.stdin(), "{line}").unwrap();
        self.stdin().flush().unwrap();
    }

    /// Waits until each predicate has matched a line, in any order (lines from different
    /// connections may interleave either way).
    pub fn expect_all(&mut self, what: &str, preds: &[&dyn Fn(&Value) -> bool]) {
        // One deadline for all: a stream of other lines must not keep the wait alive.
        let deadline = Instant::now() + GUARD;
        let mut done = vec![false; preds.len()];
        while done.iter().any(|d| !d) {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = match self.lines.recv_timeout(left) {
                Ok(v) => v,
                Err(_) => panic!(
                    "not all of {what} (matched: {done:?}); seen {:#?}",
                    self.seen
                ),
            };
            self.seen.push(v.clone());
            for (i, p) in preds.iter().enumerate() {
                if !done[i] && p(&v) {
                    done[i] = true;
                    break;
                }
            }
        }
    }

    /// A line already read that matches, else the next one that does.
    pub fn saw_or_expect(&mut self, what: &str, f: impl Fn(&Value) -> bool) -> Value {
        if let Some(v) = self.seen.iter().find(|v| f(v)) {
            return v.clone();
        }
        self.expect(what, f)
    }

    pub fn expect(&mut self, what: &str, f: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + GUARD;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(v) => {
                    self.seen.push(v.clone());
                    if f(&v) {
                        return v;
                    }
                }
                Err(_) => panic!("no {what}; seen {:#?}", self.seen),
            }
        }
    }
}

pub fn is(v: &Value, event: &str) -> bool {
    v["event"] == event
}

/// The address `cmmctl serve` listens on, from its first line.
pub fn listening(serve: &mut Proc) -> String {
    let l = serve.expect("listening", |v| is(v, "listening"));
    l["addr"].as_str().unwrap().to_string()
}
