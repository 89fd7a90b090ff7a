//! The floor for the cost per message (`benches/cost.sh`): the least a server can do for a
//! modem and still be one. It splits the stream into JSON objects, parses each into a
//! `serde_json::Value`, answers login (with the same poll plan `cmmctl serve` sends), the long
//! connection, heartbeats, uploads and time, and prints one line per changed register. No
//! state, no decoding, no session rules, no limits: a yardstick, not a server to use.
//!
//! With `--record FILE` it is the recording floor: it also hands every message as received
//! and every register in an upload (time, hostid, table, address, raw word) to one writer
//! thread, which commits them at least once a second into SQLite in WAL mode with prepared
//! statements (two plain tables, no index, hostids as numbers).
//!
//!   floor_server --listen 127.0.0.1:PORT [--online-rate MS] [--current-thread] [--quiet]
//!                [--record FILE]

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Options {
    listen: SocketAddr,
    online_rate: u32,
    current_thread: bool,
    quiet: bool,
    record: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        listen: SocketAddr::from(([127, 0, 0, 1], 21318)),
        online_rate: 3000,
        current_thread: false,
        quiet: false,
        record: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--listen" => {
                let v = args.next().ok_or("--listen needs HOST:PORT")?;
                o.listen = v.parse().map_err(|e| format!("--listen {v}: {e}"))?;
            }
            "--online-rate" => {
                let v = args.next().ok_or("--online-rate needs MS")?;
                o.online_rate = v.parse().map_err(|e| format!("--online-rate {v}: {e}"))?;
            }
            "--current-thread" => o.current_thread = true,
            "--quiet" => o.quiet = true,
            "--record" => o.record = Some(args.next().ok_or("--record needs FILE")?.into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("floor_server: {e}");
            std::process::exit(2);
        }
    };
    let rt = if o.current_thread {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    };
    let rt = match rt {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("floor_server: runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(serve(o)) {
        eprintln!("floor_server: {e}");
        std::process::exit(1);
    }
}

async fn serve(o: Options) -> std::io::Result<()> {
    let listener = TcpListener::bind(o.listen).await?;
    let addr = listener.local_addr()?;
    let maps = cmm_commissioner::proto::map::builtin_maps();
    let config = cmm_commissioner::link::ServerConfig {
        maps,
        ..Default::default()
    };
    let plan = config.plan_for("HGM6120N-4G").to_command_string();
    let recorder = match &o.record {
        Some(path) => Some(start_recorder(path).map_err(std::io::Error::other)?),
        None => None,
    };
    let login = Arc::new(LoginReply {
        live_data: addr.to_string(),
        plan,
        online_rate: o.online_rate,
        recorder,
    });
    eprintln!("floor_server: listening on {addr}");
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(stream, login.clone(), o.quiet));
    }
}

struct LoginReply {
    live_data: String,
    plan: String,
    online_rate: u32,
    recorder: Option<SyncSender<Rec>>,
}

impl LoginReply {
    fn to_json(&self, moduletype: &Value) -> String {
        json!({"method": "login", "retcode": "000000", "result": {
            "register": 1, "historic": self.live_data, "liveData": self.live_data,
            "realTime": "0", "para_command": self.plan, "con_command": self.plan,
            "online_rate": self.online_rate, "offline_rate": 30000, "data_mode": 0,
            "moduletype": moduletype,
        }})
        .to_string()
    }
}

