//! Recordings on disk (SQLite through rusqlite): the schema and its version, one writer thread
//! fed by a channel with batched commits, reads of a recording, and CSV export. Depends on
//! `proto` only.

pub mod columns;
pub mod copy;
pub mod dialect;
pub mod export;
pub mod file_out;
pub mod info;
pub mod reader;
pub mod registry;
pub mod schema;
pub mod seek;
pub mod stale;
pub mod writer;

use std::path::PathBuf;

use crate::proto::Table;

pub use writer::Recorder;

/// Why a recording could not be written or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused (disk full, read-only folder, a damaged file...).
    #[error("{}", t!("recording { $path }: { $reason }", path = .path.display().to_string(), reason = .reason.as_str()))]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// A file or folder could not be used.
    #[error("{}", t!("recording { $path }: { $reason }", path = .path.display().to_string(), reason = .reason.as_str()))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The file is some other database.
    #[error("{}", t!("{ $path } is not a CMM Commissioner recording", path = .0.display().to_string()))]
    NotARecording(PathBuf),
    /// The file was written by a newer version of the program.
    #[error("{}", t!(
        "{ $path } was made by a newer version of CMM Commissioner (schema { $version }); this one reads schema { $ours }",
        path = .path.display().to_string(),
        version = .version.to_string(),
        ours = schema::SCHEMA_VERSION.to_string()
    ))]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        version: i64,
    },
    /// A copy's destination is an existing file, and replacing it was not asked for.
    #[error("{}", t!("recording { $path }: a file is already there: give another name", path = .0.display().to_string()))]
    Exists(PathBuf),
    /// The writer fell behind and records were lost.
    #[error("{}", t!("the recorder fell behind: { $n } records not written", n = .0.to_string()))]
    Behind(u64),
    /// Bad arguments (an unknown value name, a bad time).
    #[error("{0}")]
    Query(String),
}

pub use crate::model::Direction;

/// Where a message came from or went: a modem's address, or a serial port. Kept as it is
/// until the writer writes it as text, so that recording a message formats nothing on the
/// core's thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// A modem's (or a remote's) address.
    Net(std::net::SocketAddr),
    /// A serial port, or another name.
    Named(String),
}

impl std::fmt::Display for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Net(a) => a.fmt(f),
            Peer::Named(n) => f.write_str(n),
        }
    }
}

/// Something to keep.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A target as last known (its login, or a serial link's settings).
    Target {
        /// Hostid or serial target id.
        key: String,
        /// Name.
        hostname: String,
        /// Model.
        moduletype: String,
        /// Login accepted (`None`: not a login).
        accepted: Option<bool>,
        /// `modulePort`.
        module_port: Option<u8>,
        /// `moduleBaud`.
        module_baud: Option<u8>,
        /// Peer address or port.
        peer: String,
        /// When.
        t_ms: i64,
    },
    /// A value changed (or was seen for the first time).
    Sample {
        /// Target.
        target: String,
        /// Table.
        table: Table,
        /// Address.
        addr: u16,
        /// Raw word (0/1 for bits).
        raw: u16,
        /// When.
        t_ms: i64,
    },
    /// The values one upload or poll changed, at one time (one record for all of them).
    Samples {
        /// Target.
        target: String,
        /// When.
        t_ms: i64,
        /// Table, address and raw word (0/1 for bits) of each.
        values: Vec<(Table, u16, u16)>,
    },
    /// A message as it was on the wire.
    Message {
        /// Target, when known.
        target: Option<String>,
        /// Peer address, or serial port.
        peer: Peer,
        /// Which way.
        dir: Direction,
        /// The text.
        text: String,
        /// When.
        t_ms: i64,
    },
    /// Something that happened: `kind` is login, online, offline, link_up, link_down,
    /// alarm_on, alarm_off, marker, protocol_error, error.
    Event {
        /// Target, when one is concerned.
        target: Option<String>,
        /// What kind.
        kind: &'static str,
        /// In words.
        text: String,
        /// When.
        t_ms: i64,
    },
    /// A command went out.
    Command {
        /// Target.
        target: String,
        /// Command id.
        uid: String,
        /// Its name, when known.
        name: Option<String>,
        /// Decoded.
        decoded: String,
        /// Frame hex.
        frame: Option<String>,
        /// When.
        t_ms: i64,
    },
    /// How a command ended.
    Outcome {
        /// Target.
        target: String,
        /// Command id.
        uid: String,
        /// accepted, rejected, timeout, gone.
        outcome: &'static str,
        /// What the modem said.
        detail: String,
        /// When.
        t_ms: i64,
    },
    /// Something the engineer entered for a commissioning (see the `commissioning` table).
    Commissioning {
        /// Target.
        target: String,
        /// field, step_start, step_end, protection, protection_clear.
        kind: &'static str,
        /// The field, step or test.
        name: String,
        /// Its value, planned seconds or note.
        value: String,
        /// When.
        t_ms: i64,
    },
    /// Whether the readings confirmed a command.
    Verified {
        /// Target.
        target: String,
        /// Command id.
        uid: String,
        /// The verdict.
        verified: bool,
    },
}

impl Record {
    /// The rows it makes in the file (a sample each for [`Record::Samples`]).
    pub fn rows(&self) -> usize {
        match self {
            Record::Samples { values, .. } => values.len(),
            _ => 1,
        }
    }
}

/// Table codes in the file: the Modbus read function.
pub fn table_code(t: Table) -> i64 {
    i64::from(t.read_function())
}

/// The table of a code in the file.
pub fn table_of(code: i64) -> Option<Table> {
    u8::try_from(code).ok().and_then(Table::from_read_function)
}

#[cfg(test)]
mod tests;
