//! The registry of modems across starts: every hostid that logged in, with its name and
//! model, read back from the recordings so a modem that reconnects with only `LongCon` after
//! the laptop restarted is still known.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::reader::{Recording, TargetRow};

/// Extension of recording files.
pub const EXTENSION: &str = "cmmrec";

/// The recordings in `dir`, newest first (by modification time).
pub fn recordings_in(dir: &Path) -> Vec<(PathBuf, std::fs::Metadata)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, std::fs::Metadata)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|p| std::fs::metadata(&p).ok().map(|m| (p, m)))
        .collect();
    out.sort_by_key(|(_, m)| std::cmp::Reverse(m.modified().ok()));
    out
}

/// The modems known before this start: those of `current` (when it already exists, as when
/// appending) and of the newest other recording beside it, by hostid, the latest login first.
pub fn known_modems(current: &Path) -> Result<Vec<TargetRow>, StoreError> {
    let mut sources: Vec<PathBuf> = Vec::new();
    if current.exists() {
        sources.push(current.to_path_buf());
    }
    if let Some(dir) = current.parent()
        && let Some((p, _)) = recordings_in(dir).into_iter().find(|(p, _)| p != current)
    {
        sources.push(p);
    }
    let mut by_key: BTreeMap<String, TargetRow> = BTreeMap::new();
    for s in sources {
        for t in Recording::open(&s)?.targets()? {
            if crate::model::TargetId::is_serial(&t.key) || t.moduletype.is_empty() {
                continue;
            }
            let newer = by_key
                .get(&t.key)
                .is_none_or(|old| t.last_seen_ms > old.last_seen_ms);
            if newer {
                by_key.insert(t.key.clone(), t);
            }
        }
    }
    Ok(by_key.into_values().collect())
}

/// Deletes the oldest recordings of `dir` beyond `keep_days` of age or `keep_bytes` in all,
/// never `open` (the one being written). Returns what was deleted.
pub fn prune(
    dir: &Path,
    keep_days: Option<u32>,
    keep_bytes: Option<u64>,
    open: &Path,
) -> Vec<PathBuf> {
    let now = std::time::SystemTime::now();
    // The open one counts first: it is never deleted.
    let mut total: u64 = std::fs::metadata(open).map_or(0, |m| m.len());
    let mut deleted = Vec::new();
    // Newest first: keep until a limit is passed, then delete the rest.
    for (p, m) in recordings_in(dir) {
        if p == open {
            continue;
        }
        let age_days = m
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .map_or(0, |d| d.as_secs() / 86_400);
        let too_old = keep_days.is_some_and(|k| age_days >= u64::from(k));
        let too_big = keep_bytes.is_some_and(|k| total + m.len() > k);
        if too_old || too_big {
            let wal = p.with_extension(format!("{EXTENSION}-wal"));
            let shm = p.with_extension(format!("{EXTENSION}-shm"));
            if std::fs::remove_file(&p).is_ok() {
                let _ = std::fs::remove_file(wal);
                let _ = std::fs::remove_file(shm);
                deleted.push(p);
            }
        } else {
            total += m.len();
        }
    }
    deleted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Record, Recorder};

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("cmm-registry-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn login(key: &str, model: &str, t_ms: i64) -> Record {
        Record::Target {
            key: key.into(),
            hostname: format!("{key}-name"),
            moduletype: model.into(),
            accepted: Some(true),
            module_port: None,
            module_baud: None,
            peer: "192.0.2.1:1".into(),
            t_ms,
        }
    }

    #[test]
    fn the_modems_of_the_last_recording_are_known_at_the_next_start() {
        let d = dir("known");
        let old = d.join(format!("a.{EXTENSION}"));
        let r = Recorder::open(&old, "test").unwrap();
        r.record(login("H1", "HGM6120N-4G", 1));
        r.record(login("serial:/dev/ttyUSB0:1", "HGM6120N", 1));
        r.close().unwrap();
        let next = d.join(format!("b.{EXTENSION}"));
        let known = known_modems(&next).unwrap();
        assert_eq!(known.len(), 1, "serial links are not modems");
        assert_eq!(known[0].key, "H1");
        assert_eq!(known[0].moduletype, "HGM6120N-4G");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn pruning_deletes_the_oldest_beyond_the_limits_never_the_open_one() {
        let d = dir("prune");
        let day = std::time::Duration::from_secs(86_400);
        let now = std::time::SystemTime::now();
        let mut files = Vec::new();
        for (i, age) in [0u32, 2, 5, 9].iter().enumerate() {
            let p = d.join(format!("r{i}.{EXTENSION}"));
            std::fs::write(&p, vec![0u8; 1000]).unwrap();
            let f = std::fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(now - day * *age).unwrap();
            files.push(p);
        }
        // The open one is the oldest: it stays whatever the limits.
        let open = files[3].clone();
        let gone = prune(&d, Some(4), None, &open);
        assert_eq!(gone, vec![files[2].clone()], "5 days old, beyond 4");
        let gone = prune(&d, None, Some(2500), &open);
        assert_eq!(
            gone,
            vec![files[1].clone()],
            "the open 1000 B and the newest 1000 B fit in 2500 B"
        );
        assert!(open.exists() && files[0].exists());
        let _ = std::fs::remove_dir_all(&d);
    }
}
