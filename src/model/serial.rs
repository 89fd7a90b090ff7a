//! A controller on a serial port: how to reach it, how to scan for it, what can go wrong, and
//! its link's figures. Plain data: opening the port is the link's (`link::serial`).

use std::time::Duration;

use crate::proto::PollPlan;

/// Why a serial port could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SerialError {
    /// The port did not open (missing, busy, no permission).
    #[error("{}", t!("cannot open { $port } at { $baud } baud: { $reason }", port = .port.as_str(), baud = .baud.to_string(), reason = .reason.as_str()))]
    Open {
        /// Port path.
        port: String,
        /// Baud rate tried.
        baud: u32,
        /// What the system said.
        reason: String,
    },
    /// The ports could not be listed.
    #[error("{}", t!("cannot list the serial ports: { $reason }", reason = .0.as_str()))]
    List(String),
    /// A controller or gateway on the network could not be reached.
    #[error("{}", t!("cannot connect to { $address }: { $reason }", address = .address.as_str(), reason = .reason.as_str()))]
    Connect {
        /// `tcp://HOST:PORT` or `rtu-over-tcp://HOST:PORT`.
        address: String,
        /// What the system said (refused, no route, no answer in time).
        reason: String,
    },
    /// A slave added to an open line asked for other line settings than the line has.
    #[error("{}", t!("{ $port } is open at { $open }; a slave on the same line uses the same settings, not { $asked }", port = .port.as_str(), open = .open.as_str(), asked = .asked.as_str()))]
    Line {
        /// Port path or address.
        port: String,
        /// The line's settings, e.g. `9600 8N1`.
        open: String,
        /// The settings asked.
        asked: String,
    },
}

/// Parity setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Parity {
    /// None (the HGM6100N's only setting).
    #[default]
    None,
    /// Even.
    Even,
    /// Odd.
    Odd,
}

impl std::str::FromStr for Parity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "n" | "none" => Ok(Parity::None),
            "e" | "even" => Ok(Parity::Even),
            "o" | "odd" => Ok(Parity::Odd),
            o => Err(format!("parity must be none, even or odd, not {o:?}")),
        }
    }
}

/// How to talk to a controller on a serial port.
#[derive(Debug, Clone, PartialEq)]
pub struct SerialSettings {
    /// Port path (`/dev/ttyUSB0`, `COM5`).
    pub port: String,
    /// Baud rate (2400 to 115200).
    pub baud: u32,
    /// Parity.
    pub parity: Parity,
    /// Stop bits (1 or 2).
    pub stop_bits: u8,
    /// Slave id.
    pub slave: u8,
    /// Wait for a reply this long (200 ms per the HGM6100N document).
    pub timeout: Duration,
    /// Poll period: a cycle starts this often (0: back to back).
    pub poll_delay: Duration,
    /// What to read each cycle.
    pub plan: PollPlan,
    /// Report every request and reply as it was on the wire (`Event::SerialTraffic`), for a
    /// recording.
    pub traffic: bool,
    /// On a line with several slaves, the least quiet time before a request to another slave
    /// than the last one answered (a slow RS485 transceiver releasing the line).
    pub turnaround: Duration,
}

impl SerialSettings {
    /// Defaults of the HGM6100N: 9600 8N1, slave 1, 200 ms, the field poll plan.
    pub fn new(port: impl Into<String>) -> Self {
        SerialSettings {
            port: port.into(),
            baud: 9600,
            parity: Parity::None,
            stop_bits: 1,
            slave: 1,
            timeout: Duration::from_millis(200),
            poll_delay: Duration::from_millis(200),
            plan: PollPlan::default(),
            traffic: false,
            turnaround: Duration::from_millis(5),
        }
    }

    /// The line's quiet time between frames: 3.5 characters of 11 bits at the baud rate, and
    /// 1.75 ms above 19200 baud (Modbus over serial line, 2.5.1.1). None on the network:
    /// Modbus TCP has no such gap, and a gateway keeps its own serial side's.
    pub fn frame_gap(&self) -> Duration {
        if Transport::of(&self.port).is_network() {
            Duration::ZERO
        } else if self.baud > 19_200 {
            Duration::from_micros(1750)
        } else {
            Duration::from_secs_f64(38.5 / f64::from(self.baud.max(1)))
        }
    }

