//! Property tests: generated documents and rule texts never make fairrec panic; every
//! finding and error points inside its file on a character boundary; JSON output is the same
//! on every run. (Fuzz targets for the same entry points are in fuzz/.)

use fairrec::batch::{check_file, DocumentResult};
use fairrec::diagnostic::SourceFile;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::report::json::document_json;
use proptest::prelude::*;
use std::sync::LazyLock;

static PACK: LazyLock<RulePack> =
    LazyLock::new(|| RulePack::builtin().expect("built-in rules load"));

fn check(text: &str) -> Vec<DocumentResult> {
    let file = SourceFile::new("generated.yaml", text);
    check_file(
        &PACK,
        file,
        jiff::civil::date(2026, 6, 1),
        &Limits::default(),
    )
}

fn assert_spans_inside(results: &[DocumentResult]) {
    for result in results {
        let text = &result.file.text;
        for finding in &result.findings.findings {
            let end = finding.span.start + finding.span.len;
            assert!(end <= text.len(), "finding span past the end");
            assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(end));
        }
        for error in &result.errors {
            let end = error.span().start + error.span().len;
            assert!(
                end <= text.len(),
                "error span past the end: {}",
                error.message()
            );
            assert!(text.is_char_boundary(error.span().start) && text.is_char_boundary(end));
        }
    }
}

/// Realistic values for the fields of an agency document, some of them wrong on purpose.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("worker".to_string()),
        Just("employer".to_string()),
        Just("wage_deduction".to_string()),
        Just("medical".to_string()),
        Just("15000 NPR".to_string()),
        Just("1,500 USD".to_string()),
        Just("-3 MYR".to_string()),
        Just("2026-02-30".to_string()),
        Just("2027-01-31".to_string()),
        Just("NO".to_string()),
        Just("ne".to_string()),
        Just("true".to_string()),
        Just("yes".to_string()),
        Just("~".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("\"\\u00e9t\\u00e9 \\e[31m\"".to_string()),
        "[a-z_]{1,12}",
        "-?[0-9]{1,25}(\\.[0-9]{1,5})?",
        "\\PC{0,20}".prop_map(|s| format!("{s:?}")),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("category".to_string()),
        Just("amount".to_string()),
        Just("paid_by".to_string()),
        Just("recovered_by".to_string()),
        Just("label".to_string()),
        Just("languages".to_string()),
        Just("type".to_string()),
        Just("held_by".to_string()),
        "[a-z_]{1,10}",
    ]
}

fn item() -> impl Strategy<Value = String> {
    prop::collection::vec((key(), scalar()), 0..6).prop_map(|pairs| {
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{{{}}}", body.join(", "))
    })
}

fn document() -> impl Strategy<Value = String> {
    let section = prop_oneof![
        Just("costs"),
        Just("documents"),
        Just("sub_agents"),
        Just("job_orders"),
        Just("corridors"),
        Just("contract"),
        Just("workers"),
        Just("licence"),
        Just("grievance"),
    ];
    prop::collection::vec(
        (section, prop::collection::vec(item(), 0..4), any::<bool>()),
        0..6,
    )
    .prop_map(|sections| {
        let mut text = String::from("kind: agency\nschema_version: 1\nname: Generated\n");
        for (name, items, as_list) in sections {
            if as_list {
                text.push_str(&format!("{name}:\n"));
                for item in items {
                    text.push_str(&format!("  - {item}\n"));
                }
            } else {
                text.push_str(&format!(
                    "{name}: {}\n",
                    items.first().cloned().unwrap_or_default()
                ));
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let results = check(&text);
        assert_spans_inside(&results);
    }

    #[test]
    fn generated_documents_never_panic_and_point_inside_the_file(text in document()) {
        let results = check(&text);
        assert_spans_inside(&results);
    }

    #[test]
    fn json_output_is_deterministic(text in document()) {
        let first: Vec<String> = check(&text).iter().map(|r| document_json(&PACK, r).to_string()).collect();
        let second: Vec<String> = check(&text).iter().map(|r| document_json(&PACK, r).to_string()).collect();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn arbitrary_rule_text_never_panics(text in "\\PC{0,300}") {
        let mut files = RulePack::builtin_files();
        files.push(SourceFile::new("generated.fr", text));
        if let Err(errors) = RulePack::load(files) {
            for error in errors {
                prop_assert!(error.span().start + error.span().len <= error.file().text.len());
            }
        }
    }

    #[test]
    fn generated_rules_load_or_fail_cleanly(condition in rule_condition()) {
        let rule = format!(
            "rule FR-PROP-001 generated-rule {{\n title \"t\"\n cites GP7\n kinds agency\n severity low\n source \"s\"\n for each cost in costs\n when {condition}\n message \"m {{cost.amount}}\"\n remedy \"r\"\n}}\n"
        );
        let mut files = RulePack::builtin_files();
        files.push(SourceFile::new("generated.fr", rule));
        if let Ok(pack) = RulePack::load(files) {
            let file = SourceFile::new(
                "doc.yaml",
                "kind: agency\nschema_version: 1\nname: A\ncosts:\n  - {category: medical, amount: 5 USD, paid_by: worker}\n  - {category: travel_lodging}\n",
            );
            let results = check_file(&pack, file, jiff::civil::date(2026, 6, 1), &Limits::default());
            assert_spans_inside(&results);
        }
    }
}

/// Conditions built from the rule language's pieces, well-typed or not.
fn rule_condition() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("cost.paid_by == worker".to_string()),
        Just("cost.amount > 0".to_string()),
        Just("cost.amount > 100 USD".to_string()),
        Just("cost.category in {medical, travel_lodging}".to_string()),
        Just("present(cost.label)".to_string()),
        Just("absent(licence.valid_until)".to_string()),
        Just("licence.valid_until < as_of".to_string()),
        Just("count(costs) > 1".to_string()),
        Just("sum(c.amount for c in costs where c.paid_by == worker) > 0".to_string()),
        Just("any(c in costs where c.category == medical)".to_string()),
        Just("cost.amount == licence.valid_until".to_string()),
        Just("cost.paid_by == workr".to_string()),
        Just("cost".to_string()),
        Just("true".to_string()),
    ];
    leaf.prop_recursive(4, 16, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) and ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) or ({b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}
