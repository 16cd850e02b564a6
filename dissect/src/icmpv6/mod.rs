//! ICMPv6 (RFC 4443): the header, the checksum, error messages (the invoking packet inside is
//! dissected as IPv6) and echo, then one module per protocol element riding on ICMPv6:
//!
//! * [`nd`]: Neighbor Discovery messages 133–137 (RFC 4861 §4, with RFC 6275 §7's H flag);
//! * [`opt`]: the Neighbor Discovery options (RFC 4861 §4.6, RFC 6275 §7.2–§7.4), shared by
//!   Neighbor Discovery and the Mobile Prefix messages;
//! * [`mld`]: Multicast Listener Discovery v1 (RFC 2710) and v2 (RFC 3810);
//! * [`mip6`]: Mobile IPv6's messages 144–147 (RFC 6275 §6.5–§6.8, RFC 3963 §7).
//!
//! Field names are Wireshark's `icmpv6.*`.

pub mod mip6;
pub mod mld;
pub mod nd;
pub mod opt;

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
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

pub static ICMPV6: FieldDef = FieldDef::new("icmpv6", "Internet Control Message Protocol v6", Kind::Protocol);
pub static TYPE: FieldDef = FieldDef::new("icmpv6.type", "Type", Kind::Uint(1)).vals(TYPE_VALS);
pub static CODE: FieldDef = FieldDef::new("icmpv6.code", "Code", Kind::Uint(1));
pub static CHECKSUM: FieldDef = FieldDef::new("icmpv6.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("icmpv6.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static RESERVED: FieldDef = FieldDef::new("icmpv6.reserved", "Reserved", Kind::Bytes);
pub static DATA: FieldDef = FieldDef::new("icmpv6.data", "Data", Kind::Bytes);
pub static UNKNOWN_DATA: FieldDef = FieldDef::new("icmpv6.unknown_data", "Unknown Data", Kind::Bytes)
    .blurb("Octets after what a message or option defines (e.g. an option longer than its type allows)");
pub static POINTER: FieldDef = FieldDef::new("icmpv6.pointer", "Pointer", Kind::Uint(4));
pub static MTU: FieldDef = FieldDef::new("icmpv6.mtu", "MTU", Kind::Uint(4));
pub static ECHO_ID: FieldDef = FieldDef::new("icmpv6.echo.identifier", "Identifier", Kind::Uint(2)).hex();
pub static ECHO_SEQ: FieldDef = FieldDef::new("icmpv6.echo.sequence_number", "Sequence", Kind::Uint(2));

pub static BAD_CHECKSUM: ExpertDef =
    ExpertDef::new("icmpv6.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static UNKNOWN_DATA_EXPERT: ExpertDef =
    ExpertDef::new("icmpv6.unknown_data.expert", Group::Malformed, Severity::Error, "Unknown Data (not interpreted)");

pub static FIELDS: &[&FieldDef] = &[
    &ICMPV6,
    &TYPE,
    &CODE,
    &CHECKSUM,
    &CHECKSUM_CALC,
    &RESERVED,
    &DATA,
    &UNKNOWN_DATA,
    &POINTER,
    &MTU,
    &ECHO_ID,
    &ECHO_SEQ,
    // Mobile IPv6 (144–147)
    &mip6::ID,
    &mip6::HA,
    &mip6::FLAG,
    &mip6::FLAG_M,
    &mip6::FLAG_O,
    &mip6::FLAG_RSV,
    &mip6::FLAG_R,
    &mip6::FLAG_R_RSV,
    // Neighbor Discovery (133–137)
    &nd::RA_CUR_HOP_LIMIT,
    &nd::RA_FLAG,
    &nd::RA_FLAG_M,
    &nd::RA_FLAG_O,
    &nd::RA_FLAG_H,
    &nd::RA_FLAG_PRF,
    &nd::RA_FLAG_P,
    &nd::RA_FLAG_RSV,
    &nd::RA_ROUTER_LIFETIME,
    &nd::RA_REACHABLE_TIME,
    &nd::RA_RETRANS_TIMER,
    &nd::NS_TARGET,
    &nd::NA_FLAG,
    &nd::NA_FLAG_R,
    &nd::NA_FLAG_S,
    &nd::NA_FLAG_O,
    &nd::NA_FLAG_RSV,
    &nd::NA_TARGET,
    &nd::RD_TARGET,
    &nd::RD_DESTINATION,
    // Neighbor Discovery options
    &opt::OPT,
    &opt::TYPE,
    &opt::LENGTH,
    &opt::RESERVED,
    &opt::LINKADDR,
    &opt::SRC_LINKADDR,
    &opt::TARGET_LINKADDR,
    &opt::PREFIX_LEN,
    &opt::PREFIX_FLAG,
    &opt::PREFIX_FLAG_L,
    &opt::PREFIX_FLAG_A,
    &opt::PREFIX_FLAG_R,
    &opt::PREFIX_FLAG_RSV,
    &opt::PREFIX_VALID,
    &opt::PREFIX_PREFERRED,
    &opt::PREFIX,
    &opt::REDIRECTED_PACKET,
    &opt::MTU,
    &opt::ADV_INTERVAL,
    &opt::HA_PREFERENCE,
    &opt::HA_LIFETIME,
    // Multicast Listener Discovery (130–132, 143)
    &mld::MRD,
    &mld::MULTICAST_ADDRESS,
    &mld::MRC,
    &mld::FLAG,
    &mld::FLAG_S,
    &mld::FLAG_QRV,
    &mld::FLAG_RSV,
    &mld::QQI,
    &mld::NB_SOURCES,
    &mld::SOURCE_ADDRESS,
    &mld::NB_RECORDS,
    &mld::MAR,
    &mld::MAR_TYPE,
    &mld::MAR_AUX_LEN,
    &mld::MAR_NB_SOURCES,
    &mld::MAR_MULTICAST_ADDRESS,
    &mld::MAR_SOURCE_ADDRESS,
    &mld::MAR_AUX_DATA,
];
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_CHECKSUM,
    &UNKNOWN_DATA_EXPERT,
    &opt::LEN_INVALID,
    &opt::UNDECODED,
    &opt::CHECK_PREFIX_LENGTH,
    &opt::CHECK_PREFIX_LIFETIMES,
    &opt::CHECK_HA_INFO_WITHOUT_H,
    &opt::CHECK_HA_LIFETIME_ZERO,
    &nd::CHECK_DAD_SLLA,
    &nd::CHECK_TARGET_MULTICAST,
    &nd::CHECK_NA_SOLICITED_MULTICAST,
    &nd::CHECK_REDIRECT_ADDRESSES,
    &nd::CHECK_HOP_LIMIT,
    &nd::CHECK_CODE,
    &nd::CHECK_RS_UNSPECIFIED_SLLA,
    &nd::CHECK_SOURCE_NOT_LINK_LOCAL,
    &nd::CHECK_PRF_RESERVED,
    &mld::CHECK_QUERY_LENGTH,
    &mld::CHECK_V1_NOT_MULTICAST,
    &mld::CHECK_V2_NOT_MULTICAST,
    &mld::CHECK_ADDITIONAL_DATA,
];

/// The IPv6 source and destination an ICMPv6 message was sent with (after the Home Address
/// option and routing-header substitutions), for the rules that depend on them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Addrs {
    pub src: Option<[u8; 16]>,
    pub dst: Option<[u8; 16]>,
}

