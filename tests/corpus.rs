//! The generated corpus (the `fairrec-corpus` dev tool) stays valid for the built-in schema,
//! so benchmarks and memory measurements time real checks, not error entries.

use fairrec::batch::check_file;
use fairrec::diagnostic::SourceFile;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;

#[test]
fn generated_documents_are_valid_and_get_findings() {
    let pack = RulePack::builtin().expect("built-in rules load");
    for seed in 0..30 {
        let file = SourceFile::new(
            format!("corpus-{seed}.yaml"),
            fairrec_corpus::document(seed),
        );
        let results = check_file(
            &pack,
            file,
            jiff::civil::date(2026, 6, 1),
            &Limits::default(),
        );
        assert_eq!(results.len(), 1, "document {seed} is one YAML document");
        let result = &results[0];
        assert!(
            result.errors.is_empty(),
            "document {seed} is refused: {}",
            result.errors[0].message()
        );
        assert!(
            !result.findings.passed.is_empty(),
            "document {seed}: rules were evaluated"
        );
    }
}
