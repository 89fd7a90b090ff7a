//! The bridge's topic names.

/// What to publish, and under which names.
#[derive(Debug, Clone)]
pub struct Topics {
    /// First level of every topic (`cmm`).
    pub prefix: String,
    /// This bridge's name among the bridges publishing under the prefix (its MQTT client id).
    pub bridge_id: String,
    /// Home Assistant discovery prefix (`homeassistant`), when discovery is on.
    pub discovery: Option<String>,
    /// Leave register changes out of the event topic (as `--no-changes` does on stdout).
    pub no_changes: bool,
    /// Put traffic lines on the event topic.
    pub traffic: bool,
    /// Commands are taken on `PREFIX/HOSTID/command` (said in each `registers` message).
    pub commands: bool,
}

impl Topics {
    /// `PREFIX/HOSTID/leaf`, the hostid made safe for a topic level.
    pub fn host(&self, hostid: &str, leaf: &str) -> String {
        format!("{}/{}/{leaf}", self.prefix, level(hostid))
    }

    /// The bridge's own topics: `PREFIX/bridge/BRIDGE_ID/leaf` (several `cmmctl serve` may
    /// share a broker and a prefix).
    pub fn bridge(&self, leaf: &str) -> String {
        format!("{}/bridge/{}/{leaf}", self.prefix, level(&self.bridge_id))
    }
}

/// A name made safe as one topic level: the wildcards `+` and `#`, the separator `/` and
/// control characters become `_`.
pub fn level(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| match c {
            '+' | '#' | '/' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if s.is_empty() { "_".into() } else { s }
}
