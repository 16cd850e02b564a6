//! Wire primitives shared by every message: the error type, fixed-size field types, and the
//! `layout!` macro that turns one field list into a struct, its nom parser, its emitter and
//! its tree annotation, so the three can never disagree about an offset.

use crate::field::{FieldDef, Value};
use crate::tree::Tree;
use nom::error::{ErrorKind, ParseError};
use nom::number::complete::{be_u16, be_u32, be_u64, be_u8};
use nom::IResult;

/// Why bytes could not be parsed, and where (offset from the start of the parsed input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MipError {
    pub remaining: usize,
    pub kind: MipErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MipErrorKind {
    /// Ran out of bytes.
    Truncated,
    /// A length field disagrees with the message.
    BadLength,
    /// Some other nom failure.
    Nom(ErrorKind),
}

impl MipError {
    /// Offset of the failure within an input of `total` octets.
    pub fn offset(&self, total: usize) -> usize {
        total.saturating_sub(self.remaining)
    }
}

impl<'a> ParseError<&'a [u8]> for MipError {
    fn from_error_kind(input: &'a [u8], kind: ErrorKind) -> Self {
        let kind = if kind == ErrorKind::Eof { MipErrorKind::Truncated } else { MipErrorKind::Nom(kind) };
        MipError { remaining: input.len(), kind }
    }
    fn append(_: &'a [u8], _: ErrorKind, other: Self) -> Self {
        other
    }
}

impl std::fmt::Display for MipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            MipErrorKind::Truncated => write!(f, "truncated ({} bytes left)", self.remaining),
            MipErrorKind::BadLength => write!(f, "length field inconsistent ({} bytes left)", self.remaining),
            MipErrorKind::Nom(k) => write!(f, "parse error {k:?} ({} bytes left)", self.remaining),
        }
    }
}

pub type PResult<'a, T> = IResult<&'a [u8], T, MipError>;

/// A fixed-size value on the wire.
pub trait Wire: Sized + Copy {
    const LEN: usize;
    fn parse(i: &[u8]) -> PResult<'_, Self>;
    fn emit(&self, out: &mut Vec<u8>);
    /// The value as shown under a field definition (integers are masked by the caller).
    fn value(&self) -> Value;
    /// The raw integer for masking (0 for non-integers).
    fn raw(&self) -> u64 {
        0
    }
}

macro_rules! wire_uint {
    ($t:ty, $len:expr, $p:path) => {
        impl Wire for $t {
            const LEN: usize = $len;
            fn parse(i: &[u8]) -> PResult<'_, Self> {
                $p(i)
            }
            fn emit(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_be_bytes());
            }
            fn value(&self) -> Value {
                Value::Uint(u64::from(*self))
            }
            fn raw(&self) -> u64 {
                u64::from(*self)
            }
        }
    };
}
wire_uint!(u8, 1, be_u8);
wire_uint!(u16, 2, be_u16);
wire_uint!(u32, 4, be_u32);
wire_uint!(u64, 8, be_u64);

/// A length or count inside a `layout!` that emission computes unless given: parsed as
/// `Given`, emitted as the given value (a `Computed` one as zeros, for the element's own `emit`
/// to fill in once it knows what follows).
impl<T: Wire + Default> Wire for crate::model::Auto<T> {
    const LEN: usize = T::LEN;
    fn parse(i: &[u8]) -> PResult<'_, Self> {
        T::parse(i).map(|(r, v)| (r, crate::model::Auto::Given(v)))
    }
    fn emit(&self, out: &mut Vec<u8>) {
        self.given().unwrap_or_default().emit(out);
    }
    fn value(&self) -> Value {
        self.given().unwrap_or_default().value()
    }
    fn raw(&self) -> u64 {
        self.given().unwrap_or_default().raw()
    }
}

/// An IPv6 address as 16 octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Ip6(pub [u8; 16]);

/// An IPv4 address as 4 octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Ip4(pub [u8; 4]);

// Both are formatted on the stack: these run for every address in a label or Info column,
// and a `String` per address was the largest allocation source of a verbose dissection.
impl std::fmt::Display for Ip6 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0u8; crate::format::IPV6_TEXT_MAX];
        let n = crate::format::ipv6_text(&self.0, &mut buf);
        f.write_str(std::str::from_utf8(&buf[..n]).unwrap_or(""))
    }
}
impl std::fmt::Display for Ip4 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::net::Ipv4Addr::from(self.0).fmt(f)
    }
}

