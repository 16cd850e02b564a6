//! ICMP for IPv4 (RFC 792), router discovery (RFC 1256) and the Mobile IPv4 agent discovery
//! built on it (RFC 5944 §2): Agent Advertisements (a Router Advertisement followed by the
//! Mobility Agent Advertisement, Prefix-Lengths, One-byte Padding and Challenge extensions) and
//! Agent Solicitations. The packet quoted by an error message is dissected as IP, where a cut
//! is allowed, never deeper than the `ip.max_nesting` preference.
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

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::format::{write_dec, Sink};
use crate::layout;
use crate::tree::Tree;
use crate::{checksum, IpCtx};

/// Message type names (tshark 4.0's table; deprecated types keep their historic names).
static TYPE_NAMES: &[(u64, &str)] = &[
    (0, "Echo (ping) reply"),
    (1, "Reserved"),
    (2, "Reserved"),
    (3, "Destination unreachable"),
    (4, "Source quench (flow control)"),
    (5, "Redirect"),
    (6, "Alternate host address"),
    (8, "Echo (ping) request"),
    (9, "Router advertisement"),
    (10, "Router solicitation"),
    (11, "Time-to-live exceeded"),
    (12, "Parameter problem"),
    (13, "Timestamp request"),
    (14, "Timestamp reply"),
    (15, "Information request"),
    (16, "Information reply"),
    (17, "Address mask request"),
    (18, "Address mask reply"),
    (19, "Reserved (for security)"),
    (30, "Traceroute"),
    (31, "Datagram Conversion Error"),
    (32, "Mobile Host Redirect"),
    (33, "IPv6 Where-Are-You"),
    (34, "IPv6 I-Am-Here"),
    (35, "Mobile Registration Request"),
    (36, "Mobile Registration Reply"),
    (37, "Domain Name Request"),
    (38, "Domain Name Reply"),
    (39, "SKIP"),
    (40, "Photuris"),
    (41, "Experimental mobility protocols"),
    (42, "Extended Echo request"),
    (43, "Extended Echo reply"),
];

static UNREACH_CODES: &[(u64, &str)] = &[
    (0, "Network unreachable"),
    (1, "Host unreachable"),
    (2, "Protocol unreachable"),
    (3, "Port unreachable"),
    (4, "Fragmentation needed"),
    (5, "Source route failed"),
    (6, "Destination network unknown"),
    (7, "Destination host unknown"),
    (8, "Source host isolated"),
    (9, "Network administratively prohibited"),
    (10, "Host administratively prohibited"),
    (11, "Network unreachable for TOS"),
    (12, "Host unreachable for TOS"),
    (13, "Communication administratively filtered"),
    (14, "Host precedence violation"),
    (15, "Precedence cutoff in effect"),
];
static REDIRECT_CODES: &[(u64, &str)] = &[
    (0, "Redirect for network"),
    (1, "Redirect for host"),
    (2, "Redirect for TOS and network"),
    (3, "Redirect for TOS and host"),
];
static ALTHOST_CODES: &[(u64, &str)] = &[(0, "Alternate address for host")];
static RTRADVERT_CODES: &[(u64, &str)] = &[(0, "Normal router advertisement"), (16, "Does not route common traffic")];
static TTL_CODES: &[(u64, &str)] = &[(0, "Time to live exceeded in transit"), (1, "Fragment reassembly time exceeded")];
static PARAM_CODES: &[(u64, &str)] = &[(0, "Pointer indicates the error"), (1, "Required option missing"), (2, "Bad length")];
static PHOTURIS_CODES: &[(u64, &str)] = &[
    (0, "Bad SPI"),
    (1, "Authentication Failed"),
    (2, "Decompression Failed"),
    (3, "Decryption Failed"),
    (4, "Need Authentication"),
    (5, "Need Authorization"),
];
static EXTECHO_REQ_CODES: &[(u64, &str)] = &[(0, "No error")];
static EXTECHO_REPLY_CODES: &[(u64, &str)] = &[
    (0, "No error"),
    (1, "Malformed Query"),
    (2, "No Such Interface"),
    (3, "No Such Table Entry"),
    (4, "Multiple Interfaces Satisfy Query"),
];

