//! `cmmctl ports`, `poll`, `write`, `scan` and `sim-controller`: controllers on a serial port.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde_json::Value;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::command_json::parse_command;
use super::event_json::event_json;
use super::front::Console;
use crate::app::{Command, Core, CoreConfig, Report, load_maps};
use crate::link::serial::{Parity, ScanSettings, SerialSettings, list_ports, scan};
use crate::link::{Event, EventSink, Outcome};
use crate::proto::PollPlan;
use crate::proto::map::resolve;
use crate::sim::SimController;
use crate::sim::serial_slave::{Faults, serve_serial};

/// How to reach the controller.
#[derive(Debug, Args, Clone)]
pub struct PortArgs {
    /// Serial port (`/dev/ttyUSB0`, `COM5`), or a controller on the network:
    /// `tcp://HOST:PORT` (Modbus TCP) or `rtu-over-tcp://HOST:PORT` (a transparent gateway).
    #[arg(long, value_name = "PORT")]
    pub port: Option<String>,
    /// Baud rate (2400 to 115200).
    #[arg(long, default_value_t = 9600, value_parser = clap::value_parser!(u32).range(1200..=115200))]
    pub baud: u32,
    /// Parity: none, even, odd.
    #[arg(long, default_value = "none")]
    pub parity: Parity,
    /// Stop bits.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub stop_bits: u8,
    /// Slave id of the controller; for `poll`, several comma-separated (`1,2,10`): the
    /// slaves on one line, each its own target, polled in turn.
    #[arg(long, default_value = "1", value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=247))]
    pub slave: Vec<u8>,
    /// On a line with several slaves, the least quiet time, ms, before a request to another
    /// slave than the last one (beside the 3.5-character gap at the baud rate).
    #[arg(long, default_value_t = 5)]
    pub turnaround_ms: u64,
    /// Reply timeout, ms (the HGM6100N document says 200).
    #[arg(long, default_value_t = 200)]
    pub timeout_ms: u64,
}

impl PortArgs {
    /// The settings, at `address` (given before the options) or `--port`.
    fn settings(&self, address: Option<&str>) -> anyhow::Result<SerialSettings> {
        let port = match (address, &self.port) {
            (Some(a), None) => a.to_string(),
            (None, Some(p)) => p.clone(),
            (Some(_), Some(_)) => {
                anyhow::bail!("give the controller's address once: as ADDRESS or as --port")
            }
            (None, None) => anyhow::bail!(
                "which controller? --port /dev/ttyUSB0 (COM5), or tcp://HOST:PORT or \
                 rtu-over-tcp://HOST:PORT"
            ),
        };
        let mut s = SerialSettings::new(port);
        s.baud = self.baud;
        s.parity = self.parity;
        s.stop_bits = self.stop_bits;
        s.slave = self.slave.first().copied().unwrap_or(1);
        s.timeout = Duration::from_millis(self.timeout_ms.max(1));
        s.turnaround = Duration::from_millis(self.turnaround_ms);
        Ok(s)
    }

    /// The settings of one slave, for the commands that talk to one.
    fn one(&self, address: Option<&str>) -> anyhow::Result<SerialSettings> {
        if self.slave.len() > 1 {
            anyhow::bail!(
                "--slave: this command talks to one slave, not {:?}",
                self.slave
            );
        }
        self.settings(address)
    }
}

/// Options of `cmmctl poll`.
#[derive(Debug, Args)]
pub struct PollArgs {
    /// The controller on the network, `tcp://HOST:PORT` or `rtu-over-tcp://HOST:PORT` (or a
    /// serial port, as --port).
    #[arg(value_name = "ADDRESS")]
    address: Option<String>,
    #[command(flatten)]
    port: PortArgs,
    /// Controller model, for its register map and poll plan; with several slaves, one for
    /// all or one per slave, comma-separated in the order of --slave.
    #[arg(long, default_value = "HGM6120N", value_delimiter = ',')]
    model: Vec<String>,
    /// Poll plan, `;`-separated hex read requests (default: the model's map's plan); the
    /// slave id in it is replaced by each slave's.
    #[arg(long)]
    plan: Option<String>,
    /// A register map file to use before the shipped ones (repeatable).
    #[arg(long = "map", value_name = "FILE")]
    maps: Vec<PathBuf>,
    /// Poll period, ms: a poll cycle starts this often (0: back to back).
    #[arg(long, default_value_t = 200)]
    delay_ms: u64,
    /// Raw value written for `"on": true` in write-coil (hex).
    #[arg(long, default_value = "FF00")]
    coil_on: String,
    /// Stop after this many seconds (default: until interrupted).
    #[arg(long)]
    duration: Option<f64>,
    /// Record everything to this file.
    #[arg(long, value_name = "FILE")]
    record: Option<PathBuf>,
}

