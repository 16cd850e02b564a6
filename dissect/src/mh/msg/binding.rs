//! Binding management (RFC 6275 §6.1.2, §6.1.7–6.1.9): Binding Refresh Request (0), Binding
//! Update (5), Binding Acknowledgement (6) and Binding Error (7), with the flags and status codes
//! later RFCs assigned (NEMO, PMIPv6, DSMIPv6, …) and the BRR flags of seed 000.
//!
//! ```text
//! 0 BRR | Reserved (16; M and H of draft-huang-nemo-mn-ro-00) |
//! 5 BU  | Sequence # (16) |A|H|L|K|M|R|P|F|T|B|S|D| Reserved (4) | Lifetime (16, 4 s) |
//! 6 BA  | Status (8) |K|R|P|T|B|S|D| Rsv (1) | Sequence # (16) | Lifetime (16, 4 s) |
//! 7 BE  | Status (8) | Reserved (8) | Home Address (128) |
//! ```

use super::four_seconds;
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::{expert, seeds, MsgCtx};
use crate::tree::Tree;
use crate::wire::Ip6;

crate::code_points! {
    /// Binding Acknowledgement status (RFC 6275 §6.1.8 and the RFCs after it; IANA "Status
    /// Codes").
    pub enum BaStatus: u8 {
        BindingUpdateAccepted = 0 => "Binding Update accepted",
        AcceptedButPrefixDiscoveryNecessary = 1 => "Accepted but prefix discovery necessary",
        GreKeyOptionNotRequired = 2 => "GRE_KEY_OPTION_NOT_REQUIRED",
        GreTunnelingButTlvHeaderNotSupported = 3 => "GRE_TUNNELING_BUT_TLV_HEADER_NOT_SUPPORTED",
        McoaNotcomplete = 4 => "MCOA NOTCOMPLETE",
        McoaReturnhomeWoNdp = 5 => "MCOA RETURNHOME WO/NDP",
        PbuAcceptedTbIgnoredSettingsmismatch = 6 => "PBU_ACCEPTED_TB_IGNORED_SETTINGSMISMATCH",
        ReasonUnspecified = 128 => "Reason unspecified",
        AdministrativelyProhibited = 129 => "Administratively prohibited",
        InsufficientResources = 130 => "Insufficient resources",
        HomeRegistrationNotSupported = 131 => "Home registration not supported",
        NotHomeSubnet = 132 => "Not home subnet",
        NotHomeAgentForThisMobileNode = 133 => "Not home agent for this mobile node",
        DuplicateAddressDetectionFailed = 134 => "Duplicate Address Detection failed",
        SequenceNumberOutOfWindow = 135 => "Sequence number out of window",
        ExpiredHomeNonceIndex = 136 => "Expired home nonce index",
        ExpiredCareOfNonceIndex = 137 => "Expired care-of nonce index",
        ExpiredNonces = 138 => "Expired nonces",
        RegistrationTypeChangeDisallowed = 139 => "Registration type change disallowed",
        MobileRouterOperationNotPermitted = 140 => "Mobile Router Operation not permitted",
        InvalidPrefix = 141 => "Invalid Prefix",
        NotAuthorizedForPrefix = 142 => "Not Authorized for Prefix",
        ForwardingSetupFailed = 143 => "Forwarding Setup failed",
        Mipv6IdMismatch = 144 => "MIPV6-ID-MISMATCH",
        Mipv6MesgIdReqd = 145 => "MIPV6-MESG-ID-REQD",
        Mipv6AuthFail = 146 => "MIPV6-AUTH-FAIL",
        PermanentHomeKeygenTokenUnavailable = 147 => "Permanent home keygen token unavailable",
        CgaAndSignatureVerificationFailed = 148 => "CGA and signature verification failed",
        PermanentHomeKeygenTokenExists = 149 => "Permanent home keygen token exists",
        NonNullHomeNonceIndexExpected = 150 => "Non-null home nonce index expected",
        ServiceAuthorizationFailed = 151 => "SERVICE_AUTHORIZATION_FAILED",
        ProxyRegNotEnabled = 152 => "PROXY_REG_NOT_ENABLED",
        NotLmaForThisMobileNode = 153 => "NOT_LMA_FOR_THIS_MOBILE_NODE",
        MagNotAuthorizedForProxyReg = 154 => "MAG_NOT_AUTHORIZED_FOR_PROXY_REG",
        NotAuthorizedForHomeNetworkPrefix = 155 => "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX",
        TimestampMismatch = 156 => "TIMESTAMP_MISMATCH",
        TimestampLowerThanPrevAccepted = 157 => "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED",
        MissingHomeNetworkPrefixOption = 158 => "MISSING_HOME_NETWORK_PREFIX_OPTION",
        BcePbuPrefixSetDoNotMatch = 159 => "BCE_PBU_PREFIX_SET_DO_NOT_MATCH",
        MissingMnIdentifierOption = 160 => "MISSING_MN_IDENTIFIER_OPTION",
        MissingHandoffIndicatorOption = 161 => "MISSING_HANDOFF_INDICATOR_OPTION",
        MissingAccessTechTypeOption = 162 => "MISSING_ACCESS_TECH_TYPE_OPTION",
        GreKeyOptionRequired = 163 => "GRE_KEY_OPTION_REQUIRED",
        McoaMalformed = 164 => "MCOA MALFORMED",
        McoaNonMcoaBindingExists = 165 => "MCOA NON-MCOA BINDING EXISTS",
        McoaProhibited = 166 => "MCOA PROHIBITED",
        McoaUnknownCoa = 167 => "MCOA UNKNOWN COA",
        McoaBulkRegistrationProhibited = 168 => "MCOA BULK REGISTRATION PROHIBITED",
        McoaSimultaneousHomeAndForeignProhibited = 169 => "MCOA SIMULTANEOUS HOME AND FOREIGN PROHIBITED",
        NotAuthorizedForIpv4MobilityService = 170 => "NOT_AUTHORIZED_FOR_IPV4_MOBILITY_SERVICE",
        NotAuthorizedForIpv4HomeAddress = 171 => "NOT_AUTHORIZED_FOR_IPV4_HOME_ADDRESS",
        NotAuthorizedForIpv6MobilityService = 172 => "NOT_AUTHORIZED_FOR_IPV6_MOBILITY_SERVICE",
        MultipleIpv4HomeAddressAssignmentNotSupported = 173 => "MULTIPLE_IPV4_HOME_ADDRESS_ASSIGNMENT_NOT_SUPPORTED",
        InvalidCareOfAddress = 174 => "Invalid Care-of Address",
        InvalidMobileNodeGroupIdentifier = 175 => "INVALID_MOBILE_NODE_GROUP_IDENTIFIER",
        ReinitSaWithHac = 176 => "REINIT_SA_WITH_HAC",
        NotAuthorizedForDelegatedMnp = 177 => "NOT_AUTHORIZED_FOR_DELEGATED_MNP",
        RequestedDmnpInUse = 178 => "REQUESTED_DMNP_IN_USE",
        CannotMeetQosServiceRequest = 179 => "CANNOT_MEET_QOS_SERVICE_REQUEST",
        CannotSupportMultipathBinding = 180 => "CANNOT_SUPPORT_MULTIPATH_BINDING",
    }
}

