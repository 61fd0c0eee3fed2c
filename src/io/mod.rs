//! Reading and writing orgs: the JSON org file, the CSV roster, atomic saves.

pub mod atomic;
pub mod csv_roster;
pub mod json;
mod locate;
pub mod ratings_csv;
mod sheet;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Org;

pub use atomic::save_atomic;

/// Files larger than this are refused before reading (orgs of 10,000 teams are about 8 MB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Where in a file something is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// JSON path like `$.teams[3].group`, when known.
    pub path: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(l) = self.line {
            match self.column {
                Some(c) => parts.push(format!("line {l}, column {c}")),
                None => parts.push(format!("line {l}")),
            }
        }
        if let Some(p) = &self.path {
            parts.push(format!("at {p}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Why a file could not be loaded. The message names the file and the place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", file.display(), if place.line.is_some() || place.path.is_some() { format!(" ({place})") } else { String::new() })]
pub struct LoadError {
    pub file: PathBuf,
    pub place: Place,
    pub message: String,
}

impl LoadError {
    pub fn new(file: &Path, place: Place, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_path_buf(),
            place,
            message: message.into(),
        }
    }
}

/// The kinds of file an org can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Json,
    Csv,
}

impl InputKind {
    /// Guess from the file extension; JSON unless it ends in `.csv`.
    pub fn of(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => InputKind::Csv,
            _ => InputKind::Json,
        }
    }
}

/// Read a file's bytes with a size limit and a clear message when it cannot be read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        LoadError::new(
            path,
            Place::default(),
            format!("cannot read the file: {}", io_reason(&e)),
        )
    })?;
    if meta.is_dir() {
        return Err(LoadError::new(
            path,
            Place::default(),
            "this is a folder, not a file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(
            path,
            Place::default(),
            format!(
                "the file is too large ({} MB; orgscale reads files up to {} MB)",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    std::fs::read(path).map_err(|e| {
        LoadError::new(
            path,
            Place::default(),
            format!("cannot read the file: {}", io_reason(&e)),
        )
    })
}

/// Decode UTF-8, naming the line and column of the first bad byte.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let col_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[col_start..]).chars().count() + 1;
        LoadError::new(
            path,
            Place {
                path: None,
                line: Some(line),
                column: Some(column),
            },
            "the file is not UTF-8 text (save it as UTF-8 and try again)",
        )
    })
}

/// A short, human reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".to_string(),
        PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Load an org from a `.json` org file or a `.csv` roster.
pub fn load(path: &Path) -> Result<Org, LoadError> {
    let bytes = read_bytes(path)?;
    match InputKind::of(path) {
        InputKind::Json => json::from_bytes(path, &bytes),
        InputKind::Csv => csv_roster::import_bytes(path, &bytes),
    }
}
