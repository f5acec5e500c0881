//! The fast YAML path's proof obligation: wherever it answers, its trees are exactly the
//! full parser's (values, spans, sources, key spans), on every YAML file in the repository
//! (examples, fixtures, the hostile corpus, whole and cut into documents as files are
//! read), on generated documents and on variants of them with comments, quoted values and
//! names in other scripts, on edge cases and on every scalar spelling that matters. And it
//! answers on real documents, or it would be useless: examples and generated documents
//! must all be accepted. Random mutations are in `fast_path_mutations.rs`.

mod fast_path_common;
use fast_path_common::{agrees, on_big_stack, shapes, variant};

use fairrec::document::stream::DocumentTexts;
use fairrec::limits::Limits;

/// Every `.yaml`/`.yml` file under `folder`, sorted.
fn yaml_files(folder: &str) -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| entry.into_path())
        .filter(|path| {
            path.extension().is_some_and(|ext| {
                ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml")
            })
        })
        .collect();
    files.sort();
    files
}

/// Checks a file whole and document by document; returns (documents, accepted).
fn check_file(path: &std::path::Path, limits: &Limits) -> (usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (0, 0);
    };
    let name = path.display().to_string();
    if let Ok(text) = std::str::from_utf8(&bytes) {
        agrees(&name, text, limits);
    }
    let (mut parts, mut accepted) = (0, 0);
    for part in DocumentTexts::new(&bytes[..], name.as_str(), limits).flatten() {
        parts += 1;
        accepted += usize::from(agrees(&name, &part.text, limits));
    }
    (parts, accepted)
}

#[test]
fn every_yaml_file_in_the_repository_agrees_and_examples_are_accepted() {
    on_big_stack(every_yaml_file);
}

fn every_yaml_file() {
    let limits = Limits::default();
    let (mut parts, mut accepted) = (0, 0);
    for path in yaml_files("tests") {
        let (p, a) = check_file(&path, &limits);
        parts += p;
        accepted += a;
    }
    let examples = yaml_files("examples");
    assert!(examples.len() >= 9);
    for path in &examples {
        let (p, a) = check_file(path, &limits);
        assert_eq!(a, p, "{} was declined", path.display());
    }
    eprintln!("fast path: {accepted} of {parts} documents under tests/ accepted");
}

#[test]
fn generated_documents_are_all_accepted_and_agree() {
    let limits = Limits::default();
    let count = 2_000;
    for seed in 0..count {
        let text = fairrec_corpus::document(seed);
        assert!(
            agrees(&format!("generated {seed}"), &text, &limits),
            "generated {seed} declined"
        );
    }
    // Several documents in one text, as a file of many documents reaches the parser whole.
    let many = (0..3)
        .map(fairrec_corpus::document)
        .collect::<Vec<_>>()
        .join("---\n");
    assert!(agrees("three documents", &many, &limits));
}

#[test]
fn variants_with_comments_quotes_and_other_scripts_agree() {
    let limits = Limits::default();
    let count = 1_000;
    let mut accepted = 0u64;
    for seed in 0..count {
        let text = variant(&fairrec_corpus::document(seed), seed);
        accepted += u64::from(agrees(&format!("variant {seed}"), &text, &limits));
    }
    eprintln!("fast path: {accepted} of {count} variants accepted");
    assert!(
        accepted * 10 >= count * 9,
        "only {accepted} of {count} variants accepted"
    );
}

#[test]
fn documents_of_every_shape_agree() {
    let limits = Limits::default();
    let count = 3_000;
    let mut accepted = 0u64;
    for seed in 0..count {
        let text = shapes::document(seed);
        accepted += u64::from(agrees(&format!("shapes {seed}"), &text, &limits));
    }
    eprintln!("fast path: {accepted} of {count} documents of every shape accepted");
    assert!(
        accepted * 10 >= count * 9,
        "only {accepted} of {count} accepted"
    );
}

#[test]
fn small_limits_make_the_fast_path_decline_before_the_full_parser_refuses() {
    let tight = [
        Limits {
            max_depth: 3,
            ..Limits::default()
        },
        Limits {
            max_nodes: 300,
            ..Limits::default()
        },
        Limits {
            max_string_bytes: 12,
            ..Limits::default()
        },
        Limits {
            max_nodes: 1,
            max_depth: 1,
            max_string_bytes: 1,
            ..Limits::default()
        },
    ];
    for (i, limits) in tight.iter().enumerate() {
        for seed in 0..40 {
            agrees(
                &format!("limits {i}, generated {seed}"),
                &fairrec_corpus::document(seed),
                limits,
            );
        }
    }
}

