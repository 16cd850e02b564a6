//! Mobility Header types 8–23 (IANA registry after RFC 6275): FMIPv6, Experimental,
//! HA Switch, Heartbeat, Handover Initiate/Acknowledge, Binding Revocation, Localized
//! Routing, Update Notification, Flow Binding, Subscription Query/Response.
//!
//! Every fixed part is one `layout!` (struct, nom parser, emitter, tree annotation); the only
//! variable parts are the Home Agent Switch address list and the Experimental message data,
//! walked by hand with explicit bounds checks. All offsets below are from the first octet of
//! the message data, i.e. Mobility Header offset 6.
//!
//! ```text
//!  8 FBU   (RFC 5568 §6.2.2)  | Sequence # (16) |A|H|L|K| Reserved (12) | Lifetime (16, 4 s) |
//!  9 FBack (RFC 5568 §6.2.3)  | Status |K| Reserved (7) | Sequence # | Lifetime (4 s) |
//! 10 FNA   (RFC 5568, deprecated) | Reserved (16) |
//! 11 EMH   (RFC 5096)         | Message Data ... (to the end; no options) |
//! 12 HAS   (RFC 5142 §4)    | # of Addresses | Reserved | Home Agent Addresses (16 × N) |
//! 13 HB    (RFC 5847 §3.3)    | Reserved (8) | Reserved (6) |U|R| | Sequence Number (32) |
//! 14 HI    (RFC 5568 §6.2.1.1, RFC 5949 §6.1.1) | Sequence # |S|U|P|F| Rsv (4) | Code |
//! 15 HAck  (RFC 5568 §6.2.1.2, RFC 5949 §6.1.2) | Sequence # |U|P|F| Rsv (5) | Code |
//! 16 BR    (RFC 5846 §5.1/5.2) | B.R. Type | R. Trigger / Status | Sequence # |P|V|G| Rsv (13) |
//! 17 LRI   (RFC 6705 §10.1)    | Sequence # | Reserved (16) | Lifetime (s) |
//! 18 LRA   (RFC 6705 §10.2)    | Sequence # |U| Rsv (7) | Status | Lifetime (s) |
//! 19 UPN   (RFC 7077 §4.1)    | Sequence # (16) | Notification Reason (16) |A|D| Reserved (14) |
//! 20 UPA   (RFC 7077 §4.2)    | Sequence # (16) | Status (8) | Reserved (24) |
//! 21 FB    (RFC 7109 §6.1.1/§6.1.2) | FB Type (16) | Sequence # | Trigger / Status |A| Rsv (7) |
//! 22 SQ    (RFC 7161 §4.3.1.2) | Sequence # (8) | Reserved (8) |
//! 23 SR    (RFC 7161 §4.3.2.2) | Sequence # (8) |I| Reserved (7) |
//! ```

use super::msg::four_seconds;
use super::{expert as mh_expert, MsgCtx, MsgDef};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;
use crate::wire::{Ip6, Wire};

// ------------------------------------------------------------------ value tables

/// FBack status (RFC 5568 §6.2.3; no IANA registry).
pub static FBACK_STATUS_VALS: &[(u64, &str)] = &[
    (0, "Fast Binding Update accepted"),
    (1, "Accepted but use supplied NCoA"),
    (128, "Reason unspecified"),
    (129, "Administratively prohibited"),
    (130, "Insufficient resources"),
    (131, "Incorrect interface identifier length"),
];

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

/// LRA status (RFC 6705; no IANA registry).
pub static LRA_STATUS_VALS: &[(u64, &str)] = &[(0, "Success"), (128, "Localized Routing Not Allowed"), (129, "MN Not Attached")];

/// IANA "Update Notification Reasons Registry".
pub static UN_REASON_VALS: &[(u64, &str)] = &[
    (0, "Reserved"),
    (1, "FORCE-REREGISTRATION"),
    (2, "UPDATE-SESSION-PARAMETERS"),
    (3, "VENDOR-SPECIFIC-REASON"),
    (4, "ANI-PARAMS-REQUESTED"),
    (5, "QOS_SERVICE_REQUEST"),
    (6, "PGW-TRIGGERED-PCSCF-RESTORATION-PCO"),
    (7, "PGW-TRIGGERED-PCSCF-RESTORATION-DHCP"),
    (8, "FLOW-MOBILITY"),
    (255, "Reserved"),
];

