//! ARP (RFC 826), as home agents use it for proxy and gratuitous ARP (RFC 5944 §4.6), with
//! the probe and announcement of RFC 5227.
//!
//! RFC 826 lists the packet field by field; laid out (n = ar$hln, m = ar$pln):
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |     Hardware type (ar$hrd)    |     Protocol type (ar$pro)    |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! | HW size (hln) |Proto size(pln)|        Opcode (ar$op)         |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |   Sender hardware address (ar$sha, n octets) ...              |
//! |   Sender protocol address (ar$spa, m octets) ...              |
//! |   Target hardware address (ar$tha, n octets) ...              |
//! |   Target protocol address (ar$tpa, m octets) ...              |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! ```
//! The two sizes are read from the packet and never trusted: an Ethernet/IPv4 pair (6/4) is
//! shown as MAC and IPv4 addresses, anything else as octets, and every address is checked
//! against the captured bytes.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::ipv4::LengthError;
use crate::layout;
use crate::link::EtherType;
use crate::model::{Auto, Cut};
use crate::tree::Tree;

crate::code_points! {
    /// Hardware types (IANA "Hardware Types"): tshark 4.0's names, but IANA's for 12, 15 and
    /// 33, which tshark abbreviates (`tests/code_point_rows.rs`).
    pub enum HwType: u16 {
        NetRom = 0 => "NET/ROM pseudo",
        Ethernet = 1 => "Ethernet",
        ExperimentalEthernet = 2 => "Experimental Ethernet",
        Ax25 = 3 => "AX.25",
        ProNet = 4 => "ProNET",
        Chaos = 5 => "Chaos",
        Ieee802 = 6 => "IEEE 802",
        Arcnet = 7 => "ARCNET",
        Hyperchannel = 8 => "Hyperchannel",
        Lanstar = 9 => "Lanstar",
        AutonetShort = 10 => "Autonet Short Address",
        LocalTalk = 11 => "Localtalk",
        LocalNet = 12 => "LocalNet (IBM PCNet or SYTEK LocalNET)",
        UltraLink = 13 => "Ultra link",
        Smds = 14 => "SMDS",
        FrameRelay = 15 => "Frame Relay",
        Atm16 = 16 => "ATM",
        Hdlc = 17 => "HDLC",
        FibreChannel = 18 => "Fibre Channel",
        /// ATMARP, whose own layout (RFC 2225) is not modelled.
        AtmRfc2225 = 19 => "ATM (RFC 2225)",
        SerialLine = 20 => "Serial Line",
        Atm21 = 21 => "ATM",
        MilStd188220 = 22 => "MIL-STD-188-220",
        MetricomStrip = 23 => "Metricom STRIP",
        Ieee1394 = 24 => "IEEE 1394.1995",
        Mapos = 25 => "MAPOS",
        Twinaxial = 26 => "Twinaxial",
        Eui64 = 27 => "EUI-64",
        Hiparp = 28 => "HIPARP",
        IpArpIso7816 = 29 => "IP and ARP over ISO 7816-3",
        ArpSec = 30 => "ARPSec",
        IpsecTunnel = 31 => "IPsec tunnel",
        InfiniBand = 32 => "InfiniBand",
        Tia102 = 33 => "TIA-102 Project 25 Common Air Interface",
        Wiegand = 34 => "Wiegand Interface",
        PureIp = 35 => "Pure IP",
    }
}

crate::code_points! {
    /// Protocol types that are not EtherTypes: AX.25's Layer 3 Protocol Identifier for IP
    /// (AX.25 v2.2 §4.2.1, PID 0xCC "ARPA Internet Protocol"), which AX.25 ARP puts in ar$pro
    /// and Wireshark's `ARP_PRO_IS_IPv4` takes for IPv4 (tshark 4.0's value table does not
    /// name it).
    pub enum NonEtherPro: u16 { Ax25Ip = 0x00cc => "AX.25 IP" }
}

/// Protocol types: AX.25's IP and the EtherTypes of the protocols ARP resolves, named as
/// [`EtherType`] names them.
static PRO_VALS: &[(u64, &str)] = &[NonEtherPro::VALS[0], EtherType::Ipv4.row(), EtherType::Arp.row(), EtherType::Ipv6.row()];

