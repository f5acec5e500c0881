//! A YAML stream → the text of each of its documents, read one at a time, so a file of many
//! documents never has to be held in memory whole.
//!
//! The cut is made on lines, without parsing: in YAML a line that starts with `---` or `...`
//! followed by a space, a tab or the end of the line is always a document marker (it is
//! forbidden inside any scalar), and anchors, aliases and directives never reach across
//! documents. So each part parses exactly as it would inside the whole stream. Each part is
//! a [`SourceFile::part`] that knows the line it starts on, so positions stay those of the
//! file.

use std::io::BufRead;
use std::sync::Arc;

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::limits::Limits;

/// The documents' texts of one stream, in order; each item is one document's text (or a
/// stretch of comments and directives), or the reason the stream cannot be read further.
pub struct DocumentTexts<R> {
    reader: R,
    name: Arc<str>,
    limits: Limits,
    /// Bytes read so far.
    read: u64,
    /// Lines read so far.
    lines: usize,
    /// A `---` line read ahead: it starts the next part.
    pending: Option<Vec<u8>>,
    finished: bool,
}

impl<R: BufRead> DocumentTexts<R> {
    /// Reads `reader`, a file called `name`, which must be at most `--max-file-bytes` long.
    pub fn new(reader: R, name: impl Into<Arc<str>>, limits: &Limits) -> Self {
        Self {
            reader,
            name: name.into(),
            limits: *limits,
            read: 0,
            lines: 0,
            pending: None,
            finished: false,
        }
    }

    /// Reads one line onto the end of `part`; false at the end. Past a read error or the size
    /// limit nothing more can be trusted, so the stream ends after reporting it.
    fn read_line(&mut self, part: &mut Vec<u8>) -> Result<bool, SourceError> {
        let result = self.read_line_unchecked(part);
        if result.is_err() {
            self.finished = true;
            self.pending = None;
        }
        result
    }

    fn read_line_unchecked(&mut self, part: &mut Vec<u8>) -> Result<bool, SourceError> {
        let start = part.len();
        let n = self.reader.read_until(b'\n', part).map_err(|e| {
            SourceError::whole_file(
                ErrorCode::Io,
                &self.name,
                format!(
                    "cannot read `{}`: {}",
                    self.name,
                    crate::inputs::io_reason(&e)
                ),
            )
        })?;
        const BOM: &[u8] = "\u{feff}".as_bytes();
        if self.read == 0 && part[start..].starts_with(BOM) {
            // A byte-order mark is an editor's habit, not part of the text.
            part.drain(start..start + BOM.len());
        }
        self.read += n as u64;
        if self.read > self.limits.max_file_bytes {
            return Err(crate::inputs::too_large(&self.name, None, &self.limits));
        }
        Ok(n > 0)
    }

    fn next_part(&mut self) -> Result<Option<SourceFile>, SourceError> {
        let mut part = Vec::new();
        let mut first_line = self.lines;
        // A part is "open" once it holds a document's content or its `---`; until then it
        // holds only blank lines, comments and directives, which belong to the next document.
        let mut open = false;
        if let Some(marker) = self.pending.take() {
            first_line -= 1;
            part = marker;
            open = true;
        }
        // Lines are read straight onto the part: each byte is copied once.
        loop {
            let start = part.len();
            if !self.read_line(&mut part)? {
                self.finished = true;
                break;
            }
            self.lines += 1;
            let line = &part[start..];
            if is_marker(line, b"---") {
                if open {
                    self.pending = Some(line.to_vec());
                    part.truncate(start);
                    break;
                }
                open = true;
            } else if is_marker(line, b"...") {
                break;
            } else if !open && !is_blank_or_comment(line) && !line.starts_with(b"%") {
                open = true;
            }
        }
        if part.is_empty() && self.finished {
            return Ok(None);
        }
        self.text(part, first_line).map(Some)
    }

    fn text(&self, bytes: Vec<u8>, first_line: usize) -> Result<SourceFile, SourceError> {
        decode(Arc::clone(&self.name), bytes, first_line)
    }
}

