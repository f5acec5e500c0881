//! Measurements made in a fresh process: this same executable, started with a hidden
//! sub-mode, so that nothing the benchmark did before (caches, the allocator's heap, other
//! scenarios' peaks) colours the number. The parent reads one line of `key=value` words.
//!
//! Sub-modes: `--pack-load builtin|text` times loading the built-in pack once;
//! `--stream-check JOBS PATH...` checks files through the streaming path and reports its
//! peak resident memory (`VmHWM`, from `/proc/self/status`).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use fairrec::pack::RulePack;

use crate::batch;

/// The hidden sub-mode flags.
pub const PACK_LOAD: &str = "--pack-load";
/// See [`PACK_LOAD`].
pub const STREAM_CHECK: &str = "--stream-check";

/// Runs a sub-mode if `args` (without the program name) asks for one; `true` if it did.
pub fn run_sub_mode(args: &[String], as_of: jiff::civil::Date) -> bool {
    match args.first().map(String::as_str) {
        Some(PACK_LOAD) => {
            let start = Instant::now();
            let pack = match args.get(1).map(String::as_str) {
                Some("text") => RulePack::load(RulePack::builtin_files()),
                _ => RulePack::builtin(),
            }
            .expect("the built-in pack loads");
            let nanos = start.elapsed().as_nanos();
            println!("nanos={nanos} rules={}", pack.rules.len());
            true
        }
        Some(STREAM_CHECK) => {
            let jobs: usize = args
                .get(1)
                .and_then(|j| j.parse().ok())
                .expect("--stream-check JOBS PATH...");
            let paths: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
            let pack = RulePack::builtin().expect("the built-in pack loads");
            let limits = batch::batch_limits();
            let checked = batch::check(&pack, &batch::inputs(&paths), as_of, &limits, jobs)
                .expect("the report goes to a sink, which never fails");
            println!(
                "documents={} errors={} seconds={:.3} peak_kib={}",
                checked.documents,
                checked.errors,
                checked.time.as_secs_f64(),
                peak_kib().unwrap_or(0)
            );
            true
        }
        _ => false,
    }
}

/// This process's peak resident memory so far, in KiB (`VmHWM`); `None` where the kernel
/// does not report it.
pub fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs this executable with `args` and returns the `key=value` words of its output.
fn spawn(args: &[String]) -> Vec<(String, String)> {
    let exe = std::env::current_exe().expect("the running executable has a path");
    let output = Command::new(exe)
        .args(args)
        .output()
        .expect("the benchmark can start itself");
    assert!(
        output.status.success(),
        "sub-mode {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|word| word.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn number(words: &[(String, String)], key: &str) -> f64 {
    words
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or_else(|| panic!("the sub-mode reports `{key}`: {words:?}"))
}

/// Built-in pack load time in a fresh process: `builtin` (the compiled pack embedded at
/// build time) or `text` (parsing and checking the rule files), one spawn.
pub fn pack_load(how: &str) -> Duration {
    let words = spawn(&[PACK_LOAD.to_string(), how.to_string()]);
    Duration::from_nanos(number(&words, "nanos") as u64)
}

/// What a streamed check in a fresh process did.
pub struct StreamRun {
    /// Documents checked.
    pub documents: usize,
    /// Documents refused.
    pub errors: usize,
    /// Seconds, as the child measured them.
    pub seconds: f64,
    /// The child's peak resident memory, in MiB.
    pub peak_mib: f64,
}

/// Checks `paths` on `jobs` threads in a fresh process.
pub fn stream_check(jobs: usize, paths: &[PathBuf]) -> StreamRun {
    let mut args = vec![STREAM_CHECK.to_string(), jobs.to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let words = spawn(&args);
    StreamRun {
        documents: number(&words, "documents") as usize,
        errors: number(&words, "errors") as usize,
        seconds: number(&words, "seconds"),
        peak_mib: number(&words, "peak_kib") / 1024.0,
    }
}
