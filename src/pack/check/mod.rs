//! Step two of loading: resolves names and checks types in one rule, parameter or named
//! condition, turning syntax ([`crate::dsl::ast`]) into runnable [`Ir`]. A rule that names a
//! field the schema lacks, or compares money with a date, fails here with a pointer into the
//! rule file. Paths and names are resolved here; operators in `operators`; quantifiers,
//! aggregates, calls and lookups in `compound`.

mod compound;
mod operators;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::ir::{Const, Ir, Ty};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::{Expr, ExprKind, Name, UnaryOp};
use crate::schema::{RecordId, Schema};
use crate::value::money::{parse_decimal, parse_money};

/// The most `for each` / quantifier / aggregate variables bound at once: each multiplies the
/// work by the length of its list, so deeper nesting could not finish on real documents.
pub const MAX_NESTED_VARIABLES: usize = 6;

/// How deep named conditions may call one another.
pub const MAX_CALL_DEPTH: usize = 8;

/// A declared parameter as the checker sees it.
#[derive(Debug, Clone)]
pub struct ParamSig {
    /// `min_days`
    pub name: String,
    /// Its type.
    pub ty: Ty,
}

/// A named condition as the checker sees it: its parameters' types and its body, which is
/// checked again at each call site (so its variables take that rule's slots).
#[derive(Debug, Clone)]
pub struct ConditionSig {
    /// The file it is declared in (errors in its body point there).
    pub file: SourceFile,
    /// Its parameters and their types.
    pub params: Vec<(Name, Ty)>,
    /// The condition.
    pub body: Expr,
}

/// Checks expressions for one rule against one document kind.
pub struct Checker<'a> {
    schema: &'a Schema,
    params: &'a [ParamSig],
    conditions: &'a IndexMap<String, ConditionSig>,
    /// The top-level record of the kind being checked (none for parameters and conditions).
    root: Option<RecordId>,
    /// The kind's name, for messages.
    kind_name: &'a str,
    /// The file the expression being checked is in.
    file: &'a SourceFile,
    /// Variables in scope, innermost last: name, type and slot.
    scope: Vec<(String, Ty, usize)>,
    /// Every variable ever bound, by slot (slots are never reused within a rule).
    slots: Vec<String>,
    /// The named conditions being expanded, outermost first.
    calls: Vec<String>,
}

type Checked = Result<(Ir, Ty), SourceError>;

impl<'a> Checker<'a> {
    /// A checker for expressions of `kind_name` (whose top level is `root`) in `file`.
    pub fn new(
        schema: &'a Schema,
        params: &'a [ParamSig],
        conditions: &'a IndexMap<String, ConditionSig>,
        file: &'a SourceFile,
        root: Option<RecordId>,
        kind_name: &'a str,
    ) -> Self {
        Self {
            schema,
            params,
            conditions,
            root,
            kind_name,
            file,
            scope: Vec::new(),
            slots: Vec::new(),
            calls: Vec::new(),
        }
    }

    /// The names bound, by slot.
    pub fn slot_names(&self) -> Vec<String> {
        self.slots.clone()
    }

    fn error(&self, code: ErrorCode, span: Span, message: impl Into<String>) -> SourceError {
        SourceError::new(code, self.file, span, message)
    }

    fn mismatch(&self, span: Span, message: impl Into<String>) -> SourceError {
        self.error(ErrorCode::RulesTypeMismatch, span, message)
    }

    fn describe(&self, ty: &Ty) -> String {
        ty.describe(self.schema)
    }

    /// Binds a new variable and returns its slot.
    pub fn bind(&mut self, name: &Name, ty: Ty) -> Result<usize, SourceError> {
        if self.scope.len() >= MAX_NESTED_VARIABLES {
            return Err(self
                .error(
                    ErrorCode::RulesTooManyVariables,
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
                    ErrorCode::RulesShadowedVariable,
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

    /// Checks `for each` bindings, outermost first, and binds each variable to its slot.
    pub fn bindings(
        &mut self,
        bindings: &[crate::dsl::ast::Binding],
    ) -> Result<Vec<(usize, Ir)>, SourceError> {
        let mut checked = Vec::with_capacity(bindings.len());
        for binding in bindings {
            let (collection, element) = self.collection(&binding.collection)?;
            let slot = self.bind(&binding.var, element)?;
            checked.push((slot, collection));
        }
        Ok(checked)
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
                .map_err(|e| self.error(ErrorCode::RulesNumber, expr.span, e.to_string())),
            ExprKind::Money(amount, currency) => parse_money(&format!("{amount} {currency}"))
                .map(|m| (Ir::Const(Const::Money(m)), Ty::Money))
                .map_err(|e| self.error(ErrorCode::RulesMoney, expr.span, e.to_string())),
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
            ExprKind::Aggregate(function, input, quantile) => {
                self.aggregate(*function, input, quantile.as_deref(), expr.span)
            }
            ExprKind::Call(callee, args) => self.call(callee, args, expr.span),
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
                ErrorCode::RulesUnknownParam,
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
            ErrorCode::RulesUnknownName,
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
        // `name` is part of every document's envelope, whatever its kind.
        if name.text == "name" && self.schema.is_kind_root(record) {
            return Ok(Ty::Text);
        }
        let owner = if self.root == Some(record) {
            format!("kind `{}`", self.kind_name)
        } else {
            format!("record `{}`", def.name)
        };
        let error = self
            .error(
                ErrorCode::RulesUnknownField,
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
}

fn path_text(names: &[Name], upto: &Name) -> String {
    names
        .iter()
        .take_while(|n| !std::ptr::eq(*n, upto))
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(".")
}
