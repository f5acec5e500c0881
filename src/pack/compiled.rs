//! The built-in pack compiled ahead of time: the build script loads and checks `rules/` and
//! writes the checked pack in a compact binary form, which the binary decodes at start-up
//! instead of parsing and checking the rule files again.

use serde::{Deserialize, Serialize};

use super::RulePack;
use crate::diagnostic::SourceFile;

/// A checked pack and the text of its rule files (stored once; rules point at them by name).
#[derive(Debug, Serialize, Deserialize)]
pub struct CompiledPack {
    /// The pack as checked.
    pub pack: RulePack,
    /// Each rule file's name and text.
    pub files: Vec<(String, String)>,
}

impl CompiledPack {
    /// Wraps a checked pack with the files it was loaded from.
    pub fn new(pack: RulePack, files: &[SourceFile]) -> Self {
        let files = files
            .iter()
            .map(|f| (f.name.to_string(), f.text.to_string()))
            .collect();
        Self { pack, files }
    }

    /// The bytes the build script embeds.
    pub fn to_bytes(&self) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_allocvec(self)
    }

    /// Decodes embedded bytes and gives every rule its file back.
    pub fn from_bytes(bytes: &[u8]) -> Result<RulePack, postcard::Error> {
        let compiled: CompiledPack = postcard::from_bytes(bytes)?;
        let files: Vec<SourceFile> = compiled
            .files
            .into_iter()
            .map(|(name, text)| SourceFile::new(name, text))
            .collect();
        let mut pack = compiled.pack;
        for rule in &mut pack.rules {
            if let Some(file) = files.iter().find(|f| f.name == rule.file.name) {
                rule.file = file.clone();
            }
        }
        Ok(pack)
    }
}
