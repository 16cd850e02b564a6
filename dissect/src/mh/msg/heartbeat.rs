//! Heartbeat (13, RFC 5847 §3.3): Proxy Mobile IPv6 path liveness.
//!
//! ```text
//! 13 HB    (RFC 5847 §3.3)    | Reserved (8) | Reserved (6) |U|R| | Sequence Number (32) |
//! ```

use super::{info_flags, must_be_zero};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::flags! {
    /// Heartbeat flags (RFC 5847 §3.3): 6 reserved bits, then U and R.
    pub struct HbFlags: u8 {
        U = 0x02 => 'U' "Unsolicited",
        R = 0x01 => 'R' "Response",
    }
}

crate::mh::fields! {
    pub static HB_RESERVED: FieldDef = FieldDef::new("mip6.hb.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static HB_FLAGS_RESERVED: FieldDef = FieldDef::new("mip6.hb.flags_reserved", "Reserved", Kind::Uint(1))
        .hex()
        .mask(HbFlags::RESERVED as u64)
        .blurb("Bits above U and R");
    pub static HB_U: FieldDef = FieldDef::new("mip6.hb.u_flag", "Unsolicited (U) flag", Kind::Bool(1))
        .mask(HbFlags::U as u64)
        .tfs("Unsolicited Heartbeat Response", "Otherwise");
    pub static HB_R: FieldDef = FieldDef::new("mip6.hb.r_flag", "Response (R) flag", Kind::Bool(1))
        .mask(HbFlags::R as u64)
        .tfs("Heartbeat Response", "Heartbeat Request");
    pub static HB_SEQNR: FieldDef = FieldDef::new("mip6.hb.seqnr", "Sequence number", Kind::Uint(4));
}
layout! {
    /// Heartbeat (RFC 5847 §3.3).
    pub struct Hb {
        pub reserved: u8 => [&HB_RESERVED],
        pub flags: HbFlags => [&HB_FLAGS_RESERVED, &HB_U, &HB_R],
        pub seq: u32 => [&HB_SEQNR],
    }
}

fn hb(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hb::dissect(t, c.body, c.end)?;
    let kind = if v.flags.has(HbFlags::R) { "response" } else { "request" };
    t.append_info(format_args!(" {kind} seq={}", v.seq));
    info_flags(t, u64::from(v.flags.0), &[(HbFlags::U, 'U')]);
    must_be_zero(t, c.body, 1, u64::from(v.reserved), 0xff, "Heartbeat reserved octet");
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags.0), u64::from(HbFlags::RESERVED), "Heartbeat reserved bits");
    Ok(c.body + Hb::LEN)
}

wire_typed!(flags HbFlags: u8);

msg_rows! {
    Heartbeat => Hb [layout] by hb,
}

pub static EXPERTS: &[&ExpertDef] = &[];
