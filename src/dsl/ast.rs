//! The rule language as plain data: what `parser` builds from pest pairs, with byte spans.
//! One file on purpose: the whole syntax tree reads in one place, each node documented
//! with the text it stands for.

use crate::diagnostic::Span;
pub use crate::ops::{Aggregate, BinaryOp, Quantifier, UnaryOp};

/// A name with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The text of the name.
    pub text: String,
    /// Where it stands in the rule file.
    pub span: Span,
}

/// Everything one rule file declares, in file order.
#[derive(Debug, Clone, Default)]
pub struct FileAst {
    /// `enum Payer { worker, employer }`
    pub enums: Vec<EnumDecl>,
    /// `record Cost { ... }`
    pub records: Vec<RecordDecl>,
    /// `kind agency version 1 { ... }`
    pub kinds: Vec<KindDecl>,
    /// `principle 7 "..."`
    pub principles: Vec<PrincipleDecl>,
    /// `guideline OG.REC.NO_FEES for recruiters "..."`
    pub guidelines: Vec<GuidelineDecl>,
    /// `instrument C181 convention "..."`
    pub instruments: Vec<InstrumentDecl>,
    /// `param min_days: integer = 7`
    pub params: Vec<ParamDecl>,
    /// `condition borne_by_worker(cost: Cost) = ...`
    pub conditions: Vec<ConditionDecl>,
    /// `overlay "..." jurisdiction "..."`
    pub overlays: Vec<OverlayDecl>,
    /// `set min_days = 14 cites ACT "art. 3"`
    pub sets: Vec<SetDecl>,
    /// `disable FR-GP8-004 because "..."`
    pub disables: Vec<DisableDecl>,
    /// `rule FR-GP7-001 worker-pays-fee { ... }`
    pub rules: Vec<RuleDecl>,
    /// `figure SDG-10-7-1 recruitment-cost-share { ... }`
    pub figures: Vec<FigureDecl>,
}

/// `figure SDG-10-7-1 name { title .. cites .. kinds .. for each .. value .. by .. }`
#[derive(Debug, Clone)]
pub struct FigureDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `SDG-10-7-1`
    pub id: Name,
    /// `recruitment-cost-share`
    pub name: Name,
    /// What it measures.
    pub title: Text,
    /// What it rests on.
    pub cites: Vec<Citation>,
    /// The kinds it is computed for.
    pub kinds: Vec<Name>,
    /// `for each w in worker_records`
    pub bindings: Vec<Binding>,
    /// The value derived per item.
    pub value: Expr,
    /// What groups the items (`w.sex`), when given.
    pub by: Option<Expr>,
}

/// `enum Payer { worker, employer }`
#[derive(Debug, Clone)]
pub struct EnumDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `Payer`
    pub name: Name,
    /// `worker`, `employer`, each with its documentation.
    pub values: Vec<(Name, String)>,
}

/// `record Cost { amount: money }`
#[derive(Debug, Clone)]
pub struct RecordDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `Cost`
    pub name: Name,
    /// Its fields in order.
    pub fields: Vec<FieldDecl>,
}

/// `kind agency version 1 { licence: Licence? }`
#[derive(Debug, Clone)]
pub struct KindDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `agency`
    pub name: Name,
    /// The `schema_version` documents of this kind must declare.
    pub version: u32,
    /// `key (origin, destination)`: the top-level fields other documents find it by.
    pub key: Vec<Name>,
    /// `id (licence.number)`: the paths whose values, with the kind and name, make a
    /// document's stable id when it gives none.
    pub id: Vec<Vec<Name>>,
    /// Its top-level fields.
    pub fields: Vec<FieldDecl>,
}

/// `paid_by: Payer?`
#[derive(Debug, Clone)]
pub struct FieldDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `paid_by`
    pub name: Name,
    /// `Payer`
    pub ty: TypeExpr,
    /// Written with a trailing `?`.
    pub optional: bool,
    /// Written with a trailing `personal`: personal data, hidden in traces unless asked.
    pub personal: bool,
}

/// A type as written: `money`, `Cost`, `list<Cost>`.
#[derive(Debug, Clone)]
pub enum TypeExpr {
    /// `money`, `Cost`
    Named(Name),
    /// `list<Cost>`
    List(Box<TypeExpr>),
}