/// The text of a file, or of the part of it that starts on line `first_line + 1`, refused
/// with the line and column of the first byte that is not UTF-8.
pub fn decode(
    name: Arc<str>,
    bytes: Vec<u8>,
    first_line: usize,
) -> Result<SourceFile, SourceError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::part(name, text, first_line)),
        Err(error) => {
            // Point at the first bad byte, in a lossy copy of the text.
            let at = error.utf8_error().valid_up_to();
            let lossy = SourceFile::part(
                Arc::clone(&name),
                String::from_utf8_lossy(error.as_bytes()).into_owned(),
                first_line,
            );
            let (line, column) = lossy.line_column(at);
            let utf16 = first_line == 0
                && (error.as_bytes().starts_with(&[0xFF, 0xFE])
                    || error.as_bytes().starts_with(&[0xFE, 0xFF]));
            Err(SourceError::new(
                ErrorCode::Io,
                &lossy,
                Span::new(at, 1),
                format!("`{name}` is not UTF-8 text (invalid byte on line {line}, column {column})"),
            )
            .with_help(if utf16 {
                "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
            } else {
                "save the file as UTF-8"
            }))
        }
    }
}

impl<R: BufRead> Iterator for DocumentTexts<R> {
    type Item = Result<SourceFile, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished && self.pending.is_none() {
            return None;
        }
        self.next_part().transpose()
    }
}

/// `---` or `...` at the start of a line, followed by a space, a tab or the line's end.
fn is_marker(line: &[u8], marker: &[u8]) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|rest| matches!(rest.first(), None | Some(b' ' | b'\t' | b'\r' | b'\n')))
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let rest = line.trim_ascii_start();
    rest.is_empty() || rest.starts_with(b"#")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(usize, String)> {
        DocumentTexts::new(text.as_bytes(), "t.yaml", &Limits::default())
            .map(|part| {
                let part = part.expect("readable");
                (part.first_line, part.text.to_string())
            })
            .collect()
    }

    #[test]
    fn cuts_before_each_document_start_and_after_each_end() {
        assert_eq!(
            parts("# c\n%YAML 1.2\n---\na: 1\n---\nb: 2\n...\n# d\n--- \nc: 3\n"),
            vec![
                (0, "# c\n%YAML 1.2\n---\na: 1\n".to_string()),
                (4, "---\nb: 2\n...\n".to_string()),
                (7, "# d\n--- \nc: 3\n".to_string()),
            ]
        );
    }

    #[test]
    fn a_bare_first_document_and_lookalike_lines() {
        assert_eq!(
            parts("a: 1\n----\nb: |\n  ---\n---x\n"),
            vec![(0, "a: 1\n----\nb: |\n  ---\n---x\n".to_string())]
        );
        assert_eq!(parts(""), Vec::<(usize, String)>::new());
        assert_eq!(
            parts("---\n---\n"),
            vec![(0, "---\n".into()), (1, "---\n".into())]
        );
    }

    #[test]
    fn invalid_utf8_is_located_and_reading_goes_on() {
        let bytes = b"a: 1\n---\nb: \xff\n---\nc: 3\n";
        let items: Vec<_> = DocumentTexts::new(&bytes[..], "t.yaml", &Limits::default()).collect();
        assert_eq!(items.len(), 3);
        let error = items[1].as_ref().expect_err("bad byte");
        assert_eq!(error.line_column(), (3, 4));
        assert!(items[2].is_ok());
    }

    #[test]
    fn the_size_limit_holds_while_reading() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let text = "a: 1\n---\nb: 2222222\n";
        let items: Vec<_> = DocumentTexts::new(text.as_bytes(), "t.yaml", &limits).collect();
        assert!(items[0].is_ok());
        let error = items[1].as_ref().expect_err("over the limit");
        assert_eq!(error.code(), ErrorCode::LimitExceeded);
        assert_eq!(items.len(), 2);
    }
}
