//! Authenticator verification, apart from parsing: the Binding Authorization Data of BUs and
//! BAs (RFC 6275 §5.2.5–§5.2.7, §6.2.7) and Mobile IPv4's MN-HA / MN-FA / FA-HA authentication
//! extensions (RFC 5944 §3.5), with the formulas of [`crate::crypto`] (the ones `craft` seals
//! with).
//!
//! A BU's keygen tokens come from the keys the user gives (`mip6.keys_file`: tokens, or Kcn and
//! nonces) or from the HoT and CoT seen earlier in the capture, named as the correspondent
//! names them: its own address, the address the token was sent to (home address for a HoT,
//! care-of address for a CoT) and the nonce index. Each HoT/CoT is a lesson
//! ([`crate::tree::Lesson::Token`]); a BU that verifies teaches its Kbm, which checks the BA
//! (a BA names no nonces). A de-registration from home (care-of address = home address) uses
//! Kbm = SHA1(home keygen token) and ignores the care-of nonce index (§5.2.6).
//!
//! Seed 004's proxy BUs to a correspondent (early, complete, de-registration: P set, no Home
//! Address option) are verified as the draft defines them: the home keygen token is the
//! temporary one of a Proxy HoT (its nonce index), or, with home nonce index zero (§3.5), the
//! permanent or handover token a proxy BA brought (RFC 4866's option, §8.3's option; whichever
//! gives the authenticator sent, since the BU does not say which the PMA holds, §3.3); the
//! care-of keygen token is zero in an early BU (§3.3) and otherwise the one of the Care-of Test
//! option of the PBA that answered the early BU, named by that PBA's care-of nonce index. The
//! home address is the CGA the BU's CGA Parameters generate, or, for a de-registration (which
//! carries none), the one the care-of address last registered.
//!
//! Results are generated fields (`mip6.bad.auth.status` good/bad/unverified,
//! `mip6.bad.auth.calculated` when bad, `mip.auth.status`) and a warning when bad. Kbm is a
//! key: shown (`mip6.bad.kbm`) only with `mip6.show_keys`.

use super::{Draft, Facts, MhFacts, OptFact, Pass};
use crate::crypto::cga;
use crate::crypto::keys::TokenKind;
use crate::crypto::{haaro, mip4 as mip4_auth, rr, same};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::mh::msg::binding::BuFlags;
use crate::mh::opt::base::{P_BAD, P_NI};
use crate::mh::opt::ero::{P_CGAR, P_COT, P_COTI, P_PHKT};
use crate::mh::seeds::pmipro::P_HHKT;
use crate::mh::MhType;
use crate::prefs::Prefs;
use crate::tree::{Anchor, CaptureState, Lesson, TokenLesson};

pub static BAD_STATUS: FieldDef = FieldDef::new("mip6.bad.auth.status", "Authenticator Status", Kind::String)
    .blurb("good, bad, or unverified (no keygen tokens known: none in the capture, none in mip6.keys_file)");
pub static BAD_CALC: FieldDef = FieldDef::new("mip6.bad.auth.calculated", "Calculated Authenticator", Kind::String)
    .blurb("The authenticator the known tokens give (hex), when it differs from the one sent");
pub static BAD_KBM: FieldDef = FieldDef::new("mip6.bad.kbm", "Kbm", Kind::String)
    .blurb("The binding management key (hex; shown only with -o mip6.show_keys:TRUE)");
pub static MIP_AUTH_STATUS: FieldDef = FieldDef::new("mip.auth.status", "Authenticator Status", Kind::String)
    .blurb("good, bad, or unverified (the SPI has no key in mip6.keys_file)");
pub static MIP_AUTH_CALC: FieldDef = FieldDef::new("mip.auth.calculated", "Calculated Authenticator", Kind::String)
    .blurb("The authenticator the SPI's key gives (hex), when it differs from the one sent");

pub static MCAUTH_STATUS: FieldDef = FieldDef::new("mip.ext.mcauth.status", "Authenticator Status", Kind::String)
    .blurb("good, bad, or unverified (no keygen tokens known for the nonce indices)");
pub static MCAUTH_CALC: FieldDef = FieldDef::new("mip.ext.mcauth.calculated", "Calculated Authenticator", Kind::String)
    .blurb("The authenticator Krm gives (hex), when it differs from the one sent");