/// IANA "Update Notification Acknowledgement Status Registry".
pub static UNA_STATUS_VALS: &[(u64, &str)] = &[
    (0, "SUCCESS"),
    (128, "FAILED-TO-UPDATE-SESSION-PARAMETERS"),
    (129, "MISSING-VENDOR-SPECIFIC-OPTION"),
    (130, "CANNOT_MEET_QOS_SERVICE_REQUEST"),
    (131, "Reason unspecified"),
    (132, "MN not attached"),
];

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

// ------------------------------------------------------------------ 8 Fast Binding Update

pub static FBU_SEQNR: FieldDef = FieldDef::new("mip6.fbu.seqnr", "Sequence number", Kind::Uint(2));
pub static FBU_A: FieldDef = FieldDef::new("mip6.fbu.a_flag", "Acknowledge (A) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Fast Binding Acknowledgement requested", "Fast Binding Acknowledgement not requested");
pub static FBU_H: FieldDef = FieldDef::new("mip6.fbu.h_flag", "Home Registration (H) flag", Kind::Bool(1))
    .mask(0x40)
    .tfs("Home Registration", "No Home Registration");
pub static FBU_L: FieldDef = FieldDef::new("mip6.fbu.l_flag", "Link-Local Compatibility (L) flag", Kind::Bool(1))
    .mask(0x20)
    .tfs("Link-Local Address Compatibility", "No Link-Local Address Compatibility");
pub static FBU_K: FieldDef = FieldDef::new("mip6.fbu.k_flag", "Key Management Compatibility (K) flag", Kind::Bool(1))
    .mask(0x10)
    .tfs("Key Management Mobility Compatibility", "No Key Management Mobility Compatibility");
