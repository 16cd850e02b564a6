//! Link layers: from a capture's link type to the network layer.
//!
//! Ethernet II (with any stack of 802.1Q / 802.1ad tags), Linux cooked capture v1 and v2,
//! BSD loopback (null), and raw IPv4/IPv6. Each hands the rest of the frame to
//! [`crate::dissect_ethertype`].

use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;

/// pcap/pcapng link-type numbers mipscope dissects.
pub mod linktype {
    pub const NULL: u32 = 0;
    pub const ETHERNET: u32 = 1;
    pub const RAW: u32 = 101;
    pub const LOOP: u32 = 108;
    pub const LINUX_SLL: u32 = 113;
    pub const IPV4: u32 = 228;
    pub const IPV6: u32 = 229;
    pub const LINUX_SLL2: u32 = 276;
}

static ETYPE_VALS: &[(u64, &str)] = &[
    (0x0800, "IPv4"),
    (0x86dd, "IPv6"),
    (0x8100, "802.1Q Virtual LAN"),
    (0x88a8, "802.1ad Provider Bridge (Q-in-Q)"),
    (0x9100, "802.1Q-in-Q (legacy)"),
    (0x0806, "ARP"),
    (0x8863, "PPPoE Discovery"),
    (0x8864, "PPPoE Session"),
];

pub static ETH: FieldDef = FieldDef::new("eth", "Ethernet II", Kind::Protocol);
pub static ETH_DST: FieldDef = FieldDef::new("eth.dst", "Destination", Kind::Ether);
pub static ETH_SRC: FieldDef = FieldDef::new("eth.src", "Source", Kind::Ether);
pub static ETH_ADDR: FieldDef = FieldDef::new("eth.addr", "Address", Kind::Ether);
pub static ETH_TYPE: FieldDef = FieldDef::new("eth.type", "Type", Kind::Uint(2)).hex().vals(ETYPE_VALS);
pub static ETHERTYPE: FieldDef = FieldDef::new("ethertype", "Ethertype", Kind::Protocol);

pub static VLAN: FieldDef = FieldDef::new("vlan", "802.1Q Virtual LAN", Kind::Protocol);
pub static VLAN_PRIORITY: FieldDef = FieldDef::new("vlan.priority", "Priority", Kind::Uint(2)).mask(0xe000);
pub static VLAN_DEI: FieldDef = FieldDef::new("vlan.dei", "DEI", Kind::Bool(2)).mask(0x1000).tfs("Eligible", "Ineligible");
pub static VLAN_ID: FieldDef = FieldDef::new("vlan.id", "ID", Kind::Uint(2)).mask(0x0fff);
pub static VLAN_ETYPE: FieldDef = FieldDef::new("vlan.etype", "Type", Kind::Uint(2)).hex().vals(ETYPE_VALS);

/// An 802.1ad service tag (TPID 0x88a8), which Wireshark dissects as its own protocol.
pub static IEEE8021AD: FieldDef = FieldDef::new("ieee8021ad", "IEEE 802.1ad", Kind::Protocol);
pub static IEEE8021AD_PRIORITY: FieldDef = FieldDef::new("ieee8021ad.priority", "Priority", Kind::Uint(2)).mask(0xe000);
pub static IEEE8021AD_DEI: FieldDef = FieldDef::new("ieee8021ad.dei", "DEI", Kind::Uint(2)).mask(0x1000);
pub static IEEE8021AD_ID: FieldDef = FieldDef::new("ieee8021ad.id", "ID", Kind::Uint(2)).mask(0x0fff);
/// Wireshark files the 802.1ad tag's EtherType under the 802.1ah name.
pub static IEEE8021AD_ETYPE: FieldDef = FieldDef::new("ieee8021ah.etype", "Type", Kind::Uint(2)).hex().vals(ETYPE_VALS);

static SLL_PKTTYPE_VALS: &[(u64, &str)] =
    &[(0, "Unicast to us"), (1, "Broadcast"), (2, "Multicast"), (3, "Unicast to another host"), (4, "Sent by us")];
