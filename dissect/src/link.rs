//! Link layers: from a capture's link type to the network layer.
//!
//! Ethernet II (with any stack of 802.1Q / 802.1ad tags), Linux cooked capture v1 and v2,
//! BSD loopback (null), and raw IPv4/IPv6. Each hands the rest of the frame to
//! [`crate::dissect_ethertype`].

use crate::field::{FieldDef, Kind, Value};
use crate::model::{Auto, Cut, EmitCx};
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

crate::code_points! {
    /// EtherTypes mipscope meets (IEEE 802 numbers; what Ethernet, VLAN tags, SLL, GRE and
    /// PPP's protocol map to).
    pub enum EtherType: u16 {
        Ipv4 = 0x0800 => "IPv4",
        Ipv6 = 0x86dd => "IPv6",
        Vlan = 0x8100 => "802.1Q Virtual LAN",
        QinQ = 0x88a8 => "802.1ad Provider Bridge (Q-in-Q)",
        QinQLegacy = 0x9100 => "802.1Q-in-Q (legacy)",
        Arp = 0x0806 => "ARP",
        /// RARP (RFC 903) and Dynamic RARP (RFC 1931): ARP's packet, its own EtherType.
        Rarp = 0x8035 => "RARP",
        PppoeDiscovery = 0x8863 => "PPPoE Discovery",
        PppoeSession = 0x8864 => "PPPoE Session",
        /// What GRE (RFC 1701) and NVGRE carry an Ethernet frame as.
        TransparentEthernet = 0x6558 => "Transparent Ethernet bridging",
        /// PPP, as Enhanced GRE carries it (RFC 2637 §4.1; with the Address and Control octets
        /// unless compressed).
        Ppp = 0x880b => "PPP",
        /// RFC 5332; not decoded (a VXLAN-GPE Next Protocol computes from it).
        Mpls = 0x8847 => "MPLS label switched packet",
        /// RFC 8300; not decoded (likewise).
        Nsh = 0x894f => "Network Service Header",
        /// IEEE 802's (IEEE Std 802 §9.2.2): what a crafted frame's EtherType is when nothing
        /// follows to name one.
        LocalExperimental1 = 0x88b5 => "Local Experimental Ethertype 1",
    }
}

impl EtherType {
    /// This EtherType's row of [`EtherType::VALS`], for a table that names some of them.
    pub const fn row(self) -> (u64, &'static str) {
        (
            self.value() as u64,
            match self.name() {
                Some(n) => n,
                None => "",
            },
        )
    }
}

static ETYPE_VALS: &[(u64, &str)] = EtherType::VALS;

pub static ETH: FieldDef = FieldDef::new("eth", "Ethernet II", Kind::Protocol).short("Ethernet");
pub static ETH_DST: FieldDef = FieldDef::new("eth.dst", "Destination", Kind::Ether);
pub static ETH_SRC: FieldDef = FieldDef::new("eth.src", "Source", Kind::Ether);
pub static ETH_ADDR: FieldDef = FieldDef::new("eth.addr", "Address", Kind::Ether);
// Each address's OUI and its two low bits of the first octet (IEEE 802 §8.2), under the
// address as tshark shows them; tshark also files them under the address-neutral names
// (`eth.addr.oui`, `eth.lg`, `eth.ig`), which are aliases here.
pub static ETH_DST_OUI: FieldDef = FieldDef::new("eth.dst.oui", "Destination OUI", Kind::Uint(3)).also(&["eth.addr.oui"]);
pub static ETH_SRC_OUI: FieldDef = FieldDef::new("eth.src.oui", "Source OUI", Kind::Uint(3)).also(&["eth.addr.oui"]);
const LG_TFS: (&str, &str) =
    ("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)");
const IG_TFS: (&str, &str) = ("Group address (multicast/broadcast)", "Individual address (unicast)");
pub static ETH_DST_LG: FieldDef =
    FieldDef::new("eth.dst.lg", "LG bit", Kind::Bool(3)).mask(0x02_0000).tfs(LG_TFS.0, LG_TFS.1).also(&["eth.lg"]);
pub static ETH_DST_IG: FieldDef =
    FieldDef::new("eth.dst.ig", "IG bit", Kind::Bool(3)).mask(0x01_0000).tfs(IG_TFS.0, IG_TFS.1).also(&["eth.ig"]);
pub static ETH_SRC_LG: FieldDef =
    FieldDef::new("eth.src.lg", "LG bit", Kind::Bool(3)).mask(0x02_0000).tfs(LG_TFS.0, LG_TFS.1).also(&["eth.lg"]);
pub static ETH_SRC_IG: FieldDef =
    FieldDef::new("eth.src.ig", "IG bit", Kind::Bool(3)).mask(0x01_0000).tfs(IG_TFS.0, IG_TFS.1).also(&["eth.ig"]);
pub static ETH_PADDING: FieldDef = FieldDef::new("eth.padding", "Padding", Kind::Bytes);
pub static ETH_TRAILER: FieldDef = FieldDef::new("eth.trailer", "Trailer", Kind::Bytes);
/// What follows the packet a VLAN tag carries, in the tag's subtree (tshark's 802.1Q dissector
/// adds it there; the padding keeps Ethernet's name).
pub static VLAN_TRAILER: FieldDef = FieldDef::new("vlan.trailer", "Trailer", Kind::Bytes);
pub static ETH_PADDING_BAD: crate::expert::ExpertDef = crate::expert::ExpertDef::new(
    "eth.padding_bad",
    crate::expert::Group::Protocol,
    crate::expert::Severity::Note,
    "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.",
);
pub static ETH_FCS: FieldDef = FieldDef::new("eth.fcs", "Frame check sequence", Kind::Uint(4)).hex();
pub static ETH_FCS_STATUS: FieldDef = crate::checksum::status_field("eth.fcs.status", "FCS Status");
/// tshark 4.0's names for EtherTypes it names otherwise (filters take them too).
static ETYPE_TSHARK_NAMES: &[(u64, &str)] = &[(0x9100, "QinQ: old non-standard 802.1ad")];

pub static ETH_TYPE: FieldDef =
    FieldDef::new("eth.type", "Type", Kind::Uint(2)).hex().vals(ETYPE_VALS).tshark_names(ETYPE_TSHARK_NAMES);
pub static ETHERTYPE: FieldDef = FieldDef::new("ethertype", "Ethertype", Kind::Protocol).short("Ethertype");

pub static VLAN: FieldDef = FieldDef::new("vlan", "802.1Q Virtual LAN", Kind::Protocol).short("VLAN");
pub static VLAN_PRIORITY: FieldDef =
    FieldDef::new("vlan.priority", "Priority", Kind::Uint(2)).mask(0xe000).vals(VLAN_PRIORITY_VALS);
/// IEEE 802.1Q-2014 Table I-2's traffic types for the eight priorities (no drop eligibility
/// encoded in the priority), as tshark names them by default.
static VLAN_PRIORITY_VALS: &[(u64, &str)] = &[
    (0, "Best Effort (default)"),
    (1, "Background"),
    (2, "Excellent Effort"),
    (3, "Critical Applications"),
    (4, "Video, < 100ms latency and jitter"),
    (5, "Voice, < 10ms latency and jitter"),
    (6, "Internetwork Control"),
    (7, "Network Control"),
];
pub static VLAN_DEI: FieldDef = FieldDef::new("vlan.dei", "DEI", Kind::Bool(2)).mask(0x1000).tfs("Eligible", "Ineligible");
pub static VLAN_ID: FieldDef = FieldDef::new("vlan.id", "ID", Kind::Uint(2)).mask(0x0fff);
pub static VLAN_ETYPE: FieldDef =
    FieldDef::new("vlan.etype", "Type", Kind::Uint(2)).hex().vals(ETYPE_VALS).tshark_names(ETYPE_TSHARK_NAMES);

