//! Where code may live: the library stays free of the command line, so tools that embed
//! fairrec do not pull in clap. Only `src/main.rs` and `src/cli/` may use it.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_binary_mentions_clap() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "the walk found the sources");
    let offenders: Vec<String> = files
        .iter()
        .filter(|path| *path != &src.join("main.rs") && !path.starts_with(src.join("cli")))
        .filter(|path| {
            std::fs::read_to_string(path)
                .expect("source file")
                .to_lowercase()
                .contains("clap")
        })
        .map(|path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "library code mentions clap (the command line belongs in src/main.rs or src/cli/): {offenders:?}"
    );
}
