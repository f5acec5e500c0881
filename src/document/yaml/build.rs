//! YAML parser events → [`YamlNode`] trees, built with an explicit stack (no recursion) and
//! fairrec's own budgets enforced while building: depth, nodes (aliases expanded), aliases,
//! and the bytes of text.
//!
//! Aliases are expanded here, each copy keeping where it is used (`span`: the `*name`) and
//! where its value is written (`source`). Merge keys (`<<: *base`) add the merged mapping's
//! entries after the mapping's own, skipping keys it already has, the first merged winning.
//! A key given twice in one mapping is refused at its second use; keys are looked up in a
//! hash set per mapping, so checking is linear.

use std::collections::HashSet;

use granit_parser::{Event, Parser, ScalarStyle, ScanError, Span as ParserSpan};

use super::scalar::{self, Plain};
use super::{YamlKey, YamlNode, YamlValue};
use crate::diagnostic::Span;

/// Why building stopped.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// The YAML text is malformed (the parser's own words).
    Syntax(ScanError),
    /// A problem in well-formed YAML, or a breached budget.
    Refused(Refusal, Span),
}

/// A problem in well-formed YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The key given twice.
    DuplicateKey(String),
    EmptyKey,
    ComplexKey,
    NonFinite,
    RecursiveAlias,
    MergeNotMapping,
    Depth,
    Aliases,
    Nodes,
    /// A text value longer than the limit (its length).
    LongText(usize),
    /// A key longer than the limit (its length).
    LongKey(usize),
}

/// The budgets for one stream.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub depth: usize,
    pub nodes: usize,
    pub aliases: usize,
    pub text_bytes: usize,
    /// The longest single text value or key.
    pub string_bytes: usize,
}

enum Frame {
    Seq {
        at: Span,
        anchor: usize,
        items: Vec<YamlNode>,
    },
    Map {
        at: Span,
        anchor: usize,
        entries: Vec<(YamlKey, YamlNode)>,
        seen: KeySet,
        /// The key whose value comes next; `None` while a key is awaited.
        key: Option<PendingKey>,
        merged: Vec<(YamlKey, YamlNode)>,
    },
}

/// The keys of one mapping, for refusing a repeated one: its entries are scanned while it
/// is small (faster than hashing), and a hash set takes over past [`KeySet::SCAN`] keys, so
/// checking a mapping of any size is linear.
#[derive(Default)]
struct KeySet {
    hashed: Option<HashSet<String>>,
}

impl KeySet {
    const SCAN: usize = 16;

    /// Adds `text` to the keys of `entries`; false if it is already there.
    fn insert(&mut self, entries: &[(YamlKey, YamlNode)], text: &str) -> bool {
        if let Some(set) = &mut self.hashed {
            return set.insert(text.to_string());
        }
        if entries.iter().any(|(k, _)| k.text == text) {
            return false;
        }
        if entries.len() >= Self::SCAN {
            let mut set: HashSet<String> = entries.iter().map(|(k, _)| k.text.clone()).collect();
            set.insert(text.to_string());
            self.hashed = Some(set);
        }
        true
    }
}

enum PendingKey {
    Key(YamlKey),
    /// `<<`: the value's entries are merged.
    Merge,
}

struct Builder {
    budget: Budget,
    stack: Vec<Frame>,
    /// Anchored nodes by the parser's anchor id (ids start at 1 and grow).
    anchors: Vec<Option<(YamlNode, usize)>>,
    nodes: usize,
    aliases: usize,
    text_bytes: usize,
    documents: Vec<YamlNode>,
}

fn span_of(span: &ParserSpan) -> Span {
    let start = span.start.byte_offset().unwrap_or(0);
    let end = span.end.byte_offset().unwrap_or(start);
    Span::new(start, end.saturating_sub(start))
}

/// Builds every document of `text`.
pub(crate) fn build(text: &str, budget: Budget) -> Result<Vec<YamlNode>, BuildError> {
    let options = granit_parser::options! {
        flow_nesting_limit: budget.depth,
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(budget.depth.saturating_add(1)),
        emit_comments: false,
    };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder {
        budget,
        stack: Vec::new(),
        anchors: Vec::new(),
        nodes: 0,
        aliases: 0,
        text_bytes: 0,
        documents: Vec::new(),
    };
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(BuildError::Syntax)?;
        builder.event(event, span_of(&span))?;
    }
    Ok(builder.documents)
}

impl Builder {
    fn refuse<T>(refusal: Refusal, at: Span) -> Result<T, BuildError> {
        Err(BuildError::Refused(refusal, at))
    }

