//! Seed 002, draft-ietf-monami6-multiplecoa-03: the draft's BA status names (§4.2.2) and the
//! Binding Unique Identifier's rules (draft-03 layout): the C flag against its length (§4.2.1,
//! §5.5) and in bulk registrations (§4.2.1) and de-registrations of all bindings (§5.5), no BID 0 (§5.1), one flags value per message
//! (§5.4), no C or O in a CoTI (§5.2), no C towards a correspondent node (§5.3), no Alternate
//! CoA with C and one Alternate CoA after a BID (§5.7), O and H only towards the home agent
//! (§4.2.1), a BA's statuses (§6.3) and a refusing CoT zeroed (§6.2); the rules about
//! an answer and its request are in [`super::pairs`] (§6.3's de-registration of an unknown BID
//! here, [`ba_bindings`], with what peers accepted for §6.4's BRR). RFC 5648 §6.1's option rules (its
//! layout) are here too.

use super::rules;
use super::{BidFact, Draft, MhFacts, MsgFixed, OptFact, Pass};
use crate::mh::msg::binding::BuFlags;
use crate::mh::seeds::mcoa::{BaDraftStatus, BidDraftFlags, BidDraftStatus, BidRfcFlags, BA_STATUS_DRAFT, BI_DEF};
use crate::mh::MhType;
use crate::prefs::{BidLayout, Profile};
use crate::tree::{Anchor, Lesson, McoaBinding, McoaNoBid, McoaNoBidWhy};

pub static DRAFT: Draft = Draft { message: |_, _| {}, option, after_options };

/// §4.2.1: C set with a care-of address (Length 20), clear without (Length 4). Only a
/// registering BU must carry the address with C: §5.5 lets a de-registration (lifetime 0, or
/// sent from the home address: no Home Address option) omit it, and §6.2/§6.3 let a CoT's or
/// BA's copies of the BIDs leave it out.
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    // As sent, not as quoted in an ICMP error (the sent one was judged).
    if m.quoted() || !std::ptr::eq(o.def, &BI_DEF) {
        return;
    }
    let Some(b) = p.facts.bids_of(m).iter().find(|b| b.at == o.at).copied() else { return };
    if b.layout == BidLayout::Rfc5648 {
        return rfc5648(p, m, o, &b);
    }
    if b.bid == 0 {
        p.finding(o.end, &rules::MCOA_BID_ZERO, o.at + 2, 2, None);
    }
    let (cflag, len) = (b.flags & BidDraftFlags::C != 0, b.len);
    if length_wrong(m, &b) {
        p.finding(
            o.end,
            &rules::MCOA_BID_C_FLAG_LENGTH,
            o.at + 1,
            1,
            Some(format_args!(
                "C flag {} but Length {len} (§4.2.1: 4 without C, 20 with C; §5.5 lets a de-registration omit the CoA)",
                if cflag { "set" } else { "clear" }
            )),
        );
    }
}

/// RFC 5648 §6.1: no BID 0; H and an IPv4 care-of address only towards the home agent (a BU
/// with H; RFC 5213's proxy registrations are not judged).
fn rfc5648(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact, b: &BidFact) {
    if b.bid == 0 {
        p.finding(o.end, &rules::RFC5648_BID_ZERO, o.at + 2, 2, None);
    }
    let Some(f) = m.bu_flags() else { return };
    let to_cn = !f.has(BuFlags::H) && !f.has(BuFlags::P);
    if b.flags & BidRfcFlags::H != 0 && to_cn {
        p.finding(o.end, &rules::RFC5648_BID_H_NOT_HOME, o.at + 5, 1, None);
    }
    // Length 8: an IPv4 care-of address.
    if b.len == 8 && to_cn {
        p.finding(o.end, &rules::RFC5648_CN_BID_IPV4_COA, o.at + 6, 4, None);
    }
}

