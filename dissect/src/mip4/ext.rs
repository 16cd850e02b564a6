//! Mobile IPv4 extensions (RFC 5944 §1.8–§1.11 and the IANA "Extensions to Mobile IP
//! Registration Messages" registry).
//!
//! Three encodings, chosen by type:
//! ```text
//! One-byte padding (type 0):  | Type |
//! Short form:                 | Type | Length | data (Length octets) ...
//! Long form (36, 38, 40–43, 47, 48; RFC 6521's 50):
//!                             | Type | Sub-Type/Reserved | Length (16) | data (Length octets) ...
//! ```
//! An unrecognised extension of type 0–127 is non-skippable: RFC 5944 §1.8 says the whole
//! message must be rejected, so the walk stops there with an error item. One of type 128–255
//! is skipped (a note, its octets shown raw) and the walk goes on.
//!
//! [`Extensions`] is that walk, over borrowed octets; [`Extension`] the owned (or borrowed) form
//! of one extension: `Auto<ExtType>`, its [`ExtHeader`] (form, Sub-Type, `Auto` Length) and an
//! [`ExtBody`], typed where its row has a typed body and the data fit it, else the octets.

use super::haaro;
use super::EmitError;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::model::{Auto, Cut, EmitCx};
use crate::prefs::Prefs;
use crate::tree::Tree;
use crate::wire::{Ip4, Reader};

crate::code_points! {
    /// IANA "Extensions to Mobile IP Registration Messages". Types 0-127 are non-skippable,
    /// 128-255 skippable (RFC 5944 §1.8). The HAaRO extensions are numbered by preferences
    /// (`haaro.ext_*`): the draft layouts' numbers are `Unknown` here.
    pub enum ExtType: u8 {
        Padding = 0 => "One-byte Padding",
        MobileHomeAuthentication = 32 => "Mobile-Home Authentication",
        MobileForeignAuthentication = 33 => "Mobile-Foreign Authentication",
        ForeignHomeAuthentication = 34 => "Foreign-Home Authentication",
        GeneralizedMobileIpAuthentication = 36 => "Generalized Mobile IP Authentication",
        CriticalVendorOrganizationSpecificExtension = 38 => "Critical Vendor/Organization Specific Extension (CVSE)",
        MnFaKeygenRequest = 40 => "MN-FA-KeyGen Request",
        MnFaKeygenReply = 41 => "MN-FA-KeyGen Reply",
        MnHaKeygenRequest = 42 => "MN-HA-KeyGen Request",
        MnHaKeygenReply = 43 => "MN-HA-KeyGen Reply",
        UdpTunnelReplyExtension = 44 => "UDP Tunnel Reply Extension",
        FaErrorExtension = 45 => "FA Error Extension",
        GfaIpAddressExtension = 46 => "GFA IP Address Extension",
        Pmipv4NonSkippableExtension = 47 => "PMIPv4 Non-skippable Extension",
        GreKeyExtension = 48 => "GRE Key Extension",
        RouteOptimizationExtensions = 49 => "Route Optimization Extensions",
        RouteOptimizationData = 50 => "Route Optimization Data",
        NonSkippableExtensionForExperimentalUse = 127 => "Non-skippable Extension for Experimental use",
        Deprecated128 = 128 => "Deprecated (2001-08-31)",
        SkipFirewallTraversalExtension = 129 => "SKIP Firewall Traversal Extension",
        EncapsulatingDeliveryStyleExtension = 130 => "Encapsulating Delivery Style Extension",
        MobileNodeNai = 131 => "Mobile Node NAI",
        MnFaChallengeExtension = 132 => "MN-FA Challenge Extension",
        NormalVendorOrganizationSpecificExtension = 134 => "Normal Vendor/Organization Specific Extension (NVSE)",
        NaiCarryingExtension = 136 => "NAI Carrying Extension",
        RevocationSupport = 137 => "Revocation Support",
        GeneralizedLinkLayerAddressRegistrationExtension = 138 => "Generalized Link Layer Address Registration Extension",
        DynamicHaExtension = 139 => "Dynamic HA Extension",
        HierarchicalForeignAgentExtension = 140 => "Hierarchical Foreign Agent Extension",
        ReplayProtectionStyle = 141 => "Replay Protection Style",
        RegionalRegistrationLifetimeExtension = 142 => "Regional Registration Lifetime Extension",
        UdpTunnelRequestExtension = 144 => "UDP Tunnel Request Extension",
        MessageStringExtension = 145 => "Message String Extension",
        Pmipv4SkippableExtension = 147 => "PMIPv4 Skippable Extension",
        MobileNetworkExtension = 148 => "Mobile Network Extension",
        TrustedNetworksConfiguredExtension = 149 => "Trusted Networks Configured (TNC) Extension",
        Reserved150 = 150 => "Reserved",
        ServiceSelectionExtension = 151 => "Service Selection Extension",
        DualStackExtension = 152 => "Dual Stack (DSMIPv4) Extension",
        MobileRouterRouteOptimizationIndication = 153 => "Mobile Router Route Optimization Indication",
        MultipathExtension = 154 => "Multipath-Extension",
        SkippableExtensionForExperimentalUse = 255 => "Skippable Extension for Experimental use",
    }
}

crate::code_points! {
    /// Wireshark's numbers for the CVSE and NVSE, which it decodes besides IANA's 38 and 134
    /// (IANA assigns 37 and 133 nothing): only [`wireshark_raw`] reads them, to know that
    /// tshark does not show such data raw.
    pub enum WiresharkOldVendorType: u8 {
        Cvse = 37 => "Critical Vendor/Organization Specific Extension",
        Nvse = 133 => "Normal Vendor/Organization Specific Extension",
    }
}

/// Whether an unknown extension of type `ty` may be skipped (RFC 5944 §1.8: types 128-255;
/// one of 0-127 makes the whole message rejected).
pub const fn skippable(ty: u8) -> bool {
    ty >= 128
}

/// IANA names of the registration extensions (the table is [`ExtType::VALS`]).
pub static EXT_TYPE_VALS: &[(u64, &str)] = ExtType::VALS;

crate::code_points! {
    /// Generalized Mobile IP Authentication Extension sub-types (type 36; RFC 4721 §5, IANA
    /// "Generalized Mobile IP Authentication Extension Subtypes": 1 RFC 3012, 2 RFC 4721, 3
    /// RFC 4857, 4 RFC 5568).
    pub enum GenAuthSubType: u8 {
        MnAaa = 1 => "MN-AAA Authentication subtype",
        FaFa = 2 => "FA-FA authentication",
        MnGfa = 3 => "MN-GFA authentication",
        MnPar = 4 => "MN-PAR Auth Extension",
    }
}
crate::code_points! {
    /// The KeyGen extensions' Subtype (types 40-43; RFC 3957 §6, IANA "MN-FA/MN-HA Key
    /// Generation Nonce Request/Reply Subtypes").
    pub enum KeyGenSubType: u8 { FromAaa = 1 => "KeyGen Request/Reply from AAA" }
}
crate::code_points! {
    /// UDP Tunnel Reply Extension sub-type (type 44; RFC 3519 §3.2).
    pub enum UtrpSubType: u8 { Regular = 0 => "Regular UDP Tunnel Reply Extension" }
}
crate::code_points! {
    /// UDP Tunnel Reply codes (RFC 3519 §3.2).
    pub enum UtrpCode: u8 {
        WillDoTunneling = 0 => "will do tunneling",
        Declined = 64 => "tunneling declined, reason unspecified",
    }
}
static UTRP_CODE_VALS: &[(u64, &str)] = UtrpCode::VALS;
crate::code_points! {
    /// UDP Tunnel Request Extension sub-type (type 144; RFC 3519 §3.1).
    pub enum UtrqSubType: u8 { Regular = 0 => "Regular UDP Tunnel Request Extension" }
}
crate::code_points! {
    /// FA Error Extension sub-type (type 45; RFC 4636 §3).
    pub enum FaErrSubType: u8 { ToMn = 0 => "FA Error Indication to MN" }
}
crate::code_points! {
    /// GRE Key Extension sub-type (type 48; RFC 6245 §5).
    pub enum GreKeySubType: u8 { GreKey = 0 => "GRE Key Extension" }
}
crate::code_points! {
    /// NAI Carrying Extension sub-types (type 136; RFC 3846 §3, IANA "NAI Carrying Extension
    /// Sub-Types").
    pub enum NaiCarryingSubType: u8 {
        HaIdentity = 1 => "HA Identity",
        AaahIdentity = 2 => "AAAH identity",
        FaNai = 3 => "Foreign Agent NAI (FA-NAI)",
    }
}
crate::code_points! {
    /// Dynamic HA Extension sub-types (type 139; RFC 4433 §3.2).
    pub enum DynHaSubType: u8 {
        Requested = 1 => "Requested HA Extension",
        Redirected = 2 => "Redirected HA Extension",
    }
}
crate::code_points! {
    /// Message String Extension sub-types (type 145; RFC 4917 §3): who sent the text.
    pub enum MsgStrSubType: u8 {
        HomeAgent = 1 => "Home Agent",
        ForeignAgent = 2 => "Foreign Agent",
    }
}
crate::code_points! {
    /// PMIPv4 Non-skippable Extension sub-types (type 47; RFC 5563 §5.1).
    pub enum PmipNonSkipSubType: u8 { PerNodeAuthMethod = 1 => "PMIPv4 Per-Node Authentication Method" }
}
crate::code_points! {
    /// Per-Node Authentication Methods (RFC 5563 §5.1).
    pub enum PerNodeAuthMethod: u8 {
        FaHa = 1 => "FA-HA Authentication",
        Ipsec = 2 => "IPSec Authentication",
    }
}
crate::code_points! {
    /// PMIPv4 Skippable Extension sub-types (type 147; RFC 5563 §5.2-§5.5).
    pub enum PmipSkipSubType: u8 {
        InterfaceId = 1 => "PMIPv4 Interface ID",
        DeviceId = 2 => "PMIPv4 Device ID",
        SubscriberId = 3 => "PMIPv4 Subscriber ID",
        AccessTechnology = 4 => "Access Technology Type",
    }
}
crate::code_points! {
    /// Device ID types (RFC 5563 §5.3).
    pub enum PmipDeviceIdType: u8 {
        EthernetMac = 1 => "Ethernet MAC address",
        Meid = 2 => "Mobile Equipment Identifier (MEID)",
        Imei = 3 => "International Mobile Equipment Identity (IMEI)",
        Esn = 4 => "Electronic Serial Number (ESN)",
    }
}
crate::code_points! {
    /// Subscriber ID types (RFC 5563 §5.4).
    pub enum PmipSubscriberIdType: u8 { Imsi = 1 => "International Mobile Subscriber Identity (IMSI)" }
}
crate::code_points! {
    /// Access Technology Types (RFC 5563 §5.5).
    pub enum AccessTechType: u8 {
        Ieee8023 = 1 => "802.3",
        Ieee80211 = 2 => "802.11a/b/g",
        Ieee80216e = 3 => "802.16e",
        Ieee80216m = 4 => "802.16m",
        Eutran = 5 => "3GPP EUTRAN/LTE",
        Utran = 6 => "3GPP UTRAN/GERAN",
        Cdma1x = 7 => "3GPP2 1xRTT/HRPD",
        Umb = 8 => "3GPP2 UMB",
    }
}
crate::code_points! {
    /// Mobile Network Extension sub-types (type 148; RFC 5177 §4, IANA).
    pub enum MneSubType: u8 {
        Request = 0 => "Mobile Network Request Extension",
        ExplicitAck = 1 => "Explicit Mode Acknowledgement Extension",
        ImplicitAck = 2 => "Implicit Mode Acknowledgement Extension",
    }
}
crate::code_points! {
    /// IANA "Mobile Network Acknowledgement Extension" codes (RFC 5177, RFC 6626).
    pub enum MneCode: u8 {
        Success = 0 => "Success",
        InvalidPrefixLen = 1 => "Invalid prefix length (MOBNET_INVALID_PREFIX_LEN)",
        Unauthorized = 2 => "Mobile Router is not authorized for prefix (MOBNET_UNAUTHORIZED)",
        FwdingSetupFailed = 3 => "Forwarding setup failed (MOBNET_FWDING_SETUP_FAILED)",
        Unassigned = 4 => "Home Agent cannot assign a mobile network prefix (MOBNET_UNASSIGNED)",
    }
}
/// The Mobile Network Acknowledgement codes' names (the table is [`MneCode::VALS`]).
pub static MNE_CODE_VALS: &[(u64, &str)] = MneCode::VALS;

