//! The operators of the rule language, shared by its syntax tree (`dsl`) and its checked form
//! (`pack::ir`), so that evaluation needs nothing from the parser.

/// `not`, `-`
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Negate,
}

/// The infix operators, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Quantifier {
    /// true when at least one item satisfies the condition
    Any,
    /// true when every item satisfies the condition
    All,
}

/// The aggregates over a list: `count`, `sum`, `min`, `max`, `mean`, `median`, `quantile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Aggregate {
    /// number of items
    Count,
    /// total of numbers or amounts
    Sum,
    /// smallest
    Min,
    /// largest
    Max,
    /// arithmetic mean of numbers or amounts (exact decimal division)
    Mean,
    /// middle value (the mean of the two middle values for an even count)
    Median,
    /// `quantile(p, ...)`: the p-quantile, linearly interpolated between order statistics
    Quantile,
}

impl Aggregate {
    /// The function's name in the rule language.
    pub fn name(self) -> &'static str {
        match self {
            Aggregate::Count => "count",
            Aggregate::Sum => "sum",
            Aggregate::Min => "min",
            Aggregate::Max => "max",
            Aggregate::Mean => "mean",
            Aggregate::Median => "median",
            Aggregate::Quantile => "quantile",
        }
    }
}
