//! IPv6 (RFC 8200) and its extension-header chain, in any order: Hop-by-Hop and Destination
//! Options (Pad1, PadN, Router Alert, Jumbo, Home Address option 201), Routing (types 0, 2, 3,
//! 4 identified; type 2 fully decoded), Fragment, AH, ESP (opaque) and No Next Header.
//!
//! The chain also works out the addresses upper layers put in their checksum pseudo-header:
//! a Home Address option replaces the source (RFC 6275 §6.3), and a routing header's final
//! address is the destination (RFC 8200 §8.1) — for a type 2 header, the home address.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;
use crate::IpCtx;

pub static IPV6: FieldDef = FieldDef::new("ipv6", "Internet Protocol Version 6", Kind::Protocol);
pub static VERSION: FieldDef = FieldDef::new("ipv6.version", "Version", Kind::Uint(1)).mask(0xf0);
pub static TCLASS: FieldDef = FieldDef::new("ipv6.tclass", "Traffic Class", Kind::Uint(4)).hex().mask(0x0ff0_0000);
pub static DSCP: FieldDef =
    FieldDef::new("ipv6.tclass.dscp", "Differentiated Services Codepoint", Kind::Uint(4)).mask(0x0fc0_0000);
pub static ECN: FieldDef = FieldDef::new("ipv6.tclass.ecn", "Explicit Congestion Notification", Kind::Uint(4)).mask(0x0030_0000);
pub static FLOW: FieldDef = FieldDef::new("ipv6.flow", "Flow Label", Kind::Uint(3)).hex().mask(0x000f_ffff);
pub static PLEN: FieldDef = FieldDef::new("ipv6.plen", "Payload Length", Kind::Uint(2));
pub static NXT: FieldDef = FieldDef::new("ipv6.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static HLIM: FieldDef = FieldDef::new("ipv6.hlim", "Hop Limit", Kind::Uint(1));
pub static SRC: FieldDef = FieldDef::new("ipv6.src", "Source Address", Kind::Ipv6);
pub static DST: FieldDef = FieldDef::new("ipv6.dst", "Destination Address", Kind::Ipv6);
pub static ADDR: FieldDef = FieldDef::new("ipv6.addr", "Source or Destination Address", Kind::Ipv6);

pub static HOPOPTS: FieldDef = FieldDef::new("ipv6.hopopts", "IPv6 Hop-by-Hop Option", Kind::Protocol);
pub static HOPOPTS_NXT: FieldDef = FieldDef::new("ipv6.hopopts.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static HOPOPTS_LEN: FieldDef = FieldDef::new("ipv6.hopopts.len", "Length", Kind::Uint(1));
pub static HOPOPTS_LEN_OCT: FieldDef = FieldDef::new("ipv6.hopopts.len_oct", "Length", Kind::Uint(2)).unit(" bytes");
pub static DSTOPTS: FieldDef = FieldDef::new("ipv6.dstopts", "Destination Options for IPv6", Kind::Protocol);
pub static DSTOPTS_NXT: FieldDef = FieldDef::new("ipv6.dstopts.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static DSTOPTS_LEN: FieldDef = FieldDef::new("ipv6.dstopts.len", "Length", Kind::Uint(1));
pub static DSTOPTS_LEN_OCT: FieldDef = FieldDef::new("ipv6.dstopts.len_oct", "Length", Kind::Uint(2)).unit(" bytes");

static OPT_VALS: &[(u64, &str)] = &[
    (0x00, "Pad1"),
    (0x01, "PadN"),
    (0x04, "Tunnel Encapsulation Limit"),
    (0x05, "Router Alert"),
    (0xc2, "Jumbo Payload"),
    (0xc9, "Home Address"),
    (0x1e, "Experimental (RFC 4727)"),
    (0x3e, "Experimental (RFC 4727)"),
    (0x5e, "Experimental (RFC 4727)"),
    (0x7e, "Experimental (RFC 4727)"),
    (0x9e, "Experimental (RFC 4727)"),
    (0xbe, "Experimental (RFC 4727)"),
    (0xde, "Experimental (RFC 4727)"),
    (0xfe, "Experimental (RFC 4727)"),
];
static OPT_ACTION_VALS: &[(u64, &str)] = &[
    (0, "Skip and continue"),
    (1, "Discard silently"),
    (2, "Discard and send ICMP Parameter Problem"),
    (3, "Discard and send ICMP if not multicast"),
];
pub static OPT: FieldDef = FieldDef::new("ipv6.opt", "Option", Kind::None);
pub static OPT_TYPE: FieldDef = FieldDef::new("ipv6.opt.type", "Type", Kind::Uint(1)).hex().vals(OPT_VALS);
pub static OPT_TYPE_ACTION: FieldDef =
    FieldDef::new("ipv6.opt.type.action", "Action", Kind::Uint(1)).mask(0xc0).vals(OPT_ACTION_VALS);
pub static OPT_TYPE_CHANGE: FieldDef =
    FieldDef::new("ipv6.opt.type.change", "May Change", Kind::Bool(1)).mask(0x20).tfs("Yes", "No");
pub static OPT_TYPE_REST: FieldDef = FieldDef::new("ipv6.opt.type.rest", "Low-Order Bits", Kind::Uint(1)).hex().mask(0x1f);
pub static OPT_LENGTH: FieldDef = FieldDef::new("ipv6.opt.length", "Length", Kind::Uint(1));
pub static OPT_PAD1: FieldDef = FieldDef::new("ipv6.opt.pad1", "Pad1", Kind::None);
pub static OPT_PADN: FieldDef = FieldDef::new("ipv6.opt.padn", "PadN", Kind::Bytes);
pub static OPT_ROUTER_ALERT: FieldDef = FieldDef::new("ipv6.opt.router_alert", "Router Alert", Kind::Uint(2));
pub static OPT_TEL: FieldDef = FieldDef::new("ipv6.opt.tel", "Tunnel Encapsulation Limit", Kind::Uint(1));
pub static OPT_JUMBO: FieldDef = FieldDef::new("ipv6.opt.jumbo", "Payload Length", Kind::Uint(4));
pub static OPT_HOME_ADDRESS: FieldDef = FieldDef::new("ipv6.opt.mipv6.home_address", "MIPv6 Home Address", Kind::Ipv6);
pub static OPT_UNKNOWN: FieldDef = FieldDef::new("ipv6.opt.unknown", "Unknown Option Payload", Kind::Bytes);
/// RFC 4727 / RFC 3692-style experimental option types (low five bits 0x1e).
pub static OPT_EXPERIMENTAL: FieldDef = FieldDef::new("ipv6.opt.experimental", "Experimental Option", Kind::Bytes);

static RT_VALS: &[(u64, &str)] = &[
    (0, "Source Route"),
    (1, "Nimrod"),
    (2, "Type 2 Routing"),
    (3, "RPL Source Route"),
    (4, "Segment Routing"),
    (5, "Compact Routing Header 16"),
    (6, "Compact Routing Header 32"),
];
pub static ROUTING: FieldDef = FieldDef::new("ipv6.routing", "Routing Header for IPv6", Kind::Protocol);
pub static ROUTING_NXT: FieldDef = FieldDef::new("ipv6.routing.nxt", "Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static ROUTING_LEN: FieldDef = FieldDef::new("ipv6.routing.len", "Length", Kind::Uint(1));
pub static ROUTING_LEN_OCT: FieldDef = FieldDef::new("ipv6.routing.len_oct", "Length", Kind::Uint(2)).unit(" bytes");
pub static ROUTING_TYPE: FieldDef = FieldDef::new("ipv6.routing.type", "Type", Kind::Uint(1)).vals(RT_VALS);
pub static ROUTING_SEGLEFT: FieldDef = FieldDef::new("ipv6.routing.segleft", "Segments Left", Kind::Uint(1));
pub static ROUTING_SRC_RESERVED: FieldDef = FieldDef::new("ipv6.routing.src.reserved", "Reserved", Kind::Bytes);
pub static ROUTING_SRC_ADDR: FieldDef = FieldDef::new("ipv6.routing.src.addr", "Address", Kind::Ipv6);
pub static ROUTING_MIPV6_RESERVED: FieldDef = FieldDef::new("ipv6.routing.mipv6.reserved", "Reserved", Kind::Bytes);
pub static ROUTING_MIPV6_HOME_ADDRESS: FieldDef = FieldDef::new("ipv6.routing.mipv6.home_address", "Home Address", Kind::Ipv6);
pub static SRH_LAST_ENTRY: FieldDef = FieldDef::new("ipv6.routing.srh.last_entry", "Last Entry", Kind::Uint(1));
pub static SRH_FLAGS: FieldDef = FieldDef::new("ipv6.routing.srh.flags", "Flags", Kind::Uint(1)).hex();
pub static SRH_TAG: FieldDef = FieldDef::new("ipv6.routing.srh.tag", "Tag", Kind::Bytes);
pub static SRH_ADDR: FieldDef = FieldDef::new("ipv6.routing.srh.addr", "Address", Kind::Ipv6);
pub static ROUTING_DATA: FieldDef = FieldDef::new("ipv6.routing.type_data", "Type-Specific Data (not decoded)", Kind::Bytes);

pub static FRAGHDR: FieldDef = FieldDef::new("ipv6.fraghdr", "Fragment Header for IPv6", Kind::Protocol);
pub static FRAG_NXT: FieldDef = FieldDef::new("ipv6.fraghdr.nxt", "Next header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static FRAG_RESERVED_OCTET: FieldDef = FieldDef::new("ipv6.fraghdr.reserved_octet", "Reserved octet", Kind::Uint(1)).hex();
pub static FRAG_OFFSET: FieldDef = FieldDef::new("ipv6.fraghdr.offset", "Offset", Kind::Uint(2)).mask(0xfff8);
pub static FRAG_RESERVED_BITS: FieldDef =
    FieldDef::new("ipv6.fraghdr.reserved_bits", "Reserved bits", Kind::Uint(2)).mask(0x0006);
pub static FRAG_MORE: FieldDef =
    FieldDef::new("ipv6.fraghdr.more", "More Fragments", Kind::Bool(2)).mask(0x0001).tfs("Yes", "No");
pub static FRAG_IDENT: FieldDef = FieldDef::new("ipv6.fraghdr.ident", "Identification", Kind::Uint(4)).hex();

pub static AH: FieldDef = FieldDef::new("ah", "Authentication Header", Kind::Protocol);
pub static AH_NEXT: FieldDef = FieldDef::new("ah.next_header", "Next header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static AH_LENGTH: FieldDef = FieldDef::new("ah.length", "Length", Kind::Uint(1));
pub static AH_RESERVED: FieldDef = FieldDef::new("ah.reserved", "Reserved", Kind::Bytes);
pub static AH_SPI: FieldDef = FieldDef::new("ah.spi", "AH SPI", Kind::Uint(4)).hex();
pub static AH_SEQUENCE: FieldDef = FieldDef::new("ah.sequence", "AH Sequence", Kind::Uint(4));
pub static AH_ICV: FieldDef = FieldDef::new("ah.icv", "AH ICV", Kind::Bytes);
pub static ESP: FieldDef = FieldDef::new("esp", "Encapsulating Security Payload", Kind::Protocol);
pub static ESP_SPI: FieldDef = FieldDef::new("esp.spi", "ESP SPI", Kind::Uint(4)).base(crate::field::Base::HexDec);
pub static ESP_SEQUENCE: FieldDef = FieldDef::new("esp.sequence", "ESP Sequence", Kind::Uint(4));
pub static ESP_DATA: FieldDef = FieldDef::new("esp.encrypted_data", "ESP Encrypted Data", Kind::Bytes);

pub static BAD_VERSION: ExpertDef =
    ExpertDef::new("ipv6.bogus_ipv6_version", Group::Malformed, Severity::Error, "Bogus IP version");
pub static PLEN_EXCEEDS: ExpertDef = ExpertDef::new(
    "ipv6.plen_exceeds_framing",
    Group::Protocol,
    Severity::Warn,
    "IPv6 payload length does not match expected framing length",
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
pub static HAO_ALIGNMENT: ExpertDef = ExpertDef::new(
    "ipv6.opt.mipv6.alignment",
    Group::Protocol,
    Severity::Warn,
    "Home Address option is not at an 8n+6 offset (RFC 6275 §6.3)",
);
pub static RT2_INVALID: ExpertDef =
    ExpertDef::new("ipv6.routing.invalid_length", Group::Malformed, Severity::Error, "Invalid IPv6 Routing header length");
pub static RT2_SEGLEFT: ExpertDef = ExpertDef::new(
    "ipv6.routing.mipv6.segleft_invalid",
    Group::Protocol,
    Severity::Warn,
    "Type 2 routing header must have Segments Left 1 (RFC 6275 §6.4)",
);
pub static HAO_NOT_DSTOPTS: ExpertDef = ExpertDef::new(
    "ipv6.opt.mipv6.not_dstopts",
    Group::Protocol,
    Severity::Warn,
    "Home Address option outside a Destination Options header (RFC 6275 §6.3); not used as the source",
);
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
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_VERSION,
    &PLEN_EXCEEDS,
    &EXT_TRUNCATED,
    &OPT_LEN_INVALID,
    &HAO_ALIGNMENT,
    &RT2_INVALID,
    &RT2_SEGLEFT,
    &HOPOPTS_NOT_FIRST,
    &HAO_NOT_DSTOPTS,
    &HAO_TWICE,
];

/// Dissects an IPv6 packet at `off` (not past `end`) and everything it carries.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let avail = end.saturating_sub(off);
    let p = t.protocol(&IPV6, off, avail.min(40));
    let rd = t.rd();
    // Version/class/flow word, Payload Length, Next Header, Hop Limit, then the addresses.
    let fixed = (rd.u32(off), rd.u16(off + 4), rd.array::<2>(off + 6), rd.array::<16>(off + 8), rd.array::<16>(off + 24));
    let (Some(word), Some(plen), Some([nxt, hlim]), Some(src), Some(dst)) = fixed else {
        t.truncated(off, "IPv6 header");
        t.close();
        return;
    };
    if avail < 40 {
        t.truncated(off, "IPv6 header");
        t.close();
        return;
    }
    let version = (word >> 24) as u8;
    t.append_with(p, |s| {
        s.push_str(", Src: ");
        crate::format::write_ipv6(s, &src);
        s.push_str(", Dst: ");
        crate::format::write_ipv6(s, &dst);
    });
    t.add_uint(&VERSION, off, 1, u64::from(version));
    // Wireshark also files the version under the hidden `ip.version`, so `ip.version == 6` works.
    let v = t.add_uint(&crate::ipv4::VERSION, off, 1, u64::from(version));
    t.hide(v);
    if version >> 4 != 6 {
        t.expert(&BAD_VERSION, off, 1, Some(format_args!("version {} in an IPv6 header", version >> 4)));
    }
    let tc = t.add_uint(&TCLASS, off, 4, u64::from(word));
    t.open(tc);
    t.add_uint(&DSCP, off, 4, u64::from(word));
    t.add_uint(&ECN, off, 4, u64::from(word));
    t.close();
    t.add_uint(&FLOW, off + 1, 3, u64::from(word & 0x000f_ffff));
    let plen = usize::from(plen);
    t.add_uint(&PLEN, off + 4, 2, plen as u64);
    t.add_uint(&NXT, off + 6, 1, u64::from(nxt));
    t.add_uint(&HLIM, off + 7, 1, u64::from(hlim));
    t.add(&SRC, off + 8, 16, Value::Ipv6(src));
    let a = t.add(&ADDR, off + 8, 16, Value::Ipv6(src));
    t.hide(a);
    t.add(&DST, off + 24, 16, Value::Ipv6(dst));
    let a = t.add(&ADDR, off + 24, 16, Value::Ipv6(dst));
    t.hide(a);
    t.d.cols.src = Some(Value::Ipv6(src));
    t.d.cols.dst = Some(Value::Ipv6(dst));
    t.set_protocol_column("IPv6");
    let start = off + 40;
    let pend = if plen == 0 {
        // Jumbogram or unknown: use what the framing gives.
        end
    } else if start + plen > end {
        // A quoted packet (ICMPv6 error, Redirected Header) ends where its quote ends.
        let at_end = end == t.data.len() || t.in_error;
        t.length_exceeds(
            &PLEN_EXCEEDS,
            at_end,
            off + 4,
            2,
            Some(format_args!("payload length {plen}, {} bytes available", end - start)),
        );
        end
    } else {
        start + plen
    };
    let info = t.info();
    info.clear();
    info.push_str("IPv6 ");
    info.push_str(proto_name(nxt));
    t.pkt.ip6 = Some((src, dst));
    t.pkt.hlim = Some((hlim, off + 7));
    // A Home Address option or type 2 routing header belongs to its own IPv6 header: a
    // tunnelled packet does not inherit the outer header's (pseudo-header, HAO-twice check,
    // the drafts' rules).
    t.pkt.hao = None;
    t.pkt.rh2 = None;
    // Where the payload ends by the Payload Length (a cut may leave less at hand).
    let declared_end = if plen == 0 { end } else { start + plen };
    let mut ctx = Chain { src, dst, nh: nxt, at: start, end: pend, first: true, n: 0 };
    let stop = chain(t, &mut ctx);
    t.close();
    if stop {
        return;
    }
    let declared = declared_end.saturating_sub(ctx.at);
    crate::dissect_ip_proto(t, ctx.nh, ctx.at, ctx.end, declared, IpCtx::V6 { src: ctx.src, dst: ctx.dst });
}

fn proto_name(nh: u8) -> &'static str {
    crate::field::val_name(crate::IP_PROTO_VALS, u64::from(nh)).unwrap_or("unknown next header")
}

/// The state of the extension-header walk: the pseudo-header addresses so far, the current
/// next-header value, where it starts and where the payload ends.
struct Chain {
    src: [u8; 16],
    dst: [u8; 16],
    nh: u8,
    at: usize,
    end: usize,
    first: bool,
    n: usize,
}

/// Walks extension headers; returns true when nothing follows (ESP, No Next Header, error).
fn chain(t: &mut Tree<'_>, c: &mut Chain) -> bool {
    loop {
        if !matches!(c.nh, 0 | 43 | 44 | 50 | 51 | 59 | 60) {
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
                    crate::data(t, c.at, c.end);
                }
                return true;
            }
            50 => {
                esp(t, c.at, c.end);
                return true;
            }
            _ => {}
        }
        let first = t.rd().array::<2>(c.at).filter(|_| c.end >= c.at + 8);
        let Some([next, len_octet]) = first else {
            t.cut_short(
                &EXT_TRUNCATED,
                c.at,
                c.end.saturating_sub(c.at),
                Some(format_args!("{} needs 8 bytes, {} left", proto_name(c.nh), c.end.saturating_sub(c.at))),
            );
            return true;
        };
        let rd = t.rd();
        let hlen = match c.nh {
            44 => 8,
            51 => (usize::from(len_octet) + 2) * 4,
            _ => (usize::from(len_octet) + 1) * 8,
        };
        let hend = c.at + hlen;
        let (def, nxt_def, len_def, oct_def) = match c.nh {
            0 => (&HOPOPTS, &HOPOPTS_NXT, &HOPOPTS_LEN, Some(&HOPOPTS_LEN_OCT)),
            60 => (&DSTOPTS, &DSTOPTS_NXT, &DSTOPTS_LEN, Some(&DSTOPTS_LEN_OCT)),
            43 => (&ROUTING, &ROUTING_NXT, &ROUTING_LEN, Some(&ROUTING_LEN_OCT)),
            44 => (&FRAGHDR, &FRAG_NXT, &FRAG_RESERVED_OCTET, None),
            _ => (&AH, &AH_NEXT, &AH_LENGTH, None),
        };
        let p = t.protocol(def, c.at, hlen.min(c.end - c.at));
        if c.nh == 0 && !c.first {
            t.expert(&HOPOPTS_NOT_FIRST, c.at, 1, None);
        }
        t.add_uint(nxt_def, c.at, 1, u64::from(next));
        t.add_uint(len_def, c.at + 1, 1, u64::from(len_octet));
        if let Some(od) = oct_def {
            t.add_generated(od, c.at + 1, 1, Value::Uint(hlen as u64));
        }
        if hend > c.end {
            t.cut_short(&EXT_TRUNCATED, c.at + 1, 1, Some(format_args!("{} is {hlen} bytes, {} left", def.name, c.end - c.at)));
            t.close();
            return true;
        }
        let stop = match c.nh {
            0 | 60 => {
                options(t, c, c.at + 2, hend);
                false
            }
            43 => routing(t, c, p, hend),
            44 => fragment(t, c),
            _ if hlen < 12 => {
                // RFC 4302 §2.2: at least SPI and Sequence Number follow the first 4 octets.
                t.expert(
                    &EXT_TRUNCATED,
                    c.at + 1,
                    1,
                    Some(format_args!("AH Payload Length gives {hlen} bytes, at least 12 needed")),
                );
                true
            }
            _ => {
                t.add(&AH_RESERVED, c.at + 2, 2, Value::Bytes);
                if let (Some(spi), Some(seq)) = (rd.u32(c.at + 4), rd.u32(c.at + 8)) {
                    t.add_uint(&AH_SPI, c.at + 4, 4, u64::from(spi));
                    t.add_uint(&AH_SEQUENCE, c.at + 8, 4, u64::from(seq));
                }
                if hlen > 12 {
                    t.add(&AH_ICV, c.at + 12, hlen - 12, Value::Bytes);
                }
                false
            }
        };
        t.close();
        if stop {
            if let (44, Some(word), Some(ident)) = (c.nh, rd.u16(c.at + 2), rd.u32(c.at + 4)) {
                t.set_info(format_args!(
                    "IPv6 fragment (off={} more={} ident=0x{ident:08x} nxt={next})",
                    usize::from(word >> 3) * 8,
                    if word & 1 == 1 { "y" } else { "n" },
                ));
                if c.end > hend {
                    crate::data(t, hend, c.end);
                }
            }
            return true;
        }
        c.first = false;
        c.nh = next;
        c.at = hend;
    }
}

fn esp(t: &mut Tree<'_>, at: usize, end: usize) {
    t.protocol(&ESP, at, end.saturating_sub(at));
    let (Some(spi), Some(seq)) = (t.rd().u32(at), t.rd().u32(at + 4).filter(|_| end >= at + 8)) else {
        t.truncated(at, "ESP header");
        t.close();
        return;
    };
    t.add_uint(&ESP_SPI, at, 4, u64::from(spi));
    t.add_uint(&ESP_SEQUENCE, at + 4, 4, u64::from(seq));
    if end > at + 8 {
        t.add(&ESP_DATA, at + 8, end - at - 8, Value::Bytes);
    }
    t.close();
    t.set_protocol_column("ESP");
    t.set_info(format_args!("ESP (SPI=0x{spi:08x})"));
}

fn options(t: &mut Tree<'_>, c: &mut Chain, mut at: usize, end: usize) {
    let rd = t.rd();
    while at < end {
        let Some(ty) = rd.u8(at) else { return };
        if ty == 0 {
            let n = t.add(&OPT, at, 1, Value::None);
            t.append(n, format_args!(" Pad1"));
            t.open(n);
            // Wireshark shows a Pad1's type without the action/change/low-bits breakdown.
            t.add_uint(&OPT_TYPE, at, 1, u64::from(ty));
            t.add(&OPT_PAD1, at, 1, Value::None);
            t.close();
            at += 1;
            continue;
        }
        let Some(len) = rd.u8(at + 1).filter(|_| at + 2 <= end) else {
            t.expert(&OPT_LEN_INVALID, at, 1, Some(format_args!("option 0x{ty:02x} has no length octet")));
            return;
        };
        let len = usize::from(len);
        let name = crate::field::val_name(OPT_VALS, u64::from(ty)).unwrap_or("Unknown");
        let n = t.add(&OPT, at, (len + 2).min(end - at), Value::None);
        t.append_with(n, |s| {
            s.push(' ');
            s.push_str(name);
        });
        t.open(n);
        opt_type(t, at, ty);
        t.add_uint(&OPT_LENGTH, at + 1, 1, len as u64);
        let dat = at + 2;
        if dat + len > end {
            t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("length {len}, {} bytes left in the header", end - dat)));
            t.close();
            return;
        }
        match (ty, len) {
            (0x01, _) => {
                t.add(&OPT_PADN, dat, len, Value::Bytes);
            }
            (0x05, 2) => {
                if let Some(v) = rd.u16(dat) {
                    t.add_uint(&OPT_ROUTER_ALERT, dat, 2, u64::from(v));
                }
            }
            (0x04, 1) => {
                if let Some(v) = rd.u8(dat) {
                    t.add_uint(&OPT_TEL, dat, 1, u64::from(v));
                }
            }
            (0xc2, 4) => {
                if let Some(v) = rd.u32(dat) {
                    t.add_uint(&OPT_JUMBO, dat, 4, u64::from(v));
                }
            }
            (0xc9, 16) => {
                let hoa = rd.array::<16>(dat).unwrap_or_default();
                t.add(&OPT_HOME_ADDRESS, dat, 16, Value::Ipv6(hoa));
                t.append_with(n, |s| {
                    s.push_str(": ");
                    crate::format::write_ipv6(s, &hoa);
                });
                // The option's type octet must sit at 8n+6 from the header start.
                if (at - (c.at)) % 8 != 6 {
                    t.expert(&HAO_ALIGNMENT, at, 1, Some(format_args!("at offset {} of the header", at - c.at)));
                }
                // RFC 6275 §6.3: carried in a Destination Options header, at most once; only
                // then does it stand in for the source (checksums, the packet list).
                if c.nh != 60 {
                    t.expert(&HAO_NOT_DSTOPTS, at, 1, None);
                } else if t.pkt.hao.is_some() {
                    t.expert(&HAO_TWICE, at, 1, None);
                } else {
                    c.src = hoa;
                    t.pkt.hao = Some(hoa);
                    // As Wireshark: the packet list shows the home address as the source.
                    t.d.cols.src = Some(Value::Ipv6(hoa));
                }
            }
            (0x05 | 0x04 | 0xc2 | 0xc9, _) => {
                t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("{name} option with length {len}")));
                if len > 0 {
                    t.add(&OPT_UNKNOWN, dat, len, Value::Bytes);
                }
            }
            (t_, _) if t_ & 0x1f == 0x1e => {
                t.add(&OPT_EXPERIMENTAL, dat, len, Value::Bytes);
            }
            _ => {
                if len > 0 {
                    t.add(&OPT_UNKNOWN, dat, len, Value::Bytes);
                }
            }
        }
        t.close();
        at = dat + len;
    }
}