// ---- common
crate::mh::fields! {
    /// The subtree holding a message's extensions (tshark's "Extensions", a text item there).
    pub static EXTS: FieldDef =
        FieldDef::new("mip.exts", "Extensions", Kind::None).blurb("The extensions after a message's fixed part");
    pub static EXT: FieldDef = FieldDef::new("mip.ext", "Extension", Kind::None).blurb("One registration extension");
    pub static EXT_TYPE: FieldDef = FieldDef::new("mip.ext.type", "Extension Type", Kind::Uint(1)).vals(EXT_TYPE_VALS).tshark_names(&[
            (32, "Mobile-Home Authentication Extension"),
            (33, "Mobile-Foreign Authentication Extension"),
            (34, "Foreign-Home Authentication Extension"),
            (36, "Generalized Mobile-IP Authentication Extension"),
            (47, "Proxy Mobile IPv4 Non-skippable Extension"),
            (128, "Deprecated (2001 Aug 31)"),
            (131, "Mobile Node NAI Extension"),
            (137, "Revocation Support Extension"),
            (147, "Proxy Mobile IPv4 Skippable Extension"),
        ]);
    /// Second row of `mip.ext.type`, for the HAaRO extensions a preference numbers: the node
    /// carries the decoder's name (the draft's, where the draft layout is decoded).
    pub static EXT_TYPE_NAMED: FieldDef = FieldDef::new("mip.ext.type", "Extension Type", Kind::Uint(1)).node_named();
    pub static EXT_LEN: FieldDef = FieldDef::new("mip.ext.len", "Extension Length", Kind::Uint(2));
    pub static EXTENSION: FieldDef = FieldDef::new("mip.extension", "Extension", Kind::Bytes);
    pub static AUTH_SPI: FieldDef = FieldDef::new("mip.auth.spi", "SPI", Kind::Uint(4)).hex();
    pub static AUTH_AUTH: FieldDef = FieldDef::new("mip.auth.auth", "Authenticator", Kind::Bytes);
    pub static GEN_AUTH_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.auth.subtype", "Gen Auth Ext SubType", Kind::Uint(1)).vals(GenAuthSubType::VALS).tshark_names(&[
            (1, "MN-AAA Authentication"),
        ]);
    pub static CVSE_RESERVED: FieldDef = FieldDef::new("mip.ext.cvse.reserved", "CVSE Reserved", Kind::Uint(1)).hex();
    pub static CVSE_VENDOR_ID: FieldDef = FieldDef::new("mip.ext.cvse.vendor_id", "CVSE Vendor/org ID", Kind::Uint(4));
    pub static CVSE_VENDOR_TYPE: FieldDef = FieldDef::new("mip.ext.cvse.vendor_type", "Vendor CVSE Type", Kind::Uint(2)).hex();
    pub static CVSE_VENDOR_VALUE: FieldDef = FieldDef::new("mip.ext.cvse.vendor_value", "Vendor CVSE Value", Kind::Bytes);
    pub static NVSE_RESERVED: FieldDef = FieldDef::new("mip.ext.nvse.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static NVSE_VENDOR_ID: FieldDef = FieldDef::new("mip.ext.nvse.vendor_id", "Vendor ID", Kind::Uint(4));
    pub static NVSE_VENDOR_TYPE: FieldDef = FieldDef::new("mip.ext.nvse.vendor_type", "Vendor Type", Kind::Uint(2));
    pub static NVSE_VENDOR_VALUE: FieldDef = FieldDef::new("mip.ext.nvse.vendor_value", "Vendor Value", Kind::Bytes);
    pub static KEYGEN_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.keygen.subtype", "KeyGen Subtype", Kind::Uint(1)).vals(KeyGenSubType::VALS);
    pub static KEYGEN_MN_SPI: FieldDef = FieldDef::new("mip.ext.keygen.mn_spi", "Mobile Node SPI", Kind::Uint(4)).hex();
    pub static KEYGEN_LIFETIME: FieldDef = FieldDef::new("mip.ext.keygen.lifetime", "Key Lifetime", Kind::Uint(4)).unit(" s");
    pub static KEYGEN_DATA: FieldDef = FieldDef::new("mip.ext.keygen.data", "Subtype Data", Kind::Bytes);
    pub static UTRP_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.utrp.subtype", "UDP TunRep Ext SubType", Kind::Uint(1)).vals(UtrpSubType::VALS);
    pub static UTRP_CODE: FieldDef = FieldDef::new("mip.ext.utrp.code", "UDP TunRep Code", Kind::Uint(1)).vals(UTRP_CODE_VALS);
    pub static UTRP_FLAGS: FieldDef = FieldDef::new("mip.ext.utrp.flags", "UDP TunRep Ext Flags", Kind::Uint(2)).hex().flag_names();
    pub static UTRP_F: FieldDef =
        FieldDef::new("mip.ext.utrp.f", "Rep Forced", Kind::Bool(2)).mask(UtrpFlags::F as u64);
    pub static UTRP_RESERVED: FieldDef =
        FieldDef::new("mip.ext.utrp.reserved", "Reserved", Kind::Uint(2)).hex().mask(UtrpFlags::RESERVED as u64);
    pub static UTRP_KEEPALIVE: FieldDef = FieldDef::new("mip.ext.utrp.keepalive", "Keepalive Interval", Kind::Uint(2)).blurb("Seconds (RFC 3519 §3.2)");
    pub static FAERR_SUBTYPE: FieldDef = FieldDef::new("mip.ext.faerr.subtype", "Sub-Type", Kind::Uint(1)).vals(FaErrSubType::VALS);
    pub static FAERR_STATUS: FieldDef = FieldDef::new("mip.ext.faerr.status", "Status", Kind::Uint(1))
        .vals(super::msg::CODE_VALS)
        .blurb("A Registration Reply code of the foreign agent range 64-127 (RFC 4636 §3, §4)");
    pub static GFA_RESERVED: FieldDef = FieldDef::new("mip.ext.gfa.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static GFA_ADDR: FieldDef = FieldDef::new("mip.ext.gfa.addr", "GFA IP Address", Kind::Ipv4);
    pub static PMIP_NONSKIP_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.pmipv4nonskipext.subtype", "Sub-type", Kind::Uint(1)).vals(PmipNonSkipSubType::VALS).tshark_names(&[
            (0, "Unknown"),
            (1, "Per-Node Authentication Method"),
        ]);
    pub static PMIP_AUTH_METHOD: FieldDef =
        FieldDef::new("mip.ext.pmipv4nonskipext.pernodeauthmethod", "Per-Node Authentication Method", Kind::Uint(1))
            .vals(PerNodeAuthMethod::VALS).tshark_names(&[
            (0, "Reserved"),
        ]);
    pub static PMIP_SKIP_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.pmipv4skipext.subtype", "Sub-type", Kind::Uint(1)).vals(PmipSkipSubType::VALS).tshark_names(&[
            (0, "Unknown"),
            (1, "Interface ID"),
            (2, "Device ID"),
            (3, "Subscriber ID"),
        ]);
    pub static PMIP_INTERFACE_ID: FieldDef = FieldDef::new("mip.ext.pmipv4skipext.interfaceid", "Interface ID", Kind::Bytes);
    pub static PMIP_DEVICE_ID_TYPE: FieldDef =
        FieldDef::new("mip.ext.pmipv4skipext.deviceid_type", "ID-Type", Kind::Uint(1)).vals(PmipDeviceIdType::VALS).tshark_names(&[
            (0, "Reserved"),
        ]);
    pub static PMIP_DEVICE_ID: FieldDef = FieldDef::new("mip.ext.pmipv4skipext.deviceid_id", "Identifier", Kind::Bytes);
    pub static PMIP_SUBSCRIBER_ID_TYPE: FieldDef =
        FieldDef::new("mip.ext.pmipv4skipext.subscriberid_type", "ID-Type", Kind::Uint(1)).vals(PmipSubscriberIdType::VALS).tshark_names(&[
            (0, "Reserved"),
        ]);
    pub static PMIP_SUBSCRIBER_ID: FieldDef = FieldDef::new("mip.ext.pmipv4skipext.subscriberid_id", "Identifier", Kind::Bytes);
    pub static PMIP_ACCESS_TECH: FieldDef =
        FieldDef::new("mip.ext.pmipv4skipext.accesstechnology_type", "Access Technology Type", Kind::Uint(1)).vals(AccessTechType::VALS).tshark_names(&[
            (0, "Reserved"),
        ]);
    pub static GREKEY_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.grekey.subtype", "Sub-Type", Kind::Uint(1)).vals(GreKeySubType::VALS);
    pub static GREKEY_KEY: FieldDef = FieldDef::new("mip.ext.grekey.key", "GRE Key Identifier", Kind::Uint(4)).hex();
    pub static NAI: FieldDef = FieldDef::new("mip.nai", "NAI", Kind::String);
    pub static CHALLENGE: FieldDef = FieldDef::new("mip.ext.challenge", "Challenge", Kind::Bytes);
    pub static NAIC_SUBTYPE: FieldDef = FieldDef::new("mip.ext.naic.subtype", "Sub-Type", Kind::Uint(1)).vals(NaiCarryingSubType::VALS);
    pub static NAIC_NAI: FieldDef = FieldDef::new("mip.ext.naic.nai", "NAI", Kind::String);
    pub static REV_FLAGS: FieldDef = FieldDef::new("mip.ext.rev.flags", "Rev Ext Flags", Kind::Uint(2)).hex().flag_names();
    pub static REV_I: FieldDef = FieldDef::new("mip.ext.rev.i", "'I' bit Support", Kind::Bool(2))
        .mask(RevSupportFlags::I as u64);
    pub static REV_RESERVED: FieldDef =
        FieldDef::new("mip.ext.rev.reserved", "Reserved", Kind::Uint(2)).hex().mask(RevSupportFlags::RESERVED as u64);
    pub static REV_TSTAMP: FieldDef = FieldDef::new("mip.ext.rev.tstamp", "Timestamp", Kind::Uint(4));
    pub static DYNHA_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.dynha.subtype", "DynHA Ext SubType", Kind::Uint(1)).vals(DynHaSubType::VALS);
    pub static DYNHA_HA: FieldDef = FieldDef::new("mip.ext.dynha.ha", "DynHA Home Agent", Kind::Ipv4);
    pub static UTRQ_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.utrq.subtype", "UDP TunReq Ext SubType", Kind::Uint(1)).vals(UtrqSubType::VALS);
    pub static UTRQ_RESERVED1: FieldDef = FieldDef::new("mip.ext.utrq.reserved1", "Reserved 1", Kind::Uint(1)).hex();
    pub static UTRQ_FLAGS: FieldDef = FieldDef::new("mip.ext.utrq.flags", "UDP TunReq Ext Flags", Kind::Uint(1)).hex().flag_names();
    pub static UTRQ_F: FieldDef =
        FieldDef::new("mip.ext.utrq.f", "Req Forced", Kind::Bool(1)).mask(UtrqFlags::F as u64);
    pub static UTRQ_R: FieldDef =
        FieldDef::new("mip.ext.utrq.r", "FA Registration Required", Kind::Bool(1)).mask(UtrqFlags::R as u64);
    pub static UTRQ_RESERVED2: FieldDef =
        FieldDef::new("mip.ext.utrq.reserved2", "Reserved 2", Kind::Uint(1)).hex().mask(UtrqFlags::RESERVED as u64);
    pub static UTRQ_ENCAPTYPE: FieldDef =
        FieldDef::new("mip.ext.utrq.encaptype", "UDP Encap Type", Kind::Uint(1)).vals(super::msg::TunnelEncap::VALS).tshark_names(super::msg::ENCAP_TSHARK_NAMES);
    pub static UTRQ_RESERVED3: FieldDef = FieldDef::new("mip.ext.utrq.reserved3", "Reserved 3", Kind::Uint(2)).hex();
    pub static MSGSTR_SUBTYPE: FieldDef =
        FieldDef::new("mip.ext.msgstr.subtype", "MsgStr Ext SubType", Kind::Uint(1)).vals(MsgStrSubType::VALS).tshark_names(&[
            (1, "HA Extension"),
            (2, "FA Extension"),
        ]);
    pub static MSGSTR_TEXT: FieldDef = FieldDef::new("mip.ext.msgstr.text", "MsgStr Text", Kind::String);
    pub static MNE_SUBTYPE: FieldDef = FieldDef::new("mip.ext.mne.subtype", "Sub-Type", Kind::Uint(1)).vals(MneSubType::VALS).tshark_names(&[
            (0, "Mobile Network Request"),
            (1, "Explicit Mode Acknowledgement"),
            (2, "Implicit Mode Acknowledgement"),
        ]);
    pub static MNE_CODE: FieldDef = FieldDef::new("mip.ext.mne.code", "Code", Kind::Uint(1)).vals(MNE_CODE_VALS).tshark_names(&[
            (1, "Invalid prefix (MOBNET_INVALID_PREFIX_LEN)"),
        ]);
    pub static MNE_PREFIX_LENGTH: FieldDef = FieldDef::new("mip.ext.mne.prefix_length", "Prefix Length", Kind::Uint(1));
    pub static MNE_RESERVED: FieldDef = FieldDef::new("mip.ext.mne.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static MNE_PREFIX: FieldDef = FieldDef::new("mip.ext.mne.prefix", "Prefix", Kind::Ipv4);
    pub static SERVICE_SELECTION: FieldDef = FieldDef::new("mip.ext.ss.identifier", "Service Selection", Kind::String);
}