    /// The line's own settings, without the slave: e.g. `9600 8N1` (the address for the
    /// network).
    pub fn line(&self) -> String {
        if Transport::of(&self.port).is_network() {
            return self.port.clone();
        }
        let p = match self.parity {
            Parity::None => 'N',
            Parity::Even => 'E',
            Parity::Odd => 'O',
        };
        format!("{} 8{p}{}", self.baud, self.stop_bits)
    }

    /// Whether `other` is a slave on the same line: the same port at the same settings.
    pub fn same_line(&self, other: &SerialSettings) -> bool {
        self.port == other.port && self.line() == other.line()
    }

    /// The target id used in events (`serial:PORT:SLAVE`).
    pub fn target(&self) -> String {
        super::TargetId::Serial {
            port: self.port.clone(),
            slave: self.slave,
        }
        .to_string()
    }

    /// Polls what `map` plans (the default plan for the generic map), at this slave id.
    pub fn poll_as(&mut self, map: &crate::proto::map::RegisterMap) {
        self.plan = plan_for(map);
        self.set_slave(self.slave);
    }

    /// Sets the slave id, in the poll plan too.
    pub fn set_slave(&mut self, slave: u8) {
        self.slave = slave;
        for r in &mut self.plan.requests {
            r.slave = slave;
        }
    }

    /// E.g. `9600 8N1, slave 1`.
    pub fn describe(&self) -> String {
        match Transport::of(&self.port) {
            Transport::ModbusTcp(_) => return format!("Modbus TCP, unit {}", self.slave),
            Transport::RtuOverTcp(_) => return format!("RTU over TCP, slave {}", self.slave),
            Transport::Serial => {}
        }
        format!("{}, slave {}", self.line(), self.slave)
    }
}

/// What a link polls for a controller with `map`: the map's plan, the default one for the
/// generic map (its requests' slave id is the link's to set).
pub fn plan_for(map: &crate::proto::map::RegisterMap) -> PollPlan {
    if map.is_generic() {
        PollPlan::default()
    } else {
        map.plan.clone()
    }
}

/// What to try.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanSettings {
    /// Port path.
    pub port: String,
    /// Baud rates, tried in order.
    pub bauds: Vec<u32>,
    /// Slave ids, tried in order at each baud.
    pub slaves: Vec<u8>,
    /// Wait per try.
    pub timeout: Duration,
    /// Parity.
    pub parity: Parity,
    /// Stop bits.
    pub stop_bits: u8,
}

impl ScanSettings {
    /// The default scan: 2400, 4800, 9600 and 19200 baud (the HGM6100N's rates), ids 1-32.
    pub fn new(port: impl Into<String>) -> Self {
        ScanSettings {
            port: port.into(),
            bauds: vec![2400, 4800, 9600, 19200],
            slaves: (1..=32).collect(),
            timeout: Duration::from_millis(100),
            parity: Parity::None,
            stop_bits: 1,
        }
    }
}

/// Counters and response times of a serial link. As JSON: the counters, then the last,
/// average and worst response times in ms (null until a response came).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LinkStats {
    /// Requests sent.
    pub requests: u64,
    /// Valid responses (including exceptions).
    pub responses: u64,
    /// Requests with no valid response in time.
    pub timeouts: u64,
    /// Responses that arrived with a bad CRC.
    pub crc_errors: u64,
    /// Modbus exception responses.
    pub exceptions: u64,
    /// Last response time.
    pub last: Option<Duration>,
    /// Worst response time.
    pub worst: Option<Duration>,
    total: Duration,
}

impl LinkStats {
    /// Records a response after `took`.
    pub fn response(&mut self, took: Duration) {
        self.responses += 1;
        self.last = Some(took);
        self.worst = Some(self.worst.map_or(took, |w| w.max(took)));
        self.total += took;
    }

    /// Average response time.
    pub fn average(&self) -> Option<Duration> {
        (self.responses > 0).then(|| self.total / self.responses as u32)
    }

    fn ms(d: Option<Duration>) -> Option<f64> {
        d.map(|d| (d.as_secs_f64() * 1e5).round() / 100.0)
    }

