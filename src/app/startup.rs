//! What the desktop app starts with.

use std::path::PathBuf;

use super::settings::Settings;
use crate::link::ServerConfig;

/// Options the app starts with.
#[derive(Debug, Clone)]
pub struct Startup {
    /// Server settings.
    pub server: ServerConfig,
    /// Start simulated modems against the app's own server.
    pub demo: bool,
    /// Number of simulated modems in demo mode.
    pub demo_modems: usize,
    /// What was remembered from the last run (see [`Startup::from_settings`]).
    pub settings: Settings,
    /// Where to save settings (`None`: not saved, as in tests).
    pub settings_path: Option<PathBuf>,
    /// Something to tell the user at start (e.g. a settings file that could not be read): in
    /// the log, and in the status bar until dismissed.
    pub notice: Option<String>,
    /// The crash report of the last run, if it ended in a crash.
    pub crash: Option<PathBuf>,
    /// Record everything to this file.
    pub record: Option<PathBuf>,
    /// Show this recording read-only instead of serving.
    pub offline: Option<PathBuf>,
    /// The maps folder: its maps are used before the shipped ones, and maps made in the app
    /// are saved there (`None`: neither, as in tests).
    pub maps_dir: Option<PathBuf>,
}

impl Startup {
    /// Starts as `settings` say: listen and advertised address from them. A listen address
    /// that does not parse is reported in the log and the default used.
    pub fn from_settings(settings: Settings, settings_path: Option<PathBuf>) -> Self {
        let mut server = ServerConfig {
            traffic: true,
            ..Default::default()
        };
        if let Ok(a) = settings.listen.parse() {
            server.listen = a;
        }
        let advertise = settings.advertise.trim();
        if !advertise.is_empty() {
            server.advertise = Some(advertise.to_string());
        }
        Startup {
            server,
            demo: false,
            demo_modems: 3,
            settings,
            settings_path,
            notice: None,
            crash: None,
            record: None,
            offline: None,
            maps_dir: None,
        }
    }
}

impl Default for Startup {
    fn default() -> Self {
        Startup::from_settings(Settings::default(), None)
    }
}
