//! IPv6 (RFC 8200) and its extension-header chain, in any order: Hop-by-Hop and Destination
//! Options (Pad1, PadN, Router Alert, Jumbo, Home Address option 201), Routing (types 0, 2, 3,
//! 4 identified; type 2 fully decoded), Fragment, AH, ESP (opaque) and No Next Header.
//!
//! The chain also works out the addresses upper layers put in their checksum pseudo-header:
//! a Home Address option replaces the source (RFC 6275 §6.3), and a routing header's final
//! address is the destination (RFC 8200 §8.1) — for a type 2 header, the home address.

use crate::analysis::rules;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::model::{Auto, Cut, EmitCx};
use crate::tree::Tree;
use crate::wire::{Ip6, Reader};
use crate::IpCtx;
use crate::IpProto;

pub static IPV6: FieldDef = FieldDef::new("ipv6", "Internet Protocol Version 6", Kind::Protocol).short("IPv6");
pub static VERSION: FieldDef = FieldDef::new("ipv6.version", "Version", Kind::Uint(1)).mask(0xf0);
/// A second row of `ip.version`: the hidden copy of an IPv6 header's version, whose label says
/// why it is there (a row of its own, so the line is a function of the value and cached).
pub static IP_VERSION: FieldDef = FieldDef::new("ip.version", "Version", Kind::Uint(1)).mask(0xf0).custom(ip_version_note);
pub static TCLASS: FieldDef =
    FieldDef::new("ipv6.tclass", "Traffic Class", Kind::Uint(4)).hex().mask(0x0ff0_0000).custom(crate::dsfield::summary);
pub static DSCP: FieldDef = FieldDef::new("ipv6.tclass.dscp", "Differentiated Services Codepoint", Kind::Uint(4))
    .mask(0x0fc0_0000)
    .vals(crate::dsfield::DSCP_VALS);
pub static ECN: FieldDef = FieldDef::new("ipv6.tclass.ecn", "Explicit Congestion Notification", Kind::Uint(4))
    .mask(0x0030_0000)
    .vals(crate::dsfield::ECN_VALS);
