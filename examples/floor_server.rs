//! The floor for the cost per message (`benches/cost.sh`): the least a server can do for a
//! modem and still be one. It splits the stream into JSON objects, parses each into a
//! `serde_json::Value`, answers login (with the same poll plan `cmmctl serve` sends), the long
//! connection, heartbeats, uploads and time, and prints one line per changed register. No
//! state, no decoding, no session rules, no limits: a yardstick, not a server to use.
//!
//!   floor_server --listen 127.0.0.1:PORT [--online-rate MS] [--current-thread] [--quiet]

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Options {
    listen: SocketAddr,
    online_rate: u32,
    current_thread: bool,
    quiet: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        listen: SocketAddr::from(([127, 0, 0, 1], 21318)),
        online_rate: 3000,
        current_thread: false,
        quiet: false,
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
    let login = Arc::new(LoginReply {
        live_data: addr.to_string(),
        plan,
        online_rate: o.online_rate,
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
