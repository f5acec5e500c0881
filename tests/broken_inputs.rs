//! Broken documents, and broken rule files loaded on top of the built-in pack: each must be
//! refused with a clear error that names the file, line and column, never a panic. The
//! rendered errors are snapshotted. A broken rule case is one `tests/broken-rules/*.fr` file
//! holding just the broken declaration, so it cannot drift from the real pack.

mod common;
use common::{fairrec, relative, AS_OF};

use fairrec::diagnostic::SourceFile;
use fairrec::pack::RulePack;
use fairrec::report::human::render_diagnostic;

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
        // The pack's hash changes with every rule; the report around it must not.
        insta::with_settings!({filters => vec![(r"Rule pack [0-9a-f]{16}", "Rule pack [hash]"), (r"fairrec \d+\.\d+\.\d+ ·", "fairrec [version] ·")]}, {
        insta::assert_snapshot!(run.stdout);
            });
    });
}

#[test]
fn broken_rule_files_are_refused_with_a_located_error() {
    insta::glob!("broken-rules/*.fr", |path| {
        let name = relative(path);
        let text = std::fs::read_to_string(path).expect("case file");
        let mut files = RulePack::builtin_files();
        files.push(SourceFile::new(name.as_str(), text.as_str()));
        let errors = match RulePack::load(files) {
            Ok(_) => panic!("{name} should be refused on top of the built-in pack"),
            Err(errors) => errors,
        };
        let rendered: Vec<String> = errors
            .iter()
            .map(|error| render_diagnostic(error, false))
            .collect();
        let lines = text.lines().count() + 1;
        let located = errors.iter().zip(&rendered).any(|(error, shown)| {
            let (line, column) = error.line_column();
            *error.file().name == *name
                && line <= lines
                && shown.contains(&format!("[{name}:{line}:{column}]"))
        });
        assert!(
            located,
            "{name}: no error shows a place in the case file:\n{}",
            rendered.concat()
        );
        assert!(
            errors.iter().all(|error| *error.file().name == *name),
            "{name}: the break must not show up as errors in the built-in files:\n{}",
            rendered.concat()
        );
        insta::assert_snapshot!(rendered.concat());
    });
}
