//! YAML text → [`YamlNode`] trees that keep every node's byte span, one per `---` document.
//!
//! The trees are built straight from a YAML event parser (`build`), with fairrec's own
//! budgets and scalar rules (`scalar`: strict booleans so Norway's `NO` stays text, numbers
//! with leading zeros or underscores stay text); docs/decisions.md says why. This file holds
//! the tree types, the budgets and the wording of every refusal.

mod build;
mod indentation;
pub(crate) mod scalar;

use build::{Budget, BuildError, Refusal};

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::limits::{flag, Limits, MAX_DEPTH};

/// A YAML node with the span of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlKey {
    /// The key.
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

/// The shapes of YAML value.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// A scan error's position: the parser gives a line and a 1-based column.
pub(crate) fn located_span(file: &SourceFile, line: usize, column: usize) -> Span {
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

fn budget(text: &str, limits: &Limits) -> Budget {
    // Budgets scale with the input so a large honest file passes and a small hostile one
    // cannot expand beyond a few times its own size.
    let scaled = text.len().saturating_mul(4).max(100_000);
    Budget {
        // Deeper than MAX_DEPTH, later recursive walks could overflow the stack.
        depth: limits.max_depth.min(MAX_DEPTH),
        nodes: scaled.min(limits.max_nodes),
        aliases: limits.max_aliases,
        text_bytes: scaled,
        string_bytes: limits.max_string_bytes,
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
    build::build(&file.text, budget(&file.text, limits)).map_err(|e| build_error(file, e, limits))
}

/// The text at `span`, or `otherwise` when the span is empty (an empty key is written as
/// nothing at all).
fn written<'t>(file: &'t SourceFile, span: Span, otherwise: &'t str) -> &'t str {
    file.text
        .get(span.start..span.start + span.len)
        .filter(|text| !text.is_empty())
        .unwrap_or(otherwise)
}

fn build_error(file: &SourceFile, error: BuildError, limits: &Limits) -> SourceError {
    let (refusal, span) = match error {
        BuildError::Syntax(scan) => {
            let mark = scan.marker();
            let span = located_span(file, mark.line(), mark.col() + 1);
            if indentation::is_indentation(scan.kind()) {
                return indentation_error(file, &scan);
            }
            let (message, help) = reword(&scan.info(), limits);
            // A breached budget is a limit the user may raise, not a fault in the YAML.
            let code = if help
                .as_deref()
                .is_some_and(|h| h.contains("raise the limit"))
            {
                ErrorCode::LimitExceeded
            } else {
                ErrorCode::DocumentYaml
            };
            return SourceError::new(code, file, span, format!("invalid YAML: {message}"))
                .suggest(help);
        }
        BuildError::Refused(refusal, span) => (refusal, span),
    };
    let yaml = |message: &str| {
        SourceError::new(
            ErrorCode::DocumentYaml,
            file,
            span,
            format!("invalid YAML: {message}"),
        )
    };
    let breach = |what: String, limit: &str| {
        SourceError::new(
            ErrorCode::LimitExceeded,
            file,
            span,
            format!("invalid YAML: {what}"),
        )
        .with_help(format!(
            "a genuine document never needs this; if yours does, raise the limit with {}",
            flag(limit)
        ))
    };
    let too_long = |what: &str, len: usize| {
        SourceError::new(
            ErrorCode::LimitString,
            file,
            span,
            format!(
                "{what} is {len} bytes long, over the limit of {} bytes",
                limits.max_string_bytes
            ),
        )
        .with_help(format!(
            "shorten it, or raise the limit with {}",
            flag("string")
        ))
    };
    match refusal {
        Refusal::DuplicateKey(key) => {
            yaml(&format!("the key `{key}` appears twice in the same mapping"))
                .with_help("keep one of the two entries")
        }
        Refusal::EmptyKey => yaml(&format!("a mapping key is empty (`{}`)", written(file, span, "~"))),
        Refusal::ComplexKey => yaml("mapping keys must be plain text, not lists or mappings"),
        Refusal::NonFinite => yaml(&format!(
            "`{}` is not a finite number: `.inf`, `.nan` and numbers too large to hold are not accepted",
            written(file, span, ".inf")
        )),
        Refusal::RecursiveAlias => {
            yaml("an alias (`*name`) refers to the node that contains it")
        }
        Refusal::MergeNotMapping => {
            yaml("YAML merge value must be mapping or sequence of mappings")
        }
        Refusal::Depth => breach(
            format!(
                "the document is nested more than {} levels deep",
                limits.max_depth.min(MAX_DEPTH)
            ),
            "depth",
        ),
        Refusal::Aliases => breach(
            format!(
                "the document uses aliases (`*name`) more than the limit allows ({})",
                limits.max_aliases
            ),
            "aliases",
        ),
        Refusal::Nodes => breach("the document expands to far more values than its size suggests (alias expansion or a huge number of nodes)".to_string(), "nodes"),
        Refusal::LongText(len) => too_long("a text value", len),
        Refusal::LongKey(len) => too_long("a key", len),
    }
}

/// A syntax error an indentation slip causes: at the line to change when the lines around
/// it show which, with what to change, and always with the parser's own words. The advice
/// is one line, as every report format expects of advice.
fn indentation_error(file: &SourceFile, scan: &granit_parser::ScanError) -> SourceError {
    let mark = scan.marker();
    let (line, column) = (mark.line(), mark.col() + 1);
    let said = format!(
        "The YAML parser said: \"{}\" (line {}, column {column})",
        scan.info(),
        file.first_line + line
    );
    match indentation::explain(file, scan.kind(), line, mark.col()) {
        Some(advice) => SourceError::new(
            ErrorCode::DocumentYaml,
            file,
            advice.span,
            format!("invalid YAML: {}", advice.message),
        )
        .with_help(format!("{}. {said}", advice.hint))
        .with_label(advice.label),
        None => SourceError::new(
            ErrorCode::DocumentYaml,
            file,
            located_span(file, line, column),
            format!("invalid YAML: {}", scan.info()),
        )
        .with_help(format!("this is often a line indented more or less than the lines around it: the fields of one record must start in exactly the same column, each list item's `-` too. {said}")),
    }
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