pub static FLOW: FieldDef = FieldDef::new("ipv6.flow", "Flow Label", Kind::Uint(3)).hex().mask(0x000f_ffff);
pub static PLEN: FieldDef = FieldDef::new("ipv6.plen", "Payload Length", Kind::Uint(2));
pub static NXT: FieldDef = FieldDef::new("ipv6.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static HLIM: FieldDef = FieldDef::new("ipv6.hlim", "Hop Limit", Kind::Uint(1));
// tshark also files each address under `ipv6.src_host`/`ipv6.dst_host` and `ipv6.host` (the
// name it resolved to, which without name resolution is the address): aliases here.
pub static SRC: FieldDef = FieldDef::new("ipv6.src", "Source Address", Kind::Ipv6).also_as_text(&["ipv6.src_host", "ipv6.host"]);
pub static DST: FieldDef =
    FieldDef::new("ipv6.dst", "Destination Address", Kind::Ipv6).also_as_text(&["ipv6.dst_host", "ipv6.host"]);
/// The MAC address a SLAAC interface identifier (RFC 4291 Appendix A, modified EUI-64) was
/// made from; tshark also files both under `ipv6.slaac_mac`.
pub static SRC_SLAAC_MAC: FieldDef =
    FieldDef::new("ipv6.src_slaac_mac", "Source SLAAC MAC", Kind::Ether).also(&["ipv6.slaac_mac"]);
pub static DST_SLAAC_MAC: FieldDef =
    FieldDef::new("ipv6.dst_slaac_mac", "Destination SLAAC MAC", Kind::Ether).also(&["ipv6.slaac_mac"]);
pub static ADDR: FieldDef = FieldDef::new("ipv6.addr", "Source or Destination Address", Kind::Ipv6);

pub static HOPOPTS: FieldDef = FieldDef::new("ipv6.hopopts", "IPv6 Hop-by-Hop Option", Kind::Protocol).short("IPv6 Hop-by-Hop");
pub static HOPOPTS_NXT: FieldDef = FieldDef::new("ipv6.hopopts.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static HOPOPTS_LEN: FieldDef = FieldDef::new("ipv6.hopopts.len", "Length", Kind::Uint(1));
pub static HOPOPTS_LEN_OCT: FieldDef = FieldDef::new("ipv6.hopopts.len_oct", "Length", Kind::Uint(2)).unit(" bytes");
pub static DSTOPTS: FieldDef =
    FieldDef::new("ipv6.dstopts", "Destination Options for IPv6", Kind::Protocol).short("IPv6 Destination");
pub static DSTOPTS_NXT: FieldDef = FieldDef::new("ipv6.dstopts.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static DSTOPTS_LEN: FieldDef = FieldDef::new("ipv6.dstopts.len", "Length", Kind::Uint(1));
pub static DSTOPTS_LEN_OCT: FieldDef = FieldDef::new("ipv6.dstopts.len_oct", "Length", Kind::Uint(2)).unit(" bytes");

/// The option names live once, in [`OptType`].
static OPT_VALS: &[(u64, &str)] = OptType::VALS;
static OPT_ACTION_VALS: &[(u64, &str)] = &[
    (0, "Skip and continue"),
    (1, "Discard silently"),
    (2, "Discard and send ICMP Parameter Problem"),
    (3, "Discard and send ICMP if not multicast"),
];
pub static OPT: FieldDef = FieldDef::new("ipv6.opt", "Option", Kind::None);
pub static OPT_TYPE: FieldDef = FieldDef::new("ipv6.opt.type", "Type", Kind::Uint(1)).hex().vals(OPT_VALS);
pub static OPT_TYPE_ACTION: FieldDef = FieldDef::new("ipv6.opt.type.action", "Action", Kind::Uint(1))
    .mask(0xc0)
    .vals(OPT_ACTION_VALS)
    .tshark_names(&[(1, "Discard")]);
pub static OPT_TYPE_CHANGE: FieldDef =
    FieldDef::new("ipv6.opt.type.change", "May Change", Kind::Bool(1)).mask(0x20).tfs("Yes", "No");
pub static OPT_TYPE_REST: FieldDef = FieldDef::new("ipv6.opt.type.rest", "Low-Order Bits", Kind::Uint(1)).hex().mask(0x1f);
pub static OPT_LENGTH: FieldDef = FieldDef::new("ipv6.opt.length", "Length", Kind::Uint(1));
pub static OPT_PAD1: FieldDef = FieldDef::new("ipv6.opt.pad1", "Pad1", Kind::None);
pub static OPT_PADN: FieldDef = FieldDef::new("ipv6.opt.padn", "PadN", Kind::Bytes);
pub static OPT_ROUTER_ALERT: FieldDef =
    FieldDef::new("ipv6.opt.router_alert", "Router Alert", Kind::Uint(2)).vals(&[(0, "MLD"), (1, "RSVP"), (2, "Active Network")]);
pub static OPT_TEL: FieldDef = FieldDef::new("ipv6.opt.tel", "Tunnel Encapsulation Limit", Kind::Uint(1));
pub static OPT_JUMBO: FieldDef = FieldDef::new("ipv6.opt.jumbo", "Payload Length", Kind::Uint(4));
pub static OPT_HOME_ADDRESS: FieldDef = FieldDef::new("ipv6.opt.mipv6.home_address", "MIPv6 Home Address", Kind::Ipv6);
pub static OPT_UNKNOWN: FieldDef = FieldDef::new("ipv6.opt.unknown", "Unknown Option Payload", Kind::Bytes);
/// RFC 4727 / RFC 3692-style experimental option types (low five bits 0x1e).
pub static OPT_EXPERIMENTAL: FieldDef = FieldDef::new("ipv6.opt.experimental", "Experimental Option", Kind::Bytes);

/// The routing type names live once, in [`RoutingType`].
static RT_VALS: &[(u64, &str)] = RoutingType::VALS;
pub static ROUTING: FieldDef = FieldDef::new("ipv6.routing", "Routing Header for IPv6", Kind::Protocol).short("IPv6 Routing");
pub static ROUTING_NXT: FieldDef = FieldDef::new("ipv6.routing.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static ROUTING_LEN: FieldDef = FieldDef::new("ipv6.routing.len", "Length", Kind::Uint(1));
pub static ROUTING_LEN_OCT: FieldDef = FieldDef::new("ipv6.routing.len_oct", "Length", Kind::Uint(2)).unit(" bytes");
pub static ROUTING_TYPE: FieldDef = FieldDef::new("ipv6.routing.type", "Type", Kind::Uint(1)).vals(RT_VALS);
pub static ROUTING_SEGLEFT: FieldDef = FieldDef::new("ipv6.routing.segleft", "Segments Left", Kind::Uint(1));
pub static ROUTING_SRC_RESERVED: FieldDef = FieldDef::new("ipv6.routing.src.reserved", "Reserved", Kind::Bytes);
pub static ROUTING_SRC_ADDR: FieldDef = FieldDef::new("ipv6.routing.src.addr", "Address", Kind::Ipv6).name_suffix();
pub static ROUTING_MIPV6_RESERVED: FieldDef = FieldDef::new("ipv6.routing.mipv6.reserved", "Reserved", Kind::Bytes);
// tshark labels the type 2 header's one address as a list's first ("Address[1]: ").
pub static ROUTING_MIPV6_HOME_ADDRESS: FieldDef =
    FieldDef::new("ipv6.routing.mipv6.home_address", "Address", Kind::Ipv6).name_suffix();
pub static SRH_LAST_ENTRY: FieldDef = FieldDef::new("ipv6.routing.srh.last_entry", "Last Entry", Kind::Uint(1));
pub static SRH_FLAGS: FieldDef = FieldDef::new("ipv6.routing.srh.flags", "Flags", Kind::Uint(1)).hex();
pub static SRH_TAG: FieldDef = FieldDef::new("ipv6.routing.srh.tag", "Tag", Kind::Bytes);
pub static SRH_ADDR: FieldDef = FieldDef::new("ipv6.routing.srh.addr", "Address", Kind::Ipv6).name_suffix();
pub static ROUTING_DATA: FieldDef = FieldDef::new("ipv6.routing.type_data", "Type-Specific Data (not decoded)", Kind::Bytes);

pub static FRAGHDR: FieldDef = FieldDef::new("ipv6.fraghdr", "Fragment Header for IPv6", Kind::Protocol).short("IPv6 Fragment");
pub static FRAG_NXT: FieldDef = FieldDef::new("ipv6.fraghdr.nxt", "Next header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static FRAG_RESERVED_OCTET: FieldDef = FieldDef::new("ipv6.fraghdr.reserved_octet", "Reserved octet", Kind::Uint(1)).hex();
pub static FRAG_OFFSET: FieldDef = FieldDef::new("ipv6.fraghdr.offset", "Offset", Kind::Uint(2)).mask(0xfff8).custom(frag_units);
pub static FRAG_RESERVED_BITS: FieldDef =
    FieldDef::new("ipv6.fraghdr.reserved_bits", "Reserved bits", Kind::Uint(2)).mask(0x0006);
pub static FRAG_MORE: FieldDef =
    FieldDef::new("ipv6.fraghdr.more", "More Fragments", Kind::Bool(2)).mask(0x0001).tfs("Yes", "No");
pub static FRAG_IDENT: FieldDef = FieldDef::new("ipv6.fraghdr.ident", "Identification", Kind::Uint(4)).hex();

pub static AH: FieldDef = FieldDef::new("ah", "Authentication Header", Kind::Protocol).short("AH");
pub static AH_NEXT: FieldDef = FieldDef::new("ah.next_header", "Next header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static AH_LENGTH: FieldDef = FieldDef::new("ah.length", "Length", Kind::Uint(1));
pub static AH_RESERVED: FieldDef = FieldDef::new("ah.reserved", "Reserved", Kind::Bytes);
pub static AH_SPI: FieldDef = FieldDef::new("ah.spi", "AH SPI", Kind::Uint(4)).hex();
pub static AH_SEQUENCE: FieldDef = FieldDef::new("ah.sequence", "AH Sequence", Kind::Uint(4));
pub static AH_ICV: FieldDef = FieldDef::new("ah.icv", "AH ICV", Kind::Bytes);
pub static ESP: FieldDef = FieldDef::new("esp", "Encapsulating Security Payload", Kind::Protocol).short("ESP");
pub static ESP_SPI: FieldDef = FieldDef::new("esp.spi", "ESP SPI", Kind::Uint(4)).base(crate::field::Base::HexDec);
pub static ESP_SEQUENCE: FieldDef = FieldDef::new("esp.sequence", "ESP Sequence", Kind::Uint(4));
pub static ESP_DATA: FieldDef = FieldDef::new("esp.encrypted_data", "ESP Encrypted Data", Kind::Bytes);

pub static BAD_VERSION: ExpertDef =
    ExpertDef::new("ipv6.bogus_ipv6_version", Group::Malformed, Severity::Error, "Bogus IPv6 version");
pub static INVALID_HEADER: ExpertDef =
    ExpertDef::new("ipv6.invalid_header", Group::Malformed, Severity::Error, "IPv6 header must be exactly 40 bytes");
/// A Payload Length of 0 outside a jumbogram: tshark's note (its `ipv6.tso_support` off, the
/// payload is then empty).
pub static PLEN_ZERO: ExpertDef = ExpertDef::new(
    "ipv6.plen_zero",
    Group::Protocol,
    Severity::Chat,
    "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))",
);
pub static PLEN_EXCEEDS: ExpertDef = ExpertDef::new(
    "ipv6.plen_exceeds_framing",
    Group::Protocol,
    Severity::Warn,
    "IPv6 payload length does not match expected framing length",
);
/// RFC 2675 §3's jumbogram rules, in tshark's words: a Payload Length of 0 before a Hop-by-Hop
/// header needs a Jumbo Payload option of more than 65,535 octets; a Jumbo Payload option
/// under a non-zero Payload Length, one of less, and a Fragment header in a jumbogram are wrong.
pub static JUMBO_MISSING: ExpertDef = ExpertDef::new(
    "ipv6.opt.jumbo.missing",
    Group::Malformed,
    Severity::Error,
    "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing",
);
pub static JUMBO_PROHIBITED: ExpertDef = ExpertDef::new(
    "ipv6.opt.jumbo.prohibited",
    Group::Protocol,
    Severity::Warn,
    "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present",
);
pub static JUMBO_TRUNCATED: ExpertDef = ExpertDef::new(
    "ipv6.opt.jumbo.truncated",
    Group::Protocol,
    Severity::Warn,
    "Jumbo Payload option present and jumbo length < 65536",
);
pub static JUMBO_FRAGMENT: ExpertDef = ExpertDef::new(
    "ipv6.opt.jumbo.fragment",
    Group::Protocol,
    Severity::Warn,
    "Jumbo Payload option cannot be used with a fragment header",
);
pub static EXT_TRUNCATED: ExpertDef = ExpertDef::new(
    "ipv6.ext.len.invalid",
    Group::Malformed,
    Severity::Error,
    "Extension header runs past the end of the payload",
);
pub static OPT_LEN_INVALID: ExpertDef = ExpertDef::new(
    "ipv6.opt.invalid_len",
    Group::Malformed,
    Severity::Error,
    "IPv6 option length runs past the extension header, or is wrong for its type",
);
pub static RT2_INVALID: ExpertDef =
    ExpertDef::new("ipv6.routing.invalid_length", Group::Malformed, Severity::Error, "Invalid IPv6 Routing header length");
pub static HAO_TWICE: ExpertDef = ExpertDef::new(
    "ipv6.opt.mipv6.duplicate",
    Group::Protocol,
    Severity::Warn,
    "Second Home Address option in the packet (RFC 6275 §6.3: MUST NOT appear more than once); the first is used",
);
pub static HOPOPTS_NOT_FIRST: ExpertDef = ExpertDef::new(
    "ipv6.hopopts.not_first",
    Group::Protocol,
    Severity::Error,
    "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header",
);

pub static FIELDS: &[&FieldDef] = &[
    &IPV6,
    &VERSION,
    &IP_VERSION,
    &TCLASS,
    &DSCP,
    &ECN,
    &FLOW,
    &PLEN,
    &NXT,
    &HLIM,
    &SRC,
    &DST,
    &ADDR,
    &SRC_SLAAC_MAC,
    &DST_SLAAC_MAC,
    &HOPOPTS,
    &HOPOPTS_NXT,
    &HOPOPTS_LEN,
    &HOPOPTS_LEN_OCT,
    &DSTOPTS,
    &DSTOPTS_NXT,
    &DSTOPTS_LEN,
    &DSTOPTS_LEN_OCT,
    &OPT,
    &OPT_TYPE,
    &OPT_TYPE_ACTION,
    &OPT_TYPE_CHANGE,
    &OPT_TYPE_REST,
    &OPT_LENGTH,
    &OPT_PAD1,
    &OPT_PADN,
    &OPT_ROUTER_ALERT,
    &OPT_TEL,
    &OPT_JUMBO,
    &OPT_HOME_ADDRESS,
    &OPT_UNKNOWN,
    &OPT_EXPERIMENTAL,
    &ROUTING,
    &ROUTING_NXT,
    &ROUTING_LEN,
    &ROUTING_LEN_OCT,
    &ROUTING_TYPE,
    &ROUTING_SEGLEFT,
    &ROUTING_SRC_RESERVED,
    &ROUTING_SRC_ADDR,
    &ROUTING_MIPV6_RESERVED,
    &ROUTING_MIPV6_HOME_ADDRESS,
    &ROUTING_DATA,
    &SRH_LAST_ENTRY,
    &SRH_FLAGS,
    &SRH_TAG,
    &SRH_ADDR,
    &FRAGHDR,
    &FRAG_NXT,
    &FRAG_RESERVED_OCTET,
    &FRAG_OFFSET,
    &FRAG_RESERVED_BITS,
    &FRAG_MORE,
    &FRAG_IDENT,
    &AH,
    &AH_NEXT,
    &AH_LENGTH,
    &AH_RESERVED,
    &AH_SPI,
    &AH_SEQUENCE,
    &AH_ICV,
    &ESP,
    &ESP_SPI,
    &ESP_SEQUENCE,
    &ESP_DATA,
];
/// RFC 5095 deprecates the type 0 Routing header (tshark notes it on the Type field).
pub static RH0_DEPRECATED: ExpertDef =
    ExpertDef::new("ipv6.routing.deprecated", Group::Deprecated, Severity::Note, "Routing header type is deprecated");
pub static EXPERTS: &[&ExpertDef] = &[
    &RH0_DEPRECATED,
    &BAD_VERSION,
    &INVALID_HEADER,
    &PLEN_EXCEEDS,
    &PLEN_ZERO,
    &JUMBO_MISSING,
    &JUMBO_PROHIBITED,
    &JUMBO_TRUNCATED,
    &JUMBO_FRAGMENT,
    &EXT_TRUNCATED,
    &OPT_LEN_INVALID,
    &RT2_INVALID,
    &HOPOPTS_NOT_FIRST,
    &HAO_TWICE,
];

/// How many octets the payload after an IPv6 header has, as the dissector reads it, given the
/// header's Payload Length and Next Header and the octets after it: the Payload Length; with a
/// Payload Length of 0, a jumbogram's (RFC 2675 §3: the Hop-by-Hop header's Jumbo Payload
/// option, more than 65,535), else `None`, the framing's rest (before a Hop-by-Hop header with
/// no valid Jumbo Payload option, the packet malformed; with `ipv6.tso_support` before anything
/// but No Next Header, tshark's rule), else 0 (the payload empty, the rest a trailer, tshark's
/// default). The IPv6 layer, the Ethernet trailer and the frame's model all read it here.
pub(crate) fn payload_length(plen: u16, next_header: u8, after: &[u8], prefs: &crate::prefs::Prefs) -> Option<usize> {
    if plen != 0 {
        Some(usize::from(plen))
    } else if next_header == IpProto::HopByHop.value() {
        jumbo_length(after).map(|j| j as usize)
    } else if prefs.ipv6_tso_support && next_header != IpProto::NoNext.value() {
        None
    } else {
        Some(0)
    }
}

/// Dissects an IPv6 packet at `off` (not past `end`) and everything it carries. Returns false
/// when the packet is not IPv6 (its Version is not 6): as tshark, the version alone is shown,
/// with an error, and the caller treats the octets as it treats a payload no dissector takes.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) -> bool {
    // The IPv6 header this one is the payload of (IPv6 in IPv6), if it is.
    let outer = t.pkt.tunnel.take();
    let avail = end.saturating_sub(off);
    let p = t.protocol(&IPV6, off, avail.min(40));
    // The first octet of the packet, not one past its end (an Ethernet trailer).
    if let Some(&first) = t.bytes(off, end).first().filter(|b| *b >> 4 != 6) {
        bogus_version(t, off, first);
        return false;
    }
    let Ok((h, _)) = Ipv6Header::parse(t.bytes(off, end)) else {
        short_header(t, off, end);
        return true;
    };
    let (src, dst) = (h.src.0, h.dst.0);
    let word = h.word();
    // The whole first octet: Version under its mask (Wireshark's field).
    let version = (word >> 24) as u8;
    t.append_with(p, |s| {
        s.push_str(", Src: ");
        crate::format::write_ipv6(s, &src);
        s.push_str(", Dst: ");
        crate::format::write_ipv6(s, &dst);
    });
    let plen = usize::from(h.payload_len.or_else(|| 0));
    let nxt = h.next_header.or_else(|| 59);
    let start = off + Ipv6Header::LEN;
    // A Payload Length of 0: a jumbogram's when a Hop-by-Hop header follows (RFC 2675 §3: its
    // Jumbo Payload option gives the length, more than 65,535; without one the packet is
    // malformed and the framing stands for the length), an empty packet's before No Next
    // Header, else nothing, as tshark reads it (the payload empty, the frame's rest a trailer,
    // noted), or with `ipv6.tso_support` the frame's rest (a sender's capture of what its
    // interface segments).
    let hbh_zero = plen == 0 && nxt == IpProto::HopByHop.value();
    let length = payload_length(plen as u16, nxt, t.bytes(start, end), t.prefs);
    // A jumbogram's length, when it is one.
    let jumbo = length.filter(|_| hbh_zero);
    // The framing's rest when no length is declared (no valid Jumbo Payload option, TSO).
    let framed = length.is_none();
    let tso = framed && !hbh_zero;
    let empty = length == Some(0);
    let zero = empty && nxt != IpProto::NoNext.value();
    let declared = length.unwrap_or(0);
    // More declared than the frame holds: the payload is cut short.
    let exceeds = !framed && !empty && start + declared > end;
    // Said when more than the frame's length on the wire, as tshark says it (a capture's snap
    // length cuts what is at hand, not what was sent), and not in a quoted packet, which ends
    // where its quote ends.
    let wire_end = if exceeds && end == t.data.len() { (t.d.wire_len as usize).max(end) } else { end };
    let say_exceeds = exceeds && !t.in_error && start + declared > wire_end;
    // Most packets have none of the Payload Length's expert items: no call, no subtree then.
    let plen_says = zero || hbh_zero && jumbo.is_none() || say_exceeds;
    // Under the Payload Length when it is shown, else at the layer's level.
    let plen_experts = |t: &mut Tree<'_>| {
        if zero {
            t.expert(&PLEN_ZERO, off + 4, 2, None);
        }
        if hbh_zero && jumbo.is_none() {
            t.expert(&JUMBO_MISSING, off + 4, 2, None);
        }
        if say_exceeds {
            let left = wire_end.saturating_sub(start);
            t.expert_worded(&PLEN_EXCEEDS, off + 4, 2, format_args!("IPv6 payload length exceeds framing length ({left} bytes)"));
        }
    };
    // The fixed header's rows, one at a time only when some is wanted (a filter on the Mobility
    // Header's fields wants none of them; the packet list keeps no node). The version's warning
    // stays whatever is wanted.
    let rows = t.wants_any(&[
        &VERSION,
        &crate::ipv4::VERSION,
        &IP_VERSION,
        &TCLASS,
        &DSCP,
        &ECN,
        &FLOW,
        &PLEN,
        &NXT,
        &HLIM,
        &SRC,
        &ADDR,
        &DST,
    ]);
    if rows {
        t.add_uint(&VERSION, off, 1, u64::from(version));
        hidden_ip_version(t, off, version);
    }
    if rows {
        let tc = t.add_uint(&TCLASS, off, 4, u64::from(word));
        t.open(tc);
        t.add_uint(&DSCP, off, 4, u64::from(word));
        t.add_uint(&ECN, off, 4, u64::from(word));
        t.close();
        t.add_uint(&FLOW, off + 1, 3, u64::from(h.flow_label));
        if tso {
            let l = t.add_generated(&PLEN, off + 4, 2, Value::Uint(avail.saturating_sub(Ipv6Header::LEN) as u64));
            t.append(l, format_args!(" bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))"));
        } else {
            let l = t.add_uint(&PLEN, off + 4, 2, plen as u64);
            if jumbo.is_some() {
                t.append(l, format_args!(" (Jumbogram)"));
            }
            if plen_says {
                t.open(l);
                plen_experts(t);
                t.close();
            }
        }
        t.add_uint(&NXT, off + 6, 1, u64::from(nxt));
        t.add_uint(&HLIM, off + 7, 1, u64::from(h.hop_limit));
        t.add(&SRC, off + 8, 16, Value::Ipv6(src));
        let a = t.add(&ADDR, off + 8, 16, Value::Ipv6(src));
        t.hide(a);
        t.add(&DST, off + 24, 16, Value::Ipv6(dst));
        let a = t.add(&ADDR, off + 24, 16, Value::Ipv6(dst));
        t.hide(a);
    }
    if t.wants_any(&[&SRC_SLAAC_MAC, &DST_SLAAC_MAC]) {
        for (def, at, addr) in [(&SRC_SLAAC_MAC, off + 8, &src), (&DST_SLAAC_MAC, off + 24, &dst)] {
            if let Some(mac) = slaac_mac(addr) {
                // Derived from the address, not a field of its own: generated, as tshark shows it.
                t.add_generated(def, at + 8, 8, Value::Ether(mac));
            }
        }
    }
    t.d.cols.src = Some(Value::Ipv6(src));
    t.d.cols.dst = Some(Value::Ipv6(dst));
    t.set_protocol_column("IPv6");
    if !rows && plen_says {
        plen_experts(t);
    }
    let pend = if framed {
        // No length declared: what the framing gives.
        end
    } else if empty {
        // Nothing, declared so: what follows sees an empty payload (malformed, not cut).
        t.cut = false;
        start.min(end)
    } else if exceeds {
        // Cut (said above), or a quoted packet (ICMPv6 error, Redirected Header) that ends
        // where its quote ends.
        t.cut = true;
        end
    } else {
        // The whole packet is at hand: what it carries can be checked, whatever an outer
        // length claimed.
        t.cut = false;
        start + declared
    };
    // The Info column says "IPv6 <next header>" unless a later layer says more. Written after
    // the extension headers (none of which reads or appends to it; one that sets it, a
    // fragment's, ESP's, "no next header", leaves it non-empty), and not at all when a
    // Mobility Header follows, which always sets its own (~35 instructions for every Mobility
    // Header). `facts_only` keeps the eager write: there every set empties the column.
    let eager = t.facts_only;
    t.info().clear();
    if eager {
        ipv6_info(t, Some(nxt));
    }
    t.pkt.ip6 = Some((src, dst));
    t.pkt.ip = Some((src.into(), dst.into()));
    t.pkt.hlim = Some((h.hop_limit, off + 7));
    // A Home Address option or type 2 routing header belongs to its own IPv6 header: a
    // tunnelled packet does not inherit the outer header's (pseudo-header, HAO-twice check,
    // the drafts' rules).
    t.pkt.hao = None;
    t.pkt.rh2 = None;
    t.pkt.ah = false;
    // Where the payload ends by the Payload Length (a cut may leave less at hand).
    let declared_end = if framed { end } else { start + declared };
    let mut ctx = Chain {
        pseudo: Pseudo::new(&h),
        nh: nxt,
        at: start,
        end: pend,
        first: true,
        n: 0,
        last: None,
        plen: plen as u16,
        jumbo: jumbo.is_some(),
        tail: None,
        hao_at: None,
        walked: Walked::default(),
    };
    // The walk's own first test, made here: most packets have no extension header, and the
    // call's set-up cost ~20 instructions for them.
    let stop = walks(ctx.nh) && chain(t, &mut ctx);
    if !eager && t.d.cols.info.is_empty() && !mh_sets_info(t, stop, &ctx) {
        ipv6_info(t, ctx.last);
    }
    // Route-optimised data ([`crate::analysis::data`]): under a type 2 routing header, or
    // tunnelled; seed 000 §5.4.1 judges any data to or from a VCoA (a Home Address option's
    // among them), so once a mobile router handed one out (rare) every data packet is recorded.
    let data = t.pkt.rh2.is_some() || outer.is_some() || !t.state.vcoas.is_empty();
    if data && !stop && !t.in_error {
        crate::analysis::data::observe(t, off, (src, dst), outer, ctx.nh, ctx.at);
    }
    t.close();
    if stop {
        match ctx.tail {
            Some((Tail::Data, at, end)) => crate::data(t, at, end),
            Some((Tail::Esp, at, end)) => esp(t, at, end),
            None => {}
        }
        return true;
    }
    if ctx.nh == 41 {
        t.pkt.tunnel = Some((off, src, dst));
    }
    let declared = declared_end.saturating_sub(ctx.at);
    crate::dissect_ip_proto(t, ctx.nh, ctx.at, ctx.end, declared, ctx.pseudo.ctx());
    t.pkt.tunnel = None;
    true
}

/// A header of fewer than 40 octets: as tshark, the fields that are there are shown; when the
/// packet itself is that short (not cut by a snap length), the error that an IPv6 header is 40
/// octets comes first and the columns name it. The cut is reported after.
#[cold]
fn short_header(t: &mut Tree<'_>, off: usize, end: usize) {
    let rd = t.rd();
    let have = end.min(t.data.len()).saturating_sub(off);
    if let Some(first) = rd.u8(off).filter(|_| have >= 1) {
        t.add_uint(&VERSION, off, 1, u64::from(first));
        hidden_ip_version(t, off, first);
    }
    // (An ICMP error's quote too: tshark raises it there, the quote being that short.)
    if !t.snapped() {
        t.expert(&INVALID_HEADER, off, 0, Some(format_args!("{have} octets")));
        t.set_protocol_column("IPv6");
        t.set_info(format_args!("Invalid IPv6 header ({have} bytes, need exactly 40)"));
    }
    if let Some(word) = rd.u32(off).filter(|_| have >= 4) {
        let tc = t.add_uint(&TCLASS, off, 4, u64::from(word));
        t.open(tc);
        t.add_uint(&DSCP, off, 4, u64::from(word));
        t.add_uint(&ECN, off, 4, u64::from(word));
        t.close();
        t.add_uint(&FLOW, off + 1, 3, u64::from(word & 0x000f_ffff));
    }
    for (def, at, len) in [(&PLEN, 4, 2), (&NXT, 6, 1), (&HLIM, 7, 1)] {
        if let Some(b) = rd.slice(off + at, off + at + len).filter(|_| have >= at + len) {
            t.add_uint(def, off + at, len, b.iter().fold(0u64, |a, &x| a << 8 | u64::from(x)));
        }
    }
    if let Some(src) = rd.array::<16>(off + 8).filter(|_| have >= 24) {
        t.add(&SRC, off + 8, 16, Value::Ipv6(src));
        let a = t.add(&ADDR, off + 8, 16, Value::Ipv6(src));
        t.hide(a);
        t.d.cols.src = Some(Value::Ipv6(src));
    }
    t.truncated_within(off, end, "IPv6 header");
    t.close();
}

/// A packet handed to IPv6 whose Version (the high nibble of `first`) is not 6: tshark shows
/// the version with its error under the IPv6 item, names it in the columns and reads nothing
/// more; the layer is not one of the frame's protocols (the caller's fallback follows).
#[cold]
fn bogus_version(t: &mut Tree<'_>, off: usize, first: u8) {
    t.add_uint(&VERSION, off, 1, u64::from(first));
    hidden_ip_version(t, off, first);
    t.expert(&BAD_VERSION, off, 1, Some(format_args!("{}, must be 6", first >> 4)));
    t.set_protocol_column("IPv6");
    t.set_info(format_args!("Bogus IPv6 version ({}, must be 6)", first >> 4));
    t.close();
    t.forget_protocol(IPV6.abbrev);
}

/// The Info text IPv6 leaves when nothing after it says more, as tshark's: the last extension
/// header's ("IPv6 hop-by-hop options", "IPv6 destination options", "IPv6 routing"), nothing
/// without one (a fragment, ESP and No Next Header write their own).
fn ipv6_info(t: &mut Tree<'_>, last_ext: Option<u8>) {
    let text = match last_ext.map(IpProto::from) {
        Some(IpProto::HopByHop) => "IPv6 hop-by-hop options",
        Some(IpProto::DstOpts) => "IPv6 destination options",
        Some(IpProto::Routing) => "IPv6 routing",
        _ => return,
    };
    t.info().push_str(text);
}

/// Whether the payload after the extension headers goes to the Mobility Header, which sets the
/// Info column on every path ([`crate::mh::dissect`]); not inside an ICMP error's quote.
fn mh_sets_info(t: &Tree<'_>, stop: bool, c: &Chain) -> bool {
    !stop && !t.in_error && c.at <= c.end && crate::Next::of_ip_proto(c.nh) == crate::Next::Mh
}

fn proto_name(nh: u8) -> &'static str {
    crate::IpProto::from(nh).name().unwrap_or("unknown next header")
}

/// The state of the extension-header walk: the pseudo-header addresses so far, the current
/// next-header value, where it starts and where the payload ends.
struct Chain {
    pseudo: Pseudo,
    nh: u8,
    at: usize,
    end: usize,
    first: bool,
    n: usize,
    /// The last extension header walked (its number), for the Info text.
    last: Option<u8>,
    /// The fixed header's Payload Length (a Jumbo Payload option needs it to be 0).
    plen: u16,
    /// A jumbogram (a Fragment header cannot be in one).
    jumbo: bool,
    /// What ends the walk and is a layer of its own, after the IPv6 subtree as in tshark's
    /// tree: ESP, or the octets after No Next Header or a fragment not reassembled.
    tail: Option<(Tail, usize, usize)>,
    /// Where the Home Address option the source stands for is (RFC 6275 §6.3's placement).
    hao_at: Option<usize>,
    /// The headers walked so far that the Home Address option must come before.
    walked: Walked,
}

/// The headers RFC 6275 §6.3 places the Home Address option before: "Before the Fragment
/// Header, if that header is present" and "Before the AH Header or ESP Header" (ESP's payload
/// is not read, so a Home Address option after it is never seen).
#[derive(Clone, Copy, Default)]
struct Walked {
    fragment: bool,
    ah: bool,
}

impl Walked {
    fn first(self) -> Option<&'static str> {
        if self.fragment {
            Some("the Fragment header")
        } else if self.ah {
            Some("the Authentication Header")
        } else {
            None
        }
    }
}

/// The kinds of [`Chain::tail`].
#[derive(Clone, Copy)]
enum Tail {
    Data,
    Esp,
}

/// A jumbogram's length, as tshark reads it: the value of the first Jumbo Payload option of
/// the Hop-by-Hop header `hbh` begins with, if more than 65,535 (RFC 2675 §2: a smaller one is
/// no jumbogram's).
fn jumbo_length(hbh: &[u8]) -> Option<u32> {
    // The options at hand within the header's length: a header the frame cuts still says it.
    let len = (usize::from(*hbh.get(1)?) + 1) * 8;
    let area = hbh.get(2..len.min(hbh.len()))?;
    let mut options: OptIter<'_, &[u8]> = OptIter::Wire { area, at: 0, done: false };
    let first = options.by_ref().map_while(Result::ok).find_map(|(_, opt)| match opt {
        Ipv6Opt::Jumbo(v) => Some(v),
        _ => None,
    });
    first.filter(|v| *v > 0xffff)
}

/// Whether the walk has a header to take at Next Header `nh`: an extension header, or No Next
/// Header (which it reports).
#[inline(always)]
fn walks(nh: u8) -> bool {
    ExtHeader::is_ext(nh) || IpProto::from(nh) == IpProto::NoNext
}

/// Walks extension headers; returns true when nothing follows (ESP, No Next Header, error).
fn chain(t: &mut Tree<'_>, c: &mut Chain) -> bool {
    loop {
        if !walks(c.nh) {
            return false;
        }
        c.n += 1;
        if c.n > 16 {
            t.expert(&crate::expert::DEPTH_LIMIT, c.at, 0, Some(format_args!("more than 16 extension headers")));
            return true;
        }
        match c.nh {
            59 => {
                t.set_info(format_args!("IPv6 no next header"));
                if c.end > c.at {
                    c.tail = Some((Tail::Data, c.at, c.end));
                }
                return true;
            }
            50 => {
                c.tail = Some((Tail::Esp, c.at, c.end));
                return true;
            }
            _ => {}
        }
        c.last = Some(c.nh);
        // Next Header and the length octet, shown even when the header is cut.
        let first = t.rd().array::<2>(c.at).filter(|_| c.end >= c.at + 8);
        let Some([next, len_octet]) = first else {
            // A layer of the frame all the same, as in tshark.
            let def = match IpProto::from(c.nh) {
                IpProto::HopByHop => &HOPOPTS,
                IpProto::DstOpts => &DSTOPTS,
                IpProto::Routing => &ROUTING,
                IpProto::Fragment => &FRAGHDR,
                _ => &AH,
            };
            t.protocol(def, c.at, c.end.saturating_sub(c.at));
            t.cut_short(
                &EXT_TRUNCATED,
                c.at,
                c.end.saturating_sub(c.at),
                Some(format_args!("{} needs 8 bytes, {} left", proto_name(c.nh), c.end.saturating_sub(c.at))),
            );
            t.close();
            return true;
        };
        let hlen = match IpProto::from(c.nh) {
            IpProto::Fragment => Fragment::LEN,
            IpProto::Ah => (usize::from(len_octet) + 2) * 4,
            _ => (usize::from(len_octet) + 1) * 8,
        };
        let hend = c.at + hlen;
        let (def, nxt_def, len_def, oct_def) = match IpProto::from(c.nh) {
            IpProto::HopByHop => (&HOPOPTS, &HOPOPTS_NXT, &HOPOPTS_LEN, Some(&HOPOPTS_LEN_OCT)),
            IpProto::DstOpts => (&DSTOPTS, &DSTOPTS_NXT, &DSTOPTS_LEN, Some(&DSTOPTS_LEN_OCT)),
            IpProto::Routing => (&ROUTING, &ROUTING_NXT, &ROUTING_LEN, Some(&ROUTING_LEN_OCT)),
            IpProto::Fragment => (&FRAGHDR, &FRAG_NXT, &FRAG_RESERVED_OCTET, None),
            _ => (&AH, &AH_NEXT, &AH_LENGTH, None),
        };
        let p = t.protocol(def, c.at, hlen.min(c.end - c.at));
        if c.nh == 0 && !c.first {
            t.expert(&HOPOPTS_NOT_FIRST, c.at, 1, None);
        }
        if c.jumbo && c.nh == IpProto::Fragment.value() {
            t.expert(&JUMBO_FRAGMENT, c.at, hlen.min(c.end - c.at), None);
        }
        t.add_uint(nxt_def, c.at, 1, u64::from(next));
        let l = t.add_uint(len_def, c.at + 1, 1, u64::from(len_octet));
        if let Some(od) = oct_def {
            t.add_generated(od, c.at + 1, 1, Value::Uint(hlen as u64));
        } else if c.nh == IpProto::Ah.value() {
            // tshark's label: "Length: 4 (24 bytes)".
            t.append(l, format_args!(" ({hlen} bytes)"));
        }
        if hend > c.end {
            t.cut_short(&EXT_TRUNCATED, c.at + 1, 1, Some(format_args!("{} is {hlen} bytes, {} left", def.name, c.end - c.at)));
            t.close();
            return true;
        }
        // RFC 6275 §6.3: the Home Address option comes after a routing header.
        if let (IpProto::Routing, Some(h), false) = (IpProto::from(c.nh), c.hao_at, t.in_error) {
            t.expert(
                &rules::RFC6275_HAO_PLACEMENT.expert,
                c.at,
                1,
                Some(format_args!("a routing header after the Home Address option at offset {h}")),
            );
        }
        match IpProto::from(c.nh) {
            IpProto::Fragment => c.walked.fragment = true,
            IpProto::Ah => c.walked.ah = true,
            _ => {}
        }
        let mut frag = None;
        let stop = match ExtHeader::parse(c.nh, t.bytes(c.at, c.end)) {
            Some(Ok((ExtHeader::Opts(o), _))) => {
                options(t, c, &o);
                false
            }
            Some(Ok((ExtHeader::Routing(r), _))) => routing(t, c, p, &r),
            Some(Ok((ExtHeader::Fragment(f), _))) => {
                fragment(t, c.at, &f);
                frag = Some(f);
                // An atomic fragment (RFC 6946) carries a whole payload; any other is not reassembled.
                !f.is_atomic()
            }
            Some(Ok((ExtHeader::Ah(a), _))) => {
                ah_rows(t, c.at, &a);
                false
            }
            Some(Err(cut)) if c.nh != 51 || hlen >= 12 => {
                // Only when the bytes at hand end before the payload does (never, from a link).
                t.truncated_within(c.at + cut.at, c.end, cut.what);
                true
            }
            _ => {
                // RFC 4302 §2.2: at least SPI and Sequence Number follow the first 4 octets.
                t.expert(
                    &EXT_TRUNCATED,
                    c.at + 1,
                    1,
                    Some(format_args!("AH Payload Length gives {hlen} bytes, at least 12 needed")),
                );
                true
            }
        };
        t.close();
        if stop && frag.is_some() {
            match crate::reasm::take(t, crate::reasm::Family::V6) {
                Some(crate::reasm::Note::Done(done)) => {
                    if let Some((s, e)) = crate::reasm::show(t, &crate::reasm::V6, done) {
                        // The chain goes on in the reassembled payload (RFC 8200 §4.5: the
                        // fragmentable part may begin with extension headers).
                        c.first = false;
                        c.nh = next;
                        c.at = s;
                        c.end = e;
                        continue;
                    }
                }
                Some(crate::reasm::Note::Refused { why, .. }) => crate::reasm::refused(t, *why, c.at, hlen),
                None => {}
            }
        }
        if stop {
            if let Some(f) = frag {
                // "IPv6 fragment (off=N more=y|n ident=0x%08x nxt=N)", without the fmt machinery
                // (every fragment of a reassembly shows it).
                let info = t.info();
                info.clear();
                info.push_str("IPv6 fragment (off=");
                crate::format::write_dec(info, u64::from(f.offset) * 8);
                info.push_str(if f.more { " more=y ident=" } else { " more=n ident=" });
                crate::format::write_hex_num(info, u64::from(f.ident), 8);
                info.push_str(" nxt=");
                crate::format::write_dec(info, u64::from(next));
                info.push(')');
                if c.end > hend {
                    c.tail = Some((Tail::Data, hend, c.end));
                }
            }
            return true;
        }
        c.first = false;
        c.nh = next;
        c.at = hend;
    }
}

/// An Authentication Header's fields after Next Header and Payload Len.
fn ah_rows(t: &mut Tree<'_>, at: usize, a: &Ah<&[u8]>) {
    t.pkt.ah = true;
    t.add(&AH_RESERVED, at + 2, 2, Value::Bytes);
    t.add_uint(&AH_SPI, at + 4, 4, u64::from(a.spi));
    t.add_uint(&AH_SEQUENCE, at + 8, 4, u64::from(a.seq));
    if !a.icv.is_empty() {
        t.add(&AH_ICV, at + 12, a.icv.len(), Value::Bytes);
    }
}

/// An Authentication Header where no IPv6 extension-header chain is (after IPv4, RFC 4302
/// §3.1): the rows the chain shows, the columns tshark gives it ("AH (SPI=0x…)", until what it
/// protects says more), and its Next Header and length; `None` when it is cut short or its
/// Payload Len gives fewer than 12 octets (reported).
pub(crate) fn ah_header(t: &mut Tree<'_>, at: usize, end: usize) -> Option<(u8, usize)> {
    let left = end.saturating_sub(at);
    // Named before anything is read, as tshark names it (a cut header included).
    t.set_protocol_column("AH");
    let Some([next, len_octet]) = t.rd().array::<2>(at).filter(|_| left >= 8) else {
        // A layer of the frame all the same, as in tshark.
        t.protocol(&AH, at, left);
        t.cut_short(&EXT_TRUNCATED, at, left, Some(format_args!("{} needs 8 bytes, {left} left", AH.name)));
        t.close();
        return None;
    };
    let hlen = (usize::from(len_octet) + 2) * 4;
    t.protocol(&AH, at, hlen.min(left));
    t.add_uint(&AH_NEXT, at, 1, u64::from(next));
    let l = t.add_uint(&AH_LENGTH, at + 1, 1, u64::from(len_octet));
    t.append(l, format_args!(" ({hlen} bytes)"));
    // The SPI names the Info column even when the rest is cut (tshark reads it first).
    if let Some(spi) = t.rd().u32(at + 4) {
        t.set_info(format_args!("AH (SPI=0x{spi:08x})"));
    }
    let parsed = match Ah::parse(t.bytes(at, end)) {
        Ok((a, _)) => {
            ah_rows(t, at, &a);
            Some((next, hlen))
        }
        Err(_) if hlen < 12 => {
            t.expert(&EXT_TRUNCATED, at + 1, 1, Some(format_args!("AH Payload Length gives {hlen} bytes, at least 12 needed")));
            None
        }
        Err(_) => {
            t.cut_short(&EXT_TRUNCATED, at + 1, 1, Some(format_args!("{} is {hlen} bytes, {left} left", AH.name)));
            None
        }
    };
    t.close();
    parsed
}

pub(crate) fn esp(t: &mut Tree<'_>, at: usize, end: usize) {
    t.protocol(&ESP, at, end.saturating_sub(at));
    // Named before anything is read, as tshark names it (a cut header included).
    t.set_protocol_column("ESP");
    let Ok((e, _)) = Esp::parse(t.bytes(at, end)) else {
        t.truncated_within(at, end, "ESP header");
        t.close();
        return;
    };
    t.add_uint(&ESP_SPI, at, 4, u64::from(e.spi));
    t.add_uint(&ESP_SEQUENCE, at + 4, 4, u64::from(e.seq));
    if !e.data.is_empty() {
        t.add(&ESP_DATA, at + 8, e.data.len(), Value::Bytes);
    }
    t.close();
    t.set_info(format_args!("ESP (SPI=0x{:08x})", e.spi));
}

/// The options of a Hop-by-Hop or Destination Options header at `c.at`.
fn options(t: &mut Tree<'_>, c: &mut Chain, o: &Opts<&[u8]>) {
    let end = c.at + o.header_len();
    for item in o.options() {
        let (rel, opt) = match item {
            Ok(v) => v,
            Err(OptCut { at, ty, len: None }) => {
                t.expert(&OPT_LEN_INVALID, c.at + at, 1, Some(format_args!("option 0x{ty:02x} has no length octet")));
                return;
            }
            Err(OptCut { at, ty, len: Some(len) }) => {
                let at = c.at + at;
                let len = usize::from(len);
                let n = opt_node(t, at, (len + 2).min(end - at), OptType::from(ty));
                t.open(n);
                opt_type(t, at, ty);
                t.add_uint(&OPT_LENGTH, at + 1, 1, len as u64);
                t.expert(
                    &OPT_LEN_INVALID,
                    at + 1,
                    1,
                    Some(format_args!("length {len}, {} bytes left in the header", end - at - 2)),
                );
                t.close();
                return;
            }
        };
        let at = c.at + rel;
        let ty = opt.ty();
        if let Ipv6Opt::Pad1 = opt {
            let n = opt_node(t, at, 1, OptType::Pad1);
            t.open(n);
            // Wireshark shows a Pad1's type without the action/change/low-bits breakdown.
            t.add_uint(&OPT_TYPE, at, 1, 0);
            t.add(&OPT_PAD1, at, 1, Value::None);
            t.close();
            continue;
        }
        let len = opt.wire_len() - 2;
        let name = ty.name().unwrap_or("Unknown");
        let n = opt_node(t, at, len + 2, ty);
        t.open(n);
        opt_type(t, at, u8::from(ty));
        t.add_uint(&OPT_LENGTH, at + 1, 1, len as u64);
        let dat = at + 2;
        match opt {
            Ipv6Opt::Pad1 => {}
            Ipv6Opt::PadN(_) => {
                t.add(&OPT_PADN, dat, len, Value::Bytes);
            }
            Ipv6Opt::RouterAlert(v) => {
                t.add_uint(&OPT_ROUTER_ALERT, dat, 2, u64::from(v));
            }
            Ipv6Opt::TunnelEncapLimit(v) => {
                t.add_uint(&OPT_TEL, dat, 1, u64::from(v));
            }
            Ipv6Opt::Jumbo(v) => {
                let j = t.add_uint(&OPT_JUMBO, dat, 4, u64::from(v));
                if v <= 0xffff {
                    t.open(j);
                    t.expert(&JUMBO_TRUNCATED, dat, 4, None);
                    t.close();
                }
                if c.plen != 0 {
                    t.expert(&JUMBO_PROHIBITED, at, 2 + len, None);
                }
            }
            Ipv6Opt::HomeAddress(hoa) => {
                let hoa = hoa.0;
                t.add(&OPT_HOME_ADDRESS, dat, 16, Value::Ipv6(hoa));
                // RFC 6275 §6.3: a unicast routable address (not unspecified, loopback,
                // link-local or multicast).
                // These rules bind the packet's sender, not a node quoting it in an ICMPv6
                // error or a Redirected Header (which may quote it as it processed it).
                if !is_unicast_routable(&hoa) && !t.in_error {
                    t.expert(&rules::RFC6275_HAO_NOT_UNICAST.expert, dat, 16, None);
                }
                // The option's type octet must sit at 8n+6 from the header start.
                if align_pad(rel, 8, 6) != 0 && !t.in_error {
                    t.expert(&rules::RFC6275_HAO_ALIGNMENT.expert, at, 1, Some(format_args!("at offset {rel} of the header")));
                }
                // RFC 6275 §6.3: carried in a Destination Options header, at most once; only
                // then does it stand in for the source (checksums, the packet list).
                match c.pseudo.home_address(o.kind, hoa) {
                    HaoUse::NotDstOpts if !t.in_error => t.expert(&rules::RFC6275_HAO_NOT_DSTOPTS.expert, at, 1, None),
                    HaoUse::NotDstOpts => {}
                    HaoUse::Twice => t.expert(&HAO_TWICE, at, 1, None),
                    HaoUse::Source => {
                        // RFC 6275 §6.3: after a routing header (judged when one follows),
                        // before a Fragment or Authentication Header.
                        if let (Some(h), false) = (c.walked.first(), t.in_error) {
                            t.expert(&rules::RFC6275_HAO_PLACEMENT.expert, at, 1, Some(format_args!("after {h}")));
                        }
                        c.hao_at = Some(at);
                        t.pkt.hao = Some(hoa);
                        // As Wireshark: the packet list shows the home address as the source.
                        t.d.cols.src = Some(Value::Ipv6(hoa));
                    }
                }
            }
            Ipv6Opt::Other {
                ty: OptType::RouterAlert | OptType::TunnelEncapLimit | OptType::Jumbo | OptType::HomeAddress,
                ..
            } => {
                t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("{name} option with length {len}")));
                if len > 0 {
                    t.add(&OPT_UNKNOWN, dat, len, Value::Bytes);
                }
            }
            Ipv6Opt::Other { ty, .. } if u8::from(ty) & 0x1f == 0x1e => {
                t.add(&OPT_EXPERIMENTAL, dat, len, Value::Bytes);
            }
            Ipv6Opt::Other { .. } => {
                if len > 0 {
                    t.add(&OPT_UNKNOWN, dat, len, Value::Bytes);
                }
            }
        }
        t.close();
    }
}

