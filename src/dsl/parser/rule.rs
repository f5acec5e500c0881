//! A rule's body → [`RuleDecl`]: each item read, repeated items and missing required ones
//! reported here, so later stages see a complete rule.

use pest::iterators::Pair;

use super::expr::{expr, parse_template, primary};
use super::{children, citation, missing_name, name, not_keyword, span_of, text, with_docs, Rule};
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::*;

/// One item as written, before the rule is assembled.
enum Item {
    Title(Text),
    Cites(Vec<Citation>),
    Kinds(Vec<Name>),
    Covers(Vec<Vec<Name>>),
    Severity(Name),
    Outcome(Name),
    Source(Text),
    ForEach(Vec<Binding>),
    With(Lookup),
    When(Expr),
    Unless(Exception),
    At(Expr),
    AlsoAt(Expr),
    Message(Text),
    Remedy(Text),
    Actor(Text, Name),
    Supersedes(Vec<Name>),
}

impl Item {
    /// The item's word, and whether a rule may give it more than once.
    fn word(&self) -> (&'static str, bool) {
        match self {
            Item::Title(_) => ("title", false),
            Item::Cites(_) => ("cites", false),
            Item::Kinds(_) => ("kinds", false),
            Item::Covers(_) => ("covers", false),
            Item::Severity(_) => ("severity", false),
            Item::Outcome(_) => ("outcome", false),
            Item::Source(_) => ("source", false),
            Item::ForEach(_) => ("for each", false),
            Item::With(_) => ("with", true),
            Item::When(_) => ("when", false),
            Item::Unless(_) => ("unless", true),
            Item::At(_) => ("at", false),
            Item::AlsoAt(_) => ("also at", false),
            Item::Message(_) => ("message", false),
            Item::Remedy(_) => ("remedy", false),
            Item::Actor(..) => ("actor", false),
            Item::Supersedes(_) => ("supersedes", false),
        }
    }
}

fn item(file: &SourceFile, pair: Pair<Rule>) -> Result<Option<(Item, Span)>, SourceError> {
    let rule = pair.as_rule();
    let span = span_of(&pair);
    let mut parts = pair.into_inner().filter(not_keyword);
    let parsed = match rule {
        Rule::title_item => parts.next().map(|p| Item::Title(text(p))),
        Rule::source_item => parts.next().map(|p| Item::Source(text(p))),
        Rule::message_item => parts.next().map(|p| Item::Message(text(p))),
        Rule::remedy_item => parts.next().map(|p| Item::Remedy(text(p))),
        Rule::cites_item => Some(Item::Cites(parts.map(citation).collect())),
        Rule::kinds_item => Some(Item::Kinds(parts.map(name).collect())),
        Rule::covers_item => Some(Item::Covers(
            parts
                .map(|path| path.into_inner().map(name).collect())
                .collect(),
        )),
        Rule::severity_item => parts.next().map(|p| Item::Severity(name(p))),
        Rule::outcome_item => parts.next().map(|p| Item::Outcome(name(p))),
        Rule::when_item => parts
            .next()
            .map(|p| expr(file, p))
            .transpose()?
            .map(Item::When),
        Rule::at_item => parts
            .next()
            .map(|p| primary(file, p))
            .transpose()?
            .map(Item::At),
        Rule::also_at_item => parts
            .next()
            .map(|p| primary(file, p))
            .transpose()?
            .map(Item::AlsoAt),
        Rule::unless_item => {
            let mut parts = parts.peekable();
            let review = parts
                .next_if(|p| p.as_rule() == Rule::review_mark)
                .is_some();
            let label = parts.next().map(text);
            let condition = parts.next().map(|p| expr(file, p)).transpose()?;
            label.zip(condition).map(|(label, condition)| {
                Item::Unless(Exception {
                    label,
                    condition,
                    review,
                })
            })
        }
        Rule::actor_item => {
            let who = parts.next().map(text);
            let relation = parts.next().map(name);
            who.zip(relation)
                .map(|(who, relation)| Item::Actor(who, relation))
        }
        Rule::supersedes_item => Some(Item::Supersedes(parts.map(name).collect())),
        Rule::with_item => {
            let var = parts.next().map(name).unwrap_or_else(missing_name);
            let kind = parts.next().map(name).unwrap_or_else(missing_name);
            let key = parts.map(|p| expr(file, p)).collect::<Result<_, _>>()?;
            Some(Item::With(Lookup { var, kind, key }))
        }
        Rule::for_each_item => {
            let mut bindings = Vec::new();
            for binding in parts {
                let mut binding_parts = children(binding);
                let var = binding_parts.next().map(name).unwrap_or_else(missing_name);
                if let Some(collection) = binding_parts.next() {
                    bindings.push(Binding {
                        var,
                        collection: expr(file, collection)?,
                    });
                }
            }
            Some(Item::ForEach(bindings))
        }
        _ => None,
    };
    Ok(parsed.map(|item| (item, span)))
}