pub static MCAUTH_KRM: FieldDef = FieldDef::new("mip.ext.mcauth.krm", "Krm", Kind::String)
    .blurb("The registration management key (hex; shown only with -o mip6.show_keys:TRUE)");

pub static BAD_AUTH_BAD: ExpertDef =
    ExpertDef::new("mip6.bad.auth.bad", Group::Checksum, Severity::Warn, "Binding Authorization Data does not verify");
pub static MIP_AUTH_BAD: ExpertDef =
    ExpertDef::new("mip.auth.bad", Group::Checksum, Severity::Warn, "Mobile IP authenticator does not verify");

pub static MCAUTH_BAD: ExpertDef =
    ExpertDef::new("mip.ext.mcauth.bad", Group::Checksum, Severity::Warn, "Mobile-Correspondent authenticator does not verify");

pub static FIELDS: &[&FieldDef] =
    &[&BAD_STATUS, &BAD_CALC, &BAD_KBM, &MIP_AUTH_STATUS, &MIP_AUTH_CALC, &MCAUTH_STATUS, &MCAUTH_CALC, &MCAUTH_KRM];
pub static EXPERTS: &[&ExpertDef] = &[&BAD_AUTH_BAD, &MIP_AUTH_BAD, &MCAUTH_BAD];

pub static DRAFT: Draft = Draft { message, option, after_options: |_, _| {} };

/// A Mobile IPv4 authentication extension as the parser saw it.
#[derive(Debug, Clone, Copy)]
pub struct AuthFact {
    /// Frame offset of the Mobile IPv4 message (the start of what is protected).
    pub msg: u32,
    /// Frame offset and length of the authenticator value.
    pub value: (u32, u32),
    pub key: AuthKey,
    /// Source and destination of the IP header around the message.
    pub addrs: Option<(std::net::IpAddr, std::net::IpAddr)>,
    /// Inside the extension's subtree, after its fields.
    pub end: Anchor,
}

/// What names an authentication extension's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKey {
    /// MN-HA / MN-FA / FA-HA: the security association's SPI.
    Spi(u32),
    /// Seed 003's (and RFC 6521's) Mobile-Correspondent authentication: Krm from the keygen
    /// tokens these nonce indices name; `rfc6521` for RFC 6521's layout (extension 49,
    /// sub-type 2), whose protected data skip its Sub-Type and Reserved octets.
    Mc { hni: u16, cni: u16, rfc6521: bool },
}

/// An address as the token tables key it (IPv4 as its mapped IPv6 form).
pub fn key_addr(a: std::net::IpAddr) -> [u8; 16] {
    match a {
        std::net::IpAddr::V6(a) => a.octets(),
        std::net::IpAddr::V4(a) => a.to_ipv6_mapped().octets(),
    }
}

/// Hex text of `b` (lower case, no separators: as `-T fields` shows bytes).
fn hex(b: &[u8]) -> impl std::fmt::Display + '_ {
    struct H<'a>(&'a [u8]);
    impl std::fmt::Display for H<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.iter().try_for_each(|x| write!(f, "{x:02x}"))
        }
    }
    H(b)
}

/// A HoT or CoT (sent in this packet) teaches its token: Nonce Index, cookie, token (§6.1.5,
/// §6.1.6), named by its source (the correspondent) and destination.
fn message(p: &mut Pass<'_, '_>, m: &MhFacts) {
    let kind = match m.msg {
        Some(MhType::HomeTest) => TokenKind::Home,
        Some(MhType::CareOfTest) => TokenKind::CareOf,
        // Seed 004 §8.1: a Proxy HoT lays out its nonce index, cookie and temporary home
        // keygen token as a HoT does.
        None if crate::mh::seeds::profile_msg(m.mh_type, p.t.prefs)
            .is_some_and(|d| std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOT)) =>
        {
            TokenKind::Home
        }
        _ => return,
    };
    let (Some((cn, addr)), false) = (m.pkt.ip6, m.quoted()) else { return };
    let body = m.body as usize;
    let Some(b) = p.t.all.get(body..body + 18) else { return };
    let index = u16::from_be_bytes([b[0], b[1]]);
    let mut token = [0; 8];
    token.copy_from_slice(&b[10..18]);
    p.t.d.lessons.push(Lesson::Token(TokenLesson { kind, cn, addr, index, token }));
}

