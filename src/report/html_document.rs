//! One document in the HTML report: its heading with the verdict, its errors, its findings
//! grouped by the principles they cite (each with severity, outcome, message, place and the
//! offending value, who is responsible, the remedy and the legal basis), the facts it does
//! not give, and its figures.

use std::fmt::Write as _;

use super::html::{error_list, esc, rich};
use super::html_summary::badge;
use super::model::{DocumentReport, FindingReport, RunHeader};
use super::sections::{principle_groups, principle_title, PrincipleGroups};
use super::text::{basis_lines, citation, outcome_words};
use crate::finding::{Outcome, Relation};

/// One document's section; `number` is its place in the report, from 1.
pub(super) fn document_section(
    out: &mut String,
    header: &RunHeader,
    number: usize,
    document: &DocumentReport,
) {
    let kind = document.kind.as_deref().unwrap_or("document");
    let name = document
        .name
        .as_deref()
        .map_or(String::new(), |n| format!("{} ", esc(n)));
    let _ = writeln!(
        out,
        "<article class=\"document\" id=\"doc-{number}\">\n<h3>{number}. <span class=\"kind\">\
         {}</span> {name}{}</h3>",
        esc(kind),
        badge(document.verdict)
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\"><code>{}</code>, document {} · {} violation(s), {} gap(s), {} not \
         assessable, {} for review, {} rule(s) passed</p>",
        esc(&document.path),
        document.index + 1,
        document.count(Outcome::Violation),
        document.count(Outcome::Gap),
        document.count(Outcome::NotAssessable),
        document.count(Outcome::Review),
        document.passed.len()
    );
    super::html_audit::document_meta(out, document);
    if !document.errors.is_empty() {
        out.push_str("<p>Not checked: the document could not be read or validated.</p>\n");
        error_list(out, &document.errors);
    }
    // Findings under the principles they cite (their rule's and those of the rules merged
    // into them), in principle then rule order; each finding appears once.
    let PrincipleGroups { groups, unassessed } = principle_groups(header, document);
    for (principles, findings) in groups {
        let titles: Vec<String> = principles
            .iter()
            .map(|number| format!("GP{number} · {}", esc(principle_title(header, *number))))
            .collect();
        let title = if titles.is_empty() {
            "No general principle cited".to_string()
        } else {
            titles.join("<br>")
        };
        let _ = writeln!(out, "<h4>{title}</h4>");
        for finding in findings {
            finding_card(out, header, document, finding);
        }
    }
    super::html_audit::resolved_list(out, document);
    unassessed_table(out, header, &unassessed);
    figures(out, header, document);
    out.push_str("</article>\n");
}

fn finding_card(
    out: &mut String,
    header: &RunHeader,
    document: &DocumentReport,
    finding: &FindingReport,
) {
    let Some(rule) = header.rules.get(finding.rule) else {
        return;
    };
    let severity = rule.severity.as_str();
    let outcome = finding.outcome.as_str();
    let _ = writeln!(
        out,
        "<div class=\"finding sev-{severity}\">\n<p class=\"head\">{}<span class=\"chip \
         sev-{severity}\">{severity}</span><span class=\"chip o-{outcome}\">{}</span> \
         <code class=\"rule\">{}</code> <span class=\"title\">{}</span></p>\n\
         <p class=\"message\">{}</p>",
        super::html_audit::new_chip(finding),
        outcome_words(finding.outcome),
        esc(&rule.id),
        esc(&rule.title),
        rich(&finding.message)
    );
    let location = &finding.location;
    let mut place = format!(
        "At <code>{}:{}:{}</code>",
        esc(&document.path),
        location.line,
        location.column
    );
    if !location.path.is_empty() {
        let _ = write!(place, " · <code>{}</code>", esc(&location.path));
    }
    if let Some(value) = &finding.value {
        let _ = write!(place, " = <code class=\"value\">{}</code>", esc(value));
    }
    let _ = writeln!(out, "<p class=\"where\">{place}</p>\n<dl class=\"facts\">");
    super::html_audit::waiver_fact(out, finding);
    if let Some(review) = &finding.review {
        fact(
            out,
            "For review",
            &format!("the exception claimed: {}", rich(review)),
        );
    }
    if let Some(actor) = &finding.actor {
        let subject = match (&document.kind, &document.name) {
            (Some(kind), Some(name)) => format!("the {kind} `{name}`"),
            _ => "the document's subject".to_string(),
        };
        let text = if actor.relation == Relation::Caused && actor.name == subject {
            format!("{}, which caused it", rich(&actor.name))
        } else {
            format!(
                "{}; {} {} it",
                rich(&actor.name),
                rich(&subject),
                actor.relation.words()
            )
        };
        fact(out, "Responsible", &text);
    }
    if let Some(related) = &finding.related {
        let text = format!(
            "<code>{}:{}:{}</code> · <code>{}</code>",
            esc(&related.file),
            related.line,
            related.column,
            esc(&related.path)
        );
        fact(out, "Also at", &text);
    }
    if !finding.exceptions.is_empty() {
        let items: Vec<String> = finding
            .exceptions
            .iter()
            .map(|e| {
                let why = if e.needs.is_empty() {
                    "the document shows it does not apply".to_string()
                } else {
                    format!("not shown; the document would need {}", e.needs.join(", "))
                };
                format!("<li>{} ({})</li>", rich(&e.label), esc(&why))
            })
            .collect();
        fact(out, "Not excused", &format!("<ul>{}</ul>", items.concat()));
    }
    for other in finding
        .also_breaches
        .iter()
        .filter_map(|i| header.rules.get(*i))
    {
        let text = format!(
            "<code>{}</code> ({}): {}",
            esc(&other.id),
            esc(&citation(other)),
            esc(&other.title)
        );
        fact(out, "Also breaches", &text);
    }
    fact(out, "Remedy", &rich(&rule.remedy));
    let basis: Vec<String> = basis_lines(header, rule)
        .iter()
        .map(|line| format!("<li>{}</li>", esc(line)))
        .collect();
    fact(out, "Legal basis", &format!("<ul>{}</ul>", basis.concat()));
    out.push_str("</dl>\n</div>\n");
}

