//! mipscope's dissector: nom parsers for Mobile IPv6 / NEMO signalling and the layers that carry
//! it, one field tree per frame, and the outputs that render it.
//!
//! Entry point: [`dissect_frame`] fills a reusable [`tree::Dissection`] from one frame's bytes.
//! It never fails and never panics: whatever is wrong with the bytes becomes an expert item.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod arp;
pub mod capture;
pub mod checksum;
pub mod crypto;
pub mod dsfield;
pub mod expert;
pub mod field;
pub mod filter;
pub mod format;
pub mod frame;
pub mod gre;
pub mod icmpv4;
pub mod icmpv6;
pub mod ip_proto;
pub mod ipv4;
pub mod ipv6;
pub mod learned;
pub mod link;
pub mod live;
pub mod mh;
pub mod mip4;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod pppoe;
pub mod prefs;
pub mod reasm;
pub mod registry;
pub mod stack;
pub mod stats;
pub mod stepper;
pub mod tcp;
pub mod text;
pub mod tree;
pub mod vxlan;
pub mod wire;

use field::Value;
use frame::FrameMeta;
use prefs::Prefs;
use tree::{Dissection, Tree};

/// The network-layer addresses an upper layer's checksum pseudo-header uses (after the
/// Home Address option and routing-header substitutions for IPv6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpCtx {
    V4 { src: [u8; 4], dst: [u8; 4] },
    V6 { src: [u8; 16], dst: [u8; 16] },
}

impl IpCtx {
    /// Pseudo-header sum for an upper layer of `len` octets and protocol `proto`.
    pub fn pseudo_sum(&self, len: u32, proto: u8) -> u32 {
        match self {
            IpCtx::V4 { src, dst } => checksum::pseudo4(src, dst, len as u16, proto),
            IpCtx::V6 { src, dst } => checksum::pseudo6(src, dst, len, proto),
        }
    }
}

code_points! {
    /// IP protocol numbers (IPv4 Protocol, IPv6 Next Header) mipscope meets, with IANA's names.
    pub enum IpProto: u8 {
        HopByHop = 0 => "IPv6 Hop-by-Hop Option",
        Icmp = 1 => "ICMP",
        Ipip = 4 => "IPIP",
        Tcp = 6 => "TCP",
        Udp = 17 => "UDP",
        Ipv6 = 41 => "IPv6",
        Routing = 43 => "Routing Header for IPv6",
        Fragment = 44 => "Fragment Header for IPv6",
        Gre = 47 => "Generic Routing Encapsulation",
        Esp = 50 => "Encap Security Payload",
        Ah = 51 => "Authentication Header",
        Icmpv6 = 58 => "ICMPv6",
        NoNext = 59 => "No Next Header for IPv6",
        DstOpts = 60 => "Destination Options for IPv6",
        /// The number pre-RFC Mobile IPv6 drafts used; Wireshark decodes it as the Mobility Header.
        MobilityOld = 62 => "Mobile IPv6 (old)",
        Mobility = 135 => "Mobile IPv6",
    }
}

/// IP protocol numbers with names, for the fields that show one: every number tshark names.
pub static IP_PROTO_VALS: &[(u64, &str)] = ip_proto::VALS;

/// Dissects one frame into `d` (cleared first), on its own: nothing is learned from or for
/// other frames.
pub fn dissect_frame(d: &mut Dissection, data: &[u8], meta: &FrameMeta, prefs: &Prefs) {
    dissect_frame_in(&mut tree::CaptureState::default(), d, data, meta, prefs);
}

/// Dissects one frame of a capture into `d` (cleared first), then teaches `state` what the
/// frame taught (e.g. mobile-router addresses from NEMO Binding Updates) for the frames after.
pub fn dissect_frame_in(state: &mut tree::CaptureState, d: &mut Dissection, data: &[u8], meta: &FrameMeta, prefs: &Prefs) {
    dissect_frame_want(state, tree::Want::Full, d, data, meta, prefs);
    state.learn(d);
}

