//! `rfc6275-rr`: return routability and correspondent registration (RFC 6275 §5.2, §9.5, §11.6,
//! §11.7.2) as seen at the correspondent node:
//!
//! 1. HoTI (home address → CN; it left the mobile node through the home agent's tunnel) and
//!    CoTI (care-of address → CN);
//! 2. HoT and CoT with keygen tokens from Kcn and the current nonces;
//! 3. BU from the care-of address with a Home Address option, Nonce Indices and the Binding
//!    Authorization Data authenticator from Kbm; BA to the care-of address through a type 2
//!    routing header, authenticated with the same Kbm;
//! 4. a refresh BU/BA (next sequence number, the same tokens: the nonces are still valid);
//! 5. returning home: HoTI/HoT from the home address itself, then the de-registration BU
//!    (lifetime 0, from the home address, Kbm = SHA1(home keygen token)) and its BA.
//!
//! Twelve packets per round; `count` repeats rounds with fresh cookies, nonces, nonce indices
//! and sequence numbers until that many packets are written.

use super::{Role, Step, Steps};
use crate::packet::Ipv6Packet;
use crate::seal::{self, SealError};
use dissect::crypto::rr::{self, KbmInput, Token};
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Bu, BuFlags};
use dissect::mh::msg::rr::{Cot, Coti, Hot, Hoti};
use dissect::mh::opt::base::{BaseOpt, NonceIndices};
use dissect::mh::opt::MhOption;
use dissect::mh::{MhBody, MhRepr};
use dissect::prefs::Prefs;
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// Home address (default 2001:db8:1::100).
    pub hoa: Ipv6Addr,
    /// Care-of address (default 2001:db8:2::100).
    pub coa: Ipv6Addr,
    /// Correspondent node (default 2001:db8:3::1).
    pub cn: Ipv6Addr,
    /// The correspondent's secret; drawn from `seed` when `None` (the default).
    pub kcn: Option<[u8; 20]>,
    /// Requested lifetime in 4-second units (default 105: RFC 6275's MAX_RR_BINDING_LIFETIME of
    /// 420 s, which is also what the correspondent grants at most).
    pub lifetime: u16,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            hoa: Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x100),
            coa: Ipv6Addr::new(0x2001, 0xdb8, 2, 0, 0, 0, 0, 0x100),
            cn: Ipv6Addr::new(0x2001, 0xdb8, 3, 0, 0, 0, 0, 1),
            kcn: None,
            lifetime: 105,
            common: Default::default(),
        }
    }
}

impl super::Params for Params {
    fn set(&mut self, kv: &str) -> Result<(), String> {
        let (k, v) = super::param(kv)?;
        match k {
            "hoa" => self.hoa = super::parse(k, v)?,
            "coa" => self.coa = super::parse(k, v)?,
            "cn" => self.cn = super::parse(k, v)?,
            "kcn" => self.kcn = Some(super::kcn(k, v)?),
            "lifetime" => self.lifetime = super::parse(k, v)?,
            _ => self.common.set(k, v)?,
        }
        Ok(())
    }
}

/// Packets in one round.
pub const ROUND: usize = 12;

/// RFC 6275 §12: MAX_RR_BINDING_LIFETIME, in 4-second units.
const MAX_RR_LIFETIME: u16 = 420 / 4;

/// The correspondent's state across rounds: its key and the nonce table it indexes.
struct Cn {
    kcn: rr::TokenKey,
    next_index: u16,
}

impl Cn {
    /// A fresh nonce and its index (§5.2.2: indices name nonces; UMIP's nonces are 8 octets).
    fn nonce(&mut self, rng: &mut XorShiftRng) -> (u16, [u8; 8]) {
        let i = self.next_index;
        self.next_index = self.next_index.wrapping_add(1);
        (i, rng.next_u64().to_be_bytes())
    }
}

