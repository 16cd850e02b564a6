//! Fast handovers for Mobile IPv6 (RFC 5568 §6.2): Fast Binding Update (8), Fast Binding
//! Acknowledgment (9) and the deprecated Fast Neighbor Advertisement (10). Offsets are from the
//! message data (Mobility Header offset 6).
//!
//! ```text
//!  8 FBU   (RFC 5568 §6.2.2)  | Sequence # (16) |A|H|L|K| Reserved (12) | Lifetime (16, 4 s) |
//!  9 FBack (RFC 5568 §6.2.3)  | Status |K| Reserved (7) | Sequence # | Lifetime (4 s) |
//! 10 FNA   (RFC 5568, deprecated) | Reserved (16) |
//! ```

use super::{four_seconds, info_flags, must_be_zero};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::code_points! {
    /// FBack status (RFC 5568 §6.2.3; no IANA registry).
    pub enum FbackStatus: u8 {
        Accepted = 0 => "Fast Binding Update accepted",
        AcceptedUseSuppliedNcoa = 1 => "Accepted but use supplied NCoA",
        ReasonUnspecified = 128 => "Reason unspecified",
        AdministrativelyProhibited = 129 => "Administratively prohibited",
        InsufficientResources = 130 => "Insufficient resources",
        IncorrectInterfaceIdentifierLength = 131 => "Incorrect interface identifier length",
    }
}
pub static FBACK_STATUS_VALS: &[(u64, &str)] = FbackStatus::VALS;

crate::flags! {
    /// FBU flags (RFC 5568 §6.2.2), the octet after the sequence number; the low 4 bits are
    /// reserved.
    pub struct FbuFlags: u8 {
        A = 0x80 => 'A' "Acknowledge",
        H = 0x40 => 'H' "Home Registration",
        L = 0x20 => 'L' "Link-Local Address Compatibility",
        K = 0x10 => 'K' "Key Management Mobility Compatibility",
    }
}
crate::flags! {
    /// FBack flags (RFC 5568 §6.2.3): K, then 7 reserved bits.
    pub struct FbackFlags: u8 {
        K = 0x80 => 'K' "Key Management Mobility Compatibility",
    }
}
crate::mh::fields! {
    pub static FBU_SEQNR: FieldDef = FieldDef::new("mip6.fbu.seqnr", "Sequence number", Kind::Uint(2));
    pub static FBU_A: FieldDef = FieldDef::new("mip6.fbu.a_flag", "Acknowledge (A) flag", Kind::Bool(1))
        .mask(FbuFlags::A as u64)
        .tfs("Fast Binding Acknowledgement requested", "Fast Binding Acknowledgement not requested");
    pub static FBU_H: FieldDef = FieldDef::new("mip6.fbu.h_flag", "Home Registration (H) flag", Kind::Bool(1))
        .mask(FbuFlags::H as u64)
        .tfs("Home Registration", "No Home Registration");
    pub static FBU_L: FieldDef = FieldDef::new("mip6.fbu.l_flag", "Link-Local Compatibility (L) flag", Kind::Bool(1))
        .mask(FbuFlags::L as u64)
        .tfs("Link-Local Address Compatibility", "No Link-Local Address Compatibility");
    pub static FBU_K: FieldDef = FieldDef::new("mip6.fbu.k_flag", "Key Management Compatibility (K) flag", Kind::Bool(1))
        .mask(FbuFlags::K as u64)
        .tfs("Key Management Mobility Compatibility", "No Key Management Mobility Compatibility");
    pub static FBU_RESERVED: FieldDef = FieldDef::new("mip6.fbu.reserved", "Reserved", Kind::Uint(1))
        .hex()
        .mask(FbuFlags::RESERVED as u64)
        .blurb("Low 4 bits of the flags octet");
    pub static FBU_RESERVED2: FieldDef =
        FieldDef::new("mip6.fbu.reserved2", "Reserved", Kind::Uint(1)).hex().blurb("The octet after the flags");
    pub static FBU_LIFETIME: FieldDef = FieldDef::new("mip6.fbu.lifetime", "Lifetime", Kind::Uint(2))
        .custom(four_seconds)
        .blurb("Units of 4 seconds, as in the Binding Update the FBU copies (RFC 5568 §6.2.2 also calls it seconds)");
    pub static FBACK_STATUS: FieldDef = FieldDef::new("mip6.fback.status", "Status", Kind::Uint(1)).vals(FBACK_STATUS_VALS);
    pub static FBACK_K: FieldDef = FieldDef::new("mip6.fback.k_flag", "Key Management Compatibility (K) flag", Kind::Bool(1))
        .mask(FbackFlags::K as u64)
        .tfs("Key Management Mobility Compatibility", "No Key Management Mobility Compatibility");
    pub static FBACK_RESERVED: FieldDef =
        FieldDef::new("mip6.fback.reserved", "Reserved", Kind::Uint(1)).hex().mask(FbackFlags::RESERVED as u64);
    pub static FBACK_SEQNR: FieldDef = FieldDef::new("mip6.fback.seqnr", "Sequence number", Kind::Uint(2));
    pub static FBACK_LIFETIME: FieldDef = FieldDef::new("mip6.fback.lifetime", "Lifetime", Kind::Uint(2))
        .custom(four_seconds)
        .blurb("Units of 4 seconds, as in the Binding Update the FBU copies (RFC 5568 §6.2.2 also calls it seconds)");
    pub static FNA_RESERVED: FieldDef = FieldDef::new("mip6.fast_neighbor_advertisement", "Fast Neighbor Advertisement", Kind::Bytes)
        .blurb("The FNA's reserved 16 bits (Wireshark's name)");
}