/// An option's subtree, labelled with the option's name as tshark labels it ("Home Address",
/// "Unknown IPv6 Option (202)").
fn opt_node(t: &mut Tree<'_>, at: usize, len: usize, ty: OptType) -> usize {
    if !t.full() {
        return t.add(&OPT, at, len, Value::None);
    }
    match ty.name() {
        Some(name) => t.add_labelled(&OPT, at, len, name),
        None => {
            let r = t.arena(format_args!("Unknown IPv6 Option ({})", u8::from(ty)));
            t.add(&OPT, at, len, Value::Text(r.0, r.1))
        }
    }
}

/// Whether an address can be a home address: not unspecified, loopback, link-local or
/// multicast (RFC 6275 §6.3's "unicast routable").
fn is_unicast_routable(a: &[u8; 16]) -> bool {
    let unspecified_or_loopback = a[..15].iter().all(|&b| b == 0) && a[15] <= 1;
    let link_local = a[0] == 0xfe && a[1] & 0xc0 == 0x80;
    !(unspecified_or_loopback || link_local || a[0] == 0xff)
}

fn opt_type(t: &mut Tree<'_>, at: usize, ty: u8) {
    let n = t.add_uint(&OPT_TYPE, at, 1, u64::from(ty));
    t.open(n);
    for f in [&OPT_TYPE_ACTION, &OPT_TYPE_CHANGE, &OPT_TYPE_REST] {
        t.add_uint(f, at, 1, u64::from(ty));
    }
    t.close();
}

