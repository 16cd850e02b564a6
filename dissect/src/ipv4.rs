//! IPv4 (RFC 791) with its options, and UDP (RFC 768) on top of either IP version.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{Base, FieldDef, Kind, Picture, Value};
use crate::format::Sink;
use crate::model::{Auto, Cut, EmitCx};
use crate::tree::Tree;
use crate::{checksum, IpCtx};

pub mod routing;

pub static IP: FieldDef = FieldDef::new("ip", "Internet Protocol Version 4", Kind::Protocol).short("IPv4");
pub static VERSION: FieldDef = FieldDef::new("ip.version", "Version", Kind::Uint(1)).mask(0xf0);
pub static HDR_LEN: FieldDef =
    FieldDef::new("ip.hdr_len", "Header Length", Kind::Uint(1)).unit(" bytes").picture(Picture::Wire(0x0f));
pub static DSFIELD: FieldDef =
    FieldDef::new("ip.dsfield", "Differentiated Services Field", Kind::Uint(1)).hex().custom(crate::dsfield::summary);
pub static DSCP: FieldDef = FieldDef::new("ip.dsfield.dscp", "Differentiated Services Codepoint", Kind::Uint(1))
    .mask(0xfc)
    .vals(crate::dsfield::DSCP_VALS);
pub static ECN: FieldDef =
    FieldDef::new("ip.dsfield.ecn", "Explicit Congestion Notification", Kind::Uint(1)).mask(0x03).vals(crate::dsfield::ECN_VALS);
pub static LEN: FieldDef = FieldDef::new("ip.len", "Total Length", Kind::Uint(2));
pub static ID: FieldDef = FieldDef::new("ip.id", "Identification", Kind::Uint(2)).base(Base::HexDec);
pub static FLAGS: FieldDef = FieldDef::new("ip.flags", "Flags", Kind::Uint(1)).hex().mask(Ipv4Flags::ALL as u64);
pub static FLAG_RB: FieldDef =
    FieldDef::new("ip.flags.rb", "Reserved bit", Kind::Bool(1)).mask(Ipv4Flags::RB as u64).tfs("Set", "Not set");
pub static FLAG_DF: FieldDef =
    FieldDef::new("ip.flags.df", "Don't fragment", Kind::Bool(1)).mask(Ipv4Flags::DF as u64).tfs("Set", "Not set");
pub static FLAG_MF: FieldDef =
    FieldDef::new("ip.flags.mf", "More fragments", Kind::Bool(1)).mask(Ipv4Flags::MF as u64).tfs("Set", "Not set");
pub static FRAG_OFFSET: FieldDef = FieldDef::new("ip.frag_offset", "Fragment Offset", Kind::Uint(2))
    .mask(0x1fff)
    .custom(eight_octet_units)
    .blurb("In units of 8 octets; the tree shows the octets, as tshark does");
