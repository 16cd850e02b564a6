//! RFC 5213 (Proxy Mobile IPv6) wire rules: what a Proxy Binding Update carries (§6.9.1.5) and
//! what its acknowledgement echoes (§5.3.6, with the tracker's memo of the request). Seed 004's
//! proxy BUs to a correspondent (early, complete, or a de-registration: each with a Binding
//! Authorization Data option) are not RFC 5213 registrations (profiles.md), nor are RFC 6602
//! bulk re-registrations (a Mobile Node Group Identifier in place of the MN Identifier).

use super::rfc6275::has;
use super::rules::{
    RFC5213_PBA_ATT_NOT_COPIED, RFC5213_PBA_HI_NOT_COPIED, RFC5213_PBA_LLA_UNASKED, RFC5213_PBA_MNID_NOT_COPIED,
    RFC5213_PBA_MNLLI_UNASKED, RFC5213_PBA_TIMESTAMP_UNASKED, RFC5213_PBA_WITHOUT_HNP, RFC5213_PBU_HAO, RFC5213_PBU_WITHOUT_A,
    RFC5213_PBU_WITHOUT_ATT, RFC5213_PBU_WITHOUT_HI, RFC5213_PBU_WITHOUT_HNP, RFC5213_PBU_WITHOUT_MNID,
};
use super::track::memo;
use super::{Draft, Facts, MhFacts, OptFact, Pass};
use crate::field::FieldDef;
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::base::P_BAD;
use crate::mh::opt::ero::{P_CGAR, P_COTI, P_SIGN};
use crate::mh::opt::mnid::P_MNID;
use crate::mh::opt::pmip::{P_ATT, P_HI, P_HNP, P_LLA, P_MNG, P_MNLLI, P_TS};
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

/// Whether a BU with P set and a Home Address option is an RFC 5213 registration all the
/// same: it carries the options only a Proxy Binding Update does (Mobile Node Identifier, Home
/// Network Prefix), which seed 004's proxy BUs never carry.
pub(crate) fn is_pbu_with_hao(f: &Facts, m: &MhFacts) -> bool {
    m.msg == Some(MhType::BindingUpdate)
        && m.bu_flags().is_some_and(|fl| fl.has(BuFlags::P))
        && m.pkt.hao.is_some()
        && (f.has_opt(m, &P_MNID) || f.has_opt(m, &P_HNP))
}

fn is(o: &OptFact, presence: &FieldDef) -> bool {
    std::ptr::eq(o.def.presence, presence)
}

/// The option's data (after Type and Length) in the frame.
fn data_of<'d>(data: &'d [u8], o: &OptFact) -> &'d [u8] {
    let at = o.at as usize + 2;
    data.get(at..at + usize::from(o.len)).unwrap_or(&[])
}

/// The value octet of a Handoff Indicator or Access Technology Type option (after its
/// Reserved octet, §8.4, §8.5).
fn value_of(data: &[u8], o: &OptFact) -> Option<u8> {
    data_of(data, o).get(1).copied()
}

/// What a Proxy Binding Update carries that its acknowledgement must echo (§5.3.6); nothing
/// for an RFC 6602 bulk re-registration, whose group identifier stands for the identifiers.
pub(crate) fn echoed(f: &Facts, m: &MhFacts, data: &[u8]) -> memo::Pbu {
    let opts = f.opts_of(m);
    if opts.iter().any(|o| is(o, &P_MNG)) {
        return memo::Pbu::default();
    }
    let first = |presence: &FieldDef| opts.iter().find(|o| is(o, presence));
    memo::Pbu {
        mnid: first(&P_MNID).map(|o| memo::mnid_digest(data_of(data, o))),
        hi: first(&P_HI).and_then(|o| value_of(data, o)),
        att: first(&P_ATT).and_then(|o| value_of(data, o)),
        hnp: first(&P_HNP).is_some(),
        timestamp: first(&P_TS).is_some(),
        mnlli: first(&P_MNLLI).is_some(),
        lla: first(&P_LLA).is_some(),
    }
}