/// Dissects one frame with the state earlier frames taught, keeping only the nodes `want`
/// asks for (the summary and `-T fields` paths need far fewer than a full tree). The state is
/// only read: what this frame teaches is in `d.lessons`, for the caller to apply with
/// [`tree::CaptureState::learn`] (a pipeline, or the TUI's state as of frame N, decides when).
pub fn dissect_frame_want(
    state: &tree::CaptureState,
    want: tree::Want<'_>,
    d: &mut Dissection,
    data: &[u8],
    meta: &FrameMeta,
    prefs: &Prefs,
) {
    dissect_frame_pre(state, want, d, data, meta, prefs, None, data, analysis::track::Noted(None));
}

/// [`dissect_frame_want`] with what the reassembly pre-pass ([`reasm::Reassembler`]) said
/// about the frame: `note`, and `all`, the frame's octets (`data`) followed by the reassembled
/// payload when the note completes a datagram (the reassembled data source; nodes past the
/// frame's length point into it).
#[allow(clippy::too_many_arguments)]
pub fn dissect_frame_extra(
    state: &tree::CaptureState,
    want: tree::Want<'_>,
    d: &mut Dissection,
    data: &[u8],
    meta: &FrameMeta,
    prefs: &Prefs,
    note: Option<&reasm::Note>,
    all: &[u8],
) {
    dissect_frame_pre(state, want, d, data, meta, prefs, note, all, analysis::track::Noted(None));
}

/// [`dissect_frame_want`] showing what request/response tracking noted about the frame's
/// messages (computed before, by a pass that looked ahead: [`analysis::track`]).
pub fn dissect_frame_noted(
    state: &tree::CaptureState,
    want: tree::Want<'_>,
    d: &mut Dissection,
    data: &[u8],
    meta: &FrameMeta,
    prefs: &Prefs,
    note: &analysis::track::Note,
) {
    dissect_frame_pre(state, want, d, data, meta, prefs, None, data, analysis::track::Noted(Some(note)));
}

/// [`dissect_frame_want`] asking `note` what tracking says of the frame's messages once they
/// are parsed (a single pass feeds them to its [`analysis::track::Tracker`] here).
pub fn dissect_frame_tracked(
    state: &tree::CaptureState,
    want: tree::Want<'_>,
    d: &mut Dissection,
    data: &[u8],
    meta: &FrameMeta,
    prefs: &Prefs,
    note: impl FnOnce(&[analysis::track::TrackFact]) -> analysis::track::Note,
) {
    dissect_frame_pre(state, want, d, data, meta, prefs, None, data, note);
}

/// The frame pipeline's dissection: both pre-passes' answers at once. `reasm` and `all` are
/// [`dissect_frame_extra`]'s; `track` is [`dissect_frame_tracked`]'s, asked with the facts of
/// every message the dissection reached, those inside a reassembled payload included.
#[allow(clippy::too_many_arguments)]
pub fn dissect_frame_pre(
    state: &tree::CaptureState,
    want: tree::Want<'_>,
    d: &mut Dissection,
    data: &[u8],
    meta: &FrameMeta,
    prefs: &Prefs,
    reasm: Option<&reasm::Note>,
    all: &[u8],
    track: impl analysis::track::Observe,
) {
    d.clear();
    d.frame_number = meta.number;
    d.cap_len = data.len() as u32;
    d.wire_len = meta.wire_len;
    d.ts = meta.ts;
    d.rel_ns = meta.rel_ns;
    (d.delta_ns, d.delta_shown_ns) = (meta.delta_ns, meta.delta_ns);
    d.ts_digits = meta.ts_digits;
    d.untimed = meta.untimed;
    let mut t = Tree::new(data, d, prefs, state);
    t.set_want(want);
    t.reasm = reasm;
    // `all` must begin with `data` itself (the same octets in memory), as a pipeline lays it out.
    t.all = if all.get(..data.len()).is_some_and(|a| std::ptr::eq(a, data)) { all } else { data };
    let protos = frame::dissect(&mut t, meta);
    link::dissect_link(&mut t, meta.linktype, meta.fcs_len);
    fn observe<O: analysis::track::Observe>(t: &mut Tree<'_>, track: O) {
        // What rules about an answer need of a request travels with it in a live tracker.
        if O::READS_MEMOS && track.reads_memos() {
            analysis::track::fill_memos(&mut t.d.facts, t.all);
        }
        track.observe_into(&t.d.facts.track, &mut t.d.note);
    }
    observe(&mut t, track);
    analysis::run(&mut t);
    // frame.protocols, now that the stack is known (not for the packet list, which keeps no
    // node to hold it).
    if protos >= d.nodes.len() {
        if d.cols.protocol.is_empty() {
            d.cols.protocol = "Frame";
        }
        return;
    }
    let start = d.text.len();
    for (i, p) in d.protocols.iter().enumerate() {
        if i > 0 {
            d.text.push(':');
        }
        d.text.push_str(p);
    }
    let r = (start as u32, (d.text.len() - start) as u32);
    if let Some(n) = d.nodes.get_mut(protos) {
        n.value = Value::Text(r.0, r.1);
    }
    if d.cols.protocol.is_empty() {
        d.cols.protocol = "Frame";
    }
}