/// The code table of a message type, for types whose codes have names.
fn code_table(ty: u8) -> Option<&'static [(u64, &'static str)]> {
    Some(match ty {
        3 => UNREACH_CODES,
        5 => REDIRECT_CODES,
        6 => ALTHOST_CODES,
        9 => RTRADVERT_CODES,
        11 => TTL_CODES,
        12 => PARAM_CODES,
        40 => PHOTURIS_CODES,
        42 => EXTECHO_REQ_CODES,
        43 => EXTECHO_REPLY_CODES,
        _ => return None,
    })
}

/// Agent Advertisement extension types (RFC 5944 §2.1, RFC 4721 §2.1).
static MIP_EXT_VALS: &[(u64, &str)] = &[
    (0, "One byte padding extension"),
    (16, "Mobility Agent Advertisement Extension"),
    (19, "Prefix Lengths Extension"),
    (24, "Challenge Extension"),
];

/// tshark's `proto_checksum_vals`.
static CHECKSUM_STATUS_VALS: &[(u64, &str)] = &[(0, "Bad"), (1, "Good"), (2, "Unverified"), (3, "Not present"), (4, "Illegal")];
const STATUS_BAD: u64 = 0;
const STATUS_GOOD: u64 = 1;
const STATUS_UNVERIFIED: u64 = 2;