crate::code_points! {
    /// Opcodes (IANA "Operation Codes", Wireshark's names).
    pub enum ArpOp: u16 {
        Reserved0 = 0 => "reserved",
        Request = 1 => "request",
        Reply = 2 => "reply",
        ReverseRequest = 3 => "reverse request",
        ReverseReply = 4 => "reverse reply",
        DrarpRequest = 5 => "drarp request",
        DrarpReply = 6 => "drarp reply",
        DrarpError = 7 => "drarp error",
        InverseRequest = 8 => "inverse request",
        InverseReply = 9 => "inverse reply",
        ArpNak = 10 => "arp nak",
        MarsRequest = 11 => "mars request",
        MarsMulti = 12 => "mars multi",
        MarsMserv = 13 => "mars mserv",
        MarsJoin = 14 => "mars join",
        MarsLeave = 15 => "mars leave",
        MarsNak = 16 => "mars nak",
        MarsUnserv = 17 => "mars unserv",
        MarsSjoin = 18 => "mars sjoin",
        MarsSleave = 19 => "mars sleave",
        MarsGrouplistRequest = 20 => "mars grouplist request",
        MarsGrouplistReply = 21 => "mars grouplist reply",
        MarsRedirectMap = 22 => "mars redirect map",
        MaposUnarp = 23 => "mapos unarp",
        Experimental1 = 24 => "experimental 1",
        Experimental2 = 25 => "experimental 2",
        Reserved65535 = 65535 => "reserved",
    }
}

crate::wire::wire_code_point!(HwType, u16);
crate::wire::wire_code_point!(ArpOp, u16);

impl ArpOp {
    /// The EtherType a packet of this opcode travels in: RARP's (RFC 903 §2) for the reverse
    /// and Dynamic RARP (RFC 1931 §3) opcodes, ARP's for the rest.
    pub fn ethertype(self) -> EtherType {
        match self {
            ArpOp::ReverseRequest | ArpOp::ReverseReply | ArpOp::DrarpRequest | ArpOp::DrarpReply | ArpOp::DrarpError => {
                EtherType::Rarp
            }
            _ => EtherType::Arp,
        }
    }
}

pub static ARP: FieldDef = FieldDef::new("arp", "Address Resolution Protocol", Kind::Protocol).short("ARP/RARP");
pub static HW_TYPE: FieldDef = FieldDef::new("arp.hw.type", "Hardware type", Kind::Uint(2)).vals(HwType::VALS).tshark_names(&[
    (12, "LocalNet"),
    (15, "Frame Relay DLCI"),
    (33, "TIA-102 Project 25 CAI"),
]);
pub static PROTO_TYPE: FieldDef = FieldDef::new("arp.proto.type", "Protocol type", Kind::Uint(2)).hex().vals(PRO_VALS);
pub static HW_SIZE: FieldDef = FieldDef::new("arp.hw.size", "Hardware size", Kind::Uint(1));
pub static PROTO_SIZE: FieldDef = FieldDef::new("arp.proto.size", "Protocol size", Kind::Uint(1));
pub static OPCODE: FieldDef = FieldDef::new("arp.opcode", "Opcode", Kind::Uint(2)).vals(ArpOp::VALS);
pub static IS_GRATUITOUS: FieldDef = FieldDef::new("arp.isgratuitous", "Is gratuitous", Kind::Bool(1))
    .blurb("Request or reply whose sender and target protocol addresses are equal (RFC 5944 §4.6, RFC 5227 §3)");
pub static IS_PROBE: FieldDef = FieldDef::new("arp.isprobe", "Is probe", Kind::Bool(1))
    .blurb("Request with an all-zero sender protocol address (RFC 5227 §2.1.1)");
pub static IS_ANNOUNCEMENT: FieldDef = FieldDef::new("arp.isannouncement", "Is announcement", Kind::Bool(1))
    .blurb("Gratuitous request with an all-zero target hardware address (RFC 5227 §2.3)");
pub static SRC_HW: FieldDef = FieldDef::new("arp.src.hw", "Sender hardware address", Kind::Bytes);
pub static SRC_HW_MAC: FieldDef = FieldDef::new("arp.src.hw_mac", "Sender MAC address", Kind::Ether);
pub static SRC_PROTO: FieldDef = FieldDef::new("arp.src.proto", "Sender protocol address", Kind::Bytes);
pub static SRC_PROTO_IPV4: FieldDef = FieldDef::new("arp.src.proto_ipv4", "Sender IP address", Kind::Ipv4);
pub static DST_HW: FieldDef = FieldDef::new("arp.dst.hw", "Target hardware address", Kind::Bytes);
pub static DST_HW_MAC: FieldDef = FieldDef::new("arp.dst.hw_mac", "Target MAC address", Kind::Ether);
pub static DST_PROTO: FieldDef = FieldDef::new("arp.dst.proto", "Target protocol address", Kind::Bytes);
pub static DST_PROTO_IPV4: FieldDef = FieldDef::new("arp.dst.proto_ipv4", "Target IP address", Kind::Ipv4);