/// Builds `count` packets of the scenario under `prefs`.
pub fn build(p: &Params, count: usize, prefs: &Prefs) -> Result<Vec<Step>, SealError> {
    let mut steps = Steps::keep(count);
    make(p, &mut steps, prefs)?;
    Ok(steps.into_vec())
}

/// Hands `count` packets to `sink` a round at a time (the same packets [`build`] gives).
pub fn stream(p: &Params, count: usize, prefs: &Prefs, sink: &mut dyn FnMut(Step) -> Result<(), String>) -> Result<(), String> {
    let mut steps = Steps::stream(count, sink);
    make(p, &mut steps, prefs).map_err(|e| e.to_string())?;
    steps.error.map_or(Ok(()), Err)
}

fn make(p: &Params, steps: &mut Steps, prefs: &Prefs) -> Result<(), SealError> {
    let mut rng = XorShiftRng::seed_from_u64(p.common.seed);
    let kcn = p.kcn.unwrap_or_else(|| {
        let mut k = [0; 20];
        rng.fill_bytes(&mut k);
        k
    });
    let mut cn = Cn { kcn: rr::TokenKey::new(&kcn), next_index: (rng.next_u32() & 0xff) as u16 };
    let mut seq = (rng.next_u32() & 0x0fff) as u16;
    let mut t = p.common.start_ns;
    while !steps.full() {
        round(p, &mut cn, &mut rng, &mut seq, &mut t, steps, prefs)?;
        steps.round_done();
    }
    Ok(())
}

/// Adds `frame` sent by `from`; an answer comes one round trip after its request, anything
/// else one gap after the packet before it.
fn push(steps: &mut Steps, t: &mut u64, gap: u64, from: Role, answers: Option<usize>, frame: dissect::stack::FrameRepr) -> usize {
    let to = if from == Role::MobileNode { Role::CorrespondentNode } else { Role::MobileNode };
    if !steps.is_empty() {
        *t += gap;
    }
    steps.push(Step { from, to, at_ns: *t, answers, frame })
}

fn with_options(body: impl Into<MhBody>, options: Vec<MhOption>) -> MhRepr {
    MhRepr { options, ..MhRepr::new(body) }
}

/// A BU's authorization: Nonce Indices, then the Binding Authorization Data (§6.2.6: Nonce
/// Indices is valid only in a BU to a correspondent, with Binding Authorization Data; a BA
/// carries the authenticator alone, [`ba_auth`]).
fn auth_options(hni: u16, cni: u16) -> Vec<MhOption> {
    vec![
        MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: hni, careof: cni })),
        MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])),
    ]
}

fn ba_auth() -> Vec<MhOption> {
    vec![MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12]))]
}

/// One BU/BA exchange's numbers.
struct Binding {
    seq: u16,
    lifetime: u16,
    granted: u16,
    /// Home and care-of nonce indices.
    nonces: (u16, u16),
    kbm: rr::Kbm,
}

/// A sealed BU and the correspondent's sealed BA. Away from home (`care_of` given) the BU
/// leaves the care-of address with a Home Address option and the BA comes back through a type 2
/// routing header; at home both use the home address alone.
fn register(
    steps: &mut Steps,
    t: &mut u64,
    p: &Params,
    b: &Binding,
    care_of: Option<Ipv6Addr>,
    prefs: &Prefs,
) -> Result<(), SealError> {
    let (hni, cni) = b.nonces;
    let bu = with_options(Bu { seq: b.seq, flags: BuFlags(BuFlags::A), lifetime: b.lifetime }, auth_options(hni, cni));
    let mut f = match care_of {
        Some(coa) => Ipv6Packet::new(coa, p.cn).home_address(p.hoa).mh(bu),
        None => Ipv6Packet::new(p.hoa, p.cn).mh(bu),
    };
    seal::binding_authorization(&mut f, &b.kbm, prefs)?;
    let bu_at = push(steps, t, p.common.gap_ns, Role::MobileNode, None, f);
    let ba = with_options(
        Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq: b.seq, lifetime: b.granted },
        ba_auth(),
    );
    let mut f = match care_of {
        Some(coa) => Ipv6Packet::new(p.cn, coa).type2(p.hoa).mh(ba),
        None => Ipv6Packet::new(p.cn, p.hoa).mh(ba),
    };
    seal::binding_authorization(&mut f, &b.kbm, prefs)?;
    push(steps, t, p.common.rtt_ns, Role::CorrespondentNode, Some(bu_at), f);
    Ok(())
}

