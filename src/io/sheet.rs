//! A spreadsheet exported as CSV, read the way every orgscale import reads one: UTF-8 with or
//! without a byte-order mark, not empty, cells trimmed, rows of any length, separated by commas
//! or (as spreadsheets in many European locales save them) by semicolons, lines ended by LF or
//! CRLF, columns found by their header in any order and case; every problem names its line.

use std::path::Path;

use super::{LoadError, Place};

/// A CSV file opened for reading, its header row read.
pub(crate) struct Sheet<'a> {
    path: &'a Path,
    text: &'a str,
    /// Where each line after the first starts, for the line of a row (the csv crate's own line
    /// count is one short for CRLF files).
    line_starts: Vec<usize>,
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
        // Semicolons separate the cells when the header has them and no commas.
        let header = text.lines().next().unwrap_or("");
        let delimiter = if header.contains(';') && !header.contains(',') {
            b';'
        } else {
            b','
        };
        let mut rows = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let headers = rows
            .headers()
            .map_err(|e| line_error(path, 1, format!("cannot read the header row: {e}")))?
            .clone();
        let line_starts = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        Ok(Sheet {
            path,
            text,
            line_starts,
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

    /// The 1-based line of the file a row starting at byte `at` is on.
    fn line_at(&self, at: u64) -> usize {
        // A row's start may be reported at the line end before it.
        let bytes = self.text.as_bytes();
        let mut at = at as usize;
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        1 + self.line_starts.partition_point(|s| *s <= at)
    }

    /// Read the next row into `rec`: `Ok(None)` at the end, else its line.
    pub(crate) fn next(&mut self, rec: &mut csv::StringRecord) -> Result<Option<usize>, LoadError> {
        match self.rows.read_record(rec) {
            Ok(true) => Ok(Some(rec.position().map_or(0, |p| self.line_at(p.byte())))),
            Ok(false) => Ok(None),
            Err(e) => {
                let line = e.position().map_or(0, |p| self.line_at(p.byte()));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<(usize, String)> {
        let path = Path::new("s.csv");
        let mut sheet = Sheet::open(path, text.as_bytes()).unwrap();
        let mut rec = csv::StringRecord::new();
        let mut out = Vec::new();
        while let Some(line) = sheet.next(&mut rec).unwrap() {
            out.push((line, rec.get(0).unwrap_or("").to_string()));
        }
        out
    }

    #[test]
    fn rows_know_their_line_whatever_ends_the_lines() {
        let want = vec![
            (2, "a".to_string()),
            (4, "b".to_string()),
            (5, "c".to_string()),
        ];
        assert_eq!(lines_of("x,y\na,1\n\nb,2\nc,3\n"), want);
        assert_eq!(lines_of("x,y\r\na,1\r\n\r\nb,2\r\nc,3\r\n"), want);
        assert_eq!(lines_of("\u{feff}x,y\r\na,1\r\n\r\nb,2\r\nc,3"), want);
        // A quoted cell over two lines: the next row is on the line after it.
        assert_eq!(
            lines_of("x,y\na,\"one\ntwo\"\nb,2\n"),
            vec![(2, "a".to_string()), (4, "b".to_string())]
        );
    }

    #[test]
    fn semicolons_separate_cells_when_the_header_has_no_commas() {
        let mut sheet =
            Sheet::open(Path::new("s.csv"), "round;rater\nQ1;Ana\n".as_bytes()).unwrap();
        assert_eq!(sheet.col("rater"), Some(1));
        let mut rec = csv::StringRecord::new();
        assert_eq!(sheet.next(&mut rec).unwrap(), Some(2));
        assert_eq!(rec.get(1), Some("Ana"));
        // A header with commas keeps commas, semicolons in a cell and all.
        let mut sheet = Sheet::open(Path::new("s.csv"), "round,note\nQ1,a;b\n".as_bytes()).unwrap();
        sheet.next(&mut rec).unwrap();
        assert_eq!(rec.get(1), Some("a;b"));
    }
}
