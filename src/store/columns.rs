//! A recorded value over a range as a plot draws it: the lowest, highest and last raw value
//! of each pixel column (computed in SQL: the range is never loaded whole), the value that
//! stood when the range began, and when its target went offline and came back.

use rusqlite::{OptionalExtension, params};

use super::reader::Recording;
use super::{StoreError, table_code};
use crate::proto::Table;

/// Event kinds that say a target's link went down.
const DOWN: [&str; 2] = ["offline", "link_down"];
/// Event kinds that say it came back.
const UP: [&str; 3] = ["online", "link_up", "remote_up"];
/// Most link changes read for one range.
const LINK_CHANGES: i64 = 10_000;

/// One pixel column of a series: its lowest, highest and last raw values, with their times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Time of the minimum.
    pub t_min: i64,
    /// Minimum (as a signed value when asked).
    pub min: i64,
    /// Time of the maximum.
    pub t_max: i64,
    /// Maximum.
    pub max: i64,
    /// Time of the last sample of the column.
    pub t_last: i64,
    /// The last sample: the value that holds after the column.
    pub last: i64,
}

impl Recording {
    /// A series over `[from_ms, to_ms]` as at most `columns` pixel columns: the minimum,
    /// maximum and last raw value of each, with their times (`signed`: raw words read as i16).
    pub fn series_columns(
        &self,
        id: i64,
        table: Table,
        addr: u16,
        (from_ms, to_ms): (i64, i64),
        columns: i64,
        signed: bool,
    ) -> Result<Vec<Column>, StoreError> {
        let span = (to_ms - from_ms).max(1);
        let value = value_sql(signed);
        let col = "MIN((t_ms - ?4) * ?6 / ?5, ?6 - 1) AS col";
        let rows = "FROM sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
                    AND t_ms BETWEEN ?4 AND ?4 + ?5 GROUP BY col";
        // SQLite's bare columns with MIN()/MAX() take the row of the extreme: its time.
        let sql = format!(
            "SELECT min_t, min_v, max_t, max_v, last_t, last_v FROM
               (SELECT {col}, t_ms AS min_t, MIN({value}) AS min_v {rows}) AS lo
             JOIN (SELECT {col}, t_ms AS max_t, MAX({value}) AS max_v {rows}) AS hi USING (col)
             JOIN (SELECT {col}, MAX(t_ms) AS last_t, {value} AS last_v {rows}) AS la USING (col)
             ORDER BY col"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(
                params![id, table_code(table), addr, from_ms, span, columns.max(1)],
                |r| {
                    Ok(Column {
                        t_min: r.get(0)?,
                        min: r.get(1)?,
                        t_max: r.get(2)?,
                        max: r.get(3)?,
                        t_last: r.get(4)?,
                        last: r.get(5)?,
                    })
                },
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The value that stood at `t_ms` (the last sample before it), with its time.
    pub fn value_before(
        &self,
        id: i64,
        table: Table,
        addr: u16,
        t_ms: i64,
        signed: bool,
    ) -> Result<Option<(i64, i64)>, StoreError> {
        let sql = format!(
            "SELECT t_ms, {} FROM sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
             AND t_ms < ?4 ORDER BY t_ms DESC LIMIT 1",
            value_sql(signed)
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query_map(params![id, table_code(table), addr, t_ms], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.err(e))?;
        rows.next().transpose().map_err(|e| self.err(e))
    }

    /// When target `id`'s link went down (`false`) and came back (`true`) over
    /// `[from_ms, to_ms]`, in time order, led by its state when the range began.
    pub fn link_changes(
        &self,
        id: i64,
        (from_ms, to_ms): (i64, i64),
    ) -> Result<Vec<(i64, bool)>, StoreError> {
        let kinds = DOWN
            .iter()
            .chain(&UP)
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT t_ms, kind FROM (SELECT t_ms, kind FROM event WHERE target = ?1 \
               AND kind IN ({kinds}) AND t_ms < ?2 ORDER BY t_ms DESC, id DESC LIMIT 1)
             UNION ALL SELECT * FROM (SELECT t_ms, kind FROM event WHERE target = ?1 \
               AND kind IN ({kinds}) AND t_ms BETWEEN ?2 AND ?3 ORDER BY t_ms, id LIMIT ?4)"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![id, from_ms, to_ms, LINK_CHANGES], |r| {
                let kind: String = r.get(1)?;
                Ok((r.get(0)?, UP.contains(&kind.as_str())))
            })
            .map_err(|e| self.err(e))?;
        let mut out: Vec<(i64, bool)> = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        // Stable: changes at one instant keep the order they were written in.
        out.sort_by_key(|c| c.0);
        Ok(out)
    }
}

/// A target as it stood at a moment of a recording.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moment {
    /// Its link was up (its last link change at or before the moment says so).
    pub online: bool,
    /// Its last reading or message in, at or before the moment.
    pub last_seen_ms: Option<i64>,
    /// Its last heartbeat, at or before the moment.
    pub last_heartbeat_ms: Option<i64>,
}