/// §4.2.1: whether a draft-03 BID's Length contradicts its C flag. A C-flagged BID without its
/// care-of address is right where nothing is registered: a de-registering BU (§5.5) and the
/// copies a BA or CoT sends back (§6.2, §6.3).
fn length_wrong(m: &MhFacts, b: &BidFact) -> bool {
    let registering = match m.fixed {
        Some(MsgFixed::Bu(bu)) => bu.lifetime != 0 && m.pkt.hao.is_some(),
        _ => !matches!(m.msg, Some(MhType::BindingAcknowledgement | MhType::CareOfTest)),
    };
    if b.flags & BidDraftFlags::C != 0 {
        b.len != 20 && registering
    } else {
        b.len == 20
    }
}

/// §5.5: whether a BU de-registers the bindings its BIDs name: lifetime 0, or sent from the home
/// address (no Home Address option) unless a BID's H flag registers §5.6's home binding. Not a
/// proxy registration (P).
fn deregisters_all(m: &MhFacts, bids: &[BidFact]) -> bool {
    let Some(MsgFixed::Bu(bu)) = m.fixed else { return false };
    if bu.flags.has(BuFlags::P) {
        return false;
    }
    bu.lifetime == 0 || (m.pkt.hao.is_none() && !draft03(bids).any(|b| b.flags & BidDraftFlags::H != 0))
}

fn draft03(bids: &[BidFact]) -> impl Iterator<Item = &BidFact> {
    bids.iter().filter(|b| b.layout == BidLayout::Draft03)
}

/// A message's draft-03 BIDs (a BRR's), for the tracker's memo.
pub(crate) fn draft03_bids(bids: &[BidFact]) -> impl Iterator<Item = u16> + '_ {
    draft03(bids).map(|b| b.bid)
}

/// Whether a draft-03 BID of a message (a CoTI's) has the C flag, for the tracker's memo.
pub(crate) fn c_flagged(bids: &[BidFact]) -> bool {
    draft03(bids).any(|b| b.flags & BidDraftFlags::C != 0)
}

/// §6.3: whether a BU's draft-03 BIDs have a Length the C flag contradicts, for the tracker's
/// memo.
pub(crate) fn length_bad(m: &MhFacts, bids: &[BidFact]) -> bool {
    draft03(bids).any(|b| length_wrong(m, b))
}

/// §6.3, §5.8: whether a BU's draft-03 BIDs' flags differ (what MCOA FLAG CONFLICTS says),
/// for the tracker's memo.
pub(crate) fn flags_differ(bids: &[BidFact]) -> bool {
    let mut d = draft03(bids);
    d.next().is_some_and(|first| d.any(|b| b.flags != first.flags))
}

/// §6.3: whether a BU is a de-registration that deletes bindings (lifetime 0): those of its
/// BIDs, or every one without a BID. Not when a draft-03 BID has the H flag: the home agent
/// keeps that binding, the home address as its care-of address. For the tracker's memo.
pub(crate) fn deletes(m: &MhFacts, bids: &[BidFact]) -> bool {
    let dereg = matches!(m.fixed, Some(MsgFixed::Bu(bu)) if bu.lifetime == 0);
    dereg && !draft03(bids).any(|b| b.flags & BidDraftFlags::H != 0)
}

/// §6.3: whether a receiver that reads a BU's draft-03 BIDs must refuse it: a Length the C flag
/// contradicts, or flags that differ while C or O is set. For the tracker's memo.
pub(crate) fn must_refuse(m: &MhFacts, bids: &[BidFact]) -> bool {
    let c_or_o = BidDraftFlags::C | BidDraftFlags::O;
    let mut d = draft03(bids);
    let Some(first) = d.next() else { return false };
    let differ = draft03(bids).any(|b| b.flags != first.flags) && draft03(bids).any(|b| b.flags & c_or_o != 0);
    differ || length_bad(m, bids)
}

