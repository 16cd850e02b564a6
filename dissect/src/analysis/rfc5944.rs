//! RFC 5944, Mobile IPv4 registration: what a Registration Request must carry and in which
//! order (§3.3 reserved flags, §3.5.2 the Mobile-Home Authentication extension, §3.6.1.3 the
//! order of the extensions). The parser records each Registration Request and Reply whose fixed
//! part decoded ([`RegFact`]: its flags, Home Address, the range of its extensions in
//! [`Facts::exts`](super::Facts::exts)) and marks the extensions the rules of other documents
//! name ([`Mark`]); seed 003's rules on the same messages are in [`super::haaro`].

use super::rules::{
    HAARO_CR_RRP_WITHOUT_COA, HAARO_ROPA_NOT_REQUESTED, RFC5944_MN_FA_BEFORE_MN_HA, RFC5944_RRP_WITHOUT_MN_HA,
    RFC5944_RRQ_RESERVED, RFC5944_RRQ_WITHOUT_MN_HA,
};
use super::track::{MsgNote, PairKind};
use super::Pass;
use crate::mip4::msg::RegFlags;
use crate::tree::{Anchor, Tree};

/// A Registration Request or Reply whose fixed part decoded (not one an ICMP error quotes).
#[derive(Debug, Clone, Copy)]
pub struct RegFact {
    /// Frame offsets of the message's Type octet and end.
    pub msg: u32,
    pub end: u32,
    pub request: bool,
    /// A Request's flags octet (S B D M G r T x); 0 for a Reply.
    pub flags: u8,
    pub home: [u8; 4],
    /// Source and destination of the IP header around it.
    pub addrs: Option<(std::net::IpAddr, std::net::IpAddr)>,
    /// Its extensions' range in [`super::Facts::exts`] (in order, one-byte padding included).
    pub exts: (u32, u32),
    /// After the extensions, inside the message's subtree.
    pub at: Anchor,
}

/// An extension other documents' rules look for, which the extension's type alone does not say
/// (a sub-type, a profile's layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// RFC 5177 Mobile Network Extension, sub-type 0 (Mobile Network Request).
    MobileNetworkRequest,
    /// Seed 003 §4.7 / RFC 6521 §5.3 Mobile-Correspondent Authentication, either layout.
    McAuth,
    /// Seed 003 §4.2 / RFC 6521 §5.1 Mobile Router RO capability asking for mobile networks
    /// (R, or S for one router's).
    RoRequest,
    /// Seed 003 §4.1 / RFC 6521 §5.5 route optimization prefix advertisement.
    Ropa,
    /// Seed 003 §4.2 / RFC 6521 §5.1 Mobile Router RO capability (any flags).
    Rocap,
    /// Seed 003 §4.8 / RFC 6521 §5.4 Care-of Address extension.
    Coa,
}

/// Marks the extension starting at frame offset `at` (not in a packet an ICMP error quotes).
pub fn mark(t: &mut Tree<'_>, at: usize, m: Mark) {
    if !t.in_error {
        t.d.facts.marks.push((at as u32, m));
    }
}

impl RegFact {
    /// The extension types of the message, in order.
    pub fn ext_types<'f>(&self, facts: &'f super::Facts) -> impl Iterator<Item = u8> + 'f {
        facts.exts.get(self.exts.0 as usize..self.exts.1 as usize).unwrap_or(&[]).iter().map(|e| e.0)
    }

    /// Whether the message carries an extension marked `m`.
    pub fn has(&self, facts: &super::Facts, m: Mark) -> bool {
        facts.marks.iter().any(|&(at, k)| k == m && (self.msg..self.end).contains(&at))
    }
}

/// Mobile-Home, Mobile-Foreign Authentication (RFC 5944 §3.5.2, §3.5.3) and RFC 4721's
/// Generalized Mobile IP Authentication extension (Mobile-AAA).
const MN_HA: u8 = 32;
const MN_FA: u8 = 33;
const GEN_AUTH: u8 = 36;

