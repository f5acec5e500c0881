//! Rule packs: rule files → a checked [`RulePack`] (schema, citations, parameters, named
//! conditions, rules), optionally extended by national overlays.
//!
//! Every file is parsed and every declaration checked; all problems are reported together,
//! and a pack with any problem is refused whole, so no rule can silently drop out.

pub(crate) mod check;
mod citations;
pub mod compiled;
mod declare;
mod figure;
mod files;
pub mod ir;
mod layers;
mod params;
mod rule;

use indexmap::IndexMap;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

use self::ir::{Const, InstrumentCite, Rule, Ty};
use crate::diagnostic::{SourceError, SourceFile};

use crate::schema::Schema;
pub use files::read_rule_files;

/// A general principle the pack cites.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Principle {
    /// Our short title.
    pub title: String,
    /// Its documentation.
    pub docs: String,
}

/// An operational guideline the pack cites.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Guideline {
    /// The actor group it is addressed to.
    pub actor: String,
    /// Our short title.
    pub title: String,
    /// Its documentation.
    pub docs: String,
}

/// A convention, named standard, national act or statement of practice rules may cite.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Instrument {
    /// `convention`, `standard`, `guidance`, `national_law` or `practice`.
    pub category: String,
    /// Its full title.
    pub title: String,
    /// Its documentation.
    pub docs: String,
}

/// The instrument categories a pack may declare.
pub const INSTRUMENT_CATEGORIES: [&str; 5] = [
    "convention",
    "standard",
    "guidance",
    "national_law",
    "practice",
];

/// A parameter with its value.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Param {
    /// `min_days`
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Its value.
    pub value: Const,
    /// Its documentation.
    pub docs: String,
    /// Where the value comes from.
    pub source: ParamSource,
}

/// Where a parameter's value comes from; every report prints it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ParamSource {
    /// The pack's own default.
    Default,
    /// Set by an overlay (index in [`RulePack::overlays`]), citing its source.
    Overlay {
        /// Which overlay.
        overlay: usize,
        /// The instruments cited for the value.
        cites: Vec<InstrumentCite>,
    },
}

/// A national overlay: rules and parameter values of one jurisdiction on top of the pack.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Overlay {
    /// Its name, from `overlay "..."`.
    pub name: String,
    /// The jurisdiction whose law it states.
    pub jurisdiction: String,
    /// The folder it was read from.
    pub dir: String,
    /// A short hash of its files.
    pub hash: String,
    /// What it is, from the `///` lines before `overlay`.
    pub docs: String,
}

/// A rule an overlay switched off, with the justification every report prints.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DisabledRule {
    /// The rule's id.
    pub id: String,
    /// The rule's title.
    pub title: String,
    /// The overlay that disabled it.
    pub overlay: usize,
    /// Why.
    pub because: String,
}

/// A loaded, checked rule pack.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RulePack {
    /// Document kinds, records and enums.
    pub schema: Schema,
    /// Principles by number.
    pub principles: BTreeMap<u32, Principle>,
    /// Guidelines by id.
    pub guidelines: IndexMap<String, Guideline>,
    /// Other instruments by id.
    pub instruments: IndexMap<String, Instrument>,
    /// Parameters, by index.
    pub params: Vec<Param>,
    /// Named conditions and their documentation, for readers of `explain`.
    pub conditions: IndexMap<String, String>,
    /// Rules in id order (disabled rules left out).
    pub rules: Vec<Rule>,
    /// Figures every report shows, in declaration order.
    pub figures: Vec<ir::Figure>,
    /// The overlays applied, in order.
    pub overlays: Vec<Overlay>,
    /// Rules the overlays switched off.
    pub disabled: Vec<DisabledRule>,
    /// A short hash of every rule file, overlays included, reported with every result.
    pub hash: String,
}

/// The rule files of one overlay folder.
#[derive(Debug, Clone)]
pub struct OverlayFiles {
    /// The folder, as given.
    pub dir: String,
    /// Its `.fr` files.
    pub files: Vec<SourceFile>,
}

/// Why a rule pack could not be used: every problem found, each located.
#[derive(Debug, Clone)]
pub struct PackLoadError {
    /// The problems, in file order.
    pub errors: Vec<SourceError>,
}

