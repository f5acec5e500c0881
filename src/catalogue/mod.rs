//! The rule pack as documentation: rule lists, `explain` pages, the coverage tables and the
//! schema reference. Everything here is generated from the loaded pack, so it cannot drift.

mod basis;
mod json_schema;
mod template;

pub use basis::{legal_basis_markdown, NOTICE};
pub use json_schema::{json_schema, json_schema_text};
pub use template::template;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::{escape, escape_lines};
use crate::pack::ir::{Rule, RuleOutcome};
use crate::pack::RulePack;
use crate::schema::FieldType;

/// The rules matching the filters, in pack order.
pub fn select<'a>(pack: &'a RulePack, principle: Option<u32>, kind: Option<&str>) -> Vec<&'a Rule> {
    pack.rules
        .iter()
        .filter(|r| principle.is_none_or(|p| r.principles.contains(&p)))
        .filter(|r| kind.is_none_or(|k| r.kinds.iter().any(|rk| rk == k)))
        .collect()
}

/// `fairrec rules --format json`: a list of rule summaries.
pub fn rules_json(rules: &[&Rule]) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "title": rule.title,
                    "principles": rule.principles,
                    "guidelines": rule.guidelines,
                    "instruments": rule.instruments.iter().map(|c| json!({"id": c.id, "pinpoint": c.pinpoint})).collect::<Vec<_>>(),
                    "exceptions": rule.exceptions.iter().map(|e| e.label.as_str()).collect::<Vec<_>>(),
                    "kinds": rule.kinds,
                    "severity": rule.severity,
                })
            })
            .collect(),
    )
}

/// `fairrec rules`: one line a rule.
pub fn rules_table(rules: &[&Rule]) -> String {
    let mut out = String::new();
    for rule in rules {
        let principles: Vec<String> = rule.principles.iter().map(|p| format!("GP{p}")).collect();
        let _ = writeln!(
            out,
            "{:<13} {:<8} {:<9} {:<24} {}",
            rule.id,
            rule.severity.as_str(),
            principles.join(","),
            rule.kinds.join(","),
            escape(&rule.title)
        );
    }
    let _ = writeln!(out, "{} rule(s)", rules.len());
    out
}

/// `fairrec explain ID`: everything a reader needs to know about one rule.
pub fn explain(pack: &RulePack, rule: &Rule) -> String {
    escape_lines(&explain_text(pack, rule))
}

fn explain_text(pack: &RulePack, rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}: {}", rule.id, rule.name, rule.title);
    let _ = writeln!(out);
    let outcome = match rule.outcome {
        RuleOutcome::Violation => "violation",
        RuleOutcome::Gap => "gap (a protection the document never states)",
    };
    let _ = writeln!(
        out,
        "Severity: {} · reports: {outcome}",
        rule.severity.as_str()
    );
    let _ = writeln!(out, "Applies to: {}", rule.kinds.join(", "));
    for principle in &rule.principles {
        let title = pack
            .principles
            .get(principle)
            .map_or("", |p| p.title.as_str());
        let _ = writeln!(out, "General principle {principle}: {title}");
    }
    for id in &rule.guidelines {
        if let Some(g) = pack.guidelines.get(id) {
            let _ = writeln!(out, "Operational guideline {id} ({}): {}", g.actor, g.title);
        }
    }
    for cite in &rule.instruments {
        let category = pack
            .instruments
            .get(&cite.id)
            .map_or("instrument", |i| i.category.as_str());
        let _ = writeln!(
            out,
            "{} ({}): {}",
            cite.id,
            category.replace('_', " "),
            pack.cite_text(cite)
        );
    }
    if let Some(overlay) = rule.overlay.and_then(|i| pack.overlays.get(i)) {
        let _ = writeln!(
            out,
            "Added by overlay \"{}\" ({})",
            overlay.name, overlay.jurisdiction
        );
    }
    if !rule.exceptions.is_empty() {
        let _ = writeln!(
            out,
            "\nExceptions (the document must establish one to excuse the practice):"
        );
        for exception in &rule.exceptions {
            let _ = writeln!(out, "  unless {}", exception.label);
        }
    }
    let mut called = Vec::new();
    rule.when.conditions_called(&mut called);
    for exception in &rule.exceptions {
        exception.condition.conditions_called(&mut called);
    }
    if !called.is_empty() {
        let _ = writeln!(out, "\nNamed conditions it uses:");
        for name in &called {
            let docs = pack.conditions.get(name).map_or("", String::as_str);
            let _ = writeln!(out, "  {name}: {}", docs.replace('\n', " "));
        }
    }
    if !rule.lookups.is_empty() {
        let looked_up: Vec<String> = rule
            .lookups
            .iter()
            .map(|l| {
                format!(
                    "the `{}` document with the same {}",
                    l.kind,
                    l.key_fields.join(" and ")
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "\nAlso reads: {} (checked in the same run)",
            looked_up.join("; ")
        );
    }
    if !rule.covers.is_empty() {
        let covers: Vec<String> = rule
            .covers
            .iter()
            .map(|(e, v)| format!("{e}.{v}"))
            .collect();
        let _ = writeln!(out, "Covers: {}", covers.join(", "));
    }
    let _ = writeln!(
        out,
        "\nWhat the source asks (our paraphrase):\n  {}",
        rule.source
    );
    if !rule.docs.is_empty() {
        let _ = writeln!(out, "\n{}", rule.docs);
    }
    let _ = writeln!(out, "\nRemedy:\n  {}", rule.remedy);
    let (line, _) = rule.file.line_column(rule.span.start);
    let _ = writeln!(out, "\nDefined in {}:{line}", rule.file.name);
    out
}

/// The coverage tables: principles, actor groups and cost categories against rules.
pub fn coverage_markdown(pack: &RulePack) -> String {
    let mut out = String::from(
        "# Rule coverage\n\nGenerated from the built-in rule pack by `fairrec coverage`; a test fails when this file is out of date.\n\n",
    );
    let _ = writeln!(
        out,
        "{} rules.\n\n## General principles\n\n| principle | rules |\n|---|---|",
        pack.rules.len()
    );
    for (number, principle) in &pack.principles {
        let ids: Vec<&str> = select(pack, Some(*number), None)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "| GP{number} {} | {} |",
            principle.title,
            ids.join(", ")
        );
    }
    let mut actors: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for (id, guideline) in &pack.guidelines {
        actors
            .entry(guideline.actor.as_str())
            .or_default()
            .entry(id.as_str())
            .or_default();
    }
    for rule in &pack.rules {
        for id in &rule.guidelines {
            if let Some(g) = pack.guidelines.get(id) {
                actors
                    .entry(g.actor.as_str())
                    .or_default()
                    .entry(id.as_str())
                    .or_default()
                    .push(rule.id.as_str());
            }
        }
    }
    let _ = writeln!(out, "\n## Operational guidelines by actor group\n\n| actor | guideline | rules |\n|---|---|---|");
    for (actor, guidelines) in &actors {
        for (id, rules) in guidelines {
            let rules = if rules.is_empty() {
                "(none)".to_string()
            } else {
                rules.join(", ")
            };
            let _ = writeln!(out, "| {actor} | {id} | {rules} |");
        }
    }
    let mut enums: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for rule in &pack.rules {
        for (enum_name, value) in &rule.covers {
            enums
                .entry(enum_name.as_str())
                .or_default()
                .entry(value.as_str())
                .or_default()
                .push(rule.id.as_str());
        }
    }
    for (enum_name, _) in enums.clone() {
        let Some(def) = pack.schema.enums.iter().find(|e| e.name == enum_name) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n## {enum_name}\n\n| value | meaning | rules |\n|---|---|---|"
        );
        for (value, docs) in &def.values {
            let rules = enums
                .get(enum_name)
                .and_then(|m| m.get(value.as_str()))
                .map_or("(none)".to_string(), |r| r.join(", "));
            let _ = writeln!(out, "| `{value}` | {} | {rules} |", docs.replace('\n', " "));
        }
    }
    // A `--rules` pack's titles and docs reach the terminal: no raw control characters.
    escape_lines(&out)
}