impl Recording {
    /// Target `id` as it stood at `at_ms`: link up or down, last seen, last heartbeat.
    pub fn moment(&self, id: i64, at_ms: i64) -> Result<Moment, StoreError> {
        let online = self
            .link_changes(id, (at_ms, at_ms))?
            .into_iter()
            .rfind(|(t, _)| *t <= at_ms)
            .is_some_and(|(_, up)| up);
        let last = |sql: &str| -> Result<Option<i64>, StoreError> {
            self.conn
                .query_row(sql, params![id, at_ms], |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        let sample = last("SELECT max(t_ms) FROM sample WHERE target = ?1 AND t_ms <= ?2")?;
        let message =
            last("SELECT max(t_ms) FROM message WHERE target = ?1 AND dir = 0 AND t_ms <= ?2")?;
        let last_heartbeat_ms = last(
            "SELECT max(t_ms) FROM message WHERE target = ?1 AND dir = 0 AND t_ms <= ?2 \
             AND text LIKE '%\"HB\"%'",
        )?;
        Ok(Moment {
            online,
            last_seen_ms: sample.max(message),
            last_heartbeat_ms,
        })
    }
}

impl Recording {
    /// The time of the reading recorded nearest `at_ms`, strictly before it (`later`: after
    /// it), of target `id` (`None`: of any target). Each series is found and looked into
    /// through the sample table's key (a skip over its series, then one seek in each), never
    /// by scanning the file: a step stays quick on a recording of days.
    pub fn reading_beside(
        &self,
        id: Option<i64>,
        at_ms: i64,
        later: bool,
    ) -> Result<Option<i64>, StoreError> {
        let next_series = "SELECT target, tbl, addr FROM sample \
             WHERE (target, tbl, addr) > (?1, ?2, ?3) ORDER BY target, tbl, addr LIMIT 1";
        let nearest = if later {
            "SELECT t_ms FROM sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
             AND t_ms > ?4 ORDER BY t_ms LIMIT 1"
        } else {
            "SELECT t_ms FROM sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
             AND t_ms < ?4 ORDER BY t_ms DESC LIMIT 1"
        };
        let mut series = self
            .conn
            .prepare_cached(next_series)
            .map_err(|e| self.err(e))?;
        let mut seek = self.conn.prepare_cached(nearest).map_err(|e| self.err(e))?;
        // Table codes and addresses are never negative: the first series of the target.
        let mut key = (id.unwrap_or(i64::MIN), -1_i64, -1_i64);
        let mut best: Option<i64> = None;
        loop {
            let next = series
                .query_row(params![key.0, key.1, key.2], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .map_err(|e| self.err(e))?;
            let Some(k) = next.filter(|k: &(i64, i64, i64)| id.is_none_or(|i| k.0 == i)) else {
                break;
            };
            key = k;
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

impl Recording {
    /// The time of the timeline's item (event or command, as [`Recording::timeline`] lists
    /// them) nearest `at_ms`, strictly before it (`later`: after it).
    pub fn event_beside(&self, at_ms: i64, later: bool) -> Result<Option<i64>, StoreError> {
        let sql = if later {
            "SELECT min(t) FROM (SELECT min(t_ms) AS t FROM event \
               WHERE t_ms > ?1 AND kind <> 'protocol_error' \
             UNION ALL SELECT min(sent_ms) FROM command WHERE sent_ms > ?1)"
        } else {
            "SELECT max(t) FROM (SELECT max(t_ms) AS t FROM event \
               WHERE t_ms < ?1 AND kind <> 'protocol_error' \
             UNION ALL SELECT max(sent_ms) FROM command WHERE sent_ms < ?1)"
        };
        self.conn
            .query_row(sql, params![at_ms], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

/// A raw word as SQL reads it: as is, or as i16.
fn value_sql(signed: bool) -> &'static str {
    if signed {
        "CASE WHEN raw >= 32768 THEN raw - 65536 ELSE raw END"
    } else {
        "raw"
    }
}