/// An 802.1ad service tag (TPID 0x88a8), which Wireshark dissects as its own protocol.
pub static IEEE8021AD: FieldDef = FieldDef::new("ieee8021ad", "IEEE 802.1ad", Kind::Protocol).short("IEEE 802.1AD");
pub static IEEE8021AD_PRIORITY: FieldDef = FieldDef::new("ieee8021ad.priority", "Priority", Kind::Uint(2)).mask(0xe000);
pub static IEEE8021AD_DEI: FieldDef = FieldDef::new("ieee8021ad.dei", "DEI", Kind::Uint(2)).mask(0x1000);
pub static IEEE8021AD_ID: FieldDef = FieldDef::new("ieee8021ad.id", "ID", Kind::Uint(2)).mask(0x0fff);
/// Wireshark files the 802.1ad tag's EtherType under the 802.1ah name.
pub static IEEE8021AD_ETYPE: FieldDef =
    FieldDef::new("ieee8021ah.etype", "Type", Kind::Uint(2)).hex().vals(ETYPE_VALS).tshark_names(ETYPE_TSHARK_NAMES);
/// The trailer after what an 802.1ad tag carries (also under the 802.1ah name in Wireshark).
pub static IEEE8021AD_TRAILER: FieldDef = FieldDef::new("ieee8021ah.trailer", "Trailer", Kind::Bytes);

pub static SLL: FieldDef = FieldDef::new("sll", "Linux cooked capture", Kind::Protocol).short("SLL");
pub static SLL_PKTTYPE: FieldDef = FieldDef::new("sll.pkttype", "Packet type", Kind::Uint(2)).vals(SllPktType::VALS);
pub static SLL_HATYPE: FieldDef = FieldDef::new("sll.hatype", "Link-layer address type", Kind::Uint(2)).vals(SLL_HATYPE_VALS);
/// Linux's ARPHRD_* device types (include/uapi/linux/if_arp.h), named as tshark names them.
static SLL_HATYPE_VALS: &[(u64, &str)] = &[
    (0, "NET/ROM pseudo"),
    (1, "Ethernet"),
    (2, "Experimental Ethernet"),
    (3, "AX.25"),
    (4, "ProNET"),
    (5, "Chaos"),
    (6, "IEEE 802"),
    (7, "ARCNET"),
    (8, "Hyperchannel"),
    (9, "Lanstar"),
    (10, "Autonet Short Address"),
    (11, "Localtalk"),
    (12, "LocalNet"),
    (13, "Ultra link"),
    (14, "SMDS"),
    (15, "Frame Relay DLCI"),
    (16, "ATM"),
    (17, "HDLC"),
    (18, "Fibre Channel"),
    (19, "ATM (RFC 2225)"),
    (20, "Serial Line"),
    (21, "ATM"),
    (22, "MIL-STD-188-220"),
    (23, "Metricom STRIP"),
    (24, "IEEE 1394.1995"),
    (25, "MAPOS"),
    (26, "Twinaxial"),
    (27, "EUI-64"),
    (28, "HIPARP"),
    (29, "IP and ARP over ISO 7816-3"),
    (30, "ARPSec"),
    (31, "IPsec tunnel"),
    (32, "InfiniBand"),
    (33, "TIA-102 Project 25 CAI"),
    (34, "Wiegand Interface"),
    (35, "Pure IP"),
    (36, "Experimental 1"),
    (37, "HFI"),
    (256, "Experimental 2"),
    (257, "AEthernet"),
    (260, "Notional KISS type"),
    (264, "ADAPT"),
    (270, "ROSE"),
    (271, "CCITT X.25"),
    (272, "Boards with X.25 in firmware"),
    (280, "Controller Area Network"),
    (512, "PPP"),
    (513, "Cisco HDLC"),
    (516, "LAPB"),
    (517, "Digital's DDCMP protocol"),
    (518, "Raw HDLC"),
    (519, "Raw IP"),
    (768, "IPIP tunnel"),
    (769, "IP6IP6 tunnel"),
    (770, "Frame Relay Access Device"),
    (771, "SKIP vif"),
    (772, "Loopback"),
    (774, "Fiber Distributed Data Interface"),
    (775, "AP1000 BIF"),
    (776, "sit0 device - IPv6-in-IPv4"),
    (777, "IP over DDP tunneller"),
    (778, "GRE over IP"),
    (779, "PIMSM register interface"),
    (780, "High Performance Parallel Interface"),
    (781, "Nexus 64Mbps Ash"),
    (782, "Acorn Econet"),
    (783, "Linux-IrDA"),
    (784, "Point to point fibrechannel"),
    (785, "Fibrechannel arbitrated loop"),
    (786, "Fibrechannel public loop"),
    (787, "Fibrechannel fabric"),
    (800, "Magic type ident for TR"),
    (801, "IEEE 802.11"),
    (802, "IEEE 802.11 + Prism2 header"),
    (803, "IEEE 802.11 + radiotap header"),
    (804, "IEEE 802.15.4"),
    (805, "IEEE 802.15.4 network monitor"),
    (820, "PhoNet media type"),
    (821, "PhoNet pipe header"),
    (822, "CAIF media type"),
    (823, "GRE over IPv6"),
    (824, "Netlink"),
    (825, "IPv6 over LoWPAN"),
    (826, "Vsock monitor header"),
    (65535, "Void type, nothing is known"),
    (65534, "zero header length"),
];
pub static SLL_HALEN: FieldDef = FieldDef::new("sll.halen", "Link-layer address length", Kind::Uint(1));
pub static SLL_SRC_ETH: FieldDef = FieldDef::new("sll.src.eth", "Source", Kind::Ether);
pub static SLL_SRC_OTHER: FieldDef = FieldDef::new("sll.src.other", "Source", Kind::Bytes);
pub static SLL_UNUSED: FieldDef = FieldDef::new("sll.unused", "Unused", Kind::Bytes);
pub static SLL_ETYPE: FieldDef =
    FieldDef::new("sll.etype", "Protocol", Kind::Uint(2)).hex().vals(ETYPE_VALS).tshark_names(ETYPE_TSHARK_NAMES);
/// What follows the packet a Linux cooked header's protocol field introduces (tshark: in the
/// cooked header's subtree, with no FCS, the padding decided on the whole frame as Ethernet's).
pub static SLL_TRAILER: FieldDef = FieldDef::new("sll.trailer", "Trailer", Kind::Bytes);
pub static SLL_RESERVED: FieldDef = FieldDef::new("sll.reserved", "Reserved", Kind::Uint(2)).hex();
pub static SLL_IFINDEX: FieldDef = FieldDef::new("sll.ifindex", "Interface index", Kind::Uint(4));

