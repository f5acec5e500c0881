//! The rule language's v2 features on a toy schema with no recruitment content (so they are
//! shown to belong to the engine, not to the ILO pack): exceptions, named conditions, mean /
//! median / quantile, lookups of other documents in the same run, overlays, instrument
//! citations, and enum values that share a name with a field.

use fairrec::batch::check_files;
use fairrec::diagnostic::SourceFile;
use fairrec::limits::Limits;
use fairrec::pack::{OverlayFiles, RulePack};

/// A small library schema: shelves of books, each with a state and a price.
const SCHEMA: &str = r#"
principle 1 "Books are looked after"
instrument CODE standard "The Toy Library Code"
enum State { shelved, lent, lost, repair }
enum Holder { library, reader, binder }
record Book {
    title: text
    state: State?
    held_by: Holder?
    reader_signed: boolean?
    price: money?
    pages: integer?
}
record Branch { city: text  country: country }
kind library version 1 {
    branches: list<Branch>?
    books: list<Book>?
    state: State?
    budget: money?
}
kind catalogue version 1 key (city) {
    city: text
    lending_allowed: boolean?
}
param max_pages: integer = 500
"#;

fn load(extra: &str) -> RulePack {
    match RulePack::load(vec![
        SourceFile::new("schema.fr", SCHEMA),
        SourceFile::new("rules.fr", extra),
    ]) {
        Ok(pack) => pack,
        Err(errors) => panic!(
            "pack refused: {:?}",
            errors
                .iter()
                .map(|e| e.message().to_string())
                .collect::<Vec<_>>()
        ),
    }
}

fn refused(extra: &str) -> Vec<String> {
    match RulePack::load(vec![
        SourceFile::new("schema.fr", SCHEMA),
        SourceFile::new("rules.fr", extra),
    ]) {
        Ok(_) => panic!("the pack should be refused"),
        Err(errors) => errors
            .iter()
            .map(|e| {
                let (line, column) = e.line_column();
                format!(
                    "{}:{line}:{column} [{}] {}",
                    e.file().name,
                    e.code(),
                    e.message()
                )
            })
            .collect(),
    }
}

/// Each finding as `RULE outcome: message`, in order.
fn check(pack: &RulePack, documents: &[&str]) -> Vec<String> {
    let files = documents
        .iter()
        .enumerate()
        .map(|(i, text)| SourceFile::new(format!("doc{i}.yaml"), *text))
        .collect();
    let as_of = jiff::civil::date(2026, 6, 1);
    let mut out = Vec::new();
    for result in check_files(pack, files, as_of, &Limits::default()) {
        assert!(result.errors.is_empty(), "{:?}", result.errors);
        for finding in &result.findings.findings {
            let mut line = format!(
                "{} {}: {}",
                pack.rules[finding.rule].id,
                finding.outcome.as_str(),
                finding.message
            );
            for exception in &finding.exceptions {
                line.push_str(&format!(
                    " | not excused: {} {:?}",
                    exception.label, exception.needs
                ));
            }
            if let Some(related) = &finding.related {
                let (l, _) = related.file.line_column(related.span.start);
                line.push_str(&format!(
                    " | also {}:{l} {}",
                    related.file.name, related.path
                ));
            }
            out.push(line);
        }
        for unmatched in &result.findings.unmatched {
            out.push(format!(
                "{} not applied: {} is not in the run",
                pack.rules[unmatched.rule].id, unmatched.document
            ));
        }
    }
    out
}

const LENT_RULE: &str = r#"
condition away(book: Book) = book.held_by != library
condition signed_out(book: Book) = book.reader_signed == true and book.held_by == reader
rule TOY-1 book-away {
    title "A book is away from the library"
    cites GP1, CODE "s. 2"
    kinds library
    severity high
    source "Books stay in the library unless a reader signed them out."
    for each book in books
    when away(book)
    unless "a reader signed it out" signed_out(book)
    unless "it is at the binder for repair" book.held_by == binder and book.state == repair
    message "`{book.title}` is held by the {book.held_by}"
    remedy "Bring it back."
}
"#;

