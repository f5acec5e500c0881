//! `fairrec check-rules`: loads a rule pack or an overlay and lints it (see the library's
//! `lint` module): findings are listed as `file:line:column: message [code]`, with advice.
//! Exit 1 on findings, 2 when the rules do not load or the fixtures cannot be read.

use std::path::PathBuf;

use super::stop::Stop;
use super::test::{parse_as_of, stdout_color};
use super::{print_err, print_out, ExitStatus, Format};
use fairrec::diagnostic::{escape, SourceFile};
use fairrec::fixture::expectations_below;
use fairrec::lint::{is_overlay, lint, LintInput, ALLOW_FILE};
use fairrec::pack::{read_rule_files, OverlayFiles, RulePack};
use fairrec::report::human::render_diagnostic;

/// Arguments of `fairrec check-rules`.
#[derive(Debug, clap::Args)]
pub struct CheckRulesArgs {
    /// The folder of rule files: a pack, or an overlay (its files say `overlay "..."`), which
    /// is loaded on top of the built-in pack (or `--rules`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// For an overlay: the pack it goes on top of, instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Where the fixtures are (repeatable) [default: DIR itself, and DIR/../tests/fixtures when
    /// it exists].
    #[arg(long = "fixtures", value_name = "PATH")]
    pub fixtures: Vec<PathBuf>,
    /// The date documented examples are checked as of [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

/// Runs `fairrec check-rules`.
pub fn run(args: &CheckRulesArgs) -> ExitStatus {
    let color = stdout_color();
    let as_of = match parse_as_of(args.as_of.as_deref()) {
        Ok(date) => date,
        Err(stop) => return stop.report(Format::Human, color),
    };
    let limits = fairrec::limits::Limits::default();
    let loaded = read_rule_files(&args.dir, limits.max_rule_pack_bytes).and_then(|files| {
        let overlay = is_overlay(&files);
        let pack = if overlay {
            let base = match &args.rules {
                Some(dir) => read_rule_files(dir, limits.max_rule_pack_bytes)?,
                None => RulePack::builtin_files(),
            };
            let layer = OverlayFiles {
                dir: args.dir.display().to_string(),
                files: files.clone(),
            };
            RulePack::load_layers(base, vec![layer])?
        } else {
            RulePack::load(files.clone())?
        };
        Ok((pack, files, overlay))
    });
    let (pack, files, overlay) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return Stop::Pack(error).report(Format::Human, color),
    };
    if args.rules.is_some() && !overlay {
        print_err(&format!(
            "error: `{}` is a rule pack, not an overlay; `--rules` only names the pack an overlay goes on top of\n",
            escape(&args.dir.display().to_string())
        ));
        return ExitStatus::Failure;
    }
    let fixture_paths = if args.fixtures.is_empty() {
        let beside = args.dir.join("..").join("tests").join("fixtures");
        let mut paths = vec![args.dir.clone()];
        if beside.is_dir() {
            paths.push(beside);
        }
        paths
    } else {
        args.fixtures.clone()
    };
    let (fixtures, errors) = expectations_below(&fixture_paths, &limits);
    if !errors.is_empty() {
        let rendered: String = errors.iter().map(|e| render_diagnostic(e, color)).collect();
        print_out(&rendered);
        print_err("error: the fixtures could not be read; nothing was linted\n");
        return ExitStatus::Failure;
    }
    let allow_path = args.dir.join(ALLOW_FILE);
    let allow_file = std::fs::read_to_string(&allow_path)
        .ok()
        .map(|text| SourceFile::new(allow_path.display().to_string(), text));
    let report = lint(&LintInput {
        pack: &pack,
        files: &files,
        fixtures: &fixtures,
        as_of,
        allow: allow_file.as_ref(),
    });
    let mut out = String::new();
    for finding in &report.findings {
        let (line, column) = finding.line_column();
        out.push_str(&format!(
            "{}:{line}:{column}: {} [{}]\n",
            escape(&finding.file().name),
            finding.message(),
            finding.code()
        ));
        if let Some(help) = finding.help() {
            out.push_str(&format!("  help: {help}\n"));
        }
    }
    let rules = pack
        .rules
        .iter()
        .filter(|r| !overlay || r.overlay.is_some())
        .count();
    let what = if overlay { "overlay" } else { "pack" };
    let allowed = match (report.allowed, &allow_file) {
        (0, _) | (_, None) => String::new(),
        (n, Some(file)) => format!("; {n} allowed by {}", escape(&file.name)),
    };
    out.push_str(&format!(
        "check-rules: {} finding(s) in the {what}'s {rules} rule(s), {} fixture expectation(s) read{allowed}\n",
        report.findings.len(),
        fixtures.len()
    ));
    let printed = print_out(&out);
    if printed != ExitStatus::Clean {
        ExitStatus::Failure
    } else if report.findings.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Findings
    }
}