/// Forms at the edges of the subset, each with the full parser's own reading.
const EDGES: &[&str] = &[
    "a: 1\nb:\n  - x\n  - y: 2\n    z: \"q\"\nc: [a, b]\nd: {}\ne:\nf: ~\n",
    "# c\n---\nkey: value # c\nlist:\n- a\n- b\n",
    "list:\n- k: v\n  k2:\n- [a]\n- \"q\"\n-   a\n-\n- # c\n-   # c\n",
    "list:\n# c\n-\n- a\nnext:\n  -\n  - b\n  -",
    "- a\n-\n  a: 1\n-\n  - x\n-   d: 2\n    e:\n-",
    "- a:\n  - x\n  b: 1\n- c:\n    - y\n",
    "a:\n\n  # c\n  b: 1\nc:   \nd: # c\ne:",
    "a: {x: 1, y: [p, q], z: {}}\nb: [ a , \"b\" ,c ]\nc: {  }\nd: [ ]\ne: [[a], {b: [c]}]\n",
    "a: x:y\nb: e#f\nc: x, y [z] {w}\nd: a - b\ne: -1\nf: 'it''s'\ng: \"\\\\\\\"\\n\\t\"\n",
    "a: 1\n---\nb: 2\n---\n- c\n",
    "a: foo\n  bar\n",
    "a:\n  b: 1\n c: 2\n",
    "a: 1\n- b\n",
    "- a\nb: 1\n",
    "a: b: c\n",
    "a: [b\n",
    "a: [b,]\n",
    "a: {b}\n",
    "a: {b: }\n",
    "a: {\"b\": c}\n",
    "a: ['b': c]\n",
    "a: [b]#c\n",
    "a: \"b\"c\n",
    "\"a\": 1\n",
    "a : 1\n",
    "a: 1\na: 2\n",
    "x: {a: 1, a: 2}\n",
    "a: 1\nb:\n  a: 1\n",
    "<<: {a: 1}\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "? a\n: b\n",
    "a: 1\n...\n",
    "---\n",
    "---\n---\na: 1\n",
    "a: 1\n---\n",
    "# only a comment\n",
    "",
    "plain\n",
    "  a: 1\n",
    "a: 1\r\nb: 2\r\n",
    "a:\t1\n",
    "\u{feff}a: 1\n",
    "a: b\u{85}c\n",
    "a: \"\\u00e9\"\n",
    "a: -\n",
    "a: - b\n",
    "- - a\n",
    "- -a\n",
    "true: 1\n",
    "1: a\n",
    "~: a\n",
    "null: a\n",
    "a b: c\nd-e: f\ng.h: i\nj/k: l\n",
    "a:b: c\n",
    "a#b: c\n",
    "a: 1 # c\n  # indented comment\nb: 2\n",
    "a:\n  b:\n    c:\n      d: [1, {e: f}]\n",
    "a: [\n  b]\n",
    "k: 'a\n  b'\n",
    "k: \"a\n  b\"\n",
    "---x\n",
    "--- \na: 1\n",
    "a: ---\nb: ...\n",
    "list:\n-\n  a: 1\n- b\n",
    "clé: x\nnäme: 日本\n名前: [é, ü]\n",
    "a: x\u{a0}\nb: \u{a0}y\n",
    "a: 'x' # c\nb: \"y\"   \n",
    "a:\n  - b\n  c: 1\n",
    "- a: 1\n  - b\n",
];

#[test]
fn edge_cases_agree_or_are_declined() {
    let limits = Limits::default();
    let accepted: Vec<usize> = (0..EDGES.len())
        .filter(|&i| agrees(&format!("edge {i}"), EDGES[i], &limits))
        .collect();
    // The shapes real documents use must be accepted, not only agreed with.
    for must in (0..10).chain([27, 56, 59, 60, 67, 68, 69, 70]) {
        assert!(
            accepted.contains(&must),
            "edge {must} declined:\n{}",
            EDGES[must]
        );
    }
}

/// Scalar spellings whose reading depends on the full parser's rules.
const SCALARS: &[&str] = &[
    "0",
    "-0",
    "00",
    "007",
    "-01",
    "12",
    "-12",
    "+12",
    "1.5",
    "-1.5",
    "0.5",
    "00.5",
    "1.",
    ".5",
    "1.2.3",
    "1e5",
    "1E5",
    "1e-5",
    "1.5e3",
    "-1e5",
    "1e999",
    "0x1F",
    "0X1F",
    "0o17",
    "0O17",
    "0b11",
    "0B11",
    "1_000",
    "1__0",
    "_1",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999",
    "123456789012345678",
    "12345678901234567",
    "1.23456789012345678",
    "inf",
    "Inf",
    "-inf",
    "infinity",
    "nan",
    "NaN",
    ".inf",
    ".Inf",
    ".INF",
    "-.inf",
    "+.inf",
    ".nan",
    ".NaN",
    ".NAN",
    "-.nan",
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "False",
    "FALSE",
    "yes",
    "Yes",
    "no",
    "NO",
    "on",
    "off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "nUll",
    "none",
    "2023-07-17",
    "2023-07-17T10:00:00Z",
    "12:30",
    "1:30:00",
    "0 NPR",
    "15000 NPR",
    "1234.56",
    "5th",
    "12abc",
    "abc12",
    "e5",
    "E",
    "0e",
    "1-2",
    "1+2",
    "-",
    "-x",
    "--1",
    "-.5",
    "1,000",
    "1 000",
    "١٢",
    "¹",
    "0.",
    "0x",
    "0b",
    "0o",
    "0xg",
    "=",
    "<<",
    "a'b",
    "a\"b",
    "é",
    "!",
    "%",
    "@x",
    "`x",
];

#[test]
fn scalar_readings_agree() {
    let limits = Limits::default();
    let mut accepted = 0;
    for scalar in SCALARS {
        for text in [
            format!("a: {scalar}\n"),
            format!("a: [{scalar}]\n"),
            format!("- {scalar}\n"),
            format!("{scalar}: a\n"),
            format!("a: {{{scalar}: b}}\n"),
        ] {
            accepted += usize::from(agrees(&format!("scalar {scalar:?}"), &text, &limits));
        }
    }
    assert!(accepted > SCALARS.len() * 2);
}