fn take_array<const N: usize>(i: &[u8]) -> PResult<'_, [u8; N]> {
    match i.get(..N).and_then(|s| <[u8; N]>::try_from(s).ok()) {
        Some(a) => Ok((&i[N..], a)),
        None => Err(nom::Err::Error(MipError::from_error_kind(i, ErrorKind::Eof))),
    }
}

impl Wire for Ip6 {
    const LEN: usize = 16;
    fn parse(i: &[u8]) -> PResult<'_, Self> {
        take_array::<16>(i).map(|(r, a)| (r, Ip6(a)))
    }
    fn emit(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
    fn value(&self) -> Value {
        Value::Ipv6(self.0)
    }
}

impl Wire for Ip4 {
    const LEN: usize = 4;
    fn parse(i: &[u8]) -> PResult<'_, Self> {
        take_array::<4>(i).map(|(r, a)| (r, Ip4(a)))
    }
    fn emit(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
    fn value(&self) -> Value {
        Value::Ipv4(self.0)
    }
}

/// Checked big-endian reads at frame offsets: the one way decoders read octets outside a
/// `layout!`. Every read is `None` unless all its octets are there (offset arithmetic that would
/// overflow included), so a decoder says what it does without them, and no index is safe only
/// because a length was checked somewhere else.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    pub const fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }
    /// The octet at `at`.
    #[inline]
    pub fn u8(self, at: usize) -> Option<u8> {
        self.data.get(at).copied()
    }
    /// The 16-bit big-endian integer at `at..at + 2`.
    #[inline]
    pub fn u16(self, at: usize) -> Option<u16> {
        self.array(at).map(u16::from_be_bytes)
    }
    /// The 32-bit big-endian integer at `at..at + 4`.
    #[inline]
    pub fn u32(self, at: usize) -> Option<u32> {
        self.array(at).map(u32::from_be_bytes)
    }
    /// The `N` octets at `at..at + N` (an address, a fixed header).
    #[inline]
    pub fn array<const N: usize>(self, at: usize) -> Option<[u8; N]> {
        self.data.get(at..at.checked_add(N)?)?.try_into().ok()
    }
    /// All the octets as an array, if there are exactly `N` (a fixed-size value that is the
    /// whole of its data: any other length is the caller's to keep as it is).
    #[inline]
    pub fn exact<const N: usize>(self) -> Option<[u8; N]> {
        self.data.try_into().ok()
    }
    /// The octets `at..end`, if `at <= end` and all are there.
    #[inline]
    pub fn slice(self, at: usize, end: usize) -> Option<&'a [u8]> {
        self.data.get(at..end)
    }
}

impl<'a> Tree<'a> {
    /// Checked reads of the frame being dissected (see [`Reader`]).
    #[inline]
    pub fn rd(&self) -> Reader<'a> {
        Reader::new(self.data)
    }
}

/// Adds one node per field definition for a fixed-size wire value at `off`.
pub fn annotate<W: Wire>(t: &mut Tree<'_>, defs: &[&'static FieldDef], off: usize, v: &W) {
    // A flags word that names its flags holds them, as tshark's bitmask items do.
    let mut opened = false;
    for (i, def) in defs.iter().enumerate() {
        // Here only when some row of the layout is wanted: the others are turned away by
        // their bit before any node is considered.
        if !t.may_keep(def) {
            continue;
        }
        match def.kind {
            crate::field::Kind::Bool(_) | crate::field::Kind::Uint(_) | crate::field::Kind::Int(_) => {
                let n = t.add_uint(def, off, W::LEN, v.raw());
                if matches!(def.strings, crate::field::Strings::FlagNames) && !opened {
                    if t.full() {
                        t.flag_summary(Some(n), v.raw(), defs.get(i + 1..).unwrap_or(&[]));
                    }
                    t.open(n);
                    opened = true;
                }
            }
            crate::field::Kind::Bytes => {
                t.add(def, off, W::LEN, Value::Bytes);
            }
            // A text-only item over the octets (Wireshark's FT_NONE, e.g. `icmpv6.opt.reserved`).
            crate::field::Kind::None => {
                t.add(def, off, W::LEN, Value::None);
            }
            _ => {
                t.add(def, off, W::LEN, v.value());
            }
        }
    }
    if opened {
        t.close();
    }
}

