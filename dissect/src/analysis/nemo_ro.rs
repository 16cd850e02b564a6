//! Seed 000, draft-huang-nemo-mn-ro-00: the CoTI/CoT annotations and rules (§4.2; §6 for a CoT
//! against its CoTI, through request/response tracking), the BU of a node back home (§5.7), the BRR's
//! H and M flag rules (§4.1.3), the Route Optimization Request and Acknowledgement recognised by who sends
//! a BU or BA to whom (§4.1.1, §4.1.2, §5.3: mobile routers configured in `nemo.mr_addresses`
//! or learned from earlier frames), a VCoA registered with a BID (§5.8: the VCoAs RO
//! Acknowledgements and BRRs with H hand out are learned) with a priority above the node's
//! other care-of address (§5.3), the data to and from a VCoA (§5.4.1), and what a NEMO BU
//! teaches later frames (RFC 3963).

use super::data::DataFact;
use super::rules::{
    NEMO_RO_ACK_WITHOUT_ACOA, NEMO_RO_BRR_H_WITHOUT_ACOA, NEMO_RO_BRR_H_WITHOUT_M, NEMO_RO_BRR_M_NOT_FROM_MR,
    NEMO_RO_COTI_WITHOUT_HAO, NEMO_RO_COT_RH2_NOT_COTI_HOA, NEMO_RO_COT_WITHOUT_RH2, NEMO_RO_HOME_BU_LIFETIME,
    NEMO_RO_REQUEST_WITHOUT_HAO, NEMO_RO_VCOA_BU_WITHOUT_BID, NEMO_RO_VCOA_DATA_WITHOUT_HAO, NEMO_RO_VCOA_DATA_WITHOUT_RH2,
    NEMO_RO_VCOA_PRIORITY, NEMO_RO_VCOA_TUNNEL_NOT_VMN_COA, RFC6275_HAO_NOT_DSTOPTS,
};
use super::track::memo;
use super::{Draft, MhFacts, MsgFixed, OptFact, Pass};
use crate::field::Value;
use crate::mh::msg::binding::{BrrFlags, BuFlags};
use crate::mh::seeds::nemo_ro::{NEMO_COTI_HOA, NEMO_COT_HOA, NEMO_RO_ACK, NEMO_RO_REQUEST, NEMO_VCOA};
use crate::mh::MhType;
use crate::tree::Lesson;
use std::net::Ipv6Addr;

pub static DRAFT: Draft = Draft { message, option, after_options };

/// Seed 000 §4.2: a CoTI carries the VMN's Home Address option, a CoT a type 2 routing
/// header with its home address.
fn message(p: &mut Pass<'_, '_>, m: &MhFacts) {
    // The type first: matching the three as a tuple copied both addresses for every message.
    match m.msg {
        Some(MhType::CareOfTestInit) => {
            if let Some(h) = m.pkt.hao {
                p.generated(m.fixed_end, &NEMO_COTI_HOA, m.body, 0, Value::Ipv6(h));
            }
        }
        Some(MhType::CareOfTest) => {
            if let Some(h) = m.pkt.rh2 {
                p.generated(m.fixed_end, &NEMO_COT_HOA, m.body, 0, Value::Ipv6(h));
            }
        }
        _ => {}
    }
}

fn option(_: &mut Pass<'_, '_>, _: &MhFacts, _: &OptFact) {}

fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    match m.msg {
        Some(MhType::BindingRefreshRequest) => {
            brr(p, m);
            brr_m(p, m);
        }
        Some(MhType::CareOfTestInit) => coti(p, m),
        Some(MhType::CareOfTest) => cot(p, m),
        Some(MhType::BindingUpdate) if m.bu_flags().is_some() => {
            ro_request(p, m);
            home_bu(p, m);
            vcoa_bu(p, m);
            vcoa_priority(p, m);
            learn(p, m);
        }
        Some(MhType::BindingAcknowledgement) => ro_ack(p, m),
        _ => {}
    }
}

