//! `cmmctl serve`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::front::Console;
use crate::app::{Core, CoreConfig, load_maps};
use crate::link::{ServerConfig, Terminator};
use crate::proto::PollPlan;
use crate::proto::map::RegisterMap;
use crate::proto::poll_plan::HGM6120N_FIELD_PLAN;

/// Options of `cmmctl serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (login and long connection).
    #[arg(long, default_value = "0.0.0.0:21318")]
    pub listen: SocketAddr,
    /// HOST:PORT modems are told to use for the long connection (default: this machine's
    /// primary IPv4 and the listen port).
    #[arg(long)]
    pub advertise: Option<String>,
    /// Poll plan sent as para_command: `;`-separated hex read requests.
    #[arg(long, default_value = HGM6120N_FIELD_PLAN)]
    pub plan: String,
    /// Poll plan for one module type, MODULETYPE=PLAN (repeatable).
    #[arg(long = "plan-for", value_name = "MODULETYPE=PLAN")]
    pub plan_for: Vec<String>,
    /// con_command sent at login (default: the poll plan, as the vendor cloud sends).
    #[arg(long)]
    pub con_command: Option<String>,
    /// con_command for one module type (repeatable), e.g.
    /// `--con-command-for HGM6120N=01030000002D85D7`.
    #[arg(long = "con-command-for", value_name = "MODULETYPE=PLAN")]
    pub con_command_for: Vec<String>,
    /// Upload period while watched, ms.
    #[arg(long, default_value_t = 3000)]
    pub online_rate: u32,
    /// Upload period otherwise, ms.
    #[arg(long, default_value_t = 30000)]
    pub offline_rate: u32,
    /// 0: changes only (reqdatachange), 1: full uploads (reqdata).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=1))]
    pub data_mode: u8,
    /// Accept only these modems, HOSTID:PASSWORD (repeatable). Default: accept all.
    #[arg(long = "allow", value_name = "HOSTID:PASSWORD")]
    pub allow: Vec<String>,
    /// Expected heartbeat interval, s; silence for three of them means offline.
    #[arg(long, default_value_t = 60)]
    pub heartbeat: u64,
    /// Close a connection that has not identified itself after this many silent seconds.
    #[arg(long, default_value_t = 30)]
    pub idle_timeout: u64,
    /// Seconds before a command with no answer ends as `timeout` (it is never resent; a
    /// reply that comes later is reported as a late outcome).
    #[arg(long, default_value_t = 30)]
    pub command_timeout: u64,
    /// Connections held at once; more are refused.
    #[arg(long, default_value_t = 10_000)]
    pub max_connections: usize,
    /// Largest JSON message accepted, bytes.
    #[arg(long, default_value_t = 64 * 1024)]
    pub max_message: usize,
    /// Written after each reply: none, lf or crlf.
    #[arg(long, default_value = "none")]
    pub terminator: Terminator,
    /// Raw value written for `"on": true` in write-coil (hex). FF00 works in the field;
    /// the HGM6100N V1.4 text says 00FF.
    #[arg(long, default_value = "FF00", value_parser = crate::proto::hex::parse_u16)]
    pub coil_on: u16,
    /// Also print every message in and out (`traffic` events).
    #[arg(long)]
    pub traffic: bool,
    /// A register map file (TOML) to use before the shipped ones (repeatable). Its poll plan is
    /// sent to modems of its module types.
    #[arg(long = "map", value_name = "FILE")]
    pub maps: Vec<std::path::PathBuf>,
    /// Do not print register changes (for load runs).
    #[arg(long)]
    pub no_changes: bool,
    /// Record everything to this file (default: a new recording in the user's data folder).
    #[arg(long, value_name = "FILE", conflicts_with = "no_record")]
    pub record: Option<std::path::PathBuf>,
    /// Do not record.
    #[arg(long)]
    pub no_record: bool,
    /// Delete recordings older than this many days (beside the new one, never it).
    #[arg(long, value_name = "DAYS")]
    pub keep_days: Option<u32>,
    /// Delete the oldest recordings beyond this many GB in all (never the open one).
    #[arg(long, value_name = "GB")]
    pub keep_gb: Option<f64>,
    /// The MQTT bridge.
    #[command(flatten)]
    pub mqtt: super::mqtt::MqttArgs,
}

