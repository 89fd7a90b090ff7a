//! Register map files from disk.

use std::path::Path;

use crate::proto::map::{RegisterMap, parse_map};

/// Reads and validates a map file; the error names the file, the line and the field.
pub fn load_map_file(path: &Path) -> Result<RegisterMap, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_map(&text).map_err(|e| format!("{}: {e}", path.display()))
}
