//! Plain state of the program, changed only by [`AppState::apply`]: targets, their register
//! images, and the commands sent with their outcomes. No egui, no tokio.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::command::{CoreError, Intent};
use super::status::{EventLog, PortList, ScanStatus, ServerStatus, log_line};
pub use super::target::{Health, Target};
use crate::link::Event;
use crate::proto::image::Change;
use crate::proto::map::{self, RegisterMap, Watch};
use crate::proto::uplink::InputFlags;

/// Points kept per plotted value: 24 hours at one a second.
pub const SERIES_CAPACITY: usize = 86_400;

pub use super::series::PlotKey;

pub use super::command_log::{CommandLog, CommandRecord};

/// A target's event journal as read from the recording.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalRead {
    /// The target.
    pub target: String,
    /// Its rows, in time order (or why they could not be read).
    pub rows: Result<Vec<crate::journal::Row>, String>,
}

/// Everything the program knows, driven by link events.
#[derive(Debug)]
pub struct AppState {
    /// Register maps, searched in order (the user's before the shipped ones).
    pub maps: Vec<Arc<RegisterMap>>,
    /// Targets by hostid.
    pub targets: BTreeMap<String, Target>,
    /// The commands sent and what became of each.
    pub commands: CommandLog,
    /// The last error reported.
    pub last_error: Option<String>,
    /// The target the last error concerns, if one does: it goes with the target.
    pub last_error_target: Option<String>,
    /// Messages in and out, and the frames of serial links (when traffic is kept: the
    /// window always, `cmmctl` when asked or recording).
    pub traffic: super::traffic::TrafficLog,
    /// Plotted values and their history (bounded).
    pub plotted: BTreeMap<PlotKey, super::series::Series>,
    /// The event log.
    pub log: EventLog,
    /// The modem server.
    pub server: ServerStatus,
    /// The last scan.
    pub scan: Option<ScanStatus>,
    /// The serial ports last listed.
    pub ports: PortList,
    /// Simulated modems running (how many).
    pub demo: Option<usize>,
    /// Why the last serial connect was refused (shown in the serial window).
    pub serial_error: Option<CoreError>,
    /// Serial links being opened: target -> the model chosen, so that the link's first
    /// readings are decoded with its map (they may come before the link's opening is told).
    pub serial_models: BTreeMap<String, String>,
    /// The last map load: the map's name, or why not (shown in the map window).
    pub map_result: Option<Result<String, CoreError>>,
    /// The last export: what was written, or why not (shown in the export window).
    pub export_result: Option<Result<String, CoreError>>,
    /// How the last copy of the recording went.
    pub copy_result: Option<Result<String, CoreError>>,
    /// Each target's commissioning as last read from the recording (or why it could not be).
    pub commissioning: BTreeMap<String, Result<crate::report::Commissioning, String>>,
    /// The last report: where it went, or why not (shown in the commissioning window).
    pub report_result: Option<Result<String, CoreError>>,
    /// Traffic lines and heartbeats dropped under overload (see `link::EventSink`).
    pub dropped_events: u64,
    /// The recording being written.
    pub recording: super::status::RecordingStatus,
    /// Plotted values' history read from the recording.
    pub history: BTreeMap<PlotKey, super::history::History>,
    /// The timeline of the range in view, read from the recording.
    pub timeline: super::history::Timeline,
    /// The event journal last read from the recording, for the target it was read for.
    pub journal: Option<JournalRead>,
    /// A recording shown read-only (no server, no link, no command).
    pub offline: Option<super::status::OfflineStatus>,
    /// Maps chosen by hand, by target: the map's name.
    pub map_choices: BTreeMap<String, String>,
    /// One-off reads (`Command::ReadOnce`) by uid: how they ended (`None` while under way),
    /// and in words.
    pub reads: BTreeMap<String, (Option<crate::model::Outcome>, String)>,
    /// Maps saved (or refused) so far: a save's result is in `map_result` once this grows.
    pub map_saves: u64,
    /// The broker the app is attached to, if any.
    pub broker: Option<super::status::BrokerStatus>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(map::builtin_maps())
    }
}

