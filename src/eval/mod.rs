//! (RulePack, Document, check date) → [`DocumentFindings`]. Pure: no I/O, no clock, no
//! printing; the same inputs always give the same findings in the same order.

pub mod value;

use jiff::civil::Date;
use rust_decimal::Decimal;
use std::cmp::Ordering;

use self::value::{merge, Truth, Value};
use crate::diagnostic::Span;
use crate::document::money::{Currency, Money};
use crate::document::validate::{Document, ExchangeRate, Node, NodeValue};
use crate::dsl::ast::{Aggregate, BinaryOp, Quantifier};
use crate::finding::{DocumentFindings, Finding, Outcome};
use crate::pack::ir::{AggregateIr, Const, Ir, MessagePiece, Rule, RuleOutcome};
use crate::pack::RulePack;

/// Evaluates every rule of `pack` that applies to the document's kind.
pub fn check_document(pack: &RulePack, document: &Document, as_of: Date) -> DocumentFindings {
    let mut result = DocumentFindings::default();
    for (index, rule) in pack.rules.iter().enumerate() {
        if !rule.kinds.contains(&document.kind) {
            continue;
        }
        let before = result.findings.len();
        let mut evaluator = Evaluator {
            pack,
            document,
            as_of,
            slots: vec![None; rule.slot_names.len()],
            steps: 0,
        };
        evaluator.rule(index, rule, 0, &mut result.findings);
        let note = if evaluator.stopped() {
            // Whatever the rule concluded before it was stopped is incomplete: replace it.
            result.findings.truncate(before);
            Some(format!(
                "evaluation stopped after {MAX_STEPS} steps on this document"
            ))
        } else if result.findings.len() - before > MAX_FINDINGS_PER_RULE {
            let extra = result.findings.len() - before - MAX_FINDINGS_PER_RULE;
            result.findings.truncate(before + MAX_FINDINGS_PER_RULE);
            Some(format!(
                "{extra} further finding(s) not listed; the rule found more than {MAX_FINDINGS_PER_RULE} on this document"
            ))
        } else {
            None
        };
        if let Some(note) = note {
            let location = evaluator.root_location();
            result.findings.push(Finding {
                rule: index,
                outcome: Outcome::NotAssessable,
                message: format!("{}: {note}", rule.title),
                span: location.span,
                path: location.path,
                missing: Vec::new(),
            });
        }
        if result.findings.len() == before {
            result.passed.push(index);
        }
    }
    result
}

/// A document node and its path.
type Located<'a> = (&'a Node, String);
/// An item's value and, for document nodes, where the node is.
type Item<'a> = (Value<'a>, Option<Located<'a>>);
/// A slot's current item.
type Slot<'a> = Option<Item<'a>>;

struct Evaluator<'a> {
    pack: &'a RulePack,
    document: &'a Document,
    as_of: Date,
    slots: Vec<Slot<'a>>,
    steps: u64,
}

/// The most expression steps one rule may take on one document. Rules are checked to nest at
/// most a few variables deep, but long lists could still multiply; past this the rule stops
/// and is reported not assessable rather than hanging a batch.
pub const MAX_STEPS: u64 = 5_000_000;

/// The most findings one rule lists for one document; a rule that finds more is reported
/// with a count, so one careless rule cannot flood a report.
pub const MAX_FINDINGS_PER_RULE: usize = 1_000;

/// Where a finding points: a node's span and YAML path.
struct Location {
    span: Span,
    path: String,
}

impl<'a> Evaluator<'a> {
    /// Runs the `for each` bindings from `depth` on, then the condition for each combination.
    fn stopped(&self) -> bool {
        self.steps > MAX_STEPS
    }

