//! ICMP for IPv4 (RFC 792), router discovery (RFC 1256) and the Mobile IPv4 agent discovery
//! built on it (RFC 5944 §2): Agent Advertisements (a Router Advertisement followed by the
//! Mobility Agent Advertisement, Prefix-Lengths, One-byte Padding and Challenge extensions) and
//! Agent Solicitations. The packet quoted by an error message is dissected as IP, where a cut
//! is allowed, never deeper than the `ip.max_nesting` preference.
//!
//! [`Icmpv4`] (with [`RouterAdvert`] and the [`AgentExt`] extensions) is the owned, lossless
//! form: the dissector parses with it and annotates the tree from it.
//!
//! RFC 792, the common header of every message:
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |     Type      |     Code      |          Checksum             |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |   (4 octets whose meaning depends on the type)                |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |   Echo data, or Internet Header + 64 bits of the original     |
//! |   datagram (errors), or router entries and extensions ...     |
//! ```
//! The checksum is the 16-bit one's complement of the one's complement sum of the ICMP message
//! (no pseudo-header).

use crate::analysis::track::PairKind;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::format::{write_dec, Sink};
use crate::layout;
use crate::model::{Auto, Cut};
use crate::tree::Tree;
use crate::wire::Reader;
use crate::{checksum, IpCtx};

crate::code_points! {
    /// ICMPv4 message types (tshark 4.0's names; deprecated types keep their historic names):
    /// `icmp.type` shows them.
    pub enum Icmpv4Type: u8 {
        EchoReply = 0 => "Echo (ping) reply",
        Reserved1 = 1 => "Reserved",
        Reserved2 = 2 => "Reserved",
        DestinationUnreachable = 3 => "Destination unreachable",
        SourceQuench = 4 => "Source quench (flow control)",
        Redirect = 5 => "Redirect",
        AlternateHostAddress = 6 => "Alternate host address",
        EchoRequest = 8 => "Echo (ping) request",
        RouterAdvertisement = 9 => "Router advertisement",
        RouterSolicitation = 10 => "Router solicitation",
        TimeExceeded = 11 => "Time-to-live exceeded",
        ParameterProblem = 12 => "Parameter problem",
        TimestampRequest = 13 => "Timestamp request",
        TimestampReply = 14 => "Timestamp reply",
        InformationRequest = 15 => "Information request",
        InformationReply = 16 => "Information reply",
        AddressMaskRequest = 17 => "Address mask request",
        AddressMaskReply = 18 => "Address mask reply",
        ReservedSecurity = 19 => "Reserved (for security)",
        Traceroute = 30 => "Traceroute",
        DatagramConversionError = 31 => "Datagram Conversion Error",
        MobileHostRedirect = 32 => "Mobile Host Redirect",
        Ipv6WhereAreYou = 33 => "IPv6 Where-Are-You",
        Ipv6IAmHere = 34 => "IPv6 I-Am-Here",
        MobileRegistrationRequest = 35 => "Mobile Registration Request",
        MobileRegistrationReply = 36 => "Mobile Registration Reply",
        DomainNameRequest = 37 => "Domain Name Request",
        DomainNameReply = 38 => "Domain Name Reply",
        Skip = 39 => "SKIP",
        Photuris = 40 => "Photuris",
        ExperimentalMobility = 41 => "Experimental mobility protocols",
        ExtendedEchoRequest = 42 => "Extended Echo request",
        ExtendedEchoReply = 43 => "Extended Echo reply",
    }
}

crate::code_points! {
    /// Destination Unreachable codes (RFC 792, RFC 1812 §5.2.7.1).
    pub enum UnreachableCode: u8 {
        Network = 0 => "Network unreachable",
        Host = 1 => "Host unreachable",
        Protocol = 2 => "Protocol unreachable",
        Port = 3 => "Port unreachable",
        FragmentationNeeded = 4 => "Fragmentation needed",
        SourceRouteFailed = 5 => "Source route failed",
        NetworkUnknown = 6 => "Destination network unknown",
        HostUnknown = 7 => "Destination host unknown",
        SourceHostIsolated = 8 => "Source host isolated",
        NetworkProhibited = 9 => "Network administratively prohibited",
        HostProhibited = 10 => "Host administratively prohibited",
        NetworkTos = 11 => "Network unreachable for TOS",
        HostTos = 12 => "Host unreachable for TOS",
        Filtered = 13 => "Communication administratively filtered",
        HostPrecedence = 14 => "Host precedence violation",
        PrecedenceCutoff = 15 => "Precedence cutoff in effect",
    }
}

crate::code_points! {
    /// Redirect codes (RFC 792).
    pub enum RedirectCode: u8 {
        Network = 0 => "Redirect for network",
        Host = 1 => "Redirect for host",
        TosNetwork = 2 => "Redirect for TOS and network",
        TosHost = 3 => "Redirect for TOS and host",
    }
}

crate::code_points! {
    /// Alternate Host Address codes.
    pub enum AltHostCode: u8 { Host = 0 => "Alternate address for host" }
}

crate::code_points! {
    /// Router Advertisement codes (RFC 1256; RFC 5944 §2.1: 16 from a mobility agent that
    /// does not route common traffic).
    pub enum RouterAdvertCode: u8 {
        Normal = 0 => "Normal router advertisement",
        NoCommonTraffic = 16 => "Does not route common traffic",
    }
}

crate::code_points! {
    /// Time Exceeded codes (RFC 792).
    pub enum TimeExceededCode: u8 {
        InTransit = 0 => "Time to live exceeded in transit",
        Reassembly = 1 => "Fragment reassembly time exceeded",
    }
}

crate::code_points! {
    /// Parameter Problem codes (RFC 792, RFC 1108).
    pub enum ParameterProblemCode: u8 {
        Pointer = 0 => "Pointer indicates the error",
        MissingOption = 1 => "Required option missing",
        BadLength = 2 => "Bad length",
    }
}

crate::code_points! {
    /// Photuris codes (RFC 2521).
    pub enum PhoturisCode: u8 {
        BadSpi = 0 => "Bad SPI",
        AuthenticationFailed = 1 => "Authentication Failed",
        DecompressionFailed = 2 => "Decompression Failed",
        DecryptionFailed = 3 => "Decryption Failed",
        NeedAuthentication = 4 => "Need Authentication",
        NeedAuthorization = 5 => "Need Authorization",
    }
}

crate::code_points! {
    /// Extended Echo Request codes (RFC 8335).
    pub enum ExtEchoRequestCode: u8 { NoError = 0 => "No error" }
}

crate::code_points! {
    /// Extended Echo Reply codes (RFC 8335).
    pub enum ExtEchoReplyCode: u8 {
        NoError = 0 => "No error",
        MalformedQuery = 1 => "Malformed Query",
        NoSuchInterface = 2 => "No Such Interface",
        NoSuchTableEntry = 3 => "No Such Table Entry",
        MultipleInterfaces = 4 => "Multiple Interfaces Satisfy Query",
    }
}

/// A message's Code, typed by its Type: the types whose codes have names get their table,
/// every other code is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Icmpv4Code {
    Unreachable(UnreachableCode),
    Redirect(RedirectCode),
    AltHost(AltHostCode),
    RouterAdvert(RouterAdvertCode),
    TimeExceeded(TimeExceededCode),
    ParameterProblem(ParameterProblemCode),
    Photuris(PhoturisCode),
    ExtEchoRequest(ExtEchoRequestCode),
    ExtEchoReply(ExtEchoReplyCode),
    /// A code of a type without named codes (0 for most).
    Other(u8),
}

impl Icmpv4Code {
    /// The code `code` of a message of type `ty`.
    pub fn from_wire(ty: Icmpv4Type, code: u8) -> Self {
        match ty {
            Icmpv4Type::DestinationUnreachable => Icmpv4Code::Unreachable(code.into()),
            Icmpv4Type::Redirect => Icmpv4Code::Redirect(code.into()),
            Icmpv4Type::AlternateHostAddress => Icmpv4Code::AltHost(code.into()),
            Icmpv4Type::RouterAdvertisement => Icmpv4Code::RouterAdvert(code.into()),
            Icmpv4Type::TimeExceeded => Icmpv4Code::TimeExceeded(code.into()),
            Icmpv4Type::ParameterProblem => Icmpv4Code::ParameterProblem(code.into()),
            Icmpv4Type::Photuris => Icmpv4Code::Photuris(code.into()),
            Icmpv4Type::ExtendedEchoRequest => Icmpv4Code::ExtEchoRequest(code.into()),
            Icmpv4Type::ExtendedEchoReply => Icmpv4Code::ExtEchoReply(code.into()),
            _ => Icmpv4Code::Other(code),
        }
    }

    /// The value on the wire.
    pub fn value(self) -> u8 {
        match self {
            Icmpv4Code::Unreachable(c) => c.value(),
            Icmpv4Code::Redirect(c) => c.value(),
            Icmpv4Code::AltHost(c) => c.value(),
            Icmpv4Code::RouterAdvert(c) => c.value(),
            Icmpv4Code::TimeExceeded(c) => c.value(),
            Icmpv4Code::ParameterProblem(c) => c.value(),
            Icmpv4Code::Photuris(c) => c.value(),
            Icmpv4Code::ExtEchoRequest(c) => c.value(),
            Icmpv4Code::ExtEchoReply(c) => c.value(),
            Icmpv4Code::Other(c) => c,
        }
    }