/// The keygen token named so: the user's keys first, then what the capture taught.
fn token(prefs: &Prefs, state: &CaptureState, kind: TokenKind, cn: &[u8; 16], addr: &[u8; 16], index: u16) -> Option<rr::Token> {
    // Without a keys file (nearly always) its searches' set-up is skipped: an empty one names
    // no token (~25 instructions a look-up, two or three a BU or BA).
    if prefs.keys.is_empty() {
        return state.token(kind, cn, addr, index);
    }
    prefs.keys.token(kind, cn, addr, index).or_else(|| state.token(kind, cn, addr, index))
}

/// What a BU's or BA's authenticator covers and the Kbm it should be computed with, when the
/// keys or the capture give one: the verifier's derivation, which `craft edit` reseals with.
pub fn binding_key(
    facts: &Facts,
    m: &MhFacts,
    data: &[u8],
    prefs: &Prefs,
    state: &CaptureState,
) -> Option<(rr::Signed, Option<rr::Kbm>)> {
    binding(facts, m, data, prefs, state).map(|(s, k)| (s, k.map(|k| k.kbm)))
}

/// A BU's or BA's Kbm, with the authenticator it gives when finding it took computing that (a
/// seed 004 proxy BU's Kbm is the one whose authenticator is the one sent): the verifier does
/// not compute it again.
struct Found {
    kbm: rr::Kbm,
    calc: Option<rr::Authenticator>,
}

/// [`binding_key`], with what the search computed.
fn binding(facts: &Facts, m: &MhFacts, data: &[u8], prefs: &Prefs, state: &CaptureState) -> Option<(rr::Signed, Option<Found>)> {
    let is_bu = match m.msg {
        Some(MhType::BindingUpdate) => true,
        Some(MhType::BindingAcknowledgement) => false,
        _ => return None,
    };
    let s = rr::signed(facts, m, data)?;
    let (src, dst) = m.pkt.ip6?;
    let cn = s.correspondent;
    // The mobile node's home address: a BU's Home Address option (its source at home), a BA's
    // type 2 routing header (its destination at home).
    let hoa = if is_bu { m.pkt.hao.unwrap_or(src) } else { m.pkt.rh2.unwrap_or(dst) };
    let home_again = s.care_of == hoa;
    let opts = facts.opts.get(m.opts.0 as usize..m.opts.1 as usize).unwrap_or(&[]);
    let nonces = opts.iter().rev().find(|n| std::ptr::eq(n.def.presence, &P_NI) && n.len == 4).and_then(|n| {
        let b = data.get(n.at as usize + 2..n.at as usize + 6)?;
        Some((u16::from_be_bytes([b[0], b[1]]), u16::from_be_bytes([b[2], b[3]])))
    });
    let from_tokens = nonces.and_then(|(hi, ci)| {
        let home = token(prefs, state, TokenKind::Home, &cn, &hoa, hi)?;
        Some(if home_again {
            rr::KbmInput::Deregistration { home }
        } else {
            rr::KbmInput::Both { home, care_of: token(prefs, state, TokenKind::CareOf, &cn, &s.care_of, ci)? }
        })
    });
    if is_bu && is_proxy_ro(facts, m) {
        let kbm = proxy_kbm(facts, m, data, prefs, state, &s, nonces);
        return Some((s, kbm));
    }
    let kbm = from_tokens.map(rr::kbm).or_else(|| if is_bu { None } else { state.kbm(&cn, &s.care_of) });
    Some((s, kbm.map(|kbm| Found { kbm, calc: None })))
}

/// Whether a message is one of seed 004's proxy BUs to a correspondent (P set, no Home
/// Address option, authorised by return routability: `profiles.md`).
fn is_proxy_ro(facts: &Facts, m: &MhFacts) -> bool {
    m.msg == Some(MhType::BindingUpdate)
        && m.bu_flags().is_some_and(|f| f.has(BuFlags::P))
        && m.pkt.hao.is_none()
        && super::rfc5213::is_pmipro_ro(facts, m)
}

/// The home address a seed 004 proxy BU registers: the CGA (Sec 0) its CGA Parameters option
/// generates (§3.1: the home addresses are CGAs of the mobile node's key). `None` without the
/// option, or when the parameters are split over several options (not joined here).
pub fn proxy_home(facts: &Facts, m: &MhFacts, data: &[u8]) -> Option<[u8; 16]> {
    let mut cgas = facts.opts_of(m).iter().filter(|o| std::ptr::eq(o.def.presence, &P_CGAR));
    let o = cgas.next()?;
    if cgas.next().is_some() {
        return None;
    }
    let at = o.at as usize + 2;
    cga::address(data.get(at..at + usize::from(o.len))?)
}