/// The BA's Binding Unique Identifier statuses against its own Status (§6.3).
fn ba_statuses(p: &mut Pass<'_, '_>, m: &MhFacts, at: Anchor) {
    let Some(st) = m.ba_status().map(|s| s.value()) else { return };
    let all = p.facts.bids_of(m);
    let unspecified = u8::from(BidDraftStatus::ReasonUnspecified);
    if st != 0 {
        if let Some(b) = draft03(all).find(|b| b.status == u8::from(BidDraftStatus::BidConflict)).copied() {
            p.finding(
                at,
                &rules::MCOA_BA_BID_CONFLICT_STATUS,
                m.body,
                1,
                Some(format_args!("Status {st}, BID {} MCOA BID CONFLICT", b.bid)),
            );
        }
    }
    let prefs = p.t.prefs;
    let rule = if st == prefs.mcoa_status_bulk_not_supported {
        &rules::MCOA_BA_BULK_BID_STATUS
    } else if st == prefs.mcoa_status_flag_conflicts {
        &rules::MCOA_BA_FLAG_CONFLICTS_BID_STATUS
    } else {
        return;
    };
    if let Some(b) = draft03(all).find(|b| b.status != unspecified).copied() {
        p.finding(at, rule, b.at + 4, 1, Some(format_args!("BID {} status {}", b.bid, b.status)));
    }
}

/// §6.2: a CoT refusing a C-flagged BID (MCOA INCOMPLIANT) is zeroed.
fn cot_zeroed(p: &mut Pass<'_, '_>, m: &MhFacts, at: Anchor) {
    let Some(cot) = m.cot() else { return };
    let incompliant = u8::from(BidDraftStatus::Incompliant);
    if !draft03(p.facts.bids_of(m)).any(|b| b.status == incompliant) {
        return;
    }
    if cot.nonce_index != 0 || cot.cookie != 0 || cot.token != 0 {
        p.finding(
            at,
            &rules::MCOA_COT_INCOMPLIANT_NOT_ZEROED,
            m.body,
            18,
            Some(format_args!("nonce index {}, cookie 0x{:016x}, token 0x{:016x}", cot.nonce_index, cot.cookie, cot.token)),
        );
    }
}