pub static TTL: FieldDef = FieldDef::new("ip.ttl", "Time to Live", Kind::Uint(1));
pub static PROTO: FieldDef = FieldDef::new("ip.proto", "Protocol", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static CHECKSUM: FieldDef = FieldDef::new("ip.checksum", "Header Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("ip.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = checksum::status_field("ip.checksum.status", "Header checksum status");
// tshark also files each address under `ip.src_host`/`ip.dst_host` and `ip.host` (the name
// it resolved to, which without name resolution is the address): aliases here.
pub static SRC: FieldDef = FieldDef::new("ip.src", "Source Address", Kind::Ipv4).also_as_text(&["ip.src_host", "ip.host"]);
pub static DST: FieldDef = FieldDef::new("ip.dst", "Destination Address", Kind::Ipv4).also_as_text(&["ip.dst_host", "ip.host"]);
pub static ADDR: FieldDef = FieldDef::new("ip.addr", "Source or Destination Address", Kind::Ipv4);
pub static OPTIONS: FieldDef = FieldDef::new("ip.options", "Options", Kind::None);
pub static OPT: FieldDef =
    FieldDef::new("ip.opt", "IP Option", Kind::None).blurb("An IP option of a type tshark 4.0 has no name for");
// tshark files each option it knows under a name of its own (`ip.options.routeralert`),
// registered as a protocol: present, and its octets when compared, sliced or printed.
pub static OPT_EOL: FieldDef = FieldDef::new("ip.options.eol", "IP Option", Kind::Protocol);
pub static OPT_NOP: FieldDef = FieldDef::new("ip.options.nop", "IP Option", Kind::Protocol);
pub static OPT_RR: FieldDef = FieldDef::new("ip.options.record_route", "IP Option", Kind::Protocol);
pub static OPT_TS: FieldDef = FieldDef::new("ip.options.timestamp", "IP Option", Kind::Protocol);
pub static OPT_SEC: FieldDef = FieldDef::new("ip.options.security", "IP Option", Kind::Protocol);
pub static OPT_LSR: FieldDef = FieldDef::new("ip.options.route", "IP Option", Kind::Protocol);
pub static OPT_SID: FieldDef = FieldDef::new("ip.options.sid", "IP Option", Kind::Protocol);
pub static OPT_SSR: FieldDef = FieldDef::new("ip.options.source_route", "IP Option", Kind::Protocol);
pub static OPT_ROUTER_ALERT: FieldDef = FieldDef::new("ip.options.routeralert", "IP Option", Kind::Protocol);
pub static OPT_MTU_PROBE: FieldDef = FieldDef::new("ip.options.mtu_probe", "IP Option", Kind::Protocol);
pub static OPT_MTU_REPLY: FieldDef = FieldDef::new("ip.options.mtu_reply", "IP Option", Kind::Protocol);
pub static OPT_QS: FieldDef = FieldDef::new("ip.options.qs", "IP Option", Kind::Protocol);
pub static OPT_TRACEROUTE: FieldDef = FieldDef::new("ip.options.traceroute", "IP Option", Kind::Protocol);
pub static OPT_EXT_SEC: FieldDef = FieldDef::new("ip.options.ext_security", "IP Option", Kind::Protocol);
pub static OPT_CIPSO: FieldDef = FieldDef::new("ip.options.cipso", "IP Option", Kind::Protocol);
pub static OPT_SDB: FieldDef = FieldDef::new("ip.options.sdb", "IP Option", Kind::Protocol);

/// The field an option's subtree is filed under: its type's own, or `ip.opt` for a type with none.
fn opt_def(kind: Ipv4OptType) -> &'static FieldDef {
    match kind {
        Ipv4OptType::Eol => &OPT_EOL,
        Ipv4OptType::Nop => &OPT_NOP,
        Ipv4OptType::RecordRoute => &OPT_RR,
        Ipv4OptType::TimeStamp => &OPT_TS,
        Ipv4OptType::Security => &OPT_SEC,
        Ipv4OptType::LooseSourceRoute => &OPT_LSR,
        Ipv4OptType::StreamId => &OPT_SID,
        Ipv4OptType::StrictSourceRoute => &OPT_SSR,
        Ipv4OptType::RouterAlert => &OPT_ROUTER_ALERT,
        Ipv4OptType::MtuProbe => &OPT_MTU_PROBE,
        Ipv4OptType::MtuReply => &OPT_MTU_REPLY,
        Ipv4OptType::QuickStart => &OPT_QS,
        Ipv4OptType::Traceroute => &OPT_TRACEROUTE,
        Ipv4OptType::ExtendedSecurity => &OPT_EXT_SEC,
        Ipv4OptType::CommercialSecurity => &OPT_CIPSO,
        Ipv4OptType::SelectiveDirectedBroadcast => &OPT_SDB,
        Ipv4OptType::Unknown(_) => &OPT,
    }
}
// tshark shows the whole type octet as a number and names the option by its number (the
// low five bits), so the names are the number's (IANA "IP Option Numbers").
pub static OPT_TYPE: FieldDef = FieldDef::new("ip.opt.type", "Type", Kind::Uint(1));
pub static OPT_COPY: FieldDef =
    FieldDef::new("ip.opt.type.copy", "Copy on fragmentation", Kind::Bool(1)).mask(0x80).tfs("Yes", "No");
/// Option classes (RFC 791 §3.1), tshark's names.
static OPT_CLASS_VALS: &[(u64, &str)] =
    &[(0, "Control"), (1, "Reserved for future use"), (2, "Debugging and measurement"), (3, "Reserved for future use")];
pub static OPT_CLASS: FieldDef = FieldDef::new("ip.opt.type.class", "Class", Kind::Uint(1)).mask(0x60).vals(OPT_CLASS_VALS);
pub static OPT_NUMBER: FieldDef = FieldDef::new("ip.opt.type.number", "Number", Kind::Uint(1)).mask(0x1f).vals(OPT_NUMBER_VALS);
/// Option numbers (the type's low five bits; IANA "IP Option Numbers"), as tshark names them.
static OPT_NUMBER_VALS: &[(u64, &str)] = &[
    (0, "End of Option List (EOL)"),
    (1, "No-Operation (NOP)"),
    (2, "Security"),
    (3, "Loose source route"),
    (4, "Time stamp"),
    (5, "Extended security"),
    (6, "Commercial IP security option"),
    (7, "Record route"),
    (8, "Stream identifier"),
    (9, "Strict source route"),
    (10, "Experimental Measurement"),
    (11, "MTU probe"),
    (12, "MTU Reply"),
    (13, "Experimental Flow Control"),
    (14, "Experimental Access Control"),
    (15, "Ask Estrin"),
    (16, "IMI Traffic Descriptor"),
    (17, "Extended Internet Protocol"),
    (18, "Traceroute"),
    (19, "Address Extension"),
    (20, "Router Alert"),
    (21, "Selective Directed Broadcast"),
    (22, "Unassigned"),
    (23, "Dynamic Packet State"),
    (24, "Upstream Multicast Packet"),
    (25, "Quick-Start"),
    (30, "RFC 3692-style experiment"),
];
pub static OPT_LEN: FieldDef = FieldDef::new("ip.opt.len", "Length", Kind::Uint(1));
pub static OPT_RA: FieldDef = FieldDef::new("ip.opt.ra", "Router Alert", Kind::Uint(2)).custom(router_alert);
pub static OPT_DATA: FieldDef = FieldDef::new("ip.opt.data", "Option data", Kind::Bytes);

crate::code_points! {
    /// IPv4 option types (IANA "IP Option Numbers"; the copy flag, class and number are the
    /// value's bit fields, RFC 791 §3.1), the names Wireshark shows.
    pub enum Ipv4OptType: u8 {
        Eol = 0 => "End of Options List (EOL)",
        Nop = 1 => "No-Operation (NOP)",
        RecordRoute = 7 => "Record Route",
        /// RFC 1063 (obsoleted by RFC 1191); named, not decoded.
        MtuProbe = 11 => "MTU Probe",
        MtuReply = 12 => "MTU Reply",
        /// RFC 4782; named, not decoded.
        QuickStart = 25 => "Quick-Start",
        TimeStamp = 68 => "Time Stamp",
        /// RFC 1393; named, not decoded.
        Traceroute = 82 => "Traceroute",
        Security = 130 => "Security",
        LooseSourceRoute = 131 => "Loose Source Route",
        /// RFC 1108; named, not decoded.
        ExtendedSecurity = 133 => "Extended Security",
        /// CIPSO (FIPS 188 / IANA); named, not decoded.
        CommercialSecurity = 134 => "Commercial Security",
        StreamId = 136 => "Stream ID",
        StrictSourceRoute = 137 => "Strict Source Route",
        RouterAlert = 148 => "Router Alert",
        /// RFC 6814 (historic); named, not decoded.
        SelectiveDirectedBroadcast = 149 => "Selective Directed Broadcast",
    }
}

crate::flags! {
    /// The three flag bits of the IPv4 flags/fragment-offset word, as its first octet has them
    /// (RFC 791 §3.1; the reserved bit is RFC 3514's "evil" bit). The low five bits of that octet
    /// belong to the fragment offset, kept in [`Ipv4Header::frag_offset`].
    pub struct Ipv4Flags: u8 {
        RB = 0x80 => 'R' "Reserved bit",
        DF = 0x40 => 'D' "Don't fragment",
        MF = 0x20 => 'M' "More fragments",
    }
}

impl Ipv4Flags {
    /// The octet's bits the flags occupy.
    pub const ALL: u8 = Self::RB | Self::DF | Self::MF;
}

pub static BAD_CHECKSUM: ExpertDef = ExpertDef::new("ip.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static BAD_HDR_LEN: ExpertDef =
    ExpertDef::new("ip.bogus_header_length", Group::Protocol, Severity::Error, "Bogus IP header length");
pub static BAD_LEN: ExpertDef = ExpertDef::new("ip.bogus_ip_length", Group::Protocol, Severity::Error, "Bogus IPv4 total length");
pub static BAD_VERSION: ExpertDef = ExpertDef::new("ip.bogus_ip_version", Group::Protocol, Severity::Error, "Bogus IP version");
pub static BAD_OPTION: ExpertDef =
    ExpertDef::new("ip.opt.len.invalid", Group::Malformed, Severity::Error, "Invalid IPv4 option length");
pub static TTL_LNCB: ExpertDef = ExpertDef::new("ip.ttl.lncb", Group::Sequence, Severity::Note, "Time To Live");

pub static UDP: FieldDef = FieldDef::new("udp", "User Datagram Protocol", Kind::Protocol).short("UDP");
pub static UDP_SRCPORT: FieldDef = FieldDef::new("udp.srcport", "Source Port", Kind::Uint(2));
pub static UDP_DSTPORT: FieldDef = FieldDef::new("udp.dstport", "Destination Port", Kind::Uint(2));
pub static UDP_PORT: FieldDef = FieldDef::new("udp.port", "Source or Destination Port", Kind::Uint(2));
pub static UDP_LENGTH: FieldDef = FieldDef::new("udp.length", "Length", Kind::Uint(2));
pub static UDP_CHECKSUM: FieldDef = FieldDef::new("udp.checksum", "Checksum", Kind::Uint(2)).hex();
pub static UDP_CHECKSUM_CALC: FieldDef = FieldDef::new("udp.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static UDP_CHECKSUM_STATUS: FieldDef = checksum::status_field("udp.checksum.status", "Checksum Status");
pub static UDP_PAYLOAD: FieldDef = FieldDef::new("udp.payload", "UDP payload", Kind::Bytes).counted(" ");
pub static UDP_BAD_CHECKSUM: ExpertDef = ExpertDef::new("udp.checksum.bad", Group::Checksum, Severity::Error, "Bad checksum");
pub static UDP_ZERO_CHECKSUM: ExpertDef =
    ExpertDef::new("udp.checksum.zero", Group::Checksum, Severity::Error, "Illegal checksum value (0)");
pub static UDP_BAD_LENGTH: ExpertDef = ExpertDef::new("udp.length.bad", Group::Malformed, Severity::Error, "Bad length value");
pub static UDP_LENGTH_ZERO: ExpertDef =
    ExpertDef::new("udp.length.bad_zero", Group::Protocol, Severity::Warn, "Length is zero but payload < 65536");

pub static DATA: FieldDef = FieldDef::new("data", "Data", Kind::Protocol).short("Data");
pub static DATA_DATA: FieldDef = FieldDef::new("data.data", "Data", Kind::Bytes);
pub static DATA_LEN: FieldDef = FieldDef::new("data.len", "Length", Kind::Int(4));

pub static FIELDS: &[&FieldDef] = &[
    &IP,
    &VERSION,
    &HDR_LEN,
    &DSFIELD,
    &DSCP,
    &ECN,
    &LEN,
    &ID,
    &FLAGS,
    &FLAG_RB,
    &FLAG_DF,
    &FLAG_MF,
    &FRAG_OFFSET,
    &TTL,
    &PROTO,
    &CHECKSUM,
    &CHECKSUM_CALC,
    &CHECKSUM_STATUS,
    &SRC,
    &DST,
    &ADDR,
    &OPTIONS,
    &OPT,
    &OPT_EOL,
    &OPT_NOP,
    &OPT_RR,
    &OPT_TS,
    &OPT_SEC,
    &OPT_LSR,
    &OPT_SID,
    &OPT_SSR,
    &OPT_ROUTER_ALERT,
    &OPT_MTU_PROBE,
    &OPT_MTU_REPLY,
    &OPT_QS,
    &OPT_TRACEROUTE,
    &OPT_EXT_SEC,
    &OPT_CIPSO,
    &OPT_SDB,
    &OPT_TYPE,
    &OPT_COPY,
    &OPT_CLASS,
    &OPT_NUMBER,
    &OPT_LEN,
    &OPT_RA,
    &OPT_DATA,
    &UDP,
    &UDP_SRCPORT,
    &UDP_DSTPORT,
    &UDP_PORT,
    &UDP_LENGTH,
    &UDP_CHECKSUM,
    &UDP_CHECKSUM_CALC,
    &UDP_CHECKSUM_STATUS,
    &UDP_PAYLOAD,
    &DATA,
    &DATA_DATA,
    &DATA_LEN,
];
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_CHECKSUM,
    &BAD_HDR_LEN,
    &BAD_LEN,
    &BAD_VERSION,
    &BAD_OPTION,
    &TTL_LNCB,
    &UDP_BAD_CHECKSUM,
    &UDP_ZERO_CHECKSUM,
    &UDP_BAD_LENGTH,
    &UDP_LENGTH_ZERO,
];

/// An emitted length field too small for what it must count (a header or packet longer than the
/// field can say): emission refuses rather than wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthError {
    /// The field that cannot say it.
    pub field: &'static str,
    /// The octets it would have to count.
    pub len: usize,
    /// The most it can count.
    pub max: usize,
}

impl std::fmt::Display for LengthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cannot describe {} octets (at most {})", self.field, self.len, self.max)
    }
}