/// A term and its (already escaped) description.
fn fact(out: &mut String, term: &str, html: &str) {
    let _ = writeln!(out, "<dt>{term}</dt><dd>{html}</dd>");
}

fn unassessed_table(out: &mut String, header: &RunHeader, findings: &[&FindingReport]) {
    if findings.is_empty() {
        return;
    }
    out.push_str(
        "<h4>Not assessable: facts the document does not give</h4>\n<table>\n<thead><tr>\
         <th>Rule</th><th>Cites</th><th>Needs</th><th class=\"n\">Line</th></tr></thead>\n\
         <tbody>\n",
    );
    for finding in findings {
        let Some(rule) = header.rules.get(finding.rule) else {
            continue;
        };
        let needs = if finding.missing.is_empty() {
            rich(&finding.message)
        } else {
            finding
                .missing
                .iter()
                .map(|m| format!("<code>{}</code>", esc(m)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code> {}</td><td>{}</td><td>{needs}</td><td class=\"n\">{}</td></tr>",
            esc(&rule.id),
            esc(&rule.title),
            esc(&citation(rule)),
            finding.location.line
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The document's figures (SDG 10.7.1), over all workers and by group.
fn figures(out: &mut String, header: &RunHeader, document: &DocumentReport) {
    for figure in &document.figures {
        let Some(info) = header.figures.get(figure.figure) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<h4>{} · {}</h4>\n<table>\n<thead><tr><th>Workers</th><th class=\"n\">n</th>\
             <th class=\"n\">Mean</th><th class=\"n\">Median</th><th class=\"n\">80th percentile\
             </th></tr></thead>\n<tbody>",
            esc(&info.id),
            esc(&info.title)
        );
        let unit = figure
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" {}", esc(u)));
        let overall = figure.overall.iter().map(|s| ("all".to_string(), s));
        let groups = figure.by_group.iter().map(|(g, s)| (esc(g), s));
        for (group, s) in overall.chain(groups) {
            let _ = writeln!(
                out,
                "<tr><td>{group}</td><td class=\"n\">{}</td><td class=\"n\">{}{unit}</td>\
                 <td class=\"n\">{}{unit}</td><td class=\"n\">{}{unit}</td></tr>",
                s.n,
                s.mean.round_dp(2).normalize(),
                s.median.round_dp(2).normalize(),
                s.p80.round_dp(2).normalize()
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if figure.overall.is_none() {
            out.push_str("<p class=\"caption\">No item has the facts this figure needs.</p>\n");
        }
        if figure.excluded > 0 {
            let _ = writeln!(
                out,
                "<p class=\"caption\">{} of {} left out: a fact or an exchange rate they need is \
                 not given.</p>",
                figure.excluded, figure.items
            );
        }
    }
}