fn round(
    p: &Params,
    cn: &mut Cn,
    rng: &mut XorShiftRng,
    seq: &mut u16,
    t: &mut u64,
    steps: &mut Steps,
    prefs: &Prefs,
) -> Result<(), SealError> {
    let (hoa, coa, cna) = (p.hoa, p.coa, p.cn);
    let (rtt, gap) = (p.common.rtt_ns, p.common.gap_ns);
    let lifetime = p.lifetime;
    let granted = lifetime.min(MAX_RR_LIFETIME);

    // 1-2: the home and care-of tests.
    let (hcookie, ccookie) = (rng.next_u64(), rng.next_u64());
    let hoti = push(
        steps,
        t,
        gap,
        Role::MobileNode,
        None,
        Ipv6Packet::new(hoa, cna).mh(MhRepr::new(Hoti { reserved: 0, cookie: hcookie })),
    );
    let coti = push(
        steps,
        t,
        rtt / 4,
        Role::MobileNode,
        None,
        Ipv6Packet::new(coa, cna).mh(MhRepr::new(Coti { reserved: 0, cookie: ccookie })),
    );
    let (hni, hnonce) = cn.nonce(rng);
    let home: Token = cn.kcn.home(&hoa.octets(), &hnonce);
    let (cni, cnonce) = cn.nonce(rng);
    let care_of: Token = cn.kcn.care_of(&coa.octets(), &cnonce);
    let hot = Hot { nonce_index: hni, cookie: hcookie, token: u64::from_be_bytes(home) };
    push(steps, t, rtt, Role::CorrespondentNode, Some(hoti), Ipv6Packet::new(cna, hoa).mh(MhRepr::new(hot)));
    let cot = Cot { nonce_index: cni, cookie: ccookie, token: u64::from_be_bytes(care_of) };
    push(steps, t, rtt / 4, Role::CorrespondentNode, Some(coti), Ipv6Packet::new(cna, coa).mh(MhRepr::new(cot)));

    // 3-4: registration and one refresh with the same tokens.
    let kbm = rr::kbm(KbmInput::Both { home, care_of });
    for _ in 0..2 {
        *seq = seq.wrapping_add(1);
        let reg = Binding { seq: *seq, lifetime, granted, nonces: (hni, cni), kbm };
        register(steps, t, p, &reg, Some(coa), prefs)?;
    }

    // 5: home again: a home test from home, then the de-registration (§11.6.1: the care-of
    // nonce index is ignored; Kbm from the home keygen token alone).
    let hcookie = rng.next_u64();
    let hoti = push(
        steps,
        t,
        gap,
        Role::MobileNode,
        None,
        Ipv6Packet::new(hoa, cna).mh(MhRepr::new(Hoti { reserved: 0, cookie: hcookie })),
    );
    let (hni, hnonce) = cn.nonce(rng);
    let home = cn.kcn.home(&hoa.octets(), &hnonce);
    let hot = Hot { nonce_index: hni, cookie: hcookie, token: u64::from_be_bytes(home) };
    push(steps, t, rtt, Role::CorrespondentNode, Some(hoti), Ipv6Packet::new(cna, hoa).mh(MhRepr::new(hot)));
    let kbm = rr::kbm(KbmInput::Deregistration { home });
    *seq = seq.wrapping_add(1);
    register(steps, t, p, &Binding { seq: *seq, lifetime: 0, granted: 0, nonces: (hni, 0), kbm }, None, prefs)?;
    Ok(())
}
