//! Controllers on the laptop's serial port (Modbus RTU over an RS485/USB adapter): port listing,
//! the link that polls and writes (one task owns the port), link statistics, and the scan.

mod call;
mod commands;
mod convert;
mod link;
mod ports;
mod scan;
pub mod stream;
mod tap;

pub use crate::model::serial::{LinkStats, Parity, ScanSettings, SerialError, SerialSettings};
pub use link::{Replanner, SerialHandle, open_serial, start_serial};
pub use ports::{PortInfo, list_ports};
pub use scan::scan;

/// Opens the port with `settings`: the serial port, or a TCP connection to `tcp://HOST:PORT`
/// or `rtu-over-tcp://HOST:PORT` (within the reply timeout, at least a second).
pub async fn open(settings: &SerialSettings) -> Result<stream::Stream, SerialError> {
    use crate::model::serial::Transport;
    let (Transport::ModbusTcp(a) | Transport::RtuOverTcp(a)) = Transport::of(&settings.port) else {
        return tokio_serial::SerialStream::open(&builder(settings))
            .map(stream::Stream::Serial)
            .map_err(|e| SerialError::Open {
                port: settings.port.clone(),
                baud: settings.baud,
                reason: e.to_string(),
            });
    };
    let wait = settings.timeout.max(std::time::Duration::from_secs(1));
    let refused = |reason: String| SerialError::Connect {
        address: settings.port.clone(),
        reason,
    };
    match tokio::time::timeout(wait, tokio::net::TcpStream::connect(&a)).await {
        Ok(Ok(s)) => {
            let _ = s.set_nodelay(true);
            Ok(stream::Stream::Tcp(s))
        }
        Ok(Err(e)) => Err(refused(e.to_string())),
        Err(_) => Err(refused(t!(
            "no answer in { $ms } ms",
            ms = wait.as_millis().to_string()
        ))),
    }
}

/// The port settings of `settings` for tokio-serial.
pub fn builder(settings: &SerialSettings) -> tokio_serial::SerialPortBuilder {
    tokio_serial::new(&settings.port, settings.baud)
        .data_bits(tokio_serial::DataBits::Eight)
        .parity(match settings.parity {
            Parity::None => tokio_serial::Parity::None,
            Parity::Even => tokio_serial::Parity::Even,
            Parity::Odd => tokio_serial::Parity::Odd,
        })
        .stop_bits(if settings.stop_bits == 2 {
            tokio_serial::StopBits::Two
        } else {
            tokio_serial::StopBits::One
        })
        .timeout(settings.timeout)
}
