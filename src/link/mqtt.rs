//! What the MQTT bridge of `cmmctl serve` and the app attached to a broker share: the broker's
//! address and the TLS setup (rustls on the ring provider).

use std::sync::Arc;

pub use crate::model::broker::{Broker, parse_broker};

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
