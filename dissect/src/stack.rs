//! A whole frame as a stack of owned elements — link, IP, extension headers, transport,
//! message — so a crafted frame and a dissected frame are the same kind of value.
//!
//! [`FrameRepr::parse`] walks a frame with the dissector's own dispatch ([`crate::Next`]) and
//! each element's own parser (the one the dissector annotates its tree from); whatever no
//! element reads (a cut, a lying length, a payload nothing decodes, an IP fragment) stays as
//! [`Layer::Data`], so `emit(parse(x)) == x` for every frame. [`FrameRepr::emit`] writes the
//! stack inside out: each element gets the octets of everything above it (for its lengths and
//! checksums), the pseudo-header the layers below establish, and the numbers of the element
//! above it (for a Next Header, Protocol or EtherType left to be computed).

use crate::arp::Arp;
use crate::gre::{Gre, GreKey};
use crate::icmpv4::Icmpv4;
use crate::icmpv6::Icmpv6;
use crate::ipv4::{Ipv4, Ipv4Flags, Udp};
use crate::ipv6::{ExtHeader, Ipv6Header, Pseudo};
use crate::link::{Link, RawIp};
use crate::mh::MhRepr;
use crate::mip4::msg::{Fixed, Mip4Msg};
use crate::model::{Auto, EmitCx};
use crate::pppoe::{Ppp, PppHdlc, PppoeDiscovery, PppoeSession};
use crate::prefs::Prefs;
use crate::tcp::Tcp;
use crate::vxlan::{GpeNextProto, Vxlan, VxlanGpe};
use crate::IpProto;
use crate::{IpCtx, Next};

/// One element of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    Link(Link),
    Ipv4(Ipv4<Vec<u8>>),
    /// An IPv6 header, and the octets after the packet's declared end (an Ethernet frame's
    /// padding), emitted after everything the packet carries.
    Ipv6 {
        header: Ipv6Header,
        trailer: Vec<u8>,
    },
    /// An IPv6 extension header (its own element: a packet stacks them in order).
    Ipv6Ext(ExtHeader<Vec<u8>>),
    Icmpv6(Icmpv6<Vec<u8>>),
    Icmpv4(Icmpv4<Vec<u8>>),
    Tcp(Tcp<Vec<u8>>),
    Arp(Arp<Vec<u8>>),
    PppoeSession(PppoeSession<Vec<u8>>),
    PppoeDiscovery(PppoeDiscovery<Vec<u8>>),
    /// A PPP frame in HDLC-like framing (Enhanced GRE's payload).
    Ppp(PppHdlc),
    Udp(Udp),
    Gre(Gre),
    Vxlan(Vxlan),
    VxlanGpe(VxlanGpe),
    Mh(MhRepr),
    /// A Mobile IPv4 message (UDP 434): registration, revocation, tunnel data, HAaRO.
    Mip4(Mip4Msg<Vec<u8>>),
    /// Octets no element reads: a payload nothing decodes, or the rest of a frame after a cut.
    /// It names no protocol: a header below it whose next-protocol number is left computed
    /// says 59 (No Next Header), so a crafted fragment of a larger packet gives its Next Header.
    Data(Vec<u8>),
}

/// Why a stack could not be emitted: which layer (index from the bottom) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError {
    pub layer: usize,
    pub why: String,
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "layer {}: {}", self.layer, self.why)
    }
}

impl std::error::Error for EmitError {}

impl Layer {
    /// The IP protocol number naming this element (what a computed Next Header or Protocol
    /// below it becomes).
    pub fn ip_proto(&self) -> Option<u8> {
        Some(match self {
            Layer::Ipv4(_) => IpProto::Ipip.value(),
            Layer::Ipv6 { .. } => IpProto::Ipv6.value(),
            Layer::Ipv6Ext(e) => e.proto(),
            Layer::Icmpv6(_) => IpProto::Icmpv6.value(),
            Layer::Icmpv4(_) => IpProto::Icmp.value(),
            Layer::Tcp(_) => IpProto::Tcp.value(),
            Layer::Udp(_) => IpProto::Udp.value(),
            Layer::Gre(_) => IpProto::Gre.value(),
            Layer::Mh(_) => IpProto::Mobility.value(),
            _ => return None,
        })
    }

