//! Rules about an answer and its request, with request/response tracking's pairs: the tracker
//! carries a few facts of each waiting request ([`track::memo`]), so the state stays bounded.

use super::rules::{MCOA_BA_BIDS_NOT_COPIED, RFC5213_PBA_WITHOUT_P, RFC6275_BRA_NOT_HOME, RFC6275_CN_BA_WITHOUT_BAD};
use super::track::{memo, MsgNote, PairKind};
use super::{MhFacts, Pass};
use crate::mh::msg::binding::BaFlags;
use crate::prefs::BidLayout;

/// Checks a Binding Acknowledgement against the Binding Update it answers.
pub(crate) fn check(p: &mut Pass<'_, '_>, m: &MhFacts, n: &MsgNote) {
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
    // Seed 002 §4.2.2 (draft-03 layout): every BID of the BU comes back.
    if memo::bid_count(bu) > 0 && p.t.prefs.mcoa_layout == BidLayout::Draft03 {
        let got = p.facts.bids_of(m);
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
