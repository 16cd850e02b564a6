//! Seed 001, draft-cui-netext-route-optimization-agent-ext-00: the MAG that answers route
//! optimization for an attached node routes its packets with a type 2 routing header, but
//! never a Neighbor Discovery packet, nor a Mobility Header message RFC 6275 §6.1 keeps from it
//! (§4.1.2). The ICMPv6 parser records a Neighbor Discovery message that travels under a type 2
//! routing header ([`NdFact`]); a Care-of Test is judged against its Care-of Test Init through
//! request/response tracking ([`cot_answer`]).

use super::rules::{REFLECTOR_RH2_ON_COT, REFLECTOR_RH2_ON_ND};
use super::track::memo;
use super::{MhFacts, Pass};
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
    if crate::icmpv6::Icmp6Type::from(ty).is_nd() && t.pkt.rh2.is_some() && !t.in_error {
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

/// §4.1.2: "the MAG MUST NOT do this [use a type 2 routing header] ... When forwarding the
/// packets that are noted in Section 6.1 of [RFC3775]": a Mobility Header message other than a
/// Binding Acknowledgement. RFC 6275's rule (`check.rfc6275.mh_with_rh2`) leaves the CoT alone,
/// since seed 000 §4.2 gives one a routing header; a CoT is judged here against its CoTI: one
/// that carried no Home Address option gave no home address to route to (seed 000's exchange
/// would have), unless a mobile router answers its visiting node (seed 000 §4.2 again).
pub(crate) fn cot_answer(p: &mut Pass<'_, '_>, m: &MhFacts, coti: u64, req: u64) {
    let (Some(at), Some((src, dst)), Some(_)) = (m.end, m.pkt.ip6, m.pkt.rh2) else { return };
    if coti & memo::VALID == 0 || coti & memo::COTI_HAO != 0 || m.quoted() {
        return;
    }
    if p.t.state.is_mobile_router_for(p.t.prefs, &src, &dst) {
        return;
    }
    p.finding(
        at,
        &REFLECTOR_RH2_ON_COT,
        m.mh,
        0,
        Some(format_args!("the Care-of Test Init in frame {req} carried no Home Address option")),
    );
}
