//! Binding Revocation (16, RFC 5846 §5): one MH type, an Indication or an Acknowledgement told
//! apart by the B.R. Type octet.
//!
//! ```text
//! 16 BR    (RFC 5846 §5.1/5.2) | B.R. Type | R. Trigger / Status | Sequence # |P|V|G| Rsv (13) |
//! ```

use super::{info_flags, must_be_zero, Body};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhEmitError;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::code_points! {
    /// IANA "Binding Revocation Type".
    pub enum BrType: u8 {
        Reserved = 0 => "Reserved",
        Indication = 1 => "Binding Revocation Indication",
        Acknowledgement = 2 => "Binding Revocation Acknowledgement",
    }
}
pub static BR_TYPE_VALS: &[(u64, &str)] = BrType::VALS;
crate::code_points! {
    /// IANA "Revocation Trigger Values".
    pub enum BrTrigger: u8 {
        Unspecified = 0 => "Unspecified",
        AdministrativeReason = 1 => "Administrative Reason",
        InterMagSameAccessType = 2 => "Inter-MAG Handover - same Access Type",
        InterMagDifferentAccessType = 3 => "Inter-MAG Handover - different Access Type",
        InterMagUnknown = 4 => "Inter-MAG Handover - Unknown",
        UserInitiatedTermination = 5 => "User Initiated Session(s) Termination",
        AccessNetworkTermination = 6 => "Access Network Session(s) Termination",
        OutOfSyncBceState = 7 => "Possible Out-of Sync BCE State",
        PerPeerPolicy = 128 => "Per-Peer Policy",
        LocalPolicy = 129 => "Revoking Mobility Node Local Policy",
        Testing250 = 250 => "Reserved for Testing Purposes Only",
        Testing251 = 251 => "Reserved for Testing Purposes Only",
        Testing252 = 252 => "Reserved for Testing Purposes Only",
        Testing253 = 253 => "Reserved for Testing Purposes Only",
        Testing254 = 254 => "Reserved for Testing Purposes Only",
        Testing255 = 255 => "Reserved for Testing Purposes Only",
    }
}
pub static BR_TRIGGER_VALS: &[(u64, &str)] = BrTrigger::VALS;
crate::code_points! {
    /// IANA "Binding Revocation Acknowledgement Status Codes" (Wireshark's 0–6 table is
    /// obsolete).
    pub enum BraStatus: u8 {
        Success = 0 => "success",
        PartialSuccess = 1 => "partial success",
        BindingDoesNotExist = 128 => "Binding Does NOT Exist",
        Ipv4HoaOptionRequired = 129 => "IPv4 Home Address Option Required",
        GlobalRevocationNotAuthorized = 130 => "Global Revocation NOT Authorized",
        MnIdentityRequired = 131 => "Revoked Mobile Nodes Identity Required",
        MnIsAttached = 132 => "Revocation Failed - MN is Attached",
        TriggerNotSupported = 133 => "Revocation Trigger NOT Supported",
        FunctionNotSupported = 134 => "Revocation Function NOT Supported",
        ProxyRevocationNotSupported = 135 => "Proxy Binding Revocation NOT Supported",
    }
}
pub static BRA_STATUS_VALS: &[(u64, &str)] = BraStatus::VALS;
crate::flags! {
    /// Binding Revocation flags (RFC 5846 §5.1/§5.2): P, V, G, then 13 reserved bits.
    pub struct BrFlags: u16 {
        P = 0x8000 => 'P' "Proxy Binding",
        V = 0x4000 => 'V' "IPv4 HoA Binding Only",
        G = 0x2000 => 'G' "Global",
    }
}
crate::mh::fields! {
    pub static BR_TYPE: FieldDef = FieldDef::new("mip6.bri_br.type", "B.R. Type", Kind::Uint(1)).vals(BR_TYPE_VALS);
    pub static BRI_TRIGGER: FieldDef = FieldDef::new("mip6.bri_r.trigger", "R. Trigger", Kind::Uint(1)).vals(BR_TRIGGER_VALS);
    pub static BRA_STATUS: FieldDef = FieldDef::new("mip6.bri_status", "Status", Kind::Uint(1)).vals(BRA_STATUS_VALS);
    pub static BR_VALUE: FieldDef = FieldDef::new("mip6.br.value", "R. Trigger or Status", Kind::Uint(1))
        .blurb("The second octet of a Binding Revocation message of unknown B.R. Type");
    pub static BR_SEQNR: FieldDef = FieldDef::new("mip6.bri_seqnr", "Sequence Number", Kind::Uint(2));
    pub static BRI_P: FieldDef =
        FieldDef::new("mip6.bri_ip", "Proxy Binding (P) Flag", Kind::Bool(2)).mask(BrFlags::P as u64).tfs("Set", "Not set");
    pub static BRI_V: FieldDef =
        FieldDef::new("mip6.bri_iv", "IPv4 HoA Binding Only (V) Flag", Kind::Bool(2)).mask(BrFlags::V as u64).tfs("Set", "Not set");
    pub static BRI_G: FieldDef =
        FieldDef::new("mip6.bri_ig", "Global (G) Flag", Kind::Bool(2)).mask(BrFlags::G as u64).tfs("Set", "Not set");
    pub static BRA_P: FieldDef =
        FieldDef::new("mip6.bri_ap", "Proxy Binding (P) Flag", Kind::Bool(2)).mask(BrFlags::P as u64).tfs("Set", "Not set");
    pub static BRA_V: FieldDef =
        FieldDef::new("mip6.bri_av", "IPv4 HoA Binding Only (V) Flag", Kind::Bool(2)).mask(BrFlags::V as u64).tfs("Set", "Not set");
    pub static BRA_G: FieldDef =
        FieldDef::new("mip6.bri_ag", "Global (G) Flag", Kind::Bool(2)).mask(BrFlags::G as u64).tfs("Set", "Not set");
    pub static BR_RESERVED: FieldDef =
        FieldDef::new("mip6.bri_res", "Reserved", Kind::Uint(2)).hex().mask(BrFlags::RESERVED as u64).blurb("Must be zero");
    pub static BR_FLAGS: FieldDef = FieldDef::new("mip6.br.flags", "Flags", Kind::Uint(2))
        .hex()
        .blurb("Flags word of a Binding Revocation message of unknown B.R. Type");
}
layout! {
    /// Binding Revocation Indication (RFC 5846 §5.1; B.R. Type 1).
    pub struct Bri {
        pub br_type: BrType => [&BR_TYPE],
        pub trigger: BrTrigger => [&BRI_TRIGGER],
        pub seq: u16 => [&BR_SEQNR],
        pub flags: BrFlags => [&BRI_P, &BRI_V, &BRI_G, &BR_RESERVED],
    }
}