fn routing(t: &mut Tree<'_>, c: &mut Chain, p: usize, r: &Routing<&[u8]>) -> bool {
    let at = c.at;
    let hend = at + r.header_len();
    let ty = r.routing_type();
    let segleft = r.segments_left;
    t.add_uint(&ROUTING_TYPE, at + 2, 1, u64::from(u8::from(ty)));
    t.add_uint(&ROUTING_SEGLEFT, at + 3, 1, u64::from(segleft));
    let name = ty.name().unwrap_or("Unknown");
    t.append_with(p, |s| {
        s.push_str(" (");
        s.push_str(name);
        s.push(')');
    });
    match &r.data {
        RoutingData::Type2 { .. } | RoutingData::Other { ty: RoutingType::Type2, .. } => {
            if hend - at != 24 {
                t.expert(&RT2_INVALID, at + 1, 1, Some(format_args!("type 2 header is {} bytes, must be 24", hend - at)));
            }
            t.add(&ROUTING_MIPV6_RESERVED, at + 4, 4, Value::Bytes);
            if let RoutingData::Type2 { home, .. } = r.data {
                let hoa = home.0;
                let a = t.add(&ROUTING_MIPV6_HOME_ADDRESS, at + 8, 16, Value::Ipv6(hoa));
                t.append(a, format_args!("[1]"));
                t.append_with(p, |s| {
                    s.push_str(", Home Address: ");
                    crate::format::write_ipv6(s, &hoa);
                });
                t.pkt.rh2 = Some(hoa);
                c.pseudo.routing(r);
            }
            // (Not of a quoted packet: a node that processed the header in place quotes 0.)
            if segleft != 1 && !t.in_error {
                t.expert(&rules::RFC6275_RH2_SEGMENTS_LEFT.expert, at + 3, 1, Some(format_args!("Segments Left is {segleft}")));
            }
        }
        RoutingData::Type0 { .. } => {
            t.add(&ROUTING_SRC_RESERVED, at + 4, 4, Value::Bytes);
            for (i, x) in r.addresses().enumerate() {
                let a = t.add(&ROUTING_SRC_ADDR, at + 8 + 16 * i, 16, Value::Ipv6(x.0));
                t.append(a, format_args!("[{}]", i + 1));
            }
            c.pseudo.routing(r);
            t.expert(&RH0_DEPRECATED, at + 2, 1, None);
        }
        RoutingData::Srh { last_entry, flags, tag: _, segments, tlvs } => {
            // Segment Routing Header (RFC 8754 §2): the segment list is in reverse order, so
            // Segment List[0] is the final destination and the upper-layer pseudo-header's.
            let last = last_entry.or_else(|| 0);
            t.add_uint(&SRH_LAST_ENTRY, at + 4, 1, u64::from(last));
            t.add_uint(&SRH_FLAGS, at + 5, 1, u64::from(*flags));
            t.add(&SRH_TAG, at + 6, 2, Value::Bytes);
            let n = usize::from(last) + 1;
            for (i, x) in r.addresses().enumerate() {
                // (Segment List[0] first, as tshark numbers them.)
                let a = t.add(&SRH_ADDR, at + 8 + 16 * i, 16, Value::Ipv6(x.0));
                t.append(a, format_args!("[{i}]"));
            }
            let fit = segments.len() / 16;
            if fit < n {
                t.expert(&RT2_INVALID, at + 4, 1, Some(format_args!("Last Entry {} but only {fit} segments fit", n - 1)));
            }
            c.pseudo.routing(r);
            if !tlvs.is_empty() {
                let a = hend - tlvs.len();
                t.add(&ROUTING_DATA, a, tlvs.len(), Value::Bytes);
                t.expert(&crate::expert::UNDECODED, a, tlvs.len(), Some(format_args!("SRH TLVs not decoded")));
            }
        }
        RoutingData::Other { ty, data } => {
            if !data.is_empty() {
                t.add(&ROUTING_DATA, at + 4, data.len(), Value::Bytes);
                // RPL (3) and others are compressed or unknown: identified, not decoded; an RPL
                // header's last address is still the pseudo-header's destination.
                let ty = u8::from(*ty);
                t.expert(&crate::expert::UNDECODED, at + 4, data.len(), Some(format_args!("routing type {ty} data")));
            }
            c.pseudo.routing(r);
        }
    }
    // The Destination column shows where the packet is going, as tshark's does: the final
    // address while segments are left (RFC 8200 §8.1; with none left, the header's
    // Destination Address already is it), for a type 0, type 2, RPL or segment routing header.
    if let Some(last) = r.final_destination(&c.pseudo.header_dst) {
        t.d.cols.dst = Some(Value::Ipv6(last.0));
    }
    false
}