pub static DST_NONZERO_PROBE: ExpertDef = ExpertDef::new(
    "arp.dst.nonzero.probe",
    Group::Protocol,
    Severity::Warn,
    "Target Hardware Address field SHOULD be set to all zeroes in an ARP Probe (RFC 5227)",
);
pub static SIZE_MISMATCH: ExpertDef = ExpertDef::new(
    "arp.size.mismatch",
    Group::Malformed,
    Severity::Warn,
    "Address size does not fit its type (Ethernet addresses are 6 octets, IPv4 addresses 4; RFC 826)",
);
pub static NOT_DECODED: ExpertDef = ExpertDef::new(
    "arp.atm.not_decoded",
    Group::Undecoded,
    Severity::Note,
    "ATMARP (hardware type 19, RFC 2225) has its own layout; the addresses are not decoded",
);

pub static FIELDS: &[&FieldDef] = &[
    &ARP,
    &HW_TYPE,
    &PROTO_TYPE,
    &HW_SIZE,
    &PROTO_SIZE,
    &OPCODE,
    &IS_GRATUITOUS,
    &IS_PROBE,
    &IS_ANNOUNCEMENT,
    &SRC_HW,
    &SRC_HW_MAC,
    &SRC_PROTO,
    &SRC_PROTO_IPV4,
    &DST_HW,
    &DST_HW_MAC,
    &DST_PROTO,
    &DST_PROTO_IPV4,
];
pub static EXPERTS: &[&ExpertDef] = &[&DST_NONZERO_PROBE, &SIZE_MISMATCH, &NOT_DECODED];

layout! {
    /// The fixed 8 octets of every ARP packet (RFC 826).
    pub struct ArpHeader {
        pub hrd: HwType => [&HW_TYPE],
        pub pro: u16 => [&PROTO_TYPE],
        pub hln: u8 => [&HW_SIZE],
        pub pln: u8 => [&PROTO_SIZE],
        pub op: ArpOp => [&OPCODE],
    }
}

const OP_REQUEST: u16 = ArpOp::Request.value();
const OP_REPLY: u16 = ArpOp::Reply.value();

impl ArpHeader {
    /// Octets of the packet the sizes give: the header and four addresses (RFC 826).
    pub fn packet_len(&self) -> usize {
        Self::LEN + 2 * usize::from(self.hln) + 2 * usize::from(self.pln)
    }
    /// Where the sender hardware, sender protocol, target hardware and target protocol
    /// addresses are, from the packet's start (RFC 826 order), and how long each is.
    pub fn address_spans(&self) -> [(usize, usize); 4] {
        let (hln, pln) = (usize::from(self.hln), usize::from(self.pln));
        let sha = Self::LEN;
        [(sha, hln), (sha + hln, pln), (sha + hln + pln, hln), (sha + 2 * hln + pln, pln)]
    }
}

/// An ARP packet (RFC 826), owned and lossless: the addresses are octets of the sizes the
/// header gives (computed from the sender's addresses unless given), and what follows the
/// packet (Ethernet padding) is the `trailer`. ATMARP (hardware type 19) has its own layout
/// (RFC 2225) and is not parsed. The dissector parses with the same `ArpHeader` layout and
/// address spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arp<B> {
    pub hrd: HwType,
    /// The protocol's EtherType.
    pub pro: u16,
    /// Hardware address size: the sender hardware address's length unless given.
    pub hln: Auto<u8>,
    /// Protocol address size: the sender protocol address's length unless given.
    pub pln: Auto<u8>,
    pub op: ArpOp,
    pub sha: B,
    pub spa: B,
    pub tha: B,
    pub tpa: B,
    pub trailer: B,
}

