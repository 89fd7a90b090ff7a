//! Reads that find each series through the sample table's key instead of scanning it: a skip
//! over the series (one seek to the next), then a seek in each. The sample table is clustered
//! by series and time (`PRIMARY KEY (target, tbl, addr, t_ms)`, no other index, to keep the
//! file small), so a question by time alone ("the values at 14:05", "the first and last
//! reading") costs a few seeks per series rather than a pass over the file: the recording view
//! moves to any moment of a day of 50 modems (18 million samples) in milliseconds.
//!
//! The seeks go to the clustered table itself (`main.sample`); the samples not yet folded into
//! it (`sample_recent`, by time: seconds of a live recording, up to half a million rows of one
//! written faster than real time) are read once while the file is unchanged, and sorted by
//! target and time.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use rusqlite::{OptionalExtension, params};

use super::reader::{Recording, SampleRow};
use super::{StoreError, table_of};

/// A series: target row id, table code, address.
type Key = (i64, i64, i64);

/// Rows read from the file once, sorted with a target's side by side, and the file's
/// `data_version` then: a file that another connection changed since (a recording being
/// written) is read again.
pub struct ByVersion<T>(RefCell<Option<(i64, Arc<[T]>)>>);

impl<T> Default for ByVersion<T> {
    fn default() -> Self {
        ByVersion(RefCell::new(None))
    }
}

/// Every series of the file as found, in key order.
pub type SeriesCache = ByVersion<Key>;

/// A sample not yet folded: target row id, time, table code, address, raw word.
type RecentRow = (i64, i64, i64, u16, u16);

/// The samples not yet folded, by target and time.
pub type RecentCache = ByVersion<RecentRow>;

