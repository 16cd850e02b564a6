//! The owned, lossless form's building blocks: how an option body parses from and emits to
//! its data octets ([`Body`]), and the variable parts several options share: trailing octets
//! after a fixed part ([`Tail`]), an address whose length says its family ([`Addr`]), TLV
//! sub-options ([`SubOpts`]), and why an option cannot be emitted ([`OptError`]).
//!
//! A body's `parse_body` sees exactly the option data (after Type and Length) and accepts it
//! only in the shape the body describes; [`super::MhOption::parse_in`] keeps anything else raw
//! and re-checks every typed parse by emitting it again, so typing never costs a byte.

use crate::wire::{Ip4, Ip6, Layout};

/// An option body: parsed from exactly its data octets, emitted back to them.
pub trait Body: Sized {
    /// The body of these data octets, `None` when they do not have its shape (wrong length,
    /// a sub-option running past the end).
    fn parse_body(data: &[u8]) -> Option<Self>;
    /// Appends the data octets; fails when a length inside cannot describe what follows.
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError>;
}

/// A fixed part: any `layout!` struct (through [`Layout`]).
pub trait Fixed: Sized {
    const LEN: usize;
    fn parse_fixed(i: &[u8]) -> Option<Self>;
    fn emit_fixed(&self, out: &mut Vec<u8>);
}

impl<L: Layout> Fixed for L {
    const LEN: usize = L::LEN;
    fn parse_fixed(i: &[u8]) -> Option<Self> {
        L::parse_layout(i).ok().map(|(_, v)| v)
    }
    fn emit_fixed(&self, out: &mut Vec<u8>) {
        self.emit_layout(out)
    }
}

/// A `layout!` struct is a body when the data is exactly its octets.
impl<L: Layout> Body for L {
    fn parse_body(data: &[u8]) -> Option<Self> {
        if data.len() != L::LEN {
            return None;
        }
        L::parse_fixed(data)
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        self.emit_layout(out);
        Ok(())
    }
}

/// Opaque octets (an authenticator, a token, an identifier the RFC leaves uninterpreted).
impl Body for Vec<u8> {
    fn parse_body(data: &[u8]) -> Option<Self> {
        Some(data.to_vec())
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        out.extend_from_slice(self);
        Ok(())
    }
}

/// No data at all (Pad1, CGA Parameters Request, Care-of Test Init).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Empty;

impl Body for Empty {
    fn parse_body(data: &[u8]) -> Option<Self> {
        data.is_empty().then_some(Empty)
    }
    fn emit_body(&self, _: &mut Vec<u8>) -> Result<(), OptError> {
        Ok(())
    }
}

/// A fixed part (the `layout!` its decoder annotates) followed by a variable part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tail<F, T = Vec<u8>> {
    pub fixed: F,
    pub rest: T,
}

impl<F: Fixed, T: Body> Body for Tail<F, T> {
    fn parse_body(data: &[u8]) -> Option<Self> {
        let fixed = F::parse_fixed(data.get(..F::LEN)?)?;
        let rest = T::parse_body(data.get(F::LEN..)?)?;
        Some(Tail { fixed, rest })
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        self.fixed.emit_fixed(out);
        self.rest.emit_body(out)
    }
}

/// An address whose length gives its family (none, IPv4, IPv6), or other octets kept as they
/// were (a length no family has).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Addr {
    #[default]
    None,
    V4(Ip4),
    V6(Ip6),
    Other(Vec<u8>),
}

impl Body for Addr {
    fn parse_body(data: &[u8]) -> Option<Self> {
        Some(match data.len() {
            0 => Addr::None,
            4 => Addr::V4(Ip4(data.try_into().ok()?)),
            16 => Addr::V6(Ip6(data.try_into().ok()?)),
            _ => Addr::Other(data.to_vec()),
        })
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            Addr::None => {}
            Addr::V4(a) => out.extend_from_slice(&a.0),
            Addr::V6(a) => out.extend_from_slice(&a.0),
            Addr::Other(b) => out.extend_from_slice(b),
        }
        Ok(())
    }
}

