//! Fuzzes the rule-language parser and checker: any text appended to the built-in pack.
#![no_main]

use fairrec::diagnostic::SourceFile;
use fairrec::pack::RulePack;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut files = RulePack::builtin_files();
        files.push(SourceFile::new("fuzz.fr", text));
        let _ = RulePack::load(files);
    }
});