impl<'a> Arp<&'a [u8]> {
    /// Parses a packet from the start of `i` (the rest of the frame); returns it and its
    /// length (header and addresses).
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let Ok((_, h)) = ArpHeader::parse(i) else { return Err(Cut::new(0, "ARP header")) };
        if h.hrd == HwType::AtmRfc2225 {
            return Err(Cut::new(ArpHeader::LEN, "ATMARP (RFC 2225) addresses"));
        }
        const WHAT: [&str; 4] =
            ["sender hardware address", "sender protocol address", "target hardware address", "target protocol address"];
        let mut a: [&[u8]; 4] = [&[]; 4];
        for (k, (at, n)) in h.address_spans().into_iter().enumerate() {
            a[k] = i.get(at..at + n).ok_or(Cut::new(at, WHAT[k]))?;
        }
        let len = h.packet_len();
        let arp = Arp {
            hrd: h.hrd,
            pro: h.pro,
            hln: Auto::Given(h.hln),
            pln: Auto::Given(h.pln),
            op: h.op,
            sha: a[0],
            spa: a[1],
            tha: a[2],
            tpa: a[3],
            trailer: &i[len..],
        };
        Ok((arp, len))
    }
}

impl<B: AsRef<[u8]>> Arp<B> {
    /// The owned form.
    pub fn to_owned(&self) -> Arp<Vec<u8>> {
        let v = |b: &B| b.as_ref().to_vec();
        Arp {
            hrd: self.hrd,
            pro: self.pro,
            hln: self.hln,
            pln: self.pln,
            op: self.op,
            sha: v(&self.sha),
            spa: v(&self.spa),
            tha: v(&self.tha),
            tpa: v(&self.tpa),
            trailer: v(&self.trailer),
        }
    }

    /// Appends the packet and its trailer. A computed size must describe both addresses of its
    /// kind: sender and target addresses of different lengths, or over 255 octets, are refused.
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LengthError> {
        let size = |given: Auto<u8>, s: &B, t: &B, field: &'static str| match given.given() {
            Some(v) => Ok(v),
            None => {
                let (s, t) = (s.as_ref().len(), t.as_ref().len());
                u8::try_from(s).ok().filter(|_| s == t).ok_or(LengthError { field, len: s.max(t), max: s.min(t).min(255) })
            }
        };
        let hln = size(self.hln, &self.sha, &self.tha, "ARP Hardware size")?;
        let pln = size(self.pln, &self.spa, &self.tpa, "ARP Protocol size")?;
        ArpHeader { hrd: self.hrd, pro: self.pro, hln, pln, op: self.op }.emit(out);
        for a in [&self.sha, &self.spa, &self.tha, &self.tpa, &self.trailer] {
            out.extend_from_slice(a.as_ref());
        }
        Ok(())
    }
}

/// The size of a MAC address, the hardware address of Ethernet and IEEE 802 hardware.
const MAC_LEN: u8 = 6;
/// The size of an IPv4 address.
const IPV4_LEN: u8 = 4;

/// A hardware address is a MAC for Ethernet and IEEE 802 hardware of size 6.
fn hw_is_ether(hrd: HwType, hln: u8) -> bool {
    matches!(hrd, HwType::Ethernet | HwType::Ieee802) && hln == MAC_LEN
}

/// A protocol address is IPv4 for IPv4 (and AX.25 IP) of size 4.
fn pro_is_ipv4(pro: u16, pln: u8) -> bool {
    (pro == EtherType::Ipv4.value() || pro == NonEtherPro::Ax25Ip.value()) && pln == IPV4_LEN
}

/// An address for the Info column: dotted quad / MAC when the sizes say so, else hex octets
/// (tshark's `tvb_arpproaddr_to_str` / `tvb_arphrdaddr_to_str`).
struct AddrText<'a> {
    bytes: &'a [u8],
    ipv4: bool,
    mac: bool,
}

