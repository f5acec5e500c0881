//! Figures: for each document, the statistics a figure declares (n, mean, median and 80th
//! percentile of a value derived per item, overall and by group), in exact decimals. Items
//! whose value is unknown (a fact not given, a rate not declared) are counted as excluded,
//! never guessed.

use rust_decimal::Decimal;

use super::aggregate::{mean, quantile};
use super::expr::render;
use super::paths::Paths;
use super::value::Value;
use super::{Evaluator, RunIndex};
use crate::document::validate::{Document, NodeValue};
use crate::finding::{FigureResult, Statistics};
use crate::pack::ir::Figure;
use crate::pack::RulePack;
use crate::value::money::Currency;

/// The figures of `pack` that apply to the document, each over the items it has.
pub(super) fn compute_figures(
    pack: &RulePack,
    document: &Document,
    as_of: jiff::civil::Date,
    index: &RunIndex,
) -> Vec<FigureResult> {
    let mut results = Vec::new();
    for (number, figure) in pack.figures.iter().enumerate() {
        if !figure.kinds.contains(&document.kind) {
            continue;
        }
        let mut evaluator = Evaluator {
            pack,
            document,
            index,
            as_of,
            slots: vec![None; figure.slots],
            steps: 0,
            paths: Paths::default(),
        };
        let mut collected = Collected::default();
        evaluator.figure_items(figure, 0, &mut collected);
        // A document without the list has nothing to say about the figure.
        if collected.lists_given {
            results.push(collected.into_result(number));
        }
    }
    results
}

/// The values gathered for one figure in one document.
#[derive(Default)]
struct Collected {
    lists_given: bool,
    values: Vec<(String, Decimal)>,
    currency: Option<Currency>,
    excluded: usize,
    items: usize,
}

impl Collected {
    fn into_result(self, figure: usize) -> FigureResult {
        let overall = statistics(self.values.iter().map(|(_, v)| *v).collect());
        let mut groups: Vec<String> = self.values.iter().map(|(g, _)| g.clone()).collect();
        groups.sort();
        groups.dedup();
        let by_group = if groups.len() > 1 || groups.first().is_some_and(|g| !g.is_empty()) {
            groups
                .into_iter()
                .filter_map(|group| {
                    let values = self
                        .values
                        .iter()
                        .filter(|(g, _)| *g == group)
                        .map(|(_, v)| *v)
                        .collect();
                    statistics(values).map(|s| (group, s))
                })
                .collect()
        } else {
            Vec::new()
        };
        FigureResult {
            figure,
            unit: self.currency.map(|c| c.to_string()),
            items: self.items,
            excluded: self.excluded,
            overall,
            by_group,
            values: self.values.into_iter().map(|(_, v)| v).collect(),
        }
    }
}

/// n, mean, median and 80th percentile; `None` for no value. Summaries over many
/// documents use it on the pooled values, so their figures are computed the same way.
pub fn statistics(values: Vec<Decimal>) -> Option<Statistics> {
    if values.is_empty() {
        return None;
    }
    Some(Statistics {
        n: values.len(),
        mean: mean(&values)?,
        median: quantile(values.clone(), Decimal::new(5, 1))?,
        p80: quantile(values, Decimal::new(8, 1))?,
    })
}

impl<'a> Evaluator<'a> {
    fn figure_items(&mut self, figure: &'a Figure, depth: usize, collected: &mut Collected) {
        if let Some((slot, collection)) = figure.bindings.get(depth) {
            if let Value::Node(node, path) = self.eval(collection) {
                if let NodeValue::List(items) = &node.value {
                    collected.lists_given = true;
                    let document = self.document;
                    for (i, item) in items.iter().enumerate() {
                        let item_path = self.paths.item(path, i);
                        self.slots[*slot] = Some((
                            Value::from_node(item, item_path),
                            Some((item, item_path, document)),
                        ));
                        self.figure_items(figure, depth + 1, collected);
                    }
                    self.slots[*slot] = None;
                }
            }
            return;
        }
        collected.items += 1;
        let group = match &figure.by {
            Some(by) => match self.eval(by) {
                Value::Unknown(_) => "not recorded".to_string(),
                known => render(&known),
            },
            None => String::new(),
        };
        let value = match self.eval(&figure.value) {
            Value::Number(n) => Some(n),
            Value::Money(m) => match collected.currency {
                None => {
                    collected.currency = Some(m.currency);
                    Some(m.amount)
                }
                Some(currency) => self.convert(m, currency).ok().map(|m| m.amount),
            },
            _ => None,
        };
        match value {
            Some(v) => collected.values.push((group, v)),
            None => collected.excluded += 1,
        }
    }
}
