//! Failures that stop a file from being used: one diagnostic type for rule files and documents.
//!
//! Findings (violations, gaps ...) are not errors; see `finding`. A [`SourceError`] always
//! names its file and carries a byte span so miette can underline the offending text.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode, SourceSpan};

/// A file's name and full text, shared by every diagnostic and node that points into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown to users (the path as given on the command line).
    pub name: Arc<str>,
    /// The whole text of the file.
    pub text: Arc<str>,
    source: Arc<IndexedSource>,
}

impl SourceFile {
    /// Wraps a file's name and text.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        let name: Arc<str> = name.into();
        let text: Arc<str> = text.into();
        let source = Arc::new(IndexedSource::new(&name, &text));
        Self { name, text, source }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let line = self.source.line_of(offset);
        let line_start = self.source.line_starts[line];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The text as miette renders it: named, indexed by line, control characters blanked.
    pub fn source(&self) -> Arc<IndexedSource> {
        Arc::clone(&self.source)
    }
}

/// A file's text prepared for rendering: control characters replaced (same byte length) and
/// the start of every line indexed, so each diagnostic reads only the lines it shows
/// (miette's own reader scans from the start of the file, quadratic over a batch file).
#[derive(Debug)]
pub struct IndexedSource {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

impl IndexedSource {
    fn new(name: &str, text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            name: name.to_string(),
            text: printable(text),
            line_starts,
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
            contents.line() + first,
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// Characters that can reorder or hide text on a terminal (bidirectional controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` for showing as source: control characters (terminal escape sequences among them),
/// lone carriage returns and bidirectional controls replaced by spaces of the same byte
/// length, so spans stay valid and nothing reaches the terminal raw.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            _ => !c.is_control() && !is_bidi_control(c),
        };
        if keep {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

/// `text` for one line of a message: control and bidirectional characters, line breaks
/// included, written as visible escapes (`\u{1b}`), so a document cannot forge output.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`escape`], but keeps line breaks (for multi-line documentation).
pub fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// Moves `offset` back to the nearest character boundary inside `text`.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A byte range in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
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

/// Something wrong with an input file: a rule file that does not parse or type-check, a
/// document that is not valid YAML or does not match its schema. Boxed, so results that
/// carry one stay small; its fields are reached through [`SourceErrorData`].
#[derive(Debug, Clone)]
pub struct SourceError(Box<SourceErrorData>);

impl std::ops::Deref for SourceError {
    type Target = SourceErrorData;
    fn deref(&self) -> &SourceErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for SourceError {
    fn deref_mut(&mut self) -> &mut SourceErrorData {
        &mut self.0
    }
}

/// The parts of a [`SourceError`].
#[derive(Debug, Clone)]
pub struct SourceErrorData {
    /// A stable code, such as `fairrec::rules::unknown-field`.
    pub code: &'static str,
    /// One line, lowercase, no final period.
    pub message: String,
    /// Advice: a "did you mean", the accepted forms.
    pub help: Option<String>,
    /// The text under the underline.
    pub label: String,
    /// Where in the file.
    pub span: Span,
    /// The file.
    pub file: SourceFile,
}

impl SourceError {
    /// A new error pointing at `span` in `file`.
    pub fn new(
        code: &'static str,
        file: &SourceFile,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        // Spans from the parsers may fall inside a multi-byte character: widen them to
        // whole characters so the underline and line/column stay valid.
        let start = clamp_to_char_boundary(&file.text, span.start);
        let mut end = (span.start + span.len).clamp(start, file.text.len());
        while !file.text.is_char_boundary(end) {
            end += 1;
        }
        let span = Span::between(start, end);
        Self(Box::new(SourceErrorData {
            code,
            message: escape_lines(&message.into()),
            help: None,
            label: "here".to_string(),
            span,
            file: file.clone(),
        }))
    }

    /// Adds advice shown under the message.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(escape_lines(&help.into()));
        self
    }

    /// Adds a "did you mean" as advice, when there is one.
    pub fn suggest(self, suggestion: Option<String>) -> Self {
        match suggestion {
            Some(help) => self.with_help(help),
            None => self,
        }
    }

    /// Adds a "did you mean" as advice, or `fallback` when nothing is close.
    pub fn suggest_or(self, suggestion: Option<String>, fallback: impl Into<String>) -> Self {
        let help = suggestion.unwrap_or_else(|| fallback.into());
        self.with_help(help)
    }

    /// Replaces the default label `here`.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// The 1-based line and column where the error points.
    pub fn line_column(&self) -> (usize, usize) {
        self.file.line_column(self.span.start)
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceError {}

impl Diagnostic for SourceError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.file.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            self.span,
        ))))
    }
}

/// "did you mean `x`?" for the closest of `candidates` to `word`, if any is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1) + 1;
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            *distance <= limit || candidate.contains(word) || word.contains(*candidate)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(
            did_you_mean("paid_bye", ["paid_by", "amount", "category"]),
            Some("did you mean `paid_by`?".to_string())
        );
        assert_eq!(did_you_mean("zzz", ["paid_by", "amount"]), None);
    }

    #[test]
    fn line_column_counts_characters() {
        let file = SourceFile::new("x.yaml", "a: 1\nné: ü\n");
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(5), (2, 1));
        assert_eq!(file.line_column(10), (2, 5));
    }
}
