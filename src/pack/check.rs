//! Step two of loading: resolves names and checks types in one rule or parameter, turning
//! syntax ([`crate::dsl::ast`]) into runnable [`Ir`]. A rule that names a field the schema
//! lacks, or compares money with a date, fails here with a pointer into the rule file.

use rust_decimal::Decimal;

use super::ir::{AggregateIr, Const, Ir, Ty};
use super::schema::{RecordId, Schema};
use crate::diagnostic::{did_you_mean, SourceError, SourceFile, Span};
use crate::document::money::{parse_decimal, parse_money};
use crate::dsl::ast::{
    Aggregate, AggregateInput, BinaryOp, Expr, ExprKind, Name, Quantifier, UnaryOp,
};

/// The most `for each` / quantifier / aggregate variables bound at once: each multiplies the
/// work by the length of its list, so deeper nesting could not finish on real documents.
pub const MAX_NESTED_VARIABLES: usize = 6;

/// A declared parameter as the checker sees it.
#[derive(Debug, Clone)]
pub struct ParamSig {
    /// `min_days`
    pub name: String,
    /// Its type.
    pub ty: Ty,
}

/// Checks expressions for one rule against one document kind.
pub struct Checker<'a> {
    /// The pack's schema.
    pub schema: &'a Schema,
    /// The pack's parameters, by index.
    pub params: &'a [ParamSig],
    /// The top-level record of the kind being checked (none for parameters).
    pub root: Option<RecordId>,
    /// The kind's name, for messages.
    pub kind_name: &'a str,
    /// The file the rule is in.
    pub file: &'a SourceFile,
    /// Variables in scope, innermost last: name, type and slot.
    pub scope: Vec<(String, Ty, usize)>,
    /// Every variable ever bound, by slot (slots are never reused within a rule).
    pub slots: Vec<String>,
}

type Checked = Result<(Ir, Ty), SourceError>;

impl<'a> Checker<'a> {
    fn error(&self, code: &'static str, span: Span, message: impl Into<String>) -> SourceError {
        SourceError::new(code, self.file, span, message)
    }

    fn mismatch(&self, span: Span, message: impl Into<String>) -> SourceError {
        self.error("fairrec::rules::type-mismatch", span, message)
    }

    fn describe(&self, ty: &Ty) -> String {
        ty.describe(self.schema)
    }

    /// Binds a new variable and returns its slot.
    pub fn bind(&mut self, name: &Name, ty: Ty) -> Result<usize, SourceError> {
        if self.scope.len() >= MAX_NESTED_VARIABLES {
            return Err(self
                .error(
                    "fairrec::rules::too-many-variables",
                    name.span,
                    format!("more than {MAX_NESTED_VARIABLES} variables are bound at once"),
                )
                .with_help(
                    "each nested `for each`, `any`, `all` or aggregate multiplies the work; split the rule",
                ));
        }
        if self.scope.iter().any(|(bound, _, _)| *bound == name.text) {
            return Err(self
                .error(
                    "fairrec::rules::shadowed-variable",
                    name.span,
                    format!("`{}` is already bound", name.text),
                )
                .with_help("choose another name for the inner variable"));
        }
        let slot = self.slots.len();
        self.slots.push(name.text.clone());
        self.scope.push((name.text.clone(), ty, slot));
        Ok(slot)
    }

    fn slot_of(&self, name: &str) -> Option<(usize, Ty)> {
        // INVARIANT: slots are never reused within a rule, so the stored slot stays valid
        // after inner quantifiers have released theirs.
        self.scope
            .iter()
            .rev()
            .find(|(bound, _, _)| bound == name)
            .map(|(_, ty, slot)| (*slot, ty.clone()))
    }

    /// Checks a condition: it must be true/false.
    pub fn condition(&mut self, expr: &Expr) -> Result<Ir, SourceError> {
        let (ir, ty) = self.expr(expr)?;
        if ty != Ty::Bool {
            return Err(self.mismatch(
                expr.span,
                format!(
                    "a condition must be true or false, but this is {}",
                    self.describe(&ty)
                ),
            ));
        }
        Ok(ir)
    }

