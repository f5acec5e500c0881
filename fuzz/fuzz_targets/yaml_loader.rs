//! Fuzzes document loading end to end: YAML parsing, validation and evaluation.
#![no_main]

use fairrec::batch::check_file;
use fairrec::diagnostic::SourceFile;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PACK: LazyLock<RulePack> = LazyLock::new(|| match RulePack::builtin() {
    Ok(pack) => pack,
    Err(_) => std::process::abort(),
});

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let file = SourceFile::new("fuzz.yaml", text);
        let _ = check_file(&PACK, file, jiff::civil::date(2026, 6, 1), &Limits::default());
    }
});
