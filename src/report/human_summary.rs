//! The end of human output, from the report model: documents per verdict, findings per
//! principle, the documents ranked, the corridors with their SDG 10.7.1 figures, then what
//! the run rests on (version, date, rule pack, overlays, parameters, input hashes). Tables
//! fit the width (80 columns, or the terminal's) by wrapping their text column at word
//! boundaries, never cutting a word.

use std::fmt::Write as _;

use super::model::RunHeader;
use super::sections::pooled_figure_texts;
use super::summary::{PooledFigure, Summary};
use crate::diagnostic::escape;
use crate::digest::InputFile;
use crate::finding::Verdict;

/// The width tables are laid out for unless told otherwise.
const WIDTH: usize = 80;

/// Documents listed in the ranking; the JSON, Markdown and CSV reports list them all.
const RANKED_SHOWN: usize = 20;

/// The closing summary and what the run rests on, for 80 columns.
pub fn render(header: &RunHeader, summary: &Summary, inputs: &[InputFile]) -> String {
    render_width(header, summary, inputs, WIDTH)
}

/// The closing summary and what the run rests on, its tables fitted to `width` columns.
pub fn render_width(
    header: &RunHeader,
    summary: &Summary,
    inputs: &[InputFile],
    width: usize,
) -> String {
    let mut out = String::new();
    let totals = &summary.totals;
    let verdicts: Vec<String> = Verdict::ALL
        .iter()
        .filter(|v| totals.with_verdict(**v) > 0)
        .map(|v| format!("{} {}", totals.with_verdict(*v), verdict_words(*v)))
        .collect();
    if !verdicts.is_empty() {
        let _ = writeln!(out, "Verdicts: {}", verdicts.join(", "));
    }
    let waived = if totals.waived > 0 {
        format!(", {} waived", totals.waived)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Summary: {} document(s) checked: {} violation(s), {} gap(s), {} not assessable{waived}, {} error(s)",
        totals.documents, totals.violations, totals.gaps, totals.not_assessable, totals.errors
    );
    let rows: Vec<Vec<String>> = summary
        .principles
        .iter()
        .filter(|p| p.counts.any())
        .map(|p| {
            vec![
                format!("GP{}", p.number),
                escape(&p.title),
                p.counts.violations.to_string(),
                p.counts.gaps.to_string(),
                p.counts.not_assessable.to_string(),
                p.documents.to_string(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push('\n');
        out.push_str(&table(
            &["", "principle", "viol.", "gaps", "n/a", "docs"],
            &rows,
            1,
            width,
        ));
    }
    out.push_str(&ranking(summary, width));
    out.push_str(&corridors(header, summary, width));
    out.push_str(&super::human_audit::summary_sections(
        header, summary, width,
    ));
    out.push_str(&context(header, inputs));
    out
}

/// The documents with findings, worst first, when the run has more than one document.
fn ranking(summary: &Summary, width: usize) -> String {
    if summary.ranking.len() < 2 {
        return String::new();
    }
    let ranked: Vec<_> = summary
        .ranking
        .iter()
        .filter(|r| r.counts.any() || r.verdict == Verdict::Error)
        .collect();
    if ranked.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = ranked
        .iter()
        .take(RANKED_SHOWN)
        .map(|r| {
            let what = match (&r.kind, &r.name) {
                (Some(kind), Some(name)) => format!(" {kind} \"{name}\""),
                _ => String::new(),
            };
            vec![
                r.rank.to_string(),
                escape(&format!("{} #{}{what}", r.path, r.index + 1)),
                verdict_words(r.verdict).to_string(),
                r.counts.violations.to_string(),
                r.counts.gaps.to_string(),
                r.counts.not_assessable.to_string(),
            ]
        })
        .collect();
    let mut out = String::from("\nDocuments ranked by findings (most violations first)\n");
    out.push_str(&table(
        &["#", "document", "verdict", "viol.", "gaps", "n/a"],
        &rows,
        1,
        width,
    ));
    if ranked.len() > RANKED_SHOWN {
        let _ = writeln!(
            out,
            "  … and {} more (all are listed with --format json, markdown or csv)",
            ranked.len() - RANKED_SHOWN
        );
    }
    out
}

/// Per corridor, when any document states one.
fn corridors(header: &RunHeader, summary: &Summary, width: usize) -> String {
    if summary.corridors.iter().all(|c| c.key.is_empty()) {
        return String::new();
    }
    let rows: Vec<Vec<String>> = summary
        .corridors
        .iter()
        .map(|c| {
            vec![
                escape(&c.label),
                c.documents.to_string(),
                c.violations.to_string(),
                figures_text(header, &c.figures),
            ]
        })
        .collect();
    let mut out = String::from("\nBy corridor (figures over every worker record pooled)\n");
    out.push_str(&table(
        &["corridor", "docs", "viol.", "figures"],
        &rows,
        3,
        width,
    ));
    out
}

/// `SDG-10-7-1: n=12, mean 0.4, median 0.3, 80th percentile 0.6` per figure, or `-`.
fn figures_text(header: &RunHeader, figures: &[PooledFigure]) -> String {
    let parts = pooled_figure_texts(header, figures);
    if parts.is_empty() {
        "-".to_string()
    } else {
        escape(&parts.join("; "))
    }
}

/// The notice, then what makes the run reproducible.
fn context(header: &RunHeader, inputs: &[InputFile]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", header.notice);
    let _ = writeln!(
        out,
        "\nfairrec {} · as of {}",
        header.tool_version,
        header.as_of.as_deref().unwrap_or("-")
    );
    let _ = writeln!(
        out,
        "Rule pack {}",
        header.rules_hash.as_deref().unwrap_or("-")
    );
    for overlay in &header.overlays {
        let _ = writeln!(
            out,
            "  overlay \"{}\" (jurisdiction: {}) from {} [{}]",
            escape(&overlay.name),
            escape(&overlay.jurisdiction),
            escape(&overlay.dir),
            overlay.hash
        );
    }
    for param in &header.parameters {
        let _ = writeln!(
            out,
            "  parameter {} = {} ({})",
            param.name,
            escape(&param.value),
            escape(&param.source)
        );
    }
    for disabled in &header.disabled_rules {
        let _ = writeln!(
            out,
            "  disabled {} ({}) by overlay \"{}\": {}",
            disabled.rule,
            escape(&disabled.title),
            escape(disabled.overlay.as_deref().unwrap_or("an overlay")),
            escape(&disabled.because)
        );
    }
    if !inputs.is_empty() {
        let _ = writeln!(out, "Inputs (SHA-256)");
        for input in inputs {
            let _ = writeln!(
                out,
                "  {}  {}",
                input.sha256.as_deref().unwrap_or("(not read whole)"),
                escape(&input.path)
            );
        }
    }
    out
}

/// A table indented by two spaces: every column as wide as its widest cell except
/// `wrap`, which takes the rest of `width` and wraps at word boundaries (a word longer
/// than the column stays whole). Columns after the first text column are right-aligned
/// when they hold numbers.
fn table(headers: &[&str], rows: &[Vec<String>], wrap: usize, width: usize) -> String {
    let columns = headers.len();
    let width_of = |text: &str| textwrap::core::display_width(text);
    let mut widths: Vec<usize> = headers.iter().map(|h| width_of(h)).collect();
    for row in rows {
        for (column, cell) in row.iter().enumerate().take(columns) {
            if column != wrap {
                widths[column] = widths[column].max(width_of(cell));
            }
        }
    }
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|(c, _)| *c != wrap)
        .map(|(_, w)| w)
        .sum();
    let gaps = 2 * (columns - 1);
    widths[wrap] = width.saturating_sub(2 + others + gaps).max(16);
    let numeric = |column: usize| {
        column != wrap
            && rows
                .iter()
                .all(|row| row.get(column).is_some_and(|c| c.parse::<u64>().is_ok()))
    };
    let aligned: Vec<bool> = (0..columns).map(numeric).collect();
    let mut out = String::new();
    let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let options = textwrap::Options::new(widths[wrap])
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let mut lines: Vec<String> =
            textwrap::wrap(row.get(wrap).map_or("", |c| c.as_str()), options)
                .into_iter()
                .map(|line| line.into_owned())
                .collect();
        if lines.is_empty() {
            // An empty cell still gives its row one line.
            lines.push(String::new());
        }
        for (line, text) in lines.iter().enumerate() {
            let mut cells = Vec::with_capacity(columns);
            for column in 0..columns {
                let cell = if column == wrap {
                    text.as_str()
                } else if line == 0 {
                    row.get(column).map_or("", |c| c.as_str())
                } else {
                    ""
                };
                let pad = widths[column].saturating_sub(width_of(cell));
                cells.push(if aligned[column] {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                });
            }
            let _ = writeln!(out, "  {}", cells.join("  ").trim_end());
        }
    }
    out
}

/// A verdict as people read it.
pub fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::NonCompliant => "NON-COMPLIANT",
        Verdict::Gaps => "GAPS",
        Verdict::Incomplete => "INCOMPLETE",
        Verdict::CompliantWithWaivers => "COMPLIANT WITH WAIVERS",
        Verdict::Compliant => "COMPLIANT",
        Verdict::Error => "ERROR",
    }
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn a_long_title_wraps_at_word_boundaries_instead_of_being_cut() {
        let title = "Workers are free to leave a job, to return home and to change employer without a penalty";
        let out = table(
            &["", "principle", "viol."],
            &[vec!["GP12".into(), title.into(), "3".into()]],
            1,
            80,
        );
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "{line}");
        }
        let words: Vec<&str> = out
            .lines()
            .skip(1)
            .flat_map(|l| l.split_whitespace())
            .filter(|w| *w != "GP12" && *w != "3")
            .collect();
        assert_eq!(words.join(" "), title);
    }
}
