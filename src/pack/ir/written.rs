//! The rule-file text of a rule's conditions, kept beside their checked form so that a trace
//! (`fairrec check --explain`) can show each sub-condition as the rule's author wrote it.
//!
//! A [`Written`] tree has the shape of the syntax tree it comes from: the parts of `a and b`
//! are `a` and `b`; of `not x`, `x`; of `any(x in xs where c)`, `xs` and `c`; of a call, its
//! arguments. Checked expressions keep that shape for every form a trace descends into, so a
//! trace walks the two trees side by side. Paths, literals, sets and aggregates are leaves.

use crate::diagnostic::SourceFile;
use crate::dsl::ast::{Expr, ExprKind};

/// The text of an expression as written, and the texts of its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Written {
    /// The expression's text, its runs of spaces and line breaks made one space.
    pub text: String,
    /// Its parts, in the order of the checked expression's operands.
    pub parts: Vec<Written>,
}

impl Written {
    /// The text of `expr`, written in `file`, and of its parts.
    pub fn of(expr: &Expr, file: &SourceFile) -> Written {
        let parts = match &expr.kind {
            ExprKind::Binary(_, left, right) => vec![Self::of(left, file), Self::of(right, file)],
            ExprKind::Unary(_, operand) | ExprKind::Presence(_, operand) => {
                vec![Self::of(operand, file)]
            }
            ExprKind::Quantifier(_, _, collection, filter) => {
                let mut parts = vec![Self::of(collection, file)];
                parts.extend(filter.iter().map(|f| Self::of(f, file)));
                parts
            }
            ExprKind::Call(_, args) => args.iter().map(|a| Self::of(a, file)).collect(),
            _ => Vec::new(),
        };
        Written {
            text: balanced(&text_at(file, expr.span.start, expr.span.len)),
            parts,
        }
    }

    /// The `i`-th part, when the tree has it.
    pub fn part(&self, i: usize) -> Option<&Written> {
        self.parts.get(i)
    }
}

/// The text of a rule's conditions and steps as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RuleWritten {
    /// `when`
    pub when: Written,
    /// Each `unless` condition, in order.
    pub exceptions: Vec<Written>,
    /// Each `for each` list, in order.
    pub bindings: Vec<Written>,
}

/// `text` with the brackets its span leaves out put back: the span of `(a) or (b)` runs
/// from inside the first bracket to inside the last, `a) or (b`.
fn balanced(text: &str) -> String {
    let (mut depth, mut lowest, mut quoted) = (0i64, 0i64, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                lowest = lowest.min(depth);
            }
            _ => {}
        }
    }
    let open = usize::try_from(-lowest).unwrap_or(0);
    let close = usize::try_from(depth - lowest).unwrap_or(0);
    format!("{}{text}{}", "(".repeat(open), ")".repeat(close))
}

/// The text of `len` bytes at `start` of `file`, with each run of whitespace as one space.
pub fn text_at(file: &SourceFile, start: usize, len: usize) -> String {
    let end = start.saturating_add(len);
    let raw = file.text.get(start..end).unwrap_or_default();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::balanced;

    #[test]
    fn brackets_the_span_leaves_out_are_put_back() {
        assert_eq!(balanced("a) or (b"), "(a) or (b)");
        assert_eq!(balanced("f(x) and g(y)"), "f(x) and g(y)");
        assert_eq!(balanced("a and (b or c"), "a and (b or c)");
        assert_eq!(balanced("x == \")\""), "x == \")\"");
    }
}
