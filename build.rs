//! Embeds the default rule pack: every `rules/*.fr` file becomes an `include_str!` entry.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let rules = manifest.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<PathBuf> = fs::read_dir(&rules)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "fr"))
        .collect();
    files.sort();
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("builtin_rules.rs");
    let mut generated = fs::File::create(out)?;
    writeln!(generated, "&[")?;
    for path in files {
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
    }
    writeln!(generated, "]")?;
    Ok(())
}
