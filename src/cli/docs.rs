//! `fairrec coverage` and `fairrec schema`: reference documents generated from the pack.

use super::{load_pack, use_color, ExitStatus, PackArgs};
use fairrec::catalogue::{coverage_markdown, schema_markdown};

/// Runs `fairrec coverage`.
pub fn coverage(args: &PackArgs) -> ExitStatus {
    match load_pack(args.rules.as_deref(), use_color(), u64::MAX) {
        Some(pack) => {
            print!("{}", coverage_markdown(&pack));
            ExitStatus::Clean
        }
        None => ExitStatus::Failure,
    }
}

/// Runs `fairrec schema`.
pub fn schema(args: &PackArgs) -> ExitStatus {
    match load_pack(args.rules.as_deref(), use_color(), u64::MAX) {
        Some(pack) => {
            print!("{}", schema_markdown(&pack));
            ExitStatus::Clean
        }
        None => ExitStatus::Failure,
    }
}