impl Recording {
    /// What `cache` holds while the file is unchanged, else what `read` reads now (sorted by
    /// target first), and the range of it that is target `id`'s (all of it when `None`).
    fn by_version<T: Copy>(
        &self,
        cache: &ByVersion<T>,
        target: impl Fn(&T) -> i64,
        id: Option<i64>,
        read: impl FnOnce() -> Result<Vec<T>, StoreError>,
    ) -> Result<(Arc<[T]>, Range<usize>), StoreError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let cached = cache
            .0
            .borrow()
            .as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, all)| all.clone());
        let all = match cached {
            Some(all) => all,
            None => {
                let all: Arc<[T]> = read()?.into();
                *cache.0.borrow_mut() = Some((version, all.clone()));
                all
            }
        };
        let range = match id {
            Some(id) => {
                all.partition_point(|r| target(r) < id)..all.partition_point(|r| target(r) <= id)
            }
            None => 0..all.len(),
        };
        Ok((all, range))
    }

    /// The samples not yet folded, of target `id` (of every target when `None`), in time order
    /// for a target.
    fn recent(&self, id: Option<i64>) -> Result<(Arc<[RecentRow]>, Range<usize>), StoreError> {
        self.by_version(
            &self.recent,
            |r| r.0,
            id,
            || {
                let mut st = self
                    .conn
                    .prepare("SELECT target, t_ms, tbl, addr, raw FROM sample_recent")
                    .map_err(|e| self.err(e))?;
                let rows = st
                    .query_map([], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })
                    .map_err(|e| self.err(e))?;
                let mut all: Vec<RecentRow> =
                    rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
                all.sort_unstable();
                Ok(all)
            },
        )
    }

    /// The series of target `id` (of every target when `None`), in key order: the file's
    /// series and the range of them that are the target's.
    fn series(&self, id: Option<i64>) -> Result<(Arc<[Key]>, Range<usize>), StoreError> {
        self.by_version(&self.series, |k| k.0, id, || self.find_series())
    }

    /// Every series of the file, read from it: one seek per series, and the recent ones.
    fn find_series(&self) -> Result<Vec<Key>, StoreError> {
        let mut out = self.recent_series()?;
        let mut next = self
            .conn
            .prepare_cached(
                "SELECT target, tbl, addr FROM main.sample \
                 WHERE (target, tbl, addr) >= (?1, ?2, ?3) ORDER BY target, tbl, addr LIMIT 1",
            )
            .map_err(|e| self.err(e))?;
        // Table codes and addresses are never negative: the first series of the file.
        let mut key: Key = (i64::MIN, -1, -1);
        loop {
            // The next address rather than `>` the series: SQLite seeks straight to it,
            // where `>` on three of the key's four columns steps over the series' rows.
            let k: Option<Key> = next
                .query_row(params![key.0, key.1, key.2 + 1], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .map_err(|e| self.err(e))?;
            match k {
                Some(k) => {
                    out.push(k);
                    key = k;
                }
                None => break,
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The series of the samples not yet folded.
    fn recent_series(&self) -> Result<Vec<Key>, StoreError> {
        let (all, range) = self.recent(None)?;
        Ok(all[range]
            .iter()
            .map(|&(t, _, code, addr, _)| (t, code, i64::from(addr)))
            .collect())
    }

    /// Each address's last raw value at or before `t_ms`, with its time: the target's
    /// register image at that moment.
    pub fn values_at(&self, id: i64, t_ms: i64) -> Result<Vec<SampleRow>, StoreError> {
        let mut last = self
            .conn
            .prepare_cached(
                "SELECT t_ms, raw FROM main.sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
                 AND t_ms <= ?4 ORDER BY t_ms DESC LIMIT 1",
            )
            .map_err(|e| self.err(e))?;
        let mut out = std::collections::BTreeMap::new();
        let (all, mine) = self.series(Some(id))?;
        for &(target, code, addr) in &all[mine] {
            let (Some(table), Ok(addr)) = (table_of(code), u16::try_from(addr)) else {
                continue;
            };
            let row: Option<(i64, u16)> = last
                .query_row(params![target, code, addr, t_ms], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some((t_ms, raw)) = row {
                out.insert((code, addr), (table, t_ms, raw));
            }
        }
        let (recent, mine) = self.recent(Some(id))?;
        for &(_, t, code, addr, raw) in recent[mine].iter().take_while(|r| r.1 <= t_ms) {
            let Some(table) = table_of(code) else {
                continue;
            };
            let newer = out.get(&(code, addr)).is_none_or(|&(_, was, _)| t >= was);
            if newer {
                out.insert((code, addr), (table, t, raw));
            }
        }
        Ok(out
            .into_iter()
            .map(|((_, addr), (table, t_ms, raw))| SampleRow {
                table,
                addr,
                t_ms,
                raw,
            })
            .collect())
    }

    /// The first and last sample times.
    pub fn span(&self) -> Result<Option<(i64, i64)>, StoreError> {
        self.span_of(None)
    }

    /// The first and last sample times of target `id`.
    pub fn target_span(&self, id: i64) -> Result<Option<(i64, i64)>, StoreError> {
        self.span_of(Some(id))
    }

    fn span_of(&self, id: Option<i64>) -> Result<Option<(i64, i64)>, StoreError> {
        let mut first = self
            .conn
            .prepare_cached(
                "SELECT t_ms FROM main.sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
                 ORDER BY t_ms LIMIT 1",
            )
            .map_err(|e| self.err(e))?;
        let mut last = self
            .conn
            .prepare_cached(
                "SELECT t_ms FROM main.sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
                 ORDER BY t_ms DESC LIMIT 1",
            )
            .map_err(|e| self.err(e))?;
        let mut span: Option<(i64, i64)> = None;
        let mut widen = |a: i64, b: i64| {
            span = Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
        };
        let (all, mine) = self.series(id)?;
        for &k in &all[mine] {
            let at = |st: &mut rusqlite::CachedStatement<'_>| -> Result<Option<i64>, StoreError> {
                st.query_row(params![k.0, k.1, k.2], |r| r.get(0))
                    .optional()
                    .map_err(|e| self.err(e))
            };
            // A series seen only in the recent samples has none here.
            if let (Some(a), Some(b)) = (at(&mut first)?, at(&mut last)?) {
                widen(a, b);
            }
        }
        let (recent, mine) = self.recent(id)?;
        for r in &recent[mine] {
            widen(r.1, r.1);
        }
        Ok(span)
    }

    /// The time of the reading recorded nearest `at_ms`, strictly before it (`later`: after
    /// it), of target `id` (`None`: of any target): a seek in each series.
    pub fn reading_beside(
        &self,
        id: Option<i64>,
        at_ms: i64,
        later: bool,
    ) -> Result<Option<i64>, StoreError> {
        let nearest = if later {
            "SELECT t_ms FROM main.sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
             AND t_ms > ?4 ORDER BY t_ms LIMIT 1"
        } else {
            "SELECT t_ms FROM main.sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
             AND t_ms < ?4 ORDER BY t_ms DESC LIMIT 1"
        };
        let mut seek = self.conn.prepare_cached(nearest).map_err(|e| self.err(e))?;
        let (recent, mine) = self.recent(id)?;
        let times = recent[mine].iter().map(|r| r.1);
        let mut best: Option<i64> = if later {
            times.filter(|&t| t > at_ms).min()
        } else {
            times.filter(|&t| t < at_ms).max()
        };
        let (all, mine) = self.series(id)?;
        for &k in &all[mine] {
            let t: Option<i64> = seek
                .query_row(params![k.0, k.1, k.2, at_ms], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))?;
            best = match (best, t) {
                (Some(b), Some(t)) => Some(if later { b.min(t) } else { b.max(t) }),
                (b, t) => b.or(t),
            };
        }
        Ok(best)
    }
}
