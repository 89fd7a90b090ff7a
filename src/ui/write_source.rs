//! Where the numbers of a write were typed. The confirmation dialog follows those fields while
//! it is open: keys typed before the click that opened it can arrive after it (see
//! [`super::typing`]), and what the dialog shows and Send sends is then the whole value.

use super::editor_ui::{EditorState, Pending};
use crate::app::Target;
use crate::app::entry;
use crate::app::write_plan::{coil_write, register_write, registers_write};

/// The fields a write was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The Register row: address and value.
    Register,
    /// The Registers row: first address and values.
    Registers,
    /// The Coil row, switched on or off.
    Coil(bool),
    /// A configuration register's value, by address.
    Config(u16),
}

impl Source {
    /// What the fields hold now.
    pub fn typed(self, ed: &EditorState) -> String {
        match self {
            Source::Register => format!("{}\n{}", ed.addr, ed.value),
            Source::Registers => format!("{}\n{}", ed.multi_addr, ed.multi_values),
            Source::Coil(_) => ed.coil.clone(),
            Source::Config(addr) => ed.config.get(&addr).cloned().unwrap_or_default(),
        }
    }

    /// The write the fields ask for, or why there is none.
    pub fn plan(self, t: &Target, ed: &EditorState) -> Result<Pending, String> {
        let plan = match self {
            Source::Register => entry::address(&t!("Register"), &ed.addr).and_then(|a| {
                let v = entry::number(&t!("Value"), &ed.value)?;
                register_write(t, a, v)
            }),
            Source::Registers => entry::address(&t!("Registers"), &ed.multi_addr).and_then(|a| {
                let v = entry::numbers(&t!("Values"), &ed.multi_values)?;
                registers_write(t, a, &v)
            }),
            Source::Coil(on) => entry::address(&t!("Coil"), &ed.coil)
                .and_then(|a| coil_write(t, a, on, ed.override_block)),
            Source::Config(addr) => {
                let name = t.map.registers.get(&addr).map_or_else(
                    || t!("register { $addr }", addr = addr),
                    |r| r.name.to_string(),
                );
                entry::number(&name, &Source::Config(addr).typed(ed))
                    .and_then(|v| register_write(t, addr, v))
            }
        };
        plan.map(Pending::Write)
    }
}

impl EditorState {
    /// Prepares the write typed in `source`'s fields for confirmation.
    pub(super) fn prepare_typed(&mut self, t: &Target, source: Source) {
        let plan = source.plan(t, self);
        let ok = plan.is_ok();
        self.prepare(&t.hostid, plan);
        if ok {
            self.from = Some((source, source.typed(self)));
        }
    }

    /// While the dialog is open: a write built from fields that changed since (keys that
    /// arrived after the click) is built again from what they hold now; `frame` is the
    /// window's frame number, kept to tell when it changed.
    pub(super) fn follow_fields(&mut self, t: &Target, frame: u64) {
        let Some((source, typed)) = &self.from else {
            return;
        };
        let source = *source;
        if self.pending.is_none() {
            self.from = None;
            return;
        }
        let now = source.typed(self);
        if now == *typed {
            return;
        }
        match source.plan(t, self) {
            Ok(p) => {
                self.pending = Some((t.hostid.clone(), p));
                self.from = Some((source, now));
                self.revised = Some(frame);
            }
            Err(e) => {
                self.pending = None;
                self.from = None;
                self.error = Some(t!("Not sent: { $reason }", reason = e));
            }
        }
    }
}