// ---- 32/33/34/36 authentication (RFC 5944 §3.5, RFC 4721 §5)

// ---- 38 CVSE (RFC 3115 §2.1) and 134 NVSE (§2.2)

// ---- 40–43 KeyGen (RFC 3957 §6.1–§6.4)

// ---- 44 UDP Tunnel Reply (RFC 3519 §3.2)
crate::flags! {
    /// UDP Tunnel Reply flags word (RFC 3519 §3.2); the other 15 bits are reserved.
    pub struct UtrpFlags: u16 { F = 0x8000 => 'F' "Forced: the home agent also forces UDP tunnelling" }
}
layout! {
    /// UDP Tunnel Reply Extension data (RFC 3519 §3.2), Length 6.
    pub struct UdpTunnelReply {
        pub subtype: UtrpSubType => [&UTRP_SUBTYPE],
        pub code: UtrpCode => [&UTRP_CODE],
        pub flags: UtrpFlags => [&UTRP_FLAGS, &UTRP_F, &UTRP_RESERVED],
        pub keepalive: u16 => [&UTRP_KEEPALIVE],
    }
}

// ---- 45 FA Error (RFC 4636)

layout! {
    /// FA Error Extension data (RFC 4636 §3), Length 2.
    pub struct FaError {
        pub subtype: FaErrSubType => [&FAERR_SUBTYPE],
        pub status: super::msg::ReplyCode => [&FAERR_STATUS],
    }
}

// ---- 46 GFA IP Address (RFC 4857)
layout! {
    /// GFA IP Address Extension data (RFC 4857 §9.1), Length 6.
    pub struct GfaAddress {
        pub reserved: u16 => [&GFA_RESERVED],
        pub addr: Ip4 => [&GFA_ADDR],
    }
}

// ---- 47 / 147 PMIPv4 (RFC 5563 §5)

// ---- 48 GRE Key (RFC 6245 §5): long form, Sub-Type in the header, Length 4
layout! {
    /// GRE Key Extension data (RFC 6245 §5; the Sub-Type is in the long header), Length 4.
    pub struct GreKey {
        pub key: u32 => [&GREKEY_KEY],
    }
}

// ---- 131 NAI (RFC 2794), 132 MN-FA Challenge (RFC 4721 §4), 136 NAI Carrying (RFC 3846)

// ---- 137 Revocation Support (RFC 3543 §3.2)
crate::flags! {
    /// Revocation Support flags word (RFC 3543 §3.2); the other 15 bits are reserved.
    pub struct RevSupportFlags: u16 { I = 0x8000 => 'I' "The agent supports the Inform bit" }
}
layout! {
    /// Revocation Support Extension data (RFC 3543 §3.2), Length 6.
    pub struct RevocationSupport {
        pub flags: RevSupportFlags => [&REV_FLAGS, &REV_I, &REV_RESERVED],
        pub timestamp: u32 => [&REV_TSTAMP],
    }
}

// ---- 139 Dynamic HA (RFC 4433 §3.2)
layout! {
    /// Dynamic HA Extension data (RFC 4433 §3.2), Length 5.
    pub struct DynamicHa {
        pub subtype: DynHaSubType => [&DYNHA_SUBTYPE],
        pub ha: Ip4 => [&DYNHA_HA],
    }
}

// ---- 144 UDP Tunnel Request (RFC 3519 §3.1)
crate::flags! {
    /// UDP Tunnel Request flags octet (RFC 3519 §3.1); the low 6 bits are reserved.
    pub struct UtrqFlags: u8 {
        F = 0x80 => 'F' "Forced: the mobile node asks for UDP tunnelling whether or not a NAT is found",
        R = 0x40 => 'R' "Registration through the foreign agent required",
    }
}
layout! {
    /// UDP Tunnel Request Extension data (RFC 3519 §3.1), Length 6.
    pub struct UdpTunnelRequest {
        pub subtype: UtrqSubType => [&UTRQ_SUBTYPE],
        pub reserved1: u8 => [&UTRQ_RESERVED1],
        pub flags: UtrqFlags => [&UTRQ_FLAGS, &UTRQ_F, &UTRQ_R, &UTRQ_RESERVED2],
        pub encap: super::msg::TunnelEncap => [&UTRQ_ENCAPTYPE],
        pub reserved3: u16 => [&UTRQ_RESERVED3],
    }
}

// ---- 145 Message String (RFC 4917 §3)

// ---- 148 Mobile Network Extension (RFC 5177 §4)
layout! {
    /// Mobile Network Request Extension data after the Sub-Type (RFC 5177 §4.1).
    pub struct MobNetRequest {
        pub prefix_len: u8 => [&MNE_PREFIX_LENGTH],
        pub prefix: Ip4 => [&MNE_PREFIX],
    }
}
layout! {
    /// Explicit / Implicit Mode Acknowledgement data after the Sub-Type (RFC 5177 §4.2).
    pub struct MobNetAck {
        pub code: MneCode => [&MNE_CODE],
        pub prefix_len: u8 => [&MNE_PREFIX_LENGTH],
        pub reserved: u8 => [&MNE_RESERVED],
        pub prefix: Ip4 => [&MNE_PREFIX],
    }
}

// ---- 151 Service Selection (RFC 5446 §3)

// ---- expert items
pub static EXT_PAST_END: ExpertDef =
    ExpertDef::new("mip.ext.len.past_end", Group::Malformed, Severity::Error, "Extension runs past the end of the message");
pub static EXT_LEN_INVALID: ExpertDef =
    ExpertDef::new("mip.ext.len.invalid", Group::Malformed, Severity::Warn, "Invalid length for extension");
pub static EXT_NONSKIPPABLE: ExpertDef = ExpertDef::new(
    "mip.ext.nonskippable_unknown",
    Group::Protocol,
    Severity::Error,
    "Unrecognised non-skippable extension (type 0-127): the message must be rejected (RFC 5944 §1.8)",
);
pub static EXT_SKIPPABLE: ExpertDef = ExpertDef::new(
    "mip.ext.skippable_unknown",
    Group::Undecoded,
    Severity::Note,
    "Unrecognised skippable extension (type 128-255), skipped (RFC 5944 §1.8)",
);
pub static EXT_SUBTYPE_UNKNOWN: ExpertDef =
    ExpertDef::new("mip.ext.subtype_unknown", Group::Undecoded, Severity::Note, "Unknown extension sub-type");

/// One extension as the walker found it: frame offsets of its first octet, of its data and of
/// its end (never past the message).
#[derive(Debug, Clone, Copy)]
pub struct Ext {
    pub ty: u8,
    /// The Type octet.
    pub start: usize,
    /// First octet after the Length field.
    pub data: usize,
    pub end: usize,
}

impl Ext {
    pub fn len(&self) -> usize {
        self.end - self.data
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.data
    }
}

/// An extension's typed body read from its data, given the octet after Type in the long form
/// (its Sub-Type; 0 in the short form). `None`: the data do not fit the typed form, and the
/// extension is kept as [`ExtBody::Data`].
pub type OwnedBody = fn(u8, &[u8]) -> Option<ExtBody<&[u8]>>;

/// One extension row: its name, its header form, the decoder that annotates the tree, and the
/// typed owned body (if it has one) that [`Extension`] parses to. The lookup that picks a row
/// ([`lookup`]) serves the dissector and the owned form alike.
pub struct ExtDef {
    /// The type number (for a HAaRO row, the `rfc` profile's default; the lookup matches the
    /// preference).
    pub code: u8,
    pub name: &'static str,
    /// Long form: Type, Sub-Type (or Reserved), 16-bit Length.
    pub long: bool,
    /// The decoder that annotates the data; `None`: shown as raw octets only.
    pub body: Option<fn(&mut Tree<'_>, &Ext)>,
    pub owned: Option<OwnedBody>,
    /// Who numbers the type (and so whether IANA's name at a number is this row's).
    pub numbering: Numbering,
    /// Whether tshark 4.0 decodes the data at this row's number (else it shows them only as
    /// raw `mip.extension` octets, which mipscope then also files there, hidden).
    pub tshark: bool,
}

/// Who numbers an extension row's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// IANA's registry: `code` is the number and IANA's name is the row's.
    Iana,
    /// A seed 003 layout at a `haaro.*` preference's number (IANA's name there is another's,
    /// or none).
    Draft,
    /// RFC 6521's layout at IANA's `code`, which a `haaro.*` preference may move.
    Rfc6521,
}

impl std::fmt::Debug for ExtDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExtDef({})", self.name)
    }
}

