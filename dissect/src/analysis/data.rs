//! Data packets of route optimisation: what the drafts say of packets that are not signalling.
//! The IPv6 parser records an IPv6 header that carries data (neither a Mobility Header, whose
//! rules are the message's, nor Neighbor Discovery, [`super::reflector`]'s) when it has a type 2
//! routing header or sits directly inside another IPv6 header (IPv6 in IPv6), and any data once
//! a mobile router handed out a VCoA (seed 000 §5.4.1, whose rules also read the Home Address
//! option): one test of two fields the chain walk filled and of the capture state, so a frame
//! without them (a Binding Update with its Home Address option among them) costs nothing.
//! The checks are the documents': seed 004 §7 ([`super::pmipro::rh2_data`],
//! [`super::pmipro::tunnelled`]) and seed 000 §5.4.1 ([`super::nemo_ro::data`]).

use super::Pass;
use crate::tree::{Anchor, Tree};

/// An IPv6 header carrying data with a type 2 routing header or an IPv6 header around it, or
/// any once a VCoA was handed out.
#[derive(Debug, Clone, Copy)]
pub struct DataFact {
    /// Frame offset of the IPv6 header.
    pub ip6: u32,
    pub src: [u8; 16],
    pub dst: [u8; 16],
    /// What follows the extension headers (Next Header).
    pub nh: u8,
    /// The type 2 routing header's home address.
    pub rh2: Option<[u8; 16]>,
    /// The Home Address option's address.
    pub hao: Option<[u8; 16]>,
    /// The IPv6 header it is the payload of (frame offset, source, destination).
    pub outer: Option<(u32, [u8; 16], [u8; 16])>,
    pub at: Anchor,
    pub proto: &'static str,
}

/// Records the IPv6 header at `off` (addresses `addrs`, inside `outer` when tunnelled) whose
/// extension headers the parser walked up to `nh` at `at`, when it carries data. The caller
/// tests first that a type 2 routing header or outer header is there, or a VCoA was handed out.
pub fn observe(
    t: &mut Tree<'_>,
    off: usize,
    addrs: ([u8; 16], [u8; 16]),
    outer: Option<(usize, [u8; 16], [u8; 16])>,
    nh: u8,
    at: usize,
) {
    use crate::IpProto;
    let proto = IpProto::from(nh);
    let nd = |ty: u8| crate::icmpv6::Icmp6Type::from(ty).is_nd();
    if proto == IpProto::Mobility || (proto == IpProto::Icmpv6 && t.rd().u8(at).is_some_and(nd)) {
        return;
    }
    let (anchor, proto) = (t.anchor(), t.d.last_protocol);
    let (rh2, hao) = (t.pkt.rh2, t.pkt.hao);
    let outer = outer.map(|(o, s, d)| (o as u32, s, d));
    t.d.facts.data.push(DataFact { ip6: off as u32, src: addrs.0, dst: addrs.1, nh, rh2, hao, outer, at: anchor, proto });
}

/// The documents' checks of one data packet.
pub fn check(p: &mut Pass<'_, '_>, f: &DataFact) {
    p.proto = f.proto;
    if let Some(home) = f.rh2 {
        super::pmipro::rh2_data(p, f, home);
    }
    if let Some(outer) = f.outer {
        super::pmipro::tunnelled(p, f, outer);
    }
    super::nemo_ro::data(p, f);
}
