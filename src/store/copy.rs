//! A copy of a recording to hand over: one file (no `-wal` beside it), consistent even while
//! the recording is being written (SQLite's `VACUUM INTO` reads one snapshot), optionally cut
//! to a time range and to some targets, with a note of where it came from. The copy is made
//! beside its destination and renamed into place only when complete: a copy that fails (a
//! full disk, a read-only folder) leaves nothing, and the original is only ever read.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::StoreError;
use super::file_out::{check_destination, finish, temp_beside};
use super::reader::Recording;

/// What to copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopySpec {
    /// From this time (ms since the epoch): the value of each register that stood then is
    /// kept too.
    pub from_ms: Option<i64>,
    /// Up to this time.
    pub to_ms: Option<i64>,
    /// Only these targets (hostid or serial target id; empty: all).
    pub targets: Vec<String>,
    /// Replace a file already at the destination (never the recording itself).
    pub replace: bool,
    /// Who copies, for the note (`cmmctl recording copy`, `cmm-commissioner`).
    pub program: String,
}

fn io(path: &Path, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
    let full = e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull);
    StoreError::Sqlite {
        path: path.to_path_buf(),
        reason: if full {
            "the disk is full: free some room or copy elsewhere".into()
        } else {
            e.to_string()
        },
    }
}

/// A file system's refusal in words an engineer acts on.
fn plain(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => format!("no permission to write in this folder ({e})"),
        ErrorKind::ReadOnlyFilesystem => format!("this disk is read-only ({e})"),
        ErrorKind::StorageFull => format!("the disk is full ({e})"),
        _ => format!("this folder cannot be written ({e})"),
    }
}

/// Refuses a destination that is the recording itself (or its WAL), or an existing file
/// without `replace`.
fn check(source: &Path, out: &Path, replace: bool) -> Result<(), StoreError> {
    check_destination(out)?;
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let src = canon(source);
    let same = |p: PathBuf| src.is_some() && canon(&p) == src;
    let mut wal = source.as_os_str().to_owned();
    wal.push("-wal");
    if same(out.to_path_buf()) || (out.exists() && canon(out) == canon(Path::new(&wal))) {
        return Err(io(
            out,
            "this is the recording itself: give another file for the copy",
        ));
    }
    if out.exists() && !replace {
        return Err(StoreError::Exists(out.to_path_buf()));
    }
    Ok(())
}

/// Copies `source` to `out` as `spec` says; what the copy holds, in words.
pub fn copy(source: &Path, out: &Path, spec: &CopySpec) -> Result<String, StoreError> {
    let rec = Recording::open(source)?;
    check(source, out, spec.replace)?;
    let temp = temp_beside(out);
    let _ = std::fs::remove_file(&temp);
    let result = (|| {
        let folder = out.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(f) = folder.filter(|f| !f.is_dir()) {
            return Err(io(f, "no such folder"));
        }
        // Whether the folder takes a file, said plainly (SQLite would name its temporary).
        std::fs::File::create(&temp).map_err(|e| io(folder.unwrap_or(out), plain(&e)))?;
        std::fs::remove_file(&temp).map_err(|e| io(out, plain(&e)))?;
        let target = temp
            .to_str()
            .ok_or_else(|| io(out, "the name is not valid text"))?;
        rec.conn
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| sqlite(out, e))?;
        drop(rec);
        let conn = Connection::open(&temp).map_err(|e| sqlite(out, e))?;
        cut(&conn, spec).map_err(|e| sqlite(out, e))?;
        note(&conn, source, spec).map_err(|e| sqlite(out, e))?;
        let summary = summary(&conn).map_err(|e| sqlite(out, e))?;
        conn.close().map_err(|(_, e)| sqlite(out, e))?;
        let file = std::fs::File::open(&temp).map_err(|e| io(out, e))?;
        file.sync_all().map_err(|e| io(out, e))?;
        finish(&temp, out)?;
        Ok(summary)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Deletes what lies outside the range and the targets asked for, keeping each register's
/// value that stood when the range begins.
fn cut(conn: &Connection, spec: &CopySpec) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    let tx = conn.unchecked_transaction()?;
    // The copy's samples all in the clustered table, as after a stop.
    super::schema::fold_recent(&tx)?;
    if !spec.targets.is_empty() {
        tx.execute_batch("CREATE TEMP TABLE keep (key TEXT PRIMARY KEY)")?;
        for t in &spec.targets {
            tx.execute("INSERT OR IGNORE INTO keep VALUES (?1)", [t])?;
        }
        let gone = "SELECT id FROM target WHERE key NOT IN (SELECT key FROM temp.keep)";
        for table in ["sample", "message", "event", "command", "commissioning"] {
            tx.execute(&format!("DELETE FROM {table} WHERE target IN ({gone})"), [])?;
        }
        tx.execute(&format!("DELETE FROM target WHERE id IN ({gone})"), [])?;
    }
    let from = spec.from_ms.unwrap_or(i64::MIN);
    let to = spec.to_ms.unwrap_or(i64::MAX);
    tx.execute(
        "DELETE FROM sample WHERE t_ms > ?2 OR (t_ms < ?1 AND t_ms < (SELECT max(s.t_ms) \
         FROM sample s WHERE s.target = sample.target AND s.tbl = sample.tbl \
         AND s.addr = sample.addr AND s.t_ms < ?1))",
        params![from, to],
    )?;
    for (table, t) in [
        ("message", "t_ms"),
        ("event", "t_ms"),
        ("command", "sent_ms"),
        ("commissioning", "t_ms"),
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE {t} < ?1 OR {t} > ?2"),
            params![from, to],
        )?;
    }
    tx.commit()?;
    if !spec.targets.is_empty() || spec.from_ms.is_some() || spec.to_ms.is_some() {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

/// The note of where the copy came from (table `origin`, one row per copy made).
fn note(conn: &Connection, source: &Path, spec: &CopySpec) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS origin (id INTEGER PRIMARY KEY, t_ms INTEGER NOT NULL, \
         source TEXT NOT NULL, note TEXT NOT NULL)",
    )?;
    let when = |t: Option<i64>, none: &str| {
        t.map_or(none.to_string(), |t| super::export::iso_time(t, false))
    };
    let mut note = format!(
        "copied by {} {} on {} from {} to {}",
        if spec.program.is_empty() {
            "cmm-commissioner"
        } else {
            &spec.program
        },
        env!("CARGO_PKG_VERSION"),
        hostname(),
        when(spec.from_ms, "the start"),
        when(spec.to_ms, "the end"),
    );
    if !spec.targets.is_empty() {
        note.push_str(&format!(", targets {}", spec.targets.join(", ")));
    }
    let source = std::fs::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
    conn.execute(
        "INSERT INTO origin (t_ms, source, note) VALUES (?1, ?2, ?3)",
        params![
            chrono::Utc::now().timestamp_millis(),
            source.display().to_string(),
            note
        ],
    )?;
    Ok(())
}

/// This computer's name, for the note.
fn hostname() -> String {
    ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|h| !h.is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .unwrap_or_else(|| "this computer".into())
}

fn summary(conn: &Connection) -> rusqlite::Result<String> {
    let n = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let count = |k: i64, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    Ok([
        count(n("SELECT count(*) FROM target")?, "target", "targets"),
        count(n("SELECT count(*) FROM sample")?, "reading", "readings"),
        count(n("SELECT count(*) FROM message")?, "message", "messages"),
        count(n("SELECT count(*) FROM event")?, "event", "events"),
        count(n("SELECT count(*) FROM command")?, "command", "commands"),
    ]
    .join(", "))
}
