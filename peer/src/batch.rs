//! Batches on disk, checked as `fairrec check --format json` checks them: the library's
//! streaming path (`batch::index_run`, then `parallel::check_in_order`, which reads each
//! file one document at a time), with the JSON report written to nowhere.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fairrec::batch::Checked;
use fairrec::inputs::Input;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::parallel::check_in_order;
use fairrec::report::collect;
use fairrec::report::json::JsonReport;
use fairrec::report::summary::SummaryBuilder;
use fairrec_corpus::Variant;
use jiff::civil::Date;

/// Generated documents written to files in a folder of their own, removed when dropped.
pub struct Batch {
    dir: PathBuf,
    /// The files, in order.
    pub files: Vec<PathBuf>,
    /// How many documents they hold.
    pub documents: usize,
}

impl Batch {
    /// Writes `count` plain documents (seeds `0..count`), `per_file` to a file separated by
    /// `---`, into a new folder `name` under the system's temporary folder.
    pub fn write(name: &str, count: usize, per_file: usize) -> io::Result<Batch> {
        let dir =
            std::env::temp_dir().join(format!("fairrec-peer-bench-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let mut batch = Batch {
            dir,
            files: Vec::new(),
            documents: count,
        };
        let per_file = per_file.max(1);
        for first in (0..count).step_by(per_file) {
            let path = batch
                .dir
                .join(format!("batch-{:06}.yaml", first / per_file));
            let mut out = BufWriter::new(std::fs::File::create(&path)?);
            for seed in first..(first + per_file).min(count) {
                if seed > first {
                    out.write_all(b"---\n")?;
                }
                out.write_all(Variant::Plain.document(seed as u64).as_bytes())?;
            }
            out.flush()?;
            batch.files.push(path);
        }
        Ok(batch)
    }

    /// The files as inputs of a check.
    pub fn inputs(&self) -> Vec<Input> {
        inputs(&self.files)
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Best effort: a folder left in the temporary folder harms nothing.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The paths as inputs of a check.
pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    paths.iter().cloned().map(Input::File).collect()
}

/// Limits for batch files: the defaults, with files of any size (a file of 100,000
/// generated documents is 687 MB; one document at a time is read regardless).
pub fn batch_limits() -> Limits {
    Limits {
        max_file_bytes: u64::MAX,
        ..Limits::default()
    }
}

/// What a streamed check did.
pub struct BatchRun {
    /// Documents checked.
    pub documents: usize,
    /// Documents that could not be checked.
    pub errors: usize,
    /// Wall-clock time, from indexing the run to the end of the report.
    pub time: Duration,
}

/// Checks `inputs` on `jobs` threads as `fairrec check --format json` does (report model,
/// summary, JSON written as it comes), the report going to a sink; counts what was checked.
pub fn check(
    pack: &RulePack,
    inputs: &[Input],
    as_of: Date,
    limits: &Limits,
    jobs: usize,
) -> io::Result<BatchRun> {
    let start = Instant::now();
    let header = collect::header(Some(pack), Some(&as_of.to_string()));
    let mut json = JsonReport::start(BufWriter::new(io::sink()), &header)?;
    let mut summary = SummaryBuilder::default();
    let mut files = Vec::new();
    let index = fairrec::batch::index_run(pack, inputs, limits);
    check_in_order(pack, inputs, as_of, limits, jobs, &index, |checked| {
        let result = match checked {
            Checked::Input(file) => {
                files.push(file);
                return Ok(());
            }
            Checked::Document(result) => result,
        };
        let document = collect::document(&result);
        summary.add(&header, &document, &result.findings.figures);
        json.document(&header, &document)
    })?;
    let summary = summary.finish(&header);
    json.finish(&header, &[], &files, &summary)?.flush()?;
    Ok(BatchRun {
        documents: summary.totals.documents,
        errors: summary.totals.errors,
        time: start.elapsed(),
    })
}

/// A file's size in MB (0 when it cannot be read).
pub fn megabytes(paths: &[PathBuf]) -> f64 {
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(Path::new(p)).ok())
        .map(|m| m.len())
        .sum();
    bytes as f64 / 1e6
}
