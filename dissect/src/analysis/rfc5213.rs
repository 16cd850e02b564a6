//! RFC 5213 (Proxy Mobile IPv6) wire rules: what a Proxy Binding Update carries. Seed 004's
//! proxy BUs to a correspondent (early, complete, or a de-registration: each with a Binding
//! Authorization Data option) are not RFC 5213 registrations (profiles.md), nor are RFC 6602
//! bulk re-registrations (a Mobile Node Group Identifier in place of the MN Identifier).

use super::rfc6275::has;
use super::rules::{RFC5213_PBU_WITHOUT_ATT, RFC5213_PBU_WITHOUT_HI, RFC5213_PBU_WITHOUT_HNP, RFC5213_PBU_WITHOUT_MNID};
use super::{Draft, MhFacts, Pass};
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::base::P_BAD;
use crate::mh::opt::ero::{P_CGAR, P_COTI, P_SIGN};
use crate::mh::opt::mnid::P_MNID;
use crate::mh::opt::pmip::{P_ATT, P_HI, P_HNP, P_MNG};
use crate::mh::opt::pmip_ipv4::P_IPV4HAREQ;
use crate::mh::MhType;

pub static DRAFT: Draft = Draft { message: |_, _| {}, option: |_, _, _| {}, after_options };

/// Whether a BU with P set is one of seed 004's early (Care-of Test Init) or complete (CGA
/// Parameters and Signature) proxy BUs (§3.3, §3.5).
pub(crate) fn is_pmipro_in(f: &super::Facts, m: &MhFacts) -> bool {
    f.has_opt(m, &P_COTI) || (f.has_opt(m, &P_CGAR) && f.has_opt(m, &P_SIGN))
}

/// Whether a BU with P set is a correspondent registration of seed 004 (early, complete, or
/// the de-registration §7 speaks of): authorised by return routability, which an RFC 5213
/// registration with the LMA never is.
pub(crate) fn is_pmipro_ro(f: &super::Facts, m: &MhFacts) -> bool {
    is_pmipro_in(f, m) || f.has_opt(m, &P_BAD)
}

/// Whether a message is an RFC 5213 Proxy Binding Update: a BU with P set and no Home Address
/// option (profiles.md) that is not one of seed 004's.
pub(crate) fn is_pbu(f: &super::Facts, m: &MhFacts) -> bool {
    m.msg == Some(MhType::BindingUpdate)
        && m.bu_flags().is_some_and(|fl| fl.has(BuFlags::P))
        && m.pkt.hao.is_none()
        && !is_pmipro_ro(f, m)
}

fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(at) = m.end else { return };
    if !is_pbu(p.facts, m) || m.quoted() {
        return;
    }
    if has(p, m, &P_MNG) || p.damaged() {
        return;
    }
    if !has(p, m, &P_MNID) {
        p.finding(at, &RFC5213_PBU_WITHOUT_MNID, m.body, 6, None);
    }
    // RFC 5844: an IPv4-only mobile node's PBU asks for an IPv4 home address instead.
    if !has(p, m, &P_HNP) && !has(p, m, &P_IPV4HAREQ) {
        p.finding(at, &RFC5213_PBU_WITHOUT_HNP, m.body, 6, None);
    }
    if !has(p, m, &P_HI) {
        p.finding(at, &RFC5213_PBU_WITHOUT_HI, m.body, 6, None);
    }
    if !has(p, m, &P_ATT) {
        p.finding(at, &RFC5213_PBU_WITHOUT_ATT, m.body, 6, None);
    }
}
