//! Modbus RTU frames: requests and responses for functions 01-06, 0F and 10, exceptions, CRC.
//!
//! The modem carries whole RTU frames as hex text: the server sends request frames
//! (`para_command`, `writeConfig`), the modem uploads response frames (`reqdata`). A read
//! response carries no start address, so it is decoded against the request that asked for it.

use std::fmt;

use super::hex::{self, HexError};

const CRC16: crc::Crc<u16> = crc::Crc::<u16>::new(&crc::CRC_16_MODBUS);

/// CRC-16/MODBUS of `bytes` (sent low byte first on the wire).
pub fn crc16(bytes: &[u8]) -> u16 {
    CRC16.checksum(bytes)
}

/// Appends the CRC, low byte first.
pub fn with_crc(mut body: Vec<u8>) -> Vec<u8> {
    let crc = crc16(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    body
}

/// What can be wrong with a frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RtuError {
    /// Not hex text.
    #[error(transparent)]
    Hex(#[from] HexError),
    /// Shorter than any frame can be.
    #[error("{}", t!("frame too short ({ $len } bytes)", len = .len.to_string()))]
    TooShort {
        /// Bytes received.
        len: usize,
    },
    /// The checksum does not match the frame.
    #[error("{}", t!("CRC error: frame says { $actual }, bytes give { $expected }", actual = format!("{:04X}", .actual), expected = format!("{:04X}", .expected)))]
    Crc {
        /// CRC computed over the frame.
        expected: u16,
        /// CRC carried by the frame.
        actual: u16,
    },
    /// A function code this codec does not know.
    #[error("{}", t!("unsupported function code { $code }", code = format!("{:02X}", .0)))]
    UnsupportedFunction(u8),
    /// The length does not fit the function or the byte count.
    #[error("{}", t!("frame length { $actual } bytes, expected { $expected }", actual = .actual.to_string(), expected = .expected.to_string()))]
    Length {
        /// Length the header implies.
        expected: usize,
        /// Length received.
        actual: usize,
    },
    /// A value outside what the function allows.
    #[error("{}", t!("invalid frame: { $reason }", reason = .0.as_str()))]
    Invalid(String),
    /// A response that does not answer the request it is paired with.
    #[error("{}", t!("response does not match request: { $reason }", reason = .0.as_str()))]
    Mismatch(String),
}

/// The four Modbus data tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// Read/write bits (function 01, 05, 0F).
    Coils,
    /// Read-only bits (function 02).
    DiscreteInputs,
    /// Read/write 16-bit registers (function 03, 06, 10).
    Holding,
    /// Read-only 16-bit registers (function 04).
    Input,
}

impl Table {
    /// The read function code of the table.
    pub fn read_function(self) -> u8 {
        match self {
            Table::Coils => 0x01,
            Table::DiscreteInputs => 0x02,
            Table::Holding => 0x03,
            Table::Input => 0x04,
        }
    }

    /// The table a read function code reads.
    pub fn from_read_function(fc: u8) -> Option<Table> {
        match fc {
            0x01 => Some(Table::Coils),
            0x02 => Some(Table::DiscreteInputs),
            0x03 => Some(Table::Holding),
            0x04 => Some(Table::Input),
            _ => None,
        }
    }

    /// Whether the table holds single bits.
    pub fn is_bits(self) -> bool {
        matches!(self, Table::Coils | Table::DiscreteInputs)
    }

    /// Short lower-case name used in events.
    pub fn name(self) -> &'static str {
        match self {
            Table::Coils => "coils",
            Table::DiscreteInputs => "discrete_inputs",
            Table::Holding => "holding",
            Table::Input => "input",
        }
    }
}

/// Modbus exception codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionCode {
    /// 01
    IllegalFunction,
    /// 02
    IllegalDataAddress,
    /// 03
    IllegalDataValue,
    /// 04
    ServerDeviceFailure,
    /// 05
    Acknowledge,
    /// 06
    ServerDeviceBusy,
    /// 08
    MemoryParityError,
    /// 0A
    GatewayPathUnavailable,
    /// 0B
    GatewayTargetFailed,
    /// Any other code.
    Other(u8),
}

impl ExceptionCode {
    /// The code byte.
    pub fn code(self) -> u8 {
        match self {
            Self::IllegalFunction => 1,
            Self::IllegalDataAddress => 2,
            Self::IllegalDataValue => 3,
            Self::ServerDeviceFailure => 4,
            Self::Acknowledge => 5,
            Self::ServerDeviceBusy => 6,
            Self::MemoryParityError => 8,
            Self::GatewayPathUnavailable => 0x0A,
            Self::GatewayTargetFailed => 0x0B,
            Self::Other(c) => c,
        }
    }

    /// The exception for a code byte.
    pub fn from_code(c: u8) -> Self {
        match c {
            1 => Self::IllegalFunction,
            2 => Self::IllegalDataAddress,
            3 => Self::IllegalDataValue,
            4 => Self::ServerDeviceFailure,
            5 => Self::Acknowledge,
            6 => Self::ServerDeviceBusy,
            8 => Self::MemoryParityError,
            0x0A => Self::GatewayPathUnavailable,
            0x0B => Self::GatewayTargetFailed,
            c => Self::Other(c),
        }
    }
}

