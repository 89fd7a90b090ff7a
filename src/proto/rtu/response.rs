//! Response frames: decoding against the request, encoding (for the simulated controller).

use std::fmt;

use super::*;

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