/// Options of `cmmctl write`.
#[derive(Debug, Args)]
pub struct WriteArgs {
    #[command(flatten)]
    port: PortArgs,
    /// `[ADDRESS] COMMAND`: the controller on the network (`tcp://HOST:PORT`,
    /// `rtu-over-tcp://HOST:PORT`) when not given as --port, then the write, in the shape
    /// `serve` reads on stdin, without the hostid, e.g.
    /// '{"cmd":"write-coil","slave":1,"addr":4,"on":true}'.
    #[arg(value_name = "[ADDRESS] COMMAND", num_args = 1..=2, required = true)]
    args: Vec<String>,
    /// Raw value written for `"on": true` (hex).
    #[arg(long, default_value = "FF00")]
    coil_on: String,
}

/// Options of `cmmctl scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The controller's address on the network, `tcp://HOST:PORT` or
    /// `rtu-over-tcp://HOST:PORT` (unit ids 1-247 of one gateway), or a serial port as --port.
    #[arg(
        value_name = "ADDRESS",
        conflicts_with = "port",
        required_unless_present = "port"
    )]
    address: Option<String>,
    /// Serial port.
    #[arg(long)]
    port: Option<String>,
    /// Baud rates to try, comma-separated.
    #[arg(long, default_value = "2400,4800,9600,19200", value_delimiter = ',')]
    bauds: Vec<u32>,
    /// Slave ids to try, FIRST-LAST.
    #[arg(long, default_value = "1-32")]
    slaves: String,
    /// Wait per try, ms.
    #[arg(long, default_value_t = 100)]
    timeout_ms: u64,
}

/// Options of `cmmctl sim-controller`.
#[derive(Debug, Args)]
pub struct SimControllerArgs {
    /// Serve on this port (e.g. one end of a socat pty pair).
    #[arg(long, conflicts_with_all = ["pty", "tcp", "rtu_over_tcp"], required_unless_present_any = ["pty", "tcp", "rtu_over_tcp"])]
    port: Option<String>,
    /// Make a pty pair and print the path to connect to (Unix only).
    #[arg(long, conflicts_with_all = ["tcp", "rtu_over_tcp"])]
    pty: bool,
    /// Serve Modbus TCP on ADDR:PORT (port 0: any free one; the address to use is printed
    /// as `tcp://...`). A unit id other than --slave is answered with exception 0x0B, as a
    /// gateway answers for an absent slave.
    #[arg(long, value_name = "ADDR:PORT", conflicts_with = "rtu_over_tcp")]
    tcp: Option<String>,
    /// Serve RTU frames over TCP on ADDR:PORT, as a transparent gateway does (one client at a
    /// time).
    #[arg(long, value_name = "ADDR:PORT")]
    rtu_over_tcp: Option<String>,
    /// Baud rate (for a real port).
    #[arg(long, default_value_t = 9600)]
    baud: u32,
    /// Slave id it answers to; several comma-separated (`1,2`) put several controllers on
    /// the line, each answering to its own.
    #[arg(long, default_value = "1", value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=247))]
    slave: Vec<u8>,
    /// Faults, e.g. `crc=0.1,silence=0.05,slow=0.1,slow-ms=300` (rates 0-1).
    #[arg(long, default_value = "")]
    faults: Faults,
    /// Noise seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The controller simulated, for its register layout: HGM6120N (the HGM6100N and
    /// HGM4000N families) or HGM9520N (the HGM9500N family: bitfield alarms, low word first,
    /// pulsed commands).
    /// With several slaves, one model for all or one per slave, comma-separated.
    #[arg(long, default_value = "HGM6120N", value_delimiter = ',')]
    model: Vec<String>,
    /// A scripted run from when it starts: `0:manual,1:start,16:gen_close,17:load=25,
    /// 40:load=50,60:estop` (actions: start, stop, test, auto, manual, gen_close, gen_open,
    /// load=PCT of 100 kW, estop, estop_release, fault=COIL).
    #[arg(long)]
    scenario: Option<crate::sim::scenario::Scenario>,
}

fn coil_on(text: &str) -> anyhow::Result<u16> {
    crate::proto::hex::parse_u16(text).map_err(|e| anyhow::anyhow!("--coil-on {e}"))
}

fn print(v: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{v}");
    let _ = out.flush();
}

