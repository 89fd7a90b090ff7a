//! Who a target is, and the ids of commands.

use std::borrow::Borrow;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// A modem's own id, as it logs in (24 hex digits on a real modem): what the server keys its
/// sessions on. Where a target may also be a serial link or a remote modem, its id is a
/// [`TargetId`] (whose string form is the hostid for a modem).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(transparent)]
pub struct HostId(String);

impl HostId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HostId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for HostId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for HostId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for HostId {
    fn from(id: &str) -> Self {
        HostId(id.to_string())
    }
}

impl From<String> for HostId {
    fn from(id: String) -> Self {
        HostId(id)
    }
}

impl From<HostId> for String {
    fn from(id: HostId) -> Self {
        id.0
    }
}

impl PartialEq<str> for HostId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for HostId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A target: a modem on the server, a controller on a serial port, or a modem seen through
/// an MQTT broker. Its one string form (used in events, the state, recordings and files):
/// `HOSTID`, `serial:PORT:SLAVE`, `mqtt:HOSTID`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetId {
    /// A modem connected to the server, by its hostid.
    Modem(HostId),
    /// A controller on a serial port of the laptop, at a slave id.
    Serial {
        /// Port path (`/dev/ttyUSB0`, `COM5`).
        port: String,
        /// Slave id.
        slave: u8,
    },
    /// A modem published by a bridge on the attached broker, by its hostid.
    Remote(HostId),
}

impl TargetId {
    /// How serial targets begin.
    pub const SERIAL_PREFIX: &'static str = "serial:";
    /// How remote targets begin.
    pub const REMOTE_PREFIX: &'static str = "mqtt:";

    /// Reads the string form. Anything not a serial or remote target is a modem's hostid; a
    /// serial form without a slave id that reads as a number keeps all of it as the port.
    pub fn parse(s: &str) -> TargetId {
        if let Some(rest) = s.strip_prefix(Self::REMOTE_PREFIX) {
            return TargetId::Remote(rest.into());
        }
        if let Some(rest) = s.strip_prefix(Self::SERIAL_PREFIX) {
            // The port may hold colons (`COM5`, `/dev/serial/by-id/...:1.0`): the slave is
            // after the last one.
            if let Some((port, slave)) = rest.rsplit_once(':')
                && let Ok(slave) = slave.parse()
            {
                return TargetId::Serial {
                    port: port.to_string(),
                    slave,
                };
            }
            return TargetId::Serial {
                port: rest.to_string(),
                slave: 0,
            };
        }
        TargetId::Modem(s.into())
    }

    /// Whether the string form names a controller on a serial port.
    pub fn is_serial(s: &str) -> bool {
        s.starts_with(Self::SERIAL_PREFIX)
    }

    /// Whether the string form names a modem seen through a broker.
    pub fn is_remote(s: &str) -> bool {
        s.starts_with(Self::REMOTE_PREFIX)
    }

    /// The modem's hostid (a remote target's too); `None` for a serial target.
    pub fn hostid(&self) -> Option<&HostId> {
        match self {
            TargetId::Modem(h) | TargetId::Remote(h) => Some(h),
            TargetId::Serial { .. } => None,
        }
    }
}

impl fmt::Display for TargetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetId::Modem(h) => f.write_str(h.as_str()),
            TargetId::Serial { port, slave } => {
                write!(f, "{}{port}:{slave}", Self::SERIAL_PREFIX)
            }
            TargetId::Remote(h) => write!(f, "{}{h}", Self::REMOTE_PREFIX),
        }
    }
}

/// A new command id, unique in this run: made here only, whoever sends the command without
/// one (the window, the core, the server, a serial link, the broker link). The plain number
/// `cmmctl` has always shown (`"uid":"1"`).
pub fn next_command_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_string_form_both_ways() {
        for (s, id) in [
            (
                "3130373031334717003D002E",
                TargetId::Modem("3130373031334717003D002E".into()),
            ),
            (
                "serial:/dev/ttyUSB0:1",
                TargetId::Serial {
                    port: "/dev/ttyUSB0".into(),
                    slave: 1,
                },
            ),
            (
                "serial:/dev/serial/by-id/usb-FTDI:1.0-port0:247",
                TargetId::Serial {
                    port: "/dev/serial/by-id/usb-FTDI:1.0-port0".into(),
                    slave: 247,
                },
            ),
            ("mqtt:H1", TargetId::Remote("H1".into())),
        ] {
            assert_eq!(TargetId::parse(s), id, "{s}");
            assert_eq!(id.to_string(), s);
        }
        assert!(TargetId::is_serial("serial:COM5:1") && !TargetId::is_serial("mqtt:x"));
        assert!(TargetId::is_remote("mqtt:x") && !TargetId::is_remote("H1"));
        assert_eq!(TargetId::parse("mqtt:H1").hostid().unwrap(), "H1");
        assert_eq!(TargetId::parse("serial:COM5:1").hostid(), None);
    }

    #[test]
    fn command_ids_do_not_repeat() {
        let a: u64 = next_command_id().parse().unwrap();
        let b: u64 = next_command_id().parse().unwrap();
        assert!(b > a);
    }
}
