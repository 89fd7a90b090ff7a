//! Where a broker is and how to attach to it (the connection itself is `link::broker`'s and
//! the bridge's).

use std::path::PathBuf;

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

/// Where and how to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerConfig {
    /// `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`.
    pub url: String,
    /// User name, if the broker wants one.
    pub user: Option<String>,
    /// Password (kept in memory only, for reconnects).
    pub password: Option<String>,
    /// Topic prefix the bridges publish under.
    pub prefix: String,
    /// CA certificates (PEM) to trust for mqtts:// instead of the system's.
    pub ca: Option<PathBuf>,
}