impl fmt::Display for ExceptionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::IllegalFunction => "Illegal Function",
            Self::IllegalDataAddress => "Illegal Data Address",
            Self::IllegalDataValue => "Illegal Data Value",
            Self::ServerDeviceFailure => "Server Device Failure",
            Self::Acknowledge => "Acknowledge",
            Self::ServerDeviceBusy => "Server Device Busy",
            Self::MemoryParityError => "Memory Parity Error",
            Self::GatewayPathUnavailable => "Gateway Path Unavailable",
            Self::GatewayTargetFailed => "Gateway Target Device Failed to Respond",
            Self::Other(_) => "Unknown Exception",
        };
        write!(f, "{name} ({:02X})", self.code())
    }
}

/// The function-specific part of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestPdu {
    /// 01/02/03/04: read `qty` items of `table` from `addr`.
    Read {
        /// Table read.
        table: Table,
        /// First address.
        addr: u16,
        /// Number of bits or registers.
        qty: u16,
    },
    /// 05: the raw coil value (FF00 on in the field; see docs/protocol.md, "Known conflicts between sources", for the variants).
    WriteSingleCoil {
        /// Coil address.
        addr: u16,
        /// Raw value word.
        value: u16,
    },
    /// 06.
    WriteSingleRegister {
        /// Register address.
        addr: u16,
        /// Value.
        value: u16,
    },
    /// 0F.
    WriteMultipleCoils {
        /// First coil.
        addr: u16,
        /// One entry per coil.
        bits: Vec<bool>,
    },
    /// 10.
    WriteMultipleRegisters {
        /// First register.
        addr: u16,
        /// One entry per register.
        values: Vec<u16>,
    },
}

/// A request frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Slave (unit) id; 0 is what the field uses through the modem.
    pub slave: u8,
    /// Function and arguments.
    pub pdu: RequestPdu,
}

/// The function-specific part of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponsePdu {
    /// 01-04: the data bytes, as sent.
    Read {
        /// Function code.
        function: u8,
        /// Data bytes (without the byte count).
        data: Vec<u8>,
    },
    /// 05/06: echo of address and value.
    WriteSingle {
        /// Function code.
        function: u8,
        /// Address.
        addr: u16,
        /// Value.
        value: u16,
    },
    /// 0F/10: address and quantity written.
    WriteMultiple {
        /// Function code.
        function: u8,
        /// First address.
        addr: u16,
        /// Quantity.
        qty: u16,
    },
    /// Exception for `function` (without the 0x80 bit).
    Exception {
        /// Function code of the failed request.
        function: u8,
        /// Why it failed.
        code: ExceptionCode,
    },
}

/// A response frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Slave id.
    pub slave: u8,
    /// Function and data.
    pub pdu: ResponsePdu,
}

/// Decoded values of a read response, placed at their addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Slave id.
    pub slave: u8,
    /// Table read.
    pub table: Table,
    /// First address.
    pub addr: u16,
    /// The values.
    pub values: BlockValues,
}

/// Bits or registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockValues {
    /// Coils or discrete inputs.
    Bits(Vec<bool>),
    /// Holding or input registers.
    Registers(Vec<u16>),
}

fn be16(b: &[u8], i: usize) -> u16 {
    u16::from_be_bytes([b[i], b[i + 1]])
}

/// Checks length and CRC and returns the frame without its CRC.
fn check_crc(frame: &[u8]) -> Result<&[u8], RtuError> {
    if frame.len() < 4 {
        return Err(RtuError::TooShort { len: frame.len() });
    }
    let (body, tail) = frame.split_at(frame.len() - 2);
    let actual = u16::from_le_bytes([tail[0], tail[1]]);
    let expected = crc16(body);
    if actual != expected {
        return Err(RtuError::Crc { expected, actual });
    }
    Ok(body)
}

fn expect_len(body: &[u8], expected_body: usize) -> Result<(), RtuError> {
    if body.len() != expected_body {
        return Err(RtuError::Length {
            expected: expected_body + 2,
            actual: body.len() + 2,
        });
    }
    Ok(())
}

/// Packs bits LSB first, 8 per byte, as Modbus sends them.
pub fn pack_bits(bits: &[bool]) -> Vec<u8> {
    let mut out = vec![0u8; bits.len().div_ceil(8)];
    for (i, &b) in bits.iter().enumerate() {
        if b {
            out[i / 8] |= 1 << (i % 8);
        }
    }
    out
}

/// Unpacks `count` bits, LSB first.
pub fn unpack_bits(bytes: &[u8], count: usize) -> Vec<bool> {
    (0..count)
        .map(|i| bytes.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1))
        .collect()
}

mod request;
mod response;

#[cfg(test)]
#[path = "rtu_tests.rs"]
mod tests;
