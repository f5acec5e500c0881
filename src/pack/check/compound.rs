//! Expressions that bind variables or reach elsewhere: quantifiers, aggregates, calls of
//! named conditions, and `with` lookups of other documents.

use rust_decimal::Decimal;

use super::{Checked, Checker, ConditionSig, MAX_CALL_DEPTH};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, Span};
use crate::dsl::ast::{Aggregate, AggregateInput, Expr, Lookup, Name, Quantifier};
use crate::pack::ir::{AggregateIr, CallIr, Const, Ir, LookupIr, Ty, Written};

impl<'a> Checker<'a> {
    pub(super) fn quantifier(
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

    pub(super) fn aggregate(
        &mut self,
        function: Aggregate,
        input: &AggregateInput,
        quantile: Option<&Expr>,
        span: Span,
    ) -> Checked {
        let quantile = match quantile {
            Some(p) => Some(self.probability(p)?),
            None => None,
        };
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
        let numeric = matches!(value_ty, Ty::Number | Ty::Money);
        let result = match function {
            Aggregate::Count => Ty::Number,
            Aggregate::Sum | Aggregate::Mean | Aggregate::Median | Aggregate::Quantile
                if numeric =>
            {
                value_ty
            }
            Aggregate::Min | Aggregate::Max if numeric || value_ty == Ty::Date => value_ty,
            _ => {
                return Err(self.mismatch(
                    span,
                    format!(
                        "cannot take the {} of {}",
                        function.name(),
                        self.describe(&value_ty)
                    ),
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
                quantile,
            }),
            result,
        ))
    }

    /// The `p` of `quantile(p, ...)`: a number written in the rule, from 0 to 1.
    fn probability(&mut self, p: &Expr) -> Result<Decimal, SourceError> {
        match self.expr(p)? {
            (Ir::Const(Const::Number(n)), _) if n >= Decimal::ZERO && n <= Decimal::ONE => Ok(n),
            _ => Err(self
                .mismatch(
                    p.span,
                    "the first argument of `quantile` is a number from 0 to 1",
                )
                .with_help("write `quantile(0.8, ...)` for the 80th percentile")),
        }
    }

    /// `name(args)`: a named condition, its body checked here with each parameter bound to
    /// a new slot holding its argument.
    pub(super) fn call(&mut self, callee: &Name, args: &[Expr], span: Span) -> Checked {
        let conditions = self.conditions;
        let Some(condition) = conditions.get(&callee.text) else {
            return Err(self
                .error(
                    ErrorCode::RulesUnknownName,
                    callee.span,
                    format!("there is no named condition `{}`", callee.text),
                )
                .suggest(did_you_mean(
                    &callee.text,
                    conditions.keys().map(String::as_str),
                )));
        };
        if args.len() != condition.params.len() {
            return Err(self.error(
                ErrorCode::RulesCall,
                span,
                format!(
                    "`{}` takes {} argument(s), not {}",
                    callee.text,
                    condition.params.len(),
                    args.len()
                ),
            ));
        }
        if self.calls.contains(&callee.text) || self.calls.len() >= MAX_CALL_DEPTH {
            return Err(self.error(
                ErrorCode::RulesCall,
                callee.span,
                format!(
                    "`{}` calls itself (through {})",
                    callee.text,
                    self.calls.join(" → ")
                ),
            ));
        }
        let mut checked_args = Vec::with_capacity(args.len());
        for (position, (arg, (_, ty))) in args.iter().zip(&condition.params).enumerate() {
            let (ir, arg_ty) = self.operand(arg, Some(ty))?;
            if arg_ty != *ty {
                return Err(self.error(
                    ErrorCode::RulesCall,
                    arg.span,
                    format!(
                        "argument {} of `{}` must be {}, but this is {}",
                        position + 1,
                        callee.text,
                        self.describe(ty),
                        self.describe(&arg_ty)
                    ),
                ));
            }
            checked_args.push(ir);
        }
        self.calls.push(callee.text.clone());
        let body = self.expand(condition);
        self.calls.pop();
        let (slots, body) = body?;
        Ok((
            Ir::Call(CallIr {
                name: callee.text.clone(),
                args: slots.into_iter().zip(checked_args).collect(),
                body: Box::new(body),
                written: Written::of(&condition.body, &condition.file),
            }),
            Ty::Bool,
        ))
    }

    /// Checks a condition's body in a scope holding only its parameters (it sees neither the
    /// rule's variables nor a document's fields), in the condition's own file.
    fn expand(&mut self, condition: &'a ConditionSig) -> Result<(Vec<usize>, Ir), SourceError> {
        let saved_scope = std::mem::take(&mut self.scope);
        let saved_root = self.root.take();
        let saved_file = std::mem::replace(&mut self.file, &condition.file);
        let result = (|| {
            let mut slots = Vec::with_capacity(condition.params.len());
            for (name, ty) in &condition.params {
                slots.push(self.bind(name, ty.clone())?);
            }
            let body = self.condition(&condition.body)?;
            Ok((slots, body))
        })();
        self.scope = saved_scope;
        self.root = saved_root;
        self.file = saved_file;
        result
    }

    /// Checks a named condition's declaration on its own.
    pub fn condition_body(
        &mut self,
        name: &str,
        condition: &'a ConditionSig,
    ) -> Result<(), SourceError> {
        self.calls.push(name.to_string());
        let result = self.expand(condition).map(|_| ());
        self.calls.pop();
        result
    }

    /// `with agreement = agreement(c.origin, c.destination)`: the kind must declare a key
    /// of that many fields, and each value must have its field's type.
    pub fn lookup(&mut self, lookup: &Lookup) -> Result<LookupIr, SourceError> {
        let schema = self.schema;
        let Some(kind) = schema.kinds.get(&lookup.kind.text) else {
            return Err(self
                .error(
                    ErrorCode::RulesUnknownKind,
                    lookup.kind.span,
                    format!("there is no document kind `{}`", lookup.kind.text),
                )
                .suggest(did_you_mean(
                    &lookup.kind.text,
                    schema.kinds.keys().map(String::as_str),
                )));
        };
        if kind.key.is_empty() {
            return Err(self
                .error(
                    ErrorCode::RulesLookup,
                    lookup.kind.span,
                    format!(
                        "documents of kind `{}` declare no key to be found by",
                        kind.name
                    ),
                )
                .with_help(format!(
                    "declare one: `kind {} version {} key (field, ...) {{ ... }}`",
                    kind.name, kind.version
                )));
        }
        if kind.key.len() != lookup.key.len() {
            let span = lookup.key.first().map_or(lookup.kind.span, |k| k.span);
            return Err(self.error(
                ErrorCode::RulesLookup,
                span,
                format!(
                    "`{}` documents are found by {} value(s) ({}), not {}",
                    kind.name,
                    kind.key.len(),
                    kind.key.join(", "),
                    lookup.key.len()
                ),
            ));
        }
        let mut key = Vec::with_capacity(lookup.key.len());
        for (field, value) in kind.key.iter().zip(&lookup.key) {
            let expected = schema.records[kind.root]
                .fields
                .get(field)
                .map(|f| Ty::of_field(&f.ty))
                .unwrap_or(Ty::Text);
            let (ir, ty) = self.operand(value, Some(&expected))?;
            if !self.comparable(&ty, &expected) {
                return Err(self.mismatch(
                    value.span,
                    format!(
                        "`{field}` of `{}` is {}, but this is {}",
                        kind.name,
                        self.describe(&expected),
                        self.describe(&ty)
                    ),
                ));
            }
            key.push(ir);
        }
        let slot = self.bind(&lookup.var, Ty::Record(kind.root))?;
        Ok(LookupIr {
            slot,
            kind: kind.name.clone(),
            key_fields: kind.key.clone(),
            key,
        })
    }
}
