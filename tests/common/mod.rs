//! Shared helpers: run the real binary from the crate root, render results without colour.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The date every test checks documents as of, so snapshots do not change with the clock.
pub const AS_OF: &str = "2026-06-01";

/// What a run of the binary produced.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `fairrec` with `args` from the crate root.
pub fn fairrec(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_fairrec"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the fairrec binary runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// A path relative to the crate root, with forward slashes, as users would type it.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Writes `bytes` to a file in this test process's temporary folder and returns its path.
pub fn temp_file(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let dir = std::env::temp_dir().join(format!("fairrec-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path.display().to_string()
}