/// `cmmctl ports`.
pub fn ports(json: bool) -> anyhow::Result<()> {
    let ports = list_ports()?;
    if ports.is_empty() && !json {
        println!("no serial ports found");
    }
    for p in ports {
        if json {
            print(&serde_json::json!({
                "event": "port", "path": p.path, "name": p.name, "vid": p.vid, "pid": p.pid,
                "manufacturer": p.manufacturer, "product": p.product, "serial_number": p.serial_number,
            }));
        } else {
            let usb = match (p.vid, p.pid) {
                (Some(v), Some(pid)) => format!(
                    "  [{v:04X}:{pid:04X}{}]",
                    p.serial_number.map(|s| format!(" {s}")).unwrap_or_default()
                ),
                _ => String::new(),
            };
            println!("{}{usb}", p.name);
        }
    }
    Ok(())
}

/// A core with no modem server, the maps of `files`, and a report channel.
fn serial_core(
    files: &[PathBuf],
    record: Option<PathBuf>,
) -> anyhow::Result<(Core, mpsc::Receiver<Report>)> {
    let (tx, reports) = mpsc::channel(4096);
    let mut config = CoreConfig::new(None);
    config.maps = load_maps(files)?;
    config.reports = Some(tx);
    config.record = record;
    config.program = "cmmctl poll";
    config.traffic_log = false;
    config.report_traffic = false;
    Ok((Core::spawn(config), reports))
}

/// `cmmctl poll`: events as JSON lines (the shapes of `serve`), writes from stdin.
pub async fn poll(a: PollArgs) -> anyhow::Result<()> {
    let (core, reports) = serial_core(&a.maps, a.record.clone())?;
    let slaves = &a.port.slave;
    let models = match a.model.len() {
        1 => vec![a.model[0].clone(); slaves.len()],
        n if n == slaves.len() => a.model.clone(),
        n => anyhow::bail!(
            "--model: one model for every slave, or one per slave ({} slaves, {n} models)",
            slaves.len()
        ),
    };
    let line = a.port.settings(a.address.as_deref())?;
    // A port that cannot be opened ends the command at once, with the reason.
    drop(crate::link::serial::open(&line).await?);
    let mut first = None;
    // One line for all of them: the first opens it, the others join it.
    for (&slave, model) in slaves.iter().zip(&models) {
        let mut settings = line.clone();
        settings.slave = slave;
        settings.poll_delay = Duration::from_millis(a.delay_ms);
        settings.poll_as(&resolve(&core.state().maps, model));
        if let Some(p) = &a.plan {
            settings.plan = PollPlan::parse(p).map_err(anyhow::Error::msg)?;
            settings.set_slave(slave);
        }
        first.get_or_insert_with(|| settings.target());
        core.send(Command::ConnectSerial {
            settings,
            model: model.clone(),
        })?;
    }
    let console = Console {
        default_target: first,
        coil_on: coil_on(&a.coil_on)?,
        no_changes: false,
        traffic: false,
    };
    let stop = async {
        match a.duration {
            Some(d) => tokio::time::sleep(Duration::from_secs_f64(d.max(0.0))).await,
            None => {
                super::interrupted().await;
                super::stop_within(super::STOP_WITHIN);
            }
        }
    };
    super::front::run(core, reports, console, stop, None).await;
    Ok(())
}

/// `cmmctl write`: one write; exit status 0 only when the controller accepted it.
pub async fn write(a: WriteArgs) -> anyhow::Result<()> {
    let (address, command) = match a.args.as_slice() {
        [address, command] => (Some(address.as_str()), command.as_str()),
        [command] => (None, command.as_str()),
        _ => anyhow::bail!("give the write (and before it the address when not --port)"),
    };
    let mut settings = a.port.one(address)?;
    settings.plan = PollPlan { requests: vec![] };
    settings.poll_delay = Duration::from_secs(3600);
    let target = settings.target();
    let cmd =
        parse_command(command, coil_on(&a.coil_on)?, Some(&target)).map_err(anyhow::Error::msg)?;
    let (mut core, mut reports) = serial_core(&[], None)?;
    core.send(Command::ConnectSerial {
        settings,
        model: String::new(),
    })?;
    let mut sent = false;
    let mut result = Err(anyhow::anyhow!("the link ended before an outcome"));
    while let Some(r) = reports.recv().await {
        if let Some(v) = event_json(&r.event) {
            print(&v);
        }
        match &r.event {
            Event::LinkUp { .. } if !sent => {
                sent = true;
                core.send(cmd.clone())?;
            }
            Event::LinkDown { reason, .. } if !sent => {
                result = Err(anyhow::anyhow!("{reason}"));
                break;
            }
            Event::CommandOutcome {
                outcome, detail, ..
            } => {
                result = match outcome {
                    Outcome::Accepted => Ok(()),
                    o => Err(anyhow::anyhow!("write {}: {detail}", o.name())),
                };
                break;
            }
            Event::Error { message, .. } => {
                result = Err(anyhow::anyhow!("{message}"));
                break;
            }
            _ => {}
        }
    }
    let shutdown = core.shutdown();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(_) = reports.recv() => {}
        }
    }
    result
}

