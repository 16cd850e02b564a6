//! Seed 004, draft-qin-mipshop-pmipro-00: the early / complete proxy BU (§3.3, §3.5, §7), what
//! the PBA answering each brings (§3.3, §3.5, with the tracker's memo of the BU), where the
//! Handover Home Keygen Token may appear (§8.3), and where route-optimised data goes (§7, against
//! the home addresses proxy BUs registered): the correspondent's under a type 2 routing header
//! to the PMA, the PMA's to the correspondent tunnelled from its care-of address.

use super::data::DataFact;
use super::rules;
use super::track::memo;
use super::{Draft, Facts, MhFacts, OptFact, Pass};
use crate::mh::msg::binding::{Ba, BuFlags};
use crate::mh::opt::base::{P_BAD, P_NI};
use crate::mh::opt::{dsmip, ero};
use crate::mh::seeds::pmipro::{HHKT_DEF, PBU_KIND, P_HHKT};
use crate::mh::MhType;
use crate::tree::Anchor;
use crate::tree::Lesson;

pub static DRAFT: Draft = Draft { message, option, after_options };

/// §7: a Proxy HoTI carries no Home Address option. §3.1: it is sent from the mobile node's
/// home address and its Proxy HoT to it, not from or to the proxy mobile agent's care-of
/// address. §4.3: a Proxy HoTI opens a home test, its Proxy HoT closes it (and says whether an
/// early proxy BU ran in parallel).
fn message(p: &mut Pass<'_, '_>, m: &MhFacts) {
    answered(p, m);
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
            if home == care_of {
                p.finding(m.fixed_end, &rules::PMIPRO_PHOTI_NOT_FROM_HOME, m.body + 10, 16, None);
            }
            let (frame, at_s) = (p.t.d.frame_number, p.t.d.ts.0);
            p.t.d.lessons.push(Lesson::HomeTestSent { cn, home, care_of, frame, at_s });
        }
    } else if std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOT) {
        if let Some((cn, home)) = m.pkt.ip6 {
            // Sent to the care-of address a home test to this correspondent named, which is the
            // proxy mobile agent's, not a home address.
            p.t.d.read_keys = true;
            if let Some(o) = p.t.state.open_home_test(&cn, None, &home, p.t.d.ts.0).filter(|o| o.home != home) {
                p.finding(
                    m.fixed_end,
                    &rules::PMIPRO_PHOT_NOT_TO_HOME,
                    m.mh,
                    0,
                    Some(format_args!(
                        "the Proxy Home Test Init of frame {} came from {}",
                        o.frame,
                        std::net::Ipv6Addr::from(o.home)
                    )),
                );
            }
            parallel_care_of_test(p, m, cn, home);
            p.t.d.lessons.push(Lesson::HomeTestAnswered { cn, home });
        }
    }
}

/// §4.3: "care-of test signaling in Figure 9 MUST NOT be started in parallel to home test
/// signaling". Figure 9 is the correspondent without Mobile IP that a proxy mobile agent of its
/// own serves; the wire shows that only in the Proxy HoT, whose Care-of Address is "the care-of
/// address assigned to the CN by PMA" (§8.1): set, and not the correspondent's address it is
/// sent from. So the rule is judged when that Proxy HoT arrives: an early proxy BU (which starts
/// the care-of test) from the care-of address the Proxy HoTI named, to that correspondent, sent
/// after the Proxy HoTI and still unanswered, ran in parallel. A correspondent that answers with
/// no such address is §3's, where the care-of test is concurrent by design (§3.3); an early BU
/// already answered by then is not seen (the state is the open exchanges only).
fn parallel_care_of_test(p: &mut Pass<'_, '_>, m: &MhFacts, cn: [u8; 16], home: [u8; 16]) {
    if p.damaged() {
        return;
    }
    // §8.1: Home Nonce Index (2), Home Init Cookie (8), Home Keygen Token (8), Care-of Address (16).
    let at = m.body as usize + 18;
    let Some(cn_coa) = p.t.all.get(at..at + 16).and_then(|b| <[u8; 16]>::try_from(b).ok()) else { return };
    if cn_coa == [0; 16] || cn_coa == cn {
        return;
    }
    let now = p.t.d.ts.0;
    let Some(test) = p.t.state.open_home_test(&cn, Some(&home), &home, now) else { return };
    let Some(bu) = p.t.state.open_early_proxy_bu(&cn, &test.care_of, now).filter(|b| b.frame > test.frame) else { return };
    p.finding(
        m.fixed_end,
        &rules::PMIPRO_COT_BEFORE_HOT,
        m.body + 18,
        16,
        Some(format_args!(
            "the early proxy Binding Update of frame {} started the care-of test while the Proxy Home Test Init of frame {} awaited this Proxy Home Test (the correspondent's proxy mobile agent gives it the care-of address {})",
            bu.frame,
            test.frame,
            std::net::Ipv6Addr::from(cn_coa)
        )),
    );
}

