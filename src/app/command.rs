//! What a front end (the window, `cmmctl`) asks of the core, and how the core says it failed.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::series::PlotKey;
use super::settings::Settings;
use crate::link::serial::{ScanSettings, SerialError, SerialSettings};
use crate::proto::map::Confirm;
use crate::proto::rtu::Request;
pub use crate::store::export::Spec as ExportSpec;

/// A typed request to the core supervisor. Every user action is one of these; none of them
/// blocks the sender, and each result comes back as a change of the state (and a log line).
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Open a link to a controller on a serial port; `model` picks its map.
    ConnectSerial {
        /// Port and line settings, poll plan included.
        settings: SerialSettings,
        /// Controller model (for the map and the name shown).
        model: String,
    },
    /// Close a serial link; its target is forgotten once the link has ended.
    Disconnect {
        /// Target id (`serial:PORT:SLAVE`).
        target: String,
    },
    /// Look for controllers on a port.
    Scan(ScanSettings),
    /// Stop the scan under way.
    StopScan,
    /// Stop the modem server and start it on these addresses (modems reconnect by themselves).
    RestartServer {
        /// Where to listen.
        listen: SocketAddr,
        /// What modems are told (`None`: this laptop's primary address).
        advertise: Option<String>,
    },
    /// Start simulated modems against the core's own server.
    StartDemo {
        /// How many.
        modems: usize,
    },
    /// Stop the simulated modems.
    StopDemo,
    /// Read a register map file and put it before the others.
    LoadMap(PathBuf),
    /// Save a map made in the app (its text, validated) as the map of `model` in the maps
    /// folder, and use it from then on (for `target` too, whatever its model).
    SaveMap {
        /// The module type it serves.
        model: String,
        /// The map file's text.
        text: String,
        /// The target it was made for.
        target: Option<String>,
    },
    /// Make the map of `model` from a register list in CSV (`cmmctl map new --from-csv`) and
    /// save it as `SaveMap` does.
    ImportMapCsv {
        /// The register list.
        path: PathBuf,
        /// The module type it serves.
        model: String,
        /// The target it is for.
        target: Option<String>,
    },
    /// Read ranges once from a controller on a serial port or the network (not in its poll
    /// plan: to see what is there); the values come as a reading, the outcome in
    /// `AppState::reads` under `uid`.
    ReadOnce {
        /// A serial target.
        target: String,
        /// What to read, each read in one request.
        ranges: Vec<crate::journal::snapshot::ReadRange>,
        /// Id of the read, for its outcome.
        uid: String,
    },
    /// Write the settings file (where the core was told to keep it).
    SaveSettings(Settings),
    /// List the serial ports again.
    RefreshPorts,
    /// Attach to an MQTT broker: the modems its bridges publish become targets `mqtt:HOSTID`
    /// (attached again with the new settings when already attached).
    AttachBroker(crate::link::broker::BrokerConfig),
    /// Detach from the broker: its targets leave, commands without an outcome end as `gone`.
    DetachBroker,
    /// A Modbus write to a target, with what it is meant to do.
    Write {
        /// Modem hostid or serial target.
        target: String,
        /// The request (encoded only where it leaves the program).
        request: Request,
        /// Its name, the effect to look for in the next readings, and why it may not show.
        intent: Intent,
        /// Command id (one is made up when absent).
        uid: Option<String>,
    },
    /// A command coil pulsed: `request` (its "on" write) preceded and followed by an "off"
    /// write of the same coil, `pulse.gap_ms` before and `pulse.hold_ms` after; the three go
    /// in order, one at a time, each with its outcome in the log.
    Pulse {
        /// Modem hostid or serial target.
        target: String,
        /// The "on" write (a single coil).
        request: Request,
        /// Gap and hold.
        pulse: crate::proto::map::Pulse,
        /// What the pulse is meant to do (looked for after the "on").
        intent: Intent,
        /// Command id of the "on" write.
        uid: Option<String>,
    },
    /// Set a modem's own serial port (`modulePort`, `moduleBaud`). A value left out is the
    /// modem's current one; the command is refused when that is not known.
    SetPort {
        /// Modem hostid.
        target: String,
        /// 0 off, 1 LINK, 2 RS485, 3 RS232, 4 USB.
        module_port: Option<u8>,
        /// 0 9600, 1 19200, 2 115200.
        module_baud: Option<u8>,
        /// Command id.
        uid: Option<String>,
    },
    /// Reset a modem.
    Reset {
        /// Modem hostid.
        target: String,
        /// Command id.
        uid: Option<String>,
    },
    /// Plot a value, or stop plotting it.
    TogglePlot(PlotKey),
    /// Decode a target with the map of this name, chosen by hand (`None`: the map of its
    /// model again).
    ChooseMap {
        /// Modem hostid or serial target.
        target: String,
        /// The map's name.
        map: Option<String>,
    },
    /// A marker in the recording, with the engineer's note (may be empty).
    Mark(String),
    /// Read a plotted value's history from the recording: `columns` min/max pairs over
    /// `[from_ms, to_ms]`.
    History {
        /// The value.
        key: PlotKey,
        /// From.
        from_ms: i64,
        /// To.
        to_ms: i64,
        /// Pixel columns.
        columns: usize,
    },
    /// Show the recording (read-only) as it stood at this moment.
    Seek(i64),
    /// Read the event journal of a target from the recording (written or shown).
    Journal {
        /// Target.
        target: String,
    },
    /// Show the recording (read-only) at the reading or event recorded just before (or
    /// after) `from_ms`.
    Step {
        /// The moment shown.
        from_ms: i64,
        /// After it (else before).
        later: bool,
        /// To what.
        to: StepTo,
    },
    /// Open a recording to look at, in a window of its own.
    OpenRecording(PathBuf),
    /// Read the timeline (alarms, commands, markers, links) of a range from the recording.
    Timeline {
        /// From.
        from_ms: i64,
        /// To.
        to_ms: i64,
    },
    /// Export the recording as CSV to `path`.
    Export {
        /// Where.
        path: PathBuf,
        /// What.
        spec: ExportSpec,
    },
    /// Save a single-file copy of the recording (the one written, or the one shown), cut as
    /// `cut` says.
    SaveCopy {
        /// Where.
        path: PathBuf,
        /// What of it.
        cut: CopyCut,
        /// Replace a file already there (the user agreed to it in a save dialog); otherwise
        /// such a file is refused.
        replace: bool,
    },
    /// List the server's sessions (answered by a `sessions` event).
    Sessions,
    /// Keep something of a target's commissioning in the recording.
    Commission {
        /// Target.
        target: String,
        /// What.
        entry: Entry,
    },
    /// Read a target's commissioning from the recording (into the state).
    ReadCommissioning(String),
    /// Make the commissioning report of a target from the recording: the PDF at `path` and
    /// the steps' CSV beside it.
    Report {
        /// Target.
        target: String,
        /// Where.
        path: PathBuf,
        /// In which language (the report's own, whatever the window's).
        lang: crate::i18n::Lang,
    },
}

