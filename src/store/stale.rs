//! Which values of a target were stale at a moment of a recording, as the live view marked
//! them: a block the modem could not read (a `stale` event) until a value of it came again or
//! a full upload refreshed it; and, after change uploads were lost (a `packet_gap` event), every
//! value not refreshed since, until the next full upload.

use rusqlite::{OptionalExtension, params};

use super::reader::Recording;
use super::{StoreError, table_code};
use crate::proto::Table;

/// The stale marks of a target at a moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaleAt {
    /// Each address not refreshed since its block went unanswered: (why, since when).
    pub stale: Vec<((Table, u16), (String, i64))>,
    /// When change uploads were lost, if no full upload came since.
    pub gap_since: Option<i64>,
    /// The addresses whose value came again since those were lost.
    pub fresh_since_gap: Vec<(Table, u16)>,
}

/// A `stale` event's text (see `app::status::log_line`): `HOSTID: holding 10-12 not
/// refreshed, shown as stale: REASON`, as (table, first, last, reason).
fn parse(text: &str) -> Option<(Table, u16, u16, String)> {
    let (_, rest) = text.split_once(": ")?;
    let (block, reason) = rest.split_once(" not refreshed, shown as stale: ")?;
    let (table, range) = block.split_once(' ')?;
    let table = [
        Table::Coils,
        Table::DiscreteInputs,
        Table::Holding,
        Table::Input,
    ]
    .into_iter()
    .find(|t| t.name() == table)?;
    let (a, b) = range.split_once('-')?;
    Some((table, a.parse().ok()?, b.parse().ok()?, reason.to_string()))
}

/// The `stale` and `packet_gap` events of each target up to a moment, in time order:
/// (time, text) each.
pub type StaleEvents = std::collections::HashMap<i64, (Vec<(i64, String)>, Vec<(i64, String)>)>;

impl Recording {
    /// The `stale` and `packet_gap` events of every target up to `at_ms`, in one pass.
    pub fn stale_events(&self, at_ms: i64) -> Result<StaleEvents, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT target, kind, t_ms, text FROM event WHERE t_ms <= ?1 \
                 AND kind IN ('stale', 'packet_gap') AND target IS NOT NULL ORDER BY t_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![at_ms], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = StaleEvents::new();
        for row in rows {
            let (target, kind, t, text) = row.map_err(|e| self.err(e))?;
            let (stale, gaps) = out.entry(target).or_default();
            if kind == "stale" { stale } else { gaps }.push((t, text));
        }
        Ok(out)
    }

    /// The stale marks of target `id` at `at_ms`.
    pub fn stale_at(&self, id: i64, at_ms: i64) -> Result<StaleAt, StoreError> {
        let events = self.stale_events(at_ms)?;
        self.stale_at_given(id, at_ms, &events)
    }

    /// [`Recording::stale_at`] given the events of [`Recording::stale_events`] at `at_ms`.
    pub fn stale_at_given(
        &self,
        id: i64,
        at_ms: i64,
        events: &StaleEvents,
    ) -> Result<StaleAt, StoreError> {
        let none = (Vec::new(), Vec::new());
        let (stale, gaps) = events.get(&id).unwrap_or(&none);
        let mut out = StaleAt::default();
        if stale.is_empty() && gaps.is_empty() {
            return Ok(out);
        }
        // The first full upload after a time (up to the moment) refreshes every block it
        // answers; a block it could not read gets a stale event of its own at its time.
        let full_after = |t: i64| -> Result<Option<i64>, StoreError> {
            self.conn
                .query_row(
                    "SELECT t_ms FROM message WHERE target = ?1 AND dir = 0 AND t_ms > ?2 \
                     AND t_ms <= ?3 AND text LIKE '%\"reqdata\"%' ORDER BY t_ms LIMIT 1",
                    params![id, t, at_ms],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.err(e))
        };
        let came_after = |table: Table, addr: u16, t: i64| -> Result<bool, StoreError> {
            self.conn
                .query_row(
                    "SELECT 1 FROM sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
                     AND t_ms > ?4 AND t_ms <= ?5 LIMIT 1",
                    params![id, table_code(table), addr, t, at_ms],
                    |_| Ok(()),
                )
                .optional()
                .map(|r| r.is_some())
                .map_err(|e| self.err(e))
        };
        // The last stale event of each address counts.
        let mut marks: std::collections::BTreeMap<(Table, u16), (String, i64)> = Default::default();
        for (t, text) in stale {
            let Some((table, first, last, reason)) = parse(text) else {
                continue;
            };
            for addr in first..=last {
                marks.insert((table, addr), (reason.clone(), *t));
            }
        }
        let mut fulls: std::collections::HashMap<i64, Option<i64>> = Default::default();
        for ((table, addr), (why, since)) in marks {
            let full = match fulls.get(&since) {
                Some(f) => *f,
                None => {
                    let f = full_after(since)?;
                    fulls.insert(since, f);
                    f
                }
            };
            if full.is_none() && !came_after(table, addr, since)? {
                out.stale.push(((table, addr), (why, since)));
            }
        }
        if let Some((t, _)) = gaps.last()
            && full_after(*t)?.is_none()
        {
            out.gap_since = Some(*t);
            let mut fresh = self
                .conn
                .prepare_cached(
                    "SELECT DISTINCT tbl, addr FROM sample WHERE target = ?1 AND t_ms > ?2 \
                     AND t_ms <= ?3",
                )
                .map_err(|e| self.err(e))?;
            let rows = fresh
                .query_map(params![id, t, at_ms], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, u16>(1)?))
                })
                .map_err(|e| self.err(e))?;
            for r in rows {
                let (code, addr) = r.map_err(|e| self.err(e))?;
                if let Some(table) = super::table_of(code) {
                    out.fresh_since_gap.push((table, addr));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_events_text_reads_back() {
        assert_eq!(
            parse("3130: holding 10-12 not refreshed, shown as stale: CRC error: frame says 1D45"),
            Some((Table::Holding, 10, 12, "CRC error: frame says 1D45".into()))
        );
        assert_eq!(parse("3130: something else"), None);
    }
}
