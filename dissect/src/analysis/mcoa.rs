//! Seed 002, draft-ietf-monami6-multiplecoa-03: the draft's BA status names (§4.2.2) and the
//! Binding Unique Identifier's C flag against its length (§4.2.1, §5.5).

use super::{Draft, MhFacts, MsgFixed, OptFact, Pass};
use crate::mh::seeds::mcoa::{BA_STATUS_DRAFT, BI_DEF, CHECK_BID_C_LENGTH};
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
    let (cflag, len) = (b.flags & 0x80 != 0, b.len);
    let registering = match m.fixed {
        Some(MsgFixed::Bu(bu)) => bu.lifetime != 0 && m.pkt.hao.is_some(),
        _ => !matches!(m.msg, Some(MhType::BindingAcknowledgement | MhType::CareOfTest)),
    };
    let broken = if cflag { len != 20 && registering } else { len == 20 };
    if broken {
        p.expert(
            o.end,
            &CHECK_BID_C_LENGTH,
            o.at + 1,
            1,
            Some(format_args!(
                "C flag {} but Length {len} (§4.2.1: 4 without C, 20 with C; §5.5 lets a de-registration omit the CoA)",
                if cflag { "set" } else { "clear" }
            )),
        );
    }
}

/// Names the draft's BA statuses (§4.2.2, code points from `mcoa.ba_status.*`) under the
/// draft profile or layout.
fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
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
