//! The modem server and the demo modems: start, restart, stop.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{Failure, Internal, Supervisor};
use crate::app::command::CoreError;
use crate::link::config::local_ipv4_addresses;
use crate::link::{self, ServerConfig};
use crate::sim::{SimModem, SimModemConfig};

impl Supervisor {
    /// Starts the server (binding on a task; the result comes back as `ServerStarted`).
    pub(super) fn start_server(&mut self, config: ServerConfig) {
        self.links.server_config = Some(config.clone());
        let (tx, sink, fallback) = (
            self.internal.clone(),
            self.sink.clone(),
            self.links.fallback_port,
        );
        let heartbeat_ms = config.heartbeat.as_millis() as i64;
        tokio::spawn(async move {
            let asked = config.listen;
            let (result, fallback) = match link::bind(config.clone(), sink.clone()).await {
                Ok(s) => (Ok(s), None),
                Err(e) => {
                    let error = CoreError::Listen {
                        addr: asked,
                        reason: e.to_string(),
                    };
                    let mut other = config;
                    other.listen.set_port(0);
                    match fallback {
                        true => match link::bind(other, sink).await {
                            Ok(s) => (Ok(s), Some(error)),
                            Err(_) => (Err(error), None),
                        },
                        false => (Err(error), None),
                    }
                }
            };
            let _ = tx
                .send(Internal::ServerStarted {
                    result,
                    fallback,
                    heartbeat_ms,
                })
                .await;
        });
    }

    pub(super) fn restart_server(&mut self, listen: SocketAddr, advertise: Option<String>) {
        let mut config = self.links.server_config.clone().unwrap_or_default();
        config.listen = listen;
        config.advertise = advertise;
        let demo = self.links.demo.as_ref().map(|(_, n)| *n);
        self.stop_demo();
        match self.links.server.take() {
            Some(old) => {
                let tx = self.internal.clone();
                tokio::spawn(async move {
                    old.shutdown().await;
                    let _ = tx
                        .send(Internal::ServerStopped { then: config, demo })
                        .await;
                });
            }
            None => {
                self.links.demo_on_start = demo;
                self.start_server(config);
            }
        }
    }

    pub(super) fn start_demo(&mut self, modems: usize) {
        let Some(addr) = self.links.server.as_ref().map(|s| s.addr) else {
            return self.fail(Failure::new(CoreError::NoServer));
        };
        self.stop_demo();
        let stop = CancellationToken::new();
        let base = SimModemConfig {
            server: SocketAddr::from(([127, 0, 0, 1], addr.port())).to_string(),
            hostname: "DEMO-GENSET".into(),
            follow_live_data: false,
            ..Default::default()
        };
        let n = modems.max(1);
        for i in 0..n {
            let mut config = base.numbered(i, n);
            // The third is of the other family, so the demo shows both layouts.
            if i == 2 {
                config.moduletype = "HGM9520N-4G".into();
            }
            let modem = SimModem::new(config, Arc::new(|_| {}));
            tokio::spawn(modem.run(stop.clone()));
        }
        self.links.demo = Some((stop, n));
        self.later(move |s, now| {
            s.demo = Some(n);
            s.note(now, t!("demo-modems-started", n = n));
            Ok(())
        });
    }

    pub(super) fn stop_demo(&mut self) {
        if let Some((stop, _)) = self.links.demo.take() {
            stop.cancel();
            self.later(|s, now| {
                s.demo = None;
                s.note(now, t!("demo: simulated modems stopped"));
                Ok(())
            });
        }
    }

    pub(super) fn server_started(
        &mut self,
        result: Result<link::ServerHandle, CoreError>,
        fallback: Option<CoreError>,
        heartbeat_ms: i64,
    ) {
        match result {
            Ok(server) => {
                let (addr, advertise) = (server.addr, server.advertise.clone());
                if let Some(r) = self.ready.take() {
                    let _ = r.send(Ok(Some(addr)));
                }
                self.links.server = Some(server);
                let error = fallback.map(|e| e.to_string());
                self.later(move |s, _| {
                    s.server.addr = Some(addr);
                    s.server.advertise = Some(advertise);
                    s.server.heartbeat_ms = heartbeat_ms;
                    s.server.listen_error = error;
                    Ok(())
                });
                let advertise = self.links.server.as_ref().map(|s| s.advertise.clone());
                self.jobs().spawn(
                    "the address list stopped",
                    move || Ok(addresses(advertise.as_deref(), addr)),
                    |s, list, _| {
                        s.server.addresses = list?;
                        Ok(())
                    },
                );
                if let Some(n) = self.links.demo_on_start.take() {
                    self.start_demo(n);
                }
            }
            Err(e) => {
                if let Some(r) = self.ready.take() {
                    let _ = r.send(Err(e.clone()));
                }
                let text = e.to_string();
                self.later(move |s, _| {
                    s.server.addr = None;
                    s.server.listen_error = Some(text);
                    Err(Failure::new(e))
                });
            }
        }
    }
}

/// Every address a modem may use to reach a server bound to `bound`: the advertised one
/// first, then (for a server on every interface) each IPv4 address of this laptop.
fn addresses(advertise: Option<&str>, bound: SocketAddr) -> Vec<String> {
    let mut shown: Vec<String> = advertise.map(str::to_string).into_iter().collect();
    if bound.ip().is_unspecified() {
        for ip in local_ipv4_addresses() {
            let s = SocketAddr::new(ip.into(), bound.port()).to_string();
            if !shown.contains(&s) {
                shown.push(s);
            }
        }
    }
    shown
}
