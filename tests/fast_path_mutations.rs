//! The fast YAML path under mutation: pieces of generated documents, of their variants
//! with comments, quotes and other scripts, and of documents of random shape, with characters that matter to YAML inserted,
//! deleted, replaced or swapped and lines re-indented, duplicated or dropped. On every
//! mutant the fast path declines or gives exactly the full parser's trees.
//!
//! The property runs 4,000 cases by default (`FAST_PATH_CASES` sets another number); the
//! ignored `many_mutations` runs a deterministic campaign of `FAST_PATH_MUTATIONS` mutants
//! (200,000 by default) and prints how many the fast path accepted:
//! `FAST_PATH_MUTATIONS=1000000 cargo test --release --test fast_path_mutations -- --ignored --nocapture`.

mod fast_path_common;
use fast_path_common::{agrees, on_big_stack, shapes, variant};

use fairrec::limits::Limits;
use fairrec_corpus::Seeded;
use proptest::prelude::*;

/// Text that means something to YAML, or to the fast path's decisions.
const TOKENS: &[&str] = &[
    ":", ": ", "#", " #", "'", "\"", "-", "- ", " ", "  ", "\t", "\r", "\r\n", "\n", "[", "]", "{",
    "}", ", ", ",", "&a ", "*a", "!", "!!str ", "%", "|", ">", "? ", "~", "0", "1", "9", ".", "e",
    "_", "x", "é", "日", "\u{a0}", "\u{85}", "\u{feff}", "\u{2028}", "\\", "\\n", "\\u00e9", "---",
    "...", "null", "true", "NO", ".inf", "0x", "<<", "''", "@", "`",
];

/// One edit: what (0-9), where (a fraction of the text, in millionths) and which token.
type Edit = (u8, u32, u8);

/// Up to `lines` lines of a generated document, of a variant of one, or of a document of
/// random shape, from a line that starts at column 0, so the piece is usually a document
/// in itself.
fn piece(seed: u64, from: u32, lines: usize) -> String {
    let text = match seed % 3 {
        0 => fairrec_corpus::document(seed),
        1 => variant(&fairrec_corpus::document(seed), seed),
        _ => shapes::document(seed),
    };
    let all: Vec<&str> = text.lines().collect();
    let tops: Vec<usize> = (0..all.len())
        .filter(|&i| !all[i].starts_with([' ', '#']) && !all[i].is_empty())
        .collect();
    let first = tops
        .get(from as usize % tops.len().max(1))
        .copied()
        .unwrap_or(0);
    let mut out = all[first..(first + lines).min(all.len())].join("\n");
    out.push('\n');
    out
}

/// `text` with `edits` applied, each at a character boundary.
fn mutate(mut text: String, edits: &[Edit]) -> String {
    for &(kind, at, token) in edits {
        let token = TOKENS[usize::from(token) % TOKENS.len()];
        let mut at = (text.len() as u64 * u64::from(at) / 1_000_000) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        let next = text[at..].chars().next().map_or(0, char::len_utf8);
        match kind % 10 {
            0..=3 => text.insert_str(at, token),
            4 => drop(text.drain(at..at + next)),
            5 => text.replace_range(at..at + next, token),
            6 => {
                let after = text[at + next..].chars().next().map_or(0, char::len_utf8);
                if next > 0 && after > 0 {
                    let (a, b) = (
                        text[at..at + next].to_string(),
                        text[at + next..at + next + after].to_string(),
                    );
                    text.replace_range(at..at + next + after, &(b + &a));
                }
            }
            7 => text.insert_str(
                line_start,
                if token.len().is_multiple_of(2) {
                    "  "
                } else {
                    " "
                },
            ),
            8 => {
                if text[line_start..].starts_with(' ') {
                    text.remove(line_start);
                }
            }
            _ => {
                let line = text[line_start..line_end].to_string();
                if token.len().is_multiple_of(2) {
                    text.replace_range(line_start..(line_end + 1).min(text.len()), "");
                } else {
                    text.insert_str(line_start, &format!("{line}\n"));
                }
            }
        }
    }
    text
}

fn cases() -> u32 {
    std::env::var("FAST_PATH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutants_agree_or_are_declined(
        seed in 0u64..600,
        from in any::<u32>(),
        lines in 1usize..60,
        edits in prop::collection::vec((any::<u8>(), 0u32..1_000_000, any::<u8>()), 1..6),
    ) {
        let text = mutate(piece(seed, from, lines), &edits);
        agrees("mutant", &text, &Limits::default());
    }
}

#[test]
#[ignore = "a long campaign; run it with --ignored, preferably in release mode"]
fn many_mutations() {
    on_big_stack(|| {
        let total: u64 = std::env::var("FAST_PATH_MUTATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(200_000);
        let (mut accepted, mut changed) = (0u64, 0u64);
        for case in 0..total {
            let mut rng = Seeded::new(case + 1);
            let piece = piece(
                rng.below(3_000),
                rng.next_u64() as u32,
                1 + rng.below(80) as usize,
            );
            let edits: Vec<Edit> = (0..1 + rng.below(6))
                .map(|_| {
                    (
                        rng.below(10) as u8,
                        rng.below(1_000_000) as u32,
                        rng.below(256) as u8,
                    )
                })
                .collect();
            let text = mutate(piece.clone(), &edits);
            changed += u64::from(text != piece);
            accepted += u64::from(agrees(&format!("mutant {case}"), &text, &Limits::default()));
        }
        eprintln!(
            "fast path: {total} mutants ({changed} changed), {accepted} accepted, all agreeing"
        );
    });
}
