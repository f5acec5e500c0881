//! `fairrec coverage`, `fairrec basis` and `fairrec schema`: reference documents generated
//! from the pack (the schema also as JSON Schema, for editors).

use clap::ValueEnum;

use super::stop::Stop;
use super::{load_pack, print_err, print_out, use_color, ExitStatus, Format, PackArgs};
use fairrec::catalogue::{
    coverage_markdown, json_schema_text, legal_basis_markdown, schema_markdown,
};

/// Arguments of `fairrec schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = SchemaFormat::Markdown)]
    pub format: SchemaFormat,
    /// The document kind, for `--format json-schema` (agency, employer or agreement).
    #[arg(value_name = "KIND", required_if_eq("format", "json-schema"))]
    pub kind: Option<String>,
    /// The rule pack.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Formats of `fairrec schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// The field-by-field reference of every kind (docs/schema.md).
    Markdown,
    /// A JSON Schema (draft 2020-12) of one kind, for editors (docs/editors.md).
    JsonSchema,
}

/// Runs `fairrec coverage`.
pub fn coverage(args: &PackArgs) -> ExitStatus {
    match load_pack(args.rules.as_deref(), &args.overlays, u64::MAX) {
        Ok(pack) => print_out(&coverage_markdown(&pack)),
        Err(stop) => stop.report(Format::Human, use_color()),
    }
}

/// Runs `fairrec basis`.
pub fn basis(args: &PackArgs) -> ExitStatus {
    match load_pack(args.rules.as_deref(), &args.overlays, u64::MAX) {
        Ok(pack) => print_out(&legal_basis_markdown(&pack)),
        Err(stop) => stop.report(Format::Human, use_color()),
    }
}

/// Runs `fairrec schema`.
pub fn schema(args: &SchemaArgs) -> ExitStatus {
    let pack = match load_pack(args.pack.rules.as_deref(), &args.pack.overlays, u64::MAX) {
        Ok(pack) => pack,
        Err(stop) => return stop.report(Format::Human, use_color()),
    };
    match (args.format, &args.kind) {
        (SchemaFormat::Markdown, None) => print_out(&schema_markdown(&pack)),
        (SchemaFormat::Markdown, Some(_)) => {
            print_err("error: KIND is for `--format json-schema`; the Markdown reference covers every kind\n");
            ExitStatus::Failure
        }
        (SchemaFormat::JsonSchema, kind) => {
            let kind = kind.as_deref().unwrap_or_default();
            match json_schema_text(&pack, kind) {
                Some(text) => print_out(&text),
                None => {
                    let kinds = pack.schema.kinds.keys().cloned().collect();
                    let kind = kind.to_string();
                    Stop::UnknownKind { kind, kinds }.report(Format::Human, use_color())
                }
            }
        }
    }
}
