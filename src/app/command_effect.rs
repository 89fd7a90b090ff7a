//! What a remote command will do, from the map and the readings: whether the controller's
//! mode lets it act, which way a toggling breaker command goes and which reading confirms
//! it, and the other breaker it may be interlocked with.

use super::target::Target;
use crate::proto::Table;
use crate::proto::map::{CommandSpec, Confirm};

/// The bit a toggling command flips, as read now.
#[derive(Debug, Clone, PartialEq)]
pub struct Toggle {
    /// What it is called: the breaker ("Mains breaker", in the window's language) when the
    /// command works one, else the bit's name from the map.
    pub name: String,
    /// Whether it is on (a breaker closed) now; `None` when not read yet.
    pub on: Option<bool>,
    /// Whether it is a breaker (said "open"/"closed" rather than "off"/"on").
    breaker: bool,
    table: Table,
    addr: u16,
    bit: Option<u8>,
}

impl Toggle {
    /// The reading that shows the command took effect: the bit flipped from what it is now.
    pub fn confirm(&self) -> Option<Confirm> {
        let on = self.on?;
        let (value, not) = match (on, self.bit) {
            (true, _) => (Some(0), None),
            (false, Some(_)) => (Some(1), None),
            (false, None) if self.table == Table::Coils => (Some(1), None),
            (false, None) => (None, Some(0)),
        };
        Some(Confirm {
            table: self.table,
            addr: self.addr,
            value,
            not,
            bit: self.bit,
        })
    }

    /// Its state in words: "open"/"closed" for a breaker, "off"/"on" for another bit.
    pub fn state_word(&self, on: bool) -> String {
        match (self.breaker, on) {
            (true, true) => t!("closed"),
            (true, false) => t!("open"),
            (false, true) => t!("on"),
            (false, false) => t!("off"),
        }
    }

    /// What the log says when the readings do not show the flip: "Mains breaker still open".
    pub fn unmet(&self) -> Option<String> {
        let name = self.name.as_str();
        self.on.map(|on| match (self.breaker, on) {
            (true, true) => t!("{ $name } still closed", name = name),
            (true, false) => t!("{ $name } still open", name = name),
            (false, true) => t!("{ $name } still on", name = name),
            (false, false) => t!("{ $name } still off", name = name),
        })
    }
}

/// The breaker a command works, by its action, in the window's language.
fn breaker_of(action: &str) -> Option<String> {
    match action {
        "mains_breaker" => Some(t!("Mains breaker")),
        "gen_breaker" => Some(t!("Generator breaker")),
        _ => None,
    }
}

/// The bit `cmd` toggles, if the map names one.
pub fn toggle_of(t: &Target, cmd: &CommandSpec) -> Option<Toggle> {
    let (table, addr) = cmd.toggles?;
    let bit_name = match cmd.toggles_bit {
        Some(b) => t.map.bits.get(&(addr, b)).map(|s| s.name.clone()),
        None if table == Table::Coils => t.map.coils.get(&addr).map(|c| c.name.to_string()),
        None => t.map.registers.get(&addr).map(|r| r.name.to_string()),
    };
    let breaker_name = breaker_of(&cmd.action);
    // A bit the map names "... breaker" is a breaker too.
    let breaker =
        breaker_name.is_some() || bit_name.as_deref().is_some_and(|n| n.ends_with("breaker"));
    let name = breaker_name
        .or(bit_name)
        .unwrap_or_else(|| format!("{} {addr}", table.name()));
    let on = t
        .image
        .get(t.slave(), table, addr)
        .map(|raw| match cmd.toggles_bit {
            Some(b) => raw >> b & 1 != 0,
            None => raw != 0,
        });
    Some(Toggle {
        name,
        on,
        breaker,
        table,
        addr,
        bit: cmd.toggles_bit,
    })
}

/// Whether the controller's mode lets `cmd` act: `Some(true)` when it does (or the command
/// acts in any mode), `Some(false)` when it does not, `None` when the mode is not read yet.
pub fn acts_in_mode(t: &Target, cmd: &CommandSpec) -> Option<bool> {
    let Some(modes) = &cmd.modes else {
        return Some(true);
    };
    let now = t.map.mode(&t.image, t.slave())?;
    Some(modes.iter().any(|m| m.eq_ignore_ascii_case(now)))
}

/// When closing this breaker would close it with the other one already closed: what the
/// engineer must know before sending.
pub fn interlock_note(t: &Target, cmd: &CommandSpec) -> Option<String> {
    let own = toggle_of(t, cmd)?;
    let other_action = match cmd.action.as_str() {
        "mains_breaker" => "gen_breaker",
        "gen_breaker" => "mains_breaker",
        _ => return None,
    };
    if own.on != Some(false) {
        return None;
    }
    let other = t
        .map
        .commands_for(&t.moduletype)
        .into_iter()
        .find(|c| c.action == other_action)
        .and_then(|c| toggle_of(t, c))?;
    (other.on == Some(true)).then(|| {
        t!(
            "INTERLOCK: the { $other } is closed. Closing the { $own } as well would connect \
             the mains and the generator together: the controller's interlock should refuse \
             it, and the readings will then show the { $own } still open.",
            other = other.name.to_lowercase(),
            own = own.name.to_lowercase()
        )
    })
}