impl ServeArgs {
    /// The server settings these options describe.
    pub fn config(&self, maps: Vec<Arc<RegisterMap>>) -> anyhow::Result<ServerConfig> {
        let plan = |text: &str| PollPlan::parse(text).map_err(|e| anyhow::anyhow!("plan: {e}"));
        let mut plans = BTreeMap::new();
        for p in &self.plan_for {
            let (module, text) = p
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("--plan-for wants MODULETYPE=PLAN, got {p:?}"))?;
            plans.insert(module.trim().to_ascii_uppercase(), plan(text)?);
        }
        let mut con_commands = BTreeMap::new();
        for p in &self.con_command_for {
            let (module, text) = p.split_once('=').ok_or_else(|| {
                anyhow::anyhow!("--con-command-for wants MODULETYPE=PLAN, got {p:?}")
            })?;
            con_commands.insert(
                module.trim().to_ascii_uppercase(),
                plan(text)?.to_command_string(),
            );
        }
        let allow = if self.allow.is_empty() {
            None
        } else {
            let mut m = BTreeMap::new();
            for a in &self.allow {
                let (h, pw) = a.split_once(':').unwrap_or((a.as_str(), ""));
                m.insert(h.to_string(), pw.to_string());
            }
            Some(m)
        };
        Ok(ServerConfig {
            listen: self.listen,
            advertise: self.advertise.clone(),
            default_plan: plan(&self.plan)?,
            plans,
            maps,
            con_command: self.con_command.clone(),
            con_commands,
            online_rate: self.online_rate,
            offline_rate: self.offline_rate,
            data_mode: self.data_mode,
            allow,
            heartbeat: Duration::from_secs(self.heartbeat.max(1)),
            idle_timeout: Duration::from_secs(self.idle_timeout.max(1)),
            command_timeout: Duration::from_secs(self.command_timeout.max(1)),
            max_connections: self.max_connections.max(1),
            max_message: self.max_message.max(64),
            terminator: self.terminator,
            traffic: self.traffic,
            known: BTreeMap::new(),
        })
    }
}

/// Gigabytes (as typed, decimals allowed) in bytes.
pub fn gb_to_bytes(gb: f64) -> u64 {
    (gb.max(0.0) * 1e9) as u64
}

/// Runs the server until interrupted (or stdout closes).
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let maps = load_maps(&args.maps)?;
    // Started first: a bad broker option fails before any modem is answered.
    let bridge = match args.mqtt.mqtt {
        Some(_) => Some(super::mqtt::Bridge::start(
            &args.mqtt,
            args.listen.port(),
            args.no_changes,
            args.traffic,
        )?),
        None => None,
    };
    let (tx, reports) = tokio::sync::mpsc::channel(4096);
    let record = super::front::record_path(args.record.clone(), !args.no_record);
    let mut server = args.config(maps.clone())?;
    // A recording keeps every message as it was on the wire.
    server.traffic |= record.is_some();
    let mut config = CoreConfig::new(Some(server));
    config.maps = maps;
    config.reports = Some(tx);
    config.record = record;
    config.program = "cmmctl serve";
    config.traffic_log = false;
    // Neither the console nor the bridge shows the messages unless asked.
    config.report_traffic = args.traffic;
    config.keep = (args.keep_days, args.keep_gb.map(gb_to_bytes));
    let mut core = Core::spawn(config);
    core.ready().await?;
    let console = Console {
        default_target: None,
        coil_on: args.coil_on,
        no_changes: args.no_changes,
        traffic: args.traffic,
    };
    let stop = async {
        super::interrupted().await;
        super::stop_within(super::STOP_WITHIN);
    };
    super::front::run(core, reports, console, stop, bridge).await;
    Ok(())
}