/// §4.1.3, §5.8: a BRR with H set hands out a new VCoA in an Alternate CoA option, and H
/// needs M.
fn brr(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(flags), Some(at)) = (m.brr_flags(), m.end) else { return };
    if !flags.has(BrrFlags::H) {
        return;
    }
    // Judged as sent, not as quoted in an ICMP error (the sent one was judged); what it says
    // is still shown inside the quote.
    if !flags.has(BrrFlags::M) && !m.quoted() {
        p.finding(at, &NEMO_RO_BRR_H_WITHOUT_M, m.body, 2, None);
    }
    match m.alt_coa {
        Some(a) => {
            if !m.quoted() {
                p.t.d.lessons.push(Lesson::Vcoa(a));
            }
            p.generated(at, &NEMO_VCOA, m.body, 2, Value::Ipv6(a));
            p.info_append(m.info, format_args!(" new VCoA={}", Ipv6Addr::from(a)));
        }
        None if !m.quoted() => p.finding(at, &NEMO_RO_BRR_H_WITHOUT_ACOA, m.body, 2, None),
        None => {}
    }
}

/// §4.1.3: M says the BRR comes from a mobile router. Judged only when `nemo.mr_addresses`
/// names the mobile routers (profiles.md: a role nobody announced is not guessed); one that
/// registered its prefixes (R flag) counts as well.
fn brr_m(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(flags), Some(at), Some((src, dst))) = (m.brr_flags(), m.end, m.pkt.ip6) else { return };
    if !flags.has(BrrFlags::M) || p.t.prefs.nemo_mr_addresses.is_empty() || m.quoted() {
        return;
    }
    if !p.t.state.is_mobile_router_for(p.t.prefs, &src, &dst) {
        p.finding(at, &NEMO_RO_BRR_M_NOT_FROM_MR, m.body, 2, Some(format_args!("source {}", Ipv6Addr::from(src))));
    }
}

/// §4.2, §5.5: a CoTI a visiting node sends its mobile router (the return routability test
/// before the RO Request) carries its Home Address option.
fn coti(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some((src, dst))) = (m.end, m.pkt.ip6) else { return };
    if m.pkt.hao.is_none() && !m.quoted() && p.t.state.is_mobile_router_for(p.t.prefs, &dst, &src) {
        p.finding(at, &NEMO_RO_COTI_WITHOUT_HAO, m.mh, 0, None);
    }
}

/// §4.2, §5.5: the CoT a mobile router answers a visiting node with carries the node's home
/// address in a type 2 routing header.
fn cot(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some((src, dst))) = (m.end, m.pkt.ip6) else { return };
    if m.pkt.rh2.is_none() && !m.quoted() && p.t.state.is_mobile_router_for(p.t.prefs, &src, &dst) {
        p.finding(at, &NEMO_RO_COT_WITHOUT_RH2, m.mh, 0, None);
    }
}

/// §4.1.1 / §5.3: a BU with HAO sent by a visiting node (from its care-of address, the IPv6
/// source) to its mobile router asks it for a VCoA; without the HAO it breaks §4.1.1.
fn ro_request(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some((src, dst))) = (m.end, m.pkt.ip6) else { return };
    if !p.t.state.is_mobile_router_for(p.t.prefs, &dst, &src) {
        return;
    }
    let Some(hoa) = m.pkt.hao else {
        if !m.quoted() {
            p.finding(at, &NEMO_RO_REQUEST_WITHOUT_HAO, m.mh, 0, None);
        }
        return;
    };
    // §5.3: the mobile router's Route Optimization Cache binds the home address to the care-of
    // address the request came from (the VMN_CoA §5.4.1's tunnels end at).
    if !m.quoted() && matches!(m.fixed, Some(MsgFixed::Bu(bu)) if bu.lifetime != 0) {
        p.t.d.lessons.push(Lesson::RoCache { hoa, coa: src });
    }
    let (hoa, mr) = (Ipv6Addr::from(hoa), Ipv6Addr::from(dst));
    p.text(at, &NEMO_RO_REQUEST, m.body, 0, format_args!("VMN {hoa} asks mobile router {mr} for a VCoA"));
    p.info_prefix(m.info, "RO Request: ");
}

