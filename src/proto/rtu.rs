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
    #[error("frame too short ({len} bytes)")]
    TooShort {
        /// Bytes received.
        len: usize,
    },
    /// The checksum does not match the frame.
    #[error("CRC error: frame says {actual:04X}, bytes give {expected:04X}")]
    Crc {
        /// CRC computed over the frame.
        expected: u16,
        /// CRC carried by the frame.
        actual: u16,
    },
    /// A function code this codec does not know.
    #[error("unsupported function code {0:02X}")]
    UnsupportedFunction(u8),
    /// The length does not fit the function or the byte count.
    #[error("frame length {actual} bytes, expected {expected}")]
    Length {
        /// Length the header implies.
        expected: usize,
        /// Length received.
        actual: usize,
    },
    /// A value outside what the function allows.
    #[error("invalid frame: {0}")]
    Invalid(String),
    /// A response that does not answer the request it is paired with.
    #[error("response does not match request: {0}")]
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
    /// 05: the raw coil value (FF00 on in the field; see PROTOCOL-NOTES for the variants).
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

impl Request {
    /// The function code.
    pub fn function(&self) -> u8 {
        match &self.pdu {
            RequestPdu::Read { table, .. } => table.read_function(),
            RequestPdu::WriteSingleCoil { .. } => 0x05,
            RequestPdu::WriteSingleRegister { .. } => 0x06,
            RequestPdu::WriteMultipleCoils { .. } => 0x0F,
            RequestPdu::WriteMultipleRegisters { .. } => 0x10,
        }
    }

    /// Encodes the frame with its CRC.
    pub fn encode(&self) -> Vec<u8> {
        let mut b = vec![self.slave, self.function()];
        match &self.pdu {
            RequestPdu::Read { addr, qty, .. } => {
                b.extend_from_slice(&addr.to_be_bytes());
                b.extend_from_slice(&qty.to_be_bytes());
            }
            RequestPdu::WriteSingleCoil { addr, value }
            | RequestPdu::WriteSingleRegister { addr, value } => {
                b.extend_from_slice(&addr.to_be_bytes());
                b.extend_from_slice(&value.to_be_bytes());
            }
            RequestPdu::WriteMultipleCoils { addr, bits } => {
                let packed = pack_bits(bits);
                b.extend_from_slice(&addr.to_be_bytes());
                b.extend_from_slice(&(bits.len() as u16).to_be_bytes());
                b.push(packed.len() as u8);
                b.extend_from_slice(&packed);
            }
            RequestPdu::WriteMultipleRegisters { addr, values } => {
                b.extend_from_slice(&addr.to_be_bytes());
                b.extend_from_slice(&(values.len() as u16).to_be_bytes());
                b.push((values.len() * 2) as u8);
                for v in values {
                    b.extend_from_slice(&v.to_be_bytes());
                }
            }
        }
        with_crc(b)
    }

    /// Encodes as upper-case hex.
    pub fn to_hex(&self) -> String {
        hex::encode(&self.encode())
    }

    /// Decodes a request frame from hex text.
    pub fn from_hex(text: &str) -> Result<Request, RtuError> {
        Self::decode(&hex::decode(text)?)
    }

