//! Handover Initiate (14) and Handover Acknowledge (15): RFC 5568 §6.2.1, with the P, F (and U)
//! flags of RFC 5949 §6.1 (fast handovers for Proxy Mobile IPv6).
//!
//! ```text
//! 14 HI    (RFC 5568 §6.2.1.1, RFC 5949 §6.1.1) | Sequence # |S|U|P|F| Rsv (4) | Code |
//! 15 HAck  (RFC 5568 §6.2.1.2, RFC 5949 §6.1.2) | Sequence # |U|P|F| Rsv (5) | Code |
//! ```

use super::{info_flags, must_be_zero};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::code_points! {
    /// IANA "Handover Initiate Status Codes".
    pub enum HiCode: u8 {
        FbuFromPcoa = 0 => "FBU with the PCoA as source IP address",
        FbuNotFromPcoa = 1 => "FBU whose source IP address is not PCoA",
        ForwardingComplete = 2 => "Indicate the completion of forwarding",
        AllContextTransferred = 3 => "All available context transferred",
    }
}
pub static HI_CODE_VALS: &[(u64, &str)] = HiCode::VALS;
crate::code_points! {
    /// IANA "Handover Acknowledge Status Codes" (code 0 has two names, chosen by the P flag).
    pub enum HackCode: u8 {
        AcceptedNcoaValid = 0 => "Handover Accepted with NCoA valid",
        AcceptedNcoaNotValid = 1 => "Handover Accepted, NCoA not valid",
        AcceptedNcoaAssigned = 2 => "Handover Accepted, NCoA assigned",
        AcceptedUsePcoa = 3 => "Handover Accepted, use PCoA",
        Unsolicited = 4 => "Message sent unsolicited",
        ContextTransferAccepted = 5 => "Context Transfer Accepted or Successful",
        AllContextTransferred = 6 => "All available Context Transferred",
        NotAccepted = 128 => "Handover Not Accepted, reason unspecified",
        AdministrativelyProhibited = 129 => "Administratively prohibited",
        InsufficientResources = 130 => "Insufficient resources",
        RequestedContextNotAvailable = 131 => "Requested Context Not Available",
        ForwardingNotAvailable = 132 => "Forwarding Not Available",
    }
}
pub static HACK_CODE_VALS: &[(u64, &str)] = HackCode::VALS;

crate::flags! {
    /// Handover Initiate flags (RFC 5568 §6.2.1.1, P and F from RFC 5949 §6.1.1); the low 4
    /// bits are reserved.
    pub struct HiFlags: u8 {
        S = 0x80 => 'S' "Assigned address configuration",
        U = 0x40 => 'U' "Buffer",
        P = 0x20 => 'P' "Proxy",
        F = 0x10 => 'F' "Forwarding",
    }
}
crate::flags! {
    /// Handover Acknowledge flags (RFC 5949 §6.1.2); the low 5 bits are reserved.
    pub struct HackFlags: u8 {
        U = 0x80 => 'U' "Buffer",
        P = 0x40 => 'P' "Proxy",
        F = 0x20 => 'F' "Forwarding",
    }
}
crate::mh::fields! {
    pub static HI_SEQNR: FieldDef = FieldDef::new("mip6.hi.seqnr", "Sequence number", Kind::Uint(2));
    pub static HI_S: FieldDef =
        FieldDef::new("mip6.hi.s_flag", "Assigned address configuration flag (S) flag", Kind::Bool(1)).mask(HiFlags::S as u64);
    pub static HI_U: FieldDef = FieldDef::new("mip6.hi.u_flag", "Buffer flag (U) flag", Kind::Bool(1)).mask(HiFlags::U as u64);
    pub static HI_P: FieldDef = FieldDef::new("mip6.hi.p_flag", "Proxy (P) flag", Kind::Bool(1))
        .mask(HiFlags::P as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 5949");
    pub static HI_F: FieldDef = FieldDef::new("mip6.hi.f_flag", "Forwarding (F) flag", Kind::Bool(1))
        .mask(HiFlags::F as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 5949");
    pub static HI_RESERVED: FieldDef = FieldDef::new("mip6.hi.msg_reserved", "Reserved", Kind::Uint(1))
        .hex()
        .mask(HiFlags::RESERVED as u64)
        .blurb("mip6.hi.reserved is the Handoff Indicator option's");
    pub static HI_CODE: FieldDef = FieldDef::new("mip6.hi.code", "Code", Kind::Uint(1)).vals(HI_CODE_VALS);
    pub static HACK_SEQNR: FieldDef = FieldDef::new("mip6.hack.seqnr", "Sequence number", Kind::Uint(2));
    pub static HACK_U: FieldDef = FieldDef::new("mip6.hack.u_flag", "Buffer (U) flag", Kind::Bool(1))
        .mask(HackFlags::U as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 5949");
    pub static HACK_P: FieldDef = FieldDef::new("mip6.hack.p_flag", "Proxy (P) flag", Kind::Bool(1))
        .mask(HackFlags::P as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 5949");
    pub static HACK_F: FieldDef = FieldDef::new("mip6.hack.f_flag", "Forwarding (F) flag", Kind::Bool(1))
        .mask(HackFlags::F as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 5949");
    pub static HACK_RESERVED: FieldDef =
        FieldDef::new("mip6.hack.reserved", "Reserved", Kind::Uint(1)).hex().mask(HackFlags::RESERVED as u64);
    pub static HACK_CODE: FieldDef = FieldDef::new("mip6.hack.code", "Code", Kind::Uint(1)).vals(HACK_CODE_VALS);
}

layout! {
    /// Handover Initiate (RFC 5568 §6.2.1.1, P and F flags from RFC 5949 §6.1.1).
    pub struct Hi {
        pub seq: u16 => [&HI_SEQNR],
        pub flags: HiFlags => [&HI_S, &HI_U, &HI_P, &HI_F, &HI_RESERVED],
        pub code: HiCode => [&HI_CODE],
    }
}
layout! {
    /// Handover Acknowledge (RFC 5568 §6.2.1.2, U/P/F flags from RFC 5949 §6.1.2).
    pub struct Hack {
        pub seq: u16 => [&HACK_SEQNR],
        pub flags: HackFlags => [&HACK_U, &HACK_P, &HACK_F, &HACK_RESERVED],
        pub code: HackCode => [&HACK_CODE],
    }
}

fn hi(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hi::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} code={} ({})", v.seq, v.code.value(), v.code.name().unwrap_or("unknown")));
    info_flags(t, u64::from(v.flags.0), HiFlags::LETTERS);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags.0), u64::from(HiFlags::RESERVED), "HI reserved bits");
    Ok(c.body + Hi::LEN)
}

fn hack(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hack::dissect(t, c.body, c.end)?;
    let name = if v.code == HackCode::AcceptedNcoaValid && v.flags.has(HackFlags::P) {
        "Handover Accepted or Successful"
    } else {
        v.code.name().unwrap_or("unknown")
    };
    t.append_info(format_args!(" seq={} code={} ({name})", v.seq, v.code.value()));
    info_flags(t, u64::from(v.flags.0), HackFlags::LETTERS);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags.0), u64::from(HackFlags::RESERVED), "HAck reserved bits");
    Ok(c.body + Hack::LEN)
}

wire_typed!(code HiCode: u8, HackCode: u8);
wire_typed!(flags HiFlags: u8, HackFlags: u8);

msg_rows! {
    HandoverInitiate => Hi [layout] by hi,
    HandoverAcknowledge => Hack [layout] by hack,
}

pub static EXPERTS: &[&ExpertDef] = &[];
