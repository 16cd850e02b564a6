//! Seed 003, draft-makela-mip4-nemo-haaro-00: what the Mobile IPv4 HAaRO extensions' flags
//! say against what follows them (§4.1 prefix advertisement: x zero, H against a Prefix and
//! against other advertisements; §4.2 RO capability: S against the Mobile Router HoA), and what
//! a registration with a correspondent router carries (§3.3.3). The parser decodes and shows
//! the octets; the rules are rows of [`super::rules`] checked here.

use super::auth::key_addr;
use super::rfc5944::{Mark, RegFact};
use super::rules::{
    HAARO_COA_IN_REQUEST, HAARO_CR_RRQ_WITHOUT_MCAUTH, HAARO_MC_RRQ_SOURCE_NOT_COA, HAARO_MC_RRQ_WITHOUT_HOA,
    HAARO_MC_RRQ_WITHOUT_MNP, HAARO_ROCAP_IN_REPLY, HAARO_ROCAP_S_WITHOUT_HOA, HAARO_ROPA_H_NOT_ONLY, HAARO_ROPA_H_WITH_PREFIX,
    HAARO_ROPA_IN_REQUEST, HAARO_ROPA_X_SET,
};
use super::Pass;
use crate::mip4::ext::ExtType;
use crate::mip4::haaro::{RocapFlags, RopaFlags, ROPA_TRAILING};
use crate::tree::Anchor;
use crate::wire::Ip4;

/// One seed 003 extension as decoded, for the pass.
#[derive(Debug, Clone, Copy)]
pub enum HaaroFact {
    /// §4.1 prefix advertisement whose fixed part decoded.
    Ropa {
        /// Frame offset of the x/O/H/PLen octet.
        flags_at: u32,
        flags: RopaFlags,
        /// The 4-octet Prefix after the HoA (its frame offset and value), if one is there.
        prefix: Option<(u32, [u8; 4])>,
        /// Whether what follows the HoA was read (nothing, a Prefix or a Realm); when not, the
        /// parser reported why and only the flags are judged.
        complete: bool,
        at: Anchor,
        proto: &'static str,
    },
    /// §4.2 RO capability whose fixed part decoded.
    Rocap {
        /// Frame offsets of the extension's Type octet and end.
        start: u32,
        end: u32,
        flags: RocapFlags,
        /// Whether the 4-octet Mobile Router HoA follows the flags.
        hoa: bool,
        at: Anchor,
        proto: &'static str,
    },
}

impl HaaroFact {
    /// Where the findings go (inside the extension's subtree, after its fixed part and any
    /// Prefix or HoA).
    pub fn at(&self) -> Anchor {
        match self {
            HaaroFact::Ropa { at, .. } | HaaroFact::Rocap { at, .. } => *at,
        }
    }
}

/// The rules of one extension.
pub fn check(p: &mut Pass<'_, '_>, f: &HaaroFact) {
    match *f {
        HaaroFact::Ropa { flags_at, flags, prefix, complete, at, proto } => {
            p.proto = proto;
            if flags.has(RopaFlags::X) {
                p.finding(at, &HAARO_ROPA_X_SET, flags_at, 1, None);
            }
            if !complete {
                return;
            }
            let plen = flags.plen();
            match (flags.has(RopaFlags::H), prefix) {
                // §4.1: with H set "no mobile networks are included".
                (true, Some((off, a))) => {
                    p.finding(at, &HAARO_ROPA_H_WITH_PREFIX, off, 4, Some(format_args!("Prefix {}/{plen} ignored", Ip4(a))))
                }
                // H clear: the 4-octet Prefix must follow the HoA, whatever PLen says (§4.1: PLen
                // 0 to 32, so PLen 0 still advertises a /0 prefix, "one extension for each
                // prefix").
                (false, None) => {
                    p.expert(at, &ROPA_TRAILING, flags_at, 1, Some(format_args!("H clear and PLen {plen} but no Prefix")))
                }
                _ => {}
            }
            // §4.1: H "also indicates that this is the only Route optimization prefix
            // advertisement extension in the packet".
            if flags.has(RopaFlags::H) {
                let n = p.facts.haaro.iter().filter(|h| matches!(h, HaaroFact::Ropa { .. })).count();
                if n > 1 {
                    p.finding(at, &HAARO_ROPA_H_NOT_ONLY, flags_at, 1, Some(format_args!("{n} prefix advertisements")));
                }
            }
        }
        HaaroFact::Rocap { start, end, flags, hoa, at, proto } => {
            p.proto = proto;
            if flags.has(RocapFlags::S) && !hoa {
                p.finding(at, &HAARO_ROCAP_S_WITHOUT_HOA, start, (end - start) as usize, None);
            }
        }
    }
}