/// Kbm of a seed 004 proxy BU from the tokens the draft allows (module doc): among the home
/// tokens known for its nonce index, the one whose authenticator is the one sent, else the
/// first; `None` when the tokens are not known.
fn proxy_kbm(
    facts: &Facts,
    m: &MhFacts,
    data: &[u8],
    prefs: &Prefs,
    state: &CaptureState,
    s: &rr::Signed,
    nonces: Option<(u16, u16)>,
) -> Option<Found> {
    let (hi, ci) = nonces?;
    let (cn, coa) = (s.correspondent, s.care_of);
    let hoa = proxy_home(facts, m, data).or_else(|| state.proxy_home(&cn, &coa))?;
    // §3.3: the early BU's care-of keygen token is zero (the care-of test runs with it).
    let care_of = if facts.has_opt(m, &P_COTI) { None } else { Some(token(prefs, state, TokenKind::CareOf, &cn, &coa, ci)?) };
    let kbm = |home: rr::Token| {
        rr::kbm(match care_of {
            None => rr::KbmInput::EarlyProxy { home },
            Some(care_of) => rr::KbmInput::Both { home, care_of },
        })
    };
    let reserved = hi == 0;
    let homes = [
        token(prefs, state, TokenKind::Home, &cn, &hoa, hi),
        if reserved { token(prefs, state, TokenKind::Permanent, &cn, &hoa, 0) } else { None },
        if reserved { token(prefs, state, TokenKind::Handover, &cn, &hoa, 0) } else { None },
    ];
    let wire = data.get(s.mh.start + s.value_at..s.mh.start + s.value_at + 12)?;
    let mh = data.get(s.mh.clone())?;
    let mut found =
        homes.into_iter().flatten().map(kbm).map(|kbm| Found { kbm, calc: rr::authenticator(&kbm, &coa, &cn, mh, s.value_at) });
    let sent = |f: &Found| f.calc.is_some_and(|a| same(&a, wire));
    let first = found.next()?;
    if sent(&first) {
        return Some(first);
    }
    Some(found.find(sent).unwrap_or(first))
}

/// What a Binding Acknowledgement teaches of the tokens RFC 4866 and seed 004 carry in it: the
/// care-of keygen token of a Care-of Test option (named by the care-of nonce index of its
/// Nonce Indices option), and a proxy BA's permanent and handover home keygen tokens (§3.5,
/// §8.3), when sent as their 8 octets (the draft encrypts them with the PMA's public key:
/// those come from the keys file).
fn ba_tokens(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    let kind = if std::ptr::eq(o.def.presence, &P_COT) {
        TokenKind::CareOf
    } else if std::ptr::eq(o.def.presence, &P_PHKT) {
        TokenKind::Permanent
    } else if std::ptr::eq(o.def.presence, &P_HHKT) {
        TokenKind::Handover
    } else {
        return;
    };
    if m.msg != Some(MhType::BindingAcknowledgement) || o.len != 8 || m.quoted() {
        return;
    }
    let Some((src, coa)) = m.pkt.ip6 else { return };
    let cn = m.pkt.hao.unwrap_or(src);
    let at = o.at as usize + 2;
    let Some(token) = p.t.all.get(at..at + 8).and_then(|b| rr::Token::try_from(b).ok()) else { return };
    let (addr, index) = match kind {
        TokenKind::CareOf => {
            let data = p.t.all;
            let ni = p.facts.opts_of(m).iter().rev().find(|n| std::ptr::eq(n.def.presence, &P_NI) && n.len == 4);
            let Some(b) = ni.and_then(|n| data.get(n.at as usize + 4..n.at as usize + 6)) else { return };
            (coa, u16::from_be_bytes([b[0], b[1]]))
        }
        _ => {
            // Named by the home address: a type 2 routing header's, or the one the proxy BU
            // from this care-of address registered.
            p.t.d.read_keys = true;
            let Some(hoa) = m.pkt.rh2.or_else(|| p.t.state.proxy_home(&cn, &coa)) else { return };
            (hoa, 0)
        }
    };
    p.t.d.lessons.push(Lesson::Token(TokenLesson { kind, cn, addr, index, token }));
}

