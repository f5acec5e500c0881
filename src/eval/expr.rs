//! Expressions: values, Kleene logic, comparisons with currency conversion, and exact
//! arithmetic. Overflow, division by zero and missing rates give unknown, never a guess.

use rust_decimal::Decimal;
use std::cmp::Ordering;

use super::paths::{PathId, Paths};
use super::value::{merge, Truth, Value};
use super::{Evaluator, Item};
use crate::document::validate::NodeValue;
use crate::ops::BinaryOp;
use crate::pack::ir::{CallIr, Const, Ir};
use crate::value::convert::convert;
use crate::value::money::{Currency, Money};

impl<'a> Evaluator<'a> {
    pub(super) fn truth(&mut self, ir: &'a Ir) -> Truth {
        let value = self.eval(ir);
        if let Value::Bool(b) = value {
            discard(value);
            return Truth::from_bool(b);
        }
        match value {
            Value::Unknown(missing) => Truth::Unknown(missing),
            // INVARIANT: the checker only accepts boolean conditions.
            _ => Truth::False,
        }
    }

    pub(super) fn eval(&mut self, ir: &'a Ir) -> Value<'a> {
        self.steps += 1;
        if self.stopped() {
            return Value::Unknown(Vec::new());
        }
        match ir {
            Ir::Const(c) => const_value(c),
            Ir::AsOf => Value::Date(self.as_of),
            Ir::Param(index) => match self.pack.params.get(*index) {
                Some(param) => const_value(&param.value),
                None => Value::Unknown(Vec::new()),
            },
            Ir::Var(slot) => self
                .slots
                .get(*slot)
                .and_then(|s| s.as_ref())
                .map_or(Value::Unknown(Vec::new()), |(v, _)| v.clone()),
            Ir::Root => Value::Node(&self.document.root, Paths::ROOT),
            Ir::Field(base, name) => match self.eval(base) {
                // A scalar needs no path: it is only built for what may be reported.
                Value::Node(node, path) => match node.field(name) {
                    Some(field) => match &field.node.value {
                        NodeValue::List(_) | NodeValue::Record(_) => {
                            Value::Node(&field.node, self.paths.field(path, name))
                        }
                        _ => Value::from_node(&field.node, Paths::ROOT),
                    },
                    None => Value::missing(self.paths.field(path, name)),
                },
                // The base of a path is itself missing: name the full path the rule needs.
                // A document that is not in the run stays one missing fact, not one per field.
                Value::Unknown(mut missing) => {
                    for path in &mut missing {
                        *path = self.paths.field(*path, name);
                    }
                    Value::Unknown(missing)
                }
                _ => Value::Unknown(Vec::new()),
            },
            Ir::Set(items) => Value::Set(items.iter().map(|i| self.eval(i)).collect()),
            Ir::Not(inner) => self.truth(inner).negate().into_value(),
            Ir::Negate(inner) => match self.eval(inner) {
                Value::Number(n) => Value::Number(-n),
                Value::Money(m) => Value::Money(Money {
                    amount: -m.amount,
                    ..m
                }),
                other => other,
            },
            Ir::Binary(op, left, right) => self.binary(*op, left, right),
            Ir::Presence(present, target) => {
                let is_present = !matches!(self.eval(target), Value::Unknown(_));
                Value::Bool(is_present == *present)
            }
            Ir::Quantifier(quantifier, slot, collection, filter) => {
                self.quantifier(*quantifier, *slot, collection, filter.as_deref())
            }
            Ir::Aggregate(aggregate) => self.aggregate(aggregate),
            Ir::Call(call) => self.call(call),
        }
    }

    /// A named condition: each argument bound to its parameter's slot, then the body.
    fn call(&mut self, call: &'a CallIr) -> Value<'a> {
        for (slot, arg) in &call.args {
            let item = self.item_of(arg);
            self.slots[*slot] = Some(item);
        }
        let result = self.truth(&call.body).into_value();
        for (slot, _) in &call.args {
            self.slots[*slot] = None;
        }
        result
    }

    /// An argument's value, with where it is in its document when it names a node.
    pub(super) fn item_of(&mut self, arg: &'a Ir) -> Item<'a> {
        if let Ir::Var(slot) = arg {
            if let Some(Some(item)) = self.slots.get(*slot) {
                return item.clone();
            }
        }
        let value = self.eval(arg);
        let location = match &value {
            Value::Node(node, path) => Some((*node, *path, self.document_of(arg))),
            _ => None,
        };
        (value, location)
    }

    fn binary(&mut self, op: BinaryOp, left: &'a Ir, right: &'a Ir) -> Value<'a> {
        match op {
            BinaryOp::And => {
                let l = self.truth(left);
                if l == Truth::False {
                    return Value::Bool(false);
                }
                l.and(self.truth(right)).into_value()
            }
            BinaryOp::Or => {
                let l = self.truth(left);
                if l == Truth::True {
                    return Value::Bool(true);
                }
                l.or(self.truth(right)).into_value()
            }
            BinaryOp::In | BinaryOp::NotIn => {
                let truth = self.member(left, right);
                if op == BinaryOp::NotIn {
                    truth.negate().into_value()
                } else {
                    truth.into_value()
                }
            }
            _ => {
                let l = self.eval(left);
                let r = self.eval(right);
                if let (Value::Unknown(a), Value::Unknown(b)) = (&l, &r) {
                    return Value::Unknown(merge(a.clone(), b.clone()));
                }
                if let Value::Unknown(m) = l {
                    return Value::Unknown(m);
                }
                if let Value::Unknown(m) = r {
                    return Value::Unknown(m);
                }
                let holds: fn(Ordering) -> bool = match op {
                    BinaryOp::Eq => Ordering::is_eq,
                    BinaryOp::Ne => Ordering::is_ne,
                    BinaryOp::Lt => Ordering::is_lt,
                    BinaryOp::Le => Ordering::is_le,
                    BinaryOp::Gt => Ordering::is_gt,
                    BinaryOp::Ge => Ordering::is_ge,
                    _ => return self.arithmetic(op, l, r),
                };
                let result = self
                    .compare(&l, &r)
                    .map_or_else(Value::Unknown, |o| Value::Bool(holds(o)));
                discard(l);
                discard(r);
                result
            }
        }
    }

    /// Whether the value of `needle` is among the values of `haystack`, a set written in the
    /// rule (its items evaluated one by one, no set built) or a list of the document.
    fn member(&mut self, needle: &'a Ir, haystack: &'a Ir) -> Truth {
        let needle = match self.eval(needle) {
            Value::Unknown(m) => return Truth::Unknown(m),
            known => known,
        };
        let mut result = Truth::False;
        if let Ir::Set(items) = haystack {
            for item in items {
                let item = self.eval(item);
                result = result.or(self.equal(&needle, &item));
                discard(item);
                if result == Truth::True {
                    break;
                }
            }
            return result;
        }
        match self.eval(haystack) {
            Value::Set(items) => {
                for item in &items {
                    result = result.or(self.equal(&needle, item));
                    if result == Truth::True {
                        break;
                    }
                }
            }
            Value::Node(node, path) => {
                if let NodeValue::List(items) = &node.value {
                    for (i, item) in items.iter().enumerate() {
                        let item = match &item.value {
                            NodeValue::List(_) | NodeValue::Record(_) => {
                                Value::from_node(item, self.paths.item(path, i))
                            }
                            _ => Value::from_node(item, Paths::ROOT),
                        };
                        result = result.or(self.equal(&needle, &item));
                        if result == Truth::True {
                            break;
                        }
                    }
                }
            }
            Value::Unknown(m) => return Truth::Unknown(m),
            _ => {}
        }
        result
    }

    fn equal(&mut self, left: &Value<'a>, right: &Value<'a>) -> Truth {
        match self.compare(left, right) {
            Ok(o) => Truth::from_bool(o == Ordering::Equal),
            Err(missing) => Truth::Unknown(missing),
        }
    }

    /// Orders two values of the same type; amounts in different currencies are converted
    /// with the document's rates, or the comparison is unknown.
    pub(super) fn compare(
        &mut self,
        l: &Value<'a>,
        r: &Value<'a>,
    ) -> Result<Ordering, Vec<PathId>> {
        match (l, r) {
            (Value::Number(a), Value::Number(b)) => Ok(a.cmp(b)),
            (Value::Date(a), Value::Date(b)) => Ok(a.cmp(b)),
            (Value::Text(a), Value::Text(b)) => Ok(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Ok(a.cmp(b)),
            (Value::Money(a), Value::Money(b)) => {
                let b = self.convert(*b, a.currency)?;
                Ok(a.amount.cmp(&b.amount))
            }
            // Only a literal 0 passes the checker here: zero needs no currency.
            (Value::Money(a), Value::Number(n)) => Ok(a.amount.cmp(n)),
            (Value::Number(n), Value::Money(b)) => Ok(n.cmp(&b.amount)),
            (Value::Unknown(m), _) | (_, Value::Unknown(m)) => Err(m.clone()),
            _ => Ok(Ordering::Less),
        }
    }

    /// Converts with the document's rates; a missing rate is a missing fact.
    pub(super) fn convert(&mut self, money: Money, to: Currency) -> Result<Money, Vec<PathId>> {
        convert(&self.document.rates, money, to).map_err(|facts| {
            facts
                .into_iter()
                .map(|fact| self.paths.fact(fact))
                .collect()
        })
    }

    pub(super) fn arithmetic(&mut self, op: BinaryOp, l: Value<'a>, r: Value<'a>) -> Value<'a> {
        let result = match (op, l, r) {
            (BinaryOp::Add, Value::Number(a), Value::Number(b)) => {
                a.checked_add(b).map(Value::Number)
            }
            (BinaryOp::Sub, Value::Number(a), Value::Number(b)) => {
                a.checked_sub(b).map(Value::Number)
            }
            (BinaryOp::Mul, Value::Number(a), Value::Number(b)) => {
                a.checked_mul(b).map(Value::Number)
            }
            (BinaryOp::Div, Value::Number(a), Value::Number(b)) => {
                a.checked_div(b).map(Value::Number)
            }
            (BinaryOp::Add | BinaryOp::Sub, Value::Money(a), Value::Money(b)) => {
                let b = match self.convert(b, a.currency) {
                    Ok(b) => b,
                    Err(missing) => return Value::Unknown(missing),
                };
                let amount = if op == BinaryOp::Add {
                    a.amount.checked_add(b.amount)
                } else {
                    a.amount.checked_sub(b.amount)
                };
                amount.map(|amount| Value::Money(Money { amount, ..a }))
            }
            (BinaryOp::Mul, Value::Money(a), Value::Number(n))
            | (BinaryOp::Mul, Value::Number(n), Value::Money(a)) => a
                .amount
                .checked_mul(n)
                .map(|amount| Value::Money(Money { amount, ..a })),
            (BinaryOp::Div, Value::Money(a), Value::Number(n)) => a
                .amount
                .checked_div(n)
                .map(|amount| Value::Money(Money { amount, ..a })),
            (BinaryOp::Div, Value::Money(a), Value::Money(b)) => {
                let b = match self.convert(b, a.currency) {
                    Ok(b) => b,
                    Err(missing) => return Value::Unknown(missing),
                };
                a.amount.checked_div(b.amount).map(Value::Number)
            }
            (BinaryOp::Sub, Value::Date(a), Value::Date(b)) => b
                .until(a)
                .ok()
                .map(|span| Value::Number(Decimal::from(span.get_days()))),
            (BinaryOp::Add, Value::Date(a), Value::Number(n))
            | (BinaryOp::Sub, Value::Date(a), Value::Number(n)) => {
                let days: Option<i64> = n.trunc().try_into().ok();
                let days = days.map(|d| if op == BinaryOp::Sub { -d } else { d });
                days.and_then(|d| jiff::Span::new().try_days(d).ok())
                    .and_then(|span| a.checked_add(span).ok())
                    .map(Value::Date)
            }
            _ => None,
        };
        // Overflow and division by zero give no value: the result is unknown.
        result.unwrap_or_else(|| Value::Unknown(Vec::new()))
    }
}

/// Drops a value. Only sets and unknowns own memory; for the rest this skips the call to
/// `Value`'s out-of-line drop, which the commonest paths of a check (a condition's truth, a
/// comparison, a set membership) would otherwise make for every value.
fn discard(value: Value<'_>) {
    match value {
        Value::Set(_) | Value::Unknown(_) => drop(value),
        plain => std::mem::forget(plain),
    }
}

/// A constant of the pack (which outlives the evaluation) as a value.
fn const_value(c: &Const) -> Value<'_> {
    match c {
        Const::Bool(b) => Value::Bool(*b),
        Const::Number(n) => Value::Number(*n),
        Const::Money(m) => Value::Money(*m),
        Const::Text(t) => Value::Text(t),
    }
}

/// How a value is written into a message.
pub fn render(value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.normalize().to_string(),
        Value::Money(m) => m.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => (*t).to_string(),
        Value::Node(node, _) => match &node.value {
            NodeValue::List(items) => items
                .iter()
                .map(|item| render(&Value::from_node(item, Paths::ROOT)))
                .collect::<Vec<_>>()
                .join(", "),
            _ => "(record)".to_string(),
        },
        Value::Set(items) => items.iter().map(render).collect::<Vec<_>>().join(", "),
        Value::Unknown(_) => "not given".to_string(),
    }
}
