//! Property tests. Robustness: generated documents and rule texts never make fairrec panic;
//! every finding and error points inside its file on a character boundary; JSON output is
//! the same on every run. (Fuzz targets for the same entry points are in fuzz/.)
//! Semantics, on the toy schema of the engine tests: generated and/or/not conditions give
//! the outcome a reference Kleene evaluator predicts; filling in a missing fact never turns
//! a violation into a pass or back; amounts compared through a rate give the same verdict
//! as through its exact inverse declared the other way.

mod common;
use common::{toy_outcomes, toy_pack, Seen, TOY_AS_OF};

use fairrec::batch::{check_file, DocumentResult};
use fairrec::diagnostic::SourceFile;
use fairrec::finding::Outcome;
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
        let mut text = String::from("kind: agency\nschema_version: 2\nname: Generated\n");
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
                "kind: agency\nschema_version: 2\nname: A\ncosts:\n  - {category: medical, amount: 5 USD, paid_by: worker}\n  - {category: travel_lodging}\n",
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

// ------------------------------------------------------------------ semantic properties

/// A fact of the toy document: true, false or left out.
type Fact = Option<bool>;

/// The facts a generated condition reads: the booleans `a`, `b`, `c` and the `rare` flag of
/// each book (the list itself may be left out).
#[derive(Debug, Clone)]
struct Facts {
    vars: [Fact; 3],
    books: Option<Vec<Fact>>,
}

impl Facts {
    fn yaml(&self) -> String {
        let mut text = String::new();
        for (name, fact) in ["a", "b", "c"].iter().zip(self.vars) {
            if let Some(value) = fact {
                text.push_str(&format!("{name}: {value}\n"));
            }
        }
        if let Some(books) = &self.books {
            let items: Vec<String> = books
                .iter()
                .enumerate()
                .map(|(i, rare)| match rare {
                    Some(value) => format!("{{title: book {i}, rare: {value}}}"),
                    None => format!("{{title: book {i}}}"),
                })
                .collect();
            text.push_str(&format!("books: [{}]\n", items.join(", ")));
        }
        text
    }

    /// Every way of filling in one missing fact with one value.
    fn filled_in(&self) -> Vec<Facts> {
        let mut out = Vec::new();
        for value in [true, false] {
            for i in 0..3 {
                if self.vars[i].is_none() {
                    let mut facts = self.clone();
                    facts.vars[i] = Some(value);
                    out.push(facts);
                }
            }
            match &self.books {
                None => {
                    let mut facts = self.clone();
                    facts.books = Some(if value { vec![Some(true)] } else { Vec::new() });
                    out.push(facts);
                }
                Some(books) => {
                    for (i, rare) in books.iter().enumerate() {
                        if rare.is_none() {
                            let mut facts = self.clone();
                            if let Some(books) = facts.books.as_mut() {
                                books[i] = Some(value);
                            }
                            out.push(facts);
                        }
                    }
                }
            }
        }
        out
    }
}

/// A condition over the facts, in the rule language's and/or/not.
#[derive(Debug, Clone)]
enum Formula {
    Const(bool),
    /// `a`, `b` or `c` used as a condition.
    Var(usize),
    /// `a == true`, `b != false`, ...
    Compare(usize, bool, bool),
    /// `any(book in books where book.rare == true)`
    AnyRare,
    /// `all(book in books where book.rare == true)`
    AllRare,
    /// `count(book in books where book.rare == true) >= 2`: not a Kleene law (the engine
    /// calls the count unknown when any item is), so used only where monotonicity is tested.
    AtLeastTwoRare,
    Not(Box<Formula>),
    And(Box<Formula>, Box<Formula>),
    Or(Box<Formula>, Box<Formula>),
}

const VARS: [&str; 3] = ["a", "b", "c"];

impl Formula {
    fn text(&self) -> String {
        match self {
            Formula::Const(b) => b.to_string(),
            Formula::Var(i) => VARS[*i].to_string(),
            Formula::Compare(i, literal, equal) => {
                format!(
                    "{} {} {literal}",
                    VARS[*i],
                    if *equal { "==" } else { "!=" }
                )
            }
            Formula::AnyRare => "any(book in books where book.rare == true)".to_string(),
            Formula::AllRare => "all(book in books where book.rare == true)".to_string(),
            Formula::AtLeastTwoRare => {
                "count(book in books where book.rare == true) >= 2".to_string()
            }
            Formula::Not(f) => format!("not ({})", f.text()),
            Formula::And(f, g) => format!("({}) and ({})", f.text(), g.text()),
            Formula::Or(f, g) => format!("({}) or ({})", f.text(), g.text()),
        }
    }

