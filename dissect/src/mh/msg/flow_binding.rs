//! Flow Binding (21, RFC 7109 §6.1): one MH type, an Indication or an Acknowledgement told apart
//! by the 16-bit FB Type.
//!
//! ```text
//! 21 FB    (RFC 7109 §6.1.1/§6.1.2) | FB Type (16) | Sequence # | Trigger / Status |A| Rsv (7) |
//! ```

use super::{info_flags, must_be_zero, Body};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhEmitError;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::code_points! {
    /// IANA "Flow Binding Type" (16 bits).
    pub enum FbType: u16 {
        Indication = 1 => "Flow Binding Indication",
        Acknowledgement = 2 => "Flow Binding Acknowledgement",
    }
}
pub static FB_TYPE_VALS: &[(u64, &str)] = FbType::VALS;
crate::code_points! {
    /// IANA "Flow Binding Indication Triggers".
    pub enum FbTrigger: u8 {
        Reserved = 0 => "Reserved",
        Unspecified = 1 => "Unspecified",
        AdministrativeReason = 2 => "Administrative Reason",
        OutOfSyncBceState = 3 => "Possible Out-of-Sync BCE State",
        Testing250 = 250 => "Reserved for Testing Purposes Only",
        Testing251 = 251 => "Reserved for Testing Purposes Only",
        Testing252 = 252 => "Reserved for Testing Purposes Only",
        Testing253 = 253 => "Reserved for Testing Purposes Only",
        Testing254 = 254 => "Reserved for Testing Purposes Only",
        Testing255 = 255 => "Reserved for Testing Purposes Only",
    }
}
pub static FB_TRIGGER_VALS: &[(u64, &str)] = FbTrigger::VALS;
crate::code_points! {
    /// IANA "Flow Binding Acknowledgement Status Codes".
    pub enum FbStatus: u8 {
        Success = 0 => "Success",
        BindingDoesNotExist = 128 => "Binding (target CoA) Does NOT Exist",
        ActionNotAuthorized = 129 => "Action NOT Authorized",
    }
}
pub static FB_STATUS_VALS: &[(u64, &str)] = FbStatus::VALS;
crate::flags! {
    /// Flow Binding Indication flags (RFC 7109 §6.1.1): A, then 7 reserved bits.
    pub struct FbiFlags: u8 {
        A = 0x80 => 'A' "Acknowledge",
    }
}
crate::mh::fields! {
    // RFC 7109 §6.1.1 (Figure 3) / §6.1.2 (Figure 4): the Flow Binding Type is a 16-bit field that
    // fills the first two octets of the message data (no reserved octet), then Sequence # (16),
    // Trigger or Status (8), and the A flag + 7 reserved bits (FBI) or 8 reserved bits (FBA).
    pub static FB_TYPE: FieldDef = FieldDef::new("mip6.fb.type", "FB Type", Kind::Uint(2)).vals(FB_TYPE_VALS);
    pub static FB_SEQNR: FieldDef = FieldDef::new("mip6.fb.seqnr", "Sequence number", Kind::Uint(2));
    pub static FB_TRIGGER: FieldDef = FieldDef::new("mip6.fb.trigger", "Trigger", Kind::Uint(1)).vals(FB_TRIGGER_VALS);
    pub static FB_STATUS: FieldDef = FieldDef::new("mip6.fb.status", "Status", Kind::Uint(1)).vals(FB_STATUS_VALS);
    pub static FB_VALUE: FieldDef = FieldDef::new("mip6.fb.value", "Trigger or Status", Kind::Uint(1))
        .blurb("The trigger/status octet of a Flow Binding message of unknown FB Type");
    pub static FB_A: FieldDef = FieldDef::new("mip6.fb.a_flag", "Acknowledge (A) flag", Kind::Bool(1))
        .mask(FbiFlags::A as u64)
        .tfs("Acknowledgement requested", "No acknowledgement requested");
    pub static FB_FLAGS_RESERVED: FieldDef =
        FieldDef::new("mip6.fb.flags_reserved", "Reserved", Kind::Uint(1)).hex().mask(FbiFlags::RESERVED as u64);
    pub static FB_ACK_RESERVED: FieldDef = FieldDef::new("mip6.fb.ack_reserved", "Reserved", Kind::Uint(1))
        .hex()
        .blurb("The reserved octet of a Flow Binding Acknowledgement (no flags defined)");
}
layout! {
    /// Flow Binding Indication (RFC 7109 §6.1.1; FB Type 1).
    pub struct Fbi {
        pub fb_type: FbType => [&FB_TYPE],
        pub seq: u16 => [&FB_SEQNR],
        pub trigger: FbTrigger => [&FB_TRIGGER],
        pub flags: FbiFlags => [&FB_A, &FB_FLAGS_RESERVED],
    }
}