/// The document schema as a field-by-field reference.
pub fn schema_markdown(pack: &RulePack) -> String {
    let schema = &pack.schema;
    let mut out = String::from(
        "# Document schema\n\nGenerated from the built-in rule pack by `fairrec schema`; a test fails when this file is out of date.\n\nEvery document also has `kind`, `schema_version` and `name`, and may have `exchange_rates` (a list of `{from, to, rate}`). Fields marked optional may be left out; a rule that needs a left-out fact reports *not assessable*.\n",
    );
    let kind_roots: Vec<usize> = schema.kinds.values().map(|k| k.root).collect();
    for kind in schema.kinds.values() {
        let record = &schema.records[kind.root];
        let _ = writeln!(
            out,
            "\n## Kind `{}` (schema_version {})\n\n{}\n",
            kind.name, kind.version, record.docs
        );
        fields_table(&mut out, pack, kind.root);
    }
    let _ = writeln!(out, "\n## Records");
    for (id, record) in schema.records.iter().enumerate() {
        if kind_roots.contains(&id) {
            continue;
        }
        let _ = writeln!(out, "\n### `{}`\n\n{}\n", record.name, record.docs);
        fields_table(&mut out, pack, id);
    }
    let _ = writeln!(out, "\n## Enums");
    for def in &schema.enums {
        let _ = writeln!(
            out,
            "\n### `{}`\n\n{}\n\n| value | meaning |\n|---|---|",
            def.name, def.docs
        );
        for (value, docs) in &def.values {
            let _ = writeln!(out, "| `{value}` | {} |", docs.replace('\n', " "));
        }
    }
    escape_lines(&out)
}

fn fields_table(out: &mut String, pack: &RulePack, record: usize) {
    let _ = writeln!(out, "| field | type | | meaning |\n|---|---|---|---|");
    for (name, field) in &pack.schema.records[record].fields {
        let ty = match &field.ty {
            FieldType::Record(_) | FieldType::Enum(_) => {
                format!("`{}`", pack.schema.type_name(&field.ty))
            }
            other => format!("`{}`", pack.schema.type_name(other)),
        };
        let required = if field.optional {
            "optional"
        } else {
            "required"
        };
        let _ = writeln!(
            out,
            "| `{name}` | {ty} | {required} | {} |",
            field.docs.replace('\n', " ")
        );
    }
}

/// Documentation as flowing text: the lines of each paragraph joined with spaces,
/// paragraphs kept apart by a blank line.
pub(crate) fn prose(docs: &str) -> String {
    docs.split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
