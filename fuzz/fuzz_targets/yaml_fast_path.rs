//! Fuzzes the fast YAML path against the full parser: on any text, the fast path declines
//! or gives exactly the full parser's trees (values, spans, sources, keys and key spans).
#![no_main]

use fairrec::diagnostic::SourceFile;
use fairrec::document::fast;
use fairrec::document::yaml::parse_documents_full;
use fairrec::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("fuzz.yaml", text);
    // The length picks tighter limits one time in three, so declining before a budget is
    // reached is fuzzed too.
    let limits = match data.len() % 9 {
        1 => Limits {
            max_depth: 3,
            ..Limits::default()
        },
        2 => Limits {
            max_string_bytes: 8,
            ..Limits::default()
        },
        3 => Limits {
            max_nodes: 40,
            ..Limits::default()
        },
        _ => Limits::default(),
    };
    let Some(fast) = fast::parse(&file, &limits) else {
        return;
    };
    let full = match parse_documents_full(&file, &limits) {
        Ok(full) => full,
        Err(error) => panic!(
            "accepted a text the full parser refuses: {}",
            error.message()
        ),
    };
    // Debug output shows every field, text escaped: equal output is equal trees.
    assert_eq!(format!("{fast:?}"), format!("{full:?}"), "the trees differ");
});
