//! Handover Initiate (14) and Handover Acknowledge (15): RFC 5568 §6.2.1, with the P, F (and U)
//! flags of RFC 5949 §6.1 (fast handovers for Proxy Mobile IPv6).
//!
//! ```text
//! 14 HI    (RFC 5568 §6.2.1.1, RFC 5949 §6.1.1) | Sequence # |S|U|P|F| Rsv (4) | Code |
//! 15 HAck  (RFC 5568 §6.2.1.2, RFC 5949 §6.1.2) | Sequence # |U|P|F| Rsv (5) | Code |
//! ```

use super::{info_flags, must_be_zero, name_of, MsgRow};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhType;
use crate::mh::MsgCtx;
use crate::tree::Tree;

/// IANA "Handover Initiate Status Codes".
pub static HI_CODE_VALS: &[(u64, &str)] = &[
    (0, "FBU with the PCoA as source IP address"),
    (1, "FBU whose source IP address is not PCoA"),
    (2, "Indicate the completion of forwarding"),
    (3, "All available context transferred"),
];
/// IANA "Handover Acknowledge Status Codes" (code 0 has two names, chosen by the P flag).
pub static HACK_CODE_VALS: &[(u64, &str)] = &[
    (0, "Handover Accepted with NCoA valid"),
    (1, "Handover Accepted, NCoA not valid"),
    (2, "Handover Accepted, NCoA assigned"),
    (3, "Handover Accepted, use PCoA"),
    (4, "Message sent unsolicited"),
    (5, "Context Transfer Accepted or Successful"),
    (6, "All available Context Transferred"),
    (128, "Handover Not Accepted, reason unspecified"),
    (129, "Administratively prohibited"),
    (130, "Insufficient resources"),
    (131, "Requested Context Not Available"),
    (132, "Forwarding Not Available"),
];
pub static HI_SEQNR: FieldDef = FieldDef::new("mip6.hi.seqnr", "Sequence number", Kind::Uint(2));
pub static HI_S: FieldDef = FieldDef::new("mip6.hi.s_flag", "Assigned address configuration flag (S) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Set", "Not set");
pub static HI_U: FieldDef =
    FieldDef::new("mip6.hi.u_flag", "Buffer flag (U) flag", Kind::Bool(1)).mask(0x40).tfs("Set", "Not set");
pub static HI_P: FieldDef =
    FieldDef::new("mip6.hi.p_flag", "Proxy (P) flag", Kind::Bool(1)).mask(0x20).tfs("Set", "Not set").blurb("RFC 5949");
pub static HI_F: FieldDef =
    FieldDef::new("mip6.hi.f_flag", "Forwarding (F) flag", Kind::Bool(1)).mask(0x10).tfs("Set", "Not set").blurb("RFC 5949");
pub static HI_RESERVED: FieldDef = FieldDef::new("mip6.hi.msg_reserved", "Reserved", Kind::Uint(1))
    .hex()
    .mask(0x0f)
    .blurb("mip6.hi.reserved is the Handoff Indicator option's");
pub static HI_CODE: FieldDef = FieldDef::new("mip6.hi.code", "Code", Kind::Uint(1)).vals(HI_CODE_VALS);
layout! {
    /// Handover Initiate (RFC 5568 §6.2.1.1, P and F flags from RFC 5949 §6.1.1).
    pub struct Hi {
        pub seq: u16 => [&HI_SEQNR],
        pub flags: u8 => [&HI_S, &HI_U, &HI_P, &HI_F, &HI_RESERVED],
        pub code: u8 => [&HI_CODE],
    }
}

pub static HACK_SEQNR: FieldDef = FieldDef::new("mip6.hack.seqnr", "Sequence number", Kind::Uint(2));
pub static HACK_U: FieldDef =
    FieldDef::new("mip6.hack.u_flag", "Buffer (U) flag", Kind::Bool(1)).mask(0x80).tfs("Set", "Not set").blurb("RFC 5949");
pub static HACK_P: FieldDef =
    FieldDef::new("mip6.hack.p_flag", "Proxy (P) flag", Kind::Bool(1)).mask(0x40).tfs("Set", "Not set").blurb("RFC 5949");
pub static HACK_F: FieldDef =
    FieldDef::new("mip6.hack.f_flag", "Forwarding (F) flag", Kind::Bool(1)).mask(0x20).tfs("Set", "Not set").blurb("RFC 5949");
pub static HACK_RESERVED: FieldDef = FieldDef::new("mip6.hack.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x1f);
pub static HACK_CODE: FieldDef = FieldDef::new("mip6.hack.code", "Code", Kind::Uint(1)).vals(HACK_CODE_VALS);
layout! {
    /// Handover Acknowledge (RFC 5568 §6.2.1.2, U/P/F flags from RFC 5949 §6.1.2).
    pub struct Hack {
        pub seq: u16 => [&HACK_SEQNR],
        pub flags: u8 => [&HACK_U, &HACK_P, &HACK_F, &HACK_RESERVED],
        pub code: u8 => [&HACK_CODE],
    }
}

fn hi(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hi::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} code={} ({})", v.seq, v.code, name_of(&HI_CODE, v.code)));
    info_flags(t, u64::from(v.flags), &[(0x80, 'S'), (0x40, 'U'), (0x20, 'P'), (0x10, 'F')]);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags), 0x0f, "HI reserved bits");
    Ok(c.body + Hi::LEN)
}

fn hack(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hack::dissect(t, c.body, c.end)?;
    let name = if v.code == 0 && v.flags & 0x40 != 0 { "Handover Accepted or Successful" } else { name_of(&HACK_CODE, v.code) };
    t.append_info(format_args!(" seq={} code={} ({name})", v.seq, v.code));
    info_flags(t, u64::from(v.flags), &[(0x80, 'U'), (0x40, 'P'), (0x20, 'F')]);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags), 0x1f, "HAck reserved bits");
    Ok(c.body + Hack::LEN)
}

/// The message rows of this family.
pub static DEFS: &[MsgRow] =
    &[MsgRow::new(MhType::HandoverInitiate, Hi::LEN, hi), MsgRow::new(MhType::HandoverAcknowledge, Hack::LEN, hack)];

pub static FIELDS: &[&FieldDef] = &[
    &HI_SEQNR,
    &HI_S,
    &HI_U,
    &HI_P,
    &HI_F,
    &HI_RESERVED,
    &HI_CODE,
    &HACK_SEQNR,
    &HACK_U,
    &HACK_P,
    &HACK_F,
    &HACK_RESERVED,
    &HACK_CODE,
];
pub static EXPERTS: &[&ExpertDef] = &[];
