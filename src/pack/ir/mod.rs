//! Checked expressions: names resolved and types verified, ready to run. The rules and
//! figures built around them are in `rule`.

use rust_decimal::Decimal;

use crate::ops::{Aggregate, BinaryOp, Quantifier};
use crate::schema::{EnumId, FieldType, Primitive, RecordId, Schema};
use crate::value::money::Money;

mod rule;
mod written;

pub use rule::*;
pub use written::{text_at, RuleWritten, Written};

/// The static type of an expression.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Ty {
    /// `true`/`false`
    Bool,
    /// integer or decimal
    Number,
    /// amount with currency
    Money,
    /// calendar date
    Date,
    /// free text
    Text,
    /// ISO 639-3 code
    Language,
    /// ISO 3166-1 code
    Country,
    /// enum value
    Enum(EnumId),
    /// nested record
    Record(RecordId),
    /// list of items
    List(Box<Ty>),
    /// `{a, b}`, only on the right of `in`
    Set(Box<Ty>),
}

impl Ty {
    /// The type of a value stored in a field of `ty`.
    pub fn of_field(ty: &FieldType) -> Ty {
        match ty {
            FieldType::Primitive(p) => match p {
                Primitive::Text => Ty::Text,
                Primitive::Integer | Primitive::Decimal => Ty::Number,
                Primitive::Money => Ty::Money,
                Primitive::Date => Ty::Date,
                Primitive::Boolean => Ty::Bool,
                Primitive::Language => Ty::Language,
                Primitive::Country => Ty::Country,
            },
            FieldType::Enum(id) => Ty::Enum(*id),
            FieldType::Record(id) => Ty::Record(*id),
            FieldType::List(element) => Ty::List(Box::new(Ty::of_field(element))),
        }
    }

    /// How the type is named in error messages.
    pub fn describe(&self, schema: &Schema) -> String {
        match self {
            Ty::Bool => "a true/false condition".into(),
            Ty::Number => "a number".into(),
            Ty::Money => "an amount of money".into(),
            Ty::Date => "a date".into(),
            Ty::Text => "text".into(),
            Ty::Language => "a language code".into(),
            Ty::Country => "a country code".into(),
            Ty::Enum(id) => format!("a `{}` value", schema.enums[*id].name),
            Ty::Record(id) => format!("a `{}` record", schema.records[*id].name),
            Ty::List(element) => format!("a list of {}", element.describe(schema)),
            Ty::Set(element) => format!("a set of {}", element.describe(schema)),
        }
    }
}

/// A constant known when the pack loads.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Const {
    /// `true`
    Bool(bool),
    /// `7`, `0.5`
    Number(Decimal),
    /// `1500 USD`
    Money(Money),
    /// `"text"`, or an enum value such as `worker`
    Text(String),
}

impl std::fmt::Display for Const {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Const::Bool(b) => write!(f, "{b}"),
            Const::Number(n) => write!(f, "{}", n.normalize()),
            Const::Money(m) => write!(f, "{m}"),
            Const::Text(t) => f.write_str(t),
        }
    }
}

/// A checked expression.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Ir {
    /// A constant.
    Const(Const),
    /// The check date (`as_of`).
    AsOf,
    /// `params.name`, by index in [`super::RulePack::params`].
    Param(usize),
    /// A variable bound by `for each`, `any`, `all` or an aggregate, by slot.
    Var(usize),
    /// The document's top level.
    Root,
    /// `base.field`
    Field(Box<Ir>, String),
    /// `{a, b}`
    Set(Vec<Ir>),
    /// `not x`
    Not(Box<Ir>),
    /// `-x`
    Negate(Box<Ir>),
    /// `a op b`
    Binary(BinaryOp, Box<Ir>, Box<Ir>),
    /// `present(x)` (true) or `absent(x)` (false)
    Presence(bool, Box<Ir>),
    /// `any(x in xs where c)`: slot, collection, condition
    Quantifier(Quantifier, usize, Box<Ir>, Option<Box<Ir>>),
    /// `sum(p for x in xs where c)`
    Aggregate(AggregateIr),
    /// A named condition applied to its arguments: each argument's value is bound to its
    /// slot, then the body (checked at this call site) is evaluated.
    Call(CallIr),
}

