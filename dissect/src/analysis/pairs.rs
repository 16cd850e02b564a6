//! Rules about an answer and its request, with request/response tracking's pairs: the tracker
//! carries a few facts of each waiting request ([`track::memo`]), so the state stays bounded.

use super::rules::{
    MCOA_BA_ACCEPTS_REFUSED_BU, MCOA_BA_BIDS_NOT_COPIED, MCOA_BA_FLAG_CONFLICTS_FLAGS_EQUAL, MCOA_BA_LENGTH_REFUSAL_STATUS,
    MCOA_BRR_BID_NOT_IN_BU, MCOA_COT_BIDS_NOT_COPIED, MCOA_COT_C_FLAG_NOT_INCOMPLIANT, MCOA_COT_NOT_ACCEPTING,
    RFC3963_BA_R_WITHOUT_BU_R, RFC5213_PBA_WITHOUT_P, RFC6275_BRA_NOT_HOME, RFC6275_CN_BA_WITHOUT_BAD,
};
use super::track::{memo, MsgNote, PairKind};
use super::{MhFacts, Pass};
use crate::mh::msg::binding::{Ba, BaFlags};
use crate::mh::seeds::mcoa::BidDraftStatus;
use crate::prefs::BidLayout;
use crate::tree::{Anchor, Lesson, McoaNoBid, McoaNoBidWhy};

/// Checks a Binding Acknowledgement against the Binding Update it answers.
pub(crate) fn check(p: &mut Pass<'_, '_>, m: &MhFacts, n: &MsgNote) {
    match n.answers {
        Some((PairKind::CareOfTest, req, _)) => {
            super::nemo_ro::cot_answer(p, m, n.request_memo, req);
            super::reflector::cot_answer(p, m, n.request_memo, req);
            return care_of_test(p, m, n.request_memo, req);
        }
        Some((PairKind::Brr, req, _)) => refresh(p, m, n.request_memo, req),
        _ => {}
    }
    let Some((PairKind::Binding, req, _)) = n.answers else { return };
    let (Some(super::MsgFixed::Ba(ba)), Some(at)) = (m.fixed, m.end) else { return };
    let bu = n.request_memo;
    if bu & memo::VALID == 0 || m.quoted() {
        return;
    }
    // RFC 5213 §8.2: the P flag answers the PBU's.
    if bu & memo::P_FLAG != 0 && !ba.flags.has(BaFlags::P) {
        p.finding(at, &RFC5213_PBA_WITHOUT_P, m.body + 1, 1, Some(format_args!("the Proxy Binding Update is frame {req}")));
    }
    // Seed 004 §3.3, §3.5: what a PBA answering an early or complete proxy BU brings.
    super::pmipro::pba(p, m, &ba, bu, req, at);
    // RFC 6275 §6.2.4: a Binding Refresh Advice answers only a home registration.
    if bu & memo::CN_REG != 0 {
        let bra = p.facts.opts_of(m).iter().find(|o| std::ptr::eq(o.def.presence, &crate::mh::opt::base::P_BRA));
        if let Some(o) = bra {
            p.finding(
                at,
                &RFC6275_BRA_NOT_HOME,
                o.at,
                1,
                Some(format_args!("the Binding Update in frame {req} is a correspondent registration")),
            );
        }
    }
    // RFC 6275 §9.5.4: a correspondent node authorises its BA, unless a nonce expired.
    let status = u8::from(ba.status);
    if bu & memo::CN_REG != 0 && !(136..=138).contains(&status) && !p.damaged() {
        let bad = p.facts.has_opt(m, &crate::mh::opt::base::P_BAD);
        if !bad {
            p.finding(
                at,
                &RFC6275_CN_BA_WITHOUT_BAD,
                m.body,
                1,
                Some(format_args!("status {status}, answering the correspondent registration in frame {req}")),
            );
        }
    }
    // RFC 5213 §5.3.6: what the PBA echoes of the PBU (a BA without P, already a finding, is
    // not judged as a PBA: one finding per broken statement).
    if ba.flags.has(BaFlags::P) {
        super::rfc5213::pba(p, m, at, bu, req);
    }
    binding_mcoa_nemo(p, m, &ba, bu, req, at);
    // Seed 002 §6.3: a de-registration of a BID the peer no longer holds; what it holds now.
    super::mcoa::ba_bindings(p, m, &ba, bu, req, at);
    // Seed 002 §4.2.2 (draft-03 layout): every BID of the BU comes back. Only from a peer that
    // reads them: one that does not support multiple care-of addresses "will ignore and skip
    // this option" (§6.2, as RFC 6275 §6.2.1 has receivers skip an unknown option) and answers
    // with a plain RFC 6275 BA, no BID at all, which is how the wire says so (as a CoT without
    // a BID does, §5.2).
    let got = p.facts.bids_of(m);
    let peer_reads_bids = got.iter().any(|b| b.layout == BidLayout::Draft03);
    if memo::bid_count(bu) > 0 && p.t.prefs.mcoa_layout == BidLayout::Draft03 && peer_reads_bids {
        let missing = memo::bids(bu).find(|b| !got.iter().any(|g| g.bid == *b));
        if got.len() < memo::bid_count(bu) || missing.is_some() {
            p.finding(
                at,
                &MCOA_BA_BIDS_NOT_COPIED,
                m.body,
                1,
                Some(format_args!(
                    "the Binding Update in frame {req} carried {} Binding Unique Identifier option(s), this BA {}",
                    memo::bid_count(bu),
                    got.len()
                )),
            );
        }
    }
}

