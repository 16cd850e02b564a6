//! Mobile IPv4 messages with a fixed part: Registration Request / Reply (RFC 5944 §3.3, §3.4),
//! Tunnel Data (RFC 3519 §3.3), Registration Revocation and its Acknowledgment (RFC 3543
//! §3.1, §3.2). One `layout!` per fixed part, counted from the octet after the Type octet.
//!
//! ```text
//! Registration Request (RFC 5944 §3.3)
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |     Type      |S|B|D|M|G|r|T|x|          Lifetime             |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                          Home Address                         |
//! |                           Home Agent                          |
//! |                        Care-of Address                        |
//! +                         Identification (64)                   +
//! | Extensions ...
//!
//! Registration Reply (RFC 5944 §3.4)
//! |     Type      |     Code      |           Lifetime            |
//! | Home Address | Home Agent | Identification (64) | Extensions ...
//!
//! Tunnel Data (RFC 3519 §3.3)
//! |     Type      |  Next Header  |           Reserved            |
//! | inner packet ...
//!
//! Registration Revocation (RFC 3543 §3.3)
//! |     Type      |   Reserved    |A|I|        Reserved           |
//! | Home Address | Home Domain Address | Foreign Domain Address | Revocation Identifier |
//!
//! Revocation Acknowledgment (RFC 3543 §3.4)
//! |     Type      |   Reserved    |I|        Reserved             |
//! | Home Address | Revocation Identifier |
//! ```

use super::ext::{Extension, Extensions};
use super::haaro::{Rr, RrMsg};
use super::{EmitError, MsgType};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::model::{Auto, Cut, EmitCx};
use crate::prefs::Prefs;
use crate::tree::Tree;
use crate::wire::{Ip4, PResult};