    /// The code table of a message type, for types whose codes have names.
    pub fn table(ty: Icmpv4Type) -> Option<&'static [(u64, &'static str)]> {
        Some(match ty {
            Icmpv4Type::DestinationUnreachable => UnreachableCode::VALS,
            Icmpv4Type::Redirect => RedirectCode::VALS,
            Icmpv4Type::AlternateHostAddress => AltHostCode::VALS,
            Icmpv4Type::RouterAdvertisement => RouterAdvertCode::VALS,
            Icmpv4Type::TimeExceeded => TimeExceededCode::VALS,
            Icmpv4Type::ParameterProblem => ParameterProblemCode::VALS,
            Icmpv4Type::Photuris => PhoturisCode::VALS,
            Icmpv4Type::ExtendedEchoRequest => ExtEchoRequestCode::VALS,
            Icmpv4Type::ExtendedEchoReply => ExtEchoReplyCode::VALS,
            _ => return None,
        })
    }
}

crate::code_points! {
    /// Agent Advertisement extension types (RFC 5944 §2.1, RFC 4721 §2.1): `icmp.mip.type`.
    pub enum AgentExtType: u8 {
        Padding = 0 => "One byte padding extension",
        MobilityAgentAdvertisement = 16 => "Mobility Agent Advertisement Extension",
        PrefixLengths = 19 => "Prefix Lengths Extension",
        Challenge = 24 => "Challenge Extension",
    }
}

/// Wireshark's `signed_time_secs_to_str`: "2 hours, 30 minutes", "0 seconds".
fn write_duration(out: &mut dyn Sink, secs: u64) {
    if secs == 0 {
        out.push_str("0 seconds");
        return;
    }
    let parts = [(secs / 86_400, "day"), ((secs / 3600) % 24, "hour"), ((secs / 60) % 60, "minute"), (secs % 60, "second")];
    let mut first = true;
    for (n, unit) in parts {
        if n == 0 {
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_dec(out, n);
        out.push(' ');
        out.push_str(unit);
        if n != 1 {
            out.push('s');
        }
    }
}

/// "1800 (30 minutes)".
fn lifetime_text(v: &Value, out: &mut dyn Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(" (");
        write_duration(out, n);
        out.push(')');
    }
}

/// "600", or "65535 (infinity)" (RFC 5944 §2.1.1: 0xffff is infinity).
fn reg_lifetime_text(v: &Value, out: &mut dyn Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        if n == 0xffff {
            out.push_str(" (infinity)");
        }
    }
}

pub static ICMP: FieldDef = FieldDef::new("icmp", "Internet Control Message Protocol", Kind::Protocol).short("ICMP");
pub static TYPE: FieldDef = FieldDef::new("icmp.type", "Type", Kind::Uint(1));
pub static CODE: FieldDef = FieldDef::new("icmp.code", "Code", Kind::Uint(1));
pub static CHECKSUM: FieldDef = FieldDef::new("icmp.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = checksum::status_field("icmp.checksum.status", "Checksum Status");
pub static UNUSED: FieldDef = FieldDef::new("icmp.unused", "Unused", Kind::Bytes);
pub static RESERVED: FieldDef = FieldDef::new("icmp.reserved", "Reserved", Kind::Bytes);
pub static IDENT: FieldDef = FieldDef::new("icmp.ident", "Identifier (BE)", Kind::Uint(2))
    .base(crate::field::Base::DecHex)
    .blurb("Identifier (big endian representation)");
pub static IDENT_LE: FieldDef = FieldDef::new("icmp.ident_le", "Identifier (LE)", Kind::Uint(2))
    .base(crate::field::Base::DecHex)
    .blurb("Identifier (little endian representation)");
pub static SEQ: FieldDef = FieldDef::new("icmp.seq", "Sequence Number (BE)", Kind::Uint(2))
    .base(crate::field::Base::DecHex)
    .blurb("Sequence Number (big endian representation)");
pub static SEQ_LE: FieldDef = FieldDef::new("icmp.seq_le", "Sequence Number (LE)", Kind::Uint(2))
    .base(crate::field::Base::DecHex)
    .blurb("Sequence Number (little endian representation)");
pub static DATA_TIME: FieldDef = FieldDef::new("icmp.data_time", "Timestamp from icmp data", Kind::AbsTime)
    .blurb("The first 8 data octets read as a struct timeval (32-bit seconds, microseconds), when they look like one");
pub static DATA_TIME_RELATIVE: FieldDef =
    FieldDef::new("icmp.data_time_relative", "Timestamp from icmp data (relative)", Kind::RelTime)
        .blurb("The frame's time minus the timestamp from icmp data");
pub static MTU: FieldDef = FieldDef::new("icmp.mtu", "MTU of next hop", Kind::Uint(2));
pub static LENGTH: FieldDef =
    FieldDef::new("icmp.length", "Length", Kind::Uint(1)).blurb("RFC 4884: length of the original datagram in 32-bit words");
pub static LENGTH_ORIGINAL: FieldDef =
    FieldDef::new("icmp.length.original_datagram", "Length of original datagram", Kind::Uint(1));
pub static POINTER: FieldDef = FieldDef::new("icmp.pointer", "Pointer", Kind::Uint(4));
pub static REDIR_GW: FieldDef = FieldDef::new("icmp.redir_gw", "Gateway Address", Kind::Ipv4);
pub static NUM_ADDRS: FieldDef = FieldDef::new("icmp.num_addrs", "Number of addresses", Kind::Uint(1));
pub static ADDR_ENTRY_SIZE: FieldDef = FieldDef::new("icmp.addr_entry_size", "Address entry size", Kind::Uint(1));
pub static LIFETIME: FieldDef = FieldDef::new("icmp.lifetime", "Lifetime", Kind::Uint(2)).custom(lifetime_text);
pub static ROUTER_ADDRESS: FieldDef = FieldDef::new("icmp.router_address", "Router address", Kind::Ipv4);
pub static PREF_LEVEL: FieldDef = FieldDef::new("icmp.pref_level", "Preference level", Kind::Int(4))
    .blurb("Signed; 0x80000000 means the address is never to be used as a default router (RFC 1256 §3)");
pub static ORIGINATE_TS: FieldDef = FieldDef::new("icmp.originate_timestamp", "Originate Timestamp", Kind::Uint(4));
pub static RECEIVE_TS: FieldDef = FieldDef::new("icmp.receive_timestamp", "Receive Timestamp", Kind::Uint(4));
pub static TRANSMIT_TS: FieldDef = FieldDef::new("icmp.transmit_timestamp", "Transmit Timestamp", Kind::Uint(4));
pub static ADDRESS_MASK: FieldDef = FieldDef::new("icmp.address_mask", "Address Mask", Kind::Ipv4);

pub static MIP_EXT: FieldDef = FieldDef::new("icmp.mip.ext", "Ext", Kind::None)
    .blurb("One Agent Advertisement extension (RFC 5944 §2.1); the subtree Wireshark labels \"Ext:\"");
pub static MIP_TYPE: FieldDef = FieldDef::new("icmp.mip.type", "Extension Type", Kind::Uint(1)).vals(AgentExtType::VALS);
pub static MIP_LENGTH: FieldDef = FieldDef::new("icmp.mip.length", "Length", Kind::Uint(1));
pub static MIP_PREFIX_LENGTH: FieldDef = FieldDef::new("icmp.mip.prefixlength", "Prefix Length", Kind::Uint(1));
pub static MIP_SEQ: FieldDef = FieldDef::new("icmp.mip.seq", "Sequence Number", Kind::Uint(2))
    .blurb("Agent Advertisements sent since the agent was initialized (RFC 5944 §2.1.1, §2.3.2)");
pub static MIP_LIFE: FieldDef = FieldDef::new("icmp.mip.life", "Registration Lifetime", Kind::Uint(2))
    .custom(reg_lifetime_text)
    .blurb("Longest registration lifetime in seconds the agent accepts; 0xffff is infinity (RFC 5944 §2.1.1)");
pub static MIP_FLAGS: FieldDef = FieldDef::new("icmp.mip.flags", "Flags", Kind::Uint(2)).hex();
pub static MIP_R: FieldDef = FieldDef::new("icmp.mip.r", "Registration Required", Kind::Bool(2)).mask(MaaFlags::R as u64);
pub static MIP_B: FieldDef = FieldDef::new("icmp.mip.b", "Busy", Kind::Bool(2)).mask(MaaFlags::B as u64);
pub static MIP_H: FieldDef = FieldDef::new("icmp.mip.h", "Home Agent", Kind::Bool(2)).mask(MaaFlags::H as u64);
pub static MIP_F: FieldDef = FieldDef::new("icmp.mip.f", "Foreign Agent", Kind::Bool(2)).mask(MaaFlags::F as u64);
pub static MIP_M: FieldDef = FieldDef::new("icmp.mip.m", "Minimal Encapsulation", Kind::Bool(2)).mask(MaaFlags::M as u64);
pub static MIP_G: FieldDef = FieldDef::new("icmp.mip.g", "GRE", Kind::Bool(2)).mask(MaaFlags::G as u64);
pub static MIP_V: FieldDef = FieldDef::new("icmp.mip.v", "Reserved (r; formerly VJ Comp)", Kind::Bool(2))
    .mask(MaaFlags::V as u64)
    .blurb("RFC 5944 §2.1.1 'r': sent as zero, ignored on reception (Van Jacobson compression in RFC 2002)");
pub static MIP_RT: FieldDef = FieldDef::new("icmp.mip.rt", "Reverse tunneling", Kind::Bool(2)).mask(MaaFlags::T as u64);
pub static MIP_U: FieldDef = FieldDef::new("icmp.mip.u", "UDP tunneling", Kind::Bool(2)).mask(MaaFlags::U as u64);
pub static MIP_X: FieldDef = FieldDef::new("icmp.mip.x", "Revocation support", Kind::Bool(2)).mask(MaaFlags::X as u64);
pub static MIP_I: FieldDef = FieldDef::new("icmp.mip.i", "Regional registration", Kind::Bool(2))
    .mask(MaaFlags::I as u64)
    .blurb("RFC 5944 §2.1.1 'I': the foreign agent supports regional registration (RFC 4857); tshark 4.0 counts it as reserved");
pub static MIP_RESERVED: FieldDef =
    FieldDef::new("icmp.mip.reserved", "Reserved", Kind::Uint(2)).hex().mask(MaaFlags::RESERVED as u64);
pub static MIP_COA: FieldDef = FieldDef::new("icmp.mip.coa", "Care-Of-Address", Kind::Ipv4);
pub static MIP_CHALLENGE: FieldDef = FieldDef::new("icmp.mip.challenge", "Challenge", Kind::Bytes);
pub static MIP_CONTENT: FieldDef = FieldDef::new("icmp.mip.content", "Content", Kind::Bytes);

pub static BAD_CHECKSUM: ExpertDef = ExpertDef::new("icmp.checksum_bad", Group::Checksum, Severity::Error, "Bad checksum");
pub static INVOKING_TRUNCATED: ExpertDef = ExpertDef::new(
    "icmp.invoking.truncated",
    Group::Protocol,
    Severity::Note,
    "Invoking packet inside an ICMP error is cut short (allowed: RFC 792 quotes its header + 64 bits, RFC 1812 §4.3.2.3 more)",
);
pub static RA_PAST_END: ExpertDef = ExpertDef::new(
    "icmp.ra.entries_past_end",
    Group::Malformed,
    Severity::Error,
    "Router entries run past the message (RFC 1256 §5.2: the ICMP length must be at least 8 + Num Addrs x Addr Entry Size x 4)",
);
pub static RA_ENTRY_SIZE: ExpertDef = ExpertDef::new(
    "icmp.ra.entry_size",
    Group::Malformed,
    Severity::Warn,
    "Address Entry Size is not 2 (RFC 1256 §3); the entries are shown as data",
);
pub static MIP_EXT_PAST_END: ExpertDef = ExpertDef::new(
    "icmp.mip.ext.past_end",
    Group::Malformed,
    Severity::Error,
    "Agent Advertisement extension runs past the end of the message (RFC 5944 §2.1)",
);
pub static MIP_MAA_LENGTH: ExpertDef = ExpertDef::new(
    "icmp.mip.maa.length",
    Group::Malformed,
    Severity::Warn,
    "Mobility Agent Advertisement extension Length is not 6 + 4N (RFC 5944 §2.1.1)",
);
pub static MIP_MAA_FIRST: ExpertDef = ExpertDef::new(
    "icmp.mip.maa.not_first",
    Group::Protocol,
    Severity::Warn,
    "Extensions without a Mobility Agent Advertisement extension right after the router entries (RFC 5944 §2.1, §2.1.1)",
);
pub static MIP_PREFIX_COUNT: ExpertDef = ExpertDef::new(
    "icmp.mip.prefixlength.count",
    Group::Protocol,
    Severity::Warn,
    "Prefix-Lengths extension Length differs from Num Addrs (RFC 5944 §2.1.2)",
);
pub static MIP_FLAGS_INVALID: ExpertDef = ExpertDef::new(
    "icmp.mip.flags.invalid",
    Group::Protocol,
    Severity::Warn,
    "Mobility Agent Advertisement flags break RFC 5944 §2.1.1",
);
pub static MIP_RESERVED_NONZERO: ExpertDef = ExpertDef::new(
    "icmp.mip.reserved.nonzero",
    Group::Protocol,
    Severity::Note,
    "Reserved flag bits not zero (RFC 5944 §2.1.1: sent as zero, ignored on reception)",
);
pub static MIP_TTL: ExpertDef = ExpertDef::new(
    "icmp.mip.ttl",
    Group::Protocol,
    Severity::Warn,
    "Agent Advertisement with an IP TTL other than 1 (RFC 5944 §2.1)",
);
pub static MIP_SOLICIT_TTL: ExpertDef = ExpertDef::new(
    "icmp.mip.solicit_ttl",
    Group::Protocol,
    Severity::Note,
    "Router Solicitation with an IP TTL other than 1: not a valid Agent Solicitation (RFC 5944 §2.2)",
);
pub static MIP_PADDING: ExpertDef = ExpertDef::new(
    "icmp.mip.padding",
    Group::Protocol,
    Severity::Note,
    "One-byte Padding extension repeated or not last (RFC 5944 §2.1.3)",
);
pub static MIP_EXT_UNKNOWN: ExpertDef = ExpertDef::new(
    "icmp.mip.ext.unknown",
    Group::Undecoded,
    Severity::Note,
    "Unknown Agent Advertisement extension (128-255: skipped, RFC 5944 §1.9)",
);
pub static MIP_EXT_UNKNOWN_DISCARD: ExpertDef = ExpertDef::new(
    "icmp.mip.ext.unknown_discard",
    Group::Protocol,
    Severity::Warn,
    "Unknown Agent Advertisement extension 0-127: a mobile node must silently discard the advertisement (RFC 5944 §1.9)",
);

pub static FIELDS: &[&FieldDef] = &[
    &ICMP,
    &TYPE,
    &CODE,
    &CHECKSUM,
    &CHECKSUM_STATUS,
    &UNUSED,
    &RESERVED,
    &IDENT,
    &IDENT_LE,
    &SEQ,
    &SEQ_LE,
    &DATA_TIME,
    &DATA_TIME_RELATIVE,
    &MTU,
    &LENGTH,
    &LENGTH_ORIGINAL,
    &POINTER,
    &REDIR_GW,
    &NUM_ADDRS,
    &ADDR_ENTRY_SIZE,
    &LIFETIME,
    &ROUTER_ADDRESS,
    &PREF_LEVEL,
    &ORIGINATE_TS,
    &RECEIVE_TS,
    &TRANSMIT_TS,
    &ADDRESS_MASK,
    &MIP_EXT,
    &MIP_TYPE,
    &MIP_LENGTH,
    &MIP_PREFIX_LENGTH,
    &MIP_SEQ,
    &MIP_LIFE,
    &MIP_FLAGS,
    &MIP_R,
    &MIP_B,
    &MIP_H,
    &MIP_F,
    &MIP_M,
    &MIP_G,
    &MIP_V,
    &MIP_RT,
    &MIP_U,
    &MIP_X,
    &MIP_I,
    &MIP_RESERVED,
    &MIP_COA,
    &MIP_CHALLENGE,
    &MIP_CONTENT,
];
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_CHECKSUM,
    &INVOKING_TRUNCATED,
    &RA_PAST_END,
    &RA_ENTRY_SIZE,
    &MIP_EXT_PAST_END,
    &MIP_MAA_LENGTH,
    &MIP_MAA_FIRST,
    &MIP_PREFIX_COUNT,
    &MIP_FLAGS_INVALID,
    &MIP_RESERVED_NONZERO,
    &MIP_TTL,
    &MIP_SOLICIT_TTL,
    &MIP_PADDING,
    &MIP_EXT_UNKNOWN,
    &MIP_EXT_UNKNOWN_DISCARD,
];

