//! One-line flow collections on the fast path: `[a, "b", 3]`, `{type: passport, held_by:
//! worker}`, nested (`{languages: [ne, en]}`) and empty (`[]`, `{}`), read with an explicit
//! stack. A collection that does not close on its line, a trailing comma, an empty entry,
//! a quoted or complex key, or a `:` or `#` inside a plain scalar is declined.

use super::context::{node, Context};
use super::scalar::{double_quoted, flow_plain_end, single_quoted, starts_plain};
use crate::document::yaml::{YamlKey, YamlNode, YamlValue};

/// A collection whose closing bracket has not been read yet.
struct Open {
    /// Offset of its `[` or `{`.
    start: usize,
    items: Items,
}

enum Items {
    Seq(Vec<YamlNode>),
    Map {
        number: usize,
        entries: Vec<(YamlKey, YamlNode)>,
        /// The key whose value is being read.
        key: Option<YamlKey>,
    },
}

impl Open {
    fn closer(&self) -> u8 {
        match self.items {
            Items::Seq(_) => b']',
            Items::Map { .. } => b'}',
        }
    }

    fn push(&mut self, value: YamlNode) -> Option<()> {
        match &mut self.items {
            Items::Seq(items) => items.push(value),
            Items::Map { entries, key, .. } => entries.push((key.take()?, value)),
        }
        Some(())
    }

    /// Its node. Flow collections are located by their opening bracket.
    fn into_node(self) -> YamlNode {
        let value = match self.items {
            Items::Seq(items) => YamlValue::Seq(items),
            Items::Map { entries, .. } => YamlValue::Map(entries),
        };
        node(value, self.start, 1)
    }
}

/// Reads the flow collection whose `[` or `{` is at `at`, which must close before `end`
/// (the end of its line); `depth` is its nesting. Returns it and the offset after it.
pub(super) fn collection(
    cx: &mut Context,
    at: usize,
    end: usize,
    depth: usize,
) -> Option<(YamlNode, usize)> {
    let bytes = cx.bytes;
    let mut stack: Vec<Open> = Vec::new();
    let mut pos = at;
    loop {
        // A value starts at `pos`.
        let mut value = match *bytes.get(pos).filter(|_| pos < end)? {
            opener @ (b'[' | b'{') => {
                let nesting = depth + stack.len();
                let items = if opener == b'{' {
                    Items::Map {
                        number: cx.mapping(nesting)?,
                        entries: Vec::new(),
                        key: None,
                    }
                } else {
                    cx.collection(nesting)?;
                    Items::Seq(Vec::new())
                };
                let open = Open { start: pos, items };
                pos = skip_spaces(bytes, pos + 1, end);
                if pos < end && bytes[pos] == open.closer() {
                    pos += 1;
                    open.into_node()
                } else {
                    stack.push(open);
                    if let Some(top) = stack.last_mut() {
                        pos = key(cx, top, pos, end)?;
                    }
                    continue;
                }
            }
            b'"' => {
                let (text, after) = double_quoted(cx.text, pos, end)?;
                let value = cx.scalar(YamlValue::Str(text), pos, after)?;
                pos = after;
                value
            }
            b'\'' => {
                let (text, after) = single_quoted(cx.text, pos, end)?;
                let value = cx.scalar(YamlValue::Str(text), pos, after)?;
                pos = after;
                value
            }
            _ if starts_plain(bytes, pos) => {
                let stop = flow_plain_end(bytes, pos, end)?;
                let value = cx.plain(pos, stop)?;
                pos = stop;
                value
            }
            _ => return None,
        };
        // Hand the value to its collection, closing collections, until a `,` asks for the
        // next value or the outermost collection is complete.
        loop {
            let Some(top) = stack.last_mut() else {
                return Some((value, pos));
            };
            top.push(value)?;
            pos = skip_spaces(bytes, pos, end);
            let next = *bytes.get(pos).filter(|_| pos < end)?;
            if next == b',' {
                pos = skip_spaces(bytes, pos + 1, end);
                pos = key(cx, top, pos, end)?;
                break;
            }
            if next != top.closer() {
                return None;
            }
            pos += 1;
            value = stack.pop()?.into_node();
        }
    }
}

/// In a mapping, reads the key at `at` and the `: ` after it, returning where its value
/// starts; elsewhere returns `at`.
fn key(cx: &mut Context, open: &mut Open, at: usize, end: usize) -> Option<usize> {
    let Items::Map { number, key, .. } = &mut open.items else {
        return Some(at);
    };
    let bytes = cx.bytes;
    let mut colon = at;
    while colon < end && !matches!(bytes[colon], b':' | b',' | b'[' | b']' | b'{' | b'}') {
        colon += 1;
    }
    if colon + 1 >= end || bytes[colon] != b':' || bytes[colon + 1] != b' ' {
        return None;
    }
    *key = Some(cx.key(*number, at, colon)?);
    Some(skip_spaces(bytes, colon + 1, end))
}

/// The first offset from `at` (before `end`) that is not a space.
pub(super) fn skip_spaces(bytes: &[u8], mut at: usize, end: usize) -> usize {
    while at < end && bytes[at] == b' ' {
        at += 1;
    }
    at
}