/// The parsers' facts of a frame and nothing else: request/response tracking's look ahead of a
/// frame's dissection (a driver's pre-pass), and all that statistics count when nothing is
/// shown. The parsers run as for the packet list (no node kept) and the facts of every message
/// they reach, those of a reassembled payload included (`reasm`, `all` as
/// [`dissect_frame_pre`]'s), are in `d.facts` after it. Only the parsers record those facts, so
/// nothing after them runs: not the analysis pass, the protocol list nor what earlier frames
/// taught (no `CaptureState`), which made the look cost as much as the packet list's whole
/// dissection; nor is the Info column written (`Tree::facts_only`). `d.note` stays empty (the
/// caller's tracker gives it).
pub fn track_facts(d: &mut Dissection, data: &[u8], meta: &FrameMeta, prefs: &Prefs, reasm: Option<&reasm::Note>, all: &[u8]) {
    static NOTHING_LEARNED: tree::CaptureState = tree::CaptureState::new();
    d.clear();
    d.note = Default::default();
    d.frame_number = meta.number;
    d.cap_len = data.len() as u32;
    d.wire_len = meta.wire_len;
    d.ts = meta.ts;
    d.rel_ns = meta.rel_ns;
    (d.delta_ns, d.delta_shown_ns) = (meta.delta_ns, meta.delta_ns);
    d.ts_digits = meta.ts_digits;
    d.untimed = meta.untimed;
    let mut t = Tree::new(data, d, prefs, &NOTHING_LEARNED);
    t.set_want(tree::Want::Columns);
    t.facts_only = true;
    t.reasm = reasm;
    t.all = if all.get(..data.len()).is_some_and(|a| std::ptr::eq(a, data)) { all } else { data };
    frame::dissect(&mut t, meta);
    link::dissect_link(&mut t, meta.linktype, meta.fcs_len);
    // What rules about an answer need of a request travels with it in the tracker.
    analysis::track::fill_memos(&mut t.d.facts, t.all);
}

/// What a payload is handed to: the one dispatch table the dissector and the owned frame parser
/// (`stack`) both follow, so the two cannot disagree about which element comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Ipv4,
    Ipv6,
    PppoeSession,
    PppoeDiscovery,
    Arp,
    /// An Ethernet frame (Transparent Ethernet Bridging, EtherType 0x6558: GRE's, RFC 1701).
    Ethernet,
    /// A PPP frame in HDLC-like framing (Protocol Type 0x880b: Enhanced GRE's, RFC 2637).
    Ppp,
    /// The Mobility Header over IP (135, and 62 as pre-RFC drafts and Wireshark have it).
    Mh,
    /// The Mobility Header over UDP (RFC 5844's IPv4 transport, preference `pmip6.udp_port`).
    MhOverUdp,
    Icmpv6,
    Icmpv4,
    Udp,
    Tcp,
    Gre,
    /// Mobile IPv4 over UDP (preference `mip4.udp_port`).
    Mip4,
    Vxlan,
    VxlanGpe,
    /// IPsec where no IPv6 extension-header chain walks it (after IPv4): an Authentication
    /// Header (RFC 4302) and what it protects, or an Encapsulating Security Payload (RFC 4303).
    Ah,
    Esp,
    /// Nothing decodes it: `data`.
    Data,
}