impl std::fmt::Display for AddrText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.bytes.is_empty() {
            return f.write_str("<No address>");
        }
        if self.ipv4 {
            if let Ok(a) = <[u8; 4]>::try_from(self.bytes) {
                return crate::wire::Ip4(a).fmt(f);
            }
        }
        if self.mac {
            if let Ok(a) = <[u8; 6]>::try_from(self.bytes) {
                return crate::link::MacText(a).fmt(f);
            }
        }
        for b in self.bytes {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Dissects an ARP packet at `off..end` (the rest of the frame; Ethernet padding after the
/// packet is left alone).
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let rd = t.rd();
    let end = end.min(t.data.len().max(off));
    let p = t.protocol(&ARP, off, end.saturating_sub(off).min(ArpHeader::LEN));
    t.set_protocol_column("ARP");
    let hdr = match ArpHeader::dissect(t, off, end) {
        Ok(h) => h,
        Err(at) => {
            t.set_info(format_args!("ARP, cut short"));
            t.truncated(at, "ARP header");
            t.close();
            return;
        }
    };
    let (hrd, op) = (hdr.hrd.value(), hdr.op.value());
    let (hln, pln) = (usize::from(hdr.hln), usize::from(hdr.pln));
    let total = hdr.packet_len();
    t.set_len(p, total);
    t.set_protocol_column(protocol_column(hdr.op));
    let ether_size_wrong = hdr.hrd == HwType::Ethernet && hdr.hln != MAC_LEN;
    if ether_size_wrong || (hdr.pro == EtherType::Ipv4.value() && hdr.pln != IPV4_LEN) {
        let at = if ether_size_wrong { off + 4 } else { off + 5 };
        t.expert(
            &SIZE_MISMATCH,
            at,
            1,
            Some(format_args!("hardware type {} size {hln}, protocol type 0x{:04x} size {pln}", hrd, hdr.pro)),
        );
    }
    if hdr.hrd == HwType::AtmRfc2225 {
        t.append(p, format_args!(" (ATMARP)"));
        t.set_info(format_args!("ATMARP (RFC 2225), opcode {}", op));
        t.expert(&NOT_DECODED, off, end.min(off + total).saturating_sub(off), None);
        t.close();
        return;
    }
    // Address offsets (RFC 826 order: sha, spa, tha, tpa), as the owned form frames them.
    let [sha, spa, tha, tpa] = hdr.address_spans().map(|(at, _)| off + at);
    let mac = hw_is_ether(hdr.hrd, hdr.hln);
    let ipv4 = pro_is_ipv4(hdr.pro, hdr.pln);
    let complete = off + total <= end;
    let get = |at: usize, n: usize| rd.slice(at, at + n).filter(|_| at + n <= end);
    let (gratuitous, probe, announcement) = if complete && matches!(op, OP_REQUEST | OP_REPLY) {
        // Two protocol addresses of no octets are no address claimed twice: tshark 4.0 calls
        // such a packet neither gratuitous nor an announcement.
        let g = pln > 0 && get(spa, pln) == get(tpa, pln);
        // As tshark: 6 target-hardware octets and 4 sender-protocol octets, whatever the sizes.
        let tha_zero = get(tha, 6).is_some_and(|s| s.iter().all(|&x| x == 0));
        let spa_zero = get(spa, 4).is_some_and(|s| s.iter().all(|&x| x == 0));
        (g, !g && op == OP_REQUEST && spa_zero, g && op == OP_REQUEST && tha_zero)
    } else {
        (false, false, false)
    };
    let op_name = hdr.op.name();
    match op_name {
        Some(_) if probe => t.append(p, format_args!(" (ARP Probe)")),
        Some(_) if announcement => t.append(p, format_args!(" (ARP Announcement)")),
        Some(_) if gratuitous && op == OP_REQUEST => t.append(p, format_args!(" (request/gratuitous ARP)")),
        Some(_) if gratuitous => t.append(p, format_args!(" (reply/gratuitous ARP)")),
        Some(n) => t.append(p, format_args!(" ({n})")),
        None => t.append(p, format_args!(" (opcode 0x{:04x})", op)),
    }
    for (flag, def) in [(gratuitous, &IS_GRATUITOUS), (probe, &IS_PROBE), (announcement, &IS_ANNOUNCEMENT)] {
        if flag {
            t.add_generated(def, off, 0, Value::Bool(true));
        }
    }
    let fields = [
        (sha, hln, if mac { &SRC_HW_MAC } else { &SRC_HW }, "sender hardware address"),
        (spa, pln, if ipv4 { &SRC_PROTO_IPV4 } else { &SRC_PROTO }, "sender protocol address"),
        (tha, hln, if mac { &DST_HW_MAC } else { &DST_HW }, "target hardware address"),
        (tpa, pln, if ipv4 { &DST_PROTO_IPV4 } else { &DST_PROTO }, "target protocol address"),
    ];
    for (at, n, def, what) in fields {
        if n == 0 {
            continue;
        }
        let Some(s) = get(at, n) else {
            t.set_info(format_args!("ARP {}, cut short", op_name.unwrap_or("packet")));
            t.truncated(at.min(end), what);
            t.close();
            return;
        };
        let v = match def.kind {
            Kind::Ether => Value::Ether(<[u8; 6]>::try_from(s).unwrap_or_default()),
            Kind::Ipv4 => Value::Ipv4(<[u8; 4]>::try_from(s).unwrap_or_default()),
            _ => Value::Bytes,
        };
        let i = t.add(def, at, n, v);
        if probe && at == tha && get(tha, 6.min(hln)).is_some_and(|s| s.iter().any(|&x| x != 0)) {
            t.open(i);
            t.expert(&DST_NONZERO_PROBE, at, n, None);
            t.close();
        }
    }
    t.close();
    let text = |at: usize, n: usize, hw: bool| AddrText { bytes: get(at, n).unwrap_or(&[]), ipv4: !hw && ipv4, mac: hw && mac };
    let (sha_t, spa_t, tha_t, tpa_t) = (text(sha, hln, true), text(spa, pln, false), text(tha, hln, true), text(tpa, pln, false));
    match op {
        OP_REQUEST if announcement => t.set_info(format_args!("ARP Announcement for {tpa_t}")),
        OP_REQUEST if gratuitous => t.set_info(format_args!("Gratuitous ARP for {tpa_t} (Request)")),
        OP_REQUEST if probe => t.set_info(format_args!("Who has {tpa_t}? (ARP Probe)")),
        OP_REQUEST => t.set_info(format_args!("Who has {tpa_t}? Tell {spa_t}")),
        OP_REPLY if gratuitous => t.set_info(format_args!("Gratuitous ARP for {spa_t} (Reply)")),
        OP_REPLY => t.set_info(format_args!("{spa_t} is at {sha_t}")),
        _ => other_info(t, hdr.op, [&sha_t, &spa_t, &tha_t, &tpa_t]),
    }
}

/// The Protocol column of an opcode (tshark's: RARP, DRARP, Inverse ARP, MARS and MAPOS
/// opcodes are named for their protocol).
fn protocol_column(op: ArpOp) -> &'static str {
    use ArpOp::*;
    match op {
        ReverseRequest | ReverseReply => "RARP",
        DrarpRequest | DrarpReply | DrarpError => "DRARP",
        InverseRequest | InverseReply => "Inverse ARP",
        MarsRequest | MarsMulti | MarsMserv | MarsJoin | MarsLeave | MarsNak | MarsUnserv | MarsSjoin | MarsSleave
        | MarsGrouplistRequest | MarsGrouplistReply | MarsRedirectMap => "MARS",
        MaposUnarp => "MAPOS",
        _ => "ARP",
    }
}