pub static NULL: FieldDef = FieldDef::new("null", "Null/Loopback", Kind::Protocol).short("Null");
pub static NULL_FAMILY: FieldDef = FieldDef::new("null.family", "Family", Kind::Uint(4)).vals(NullFamily::VALS);

pub static RAW: FieldDef = FieldDef::new("raw", "Raw packet data", Kind::Protocol).short("Raw");

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
    &ETH_DST_OUI,
    &ETH_SRC_OUI,
    &ETH_DST_LG,
    &ETH_DST_IG,
    &ETH_SRC_LG,
    &ETH_SRC_IG,
    &ETH_TYPE,
    &ETH_PADDING,
    &ETH_TRAILER,
    &ETH_FCS,
    &ETH_FCS_STATUS,
    &ETHERTYPE,
    &VLAN,
    &VLAN_PRIORITY,
    &VLAN_DEI,
    &VLAN_ID,
    &VLAN_ETYPE,
    &VLAN_TRAILER,
    &IEEE8021AD,
    &IEEE8021AD_PRIORITY,
    &IEEE8021AD_DEI,
    &IEEE8021AD_ID,
    &IEEE8021AD_ETYPE,
    &IEEE8021AD_TRAILER,
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
    &SLL_TRAILER,
    &NULL,
    &NULL_FAMILY,
    &RAW,
];

/// Dissects a whole frame of the given link type.
/// `fcs_len`: the octets of frame check sequence the capture says end the frame
/// ([`crate::frame::FrameMeta::fcs_len`]).
pub fn dissect_link(t: &mut Tree<'_>, linktype: u32, fcs_len: Option<u8>) {
    let end = t.data.len();
    // A classic pcap header's link-type field carries FCS-length flags in its top bits
    // (LT_LINKTYPE() in libpcap / wiretap keeps the low 26 bits).
    let linktype = linktype & 0x03ff_ffff;
    match linktype {
        linktype::ETHERNET => ethernet_fcs(t, 0, end, fcs_len),
        linktype::LINUX_SLL => sll(t, 0, end),
        linktype::LINUX_SLL2 => sll2(t, 0, end),
        linktype::NULL | linktype::LOOP => null(t, 0, end, linktype == linktype::LOOP),
        linktype::RAW => raw(t, 0, end, None),
        linktype::IPV4 => raw(t, 0, end, Some(EtherType::Ipv4.value())),
        linktype::IPV6 => raw(t, 0, end, Some(EtherType::Ipv6.value())),
        other => {
            t.expert(&UNSUPPORTED, 0, end, Some(format_args!("link type {other}")));
            t.set_info(format_args!("Link type {other} not dissected"));
        }
    }
}

/// An Ethernet II header at `off` and what it carries (also the inner frame of VXLAN), with no
/// FCS length known.
pub fn ethernet(t: &mut Tree<'_>, off: usize, end: usize) {
    ethernet_fcs(t, off, end, None);
}