/// "Good": the status name alone, as tshark shows it.
fn status_name(v: &Value, out: &mut dyn Sink) {
    if let Value::Uint(n) = *v {
        out.push_str(crate::field::val_name(CHECKSUM_STATUS_VALS, n).unwrap_or("Unknown"));
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

pub static ICMP: FieldDef = FieldDef::new("icmp", "Internet Control Message Protocol", Kind::Protocol);
pub static TYPE: FieldDef = FieldDef::new("icmp.type", "Type", Kind::Uint(1));
pub static CODE: FieldDef = FieldDef::new("icmp.code", "Code", Kind::Uint(1));
pub static CHECKSUM: FieldDef = FieldDef::new("icmp.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = FieldDef::new("icmp.checksum.status", "Checksum Status", Kind::Uint(1))
    .custom(status_name)
    .blurb("0 bad, 1 good, 2 unverified (inside an ICMP error, or the message was cut short)");
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
pub static MIP_TYPE: FieldDef = FieldDef::new("icmp.mip.type", "Extension Type", Kind::Uint(1)).vals(MIP_EXT_VALS);
pub static MIP_LENGTH: FieldDef = FieldDef::new("icmp.mip.length", "Length", Kind::Uint(1));
pub static MIP_PREFIX_LENGTH: FieldDef = FieldDef::new("icmp.mip.prefixlength", "Prefix Length", Kind::Uint(1));
pub static MIP_SEQ: FieldDef = FieldDef::new("icmp.mip.seq", "Sequence Number", Kind::Uint(2))
    .blurb("Agent Advertisements sent since the agent was initialized (RFC 5944 §2.1.1, §2.3.2)");
pub static MIP_LIFE: FieldDef = FieldDef::new("icmp.mip.life", "Registration Lifetime", Kind::Uint(2))
    .custom(reg_lifetime_text)
    .blurb("Longest registration lifetime in seconds the agent accepts; 0xffff is infinity (RFC 5944 §2.1.1)");
pub static MIP_FLAGS: FieldDef = FieldDef::new("icmp.mip.flags", "Flags", Kind::Uint(2)).hex();
pub static MIP_R: FieldDef = FieldDef::new("icmp.mip.r", "Registration Required", Kind::Bool(2)).mask(0x8000);
pub static MIP_B: FieldDef = FieldDef::new("icmp.mip.b", "Busy", Kind::Bool(2)).mask(0x4000);
pub static MIP_H: FieldDef = FieldDef::new("icmp.mip.h", "Home Agent", Kind::Bool(2)).mask(0x2000);
pub static MIP_F: FieldDef = FieldDef::new("icmp.mip.f", "Foreign Agent", Kind::Bool(2)).mask(0x1000);
pub static MIP_M: FieldDef = FieldDef::new("icmp.mip.m", "Minimal Encapsulation", Kind::Bool(2)).mask(0x0800);
pub static MIP_G: FieldDef = FieldDef::new("icmp.mip.g", "GRE", Kind::Bool(2)).mask(0x0400);
pub static MIP_V: FieldDef = FieldDef::new("icmp.mip.v", "Reserved (r; formerly VJ Comp)", Kind::Bool(2))
    .mask(0x0200)
    .blurb("RFC 5944 §2.1.1 'r': sent as zero, ignored on reception (Van Jacobson compression in RFC 2002)");
pub static MIP_RT: FieldDef = FieldDef::new("icmp.mip.rt", "Reverse tunneling", Kind::Bool(2)).mask(0x0100);
pub static MIP_U: FieldDef = FieldDef::new("icmp.mip.u", "UDP tunneling", Kind::Bool(2)).mask(0x0080);
pub static MIP_X: FieldDef = FieldDef::new("icmp.mip.x", "Revocation support", Kind::Bool(2)).mask(0x0040);
pub static MIP_I: FieldDef = FieldDef::new("icmp.mip.i", "Regional registration", Kind::Bool(2))
    .mask(0x0020)
    .blurb("RFC 5944 §2.1.1 'I': the foreign agent supports regional registration (RFC 4857); tshark 4.0 counts it as reserved");
pub static MIP_RESERVED: FieldDef = FieldDef::new("icmp.mip.reserved", "Reserved", Kind::Uint(2)).hex().mask(0x001f);
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

const FLAG_R: u16 = 0x8000;
const FLAG_B: u16 = 0x4000;
const FLAG_H: u16 = 0x2000;
const FLAG_F: u16 = 0x1000;
const FLAG_RSV_R: u16 = 0x0200;
const FLAG_RESERVED: u16 = 0x001f;

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

/// Dissects an ICMP message at `off..end` (the IPv4 payload). `ip` is the carrying header;
/// ICMP has no pseudo-header, the IPv4 TTL is read from [`crate::tree::PacketState`].
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let rd = t.rd();
    let end = end.min(t.data.len().max(off));
    let avail = end.saturating_sub(off);
    t.protocol(&ICMP, off, avail);
    t.set_protocol_column("ICMP");
    let ttl = match ip {
        IpCtx::V4 { .. } => t.pkt.ip4_ttl,
        IpCtx::V6 { .. } => None,
    };
    let Some([ty, code, c0, c1]) = rd.array::<4>(off).filter(|_| avail >= 4) else {
        t.set_info(format_args!("ICMP message of {avail} octets"));
        t.truncated(off, "ICMP header");
        t.close();
        return;
    };
    let csum = u16::from_be_bytes([c0, c1]);
    let type_name = match (ty, code) {
        (9, 0 | 16) => "Mobile IP Advertisement",
        _ => crate::field::val_name(TYPE_NAMES, u64::from(ty)).unwrap_or("Unknown ICMP (obsolete or malformed?)"),
    };
    let codes = code_table(ty);
    let code_name = codes.map(|c| crate::field::val_name(c, u64::from(code)));
    // Info as tshark: the type name padded to 20 columns, then the code's name.
    t.set_info(format_args!("{type_name:<20}"));
    match code_name {
        Some(Some(n)) => t.append_info(format_args!(" ({n})")),
        Some(None) => t.append_info(format_args!(" (Unknown code: {code})")),
        None => {}
    }
    let n = t.add_uint(&TYPE, off, 1, u64::from(ty));
    t.append(n, format_args!(" ({type_name})"));
    let n = t.add_uint(&CODE, off + 1, 1, u64::from(code));
    match code_name {
        Some(Some(name)) => t.append(n, format_args!(" ({name})")),
        Some(None) => t.append(n, format_args!(" (Unknown code: {code})")),
        None => {}
    }
    checksum_fields(t, off, end, csum);
    let body = off + 4;
    let need = |n: usize| end >= body + n;
    let second_word = matches!(ty, 0 | 3 | 5 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18);
    // The second word of the types that have one (zeros, and never read, for the others).
    let word = match rd.array::<4>(body).filter(|_| need(4)) {
        Some(w) => w,
        None if second_word => {
            t.truncated(body, "ICMP header");
            t.close();
            return;
        }
        None => [0; 4],
    };
    match ty {
        0 | 8 | 13..=18 => {
            let (id, seq) = (u16::from_be_bytes([word[0], word[1]]), u16::from_be_bytes([word[2], word[3]]));
            t.add_uint(&IDENT, body, 2, u64::from(id));
            t.add_uint(&IDENT_LE, body, 2, u64::from(id.swap_bytes()));
            t.add_uint(&SEQ, body + 2, 2, u64::from(seq));
            t.add_uint(&SEQ_LE, body + 2, 2, u64::from(seq.swap_bytes()));
            t.append_info(format_args!(" id=0x{id:04x}, seq={seq}/{}", seq.swap_bytes()));
            if let Some(ttl) = ttl {
                t.append_info(format_args!(", ttl={}", ttl.0));
            }
            match ty {
                0 | 8 => echo_data(t, body + 4, end),
                13 | 14 => {
                    for (i, def) in [&ORIGINATE_TS, &RECEIVE_TS, &TRANSMIT_TS].into_iter().enumerate() {
                        let at = body + 4 + 4 * i;
                        let Some(ts) = rd.u32(at).filter(|_| need(8 + 4 * i)) else {
                            t.truncated(at, "ICMP timestamp");
                            break;
                        };
                        t.add_uint(def, at, 4, u64::from(ts));
                    }
                }
                17 | 18 => {
                    if let Some(mask) = rd.array::<4>(body + 4).filter(|_| need(8)) {
                        t.add(&ADDRESS_MASK, body + 4, 4, Value::Ipv4(mask));
                    } else {
                        t.truncated(body + 4, "ICMP address mask");
                    }
                }
                _ => {}
            }
        }
        3 | 11 | 12 => {
            // RFC 4884 §4.1: the octet at offset 5 is the original datagram's length in
            // 32-bit words (0 when the message does not say).
            let words = word[1];
            if ty == 12 {
                t.add_uint(&POINTER, body, 1, u64::from(word[0]));
            } else if words > 0 {
                t.add(&UNUSED, body, 1, Value::Bytes);
            }
            if words > 0 {
                t.add_uint(&LENGTH, body + 1, 1, u64::from(words));
                t.add_generated(&LENGTH_ORIGINAL, body + 1, 1, Value::Uint(u64::from(words) * 4));
                if ty == 3 && code == 4 {
                    t.add_uint(&MTU, body + 2, 2, u64::from(u16::from_be_bytes([word[2], word[3]])));
                } else {
                    t.add(&UNUSED, body + 2, 2, Value::Bytes);
                }
            } else if ty == 12 {
                t.add(&UNUSED, body + 1, 3, Value::Bytes);
            } else if ty == 3 && code == 4 {
                t.add(&UNUSED, body, 2, Value::Bytes);
                t.add_uint(&MTU, body + 2, 2, u64::from(u16::from_be_bytes([word[2], word[3]])));
            } else {
                t.add(&UNUSED, body, 4, Value::Bytes);
            }
            invoking_packet(t, off, end, words);
        }
        5 => {
            t.add(&REDIR_GW, body, 4, Value::Ipv4(word));
            invoking_packet(t, off, end, 0);
        }
        4 => {
            // Source quench (deprecated by RFC 6633): 4 unused octets, then the quote.
            if need(4) {
                t.add(&UNUSED, body, 4, Value::Bytes);
                invoking_packet(t, off, end, 0);
            }
        }
        9 => router_advertisement(t, off, end, code, ttl),
        10 => {
            // RFC 1256 §3 Router Solicitation / RFC 5944 §2.2 Agent Solicitation: 4 reserved
            // octets (tshark 4.0 shows none of them).
            t.add(&RESERVED, body, 4, Value::Bytes);
            if let Some((v, at)) = ttl {
                if v != 1 && !t.in_error {
                    t.expert(&MIP_SOLICIT_TTL, at, 1, Some(format_args!("TTL {v}")));
                }
            }
            if end > body + 4 {
                crate::data(t, body + 4, end);
            }
        }
        _ => {
            if end > body {
                crate::data(t, body, end);
            }
        }
    }
    t.close();
}

/// The checksum, its verification and status (RFC 792: the sum over the whole message with
/// the checksum field taken as zero, compared with the field, as tshark does).
fn checksum_fields(t: &mut Tree<'_>, off: usize, end: usize, csum: u16) {
    let ck = t.add_uint(&CHECKSUM, off + 2, 2, u64::from(csum));
    if t.in_error || t.cut {
        // Only a whole message can be checked: not one quoted in an error, nor one cut short
        // (the IP layer below found its payload cut, by the capture or by a lying length).
        let why = if t.in_error { "in ICMP error packet" } else { "message cut short" };
        t.append(ck, format_args!(" [unverified] [{why}]"));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(STATUS_UNVERIFIED));
        return;
    }
    // Everything but the checksum field (octets 2 and 3; the caller has the first 4).
    let msg = t.rd().slice(off, end).unwrap_or_default();
    let (before, after) = (msg.get(..2).unwrap_or_default(), msg.get(4..).unwrap_or_default());
    let want = checksum::finish(checksum::sum(after, checksum::sum(before, 0)));
    if want == csum {
        t.append(ck, format_args!(" [correct]"));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(STATUS_GOOD));
    } else {
        t.append(ck, format_args!(" [incorrect, should be 0x{want:04x}]"));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(STATUS_BAD));
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
        if first >> 4 == 6 {
            crate::ipv6::dissect(t, at, qend);
        } else {
            crate::ipv4::dissect(t, at, qend);
        }
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
fn router_advertisement(t: &mut Tree<'_>, off: usize, end: usize, code: u8, ttl: Option<(u8, usize)>) {
    let body = off + 4;
    let h = match RouterAdvHeader::dissect(t, body, end) {
        Ok(h) => h,
        Err(at) => {
            t.truncated(at, "Router Advertisement");
            return;
        }
    };
    let mut at = off + 8;
    if h.entry_size != 2 {
        t.expert(&RA_ENTRY_SIZE, body + 1, 1, Some(format_args!("{}", h.entry_size)));
        if end > at {
            crate::data(t, at, end);
        }
        return;
    }
    let rd = t.rd();
    for i in 0..usize::from(h.num_addrs) {
        let Some([a0, a1, a2, a3, p0, p1, p2, p3]) = rd.array::<8>(at).filter(|_| at + 8 <= end) else {
            past_end(
                t,
                &RA_PAST_END,
                end,
                body,
                format_args!(
                    "Num Addrs {} needs {} octets of router entries, {} left after entry {i}",
                    h.num_addrs,
                    usize::from(h.num_addrs) * 8,
                    end - at
                ),
            );
            return;
        };
        t.add(&ROUTER_ADDRESS, at, 4, Value::Ipv4([a0, a1, a2, a3]));
        t.add(&PREF_LEVEL, at + 4, 4, Value::Int(i64::from(i32::from_be_bytes([p0, p1, p2, p3]))));
        at += 8;
    }
    if at >= end {
        return;
    }
    if code == 0 || code == 16 {
        agent_extensions(t, at, end, h.num_addrs, ttl);
    } else {
        crate::data(t, at, end);
    }
}

/// The extensions of an Agent Advertisement (RFC 5944 §2.1): Type, Length, data, except the
/// One-byte Padding (Type 0 alone). Each extension is walked by its Length and its decoder
/// sees only its own octets.
fn agent_extensions(t: &mut Tree<'_>, first: usize, end: usize, num_addrs: u8, ttl: Option<(u8, usize)>) {
    let rd = t.rd();
    let mut at = first;
    let mut pads = 0usize;
    let mut last_pad: Option<usize> = None;
    let mut pad_finding: Option<usize> = None;
    let mut maa_at: Option<usize> = None;
    while let Some(ty) = rd.u8(at).filter(|_| at < end) {
        let name = MIP_EXT_VALS.iter().find(|v| v.0 == u64::from(ty)).map(|v| v.1);
        if ty == 0 {
            let e = t.add(&MIP_EXT, at, 1, Value::None);
            t.append(e, format_args!(": One byte padding extension"));
            t.open(e);
            t.add_uint(&MIP_TYPE, at, 1, 0);
            t.close();
            pads += 1;
            if pads == 2 && pad_finding.is_none() {
                pad_finding = Some(at);
            }
            last_pad = Some(at);
            at += 1;
            continue;
        }
        if let Some(p) = last_pad.take() {
            // A padding extension with a non-padding one after it.
            pad_finding.get_or_insert(p);
        }
        let claimed = rd.u8(at + 1).filter(|_| at + 1 < end).map(|l| 2 + usize::from(l));
        let shown = claimed.unwrap_or(1).min(end - at);
        let e = t.add(&MIP_EXT, at, shown, Value::None);
        match name {
            Some(n) => t.append(e, format_args!(": {n}")),
            None => t.append(e, format_args!(": Unknown ext {ty}")),
        }
        t.open(e);
        t.add_uint(&MIP_TYPE, at, 1, u64::from(ty));
        let Some(total) = claimed else {
            past_end(t, &MIP_EXT_PAST_END, end, at, format_args!("extension {ty} has no Length octet"));
            t.close();
            break;
        };
        let len = total - 2;
        t.add_uint(&MIP_LENGTH, at + 1, 1, len as u64);
        let bend = (at + total).min(end);
        if at + total > end {
            past_end(
                t,
                &MIP_EXT_PAST_END,
                end,
                at + 1,
                format_args!("Length {len}, {} octets left in the message", end - at - 2),
            );
        }
        if at == first && ty != 16 {
            t.expert(&MIP_MAA_FIRST, at, 1, Some(format_args!("the first extension is type {ty}")));
        }
        match ty {
            16 => {
                maa_at.get_or_insert(at);
                mobility_agent_adv(t, at, bend, len, ttl);
            }
            19 => {
                for (i, &pl) in rd.slice(at + 2, bend).unwrap_or_default().iter().enumerate() {
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
            24 => {
                if bend > at + 2 {
                    t.add(&MIP_CHALLENGE, at + 2, bend - at - 2, Value::Bytes);
                }
            }
            _ => {
                if bend > at + 2 {
                    t.add(&MIP_CONTENT, at + 2, bend - at - 2, Value::Bytes);
                }
                if ty < 128 {
                    t.expert(&MIP_EXT_UNKNOWN_DISCARD, at, 1, Some(format_args!("type {ty}")));
                } else {
                    t.expert(&MIP_EXT_UNKNOWN, at, 1, Some(format_args!("type {ty}")));
                }
            }
        }
        t.close();
        at += total;
    }
    if let Some(p) = pad_finding {
        t.expert(&MIP_PADDING, p, 1, Some(format_args!("{pads} padding extension(s)")));
    }
    if maa_at.is_none() && rd.u8(first) == Some(0) {
        // Only padding after the router entries: no Mobility Agent Advertisement at all.
        t.expert(&MIP_MAA_FIRST, first, 1, Some(format_args!("no Mobility Agent Advertisement extension")));
    }
}

/// The Mobility Agent Advertisement extension's body (`at` is its Type octet; `bend` the end of
/// what it may read; `len` its Length).
fn mobility_agent_adv(t: &mut Tree<'_>, at: usize, bend: usize, len: usize, ttl: Option<(u8, usize)>) {
    let body = at + 2;
    let m = match MobilityAgentAdv::dissect(t, body, bend) {
        Ok(m) => m,
        Err(_) => {
            // Either the Length is too small for the fixed part, or the message (or capture)
            // ended first, which the caller has reported at the Length.
            if len < MobilityAgentAdv::LEN {
                t.expert(&MIP_MAA_LENGTH, at + 1, 1, Some(format_args!("Length {len}, at least 6")));
            }
            return;
        }
    };
    let flags = m.flags;
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
    let rd = t.rd();
    let mut p = body + 6;
    let mut coas = 0usize;
    while let Some(coa) = rd.array::<4>(p).filter(|_| p + 4 <= bend && p + 4 <= at + 2 + len) {
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
        if v != 1 && !t.in_error {
            t.expert(&MIP_TTL, ttl_at, 1, Some(format_args!("TTL {v}")));
        }
    }
}