/// A BA against its BU: seed 002 §6.3 (a BU whose BIDs must be refused is refused, a wrong
/// Length with 128 and MCOA INCOMPLIANT) and RFC 3963
/// §4.2 (R answers R).
fn binding_mcoa_nemo(p: &mut Pass<'_, '_>, m: &MhFacts, ba: &Ba, bu: u64, req: u64, at: Anchor) {
    if bu & memo::R_FLAG == 0 && ba.flags.has(BaFlags::R) {
        p.finding(at, &RFC3963_BA_R_WITHOUT_BU_R, m.body + 1, 1, Some(format_args!("the Binding Update is frame {req}")));
    }
    // Only a receiver that reads the BIDs answers with them (§5.8: one that does not sends a
    // plain BA).
    let read_bids = p.facts.bids_of(m).iter().any(|b| b.layout == BidLayout::Draft03);
    // The Length is the first thing §6.3 checks: its refusal is 128 with every BID MCOA
    // INCOMPLIANT (an acceptance is the finding below).
    let incompliant = u8::from(BidDraftStatus::Incompliant);
    let st = ba.status.value();
    if bu & memo::BID_LENGTH != 0 && read_bids && st >= 128 {
        let got = p.facts.bids_of(m);
        if let Some(b) = got.iter().find(|b| b.layout == BidLayout::Draft03 && b.status != incompliant).copied() {
            p.finding(
                at,
                &MCOA_BA_LENGTH_REFUSAL_STATUS,
                b.at + 4,
                1,
                Some(format_args!("Status {st}, BID {} status {}", b.bid, b.status)),
            );
        } else if st != 128 {
            p.finding(at, &MCOA_BA_LENGTH_REFUSAL_STATUS, m.body, 1, Some(format_args!("Status {st}")));
        }
    }
    // §5.8: MCOA FLAG CONFLICTS says the BU's BIDs had different flags (draft-03 code points).
    let prefs = p.t.prefs;
    let draft = prefs.mcoa_layout == BidLayout::Draft03;
    if draft && st == prefs.mcoa_status_flag_conflicts && memo::bid_count(bu) > 0 && bu & memo::BID_FLAGS_DIFFER == 0 {
        p.finding(
            at,
            &MCOA_BA_FLAG_CONFLICTS_FLAGS_EQUAL,
            m.body,
            1,
            Some(format_args!(
                "Status {st}; the {} Binding Unique Identifier(s) of the Binding Update in frame {req} have equal flags",
                memo::bid_count(bu)
            )),
        );
    }
    if bu & memo::BID_REFUSE != 0 && read_bids && ba.status.value() < 128 {
        p.finding(
            at,
            &MCOA_BA_ACCEPTS_REFUSED_BU,
            m.body,
            1,
            Some(format_args!("Status {}; the Binding Update in frame {req} must be refused", ba.status.value())),
        );
    }
}

