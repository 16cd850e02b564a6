//! Compiling a parsed filter against the registry, and evaluating it on a dissection.

use super::ast::{ArOp, Expr, Operand, Quant, Range, RelOp, SetElem, Span};
use super::value::{self, equal, order, FType, Val};
use super::{parse, FilterError};
use crate::field::{FieldDef, Kind, Strings, Value};
use crate::registry::{self, Entry};
use crate::tree::Dissection;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A compiled display filter.
#[derive(Debug, Clone)]
pub struct Filter {
    text: String,
    expr: CExpr,
    /// Every row whose nodes the filter reads (for `Want::Fields`).
    rows: Vec<&'static FieldDef>,
    /// The layer operator needs every protocol node (only a full tree has them all).
    needs_tree: bool,
    /// Where the first field reference is (`${…}`), if any.
    first_ref: Option<Span>,
    /// Every field reference, where it is written and what it reads.
    refs: Vec<(Span, COp)>,
}

#[derive(Debug, Clone)]
enum CExpr {
    Or(Box<CExpr>, Box<CExpr>),
    Xor(Box<CExpr>, Box<CExpr>),
    And(Box<CExpr>, Box<CExpr>),
    Not(Box<CExpr>),
    Exists(COp),
    Cmp { quant: Quant, op: RelOp, lhs: COp, rhs: COp },
    Matches { quant: Quant, lhs: COp, re: regex::bytes::Regex },
    In { quant: Quant, lhs: COp, set: Vec<(COp, Option<COp>)>, negated: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    Len,
    /// `len()` of an integer field: its width in octets, as tshark 4.0 gives it (the type's
    /// wire size), for each value.
    Width(u8),
    Count,
    Upper,
    Lower,
    String,
    Max,
    Min,
    Abs,
    Dec,
    Hex,
    Vals,
}

#[derive(Debug, Clone)]
enum COp {
    Field { entry: &'static Entry, ftype: FType, layer: Option<Vec<Range>>, raw: bool },
    Ref { entry: &'static Entry, ftype: FType, layer: Option<Vec<Range>> },
    Const(Val<'static>),
    Slice { base: Box<COp>, ranges: Vec<Range> },
    Func { f: Func, args: Vec<COp>, width: u8, def: Option<&'static FieldDef> },
    Arith { op: ArOp, lhs: Box<COp>, rhs: Box<COp> },
    Neg(Box<COp>),
}

/// What a compiled operand is: its type and the field it reads (for value names and widths).
#[derive(Debug, Clone, Copy)]
struct Ty {
    t: FType,
    def: Option<&'static FieldDef>,
}

struct Compiler {
    rows: Vec<&'static FieldDef>,
    needs_tree: bool,
    first_ref: Option<Span>,
    refs: Vec<(Span, COp)>,
}

fn lookup(text: &str) -> Option<&'static Entry> {
    registry::entry(text)
}

impl Compiler {
    fn want(&mut self, e: &'static Entry) {
        for r in e.members() {
            if !self.rows.iter().any(|x| std::ptr::eq(*x, r)) {
                self.rows.push(r);
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<CExpr, FilterError> {
        Ok(match e {
            Expr::Or(a, b) => CExpr::Or(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            Expr::Xor(a, b) => CExpr::Xor(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            Expr::And(a, b) => CExpr::And(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            Expr::Not(a) => CExpr::Not(Box::new(self.expr(a)?)),
            Expr::Exists(o) => {
                let (c, ty) = self.operand(o, None)?;
                if matches!(c, COp::Const(_)) {
                    let msg = match o {
                        Operand::Word { text, .. } => format!("\"{text}\" is neither a field nor a protocol name"),
                        _ => "a constant on its own is not a test".to_string(),
                    };
                    return Err(FilterError::span(o.span(), msg));
                }
                let _ = ty;
                CExpr::Exists(c)
            }
            Expr::Compare { quant, lhs, op, rhs, span } => self.compare(*quant, lhs, *op, rhs, *span)?,
            Expr::In { quant, lhs, set, negated, .. } => {
                let (l, lt) = self.operand(lhs, None)?;
                if matches!(l, COp::Const(_)) {
                    return Err(FilterError::span(lhs.span(), "the left side of \"in\" must be a field or function".into()));
                }
                self.comparable(lt, lhs.span())?;
                let mut out = Vec::new();
                for el in set {
                    match el {
                        SetElem::One(a) => out.push((self.operand(a, Some(lt))?.0, None)),
                        SetElem::Range(a, b) => out.push((self.operand(a, Some(lt))?.0, Some(self.operand(b, Some(lt))?.0))),
                    }
                }
                CExpr::In { quant: *quant, lhs: l, set: out, negated: *negated }
            }
        })
    }

    fn comparable(&self, t: Ty, span: Span) -> Result<(), FilterError> {
        if t.t == FType::None {
            let name = t.def.map_or("this", |d| d.abbrev);
            return Err(FilterError::span(span, format!("{name} is a label (FT_NONE): it can only be tested for presence")));
        }
        Ok(())
    }

    fn compare(&mut self, quant: Quant, lhs: &Operand, op: RelOp, rhs: &Operand, span: Span) -> Result<CExpr, FilterError> {
        // A side that is a bare literal takes the other side's type.
        let (l, lt, r, rt) = if is_literal(lhs) {
            if is_literal(rhs) {
                if let Operand::Word { text, span, .. } = lhs {
                    return Err(FilterError::span(*span, format!("\"{text}\" is neither a field nor a protocol name")));
                }
                return Err(FilterError::span(span, "a comparison needs a field, slice or function on one side".into()));
            }
            let (r, rt) = self.operand(rhs, None)?;
            self.comparable(rt, rhs.span())?;
            let (l, lt) = self.operand(lhs, Some(rt))?;
            (l, lt, r, rt)
        } else {
            let (l, lt) = self.operand(lhs, None)?;
            self.comparable(lt, lhs.span())?;
            let hint = if op == RelOp::Matches {
                Ty { t: FType::Str, def: None }
            } else if op == RelOp::Contains && lt.t.bytes_like() {
                Ty { t: if lt.t == FType::Str { FType::Str } else { FType::Bytes }, def: None }
            } else {
                lt
            };
            let (r, rt) = self.operand(rhs, Some(hint))?;
            (l, lt, r, rt)
        };
        self.comparable(lt, lhs.span())?;
        self.comparable(rt, rhs.span())?;
        match op {
            RelOp::Matches => {
                if !matches!(lt.t, FType::Str | FType::Bytes | FType::Proto) {
                    let name = name_of(lhs, lt);
                    return Err(FilterError::span(
                        lhs.span(),
                        format!("{name} ({}) cannot be matched against a regular expression: use string()", lt.t.name()),
                    ));
                }
                let Operand::Str { value, .. } = rhs else {
                    return Err(FilterError::span(rhs.span(), "\"matches\" needs a double-quoted regular expression".into()));
                };
                // Octets, as PCRE without UTF mode: every non-ASCII octet of the pattern is
                // matched as that octet, and `.` matches any octet.
                let mut pat = String::new();
                for &b in value {
                    if b.is_ascii() {
                        pat.push(b as char);
                    } else {
                        pat.push_str(&format!("\\x{b:02x}"));
                    }
                }
                let re = regex::bytes::RegexBuilder::new(&pat)
                    .unicode(false)
                    .case_insensitive(true)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| {
                        FilterError::span(rhs.span(), format!("invalid regular expression: {}", one_line(&e.to_string())))
                    })?;
                return Ok(CExpr::Matches { quant, lhs: l, re });
            }
            RelOp::Contains => {
                // As tshark: an address is sliced or compared, never searched.
                if matches!(lt.t, FType::V4 | FType::V6) {
                    return Err(FilterError::span(
                        lhs.span(),
                        format!(
                            "{} ({}) cannot participate in \"contains\": compare it, or slice it, or use string()",
                            name_of(lhs, lt),
                            lt.t.name()
                        ),
                    ));
                }
                if !lt.t.bytes_like() || !rt.t.bytes_like() {
                    return Err(FilterError::span(
                        span,
                        format!(
                            "\"contains\" works on strings, bytes and protocols, not {}",
                            if lt.t.bytes_like() { rt.t } else { lt.t }.name()
                        ),
                    ));
                }
            }
            _ => {
                let ok = lt.t == rt.t
                    || matches!((lt.t, rt.t), (FType::Int, FType::Bool) | (FType::Bool, FType::Int))
                    || (lt.t.bytes_like()
                        && rt.t.bytes_like()
                        && !matches!((lt.t, rt.t), (FType::V4 | FType::V6, _) | (_, FType::V4 | FType::V6)));
                if !ok {
                    return Err(FilterError::span(span, format!("{} and {} cannot be compared", lt.t.name(), rt.t.name())));
                }
            }
        }
        Ok(CExpr::Cmp { quant, op, lhs: l, rhs: r })
    }

    fn operand(&mut self, o: &Operand, hint: Option<Ty>) -> Result<(COp, Ty), FilterError> {
        match o {
            Operand::Word { text, span, layer, raw } => {
                if let Some(e) = lookup(text) {
                    self.want(e);
                    if layer.is_some() {
                        self.needs_tree = true;
                    }
                    let def = e.def();
                    let ftype = entry_type(e);
                    let t = if *raw { FType::Bytes } else { ftype };
                    return Ok((COp::Field { entry: e, ftype, layer: layer.clone(), raw: *raw }, Ty { t, def: Some(def) }));
                }
                if *raw || layer.is_some() {
                    return Err(FilterError::span(*span, format!("\"{text}\" is not a field name")));
                }
                let Some(h) = hint else {
                    return Err(FilterError::span(*span, format!("\"{text}\" is neither a field nor a protocol name")));
                };
                let v = value::literal(text, false, h.t, h.def).map_err(|m| FilterError::span(*span, m))?;
                Ok((COp::Const(v), h))
            }
            Operand::Str { value: v, span } => {
                let h = hint.unwrap_or(Ty { t: FType::Str, def: None });
                let text = String::from_utf8_lossy(v);
                let val = match h.t {
                    FType::Str | FType::Bytes | FType::Proto => Val::Str(Cow::Owned(v.clone())),
                    _ => value::literal(&text, true, h.t, h.def).map_err(|m| FilterError::span(*span, m))?,
                };
                Ok((COp::Const(val), h))
            }
            Operand::Char { value: c, span } => {
                let h = hint.unwrap_or(Ty { t: FType::Int, def: None });
                match h.t {
                    FType::Int | FType::Bool => Ok((COp::Const(Val::Int(i128::from(*c))), h)),
                    FType::Bytes | FType::Ether | FType::Proto | FType::Str if *c <= 0xff => {
                        Ok((COp::Const(Val::Bytes(Cow::Owned(vec![*c as u8]))), h))
                    }
                    _ => Err(FilterError::span(*span, format!("a character constant cannot be {}", h.t.a()))),
                }
            }
            Operand::Ref { text, span, layer } => {
                let Some(e) = lookup(text) else {
                    return Err(FilterError::span(*span, format!("\"{text}\" is not a field name")));
                };
                self.first_ref.get_or_insert(*span);
                let def = e.def();
                let op = COp::Ref { entry: e, ftype: entry_type(e), layer: layer.clone() };
                self.refs.push((*span, op.clone()));
                Ok((op, Ty { t: entry_type(e), def: Some(def) }))
            }
            Operand::Slice { base, ranges, span } => {
                let (b, bt) = self.operand(base, None)?;
                if !bt.t.bytes_like() && bt.t != FType::Ether {
                    return Err(FilterError::span(*span, format!("{} cannot be sliced", bt.t.a())));
                }
                // A slice is octets, whatever it is cut from (a string's too).
                Ok((COp::Slice { base: Box::new(b), ranges: ranges.clone() }, Ty { t: FType::Bytes, def: None }))
            }
            Operand::Func { name, args, span } => self.func(name, args, *span, hint),
            Operand::Arith { op, lhs, rhs, span } => {
                let (l, lt, r, rt) = if is_literal(lhs) {
                    let (r, rt) = self.operand(rhs, hint)?;
                    let (l, lt) = self.operand(lhs, Some(rt))?;
                    (l, lt, r, rt)
                } else {
                    let (l, lt) = self.operand(lhs, hint)?;
                    let (r, rt) = self.operand(rhs, Some(Ty { def: None, ..lt }))?;
                    (l, lt, r, rt)
                };
                let t = match (op, lt.t, rt.t) {
                    (ArOp::BitAnd, FType::V4, FType::V4) => FType::V4,
                    (ArOp::BitAnd, FType::V6, FType::V6) => FType::V6,
                    (ArOp::BitAnd, a, b) if a.bytes_like() && b.bytes_like() => FType::Bytes,
                    (_, FType::Int | FType::Bool, FType::Int | FType::Bool) => FType::Int,
                    (ArOp::Add | ArOp::Sub | ArOp::Mul | ArOp::Div, FType::Double, FType::Double | FType::Int)
                    | (ArOp::Add | ArOp::Sub | ArOp::Mul | ArOp::Div, FType::Int, FType::Double) => FType::Double,
                    (ArOp::Add | ArOp::Sub, FType::Rel, FType::Rel) => FType::Rel,
                    (ArOp::Add | ArOp::Sub, FType::Abs, FType::Rel) => FType::Abs,
                    _ => {
                        return Err(FilterError::span(
                            *span,
                            format!("no arithmetic between {} and {}", lt.t.name(), rt.t.name()),
                        ));
                    }
                };
                Ok((
                    COp::Arith { op: *op, lhs: Box::new(l), rhs: Box::new(r) },
                    Ty { t, def: lt.def.filter(|_| *op == ArOp::BitAnd) },
                ))
            }
            Operand::Neg { inner, span } => {
                if let Operand::Word { text, raw: false, layer: None, .. } = inner.as_ref() {
                    if lookup(text).is_none() {
                        let h = hint.unwrap_or(Ty { t: FType::Int, def: None });
                        // No range check: a negated literal is usually arithmetic (`-{-434}`).
                        let v = value::literal(&format!("-{text}"), false, h.t, None).map_err(|m| FilterError::span(*span, m))?;
                        return Ok((COp::Const(v), h));
                    }
                }
                let (c, t) = self.operand(inner, hint)?;
                if !matches!(t.t, FType::Int | FType::Rel | FType::Double) {
                    return Err(FilterError::span(*span, format!("{} cannot be negated", t.t.a())));
                }
                Ok((COp::Neg(Box::new(c)), t))
            }
        }
    }

    fn func(&mut self, name: &str, args: &[Operand], span: Span, hint: Option<Ty>) -> Result<(COp, Ty), FilterError> {
        let f = match name {
            "len" => Func::Len,
            "count" => Func::Count,
            "upper" => Func::Upper,
            "lower" => Func::Lower,
            "string" => Func::String,
            "max" => Func::Max,
            "min" => Func::Min,
            "abs" => Func::Abs,
            "dec" => Func::Dec,
            "hex" => Func::Hex,
            "vals" => Func::Vals,
            _ => return Err(FilterError::span(span, format!("the function \"{name}\" does not exist"))),
        };
        let arity_ok = match f {
            Func::Max | Func::Min => !args.is_empty(),
            _ => args.len() == 1,
        };
        if !arity_ok {
            return Err(FilterError::span(
                span,
                format!(
                    "{name}() takes {}",
                    if matches!(f, Func::Max | Func::Min) { "one or more arguments" } else { "one argument" }
                ),
            ));
        }
        let mut cargs = Vec::new();
        let mut tys = Vec::new();
        for a in args {
            let h = if matches!(f, Func::Max | Func::Min) { tys.first().copied().or(hint) } else { None };
            let (c, t) = self.operand(a, h)?;
            if matches!(f, Func::Count) && !matches!(c, COp::Field { .. }) {
                return Err(FilterError::span(a.span(), "count() takes a field".into()));
            }
            if matches!(c, COp::Const(_)) && !matches!(f, Func::Max | Func::Min) {
                return Err(FilterError::span(a.span(), format!("{name}() takes a field, slice or function, not a literal")));
            }
            cargs.push(c);
            tys.push(t);
        }
        let a0 = tys[0];
        let need = |ok: bool, what: &str| -> Result<(), FilterError> {
            if ok {
                Ok(())
            } else {
                Err(FilterError::span(span, format!("{name}() needs {what}, not {}", a0.t.a())))
            }
        };
        let int_width = match a0.def.map(|d| d.kind) {
            Some(Kind::Uint(n) | Kind::Int(n)) if a0.t == FType::Int && matches!(f, Func::Len) => Some(n),
            Some(Kind::FrameNum) if matches!(f, Func::Len) => Some(4),
            // tshark 4.0 gives a Boolean field no length: len() is 0 (`len(mip6.bu.a_flag) == 0`
            // matches every BU with the flag's field).
            Some(Kind::Bool(_)) if matches!(f, Func::Len) => Some(0),
            _ => None,
        };
        let t = match f {
            Func::Len if int_width.is_some() => FType::Int,
            Func::Len => {
                need(a0.t.bytes_like(), "a string, bytes, address, protocol or integer field")?;
                FType::Int
            }
            Func::Width(_) => FType::Int,
            Func::Count => FType::Int,
            Func::Upper | Func::Lower => {
                need(a0.t == FType::Str, "a string")?;
                FType::Str
            }
            Func::String => {
                need(
                    !matches!(a0.t, FType::Str | FType::Bytes | FType::Proto | FType::None),
                    "a value that is not already text or bytes",
                )?;
                FType::Str
            }
            Func::Abs => {
                need(matches!(a0.t, FType::Int | FType::Rel | FType::Double), "a number")?;
                a0.t
            }
            Func::Dec | Func::Hex => {
                need(matches!(a0.t, FType::Int | FType::Bool), "an integer")?;
                FType::Str
            }
            Func::Vals => {
                need(matches!(a0.t, FType::Int | FType::Bool), "an integer or boolean field")?;
                FType::Str
            }
            Func::Max | Func::Min => {
                if let Some(t) = tys.iter().find(|t| t.t != a0.t) {
                    return Err(FilterError::span(
                        span,
                        format!("{name}() arguments must have one type ({} and {})", a0.t.name(), t.t.name()),
                    ));
                }
                need(!matches!(a0.t, FType::None | FType::Proto), "comparable values")?;
                a0.t
            }
        };
        let width = match a0.def.map(|d| d.kind) {
            Some(Kind::Uint(w) | Kind::Int(w) | Kind::Bool(w)) => w,
            _ => 4,
        };
        let f = int_width.map_or(f, Func::Width);
        Ok((
            COp::Func { f, args: cargs, width, def: a0.def },
            Ty { t, def: if matches!(f, Func::Max | Func::Min) { a0.def } else { None } },
        ))
    }
}

fn one_line(s: &str) -> String {
    s.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or("").to_string()
}

/// A bare literal (a word naming no field, a string, a character).
fn is_literal(o: &Operand) -> bool {
    match o {
        Operand::Word { text, raw: false, layer: None, .. } => lookup(text).is_none(),
        Operand::Str { .. } | Operand::Char { .. } => true,
        Operand::Neg { inner, .. } => is_literal(inner),
        _ => false,
    }
}

/// One frame's data: its dissection and octets (and the selected frame's, for `${field}`).
#[derive(Clone, Copy)]
struct Frame<'a> {
    d: &'a Dissection,
    data: &'a [u8],
    refs: Option<(&'a Dissection, &'a [u8])>,
}

impl Filter {
    /// Parses and compiles `text`; every field name must be in the registry.
    pub fn compile(text: &str) -> Result<Filter, FilterError> {
        let ast = parse::parse(text)?;
        let mut c = Compiler { rows: Vec::new(), needs_tree: false, first_ref: None, refs: Vec::new() };
        let expr = c.expr(&ast)?;
        Ok(Filter { text: text.to_string(), expr, rows: c.rows, needs_tree: c.needs_tree, first_ref: c.first_ref, refs: c.refs })
    }

    /// The filter's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every row the filter reads: a dissection keeping only these (`Want::Fields`) evaluates
    /// exactly as a full tree does, unless [`Filter::needs_tree`].
    pub fn rows(&self) -> &[&'static FieldDef] {
        &self.rows
    }

    /// Whether evaluation needs the full tree (the layer operator counts protocol nodes).
    pub fn needs_tree(&self) -> bool {
        self.needs_tree
    }

    /// Where the first field reference (`${field}`) is, if the filter has one: it is read from
    /// a selected frame, which a capture read from start to end does not have.
    pub fn first_ref(&self) -> Option<Span> {
        self.first_ref
    }

    /// The first field reference (`${field}`) that has no value in the selected frame
    /// `selected` (its field absent there), if any: a filter with one would match nothing, so a
    /// user interface says so where it is written.
    pub fn absent_ref(&self, selected: (&Dissection, &[u8])) -> Option<Span> {
        let f = Frame { d: selected.0, data: selected.1, refs: Some(selected) };
        self.refs.iter().find(|(_, op)| values(op, f).is_empty()).map(|(span, _)| *span)
    }

    /// Whether the frame `d` (its octets `data`) passes.
    pub fn matches(&self, d: &Dissection, data: &[u8]) -> bool {
        self.matches_with(d, data, None)
    }

    /// As [`Filter::matches`], with a selected frame for field references (without one, a
    /// reference has no value and its comparisons are false).
    pub fn matches_with(&self, d: &Dissection, data: &[u8], selected: Option<(&Dissection, &[u8])>) -> bool {
        test(&self.expr, Frame { d, data, refs: selected })
    }
}

/// Whether `a op b` holds (one value of each side; quantifiers are the caller's).
fn relation(op: RelOp, a: &Val<'_>, b: &Val<'_>) -> bool {
    match op {
        RelOp::Eq | RelOp::AllEq => equal(a, b),
        RelOp::Ne | RelOp::AnyNe => !equal(a, b),
        RelOp::Lt => order(a, b) == Some(Ordering::Less),
        RelOp::Le => matches!(order(a, b), Some(Ordering::Less | Ordering::Equal)),
        RelOp::Gt => order(a, b) == Some(Ordering::Greater),
        RelOp::Ge => matches!(order(a, b), Some(Ordering::Greater | Ordering::Equal)),
        RelOp::Contains => {
            let hay = match a {
                Val::Proto(_, rest) => Some(Cow::Borrowed(*rest)),
                _ => a.octets(),
            };
            match (hay, b.octets()) {
                (Some(h), Some(n)) => n.is_empty() || h.windows(n.len()).any(|w| w == n.as_ref()),
                _ => false,
            }
        }
        RelOp::Matches => false,
    }
}

fn test(e: &CExpr, f: Frame<'_>) -> bool {
    match e {
        CExpr::Or(a, b) => test(a, f) || test(b, f),
        CExpr::Xor(a, b) => test(a, f) != test(b, f),
        CExpr::And(a, b) => test(a, f) && test(b, f),
        CExpr::Not(a) => !test(a, f),
        CExpr::Exists(o) => match o {
            COp::Field { entry, layer, .. } => field_nodes(f, entry, layer.as_deref(), f.d).next().is_some(),
            COp::Slice { .. } => !values(o, f).is_empty(),
            _ => values(o, f).iter().any(Val::truthy),
        },
        CExpr::Cmp { quant, op, lhs, rhs } => {
            let pred = |a: &Val<'_>, b: &Val<'_>| relation(*op, a, b);
            let all = match quant {
                Quant::All => true,
                Quant::Any => false,
                Quant::Default => matches!(op, RelOp::Ne | RelOp::AllEq),
            };
            // The common case, a field against a constant, walks the nodes without collecting
            // their values (no allocation per frame).
            if let (COp::Field { entry, ftype, layer: None, raw }, COp::Const(c)) = (lhs, rhs) {
                let mut any = false;
                for i in field_nodes(f, entry, None, f.d) {
                    // A number or flag against a number or flag: what `pred` decides of the two
                    // values, without making them (most filters test header fields so).
                    let hit = match scalar(f.d, i, *ftype, *raw).zip(c.as_int()).and_then(|(v, k)| scalar_pred(*op, v, k, c)) {
                        Some(hit) => hit,
                        None => {
                            let Some(v) = node_value(f.d, f.data, i, *ftype, *raw) else { continue };
                            pred(&v, c)
                        }
                    };
                    if hit && !all {
                        return true;
                    }
                    if !hit && all {
                        return false;
                    }
                    any = true;
                }
                return all && any;
            }
            let (l, r) = (values(lhs, f), values(rhs, f));
            if l.is_empty() || r.is_empty() {
                return false;
            }
            if all {
                l.iter().all(|a| r.iter().all(|b| pred(a, b)))
            } else {
                l.iter().any(|a| r.iter().any(|b| pred(a, b)))
            }
        }
        CExpr::Matches { quant, lhs, re } => {
            let l = values(lhs, f);
            let hit = |v: &Val<'_>| v.octets().is_some_and(|o| re.is_match(&o));
            match quant {
                Quant::All => !l.is_empty() && l.iter().all(hit),
                _ => l.iter().any(hit),
            }
        }
        CExpr::In { quant, lhs, set, negated } => {
            let l = values(lhs, f);
            if l.is_empty() {
                return *negated;
            }
            let members: Vec<(Vec<Val<'_>>, Option<Vec<Val<'_>>>)> =
                set.iter().map(|(a, b)| (values(a, f), b.as_ref().map(|b| values(b, f)))).collect();
            let member = |v: &Val<'_>, (a, b): &(Vec<Val<'_>>, Option<Vec<Val<'_>>>)| match b {
                None => a.iter().any(|x| equal(v, x)),
                Some(b) => a.iter().any(|lo| {
                    b.iter().any(|hi| {
                        matches!(order(v, lo), Some(Ordering::Greater | Ordering::Equal))
                            && matches!(order(v, hi), Some(Ordering::Less | Ordering::Equal))
                    })
                }),
            };
            let inside = |v: &Val<'_>| members.iter().any(|m| member(v, m));
            match (quant, negated) {
                // As tshark 4.0: `in` stands for `== a || == b …`, so `all x in {a, b}` is
                // `all x == a || all x == b`; and `not in` is `not (x in {…})` whatever the
                // quantifier.
                (Quant::All, false) => members.iter().any(|m| l.iter().all(|v| member(v, m))),
                (_, true) => !l.iter().any(inside),
                (_, false) => l.iter().any(inside),
            }
        }
    }
}

/// The layer number of node `i` (which occurrence of its protocol, counted from 1, it is in)
/// and how many layers of that protocol the frame has.
fn layer_of(d: &Dissection, i: usize) -> (usize, usize) {
    let nodes = &d.nodes;
    let mut depth = nodes[i].depth;
    let mut k = i;
    // The nearest enclosing protocol node (or the node itself when it is one).
    let proto = loop {
        if nodes[k].def.kind == Kind::Protocol && (k == i || nodes[k].depth < depth) {
            break Some(k);
        }
        if k == 0 {
            break None;
        }
        k -= 1;
        if nodes[k].depth < depth {
            depth = nodes[k].depth;
            if nodes[k].def.kind == Kind::Protocol {
                break Some(k);
            }
        }
    };
    match proto {
        Some(p) => {
            let same = |n: &&crate::tree::Node| n.def.abbrev == nodes[p].def.abbrev;
            (nodes[..=p].iter().filter(same).count(), nodes.iter().filter(same).count())
        }
        None => (1, 1),
    }
}

/// Whether layer `n` of `total` is in `ranges` (negative numbers count from the last layer,
/// -1 being it).
fn in_ranges(n: usize, total: usize, ranges: &[Range]) -> bool {
    let (n, total) = (n as i64, total as i64);
    let at = |i: i64| if i < 0 { total + 1 + i } else { i };
    ranges.iter().any(|r| match *r {
        Range::One(a) => n == at(a),
        Range::To(a, b) => (at(a)..=at(b)).contains(&n),
        Range::Len(a, l) => n >= at(a) && n < at(a).saturating_add(i64::try_from(l).unwrap_or(i64::MAX)),
        Range::From(a) => n >= at(a),
    })
}

fn field_nodes<'a>(
    _f: Frame<'a>,
    entry: &'static Entry,
    layer: Option<&'a [Range]>,
    d: &'a Dissection,
) -> impl Iterator<Item = usize> + 'a {
    // Most names are one row and no alias: one pointer comparison a node.
    let single = match (entry.rows.as_slice(), entry.aliased.as_slice()) {
        ([row], []) => Some(*row),
        _ => None,
    };
    d.nodes
        .iter()
        .enumerate()
        .filter(move |(_, n)| match single {
            Some(row) => std::ptr::eq(row, n.def),
            None => entry.matches(n.def),
        })
        .map(|(i, _)| i)
        .filter(move |&i| {
            layer.is_none_or(|r| {
                let (n, total) = layer_of(d, i);
                in_ranges(n, total, r)
            })
        })
}

/// A node's value as [`node_value`] gives it when it is a number or a flag: (the number, whether
/// it is a flag).
#[inline]
fn scalar(d: &Dissection, i: usize, t: FType, raw: bool) -> Option<(i128, bool)> {
    if raw || matches!(t, FType::Proto | FType::None) {
        return None;
    }
    match d.nodes.get(i)?.value {
        Value::Uint(v) => Some((i128::from(v), false)),
        Value::Int(v) => Some((i128::from(v), false)),
        Value::Bool(b) => Some((i128::from(b), true)),
        _ => None,
    }
}

/// `op` between a node's number or flag `v` (see [`scalar`]) and the constant `c` (a number or
/// flag, `k` as a number), decided as [`equal`] and [`order`] decide it on the two values; None
/// for the operators that are not a comparison of numbers.
#[inline]
fn scalar_pred(op: RelOp, (v, flag): (i128, bool), k: i128, c: &Val<'_>) -> Option<bool> {
    // A flag equals a number when both are zero or both are not (`equal`'s rule, either way
    // round); two flags or two numbers are equal when they are, and order compares numbers.
    let eq = if flag != matches!(c, Val::Bool(_)) { (v != 0) == (k != 0) } else { v == k };
    Some(match op {
        RelOp::Eq | RelOp::AllEq => eq,
        RelOp::Ne | RelOp::AnyNe => !eq,
        RelOp::Lt => v < k,
        RelOp::Le => v <= k,
        RelOp::Gt => v > k,
        RelOp::Ge => v >= k,
        RelOp::Contains | RelOp::Matches => return None,
    })
}

/// The name of a compared operand for an error: as typed when it is a field's name (an alias
/// stays the alias), else the field it stands for.
fn name_of(o: &Operand, t: Ty) -> String {
    match o {
        Operand::Word { text, .. } => text.clone(),
        _ => t.def.map_or_else(|| "the left side".to_string(), |d| d.abbrev.to_string()),
    }
}

/// A field's type in a filter: its row's, or text for a name of tshark's that shows the value
/// as a string (`ip.host`).
fn entry_type(e: &Entry) -> FType {
    if e.text {
        FType::Str
    } else {
        FType::of(e.def())
    }
}

fn node_value<'a>(d: &'a Dissection, data: &'a [u8], i: usize, t: FType, raw: bool) -> Option<Val<'a>> {
    let n = &d.nodes[i];
    let span = || data.get(n.offset as usize..(n.offset + n.len) as usize).map(Cow::Borrowed);
    if raw {
        return span().map(Val::Bytes);
    }
    Some(match (t, n.value) {
        // A protocol is the octets its item spans, and for `contains` the rest of the packet
        // from its start (Wireshark: the buffer its dissector was handed), its payload included.
        (FType::Proto, _) => {
            let rest = data.get(n.offset as usize..)?;
            Val::Proto(rest.get(..n.len as usize)?, rest)
        }
        (FType::None, _) => return None,
        // An address under a text alias: its text, as `-T fields` writes it.
        (FType::Str, Value::Ipv4(a)) => Val::Str(Cow::Owned(std::net::Ipv4Addr::from(a).to_string().into_bytes())),
        (FType::Str, Value::Ipv6(a)) => {
            let mut s = String::new();
            crate::format::write_ipv6(&mut s, &a);
            Val::Str(Cow::Owned(s.into_bytes()))
        }
        (_, Value::Uint(v)) => Val::Int(i128::from(v)),
        (_, Value::Int(v)) => Val::Int(i128::from(v)),
        (_, Value::Bool(b)) => Val::Bool(b),
        (_, Value::Ipv4(a)) => Val::V4(u32::from_be_bytes(a), 32),
        (_, Value::Ipv6(a)) => Val::V6(u128::from_be_bytes(a), 128),
        (_, Value::Ether(a)) => Val::Bytes(Cow::Owned(a.to_vec())),
        // A string is what Wireshark reads from its octets ([`crate::text::value`]).
        (FType::Str, Value::Str) => {
            let b = data.get(n.offset as usize..(n.offset + n.len) as usize)?;
            Val::Str(match crate::text::value(b, n.def.enc) {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            })
        }
        (FType::Str, Value::Bytes) => Val::Str(span()?),
        (_, Value::Bytes | Value::Str) => Val::Bytes(span()?),
        (_, Value::Text(s, l)) => Val::Str(Cow::Borrowed(d.text_bytes((s, l)))),
        (_, Value::AbsTime(s, ns)) => Val::Abs(i128::from(s) * 1_000_000_000 + i128::from(ns)),
        (_, Value::RelTime(ns)) => Val::Rel(i128::from(ns)),
        (_, Value::Double(v)) => Val::Double(v.get()),
        (_, Value::None) => return None,
    })
}

fn slice(b: &[u8], ranges: &[Range]) -> Option<Vec<u8>> {
    let len = b.len() as i64;
    let at = |i: i64| if i < 0 { len.checked_add(i) } else { Some(i) };
    let mut out = Vec::new();
    for r in ranges {
        let (s, e) = match *r {
            Range::One(a) => (at(a)?, at(a)?.checked_add(1)?),
            Range::Len(a, l) => (at(a)?, at(a)?.checked_add(i64::try_from(l).ok()?)?),
            Range::To(a, z) => (at(a)?, at(z)?.checked_add(1)?),
            Range::From(a) => (at(a)?, len),
        };
        if s < 0 || e > len || s >= e {
            return None;
        }
        out.extend_from_slice(&b[s as usize..e as usize]);
    }
    Some(out)
}

fn values<'a>(o: &'a COp, f: Frame<'a>) -> Vec<Val<'a>> {
    match o {
        COp::Const(v) => vec![v.clone()],
        COp::Field { entry, ftype, layer, raw } => {
            field_nodes(f, entry, layer.as_deref(), f.d).filter_map(|i| node_value(f.d, f.data, i, *ftype, *raw)).collect()
        }
        COp::Ref { entry, ftype, layer } => match f.refs {
            Some((d, data)) => {
                field_nodes(f, entry, layer.as_deref(), d).filter_map(|i| node_value(d, data, i, *ftype, false)).collect()
            }
            None => Vec::new(),
        },
        COp::Slice { base, ranges } => {
            values(base, f).iter().filter_map(|v| Some(Val::Bytes(Cow::Owned(slice(&v.octets()?, ranges)?)))).collect()
        }
        COp::Neg(inner) => values(inner, f)
            .into_iter()
            .filter_map(|v| match v {
                Val::Int(i) => Some(Val::Int(-i)),
                Val::Rel(i) => Some(Val::Rel(-i)),
                Val::Double(x) => Some(Val::Double(-x)),
                _ => None,
            })
            .collect(),
        COp::Arith { op, lhs, rhs } => {
            let (l, r) = (values(lhs, f), values(rhs, f));
            let mut out = Vec::new();
            for a in &l {
                for b in &r {
                    if let Some(v) = arith(*op, a, b) {
                        out.push(v);
                    }
                }
            }
            out
        }
        COp::Func { f: func, args, width, def } => call(*func, args, *width, *def, f),
    }
}

fn arith<'a>(op: ArOp, a: &Val<'_>, b: &Val<'_>) -> Option<Val<'a>> {
    match (op, a, b) {
        (ArOp::BitAnd, Val::V4(x, _), Val::V4(y, _)) => return Some(Val::V4(x & y, 32)),
        (ArOp::BitAnd, Val::V6(x, _), Val::V6(y, _)) => return Some(Val::V6(x & y, 128)),
        _ => {}
    }
    if let (ArOp::BitAnd, Some(x), Some(y)) = (op, a.octets(), b.octets()) {
        // Octet by octet, over the shorter of the two.
        return Some(Val::Bytes(Cow::Owned(x.iter().zip(y.iter()).map(|(p, q)| p & q).collect())));
    }
    match (a, b) {
        (Val::Rel(x), Val::Rel(y)) | (Val::Abs(x), Val::Rel(y)) => {
            let v = match op {
                ArOp::Add => x.checked_add(*y)?,
                ArOp::Sub => x.checked_sub(*y)?,
                _ => return None,
            };
            Some(if matches!(a, Val::Abs(_)) { Val::Abs(v) } else { Val::Rel(v) })
        }
        // A double with a double or an integer gives a double (`icmp.resptime * 1000`).
        (Val::Double(_), Val::Double(_) | Val::Int(_)) | (Val::Int(_), Val::Double(_)) => {
            let num = |v: &Val<'_>| match *v {
                Val::Double(x) => x,
                Val::Int(i) => i as f64,
                _ => 0.0,
            };
            let (x, y) = (num(a), num(b));
            let v = match op {
                ArOp::Add => x + y,
                ArOp::Sub => x - y,
                ArOp::Mul => x * y,
                ArOp::Div if y != 0.0 => x / y,
                _ => return None,
            };
            Some(Val::Double(v))
        }
        _ => {
            let (x, y) = (a.as_int()?, b.as_int()?);
            Some(Val::Int(match op {
                ArOp::Add => x.checked_add(y)?,
                ArOp::Sub => x.checked_sub(y)?,
                ArOp::Mul => x.checked_mul(y)?,
                ArOp::Div => x.checked_div(y)?,
                ArOp::Mod => x.checked_rem(y)?,
                ArOp::BitAnd => x & y,
            }))
        }
    }
}

fn call<'a>(func: Func, args: &'a [COp], width: u8, def: Option<&'static FieldDef>, f: Frame<'a>) -> Vec<Val<'a>> {
    // A field given to a function implies it exists (wireshark-filter(4)): a missing one gives
    // no value at all.
    let missing = |a: &COp| match a {
        COp::Field { entry, layer, .. } => field_nodes(f, entry, layer.as_deref(), f.d).next().is_none(),
        _ => false,
    };
    if !matches!(func, Func::Max | Func::Min) && args.iter().any(missing) {
        return Vec::new();
    }
    let first = || args.first().map(|a| values(a, f)).unwrap_or_default();
    let text = |s: Vec<u8>| Val::Str(Cow::Owned(s));
    match func {
        Func::Len => first().iter().filter_map(|v| v.octets().map(|o| Val::Int(o.len() as i128))).collect(),
        Func::Width(n) => first().iter().map(|_| Val::Int(i128::from(n))).collect(),
        Func::Count => match args.first() {
            Some(COp::Field { entry, layer, .. }) => vec![Val::Int(field_nodes(f, entry, layer.as_deref(), f.d).count() as i128)],
            _ => Vec::new(),
        },
        Func::Upper | Func::Lower => first()
            .iter()
            .filter_map(|v| v.octets())
            .map(|o| text(if func == Func::Upper { o.to_ascii_uppercase() } else { o.to_ascii_lowercase() }))
            .collect(),
        Func::String => first().iter().map(|v| text(value::to_text(v))).collect(),
        Func::Abs => first()
            .into_iter()
            .filter_map(|v| match v {
                Val::Int(i) => Some(Val::Int(i.abs())),
                Val::Rel(i) => Some(Val::Rel(i.abs())),
                Val::Double(x) => Some(Val::Double(x.abs())),
                _ => None,
            })
            .collect(),
        Func::Dec => first().iter().filter_map(|v| v.as_int()).map(|i| text(i.to_string().into_bytes())).collect(),
        Func::Hex => first()
            .iter()
            .filter_map(|v| v.as_int())
            .map(|i| text(format!("0x{:0w$x}", i, w = usize::from(width) * 2).into_bytes()))
            .collect(),
        Func::Vals => first()
            .iter()
            .filter_map(|v| {
                let d = def?;
                let name = match (d.strings, v) {
                    (Strings::Vals(_) | Strings::Names(_), _) => {
                        d.value_name(u64::try_from(v.as_int()?).ok()?).map(str::to_string)
                    }
                    (Strings::Tfs(t, fl), Val::Bool(b)) => Some(if *b { t } else { fl }.to_string()),
                    _ => None,
                };
                Some(text(name.unwrap_or_else(|| v.as_int().map_or_else(String::new, |i| i.to_string())).into_bytes()))
            })
            .collect(),
        Func::Max | Func::Min => {
            let all: Vec<Val<'a>> = args.iter().flat_map(|a| values(a, f)).collect();
            let best = all.into_iter().reduce(|a, b| {
                let keep_a = match order(&a, &b) {
                    Some(Ordering::Greater) => func == Func::Max,
                    Some(Ordering::Less) => func == Func::Min,
                    _ => true,
                };
                if keep_a {
                    a
                } else {
                    b
                }
            });
            best.into_iter().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for numbers and flags decides every comparison as the general path does
    /// (`relation` on the values `node_value` makes), numbers and flags on either side.
    #[test]
    fn scalar_shortcut_agrees_with_values() {
        let ops = [RelOp::Eq, RelOp::AllEq, RelOp::Ne, RelOp::AnyNe, RelOp::Lt, RelOp::Le, RelOp::Gt, RelOp::Ge];
        let nodes = [
            Value::Uint(0),
            Value::Uint(1),
            Value::Uint(5),
            Value::Uint(u64::MAX),
            Value::Int(-3),
            Value::Bool(false),
            Value::Bool(true),
        ];
        let consts = [
            Val::Int(0),
            Val::Int(1),
            Val::Int(5),
            Val::Int(-3),
            Val::Int(i128::from(u64::MAX)),
            Val::Bool(false),
            Val::Bool(true),
        ];
        let mut d = Dissection::new();
        let mut checked = 0;
        for value in nodes {
            d.nodes.clear();
            d.nodes.push(crate::tree::Node {
                def: &crate::tree::WS_EXPERT_SEVERITY,
                offset: 0,
                len: 0,
                value,
                depth: 0,
                generated: false,
                hidden: false,
                append: None,
                expert: None,
            });
            for ftype in [FType::Int, FType::Bool] {
                let v = node_value(&d, &[], 0, ftype, false).expect("a value");
                let s = scalar(&d, 0, ftype, false).expect("a number or flag");
                for c in &consts {
                    for op in ops {
                        let k = c.as_int().expect("a number");
                        assert_eq!(scalar_pred(op, s, k, c), Some(relation(op, &v, c)), "{value:?} {op:?} {c:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 7 * 2 * 7 * 8);
        // Not numbers: the general path.
        assert_eq!(scalar(&d, 0, FType::Proto, false), None);
        assert_eq!(scalar(&d, 0, FType::Int, true), None);
        assert_eq!(scalar_pred(RelOp::Contains, (1, false), 1, &Val::Int(1)), None);
    }
}