/// Reads a whole rule declaration.
pub(super) fn rule_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<RuleDecl, SourceError> {
    let span = span_of(&pair);
    let (docs_text, mut inner) = with_docs(pair);
    let id = inner.next().map(name).unwrap_or_else(missing_name);
    let rule_name = inner.next().map(name).unwrap_or_else(missing_name);
    let mut seen: Vec<&'static str> = Vec::new();
    let mut parts = Parts::default();
    for pair in inner {
        let Some((item, item_span)) = item(file, pair)? else {
            continue;
        };
        let (word, repeatable) = item.word();
        if !repeatable && seen.contains(&word) {
            return Err(SourceError::new(
                ErrorCode::RulesDuplicateItem,
                file,
                item_span,
                format!("`{word}` is given twice in rule {}", id.text),
            ));
        }
        seen.push(word);
        parts.take(item);
    }
    let missing = |word: &str| {
        SourceError::new(
            ErrorCode::RulesMissingItem,
            file,
            id.span,
            format!("rule {} has no `{word}`", id.text),
        )
        .with_help("a rule needs title, cites, kinds, severity, source, when, message and remedy")
    };
    let message = parts.message.ok_or_else(|| missing("message"))?;
    let actor = match parts.actor {
        Some((who, relation)) => Some(Actor {
            who: Template {
                pieces: parse_template(file, &who.raw, who.span.start + 1)?,
            },
            relation,
        }),
        None => None,
    };
    // The raw inside of the literal starts one byte after the opening quote.
    let pieces = parse_template(file, &message.raw, message.span.start + 1)?;
    Ok(RuleDecl {
        docs: docs_text,
        title: parts.title.ok_or_else(|| missing("title"))?,
        cites: parts.cites.ok_or_else(|| missing("cites"))?,
        kinds: parts.kinds.ok_or_else(|| missing("kinds"))?,
        covers: parts.covers,
        severity: parts.severity.ok_or_else(|| missing("severity"))?,
        outcome: parts.outcome,
        source: parts.source.ok_or_else(|| missing("source"))?,
        bindings: parts.bindings,
        lookups: parts.lookups,
        when: parts.when.ok_or_else(|| missing("when"))?,
        exceptions: parts.exceptions,
        at: parts.at,
        also_at: parts.also_at,
        message: Template { pieces },
        remedy: parts.remedy.ok_or_else(|| missing("remedy"))?,
        actor,
        supersedes: parts.supersedes,
        id,
        name: rule_name,
        span,
    })
}

/// Reads a figure declaration.
pub(super) fn figure_decl(file: &SourceFile, pair: Pair<Rule>) -> Result<FigureDecl, SourceError> {
    let (docs_text, mut inner) = with_docs(pair);
    let id = inner.next().map(name).unwrap_or_else(missing_name);
    let figure_name = inner.next().map(name).unwrap_or_else(missing_name);
    let (mut title, mut cites, mut kinds, mut bindings, mut value, mut by) =
        (None, None, None, Vec::new(), None, None);
    for pair in inner {
        match pair.as_rule() {
            Rule::value_item => {
                value = pair
                    .into_inner()
                    .find(not_keyword)
                    .map(|p| expr(file, p))
                    .transpose()?
            }
            Rule::by_item => {
                by = pair
                    .into_inner()
                    .find(not_keyword)
                    .map(|p| expr(file, p))
                    .transpose()?
            }
            _ => match item(file, pair)? {
                Some((Item::Title(t), _)) => title = Some(t),
                Some((Item::Cites(c), _)) => cites = Some(c),
                Some((Item::Kinds(k), _)) => kinds = Some(k),
                Some((Item::ForEach(b), _)) => bindings = b,
                _ => {}
            },
        }
    }
    let missing = |word: &str| {
        SourceError::new(
            ErrorCode::RulesMissingItem,
            file,
            id.span,
            format!("figure {} has no `{word}`", id.text),
        )
        .with_help("a figure needs title, cites, kinds, for each and value")
    };
    if bindings.is_empty() {
        return Err(missing("for each"));
    }
    Ok(FigureDecl {
        docs: docs_text,
        title: title.ok_or_else(|| missing("title"))?,
        cites: cites.ok_or_else(|| missing("cites"))?,
        kinds: kinds.ok_or_else(|| missing("kinds"))?,
        bindings,
        value: value.ok_or_else(|| missing("value"))?,
        by,
        id,
        name: figure_name,
    })
}

/// The items of one rule as they are collected.
#[derive(Default)]
struct Parts {
    title: Option<Text>,
    cites: Option<Vec<Citation>>,
    kinds: Option<Vec<Name>>,
    covers: Vec<Vec<Name>>,
    severity: Option<Name>,
    outcome: Option<Name>,
    source: Option<Text>,
    bindings: Vec<Binding>,
    lookups: Vec<Lookup>,
    when: Option<Expr>,
    exceptions: Vec<Exception>,
    at: Option<Expr>,
    also_at: Option<Expr>,
    message: Option<Text>,
    remedy: Option<Text>,
    actor: Option<(Text, Name)>,
    supersedes: Vec<Name>,
}

impl Parts {
    fn take(&mut self, item: Item) {
        match item {
            Item::Title(t) => self.title = Some(t),
            Item::Cites(c) => self.cites = Some(c),
            Item::Kinds(k) => self.kinds = Some(k),
            Item::Covers(c) => self.covers = c,
            Item::Severity(s) => self.severity = Some(s),
            Item::Outcome(o) => self.outcome = Some(o),
            Item::Source(s) => self.source = Some(s),
            Item::ForEach(b) => self.bindings = b,
            Item::With(l) => self.lookups.push(l),
            Item::When(w) => self.when = Some(w),
            Item::Unless(e) => self.exceptions.push(e),
            Item::At(a) => self.at = Some(a),
            Item::AlsoAt(a) => self.also_at = Some(a),
            Item::Message(m) => self.message = Some(m),
            Item::Remedy(r) => self.remedy = Some(r),
            Item::Actor(who, relation) => self.actor = Some((who, relation)),
            Item::Supersedes(ids) => self.supersedes = ids,
        }
    }
}