crate::code_points! {
    /// IANA "Code Values for Mobile IP Registration Reply Messages" (RFC 5944, RFC 6521 and the
    /// later RFCs the registry cites): 0-15 accepted, 64-127 denied by the foreign agent,
    /// 128-192 denied by the home agent.
    pub enum ReplyCode: u8 {
        RegistrationAccepted = 0 => "registration accepted",
        AcceptedNoSimultaneousBindings = 1 => "registration accepted, but simultaneous mobility bindings unsupported",
        ConcurrentRegistrationPreAccept = 2 => "Concurrent registration (pre-accept)",
        FaReasonUnspecified = 64 => "reason unspecified",
        FaAdministrativelyProhibited = 65 => "administratively prohibited",
        FaInsufficientResources = 66 => "insufficient resources",
        FaMobileNodeFailedAuthentication = 67 => "mobile node failed authentication",
        HomeAgentFailedAuthentication = 68 => "home agent failed authentication",
        RequestedLifetimeTooLong = 69 => "requested Lifetime too long",
        FaPoorlyFormedRequest = 70 => "poorly formed Request",
        PoorlyFormedReply = 71 => "poorly formed Reply",
        FaRequestedEncapsulationUnavailable = 72 => "requested encapsulation unavailable",
        ReservedAndUnavailable = 73 => "reserved and unavailable",
        FaRequestReverseTunnelUnavailable = 74 => "request reverse tunnel unavailable",
        FaReverseTunnelMandatory = 75 => "reverse tunnel is mandatory and 'T' bit not set",
        MobileNodeTooDistant = 76 => "mobile node too distant",
        InvalidCareOfAddress = 77 => "invalid care-of address",
        RegistrationTimeout = 78 => "registration timeout",
        DeliveryStyleNotSupported = 79 => "delivery style not supported",
        HomeNetworkUnreachable = 80 => "home network unreachable (ICMP error received)",
        HomeAgentHostUnreachable = 81 => "home agent host unreachable (ICMP error received)",
        HomeAgentPortUnreachable = 82 => "home agent port unreachable (ICMP error received)",
        HomeAgentUnreachable = 88 => "home agent unreachable (other ICMP error received)",
        VendorSpecificReason = 89 => "vendor-specific reason",
        NonZeroHaAddressRequired = 90 => "Non-zero HA address required in Registration Request",
        NonzeroHomeaddrReqd = 96 => "nonzero_homeaddr_reqd",
        MissingNai = 97 => "missing_nai",
        MissingHomeAgent = 98 => "missing_home_agent",
        MissingHomeaddr = 99 => "missing_homeaddr",
        ErrorFa1 = 100 => "ERROR-FA-1",
        ErrorFa2 = 101 => "ERROR-FA-2",
        UnknownChallenge = 104 => "unknown_challenge",
        MissingChallenge = 105 => "missing_challenge",
        StaleChallenge = 106 => "stale_challenge",
        MissingMnFa = 107 => "MISSING_MN_FA",
        FaBadAaaAuth = 108 => "fa_bad_aaa_auth",
        HaWrongChallenge = 109 => "ha_wrong_challenge",
        ReplayProtUnavail = 110 => "REPLAY_PROT_UNAVAIL",
        ZeroCoaNotSupp = 111 => "ZERO_COA_NOT_SUPP",
        UnknownGfa = 112 => "UNKNOWN_GFA",
        GfaUnreachable = 113 => "GFA_UNREACHABLE",
        GfaHostUnreachable = 114 => "GFA_HOST_UNREACHABLE",
        GfaPortUnreachable = 115 => "GFA_PORT_UNREACHABLE",
        InvalidHomeAgentAddress = 116 => "Invalid Home Agent Address",
        FaExperimental = 127 => "FA Error Code for Experimental use",
        HaReasonUnspecified = 128 => "reason unspecified",
        HaAdministrativelyProhibited = 129 => "administratively prohibited",
        HaInsufficientResources = 130 => "insufficient resources",
        HaMobileNodeFailedAuthentication = 131 => "mobile node failed authentication",
        ForeignAgentFailedAuthentication = 132 => "foreign agent failed authentication",
        RegistrationIdentificationMismatch = 133 => "registration Identification mismatch",
        HaPoorlyFormedRequest = 134 => "poorly formed Request",
        TooManySimultaneousBindings = 135 => "too many simultaneous mobility bindings",
        UnknownHomeAgentAddress = 136 => "unknown home agent address",
        HaRequestReverseTunnelUnavailable = 137 => "request reverse tunnel unavailable",
        HaReverseTunnelMandatory = 138 => "reverse tunnel is mandatory and 'T' bit not set",
        HaRequestedEncapsulationUnavailable = 139 => "requested encapsulation unavailable",
        ErrorHa1 = 140 => "ERROR-HA-1",
        ErrorHa2 = 141 => "ERROR-HA-2",
        ErrorHaUdpEncapUnavail = 142 => "ERROR_HA_UDP-ENCAP_UNAVAIL",
        ReregisterWithRedirectedHa = 143 => "Reregister with redirected HA",
        HaBadAaaAuth = 144 => "ha_bad_aaa_auth",
        ZeroCareofAddress = 145 => "ZERO_CAREOF_ADDRESS",
        DynGfaNotSupp = 146 => "DYN_GFA_NOT_SUPP",
        HaMobnetError = 147 => "Mobile Network Prefix operation error (HA_MOBNET_ERROR)",
        HaMobnetDisallowed = 148 => "Mobile Router operation is not permitted (HA_MOBNET_DISALLOWED)",
        PmipUnsupported = 149 => "PMIP_UNSUPPORTED",
        PmipDisallowed = 150 => "PMIP_DISALLOWED",
        ServiceAuthorizationFailed = 151 => "SERVICE_AUTHORIZATION_FAILED",
        MultipathNotAllowed = 152 => "MULTIPATH_NOT_ALLOWED",
        InvalidFbIdentifier = 153 => "INVALID_FB_IDENTIFIER",
        HaExperimental = 192 => "HA Error Code for Experimental use",
        NoHomeReg = 193 => "NO_HOME_REG",
        ExpiredHomeNonceIndex = 201 => "Expired Home nonce Index",
        ExpiredCareOfNonceIndex = 202 => "Expired Care-of nonce Index",
        ExpiredNonces = 203 => "Expired nonces",
    }
}

/// The Reply Code names, as `mip.code` shows them (the table is [`ReplyCode::VALS`]).
pub static CODE_VALS: &[(u64, &str)] = ReplyCode::VALS;

