//! Binding Revocation (16, RFC 5846 §5): one MH type, an Indication or an Acknowledgement told
//! apart by the B.R. Type octet.
//!
//! ```text
//! 16 BR    (RFC 5846 §5.1/5.2) | B.R. Type | R. Trigger / Status | Sequence # |P|V|G| Rsv (13) |
//! ```

use super::{info_flags, must_be_zero, name_of, MsgRow};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhType;
use crate::mh::MsgCtx;
use crate::tree::Tree;

/// IANA "Binding Revocation Type".
pub static BR_TYPE_VALS: &[(u64, &str)] =
    &[(0, "Reserved"), (1, "Binding Revocation Indication"), (2, "Binding Revocation Acknowledgement")];
/// IANA "Revocation Trigger Values".
pub static BR_TRIGGER_VALS: &[(u64, &str)] = &[
    (0, "Unspecified"),
    (1, "Administrative Reason"),
    (2, "Inter-MAG Handover - same Access Type"),
    (3, "Inter-MAG Handover - different Access Type"),
    (4, "Inter-MAG Handover - Unknown"),
    (5, "User Initiated Session(s) Termination"),
    (6, "Access Network Session(s) Termination"),
    (7, "Possible Out-of Sync BCE State"),
    (128, "Per-Peer Policy"),
    (129, "Revoking Mobility Node Local Policy"),
    (250, "Reserved for Testing Purposes Only"),
    (251, "Reserved for Testing Purposes Only"),
    (252, "Reserved for Testing Purposes Only"),
    (253, "Reserved for Testing Purposes Only"),
    (254, "Reserved for Testing Purposes Only"),
    (255, "Reserved for Testing Purposes Only"),
];
/// IANA "Binding Revocation Acknowledgement Status Codes" (Wireshark's 0–6 table is obsolete).
pub static BRA_STATUS_VALS: &[(u64, &str)] = &[
    (0, "success"),
    (1, "partial success"),
    (128, "Binding Does NOT Exist"),
    (129, "IPv4 Home Address Option Required"),
    (130, "Global Revocation NOT Authorized"),
    (131, "Revoked Mobile Nodes Identity Required"),
    (132, "Revocation Failed - MN is Attached"),
    (133, "Revocation Trigger NOT Supported"),
    (134, "Revocation Function NOT Supported"),
    (135, "Proxy Binding Revocation NOT Supported"),
];
pub static BR_TYPE: FieldDef = FieldDef::new("mip6.bri_br.type", "B.R. Type", Kind::Uint(1)).vals(BR_TYPE_VALS);
pub static BRI_TRIGGER: FieldDef = FieldDef::new("mip6.bri_r.trigger", "R. Trigger", Kind::Uint(1)).vals(BR_TRIGGER_VALS);
pub static BRA_STATUS: FieldDef = FieldDef::new("mip6.bri_status", "Status", Kind::Uint(1)).vals(BRA_STATUS_VALS);
pub static BR_VALUE: FieldDef = FieldDef::new("mip6.br.value", "R. Trigger or Status", Kind::Uint(1))
    .blurb("The second octet of a Binding Revocation message of unknown B.R. Type");
pub static BR_SEQNR: FieldDef = FieldDef::new("mip6.bri_seqnr", "Sequence Number", Kind::Uint(2));
pub static BRI_P: FieldDef =
    FieldDef::new("mip6.bri_ip", "Proxy Binding (P) Flag", Kind::Bool(2)).mask(0x8000).tfs("Set", "Not set");
pub static BRI_V: FieldDef =
    FieldDef::new("mip6.bri_iv", "IPv4 HoA Binding Only (V) Flag", Kind::Bool(2)).mask(0x4000).tfs("Set", "Not set");
pub static BRI_G: FieldDef = FieldDef::new("mip6.bri_ig", "Global (G) Flag", Kind::Bool(2)).mask(0x2000).tfs("Set", "Not set");
pub static BRA_P: FieldDef =
    FieldDef::new("mip6.bri_ap", "Proxy Binding (P) Flag", Kind::Bool(2)).mask(0x8000).tfs("Set", "Not set");