impl std::error::Error for LengthError {}

/// The fixed 20 octets of an IPv4 header (RFC 791 §3.1), owned and lossless: every bit the
/// wire had (a version other than 4, the reserved flag, a wrong checksum, a lying IHL or Total
/// Length) is kept. The dissector parses with this definition and annotates the tree from it.
///
/// ```text
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |   DSCP    |ECN|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Header {
    /// 4 bits; 4 on a crafted header.
    pub version: u8,
    /// Header length in 32-bit words (4 bits): computed from the options emitted unless given.
    pub ihl: Auto<u8>,
    /// Differentiated Services Codepoint (6 bits).
    pub dscp: u8,
    /// Explicit Congestion Notification (2 bits).
    pub ecn: u8,
    /// Header, options and payload (not the trailer) unless given.
    pub total_len: Auto<u16>,
    pub id: u16,
    pub flags: Ipv4Flags,
    /// In 8-octet units (13 bits).
    pub frag_offset: u16,
    pub ttl: u8,
    /// The payload's protocol: `EmitCx::next_proto` (59 when nothing follows) unless given.
    pub protocol: Auto<u8>,
    /// Computed over the header as emitted unless given.
    pub checksum: Auto<u16>,
    pub src: [u8; 4],
    pub dst: [u8; 4],
}

impl Ipv4Header {
    /// Octets of the fixed part.
    pub const LEN: usize = 20;

    /// A header from `src` to `dst` with TTL 64 and everything derivable left to be computed.
    pub const fn new(src: [u8; 4], dst: [u8; 4]) -> Self {
        Ipv4Header {
            version: 4,
            ihl: Auto::Computed,
            dscp: 0,
            ecn: 0,
            total_len: Auto::Computed,
            id: 0,
            flags: Ipv4Flags(0),
            frag_offset: 0,
            ttl: 64,
            protocol: Auto::Computed,
            checksum: Auto::Computed,
            src,
            dst,
        }
    }

    /// Parses the fixed 20 octets from the start of `i` (whatever they say).
    pub fn parse(i: &[u8]) -> Result<Ipv4Header, Cut> {
        let Some(&[vi, ds, l0, l1, i0, i1, f0, f1, ttl, proto, c0, c1, s0, s1, s2, s3, d0, d1, d2, d3]) = i.first_chunk::<20>()
        else {
            return Err(Cut::new(0, "IPv4 header"));
        };
        let ff = u16::from_be_bytes([f0, f1]);
        Ok(Ipv4Header {
            version: vi >> 4,
            ihl: Auto::Given(vi & 0x0f),
            dscp: ds >> 2,
            ecn: ds & 0x03,
            total_len: Auto::Given(u16::from_be_bytes([l0, l1])),
            id: u16::from_be_bytes([i0, i1]),
            flags: Ipv4Flags(f0 & Ipv4Flags::ALL),
            frag_offset: ff & 0x1fff,
            ttl,
            protocol: Auto::Given(proto),
            checksum: Auto::Given(u16::from_be_bytes([c0, c1])),
            src: [s0, s1, s2, s3],
            dst: [d0, d1, d2, d3],
        })
    }

    /// The version/IHL octet (IHL as given; 0 when computed).
    pub fn version_ihl(&self) -> u8 {
        (self.version << 4) | (self.ihl.given().unwrap_or(0) & 0x0f)
    }
    /// The Differentiated Services octet.
    pub fn ds_field(&self) -> u8 {
        (self.dscp << 2) | (self.ecn & 0x03)
    }
    /// The flags and fragment offset word.
    pub fn flags_frag(&self) -> u16 {
        (u16::from(self.flags.0 & Ipv4Flags::ALL) << 8) | (self.frag_offset & 0x1fff)
    }
    /// The header length IHL gives, in octets (a given IHL; 0 when computed).
    pub fn header_octets(&self) -> usize {
        usize::from(self.ihl.given().unwrap_or(0) & 0x0f) * 4
    }
    /// The pseudo-header of the header's own addresses (RFC 768, RFC 793); with a source route
    /// the final destination differs: [`Ipv4::ip_ctx`].
    pub fn ip_ctx(&self) -> IpCtx {
        IpCtx::V4 { src: self.src, dst: self.dst }
    }
}

/// One IPv4 option (RFC 791 §3.1) as the header walk finds it: End of Option List and
/// No-Operation are single octets, every other type is type-length-value; what cannot be framed
/// and the octets after End of Option List are kept raw, so re-emitting reproduces the options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ipv4Option<B> {
    Eol,
    Nop,
    /// Router Alert (RFC 2113) with its 2-octet value, Length 4.
    RouterAlert(u16),
    /// Any other type-length-value option; Length is 2 + the data unless given.
    Tlv {
        kind: Ipv4OptType,
        length: Auto<u8>,
        data: B,
    },
    /// The octets after End of Option List (zeros, RFC 791), as sent.
    Padding(B),
    /// An option that cannot be framed: its length octet is past the options (`None`), below 2
    /// or runs past them; `rest` is every octet after the length octet (after the type octet
    /// when there is none), to the end of the options.
    Malformed {
        kind: Ipv4OptType,
        length: Option<u8>,
        rest: B,
    },
}

impl<B: AsRef<[u8]>> Ipv4Option<B> {
    /// The option with borrowed data.
    pub fn as_ref(&self) -> Ipv4Option<&[u8]> {
        match self {
            Ipv4Option::Eol => Ipv4Option::Eol,
            Ipv4Option::Nop => Ipv4Option::Nop,
            Ipv4Option::RouterAlert(v) => Ipv4Option::RouterAlert(*v),
            Ipv4Option::Tlv { kind, length, data } => Ipv4Option::Tlv { kind: *kind, length: *length, data: data.as_ref() },
            Ipv4Option::Padding(b) => Ipv4Option::Padding(b.as_ref()),
            Ipv4Option::Malformed { kind, length, rest } => {
                Ipv4Option::Malformed { kind: *kind, length: *length, rest: rest.as_ref() }
            }
        }
    }
    /// The option with owned data.
    pub fn to_owned(&self) -> Ipv4Option<Vec<u8>> {
        match self.as_ref() {
            Ipv4Option::Eol => Ipv4Option::Eol,
            Ipv4Option::Nop => Ipv4Option::Nop,
            Ipv4Option::RouterAlert(v) => Ipv4Option::RouterAlert(v),
            Ipv4Option::Tlv { kind, length, data } => Ipv4Option::Tlv { kind, length, data: data.to_vec() },
            Ipv4Option::Padding(b) => Ipv4Option::Padding(b.to_vec()),
            Ipv4Option::Malformed { kind, length, rest } => Ipv4Option::Malformed { kind, length, rest: rest.to_vec() },
        }
    }
    /// Octets `emit` writes.
    pub fn wire_len(&self) -> usize {
        match self {
            Ipv4Option::Eol | Ipv4Option::Nop => 1,
            Ipv4Option::RouterAlert(_) => 4,
            Ipv4Option::Tlv { data, .. } => 2 + data.as_ref().len(),
            Ipv4Option::Padding(b) => b.as_ref().len(),
            Ipv4Option::Malformed { length, rest, .. } => 1 + usize::from(length.is_some()) + rest.as_ref().len(),
        }
    }
    /// Appends the option, computing a Length not given (an error past 255 octets).
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LengthError> {
        match self {
            Ipv4Option::Eol => out.push(0),
            Ipv4Option::Nop => out.push(1),
            Ipv4Option::RouterAlert(v) => {
                out.extend_from_slice(&[Ipv4OptType::RouterAlert.value(), 4]);
                out.extend_from_slice(&v.to_be_bytes());
            }
            Ipv4Option::Tlv { kind, length, data } => {
                let data = data.as_ref();
                let len = match length.given() {
                    Some(l) => l,
                    None => u8::try_from(2 + data.len()).map_err(|_| LengthError {
                        field: "IPv4 option Length",
                        len: 2 + data.len(),
                        max: 255,
                    })?,
                };
                out.extend_from_slice(&[kind.value(), len]);
                out.extend_from_slice(data);
            }
            Ipv4Option::Padding(b) => out.extend_from_slice(b.as_ref()),
            Ipv4Option::Malformed { kind, length, rest } => {
                out.push(kind.value());
                out.extend(length.iter());
                out.extend_from_slice(rest.as_ref());
            }
        }
        Ok(())
    }
}