#[test]
fn an_exception_excuses_only_when_the_document_establishes_it() {
    let pack = load(LENT_RULE);
    let found = check(
        &pack,
        &["kind: library\nschema_version: 1\nname: L\nbooks:\n  - {title: A, held_by: reader, reader_signed: true}\n  - {title: B, held_by: reader, reader_signed: false}\n  - {title: C, held_by: reader}\n  - {title: D, held_by: binder, state: repair}\n  - {title: E}\n  - {title: F, held_by: library}\n"],
    );
    assert_eq!(
        found,
        [
            // Shown not to apply: both exceptions are false.
            "TOY-1 violation: `B` is held by the reader | not excused: a reader signed it out [] | not excused: it is at the binder for repair []",
            // Not shown: the burden is on the holder, so the finding stands and names the fact.
            "TOY-1 violation: `C` is held by the reader | not excused: a reader signed it out [\"books[2].reader_signed\"] | not excused: it is at the binder for repair []",
            // The practice itself is unknown: not assessable.
            "TOY-1 not_assessable: A book is away from the library: cannot be assessed, the document does not give `books[4].held_by`",
        ]
    );
}

#[test]
fn explain_lists_each_exception_and_the_instrument() {
    let pack = load(LENT_RULE);
    let rule = pack.rule("TOY-1").expect("rule");
    let text = fairrec::catalogue::explain(&pack, rule);
    assert!(text.contains("  unless a reader signed it out\n"), "{text}");
    assert!(
        text.contains("  unless it is at the binder for repair\n"),
        "{text}"
    );
    assert!(
        text.contains("CODE (standard): The Toy Library Code, s. 2"),
        "{text}"
    );
}

#[test]
fn named_conditions_are_checked_where_declared_and_where_called() {
    let wrong_type = refused(
        "condition cheap(book: Book) = book.price < 10 USD\nrule TOY-2 x { title \"t\" cites GP1 kinds library severity low source \"s\" when cheap(state) message \"m\" remedy \"r\" }",
    );
    assert_eq!(wrong_type.len(), 1, "{wrong_type:?}");
    assert!(
        wrong_type[0]
            .contains("[fairrec::rules::call] argument 1 of `cheap` must be a `Book` record"),
        "{wrong_type:?}"
    );
    let recursive =
        refused("condition a(book: Book) = b(book)\ncondition b(book: Book) = a(book)\n");
    assert!(
        recursive.iter().any(|e| e.contains("calls itself")),
        "{recursive:?}"
    );
    let body_error = refused("condition c(book: Book) = book.colour == red\n");
    assert_eq!(
        body_error,
        ["rules.fr:1:32 [fairrec::rules::unknown-field] record `Book` has no field `colour`"]
    );
    let unknown = refused(
        "rule TOY-3 x { title \"t\" cites GP1 kinds library severity low source \"s\" when awy(state) message \"m\" remedy \"r\" }",
    );
    assert!(
        unknown[0].contains("there is no named condition `awy`"),
        "{unknown:?}"
    );
}

#[test]
fn mean_median_and_quantile_are_exact() {
    let pack = load(
        r#"
rule TOY-4 stats {
    title "Statistics"
    cites GP1
    kinds library
    severity low
    source "s"
    when count(books) > 0
    message "mean {mean(b.pages for b in books)}, median {median(b.pages for b in books)}, p80 {quantile(0.8, b.pages for b in books)}, mean price {mean(b.price for b in books where present(b.price))}"
    remedy "r"
}
"#,
    );
    let found = check(
        &pack,
        &["kind: library\nschema_version: 1\nname: L\nexchange_rates:\n  - {from: USD, to: EUR, rate: 0.5}\nbooks:\n  - {title: A, pages: 1, price: 10 USD}\n  - {title: B, pages: 2, price: 10 EUR}\n  - {title: C, pages: 3}\n  - {title: D, pages: 4}\n"],
    );
    assert_eq!(
        found,
        ["TOY-4 violation: mean 2.5, median 2.5, p80 3.4, mean price 15 USD"]
    );
    let no_items = check(
        &pack,
        &["kind: library\nschema_version: 1\nname: L\nbooks: []\n"],
    );
    assert!(no_items.is_empty(), "{no_items:?}");
}

