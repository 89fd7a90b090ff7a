//! What the bridge has to publish, kept apart from the MQTT client (no I/O, no clock): the core's
//! reports go in, messages come out in the order they should go.
//!
//! Retained topics (availability, state, discovery) hold only their latest value: a state that
//! changes twice before it could be sent is sent once, and after a reconnect every retained
//! topic is sent again (a restarted broker without persistence has forgotten them). Events are
//! queued up to a bound; beyond it the oldest are dropped and counted, never flushed late.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use serde_json::{Value, json};

use super::discovery;
pub use super::topics::{Topics, level};
use crate::app::Report;
use crate::cli::event_json::{event_json, write_change};
use crate::link::Event;
pub use crate::link::bridge::Message;
use crate::proto::RegisterImage;
use crate::proto::json_text::quoted;
use crate::proto::map::{Decoded, Value as DecodedValue};
use crate::proto::remote::{Registers, blocks_of};
use crate::proto::uplink::InputFlags;

/// Events kept while they cannot be sent; beyond this the oldest go.
pub const EVENTS_MAX: usize = 20_000;

/// One value as the state topic carries it.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The name as a JSON string (escaped once, written on every state).
    key_json: String,
    pub value: Value,
    pub unit: String,
    /// The unit as a JSON string.
    unit_json: String,
    pub alarm: bool,
    pub bit: bool,
    pub text: bool,
}

/// What the bridge knows of one modem.
#[derive(Debug, Default)]
pub(super) struct Host {
    pub hostid: String,
    pub name: String,
    pub model: String,
    online: Option<bool>,
    values: BTreeMap<String, Entry>,
    /// The raw words, for the `registers` topic.
    raw: RegisterImage,
    flags: InputFlags,
    time: String,
    /// Names already announced to Home Assistant (in this connection).
    announced: HashSet<String>,
    /// Names to announce.
    to_announce: Vec<String>,
    availability_dirty: bool,
    state_dirty: bool,
    registers_dirty: bool,
    queued: bool,
}

/// The bridge's publishing state.
#[derive(Debug)]
pub struct Outbox {
    topics: Topics,
    hosts: HashMap<String, Host>,
    /// Hosts with a retained topic to send, in the order they became so.
    dirty: VecDeque<String>,
    /// Command outcomes (never dropped while under the event bound).
    outcomes: VecDeque<Message>,
    events: VecDeque<Message>,
    bridge_online: bool,
    /// Events dropped because they could not be sent in time.
    pub dropped: u64,
}

impl Outbox {
    /// An empty outbox.
    pub fn new(topics: Topics) -> Outbox {
        Outbox {
            topics,
            hosts: HashMap::new(),
            dirty: VecDeque::new(),
            outcomes: VecDeque::new(),
            events: VecDeque::new(),
            bridge_online: false,
            dropped: 0,
        }
    }

    /// The topic names in use.
    pub fn topics(&self) -> &Topics {
        &self.topics
    }

    fn host(&mut self, hostid: &str) -> &mut Host {
        self.hosts
            .entry(hostid.to_string())
            .or_insert_with(|| Host {
                hostid: hostid.to_string(),
                ..Host::default()
            })
    }

    fn mark(&mut self, hostid: &str) {
        let h = self.host(hostid);
        if !h.queued {
            h.queued = true;
            self.dirty.push_back(hostid.to_string());
        }
    }

    fn event(&mut self, m: Message) {
        if self.events.len() >= EVENTS_MAX {
            self.events.pop_front();
            self.dropped += 1;
        }
        self.events.push_back(m);
    }

    /// Takes in one report of the core; `time` is when it arrived (RFC 3339).
    pub fn offer(&mut self, r: &Report, time: &str) {
        let traffic = r.event.is_traffic();
        match &r.event {
            Event::Login {
                hostid,
                hostname,
                moduletype,
                accepted: true,
                ..
            } => {
                let h = self.host(hostid);
                if h.name != *hostname || h.model != *moduletype {
                    h.name = hostname.clone();
                    h.model = moduletype.clone();
                    // The device block of every announced value names them: announce again.
                    h.to_announce.extend(h.announced.drain());
                    h.registers_dirty = !h.raw.is_empty();
                    self.mark(hostid);
                }
            }
            Event::Online { hostid, .. } | Event::LinkUp { target: hostid, .. } => {
                self.set_online(hostid, true)
            }
            Event::Offline { hostid, .. } | Event::LinkDown { target: hostid, .. } => {
                self.set_online(hostid, false)
            }
            Event::Data { hostid, flags, .. } => self.data(hostid, &r.changes, *flags, time),
            _ => {}
        }
        if traffic && !self.topics.traffic {
            return;
        }
        let Some(v) = event_json(&r.event) else {
            return self.changes(r);
        };
        let topic = match host_of(&v) {
            Some(h) => self.topics.host(&h, "event"),
            None => self.topics.bridge("event"),
        };
        self.event(Message {
            topic,
            payload: v.to_string(),
            retain: false,
            at_least_once: false,
        });
        self.changes(r);
    }

