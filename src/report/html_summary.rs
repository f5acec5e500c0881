//! The HTML report's summary: documents per verdict as tiles, the chart of findings by
//! principle and severity, the table per principle, the documents ranked (each linked to
//! its section), and per corridor the documents, violations and the SDG 10.7.1 figures
//! over every worker record of the corridor pooled.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::html::esc;
use super::html_chart::chart;
use super::human_summary::verdict_words;
use super::model::{DocumentReport, RunHeader};
use super::summary::{PooledFigure, Summary};
use crate::finding::Verdict;

/// The summary section.
pub(super) fn summary_section(
    out: &mut String,
    header: &RunHeader,
    summary: &Summary,
    documents: &[DocumentReport],
) {
    let totals = &summary.totals;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"tiles\">\n");
    let _ = writeln!(
        out,
        "<div class=\"tile\"><span class=\"count\">{}</span><span class=\"label\">documents \
         checked</span></div>",
        totals.documents
    );
    for verdict in &Verdict::ALL {
        let count = totals.with_verdict(*verdict);
        if count == 0 && *verdict == Verdict::Error {
            continue;
        }
        let _ = writeln!(
            out,
            "<div class=\"tile v-{}\"><span class=\"count\">{count}</span>{}</div>",
            verdict.as_str(),
            badge(*verdict)
        );
    }
    out.push_str("</div>\n");
    let _ = writeln!(
        out,
        "<p class=\"totals\">{} violation(s), {} gap(s), {} not assessable, {} for review, \
         {} error(s).</p>",
        totals.violations, totals.gaps, totals.not_assessable, totals.reviews, totals.errors
    );
    if !summary.principles.is_empty() {
        out.push_str("<h3>Findings by principle and severity</h3>\n");
        chart(out, &summary.principles);
        principle_table(out, summary);
    }
    ranking(out, summary, documents);
    corridors(out, header, summary);
    out.push_str("</section>\n");
}

/// A verdict as a coloured badge that also says it in words.
pub(super) fn badge(verdict: Verdict) -> String {
    format!(
        "<span class=\"badge v-{}\">{}</span>",
        verdict.as_str(),
        verdict_words(verdict)
    )
}

