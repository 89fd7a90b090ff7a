//! `cmmctl replay`: plays a recording's uplinks back to a server as the modems sent them:
//! each login on a short connection of its own, everything else on the modem's long
//! connection, at the recorded pace (or faster). For tests and demonstrations.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep_until, timeout};

use crate::proto::{Piece, Splitter};
use crate::store::reader::Recording;

/// Options of `cmmctl replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The recording.
    pub file: PathBuf,
    /// HOST:PORT of the server to play to.
    #[arg(long)]
    pub server: String,
    /// Speed: 2 plays twice as fast; 0 sends everything at once.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
}

/// Methods that answer the recorded server's commands: they make no sense to another server.
fn is_reply(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("\"writeconfig\"") || lower.contains("\"method\":\"reset\"")
}

/// Waits for one reply object (or gives up after a while).
async fn one_reply(s: &mut TcpStream) {
    let mut splitter = Splitter::new(64 * 1024);
    let mut buf = [0u8; 4096];
    let _ = timeout(Duration::from_secs(5), async {
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    splitter.push(&buf[..n]);
                    if matches!(splitter.next_piece(), Some(Piece::Object(_))) {
                        return;
                    }
                }
            }
        }
    })
    .await;
}

/// One modem's messages, at their times.
async fn play(server: String, msgs: Vec<(Instant, String)>) -> (u64, u64) {
    let (mut sent, mut failed) = (0u64, 0u64);
    let mut long: Option<TcpStream> = None;
    for (at, text) in msgs {
        sleep_until(at).await;
        if text.contains("\"login\"") {
            match TcpStream::connect(&server).await {
                Ok(mut s) => {
                    if s.write_all(text.as_bytes()).await.is_ok() {
                        one_reply(&mut s).await;
                        sent += 1;
                    } else {
                        failed += 1;
                    }
                }
                Err(_) => failed += 1,
            }
            continue;
        }
        if long.is_none() {
            long = TcpStream::connect(&server).await.ok();
        }
        let ok = match long.as_mut() {
            Some(s) => s.write_all(text.as_bytes()).await.is_ok(),
            None => false,
        };
        if ok {
            sent += 1;
        } else {
            failed += 1;
            long = None;
        }
        // Replies are read and dropped so the server's writes never block.
        if let Some(s) = long.as_mut() {
            let mut buf = [0u8; 4096];
            while let Ok(Ok(n)) = timeout(Duration::from_millis(1), s.read(&mut buf)).await {
                if n == 0 {
                    long = None;
                    break;
                }
            }
        }
    }
    (sent, failed)
}

/// Runs the replay; prints a summary line.
pub async fn run(a: ReplayArgs) -> anyhow::Result<()> {
    let rec = Recording::open(&a.file)?;
    let uplinks = rec.uplinks()?;
    let Some(first) = uplinks.first().map(|u| u.0) else {
        anyhow::bail!(
            "{} holds no messages from modems to replay",
            a.file.display()
        );
    };
    let start = Instant::now();
    let mut by_target: BTreeMap<String, Vec<(Instant, String)>> = BTreeMap::new();
    for (t, target, text) in uplinks {
        if is_reply(&text) {
            continue;
        }
        let offset = if a.speed > 0.0 {
            Duration::from_secs_f64((t - first).max(0) as f64 / 1000.0 / a.speed)
        } else {
            Duration::ZERO
        };
        let key = target.unwrap_or_else(|| "(unknown)".into());
        by_target
            .entry(key)
            .or_default()
            .push((start + offset, text));
    }
    let modems = by_target.len();
    let tasks: Vec<_> = by_target
        .into_values()
        .map(|msgs| tokio::spawn(play(a.server.clone(), msgs)))
        .collect();
    let (mut sent, mut failed) = (0, 0);
    for t in tasks {
        let (s, f) = t.await.unwrap_or((0, 0));
        sent += s;
        failed += f;
    }
    println!(
        "{}",
        json!({"event": "replay_done", "modems": modems, "sent": sent, "failed": failed,
               "seconds": (start.elapsed().as_secs_f64() * 10.0).round() / 10.0})
    );
    Ok(())
}
