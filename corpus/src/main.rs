//! `fairrec-corpus`: writes generated documents to a folder, for benchmarks and memory tests.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use fairrec_corpus::Variant;

/// Writes a seeded corpus of generated agency and employer documents (for benchmarks).
#[derive(Debug, Parser)]
#[command(name = "fairrec-corpus", version)]
struct Args {
    /// How many documents.
    #[arg(long, default_value_t = 1000)]
    count: u64,
    /// Documents per file (`---` separated).
    #[arg(long, default_value_t = 100)]
    per_file: u64,
    /// The first seed; document k uses seed + k.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How the documents are written: plain, commented (comments, quoted strings) or
    /// non-ascii (names in Devanagari, Arabic and accented Latin).
    #[arg(long, default_value = "plain", value_parser = ["plain", "commented", "non-ascii"])]
    variant: String,
    /// The folder to write into (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match write_corpus(&args) {
        Ok(files) => {
            eprintln!(
                "wrote {} document(s) in {files} file(s) to {}",
                args.count,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "error: cannot write the corpus to {}: {error}",
                args.out.display()
            );
            ExitCode::from(2)
        }
    }
}

fn write_corpus(args: &Args) -> std::io::Result<u64> {
    std::fs::create_dir_all(&args.out)?;
    let variant = match args.variant.as_str() {
        "commented" => Variant::CommentedQuoted,
        "non-ascii" => Variant::NonAscii,
        _ => Variant::Plain,
    };
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
            out.write_all(variant.document(args.seed + written).as_bytes())?;
            written += 1;
        }
        out.flush()?;
        files += 1;
    }
    Ok(files)
}