    fn rule(&mut self, index: usize, rule: &'a Rule, depth: usize, out: &mut Vec<Finding>) {
        if self.stopped() {
            return;
        }
        if let Some((slot, collection)) = rule.bindings.get(depth) {
            match self.eval(collection) {
                Value::Node(node, path) => {
                    if let NodeValue::List(items) = &node.value {
                        for (i, item) in items.iter().enumerate() {
                            if self.stopped() {
                                break;
                            }
                            let item_path = format!("{path}[{i}]");
                            self.slots[*slot] = Some((
                                Value::from_node(item, item_path.clone()),
                                Some((item, item_path)),
                            ));
                            self.rule(index, rule, depth + 1, out);
                        }
                        self.slots[*slot] = None;
                    }
                }
                Value::Unknown(missing) => {
                    let location = self.locate(collection);
                    out.push(self.not_assessable(index, rule, location, missing));
                }
                _ => {}
            }
            return;
        }
        match self.truth(&rule.when) {
            Truth::True => {
                let location = self.location_of(rule);
                let outcome = match rule.outcome {
                    RuleOutcome::Violation => Outcome::Violation,
                    RuleOutcome::Gap => Outcome::Gap,
                };
                out.push(Finding {
                    rule: index,
                    outcome,
                    message: self.message(rule),
                    span: location.span,
                    path: location.path,
                    missing: Vec::new(),
                });
            }
            Truth::False => {}
            Truth::Unknown(missing) => {
                let location = self.location_of(rule);
                out.push(self.not_assessable(index, rule, location, missing));
            }
        }
    }

    fn not_assessable(
        &self,
        index: usize,
        rule: &Rule,
        location: Location,
        missing: Vec<String>,
    ) -> Finding {
        if missing.is_empty() {
            return Finding {
                rule: index,
                outcome: Outcome::NotAssessable,
                message: format!(
                    "{}: cannot be assessed, a calculation on the document's values failed (a division by zero or a number too large)",
                    rule.title
                ),
                span: location.span,
                path: location.path,
                missing,
            };
        }
        let listed = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Finding {
            rule: index,
            outcome: Outcome::NotAssessable,
            message: format!(
                "{}: cannot be assessed, the document does not give {listed}",
                rule.title
            ),
            span: location.span,
            path: location.path,
            missing,
        }
    }

    fn location_of(&mut self, rule: &Rule) -> Location {
        match &rule.at {
            Some(at) => self.locate(at),
            None => match rule.bindings.last() {
                Some((slot, _)) => self.locate(&Ir::Var(*slot)),
                None => self.locate(&Ir::Root),
            },
        }
    }

    /// The node an expression names, or its nearest ancestor that exists.
    fn locate(&mut self, ir: &Ir) -> Location {
        match self.locate_node(ir) {
            Some((node, path, key_span)) => Location {
                span: display_span(node, key_span),
                path,
            },
            None => self.root_location(),
        }
    }

    fn root_location(&self) -> Location {
        let root = &self.document.root;
        Location {
            span: display_span(root, None),
            path: String::new(),
        }
    }

    fn locate_node(&self, ir: &Ir) -> Option<(&'a Node, String, Option<Span>)> {
        match ir {
            Ir::Root => Some((&self.document.root, String::new(), None)),
            Ir::Var(slot) => {
                let (_, location) = self.slots.get(*slot)?.as_ref()?;
                location
                    .as_ref()
                    .map(|(node, path)| (*node, path.clone(), None))
            }
            Ir::Field(base, name) => {
                let (node, path, key_span) = self.locate_node(base)?;
                match node.field(name) {
                    Some(field) => Some((&field.node, join(&path, name), Some(field.key_span))),
                    None => Some((node, path, key_span)),
                }
            }
            _ => None,
        }
    }

    fn message(&mut self, rule: &'a Rule) -> String {
        let mut text = String::new();
        for piece in &rule.message {
            match piece {
                MessagePiece::Text(t) => text.push_str(t),
                MessagePiece::Value(ir, is_enum) => {
                    let value = render(&self.eval(ir));
                    if *is_enum {
                        text.push_str(&value.replace('_', " "));
                    } else {
                        text.push_str(&value);
                    }
                }
            }
        }
        text
    }