/// The Info column of an opcode other than request and reply (tshark's texts), from the
/// sender and target addresses `[sha, spa, tha, tpa]`.
fn other_info(t: &mut Tree<'_>, op: ArpOp, [sha, spa, tha, tpa]: [&AddrText<'_>; 4]) {
    use ArpOp::*;
    let mars = match op {
        MarsRequest => Some("MARS request"),
        MarsMulti => Some("MARS MULTI request"),
        MarsMserv => Some("MARS MSERV request"),
        MarsJoin => Some("MARS JOIN request"),
        MarsLeave => Some("MARS LEAVE"),
        MarsNak => Some("MARS NAK"),
        MarsUnserv => Some("MARS UNSERV request"),
        MarsSjoin => Some("MARS SJOIN request"),
        MarsSleave => Some("MARS SLEAVE"),
        MarsGrouplistRequest => Some("MARS grouplist request"),
        MarsGrouplistReply => Some("MARS grouplist reply"),
        MarsRedirectMap => Some("MARS redirect map"),
        MaposUnarp => Some("MAPOS UNARP request"),
        _ => None,
    };
    let v = op.value();
    match op {
        _ if mars.is_some() => t.set_info(format_args!("{} from {sha} at {spa}", mars.unwrap_or_default())),
        ReverseRequest | DrarpRequest | InverseRequest => t.set_info(format_args!("Who is {tha}? Tell {sha}")),
        ReverseReply | DrarpReply => t.set_info(format_args!("{tha} is at {tpa}")),
        DrarpError => t.set_info(format_args!("DRARP Error")),
        InverseReply => t.set_info(format_args!("{sha} is at {spa}")),
        ArpNak => t.set_info(format_args!("ARP NAK")),
        Experimental1 => t.set_info(format_args!("Experimental 1 ( opcode {v} )")),
        Experimental2 => t.set_info(format_args!("Experimental 2 ( opcode {v} )")),
        Reserved0 | Reserved65535 => t.set_info(format_args!("Reserved opcode {v}")),
        _ => t.set_info(format_args!("Unknown ARP opcode 0x{v:04x}")),
    }
}
