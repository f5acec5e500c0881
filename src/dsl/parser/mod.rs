//! Rule-file text → [`FileAst`]: the only module that sees pest. Declarations are read here;
//! rule bodies in `rule`, expressions and message templates in `expr`. The tree it returns
//! is complete: templates parsed, rule items checked for repetition and presence.

mod declarations;
mod expr;
mod rule;

use pest::iterators::Pair;
use pest::Parser as _;

use super::ast::*;
use super::nesting::check_nesting;
use super::syntax_error::syntax_error;
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/fairrec.pest"]
pub(crate) struct RuleGrammar;

/// Parses one rule file. A syntax error stops the file; problems inside well-formed rules (an
/// item given twice, a required item missing) are all collected, and those rules left out.
pub fn parse_file(file: &SourceFile) -> Result<FileAst, Vec<SourceError>> {
    check_nesting(file).map_err(|e| vec![e])?;
    let mut pairs =
        RuleGrammar::parse(Rule::file, &file.text).map_err(|e| vec![syntax_error(file, e)])?;
    let mut ast = FileAst::default();
    let mut errors = Vec::new();
    // INVARIANT: a successful parse of `file` yields exactly one `file` pair.
    let Some(root) = pairs.next() else {
        return Ok(ast);
    };
    for declaration in root.into_inner().filter(not_keyword) {
        let result = match declaration.as_rule() {
            Rule::enum_decl => {
                ast.enums.push(declarations::enum_decl(declaration));
                Ok(())
            }
            Rule::record_decl => {
                ast.records.push(declarations::record_decl(declaration));
                Ok(())
            }
            Rule::kind_decl => {
                declarations::kind_decl(file, declaration).map(|d| ast.kinds.push(d))
            }
            Rule::principle_decl => {
                declarations::principle_decl(file, declaration).map(|d| ast.principles.push(d))
            }
            Rule::guideline_decl => {
                ast.guidelines
                    .push(declarations::guideline_decl(declaration));
                Ok(())
            }
            Rule::instrument_decl => {
                ast.instruments
                    .push(declarations::instrument_decl(declaration));
                Ok(())
            }
            Rule::param_decl => {
                declarations::param_decl(file, declaration).map(|d| ast.params.push(d))
            }
            Rule::condition_decl => {
                declarations::condition_decl(file, declaration).map(|d| ast.conditions.push(d))
            }
            Rule::overlay_decl => {
                ast.overlays.push(declarations::overlay_decl(declaration));
                Ok(())
            }
            Rule::set_decl => declarations::set_decl(file, declaration).map(|d| ast.sets.push(d)),
            Rule::disable_decl => {
                ast.disables.push(declarations::disable_decl(declaration));
                Ok(())
            }
            Rule::rule_decl => rule::rule_decl(file, declaration).map(|d| ast.rules.push(d)),
            Rule::figure_decl => rule::figure_decl(file, declaration).map(|d| ast.figures.push(d)),
            _ => Ok(()),
        };
        if let Err(error) = result {
            errors.push(error);
        }
    }
    if errors.is_empty() {
        Ok(ast)
    } else {
        Err(errors)
    }
}

/// Keywords are tokens so that `rule` cannot match the start of `ruleset`; the tree builder
/// skips them.
pub(super) fn not_keyword(pair: &Pair<Rule>) -> bool {
    !matches!(
        pair.as_rule(),
        Rule::kw_enum
            | Rule::kw_record
            | Rule::kw_kind
            | Rule::kw_version
            | Rule::kw_list
            | Rule::kw_principle
            | Rule::kw_guideline
            | Rule::kw_param
            | Rule::kw_rule
            | Rule::kw_title
            | Rule::kw_cites
            | Rule::kw_kinds
            | Rule::kw_covers
            | Rule::kw_severity
            | Rule::kw_outcome
            | Rule::kw_source
            | Rule::kw_for
            | Rule::kw_each
            | Rule::kw_in
            | Rule::kw_when
            | Rule::kw_at
            | Rule::kw_message
            | Rule::kw_remedy
            | Rule::kw_where
            | Rule::kw_key
            | Rule::kw_id
            | Rule::kw_instrument
            | Rule::kw_condition
            | Rule::kw_overlay
            | Rule::kw_jurisdiction
            | Rule::kw_set
            | Rule::kw_disable
            | Rule::kw_because
            | Rule::kw_with
            | Rule::kw_unless
            | Rule::kw_also
            | Rule::kw_review
            | Rule::kw_personal
            | Rule::kw_actor
            | Rule::kw_supersedes
            | Rule::kw_figure
            | Rule::kw_value
            | Rule::kw_by
    )
}

pub(super) type Children<'i> = std::iter::Peekable<std::vec::IntoIter<Pair<'i, Rule>>>;

/// A pair's children without keyword tokens.
pub(super) fn children(pair: Pair<'_, Rule>) -> Children<'_> {
    pair.into_inner()
        .filter(not_keyword)
        .collect::<Vec<_>>()
        .into_iter()
        .peekable()
}

pub(super) fn span_of(pair: &Pair<Rule>) -> Span {
    let span = pair.as_span();
    Span::between(span.start(), span.end())
}

pub(super) fn name(pair: Pair<Rule>) -> Name {
    Name {
        span: span_of(&pair),
        text: pair.as_str().to_string(),
    }
}

pub(super) fn missing_name() -> Name {
    Name {
        text: String::new(),
        span: Span::default(),
    }
}

/// Joins `///` lines into one text, dropping the single space after `///`.
fn docs(pair: Pair<Rule>) -> String {
    let lines: Vec<&str> = pair
        .into_inner()
        .filter(not_keyword)
        .map(|line| {
            let text = line.as_str().trim_start_matches("///");
            text.strip_prefix(' ').unwrap_or(text).trim_end()
        })
        .collect();
    lines.join("\n")
}

/// Splits off the leading `docs` pair every declaration starts with.
pub(super) fn with_docs(pair: Pair<Rule>) -> (String, Children) {
    let mut inner = children(pair);
    let documentation = match inner.peek() {
        Some(first) if first.as_rule() == Rule::docs => inner.next().map(docs).unwrap_or_default(),
        _ => String::new(),
    };
    (documentation, inner)
}

pub(super) fn number<T: std::str::FromStr>(
    file: &SourceFile,
    pair: &Pair<Rule>,
) -> Result<T, SourceError> {
    pair.as_str().parse().map_err(|_| {
        SourceError::new(
            ErrorCode::RulesNumber,
            file,
            span_of(pair),
            format!("`{}` is too large", pair.as_str()),
        )
    })
}

/// `C181 "Art. 7(1)"`
pub(super) fn citation(pair: Pair<Rule>) -> Citation {
    let mut parts = children(pair);
    let id = parts.next().map(name).unwrap_or_else(missing_name);
    Citation {
        id,
        pinpoint: parts.next().map(text),
    }
}

/// A string literal: unescaped value plus the raw inside, for templates.
pub(super) fn text(pair: Pair<Rule>) -> Text {
    let span = span_of(&pair);
    let raw = pair
        .into_inner()
        .find(not_keyword)
        .map(|inner| inner.as_str().to_string())
        .unwrap_or_default();
    Text {
        value: unescape(&raw),
        raw,
        span,
    }
}

pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
