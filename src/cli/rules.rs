//! `fairrec rules` and `fairrec explain`: the rule pack as a reader sees it.

use super::stop::Stop;
use super::{
    load_pack, print_err, print_out, use_color, ExitStatus, ExplainArgs, Format, RulesArgs,
};
use fairrec::catalogue::{explain, rules_json, rules_table, select};
use fairrec::diagnostic::{did_you_mean, escape, json_safe};

/// Runs `fairrec rules`.
pub fn list(args: &RulesArgs) -> ExitStatus {
    let pack = match load_pack(args.pack.rules.as_deref(), &args.pack.overlays, u64::MAX) {
        Ok(pack) => pack,
        Err(stop) => return stop.report(args.format, use_color()),
    };
    if let Some(kind) = &args.kind {
        if !pack.schema.kinds.contains_key(kind) {
            let kinds = pack.schema.kinds.keys().cloned().collect();
            let kind = kind.clone();
            return Stop::UnknownKind { kind, kinds }.report(args.format, use_color());
        }
    }
    let rules = select(&pack, args.principle, args.kind.as_deref());
    match args.format {
        Format::Json => print_out(&format!("{}\n", json_safe(&rules_json(&rules).to_string()))),
        Format::Human => print_out(&rules_table(&rules)),
    }
}

/// Runs `fairrec explain`.
pub fn run_explain(args: &ExplainArgs) -> ExitStatus {
    let pack = match load_pack(args.pack.rules.as_deref(), &args.pack.overlays, u64::MAX) {
        Ok(pack) => pack,
        Err(stop) => return stop.report(Format::Human, use_color()),
    };
    match pack.rule(&args.id) {
        Some(_) if args.document.is_some() => super::explain::run(args, &pack),
        Some(rule) => print_out(&explain(&pack, rule)),
        None => {
            let suggestion = did_you_mean(&args.id, pack.rules.iter().map(|r| r.id.as_str()))
                .unwrap_or_else(|| "`fairrec rules` lists them".to_string());
            print_err(&format!(
                "error: there is no rule `{}`; {suggestion}\n",
                escape(&args.id)
            ));
            ExitStatus::Failure
        }
    }
}