/// RFC 3963: a NEMO BU (R flag) teaches the mobile router's home address and the prefixes it
/// registered. Recorded as lessons of this frame; the capture's driver applies them
/// ([`crate::tree::CaptureState::learn`]).
fn learn(p: &mut Pass<'_, '_>, m: &MhFacts) {
    // A BU quoted in an ICMP error was refused or undeliverable: it registered nothing.
    if m.quoted() || !m.bu_flags().is_some_and(|f| f.has(BuFlags::R)) {
        return;
    }
    let Some(home) = m.pkt.hao.or(m.pkt.ip6.map(|(src, _)| src)) else { return };
    p.t.d.lessons.push(Lesson::MobileRouter(home));
    // A /0 (or impossible) prefix would make every address the mobile router's: only real
    // prefixes are learned.
    for &(pfx, n) in p.facts.prefixes_of(m).iter().filter(|(_, n)| (1..=128).contains(n)) {
        p.t.d.lessons.push(Lesson::MobileNetworkPrefix(pfx, n));
    }
}

/// Whether a BA is an RO Acknowledgement: from a mobile router to a node of its network, and
/// accepting (seed 000 §5.3 defines it for an accepted request only: a refusal, status 128 or
/// more by RFC 6275 §6.1.8, is a plain BA). The one test, for this module and RFC 6275's rule
/// on where an Alternate Care-of Address option may go.
pub(super) fn is_ro_ack(p: &Pass<'_, '_>, m: &MhFacts) -> bool {
    m.msg == Some(MhType::BindingAcknowledgement)
        && m.ba_status().is_some_and(|st| st.value() < 128)
        && m.pkt.ip6.is_some_and(|(src, dst)| p.t.state.is_mobile_router_for(p.t.prefs, &src, &dst))
}

/// §4.1.2 / §5.3: a BA from the mobile router to the visiting node's care-of address (the
/// IPv6 destination; its home address is in the type 2 routing header) accepting the request
/// grants the VCoA in an Alternate CoA option.
fn ro_ack(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some((src, _))) = (m.end, m.pkt.ip6) else { return };
    if !is_ro_ack(p, m) {
        return;
    }
    // Nor does it grant a VCoA to a de-registration (lifetime 0), and a quote in an ICMP error
    // was judged when it was sent.
    let deregistration = matches!(m.fixed, Some(MsgFixed::Ba(ba)) if ba.lifetime == 0);
    match m.alt_coa {
        Some(v) => {
            if !m.quoted() {
                p.t.d.lessons.push(Lesson::Vcoa(v));
            }
            let (mr, vcoa) = (Ipv6Addr::from(src), Ipv6Addr::from(v));
            p.text(at, &NEMO_RO_ACK, m.body, 0, format_args!("mobile router {mr} grants VCoA {vcoa}"));
            p.generated(at, &NEMO_VCOA, m.body, 0, Value::Ipv6(v));
            p.info_prefix(m.info, "RO Acknowledgement: ");
            p.info_append(m.info, format_args!(" VCoA={vcoa}"));
        }
        // A BA from a mobile router to a VMN's home address (type 2 routing header) answers an
        // RO Request; without the Alternate CoA it breaks §4.1.2.
        None if m.pkt.rh2.is_some() && !deregistration && !m.quoted() => {
            p.finding(at, &NEMO_RO_ACK_WITHOUT_ACOA, m.body, 1, None)
        }
        None => {}
    }
}

/// §5.7: a node back home de-registers with lifetime zero. On the wire, a Binding Update that
/// names its home address as its care-of address: an Alternate Care-of Address equal to the
/// home address (the Home Address option's, or the source when there is none). A BU without
/// either option is not judged: from home (RFC 6275 §11.5.4) and missing its Home Address option
/// look the same, and the node's place is not guessed (profiles.md). Not judged either: a proxy
/// registration (P: RFC 5213, seed 004), one with Binding Identifiers (RFC 5648 §5.6 lets a node
/// at home keep foreign bindings) or an IPv4 care-of address (RFC 5555), and a BU to the node's
/// mobile router (an RO Request, §4.1.1).
fn home_bu(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(super::MsgFixed::Bu(bu)), Some(at), Some((src, dst)), Some(coa)) = (m.fixed, m.end, m.pkt.ip6, m.alt_coa) else {
        return;
    };
    if bu.lifetime == 0 || bu.flags.has(BuFlags::P) || m.quoted() || p.damaged() {
        return;
    }
    // A Home Address option outside a Destination Options header is not the packet's home
    // address (check.rfc6275.hao_not_dstopts, one finding).
    let misplaced_hao = p.t.d.experts.iter().any(|e| std::ptr::eq(e.def, &RFC6275_HAO_NOT_DSTOPTS.expert));
    let hoa = m.pkt.hao.unwrap_or(src);
    if misplaced_hao
        || coa != hoa
        || !p.facts.bids_of(m).is_empty()
        || p.facts.has_opt(m, &crate::mh::opt::dsmip::P_IPV4COA)
        || p.t.state.is_mobile_router_for(p.t.prefs, &dst, &src)
    {
        return;
    }
    p.finding(
        at,
        &NEMO_RO_HOME_BU_LIFETIME,
        m.body + 4,
        2,
        Some(format_args!(
            "Alternate Care-of Address = home address {}, lifetime {} s",
            Ipv6Addr::from(hoa),
            u32::from(bu.lifetime) * 4
        )),
    );
}

