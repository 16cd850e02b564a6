//! The parsed form of a display filter, before field names and literals are resolved.

/// A byte range of the filter text (for error carets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A logical expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    Xor(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// A value on its own: a field or protocol is present (or a boolean/arithmetic value is
    /// true / non-zero).
    Exists(Operand),
    /// A comparison.
    Compare {
        quant: Quant,
        lhs: Operand,
        op: RelOp,
        rhs: Operand,
        span: Span,
    },
    /// `x in {…}` / `x not in {…}`.
    In {
        quant: Quant,
        lhs: Operand,
        set: Vec<SetElem>,
        negated: bool,
        span: Span,
    },
}

/// The `any` / `all` modifier of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quant {
    /// The operator's own meaning (`==` any, `!=` all).
    Default,
    Any,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelOp {
    /// `==`, `eq`, `any_eq`
    Eq,
    /// `!=`, `ne`, `all_ne`
    Ne,
    /// `===`, `all_eq`
    AllEq,
    /// `!==`, `any_ne`
    AnyNe,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    Matches,
}

/// A member of a set: one value or an inclusive range.
#[derive(Debug, Clone, PartialEq)]
pub enum SetElem {
    One(Operand),
    Range(Operand, Operand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    BitAnd,
}

/// `[i:j]`, `[i-j]`, `[i]`, `[:j]`, `[i:]` (and the layer operator's ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// Start and length.
    Len(i64, u64),
    /// Start and inclusive end.
    To(i64, i64),
    /// One octet (or layer).
    One(i64),
    /// From the start to the end.
    From(i64),
}

/// A value: a field, a literal, a function result, arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A field or protocol name (or an unquoted literal that names no field: decided when the
    /// other side's type is known), with the layer and raw operators.
    Word {
        text: String,
        span: Span,
        layer: Option<Vec<Range>>,
        raw: bool,
    },
    /// `"…"` (escapes applied) or `r"…"`.
    Str {
        value: Vec<u8>,
        span: Span,
    },
    /// `'x'`.
    Char {
        value: u32,
        span: Span,
    },
    /// `${field}` / `$field`.
    Ref {
        text: String,
        span: Span,
        layer: Option<Vec<Range>>,
    },
    Slice {
        base: Box<Operand>,
        ranges: Vec<Range>,
        span: Span,
    },
    Func {
        name: String,
        args: Vec<Operand>,
        span: Span,
    },
    Arith {
        op: ArOp,
        lhs: Box<Operand>,
        rhs: Box<Operand>,
        span: Span,
    },
    Neg {
        inner: Box<Operand>,
        span: Span,
    },
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Word { span, .. }
            | Operand::Str { span, .. }
            | Operand::Char { span, .. }
            | Operand::Ref { span, .. }
            | Operand::Slice { span, .. }
            | Operand::Func { span, .. }
            | Operand::Arith { span, .. }
            | Operand::Neg { span, .. } => *span,
        }
    }
}
