//! Plain-language advice for a YAML syntax error caused by indentation: the line that is out
//! of line with its neighbours, found from the text around the parser's position, with the
//! columns it starts at and should start at. The parser's own words are kept beside it, and
//! the error moves to the line to change (the parser often stops a line later).
//!
//! Only the error path comes here; a document that parses never does.

use granit_parser::ErrorKind;

use crate::diagnostic::{SourceFile, Span};

/// What to tell the user instead of the parser's bare message.
pub(super) struct Advice {
    /// The line to change: the key (or `-`) that is out of line.
    pub span: Span,
    /// The message, after `invalid YAML: `.
    pub message: String,
    /// The words under the underline.
    pub label: &'static str,
    /// What to change, in plain words.
    pub hint: String,
}

/// YAML's rule, said once for people who do not know it.
const RULE: &str = "YAML reads the spaces at the start of each line to know which record a field belongs to: the fields of one record start in exactly the same column, and so do the `-` of the items of one list";

/// One line of the text.
#[derive(Clone, Copy)]
struct Line<'t> {
    /// 0-based, in the text.
    index: usize,
    /// Byte offset of its start.
    start: usize,
    text: &'t str,
}

impl<'t> Line<'t> {
    /// Leading spaces.
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// Where its content starts after any `- ` list markers: the column of its key.
    fn key_offset(&self) -> usize {
        let mut rest = &self.text[self.indent()..];
        while let Some(after) = rest.strip_prefix("- ") {
            rest = after.trim_start_matches(' ');
        }
        self.text.len() - rest.len()
    }

    /// Whether it starts a list item (`- `).
    fn is_item(&self) -> bool {
        self.text[self.indent()..].starts_with("- ")
    }

    /// Whether it holds something YAML reads (not blank, a comment or a document marker).
    fn is_content(&self) -> bool {
        let body = self.text.trim();
        !(body.is_empty()
            || body.starts_with('#')
            || body.starts_with("---")
            || body.starts_with("..."))
    }

    /// The key it starts with, as written (`number` for `number: 12`).
    fn key(&self) -> Option<&'t str> {
        let rest = &self.text[self.key_offset()..];
        let end = rest
            .find(": ")
            .or_else(|| rest.trim_end().strip_suffix(':').map(str::len))?;
        let key = rest[..end].trim();
        (!key.is_empty() && !key.contains(['{', '[', '"', '\''])).then_some(key)
    }

    /// Whether its key has a value on the same line (so nothing can be indented under it).
    fn has_inline_value(&self) -> bool {
        let rest = &self.text[self.key_offset()..];
        rest.split_once(": ")
            .is_some_and(|(_, value)| !value.trim().is_empty() && !value.trim().starts_with('#'))
    }

    /// The 1-based column its key starts at.
    fn column(&self) -> usize {
        self.key_offset() + 1
    }

    /// How it is named in advice: its key in backticks, or `line N`.
    fn name(&self, file: &SourceFile) -> String {
        match self.key() {
            Some(key) => format!("`{key}`"),
            None => format!("line {}", self.number(file)),
        }
    }

    /// The 1-based line number in the whole file.
    fn number(&self, file: &SourceFile) -> usize {
        file.first_line + self.index + 1
    }

    /// The span of its key, or of its first character.
    fn key_span(&self) -> Span {
        let len = self.key().map_or(1, str::len);
        Span::new(self.start + self.key_offset(), len)
    }
}

/// Whether a parser error is one an indentation slip causes.
pub(super) fn is_indentation(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::MappingValueNotAllowed
            | ErrorKind::ExpectedBlockMappingKey
            | ErrorKind::ExpectedBlockSequenceEntry
            | ErrorKind::InvalidIndentation
            | ErrorKind::BlockSequenceEntryNotAllowed
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInBlockIndentation
    )
}