pub static SLL: FieldDef = FieldDef::new("sll", "Linux cooked capture", Kind::Protocol);
pub static SLL_PKTTYPE: FieldDef = FieldDef::new("sll.pkttype", "Packet type", Kind::Uint(2)).vals(SLL_PKTTYPE_VALS);
pub static SLL_HATYPE: FieldDef = FieldDef::new("sll.hatype", "Link-layer address type", Kind::Uint(2));
pub static SLL_HALEN: FieldDef = FieldDef::new("sll.halen", "Link-layer address length", Kind::Uint(1));
pub static SLL_SRC_ETH: FieldDef = FieldDef::new("sll.src.eth", "Source", Kind::Ether);
pub static SLL_SRC_OTHER: FieldDef = FieldDef::new("sll.src.other", "Source", Kind::Bytes);
pub static SLL_UNUSED: FieldDef = FieldDef::new("sll.unused", "Unused", Kind::Bytes);
pub static SLL_ETYPE: FieldDef = FieldDef::new("sll.etype", "Protocol", Kind::Uint(2)).hex().vals(ETYPE_VALS);
pub static SLL_RESERVED: FieldDef = FieldDef::new("sll.reserved", "Reserved", Kind::Uint(2)).hex();
pub static SLL_IFINDEX: FieldDef = FieldDef::new("sll.ifindex", "Interface index", Kind::Uint(4));

static NULL_FAMILY_VALS: &[(u64, &str)] =
    &[(2, "IP"), (24, "IPv6 (NetBSD/OpenBSD)"), (28, "IPv6 (FreeBSD)"), (30, "IPv6 (Darwin)"), (10, "IPv6 (Linux)")];
pub static NULL: FieldDef = FieldDef::new("null", "Null/Loopback", Kind::Protocol);
pub static NULL_FAMILY: FieldDef = FieldDef::new("null.family", "Family", Kind::Uint(4)).vals(NULL_FAMILY_VALS);

pub static RAW: FieldDef = FieldDef::new("raw", "Raw packet data", Kind::Protocol);

pub static UNSUPPORTED: crate::expert::ExpertDef = crate::expert::ExpertDef::new(
    "frame.linktype.unsupported",
    crate::expert::Group::Undecoded,
    crate::expert::Severity::Note,
    "Link type not dissected",
);

pub static FIELDS: &[&FieldDef] = &[
    &ETH,
    &ETH_DST,
    &ETH_SRC,
    &ETH_ADDR,
    &ETH_TYPE,
    &ETHERTYPE,
    &VLAN,
    &VLAN_PRIORITY,
    &VLAN_DEI,
    &VLAN_ID,
    &VLAN_ETYPE,
    &IEEE8021AD,
    &IEEE8021AD_PRIORITY,
    &IEEE8021AD_DEI,
    &IEEE8021AD_ID,
    &IEEE8021AD_ETYPE,
    &SLL,
    &SLL_PKTTYPE,
    &SLL_HATYPE,
    &SLL_HALEN,
    &SLL_SRC_ETH,
    &SLL_SRC_OTHER,
    &SLL_UNUSED,
    &SLL_ETYPE,
    &SLL_RESERVED,
    &SLL_IFINDEX,
    &NULL,
    &NULL_FAMILY,
    &RAW,
];

/// Dissects a whole frame of the given link type.
pub fn dissect_link(t: &mut Tree<'_>, linktype: u32) {
    let end = t.data.len();
    // A classic pcap header's link-type field carries FCS-length flags in its top bits
    // (LT_LINKTYPE() in libpcap / wiretap keeps the low 26 bits).
    let linktype = linktype & 0x03ff_ffff;
    match linktype {
        linktype::ETHERNET => ethernet(t, 0, end),
        linktype::LINUX_SLL => sll(t, 0, end),
        linktype::LINUX_SLL2 => sll2(t, 0, end),
        linktype::NULL | linktype::LOOP => null(t, 0, end, linktype == linktype::LOOP),
        linktype::RAW => raw(t, 0, end, None),
        linktype::IPV4 => raw(t, 0, end, Some(0x0800)),
        linktype::IPV6 => raw(t, 0, end, Some(0x86dd)),
        other => {
            t.expert(&UNSUPPORTED, 0, end, Some(format_args!("link type {other}")));
            t.set_info(format_args!("Link type {other} not dissected"));
        }
    }
}

