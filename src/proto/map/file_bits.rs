//! Named bits inside holding registers (format version 2): status words and alarm bitfields,
//! as written in a map file, and their validation.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::file::{COIL_ROLES, Checker};
use super::{AlarmKind, BitSpec, MapError, RegisterSpec};

/// A `bit = [...]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBitEntry {
    addr: u16,
    bit: u8,
    name: super::file::Name,
    /// shutdown, trip, warning, block, summary, or status (the default).
    kind: Option<String>,
    mode: Option<String>,
    role: Option<String>,
    #[serde(default)]
    unverified: bool,
}

fn kind(text: &str) -> Option<Option<AlarmKind>> {
    Some(match text {
        "status" => None,
        "summary" => Some(AlarmKind::Summary),
        "warning" => Some(AlarmKind::Warning),
        "shutdown" => Some(AlarmKind::Shutdown),
        "trip" => Some(AlarmKind::Trip),
        "block" => Some(AlarmKind::Block),
        _ => return None,
    })
}

/// Validates the bits against the registers they sit in.
pub(super) fn bits(
    c: &Checker<'_>,
    raw: &[Spanned<RawBitEntry>],
    registers: &BTreeMap<u16, RegisterSpec>,
) -> Result<BTreeMap<(u16, u8), BitSpec>, MapError> {
    let mut out: BTreeMap<(u16, u8), BitSpec> = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (i, e) in raw.iter().enumerate() {
        let (span, e) = (e.span(), e.get_ref());
        let here = format!("bit[{i}] (addr {}, bit {})", e.addr, e.bit);
        c.v2(span.clone(), &format!("bit[{i}]"))?;
        if e.bit > 15 {
            return c.err(
                span,
                t!(
                    "{ $field }: must be { $min } to { $max }",
                    field = format!("{here}.bit"),
                    min = 0,
                    max = 15
                ),
            );
        }
        if e.name.trim().is_empty() {
            return c.err(
                span,
                t!("{ $field }: empty", field = format!("{here}.name")),
            );
        }
        match registers.get(&e.addr) {
            Some(r) if r.words == 1 && r.enum_name.is_none() => {}
            Some(_) => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: the register at { $addr } is a pair or an enumeration, not a word of bits",
                        field = format!("{here}.addr"),
                        addr = e.addr
                    ),
                );
            }
            None => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: no register entry at { $addr } (add one for the word, e.g. { $example })",
                        field = format!("{here}.addr"),
                        addr = e.addr,
                        example = "format = \"hex\""
                    ),
                );
            }
        }
        let alarm = match e.kind.as_deref().map(kind) {
            None => None,
            Some(Some(k)) => k,
            Some(None) => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: { $value } is not { $shutdown }, { $trip }, { $warning }, { $block }, { $summary } or { $status }",
                        field = format!("{here}.kind"),
                        value = format!("{:?}", e.kind.as_deref().unwrap_or_default()),
                        shutdown = "shutdown",
                        trip = "trip",
                        warning = "warning",
                        block = "block",
                        summary = "summary",
                        status = "status"
                    ),
                );
            }
        };
        c.role(span.clone(), &here, e.role.as_deref(), COIL_ROLES)?;
        if let Some(first) = lines.get(&(e.addr, e.bit)) {
            return c.err(
                span,
                t!(
                    "{ $field }: this bit is already defined at line { $line }",
                    field = here,
                    line = *first
                ),
            );
        }
        lines.insert((e.addr, e.bit), super::file::line_of(c.text, span.start));
        out.insert(
            (e.addr, e.bit),
            BitSpec {
                addr: e.addr,
                bit: e.bit,
                name: e.name.to_string(),
                alarm,
                mode: e.mode.clone(),
                role: e.role.clone(),
                unverified: e.unverified,
            },
        );
    }
    Ok(out)
}

impl RawBitEntry {
    /// Its name.
    pub(super) fn name(&self) -> &super::file::Name {
        &self.name
    }
}
