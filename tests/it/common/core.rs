//! The core supervisor in a test: started with a waker that wakes the test, and a wait on
//! the state that is woken by the core whenever it changed (never a fixed sleep).

use std::sync::Arc;

use cmm_commissioner::app::{AppState, Command, Core, CoreConfig};
use cmm_commissioner::link::ServerConfig;
use tokio::sync::Notify;

/// Longest a wait on the core's state lasts.
use super::GUARD;

pub struct TestCore {
    pub core: Core,
    pub changed: Arc<Notify>,
}

impl TestCore {
    pub async fn start(
        server: Option<ServerConfig>,
        tweak: impl FnOnce(&mut CoreConfig),
    ) -> TestCore {
        let changed = Arc::new(Notify::new());
        let n = changed.clone();
        let mut config = CoreConfig::new(server);
        config.waker = Arc::new(move || n.notify_one());
        tweak(&mut config);
        let mut core = Core::spawn(config);
        core.ready().await.unwrap();
        TestCore { core, changed }
    }

    /// The server's address, once the state has it (the core is ready before its state
    /// shows the Listening event).
    pub async fn listening(&self) -> std::net::SocketAddr {
        self.until("the server listening", |s| s.server.addr.is_some())
            .await;
        self.core.state().server.addr.unwrap()
    }

    pub fn send(&self, cmd: Command) {
        self.core.send(cmd).unwrap();
    }

    /// Waits until the state satisfies `f`; on the guard's expiry, fails with the log.
    pub async fn until(&self, what: &str, f: impl Fn(&AppState) -> bool) {
        let deadline = tokio::time::Instant::now() + GUARD;
        loop {
            if f(&self.core.state()) {
                return;
            }
            if tokio::time::timeout_at(deadline, self.changed.notified())
                .await
                .is_err()
            {
                let s = self.core.state();
                let log: Vec<&str> = s.log.lines().map(|l| l.text.as_str()).collect();
                panic!("never saw {what}; log: {log:#?}");
            }
        }
    }
}