super::wire_flags!(UtrpFlags: u16, RevSupportFlags: u16, UtrqFlags: u8);
crate::wire::wire_code_point!(UtrpCode, u8);
crate::wire::wire_code_point!(UtrpSubType, u8);
crate::wire::wire_code_point!(UtrqSubType, u8);
crate::wire::wire_code_point!(FaErrSubType, u8);
crate::wire::wire_code_point!(DynHaSubType, u8);
crate::wire::wire_code_point!(super::msg::TunnelEncap, u8);
crate::wire::wire_code_point!(MneCode, u8);

impl ExtDef {
    /// The same row with a typed owned body.
    pub const fn owned(self, f: OwnedBody) -> Self {
        ExtDef { owned: Some(f), ..self }
    }
    /// The same row for a type whose data tshark 4.0 decodes.
    pub const fn tshark(self) -> Self {
        ExtDef { tshark: true, ..self }
    }
}

/// A short-form row for an IANA type: its number and name are the code point's.
const fn d(ty: ExtType, body: fn(&mut Tree<'_>, &Ext)) -> ExtDef {
    ExtDef { body: Some(body), ..r(ty) }
}
/// A short-form row for an IANA type whose data are shown raw.
const fn r(ty: ExtType) -> ExtDef {
    ExtDef {
        code: ty.value(),
        name: iana_name(ty),
        long: false,
        body: None,
        owned: None,
        numbering: Numbering::Iana,
        tshark: false,
    }
}
/// IANA's name of an extension type (its code point's).
pub(super) const fn iana_name(ty: ExtType) -> &'static str {
    match ty.name() {
        Some(n) => n,
        None => "Unknown extension",
    }
}
/// A long-form row (Type, Sub-Type, 16-bit Length) for an IANA type.
const fn dl(ty: ExtType, body: fn(&mut Tree<'_>, &Ext)) -> ExtDef {
    ExtDef { long: true, ..d(ty, body) }
}

/// An exact-size `layout!` body (`None` when the data are longer or shorter).
fn exact<'a, T>(data: &'a [u8], p: fn(&'a [u8]) -> crate::wire::PResult<'a, T>) -> Option<T> {
    p(data).ok().filter(|(r, _)| r.is_empty()).map(|(_, v)| v)
}

/// The row of extension type `ty` (whose first data octet is `subtype`) under `prefs`, if
/// mipscope knows it. Seed 003 / RFC 6521 numbers come first, since they are preferences.
pub fn lookup(prefs: &Prefs, ty: u8, subtype: Option<u8>) -> Option<&'static ExtDef> {
    if let Some(def) = haaro::lookup_ext(prefs, ty, subtype) {
        return Some(def);
    }
    by_code(ty)
}

/// Every IANA-numbered row, one line each (code point, form, decoder, owned body, and whether
/// tshark 4.0 decodes its data); the lookup is built from their codes.
static ROWS: &[ExtDef] = &[
    d(ExtType::MobileHomeAuthentication, auth).owned(|_, b| Auth::parse(b).map(ExtBody::MnHaAuth)).tshark(),
    d(ExtType::MobileForeignAuthentication, auth).owned(|_, b| Auth::parse(b).map(ExtBody::MnFaAuth)).tshark(),
    d(ExtType::ForeignHomeAuthentication, auth).owned(|_, b| Auth::parse(b).map(ExtBody::FaHaAuth)).tshark(),
    dl(ExtType::GeneralizedMobileIpAuthentication, gen_auth).owned(|_, b| Auth::parse(b).map(ExtBody::GenAuth)).tshark(),
    dl(ExtType::CriticalVendorOrganizationSpecificExtension, cvse).owned(|_, b| Vendor::parse(b).map(ExtBody::Cvse)).tshark(),
    dl(ExtType::MnFaKeygenRequest, keygen_req).owned(|_, b| KeyGen::parse(b).map(ExtBody::MnFaKeyGenRequest)),
    dl(ExtType::MnFaKeygenReply, keygen_rep).owned(|_, b| KeyGen::parse(b).map(ExtBody::MnFaKeyGenReply)),
    dl(ExtType::MnHaKeygenRequest, keygen_req).owned(|_, b| KeyGen::parse(b).map(ExtBody::MnHaKeyGenRequest)),
    dl(ExtType::MnHaKeygenReply, keygen_rep).owned(|_, b| KeyGen::parse(b).map(ExtBody::MnHaKeyGenReply)),
    d(ExtType::UdpTunnelReplyExtension, utrp).owned(|_, b| exact(b, UdpTunnelReply::parse).map(ExtBody::UdpTunnelReply)).tshark(),
    d(ExtType::FaErrorExtension, fa_error).owned(|_, b| exact(b, FaError::parse).map(ExtBody::FaError)),
    d(ExtType::GfaIpAddressExtension, gfa).owned(|_, b| exact(b, GfaAddress::parse).map(ExtBody::Gfa)),
    dl(ExtType::Pmipv4NonSkippableExtension, pmip_nonskip)
        .owned(|sub, b| {
            let (&method, rest) = b.split_first().filter(|_| sub == PmipNonSkipSubType::PerNodeAuthMethod.value())?;
            Some(ExtBody::PmipAuthMethod { method: method.into(), rest })
        })
        .tshark(),
    dl(ExtType::GreKeyExtension, gre_key).owned(|_, b| exact(b, GreKey::parse).map(ExtBody::GreKey)),
    r(ExtType::NonSkippableExtensionForExperimentalUse),
    r(ExtType::Deprecated128),
    r(ExtType::SkipFirewallTraversalExtension),
    r(ExtType::EncapsulatingDeliveryStyleExtension),
    d(ExtType::MobileNodeNai, nai).owned(|_, b| Some(ExtBody::Nai(b))).tshark(),
    d(ExtType::MnFaChallengeExtension, challenge).owned(|_, b| Some(ExtBody::Challenge(b))),
    d(ExtType::NormalVendorOrganizationSpecificExtension, nvse).owned(|_, b| Nvse::parse(b).map(ExtBody::Nvse)).tshark(),
    d(ExtType::NaiCarryingExtension, nai_carrying).owned(|_, b| SubData::parse(b).map(ExtBody::NaiCarrying)),
    d(ExtType::RevocationSupport, rev_support)
        .owned(|_, b| exact(b, RevocationSupport::parse).map(ExtBody::RevocationSupport))
        .tshark(),
    r(ExtType::GeneralizedLinkLayerAddressRegistrationExtension),
    d(ExtType::DynamicHaExtension, dyn_ha).owned(|_, b| exact(b, DynamicHa::parse).map(ExtBody::DynamicHa)).tshark(),
    r(ExtType::HierarchicalForeignAgentExtension),
    r(ExtType::ReplayProtectionStyle),
    r(ExtType::RegionalRegistrationLifetimeExtension),
    d(ExtType::UdpTunnelRequestExtension, utrq)
        .owned(|_, b| exact(b, UdpTunnelRequest::parse).map(ExtBody::UdpTunnelRequest))
        .tshark(),
    d(ExtType::MessageStringExtension, msg_string).owned(|_, b| SubData::parse(b).map(ExtBody::MessageString)).tshark(),
    d(ExtType::Pmipv4SkippableExtension, pmip_skip).owned(|_, b| SubData::parse(b).map(ExtBody::PmipSkippable)).tshark(),
    d(ExtType::MobileNetworkExtension, mob_net).owned(|_, b| MobNet::parse(b).map(ExtBody::MobileNetwork)).tshark(),
    r(ExtType::TrustedNetworksConfiguredExtension),
    r(ExtType::Reserved150),
    d(ExtType::ServiceSelectionExtension, service_selection).owned(|_, b| Some(ExtBody::ServiceSelection(b))),
    r(ExtType::DualStackExtension),
    r(ExtType::MultipathExtension),
    r(ExtType::SkippableExtensionForExperimentalUse),
];

/// The IANA-numbered row of type `ty`, if there is one.
pub fn by_code(ty: u8) -> Option<&'static ExtDef> {
    static INDEX: std::sync::OnceLock<[Option<&'static ExtDef>; 256]> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = [None; 256];
        for r in ROWS {
            index[usize::from(r.code)] = Some(r);
        }
        index
    })[usize::from(ty)]
}

/// Types whose data Wireshark 4.0 shows only as raw `mip.extension` octets (it decodes by
/// number: the IANA row's `tshark`, whatever row a preference puts there). mipscope decodes
/// several of them, and also files their data under `mip.extension` (hidden) so that
/// `-T fields` agrees with tshark. Wireshark also decodes 37 and 133, its old CVSE and NVSE
/// numbers, which IANA and mipscope have no row for.
fn wireshark_raw(ty: u8) -> bool {
    !(by_code(ty).is_some_and(|d| d.tshark)
        || ty == ExtType::Padding.value()
        || WiresharkOldVendorType::from(ty).name().is_some())
}

/// An extension's header form (RFC 5944 §1.8-§1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Type 0: the Type octet alone.
    Padding,
    /// Type, Length (8), data.
    Short,
    /// Type, Sub-Type (or Reserved), Length (16), data.
    Long,
}

impl Form {
    /// Octets of the header.
    pub const fn header_len(self) -> usize {
        match self {
            Form::Padding => 1,
            Form::Short => 2,
            Form::Long => 4,
        }
    }
}

/// The header form of extension type `ty` under `prefs`: its row's (Wireshark's and the RFCs':
/// long for 36, 38, 40-43, 47, 48 and RFC 6521's 50); any other type the short form.
pub fn form(prefs: &Prefs, ty: u8) -> Form {
    if ty == ExtType::Padding.value() {
        return Form::Padding;
    }
    let long = haaro::lookup_ext(prefs, ty, None).or_else(|| by_code(ty)).is_some_and(|d| d.long);
    if long {
        Form::Long
    } else {
        Form::Short
    }
}

/// One extension as framed in a message's extension area, borrowing its octets: what the
/// dissector's walk annotates and what [`RawExt::extension`] makes the owned form of.
/// Offsets count from the start of the area.
#[derive(Debug, Clone, Copy)]
pub struct RawExt<'a> {
    /// Offset of the Type octet.
    pub at: usize,
    pub ty: u8,
    pub form: Form,
    /// The octet after Type in the long form (the Sub-Type or Reserved); 0 otherwise.
    pub sub: u8,
    /// The Length field; `None` when the header is cut short.
    pub length: Option<usize>,
    /// The data present (Length octets, fewer when cut short).
    pub data: &'a [u8],
    /// Offset after the extension (never past the area).
    pub end: usize,
    /// The row decoding it (with the header cut short: the HAaRO row by type alone, if any).
    pub def: Option<&'static ExtDef>,
    /// Where the extension runs past the area: its header, or the data its Length claims.
    pub cut: Option<Cut>,
}

impl<'a> RawExt<'a> {
    /// The owned form of a whole extension (`None` when it is cut short).
    pub fn extension(&self) -> Option<Extension<&'a [u8]>> {
        if self.cut.is_some() {
            return None;
        }
        let length = self.length?;
        let (header, body) = match self.form {
            Form::Padding => (ExtHeader::Padding, ExtBody::Padding),
            Form::Short => (ExtHeader::Short { length: Auto::Given(length as u8) }, self.body()),
            Form::Long => (ExtHeader::Long { sub: self.sub, length: Auto::Given(length as u16) }, self.body()),
        };
        Some(Extension { ty: Auto::Given(ExtType::from(self.ty)), header, body })
    }

    fn body(&self) -> ExtBody<&'a [u8]> {
        self.def.and_then(|d| d.owned).and_then(|f| f(self.sub, self.data)).unwrap_or(ExtBody::Data(self.data))
    }
}