impl AppState {
    /// A state that decodes with `maps` (first match wins).
    pub fn new(maps: Vec<Arc<RegisterMap>>) -> Self {
        AppState {
            maps,
            targets: BTreeMap::new(),
            commands: CommandLog::default(),
            last_error: None,
            last_error_target: None,
            traffic: Default::default(),
            plotted: BTreeMap::new(),
            log: EventLog::default(),
            server: ServerStatus::default(),
            scan: None,
            ports: PortList::default(),
            demo: None,
            serial_error: None,
            serial_models: BTreeMap::new(),
            map_result: None,
            export_result: None,
            copy_result: None,
            commissioning: BTreeMap::new(),
            report_result: None,
            dropped_events: 0,
            recording: Default::default(),
            history: BTreeMap::new(),
            timeline: Default::default(),
            journal: None,
            offline: None,
            map_choices: BTreeMap::new(),
            reads: BTreeMap::new(),
            map_saves: 0,
            broker: None,
        }
    }

    /// The readings' verdicts on commands since the last call: (target, uid, confirmed).
    pub fn take_verdicts(&mut self) -> Vec<(String, String, bool)> {
        self.commands.take_verdicts()
    }

    /// Adds a line to the event log.
    pub fn note(&mut self, now_ms: i64, text: String) {
        self.log.push(now_ms, text);
    }

    /// Reports a failure, about `target` if one is concerned: in the log and as the last
    /// error.
    pub fn error(&mut self, now_ms: i64, target: Option<&str>, e: &CoreError) {
        let text = e.to_string();
        let line = match e {
            CoreError::NotFound(_) => text.clone(),
            _ => format!("error: {text}"),
        };
        self.log.push(now_ms, line);
        self.set_last_error(target, text);
    }

    /// Shows `text` as the last error, about `target` if one is concerned.
    fn set_last_error(&mut self, target: Option<&str>, text: String) {
        self.last_error = Some(text);
        self.last_error_target = target.map(str::to_string);
    }

    /// Adds a value to the plot, or takes it off.
    pub fn toggle_plot(&mut self, key: PlotKey) {
        self.history.remove(&key);
        if self.plotted.remove(&key).is_none() {
            self.plotted
                .insert(key, super::series::Series::new(SERIES_CAPACITY));
        }
    }

    /// Records the current value of each plotted value of `hostid` (every upload, so a value
    /// that holds still draws as a flat line); a value that may not be current (stale, or not
    /// refreshed since lost uploads) becomes a gap until it is refreshed.
    fn sample(&mut self, hostid: &str, now_ms: i64) {
        // Nothing plotted (the command line): no lookup of the target.
        if self.plotted.is_empty() {
            return;
        }
        let Some(t) = self.targets.get(hostid) else {
            return;
        };
        let now = now_ms as f64 / 1000.0;
        for ((h, table, addr), series) in self.plotted.iter_mut() {
            if h != hostid {
                continue;
            }
            let key = (*table, *addr);
            let stale = t.stale.contains_key(&key)
                || (t.gap_since.is_some() && !t.fresh_since_gap.contains(&key));
            let value = t
                .map
                .decode(&t.image, t.slave(), *table, *addr)
                .and_then(|d| d.number());
            match value {
                Some(v) if !stale => series.push(now, v),
                _ => series.push_gap(now),
            }
        }
    }

    /// The plotted values of `hostid` are not known from `now_ms` (it went offline): a gap.
    fn gap(&mut self, hostid: &str, now_ms: i64) {
        let now = now_ms as f64 / 1000.0;
        self.plotted
            .iter_mut()
            .filter(|((h, _, _), _)| h == hostid)
            .for_each(|(_, s)| s.push_gap(now));
    }