/// `principle 7 "No fees or costs borne by workers"`
#[derive(Debug, Clone)]
pub struct PrincipleDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// 7
    pub number: u32,
    /// Our short title.
    pub title: String,
    /// Where it is declared.
    pub span: Span,
}

/// `guideline OG.REC.NO_FEES for recruiters "..."`
#[derive(Debug, Clone)]
pub struct GuidelineDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `OG.REC.NO_FEES`
    pub id: Name,
    /// `recruiters`
    pub actor: Name,
    /// Our short title.
    pub title: String,
}

/// `instrument C181 convention "Private Employment Agencies Convention, 1997 (No. 181)"`
#[derive(Debug, Clone)]
pub struct InstrumentDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `C181`
    pub id: Name,
    /// `convention`, `standard`, `national_law`, `practice`
    pub category: Name,
    /// Its full title.
    pub title: String,
}

/// `condition borne_by_worker(cost: Cost) = cost.paid_by in {worker, worker_family}`
#[derive(Debug, Clone)]
pub struct ConditionDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `borne_by_worker`
    pub name: Name,
    /// `cost: Cost`, in order.
    pub params: Vec<(Name, TypeExpr)>,
    /// The condition, in terms of the parameters.
    pub body: Expr,
}

/// `overlay "Freedonia recruitment rules" jurisdiction "Freedonia"`
#[derive(Debug, Clone)]
pub struct OverlayDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// The overlay's name.
    pub name: Text,
    /// The jurisdiction whose law it states.
    pub jurisdiction: Text,
}

/// `set min_days = 14 cites FRA "art. 12"`
#[derive(Debug, Clone)]
pub struct SetDecl {
    /// The parameter.
    pub param: Name,
    /// Its value in this jurisdiction.
    pub value: Expr,
    /// Where the value comes from.
    pub cites: Vec<Citation>,
}

/// `disable FR-GP8-004 because "..."`
#[derive(Debug, Clone)]
pub struct DisableDecl {
    /// The rule switched off.
    pub rule: Name,
    /// Why: printed by every report.
    pub because: Text,
}

/// `GP7`, `OG.REC.NO_FEES`, `C181 "Art. 7(1)"`: what a rule or a parameter rests on.
#[derive(Debug, Clone)]
pub struct Citation {
    /// `C181`
    pub id: Name,
    /// `Art. 7(1)`: article, section or paragraph, when given.
    pub pinpoint: Option<Text>,
}

/// `param min_days: integer = 7`
#[derive(Debug, Clone)]
pub struct ParamDecl {
    /// The `///` lines before it.
    pub docs: String,
    /// `min_days`
    pub name: Name,
    /// `integer`
    pub ty: TypeExpr,
    /// `7`
    pub default: Expr,
}

/// `rule FR-GP7-001 worker-pays-fee { ... }`, its items checked for presence and repetition.
#[derive(Debug, Clone)]
pub struct RuleDecl {
    /// The `///` lines before it: the rule's documentation.
    pub docs: String,
    /// `FR-GP7-001`
    pub id: Name,
    /// `worker-pays-fee`
    pub name: Name,
    /// From `rule` to the closing brace.
    pub span: Span,
    /// `title "..."`
    pub title: Text,
    /// `cites GP7, OG.REC.NO_FEES, C181 "Art. 7"`
    pub cites: Vec<Citation>,
    /// `kinds agency, employer`
    pub kinds: Vec<Name>,
    /// `covers FeeCategory.medical`: each an enum name and a value
    pub covers: Vec<Vec<Name>>,
    /// `severity critical`
    pub severity: Name,
    /// `outcome gap` (violation when absent)
    pub outcome: Option<Name>,
    /// `source "..."`
    pub source: Text,
    /// `for each cost in costs, fee in cost.items`
    pub bindings: Vec<Binding>,
    /// `with agreement = agreement(c.origin, c.destination)`
    pub lookups: Vec<Lookup>,
    /// `when cost.paid_by == worker`
    pub when: Expr,
    /// `unless "label" condition`, in order
    pub exceptions: Vec<Exception>,
    /// `at cost.paid_by`
    pub at: Option<Expr>,
    /// `also at agreement.clauses.recruitment_costs`
    pub also_at: Option<Expr>,
    /// `message "the worker pays {cost.amount}"`, parsed into text and holes
    pub message: Template,
    /// `remedy "..."`
    pub remedy: Text,
    /// `actor "the tier {recruiter.tier} recruiter" directly_linked`
    pub actor: Option<Actor>,
    /// `supersedes FR-GP7-001, FR-GP7-003`
    pub supersedes: Vec<Name>,
}

