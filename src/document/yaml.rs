//! YAML text → [`YamlNode`] trees that keep every node's byte span, one per `---` document.
//!
//! serde-saphyr is configured here and only here (see docs/decisions.md): strict booleans
//! so Norway's `NO` stays text, numbers with leading zeros or underscores stay text, and
//! budgets that scale with the input.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::fmt;

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::limits::{flag, Limits, MAX_DEPTH};

/// A YAML node with the span of its text.
#[derive(Debug, Clone)]
pub struct YamlNode {
    /// What it holds.
    pub value: YamlValue,
    /// Where it is used (for a mapping or a list: where it starts): its own text, or the
    /// alias (`*name`) or merge (`<<: *name`) that brings it here. Errors point here.
    pub span: Span,
    /// Where its value is written: the anchored node an alias or merge refers to, or `span`
    /// itself. The exact text of a number or `true`/`false` is read from here.
    pub source: Span,
}

/// A mapping key with its span.
#[derive(Debug, Clone)]
pub struct YamlKey {
    /// The key.
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

/// The shapes of YAML value.
#[derive(Debug, Clone)]
pub enum YamlValue {
    /// `~`, `null` or nothing.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number; its exact text is read back from `source` when needed.
    Number,
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<YamlNode>),
    /// A mapping, in document order.
    Map(Vec<(YamlKey, YamlNode)>),
}