crate::code_points! {
    /// Encapsulations of Tunnel Data (the Next Header, RFC 3519 §3.3) and of the UDP Tunnel
    /// Request (Encapsulation, §3.1.4): IP protocol numbers, and the request's 0, "the value of
    /// 'M' and 'G'" (declared last: Tunnel Data's table is the others, [`NEXT_HEADER_VALS`]).
    pub enum TunnelEncap: u8 {
        IpInIp = 4 => "IP in IP (RFC 2003)",
        Gre = 47 => "GRE (RFC 2784)",
        Minimal = 55 => "Minimal encapsulation (RFC 2004)",
        AsFlags = 0 => "As the M and G flags say",
    }
}

/// Tunnel Data's Next Header names: [`TunnelEncap`]'s but the UDP Tunnel Request's 0.
pub static NEXT_HEADER_VALS: &[(u64, &str)] = match TunnelEncap::VALS.split_last() {
    Some((_, ip_protocols)) => ip_protocols,
    None => &[],
};

// ---- Registration Request
crate::flags! {
    /// The Registration Request flags octet (RFC 5944 §3.3); `r` and `x` are sent as zero and
    /// ignored, and kept as they were.
    pub struct RegFlags: u8 {
        S = 0x80 => 'S' "Simultaneous bindings",
        B = 0x40 => 'B' "Broadcast datagrams",
        D = 0x20 => 'D' "Decapsulation by mobile node (co-located care-of address)",
        M = 0x10 => 'M' "Minimal encapsulation",
        G = 0x08 => 'G' "GRE encapsulation",
        R = 0x04 => 'r' "Reserved (r; RFC 2002 Van Jacobson compression)",
        T = 0x02 => 'T' "Reverse tunneling requested",
        X = 0x01 => 'x' "Reserved (x)",
    }
}

/// tshark 4.0's names for RFC 3519's encapsulation types (filters take them too).
pub static ENCAP_TSHARK_NAMES: &[(u64, &str)] = &[(4, "IP Header"), (47, "GRE Header"), (55, "Minimal IP Encapsulation Header")];

/// tshark 4.0's names for the Registration Reply codes, abbreviated where mipscope shows IANA's
/// (filters take them too: `mip.code == "Reg Accepted"`).
static CODE_TSHARK_NAMES: &[(u64, &str)] = &[
    (0, "Reg Accepted"),
    (1, "Reg Accepted, but Simultaneous Bindings Unsupported"),
    (64, "Reg Deny (FA)- Unspecified Reason"),
    (65, "Reg Deny (FA)- Administratively Prohibited"),
    (66, "Reg Deny (FA)- Insufficient Resources"),
    (67, "Reg Deny (FA)- MN Failed Authentication"),
    (68, "Reg Deny (FA)- HA Failed Authentication"),
    (69, "Reg Deny (FA)- Requested Lifetime too Long"),
    (70, "Reg Deny (FA)- Poorly Formed Request"),
    (71, "Reg Deny (FA)- Poorly Formed Reply"),
    (72, "Reg Deny (FA)- Requested Encapsulation Unavailable"),
    (73, "Reg Deny (FA)- VJ Compression Unavailable"),
    (74, "Reg Deny (FA)- Requested Reverse Tunnel Unavailable"),
    (75, "Reg Deny (FA)- Reverse Tunnel Is Mandatory and 'T' Bit Not Set"),
    (76, "Reg Deny (FA)- Mobile Node Too Distant"),
    (77, "Reg Deny (FA)- Invalid Care-of Address"),
    (78, "Reg Deny (FA)- Registration Timeout"),
    (79, "Reg Deny (FA)- Delivery Style Not Supported"),
    (80, "Reg Deny (FA)- Home Network Unreachable"),
    (81, "Reg Deny (FA)- HA Host Unreachable"),
    (82, "Reg Deny (FA)- HA Port Unreachable"),
    (88, "Reg Deny (FA)- HA Unreachable"),
    (89, "Reg Deny (FA)- Vendor-specific Reason"),
    (90, "Reg Deny (FA)- Non-zero HA Address Required"),
    (96, "Reg Deny (FA)(NAI) - Non-zero Home Address Required"),
    (97, "Reg Deny (FA)(NAI) - Missing NAI"),
    (98, "Reg Deny (FA)(NAI) - Missing Home Agent"),
    (99, "Reg Deny (FA)(NAI) - Missing Home Address"),
    (100, "Reg Deny (FA)- Unable to Interpret CVSE Sent by MN"),
    (101, "Reg Deny (FA)- Unable to Interpret CVSE Sent by HA"),
    (104, "Reg Deny (FA)- Unknown Challenge"),
    (105, "Reg Deny (FA)- Missing Challenge"),
    (106, "Reg Deny (FA)- Stale Challenge"),
    (107, "Reg Deny (FA)- Missing MN-FA Key Generation Nonce Reply Extension"),
    (108, "Reg Deny (FA)- MN Failed AAA Authentication"),
    (109, "Reg Deny (FA)- HA Sent Wrong Challenge in Reply"),
    (127, "Reg Deny (FA)- Error Code for Experimental Use"),
    (128, "Reg Deny (HA)- Unspecified"),
    (129, "Reg Deny (HA)- Administratively Prohibited"),
    (130, "Reg Deny (HA)- Insufficient Resources"),
    (131, "Reg Deny (HA)- MN Failed Authentication"),
    (132, "Reg Deny (HA)- FA Failed Authentication"),
    (133, "Reg Deny (HA)- Registration ID Mismatch"),
    (134, "Reg Deny (HA)- Poorly Formed Request"),
    (135, "Reg Deny (HA)- Too Many Simultaneous Bindings"),
    (136, "Reg Deny (HA)- Unknown HA Address"),
    (137, "Reg Deny (HA)- Requested Reverse Tunnel Unavailable"),
    (138, "Reg Deny (HA)- Reverse Tunnel Is Mandatory and 'T' Bit Not Set"),
    (139, "Reg Deny (HA)- Requested Encapsulation Unavailable"),
    (140, "Reg Deny (HA)- Unable to Interpret CVSE Sent by MN"),
    (141, "Reg Deny (HA)- Unable to Interpret CVSE Sent by FA"),
    (142, "Reg Deny (HA)- UDP Encapsulation Unavailable"),
    (143, "Reg Deny (HA)- Register with Redirected HA"),
    (144, "Reg Deny (HA)- MN Failed AAA Authentication"),
    (149, "Reg Deny (HA)- PMIP_UNSUPPORTED"),
    (150, "Reg Deny (HA)- PMIP_DISALLOWED"),
    (192, "Reg Deny (HA)- Error Code for Experimental Use"),
];

