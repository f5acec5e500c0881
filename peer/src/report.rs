//! What the benchmark prints: one table per section, numbers as min / median / max over the
//! rounds, and a last line for machines (`peer-bench: five=… full=… pack_load_ms=… peak_mib=…`).

use crate::stats::Samples;
use crate::{Batches, VariantRun};

/// The machine and the load on it, read from the kernel (`/proc/loadavg`).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".to_string())
}

/// The run's parameters and the machine's state at the start.
pub fn header(count: usize, rounds: usize) {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    println!(
        "peer benchmark: fairrec against regorus {}",
        regorus_version()
    );
    println!(
        "documents: {count} per variant (seeds 0..{count}); {rounds} rounds, engines and scenarios interleaved in each"
    );
    println!(
        "machine: {cores} cores; load average (1, 5, 15 min) at start: {}",
        load_average()
    );
    if rounds < 5 {
        println!("warning: fewer than 5 rounds; medians are not meaningful");
    }
}

fn regorus_version() -> &'static str {
    // The version this crate's manifest asks for; Cargo.lock pins the exact one.
    "0.14 (YAML through yaml_serde, a libyaml port)"
}

/// Per-rule agreement of the two engines on each variant, and each variant against plain.
pub fn agreement(runs: &[VariantRun], full_rules: usize) {
    println!("\n## Agreement: documents flagged by each of the five rules");
    println!(
        "{:<17} {:<13} {:>8} {:>8} {:>10} {:>10} {:>9}",
        "variant", "rule", "fairrec", "regorus", "fr viol.", "rg viol.", "disagree"
    );
    for run in runs {
        for rule in &run.agreement.rules {
            println!(
                "{:<17} {:<13} {:>8} {:>8} {:>10} {:>10} {:>9}",
                run.variant.name(),
                rule.rule,
                rule.fairrec_documents,
                rule.regorus_documents,
                rule.fairrec_violations,
                rule.regorus_violations,
                rule.disagreements
            );
        }
    }
    for run in runs {
        let a = &run.agreement;
        println!(
            "{}: {} document(s) where the engines differ",
            run.variant.name(),
            a.differing
        );
        for mismatch in &a.mismatches {
            println!("  MISMATCH {mismatch}");
        }
    }
    let plain = &runs[0];
    for run in &runs[1..] {
        let (differing, described) =
            crate::agreement::same_as_plain(&plain.full_outcomes, &run.full_outcomes);
        println!(
            "{} against plain: full pack ({full_rules} rules) findings differ in {differing} of {} document(s)",
            run.variant.name(),
            run.files.len()
        );
        for line in described {
            println!("  DIFFERS {line}");
        }
        if let Some(differ) = run.regorus_values_differ {
            println!(
                "{} against plain: regorus's parsed values differ in {differ} document(s)",
                run.variant.name()
            );
        }
    }
}

/// Throughput of each engine on each variant, and the ratios.
pub fn throughput(runs: &[VariantRun], full_rules: usize) {
    println!("\n## Throughput: YAML text → findings, one thread (documents/s)");
    println!(
        "{:<27} {:<28} {:>9} {:>9} {:>9}",
        "variant (average size)", "engine", "min", "median", "max"
    );
    for run in runs {
        let kb = run.texts.iter().map(|t| t.len()).sum::<usize>() as f64
            / run.texts.len().max(1) as f64
            / 1024.0;
        let full = format!("fairrec, full pack ({full_rules})");
        for (engine, samples) in [
            ("fairrec, five rules", &run.fairrec_five),
            ("regorus, five rules", &run.regorus_five),
            (full.as_str(), &run.fairrec_full),
        ] {
            println!(
                "{:<27} {engine:<28} {}",
                format!("{} ({kb:.1} KB)", run.variant.name()),
                samples.triple(0)
            );
        }
        println!(
            "{:<27} ratio fairrec/regorus (median): five rules {:.2}, full pack {:.2}",
            "",
            run.fairrec_five.median() / run.regorus_five.median(),
            run.fairrec_full.median() / run.regorus_five.median()
        );
    }
}

