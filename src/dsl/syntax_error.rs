//! pest errors → [`SourceError`]: file name, byte span, and "expected ..." in the words a
//! rule author uses (pest's own `into_miette` names no file and shows grammar rule names).

use pest::error::{Error, ErrorVariant, InputLocation};

use super::parser::Rule;
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};

/// Converts a pest error on `file` into a diagnostic.
pub(crate) fn syntax_error(file: &SourceFile, error: Error<Rule>) -> SourceError {
    let span = match error.location {
        InputLocation::Pos(position) => Span::new(position, next_token_len(&file.text, position)),
        InputLocation::Span((start, end)) => Span::between(start, end),
    };
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found = found_text(&file.text, span.start);
    SourceError::new(
        ErrorCode::RulesSyntax,
        file,
        span,
        format!("invalid rule syntax: expected {expected}, found {found}"),
    )
    .with_label(format!("expected {expected}"))
    .with_help("the rule language is described in docs/rule-language.md")
}

/// The length of the word or symbol at `position`, so the underline covers it.
fn next_token_len(text: &str, position: usize) -> usize {
    let rest = text.get(position..).unwrap_or("");
    let word: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

fn found_text(text: &str, position: usize) -> String {
    let rest = text.get(position..).unwrap_or("");
    match rest.chars().next() {
        None => "the end of the file".to_string(),
        Some('\n') | Some('\r') => "the end of the line".to_string(),
        Some(_) => {
            let len = next_token_len(text, position);
            format!("`{}`", &rest[..len])
        }
    }
}

/// "a or b", "a, b or c", de-duplicated, in a stable order.
fn describe(rules: &[Rule]) -> String {
    let mut names: Vec<&str> = rules.iter().map(|r| rule_name(*r)).collect();
    // A rule body may also end here; pest lists rules, not the literal `}`.
    if rules.contains(&Rule::title_item) || rules.contains(&Rule::kw_title) {
        names.push("`}`");
    }
    names.sort_unstable();
    names.dedup();
    match names.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// How each grammar rule is named to a rule author.
fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::enum_decl => "`enum`",
        Rule::record_decl => "`record`",
        Rule::kind_decl => "`kind`",
        Rule::principle_decl => "`principle`",
        Rule::guideline_decl => "`guideline`",
        Rule::param_decl => "`param`",
        Rule::rule_decl => "`rule`",
        Rule::doc_line | Rule::docs => "a `///` documentation line",
        Rule::enum_value | Rule::ident => "a name",
        Rule::field_decl => "a field such as `paid_by: Payer`",
        Rule::optional_mark => "`?`",
        Rule::personal_mark | Rule::kw_personal => "`personal`",
        Rule::type_expr | Rule::list_type => "a type such as `text` or `list<Cost>`",
        Rule::guideline_id => "a guideline id such as `OG.REC.NO_FEES`",
        Rule::citation | Rule::cite_id => "a citation such as `GP7` or `C181 \"Art. 7\"`",
        Rule::instrument_decl | Rule::kw_instrument => "`instrument`",
        Rule::condition_decl | Rule::kw_condition => "`condition`",
        Rule::condition_param => "a parameter such as `cost: Cost`",
        Rule::overlay_decl | Rule::kw_overlay => "`overlay`",
        Rule::set_decl | Rule::kw_set => "`set`",
        Rule::disable_decl | Rule::kw_disable => "`disable`",
        Rule::kw_jurisdiction => "`jurisdiction`",
        Rule::kw_because => "`because`",
        Rule::key_clause | Rule::kw_key => "`key`",
        Rule::id_clause | Rule::kw_id => "`id`",
        Rule::field_path => "a field path such as `licence.number`",
        Rule::with_item | Rule::kw_with => "`with`",
        Rule::unless_item | Rule::kw_unless => "`unless`",
        Rule::also_at_item | Rule::kw_also => "`also at`",
        Rule::call => "a named condition such as `borne_by_worker(cost)`",
        Rule::actor_item | Rule::kw_actor => "`actor`",
        Rule::supersedes_item | Rule::kw_supersedes => "`supersedes`",
        Rule::review_mark | Rule::kw_review => "`review`",
        Rule::figure_decl | Rule::kw_figure => "`figure`",
        Rule::value_item | Rule::kw_value => "`value`",
        Rule::by_item | Rule::kw_by => "`by`",
        Rule::quantile | Rule::quantile_fn => "`quantile(p, ...)`",
        Rule::rule_id => "a rule id such as `FR-GP7-001`",
        Rule::rule_name => "a rule name such as `worker-pays-fee` (lowercase, with dashes)",
        Rule::title_item => "`title`",
        Rule::cites_item => "`cites`",
        Rule::kinds_item => "`kinds`",
        Rule::covers_item | Rule::kw_covers => "`covers`",
        Rule::severity_item => "`severity`",
        Rule::outcome_item => "`outcome`",
        Rule::source_item => "`source`",
        Rule::for_each_item => "`for each`",
        Rule::binding => "a binding such as `cost in costs`",
        Rule::when_item => "`when`",
        Rule::at_item => "`at`",
        Rule::message_item => "`message`",
        Rule::remedy_item => "`remedy`",
        Rule::expr | Rule::presence | Rule::quantifier | Rule::aggregate | Rule::set_literal => {
            "an expression"
        }
        Rule::path => "a field path such as `cost.paid_by`",
        Rule::op_or | Rule::op_and => "`and` or `or`",
        Rule::op_eq
        | Rule::op_ne
        | Rule::op_le
        | Rule::op_ge
        | Rule::op_lt
        | Rule::op_gt
        | Rule::op_in
        | Rule::op_not_in => "a comparison",
        Rule::op_add | Rule::op_sub | Rule::op_mul | Rule::op_div => "an operator",
        Rule::op_not | Rule::op_neg => "`not`",
        Rule::money | Rule::currency => "an amount such as `1500 USD`",
        Rule::decimal | Rule::integer => "a number",
        Rule::boolean => "`true` or `false`",
        Rule::string | Rule::string_inner => "a quoted text",
        Rule::template_hole => "`{expression}`",
        Rule::aggregate_body => "`x in list`",
        Rule::kw_enum => "`enum`",
        Rule::kw_record => "`record`",
        Rule::kw_kind => "`kind`",
        Rule::kw_version => "`version`",
        Rule::kw_list => "`list`",
        Rule::kw_principle => "`principle`",
        Rule::kw_guideline => "`guideline`",
        Rule::kw_param => "`param`",
        Rule::kw_rule => "`rule`",
        Rule::kw_title => "`title`",
        Rule::kw_cites => "`cites`",
        Rule::kw_kinds => "`kinds`",
        Rule::kw_severity => "`severity`",
        Rule::kw_outcome => "`outcome`",
        Rule::kw_source => "`source`",
        Rule::kw_for => "`for`",
        Rule::kw_each => "`each`",
        Rule::kw_in => "`in`",
        Rule::kw_when => "`when`",
        Rule::kw_at => "`at`",
        Rule::kw_message => "`message`",
        Rule::kw_remedy => "`remedy`",
        Rule::kw_where => "`where`",
        _ => "something else",
    }
}