crate::mh::fields! {
    pub static FLAGS: FieldDef = FieldDef::new("mip.flags", "Flags", Kind::Uint(1)).hex().flag_names();
    pub static FLAG_S: FieldDef = FieldDef::new("mip.s", "Simultaneous Bindings", Kind::Bool(1))
        .mask(RegFlags::S as u64);
    pub static FLAG_B: FieldDef = FieldDef::new("mip.b", "Broadcast Datagrams", Kind::Bool(1))
        .mask(RegFlags::B as u64);
    pub static FLAG_D: FieldDef = FieldDef::new("mip.d", "Co-located Care-of Address", Kind::Bool(1))
        .mask(RegFlags::D as u64);
    pub static FLAG_M: FieldDef = FieldDef::new("mip.m", "Minimal Encapsulation", Kind::Bool(1))
        .mask(RegFlags::M as u64);
    pub static FLAG_G: FieldDef = FieldDef::new("mip.g", "GRE", Kind::Bool(1))
        .mask(RegFlags::G as u64);
    pub static FLAG_V: FieldDef = FieldDef::new("mip.v", "Reserved (r; RFC 2002 Van Jacobson)", Kind::Bool(1))
        .mask(RegFlags::R as u64)
        .blurb("RFC 5944 §3.3: sent as zero, ignored on reception");
    pub static FLAG_T: FieldDef = FieldDef::new("mip.t", "Reverse Tunneling", Kind::Bool(1))
        .mask(RegFlags::T as u64);
    pub static FLAG_X: FieldDef = FieldDef::new("mip.x", "Reserved", Kind::Bool(1)).mask(RegFlags::X as u64);
    pub static LIFE: FieldDef = FieldDef::new("mip.life", "Lifetime", Kind::Uint(2)).blurb("Seconds (RFC 5944 §3.3; 65535: infinity)");
    pub static HOMEADDR: FieldDef = FieldDef::new("mip.homeaddr", "Home Address", Kind::Ipv4);
    pub static HAADDR: FieldDef = FieldDef::new("mip.haaddr", "Home Agent", Kind::Ipv4);
    pub static COA: FieldDef = FieldDef::new("mip.coa", "Care of Address", Kind::Ipv4);
    /// Wireshark files the Identification as an NTP time stamp (`FT_ABSOLUTE_TIME`); mipscope
    /// does the same and appends the raw 64 bits in hex to the label.
    pub static IDENT: FieldDef = FieldDef::new("mip.ident", "Identification", Kind::AbsTime)
        .blurb("64-bit Identification (RFC 5944 §5.7), shown as an NTP time stamp and in hex");
    pub static CODE: FieldDef = FieldDef::new("mip.code", "Reply Code", Kind::Uint(1)).vals(CODE_VALS).tshark_names(CODE_TSHARK_NAMES);
    pub static NATTT_NEXTHDR: FieldDef = FieldDef::new("mip.nattt.nexthdr", "NATTT NextHeader", Kind::Uint(1)).vals(NEXT_HEADER_VALS).tshark_names(ENCAP_TSHARK_NAMES);
    pub static NATTT_RESERVED: FieldDef = FieldDef::new("mip.nattt.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static REV_RESERVED: FieldDef = FieldDef::new("mip.rev.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static FLAGS2: FieldDef = FieldDef::new("mip.flags2", "Flags", Kind::Uint(2)).hex().flag_names();
    pub static REV_A: FieldDef = FieldDef::new("mip.rev.a", "Home Agent", Kind::Bool(2))
        .mask(RevFlags::A as u64);
    pub static REV_I: FieldDef = FieldDef::new("mip.rev.i", "Inform", Kind::Bool(2))
        .mask(RevFlags::I as u64);
    pub static REV_RESERVED2: FieldDef =
        FieldDef::new("mip.rev.reserved2", "Reserved", Kind::Uint(2)).hex().mask(RevFlags::RESERVED as u64);
    pub static REV_HDA: FieldDef = FieldDef::new("mip.rev.hda", "Home Domain Address", Kind::Ipv4);
    pub static REV_FDA: FieldDef = FieldDef::new("mip.rev.fda", "Foreign Domain Address", Kind::Ipv4);
    pub static REVID: FieldDef = FieldDef::new("mip.revid", "Revocation Identifier", Kind::Uint(4));
    pub static ACK_RESERVED: FieldDef = FieldDef::new("mip.ack.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static ACK_I: FieldDef =
        FieldDef::new("mip.ack.i", "Inform", Kind::Bool(2)).mask(AckFlags::I as u64)
        .blurb("From the home agent: asks the foreign agent to inform the mobile node; from the foreign agent: the mobile node was informed (RFC 3543 §3.4)");
    pub static ACK_RESERVED2: FieldDef =
        FieldDef::new("mip.ack.reserved2", "Reserved", Kind::Uint(2)).hex().mask(AckFlags::RESERVED as u64);
}

layout! {
    /// Registration Request after the Type octet (RFC 5944 §3.3).
    pub struct RegRequest {
        pub flags: RegFlags => [&FLAGS, &FLAG_S, &FLAG_B, &FLAG_D, &FLAG_M, &FLAG_G, &FLAG_V, &FLAG_T, &FLAG_X],
        pub lifetime: u16 => [&LIFE],
        pub home: Ip4 => [&HOMEADDR],
        pub ha: Ip4 => [&HAADDR],
        pub coa: Ip4 => [&COA],
        pub ident: u64 => [],
    }
}

// ---- Registration Reply
layout! {
    /// Registration Reply after the Type octet (RFC 5944 §3.4).
    pub struct RegReply {
        pub code: ReplyCode => [&CODE],
        pub lifetime: u16 => [&LIFE],
        pub home: Ip4 => [&HOMEADDR],
        pub ha: Ip4 => [&HAADDR],
        pub ident: u64 => [],
    }
}

// ---- Tunnel Data (RFC 3519 §3.3)
layout! {
    /// Tunnel Data header after the Type octet (RFC 3519 §3.3).
    pub struct TunnelData {
        pub next_header: u8 => [&NATTT_NEXTHDR],
        pub reserved: u16 => [&NATTT_RESERVED],
    }
}

// ---- Registration Revocation (RFC 3543 §3.3)
crate::flags! {
    /// The Registration Revocation flags word (RFC 3543 §3.3); the other 14 bits are reserved.
    pub struct RevFlags: u16 {
        A = 0x8000 => 'A' "Sent by the home agent (clear: by the foreign agent)",
        I = 0x4000 => 'I' "Inform the mobile node",
    }
}
crate::flags! {
    /// The Revocation Acknowledgment flags word (RFC 3543 §3.4); the other 15 bits are reserved.
    pub struct AckFlags: u16 {
        I = 0x8000 => 'I' "Inform: asked (from the home agent) or done (from the foreign agent)",
    }
}
layout! {
    /// Registration Revocation after the Type octet (RFC 3543 §3.3).
    pub struct Revocation {
        pub reserved: u8 => [&REV_RESERVED],
        pub flags: RevFlags => [&FLAGS2, &REV_A, &REV_I, &REV_RESERVED2],
        pub home: Ip4 => [&HOMEADDR],
        pub hda: Ip4 => [&REV_HDA],
        pub fda: Ip4 => [&REV_FDA],
        pub rev_id: u32 => [&REVID],
    }
}

// ---- Revocation Acknowledgment (RFC 3543 §3.4)
layout! {
    /// Revocation Acknowledgment after the Type octet (RFC 3543 §3.4).
    pub struct RevocationAck {
        pub reserved: u8 => [&ACK_RESERVED],
        pub flags: AckFlags => [&FLAGS2, &ACK_I, &ACK_RESERVED2],
        pub home: Ip4 => [&HOMEADDR],
        pub rev_id: u32 => [&REVID],
    }
}

super::wire_flags!(RegFlags: u8, RevFlags: u16, AckFlags: u16);
crate::wire::wire_code_point!(ReplyCode, u8);

// ---------------------------------------------------------------------------------------------
// The owned message.

/// What a Type octet is under a profile: the one dispatch the dissector and [`Mip4Msg::parse`]
/// share. The HAaRO numbers are preferences, so they are matched first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgKind {
    RegRequest,
    RegReply,
    TunnelData,
    Revocation,
    RevocationAck,
    /// A HoTI/CoTI/HoT/CoT (seed 003 / RFC 6521), laid out by the profile.
    Rr(RrMsg),
    /// A type with no fixed part decoded here.
    Other,
}

impl MsgKind {
    pub fn of(ty: u8, prefs: &Prefs) -> MsgKind {
        if let Some(m) = RrMsg::of(prefs, ty) {
            return MsgKind::Rr(m);
        }
        match MsgType::from(ty) {
            MsgType::RegistrationRequest => MsgKind::RegRequest,
            MsgType::RegistrationReply => MsgKind::RegReply,
            MsgType::TunnelData => MsgKind::TunnelData,
            MsgType::RegistrationRevocation => MsgKind::Revocation,
            MsgType::RevocationAcknowledgment => MsgKind::RevocationAck,
            _ => MsgKind::Other,
        }
    }
    /// Whether registration extensions follow the fixed part (not after Tunnel Data's inner
    /// packet, nor in a message mipscope does not decode).
    pub fn has_extensions(self) -> bool {
        !matches!(self, MsgKind::TunnelData | MsgKind::Other)
    }
}

/// The fixed part of a message after its Type octet: the `layout!` the dissector annotates, or
/// the HAaRO message in its profile's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed<B> {
    RegRequest(RegRequest),
    RegReply(RegReply),
    /// Tunnel Data (RFC 3519 §3.3): the inner packet is the message's trailer. A computed Next
    /// Header is [`EmitCx::next_proto`] (4, IP in IP, when nothing is said).
    TunnelData {
        next_header: Auto<u8>,
        reserved: u16,
    },
    Revocation(Revocation),
    RevocationAck(RevocationAck),
    Rr(Rr<B>),
    /// No fixed part (a message type not decoded here): everything after the Type octet is the
    /// trailer.
    None,
}

