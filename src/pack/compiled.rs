//! The built-in pack compiled ahead of time: the build script loads and checks `rules/` and
//! writes the checked pack in a compact binary form, which the binary decodes at start-up
//! instead of parsing and checking the rule files again. The rule files' text is not in it:
//! the binary embeds that text anyway (for overlays), as string literals that need no
//! decoding or UTF-8 check, so rules are given their files from there.

use serde::{Deserialize, Serialize};

use super::RulePack;
use crate::diagnostic::SourceFile;

/// A checked pack; its rules name their files, whose text is given back on decoding.
#[derive(Debug, Serialize, Deserialize)]
pub struct CompiledPack {
    /// The pack as checked.
    pub pack: RulePack,
}

impl CompiledPack {
    /// Wraps a checked pack.
    pub fn new(pack: RulePack) -> Self {
        Self { pack }
    }

    /// The bytes the build script embeds.
    pub fn to_bytes(&self) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_allocvec(self)
    }

    /// Decodes embedded bytes and gives every rule its file back from `files`, the rule
    /// files the pack was compiled from.
    pub fn from_bytes(bytes: &[u8], files: &[SourceFile]) -> Result<RulePack, postcard::Error> {
        let compiled: CompiledPack = postcard::from_bytes(bytes)?;
        let mut pack = compiled.pack;
        for rule in &mut pack.rules {
            if let Some(file) = files.iter().find(|f| f.name == rule.file.name) {
                rule.file = file.clone();
            }
        }
        Ok(pack)
    }
}
