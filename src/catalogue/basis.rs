//! `docs/legal-basis.md`: what every rule rests on — principles, guidelines, conventions,
//! standards, national acts or fairrec's own practice — and, per instrument, the rules that
//! cite it. Generated from the pack, so it cannot drift from what reports print.

use std::fmt::Write as _;

use crate::pack::RulePack;

/// What fairrec's findings are, in law; every report and the README say it once.
pub const NOTICE: &str = "The ILO general principles and operational guidelines for fair recruitment and the definition of recruitment fees are non-binding guidance: a finding means the practice is contrary to a principle or standard, not a legal ruling. Where a rule rests on a convention, a named standard or national law, it cites it.";

/// The legal-basis reference as Markdown.
pub fn legal_basis_markdown(pack: &RulePack) -> String {
    let mut out = String::from(
        "# Legal basis of every rule\n\nGenerated from the built-in rule pack by `fairrec basis > docs/legal-basis.md`; a test fails when this file is out of date.\n\n",
    );
    let _ = writeln!(out, "{NOTICE}\n");
    out.push_str("Guidelines are cited by content id (never by paragraph number: see [citations](citations.md)); conventions and standards by article or section where the rule rests on one. `FAIRREC` marks fairrec's own good practice, which the ILO text does not state in these terms.\n\n");
    out.push_str("| rule | title | principles | guidelines | other basis | exceptions |\n|---|---|---|---|---|---|\n");
    for rule in &pack.rules {
        let principles: Vec<String> = rule.principles.iter().map(|p| format!("GP{p}")).collect();
        let instruments: Vec<String> = rule
            .instruments
            .iter()
            .map(|c| match &c.pinpoint {
                Some(pinpoint) => format!("{} {pinpoint}", c.id),
                None => c.id.clone(),
            })
            .collect();
        let exceptions: Vec<String> = rule
            .exceptions
            .iter()
            .map(|e| {
                if e.review {
                    format!("review: {}", e.label)
                } else {
                    e.label.clone()
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            rule.id,
            cell(&rule.title),
            principles.join(", "),
            rule.guidelines.join(", "),
            cell(&instruments.join("; ")),
            cell(&exceptions.join("; "))
        );
    }
    out.push_str("\n## Instruments\n\n| id | category | title | cited by |\n|---|---|---|---|\n");
    for (id, instrument) in &pack.instruments {
        let citing: Vec<&str> = pack
            .rules
            .iter()
            .filter(|r| r.instruments.iter().any(|c| &c.id == id))
            .map(|r| r.id.as_str())
            .chain(
                pack.figures
                    .iter()
                    .filter(|f| f.instruments.iter().any(|c| &c.id == id))
                    .map(|f| f.id.as_str()),
            )
            .collect();
        let _ = writeln!(
            out,
            "| `{id}` | {} | {} | {} |",
            instrument.category.replace('_', " "),
            cell(&instrument.title),
            if citing.is_empty() {
                "—".to_string()
            } else {
                citing.join(", ")
            }
        );
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
