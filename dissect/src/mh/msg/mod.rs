//! Mobility Header messages: the fixed part of each message type after the 6-octet common
//! header (RFC 6275 §6.1.1), one module per protocol element. Each module holds its fields,
//! `layout!`s, decoders and rows (`DEFS`, with explicit MH types); [`FAMILIES`] lists the
//! modules, and [`by_type`] is built from their rows.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! | Payload Proto |  Header Len   |   MH Type     |   Reserved    |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |           Checksum            |                               |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
//! .                       Message Data (these modules)            .
//! ```

/// Implements [`Wire`](crate::wire::Wire) for code point and flags types declared with
/// `crate::code_points!` / `crate::flags!`, so a `layout!` field can be typed: the layout then
/// parses, emits and annotates the typed value (the tree shows the raw integer, as before).
macro_rules! wire_typed {
    (code $($t:ident : $repr:ty),* $(,)?) => {$(
        impl $crate::wire::Wire for $t {
            const LEN: usize = <$repr as $crate::wire::Wire>::LEN;
            #[inline]
            fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$repr as $crate::wire::Wire>::parse(i).map(|(r, v)| (r, $t::from(v)))
            }
            fn emit(&self, out: &mut Vec<u8>) {
                $crate::wire::Wire::emit(&$t::value(*self), out)
            }
            fn value(&self) -> $crate::field::Value {
                $crate::field::Value::Uint(u64::from($t::value(*self)))
            }
            #[inline]
            fn raw(&self) -> u64 {
                u64::from($t::value(*self))
            }
        }
        impl Default for $t {
            fn default() -> Self {
                $t::from(0)
            }
        }
    )*};
    (flags $($t:ident : $repr:ty),* $(,)?) => {$(
        impl $crate::wire::Wire for $t {
            const LEN: usize = <$repr as $crate::wire::Wire>::LEN;
            #[inline]
            fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$repr as $crate::wire::Wire>::parse(i).map(|(r, v)| (r, $t(v)))
            }
            fn emit(&self, out: &mut Vec<u8>) {
                $crate::wire::Wire::emit(&self.0, out)
            }
            fn value(&self) -> $crate::field::Value {
                $crate::field::Value::Uint(u64::from(self.0))
            }
            #[inline]
            fn raw(&self) -> u64 {
                u64::from(self.0)
            }
        }
    )*};
}

/// [`Body`] for a message whose data before the options is exactly one `layout!` struct.
macro_rules! layout_body {
    ($($ty:ident),* $(,)?) => {$(
        impl $crate::mh::msg::Body for $ty {
            const MIN_LEN: usize = $ty::LEN;
            fn parse_body(_mh_type: u8, i: &[u8]) -> Option<(Self, usize)> {
                $ty::parse(i).ok().map(|(_, v)| (v, $ty::LEN))
            }
            fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), $crate::mh::MhEmitError> {
                self.emit(out);
                Ok(())
            }
        }
    )*};
}
pub(crate) use layout_body;

/// The message rows of a family, each declared once: the IANA MH type, the owned body type
/// (`[layout]` when the body is one `layout!` struct, else the type implements [`Body`] itself)
/// and the decoder. Generates `DEFS` (the rows: name, minimum length, decoder and the owned
/// parse, all from this line) and the body's MH type ([`Typed`]), so the number is written here
/// only; [`crate::mh::MhBody`] has one variant per body type.
macro_rules! msg_rows {
    ($( $mh:ident => $ty:ident $([$layout:ident])? by $dec:expr ),* $(,)?) => {
        $(
            impl $crate::mh::msg::Typed for $ty {
                #[inline]
                fn mh_type(&self, _: &$crate::prefs::Prefs) -> u8 {
                    $crate::mh::MhType::$mh.value()
                }
            }
            $( $crate::mh::msg::layout_body!($ty); const _: &str = stringify!($layout); )?
        )*
        /// The message rows of this family.
        pub static DEFS: &[$crate::mh::msg::MsgRow] = &[$(
            $crate::mh::msg::MsgRow::new(
                $crate::mh::MhType::$mh,
                <$ty as $crate::mh::msg::Body>::MIN_LEN,
                $dec,
                $crate::mh::msg::parse_as::<$ty>,
            )
        ),*];
    };
}

pub mod binding;
pub mod experimental;
pub mod flow_binding;
pub mod fmip;
pub mod ha_switch;
pub mod handover;
pub mod heartbeat;
pub mod localized_routing;
pub mod revocation;
pub mod rr;
pub mod subscription;
pub mod update_notification;

use super::{expert, Family, MhBody, MhEmitError, MhType, MsgCtx, MsgDef};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;
use std::sync::OnceLock;

/// Every message family, one module per protocol element; [`by_type`] is built from their rows.
/// A new family is one line here (and its module above).
pub static FAMILIES: &[Family<MsgRow>] = &[
    family!(binding),
    family!(rr),
    family!(fmip),
    family!(experimental),
    family!(ha_switch),
    family!(heartbeat),
    family!(handover),
    family!(revocation),
    family!(localized_routing),
    family!(update_notification),
    family!(flow_binding),
    family!(subscription),
];