/// Verifies the Binding Authorization Data option `o` of a BU or BA (the last one, the one
/// the authenticator is in).
fn option(p: &mut Pass<'_, '_>, m: &MhFacts, o: &OptFact) {
    ba_tokens(p, m, o);
    if !std::ptr::eq(o.def.presence, &P_BAD) {
        return;
    }
    if o.len != 12 {
        // RFC 6275 §5.2.6: the authenticator is First(96, HMAC_SHA1(Kbm, ...)). Any other size
        // cannot verify, whatever the keys: said so, rather than left without a status.
        let signs = matches!(m.msg, Some(MhType::BindingUpdate | MhType::BindingAcknowledgement));
        if signs && !m.quoted() {
            let (at, len) = (o.at + 2, usize::from(o.len));
            p.text(o.end, &BAD_STATUS, at, len, format_args!("bad"));
            p.expert(
                o.end,
                &BAD_AUTH_BAD,
                o.at,
                2 + len,
                Some(format_args!("the authenticator is {len} octets; RFC 6275 §5.2.6 makes it 96 bits (12 octets)")),
            );
        }
        return;
    }
    let data = p.t.all;
    p.t.d.read_keys = true;
    let Some((s, found)) = binding(p.facts, m, data, p.t.prefs, p.t.state) else { return };
    if s.mh.start + s.value_at != o.at as usize + 2 {
        return;
    }
    // A seed 004 proxy BU names its home address for its BA's tokens and later BUs.
    if is_proxy_ro(p.facts, m) {
        if let Some(home) = proxy_home(p.facts, m, data) {
            p.t.d.lessons.push(Lesson::ProxyHome { cn: s.correspondent, care_of: s.care_of, home });
        }
    }
    let at = o.at + 2;
    let Some(Found { kbm, calc }) = found else {
        p.text(o.end, &BAD_STATUS, at, 12, format_args!("unverified"));
        return;
    };
    let Some(calc) = calc.or_else(|| rr::authenticator(&kbm, &s.care_of, &s.correspondent, &data[s.mh.clone()], s.value_at))
    else {
        return;
    };
    let Some(wire) = data.get(at as usize..at as usize + 12) else { return };
    let good = same(&calc, wire);
    p.text(o.end, &BAD_STATUS, at, 12, format_args!("{}", if good { "good" } else { "bad" }));
    if !good {
        p.text(o.end, &BAD_CALC, at, 12, format_args!("{}", hex(&calc)));
    }
    if p.t.prefs.show_keys {
        p.text(o.end, &BAD_KBM, at, 12, format_args!("{}", hex(&kbm)));
    }
    if !good {
        p.expert(o.end, &BAD_AUTH_BAD, at, 12, Some(format_args!("should be {}", hex(&calc))));
    } else if m.msg == Some(MhType::BindingUpdate) {
        p.t.d.lessons.push(Lesson::Kbm { cn: s.correspondent, care_of: s.care_of, kbm });
    }
}

/// The authenticator a Mobile IPv4 authentication extension should carry, when its SPI has a
/// key (`None` otherwise, or when the offsets do not fit `data`).
pub fn mip4_expected(a: &AuthFact, data: &[u8], prefs: &Prefs) -> Option<mip4_auth::Authenticator> {
    let AuthKey::Spi(spi) = a.key else { return None };
    let (alg, key) = prefs.keys.spi(spi)?;
    let at = a.value.0 as usize;
    let payload = data.get(a.msg as usize..at + a.value.1 as usize)?;
    mip4_auth::authenticator(alg, key, payload, at.checked_sub(a.msg as usize)?)
}

/// Verifies a Mobile IPv4 authentication extension with its SPI's key (`mip6.keys_file`).
pub fn mip4(p: &mut Pass<'_, '_>, a: &AuthFact) {
    let (at, len) = (a.value.0, a.value.1 as usize);
    let AuthKey::Spi(spi) = a.key else { return mcauth(p, a) };
    if p.t.prefs.keys.spi(spi).is_none() {
        p.text(a.end, &MIP_AUTH_STATUS, at, len, format_args!("unverified"));
        return;
    }
    let data = p.t.all;
    let (Some(calc), Some(wire)) = (mip4_expected(a, data, p.t.prefs), data.get(at as usize..at as usize + len)) else {
        return;
    };
    let good = same(&calc, wire);
    p.text(a.end, &MIP_AUTH_STATUS, at, len, format_args!("{}", if good { "good" } else { "bad" }));
    if !good {
        p.text(a.end, &MIP_AUTH_CALC, at, len, format_args!("{}", hex(&calc)));
        p.expert(a.end, &MIP_AUTH_BAD, at, len, Some(format_args!("should be {}", hex(&calc))));
    }
}