/// The extensions of a message's extension area, in order, without allocating: the one walk
/// the dissector and [`Mip4Msg::parse`](super::msg::Mip4Msg::parse) share. It stops after an
/// extension cut short (yielded with its [`RawExt::cut`]) and after an unknown non-skippable
/// extension (RFC 5944 §1.8: the message is rejected there).
#[derive(Debug, Clone)]
pub struct Extensions<'a, 'p> {
    area: &'a [u8],
    at: usize,
    prefs: &'p Prefs,
    done: bool,
}

impl<'a, 'p> Extensions<'a, 'p> {
    pub fn new(area: &'a [u8], prefs: &'p Prefs) -> Self {
        Extensions { area, at: 0, prefs, done: false }
    }
}

impl<'a> Iterator for Extensions<'a, '_> {
    type Item = RawExt<'a>;

    fn next(&mut self) -> Option<RawExt<'a>> {
        let (i, at) = (self.area, self.at);
        let &ty = i.get(at).filter(|_| !self.done)?;
        let form = form(self.prefs, ty);
        let hdr = form.header_len();
        let mut x = RawExt { at, ty, form, sub: 0, length: None, data: &[], end: i.len(), def: None, cut: None };
        if form == Form::Padding {
            x.length = Some(0);
            x.end = at + 1;
            self.at = x.end;
            return Some(x);
        }
        // The header: Type, Length (short form) or Type, Sub-Type, Length (long form).
        let rd = Reader::new(i);
        let header = match form {
            Form::Long => rd.u8(at + 1).zip(rd.u16(at + 2).map(usize::from)),
            _ => rd.u8(at + 1).map(|l| (0, usize::from(l))),
        };
        let Some((sub, len)) = header else {
            x.def = haaro::lookup_ext(self.prefs, ty, None);
            x.cut = Some(Cut::new(at, "extension header"));
            self.done = true;
            return Some(x);
        };
        x.sub = sub;
        x.length = Some(len);
        let data = at + hdr;
        x.end = (data + len).min(i.len());
        x.data = rd.slice(data, x.end).unwrap_or_default();
        let subtype = if form == Form::Long { Some(sub) } else { x.data.first().copied() };
        x.def = lookup(self.prefs, ty, subtype);
        if data + len > i.len() {
            x.cut = Some(Cut::new(at, "extension data"));
            self.done = true;
        } else if x.def.is_none() && !skippable(ty) {
            self.done = true;
        }
        self.at = x.end;
        Some(x)
    }
}

/// Walks the extensions in `off..end` (the rest of the message). Returns the number of
/// extensions seen.
pub fn walk(t: &mut Tree<'_>, off: usize, end: usize) -> usize {
    let end = end.min(t.data.len().max(off));
    let mut n = 0;
    for x in Extensions::new(t.bytes(off, end), t.prefs) {
        n += 1;
        let (ty, at) = (x.ty, off + x.at);
        if x.form == Form::Padding {
            // RFC 5944 §1.8: the one-byte padding has neither Length nor data.
            let name = iana_name(ExtType::Padding);
            let r = t.arena(format_args!("Extension: {name}"));
            let i = t.add(&EXT, at, 1, Value::Text(r.0, r.1));
            t.open(i);
            t.add_uint(&EXT_TYPE, at, 1, u64::from(ty));
            t.close();
            if !t.in_error {
                t.d.facts.exts.push((ty, name));
            }
            continue;
        }
        let long = x.form == Form::Long;
        let hdr = x.form.header_len();
        let Some(len) = x.length else {
            let name = x.def.map_or_else(|| EXT_TYPE.value_name(u64::from(ty)).unwrap_or("Unknown"), |d| d.name);
            let r = t.arena(format_args!("Extension: {name}"));
            let i = t.add(&EXT, at, end - at, Value::Text(r.0, r.1));
            t.open(i);
            let ti = t.add_uint(&EXT_TYPE, at, 1, u64::from(ty));
            if let Some(n) = x.def.and_then(|d| haaro::ext_type_name(ty, d)) {
                t.name_value(ti, &EXT_TYPE_NAMED, n);
            }
            t.expert(
                &EXT_PAST_END,
                at,
                end - at,
                Some(format_args!("only {} of the {hdr} header octets of extension {ty} are present", end - at)),
            );
            t.close();
            break;
        };
        let data = at + hdr;
        let ext_end = off + x.end;
        let def = x.def;
        let name = def.map_or_else(|| EXT_TYPE.value_name(u64::from(ty)).unwrap_or("Unknown extension"), |d| d.name);
        if !t.in_error {
            t.d.facts.exts.push((ty, name));
        }
        let r = t.arena(format_args!("Extension: {name}"));
        let i = t.add(&EXT, at, ext_end - at, Value::Text(r.0, r.1));
        t.open(i);
        let ti = t.add_uint(&EXT_TYPE, at, 1, u64::from(ty));
        if let Some(n) = def.and_then(|d| haaro::ext_type_name(ty, d)) {
            t.name_value(ti, &EXT_TYPE_NAMED, n);
        }
        if long {
            // The octet after Type is each long extension's own Sub-Type (or Reserved); the
            // body decoder annotates it.
            t.add_uint(&EXT_LEN, at + 2, 2, len as u64);
        } else {
            t.add_uint(&EXT_LEN, at + 1, 1, len as u64);
        }
        if x.cut.is_some() {
            t.expert(
                &EXT_PAST_END,
                at,
                end - at,
                Some(format_args!("extension {ty} says {len} octets of data, the message has {} left", end - data)),
            );
            if end > data {
                t.add(&EXTENSION, data, end - data, Value::Bytes);
            }
            t.close();
            break;
        }
        let e = Ext { ty, start: at, data, end: ext_end };
        match def {
            Some(def) => {
                match def.body {
                    Some(body) => {
                        if wireshark_raw(ty) && !e.is_empty() {
                            let h = t.add(&EXTENSION, data, e.len(), Value::Bytes);
                            t.hide(h);
                        }
                        body(t, &e);
                    }
                    None => raw(t, &e),
                }
                t.close();
            }
            None if !skippable(ty) => {
                raw(t, &e);
                t.expert(&EXT_NONSKIPPABLE, at, ext_end - at, Some(format_args!("type {ty}")));
                t.close();
                break;
            }
            None => {
                raw(t, &e);
                t.expert(&EXT_SKIPPABLE, at, ext_end - at, Some(format_args!("type {ty}")));
                t.close();
            }
        }
    }
    n
}

// ---------------------------------------------------------------------------------------------
// The owned extension.

/// An extension's header: its form and what it says of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtHeader {
    /// Type 0, the one-octet padding: no Length.
    Padding,
    /// Length (8 bits): computed from the body unless given (an error past 255 octets).
    Short { length: Auto<u8> },
    /// Sub-Type (or Reserved) and Length (16 bits), computed unless given.
    Long { sub: u8, length: Auto<u16> },
}

/// The SPI and authenticator of the authentication extensions (RFC 5944 §3.5: 32 MN-HA, 33
/// MN-FA, 34 FA-HA; RFC 4721 §5: 36 generalized, its Sub-Type in the long header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Auth<B> {
    pub spi: u32,
    pub authenticator: B,
}

impl<'a> Auth<&'a [u8]> {
    /// The SPI and the authenticator after it (`None` under 4 octets).
    pub fn parse(b: &'a [u8]) -> Option<Self> {
        let (spi, authenticator) = b.split_first_chunk::<4>()?;
        Some(Auth { spi: u32::from_be_bytes(*spi), authenticator })
    }
}

/// A vendor extension's data after its Reserved field (RFC 3115 §2.1 CVSE, §2.2 NVSE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vendor<B> {
    pub vendor_id: u32,
    pub vendor_type: u16,
    pub value: B,
}

impl<'a> Vendor<&'a [u8]> {
    /// Vendor/Org-ID, Type, Value (`None` under 6 octets).
    pub fn parse(b: &'a [u8]) -> Option<Self> {
        let (id, r) = b.split_first_chunk::<4>()?;
        let (ty, value) = r.split_first_chunk::<2>()?;
        Some(Vendor { vendor_id: u32::from_be_bytes(*id), vendor_type: u16::from_be_bytes(*ty), value })
    }
}

impl<B> Vendor<B> {
    fn map<C>(self, f: impl FnOnce(B) -> C) -> Vendor<C> {
        Vendor { vendor_id: self.vendor_id, vendor_type: self.vendor_type, value: f(self.value) }
    }
}

impl<B: AsRef<[u8]>> Vendor<B> {
    fn emit(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.vendor_id.to_be_bytes());
        out.extend_from_slice(&self.vendor_type.to_be_bytes());
        out.extend_from_slice(self.value.as_ref());
    }
}

/// NVSE data (RFC 3115 §2.2): a 16-bit Reserved, then the vendor fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nvse<B> {
    pub reserved: u16,
    pub vendor: Vendor<B>,
}

impl<'a> Nvse<&'a [u8]> {
    /// `None` under 8 octets.
    pub fn parse(b: &'a [u8]) -> Option<Self> {
        let (r, v) = b.split_first_chunk::<2>()?;
        Some(Nvse { reserved: u16::from_be_bytes(*r), vendor: Vendor::parse(v)? })
    }
}

/// The KeyGen extensions' data (RFC 3957 §6; the Subtype is in the long header): the Mobile
/// Node SPI (requests) or the Key Lifetime (replies), then the subtype data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyGen<B> {
    pub value: u32,
    pub data: B,
}

impl<'a> KeyGen<&'a [u8]> {
    /// `None` under 4 octets.
    pub fn parse(b: &'a [u8]) -> Option<Self> {
        let (v, data) = b.split_first_chunk::<4>()?;
        Some(KeyGen { value: u32::from_be_bytes(*v), data })
    }
}

/// The Mobile Network Extension's data (RFC 5177 §4): the Sub-Type selects the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MobNet {
    /// Sub-Type 0, Mobile Network Request (§4.1).
    Request(MobNetRequest),
    /// Sub-Type 1, Explicit Mode Acknowledgement (§4.2).
    ExplicitAck(MobNetAck),
    /// Sub-Type 2, Implicit Mode Acknowledgement (§4.2).
    ImplicitAck(MobNetAck),
}

impl MobNet {
    /// `None` for another Sub-Type or a length the layout does not have.
    pub fn parse(b: &[u8]) -> Option<Self> {
        let (&st, r) = b.split_first()?;
        match MneSubType::from(st) {
            MneSubType::Request => exact(r, MobNetRequest::parse).map(MobNet::Request),
            MneSubType::ExplicitAck => exact(r, MobNetAck::parse).map(MobNet::ExplicitAck),
            MneSubType::ImplicitAck => exact(r, MobNetAck::parse).map(MobNet::ImplicitAck),
            MneSubType::Unknown(_) => None,
        }
    }
    /// The Sub-Type naming this layout.
    pub const fn subtype(&self) -> MneSubType {
        match self {
            MobNet::Request(_) => MneSubType::Request,
            MobNet::ExplicitAck(_) => MneSubType::ExplicitAck,
            MobNet::ImplicitAck(_) => MneSubType::ImplicitAck,
        }
    }
    pub fn emit(&self, out: &mut Vec<u8>) {
        out.push(self.subtype().value());
        match self {
            MobNet::Request(v) => v.emit(out),
            MobNet::ExplicitAck(v) | MobNet::ImplicitAck(v) => v.emit(out),
        }
    }
}