/// The walk over an IPv4 header's option octets, the one the dissector annotates from:
/// yields each option with its offset from the options' start, without allocating; it ends
/// after End of Option List's padding or an option that cannot be framed.
#[derive(Debug, Clone)]
pub struct Ipv4OptionWalk<'a> {
    b: &'a [u8],
    at: usize,
    after_eol: bool,
}

impl<'a> Ipv4OptionWalk<'a> {
    pub const fn new(options: &'a [u8]) -> Self {
        Ipv4OptionWalk { b: options, at: 0, after_eol: false }
    }
}

impl<'a> Iterator for Ipv4OptionWalk<'a> {
    type Item = (usize, Ipv4Option<&'a [u8]>);
    fn next(&mut self) -> Option<Self::Item> {
        let at = self.at;
        let rest = self.b.get(at..).filter(|r| !r.is_empty())?;
        if self.after_eol {
            self.at = self.b.len();
            return Some((at, Ipv4Option::Padding(rest)));
        }
        let kind = Ipv4OptType::from(rest[0]);
        let (opt, len) = match (kind, rest.get(1).copied()) {
            (Ipv4OptType::Eol, _) => {
                self.after_eol = true;
                (Ipv4Option::Eol, 1)
            }
            (Ipv4OptType::Nop, _) => (Ipv4Option::Nop, 1),
            (_, None) => (Ipv4Option::Malformed { kind, length: None, rest: &rest[1..] }, rest.len()),
            (_, Some(l)) => match rest.get(2..usize::from(l)).filter(|_| l >= 2) {
                None => (Ipv4Option::Malformed { kind, length: Some(l), rest: &rest[2..] }, rest.len()),
                Some(&[a, b]) if kind == Ipv4OptType::RouterAlert => (Ipv4Option::RouterAlert(u16::from_be_bytes([a, b])), 4),
                Some(data) => (Ipv4Option::Tlv { kind, length: Auto::Given(l), data }, usize::from(l)),
            },
        };
        self.at = at + len;
        Some((at, opt))
    }
}

/// An IPv4 header's options: as parsed (the octets, walked on demand with
/// [`Ipv4OptionWalk`]: the dissector's path allocates nothing), or as a list (what `to_owned`
/// gives and a crafted header holds). Both emit the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ipv4Options<B> {
    Wire(B),
    List(Vec<Ipv4Option<B>>),
}

impl<B> Default for Ipv4Options<B> {
    fn default() -> Self {
        Ipv4Options::List(Vec::new())
    }
}

impl<B: AsRef<[u8]>> Ipv4Options<B> {
    /// Every option in order (a list's with its offset as emitted).
    pub fn iter(&self) -> impl Iterator<Item = (usize, Ipv4Option<&[u8]>)> + '_ {
        let (wire, list) = match self {
            Ipv4Options::Wire(b) => (Some(Ipv4OptionWalk::new(b.as_ref())), None),
            Ipv4Options::List(l) => (None, Some(l)),
        };
        let mut at = 0;
        wire.into_iter().flatten().chain(list.into_iter().flatten().map(move |o| {
            let here = at;
            at += o.wire_len();
            (here, o.as_ref())
        }))
    }
    /// Octets the options emit (before any padding a computed IHL adds).
    pub fn wire_len(&self) -> usize {
        match self {
            Ipv4Options::Wire(b) => b.as_ref().len(),
            Ipv4Options::List(l) => l.iter().map(Ipv4Option::wire_len).sum(),
        }
    }
    /// Appends the options as they are.
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LengthError> {
        match self {
            Ipv4Options::Wire(b) => out.extend_from_slice(b.as_ref()),
            Ipv4Options::List(l) => {
                for o in l {
                    o.emit(out)?;
                }
            }
        }
        Ok(())
    }
    /// The options as an owned list.
    pub fn to_owned(&self) -> Ipv4Options<Vec<u8>> {
        Ipv4Options::List(self.iter().map(|(_, o)| o.to_owned()).collect())
    }
}

/// An IPv4 header (RFC 791) with its options, owned and lossless: `emit(parse(x)) == x` for
/// any bytes `parse` accepts. The octets past Total Length (link padding) are the `trailer`;
/// a crafted header leaves IHL, Total Length, Protocol, the checksum and the options' padding to
/// be computed. `Ipv4<&[u8]>` is what the dissector's path parses; `to_owned` gives
/// `Ipv4<Vec<u8>>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4<B> {
    pub header: Ipv4Header,
    pub options: Ipv4Options<B>,
    /// Octets after the packet Total Length declares (none when it claims more than there is).
    pub trailer: B,
}

impl<'a> Ipv4<&'a [u8]> {
    /// Parses a header from the start of `i` (the rest of the frame); returns it and the
    /// header's length (IHL). The payload is `i[len..i.len() - trailer.len()]`. A header
    /// length below 20 or past `i` cannot be framed: a `Cut`.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let header = Ipv4Header::parse(i)?;
        let ihl = header.header_octets();
        if ihl < Ipv4Header::LEN {
            return Err(Cut::new(0, "IPv4 header length below 20"));
        }
        let Some(options) = i.get(Ipv4Header::LEN..ihl) else {
            return Err(Cut::new(Ipv4Header::LEN, "IPv4 options"));
        };
        // Total Length 0 is TCP segmentation offload's (as the dissector reads it): the payload
        // is the rest.
        let total = match usize::from(header.total_len.given().unwrap_or(0)) {
            0 => i.len(),
            n => n,
        };
        let pend = total.clamp(ihl, i.len());
        Ok((Ipv4 { header, options: Ipv4Options::Wire(options), trailer: &i[pend..] }, ihl))
    }
}

impl<B: AsRef<[u8]>> Ipv4<B> {
    /// The owned form.
    pub fn to_owned(&self) -> Ipv4<Vec<u8>> {
        Ipv4 { header: self.header, options: self.options.to_owned(), trailer: self.trailer.as_ref().to_vec() }
    }

    /// The pseudo-header the layers above checksum with: the source and the final destination
    /// (a source route's last address, [`routing::final_destination`], else the header's).
    pub fn ip_ctx(&self) -> IpCtx {
        let mut opts = Vec::new();
        let opts = match &self.options {
            Ipv4Options::Wire(b) => b.as_ref(),
            Ipv4Options::List(_) => {
                // A list emits to octets first; one that cannot (a Length past 255) names none.
                let _ = self.options.emit(&mut opts);
                &opts[..]
            }
        };
        let dst = routing::final_destination(opts).unwrap_or(self.header.dst);
        IpCtx::V4 { src: self.header.src, dst }
    }

