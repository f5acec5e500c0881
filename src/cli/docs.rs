//! `fairrec coverage` and `fairrec schema`: reference documents generated from the pack.

use super::{load_pack, print_out, use_color, ExitStatus, Format, PackArgs};
use fairrec::catalogue::{coverage_markdown, legal_basis_markdown, schema_markdown};

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
pub fn schema(args: &PackArgs) -> ExitStatus {
    match load_pack(args.rules.as_deref(), &args.overlays, u64::MAX) {
        Ok(pack) => print_out(&schema_markdown(&pack)),
        Err(stop) => stop.report(Format::Human, use_color()),
    }
}