/// A Sub-Type octet, typed `S` by its extension's table, and what follows it (RFC 3846 NAI
/// Carrying: the NAI; RFC 4917 Message String: the text; RFC 5563 PMIPv4 skippable: the
/// sub-type's data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubData<S, B> {
    pub subtype: S,
    pub data: B,
}

impl<'a, S: From<u8>> SubData<S, &'a [u8]> {
    /// `None` when empty.
    pub fn parse(b: &'a [u8]) -> Option<Self> {
        let (&subtype, data) = b.split_first()?;
        Some(SubData { subtype: subtype.into(), data })
    }
}

impl<S: Copy + Into<u8>, B: AsRef<[u8]>> SubData<S, B> {
    fn emit(&self, out: &mut Vec<u8>) {
        out.push(self.subtype.into());
        out.extend_from_slice(self.data.as_ref());
    }
}

/// An extension's data, typed where mipscope has a typed form for its row and the data fit it;
/// otherwise the octets as they were ([`ExtBody::Data`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtBody<B> {
    Padding,
    MnHaAuth(Auth<B>),
    MnFaAuth(Auth<B>),
    FaHaAuth(Auth<B>),
    /// Type 36 (long form): the Sub-Type is the header's `sub`.
    GenAuth(Auth<B>),
    /// Type 131 (RFC 2794).
    Nai(B),
    /// Type 38 (long form: Reserved in the header's `sub`).
    Cvse(Vendor<B>),
    /// Types 40-43 (long form: the Subtype in the header's `sub`).
    MnFaKeyGenRequest(KeyGen<B>),
    MnFaKeyGenReply(KeyGen<B>),
    MnHaKeyGenRequest(KeyGen<B>),
    MnHaKeyGenReply(KeyGen<B>),
    /// Type 45, exactly 2 octets (RFC 4636 §3).
    FaError(FaError),
    /// Type 46, exactly 6 octets (RFC 4857 §9.1).
    Gfa(GfaAddress),
    /// Type 48 (long form: the Sub-Type in the header's `sub`), exactly 4 octets (RFC 6245 §5).
    GreKey(GreKey),
    /// Type 132 (RFC 4721 §4).
    Challenge(B),
    /// Type 134 (RFC 3115 §2.2).
    Nvse(Nvse<B>),
    /// Type 136 (RFC 3846 §3).
    NaiCarrying(SubData<NaiCarryingSubType, B>),
    /// Type 139, exactly 5 octets (RFC 4433 §3.2, short form as Wireshark reads it).
    DynamicHa(DynamicHa),
    /// Type 145 (RFC 4917 §3).
    MessageString(SubData<MsgStrSubType, B>),
    /// Type 151 (RFC 5446 §3).
    ServiceSelection(B),
    /// Type 47 with Sub-Type 1 (long form; RFC 5563 §5.1): the Per-Node Authentication Method,
    /// then any octets past it.
    PmipAuthMethod {
        method: PerNodeAuthMethod,
        rest: B,
    },
    /// Type 147 (RFC 5563 §5).
    PmipSkippable(SubData<PmipSkipSubType, B>),
    /// Type 148 (RFC 5177 §4), in one of its three layouts.
    MobileNetwork(MobNet),
    /// Type 137, exactly 6 octets (RFC 3543 §3.2).
    RevocationSupport(RevocationSupport),
    /// Type 144, exactly 6 octets (RFC 3519 §3.1).
    UdpTunnelRequest(UdpTunnelRequest),
    /// Type 44, exactly 6 octets (RFC 3519 §3.2).
    UdpTunnelReply(UdpTunnelReply),
    /// Seed 003 / RFC 6521 extensions, in the layout of their profile.
    Haaro(haaro::HaaroExt<B>),
    /// Any other type, or a typed one whose data do not fit its form.
    Data(B),
}

impl<B> ExtBody<B> {
    pub fn map<C>(self, f: impl FnOnce(B) -> C) -> ExtBody<C> {
        match self {
            ExtBody::Padding => ExtBody::Padding,
            ExtBody::MnHaAuth(v) => ExtBody::MnHaAuth(Auth { spi: v.spi, authenticator: f(v.authenticator) }),
            ExtBody::MnFaAuth(v) => ExtBody::MnFaAuth(Auth { spi: v.spi, authenticator: f(v.authenticator) }),
            ExtBody::FaHaAuth(v) => ExtBody::FaHaAuth(Auth { spi: v.spi, authenticator: f(v.authenticator) }),
            ExtBody::GenAuth(v) => ExtBody::GenAuth(Auth { spi: v.spi, authenticator: f(v.authenticator) }),
            ExtBody::Nai(v) => ExtBody::Nai(f(v)),
            ExtBody::Cvse(v) => ExtBody::Cvse(v.map(f)),
            ExtBody::MnFaKeyGenRequest(v) => ExtBody::MnFaKeyGenRequest(KeyGen { value: v.value, data: f(v.data) }),
            ExtBody::MnFaKeyGenReply(v) => ExtBody::MnFaKeyGenReply(KeyGen { value: v.value, data: f(v.data) }),
            ExtBody::MnHaKeyGenRequest(v) => ExtBody::MnHaKeyGenRequest(KeyGen { value: v.value, data: f(v.data) }),
            ExtBody::MnHaKeyGenReply(v) => ExtBody::MnHaKeyGenReply(KeyGen { value: v.value, data: f(v.data) }),
            ExtBody::FaError(v) => ExtBody::FaError(v),
            ExtBody::Gfa(v) => ExtBody::Gfa(v),
            ExtBody::GreKey(v) => ExtBody::GreKey(v),
            ExtBody::Challenge(v) => ExtBody::Challenge(f(v)),
            ExtBody::Nvse(v) => ExtBody::Nvse(Nvse { reserved: v.reserved, vendor: v.vendor.map(f) }),
            ExtBody::NaiCarrying(v) => ExtBody::NaiCarrying(SubData { subtype: v.subtype, data: f(v.data) }),
            ExtBody::DynamicHa(v) => ExtBody::DynamicHa(v),
            ExtBody::MessageString(v) => ExtBody::MessageString(SubData { subtype: v.subtype, data: f(v.data) }),
            ExtBody::ServiceSelection(v) => ExtBody::ServiceSelection(f(v)),
            ExtBody::PmipAuthMethod { method, rest } => ExtBody::PmipAuthMethod { method, rest: f(rest) },
            ExtBody::PmipSkippable(v) => ExtBody::PmipSkippable(SubData { subtype: v.subtype, data: f(v.data) }),
            ExtBody::MobileNetwork(v) => ExtBody::MobileNetwork(v),
            ExtBody::RevocationSupport(v) => ExtBody::RevocationSupport(v),
            ExtBody::UdpTunnelRequest(v) => ExtBody::UdpTunnelRequest(v),
            ExtBody::UdpTunnelReply(v) => ExtBody::UdpTunnelReply(v),
            ExtBody::Haaro(v) => ExtBody::Haaro(v.map(f)),
            ExtBody::Data(v) => ExtBody::Data(f(v)),
        }
    }
}

impl<B: AsRef<[u8]>> ExtBody<B> {
    /// The type number a computed Type takes (HAaRO rows: the preferences'); `None` for raw data.
    pub fn type_number(&self, prefs: &Prefs) -> Option<u8> {
        Some(match self {
            ExtBody::Padding => ExtType::Padding.value(),
            ExtBody::MnHaAuth(_) => ExtType::MobileHomeAuthentication.value(),
            ExtBody::MnFaAuth(_) => ExtType::MobileForeignAuthentication.value(),
            ExtBody::FaHaAuth(_) => ExtType::ForeignHomeAuthentication.value(),
            ExtBody::GenAuth(_) => ExtType::GeneralizedMobileIpAuthentication.value(),
            ExtBody::Nai(_) => ExtType::MobileNodeNai.value(),
            ExtBody::Cvse(_) => ExtType::CriticalVendorOrganizationSpecificExtension.value(),
            ExtBody::MnFaKeyGenRequest(_) => ExtType::MnFaKeygenRequest.value(),
            ExtBody::MnFaKeyGenReply(_) => ExtType::MnFaKeygenReply.value(),
            ExtBody::MnHaKeyGenRequest(_) => ExtType::MnHaKeygenRequest.value(),
            ExtBody::MnHaKeyGenReply(_) => ExtType::MnHaKeygenReply.value(),
            ExtBody::FaError(_) => ExtType::FaErrorExtension.value(),
            ExtBody::Gfa(_) => ExtType::GfaIpAddressExtension.value(),
            ExtBody::GreKey(_) => ExtType::GreKeyExtension.value(),
            ExtBody::Challenge(_) => ExtType::MnFaChallengeExtension.value(),
            ExtBody::Nvse(_) => ExtType::NormalVendorOrganizationSpecificExtension.value(),
            ExtBody::NaiCarrying(_) => ExtType::NaiCarryingExtension.value(),
            ExtBody::DynamicHa(_) => ExtType::DynamicHaExtension.value(),
            ExtBody::MessageString(_) => ExtType::MessageStringExtension.value(),
            ExtBody::ServiceSelection(_) => ExtType::ServiceSelectionExtension.value(),
            ExtBody::PmipAuthMethod { .. } => ExtType::Pmipv4NonSkippableExtension.value(),
            ExtBody::PmipSkippable(_) => ExtType::Pmipv4SkippableExtension.value(),
            ExtBody::MobileNetwork(_) => ExtType::MobileNetworkExtension.value(),
            ExtBody::RevocationSupport(_) => ExtType::RevocationSupport.value(),
            ExtBody::UdpTunnelRequest(_) => ExtType::UdpTunnelRequestExtension.value(),
            ExtBody::UdpTunnelReply(_) => ExtType::UdpTunnelReplyExtension.value(),
            ExtBody::Haaro(h) => h.type_number(prefs),
            ExtBody::Data(_) => return None,
        })
    }

    /// The header form this body is sent in (the rows' forms).
    pub fn form(&self) -> Form {
        match self {
            ExtBody::Padding => Form::Padding,
            ExtBody::GenAuth(_)
            | ExtBody::Cvse(_)
            | ExtBody::MnFaKeyGenRequest(_)
            | ExtBody::MnFaKeyGenReply(_)
            | ExtBody::MnHaKeyGenRequest(_)
            | ExtBody::MnHaKeyGenReply(_)
            | ExtBody::GreKey(_)
            | ExtBody::PmipAuthMethod { .. } => Form::Long,
            ExtBody::Haaro(h) if h.is_long() => Form::Long,
            _ => Form::Short,
        }
    }

    /// The octet after Type in the long form of a built extension: 0 for the CVSE's Reserved,
    /// else the sub-type its body is (RFC 4721's MN-AAA authentication, RFC 3957's KeyGen from
    /// AAA, RFC 5563's per-node authentication method, RFC 6245's GRE key, a HAaRO
    /// extension's own).
    pub fn default_sub(&self) -> u8 {
        match self {
            ExtBody::Cvse(_) => 0,
            ExtBody::GreKey(_) => GreKeySubType::GreKey.value(),
            ExtBody::GenAuth(_) => GenAuthSubType::MnAaa.value(),
            ExtBody::MnFaKeyGenRequest(_)
            | ExtBody::MnFaKeyGenReply(_)
            | ExtBody::MnHaKeyGenRequest(_)
            | ExtBody::MnHaKeyGenReply(_) => KeyGenSubType::FromAaa.value(),
            ExtBody::PmipAuthMethod { .. } => PmipNonSkipSubType::PerNodeAuthMethod.value(),
            // RFC 6521's Route Optimization Data, the one long HAaRO layout.
            ExtBody::Haaro(_) => haaro::RodSubType::PrefixAdvertisement.value(),
            // Short or padding forms: no octet after Type to fill.
            _ => 0,
        }
    }

