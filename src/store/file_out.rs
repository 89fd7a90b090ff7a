//! Files written whole or not at all: the content goes to a temporary file beside the
//! destination, which is renamed over it only once it is complete. A failed export or copy
//! leaves nothing behind (no empty or half-written file), and never touches what was there.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::StoreError;

fn io(path: &Path, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// The temporary file beside `path` (same folder: the rename cannot cross file systems).
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

/// Refuses a destination that is a folder, with the reason.
pub fn check_destination(path: &Path) -> Result<(), StoreError> {
    if path.as_os_str().is_empty() {
        return Err(io(path, "no file name given"));
    }
    if path.is_dir() {
        return Err(io(path, "this is a folder: give a file name in it"));
    }
    Ok(())
}

/// Writes `path` through `f` via a temporary file; on any failure the temporary file is
/// removed and `path` is as it was.
pub fn write_whole<T>(
    path: &Path,
    f: impl FnOnce(&mut BufWriter<File>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    check_destination(path)?;
    let temp = temp_beside(path);
    let result = (|| {
        let file = File::create(&temp).map_err(|e| io(path, format!("cannot write here: {e}")))?;
        let mut w = BufWriter::new(file);
        let value = f(&mut w)?;
        let file = w.into_inner().map_err(|e| io(path, e.error()))?;
        file.sync_all().map_err(|e| io(path, e))?;
        drop(file);
        finish(&temp, path)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Renames the complete temporary file over `path`.
pub fn finish(temp: &Path, path: &Path) -> Result<(), StoreError> {
    std::fs::rename(temp, path).map_err(|e| io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_failed_write_leaves_nothing_and_a_good_one_replaces_the_file() {
        let d = std::env::temp_dir().join(format!("cmm-file-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let p = d.join("out.csv");
        let failed: Result<(), _> = write_whole(&p, |w| {
            w.write_all(b"half").unwrap();
            Err(StoreError::Query("no value named \"x\"".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 0, "nothing left");
        std::fs::write(&p, "old").unwrap();
        write_whole(&p, |w| w.write_all(b"new").map_err(|e| io(&p, e))).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let e = write_whole(&d, |_| Ok(())).unwrap_err().to_string();
        assert!(e.contains("folder"), "{e}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
