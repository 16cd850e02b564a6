//! ICMPv6 (RFC 4443), with the Mobile IPv6 messages of RFC 6275 §6.5–§6.8 (Home Agent Address
//! Discovery Request/Reply, Mobile Prefix Solicitation/Advertisement) and the invoking packet
//! inside error messages dissected as IPv6.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{Base, FieldDef, Kind, Value};
use crate::tree::Tree;
use crate::{checksum, IpCtx};

static TYPE_VALS: &[(u64, &str)] = &[
    (1, "Destination Unreachable"),
    (2, "Packet Too Big"),
    (3, "Time Exceeded"),
    (4, "Parameter Problem"),
    (128, "Echo (ping) request"),
    (129, "Echo (ping) reply"),
    (130, "Multicast Listener Query"),
    (131, "Multicast Listener Report"),
    (132, "Multicast Listener Done"),
    (133, "Router Solicitation"),
    (134, "Router Advertisement"),
    (135, "Neighbor Solicitation"),
    (136, "Neighbor Advertisement"),
    (137, "Redirect"),
    (143, "Multicast Listener Report Message v2"),
    (144, "Home Agent Address Discovery Request Message"),
    (145, "Home Agent Address Discovery Reply Message"),
    (146, "Mobile Prefix Solicitation"),
    (147, "Mobile Prefix Advertisement"),
];

static OPT_VALS: &[(u64, &str)] = &[
    (1, "Source link-layer address"),
    (2, "Target link-layer address"),
    (3, "Prefix information"),
    (4, "Redirected header"),
    (5, "MTU"),
    (7, "Advertisement Interval"),
    (8, "Home Agent Information"),
];

