//! Seed 000, draft-huang-nemo-mn-ro-00: the CoTI/CoT annotations (§4.2), the BRR's H flag
//! rules (§4.1.3), the Route Optimization Request and Acknowledgement recognised by who sends
//! a BU or BA to whom (§4.1.1, §4.1.2, §5.3: mobile routers configured in `nemo.mr_addresses`
//! or learned from earlier frames), and what a NEMO BU teaches later frames (RFC 3963).

use super::rules::{NEMO_RO_ACK_WITHOUT_ACOA, NEMO_RO_BRR_H_WITHOUT_ACOA, NEMO_RO_BRR_H_WITHOUT_M};
use super::{Draft, MhFacts, OptFact, Pass};
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
    match (m.msg, m.pkt.hao, m.pkt.rh2) {
        (Some(MhType::CareOfTestInit), Some(h), _) => p.generated(m.fixed_end, &NEMO_COTI_HOA, m.body, 0, Value::Ipv6(h)),
        (Some(MhType::CareOfTest), _, Some(h)) => p.generated(m.fixed_end, &NEMO_COT_HOA, m.body, 0, Value::Ipv6(h)),
        _ => {}
    }
}

fn option(_: &mut Pass<'_, '_>, _: &MhFacts, _: &OptFact) {}

fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    match m.msg {
        Some(MhType::BindingRefreshRequest) => brr(p, m),
        Some(MhType::BindingUpdate) if m.bu_flags().is_some() => {
            ro_request(p, m);
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
    if !flags.has(BrrFlags::M) {
        p.finding(at, &NEMO_RO_BRR_H_WITHOUT_M, m.body, 2, None);
    }
    match m.alt_coa {
        Some(a) => {
            p.generated(at, &NEMO_VCOA, m.body, 2, Value::Ipv6(a));
            p.info_append(m.info, format_args!(" new VCoA={}", Ipv6Addr::from(a)));
        }
        None => p.finding(at, &NEMO_RO_BRR_H_WITHOUT_ACOA, m.body, 2, None),
    }
}

/// §4.1.1 / §5.3: a BU with HAO sent by a visiting node (from its care-of address, the IPv6
/// source) to its mobile router asks it for a VCoA.
fn ro_request(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some(hoa), Some((src, dst))) = (m.end, m.pkt.hao, m.pkt.ip6) else { return };
    if p.t.state.is_mobile_router_for(p.t.prefs, &dst, &src) {
        let (hoa, mr) = (Ipv6Addr::from(hoa), Ipv6Addr::from(dst));
        p.text(at, &NEMO_RO_REQUEST, m.body, 0, format_args!("VMN {hoa} asks mobile router {mr} for a VCoA"));
        p.info_prefix(m.info, "RO Request: ");
    }
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

/// §4.1.2 / §5.3: a BA from the mobile router to the visiting node's care-of address (the
/// IPv6 destination; its home address is in the type 2 routing header) accepting the request
/// grants the VCoA in an Alternate CoA option.
fn ro_ack(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some((src, dst))) = (m.end, m.pkt.ip6) else { return };
    if !p.t.state.is_mobile_router_for(p.t.prefs, &src, &dst) {
        return;
    }
    // Seed 000 §5.3 defines the RO Acknowledgement for an accepted request only: a refusal
    // (status 128 or more, RFC 6275 §6.1.8) is a plain BA, which needs no Alternate CoA.
    if m.ba_status().is_none_or(|st| st.value() >= 128) {
        return;
    }
    match m.alt_coa {
        Some(v) => {
            let (mr, vcoa) = (Ipv6Addr::from(src), Ipv6Addr::from(v));
            p.text(at, &NEMO_RO_ACK, m.body, 0, format_args!("mobile router {mr} grants VCoA {vcoa}"));
            p.generated(at, &NEMO_VCOA, m.body, 0, Value::Ipv6(v));
            p.info_prefix(m.info, "RO Acknowledgement: ");
            p.info_append(m.info, format_args!(" VCoA={vcoa}"));
        }
        // A BA from a mobile router to a VMN's home address (type 2 routing header) answers an
        // RO Request; without the Alternate CoA it breaks §4.1.2.
        None if m.pkt.rh2.is_some() => p.finding(at, &NEMO_RO_ACK_WITHOUT_ACOA, m.body, 1, None),
        None => {}
    }
}