    /// Appends the data (what Length counts).
    pub fn emit(&self, out: &mut Vec<u8>) {
        match self {
            ExtBody::Padding => {}
            ExtBody::MnHaAuth(a) | ExtBody::MnFaAuth(a) | ExtBody::FaHaAuth(a) | ExtBody::GenAuth(a) => {
                out.extend_from_slice(&a.spi.to_be_bytes());
                out.extend_from_slice(a.authenticator.as_ref());
            }
            ExtBody::Nai(b) | ExtBody::Challenge(b) | ExtBody::ServiceSelection(b) | ExtBody::Data(b) => {
                out.extend_from_slice(b.as_ref())
            }
            ExtBody::Cvse(v) => v.emit(out),
            ExtBody::MnFaKeyGenRequest(k)
            | ExtBody::MnFaKeyGenReply(k)
            | ExtBody::MnHaKeyGenRequest(k)
            | ExtBody::MnHaKeyGenReply(k) => {
                out.extend_from_slice(&k.value.to_be_bytes());
                out.extend_from_slice(k.data.as_ref());
            }
            ExtBody::FaError(v) => v.emit(out),
            ExtBody::Gfa(v) => v.emit(out),
            ExtBody::GreKey(v) => v.emit(out),
            ExtBody::Nvse(n) => {
                out.extend_from_slice(&n.reserved.to_be_bytes());
                n.vendor.emit(out);
            }
            ExtBody::MobileNetwork(v) => v.emit(out),
            ExtBody::PmipAuthMethod { method, rest } => {
                out.push(method.value());
                out.extend_from_slice(rest.as_ref());
            }
            ExtBody::NaiCarrying(v) => v.emit(out),
            ExtBody::MessageString(v) => v.emit(out),
            ExtBody::PmipSkippable(v) => v.emit(out),
            ExtBody::DynamicHa(v) => v.emit(out),
            ExtBody::RevocationSupport(v) => v.emit(out),
            ExtBody::UdpTunnelRequest(v) => v.emit(out),
            ExtBody::UdpTunnelReply(v) => v.emit(out),
            ExtBody::Haaro(h) => h.emit(out),
        }
    }
}

/// One registration extension, owned (`Extension<Vec<u8>>`) or borrowed, lossless: a parsed
/// one keeps its Type, Sub-Type and Length as they were (lies included); a built one leaves
/// the Type and Length to be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension<B> {
    /// Computed from the body (HAaRO: the preferences' number) unless given.
    pub ty: Auto<ExtType>,
    pub header: ExtHeader,
    pub body: ExtBody<B>,
}

impl<B: AsRef<[u8]>> Extension<B> {
    /// An extension of `body` with its Type and Length computed, in its row's form (a long one
    /// with [`ExtBody::default_sub`]).
    pub fn new(body: ExtBody<B>) -> Self {
        let header = match body.form() {
            Form::Padding => ExtHeader::Padding,
            Form::Short => ExtHeader::Short { length: Auto::Computed },
            Form::Long => ExtHeader::Long { sub: body.default_sub(), length: Auto::Computed },
        };
        Extension { ty: Auto::Computed, header, body }
    }

    /// Appends the extension, computing what was not given; on an error nothing is appended.
    pub fn emit(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), EmitError> {
        let ty = match self.ty {
            Auto::Given(t) => t.value(),
            Auto::Computed => self.body.type_number(cx.prefs).ok_or(EmitError::NoType("extension"))?,
        };
        let start = out.len();
        out.push(ty);
        let r = match self.header {
            ExtHeader::Padding => {
                self.body.emit(out);
                Ok(())
            }
            ExtHeader::Short { length } => {
                out.push(0);
                let d = out.len();
                self.body.emit(out);
                let n = out.len() - d;
                match length {
                    Auto::Given(l) => Ok(l),
                    Auto::Computed => {
                        u8::try_from(n).map_err(|_| EmitError::TooLong { what: "extension Length (8 bits)", len: n })
                    }
                }
                .map(|l| out[d - 1] = l)
            }
            ExtHeader::Long { sub, length } => {
                out.extend_from_slice(&[sub, 0, 0]);
                let d = out.len();
                self.body.emit(out);
                let n = out.len() - d;
                match length {
                    Auto::Given(l) => Ok(l),
                    Auto::Computed => {
                        u16::try_from(n).map_err(|_| EmitError::TooLong { what: "extension Length (16 bits)", len: n })
                    }
                }
                .map(|l| out[d - 2..d].copy_from_slice(&l.to_be_bytes()))
            }
        };
        if r.is_err() {
            out.truncate(start);
        }
        r
    }
}

impl<B> Extension<B> {
    pub fn map<C>(self, f: impl FnOnce(B) -> C) -> Extension<C> {
        Extension { ty: self.ty, header: self.header, body: self.body.map(f) }
    }
}

impl Extension<&[u8]> {
    pub fn to_owned(&self) -> Extension<Vec<u8>> {
        self.map(|b| b.to_vec())
    }
}

/// Shows an extension's data as raw octets.
pub fn raw(t: &mut Tree<'_>, e: &Ext) {
    if !e.is_empty() {
        t.add(&EXTENSION, e.data, e.len(), Value::Bytes);
    }
}

/// A length rule for an extension's data.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    Exactly(usize),
    AtLeast(usize),
    /// One of these lengths (in increasing order).
    OneOf(&'static [usize]),
}

/// `2 or 6`, `4, 8 or 20`: the lengths a [`Rule::OneOf`] allows, for the expert text.
struct Lengths(&'static [usize]);

impl std::fmt::Display for Lengths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, n) in self.0.iter().enumerate() {
            match i {
                0 => {}
                _ if i + 1 == self.0.len() => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "{n}")?;
        }
        Ok(())
    }
}

/// Checks the data length: `true` when the layout fits. Otherwise raises the expert item.
pub fn check_len(t: &mut Tree<'_>, e: &Ext, rule: Rule) -> bool {
    let ok = match rule {
        Rule::Exactly(n) => e.len() == n,
        Rule::AtLeast(n) => e.len() >= n,
        Rule::OneOf(l) => l.contains(&e.len()),
    };
    if !ok {
        let (len, at, span) = (e.len(), e.start, e.end - e.start);
        match rule {
            Rule::Exactly(n) => t.expert(&EXT_LEN_INVALID, at, span, Some(format_args!("Length {len} should be {n}"))),
            Rule::AtLeast(n) => t.expert(&EXT_LEN_INVALID, at, span, Some(format_args!("Length {len} should be >= {n}"))),
            Rule::OneOf(l) => t.expert(&EXT_LEN_INVALID, at, span, Some(format_args!("Length {len} should be {}", Lengths(l)))),
        }
    }
    ok
}

/// Adds the rest of `from..e.end` under `def`, if anything is left.
fn rest(t: &mut Tree<'_>, def: &'static FieldDef, from: usize, e: &Ext) {
    if e.end > from {
        let v = if def.kind == Kind::String { Value::Str } else { Value::Bytes };
        t.add(def, from, e.end - from, v);
    }
}

// 32/33/34 (RFC 5944 §3.5.2–§3.5.4): SPI, then the authenticator.
fn auth(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(4)) {
        return raw(t, e);
    }
    let Some(a) = Auth::parse(t.bytes(e.data, e.end)) else { return };
    t.add_uint(&AUTH_SPI, e.data, 4, u64::from(a.spi));
    rest(t, &AUTH_AUTH, e.data + 4, e);
    // RFC 5944's three: the generalized extension (36) protects with MN-AAA keys mipscope is
    // not given. Verified by the analysis pass; `msg` is set by the message's dissector.
    let rfc5944 = matches!(
        ExtType::from(e.ty),
        ExtType::MobileHomeAuthentication | ExtType::MobileForeignAuthentication | ExtType::ForeignHomeAuthentication
    );
    if rfc5944 && !t.in_error && e.end > e.data + 4 {
        let value = ((e.data + 4) as u32, (e.end - e.data - 4) as u32);
        let end = t.anchor();
        let (key, addrs) = (crate::analysis::auth::AuthKey::Spi(a.spi), t.pkt.ip);
        t.d.facts.auths.push(crate::analysis::auth::AuthFact { msg: u32::MAX, value, key, addrs, end });
    }
}

// 36 (RFC 4721 §5): Type, Subtype, Length (16), SPI, Authenticator; the Length "MUST be at
// least 20" (a 16-octet authenticator at least), flagged but still decoded when shorter.
fn gen_auth(t: &mut Tree<'_>, e: &Ext) {
    let Some(st) = t.rd().u8(e.start + 1) else { return };
    t.add_uint(&GEN_AUTH_SUBTYPE, e.start + 1, 1, u64::from(st));
    if e.len() >= 4 {
        check_len(t, e, Rule::AtLeast(20));
    }
    auth(t, e);
}

// 38 (RFC 3115 §2.1): Type, Reserved, Length (16), Vendor/Org-ID, CVSE-Type, CVSE-Value.
fn cvse(t: &mut Tree<'_>, e: &Ext) {
    let Some(r) = t.rd().u8(e.start + 1) else { return };
    t.add_uint(&CVSE_RESERVED, e.start + 1, 1, u64::from(r));
    if !check_len(t, e, Rule::AtLeast(6)) {
        return raw(t, e);
    }
    let Some(v) = Vendor::parse(t.bytes(e.data, e.end)) else { return };
    t.add_uint(&CVSE_VENDOR_ID, e.data, 4, u64::from(v.vendor_id));
    t.add_uint(&CVSE_VENDOR_TYPE, e.data + 4, 2, u64::from(v.vendor_type));
    rest(t, &CVSE_VENDOR_VALUE, e.data + 6, e);
}

// 134 (RFC 3115 §2.2): Type, Length, Reserved (16), Vendor/Org-ID, NVSE-Type, NVSE-Value.
fn nvse(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(8)) {
        return raw(t, e);
    }
    let Some(n) = Nvse::parse(t.bytes(e.data, e.end)) else { return };
    t.add_uint(&NVSE_RESERVED, e.data, 2, u64::from(n.reserved));
    t.add_uint(&NVSE_VENDOR_ID, e.data + 2, 4, u64::from(n.vendor.vendor_id));
    t.add_uint(&NVSE_VENDOR_TYPE, e.data + 6, 2, u64::from(n.vendor.vendor_type));
    rest(t, &NVSE_VENDOR_VALUE, e.data + 8, e);
}

// 40/42 (RFC 3957 §6.1, §6.3): Type, Subtype, Length (16), Mobile Node SPI (32), Subtype Data
// (empty for subtype 1, "KeyGen from AAA").
fn keygen_req(t: &mut Tree<'_>, e: &Ext) {
    keygen(t, e, &KEYGEN_MN_SPI);
}

// 41/43 (RFC 3957 §6.2, §6.4): Type, Subtype, Length (16), Key Lifetime (32), Subtype Data.
fn keygen_rep(t: &mut Tree<'_>, e: &Ext) {
    keygen(t, e, &KEYGEN_LIFETIME);
}

