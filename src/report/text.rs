//! Wording shared by the report formats: figures, citations, the legal basis of a rule and
//! the words for outcomes, so every format says the same thing the same way.

use super::model::{RuleInfo, RunHeader, Stats};
use crate::finding::Outcome;

/// `n=12, mean 0.4, median 0.3, 80th percentile 0.6` (with the unit after each amount),
/// rounded to two decimals.
pub fn figure_stats(stats: &Stats, unit: Option<&str>) -> String {
    let unit = unit.map_or(String::new(), |u| format!(" {u}"));
    format!(
        "n={}, mean {}{unit}, median {}{unit}, 80th percentile {}{unit}",
        stats.n,
        stats.mean.round_dp(2).normalize(),
        stats.median.round_dp(2).normalize(),
        stats.p80.round_dp(2).normalize()
    )
}

/// The principles and instruments a rule cites, in short form: `GP7, C181`.
pub fn citation(rule: &RuleInfo) -> String {
    rule.principles
        .iter()
        .map(|p| format!("GP{p}"))
        .chain(rule.instruments.iter().map(|c| c.id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The legal basis of a rule, one source a line: each principle with its title, each
/// guideline with its actor and title, each instrument in words.
pub fn basis_lines(header: &RunHeader, rule: &RuleInfo) -> Vec<String> {
    let mut lines = Vec::new();
    for number in &rule.principles {
        let title = header
            .principles
            .iter()
            .find(|p| p.number == *number)
            .map_or("", |p| p.title.as_str());
        lines.push(format!("General principle {number}: {title}"));
    }
    for guideline in &rule.guidelines {
        if guideline.title.is_empty() {
            lines.push(guideline.id.clone());
        } else {
            lines.push(format!(
                "{} ({}): {}",
                guideline.id, guideline.actor, guideline.title
            ));
        }
    }
    for instrument in &rule.instruments {
        lines.push(format!("{}: {}", instrument.id, instrument.title));
    }
    lines
}

/// An outcome in words: `violation`, `gap`, `not assessable`, `for review`.
pub fn outcome_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Violation => "violation",
        Outcome::Gap => "gap",
        Outcome::NotAssessable => "not assessable",
        Outcome::Review => "for review",
        Outcome::Pass => "pass",
    }
}
