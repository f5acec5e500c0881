//! The engine on a toy schema with nothing about recruitment in it (a lending library):
//! rules, schema, parameters and principles all come from rule text, and the engine
//! evaluates them three-valued: violations, passes, not-assessable outcomes naming the
//! missing paths, Kleene logic, one finding per item of `for each`, aggregates, money
//! converted only with declared rates, and dates counted from the check date.

mod common;
use common::{render_rule_outcome, toy_outcomes, toy_pack, toy_results, Seen, TOY_AS_OF};

/// One rule over the toy schema: `head` is the rule's `for each` (or nothing), `when` its
/// condition.
fn rule(id: &str, head: &str, when: &str) -> String {
    format!(
        r#"
rule {id} toy-rule {{
    title    "toy rule {id}"
    cites    GP1
    kinds    library
    severity low
    source   "the library's own policy"
    {head}
    when     {when}
    message  "rule {id} holds"
    remedy   "fix the library"
}}
"#
    )
}

const DAMAGED: &str = r#"
rule TOY-1 damaged-book-on-shelf {
    title    "A damaged book is on the shelf"
    cites    GP1
    kinds    library
    severity medium
    source   "Books are looked after."
    for each book in books
    when     book.condition == damaged
    at       book.condition
    message  "`{book.title}` is {book.condition}"
    remedy   "Send the book for repair."
}
"#;

#[test]
fn a_rule_gives_violation_pass_or_not_assessable_with_the_missing_path() {
    let pack = toy_pack(DAMAGED);
    let damaged = toy_outcomes(
        &pack,
        "books: [{title: Dune, condition: damaged}]",
        TOY_AS_OF,
    );
    assert_eq!(
        damaged,
        vec![Seen::violation("TOY-1", "books[0].condition")]
    );
    let good = toy_outcomes(&pack, "books: [{title: Dune, condition: good}]", TOY_AS_OF);
    assert_eq!(good, vec![Seen::pass("TOY-1")]);
    let silent = toy_outcomes(&pack, "books: [{title: Dune}]", TOY_AS_OF);
    assert_eq!(
        silent,
        vec![Seen::not_assessable("TOY-1", &["books[0].condition"])]
    );
    // No list at all: the rule cannot say whether a damaged book is on the shelf.
    let no_books = toy_outcomes(&pack, "opened: 2020-01-01", TOY_AS_OF);
    assert_eq!(no_books, vec![Seen::not_assessable("TOY-1", &["books"])]);
    // An empty list is a fact: nothing on the shelf is damaged.
    let empty = toy_outcomes(&pack, "books: []", TOY_AS_OF);
    assert_eq!(empty, vec![Seen::pass("TOY-1")]);
}

#[test]
fn for_each_gives_one_finding_per_offending_item_at_its_path() {
    let pack = toy_pack(DAMAGED);
    let text = "books:\n  - {title: Dune, condition: damaged}\n  - {title: Emma, condition: good}\n  - {title: Ulysses}\n  - {title: Kim, condition: damaged}\n";
    let seen = toy_outcomes(&pack, text, TOY_AS_OF);
    assert_eq!(
        seen,
        vec![
            Seen::violation("TOY-1", "books[0].condition"),
            Seen::not_assessable("TOY-1", &["books[2].condition"]),
            Seen::violation("TOY-1", "books[3].condition"),
        ]
    );
    insta::assert_snapshot!(render_rule_outcome(
        &pack,
        &toy_results(&pack, text, TOY_AS_OF),
        "TOY-1"
    ));
}