    fn truth(&mut self, ir: &'a Ir) -> Truth {
        match self.eval(ir) {
            Value::Bool(b) => Truth::from_bool(b),
            Value::Unknown(missing) => Truth::Unknown(missing),
            // INVARIANT: the checker only accepts boolean conditions.
            _ => Truth::False,
        }
    }

    fn eval(&mut self, ir: &'a Ir) -> Value<'a> {
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
            Ir::Root => Value::Node(&self.document.root, String::new()),
            Ir::Field(base, name) => match self.eval(base) {
                Value::Node(node, path) => {
                    let field_path = join(&path, name);
                    match node.field(name) {
                        Some(field) => Value::from_node(&field.node, field_path),
                        None => Value::missing(field_path),
                    }
                }
                // The base of a path is itself missing: name the full path the rule needs.
                Value::Unknown(missing) => {
                    Value::Unknown(missing.into_iter().map(|p| join(&p, name)).collect())
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
        }
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
                let needle = self.eval(left);
                let haystack = self.eval(right);
                let truth = self.member(&needle, &haystack);
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
                self.compare(&l, &r)
                    .map_or_else(Value::Unknown, |o| Value::Bool(holds(o)))
            }
        }
    }

    fn member(&self, needle: &Value<'a>, haystack: &Value<'a>) -> Truth {
        if let Value::Unknown(m) = needle {
            return Truth::Unknown(m.clone());
        }
        let items: Vec<Value<'a>> = match haystack {
            Value::Set(items) => items.clone(),
            Value::Node(node, path) => match &node.value {
                NodeValue::List(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| Value::from_node(item, format!("{path}[{i}]")))
                    .collect(),
                _ => Vec::new(),
            },
            Value::Unknown(m) => return Truth::Unknown(m.clone()),
            _ => Vec::new(),
        };
        let mut result = Truth::False;
        for item in &items {
            let equal = match self.compare(needle, item) {
                Ok(o) => Truth::from_bool(o == Ordering::Equal),
                Err(missing) => Truth::Unknown(missing),
            };
            result = result.or(equal);
            if result == Truth::True {
                break;
            }
        }
        result
    }

    /// Orders two values of the same type; amounts in different currencies are converted
    /// with the document's rates, or the comparison is unknown.
    fn compare(&self, l: &Value<'a>, r: &Value<'a>) -> Result<Ordering, Vec<String>> {
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

    fn convert(&self, money: Money, to: Currency) -> Result<Money, Vec<String>> {
        convert(&self.document.rates, money, to)
    }

    fn arithmetic(&self, op: BinaryOp, l: Value<'a>, r: Value<'a>) -> Value<'a> {
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

    /// The items of a list value, with their locations.
    fn items(&mut self, collection: &'a Ir) -> Result<Vec<Item<'a>>, Vec<String>> {
        match self.eval(collection) {
            Value::Node(node, path) => match &node.value {
                NodeValue::List(items) => Ok(items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let item_path = format!("{path}[{i}]");
                        (
                            Value::from_node(item, item_path.clone()),
                            Some((item, item_path)),
                        )
                    })
                    .collect()),
                _ => Ok(Vec::new()),
            },
            Value::Unknown(missing) => Err(missing),
            _ => Ok(Vec::new()),
        }
    }

    fn quantifier(
        &mut self,
        quantifier: Quantifier,
        slot: usize,
        collection: &'a Ir,
        filter: Option<&'a Ir>,
    ) -> Value<'a> {
        let items = match self.items(collection) {
            Ok(items) => items,
            Err(missing) => return Value::Unknown(missing),
        };
        let mut result = Truth::from_bool(quantifier == Quantifier::All);
        for item in items {
            if self.stopped() {
                break;
            }
            self.slots[slot] = Some(item);
            let truth = filter.map_or(Truth::True, |f| self.truth(f));
            result = match quantifier {
                Quantifier::Any => result.or(truth),
                Quantifier::All => result.and(truth),
            };
            if (quantifier == Quantifier::Any && result == Truth::True)
                || (quantifier == Quantifier::All && result == Truth::False)
            {
                break;
            }
        }
        self.slots[slot] = None;
        result.into_value()
    }

    fn aggregate(&mut self, aggregate: &'a AggregateIr) -> Value<'a> {
        let items = match self.items(&aggregate.collection) {
            Ok(items) => items,
            Err(missing) => return Value::Unknown(missing),
        };
        let mut count = Decimal::ZERO;
        let mut acc: Option<Value<'a>> = None;
        let mut missing = Vec::new();
        for item in items {
            if self.stopped() {
                break;
            }
            let item_value = item.0.clone();
            if let Some(slot) = aggregate.slot {
                self.slots[slot] = Some(item);
            }
            if let Some(filter) = &aggregate.filter {
                match self.truth(filter) {
                    Truth::True => {}
                    Truth::False => continue,
                    Truth::Unknown(m) => {
                        missing = merge(missing, m);
                        continue;
                    }
                }
            }
            count += Decimal::ONE;
            if aggregate.function == Aggregate::Count {
                continue;
            }
            let value = match &aggregate.projection {
                Some(projection) => self.eval(projection),
                None => item_value,
            };
            if let Value::Unknown(m) = value {
                missing = merge(missing, m);
                continue;
            }
            acc = Some(match acc {
                None => value,
                Some(previous) => match aggregate.function {
                    Aggregate::Sum => self.arithmetic(BinaryOp::Add, previous, value),
                    Aggregate::Min | Aggregate::Max => {
                        let ordering = self.compare(&value, &previous);
                        match ordering {
                            Ok(Ordering::Less) if aggregate.function == Aggregate::Min => value,
                            Ok(Ordering::Greater) if aggregate.function == Aggregate::Max => value,
                            Ok(_) => previous,
                            Err(m) => {
                                missing = merge(missing, m);
                                previous
                            }
                        }
                    }
                    Aggregate::Count => previous,
                },
            });
        }
        if let Some(slot) = aggregate.slot {
            self.slots[slot] = None;
        }
        if !missing.is_empty() {
            return Value::Unknown(missing);
        }
        match aggregate.function {
            Aggregate::Count => Value::Number(count),
            // The sum of nothing is zero; the min or max of nothing is unknown.
            Aggregate::Sum => acc.unwrap_or(Value::Number(Decimal::ZERO)),
            Aggregate::Min | Aggregate::Max => acc.unwrap_or_else(|| Value::Unknown(Vec::new())),
        }
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

/// Converts with a declared rate (direct or inverse); no rate, no conversion.
pub fn convert(rates: &[ExchangeRate], money: Money, to: Currency) -> Result<Money, Vec<String>> {
    if money.currency == to {
        return Ok(money);
    }
    if let Some(rate) = rates
        .iter()
        .find(|r| r.from == money.currency && r.to == to)
    {
        if let Some(amount) = money.amount.checked_mul(rate.rate) {
            return Ok(Money {
                amount,
                currency: to,
            });
        }
    }
    if let Some(rate) = rates
        .iter()
        .find(|r| r.from == to && r.to == money.currency)
    {
        if let Some(amount) = money.amount.checked_div(rate.rate) {
            return Ok(Money {
                amount,
                currency: to,
            });
        }
    }
    Err(vec![format!(
        "exchange_rates ({} to {})",
        money.currency, to
    )])
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Records and lists start where their first entry does; underline their key instead.
fn display_span(node: &Node, key_span: Option<Span>) -> Span {
    match (&node.value, key_span) {
        (NodeValue::Record(_) | NodeValue::List(_), Some(key)) => key,
        (NodeValue::Record(fields), None) => fields.first().map_or(node.span, |f| f.key_span),
        _ => node.span,
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
                .map(|item| render(&Value::from_node(item, String::new())))
                .collect::<Vec<_>>()
                .join(", "),
            _ => "(record)".to_string(),
        },
        Value::Set(items) => items.iter().map(render).collect::<Vec<_>>().join(", "),
        Value::Unknown(_) => "not given".to_string(),
    }
}