pub static FBU_RESERVED: FieldDef =
    FieldDef::new("mip6.fbu.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x0f).blurb("Low 4 bits of the flags octet");
pub static FBU_RESERVED2: FieldDef =
    FieldDef::new("mip6.fbu.reserved2", "Reserved", Kind::Uint(1)).hex().blurb("The octet after the flags");
pub static FBU_LIFETIME: FieldDef = FieldDef::new("mip6.fbu.lifetime", "Lifetime", Kind::Uint(2))
    .custom(four_seconds)
    .blurb("Units of 4 seconds, as in the Binding Update the FBU copies (RFC 5568 §6.2.2 also calls it seconds)");
layout! {
    /// Fast Binding Update (RFC 5568 §6.2.2): the Binding Update layout with A H L K.
    pub struct Fbu {
        pub seq: u16 => [&FBU_SEQNR],
        pub flags: u8 => [&FBU_A, &FBU_H, &FBU_L, &FBU_K, &FBU_RESERVED],
        pub reserved: u8 => [&FBU_RESERVED2],
        pub lifetime: u16 => [&FBU_LIFETIME],
    }
}

// ------------------------------------------------------------------ 9 Fast Binding Acknowledgment

pub static FBACK_STATUS: FieldDef = FieldDef::new("mip6.fback.status", "Status", Kind::Uint(1)).vals(FBACK_STATUS_VALS);
pub static FBACK_K: FieldDef = FieldDef::new("mip6.fback.k_flag", "Key Management Compatibility (K) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Key Management Mobility Compatibility", "No Key Management Mobility Compatibility");
pub static FBACK_RESERVED: FieldDef = FieldDef::new("mip6.fback.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x7f);
pub static FBACK_SEQNR: FieldDef = FieldDef::new("mip6.fback.seqnr", "Sequence number", Kind::Uint(2));
pub static FBACK_LIFETIME: FieldDef = FieldDef::new("mip6.fback.lifetime", "Lifetime", Kind::Uint(2))
    .custom(four_seconds)
    .blurb("Units of 4 seconds, as in the Binding Update the FBU copies (RFC 5568 §6.2.2 also calls it seconds)");
layout! {
    /// Fast Binding Acknowledgment (RFC 5568 §6.2.3).
    pub struct Fback {
        pub status: u8 => [&FBACK_STATUS],
        pub flags: u8 => [&FBACK_K, &FBACK_RESERVED],
        pub seq: u16 => [&FBACK_SEQNR],
        pub lifetime: u16 => [&FBACK_LIFETIME],
    }
}

// ------------------------------------------------------------------ 10 Fast Neighbor Advertisement

pub static FNA_RESERVED: FieldDef = FieldDef::new("mip6.fast_neighbor_advertisement", "Fast Neighbor Advertisement", Kind::Bytes)
    .blurb("The FNA's reserved 16 bits (Wireshark's name)");
layout! {
    /// Fast Neighbor Advertisement (RFC 5568, deprecated): 16 reserved bits, then options.
    pub struct Fna { pub reserved: u16 => [&FNA_RESERVED] }
}

// ------------------------------------------------------------------ 11 Experimental Mobility Header

// Wireshark files both the Experimental Mobility Header's data (MH 11) and the Experimental
// Mobility Option's data (option 18) under `mip6.em.data`; the option module registers it.
use super::opt::generic::EM_DATA as EMH_DATA;

// ------------------------------------------------------------------ 12 Home Agent Switch

pub static HAS_NUM_ADDRS: FieldDef = FieldDef::new("mip6.has.num_addrs", "Number of Addresses", Kind::Uint(1));
pub static HAS_RESERVED: FieldDef = FieldDef::new("mip6.has.reserved", "Reserved", Kind::Uint(1)).hex();
pub static HAS_ADDRESS: FieldDef = FieldDef::new("mip6.has.address", "Address", Kind::Ipv6).blurb("Home Agent Address");
layout! {
    /// Home Agent Switch fixed part (RFC 5142 §4); `num_addrs` IPv6 addresses follow.
    pub struct HasFixed {
        pub num_addrs: u8 => [&HAS_NUM_ADDRS],
        pub reserved: u8 => [&HAS_RESERVED],
    }
}

// ------------------------------------------------------------------ 13 Heartbeat

pub static HB_RESERVED: FieldDef = FieldDef::new("mip6.hb.reserved", "Reserved", Kind::Uint(1)).hex();
pub static HB_FLAGS_RESERVED: FieldDef =
    FieldDef::new("mip6.hb.flags_reserved", "Reserved", Kind::Uint(1)).hex().mask(0xfc).blurb("Bits above U and R");
pub static HB_U: FieldDef = FieldDef::new("mip6.hb.u_flag", "Unsolicited (U) flag", Kind::Bool(1))
    .mask(0x02)
    .tfs("Unsolicited Heartbeat Response", "Otherwise");
pub static HB_R: FieldDef =
    FieldDef::new("mip6.hb.r_flag", "Response (R) flag", Kind::Bool(1)).mask(0x01).tfs("Heartbeat Response", "Heartbeat Request");
pub static HB_SEQNR: FieldDef = FieldDef::new("mip6.hb.seqnr", "Sequence number", Kind::Uint(4));
layout! {
    /// Heartbeat (RFC 5847 §3.3).
    pub struct Hb {
        pub reserved: u8 => [&HB_RESERVED],
        pub flags: u8 => [&HB_FLAGS_RESERVED, &HB_U, &HB_R],
        pub seq: u32 => [&HB_SEQNR],
    }
}

// ------------------------------------------------------------------ 14 Handover Initiate

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

// ------------------------------------------------------------------ 15 Handover Acknowledge

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

// ------------------------------------------------------------------ 16 Binding Revocation

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

// ------------------------------------------------------------------ 17/18 Localized Routing

pub static LRI_SEQ: FieldDef = FieldDef::new("mip6.lri.sequence", "Sequence", Kind::Uint(2));
pub static LRI_RESERVED: FieldDef =
    FieldDef::new("mip6.lri.reserved", "Reserved", Kind::Uint(2)).hex().blurb("This field is unused and MUST be set to zero");
pub static LRI_LIFETIME: FieldDef =
    FieldDef::new("mip6.lri.lifetime", "Lifetime", Kind::Uint(2)).hex().blurb("The requested time, in seconds");
pub static LRA_SEQ: FieldDef = FieldDef::new("mip6.lra.sequence", "Sequence", Kind::Uint(2));
pub static LRA_U: FieldDef = FieldDef::new("mip6.lri.unsolicited", "Unsolicited (U) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Yes", "No")
    .blurb("LRA U flag (Wireshark files it under mip6.lri)");
pub static LRA_RESERVED: FieldDef = FieldDef::new("mip6.lra.reserved", "Reserved", Kind::Uint(1))
    .hex()
    .mask(0x7f)
    .blurb("This field is unused and MUST be set to zero");
pub static LRA_STATUS: FieldDef = FieldDef::new("mip6.lra.status", "Status", Kind::Uint(1)).vals(LRA_STATUS_VALS);
pub static LRA_LIFETIME: FieldDef =
    FieldDef::new("mip6.lra.lifetime", "Lifetime", Kind::Uint(2)).hex().blurb("The granted time, in seconds");
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
        pub flags: u8 => [&LRA_U, &LRA_RESERVED],
        pub status: u8 => [&LRA_STATUS],
        pub lifetime: u16 => [&LRA_LIFETIME],
    }
}