/// Addr Entry Size of every router advertisement: 2 words, a router address and its
/// preference level (RFC 1256 §3); mipscope reads entries and agent extensions only then.
pub const ENTRY_WORDS: u8 = 2;
/// One address entry's octets.
const ENTRY_LEN: usize = ENTRY_WORDS as usize * 4;
/// The IP TTL of agent advertisements and solicitations (RFC 5944 §2.1, §2.2: "MUST be 1").
pub const AGENT_TTL: u8 = 1;

layout! {
    /// RFC 1256 §3, the second word of a Router Advertisement (type 9):
    /// ```text
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |   Num Addrs   |Addr Entry Size|           Lifetime            |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                       Router Address[1]                       |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                      Preference Level[1]                      |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                              ...                              |
    /// ```
    pub struct RouterAdvHeader {
        pub num_addrs: u8 => [&NUM_ADDRS],
        pub entry_size: u8 => [&ADDR_ENTRY_SIZE],
        pub lifetime: u16 => [&LIFETIME],
    }
}

layout! {
    /// RFC 5944 §2.1.1, the Mobility Agent Advertisement extension after Type and Length:
    /// ```text
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |     Type      |    Length     |        Sequence Number        |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |     Registration Lifetime     |R|B|H|F|M|G|r|T|U|X|I|reserved |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                  zero or more Care-of Addresses               |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                              ...                              |
    /// ```
    /// Type 16, Length 6 + 4N for N care-of addresses. The flags word is annotated by hand
    /// (a subtree of one node per flag).
    pub struct MobilityAgentAdv {
        pub seq: u16 => [&MIP_SEQ],
        pub reg_lifetime: u16 => [&MIP_LIFE],
        pub flags: u16 => [],
    }
}

crate::flags! {
    /// The Mobility Agent Advertisement flags (RFC 5944 §2.1.1: R B H F M G r T U X I, then
    /// five reserved bits, kept as they were).
    pub struct MaaFlags: u16 {
        R = 0x8000 => 'R' "Registration required with this foreign agent",
        B = 0x4000 => 'B' "Busy: no more registrations accepted",
        H = 0x2000 => 'H' "Home agent on this link",
        F = 0x1000 => 'F' "Foreign agent on this link",
        M = 0x0800 => 'M' "Minimal encapsulation (RFC 2004)",
        G = 0x0400 => 'G' "GRE encapsulation",
        V = 0x0200 => 'r' "r: sent as zero, ignored (Van Jacobson compression in RFC 2002)",
        T = 0x0100 => 'T' "Reverse tunneling (RFC 3024)",
        U = 0x0080 => 'U' "UDP tunneling (RFC 3519)",
        X = 0x0040 => 'X' "Revocation support (RFC 3543)",
        I = 0x0020 => 'I' "Regional registration (RFC 4857)",
    }
}

