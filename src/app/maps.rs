//! Register map files from disk: the one loader every front end uses.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::command::CoreError;
use crate::proto::map::{RegisterMap, builtin_maps, parse_map};

/// Reads and validates a map file; the error names the file, the line and the field.
pub fn load_map_file(path: &Path) -> Result<RegisterMap, CoreError> {
    let error = |reason: String| CoreError::Map {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
    parse_map(&text).map_err(|e| error(e.to_string()))
}

/// The maps to decode with: `files` in the order given, then the maps folder's, then the
/// shipped ones. A map of the folder that does not load is refused, naming it.
pub fn load_maps(files: &[PathBuf]) -> Result<Vec<Arc<RegisterMap>>, CoreError> {
    let mut maps = Vec::with_capacity(files.len());
    for f in files {
        maps.push(Arc::new(load_map_file(f)?));
    }
    let (mine, errors) = folder_maps(folder().as_deref());
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    maps.extend(mine);
    maps.extend(builtin_maps());
    Ok(maps)
}

/// The folder of the maps made in the app (or put there by hand), used before the shipped
/// ones: `~/.local/share/cmm-commissioner/maps`, `%LOCALAPPDATA%\cmm-commissioner\data\maps`.
pub fn folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cmm-commissioner")
        .map(|d| d.data_local_dir().join("maps"))
}

/// The maps in `dir` (every `.toml`, by name), and why each one that did not load did not.
pub fn folder_maps(dir: Option<&Path>) -> (Vec<Arc<RegisterMap>>, Vec<CoreError>) {
    let Some(Ok(entries)) = dir.map(std::fs::read_dir) else {
        return Default::default();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
        })
        .collect();
    files.sort();
    let (mut maps, mut errors) = (Vec::new(), Vec::new());
    for f in files {
        match load_map_file(&f) {
            Ok(m) => maps.push(Arc::new(m)),
            Err(e) => errors.push(e),
        }
    }
    (maps, errors)
}

/// The file name a map for `model` is saved under: the model with what a file name cannot
/// hold replaced.
pub fn file_name(model: &str) -> String {
    let safe: String = model
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}.toml", if safe.is_empty() { "map" } else { &safe })
}

/// Writes `text` (a map that was validated) into `dir` as the map of `model`, replacing the
/// one made before; the file is whole or not there (written aside, then renamed).
pub fn save_map(dir: &Path, model: &str, text: &str) -> Result<PathBuf, CoreError> {
    let path = dir.join(file_name(model));
    let error = |reason: String| CoreError::Map {
        path: path.clone(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|e| error(e.to_string()))?;
    crate::store::file_out::write_whole(&path, |w| {
        use std::io::Write as _;
        w.write_all(text.as_bytes())
            .map_err(|e| crate::store::StoreError::Io {
                path: path.clone(),
                reason: e.to_string(),
            })
    })
    .map_err(|e| error(e.to_string()))?;
    Ok(path)
}