// ------------------------------------------------------------------ 19/20 Update Notification

// RFC 7077 §4.1 (Figure 3): Sequence # (16) | Notification Reason (16) | A | D | Reserved (14).
// The Notification Reason is a 16-bit unsigned integer (the IANA registry only fills 0–8 and
// 255); A asks for an acknowledgement, D marks a retransmission.
pub static UN_SEQNR: FieldDef = FieldDef::new("mip6.un.seqnr", "Sequence number", Kind::Uint(2));
pub static UN_REASON: FieldDef = FieldDef::new("mip6.un.reason", "Notification Reason", Kind::Uint(2)).vals(UN_REASON_VALS);
pub static UN_A: FieldDef = FieldDef::new("mip6.un.a_flag", "Acknowledgement Requested (A) flag", Kind::Bool(2))
    .mask(0x8000)
    .tfs("Acknowledgement requested", "No acknowledgement requested");
pub static UN_D: FieldDef = FieldDef::new("mip6.un.d_flag", "Retransmit (D) flag", Kind::Bool(2))
    .mask(0x4000)
    .tfs("Retransmitted message", "First transmission")
    .blurb("RFC 7077 §4.1: set when the message repeats an unacknowledged one with the same Sequence Number");
pub static UN_RESERVED: FieldDef = FieldDef::new("mip6.un.reserved", "Reserved", Kind::Uint(2)).hex().mask(0x3fff);
layout! {
    /// Update Notification (RFC 7077 §4.1).
    pub struct Upn {
        pub seq: u16 => [&UN_SEQNR],
        pub reason: u16 => [&UN_REASON],
        pub flags: u16 => [&UN_A, &UN_D, &UN_RESERVED],
    }
}
// RFC 7077 §4.2 (Figure 4): Sequence # (16) | Status Code (8) | Reserved (24).
pub static UNA_SEQNR: FieldDef = FieldDef::new("mip6.una.seqnr", "Sequence number", Kind::Uint(2));
pub static UNA_STATUS: FieldDef = FieldDef::new("mip6.una.status", "Status", Kind::Uint(1)).vals(UNA_STATUS_VALS);
pub static UNA_RESERVED: FieldDef = FieldDef::new("mip6.una.reserved", "Reserved", Kind::Uint(1)).hex();
pub static UNA_RESERVED2: FieldDef = FieldDef::new("mip6.una.reserved2", "Reserved", Kind::Uint(2)).hex();
layout! {
    /// Update Notification Acknowledgement (RFC 7077 §4.2).
    pub struct Upa {
        pub seq: u16 => [&UNA_SEQNR],
        pub status: u8 => [&UNA_STATUS],
        pub reserved: u8 => [&UNA_RESERVED],
        pub reserved2: u16 => [&UNA_RESERVED2],
    }
}