#[test]
fn quantile_needs_a_probability_written_in_the_rule() {
    let errors = refused(
        "rule TOY-5 x { title \"t\" cites GP1 kinds library severity low source \"s\" when quantile(1.5, b.pages for b in books) > 1 message \"m\" remedy \"r\" }",
    );
    assert!(
        errors[0].contains("the first argument of `quantile` is a number from 0 to 1"),
        "{errors:?}"
    );
}

const LOOKUP_RULE: &str = r#"
rule TOY-6 lent-against-catalogue {
    title "Books are lent where the catalogue forbids lending"
    cites GP1
    kinds library
    severity high
    source "s"
    for each branch in branches, book in books
    with catalogue = catalogue(branch.city)
    when book.held_by == reader and catalogue.lending_allowed == false
    at book.held_by
    also at catalogue.lending_allowed
    message "`{book.title}` is lent in {branch.city}, whose catalogue `{catalogue.name}` forbids lending"
    remedy "r"
}
"#;

const LIBRARY: &str = "kind: library\nschema_version: 1\nname: L\nbranches:\n  - {city: Oslo, country: NO}\nbooks:\n  - {title: A, held_by: reader}\n  - {title: B, held_by: library}\n";

#[test]
fn a_rule_reads_the_matching_document_of_the_same_run() {
    let pack = load(LOOKUP_RULE);
    let catalogue = "kind: catalogue\nschema_version: 1\nname: Oslo catalogue\ncity: Oslo\nlending_allowed: false\n";
    assert_eq!(
        check(&pack, &[LIBRARY, catalogue]),
        ["TOY-6 violation: `A` is lent in Oslo, whose catalogue `Oslo catalogue` forbids lending | also doc1.yaml:5 lending_allowed"]
    );
    // The order of files does not matter: documents are indexed before any is checked.
    assert_eq!(check(&pack, &[catalogue, LIBRARY]).len(), 1);
    // Another city's catalogue is not this one. A document missing from the run is no
    // finding: the rule is not applied, and the run's summary says so once.
    let elsewhere = catalogue.replace("Oslo", "Bergen");
    assert_eq!(
        check(&pack, &[LIBRARY, &elsewhere]),
        ["TOY-6 not applied: the `catalogue` document with city Oslo is not in the run"]
    );
}

#[test]
fn a_missing_document_matters_only_where_its_facts_decide() {
    let pack = load(LOOKUP_RULE);
    // Nothing is lent, so the catalogue's answer cannot change the outcome.
    let nothing_lent = LIBRARY.replace("held_by: reader", "held_by: library");
    assert!(check(&pack, &[&nothing_lent]).is_empty());
}

#[test]
fn lookups_are_type_checked() {
    let no_key = refused(
        "rule TOY-7 x { title \"t\" cites GP1 kinds catalogue severity low source \"s\" with l = nokey(city) when true message \"m\" remedy \"r\" }",
    );
    assert!(
        no_key[0].contains("there is no document kind `nokey`"),
        "{no_key:?}"
    );
    let arity = refused(
        "rule TOY-8 x { title \"t\" cites GP1 kinds library severity low source \"s\" with c = catalogue(state, state) when true message \"m\" remedy \"r\" }",
    );
    assert!(
        arity[0].contains("`catalogue` documents are found by 1 value(s) (city), not 2"),
        "{arity:?}"
    );
}

#[test]
fn an_enum_word_that_is_also_a_top_level_field_is_the_value() {
    // `budget` is a field of `library` and a value of `Fund`: compared with a `Fund`, it is
    // the value.
    let pack = load(
        r#"
enum Fund { budget, grant }
record Grant { fund: Fund? }
kind shelfmark version 1 { budget: Fund?  grant: Grant? }
rule TOY-10 x {
    title "t"
    cites GP1
    kinds shelfmark
    severity low
    source "s"
    when grant.fund == budget
    message "m"
    remedy "r"
}
"#,
    );
    let found = check(
        &pack,
        &["kind: shelfmark\nschema_version: 1\nname: S\ngrant: {fund: budget}\n"],
    );
    assert_eq!(found, ["TOY-10 violation: m"]);
}