    fn changes(&mut self, r: &Report) {
        let Event::Data { hostid, .. } = &r.event else {
            return;
        };
        let topic = self.topics.host(hostid, "event");
        if !self.topics.no_changes {
            for (c, d) in &r.changes {
                let mut payload = Vec::with_capacity(256);
                // Writing into a Vec cannot fail.
                let _ = write_change(&mut payload, hostid, c, d.as_ref());
                let payload = String::from_utf8(payload)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                self.event(Message {
                    topic: topic.clone(),
                    payload,
                    retain: false,
                    at_least_once: false,
                });
            }
        }
        for message in &r.warnings {
            let v = json!({"event": "warning", "hostid": hostid, "message": message});
            self.event(Message {
                topic: topic.clone(),
                payload: v.to_string(),
                retain: false,
                at_least_once: false,
            });
        }
    }

    fn set_online(&mut self, hostid: &str, online: bool) {
        let h = self.host(hostid);
        if h.online != Some(online) {
            h.online = Some(online);
            h.availability_dirty = true;
            self.mark(hostid);
        }
    }

    fn data(
        &mut self,
        hostid: &str,
        changes: &[(crate::proto::image::Change, Option<Decoded>)],
        flags: InputFlags,
        time: &str,
    ) {
        let announce = self.topics.discovery.is_some();
        let h = self.host(hostid);
        h.time = time.to_string();
        if flags.any() {
            h.flags = flags.or(h.flags);
        }
        for (c, _) in changes {
            h.raw.set(c.slave, c.table, c.addr, c.new);
        }
        h.registers_dirty = true;
        for (c, d) in changes {
            let Some(d) = d.as_ref().filter(|d| d.mapped) else {
                continue;
            };
            let value = value_of(d);
            let slave_key;
            let key = if c.slave == 1 {
                d.name.as_ref()
            } else {
                slave_key = format!("{} (slave {})", d.name, c.slave);
                slave_key.as_str()
            };
            // Most uploads change values already known: update in place.
            if let Some(e) = h.values.get_mut(key) {
                e.value = value;
                continue;
            }
            let entry = Entry {
                key_json: quoted(key),
                value,
                unit: d.unit.to_string(),
                unit_json: quoted(&d.unit),
                alarm: d.alarm.is_some(),
                bit: matches!(d.value, DecodedValue::Bit(_)),
                text: matches!(d.value, DecodedValue::Text(_)),
            };
            if announce && !h.announced.contains(key) {
                h.to_announce.push(key.to_string());
            }
            h.values.insert(key.to_string(), entry);
        }
        h.state_dirty = true;
        self.mark(hostid);
    }

    /// A command outcome (or refusal) for the modem's outcome topic.
    pub fn outcome(&mut self, hostid: &str, v: &Value) {
        if self.outcomes.len() >= EVENTS_MAX {
            self.outcomes.pop_front();
            self.dropped += 1;
        }
        self.outcomes.push_back(Message {
            topic: self.topics.host(hostid, "outcome"),
            payload: v.to_string(),
            retain: false,
            at_least_once: true,
        });
    }

    /// The connection to the broker is (again) up: every retained topic is to be sent again.
    pub fn reconnected(&mut self) {
        self.bridge_online = false;
        let ids: Vec<String> = self.hosts.keys().cloned().collect();
        for id in ids {
            let h = self.host(&id);
            h.availability_dirty = h.online.is_some();
            h.state_dirty = !h.values.is_empty();
            h.registers_dirty = !h.raw.is_empty();
            let names = std::mem::take(&mut h.announced);
            h.to_announce.extend(names);
            self.mark(&id);
        }
    }

    /// The next message to send, most important first: the bridge's availability, then each
    /// host's availability, discovery and state, then outcomes, then events.
    pub fn take(&mut self) -> Option<Message> {
        if !self.bridge_online {
            self.bridge_online = true;
            return Some(Message {
                topic: self.topics.bridge("availability"),
                payload: "online".into(),
                retain: true,
                at_least_once: true,
            });
        }
        if let Some(m) = self.outcomes.pop_front() {
            return Some(m);
        }
        while let Some(id) = self.dirty.front().cloned() {
            if let Some(m) = self.retained_of(&id) {
                return Some(m);
            }
            self.dirty.pop_front();
            if let Some(h) = self.hosts.get_mut(&id) {
                h.queued = false;
            }
        }
        self.events.pop_front()
    }