/// [`ethernet`] with the FCS length the capture gives (the frame's own, at `off` 0): 4, its
/// last four octets are the FCS and not what the frame carries, as tshark takes them; 0, there
/// is none; else tshark's guess ([`trailer`]).
/// Inlined into [`dissect_link`]: one call frame less for every Ethernet frame.
#[inline]
fn ethernet_fcs(t: &mut Tree<'_>, off: usize, end: usize, fcs_len: Option<u8>) {
    let p = t.protocol(&ETH, off, 14.min(end.saturating_sub(off)));
    let Ok(Ethernet { dst, src, ethertype: Auto::Given(ty), .. }) = Ethernet::parse_header(t.bytes(off, end)) else {
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
    // Where what the frame carries ends at the latest: before the FCS length the capture gives
    // (tshark shortens the packet's length on the wire by it, and what was captured to that).
    let wire = t.d.wire_len as usize;
    let body_end = match fcs_len.map(usize::from) {
        Some(n) if n > 0 && off == 0 && wire >= 14 + n => end.min(wire - n),
        _ => end,
    };
    // Nodes only (the packet list keeps none: one test instead of a dozen rows turned away).
    if !t.keeps_no_nodes() {
        address(t, off, dst, [&ETH_DST, &ETH_DST_OUI, &ETH_DST_LG, &ETH_DST_IG]);
        address(t, off + 6, src, [&ETH_SRC, &ETH_SRC_OUI, &ETH_SRC_LG, &ETH_SRC_IG]);
        t.add_uint(&ETH_TYPE, off + 12, 2, u64::from(ty));
    }
    if off == 0 {
        // The one trailer that can be an error (an FCS past the frame's end) always.
        let error = fcs_len == Some(4) && (60..64).contains(&end);
        if error || wants_trailer(t, &ETH_TRAILER) {
            trailer(t, Trailer { ty, payload: 14, body_end, end, fcs_len, trailer: &ETH_TRAILER });
        }
    } else {
        // A frame inside a tunnel (VXLAN, GRE's transparent Ethernet bridging): no FCS.
        link_trailer(t, ty, off + 14, end, &ETH_TRAILER);
    }
    t.close();
    t.d.cols.src = Some(Value::Ether(src));
    t.d.cols.dst = Some(Value::Ether(dst));
    t.set_protocol_column("Ethernet");
    ethertype(t, ty, off + 14, body_end);
}

/// The octets of a captured Ethernet frame after the packet it carries, as tshark reads them
/// (its `add_ethernet_trailer`): padding up to the 60-octet minimum frame, then an FCS (not
/// verified, as tshark by default) and whatever is between as a trailer. The packet starts at
/// `payload`, after the type field of the Ethernet header (`trailer` [`ETH_TRAILER`]) or of
/// the last VLAN tag ([`VLAN_TRAILER`], [`IEEE8021AD_TRAILER`]), and what that layer holds ends
/// at `end`. The packet's own end is known for an IPv4, IPv6 or ARP packet (their lengths say
/// where it ends); any other ends at `body_end`, before the FCS length the capture gives (`end`
/// when it gives none). The FCS is the last four octets when `fcs_len` is 4, none when 0 (a
/// tag's layer: the Ethernet header's took it), else tshark's guess: in a frame of 64 octets or
/// more, the last four. In a frame captured whole.
struct Trailer {
    ty: u16,
    payload: usize,
    body_end: usize,
    end: usize,
    fcs_len: Option<u8>,
    trailer: &'static FieldDef,
}

fn trailer(t: &mut Tree<'_>, tr: Trailer) {
    let Trailer { ty, payload, body_end, end, fcs_len, trailer } = tr;
    let pkt = t.bytes(payload, end);
    let rd = crate::wire::Reader::new(pkt);
    let be16 = |i: usize| rd.u16(i).map(usize::from);
    let len = match EtherType::from(ty) {
        EtherType::Ipv4 => be16(2).filter(|&n| n >= 20),
        // As the IPv6 layer reads it (a Payload Length of 0 may be a jumbogram's, RFC 2675, or
        // the frame's rest).
        EtherType::Ipv6 => match (be16(4), rd.u8(6)) {
            (Some(plen), Some(nh)) => {
                crate::ipv6::payload_length(plen as u16, nh, pkt.get(40..).unwrap_or(&[]), t.prefs).map(|n| n + 40)
            }
            _ => None,
        },
        EtherType::Arp | EtherType::Rarp => rd.array::<2>(4).map(|[h, p]| 8 + 2 * usize::from(h) + 2 * usize::from(p)),
        _ => None,
    };
    let given = fcs_len == Some(4) && body_end < end;
    let shortened = (body_end < end).then_some(body_end);
    let Some(payload_end) = len.map(|n| payload + n).filter(|&e| e < body_end).or(shortened) else { return };
    if t.snapped() {
        return;
    }
    // Padding up to the 60-octet minimum frame, decided on the whole frame as tshark does: the
    // frame's length less the octets after the packet up to `end`. That is where the packet
    // ends, except after a tag when the capture gives an FCS: the Ethernet header's layer took
    // those four octets, and they still count (tshark's `pkt_len`), so the padding is four
    // octets shorter and may reach a given FCS's octets at the Ethernet header's layer.
    // The frame's own length: after IP reassembly `t.data` holds the reassembled payload too.
    let frame_len = t.d.wire_len.max(t.d.cap_len) as usize;
    let before = frame_len.saturating_sub(end - payload_end);
    let mut padding = if frame_len >= 60 && before < 60 { (60 - before).min(end - payload_end) } else { 0 };
    // Padding is zeros (IEEE 802.3 leaves its content open, but senders zero it): tshark takes
    // octets that are not as a trailer, with a note.
    let odd = t.bytes(payload_end, payload_end + padding).iter().any(|&b| b != 0);
    if odd {
        padding = 0;
    }
    // What follows the padding: a trailer, then the FCS.
    let after = end - payload_end - padding;
    let (rest, fcs) = if given {
        match after.checked_sub(4) {
            Some(rest) => (rest, true),
            None => {
                // A frame of 60 to 63 octets whose zeros pad it to 60: the FCS the capture says
                // ends it would lie past its end (tshark: Malformed Packet).
                t.add(&ETH_PADDING, payload_end, padding, Value::Bytes);
                let why = format_args!("Frame check sequence past the frame's end: padding reaches octet 60 of {end}");
                t.expert(&crate::expert::MALFORMED, payload_end, end - payload_end, Some(why));
                return;
            }
        }
    } else {
        let guess = fcs_len != Some(0) && end >= 64 && after >= 4;
        (after - if guess { 4 } else { 0 }, guess)
    };
    if padding > 0 {
        t.add(&ETH_PADDING, payload_end, padding, Value::Bytes);
    }
    if rest > 0 {
        let n = t.add(trailer, payload_end + padding, rest, Value::Bytes);
        if odd {
            // Under the trailer, raised by the EtherType layer, as tshark's (whose ethertype
            // dissector looks at the trailer for Ethernet and for each VLAN tag).
            t.open(n);
            let proto = std::mem::replace(&mut t.d.last_protocol, ETHERTYPE.abbrev);
            t.expert(&ETH_PADDING_BAD, payload_end, rest, None);
            t.d.last_protocol = proto;
            t.close();
        }
    }
    if let Some(v) = fcs.then(|| t.rd().u32(end - 4)).flatten() {
        let n = t.add_uint(&ETH_FCS, end - 4, 4, u64::from(v));
        t.append(n, format_args!(" [unverified]"));
        t.add_generated(&ETH_FCS_STATUS, end - 4, 0, Value::Uint(crate::checksum::status::UNVERIFIED));
    }
}

/// Whether [`trailer`] runs: its nodes are kept (or an expert item is wanted: `-e _ws.expert`,
/// `-z expert`, the note of a trailer that is not zeros).
fn wants_trailer(t: &Tree<'_>, trailer: &'static FieldDef) -> bool {
    use crate::tree::{WS_EXPERT, WS_EXPERT_GROUP, WS_EXPERT_MESSAGE, WS_EXPERT_SEVERITY};
    let rows = [&ETH_PADDING, trailer, &ETH_FCS, &ETH_FCS_STATUS, &ETH_PADDING_BAD.field];
    let experts = [&WS_EXPERT, &WS_EXPERT_MESSAGE, &WS_EXPERT_SEVERITY, &WS_EXPERT_GROUP];
    !t.keeps_no_nodes() && (t.wants_any(&rows) || t.wants_any(&experts))
}

/// [`trailer`] for a layer with no FCS (a cooked header, a VLAN tag, a tunnelled Ethernet
/// frame) whose type field `ty` introduces the packet at `payload`, what the layer holds ending
/// at `end`; after the layer's last field, in its subtree. Nothing when a VLAN tag follows:
/// the last tag's subtree takes it.
fn link_trailer(t: &mut Tree<'_>, ty: u16, payload: usize, end: usize, def: &'static FieldDef) {
    if Tpid::of(ty).is_none() && wants_trailer(t, def) {
        trailer(t, Trailer { ty, payload, body_end: end, end, fcs_len: Some(0), trailer: def });
    }
}

/// A MAC address at `off` as tshark shows it: the address, then under it its OUI (hidden),
/// `eth.addr`, and the LG and IG bits of its first octet. `defs`: address, OUI, LG, IG.
fn address(t: &mut Tree<'_>, off: usize, mac: [u8; 6], defs: [&'static FieldDef; 4]) {
    let [addr, oui, lg, ig] = defs;
    if !t.wants_any(&[addr, oui, &ETH_ADDR, lg, ig]) {
        return;
    }
    let n = t.add(addr, off, 6, Value::Ether(mac));
    t.open(n);
    let first3 = u64::from(u32::from_be_bytes([0, mac[0], mac[1], mac[2]]));
    let o = t.add_uint(oui, off, 3, first3);
    t.hide(o);
    t.add(&ETH_ADDR, off, 6, Value::Ether(mac));
    t.add_uint(lg, off, 3, first3);
    t.add_uint(ig, off, 3, first3);
    t.close();
}

/// Follows an EtherType, unwrapping VLAN tags (802.1Q, 802.1ad, legacy QinQ) in place with the
/// owned forms' walk ([`VlanWalk`]). Like Wireshark, an `ethertype` layer is listed in
/// `frame.protocols` before every tag and before the network layer.
#[inline]
pub fn ethertype(t: &mut Tree<'_>, ty: u16, off: usize, end: usize) {
    // No tag (nearly every frame): the walk would take no step, and its set-up and the call
    // around it cost ~30 instructions a frame.
    if Tpid::of(ty).is_none() {
        t.note_protocol(ETHERTYPE.abbrev);
        crate::dissect_ethertype(t, ty, off, end);
        return;
    }
    tagged(t, ty, off, end);
}