    fn count_nodes(&mut self, n: usize, at: Span) -> Result<(), BuildError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.budget.nodes {
            return Self::refuse(Refusal::Nodes, at);
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, at: Span) -> Result<(), BuildError> {
        if self.stack.len() >= self.budget.depth {
            return Self::refuse(Refusal::Depth, at);
        }
        self.count_nodes(1, at)?;
        self.stack.push(frame);
        Ok(())
    }

    fn event(&mut self, event: Event<'_>, at: Span) -> Result<(), BuildError> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(..) => {
                // Anchors never reach across documents.
                self.anchors.clear();
                Ok(())
            }
            Event::SequenceStart(_, anchor, _) => {
                self.check_key_position(at)?;
                let items = Vec::new();
                self.open(Frame::Seq { at, anchor, items }, at)
            }
            Event::MappingStart(_, anchor, _) => {
                self.check_key_position(at)?;
                let frame = Frame::Map {
                    at,
                    anchor,
                    entries: Vec::new(),
                    seen: KeySet::default(),
                    key: None,
                    merged: Vec::new(),
                };
                self.open(frame, at)
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq { at, anchor, items }) => {
                    self.finish(YamlValue::Seq(items), at, anchor)
                }
                _ => Ok(()),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map {
                    at,
                    anchor,
                    mut entries,
                    mut seen,
                    merged,
                    ..
                }) => {
                    for (key, value) in merged {
                        if seen.insert(&entries, &key.text) {
                            entries.push((key, value));
                        }
                    }
                    self.finish(YamlValue::Map(entries), at, anchor)
                }
                _ => Ok(()),
            },
            Event::Scalar(text, style, anchor, _) => self.scalar(&text, style, anchor, at),
            Event::Alias(id) => self.alias(id, at),
            _ => Ok(()),
        }
    }

    /// A list or mapping where a key is awaited cannot be a key.
    fn check_key_position(&self, at: Span) -> Result<(), BuildError> {
        match self.stack.last() {
            Some(Frame::Map { key: None, .. }) => Self::refuse(Refusal::ComplexKey, at),
            _ => Ok(()),
        }
    }

    fn scalar(
        &mut self,
        text: &str,
        style: ScalarStyle,
        anchor: usize,
        at: Span,
    ) -> Result<(), BuildError> {
        self.text_bytes = self.text_bytes.saturating_add(text.len());
        if self.text_bytes > self.budget.text_bytes {
            return Self::refuse(Refusal::Nodes, at);
        }
        let plain = style == ScalarStyle::Plain;
        let too_long = text.len() > self.budget.string_bytes;
        if let Some(Frame::Map {
            key, seen, entries, ..
        }) = self.stack.last_mut()
        {
            if key.is_none() {
                if too_long {
                    return Self::refuse(Refusal::LongKey(text.len()), Span::new(at.start, 0));
                }
                if plain && scalar::is_null(text) {
                    return Self::refuse(Refusal::EmptyKey, at);
                }
                if plain && text == "<<" {
                    *key = Some(PendingKey::Merge);
                    return Ok(());
                }
                if !seen.insert(entries, text) {
                    return Self::refuse(Refusal::DuplicateKey(text.to_string()), at);
                }
                let key_node = YamlKey {
                    text: text.to_string(),
                    span: at,
                };
                *key = Some(PendingKey::Key(key_node));
                if anchor != 0 {
                    // An anchored key can be aliased later as a value.
                    let node = leaf(YamlValue::Str(text.to_string()), at);
                    self.remember(anchor, node, 0);
                }
                return Ok(());
            }
        }
        let value = if plain {
            match scalar::classify(text) {
                Plain::Null => YamlValue::Null,
                Plain::Bool(b) => YamlValue::Bool(b),
                Plain::Number => YamlValue::Number,
                Plain::Text => YamlValue::Str(text.to_string()),
                Plain::NonFinite => return Self::refuse(Refusal::NonFinite, at),
            }
        } else {
            YamlValue::Str(text.to_string())
        };
        if too_long && matches!(value, YamlValue::Str(_)) {
            return Self::refuse(Refusal::LongText(text.len()), Span::new(at.start, 0));
        }
        self.count_nodes(1, at)?;
        self.finish(value, at, anchor)
    }

    fn alias(&mut self, id: usize, at: Span) -> Result<(), BuildError> {
        self.aliases += 1;
        if self.aliases > self.budget.aliases {
            return Self::refuse(Refusal::Aliases, at);
        }
        let Some(Some((anchored, depth))) = self.anchors.get(id) else {
            // The anchor is still open: the alias is inside the node it names.
            return Self::refuse(Refusal::RecursiveAlias, at);
        };
        if self.stack.len() + depth > self.budget.depth {
            return Self::refuse(Refusal::Depth, at);
        }
        let (mut copy, size) = (anchored.clone(), size_of(anchored));
        self.count_nodes(size, at)?;
        if let Some(Frame::Map {
            key: None,
            seen,
            entries,
            ..
        }) = self.stack.last_mut()
        {
            // An alias used as a key: only text can be a key.
            return match &copy.value {
                YamlValue::Str(text) if !seen.insert(entries, text) => {
                    Self::refuse(Refusal::DuplicateKey(text.clone()), at)
                }
                YamlValue::Str(text) => {
                    let key = YamlKey {
                        text: text.clone(),
                        span: at,
                    };
                    self.set_key(key);
                    Ok(())
                }
                YamlValue::Null => Self::refuse(Refusal::EmptyKey, at),
                _ => Self::refuse(Refusal::ComplexKey, at),
            };
        }
        relocate(&mut copy, at);
        self.attach(copy)
    }

    fn set_key(&mut self, new: YamlKey) {
        if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
            *key = Some(PendingKey::Key(new));
        }
    }

    fn remember(&mut self, anchor: usize, node: YamlNode, depth: usize) {
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some((node, depth));
    }

    /// A node is complete: remember it if anchored, then place it in its parent.
    fn finish(&mut self, value: YamlValue, at: Span, anchor: usize) -> Result<(), BuildError> {
        let node = leaf(value, at);
        if anchor != 0 {
            let depth = depth_of(&node);
            self.remember(anchor, node.clone(), depth);
        }
        self.attach(node)
    }

    fn attach(&mut self, node: YamlNode) -> Result<(), BuildError> {
        match self.stack.last_mut() {
            // An empty document (nothing, or only `~`) is no document.
            None if node.value == YamlValue::Null => {}
            None => self.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                merged,
                ..
            }) => match key.take() {
                Some(PendingKey::Key(k)) => entries.push((k, node)),
                Some(PendingKey::Merge) => merge_into(merged, node)?,
                None => return Self::refuse(Refusal::ComplexKey, node.span),
            },
        }
        Ok(())
    }
}