impl YamlValue {
    /// How the shape is named in messages.
    pub fn describe(&self) -> &'static str {
        match self {
            YamlValue::Null => "nothing",
            YamlValue::Bool(_) => "true/false",
            YamlValue::Number => "a number",
            YamlValue::Str(_) => "text",
            YamlValue::Seq(_) => "a list",
            YamlValue::Map(_) => "a mapping",
        }
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = YamlValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<YamlValue, E> {
        Ok(YamlValue::Bool(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<YamlValue, E> {
        Ok(YamlValue::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<YamlValue, E> {
        Ok(YamlValue::Number)
    }
    fn visit_i128<E>(self, _: i128) -> Result<YamlValue, E> {
        Ok(YamlValue::Number)
    }
    fn visit_u128<E>(self, _: u128) -> Result<YamlValue, E> {
        Ok(YamlValue::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<YamlValue, E> {
        Ok(YamlValue::Number)
    }
    fn visit_str<E>(self, v: &str) -> Result<YamlValue, E> {
        Ok(YamlValue::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<YamlValue, E> {
        Ok(YamlValue::Str(v))
    }
    fn visit_unit<E>(self) -> Result<YamlValue, E> {
        Ok(YamlValue::Null)
    }
    fn visit_none<E>(self) -> Result<YamlValue, E> {
        Ok(YamlValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlValue, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(YamlValue::Seq(items.into_iter().map(into_node).collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlValue, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Spanned<String>, Spanned<Raw>>()? {
            let key = YamlKey {
                span: span_of(&key.referenced),
                text: key.value,
            };
            entries.push((key, into_node(value)));
        }
        Ok(YamlValue::Map(entries))
    }
}

/// A value as serde sees it, before its span is attached.
struct Raw(YamlValue);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(NodeVisitor).map(Raw)
    }
}

fn span_of(location: &Location) -> Span {
    let span = location.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    Span::new(start, len)
}

/// A location's span; scanner errors carry only line and column, so fall back to those.
fn located_span(file: &SourceFile, location: &Location) -> Span {
    if location.span().byte_offset().is_some() {
        return span_of(location);
    }
    let (line, column) = (location.line() as usize, location.column() as usize);
    let line_start = file
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let offset = file.text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(file.text.len(), |(i, _)| line_start + i);
    Span::new(offset, 1)
}

fn into_node(spanned: Spanned<Raw>) -> YamlNode {
    YamlNode {
        span: span_of(&spanned.referenced),
        source: span_of(&spanned.defined),
        value: spanned.value.0,
    }
}

fn options(text: &str, limits: &Limits) -> serde_saphyr::Options {
    // Budgets scale with the input so a large honest file passes and a small hostile one
    // cannot expand beyond a few times its own size.
    let scaled = text.len().saturating_mul(4).max(100_000);
    // The parser recurses per level: past MAX_DEPTH it could overflow the stack.
    let depth = limits.max_depth.min(MAX_DEPTH);
    let budget = serde_saphyr::budget! {
        max_depth: depth,
        max_aliases: limits.max_aliases,
        max_events: scaled.min(limits.max_nodes.saturating_mul(2)),
        max_nodes: scaled.min(limits.max_nodes),
        max_total_scalar_bytes: scaled,
        flow_nesting_limit: depth,
        max_documents: limits.max_nodes,
    };
    serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        budget: budget,
    }
}

/// Parses every `---` document of `file` (usually one: files are read a document at a
/// time). A syntax error fails them all, since YAML cannot resume after one. Tags and
/// `%YAML` versions other than 1.2 are refused first (see `tags`). Texts in the block
/// subset real documents use are read by the fast path (see `fast`), with the same result.
pub fn parse_documents(file: &SourceFile, limits: &Limits) -> Result<Vec<YamlNode>, SourceError> {
    // The fast path answers only for texts without tags or directives (it declines a `!` or
    // `%` wherever one would start them) and whose every text value and key is shorter than
    // the string limit, so the checks before and after the full parse could not fail.
    if let Some(documents) = super::fast::parse(file, limits) {
        return Ok(documents);
    }
    parse_documents_full(file, limits)
}

/// [`parse_documents`] without the fast path; the reference it is tested against.
#[doc(hidden)]
pub fn parse_documents_full(
    file: &SourceFile,
    limits: &Limits,
) -> Result<Vec<YamlNode>, SourceError> {
    super::tags::refuse_tags_and_versions(file)?;
    let raws: Vec<Spanned<Raw>> =
        serde_saphyr::from_multiple_with_options(&file.text, options(&file.text, limits))
            .map_err(|e| yaml_error(file, &e, limits))?;
    let documents: Vec<YamlNode> = raws.into_iter().map(into_node).collect();
    for document in &documents {
        check_strings(file, document, limits)?;
    }
    Ok(documents)
}

fn yaml_error(file: &SourceFile, error: &serde_saphyr::Error, limits: &Limits) -> SourceError {
    let span = error
        .location()
        .map(|l| located_span(file, &l))
        .unwrap_or_default();
    let mut message = error.without_snippet().to_string();
    // serde-saphyr appends " at line L, column C"; we show the position ourselves.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    let (message, help) = reword(&message, limits);
    // A breached budget is a limit the user may raise, not a fault in the YAML.
    let code = if help
        .as_deref()
        .is_some_and(|h| h.contains("raise the limit"))
    {
        ErrorCode::LimitExceeded
    } else {
        ErrorCode::DocumentYaml
    };
    let error = SourceError::new(code, file, span, format!("invalid YAML: {message}"));
    error.suggest(help)
}

/// Refuses any text value longer than the limit, pointing at it.
fn check_strings(file: &SourceFile, node: &YamlNode, limits: &Limits) -> Result<(), SourceError> {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            YamlValue::Str(text) if text.len() > limits.max_string_bytes => {
                return Err(SourceError::new(
                    ErrorCode::LimitString,
                    file,
                    Span::new(node.span.start, 0),
                    format!(
                        "a text value is {} bytes long, over the limit of {} bytes",
                        text.len(),
                        limits.max_string_bytes
                    ),
                )
                .with_help(format!(
                    "shorten it, or raise the limit with {}",
                    flag("string")
                )));
            }
            YamlValue::Seq(items) => stack.extend(items),
            YamlValue::Map(entries) => {
                if let Some((key, _)) = entries
                    .iter()
                    .find(|(k, _)| k.text.len() > limits.max_string_bytes)
                {
                    return Err(SourceError::new(
                        ErrorCode::LimitString,
                        file,
                        Span::new(key.span.start, 0),
                        format!(
                            "a key is {} bytes long, over the limit of {} bytes",
                            key.text.len(),
                            limits.max_string_bytes
                        ),
                    )
                    .with_help(format!(
                        "shorten it, or raise the limit with {}",
                        flag("string")
                    )));
                }
                stack.extend(entries.iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Rewrites the parser's messages that speak of its own options into advice for a user.
fn reword(message: &str, limits: &Limits) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return (
            format!("the key `{key}` appears twice in the same mapping"),
            Some("keep one of the two entries".into()),
        );
    }
    let plain = [
        (
            "non-finite float",
            "`.inf` and `.nan` are not accepted as numbers",
        ),
        (
            "recursive references",
            "an alias (`*name`) refers to the node that contains it",
        ),
        (
            "ignore_binary_tag_for_string",
            "binary (`!!binary`) values are not accepted",
        ),
        (
            "cannot deserialize null into string",
            "a mapping key is empty (`~`)",
        ),
        (
            "expected string scalar",
            "mapping keys must be plain text, not lists or mappings",
        ),
        (
            "simple key expected",
            "a key is too long or a `:` is missing after it",
        ),
        (
            "unknown anchor",
            "an alias (`*name`) names an anchor (`&name`) that is not defined",
        ),
    ];
    if let Some((_, text)) = plain.iter().find(|(needle, _)| message.contains(needle)) {
        return (text.to_string(), None);
    }
    let breach = |what: String, limit: &str| {
        (
            what,
            Some(format!(
                "a genuine document never needs this; if yours does, raise the limit with {}",
                flag(limit)
            )),
        )
    };
    if message.contains("Depth") || message.contains("recursion limit") {
        return breach(
            format!(
                "the document is nested more than {} levels deep",
                limits.max_depth.min(MAX_DEPTH)
            ),
            "depth",
        );
    }
    if message.contains("Aliases")
        || message.contains("AliasAnchorRatio")
        || message.contains("alias") && message.contains("limit")
    {
        return breach(
            format!(
                "the document uses aliases (`*name`) more than the limit allows ({})",
                limits.max_aliases
            ),
            "aliases",
        );
    }
    if message.contains("Nodes") || message.contains("Events") || message.contains("ScalarBytes") {
        return breach("the document expands to far more values than its size suggests (alias expansion or a huge number of nodes)".to_string(), "nodes");
    }
    if message.contains("budget") {
        return breach(message.to_string(), "nodes");
    }
    (message.to_string(), None)
}