/// Krm for a Mobile-Correspondent authentication extension (seed 003 §3.2.2: Krm = SHA1(home
/// keygen token | care-of keygen token)). The correspondent router is a request's destination
/// (a reply's source); the tokens went to the mobile router's care-of address (§3.2: "the
/// addresses are set to Correspondent Router's HoA and Mobile Router's CoA") or its home
/// address, so the message's other IP address and its Home Address and Care-of Address fields
/// are tried in turn.
pub fn mcauth_key(a: &AuthFact, data: &[u8], prefs: &Prefs, state: &CaptureState) -> Option<haaro::Krm> {
    let AuthKey::Mc { hni, cni, .. } = a.key else { return None };
    let (src, dst) = a.addrs?;
    let msg = a.msg as usize;
    let field = |at: usize| -> Option<[u8; 16]> {
        let b: [u8; 4] = data.get(msg + at..msg + at + 4)?.try_into().ok()?;
        Some(std::net::Ipv4Addr::from(b).to_ipv6_mapped().octets())
    };
    // RFC 5944 §3.3/§3.4: a Request's Home Address at 4 and Care-of Address at 12; a Reply's
    // Home Address at 4.
    let (cr, mr, hoa, coa) = match data.get(msg)? {
        1 => (dst, src, field(4), field(12)),
        3 => (src, dst, field(4), None),
        _ => return None,
    };
    let (cr, mr) = (key_addr(cr), key_addr(mr));
    let find = |kind, index, extra: Option<[u8; 16]>| {
        [Some(mr), extra].into_iter().flatten().find_map(|addr| token(prefs, state, kind, &cr, &addr, index))
    };
    let home = find(TokenKind::Home, hni, hoa)?;
    let care_of = find(TokenKind::CareOf, cni, coa)?;
    Some(haaro::krm(&home, &care_of))
}

/// Verifies a Mobile-Correspondent authentication extension with Krm.
fn mcauth(p: &mut Pass<'_, '_>, a: &AuthFact) {
    let (at, len) = (a.value.0, a.value.1 as usize);
    let data = p.t.all;
    p.t.d.read_keys = true;
    let Some(krm) = mcauth_key(a, data, p.t.prefs, p.t.state) else {
        p.text(a.end, &MCAUTH_STATUS, at, len, format_args!("unverified"));
        return;
    };
    let (Some((full, n)), Some(wire)) = (mcauth_expected(&krm, a, data), data.get(at as usize..at as usize + len)) else {
        return;
    };
    let calc = &full[..n];
    let good = same(calc, wire);
    p.text(a.end, &MCAUTH_STATUS, at, len, format_args!("{}", if good { "good" } else { "bad" }));
    if !good {
        p.text(a.end, &MCAUTH_CALC, at, len, format_args!("{}", hex(calc)));
    }
    if p.t.prefs.show_keys {
        p.text(a.end, &MCAUTH_KRM, at, len, format_args!("{}", hex(&krm)));
    }
    if !good {
        p.expert(a.end, &MCAUTH_BAD, at, len, Some(format_args!("should be {}", hex(calc))));
    }
}

/// The authenticator a Mobile-Correspondent authentication extension should carry with `krm`:
/// HMAC-SHA1 over the message up to the value, as many of its leading octets as the value has
/// (20 in the draft, 16 by default in RFC 6521 §5.3). The protected data are every octet before
/// the value in both layouts: seed 003 §4.7 lists the message, the prior extensions and this
/// one's Type, Length and nonce indices "just like on other cases where Authenticator is used"
/// (RFC 5944's Type, Length, SPI: all that precedes the value), and RFC 6521's layout adds its
/// Sub-Type and Reserved octets before the indices, read as protected like the rest.
/// `None` when the value is longer than 20 octets or the offsets lie.
pub fn mcauth_expected(krm: &haaro::Krm, a: &AuthFact, data: &[u8]) -> Option<(haaro::Authenticator, usize)> {
    let (msg, at, len) = (a.msg as usize, a.value.0 as usize, a.value.1 as usize);
    let payload = data.get(msg..at)?;
    let value_at = at.checked_sub(msg)?;
    let full = haaro::authenticator(krm, payload, value_at)?;
    (len <= full.len()).then_some((full, len))
}