    /// The context the layers above emit with: this packet's pseudo-header ([`Ipv4::ip_ctx`]),
    /// the rest of `cx` unchanged.
    pub fn upper_cx<'c>(&self, cx: &EmitCx<'c>) -> EmitCx<'c> {
        EmitCx { ip: Some(self.ip_ctx()), ..*cx }
    }

    /// Octets of the header `emit` writes (options and their computed padding included).
    pub fn header_len(&self) -> usize {
        let opts = self.options.wire_len();
        Ipv4Header::LEN + if self.header.ihl.given().is_some() { opts } else { opts.next_multiple_of(4) }
    }

    /// Appends the header, `payload` and the trailer, computing what was not given: padding
    /// the options to a 32-bit boundary with zeros and IHL from the result, Total Length from
    /// header and payload, Protocol from `cx.next_proto` (59 without one), the checksum over
    /// the header IHL covers. A header over 60 octets or a packet over 65,535 cannot be said.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), LengthError> {
        let h = &self.header;
        let start = out.len();
        out.extend_from_slice(&[0; Ipv4Header::LEN]);
        self.options.emit(out)?;
        if h.ihl.given().is_none() {
            out.resize(start + (out.len() - start).next_multiple_of(4), 0);
        }
        let hlen = out.len() - start;
        let ihl = match h.ihl.given() {
            Some(v) => v,
            None if hlen <= 60 => (hlen / 4) as u8,
            None => return Err(LengthError { field: "IPv4 IHL", len: hlen, max: 60 }),
        };
        let total = match h.total_len.given() {
            Some(v) => v,
            None => u16::try_from(hlen + payload.len()).map_err(|_| LengthError {
                field: "IPv4 Total Length",
                len: hlen + payload.len(),
                max: 65535,
            })?,
        };
        let fixed = &mut out[start..start + Ipv4Header::LEN];
        fixed[0] = (h.version << 4) | (ihl & 0x0f);
        fixed[1] = h.ds_field();
        fixed[2..4].copy_from_slice(&total.to_be_bytes());
        fixed[4..6].copy_from_slice(&h.id.to_be_bytes());
        fixed[6..8].copy_from_slice(&h.flags_frag().to_be_bytes());
        fixed[8] = h.ttl;
        fixed[9] = h.protocol.or_else(|| cx.next_proto.unwrap_or(59));
        fixed[10..12].copy_from_slice(&h.checksum.given().unwrap_or(0).to_be_bytes());
        fixed[12..16].copy_from_slice(&h.src);
        fixed[16..20].copy_from_slice(&h.dst);
        out.extend_from_slice(payload);
        if h.checksum.given().is_none() {
            // Over the octets IHL says are the header, as a receiver checks it.
            let covered = usize::from(ihl & 0x0f) * 4;
            let end = (start + covered).min(out.len());
            let c = checksum::finish(checksum::sum(&out[start..end], 0));
            out[start + 10..start + 12].copy_from_slice(&c.to_be_bytes());
        }
        out.extend_from_slice(self.trailer.as_ref());
        Ok(())
    }
}

/// A header of fewer than 20 octets at hand: as tshark, the fields that are there are shown
/// (the source address in the columns when it is), a Total Length past them reported unless a
/// snap length cut them, then the cut.
#[cold]
fn short_header(t: &mut Tree<'_>, p: usize, off: usize, end: usize) {
    let rd = t.rd();
    let have = end.min(t.data.len()).saturating_sub(off);
    let at = |n: usize| have >= n;
    // (A packet of no octets names nothing: tshark's IPv4 gives up before its column.)
    if have > 0 {
        t.set_protocol_column("IPv4");
    }
    if let Some(first) = rd.u8(off).filter(|_| at(1)) {
        t.add_uint(&VERSION, off, 1, u64::from(first));
        let ihl = usize::from(first & 0x0f) * 4;
        let hl = t.add_uint(&HDR_LEN, off, 1, ihl as u64);
        t.append(hl, format_args!(" ({})", ihl / 4));
    }
    if let Some(ds) = rd.u8(off + 1).filter(|_| at(2)) {
        let d = t.add_uint(&DSFIELD, off + 1, 1, u64::from(ds));
        t.open(d);
        t.add_uint(&DSCP, off + 1, 1, u64::from(ds));
        t.add_uint(&ECN, off + 1, 1, u64::from(ds));
        t.close();
    }
    if let Some(total) = rd.u16(off + 2).filter(|_| at(4)) {
        t.add_uint(&LEN, off + 2, 2, u64::from(total));
        // (Not in an ICMP error's quote, which may end anywhere.)
        if usize::from(total) > have && !t.snapped() && !t.in_error {
            t.expert(&BAD_LEN, off + 2, 2, Some(format_args!("total length {total}, {have} bytes available")));
        }
    }
    if let Some(id) = rd.u16(off + 4).filter(|_| at(6)) {
        t.add_uint(&ID, off + 4, 2, u64::from(id));
    }
    if let Some(frag) = rd.u16(off + 6).filter(|_| at(8)) {
        flags_rows(t, off, frag);
    }
    for (def, rel, len) in [(&TTL, 8, 1), (&PROTO, 9, 1), (&CHECKSUM, 10, 2)] {
        if let Some(b) = rd.slice(off + rel, off + rel + len).filter(|_| at(rel + len)) {
            let n = t.add_uint(def, off + rel, len, b.iter().fold(0u64, |a, &x| a << 8 | u64::from(x)));
            if std::ptr::eq(def, &CHECKSUM) {
                // A header not all there cannot be checked (tshark's words).
                t.append(n, format_args!(" [not all data available]"));
            }
        }
    }
    if at(12) {
        // A header not all there cannot be checked.
        t.add_generated(&CHECKSUM_STATUS, off + 10, 2, Value::Uint(checksum::status::UNVERIFIED));
    }
    if let Some(src) = rd.array::<4>(off + 12).filter(|_| at(16)) {
        t.append(p, format_args!(", Src: {}", crate::wire::Ip4(src)));
        t.add(&SRC, off + 12, 4, Value::Ipv4(src));
        let a = t.add(&ADDR, off + 12, 4, Value::Ipv4(src));
        t.hide(a);
        t.d.cols.src = Some(Value::Ipv4(src));
    }
    t.truncated_within(off, end, "IPv4 header");
    t.close();
}

/// The flags (under their octet) and the Fragment Offset, from the header's octets 6-7.
fn flags_rows(t: &mut Tree<'_>, off: usize, frag: u16) {
    let fl = t.add_uint(&FLAGS, off + 6, 1, u64::from(frag >> 8));
    t.flag_summary(Some(fl), u64::from(frag >> 8), &[&FLAG_RB, &FLAG_DF, &FLAG_MF]);
    t.open(fl);
    for f in [&FLAG_RB, &FLAG_DF, &FLAG_MF] {
        t.add_uint(f, off + 6, 1, u64::from(frag >> 8));
    }
    t.close();
    t.add_uint(&FRAG_OFFSET, off + 6, 2, u64::from(frag));
}

/// Version, Header Length and the Differentiated Services field, the rows every IPv4 header
/// shows before its Total Length.
fn first_rows(t: &mut Tree<'_>, off: usize, h: &Ipv4Header, ihl: usize) {
    t.add_uint(&VERSION, off, 1, u64::from(h.version_ihl()));
    let hl = t.add_uint(&HDR_LEN, off, 1, ihl as u64);
    t.append(hl, format_args!(" ({})", ihl / 4));
    let ds = t.add_uint(&DSFIELD, off + 1, 1, u64::from(h.ds_field()));
    t.open(ds);
    t.add_uint(&DSCP, off + 1, 1, u64::from(h.ds_field()));
    t.add_uint(&ECN, off + 1, 1, u64::from(h.ds_field()));
    t.close();
}

/// Dissects the IP packet at `off` whatever its version, as tshark's `ip` dissector does for
/// what an IP protocol number 4, GRE or a Mobile IPv4 tunnel carries: version 4 as IPv4, 6 as
/// IPv6, any other reported alone ("Internet Protocol, bogus version (5)") and read no further.
pub fn dissect_any(t: &mut Tree<'_>, off: usize, end: usize) {
    // The first octet of the packet, not one past its end (an Ethernet trailer).
    match t.bytes(off, end).first().map(|&b| (b, b >> 4)) {
        Some((_, 6)) => {
            // tshark's `ip` dissector is a layer of its own before IPv6's (`ip:ipv6`).
            t.note_protocol(IP.abbrev);
            crate::ipv6::dissect(t, off, end);
        }
        Some((first, v)) if v != 4 => {
            t.protocol_labelled(&IP, off, 1, format_args!("Internet Protocol, bogus version ({v})"));
            t.add_uint(&VERSION, off, 1, u64::from(first));
            t.expert(&BAD_VERSION, off, 1, Some(format_args!("{v}")));
            t.set_protocol_column("IP");
            t.set_info(format_args!("Bogus IP version ({v})"));
            t.close();
        }
        _ => dissect(t, off, end),
    }
}

