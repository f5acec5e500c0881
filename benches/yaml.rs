//! YAML parsing throughput: the fast path against the full parser, on generated documents
//! and on variants of them (comments, quoted values, other scripts), with the share of
//! documents the fast path accepts (docs/decisions.md, "Fast path for block YAML").
//!
//! Run with `cargo bench --bench yaml`. Prints the median of repeated passes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fairrec::diagnostic::SourceFile;
use fairrec::document::fast;
use fairrec::document::yaml::{parse_documents, parse_documents_full};
use fairrec::limits::Limits;

/// Median time of one pass over `files`.
fn median(files: &[SourceFile], parse: impl Fn(&SourceFile)) -> Duration {
    let mut samples: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            files.iter().for_each(&parse);
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

/// A variant with a comment on every fifth line and quoted text values.
fn commented(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        match line.split_once(": ").filter(|(key, _)| !key.contains('{')) {
            Some((key, value)) if i % 3 == 0 && !value.starts_with(['[', '{', '"']) => {
                out.push_str(&format!("{key}: \"{value}\""));
            }
            _ => out.push_str(line),
        }
        if i % 5 == 0 {
            out.push_str("  # reviewed: Agência Nação, नेपाल");
        }
        out.push('\n');
    }
    out
}

fn report(label: &str, texts: &[String]) {
    let limits = Limits::default();
    let files: Vec<SourceFile> = texts
        .iter()
        .map(|t| SourceFile::new("bench.yaml", t.as_str()))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let accepted = files
        .iter()
        .filter(|f| fast::parse(f, &limits).is_some())
        .count();
    let rate = |d: Duration| bytes as f64 / d.as_secs_f64() / 1e6;
    let full = median(&files, |f| {
        drop(black_box(parse_documents_full(f, &limits)))
    });
    let fast = median(&files, |f| drop(black_box(fast::parse(f, &limits))));
    let both = median(&files, |f| drop(black_box(parse_documents(f, &limits))));
    println!(
        "{label}: {} documents, {} KB, fast path accepts {accepted} ({:.1}%)",
        files.len(),
        bytes / 1024,
        accepted as f64 * 100.0 / files.len() as f64
    );
    println!("  full parser       {:>8.1} MB/s", rate(full));
    println!("  fast path         {:>8.1} MB/s", rate(fast));
    println!(
        "  parse_documents   {:>8.1} MB/s  ({:.1}x the full parser)",
        rate(both),
        full.as_secs_f64() / both.as_secs_f64()
    );
}

fn main() {
    let generated: Vec<String> = (0..300).map(fairrec_corpus::document).collect();
    report("generated", &generated);
    let variants: Vec<String> = generated.iter().map(|t| commented(t)).collect();
    report("commented and quoted", &variants);
}