    /// Checks a list to iterate over and returns it with its element type.
    pub fn collection(&mut self, expr: &Expr) -> Result<(Ir, Ty), SourceError> {
        let (ir, ty) = self.expr(expr)?;
        match ty {
            Ty::List(element) => Ok((ir, *element)),
            other => Err(self.mismatch(
                expr.span,
                format!(
                    "only a list can be iterated over, but this is {}",
                    self.describe(&other)
                ),
            )),
        }
    }

    /// Checks any expression.
    pub fn expr(&mut self, expr: &Expr) -> Checked {
        match &expr.kind {
            ExprKind::Integer(n) => Ok((Ir::Const(Const::Number(Decimal::from(*n))), Ty::Number)),
            ExprKind::Decimal(text) => parse_decimal(text)
                .map(|d| (Ir::Const(Const::Number(d)), Ty::Number))
                .map_err(|e| self.error("fairrec::rules::number", expr.span, e.to_string())),
            ExprKind::Money(amount, currency) => parse_money(&format!("{amount} {currency}"))
                .map(|m| (Ir::Const(Const::Money(m)), Ty::Money))
                .map_err(|e| self.error("fairrec::rules::money", expr.span, e.to_string())),
            ExprKind::Text(text) => Ok((Ir::Const(Const::Text(text.clone())), Ty::Text)),
            ExprKind::Bool(b) => Ok((Ir::Const(Const::Bool(*b)), Ty::Bool)),
            ExprKind::Path(names) => self.path(names, expr.span),
            ExprKind::Set(_) => Err(self.mismatch(
                expr.span,
                "a set such as `{a, b}` can only follow `in` or `not in`",
            )),
            ExprKind::Unary(UnaryOp::Not, operand) => {
                let ir = self.condition(operand)?;
                Ok((Ir::Not(Box::new(ir)), Ty::Bool))
            }
            ExprKind::Unary(UnaryOp::Negate, operand) => {
                let (ir, ty) = self.expr(operand)?;
                if !matches!(ty, Ty::Number | Ty::Money) {
                    return Err(self.mismatch(
                        operand.span,
                        format!(
                            "only numbers and amounts can be negated, not {}",
                            self.describe(&ty)
                        ),
                    ));
                }
                Ok((Ir::Negate(Box::new(ir)), ty))
            }
            ExprKind::Binary(op, left, right) => self.binary(*op, left, right, expr.span),
            ExprKind::Presence(present, target) => {
                let ExprKind::Path(names) = &target.kind else {
                    return Err(
                        self.mismatch(target.span, "`present` and `absent` take a field path")
                    );
                };
                if names
                    .first()
                    .is_some_and(|n| n.text == "params" || n.text == "as_of")
                {
                    return Err(self.mismatch(
                        target.span,
                        "`present` and `absent` test document fields, not parameters",
                    ));
                }
                let (ir, _) = self.path(names, target.span)?;
                Ok((Ir::Presence(*present, Box::new(ir)), Ty::Bool))
            }
            ExprKind::Quantifier(quantifier, var, collection, filter) => {
                self.quantifier(*quantifier, var, collection, filter.as_deref(), expr.span)
            }
            ExprKind::Aggregate(function, input) => self.aggregate(*function, input, expr.span),
        }
    }

    /// Resolves `a.b.c`: a variable, `params.x`, `as_of`, or a field of the document.
    fn path(&mut self, names: &[Name], span: Span) -> Checked {
        let Some(first) = names.first() else {
            return Err(self.mismatch(span, "empty path"));
        };
        let (mut ir, mut ty) = if let Some((slot, ty)) = self.slot_of(&first.text) {
            (Ir::Var(slot), ty)
        } else if first.text == "as_of" && names.len() == 1 {
            return Ok((Ir::AsOf, Ty::Date));
        } else if first.text == "params" {
            return self.param(names, span);
        } else if let Some(root) = self.root {
            let ty = self.field_type(root, first)?;
            (Ir::Field(Box::new(Ir::Root), first.text.clone()), ty)
        } else {
            return Err(self.unknown_name(first));
        };
        for name in &names[1..] {
            match &ty {
                Ty::Record(record) => {
                    ty = self.field_type(*record, name)?;
                    ir = Ir::Field(Box::new(ir), name.text.clone());
                }
                Ty::List(_) => {
                    return Err(self
                        .mismatch(
                            name.span,
                            format!(
                                "`{}` is a list: its items have fields, the list has none",
                                path_text(names, name)
                            ),
                        )
                        .with_help("iterate over it: `any(item in list where item.field ...)`"))
                }
                other => {
                    return Err(
                        self.mismatch(name.span, format!("{} has no fields", self.describe(other)))
                    )
                }
            }
        }
        Ok((ir, ty))
    }

