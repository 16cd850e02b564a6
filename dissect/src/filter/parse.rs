//! Display filter text → [`Expr`]: a nom lexer, then a recursive-descent parser over its
//! tokens with Wireshark's precedence (`or` < `xor` < `and` < `not` < comparisons < `&` <
//! `+ -` < `* / %` < unary minus < slices). Nesting is bounded, so no input can exhaust the
//! stack.

use super::ast::*;
use super::FilterError;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::{char, digit1, multispace0};
use nom::combinator::{map, opt, recognize};
use nom::sequence::{pair, preceded};
use nom::{IResult, Parser as _};

/// Deepest nesting of parentheses, braces and unary operators accepted.
const MAX_DEPTH: usize = 64;
/// Most binary operators (and slices) in one filter: compiling and evaluating recurse once per
/// operator of a chain, so this bounds the stack whatever the input.
const MAX_OPERATORS: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Word(String),
    Str(Vec<u8>),
    Char(u32),
    /// The text between `[` and `]`.
    Bracket(String),
    Punct(&'static str),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    span: Span,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-' | '/')
}

/// A word: field names, keywords and unquoted literals (addresses, numbers, byte strings).
/// It stops before `..`, the range operator (`4430..4434`), and before a `/` that does not
/// follow an address (an address's prefix length, `2001:db8::/32`; else division, as in tshark:
/// `mip6.bu.seqnr/2`).
fn word(i: &str) -> IResult<&str, &str> {
    let first = i.chars().next().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':'));
    if first.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alpha)));
    }
    let mut end = 0;
    let b = i.as_bytes();
    while end < b.len() && is_word_char(b[end] as char) {
        if b[end] == b'.' && b.get(end + 1) == Some(&b'.') {
            break;
        }
        if b[end] == b'/' && i[..end].parse::<std::net::IpAddr>().is_err() {
            break;
        }
        end += 1;
    }
    Ok((&i[end..], &i[..end]))
}

static PUNCT: &[&str] = &[
    "===", "!==", "==", "!=", "~=", "<=", ">=", "&&", "||", "^^", "..", "${", "<", ">", "~", "!", "&", "+", "-", "*", "/", "%",
    "(", ")", "{", "}", ",", "#", "@", "$",
];