fn opt_type(t: &mut Tree<'_>, at: usize, ty: u8) {
    let n = t.add_uint(&OPT_TYPE, at, 1, u64::from(ty));
    t.open(n);
    for f in [&OPT_TYPE_ACTION, &OPT_TYPE_CHANGE, &OPT_TYPE_REST] {
        t.add_uint(f, at, 1, u64::from(ty));
    }
    t.close();
}

fn routing(t: &mut Tree<'_>, c: &mut Chain, p: usize, hend: usize) -> bool {
    let rd = t.rd();
    let at = c.at;
    // The chain read this header's first 8 octets before calling.
    let Some([ty, segleft]) = rd.array::<2>(at + 2) else { return false };
    t.add_uint(&ROUTING_TYPE, at + 2, 1, u64::from(ty));
    t.add_uint(&ROUTING_SEGLEFT, at + 3, 1, u64::from(segleft));
    let name = crate::field::val_name(RT_VALS, u64::from(ty)).unwrap_or("Unknown");
    t.append_with(p, |s| {
        s.push_str(" (");
        s.push_str(name);
        s.push(')');
    });
    match ty {
        2 => {
            if hend - at != 24 {
                t.expert(&RT2_INVALID, at + 1, 1, Some(format_args!("type 2 header is {} bytes, must be 24", hend - at)));
            }
            t.add(&ROUTING_MIPV6_RESERVED, at + 4, 4, Value::Bytes);
            if let Some(hoa) = rd.array::<16>(at + 8).filter(|_| hend >= at + 24) {
                t.add(&ROUTING_MIPV6_HOME_ADDRESS, at + 8, 16, Value::Ipv6(hoa));
                t.append_with(p, |s| {
                    s.push_str(", Home Address: ");
                    crate::format::write_ipv6(s, &hoa);
                });
                t.pkt.rh2 = Some(hoa);
                // RFC 8200 §8.1: the final address is the destination only while segments are
                // left; with none left, the header's Destination Address already is it.
                if segleft > 0 {
                    c.dst = hoa;
                    t.d.cols.dst = Some(Value::Ipv6(hoa));
                }
            }
            if segleft != 1 {
                t.expert(&RT2_SEGLEFT, at + 3, 1, Some(format_args!("Segments Left is {segleft}")));
            }
        }
        0 => {
            t.add(&ROUTING_SRC_RESERVED, at + 4, 4, Value::Bytes);
            let mut a = at + 8;
            let mut last = None;
            while a + 16 <= hend {
                if let Some(x) = rd.array::<16>(a) {
                    t.add(&ROUTING_SRC_ADDR, a, 16, Value::Ipv6(x));
                    last = Some(x);
                }
                a += 16;
            }
            if let (Some(x), true) = (last, segleft > 0) {
                c.dst = x;
            }
        }
        4 if hend >= at + 8 => {
            // Segment Routing Header (RFC 8754 §2): the segment list is in reverse order, so
            // Segment List[0] is the final destination and the upper-layer pseudo-header's.
            let Some([last, flags]) = rd.array::<2>(at + 4) else { return false };
            t.add_uint(&SRH_LAST_ENTRY, at + 4, 1, u64::from(last));
            t.add_uint(&SRH_FLAGS, at + 5, 1, u64::from(flags));
            t.add(&SRH_TAG, at + 6, 2, Value::Bytes);
            let n = usize::from(last) + 1;
            let mut a = at + 8;
            for i in 0..n {
                let Some(x) = rd.array::<16>(a).filter(|_| a + 16 <= hend) else {
                    t.expert(&RT2_INVALID, at + 4, 1, Some(format_args!("Last Entry {} but only {i} segments fit", n - 1)));
                    break;
                };
                t.add(&SRH_ADDR, a, 16, Value::Ipv6(x));
                if i == 0 && segleft > 0 {
                    c.dst = x;
                }
                a += 16;
            }
            if hend > a {
                t.add(&ROUTING_DATA, a, hend - a, Value::Bytes);
                t.expert(&crate::expert::UNDECODED, a, hend - a, Some(format_args!("SRH TLVs not decoded")));
            }
        }
        _ => {
            if hend > at + 4 {
                t.add(&ROUTING_DATA, at + 4, hend - at - 4, Value::Bytes);
                // RPL (3) and others are compressed or unknown: identified, not decoded, and the
                // pseudo-header keeps the IPv6 destination.
                t.expert(&crate::expert::UNDECODED, at + 4, hend - at - 4, Some(format_args!("routing type {ty} data")));
            }
        }
    }
    false
}

fn fragment(t: &mut Tree<'_>, c: &Chain) -> bool {
    let at = c.at;
    // The chain read this header's 8 octets' presence before calling.
    let (Some(word), Some(id)) = (t.rd().u16(at + 2), t.rd().u32(at + 4)) else { return true };
    t.add_uint(&FRAG_OFFSET, at + 2, 2, u64::from(word));
    t.add_uint(&FRAG_RESERVED_BITS, at + 2, 2, u64::from(word));
    t.add_uint(&FRAG_MORE, at + 2, 2, u64::from(word));
    t.add_uint(&FRAG_IDENT, at + 4, 4, u64::from(id));
    // An atomic fragment (RFC 6946) carries a whole payload; any other is not reassembled.
    word & 0xfff9 != 0
}