/// A CoT against its CoTI: seed 002 §6.2 (draft-03 layout; a correspondent that does not read
/// BIDs answers without them, which is right).
fn care_of_test(p: &mut Pass<'_, '_>, m: &MhFacts, coti: u64, req: u64) {
    let Some(at) = m.end else { return };
    if coti & memo::VALID == 0 || m.quoted() {
        return;
    }
    let got = p.facts.bids_of(m);
    if memo::bid_count(coti) == 0 || p.t.prefs.mcoa_layout != BidLayout::Draft03 {
        return;
    }
    // §5.2: a CoT without a BID says the correspondent does not support MCoA; the mobile node's
    // BUs from that care-of address carry none ([`super::mcoa`] judges them). One with BIDs
    // lifts it.
    if let Some((peer, mn)) = m.pkt.ip6 {
        p.t.d.lessons.push(if got.is_empty() {
            Lesson::McoaNoBid(McoaNoBid { mn, peer, why: McoaNoBidWhy::CotWithoutBid, frame: p.t.d.frame_number })
        } else {
            Lesson::McoaBidSupported { mn, peer }
        });
    }
    let got = p.facts.bids_of(m);
    if got.is_empty() {
        return;
    }
    let (incompliant, accepting) = (u8::from(BidDraftStatus::Incompliant), u8::from(BidDraftStatus::AcceptingBid));
    if coti & memo::BID_C != 0 {
        if !got.iter().any(|b| b.status == incompliant) {
            p.finding(
                at,
                &MCOA_COT_C_FLAG_NOT_INCOMPLIANT,
                m.body,
                0,
                Some(format_args!("the Care-of Test Init in frame {req} set the C flag")),
            );
        }
    } else if let Some(b) = got.iter().find(|b| b.status != accepting).copied() {
        p.finding(at, &MCOA_COT_NOT_ACCEPTING, b.at + 4, 1, Some(format_args!("BID {} status {}", b.bid, b.status)));
    }
    let got = p.facts.bids_of(m);
    if got.len() != memo::bid_count(coti) || memo::bids(coti).any(|b| !got.iter().any(|g| g.bid == b)) {
        p.finding(
            at,
            &MCOA_COT_BIDS_NOT_COPIED,
            m.body,
            0,
            Some(format_args!(
                "the Care-of Test Init in frame {req} carried {} Binding Unique Identifier option(s), this CoT {}",
                memo::bid_count(coti),
                got.len()
            )),
        );
    }
}

/// Seed 002 §5.9: a BU answering a BRR that named a binding by its BID carries that BID.
fn refresh(p: &mut Pass<'_, '_>, m: &MhFacts, brr: u64, req: u64) {
    let Some(at) = m.end else { return };
    if brr & memo::VALID == 0 || memo::bid_count(brr) == 0 || m.quoted() || m.bu_flags().is_none() {
        return;
    }
    let got = p.facts.bids_of(m);
    if !memo::bids(brr).any(|b| got.iter().any(|g| g.layout == BidLayout::Draft03 && g.bid == b)) {
        p.finding(
            at,
            &MCOA_BRR_BID_NOT_IN_BU,
            m.body,
            0,
            Some(format_args!("the Binding Refresh Request in frame {req} named BID {}", memo::bids(brr).next().unwrap_or(0))),
        );
    }
}
