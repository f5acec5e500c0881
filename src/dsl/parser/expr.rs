//! Expressions and message templates: pest pairs → [`Expr`], with the Pratt parser for
//! operator precedence.

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use std::sync::LazyLock;

use super::{children, missing_name, name, not_keyword, number, span_of, text, unescape};
use super::{Rule, RuleGrammar};
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::*;
use crate::dsl::syntax_error::syntax_error;

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

/// The most operands and operators in one expression: longer chains would nest the syntax
/// tree deep enough to exhaust the stack of the passes that walk it.
pub const MAX_EXPRESSION_TERMS: usize = 256;

/// Parses the inside of a message template (`raw`, starting at byte `offset` of the file)
/// into text and expression pieces, with spans in the rule file.
pub(super) fn parse_template(
    file: &SourceFile,
    raw: &str,
    offset: usize,
) -> Result<Vec<TemplatePiece>, SourceError> {
    // The template is parsed on its own text, then every span is moved into the rule file.
    let local = SourceFile::new(file.name.as_ref(), raw);
    let pairs = RuleGrammar::parse(Rule::template, raw)
        .map_err(|e| syntax_error(&local, e).moved_into(file, offset))?;
    let mut pieces = Vec::new();
    for pair in pairs.flatten() {
        match pair.as_rule() {
            Rule::template_text => pieces.push(TemplatePiece::Text(unescape(pair.as_str()))),
            Rule::template_hole => {
                if let Some(inner) = pair.into_inner().find(not_keyword) {
                    let mut hole = expr(&local, inner).map_err(|e| e.moved_into(file, offset))?;
                    shift_expr(&mut hole, offset);
                    pieces.push(TemplatePiece::Hole(hole));
                }
            }
            _ => {}
        }
    }
    Ok(pieces)
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
        ExprKind::Call(callee, args) => {
            callee.span.start += offset;
            args.iter_mut().for_each(|e| shift_expr(e, offset));
        }
        ExprKind::Aggregate(_, input, quantile) => {
            if let Some(q) = quantile {
                shift_expr(q, offset);
            }
            match input {
                AggregateInput::Collection(e) => shift_expr(e, offset),
                AggregateInput::Comprehension {
                    projection,
                    var,
                    collection,
                    filter,
                } => {
                    var.span.start += offset;
                    shift_expr(collection, offset);
                    for e in [projection, filter].into_iter().flatten() {
                        shift_expr(e, offset);
                    }
                }
            }
        }
        _ => {}
    }
}

/// An `expr` pair → [`Expr`], with the Pratt parser handling precedence.
pub(super) fn expr(file: &SourceFile, pair: Pair<Rule>) -> Result<Expr, SourceError> {
    let span = span_of(&pair);
    let terms: Vec<Pair<Rule>> = pair.into_inner().filter(not_keyword).collect();
    if terms.len() > MAX_EXPRESSION_TERMS {
        return Err(SourceError::new(
            ErrorCode::RulesTooLong,
            file,
            Span::new(span.start, 0),
            format!("this expression has more than {MAX_EXPRESSION_TERMS} operands and operators"),
        )
        .with_help("split the condition into several rules or named conditions"));
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

pub(super) fn primary(file: &SourceFile, pair: Pair<Rule>) -> Result<Expr, SourceError> {
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
            let mut next = || {
                parts
                    .next()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default()
            };
            let amount = next();
            ExprKind::Money(amount, next())
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
        Rule::call => {
            let mut parts = pair.into_inner().filter(not_keyword);
            let callee = parts.next().map(name).unwrap_or_else(missing_name);
            let args = parts.map(|p| expr(file, p)).collect::<Result<_, _>>()?;
            ExprKind::Call(callee, args)
        }
        Rule::aggregate => {
            let mut parts = children(pair);
            let function = match parts.next().map(|f| f.as_str().to_string()).as_deref() {
                Some("sum") => Aggregate::Sum,
                Some("min") => Aggregate::Min,
                Some("max") => Aggregate::Max,
                Some("mean") => Aggregate::Mean,
                Some("median") => Aggregate::Median,
                _ => Aggregate::Count,
            };
            let Some(body) = parts.next() else {
                return Err(internal(file, span));
            };
            ExprKind::Aggregate(function, aggregate_body(file, body, span)?, None)
        }
        Rule::quantile => {
            let mut parts = children(pair);
            parts.next(); // `quantile`
            let (Some(p), Some(body)) = (parts.next(), parts.next()) else {
                return Err(internal(file, span));
            };
            let p = expr(file, p)?;
            let input = aggregate_body(file, body, span)?;
            ExprKind::Aggregate(Aggregate::Quantile, input, Some(Box::new(p)))
        }
        _ => return Err(internal(file, span)),
    };
    Ok(Expr { kind, span })
}

/// `x`, `x in xs where c` or `p for x in xs where c`.
fn aggregate_body(
    file: &SourceFile,
    body: Pair<Rule>,
    span: Span,
) -> Result<AggregateInput, SourceError> {
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
        return Ok(AggregateInput::Comprehension {
            projection: Some(Box::new(first)),
            var,
            collection,
            filter,
        });
    }
    let filter = pieces
        .next()
        .map(|p| expr(file, p))
        .transpose()?
        .map(Box::new);
    // `count(x in xs [where c])` reads as a membership test: split it into the binding.
    match first.kind {
        ExprKind::Binary(BinaryOp::In, left, collection) => match left.kind {
            ExprKind::Path(mut names) if names.len() == 1 => Ok(AggregateInput::Comprehension {
                projection: None,
                var: names.remove(0),
                collection,
                filter,
            }),
            _ => Err(binding_expected(file, left.span)),
        },
        kind if filter.is_none() => Ok(AggregateInput::Collection(Box::new(Expr {
            kind,
            span: first.span,
        }))),
        _ => Err(binding_expected(file, first.span)),
    }
}

fn binding_expected(file: &SourceFile, span: Span) -> SourceError {
    SourceError::new(
        ErrorCode::RulesSyntax,
        file,
        span,
        "expected a binding such as `cost in costs` before `where`",
    )
    .with_help(
        "write `count(cost in costs where ...)` or `sum(cost.amount for cost in costs where ...)`",
    )
}

/// A parse tree the grammar should never produce; reported instead of panicking.
pub(super) fn internal(file: &SourceFile, span: Span) -> SourceError {
    SourceError::new(
        ErrorCode::RulesInternal,
        file,
        span,
        "this construct could not be read",
    )
    .with_help("please report this rule text to the fairrec maintainers")
}