fn punct(i: &str) -> IResult<&str, &'static str> {
    for p in PUNCT {
        if let Some(rest) = i.strip_prefix(p) {
            return Ok((rest, p));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

/// Why a quoted string or character constant is wrong, and where (offset in its text).
struct LexError {
    at: usize,
    msg: String,
}

/// Reads one escape after a backslash at `s[0]` (`s` starts after the backslash); returns the
/// code point (or octet, for octal and `\x`) and the characters read.
fn escape(s: &str) -> Result<(u32, usize, bool), String> {
    let mut cs = s.chars();
    let c = cs.next().ok_or("unfinished escape sequence")?;
    let simple = |v: u8| Ok((u32::from(v), 1, true));
    match c {
        '\'' => simple(b'\''),
        '"' => simple(b'"'),
        '\\' => simple(b'\\'),
        'a' => simple(7),
        'b' => simple(8),
        'f' => simple(12),
        'n' => simple(b'\n'),
        'r' => simple(b'\r'),
        't' => simple(b'\t'),
        'v' => simple(11),
        '0'..='7' => {
            let digits: String = s.chars().take(3).take_while(|c| ('0'..='7').contains(c)).collect();
            let v = u32::from_str_radix(&digits, 8).map_err(|e| e.to_string())?;
            if v > 255 {
                return Err(format!("octal escape \\{digits} is more than one octet"));
            }
            Ok((v, digits.len(), true))
        }
        'x' => {
            let digits: String = s[1..].chars().take(2).take_while(char::is_ascii_hexdigit).collect();
            if digits.is_empty() {
                return Err("\\x needs one or two hex digits".into());
            }
            Ok((u32::from_str_radix(&digits, 16).map_err(|e| e.to_string())?, 1 + digits.len(), true))
        }
        'u' | 'U' => {
            let n = if c == 'u' { 4 } else { 8 };
            let digits: String = s[1..].chars().take(n).collect();
            if digits.len() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(format!("\\{c} needs {n} hex digits"));
            }
            let v = u32::from_str_radix(&digits, 16).map_err(|e| e.to_string())?;
            if char::from_u32(v).is_none() {
                return Err(format!("\\{c}{digits} is not a Unicode code point"));
            }
            Ok((v, 1 + n, false))
        }
        other => Err(format!("unknown escape sequence \\{other}")),
    }
}

/// A double-quoted string (escapes applied) or a raw string `r"…"` (backslashes kept; `\"`
/// still does not end it). `i` starts at the opening quote (after `r` for a raw string).
fn quoted(i: &str, raw: bool) -> Result<(Vec<u8>, usize), LexError> {
    let mut out = Vec::new();
    let b = i.as_bytes();
    let mut k = 1;
    loop {
        let Some(&c) = b.get(k) else { return Err(LexError { at: 0, msg: "the string has no closing quote".into() }) };
        match c {
            b'"' => return Ok((out, k + 1)),
            b'\\' if raw => {
                out.push(b'\\');
                if b.get(k + 1) == Some(&b'"') {
                    out.push(b'"');
                    k += 2;
                } else {
                    k += 1;
                }
            }
            b'\\' => {
                let (v, n, octet) = escape(&i[k + 1..]).map_err(|msg| LexError { at: k, msg })?;
                if octet {
                    out.push(v as u8);
                } else if let Some(ch) = char::from_u32(v) {
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                k += 1 + n;
            }
            _ => {
                out.push(c);
                k += 1;
            }
        }
    }
}

/// A character constant `'x'`, `'\n'`, `'\x0a'`, `'\012'`; `i` starts at the quote.
fn char_const(i: &str) -> Result<(u32, usize), LexError> {
    let rest = &i[1..];
    let (v, n) = match rest.chars().next() {
        Some('\\') => {
            let (v, n, _) = escape(&rest[1..]).map_err(|msg| LexError { at: 1, msg })?;
            (v, 1 + n)
        }
        Some('\'') | None => return Err(LexError { at: 0, msg: "empty character constant".into() }),
        Some(c) => (c as u32, c.len_utf8()),
    };
    if rest[n..].starts_with('\'') {
        Ok((v, n + 2))
    } else if rest[n..].contains('\'') {
        Err(LexError { at: 0, msg: "the character constant is too long: it holds one character (use a string)".into() })
    } else {
        Err(LexError { at: 0, msg: "the character constant has no closing quote".into() })
    }
}

fn lex(src: &str) -> Result<Vec<Token>, FilterError> {
    let mut toks = Vec::new();
    let mut i = src;
    let pos = |rest: &str| src.len() - rest.len();
    loop {
        let (rest, _) = multispace0::<_, nom::error::Error<&str>>(i).unwrap_or((i, ""));
        i = rest;
        if i.is_empty() {
            return Ok(toks);
        }
        let start = pos(i);
        let err = |at: usize, msg: String| FilterError::at(start + at, 1, msg);
        if let Some(body) = i.strip_prefix('[') {
            let Some(end) = body.find(']') else { return Err(err(0, "\"[\" has no matching \"]\"".into())) };
            toks.push(Token { tok: Tok::Bracket(body[..end].to_string()), span: Span::new(start, start + end + 2) });
            i = &body[end + 1..];
        } else if i.starts_with('"') || i.starts_with("r\"") || i.starts_with("R\"") {
            let raw = !i.starts_with('"');
            let q = if raw { &i[1..] } else { i };
            let (v, n) = quoted(q, raw).map_err(|e| err(e.at + usize::from(raw), e.msg))?;
            let n = n + usize::from(raw);
            toks.push(Token { tok: Tok::Str(v), span: Span::new(start, start + n) });
            i = &i[n..];
        } else if i.starts_with('\'') {
            let (v, n) = char_const(i).map_err(|e| err(e.at, e.msg))?;
            toks.push(Token { tok: Tok::Char(v), span: Span::new(start, start + n) });
            i = &i[n..];
        } else if let Ok((rest, w)) = word(i) {
            toks.push(Token { tok: Tok::Word(w.to_string()), span: Span::new(start, start + w.len()) });
            i = rest;
        } else if let Ok((rest, p)) = punct(i) {
            toks.push(Token { tok: Tok::Punct(p), span: Span::new(start, start + p.len()) });
            i = rest;
        } else {
            let c = i.chars().next().unwrap_or(' ');
            return Err(FilterError::at(start, c.len_utf8(), format!("\"{c}\" was unexpected in this context")));
        }
    }
}

/// Parses slice or layer ranges: `i:j`, `i-j`, `i`, `:j`, `i:`, comma-separated.
pub fn ranges(text: &str) -> Result<Vec<Range>, String> {
    fn int(i: &str) -> IResult<&str, i64> {
        let (i, s) = recognize(pair(opt(char('-')), digit1)).parse(i)?;
        match s.parse() {
            Ok(v) => Ok((i, v)),
            Err(_) => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit))),
        }
    }
    fn range(i: &str) -> IResult<&str, Range> {
        let ws = |i| multispace0(i);
        let (i, _) = ws(i)?;
        alt((map(preceded(pair(char(':'), ws), int), |j| Range::Len(0, j.max(0) as u64)), |i| {
            let (i, a) = int(i)?;
            let (i, _) = ws(i)?;
            alt((
                map(preceded(pair(char(':'), ws), int), move |j| Range::Len(a, j.max(0) as u64)),
                map(char(':'), move |_| Range::From(a)),
                map(preceded(pair(char('-'), ws), int), move |j| Range::To(a, j)),
                map(take_while(|_| false), move |_| Range::One(a)),
            ))
            .parse(i)
        }))
        .parse(i)
    }
    let mut out = Vec::new();
    let mut i = text;
    loop {
        let (rest, r) = range(i).map_err(|_| format!("\"{}\" is not a valid range", text.trim()))?;
        if let Range::Len(_, 0) = r {
            return Err(format!("\"{}\": a range of length 0", text.trim()));
        }
        if let Range::To(a, b) = r {
            if (a >= 0) == (b >= 0) && b < a {
                return Err(format!("\"{}\": a range that ends before it starts", text.trim()));
            }
        }
        out.push(r);
        let (rest, _) = multispace0::<_, nom::error::Error<&str>>(rest).unwrap_or((rest, ""));
        if rest.is_empty() {
            return Ok(out);
        }
        let Ok((rest, _)) = tag::<_, _, nom::error::Error<&str>>(",")(rest) else {
            return Err(format!("\"{}\" is not a valid range", text.trim()));
        };
        i = rest;
    }
}