fn fragment(t: &mut Tree<'_>, at: usize, f: &Fragment) {
    let word = u64::from(f.word());
    t.add_uint(&FRAG_OFFSET, at + 2, 2, word);
    t.add_uint(&FRAG_RESERVED_BITS, at + 2, 2, word);
    t.add_uint(&FRAG_MORE, at + 2, 2, word);
    t.add_uint(&FRAG_IDENT, at + 4, 4, u64::from(f.ident));
}

// ---------------------------------------------------------------------------------------------
// The owned model: the fixed header and each extension header as its own element, parsed by the
// dissector above with these same definitions and emitted back identically.
// ---------------------------------------------------------------------------------------------

crate::code_points! {
    /// Hop-by-Hop and Destination option types (IANA "Destination Options and Hop-by-Hop
    /// Options"; RFC 8200 §4.2, RFC 2473, RFC 2711, RFC 2675, RFC 6275 §6.3, RFC 4727).
    pub enum OptType: u8 {
        Pad1 = 0x00 => "Pad1",
        PadN = 0x01 => "PadN",
        TunnelEncapLimit = 0x04 => "Tunnel Encapsulation Limit",
        RouterAlert = 0x05 => "Router Alert",
        Jumbo = 0xc2 => "Jumbo Payload",
        HomeAddress = 0xc9 => "Home Address",
        Experimental1e = 0x1e => "Experimental (0x1E)",
        Experimental3e = 0x3e => "Experimental (0x3E)",
        Experimental5e = 0x5e => "Experimental (0x5E)",
        Experimental7e = 0x7e => "Experimental (0x7E)",
        Experimental9e = 0x9e => "Experimental (0x9E)",
        ExperimentalBe = 0xbe => "Experimental (0xBE)",
        ExperimentalDe = 0xde => "Experimental (0xDE)",
        ExperimentalFe = 0xfe => "Experimental (0xFE)",
    }
}

crate::code_points! {
    /// Routing header types (IANA "Routing Types"; RFC 8200 §4.4).
    pub enum RoutingType: u8 {
        SourceRoute = 0 => "Source Route",
        Nimrod = 1 => "Nimrod",
        Type2 = 2 => "Type 2 Routing",
        Rpl = 3 => "RPL Source Route",
        SegmentRouting = 4 => "Segment Routing",
        Crh16 = 5 => "Compact Routing Header 16",
        Crh32 = 6 => "Compact Routing Header 32",
    }
}

/// A length field that cannot describe what would be emitted (it would wrap, or the element is
/// not a whole number of its units): emission refuses rather than lie by accident. A crafter
/// who wants the lie gives the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LenError {
    /// The field.
    pub what: &'static str,
    /// Octets the field would have to describe.
    pub len: usize,
}

impl std::fmt::Display for LenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cannot describe {} octets", self.what, self.len)
    }
}

impl std::error::Error for LenError {}

/// The Next Header an element emits: the given one, or the next element's protocol number
/// (59, No Next Header, when nothing follows).
fn next_header(v: Auto<u8>, cx: &EmitCx<'_>) -> u8 {
    v.or_else(|| cx.next_proto.unwrap_or(59))
}

/// An extension header's length octet counting `unit`-octet units after the first `minus`
/// units, for a header of `len` octets.
fn units(v: Auto<u8>, len: usize, unit: usize, minus: usize, what: &'static str) -> Result<u8, LenError> {
    match v {
        Auto::Given(v) => Ok(v),
        Auto::Computed => {
            if !len.is_multiple_of(unit) || len / unit < minus || len / unit - minus > 255 {
                return Err(LenError { what, len });
            }
            Ok((len / unit - minus) as u8)
        }
    }
}

/// The fixed IPv6 header (RFC 8200 §3), owned and lossless: what `parse` read re-emits
/// identically (any version, a Payload Length that lies); a built one leaves Payload Length
/// and Next Header to be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv6Header {
    /// Version (four bits; 6, but any value read is kept).
    pub version: u8,
    /// Traffic Class: DSCP (six bits) and ECN (two bits).
    pub traffic_class: u8,
    /// Flow Label (20 bits).
    pub flow_label: u32,
    /// Octets after the fixed header (extension headers and upper layer) unless given.
    pub payload_len: Auto<u16>,
    /// The first extension header's or the upper layer's number (`EmitCx::next_proto`) unless given.
    pub next_header: Auto<u8>,
    pub hop_limit: u8,
    pub src: Ip6,
    pub dst: Ip6,
}

impl Ipv6Header {
    /// Octets of the fixed header.
    pub const LEN: usize = 40;

    /// A version 6 header from `src` to `dst`, Hop Limit 64, with Payload Length and Next Header
    /// computed.
    pub fn new(src: [u8; 16], dst: [u8; 16]) -> Self {
        Ipv6Header {
            version: 6,
            traffic_class: 0,
            flow_label: 0,
            payload_len: Auto::Computed,
            next_header: Auto::Computed,
            hop_limit: 64,
            src: Ip6(src),
            dst: Ip6(dst),
        }
    }

    /// Differentiated Services Codepoint (RFC 2474).
    pub const fn dscp(&self) -> u8 {
        self.traffic_class >> 2
    }

    /// Explicit Congestion Notification (RFC 3168).
    pub const fn ecn(&self) -> u8 {
        self.traffic_class & 3
    }

    /// The first 32 bits: version, traffic class, flow label.
    pub const fn word(&self) -> u32 {
        ((self.version as u32 & 0xf) << 28) | ((self.traffic_class as u32) << 20) | (self.flow_label & 0x000f_ffff)
    }

    /// Parses the 40-octet header from the start of `i`.
    pub fn parse(i: &[u8]) -> Result<(Self, usize), Cut> {
        // Every frame's header (hot): `h` is an array, so its constant indices are checked when compiled.
        let Some(h) = i.first_chunk::<40>() else { return Err(Cut::new(0, "IPv6 header")) };
        let word = u32::from_be_bytes([h[0], h[1], h[2], h[3]]);
        let addr = |at: usize| Reader::new(h).array::<16>(at).map(Ip6).unwrap_or_default();
        Ok((
            Ipv6Header {
                version: (word >> 28) as u8,
                traffic_class: (word >> 20) as u8,
                flow_label: word & 0x000f_ffff,
                payload_len: Auto::Given(u16::from_be_bytes([h[4], h[5]])),
                next_header: Auto::Given(h[6]),
                hop_limit: h[7],
                src: addr(8),
                dst: addr(24),
            },
            Self::LEN,
        ))
    }

    /// Appends the header and `payload` (everything after the fixed header), computing Payload
    /// Length (an error past 65,535 octets: a jumbogram gives 0 itself) and Next Header
    /// (`cx.next_proto`).
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), LenError> {
        let plen = match self.payload_len {
            Auto::Given(v) => v,
            Auto::Computed => {
                u16::try_from(payload.len()).map_err(|_| LenError { what: "IPv6 Payload Length", len: payload.len() })?
            }
        };
        out.extend_from_slice(&self.word().to_be_bytes());
        out.extend_from_slice(&plen.to_be_bytes());
        out.push(next_header(self.next_header, cx));
        out.push(self.hop_limit);
        out.extend_from_slice(&self.src.0);
        out.extend_from_slice(&self.dst.0);
        out.extend_from_slice(payload);
        Ok(())
    }
}

/// One Hop-by-Hop or Destination option (RFC 8200 §4.2), storage `B` for the octets kept.
/// A TLV's Length is its data's length, so it is never given apart: an option whose Length runs
/// past its header is not an option (the header keeps those octets as its trailer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ipv6Opt<B> {
    Pad1,
    /// PadN: its contents are kept (RFC 8200 says zeros; a covert channel may not).
    PadN(B),
    /// Tunnel Encapsulation Limit (RFC 2473 §5.1).
    TunnelEncapLimit(u8),
    /// Router Alert (RFC 2711): 0 MLD, 1 RSVP, 2 Active Networks.
    RouterAlert(u16),
    /// Jumbo Payload Length (RFC 2675).
    Jumbo(u32),
    /// Home Address (RFC 6275 §6.3): at 8n+6 in a Destination Options header.
    HomeAddress(Ip6),
    /// Any other type, or a known one with a Length its layout does not allow: kept raw.
    Other {
        ty: OptType,
        data: B,
    },
}

impl<B: AsRef<[u8]>> Ipv6Opt<B> {
    /// The option type.
    pub fn ty(&self) -> OptType {
        match self {
            Ipv6Opt::Pad1 => OptType::Pad1,
            Ipv6Opt::PadN(_) => OptType::PadN,
            Ipv6Opt::TunnelEncapLimit(_) => OptType::TunnelEncapLimit,
            Ipv6Opt::RouterAlert(_) => OptType::RouterAlert,
            Ipv6Opt::Jumbo(_) => OptType::Jumbo,
            Ipv6Opt::HomeAddress(_) => OptType::HomeAddress,
            Ipv6Opt::Other { ty, .. } => *ty,
        }
    }

    /// Octets on the wire (type and length included).
    pub fn wire_len(&self) -> usize {
        2 + match self {
            Ipv6Opt::Pad1 => return 1,
            Ipv6Opt::PadN(d) | Ipv6Opt::Other { data: d, .. } => d.as_ref().len(),
            Ipv6Opt::TunnelEncapLimit(_) => 1,
            Ipv6Opt::RouterAlert(_) => 2,
            Ipv6Opt::Jumbo(_) => 4,
            Ipv6Opt::HomeAddress(_) => 16,
        }
    }

    /// RFC 8200 §4.2's alignment requirement `xn+y` of the type octet, from the header's start.
    pub fn alignment(&self) -> (usize, usize) {
        match self {
            Ipv6Opt::HomeAddress(_) => (8, 6),
            Ipv6Opt::Jumbo(_) => (4, 2),
            Ipv6Opt::RouterAlert(_) => (2, 0),
            _ => (1, 0),
        }
    }

