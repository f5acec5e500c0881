//! What block and flow reading share on the fast path: the text, the budgets it stays well
//! inside, the keys already seen in each mapping, and the characters it refuses outright.

use super::scalar::{classify_plain, resolve_plain, starts_plain, Plain};
use crate::diagnostic::Span;
use crate::document::yaml::{YamlKey, YamlNode, YamlValue};
use crate::limits::{Limits, MAX_DEPTH};

/// Longest key taken. YAML allows 1,024 characters before the `:` of an implicit key; the
/// full parser reports longer ones.
const MAX_KEY_BYTES: usize = 1_000;

/// The reading state shared by block and flow reading.
pub(super) struct Context<'t> {
    /// The whole text; every span is an offset into it.
    pub(super) text: &'t str,
    /// Its bytes (the scanner works on bytes; every cut it makes is at an ASCII byte).
    pub(super) bytes: &'t [u8],
    budget: Budget,
    /// (mapping number, key) for every key read: a second equal key in one mapping is a
    /// duplicate, found in constant time per key.
    keys: foldhash::HashSet<(usize, &'t str)>,
    mappings: usize,
}

/// The full parser's budgets, halved or quartered: the fast path declines well before any
/// of them, so the full parser is the one that reports a breach.
struct Budget {
    depth: usize,
    nodes: usize,
    scalar_bytes: usize,
    string_bytes: usize,
    documents: usize,
}

impl<'t> Context<'t> {
    pub(super) fn new(text: &'t str, limits: &Limits) -> Self {
        // The same scaling as the full parser's options (yaml.rs): 4 bytes a byte of input,
        // at least 100,000. Events count about twice the nodes, so nodes get a quarter.
        let scaled = text.len().saturating_mul(4).max(100_000);
        Self {
            text,
            bytes: text.as_bytes(),
            budget: Budget {
                depth: limits.max_depth.min(MAX_DEPTH).saturating_sub(2),
                nodes: scaled.min(limits.max_nodes) / 4,
                scalar_bytes: scaled / 2,
                string_bytes: limits.max_string_bytes,
                documents: limits.max_nodes / 2,
            },
            keys: foldhash::HashSet::default(),
            mappings: 0,
        }
    }

    /// Counts one node; `None` once the node budget is near.
    fn count(&mut self, scalar_bytes: usize) -> Option<()> {
        let budget = &mut self.budget;
        budget.nodes = budget.nodes.checked_sub(1)?;
        budget.scalar_bytes = budget.scalar_bytes.checked_sub(scalar_bytes)?;
        Some(())
    }

    /// Counts a document (two events and a node for the full parser).
    pub(super) fn document(&mut self) -> Option<()> {
        self.budget.documents = self.budget.documents.checked_sub(1)?;
        self.count(0)?;
        self.count(0)
    }

    /// Counts a collection opened at nesting `depth` (the root is 1).
    pub(super) fn collection(&mut self, depth: usize) -> Option<()> {
        if depth > self.budget.depth {
            return None;
        }
        self.count(0)?;
        self.count(0)
    }

    /// Counts a mapping opened at `depth` and numbers it, for duplicate keys.
    pub(super) fn mapping(&mut self, depth: usize) -> Option<usize> {
        self.collection(depth)?;
        self.mappings += 1;
        Some(self.mappings)
    }

    /// The plain key written at `start..end` of mapping `mapping`, if it is plain text
    /// (not a null, boolean or number, not `<<`), not too long and not already in it.
    pub(super) fn key(&mut self, mapping: usize, start: usize, end: usize) -> Option<YamlKey> {
        let text = self.text.get(start..end)?;
        let bytes = text.as_bytes();
        if bytes.len() > MAX_KEY_BYTES
            || bytes.len() >= self.budget.string_bytes
            || !starts_plain(self.bytes, start)
            || bytes.last() == Some(&b' ')
            || bytes
                .iter()
                .any(|b| matches!(b, b'#' | b':' | b',' | b'[' | b']' | b'{' | b'}'))
            || matches!(text, "<<" | "=")
            || classify_plain(text)? != Plain::Text
            || !self.keys.insert((mapping, text))
        {
            return None;
        }
        self.count(bytes.len())?;
        Some(YamlKey {
            text: text.to_string(),
            span: Span::between(start, end),
        })
    }

    /// The plain scalar at `start..end`.
    pub(super) fn plain(&mut self, start: usize, end: usize) -> Option<YamlNode> {
        let value = resolve_plain(self.text.get(start..end)?)?;
        self.scalar(value, start, end)
    }

    /// A scalar node of `value` written at `start..end`.
    pub(super) fn scalar(
        &mut self,
        value: YamlValue,
        start: usize,
        end: usize,
    ) -> Option<YamlNode> {
        let length = match &value {
            YamlValue::Str(text) if text.len() >= self.budget.string_bytes => return None,
            YamlValue::Str(text) => text.len(),
            _ => end - start,
        };
        self.count(length)?;
        Some(node(value, start, end - start))
    }
}

/// A node whose value is written where it is used (no alias).
pub(super) fn node(value: YamlValue, start: usize, len: usize) -> YamlNode {
    let span = Span::new(start, len);
    YamlNode {
        value,
        span,
        source: span,
    }
}

/// Whether `bytes` holds only characters the fast path reads as the full parser does: no
/// control character but the line feed (so no tab and no carriage return), no C1 control
/// (U+0085 is a line break to some YAML readers), no byte-order mark, no U+2028/U+2029
/// line separators and no U+FFFE/U+FFFF.
pub(super) fn clean(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'\n' | 0x20..=0x7E) {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let after = bytes.get(i + 2).copied().unwrap_or(0);
        let refused = match bytes[i] {
            0..=0x1F | 0x7F => true,
            0xC2 => (0x80..=0x9F).contains(&next),
            0xE2 => next == 0x80 && matches!(after, 0xA8 | 0xA9),
            0xEF => (next, after) == (0xBB, 0xBF) || next == 0xBF && matches!(after, 0xBE | 0xBF),
            _ => false,
        };
        if refused {
            return false;
        }
        i += 1;
    }
    true
}