impl Command {
    /// The target whose link carries it out, for a command that goes down a link.
    pub fn link_target(&self) -> Option<&str> {
        match self {
            Command::Write { target, .. }
            | Command::Pulse { target, .. }
            | Command::SetPort { target, .. }
            | Command::Reset { target, .. }
            | Command::Commission { target, .. } => Some(target),
            _ => None,
        }
    }

    /// The id its outcome is told under, when it has one.
    pub fn uid(&self) -> Option<&str> {
        match self {
            Command::Write { uid, .. }
            | Command::Pulse { uid, .. }
            | Command::SetPort { uid, .. }
            | Command::Reset { uid, .. } => uid.as_deref(),
            _ => None,
        }
    }
}

/// Something the engineer enters for a commissioning.
/// What a step in a recording shown read-only goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepTo {
    /// A reading (a value recorded) of this target (modem hostid or serial target), or of
    /// any (`None`).
    Reading(Option<String>),
    /// An item of the timeline: an alarm, a command, a marker, a link change.
    Event,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A field (site, customer, job, engineer, witness, deviations).
    Field {
        /// Which.
        name: String,
        /// Its value.
        value: String,
    },
    /// A load step begins (ending the one running, if any).
    StepStart {
        /// Its name.
        name: String,
        /// Planned duration, seconds.
        planned_s: u32,
    },
    /// The running step ends.
    StepEnd,
    /// A protection test passed, by hand, with a note.
    Protection {
        /// The test.
        test: String,
        /// The note.
        note: String,
    },
    /// A tick by hand taken back.
    ProtectionClear {
        /// The test.
        test: String,
    },
    /// A setting read from the controller's panel (one Modbus cannot read): as found on
    /// arrival and as left.
    Setting {
        /// The setting's name.
        name: String,
        /// Its unit.
        unit: String,
        /// As found ("" if not read).
        found: String,
        /// As left ("" if not set yet).
        left: String,
    },
    /// A snapshot of every value the target reports, as they stand now, kept with a label
    /// ("as found", "as left") to compare with another (the recording holds the values).
    Snapshot {
        /// Its label.
        label: String,
        /// For a controller on a serial port, ranges to read beside what its map names.
        also: Vec<crate::journal::snapshot::ReadRange>,
    },
}

impl Entry {
    /// The row of the commissioning log: (kind, name, value).
    pub fn row(&self) -> (&'static str, String, String) {
        match self {
            Entry::Field { name, value } => ("field", name.clone(), value.clone()),
            Entry::StepStart { name, planned_s } => {
                ("step_start", name.clone(), planned_s.to_string())
            }
            Entry::StepEnd => ("step_end", String::new(), String::new()),
            Entry::Protection { test, note } => ("protection", test.clone(), note.clone()),
            Entry::ProtectionClear { test } => ("protection_clear", test.clone(), String::new()),
            Entry::Snapshot { label, .. } => ("snapshot", label.clone(), String::new()),
            Entry::Setting {
                name,
                unit,
                found,
                left,
            } => (
                "setting",
                name.clone(),
                serde_json::json!({"unit": unit, "found": found, "left": left}).to_string(),
            ),
        }
    }

