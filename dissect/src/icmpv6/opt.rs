//! Neighbor Discovery options (RFC 4861 §4.6), carried by Neighbor Discovery messages and by
//! Mobile IPv6's Mobile Prefix Solicitation/Advertisement (RFC 6275 §6.7, §6.8).
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |     Type      |    Length     |              ...              |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! ~                              ...                              ~
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! ```
//! Length counts 8-octet units including Type and Length. It is never trusted: a Length of 0
//! stops the walk (§4.6: "Nodes MUST silently discard an ND packet that contains an option
//! with length zero"), an option must fit in the message before it is decoded, and each
//! decoder sees only its own option's octets. Decoded here: Source/Target Link-layer Address
//! (1, 2, §4.6.1), Prefix Information (3, §4.6.2, with RFC 6275 §7.2's Router Address flag),
//! Redirected Header (4, §4.6.3, its packet dissected as IPv6), MTU (5, §4.6.4), Advertisement
//! Interval (7, RFC 6275 §7.3), Home Agent Information (8, RFC 6275 §7.4), Nonce (14, RFC 3971
//! §5.3.2), fast handovers' 17-20 (RFC 5568), MAP (23, RFC 5380), Route Information (24, RFC
//! 4191 §2.3), Recursive DNS Server and DNS Search List (25, 31, RFC 8106 §5); any other type is
//! shown raw.

use super::{DATA, UNKNOWN_DATA, UNKNOWN_DATA_EXPERT};
use crate::analysis::rules;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::format::Sink;
use crate::ipv6::LenError;
use crate::layout;
use crate::model::{Auto, Cut};
use crate::tree::Tree;
use crate::wire::Ip6;

crate::code_points! {
    /// Neighbor Discovery option types with Wireshark 4.0's names (IANA's "IPv6 Neighbor Discovery
    /// Option Formats" registry).
    pub enum NdOptType: u8 {
        SourceLinkAddr = 1 => "Source link-layer address",
        TargetLinkAddr = 2 => "Target link-layer address",
        PrefixInformation = 3 => "Prefix information",
        RedirectedHeader = 4 => "Redirected header",
        Mtu = 5 => "MTU",
        NbmaShortcutLimit = 6 => "NBMA Shortcut Limit Option",
        AdvertisementInterval = 7 => "Advertisement Interval",
        HomeAgentInformation = 8 => "Home Agent Information",
        SourceAddressList = 9 => "Source Address List",
        TargetAddressList = 10 => "Target Address List",
        Cga = 11 => "CGA",
        RsaSignature = 12 => "RSA Signature",
        Timestamp = 13 => "Timestamp",
        Nonce = 14 => "Nonce",
        TrustAnchor = 15 => "Trust Anchor",
        Certificate = 16 => "Certificate",
        IpAddressPrefix = 17 => "IP Address/Prefix Option",
        NewRouterPrefixInformation = 18 => "New Router Prefix Information",
        LinkLayerAddress = 19 => "Link-layer Address",
        NaAcknowledgment = 20 => "Neighbor Advertisement Acknowledgment",
        Map = 23 => "MAP",
        RouteInformation = 24 => "Route Information",
        RecursiveDnsServer = 25 => "Recursive DNS Server",
        RaFlagsExtension = 26 => "RA Flags Extension",
        HandoverKeyRequest = 27 => "Handover Key Request",
        HandoverKeyReply = 28 => "Handover Key Reply",
        HandoverAssistInformation = 29 => "Handover Assist Information",
        MobileNodeIdentifier = 30 => "Mobile Node Identifier Option",
        DnsSearchList = 31 => "DNS Search List Option",
        ProxySignature = 32 => "Proxy Signature (PS)",
        AddressRegistration = 33 => "Address Registration Option",
        SixLowpanContext = 34 => "6LoWPAN Context Option",
        AuthoritativeBorderRouter = 35 => "Authoritative Border Router",
        SixLowpanCapability = 36 => "6LoWPAN Capability Indication Option",
        DhcpCaptivePortal = 37 => "DHCP Captive-Portal",
        Pref64 = 38 => "PREF64 Option",
        CardRequest = 138 => "CARD Request",
        CardReply = 139 => "CARD Reply",
        Experiment1 = 253 => "RFC3692-style Experiment 1",
        Experiment2 = 254 => "RFC3692-style Experiment 2",
    }
}

/// The option names live once, in [`NdOptType`].
static TYPE_VALS: &[(u64, &str)] = NdOptType::VALS;

pub static OPT: FieldDef = FieldDef::new("icmpv6.opt", "ICMPv6 Option", Kind::None);
pub static TYPE: FieldDef = FieldDef::new("icmpv6.opt.type", "Type", Kind::Uint(1)).vals(TYPE_VALS);
pub static LENGTH: FieldDef = FieldDef::new("icmpv6.opt.length", "Length", Kind::Uint(1))
    .blurb("In units of 8 octets, including the Type and Length fields (RFC 4861 §4.6)");
pub static RESERVED: FieldDef = FieldDef::new("icmpv6.opt.reserved", "Reserved", Kind::None);
pub static LINKADDR: FieldDef = FieldDef::new("icmpv6.opt.linkaddr", "Link-layer address", Kind::Bytes)
    .blurb("A 6-octet (Ethernet, RFC 2464 §8) address is shown as a MAC address");
pub static SRC_LINKADDR: FieldDef = FieldDef::new("icmpv6.opt.src_linkaddr", "Source Link-layer address", Kind::Bytes);
pub static TARGET_LINKADDR: FieldDef = FieldDef::new("icmpv6.opt.target_linkaddr", "Target Link-layer address", Kind::Bytes);
pub static PREFIX_LEN: FieldDef = FieldDef::new("icmpv6.opt.prefix.length", "Prefix Length", Kind::Uint(1));
pub static PREFIX_FLAG: FieldDef = FieldDef::new("icmpv6.opt.prefix.flag", "Flag", Kind::Uint(1)).hex();
pub static PREFIX_FLAG_L: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.flag.l", "On-link flag(L)", Kind::Bool(1)).mask(PrefixFlags::L as u64).tfs("Set", "Not set");
pub static PREFIX_FLAG_A: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", Kind::Bool(1))
        .mask(PrefixFlags::A as u64)
        .tfs("Set", "Not set");
pub static PREFIX_FLAG_R: FieldDef = FieldDef::new("icmpv6.opt.prefix.flag.r", "Router address flag(R)", Kind::Bool(1))
    .mask(PrefixFlags::R as u64)
    .tfs("Set", "Not set")
    .blurb("The Prefix field holds the sender's complete address, e.g. a home agent's (RFC 6275 §7.2)");
pub static PREFIX_FLAG_RSV: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.flag.reserved", "Reserved", Kind::Uint(1)).mask(PrefixFlags::RESERVED as u64);
pub static PREFIX_VALID: FieldDef = FieldDef::new("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", Kind::Uint(4))
    .custom(infinite)
    .blurb("Seconds; 0xffffffff is infinity");
pub static PREFIX_PREFERRED: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", Kind::Uint(4))
        .custom(infinite)
        .blurb("Seconds; 0xffffffff is infinity");
pub static PREFIX: FieldDef = FieldDef::new("icmpv6.opt.prefix", "Prefix", Kind::Ipv6);
pub static REDIRECTED_PACKET: FieldDef = FieldDef::new("icmpv6.opt.redirected_packet", "Redirected Packet", Kind::None)
    .blurb("As much of the redirected packet as fits (RFC 4861 §4.6.3), dissected as IPv6 below");
pub static MTU: FieldDef = FieldDef::new("icmpv6.opt.mtu", "MTU", Kind::Uint(4));
pub static ADV_INTERVAL: FieldDef = FieldDef::new("icmpv6.opt.advertisement_interval", "Advertisement Interval", Kind::Uint(4))
    .blurb("Maximum time between this router's unsolicited Router Advertisements, in milliseconds (RFC 6275 §7.3)");
pub static HA_PREFERENCE: FieldDef = FieldDef::new("icmpv6.opt.home_agent_preference", "Home Agent Preference", Kind::Uint(2))
    .custom(signed16)
    .blurb("RFC 6275 §7.4: a 16-bit signed, two's complement integer (Wireshark shows it unsigned)");
pub static HA_LIFETIME: FieldDef = FieldDef::new("icmpv6.opt.home_agent_lifetime", "Home Agent Lifetime", Kind::Uint(2))
    .unit(" s")
    .blurb("Seconds the sender offers home agent service (RFC 6275 §7.4)");

// Fast handovers' options (RFC 5568 §6.4), Wireshark's names.
pub static IPA_CODE: FieldDef = FieldDef::new("icmpv6.opt.ipa.option_code", "Option-code", Kind::Uint(1)).vals(IpaCode::VALS);
pub static IPA_PREFIX_LEN: FieldDef = FieldDef::new("icmpv6.opt.ipa.prefix_len", "Prefix Length", Kind::Uint(1));
pub static IPA_ADDRESS: FieldDef = FieldDef::new("icmpv6.opt.ipa.ipv6_address", "IPv6 Address", Kind::Ipv6);
pub static NRPI_CODE: FieldDef = FieldDef::new("icmpv6.opt.nrpi.option_code", "Option-code", Kind::Uint(1));
pub static NRPI_PREFIX_LEN: FieldDef = FieldDef::new("icmpv6.opt.nrpi.prefix_len", "Prefix Length", Kind::Uint(1));
pub static NRPI_PREFIX: FieldDef = FieldDef::new("icmpv6.opt.nrpi.prefix", "Prefix", Kind::Ipv6);
pub static LLA_CODE: FieldDef = FieldDef::new("icmpv6.opt.lla.option_code", "Option-code", Kind::Uint(1)).vals(LlaCode::VALS);
pub static LLA_BYTES: FieldDef = FieldDef::new("icmpv6.opt.lla.bytes", "Link-Layer Address", Kind::Bytes);
pub static NAACK_CODE: FieldDef = FieldDef::new("icmpv6.opt.naack.option_code", "Option-Code", Kind::Uint(1));
pub static NAACK_STATUS: FieldDef = FieldDef::new("icmpv6.opt.naack.status", "Status", Kind::Uint(1)).vals(NaackStatus::VALS);
// HMIPv6's MAP option (RFC 5380 §4), Wireshark's names.
pub static MAP_DISTANCE: FieldDef = FieldDef::new("icmpv6.opt.map.distance", "Distance", Kind::Uint(1)).mask(0xf0);
pub static MAP_PREFERENCE: FieldDef = FieldDef::new("icmpv6.opt.map.preference", "Preference", Kind::Uint(1)).mask(0x0f);
pub static MAP_FLAG: FieldDef = FieldDef::new("icmpv6.opt.map.flag", "Flag", Kind::Uint(1)).hex();
pub static MAP_FLAG_R: FieldDef = FieldDef::new("icmpv6.opt.map.flag.r", "RCoA Flag", Kind::Bool(1))
    .mask(MapFlags::R as u64)
    .blurb("The mobile node is allocated its RCoA by the MAP (RFC 5380 §4)");
pub static MAP_FLAG_RSV: FieldDef =
    FieldDef::new("icmpv6.opt.map.flag.reserved", "Reserved", Kind::Uint(1)).mask(MapFlags::RESERVED as u64);
pub static MAP_VALID: FieldDef = FieldDef::new("icmpv6.opt.map.valid_lifetime", "Valid Lifetime", Kind::Uint(4));
pub static MAP_ADDRESS: FieldDef = FieldDef::new("icmpv6.opt.map.global_address", "Global Address", Kind::Ipv6);
pub static NAACK_NCOA: FieldDef = FieldDef::new("icmpv6.opt.naack.supplied_ncoa", "Supplied NCoA", Kind::Ipv6)
    .blurb("The new care-of address RFC 4068 §6.4.5 lets a Length 3 option carry (status 2)");

pub static NONCE: FieldDef = FieldDef::new("icmpv6.opt.nonce", "Nonce", Kind::Bytes)
    .blurb("A random number a solicitation's answer repeats (RFC 3971 §5.3.2; RFC 7527 for duplicate address detection)");
// Route Information (RFC 4191 §2.3), Wireshark's names: Prefix Length and Prefix are the Prefix
// Information option's rows, as tshark files them.
pub static ROUTE_FLAG: FieldDef = FieldDef::new("icmpv6.opt.route_info.flag", "Flag", Kind::Uint(1)).hex();
pub static ROUTE_PRF: FieldDef = FieldDef::new("icmpv6.opt.route_info.flag.route_preference", "Route Preference", Kind::Uint(1))
    .mask(0x18)
    .vals(RoutePreference::VALS);
pub static ROUTE_FLAG_RSV: FieldDef = FieldDef::new("icmpv6.opt.route_info.flag.reserved", "Reserved", Kind::Uint(1)).mask(0xe7);
pub static ROUTE_LIFETIME: FieldDef = FieldDef::new("icmpv6.opt.route_lifetime", "Route Lifetime", Kind::Uint(4))
    .custom(infinite)
    .blurb("Seconds the route is valid; 0xffffffff is infinity (RFC 4191 §2.3)");
// RDNSS and DNSSL (RFC 8106 §5.1, §5.2), Wireshark's names.
pub static RDNSS_LIFETIME: FieldDef = FieldDef::new("icmpv6.opt.rdnss.lifetime", "Lifetime", Kind::Uint(4))
    .custom(rdnss_lifetime)
    .blurb("Seconds; 0xffffffff is infinity");
pub static RDNSS: FieldDef = FieldDef::new("icmpv6.opt.rdnss", "Recursive DNS Servers", Kind::Ipv6);
pub static DNSSL_LIFETIME: FieldDef = FieldDef::new("icmpv6.opt.dnssl.lifetime", "Lifetime", Kind::Uint(4))
    .custom(dnssl_lifetime)
    .blurb("Seconds; 0xffffffff is infinity");
pub static DNSSL: FieldDef = FieldDef::new("icmpv6.opt.dnssl", "Domain Names", Kind::String)
    .blurb("One domain name of the search list, from its uncompressed DNS labels (RFC 1035 §3.1)");
pub static PADDING: FieldDef = FieldDef::new("icmpv6.opt.padding", "Padding", Kind::None);

pub static LEN_INVALID: ExpertDef =
    ExpertDef::new("icmpv6.invalid_option_length", Group::Malformed, Severity::Error, "Invalid Option Length");
pub static UNDECODED: ExpertDef = ExpertDef::new("icmpv6.undecoded.option", Group::Undecoded, Severity::Note, "Undecoded option");

/// `-V` text of a lifetime as tshark shows RFC 4861's and RFC 4191's: all ones is infinity.
fn infinite(v: &Value, out: &mut dyn Sink) {
    lifetime_text(v, out, None);
}

/// ... and RFC 8106's, whose 0 says the servers or names MUST no longer be used.
fn rdnss_lifetime(v: &Value, out: &mut dyn Sink) {
    lifetime_text(v, out, Some("RDNSS address MUST no longer be used"));
}

fn dnssl_lifetime(v: &Value, out: &mut dyn Sink) {
    lifetime_text(v, out, Some("DNSSL domain name MUST no longer be used"));
}

fn lifetime_text(v: &Value, out: &mut dyn Sink, zero: Option<&str>) {
    let v = v.as_uint().unwrap_or(0);
    match (v, zero) {
        (0xffff_ffff, _) => out.push_str("Infinity (4294967295)"),
        (0, Some(z)) => {
            out.push_str(z);
            out.push_str(" (0)");
        }
        _ => crate::format::write_dec(out, v),
    }
}

/// `-V` text of a 16-bit two's complement integer carried in an unsigned field.
fn signed16(v: &Value, out: &mut dyn Sink) {
    let v = v.as_uint().unwrap_or(0);
    crate::format::write_dec(out, v);
    if v >= 0x8000 {
        let _ = write!(out, " ({})", v as u16 as i16);
    }
}
crate::flags! {
    /// Prefix Information flags (RFC 4861 §4.6.2; R: RFC 6275 §7.2).
    pub struct PrefixFlags: u8 {
        L = 0x80 => 'L' "On-link",
        A = 0x40 => 'A' "Autonomous address-configuration",
        R = 0x20 => 'R' "Router address",
    }
}
super::wire_flags!(PrefixFlags, u8);

layout! {
    /// Prefix Information data (RFC 4861 §4.6.2; R flag RFC 6275 §7.2).
    pub struct PrefixInfo {
        pub prefix_len: u8 => [&PREFIX_LEN],
        pub flags: PrefixFlags => [&PREFIX_FLAG, &PREFIX_FLAG_L, &PREFIX_FLAG_A, &PREFIX_FLAG_R, &PREFIX_FLAG_RSV],
        pub valid: u32 => [&PREFIX_VALID],
        pub preferred: u32 => [&PREFIX_PREFERRED],
        pub reserved2: u32 => [&RESERVED],
        pub prefix: Ip6 => [&PREFIX],
    }
}
layout! {
    /// MTU data (RFC 4861 §4.6.4).
    pub struct Mtu { pub reserved: u16 => [&RESERVED], pub mtu: u32 => [&MTU] }
}
layout! {
    /// Advertisement Interval data (RFC 6275 §7.3).
    pub struct AdvInterval { pub reserved: u16 => [&RESERVED], pub interval: u32 => [&ADV_INTERVAL] }
}
crate::code_points! {
    /// IP Address/Prefix option codes (RFC 5568 §6.4.1), tshark's names.
    pub enum IpaCode: u8 {
        OldCoa = 1 => "Old Care-of Address",
        NewCoa = 2 => "New Care-of Address",
        NarAddress = 3 => "NAR's IP address",
        NarPrefix = 4 => "NAR's Prefix (sent in PrRtAdv)",
    }
}

/// Link-Layer Address option codes (RFC 5568 §6.4.3): the Mobility Header's LLA option
/// (§6.4.4, "identical to the LLA option") declares them, with the names tshark gives both.
pub use crate::mh::opt::fmip::LlaCode;

crate::code_points! {
    /// Neighbor Advertisement Acknowledgment statuses (RFC 5568 §6.4.5), tshark's names.
    pub enum NaackStatus: u8 {
        PerformConfiguration = 1 => "New CoA is invalid, perform address configuration",
        UseSupplied = 2 => "New CoA is invalid, use the supplied CoA",
        UseNarAddress = 3 => "NCoA is invalid, use NAR's IP address as NCoA in FBU",
        PcoaSupplied = 4 => "PCoA supplied, do not send FBU",
        LlaUnrecognized = 128 => "LLA is unrecognized",
    }
}

layout! {
    /// IP Address/Prefix data (RFC 5568 §6.4.1): what the address is, its prefix length.
    pub struct IpAddrPrefix {
        pub code: u8 => [&IPA_CODE],
        pub prefix_len: u8 => [&IPA_PREFIX_LEN],
        pub reserved: u32 => [&RESERVED],
        pub address: Ip6 => [&IPA_ADDRESS],
    }
}
layout! {
    /// New Router Prefix Information data (RFC 4068 §6.4.2): the new access router's prefix.
    pub struct NewRouterPrefix {
        pub code: u8 => [&NRPI_CODE],
        pub prefix_len: u8 => [&NRPI_PREFIX_LEN],
        pub reserved: u32 => [&RESERVED],
        pub prefix: Ip6 => [&NRPI_PREFIX],
    }
}
layout! {
    /// Neighbor Advertisement Acknowledgment data (RFC 5568 §6.4.5).
    pub struct Naack { pub code: u8 => [&NAACK_CODE], pub status: u8 => [&NAACK_STATUS], pub reserved: u32 => [&RESERVED] }
}
crate::flags! {
    /// MAP option flags (RFC 5380 §4): R, the MAP allocates the RCoA.
    pub struct MapFlags: u8 { R = 0x80 => 'R' "RCoA Flag" }
}
super::wire_flags!(MapFlags, u8);

layout! {
    /// MAP option data (RFC 5380 §4, HMIPv6): Distance and Preference in one octet, R and
    /// reserved bits, Valid Lifetime, the MAP's global address.
    pub struct Map {
        pub dist_pref: u8 => [&MAP_DISTANCE, &MAP_PREFERENCE],
        pub flags: MapFlags => [&MAP_FLAG, &MAP_FLAG_R, &MAP_FLAG_RSV],
        pub valid: u32 => [&MAP_VALID],
        pub address: Ip6 => [&MAP_ADDRESS],
    }
}
layout! {
    /// Home Agent Information data (RFC 6275 §7.4).
    pub struct HaInfo {
        pub reserved: u16 => [&RESERVED],
        pub preference: u16 => [&HA_PREFERENCE],
        pub lifetime: u16 => [&HA_LIFETIME],
    }
}

crate::code_points! {
    /// Route preferences (RFC 4191 §2.1), tshark's names.
    pub enum RoutePreference: u8 {
        Medium = 0 => "Medium",
        High = 1 => "High",
        Reserved = 2 => "Reserved",
        Low = 3 => "Low",
    }
}
layout! {
    /// Route Information's fixed part (RFC 4191 §2.3); the prefix (0, 8 or 16 octets) follows.
    pub struct RouteInfoFixed {
        pub prefix_len: u8 => [&PREFIX_LEN],
        pub flags: u8 => [&ROUTE_FLAG, &ROUTE_PRF, &ROUTE_FLAG_RSV],
        pub lifetime: u32 => [&ROUTE_LIFETIME],
    }
}
layout! {
    /// Recursive DNS Server's fixed part (RFC 8106 §5.1); the servers' addresses follow.
    pub struct RdnssFixed { pub reserved: u16 => [&RESERVED], pub lifetime: u32 => [&RDNSS_LIFETIME] }
}
layout! {
    /// DNS Search List's fixed part (RFC 8106 §5.2); the names and zero padding follow.
    pub struct DnsslFixed { pub reserved: u16 => [&RESERVED], pub lifetime: u32 => [&DNSSL_LIFETIME] }
}

/// What the message carrying the options tells their decoders.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ctx {
    /// In a Router Advertisement: its Home Agent (H) flag (RFC 6275 §7.1).
    pub ra_h: Option<bool>,
}

/// What the walk found, for the message's own rules.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    /// Frame offset of a Source Link-layer Address option.
    pub slla: Option<usize>,
    /// Frame offset of a Target Link-layer Address option.
    pub tlla: Option<usize>,
}

/// Where one option sits, for its decoder.
struct OptAt {
    /// The option's subtree node (for its label).
    node: usize,
    /// Frame offset of the Type octet.
    at: usize,
    /// Option data: after Type and Length, to the end the Length gives (or, when the
    /// message was cut, to the end of what is at hand: see `len`).
    off: usize,
    end: usize,
    /// Octets the Length gives (Type and Length included): more than `end - at` when cut.
    len: usize,
}

impl OptAt {
    /// Whether the option's end is not at hand (the snap length or a quote cut it): a body
    /// shows what is there and leaves the cut to the walk.
    fn cut(&self) -> bool {
        self.end - self.at < self.len
    }
}

/// How long an option type may be, in octets (Type and Length included).
#[derive(Clone, Copy)]
enum Len {
    Fixed(usize),
    /// At least the 8 octets a non-zero Length always gives.
    Any,
}

struct OptDef {
    code: u8,
    len: Len,
    /// A variable body that shows a cut option's whole parts (addresses, names) and no more.
    partial: bool,
    /// Where the layout is defined, for expert texts.
    section: &'static str,
    body: fn(&mut Tree<'_>, &OptAt, &Ctx, &mut Seen),
}

static OPT_DEFS: &[OptDef] = &[
    OptDef { code: 1, partial: false, len: Len::Any, section: "RFC 4861 §4.6.1", body: link_addr },
    OptDef { code: 2, partial: false, len: Len::Any, section: "RFC 4861 §4.6.1", body: link_addr },
    OptDef { code: 3, partial: false, len: Len::Fixed(32), section: "RFC 4861 §4.6.2", body: prefix_info },
    OptDef { code: 4, partial: true, len: Len::Any, section: "RFC 4861 §4.6.3", body: redirected },
    OptDef { code: 5, partial: false, len: Len::Fixed(8), section: "RFC 4861 §4.6.4", body: mtu },
    OptDef { code: 7, partial: false, len: Len::Fixed(8), section: "RFC 6275 §7.3", body: adv_interval },
    OptDef { code: 8, partial: false, len: Len::Fixed(8), section: "RFC 6275 §7.4", body: ha_info },
    OptDef { code: 17, partial: false, len: Len::Fixed(24), section: "RFC 5568 §6.4.1", body: ip_addr_prefix },
    OptDef { code: 18, partial: false, len: Len::Fixed(24), section: "RFC 4068 §6.4.2", body: new_router_prefix },
    OptDef { code: 19, partial: false, len: Len::Any, section: "RFC 5568 §6.4.3", body: lla },
    OptDef { code: 20, partial: false, len: Len::Any, section: "RFC 5568 §6.4.5", body: naack },
    OptDef { code: 14, partial: false, len: Len::Any, section: "RFC 3971 §5.3.2", body: nonce },
    OptDef { code: 23, partial: false, len: Len::Fixed(24), section: "RFC 5380 §4", body: map },
    OptDef { code: 24, partial: true, len: Len::Any, section: "RFC 4191 §2.3", body: route_info },
    OptDef { code: 25, partial: true, len: Len::Any, section: "RFC 8106 §5.1", body: rdnss },
    OptDef { code: 31, partial: true, len: Len::Any, section: "RFC 8106 §5.2", body: dnssl },
];

/// Walks the options in `at..end` (the rest of an ICMPv6 message).
pub fn walk(t: &mut Tree<'_>, start: usize, end: usize, ctx: Ctx) -> Seen {
    let mut seen = Seen::default();
    // The framing is the owned form's (one walker); the bodies are the layouts below.
    for item in NdOptIter::new(t.bytes(start, end)) {
        let at = start + item.at;
        let (ty, left) = (item.ty, end - at);
        let name = TYPE.value_name(u64::from(ty));
        // Wireshark's label for a type it has no name for: "Unknown 200".
        let label = |s: &mut crate::format::Out| {
            s.push_str(" (");
            match name {
                Some(n) => s.push_str(n),
                None => {
                    s.push_str("Unknown ");
                    crate::format::write_dec(s, u64::from(ty));
                }
            }
        };
        let name = name.unwrap_or("Unknown");
        // One octet left: no option, only the message's error. tshark 4.0 reads the Length
        // octet before it adds the option, so it shows neither the option nor a Type (which
        // would name an option from one octet); from two octets on it shows both, as here.
        let Some(len8) = item.len8 else {
            overrun(t, at, left, format_args!("1 octet left at the end of the message: an option needs Type and Length"));
            break;
        };
        let len = usize::from(len8) * 8;
        let o = t.add(&OPT, at, len.clamp(2, left), Value::None);
        t.append_with(o, label);
        t.open(o);
        t.add_uint(&TYPE, at, 1, u64::from(ty));
        let l = t.add_uint(&LENGTH, at + 1, 1, u64::from(len8));
        t.append(l, format_args!(" ({len} bytes)"));
        if len == 0 {
            t.expert(
                &LEN_INVALID,
                at + 1,
                1,
                Some(format_args!("Length 0: RFC 4861 §4.6 says the whole message MUST be silently discarded")),
            );
            close_label(t, o);
            break;
        }
        if len > left {
            // A fixed layout's fields that are there are still shown, up to the end (a Prefix
            // Information option cut by a snap length keeps its R flag), as tshark shows them
            // before its exception. A variable body only when it reads its parts one by one
            // (`partial`): a link-layer address of Length 4 is 30 octets, not the 6 at hand.
            if let Some(def) = OPT_DEFS.iter().find(|d| d.code == ty && (matches!(d.len, Len::Fixed(_)) || d.partial)) {
                (def.body)(t, &OptAt { node: o, at, off: at + 2, end: at + left, len }, &ctx, &mut seen);
            }
            overrun(
                t,
                at + 1,
                1,
                format_args!("{name} option of Length {len8} ({len} octets) runs past the message: {left} octets left"),
            );
            close_label(t, o);
            break;
        }
        let c = OptAt { node: o, at, off: at + 2, end: at + len, len };
        match OPT_DEFS.iter().find(|d| d.code == ty) {
            Some(def) => {
                let used = match def.len {
                    Len::Fixed(n) if len < n => {
                        t.expert(
                            &LEN_INVALID,
                            at + 1,
                            1,
                            Some(format_args!(
                                "{name} option of Length {len8} ({len} octets); {} fixes it at {} ({n} octets)",
                                def.section,
                                n / 8
                            )),
                        );
                        len
                    }
                    Len::Fixed(n) => n,
                    Len::Any => len,
                };
                (def.body)(t, &c, &ctx, &mut seen);
                if used < len {
                    t.add(&UNKNOWN_DATA, at + used, len - used, Value::Bytes);
                    t.expert(
                        &UNKNOWN_DATA_EXPERT,
                        at + used,
                        len - used,
                        Some(format_args!(
                            "{name} option of Length {len8} ({len} octets), {} gives Length {}: its last {} octets are not interpreted",
                            def.section,
                            used / 8,
                            len - used
                        )),
                    );
                }
            }
            None => {
                t.expert(
                    &UNDECODED,
                    at,
                    len,
                    Some(format_args!("option type {ty} ({name}) is not decoded; its {} data octets are shown raw", len - 2)),
                );
                t.add(&DATA, c.off, len - 2, Value::Bytes);
            }
        }
        close_label(t, o);
    }
    seen
}

/// An option running past the message: the message's own cut when it was cut (snap length,
/// or a quote inside another message), else a Length that lies.
fn overrun(t: &mut Tree<'_>, at: usize, len: usize, details: std::fmt::Arguments<'_>) {
    if t.cut {
        t.cut_short(&LEN_INVALID, at, len, Some(details));
    } else {
        t.expert(&LEN_INVALID, at, len, Some(details));
    }
}

/// Ends an option's label (`ICMPv6 Option (Name : summary)`) and its subtree.
fn close_label(t: &mut Tree<'_>, o: usize) {
    t.append_with(o, |s| s.push(')'));
    t.close();
}

/// Source/Target Link-layer Address (RFC 4861 §4.6.1). On Ethernet the address is 6 octets
/// and Length is 1 (RFC 2464 §8); other links use other sizes, shown as octets.
fn link_addr(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, seen: &mut Seen) {
    let source = t.rd().u8(c.at) == Some(1);
    let hidden = if source { &SRC_LINKADDR } else { &TARGET_LINKADDR };
    if source {
        seen.slla = Some(c.at);
    } else {
        seen.tlla = Some(c.at);
    }
    if c.end - c.off == 6 {
        // Length 1: a 6-octet address and 0 padding, as Wireshark reads it.
        let Some(mac) = t.rd().array::<6>(c.off) else { return };
        t.add(&LINKADDR, c.off, 6, Value::Ether(mac));
        let h = t.add(hidden, c.off, 6, Value::Ether(mac));
        t.hide(h);
        let info = t.info();
        info.push_str(if source { " from " } else { " is at " });
        crate::format::write_ether(info, &mac);
        t.append_with(c.node, |s| {
            s.push_str(" : ");
            crate::format::write_ether(s, &mac);
        });
    } else {
        t.add(&LINKADDR, c.off, c.end - c.off, Value::Bytes);
        let h = t.add(hidden, c.off, c.end - c.off, Value::Bytes);
        t.hide(h);
    }
}

/// Prefix Information (RFC 4861 §4.6.2), with RFC 6275 §7.2's Router Address (R) flag: the
/// Prefix then carries the sender's whole address (a home agent's, for Dynamic Home Agent
/// Address Discovery).
fn prefix_info(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    let r = PrefixInfo::dissect(t, c.off, c.end);
    let flags = super::nest(t, &PREFIX_FLAG, 4);
    let v = match r {
        Ok(v) => v,
        Err(_) => {
            // Too short (the walk said so): show the flags of what was there.
            if let Some(f) = t.rd().u8(c.off + 1).filter(|_| c.off + 1 < c.end) {
                t.flag_summary(flags, u64::from(f), &[&PREFIX_FLAG_L, &PREFIX_FLAG_A, &PREFIX_FLAG_R]);
            }
            return;
        }
    };
    t.flag_summary(flags, u64::from(v.flags.0), &[&PREFIX_FLAG_L, &PREFIX_FLAG_A, &PREFIX_FLAG_R]);
    t.append_with(c.node, |s| {
        s.push_str(" : ");
        crate::format::write_ipv6(s, &v.prefix.0);
        s.push('/');
        crate::format::write_dec(s, u64::from(v.prefix_len));
    });
    if v.prefix_len > 128 {
        t.expert(&rules::RFC4861_PREFIX_LENGTH.expert, c.off, 1, Some(format_args!("Prefix Length {}", v.prefix_len)));
    }
    if v.preferred > v.valid {
        t.expert(
            &rules::RFC4861_PREFIX_LIFETIMES.expert,
            c.off + 6,
            4,
            Some(format_args!("preferred {} s, valid {} s", v.preferred, v.valid)),
        );
    }
}

/// Redirected Header (RFC 4861 §4.6.3): 6 reserved octets, then as much of the redirected
/// packet as fits, dissected as IPv6 (cut allowed, like an ICMPv6 error's quote).
/// Read part by part (`partial`): a Length that runs past the message (a lie, or the message
/// cut by the snap length) still shows the packet's header that is there, as tshark does before
/// its exception.
fn redirected(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    let pkt = c.off + 6;
    if c.end < pkt {
        return;
    }
    t.add(&RESERVED, c.off, 6, Value::None);
    if c.end > pkt {
        t.add(&REDIRECTED_PACKET, pkt, c.end - pkt, Value::None);
        super::quoted(t, pkt, c.end);
        // A whole packet shorter than the option (which counts 8-octet units) leaves octets
        // after it: shown, as tshark shows them, but not as an error (the option has no other
        // way to end).
        let inner = t.rd().u16(pkt + 4).filter(|&plen| plen != 0 && t.rd().u8(pkt).is_some_and(|v| v >> 4 == 6));
        if let Some(after) = inner.map(|plen| pkt + 40 + usize::from(plen)).filter(|&a| a < c.end) {
            t.add(&super::UNKNOWN_DATA, after, c.end - after, Value::Bytes);
        }
    }
}

/// MTU (RFC 4861 §4.6.4).
fn mtu(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if let Ok(v) = Mtu::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(" : {}", v.mtu));
    }
}

/// Advertisement Interval (RFC 6275 §7.3).
fn adv_interval(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if let Ok(v) = AdvInterval::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(" : {}", v.interval));
    }
}

/// Home Agent Information (RFC 6275 §7.4).
fn ha_info(t: &mut Tree<'_>, c: &OptAt, ctx: &Ctx, _: &mut Seen) {
    let Ok(v) = HaInfo::dissect(t, c.off, c.end) else { return };
    t.append(c.node, format_args!(" : preference {}, lifetime {} s", v.preference as i16, v.lifetime));
    if v.lifetime == 0 {
        t.expert(&rules::RFC6275_HA_LIFETIME_ZERO.expert, c.off + 4, 2, None);
    }
    if ctx.ra_h == Some(false) {
        t.expert(&rules::RFC6275_HA_INFO_WITHOUT_H.expert, c.at, 8, None);
    }
}

/// IP Address/Prefix (RFC 5568 §6.4.1): "ICMPv6 Option (IP Address/Prefix Option
/// 2001:db8::1/64)", as tshark labels it.
fn ip_addr_prefix(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if let Ok(v) = IpAddrPrefix::dissect(t, c.off, c.end) {
        address_label(t, c.node, &v.address.0, v.prefix_len);
    }
}

/// New Router Prefix Information (RFC 4068 §6.4.2), labelled as IP Address/Prefix.
fn new_router_prefix(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if let Ok(v) = NewRouterPrefix::dissect(t, c.off, c.end) {
        address_label(t, c.node, &v.prefix.0, v.prefix_len);
    }
}

fn address_label(t: &mut Tree<'_>, node: usize, a: &[u8; 16], len: u8) {
    t.append_with(node, |s| {
        s.push(' ');
        crate::format::write_ipv6(s, a);
        s.push('/');
        crate::format::write_dec(s, u64::from(len));
    });
}

/// Link-Layer Address (RFC 5568 §6.4.3): the option code, then the address and its padding
/// as octets (its size is the link's).
fn lla(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    let Some(code) = t.rd().u8(c.off) else { return };
    t.add_uint(&LLA_CODE, c.off, 1, u64::from(code));
    if c.end > c.off + 1 {
        t.add(&LLA_BYTES, c.off + 1, c.end - c.off - 1, Value::Bytes);
    }
}

/// Neighbor Advertisement Acknowledgment (RFC 5568 §6.4.5): Length 1, or 3 with a supplied
/// NCoA after Reserved (RFC 4068 §6.4.5's form). tshark reads that address 4 octets early,
/// over Reserved.
fn naack(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if Naack::dissect(t, c.off, c.end).is_err() {
        return;
    }
    let at = c.off + Naack::LEN;
    match c.end - at {
        0 => {}
        16 => {
            if let Some(a) = t.rd().array::<16>(at) {
                t.add(&NAACK_NCOA, at, 16, Value::Ipv6(a));
            }
        }
        n => {
            t.add(&UNKNOWN_DATA, at, n, Value::Bytes);
            t.expert(
                &UNKNOWN_DATA_EXPERT,
                at,
                n,
                Some(format_args!(
                    "Neighbor Advertisement Acknowledgment option with {n} octets after Reserved: only a 16-octet supplied NCoA may follow it (Length 3, RFC 4068 §6.4.5)"
                )),
            );
        }
    }
}

/// MAP (RFC 5380 §4): the flags octet labelled as tshark labels it ("Flag: 0x80, RCoA Flag").
fn map(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    let _ = Map::dissect(t, c.off, c.end);
    let node = super::nest(t, &MAP_FLAG, 2);
    // The flags octet when it is there (a cut option too).
    if let Some(f) = t.rd().u8(c.off + 1).filter(|_| c.off + 1 < c.end) {
        t.flag_summary(node, u64::from(f), &[&MAP_FLAG_R]);
    }
}

/// Nonce (RFC 3971 §5.3.2): the option's data is the nonce, whatever its size.
fn nonce(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if c.end > c.off {
        t.add(&NONCE, c.off, c.end - c.off, Value::Bytes);
    }
}

/// Route Information (RFC 4191 §2.3): "ICMPv6 Option (Route Information : High
/// 2001:db8:7::/48)", as tshark labels it. The prefix is as many octets as Length leaves (none
/// at Length 1, 8 at 2, 16 at 3), the rest of the address zero; at another Length, or cut,
/// none is shown (tshark shows what follows the lifetime as unknown data).
fn route_info(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    let r = RouteInfoFixed::dissect(t, c.off, c.end);
    let node = super::nest(t, &ROUTE_FLAG, 2);
    let Ok(v) = r else { return };
    let pref = RoutePreference::from((v.flags & 0x18) >> 3);
    let prf = pref.name().unwrap_or("Reserved");
    if let Some(i) = node {
        t.append_with(i, |s| {
            s.push_str(", Route Preference: ");
            s.push_str(prf);
        });
    }
    if pref == RoutePreference::Reserved && !t.in_error {
        t.expert(&rules::RFC4191_ROUTE_PRF_RESERVED.expert, c.off + 1, 1, None);
    }
    let (at, len8) = (c.off + RouteInfoFixed::LEN, c.len / 8);
    let n = c.len - 8;
    let mut prefix = None;
    if c.cut() {
        return;
    } else if len8 <= 3 {
        let mut a = [0; 16];
        if let Some(b) = t.rd().slice(at, at + n) {
            a[..n].copy_from_slice(b);
            prefix = Some(a);
        }
        if n > 0 {
            t.add(&PREFIX, at, n, Value::Ipv6(a));
        }
    } else {
        t.add(&UNKNOWN_DATA, at, n, Value::Bytes);
        t.expert(
            &UNKNOWN_DATA_EXPERT,
            at,
            n,
            Some(format_args!("Route Information option of Length {len8}: RFC 4191 §2.3 allows 1 to 3; the {n} octets after the lifetime are not interpreted")),
        );
    }
    // RFC 4191 §2.3: Length 1, 2 or 3 by the Prefix Length (above 0 needs 2 or 3, above 64
    // needs 3), which counts bits of a 128-bit prefix.
    let fits = match v.prefix_len {
        0 => 1,
        1..=64 => 2,
        _ => 3,
    };
    if len8 <= 3 && len8 < fits || v.prefix_len > 128 {
        t.expert(
            &LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!(
                "Route Information option of Length {len8} with Prefix Length {}: RFC 4191 §2.3 wants Length {} (a prefix of 0 to 128 bits in 0, 8 or 16 octets)",
                v.prefix_len,
                if fits == 1 { "1, 2 or 3" } else if fits == 2 { "2 or 3" } else { "3" }
            )),
        );
    }
    t.append_with(c.node, |s| {
        s.push_str(" : ");
        s.push_str(prf);
        if let Some(a) = prefix {
            s.push(' ');
            crate::format::write_ipv6(s, &a);
            s.push('/');
            crate::format::write_dec(s, u64::from(v.prefix_len));
        }
    });
}

/// Recursive DNS Server (RFC 8106 §5.1): the servers' addresses, each in the label as tshark
/// writes them. Length is 3 or more and odd: at least one address, nothing after the last.
fn rdnss(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if RdnssFixed::dissect(t, c.off, c.end).is_err() {
        return;
    }
    let len8 = c.len / 8;
    let mut at = c.off + RdnssFixed::LEN;
    while let Some(a) = t.rd().array::<16>(at).filter(|_| at + 16 <= c.end) {
        t.add(&RDNSS, at, 16, Value::Ipv6(a));
        t.append_with(c.node, |s| {
            s.push(' ');
            crate::format::write_ipv6(s, &a);
        });
        at += 16;
    }
    if c.cut() {
        return;
    }
    if at < c.end {
        t.add(&UNKNOWN_DATA, at, c.end - at, Value::Bytes);
    }
    if len8 < 3 || len8.is_multiple_of(2) {
        t.expert(
            &LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!(
                "Recursive DNS Server option of Length {len8}: RFC 8106 §5.1 wants an odd Length of 3 or more (whole 16-octet addresses, at least one)"
            )),
        );
    }
}

/// The most octets a domain name takes on the wire, its root label included (RFC 1035 §3.1).
const MAX_NAME: usize = 255;

/// A domain name from its labels' octets (each with its length octet, the root's excluded),
/// written as tshark writes a DNSSL name: the labels read as UTF-8 (a NUL kept), joined by dots,
/// escaped as a label is.
#[derive(Clone, Copy)]
struct DnsName<'b>(&'b [u8]);

impl std::fmt::Display for DnsName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        let mut first = true;
        while let Some((&l, tail)) = rest.split_first() {
            let (label, next) = tail.split_at(usize::from(l).min(tail.len()));
            if !first {
                f.write_str(".")?;
            }
            first = false;
            crate::text::write_label(f, crate::text::decode(label, crate::text::Enc::Utf8));
            rest = next;
        }
        Ok(())
    }
}

/// DNS Search List (RFC 8106 §5.2): domain names in uncompressed DNS labels (RFC 1035 §3.1),
/// then zero padding to the option's end. A name that does not end (with its root label)
/// inside the option, a compression pointer (which §5.2 forbids) or a name over 255 octets
/// ends the list with an error; a cut option shows its whole names.
fn dnssl(t: &mut Tree<'_>, c: &OptAt, _: &Ctx, _: &mut Seen) {
    if DnsslFixed::dissect(t, c.off, c.end).is_err() {
        return;
    }
    let mut at = c.off + DnsslFixed::LEN;
    if at == c.off + c.len - 2 {
        t.expert(
            &LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!("DNS Search List option of Length 1: RFC 8106 §5.2 wants 2 or more (at least one name)")),
        );
        return;
    }
    while at < c.end {
        if t.rd().u8(at) == Some(0) {
            // No name starts with the root label: what is left is padding.
            t.add(&PADDING, at, c.end - at, Value::None);
            return;
        }
        let start = at;
        // Walk the labels to the root label, inside the option.
        let end = loop {
            let Some(l) = t.rd().u8(at).filter(|_| at < c.end) else {
                if !c.cut() {
                    t.expert(
                        &LEN_INVALID,
                        start,
                        c.end - start,
                        Some(format_args!(
                            "DNS Search List option: the name at octet {} of the option has no root label before the option ends",
                            start - c.at
                        )),
                    );
                }
                return;
            };
            let l = usize::from(l);
            if l == 0 {
                break at;
            }
            if l >= 0x40 {
                t.expert(
                    &LEN_INVALID,
                    at,
                    1,
                    Some(format_args!(
                        "DNS Search List option: label type 0x{:02x} (a compression pointer or extended label; RFC 8106 §5.2: names are not compressed)",
                        l & 0xc0
                    )),
                );
                return;
            }
            if at + 1 + l > c.end {
                if !c.cut() {
                    t.expert(
                        &LEN_INVALID,
                        at,
                        c.end - at,
                        Some(format_args!(
                            "DNS Search List option: a label of {l} octets runs past the option: {} left",
                            c.end - at - 1
                        )),
                    );
                }
                return;
            }
            at += 1 + l;
        };
        at = end + 1;
        let labels = t.bytes(start, end);
        if at - start > MAX_NAME {
            let r = t.arena(format_args!("<Name too long>"));
            t.add(&DNSSL, start, at - start, Value::Text(r.0, r.1));
            t.expert(
                &LEN_INVALID,
                start,
                at - start,
                Some(format_args!("DNS Search List option: a name of {} octets (RFC 1035 §3.1: 255 at most)", at - start)),
            );
            continue;
        }
        let r = t.arena(format_args!("{}", DnsName(labels)));
        t.add(&DNSSL, start, at - start, Value::Text(r.0, r.1));
        t.append(c.node, format_args!(" {}", DnsName(labels)));
    }
}

/// One Neighbor Discovery option's body, storage `B` for the octets kept. A fixed-size type
/// whose Length is not its layout's is kept as [`NdOptBody::Other`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NdOptBody<B> {
    /// Source Link-layer Address (RFC 4861 §4.6.1): the address and any padding, as on the
    /// wire (6 octets on Ethernet).
    SourceLinkAddr(B),
    /// Target Link-layer Address (RFC 4861 §4.6.1).
    TargetLinkAddr(B),
    PrefixInfo(PrefixInfo),
    /// Redirected Header (RFC 4861 §4.6.3): 6 reserved octets, then as much of the redirected
    /// packet as fits (kept as octets).
    RedirectedHeader {
        reserved: [u8; 6],
        packet: B,
    },
    Mtu(Mtu),
    AdvInterval(AdvInterval),
    HaInfo(HaInfo),
    /// IP Address/Prefix (RFC 5568 §6.4.1).
    IpAddrPrefix(IpAddrPrefix),
    /// New Router Prefix Information (RFC 4068 §6.4.2).
    NewRouterPrefix(NewRouterPrefix),
    /// Link-Layer Address (RFC 5568 §6.4.3): the option code, then the address and any
    /// padding as on the wire.
    LinkLayerAddr {
        code: u8,
        address: B,
    },
    /// Neighbor Advertisement Acknowledgment (RFC 5568 §6.4.5): the fixed part, then what
    /// follows it (RFC 4068 §6.4.5's supplied NCoA in a Length 3 option; empty at Length 1).
    Naack {
        fixed: Naack,
        rest: B,
    },
    /// MAP (RFC 5380 §4).
    Map(Map),
    /// Nonce (RFC 3971 §5.3.2): the nonce, as on the wire.
    Nonce(B),
    /// Route Information (RFC 4191 §2.3): the fixed part, then the prefix's octets as on the
    /// wire (0, 8 or 16).
    RouteInfo {
        fixed: RouteInfoFixed,
        prefix: B,
    },
    /// Recursive DNS Server (RFC 8106 §5.1): the fixed part, then the servers' addresses.
    Rdnss {
        fixed: RdnssFixed,
        servers: B,
    },
    /// DNS Search List (RFC 8106 §5.2): the fixed part, then the names and padding as on the
    /// wire.
    Dnssl {
        fixed: DnsslFixed,
        names: B,
    },
    /// Any other type, or a known one of another size: its data kept.
    Other {
        ty: NdOptType,
        data: B,
    },
}

/// A Neighbor Discovery option (RFC 4861 §4.6): Length, in 8-octet units including Type and
/// Length, computed unless given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NdOpt<B> {
    pub len: Auto<u8>,
    pub body: NdOptBody<B>,
}

impl<B: AsRef<[u8]>> NdOpt<B> {
    /// A built option: Length computed.
    pub fn new(body: NdOptBody<B>) -> Self {
        NdOpt { len: Auto::Computed, body }
    }

    /// The option type.
    pub fn ty(&self) -> NdOptType {
        match &self.body {
            NdOptBody::SourceLinkAddr(_) => NdOptType::SourceLinkAddr,
            NdOptBody::TargetLinkAddr(_) => NdOptType::TargetLinkAddr,
            NdOptBody::PrefixInfo(_) => NdOptType::PrefixInformation,
            NdOptBody::RedirectedHeader { .. } => NdOptType::RedirectedHeader,
            NdOptBody::Mtu(_) => NdOptType::Mtu,
            NdOptBody::AdvInterval(_) => NdOptType::AdvertisementInterval,
            NdOptBody::HaInfo(_) => NdOptType::HomeAgentInformation,
            NdOptBody::IpAddrPrefix(_) => NdOptType::IpAddressPrefix,
            NdOptBody::NewRouterPrefix(_) => NdOptType::NewRouterPrefixInformation,
            NdOptBody::LinkLayerAddr { .. } => NdOptType::LinkLayerAddress,
            NdOptBody::Naack { .. } => NdOptType::NaAcknowledgment,
            NdOptBody::Map(_) => NdOptType::Map,
            NdOptBody::Nonce(_) => NdOptType::Nonce,
            NdOptBody::RouteInfo { .. } => NdOptType::RouteInformation,
            NdOptBody::Rdnss { .. } => NdOptType::RecursiveDnsServer,
            NdOptBody::Dnssl { .. } => NdOptType::DnsSearchList,
            NdOptBody::Other { ty, .. } => *ty,
        }
    }

    /// Octets `emit` writes.
    pub fn wire_len(&self) -> usize {
        2 + match &self.body {
            NdOptBody::SourceLinkAddr(b)
            | NdOptBody::TargetLinkAddr(b)
            | NdOptBody::Nonce(b)
            | NdOptBody::Other { data: b, .. } => b.as_ref().len(),
            NdOptBody::RouteInfo { prefix, .. } => RouteInfoFixed::LEN + prefix.as_ref().len(),
            NdOptBody::Rdnss { servers, .. } => RdnssFixed::LEN + servers.as_ref().len(),
            NdOptBody::Dnssl { names, .. } => DnsslFixed::LEN + names.as_ref().len(),
            NdOptBody::PrefixInfo(_) => PrefixInfo::LEN,
            NdOptBody::RedirectedHeader { packet, .. } => 6 + packet.as_ref().len(),
            NdOptBody::Mtu(_) => Mtu::LEN,
            NdOptBody::AdvInterval(_) => AdvInterval::LEN,
            NdOptBody::HaInfo(_) => HaInfo::LEN,
            NdOptBody::IpAddrPrefix(_) => IpAddrPrefix::LEN,
            NdOptBody::NewRouterPrefix(_) => NewRouterPrefix::LEN,
            NdOptBody::LinkLayerAddr { address, .. } => 1 + address.as_ref().len(),
            NdOptBody::Naack { rest, .. } => Naack::LEN + rest.as_ref().len(),
            NdOptBody::Map(_) => Map::LEN,
        }
    }

    /// Appends the option, computing Length (an error unless the option is a whole number of
    /// 8-octet units, at most 255 of them: pad a link-layer address or packet yourself).
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LenError> {
        let n = self.wire_len();
        let len = match self.len {
            Auto::Given(v) => v,
            Auto::Computed if n.is_multiple_of(8) && n / 8 <= 255 => (n / 8) as u8,
            Auto::Computed => return Err(LenError { what: "ND option Length", len: n }),
        };
        out.push(u8::from(self.ty()));
        out.push(len);
        match &self.body {
            NdOptBody::SourceLinkAddr(b)
            | NdOptBody::TargetLinkAddr(b)
            | NdOptBody::Nonce(b)
            | NdOptBody::Other { data: b, .. } => out.extend_from_slice(b.as_ref()),
            NdOptBody::RouteInfo { fixed, prefix } => {
                fixed.emit(out);
                out.extend_from_slice(prefix.as_ref());
            }
            NdOptBody::Rdnss { fixed, servers } => {
                fixed.emit(out);
                out.extend_from_slice(servers.as_ref());
            }
            NdOptBody::Dnssl { fixed, names } => {
                fixed.emit(out);
                out.extend_from_slice(names.as_ref());
            }
            NdOptBody::PrefixInfo(v) => v.emit(out),
            NdOptBody::RedirectedHeader { reserved, packet } => {
                out.extend_from_slice(reserved);
                out.extend_from_slice(packet.as_ref());
            }
            NdOptBody::Mtu(v) => v.emit(out),
            NdOptBody::AdvInterval(v) => v.emit(out),
            NdOptBody::HaInfo(v) => v.emit(out),
            NdOptBody::IpAddrPrefix(v) => v.emit(out),
            NdOptBody::NewRouterPrefix(v) => v.emit(out),
            NdOptBody::LinkLayerAddr { code, address } => {
                out.push(*code);
                out.extend_from_slice(address.as_ref());
            }
            NdOptBody::Naack { fixed, rest } => {
                fixed.emit(out);
                out.extend_from_slice(rest.as_ref());
            }
            NdOptBody::Map(v) => v.emit(out),
        }
        Ok(())
    }

    /// The owned form.
    pub fn to_owned(&self) -> NdOpt<Vec<u8>> {
        let v = |b: &B| b.as_ref().to_vec();
        let body = match &self.body {
            NdOptBody::SourceLinkAddr(b) => NdOptBody::SourceLinkAddr(v(b)),
            NdOptBody::TargetLinkAddr(b) => NdOptBody::TargetLinkAddr(v(b)),
            NdOptBody::PrefixInfo(p) => NdOptBody::PrefixInfo(*p),
            NdOptBody::RedirectedHeader { reserved, packet } => {
                NdOptBody::RedirectedHeader { reserved: *reserved, packet: v(packet) }
            }
            NdOptBody::Mtu(m) => NdOptBody::Mtu(*m),
            NdOptBody::AdvInterval(a) => NdOptBody::AdvInterval(*a),
            NdOptBody::HaInfo(h) => NdOptBody::HaInfo(*h),
            NdOptBody::IpAddrPrefix(p) => NdOptBody::IpAddrPrefix(*p),
            NdOptBody::NewRouterPrefix(p) => NdOptBody::NewRouterPrefix(*p),
            NdOptBody::LinkLayerAddr { code, address } => NdOptBody::LinkLayerAddr { code: *code, address: v(address) },
            NdOptBody::Naack { fixed, rest } => NdOptBody::Naack { fixed: *fixed, rest: v(rest) },
            NdOptBody::Map(m) => NdOptBody::Map(*m),
            NdOptBody::Nonce(b) => NdOptBody::Nonce(v(b)),
            NdOptBody::RouteInfo { fixed, prefix } => NdOptBody::RouteInfo { fixed: *fixed, prefix: v(prefix) },
            NdOptBody::Rdnss { fixed, servers } => NdOptBody::Rdnss { fixed: *fixed, servers: v(servers) },
            NdOptBody::Dnssl { fixed, names } => NdOptBody::Dnssl { fixed: *fixed, names: v(names) },
            NdOptBody::Other { ty, data } => NdOptBody::Other { ty: *ty, data: v(data) },
        };
        NdOpt { len: self.len, body }
    }
}

impl<'a> NdOpt<&'a [u8]> {
    /// The option of type `ty` and Length `len8` whose data (after Type and Length) is `data`.
    fn framed(ty: u8, len8: u8, data: &'a [u8]) -> Self {
        let fixed = |n: usize| data.len() == n;
        let body = match NdOptType::from(ty) {
            NdOptType::SourceLinkAddr => NdOptBody::SourceLinkAddr(data),
            NdOptType::TargetLinkAddr => NdOptBody::TargetLinkAddr(data),
            NdOptType::PrefixInformation if fixed(PrefixInfo::LEN) => match PrefixInfo::parse(data) {
                Ok((_, v)) => NdOptBody::PrefixInfo(v),
                Err(_) => NdOptBody::Other { ty: NdOptType::PrefixInformation, data },
            },
            NdOptType::RedirectedHeader if data.len() >= 6 => {
                let mut reserved = [0; 6];
                reserved.copy_from_slice(&data[..6]);
                NdOptBody::RedirectedHeader { reserved, packet: &data[6..] }
            }
            NdOptType::Mtu if fixed(Mtu::LEN) => {
                Mtu::parse(data).map_or(NdOptBody::Other { ty: NdOptType::Mtu, data }, |(_, v)| NdOptBody::Mtu(v))
            }
            NdOptType::AdvertisementInterval if fixed(AdvInterval::LEN) => AdvInterval::parse(data)
                .map_or(NdOptBody::Other { ty: NdOptType::AdvertisementInterval, data }, |(_, v)| NdOptBody::AdvInterval(v)),
            NdOptType::HomeAgentInformation if fixed(HaInfo::LEN) => HaInfo::parse(data)
                .map_or(NdOptBody::Other { ty: NdOptType::HomeAgentInformation, data }, |(_, v)| NdOptBody::HaInfo(v)),
            NdOptType::IpAddressPrefix if fixed(IpAddrPrefix::LEN) => IpAddrPrefix::parse(data)
                .map_or(NdOptBody::Other { ty: NdOptType::IpAddressPrefix, data }, |(_, v)| NdOptBody::IpAddrPrefix(v)),
            NdOptType::NewRouterPrefixInformation if fixed(NewRouterPrefix::LEN) => NewRouterPrefix::parse(data)
                .map_or(NdOptBody::Other { ty: NdOptType::NewRouterPrefixInformation, data }, |(_, v)| {
                    NdOptBody::NewRouterPrefix(v)
                }),
            NdOptType::LinkLayerAddress => match data.split_first() {
                Some((&code, address)) => NdOptBody::LinkLayerAddr { code, address },
                None => NdOptBody::Other { ty: NdOptType::LinkLayerAddress, data },
            },
            NdOptType::Map if fixed(Map::LEN) => {
                Map::parse(data).map_or(NdOptBody::Other { ty: NdOptType::Map, data }, |(_, v)| NdOptBody::Map(v))
            }
            NdOptType::Nonce => NdOptBody::Nonce(data),
            NdOptType::RouteInformation => match RouteInfoFixed::parse(data) {
                Ok((prefix, fixed)) => NdOptBody::RouteInfo { fixed, prefix },
                Err(_) => NdOptBody::Other { ty: NdOptType::RouteInformation, data },
            },
            NdOptType::RecursiveDnsServer => match RdnssFixed::parse(data) {
                Ok((servers, fixed)) => NdOptBody::Rdnss { fixed, servers },
                Err(_) => NdOptBody::Other { ty: NdOptType::RecursiveDnsServer, data },
            },
            NdOptType::DnsSearchList => match DnsslFixed::parse(data) {
                Ok((names, fixed)) => NdOptBody::Dnssl { fixed, names },
                Err(_) => NdOptBody::Other { ty: NdOptType::DnsSearchList, data },
            },
            NdOptType::NaAcknowledgment => match Naack::parse(data) {
                Ok((rest, fixed)) => NdOptBody::Naack { fixed, rest },
                Err(_) => NdOptBody::Other { ty: NdOptType::NaAcknowledgment, data },
            },
            ty => NdOptBody::Other { ty, data },
        };
        NdOpt { len: Auto::Given(len8), body }
    }

    /// Parses one option from the start of `i`: Length not 0 and inside `i`.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        match NdOptIter::new(i).next() {
            Some(NdOptItem { opt: Some(o), len8: Some(l), .. }) => Ok((o, usize::from(l) * 8)),
            Some(NdOptItem { len8: None, .. }) | None => Err(Cut::new(0, "ND option")),
            Some(NdOptItem { len8: Some(0), .. }) => Err(Cut::new(1, "ND option of Length 0")),
            Some(_) => Err(Cut::new(1, "ND option running past the message")),
        }
    }
}

/// One step of the option walk: where an option starts (from the options' start), its type,
/// its Length octet (`None`: only the type octet is left), and the option when its Length is
/// not 0 and it fits. The walk ends after an item without an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NdOptItem<'a> {
    pub at: usize,
    pub ty: u8,
    pub len8: Option<u8>,
    pub opt: Option<NdOpt<&'a [u8]>>,
}

/// The options in a message's octets after its fixed part (RFC 4861 §4.6): Length is never
/// trusted (0 stops the walk, as must an option running past the message).
#[derive(Debug, Clone)]
pub struct NdOptIter<'a> {
    area: &'a [u8],
    at: usize,
    done: bool,
}

impl<'a> NdOptIter<'a> {
    pub fn new(area: &'a [u8]) -> Self {
        NdOptIter { area, at: 0, done: false }
    }

    /// Where the walk stopped: the octets no option was read from.
    pub fn rest(&self) -> &'a [u8] {
        self.area.get(self.at..).unwrap_or_default()
    }
}

impl<'a> Iterator for NdOptIter<'a> {
    type Item = NdOptItem<'a>;
    fn next(&mut self) -> Option<NdOptItem<'a>> {
        let rest = self.area.get(self.at..).filter(|r| !self.done && !r.is_empty())?;
        let at = self.at;
        let ty = rest[0];
        let Some(&len8) = rest.get(1) else {
            self.done = true;
            return Some(NdOptItem { at, ty, len8: None, opt: None });
        };
        let n = usize::from(len8) * 8;
        let Some(data) = rest.get(2..n).filter(|_| n > 0) else {
            self.done = true;
            return Some(NdOptItem { at, ty, len8: Some(len8), opt: None });
        };
        self.at += n;
        Some(NdOptItem { at, ty, len8: Some(len8), opt: Some(NdOpt::framed(ty, len8, data)) })
    }
}

/// The options of a message: as parsed (the octets, walked by [`NdOptions::iter`] without
/// allocating) or as a list (typed, then the octets after the last whole option).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NdOptions<B> {
    Wire(B),
    Items { options: Vec<NdOpt<B>>, trailer: B },
}

impl<B: AsRef<[u8]> + Default> Default for NdOptions<B> {
    fn default() -> Self {
        NdOptions::Items { options: Vec::new(), trailer: B::default() }
    }
}

impl<B: AsRef<[u8]>> NdOptions<B> {
    /// Octets `emit` writes.
    pub fn wire_len(&self) -> usize {
        match self {
            NdOptions::Wire(b) => b.as_ref().len(),
            NdOptions::Items { options, trailer } => options.iter().map(NdOpt::wire_len).sum::<usize>() + trailer.as_ref().len(),
        }
    }

    /// Appends the options.
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LenError> {
        match self {
            NdOptions::Wire(b) => out.extend_from_slice(b.as_ref()),
            NdOptions::Items { options, trailer } => {
                for o in options {
                    o.emit(out)?;
                }
                out.extend_from_slice(trailer.as_ref());
            }
        }
        Ok(())
    }

    /// The owned, typed form.
    pub fn to_owned(&self) -> NdOptions<Vec<u8>> {
        match self {
            NdOptions::Wire(b) => {
                let mut it = NdOptIter::new(b.as_ref());
                let options = it.by_ref().map_while(|x| x.opt).map(|o| o.to_owned()).collect();
                // `map_while` consumed the item that ended the walk: `rest` is from its start.
                NdOptions::Items { options, trailer: it.rest().to_vec() }
            }
            NdOptions::Items { options, trailer } => {
                NdOptions::Items { options: options.iter().map(NdOpt::to_owned).collect(), trailer: trailer.as_ref().to_vec() }
            }
        }
    }
}
