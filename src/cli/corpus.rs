//! `fairrec corpus`: writes generated documents to a folder, for benchmarks and memory tests.

use std::io::Write;

use super::{CorpusArgs, ExitStatus};
use fairrec::corpus::document;

/// Runs `fairrec corpus`.
pub fn run(args: &CorpusArgs) -> ExitStatus {
    match write_corpus(args) {
        Ok(files) => {
            eprintln!(
                "wrote {} document(s) in {files} file(s) to {}",
                args.count,
                args.out.display()
            );
            ExitStatus::Clean
        }
        Err(error) => {
            eprintln!(
                "error: cannot write the corpus to {}: {error}",
                args.out.display()
            );
            ExitStatus::Failure
        }
    }
}

fn write_corpus(args: &CorpusArgs) -> std::io::Result<u64> {
    std::fs::create_dir_all(&args.out)?;
    let per_file = args.per_file.max(1);
    let mut files = 0;
    let mut written = 0;
    while written < args.count {
        let path = args.out.join(format!("corpus-{files:06}.yaml"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for k in 0..per_file.min(args.count - written) {
            if k > 0 {
                out.write_all(b"---\n")?;
            }
            out.write_all(document(args.seed + written).as_bytes())?;
            written += 1;
        }
        out.flush()?;
        files += 1;
    }
    Ok(files)
}
