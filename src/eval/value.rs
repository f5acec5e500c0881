//! Runtime values and three-valued (Kleene) logic: every operation on an unknown value
//! yields unknown, carrying the document paths that were missing (as ids in the
//! evaluator's path arena, written out only when a finding reports them).

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::paths::PathId;
use crate::document::validate::{Node, NodeValue};
use crate::value::money::Money;

/// A value during evaluation.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    /// `true`/`false`
    Bool(bool),
    /// an exact number
    Number(Decimal),
    /// an amount with currency
    Money(Money),
    /// a date
    Date(Date),
    /// text, enum value, language or country code
    Text(&'a str),
    /// a record or list from the document, with its path
    Node(&'a Node, PathId),
    /// a set literal's values
    Set(Vec<Value<'a>>),
    /// not given by the document: the missing paths (empty when a calculation failed)
    Unknown(Vec<PathId>),
}

impl<'a> Value<'a> {
    /// The value of a document node found at `path`.
    pub fn from_node(node: &'a Node, path: PathId) -> Value<'a> {
        match &node.value {
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Number(n) => Value::Number(*n),
            NodeValue::Money(m) => Value::Money(*m),
            NodeValue::Date(d) => Value::Date(*d),
            NodeValue::Text(t) => Value::Text(t),
            NodeValue::List(_) | NodeValue::Record(_) => Value::Node(node, path),
        }
    }

    /// A missing value at `path`.
    pub fn missing(path: PathId) -> Value<'a> {
        Value::Unknown(vec![path])
    }
}

/// A truth value in Kleene's three-valued logic.
#[derive(Debug, Clone, PartialEq)]
pub enum Truth {
    /// holds
    True,
    /// does not hold
    False,
    /// cannot be decided: these paths are missing
    Unknown(Vec<PathId>),
}

impl Truth {
    /// From a definite boolean.
    pub fn from_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    /// As a runtime value.
    pub fn into_value<'a>(self) -> Value<'a> {
        match self {
            Truth::True => Value::Bool(true),
            Truth::False => Value::Bool(false),
            Truth::Unknown(missing) => Value::Unknown(missing),
        }
    }

    /// Kleene negation.
    pub fn negate(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            unknown => unknown,
        }
    }

    /// Kleene conjunction: false wins, then unknown.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            (a, b) => Truth::Unknown(merge(a.missing(), b.missing())),
        }
    }

    /// Kleene disjunction: true wins, then unknown.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            (a, b) => Truth::Unknown(merge(a.missing(), b.missing())),
        }
    }

    fn missing(self) -> Vec<PathId> {
        match self {
            Truth::Unknown(m) => m,
            _ => Vec::new(),
        }
    }
}

/// The union of two lists of missing paths. Repeats are left in: the list is sorted and
/// cleared of them once, when a finding writes it out (`Paths::texts`).
pub fn merge(mut a: Vec<PathId>, b: Vec<PathId>) -> Vec<PathId> {
    if a.is_empty() {
        return b;
    }
    a.extend(b);
    a
}

#[cfg(test)]
mod tests {
    use super::super::paths::Paths;
    use super::Truth::{self, False, True};

    fn unknown() -> Truth {
        Truth::Unknown(vec![Paths::ROOT])
    }

    #[test]
    fn kleene_tables() {
        assert_eq!(False.and(unknown()), False);
        assert_eq!(True.and(unknown()), unknown());
        assert_eq!(True.or(unknown()), True);
        assert_eq!(False.or(unknown()), unknown());
        assert_eq!(unknown().negate(), unknown());
    }
}