/// Dissects an IPv4 header at `off` and hands its payload on: what an EtherType of 0x0800 (or a
/// PPP protocol, an ICMP error's quote) carries. As tshark, a packet of another version is
/// reported under an IPv4 item and goes no further, unless its version is 6: then it is read as
/// IPv6 after the report.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let avail = end.saturating_sub(off);
    let p = t.protocol(&IP, off, avail.min(20));
    if let Some(&first) = t.bytes(off, end).first().filter(|b| *b >> 4 != 4) {
        t.add_uint(&VERSION, off, 1, u64::from(first));
        let v = first >> 4;
        t.expert(&BAD_VERSION, off, 1, Some(format_args!("{v}, must be 4")));
        if v == 6 {
            t.set_len(p, 0);
            t.close();
            crate::ipv6::dissect(t, off, end);
        } else {
            t.set_protocol_column("IPv4");
            t.set_info(format_args!("Bogus IPv4 version ({v}, must be 4)"));
            t.close();
        }
        return;
    }
    // A Header Length below 20 octets ends the header before its fields: as tshark, only the
    // version and the length are shown, and the columns say so (no addresses).
    if let Some(&first) = t.bytes(off, end).first().filter(|b| usize::from(*b & 0x0f) * 4 < Ipv4Header::LEN) {
        let ihl = usize::from(first & 0x0f) * 4;
        t.add_uint(&VERSION, off, 1, u64::from(first));
        let hl = t.add_uint(&HDR_LEN, off, 1, ihl as u64);
        t.append(hl, format_args!(" ({})", ihl / 4));
        t.expert(&BAD_HDR_LEN, off, 1, Some(format_args!("{ihl}, must be at least 20")));
        t.set_protocol_column("IPv4");
        t.set_info(format_args!("Bogus IP header length ({ihl}, must be at least 20)"));
        t.close();
        return;
    }
    let Ok(h) = Ipv4Header::parse(t.bytes(off, end)) else {
        short_header(t, p, off, end);
        return;
    };
    let ihl = h.header_octets();
    let total = usize::from(h.total_len.given().unwrap_or(0));
    if total != 0 && total < ihl {
        // As tshark: the header is read up to its Total Length, which it cannot be.
        first_rows(t, off, &h, ihl);
        let l = t.add_uint(&LEN, off + 2, 2, total as u64);
        t.append(l, format_args!(" bytes (bogus, less than header length {ihl})"));
        t.expert(&BAD_LEN, off + 2, 2, Some(format_args!("{total} is less than the header length {ihl}")));
        t.set_protocol_column("IPv4");
        t.set_info(format_args!("Bogus IP length ({total}, less than header length {ihl})"));
        t.close();
        return;
    }
    // Total Length 0 is taken for TCP segmentation offload (the sender's capture of a datagram
    // its interface splits), as tshark takes it: the datagram is what the frame holds.
    let tso = total == 0;
    let total = if tso { avail } else { total };
    let id = h.id;
    let (src, dst) = (h.src, h.dst);
    // A source route's last address is where the datagram goes (tshark's `ip.dst`); the
    // header's Destination Address is then the current hop (`ip.cur_rt`).
    let final_dst =
        if ihl > Ipv4Header::LEN { t.rd().slice(off + 20, off + ihl).and_then(routing::final_destination) } else { None };
    let to = final_dst.unwrap_or(dst);
    t.append(p, format_args!(", Src: {}, Dst: {}", crate::wire::Ip4(src), crate::wire::Ip4(to)));
    if final_dst.is_some() {
        t.append(p, format_args!(", Via: {}", crate::wire::Ip4(dst)));
    }
    first_rows(t, off, &h, ihl);
    if tso {
        let l = t.add_generated(&LEN, off + 2, 2, Value::Uint(total as u64));
        t.append(l, format_args!(" bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))"));
    } else {
        t.add_uint(&LEN, off + 2, 2, total as u64);
    }
    t.add_uint(&ID, off + 4, 2, u64::from(id));
    flags_rows(t, off, h.flags_frag());
    let ttl = t.add_uint(&TTL, off + 8, 1, u64::from(h.ttl));
    // RFC 5771 §4 (was RFC 3171): the Local Network Control Block, 224.0.0.0/24, is never
    // forwarded, so its datagrams are sent with TTL 1 (RFC 5944's agent advertisements too);
    // tshark notes any other TTL, a quoted header's included.
    if dst[..3] == [224, 0, 0] && h.ttl != 1 {
        t.open(ttl);
        t.expert_worded(
            &TTL_LNCB,
            off + 8,
            1,
            format_args!("\"Time To Live\" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)"),
        );
        t.close();
    }
    let proto = h.protocol.given().unwrap_or(0);
    t.add_uint(&PROTO, off + 9, 1, u64::from(proto));
    let csum = h.checksum.given().unwrap_or(0);
    let ck = t.add_uint(&CHECKSUM, off + 10, 2, u64::from(csum));
    // The whole header (options included) when all of it is there: folded with its checksum
    // it gives 0 when the checksum is right.
    let whole = t.rd().slice(off, off + ihl).filter(|_| (20..=avail).contains(&ihl));
    if let Some(hb) = whole.filter(|hb| checksum::finish(checksum::sum(hb, 0)) != 0) {
        // Everything but the checksum field (octets 10 and 11; `hb` has at least 20).
        let (before, after) = (hb.get(..10).unwrap_or_default(), hb.get(12..).unwrap_or_default());
        let want = checksum::finish(checksum::sum(after, checksum::sum(before, 0)));
        t.append_with(ck, |s| checksum::write_incorrect(s, want, checksum::IP_OFFLOAD));
        t.open(ck);
        t.add_generated(&CHECKSUM_CALC, off + 10, 2, Value::Uint(u64::from(want)));
        t.close();
        t.expert(&BAD_CHECKSUM, off + 10, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
        t.add_generated(&CHECKSUM_STATUS, off + 10, 2, Value::Uint(checksum::status::BAD));
    } else if whole.is_some() {
        // Like tshark with ip.check_checksum on, a verified header also shows its calculated
        // checksum (equal to the one sent), inside an ICMP error's quoted packet too.
        t.append(ck, format_args!(" [correct]"));
        t.open(ck);
        t.add_generated(&CHECKSUM_CALC, off + 10, 2, Value::Uint(u64::from(csum)));
        t.close();
        t.add_generated(&CHECKSUM_STATUS, off + 10, 2, Value::Uint(checksum::status::GOOD));
    } else {
        // The header is not all there (tshark's words).
        t.append(ck, format_args!(" [not all data available]"));
        t.add_generated(&CHECKSUM_STATUS, off + 10, 2, Value::Uint(checksum::status::UNVERIFIED));
    }
    t.add(&SRC, off + 12, 4, Value::Ipv4(src));
    let a = t.add(&ADDR, off + 12, 4, Value::Ipv4(src));
    t.hide(a);
    if final_dst.is_some() {
        t.add(&routing::CUR_RT, off + 16, 4, Value::Ipv4(dst));
    } else {
        t.add(&DST, off + 16, 4, Value::Ipv4(dst));
        let a = t.add(&ADDR, off + 16, 4, Value::Ipv4(dst));
        t.hide(a);
    }
    t.d.cols.src = Some(Value::Ipv4(src));
    t.d.cols.dst = Some(Value::Ipv4(to));
    t.set_protocol_column("IPv4");
    // The rest, framed as the owned form frames it.
    let ip = match Ipv4::parse(t.bytes(off, end)) {
        Ok((ip, _)) => ip,
        Err(Cut { at: 0, .. }) => {
            t.expert(&BAD_HDR_LEN, off, 1, Some(format_args!("{ihl} bytes, must be at least 20")));
            t.close();
            return;
        }
        Err(_) => {
            t.truncated(off, "IPv4 header with options");
            t.close();
            return;
        }
    };
    t.set_len(p, ihl);
    if ihl > 20 {
        options(t, off + 20, off + ihl, &ip.options);
    }
    let pend = if total < ihl {
        t.expert(&BAD_LEN, off + 2, 2, Some(format_args!("{total} is less than the header length {ihl}")));
        t.close();
        return;
    } else if off + total > end {
        // A quoted packet (ICMP error) ends where its quote ends.
        let at_end = end == t.data.len() || t.in_error;
        t.length_exceeds(&BAD_LEN, at_end, off + 2, 2, Some(format_args!("total length {total}, {avail} bytes available")));
        end
    } else {
        // The whole datagram is at hand: what it carries can be checked, whatever an outer
        // length claimed (a PPPoE LENGTH one octet too long).
        t.cut = false;
        off + total
    };
    let fragment = h.frag_offset != 0 || h.flags.has(Ipv4Flags::MF);
    let mut whole = None;
    if fragment {
        match crate::reasm::take(t, crate::reasm::Family::V4) {
            Some(crate::reasm::Note::Done(done)) => whole = crate::reasm::show(t, &crate::reasm::V4, done),
            Some(crate::reasm::Note::Refused { why, .. }) => crate::reasm::refused(t, *why, off + 6, 2),
            None => {}
        }
    }
    t.close();
    let ctx = IpCtx::V4 { src, dst: to };
    // The IPv6 Hop Limit of an outer header is not what carries the payload now, nor its
    // Authentication Header.
    t.pkt.hlim = None;
    t.pkt.ah = false;
    if let Some((s, e)) = whole {
        t.pkt.ip4_ttl = Some((h.ttl, off + 8));
        t.pkt.ip = Some((src.into(), to.into()));
        crate::dissect_ip_proto(t, proto, s, e, e - s, ctx);
        return;
    }
    if fragment {
        let name = crate::ip_proto::name(proto);
        t.set_info(format_args!("Fragmented IP protocol (proto={name} {proto}, off={}, ID={:04x})", h.frag_offset * 8, id));
        crate::data(t, off + ihl, pend);
        return;
    }
    t.pkt.ip4_ttl = Some((h.ttl, off + 8));
    t.pkt.ip = Some((src.into(), to.into()));
    crate::dissect_ip_proto(t, proto, off + ihl, pend, total.saturating_sub(ihl), ctx);
}