    /// Appends the option. Data longer than 255 octets is an error (Length is one octet).
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LenError> {
        let ty = u8::from(self.ty());
        if let Ipv6Opt::Pad1 = self {
            out.push(0);
            return Ok(());
        }
        let n = self.wire_len() - 2;
        let len = u8::try_from(n).map_err(|_| LenError { what: "IPv6 option Length", len: n })?;
        out.push(ty);
        out.push(len);
        match self {
            Ipv6Opt::Pad1 => {}
            Ipv6Opt::PadN(d) | Ipv6Opt::Other { data: d, .. } => out.extend_from_slice(d.as_ref()),
            Ipv6Opt::TunnelEncapLimit(v) => out.push(*v),
            Ipv6Opt::RouterAlert(v) => out.extend_from_slice(&v.to_be_bytes()),
            Ipv6Opt::Jumbo(v) => out.extend_from_slice(&v.to_be_bytes()),
            Ipv6Opt::HomeAddress(a) => out.extend_from_slice(&a.0),
        }
        Ok(())
    }

    /// The owned form.
    pub fn to_owned(&self) -> Ipv6Opt<Vec<u8>> {
        match self {
            Ipv6Opt::Pad1 => Ipv6Opt::Pad1,
            Ipv6Opt::PadN(d) => Ipv6Opt::PadN(d.as_ref().to_vec()),
            Ipv6Opt::TunnelEncapLimit(v) => Ipv6Opt::TunnelEncapLimit(*v),
            Ipv6Opt::RouterAlert(v) => Ipv6Opt::RouterAlert(*v),
            Ipv6Opt::Jumbo(v) => Ipv6Opt::Jumbo(*v),
            Ipv6Opt::HomeAddress(a) => Ipv6Opt::HomeAddress(*a),
            Ipv6Opt::Other { ty, data } => Ipv6Opt::Other { ty: *ty, data: data.as_ref().to_vec() },
        }
    }

    /// The form borrowing this one's octets.
    pub fn as_ref(&self) -> Ipv6Opt<&[u8]> {
        match self {
            Ipv6Opt::Pad1 => Ipv6Opt::Pad1,
            Ipv6Opt::PadN(d) => Ipv6Opt::PadN(d.as_ref()),
            Ipv6Opt::TunnelEncapLimit(v) => Ipv6Opt::TunnelEncapLimit(*v),
            Ipv6Opt::RouterAlert(v) => Ipv6Opt::RouterAlert(*v),
            Ipv6Opt::Jumbo(v) => Ipv6Opt::Jumbo(*v),
            Ipv6Opt::HomeAddress(a) => Ipv6Opt::HomeAddress(*a),
            Ipv6Opt::Other { ty, data } => Ipv6Opt::Other { ty: *ty, data: data.as_ref() },
        }
    }
}

impl Ipv6Opt<Vec<u8>> {
    /// Padding of `n` octets: nothing, Pad1, or a PadN of zeros.
    pub fn pad(n: usize) -> Option<Self> {
        match n {
            0 => None,
            1 => Some(Ipv6Opt::Pad1),
            n => Some(Ipv6Opt::PadN(vec![0; n - 2])),
        }
    }
}

/// Why an option could not be read: where its type octet is (from the options area's start),
/// its type, and its Length when there was one (then it ran past the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptCut {
    pub at: usize,
    pub ty: u8,
    pub len: Option<u8>,
}

impl<'a> Ipv6Opt<&'a [u8]> {
    /// Parses one option from the start of `i` (the rest of its header's options area) and
    /// returns it and its length.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), OptCut> {
        let Some(&ty) = i.first() else { return Err(OptCut { at: 0, ty: 0, len: None }) };
        if ty == 0 {
            return Ok((Ipv6Opt::Pad1, 1));
        }
        let Some(&len) = i.get(1) else { return Err(OptCut { at: 0, ty, len: None }) };
        let Some(data) = i.get(2..2 + usize::from(len)) else { return Err(OptCut { at: 0, ty, len: Some(len) }) };
        let o = match (OptType::from(ty), data.len()) {
            (OptType::PadN, _) => Ipv6Opt::PadN(data),
            (OptType::TunnelEncapLimit, 1) => Ipv6Opt::TunnelEncapLimit(data[0]),
            (OptType::RouterAlert, 2) => Ipv6Opt::RouterAlert(Reader::new(data).u16(0).unwrap_or(0)),
            (OptType::Jumbo, 4) => Ipv6Opt::Jumbo(Reader::new(data).u32(0).unwrap_or(0)),
            (OptType::HomeAddress, 16) => Ipv6Opt::HomeAddress(Reader::new(data).array::<16>(0).map(Ip6).unwrap_or_default()),
            (ty, _) => Ipv6Opt::Other { ty, data },
        };
        Ok((o, 2 + data.len()))
    }
}

/// The options of a Hop-by-Hop or Destination Options header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptList<B> {
    /// As parsed: the options area's octets, read option by option by [`Opts::options`]
    /// without allocating (the dissector's form).
    Wire(B),
    /// The options in order, then the octets after the last whole option (an option running
    /// past the header, kept).
    Items { options: Vec<Ipv6Opt<B>>, trailer: B },
}

/// Which header an options header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptsKind {
    /// Hop-by-Hop Options (next header 0).
    HopByHop,
    /// Destination Options (next header 60).
    Destination,
}

impl OptsKind {
    /// The IP protocol number that announces it.
    pub const fn proto(self) -> u8 {
        match self {
            OptsKind::HopByHop => 0,
            OptsKind::Destination => 60,
        }
    }
}

/// A Hop-by-Hop or Destination Options header (RFC 8200 §4.3, §4.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opts<B> {
    pub kind: OptsKind,
    pub next_header: Auto<u8>,
    /// 8-octet units after the first 8 unless given.
    pub hdr_ext_len: Auto<u8>,
    pub options: OptList<B>,
}

/// The options of an [`Opts`], with their offsets from the header's start; a cut ends the walk.
pub enum OptIter<'s, B> {
    Wire { area: &'s [u8], at: usize, done: bool },
    Items { it: std::slice::Iter<'s, Ipv6Opt<B>>, at: usize },
}

impl<'s, B: AsRef<[u8]>> Iterator for OptIter<'s, B> {
    type Item = Result<(usize, Ipv6Opt<&'s [u8]>), OptCut>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            OptIter::Wire { area, at, done } => {
                let rest = area.get(*at..).filter(|r| !*done && !r.is_empty())?;
                match Ipv6Opt::parse(rest) {
                    Ok((o, n)) => {
                        let here = *at;
                        *at += n;
                        Some(Ok((2 + here, o)))
                    }
                    Err(c) => {
                        *done = true;
                        Some(Err(OptCut { at: 2 + *at, ..c }))
                    }
                }
            }
            OptIter::Items { it, at } => {
                let o = it.next()?;
                let here = *at;
                *at += o.wire_len();
                Some(Ok((here, o.as_ref())))
            }
        }
    }
}

impl<B: AsRef<[u8]>> Opts<B> {
    /// The options, with the offset of each from the header's start.
    pub fn options(&self) -> OptIter<'_, B> {
        match &self.options {
            OptList::Wire(b) => OptIter::Wire { area: b.as_ref(), at: 0, done: false },
            OptList::Items { options, .. } => OptIter::Items { it: options.iter(), at: 2 },
        }
    }

    /// The owned form, its options typed (those read, then the octets no option could be read from).
    pub fn to_owned(&self) -> Opts<Vec<u8>> {
        let options = match &self.options {
            OptList::Wire(area) => {
                let area = area.as_ref();
                let mut options = Vec::new();
                let mut at = 0;
                while at < area.len() {
                    match Ipv6Opt::parse(&area[at..]) {
                        Ok((o, n)) => {
                            options.push(o.to_owned());
                            at += n;
                        }
                        Err(_) => break,
                    }
                }
                OptList::Items { options, trailer: area[at..].to_vec() }
            }
            OptList::Items { options, trailer } => {
                OptList::Items { options: options.iter().map(Ipv6Opt::to_owned).collect(), trailer: trailer.as_ref().to_vec() }
            }
        };
        Opts { kind: self.kind, next_header: self.next_header, hdr_ext_len: self.hdr_ext_len, options }
    }
}

impl<B> Opts<B> {
    fn area_len(&self) -> usize
    where
        B: AsRef<[u8]>,
    {
        match &self.options {
            OptList::Wire(b) => b.as_ref().len(),
            OptList::Items { options, trailer } => options.iter().map(Ipv6Opt::wire_len).sum::<usize>() + trailer.as_ref().len(),
        }
    }

    /// Octets `emit` writes before the payload.
    pub fn header_len(&self) -> usize
    where
        B: AsRef<[u8]>,
    {
        2 + self.area_len()
    }

    /// Appends the header and `payload`, computing Next Header (`cx.next_proto`) and Hdr Ext
    /// Len (an error unless the header is a multiple of 8 octets, at most 2,048: build the
    /// list with [`Opts::new`] or [`Opts::push_aligned`] and [`Opts::pad_to_8`]).
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), LenError>
    where
        B: AsRef<[u8]>,
    {
        let len = units(self.hdr_ext_len, self.header_len(), 8, 1, "Hdr Ext Len")?;
        out.push(next_header(self.next_header, cx));
        out.push(len);
        match &self.options {
            OptList::Wire(b) => out.extend_from_slice(b.as_ref()),
            OptList::Items { options, trailer } => {
                for o in options {
                    o.emit(out)?;
                }
                out.extend_from_slice(trailer.as_ref());
            }
        }
        out.extend_from_slice(payload);
        Ok(())
    }
}

impl<'a> Opts<&'a [u8]> {
    /// Parses the header from the start of `i` (the rest of the IPv6 payload); Hdr Ext Len must
    /// fit in `i`. Options are read by [`Opts::options`].
    pub fn parse(kind: OptsKind, i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (nh, len) = ext_prefix(i, kind_name(kind.proto()))?;
        let n = (usize::from(len) + 1) * 8;
        let Some(area) = i.get(2..n) else { return Err(Cut::new(1, kind_name(kind.proto()))) };
        Ok((Opts { kind, next_header: Auto::Given(nh), hdr_ext_len: Auto::Given(len), options: OptList::Wire(area) }, n))
    }
}

impl Opts<Vec<u8>> {
    /// A header of `kind` holding `options`, each placed at its alignment (RFC 8200 §4.2: the
    /// Home Address option at 8n+6, Jumbo at 4n+2, Router Alert at 2n) with Pad1/PadN before
    /// it, and padded to a multiple of 8 octets; Next Header and Hdr Ext Len computed.
    pub fn new(kind: OptsKind, options: impl IntoIterator<Item = Ipv6Opt<Vec<u8>>>) -> Self {
        let mut h = Opts {
            kind,
            next_header: Auto::Computed,
            hdr_ext_len: Auto::Computed,
            options: OptList::Items { options: Vec::new(), trailer: Vec::new() },
        };
        for o in options {
            let (x, y) = o.alignment();
            h.push_aligned(o, x, y);
        }
        h.pad_to_8();
        h
    }

    fn items(&mut self) -> &mut Vec<Ipv6Opt<Vec<u8>>> {
        if let OptList::Wire(_) = &self.options {
            self.options = self.to_owned().options;
        }
        match &mut self.options {
            OptList::Items { options, .. } => options,
            OptList::Wire(_) => unreachable!("converted above"),
        }
    }

    /// Appends `opt` with its type octet at `x`n+`y` from the header's start, Pad1/PadN before
    /// it as needed (RFC 8200 §4.2).
    pub fn push_aligned(&mut self, opt: Ipv6Opt<Vec<u8>>, x: usize, y: usize) {
        let at = self.items_end();
        let pad = align_pad(at, x, y);
        let items = self.items();
        items.extend(Ipv6Opt::pad(pad));
        items.push(opt);
        // The header grew: a Hdr Ext Len read from the wire no longer describes it.
        self.hdr_ext_len = Auto::Computed;
    }

    /// Pads the header to a multiple of 8 octets with Pad1/PadN (placed before any kept
    /// octets that follow the last whole option).
    pub fn pad_to_8(&mut self) {
        let trailer = self.header_len() - self.items_end();
        let pad = align_pad(self.items_end() + trailer, 8, 0);
        self.items().extend(Ipv6Opt::pad(pad));
        self.hdr_ext_len = Auto::Computed;
    }

    /// Adds `opt` at its alignment to a header already laid out (parsed, or built) and pads it
    /// to 8 octets again. Every option and octet the header has stays as it is, a deliberately
    /// odd one included (an option no parser reads, padding with data in it, octets after the
    /// last whole option), but the zeroed padding that ends it: new padding follows the option.
    pub fn add(&mut self, opt: Ipv6Opt<Vec<u8>>) {
        // (Padding before octets kept after the last whole option does not end the header.)
        let end = self.items_end();
        if self.header_len() == end {
            let items = self.items();
            while matches!(items.last(), Some(Ipv6Opt::Pad1))
                || matches!(items.last(), Some(Ipv6Opt::PadN(d)) if d.iter().all(|&b| b == 0))
            {
                items.pop();
            }
        }
        let (x, y) = opt.alignment();
        self.push_aligned(opt, x, y);
        self.pad_to_8();
    }

    /// Where a pushed option starts: after the header's two octets and the whole options, before
    /// the octets kept after them (they are emitted last).
    fn items_end(&mut self) -> usize {
        2 + self.items().iter().map(Ipv6Opt::wire_len).sum::<usize>()
    }
}

/// Octets of padding that put offset `at` at `x`n+`y`.
pub fn align_pad(at: usize, x: usize, y: usize) -> usize {
    if x <= 1 {
        return 0;
    }
    (x + y % x - at % x) % x
}

