//! The rule language as plain data: what `parser` builds from pest pairs, with byte spans.

use crate::diagnostic::Span;

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
    /// `param min_days: integer = 7`
    pub params: Vec<ParamDecl>,
    /// `rule FR-GP7-001 worker-pays-fee { ... }`
    pub rules: Vec<RuleDecl>,
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
}

/// A type as written: `money`, `Cost`, `list<Cost>`.
#[derive(Debug, Clone)]
pub enum TypeExpr {
    /// `money`, `Cost`
    Named(Name),
    /// `list<Cost>`
    List(Box<TypeExpr>, Span),
}

impl TypeExpr {
    /// Where the type is written.
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(name) => name.span,
            TypeExpr::List(_, span) => *span,
        }
    }
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

/// `rule FR-GP7-001 worker-pays-fee { ... }`
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
    /// The items in the braces, as written.
    pub items: Vec<RuleItem>,
}

/// One line of a rule body.
#[derive(Debug, Clone)]
pub enum RuleItem {
    /// `title "..."`
    Title(Text),
    /// `cites GP7, OG.REC.NO_FEES`
    Cites(Vec<Name>),
    /// `kinds agency, employer`
    Kinds(Vec<Name>),
    /// `covers FeeCategory.medical`: each an enum name and a value
    Covers(Vec<Vec<Name>>),
    /// `severity critical`
    Severity(Name),
    /// `outcome gap`
    Outcome(Name),
    /// `source "..."`
    Source(Text),
    /// `for each cost in costs, fee in cost.items`
    ForEach(Vec<Binding>),
    /// `when cost.paid_by == worker`
    When(Expr),
    /// `at cost.paid_by`
    At(Expr),
    /// `message "the worker pays {cost.amount}"`
    Message(Text),
    /// `remedy "..."`
    Remedy(Text),
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
    /// `count(...)`, `sum(x.a for x in xs where ...)`
    Aggregate(Aggregate, AggregateInput),
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

/// `not`, `-`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Negate,
}

/// The infix operators, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// `any`, `all`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    /// true when at least one item satisfies the condition
    Any,
    /// true when every item satisfies the condition
    All,
}

/// `count`, `sum`, `min`, `max`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// number of items
    Count,
    /// total of numbers or amounts
    Sum,
    /// smallest
    Min,
    /// largest
    Max,
}