impl Next {
    /// The element an EtherType names.
    pub fn of_ethertype(ty: u16) -> Next {
        match link::EtherType::from(ty) {
            link::EtherType::Ipv6 => Next::Ipv6,
            link::EtherType::Ipv4 => Next::Ipv4,
            link::EtherType::PppoeSession => Next::PppoeSession,
            link::EtherType::PppoeDiscovery => Next::PppoeDiscovery,
            link::EtherType::Arp | link::EtherType::Rarp => Next::Arp,
            link::EtherType::TransparentEthernet => Next::Ethernet,
            _ => Next::Data,
        }
    }
    /// The element GRE's Protocol Type names: an EtherType's, and PPP (0x880b), which only
    /// Enhanced GRE carries (tshark 4.0 decodes it there, not as an Ethernet frame's type).
    pub fn of_gre_proto(ty: u16) -> Next {
        match link::EtherType::from(ty) {
            link::EtherType::Ppp => Next::Ppp,
            _ => Next::of_ethertype(ty),
        }
    }
    /// The element an IP protocol number (IPv4 Protocol, IPv6 Next Header) names.
    pub fn of_ip_proto(proto: u8) -> Next {
        match IpProto::from(proto) {
            IpProto::Mobility | IpProto::MobilityOld => Next::Mh,
            IpProto::Icmpv6 => Next::Icmpv6,
            IpProto::Icmp => Next::Icmpv4,
            IpProto::Udp => Next::Udp,
            IpProto::Tcp => Next::Tcp,
            IpProto::Gre => Next::Gre,
            IpProto::Ipip => Next::Ipv4,
            IpProto::Ipv6 => Next::Ipv6,
            IpProto::Ah => Next::Ah,
            IpProto::Esp => Next::Esp,
            _ => Next::Data,
        }
    }
    /// The element a UDP datagram between ports `sp` and `dp` carries, by the preferences.
    pub fn of_udp_ports(sp: u16, dp: u16, prefs: &Prefs) -> Next {
        let either = |p: u16| sp == p || dp == p;
        if either(prefs.pmip6_udp_port) {
            Next::MhOverUdp
        } else if either(prefs.mip4_udp_port) {
            Next::Mip4
        } else if either(vxlan::VXLAN_PORT) {
            Next::Vxlan
        } else if either(vxlan::GPE_PORT) {
            Next::VxlanGpe
        } else {
            Next::Data
        }
    }
}

/// Hands a payload identified by EtherType to its dissector. (Inlined: a dispatch, whose call
/// saved and restored registers around a jump.)
#[inline(always)]
pub fn dissect_ethertype(t: &mut Tree<'_>, ty: u16, off: usize, end: usize) {
    if off > end {
        // A lower layer's header already ran past the bytes; it has said so.
        return;
    }
    match Next::of_ethertype(ty) {
        Next::Ipv6 => {
            if !ipv6::dissect(t, off, end) {
                // tshark's EtherType fallback: the number as protocol, its name as Info.
                t.set_protocol_column("0x86dd");
                t.set_info(format_args!("IPv6"));
                data(t, off, end);
            }
        }
        Next::Ipv4 => ipv4::dissect(t, off, end),
        Next::PppoeSession => pppoe::dissect_session(t, off, end),
        Next::PppoeDiscovery => pppoe::dissect_discovery(t, off, end),
        Next::Arp => arp::dissect(t, off, end),
        Next::Ethernet => {
            // An Ethernet frame right inside another (a tunnel calls `link::ethernet` itself):
            // each one is a nesting level, so a frame of nested headers ends.
            t.nesting += 1;
            if t.nesting > t.prefs.max_nesting {
                t.expert(&expert::DEPTH_LIMIT, off, end - off, None);
            } else {
                link::ethernet(t, off, end);
            }
            t.nesting -= 1;
        }
        _ => {
            // Right after an Ethernet header (its protocol column, nothing in Info yet: a VLAN
            // tag writes its own).
            let ethernet = t.d.cols.protocol == "Ethernet" && t.d.cols.info.is_empty();
            if ethernet && ty < 0x0600 {
                // No EtherType: IEEE 802.3's length (its LLC header is not decoded), or neither.
                if ty <= 1500 {
                    t.set_info(format_args!("IEEE 802.3 Ethernet, length {ty}"));
                } else {
                    t.set_info(format_args!("Ethernet Unknown: Invalid length/type: 0x{ty:04x} ({ty})"));
                }
            } else {
                // tshark's EtherType fallback: the number as protocol, the EtherType's name as
                // Info, else what the layer before said ("Ethernet II" for Ethernet's).
                t.set_protocol_column(format::hex16_name(ty));
                match link::EtherType::from(ty).name() {
                    Some(name) => t.set_info(format_args!("{name}")),
                    None if ethernet => t.set_info(format_args!("Ethernet II")),
                    None => {}
                }
            }
            data(t, off, end);
        }
    }
}

