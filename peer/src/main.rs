//! fairrec against regorus, in one run, on the same seeded documents (`fairrec-corpus`):
//!
//! 1. Five rules, from YAML text, one thread: fairrec (parse, validate, evaluate) against
//!    regorus (YAML to value, evaluate the same rules in Rego, peer/policy.rego).
//! 2. The full built-in pack: rule-pack load time, and parse / validate / evaluate / render
//!    per document.
//! 3. Two threads against one on a 10,000-document batch.
//!
//! Run: `cargo run --release -p fairrec-peer-bench` (see docs/PERFORMANCE.md).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use fairrec::batch::check_file;
use fairrec::diagnostic::SourceFile;
use fairrec::document::validate::validate;
use fairrec::document::yaml::parse_documents;
use fairrec::eval::check_document;
use fairrec::finding::Outcome;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::report::json::document_json;
use fairrec_corpus::document;

const AS_OF: &str = "2026-06-01";

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000);
    let texts: Vec<String> = (0..count as u64).map(document).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let as_of: jiff::civil::Date = AS_OF.parse().expect("date");
    let limits = Limits::default();
    println!(
        "documents: {count} generated (seed 0..{count}), {:.1} KB on average",
        bytes as f64 / count as f64 / 1024.0
    );

    // 1. Five rules: fairrec against regorus.
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The built-in schema, citations and parameters, with the five rules instead of the pack's.
    let mut files: Vec<SourceFile> = RulePack::builtin_files()
        .into_iter()
        .filter(|f| !f.name.contains("/gp"))
        .collect();
    let five_rules = std::fs::read_to_string(here.join("rules/five-rules.fr")).expect("five rules");
    files.push(SourceFile::new("peer/rules/five-rules.fr", five_rules));
    let five = RulePack::load(files).expect("five-rule pack loads");
    let mut fairrec_violations = 0usize;
    let fairrec_time = best_of(3, || {
        fairrec_violations = 0;
        for (i, text) in texts.iter().enumerate() {
            let results = check_file(
                &five,
                SourceFile::new(format!("doc{i}.yaml"), text.as_str()),
                as_of,
                &limits,
            );
            fairrec_violations += results
                .iter()
                .map(|r| r.count(Outcome::Violation))
                .sum::<usize>();
        }
    });
    let policy = std::fs::read_to_string(here.join("policy.rego")).expect("policy");
    let mut engine = regorus::Engine::new();
    engine
        .add_policy("policy.rego".into(), policy)
        .expect("policy loads");
    engine
        .add_data(
            regorus::Value::from_json_str(&format!("{{\"as_of\": \"{AS_OF}\"}}")).expect("data"),
        )
        .expect("data loads");
    let mut regorus_violations = 0usize;
    let regorus_time = best_of(3, || {
        regorus_violations = 0;
        for text in &texts {
            let input = regorus::Value::from_yaml_str(text).expect("YAML");
            engine.set_input(input);
            let result = engine
                .eval_rule("data.fairrec.violations".into())
                .expect("evaluates");
            regorus_violations += result.as_set().map(|s| s.len()).unwrap_or(0);
        }
    });
    println!("\n1. five rules, from YAML text, one thread");
    println!(
        "   fairrec  {} ({} violations)",
        rate(count, fairrec_time),
        fairrec_violations
    );
    println!(
        "   regorus  {} ({} violations)",
        rate(count, regorus_time),
        regorus_violations
    );
    println!(
        "   ratio fairrec/regorus (throughput): {:.2}",
        regorus_time.as_secs_f64() / fairrec_time.as_secs_f64()
    );
    assert_eq!(
        fairrec_violations, regorus_violations,
        "the two engines must agree"
    );

    // 2. The full pack, stage by stage.
    let load_start = Instant::now();
    let pack = RulePack::builtin().expect("built-in pack");
    let load = load_start.elapsed();
    let files: Vec<SourceFile> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| SourceFile::new(format!("doc{i}.yaml"), t.as_str()))
        .collect();
    let parse = best_of(3, || {
        for file in &files {
            black_box(parse_documents(file, &limits).ok());
        }
    });
    let parsed: Vec<_> = files
        .iter()
        .map(|f| parse_documents(f, &limits).expect("valid"))
        .collect();
    let validate_time = best_of(3, || {
        for (file, yaml) in files.iter().zip(&parsed) {
            black_box(validate(&pack.schema, file, 0, &yaml[0]));
        }
    });
    let documents: Vec<_> = files
        .iter()
        .zip(&parsed)
        .map(|(f, y)| {
            validate(&pack.schema, f, 0, &y[0])
                .result
                .expect("valid document")
        })
        .collect();
    let evaluate = best_of(3, || {
        for document in &documents {
            black_box(check_document(&pack, document, as_of));
        }
    });
    let results: Vec<_> = files
        .iter()
        .map(|f| check_file(&pack, f.clone(), as_of, &limits))
        .collect();
    let render = best_of(3, || {
        for result in &results {
            black_box(document_json(&pack, &result[0]).to_string());
        }
    });
    let end_to_end = best_of(3, || {
        for file in &files {
            let results = check_file(&pack, file.clone(), as_of, &limits);
            black_box(document_json(&pack, &results[0]).to_string());
        }
    });
    println!(
        "\n2. full built-in pack ({} rules), per document",
        pack.rules.len()
    );
    println!(
        "   rule-pack load        {:>9.2} ms (once)",
        load.as_secs_f64() * 1e3
    );
    for (stage, time) in [
        ("parse YAML", parse),
        ("validate", validate_time),
        ("evaluate", evaluate),
        ("render JSON", render),
        ("end to end", end_to_end),
    ] {
        println!(
            "   {stage:<20} {:>9.1} µs   {}",
            per_doc(count, time),
            rate(count, time)
        );
    }
    println!(
        "   evaluate / parse: {:.2}",
        evaluate.as_secs_f64() / parse.as_secs_f64()
    );

    // 3. Threads.
    let batch: Vec<SourceFile> = (0..10_000u64)
        .map(|k| SourceFile::new(format!("b{k}.yaml"), document(k)))
        .collect();
    let one = best_of(2, || run_threads(&pack, &batch, 1, as_of, &limits));
    let two = best_of(2, || run_threads(&pack, &batch, 2, as_of, &limits));
    println!("\n3. 10,000 documents, full pack");
    println!("   one thread   {}", rate(batch.len(), one));
    println!("   two threads  {}", rate(batch.len(), two));
    println!(
        "   speed-up two/one: {:.2}",
        one.as_secs_f64() / two.as_secs_f64()
    );
}

fn run_threads(
    pack: &RulePack,
    files: &[SourceFile],
    threads: usize,
    as_of: jiff::civil::Date,
    limits: &Limits,
) {
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for part in files.chunks(chunk) {
            scope.spawn(move || {
                for file in part {
                    let results = check_file(pack, file.clone(), as_of, limits);
                    black_box(document_json(pack, &results[0]).to_string());
                }
            });
        }
    });
}

/// The fastest of `runs` timings (the least disturbed by the rest of the machine).
fn best_of<F: FnMut()>(runs: usize, mut work: F) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn per_doc(count: usize, time: Duration) -> f64 {
    time.as_secs_f64() * 1e6 / count as f64
}

fn rate(count: usize, time: Duration) -> String {
    format!("{:>9.0} documents/s", count as f64 / time.as_secs_f64())
}