const FLAG_R: u16 = MaaFlags::R;
const FLAG_B: u16 = MaaFlags::B;
const FLAG_H: u16 = MaaFlags::H;
const FLAG_F: u16 = MaaFlags::F;
const FLAG_RSV_R: u16 = MaaFlags::V;
const FLAG_RESERVED: u16 = MaaFlags::RESERVED;

/// Every flag bit, in wire order, with the name tshark lists in the Flags label.
static MIP_FLAG_BITS: &[(&FieldDef, &str)] = &[
    (&MIP_R, "Registration Required"),
    (&MIP_B, "Busy"),
    (&MIP_H, "Home Agent"),
    (&MIP_F, "Foreign Agent"),
    (&MIP_M, "Minimal Encapsulation"),
    (&MIP_G, "GRE"),
    (&MIP_V, "r"),
    (&MIP_RT, "Reverse tunneling"),
    (&MIP_U, "UDP tunneling"),
    (&MIP_X, "Revocation support"),
    (&MIP_I, "Regional registration"),
];

/// A length field that cannot describe what emission would write (the field, and the count
/// it would have to hold). A crafter who wants a lying length gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    pub what: &'static str,
    pub len: usize,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cannot describe {}", self.what, self.len)
    }
}

impl std::error::Error for TooLong {}

/// An ICMPv4 message (RFC 792), owned and lossless: what `parse` read re-emits identically (a
/// wrong checksum, unused octets, lying counts and lengths, trailing octets included); a crafted
/// one leaves the checksum, the Router Advertisement's counts and the extension lengths to be
/// computed. `B` holds the variable parts (`&[u8]` as parsed, `Vec<u8>` owned). The dissector
/// parses with this same definition and annotates the tree from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Icmpv4<B> {
    pub ty: Icmpv4Type,
    pub code: Icmpv4Code,
    /// Over the whole message (no pseudo-header) unless given.
    pub checksum: Auto<u16>,
    pub body: Icmpv4Body<B>,
}

/// What follows Type, Code and Checksum, by the message's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Icmpv4Body<B> {
    /// Echo Request/Reply (8, 0), Information Request/Reply (15, 16): the data is echoed.
    Echo { ident: u16, seq: u16, data: B },
    /// Timestamp Request/Reply (13, 14). A message cut short has the timestamps there are
    /// (`None` from the first missing one on); `trailer` is any octet after them (part of a
    /// cut timestamp, or octets past the three).
    Timestamp { ident: u16, seq: u16, originate: Option<u32>, receive: Option<u32>, transmit: Option<u32>, trailer: B },
    /// Address Mask Request/Reply (17, 18, RFC 950); `mask` is `None` on a message cut short.
    AddressMask { ident: u16, seq: u16, mask: Option<[u8; 4]>, trailer: B },
    /// Destination Unreachable (3), Source Quench (4), Time Exceeded (11), Parameter Problem
    /// (12): the word RFC 792 and RFC 4884 define, then the invoking packet as it was quoted
    /// (the frame parses it as a nested IP packet).
    Error {
        /// Parameter Problem's Pointer (12); unused otherwise.
        pointer: u8,
        /// RFC 4884's length of the quoted datagram in 32-bit words (3, 11, 12): 0 when the
        /// message says nothing (no ICMP extension structure follows), so it is a value here,
        /// not a length to compute.
        length: u8,
        /// Next-hop MTU of Fragmentation Needed (3/4, RFC 1191); unused otherwise.
        mtu: u16,
        invoking: B,
    },
    /// Redirect (5): the gateway, then the invoking packet.
    Redirect { gateway: [u8; 4], invoking: B },
    /// Router Advertisement (9), with the Agent Advertisement extensions of RFC 5944 §2.1.
    RouterAdvert(RouterAdvert<B>),
    /// Router Solicitation (10), also an Agent Solicitation (RFC 5944 §2.2).
    RouterSolicit { reserved: u32, trailer: B },
    /// Any other type (and a Source Quench shorter than 8 octets): the octets after the
    /// checksum.
    Other { rest: B },
}

/// A Router Advertisement (RFC 1256 §3) after its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouterAdvert<B> {
    /// Entries in `entries` unless given.
    pub num_addrs: Auto<u8>,
    /// 2 (words per entry) unless given.
    pub entry_size: Auto<u8>,
    pub lifetime: u16,
    /// The router entries as on the wire, 8 octets each ([`RouterAdvert::entries`],
    /// [`encode_entries`]); a message that ends inside them keeps the part of the last one.
    pub entries: B,
    /// What follows the entries: Agent Advertisement extensions when
    /// [`RouterAdvert::has_extensions`] ([`RouterAdvert::extensions`], [`encode_extensions`]),
    /// otherwise octets shown as data (all the octets after the first word when the Address
    /// Entry Size is not 2).
    pub extensions: B,
}

/// One router entry (RFC 1256 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RouterEntry {
    pub address: [u8; 4],
    /// Signed; 0x80000000 means never a default router.
    pub preference: i32,
}

/// The octets of `entries`, for [`RouterAdvert::entries`].
pub fn encode_entries(entries: &[RouterEntry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * 8);
    for e in entries {
        out.extend_from_slice(&e.address);
        out.extend_from_slice(&e.preference.to_be_bytes());
    }
    out
}

/// The octets of `extensions` in order, for [`RouterAdvert::extensions`] (an error if a
/// computed Length would pass 255).
pub fn encode_extensions<B: AsRef<[u8]>>(extensions: &[AgentExt<B>]) -> Result<Vec<u8>, TooLong> {
    let mut out = Vec::new();
    for e in extensions {
        e.emit(&mut out)?;
    }
    Ok(out)
}

/// One Agent Advertisement extension (RFC 5944 §2.1), lossless: a parsed one whose Length
/// runs past the message keeps that Length and the octets there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentExt<B> {
    /// One-byte Padding (type 0, no Length; RFC 5944 §2.1.3).
    Padding,
    /// Mobility Agent Advertisement (type 16, RFC 5944 §2.1.1).
    MobilityAgent(MobilityAgentExt<B>),
    /// Prefix-Lengths (type 19, RFC 5944 §2.1.2): one octet per router address.
    PrefixLengths { length: Auto<u8>, lengths: B },
    /// Challenge (type 24, RFC 4721 §2.1).
    Challenge { length: Auto<u8>, challenge: B },
    /// Any other type, or a type 16 too short for its fixed part.
    Other { ty: AgentExtType, length: Auto<u8>, data: B },
    /// A type octet with no Length after it (the message ends).
    Unframed(B),
}

/// The Mobility Agent Advertisement extension (RFC 5944 §2.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MobilityAgentExt<B> {
    /// 6 + 4 × care-of addresses unless given.
    pub length: Auto<u8>,
    pub seq: u16,
    /// Seconds; 0xffff is infinity.
    pub reg_lifetime: u16,
    pub flags: MaaFlags,
    /// The care-of addresses as on the wire, 4 octets each ([`MobilityAgentExt::coas`]); a
    /// Length that is not 6 + 4N leaves a partial one, kept.
    pub coas: B,
}

impl<B: AsRef<[u8]>> MobilityAgentExt<B> {
    /// The whole care-of addresses.
    pub fn coas(&self) -> impl Iterator<Item = [u8; 4]> + '_ {
        self.coas.as_ref().chunks_exact(4).filter_map(|c| c.try_into().ok())
    }
}

impl<B: AsRef<[u8]>> AgentExt<B> {
    /// The extension type.
    pub fn ty(&self) -> AgentExtType {
        match self {
            AgentExt::Padding => AgentExtType::Padding,
            AgentExt::MobilityAgent(_) => AgentExtType::MobilityAgentAdvertisement,
            AgentExt::PrefixLengths { .. } => AgentExtType::PrefixLengths,
            AgentExt::Challenge { .. } => AgentExtType::Challenge,
            AgentExt::Other { ty, .. } => *ty,
            AgentExt::Unframed(b) => AgentExtType::from(b.as_ref().first().copied().unwrap_or(0)),
        }
    }

    /// The Length octet emitted (`None` for Padding and an unframed octet); an error past 255.
    pub fn length(&self) -> Result<Option<u8>, TooLong> {
        let (given, n) = match self {
            AgentExt::Padding | AgentExt::Unframed(_) => return Ok(None),
            AgentExt::MobilityAgent(m) => (m.length, MobilityAgentAdv::LEN + m.coas.as_ref().len()),
            AgentExt::PrefixLengths { length, lengths: d } | AgentExt::Challenge { length, challenge: d } => {
                (*length, d.as_ref().len())
            }
            AgentExt::Other { length, data, .. } => (*length, data.as_ref().len()),
        };
        match given {
            Auto::Given(v) => Ok(Some(v)),
            Auto::Computed => {
                u8::try_from(n).map(Some).map_err(|_| TooLong { what: "Agent Advertisement extension Length", len: n })
            }
        }
    }

    /// Octets `emit` writes.
    pub fn wire_len(&self) -> usize {
        match self {
            AgentExt::Padding => 1,
            AgentExt::MobilityAgent(m) => 2 + MobilityAgentAdv::LEN + m.coas.as_ref().len(),
            AgentExt::PrefixLengths { lengths: d, .. }
            | AgentExt::Challenge { challenge: d, .. }
            | AgentExt::Other { data: d, .. } => 2 + d.as_ref().len(),
            AgentExt::Unframed(b) => b.as_ref().len(),
        }
    }