/// 16-bit values filling the data (Flow Summary's FIDs, Binding Reference's BIDs); an odd
/// last octet is kept in `trailer`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct U16s {
    pub values: Vec<u16>,
    pub trailer: Vec<u8>,
}

impl U16s {
    pub fn parse(data: &[u8]) -> Self {
        let c = data.chunks_exact(2);
        let trailer = c.remainder().to_vec();
        U16s { values: c.filter_map(|c| crate::wire::Reader::new(c).exact().map(u16::from_be_bytes)).collect(), trailer }
    }
    pub fn emit(&self, out: &mut Vec<u8>) {
        for v in &self.values {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&self.trailer);
    }
}

impl Body for U16s {
    fn parse_body(data: &[u8]) -> Option<Self> {
        Some(U16s::parse(data))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        self.emit(out);
        Ok(())
    }
}

/// A sub-option's value, typed by its carrier from the sub-option type: any octets parse (a
/// value that is not its type's shape is kept as octets), and emission gives them back.
pub trait SubValue: Sized {
    fn parse_value(kind: u8, data: &[u8]) -> Self;
    /// Appends the value; fails when a length inside it cannot describe what follows.
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError>;
}

impl SubValue for Vec<u8> {
    fn parse_value(_: u8, data: &[u8]) -> Self {
        data.to_vec()
    }
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        out.extend_from_slice(self);
        Ok(())
    }
}

/// One step of a walk over sub-options (Type, Length, data): the framing rule the decoders'
/// walks and the owned [`SubOpts`] share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tlv<'a> {
    /// Type 0 where it is a lone octet (RFC 6089 §4.2.1.1).
    Pad1,
    /// Type, Length and the data.
    Whole { kind: u8, len: u8, data: &'a [u8] },
    /// A type octet with no Length octet after it; the walk ends.
    NoLength { kind: u8 },
    /// A Length running past the end (`data`: the octets there are); the walk ends.
    Overrun { kind: u8, len: u8, data: &'a [u8] },
}

/// Walks the sub-options in `data`, yielding each with its offset in `data`.
#[derive(Debug, Clone)]
pub struct TlvWalk<'a> {
    data: &'a [u8],
    at: usize,
    pad1: bool,
}

impl<'a> TlvWalk<'a> {
    /// A walk over `data`; with `pad1`, type 0 is a lone octet.
    pub fn new(data: &'a [u8], pad1: bool) -> Self {
        TlvWalk { data, at: 0, pad1 }
    }
}

impl<'a> Iterator for TlvWalk<'a> {
    type Item = (usize, Tlv<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        let at = self.at;
        let (&kind, rest) = self.data.get(at..)?.split_first()?;
        if self.pad1 && kind == 0 {
            self.at += 1;
            return Some((at, Tlv::Pad1));
        }
        self.at = self.data.len();
        let Some((&len, rest)) = rest.split_first() else { return Some((at, Tlv::NoLength { kind })) };
        match rest.get(..usize::from(len)) {
            Some(data) => {
                self.at = at + 2 + data.len();
                Some((at, Tlv::Whole { kind, len, data }))
            }
            None => Some((at, Tlv::Overrun { kind, len, data: rest })),
        }
    }
}

/// One sub-option (Type, Length, value), its type a code point of the carrying option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubOpt<K, V> {
    pub kind: K,
    pub value: V,
}

/// The sub-options filling an option's variable part, and octets after the last whole one
/// (a sub-option whose Length runs past the option). With `PAD1`, type 0 is a lone octet
/// (RFC 6089 §4.2.1.1's Pad1): it parses to an entry with an empty value and emits as one octet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubOpts<K, V, const PAD1: bool> {
    pub items: Vec<SubOpt<K, V>>,
    pub trailer: Vec<u8>,
}

