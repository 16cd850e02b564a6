//! RFC 6275 (Mobile IPv6) wire rules on one message: which headers travel with a Mobility
//! Header, where the return-routability options may go and what a home registration sets. Read
//! as `../shared/spec/profiles.md` says where later documents overlap (proxy registrations are
//! not correspondent registrations; seed 000 governs its CoTI and CoT). The rule about a Binding
//! Acknowledgement and its Binding Update is in [`super::pairs`].

use super::rules::{
    NEMO_RO_COTI_HAO_AGAINST_RFC6275, RFC6275_ACOA_NOT_IN_BU, RFC6275_BAD_NOT_LAST, RFC6275_BA_EXPIRED_NONCE_WITH_BAD,
    RFC6275_BRA_NOT_IN_BA, RFC6275_CN_BU_WITHOUT_AUTH, RFC6275_HOME_BU_WITHOUT_A, RFC6275_HOME_BU_WITHOUT_ACOA,
    RFC6275_K_FLAG_NOT_HOME, RFC6275_MH_WITH_HAO, RFC6275_MH_WITH_RH2, RFC6275_NONCE_NOT_IN_CN_BU, RFC6275_NONCE_WITHOUT_BAD,
};
use super::{Draft, MhFacts, MsgFixed, OptFact, Pass};
use crate::field::FieldDef;
use crate::mh::msg::binding::{BrrFlags, BuFlags};
use crate::mh::opt::base::{P_ACOA, P_BAD, P_BRA, P_NI, P_PAD1, P_PADN};
use crate::mh::opt::ero::P_COT;
use crate::mh::MhType;

pub static DRAFT: Draft = Draft { message, option, after_options };

/// §6.1: a Mobility Header travels with a type 2 routing header only as a Binding
/// Acknowledgement (§9.5.4) and with a Home Address option only as a Binding Update (§11.7.1,
/// §11.7.2). Judged for RFC 6275's own messages (types 0–7): later documents say what theirs
/// carry (RFC 5846's revocation messages use both). Seed 000 §4.2 puts a Home Address option in
/// a visiting node's CoTI and a type 2 routing header in the CoT answering it, and governs its
/// exchange (profiles.md): there those two are left alone.
fn message(p: &mut Pass<'_, '_>, m: &MhFacts) {
    if m.quoted() || m.mh_type > 7 {
        return;
    }
    let Some(ty) = m.msg else { return };
    // Seed 000's exchange (§4.2, §5.6, §6): a visiting node's CoTI with its Home Address option,
    // the CoT answering it (from its mobile router or its correspondent) with that address in a
    // type 2 routing header. Whether a CoT is that depends on its CoTI, so CoTs are left to the
    // pair rules: check.nemo_ro.cot_rh2_not_coti_hoa, check.reflector.rh2_on_cot (a CoT routed
    // to a home address its CoTI never named); a CoTI with the option to [`coti_hao`].
    let nemo_cot = ty == MhType::CareOfTest;
    let nemo_coti = ty == MhType::CareOfTestInit;
    if nemo_coti {
        coti_hao(p, m);
    }
    if m.pkt.rh2.is_some() && ty != MhType::BindingAcknowledgement && !nemo_cot {
        p.finding(
            m.fixed_end,
            &RFC6275_MH_WITH_RH2,
            m.mh + 2,
            1,
            Some(format_args!("a {} with a type 2 routing header", ty.name().unwrap_or("message"))),
        );
    }
    if m.pkt.hao.is_some() && ty != MhType::BindingUpdate && !nemo_coti {
        p.finding(
            m.fixed_end,
            &RFC6275_MH_WITH_HAO,
            m.mh + 2,
            1,
            Some(format_args!("a {} with a Home Address option", ty.name().unwrap_or("message"))),
        );
    }
}

/// A CoTI with a Home Address option: seed 000 §4.2 asks for it, §6.1 forbids it, and
/// profiles.md lets the draft govern its exchange with a Note. Whether the CoTI is a visiting
/// node's is not on the wire (seed 000 §5.6: it goes to correspondents too, from a care-of
/// address nothing names), so it is read as the draft's (no false MUST failure) unless its home
/// address is a mobile router's, configured or learned: a mobile router is no visiting node
/// (seed 000 §7 leaves nested NEMO out), so RFC 6275 governs.
fn coti_hao(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(home) = m.pkt.hao else { return };
    let router = p.t.prefs.nemo_mr_addresses.contains(&home) || p.t.state.mr_addresses.contains(&home);
    if router {
        p.finding(
            m.fixed_end,
            &RFC6275_MH_WITH_HAO,
            m.mh + 2,
            1,
            Some(format_args!("a Care-of Test Init whose home address {} is a mobile router's", std::net::Ipv6Addr::from(home))),
        );
    } else {
        p.finding(m.fixed_end, &NEMO_RO_COTI_HAO_AGAINST_RFC6275, m.mh + 2, 1, None);
    }
}

