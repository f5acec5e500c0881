//! Rule-file text → [`FileAst`]: the only module that sees pest. Declarations are read here;
//! rule bodies in `rule`, expressions and message templates in `expr`. The tree it returns
//! is complete: templates parsed, rule items checked for repetition and presence.

mod expr;
mod rule;

use pest::iterators::Pair;
use pest::Parser as _;

use super::ast::*;
use super::nesting::check_nesting;
use super::syntax_error::syntax_error;
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};

pub use expr::MAX_EXPRESSION_TERMS;

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
                ast.enums.push(enum_decl(declaration));
                Ok(())
            }
            Rule::record_decl => {
                ast.records.push(record_decl(declaration));
                Ok(())
            }
            Rule::kind_decl => kind_decl(file, declaration).map(|d| ast.kinds.push(d)),
            Rule::principle_decl => {
                principle_decl(file, declaration).map(|d| ast.principles.push(d))
            }
            Rule::guideline_decl => {
                ast.guidelines.push(guideline_decl(declaration));
                Ok(())
            }
            Rule::instrument_decl => {
                ast.instruments.push(instrument_decl(declaration));
                Ok(())
            }
            Rule::param_decl => param_decl(file, declaration).map(|d| ast.params.push(d)),
            Rule::condition_decl => {
                condition_decl(file, declaration).map(|d| ast.conditions.push(d))
            }
            Rule::overlay_decl => {
                ast.overlays.push(overlay_decl(declaration));
                Ok(())
            }
            Rule::set_decl => set_decl(file, declaration).map(|d| ast.sets.push(d)),
            Rule::disable_decl => {
                ast.disables.push(disable_decl(declaration));
                Ok(())
            }
            Rule::rule_decl => rule::rule_decl(file, declaration).map(|d| ast.rules.push(d)),
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

fn enum_decl(pair: Pair<Rule>) -> EnumDecl {
    let (docs_text, mut inner) = with_docs(pair);
    let enum_name = inner.next().map(name);
    let values = inner
        .map(|value| {
            let (value_docs, mut value_inner) = with_docs(value);
            (value_inner.next().map(name), value_docs)
        })
        .filter_map(|(n, d)| n.map(|n| (n, d)))
        .collect();
    EnumDecl {
        docs: docs_text,
        name: enum_name.unwrap_or_else(missing_name),
        values,
    }
}

fn fields(inner: Children) -> Vec<FieldDecl> {
    inner
        .filter(|p| p.as_rule() == Rule::field_decl)
        .map(|field| {
            let (field_docs, mut parts) = with_docs(field);
            let field_name = parts.next().map(name).unwrap_or_else(missing_name);
            let ty = parts
                .next()
                .map(type_expr)
                .unwrap_or_else(|| TypeExpr::Named(missing_name()));
            FieldDecl {
                docs: field_docs,
                name: field_name,
                ty,
                optional: parts.next().is_some(),
            }
        })
        .collect()
}

fn type_expr(pair: Pair<Rule>) -> TypeExpr {
    let span = span_of(&pair);
    let Some(inner) = pair.into_inner().find(not_keyword) else {
        return TypeExpr::Named(missing_name());
    };
    match inner.as_rule() {
        Rule::list_type => match inner.into_inner().find(not_keyword) {
            Some(element) => TypeExpr::List(Box::new(type_expr(element)), span),
            None => TypeExpr::Named(missing_name()),
        },
        _ => TypeExpr::Named(name(inner)),
    }
}