/// An Ethernet II header at `off` and what it carries (also the inner frame of VXLAN).
pub fn ethernet(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&ETH, off, 14.min(end.saturating_sub(off)));
    let rd = t.rd();
    let (Some(dst), Some(src), Some(ty)) = (rd.array::<6>(off), rd.array::<6>(off + 6), rd.u16(off + 12)) else {
        t.truncated(off, "Ethernet header");
        t.close();
        return;
    };
    t.append_with(p, |s| {
        s.push_str(", Src: ");
        crate::format::write_ether(s, &src);
        s.push_str(", Dst: ");
        crate::format::write_ether(s, &dst);
    });
    t.add(&ETH_DST, off, 6, Value::Ether(dst));
    let a = t.add(&ETH_ADDR, off, 6, Value::Ether(dst));
    t.hide(a);
    t.add(&ETH_SRC, off + 6, 6, Value::Ether(src));
    let a = t.add(&ETH_ADDR, off + 6, 6, Value::Ether(src));
    t.hide(a);
    t.add_uint(&ETH_TYPE, off + 12, 2, u64::from(ty));
    t.close();
    t.d.cols.src = Some(Value::Ether(src));
    t.d.cols.dst = Some(Value::Ether(dst));
    t.set_protocol_column("Ethernet");
    ethertype(t, ty, off + 14, end);
}

/// Follows an EtherType, unwrapping VLAN tags (802.1Q, 802.1ad, legacy QinQ) in place.
/// Like Wireshark, an `ethertype` layer is listed in `frame.protocols` before every tag and
/// before the network layer.
pub fn ethertype(t: &mut Tree<'_>, mut ty: u16, mut off: usize, end: usize) {
    let mut tags = 0;
    while matches!(ty, 0x8100 | 0x88a8 | 0x9100) {
        tags += 1;
        if tags > 8 {
            t.expert(&crate::expert::DEPTH_LIMIT, off, end.saturating_sub(off), Some(format_args!("more than 8 VLAN tags")));
            return;
        }
        t.d.protocols.push(ETHERTYPE.abbrev);
        let s_tag = ty == 0x88a8;
        let (proto, prio, dei, id, ety) = if s_tag {
            (&IEEE8021AD, &IEEE8021AD_PRIORITY, &IEEE8021AD_DEI, &IEEE8021AD_ID, &IEEE8021AD_ETYPE)
        } else {
            (&VLAN, &VLAN_PRIORITY, &VLAN_DEI, &VLAN_ID, &VLAN_ETYPE)
        };
        let p = t.protocol(proto, off, 4.min(end.saturating_sub(off)));
        let (Some(tci), Some(next)) = (t.rd().u16(off), t.rd().u16(off + 2)) else {
            t.truncated(off, if s_tag { "802.1ad tag" } else { "802.1Q tag" });
            t.close();
            return;
        };
        if s_tag {
            t.append(p, format_args!(", ID: {}", tci & 0x0fff));
        } else {
            t.append(p, format_args!(", PRI: {}, DEI: {}, ID: {}", tci >> 13, (tci >> 12) & 1, tci & 0x0fff));
        }
        t.add_uint(prio, off, 2, u64::from(tci));
        t.add_uint(dei, off, 2, u64::from(tci));
        t.add_uint(id, off, 2, u64::from(tci));
        t.add_uint(ety, off + 2, 2, u64::from(next));
        t.close();
        ty = next;
        off += 4;
    }
    t.d.protocols.push(ETHERTYPE.abbrev);
    crate::dissect_ethertype(t, ty, off, end);
}

fn sll(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&SLL, off, 16.min(end.saturating_sub(off)));
    let rd = t.rd();
    let (Some(pkttype), Some(hatype), Some(halen), Some(proto)) =
        (rd.u16(off), rd.u16(off + 2), rd.u16(off + 4), rd.u16(off + 14))
    else {
        t.truncated(off, "Linux cooked header");
        t.close();
        return;
    };
    t.add_uint(&SLL_PKTTYPE, off, 2, u64::from(pkttype));
    t.add_uint(&SLL_HATYPE, off + 2, 2, u64::from(hatype));
    t.add_uint(&SLL_HALEN, off + 4, 2, u64::from(halen));
    sll_address(t, p, off + 6, hatype, usize::from(halen));
    t.add_uint(&SLL_ETYPE, off + 14, 2, u64::from(proto));
    t.close();
    t.set_protocol_column("SLL");
    ethertype(t, proto, off + 16, end);
}