impl<B> Fixed<B> {
    pub fn map<C>(self, f: impl FnOnce(B) -> C) -> Fixed<C> {
        match self {
            Fixed::RegRequest(v) => Fixed::RegRequest(v),
            Fixed::RegReply(v) => Fixed::RegReply(v),
            Fixed::TunnelData { next_header, reserved } => Fixed::TunnelData { next_header, reserved },
            Fixed::Revocation(v) => Fixed::Revocation(v),
            Fixed::RevocationAck(v) => Fixed::RevocationAck(v),
            Fixed::Rr(v) => Fixed::Rr(v.map(f)),
            Fixed::None => Fixed::None,
        }
    }
}

impl<'a> Fixed<&'a [u8]> {
    /// Parses the fixed part of a message of kind `kind` from `i` (the octets after the Type
    /// octet); returns it and its length (for a draft HAaRO message, with the octets its Length
    /// claims past the layout).
    pub fn parse(kind: MsgKind, i: &'a [u8], prefs: &Prefs) -> Result<(Self, usize), Cut> {
        fn lay<'i, T>(i: &'i [u8], p: fn(&'i [u8]) -> PResult<'i, T>, what: &'static str) -> Result<T, Cut> {
            match p(i) {
                Ok((_, v)) => Ok(v),
                Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(Cut::new(e.offset(i.len()), what)),
                Err(nom::Err::Incomplete(_)) => Err(Cut::new(0, what)),
            }
        }
        Ok(match kind {
            MsgKind::RegRequest => (Fixed::RegRequest(lay(i, RegRequest::parse, "Registration Request")?), RegRequest::LEN),
            MsgKind::RegReply => (Fixed::RegReply(lay(i, RegReply::parse, "Registration Reply")?), RegReply::LEN),
            MsgKind::TunnelData => {
                let h = lay(i, TunnelData::parse, "Tunnel Data header")?;
                (Fixed::TunnelData { next_header: Auto::Given(h.next_header), reserved: h.reserved }, TunnelData::LEN)
            }
            MsgKind::Revocation => (Fixed::Revocation(lay(i, Revocation::parse, "Registration Revocation")?), Revocation::LEN),
            MsgKind::RevocationAck => {
                (Fixed::RevocationAck(lay(i, RevocationAck::parse, "Revocation Acknowledgment")?), RevocationAck::LEN)
            }
            MsgKind::Rr(m) => {
                let (r, n) = Rr::parse(m, i, prefs)?;
                (Fixed::Rr(r), n)
            }
            MsgKind::Other => (Fixed::None, 0),
        })
    }
}