/// The name of extension header `nh` (IANA's, from [`IpProto`]).
fn kind_name(nh: u8) -> &'static str {
    IpProto::from(nh).name().unwrap_or("Encap Security Payload")
}

/// Next Header and the length octet of an extension header that needs at least 8 octets.
fn ext_prefix(i: &[u8], what: &'static str) -> Result<(u8, u8), Cut> {
    match i {
        [nh, len, _, _, _, _, _, _, ..] => Ok((*nh, *len)),
        _ => Err(Cut::new(0, what)),
    }
}

/// What a routing header carries after Routing Type and Segments Left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoutingData<B> {
    /// Type 0 (RFC 2460 §4.4, deprecated by RFC 5095): Reserved, then addresses (`addresses`
    /// holds whole 16-octet addresses; `trailer` what is left when Hdr Ext Len is odd).
    Type0 { reserved: u32, addresses: B, trailer: B },
    /// Type 2 (RFC 6275 §6.4): Reserved and one home address (octets after it kept when
    /// Hdr Ext Len is not 2).
    Type2 { reserved: u32, home: Ip6, trailer: B },
    /// Segment Routing Header (RFC 8754 §2): Last Entry (computed from the segments unless
    /// given), Flags, Tag, the segments that fit (Segment List[0] first) and the TLVs after.
    Srh { last_entry: Auto<u8>, flags: u8, tag: u16, segments: B, tlvs: B },
    /// Any other type (RPL, compact, unknown), or a type 2 too short for its address: kept raw.
    Other { ty: RoutingType, data: B },
}

/// The last address of an RPL Source Route header (RFC 6554 §3), from `data`, the octets after
/// Segments Left: CmprI, CmprE, Pad, 20 reserved bits, then n - 1 addresses of 16 - CmprI
/// octets, the last of 16 - CmprE, and Pad octets, where n = (octets after the first 8 - Pad -
/// (16 - CmprE)) / (16 - CmprI) + 1 (rounded down, as tshark); an address's elided first octets
/// are those of the IPv6 header's Destination Address. `None` when the octets are not there.
pub fn rpl_last_address(data: &[u8], header_dst: &[u8; 16]) -> Option<Ip6> {
    let rd = Reader::new(data);
    let cmpr = rd.u8(0)?;
    let (cmpr_i, cmpr_e) = (usize::from(cmpr >> 4), usize::from(cmpr & 0x0f));
    let pad = usize::from(rd.u8(1)? >> 4);
    let (each, last) = (16 - cmpr_i, 16 - cmpr_e);
    let rest = data.len().checked_sub(4)?.checked_sub(pad)?.checked_sub(last)?;
    // n by integer division, as tshark counts it: octets left over after the last whole
    // address are not an address (tshark reads the last address where n puts it).
    let at = 4 + rest / each * each;
    let tail = rd.slice(at, at + last)?;
    let mut a = *header_dst;
    a.get_mut(cmpr_e..)?.copy_from_slice(tail);
    Some(Ip6(a))
}

/// A Routing header (RFC 8200 §4.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing<B> {
    pub next_header: Auto<u8>,
    /// 8-octet units after the first 8 unless given.
    pub hdr_ext_len: Auto<u8>,
    pub segments_left: u8,
    pub data: RoutingData<B>,
}

impl<B: AsRef<[u8]>> Routing<B> {
    /// The Routing Type.
    pub fn routing_type(&self) -> RoutingType {
        match &self.data {
            RoutingData::Type0 { .. } => RoutingType::SourceRoute,
            RoutingData::Type2 { .. } => RoutingType::Type2,
            RoutingData::Srh { .. } => RoutingType::SegmentRouting,
            RoutingData::Other { ty, .. } => *ty,
        }
    }

    /// Octets `emit` writes before the payload.
    pub fn header_len(&self) -> usize {
        4 + match &self.data {
            RoutingData::Type0 { addresses, trailer, .. } => 4 + addresses.as_ref().len() + trailer.as_ref().len(),
            RoutingData::Type2 { trailer, .. } => 20 + trailer.as_ref().len(),
            RoutingData::Srh { segments, tlvs, .. } => 4 + segments.as_ref().len() + tlvs.as_ref().len(),
            RoutingData::Other { data, .. } => data.as_ref().len(),
        }
    }

    /// The addresses of a type 0 header or the segments of an SRH, in wire order.
    pub fn addresses(&self) -> impl Iterator<Item = Ip6> + '_ {
        let b: &[u8] = match &self.data {
            RoutingData::Type0 { addresses, .. } => addresses.as_ref(),
            RoutingData::Srh { segments, .. } => segments.as_ref(),
            _ => &[],
        };
        b.chunks_exact(16).map(|c| Reader::new(c).array::<16>(0).map(Ip6).unwrap_or_default())
    }

    /// The final destination an upper layer's pseudo-header uses (RFC 8200 §8.1), while
    /// segments are left: the last type 0 address, the type 2 home address, SRH Segment
    /// List[0], the last RPL address ([`rpl_last_address`], its elided octets those of
    /// `header_dst`, the IPv6 header's Destination Address). `None` keeps the IPv6 destination.
    pub fn final_destination(&self, header_dst: &[u8; 16]) -> Option<Ip6> {
        if self.segments_left == 0 {
            return None;
        }
        match &self.data {
            RoutingData::Type0 { .. } => self.addresses().last(),
            RoutingData::Type2 { home, .. } => Some(*home),
            RoutingData::Srh { .. } => self.addresses().next(),
            RoutingData::Other { ty: RoutingType::Rpl, data } => rpl_last_address(data.as_ref(), header_dst),
            RoutingData::Other { .. } => None,
        }
    }

    /// Appends the header and `payload`, computing Next Header, Hdr Ext Len and an SRH's Last Entry.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), LenError> {
        let len = units(self.hdr_ext_len, self.header_len(), 8, 1, "Hdr Ext Len")?;
        out.push(next_header(self.next_header, cx));
        out.push(len);
        out.push(u8::from(self.routing_type()));
        out.push(self.segments_left);
        match &self.data {
            RoutingData::Type0 { reserved, addresses, trailer } => {
                out.extend_from_slice(&reserved.to_be_bytes());
                out.extend_from_slice(addresses.as_ref());
                out.extend_from_slice(trailer.as_ref());
            }
            RoutingData::Type2 { reserved, home, trailer } => {
                out.extend_from_slice(&reserved.to_be_bytes());
                out.extend_from_slice(&home.0);
                out.extend_from_slice(trailer.as_ref());
            }
            RoutingData::Srh { last_entry, flags, tag, segments, tlvs } => {
                let n = segments.as_ref().len() / 16;
                let last = match *last_entry {
                    Auto::Given(v) => v,
                    Auto::Computed => u8::try_from(n.saturating_sub(1))
                        .map_err(|_| LenError { what: "SRH Last Entry", len: segments.as_ref().len() })?,
                };
                out.extend_from_slice(&[last, *flags]);
                out.extend_from_slice(&tag.to_be_bytes());
                out.extend_from_slice(segments.as_ref());
                out.extend_from_slice(tlvs.as_ref());
            }
            RoutingData::Other { data, .. } => out.extend_from_slice(data.as_ref()),
        }
        out.extend_from_slice(payload);
        Ok(())
    }

    /// The owned form.
    pub fn to_owned(&self) -> Routing<Vec<u8>> {
        let v = |b: &B| b.as_ref().to_vec();
        let data = match &self.data {
            RoutingData::Type0 { reserved, addresses, trailer } => {
                RoutingData::Type0 { reserved: *reserved, addresses: v(addresses), trailer: v(trailer) }
            }
            RoutingData::Type2 { reserved, home, trailer } => {
                RoutingData::Type2 { reserved: *reserved, home: *home, trailer: v(trailer) }
            }
            RoutingData::Srh { last_entry, flags, tag, segments, tlvs } => {
                RoutingData::Srh { last_entry: *last_entry, flags: *flags, tag: *tag, segments: v(segments), tlvs: v(tlvs) }
            }
            RoutingData::Other { ty, data } => RoutingData::Other { ty: *ty, data: v(data) },
        };
        Routing { next_header: self.next_header, hdr_ext_len: self.hdr_ext_len, segments_left: self.segments_left, data }
    }
}

impl Routing<Vec<u8>> {
    /// A type 2 routing header for `home` (RFC 6275 §6.4: Segments Left 1).
    pub fn type2(home: [u8; 16]) -> Self {
        Routing {
            next_header: Auto::Computed,
            hdr_ext_len: Auto::Computed,
            segments_left: 1,
            data: RoutingData::Type2 { reserved: 0, home: Ip6(home), trailer: Vec::new() },
        }
    }

    /// A type 0 routing header through `addresses`, all left to visit.
    pub fn type0(addresses: &[[u8; 16]]) -> Self {
        Routing {
            next_header: Auto::Computed,
            hdr_ext_len: Auto::Computed,
            segments_left: addresses.len().min(255) as u8,
            data: RoutingData::Type0 { reserved: 0, addresses: addresses.concat(), trailer: Vec::new() },
        }
    }
}

impl<'a> Routing<&'a [u8]> {
    /// Parses the header from the start of `i`; Hdr Ext Len must fit in `i`.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (nh, len) = ext_prefix(i, kind_name(43))?;
        let n = (usize::from(len) + 1) * 8;
        let Some(h) = i.get(..n) else { return Err(Cut::new(1, kind_name(43))) };
        let (ty, segments_left) = (h[2], h[3]);
        let rest = &h[4..];
        let reserved = Reader::new(h).u32(4).unwrap_or(0);
        let data = match RoutingType::from(ty) {
            RoutingType::SourceRoute => {
                let whole = (rest.len() - 4) / 16 * 16;
                RoutingData::Type0 { reserved, addresses: &rest[4..4 + whole], trailer: &rest[4 + whole..] }
            }
            RoutingType::Type2 if rest.len() >= 20 => RoutingData::Type2 {
                reserved,
                home: Reader::new(rest).array::<16>(4).map(Ip6).unwrap_or_default(),
                trailer: &rest[20..],
            },
            RoutingType::SegmentRouting => {
                let n = usize::from(h[4]) + 1;
                let whole = ((rest.len() - 4) / 16).min(n) * 16;
                RoutingData::Srh {
                    last_entry: Auto::Given(h[4]),
                    flags: h[5],
                    tag: Reader::new(h).u16(6).unwrap_or(0),
                    segments: &rest[4..4 + whole],
                    tlvs: &rest[4 + whole..],
                }
            }
            ty => RoutingData::Other { ty, data: rest },
        };
        Ok((Routing { next_header: Auto::Given(nh), hdr_ext_len: Auto::Given(len), segments_left, data }, n))
    }
}

/// A Fragment header (RFC 8200 §4.5); no storage of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fragment {
    pub next_header: Auto<u8>,
    /// The reserved octet after Next Header.
    pub reserved: u8,
    /// Fragment Offset in 8-octet units (13 bits).
    pub offset: u16,
    /// The two reserved bits after the offset.
    pub res: u8,
    /// M: more fragments follow.
    pub more: bool,
    pub ident: u32,
}

impl Fragment {
    /// Octets of the header.
    pub const LEN: usize = 8;

    /// The offset/flags word.
    pub const fn word(&self) -> u16 {
        (self.offset << 3) | ((self.res as u16 & 3) << 1) | self.more as u16
    }

    /// An atomic fragment (RFC 6946): offset 0, no more fragments; the whole payload follows.
    pub const fn is_atomic(&self) -> bool {
        self.word() & 0xfff9 == 0
    }

    /// Parses the 8-octet header from the start of `i`.
    pub fn parse(i: &[u8]) -> Result<(Self, usize), Cut> {
        let Some(&[nh, reserved, w0, w1, a, b, c, d]) = i.first_chunk::<8>() else {
            return Err(Cut::new(0, kind_name(44)));
        };
        let word = u16::from_be_bytes([w0, w1]);
        let f = Fragment {
            next_header: Auto::Given(nh),
            reserved,
            offset: word >> 3,
            res: ((word >> 1) & 3) as u8,
            more: word & 1 == 1,
            ident: u32::from_be_bytes([a, b, c, d]),
        };
        Ok((f, Self::LEN))
    }

    /// Appends the header and `payload`, computing Next Header.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) {
        out.push(next_header(self.next_header, cx));
        out.push(self.reserved);
        out.extend_from_slice(&self.word().to_be_bytes());
        out.extend_from_slice(&self.ident.to_be_bytes());
        out.extend_from_slice(payload);
    }
}

/// An Authentication Header (RFC 4302 §2), the ICV opaque.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ah<B> {
    pub next_header: Auto<u8>,
    /// Length in 4-octet units minus 2, unless given.
    pub payload_len: Auto<u8>,
    pub reserved: u16,
    pub spi: u32,
    pub seq: u32,
    pub icv: B,
}

impl<B: AsRef<[u8]>> Ah<B> {
    /// Octets `emit` writes before the payload.
    pub fn header_len(&self) -> usize {
        12 + self.icv.as_ref().len()
    }