    /// Decodes a request frame (CRC included).
    pub fn decode(frame: &[u8]) -> Result<Request, RtuError> {
        let body = check_crc(frame)?;
        if body.len() < 2 {
            return Err(RtuError::TooShort { len: frame.len() });
        }
        let (slave, fc) = (body[0], body[1]);
        let pdu = match fc {
            0x01..=0x06 => {
                expect_len(body, 6)?;
                let (addr, v) = (be16(body, 2), be16(body, 4));
                match Table::from_read_function(fc) {
                    Some(table) => RequestPdu::Read {
                        table,
                        addr,
                        qty: v,
                    },
                    None if fc == 0x05 => RequestPdu::WriteSingleCoil { addr, value: v },
                    None => RequestPdu::WriteSingleRegister { addr, value: v },
                }
            }
            0x0F | 0x10 => {
                if body.len() < 7 {
                    return Err(RtuError::TooShort { len: frame.len() });
                }
                let (addr, qty, n) = (be16(body, 2), be16(body, 4), body[6] as usize);
                expect_len(body, 7 + n)?;
                let data = &body[7..];
                if fc == 0x0F {
                    if n != (qty as usize).div_ceil(8) {
                        return Err(RtuError::Invalid(format!(
                            "byte count {n} does not fit {qty} coils"
                        )));
                    }
                    RequestPdu::WriteMultipleCoils {
                        addr,
                        bits: unpack_bits(data, qty as usize),
                    }
                } else {
                    if n != qty as usize * 2 {
                        return Err(RtuError::Invalid(format!(
                            "byte count {n} does not fit {qty} registers"
                        )));
                    }
                    RequestPdu::WriteMultipleRegisters {
                        addr,
                        values: (0..qty as usize).map(|i| be16(data, i * 2)).collect(),
                    }
                }
            }
            other => return Err(RtuError::UnsupportedFunction(other)),
        };
        Ok(Request { slave, pdu })
    }

    /// The response a device gives when it carries out this write (echo), or `None` for reads.
    pub fn write_echo(&self) -> Option<Response> {
        let function = self.function();
        let pdu = match &self.pdu {
            RequestPdu::Read { .. } => return None,
            RequestPdu::WriteSingleCoil { addr, value }
            | RequestPdu::WriteSingleRegister { addr, value } => ResponsePdu::WriteSingle {
                function,
                addr: *addr,
                value: *value,
            },
            RequestPdu::WriteMultipleCoils { addr, bits } => ResponsePdu::WriteMultiple {
                function,
                addr: *addr,
                qty: bits.len() as u16,
            },
            RequestPdu::WriteMultipleRegisters { addr, values } => ResponsePdu::WriteMultiple {
                function,
                addr: *addr,
                qty: values.len() as u16,
            },
        };
        Some(Response {
            slave: self.slave,
            pdu,
        })
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "slave {} ", self.slave)?;
        match &self.pdu {
            RequestPdu::Read { table, addr, qty } => {
                write!(f, "read {qty} {} from {addr}", table.name())
            }
            RequestPdu::WriteSingleCoil { addr, value } => {
                write!(f, "write coil {addr} = {value:04X}")
            }
            RequestPdu::WriteSingleRegister { addr, value } => {
                write!(f, "write register {addr} = {value}")
            }
            RequestPdu::WriteMultipleCoils { addr, bits } => {
                let s: String = bits.iter().map(|&b| if b { '1' } else { '0' }).collect();
                write!(f, "write {} coils from {addr} = {s}", bits.len())
            }
            RequestPdu::WriteMultipleRegisters { addr, values } => {
                write!(
                    f,
                    "write {} registers from {addr} = {values:?}",
                    values.len()
                )
            }
        }
    }
}

impl Response {
    /// Encodes the frame with its CRC.
    pub fn encode(&self) -> Vec<u8> {
        let mut b = vec![self.slave];
        match &self.pdu {
            ResponsePdu::Read { function, data } => {
                b.push(*function);
                b.push(data.len() as u8);
                b.extend_from_slice(data);
            }
            ResponsePdu::WriteSingle {
                function,
                addr,
                value: v,
            }
            | ResponsePdu::WriteMultiple {
                function,
                addr,
                qty: v,
            } => {
                b.push(*function);
                b.extend_from_slice(&addr.to_be_bytes());
                b.extend_from_slice(&v.to_be_bytes());
            }
            ResponsePdu::Exception { function, code } => {
                b.push(function | 0x80);
                b.push(code.code());
            }
        }
        with_crc(b)
    }

    /// Encodes as upper-case hex.
    pub fn to_hex(&self) -> String {
        hex::encode(&self.encode())
    }

    /// A read response carrying `values` of `table`.
    pub fn read(slave: u8, table: Table, values: &BlockValues) -> Response {
        let data = match values {
            BlockValues::Bits(bits) => pack_bits(bits),
            BlockValues::Registers(regs) => regs.iter().flat_map(|v| v.to_be_bytes()).collect(),
        };
        Response {
            slave,
            pdu: ResponsePdu::Read {
                function: table.read_function(),
                data,
            },
        }
    }