/// Where the time goes, per variant: µs per document (median, and min–max) and share.
pub fn stages(runs: &[VariantRun]) {
    for run in runs {
        println!(
            "\n## Stages, {}: µs per document, median over rounds (min–max), share",
            run.variant.name()
        );
        println!(
            "{:<17} {:>26} {:>26} {:>26}",
            "stage", "fairrec, five rules", "fairrec, full pack", "regorus, five rules"
        );
        let none = Samples::default();
        let rows: [(&str, &Samples, &Samples, &Samples); 4] = [
            (
                "read + parse YAML",
                &run.read_parse,
                &run.read_parse,
                &run.regorus_parse,
            ),
            ("validate", &run.five_stages[0], &run.full_stages[0], &none),
            (
                "evaluate",
                &run.five_stages[1],
                &run.full_stages[1],
                &run.regorus_evaluate,
            ),
            (
                "render JSON",
                &run.five_stages[2],
                &run.full_stages[2],
                &none,
            ),
        ];
        let total = |column: usize| -> f64 {
            rows.iter()
                .map(|row| [row.1, row.2, row.3][column].median())
                .sum()
        };
        let totals = [total(0), total(1), total(2)];
        for (stage, a, b, c) in rows {
            let cells: Vec<String> = [a, b, c]
                .iter()
                .zip(totals)
                .map(|(s, total)| cell(s, total))
                .collect();
            println!("{stage:<17} {}", cells.join(" "));
        }
        println!(
            "{:<17} {:>26} {:>26} {:>26}",
            "total",
            format!("{:.1}", totals[0]),
            format!("{:.1}", totals[1]),
            format!("{:.1}", totals[2])
        );
        println!(
            "floor under fairrec's parse: granit-parser events alone {:.1} µs ({:.0}–{:.0}), {:.0}% of read + parse",
            run.events_only.median(),
            run.events_only.min(),
            run.events_only.max(),
            100.0 * run.events_only.median() / run.read_parse.median().max(1e-9)
        );
        println!(
            "JSON rendered per document: five rules {:.1} KB, full pack {:.1} KB",
            run.json_bytes[0] / 1024.0,
            run.json_bytes[1] / 1024.0
        );
    }
}

fn cell(samples: &Samples, total: f64) -> String {
    if samples.median() == 0.0 {
        return format!("{:>26}", "-");
    }
    format!(
        "{:>26}",
        format!(
            "{:.1} ({:.0}–{:.0}) {:>3.0}%",
            samples.median(),
            samples.min(),
            samples.max(),
            100.0 * samples.median() / total.max(1e-9)
        )
    )
}

/// Threads, pack load and memory.
pub fn batches(results: &Batches) {
    println!(
        "\n## Threads: {} documents in {} files, full pack, `parallel::check_in_order` as `fairrec check --format json` (documents/s)",
        results.batch_documents, results.batch_files
    );
    println!(
        "{:<17} {:>9} {:>9} {:>9}",
        "threads", "min", "median", "max"
    );
    println!("{:<17} {}", "1", results.one_thread.triple(0));
    println!("{:<17} {}", "2", results.two_threads.triple(0));
    println!(
        "speed-up two/one (medians): {:.2}",
        results.two_threads.median() / results.one_thread.median()
    );

    println!("\n## Built-in pack load, each in a fresh process (ms)");
    println!("{:<40} {:>9} {:>9} {:>9}", "how", "min", "median", "max");
    println!(
        "{:<40} {}",
        "RulePack::builtin() (compiled at build)",
        results.pack_builtin_ms.triple(2)
    );
    println!(
        "{:<40} {}",
        "RulePack::load(builtin_files()) (text)",
        results.pack_text_ms.triple(2)
    );

    println!("\n## Peak memory (VmHWM), streamed checks each in a fresh process, full pack");
    println!(
        "{:<52} {:>9} {:>9} {:>10}",
        "scenario", "documents", "seconds", "peak MiB"
    );
    let hundred_k = results
        .hundred_k
        .as_ref()
        .map(|run| ("one file of 100,000 documents, 1 thread".to_string(), run));
    for (name, run) in results
        .streamed
        .iter()
        .map(|(name, run)| (name.clone(), run))
        .chain(hundred_k)
    {
        println!(
            "{name:<52} {:>9} {:>9.1} {:>10.1}{}",
            run.documents,
            run.seconds,
            run.peak_mib,
            if run.errors > 0 {
                " (with errors!)"
            } else {
                ""
            }
        );
    }
    println!(
        "{:<52} {:>9} {:>9} {:>10.1}",
        "this whole benchmark run", "", "", results.run_peak_mib
    );
    println!("load average at the end: {}", load_average());
}

/// The machine-readable last line, with the line above saying what `peak_mib` is.
pub fn last_line(plain: &VariantRun, results: &Batches) {
    let regorus = plain.regorus_five.median();
    let peak = match &results.hundred_k {
        Some(run) => {
            println!("peak_mib: the one-file 100,000-document check (fresh process)");
            run.peak_mib
        }
        None => {
            println!(
                "peak_mib: this whole run (the 100,000-document check was skipped; --100k runs it)"
            );
            results.run_peak_mib
        }
    };
    println!(
        "peer-bench: five={:.2} full={:.2} pack_load_ms={:.2} peak_mib={:.1}",
        plain.fairrec_five.median() / regorus,
        plain.fairrec_full.median() / regorus,
        results.pack_builtin_ms.median(),
        peak
    );
}
