//! RFC 6275 (Mobile IPv6) wire rules on one message: where the return-routability options may
//! go and what a home registration sets. Read as `../shared/spec/profiles.md` says where later
//! documents overlap (proxy registrations are not correspondent registrations).

use super::rules::{
    RFC6275_BAD_NOT_LAST, RFC6275_BRA_NOT_IN_BA, RFC6275_CN_BU_WITHOUT_AUTH, RFC6275_HOME_BU_WITHOUT_A, RFC6275_NONCE_WITHOUT_BAD,
};
use super::{Draft, MhFacts, OptFact, Pass};
use crate::field::FieldDef;
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::base::{P_BAD, P_BRA, P_NI, P_PAD1, P_PADN};
use crate::mh::MhType;

pub static DRAFT: Draft = Draft { message: |_, _| {}, option, after_options };

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

/// §6.2.4: the Binding Refresh Advice travels only in a Binding Acknowledgement.
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    if is(o, &P_BRA) && m.msg.is_some() && m.msg != Some(MhType::BindingAcknowledgement) {
        p.finding(o.end, &RFC6275_BRA_NOT_IN_BA, o.at, 1, None);
    }
}

fn after_options(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let Some(at) = m.end else { return };
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
    if whole && ni && !bad {
        if let Some(o) = all.iter().find(|o| is(o, &P_NI)) {
            p.finding(at, &RFC6275_NONCE_WITHOUT_BAD, o.at, 1, None);
        }
    }
    let Some(flags) = m.bu_flags().filter(|_| m.msg == Some(MhType::BindingUpdate) && !m.quoted()) else { return };
    // §11.7.1: a home registration asks for an acknowledgement.
    if flags.has(BuFlags::H) && !flags.has(BuFlags::A) {
        p.finding(at, &RFC6275_HOME_BU_WITHOUT_A, m.body + 2, 2, None);
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
