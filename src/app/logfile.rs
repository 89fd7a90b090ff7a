//! The desktop app's log file: what its event log says, plus how it started (version, the
//! renderer it found) and why it could not, in `cmm-commissioner.log` in the logs folder
//! (Help names it). Bounded: at [`MAX_BYTES`] the file moves to `.1` (the older ones to `.2`,
//! `.3`) and a new one begins; [`KEEP`] old files are kept.
//!
//! The app installs one for the process ([`install`]); the event log writes each line to it
//! ([`write`]). `cmmctl` installs none: its events go to stdout.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// A file is rotated when it would grow past this.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// Rotated files kept (`.1` newest).
pub const KEEP: usize = 3;
/// The file's name in the logs folder.
pub const FILE_NAME: &str = "cmm-commissioner.log";

/// A log file that rotates itself.
#[derive(Debug)]
pub struct LogFile {
    path: PathBuf,
    file: File,
    size: u64,
    max: u64,
}

impl LogFile {
    /// Opens (appends to) `FILE_NAME` in `dir`, creating the folder.
    pub fn open(dir: &Path) -> std::io::Result<LogFile> {
        Self::open_with(dir, MAX_BYTES)
    }

    /// As [`LogFile::open`], rotating at `max` bytes.
    pub fn open_with(dir: &Path, max: u64) -> std::io::Result<LogFile> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(FILE_NAME);
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let size = file.metadata()?.len();
        Ok(LogFile {
            path,
            file,
            size,
            max: max.max(256),
        })
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends a line stamped with the time (UTC).
    pub fn line(&mut self, text: &str) {
        let stamp = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ");
        let line = format!("{stamp} {}\n", text.replace('\n', " "));
        if self.size + line.len() as u64 > self.max && self.size > 0 {
            self.rotate();
        }
        if self.file.write_all(line.as_bytes()).is_ok() {
            self.size += line.len() as u64;
        }
    }

    fn rotate(&mut self) {
        let old = |n: usize| PathBuf::from(format!("{}.{n}", self.path.display()));
        let _ = std::fs::remove_file(old(KEEP));
        for n in (1..KEEP).rev() {
            let _ = std::fs::rename(old(n), old(n + 1));
        }
        let _ = std::fs::rename(&self.path, old(1));
        if let Ok(f) = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
        {
            self.file = f;
            self.size = 0;
        }
    }
}

fn global() -> &'static Mutex<Option<LogFile>> {
    static LOG: OnceLock<Mutex<Option<LogFile>>> = OnceLock::new();
    LOG.get_or_init(|| Mutex::new(None))
}

/// Makes `log` the process's log file.
pub fn install(log: LogFile) {
    *crate::sync::lock(global()) = Some(log);
}

/// Writes a line to the process's log file, if one is installed.
pub fn write(text: &str) {
    if let Some(log) = crate::sync::lock(global()).as_mut() {
        log.line(text);
    }
}

/// The process's log file, if one is installed.
pub fn installed_path() -> Option<PathBuf> {
    crate::sync::lock(global()).as_ref().map(|l| l.path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_go_to_the_file_which_rotates_and_stays_bounded() {
        let dir = std::env::temp_dir().join(format!("cmm-logfile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut log = LogFile::open_with(&dir, 1000).unwrap();
        for i in 0..200 {
            log.line(&format!("line {i} with some words\nsplit"));
        }
        let now = std::fs::read_to_string(log.path()).unwrap();
        assert!(now.ends_with("line 199 with some words split\n"), "{now}");
        assert!(std::fs::metadata(log.path()).unwrap().len() <= 1000);
        for n in 1..=KEEP {
            let p = dir.join(format!("{FILE_NAME}.{n}"));
            assert!(
                std::fs::metadata(&p).unwrap().len() <= 1000,
                "{}",
                p.display()
            );
        }
        assert!(!dir.join(format!("{FILE_NAME}.{}", KEEP + 1)).exists());
        let newest_old = std::fs::read_to_string(dir.join(format!("{FILE_NAME}.1"))).unwrap();
        assert!(newest_old.contains("line 1"), "{newest_old}");
        // Reopened, it appends.
        drop(log);
        let mut log = LogFile::open_with(&dir, 1000).unwrap();
        log.line("again");
        assert!(
            std::fs::read_to_string(log.path())
                .unwrap()
                .contains("line 199")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