impl<K, V, const PAD1: bool> Default for SubOpts<K, V, PAD1> {
    fn default() -> Self {
        SubOpts { items: Vec::new(), trailer: Vec::new() }
    }
}

impl<K: Copy + From<u8> + Into<u8>, V: SubValue, const PAD1: bool> Body for SubOpts<K, V, PAD1> {
    fn parse_body(data: &[u8]) -> Option<Self> {
        let mut items = Vec::new();
        for (at, tlv) in TlvWalk::new(data, PAD1) {
            match tlv {
                Tlv::Pad1 => items.push(SubOpt { kind: K::from(0), value: V::parse_value(0, &[]) }),
                Tlv::Whole { kind, data, .. } => items.push(SubOpt { kind: K::from(kind), value: V::parse_value(kind, data) }),
                Tlv::NoLength { .. } | Tlv::Overrun { .. } => return Some(SubOpts { items, trailer: data[at..].to_vec() }),
            }
        }
        Some(SubOpts { items, trailer: Vec::new() })
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        for s in &self.items {
            let kind: u8 = s.kind.into();
            let start = out.len();
            if PAD1 && kind == 0 {
                out.push(0);
                let r = s.value.emit_value(out);
                if r.is_err() || out.len() > start + 1 {
                    out.truncate(start);
                    return Err(OptError::Pad1WithData);
                }
                continue;
            }
            out.extend_from_slice(&[kind, 0]);
            if let Err(e) = s.value.emit_value(out) {
                out.truncate(start);
                return Err(e);
            }
            let len = out.len() - start - 2;
            match u8::try_from(len) {
                Ok(l) => out[start + 1] = l,
                Err(_) => {
                    out.truncate(start);
                    return Err(OptError::SubLength { kind, len });
                }
            }
        }
        out.extend_from_slice(&self.trailer);
        Ok(())
    }
}

/// How an option's Length octet counts its data (the row's `span` rule, both ways).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Length counts the data octets (RFC 6275 §6.2.1).
    Octets,
    /// Length counts 32-bit words after the first `n` data octets (RFC 7411 §5.3/§5.4: 2).
    WordsAfter(usize),
}

impl Span {
    /// Data octets a Length octet stands for.
    pub const fn data_len(self, octet: u8) -> usize {
        match self {
            Span::Octets => octet as usize,
            Span::WordsAfter(n) => n + 4 * octet as usize,
        }
    }
    /// The Length octet describing `data_len` octets, if one does.
    pub fn length_octet(self, data_len: usize) -> Option<u8> {
        match self {
            Span::Octets => u8::try_from(data_len).ok(),
            Span::WordsAfter(n) => {
                let words = data_len.checked_sub(n).filter(|w| w.is_multiple_of(4))?;
                u8::try_from(words / 4).ok()
            }
        }
    }
}

/// Why an option could not be emitted: a computed length its octet cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptError {
    /// `data_len` octets of data for option `kind`: its Length octet cannot describe them
    /// (more than 255, or for a Length counting words, not a whole number of words).
    Length { kind: u8, data_len: usize },
    /// A sub-option of type `kind` with `len` octets of data: more than its Length octet holds.
    SubLength { kind: u8, len: usize },
    /// A sub-option of type 0 where type 0 is Pad1 (a lone octet) carries data.
    Pad1WithData,
}

impl std::fmt::Display for OptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptError::Length { kind, data_len } => {
                write!(f, "mobility option {kind}: {data_len} octets of data, more than its Length octet can describe")
            }
            OptError::SubLength { kind, len } => write!(f, "sub-option {kind}: {len} octets of data, its Length octet holds 255"),
            OptError::Pad1WithData => write!(f, "a Pad1 sub-option carries no data"),
        }
    }
}

impl std::error::Error for OptError {}