    /// Appends the header and `payload`, computing Next Header and Payload Len (an error
    /// unless the header is a multiple of 8 octets, as IPv6 requires, at most 1,028).
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), LenError> {
        // Counted in 4-octet units, but over IPv6 the header must be a multiple of 8 octets
        // (RFC 4302 §2.2; over IPv4 of 4): an ICV that leaves it at 4n is an error over IPv6
        // when the length is computed.
        let v4 = matches!(cx.ip, Some(crate::IpCtx::V4 { .. }));
        if self.payload_len == Auto::Computed && !v4 && !self.header_len().is_multiple_of(8) {
            return Err(LenError { what: "AH over IPv6 (a multiple of 8 octets)", len: self.header_len() });
        }
        let len = units(self.payload_len, self.header_len(), 4, 2, "AH Payload Len")?;
        out.push(next_header(self.next_header, cx));
        out.push(len);
        out.extend_from_slice(&self.reserved.to_be_bytes());
        out.extend_from_slice(&self.spi.to_be_bytes());
        out.extend_from_slice(&self.seq.to_be_bytes());
        out.extend_from_slice(self.icv.as_ref());
        out.extend_from_slice(payload);
        Ok(())
    }

    /// The owned form.
    pub fn to_owned(&self) -> Ah<Vec<u8>> {
        Ah {
            next_header: self.next_header,
            payload_len: self.payload_len,
            reserved: self.reserved,
            spi: self.spi,
            seq: self.seq,
            icv: self.icv.as_ref().to_vec(),
        }
    }
}

impl<'a> Ah<&'a [u8]> {
    /// Parses the header from the start of `i`: at least 12 octets (RFC 4302 §2.2), all of
    /// Payload Len's inside `i`.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (nh, len) = ext_prefix(i, kind_name(51))?;
        let n = (usize::from(len) + 2) * 4;
        if n < 12 {
            return Err(Cut::new(1, "AH Payload Len below 12 octets"));
        }
        let Some(h) = i.get(..n) else { return Err(Cut::new(1, kind_name(51))) };
        let ah = Ah {
            next_header: Auto::Given(nh),
            payload_len: Auto::Given(len),
            reserved: Reader::new(h).u16(2).unwrap_or(0),
            spi: Reader::new(h).u32(4).unwrap_or(0),
            seq: Reader::new(h).u32(8).unwrap_or(0),
            icv: &h[12..],
        };
        Ok((ah, n))
    }
}

/// An Encapsulating Security Payload (RFC 4303 §2): SPI and Sequence Number, then everything to
/// the end of the packet, opaque (its Next Header is encrypted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Esp<B> {
    pub spi: u32,
    pub seq: u32,
    pub data: B,
}

impl<B: AsRef<[u8]>> Esp<B> {
    /// Appends the element.
    pub fn emit(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.spi.to_be_bytes());
        out.extend_from_slice(&self.seq.to_be_bytes());
        out.extend_from_slice(self.data.as_ref());
    }

    /// The owned form.
    pub fn to_owned(&self) -> Esp<Vec<u8>> {
        Esp { spi: self.spi, seq: self.seq, data: self.data.as_ref().to_vec() }
    }
}

impl<'a> Esp<&'a [u8]> {
    /// Parses the element: all of `i`.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (Some(spi), Some(seq)) = (Reader::new(i).u32(0), Reader::new(i).u32(4)) else {
            return Err(Cut::new(0, "ESP header"));
        };
        Ok((Esp { spi, seq, data: &i[8..] }, i.len()))
    }
}

/// One extension header of an IPv6 packet, in the order a frame stacks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtHeader<B> {
    /// Hop-by-Hop (0) or Destination Options (60).
    Opts(Opts<B>),
    Routing(Routing<B>),
    Fragment(Fragment),
    Ah(Ah<B>),
    /// Terminal: nothing readable follows.
    Esp(Esp<B>),
}

impl<B: AsRef<[u8]>> ExtHeader<B> {
    /// The IP protocol number that announces this header.
    pub fn proto(&self) -> u8 {
        match self {
            ExtHeader::Opts(o) => o.kind.proto(),
            ExtHeader::Routing(_) => 43,
            ExtHeader::Fragment(_) => 44,
            ExtHeader::Ah(_) => 51,
            ExtHeader::Esp(_) => 50,
        }
    }

    /// Appends the header and `payload` (ESP: `payload` must be empty; its data is its own).
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), LenError> {
        match self {
            ExtHeader::Opts(o) => o.emit(payload, cx, out),
            ExtHeader::Routing(r) => r.emit(payload, cx, out),
            ExtHeader::Fragment(f) => {
                f.emit(payload, cx, out);
                Ok(())
            }
            ExtHeader::Ah(a) => a.emit(payload, cx, out),
            ExtHeader::Esp(e) => {
                e.emit(out);
                out.extend_from_slice(payload);
                Ok(())
            }
        }
    }

    /// The owned form.
    pub fn to_owned(&self) -> ExtHeader<Vec<u8>> {
        match self {
            ExtHeader::Opts(o) => ExtHeader::Opts(o.to_owned()),
            ExtHeader::Routing(r) => ExtHeader::Routing(r.to_owned()),
            ExtHeader::Fragment(f) => ExtHeader::Fragment(*f),
            ExtHeader::Ah(a) => ExtHeader::Ah(a.to_owned()),
            ExtHeader::Esp(e) => ExtHeader::Esp(e.to_owned()),
        }
    }
}

impl<'a> ExtHeader<&'a [u8]> {
    /// Whether `nh` announces an extension header (ESP included); 59 (No Next Header) is not one.
    pub fn is_ext(nh: u8) -> bool {
        use IpProto as P;
        matches!(P::from(nh), P::HopByHop | P::Routing | P::Fragment | P::Esp | P::Ah | P::DstOpts)
    }

    /// Parses the extension header `nh` announces from the start of `i` (the rest of the
    /// IPv6 payload), or `None` when `nh` is no extension header.
    pub fn parse(nh: u8, i: &'a [u8]) -> Option<Result<(Self, usize), Cut>> {
        Some(match IpProto::from(nh) {
            IpProto::HopByHop => Opts::parse(OptsKind::HopByHop, i).map(|(h, n)| (ExtHeader::Opts(h), n)),
            IpProto::DstOpts => Opts::parse(OptsKind::Destination, i).map(|(h, n)| (ExtHeader::Opts(h), n)),
            IpProto::Routing => Routing::parse(i).map(|(h, n)| (ExtHeader::Routing(h), n)),
            IpProto::Fragment => Fragment::parse(i).map(|(h, n)| (ExtHeader::Fragment(h), n)),
            IpProto::Ah => Ah::parse(i).map(|(h, n)| (ExtHeader::Ah(h), n)),
            IpProto::Esp => Esp::parse(i).map(|(h, n)| (ExtHeader::Esp(h), n)),
            _ => return None,
        })
    }
}

/// What a Home Address option does to the pseudo-header (RFC 6275 §6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HaoUse {
    /// The first, in a Destination Options header: it is the source.
    Source,
    /// Outside a Destination Options header: not used.
    NotDstOpts,
    /// A second one: the first stays the source.
    Twice,
}

/// The addresses an upper layer's checksum pseudo-header uses, worked out header by header
/// (the dissector walks a packet this way; [`pseudo_header`] folds a whole stack): the Home
/// Address option replaces the source (RFC 6275 §6.3), a routing header's final address the
/// destination (RFC 8200 §8.1; for a type 2 header, the home address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pseudo {
    pub src: [u8; 16],
    pub dst: [u8; 16],
    /// The Home Address option that became the source.
    pub hao: Option<[u8; 16]>,
    /// The fixed header's Destination Address (an RPL header's addresses elide its first octets).
    pub header_dst: [u8; 16],
}

impl Pseudo {
    /// Before any extension header: the fixed header's addresses.
    pub fn new(h: &Ipv6Header) -> Self {
        Pseudo { src: h.src.0, dst: h.dst.0, hao: None, header_dst: h.dst.0 }
    }

    /// A Home Address option `hoa` met in an options header of `kind`.
    pub fn home_address(&mut self, kind: OptsKind, hoa: [u8; 16]) -> HaoUse {
        if kind != OptsKind::Destination {
            HaoUse::NotDstOpts
        } else if self.hao.is_some() {
            HaoUse::Twice
        } else {
            self.src = hoa;
            self.hao = Some(hoa);
            HaoUse::Source
        }
    }

    /// A routing header: its final destination, if it gives one.
    pub fn routing<B: AsRef<[u8]>>(&mut self, r: &Routing<B>) {
        if let Some(d) = r.final_destination(&self.header_dst) {
            self.dst = d.0;
        }
    }

    /// One extension header.
    pub fn step<B: AsRef<[u8]>>(&mut self, e: &ExtHeader<B>) {
        match e {
            ExtHeader::Opts(o) => {
                for (_, opt) in o.options().flatten() {
                    if let Ipv6Opt::HomeAddress(a) = opt {
                        self.home_address(o.kind, a.0);
                    }
                }
            }
            ExtHeader::Routing(r) => self.routing(r),
            _ => {}
        }
    }

    /// The pseudo-header context.
    pub const fn ctx(&self) -> IpCtx {
        IpCtx::V6 { src: self.src, dst: self.dst }
    }
}

/// The pseudo-header `IpCtx::V6` of the upper layer after `hdr` and `exts` in order.
pub fn pseudo_header<'e, B: AsRef<[u8]> + 'e>(hdr: &Ipv6Header, exts: impl IntoIterator<Item = &'e ExtHeader<B>>) -> IpCtx {
    let mut p = Pseudo::new(hdr);
    for e in exts {
        p.step(e);
    }
    p.ctx()
}

/// The MAC address behind a modified EUI-64 interface identifier (RFC 4291 Appendix A:
/// `ff:fe` in its middle, the universal/local bit inverted), as tshark finds it: only for an
/// identifier with the universal bit set, made from a globally unique MAC (tshark shows none
/// for `fe80::ff:fe00:1`).
pub fn slaac_mac(addr: &[u8; 16]) -> Option<[u8; 6]> {
    let &[.., a, b, c, 0xff, 0xfe, d, e, f] = addr else { return None };
    (a & 0x02 != 0).then_some([a ^ 0x02, b, c, d, e, f])
}

/// Wireshark also files an IPv6 header's version under the hidden `ip.version`, so that
/// `ip.version == 6` works, and says so in its label. `first` is the header's first octet.
fn hidden_ip_version(t: &mut Tree<'_>, off: usize, first: u8) {
    let v = t.add_uint(&IP_VERSION, off, 1, u64::from(first));
    t.hide(v);
}

/// `-V` text of [`IP_VERSION`]: the version and tshark's note (which says 6 whatever the
/// octet holds).
fn ip_version_note(v: &Value, out: &mut dyn crate::format::Sink) {
    crate::format::write_dec(out, v.as_uint().unwrap_or(0));
    out.push_str(" [This field makes the filter match on \"ip.version == 6\" possible]");
}

/// `-V` text of the Fragment Offset: the count of 8-octet units and the octets, "7 (56 bytes)".
fn frag_units(v: &Value, out: &mut dyn crate::format::Sink) {
    let units = v.as_uint().unwrap_or(0);
    crate::format::write_dec(out, units);
    out.push_str(" (");
    crate::format::write_dec(out, units * 8);
    out.push_str(" bytes)");
}

#[cfg(test)]
mod tests {
    /// RFC 6554 §3's compression, by hand: destination 2001:db8:9::1, addresses 2001:db8:9::5 and
    /// 2001:db8:9::2 with CmprI 8 and CmprE 10 (8 and 6 octets carried), Pad 2 to a multiple of 8
    /// (tshark 4.0 reads the same header's last full address as 2001:db8:9::2).
    #[test]
    fn an_rpl_headers_last_address_takes_its_elided_octets_from_the_destination() {
        let dst: [u8; 16] = "2001:db8:9::1".parse::<std::net::Ipv6Addr>().unwrap().octets();
        let mut data = vec![0x8a, 0x20, 0, 0];
        data.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 5]);
        data.extend_from_slice(&[0, 0, 0, 0, 0, 2]);
        data.extend_from_slice(&[0, 0]);
        let last = super::rpl_last_address(&data, &dst).map(|a| std::net::Ipv6Addr::from(a.0));
        assert_eq!(last, Some("2001:db8:9::2".parse().unwrap()));
        // Uncompressed (CmprI = CmprE = 0): the last 16 octets.
        let mut full = vec![0, 0, 0, 0];
        full.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
        let last = super::rpl_last_address(&full, &dst).map(|a| std::net::Ipv6Addr::from(a.0));
        assert_eq!(last, Some("2001:db8:3::3".parse().unwrap()));
        // Octets left over after whole addresses: n rounded down, the last address where it
        // puts it (tshark 4.0.17 on CmprI 8, CmprE 8, 12 octets: the first 8 are the last address).
        let odd = [0x88, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 9, 10, 11, 12];
        let last = super::rpl_last_address(&odd, &dst).map(|a| std::net::Ipv6Addr::from(a.0));
        assert_eq!(last, Some("2001:db8:9::7".parse().unwrap()));
        // A Pad longer than what is there, a header cut before its sizes.
        assert_eq!(super::rpl_last_address(&[0x00, 0xf0, 0, 0, 1, 2, 3, 4], &dst), None);
        assert_eq!(super::rpl_last_address(&[0x8a], &dst), None);
    }

    #[test]
    fn slaac_mac_from_an_eui64_identifier() {
        // zeek-ipv6-mobile-hoa.pcap's source 2001:4f8:4:7:2e0:81ff:fe52:ffff; tshark 4.0 shows
        // "Source SLAAC MAC: 00:e0:81:52:ff:ff".
        let a: std::net::Ipv6Addr = "2001:4f8:4:7:2e0:81ff:fe52:ffff".parse().unwrap();
        assert_eq!(super::slaac_mac(&a.octets()), Some([0x00, 0xe0, 0x81, 0x52, 0xff, 0xff]));
        // No ff:fe, or the universal bit clear (icmpv6-nd.pcapng's link-local sources, where
        // tshark shows no SLAAC MAC either).
        for other in ["2001:db8::1", "fe80::ff:fe00:1"] {
            let b: std::net::Ipv6Addr = other.parse().unwrap();
            assert_eq!(super::slaac_mac(&b.octets()), None, "{other}");
        }
    }
}