/// [`ethertype`] for a type that is a TPID: the tags, then the payload.
#[inline(never)]
fn tagged(t: &mut Tree<'_>, ty: u16, off: usize, end: usize) {
    let mut walk = VlanWalk::new(ty, t.bytes(off, end), 0);
    for step in walk.by_ref() {
        let (rel, tag) = match step {
            Ok(v) => v,
            Err((rel, TagStop::TooMany)) => {
                let at = off + rel;
                t.expert(&crate::expert::DEPTH_LIMIT, at, end.saturating_sub(at), Some(format_args!("more than 8 VLAN tags")));
                return;
            }
            Err((rel, TagStop::Cut(tpid))) => {
                let at = off + rel;
                t.note_protocol(ETHERTYPE.abbrev);
                let s_tag = tpid == Tpid::Dot1Ad;
                t.protocol(if s_tag { &IEEE8021AD } else { &VLAN }, at, 4.min(end.saturating_sub(at)));
                t.truncated(at, if s_tag { "802.1ad tag" } else { "802.1Q tag" });
                t.close();
                return;
            }
        };
        let at = off + rel;
        t.note_protocol(ETHERTYPE.abbrev);
        let s_tag = tag.tpid == Tpid::Dot1Ad;
        let (proto, prio, dei, id, ety) = if s_tag {
            (&IEEE8021AD, &IEEE8021AD_PRIORITY, &IEEE8021AD_DEI, &IEEE8021AD_ID, &IEEE8021AD_ETYPE)
        } else {
            (&VLAN, &VLAN_PRIORITY, &VLAN_DEI, &VLAN_ID, &VLAN_ETYPE)
        };
        let p = t.protocol(proto, at, 4.min(end.saturating_sub(at)));
        if s_tag {
            t.append(p, format_args!(", ID: {}", tag.vid));
        } else {
            t.append(p, format_args!(", PRI: {}, DEI: {}, ID: {}", tag.pcp, u8::from(tag.dei), tag.vid));
            // tshark's Info for a tagged frame, until what it carries says more.
            t.set_info(format_args!("PRI: {}  DEI: {}  ID: {}", tag.pcp, u8::from(tag.dei), tag.vid));
        }
        let tci = u64::from(tag.tci());
        t.add_uint(prio, at, 2, tci);
        t.add_uint(dei, at, 2, tci);
        t.add_uint(id, at, 2, tci);
        // The type field after this tag (the next TPID, or the payload's EtherType).
        let next = t.rd().u16(at + 2).unwrap_or_default();
        t.add_uint(ety, at + 2, 2, u64::from(next));
        // The last tag's subtree ends with what follows the packet it carries, as tshark's
        // (whose 802.1Q and 802.1ad dissectors add it there, with no FCS: the Ethernet layer's).
        link_trailer(t, next, at + 4, end, if s_tag { &IEEE8021AD_TRAILER } else { &VLAN_TRAILER });
        t.close();
    }
    t.note_protocol(ETHERTYPE.abbrev);
    crate::dissect_ethertype(t, walk.ethertype(), off + walk.offset(), end);
}

fn sll(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&SLL, off, 16.min(end.saturating_sub(off)));
    // The header as the owned form reads it; the tags after it are walked by `ethertype`.
    let Ok(s) = Sll::parse_header(t.bytes(off, end)) else {
        t.truncated(off, "Linux cooked header");
        t.close();
        return;
    };
    let proto = s.protocol.given().unwrap_or_default();
    t.add_uint(&SLL_PKTTYPE, off, 2, u64::from(u16::from(s.pkttype)));
    t.add_uint(&SLL_HATYPE, off + 2, 2, u64::from(s.hatype));
    t.add_uint(&SLL_HALEN, off + 4, 2, u64::from(s.halen));
    sll_address(t, p, off + 6, s.hatype, usize::from(s.halen));
    t.add_uint(&SLL_ETYPE, off + 14, 2, u64::from(proto));
    link_trailer(t, proto, off + 16, end, &SLL_TRAILER);
    t.close();
    t.set_protocol_column("SLL");
    // tshark's Info for a cooked frame, until what it carries says more.
    match s.pkttype.name() {
        Some(name) => t.set_info(format_args!("{name}")),
        None => t.set_info(format_args!("Unknown ({})", u16::from(s.pkttype))),
    }
    ethertype(t, proto, off + 16, end);
}

fn sll2(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&SLL, off, 20.min(end.saturating_sub(off)));
    t.append(p, format_args!(" v2"));
    // The fields before the address are enough to annotate (`sll_address` shows what of the
    // address is there): the owned form reads them from a copy whose missing address octets
    // are zeros.
    let bytes = t.bytes(off, end);
    let mut h = [0u8; Sll2::LEN];
    let n = bytes.len().min(Sll2::LEN);
    h[..n].copy_from_slice(&bytes[..n]);
    let (true, Ok(s)) = (n >= 12, Sll2::parse_header(&h)) else {
        t.truncated(off, "Linux cooked v2 header");
        t.close();
        return;
    };
    let proto = s.protocol.given().unwrap_or_default();
    t.add_uint(&SLL_ETYPE, off, 2, u64::from(proto));
    t.add_uint(&SLL_RESERVED, off + 2, 2, u64::from(s.reserved));
    t.add_uint(&SLL_IFINDEX, off + 4, 4, u64::from(s.ifindex));
    t.add_uint(&SLL_HATYPE, off + 8, 2, u64::from(s.hatype));
    t.add_uint(&SLL_PKTTYPE, off + 10, 1, u64::from(u16::from(s.pkttype)));
    t.add_uint(&SLL_HALEN, off + 11, 1, u64::from(s.halen));
    sll_address(t, p, off + 12, s.hatype, usize::from(s.halen));
    link_trailer(t, proto, off + 20, end, &SLL_TRAILER);
    t.close();
    t.set_protocol_column("SLL");
    ethertype(t, proto, off + 20, end);
}

fn null(t: &mut Tree<'_>, off: usize, end: usize, big_endian: bool) {
    t.protocol(&NULL, off, 4.min(end.saturating_sub(off)));
    let Ok((n, _)) = Null::parse(t.bytes(off, end), big_endian) else {
        t.truncated(off, "loopback header");
        t.close();
        return;
    };
    let fam = n.family.given().unwrap_or(NullFamily::Unknown(0));
    t.add_uint(&NULL_FAMILY, off, 4, u64::from(u32::from(fam)));
    t.close();
    let Some(ty) = fam.ethertype() else {
        t.set_info(format_args!("Null/Loopback family {}", u32::from(fam)));
        return;
    };
    // Wireshark's null dissector hands the payload straight to IP (no `ethertype` layer): its
    // generic `ip` for AF_INET, IPv6 for the AF_INET6s; the address columns say "N/A" until
    // one is read.
    (t.d.cols.src, t.d.cols.dst) = (Some(Value::None), Some(Value::None));
    crate::dissect_tunnelled_ip(t, ty == EtherType::Ipv6.value(), off + 4, end);
}

fn raw(t: &mut Tree<'_>, off: usize, end: usize, ty: Option<u16>) {
    let linktype_raw = ty.is_none();
    let ty = ty.or_else(|| RawIp::ethertype(t.bytes(off, end)));
    if t.data.len() > off {
        // LINKTYPE_RAW has a `raw` layer of its own in Wireshark; LINKTYPE_IPV4/IPV6 do not.
        if linktype_raw {
            t.protocol(&RAW, off, end - off);
            t.close();
            // tshark's raw dissector fills every column with "N/A" until IP sets its own.
            (t.d.cols.src, t.d.cols.dst) = (Some(Value::None), Some(Value::None));
        }
        match ty {
            // LINKTYPE_IPV4 and LINKTYPE_IPV6: tshark's generic `ip`, and IPv6 with nothing after
            // a packet it refuses.
            Some(ty) if !linktype_raw && ty == EtherType::Ipv4.value() => crate::ipv4::dissect_any(t, off, end),
            Some(_) if !linktype_raw => {
                crate::ipv6::dissect(t, off, end);
            }
            Some(ty) => crate::dissect_ethertype(t, ty, off, end),
            None => {
                // Neither version 4 nor 6: tshark's raw dissector shows the octets as data.
                t.set_protocol_column("N/A");
                t.set_info(format_args!("Raw packet data"));
                crate::data(t, off, end);
            }
        }
    } else {
        t.truncated(off, "raw IP packet");
    }
}