impl<B: AsRef<[u8]>> Fixed<B> {
    /// The message type a computed Type octet takes (HAaRO messages: from the preferences).
    pub fn msg_type(&self, prefs: &Prefs) -> Option<u8> {
        Some(match self {
            Fixed::RegRequest(_) => MsgType::RegistrationRequest.value(),
            Fixed::RegReply(_) => MsgType::RegistrationReply.value(),
            Fixed::TunnelData { .. } => MsgType::TunnelData.value(),
            Fixed::Revocation(_) => MsgType::RegistrationRevocation.value(),
            Fixed::RevocationAck(_) => MsgType::RevocationAcknowledgment.value(),
            Fixed::Rr(r) => r.layout.msg().number(prefs),
            Fixed::None => return None,
        })
    }

    fn emit(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), EmitError> {
        match self {
            Fixed::RegRequest(v) => v.emit(out),
            Fixed::RegReply(v) => v.emit(out),
            Fixed::TunnelData { next_header, reserved } => TunnelData {
                next_header: next_header.or_else(|| cx.next_proto.unwrap_or(TunnelEncap::IpInIp.value())),
                reserved: *reserved,
            }
            .emit(out),
            Fixed::Revocation(v) => v.emit(out),
            Fixed::RevocationAck(v) => v.emit(out),
            Fixed::Rr(r) => r.emit(out)?,
            Fixed::None => {}
        }
        Ok(())
    }
}

