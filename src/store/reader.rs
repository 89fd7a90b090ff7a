//! Reading a recording: its targets, the raw samples of a target in time order, a series as
//! the minimum and maximum of each pixel column (computed in SQL: the range is never loaded
//! whole), and its events and commands.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::{StoreError, schema, table_code, table_of};
use crate::proto::Table;

/// A target as the recording knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRow {
    /// Row id.
    pub id: i64,
    /// Hostid or serial target id.
    pub key: String,
    /// Name.
    pub hostname: String,
    /// Model.
    pub moduletype: String,
    /// First seen (ms since the epoch).
    pub first_seen_ms: Option<i64>,
    /// Last seen.
    pub last_seen_ms: Option<i64>,
    /// The modem's `modulePort` at its last login.
    pub module_port: Option<u8>,
    /// Where it was last seen from: the modem's address, or for a modem seen through a broker,
    /// the broker's ("" when not known).
    pub peer: String,
    /// Its `moduleBaud`.
    pub module_baud: Option<u8>,
}

/// A row of a target's commissioning log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissioningRow {
    /// When.
    pub t_ms: i64,
    /// field, step_start, step_end, protection, protection_clear.
    pub kind: String,
    /// The field, step or test.
    pub name: String,
    /// Value, planned seconds or note.
    pub value: String,
}

/// A command of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRow {
    /// When it went out.
    pub sent_ms: i64,
    /// Command id.
    pub uid: String,
    /// Its name, when known.
    pub name: Option<String>,
    /// Decoded.
    pub decoded: String,
    /// accepted, rejected, timeout, gone (`None`: no outcome recorded).
    pub outcome: Option<String>,
    /// What the modem said.
    pub detail: Option<String>,
    /// When the outcome came.
    pub outcome_ms: Option<i64>,
    /// Whether the readings confirmed it (`None`: nothing to check, or not yet).
    pub verified: Option<bool>,
}

/// One raw sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleRow {
    /// Table.
    pub table: Table,
    /// Address.
    pub addr: u16,
    /// When.
    pub t_ms: i64,
    /// Raw word.
    pub raw: u16,
}

pub use super::columns::Column;

/// An event of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// When.
    pub t_ms: i64,
    /// Target key, if any.
    pub target: Option<String>,
    /// Kind (login, alarm_on, marker...).
    pub kind: String,
    /// In words.
    pub text: String,
}

/// An open recording.
pub struct Recording {
    pub(super) conn: Connection,
    path: PathBuf,
    /// The series found so far per target (see `seek`), while the file is unchanged.
    pub(super) series: super::seek::SeriesCache,
    /// The samples not yet folded, read once while the file is unchanged (see `seek`).
    pub(super) recent: super::seek::RecentCache,
}

impl Recording {
    /// Opens a recording to read (a live one too).
    pub fn open(path: &Path) -> Result<Recording, StoreError> {
        Ok(Recording {
            conn: schema::open_for_reading(path)?,
            path: path.to_path_buf(),
            series: Default::default(),
            recent: Default::default(),
        })
    }

