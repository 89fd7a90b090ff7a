//! A real Mosquitto broker on a free loopback port with a config file of its own, and an MQTT
//! subscriber that collects what it receives.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly
#![allow(dead_code)]

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `mosquitto`.
pub struct Broker {
    pub port: u16,
    pub dir: PathBuf,
    child: Option<Child>,
}

impl Drop for Broker {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Broker {
    /// A broker allowing anonymous clients, no persistence.
    pub fn start(name: &str) -> Broker {
        Self::start_with(name, "allow_anonymous true\n")
    }

    /// A broker with `extra` lines in its config (after `listener PORT 127.0.0.1`); `extra`
    /// may name files in `dir` as `DIR/`.
    pub fn start_with(name: &str, extra: &str) -> Broker {
        Self::start_after(name, extra, |_| {})
    }

    /// As `start_with`, with `setup` run on the broker's folder first (files the config names).
    pub fn start_after(name: &str, extra: &str, setup: impl FnOnce(&Path)) -> Broker {
        let dir = std::env::temp_dir().join(format!("cmm-mqtt-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        setup(&dir);
        let port = free_port();
        let extra = extra.replace("DIR/", &format!("{}/", dir.display()));
        std::fs::write(
            dir.join("mosquitto.conf"),
            format!(
                "listener {port} 127.0.0.1\n{extra}\npersistence false\nlog_dest stderr\n\
                 log_type error\nlog_type warning\n"
            ),
        )
        .unwrap();
        let mut b = Broker {
            port,
            dir,
            child: None,
        };
        b.run();
        b
    }

    fn run(&mut self) {
        let child = Command::new("mosquitto")
            .arg("-c")
            .arg(self.dir.join("mosquitto.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("mosquitto runs (apt-get install mosquitto)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "mosquitto did not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the broker (it forgets every retained message: no persistence).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port.
    pub fn restart(&mut self) {
        self.kill();
        self.run();
    }

    /// The broker's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn url(&self) -> String {
        format!("mqtt://127.0.0.1:{}", self.port)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// One message received.
#[derive(Debug, Clone)]
pub struct Got {
    pub topic: String,
    pub retain: bool,
    pub payload: String,
}

impl Got {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.payload)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}: {}", self.topic, self.payload))
    }
}

/// A subscriber on its own thread.
pub struct Sub {
    pub client: rumqttc::Client,
    rx: mpsc::Receiver<Got>,
    pub seen: Vec<Got>,
}

impl Sub {
    /// Connects and subscribes to `filters`.
    pub fn new(port: u16, filters: &[&str]) -> Sub {
        let id = format!("test-sub-{}", fastrand::u64(..));
        let mut o = rumqttc::MqttOptions::new(id, "127.0.0.1", port);
        o.set_max_packet_size(1 << 20, 1 << 20);
        let (client, mut conn) = rumqttc::Client::new(o, 64);
        for f in filters {
            client.subscribe(*f, rumqttc::QoS::AtLeastOnce).unwrap();
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for ev in conn.iter() {
                match ev {
                    Ok(rumqttc::Event::Incoming(rumqttc::Packet::Publish(p))) => {
                        let g = Got {
                            topic: p.topic.clone(),
                            retain: p.retain,
                            payload: String::from_utf8_lossy(&p.payload).into_owned(),
                        };
                        if tx.send(g).is_err() {
                            return;
                        }
                    }
                    Ok(_) => {}
                    Err(_) => std::thread::sleep(Duration::from_millis(100)),
                }
            }
        });
        Sub {
            client,
            rx,
            seen: Vec::new(),
        }
    }

    /// Waits for a message matching `f` (within `guard`).
    pub fn expect(&mut self, what: &str, guard: Duration, f: impl Fn(&Got) -> bool) -> Got {
        let deadline = Instant::now() + guard;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(g) => {
                    self.seen.push(g.clone());
                    if f(&g) {
                        return g;
                    }
                }
                Err(_) => {
                    let tail: Vec<String> = self
                        .seen
                        .iter()
                        .rev()
                        .take(30)
                        .map(|g| {
                            let p: String = g.payload.chars().take(160).collect();
                            format!("{} {p}", g.topic)
                        })
                        .collect();
                    panic!("no {what}; last seen (newest first): {tail:#?}")
                }
            }
        }
    }

    /// Everything that arrives within `d`.
    pub fn drain(&mut self, d: Duration) -> Vec<Got> {
        let deadline = Instant::now() + d;
        let mut out = Vec::new();
        while let Ok(g) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.seen.push(g.clone());
            out.push(g);
        }
        out
    }

    /// Publishes (QoS 1).
    pub fn publish(&self, topic: &str, payload: &str) {
        self.client
            .publish(
                topic,
                rumqttc::QoS::AtLeastOnce,
                false,
                payload.as_bytes().to_vec(),
            )
            .unwrap();
    }
}

/// A self-signed CA and a server certificate for 127.0.0.1/localhost, made with openssl.
pub fn make_certs(dir: &Path) {
    let run = |args: &[&str]| {
        let ok = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl runs")
            .success();
        assert!(ok, "openssl {args:?}");
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ]);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
        "-out",
        "server.pem",
    ]);
}