/// AH and ESP where an IP protocol number names them outside an IPv6 extension-header chain
/// (after IPv4): at most 16 Authentication Headers in a row, as the chain allows, then what the
/// last one protects; ESP's payload is opaque.
#[inline(never)]
fn ipsec(t: &mut Tree<'_>, mut proto: u8, mut off: usize, end: usize, mut declared: usize, ip: IpCtx) {
    for _ in 0..16 {
        if Next::of_ip_proto(proto) == Next::Esp {
            ipv6::esp(t, off, end);
            return;
        }
        let Some((next, len)) = ipv6::ah_header(t, off, end) else { return };
        (proto, off, declared) = (next, off + len, declared.saturating_sub(len));
        if !matches!(Next::of_ip_proto(proto), Next::Ah | Next::Esp) {
            return ip_payload(t, proto, off, end, declared, ip, false);
        }
    }
    t.expert(&expert::DEPTH_LIMIT, off, 0, Some(format_args!("more than 16 extension headers")));
}

/// An IP packet a tunnel header names by an EtherType-like number (GRE's Protocol Type,
/// VXLAN-GPE's Next Protocol): IPv4's number takes any version, as tshark's `ip` dissector
/// there; an IPv6 packet of another version is reported and its octets shown as data, the
/// IPv6 columns left as they are.
pub fn dissect_tunnelled_ip(t: &mut Tree<'_>, v6: bool, off: usize, end: usize) {
    if !v6 {
        ipv4::dissect_any(t, off, end);
    } else if !ipv6::dissect(t, off, end) {
        data(t, off, end);
    }
}

/// Hands an IP payload at `off..end` (the octets at hand) to its dissector; `declared` is the
/// payload's length as the IP header gives it (Total Length or Payload Length, less the
/// headers before `off`), which a snap length or an ICMPv6 error's quote may have cut to less
/// than `end - off`; `ip` gives the checksum pseudo-header addresses. (Inlined, as
/// [`dissect_ethertype`].)
#[inline(always)]
pub fn dissect_ip_proto(t: &mut Tree<'_>, proto: u8, off: usize, end: usize, declared: usize, ip: IpCtx) {
    ip_payload(t, proto, off, end, declared, ip, true);
}

