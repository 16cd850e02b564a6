//! Heartbeat (13, RFC 5847 §3.3): Proxy Mobile IPv6 path liveness.
//!
//! ```text
//! 13 HB    (RFC 5847 §3.3)    | Reserved (8) | Reserved (6) |U|R| | Sequence Number (32) |
//! ```

use super::{info_flags, must_be_zero, MsgRow};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhType;
use crate::mh::MsgCtx;
use crate::tree::Tree;

pub static HB_RESERVED: FieldDef = FieldDef::new("mip6.hb.reserved", "Reserved", Kind::Uint(1)).hex();
pub static HB_FLAGS_RESERVED: FieldDef =
    FieldDef::new("mip6.hb.flags_reserved", "Reserved", Kind::Uint(1)).hex().mask(0xfc).blurb("Bits above U and R");
pub static HB_U: FieldDef = FieldDef::new("mip6.hb.u_flag", "Unsolicited (U) flag", Kind::Bool(1))
    .mask(0x02)
    .tfs("Unsolicited Heartbeat Response", "Otherwise");
pub static HB_R: FieldDef =
    FieldDef::new("mip6.hb.r_flag", "Response (R) flag", Kind::Bool(1)).mask(0x01).tfs("Heartbeat Response", "Heartbeat Request");
pub static HB_SEQNR: FieldDef = FieldDef::new("mip6.hb.seqnr", "Sequence number", Kind::Uint(4));
layout! {
    /// Heartbeat (RFC 5847 §3.3).
    pub struct Hb {
        pub reserved: u8 => [&HB_RESERVED],
        pub flags: u8 => [&HB_FLAGS_RESERVED, &HB_U, &HB_R],
        pub seq: u32 => [&HB_SEQNR],
    }
}

fn hb(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hb::dissect(t, c.body, c.end)?;
    let kind = if v.flags & 0x01 != 0 { "response" } else { "request" };
    t.append_info(format_args!(" {kind} seq={}", v.seq));
    info_flags(t, u64::from(v.flags), &[(0x02, 'U')]);
    must_be_zero(t, c.body, 1, u64::from(v.reserved), 0xff, "Heartbeat reserved octet");
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags), 0xfc, "Heartbeat reserved bits");
    Ok(c.body + Hb::LEN)
}

/// The message rows of this family.
pub static DEFS: &[MsgRow] = &[MsgRow::new(MhType::Heartbeat, Hb::LEN, hb)];

pub static FIELDS: &[&FieldDef] = &[&HB_RESERVED, &HB_FLAGS_RESERVED, &HB_U, &HB_R, &HB_SEQNR];
pub static EXPERTS: &[&ExpertDef] = &[];
