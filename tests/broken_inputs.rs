//! Broken documents and broken rule packs: each must be refused with a clear error that
//! names the file, line and column, never a panic. The rendered errors are snapshotted.

mod common;
use common::{fairrec, relative, AS_OF};

#[test]
fn broken_documents_are_refused_with_a_located_error() {
    insta::glob!("broken-documents/*.yaml", |path| {
        let file = relative(path);
        let run = fairrec(&["check", &file, "--as-of", AS_OF]);
        assert_eq!(run.code, 2, "{file} should be refused:\n{}", run.stdout);
        assert!(
            run.stdout.contains(&format!("[{file}:")),
            "{file}: no file:line:col in\n{}",
            run.stdout
        );
        insta::assert_snapshot!(run.stdout);
    });
}

#[test]
fn broken_rule_packs_are_refused_with_a_located_error() {
    insta::glob!("broken-rules/*", |path| {
        if !path.is_dir() {
            return;
        }
        let dir = relative(path);
        let run = fairrec(&[
            "check",
            "--rules",
            &dir,
            "examples/agency-philippines-hongkong-compliant.yaml",
        ]);
        assert_eq!(run.code, 2, "{dir} should be refused:\n{}", run.stdout);
        assert!(
            run.stdout.is_empty(),
            "no document may be checked with a broken pack"
        );
        assert!(
            run.stderr.contains(&format!("[{dir}/")),
            "{dir}: no location in\n{}",
            run.stderr
        );
        insta::assert_snapshot!(run.stderr);
    });
}