    /// Appends the extension, its Length computed unless given.
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), TooLong> {
        if let AgentExt::Unframed(b) = self {
            out.extend_from_slice(b.as_ref());
            return Ok(());
        }
        out.push(self.ty().value());
        if let Some(len) = self.length()? {
            out.push(len);
        }
        match self {
            AgentExt::MobilityAgent(m) => {
                MobilityAgentAdv { seq: m.seq, reg_lifetime: m.reg_lifetime, flags: m.flags.0 }.emit(out);
                out.extend_from_slice(m.coas.as_ref());
            }
            AgentExt::PrefixLengths { lengths: d, .. }
            | AgentExt::Challenge { challenge: d, .. }
            | AgentExt::Other { data: d, .. } => out.extend_from_slice(d.as_ref()),
            AgentExt::Padding | AgentExt::Unframed(_) => {}
        }
        Ok(())
    }

    /// The same extension owning its octets.
    pub fn to_owned(&self) -> AgentExt<Vec<u8>> {
        let v = |b: &B| b.as_ref().to_vec();
        match self {
            AgentExt::Padding => AgentExt::Padding,
            AgentExt::MobilityAgent(m) => AgentExt::MobilityAgent(MobilityAgentExt {
                length: m.length,
                seq: m.seq,
                reg_lifetime: m.reg_lifetime,
                flags: m.flags,
                coas: v(&m.coas),
            }),
            AgentExt::PrefixLengths { length, lengths } => AgentExt::PrefixLengths { length: *length, lengths: v(lengths) },
            AgentExt::Challenge { length, challenge } => AgentExt::Challenge { length: *length, challenge: v(challenge) },
            AgentExt::Other { ty, length, data } => AgentExt::Other { ty: *ty, length: *length, data: v(data) },
            AgentExt::Unframed(b) => AgentExt::Unframed(v(b)),
        }
    }
}

impl<'a> AgentExt<&'a [u8]> {
    /// Parses one extension from the start of `i` (the rest of the extension area); returns it
    /// and its octets, `None` only for an empty `i`. A Length past the end of `i` is kept with
    /// the octets there are.
    pub fn parse(i: &'a [u8]) -> Option<(Self, usize)> {
        let &ty = i.first()?;
        if ty == AgentExtType::Padding.value() {
            return Some((AgentExt::Padding, 1));
        }
        let Some(&len) = i.get(1) else { return Some((AgentExt::Unframed(i), 1)) };
        let end = (2 + usize::from(len)).min(i.len());
        let body = &i[2..end];
        let length = Auto::Given(len);
        let e = match AgentExtType::from(ty) {
            AgentExtType::MobilityAgentAdvertisement => match MobilityAgentAdv::parse(body) {
                Ok((coas, m)) => AgentExt::MobilityAgent(MobilityAgentExt {
                    length,
                    seq: m.seq,
                    reg_lifetime: m.reg_lifetime,
                    flags: MaaFlags(m.flags),
                    coas,
                }),
                Err(_) => AgentExt::Other { ty: ty.into(), length, data: body },
            },
            AgentExtType::PrefixLengths => AgentExt::PrefixLengths { length, lengths: body },
            AgentExtType::Challenge => AgentExt::Challenge { length, challenge: body },
            t => AgentExt::Other { ty: t, length, data: body },
        };
        Some((e, end))
    }
}

/// The extensions of an extension area in order: every octet is in exactly one item.
#[derive(Debug, Clone, Copy)]
pub struct AgentExts<'a> {
    rest: &'a [u8],
}

impl<'a> AgentExts<'a> {
    pub fn new(area: &'a [u8]) -> Self {
        AgentExts { rest: area }
    }
}

impl<'a> Iterator for AgentExts<'a> {
    type Item = AgentExt<&'a [u8]>;
    fn next(&mut self) -> Option<Self::Item> {
        let (e, n) = AgentExt::parse(self.rest)?;
        self.rest = self.rest.get(n..).unwrap_or_default();
        Some(e)
    }
}

impl<B: AsRef<[u8]>> RouterAdvert<B> {
    /// The whole router entries (a partial last one is not among them).
    pub fn entries(&self) -> impl Iterator<Item = RouterEntry> + '_ {
        self.entries.as_ref().chunks_exact(8).filter_map(|c| crate::wire::Reader::new(c).exact::<8>()).map(
            |[a0, a1, a2, a3, p0, p1, p2, p3]| RouterEntry {
                address: [a0, a1, a2, a3],
                preference: i32::from_be_bytes([p0, p1, p2, p3]),
            },
        )
    }

    /// Whether `extensions` holds Agent Advertisement extensions in a message of code `code`:
    /// code 0 or 16 (RFC 5944 §2.1), 2-word entries, all of them there.
    pub fn has_extensions(&self, code: u8) -> bool {
        let Ok((n, size)) = self.counts() else { return false };
        matches!(RouterAdvertCode::from(code), RouterAdvertCode::Normal | RouterAdvertCode::NoCommonTraffic)
            && size == ENTRY_WORDS
            && self.entries.as_ref().len() == usize::from(n) * ENTRY_LEN
    }

    /// The extensions (none when [`RouterAdvert::has_extensions`] is false for this `code`).
    pub fn extensions(&self, code: u8) -> AgentExts<'_> {
        AgentExts::new(if self.has_extensions(code) { self.extensions.as_ref() } else { &[] })
    }

    /// Num Addrs and Addr Entry Size as emitted.
    pub fn counts(&self) -> Result<(u8, u8), TooLong> {
        let n = self.entries.as_ref().len() / ENTRY_LEN;
        let num = match self.num_addrs {
            Auto::Given(v) => v,
            Auto::Computed => u8::try_from(n).map_err(|_| TooLong { what: "Num Addrs", len: n })?,
        };
        Ok((num, self.entry_size.or_else(|| ENTRY_WORDS)))
    }

    fn emit(&self, out: &mut Vec<u8>) -> Result<(), TooLong> {
        let (num_addrs, entry_size) = self.counts()?;
        RouterAdvHeader { num_addrs, entry_size, lifetime: self.lifetime }.emit(out);
        out.extend_from_slice(self.entries.as_ref());
        out.extend_from_slice(self.extensions.as_ref());
        Ok(())
    }

    fn map<C>(&self, f: impl Fn(&B) -> C) -> RouterAdvert<C> {
        RouterAdvert {
            num_addrs: self.num_addrs,
            entry_size: self.entry_size,
            lifetime: self.lifetime,
            entries: f(&self.entries),
            extensions: f(&self.extensions),
        }
    }
}

impl<'a> RouterAdvert<&'a [u8]> {
    /// Parses what follows the first word (`i`: from octet 4): the counts, the entries the Num
    /// Addrs says (as far as `i` goes) when entries are 2 words, and the rest.
    fn parse(i: &'a [u8]) -> Option<Self> {
        let (rest, h) = RouterAdvHeader::parse(i).ok()?;
        let mut ra = RouterAdvert {
            num_addrs: Auto::Given(h.num_addrs),
            entry_size: Auto::Given(h.entry_size),
            lifetime: h.lifetime,
            entries: &rest[..0],
            extensions: rest,
        };
        if h.entry_size == ENTRY_WORDS {
            let n = (usize::from(h.num_addrs) * ENTRY_LEN).min(rest.len());
            (ra.entries, ra.extensions) = rest.split_at(n);
        }
        Some(ra)
    }
}

impl<B: AsRef<[u8]>> Icmpv4Body<B> {
    /// Whether a message of type `ty` with this body is cut inside its second word: the
    /// types that have one (echo, errors, redirect, router discovery, timestamp, information,
    /// address mask) kept as [`Icmpv4Body::Other`] because fewer than 8 octets were there.
    pub fn is_cut(&self, ty: Icmpv4Type) -> bool {
        use Icmpv4Type::*;
        matches!(self, Icmpv4Body::Other { .. })
            && matches!(
                ty,
                EchoReply
                    | DestinationUnreachable
                    | Redirect
                    | EchoRequest
                    | RouterAdvertisement
                    | RouterSolicitation
                    | TimeExceeded
                    | ParameterProblem
                    | TimestampRequest
                    | TimestampReply
                    | InformationRequest
                    | InformationReply
                    | AddressMaskRequest
                    | AddressMaskReply
            )
    }

    /// The invoking packet an error message quotes (Destination Unreachable, Source Quench,
    /// Redirect, Time Exceeded, Parameter Problem), as it was quoted: an IP packet, usually cut.
    pub fn invoking(&self) -> Option<&[u8]> {
        match self {
            Icmpv4Body::Error { invoking, .. } | Icmpv4Body::Redirect { invoking, .. } => Some(invoking.as_ref()),
            _ => None,
        }
    }

    fn emit(&self, out: &mut Vec<u8>) -> Result<(), TooLong> {
        let ids = |out: &mut Vec<u8>, ident: u16, seq: u16| {
            out.extend_from_slice(&ident.to_be_bytes());
            out.extend_from_slice(&seq.to_be_bytes());
        };
        match self {
            Icmpv4Body::Echo { ident, seq, data } => {
                ids(out, *ident, *seq);
                out.extend_from_slice(data.as_ref());
            }
            Icmpv4Body::Timestamp { ident, seq, originate, receive, transmit, trailer } => {
                ids(out, *ident, *seq);
                for ts in [originate, receive, transmit].into_iter().map_while(|t| *t) {
                    out.extend_from_slice(&ts.to_be_bytes());
                }
                out.extend_from_slice(trailer.as_ref());
            }
            Icmpv4Body::AddressMask { ident, seq, mask, trailer } => {
                ids(out, *ident, *seq);
                out.extend_from_slice(mask.as_ref().map_or(&[][..], |m| &m[..]));
                out.extend_from_slice(trailer.as_ref());
            }
            Icmpv4Body::Error { pointer, length, mtu, invoking } => {
                out.extend_from_slice(&[*pointer, *length]);
                out.extend_from_slice(&mtu.to_be_bytes());
                out.extend_from_slice(invoking.as_ref());
            }
            Icmpv4Body::Redirect { gateway, invoking } => {
                out.extend_from_slice(gateway);
                out.extend_from_slice(invoking.as_ref());
            }
            Icmpv4Body::RouterAdvert(ra) => ra.emit(out)?,
            Icmpv4Body::RouterSolicit { reserved, trailer } => {
                out.extend_from_slice(&reserved.to_be_bytes());
                out.extend_from_slice(trailer.as_ref());
            }
            Icmpv4Body::Other { rest } => out.extend_from_slice(rest.as_ref()),
        }
        Ok(())
    }

