//! The values a document may not give even when they have the right type: numbers outside
//! the range of what they count, parts larger than their whole, required fields left empty.
//!
//! The rule language declares a field's type, not its range, so the ranges are set here,
//! once, by what every whole number in a document is (docs/limits.md, "Value ranges"):
//!
//! | field name | range | why |
//! |---|---|---|
//! | `age`, `*_age` | 0 to 120 | an age in years |
//! | `tier`, `*_tier` | 1 or more | tiers are counted from 1, the recruiter the employer contracts |
//! | `days_*` | -3,650 to 3,650 | days between two events, within ten years either way |
//! | any other `integer` | 0 or more | counts of people, meetings, years: never negative |
//!
//! and by what some counts are part of ([`PARTS`]): workers reporting something are some of
//! the workers interviewed; and a period does not end before it starts ([`PERIODS`]). Days may be negative: `days_before_departure: -3` is a contract
//! first seen three days after departure, which an inspector must be able to record (and
//! every deadline rule treats as late).

use super::path::DocPath;
use super::{Field, NodeValue, Validator};
use crate::diagnostic::{ErrorCode, Span};

/// The range a whole number named `field` must fall in: its lowest and highest value, and
/// what it is, for the message.
pub fn integer_range(field: &str) -> (i64, Option<i64>, &'static str) {
    if field == "age" || field.ends_with("_age") {
        (0, Some(120), "an age in years")
    } else if field == "tier" || field.ends_with("_tier") {
        (
            1,
            None,
            "a tier, counted from 1 (the recruiter the employer contracts)",
        )
    } else if field.starts_with("days_") {
        (
            -3_650,
            Some(3_650),
            "a number of days between two events (negative when they come the other way round)",
        )
    } else {
        (0, None, "a count (of people, meetings or years)")
    }
}

/// Counts that are part of another count of the same record: fields whose name starts
/// with the first text are at most the field named by the second.
pub(super) const PARTS: &[(&str, &str)] = &[("reporting_", "interviewed")];

/// Starts and ends of one period in one record: a field ending in the first text (such as
/// `valid_from`) is not after the field with the same stem ending in the second
/// (`valid_until`).
pub(super) const PERIODS: &[(&str, &str)] = &[("_from", "_until")];

impl Validator<'_> {
    /// Refuses a whole number outside the range of what its field counts.
    pub(super) fn check_range(&mut self, value: i64, path: &DocPath<'_>, span: Span) -> bool {
        let (low, high, what) = integer_range(path.last_field());
        let problem = if value < low {
            format!("below {low}")
        } else if high.is_some_and(|high| value > high) {
            format!("above {}", high.unwrap_or(value))
        } else {
            return true;
        };
        self.error(
            ErrorCode::DocumentOutOfRange,
            span,
            format!("`{value}` is {problem} (in `{path}`)"),
        )
        .help(match high {
            Some(high) => format!("`{path}` is {what}: from {low} to {high}"),
            None => format!("`{path}` is {what}: {low} or more"),
        });
        false
    }

    /// Refuses a period of one record that ends before it starts (see [`PERIODS`]).
    pub(super) fn check_periods(&mut self, fields: &[Field], path: &DocPath<'_>) -> bool {
        let mut ok = true;
        for (start_suffix, end_suffix) in PERIODS {
            for start in fields.iter().filter(|f| f.name.ends_with(start_suffix)) {
                let stem = &start.name[..start.name.len() - start_suffix.len()];
                let Some(end) = fields
                    .iter()
                    .find(|f| f.name.strip_suffix(end_suffix) == Some(stem))
                else {
                    continue;
                };
                let (NodeValue::Date(from), NodeValue::Date(until)) =
                    (&start.node.value, &end.node.value)
                else {
                    continue;
                };
                if from <= until {
                    continue;
                }
                let at = |name: &str| field_path(path, name);
                self.error(
                    ErrorCode::DocumentOutOfRange,
                    end.node.span,
                    format!(
                        "`{}` ({until}) is before `{}` ({from})",
                        at(&end.name),
                        at(&start.name)
                    ),
                )
                .help("a period cannot end before it starts; check the two dates");
                ok = false;
            }
        }
        ok
    }

    /// Refuses parts larger than their whole within one record (see [`PARTS`]).
    pub(super) fn check_parts(&mut self, fields: &[Field], path: &DocPath<'_>) -> bool {
        let mut ok = true;
        let number = |field: &Field| match field.node.value {
            NodeValue::Number(n) => Some(n),
            _ => None,
        };
        for (prefix, whole_name) in PARTS {
            let Some((whole, total)) = fields
                .iter()
                .find(|f| f.name == *whole_name)
                .and_then(|f| number(f).map(|n| (f, n)))
            else {
                continue;
            };
            for part in fields.iter().filter(|f| f.name.starts_with(prefix)) {
                let Some(count) = number(part).filter(|count| *count > total) else {
                    continue;
                };
                let at = |name: &str| field_path(path, name);
                self.error(
                    ErrorCode::DocumentOutOfRange,
                    part.node.span,
                    format!(
                        "`{}` is {count}, more than the {total} of `{}`",
                        at(&part.name),
                        at(&whole.name)
                    ),
                )
                .help(format!(
                    "`{}` counts some of the `{}`: it cannot be larger",
                    part.name, whole.name
                ));
                ok = false;
            }
        }
        ok
    }
}

/// `path.name`, or `name` at the top level.
fn field_path(path: &DocPath<'_>, name: &str) -> String {
    path.field(name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_the_field_name() {
        assert_eq!(integer_range("youngest_age").0, 0);
        assert_eq!(integer_range("youngest_age").1, Some(120));
        assert_eq!(integer_range("tier").0, 1);
        assert_eq!(integer_range("days_before_departure").0, -3_650);
        assert_eq!(
            integer_range("meetings_per_year"),
            (0, None, integer_range("x").2)
        );
        let root = DocPath::Root;
        let voice = root.field("worker_voice");
        assert_eq!(voice.field("reporting_fees").last_field(), "reporting_fees");
        let chain = root.field("supply_chain");
        let link = chain.item(2);
        assert_eq!(link.field("tier").last_field(), "tier");
        let ages = root.field("ages");
        assert_eq!(ages.item(0).last_field(), "ages");
    }
}
