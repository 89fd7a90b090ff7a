//! Serial ports with their USB details and a name a person recognises.

use serialport::{SerialPortInfo, SerialPortType};

/// A serial port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortInfo {
    /// Path to open.
    pub path: String,
    /// E.g. "/dev/ttyUSB0 — FTDI FT232R" or "CH340 USB-Serial (COM5)".
    pub name: String,
    /// USB vendor id.
    pub vid: Option<u16>,
    /// USB product id.
    pub pid: Option<u16>,
    /// USB manufacturer string.
    pub manufacturer: Option<String>,
    /// USB product string.
    pub product: Option<String>,
    /// USB serial number.
    pub serial_number: Option<String>,
}

/// The name shown for a port: what the adapter says it is, and where it is.
pub fn human_name(path: &str, manufacturer: Option<&str>, product: Option<&str>) -> String {
    let what = match (manufacturer, product) {
        (Some(m), Some(p)) if p.contains(m) => p.to_string(),
        (Some(m), Some(p)) => format!("{m} {p}"),
        (None, Some(p)) => p.to_string(),
        (Some(m), None) => m.to_string(),
        (None, None) => return path.to_string(),
    };
    if cfg!(windows) {
        format!("{what} ({path})")
    } else {
        format!("{path} — {what}")
    }
}

fn info(p: SerialPortInfo) -> PortInfo {
    match p.port_type {
        SerialPortType::UsbPort(u) => PortInfo {
            name: human_name(
                &p.port_name,
                u.manufacturer.as_deref(),
                u.product.as_deref(),
            ),
            path: p.port_name,
            vid: Some(u.vid),
            pid: Some(u.pid),
            manufacturer: u.manufacturer,
            product: u.product,
            serial_number: u.serial_number,
        },
        other => {
            let kind = match other {
                SerialPortType::PciPort => Some("built-in serial port"),
                SerialPortType::BluetoothPort => Some("Bluetooth"),
                _ => None,
            };
            PortInfo {
                name: human_name(&p.port_name, None, kind),
                path: p.port_name,
                vid: None,
                pid: None,
                manufacturer: None,
                product: None,
                serial_number: None,
            }
        }
    }
}

/// The serial ports present now, sorted by path (call again to refresh).
pub fn list_ports() -> Result<Vec<PortInfo>, super::SerialError> {
    let mut ports: Vec<PortInfo> = serialport::available_ports()
        .map_err(|e| super::SerialError::List(e.to_string()))?
        .into_iter()
        .map(info)
        .collect();
    ports.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(ports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_and_where() {
        assert_eq!(
            human_name("/dev/ttyUSB0", Some("FTDI"), Some("FT232R USB UART")),
            "/dev/ttyUSB0 — FTDI FT232R USB UART"
        );
        assert_eq!(
            human_name("/dev/ttyUSB1", Some("QinHeng"), Some("QinHeng CH340")),
            "/dev/ttyUSB1 — QinHeng CH340"
        );
        assert_eq!(human_name("/dev/ttyS0", None, None), "/dev/ttyS0");
        assert!(list_ports().is_ok());
    }
}
