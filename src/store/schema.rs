//! The recording file: an SQLite database with its own application id and schema version.
//! A file of another program or of a newer version is refused with a clear message, never
//! misread; an older version is migrated when it is opened for writing (version 1 lacks the
//! commissioning table, version 2 the recent samples: they gain them, and reads of an older
//! file find them empty).
//!
//! The samples are kept in two tables: `sample`, clustered by series for range reads, and
//! `sample_recent`, the last seconds in the order they came. Appending is cheap where an
//! insert into the clustered table lands on another page for every series; the recorder folds
//! the recent samples into `sample` in key order every half minute (each page then written
//! once per fold instead of once a second) and at every stop. A reading connection sees the
//! two as one: a temporary view `sample` over both (see [`open_for_reading`]).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::StoreError;

/// `PRAGMA application_id` of a recording ("CMMR").
pub const APPLICATION_ID: i64 = 0x434D_4D52;
/// `PRAGMA user_version` this program writes and reads.
pub const SCHEMA_VERSION: i64 = 3;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS session (
    id INTEGER PRIMARY KEY,
    started_ms INTEGER NOT NULL,
    program TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS target (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    hostname TEXT NOT NULL DEFAULT '',
    moduletype TEXT NOT NULL DEFAULT '',
    accepted INTEGER,
    module_port INTEGER,
    module_baud INTEGER,
    peer TEXT,
    first_seen_ms INTEGER,
    last_seen_ms INTEGER
);
-- One row per value change: the raw word, at its time. Clustered by series for range reads.
CREATE TABLE IF NOT EXISTS sample (
    target INTEGER NOT NULL,
    tbl INTEGER NOT NULL,
    addr INTEGER NOT NULL,
    t_ms INTEGER NOT NULL,
    raw INTEGER NOT NULL,
    PRIMARY KEY (target, tbl, addr, t_ms)
) WITHOUT ROWID;
-- Every message in and out as it was on the wire, to decode again with a corrected map.
CREATE TABLE IF NOT EXISTS message (
    id INTEGER PRIMARY KEY,
    t_ms INTEGER NOT NULL,
    target INTEGER,
    peer TEXT NOT NULL,
    dir INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS message_t ON message (t_ms);
-- Logins, links, alarms, markers and notes, protocol errors.
CREATE TABLE IF NOT EXISTS event (
    id INTEGER PRIMARY KEY,
    t_ms INTEGER NOT NULL,
    target INTEGER,
    kind TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_t ON event (t_ms);
-- The audit trail: every command, its outcome and what the readings said.
CREATE TABLE IF NOT EXISTS command (
    id INTEGER PRIMARY KEY,
    target INTEGER NOT NULL,
    uid TEXT NOT NULL,
    sent_ms INTEGER NOT NULL,
    name TEXT,
    decoded TEXT NOT NULL,
    frame TEXT,
    outcome TEXT,
    detail TEXT,
    outcome_ms INTEGER,
    verified INTEGER
);
CREATE INDEX IF NOT EXISTS command_uid ON command (target, uid);
-- Schema 2: the commissioning of a target as the engineer entered it, as a log (the last
-- row of a field wins): kind field (name = site, customer...), step_start / step_end (name =
-- the step, value = its planned seconds), protection / protection_clear (name = the test,
-- value = the note).
CREATE TABLE IF NOT EXISTS commissioning (
    id INTEGER PRIMARY KEY,
    t_ms INTEGER NOT NULL,
    target INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS commissioning_target ON commissioning (target, t_ms);
-- Schema 3: the samples since the last fold into `sample`, by time (appended at the end).
CREATE TABLE IF NOT EXISTS sample_recent (
    t_ms INTEGER NOT NULL,
    target INTEGER NOT NULL,
    tbl INTEGER NOT NULL,
    addr INTEGER NOT NULL,
    raw INTEGER NOT NULL,
    PRIMARY KEY (t_ms, target, tbl, addr)
) WITHOUT ROWID;
";

/// What a reading connection reads as `sample`: both tables. SQLite merges the two in key
/// order for a seek (`ORDER BY t_ms DESC LIMIT 1` stays a seek in `sample`).
const SAMPLE_VIEW: &str = "CREATE TEMP VIEW sample AS \
    SELECT target, tbl, addr, t_ms, raw FROM main.sample \
    UNION ALL SELECT target, tbl, addr, t_ms, raw FROM main.sample_recent";

/// For a file older than version 3: an empty `sample_recent`, so that readers need not ask.
const NO_RECENT: &str = "CREATE TEMP TABLE sample_recent (t_ms INTEGER NOT NULL, \
    target INTEGER NOT NULL, tbl INTEGER NOT NULL, addr INTEGER NOT NULL, \
    raw INTEGER NOT NULL, PRIMARY KEY (t_ms, target, tbl, addr)) WITHOUT ROWID";

/// Moves the recent samples into `sample`, in its key order, and empties `sample_recent`; in
/// the caller's transaction. The rows moved.
pub fn fold_recent(conn: &Connection) -> rusqlite::Result<usize> {
    let n = conn.execute(
        "INSERT OR REPLACE INTO main.sample (target, tbl, addr, t_ms, raw) \
         SELECT target, tbl, addr, t_ms, raw FROM main.sample_recent \
         ORDER BY target, tbl, addr, t_ms",
        [],
    )?;
    if n > 0 {
        conn.execute("DELETE FROM main.sample_recent", [])?;
    }
    Ok(n)
}

fn sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Checks the file's identity and version: `Ok(true)` for a new, empty file.
fn check(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
    let pragma = |name: &str| -> Result<i64, StoreError> {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .map_err(|e| sqlite(path, e))
    };
    let app = pragma("application_id")?;
    let version = pragma("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| sqlite(path, e))?;
    if app == 0 && version == 0 && tables == 0 {
        return Ok(true);
    }
    if app != APPLICATION_ID {
        return Err(StoreError::NotARecording(path.to_path_buf()));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            version,
        });
    }
    if version < 1 {
        return Err(StoreError::NotARecording(path.to_path_buf()));
    }
    Ok(false)
}

/// Opens (or creates) a recording for writing: WAL, the schema in place.
pub fn open_for_writing(path: &Path) -> Result<Connection, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
    }
    let conn = Connection::open(path).map_err(|e| sqlite(path, e))?;
    let fresh = check(&conn, path)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| sqlite(path, e))?;
    // In WAL mode, NORMAL keeps the file consistent after a crash; the last commit may be
    // lost, never the file.
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| sqlite(path, e))?;
    // The tables a version lacks are created here: that is the whole migration from 1 to 2.
    conn.execute_batch(SCHEMA).map_err(|e| sqlite(path, e))?;
    if fresh {
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| sqlite(path, e))?;
    }
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(|e| sqlite(path, e))?;
    Ok(conn)
}