#[test]
fn kleene_logic_decides_what_it_can_without_the_missing_fact() {
    let and = toy_pack(&rule("TOY-AND", "", "a and b"));
    let or = toy_pack(&rule("TOY-OR", "", "a or b"));
    let not = toy_pack(&rule("TOY-NOT", "", "not a"));
    // `unknown and false` is false: the rule passes without knowing `a`.
    assert_eq!(
        toy_outcomes(&and, "b: false", TOY_AS_OF),
        vec![Seen::pass("TOY-AND")]
    );
    // `unknown and true` stays unknown, naming what is missing.
    assert_eq!(
        toy_outcomes(&and, "b: true", TOY_AS_OF),
        vec![Seen::not_assessable("TOY-AND", &["a"])]
    );
    // `unknown or true` is true: a violation without knowing `a`.
    assert_eq!(
        toy_outcomes(&or, "b: true", TOY_AS_OF),
        vec![Seen::violation("TOY-OR", "")]
    );
    assert_eq!(
        toy_outcomes(&or, "b: false", TOY_AS_OF),
        vec![Seen::not_assessable("TOY-OR", &["a"])]
    );
    // Both missing: both named.
    assert_eq!(
        toy_outcomes(&or, "c: true", TOY_AS_OF),
        vec![Seen::not_assessable("TOY-OR", &["a", "b"])]
    );
    assert_eq!(
        toy_outcomes(&not, "c: true", TOY_AS_OF),
        vec![Seen::not_assessable("TOY-NOT", &["a"])]
    );
    assert_eq!(
        toy_outcomes(&not, "a: false", TOY_AS_OF),
        vec![Seen::violation("TOY-NOT", "")]
    );
}

#[test]
fn presence_tests_are_never_unknown() {
    let pack = toy_pack(&rule("TOY-ABSENT", "", "absent(opened) or not present(b)"));
    assert_eq!(
        toy_outcomes(&pack, "c: true", TOY_AS_OF),
        vec![Seen::violation("TOY-ABSENT", "")]
    );
    assert_eq!(
        toy_outcomes(&pack, "opened: 2020-01-01\nb: false", TOY_AS_OF),
        vec![Seen::pass("TOY-ABSENT")]
    );
}

#[test]
fn aggregates_count_sum_min_and_max() {
    let pack = toy_pack(&format!(
        "{}{}{}{}",
        rule("TOY-COUNT", "", "count(books) > params.max_books"),
        rule("TOY-SUM", "", "sum(book.price for book in books) > budget"),
        rule(
            "TOY-MIN",
            "",
            "min(book.pages for book in books where book.rare == true) < 100"
        ),
        rule("TOY-MAX", "", "max(book.pages for book in books) > 900"),
    ));
    let text = "budget: 50 USD\nbooks:\n  - {title: Dune, price: 20 USD, pages: 600, rare: false}\n  - {title: Emma, price: 20 USD, pages: 90, rare: true}\n  - {title: Kim, price: 15 USD, pages: 950, rare: false}\n  - {title: Ulysses, price: 0 USD, pages: 730, rare: true}\n";
    // 4 books > 3; 55 USD > 50 USD; the smallest rare book has 90 pages; the largest 950.
    assert_eq!(
        toy_outcomes(&pack, text, TOY_AS_OF),
        vec![
            Seen::violation("TOY-COUNT", ""),
            Seen::violation("TOY-MAX", ""),
            Seen::violation("TOY-MIN", ""),
            Seen::violation("TOY-SUM", ""),
        ]
    );
    let text = "budget: 60 USD\nbooks:\n  - {title: Dune, price: 20 USD, pages: 600, rare: true}\n  - {title: Emma, price: 20 USD, pages: 300, rare: false}\n  - {title: Kim, price: 15 USD, pages: 90, rare: false}\n";
    assert_eq!(
        toy_outcomes(&pack, text, TOY_AS_OF),
        vec![
            Seen::pass("TOY-COUNT"),
            Seen::pass("TOY-MAX"),
            Seen::pass("TOY-MIN"),
            Seen::pass("TOY-SUM"),
        ]
    );
    // A price left out makes the sum unknown, naming the item; the count does not need it.
    let text = "budget: 60 USD\nbooks:\n  - {title: Dune, price: 20 USD, pages: 600}\n  - {title: Emma, pages: 300}\n";
    let seen = toy_outcomes(&pack, text, TOY_AS_OF);
    assert!(seen.contains(&Seen::pass("TOY-COUNT")), "{seen:?}");
    assert!(
        seen.contains(&Seen::not_assessable("TOY-SUM", &["books[1].price"])),
        "{seen:?}"
    );
}