    fn map<C>(&self, f: impl Fn(&B) -> C) -> Icmpv4Body<C> {
        match self {
            Icmpv4Body::Echo { ident, seq, data } => Icmpv4Body::Echo { ident: *ident, seq: *seq, data: f(data) },
            Icmpv4Body::Timestamp { ident, seq, originate, receive, transmit, trailer } => Icmpv4Body::Timestamp {
                ident: *ident,
                seq: *seq,
                originate: *originate,
                receive: *receive,
                transmit: *transmit,
                trailer: f(trailer),
            },
            Icmpv4Body::AddressMask { ident, seq, mask, trailer } => {
                Icmpv4Body::AddressMask { ident: *ident, seq: *seq, mask: *mask, trailer: f(trailer) }
            }
            Icmpv4Body::Error { pointer, length, mtu, invoking } => {
                Icmpv4Body::Error { pointer: *pointer, length: *length, mtu: *mtu, invoking: f(invoking) }
            }
            Icmpv4Body::Redirect { gateway, invoking } => Icmpv4Body::Redirect { gateway: *gateway, invoking: f(invoking) },
            Icmpv4Body::RouterAdvert(ra) => Icmpv4Body::RouterAdvert(ra.map(f)),
            Icmpv4Body::RouterSolicit { reserved, trailer } => {
                Icmpv4Body::RouterSolicit { reserved: *reserved, trailer: f(trailer) }
            }
            Icmpv4Body::Other { rest } => Icmpv4Body::Other { rest: f(rest) },
        }
    }
}

impl<'a> Icmpv4Body<&'a [u8]> {
    /// Parses the body of a message of type `ty` (`rest`: from octet 4). A body shorter than
    /// its type's second word is kept as [`Icmpv4Body::Other`] (see [`Icmpv4Body::is_cut`]).
    pub fn parse(ty: Icmpv4Type, rest: &'a [u8]) -> Self {
        let rd = Reader::new(rest);
        let (Some(word), Some(after)) = (rd.array::<4>(0), rest.get(4..)) else { return Icmpv4Body::Other { rest } };
        let (ident, seq) = (rd.u16(0).unwrap_or(0), rd.u16(2).unwrap_or(0));
        use Icmpv4Type as T;
        match ty {
            T::EchoReply | T::EchoRequest | T::InformationRequest | T::InformationReply => {
                Icmpv4Body::Echo { ident, seq, data: after }
            }
            T::TimestampRequest | T::TimestampReply => {
                let ts = |k: usize| Reader::new(after).u32(4 * k);
                let (originate, receive, transmit) = (ts(0), ts(1), ts(2));
                let n = [originate, receive, transmit].iter().take_while(|t| t.is_some()).count();
                Icmpv4Body::Timestamp { ident, seq, originate, receive, transmit, trailer: &after[4 * n..] }
            }
            T::AddressMaskRequest | T::AddressMaskReply => {
                let mask = Reader::new(after).array::<4>(0);
                Icmpv4Body::AddressMask { ident, seq, mask, trailer: &after[if mask.is_some() { 4 } else { 0 }..] }
            }
            T::DestinationUnreachable | T::SourceQuench | T::TimeExceeded | T::ParameterProblem => {
                Icmpv4Body::Error { pointer: word[0], length: word[1], mtu: rd.u16(2).unwrap_or(0), invoking: after }
            }
            T::Redirect => Icmpv4Body::Redirect { gateway: word, invoking: after },
            T::RouterAdvertisement => match RouterAdvert::parse(rest) {
                Some(ra) => Icmpv4Body::RouterAdvert(ra),
                None => Icmpv4Body::Other { rest },
            },
            T::RouterSolicitation => Icmpv4Body::RouterSolicit { reserved: rd.u32(0).unwrap_or(0), trailer: after },
            _ => Icmpv4Body::Other { rest },
        }
    }
}

impl<'a> Icmpv4<&'a [u8]> {
    /// Type, Code and Checksum at the start of `i`, or `None` when fewer than 4 octets are
    /// there.
    pub fn parse_header(i: &[u8]) -> Option<(Icmpv4Type, u8, u16)> {
        let &[ty, code, c0, c1] = i.first_chunk::<4>()?;
        Some((ty.into(), code, u16::from_be_bytes([c0, c1])))
    }

    /// Parses a message: all of `i` (an ICMP message runs to the end of its IP payload).
    /// Returns it and the octets it covers (`i.len()`); an error only on fewer than 4 octets.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (ty, code, ck) = Self::parse_header(i).ok_or(Cut::new(0, "ICMP header"))?;
        let body = Icmpv4Body::parse(ty, &i[4..]);
        Ok((Icmpv4 { ty, code: Icmpv4Code::from_wire(ty, code), checksum: Auto::Given(ck), body }, i.len()))
    }
}

impl<B: AsRef<[u8]>> Icmpv4<B> {
    /// Appends the message, computing what was not given: the checksum over the whole message
    /// (RFC 792), the Router Advertisement's counts. ICMPv4 needs nothing from the layers around
    /// it (no pseudo-header).
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), TooLong> {
        let start = out.len();
        out.extend_from_slice(&[self.ty.value(), self.code.value()]);
        out.extend_from_slice(&self.checksum.given().unwrap_or(0).to_be_bytes());
        if let Err(e) = self.body.emit(out) {
            out.truncate(start);
            return Err(e);
        }
        if self.checksum == Auto::Computed {
            let c = checksum::finish(checksum::sum(&out[start..], 0));
            out[start + 2..start + 4].copy_from_slice(&c.to_be_bytes());
        }
        Ok(())
    }

    /// The same message owning its octets.
    pub fn to_owned(&self) -> Icmpv4<Vec<u8>> {
        Icmpv4 { ty: self.ty, code: self.code, checksum: self.checksum, body: self.body.map(|b| b.as_ref().to_vec()) }
    }
}

