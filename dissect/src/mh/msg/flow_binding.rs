//! Flow Binding (21, RFC 7109 §6.1): one MH type, an Indication or an Acknowledgement told apart
//! by the 16-bit FB Type.
//!
//! ```text
//! 21 FB    (RFC 7109 §6.1.1/§6.1.2) | FB Type (16) | Sequence # | Trigger / Status |A| Rsv (7) |
//! ```

use super::{info_flags, must_be_zero, name_of, MsgRow};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhType;
use crate::mh::MsgCtx;
use crate::tree::Tree;

/// IANA "Flow Binding Type".
pub static FB_TYPE_VALS: &[(u64, &str)] = &[(1, "Flow Binding Indication"), (2, "Flow Binding Acknowledgement")];
/// IANA "Flow Binding Indication Triggers".
pub static FB_TRIGGER_VALS: &[(u64, &str)] = &[
    (0, "Reserved"),
    (1, "Unspecified"),
    (2, "Administrative Reason"),
    (3, "Possible Out-of-Sync BCE State"),
    (250, "Reserved for Testing Purposes Only"),
    (251, "Reserved for Testing Purposes Only"),
    (252, "Reserved for Testing Purposes Only"),
    (253, "Reserved for Testing Purposes Only"),
    (254, "Reserved for Testing Purposes Only"),
    (255, "Reserved for Testing Purposes Only"),
];
/// IANA "Flow Binding Acknowledgement Status Codes".
pub static FB_STATUS_VALS: &[(u64, &str)] =
    &[(0, "Success"), (128, "Binding (target CoA) Does NOT Exist"), (129, "Action NOT Authorized")];
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
    .mask(0x80)
    .tfs("Acknowledgement requested", "No acknowledgement requested");
pub static FB_FLAGS_RESERVED: FieldDef = FieldDef::new("mip6.fb.flags_reserved", "Reserved", Kind::Uint(1)).hex().mask(0x7f);
pub static FB_ACK_RESERVED: FieldDef = FieldDef::new("mip6.fb.ack_reserved", "Reserved", Kind::Uint(1))
    .hex()
    .blurb("The reserved octet of a Flow Binding Acknowledgement (no flags defined)");
layout! {
    /// Flow Binding Indication (RFC 7109 §6.1.1; FB Type 1).
    pub struct Fbi {
        pub fb_type: u16 => [&FB_TYPE],
        pub seq: u16 => [&FB_SEQNR],
        pub trigger: u8 => [&FB_TRIGGER],
        pub flags: u8 => [&FB_A, &FB_FLAGS_RESERVED],
    }
}

layout! {
    /// Flow Binding Acknowledgement (RFC 7109 §6.1.2; FB Type 2).
    pub struct Fba {
        pub fb_type: u16 => [&FB_TYPE],
        pub seq: u16 => [&FB_SEQNR],
        pub status: u8 => [&FB_STATUS],
        pub flags: u8 => [&FB_ACK_RESERVED],
    }
}

layout! {
    /// Flow Binding message of an FB Type IANA has not assigned.
    pub struct FbOther {
        pub fb_type: u16 => [&FB_TYPE],
        pub seq: u16 => [&FB_SEQNR],
        pub value: u8 => [&FB_VALUE],
        pub flags: u8 => [&FB_ACK_RESERVED],
    }
}

pub static FB_TYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.fb.type.unknown", Group::Undecoded, Severity::Note, "Unknown Flow Binding type");

/// RFC 7109 §6.1: one MH type, two layouts told apart by the 16-bit FB Type.
fn fb(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    match t.rd().u16(c.body) {
        Some(1) => {
            let v = Fbi::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" Indication seq={} trigger={} ({})", v.seq, v.trigger, name_of(&FB_TRIGGER, v.trigger)));
            info_flags(t, u64::from(v.flags), &[(0x80, 'A')]);
            must_be_zero(t, c.body + 5, 1, u64::from(v.flags), 0x7f, "Flow Binding reserved bits");
        }
        Some(2) => {
            let v = Fba::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" Acknowledgement seq={} status={} ({})", v.seq, v.status, name_of(&FB_STATUS, v.status)));
            must_be_zero(t, c.body + 5, 1, u64::from(v.flags), 0xff, "Flow Binding Acknowledgement reserved octet");
        }
        _ => {
            let v = FbOther::dissect(t, c.body, c.end)?;
            t.append_info(format_args!(" type={} seq={}", v.fb_type, v.seq));
            t.expert(&FB_TYPE_UNKNOWN, c.body, 2, Some(format_args!("FB Type {}", v.fb_type)));
            return Ok(c.body + FbOther::LEN);
        }
    }
    Ok(c.body + Fbi::LEN)
}

/// The message rows of this family.
pub static DEFS: &[MsgRow] = &[MsgRow::new(MhType::FlowBinding, Fbi::LEN, fb)];

pub static FIELDS: &[&FieldDef] =
    &[&FB_TYPE, &FB_SEQNR, &FB_TRIGGER, &FB_STATUS, &FB_VALUE, &FB_A, &FB_FLAGS_RESERVED, &FB_ACK_RESERVED];
pub static EXPERTS: &[&ExpertDef] = &[&FB_TYPE_UNKNOWN];
