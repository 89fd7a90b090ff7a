//! The poll plan: the read requests a modem polls (`para_command`) and how its `reqdata`
//! upload pairs with them.

use super::hex;
use super::rtu::{Block, BlockValues, Request, RequestPdu, Response, RtuError};

/// The HGM6120N plan the vendor cloud sends (coils 0-77, registers 0-44, registers 46-55).
pub const HGM6120N_FIELD_PLAN: &str = "01010000004EBC3E;01030000002D85D7;0103002E000AA5C4";

/// Reads covering `addrs` (sorted, without repeats): addresses at most `gap` apart in one
/// read of at most `most` items, as (first address, how many).
pub fn read_runs(addrs: &[u16], gap: u16, most: u32) -> Vec<(u16, u32)> {
    let mut out: Vec<(u16, u32)> = Vec::new();
    for &a in addrs {
        match out.last_mut() {
            Some((first, qty))
                if u32::from(a) <= u32::from(*first) + *qty - 1 + u32::from(gap)
                    && u32::from(a) - u32::from(*first) < most =>
            {
                *qty = (u32::from(a) - u32::from(*first) + 1).max(*qty);
            }
            _ => out.push((a, 1)),
        }
    }
    out
}

/// An ordered list of read requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollPlan {
    /// The reads, in the order the modem answers them.
    pub requests: Vec<Request>,
}

/// One `reqdata` frame that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameError {
    /// Position in the upload (0-based).
    pub index: usize,
    /// The frame as received.
    pub hex: String,
    /// What was wrong.
    pub error: RtuError,
}

impl Default for PollPlan {
    fn default() -> Self {
        // The constant is checked by a test.
        Self::parse(HGM6120N_FIELD_PLAN).unwrap_or(PollPlan { requests: vec![] })
    }
}

impl PollPlan {
    /// Reads a `;`-separated list of hex read requests.
    pub fn parse(text: &str) -> Result<PollPlan, String> {
        let mut requests = Vec::new();
        for (i, part) in text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .enumerate()
        {
            let req =
                Request::from_hex(part).map_err(|e| format!("request {} ({part}): {e}", i + 1))?;
            if !matches!(req.pdu, RequestPdu::Read { .. }) {
                return Err(format!("request {} ({part}) is not a read", i + 1));
            }
            requests.push(req);
        }
        Ok(PollPlan { requests })
    }