fn slave_range(text: &str) -> anyhow::Result<Vec<u8>> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b): (u8, u8) = (a.trim().parse()?, b.trim().parse()?);
    anyhow::ensure!(
        a >= 1 && a <= b && b <= 247,
        "--slaves wants FIRST-LAST within 1-247, got {text:?}"
    );
    Ok((a..=b).collect())
}

/// `cmmctl scan`.
pub async fn scan_cmd(a: ScanArgs) -> anyhow::Result<()> {
    let mut s = ScanSettings::new(a.address.or(a.port).unwrap_or_default());
    s.bauds = a.bauds;
    s.slaves = slave_range(&a.slaves)?;
    s.timeout = Duration::from_millis(a.timeout_ms.max(1));
    let (sink, mut events) = EventSink::channel(1024);
    let stop = CancellationToken::new();
    let task = tokio::spawn(scan(s, sink, stop.clone()));
    let interrupted = super::interrupted();
    tokio::pin!(interrupted);
    loop {
        tokio::select! {
            _ = &mut interrupted => stop.cancel(),
            ev = events.recv() => match ev {
                Some(ev) => {
                    if let Some(v) = event_json(&ev) { print(&v); }
                    if matches!(ev, Event::ScanDone { .. }) { break; }
                }
                None => break,
            },
        }
    }
    let _ = task.await;
    Ok(())
}

/// `cmmctl sim-controller`.
pub async fn sim_controller(a: SimControllerArgs) -> anyhow::Result<()> {
    if a.model.len() != 1 && a.model.len() != a.slave.len() {
        anyhow::bail!(
            "--model: one model for every slave, or one per slave ({} slaves, {} models)",
            a.slave.len(),
            a.model.len()
        );
    }
    let started = chrono::Utc::now().timestamp();
    let controllers = a
        .slave
        .iter()
        .enumerate()
        .map(|(i, &slave)| {
            let model = a.model.get(i).unwrap_or(&a.model[0]);
            let mut c = SimController::new(slave, a.seed + i as u64, started).with_model(model);
            // A scenario drives the first controller: the genset.
            if let (0, Some(s)) = (i, a.scenario.clone()) {
                c.set_scenario(s);
            }
            c
        })
        .collect();
    let controller = crate::sim::SimLine::new(controllers);
    let slave = if a.slave.len() == 1 {
        serde_json::json!(a.slave[0])
    } else {
        serde_json::json!(a.slave)
    };
    let stop = CancellationToken::new();
    let serve = async {
        if let Some(addr) = a.tcp.as_deref().or(a.rtu_over_tcp.as_deref()) {
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
            let bound = listener.local_addr()?;
            let scheme = if a.tcp.is_some() {
                "tcp"
            } else {
                "rtu-over-tcp"
            };
            print(&serde_json::json!({
                "event": "sim_controller", "port": format!("{scheme}://{bound}"), "slave": slave
            }));
            return if a.tcp.is_some() {
                crate::sim::tcp_slave::serve_modbus_tcp(listener, controller, stop.clone()).await
            } else {
                crate::sim::tcp_slave::serve_rtu_over_tcp(
                    listener,
                    controller,
                    a.faults,
                    a.seed,
                    stop.clone(),
                )
                .await
            }
            .map_err(anyhow::Error::from);
        }
        if a.pty {
            #[cfg(unix)]
            {
                use tokio_serial::SerialPort;
                let (ours, theirs) = tokio_serial::SerialStream::pair()?;
                let path = theirs.name().unwrap_or_default();
                print(
                    &serde_json::json!({"event": "sim_controller", "port": path, "slave": slave}),
                );
                // Keep the other end open so the pty stays up between clients.
                let _keep = theirs;
                return serve_serial(ours, controller, a.faults, a.seed, stop.clone())
                    .await
                    .map_err(anyhow::Error::from);
            }
            #[cfg(not(unix))]
            anyhow::bail!(
                "--pty is not available on this platform: use --port with a virtual COM port pair"
            );
        }
        let port = a.port.clone().unwrap_or_default();
        let mut settings = SerialSettings::new(port.clone());
        settings.baud = a.baud;
        let stream = tokio_serial::SerialStream::open(&crate::link::serial::builder(&settings))
            .map_err(|e| anyhow::anyhow!("cannot open {port}: {e}"))?;
        print(&serde_json::json!({"event": "sim_controller", "port": port, "slave": slave}));
        serve_serial(stream, controller, a.faults, a.seed, stop.clone())
            .await
            .map_err(anyhow::Error::from)
    };
    tokio::select! {
        r = serve => r,
        _ = super::interrupted() => { stop.cancel(); Ok(()) }
    }
}