/// A message row: the MH type IANA assigned and the message's description, named as
/// [`MhType`] names the type.
#[derive(Debug)]
pub struct MsgRow {
    pub mh_type: MhType,
    pub def: MsgDef,
}

impl MsgRow {
    /// A row: its type, the minimum length of its fixed part, its decoder and its owned parse
    /// (written by `msg_rows!`, which derives all but the decoder from the body type).
    pub const fn new(
        mh_type: MhType,
        min_len: usize,
        body: fn(&mut Tree<'_>, &MsgCtx) -> Result<usize, usize>,
        parse: super::ParseBody,
    ) -> Self {
        MsgRow { mh_type, def: MsgDef { code: mh_type.value(), name: mh_type.row_name(), min_len, body, parse } }
    }
}

/// The owned form of a message's data: what follows the 6-octet common header up to the
/// options (the `layout!` fixed part, and a variable tail where the message has one).
pub trait Body: Sized {
    /// Octets the message needs before its options (the row's minimum length).
    const MIN_LEN: usize;
    /// Parses the message data `i` (from after the common header to the end Header Len
    /// declares, or to the end of the bytes when fewer are there) of a header of type
    /// `mh_type`: the body and how many octets of `i` it spans (options follow). `None` when
    /// `i` is shorter than [`Body::MIN_LEN`].
    fn parse_body(mh_type: u8, i: &[u8]) -> Option<(Self, usize)>;
    /// Appends the body's octets; a count that cannot describe what is emitted is an error.
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError>;
}

/// The MH Type a body is sent with: IANA's number for the RFC messages (`msg_rows!`), the
/// profile's for a seed draft's message unless the body gives one.
pub trait Typed {
    fn mh_type(&self, prefs: &crate::prefs::Prefs) -> u8;
}

/// A row's owned parse: [`Body::parse_body`] into [`MhBody`].
pub fn parse_as<M: Body + Into<MhBody>>(mh_type: u8, i: &[u8]) -> Option<(MhBody, usize)> {
    M::parse_body(mh_type, i).map(|(v, n)| (v.into(), n))
}

/// The IANA-numbered message for an MH type, if a family has one.
pub fn by_type(mh_type: u8) -> Option<&'static MsgDef> {
    static INDEX: OnceLock<[Option<&'static MsgRow>; 256]> = OnceLock::new();
    INDEX.get_or_init(|| super::index(FAMILIES, |r| r.mh_type.value()))[usize::from(mh_type)].map(|r| &r.def)
}

/// "N (4N seconds)": lifetimes and refresh intervals count units of 4 seconds.
pub fn four_seconds(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = *v {
        crate::format::write_dec(out, n);
        out.push_str(" (");
        crate::format::write_dec(out, n.saturating_mul(4));
        out.push_str(" seconds)");
    }
}

/// Flags set in `v`, as letters in wire order, appended to the Info column.
fn info_flags<M: Copy + Into<u64>>(t: &mut Tree<'_>, v: u64, letters: &[(M, char)]) {
    for &(m, c) in letters {
        if v & m.into() != 0 {
            t.append_info(format_args!(" {c}"));
        }
    }
}

/// A reserved field that the RFC says MUST be zero, under `mask` of the `len`-octet value at `at`.
fn must_be_zero(t: &mut Tree<'_>, at: usize, len: usize, v: u64, mask: u64, what: &str) {
    if v & mask != 0 {
        t.expert(&expert::RESERVED_NONZERO, at, len, Some(format_args!("{what} is 0x{:x}", v & mask)));
    }
}

/// Stretches the message subtree (added by `mh::dissect` with the fixed length) over a
/// variable part that ends at `end`.
fn extend_msg_node(t: &mut Tree<'_>, c: &MsgCtx, end: usize) {
    if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &super::MSG)) {
        t.set_len(i, end.saturating_sub(c.body));
    }
}

crate::mh::fields! {
    pub static UNKNOWN_DATA: FieldDef = FieldDef::new("mip6.unknown_type_data", "Message Data", Kind::Bytes);
}

pub static EXPERTS: &[&ExpertDef] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_one_row() {
        let mut rows = [0usize; 256];
        for r in FAMILIES.iter().flat_map(|f| f.rows) {
            rows[usize::from(r.mh_type.value())] += 1;
            assert_eq!(r.mh_type.name(), Some(r.def.name));
        }
        for (t, n) in rows.iter().enumerate() {
            assert_eq!(*n, usize::from(t <= 23), "MH type {t}: {n} rows");
        }
        for t in 0u8..=255 {
            let want = MhType::from(t).name();
            assert_eq!(by_type(t).map(|d| d.name).is_some(), want.is_some(), "MH type {t}");
        }
    }
}
