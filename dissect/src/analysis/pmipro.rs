//! Seed 004, draft-qin-mipshop-pmipro-00: the early / complete proxy BU (§3.3, §3.5, §7) and
//! where the Handover Home Keygen Token may appear (§8.3).

use super::{Draft, MhFacts, OptFact, Pass};
use crate::mh::msg::binding::BuFlags;
use crate::mh::seeds::pmipro::{CHECK_HHKT_NOT_IN_BA, HHKT_DEF, PBU_KIND};
use crate::mh::MhType;

pub static DRAFT: Draft = Draft { message: |_, _| {}, option, after_options };

/// §8.3: the Handover Home Keygen Token travels in a (proxy) Binding Acknowledgement.
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    if std::ptr::eq(o.def, &HHKT_DEF) && MhType::from(m.mh_type) != MhType::BindingAcknowledgement {
        p.expert(o.end, &CHECK_HHKT_NOT_IN_BA, o.at, 1, None);
    }
}

/// §7 / profiles.md: a proxy BU has P set and no Home Address option; one with Care-of Test
/// Init is early, one with CGA Parameters and Signature complete.
fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(MhType::BindingUpdate), Some(flags), Some(at)) = (m.msg, m.flags, m.end) else { return };
    if !BuFlags(flags).has(BuFlags::P) || m.pkt.hao.is_some() {
        return;
    }
    let kind = if m.kinds.contains(&15) {
        "early"
    } else if m.kinds.contains(&12) && m.kinds.contains(&13) {
        "complete"
    } else {
        return;
    };
    p.text(at, &PBU_KIND, m.body, 2, format_args!("{kind}"));
    p.info_append(m.info, format_args!(" ({kind} proxy BU)"));
}
