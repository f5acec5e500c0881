//! How long one generated agency document takes to check, stage by stage, against a peer
//! measured in the same run: the YAML event parser alone over the same text (what any tool
//! built on it pays before doing anything).
//! The comparison with regorus is the separate `peer` workspace member (docs/PERFORMANCE.md).
//!
//! Run with `cargo bench --bench check`. Prints medians of repeated batches.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fairrec::batch::check_file;
use fairrec::diagnostic::SourceFile;
use fairrec::document::validate::validate;
use fairrec::document::yaml::parse_documents;
use fairrec::eval::check_document;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::report::collect;
use fairrec::report::json::{document_json_view, document_text};

/// Median time of one call, over batches of `per_batch` calls.
fn median<F: FnMut()>(mut work: F, per_batch: u32) -> Duration {
    let mut samples: Vec<Duration> = (0..25)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                work();
            }
            start.elapsed() / per_batch
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn micros(d: Duration) -> String {
    format!("{:>8.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let pack_start = Instant::now();
    let pack = RulePack::builtin().expect("built-in pack loads");
    let pack_load = pack_start.elapsed();
    let as_of = jiff::civil::date(2026, 6, 1);
    let text = fairrec_corpus::agency(42);
    let file = SourceFile::new("bench.yaml", text.as_str());
    let size = text.len();

    let parse = median(
        || drop(black_box(parse_documents(&file, &Limits::default()))),
        200,
    );
    let yaml = parse_documents(&file, &Limits::default()).expect("valid YAML");
    let validate_time = median(
        || drop(black_box(validate(&pack.schema, &file, 0, &yaml[0]))),
        200,
    );
    let document = validate(&pack.schema, &file, 0, &yaml[0])
        .result
        .expect("valid document");
    let index = fairrec::eval::RunIndex::new();
    let evaluate = median(
        || drop(black_box(check_document(&pack, &document, as_of, &index))),
        200,
    );
    let results = check_file(&pack, file.clone(), as_of, &Limits::default());
    // The header is built once per run; each document is collected and written.
    let header = collect::header(Some(&pack), Some("2026-06-01"));
    let render = median(
        || {
            let document = collect::document(&results[0]);
            drop(black_box(document_text(&header, &document)));
        },
        200,
    );
    // The former way, for comparison: a `serde_json::Value` tree first, then its text.
    let render_tree = median(
        || {
            let document = collect::document(&results[0]);
            let tree = serde_json::to_value(document_json_view(&header, &document));
            drop(black_box(tree.map(|tree| tree.to_string())));
        },
        200,
    );
    let end_to_end = median(
        || {
            let results = check_file(&pack, file.clone(), as_of, &Limits::default());
            let document = collect::document(&results[0]);
            black_box(document_text(&header, &document));
        },
        200,
    );
    let peer = median(
        || {
            for event in granit_parser::Parser::new_from_str(&text) {
                drop(black_box(event));
            }
        },
        200,
    );

    println!(
        "fairrec check benchmark: one agency document of {size} bytes, {} rules",
        pack.rules.len()
    );
    println!("  rule pack load (once)      {}", micros(pack_load));
    println!("  parse YAML with spans      {}", micros(parse));
    println!("  validate against schema    {}", micros(validate_time));
    println!("  evaluate rules             {}", micros(evaluate));
    println!("  render JSON (streamed)     {}", micros(render));
    println!("  render JSON via a tree     {}", micros(render_tree));
    println!(
        "  end to end                 {}  ({:.0} documents/s)",
        micros(end_to_end),
        1.0 / end_to_end.as_secs_f64()
    );
    println!("  peer: granit-parser events alone {}", micros(peer));
    println!(
        "  ratio fairrec end-to-end / YAML events alone: {:.2}",
        end_to_end.as_secs_f64() / peer.as_secs_f64()
    );
}
