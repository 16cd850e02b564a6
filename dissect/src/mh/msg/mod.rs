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

use super::{expert, Family, MhType, MsgCtx, MsgDef};
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
    /// A row: its type, the minimum length of its fixed part, and its decoder.
    pub const fn new(mh_type: MhType, min_len: usize, body: fn(&mut Tree<'_>, &MsgCtx) -> Result<usize, usize>) -> Self {
        MsgRow { mh_type, def: MsgDef { name: mh_type.row_name(), min_len, body } }
    }
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
fn info_flags(t: &mut Tree<'_>, v: u64, letters: &[(u64, char)]) {
    for &(m, c) in letters {
        if v & m != 0 {
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

fn name_of(def: &FieldDef, v: u8) -> &'static str {
    def.value_name(u64::from(v)).unwrap_or("unknown")
}

/// Stretches the message subtree (added by `mh::dissect` with the fixed length) over a
/// variable part that ends at `end`.
fn extend_msg_node(t: &mut Tree<'_>, c: &MsgCtx, end: usize) {
    if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &super::MSG)) {
        t.set_len(i, end.saturating_sub(c.body));
    }
}

pub static UNKNOWN_DATA: FieldDef = FieldDef::new("mip6.unknown_type_data", "Message Data", Kind::Bytes);

/// The fields every message shares; each family lists its own.
pub static FIELDS: &[&FieldDef] = &[&UNKNOWN_DATA];
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