layout! {
    /// Binding Revocation Acknowledgement (RFC 5846 §5.2; B.R. Type 2).
    pub struct Bra {
        pub br_type: BrType => [&BR_TYPE],
        pub status: BraStatus => [&BRA_STATUS],
        pub seq: u16 => [&BR_SEQNR],
        pub flags: BrFlags => [&BRA_P, &BRA_V, &BRA_G, &BR_RESERVED],
    }
}

layout! {
    /// Binding Revocation message of a B.R. Type IANA has not assigned.
    pub struct BrOther {
        pub br_type: BrType => [&BR_TYPE],
        pub value: u8 => [&BR_VALUE],
        pub seq: u16 => [&BR_SEQNR],
        pub flags: BrFlags => [&BR_FLAGS],
    }
}

pub static BR_TYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.br.type.unknown", Group::Undecoded, Severity::Note, "Unknown Binding Revocation type");

/// RFC 5846: one MH type, two layouts told apart by the B.R. Type octet.
fn br(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let flags = match t.rd().u8(c.body).map(BrType::from) {
        Some(BrType::Indication) => {
            let v = Bri::dissect(t, c.body, c.end)?;
            let trigger = v.trigger.name().unwrap_or("unknown");
            t.append_info(format_args!(" Indication seq={} trigger={} ({trigger})", v.seq, v.trigger.value()));
            v.flags
        }
        Some(BrType::Acknowledgement) => {
            let v = Bra::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(
                " Acknowledgement seq={} status={} ({})",
                v.seq,
                v.status.value(),
                v.status.name().unwrap_or("unknown")
            ));
            v.flags
        }
        _ => {
            let v = BrOther::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" type={} seq={}", v.br_type.value(), v.seq));
            t.expert(&BR_TYPE_UNKNOWN, c.body, 1, Some(format_args!("B.R. Type {}", v.br_type.value())));
            return Ok(c.body + BrOther::LEN);
        }
    };
    info_flags(t, u64::from(flags.0), BrFlags::LETTERS);
    must_be_zero(t, c.body + 4, 2, u64::from(flags.0), u64::from(BrFlags::RESERVED), "Binding Revocation reserved bits");
    Ok(c.body + Bri::LEN)
}

/// A Binding Revocation message, owned: its layout is chosen by the B.R. Type octet, as the
/// decoder chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Br {
    /// B.R. Type 1.
    Indication(Bri),
    /// B.R. Type 2.
    Acknowledgement(Bra),
    /// Any other B.R. Type.
    Other(BrOther),
}

impl Body for Br {
    const MIN_LEN: usize = Bri::LEN;
    fn parse_body(_mh_type: u8, i: &[u8]) -> Option<(Self, usize)> {
        let v = match i.first()? {
            1 => Br::Indication(Bri::parse(i).ok()?.1),
            2 => Br::Acknowledgement(Bra::parse(i).ok()?.1),
            _ => Br::Other(BrOther::parse(i).ok()?.1),
        };
        Some((v, Bri::LEN))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        match self {
            Br::Indication(v) => v.emit(out),
            Br::Acknowledgement(v) => v.emit(out),
            Br::Other(v) => v.emit(out),
        }
        Ok(())
    }
}

wire_typed!(code BrType: u8, BrTrigger: u8, BraStatus: u8);
wire_typed!(flags BrFlags: u16);

msg_rows! {
    BindingRevocation => Br by br,
}

pub static EXPERTS: &[&ExpertDef] = &[&BR_TYPE_UNKNOWN];