    /// An exception response.
    pub fn exception(slave: u8, function: u8, code: ExceptionCode) -> Response {
        Response {
            slave,
            pdu: ResponsePdu::Exception { function, code },
        }
    }

    /// Decodes a response frame from hex text.
    pub fn from_hex(text: &str) -> Result<Response, RtuError> {
        Self::decode(&hex::decode(text)?)
    }

    /// Decodes a response frame (CRC included).
    pub fn decode(frame: &[u8]) -> Result<Response, RtuError> {
        let body = check_crc(frame)?;
        if body.len() < 3 {
            return Err(RtuError::TooShort { len: frame.len() });
        }
        let (slave, fc) = (body[0], body[1]);
        let pdu = match fc {
            0x01..=0x04 => {
                expect_len(body, 3 + body[2] as usize)?;
                ResponsePdu::Read {
                    function: fc,
                    data: body[3..].to_vec(),
                }
            }
            0x05 | 0x06 | 0x0F | 0x10 => {
                expect_len(body, 6)?;
                let (addr, v) = (be16(body, 2), be16(body, 4));
                if fc <= 0x06 {
                    ResponsePdu::WriteSingle {
                        function: fc,
                        addr,
                        value: v,
                    }
                } else {
                    ResponsePdu::WriteMultiple {
                        function: fc,
                        addr,
                        qty: v,
                    }
                }
            }
            fc if fc & 0x80 != 0 => {
                expect_len(body, 3)?;
                ResponsePdu::Exception {
                    function: fc & 0x7F,
                    code: ExceptionCode::from_code(body[2]),
                }
            }
            other => return Err(RtuError::UnsupportedFunction(other)),
        };
        Ok(Response { slave, pdu })
    }

    /// Decodes a read response against the request that asked for it.
    pub fn block_for(&self, req: &Request) -> Result<Block, RtuError> {
        let RequestPdu::Read { table, addr, qty } = req.pdu else {
            return Err(RtuError::Mismatch(format!("request is not a read: {req}")));
        };
        if self.slave != req.slave {
            return Err(RtuError::Mismatch(format!(
                "slave {} answered a request to slave {}",
                self.slave, req.slave
            )));
        }
        match &self.pdu {
            ResponsePdu::Read { function, data } if *function == table.read_function() => {
                let qty = qty as usize;
                let values = if table.is_bits() {
                    if data.len() != qty.div_ceil(8) {
                        return Err(RtuError::Mismatch(format!(
                            "{} data bytes for {qty} bits",
                            data.len()
                        )));
                    }
                    BlockValues::Bits(unpack_bits(data, qty))
                } else {
                    if data.len() != qty * 2 {
                        return Err(RtuError::Mismatch(format!(
                            "{} data bytes for {qty} registers",
                            data.len()
                        )));
                    }
                    BlockValues::Registers((0..qty).map(|i| be16(data, i * 2)).collect())
                };
                Ok(Block {
                    slave: self.slave,
                    table,
                    addr,
                    values,
                })
            }
            ResponsePdu::Exception { code, .. } => {
                Err(RtuError::Mismatch(format!("exception {code} to {req}")))
            }
            _ => Err(RtuError::Mismatch(format!("function differs from {req}"))),
        }
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "slave {} ", self.slave)?;
        match &self.pdu {
            ResponsePdu::Read { function, data } => {
                write!(f, "fn {function:02X} {} data bytes", data.len())
            }
            ResponsePdu::WriteSingle {
                function,
                addr,
                value,
            } => write!(f, "fn {function:02X} wrote {addr} = {value:04X}"),
            ResponsePdu::WriteMultiple {
                function,
                addr,
                qty,
            } => write!(f, "fn {function:02X} wrote {qty} from {addr}"),
            ResponsePdu::Exception { function, code } => {
                write!(f, "fn {function:02X} exception {code}")
            }
        }
    }
}

#[cfg(test)]
#[path = "rtu_tests.rs"]
mod tests;