layout! {
    /// Fast Binding Update (RFC 5568 §6.2.2): the Binding Update layout with A H L K.
    pub struct Fbu {
        pub seq: u16 => [&FBU_SEQNR],
        pub flags: FbuFlags => [&FBU_A, &FBU_H, &FBU_L, &FBU_K, &FBU_RESERVED],
        pub reserved: u8 => [&FBU_RESERVED2],
        pub lifetime: u16 => [&FBU_LIFETIME],
    }
}

layout! {
    /// Fast Binding Acknowledgment (RFC 5568 §6.2.3).
    pub struct Fback {
        pub status: FbackStatus => [&FBACK_STATUS],
        pub flags: FbackFlags => [&FBACK_K, &FBACK_RESERVED],
        pub seq: u16 => [&FBACK_SEQNR],
        pub lifetime: u16 => [&FBACK_LIFETIME],
    }
}
layout! {
    /// Fast Neighbor Advertisement (RFC 5568, deprecated): 16 reserved bits, then options.
    pub struct Fna { pub reserved: u16 => [&FNA_RESERVED] }
}

fn fbu(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Fbu::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} lifetime={}", v.seq, u32::from(v.lifetime) * 4));
    info_flags(t, u64::from(v.flags.0), FbuFlags::LETTERS);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags.0), u64::from(FbuFlags::RESERVED), "FBU reserved bits");
    must_be_zero(t, c.body + 3, 1, u64::from(v.reserved), 0xff, "FBU reserved octet");
    Ok(c.body + Fbu::LEN)
}

fn fback(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Fback::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(
        " seq={} lifetime={} status={} ({})",
        v.seq,
        u32::from(v.lifetime) * 4,
        v.status.value(),
        v.status.name().unwrap_or("unknown")
    ));
    info_flags(t, u64::from(v.flags.0), FbackFlags::LETTERS);
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags.0), u64::from(FbackFlags::RESERVED), "FBack reserved bits");
    Ok(c.body + Fback::LEN)
}

fn fna(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Fna::dissect(t, c.body, c.end)?;
    must_be_zero(t, c.body, 2, u64::from(v.reserved), 0xffff, "FNA reserved field");
    Ok(c.body + Fna::LEN)
}

wire_typed!(code FbackStatus: u8);
wire_typed!(flags FbuFlags: u8, FbackFlags: u8);

msg_rows! {
    FastBindingUpdate => Fbu [layout] by fbu,
    FastBindingAcknowledgment => Fback [layout] by fback,
    FastNeighborAdvertisement => Fna [layout] by fna,
}

pub static EXPERTS: &[&ExpertDef] = &[];