// ------------------------------------------------------------------ 21 Flow Binding

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

// ------------------------------------------------------------------ 22/23 Subscription

pub static SQ_SEQNR: FieldDef = FieldDef::new("mip6.sq.seqnr", "Sequence number", Kind::Uint(1));
pub static SQ_RESERVED: FieldDef = FieldDef::new("mip6.sq.reserved", "Reserved", Kind::Uint(1)).hex();
pub static SR_SEQNR: FieldDef = FieldDef::new("mip6.sr.seqnr", "Sequence number", Kind::Uint(1));
pub static SR_I: FieldDef = FieldDef::new("mip6.sr.i_flag", "Multicast Information (I) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Multicast subscription information available", "No multicast subscription information available")
    .blurb("RFC 7161 §4.3.2.2: Active Multicast Subscription options follow when set");
pub static SR_RESERVED: FieldDef = FieldDef::new("mip6.sr.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x7f);
layout! {
    /// Subscription Query (RFC 7161 §4.3.1.2): the sequence number is 8 bits, compared modulo 2**8.
    pub struct Sq {
        pub seq: u8 => [&SQ_SEQNR],
        pub reserved: u8 => [&SQ_RESERVED],
    }
}
layout! {
    /// Subscription Response (RFC 7161 §4.3.2.2).
    pub struct Sr {
        pub seq: u8 => [&SR_SEQNR],
        pub flags: u8 => [&SR_I, &SR_RESERVED],
    }
}

// ------------------------------------------------------------------ expert items

pub static HAS_COUNT_INVALID: ExpertDef = ExpertDef::new(
    "mip6.has.num_addrs.invalid",
    Group::Malformed,
    Severity::Warn,
    "Number of Addresses does not fit in the Home Agent Switch message",
);
pub static BR_TYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.br.type.unknown", Group::Undecoded, Severity::Note, "Unknown Binding Revocation type");
pub static FB_TYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.fb.type.unknown", Group::Undecoded, Severity::Note, "Unknown Flow Binding type");

// ------------------------------------------------------------------ decoders

/// Flags set in `v`, as letters in wire order, appended to the Info column.
fn info_flags(t: &mut Tree<'_>, v: u64, letters: &[(u64, char)]) {
    for &(m, c) in letters {
        if v & m != 0 {
            t.append_info(format_args!(" {c}"));
        }
    }
}

/// A reserved field that the RFC says MUST be zero, under `mask` of the `len`-octet value at `at`.
fn must_be_zero(t: &mut Tree<'_>, at: usize, len: usize, v: u64, mask: u64, what: &str) {
    if v & mask != 0 {
        t.expert(&mh_expert::RESERVED_NONZERO, at, len, Some(format_args!("{what} is 0x{:x}", v & mask)));
    }
}

fn name_of(def: &FieldDef, v: u8) -> &'static str {
    def.value_name(u64::from(v)).unwrap_or("unknown")
}

fn fbu(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Fbu::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} lifetime={}", v.seq, u32::from(v.lifetime) * 4));
    info_flags(t, u64::from(v.flags), &[(0x80, 'A'), (0x40, 'H'), (0x20, 'L'), (0x10, 'K')]);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags), 0x0f, "FBU reserved bits");
    must_be_zero(t, c.body + 3, 1, u64::from(v.reserved), 0xff, "FBU reserved octet");
    Ok(c.body + Fbu::LEN)
}

fn fback(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Fback::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(
        " seq={} lifetime={} status={} ({})",
        v.seq,
        u32::from(v.lifetime) * 4,
        v.status,
        name_of(&FBACK_STATUS, v.status)
    ));
    info_flags(t, u64::from(v.flags), &[(0x80, 'K')]);
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags), 0x7f, "FBack reserved bits");
    Ok(c.body + Fback::LEN)
}

fn fna(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Fna::dissect(t, c.body, c.end)?;
    must_be_zero(t, c.body, 2, u64::from(v.reserved), 0xffff, "FNA reserved field");
    Ok(c.body + Fna::LEN)
}