/// Keywords that end an operand.
fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "xor"
            | "not"
            | "in"
            | "eq"
            | "ne"
            | "gt"
            | "ge"
            | "lt"
            | "le"
            | "any_eq"
            | "all_eq"
            | "any_ne"
            | "all_ne"
            | "contains"
            | "matches"
            | "bitwise_and"
            | "any"
            | "all"
    )
}

struct Parser<'s> {
    toks: Vec<Token>,
    at: usize,
    depth: usize,
    operators: usize,
    src_len: usize,
    _src: &'s str,
}

type R<T> = Result<T, FilterError>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.at)
    }
    fn peek_at(&self, n: usize) -> Option<&Token> {
        self.toks.get(self.at + n)
    }
    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(q), .. }) if *q == p)
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Word(x), .. }) if x == w)
    }
    fn bump(&mut self) -> Option<Token> {
        let t = self.toks.get(self.at).cloned();
        self.at += usize::from(t.is_some());
        t
    }
    fn here(&self) -> Span {
        self.peek().map_or(Span::new(self.src_len, self.src_len), |t| t.span)
    }
    fn unexpected(&self) -> FilterError {
        match self.peek() {
            Some(t) => FilterError::span(t.span, format!("\"{}\" was unexpected in this context", show(&t.tok))),
            None => FilterError::at(self.src_len, 0, "the filter ends too early".into()),
        }
    }
    fn expect(&mut self, p: &'static str) -> R<Span> {
        if self.is_punct(p) {
            Ok(self.bump().map(|t| t.span).unwrap_or_default())
        } else {
            Err(match self.peek() {
                Some(t) => FilterError::span(t.span, format!("expected \"{p}\" here, not \"{}\"", show(&t.tok))),
                None => FilterError::at(self.src_len, 0, format!("expected \"{p}\" before the end of the filter")),
            })
        }
    }
    /// Counts one binary operator (just consumed).
    fn operator(&mut self) -> R<()> {
        self.operators += 1;
        if self.operators > MAX_OPERATORS {
            let at = self.toks.get(self.at.saturating_sub(1)).map_or(Span::new(self.src_len, self.src_len), |t| t.span);
            return Err(FilterError::span(at, format!("the filter has more than {MAX_OPERATORS} operators")));
        }
        Ok(())
    }
    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(FilterError::span(self.here(), format!("the filter nests deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn expr(&mut self) -> R<Expr> {
        let mut e = self.xor()?;
        while self.is_word("or") || self.is_punct("||") {
            self.bump();
            self.operator()?;
            let r = self.xor()?;
            e = Expr::Or(Box::new(e), Box::new(r));
        }
        Ok(e)
    }
    fn xor(&mut self) -> R<Expr> {
        let mut e = self.and()?;
        while self.is_word("xor") || self.is_punct("^^") {
            self.bump();
            self.operator()?;
            let r = self.and()?;
            e = Expr::Xor(Box::new(e), Box::new(r));
        }
        Ok(e)
    }
    fn and(&mut self) -> R<Expr> {
        let mut e = self.not()?;
        while self.is_word("and") || self.is_punct("&&") {
            self.bump();
            self.operator()?;
            let r = self.not()?;
            e = Expr::And(Box::new(e), Box::new(r));
        }
        Ok(e)
    }
    fn not(&mut self) -> R<Expr> {
        if self.is_word("not") || self.is_punct("!") {
            self.bump();
            self.enter()?;
            let e = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(e)));
        }
        if self.is_punct("(") {
            self.bump();
            self.enter()?;
            let e = self.expr()?;
            self.depth -= 1;
            self.expect(")")?;
            return Ok(e);
        }
        self.relation()
    }
    fn relation(&mut self) -> R<Expr> {
        let quant = if self.is_word("any") {
            self.bump();
            Quant::Any
        } else if self.is_word("all") {
            self.bump();
            Quant::All
        } else {
            Quant::Default
        };
        let lhs = self.bitand()?;
        let op = match self.peek().map(|t| &t.tok) {
            Some(Tok::Punct("==")) => Some(RelOp::Eq),
            Some(Tok::Punct("!=")) => Some(RelOp::Ne),
            Some(Tok::Punct("===")) => Some(RelOp::AllEq),
            // `~=` is 4.0's spelling of `!==`.
            Some(Tok::Punct("!==" | "~=")) => Some(RelOp::AnyNe),
            Some(Tok::Punct("<")) => Some(RelOp::Lt),
            Some(Tok::Punct("<=")) => Some(RelOp::Le),
            Some(Tok::Punct(">")) => Some(RelOp::Gt),
            Some(Tok::Punct(">=")) => Some(RelOp::Ge),
            Some(Tok::Punct("~")) => Some(RelOp::Matches),
            Some(Tok::Word(w)) => match w.as_str() {
                "eq" | "any_eq" => Some(RelOp::Eq),
                "ne" | "all_ne" => Some(RelOp::Ne),
                "all_eq" => Some(RelOp::AllEq),
                "any_ne" => Some(RelOp::AnyNe),
                "lt" => Some(RelOp::Lt),
                "le" => Some(RelOp::Le),
                "gt" => Some(RelOp::Gt),
                "ge" => Some(RelOp::Ge),
                "contains" => Some(RelOp::Contains),
                "matches" => Some(RelOp::Matches),
                _ => None,
            },
            _ => None,
        };
        if let Some(op) = op {
            self.bump();
            let rhs = self.bitand()?;
            let span = lhs.span().to(rhs.span());
            return Ok(Expr::Compare { quant, lhs, op, rhs, span });
        }
        let negated = self.is_word("not") && matches!(self.peek_at(1), Some(Token { tok: Tok::Word(w), .. }) if w == "in");
        if self.is_word("in") || negated {
            self.bump();
            if negated {
                self.bump();
            }
            let (set, end) = self.set()?;
            let span = lhs.span().to(end);
            return Ok(Expr::In { quant, lhs, set, negated, span });
        }
        if quant != Quant::Default {
            return Err(match self.peek() {
                Some(_) => self.unexpected(),
                None => FilterError::span(lhs.span(), "\"any\" and \"all\" need a comparison".into()),
            });
        }
        Ok(Expr::Exists(lhs))
    }
    fn set(&mut self) -> R<(Vec<SetElem>, Span)> {
        self.expect("{")?;
        let mut out = Vec::new();
        loop {
            let a = self.bitand()?;
            if self.is_punct("..") {
                self.bump();
                let b = self.bitand()?;
                out.push(SetElem::Range(a, b));
            } else {
                out.push(SetElem::One(a));
            }
            if self.is_punct(",") {
                self.bump();
                continue;
            }
            let end = self.expect("}")?;
            return Ok((out, end));
        }
    }
    fn bitand(&mut self) -> R<Operand> {
        let mut e = self.additive()?;
        while self.is_punct("&") || self.is_word("bitwise_and") {
            self.bump();
            self.operator()?;
            let r = self.additive()?;
            let span = e.span().to(r.span());
            e = Operand::Arith { op: ArOp::BitAnd, lhs: Box::new(e), rhs: Box::new(r), span };
        }
        Ok(e)
    }
    fn additive(&mut self) -> R<Operand> {
        let mut e = self.mult()?;
        loop {
            let op = if self.is_punct("+") {
                ArOp::Add
            } else if self.is_punct("-") {
                ArOp::Sub
            } else {
                return Ok(e);
            };
            self.bump();
            self.operator()?;
            let r = self.mult()?;
            let span = e.span().to(r.span());
            e = Operand::Arith { op, lhs: Box::new(e), rhs: Box::new(r), span };
        }
    }
    fn mult(&mut self) -> R<Operand> {
        let mut e = self.unary()?;
        loop {
            let op = if self.is_punct("*") {
                ArOp::Mul
            } else if self.is_punct("/") {
                ArOp::Div
            } else if self.is_punct("%") {
                ArOp::Mod
            } else {
                return Ok(e);
            };
            self.bump();
            self.operator()?;
            let r = self.unary()?;
            let span = e.span().to(r.span());
            e = Operand::Arith { op, lhs: Box::new(e), rhs: Box::new(r), span };
        }
    }
    fn unary(&mut self) -> R<Operand> {
        if self.is_punct("-") {
            let start = self.bump().map(|t| t.span).unwrap_or_default();
            self.enter()?;
            let inner = self.signed()?;
            self.depth -= 1;
            let span = start.to(inner.span());
            return Ok(Operand::Neg { inner: Box::new(inner), span });
        }
        if self.is_punct("+") {
            // Unary plus (`frame.number == +16`, as tshark 4.0 reads it): the operand itself.
            self.bump();
            self.enter()?;
            let inner = self.signed()?;
            self.depth -= 1;
            return Ok(inner);
        }
        let mut e = self.primary()?;
        while let Some(Token { tok: Tok::Bracket(text), span }) = self.peek().cloned() {
            self.bump();
            self.operator()?;
            let ranges = ranges(&text).map_err(|m| FilterError::span(span, m))?;
            let span = e.span().to(span);
            e = Operand::Slice { base: Box::new(e), ranges, span };
        }
        Ok(e)
    }
    /// What follows a unary sign: another sign is refused, as tshark 4.0 refuses `--x` and
    /// `+-x` ("\"-\" was unexpected in this context").
    fn signed(&mut self) -> R<Operand> {
        if self.is_punct("-") || self.is_punct("+") {
            return Err(self.unexpected());
        }
        self.unary()
    }
    /// `#2` or `#[2-3]` after a field name.
    fn layer(&mut self) -> R<Option<Vec<Range>>> {
        if !self.is_punct("#") {
            return Ok(None);
        }
        let hash = self.bump().map(|t| t.span).unwrap_or_default();
        match self.bump() {
            Some(Token { tok: Tok::Word(w), span }) => match w.parse::<i64>() {
                Ok(n) if n > 0 => Ok(Some(vec![Range::One(n)])),
                _ => Err(FilterError::span(span, format!("\"{w}\" is not a layer number (1 or more)"))),
            },
            Some(Token { tok: Tok::Bracket(text), span }) => ranges(&text).map(Some).map_err(|m| FilterError::span(span, m)),
            _ => Err(FilterError::span(hash, "\"#\" needs a layer number or range".into())),
        }
    }
    fn field_word(&mut self, what: &str) -> R<(String, Span)> {
        match self.bump() {
            Some(Token { tok: Tok::Word(w), span }) if !is_keyword(&w) => Ok((w, span)),
            Some(t) => Err(FilterError::span(t.span, format!("{what} needs a field name, not \"{}\"", show(&t.tok)))),
            None => Err(FilterError::at(self.src_len, 0, format!("{what} needs a field name"))),
        }
    }
    fn primary(&mut self) -> R<Operand> {
        let Some(t) = self.peek().cloned() else {
            return Err(FilterError::at(self.src_len, 0, "the filter ends too early".into()));
        };
        match t.tok {
            Tok::Str(value) => {
                self.bump();
                Ok(Operand::Str { value, span: t.span })
            }
            Tok::Char(value) => {
                self.bump();
                Ok(Operand::Char { value, span: t.span })
            }
            Tok::Punct("@") => {
                self.bump();
                let (text, span) = self.field_word("\"@\"")?;
                let layer = self.layer()?;
                Ok(Operand::Word { text, span: t.span.to(span), layer, raw: true })
            }
            Tok::Punct("${") => {
                self.bump();
                let (text, _) = self.field_word("\"${\"")?;
                let layer = self.layer()?;
                let end = self.expect("}")?;
                Ok(Operand::Ref { text, span: t.span.to(end), layer })
            }
            Tok::Punct("$") => {
                self.bump();
                let (text, span) = self.field_word("\"$\"")?;
                let layer = self.layer()?;
                Ok(Operand::Ref { text, span: t.span.to(span), layer })
            }
            Tok::Punct("{") => {
                self.bump();
                self.enter()?;
                let e = self.bitand()?;
                self.depth -= 1;
                self.expect("}")?;
                Ok(e)
            }
            Tok::Word(w) if !is_keyword(&w) => {
                self.bump();
                if self.is_punct("(") && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    self.bump();
                    self.enter()?;
                    let mut args = Vec::new();
                    if !self.is_punct(")") {
                        loop {
                            args.push(self.bitand()?);
                            if self.is_punct(",") {
                                self.bump();
                                continue;
                            }
                            break;
                        }
                    }
                    self.depth -= 1;
                    let end = self.expect(")")?;
                    return Ok(Operand::Func { name: w, args, span: t.span.to(end) });
                }
                let layer = self.layer()?;
                Ok(Operand::Word { text: w, span: t.span, layer, raw: false })
            }
            _ => Err(self.unexpected()),
        }
    }
}

fn show(t: &Tok) -> String {
    match t {
        Tok::Word(w) => w.clone(),
        Tok::Str(s) => format!("\"{}\"", String::from_utf8_lossy(s)),
        Tok::Char(c) => char::from_u32(*c).map_or_else(|| "'?'".into(), |c| format!("'{c}'")),
        Tok::Bracket(b) => format!("[{b}]"),
        Tok::Punct(p) => (*p).to_string(),
    }
}

/// Parses a whole filter.
pub fn parse(src: &str) -> Result<Expr, FilterError> {
    let toks = lex(src)?;
    if toks.is_empty() {
        return Err(FilterError::at(0, 0, "the filter is empty".into()));
    }
    let mut p = Parser { toks, at: 0, depth: 0, operators: 0, src_len: src.len(), _src: src };
    let e = p.expr()?;
    if p.peek().is_some() {
        return Err(p.unexpected());
    }
    Ok(e)
}
