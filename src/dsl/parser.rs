//! Rule-file text → [`FileAst`]: the only module that sees pest.

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use std::sync::LazyLock;

use super::ast::*;
use super::syntax_error::syntax_error;
use crate::diagnostic::{SourceError, SourceFile, Span};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/fairrec.pest"]
pub(crate) struct RuleGrammar;

/// Operator precedence, lowest first, as the language reference lists it.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
});

/// The deepest expression nesting accepted; deeper input is refused before it can exhaust
/// the stack of the recursive passes that follow.
pub const MAX_EXPRESSION_DEPTH: usize = 64;

/// Parses one rule file.
pub fn parse_file(file: &SourceFile) -> Result<FileAst, SourceError> {
    check_nesting(file)?;
    let mut pairs =
        RuleGrammar::parse(Rule::file, &file.text).map_err(|e| syntax_error(file, e))?;
    let mut ast = FileAst::default();
    // INVARIANT: a successful parse of `file` yields exactly one `file` pair.
    let Some(root) = pairs.next() else {
        return Ok(ast);
    };
    for declaration in root.into_inner().filter(not_keyword) {
        match declaration.as_rule() {
            Rule::enum_decl => ast.enums.push(enum_decl(declaration)),
            Rule::record_decl => ast.records.push(record_decl(declaration)),
            Rule::kind_decl => ast.kinds.push(kind_decl(file, declaration)?),
            Rule::principle_decl => ast.principles.push(principle_decl(file, declaration)?),
            Rule::guideline_decl => ast.guidelines.push(guideline_decl(declaration)),
            Rule::param_decl => ast.params.push(param_decl(file, declaration)?),
            Rule::rule_decl => ast.rules.push(rule_decl(file, declaration)?),
            _ => {}
        }
    }
    Ok(ast)
}

/// Parses the inside of a message template (`raw`, starting at byte `offset` of the file)
/// into text and expression pieces.
pub fn parse_template(
    file: &SourceFile,
    raw: &str,
    offset: usize,
) -> Result<Vec<TemplatePiece>, SourceError> {
    let shifted = |span: Span| Span::new(span.start + offset, span.len);
    let pairs = RuleGrammar::parse(Rule::template, raw).map_err(|e| {
        let mut error = syntax_error(&SourceFile::new(file.name.as_ref(), raw), e);
        error.span = shifted(error.span);
        error.file = file.clone();
        error
    })?;
    let mut pieces = Vec::new();
    for pair in pairs.flatten() {
        match pair.as_rule() {
            Rule::template_text => pieces.push(TemplatePiece::Text(unescape(pair.as_str()))),
            Rule::template_hole => {
                if let Some(inner) = pair.into_inner().find(not_keyword) {
                    let mut hole = expr(file, inner)?;
                    shift_expr(&mut hole, offset);
                    pieces.push(TemplatePiece::Hole(hole));
                }
            }
            _ => {}
        }
    }
    Ok(pieces)
}

/// One piece of a message template.
#[derive(Debug, Clone)]
pub enum TemplatePiece {
    /// Literal text.
    Text(String),
    /// `{expression}`
    Hole(Expr),
}

fn shift_expr(expr: &mut Expr, offset: usize) {
    expr.span.start += offset;
    match &mut expr.kind {
        ExprKind::Path(names) => names.iter_mut().for_each(|n| n.span.start += offset),
        ExprKind::Set(items) => items.iter_mut().for_each(|e| shift_expr(e, offset)),
        ExprKind::Unary(_, e) | ExprKind::Presence(_, e) => shift_expr(e, offset),
        ExprKind::Binary(_, a, b) => {
            shift_expr(a, offset);
            shift_expr(b, offset);
        }
        ExprKind::Quantifier(_, var, collection, filter) => {
            var.span.start += offset;
            shift_expr(collection, offset);
            if let Some(f) = filter {
                shift_expr(f, offset);
            }
        }
        ExprKind::Aggregate(_, AggregateInput::Collection(e)) => shift_expr(e, offset),
        ExprKind::Aggregate(
            _,
            AggregateInput::Comprehension {
                projection,
                var,
                collection,
                filter,
            },
        ) => {
            var.span.start += offset;
            shift_expr(collection, offset);
            for e in [projection, filter].into_iter().flatten() {
                shift_expr(e, offset);
            }
        }
        _ => {}
    }
}

