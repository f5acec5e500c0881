//! [`SourceError`]: a located failure in a rule file or a document. Sealed: it is built only
//! through [`SourceError::new`] and its builder methods, which escape every text, so no
//! message, help or label can carry raw control characters to a terminal.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use super::code::ErrorCode;
use super::text::{clamp_to_char_boundary, escape, escape_lines};
use super::{SourceFile, Span};

/// Something wrong with an input file: a rule file that does not parse or type-check, a
/// document that is not valid YAML or does not match its schema. Boxed, so results that
/// carry one stay small.
#[derive(Debug, Clone)]
pub struct SourceError(Box<Parts>);

#[derive(Debug, Clone)]
struct Parts {
    code: ErrorCode,
    message: String,
    help: Option<String>,
    label: String,
    span: Span,
    file: SourceFile,
}

impl SourceError {
    /// A new error pointing at `span` in `file`.
    pub fn new(code: ErrorCode, file: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        Self(Box::new(Parts {
            code,
            message: escape_lines(&message.into()),
            help: None,
            label: "here".to_string(),
            span: whole_characters(file, span),
            file: file.clone(),
        }))
    }

    /// An error about a file as a whole (it could not be read at all).
    pub fn whole_file(code: ErrorCode, name: &str, message: impl Into<String>) -> Self {
        Self::new(code, &SourceFile::new(name, ""), Span::default(), message)
    }

    /// Adds advice shown under the message.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(escape_lines(&help.into()));
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

    /// The same error, said to hold if `premise` does: found by reading a misspelt field as
    /// the field it is close to, so it is reported in the same run as the misspelling.
    pub fn assuming(mut self, premise: &str) -> Self {
        self.0.message = format!("assuming {}: {}", escape(premise), self.0.message);
        self
    }

    /// Replaces the default label `here`.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.0.label = escape_lines(&label.into());
        self
    }

    /// The same error moved into `file`, `offset` bytes further on: for text parsed out of a
    /// larger file (a message template inside a rule file).
    pub fn moved_into(mut self, file: &SourceFile, offset: usize) -> Self {
        let span = Span::new(self.0.span.start + offset, self.0.span.len);
        self.0.span = whole_characters(file, span);
        self.0.file = file.clone();
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The message: one line, lowercase, no final period.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The advice, if any.
    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// The text under the underline.
    pub fn label(&self) -> &str {
        &self.0.label
    }

    /// Where in the file.
    pub fn span(&self) -> Span {
        self.0.span
    }

    /// The file.
    pub fn file(&self) -> &SourceFile {
        &self.0.file
    }

    /// The 1-based line and column where the error points.
    pub fn line_column(&self) -> (usize, usize) {
        self.0.file.line_column(self.0.span.start)
    }
}

/// Spans from the parsers may fall inside a multi-byte character: widen them to whole
/// characters so the underline and line/column stay valid.
fn whole_characters(file: &SourceFile, span: Span) -> Span {
    let start = clamp_to_char_boundary(&file.text, span.start);
    let mut end = (span.start + span.len).clamp(start, file.text.len());
    while !file.text.is_char_boundary(end) {
        end += 1;
    }
    Span::between(start, end)
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for SourceError {}

impl Diagnostic for SourceError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.code.as_str()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.0.file.source_code())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.0.label.clone()),
            self.0.span,
        ))))
    }
}
