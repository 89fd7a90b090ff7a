//! Settings of the mini-server.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use std::sync::Arc;

use crate::proto::PollPlan;
use crate::proto::map::{self, RegisterMap};
use crate::proto::splitter::DEFAULT_MAX_OBJECT;

/// The vendor cloud's port, which modems are usually set to.
pub const DEFAULT_PORT: u16 = 21318;

/// What follows each JSON object the server writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Terminator {
    /// Nothing (what real modems are known to accept).
    #[default]
    None,
    /// `\n`.
    Lf,
    /// `\r\n`.
    CrLf,
}

impl Terminator {
    /// The bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Terminator::None => b"",
            Terminator::Lf => b"\n",
            Terminator::CrLf => b"\r\n",
        }
    }
}

impl std::str::FromStr for Terminator {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(Terminator::None),
            "lf" => Ok(Terminator::Lf),
            "crlf" => Ok(Terminator::CrLf),
            other => Err(format!(
                "terminator must be none, lf or crlf, not {other:?}"
            )),
        }
    }
}

/// Settings of the mini-server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on (login and long connection share it).
    pub listen: SocketAddr,
    /// `ip:port` sent as `liveData`/`historic`; `None`: primary IPv4 and the bound port.
    pub advertise: Option<String>,
    /// Poll plan sent as `para_command` when no module-specific one applies.
    pub default_plan: PollPlan,
    /// Poll plans by module type (upper case, exact); these win over the maps' plans.
    pub plans: BTreeMap<String, PollPlan>,
    /// Register maps whose poll plans are sent to modems of their module types.
    pub maps: Vec<Arc<RegisterMap>>,
    /// `con_command` sent at login (`None`: the poll plan, as the vendor cloud and the field
    /// servers send).
    pub con_command: Option<String>,
    /// `con_command` by module type (upper case, exact); these win over `con_command`.
    pub con_commands: BTreeMap<String, String>,
    /// Upload period while watched, ms.
    pub online_rate: u32,
    /// Upload period otherwise, ms.
    pub offline_rate: u32,
    /// 0 changes only, 1 full uploads.
    pub data_mode: u8,
    /// Allowed hostids and their passwords; `None` accepts every modem.
    pub allow: Option<BTreeMap<String, String>>,
    /// Expected heartbeat interval; three of them in silence mean offline.
    pub heartbeat: Duration,
    /// A connection that has not identified itself is closed after this long in silence.
    pub idle_timeout: Duration,
    /// A command with no answer within this is `timeout`.
    pub command_timeout: Duration,
    /// Connections held at once; more are refused.
    pub max_connections: usize,
    /// Largest JSON object accepted.
    pub max_message: usize,
    /// Written after each reply.
    pub terminator: Terminator,
    /// Emit `Event::Traffic` for every message.
    pub traffic: bool,
    /// Modems known from before this start (hostid -> name, model): one that comes back with
    /// only `LongCon` gets its model's poll plan and decoding without a new login.
    pub known: BTreeMap<String, (String, String)>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), DEFAULT_PORT),
            advertise: None,
            default_plan: PollPlan::default(),
            plans: BTreeMap::new(),
            maps: Vec::new(),
            con_command: None,
            con_commands: BTreeMap::new(),
            online_rate: 3000,
            offline_rate: 30000,
            data_mode: 0,
            allow: None,
            heartbeat: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(30),
            command_timeout: Duration::from_secs(30),
            max_connections: 10_000,
            max_message: DEFAULT_MAX_OBJECT,
            terminator: Terminator::None,
            traffic: false,
            known: BTreeMap::new(),
        }
    }
}

impl ServerConfig {
    /// The `con_command` for a module type whose poll plan is `plan`: its own, else the one
    /// given for all, else the plan itself.
    pub fn con_command_for(&self, moduletype: &str, plan: &PollPlan) -> String {
        if let Some(c) = self
            .con_commands
            .get(&moduletype.trim().to_ascii_uppercase())
        {
            return c.clone();
        }
        match &self.con_command {
            Some(c) => c.clone(),
            None => plan.to_command_string(),
        }
    }

    /// How a module type's multi-byte coil deltas are read: its map's setting.
    pub fn coil_delta_for(&self, moduletype: &str) -> map::CoilDelta {
        map::resolve(&self.maps, moduletype).settings.coil_delta
    }

    /// The poll plan for a module type: an explicit one, else its map's, else the default.
    pub fn plan_for(&self, moduletype: &str) -> PollPlan {
        if let Some(p) = self.plans.get(&moduletype.trim().to_ascii_uppercase()) {
            return p.clone();
        }
        let m = map::resolve(&self.maps, moduletype);
        if !m.is_generic() && !m.plan.requests.is_empty() {
            return m.plan.clone();
        }
        self.default_plan.clone()
    }

    /// Silence after which a modem is offline.
    pub fn offline_after(&self) -> Duration {
        self.heartbeat * 3
    }
}

/// Every non-loopback IPv4 address of this machine, primary (default route) first.
pub fn local_ipv4_addresses() -> Vec<Ipv4Addr> {
    let mut out = Vec::new();
    if let Ok(IpAddr::V4(ip)) = local_ip_address::local_ip() {
        out.push(ip);
    }
    if let Ok(list) = local_ip_address::list_afinet_netifas() {
        for (_, ip) in list {
            if let IpAddr::V4(v4) = ip
                && !v4.is_loopback()
                && !v4.is_unspecified()
                && !out.contains(&v4)
            {
                out.push(v4);
            }
        }
    }
    out
}

/// The address to advertise: the configured one, else the primary IPv4 (or loopback when the
/// machine has no network) with the bound port.
pub fn advertise_address(config: &ServerConfig, bound: SocketAddr) -> String {
    if let Some(a) = &config.advertise {
        return a.clone();
    }
    let ip = if bound.ip().is_unspecified() {
        local_ipv4_addresses()
            .first()
            .copied()
            .unwrap_or(Ipv4Addr::LOCALHOST)
            .into()
    } else {
        bound.ip()
    };
    SocketAddr::new(ip, bound.port()).to_string()
}

/// Raises the open-file soft limit to the hard limit (one descriptor per modem). Returns the
/// limit now in force, or why it could not be raised.
#[cfg(unix)]
pub fn raise_open_file_limit() -> Result<u64, String> {
    rlimit::increase_nofile_limit(u64::MAX).map_err(|e| e.to_string())
}

/// Windows has no per-process descriptor limit to raise.
#[cfg(not(unix))]
pub fn raise_open_file_limit() -> Result<u64, String> {
    Ok(u64::MAX)
}