    /// In words, for the log and the timeline (`None`: not worth a line, e.g. a field).
    pub fn describe(&self) -> Option<String> {
        match self {
            Entry::Field { .. } => None,
            Entry::StepStart { name, planned_s } => Some(format!(
                "step \"{name}\" started (planned {})",
                crate::report::duration(i64::from(*planned_s) * 1000)
            )),
            Entry::StepEnd => Some("step ended".into()),
            Entry::Protection { test, note } if note.trim().is_empty() => {
                Some(format!("protection test \"{test}\" passed (by hand)"))
            }
            Entry::Protection { test, note } => Some(format!(
                "protection test \"{test}\" passed (by hand): {}",
                note.trim()
            )),
            Entry::ProtectionClear { test } => {
                Some(format!("protection test \"{test}\" not passed after all"))
            }
            Entry::Snapshot { label, .. } => Some(format!("snapshot \"{label}\" taken")),
            Entry::Setting {
                name,
                unit,
                found,
                left,
            } => {
                let with = |v: &str| match (v.trim(), unit.trim()) {
                    ("", _) => "-".to_string(),
                    (v, "") => v.to_string(),
                    (v, u) => format!("{v} {u}"),
                };
                Some(format!(
                    "setting \"{name}\": as found {}, as left {}",
                    with(found),
                    with(left)
                ))
            }
        }
    }
}

/// What a write is meant to do, kept with its record in the write log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intent {
    /// Its name ("Manual", "Battery Voltage = 27.4 V"); the decoded frame when absent.
    pub name: Option<String>,
    /// What the readings show once it took effect.
    pub effect: Option<Confirm>,
    /// Why the readings may not show it (e.g. the command does nothing in this mode).
    pub hint: Option<String>,
    /// For a port command: the `modulePort` and `moduleBaud` the modem has once it accepted.
    pub port: Option<(u8, u8)>,
    /// What the log says when the readings do not show the effect in time ("Mains breaker
    /// still open").
    pub unmet: Option<String>,
}

/// Why the core could not do something. Shown in the log and the status bar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// The modem server could not listen.
    #[error("{}", t!("cannot listen on { $addr }: { $reason }", addr = .addr.to_string(), reason = .reason.as_str()))]
    Listen {
        /// Address asked for.
        addr: SocketAddr,
        /// What the system said.
        reason: String,
    },
    /// A serial port problem.
    #[error(transparent)]
    Serial(#[from] SerialError),
    /// The recording could not be written.
    #[error(transparent)]
    Record(#[from] crate::store::StoreError),
    /// The same controller is connected already.
    #[error("{}", t!("{ $target } is already connected", target = .0.as_str()))]
    AlreadyConnected(String),
    /// A map file could not be used.
    #[error("{}", t!("map { $path }: { $reason }", path = .path.display().to_string(), reason = .reason.as_str()))]
    Map {
        /// The file.
        path: PathBuf,
        /// What is wrong (line and field for a bad file).
        reason: String,
    },
    /// The settings file could not be written.
    #[error("{}", t!("cannot save settings to { $path }: { $reason }", path = .path.display().to_string(), reason = .reason.as_str()))]
    SaveSettings {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// A command was not sent.
    #[error("{}", t!("not sent to { $target }: { $reason }", target = .target.as_str(), reason = .reason.as_str()))]
    NotSent {
        /// The target.
        target: String,
        /// Why.
        reason: String,
    },
    /// The broker settings cannot be used.
    #[error("{}", t!("broker: { $reason }", reason = .0.as_str()))]
    Broker(String),
    /// A recording shown is read-only.
    #[error("{}", t!("a recording is read-only: nothing can be sent from it"))]
    ReadOnly,
    /// A report could not be made.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// Nothing is being recorded.
    #[error("{}", t!("nothing is being recorded (the app was started without a recording)"))]
    NoRecording,
    /// The demo needs the server.
    #[error("{}", t!("the demo needs the modem server, which is not running"))]
    NoServer,
    /// Something to tell the user at start (e.g. a settings file that could not be read).
    #[error("{0}")]
    Notice(String),
    /// What was asked for is not there (no event after this moment): said, not an error.
    #[error("{0}")]
    NotFound(String),
    /// The core is not taking commands (shutting down, or its queue is full).
    #[error("{}", t!("the core is not taking commands: { $reason }", reason = *.0))]
    Busy(&'static str),
}

/// What a copy of a recording keeps (all of it by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyCut {
    /// From this time (ms since the epoch; the values standing then are kept too).
    pub from_ms: Option<i64>,
    /// Up to this time.
    pub to_ms: Option<i64>,
    /// Only these targets (empty: all).
    pub targets: Vec<String>,
}