/// Refuses brackets nested deeper than [`MAX_EXPRESSION_DEPTH`] before pest recurses into them.
fn check_nesting(file: &SourceFile) -> Result<(), SourceError> {
    let bytes = file.text.as_bytes();
    let mut depth = 0usize;
    let mut open_lists = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (offset, &byte) in bytes.iter().enumerate() {
        if in_comment {
            in_comment = byte != b'\n';
            continue;
        }
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        // `<` opens only in `list<`; elsewhere it is a comparison.
        let opens =
            matches!(byte, b'(' | b'{') || (byte == b'<' && bytes[..offset].ends_with(b"list"));
        match byte {
            b'"' => in_string = true,
            b'/' if bytes.get(offset + 1) == Some(&b'/') => in_comment = true,
            _ if opens => {
                depth += 1;
                if byte == b'<' {
                    open_lists += 1;
                }
                if depth > MAX_EXPRESSION_DEPTH + 2 {
                    return Err(SourceError::new(
                        "fairrec::rules::too-deep",
                        file,
                        Span::new(offset, 1),
                        format!("brackets are nested more than {MAX_EXPRESSION_DEPTH} deep"),
                    )
                    .with_help("split the condition into simpler parts"));
                }
            }
            b')' | b'}' => depth = depth.saturating_sub(1),
            b'>' if open_lists > 0 => {
                open_lists -= 1;
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Keywords are tokens so that `rule` cannot match the start of `ruleset`; the tree builder
/// skips them.
fn not_keyword(pair: &Pair<Rule>) -> bool {
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
    )
}

type Children<'i> = std::iter::Peekable<std::vec::IntoIter<Pair<'i, Rule>>>;

/// A pair's children without keyword tokens.
fn children(pair: Pair<'_, Rule>) -> Children<'_> {
    pair.into_inner()
        .filter(not_keyword)
        .collect::<Vec<_>>()
        .into_iter()
        .peekable()
}

fn span_of(pair: &Pair<Rule>) -> Span {
    let span = pair.as_span();
    Span::between(span.start(), span.end())
}

fn name(pair: Pair<Rule>) -> Name {
    Name {
        span: span_of(&pair),
        text: pair.as_str().to_string(),
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
fn with_docs(pair: Pair<Rule>) -> (String, Children) {
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

fn missing_name() -> Name {
    Name {
        text: String::new(),
        span: Span::default(),
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

fn number<T: std::str::FromStr>(file: &SourceFile, pair: &Pair<Rule>) -> Result<T, SourceError> {
    pair.as_str().parse().map_err(|_| {
        SourceError::new(
            "fairrec::rules::number",
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
    Ok(KindDecl {
        docs: docs_text,
        name: kind_name,
        version,
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

fn param_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<ParamDecl, SourceError> {
    let (docs_text, mut inner) = with_docs(pair);
    let param_name = inner.next().map(name).unwrap_or_else(missing_name);
    let ty = inner
        .next()
        .map(type_expr)
        .unwrap_or_else(|| TypeExpr::Named(missing_name()));
    let default = match inner.next() {
        Some(literal) => primary(file, literal)?,
        None => Expr {
            kind: ExprKind::Bool(false),
            span: param_name.span,
        },
    };
    Ok(ParamDecl {
        docs: docs_text,
        name: param_name,
        ty,
        default,
    })
}

/// A string literal: unescaped value plus the raw inside, for templates.
fn text(pair: Pair<Rule>) -> Text {
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

fn unescape(raw: &str) -> String {
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

fn rule_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<RuleDecl, SourceError> {
    let span = span_of(&pair);
    let (docs_text, mut inner) = with_docs(pair);
    let id = inner.next().map(name).unwrap_or_else(missing_name);
    let rule_name = inner.next().map(name).unwrap_or_else(missing_name);
    let mut items = Vec::new();
    for item in inner {
        let rule = item.as_rule();
        let mut parts = item.into_inner().filter(not_keyword);
        let parsed = match rule {
            Rule::title_item => parts.next().map(|p| RuleItem::Title(text(p))),
            Rule::source_item => parts.next().map(|p| RuleItem::Source(text(p))),
            Rule::message_item => parts.next().map(|p| RuleItem::Message(text(p))),
            Rule::remedy_item => parts.next().map(|p| RuleItem::Remedy(text(p))),
            Rule::cites_item => Some(RuleItem::Cites(parts.map(name).collect())),
            Rule::kinds_item => Some(RuleItem::Kinds(parts.map(name).collect())),
            Rule::covers_item => Some(RuleItem::Covers(
                parts
                    .map(|path| path.into_inner().map(name).collect())
                    .collect(),
            )),
            Rule::severity_item => parts.next().map(|p| RuleItem::Severity(name(p))),
            Rule::outcome_item => parts.next().map(|p| RuleItem::Outcome(name(p))),
            Rule::when_item => match parts.next() {
                Some(p) => Some(RuleItem::When(expr(file, p)?)),
                None => None,
            },
            Rule::at_item => match parts.next() {
                Some(p) => Some(RuleItem::At(primary(file, p)?)),
                None => None,
            },
            Rule::for_each_item => {
                let mut bindings = Vec::new();
                for binding in parts {
                    let mut binding_parts = binding.into_inner().filter(not_keyword);
                    let var = binding_parts.next().map(name).unwrap_or_else(missing_name);
                    if let Some(collection) = binding_parts.next() {
                        bindings.push(Binding {
                            var,
                            collection: expr(file, collection)?,
                        });
                    }
                }
                Some(RuleItem::ForEach(bindings))
            }
            _ => None,
        };
        items.extend(parsed);
    }
    Ok(RuleDecl {
        docs: docs_text,
        id,
        name: rule_name,
        span,
        items,
    })
}

/// The most operands and operators in one expression: longer chains would nest the syntax
/// tree deep enough to exhaust the stack of the passes that walk it.
pub const MAX_EXPRESSION_TERMS: usize = 256;

/// An `expr` pair → [`Expr`], with the Pratt parser handling precedence.
fn expr(file: &SourceFile, pair: Pair<Rule>) -> Result<Expr, SourceError> {
    let span = span_of(&pair);
    let terms: Vec<Pair<Rule>> = pair.into_inner().filter(not_keyword).collect();
    if terms.len() > MAX_EXPRESSION_TERMS {
        return Err(SourceError::new(
            "fairrec::rules::too-long",
            file,
            Span::new(span.start, 0),
            format!("this expression has more than {MAX_EXPRESSION_TERMS} operands and operators"),
        )
        .with_help("split the condition into several rules or simpler parts"));
    }
    PRATT
        .map_primary(|p| primary(file, p))
        .map_prefix(|op, operand| {
            let operand = operand?;
            let unary = if op.as_rule() == Rule::op_not {
                UnaryOp::Not
            } else {
                UnaryOp::Negate
            };
            let span = Span::between(op.as_span().start(), operand.span.start + operand.span.len);
            Ok(Expr {
                kind: ExprKind::Unary(unary, Box::new(operand)),
                span,
            })
        })
        .map_infix(|left, op, right| {
            let (left, right) = (left?, right?);
            let binary = match op.as_rule() {
                Rule::op_or => BinaryOp::Or,
                Rule::op_and => BinaryOp::And,
                Rule::op_eq => BinaryOp::Eq,
                Rule::op_ne => BinaryOp::Ne,
                Rule::op_lt => BinaryOp::Lt,
                Rule::op_le => BinaryOp::Le,
                Rule::op_gt => BinaryOp::Gt,
                Rule::op_ge => BinaryOp::Ge,
                Rule::op_in => BinaryOp::In,
                Rule::op_not_in => BinaryOp::NotIn,
                Rule::op_add => BinaryOp::Add,
                Rule::op_sub => BinaryOp::Sub,
                Rule::op_mul => BinaryOp::Mul,
                _ => BinaryOp::Div,
            };
            let span = Span::between(left.span.start, right.span.start + right.span.len);
            Ok(Expr {
                kind: ExprKind::Binary(binary, Box::new(left), Box::new(right)),
                span,
            })
        })
        .parse(terms.into_iter())
}

fn primary(file: &SourceFile, pair: Pair<Rule>) -> Result<Expr, SourceError> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::expr => return expr(file, pair),
        Rule::path => ExprKind::Path(pair.into_inner().filter(not_keyword).map(name).collect()),
        Rule::integer => ExprKind::Integer(number(file, &pair)?),
        Rule::decimal => ExprKind::Decimal(pair.as_str().to_string()),
        Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
        Rule::string => ExprKind::Text(text(pair).value),
        Rule::money => {
            let mut parts = pair.into_inner().filter(not_keyword);
            let amount = parts
                .next()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let currency = parts
                .next()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            ExprKind::Money(amount, currency)
        }
        Rule::set_literal => ExprKind::Set(
            pair.into_inner()
                .filter(not_keyword)
                .map(|item| expr(file, item))
                .collect::<Result<_, _>>()?,
        ),
        Rule::presence => {
            let mut parts = pair.into_inner().filter(not_keyword);
            let present = parts.next().is_some_and(|f| f.as_str() == "present");
            let target = match parts.next() {
                Some(p) => primary(file, p)?,
                None => return Err(internal(file, span)),
            };
            ExprKind::Presence(present, Box::new(target))
        }
        Rule::quantifier => {
            let mut parts = pair.into_inner().filter(not_keyword);
            let quantifier = match parts.next() {
                Some(f) if f.as_str() == "all" => Quantifier::All,
                _ => Quantifier::Any,
            };
            let var = parts.next().map(name).unwrap_or_else(missing_name);
            let collection = match parts.next() {
                Some(p) => expr(file, p)?,
                None => return Err(internal(file, span)),
            };
            let filter = parts.next().map(|p| expr(file, p)).transpose()?;
            ExprKind::Quantifier(quantifier, var, Box::new(collection), filter.map(Box::new))
        }
        Rule::aggregate => aggregate(file, pair, span)?,
        _ => return Err(internal(file, span)),
    };
    Ok(Expr { kind, span })
}

fn aggregate(file: &SourceFile, pair: Pair<Rule>, span: Span) -> Result<ExprKind, SourceError> {
    let mut parts = pair.into_inner().filter(not_keyword);
    let function = match parts.next().map(|f| f.as_str().to_string()).as_deref() {
        Some("sum") => Aggregate::Sum,
        Some("min") => Aggregate::Min,
        Some("max") => Aggregate::Max,
        _ => Aggregate::Count,
    };
    let Some(body) = parts.next() else {
        return Err(internal(file, span));
    };
    let mut pieces = children(body);
    let Some(first) = pieces.next() else {
        return Err(internal(file, span));
    };
    let first = expr(file, first)?;
    // `sum(p for x in xs where c)`: a projection, then the binding.
    if pieces.peek().is_some_and(|p| p.as_rule() == Rule::ident) {
        let var = pieces.next().map(name).unwrap_or_else(missing_name);
        let collection = match pieces.next() {
            Some(p) => Box::new(expr(file, p)?),
            None => return Err(internal(file, span)),
        };
        let filter = pieces
            .next()
            .map(|p| expr(file, p))
            .transpose()?
            .map(Box::new);
        return Ok(ExprKind::Aggregate(
            function,
            AggregateInput::Comprehension {
                projection: Some(Box::new(first)),
                var,
                collection,
                filter,
            },
        ));
    }
    let filter = pieces
        .next()
        .map(|p| expr(file, p))
        .transpose()?
        .map(Box::new);
    // `count(x in xs [where c])` reads as a membership test: split it into the binding.
    match first.kind {
        ExprKind::Binary(BinaryOp::In, left, collection) => match left.kind {
            ExprKind::Path(mut names) if names.len() == 1 => Ok(ExprKind::Aggregate(
                function,
                AggregateInput::Comprehension {
                    projection: None,
                    var: names.remove(0),
                    collection,
                    filter,
                },
            )),
            _ => Err(binding_expected(file, left.span)),
        },
        kind if filter.is_none() => Ok(ExprKind::Aggregate(
            function,
            AggregateInput::Collection(Box::new(Expr {
                kind,
                span: first.span,
            })),
        )),
        _ => Err(binding_expected(file, first.span)),
    }
}

fn binding_expected(file: &SourceFile, span: Span) -> SourceError {
    SourceError::new(
        "fairrec::rules::syntax",
        file,
        span,
        "expected a binding such as `cost in costs` before `where`",
    )
    .with_help(
        "write `count(cost in costs where ...)` or `sum(cost.amount for cost in costs where ...)`",
    )
}

/// A parse tree the grammar should never produce; reported instead of panicking.
fn internal(file: &SourceFile, span: Span) -> SourceError {
    SourceError::new(
        "fairrec::rules::internal",
        file,
        span,
        "this construct could not be read",
    )
    .with_help("please report this rule text to the fairrec maintainers")
}
