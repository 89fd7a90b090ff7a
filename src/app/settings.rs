//! What the desktop app remembers between runs, in a JSON file in the user's configuration
//! folder (`directories`). Window size and panel layout are kept by eframe's own persistence.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::proto::Table;

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
    /// Light with black text and strong outlines, for sunlight.
    #[serde(rename = "high_contrast")]
    HighContrast,
}

/// The broker last attached to (never its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrokerPrefs {
    /// `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`.
    pub url: String,
    /// User name.
    pub user: String,
    /// Topic prefix of the bridges.
    pub prefix: String,
    /// CA file for mqtts:// (empty: the system's certificates).
    pub ca: String,
}

impl Default for BrokerPrefs {
    fn default() -> Self {
        BrokerPrefs {
            url: String::new(),
            user: String::new(),
            prefix: "cmm".into(),
            ca: String::new(),
        }
    }
}

/// The last serial settings used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SerialPrefs {
    /// Port path.
    pub port: String,
    /// Baud rate.
    pub baud: u32,
    /// Slave id.
    pub slave: u8,
    /// `none`, `even` or `odd`.
    pub parity: String,
    /// 1 or 2.
    pub stop_bits: u8,
    /// Controller model, for its register map and poll plan.
    pub model: String,
}

impl Default for SerialPrefs {
    fn default() -> Self {
        SerialPrefs {
            port: String::new(),
            baud: 9600,
            slave: 1,
            parity: "none".into(),
            stop_bits: 1,
            model: "HGM6120N".into(),
        }
    }
}

/// A plotted value: target, table name (`coils`, `holding`, ...) and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlottedPref {
    /// Modem hostid or serial target.
    pub target: String,
    /// Table name.
    pub table: String,
    /// First address.
    pub addr: u16,
}

impl PlottedPref {
    /// The table, if the name is known.
    pub fn table(&self) -> Option<Table> {
        [
            Table::Coils,
            Table::DiscreteInputs,
            Table::Holding,
            Table::Input,
        ]
        .into_iter()
        .find(|t| t.name() == self.table)
    }
}

/// Everything remembered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Address and port the modem server listens on.
    pub listen: String,
    /// HOST:PORT told to modems (empty: the laptop's primary IPv4).
    pub advertise: String,
    /// Last serial settings.
    pub serial: SerialPrefs,
    /// Plotted values.
    pub plotted: Vec<PlottedPref>,
    /// Theme.
    pub theme: Theme,
    /// Traffic inspector open.
    pub traffic_open: bool,
    /// Plot normalised to 0..1.
    pub normalise: bool,
    /// Each plotted value in its own plot, on its own scale.
    pub own_scales: bool,
    /// The target selected last (hostid or serial target).
    pub selected: String,
    /// Register addresses shown in hex (`0x0018`) rather than decimal (`24`), everywhere.
    pub hex_addresses: bool,
    /// Recordings kept at most this many days (the oldest deleted at start; never the open one).
    pub recordings_keep_days: Option<u32>,
    /// Recordings kept at most this many MB in all.
    pub recordings_keep_mb: Option<u64>,
    /// The load steps a commissioning offers: name and planned minutes.
    pub load_steps: Vec<StepPref>,
    /// Size of everything in the window, percent (100: as designed).
    pub ui_scale_percent: u16,
    /// Maps chosen by hand: target (hostid or serial target) -> the map's name.
    pub map_choices: std::collections::BTreeMap<String, String>,
    /// The broker last attached to.
    pub broker: BrokerPrefs,
    /// The Targets panel put away (Ctrl+[).
    pub targets_hidden: bool,
    /// The Commands panel put away (Ctrl+]).
    pub commands_hidden: bool,
    /// The language of the window (`en`, `zh`, `ru`, `es`); empty: the system's.
    pub language: String,
}

/// A planned load step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPref {
    /// Name ("25 %").
    pub name: String,
    /// Planned duration, minutes.
    pub minutes: u32,
}

/// The default load steps: no load, 25, 50, 75, 100 and 110 %.
pub fn default_steps() -> Vec<StepPref> {
    crate::report::DEFAULT_STEPS
        .iter()
        .map(|(name, s)| StepPref {
            name: (*name).to_string(),
            minutes: s / 60,
        })
        .collect()
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: "0.0.0.0:21318".into(),
            advertise: String::new(),
            serial: SerialPrefs::default(),
            plotted: Vec::new(),
            theme: Theme::System,
            traffic_open: false,
            normalise: false,
            own_scales: false,
            selected: String::new(),
            hex_addresses: false,
            recordings_keep_days: None,
            recordings_keep_mb: None,
            load_steps: default_steps(),
            ui_scale_percent: 100,
            map_choices: Default::default(),
            broker: BrokerPrefs::default(),
            targets_hidden: false,
            commands_hidden: false,
            language: String::new(),
        }
    }
}

