//! Declarations other than rules: schema (`enum`, `record`, `kind`), citation targets
//! (`principle`, `guideline`, `instrument`), `param`, `condition`, and an overlay's
//! `overlay`, `set` and `disable`.

use pest::iterators::Pair;

use super::expr;
use super::{
    children, citation, missing_name, name, not_keyword, number, span_of, text, with_docs,
};
use super::{Children, Rule};
use crate::diagnostic::{SourceError, SourceFile, Span};
use crate::dsl::ast::*;

pub(super) fn enum_decl(pair: Pair<Rule>) -> EnumDecl {
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
            let marks: Vec<Rule> = parts.map(|p| p.as_rule()).collect();
            FieldDecl {
                docs: field_docs,
                name: field_name,
                ty,
                optional: marks.contains(&Rule::optional_mark),
                personal: marks.contains(&Rule::personal_mark),
            }
        })
        .collect()
}

fn type_expr(pair: Pair<Rule>) -> TypeExpr {
    let Some(inner) = pair.into_inner().find(not_keyword) else {
        return TypeExpr::Named(missing_name());
    };
    match inner.as_rule() {
        Rule::list_type => match inner.into_inner().find(not_keyword) {
            Some(element) => TypeExpr::List(Box::new(type_expr(element))),
            None => TypeExpr::Named(missing_name()),
        },
        _ => TypeExpr::Named(name(inner)),
    }
}

pub(super) fn record_decl(pair: Pair<Rule>) -> RecordDecl {
    let (docs_text, mut inner) = with_docs(pair);
    let record_name = inner.next().map(name).unwrap_or_else(missing_name);
    RecordDecl {
        docs: docs_text,
        name: record_name,
        fields: fields(inner),
    }
}

pub(super) fn kind_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<KindDecl, SourceError> {
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
    let id = match inner.peek() {
        Some(p) if p.as_rule() == Rule::id_clause => inner
            .next()
            .map(|clause| {
                children(clause)
                    .map(|path| children(path).map(name).collect())
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(KindDecl {
        docs: docs_text,
        name: kind_name,
        version,
        key,
        id,
        fields: fields(inner),
    })
}

pub(super) fn principle_decl(
    file: &SourceFile,
    pair: Pair<Rule>,
) -> Result<PrincipleDecl, SourceError> {
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

pub(super) fn guideline_decl(pair: Pair<Rule>) -> GuidelineDecl {
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

pub(super) fn instrument_decl(pair: Pair<Rule>) -> InstrumentDecl {
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

pub(super) fn param_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<ParamDecl, SourceError> {
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

pub(super) fn condition_decl(
    file: &SourceFile,
    pair: Pair<Rule>,
) -> Result<ConditionDecl, SourceError> {
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

pub(super) fn overlay_decl(pair: Pair<Rule>) -> OverlayDecl {
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

pub(super) fn set_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<SetDecl, SourceError> {
    // Documentation lines before `set` explain the value to readers of the overlay.
    let (_, mut inner) = with_docs(pair);
    let param = inner.next().map(name).unwrap_or_else(missing_name);
    let value = literal_or_false(file, inner.next(), param.span)?;
    let cites = inner.map(citation).collect();
    Ok(SetDecl {
        param,
        value,
        cites,
    })
}

pub(super) fn disable_decl(pair: Pair<Rule>) -> DisableDecl {
    let span = span_of(&pair);
    let (_, mut inner) = with_docs(pair);
    let rule = inner.next().map(name).unwrap_or_else(missing_name);
    let because = inner.next().map(text).unwrap_or(Text {
        value: String::new(),
        raw: String::new(),
        span,
    });
    DisableDecl { rule, because }
}
