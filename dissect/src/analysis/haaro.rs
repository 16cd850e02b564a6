//! Seed 003, draft-makela-mip4-nemo-haaro-00: what the Mobile IPv4 HAaRO extensions' flags
//! say against what follows them (§4.1 prefix advertisement: x zero, H against a Prefix and
//! against other advertisements; §4.2 RO capability: S against the Mobile Router HoA), and what
//! a registration with a correspondent router carries (§3.3.3: its nonce indices those the
//! router's tests gave, §4.5–§4.7) and how the router answers one claiming prefixes the home
//! agent's update did not advertise. The parser decodes and shows the octets; the rules are rows
//! of [`super::rules`] checked here.

use super::auth::{key_addr, AuthKey};
use super::rfc5944::{Mark, RegFact};
use super::rules::{
    HAARO_COA_IN_REQUEST, HAARO_CR_ACCEPTS_UNADVERTISED, HAARO_CR_RRQ_WITHOUT_MCAUTH, HAARO_MC_CNI_NOT_FROM_COT,
    HAARO_MC_HNI_NOT_FROM_HOT, HAARO_MC_RRQ_SOURCE_NOT_COA, HAARO_MC_RRQ_WITHOUT_HOA, HAARO_MC_RRQ_WITHOUT_MNP,
    HAARO_ROCAP_IN_REPLY, HAARO_ROCAP_S_WITHOUT_HOA, HAARO_ROPA_H_NOT_ONLY, HAARO_ROPA_H_WITH_PREFIX, HAARO_ROPA_IN_REQUEST,
    HAARO_ROPA_X_SET,
};
use super::Pass;
use crate::mip4::ext::ExtType;
use crate::mip4::haaro::{RocapFlags, RopaFlags, ROPA_TRAILING};
use crate::tree::{Anchor, HaaroAdvert, HaaroClaim, Lesson};
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
        advertised(p, r);
        return;
    }
    if r.has(p.facts, Mark::McAuth) {
        claimed(p, r);
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
        echoed(p, r, coa);
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

/// §4.5, §4.6: the nonce indices a registration's Mobile-Correspondent authentication cites
/// (§4.7) are ones the correspondent router's Home Test and Care-of Test gave: the HoT went to
/// the mobile router's home address, the CoT to its care-of address (§3.2), and the request goes
/// from that care-of address to the router (§3.3.3), so the tests are looked for under the
/// request's destination and its Home Address field or source (home), its source or Care-of
/// Address field (care-of). Judged only when the capture showed such a test: a capture that
/// began after the return routability says nothing. Any index a test gave is right (§3.2.2:
/// the router keeps "a small set of valid previous nonces"), as is one whose token the user's
/// keys give; a de-registration's Care-of Nonce Index is ignored (§4.7).
fn echoed(p: &mut Pass<'_, '_>, r: &RegFact, coa: Option<[u8; 4]>) {
    use crate::crypto::keys::TokenKind;
    let Some((src, dst)) = r.addrs else { return };
    let (cr, src) = (key_addr(dst), key_addr(src));
    let mapped = |a: [u8; 4]| std::net::Ipv4Addr::from(a).to_ipv6_mapped().octets();
    let lifetime = p.t.all.get(r.msg as usize + 2..r.msg as usize + 4).map_or(0, |b| u16::from_be_bytes([b[0], b[1]]));
    let auths = p.facts.auths.iter().filter(|a| a.msg == r.msg);
    let cited: Option<(u16, u16, u32)> = auths
        .filter_map(|a| match a.key {
            AuthKey::Mc { hni, cni, .. } => Some((hni, cni, a.value.0)),
            AuthKey::Spi(_) => None,
        })
        .next_back();
    let Some((hni, cni, value)) = cited else { return };
    p.t.d.read_keys = true;
    let home = [mapped(r.home), src];
    let care_of = [src, coa.map_or(src, mapped)];
    let checks = [
        (TokenKind::Home, hni, &home, 4, &HAARO_MC_HNI_NOT_FROM_HOT, "Home"),
        (TokenKind::CareOf, cni, &care_of, 2, &HAARO_MC_CNI_NOT_FROM_COT, "Care-of"),
    ];
    for (kind, index, addrs, back, rule, name) in checks {
        if kind == TokenKind::CareOf && lifetime == 0 {
            continue;
        }
        let Some((false, last)) = p.t.state.test_index(kind, &cr, addrs, index) else { continue };
        if addrs.iter().any(|a| p.t.prefs.keys.token(kind, &cr, a, index).is_some()) {
            continue;
        }
        p.finding(
            r.at,
            rule,
            value.saturating_sub(back),
            2,
            Some(format_args!("{name} Nonce Index {index}; the correspondent router's last {name} Test gave {last}")),
        );
    }
}

/// §3.3.3: what a registration to a correspondent router claims (its Mobile Network Request
/// extensions, RFC 5177 §4: Sub-Type 0, Prefix Length, Prefix), for the reply that must reject
/// it when the home agent's update does not advertise them.
fn claimed(p: &mut Pass<'_, '_>, r: &RegFact) {
    let Some((_, dst)) = r.addrs else { return };
    let mut c =
        HaaroClaim { cr: key_addr(dst), mr: r.home, prefixes: [([0; 4], 0); HaaroClaim::MAX], n: 0, frame: p.t.d.frame_number };
    let data = p.t.all;
    let mnps = p.facts.marks.iter().filter(|&&(at, k)| k == Mark::MobileNetworkRequest && (r.msg..r.end).contains(&at));
    for &(at, _) in mnps {
        let at = at as usize;
        // Type, Length 6, Sub-Type, Prefix Length, Prefix.
        let Some(b) = data.get(at..at + 8).filter(|b| b[1] == 6) else { continue };
        if usize::from(c.n) == HaaroClaim::MAX {
            return;
        }
        c.prefixes[usize::from(c.n)] = ([b[4], b[5], b[6], b[7]], b[3]);
        c.n += 1;
    }
    if c.n > 0 {
        p.t.d.lessons.push(Lesson::HaaroClaim(c));
    }
}

/// §3.1.1: the prefix advertisements (§4.1, the draft's layout) of a home agent's reply, taught
/// under the Home Address of the reply (the correspondent router's, which a registration to it
/// is sent to).
fn advertised(p: &mut Pass<'_, '_>, r: &RegFact) {
    let cr = std::net::Ipv4Addr::from(r.home).to_ipv6_mapped().octets();
    let frame = p.t.d.frame_number;
    for h in &p.facts.haaro {
        let HaaroFact::Ropa { flags_at, flags, prefix, complete: true, .. } = *h else { continue };
        if !(r.msg..r.end).contains(&flags_at) {
            continue;
        }
        let at = flags_at as usize + 1;
        let Some(mr) = p.t.all.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()) else { continue };
        let prefix = if flags.has(RopaFlags::H) { None } else { prefix.map(|(_, a)| (a, flags.plen())) };
        p.t.d.lessons.push(Lesson::HaaroAdvert(HaaroAdvert { cr, mr, prefix, frame }));
    }
}