/// Opens a recording to read it (a live one too: WAL lets reads and the writer go together).
pub fn open_for_reading(path: &Path) -> Result<Connection, StoreError> {
    if !path.exists() {
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            reason: "no such file".into(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| sqlite(path, e))?;
    if check(&conn, path)? {
        return Err(StoreError::NotARecording(path.to_path_buf()));
    }
    let has_recent: bool = conn
        .query_row(
            "SELECT count(*) FROM main.sqlite_master WHERE name = 'sample_recent'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
        .map_err(|e| sqlite(path, e))?;
    conn.execute_batch(if has_recent { SAMPLE_VIEW } else { NO_RECENT })
        .map_err(|e| sqlite(path, e))?;
    // A read jumps from series to series (see `seek`): a larger cache keeps the key's inner
    // pages between the seeks.
    conn.pragma_update(None, "cache_size", READ_CACHE)
        .map_err(|e| sqlite(path, e))?;
    Ok(conn)
}

/// Page cache of a reading connection, KiB (negative: SQLite's way of saying KiB).
const READ_CACHE: i64 = -32 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("cmm-schema-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d.join("rec.sqlite")
    }

    #[test]
    fn a_new_file_gets_the_schema_and_opens_again() {
        let p = temp("new");
        drop(open_for_writing(&p).unwrap());
        drop(open_for_writing(&p).unwrap());
        let c = open_for_reading(&p).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }

    #[test]
    fn a_version_1_file_reads_with_no_commissioning_and_is_migrated_for_writing() {
        let p = temp("v1");
        drop(open_for_writing(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.execute_batch("DROP TABLE commissioning; PRAGMA user_version = 1;")
            .unwrap();
        drop(c);
        let r = crate::store::reader::Recording::open(&p).unwrap();
        assert_eq!(r.commissioning("x").unwrap(), Vec::new());
        drop(r);
        drop(open_for_writing(&p).unwrap());
        let c = open_for_reading(&p).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let n: i64 = c
            .query_row("SELECT count(*) FROM commissioning", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }

    #[test]
    fn other_files_and_newer_versions_are_refused_by_name() {
        let p = temp("other");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let c = Connection::open(&p).unwrap();
        c.execute_batch("CREATE TABLE x (a INTEGER);").unwrap();
        drop(c);
        let e = open_for_writing(&p).unwrap_err().to_string();
        assert!(e.contains("not a CMM Commissioner recording"), "{e}");
        assert!(open_for_reading(&p).is_err());

        let q = p.with_file_name("newer.sqlite");
        drop(open_for_writing(&q).unwrap());
        let c = Connection::open(&q).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(c);
        let e = open_for_reading(&q).unwrap_err().to_string();
        assert!(e.contains("newer version"), "{e}");
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }
}