/// A field cut short (the snap length, or an end a length gave): a text-only item among its
/// rows (Wireshark's FT_NONE, e.g. `icmpv6.opt.reserved`) is shown over the octets that are
/// there, as tshark clips such an item; a value needs all its octets, so nothing else is.
pub fn annotate_cut(t: &mut Tree<'_>, defs: &[&'static FieldDef], at: usize, end: usize) {
    // (Nothing left is still an item, of no octets, as tshark's.)
    if at > t.data.len() {
        return;
    }
    let left = t.bytes(at, end).len();
    for def in defs {
        if matches!(def.kind, crate::field::Kind::None) {
            t.add(def, at, left, Value::None);
        }
    }
}

/// Declares a fixed layout: a struct of wire values in order, each annotated by zero or more
/// field definitions (several for a flags word: one per bit). Generates `LEN`, `parse` (nom),
/// `emit`, and `dissect`, which parses field by field, annotating as it goes, and stops at the
/// first field that is not fully inside `off..end`, returning that field's offset.
#[macro_export]
macro_rules! layout {
    ($(#[$m:meta])* pub struct $name:ident { $( $(#[$fm:meta])* pub $f:ident : $ty:ty => [$($def:expr),* $(,)?] ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name { $( $(#[$fm])* pub $f: $ty ),* }
        impl $name {
            /// Octets on the wire.
            pub const LEN: usize = 0 $( + <$ty as $crate::wire::Wire>::LEN )*;
            /// Parses the layout from the start of `i` (nom, complete input).
            #[inline]
            pub fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                // Whole layout at hand (nearly always): the fields parsed from an array of
                // exactly `LEN` octets, whose every length check the compiler settles, instead
                // of one check and one slice split per field (~57 instructions for a Binding
                // Acknowledgement's four). Short input: field by field, for the error's offset.
                if let Some((head, rest)) = i.split_first_chunk::<{ <$name>::LEN }>() {
                    if let Ok((_, v)) = Self::parse_fields(head) {
                        return Ok((rest, v));
                    }
                }
                Self::parse_fields(i)
            }
            #[inline(always)]
            fn parse_fields(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                $( let (i, $f) = <$ty as $crate::wire::Wire>::parse(i)?; )*
                Ok((i, Self { $($f),* }))
            }
            /// Appends exactly `LEN` octets.
            pub fn emit(&self, out: &mut Vec<u8>) {
                $( $crate::wire::Wire::emit(&self.$f, out); )*
            }
            /// Parses at frame offset `off` (not past `end`), adding a node per field.
            /// On a short buffer, returns the offset of the first field that does not fit.
            #[allow(unused_mut, unused_variables, unused_assignments)]
            pub fn dissect(t: &mut $crate::tree::Tree<'_>, off: usize, end: usize) -> Result<Self, usize> {
                // Packet list, or no row of this layout among a filter's or `-T fields`' rows:
                // no node would be kept, so parse in one go; nom's error says where the bytes
                // ran out (the offset field-by-field parsing stops at).
                if t.keeps_no_nodes() || !t.wants_any(&[$($($def,)*)*]) {
                    let input = t.bytes(off, end);
                    return match Self::parse(input) {
                        Ok((_, v)) => Ok(v),
                        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => Err(off + e.offset(input.len())),
                        Err(nom::Err::Incomplete(_)) => Err(off),
                    };
                }
                let mut at = off;
                $(
                    let $f = match <$ty as $crate::wire::Wire>::parse(t.bytes(at, end)) {
                        Ok((_, v)) => v,
                        Err(_) => {
                            $crate::wire::annotate_cut(t, &[$($def),*], at, end);
                            return Err(at);
                        }
                    };
                    $crate::wire::annotate(t, &[$($def),*], at, &$f);
                    at += <$ty as $crate::wire::Wire>::LEN;
                )*
                Ok(Self { $($f),* })
            }
            /// Adds a node per field for this value (parsed elsewhere, with its octets at frame
            /// offset `off`): a decoder that parsed a larger body once shows its fixed part.
            #[allow(unused_mut, unused_variables, unused_assignments)]
            pub fn show(&self, t: &mut $crate::tree::Tree<'_>, off: usize) {
                if !t.wants_any(&[$($($def,)*)*]) {
                    return;
                }
                let mut at = off;
                $(
                    $crate::wire::annotate(t, &[$($def),*], at, &self.$f);
                    at += <$ty as $crate::wire::Wire>::LEN;
                )*
            }
        }
        impl $crate::wire::Layout for $name {
            const LEN: usize = <$name>::LEN;
            fn parse_layout(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$name>::parse(i)
            }
            fn emit_layout(&self, out: &mut Vec<u8>) {
                <$name>::emit(self, out)
            }
        }
    };
}

