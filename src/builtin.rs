//! The built-in rule pack, embedded in the binary: the checked pack the build script compiled
//! (decoded in about a millisecond), and the rule files' text, which its rules point into and
//! tools that extend it use (overlays are checked together with the pack's own files).

use crate::diagnostic::SourceFile;
use crate::pack::compiled::CompiledPack;
use crate::pack::{PackLoadError, RulePack};

/// The rule files of `rules/`, as text.
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The same files, loaded and checked by the build script.
const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_pack.bin"));

impl RulePack {
    /// The default pack, embedded in the binary.
    pub fn builtin() -> Result<RulePack, PackLoadError> {
        match CompiledPack::from_bytes(COMPILED, &RulePack::builtin_files()) {
            Ok(pack) => Ok(pack),
            // The build wrote these bytes from this very code; should they not decode, the
            // pack is loaded from its text instead of failing.
            Err(_) => RulePack::load(RulePack::builtin_files()),
        }
    }

    /// The rule files of the default pack, for tools that extend it.
    pub fn builtin_files() -> Vec<SourceFile> {
        BUILTIN
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_pack_is_the_pack_the_text_gives() {
        let files = RulePack::builtin_files();
        let decoded = CompiledPack::from_bytes(COMPILED, &files);
        assert!(decoded.is_ok(), "{:?}", decoded.err());
        let from_text = RulePack::load(files.clone()).map_err(|e| e.to_string());
        let again = from_text.map(|pack| CompiledPack::new(pack).to_bytes());
        assert!(
            matches!(&again, Ok(Ok(bytes)) if bytes.as_slice() == COMPILED),
            "the embedded pack differs from loading rules/ now"
        );
    }
}