    fn param(&self, names: &[Name], span: Span) -> Checked {
        let Some(name) = names.get(1) else {
            return Err(self.mismatch(span, "name the parameter: `params.name`"));
        };
        let Some(index) = self.params.iter().position(|p| p.name == name.text) else {
            let suggestion = did_you_mean(&name.text, self.params.iter().map(|p| p.name.as_str()));
            let error = self.error(
                "fairrec::rules::unknown-param",
                name.span,
                format!("there is no parameter `{}`", name.text),
            );
            return Err(error.suggest(suggestion));
        };
        if let Some(extra) = names.get(2) {
            return Err(self.mismatch(extra.span, "a parameter has no fields"));
        }
        Ok((Ir::Param(index), self.params[index].ty.clone()))
    }

    fn unknown_name(&self, name: &Name) -> SourceError {
        let mut candidates: Vec<&str> = self.scope.iter().map(|(n, _, _)| n.as_str()).collect();
        if let Some(root) = self.root {
            candidates.extend(self.schema.records[root].fields.keys().map(String::as_str));
        }
        let error = self.error(
            "fairrec::rules::unknown-name",
            name.span,
            format!(
                "`{}` is not a variable or a field of `{}`",
                name.text, self.kind_name
            ),
        );
        error.suggest(did_you_mean(&name.text, candidates))
    }