/// The BA status names (the table `mip6.ba.status` and `mip6.bi.status` show).
pub static BA_STATUS_VALS: &[(u64, &str)] = BaStatus::VALS;

crate::code_points! {
    /// Binding Error status (RFC 6275 §6.1.9).
    pub enum BeStatus: u8 {
        UnknownBinding = 1 => "Unknown binding for Home Address destination option",
        UnrecognizedMhType = 2 => "Unrecognized MH Type value",
    }
}
pub static BE_STATUS_VALS: &[(u64, &str)] = BeStatus::VALS;

// Binding Refresh Request (§6.1.2): 16 reserved bits, of which draft-huang-nemo-mn-ro-00
// §4.1.3 (seed 000) uses M and H ([`BrrFlags`]; decoded under every profile: no RFC
// assigned them). Wireshark's raw bytes field is kept, hidden, for filters and -T fields.
crate::flags! {
    /// The BRR's 16 bits: M and H of draft-huang-nemo-mn-ro-00 §4.1.3 (seed 000), the rest
    /// reserved.
    pub struct BrrFlags: u16 {
        M = 0x8000 => 'M' "Mobile Router Binding",
        H = 0x4000 => 'H' "Handover of Mobile Router",
    }
}
crate::mh::fields! {
    pub static BRR_RESERVED: FieldDef = FieldDef::new("mip6.binding_refresh_request", "Binding Refresh Request", Kind::Bytes)
        .blurb("The BRR's 16 bits after the common header, raw (Wireshark's field; hidden in the tree)");
    pub static BRR_M: FieldDef = FieldDef::new("mip6.brr.m_flag", "Mobile Router Binding (M) flag", Kind::Bool(2))
        .mask(BrrFlags::M as u64)
        .tfs("Sent by a mobile router", "Not sent by a mobile router")
        .blurb("draft-huang-nemo-mn-ro-00 §4.1.3");
    pub static BRR_H: FieldDef = FieldDef::new("mip6.brr.h_flag", "Handover of Mobile Router (H) flag", Kind::Bool(2))
        .mask(BrrFlags::H as u64)
        .tfs("Mobile router handed over (new VCoA in Alternate CoA option)", "No mobile router handover")
        .blurb("draft-huang-nemo-mn-ro-00 §4.1.3");
    pub static BRR_RES: FieldDef =
        FieldDef::new("mip6.brr.reserved", "Reserved", Kind::Uint(2)).hex().mask(BrrFlags::RESERVED as u64);
    pub static BU_SEQNR: FieldDef = FieldDef::new("mip6.bu.seqnr", "Sequence number", Kind::Uint(2));
    pub static BU_A: FieldDef = FieldDef::new("mip6.bu.a_flag", "Acknowledge (A) flag", Kind::Bool(2))
        .mask(BuFlags::A as u64)
        .tfs("Binding Acknowledgement requested", "Binding Acknowledgement not requested");
    pub static BU_H: FieldDef = FieldDef::new("mip6.bu.h_flag", "Home Registration (H) flag", Kind::Bool(2))
        .mask(BuFlags::H as u64)
        .tfs("Home Registration", "No Home Registration");
    pub static BU_L: FieldDef = FieldDef::new("mip6.bu.l_flag", "Link-Local Compatibility (L) flag", Kind::Bool(2))
        .mask(BuFlags::L as u64)
        .tfs("Link-Local Address Compatibility", "No Link-Local Address Compatibility");
    pub static BU_K: FieldDef = FieldDef::new("mip6.bu.k_flag", "Key Management Compatibility (K) flag", Kind::Bool(2))
        .mask(BuFlags::K as u64)
        .tfs("Key Management Mobility Compatibility", "No Key Management Mobility Compatibility");
    pub static BU_M: FieldDef = FieldDef::new("mip6.bu.m_flag", "MAP Registration Compatibility (M) flag", Kind::Bool(2))
        .mask(BuFlags::M as u64)
        .tfs("MAP Registration Compatibility", "No MAP Registration Compatibility");
    pub static BU_R: FieldDef = FieldDef::new("mip6.nemo.bu.r_flag", "Mobile Router (R) flag", Kind::Bool(2))
        .mask(BuFlags::R as u64)
        .tfs("Mobile Router Compatibility", "No Mobile Router Compatibility");
    pub static BU_P: FieldDef = FieldDef::new("mip6.bu.p_flag", "Proxy Registration (P) flag", Kind::Bool(2))
        .mask(BuFlags::P as u64)
        .tfs("Proxy Registration", "No Proxy Registration");
    pub static BU_F: FieldDef = FieldDef::new("mip6.bu.f_flag", "Forcing UDP encapsulation (F) flag", Kind::Bool(2))
        .mask(BuFlags::F as u64)
        .tfs("Forcing UDP encapsulation used", "No Forcing UDP encapsulation");
    pub static BU_T: FieldDef = FieldDef::new("mip6.bu.t_flag", "TLV-header format (T) flag", Kind::Bool(2))
        .mask(BuFlags::T as u64)
        .tfs("TLV-header format used", "No TLV-header format");
    pub static BU_B: FieldDef = FieldDef::new("mip6.bu.b_flag", "Bulk-Binding-Update flag (B)", Kind::Bool(2))
        .mask(BuFlags::B as u64)
        .tfs("Enable bulk binding update support", "Disable bulk binding update support");
    pub static BU_S: FieldDef = FieldDef::new("mip6.bu.s_flag", "Mobility Service Subscription (S) flag", Kind::Bool(2))
        .mask(BuFlags::S as u64)
        .tfs("Subscription requested", "No subscription")
        .blurb("RFC 7161");
    pub static BU_D: FieldDef = FieldDef::new("mip6.bu.d_flag", "DMM (D) flag", Kind::Bool(2))
        .mask(BuFlags::D as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 8885");
    pub static BU_RESERVED: FieldDef =
        FieldDef::new("mip6.bu.reserved", "Reserved", Kind::Uint(2)).hex().mask(BuFlags::RESERVED as u64);
    pub static BU_LIFETIME: FieldDef =
        FieldDef::new("mip6.bu.lifetime", "Lifetime", Kind::Uint(2)).custom(four_seconds).blurb("Units of 4 seconds");
    pub static BA_STATUS: FieldDef = FieldDef::new("mip6.ba.status", "Status", Kind::Uint(1)).vals(BA_STATUS_VALS);
    pub static BA_K: FieldDef = FieldDef::new("mip6.ba.k_flag", "Key Management Compatibility (K) flag", Kind::Bool(1))
        .mask(BaFlags::K as u64)
        .tfs("Key Management Mobility Compatibility", "No Key Management Mobility Compatibility");
    pub static BA_R: FieldDef = FieldDef::new("mip6.nemo.ba.r_flag", "Mobile Router (R) flag", Kind::Bool(1))
        .mask(BaFlags::R as u64)
        .tfs("Mobile Router Compatibility", "No Mobile Router Compatibility");
    pub static BA_P: FieldDef = FieldDef::new("mip6.ba.p_flag", "Proxy Registration (P) flag", Kind::Bool(1))
        .mask(BaFlags::P as u64)
        .tfs("Proxy Registration", "No Proxy Registration");
    pub static BA_T: FieldDef = FieldDef::new("mip6.ba.t_flag", "TLV-header format (T) flag", Kind::Bool(1))
        .mask(BaFlags::T as u64)
        .tfs("TLV-header format used", "No TLV-header format");
    pub static BA_B: FieldDef = FieldDef::new("mip6.ba.b_flag", "Bulk-Binding-Update flag (B)", Kind::Bool(1))
        .mask(BaFlags::B as u64)
        .tfs("Enabled bulk binding update support", "Disabled bulk binding update support");
    pub static BA_S: FieldDef = FieldDef::new("mip6.ba.s_flag", "Mobility Service Subscription (S) flag", Kind::Bool(1))
        .mask(BaFlags::S as u64)
        .tfs("Subscription accepted", "No subscription")
        .blurb("RFC 7161");
    pub static BA_D: FieldDef = FieldDef::new("mip6.ba.d_flag", "DMM (D) flag", Kind::Bool(1))
        .mask(BaFlags::D as u64)
        .tfs("Set", "Not set")
        .blurb("RFC 8885");
    pub static BA_RESERVED: FieldDef =
        FieldDef::new("mip6.ba.reserved", "Reserved", Kind::Uint(1)).hex().mask(BaFlags::RESERVED as u64);
    pub static BA_SEQNR: FieldDef = FieldDef::new("mip6.ba.seqnr", "Sequence number", Kind::Uint(2));
    pub static BA_LIFETIME: FieldDef =
        FieldDef::new("mip6.ba.lifetime", "Lifetime", Kind::Uint(2)).custom(four_seconds).blurb("Units of 4 seconds");
    // Binding Error (§6.1.9).
    pub static BE_STATUS: FieldDef = FieldDef::new("mip6.be.status", "Status", Kind::Uint(1)).vals(BE_STATUS_VALS);
    pub static BE_RESERVED: FieldDef = FieldDef::new("mip6.be.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static BE_HADDR: FieldDef = FieldDef::new("mip6.be.haddr", "Home Address", Kind::Ipv6);
}

layout! {
    /// Binding Refresh Request (RFC 6275 §6.1.2; M/H flags of draft-huang-nemo-mn-ro-00 §4.1.3).
    pub struct Brr { pub flags: BrrFlags => [&BRR_RESERVED, &BRR_M, &BRR_H, &BRR_RES] }
}

// Binding Update (§6.1.7) with every flag IANA has assigned.
crate::flags! {
    /// Binding Update flags (RFC 6275 §6.1.7; RFC 3963, 4140, 5213, 5555, 5845, 6602, 7161,
    /// 8885), the 16 bits after the sequence number; the low 4 are reserved.
    pub struct BuFlags: u16 {
        A = 0x8000 => 'A' "Acknowledge",
        H = 0x4000 => 'H' "Home Registration",
        L = 0x2000 => 'L' "Link-Local Address Compatibility",
        K = 0x1000 => 'K' "Key Management Mobility Compatibility",
        M = 0x0800 => 'M' "MAP Registration",
        R = 0x0400 => 'R' "Mobile Router (NEMO)",
        P = 0x0200 => 'P' "Proxy Registration",
        F = 0x0100 => 'F' "Forcing UDP encapsulation",
        T = 0x0080 => 'T' "TLV-header format",
        B = 0x0040 => 'B' "Bulk Binding Update",
        S = 0x0020 => 'S' "Mobility Service Subscription",
        D = 0x0010 => 'D' "DMM",
    }
}

layout! {
    /// Binding Update (RFC 6275 §6.1.7; flags from RFC 3963, 4140, 5213, 5555, 5845, 6602, 7161, 8885).
    pub struct Bu {
        pub seq: u16 => [&BU_SEQNR],
        pub flags: BuFlags => [&BU_A, &BU_H, &BU_L, &BU_K, &BU_M, &BU_R, &BU_P, &BU_F, &BU_T, &BU_B, &BU_S, &BU_D, &BU_RESERVED],
        pub lifetime: u16 => [&BU_LIFETIME],
    }
}

// Binding Acknowledgement (§6.1.8).
crate::flags! {
    /// Binding Acknowledgement flags (RFC 6275 §6.1.8; RFC 3963, 5213, 5845, 6602, 7161, 8885),
    /// the octet after the status; the last bit is reserved.
    pub struct BaFlags: u8 {
        K = 0x80 => 'K' "Key Management Mobility Compatibility",
        R = 0x40 => 'R' "Mobile Router (NEMO)",
        P = 0x20 => 'P' "Proxy Registration",
        T = 0x10 => 'T' "TLV-header format",
        B = 0x08 => 'B' "Bulk Binding Update",
        S = 0x04 => 'S' "Mobility Service Subscription",
        D = 0x02 => 'D' "DMM",
    }
}

layout! {
    /// Binding Acknowledgement (RFC 6275 §6.1.8).
    pub struct Ba {
        pub status: BaStatus => [&BA_STATUS],
        pub flags: BaFlags => [&BA_K, &BA_R, &BA_P, &BA_T, &BA_B, &BA_S, &BA_D, &BA_RESERVED],
        pub seq: u16 => [&BA_SEQNR],
        pub lifetime: u16 => [&BA_LIFETIME],
    }
}
layout! {
    /// Binding Error (RFC 6275 §6.1.9).
    pub struct Be { pub status: BeStatus => [&BE_STATUS], pub reserved: u8 => [&BE_RESERVED], pub home_address: Ip6 => [&BE_HADDR] }
}

fn brr(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Brr::dissect(t, c.body, c.end)?;
    seeds::brr_info(t, c, &v);
    // M and H are seed 000's flags; the other 14 bits are reserved.
    reserved_nonzero(t, c.body, 2, v.flags.reserved() != 0);
    Ok(c.body + Brr::LEN)
}

fn bu(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Bu::dissect(t, c.body, c.end)?;
    bu_info(t, &v);
    reserved_nonzero(t, c.body + 2, 2, v.flags.reserved() != 0);
    Ok(c.body + Bu::LEN)
}

fn ba(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Ba::dissect(t, c.body, c.end)?;
    ba_info(t, &v);
    reserved_nonzero(t, c.body + 1, 1, v.flags.reserved() != 0);
    Ok(c.body + Ba::LEN)
}

fn be(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Be::dissect(t, c.body, c.end)?;
    let info = t.info();
    info.push_str(" status=");
    crate::format::write_dec(info, u64::from(v.status.value()));
    info.push_str(" hoa=");
    crate::format::write_ipv6(info, &v.home_address.0);
    if v.reserved != 0 {
        t.expert(&expert::RESERVED_NONZERO, c.body + 1, 1, Some(format_args!("BE reserved 0x{:02x}", v.reserved)));
    }
    Ok(c.body + Be::LEN)
}

fn bu_info(t: &mut Tree<'_>, v: &Bu) {
    let info = t.info();
    info.push_str(" seq=");
    crate::format::write_dec(info, u64::from(v.seq));
    info.push_str(" lifetime=");
    crate::format::write_dec(info, u64::from(v.lifetime) * 4);
    letters(info, v.flags.0 & !BuFlags::RESERVED, BuFlags::LETTERS);
    if v.flags.has(BuFlags::R) {
        t.set_protocol_column("NEMO");
    }
}

fn ba_info(t: &mut Tree<'_>, v: &Ba) {
    let st = v.status.name().unwrap_or("unknown");
    let info = t.info();
    info.push_str(" seq=");
    crate::format::write_dec(info, u64::from(v.seq));
    info.push_str(" lifetime=");
    crate::format::write_dec(info, u64::from(v.lifetime) * 4);
    info.push_str(" status=");
    crate::format::write_dec(info, u64::from(v.status.value()));
    info.push_str(" (");
    info.push_str(st);
    info.push(')');
    letters(info, u16::from(v.flags.0 & !BaFlags::RESERVED), &BA_LETTERS);
    if v.flags.has(BaFlags::R) {
        t.set_protocol_column("NEMO");
    }
}

/// BA flags' letters in a BU flags word's width, for [`letters`].
const BA_LETTERS: [(u16, char); BaFlags::LETTERS.len()] = {
    let mut out = [(0, ' '); BaFlags::LETTERS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = (BaFlags::LETTERS[i].0 as u16, BaFlags::LETTERS[i].1);
        i += 1;
    }
    out
};

/// Appends ` X` for each named flag set in `set` (named bits only), in `table`'s order; stops
/// once every set bit is written, so a word with none set costs one test.
fn letters(info: &mut String, mut set: u16, table: &[(u16, char)]) {
    for &(m, c) in table {
        if set == 0 {
            break;
        }
        if set & m != 0 {
            info.push(' ');
            info.push(c);
            set &= !m;
        }
    }
}

/// Reserved bits that RFC 6275 says must be zero, at `at..at + len`.
fn reserved_nonzero(t: &mut Tree<'_>, at: usize, len: usize, nonzero: bool) {
    if nonzero {
        t.expert(&expert::RESERVED_NONZERO, at, len, None);
    }
}

wire_typed!(code BaStatus: u8, BeStatus: u8);
wire_typed!(flags BrrFlags: u16, BuFlags: u16, BaFlags: u8);

// The message rows of this family (the draft roles a BRR, BU or BA may play are recognised
// after the frame is parsed, by [`crate::analysis`]).
msg_rows! {
    BindingRefreshRequest => Brr [layout] by brr,
    BindingUpdate => Bu [layout] by bu,
    BindingAcknowledgement => Ba [layout] by ba,
    BindingError => Be [layout] by be,
}

pub static EXPERTS: &[&ExpertDef] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_bits_are_what_no_flag_names() {
        assert_eq!(BrrFlags::RESERVED, 0x3fff);
        assert_eq!(BuFlags::RESERVED, 0x000f);
        assert_eq!(BaFlags::RESERVED, 0x01);
        let letters: String = BuFlags::LETTERS.iter().map(|&(_, c)| c).collect();
        assert_eq!(letters, "AHLKMRPFTBSD");
        let letters: String = BaFlags::LETTERS.iter().map(|&(_, c)| c).collect();
        assert_eq!(letters, "KRPTBSD");
        // Every flag field shows its bit, and the reserved field the rest.
        let bu: u64 = [&BU_A, &BU_H, &BU_L, &BU_K, &BU_M, &BU_R, &BU_P, &BU_F, &BU_T, &BU_B, &BU_S, &BU_D]
            .iter()
            .zip(BuFlags::LETTERS)
            .map(|(f, &(m, _))| {
                assert_eq!(f.mask, u64::from(m), "{}", f.abbrev);
                f.mask
            })
            .sum();
        assert_eq!(bu | BU_RESERVED.mask, 0xffff);
    }
}
