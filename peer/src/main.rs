//! fairrec against regorus on the same seeded documents, in one run whose numbers can be
//! trusted: every timed scenario is repeated for several rounds, the engines and scenarios
//! interleaved within each round, and reported as min / median / max.
//!
//! `cargo run --release -p fairrec-peer-bench -- [N] [ROUNDS] [--100k]` measures, on three
//! variants of N documents (plain, commented and quoted, non-ASCII): five-rule throughput of
//! both engines and full-pack throughput of fairrec (YAML text → findings, one thread); the
//! stage split of each; per-rule agreement; two threads against one; the built-in pack's load
//! time in fresh processes; peak memory, of this run and of streamed checks in fresh
//! processes (`--100k`, or `PEER_BENCH_100K=1`, adds one file of 100,000 documents, which
//! takes several minutes). The last line is machine-readable. See docs/PERFORMANCE.md.

/// Both engines run in this process on the allocator the `fairrec` binary uses, so neither
/// is measured on a different allocator than the other.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod agreement;
mod batch;
mod child;
mod fairrec_side;
mod regorus_side;
mod report;
mod stats;

use std::path::Path;
use std::sync::Arc;

use fairrec::diagnostic::SourceFile;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec_corpus::Variant;

use agreement::Agreement;
use fairrec_side::{Outcomes, PackStages};
use stats::Samples;

/// The date every check is made as of.
const AS_OF: &str = "2026-06-01";
/// Fresh processes started for each pack-load measurement.
const PACK_LOAD_SPAWNS: usize = 11;
/// Documents per file in the two-threads batch.
const THREADS_PER_FILE: usize = 100;

/// One variant of the corpus and everything measured on it.
pub struct VariantRun {
    variant: Variant,
    texts: Vec<Arc<str>>,
    files: Vec<SourceFile>,
    agreement: Agreement,
    /// Full-pack outcomes, to compare a variant with the plain documents.
    full_outcomes: Vec<Result<Outcomes, String>>,
    /// Documents whose regorus value differs from the plain document's (commented variant).
    regorus_values_differ: Option<usize>,
    /// Documents per second, YAML text → findings, one thread.
    fairrec_five: Samples,
    regorus_five: Samples,
    fairrec_full: Samples,
    /// Microseconds per document, by stage.
    read_parse: Samples,
    /// granit-parser's events alone, the floor under `read_parse`.
    events_only: Samples,
    five_stages: [Samples; 3],
    full_stages: [Samples; 3],
    regorus_parse: Samples,
    regorus_evaluate: Samples,
    /// Bytes of JSON per document: five rules, full pack.
    json_bytes: [f64; 2],
}

/// What the threads and memory scenarios measured.
pub struct Batches {
    one_thread: Samples,
    two_threads: Samples,
    batch_documents: usize,
    batch_files: usize,
    pack_builtin_ms: Samples,
    pack_text_ms: Samples,
    streamed: Vec<(String, child::StreamRun)>,
    /// The 100,000-document file check, when asked for.
    hundred_k: Option<child::StreamRun>,
    run_peak_mib: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let as_of: jiff::civil::Date = AS_OF.parse().expect("AS_OF is a date");
    if child::run_sub_mode(&args, as_of) {
        return;
    }
    let positional: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let count = positional.first().copied().unwrap_or(2_000).max(1);
    let rounds = positional.get(1).copied().unwrap_or(5).max(1);
    let hundred_k = args.iter().any(|a| a == "--100k")
        || std::env::var_os("PEER_BENCH_100K").is_some_and(|v| v == "1");
    let limits = Limits::default();
    report::header(count, rounds);

    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let five = fairrec_side::five_rule_pack(here);
    let full = RulePack::builtin().expect("the built-in pack loads");
    let mut engine = regorus_side::engine(here, AS_OF);

    // Untimed first pass over each variant: the engines' conclusions, and a warm-up.
    let mut runs: Vec<VariantRun> = Vec::new();
    for variant in Variant::ALL {
        let texts: Vec<Arc<str>> = (0..count as u64)
            .map(|s| variant.document(s).into())
            .collect();
        let files = fairrec_side::source_files(&texts);
        let five_outcomes = fairrec_side::outcomes(&five, &files, as_of, &limits);
        let regorus_violations = regorus_side::violations(&mut engine, &texts);
        let regorus_values_differ = (variant == Variant::CommentedQuoted).then(|| {
            let plain = &runs[0].texts;
            plain
                .iter()
                .zip(&texts)
                .filter(|(p, v)| regorus_side::parse(p) != regorus_side::parse(v))
                .count()
        });
        runs.push(VariantRun {
            variant,
            agreement: agreement::compare(&five_outcomes, &regorus_violations),
            full_outcomes: fairrec_side::outcomes(&full, &files, as_of, &limits),
            regorus_values_differ,
            texts,
            files,
            fairrec_five: Samples::default(),
            regorus_five: Samples::default(),
            fairrec_full: Samples::default(),
            read_parse: Samples::default(),
            events_only: Samples::default(),
            five_stages: Default::default(),
            full_stages: Default::default(),
            regorus_parse: Samples::default(),
            regorus_evaluate: Samples::default(),
            json_bytes: [0.0; 2],
        });
    }
    report::agreement(&runs, full.rules.len());

