//! The fast path: YAML text in the block subset real documents are written in → the exact
//! [`YamlNode`] trees the full parser ([`super::yaml`]) builds, spans included, or nothing.
//!
//! The subset: block mappings and sequences (with `- key: value` compact mappings and
//! sequences indented level with their key), one-line flow collections (`[ne, en]`,
//! `{type: passport, held_by: worker}`, `[]`, `{}`), one-line plain, single- and
//! double-quoted scalars (double-quoted with `\\ \" \n \t` only), comments, `---` lines
//! and empty values. Anything else (tabs, carriage returns, control characters, a
//! byte-order mark, anchors, aliases, tags, directives, `...`, block and multi-line
//! scalars, complex, quoted, non-text or duplicate keys, `<<`, special or unusual numbers,
//! an empty document, a budget of [`Limits`] approached) is declined with `None`, and the
//! caller falls back on the full parser, which reads it or reports what is wrong.
//!
//! Declining is always safe; accepting must never be wrong: every accepted text gives the
//! full parser's trees. `tests/fast_path.rs` (every YAML file in the repository, generated
//! documents, variants of them, documents of random shape, edge cases, scalar spellings),
//! `tests/fast_path_mutations.rs` and the `yaml_fast_path` fuzz target check exactly that,
//! and that real documents are accepted (docs/decisions.md, "Fast path for block YAML").

mod context;
mod flow;
mod scalar;

use context::{clean, Context};
use flow::skip_spaces;
use scalar::{block_plain_end, double_quoted, single_quoted, starts_plain};

use crate::diagnostic::{SourceFile, Span};
use crate::document::yaml::{YamlKey, YamlNode, YamlValue};
use crate::limits::Limits;

/// Longer texts are left to the full parser (the default file limit is 16 MiB).
const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Reads every `---` document of `file`, or declines (`None`) if the text is not entirely
/// in the fast path's subset. When it answers, the answer is what
/// [`super::yaml::parse_documents_full`] gives; a text it declines may be valid or not.
#[doc(hidden)]
pub fn parse(file: &SourceFile, limits: &Limits) -> Option<Vec<YamlNode>> {
    let text: &str = &file.text;
    if text.len() > MAX_TEXT_BYTES || !clean(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        cx: Context::new(text, limits),
        frames: Vec::new(),
        documents: Vec::new(),
        empty_marker: false,
    };
    let mut start = 0;
    while start < text.len() {
        let end = text
            .get(start..)?
            .find('\n')
            .map_or(text.len(), |n| start + n);
        reader.line(start, end)?;
        start = end + 1;
    }
    reader.end_document()?;
    (!reader.documents.is_empty()).then_some(reader.documents)
}

/// A block collection still being read.
enum Frame {
    Map(MapFrame),
    Seq(SeqFrame),
}

struct MapFrame {
    /// Column of its keys.
    indent: usize,
    /// Offset of its first key: where the full parser locates a block mapping.
    start: usize,
    number: usize,
    entries: Vec<(YamlKey, YamlNode)>,
    /// A key written with no value on its line, and the offset of its `:`. Its value is
    /// the block below it, or null (located at the `:`) if none follows.
    pending: Option<(YamlKey, usize)>,
}

struct SeqFrame {
    /// Column of its `-`.
    indent: usize,
    /// Where the full parser locates it: its first `-`, or for an indentless list, see
    /// [`Reader::entry`].
    start: usize,
    /// Written level with the key it belongs to (`key:` then `- a` in the same column).
    indentless: bool,
    items: Vec<YamlNode>,
    /// A `-` with nothing after it: the end of its line, where its null is located.
    pending: Option<usize>,
}

/// A line with content: offsets of its start, first non-space and end (its `\n`).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    content: usize,
    end: usize,
    /// Whether it is a sequence entry (`-` then a space or the line's end).
    entry: bool,
}

impl Line {
    fn indent(&self) -> usize {
        self.content - self.start
    }
}

struct Reader<'t> {
    cx: Context<'t>,
    frames: Vec<Frame>,
    documents: Vec<YamlNode>,
    /// A `---` has opened a document that has no content yet.
    empty_marker: bool,
}

