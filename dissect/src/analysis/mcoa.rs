//! Seed 002, draft-ietf-monami6-multiplecoa-03: the draft's BA status names (§4.2.2) and the
//! Binding Unique Identifier's rules (draft-03 layout): the C flag against its length (§4.2.1,
//! §5.5), no BID 0 (§5.1), one flags value per message (§5.4), no C or O in a CoTI (§5.2), no
//! C towards a correspondent node (§5.3).

use super::rules;
use super::{Draft, MhFacts, MsgFixed, OptFact, Pass};
use crate::mh::msg::binding::BuFlags;
use crate::mh::seeds::mcoa::{BidDraftFlags, BA_STATUS_DRAFT, BI_DEF};
use crate::mh::MhType;
use crate::prefs::{BidLayout, Profile};

pub static DRAFT: Draft = Draft { message: |_, _| {}, option, after_options };

/// §4.2.1: C set with a care-of address (Length 20), clear without (Length 4). Only a
/// registering BU must carry the address with C: §5.5 lets a de-registration (lifetime 0, or
/// sent from the home address: no Home Address option) omit it, and §6.2/§6.3 let a CoT's or
/// BA's copies of the BIDs leave it out.
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    if !std::ptr::eq(o.def, &BI_DEF) {
        return;
    }
    let Some(b) = p.facts.bids_of(m).iter().find(|b| b.at == o.at).copied() else { return };
    if b.layout != BidLayout::Draft03 {
        return;
    }
    if b.bid == 0 {
        p.finding(o.end, &rules::MCOA_BID_ZERO, o.at + 2, 2, None);
    }
    // A C-flagged BID without its care-of address is right where nothing is registered: a
    // de-registering BU (§5.5) and the copies a BA or CoT sends back (§6.2, §6.3).
    let (cflag, len) = (b.flags & BidDraftFlags::C != 0, b.len);
    let registering = match m.fixed {
        Some(MsgFixed::Bu(bu)) => bu.lifetime != 0 && m.pkt.hao.is_some(),
        _ => !matches!(m.msg, Some(MhType::BindingAcknowledgement | MhType::CareOfTest)),
    };
    if if cflag { len != 20 && registering } else { len == 20 } {
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

/// The message's draft-03 Binding Unique Identifiers, checked together.
fn bids(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(at) = m.end else { return };
    let all = p.facts.bids_of(m);
    let mut draft = all.iter().filter(|b| b.layout == BidLayout::Draft03);
    let Some(first) = draft.next().copied() else { return };
    if let Some(other) = draft.find(|b| b.flags != first.flags).copied() {
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
            let Some(f) = m.bu_flags() else { return };
            if f.has(BuFlags::H) || f.has(BuFlags::P) {
                return;
            }
            if let Some(b) = all.iter().find(|b| b.layout == BidLayout::Draft03 && b.flags & BidDraftFlags::C != 0).copied() {
                p.finding(at, &rules::MCOA_CN_BU_C_FLAG, b.at + 5, 1, None);
            }
        }
        _ => {}
    }
}

/// Names the draft's BA statuses (§4.2.2, code points from `mcoa.ba_status.*`) under the
/// draft profile or layout.
fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    bids(p, m);
    let (Some(st), Some(at)) = (m.ba_status().map(|s| s.value()), m.end) else { return };
    let prefs = p.t.prefs;
    if prefs.profile != Profile::Draft && prefs.mcoa_layout != BidLayout::Draft03 {
        return;
    }
    let name = if st == prefs.mcoa_status_prohibited {
        "MCOA PROHIBITED"
    } else if st == prefs.mcoa_status_bulk_not_supported {
        "MCOA BULK REGISTRATION NOT SUPPORTED"
    } else if st == prefs.mcoa_status_flag_conflicts {
        "MCOA FLAG CONFLICTS"
    } else {
        return;
    };
    p.text(at, &BA_STATUS_DRAFT, m.body, 1, format_args!("{name}"));
    p.info_append(m.info, format_args!(" [{name}]"));
}