    /// The EtherType naming this element (what a computed EtherType or PPP protocol below it
    /// becomes; GRE's Protocol Type is always given).
    pub fn ethertype(&self) -> Option<u16> {
        Some(match self {
            Layer::Ipv4(_) => crate::link::EtherType::Ipv4.value(),
            Layer::Ipv6 { .. } => crate::link::EtherType::Ipv6.value(),
            Layer::Arp(a) => a.op.ethertype().value(),
            Layer::PppoeSession(_) => crate::link::EtherType::PppoeSession.value(),
            Layer::PppoeDiscovery(_) => crate::link::EtherType::PppoeDiscovery.value(),
            Layer::Link(Link::Ethernet(_)) => crate::link::EtherType::TransparentEthernet.value(),
            Layer::Ppp(_) => crate::link::EtherType::Ppp.value(),
            _ => return None,
        })
    }

    /// The pseudo-header the elements above this one use, given the one below: an IP header
    /// sets it, a Home Address option or a routing header changes it (RFC 6275 §6.3, RFC 8200
    /// §8.1, by the dissector's own rule, `ipv6::Pseudo`).
    fn pseudo_above(&self, below: PseudoState) -> PseudoState {
        match self {
            Layer::Ipv4(v) => PseudoState { ctx: Some(v.ip_ctx()), v6: None },
            Layer::Ipv6 { header: h, .. } => {
                let p = Pseudo::new(h);
                PseudoState { ctx: Some(p.ctx()), v6: Some(p) }
            }
            Layer::Ipv6Ext(e) => match below.v6 {
                Some(mut p) => {
                    p.step(e);
                    PseudoState { ctx: Some(p.ctx()), v6: Some(p) }
                }
                None => below,
            },
            _ => below,
        }
    }

