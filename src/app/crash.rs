//! Crash reports: when the desktop app panics, what happened is written to a file in its log
//! folder; at the next start the app says so and offers to start with the default view (a
//! remembered layout or plot may be what brought it down).

use std::path::{Path, PathBuf};

/// Reports are named `crash-<time>.txt`; one that was shown at a start is renamed `.seen`.
const PREFIX: &str = "crash-";

/// The crash reports of a log folder.
#[derive(Debug, Clone)]
pub struct CrashReports {
    dir: PathBuf,
}

impl CrashReports {
    /// Reports in `dir` (created when the first report is written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        CrashReports { dir: dir.into() }
    }

    /// The log folder in the user's data folder (`~/.local/share/cmm-commissioner/logs`,
    /// `%LOCALAPPDATA%\cmm-commissioner\data\logs`), if the system has a home folder.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "cmm-commissioner")
            .map(|d| d.data_local_dir().join("logs"))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a report: what panicked, where, the program's version and a backtrace.
    /// Returns its path.
    pub fn write(
        &self,
        message: &str,
        location: &str,
        backtrace: &str,
    ) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)?;
        let now = chrono::Local::now();
        let path = self
            .dir
            .join(format!("{PREFIX}{}.txt", now.format("%Y%m%d-%H%M%S%.3f")));
        let text = format!(
            "CMM Commissioner {} stopped unexpectedly at {}\n\npanic: {message}\nat: {location}\n\n{backtrace}\n",
            env!("CARGO_PKG_VERSION"),
            now.to_rfc3339(),
        );
        std::fs::write(&path, text)?;
        Ok(path)
    }

    /// The newest report not yet shown, if any.
    pub fn unseen(&self) -> Option<PathBuf> {
        let mut reports: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".txt"))
            })
            .collect();
        reports.sort();
        reports.pop()
    }

    /// Marks every report as shown (so the next start is quiet).
    pub fn mark_seen(&self) -> std::io::Result<()> {
        while let Some(p) = self.unseen() {
            std::fs::rename(&p, p.with_extension("txt.seen"))?;
        }
        Ok(())
    }

    /// Writes a report for every panic from now on (then the usual message follows).
    pub fn install_hook(self) {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let thread = std::thread::current();
            let message = format!("{message} (thread {})", thread.name().unwrap_or("?"));
            let backtrace = std::backtrace::Backtrace::force_capture().to_string();
            match self.write(&message, &location, &backtrace) {
                Ok(p) => eprintln!("cmm-commissioner: crash report written to {}", p.display()),
                Err(e) => eprintln!("cmm-commissioner: cannot write a crash report: {e}"),
            }
            previous(info);
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_written_found_once_and_then_quiet() {
        let dir = std::env::temp_dir().join(format!("cmm-crash-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let reports = CrashReports::new(&dir);
        assert_eq!(reports.unseen(), None, "no folder yet: nothing to say");
        let path = reports
            .write(
                "index out of bounds",
                "src/ui/plot_ui.rs:1:1",
                "backtrace here",
            )
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("panic: index out of bounds"), "{text}");
        assert!(text.contains("src/ui/plot_ui.rs:1:1"), "{text}");
        assert_eq!(reports.unseen(), Some(path.clone()));
        reports.mark_seen().unwrap();
        assert_eq!(reports.unseen(), None);
        assert!(
            path.with_extension("txt.seen").exists(),
            "kept, not deleted"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_hook_writes_a_report_when_something_panics() {
        let dir = std::env::temp_dir().join(format!("cmm-crash-hook-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        CrashReports::new(&dir).install_hook();
        let r = std::thread::Builder::new()
            .name("plot".into())
            .spawn(|| panic!("a Display implementation returned an error"))
            .unwrap()
            .join();
        // Back to the default hook for the other tests.
        drop(std::panic::take_hook());
        assert!(r.is_err());
        let report = CrashReports::new(&dir).unseen().expect("a report");
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(
            text.contains("panic: a Display implementation returned an error (thread plot)"),
            "{text}"
        );
        assert!(text.contains("crash.rs"), "where it happened: {text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
