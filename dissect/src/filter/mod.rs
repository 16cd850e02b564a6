//! Display filters in Wireshark's language (wireshark-filter(4)): parsed with nom into an
//! expression ([`parse`]), compiled against the field registry ([`Filter::compile`]: every name
//! resolved to its registry entry, every literal converted to the type of what it is compared
//! with), and evaluated against a frame's [`Dissection`] ([`Filter::matches`]). One evaluator
//! for `-Y`, and later the TUI's filter bar, `check`, `flow`, `stats` and replay selection.
//!
//! Semantics follow Wireshark: a field that occurs several times compares as "any" for `==`
//! and as "all" for `!=` (`===` / `!==` for the other two, `any` / `all` to choose); every
//! comparison implies the field exists; a protocol's value is the octets it spans.

mod ast;
mod eval;
pub mod parse;
mod value;

pub use ast::{Expr, Span};
pub use eval::Filter;

/// Why a filter was rejected: a message and the part of the text it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// Byte offset in the filter text.
    pub pos: usize,
    /// Bytes the error is about (0: a position, e.g. the end of the text).
    pub len: usize,
    pub msg: String,
}

impl FilterError {
    pub fn at(pos: usize, len: usize, msg: String) -> Self {
        FilterError { pos, len, msg }
    }
    pub fn span(s: Span, msg: String) -> Self {
        FilterError { pos: s.start, len: s.end.saturating_sub(s.start), msg }
    }
    /// The filter text and, under it, a caret line marking the offending part (tshark's form).
    /// The text is shown on one line (a line break or tab in it shown as a space) and the caret
    /// counts terminal columns, so it stands under the part whatever characters come before.
    pub fn caret(&self, filter: &str) -> String {
        use unicode_width::UnicodeWidthChar;
        let shown: String = filter.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        // A control character is shown as one space.
        let cols = |s: &str| s.chars().map(|c| c.width().unwrap_or(1)).sum::<usize>();
        let pre = filter.get(..self.pos.min(filter.len())).unwrap_or(filter);
        let width = filter.get(self.pos.min(filter.len())..(self.pos + self.len).min(filter.len())).map_or(0, cols);
        format!("    {shown}\n    {}^{}", " ".repeat(cols(pre)), "~".repeat(width.saturating_sub(1)))
    }
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for FilterError {}
