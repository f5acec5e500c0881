//! Wording shared by the report formats: figures, citations, the legal basis of a rule and
//! the words for outcomes, so every format says the same thing the same way.

use std::fmt::Write as _;

use super::model::{RuleInfo, RunHeader, Stats};
use crate::diagnostic::escape;
use crate::finding::Outcome;
use crate::pack::RulePack;

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
        Outcome::Waived => "waived",
    }
}

/// A figure as people read it: `n`, mean, median and 80th percentile, overall and by group.
pub fn figure_lines(pack: &RulePack, result: &crate::finding::FigureResult) -> String {
    let Some(figure) = pack.figures.get(result.figure) else {
        return String::new();
    };
    let unit = result
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    let stats = |s: &crate::finding::Statistics| {
        format!(
            "n={}, mean {}{unit}, median {}{unit}, 80th percentile {}{unit}",
            s.n,
            s.mean.round_dp(2).normalize(),
            s.median.round_dp(2).normalize(),
            s.p80.round_dp(2).normalize()
        )
    };
    let mut out = format!("\n  ◆ {} {}\n", figure.id, escape(&figure.title));
    match &result.overall {
        Some(overall) => {
            let _ = writeln!(out, "    all workers: {}", stats(overall));
        }
        None => {
            let _ = writeln!(out, "    no item has the facts this figure needs");
        }
    }
    for (group, s) in &result.by_group {
        let _ = writeln!(out, "    {}: {}", escape(group), stats(s));
    }
    if result.excluded > 0 {
        let _ = writeln!(
            out,
            "    {} of {} left out: a fact or an exchange rate they need is not given",
            result.excluded, result.items
        );
    }
    out
}