/// One connection: bytes in, objects split by brace depth (strings and escapes respected).
async fn connection(mut stream: TcpStream, login: Arc<LoginReply>, quiet: bool) {
    let mut buf = [0u8; 4096];
    let mut object = Vec::with_capacity(1024);
    let (mut depth, mut in_string, mut escaped) = (0u32, false, false);
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let mut replies = String::new();
        for &b in &buf[..n] {
            if depth == 0 && b != b'{' {
                continue;
            }
            object.push(b);
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        if let Ok(v) = serde_json::from_slice::<Value>(&object) {
                            handle(&v, &login, quiet, &mut replies);
                            if let Some(tx) = &login.recorder {
                                record(tx, &v, &object);
                            }
                        }
                        object.clear();
                    }
                }
                _ => {}
            }
        }
        if !replies.is_empty() && stream.write_all(replies.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn handle(v: &Value, login: &LoginReply, quiet: bool, replies: &mut String) {
    let method = v.get("method").and_then(Value::as_str).unwrap_or("");
    match method {
        "login" => {
            let moduletype = v
                .get("params")
                .and_then(|p| p.get("moduletype"))
                .unwrap_or(&Value::Null);
            replies.push_str(&login.to_json(moduletype));
        }
        "timing" => replies
            .push_str(r#"{"method":"timing","message":"ok","retcode":"000000","result":"0"}"#),
        "reqdatachange" | "reqdata" => {
            replies.push_str(r#"{"method":"reqdata","message":"ok","retcode":"000000"}"#);
            if !quiet {
                print_changes(v);
            }
        }
        "" => {}
        m => {
            replies.push_str(r#"{"method":""#);
            replies.push_str(m);
            replies.push_str(r#"","message":"ok","retcode":"000000"}"#);
        }
    }
}

/// One line per register in the upload: `HOSTID FC ADDR VALUE`, written at once.
fn print_changes(v: &Value) {
    let hostid = v.get("hostid").and_then(Value::as_str).unwrap_or("");
    let Some(params) = v.get("params").and_then(Value::as_object) else {
        return;
    };
    let mut out = String::new();
    for (fc, entries) in params {
        if fc.len() != 2 {
            continue;
        }
        for entry in entries.as_array().into_iter().flatten() {
            for (addr, value) in entry.as_object().into_iter().flatten() {
                let value = value.as_str().unwrap_or("");
                let words = fc == "03" || fc == "04";
                match u16::from_str_radix(addr, 16) {
                    // Holding and input registers: one line per register (4 hex digits).
                    Ok(start) if words => {
                        for (i, word) in value.as_bytes().chunks(4).enumerate() {
                            let word = std::str::from_utf8(word).unwrap_or("");
                            let a = start.wrapping_add(i as u16);
                            out.push_str(&format!("{hostid} {fc} {a:04X} {word}\n"));
                        }
                    }
                    _ => out.push_str(&format!("{hostid} {fc} {addr} {value}\n")),
                }
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}

/// What the recording floor hands its writer: one message as received and its registers.
struct Rec {
    t_ms: i64,
    hostid: String,
    text: Vec<u8>,
    /// (function code, address, raw word) of each register in an upload.
    samples: Vec<(u8, u16, u16)>,
}

fn record(tx: &SyncSender<Rec>, v: &Value, text: &[u8]) {
    let hostid = v.get("hostid").and_then(Value::as_str).unwrap_or("");
    let mut samples = Vec::new();
    if let Some(params) = v.get("params").and_then(Value::as_object) {
        for (fc, entries) in params {
            let Ok(code) = fc.parse::<u8>() else {
                continue;
            };
            for entry in entries.as_array().into_iter().flatten() {
                for (addr, value) in entry.as_object().into_iter().flatten() {
                    let (Ok(start), Some(value)) = (u16::from_str_radix(addr, 16), value.as_str())
                    else {
                        continue;
                    };
                    if code == 3 || code == 4 {
                        for (i, word) in value.as_bytes().chunks(4).enumerate() {
                            let word = std::str::from_utf8(word).unwrap_or("");
                            let raw = u16::from_str_radix(word, 16).unwrap_or(0);
                            samples.push((code, start.wrapping_add(i as u16), raw));
                        }
                    } else {
                        samples.push((code, start, u16::from(value != "0")));
                    }
                }
            }
        }
    }
    let _ = tx.try_send(Rec {
        t_ms: chrono::Utc::now().timestamp_millis(),
        hostid: hostid.to_string(),
        text: text.to_vec(),
        samples,
    });
}

fn start_recorder(path: &std::path::Path) -> rusqlite::Result<SyncSender<Rec>> {
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS message (t_ms INTEGER, target INTEGER, text TEXT);
         CREATE TABLE IF NOT EXISTS sample (t_ms INTEGER, target INTEGER, tbl INTEGER,
                                            addr INTEGER, raw INTEGER);",
    )?;
    let (tx, rx) = sync_channel(200_000);
    std::thread::spawn(move || {
        if let Err(e) = write(conn, rx) {
            eprintln!("floor_server: recording: {e}");
        }
    });
    Ok(tx)
}

/// The writer: a batch committed at least once a second, prepared statements, hostids
/// numbered in memory.
fn write(mut conn: rusqlite::Connection, rx: Receiver<Rec>) -> rusqlite::Result<()> {
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut batch = Vec::new();
    let mut last = Instant::now();
    loop {
        let wait = Duration::from_secs(1).saturating_sub(last.elapsed());
        let done = match rx.recv_timeout(wait) {
            Ok(r) => {
                batch.push(r);
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        if done || last.elapsed() >= Duration::from_secs(1) {
            let tx = conn.transaction()?;
            {
                let mut message = tx.prepare_cached(
                    "INSERT INTO message (t_ms, target, text) VALUES (?1, ?2, ?3)",
                )?;
                let mut sample = tx.prepare_cached(
                    "INSERT INTO sample (t_ms, target, tbl, addr, raw) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for r in batch.drain(..) {
                    let next = ids.len() as i64 + 1;
                    let id = *ids.entry(r.hostid).or_insert(next);
                    let text = std::str::from_utf8(&r.text).unwrap_or("");
                    message.execute(rusqlite::params![r.t_ms, id, text])?;
                    for (tbl, addr, raw) in r.samples {
                        sample.execute(rusqlite::params![r.t_ms, id, tbl, addr, raw])?;
                    }
                }
            }
            tx.commit()?;
            last = Instant::now();
        }
        if done {
            return Ok(());
        }
    }
}
