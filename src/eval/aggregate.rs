//! Lists: `any`/`all` in Kleene logic, and the aggregates — count, sum, min, max, mean,
//! median and quantile — over items or values derived per item, in exact decimals (amounts
//! are converted into the first amount's currency with the document's rates).

use rust_decimal::Decimal;
use std::cmp::Ordering;

use super::paths::{PathId, Paths};
use super::value::{merge, Truth, Value};
use super::{Evaluator, Item};
use crate::document::validate::NodeValue;
use crate::ops::{Aggregate, BinaryOp, Quantifier};
use crate::pack::ir::{AggregateIr, Ir};
use crate::value::money::Money;

impl<'a> Evaluator<'a> {
    /// The items of a list value, with their locations, and the list's path.
    pub(super) fn items(
        &mut self,
        collection: &'a Ir,
    ) -> Result<(Vec<Item<'a>>, PathId), Vec<PathId>> {
        match self.eval(collection) {
            Value::Node(node, path) => match &node.value {
                NodeValue::List(items) => {
                    let document = self.document_of(collection);
                    let items = items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let item_path = self.paths.item(path, i);
                            (
                                Value::from_node(item, item_path),
                                Some((item, item_path, document)),
                            )
                        })
                        .collect();
                    Ok((items, path))
                }
                _ => Ok((Vec::new(), path)),
            },
            Value::Unknown(missing) => Err(missing),
            _ => Ok((Vec::new(), Paths::ROOT)),
        }
    }

    pub(super) fn quantifier(
        &mut self,
        quantifier: Quantifier,
        slot: usize,
        collection: &'a Ir,
        filter: Option<&'a Ir>,
    ) -> Value<'a> {
        let items = match self.items(collection) {
            Ok((items, _)) => items,
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

    pub(super) fn aggregate(&mut self, aggregate: &'a AggregateIr) -> Value<'a> {
        let (items, path) = match self.items(&aggregate.collection) {
            Ok(found) => found,
            Err(missing) => return Value::Unknown(missing),
        };
        let mut count = Decimal::ZERO;
        let mut values = Vec::new();
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
            match value {
                Value::Unknown(m) => missing = merge(missing, m),
                value => values.push(value),
            }
        }
        if let Some(slot) = aggregate.slot {
            self.slots[slot] = None;
        }
        if !missing.is_empty() {
            return Value::Unknown(missing);
        }
        let statistic = aggregate.function.name();
        match aggregate.function {
            Aggregate::Count => Value::Number(count),
            // The sum of nothing is zero; every other statistic of nothing is unknown.
            Aggregate::Sum => values
                .into_iter()
                .try_fold(Value::Number(Decimal::ZERO), |acc, v| match acc {
                    Value::Number(n) if n.is_zero() => Ok(v),
                    acc => match self.arithmetic(BinaryOp::Add, acc, v) {
                        Value::Unknown(m) => Err(m),
                        sum => Ok(sum),
                    },
                })
                .unwrap_or_else(Value::Unknown),
            Aggregate::Min | Aggregate::Max => {
                let wanted = if aggregate.function == Aggregate::Min {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let mut best: Option<Value<'a>> = None;
                for value in values {
                    best = Some(match best {
                        None => value,
                        Some(previous) => match self.compare(&value, &previous) {
                            Ok(ordering) if ordering == wanted => value,
                            Ok(_) => previous,
                            Err(m) => return Value::Unknown(m),
                        },
                    });
                }
                match best {
                    Some(best) => best,
                    None => Value::Unknown(vec![self.paths.no_item(path, statistic)]),
                }
            }
            Aggregate::Mean | Aggregate::Median | Aggregate::Quantile => {
                if values.is_empty() {
                    return Value::Unknown(vec![self.paths.no_item(path, statistic)]);
                }
                match self.numbers(values) {
                    Ok((numbers, currency)) => {
                        let p = aggregate.quantile.unwrap_or(Decimal::new(5, 1));
                        let result = match aggregate.function {
                            Aggregate::Mean => mean(&numbers),
                            _ => quantile(numbers, p),
                        };
                        match (result, currency) {
                            (Some(amount), Some(currency)) => {
                                Value::Money(Money { amount, currency })
                            }
                            (Some(n), None) => Value::Number(n),
                            (None, _) => Value::Unknown(Vec::new()),
                        }
                    }
                    Err(m) => Value::Unknown(m),
                }
            }
        }
    }

    /// Numbers as they are, or amounts converted into the first amount's currency.
    fn numbers(
        &mut self,
        values: Vec<Value<'a>>,
    ) -> Result<(Vec<Decimal>, Option<crate::value::money::Currency>), Vec<PathId>> {
        let currency = match values.first() {
            Some(Value::Money(m)) => Some(m.currency),
            _ => None,
        };
        let mut numbers = Vec::with_capacity(values.len());
        for value in values {
            match (value, currency) {
                (Value::Number(n), None) => numbers.push(n),
                (Value::Money(m), Some(currency)) => {
                    numbers.push(self.convert(m, currency)?.amount)
                }
                _ => return Err(Vec::new()),
            }
        }
        Ok((numbers, currency))
    }
}

/// The arithmetic mean, exact to rust_decimal's precision; `None` on overflow.
pub(super) fn mean(numbers: &[Decimal]) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for n in numbers {
        total = total.checked_add(*n)?;
    }
    total.checked_div(Decimal::from(numbers.len()))
}

/// The p-quantile with linear interpolation between order statistics (the "type 7"
/// definition used by R and NumPy by default): the median is `quantile(0.5)`.
pub(super) fn quantile(mut numbers: Vec<Decimal>, p: Decimal) -> Option<Decimal> {
    numbers.sort();
    let last = Decimal::from(numbers.len().checked_sub(1)?);
    let h = last.checked_mul(p)?;
    let low = h.floor();
    let fraction = h - low;
    let low_index = usize::try_from(low.mantissa()).ok()? / 10usize.pow(low.scale());
    let low_value = *numbers.get(low_index)?;
    let high_value = *numbers.get(low_index + 1).unwrap_or(&low_value);
    low_value.checked_add(fraction.checked_mul(high_value.checked_sub(low_value)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn median_and_quantiles_interpolate() {
        let values = vec![d("1"), d("2"), d("3"), d("4")];
        assert_eq!(quantile(values.clone(), d("0.5")), Some(d("2.5")));
        assert_eq!(quantile(values.clone(), d("0.8")), Some(d("3.4")));
        assert_eq!(quantile(values.clone(), d("0")), Some(d("1")));
        assert_eq!(quantile(values, d("1")), Some(d("4")));
        assert_eq!(quantile(vec![d("7")], d("0.8")), Some(d("7")));
        assert_eq!(mean(&[d("1"), d("2")]), Some(d("1.5")));
    }
}