layout! {
    /// Flow Binding Acknowledgement (RFC 7109 §6.1.2; FB Type 2).
    pub struct Fba {
        pub fb_type: FbType => [&FB_TYPE],
        pub seq: u16 => [&FB_SEQNR],
        pub status: FbStatus => [&FB_STATUS],
        pub reserved: u8 => [&FB_ACK_RESERVED],
    }
}

layout! {
    /// Flow Binding message of an FB Type IANA has not assigned.
    pub struct FbOther {
        pub fb_type: FbType => [&FB_TYPE],
        pub seq: u16 => [&FB_SEQNR],
        pub value: u8 => [&FB_VALUE],
        pub reserved: u8 => [&FB_ACK_RESERVED],
    }
}

pub static FB_TYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.fb.type.unknown", Group::Undecoded, Severity::Note, "Unknown Flow Binding type");

/// RFC 7109 §6.1: one MH type, two layouts told apart by the 16-bit FB Type.
fn fb(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    match t.rd().u16(c.body).map(FbType::from) {
        Some(FbType::Indication) => {
            let v = Fbi::dissect(t, c.body, c.end)?;
            let trigger = v.trigger.name().unwrap_or("unknown");
            t.append_info(format_args!(" Indication seq={} trigger={} ({trigger})", v.seq, v.trigger.value()));
            info_flags(t, u64::from(v.flags.0), FbiFlags::LETTERS);
            must_be_zero(t, c.body + 5, 1, u64::from(v.flags.0), u64::from(FbiFlags::RESERVED), "Flow Binding reserved bits");
        }
        Some(FbType::Acknowledgement) => {
            let v = Fba::dissect(t, c.body, c.end)?;
            let status = v.status.name().unwrap_or("unknown");
            t.append_info(format_args!(" Acknowledgement seq={} status={} ({status})", v.seq, v.status.value()));
            must_be_zero(t, c.body + 5, 1, u64::from(v.reserved), 0xff, "Flow Binding Acknowledgement reserved octet");
        }
        _ => {
            let v = FbOther::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" type={} seq={}", v.fb_type.value(), v.seq));
            t.expert(&FB_TYPE_UNKNOWN, c.body, 2, Some(format_args!("FB Type {}", v.fb_type.value())));
            return Ok(c.body + FbOther::LEN);
        }
    }
    Ok(c.body + Fbi::LEN)
}

/// A Flow Binding message, owned: its layout is chosen by the 16-bit FB Type, as the decoder
/// chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fb {
    /// FB Type 1.
    Indication(Fbi),
    /// FB Type 2.
    Acknowledgement(Fba),
    /// Any other FB Type.
    Other(FbOther),
}

impl Body for Fb {
    const MIN_LEN: usize = Fbi::LEN;
    fn parse_body(_mh_type: u8, i: &[u8]) -> Option<(Self, usize)> {
        let v = match FbType::from(u16::from_be_bytes(*i.first_chunk::<2>()?)) {
            FbType::Indication => Fb::Indication(Fbi::parse(i).ok()?.1),
            FbType::Acknowledgement => Fb::Acknowledgement(Fba::parse(i).ok()?.1),
            _ => Fb::Other(FbOther::parse(i).ok()?.1),
        };
        Some((v, Fbi::LEN))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        match self {
            Fb::Indication(v) => v.emit(out),
            Fb::Acknowledgement(v) => v.emit(out),
            Fb::Other(v) => v.emit(out),
        }
        Ok(())
    }
}

wire_typed!(code FbType: u16, FbTrigger: u8, FbStatus: u8);
wire_typed!(flags FbiFlags: u8);

msg_rows! {
    FlowBinding => Fb by fb,
}

pub static EXPERTS: &[&ExpertDef] = &[&FB_TYPE_UNKNOWN];