    /// The `para_command` text.
    pub fn to_command_string(&self) -> String {
        self.requests
            .iter()
            .map(Request::to_hex)
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The slave most of the plan reads (1 if empty); `reqdatachange` deltas carry none.
    pub fn slave(&self) -> u8 {
        self.requests.first().map_or(1, |r| r.slave)
    }

    /// Drops padding bits of a `reqdatachange` bit block past the end of the plan's read that
    /// covers its start (78 coils travel as 10 bytes; coils 78 and 79 are not the controller's).
    pub fn trim_padding(&self, block: &mut Block) {
        let BlockValues::Bits(bits) = &mut block.values else {
            return;
        };
        let start = u32::from(block.addr);
        let end = self
            .requests
            .iter()
            .filter_map(|r| match r.pdu {
                RequestPdu::Read { table, addr, qty }
                    if table == block.table && r.slave == block.slave =>
                {
                    let (a, e) = (u32::from(addr), u32::from(addr) + u32::from(qty));
                    (a <= start && start < e).then_some(e)
                }
                _ => None,
            })
            .max();
        if let Some(end) = end {
            bits.truncate((end - start) as usize);
        }
    }

    /// Decodes a `reqdata` upload: frame `i` answers request `i`. Bad frames are reported with
    /// their bytes; the good ones still give blocks.
    pub fn decode_reqdata(&self, frames: &[String]) -> (Vec<Block>, Vec<FrameError>) {
        let mut blocks = Vec::new();
        let mut errors = Vec::new();
        for (index, text) in frames.iter().enumerate() {
            let fail = |error| FrameError {
                index,
                hex: text.clone(),
                error,
            };
            if text.is_empty() {
                if index < self.requests.len() {
                    errors.push(fail(RtuError::Mismatch(format!(
                        "frame {} is empty: request {} was not answered (its values are not updated)",
                        index + 1,
                        index + 1
                    ))));
                }
                continue;
            }
            let Some(req) = self.requests.get(index) else {
                errors.push(fail(RtuError::Mismatch(format!(
                    "frame {} has no request in the poll plan ({} requests)",
                    index + 1,
                    self.requests.len()
                ))));
                continue;
            };
            match hex::decode(text)
                .map_err(RtuError::from)
                .and_then(|b| Response::decode(&b))
                .and_then(|r| r.block_for(req))
            {
                Ok(b) => blocks.push(b),
                Err(e) => errors.push(fail(e)),
            }
        }
        (blocks, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::super::rtu::Table;
    use super::*;

    #[test]
    fn addresses_close_together_are_read_at_once_within_the_bound() {
        assert_eq!(read_runs(&[0, 1, 3, 10, 11], 2, 125), [(0, 4), (10, 2)]);
        assert_eq!(read_runs(&[0, 1, 3, 10, 11], 8, 125), [(0, 12)]);
        assert_eq!(read_runs(&[0, 1, 2, 3], 2, 3), [(0, 3), (3, 1)]);
        assert!(read_runs(&[], 2, 3).is_empty());
    }

    #[test]
    fn field_plan_reads_coils_and_two_register_ranges() {
        let p = PollPlan::default();
        assert_eq!(p.requests.len(), 3);
        assert_eq!(p.to_command_string(), HGM6120N_FIELD_PLAN);
        assert_eq!(p.slave(), 1);
    }

    #[test]
    fn reqdata_pairs_frames_with_requests_and_reports_bad_ones() {
        let p = PollPlan::default();
        let coils = Response::read(1, Table::Coils, &BlockValues::Bits(vec![true; 78])).to_hex();
        let regs = Response::read(
            1,
            Table::Holding,
            &BlockValues::Registers((0..45).collect()),
        );
        let mut bad = regs.encode();
        let last = bad.len() - 1;
        bad[last] ^= 0xFF;
        let tail = Response::read(1, Table::Holding, &BlockValues::Registers(vec![7; 10])).to_hex();
        let frames = vec![coils, hex::encode(&bad), tail, "0103".into()];
        let (blocks, errors) = p.decode_reqdata(&frames);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].addr, 46);
        assert_eq!(errors.len(), 2);
        assert!(matches!(errors[0].error, RtuError::Crc { .. }));
        assert_eq!(errors[0].index, 1);
        assert!(matches!(errors[1].error, RtuError::Mismatch(_)));
    }

    #[test]
    fn an_empty_frame_keeps_its_slot() {
        let p = PollPlan::default();
        let coils = Response::read(1, Table::Coils, &BlockValues::Bits(vec![true; 78])).to_hex();
        let tail = Response::read(1, Table::Holding, &BlockValues::Registers(vec![7; 10])).to_hex();
        let text = format!(r#"{{"method":"reqdata","hostid":"H","params":"{coils};;{tail};"}}"#);
        let Ok(crate::proto::Uplink::ReqData { frames, .. }) =
            crate::proto::Uplink::parse(text.as_bytes())
        else {
            panic!("reqdata")
        };
        assert_eq!(frames.len(), 3, "{frames:?}");
        let (blocks, errors) = p.decode_reqdata(&frames);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[1].addr, 46,
            "the third frame answers the third request"
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].index, 1);
        assert!(
            errors[0].error.to_string().contains("not answered"),
            "{}",
            errors[0].error
        );
    }

    #[test]
    fn padding_bits_past_the_plan_are_dropped() {
        let p = PollPlan::default();
        let mut b = Block {
            slave: 1,
            table: Table::Coils,
            addr: 72,
            values: BlockValues::Bits(vec![true; 8]),
        };
        p.trim_padding(&mut b);
        assert_eq!(b.values, BlockValues::Bits(vec![true; 6]));
        let mut other = Block {
            slave: 1,
            table: Table::Coils,
            addr: 200,
            values: BlockValues::Bits(vec![true; 8]),
        };
        p.trim_padding(&mut other);
        assert_eq!(
            other.values,
            BlockValues::Bits(vec![true; 8]),
            "outside the plan: kept"
        );
    }

    #[test]
    fn plan_text_must_be_reads() {
        assert!(PollPlan::parse("01050003FF007C3A").is_err());
        assert!(PollPlan::parse("0103000000").is_err());
        assert_eq!(PollPlan::parse(" ; ").unwrap().requests.len(), 0);
    }
}
