//! Controllers on the laptop's serial port (Modbus RTU over an RS485/USB adapter): port listing,
//! the link that polls and writes (one task owns the port), link statistics, and the scan.

mod convert;
mod link;
mod ports;
mod scan;
mod stats;
mod tap;

pub use link::{SerialHandle, open_serial, start_serial};
pub use ports::{PortInfo, list_ports};
pub use scan::{ScanSettings, scan};
pub use stats::LinkStats;

use std::time::Duration;

use crate::proto::PollPlan;

/// Why a serial port could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SerialError {
    /// The port did not open (missing, busy, no permission).
    #[error("cannot open {port} at {baud} baud: {reason}")]
    Open {
        /// Port path.
        port: String,
        /// Baud rate tried.
        baud: u32,
        /// What the system said.
        reason: String,
    },
    /// The ports could not be listed.
    #[error("cannot list the serial ports: {0}")]
    List(String),
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
        }
    }

    /// The target id used in events (`serial:PORT:SLAVE`).
    pub fn target(&self) -> String {
        format!("serial:{}:{}", self.port, self.slave)
    }

    /// Polls what `map` plans (the default plan for the generic map), at this slave id.
    pub fn poll_as(&mut self, map: &crate::proto::map::RegisterMap) {
        self.plan = if map.is_generic() {
            PollPlan::default()
        } else {
            map.plan.clone()
        };
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
        let p = match self.parity {
            Parity::None => 'N',
            Parity::Even => 'E',
            Parity::Odd => 'O',
        };
        format!("{} 8{p}{}, slave {}", self.baud, self.stop_bits, self.slave)
    }

    /// Opens the port with these settings.
    pub fn open(&self) -> Result<tokio_serial::SerialStream, SerialError> {
        tokio_serial::SerialStream::open(&self.builder()).map_err(|e| SerialError::Open {
            port: self.port.clone(),
            baud: self.baud,
            reason: e.to_string(),
        })
    }

    /// The port settings for tokio-serial.
    pub fn builder(&self) -> tokio_serial::SerialPortBuilder {
        tokio_serial::new(&self.port, self.baud)
            .data_bits(tokio_serial::DataBits::Eight)
            .parity(match self.parity {
                Parity::None => tokio_serial::Parity::None,
                Parity::Even => tokio_serial::Parity::Even,
                Parity::Odd => tokio_serial::Parity::Odd,
            })
            .stop_bits(if self.stop_bits == 2 {
                tokio_serial::StopBits::Two
            } else {
                tokio_serial::StopBits::One
            })
            .timeout(self.timeout)
    }
}