/// The message's draft-03 Binding Unique Identifiers, checked together.
fn bids(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(at) = m.end else { return };
    // As sent, not as quoted in an ICMP error (the sent one was judged).
    if m.quoted() {
        return;
    }
    let all = p.facts.bids_of(m);
    let mut draft = all.iter().filter(|b| b.layout == BidLayout::Draft03);
    let Some(first) = draft.next().copied() else { return };
    // §5.4 is about what a node sends: a BA or CoT copying the BIDs of a BU it refuses with
    // MCOA FLAG CONFLICTS (§6.3) carries the differing flags as it must.
    let sender = matches!(m.msg, Some(MhType::BindingUpdate | MhType::CareOfTestInit));
    if let Some(other) = draft.find(|b| sender && b.flags != first.flags).copied() {
        p.finding(
            at,
            &rules::MCOA_BID_FLAGS_DIFFER,
            other.at + 5,
            1,
            Some(format_args!(
                "flags 0x{:02x} at offset {}, 0x{:02x} at offset {}",
                first.flags, first.at, other.flags, other.at
            )),
        );
    }
    let all = p.facts.bids_of(m);
    let c_or_o = BidDraftFlags::C | BidDraftFlags::O;
    match m.msg {
        Some(MhType::CareOfTestInit) => {
            if let Some(b) = all.iter().find(|b| b.layout == BidLayout::Draft03 && b.flags & c_or_o != 0).copied() {
                p.finding(at, &rules::MCOA_COTI_C_O_FLAG, b.at + 5, 1, None);
            }
        }
        Some(MhType::BindingUpdate) => {
            // §5.7: the C flag's care-of addresses replace an Alternate CoA.
            if m.alt_coa.is_some() {
                if let Some(b) = draft03(all).find(|b| b.flags & BidDraftFlags::C != 0).copied() {
                    p.finding(at, &rules::MCOA_ACOA_WITH_C_FLAG, b.at + 5, 1, None);
                }
            }
            let all = p.facts.bids_of(m);
            // §5.5: a de-registration naming several bindings is a node going home, C in every
            // BID (a MUST of its own: one with differing flags also breaks §5.4's). §4.2.1: several
            // bindings in a registering BU are a bulk registration, which uses C (BIDs whose flags
            // differ are §5.4's finding alone).
            let several = draft03(all).nth(1).is_some();
            if several && deregisters_all(m, all) {
                if let Some(b) = draft03(all).find(|b| b.flags & BidDraftFlags::C == 0).copied() {
                    p.finding(
                        at,
                        &rules::MCOA_DEREG_ALL_WITHOUT_C,
                        b.at + 5,
                        1,
                        Some(format_args!("BID {} without C among {} Binding Unique Identifiers", b.bid, draft03(all).count())),
                    );
                }
            } else if several && !c_flagged(all) {
                p.finding(
                    at,
                    &rules::MCOA_BULK_WITHOUT_C,
                    m.body,
                    0,
                    Some(format_args!("{} Binding Unique Identifiers", draft03(all).count())),
                );
            }
            acoa_after_bid(p, m, at);
            no_bid_taught(p, m, at);
            let all = p.facts.bids_of(m);
            let Some(f) = m.bu_flags() else { return };
            // §5.5: returning home, a node de-registers its bindings at correspondents too, with
            // C (and §4.2.1's O and H "valid for ... Deregistration") in every BID: a BU "which
            // lifetime is set to zero or which source address is set to the Home Address" (one
            // without a Home Address option: RFC 6275 §11.7.1 puts one in every BU sent from
            // elsewhere), unless an H flag registers §5.6's home binding ([`deregisters_all`]).
            if f.has(BuFlags::H) || f.has(BuFlags::P) || deregisters_all(m, all) {
                return;
            }
            if let Some(b) = all.iter().find(|b| b.layout == BidLayout::Draft03 && b.flags & BidDraftFlags::C != 0).copied() {
                p.finding(at, &rules::MCOA_CN_BU_C_FLAG, b.at + 5, 1, None);
            }
            // §4.2.1: O and H are home registration flags (their own statements, so each gives
            // its finding next to C's).
            let all = p.facts.bids_of(m);
            for (flag, rule) in
                [(BidDraftFlags::O, &rules::MCOA_O_FLAG_NOT_HOME), (BidDraftFlags::H, &rules::MCOA_H_FLAG_NOT_HOME)]
            {
                if let Some(b) = draft03(all).find(|b| b.flags & flag != 0).copied() {
                    p.finding(at, rule, b.at + 5, 1, None);
                }
            }
        }
        Some(MhType::BindingAcknowledgement) => {
            ba_statuses(p, m, at);
            prohibited(p, m);
        }
        Some(MhType::CareOfTest) => cot_zeroed(p, m, at),
        _ => {}
    }
}

/// §5.8: a BA saying MCOA PROHIBITED teaches that the mobile node (its home address: the type
/// 2 routing header's, else the destination) sends the peer no more BIDs.
fn prohibited(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(st), Some((peer, dst))) = (m.ba_status().map(|s| s.value()), m.pkt.ip6) else { return };
    if st != p.t.prefs.mcoa_status_prohibited || p.t.prefs.mcoa_layout != BidLayout::Draft03 || m.quoted() {
        return;
    }
    let mn = m.pkt.rh2.unwrap_or(dst);
    p.t.d.lessons.push(Lesson::McoaNoBid(McoaNoBid { mn, peer, why: McoaNoBidWhy::Prohibited, frame: p.t.d.frame_number }));
}

/// §5.2, §5.8: a BU carrying a draft-03 BID to a peer that an earlier frame told this mobile
/// node to send none: a CoT without a BID (keyed by the care-of address, the BU's source) or
/// MCOA PROHIBITED (keyed by the home address; only BUs that register, lifetime not 0: a
/// regular Mobile IPv6 de-registration is not what §5.8 forbids).
fn no_bid_taught(p: &mut Pass<'_, '_>, m: &MhFacts, at: Anchor) {
    let Some(b) = draft03(p.facts.bids_of(m)).next().copied().filter(|_| !m.quoted()) else { return };
    let (Some((src, peer)), Some(MsgFixed::Bu(bu))) = (m.pkt.ip6, m.fixed) else { return };
    p.t.d.read_keys = true;
    let state = p.t.state;
    if let Some(l) = state.mcoa_no_bid(&src, &peer, McoaNoBidWhy::CotWithoutBid) {
        p.finding(
            at,
            &rules::MCOA_BU_BID_AFTER_COT_WITHOUT_BID,
            b.at,
            b.len as usize + 2,
            Some(format_args!("the Care-of Test in frame {} carried no Binding Unique Identifier", l.frame)),
        );
    }
    let home = m.pkt.hao.unwrap_or(src);
    if let Some(l) = state.mcoa_no_bid(&home, &peer, McoaNoBidWhy::Prohibited).filter(|_| bu.lifetime != 0) {
        p.finding(
            at,
            &rules::MCOA_BU_BID_AFTER_PROHIBITED,
            b.at,
            b.len as usize + 2,
            Some(format_args!("the Binding Acknowledgement in frame {} said MCOA PROHIBITED", l.frame)),
        );
    }
}

