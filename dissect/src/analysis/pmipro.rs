//! Seed 004, draft-qin-mipshop-pmipro-00: the early / complete proxy BU (§3.3, §3.5, §7) and
//! where the Handover Home Keygen Token may appear (§8.3).

use super::rules;
use super::{Draft, MhFacts, OptFact, Pass};
use crate::field::FieldDef;
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::{dsmip, ero};
use crate::mh::seeds::pmipro::{HHKT_DEF, PBU_KIND};
use crate::mh::MhType;

pub static DRAFT: Draft = Draft { message, option, after_options };

/// §7: a Proxy HoTI carries no Home Address option.
fn message(p: &mut Pass<'_, '_>, m: &MhFacts) {
    if m.msg.is_none() && m.pkt.hao.is_some() && !m.quoted() {
        if let Some(d) = crate::mh::seeds::profile_msg(m.mh_type, p.t.prefs) {
            if std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOTI) {
                p.finding(m.fixed_end, &rules::PMIPRO_HAO, m.mh, 0, None);
            }
        }
    }
}

/// §8.3: the Handover Home Keygen Token travels in a (proxy) Binding Acknowledgement.
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    if std::ptr::eq(o.def, &HHKT_DEF) && MhType::from(m.mh_type) != MhType::BindingAcknowledgement {
        p.finding(o.end, &rules::PMIPRO_HHKT_NOT_IN_BA, o.at, 1, None);
    }
}

/// §7 / profiles.md: a proxy BU has P set and no Home Address option; one with Care-of Test
/// Init is early, one with CGA Parameters and Signature complete.
fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let (Some(flags), Some(at)) = (m.bu_flags(), m.end) else { return };
    if !flags.has(BuFlags::P) {
        return;
    }
    // A BU with a Home Address option is not a proxy BU (profiles.md), so §7's rule against
    // one in early and complete proxy BUs is met by how they are recognised.
    if m.pkt.hao.is_some() {
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
    // §6: route optimisation for dual-stack nodes is left open, so no IPv4 home address.
    if let Some(o) = opts.iter().find(|o| std::ptr::eq(o.def.presence, &dsmip::P_IPV4HA)) {
        p.finding(at, &rules::PMIPRO_PBU_IPV4_HOA, o.at, 1, None);
    }
}