impl Addrs {
    fn of(ip: IpCtx) -> Self {
        match ip {
            IpCtx::V6 { src, dst } => Addrs { src: Some(src), dst: Some(dst) },
            IpCtx::V4 { .. } => Addrs { src: None, dst: None },
        }
    }
}

/// Whether `a` is an IPv6 multicast address (ff00::/8, RFC 4291 §2.7).
pub(crate) fn is_multicast(a: &[u8; 16]) -> bool {
    a[0] == 0xff
}

/// Dissects an ICMPv6 message at `off..end`.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let rd = t.rd();
    let avail = end.saturating_sub(off);
    let p = t.protocol(&ICMPV6, off, avail);
    t.set_protocol_column("ICMPv6");
    let Some([ty, code, c0, c1]) = rd.array::<4>(off).filter(|_| avail >= 4) else {
        t.truncated(off, "ICMPv6 header");
        t.close();
        return;
    };
    let csum = u16::from_be_bytes([c0, c1]);
    t.add_uint(&TYPE, off, 1, u64::from(ty));
    t.add_uint(&CODE, off + 1, 1, u64::from(code));
    let ck = t.add_uint(&CHECKSUM, off + 2, 2, u64::from(csum));
    // Only a whole message can be checked; ICMPv6 inside an error's invoking packet is cut.
    // ...and only when the IP layer did not find its payload cut short by the capture.
    if let (Some(msg), false, false) = (rd.slice(off, end), t.in_error, t.cut) {
        let pseudo = ip.pseudo_sum(avail as u32, 58);
        if checksum::finish(checksum::sum(msg, pseudo)) != 0 {
            // Everything but the checksum field (octets 2 and 3; `msg` has at least 4).
            let (before, after) = (msg.get(..2).unwrap_or_default(), msg.get(4..).unwrap_or_default());
            let want = checksum::finish(checksum::sum(after, checksum::sum(before, pseudo)));
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
    let m = Msg { off, body, end, name, addrs: Addrs::of(ip) };
    match ty {
        1..=4 => error(t, ty, body, end),
        128 | 129 => echo(t, body, end),
        130 if avail >= mld::V2_QUERY_MIN => mld::query_v2(t, &m),
        130..=132 => mld::v1(t, &m, ty),
        143 => mld::report_v2(t, &m),
        133 => nd::rs(t, &m),
        134 => nd::ra(t, &m),
        135 => nd::ns(t, &m),
        136 => nd::na(t, &m),
        137 => nd::redirect(t, &m),
        144..=147 => mip6::dissect(t, &m, ty),
        _ => {
            if end > body {
                t.add(&DATA, body, end - body, Value::Bytes);
            }
        }
    }
    if (133..=137).contains(&ty) {
        nd::validity(t, &m, ty, code);
    }
    t.close();
}

/// Where a message sits, for the modules that decode its body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Msg {
    /// Frame offset of the ICMPv6 Type octet.
    pub off: usize,
    /// Frame offset of the first octet after the checksum.
    pub body: usize,
    /// End of the message (never past the captured bytes).
    pub end: usize,
    /// The type's name, for expert texts.
    pub name: &'static str,
    pub addrs: Addrs,
}