/// Stretches the message subtree (added by `mh::dissect` with the fixed length) over a
/// variable part that ends at `end`.
fn extend_msg_node(t: &mut Tree<'_>, c: &MsgCtx, end: usize) {
    if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &super::MSG)) {
        t.set_len(i, end.saturating_sub(c.body));
    }
}

/// RFC 5096: the message data runs to the end of the header and carries no options.
fn emh(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let end = c.mh_end.min(t.data.len());
    if end > c.body {
        t.add(&EMH_DATA, c.body, end - c.body, Value::Bytes);
        extend_msg_node(t, c, end);
    }
    t.append_info(format_args!(" ({} bytes)", c.mh_end.saturating_sub(c.body)));
    if c.mh_end > end {
        return Err(end);
    }
    Ok(c.mh_end)
}

/// RFC 5142 §4: the count, then that many home agent addresses, then options.
fn has(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = HasFixed::dissect(t, c.body, c.end)?;
    must_be_zero(t, c.body + 1, 1, u64::from(v.reserved), 0xff, "HA Switch reserved octet");
    let n = usize::from(v.num_addrs);
    let start = c.body + HasFixed::LEN;
    let room = c.mh_end.saturating_sub(start) / 16;
    t.append_info(format_args!(" addresses={n}"));
    if n > room {
        t.expert(
            &HAS_COUNT_INVALID,
            c.body,
            1,
            Some(format_args!(
                "{n} addresses need {} bytes, the header has {} after the count",
                n * 16,
                c.mh_end.saturating_sub(start)
            )),
        );
    }
    let mut at = start;
    for _ in 0..n.min(room) {
        match Ip6::parse(t.bytes(at, c.end)) {
            Ok((_, a)) => {
                t.add(&HAS_ADDRESS, at, Ip6::LEN, a.value());
            }
            Err(_) => return Err(at),
        }
        at += Ip6::LEN;
        extend_msg_node(t, c, at);
    }
    // With an impossible count the rest of the header is not options: stop here.
    Ok(if n > room { c.mh_end } else { at })
}

fn hb(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hb::dissect(t, c.body, c.end)?;
    let kind = if v.flags & 0x01 != 0 { "response" } else { "request" };
    t.append_info(format_args!(" {kind} seq={}", v.seq));
    info_flags(t, u64::from(v.flags), &[(0x02, 'U')]);
    must_be_zero(t, c.body, 1, u64::from(v.reserved), 0xff, "Heartbeat reserved octet");
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags), 0xfc, "Heartbeat reserved bits");
    Ok(c.body + Hb::LEN)
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

const PVG: [(u64, char); 3] = [(0x8000, 'P'), (0x4000, 'V'), (0x2000, 'G')];

/// RFC 5846: one MH type, two layouts told apart by the B.R. Type octet.
fn br(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let flags = match t.data.get(c.body).copied() {
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
        v.status,
        name_of(&LRA_STATUS, v.status),
        v.lifetime
    ));
    info_flags(t, u64::from(v.flags), &[(0x80, 'U')]);
    must_be_zero(t, c.body + 2, 1, u64::from(v.flags), 0x7f, "LRA reserved bits");
    Ok(c.body + Lra::LEN)
}

fn upn(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Upn::dissect(t, c.body, c.end)?;
    let reason = UN_REASON.value_name(u64::from(v.reason)).unwrap_or("unknown");
    t.append_info(format_args!(" seq={} reason={} ({reason})", v.seq, v.reason));
    info_flags(t, u64::from(v.flags), &[(0x8000, 'A'), (0x4000, 'D')]);
    must_be_zero(t, c.body + 4, 2, u64::from(v.flags), 0x3fff, "Update Notification reserved bits");
    Ok(c.body + Upn::LEN)
}

fn upa(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Upa::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={} status={} ({})", v.seq, v.status, name_of(&UNA_STATUS, v.status)));
    let reserved = (u64::from(v.reserved) << 16) | u64::from(v.reserved2);
    must_be_zero(t, c.body + 3, 3, reserved, 0xff_ffff, "Update Notification Acknowledgement reserved field");
    Ok(c.body + Upa::LEN)
}