/// Advice for a parser error of `kind` at 1-based `line` and 0-based `column` of `file`'s
/// text, when the lines around it show what is out of line.
pub(super) fn explain(
    file: &SourceFile,
    kind: &ErrorKind,
    line: usize,
    column: usize,
) -> Option<Advice> {
    if !is_indentation(kind) {
        return None;
    }
    let mut start = 0;
    let lines: Vec<Line> = file
        .text
        .split_inclusive('\n')
        .enumerate()
        .map(|(index, text)| {
            let line = Line {
                index,
                start,
                text: text.trim_end_matches(['\n', '\r']),
            };
            start += text.len();
            line
        })
        .filter(Line::is_content)
        .collect();
    if matches!(
        kind,
        ErrorKind::TabInIndentation | ErrorKind::TabInBlockIndentation
    ) {
        return tab(file, line);
    }
    // The parser's line, or the last content line before it.
    let at = lines.iter().rposition(|l| l.index < line)?;
    let here = lines[at];
    let above = lines[..at].last().copied()?;
    if matches!(kind, ErrorKind::MappingValueNotAllowed)
        && here.index + 1 == line
        && here.text[here.key_offset()..]
            .find(": ")
            .is_some_and(|colon| here.text[..here.key_offset() + colon].chars().count() < column)
    {
        return Some(Advice {
            span: here.key_span(),
            message: "a value holds `: `, which YAML reads as the start of another field".into(),
            label: "the value after this key holds `: `",
            hint: "put the value in quotes (`label: \"service: charge\"`), or remove the `:`"
                .into(),
        });
    }
    if let Some(advice) = item_out_of_line(file, &lines[..at], here) {
        return Some(advice);
    }
    let (c_here, c_above) = (here.column(), above.column());
    if c_here > c_above && above.has_inline_value() {
        // Either this line is too far right, or the one above is too far left of both its
        // neighbours.
        let before = lines[..at.saturating_sub(1)].last().copied();
        if let Some(before) = before.filter(|b| b.column() == c_here) {
            return Some(out_of_line(
                file,
                above,
                format!(
                    "{} starts at column {c_above}, left of {} above it and {} below it (column {c_here}). {RULE}. If it belongs with them, move it {} right, to column {c_here}",
                    above.name(file),
                    before.name(file),
                    here.name(file),
                    spaces(c_here - c_above)
                ),
            ));
        }
        return Some(out_of_line(
            file,
            here,
            format!(
                "{} starts at column {c_here}, right of {} on line {} (column {c_above}), which already has a value after its `:`, so nothing can go under it. {RULE}. If {} belongs with {}, move it {} left, to column {c_above}",
                here.name(file),
                above.name(file),
                above.number(file),
                here.name(file),
                above.name(file),
                spaces(c_here - c_above)
            ),
        ));
    }
    if c_here < c_above {
        // Left of the line above, and right of where the record holding that line starts.
        let outer = match lines[..at].iter().rev().find(|l| l.indent() + 1 < c_here) {
            Some(l) if l.column() < c_here => {
                format!(", but right of {} (column {})", l.name(file), l.column())
            }
            Some(l) => format!(
                ", but right of the `-` on line {} (column {})",
                l.number(file),
                l.indent() + 1
            ),
            None => String::new(),
        };
        return Some(out_of_line(
            file,
            here,
            format!(
                "{} starts at column {c_here}, left of {} above it (column {c_above}){outer}, so YAML cannot tell which record it belongs to. {RULE}. If it belongs with {}, move it {} right, to column {c_above}",
                here.name(file),
                above.name(file),
                above.name(file),
                spaces(c_above - c_here)
            ),
        ));
    }
    None
}

/// Advice for a list item whose `-` is not in the column of the item before it (`before`
/// holds the lines above it).
fn item_out_of_line(file: &SourceFile, before: &[Line], here: Line) -> Option<Advice> {
    if !here.is_item() {
        return None;
    }
    let previous = before
        .iter()
        .rev()
        .find(|l| l.is_item() && l.indent() <= here.key_offset())?;
    let (c_here, c_previous) = (here.indent() + 1, previous.indent() + 1);
    let direction = match c_here.cmp(&c_previous) {
        std::cmp::Ordering::Equal => return None,
        std::cmp::Ordering::Less => "right",
        std::cmp::Ordering::Greater => "left",
    };
    Some(Advice {
        span: Span::new(here.start + here.indent(), 1),
        message: "this list item's `-` is not lined up with the item before it".into(),
        label: "out of line",
        hint: format!(
            "the `-` on line {} is at column {c_here}, but the `-` of the item before it, on line {}, is at column {c_previous}. {RULE}. Move it {} {direction}, to column {c_previous}, and the item's other lines with it",
            here.number(file),
            previous.number(file),
            spaces(c_here.abs_diff(c_previous)),
        ),
    })
}

/// Advice for a tab at the start of 1-based `line`.
fn tab(file: &SourceFile, line: usize) -> Option<Advice> {
    let start = file
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let text = file.text.get(start..)?.lines().next()?;
    let at = text.find('\t')?;
    Some(Advice {
        span: Span::new(start + at, 1),
        message: "a tab is used to indent this line".into(),
        label: "a tab",
        hint: "indent with spaces only: YAML does not accept tabs at the start of a line (most editors can turn tabs into spaces)".into(),
    })
}

/// Advice about `line`, which is out of line with its neighbours.
fn out_of_line(file: &SourceFile, line: Line, hint: String) -> Advice {
    Advice {
        span: line.key_span(),
        message: format!(
            "{} is not lined up with the lines around it",
            line.name(file)
        ),
        label: "out of line",
        hint,
    }
}

/// `1 space`, `3 spaces`.
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_string()
    } else {
        format!("{n} spaces")
    }
}