crate::code_points! {
    /// The Linux link-layer address types (`ARPHRD_*`, `<linux/if_arp.h>`) whose addresses an
    /// SLL header shows as MACs; Linux numbers Ethernet as IANA's hardware type
    /// ([`crate::arp::HwType::Ethernet`]) and loopback on its own (not shown by name: tshark's
    /// `sll.hatype` table is not carried).
    pub enum SllHaType: u16 {
        Ether = 1 => "Ethernet",
        Loopback = 772 => "Loopback",
    }
}

/// The size of a MAC address.
const MAC_LEN: usize = 6;

fn sll_address(t: &mut Tree<'_>, p: usize, at: usize, hatype: u16, halen: usize) {
    let halen = halen.min(8);
    if halen == MAC_LEN && matches!(SllHaType::from(hatype), SllHaType::Ether | SllHaType::Loopback) {
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

crate::code_points! {
    /// Tag Protocol Identifiers: the EtherTypes that introduce a VLAN tag (IEEE 802.1Q).
    pub enum Tpid: u16 {
        /// A customer tag (C-tag).
        Dot1Q = 0x8100 => "802.1Q Virtual LAN",
        /// A service tag (S-tag).
        Dot1Ad = 0x88a8 => "802.1ad Provider Bridge (Q-in-Q)",
        /// The pre-standard Q-in-Q outer tag.
        QinQ = 0x9100 => "802.1Q-in-Q (legacy)",
    }
}

impl Tpid {
    /// The TPID an EtherType is, if it introduces a tag.
    pub fn of(ty: u16) -> Option<Tpid> {
        match Tpid::from(ty) {
            Tpid::Unknown(_) => None,
            t => Some(t),
        }
    }
}

/// One VLAN tag (IEEE 802.1Q §9.6): its TPID and the Tag Control Information's parts. The TCI's
/// 16 bits are exactly PCP, DEI and VID, so nothing is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VlanTag {
    pub tpid: Tpid,
    /// Priority Code Point (3 bits).
    pub pcp: u8,
    /// Drop Eligible Indicator.
    pub dei: bool,
    /// VLAN Identifier (12 bits).
    pub vid: u16,
}

impl Default for VlanTag {
    fn default() -> Self {
        VlanTag { tpid: Tpid::Dot1Q, pcp: 0, dei: false, vid: 0 }
    }
}

impl VlanTag {
    /// The tag with TPID `tpid` and TCI `tci`.
    pub const fn from_tci(tpid: Tpid, tci: u16) -> Self {
        VlanTag { tpid, pcp: (tci >> 13) as u8, dei: tci & 0x1000 != 0, vid: tci & 0x0fff }
    }
    /// The Tag Control Information word.
    pub const fn tci(&self) -> u16 {
        ((self.pcp as u16 & 7) << 13) | ((self.dei as u16) << 12) | (self.vid & 0x0fff)
    }
}

/// How many VLAN tags the link layer unwraps (more is reported as too deep, as the dissector
/// does, and cannot be parsed into the owned form).
pub const MAX_VLAN_TAGS: usize = 8;

/// The stack of VLAN tags after a link header, outermost first (at most [`MAX_VLAN_TAGS`]);
/// `Copy`, so parsing it allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VlanTags {
    n: u8,
    tags: [VlanTag; MAX_VLAN_TAGS],
}

impl VlanTags {
    /// No tags.
    pub const NONE: VlanTags =
        VlanTags { n: 0, tags: [VlanTag { tpid: Tpid::Dot1Q, pcp: 0, dei: false, vid: 0 }; MAX_VLAN_TAGS] };

    /// The tags of `tags`, or `None` when there are more than [`MAX_VLAN_TAGS`].
    pub fn from_slice(tags: &[VlanTag]) -> Option<Self> {
        let mut v = VlanTags::NONE;
        for t in tags {
            v.push(*t).ok()?;
        }
        Some(v)
    }
    /// Adds an inner tag; an error when the stack is full.
    pub fn push(&mut self, t: VlanTag) -> Result<(), VlanTag> {
        let slot = self.tags.get_mut(usize::from(self.n)).ok_or(t)?;
        *slot = t;
        self.n += 1;
        Ok(())
    }
    pub fn as_slice(&self) -> &[VlanTag] {
        &self.tags[..usize::from(self.n)]
    }
    pub fn len(&self) -> usize {
        usize::from(self.n)
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
    /// Appends the tags and the EtherType after them (each tag's TPID is the type field before
    /// its TCI, so the first TPID replaces the link header's own type field: call this for
    /// that field).
    fn emit(&self, ethertype: u16, out: &mut Vec<u8>) {
        for t in self.as_slice() {
            out.extend_from_slice(&u16::from(t.tpid).to_be_bytes());
            out.extend_from_slice(&t.tci().to_be_bytes());
        }
        out.extend_from_slice(&ethertype.to_be_bytes());
    }
}

/// Why the VLAN tag walk stopped short: a tag cut by the end of the octets (its TPID) or one
/// tag more than [`MAX_VLAN_TAGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagStop {
    Cut(Tpid),
    TooMany,
}

/// The walk over VLAN tags: from the type field before them, each tag (its offset in the
/// octets walked, the tag, the type field after it) until a type that is not a TPID. The
/// dissector annotates from it and the owned forms parse with it.
#[derive(Debug, Clone)]
pub struct VlanWalk<'a> {
    i: &'a [u8],
    at: usize,
    ty: u16,
    n: usize,
    done: bool,
}

impl<'a> VlanWalk<'a> {
    /// Tags from `i[at..]`, the type field before them being `ty`.
    pub const fn new(ty: u16, i: &'a [u8], at: usize) -> Self {
        VlanWalk { i, at, ty, n: 0, done: false }
    }
    /// The type field after the last tag walked (the payload's EtherType once the walk ends).
    pub const fn ethertype(&self) -> u16 {
        self.ty
    }
    /// Where the next tag (or the payload) starts.
    pub const fn offset(&self) -> usize {
        self.at
    }
    /// Walks every tag: the tags, the payload's EtherType and where the payload starts.
    pub fn collect_tags(mut self) -> Result<(VlanTags, u16, usize), Cut> {
        let mut tags = VlanTags::NONE;
        for step in self.by_ref() {
            match step {
                Ok((_, t)) => tags.push(t).map_err(|_| Cut::new(0, "VLAN tags"))?,
                Err((at, TagStop::TooMany)) => return Err(Cut::new(at, "more than 8 VLAN tags")),
                Err((at, TagStop::Cut(_))) => return Err(Cut::new(at, "VLAN tag")),
            }
        }
        Ok((tags, self.ty, self.at))
    }
}

impl Iterator for VlanWalk<'_> {
    type Item = Result<(usize, VlanTag), (usize, TagStop)>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let tpid = Tpid::of(self.ty)?;
        let at = self.at;
        self.n += 1;
        if self.n > MAX_VLAN_TAGS {
            self.done = true;
            return Some(Err((at, TagStop::TooMany)));
        }
        let Some(&[a, b, c, d]) = self.i.get(at..at + 4) else {
            self.done = true;
            return Some(Err((at, TagStop::Cut(tpid))));
        };
        self.ty = u16::from_be_bytes([c, d]);
        self.at = at + 4;
        Some(Ok((at, VlanTag::from_tci(tpid, u16::from_be_bytes([a, b])))))
    }
}