/// Error messages (RFC 4443 §3): the 32-bit field, then as much of the invoking packet as fits.
fn error(t: &mut Tree<'_>, ty: u8, body: usize, end: usize) {
    let Some(word) = t.rd().u32(body).filter(|_| end >= body + 4) else {
        t.truncated(body, "ICMPv6 error message");
        return;
    };
    match ty {
        2 => {
            t.add_uint(&MTU, body, 4, u64::from(word));
        }
        4 => {
            let ptr = word;
            t.add_uint(&POINTER, body, 4, u64::from(ptr));
            t.append_info(format_args!(" (pointer {ptr})"));
        }
        _ => {
            t.add(&RESERVED, body, 4, Value::Bytes);
        }
    }
    if end > body + 4 {
        quoted(t, body + 4, end);
    }
}

/// Echo Request/Reply (RFC 4443 §4): Identifier, Sequence Number, then the data, which
/// Wireshark hands to its `data` dissector.
fn echo(t: &mut Tree<'_>, body: usize, end: usize) {
    let (Some(id), Some(seq)) = (t.rd().u16(body), t.rd().u16(body + 2).filter(|_| end >= body + 4)) else {
        t.truncated(body, "ICMPv6 echo");
        return;
    };
    t.add_uint(&ECHO_ID, body, 2, u64::from(id));
    t.add_uint(&ECHO_SEQ, body + 2, 2, u64::from(seq));
    t.append_info(format_args!(" id=0x{id:04x}, seq={seq}"));
    if end > body + 4 {
        crate::data(t, body + 4, end);
    }
}

