//! What a recording holds, in a few lines: its span, targets, counts, schema version, the
//! programs that wrote it, where a copy came from, and whether part of it waits in its WAL.

use std::path::Path;

use super::StoreError;
use super::export::iso_time;
use super::reader::{Recording, TargetRow};

/// A recording's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// Schema version.
    pub schema: i64,
    /// First and last reading.
    pub span: Option<(i64, i64)>,
    /// Targets with their number of readings.
    pub targets: Vec<(TargetRow, i64)>,
    /// Rows per table: sample, message, event, command, commissioning.
    pub counts: Vec<(&'static str, i64)>,
    /// Runs that wrote it: start and program.
    pub sessions: Vec<(i64, String)>,
    /// Where a copy came from: source file and note, one per copy.
    pub origin: Vec<(String, String)>,
    /// Bytes of the file, and of its `-wal` beside it (not yet in the main file).
    pub size: (u64, u64),
}

/// Reads the description of the recording at `path`.
pub fn info(path: &Path) -> Result<Info, StoreError> {
    let rec = Recording::open(path)?;
    let q = |sql: &str| -> Result<i64, StoreError> {
        rec.conn
            .query_row(sql, [], |r| r.get(0))
            .map_err(|e| rec.err(e))
    };
    let schema = q("PRAGMA user_version")?;
    let mut targets = Vec::new();
    for mut t in rec.targets()? {
        // The registry says when a target logged in; its readings say when it was last seen.
        let (n, last): (i64, Option<i64>) = rec
            .conn
            .query_row(
                "SELECT count(*), max(t_ms) FROM sample WHERE target = ?1",
                [t.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| rec.err(e))?;
        t.last_seen_ms = t.last_seen_ms.max(last);
        targets.push((t, n));
    }
    let mut counts = Vec::new();
    for table in ["sample", "message", "event", "command", "commissioning"] {
        let has = q(&format!(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        ))?;
        counts.push((table, if has > 0 { rec.count(table)? } else { 0 }));
    }
    let rows = |sql: &str| -> Result<Vec<(String, String)>, StoreError> {
        let mut st = rec.conn.prepare(sql).map_err(|e| rec.err(e))?;
        let r = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| rec.err(e))?;
        r.collect::<Result<_, _>>().map_err(|e| rec.err(e))
    };
    let sessions = rows("SELECT CAST(started_ms AS TEXT), program FROM session ORDER BY id")?
        .into_iter()
        .map(|(t, p)| (t.parse().unwrap_or(0), p))
        .collect();
    let origin = if q("SELECT count(*) FROM sqlite_master WHERE name = 'origin'")? > 0 {
        rows("SELECT source, note FROM origin ORDER BY id")?
    } else {
        Vec::new()
    };
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Ok(Info {
        schema,
        span: rec.span()?,
        targets,
        counts,
        sessions,
        origin,
        size: (len(path), len(Path::new(&wal))),
    })
}

/// What is wrong with an open recording, in words, or `None` for a sound one: SQLite's quick
/// check, and how much could still be read.
pub fn damage(rec: &Recording) -> Option<String> {
    let problems: Result<Vec<String>, rusqlite::Error> = rec
        .conn
        .prepare("PRAGMA quick_check(20)")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect());
    let first = match problems {
        Ok(p) if p.len() == 1 && p[0] == "ok" => return None,
        Ok(p) => format!(
            "{} problems found, first: {}",
            p.len(),
            p.first().cloned().unwrap_or_default()
        ),
        Err(e) => e.to_string(),
    };
    let readable = match rec.count("sample") {
        Ok(n) => format!("{n} readings could be read"),
        Err(_) => "its readings could not be counted".into(),
    };
    Some(format!(
        "this file is damaged ({first}); it is shown read-only with what could be read: {readable}"
    ))
}

impl Info {
    /// The description as `cmmctl recording info` prints it.
    pub fn text(&self, path: &Path) -> String {
        let mut out = format!("{}\n", path.display());
        out.push_str(&format!("  schema version {}\n", self.schema));
        match self.span {
            Some((a, b)) => out.push_str(&format!(
                "  span           {} to {} ({})\n",
                iso_time(a, false),
                iso_time(b, false),
                span_words(b - a)
            )),
            None => out.push_str("  span           no readings\n"),
        }
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(t, n)| format!("{n} {t}s"))
            .collect();
        out.push_str(&format!("  counts         {}\n", counts.join(", ")));
        out.push_str(&format!("  targets        {}\n", self.targets.len()));
        for (t, n) in &self.targets {
            let seen = match (t.first_seen_ms, t.last_seen_ms) {
                (Some(a), Some(b)) => {
                    format!(", seen {} to {}", iso_time(a, false), iso_time(b, false))
                }
                _ => String::new(),
            };
            out.push_str(&format!(
                "    {} {:?} {}: {n} readings{seen}\n",
                t.key, t.hostname, t.moduletype
            ));
        }
        for (start, program) in &self.sessions {
            out.push_str(&format!(
                "  written by     {program} from {}\n",
                iso_time(*start, false)
            ));
        }
        for (source, note) in &self.origin {
            out.push_str(&format!("  a copy of      {source} ({note})\n"));
        }
        out.push_str(&format!("  size           {} bytes", self.size.0));
        if self.size.1 > 0 {
            out.push_str(&format!(
                "; {} bytes more wait in its -wal file beside it (the program writing it is \
                 running, or was killed): copy both, or make a copy with `cmmctl recording copy`",
                self.size.1
            ));
        }
        out.push('\n');
        out
    }
}

/// A span in words: `42 s`, `12 min 05 s`, `3 h 02 min`.
fn span_words(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {:02} s", s / 60, s % 60),
        _ => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}