    pub(super) fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            reason: e.to_string(),
        }
    }

    /// The targets, by key.
    pub fn targets(&self) -> Result<Vec<TargetRow>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, key, hostname, moduletype, first_seen_ms, last_seen_ms, module_port, \
                 module_baud, coalesce(peer, '') FROM target ORDER BY key",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok(TargetRow {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    hostname: r.get(2)?,
                    moduletype: r.get(3)?,
                    first_seen_ms: r.get(4)?,
                    last_seen_ms: r.get(5)?,
                    module_port: r.get(6)?,
                    module_baud: r.get(7)?,
                    peer: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Calls `f` with every sample of target `id` up to `to_ms`, in time order.
    pub fn for_each_sample(
        &self,
        id: i64,
        to_ms: i64,
        mut f: impl FnMut(SampleRow),
    ) -> Result<u64, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT tbl, addr, t_ms, raw FROM sample WHERE target = ?1 AND t_ms <= ?2 ORDER BY t_ms",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = st.query(params![id, to_ms]).map_err(|e| self.err(e))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let code: i64 = r.get(0).map_err(|e| self.err(e))?;
            let Some(table) = table_of(code) else {
                continue;
            };
            f(SampleRow {
                table,
                addr: r.get(1).map_err(|e| self.err(e))?,
                t_ms: r.get(2).map_err(|e| self.err(e))?,
                raw: r.get(3).map_err(|e| self.err(e))?,
            });
            n += 1;
        }
        Ok(n)
    }

    /// The row id of a target.
    pub fn target_id(&self, key: &str) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT id FROM target WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Events and commands between two times, in order: the timeline next to the plots.
    pub fn timeline(
        &self,
        from_ms: i64,
        to_ms: i64,
        limit: i64,
    ) -> Result<Vec<EventRow>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT t_ms, key, kind, text FROM (
                   SELECT e.t_ms AS t_ms, t.key AS key, e.kind AS kind, e.text AS text, e.id AS n
                     FROM event e LEFT JOIN target t ON t.id = e.target
                    WHERE e.t_ms BETWEEN ?1 AND ?2 AND e.kind <> 'protocol_error'
                   UNION ALL
                   SELECT c.sent_ms, t.key, 'command',
                          coalesce(c.name, c.decoded) || ': ' || coalesce(c.outcome, 'sent')
                          || CASE c.verified WHEN 1 THEN ', confirmed' WHEN 0 THEN ', NOT confirmed' ELSE '' END,
                          c.id
                     FROM command c JOIN target t ON t.id = c.target
                    WHERE c.sent_ms BETWEEN ?1 AND ?2)
                 ORDER BY t_ms, n LIMIT ?3",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![from_ms, to_ms, limit], |r| {
                Ok(EventRow {
                    t_ms: r.get(0)?,
                    target: r.get(1)?,
                    kind: r.get(2)?,
                    text: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Events between two times, in order.
    pub fn events(&self, from_ms: i64, to_ms: i64) -> Result<Vec<EventRow>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT e.t_ms, t.key, e.kind, e.text FROM event e LEFT JOIN target t ON t.id = e.target \
                 WHERE e.t_ms BETWEEN ?1 AND ?2 ORDER BY e.t_ms, e.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![from_ms, to_ms], |r| {
                Ok(EventRow {
                    t_ms: r.get(0)?,
                    target: r.get(1)?,
                    kind: r.get(2)?,
                    text: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The messages that came in (from modems), in time order: (time, target key, text).
    pub fn uplinks(&self) -> Result<Vec<(i64, Option<String>, String)>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT m.t_ms, t.key, m.text FROM message m LEFT JOIN target t ON t.id = m.target \
                 WHERE m.dir = 0 ORDER BY m.t_ms, m.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The raw samples of one address of target `id` over `[from_ms, to_ms]`, in time order,
    /// led by the last one before `from_ms` (the value that stood when the range began).
    pub fn samples(
        &self,
        id: i64,
        table: Table,
        addr: u16,
        (from_ms, to_ms): (i64, i64),
    ) -> Result<Vec<(i64, u16)>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT t_ms, raw FROM (SELECT t_ms, raw FROM sample WHERE target = ?1 AND tbl = ?2 \
                   AND addr = ?3 AND t_ms < ?4 ORDER BY t_ms DESC LIMIT 1) \
                 UNION ALL SELECT t_ms, raw FROM sample WHERE target = ?1 AND tbl = ?2 AND addr = ?3 \
                   AND t_ms BETWEEN ?4 AND ?5 ORDER BY 1",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![id, table_code(table), addr, from_ms, to_ms], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A target's commissioning log, in order (empty for a file of schema 1, which has none).
    pub fn commissioning(&self, key: &str) -> Result<Vec<CommissioningRow>, StoreError> {
        let has: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'commissioning'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if has == 0 {
            return Ok(Vec::new());
        }
        let mut st = self
            .conn
            .prepare(
                "SELECT c.t_ms, c.kind, c.name, c.value FROM commissioning c JOIN target t \
                 ON t.id = c.target WHERE t.key = ?1 ORDER BY c.t_ms, c.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([key], |r| {
                Ok(CommissioningRow {
                    t_ms: r.get(0)?,
                    kind: r.get(1)?,
                    name: r.get(2)?,
                    value: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A target's commands, in the order they went out: the audit trail.
    pub fn commands(&self, key: &str) -> Result<Vec<CommandRow>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT c.sent_ms, c.uid, c.name, c.decoded, c.outcome, c.detail, c.outcome_ms, \
                 c.verified FROM command c JOIN target t ON t.id = c.target WHERE t.key = ?1 \
                 ORDER BY c.sent_ms, c.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([key], |r| {
                Ok(CommandRow {
                    sent_ms: r.get(0)?,
                    uid: r.get(1)?,
                    name: r.get(2)?,
                    decoded: r.get(3)?,
                    outcome: r.get(4)?,
                    detail: r.get(5)?,
                    outcome_ms: r.get(6)?,
                    verified: r.get(7)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Number of rows of a table of the file (samples, messages, events, commands).
    pub fn count(&self, table: &str) -> Result<i64, StoreError> {
        if ![
            "sample",
            "message",
            "event",
            "command",
            "target",
            "session",
            "commissioning",
        ]
        .contains(&table)
        {
            return Err(StoreError::Query(format!("no table {table}")));
        }
        self.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}
