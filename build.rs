//! Embeds the default rule pack. Every `rules/*.fr` file becomes an `include_str!` entry (for
//! tools that extend the pack with overlays), and the pack is loaded and checked here, with
//! the engine's own loader, and written in binary form so the binary starts without parsing
//! it. A rule file that does not load fails the build with its located errors.
#![allow(dead_code, unused_imports, clippy::all)]

// The loader's modules, shared with the library: they depend on nothing else in the crate.
#[path = "src/diagnostic/mod.rs"]
mod diagnostic;
#[path = "src/dsl/mod.rs"]
mod dsl;
#[path = "src/finding.rs"]
mod finding;
#[path = "src/ops.rs"]
mod ops;
#[path = "src/pack/mod.rs"]
mod pack;
#[path = "src/schema/mod.rs"]
mod schema;
#[path = "src/value/mod.rs"]
mod value;

use std::fs;
use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let rules = manifest.join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/dsl");
    println!("cargo:rerun-if-changed=src/pack");
    println!("cargo:rerun-if-changed=src/schema");
    println!("cargo:rerun-if-changed=src/value");
    println!("cargo:rerun-if-changed=src/diagnostic");
    println!("cargo:rerun-if-changed=src/ops.rs");
    println!("cargo:rerun-if-changed=src/finding.rs");
    println!("cargo:rerun-if-changed=grammar");
    let mut paths: Vec<PathBuf> = fs::read_dir(&rules)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "fr"))
        .collect();
    paths.sort();
    let mut generated = fs::File::create(out_dir.join("builtin_rules.rs"))?;
    writeln!(generated, "&[")?;
    let mut files = Vec::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .strip_prefix(&manifest)?
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            generated,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
        files.push(diagnostic::SourceFile::new(name, fs::read_to_string(path)?));
    }
    writeln!(generated, "]")?;
    let pack = match pack::RulePack::load(files.clone()) {
        Ok(pack) => pack,
        Err(errors) => {
            for error in errors.iter() {
                let (line, column) = error.line_column();
                println!(
                    "cargo:warning={}:{line}:{column}: {} [{}]",
                    error.file().name,
                    error.message(),
                    error.code()
                );
            }
            return Err(format!(
                "the built-in rule pack has {} problem(s); run `cargo run -- rules` after fixing them",
                errors.len()
            )
            .into());
        }
    };
    let bytes = pack::compiled::CompiledPack::new(pack).to_bytes()?;
    fs::write(out_dir.join("builtin_pack.bin"), bytes)?;
    Ok(())
}