impl Reader<'_> {
    fn line(&mut self, start: usize, end: usize) -> Option<()> {
        let bytes = self.cx.bytes;
        let text = bytes.get(start..end)?;
        if text.starts_with(b"---") || text.starts_with(b"...") {
            return if text == b"---" {
                self.end_document()?;
                self.empty_marker = true;
                Some(())
            } else {
                None
            };
        }
        let content = start + text.iter().take_while(|&&b| b == b' ').count();
        if content == end || bytes[content] == b'#' {
            return Some(());
        }
        let entry = bytes[content] == b'-' && (content + 1 == end || bytes[content + 1] == b' ');
        let line = Line {
            start,
            content,
            end,
            entry,
        };
        if self.frames.is_empty() {
            if line.indent() != 0 {
                return None;
            }
            self.empty_marker = false;
            self.cx.document()?;
            return self.open_block(line, false);
        }
        self.content_line(line)
    }

    fn content_line(&mut self, line: Line) -> Option<()> {
        let indent = line.indent();
        // A value left empty on its line is the block below it, or null.
        match self.frames.last_mut()? {
            Frame::Map(map) if map.pending.is_some() => {
                let level = indent == map.indent;
                if indent > map.indent || level && line.entry {
                    return self.open_block(line, level);
                }
                self.settle()?;
            }
            Frame::Seq(seq) if seq.pending.is_some() => {
                if indent > seq.indent {
                    seq.pending = None;
                    return self.open_block(line, false);
                }
                self.settle()?;
            }
            _ => {}
        }
        // Close the collections this line is outside of.
        loop {
            let close = match self.frames.last()? {
                Frame::Map(map) => map.indent > indent,
                Frame::Seq(seq) => {
                    seq.indent > indent || seq.indentless && seq.indent == indent && !line.entry
                }
            };
            if !close {
                break;
            }
            self.close()?;
        }
        // A line more indented than its collection (a continued scalar, or an error) is
        // declined here.
        match self.frames.last()? {
            Frame::Seq(seq) if seq.indent == indent && line.entry => self.entry(line),
            Frame::Map(map) if map.indent == indent && !line.entry => {
                self.key_value(line.content, line.end)
            }
            _ => None,
        }
    }

    /// Opens the block collection whose first line is `line`.
    fn open_block(&mut self, line: Line, indentless: bool) -> Option<()> {
        let depth = self.frames.len() + 1;
        if line.entry {
            self.cx.collection(depth)?;
            self.frames.push(Frame::Seq(SeqFrame {
                indent: line.indent(),
                start: line.content,
                indentless,
                items: Vec::new(),
                pending: None,
            }));
            self.entry(line)
        } else {
            self.frames.push(Frame::Map(MapFrame {
                indent: line.indent(),
                start: line.content,
                number: self.cx.mapping(depth)?,
                entries: Vec::new(),
                pending: None,
            }));
            self.key_value(line.content, line.end)
        }
    }

    /// A `- ...` line of the sequence on top.
    fn entry(&mut self, line: Line) -> Option<()> {
        let bytes = self.cx.bytes;
        let at = skip_spaces(bytes, line.content + 1, line.end);
        let empty = at == line.end || bytes[at] == b'#';
        let Some(Frame::Seq(seq)) = self.frames.last_mut() else {
            return None;
        };
        if seq.indentless && seq.items.is_empty() {
            // The full parser locates this list where its first entry's content starts on
            // the `-` line, or at that line's end (even if the entry's value is below).
            seq.start = if empty { line.end } else { at };
        }
        if empty {
            seq.pending = Some(line.end);
            return Some(());
        }
        if key_colon(bytes, at, line.end).is_some() {
            // `- key: value` opens a mapping whose keys are in the column of `key`.
            let depth = self.frames.len() + 1;
            self.frames.push(Frame::Map(MapFrame {
                indent: at - line.start,
                start: at,
                number: self.cx.mapping(depth)?,
                entries: Vec::new(),
                pending: None,
            }));
            return self.key_value(at, line.end);
        }
        let value = self.inline_value(at, line.end)?;
        let Some(Frame::Seq(seq)) = self.frames.last_mut() else {
            return None;
        };
        seq.items.push(value);
        Some(())
    }

    /// A `key: value` (or `key:`) starting at `at`, of the mapping on top.
    fn key_value(&mut self, at: usize, end: usize) -> Option<()> {
        let bytes = self.cx.bytes;
        let colon = key_colon(bytes, at, end)?;
        let Some(Frame::Map(map)) = self.frames.last() else {
            return None;
        };
        let key = self.cx.key(map.number, at, colon)?;
        let at = skip_spaces(bytes, colon + 1, end);
        let value = if at == end || bytes[at] == b'#' {
            None
        } else {
            Some(self.inline_value(at, end)?)
        };
        let Some(Frame::Map(map)) = self.frames.last_mut() else {
            return None;
        };
        match value {
            Some(value) => map.entries.push((key, value)),
            None => map.pending = Some((key, colon)),
        }
        Some(())
    }

    /// The value written on its line from `at`: a flow collection or a scalar, followed by
    /// nothing but spaces and a comment.
    fn inline_value(&mut self, at: usize, end: usize) -> Option<YamlNode> {
        let cx = &mut self.cx;
        let bytes = cx.bytes;
        let (value, after) = match bytes[at] {
            b'[' | b'{' => flow::collection(cx, at, end, self.frames.len() + 1)?,
            b'"' => {
                let (text, after) = double_quoted(cx.text, at, end)?;
                (cx.scalar(YamlValue::Str(text), at, after)?, after)
            }
            b'\'' => {
                let (text, after) = single_quoted(cx.text, at, end)?;
                (cx.scalar(YamlValue::Str(text), at, after)?, after)
            }
            _ if starts_plain(bytes, at) => {
                let stop = block_plain_end(bytes, at, end)?;
                (cx.plain(at, stop)?, stop)
            }
            _ => return None,
        };
        let rest = skip_spaces(bytes, after, end);
        (rest == end || rest > after && bytes[rest] == b'#').then_some(value)
    }

    /// Gives the collection on top the null its empty value or entry stands for.
    fn settle(&mut self) -> Option<()> {
        let (key, at) = match self.frames.last_mut()? {
            Frame::Map(map) => match map.pending.take() {
                Some((key, colon)) => (Some(key), colon),
                None => return Some(()),
            },
            Frame::Seq(seq) => match seq.pending.take() {
                Some(end) => (None, end),
                None => return Some(()),
            },
        };
        let null = self.cx.scalar(YamlValue::Null, at, at)?;
        match (self.frames.last_mut()?, key) {
            (Frame::Map(map), Some(key)) => map.entries.push((key, null)),
            (Frame::Seq(seq), None) => seq.items.push(null),
            _ => return None,
        }
        Some(())
    }

    /// Completes the collection on top and hands it to the one below, or to the documents.
    fn close(&mut self) -> Option<()> {
        self.settle()?;
        let (value, start) = match self.frames.pop()? {
            Frame::Map(map) => (YamlValue::Map(map.entries), map.start),
            Frame::Seq(seq) => (YamlValue::Seq(seq.items), seq.start),
        };
        let span = Span::new(start, 0);
        let node = YamlNode {
            value,
            span,
            source: span,
        };
        match self.frames.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Map(map)) => {
                let (key, _) = map.pending.take()?;
                map.entries.push((key, node));
            }
            Some(Frame::Seq(seq)) if seq.pending.is_none() => seq.items.push(node),
            Some(Frame::Seq(_)) => return None,
        }
        Some(())
    }

    /// Completes the current document, if it has content.
    fn end_document(&mut self) -> Option<()> {
        if self.frames.is_empty() {
            // A `---` followed by nothing: left to the full parser.
            return (!self.empty_marker).then_some(());
        }
        while !self.frames.is_empty() {
            self.close()?;
        }
        Some(())
    }
}

/// The `:` ending a plain key that starts at `at`: the first `:` followed by a space or
/// the line's end, before any comment. `None` if the line holds no such key.
fn key_colon(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    if !starts_plain(bytes, at) {
        return None;
    }
    let mut i = at;
    while i < end {
        match bytes[i] {
            b'#' if i > at && bytes[i - 1] == b' ' => return None,
            b':' if i + 1 == end || bytes[i + 1] == b' ' => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}
