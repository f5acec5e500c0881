//! Comparisons, membership and arithmetic: which operand types each operator accepts, and
//! bare words read as enum values when the other side is an enum.

use super::{Checked, Checker};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, Span};
use crate::dsl::ast::{BinaryOp, Expr, ExprKind};
use crate::pack::ir::{Const, Ir, Ty};

impl Checker<'_> {
    /// Checks `expr` where the other side of a comparison has type `other`: a bare word that
    /// is a value of `other`'s enum is that value, even when a field has the same name
    /// (`document.type == contract`); another bare word that is not a variable or field is
    /// reported as an unknown value of the enum.
    pub(super) fn operand(&mut self, expr: &Expr, other: Option<&Ty>) -> Checked {
        if let (Some(Ty::Enum(id)), Some(word)) = (other, self.bare_word(expr)) {
            let def = &self.schema.enums[*id];
            if def.values.contains_key(&word) {
                return Ok((Ir::Const(Const::Text(word)), Ty::Enum(*id)));
            }
            if !self.is_name_in_scope(&word) {
                let error = self.error(
                    ErrorCode::RulesUnknownEnumValue,
                    expr.span,
                    format!("`{word}` is not a value of `{}`", def.name),
                );
                return Err(error.suggest_or(
                    did_you_mean(&word, def.values.keys().map(String::as_str)),
                    format!(
                        "its values are: {}",
                        def.values
                            .keys()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        self.expr(expr)
    }

    /// The word of a text literal, or of a single name that is not a bound variable.
    fn bare_word(&self, expr: &Expr) -> Option<String> {
        match &expr.kind {
            ExprKind::Text(text) => Some(text.clone()),
            ExprKind::Path(names) if names.len() == 1 => {
                let word = &names[0].text;
                (self.slot_of(word).is_none() && word != "as_of").then(|| word.clone())
            }
            _ => None,
        }
    }

    /// A variable, `as_of`, or a field of the document's top level.
    fn is_name_in_scope(&self, word: &str) -> bool {
        self.slot_of(word).is_some()
            || word == "as_of"
            || self
                .root
                .is_some_and(|root| self.schema.records[root].fields.contains_key(word))
    }

    /// A bare word that can only be an enum value: not a variable or field.
    fn enum_word(&self, expr: &Expr) -> bool {
        self.bare_word(expr)
            .is_some_and(|word| !self.is_name_in_scope(&word))
    }

    pub(super) fn comparable(&self, a: &Ty, b: &Ty) -> bool {
        a == b
            || matches!(
                (a, b),
                (Ty::Text, Ty::Language | Ty::Country) | (Ty::Language | Ty::Country, Ty::Text)
            )
    }

    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        left: &Expr,
        right: &Expr,
        span: Span,
    ) -> Checked {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.condition(left)?;
                let r = self.condition(right)?;
                Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool))
            }
            BinaryOp::Eq | BinaryOp::Ne => {
                let (l, r, lt, rt) = self.operands(left, right)?;
                // As with `<` and `>`: an amount may be compared with a plain 0.
                if (lt == Ty::Money && is_zero(&r)) || (rt == Ty::Money && is_zero(&l)) {
                    return Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool));
                }
                if !self.comparable(&lt, &rt) {
                    return Err(self.cannot(op, &lt, &rt, span));
                }
                if matches!(lt, Ty::List(_) | Ty::Record(_)) {
                    return Err(self.mismatch(
                        span,
                        format!(
                            "{} cannot be compared with `{}`",
                            self.describe(&lt),
                            op.symbol()
                        ),
                    ));
                }
                Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool))
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                let (l, r, lt, rt) = self.operands(left, right)?;
                // An amount may be compared with a plain 0, which needs no currency.
                let money_against_zero =
                    (lt == Ty::Money && is_zero(&r)) || (rt == Ty::Money && is_zero(&l));
                if money_against_zero {
                    return Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool));
                }
                if lt != rt || !matches!(lt, Ty::Number | Ty::Money | Ty::Date) {
                    return Err(self.cannot(op, &lt, &rt, span));
                }
                Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool))
            }
            BinaryOp::In | BinaryOp::NotIn => self.membership(op, left, right, span),
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                let (l, lt) = self.expr(left)?;
                let (r, rt) = self.expr(right)?;
                let result = match (op, &lt, &rt) {
                    (BinaryOp::Add | BinaryOp::Sub, Ty::Number, Ty::Number) => Ty::Number,
                    (BinaryOp::Add | BinaryOp::Sub, Ty::Money, Ty::Money) => Ty::Money,
                    (BinaryOp::Sub, Ty::Date, Ty::Date) => Ty::Number,
                    (BinaryOp::Add | BinaryOp::Sub, Ty::Date, Ty::Number) => Ty::Date,
                    (BinaryOp::Mul, Ty::Number, Ty::Number)
                    | (BinaryOp::Div, Ty::Number, Ty::Number) => Ty::Number,
                    (BinaryOp::Mul, Ty::Money, Ty::Number)
                    | (BinaryOp::Mul, Ty::Number, Ty::Money) => Ty::Money,
                    (BinaryOp::Div, Ty::Money, Ty::Number) => Ty::Money,
                    (BinaryOp::Div, Ty::Money, Ty::Money) => Ty::Number,
                    _ => return Err(self.cannot(op, &lt, &rt, span)),
                };
                Ok((Ir::Binary(op, Box::new(l), Box::new(r)), result))
            }
        }
    }

    /// Checks both sides of a comparison, letting either be an enum value named by the other.
    fn operands(&mut self, left: &Expr, right: &Expr) -> Result<(Ir, Ir, Ty, Ty), SourceError> {
        let left_word = self.enum_word(left) || matches!(left.kind, ExprKind::Text(_));
        let right_word = self.enum_word(right) || matches!(right.kind, ExprKind::Text(_));
        if left_word && !right_word {
            let (r, rt) = self.expr(right)?;
            let (l, lt) = self.operand(left, Some(&rt))?;
            Ok((l, r, lt, rt))
        } else {
            let (l, lt) = self.expr(left)?;
            let (r, rt) = self.operand(right, Some(&lt))?;
            Ok((l, r, lt, rt))
        }
    }

    pub(super) fn membership(
        &mut self,
        op: BinaryOp,
        left: &Expr,
        right: &Expr,
        span: Span,
    ) -> Checked {
        // `cash_back in cost.recovery_channels`: a bare enum word on the left takes its
        // type from the list on the right.
        let word_in_list = self.enum_word(left) && !matches!(right.kind, ExprKind::Set(_));
        if word_in_list {
            let (r, rt) = self.expr(right)?;
            let Ty::List(element) = rt else {
                return Err(self.not_a_list(op, right, &rt));
            };
            let (l, lt) = self.operand(left, Some(&element))?;
            if !self.comparable(&lt, &element) {
                return Err(self.cannot(op, &lt, &Ty::List(element), span));
            }
            return Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool));
        }
        let (l, lt) = self.expr(left)?;
        let (r, element) = if let ExprKind::Set(items) = &right.kind {
            let mut checked = Vec::with_capacity(items.len());
            for item in items {
                let (ir, ty) = self.operand(item, Some(&lt))?;
                if !self.comparable(&lt, &ty) {
                    return Err(self.cannot(op, &lt, &ty, item.span));
                }
                checked.push(ir);
            }
            (Ir::Set(checked), lt.clone())
        } else {
            match self.expr(right)? {
                (ir, Ty::List(element)) => (ir, *element),
                (_, other) => return Err(self.not_a_list(op, right, &other)),
            }
        };
        if !self.comparable(&lt, &element) {
            return Err(self.cannot(op, &lt, &Ty::List(Box::new(element)), span));
        }
        Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool))
    }

    fn not_a_list(&self, op: BinaryOp, right: &Expr, found: &Ty) -> SourceError {
        self.mismatch(
            right.span,
            format!(
                "`{}` needs a list or a set on its right, not {}",
                op.symbol(),
                self.describe(found)
            ),
        )
    }

    fn cannot(&self, op: BinaryOp, left: &Ty, right: &Ty, span: Span) -> SourceError {
        self.mismatch(
            span,
            format!(
                "cannot use `{}` with {} and {}",
                op.symbol(),
                self.describe(left),
                self.describe(right)
            ),
        )
    }
}

fn is_zero(ir: &Ir) -> bool {
    matches!(ir, Ir::Const(Const::Number(n)) if n.is_zero())
}