/// The entries a merge key's value brings: a mapping's, or each mapping's of a list, in
/// order; `~` brings none.
fn merge_into(merged: &mut Vec<(YamlKey, YamlNode)>, value: YamlNode) -> Result<(), BuildError> {
    let at = value.span;
    let mut add = |node: YamlNode| match node.value {
        YamlValue::Map(entries) => {
            merged.extend(entries.into_iter().map(|(mut k, mut v)| {
                k.span = node.span;
                relocate(&mut v, node.span);
                (k, v)
            }));
            Ok(())
        }
        _ => Builder::refuse(Refusal::MergeNotMapping, node.span),
    };
    match value.value {
        YamlValue::Null => Ok(()),
        YamlValue::Map(_) => add(value),
        YamlValue::Seq(items) => items.into_iter().try_for_each(add),
        _ => Builder::refuse(Refusal::MergeNotMapping, at),
    }
}

fn leaf(value: YamlValue, at: Span) -> YamlNode {
    YamlNode {
        value,
        span: at,
        source: at,
    }
}

/// A copy brought by an alias or merge is used at `at`: every node in it says so, and keeps
/// where its value is written.
fn relocate(node: &mut YamlNode, at: Span) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        node.span = at;
        match &mut node.value {
            YamlValue::Seq(items) => stack.extend(items.iter_mut()),
            YamlValue::Map(entries) => stack.extend(entries.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// The number of nodes in a tree.
fn size_of(node: &YamlNode) -> usize {
    let (mut count, mut stack) = (0usize, vec![node]);
    while let Some(node) = stack.pop() {
        count += 1;
        match &node.value {
            YamlValue::Seq(items) => stack.extend(items),
            YamlValue::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

/// The number of nested lists and mappings in a tree.
fn depth_of(node: &YamlNode) -> usize {
    let (mut deepest, mut stack) = (0usize, vec![(node, 0usize)]);
    while let Some((node, depth)) = stack.pop() {
        match &node.value {
            YamlValue::Seq(items) => stack.extend(items.iter().map(|n| (n, depth + 1))),
            YamlValue::Map(entries) => stack.extend(entries.iter().map(|(_, v)| (v, depth + 1))),
            _ => deepest = deepest.max(depth),
        }
        deepest = deepest.max(depth);
    }
    deepest
}