/// §5.7: in a BU with draft-03 BIDs, one Alternate Care-of Address option at most, after a
/// BID.
fn acoa_after_bid(p: &mut Pass<'_, '_>, m: &MhFacts, at: Anchor) {
    let Some(first) = draft03(p.facts.bids_of(m)).map(|b| b.at).min() else { return };
    let acoa = |o: &&OptFact| std::ptr::eq(o.def.presence, &crate::mh::opt::base::P_ACOA);
    let opts = p.facts.opts_of(m);
    let n = opts.iter().filter(acoa).count();
    let Some(o) = opts.iter().find(acoa).map(|o| o.at) else { return };
    if n > 1 || o < first {
        p.finding(
            at,
            &rules::MCOA_ACOA_NOT_AFTER_BID,
            o,
            1,
            Some(format_args!("{n} Alternate Care-of Address option(s), the first at offset {o}, the first Binding Unique Identifier at offset {first}")),
        );
    }
}

/// §6.4: a BRR from a peer that accepted a binding with a BID of the mobile node (its home
/// address: the BRR's destination, or a type 2 routing header's) names the binding by its BID.
fn brr_bid(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(at), Some((peer, dst))) = (m.end, m.pkt.ip6) else { return };
    if m.quoted() || p.t.prefs.mcoa_layout != BidLayout::Draft03 || draft03(p.facts.bids_of(m)).next().is_some() {
        return;
    }
    let mn = m.pkt.rh2.unwrap_or(dst);
    p.t.d.read_keys = true;
    if let Some(b) = p.t.state.mcoa_live_binding(&mn, &peer) {
        p.finding(
            at,
            &rules::MCOA_BRR_WITHOUT_BID,
            m.body,
            2,
            Some(format_args!("the Binding Acknowledgement in frame {} accepted BID {}", b.frame, b.bid)),
        );
    }
}