/// The options a message's decoders ran on.
pub(crate) fn opts<'f>(p: &Pass<'f, '_>, m: &MhFacts) -> &'f [OptFact] {
    let facts: &'f super::Facts = p.facts;
    facts.opts_of(m)
}

/// Whether the message carries an option whose row has this presence field.
pub(crate) fn has(p: &Pass<'_, '_>, m: &MhFacts, presence: &FieldDef) -> bool {
    p.facts.has_opt(m, presence)
}

fn is(o: &OptFact, presence: &FieldDef) -> bool {
    std::ptr::eq(o.def.presence, presence)
}

/// Where an option may travel: §6.2.4 the Binding Refresh Advice only in a Binding
/// Acknowledgement, §6.2.6 the Nonce Indices only in a Binding Update to a correspondent node,
/// §6.2.5 the Alternate Care-of Address only in a Binding Update. Judged for RFC 6275's own
/// messages (types 0–7) as sent, not as quoted in an ICMP error (the sent one was judged).
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    if m.quoted() || m.mh_type > 7 {
        return;
    }
    let Some(ty) = m.msg else { return };
    if is(o, &P_BRA) && ty != MhType::BindingAcknowledgement {
        p.finding(o.end, &RFC6275_BRA_NOT_IN_BA, o.at, 1, None);
    }
    if is(o, &P_NI) && nonce_misplaced(p, m, ty) {
        let home = m.bu_flags().is_some_and(|f| f.has(BuFlags::H));
        let what = if home { "home registration" } else { ty.name().unwrap_or("message") };
        p.finding(o.end, &RFC6275_NONCE_NOT_IN_CN_BU, o.at, 1, Some(format_args!("in a {what}")));
    }
    // §6.2.5: valid only in a Binding Update. Seed 000 puts it in a mobile router's RO
    // Acknowledgement (§4.1.2, §5.3) and in a BRR with M set (§4.1.3), and governs those
    // (profiles.md).
    let seed000 = match ty {
        MhType::BindingUpdate => true,
        MhType::BindingAcknowledgement => super::nemo_ro::is_ro_ack(p, m),
        MhType::BindingRefreshRequest => m.brr_flags().is_some_and(|f| f.has(BrrFlags::M)),
        _ => false,
    };
    if is(o, &P_ACOA) && !seed000 {
        p.finding(o.end, &RFC6275_ACOA_NOT_IN_BU, o.at, 1, Some(format_args!("in a {}", ty.name().unwrap_or("message"))));
    }
}

/// §6.2.6: Nonce Indices anywhere but in a Binding Update to a correspondent node. Seed 004
/// §3.3: the PBA answering an early proxy BU brings a care-of keygen token in a Care-of Test
/// option (RFC 4866), with the index of the nonce behind it; seed 004 governs that exchange
/// (profiles.md).
fn nonce_misplaced(p: &Pass<'_, '_>, m: &MhFacts, ty: MhType) -> bool {
    let home = m.bu_flags().is_some_and(|f| f.has(BuFlags::H));
    let early_pba = ty == MhType::BindingAcknowledgement && has(p, m, &P_COT);
    (ty != MhType::BindingUpdate || home) && !early_pba
}

/// Whether a Binding Update is a correspondent registration: not a home, proxy (RFC 5213, seed
/// 004: profiles.md) or MAP (RFC 5380) registration.
fn correspondent_bu(m: &MhFacts) -> bool {
    m.msg == Some(MhType::BindingUpdate)
        && m.bu_flags().is_some_and(|f| !f.has(BuFlags::H) && !f.has(BuFlags::P) && !f.has(BuFlags::M))
}

fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    if m.quoted() || m.mh_type > 7 {
        return;
    }
    let (Some(at), Some(ty)) = (m.end, m.msg) else { return };
    let all = opts(p, m);
    // §6.2.7: nothing but padding after the Binding Authorization Data.
    if let Some(i) = all.iter().position(|o| is(o, &P_BAD)) {
        if let Some(after) = all[i + 1..].iter().find(|o| !is(o, &P_PAD1) && !is(o, &P_PADN)) {
            let bad = all[i].at;
            p.finding(
                at,
                &RFC6275_BAD_NOT_LAST,
                after.at,
                1,
                Some(format_args!("an option follows the Binding Authorization Data at offset {bad}")),
            );
        }
    }
    // Which options a message carries is judged only when all of them were decoded.
    let whole = !p.damaged();
    let (bad, ni) = (has(p, m, &P_BAD), has(p, m, &P_NI));
    // One broken statement, one finding: Nonce Indices where they don't belong, or a
    // correspondent registration without its Binding Authorization Data, is said by its own rule.
    if whole && ni && !bad && !nonce_misplaced(p, m, ty) && !correspondent_bu(m) {
        if let Some(o) = all.iter().find(|o| is(o, &P_NI)) {
            p.finding(at, &RFC6275_NONCE_WITHOUT_BAD, o.at, 1, None);
        }
    }
    // §9.5.4: a BA saying a nonce expired is not authorised with it.
    if let Some(st) = m.ba_status().filter(|_| ty == MhType::BindingAcknowledgement) {
        let st = u8::from(st);
        if (136..=138).contains(&st) && bad {
            if let Some(o) = all.iter().find(|o| is(o, &P_BAD)) {
                p.finding(at, &RFC6275_BA_EXPIRED_NONCE_WITH_BAD, o.at, 1, Some(format_args!("status {st}")));
            }
        }
    }
    let Some(Some(MsgFixed::Bu(bu))) = (ty == MhType::BindingUpdate).then_some(m.fixed) else { return };
    let flags = bu.flags;
    // §11.7.1: a home registration names its care-of address in an Alternate Care-of Address
    // option, which ESP protects (the IPv6 source it is not). profiles.md: not a
    // de-registration, nor a BU whose care-of addresses are elsewhere ([`coa_elsewhere`]).
    // §11.7.1: a home registration asks for an acknowledgement. A proxy registration's A flag
    // is RFC 5213's to judge (check.rfc5213.pbu_without_a: one finding per broken statement).
    if flags.has(BuFlags::H) && !flags.has(BuFlags::P) && !flags.has(BuFlags::A) {
        p.finding(at, &RFC6275_HOME_BU_WITHOUT_A, m.body + 2, 2, None);
    }
    if whole && flags.has(BuFlags::H) && !flags.has(BuFlags::P) && bu.lifetime != 0 && m.alt_coa.is_none() && !coa_elsewhere(p, m)
    {
        p.finding(at, &RFC6275_HOME_BU_WITHOUT_ACOA, m.body + 2, 2, None);
    }
    // §6.1.7: K only towards the home agent. Proxy (RFC 5213) and MAP (RFC 5380) registrations
    // go to agents of their own documents.
    if flags.has(BuFlags::K) && !flags.has(BuFlags::H) && !flags.has(BuFlags::P) && !flags.has(BuFlags::M) {
        p.finding(at, &RFC6275_K_FLAG_NOT_HOME, m.body + 2, 2, None);
    }
    // §9.5.1: a correspondent registration is authorised by return routability. Not a proxy
    // registration (RFC 5213, seed 004: profiles.md) nor a MAP registration (RFC 5380, IPsec).
    let proxy_home_or_map = flags.has(BuFlags::H) || flags.has(BuFlags::P) || flags.has(BuFlags::M);
    let authorised = bad && ni;
    if whole && !proxy_home_or_map && !authorised {
        let missing = match (ni, bad) {
            (false, false) => "Nonce Indices and Binding Authorization Data",
            (false, true) => "Nonce Indices",
            _ => "Binding Authorization Data",
        };
        p.finding(at, &RFC6275_CN_BU_WITHOUT_AUTH, m.body + 2, 2, Some(format_args!("missing {missing}")));
    }
}

/// Whether a home registration names its care-of addresses somewhere other than an Alternate
/// Care-of Address option, so §11.7.1's option is not asked of it: Binding Identifiers carrying
/// a care-of address (RFC 5648 §5.2: Length 8 or 20) or the C flag (seed 002 §5.7: SHOULD NOT
/// use one then), an IPv4 care-of address (RFC 5555), or an Authentication Header, which
/// protects the IPv6 source (§11.7.1 lets such a message leave the option out).
fn coa_elsewhere(p: &Pass<'_, '_>, m: &MhFacts) -> bool {
    let bid_coa = p.facts.bids_of(m).iter().any(|b| {
        b.len > 4 || (b.layout == crate::prefs::BidLayout::Draft03 && b.flags & crate::mh::seeds::mcoa::BidDraftFlags::C != 0)
    });
    bid_coa || m.pkt.ah || has(p, m, &crate::mh::opt::dsmip::P_IPV4COA)
}