/// Dissects an ICMP message at `off..end` (the IPv4 payload). `ip` is the carrying header;
/// ICMP has no pseudo-header, the IPv4 TTL is read from [`crate::tree::PacketState`].
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let end = end.min(t.data.len().max(off));
    let avail = end.saturating_sub(off);
    t.protocol(&ICMP, off, avail);
    t.set_protocol_column("ICMP");
    let ttl = match ip {
        IpCtx::V4 { .. } => t.pkt.ip4_ttl,
        IpCtx::V6 { .. } => None,
    };
    let msg = t.bytes(off, end);
    let Some((ty, code, csum)) = Icmpv4::parse_header(msg) else {
        t.set_info(format_args!("ICMP message of {avail} octets"));
        t.truncated(off, "ICMP header");
        t.close();
        return;
    };
    let type_name = match (ty.value(), code) {
        (9, 0 | 16) => "Mobile IP Advertisement",
        _ => ty.name().unwrap_or("Unknown ICMP (obsolete or malformed?)"),
    };
    let code_name = Icmpv4Code::table(ty).map(|c| crate::field::val_name(c, u64::from(code)));
    // Info as tshark: the type name padded to 20 columns, then the code's name.
    t.set_info(format_args!("{type_name:<20}"));
    match code_name {
        Some(Some(n)) => t.append_info(format_args!(" ({n})")),
        Some(None) => t.append_info(format_args!(" (Unknown code: {code})")),
        None => {}
    }
    let n = t.add_uint(&TYPE, off, 1, u64::from(ty.value()));
    t.append(n, format_args!(" ({type_name})"));
    let n = t.add_uint(&CODE, off + 1, 1, u64::from(code));
    match code_name {
        Some(Some(name)) => t.append(n, format_args!(" ({name})")),
        Some(None) => t.append(n, format_args!(" (Unknown code: {code})")),
        None => {}
    }
    checksum_fields(t, off, end, csum);
    let body = off + 4;
    // With the first 4 octets there, the parse keeps whatever follows.
    let m = match Icmpv4::parse(msg) {
        Ok((m, _)) if !m.body.is_cut(ty) => m,
        _ => {
            t.truncated(body, "ICMP header");
            t.close();
            return;
        }
    };
    match m.body {
        Icmpv4Body::Echo { ident, seq, .. }
        | Icmpv4Body::Timestamp { ident, seq, .. }
        | Icmpv4Body::AddressMask { ident, seq, .. } => {
            t.add_uint(&IDENT, body, 2, u64::from(ident));
            t.add_uint(&IDENT_LE, body, 2, u64::from(ident.swap_bytes()));
            t.add_uint(&SEQ, body + 2, 2, u64::from(seq));
            t.add_uint(&SEQ_LE, body + 2, 2, u64::from(seq.swap_bytes()));
            t.append_info(format_args!(" id=0x{ident:04x}, seq={seq}/{}", seq.swap_bytes()));
            // The IPv4 header's TTL, when the header carries ICMP itself (tshark's ICMP is
            // handed the header's values only then: not through an Authentication Header).
            if let (Some(ttl), false) = (ttl, t.pkt.ah) {
                t.append_info(format_args!(", ttl={}", ttl.0));
            }
            match m.body {
                Icmpv4Body::Echo { .. } if matches!(ty, Icmpv4Type::EchoReply | Icmpv4Type::EchoRequest) => {
                    let request = ty == Icmpv4Type::EchoRequest;
                    crate::analysis::track::echo::record(t, PairKind::Echo, request, csum, ident, seq, ip);
                    echo_data(t, body + 4, end)
                }
                Icmpv4Body::Timestamp { originate, receive, transmit, .. } => {
                    for (i, (def, ts)) in
                        [(&ORIGINATE_TS, originate), (&RECEIVE_TS, receive), (&TRANSMIT_TS, transmit)].into_iter().enumerate()
                    {
                        let at = body + 4 + 4 * i;
                        let Some(ts) = ts else {
                            t.truncated(at, "ICMP timestamp");
                            break;
                        };
                        t.add_uint(def, at, 4, u64::from(ts));
                    }
                }
                Icmpv4Body::AddressMask { mask, .. } => match mask {
                    Some(mask) => {
                        t.add(&ADDRESS_MASK, body + 4, 4, Value::Ipv4(mask));
                    }
                    None => t.truncated(body + 4, "ICMP address mask"),
                },
                _ => {}
            }
        }
        Icmpv4Body::Error { pointer, length: words, mtu, .. } if ty != Icmpv4Type::SourceQuench => {
            // RFC 4884 §4.1: the octet at offset 5 is the original datagram's length in
            // 32-bit words (0 when the message does not say).
            let frag_needed = m.code == Icmpv4Code::Unreachable(UnreachableCode::FragmentationNeeded);
            if ty == Icmpv4Type::ParameterProblem {
                t.add_uint(&POINTER, body, 1, u64::from(pointer));
            } else if words > 0 {
                t.add(&UNUSED, body, 1, Value::Bytes);
            }
            if words > 0 {
                t.add_uint(&LENGTH, body + 1, 1, u64::from(words));
                t.add_generated(&LENGTH_ORIGINAL, body + 1, 1, Value::Uint(u64::from(words) * 4));
                if frag_needed {
                    t.add_uint(&MTU, body + 2, 2, u64::from(mtu));
                } else {
                    t.add(&UNUSED, body + 2, 2, Value::Bytes);
                }
            } else if ty == Icmpv4Type::ParameterProblem {
                t.add(&UNUSED, body + 1, 3, Value::Bytes);
            } else if frag_needed {
                t.add(&UNUSED, body, 2, Value::Bytes);
                t.add_uint(&MTU, body + 2, 2, u64::from(mtu));
            } else {
                t.add(&UNUSED, body, 4, Value::Bytes);
            }
            invoking_packet(t, off, end, words);
        }
        Icmpv4Body::Redirect { gateway, .. } => {
            t.add(&REDIR_GW, body, 4, Value::Ipv4(gateway));
            invoking_packet(t, off, end, 0);
        }
        Icmpv4Body::Error { .. } => {
            // Source quench (deprecated by RFC 6633): 4 unused octets, then the quote.
            t.add(&UNUSED, body, 4, Value::Bytes);
            invoking_packet(t, off, end, 0);
        }
        Icmpv4Body::RouterAdvert(ra) => router_advertisement(t, off, end, code, &ra, ttl),
        Icmpv4Body::RouterSolicit { .. } => {
            // RFC 1256 §3 Router Solicitation / RFC 5944 §2.2 Agent Solicitation: 4 reserved
            // octets (tshark 4.0 shows none of them).
            t.add(&RESERVED, body, 4, Value::Bytes);
            if let Some((v, at)) = ttl {
                if v != AGENT_TTL && !t.in_error {
                    t.expert(&MIP_SOLICIT_TTL, at, 1, Some(format_args!("TTL {v}")));
                }
            }
            if end > body + 4 {
                crate::data(t, body + 4, end);
            }
        }
        // A Source Quench shorter than 8 octets shows nothing more.
        Icmpv4Body::Other { .. } if ty == Icmpv4Type::SourceQuench => {}
        Icmpv4Body::Other { .. } => {
            if end > body {
                crate::data(t, body, end);
            }
        }
    }
    t.close();
}

/// The checksum, its verification and status. The receiver sums the whole message, checksum
/// included (RFC 1071 §1): one's complement has two zeros, so a sender's 0xffff where 0x0000
/// is computed is right (RFC 1624 §3), as tshark says; "should be" gives the computed value.
fn checksum_fields(t: &mut Tree<'_>, off: usize, end: usize, csum: u16) {
    let ck = t.add_uint(&CHECKSUM, off + 2, 2, u64::from(csum));
    if t.in_error || t.cut {
        // Only a whole message can be checked: not one quoted in an error, nor one cut short
        // (the IP layer below found its payload cut, by the capture or by a lying length).
        t.append(ck, format_args!(" [unverified] [{}]", checksum::unverified_why(t.in_error)));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(checksum::status::UNVERIFIED));
        return;
    }
    let msg = t.rd().slice(off, end).unwrap_or_default();
    // Everything but the checksum field (octets 2 and 3; the caller has the first 4).
    let (before, after) = (msg.get(..2).unwrap_or_default(), msg.get(4..).unwrap_or_default());
    let want = checksum::finish(checksum::sum(after, checksum::sum(before, 0)));
    if checksum::finish(checksum::sum(msg, 0)) == 0 {
        t.append(ck, format_args!(" [correct]"));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(checksum::status::GOOD));
    } else {
        t.append_with(ck, |s| checksum::write_incorrect(s, want, ""));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(checksum::status::BAD));
        t.expert(&BAD_CHECKSUM, off + 2, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
    }
}

/// A length at `at` claims octets past `end`. Inside an ICMP error's quote, or when the message
/// ends where a snap length cut the frame, that cut explains it and is reported as such;
/// otherwise the length lies and `def` says so.
fn past_end(t: &mut Tree<'_>, def: &'static ExpertDef, end: usize, at: usize, details: std::fmt::Arguments<'_>) {
    if t.in_error || (end == t.data.len() && t.snapped()) {
        t.cut_short(&crate::expert::TRUNCATED, at, 1, Some(details));
    } else {
        t.expert(def, at, 1, Some(details));
    }
}

/// Echo data: like tshark 4.0, the first 8 octets are shown as a timestamp when they read as
/// a struct timeval (32-bit seconds and microseconds, big- then little-endian) within a day
/// of the frame's time; the rest (or all) is `data`.
fn echo_data(t: &mut Tree<'_>, at: usize, end: usize) {
    let Some(tv) = t.rd().array::<8>(at).filter(|_| end >= at + 8) else {
        if end > at {
            crate::data(t, at, end);
        }
        return;
    };
    let frame_secs = t.d.ts.0;
    // tshark compares abs((guint32)(secs - frame secs)) as a C int: a 32-bit wrapping difference.
    let ok = |s: u32, u: u32| (i64::from(s).wrapping_sub(frame_secs) as i32).wrapping_abs() < 86_400 && u < 1_000_000;
    let (s, u) = ([tv[0], tv[1], tv[2], tv[3]], [tv[4], tv[5], tv[6], tv[7]]);
    let (mut secs, mut usecs) = (u32::from_be_bytes(s), u32::from_be_bytes(u));
    if !ok(secs, usecs) {
        secs = u32::from_le_bytes(s);
        usecs = u32::from_le_bytes(u);
    }
    if ok(secs, usecs) {
        let ts = (i64::from(secs), usecs * 1000);
        t.add(&DATA_TIME, at, 8, Value::AbsTime(ts.0, ts.1));
        let frame_ns = t.d.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(t.d.ts.1));
        let data_ns = ts.0 * 1_000_000_000 + i64::from(ts.1);
        t.add_generated(&DATA_TIME_RELATIVE, at, 8, Value::RelTime(frame_ns.saturating_sub(data_ns)));
        if end > at + 8 {
            crate::data(t, at + 8, end);
        }
    } else {
        crate::data(t, at, end);
    }
}

/// The datagram quoted by an error message (RFC 792: its Internet header and at least 64 bits
/// of its data), dissected as IP with a cut allowed. Like tshark, a Redirect's quote is taken
/// as its header + 8 octets, and an RFC 4884 length (in `words`) bounds the quote when the
/// message holds more than it.
fn invoking_packet(t: &mut Tree<'_>, off: usize, end: usize, words: u8) {
    let at = off + 8;
    let rd = t.rd();
    let Some(first) = rd.u8(at).filter(|_| end > at) else { return };
    let ihl_words = usize::from(first & 0x0f);
    let mut qend = end;
    if rd.u8(off) == Some(5) {
        qend = qend.min(at + ihl_words * 4 + 8);
    } else if words > 0
        && end > at + usize::from(words) * 4
        && rd.u16(at + 2).is_some_and(|total| usize::from(total) > usize::from(words) * 4)
    {
        qend = qend.min(at + (ihl_words + usize::from(words)) * 4);
    }
    // Its addresses and messages do not replace this packet's columns (Wireshark makes the
    // columns read-only here too), nor what this packet's own layers found.
    let was = (t.in_error, t.cut, t.quote_cut);
    let cols = (t.d.cols.src, t.d.cols.dst, t.d.cols.protocol);
    // The Info text waits in the (reused) text arena rather than in a new String.
    let info = {
        let (start, len) = (t.d.text.len(), t.d.cols.info.len());
        t.d.text.push_str(&t.d.cols.info);
        (start, len)
    };
    let pkt = t.pkt;
    t.in_error = true;
    t.quote_cut = &INVOKING_TRUNCATED;
    t.nesting += 1;
    if t.nesting <= t.prefs.max_nesting {
        // tshark's generic `ip` reads the quote: IPv4, or IPv6 after an `ip` layer.
        crate::ipv4::dissect_any(t, at, qend);
    } else {
        t.expert(&crate::expert::DEPTH_LIMIT, at, qend - at, None);
    }
    t.nesting -= 1;
    (t.in_error, t.cut, t.quote_cut) = was;
    (t.d.cols.src, t.d.cols.dst, t.d.cols.protocol) = cols;
    t.d.cols.info.clear();
    t.d.cols.info.push_str(t.d.text.str_at(info.0, info.1));
    t.pkt = pkt;
}