fn principle_table(out: &mut String, summary: &Summary) {
    out.push_str(
        "<table class=\"principles\">\n<thead><tr><th>Principle</th><th class=\"n\">Violations\
         </th><th class=\"n\">Gaps</th><th class=\"n\">Not assessable</th><th class=\"n\">For \
         review</th><th class=\"n\">Documents</th></tr></thead>\n<tbody>\n",
    );
    for p in &summary.principles {
        let c = &p.counts;
        let _ = writeln!(
            out,
            "<tr{}><td><strong>GP{}</strong> {}</td><td class=\"n\">{}</td><td class=\"n\">{}\
             </td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            if c.any() { "" } else { " class=\"zero\"" },
            p.number,
            esc(&p.title),
            c.violations,
            c.gaps,
            c.not_assessable,
            c.reviews,
            p.documents
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Every document, worst first, linked to its section; only when there are several.
fn ranking(out: &mut String, summary: &Summary, documents: &[DocumentReport]) {
    if summary.ranking.len() < 2 {
        return;
    }
    // A file met twice is checked once, so a file and a position name one document.
    let numbers: HashMap<(&str, usize), usize> = documents
        .iter()
        .enumerate()
        .map(|(n, d)| ((d.path.as_str(), d.index), n + 1))
        .collect();
    out.push_str(
        "<h3>Documents ranked by findings</h3>\n<table class=\"ranking\">\n<thead><tr>\
         <th class=\"n\">#</th><th>Document</th><th>Verdict</th><th class=\"n\">Violations\
         </th><th class=\"n\">Critical</th><th class=\"n\">High</th><th class=\"n\">Gaps</th>\
         <th class=\"n\">Not assessable</th></tr></thead>\n<tbody>\n",
    );
    for r in &summary.ranking {
        let what = match (&r.kind, &r.name) {
            (Some(kind), Some(name)) => format!("{} <strong>{}</strong><br>", esc(kind), esc(name)),
            _ => String::new(),
        };
        let place = format!("<code>{}</code> #{}", esc(&r.path), r.index + 1);
        let cell = match numbers.get(&(r.path.as_str(), r.index)) {
            Some(n) => format!("<a href=\"#doc-{n}\">{what}{place}</a>"),
            None => format!("{what}{place}"),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"n\">{}</td><td>{cell}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td></tr>",
            r.rank,
            badge(r.verdict),
            r.counts.violations,
            r.violations_by_severity[0],
            r.violations_by_severity[1],
            r.counts.gaps,
            r.counts.not_assessable
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Per corridor: documents and findings, then each figure (SDG 10.7.1) over the corridor's
/// worker records pooled, and over every document's.
fn corridors(out: &mut String, header: &RunHeader, summary: &Summary) {
    if summary.corridors.is_empty() {
        return;
    }
    out.push_str(
        "<h3>By corridor</h3>\n<table class=\"corridors\">\n<thead><tr><th>Corridor</th>\
         <th class=\"n\">Documents</th><th class=\"n\">Violations</th><th class=\"n\">Gaps\
         </th></tr></thead>\n<tbody>\n",
    );
    for c in &summary.corridors {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}\
             </td></tr>",
            esc(&c.label),
            c.documents,
            c.violations,
            c.gaps
        );
    }
    out.push_str("</tbody>\n</table>\n");
    let mut rows = String::new();
    for c in &summary.corridors {
        for figure in &c.figures {
            figure_row(&mut rows, header, &esc(&c.label), figure);
        }
    }
    for figure in &summary.figures {
        figure_row(&mut rows, header, "<strong>All documents</strong>", figure);
    }
    if rows.is_empty() {
        if !header.figures.is_empty() {
            out.push_str(
                "<p class=\"caption\">No document gives per-worker records with the facts the \
                 SDG 10.7.1 figures need, so none is computed.</p>\n",
            );
        }
        return;
    }
    let titles: Vec<String> = header
        .figures
        .iter()
        .map(|f| format!("{} ({})", esc(&f.id), esc(&f.title)))
        .collect();
    let _ = writeln!(
        out,
        "<h3>Recruitment costs by corridor (SDG indicator 10.7.1)</h3>\n<p class=\"caption\">\
         {}: computed over every worker record of the corridor's documents pooled, not \
         averaged per document. Records of a document that states several corridors are \
         pooled into none of them.</p>",
        titles.join("; ")
    );
    out.push_str(
        "<table class=\"figures\">\n<thead><tr><th>Corridor</th><th>Figure</th>\
         <th class=\"n\">n</th><th class=\"n\">Mean</th><th class=\"n\">Median</th>\
         <th class=\"n\">80th percentile</th><th class=\"n\">Left out</th>\
         <th class=\"n\">In several corridors</th></tr></thead>\n<tbody>\n",
    );
    out.push_str(&rows);
    out.push_str("</tbody>\n</table>\n");
}

fn figure_row(out: &mut String, header: &RunHeader, label: &str, figure: &PooledFigure) {
    let Some(info) = header.figures.get(figure.figure) else {
        return;
    };
    let unit = figure
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {}", esc(u)));
    let cells = match &figure.stats {
        Some(s) => format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}{unit}</td><td class=\"n\">{}{unit}</td>\
             <td class=\"n\">{}{unit}</td>",
            s.n,
            s.mean.round_dp(2).normalize(),
            s.median.round_dp(2).normalize(),
            s.p80.round_dp(2).normalize()
        ),
        None => "<td class=\"n\">0</td><td class=\"n\">-</td><td class=\"n\">-</td>\
                 <td class=\"n\">-</td>"
            .to_string(),
    };
    let _ = writeln!(
        out,
        "<tr><td>{label}</td><td class=\"id\">{}</td>{cells}<td class=\"n\">{}</td><td class=\"n\">{}</td>\
         </tr>",
        esc(&info.id),
        figure.excluded,
        figure.shared
    );
}