/// A payload EtherType left to be computed: the next element's, or IEEE 802's Local
/// Experimental when nothing says.
fn next_ethertype(given: Auto<u16>, cx: &EmitCx) -> u16 {
    given.or_else(|| cx.next_ethertype.unwrap_or(EtherType::LocalExperimental1.value()))
}

/// An Ethernet II header (IEEE 802.3 §3.2.6 with the Ethernet II type field) with its VLAN
/// tags, owned and lossless. The dissector parses with this definition and annotates the tree
/// from it. Ethernet padding and an FCS are not shown by the dissector; the element whose
/// length frames the payload keeps them (e.g. [`crate::ipv4::Ipv4::trailer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ethernet {
    pub dst: [u8; 6],
    pub src: [u8; 6],
    pub tags: VlanTags,
    /// The payload's EtherType (after the tags): `EmitCx::next_ethertype` unless given.
    pub ethertype: Auto<u16>,
}

impl Ethernet {
    /// Octets before the tags.
    pub const LEN: usize = 14;

    /// The 14 octets before any tag, the type field (a TPID when tagged) as `ethertype`.
    pub fn parse_header(i: &[u8]) -> Result<Ethernet, Cut> {
        // Every frame's header (hot): `h` is an array, so its constant indices are checked when compiled.
        let Some(h) = i.first_chunk::<14>() else { return Err(Cut::new(0, "Ethernet header")) };
        let mut dst = [0; 6];
        let mut src = [0; 6];
        dst.copy_from_slice(&h[..6]);
        src.copy_from_slice(&h[6..12]);
        Ok(Ethernet { dst, src, tags: VlanTags::NONE, ethertype: Auto::Given(u16::from_be_bytes([h[12], h[13]])) })
    }
    /// Parses the header and its tags from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(Ethernet, usize), Cut> {
        let mut e = Self::parse_header(i)?;
        let (tags, ty, len) = VlanWalk::new(e.ethertype.given().unwrap_or_default(), i, Self::LEN).collect_tags()?;
        (e.tags, e.ethertype) = (tags, Auto::Given(ty));
        Ok((e, len))
    }
    /// Octets of the header `emit` writes.
    pub fn header_len(&self) -> usize {
        Self::LEN + 4 * self.tags.len()
    }
    /// Appends the header, its tags and `payload`.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.dst);
        out.extend_from_slice(&self.src);
        self.tags.emit(next_ethertype(self.ethertype, cx), out);
        out.extend_from_slice(payload);
    }
}

crate::code_points! {
    /// Linux cooked capture packet types (`PACKET_*`, linux/if_packet.h).
    pub enum SllPktType: u16 {
        Host = 0 => "Unicast to us",
        Broadcast = 1 => "Broadcast",
        Multicast = 2 => "Multicast",
        OtherHost = 3 => "Unicast to another host",
        Outgoing = 4 => "Sent by us",
    }
}

/// A Linux cooked capture header, v1 (LINKTYPE_LINUX_SLL, 16 octets) with any VLAN tags after
/// it, owned and lossless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sll {
    pub pkttype: SllPktType,
    /// ARPHRD_ type of the link-layer address.
    pub hatype: u16,
    /// How many of `addr`'s octets are the address (as captured; not derived from `addr`).
    pub halen: u16,
    /// The address field: always 8 octets, the unused ones kept as they were.
    pub addr: [u8; 8],
    pub tags: VlanTags,
    /// The payload's EtherType (after the tags): `EmitCx::next_ethertype` unless given.
    pub protocol: Auto<u16>,
}

impl Sll {
    pub const LEN: usize = 16;

    /// The 16 octets before any tag, the type field (a TPID when tagged) as `protocol`.
    pub fn parse_header(i: &[u8]) -> Result<Sll, Cut> {
        let Some(h) = i.first_chunk::<16>() else { return Err(Cut::new(0, "Linux cooked header")) };
        let &[p0, p1, t0, t1, l0, l1, a0, a1, a2, a3, a4, a5, a6, a7, e0, e1] = h;
        let w = |a, b| u16::from_be_bytes([a, b]);
        let addr = [a0, a1, a2, a3, a4, a5, a6, a7];
        Ok(Sll {
            pkttype: w(p0, p1).into(),
            hatype: w(t0, t1),
            halen: w(l0, l1),
            addr,
            tags: VlanTags::NONE,
            protocol: Auto::Given(w(e0, e1)),
        })
    }
    /// Parses the header and its tags from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(Sll, usize), Cut> {
        let mut s = Self::parse_header(i)?;
        let (tags, ty, len) = VlanWalk::new(s.protocol.given().unwrap_or_default(), i, Self::LEN).collect_tags()?;
        (s.tags, s.protocol) = (tags, Auto::Given(ty));
        Ok((s, len))
    }
    /// Appends the header, its tags and `payload`.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) {
        out.extend_from_slice(&u16::from(self.pkttype).to_be_bytes());
        out.extend_from_slice(&self.hatype.to_be_bytes());
        out.extend_from_slice(&self.halen.to_be_bytes());
        out.extend_from_slice(&self.addr);
        self.tags.emit(next_ethertype(self.protocol, cx), out);
        out.extend_from_slice(payload);
    }
}

/// A Linux cooked capture header, v2 (LINKTYPE_LINUX_SLL2, 20 octets) with any VLAN tags after
/// it, owned and lossless. Its Protocol comes first, so with tags it is the first TPID on the
/// wire; `protocol` is the payload's, after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sll2 {
    pub protocol: Auto<u16>,
    pub reserved: u16,
    pub ifindex: u32,
    pub hatype: u16,
    /// One octet on the wire.
    pub pkttype: SllPktType,
    /// How many of `addr`'s octets are the address.
    pub halen: u8,
    pub addr: [u8; 8],
    pub tags: VlanTags,
}

impl Sll2 {
    pub const LEN: usize = 20;

    /// The 20 octets before any tag, the type field (a TPID when tagged) as `protocol`.
    pub fn parse_header(i: &[u8]) -> Result<Sll2, Cut> {
        let Some(h) = i.first_chunk::<20>() else { return Err(Cut::new(0, "Linux cooked v2 header")) };
        let &[e0, e1, r0, r1, i0, i1, i2, i3, t0, t1, pkttype, halen, a0, a1, a2, a3, a4, a5, a6, a7] = h;
        let w = |a, b| u16::from_be_bytes([a, b]);
        let addr = [a0, a1, a2, a3, a4, a5, a6, a7];
        let ifindex = u32::from_be_bytes([i0, i1, i2, i3]);
        let pkttype = SllPktType::from(u16::from(pkttype));
        let tags = VlanTags::NONE;
        Ok(Sll2 { protocol: Auto::Given(w(e0, e1)), reserved: w(r0, r1), ifindex, hatype: w(t0, t1), pkttype, halen, addr, tags })
    }
    /// Parses the header and its tags from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(Sll2, usize), Cut> {
        let mut s = Self::parse_header(i)?;
        let (tags, ty, len) = VlanWalk::new(s.protocol.given().unwrap_or_default(), i, Self::LEN).collect_tags()?;
        (s.tags, s.protocol) = (tags, Auto::Given(ty));
        Ok((s, len))
    }
    /// Appends the header, its tags and `payload`.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) {
        let proto = next_ethertype(self.protocol, cx);
        let first = self.tags.as_slice().first().map_or(proto, |t| u16::from(t.tpid));
        out.extend_from_slice(&first.to_be_bytes());
        out.extend_from_slice(&self.reserved.to_be_bytes());
        out.extend_from_slice(&self.ifindex.to_be_bytes());
        out.extend_from_slice(&self.hatype.to_be_bytes());
        out.push(u16::from(self.pkttype) as u8);
        out.push(self.halen);
        out.extend_from_slice(&self.addr);
        for (k, t) in self.tags.as_slice().iter().enumerate() {
            out.extend_from_slice(&t.tci().to_be_bytes());
            let next = self.tags.as_slice().get(k + 1).map_or(proto, |n| u16::from(n.tpid));
            out.extend_from_slice(&next.to_be_bytes());
        }
        out.extend_from_slice(payload);
    }
}

