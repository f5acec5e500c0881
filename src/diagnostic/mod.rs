//! Failures that stop a file from being used: one diagnostic type for rule files and documents,
//! the source files they point into, and the text hygiene every output shares.
//!
//! Findings (violations, gaps ...) are not errors; see `finding`. A [`SourceError`] always
//! names its file and carries a byte span so miette can underline the offending text.

mod code;
mod error;
mod suggest;
mod text;

use std::sync::{Arc, OnceLock};

use miette::{SourceCode, SourceSpan};

pub use code::{errors_markdown, ErrorCode};
pub use error::SourceError;
pub use suggest::{closest, did_you_mean, Suggestion};
pub use text::{clamp_to_char_boundary, escape, escape_lines, json_safe, printable, JsonSafe};

/// A file's name and text, shared by every diagnostic and node that points into it. The text
/// is the whole file, or one document cut out of it ([`SourceFile::part`]): a file of many
/// documents is read one document at a time, and lines are still counted from the file's
/// start. The line index and the copy prepared for drawing are built on first use and
/// shared by every clone: most documents are checked without drawing a diagnostic.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown to users (the path as given on the command line).
    pub name: Arc<str>,
    /// The text: the whole file, or the part of it that starts at line `first_line + 1`.
    pub text: Arc<str>,
    /// How many lines of the file come before `text` (0 for a whole file).
    pub first_line: usize,
    lines: Arc<OnceLock<Vec<usize>>>,
    source: Arc<OnceLock<Arc<IndexedSource>>>,
}

impl SourceFile {
    /// Wraps a file's name and text.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        Self::part(name, text, 0)
    }

    /// Wraps the part of a file that starts at the beginning of line `first_line + 1`.
    pub fn part(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>, first_line: usize) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            first_line,
            lines: Arc::default(),
            source: Arc::default(),
        }
    }

    /// The byte offset where each line of the text starts.
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| line_starts(&self.text))
    }

    /// The 1-based line (in the whole file) and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let starts = self.line_starts();
        let line = starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        let column = self.text[starts[line]..offset].chars().count() + 1;
        (self.first_line + line + 1, column)
    }

    fn indexed(&self) -> &Arc<IndexedSource> {
        self.source
            .get_or_init(|| Arc::new(IndexedSource::new(&self.name, &self.text, self.first_line)))
    }

    /// The text as miette renders it: named, indexed by line, control characters blanked.
    pub fn source(&self) -> Arc<IndexedSource> {
        Arc::clone(self.indexed())
    }

    /// The same, borrowed, for diagnostics.
    pub fn source_code(&self) -> &dyn SourceCode {
        &**self.indexed()
    }
}

/// Serialized by name only: a compiled rule pack stores each file's text once, beside the
/// rules, and puts the texts back after loading (`pack::compiled`).
impl serde::Serialize for SourceFile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

/// A name-only placeholder, to be replaced by the file with its text (`pack::compiled`).
impl<'de> serde::Deserialize<'de> for SourceFile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(SourceFile::new(name, ""))
    }
}

/// The byte offset where each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// A file's text prepared for rendering: control characters replaced (same byte length) and
/// the start of every line indexed, so each diagnostic reads only the lines it shows
/// (miette's own reader scans from the start of the file, quadratic over a batch file). The
/// name is escaped too: miette prints it raw in its `╭─[name:line:column]` header, and a
/// file name may hold a line break, a terminal escape or a bidirectional override.
#[derive(Debug)]
pub struct IndexedSource {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    first_line: usize,
}

impl IndexedSource {
    fn new(name: &str, text: &str, first_line: usize) -> Self {
        Self {
            name: escape(name),
            text: printable(text),
            line_starts: line_starts(text),
            first_line,
        }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1)
    }
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let first = self
            .line_of(span.offset())
            .saturating_sub(context_lines_before);
        let last_line = self.line_of(span.offset() + span.len().saturating_sub(1));
        let end_line = last_line + context_lines_after + 1;
        let window_start = self.line_starts[first];
        let window_end = self
            .line_starts
            .get(end_line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let window = &self.text[window_start..window_end];
        let local = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let shifted = SourceSpan::new(
            (contents.span().offset() + window_start).into(),
            contents.span().len(),
        );
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            shifted,
            contents.line() + first + self.first_line,
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// A byte range in a source file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Length in bytes (0 points at a position).
    pub len: usize,
}

impl Span {
    /// A span from a start offset and a length.
    pub fn new(start: usize, len: usize) -> Self {
        Self { start, len }
    }

    /// The span between two byte offsets.
    pub fn between(start: usize, end: usize) -> Self {
        Self {
            start,
            len: end.saturating_sub(start),
        }
    }
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        SourceSpan::new(span.start.into(), span.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let file = SourceFile::new("x.yaml", "a: 1\nné: ü\n");
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(5), (2, 1));
        assert_eq!(file.line_column(10), (2, 5));
    }

    #[test]
    fn a_part_of_a_file_counts_lines_from_the_files_start() {
        let part = SourceFile::part("x.yaml", "a: 1\nb: 2\n", 40);
        assert_eq!(part.line_column(0), (41, 1));
        assert_eq!(part.line_column(8), (42, 4));
    }
}