/// The rules of one Registration Request or Reply.
pub fn check(p: &mut Pass<'_, '_>, r: &RegFact) {
    if !r.request {
        // §3.5.2 asks the MN-HA of Replies too, but a correspondent router's reply (seed 003)
        // or a foreign agent's denial carries none, and the Reply alone does not say which it
        // is: not judged.
        return;
    }
    p.proto = "mip";
    let reserved = r.flags & (RegFlags::R | RegFlags::X);
    if reserved != 0 {
        p.finding(r.at, &RFC5944_RRQ_RESERVED, r.msg + 1, 1, Some(format_args!("flags 0x{:02x}", r.flags)));
    }
    if p.damaged() {
        return;
    }
    let mn_ha = r.ext_types(p.facts).filter(|&t| t == MN_HA).count();
    // Later documents narrow §3.5.2 (profiles.md): RFC 4721's Mobile-AAA authentication and seed
    // 003's Mobile-Correspondent authentication authorise a request instead.
    // A request to a correspondent router that tested this care-of address is seed 003's
    // (check.haaro.cr_rrq_without_mcauth says what it lacks: one finding per broken statement).
    let to_cr = r.addrs.is_some_and(|(s, d)| {
        p.t.d.read_keys = true;
        p.t.state.care_of_tested(&super::auth::key_addr(d), &super::auth::key_addr(s))
    });
    let other = r.ext_types(p.facts).any(|t| t == GEN_AUTH) || r.has(p.facts, Mark::McAuth) || to_cr;
    if mn_ha > 1 || (mn_ha == 0 && !other) {
        p.finding(r.at, &RFC5944_RRQ_WITHOUT_MN_HA, r.msg, (r.end - r.msg) as usize, Some(format_args!("{mn_ha} present")));
    }
    // §3.6.1.3: the authorization-enabling extension before the Mobile-Foreign one.
    let first = |want: &dyn Fn(u8) -> bool| r.ext_types(p.facts).position(want);
    if let (Some(fa), Some(ha)) = (first(&|t| t == MN_FA), first(&|t| t == MN_HA || t == GEN_AUTH)) {
        if fa < ha {
            p.finding(r.at, &RFC5944_MN_FA_BEFORE_MN_HA, r.msg, (r.end - r.msg) as usize, None);
        }
    }
}

/// What a Reply's rules need of its Request, carried by the tracker ([`super::track::memo`]
/// layout for a Registration: bit 63 valid, then these).
pub mod memo {
    pub use super::super::track::memo::VALID;
    /// The request carried a Mobile-Home Authentication extension.
    pub const MN_HA: u64 = 1 << 0;
    /// The request asked for mobile network information (seed 003 §4.2 R or S).
    pub const RO_REQUEST: u64 = 1 << 1;
    /// The request carried a Mobile-Correspondent authentication (seed 003 §4.7: to a
    /// correspondent router).
    pub const MC_AUTH: u64 = 1 << 2;
}

/// The memo of a Registration Request.
pub fn memo_of(facts: &super::Facts, r: &RegFact) -> u64 {
    let mut m = memo::VALID;
    if r.ext_types(facts).any(|t| t == MN_HA) {
        m |= memo::MN_HA;
    }
    if r.has(facts, Mark::RoRequest) {
        m |= memo::RO_REQUEST;
    }
    if r.has(facts, Mark::McAuth) {
        m |= memo::MC_AUTH;
    }
    m
}

/// A Registration Reply against the Request it answers (`n`, from the tracker).
pub fn pair(p: &mut Pass<'_, '_>, r: &RegFact, n: &MsgNote) {
    let Some((PairKind::Registration, req, _)) = n.answers else { return };
    let rq = n.request_memo;
    if r.request || rq & memo::VALID == 0 || p.damaged() {
        return;
    }
    p.proto = "mip";
    let len = (r.end - r.msg) as usize;
    let code = p.t.all.get(r.msg as usize + 1).copied().unwrap_or(0);
    // §3.5.2 for Replies, judged where the Reply is the home agent's answer to a request it
    // could authenticate: the request carried an MN-HA, and the Reply is no foreign agent's
    // denial (codes 64-127; the foreign agent holds no MN-HA key) nor a failed authentication
    // (131, where the home agent may hold no key for the SPI).
    if rq & memo::MN_HA != 0 && !(64..=127).contains(&code) && code != 131 {
        let n = r.ext_types(p.facts).filter(|&t| t == MN_HA).count();
        if n != 1 {
            p.finding(
                r.at,
                &RFC5944_RRP_WITHOUT_MN_HA,
                r.msg,
                len,
                Some(format_args!("{n} present; the request is frame {req}")),
            );
        }
    }
    // Seed 003 §4.1: prefix advertisements only when the request asked for them.
    if rq & memo::RO_REQUEST == 0 && r.has(p.facts, Mark::Ropa) {
        p.finding(
            r.at,
            &HAARO_ROPA_NOT_REQUESTED,
            r.msg,
            len,
            Some(format_args!("the request in frame {req} carried no RO capability with R or S")),
        );
    }
    // Seed 003 §4.8: a correspondent router accepting a registration (0, or 1 without
    // simultaneous bindings) names the tunnel endpoint; a de-registration sets up no tunnel.
    let lifetime = p.t.all.get(r.msg as usize + 2..r.msg as usize + 4).map_or(0, |b| u16::from_be_bytes([b[0], b[1]]));
    if rq & memo::MC_AUTH != 0 && code <= 1 && lifetime != 0 && !r.has(p.facts, Mark::Coa) {
        p.finding(
            r.at,
            &HAARO_CR_RRP_WITHOUT_COA,
            r.msg,
            len,
            Some(format_args!(
                "code {code}, lifetime {lifetime}; the request in frame {req} carried the Mobile-Correspondent authentication"
            )),
        );
    }
    if rq & memo::MC_AUTH != 0 {
        super::haaro::answer(p, r, req, code, lifetime);
    }
}
