//! How long one 3–5 KB agency document takes to check, stage by stage, against a peer
//! measured in the same run: a bare serde-saphyr parse of the same text into
//! `serde_json::Value` (what any YAML-reading tool pays before doing anything).
//!
//! Run with `cargo bench --bench check`. Prints medians of repeated batches.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fairrec::batch::check_file;
use fairrec::diagnostic::SourceFile;
use fairrec::document::validate::validate;
use fairrec::document::yaml::parse_documents;
use fairrec::limits::Limits;
use fairrec::eval::check_document;
use fairrec::pack::RulePack;
use fairrec::report::json::document_json;

/// A small deterministic generator (xorshift), so every run measures the same documents.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// A realistic agency document of roughly `costs` cost lines.
fn agency_document(seed: u64, costs: usize) -> String {
    let mut rng = Seeded(seed.max(1));
    let mut text = format!(
        "kind: agency\nschema_version: 1\nname: Agency {seed}\ncountry: NP\nlicence:\n  issuer: Department of Foreign Employment\n  number: \"DoFE-{seed}/076\"\n  valid_from: 2023-07-17\n  valid_until: 2027-07-16\n  corridors:\n    - {{origin: NP, destination: MY}}\n    - {{origin: NP, destination: QA}}\ncorridors:\n  - {{origin: NP, destination: MY}}\nworkers:\n  languages: [ne, hi]\nexchange_rates:\n  - {{from: MYR, to: NPR, rate: 28.4}}\ncosts:\n"
    );
    let categories = [
        "recruitment_fee",
        "medical",
        "insurance",
        "skills_test",
        "training",
        "equipment",
        "travel_lodging",
        "administrative",
    ];
    let payers = ["employer", "employer", "employer", "worker", "recruiter"];
    let recoveries = [
        "not_recovered",
        "not_recovered",
        "upfront",
        "wage_deduction",
    ];
    for i in 0..costs {
        text.push_str(&format!(
            "  - category: {}\n    label: cost line {i} for the recruitment process\n    amount: {}.{:02} {}\n    paid_by: {}\n    recovered_by: {}\n",
            rng.pick(&categories),
            rng.next() % 90_000 + 100,
            rng.next() % 100,
            rng.pick(&["NPR", "MYR"]),
            rng.pick(&payers),
            rng.pick(&recoveries),
        ));
    }
    text.push_str("contract:\n  written: true\n  languages: [ne, ms]\n  days_before_departure: 10\n  worker_copy: true\ndocuments:\n  - {type: passport, held_by: worker}\n  - {type: contract, held_by: worker}\n  - {type: work_permit, held_by: employer, worker_access: on_request}\n");
    text
}

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
    let text = agency_document(42, 24);
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
    let evaluate = median(
        || drop(black_box(check_document(&pack, &document, as_of))),
        200,
    );
    let results = check_file(&pack, file.clone(), as_of, &Limits::default());
    let render = median(
        || {
            drop(black_box(serde_json::to_string(&document_json(
                &pack,
                &results[0],
            ))))
        },
        200,
    );
    let end_to_end = median(
        || {
            let results = check_file(&pack, file.clone(), as_of, &Limits::default());
            black_box(serde_json::to_string(&document_json(&pack, &results[0])).ok());
        },
        200,
    );
    let peer = median(
        || {
            drop(black_box(serde_saphyr::from_str::<serde_json::Value>(
                &text,
            )))
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
    println!("  render JSON                {}", micros(render));
    println!(
        "  end to end                 {}  ({:.0} documents/s)",
        micros(end_to_end),
        1.0 / end_to_end.as_secs_f64()
    );
    println!("  peer: serde-saphyr → serde_json::Value {}", micros(peer));
    println!(
        "  ratio fairrec end-to-end / bare YAML parse: {:.2}",
        end_to_end.as_secs_f64() / peer.as_secs_f64()
    );
}
