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

/// The maps to decode with: `files` in the order given, then the shipped ones.
pub fn load_maps(files: &[PathBuf]) -> Result<Vec<Arc<RegisterMap>>, CoreError> {
    let mut maps = Vec::with_capacity(files.len());
    for f in files {
        maps.push(Arc::new(load_map_file(f)?));
    }
    maps.extend(builtin_maps());
    Ok(maps)
}
