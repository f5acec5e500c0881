//! The Markdown report's summary (verdicts, principles, ranking, corridors with their
//! pooled figures), the parameters and disabled rules, and the inputs with their SHA-256.

use std::fmt::Write as _;

use super::markdown::{md, verdict_words};
use super::model::RunHeader;
use super::sections::pooled_figure_texts;
use super::summary::Summary;
use crate::digest::InputFile;
use crate::finding::Verdict;

pub(super) fn summary_section(out: &mut String, header: &RunHeader, summary: &Summary) {
    let totals = &summary.totals;
    let _ = writeln!(
        out,
        "## Summary\n\n{} document(s) checked: {} violation(s), {} gap(s), {} not assessable, {} for review, {} error(s).\n",
        totals.documents, totals.violations, totals.gaps, totals.not_assessable, totals.reviews, totals.errors
    );
    out.push_str("| Verdict | Documents |\n|---|--:|\n");
    for verdict in Verdict::ALL {
        let _ = writeln!(
            out,
            "| {} | {} |",
            verdict_words(verdict),
            totals.with_verdict(verdict)
        );
    }
    out.push_str("\n### By principle\n\n| Principle | Violations | Gaps | Not assessable | For review | Documents |\n|---|--:|--:|--:|--:|--:|\n");
    for p in &summary.principles {
        let c = &p.counts;
        let _ = writeln!(
            out,
            "| GP{} {} | {} | {} | {} | {} | {} |",
            p.number,
            md(&p.title),
            c.violations,
            c.gaps,
            c.not_assessable,
            c.reviews,
            p.documents
        );
    }
    if summary.ranking.len() > 1 {
        out.push_str("\n### Documents ranked by findings\n\n| # | Document | Verdict | Violations | Gaps | Not assessable |\n|--:|---|---|--:|--:|--:|\n");
        for r in &summary.ranking {
            let what = match (&r.kind, &r.name) {
                (Some(kind), Some(name)) => format!(", {kind} \"{name}\""),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                r.rank,
                md(&format!("{} #{}{what}", r.path, r.index + 1)),
                verdict_words(r.verdict),
                r.counts.violations,
                r.counts.gaps,
                r.counts.not_assessable
            );
        }
    }
    if !summary.corridors.is_empty() {
        out.push_str("\n### By corridor\n\nFigures are computed over every worker record of the corridor's documents pooled.\n\n| Corridor | Documents | Violations | Gaps | Figures |\n|---|--:|--:|--:|---|\n");
        for c in &summary.corridors {
            let figures = pooled_figure_texts(header, &c.figures);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&c.label),
                c.documents,
                c.violations,
                c.gaps,
                if figures.is_empty() {
                    "-".to_string()
                } else {
                    md(&figures.join("; "))
                }
            );
        }
    }
    out.push('\n');
}

pub(super) fn pack_section(out: &mut String, header: &RunHeader) {
    if header.parameters.is_empty() && header.disabled_rules.is_empty() {
        return;
    }
    out.push_str("## Parameters and disabled rules\n\n");
    if !header.parameters.is_empty() {
        out.push_str("| Parameter | Value | Source |\n|---|---|---|\n");
        for p in &header.parameters {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&p.name),
                md(&p.value),
                md(&p.source)
            );
        }
        out.push('\n');
    }
    for d in &header.disabled_rules {
        let _ = writeln!(
            out,
            "- {} ({}) disabled by overlay {}: {}",
            d.rule,
            md(&d.title),
            md(d.overlay.as_deref().unwrap_or("an overlay")),
            md(&d.because)
        );
    }
    if !header.disabled_rules.is_empty() {
        out.push('\n');
    }
}

pub(super) fn inputs_section(out: &mut String, inputs: &[InputFile]) {
    if !inputs.is_empty() {
        out.push_str("## Inputs\n\n| File | SHA-256 | Bytes |\n|---|---|--:|\n");
        for input in inputs {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&input.path),
                input
                    .sha256
                    .as_deref()
                    .map_or("not read whole".to_string(), |h| format!("`{h}`")),
                input.bytes.map_or("-".to_string(), |b| b.to_string())
            );
        }
    }
}
