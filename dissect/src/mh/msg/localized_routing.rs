//! Localized Routing Initiation (17) and Acknowledgment (18), RFC 6705 §10: Proxy Mobile IPv6
//! localized routing between MAGs.
//!
//! ```text
//! 17 LRI   (RFC 6705 §10.1)    | Sequence # | Reserved (16) | Lifetime (s) |
//! 18 LRA   (RFC 6705 §10.2)    | Sequence # |U| Rsv (7) | Status | Lifetime (s) |
//! ```

use super::{info_flags, must_be_zero};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::code_points! {
    /// LRA status (RFC 6705; no IANA registry).
    pub enum LraStatus: u8 {
        Success = 0 => "Success",
        NotAllowed = 128 => "Localized Routing Not Allowed",
        MnNotAttached = 129 => "MN Not Attached",
    }
}
pub static LRA_STATUS_VALS: &[(u64, &str)] = LraStatus::VALS;
crate::flags! {
    /// LRA flags (RFC 6705 §10.2): U, then 7 reserved bits.
    pub struct LraFlags: u8 {
        U = 0x80 => 'U' "Unsolicited",
    }
}
crate::mh::fields! {
    pub static LRI_SEQ: FieldDef = FieldDef::new("mip6.lri.sequence", "Sequence", Kind::Uint(2));
    pub static LRI_RESERVED: FieldDef =
        FieldDef::new("mip6.lri.reserved", "Reserved", Kind::Uint(2)).hex().blurb("This field is unused and MUST be set to zero");
    pub static LRI_LIFETIME: FieldDef =
        FieldDef::new("mip6.lri.lifetime", "Lifetime", Kind::Uint(2)).hex().blurb("The requested time, in seconds");
    pub static LRA_SEQ: FieldDef = FieldDef::new("mip6.lra.sequence", "Sequence", Kind::Uint(2));
    pub static LRA_U: FieldDef = FieldDef::new("mip6.lri.unsolicited", "Unsolicited (U) flag", Kind::Bool(1))
        .mask(LraFlags::U as u64)
        .tfs("Yes", "No")
        .blurb("LRA U flag (Wireshark files it under mip6.lri)");
    pub static LRA_RESERVED: FieldDef = FieldDef::new("mip6.lra.reserved", "Reserved", Kind::Uint(1))
        .hex()
        .mask(LraFlags::RESERVED as u64)
        .blurb("This field is unused and MUST be set to zero");
    pub static LRA_STATUS: FieldDef = FieldDef::new("mip6.lra.status", "Status", Kind::Uint(1)).vals(LRA_STATUS_VALS);
    pub static LRA_LIFETIME: FieldDef =
        FieldDef::new("mip6.lra.lifetime", "Lifetime", Kind::Uint(2)).hex().blurb("The granted time, in seconds");
}
layout! {
    /// Localized Routing Initiation (RFC 6705 §10.1).
    pub struct Lri {
        pub seq: u16 => [&LRI_SEQ],
        pub reserved: u16 => [&LRI_RESERVED],
        pub lifetime: u16 => [&LRI_LIFETIME],
    }
}

layout! {
    /// Localized Routing Acknowledgment (RFC 6705 §10.2).
    pub struct Lra {
        pub seq: u16 => [&LRA_SEQ],
        pub flags: LraFlags => [&LRA_U, &LRA_RESERVED],
        pub status: LraStatus => [&LRA_STATUS],
        pub lifetime: u16 => [&LRA_LIFETIME],
    }
}

fn lri(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Lri::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} lifetime={}", v.seq, v.lifetime));
    must_be_zero(t, c.body + 2, 2, u64::from(v.reserved), 0xffff, "LRI reserved field");
    Ok(c.body + Lri::LEN)
}

fn lra(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Lra::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(
        " seq={} status={} ({}) lifetime={}",
        v.seq,
        v.status.value(),
        v.status.name().unwrap_or("unknown"),
        v.lifetime
    ));
    info_flags(t, u64::from(v.flags.0), LraFlags::LETTERS);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags.0), u64::from(LraFlags::RESERVED), "LRA reserved bits");
    Ok(c.body + Lra::LEN)
}

wire_typed!(code LraStatus: u8);
wire_typed!(flags LraFlags: u8);

msg_rows! {
    LocalizedRoutingInitiation => Lri [layout] by lri,
    LocalizedRoutingAcknowledgment => Lra [layout] by lra,
}

pub static EXPERTS: &[&ExpertDef] = &[];