pub static BRA_V: FieldDef =
    FieldDef::new("mip6.bri_av", "IPv4 HoA Binding Only (V) Flag", Kind::Bool(2)).mask(0x4000).tfs("Set", "Not set");
pub static BRA_G: FieldDef = FieldDef::new("mip6.bri_ag", "Global (G) Flag", Kind::Bool(2)).mask(0x2000).tfs("Set", "Not set");
pub static BR_RESERVED: FieldDef =
    FieldDef::new("mip6.bri_res", "Reserved", Kind::Uint(2)).hex().mask(0x1fff).blurb("Must be zero");
pub static BR_FLAGS: FieldDef = FieldDef::new("mip6.br.flags", "Flags", Kind::Uint(2))
    .hex()
    .blurb("Flags word of a Binding Revocation message of unknown B.R. Type");
layout! {
    /// Binding Revocation Indication (RFC 5846 §5.1; B.R. Type 1).
    pub struct Bri {
        pub br_type: u8 => [&BR_TYPE],
        pub trigger: u8 => [&BRI_TRIGGER],
        pub seq: u16 => [&BR_SEQNR],
        pub flags: u16 => [&BRI_P, &BRI_V, &BRI_G, &BR_RESERVED],
    }
}

layout! {
    /// Binding Revocation Acknowledgement (RFC 5846 §5.2; B.R. Type 2).
    pub struct Bra {
        pub br_type: u8 => [&BR_TYPE],
        pub status: u8 => [&BRA_STATUS],
        pub seq: u16 => [&BR_SEQNR],
        pub flags: u16 => [&BRA_P, &BRA_V, &BRA_G, &BR_RESERVED],
    }
}

layout! {
    /// Binding Revocation message of a B.R. Type IANA has not assigned.
    pub struct BrOther {
        pub br_type: u8 => [&BR_TYPE],
        pub value: u8 => [&BR_VALUE],
        pub seq: u16 => [&BR_SEQNR],
        pub flags: u16 => [&BR_FLAGS],
    }
}

pub static BR_TYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.br.type.unknown", Group::Undecoded, Severity::Note, "Unknown Binding Revocation type");

const PVG: [(u64, char); 3] = [(0x8000, 'P'), (0x4000, 'V'), (0x2000, 'G')];

/// RFC 5846: one MH type, two layouts told apart by the B.R. Type octet.
fn br(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let flags = match t.rd().u8(c.body) {
        Some(1) => {
            let v = Bri::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" Indication seq={} trigger={} ({})", v.seq, v.trigger, name_of(&BRI_TRIGGER, v.trigger)));
            v.flags
        }
        Some(2) => {
            let v = Bra::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(
                " Acknowledgement seq={} status={} ({})",
                v.seq,
                v.status,
                name_of(&BRA_STATUS, v.status)
            ));
            v.flags
        }
        _ => {
            let v = BrOther::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" type={} seq={}", v.br_type, v.seq));
            t.expert(&BR_TYPE_UNKNOWN, c.body, 1, Some(format_args!("B.R. Type {}", v.br_type)));
            return Ok(c.body + BrOther::LEN);
        }
    };
    info_flags(t, u64::from(flags), &PVG);
    must_be_zero(t, c.body + 4, 2, u64::from(flags), 0x1fff, "Binding Revocation reserved bits");
    Ok(c.body + Bri::LEN)
}

/// The message rows of this family.
pub static DEFS: &[MsgRow] = &[MsgRow::new(MhType::BindingRevocation, Bri::LEN, br)];

pub static FIELDS: &[&FieldDef] = &[
    &BR_TYPE,
    &BRI_TRIGGER,
    &BRA_STATUS,
    &BR_VALUE,
    &BR_SEQNR,
    &BRI_P,
    &BRI_V,
    &BRI_G,
    &BRA_P,
    &BRA_V,
    &BRA_G,
    &BR_RESERVED,
    &BR_FLAGS,
];
pub static EXPERTS: &[&ExpertDef] = &[&BR_TYPE_UNKNOWN];
