//! Seed 004, draft-qin-mipshop-pmipro-00: the early / complete proxy BU (§3.3, §3.5, §7) and
//! where the Handover Home Keygen Token may appear (§8.3).

use super::{Draft, MhFacts, OptFact, Pass};
use crate::field::FieldDef;
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::ero;
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
    let (Some(flags), Some(at)) = (m.bu_flags(), m.end) else { return };
    if !flags.has(BuFlags::P) || m.pkt.hao.is_some() {
        return;
    }
    // By the rows that decoded the options (so the profile's numbers count, and an option
    // whose length was wrong, never decoded, does not), not by raw type numbers.
    let opts = p.facts.opts.get(m.opts.0 as usize..m.opts.1 as usize).unwrap_or(&[]);
    let has = |presence: &FieldDef| opts.iter().any(|o| std::ptr::eq(o.def.presence, presence));
    let kind = if has(&ero::P_COTI) {
        "early"
    } else if has(&ero::P_CGAR) && has(&ero::P_SIGN) {
        "complete"
    } else {
        return;
    };
    p.text(at, &PBU_KIND, m.body, 2, format_args!("{kind}"));
    p.info_append(m.info, format_args!(" ({kind} proxy BU)"));
}