fn overlay(files: &[(&str, &str)]) -> OverlayFiles {
    OverlayFiles {
        dir: "overlays/toyland".into(),
        files: files
            .iter()
            .map(|(name, text)| SourceFile::new(format!("overlays/toyland/{name}"), *text))
            .collect(),
    }
}

const PAGES_RULE: &str = r#"
rule TOY-11 too-long {
    title "A book is too long"
    cites GP1
    kinds library
    severity low
    source "s"
    for each book in books
    when book.pages > params.max_pages
    message "`{book.title}` has {book.pages} pages; at most {params.max_pages}"
    remedy "r"
}
"#;

#[test]
fn an_overlay_sets_parameters_adds_and_disables_rules_and_says_so() {
    let base = vec![
        SourceFile::new("schema.fr", SCHEMA),
        SourceFile::new("rules.fr", format!("{PAGES_RULE}{LENT_RULE}")),
    ];
    let toyland = overlay(&[(
        "toyland.fr",
        r#"
overlay "Toyland library law" jurisdiction "Toyland"
instrument TLA national_law "Toyland Library Act"
set max_pages = 300 cites TLA "s. 4"
disable TOY-1 because "Toyland lets readers keep books"
rule TL-1 no-lost-books {
    title "A book is lost"
    cites TLA "s. 9"
    kinds library
    severity high
    source "s"
    for each book in books
    when book.state == lost
    message "`{book.title}` is lost"
    remedy "r"
}
"#,
    )]);
    let pack = RulePack::load_layers(base, vec![toyland]).expect("overlay loads");
    assert_eq!(pack.overlays[0].name, "Toyland library law");
    assert_eq!(pack.overlays[0].jurisdiction, "Toyland");
    assert_eq!(
        pack.param_source(&pack.params[0]),
        "overlay \"Toyland library law\": Toyland Library Act, s. 4"
    );
    assert_eq!(pack.disabled[0].id, "TOY-1");
    assert_eq!(pack.disabled[0].because, "Toyland lets readers keep books");
    let found = check(
        &pack,
        &["kind: library\nschema_version: 1\nname: L\nbooks:\n  - {title: A, pages: 400, held_by: reader, state: lent}\n  - {title: B, state: lost, pages: 10}\n"],
    );
    assert_eq!(
        found,
        [
            "TL-1 violation: `B` is lost",
            "TOY-11 violation: `A` has 400 pages; at most 300",
        ]
    );
}

#[test]
fn overlay_statements_are_refused_outside_overlays_and_without_a_source() {
    let in_pack = refused("set max_pages = 3 cites CODE \"s. 1\"\n");
    assert!(
        in_pack[0].contains("`set` belongs in a national overlay"),
        "{in_pack:?}"
    );
    let base = || {
        vec![
            SourceFile::new("schema.fr", SCHEMA),
            SourceFile::new("rules.fr", PAGES_RULE),
        ]
    };
    let messages = |files: &[(&str, &str)]| -> Vec<String> {
        match RulePack::load_layers(base(), vec![overlay(files)]) {
            Ok(_) => panic!("the overlay should be refused"),
            Err(errors) => errors.iter().map(|e| e.message().to_string()).collect(),
        }
    };
    assert_eq!(
        messages(&[(
            "a.fr",
            "instrument TLA national_law \"Act\"\nset max_pages = 3 cites TLA \"s. 1\"\n"
        )]),
        ["the overlay `overlays/toyland` does not say what it is"]
    );
    assert_eq!(
        messages(&[(
            "a.fr",
            "overlay \"T\" jurisdiction \"T\"\nset max_pages = 3 cites GP1\n"
        )]),
        ["a parameter set by an overlay cites the law it comes from"]
    );
    assert_eq!(
        messages(&[(
            "a.fr",
            "overlay \"T\" jurisdiction \"T\"\nset max_pages = \"many\" cites CODE\n"
        )]),
        ["the parameter is declared as a number but its value is text"]
    );
    assert_eq!(
        messages(&[(
            "a.fr",
            "overlay \"T\" jurisdiction \"T\"\ndisable TOY-11 because \"\"\n"
        )]),
        ["a rule is disabled only with a written justification"]
    );
    assert_eq!(
        messages(&[(
            "a.fr",
            "overlay \"T\" jurisdiction \"T\"\ndisable TOY-12 because \"why\"\n"
        )]),
        ["there is no rule `TOY-12` to disable"]
    );
}