fn options(t: &mut Tree<'_>, start: usize, end: usize, opts: &Ipv4Options<&[u8]>) {
    let o = t.add(&OPTIONS, start, end - start, Value::None);
    t.append(o, format_args!(": ({} bytes)", end - start));
    // As tshark: the names of the options it knows with a Length (not EOL, NOP, padding or
    // an unknown type).
    for (_, opt) in opts.iter() {
        let kind = match opt {
            Ipv4Option::Tlv { kind, .. } => kind,
            Ipv4Option::RouterAlert(_) => Ipv4OptType::RouterAlert,
            _ => continue,
        };
        if let Some(name) = kind.name() {
            t.append(o, format_args!(", {name}"));
        }
    }
    t.open(o);
    let mut once = routing::Once::default();
    for (rel, opt) in opts.iter() {
        let off = start + rel;
        let (kind, data) = match opt {
            Ipv4Option::Padding(_) => break,
            Ipv4Option::Eol | Ipv4Option::Nop => {
                let kind = if opt == Ipv4Option::Eol { Ipv4OptType::Eol } else { Ipv4OptType::Nop };
                let n = t.add(opt_def(kind), off, 1, Value::None);
                t.append(n, format_args!(" - {kind}"));
                t.open(n);
                type_fields(t, off, kind);
                t.close();
                continue;
            }
            Ipv4Option::Malformed { kind, length: None, .. } => {
                t.expert(&BAD_OPTION, off, 1, Some(format_args!("length octet of option {} is past the header", kind.value())));
                break;
            }
            Ipv4Option::Malformed { kind, length: Some(len), .. } => (kind, Err(len)),
            Ipv4Option::RouterAlert(v) => (Ipv4OptType::RouterAlert, Ok((4, Some(v), &[][..]))),
            Ipv4Option::Tlv { kind, length, data } => (kind, Ok((length.given().unwrap_or(0), None, data))),
        };
        let len = match data {
            Ok((l, ..)) | Err(l) => usize::from(l),
        };
        let n = t.add(opt_def(kind), off, len.max(2).min(end - off), Value::None);
        let name = kind.name().unwrap_or("Unknown");
        t.append(n, format_args!(" - {name} ({len} bytes)"));
        t.open(n);
        type_fields(t, off, kind);
        t.add_uint(&OPT_LEN, off + 1, 1, len as u64);
        if once.again(kind) {
            t.expert(&routing::DUPLICATE, off, 1, Some(format_args!("{name}")));
        }
        match data {
            Err(_) => {
                t.expert(&BAD_OPTION, off + 1, 1, Some(format_args!("option length {len}, {} bytes left", end - off)));
                t.close();
                break;
            }
            Ok((_, Some(ra), _)) => {
                t.add_uint(&OPT_RA, off + 2, 2, u64::from(ra));
                // tshark repeats the value on the option's line.
                t.append_with(n, |s| {
                    s.push_str(": ");
                    router_alert(&Value::Uint(u64::from(ra)), s);
                });
            }
            Ok((_, None, data)) if routing::PATH_OPTIONS.contains(&kind) => routing::dissect_option(t, off, kind, data),
            Ok((_, None, data)) if !data.is_empty() => {
                t.add(&OPT_DATA, off + 2, data.len(), Value::Bytes);
            }
            Ok(_) => {}
        }
        t.close();
    }
    t.close();
}

fn type_fields(t: &mut Tree<'_>, off: usize, kind: Ipv4OptType) {
    let ty = kind.value();
    let n = t.add_uint(&OPT_TYPE, off, 1, u64::from(ty));
    t.open(n);
    for f in [&OPT_COPY, &OPT_CLASS, &OPT_NUMBER] {
        t.add_uint(f, off, 1, u64::from(ty));
    }
    t.close();
}

/// A UDP header (RFC 768), owned and lossless: what `parse` read re-emits identically; a
/// crafted one leaves Length and the checksum to be computed (over the IPv6 pseudo-header, or
/// the IPv4 one, with the Home Address / type 2 routing header substitutions already in the
/// `IpCtx`). The dissector parses with this same definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Udp {
    pub src_port: u16,
    pub dst_port: u16,
    /// 8 + the payload's length unless given.
    pub length: Auto<u16>,
    /// Computed unless given. Computed over IPv4 without an `IpCtx` it is 0 ("no checksum",
    /// RFC 768); a computed 0 is sent as 0xffff.
    pub checksum: Auto<u16>,
}

impl Udp {
    /// Octets of the header.
    pub const LEN: usize = 8;

    /// Parses the 8-octet header from the start of `i`, or `None` when fewer are there.
    pub fn parse(i: &[u8]) -> Option<Udp> {
        let [s0, s1, d0, d1, l0, l1, c0, c1] = *i.first_chunk::<8>()?;
        Some(Udp {
            src_port: u16::from_be_bytes([s0, s1]),
            dst_port: u16::from_be_bytes([d0, d1]),
            length: Auto::Given(u16::from_be_bytes([l0, l1])),
            checksum: Auto::Given(u16::from_be_bytes([c0, c1])),
        })
    }

    /// Appends the header and `payload`, computing what was not given; `ip` gives the
    /// pseudo-header (`None`: no checksum can be computed, 0 is sent).
    pub fn emit(&self, payload: &[u8], ip: Option<IpCtx>, out: &mut Vec<u8>) {
        let start = out.len();
        let total = Self::LEN + payload.len();
        // A datagram longer than Length can say is a jumbogram's: Length 0 (RFC 2675 §4), the
        // checksum over all of it (never a clamped Length that would cut it).
        let length = self.length.or_else(|| u16::try_from(total).unwrap_or(0));
        out.extend_from_slice(&self.src_port.to_be_bytes());
        out.extend_from_slice(&self.dst_port.to_be_bytes());
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&self.checksum.given().unwrap_or(0).to_be_bytes());
        out.extend_from_slice(payload);
        if let (Auto::Computed, Some(ip)) = (self.checksum, ip) {
            // RFC 768: over the pseudo-header and the octets Length covers, whatever Length says.
            let all = &out[start..];
            let covered = if length == 0 && total > usize::from(u16::MAX) { total } else { usize::from(length) };
            let all = &all[..covered.min(all.len())];
            let c = checksum::finish(checksum::sum(all, ip.pseudo_sum(covered as u32, 17)));
            let c = if c == 0 { 0xffff } else { c };
            out[start + 6..start + 8].copy_from_slice(&c.to_be_bytes());
        }
    }
}