impl Settings {
    /// The language of the window: the one chosen, else the system's.
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_code(&self.language).unwrap_or_else(crate::i18n::Lang::system)
    }

    /// Where settings live by default (`~/.config/cmm-commissioner/settings.json`,
    /// `%APPDATA%\cmm-commissioner\config\settings.json`), if the system has a home folder.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "cmm-commissioner")
            .map(|d| d.config_dir().join("settings.json"))
    }

    /// Reads `path`. A missing file gives the defaults. A file that cannot be read or is not
    /// settings gives the defaults and the reason, so the app can say so instead of failing to
    /// start; the file is first moved aside to `settings.json.bad-TIME` (see `keep_aside`),
    /// so what the engineer had is never lost to the next save.
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let problem = match std::fs::read_to_string(path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(s) => return (s, None),
                Err(e) => e.to_string(),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None);
            }
            Err(e) => t!("cannot read it: { $reason }", reason = e.to_string()),
        };
        let what = match keep_aside(path) {
            Ok(kept) => t!(
                "the file is kept as { $file }",
                file = kept.display().to_string()
            ),
            Err(e) => t!(
                "it cannot be kept aside ({ $reason }), so it will not be overwritten: settings \
                 are not saved this run",
                reason = e.to_string()
            ),
        };
        let text = t!(
            "settings in { $file } ignored (defaults used): { $problem }; { $outcome }",
            file = path.display().to_string(),
            problem = problem,
            outcome = what
        );
        (Settings::default(), Some(text))
    }

    /// Writes `path` (through a temporary file, so a crash never leaves half a file). A file
    /// there that does not read as settings is moved aside first (see `keep_aside`); when
    /// that cannot be done it is left alone and this fails.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if !replaceable(path) {
            keep_aside(path).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    t!(
                        "{ $file } is not readable settings and cannot be kept aside \
                         ({ $reason }); not overwritten",
                        file = path.display().to_string(),
                        reason = e.to_string()
                    ),
                )
            })?;
        }
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text + "\n")?;
        std::fs::rename(&tmp, path)
    }
}

/// Whether a save may replace what is at `path`: nothing, or settings that read.
fn replaceable(path: &Path) -> bool {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<Settings>(&text).is_ok(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Moves a settings file that cannot be read to `<name>.bad-<local time>` beside it (a
/// counter is added when that name is taken) and returns where it went. A rename, not a
/// copy: it needs no read access and cannot half-succeed.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "settings.json".into());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut kept = path.with_file_name(format!("{name}.bad-{stamp}"));
    let mut n = 1;
    while std::fs::symlink_metadata(&kept).is_ok() {
        n += 1;
        kept = path.with_file_name(format!("{name}.bad-{stamp}-{n}"));
    }
    std::fs::rename(path, &kept)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_a_real_file() {
        let dir = std::env::temp_dir().join(format!("cmm-settings-{}", std::process::id()));
        let path = dir.join("sub").join("settings.json");
        let mut s = Settings {
            listen: "127.0.0.1:4000".into(),
            theme: Theme::Light,
            ..Default::default()
        };
        s.serial.port = "/dev/ttyUSB0".into();
        s.serial.baud = 19200;
        s.plotted.push(PlottedPref {
            target: "ABC".into(),
            table: Table::Input.name().into(),
            addr: 7,
        });
        s.save(&path).unwrap();
        let (back, err) = Settings::load(&path);
        assert_eq!(err, None);
        assert_eq!(back, s);
        assert_eq!(back.plotted[0].table(), Some(Table::Input));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_file_is_defaults_broken_file_is_reported() {
        let dir = std::env::temp_dir().join(format!("cmm-settings-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.json");
        assert_eq!(Settings::load(&path), (Settings::default(), None));
        std::fs::write(&path, "{\"listen\": 5").unwrap();
        let (s, err) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        let err = err.unwrap();
        assert!(err.contains("ignored"), "{err}");
        // The broken file is kept beside, as it was, and the message says where.
        let kept = bad_copies(&dir);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "{\"listen\": 5");
        assert!(err.contains(&kept[0].display().to_string()), "{err}");
        assert!(!path.exists(), "moved, not copied");
        // Unknown fields and missing ones are fine (older and newer versions share the file).
        std::fs::write(&path, "{\"theme\": \"dark\", \"future\": 1}").unwrap();
        let (s, err) = Settings::load(&path);
        assert_eq!(err, None);
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.listen, "0.0.0.0:21318");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_save_never_replaces_a_broken_file_without_keeping_it() {
        let dir = std::env::temp_dir().join(format!("cmm-settings-keep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.json");
        // Broken while the app ran (edited by hand, a disk full): kept before the save.
        std::fs::write(&path, "not json at all").unwrap();
        let s = Settings {
            theme: Theme::Dark,
            ..Default::default()
        };
        s.save(&path).unwrap();
        let kept = bad_copies(&dir);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(
            std::fs::read_to_string(&kept[0]).unwrap(),
            "not json at all"
        );
        assert_eq!(Settings::load(&path), (s.clone(), None));
        // Good settings are simply replaced: no copy.
        Settings::default().save(&path).unwrap();
        assert_eq!(bad_copies(&dir).len(), 1);
        // Two broken files in the same second get two names.
        std::fs::write(&path, "again").unwrap();
        let _ = Settings::load(&path);
        std::fs::write(&path, "and again").unwrap();
        let _ = Settings::load(&path);
        let mut texts: Vec<String> = bad_copies(&dir)
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.sort();
        assert_eq!(texts, ["again", "and again", "not json at all"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn bad_copies(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("settings.json.bad-"))
            .collect();
        v.sort();
        v
    }
}