/// Router Advertisement (RFC 1256 §3); with code 0 or 16, what follows the router entries
/// are Agent Advertisement extensions (RFC 5944 §2.1).
fn router_advertisement(t: &mut Tree<'_>, off: usize, end: usize, code: u8, ra: &RouterAdvert<&[u8]>, ttl: Option<(u8, usize)>) {
    let body = off + 4;
    // Parsed: the counts are the ones on the wire.
    let (num_addrs, entry_size) = (ra.num_addrs.given().unwrap_or(0), ra.entry_size.given().unwrap_or(0));
    t.add_uint(&NUM_ADDRS, body, 1, u64::from(num_addrs));
    t.add_uint(&ADDR_ENTRY_SIZE, body + 1, 1, u64::from(entry_size));
    t.add_uint(&LIFETIME, body + 2, 2, u64::from(ra.lifetime));
    let mut at = off + 8;
    if entry_size != ENTRY_WORDS {
        t.expert(&RA_ENTRY_SIZE, body + 1, 1, Some(format_args!("{entry_size}")));
        if end > at {
            crate::data(t, at, end);
        }
        return;
    }
    let mut shown = 0;
    for e in ra.entries() {
        t.add(&ROUTER_ADDRESS, at, 4, Value::Ipv4(e.address));
        t.add(&PREF_LEVEL, at + 4, 4, Value::Int(i64::from(e.preference)));
        at += 8;
        shown += 1;
    }
    if shown < usize::from(num_addrs) {
        past_end(
            t,
            &RA_PAST_END,
            end,
            body,
            format_args!(
                "Num Addrs {} needs {} octets of router entries, {} left after entry {shown}",
                num_addrs,
                usize::from(num_addrs) * 8,
                end - at
            ),
        );
        return;
    }
    if at >= end {
        return;
    }
    if ra.has_extensions(code) {
        agent_extensions(t, at, end, num_addrs, ra.extensions(code), ttl);
    } else {
        crate::data(t, at, end);
    }
}

/// The extensions of an Agent Advertisement (RFC 5944 §2.1) from `first` to `end`: Type,
/// Length, data, except the One-byte Padding (Type 0 alone). Each extension is framed by its
/// Length ([`AgentExts`]) and its decoder sees only its own octets.
fn agent_extensions(t: &mut Tree<'_>, first: usize, end: usize, num_addrs: u8, exts: AgentExts<'_>, ttl: Option<(u8, usize)>) {
    let mut at = first;
    let mut pads = 0usize;
    let mut last_pad: Option<usize> = None;
    let mut pad_finding: Option<usize> = None;
    let mut maa_at: Option<usize> = None;
    let mut first_pad = false;
    for ext in exts {
        let ty = ext.ty().value();
        if let AgentExt::Padding = ext {
            let e = t.add(&MIP_EXT, at, 1, Value::None);
            t.append(e, format_args!(": One byte padding extension"));
            t.open(e);
            t.add_uint(&MIP_TYPE, at, 1, u64::from(AgentExtType::Padding.value()));
            t.close();
            pads += 1;
            if pads == 2 && pad_finding.is_none() {
                pad_finding = Some(at);
            }
            first_pad |= at == first;
            last_pad = Some(at);
            at += 1;
            continue;
        }
        if let Some(p) = last_pad.take() {
            // A padding extension with a non-padding one after it.
            pad_finding.get_or_insert(p);
        }
        let wire = ext.wire_len();
        let e = t.add(&MIP_EXT, at, wire, Value::None);
        match ext.ty().name() {
            Some(n) => t.append(e, format_args!(": {n}")),
            None => t.append(e, format_args!(": Unknown ext {ty}")),
        }
        t.open(e);
        t.add_uint(&MIP_TYPE, at, 1, u64::from(ty));
        // Parsed: a framed extension's Length is the one on the wire.
        let Ok(Some(len)) = ext.length() else {
            past_end(t, &MIP_EXT_PAST_END, end, at, format_args!("extension {ty} has no Length octet"));
            t.close();
            break;
        };
        let len = usize::from(len);
        t.add_uint(&MIP_LENGTH, at + 1, 1, len as u64);
        if 2 + len > wire {
            past_end(
                t,
                &MIP_EXT_PAST_END,
                end,
                at + 1,
                format_args!("Length {len}, {} octets left in the message", end - at - 2),
            );
        }
        if at == first && AgentExtType::from(ty) != AgentExtType::MobilityAgentAdvertisement {
            t.expert(&MIP_MAA_FIRST, at, 1, Some(format_args!("the first extension is type {ty}")));
        }
        match ext {
            AgentExt::MobilityAgent(m) => {
                maa_at.get_or_insert(at);
                mobility_agent_adv(t, at, len, &m, ttl);
            }
            AgentExt::Other { ty: AgentExtType::MobilityAgentAdvertisement, .. } => {
                maa_at.get_or_insert(at);
                // Too short for the fixed part: what is there, then why. Either the Length is
                // too small, or the message (or capture) ended first, which is reported above.
                let _ = MobilityAgentAdv::dissect(t, at + 2, at + wire);
                if len < MobilityAgentAdv::LEN {
                    t.expert(&MIP_MAA_LENGTH, at + 1, 1, Some(format_args!("Length {len}, at least 6")));
                }
            }
            AgentExt::PrefixLengths { lengths, .. } => {
                for (i, &pl) in lengths.iter().enumerate() {
                    t.add_uint(&MIP_PREFIX_LENGTH, at + 2 + i, 1, u64::from(pl));
                }
                if len != usize::from(num_addrs) {
                    t.expert(
                        &MIP_PREFIX_COUNT,
                        at + 1,
                        1,
                        Some(format_args!("{len} prefix lengths for {num_addrs} router addresses")),
                    );
                }
            }
            AgentExt::Challenge { challenge, .. } => {
                if !challenge.is_empty() {
                    t.add(&MIP_CHALLENGE, at + 2, challenge.len(), Value::Bytes);
                }
            }
            AgentExt::Other { data, .. } => {
                if !data.is_empty() {
                    t.add(&MIP_CONTENT, at + 2, data.len(), Value::Bytes);
                }
                if !crate::mip4::ext::skippable(ty) {
                    t.expert(&MIP_EXT_UNKNOWN_DISCARD, at, 1, Some(format_args!("type {ty}")));
                } else {
                    t.expert(&MIP_EXT_UNKNOWN, at, 1, Some(format_args!("type {ty}")));
                }
            }
            AgentExt::Padding | AgentExt::Unframed(_) => {}
        }
        t.close();
        at += wire;
    }
    if let Some(p) = pad_finding {
        t.expert(&MIP_PADDING, p, 1, Some(format_args!("{pads} padding extension(s)")));
    }
    if maa_at.is_none() && first_pad {
        // Only padding after the router entries: no Mobility Agent Advertisement at all.
        t.expert(&MIP_MAA_FIRST, first, 1, Some(format_args!("no Mobility Agent Advertisement extension")));
    }
}

/// The Mobility Agent Advertisement extension's body (`at` is its Type octet; `len` its
/// Length).
fn mobility_agent_adv(t: &mut Tree<'_>, at: usize, len: usize, m: &MobilityAgentExt<&[u8]>, ttl: Option<(u8, usize)>) {
    let body = at + 2;
    t.add_uint(&MIP_SEQ, body, 2, u64::from(m.seq));
    t.add_uint(&MIP_LIFE, body + 2, 2, u64::from(m.reg_lifetime));
    let flags = m.flags.0;
    let fl = t.add_uint(&MIP_FLAGS, body + 4, 2, u64::from(flags));
    t.append_with(fl, |s| {
        for (def, name) in MIP_FLAG_BITS {
            if u64::from(flags) & def.mask != 0 {
                s.push_str(", ");
                s.push_str(name);
            }
        }
    });
    t.open(fl);
    for (def, _) in MIP_FLAG_BITS {
        t.add_uint(def, body + 4, 2, u64::from(flags));
    }
    t.add_uint(&MIP_RESERVED, body + 4, 2, u64::from(flags));
    t.close();
    let mut p = body + 6;
    let mut coas = 0usize;
    for coa in m.coas() {
        t.add(&MIP_COA, p, 4, Value::Ipv4(coa));
        p += 4;
        coas += 1;
    }
    if len < 6 || !(len - 6).is_multiple_of(4) {
        t.expert(&MIP_MAA_LENGTH, at + 1, 1, Some(format_args!("Length {len}")));
    }
    let fset = flags & FLAG_F != 0;
    if flags & FLAG_B != 0 && !fset {
        t.expert(&MIP_FLAGS_INVALID, body + 4, 2, Some(format_args!("B (busy) set without F")));
    }
    if flags & FLAG_R != 0 && !fset {
        t.expert(&MIP_FLAGS_INVALID, body + 4, 2, Some(format_args!("R (registration required) set without F")));
    }
    if flags & (FLAG_F | FLAG_H) == 0 {
        t.expert(&MIP_FLAGS_INVALID, body + 4, 2, Some(format_args!("neither H nor F set")));
    }
    if fset && len >= 6 && coas == 0 {
        t.expert(&MIP_FLAGS_INVALID, body + 4, 2, Some(format_args!("F set but no care-of address")));
    }
    if flags & (FLAG_RSV_R | FLAG_RESERVED) != 0 {
        t.expert(&MIP_RESERVED_NONZERO, body + 4, 2, Some(format_args!("0x{:04x}", flags & (FLAG_RSV_R | FLAG_RESERVED))));
    }
    if let Some((v, ttl_at)) = ttl {
        if v != AGENT_TTL && !t.in_error {
            t.expert(&MIP_TTL, ttl_at, 1, Some(format_args!("TTL {v}")));
        }
    }
}