    /// Before sending command `uid`: its name and what its effect looks like in the readings.
    pub fn expect(&mut self, uid: &str, intent: Intent) {
        self.commands.expect(uid, intent);
    }

    /// Checks accepted commands of `hostid` against its readings after an upload.
    /// The map a target is decoded with: the one chosen by hand, else its model's.
    pub fn map_for(&self, target: &str, moduletype: &str) -> Arc<RegisterMap> {
        self.map_choices
            .get(target)
            .and_then(|name| self.maps.iter().find(|m| &m.name == name))
            .cloned()
            .unwrap_or_else(|| map::resolve(&self.maps, moduletype))
    }

    /// Decodes `target` with the map named `name` from now on (`None`: its model's map);
    /// returns what to say in the log.
    pub fn choose_map(&mut self, target: &str, name: Option<String>, now_ms: i64) -> String {
        match &name {
            Some(n) if !self.maps.iter().any(|m| &m.name == n) => {
                return format!("{target}: no map named {n:?}");
            }
            Some(n) => {
                self.map_choices.insert(target.to_string(), n.clone());
            }
            None => {
                self.map_choices.remove(target);
            }
        }
        let Some(moduletype) = self.targets.get(target).map(|t| t.moduletype.clone()) else {
            return format!("{target}: map chosen for when it comes");
        };
        let map = self.map_for(target, &moduletype);
        let t = self.target(target);
        t.map = map;
        t.refresh_summary(now_ms);
        match name {
            Some(n) => format!("{target}: decoded with the map {n:?} (chosen by hand)"),
            None => format!(
                "{target}: decoded with the map of its model ({})",
                t.map.name
            ),
        }
    }

    /// Puts a map before the others and applies it to the targets it serves.
    pub fn add_map(&mut self, map: Arc<RegisterMap>) {
        self.maps.insert(0, map);
        let keys: Vec<String> = self.targets.keys().cloned().collect();
        for key in keys {
            let moduletype = self.targets[&key].moduletype.clone();
            let map = self.map_for(&key, &moduletype);
            let chosen = self.map_choices.contains_key(&key);
            let t = self.target(&key);
            if !t.moduletype.is_empty() || chosen {
                t.map = map;
                // No clock here: an alarm first seen now dates from the last data.
                let now = t.last_seen_ms.unwrap_or_default();
                t.refresh_summary(now);
            }
        }
    }

    /// Registers a serial link that opened: its target is a `model` controller at `slave`.
    pub fn add_serial(&mut self, target: &str, description: &str, model: &str, slave: u8) {
        let map = self.map_for(target, model);
        let t = self.target(target);
        let link = t.serial_link_mut();
        link.description = description.to_string();
        link.slave = Some(slave);
        t.hostname = description.to_string();
        t.moduletype = model.to_string();
        t.map = map;
    }

    /// A modem known from an earlier recording: shown offline, decoded with its model's map.
    pub fn add_known(&mut self, row: &crate::store::reader::TargetRow) {
        let (key, seen_ms) = (row.key.as_str(), row.last_seen_ms);
        let map = self.map_for(key, &row.moduletype);
        let t = self.target(key);
        t.hostname = row.hostname.clone();
        t.moduletype = row.moduletype.clone();
        t.module_port = row.module_port;
        t.module_baud = row.module_baud;
        t.map = map;
        t.last_seen_ms = seen_ms;
        t.down_reason = Some(t!("not connected since the last start"));
    }

    /// Forgets a target (a serial link closed by the user). Its error leaves the status bar.
    pub fn remove_target(&mut self, target: &str) {
        self.targets.remove(target);
        self.plotted.retain(|(h, _, _), _| h != target);
        if self.last_error_target.as_deref() == Some(target) {
            self.last_error = None;
            self.last_error_target = None;
        }
    }

