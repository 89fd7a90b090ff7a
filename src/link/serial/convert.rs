//! Between our Modbus types and tokio-modbus's.

use crate::proto::rtu::{Block, BlockValues, ExceptionCode, Request, RequestPdu};

/// The tokio-modbus request for one of ours.
pub(super) fn to_modbus(req: &Request) -> tokio_modbus::Request<'static> {
    use tokio_modbus::Request as R;
    match &req.pdu {
        RequestPdu::Read { table, addr, qty } => match table {
            crate::proto::Table::Coils => R::ReadCoils(*addr, *qty),
            crate::proto::Table::DiscreteInputs => R::ReadDiscreteInputs(*addr, *qty),
            crate::proto::Table::Holding => R::ReadHoldingRegisters(*addr, *qty),
            crate::proto::Table::Input => R::ReadInputRegisters(*addr, *qty),
        },
        RequestPdu::WriteSingleCoil {
            addr,
            value: 0xFF00,
        } => R::WriteSingleCoil(*addr, true),
        RequestPdu::WriteSingleCoil { addr, value: 0 } => R::WriteSingleCoil(*addr, false),
        // Other "on" spellings (00FF, FFFF) go out as written.
        RequestPdu::WriteSingleCoil { addr, value } => {
            let mut data = addr.to_be_bytes().to_vec();
            data.extend_from_slice(&value.to_be_bytes());
            R::Custom(0x05, data.into())
        }
        RequestPdu::WriteSingleRegister { addr, value } => R::WriteSingleRegister(*addr, *value),
        RequestPdu::WriteMultipleCoils { addr, bits } => {
            R::WriteMultipleCoils(*addr, bits.clone().into())
        }
        RequestPdu::WriteMultipleRegisters { addr, values } => {
            R::WriteMultipleRegisters(*addr, values.clone().into())
        }
    }
}

/// The values a read reply carries, as a block of ours.
pub(super) fn to_block(req: &Request, resp: tokio_modbus::Response) -> Option<Block> {
    let RequestPdu::Read { table, addr, qty } = req.pdu else {
        return None;
    };
    let values = match resp {
        tokio_modbus::Response::ReadCoils(mut b)
        | tokio_modbus::Response::ReadDiscreteInputs(mut b) => {
            b.truncate(qty as usize);
            BlockValues::Bits(b)
        }
        tokio_modbus::Response::ReadHoldingRegisters(r)
        | tokio_modbus::Response::ReadInputRegisters(r) => BlockValues::Registers(r),
        _ => return None,
    };
    Some(Block {
        slave: req.slave,
        table,
        addr,
        values,
    })
}

/// Our name for a Modbus exception code.
pub(super) fn exception(code: tokio_modbus::ExceptionCode) -> ExceptionCode {
    ExceptionCode::from_code(u8::from(code))
}