impl Ir {
    /// Every variable slot the expression reads, for ordering lookups after the bindings
    /// they need.
    pub fn slots_read(&self, out: &mut Vec<usize>) {
        match self {
            Ir::Var(slot) => out.push(*slot),
            Ir::Const(_) | Ir::AsOf | Ir::Param(_) | Ir::Root => {}
            Ir::Field(base, _) | Ir::Not(base) | Ir::Negate(base) | Ir::Presence(_, base) => {
                base.slots_read(out)
            }
            Ir::Set(items) => items.iter().for_each(|i| i.slots_read(out)),
            Ir::Binary(_, a, b) => {
                a.slots_read(out);
                b.slots_read(out);
            }
            Ir::Quantifier(_, _, collection, filter) => {
                collection.slots_read(out);
                if let Some(f) = filter {
                    f.slots_read(out);
                }
            }
            Ir::Aggregate(a) => {
                a.collection.slots_read(out);
                for part in [&a.projection, &a.filter].into_iter().flatten() {
                    part.slots_read(out);
                }
            }
            Ir::Call(call) => call.args.iter().for_each(|(_, arg)| arg.slots_read(out)),
        }
    }
}

impl Ir {
    /// The named conditions the expression calls, outermost first, each once.
    pub fn conditions_called(&self, out: &mut Vec<String>) {
        let mut push = |name: &str| {
            if !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
        };
        match self {
            Ir::Call(call) => {
                push(&call.name);
                let mut inner = Vec::new();
                call.body.conditions_called(&mut inner);
                call.args
                    .iter()
                    .for_each(|(_, arg)| arg.conditions_called(&mut inner));
                inner.iter().for_each(|n| push(n));
            }
            Ir::Const(_) | Ir::AsOf | Ir::Param(_) | Ir::Root | Ir::Var(_) => {}
            Ir::Field(base, _) | Ir::Not(base) | Ir::Negate(base) | Ir::Presence(_, base) => {
                base.conditions_called(out)
            }
            Ir::Set(items) => items.iter().for_each(|i| i.conditions_called(out)),
            Ir::Binary(_, a, b) => {
                a.conditions_called(out);
                b.conditions_called(out);
            }
            Ir::Quantifier(_, _, collection, filter) => {
                collection.conditions_called(out);
                if let Some(f) = filter {
                    f.conditions_called(out);
                }
            }
            Ir::Aggregate(a) => {
                a.collection.conditions_called(out);
                for part in [&a.projection, &a.filter].into_iter().flatten() {
                    part.conditions_called(out);
                }
            }
        }
    }
}

/// A checked call of a named condition.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CallIr {
    /// The condition's name, for traces.
    pub name: String,
    /// The argument for each parameter, with the parameter's slot.
    pub args: Vec<(usize, Ir)>,
    /// The condition, in terms of those slots.
    pub body: Box<Ir>,
    /// The condition's text as written in its declaration, for traces.
    pub written: Written,
}

/// A checked aggregate.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AggregateIr {
    /// `count`, `sum`, `min`, `max`
    pub function: Aggregate,
    /// The slot bound to each item, when written as `x in xs`.
    pub slot: Option<usize>,
    /// The list.
    pub collection: Box<Ir>,
    /// The value taken from each item (the item itself when absent).
    pub projection: Option<Box<Ir>>,
    /// Which items count.
    pub filter: Option<Box<Ir>>,
    /// For `quantile(p, ...)`: `p`, between 0 and 1.
    pub quantile: Option<Decimal>,
}

/// `with agreement = agreement(c.origin, c.destination)`: another document of the run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LookupIr {
    /// The slot bound to the document found.
    pub slot: usize,
    /// The kind looked up.
    pub kind: String,
    /// The kind's key fields, in order.
    pub key_fields: Vec<String>,
    /// The values looked for, in the order of the key.
    pub key: Vec<Ir>,
}
