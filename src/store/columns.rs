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
/// How far back from a moment a target's last message is looked for first (see
/// [`Recording::moment`]).
const RECENT_MS: i64 = 3_600_000;
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
    /// The clustered table is read through its key and the recent readings (the last half
    /// minute or so of a recording) apart, and the two merged column by column: an aggregate
    /// over the view of both would pass every row through SQLite's union.
    pub fn series_columns(
        &self,
        id: i64,
        table: Table,
        addr: u16,
        range: (i64, i64),
        columns: i64,
        signed: bool,
    ) -> Result<Vec<Column>, StoreError> {
        let series = (id, table, addr);
        let mut out = self.columns_in("main.sample", series, range, columns, signed)?;
        let recent = self.columns_in("sample_recent", series, range, columns, signed)?;
        if recent.is_empty() {
            return Ok(out.into_iter().map(|(_, c)| c).collect());
        }
        out.extend(recent);
        // By column, then the clustered table's part first: each column's two parts merge.
        out.sort_by_key(|&(col, c)| (col, c.t_last));
        let mut merged: Vec<(i64, Column)> = Vec::with_capacity(out.len());
        for (col, c) in out {
            match merged.last_mut() {
                Some((k, m)) if *k == col => {
                    if c.min < m.min {
                        (m.min, m.t_min) = (c.min, c.t_min);
                    }
                    if c.max > m.max {
                        (m.max, m.t_max) = (c.max, c.t_max);
                    }
                    if c.t_last >= m.t_last {
                        (m.last, m.t_last) = (c.last, c.t_last);
                    }
                }
                _ => merged.push((col, c)),
            }
        }
        Ok(merged.into_iter().map(|(_, c)| c).collect())
    }

    /// [`Recording::series_columns`] of one table, each column with its number.
    fn columns_in(
        &self,
        from: &str,
        (id, table, addr): (i64, Table, u16),
        (from_ms, to_ms): (i64, i64),
        columns: i64,
        signed: bool,
    ) -> Result<Vec<(i64, Column)>, StoreError> {
        let span = (to_ms - from_ms).max(1);
        let value = value_sql(signed);
        let col = "MIN((t_ms - ?4) * ?6 / ?5, ?6 - 1) AS col";
        let rows = format!(
            "FROM {from} WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
             AND t_ms BETWEEN ?4 AND ?4 + ?5 GROUP BY col"
        );
        // SQLite's bare columns with MIN()/MAX() take the row of the extreme: its time.
        let sql = format!(
            "SELECT col, min_t, min_v, max_t, max_v, last_t, last_v FROM
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
                    Ok((
                        r.get(0)?,
                        Column {
                            t_min: r.get(1)?,
                            min: r.get(2)?,
                            t_max: r.get(3)?,
                            max: r.get(4)?,
                            t_last: r.get(5)?,
                            last: r.get(6)?,
                        },
                    ))
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
        let last_sample = self.values_at(id, at_ms)?.iter().map(|v| v.t_ms).max();
        self.moment_given(id, at_ms, last_sample)
    }

    /// [`Recording::moment`] given the time of the target's last sample at or before `at_ms`
    /// (the latest of its [`Recording::values_at`]), which the caller has already read.
    pub fn moment_given(
        &self,
        id: i64,
        at_ms: i64,
        last_sample: Option<i64>,
    ) -> Result<Moment, StoreError> {
        let last_change = self
            .link_changes(id, (at_ms, at_ms))?
            .into_iter()
            .rfind(|(t, _)| *t <= at_ms);
        let online = last_change.is_some_and(|(_, up)| up);
        let down_since = last_change.filter(|c| !c.1).map(|c| c.0);
        let message = self.last_in(id, at_ms, down_since, false)?;
        let last_heartbeat_ms = self.last_in(id, at_ms, down_since, true)?;
        Ok(Moment {
            online,
            last_seen_ms: last_sample.max(message),
            last_heartbeat_ms,
        })
    }

    /// The time of target `id`'s last message in (`heartbeat`: its last `HB`) at or before
    /// `at_ms`. Messages are found by time (their only index, to keep the file small), so the
    /// search looks back [`RECENT_MS`] from the moment, then, for a target whose link was down
    /// since `down_since`, as far back from when it went down (plus the logins since, which
    /// the events hold). Only a target with no link event at all is looked for further back;
    /// a heartbeat older than that is not looked for (`None`).
    fn last_in(
        &self,
        id: i64,
        at_ms: i64,
        down_since: Option<i64>,
        heartbeat: bool,
    ) -> Result<Option<i64>, StoreError> {
        let hb = if heartbeat {
            "AND text LIKE '%\"HB\"%'"
        } else {
            ""
        };
        let sql = format!(
            "SELECT t_ms FROM message WHERE target = ?1 AND dir = 0 AND t_ms BETWEEN ?2 AND ?3 \
             {hb} ORDER BY t_ms DESC LIMIT 1"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut within = |from: i64, to: i64| -> Result<Option<i64>, StoreError> {
            st.query_row(params![id, from, to], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))
        };
        if let Some(t) = within(at_ms.saturating_sub(RECENT_MS), at_ms)? {
            return Ok(Some(t));
        }
        match down_since {
            Some(d) if d < at_ms.saturating_sub(RECENT_MS) => {
                let before = within(d.saturating_sub(RECENT_MS), d)?;
                if heartbeat {
                    return Ok(before);
                }
                let login: Option<i64> = self
                    .conn
                    .query_row(
                        "SELECT max(t_ms) FROM event WHERE target = ?1 AND kind = 'login' \
                         AND t_ms BETWEEN ?2 AND ?3",
                        params![id, d, at_ms],
                        |r| r.get(0),
                    )
                    .map_err(|e| self.err(e))?;
                Ok(before.max(login))
            }
            Some(_) => Ok(None),
            None if heartbeat => Ok(None),
            None => within(i64::MIN, at_ms),
        }
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