/// §6.3, through request/response tracking: a BA against the de-registration it answers (an
/// unknown BID is refused, by a home agent with status 133), and what the peer (the BA's
/// source) now holds of the mobile node's (its home address: the type 2 routing header's, else
/// the destination) bindings, for later frames. Called by [`super::pairs`] with the BU's memo.
pub(crate) fn ba_bindings(p: &mut Pass<'_, '_>, m: &MhFacts, ba: &crate::mh::msg::binding::Ba, bu: u64, req: u64, at: Anchor) {
    use super::track::memo;
    let Some((peer, dst)) = m.pkt.ip6 else { return };
    if bu & memo::P_FLAG != 0 || p.t.prefs.mcoa_layout != BidLayout::Draft03 {
        return;
    }
    let mn = m.pkt.rh2.unwrap_or(dst);
    let (st, n) = (ba.status.value(), memo::bid_count(bu));
    let dereg = bu & memo::DEREG != 0;
    // Only the first three BIDs are in the memo: a de-registration of more is not judged.
    if dereg && (1..=3).contains(&n) {
        p.t.d.read_keys = true;
        let state = p.t.state;
        let gone = memo::bids(bu).map(|b| state.mcoa_binding(&mn, &peer, b));
        if let Some(last) =
            gone.map(|g| g.filter(|g| !g.live)).collect::<Option<Vec<_>>>().and_then(|g| g.into_iter().max_by_key(|g| g.frame))
        {
            let ids = || memo::bids(bu).map(|b| b.to_string()).collect::<Vec<_>>().join(", ");
            if st < 128 {
                p.finding(
                    at,
                    &rules::MCOA_DEREG_UNKNOWN_BID_ACCEPTED,
                    m.body,
                    1,
                    Some(format_args!(
                        "Status {st}; the de-registration in frame {req} names BID {}, deleted by the Binding Acknowledgement in frame {}",
                        ids(),
                        last.frame
                    )),
                );
            } else if st == 128 && bu & (memo::CN_REG | memo::BID_LENGTH | memo::BID_REFUSE) == 0 {
                p.finding(
                    at,
                    &rules::MCOA_DEREG_UNKNOWN_BID_STATUS,
                    m.body,
                    1,
                    Some(format_args!(
                        "Status {st}; the de-registration in frame {req} names BID {}, deleted by the Binding Acknowledgement in frame {}",
                        ids(),
                        last.frame
                    )),
                );
            }
        }
    }
    if st >= 128 || m.quoted() {
        return;
    }
    let frame = p.t.d.frame_number;
    if n == 0 {
        // A binding without a BID replaces every one of them, and a de-registration without
        // one deletes them all (§6.3).
        p.t.d.lessons.push(Lesson::McoaBindingsGone { mn, peer, frame });
        return;
    }
    // MCOA BID CONFLICT (130) refuses nothing: the BID's binding was registered, replacing the
    // regular one (§6.3: sent with Status 0; profiles.md).
    let conflict = u8::from(BidDraftStatus::BidConflict);
    let refused: Vec<u16> =
        draft03(p.facts.bids_of(m)).filter(|b| b.status >= 128 && b.status != conflict).map(|b| b.bid).collect();
    // The memo holds the BU's first three BIDs; the BA copies every one (§4.2.2), so a bulk of
    // more is learned from the BA's as well: when it did copy them (the memo's three among them,
    // as many as the BU carried; a count of 15 is 15 or more), not a BA that names BIDs the BU
    // never had.
    let mut learned: Vec<u16> = memo::bids(bu).collect();
    let copied: Vec<u16> = draft03(p.facts.bids_of(m)).map(|b| b.bid).collect();
    let all_copied = learned.iter().all(|b| copied.contains(b)) && (copied.len() == n || n == 15 && copied.len() >= 15);
    if n > 3 && all_copied {
        for b in copied {
            if !learned.contains(&b) {
                learned.push(b);
            }
        }
    }
    for bid in learned.into_iter().filter(|b| !refused.contains(b)) {
        p.t.d.lessons.push(Lesson::McoaBinding(McoaBinding { mn, peer, bid, live: !dereg, frame }));
    }
}

/// Names the draft's BA statuses (§4.2.2, code points from `mcoa.ba_status.*`) under the
/// draft profile or layout.
fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    // Without a Binding Identifier only a BRR's rule (§5.6) and a BA's draft status can say
    // anything: the other checks start from the message's BIDs.
    if m.bids.0 == m.bids.1 && m.msg != Some(MhType::BindingRefreshRequest) && m.ba_status().is_none() {
        return;
    }
    bids(p, m);
    if m.msg == Some(MhType::BindingRefreshRequest) {
        brr_bid(p, m);
    }
    let (Some(st), Some(at)) = (m.ba_status().map(|s| s.value()), m.end) else { return };
    let prefs = p.t.prefs;
    if prefs.profile != Profile::Draft && prefs.mcoa_layout != BidLayout::Draft03 {
        return;
    }
    // By the preference the status matches (a number may be overridden), named by its row.
    let which = if st == prefs.mcoa_status_prohibited {
        BaDraftStatus::Prohibited
    } else if st == prefs.mcoa_status_bulk_not_supported {
        BaDraftStatus::BulkNotSupported
    } else if st == prefs.mcoa_status_flag_conflicts {
        BaDraftStatus::FlagConflicts
    } else {
        return;
    };
    let Some(name) = which.name() else { return };
    p.text(at, &BA_STATUS_DRAFT, m.body, 1, format_args!("{name}"));
    p.info_append(m.info, format_args!(" [{name}]"));
}