/// §3.3.3: a Registration Request to a correspondent router carries the Mobile-Correspondent
/// authentication, the Mobile Network Request and a Home Address, and comes from the Care-of
/// Address it gives unless it asked for UDP encapsulation (NAT). A request is one to a
/// correspondent router when it carries the Mobile-Correspondent authentication, or when the
/// capture showed its destination sending a Care-of Test to its source (the return routability
/// that §3.3.3 says comes first; "the registration request's source address ... set to the
/// Mobile Router's Care-of address").
pub fn registration(p: &mut Pass<'_, '_>, r: &RegFact) {
    if p.damaged() {
        return;
    }
    p.proto = "mip";
    let len = (r.end - r.msg) as usize;
    // Where the extensions go: §4.1 the prefix advertisement in the home agent's reply, §4.8 the
    // Care-of Address extension in the correspondent router's reply, §4.2 the RO capability in
    // the mobile router's request.
    let misplaced: &[(Mark, bool, &'static super::rules::Rule)] = &[
        (Mark::Ropa, true, &HAARO_ROPA_IN_REQUEST),
        (Mark::Coa, true, &HAARO_COA_IN_REQUEST),
        (Mark::Rocap, false, &HAARO_ROCAP_IN_REPLY),
    ];
    for &(m, in_request, rule) in misplaced {
        if r.request == in_request && r.has(p.facts, m) {
            p.finding(r.at, rule, r.msg, len, None);
        }
    }
    if !r.request {
        return;
    }
    if r.has(p.facts, Mark::McAuth) {
        if !r.has(p.facts, Mark::MobileNetworkRequest) {
            p.finding(r.at, &HAARO_MC_RRQ_WITHOUT_MNP, r.msg, len, None);
        }
        if r.home == [0; 4] {
            p.finding(r.at, &HAARO_MC_RRQ_WITHOUT_HOA, r.msg + 4, 4, None);
        }
        // The source and the Care-of Address field are the router's care-of address; one that
        // crossed a NAT asked for UDP encapsulation (RFC 3519's UDP Tunnel Request, 144).
        let coa = p.t.all.get(r.msg as usize + 12..r.msg as usize + 16).and_then(|b| <[u8; 4]>::try_from(b).ok());
        if let (Some(coa), Some((std::net::IpAddr::V4(src), _))) = (coa, r.addrs) {
            if src.octets() != coa && !r.ext_types(p.facts).any(|t| ExtType::from(t) == ExtType::UdpTunnelRequestExtension) {
                p.finding(
                    r.at,
                    &HAARO_MC_RRQ_SOURCE_NOT_COA,
                    r.msg + 12,
                    4,
                    Some(format_args!("source {src}, Care-of Address {}", Ip4(coa))),
                );
            }
        }
        return;
    }
    let Some((src, dst)) = r.addrs else { return };
    // The answer depends on the tokens earlier frames taught (keys: the two-thread driver
    // dissects the batch again when they change).
    p.t.d.read_keys = true;
    if p.t.state.care_of_tested(&key_addr(dst), &key_addr(src)) {
        p.finding(r.at, &HAARO_CR_RRQ_WITHOUT_MCAUTH, r.msg, len, Some(format_args!("{dst} sent a Care-of Test to {src}")));
    }
}