pub static ICMPV6: FieldDef = FieldDef::new("icmpv6", "Internet Control Message Protocol v6", Kind::Protocol);
pub static TYPE: FieldDef = FieldDef::new("icmpv6.type", "Type", Kind::Uint(1)).vals(TYPE_VALS);
pub static CODE: FieldDef = FieldDef::new("icmpv6.code", "Code", Kind::Uint(1));
pub static CHECKSUM: FieldDef = FieldDef::new("icmpv6.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("icmpv6.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static RESERVED: FieldDef = FieldDef::new("icmpv6.reserved", "Reserved", Kind::Bytes);
pub static DATA: FieldDef = FieldDef::new("icmpv6.data", "Data", Kind::Bytes);
pub static POINTER: FieldDef = FieldDef::new("icmpv6.pointer", "Pointer", Kind::Uint(4));
pub static MTU: FieldDef = FieldDef::new("icmpv6.mtu", "MTU", Kind::Uint(4));
pub static ECHO_ID: FieldDef = FieldDef::new("icmpv6.echo.identifier", "Identifier", Kind::Uint(2)).hex();
pub static ECHO_SEQ: FieldDef = FieldDef::new("icmpv6.echo.sequence_number", "Sequence", Kind::Uint(2));
pub static MIP6_ID: FieldDef = FieldDef::new("icmpv6.mip6.identifier", "Identifier", Kind::Uint(2)).base(Base::DecHex);
pub static MIP6_HA: FieldDef = FieldDef::new("icmpv6.mip6.home_agent_address", "Home Agent Address", Kind::Ipv6);
pub static MIP6_FLAG: FieldDef = FieldDef::new("icmpv6.mip6.flag", "Flags", Kind::Uint(2)).hex();
pub static MIP6_FLAG_R: FieldDef = FieldDef::new("icmpv6.mip6.flag.r", "Mobile Router Support (R)", Kind::Bool(2))
    .mask(0x8000)
    .tfs("Set", "Not set")
    .blurb("Home agents supporting mobile routers wanted / listed (RFC 3963 §7.1, §7.2)");
pub static MIP6_FLAG_R_RSV: FieldDef = FieldDef::new("icmpv6.mip6.flag.r_reserved", "Reserved", Kind::Uint(2)).hex().mask(0x7fff);
pub static MIP6_FLAG_M: FieldDef =
    FieldDef::new("icmpv6.mip6.flag.m", "Managed address configuration", Kind::Bool(2)).mask(0x8000).tfs("Set", "Not set");
pub static MIP6_FLAG_O: FieldDef =
    FieldDef::new("icmpv6.mip6.flag.o", "Other configuration", Kind::Bool(2)).mask(0x4000).tfs("Set", "Not set");
pub static MIP6_FLAG_RSV: FieldDef = FieldDef::new("icmpv6.mip6.flag.rsv", "Reserved", Kind::Uint(2)).mask(0x3fff);
pub static OPT: FieldDef = FieldDef::new("icmpv6.opt", "ICMPv6 Option", Kind::None);
pub static OPT_TYPE: FieldDef = FieldDef::new("icmpv6.opt.type", "Type", Kind::Uint(1)).vals(OPT_VALS);
pub static OPT_LENGTH: FieldDef = FieldDef::new("icmpv6.opt.length", "Length", Kind::Uint(1));
pub static OPT_DATA: FieldDef = FieldDef::new("icmpv6.opt.data", "Option data", Kind::Bytes);
pub static OPT_PREFIX_LEN: FieldDef = FieldDef::new("icmpv6.opt.prefix.length", "Prefix Length", Kind::Uint(1));
pub static OPT_PREFIX_FLAG: FieldDef = FieldDef::new("icmpv6.opt.prefix.flag", "Flag", Kind::Uint(1)).hex();
pub static OPT_PREFIX_L: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.flag.l", "On-link flag(L)", Kind::Bool(1)).mask(0x80).tfs("Set", "Not set");
pub static OPT_PREFIX_A: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", Kind::Bool(1))
        .mask(0x40)
        .tfs("Set", "Not set");
pub static OPT_PREFIX_R: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.flag.r", "Router address flag(R)", Kind::Bool(1)).mask(0x20).tfs("Set", "Not set");
pub static OPT_PREFIX_RSV: FieldDef = FieldDef::new("icmpv6.opt.prefix.flag.reserved", "Reserved", Kind::Uint(1)).mask(0x1f);
pub static OPT_PREFIX_VALID: FieldDef = FieldDef::new("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", Kind::Uint(4));
pub static OPT_PREFIX_PREFERRED: FieldDef =
    FieldDef::new("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", Kind::Uint(4));
pub static OPT_PREFIX: FieldDef = FieldDef::new("icmpv6.opt.prefix", "Prefix", Kind::Ipv6);

pub static BAD_CHECKSUM: ExpertDef =
    ExpertDef::new("icmpv6.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static OPT_LEN_INVALID: ExpertDef =
    ExpertDef::new("icmpv6.invalid_option_length", Group::Malformed, Severity::Error, "Invalid Option Length");

pub static FIELDS: &[&FieldDef] = &[
    &ICMPV6,
    &TYPE,
    &CODE,
    &CHECKSUM,
    &CHECKSUM_CALC,
    &RESERVED,
    &DATA,
    &POINTER,
    &MTU,
    &ECHO_ID,
    &ECHO_SEQ,
    &MIP6_ID,
    &MIP6_HA,
    &MIP6_FLAG,
    &MIP6_FLAG_M,
    &MIP6_FLAG_O,
    &MIP6_FLAG_RSV,
    &MIP6_FLAG_R,
    &MIP6_FLAG_R_RSV,
    &OPT,
    &OPT_TYPE,
    &OPT_LENGTH,
    &OPT_DATA,
    &OPT_PREFIX_LEN,
    &OPT_PREFIX_FLAG,
    &OPT_PREFIX_L,
    &OPT_PREFIX_A,
    &OPT_PREFIX_R,
    &OPT_PREFIX_RSV,
    &OPT_PREFIX_VALID,
    &OPT_PREFIX_PREFERRED,
    &OPT_PREFIX,
];
pub static EXPERTS: &[&ExpertDef] = &[&BAD_CHECKSUM, &OPT_LEN_INVALID];

/// Big-endian u16 at `at`, or 0 past the captured bytes. Callers check lengths first; this
/// keeps a missed check from ever becoming a panic on hostile input.
fn be16(b: &[u8], at: usize) -> u16 {
    match b.get(at..at + 2) {
        Some(s) => u16::from_be_bytes([s[0], s[1]]),
        None => 0,
    }
}

/// Big-endian u32 at `at`, or 0 past the captured bytes (see [`be16`]).
fn be32(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(s) => u32::from_be_bytes([s[0], s[1], s[2], s[3]]),
        None => 0,
    }
}

/// Dissects an ICMPv6 message at `off..end`.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let b = t.data;
    let avail = end.saturating_sub(off);
    let p = t.protocol(&ICMPV6, off, avail);
    t.set_protocol_column("ICMPv6");
    if avail < 4 {
        t.truncated(off, "ICMPv6 header");
        t.close();
        return;
    }
    let (ty, code, csum) = (b[off], b[off + 1], be16(b, off + 2));
    t.add_uint(&TYPE, off, 1, u64::from(ty));
    t.add_uint(&CODE, off + 1, 1, u64::from(code));
    let ck = t.add_uint(&CHECKSUM, off + 2, 2, u64::from(csum));
    // Only a whole message can be checked; ICMPv6 inside an error's invoking packet is cut.
    // ...and only when the IP layer did not find its payload cut short by the capture.
    if end <= t.data.len() && !t.in_error && !t.cut {
        let msg = &b[off..end];
        let pseudo = ip.pseudo_sum(avail as u32, 58);
        if checksum::finish(checksum::sum(msg, pseudo)) != 0 {
            let want = checksum::finish(checksum::sum(&msg[4..], checksum::sum(&msg[..2], pseudo)));
            t.append(ck, format_args!(" [incorrect, should be 0x{want:04x}]"));
            t.open(ck);
            t.add_generated(&CHECKSUM_CALC, off + 2, 2, Value::Uint(u64::from(want)));
            t.close();
            t.expert(&BAD_CHECKSUM, off + 2, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
        } else {
            t.append(ck, format_args!(" [correct]"));
        }
    }
    let name = TYPE.value_name(u64::from(ty)).unwrap_or("Unknown");
    t.append(p, format_args!(": {name}"));
    t.set_info(format_args!("{name}"));
    let body = off + 4;
    let need = |n: usize| end >= body + n;
    match ty {
        1..=4 => {
            if !need(4) {
                t.truncated(body, "ICMPv6 error message");
                t.close();
                return;
            }
            match ty {
                2 => {
                    t.add_uint(&MTU, body, 4, u64::from(be32(b, body)));
                }
                4 => {
                    let ptr = be32(b, body);
                    t.add_uint(&POINTER, body, 4, u64::from(ptr));
                    t.append_info(format_args!(" (pointer {ptr})"));
                }
                _ => {
                    t.add(&RESERVED, body, 4, Value::Bytes);
                }
            }
            if end > body + 4 {
                // The invoking packet: as much of it as fits, never a reason for alarm. Its
                // addresses and messages do not replace this packet's columns (Wireshark makes
                // the columns read-only here too).
                let was = t.in_error;
                let cols = (t.d.cols.src, t.d.cols.dst, t.d.cols.protocol, t.d.cols.info.clone());
                let pkt = t.pkt;
                t.in_error = true;
                t.nesting += 1;
                if t.nesting <= t.prefs.max_nesting {
                    crate::ipv6::dissect(t, body + 4, end);
                } else {
                    t.expert(&crate::expert::DEPTH_LIMIT, body + 4, end - body - 4, None);
                }
                t.nesting -= 1;
                t.in_error = was;
                (t.d.cols.src, t.d.cols.dst, t.d.cols.protocol, t.d.cols.info) = cols;
                t.pkt = pkt;
            }
        }
        128 | 129 => {
            if need(4) {
                t.add_uint(&ECHO_ID, body, 2, u64::from(be16(b, body)));
                t.add_uint(&ECHO_SEQ, body + 2, 2, u64::from(be16(b, body + 2)));
                t.append_info(format_args!(" id=0x{:04x}, seq={}", be16(b, body), be16(b, body + 2)));
                if end > body + 4 {
                    t.add(&DATA, body + 4, end - body - 4, Value::Bytes);
                }
            } else {
                t.truncated(body, "ICMPv6 echo");
            }
        }
        144 | 146 => {
            if need(4) {
                let id = be16(b, body);
                t.add_uint(&MIP6_ID, body, 2, u64::from(id));
                if ty == 144 {
                    mr_flag(t, body + 2);
                } else {
                    t.add(&RESERVED, body + 2, 2, Value::Bytes);
                }
                t.append_info(format_args!(" id={id}"));
                // RFC 6275 §6.7: "may have options", in Neighbor Discovery format.
                if ty == 146 {
                    nd_options(t, body + 4, end);
                }
            } else {
                if need(2) {
                    t.add_uint(&MIP6_ID, body, 2, u64::from(be16(b, body)));
                }
                t.truncated(body, name);
            }
        }
        145 => {
            if need(4) {
                let id = be16(b, body);
                t.add_uint(&MIP6_ID, body, 2, u64::from(id));
                mr_flag(t, body + 2);
                t.append_info(format_args!(" id={id}"));
                let mut at = body + 4;
                while at + 16 <= end {
                    let a: [u8; 16] = b[at..at + 16].try_into().unwrap_or_default();
                    t.add(&MIP6_HA, at, 16, Value::Ipv6(a));
                    t.append_info(format_args!(" {}", crate::wire::Ip6(a)));
                    at += 16;
                }
                if at < end {
                    t.truncated(at, "home agent address");
                }
            } else {
                if need(2) {
                    t.add_uint(&MIP6_ID, body, 2, u64::from(be16(b, body)));
                }
                t.truncated(body, name);
            }
        }
        147 => {
            if need(4) {
                let id = be16(b, body);
                t.add_uint(&MIP6_ID, body, 2, u64::from(id));
                let fl = t.add_uint(&MIP6_FLAG, body + 2, 2, u64::from(be16(b, body + 2)));
                t.open(fl);
                for f in [&MIP6_FLAG_M, &MIP6_FLAG_O, &MIP6_FLAG_RSV] {
                    t.add_uint(f, body + 2, 2, u64::from(be16(b, body + 2)));
                }
                t.close();
                t.append_info(format_args!(" id={id}"));
                nd_options(t, body + 4, end);
            } else {
                if need(2) {
                    t.add_uint(&MIP6_ID, body, 2, u64::from(be16(b, body)));
                }
                t.truncated(body, name);
            }
        }
        _ => {
            if end > body {
                t.add(&DATA, body, end - body, Value::Bytes);
            }
        }
    }
    t.close();
}

/// The 16 bits after the Identifier of a Home Agent Address Discovery Request/Reply: tshark
/// 4.0 calls them `icmpv6.reserved`, but RFC 3963 §7.1/§7.2 give the top bit to the Mobile
/// Router Support flag (R), shown beneath.
fn mr_flag(t: &mut Tree<'_>, at: usize) {
    let w = be16(t.data, at);
    let r = t.add(&RESERVED, at, 2, Value::Bytes);
    t.open(r);
    t.add_uint(&MIP6_FLAG_R, at, 2, u64::from(w));
    t.add_uint(&MIP6_FLAG_R_RSV, at, 2, u64::from(w));
    t.close();
}

/// Neighbor Discovery options (RFC 4861 §4.6), as carried by Mobile Prefix Advertisements.
fn nd_options(t: &mut Tree<'_>, mut at: usize, end: usize) {
    let b = t.data;
    while at + 2 <= end {
        let (ty, len8) = (b[at], usize::from(b[at + 1]));
        let len = len8 * 8;
        let o = t.add(&OPT, at, len.max(2).min(end - at), Value::None);
        let name = OPT_TYPE.value_name(u64::from(ty)).unwrap_or("Unknown");
        t.append(o, format_args!(" ({name})"));
        t.open(o);
        t.add_uint(&OPT_TYPE, at, 1, u64::from(ty));
        t.add_uint(&OPT_LENGTH, at + 1, 1, len8 as u64);
        if len == 0 || at + len > end {
            t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("length {len} bytes, {} left", end - at)));
            t.close();
            return;
        }
        if ty == 3 && len == 32 {
            t.add_uint(&OPT_PREFIX_LEN, at + 2, 1, u64::from(b[at + 2]));
            let f = t.add_uint(&OPT_PREFIX_FLAG, at + 3, 1, u64::from(b[at + 3]));
            t.open(f);
            for d in [&OPT_PREFIX_L, &OPT_PREFIX_A, &OPT_PREFIX_R, &OPT_PREFIX_RSV] {
                t.add_uint(d, at + 3, 1, u64::from(b[at + 3]));
            }
            t.close();
            t.add_uint(&OPT_PREFIX_VALID, at + 4, 4, u64::from(be32(b, at + 4)));
            t.add_uint(&OPT_PREFIX_PREFERRED, at + 8, 4, u64::from(be32(b, at + 8)));
            let pfx: [u8; 16] = b[at + 16..at + 32].try_into().unwrap_or_default();
            t.add(&OPT_PREFIX, at + 16, 16, Value::Ipv6(pfx));
            t.append(o, format_args!(": {}/{}", crate::wire::Ip6(pfx), b[at + 2]));
        } else {
            t.add(&OPT_DATA, at + 2, len - 2, Value::Bytes);
        }
        t.close();
        at += len;
    }
}