/// [`dissect_ip_proto`] for the IP layer itself (`from_ip`) or for what an Authentication
/// Header protects: the IP layer's fallbacks (an empty IPv4 payload handed to nothing, the Info
/// naming a number nothing decodes or an IPv6 packet refused) are its own; after AH tshark's
/// AH dissector keeps its "AH (SPI=…)" and hands even an empty payload on.
#[inline(always)]
fn ip_payload(t: &mut Tree<'_>, proto: u8, off: usize, end: usize, declared: usize, ip: IpCtx, from_ip: bool) {
    // Past the bytes (a lower layer said so), or an IPv4 payload of no octets by its Total
    // Length and none at hand: nothing to hand on (tshark calls no dissector for it; after
    // IPv6 it does, and the next layer is cut short).
    if off > end || (from_ip && off == end && declared == 0 && matches!(ip, IpCtx::V4 { .. })) {
        return;
    }
    match Next::of_ip_proto(proto) {
        Next::Mh => mh::dissect(t, off, end, mh::Carrier::Ip(ip)),
        Next::Icmpv6 => icmpv6::dissect(t, off, end, ip),
        Next::Icmpv4 => icmpv4::dissect(t, off, end, ip),
        Next::Udp => ipv4::dissect_udp(t, off, end, ip),
        Next::Tcp => tcp::dissect(t, off, end, declared, ip),
        Next::Gre => gre::dissect(t, off, end),
        Next::Ah | Next::Esp => ipsec(t, proto, off, end, declared, ip),
        tunnel @ (Next::Ipv4 | Next::Ipv6) => {
            t.nesting += 1;
            if t.nesting > t.prefs.max_nesting {
                t.expert(
                    &expert::DEPTH_LIMIT,
                    off,
                    end.saturating_sub(off),
                    Some(format_args!("tunnel nesting deeper than {} (preference ip.max_nesting)", t.prefs.max_nesting)),
                );
            } else if tunnel == Next::Ipv4 {
                ipv4::dissect_any(t, off, end);
            } else if !ipv6::dissect(t, off, end) {
                // tshark's fallback for a payload no dissector takes, after IPv4 or IPv6.
                match ip {
                    _ if !from_ip => {}
                    IpCtx::V4 { .. } => t.set_info(format_args!("IPv6 (41)")),
                    IpCtx::V6 { .. } => t.set_info(format_args!("Unknown IP Protocol: IPv6 (41)")),
                }
                data(t, off, end);
            }
            t.nesting -= 1;
        }
        _ => {
            // Nothing decodes it: tshark's Info names the number ("Unassigned (200)"; after
            // IPv6, "Unknown IP Protocol: …").
            let name = ip_proto::name(proto);
            match ip {
                _ if !from_ip => {}
                IpCtx::V4 { .. } => t.set_info(format_args!("{name} ({proto})")),
                IpCtx::V6 { .. } => t.set_info(format_args!("Unknown IP Protocol: {name} ({proto})")),
            }
            if end > off {
                data(t, off, end);
            }
        }
    }
}

/// Shows bytes no dissector claims (Wireshark's `data`).
pub fn data(t: &mut Tree<'_>, off: usize, end: usize) {
    let end = end.min(t.data.len());
    if end <= off {
        return;
    }
    let p = t.protocol(&ipv4::DATA, off, end - off);
    // tshark's plurality: "Data (1 byte)".
    let n = end - off;
    t.append(p, format_args!(" ({n} byte{})", if n == 1 { "" } else { "s" }));
    t.add(&ipv4::DATA_DATA, off, end - off, Value::Bytes);
    let l = t.add_generated(&ipv4::DATA_LEN, off, end - off, Value::Int((end - off) as i64));
    let _ = l;
    t.close();
}

#[cfg(test)]
mod dispatch_tests {
    use super::*;

    /// The dispatch reads the typed code points: each number IANA gives the element.
    #[test]
    fn next_follows_the_code_points() {
        let ip: Vec<_> = (0..=255u8).filter(|&p| Next::of_ip_proto(p) != Next::Data).map(|p| (p, Next::of_ip_proto(p))).collect();
        assert_eq!(
            ip,
            [
                (1, Next::Icmpv4),
                (4, Next::Ipv4),
                (6, Next::Tcp),
                (17, Next::Udp),
                (41, Next::Ipv6),
                (47, Next::Gre),
                (50, Next::Esp),
                (51, Next::Ah),
                (58, Next::Icmpv6),
                (62, Next::Mh),
                (135, Next::Mh)
            ]
        );
        assert_eq!(Next::of_ethertype(0x86dd), Next::Ipv6);
        assert_eq!(Next::of_ethertype(0x0800), Next::Ipv4);
        assert_eq!(Next::of_ethertype(0x0806), Next::Arp);
        assert_eq!(Next::of_ethertype(0x8863), Next::PppoeDiscovery);
        assert_eq!(Next::of_ethertype(0x8864), Next::PppoeSession);
        assert_eq!(Next::of_ethertype(0x8100), Next::Data);
        let ext: Vec<u8> = (0..=255u8).filter(|&n| ipv6::ExtHeader::<&[u8]>::is_ext(n)).collect();
        assert_eq!(ext, [0, 43, 44, 50, 51, 60]);
    }
}
