//! Seed 004, draft-qin-mipshop-pmipro-00: the early / complete proxy BU (§3.3, §3.5, §7) and
//! where the Handover Home Keygen Token may appear (§8.3).

use super::rules;
use super::{Draft, MhFacts, OptFact, Pass};
use crate::field::FieldDef;
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::base::P_NI;
use crate::mh::opt::{dsmip, ero};
use crate::mh::seeds::pmipro::{HHKT_DEF, PBU_KIND};
use crate::mh::MhType;
use crate::tree::Lesson;

pub static DRAFT: Draft = Draft { message, option, after_options };

/// §7: a Proxy HoTI carries no Home Address option. §4.3: a Proxy HoTI opens a home test,
/// its Proxy HoT closes it (lessons for the early proxy BU that must wait for it).
fn message(p: &mut Pass<'_, '_>, m: &MhFacts) {
    if m.msg.is_some() || m.quoted() {
        return;
    }
    let Some(d) = crate::mh::seeds::profile_msg(m.mh_type, p.t.prefs) else { return };
    if std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOTI) {
        if m.pkt.hao.is_some() {
            p.finding(m.fixed_end, &rules::PMIPRO_HAO, m.mh, 0, None);
        }
        // §8.2: Reserved (2), Home Init Cookie (8), Care-of Address (16).
        let at = m.body as usize + 10;
        let coa = p.t.all.get(at..at + 16).and_then(|b| <[u8; 16]>::try_from(b).ok());
        if let (Some((home, cn)), Some(care_of)) = (m.pkt.ip6, coa) {
            let (frame, at_s) = (p.t.d.frame_number, p.t.d.ts.0);
            p.t.d.lessons.push(Lesson::HomeTestSent { cn, home, care_of, frame, at_s });
        }
    } else if std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOT) {
        if let Some((cn, home)) = m.pkt.ip6 {
            p.t.d.lessons.push(Lesson::HomeTestAnswered { cn, home });
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
    // §4.3: the care-of test (the early BU) waits for the home test's answer; not an early BU
    // authorised with the permanent or handover token (home nonce index 0, §3.3, §3.5), which
    // needs no home test (§3.4: the next PMA MAY run one as well).
    let home_index = opts.iter().rev().find(|o| std::ptr::eq(o.def.presence, &P_NI) && o.len == 4).and_then(|o| {
        let at = o.at as usize + 2;
        p.t.all.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    });
    if kind == "early" && home_index != Some(0) {
        if let (Some((coa, cn)), false) = (m.pkt.ip6, m.quoted()) {
            p.t.d.read_keys = true;
            let home = super::auth::proxy_home(p.facts, m, p.t.all);
            if let Some(o) = p.t.state.open_home_test(&cn, home.as_ref(), &coa, p.t.d.ts.0) {
                p.finding(
                    at,
                    &rules::PMIPRO_COT_BEFORE_HOT,
                    m.body,
                    2,
                    Some(format_args!("the Proxy Home Test Init of frame {} is not answered yet", o.frame)),
                );
            }
        }
    }
    // §6: route optimisation for dual-stack nodes is left open, so no IPv4 home address.
    if let Some(o) = opts.iter().find(|o| std::ptr::eq(o.def.presence, &dsmip::P_IPV4HA)) {
        p.finding(at, &rules::PMIPRO_PBU_IPV4_HOA, o.at, 1, None);
    }
}
