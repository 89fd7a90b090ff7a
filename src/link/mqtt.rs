//! What the MQTT bridge of `cmmctl serve` and the app attached to a broker share: the broker's
//! address and the TLS setup (rustls on the ring provider).

use std::sync::Arc;

/// Where the broker is.
#[derive(Debug, Clone, PartialEq)]
pub struct Broker {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Over TLS.
    pub tls: bool,
}

impl std::fmt::Display for Broker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = if self.tls { "mqtts" } else { "mqtt" };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

/// Reads `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`.
pub fn parse_broker(url: &str) -> Result<Broker, String> {
    let (tls, rest) = if let Some(r) = url.strip_prefix("mqtts://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("mqtt://") {
        (false, r)
    } else {
        return Err(format!(
            "broker {url:?}: use mqtt://HOST[:PORT] or mqtts://HOST[:PORT]"
        ));
    };
    let rest = rest.trim_end_matches('/');
    if rest.contains('@') {
        return Err(
            "broker address: give the user and the password apart (--mqtt-user and \
             --mqtt-password-file, or the fields of Attach to broker), not in the address"
                .into(),
        );
    }
    if rest.contains('/') || rest.contains('?') {
        return Err(format!("broker {url:?}: a path or query is not used"));
    }
    let default_port = if tls { 8883 } else { 1883 };
    let (host, port) = if let Some(r) = rest.strip_prefix('[') {
        // [IPv6]:port
        let (h, p) = r
            .split_once(']')
            .ok_or_else(|| format!("broker {url:?}: missing ']'"))?;
        (h.to_string(), p.strip_prefix(':'))
    } else {
        match rest.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (rest.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(format!("broker {url:?}: no host"));
    }
    let port = match port {
        None | Some("") => default_port,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| format!("broker {url:?}: port {p:?} is not 1-65535"))?,
    };
    Ok(Broker { host, port, tls })
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
