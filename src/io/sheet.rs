//! A spreadsheet exported as CSV, read the way every orgscale import reads one: UTF-8 with or
//! without a byte-order mark, not empty, cells trimmed, rows of any length, columns found by
//! their header in any order and case; every problem names its line.

use std::path::Path;

use super::{LoadError, Place};

/// A CSV file opened for reading, its header row read.
pub(crate) struct Sheet<'a> {
    path: &'a Path,
    pub(crate) rows: csv::Reader<&'a [u8]>,
    headers: csv::StringRecord,
}

impl<'a> Sheet<'a> {
    /// Open CSV bytes; `path` names the file in messages.
    pub(crate) fn open(path: &'a Path, bytes: &'a [u8]) -> Result<Sheet<'a>, LoadError> {
        let text = super::utf8(path, bytes)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(LoadError::new(path, Place::default(), "the file is empty"));
        }
        let mut rows = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rows
            .headers()
            .map_err(|e| line_error(path, 1, format!("cannot read the header row: {e}")))?
            .clone();
        Ok(Sheet {
            path,
            rows,
            headers,
        })
    }

    /// The column with this header (case ignored).
    pub(crate) fn col(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The columns of `required` the header lacks.
    pub(crate) fn missing<'n>(&self, required: &[&'n str]) -> Vec<&'n str> {
        required
            .iter()
            .copied()
            .filter(|c| self.col(c).is_none())
            .collect()
    }

    /// A problem on a line of this file.
    pub(crate) fn error(&self, line: usize, message: String) -> LoadError {
        line_error(self.path, line, message)
    }

    /// Read the next row into `rec`: `Ok(None)` at the end, else its line.
    pub(crate) fn next(&mut self, rec: &mut csv::StringRecord) -> Result<Option<usize>, LoadError> {
        match self.rows.read_record(rec) {
            Ok(true) => Ok(Some(rec.position().map_or(0, |p| p.line() as usize))),
            Ok(false) => Ok(None),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                Err(self.error(line, format!("cannot read this row: {e}")))
            }
        }
    }
}

/// A problem on a line of a file.
pub(crate) fn line_error(path: &Path, line: usize, message: String) -> LoadError {
    LoadError::new(
        path,
        Place {
            path: None,
            line: Some(line),
            column: None,
        },
        message,
    )
}