/// A packet quoted inside an ICMPv6 message (an error's invoking packet, RFC 4443 §3; a
/// Redirected Header's packet, RFC 4861 §4.6.3): dissected as IPv6 as far as it goes, a cut
/// being allowed, and never deeper than `ip.max_nesting`. Its addresses and messages do not
/// replace this packet's columns (Wireshark makes the columns read-only there too), and what
/// it finds cut does not make the rest of the quoting message look cut.
pub(crate) fn quoted(t: &mut Tree<'_>, at: usize, end: usize) {
    if end <= at {
        return;
    }
    let was = (t.in_error, t.cut);
    // The Info text is kept in the frame's text arena (reused), not a new String: no
    // allocation per quoting frame.
    let d = &mut *t.d;
    let info = (d.text.len(), d.cols.info.len());
    d.text.push_str(&d.cols.info);
    let cols = (d.cols.src, d.cols.dst, d.cols.protocol);
    let pkt = t.pkt;
    t.in_error = true;
    t.nesting += 1;
    if t.nesting > t.prefs.max_nesting {
        t.expert(&crate::expert::DEPTH_LIMIT, at, end - at, None);
    } else if t.rd().u8(at).is_some_and(|v| v >> 4 == 6) {
        crate::ipv6::dissect(t, at, end);
    } else {
        // Wireshark's sanity check: what does not start like IPv6 is shown as data.
        crate::data(t, at, end);
    }
    t.nesting -= 1;
    (t.in_error, t.cut) = was;
    let d = &mut *t.d;
    (d.cols.src, d.cols.dst, d.cols.protocol) = cols;
    d.cols.info.clear();
    d.cols.info.push_str(d.text.str_at(info.0, info.1));
    t.pkt = pkt;
}

/// Puts the `n` nodes that follow the last node of `parent` beneath it, as Wireshark shows a
/// flags word's bits under the word (`layout!` adds a field's definitions side by side).
/// Returns the parent's node index, if the tree kept it.
pub(crate) fn nest(t: &mut Tree<'_>, parent: &'static FieldDef, n: usize) -> Option<usize> {
    if t.keeps_no_nodes() {
        return None;
    }
    let nodes = &mut t.d.nodes;
    let i = nodes.iter().rposition(|x| std::ptr::eq(x.def, parent))?;
    let depth = nodes[i].depth;
    for x in nodes.iter_mut().skip(i + 1).take(n) {
        if x.depth == depth {
            x.depth += 1;
        }
    }
    Some(i)
}

/// Appends `, Name` to a flags word's label for every boolean flag set in `raw` (Wireshark's
/// bitmask summary). Only for a full tree.
pub(crate) fn flag_summary(t: &mut Tree<'_>, node: Option<usize>, raw: u64, flags: &[&'static FieldDef]) {
    let Some(i) = node else { return };
    t.append_with(i, |s| {
        for f in flags {
            if raw & f.mask != 0 {
                s.push_str(", ");
                s.push_str(f.name);
            }
        }
    });
}

/// The index of the last node of `def`, if the tree kept one.
pub(crate) fn last_node(t: &Tree<'_>, def: &'static FieldDef) -> Option<usize> {
    if t.keeps_no_nodes() {
        return None;
    }
    t.d.nodes.iter().rposition(|x| std::ptr::eq(x.def, def))
}
