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
use crate::gre::Gre;
use crate::ipv4::{Ipv4, Ipv4Flags, Udp};
use crate::link::Link;
use crate::mh::MhRepr;
use crate::model::EmitCx;
use crate::pppoe::{Ppp, PppoeDiscovery, PppoeSession};
use crate::prefs::Prefs;
use crate::vxlan::{GpeNextProto, Vxlan, VxlanGpe};
use crate::{IpCtx, Next};

/// One element of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    Link(Link),
    Ipv4(Ipv4<Vec<u8>>),
    Arp(Arp<Vec<u8>>),
    PppoeSession(PppoeSession<Vec<u8>>),
    PppoeDiscovery(PppoeDiscovery<Vec<u8>>),
    Udp(Udp),
    Gre(Gre),
    Vxlan(Vxlan),
    VxlanGpe(VxlanGpe),
    Mh(MhRepr),
    /// Octets no element reads: a payload nothing decodes, or the rest of a frame after a cut.
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
            Layer::Ipv4(_) => 4,
            Layer::Udp(_) => 17,
            Layer::Gre(_) => 47,
            Layer::Mh(_) => 135,
            _ => return None,
        })
    }

    /// The EtherType naming this element (what a computed EtherType, PPP protocol or GRE
    /// protocol below it becomes).
    pub fn ethertype(&self) -> Option<u16> {
        Some(match self {
            Layer::Ipv4(_) => 0x0800,
            Layer::Arp(_) => 0x0806,
            Layer::PppoeSession(_) => 0x8864,
            Layer::PppoeDiscovery(_) => 0x8863,
            Layer::Link(Link::Ethernet(_)) => 0x6558,
            _ => return None,
        })
    }

    /// The pseudo-header the elements above this one use, given the one below.
    fn pseudo_above(&self, below: Option<IpCtx>) -> Option<IpCtx> {
        match self {
            Layer::Ipv4(v) => Some(v.header.ip_ctx()),
            _ => below,
        }
    }

    /// Appends this element around `payload` (the emitted octets of everything above it).
    fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), String> {
        let e = |e: &dyn std::fmt::Display| e.to_string();
        match self {
            Layer::Link(l) => l.emit(payload, cx, out),
            Layer::Ipv4(v) => v.emit(payload, cx, out).map_err(|x| e(&x))?,
            Layer::Arp(a) => {
                a.emit(out).map_err(|x| e(&x))?;
                out.extend_from_slice(payload);
            }
            Layer::PppoeSession(p) => p.emit(payload, cx, out).map_err(|x| e(&x))?,
            Layer::PppoeDiscovery(p) => {
                p.emit(out).map_err(|x| e(&x))?;
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
            Layer::Data(d) => {
                out.extend_from_slice(d);
                out.extend_from_slice(payload);
            }
        }
        Ok(())
    }
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
                Ok((g, n)) if g.flags_word().version() == 0 => {
                    let proto = g.proto;
                    self.layers.push(Layer::Gre(g.to_owned()));
                    let next = match proto {
                        0x0800 | 0x86dd => Next::of_ethertype(proto),
                        _ => Next::Data,
                    };
                    self.tunnel(next, &i[n..]);
                }
                _ => self.data(i),
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
            Next::Mh | Next::MhOverUdp => match MhRepr::parse_in(i, self.prefs) {
                Ok((_, m)) => self.layers.push(Layer::Mh(m)),
                Err(_) => self.data(i),
            },
            _ => self.data(i),
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

    /// An Ethernet frame inside a tunnel (VXLAN).
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

    fn ipv4(&mut self, i: &[u8]) {
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
                    Some(p) if !fragment => {
                        let next = Next::of_ip_proto(p);
                        if matches!(next, Next::Ipv4 | Next::Ipv6) {
                            self.tunnel(next, payload);
                        } else {
                            self.next(next, payload);
                        }
                    }
                    _ => self.data(payload),
                }
            }
            Err(_) => self.data(i),
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
        emit_from(&self.layers, 0, EmitCx::new(prefs), &mut out)?;
        Ok(out)
    }
}

fn emit_from(layers: &[Layer], index: usize, cx: EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), EmitError> {
    let Some((first, rest)) = layers.split_first() else {
        return Ok(());
    };
    let above = rest.first();
    let mut payload = Vec::new();
    let inner = EmitCx { ip: first.pseudo_above(cx.ip), next_proto: None, next_ethertype: None, ..cx };
    emit_from(rest, index + 1, inner, &mut payload)?;
    let here = EmitCx { next_proto: above.and_then(Layer::ip_proto), next_ethertype: above.and_then(Layer::ethertype), ..cx };
    first.emit(&payload, &here, out).map_err(|why| EmitError { layer: index, why })
}