    let threads_batch =
        batch::Batch::write("threads", count, THREADS_PER_FILE).expect("the batch is written");
    let batch_limits = batch::batch_limits();
    let mut one_thread = Samples::default();
    let mut two_threads = Samples::default();
    for round in 0..rounds {
        eprintln!("round {} of {rounds} ...", round + 1);
        for run in &mut runs {
            measure_round(run, &five, &full, &mut engine, as_of, &limits);
        }
        // The two thread counts in turn, the first alternating between rounds.
        let inputs = threads_batch.inputs();
        let order = if round % 2 == 0 { [1, 2] } else { [2, 1] };
        for jobs in order {
            let checked = batch::check(&full, &inputs, as_of, &batch_limits, jobs)
                .expect("the report goes to a sink, which never fails");
            assert_eq!(checked.errors, 0, "the batch checks without errors");
            let samples = if jobs == 1 {
                &mut one_thread
            } else {
                &mut two_threads
            };
            samples.push_rate(checked.documents, checked.time);
        }
    }
    report::throughput(&runs, full.rules.len());
    report::stages(&runs);

    let mut results = Batches {
        one_thread,
        two_threads,
        batch_documents: threads_batch.documents,
        batch_files: threads_batch.files.len(),
        pack_builtin_ms: Samples::default(),
        pack_text_ms: Samples::default(),
        streamed: Vec::new(),
        hundred_k: None,
        run_peak_mib: 0.0,
    };
    drop(threads_batch);
    eprintln!("pack load in fresh processes ...");
    for _ in 0..PACK_LOAD_SPAWNS {
        let builtin = child::pack_load("builtin");
        results.pack_builtin_ms.push(builtin.as_secs_f64() * 1e3);
        let text = child::pack_load("text");
        results.pack_text_ms.push(text.as_secs_f64() * 1e3);
    }
    results.run_peak_mib = child::peak_kib().unwrap_or(0) as f64 / 1024.0;
    memory_scenarios(count, hundred_k, &mut results);
    report::batches(&results);
    report::last_line(&runs[0], &results);
}

/// One round on one variant: each engine end to end, then stage by stage, in turn.
fn measure_round(
    run: &mut VariantRun,
    five: &RulePack,
    full: &RulePack,
    engine: &mut regorus::Engine,
    as_of: jiff::civil::Date,
    limits: &Limits,
) {
    let n = run.files.len();
    let time = fairrec_side::check_all(five, &run.files, as_of, limits);
    run.fairrec_five.push_rate(n, time);
    let time = regorus_side::check_all(engine, &run.texts);
    run.regorus_five.push_rate(n, time);
    let time = fairrec_side::check_all(full, &run.files, as_of, limits);
    run.fairrec_full.push_rate(n, time);

    let mut times = [PackStages::default(), PackStages::default()];
    let read_parse = fairrec_side::stages(&[five, full], &run.files, as_of, limits, &mut times);
    run.read_parse.push_micros_per(n, read_parse);
    for (stages, time) in [&mut run.five_stages, &mut run.full_stages]
        .into_iter()
        .zip(&times)
    {
        stages[0].push_micros_per(n, time.validate);
        stages[1].push_micros_per(n, time.evaluate);
        stages[2].push_micros_per(n, time.render);
    }
    run.json_bytes = times.map(|t| t.json_bytes as f64 / n as f64);
    let events = fairrec_side::events_only(&run.texts);
    run.events_only.push_micros_per(n, events);
    let (parse, evaluate) = regorus_side::stages(engine, &run.texts);
    run.regorus_parse.push_micros_per(n, parse);
    run.regorus_evaluate.push_micros_per(n, evaluate);
}

/// Peak memory of streamed checks, each in a fresh process: one file of `count` documents
/// on one thread; files of 1,000 documents on one and on two threads; and, when asked, one
/// file of 100,000 documents.
fn memory_scenarios(count: usize, hundred_k: bool, results: &mut Batches) {
    eprintln!("memory scenarios in fresh processes ...");
    let one_file = batch::Batch::write("one-file", count, count).expect("the file is written");
    let run = child::stream_check(1, &one_file.files);
    let name = format!(
        "one file of {count} documents ({:.0} MB), 1 thread",
        batch::megabytes(&one_file.files)
    );
    results.streamed.push((name, run));
    drop(one_file);
    let thousands = batch::Batch::write("thousands", 10_000, 1_000).expect("the files are written");
    for jobs in [1, 2] {
        let run = child::stream_check(jobs, &thousands.files);
        let name = format!(
            "10 files of 1,000 documents ({:.0} MB), {jobs} thread{}",
            batch::megabytes(&thousands.files),
            if jobs == 1 { "" } else { "s" }
        );
        results.streamed.push((name, run));
    }
    drop(thousands);
    if hundred_k {
        eprintln!("one file of 100,000 documents (several minutes) ...");
        let big = batch::Batch::write("100k", 100_000, 100_000).expect("the file is written");
        results.hundred_k = Some(child::stream_check(1, &big.files));
    }
}