fn sll_address(t: &mut Tree<'_>, p: usize, at: usize, hatype: u16, halen: usize) {
    let halen = halen.min(8);
    if halen == 6 && matches!(hatype, 1 | 772) {
        if let Some(m) = t.rd().array::<6>(at) {
            t.append(p, format_args!(", Src: {}", MacText(m)));
            t.add(&SLL_SRC_ETH, at, 6, Value::Ether(m));
            t.d.cols.src = Some(Value::Ether(m));
        }
        if halen < 8 {
            t.add(&SLL_UNUSED, at + halen, 8 - halen, Value::Bytes);
        }
    } else if halen > 0 {
        t.add(&SLL_SRC_OTHER, at, halen, Value::Bytes);
        if halen < 8 {
            t.add(&SLL_UNUSED, at + halen, 8 - halen, Value::Bytes);
        }
    } else {
        t.add(&SLL_UNUSED, at, 8, Value::Bytes);
    }
}

fn sll2(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&SLL, off, 20.min(end.saturating_sub(off)));
    t.append(p, format_args!(" v2"));
    let rd = t.rd();
    let (Some(proto), Some(res), Some(ifindex), Some(hatype), Some(pkttype), Some(halen)) =
        (rd.u16(off), rd.u16(off + 2), rd.u32(off + 4), rd.u16(off + 8), rd.u8(off + 10), rd.u8(off + 11))
    else {
        t.truncated(off, "Linux cooked v2 header");
        t.close();
        return;
    };
    t.add_uint(&SLL_ETYPE, off, 2, u64::from(proto));
    t.add_uint(&SLL_RESERVED, off + 2, 2, u64::from(res));
    t.add_uint(&SLL_IFINDEX, off + 4, 4, u64::from(ifindex));
    t.add_uint(&SLL_HATYPE, off + 8, 2, u64::from(hatype));
    t.add_uint(&SLL_PKTTYPE, off + 10, 1, u64::from(pkttype));
    t.add_uint(&SLL_HALEN, off + 11, 1, u64::from(halen));
    sll_address(t, p, off + 12, hatype, usize::from(halen));
    t.close();
    t.set_protocol_column("SLL");
    ethertype(t, proto, off + 20, end);
}

fn null(t: &mut Tree<'_>, off: usize, end: usize, big_endian: bool) {
    t.protocol(&NULL, off, 4.min(end.saturating_sub(off)));
    let Some(arr) = t.rd().array::<4>(off) else {
        t.truncated(off, "loopback header");
        t.close();
        return;
    };
    // DLT_NULL is in the capturing host's byte order; the family is small, so whichever
    // reading gives a small number is right.
    let le = u32::from_le_bytes(arr);
    let be = u32::from_be_bytes(arr);
    let fam = if big_endian || be < le { be } else { le };
    t.add_uint(&NULL_FAMILY, off, 4, u64::from(fam));
    t.close();
    let ty = match fam {
        2 => 0x0800,
        10 | 24 | 28 | 30 => 0x86dd,
        _ => {
            t.set_info(format_args!("Null/Loopback family {fam}"));
            return;
        }
    };
    // Wireshark's null dissector hands the payload straight to IP: no `ethertype` layer.
    crate::dissect_ethertype(t, ty, off + 4, end);
}

fn raw(t: &mut Tree<'_>, off: usize, end: usize, ty: Option<u16>) {
    let linktype_raw = ty.is_none();
    let ty = ty.unwrap_or_else(|| match t.rd().u8(off).map(|b| b >> 4) {
        Some(6) => 0x86dd,
        _ => 0x0800,
    });
    if t.data.len() > off {
        // LINKTYPE_RAW has a `raw` layer of its own in Wireshark; LINKTYPE_IPV4/IPV6 do not.
        if linktype_raw {
            t.protocol(&RAW, off, end - off);
            t.close();
        }
        crate::dissect_ethertype(t, ty, off, end);
    } else {
        t.truncated(off, "raw IP packet");
    }
}

/// Formats a MAC address for labels.
pub struct MacText(pub [u8; 6]);

impl std::fmt::Display for MacText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Hex pairs on the stack: `{:02x}` six times costs several times more.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut buf = [b':'; 17];
        for (i, b) in self.0.iter().enumerate() {
            buf[3 * i] = HEX[usize::from(b >> 4)];
            buf[3 * i + 1] = HEX[usize::from(b & 15)];
        }
        f.write_str(std::str::from_utf8(&buf).unwrap_or(""))
    }
}