fn record_decl(pair: Pair<Rule>) -> RecordDecl {
    let (docs_text, mut inner) = with_docs(pair);
    let record_name = inner.next().map(name).unwrap_or_else(missing_name);
    RecordDecl {
        docs: docs_text,
        name: record_name,
        fields: fields(inner),
    }
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

fn kind_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<KindDecl, SourceError> {
    let (docs_text, mut inner) = with_docs(pair);
    let kind_name = inner.next().map(name).unwrap_or_else(missing_name);
    let version = match inner.next() {
        Some(v) => number(file, &v)?,
        None => 0,
    };
    let key = match inner.peek() {
        Some(p) if p.as_rule() == Rule::key_clause => inner
            .next()
            .map(|k| children(k).map(name).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(KindDecl {
        docs: docs_text,
        name: kind_name,
        version,
        key,
        fields: fields(inner),
    })
}

fn principle_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<PrincipleDecl, SourceError> {
    let span = span_of(&pair);
    let (docs_text, mut inner) = with_docs(pair);
    let number_pair = inner.next();
    let number = match &number_pair {
        Some(p) => number(file, p)?,
        None => 0,
    };
    let title = inner.next().map(|p| text(p).value).unwrap_or_default();
    Ok(PrincipleDecl {
        docs: docs_text,
        number,
        title,
        span,
    })
}

fn guideline_decl(pair: Pair<Rule>) -> GuidelineDecl {
    let (docs_text, mut inner) = with_docs(pair);
    let id = inner.next().map(name).unwrap_or_else(missing_name);
    let actor = inner.next().map(name).unwrap_or_else(missing_name);
    let title = inner.next().map(|p| text(p).value).unwrap_or_default();
    GuidelineDecl {
        docs: docs_text,
        id,
        actor,
        title,
    }
}

fn instrument_decl(pair: Pair<Rule>) -> InstrumentDecl {
    let (docs_text, mut inner) = with_docs(pair);
    let id = inner.next().map(name).unwrap_or_else(missing_name);
    let category = inner.next().map(name).unwrap_or_else(missing_name);
    let title = inner.next().map(|p| text(p).value).unwrap_or_default();
    InstrumentDecl {
        docs: docs_text,
        id,
        category,
        title,
    }
}

fn param_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<ParamDecl, SourceError> {
    let (docs_text, mut inner) = with_docs(pair);
    let param_name = inner.next().map(name).unwrap_or_else(missing_name);
    let ty = inner
        .next()
        .map(type_expr)
        .unwrap_or_else(|| TypeExpr::Named(missing_name()));
    let default = literal_or_false(file, inner.next(), param_name.span)?;
    Ok(ParamDecl {
        docs: docs_text,
        name: param_name,
        ty,
        default,
    })
}

fn literal_or_false(
    file: &SourceFile,
    pair: Option<Pair<Rule>>,
    span: Span,
) -> Result<Expr, SourceError> {
    match pair {
        Some(literal) => expr::primary(file, literal),
        None => Ok(Expr {
            kind: ExprKind::Bool(false),
            span,
        }),
    }
}

fn condition_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<ConditionDecl, SourceError> {
    let span = span_of(&pair);
    let (docs_text, mut inner) = with_docs(pair);
    let condition_name = inner.next().map(name).unwrap_or_else(missing_name);
    let mut params = Vec::new();
    let mut body = None;
    for part in inner {
        match part.as_rule() {
            Rule::condition_param => {
                let mut parts = children(part);
                let param = parts.next().map(name).unwrap_or_else(missing_name);
                let ty = parts
                    .next()
                    .map(type_expr)
                    .unwrap_or_else(|| TypeExpr::Named(missing_name()));
                params.push((param, ty));
            }
            _ => body = Some(expr::expr(file, part)?),
        }
    }
    let Some(body) = body else {
        return Err(expr::internal(file, span));
    };
    Ok(ConditionDecl {
        docs: docs_text,
        name: condition_name,
        params,
        body,
    })
}

fn overlay_decl(pair: Pair<Rule>) -> OverlayDecl {
    let span = span_of(&pair);
    let (docs_text, mut inner) = with_docs(pair);
    let empty = || Text {
        value: String::new(),
        raw: String::new(),
        span,
    };
    let overlay_name = inner.next().map(text).unwrap_or_else(empty);
    let jurisdiction = inner.next().map(text).unwrap_or_else(empty);
    OverlayDecl {
        docs: docs_text,
        name: overlay_name,
        jurisdiction,
    }
}

fn set_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<SetDecl, SourceError> {
    let (docs_text, mut inner) = with_docs(pair);
    let param = inner.next().map(name).unwrap_or_else(missing_name);
    let value = literal_or_false(file, inner.next(), param.span)?;
    let cites = inner.map(citation).collect();
    Ok(SetDecl {
        docs: docs_text,
        param,
        value,
        cites,
    })
}

fn disable_decl(pair: Pair<Rule>) -> DisableDecl {
    let span = span_of(&pair);
    let (docs_text, mut inner) = with_docs(pair);
    let rule = inner.next().map(name).unwrap_or_else(missing_name);
    let because = inner.next().map(text).unwrap_or(Text {
        value: String::new(),
        raw: String::new(),
        span,
    });
    DisableDecl {
        docs: docs_text,
        rule,
        because,
    }
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