    /// Appends this element around `payload` (the emitted octets of everything above it).
    fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), String> {
        let e = |e: &dyn std::fmt::Display| e.to_string();
        match self {
            Layer::Link(l) => l.emit(payload, cx, out),
            Layer::Ipv4(v) => v.emit(payload, cx, out).map_err(|x| e(&x))?,
            Layer::Ipv6 { header, trailer } => {
                header.emit(payload, cx, out).map_err(|x| e(&x))?;
                out.extend_from_slice(trailer);
            }
            Layer::Ipv6Ext(x) => x.emit(payload, cx, out).map_err(|x| e(&x))?,
            // An ICMP message's checksum covers everything after its header, layers stacked
            // above it included (RFC 4443 §2.3, RFC 792): recomputed over them when computed.
            Layer::Icmpv6(m) => {
                let start = out.len();
                m.emit(cx, out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
                if m.checksum == Auto::Computed && !payload.is_empty() {
                    let init = cx.ip.map_or(0, |ip| ip.pseudo_sum((out.len() - start) as u32, IpProto::Icmpv6.value()));
                    refill_checksum(&mut out[start..], init);
                }
            }
            Layer::Icmpv4(m) => {
                let start = out.len();
                m.emit(out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
                if m.checksum == Auto::Computed && !payload.is_empty() {
                    refill_checksum(&mut out[start..], 0);
                }
            }
            Layer::Tcp(t) => t.emit(payload, cx, out).map_err(|x| e(&x))?,
            Layer::Arp(a) => {
                a.emit(out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
            }
            Layer::PppoeSession(p) => p.emit(payload, cx, out).map_err(|x| e(&x))?,
            Layer::PppoeDiscovery(p) => {
                p.emit(out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
            }
            Layer::Ppp(p) => {
                p.emit(cx, out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
            }
            Layer::Udp(u) => u.emit(payload, cx.ip, out),
            Layer::Gre(g) => g.emit(payload, out),
            Layer::Vxlan(v) => v.emit(payload, cx, out),
            Layer::VxlanGpe(v) => v.emit(payload, cx, out),
            Layer::Mh(m) => {
                m.emit(cx, out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
            }
            Layer::Mip4(m) => {
                m.emit(cx, out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
            }
            Layer::Data(d) => {
                out.extend_from_slice(d);
                out.extend_from_slice(payload);
            }
        }
        Ok(())
    }
}

/// Recomputes the Internet checksum at octets 2-3 of `msg` (an ICMP message) over all of it.
fn refill_checksum(msg: &mut [u8], init: u32) {
    if msg.len() < 4 {
        return;
    }
    msg[2..4].copy_from_slice(&[0, 0]);
    let c = crate::checksum::compute(init, msg);
    msg[2..4].copy_from_slice(&c.to_be_bytes());
}

/// The pseudo-header for upper-layer checksums as the layers below set it.
#[derive(Debug, Clone, Copy, Default)]
struct PseudoState {
    ctx: Option<IpCtx>,
    /// IPv6's running state (which Home Address option was taken), for the extension headers.
    v6: Option<Pseudo>,
}

/// A whole frame: its capture link type and its elements from the bottom up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameRepr {
    pub linktype: u32,
    pub layers: Vec<Layer>,
}

/// The parse walk's state: the layers so far and how deep in tunnels it is.
struct Walk<'p> {
    prefs: &'p Prefs,
    layers: Vec<Layer>,
    nesting: u8,
}

impl Walk<'_> {
    fn data(&mut self, i: &[u8]) {
        if !i.is_empty() {
            self.layers.push(Layer::Data(i.to_vec()));
        }
    }

    /// The element `next` names at the start of `i`, and what it carries.
    fn next(&mut self, next: Next, i: &[u8]) {
        match next {
            Next::Ipv4 => self.ipv4(i),
            Next::Ipv6 => self.ipv6(i),
            Next::Icmpv4 => match Icmpv4::parse(i) {
                Ok((m, n)) => {
                    self.layers.push(Layer::Icmpv4(m.to_owned()));
                    self.data(&i[n..]);
                }
                Err(_) => self.data(i),
            },
            // The segment's data stays data (no TCP payload is decoded).
            Next::Tcp => match Tcp::parse(i) {
                Ok((t, n)) => {
                    self.layers.push(Layer::Tcp(t.to_owned()));
                    self.data(&i[n..]);
                }
                Err(_) => self.data(i),
            },
            Next::Icmpv6 => match Icmpv6::parse(i) {
                Ok((m, n)) => {
                    self.layers.push(Layer::Icmpv6(m.to_owned()));
                    self.data(&i[n..]);
                }
                Err(_) => self.data(i),
            },
            // ARP and PPPoE Discovery keep the octets after their own end as their trailer.
            Next::Arp => match Arp::parse(i) {
                Ok((a, _)) => self.layers.push(Layer::Arp(a.to_owned())),
                Err(_) => self.data(i),
            },
            Next::PppoeSession => match PppoeSession::parse(i) {
                Ok((p, n)) => {
                    let end = i.len() - p.trailer.len();
                    let ty = p.ppp.and_then(|ppp| ppp.protocol.given()).and_then(Ppp::ethertype);
                    self.layers.push(Layer::PppoeSession(p.to_owned()));
                    match ty {
                        Some(ty) => self.next(Next::of_ethertype(ty), &i[n..end]),
                        None => self.data(&i[n..end]),
                    }
                }
                Err(_) => self.data(i),
            },
            Next::PppoeDiscovery => match PppoeDiscovery::parse(i) {
                Ok((p, _)) => self.layers.push(Layer::PppoeDiscovery(p.to_owned())),
                Err(_) => self.data(i),
            },
            Next::Udp => match Udp::parse(i) {
                Some(u) => {
                    self.layers.push(Layer::Udp(u));
                    let rest = &i[Udp::LEN..];
                    let next = Next::of_udp_ports(u.src_port, u.dst_port, self.prefs);
                    self.next(next, rest);
                }
                None => self.data(i),
            },
            Next::Gre => match Gre::parse(i) {
                Ok((g, n)) => {
                    let next = Next::of_gre_proto(g.proto.value());
                    self.layers.push(Layer::Gre(g.to_owned()));
                    match next {
                        // The tunnel's nesting level is the inner frame's (as the dissector).
                        Next::Ethernet => self.ethernet(&i[n..]),
                        _ => self.tunnel(next, &i[n..]),
                    }
                }
                Err(_) => self.data(i),
            },
            Next::Ethernet => self.ethernet(i),
            Next::Ppp => match PppHdlc::parse(i) {
                Ok((p, n)) => {
                    let proto = p.ppp.protocol.given();
                    self.layers.push(Layer::Ppp(p));
                    match proto.and_then(Ppp::ethertype) {
                        Some(ty) => self.next(Next::of_ethertype(ty), &i[n..]),
                        None => self.data(&i[n..]),
                    }
                }
                Err(_) => self.data(i),
            },
            Next::Vxlan => match Vxlan::parse(i) {
                Ok((v, n)) => {
                    self.layers.push(Layer::Vxlan(v));
                    self.ethernet(&i[n..]);
                }
                Err(_) => self.data(i),
            },
            Next::VxlanGpe => match VxlanGpe::parse(i) {
                Ok((v, n)) => {
                    let np = v.next_proto.given();
                    self.layers.push(Layer::VxlanGpe(v));
                    match np {
                        Some(GpeNextProto::Ipv4) => self.tunnel(Next::Ipv4, &i[n..]),
                        Some(GpeNextProto::Ipv6) => self.tunnel(Next::Ipv6, &i[n..]),
                        Some(GpeNextProto::Ethernet) => self.ethernet(&i[n..]),
                        _ => self.data(&i[n..]),
                    }
                }
                Err(_) => self.data(i),
            },
            Next::Mip4 => match Mip4Msg::parse(i, self.prefs) {
                // Tunnel Data carrying IPv4 (RFC 3519 §3.3): the inner packet is a layer of its
                // own, as the dissector shows it.
                Ok((mut m, n))
                    if matches!(m.fixed, Fixed::TunnelData { next_header: Auto::Given(4), .. }) && !m.trailer.is_empty() =>
                {
                    let inner = std::mem::take(&mut m.trailer);
                    self.layers.push(Layer::Mip4(m.to_owned()));
                    self.tunnel(Next::Ipv4, inner);
                    self.data(&i[n.min(i.len())..]);
                }
                Ok((m, n)) => {
                    self.layers.push(Layer::Mip4(m.to_owned()));
                    self.data(&i[n.min(i.len())..]);
                }
                Err(_) => self.data(i),
            },
            Next::Mh | Next::MhOverUdp => match MhRepr::parse_in(i, self.prefs) {
                Ok((_, m)) => self.layers.push(Layer::Mh(m)),
                Err(_) => self.data(i),
            },
            Next::Ah => self.ipsec(IpProto::Ah.value(), i),
            Next::Esp => self.ipsec(IpProto::Esp.value(), i),
            _ => self.data(i),
        }
    }

    /// AH and ESP outside an IPv6 chain (after IPv4), as the dissector reads them: the same
    /// elements as in the chain, at most 16 Authentication Headers in a row.
    fn ipsec(&mut self, mut nh: u8, mut i: &[u8]) {
        for _ in 0..16 {
            let Some(Ok((e, len))) = ExtHeader::parse(nh, i) else { return self.data(i) };
            let next = match &e {
                ExtHeader::Ah(a) => a.next_header.given(),
                _ => None,
            };
            self.layers.push(Layer::Ipv6Ext(e.to_owned()));
            // (A parse never claims more than it was given; checked all the same.)
            i = i.get(len..).unwrap_or_default();
            match next {
                Some(p) if matches!(Next::of_ip_proto(p), Next::Ah | Next::Esp) => nh = p,
                Some(p) => return self.ip_payload(p, i),
                None => return self.data(i),
            }
        }
        self.data(i)
    }

    /// What an IP protocol number names, a tunnel counted as one.
    fn ip_payload(&mut self, p: u8, payload: &[u8]) {
        let next = Next::of_ip_proto(p);
        if matches!(next, Next::Ipv4 | Next::Ipv6) {
            self.tunnel(next, payload);
        } else {
            self.next(next, payload);
        }
    }

    /// An inner packet of a tunnel, up to `ip.max_nesting` deep (as the dissector).
    fn tunnel(&mut self, next: Next, i: &[u8]) {
        if self.nesting >= self.prefs.max_nesting {
            return self.data(i);
        }
        self.nesting += 1;
        self.next(next, i);
        self.nesting -= 1;
    }

    /// An Ethernet frame inside a tunnel (VXLAN, GRE) or right inside another (EtherType 0x6558).
    fn ethernet(&mut self, i: &[u8]) {
        if self.nesting >= self.prefs.max_nesting {
            return self.data(i);
        }
        match Link::parse(crate::link::linktype::ETHERNET, i) {
            Ok((l, n)) => {
                let ty = l.ethertype(&i[n..]);
                self.layers.push(Layer::Link(l));
                self.nesting += 1;
                match ty {
                    Some(ty) => self.next(Next::of_ethertype(ty), &i[n..]),
                    None => self.data(&i[n..]),
                }
                self.nesting -= 1;
            }
            Err(_) => self.data(i),
        }
    }

    fn ipv6(&mut self, i: &[u8]) {
        // Not version 6: the dissector reads no further either (`ipv6::dissect`).
        if i.first().is_some_and(|b| b >> 4 != RawIp::IPV6_VERSION) {
            return self.data(i);
        }
        let Ok((h, n)) = Ipv6Header::parse(i) else { return self.data(i) };
        // The payload's length as the dissector reads it (a jumbogram's, the framing's rest).
        let (plen, nh) = (h.payload_len.given(), h.next_header.given().unwrap_or(59));
        let declared =
            plen.and_then(|p| crate::ipv6::payload_length(p, nh, i.get(n..).unwrap_or(&[]), self.prefs)).unwrap_or(usize::MAX);
        let end = n.saturating_add(declared).min(i.len());
        self.layers.push(Layer::Ipv6 { header: h, trailer: i[end..].to_vec() });
        let mut nh = h.next_header.given().unwrap_or(59);
        let mut at = n;
        // Extension headers in order, as the dissector walks them (at most 16 of them).
        for _ in 0..16 {
            let Some(parsed) = ExtHeader::parse(nh, &i[at..end]) else { break };
            let Ok((e, len)) = parsed else { return self.data(&i[at..end]) };
            let next = match &e {
                ExtHeader::Opts(o) => o.next_header.given(),
                ExtHeader::Routing(r) => r.next_header.given(),
                // A fragment other than an atomic one (RFC 6946) is not reassembled: data.
                ExtHeader::Fragment(f) => f.next_header.given().filter(|_| f.is_atomic()),
                ExtHeader::Ah(a) => a.next_header.given(),
                ExtHeader::Esp(_) => None,
            };
            self.layers.push(Layer::Ipv6Ext(e.to_owned()));
            at += len;
            match next {
                Some(v) => nh = v,
                None => return self.data(&i[at..end]),
            }
        }
        let payload = &i[at..end];
        match Next::of_ip_proto(nh) {
            n @ (Next::Ipv4 | Next::Ipv6) => self.tunnel(n, payload),
            Next::Data if IpProto::from(nh) == IpProto::NoNext => self.data(payload),
            n => self.next(n, payload),
        }
    }

    fn ipv4(&mut self, i: &[u8]) {
        // As the dissector: version 6 is read as IPv6, another version not at all.
        match i.first().map(|b| b >> 4) {
            Some(RawIp::IPV6_VERSION) => return self.ipv6(i),
            Some(v) if v != RawIp::IPV4_VERSION => return self.data(i),
            _ => {}
        }
        match Ipv4::parse(i) {
            Ok((v, n)) => {
                let end = i.len() - v.trailer.len();
                let h = v.header;
                let fragment = h.frag_offset != 0 || h.flags.has(Ipv4Flags::MF);
                let proto = h.protocol.given();
                self.layers.push(Layer::Ipv4(v.to_owned()));
                let payload = i.get(n..end).unwrap_or_default();
                match proto {
                    // A fragment's payload is not decoded (no reassembly yet): data.
                    Some(p) if !fragment => self.ip_payload(p, payload),
                    _ => self.data(payload),
                }
            }
            Err(_) => self.data(i),
        }
    }
}

/// Leaves every length of `layers` that counts what follows it to be computed on emit (IPv6
/// Payload Length, IPv4 Total Length, UDP Length, PPPoE Length, Enhanced GRE's Payload Length):
/// what a crafter or an edit that changed a size needs, the lengths inside the changed element
/// being that element's own.
pub fn compute_lengths(layers: &mut [Layer]) {
    for l in layers {
        match l {
            Layer::Ipv6 { header, .. } => header.payload_len = Auto::Computed,
            Layer::Ipv4(v) => v.header.total_len = Auto::Computed,
            Layer::Udp(u) => u.length = Auto::Computed,
            Layer::PppoeSession(p) => p.length = Auto::Computed,
            Layer::Gre(Gre { key: Some(GreKey::Enhanced { payload_length, .. }), .. }) => *payload_length = Auto::Computed,
            _ => {}
        }
    }
}

/// Leaves every checksum of the stack to be computed on emit. A UDP checksum of zero over IPv4
/// means "none" (RFC 768) and stays zero: an edit does not add one.
pub fn compute_checksums(layers: &mut [Layer]) {
    let mut over_ipv4 = false;
    for l in layers {
        match l {
            Layer::Ipv4(v) => {
                v.header.checksum = Auto::Computed;
                over_ipv4 = true;
            }
            Layer::Ipv6 { .. } => over_ipv4 = false,
            Layer::Udp(u) if !(over_ipv4 && u.checksum == Auto::Given(0)) => u.checksum = Auto::Computed,
            Layer::Tcp(t) => t.checksum = Auto::Computed,
            Layer::Icmpv4(m) => m.checksum = Auto::Computed,
            Layer::Icmpv6(m) => m.checksum = Auto::Computed,
            Layer::Gre(g) => {
                if let Some(c) = g.checksum.as_mut() {
                    c.value = Auto::Computed;
                }
            }
            Layer::Mh(m) => m.checksum = Auto::Computed,
            _ => {}
        }
    }
}

impl FrameRepr {
    /// Reads a frame of link type `linktype` into its elements, under `prefs` (the drafts'
    /// numbers). Never fails: what no element reads is kept as [`Layer::Data`].
    pub fn parse(linktype: u32, bytes: &[u8], prefs: &Prefs) -> FrameRepr {
        let mut w = Walk { prefs, layers: Vec::new(), nesting: 0 };
        match Link::parse(linktype & 0x03ff_ffff, bytes) {
            Ok((l, n)) => {
                let ty = l.ethertype(&bytes[n..]);
                w.layers.push(Layer::Link(l));
                match ty {
                    Some(ty) => w.next(Next::of_ethertype(ty), &bytes[n..]),
                    None => w.data(&bytes[n..]),
                }
            }
            Err(_) => w.data(bytes),
        }
        FrameRepr { linktype, layers: w.layers }
    }

    /// The frame's octets: every element emitted around the ones above it, computing what was
    /// left to be computed.
    pub fn emit(&self, prefs: &Prefs) -> Result<Vec<u8>, EmitError> {
        let mut out = Vec::new();
        self.emit_into(prefs, &mut EmitBufs::default(), &mut out)?;
        Ok(out)
    }

    /// [`emit`](Self::emit) into `out` (cleared first), with the layers' payloads built in
    /// `bufs`: a writer emitting frame after frame with the same buffers allocates nothing once
    /// they have grown to the frames' size.
    pub fn emit_into(&self, prefs: &Prefs, bufs: &mut EmitBufs, out: &mut Vec<u8>) -> Result<(), EmitError> {
        out.clear();
        if bufs.0.len() < self.layers.len() {
            bufs.0.resize_with(self.layers.len(), Vec::new);
        }
        emit_from(&self.layers, 0, EmitCx::new(prefs), PseudoState::default(), out, &mut bufs.0)
    }
}

/// One payload buffer per layer for [`FrameRepr::emit_into`], kept between frames.
#[derive(Debug, Default)]
pub struct EmitBufs(Vec<Vec<u8>>);

fn emit_from(
    layers: &[Layer],
    index: usize,
    cx: EmitCx<'_>,
    pseudo: PseudoState,
    out: &mut Vec<u8>,
    bufs: &mut [Vec<u8>],
) -> Result<(), EmitError> {
    let Some((first, rest)) = layers.split_first() else {
        return Ok(());
    };
    let above = rest.first();
    let mut spare = Vec::new();
    let (payload, deeper) = match bufs.split_first_mut() {
        Some((p, d)) => (p, d),
        None => (&mut spare, &mut [][..]),
    };
    payload.clear();
    let up = first.pseudo_above(pseudo);
    let inner = EmitCx { ip: up.ctx, next_proto: None, next_ethertype: None, ..cx };
    emit_from(rest, index + 1, inner, up, payload, deeper)?;
    let here = EmitCx { next_proto: above.and_then(Layer::ip_proto), next_ethertype: above.and_then(Layer::ethertype), ..cx };
    first.emit(payload, &here, out).map_err(|why| EmitError { layer: index, why })
}