/// `actor "who, as a template" relation`
#[derive(Debug, Clone)]
pub struct Actor {
    /// Who is responsible, with `{expression}` holes.
    pub who: Template,
    /// `caused`, `contributed` or `directly_linked`.
    pub relation: Name,
}

/// `with agreement = agreement(corridor.origin, corridor.destination)`
#[derive(Debug, Clone)]
pub struct Lookup {
    /// `agreement` (the variable)
    pub var: Name,
    /// `agreement` (the kind looked up)
    pub kind: Name,
    /// The key values, in the order of the kind's `key`.
    pub key: Vec<Expr>,
}

/// `unless "the worker asked in writing" document.worker_requested == true`
#[derive(Debug, Clone)]
pub struct Exception {
    /// What the defence is, in words.
    pub label: Text,
    /// When it is established.
    pub condition: Expr,
    /// `unless review`: when established, a person must judge it (outcome `review`).
    pub review: bool,
}

/// A message template: literal text and `{expression}` holes.
#[derive(Debug, Clone)]
pub struct Template {
    /// The pieces in order.
    pub pieces: Vec<TemplatePiece>,
}

/// One piece of a message template.
#[derive(Debug, Clone)]
pub enum TemplatePiece {
    /// Literal text.
    Text(String),
    /// `{expression}`
    Hole(Expr),
}

/// A string literal: its unescaped text, and where its inside starts in the file.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text with escapes resolved.
    pub value: String,
    /// The raw inside of the quotes, as written (templates are parsed from this).
    pub raw: String,
    /// The span of the whole literal, quotes included.
    pub span: Span,
}

/// `cost in costs`
#[derive(Debug, Clone)]
pub struct Binding {
    /// `cost`
    pub var: Name,
    /// `costs`
    pub collection: Expr,
}

/// An expression with its span.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The forms of expression.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `cost.paid_by`, `params.min_days`, `as_of`, or a bare enum value such as `worker`
    Path(Vec<Name>),
    /// `42`
    Integer(i64),
    /// `0.25` (kept as written so no precision is lost)
    Decimal(String),
    /// `1500 USD`
    Money(String, String),
    /// `"text"`
    Text(String),
    /// `true`
    Bool(bool),
    /// `{worker, worker_family}`
    Set(Vec<Expr>),
    /// `not x`, `-x`
    Unary(UnaryOp, Box<Expr>),
    /// `a and b`, `a == b`, `a + b` ...
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `present(path)` (true) or `absent(path)` (false)
    Presence(bool, Box<Expr>),
    /// `any(x in xs where cond)`, `all(...)`
    Quantifier(Quantifier, Name, Box<Expr>, Option<Box<Expr>>),
    /// `count(...)`, `sum(x.a for x in xs where ...)`; for `quantile(p, ...)`, `p`
    Aggregate(Aggregate, AggregateInput, Option<Box<Expr>>),
    /// `borne_by_worker(cost)`: a named condition and its arguments
    Call(Name, Vec<Expr>),
}

/// What an aggregate runs over.
#[derive(Debug, Clone)]
pub enum AggregateInput {
    /// `count(costs)`, `sum(amounts)`
    Collection(Box<Expr>),
    /// `sum(c.amount for c in costs where c.paid_by == worker)`
    Comprehension {
        /// `c.amount` (absent for `count(c in costs where ...)`)
        projection: Option<Box<Expr>>,
        /// `c`
        var: Name,
        /// `costs`
        collection: Box<Expr>,
        /// `c.paid_by == worker`
        filter: Option<Box<Expr>>,
    },
}