    fn retained_of(&mut self, id: &str) -> Option<Message> {
        let topics = &self.topics;
        let h = self.hosts.get_mut(id)?;
        if h.availability_dirty {
            h.availability_dirty = false;
            let online = h.online == Some(true);
            return Some(Message {
                topic: topics.host(id, "availability"),
                payload: if online { "online" } else { "offline" }.into(),
                retain: true,
                at_least_once: true,
            });
        }
        if let Some(prefix) = &topics.discovery {
            while let Some(name) = h.to_announce.pop() {
                if h.announced.contains(&name) {
                    continue;
                }
                let Some(entry) = h.values.get(&name) else {
                    continue;
                };
                h.announced.insert(name.clone());
                let value = discovery::Announced {
                    hostid: &h.hostid,
                    device: &h.name,
                    model: &h.model,
                    name: &name,
                    unit: &entry.unit,
                    bit: entry.bit,
                    alarm: entry.alarm,
                    text: entry.text,
                };
                let (topic, payload) = discovery::config(topics, prefix, &value);
                return Some(Message {
                    topic,
                    payload: payload.to_string(),
                    retain: true,
                    at_least_once: true,
                });
            }
        }
        if h.state_dirty {
            h.state_dirty = false;
            return Some(Message {
                topic: topics.host(id, "state"),
                payload: state_json(h),
                retain: true,
                at_least_once: false,
            });
        }
        if h.registers_dirty {
            h.registers_dirty = false;
            let m = Registers {
                hostid: h.hostid.clone(),
                name: h.name.clone(),
                model: h.model.clone(),
                time: h.time.clone(),
                commands: topics.commands,
                bridge: topics.bridge_id.clone(),
                flags: h.flags,
                blocks: blocks_of(&h.raw),
            };
            return Some(Message {
                topic: topics.host(id, "registers"),
                payload: m.to_json(),
                retain: true,
                at_least_once: false,
            });
        }
        None
    }

    /// What to send when the bridge stops: every modem it published and itself offline.
    pub fn farewell(&self) -> Vec<Message> {
        let mut out: Vec<Message> = self
            .hosts
            .values()
            .filter(|h| h.online.is_some())
            .map(|h| Message {
                topic: self.topics.host(&h.hostid, "availability"),
                payload: "offline".into(),
                retain: true,
                at_least_once: true,
            })
            .collect();
        out.push(Message {
            topic: self.topics.bridge("availability"),
            payload: "offline".into(),
            retain: true,
            at_least_once: true,
        });
        out
    }

    /// Events waiting.
    pub fn queued_events(&self) -> usize {
        self.events.len()
    }
}

/// The hostid a JSON event is about, if any.
fn host_of(v: &Value) -> Option<String> {
    v.get("hostid").and_then(Value::as_str).map(str::to_string)
}

/// A decoded value as JSON: a number rounded to the decimals worth showing, a bit as
/// `true`/`false`, a text as a string, no data as `null`.
fn value_of(d: &Decoded) -> Value {
    match &d.value {
        DecodedValue::Number(x) => {
            let p = 10f64.powi(d.decimals as i32);
            json!((x * p).round() / p)
        }
        DecodedValue::Bit(b) => json!(b),
        DecodedValue::Text(t) => json!(t),
        DecodedValue::NoData => Value::Null,
    }
}

/// The state topic's JSON: `{"hostid", "name", "model", "time", "values": {NAME: value},
/// "units": {NAME: unit}}`, written straight into the payload (it is the bridge's busiest
/// work: one per upload).
fn state_json(h: &Host) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(64 + h.values.len() * 48);
    let _ = write!(
        out,
        "{{\"hostid\":{},\"name\":{},\"model\":{},\"time\":{},\"values\":{{",
        quoted(&h.hostid),
        quoted(&h.name),
        quoted(&h.model),
        quoted(&h.time)
    );
    for (i, e) in h.values.values().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&e.key_json);
        out.push(':');
        let _ = write!(out, "{}", e.value);
    }
    out.push_str("},\"units\":{");
    let mut first = true;
    for e in h.values.values().filter(|e| !e.unit.is_empty()) {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&e.key_json);
        out.push(':');
        out.push_str(&e.unit_json);
    }
    out.push_str("}}");
    out
}

impl crate::link::bridge::Outgoing for Outbox {
    fn prefix(&self) -> &str {
        &self.topics.prefix
    }

    fn reconnected(&mut self) {
        Outbox::reconnected(self);
    }

    fn outcome(&mut self, hostid: &str, v: &Value) {
        Outbox::outcome(self, hostid, v);
    }

    fn take(&mut self) -> Option<Message> {
        Outbox::take(self)
    }
}