/// §5.8 (and §5.3): a visiting node registers a VCoA its mobile router handed out (an RO
/// Acknowledgement, a BRR with H: learned by earlier frames) with a Binding Unique Identifier.
/// Judged on a BU with a lifetime whose care-of address (its Alternate Care-of Address, else
/// its source) is such a VCoA; not a proxy registration, nor a BU to the mobile router (an RO
/// Request registers the node's own care-of address).
fn vcoa_bu(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(MsgFixed::Bu(bu)), Some(at), Some((src, dst))) = (m.fixed, m.end, m.pkt.ip6) else { return };
    if bu.lifetime == 0 || bu.flags.has(BuFlags::P) || m.quoted() || p.damaged() || !p.facts.bids_of(m).is_empty() {
        return;
    }
    if p.t.state.is_mobile_router_for(p.t.prefs, &dst, &src) {
        return;
    }
    let coa = m.alt_coa.unwrap_or(src);
    p.t.d.read_keys = true;
    if p.t.state.is_vcoa(&coa) {
        p.finding(
            at,
            &NEMO_RO_VCOA_BU_WITHOUT_BID,
            m.body,
            0,
            Some(format_args!("care-of address {} is a VCoA a mobile router handed out", Ipv6Addr::from(coa))),
        );
    }
}

/// §5.3: "VCoA SHOULD have higher priority than VMN_CoA", the priority a Binding Identifier
/// carries: RFC 6089's BID-PRI in RFC 5648's layout (lower is higher priority; 0 is unset and
/// not compared; the draft-03 layout has none). Judged within one BU naming several bindings,
/// each at its option's care-of address or else the BU's (its Alternate Care-of Address, else
/// its source): a VCoA handed out earlier in the capture ranks below another care-of address.
fn vcoa_priority(p: &mut Pass<'_, '_>, m: &MhFacts) {
    use crate::mh::seeds::mcoa::BidRfcFlags;
    use crate::prefs::BidLayout;
    let (Some(at), Some((src, _))) = (m.end, m.pkt.ip6) else { return };
    let bids = p.facts.bids_of(m);
    // The VCoAs are versioned as the roles are ([`crate::tree::CaptureState::version`]): no key read.
    if m.quoted() || bids.len() < 2 || p.t.state.vcoas.is_empty() {
        return;
    }
    let bu_coa = m.alt_coa.unwrap_or(src);
    let data = p.t.all;
    // (care-of address, BID-PRI, BID) of each RFC 5648 BID with a priority.
    let ranked = || {
        bids.iter().filter(|b| b.layout == BidLayout::Rfc5648 && BidRfcFlags(b.flags).bid_pri() != 0).map(move |b| {
            let at = b.at as usize + 6;
            let coa = data.get(at..at + 16).filter(|_| b.len == 20).and_then(|c| <[u8; 16]>::try_from(c).ok()).unwrap_or(bu_coa);
            (coa, BidRfcFlags(b.flags).bid_pri(), b)
        })
    };
    let state = p.t.state;
    let Some((vcoa, pri, vb)) = ranked().filter(|r| state.is_vcoa(&r.0)).max_by_key(|r| r.1) else { return };
    let Some((coa, better, _)) = ranked().filter(|r| !state.is_vcoa(&r.0)).min_by_key(|r| r.1).filter(|r| r.1 < pri) else {
        return;
    };
    p.finding(
        at,
        &NEMO_RO_VCOA_PRIORITY,
        vb.at + 5,
        1,
        Some(format_args!(
            "VCoA {} (BID {}) BID-PRI {pri}, care-of address {} BID-PRI {better}",
            Ipv6Addr::from(vcoa),
            vb.bid,
            Ipv6Addr::from(coa)
        )),
    );
}