/// §3.3.3: a correspondent router's reply (`code`) to the registration of frame `req`: when a
/// home agent's reply to the router advertised the mobile router's prefixes after the request
/// (the update), a claimed prefix none of them holds (nor the home address itself, §3.1.3) is
/// refused.
pub fn answer(p: &mut Pass<'_, '_>, r: &RegFact, req: u64, code: u8, lifetime: u16) {
    let Some((src, _)) = r.addrs else { return };
    if code > 1 || lifetime == 0 {
        return;
    }
    p.t.d.read_keys = true;
    let cr = key_addr(src);
    let Some(c) = p.t.state.haaro_claim(&cr, &r.home).filter(|c| c.frame == req) else { return };
    let within = |(a, l): ([u8; 4], u8), (b, m): ([u8; 4], u8)| {
        let mask = |n: u8| if n == 0 { 0 } else { u32::MAX << (32 - u32::from(n.min(32))) };
        m <= l && u32::from_be_bytes(a) & mask(m) == u32::from_be_bytes(b) & mask(m)
    };
    let mut updated = false;
    let mut advertised = [([0u8; 4], 0u8); 8];
    let mut n = 0;
    for a in p.t.state.haaro_adverts_after(&cr, &r.home, req) {
        updated = true;
        if let (Some(x), true) = (a.prefix, n < advertised.len()) {
            advertised[n] = x;
            n += 1;
        }
    }
    if !updated || n == advertised.len() {
        return;
    }
    let home = (r.home, 32);
    let claims = c.prefixes.get(..usize::from(c.n)).unwrap_or(&[]);
    let Some(&(prefix, len)) =
        claims.iter().find(|&&x| !within(x, home) && !advertised.get(..n).unwrap_or(&[]).iter().any(|&a| within(x, a)))
    else {
        return;
    };
    p.finding(
        r.at,
        &HAARO_CR_ACCEPTS_UNADVERTISED,
        r.msg + 1,
        1,
        Some(format_args!(
            "code {code}; the request in frame {req} claimed {}/{len}, which the home agent's update did not advertise behind {}",
            Ip4(prefix),
            Ip4(r.home)
        )),
    );
}
