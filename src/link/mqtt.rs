//! What the MQTT bridge of `cmmctl serve` and the app attached to a broker share: the broker's
//! address and the TLS setup (rustls on the ring provider).

use std::sync::Arc;

use std::time::Duration;

use rumqttc::{MqttOptions, Transport};
use tokio_util::sync::CancellationToken;

pub use crate::model::broker::{Broker, parse_broker};

/// The client options both ends use: `client_id` at `broker`, a 30 s keep-alive, a clean
/// session (subscriptions are made again on each connect), the credentials when given, TLS for
/// `mqtts://` with the CA file `ca` (named `ca_label` in errors) or the system's certificates.
pub fn options(
    broker: &Broker,
    client_id: String,
    credentials: Option<(String, String)>,
    ca: Option<&std::path::Path>,
    ca_label: &str,
) -> Result<MqttOptions, String> {
    let mut options = MqttOptions::new(client_id, broker.host.clone(), broker.port);
    options.set_keep_alive(Duration::from_secs(30));
    options.set_clean_session(true);
    if let Some((user, password)) = credentials {
        options.set_credentials(user, password);
    }
    if broker.tls {
        let tls = tls_config(ca, ca_label)?;
        options.set_transport(Transport::tls_with_config(
            rumqttc::TlsConfiguration::Rustls(Arc::new(tls)),
        ));
    }
    Ok(options)
}

/// The pause before trying a lost broker again: 0.5 s, doubling to 10 s, back to 0.5 s once
/// connected.
#[derive(Debug)]
pub struct Backoff {
    pause: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { pause: Self::FIRST }
    }
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(500);
    const LONGEST: Duration = Duration::from_secs(10);

    /// Connected: the next loss waits the shortest pause again.
    pub fn reset(&mut self) {
        self.pause = Self::FIRST;
    }

    /// The pause the next [`Backoff::wait`] takes.
    pub fn pause(&self) -> Duration {
        self.pause
    }

    /// Waits the pause (and doubles the next one); `false` when `stop` came first.
    pub async fn wait(&mut self, stop: &CancellationToken) -> bool {
        let waited = tokio::select! {
            _ = stop.cancelled() => false,
            _ = tokio::time::sleep(self.pause) => true,
        };
        self.pause = (self.pause * 2).min(Self::LONGEST);
        waited
    }
}

/// TLS with rustls (ring): the given CA file, else the system's certificates.
pub fn tls_config(
    ca: Option<&std::path::Path>,
    label: &str,
) -> Result<rustls::ClientConfig, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        Some(path) => {
            let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(path)
                .map_err(|e| format!("{label} {}: {e}", path.display()))?
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{label} {}: {e}", path.display()))?;
            if certs.is_empty() {
                return Err(format!("{label} {}: no certificate in it", path.display()));
            }
            for c in certs {
                roots
                    .add(c)
                    .map_err(|e| format!("{label} {}: {e}", path.display()))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for c in found.certs {
                let _ = roots.add(c);
            }
            if roots.is_empty() {
                return Err(format!(
                    "mqtts://: no system CA certificates found; give one with {label}"
                ));
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