/// §3.5: a Binding Acknowledgement from a correspondent to a care-of address closes the early
/// proxy BU exchange open from there (whatever it says: what it must say is [`pba`]'s). Taught
/// only when one is open, so other BAs teach nothing.
fn answered(p: &mut Pass<'_, '_>, m: &MhFacts) {
    if m.msg == Some(MhType::BindingAcknowledgement) && !m.quoted() {
        if let Some((cn, care_of)) = m.pkt.ip6 {
            p.t.d.read_keys = true;
            if p.t.state.open_early_proxy_bu(&cn, &care_of, p.t.d.ts.0).is_some() {
                p.t.d.lessons.push(Lesson::EarlyProxyBuAnswered { cn, care_of });
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

/// Which of seed 004's proxy BUs a message is (§3.3, §3.5, profiles.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Carries a Care-of Test Init option (it may carry CGA Parameters and Signature too).
    Early,
    /// Carries CGA Parameters and Signature, no Care-of Test Init.
    Complete,
}

/// §7 / profiles.md: a proxy BU has P set and no Home Address option; one with Care-of Test
/// Init is early, one with CGA Parameters and Signature complete. A BU with a Home Address
/// option is not treated as a proxy BU ([`shape`] still tells §7's rule what it was meant to
/// be).
pub(crate) fn kind(f: &Facts, m: &MhFacts) -> Option<Kind> {
    if m.pkt.hao.is_some() {
        return None;
    }
    shape(f, m)
}

/// What a BU with P set is by its options alone, whatever its Home Address option: early with
/// Care-of Test Init, complete with CGA Parameters and Signature. By the rows that decoded the
/// options (so the profile's numbers count, and an option whose length was wrong, never
/// decoded, does not), not by raw type numbers.
fn shape(f: &Facts, m: &MhFacts) -> Option<Kind> {
    if !m.bu_flags().is_some_and(|fl| fl.has(BuFlags::P)) {
        return None;
    }
    if f.has_opt(m, &ero::P_COTI) {
        Some(Kind::Early)
    } else if f.has_opt(m, &ero::P_CGAR) && f.has_opt(m, &ero::P_SIGN) {
        Some(Kind::Complete)
    } else {
        None
    }
}

/// Whether a proxy BU goes to a correspondent, as seed 004's do (§3.3: "to register with a
/// correspondent node"): H clear. One with H set is a home registration, which RFC 6275 §5.1
/// protects with IPsec, not with return routability's tokens: §3.3–§3.5's rules about tokens
/// and their order are not judged on it.
fn to_correspondent(m: &MhFacts) -> bool {
    m.bu_flags().is_some_and(|fl| !fl.has(BuFlags::H))
}

/// What the answer to a seed 004 proxy BU must bring, for the tracker's memo: an early one's
/// brings a Care-of Test, a complete one's the two tokens.
pub(crate) fn memo_of(f: &Facts, m: &MhFacts) -> u64 {
    if !to_correspondent(m) {
        return 0;
    }
    match kind(f, m) {
        Some(Kind::Early) => memo::PMIPRO_EARLY,
        Some(Kind::Complete) => memo::PMIPRO_COMPLETE,
        None => 0,
    }
}

/// A Binding Acknowledgement answering a seed 004 proxy BU (`bu`, the BU's memo; `req`, its
/// frame): accepting an early proxy BU it brings the care-of keygen token in a Care-of Test
/// option (§3.3, Figure 3), accepting a complete one the permanent and handover home keygen
/// tokens (§3.5, Figure 5). A refusal brings no token, and which options a message carries is
/// judged only when all of them were decoded (profiles.md). Whether the correspondent's answer
/// sets P is left open: the draft calls it a PBA but never says a Type 1 correspondent sets
/// RFC 5213's flag (profiles.md: RFC 5213's rules do not apply to these BUs), so no rule.
pub(crate) fn pba(p: &mut Pass<'_, '_>, m: &MhFacts, ba: &Ba, bu: u64, req: u64, at: Anchor) {
    if bu & (memo::PMIPRO_EARLY | memo::PMIPRO_COMPLETE) == 0 {
        return;
    }
    let status = ba.status.value();
    if status >= 128 || p.damaged() {
        return;
    }
    if bu & memo::PMIPRO_EARLY != 0 && !p.facts.has_opt(m, &ero::P_COT) {
        p.finding(
            at,
            &rules::PMIPRO_EARLY_PBA_WITHOUT_COT,
            m.body,
            1,
            Some(format_args!("status {status}, answering the early proxy Binding Update in frame {req}")),
        );
    }
    if bu & memo::PMIPRO_COMPLETE != 0 {
        let (phkt, hhkt) = (p.facts.has_opt(m, &ero::P_PHKT), p.facts.has_opt(m, &P_HHKT));
        let missing = match (phkt, hhkt) {
            (true, true) => return,
            (false, false) => "Permanent and Handover Home Keygen Token options",
            (false, true) => "Permanent Home Keygen Token option",
            (true, false) => "Handover Home Keygen Token option",
        };
        p.finding(
            at,
            &rules::PMIPRO_COMPLETE_PBA_WITHOUT_TOKENS,
            m.body,
            1,
            Some(format_args!("missing the {missing}, answering the complete proxy Binding Update in frame {req}")),
        );
    }
}

/// The early / complete proxy BU: its kind shown, §3.5's order, §6's IPv4 home address, and
/// §3.3 / §3.5's authorisation (§4.3's order is judged at the Proxy HoT: [`parallel_care_of_test`]).
fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(at) = m.end else { return };
    hao_in_proxy_bu(p, m, at);
    let Some(kind) = kind(p.facts, m) else { return };
    let opts = p.facts.opts_of(m);
    let kind = match kind {
        Kind::Early => "early",
        Kind::Complete => "complete",
    };
    p.text(at, &PBU_KIND, m.body, 2, format_args!("{kind}"));
    p.info_append(m.info, format_args!(" ({kind} proxy BU)"));
    // The home nonce index: 0 when the early BU is authorised with the permanent or handover
    // token (§3.3, §3.5).
    let home_index = opts.iter().rev().find(|o| std::ptr::eq(o.def.presence, &P_NI) && o.len == 4).and_then(|o| {
        let at = o.at as usize + 2;
        p.t.all.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    });
    // §3.3: one authorised with the handover token (the next PMA's, §3.4) renews the tokens,
    // so it carries the mobile node's CGA Parameters and Signature.
    if kind == "early" && home_index == Some(0) && !m.quoted() && !p.damaged() && to_correspondent(m) {
        let cga = p.facts.has_opt(m, &ero::P_CGAR) && p.facts.has_opt(m, &ero::P_SIGN);
        if !cga && by_handover_token(p, m) {
            let missing = if p.facts.has_opt(m, &ero::P_CGAR) { "Signature" } else { "CGA Parameters and Signature" };
            p.finding(
                at,
                &rules::PMIPRO_HANDOVER_EARLY_WITHOUT_CGA,
                m.body,
                2,
                Some(format_args!("authorised with the handover home keygen token, missing {missing}")),
            );
        }
    }
    // §3.5: the complete proxy BU follows the early exchange once finished (its PBA brought the
    // care-of keygen token the complete BU is authorised with, §3.4).
    if let (Some((coa, cn)), false, true) = (m.pkt.ip6, m.quoted(), to_correspondent(m)) {
        if kind == "early" {
            let (frame, at_s) = (p.t.d.frame_number, p.t.d.ts.0);
            p.t.d.lessons.push(Lesson::EarlyProxyBuSent { cn, care_of: coa, frame, at_s });
        } else {
            p.t.d.read_keys = true;
            if let Some(o) = p.t.state.open_early_proxy_bu(&cn, &coa, p.t.d.ts.0) {
                p.finding(
                    at,
                    &rules::PMIPRO_COMPLETE_BEFORE_EARLY,
                    m.body,
                    2,
                    Some(format_args!("the early proxy Binding Update of frame {} is not answered yet", o.frame)),
                );
            }
        }
    }
    // §6: route optimisation for dual-stack nodes is left open, so no IPv4 home address.
    if let Some(o) = opts.iter().find(|o| std::ptr::eq(o.def.presence, &dsmip::P_IPV4HA)) {
        p.finding(at, &rules::PMIPRO_PBU_IPV4_HOA, o.at, 1, None);
    }
    // §3.3, §3.5: authorised by the home (temporary, permanent or handover) and care-of keygen
    // tokens the nonce indices name. Nonce Indices without Binding Authorization Data is RFC
    // 6275 §6.2.6's finding (one finding per broken statement).
    let (ni, bad) = (p.facts.has_opt(m, &P_NI), p.facts.has_opt(m, &P_BAD));
    if !ni && !p.damaged() && !m.quoted() && to_correspondent(m) {
        let missing = if bad { "Nonce Indices" } else { "Nonce Indices and Binding Authorization Data" };
        p.finding(at, &rules::PMIPRO_PBU_WITHOUT_AUTH, m.body + 2, 2, Some(format_args!("{kind} proxy BU missing {missing}")));
    }
}

/// §7: "Upon receiving a Proxy Home Test Init message, Early Proxy Binding Update and Complete
/// Proxy Binding Update message, [...] The packet MUST NOT include a Home Address destination
/// option." The BU is recognised by its P flag and options ([`shape`]), sent to a
/// correspondent (H clear, as §7's receiver is); an RFC 5213 Proxy Binding Update with one (its
/// Mobile Node Identifier or Home Network Prefix says so) is check.rfc5213.pbu_hao's (one
/// finding per broken statement).
fn hao_in_proxy_bu(p: &mut Pass<'_, '_>, m: &MhFacts, at: Anchor) {
    if m.pkt.hao.is_none() || m.quoted() || !to_correspondent(m) || super::rfc5213::is_pbu_with_hao(p.facts, m) {
        return;
    }
    let what = match shape(p.facts, m) {
        Some(Kind::Early) => "an early proxy Binding Update",
        Some(Kind::Complete) => "a complete proxy Binding Update",
        None => return,
    };
    p.finding(at, &rules::PMIPRO_HAO, m.mh, 0, Some(format_args!("{what}")));
}

/// Whether an early proxy BU's authenticator (§3.3: Kbm = SHA1(home token | zero care-of
/// token)) verifies with a handover home keygen token its correspondent gave (the capture's,
/// or the keys' for the home address a proxy BU from this care-of address named) and with no
/// permanent one: the proxy mobile agent had only the handover token. The newest few of each
/// kind are tried, so the cost stays flat whatever the capture.
fn by_handover_token(p: &mut Pass<'_, '_>, m: &MhFacts) -> bool {
    use crate::crypto::keys::TokenKind;
    use crate::crypto::{rr, same};
    let data = p.t.all;
    let Some(s) = rr::signed(p.facts, m, data) else { return false };
    let (Some(mh), Some(wire)) = (data.get(s.mh.clone()), data.get(s.mh.start + s.value_at..s.mh.start + s.value_at + 12)) else {
        return false;
    };
    p.t.d.read_keys = true;
    let (state, keys) = (p.t.state, &p.t.prefs.keys);
    let (cn, coa) = (s.correspondent, s.care_of);
    let hoa = state.proxy_home(&cn, &coa);
    let verifies = |kind: TokenKind| {
        let given = hoa.and_then(|h| keys.token(kind, &cn, &h, 0));
        let learned = state.tokens().rev().filter(|t| t.kind == kind && t.cn == cn && t.index == 0).map(|t| t.token);
        given.into_iter().chain(learned).take(8).any(|home| {
            rr::authenticator(&rr::kbm(rr::KbmInput::EarlyProxy { home }), &coa, &cn, mh, s.value_at)
                .is_some_and(|a| same(&a, wire))
        })
    };
    verifies(TokenKind::Handover) && !verifies(TokenKind::Permanent)
}

/// §7: "CN MUST use Type 2 routing header in outgoing packets to PMA. The destination address
/// is PMA's egress interface address which serves as Care-of address for the mobile node and
/// the type 2 routing header contains MN's home address." Judged when proxy BUs to this
/// correspondent registered the home address (their CGA Parameters named it): the packet goes
/// to a care-of address one of them came from (any: a handover leaves the older one known, and
/// packets in flight are not judged against it). The newest few bindings are read.
pub fn rh2_data(p: &mut Pass<'_, '_>, f: &DataFact, home: [u8; 16]) {
    p.t.d.read_keys = true;
    let mut bound = p.t.state.proxy_bindings().rev().filter(|k| k.0 == f.src && k.2 == home).take(16).peekable();
    let Some(&&(_, last, _)) = bound.peek() else { return };
    if bound.any(|k| k.1 == f.dst) {
        return;
    }
    p.finding(
        f.at,
        &rules::PMIPRO_CN_RH2_NOT_TO_PMA,
        f.ip6 + 24,
        16,
        Some(format_args!(
            "home address {} was registered from {}",
            std::net::Ipv6Addr::from(home),
            std::net::Ipv6Addr::from(last)
        )),
    );
}

/// §7: "Correspondent node MUST receive route optimized data packets from PMA encapsulated in
/// IP-in-IP encapsulation. Source address of the outer header MUST be equal PMA's egress
/// interface address and MUST match the Binding Cache entry." Judged on IPv6 in IPv6 sent to
/// the correspondent (the outer destination is the inner one's) from a home address proxy BUs
/// to it registered: the outer source is a care-of address one of them came from (any of the
/// newest few, as [`rh2_data`]). A tunnel to anyone else (a MAG's to its LMA, RFC 5213) is not
/// this one, and a plain packet from the home address may come the LMA's way: neither judged.
pub fn tunnelled(p: &mut Pass<'_, '_>, f: &DataFact, (at, src, dst): (u32, [u8; 16], [u8; 16])) {
    if dst != f.dst {
        return;
    }
    p.t.d.read_keys = true;
    let mut bound = p.t.state.proxy_bindings().rev().filter(|k| k.0 == f.dst && k.2 == f.src).take(16).peekable();
    let Some(&&(_, last, _)) = bound.peek() else { return };
    if bound.any(|k| k.1 == src) {
        return;
    }
    p.finding(
        f.at,
        &rules::PMIPRO_CN_TUNNEL_NOT_FROM_PMA,
        at + 8,
        16,
        Some(format_args!(
            "outer source {}; home address {} was registered from {}",
            std::net::Ipv6Addr::from(src),
            std::net::Ipv6Addr::from(f.src),
            std::net::Ipv6Addr::from(last)
        )),
    );
}