/// A Mobile IPv4 message, owned (`Mip4Msg<Vec<u8>>`) or borrowed from the bytes it was parsed
/// from (`Mip4Msg<&[u8]>`), lossless: the Type octet, the fixed part, the extensions, and the
/// octets after the last extension read (an extension cut short, one after an unknown
/// non-skippable extension, Tunnel Data's inner packet, the body of an undecoded type). The
/// dissector walks the same definitions without allocating: [`MsgKind::of`], the fixed part's
/// `layout!`, and [`Extensions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mip4Msg<B> {
    /// Computed from the fixed part (HAaRO: the profile's number) unless given.
    pub ty: Auto<MsgType>,
    pub fixed: Fixed<B>,
    pub extensions: Vec<Extension<B>>,
    pub trailer: B,
}

impl<'a> Mip4Msg<&'a [u8]> {
    /// Parses a message from `i` (all of it: what is not an extension is the trailer) under
    /// `prefs`; returns it and the octets consumed. A Type octet or fixed part cut short is a
    /// [`Cut`] (offset from the Type octet).
    pub fn parse(i: &'a [u8], prefs: &Prefs) -> Result<(Self, usize), Cut> {
        let Some((&ty, rest)) = i.split_first() else { return Err(Cut::new(0, "Mobile IP message")) };
        let kind = MsgKind::of(ty, prefs);
        let (fixed, n) = Fixed::parse(kind, rest, prefs).map_err(|c| Cut::new(c.at + 1, c.what))?;
        let mut at = 1 + n;
        let mut extensions = Vec::new();
        if kind.has_extensions() {
            for e in Extensions::new(&i[at..], prefs) {
                let Some(x) = e.extension() else { break };
                extensions.push(x);
                at = 1 + n + e.end;
            }
        }
        Ok((Mip4Msg { ty: Auto::Given(MsgType::from(ty)), fixed, extensions, trailer: &i[at..] }, i.len()))
    }