/// §5.4.1: the data a mobile router's VCoA carries is routed as RFC 6275 routes it: from the
/// VCoA with the home address in a Home Address option (the node's, tunnelled to its mobile
/// router and sent on to the correspondent), to the VCoA under a type 2 routing header naming
/// the home address (the correspondent's, tunnelled on to the node's VMN_CoA). Judged on data
/// ([`super::data`]) whose source or destination is a VCoA handed out earlier in the capture;
/// not on a tunnel's outer header (the home agent's tunnel to the VCoA as a care-of address, its
/// inner packet judged on its own) nor ICMPv6.
pub(crate) fn data(p: &mut Pass<'_, '_>, f: &DataFact) {
    if f.nh == 41 || f.nh == 58 {
        return;
    }
    // The VCoAs are versioned as the roles are: no key read, so a tunnel's batch is not
    // dissected again whenever a token is learned.
    if p.t.state.vcoas.is_empty() {
        return;
    }
    if f.hao.is_none() && p.t.state.is_vcoa(&f.src) {
        p.finding(
            f.at,
            &NEMO_RO_VCOA_DATA_WITHOUT_HAO,
            f.ip6 + 8,
            16,
            Some(format_args!("inner source {}", Ipv6Addr::from(f.src))),
        );
    }
    if f.rh2.is_none() && p.t.state.is_vcoa(&f.dst) {
        p.finding(
            f.at,
            &NEMO_RO_VCOA_DATA_WITHOUT_RH2,
            f.ip6 + 24,
            16,
            Some(format_args!("inner destination {}", Ipv6Addr::from(f.dst))),
        );
    }
    // The tunnel's end at the visiting node is the VMN_CoA its RO Request registered for the
    // home address the inner packet names (the mobile router's end, one of its addresses, is
    // not judged).
    let Some((at, src, dst)) = f.outer else { return };
    let (end, home, what) = if p.t.state.is_vcoa(&f.src) {
        (src, f.hao, "source")
    } else if p.t.state.is_vcoa(&f.dst) {
        (dst, f.rh2, "destination")
    } else {
        return;
    };
    let Some(coa) = home.and_then(|h| p.t.state.ro_coa(&h)).filter(|c| *c != end) else { return };
    p.finding(
        f.at,
        &NEMO_RO_VCOA_TUNNEL_NOT_VMN_COA,
        at + if what == "source" { 8 } else { 24 },
        16,
        Some(format_args!(
            "outer {what} {}, the RO Request registered {} for home address {}",
            Ipv6Addr::from(end),
            Ipv6Addr::from(coa),
            Ipv6Addr::from(home.unwrap_or_default())
        )),
    );
}

/// §6 (and §5.6): the CoT answering a CoTI that carried a Home Address option brings that home
/// address back in a type 2 routing header, so the mobile router in front of the VCoA can hand
/// it to the visiting node. Called by the pair rules ([`super::pairs`]) with the CoTI's memo.
pub(crate) fn cot_answer(p: &mut Pass<'_, '_>, m: &MhFacts, coti: u64, req: u64) {
    let (Some(at), Some((src, dst))) = (m.end, m.pkt.ip6) else { return };
    if coti & memo::VALID == 0 || coti & memo::COTI_HAO == 0 || m.quoted() {
        return;
    }
    match m.pkt.rh2 {
        Some(h) if memo::is_coti_hoa(coti, &h) => {}
        Some(h) => p.finding(
            at,
            &NEMO_RO_COT_RH2_NOT_COTI_HOA,
            m.mh,
            0,
            Some(format_args!(
                "the type 2 routing header names {}, not the home address of the Care-of Test Init in frame {req}",
                Ipv6Addr::from(h)
            )),
        ),
        // A mobile router's CoT without the header breaks §4.2's rule, already a finding.
        None if p.t.state.is_mobile_router_for(p.t.prefs, &src, &dst) => {}
        None => p.finding(
            at,
            &NEMO_RO_COT_RH2_NOT_COTI_HOA,
            m.mh,
            0,
            Some(format_args!("no type 2 routing header; the Care-of Test Init in frame {req} carried a Home Address option")),
        ),
    }
}
