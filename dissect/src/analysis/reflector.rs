//! Seed 001, draft-cui-netext-route-optimization-agent-ext-00: the MAG that answers route
//! optimization for an attached node routes its packets with a type 2 routing header, but
//! never a Neighbor Discovery packet (§4.1.2). The ICMPv6 parser records a Neighbor Discovery
//! message that travels under a type 2 routing header ([`NdFact`]); nothing else is recorded.

use super::rules::REFLECTOR_RH2_ON_ND;
use super::Pass;
use crate::tree::{Anchor, Tree};

/// A Neighbor Discovery message (RFC 4861 types 133–137) in a packet with a type 2 routing
/// header.
#[derive(Debug, Clone, Copy)]
pub struct NdFact {
    /// Frame offset of the ICMPv6 Type octet.
    pub ty_at: u32,
    pub ty: u8,
    pub at: Anchor,
    pub proto: &'static str,
}

/// Records the ICMPv6 message of type `ty` at `off` when it is Neighbor Discovery under a type
/// 2 routing header (not in a packet an ICMP error quotes).
pub fn observe(t: &mut Tree<'_>, off: usize, ty: u8) {
    if (133..=137).contains(&ty) && t.pkt.rh2.is_some() && !t.in_error {
        let (at, proto) = (t.anchor(), t.d.last_protocol);
        t.d.facts.nd_rh2.push(NdFact { ty_at: off as u32, ty, at, proto });
    }
}

/// §4.1.2: "the MAG MUST NOT do this [use a type 2 routing header] ... When forwarding an IPv6
/// Neighbor Discovery packet."
pub fn check(p: &mut Pass<'_, '_>, f: &NdFact) {
    p.proto = f.proto;
    p.finding(f.at, &REFLECTOR_RH2_ON_ND, f.ty_at, 1, Some(format_args!("ICMPv6 type {}", f.ty)));
}
