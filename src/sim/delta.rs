//! What a modem uploads: polls the plan on the controller and turns the answers into a full
//! `reqdata` or a `reqdatachange` holding only what changed since the last upload.

use super::controller::SimController;
use crate::proto::PollPlan;
use crate::proto::rtu::{BlockValues, Response, pack_bits};
use crate::proto::uplink::{ChangeTable, DataChange, InputFlags, Uplink};

/// Upload state of one modem session.
#[derive(Debug)]
pub struct Uploader {
    plan: PollPlan,
    /// Last uploaded values per request of the plan.
    last: Vec<Option<BlockValues>>,
    flags: InputFlags,
    flags_sent: bool,
    packetnum: u64,
    always_full: bool,
}

impl Uploader {
    /// `always_full`: the server asked for `data_mode` 1.
    pub fn new(plan: PollPlan, flags: InputFlags, always_full: bool) -> Self {
        let n = plan.requests.len();
        Uploader {
            plan,
            last: vec![None; n],
            flags,
            flags_sent: false,
            packetnum: 0,
            always_full,
        }
    }

    fn poll(&self, c: &mut SimController, now: f64) -> Vec<Option<Response>> {
        self.plan
            .requests
            .iter()
            .map(|r| c.handle(r, now))
            .collect()
    }

    /// A full `reqdata` upload; it becomes the base for the next changes.
    pub fn full(&mut self, hostid: &str, c: &mut SimController, now: f64) -> Uplink {
        let answers = self.poll(c, now);
        let mut frames = Vec::new();
        for (i, a) in answers.iter().enumerate() {
            frames.push(a.as_ref().map(Response::to_hex).unwrap_or_default());
            self.last[i] = a
                .as_ref()
                .and_then(|r| r.block_for(&self.plan.requests[i]).ok())
                .map(|b| b.values);
        }
        Uplink::ReqData {
            hostid: hostid.into(),
            frames,
        }
    }

    /// The changes since the last upload (everything the first time), or `None` if nothing
    /// changed. In full mode, a full upload every time.
    pub fn changes(&mut self, hostid: &str, c: &mut SimController, now: f64) -> Option<Uplink> {
        if self.always_full {
            return Some(self.full(hostid, c, now));
        }
        let answers = self.poll(c, now);
        let mut tables: Vec<ChangeTable> = Vec::new();
        for (i, a) in answers.into_iter().enumerate() {
            let req = &self.plan.requests[i];
            let Some(block) = a.and_then(|r| r.block_for(req).ok()) else {
                continue;
            };
            let entries = diff(block.addr, self.last[i].as_ref(), &block.values);
            if !entries.is_empty() {
                let function = req.function();
                match tables.iter_mut().find(|t| t.function == function) {
                    Some(t) => t.entries.extend(entries),
                    None => tables.push(ChangeTable { function, entries }),
                }
            }
            self.last[i] = Some(block.values);
        }
        let send_flags = !self.flags_sent;
        if tables.is_empty() && !send_flags {
            return None;
        }
        self.flags_sent = true;
        self.packetnum += 1;
        Some(Uplink::ReqDataChange {
            hostid: hostid.into(),
            change: DataChange {
                packetnum: Some(self.packetnum),
                tables,
                flags: if send_flags {
                    self.flags
                } else {
                    InputFlags::default()
                },
            },
        })
    }
}

/// Entries for what changed: one per register (4 hex digits), and for bits one per data byte
/// holding a change (2 hex digits, keyed by the address of the byte's first bit).
fn diff(addr: u16, old: Option<&BlockValues>, new: &BlockValues) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    match (old, new) {
        (Some(BlockValues::Registers(o)), BlockValues::Registers(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                if a != b {
                    out.push((addr + i as u16, format!("{b:04X}")));
                }
            }
        }
        (_, BlockValues::Registers(n)) => {
            out.extend(
                n.iter()
                    .enumerate()
                    .map(|(i, v)| (addr + i as u16, format!("{v:04X}"))),
            );
        }
        (old, BlockValues::Bits(n)) => {
            let new_bytes = pack_bits(n);
            let old_bytes = match old {
                Some(BlockValues::Bits(o)) if o.len() == n.len() => Some(pack_bits(o)),
                _ => None,
            };
            for (k, b) in new_bytes.iter().enumerate() {
                if old_bytes.as_ref().is_none_or(|o| o[k] != *b) {
                    out.push((addr + 8 * k as u16, format!("{b:02X}")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::image::{RegisterImage, delta_blocks};

    /// Applying the uploads to an image reproduces the controller exactly.
    #[test]
    fn uploads_reproduce_the_controller_in_an_image() {
        let mut c = SimController::new(1, 3, 0);
        let plan = PollPlan::default();
        let mut up = Uploader::new(plan.clone(), InputFlags::default(), false);
        let mut img = RegisterImage::default();
        let apply = |img: &mut RegisterImage, msg: Uplink| match msg {
            Uplink::ReqDataChange { change, .. } => {
                let (mut blocks, errs) =
                    delta_blocks(1, &change, crate::proto::map::CoilDelta::RtuBytes);
                assert!(errs.is_empty(), "{errs:?}");
                blocks.iter_mut().for_each(|b| plan.trim_padding(b));
                blocks
                    .iter()
                    .map(|b| img.apply_block(b).len())
                    .sum::<usize>()
            }
            Uplink::ReqData { frames, .. } => {
                let (blocks, errs) = plan.decode_reqdata(&frames);
                assert!(errs.is_empty());
                blocks.iter().map(|b| img.apply_block(b).len()).sum()
            }
            other => panic!("unexpected {other:?}"),
        };
        let first = up.changes("H", &mut c, 0.0).unwrap();
        assert_eq!(apply(&mut img, first), 78 + 45 + 10);
        // Manual, start, and run the sequence: changes carry the new mode and status.
        let manual = crate::proto::Request::from_hex("01050004FF00CDFB").unwrap();
        c.handle(&manual, 1.0);
        let start = crate::proto::Request::from_hex("01050000FF008C3A").unwrap();
        c.handle(&start, 1.0);
        for t in 2..40 {
            c.tick(f64::from(t));
            if let Some(m) = up.changes("H", &mut c, f64::from(t)) {
                apply(&mut img, m);
            }
        }
        let coils = c.coils();
        let regs = c.registers();
        for a in 0..78u16 {
            assert_eq!(
                img.get(1, crate::proto::Table::Coils, a),
                Some(coils[a as usize] as u16),
                "coil {a}"
            );
        }
        for a in (0..45u16).chain(46..56) {
            assert_eq!(
                img.get(1, crate::proto::Table::Holding, a),
                Some(regs[a as usize]),
                "reg {a}"
            );
        }
        assert_eq!(
            img.get(1, crate::proto::Table::Holding, 34),
            Some(9),
            "running"
        );
        assert_eq!(
            img.get(1, crate::proto::Table::Coils, 42),
            Some(1),
            "manual"
        );
        let full = up.full("H", &mut c, 40.0);
        assert_eq!(
            apply(&mut img, full),
            0,
            "full upload agrees with the image"
        );
    }

    #[test]
    fn nothing_changed_means_nothing_sent() {
        let mut c = SimController::new(1, 3, 0);
        let mut up = Uploader::new(PollPlan::default(), InputFlags::default(), false);
        assert!(up.changes("H", &mut c, 0.0).is_some());
        assert!(up.changes("H", &mut c, 0.0).is_none());
    }
}