/// The digest of the Mobile Node Identifier a Proxy Binding Acknowledgement (P set) carries.
pub(crate) fn pba_mnid(f: &Facts, m: &MhFacts, data: &[u8]) -> Option<u16> {
    let Some(super::MsgFixed::Ba(ba)) = m.fixed else { return None };
    if !ba.flags.has(crate::mh::msg::binding::BaFlags::P) {
        return None;
    }
    f.opts_of(m).iter().find(|o| is(o, &P_MNID)).map(|o| memo::mnid_digest(data_of(data, o)))
}

/// Checks a Proxy Binding Acknowledgement `m` against what its Proxy Binding Update (frame
/// `req`, memo `bu`) carried (§5.3.6). Not judged when an option of the frame was not decoded.
pub(crate) fn pba(p: &mut Pass<'_, '_>, m: &MhFacts, at: super::Anchor, bu: u64, req: u64) {
    let want = memo::pbu(bu);
    if want == memo::Pbu::default() || p.damaged() {
        return;
    }
    let data = p.t.all;
    let opts = p.facts.opts_of(m);
    let first = |presence: &FieldDef| opts.iter().find(|o| is(o, presence)).copied();
    // Where a finding points: the option that is wrong, else the message.
    let (whole, one) = (m.body, 1);
    let place = |o: Option<OptFact>| o.map_or((whole, one), |o| (o.at, usize::from(o.len) + 2));
    let mut found: [Option<(&'static super::rules::Rule, (u32, usize))>; 7] = [None; 7];
    if let Some(d) = want.mnid {
        let ids = opts.iter().filter(|o| is(o, &P_MNID));
        if !ids.clone().any(|o| memo::mnid_digest(data_of(data, o)) == d) {
            found[0] = Some((&RFC5213_PBA_MNID_NOT_COPIED, place(ids.copied().next())));
        }
    }
    if want.hnp && first(&P_HNP).is_none() {
        found[1] = Some((&RFC5213_PBA_WITHOUT_HNP, (whole, one)));
    }
    if let Some(v) = want.hi {
        let o = first(&P_HI);
        if o.and_then(|o| value_of(data, &o)) != Some(v) {
            found[2] = Some((&RFC5213_PBA_HI_NOT_COPIED, place(o)));
        }
    }
    if let Some(v) = want.att {
        let o = first(&P_ATT);
        if o.and_then(|o| value_of(data, &o)) != Some(v) {
            found[3] = Some((&RFC5213_PBA_ATT_NOT_COPIED, place(o)));
        }
    }
    if let (false, Some(o)) = (want.timestamp, first(&P_TS)) {
        found[4] = Some((&RFC5213_PBA_TIMESTAMP_UNASKED, place(Some(o))));
    }
    if let (false, Some(o)) = (want.mnlli, first(&P_MNLLI)) {
        found[5] = Some((&RFC5213_PBA_MNLLI_UNASKED, place(Some(o))));
    }
    if let (false, Some(o)) = (want.lla, first(&P_LLA)) {
        found[6] = Some((&RFC5213_PBA_LLA_UNASKED, place(Some(o))));
    }
    for (rule, (off, len)) in found.into_iter().flatten() {
        p.finding(at, rule, off, len, Some(format_args!("the Proxy Binding Update is frame {req}")));
    }
}

fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(at) = m.end else { return };
    if m.quoted() {
        return;
    }
    // §6.9.1.5: no Home Address option in a Proxy Binding Update.
    if is_pbu_with_hao(p.facts, m) && !p.damaged() {
        p.finding(at, &RFC5213_PBU_HAO, m.mh, 1, None);
    }
    if !is_pbu(p.facts, m) {
        return;
    }
    // §6.9.1.5: "P & A flags MUST be set to value 1". Whether a BU with P is RFC 5213's or
    // seed 004's is told by its options, so not when one was not decoded.
    if m.bu_flags().is_some_and(|fl| !fl.has(BuFlags::A)) && !p.damaged() {
        p.finding(at, &RFC5213_PBU_WITHOUT_A, m.body + 2, 1, None);
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