crate::code_points! {
    /// BSD loopback address families (the `AF_*` values of the capturing host).
    pub enum NullFamily: u32 {
        // tshark's names; the three BSD values of AF_INET6 are all "IPv6" (NetBSD/OpenBSD
        // 24, FreeBSD 28, Darwin 30), Linux's 10 is mipscope's own.
        Ip = 2 => "IP",
        Osi = 7 => "OSI",
        Appletalk = 16 => "Appletalk",
        Ipx = 23 => "Netware IPX/SPX",
        Ipv6NetBsd = 24 => "IPv6",
        Ipv6FreeBsd = 28 => "IPv6",
        Ipv6Darwin = 30 => "IPv6",
        Ipv6Linux = 10 => "IPv6 (Linux)",
    }
}

impl NullFamily {
    /// The EtherType of the payload it announces, if it is IP.
    pub fn ethertype(self) -> Option<u16> {
        match self {
            NullFamily::Ip => Some(EtherType::Ipv4.value()),
            NullFamily::Ipv6NetBsd | NullFamily::Ipv6FreeBsd | NullFamily::Ipv6Darwin | NullFamily::Ipv6Linux => {
                Some(EtherType::Ipv6.value())
            }
            NullFamily::Osi | NullFamily::Appletalk | NullFamily::Ipx | NullFamily::Unknown(_) => None,
        }
    }
}

/// A BSD loopback header (LINKTYPE_NULL in the capturing host's byte order, LINKTYPE_LOOP in
/// network order), owned and lossless: the family and the byte order it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Null {
    /// From `EmitCx::next_ethertype` unless given (IPv4: 2, IPv6: 24).
    pub family: Auto<NullFamily>,
    pub big_endian: bool,
}

impl Null {
    pub const LEN: usize = 4;

    /// Parses the 4 octets; `loop_` for LINKTYPE_LOOP (always big-endian). For LINKTYPE_NULL
    /// the family is small, so whichever reading gives the smaller number is the host's order.
    pub fn parse(i: &[u8], loop_: bool) -> Result<(Null, usize), Cut> {
        let Some(&arr) = i.first_chunk::<4>() else { return Err(Cut::new(0, "loopback header")) };
        let (le, be) = (u32::from_le_bytes(arr), u32::from_be_bytes(arr));
        let big_endian = loop_ || be < le;
        let fam = if big_endian { be } else { le };
        Ok((Null { family: Auto::Given(fam.into()), big_endian }, 4))
    }
    /// Appends the header and `payload`.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) {
        let fam = self.family.or_else(|| match cx.next_ethertype.map(EtherType::from) {
            Some(EtherType::Ipv6) => NullFamily::Ipv6NetBsd,
            _ => NullFamily::Ip,
        });
        let v = u32::from(fam);
        out.extend_from_slice(&if self.big_endian { v.to_be_bytes() } else { v.to_le_bytes() });
        out.extend_from_slice(payload);
    }
}

/// Raw IP (LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6): no header; the packet's version nibble
/// says which IP it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RawIp;

impl RawIp {
    /// No octets.
    pub fn parse(_: &[u8]) -> Result<(RawIp, usize), Cut> {
        Ok((RawIp, 0))
    }
    /// IPv4's and IPv6's Versions (IANA "Version Numbers"; RFC 791 §3.1, RFC 8200 §3).
    pub const IPV4_VERSION: u8 = 4;
    pub const IPV6_VERSION: u8 = 6;
    /// The payload's EtherType under LINKTYPE_RAW, by its version; none for another version
    /// (tshark's "Raw packet data"). (An ICMP error's quote goes to `ipv4::dissect_any`.)
    pub fn ethertype(i: &[u8]) -> Option<u16> {
        match i.first().map(|b| b >> 4) {
            Some(Self::IPV6_VERSION) => Some(EtherType::Ipv6.value()),
            Some(Self::IPV4_VERSION) => Some(EtherType::Ipv4.value()),
            _ => None,
        }
    }
    /// Appends `payload`.
    pub fn emit(&self, payload: &[u8], _: &EmitCx, out: &mut Vec<u8>) {
        out.extend_from_slice(payload);
    }
}

/// The link header of a frame, by link type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    Ethernet(Ethernet),
    Sll(Sll),
    Sll2(Sll2),
    Null(Null),
    Raw(RawIp),
}

impl Link {
    /// Parses the link header of a frame of `linktype` (FCS-length bits ignored); returns it
    /// and its length. An unsupported link type is a `Cut` at 0.
    pub fn parse(linktype: u32, i: &[u8]) -> Result<(Link, usize), Cut> {
        match linktype & 0x03ff_ffff {
            linktype::ETHERNET => Ethernet::parse(i).map(|(e, n)| (Link::Ethernet(e), n)),
            linktype::LINUX_SLL => Sll::parse(i).map(|(e, n)| (Link::Sll(e), n)),
            linktype::LINUX_SLL2 => Sll2::parse(i).map(|(e, n)| (Link::Sll2(e), n)),
            lt @ (linktype::NULL | linktype::LOOP) => Null::parse(i, lt == linktype::LOOP).map(|(e, n)| (Link::Null(e), n)),
            linktype::RAW | linktype::IPV4 | linktype::IPV6 => Ok((Link::Raw(RawIp), 0)),
            _ => Err(Cut::new(0, "link type not dissected")),
        }
    }
    /// The payload's EtherType as given (the version nibble's for raw IP, given the payload).
    pub fn ethertype(&self, payload: &[u8]) -> Option<u16> {
        match self {
            Link::Ethernet(e) => e.ethertype.given(),
            Link::Sll(s) => s.protocol.given(),
            Link::Sll2(s) => s.protocol.given(),
            Link::Null(n) => n.family.given().and_then(NullFamily::ethertype),
            Link::Raw(_) => RawIp::ethertype(payload),
        }
    }
    /// Appends the header and `payload`.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) {
        match self {
            Link::Ethernet(e) => e.emit(payload, cx, out),
            Link::Sll(s) => s.emit(payload, cx, out),
            Link::Sll2(s) => s.emit(payload, cx, out),
            Link::Null(n) => n.emit(payload, cx, out),
            Link::Raw(r) => r.emit(payload, cx, out),
        }
    }
}