#[test]
fn money_is_converted_only_with_a_declared_rate() {
    let pack = toy_pack(&rule(
        "TOY-PRICE",
        "for each book in books",
        "book.price > params.max_price",
    ));
    // max_price is 50 USD.
    let rate = "exchange_rates: [{from: EUR, to: USD, rate: 1.1}]\n";
    let dear = format!("{rate}books: [{{title: Dune, price: 46 EUR}}]");
    let cheap = format!("{rate}books: [{{title: Dune, price: 45 EUR}}]");
    assert_eq!(
        toy_outcomes(&pack, &dear, TOY_AS_OF),
        vec![Seen::violation("TOY-PRICE", "books[0]")],
        "46 EUR is 50.6 USD"
    );
    assert_eq!(
        toy_outcomes(&pack, &cheap, TOY_AS_OF),
        vec![Seen::pass("TOY-PRICE")],
        "45 EUR is 49.5 USD"
    );
    // The inverse of a declared rate is used too.
    let inverse =
        "exchange_rates: [{from: USD, to: EUR, rate: 0.5}]\nbooks: [{title: Dune, price: 26 EUR}]";
    assert_eq!(
        toy_outcomes(&pack, inverse, TOY_AS_OF),
        vec![Seen::violation("TOY-PRICE", "books[0]")],
        "26 EUR is 52 USD"
    );
    // No rate: no guess.
    let no_rate = "books: [{title: Dune, price: 46 EUR}]";
    assert_eq!(
        toy_outcomes(&pack, no_rate, TOY_AS_OF),
        vec![Seen::not_assessable(
            "TOY-PRICE",
            &["exchange_rates (USD to EUR)"]
        )]
    );
    // The same currency needs no rate.
    let same = "books: [{title: Dune, price: 51 USD}]";
    assert_eq!(
        toy_outcomes(&pack, same, TOY_AS_OF),
        vec![Seen::violation("TOY-PRICE", "books[0]")]
    );
}

#[test]
fn dates_are_counted_in_days_from_the_check_date() {
    let pack = toy_pack(&format!(
        "{}{}",
        rule(
            "TOY-OVERDUE",
            "for each book in books",
            "as_of - book.due > 14"
        ),
        rule(
            "TOY-RETURN-BY",
            "for each book in books",
            "book.due + 30 < as_of"
        ),
    ));
    let text = "books:\n  - {title: Dune, due: 2026-05-17}\n  - {title: Emma, due: 2026-05-18}\n  - {title: Kim, due: 2026-04-01}\n  - {title: Ulysses}\n";
    // As of 2026-06-01: Dune is 15 days late, Emma 14, Kim 61.
    assert_eq!(
        toy_outcomes(&pack, text, TOY_AS_OF),
        vec![
            Seen::violation("TOY-OVERDUE", "books[0]"),
            Seen::violation("TOY-OVERDUE", "books[2]"),
            Seen::not_assessable("TOY-OVERDUE", &["books[3].due"]),
            Seen::violation("TOY-RETURN-BY", "books[2]"),
            Seen::not_assessable("TOY-RETURN-BY", &["books[3].due"]),
        ]
    );
    // The check date is an input: a day earlier, Dune is not yet 15 days late.
    let earlier = toy_outcomes(
        &pack,
        "books: [{title: Dune, due: 2026-05-17}]",
        "2026-05-31",
    );
    assert_eq!(
        earlier,
        vec![Seen::pass("TOY-OVERDUE"), Seen::pass("TOY-RETURN-BY")]
    );
}

#[test]
fn the_message_quotes_the_documents_facts() {
    let pack = toy_pack(DAMAGED);
    let results = toy_results(
        &pack,
        "books: [{title: Le Petit Prince, condition: damaged}]",
        TOY_AS_OF,
    );
    let finding = &results[0].findings.findings[0];
    assert_eq!(finding.message, "`Le Petit Prince` is damaged");
}

#[test]
fn documents_are_validated_against_the_toy_schema() {
    let pack = toy_pack(DAMAGED);
    let results = toy_results(
        &pack,
        "books: [{title: Dune, condition: torn, pagse: 3}]",
        TOY_AS_OF,
    );
    let errors: Vec<&str> = results[0].errors.iter().map(|e| e.message()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        results[0].findings.findings.is_empty(),
        "a document with errors is not evaluated"
    );
    insta::assert_snapshot!(errors.join("\n"));
}