impl std::fmt::Display for PackLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the rule pack has {} problem(s); no document was checked",
            self.errors.len()
        )
    }
}

impl std::error::Error for PackLoadError {}

impl miette::Diagnostic for PackLoadError {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.errors.iter().map(|e| e as &dyn miette::Diagnostic),
        ))
    }
}

/// The problems as a slice, so callers can count, iterate and inspect them.
impl std::ops::Deref for PackLoadError {
    type Target = [SourceError];
    fn deref(&self) -> &[SourceError] {
        &self.errors
    }
}

impl IntoIterator for PackLoadError {
    type Item = SourceError;
    type IntoIter = std::vec::IntoIter<SourceError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl From<Vec<SourceError>> for PackLoadError {
    fn from(errors: Vec<SourceError>) -> Self {
        Self { errors }
    }
}

impl RulePack {
    /// Reads every `*.fr` file in `dir` (sorted by name) and loads them as one pack.
    pub fn from_dir(dir: &Path, max_bytes: u64) -> Result<RulePack, PackLoadError> {
        RulePack::load(read_rule_files(dir, max_bytes)?)
    }

    /// Parses and checks the given rule files as one pack.
    pub fn load(files: Vec<SourceFile>) -> Result<RulePack, PackLoadError> {
        RulePack::load_layers(files, Vec::new())
    }

    /// Parses and checks a pack and the overlays on top of it, in order: overlays add rules
    /// and instruments, set parameters (citing their source) and disable rules (with a
    /// justification).
    pub fn load_layers(
        base: Vec<SourceFile>,
        overlays: Vec<OverlayFiles>,
    ) -> Result<RulePack, PackLoadError> {
        layers::load(base, overlays).map_err(PackLoadError::from)
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Where a parameter's value comes from, in words: "fairrec default" or the overlay and
    /// the instruments it cites.
    pub fn param_source(&self, param: &Param) -> String {
        match &param.source {
            ParamSource::Default => "fairrec default".to_string(),
            ParamSource::Overlay { overlay, cites } => {
                let name = self
                    .overlays
                    .get(*overlay)
                    .map_or("an overlay", |o| o.name.as_str());
                let cited: Vec<String> = cites.iter().map(|c| self.cite_text(c)).collect();
                format!("overlay \"{name}\": {}", cited.join("; "))
            }
        }
    }

    /// An instrument citation in words: `Freedonia Recruitment Act 2031, art. 12`.
    pub fn cite_text(&self, cite: &InstrumentCite) -> String {
        let title = self
            .instruments
            .get(&cite.id)
            .map_or(cite.id.as_str(), |i| i.title.as_str());
        match &cite.pinpoint {
            Some(pinpoint) => format!("{title}, {pinpoint}"),
            None => title.to_string(),
        }
    }

    /// Everything a rule rests on, in short form: `GP11, OG.REC.NO_DOC_RETENTION, C181 Art. 9`.
    pub fn basis_short(&self, rule: &Rule) -> Vec<String> {
        let mut out: Vec<String> = rule.principles.iter().map(|p| format!("GP{p}")).collect();
        out.extend(rule.guidelines.iter().cloned());
        out.extend(rule.instruments.iter().map(|c| match &c.pinpoint {
            Some(pinpoint) => format!("{} {pinpoint}", c.id),
            None => c.id.clone(),
        }));
        out
    }
}

/// Sorts `FR-GP5-001` before `FR-GP11-001`: digit runs compare as numbers.
pub(crate) fn natural_key(id: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in id.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                key.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    key.push((text, digits.parse().unwrap_or(0)));
    key
}

/// A short, order-independent hash of rule files (by base name and text).
pub(crate) fn hash_files<'a>(files: impl IntoIterator<Item = &'a SourceFile>) -> String {
    let mut hasher = Sha256::new();
    let mut sorted: Vec<&SourceFile> = files.into_iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for file in sorted {
        let base = file.name.rsplit('/').next().unwrap_or(&file.name);
        hasher.update(base.as_bytes());
        hasher.update([0]);
        hasher.update(file.text.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}