    /// Kleene's strong three-valued logic, written independently of the engine.
    fn kleene(&self, facts: &Facts) -> Fact {
        match self {
            Formula::Const(b) => Some(*b),
            Formula::Var(i) => facts.vars[*i],
            Formula::Compare(i, literal, equal) => {
                facts.vars[*i].map(|v| (v == *literal) == *equal)
            }
            Formula::AnyRare => facts.books.as_ref().and_then(|books| {
                // Not `try_fold`: an unknown item does not settle `any`, a true one does.
                let mut result = Some(false);
                for rare in books {
                    result = or(result, *rare);
                }
                result
            }),
            Formula::AllRare => facts.books.as_ref().and_then(|books| {
                let mut result = Some(true);
                for rare in books {
                    result = and(result, *rare);
                }
                result
            }),
            Formula::AtLeastTwoRare => facts.books.as_ref().and_then(|books| {
                let known: Option<Vec<bool>> = books.iter().copied().collect();
                known.map(|rare| rare.iter().filter(|r| **r).count() >= 2)
            }),
            Formula::Not(f) => f.kleene(facts).map(|v| !v),
            Formula::And(f, g) => and(f.kleene(facts), g.kleene(facts)),
            Formula::Or(f, g) => or(f.kleene(facts), g.kleene(facts)),
        }
    }
}

/// Kleene conjunction: false wins, then unknown.
fn and(x: Fact, y: Fact) -> Fact {
    match (x, y) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// Kleene disjunction: true wins, then unknown.
fn or(x: Fact, y: Fact) -> Fact {
    match (x, y) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

fn fact() -> impl Strategy<Value = Fact> {
    prop_oneof![Just(Some(true)), Just(Some(false)), Just(None)]
}

fn facts() -> impl Strategy<Value = Facts> {
    (
        [fact(), fact(), fact()],
        prop::option::of(prop::collection::vec(fact(), 0..4)),
    )
        .prop_map(|(vars, books)| Facts { vars, books })
}

fn formula(with_counts: bool) -> impl Strategy<Value = Formula> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Formula::Const),
        (0..3usize).prop_map(Formula::Var),
        (0..3usize, any::<bool>(), any::<bool>()).prop_map(|(i, l, e)| Formula::Compare(i, l, e)),
        Just(Formula::AnyRare),
        Just(Formula::AllRare),
        Just(if with_counts {
            Formula::AtLeastTwoRare
        } else {
            Formula::AnyRare
        }),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|f| Formula::Not(Box::new(f))),
            (inner.clone(), inner.clone())
                .prop_map(|(f, g)| Formula::And(Box::new(f), Box::new(g))),
            (inner.clone(), inner).prop_map(|(f, g)| Formula::Or(Box::new(f), Box::new(g))),
        ]
    })
}

/// The rule `when <formula>` on the toy schema.
fn formula_rule(formula: &Formula) -> String {
    format!(
        "rule PROP-1 generated {{\n title \"generated\"\n cites GP1\n kinds library\n severity low\n source \"s\"\n when {}\n message \"m\"\n remedy \"r\"\n}}\n",
        formula.text()
    )
}

/// The engine's outcome for the one rule of `pack`.
fn outcome(pack: &RulePack, facts: &Facts) -> Seen {
    let mut seen = toy_outcomes(pack, &facts.yaml(), TOY_AS_OF);
    assert_eq!(
        seen.len(),
        1,
        "one rule, no `for each`: one outcome, got {seen:?}"
    );
    seen.remove(0)
}

/// Amounts in cents, written as a document writes them.
fn amount(cents: u64, currency: &str) -> String {
    format!("{}.{:02} {currency}", cents / 100, cents % 100)
}

/// Rates whose inverse is exact in decimal: (rate, its inverse, rate as numerator/denominator).
const EXACT_RATES: [(&str, &str, u64, u64); 14] = [
    ("1", "1", 1, 1),
    ("2", "0.5", 2, 1),
    ("4", "0.25", 4, 1),
    ("5", "0.2", 5, 1),
    ("8", "0.125", 8, 1),
    ("10", "0.1", 10, 1),
    ("16", "0.0625", 16, 1),
    ("25", "0.04", 25, 1),
    ("40", "0.025", 40, 1),
    ("100", "0.01", 100, 1),
    ("125", "0.008", 125, 1),
    ("1000", "0.001", 1000, 1),
    ("0.5", "2", 1, 2),
    ("0.01", "100", 1, 100),
];

