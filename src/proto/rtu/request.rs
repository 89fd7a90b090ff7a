//! Request frames: decoding, encoding, what they read or write.

use std::fmt;

use super::*;

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
        // In the thread's language: the console's is English (its JSON lines' `decoded`).
        let text = match &self.pdu {
            RequestPdu::Read { table, addr, qty } => t!(
                "slave { $slave } read { $qty } { $table } from { $addr }",
                slave = self.slave.to_string(),
                qty = qty.to_string(),
                table = table.name(),
                addr = addr.to_string()
            ),
            RequestPdu::WriteSingleCoil { addr, value } => t!(
                "slave { $slave } write coil { $addr } = { $value }",
                slave = self.slave.to_string(),
                addr = addr.to_string(),
                value = format!("{value:04X}")
            ),
            RequestPdu::WriteSingleRegister { addr, value } => t!(
                "slave { $slave } write register { $addr } = { $value }",
                slave = self.slave.to_string(),
                addr = addr.to_string(),
                value = value.to_string()
            ),
            RequestPdu::WriteMultipleCoils { addr, bits } => t!(
                "slave { $slave } write { $n } coils from { $addr } = { $bits }",
                slave = self.slave.to_string(),
                n = bits.len().to_string(),
                addr = addr.to_string(),
                bits = bits
                    .iter()
                    .map(|&b| if b { '1' } else { '0' })
                    .collect::<String>()
            ),
            RequestPdu::WriteMultipleRegisters { addr, values } => t!(
                "slave { $slave } write { $n } registers from { $addr } = { $values }",
                slave = self.slave.to_string(),
                n = values.len().to_string(),
                addr = addr.to_string(),
                values = format!("{values:?}")
            ),
        };
        f.write_str(&text)
    }
}