#[test]
fn a_rule_id_declared_twice_names_both_places() {
    let errors = refused(&format!("{PAGES_RULE}{PAGES_RULE}"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "rules.fr:14:6 [fairrec::rules::duplicate] rule `TOY-11` is declared twice"
        ),
        "{errors:?}"
    );
    let pack_error = match RulePack::load(vec![
        SourceFile::new("schema.fr", SCHEMA),
        SourceFile::new("rules.fr", format!("{PAGES_RULE}{PAGES_RULE}")),
    ]) {
        Err(errors) => errors[0].help().unwrap_or_default().to_string(),
        Ok(_) => String::new(),
    };
    assert_eq!(
        pack_error,
        "it is first declared at rules.fr:2:6; give one of them a new id"
    );
}

#[test]
fn a_citation_must_name_something_declared() {
    let errors = refused(
        "rule TOY-13 x { title \"t\" cites GP1, ACT99 \"s. 1\" kinds library severity low source \"s\" when true message \"m\" remedy \"r\" }",
    );
    assert!(
        errors[0].contains("`ACT99` is not a principle, guideline or declared instrument"),
        "{errors:?}"
    );
    let pinpointed_principle = refused(
        "rule TOY-14 x { title \"t\" cites GP1 \"para 3\" kinds library severity low source \"s\" when true message \"m\" remedy \"r\" }",
    );
    assert!(
        pinpointed_principle[0].contains("only an instrument takes an article or section"),
        "{pinpointed_principle:?}"
    );
}

#[test]
fn an_amount_compares_with_a_plain_zero_for_equality_too() {
    let pack = load(
        "rule TOY-15 free { title \"t\" cites GP1 kinds library severity low source \"s\" for each book in books when book.price == 0 message \"`{book.title}` is free\" remedy \"r\" }",
    );
    let found = check(
        &pack,
        &["kind: library\nschema_version: 1\nname: L\nbooks:\n  - {title: A, price: 0 USD}\n  - {title: B, price: 3 USD}\n"],
    );
    assert_eq!(found, ["TOY-15 violation: `A` is free"]);
}

#[test]
fn brackets_nested_deep_inside_a_message_hole_are_refused_not_a_crash() {
    let hole = format!("{}1{}", "(-".repeat(30_000), ")".repeat(30_000));
    let errors = refused(&format!(
        "rule TOY-16 deep {{ title \"t\" cites GP1 kinds library severity low source \"s\" when true message \"{{{hole}}}\" remedy \"r\" }}"
    ));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("[fairrec::rules::too-deep] brackets are nested more than 64 deep"),
        "{errors:?}"
    );
    // Brackets a string leaves open do not count against the rest of the file.
    let pack = load("rule TOY-17 smile { title \"t\" cites GP1 kinds library severity low source \"((((((\" when true message \"m\" remedy \"r\" }");
    assert!(pack.rule("TOY-17").is_some());
}

#[test]
fn an_enum_value_on_the_left_of_in_takes_its_type_from_the_list() {
    let pack = load(
        "record Shelf { states: list<State>? }\nkind shelving version 1 { shelves: list<Shelf>? }\nrule TOY-18 lost-shelf { title \"t\" cites GP1 kinds shelving severity low source \"s\" for each shelf in shelves when lost in shelf.states message \"a shelf has lost books\" remedy \"r\" }",
    );
    let found = check(
        &pack,
        &["kind: shelving\nschema_version: 1\nname: S\nshelves:\n  - {states: [shelved, lost]}\n  - {states: [lent]}\n"],
    );
    assert_eq!(found, ["TOY-18 violation: a shelf has lost books"]);
    let misspelt = refused(
        "record Shelf { states: list<State>? }\nkind shelving version 1 { shelves: list<Shelf>? }\nrule TOY-19 x { title \"t\" cites GP1 kinds shelving severity low source \"s\" for each shelf in shelves when lots in shelf.states message \"m\" remedy \"r\" }",
    );
    assert!(
        misspelt[0].contains("`lots` is not a value of `State`"),
        "{misspelt:?}"
    );
}