    pub fn to_owned(&self) -> Mip4Msg<Vec<u8>> {
        self.clone().map(|b| b.to_vec())
    }
}

impl<B> Mip4Msg<B> {
    /// The same message with every octet string converted by `f`.
    pub fn map<C>(self, f: impl Fn(B) -> C) -> Mip4Msg<C> {
        Mip4Msg {
            ty: self.ty,
            fixed: self.fixed.map(&f),
            extensions: self.extensions.into_iter().map(|e| e.map(&f)).collect(),
            trailer: f(self.trailer),
        }
    }
}

impl<B: AsRef<[u8]>> Mip4Msg<B> {
    /// Appends the message, computing what was not given: the Type from the fixed part (and the
    /// preferences in `cx` for HAaRO messages), Tunnel Data's Next Header from `cx.next_proto`,
    /// the HAaRO draft Length, every extension's Type and Length.
    pub fn emit(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), EmitError> {
        let ty = match self.ty {
            Auto::Given(t) => t.value(),
            Auto::Computed => self.fixed.msg_type(cx.prefs).ok_or(EmitError::NoType("message"))?,
        };
        out.push(ty);
        self.fixed.emit(cx, out)?;
        for e in &self.extensions {
            e.emit(cx, out)?;
        }
        out.extend_from_slice(self.trailer.as_ref());
        Ok(())
    }

    /// The emitted octets (a convenience over [`Mip4Msg::emit`]).
    pub fn to_bytes(&self, cx: &EmitCx) -> Result<Vec<u8>, EmitError> {
        let mut v = Vec::new();
        self.emit(cx, &mut v)?;
        Ok(v)
    }
}

/// NTP time stamp (RFC 5905) to Unix seconds and nanoseconds, as Wireshark converts
/// `ENC_TIME_NTP`: top bit set → era 0 (from 1900), clear → era 1 (from 2036), and the all-zero
/// value is the zero time.
pub fn ntp_to_unix(v: u64) -> (i64, u32) {
    let secs = (v >> 32) as u32;
    let frac = v as u32;
    if v == 0 {
        return (0, 0);
    }
    let s = if secs & 0x8000_0000 != 0 { i64::from(secs) - 2_208_988_800 } else { i64::from(secs) + 2_085_978_496 };
    let ns = (1_000_000_000.0 * (f64::from(frac) / 4_294_967_296.0)) as u32;
    (s, ns)
}

/// Adds `mip.ident` at `off` (8 octets): the NTP reading, then the raw value in hex.
pub fn add_ident(t: &mut Tree<'_>, off: usize, v: u64) {
    let (s, ns) = ntp_to_unix(v);
    let i = t.add(&IDENT, off, 8, Value::AbsTime(s, ns));
    if t.full() {
        t.append(i, format_args!(" (0x{v:016x})"));
    }
}