/// What every `layout!` struct is: a fixed number of octets, parsed and emitted field by field.
/// Generic code (an option body made of a fixed part, say) takes any layout through it.
pub trait Layout: Sized {
    const LEN: usize;
    fn parse_layout(i: &[u8]) -> PResult<'_, Self>;
    fn emit_layout(&self, out: &mut Vec<u8>);
}

/// Makes a `code_points!` type a `layout!` field: its wire integer, shown by value (and
/// `Default`, the value 0, as `layout!` structs derive it).
macro_rules! wire_code_point {
    ($t:ty, $repr:ty) => {
        impl $crate::wire::Wire for $t {
            const LEN: usize = <$repr as $crate::wire::Wire>::LEN;
            fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$repr as $crate::wire::Wire>::parse(i).map(|(r, v)| (r, <$t>::from(v)))
            }
            fn emit(&self, out: &mut Vec<u8>) {
                $crate::wire::Wire::emit(&<$t>::value(*self), out)
            }
            fn value(&self) -> $crate::field::Value {
                $crate::field::Value::Uint(u64::from(<$t>::value(*self)))
            }
            fn raw(&self) -> u64 {
                u64::from(<$t>::value(*self))
            }
        }
        impl Default for $t {
            fn default() -> Self {
                <$t>::from(0)
            }
        }
    };
}
pub(crate) use wire_code_point;

#[cfg(test)]
mod tests {
    use super::Reader;

    #[test]
    fn reader_reads_only_what_is_there() {
        let r = Reader::new(&[0x12, 0x34, 0x56, 0x78, 0x9a]);
        assert_eq!(r.u8(4), Some(0x9a));
        assert_eq!(r.u8(5), None);
        assert_eq!(r.u16(3), Some(0x789a));
        assert_eq!(r.u16(4), None);
        assert_eq!(r.u32(1), Some(0x3456_789a));
        assert_eq!(r.u32(2), None);
        assert_eq!(r.array::<5>(0), Some([0x12, 0x34, 0x56, 0x78, 0x9a]));
        assert_eq!(r.array::<0>(5), Some([]));
        assert_eq!(r.array::<2>(usize::MAX), None, "offset overflow");
        assert_eq!(r.u32(usize::MAX - 1), None, "offset overflow");
        assert_eq!(r.slice(1, 3), Some(&[0x34, 0x56][..]));
        assert_eq!(r.slice(3, 1), None, "reversed range");
        assert_eq!(r.slice(5, 5), Some(&[][..]));
        assert_eq!(r.slice(4, 6), None);
    }
}

#[cfg(test)]
mod layout_tests {
    use crate::mh::msg::binding::{Ba, BaFlags, BaStatus};
    use crate::mh::MhHeader;

    /// A layout parsed from at least its `LEN` octets (the array path) gives each field from its
    /// own octets and leaves exactly the octets after it; from fewer, the field-by-field path
    /// fails where the first missing field starts. Every prefix of two layouts, with and without
    /// trailing octets.
    #[test]
    fn layout_parse_takes_exactly_its_octets() {
        let bytes = [0x80, 0x41, 0x12, 0x34, 0x56, 0x78, 0xaa, 0xbb];
        let (rest, ba) = Ba::parse(&bytes).unwrap();
        assert_eq!(rest, &[0xaa, 0xbb]);
        assert_eq!(ba.status, BaStatus::from(0x80));
        assert_eq!(ba.flags, BaFlags(0x41));
        assert_eq!((ba.seq, ba.lifetime), (0x1234, 0x5678));
        let (rest, ba6) = Ba::parse(&bytes[..6]).unwrap();
        assert!(rest.is_empty());
        assert_eq!(ba6, ba);
        // Status 1, flags 1, sequence 2, lifetime 2: the first field cut starts at 0, 1, 2, 2, 4, 4.
        for (n, at) in [(0, 0), (1, 1), (2, 2), (3, 2), (4, 4), (5, 4)] {
            let e = match Ba::parse(&bytes[..n]) {
                Err(nom::Err::Error(e)) => e,
                other => panic!("{n} octets: {other:?}"),
            };
            assert_eq!(e.offset(n), at, "{n} octets");
        }
        let mh = [59, 1, 5, 0, 0xbe, 0xef, 9];
        let (rest, h) = MhHeader::parse(&mh).unwrap();
        assert_eq!((h.proto, h.hdr_len, h.mh_type, h.reserved, h.checksum), (59, 1, 5, 0, 0xbeef));
        assert_eq!(rest, &[9]);
        for n in 0..6 {
            assert!(MhHeader::parse(&mh[..n]).is_err(), "{n} octets");
        }
    }
}