/// The same comparison written both ways round, so each side is converted once.
static RATE_PACK: LazyLock<RulePack> = LazyLock::new(|| {
    toy_pack(concat!(
        "rule PROP-GT price-above-budget {\n title \"t\"\n cites GP1\n kinds library\n",
        " severity low\n source \"s\"\n for each book in books\n when book.price > budget\n",
        " message \"m\"\n remedy \"r\"\n}\n",
        "rule PROP-LT budget-below-price {\n title \"t\"\n cites GP1\n kinds library\n",
        " severity low\n source \"s\"\n for each book in books\n when budget < book.price\n",
        " message \"m\"\n remedy \"r\"\n}\n",
    ))
});

/// The reference verdict in whole cents: price > budget × num / den.
fn price_above_budget(price_cents: u64, budget_cents: u64, num: u64, den: u64) -> Outcome {
    let price = u128::from(price_cents) * u128::from(den);
    let budget = u128::from(budget_cents) * u128::from(num);
    if price > budget {
        Outcome::Violation
    } else {
        Outcome::Pass
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn conditions_follow_kleene_logic(formula in formula(false), facts in facts()) {
        let pack = toy_pack(&formula_rule(&formula));
        let seen = outcome(&pack, &facts);
        let expected = match formula.kleene(&facts) {
            Some(true) => Outcome::Violation,
            Some(false) => Outcome::Pass,
            None => Outcome::NotAssessable,
        };
        prop_assert_eq!(seen.outcome, expected, "{} on\n{}", formula.text(), facts.yaml());
        if expected == Outcome::NotAssessable {
            // It names what is missing, and only what is missing.
            prop_assert!(!seen.missing.is_empty());
            for path in &seen.missing {
                let absent = match path.as_str() {
                    "a" => facts.vars[0].is_none(),
                    "b" => facts.vars[1].is_none(),
                    "c" => facts.vars[2].is_none(),
                    "books" => facts.books.is_none(),
                    other => other
                        .strip_prefix("books[")
                        .and_then(|rest| rest.strip_suffix("].rare"))
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| facts.books.as_ref()?.get(i).copied())
                        .is_some_and(|rare| rare.is_none()),
                };
                prop_assert!(absent, "`{}` is named missing but is given:\n{}", path, facts.yaml());
            }
        }
    }

    #[test]
    fn filling_in_a_missing_fact_never_reverses_a_definite_outcome(
        formula in formula(true),
        facts in facts(),
    ) {
        // Presence tests are left out on purpose: `absent(x)` is about the fact's absence,
        // so filling it in is meant to change the outcome.
        let pack = toy_pack(&formula_rule(&formula));
        let before = outcome(&pack, &facts).outcome;
        if matches!(before, Outcome::Violation | Outcome::Pass) {
            for filled in facts.filled_in() {
                let after = outcome(&pack, &filled).outcome;
                prop_assert_eq!(
                    after, before,
                    "{} turned from {:?} to {:?} when\n{}became\n{}",
                    formula.text(), before, after, facts.yaml(), filled.yaml()
                );
            }
        }
    }

    #[test]
    fn a_rate_and_its_exact_inverse_give_the_same_verdict(
        rate in 0..EXACT_RATES.len(),
        budget_cents in 0u64..10_000_000,
        near_the_boundary in any::<bool>(),
        offset in 0u64..3,
        price_cents in 0u64..1_000_000_000,
    ) {
        let (forward, inverse, num, den) = EXACT_RATES[rate];
        // Near the boundary the price in NPR is within a cent of the budget converted.
        let price_cents = if near_the_boundary {
            (budget_cents * num / den + offset).saturating_sub(1)
        } else {
            price_cents
        };
        let facts = format!(
            "budget: {}\nbooks: [{{title: book, price: {}}}]\n",
            amount(budget_cents, "USD"),
            amount(price_cents, "NPR")
        );
        let expected = price_above_budget(price_cents, budget_cents, num, den);
        for declared in [
            format!("{{from: USD, to: NPR, rate: {forward}}}"),
            format!("{{from: NPR, to: USD, rate: {inverse}}}"),
        ] {
            let text = format!("{facts}exchange_rates: [{declared}]");
            let seen = toy_outcomes(&RATE_PACK, &text, TOY_AS_OF);
            let outcomes: Vec<Outcome> = seen.iter().map(|s| s.outcome).collect();
            // Both rules, whichever side of the comparison is converted.
            prop_assert_eq!(outcomes, vec![expected, expected], "{}\n{:?}", text, seen);
        }
    }
}
