//! fairrec: checks recruitment practices against the ILO fair-recruitment principles.
//!
//! The engine is general — typed declarative rules over YAML documents — and knows nothing
//! about recruitment; the ILO content is the rule pack in `rules/`. One way through:
//!
//! ```text
//! dsl      rule text → typed syntax tree (pest)
//! schema   the document kinds, records and enums the pack declares
//! pack     syntax → checked rules (names resolved, types checked), overlays applied
//! document YAML → span-keeping nodes → values validated against a kind
//! eval     (pack, document, date, run index) → findings, in Kleene logic
//! finding  what a rule concluded about a document
//! audit    waivers in force turn findings `waived`; an earlier report says what is new,
//!          unchanged and resolved, by each document's stable id
//! report   findings → one report model → what people and tools read (human, JSON,
//!          SARIF, Markdown, CSV, JUnit), with summaries over the run
//! ```
//!
//! `value` (money, code tables, conversion), `ops` (the operators) and `diagnostic` (source
//! files, located errors, error codes, text hygiene) sit under all of them. `inputs` turns
//! paths into the files to check, and `batch` and `parallel` run the pipeline over them,
//! one document at a time; `digest` hashes each input as it is read. The rule author's tools
//! sit beside the pipeline: `fixture` runs documents that state what the rules must conclude,
//! `formatter` lays rule files out canonically, `lint` checks a pack for what loading does not
//! refuse. The public entry points are
//! [`pack::RulePack`], [`batch::check_file`] / [`batch::check_files`] and the reports; the
//! command line lives in the binary (`src/main.rs`, `src/cli/`).
#![deny(clippy::unwrap_used)]

pub mod audit;
pub mod document;
pub(crate) mod dsl;
pub mod eval;
pub mod explain;
pub mod finding;
pub mod pack;
pub mod report;
pub mod schema;

pub mod diagnostic;
pub mod ops;
pub mod value;

pub mod batch;
mod builtin;
pub mod catalogue;
pub mod digest;
pub mod fixture;
pub mod formatter;
pub mod inputs;
pub mod limits;
pub mod lint;
pub mod parallel;