/// UDP over IPv4 or IPv6.
pub fn dissect_udp(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let avail = end.saturating_sub(off);
    let p = t.protocol(&UDP, off, avail.min(8));
    let Some(u) = Udp::parse(t.bytes(off, end)) else {
        t.truncated(off, "UDP header");
        t.close();
        return;
    };
    let (sp, dp) = (u.src_port, u.dst_port);
    let (len, csum) = (usize::from(u.length.given().unwrap_or(0)), u.checksum.given().unwrap_or(0));
    // Over IPv6 a Length of 0 is a jumbogram's (RFC 2675 §4): the datagram is the IP payload,
    // as tshark reads it (and says so when the payload is one a Length could have given).
    let jumbo = len == 0 && matches!(ip, IpCtx::V6 { .. });
    let wire_len = len;
    let len = if jumbo { avail } else { len };
    t.append(p, format_args!(", Src Port: {sp}, Dst Port: {dp}"));
    t.add_uint(&UDP_SRCPORT, off, 2, u64::from(sp));
    t.add_uint(&UDP_DSTPORT, off + 2, 2, u64::from(dp));
    let a = t.add_uint(&UDP_PORT, off, 2, u64::from(sp));
    t.hide(a);
    let a = t.add_uint(&UDP_PORT, off + 2, 2, u64::from(dp));
    t.hide(a);
    let ln = t.add_uint(&UDP_LENGTH, off + 4, 2, wire_len as u64);
    // tshark's notes on a Length the datagram cannot have (not for a snap length's cut or an
    // ICMP error's quote, whose IP payload is not all there).
    if len < 8 {
        t.append(ln, format_args!(" (bogus, must be >= 8)"));
    } else if off + len > end && !t.snapped() && !t.in_error {
        t.append(ln, format_args!(" (bogus, payload length {avail})"));
    }
    if jumbo && avail < 65_536 {
        t.expert(&UDP_LENGTH_ZERO, off + 4, 2, Some(format_args!("the payload has {avail} octets")));
    }
    if len < 8 {
        // As tshark: a Length shorter than the header ends the datagram before its checksum.
        t.expert(&UDP_BAD_LENGTH, off + 4, 2, Some(format_args!("{len} is less than 8")));
        t.set_protocol_column("UDP");
        t.set_info(format_args!("{sp} → {dp} [BAD UDP LENGTH {len} < 8]"));
        t.close();
        return;
    }
    let ck = t.add_uint(&UDP_CHECKSUM, off + 6, 2, u64::from(csum));
    // Verify only when the whole datagram was captured and a checksum was sent.
    let seg = t.bytes(off, off + len);
    if csum == 0 && matches!(ip, IpCtx::V6 { .. }) && !t.in_error {
        // RFC 8200 §8.1: over IPv6 the checksum is mandatory; zero is no checksum at all (RFC
        // 6935's tunnel exception aside), not a wrong one (tshark's "zero-value illegal").
        t.append(ck, format_args!(" [zero-value illegal]"));
        t.expert(&UDP_ZERO_CHECKSUM, off + 6, 2, None);
        t.add_generated(&UDP_CHECKSUM_STATUS, off + 6, 2, Value::Uint(checksum::status::ILLEGAL));
    } else if len >= 8 && off + len <= end && seg.len() == len && csum != 0 {
        let init = ip.pseudo_sum(len as u32, 17);
        let folded = checksum::finish(checksum::sum(seg, init));
        if folded != 0 {
            // Everything but the checksum field (octets 6 and 7; `seg` has at least 8).
            let (before, after) = (seg.get(..6).unwrap_or_default(), seg.get(8..).unwrap_or_default());
            let want = checksum::finish(checksum::sum(after, checksum::sum(before, init)));
            let want = if want == 0 { 0xffff } else { want };
            t.append_with(ck, |s| checksum::write_incorrect(s, want, checksum::UDP_OFFLOAD));
            t.open(ck);
            t.add_generated(&UDP_CHECKSUM_CALC, off + 6, 2, Value::Uint(u64::from(want)));
            t.close();
            t.expert(&UDP_BAD_CHECKSUM, off + 6, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
            t.add_generated(&UDP_CHECKSUM_STATUS, off + 6, 2, Value::Uint(checksum::status::BAD));
        } else {
            // A verified checksum also shows its calculated value, as tshark does.
            t.append(ck, format_args!(" [correct]"));
            t.open(ck);
            t.add_generated(&UDP_CHECKSUM_CALC, off + 6, 2, Value::Uint(u64::from(csum)));
            t.close();
            t.add_generated(&UDP_CHECKSUM_STATUS, off + 6, 2, Value::Uint(checksum::status::GOOD));
        }
    } else {
        // RFC 768: a zero checksum over IPv4 means none was computed; so does one in a datagram
        // an ICMPv6 error quotes (judged when it was sent; tshark: "zero-value ignored").
        let st = if csum == 0 { checksum::status::NOT_PRESENT } else { checksum::status::UNVERIFIED };
        t.append(ck, format_args!("{}", if csum == 0 { " [zero-value ignored]" } else { " [unverified]" }));
        t.add_generated(&UDP_CHECKSUM_STATUS, off + 6, 2, Value::Uint(st));
    }
    t.set_protocol_column("UDP");
    // tshark's notes on a Length the datagram cannot have (not for a snap length's cut or an
    // ICMP error's quote) and on IPv6's forbidden zero checksum.
    let too_long = off + len > end && !t.snapped() && !t.in_error;
    let zero_v6 = csum == 0 && matches!(ip, IpCtx::V6 { .. }) && !t.in_error;
    // "SP → DP Len=N" without the fmt machinery (every UDP packet, tunnels included).
    let info = t.info();
    info.clear();
    crate::format::write_dec(info, u64::from(sp));
    info.push_str(" → ");
    crate::format::write_dec(info, u64::from(dp));
    if too_long {
        info.push_str(" [BAD UDP LENGTH ");
        crate::format::write_dec(info, len as u64);
        info.push_str(" > IP PAYLOAD LENGTH]");
    }
    info.push_str(" Len=");
    crate::format::write_dec(info, len.saturating_sub(8) as u64);
    if jumbo {
        info.push_str(" [Jumbogram]");
    }
    if zero_v6 {
        info.push_str(" [ILLEGAL CHECKSUM (0)]");
    }
    let pend = if off + len > end {
        // A quoted packet (ICMP error) ends where its quote ends.
        let at_end = end == t.data.len() || t.in_error;
        t.length_exceeds(
            &UDP_BAD_LENGTH,
            at_end,
            off + 4,
            2,
            Some(format_args!("{len} is more than the {avail} bytes available")),
        );
        end
    } else {
        off + len
    };
    if pend > off + 8 {
        // tshark lists the payload as `udp.payload` ("UDP payload (8 bytes)"), last in the
        // datagram's subtree, whichever dissector takes it next.
        t.add(&UDP_PAYLOAD, off + 8, pend - off - 8, Value::Bytes);
    }
    t.close();
    if pend > off + 8 {
        t.pkt.udp_ip = Some(ip);
        match crate::Next::of_udp_ports(sp, dp, t.prefs) {
            crate::Next::MhOverUdp => crate::mh::dissect(t, off + 8, pend, crate::mh::Carrier::Udp),
            crate::Next::Mip4 => crate::mip4::dissect(t, off + 8, pend),
            crate::Next::Vxlan => crate::vxlan::dissect(t, off + 8, pend),
            crate::Next::VxlanGpe => crate::vxlan::dissect_gpe(t, off + 8, pend),
            _ => crate::data(t, off + 8, pend),
        }
    }
}

/// `-V` text of the Fragment Offset: the octets it stands for (8 per unit), as tshark shows it.
fn eight_octet_units(v: &Value, out: &mut dyn Sink) {
    crate::format::write_dec(out, v.as_uint().unwrap_or(0) * 8);
}

/// `-V` text of a Router Alert value (RFC 2113 §2.1: 0 is the only one defined).
fn router_alert(v: &Value, out: &mut dyn Sink) {
    let v = v.as_uint().unwrap_or(0);
    out.push_str(if v == 0 { "Router shall examine packet (" } else { "Reserved (" });
    crate::format::write_dec(out, v);
    out.push(')');
}