/// The KeyGen extensions: Subtype in the long-form header, a 32-bit field, then subtype data.
fn keygen(t: &mut Tree<'_>, e: &Ext, first: &'static FieldDef) {
    let Some(st) = t.rd().u8(e.start + 1) else { return };
    t.add_uint(&KEYGEN_SUBTYPE, e.start + 1, 1, u64::from(st));
    if !check_len(t, e, Rule::AtLeast(4)) {
        return raw(t, e);
    }
    let Some(k) = KeyGen::parse(t.bytes(e.data, e.end)) else { return };
    t.add_uint(first, e.data, 4, u64::from(k.value));
    rest(t, &KEYGEN_DATA, e.data + 4, e);
}

/// A body of exactly `n` octets (see [`fixed_by`]).
fn fixed<F: FnOnce(&mut Tree<'_>) -> Result<(), usize>>(t: &mut Tree<'_>, e: &Ext, n: usize, f: F) {
    fixed_by(t, e, Rule::Exactly(n), n, f);
}

/// A fixed body of `n` octets decoded by `f`: the length checked against `rule` (an extension
/// too short is shown raw), octets past the body shown raw.
fn fixed_by<F: FnOnce(&mut Tree<'_>) -> Result<(), usize>>(t: &mut Tree<'_>, e: &Ext, rule: Rule, n: usize, f: F) {
    if !check_len(t, e, rule) && e.len() < n {
        return raw(t, e);
    }
    if f(t).is_err() {
        t.truncated(e.data, "extension");
    }
    if e.len() > n {
        t.add(&EXTENSION, e.data + n, e.len() - n, Value::Bytes);
    }
}

fn utrp(t: &mut Tree<'_>, e: &Ext) {
    fixed(t, e, UdpTunnelReply::LEN, |t| UdpTunnelReply::dissect(t, e.data, e.end).map(|_| ()));
}

fn utrq(t: &mut Tree<'_>, e: &Ext) {
    fixed(t, e, UdpTunnelRequest::LEN, |t| UdpTunnelRequest::dissect(t, e.data, e.end).map(|_| ()));
}

// RFC 3543 §3.2: "Length (in bytes, currently 6)", and a longer extension is allowed: octets
// past the six are shown raw, without an expert item.
fn rev_support(t: &mut Tree<'_>, e: &Ext) {
    let n = RevocationSupport::LEN;
    fixed_by(t, e, Rule::AtLeast(n), n, |t| RevocationSupport::dissect(t, e.data, e.end).map(|_| ()));
}

// 139 (RFC 4433 §3.4): the figure shows the long form (Type, Subtype, Length (16) = 4), but the
// extension is skippable and RFC 5944 §1.10 says skippable extensions never use the long form;
// Wireshark reads the short form (Type, Length = 5, Sub-Type, address), and so does mipscope.
fn dyn_ha(t: &mut Tree<'_>, e: &Ext) {
    fixed(t, e, DynamicHa::LEN, |t| DynamicHa::dissect(t, e.data, e.end).map(|_| ()));
}

// 45 (RFC 4636 §3): Sub-Type (0), Status; Length 2.
fn fa_error(t: &mut Tree<'_>, e: &Ext) {
    fixed(t, e, FaError::LEN, |t| FaError::dissect(t, e.data, e.end).map(|_| ()));
}

// 46 (RFC 4857 §9.1): Reserved (16), the GFA's IPv4 address; Length 6.
fn gfa(t: &mut Tree<'_>, e: &Ext) {
    fixed(t, e, GfaAddress::LEN, |t| GfaAddress::dissect(t, e.data, e.end).map(|_| ()));
}

// 47 (RFC 5563 §5): long form; sub-type 1 carries the per-node authentication method.
fn pmip_nonskip(t: &mut Tree<'_>, e: &Ext) {
    let Some(st) = t.rd().u8(e.start + 1) else { return };
    t.add_uint(&PMIP_NONSKIP_SUBTYPE, e.start + 1, 1, u64::from(st));
    let per_node = PmipNonSkipSubType::from(st) == PmipNonSkipSubType::PerNodeAuthMethod;
    // RFC 5563 §5.1: Length 1.
    if per_node && (check_len(t, e, Rule::Exactly(1)) || e.len() > 1) {
        if let Some(m) = t.rd().u8(e.data) {
            t.add_uint(&PMIP_AUTH_METHOD, e.data, 1, u64::from(m));
        }
        if e.len() > 1 {
            t.add(&EXTENSION, e.data + 1, e.len() - 1, Value::Bytes);
        }
    } else if !per_node {
        t.expert(&EXT_SUBTYPE_UNKNOWN, e.start + 1, 1, Some(format_args!("PMIPv4 non-skippable sub-type {st}")));
        raw(t, e);
    }
}

// 147 (RFC 5563 §5): Sub-Type, then per sub-type data.
fn pmip_skip(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    let Some(SubData { subtype, .. }) = SubData::<PmipSkipSubType, _>::parse(t.bytes(e.data, e.end)) else { return };
    let st = subtype.value();
    t.add_uint(&PMIP_SKIP_SUBTYPE, e.data, 1, u64::from(st));
    let p = e.data + 1;
    match subtype {
        PmipSkipSubType::InterfaceId => rest(t, &PMIP_INTERFACE_ID, p, e),
        sub @ (PmipSkipSubType::DeviceId | PmipSkipSubType::SubscriberId) => {
            let (ty, id) = if sub == PmipSkipSubType::DeviceId {
                (&PMIP_DEVICE_ID_TYPE, &PMIP_DEVICE_ID)
            } else {
                (&PMIP_SUBSCRIBER_ID_TYPE, &PMIP_SUBSCRIBER_ID)
            };
            let ok = check_len(t, e, Rule::AtLeast(2));
            if let Some(v) = t.rd().u8(p).filter(|_| ok) {
                t.add_uint(ty, p, 1, u64::from(v));
                rest(t, id, p + 1, e);
            }
        }
        PmipSkipSubType::AccessTechnology => {
            // RFC 5563 §5.5: Length 2 (Sub-Type, Access Technology Type).
            let ok = check_len(t, e, Rule::Exactly(2)) || e.len() > 2;
            if let Some(v) = t.rd().u8(p).filter(|_| ok) {
                t.add_uint(&PMIP_ACCESS_TECH, p, 1, u64::from(v));
                rest(t, &EXTENSION, p + 1, e);
            }
        }
        PmipSkipSubType::Unknown(_) => {
            t.expert(&EXT_SUBTYPE_UNKNOWN, e.data, 1, Some(format_args!("PMIPv4 skippable sub-type {st}")));
            rest(t, &EXTENSION, p, e);
        }
    }
}

// 48 (RFC 6245 §5): long form, Type | Sub-Type | Length (16) = 4 | GRE Key Identifier (32).
fn gre_key(t: &mut Tree<'_>, e: &Ext) {
    let Some(st) = t.rd().u8(e.start + 1) else { return };
    t.add_uint(&GREKEY_SUBTYPE, e.start + 1, 1, u64::from(st));
    fixed(t, e, GreKey::LEN, |t| GreKey::dissect(t, e.data, e.end).map(|_| ()));
}

fn nai(t: &mut Tree<'_>, e: &Ext) {
    rest(t, &NAI, e.data, e);
}

fn challenge(t: &mut Tree<'_>, e: &Ext) {
    rest(t, &CHALLENGE, e.data, e);
}

// 136 (RFC 3846 §3): Sub-Type, NAI.
fn nai_carrying(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    let Some(v) = SubData::<NaiCarryingSubType, _>::parse(t.bytes(e.data, e.end)) else { return };
    t.add_uint(&NAIC_SUBTYPE, e.data, 1, u64::from(v.subtype.value()));
    rest(t, &NAIC_NAI, e.data + 1, e);
}

// 145 (RFC 4917 §3): Sub-Type, Text.
fn msg_string(t: &mut Tree<'_>, e: &Ext) {
    // RFC 4917 §3: "The Text field is one or more octets".
    if !check_len(t, e, Rule::AtLeast(2)) {
        return;
    }
    let Some(v) = SubData::<MsgStrSubType, _>::parse(t.bytes(e.data, e.end)) else { return };
    t.add_uint(&MSGSTR_SUBTYPE, e.data, 1, u64::from(v.subtype.value()));
    rest(t, &MSGSTR_TEXT, e.data + 1, e);
}

// 148 (RFC 5177 §4): Sub-Type 0 request (Prefix Length, Prefix); 1 explicit-mode and 2
// implicit-mode acknowledgement (Code, Prefix Length, Reserved, Prefix).
fn mob_net(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    let Some(st) = t.rd().u8(e.data) else { return };
    t.add_uint(&MNE_SUBTYPE, e.data, 1, u64::from(st));
    let p = e.data + 1;
    match MneSubType::from(st) {
        MneSubType::Request => {
            crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::MobileNetworkRequest);
            check_len(t, e, Rule::Exactly(1 + MobNetRequest::LEN));
            if e.len() > MobNetRequest::LEN {
                let _ = MobNetRequest::dissect(t, p, e.end);
                rest(t, &EXTENSION, p + MobNetRequest::LEN, e);
            } else {
                rest(t, &EXTENSION, p, e);
            }
        }
        MneSubType::ExplicitAck | MneSubType::ImplicitAck => {
            check_len(t, e, Rule::Exactly(1 + MobNetAck::LEN));
            if e.len() > MobNetAck::LEN {
                let _ = MobNetAck::dissect(t, p, e.end);
                rest(t, &EXTENSION, p + MobNetAck::LEN, e);
            } else if let Some(code) = t.rd().u8(p).filter(|_| e.len() >= 2) {
                t.add_uint(&MNE_CODE, p, 1, u64::from(code));
                rest(t, &EXTENSION, p + 1, e);
            }
        }
        MneSubType::Unknown(_) => {
            t.expert(&EXT_SUBTYPE_UNKNOWN, e.data, 1, Some(format_args!("Mobile Network Extension sub-type {st}")));
            rest(t, &EXTENSION, p, e);
        }
    }
}

// 151 (RFC 5446 §3): the service identifier ("A value of zero (0) is not allowed" for Length).
fn service_selection(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    rest(t, &SERVICE_SELECTION, e.data, e);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per IANA-numbered type, named as the code point names it, in the form the
    /// walk frames it in.
    #[test]
    fn every_row_is_its_code_point() {
        let mut seen = [false; 256];
        for r in ROWS {
            assert!(!std::mem::replace(&mut seen[usize::from(r.code)], true), "{r:?} twice");
            assert_eq!(Some(r.name), ExtType::from(r.code).name(), "{r:?}");
            assert!(std::ptr::eq(by_code(r.code).unwrap(), r));
            let p = Prefs::default();
            if haaro::lookup_ext(&p, r.code, None).is_none() {
                assert_eq!(form(&p, r.code) == Form::Long, r.long, "{r:?}");
            }
        }
        assert_eq!(by_code(200).map(|r| r.code), None);
    }

    /// Adding an extension type is one `ExtType` variant and one row: every type IANA's table
    /// names has a row under the `rfc` profile (IANA's here, RFC 6521's in `haaro`) at its own
    /// number, and no other type has one. One-byte Padding (0) is the walk's alone: one octet,
    /// nothing to decode.
    #[test]
    fn every_code_point_has_one_row() {
        let p = Prefs::default();
        assert_eq!((form(&p, ExtType::Padding.value()), lookup(&p, 0, None).is_none()), (Form::Padding, true));
        for code in 1u8..=255 {
            let row = lookup(&p, code, Some(1));
            assert_eq!(row.is_some(), ExtType::from(code).name().is_some(), "extension {code}: {row:?}");
            if let Some(r) = row {
                assert_eq!(r.code, code, "{r:?}");
            }
        }
    }
}