    fn field_type(&self, record: RecordId, name: &Name) -> Result<Ty, SourceError> {
        let def = &self.schema.records[record];
        if let Some(field) = def.fields.get(&name.text) {
            return Ok(Ty::of_field(&field.ty));
        }
        if self.root == Some(record) && name.text == "name" {
            return Ok(Ty::Text);
        }
        let owner = if self.root == Some(record) {
            format!("kind `{}`", self.kind_name)
        } else {
            format!("record `{}`", def.name)
        };
        let error = self
            .error(
                "fairrec::rules::unknown-field",
                name.span,
                format!("{owner} has no field `{}`", name.text),
            )
            .with_label("unknown field");
        Err(error.suggest_or(
            did_you_mean(&name.text, def.fields.keys().map(String::as_str)),
            format!(
                "its fields are: {}",
                def.fields
                    .keys()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }

    /// Checks `expr` where the other side of a comparison has type `other`: a bare name that
    /// is not a variable or field is read as a value of `other`'s enum.
    fn operand(&mut self, expr: &Expr, other: Option<&Ty>) -> Checked {
        if let (Some(Ty::Enum(id)), Some(word)) = (other, self.literal_word(expr)) {
            let def = &self.schema.enums[*id];
            if def.values.contains_key(&word) {
                return Ok((Ir::Const(Const::Text(word)), Ty::Enum(*id)));
            }
            let error = self.error(
                "fairrec::rules::unknown-enum-value",
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
        self.expr(expr)
    }

    /// The word of a bare name that is not bound, or of a text literal.
    fn literal_word(&self, expr: &Expr) -> Option<String> {
        match &expr.kind {
            ExprKind::Text(text) => Some(text.clone()),
            ExprKind::Path(names) if names.len() == 1 => {
                let word = &names[0].text;
                let is_field = self
                    .root
                    .is_some_and(|root| self.schema.records[root].fields.contains_key(word));
                let bound = self.slot_of(word).is_some() || word == "as_of" || is_field;
                (!bound).then(|| word.clone())
            }
            _ => None,
        }
    }

    fn comparable(&self, a: &Ty, b: &Ty) -> bool {
        a == b
            || matches!(
                (a, b),
                (Ty::Text, Ty::Language | Ty::Country) | (Ty::Language | Ty::Country, Ty::Text)
            )
    }

    fn binary(&mut self, op: BinaryOp, left: &Expr, right: &Expr, span: Span) -> Checked {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.condition(left)?;
                let r = self.condition(right)?;
                Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool))
            }
            BinaryOp::Eq | BinaryOp::Ne => {
                let (l, r, lt, rt) = self.operands(left, right)?;
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
        if self.literal_word(left).is_some() && self.literal_word(right).is_none() {
            let (r, rt) = self.expr(right)?;
            let (l, lt) = self.operand(left, Some(&rt))?;
            Ok((l, r, lt, rt))
        } else {
            let (l, lt) = self.expr(left)?;
            let (r, rt) = self.operand(right, Some(&lt))?;
            Ok((l, r, lt, rt))
        }
    }

    fn membership(&mut self, op: BinaryOp, left: &Expr, right: &Expr, span: Span) -> Checked {
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
                (_, other) => {
                    return Err(self.mismatch(
                        right.span,
                        format!(
                            "`{}` needs a list or a set on its right, not {}",
                            op.symbol(),
                            self.describe(&other)
                        ),
                    ))
                }
            }
        };
        if !self.comparable(&lt, &element) {
            return Err(self.cannot(op, &lt, &Ty::List(Box::new(element)), span));
        }
        Ok((Ir::Binary(op, Box::new(l), Box::new(r)), Ty::Bool))
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

    fn quantifier(
        &mut self,
        quantifier: Quantifier,
        var: &Name,
        collection: &Expr,
        filter: Option<&Expr>,
        span: Span,
    ) -> Checked {
        let (collection_ir, element) = self.collection(collection)?;
        let slot = self.bind(var, element)?;
        let filter_ir = match filter {
            Some(f) => Some(Box::new(self.condition(f)?)),
            None => {
                self.scope.pop();
                return Err(self.mismatch(
                    span,
                    "`any` and `all` need a condition: `any(x in xs where ...)`",
                ));
            }
        };
        self.scope.pop();
        Ok((
            Ir::Quantifier(quantifier, slot, Box::new(collection_ir), filter_ir),
            Ty::Bool,
        ))
    }

    fn aggregate(&mut self, function: Aggregate, input: &AggregateInput, span: Span) -> Checked {
        let (slot, collection, projection, filter, value_ty) = match input {
            AggregateInput::Collection(collection) => {
                let (ir, element) = self.collection(collection)?;
                (None, ir, None, None, element)
            }
            AggregateInput::Comprehension {
                projection,
                var,
                collection,
                filter,
            } => {
                let (ir, element) = self.collection(collection)?;
                let slot = self.bind(var, element.clone())?;
                let filter = match filter {
                    Some(f) => Some(Box::new(self.condition(f)?)),
                    None => None,
                };
                let (projection, value_ty) = match projection {
                    Some(p) => {
                        let (ir, ty) = self.expr(p)?;
                        (Some(Box::new(ir)), ty)
                    }
                    None => (None, element),
                };
                self.scope.pop();
                (Some(slot), ir, projection, filter, value_ty)
            }
        };
        let result = match function {
            Aggregate::Count => Ty::Number,
            Aggregate::Sum if matches!(value_ty, Ty::Number | Ty::Money) => value_ty,
            Aggregate::Min | Aggregate::Max
                if matches!(value_ty, Ty::Number | Ty::Money | Ty::Date) =>
            {
                value_ty
            }
            _ => {
                return Err(self.mismatch(
                    span,
                    format!(
                        "cannot take the {function:?} of {}",
                        self.describe(&value_ty)
                    )
                    .to_lowercase(),
                ))
            }
        };
        Ok((
            Ir::Aggregate(AggregateIr {
                function,
                slot,
                collection: Box::new(collection),
                projection,
                filter,
            }),
            result,
        ))
    }
}

fn is_zero(ir: &Ir) -> bool {
    matches!(ir, Ir::Const(Const::Number(n)) if n.is_zero())
}

fn path_text(names: &[Name], upto: &Name) -> String {
    names
        .iter()
        .take_while(|n| !std::ptr::eq(*n, upto))
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(".")
}