    fn target(&mut self, hostid: &str) -> &mut Target {
        // One lookup: copying the id is cheaper than a second search of long, alike ids.
        self.targets
            .entry(hostid.to_string())
            .or_insert_with(|| Target::new(hostid))
    }

    /// Applies an event at time `now_ms`; returns the register changes it caused.
    pub fn apply(&mut self, event: &Event, now_ms: i64) -> Vec<Change> {
        if let Some(line) = log_line(event) {
            self.log.push(now_ms, line);
        }
        if let Some(scan) = self.scan.as_mut()
            && scan.apply(event)
        {
            return Vec::new();
        }
        match event {
            Event::Listening { addr, advertise } => {
                self.server.addr = Some(*addr);
                self.server.advertise = Some(advertise.clone());
            }
            Event::LinkClosed { target } => self.remove_target(target),
            Event::Login {
                hostid,
                hostname,
                moduletype,
                accepted: true,
                module_port,
                module_baud,
                ..
            } => {
                let map = self.map_for(hostid, moduletype);
                let t = self.target(hostid);
                t.hostname = hostname.clone();
                t.moduletype = moduletype.clone();
                // What this login says is the modem's setting now; a login without it leaves
                // the setting unknown (the form then asks for both).
                t.module_port = *module_port;
                t.module_baud = *module_baud;
                t.last_seen_ms = Some(now_ms);
                t.map = map;
                t.refresh_summary(now_ms);
            }
            Event::Online { hostid, .. }
            | Event::Heartbeat { hostid }
            | Event::Timing { hostid }
            | Event::PacketGap { hostid, .. } => self.target(hostid).apply(event, now_ms),
            Event::LinkUp { target, .. } => {
                // The link back: what it failed with before is over.
                if self.last_error_target.as_deref() == Some(target.as_str()) {
                    self.last_error = None;
                    self.last_error_target = None;
                }
                if let Some(model) = self.serial_models.remove(target) {
                    let map = self.map_for(target, &model);
                    let t = self.target(target);
                    t.moduletype = model;
                    t.map = map;
                }
                self.target(target).apply(event, now_ms)
            }
            Event::Offline { hostid, .. } => {
                self.target(hostid).apply(event, now_ms);
                self.gap(hostid, now_ms);
            }
            Event::Remote {
                target,
                broker,
                hostname,
                moduletype,
                commands,
            } => {
                let map = self.map_for(target, moduletype);
                let t = self.target(target);
                t.hostname = hostname.clone();
                t.moduletype = moduletype.clone();
                t.online = true;
                t.down_reason = None;
                t.last_seen_ms = Some(now_ms);
                t.map = map;
                t.link = super::target::Link::Remote(super::target::RemoteLink {
                    broker: broker.clone(),
                    commands: *commands,
                });
                t.refresh_summary(now_ms);
            }
            Event::BrokerState {
                broker,
                connected,
                detail,
            } => {
                self.broker = Some(super::status::BrokerStatus {
                    broker: broker.clone(),
                    connected: *connected,
                    detail: detail.clone(),
                });
                if !connected {
                    self.set_last_error(None, format!("broker {broker}: {detail}"));
                }
            }
            Event::LinkDown { target, reason } => {
                self.target(target).apply(event, now_ms);
                self.set_last_error(Some(target), format!("{target}: {reason}"));
                self.gap(target, now_ms);
            }
            Event::Stats { target, .. } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.apply(event, now_ms);
                }
            }
            Event::Data {
                hostid,
                blocks,
                flags,
                kind,
            } => return self.apply_data(hostid, blocks, *flags, *kind, now_ms),
            Event::CommandOutcome {
                uid,
                outcome,
                detail,
                ..
            } if self.reads.contains_key(uid) => {
                self.reads
                    .insert(uid.clone(), (Some(*outcome), detail.clone()));
            }
            Event::CommandSent { hostid, .. } | Event::CommandOutcome { hostid, .. } => {
                let within = self.targets.get(hostid).map_or_else(
                    || map::Settings::default().confirm_within_ms,
                    |t| t.map.settings.confirm_within_ms,
                );
                if let Some((port, baud)) = self.commands.apply(event, now_ms, i64::from(within)) {
                    let t = self.target(hostid);
                    t.module_port = Some(port);
                    t.module_baud = Some(baud);
                }
            }
            Event::Traffic { .. } | Event::SerialTraffic { .. } => {
                self.traffic.apply(event, now_ms)
            }
            Event::ProtocolError { hostid, error, .. } => {
                self.set_last_error(hostid.as_deref(), error.to_string())
            }
            Event::Error {
                hostid, message, ..
            } => self.set_last_error(hostid.as_deref(), message.clone()),
            Event::Stale {
                hostid,
                table,
                addr,
                qty,
                ..
            } => {
                self.target(hostid).apply(event, now_ms);
                let now = now_ms as f64 / 1000.0;
                let range = *addr..addr.saturating_add(*qty);
                self.plotted
                    .iter_mut()
                    .filter(|((h, tb, a), _)| h == hostid && tb == table && range.contains(a))
                    .for_each(|(_, s)| s.push_gap(now));
            }
            Event::Notice {
                kind: crate::model::NoticeKind::Warning,
                hostid,
                message,
            } => self.set_last_error(hostid.as_deref(), message.clone()),
            _ => {}
        }
        Vec::new()
    }

    fn apply_data(
        &mut self,
        hostid: &str,
        blocks: &[crate::proto::Block],
        flags: InputFlags,
        kind: crate::link::DataKind,
        now_ms: i64,
    ) -> Vec<Change> {
        let t = self.target(hostid);
        t.last_seen_ms = Some(now_ms);
        // What this upload carries is current again.
        if kind == crate::link::DataKind::Full {
            t.gap_since = None;
            t.fresh_since_gap.clear();
        }
        // Most uploads find nothing stale and no gap: nothing to walk then.
        let marked = !t.stale.is_empty() || t.gap_since.is_some();
        for b in blocks.iter().filter(|_| marked) {
            let n = match &b.values {
                crate::proto::rtu::BlockValues::Bits(v) => v.len(),
                crate::proto::rtu::BlockValues::Registers(v) => v.len(),
            };
            for a in
                (0..n).filter_map(|i| u16::try_from(i).ok().and_then(|i| b.addr.checked_add(i)))
            {
                t.stale.remove(&(b.table, a));
                if t.gap_since.is_some() {
                    t.fresh_since_gap.insert((b.table, a));
                }
            }
        }
        if flags.any() {
            // What this upload says wins; what it leaves out stays as it was.
            t.flags = flags.or(t.flags);
        }
        let mut changes = Vec::new();
        for b in blocks {
            t.image.apply_block_into(b, &mut changes);
        }
        for c in &changes {
            // A pair's change shows at its first address, where the table lists it.
            let addr = t
                .map
                .register_at(c.addr)
                .filter(|_| !c.table.is_bits())
                .map_or(c.addr, |r| r.addr);
            t.changed_ms.insert((c.table, addr), now_ms);
        }
        let watched = t.map.watched_by(&changes);
        if watched & Watch::STATE != 0 {
            t.refresh_summary(now_ms);
        } else if watched & Watch::POWER != 0 {
            t.refresh_power();
        }
        self.verify(hostid, now_ms);
        self.sample(hostid, now_ms);
        changes
    }

    /// Whether there is a recording to read history from (being written, or shown).
    pub fn has_recording(&self) -> bool {
        self.recording.path.is_some() || self.offline.is_some()
    }

    /// Modems online now.
    pub fn online_count(&self) -> usize {
        self.targets.values().filter(|t| t.online).count()
    }
}

#[path = "verify.rs"]
mod verify;

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