/// RFC 7109 §6.1: one MH type, two layouts told apart by the 16-bit FB Type.
fn fb(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let fb_type = t.data.get(c.body..c.body + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    match fb_type {
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

fn sq(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Sq::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={}", v.seq));
    must_be_zero(t, c.body + 1, 1, u64::from(v.reserved), 0xff, "Subscription Query reserved octet");
    Ok(c.body + Sq::LEN)
}

fn sr(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Sr::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={}", v.seq));
    info_flags(t, u64::from(v.flags), &[(0x80, 'I')]);
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags), 0x7f, "Subscription Response reserved bits");
    Ok(c.body + Sr::LEN)
}

const fn def(name: &'static str, min_len: usize, body: fn(&mut Tree<'_>, &MsgCtx) -> Result<usize, usize>) -> MsgDef {
    MsgDef { name, min_len, body, after_options: None }
}

/// MH types 8–23 in order.
static MSGS: [MsgDef; 16] = [
    def("Fast Binding Update", Fbu::LEN, fbu),
    def("Fast Binding Acknowledgment", Fback::LEN, fback),
    def("Fast Neighbor Advertisement", Fna::LEN, fna),
    def("Experimental Mobility Header", 0, emh),
    def("Home Agent Switch", HasFixed::LEN, has),
    def("Heartbeat", Hb::LEN, hb),
    def("Handover Initiate", Hi::LEN, hi),
    def("Handover Acknowledge", Hack::LEN, hack),
    def("Binding Revocation", Bri::LEN, br),
    def("Localized Routing Initiation", Lri::LEN, lri),
    def("Localized Routing Acknowledgment", Lra::LEN, lra),
    def("Update Notification", Upn::LEN, upn),
    def("Update Notification Acknowledgement", Upa::LEN, upa),
    def("Flow Binding", Fbi::LEN, fb),
    def("Subscription Query", Sq::LEN, sq),
    def("Subscription Response", Sr::LEN, sr),
];

/// The decoder for MH types 8–23, if known.
pub fn lookup_msg(mh_type: u8) -> Option<&'static MsgDef> {
    MSGS.get(usize::from(mh_type.checked_sub(8)?))
}

pub static FIELDS: &[&FieldDef] = &[
    &FBU_SEQNR,
    &FBU_A,
    &FBU_H,
    &FBU_L,
    &FBU_K,
    &FBU_RESERVED,
    &FBU_RESERVED2,
    &FBU_LIFETIME,
    &FBACK_STATUS,
    &FBACK_K,
    &FBACK_RESERVED,
    &FBACK_SEQNR,
    &FBACK_LIFETIME,
    &FNA_RESERVED,
    &HAS_NUM_ADDRS,
    &HAS_RESERVED,
    &HAS_ADDRESS,
    &HB_RESERVED,
    &HB_FLAGS_RESERVED,
    &HB_U,
    &HB_R,
    &HB_SEQNR,
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
    &LRI_SEQ,
    &LRI_RESERVED,
    &LRI_LIFETIME,
    &LRA_SEQ,
    &LRA_U,
    &LRA_RESERVED,
    &LRA_STATUS,
    &LRA_LIFETIME,
    &UN_SEQNR,
    &UN_REASON,
    &UN_A,
    &UN_D,
    &UN_RESERVED,
    &UNA_SEQNR,
    &UNA_STATUS,
    &UNA_RESERVED,
    &UNA_RESERVED2,
    &FB_TYPE,
    &FB_SEQNR,
    &FB_TRIGGER,
    &FB_STATUS,
    &FB_VALUE,
    &FB_A,
    &FB_FLAGS_RESERVED,
    &FB_ACK_RESERVED,
    &SQ_SEQNR,
    &SQ_RESERVED,
    &SR_SEQNR,
    &SR_I,
    &SR_RESERVED,
];
pub static EXPERTS: &[&ExpertDef] = &[&HAS_COUNT_INVALID, &BR_TYPE_UNKNOWN, &FB_TYPE_UNKNOWN];
