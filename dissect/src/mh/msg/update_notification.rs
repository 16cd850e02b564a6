//! Update Notification (19) and Update Notification Acknowledgement (20), RFC 7077 §4.
//!
//! ```text
//! 19 UPN   (RFC 7077 §4.1)    | Sequence # (16) | Notification Reason (16) |A|D| Reserved (14) |
//! 20 UPA   (RFC 7077 §4.2)    | Sequence # (16) | Status (8) | Reserved (24) |
//! ```

use super::{info_flags, must_be_zero};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::code_points! {
    /// IANA "Update Notification Reasons Registry" (a 16-bit field; the registry fills 0–8 and
    /// 255).
    pub enum UnReason: u16 {
        Reserved = 0 => "Reserved",
        ForceReregistration = 1 => "FORCE-REREGISTRATION",
        UpdateSessionParameters = 2 => "UPDATE-SESSION-PARAMETERS",
        VendorSpecificReason = 3 => "VENDOR-SPECIFIC-REASON",
        AniParamsRequested = 4 => "ANI-PARAMS-REQUESTED",
        QosServiceRequest = 5 => "QOS_SERVICE_REQUEST",
        PcscfRestorationPco = 6 => "PGW-TRIGGERED-PCSCF-RESTORATION-PCO",
        PcscfRestorationDhcp = 7 => "PGW-TRIGGERED-PCSCF-RESTORATION-DHCP",
        FlowMobility = 8 => "FLOW-MOBILITY",
        Reserved255 = 255 => "Reserved",
    }
}
pub static UN_REASON_VALS: &[(u64, &str)] = UnReason::VALS;
crate::code_points! {
    /// IANA "Update Notification Acknowledgement Status Registry".
    pub enum UnaStatus: u8 {
        Success = 0 => "SUCCESS",
        FailedToUpdateSessionParameters = 128 => "FAILED-TO-UPDATE-SESSION-PARAMETERS",
        MissingVendorSpecificOption = 129 => "MISSING-VENDOR-SPECIFIC-OPTION",
        CannotMeetQosServiceRequest = 130 => "CANNOT_MEET_QOS_SERVICE_REQUEST",
        ReasonUnspecified = 131 => "Reason unspecified",
        MnNotAttached = 132 => "MN not attached",
    }
}
pub static UNA_STATUS_VALS: &[(u64, &str)] = UnaStatus::VALS;
crate::flags! {
    /// Update Notification flags (RFC 7077 §4.1): A, D, then 14 reserved bits.
    pub struct UpnFlags: u16 {
        A = 0x8000 => 'A' "Acknowledgement Requested",
        D = 0x4000 => 'D' "Retransmit",
    }
}
crate::mh::fields! {
    // RFC 7077 §4.1 (Figure 3): Sequence # (16) | Notification Reason (16) | A | D | Reserved (14).
    // The Notification Reason is a 16-bit unsigned integer (the IANA registry only fills 0–8 and
    // 255); A asks for an acknowledgement, D marks a retransmission.
    pub static UN_SEQNR: FieldDef = FieldDef::new("mip6.un.seqnr", "Sequence number", Kind::Uint(2));
    pub static UN_REASON: FieldDef = FieldDef::new("mip6.un.reason", "Notification Reason", Kind::Uint(2)).vals(UN_REASON_VALS);
    pub static UN_A: FieldDef = FieldDef::new("mip6.un.a_flag", "Acknowledgement Requested (A) flag", Kind::Bool(2))
        .mask(UpnFlags::A as u64)
        .tfs("Acknowledgement requested", "No acknowledgement requested");
    pub static UN_D: FieldDef = FieldDef::new("mip6.un.d_flag", "Retransmit (D) flag", Kind::Bool(2))
        .mask(UpnFlags::D as u64)
        .tfs("Retransmitted message", "First transmission")
        .blurb("RFC 7077 §4.1: set when the message repeats an unacknowledged one with the same Sequence Number");
    pub static UN_RESERVED: FieldDef =
        FieldDef::new("mip6.un.reserved", "Reserved", Kind::Uint(2)).hex().mask(UpnFlags::RESERVED as u64);
    // RFC 7077 §4.2 (Figure 4): Sequence # (16) | Status Code (8) | Reserved (24).
    pub static UNA_SEQNR: FieldDef = FieldDef::new("mip6.una.seqnr", "Sequence number", Kind::Uint(2));
    pub static UNA_STATUS: FieldDef = FieldDef::new("mip6.una.status", "Status", Kind::Uint(1)).vals(UNA_STATUS_VALS);
    pub static UNA_RESERVED: FieldDef = FieldDef::new("mip6.una.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static UNA_RESERVED2: FieldDef = FieldDef::new("mip6.una.reserved2", "Reserved", Kind::Uint(2)).hex();
}

layout! {
    /// Update Notification (RFC 7077 §4.1).
    pub struct Upn {
        pub seq: u16 => [&UN_SEQNR],
        pub reason: UnReason => [&UN_REASON],
        pub flags: UpnFlags => [&UN_A, &UN_D, &UN_RESERVED],
    }
}
layout! {
    /// Update Notification Acknowledgement (RFC 7077 §4.2).
    pub struct Upa {
        pub seq: u16 => [&UNA_SEQNR],
        pub status: UnaStatus => [&UNA_STATUS],
        pub reserved: u8 => [&UNA_RESERVED],
        pub reserved2: u16 => [&UNA_RESERVED2],
    }
}

fn upn(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Upn::dissect(t, c.body, c.end)?;
    let reason = v.reason.name().unwrap_or("unknown");
    t.append_info(format_args!(" seq={} reason={} ({reason})", v.seq, v.reason.value()));
    info_flags(t, u64::from(v.flags.0), UpnFlags::LETTERS);
    must_be_zero(t, c.body + 4, 2, u64::from(v.flags.0), u64::from(UpnFlags::RESERVED), "Update Notification reserved bits");
    Ok(c.body + Upn::LEN)
}

fn upa(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Upa::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} status={} ({})", v.seq, v.status.value(), v.status.name().unwrap_or("unknown")));
    let reserved = (u64::from(v.reserved) << 16) | u64::from(v.reserved2);
    must_be_zero(t, c.body + 3, 3, reserved, 0xff_ffff, "Update Notification Acknowledgement reserved field");
    Ok(c.body + Upa::LEN)
}

wire_typed!(code UnReason: u16, UnaStatus: u8);
wire_typed!(flags UpnFlags: u16);

msg_rows! {
    UpdateNotification => Upn [layout] by upn,
    UpdateNotificationAcknowledgement => Upa [layout] by upa,
}

pub static EXPERTS: &[&ExpertDef] = &[];