    /// Last response time, ms.
    pub fn last_ms(&self) -> Option<f64> {
        Self::ms(self.last)
    }

    /// Average response time, ms.
    pub fn avg_ms(&self) -> Option<f64> {
        Self::ms(self.average())
    }

    /// Worst response time, ms.
    pub fn worst_ms(&self) -> Option<f64> {
        Self::ms(self.worst)
    }
}

impl serde::Serialize for LinkStats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("requests", &self.requests)?;
        m.serialize_entry("responses", &self.responses)?;
        m.serialize_entry("timeouts", &self.timeouts)?;
        m.serialize_entry("crc_errors", &self.crc_errors)?;
        m.serialize_entry("exceptions", &self.exceptions)?;
        m.serialize_entry("last_ms", &self.last_ms())?;
        m.serialize_entry("avg_ms", &self.avg_ms())?;
        m.serialize_entry("worst_ms", &self.worst_ms())?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_and_worst() {
        let mut s = LinkStats::default();
        assert_eq!(s.avg_ms(), None);
        let mut line = SerialSettings::new("/dev/ttyUSB0");
        // 3.5 characters of 11 bits: 4.01 ms at 9600 baud; 1.75 ms above 19200.
        assert_eq!(line.frame_gap().as_micros(), 4010);
        line.baud = 38400;
        assert_eq!(line.frame_gap().as_micros(), 1750);
        let mut other = line.clone();
        other.slave = 2;
        assert!(line.same_line(&other));
        other.parity = Parity::Even;
        assert!(!line.same_line(&other));
        assert_eq!(other.describe(), "38400 8E1, slave 2");
        s.response(Duration::from_millis(10));
        s.response(Duration::from_millis(30));
        assert_eq!(
            (s.avg_ms(), s.worst_ms(), s.last_ms()),
            (Some(20.0), Some(30.0), Some(30.0))
        );
    }
}

/// How a controller is reached, from the address in a link's settings (its `port`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// A serial port (`/dev/ttyUSB0`, `COM5`): Modbus RTU.
    Serial,
    /// `tcp://HOST:PORT`: Modbus TCP (MBAP header), to a controller or a gateway.
    ModbusTcp(String),
    /// `rtu-over-tcp://HOST:PORT`: RTU frames as they are through a transparent gateway.
    RtuOverTcp(String),
}

impl Transport {
    /// The transport of an address; `HOST:PORT` after the scheme.
    pub fn of(address: &str) -> Transport {
        let a = address.trim();
        if let Some(rest) = a.strip_prefix("tcp://") {
            Transport::ModbusTcp(rest.trim_end_matches('/').to_string())
        } else if let Some(rest) = a.strip_prefix("rtu-over-tcp://") {
            Transport::RtuOverTcp(rest.trim_end_matches('/').to_string())
        } else {
            Transport::Serial
        }
    }

    /// Whether the controller is reached over the network.
    pub fn is_network(&self) -> bool {
        !matches!(self, Transport::Serial)
    }
}

#[cfg(test)]
mod transport_tests {
    use super::*;

    #[test]
    fn an_address_says_how_the_controller_is_reached() {
        assert_eq!(Transport::of("/dev/ttyUSB0"), Transport::Serial);
        assert_eq!(Transport::of("COM5"), Transport::Serial);
        assert_eq!(
            Transport::of("tcp://10.0.0.7:502"),
            Transport::ModbusTcp("10.0.0.7:502".into())
        );
        assert_eq!(
            Transport::of("rtu-over-tcp://gw.local:4001/"),
            Transport::RtuOverTcp("gw.local:4001".into())
        );
        let mut s = SerialSettings::new("tcp://10.0.0.7:502");
        s.slave = 3;
        assert_eq!(s.describe(), "Modbus TCP, unit 3");
        // The target keeps the whole address, and reads back.
        assert_eq!(s.frame_gap(), Duration::ZERO);
        let t = s.target();
        assert_eq!(
            crate::model::TargetId::parse(&t),
            crate::model::TargetId::Serial {
                port: "tcp://10.0.0.7:502".into(),
                slave: 3
            }
        );
    }
}
