//! `pmipv6-ro`: seed 004 (draft-qin-mipshop-pmipro-00) route optimisation for Proxy Mobile
//! IPv6, between the proxy mobile agent (the MAG) serving a mobile node and a Mobile IPv6
//! correspondent node (a "Type 1 CN", §3), as seen at the correspondent:
//!
//! 1. Proxy HoTI / Proxy HoT (§3.2, §8.1, §8.2): from and to the mobile node's home address,
//!    the proxy mobile agent's care-of address inside; the PHoT brings the temporary home keygen
//!    token (RFC 6275 §5.2.5's formula, from Kcn and a home nonce);
//! 2. the early proxy BU (§3.3: P and A set, no Home Address option) with Nonce Indices, Care-of
//!    Test Init, CGA Parameters and Signature, authorised with Kbm = SHA1(temporary home token |
//!    64 zero bits), and the PBA with the care-of keygen token in a Care-of Test option;
//! 3. the complete proxy BU (§3.5: CGA Parameters and Signature, no Care-of Test Init) with
//!    Kbm = SHA1(home token | care-of token), and the PBA bringing the permanent and handover
//!    home keygen tokens (RFC 4866's option 14 and seed 004's §8.3 option);
//! 4. handover (§3.4, Figure 4): the previous MAG de-registers (lifetime 0, Kbm from the
//!    permanent token with its home nonce index zero, §3.5) and the next MAG runs the early and
//!    complete proxy BUs with the handover token in place of the home test's, getting new
//!    permanent and handover tokens.
//!
//! Each PBA is authorised with the Kbm of the BU it answers. The home address is the CGA
//! (RFC 3972, Sec 0) of the CGA Parameters the BUs carry. What the scenario cannot build
//! honestly, it says so: there is no key pair among its parameters, so the public key in the
//! CGA Parameters is a seeded stand-in of [`KEY_LEN`] octets, the Signature option carries
//! [`SIG_LEN`] seeded octets rather than an RSA signature, and the permanent and handover tokens
//! travel as their 8 octets, not encrypted with the MAG's public key (§8.3).
//!
//! Twelve packets per round; `count` repeats rounds for one mobile node after another (a new
//! CGA modifier, so a new home address), with fresh cookies, nonces and sequence numbers.

use super::{Role, Step, Steps};
use crate::message;
use crate::packet::Ipv6Packet;
use crate::seal::{self, SealError};
use dissect::crypto::cga;
use dissect::crypto::rr::{self, Kbm, KbmInput, Token};
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Bu, BuFlags};
use dissect::mh::opt::base::{BaseOpt, NonceIndices};
use dissect::mh::opt::MhOption;
use dissect::mh::seeds::{Drafted, Phot, Photi};
use dissect::mh::{MhBody, MhRepr};
use dissect::model::Auto;
use dissect::prefs::Prefs;
use dissect::stack::FrameRepr;
use dissect::wire::Ip6;
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// The mobile node's home network prefix, /64 (default 2001:db8:1::).
    pub prefix: Ipv6Addr,
    /// The serving MAG's proxy care-of address (default 2001:db8:a::1).
    pub mag: Ipv6Addr,
    /// The next MAG's, after the handover (default 2001:db8:c::1).
    pub next_mag: Ipv6Addr,
    /// The correspondent node (default 2001:db8:3::1).
    pub cn: Ipv6Addr,
    /// The correspondent's secret; drawn from `seed` when `None` (the default).
    pub kcn: Option<[u8; 20]>,
    /// Requested and granted lifetime in 4-second units (default 900, an hour: §3.5 lets a
    /// CGA-protected binding outlive RFC 6275's 7 minutes).
    pub lifetime: u16,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            prefix: Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0),
            mag: Ipv6Addr::new(0x2001, 0xdb8, 0xa, 0, 0, 0, 0, 1),
            next_mag: Ipv6Addr::new(0x2001, 0xdb8, 0xc, 0, 0, 0, 0, 1),
            cn: Ipv6Addr::new(0x2001, 0xdb8, 3, 0, 0, 0, 0, 1),
            kcn: None,
            lifetime: 900,
            common: Default::default(),
        }
    }
}

impl super::Params for Params {
    fn set(&mut self, kv: &str) -> Result<(), String> {
        let (k, v) = super::param(kv)?;
        match k {
            "prefix" => self.prefix = super::parse(k, v)?,
            "mag" => self.mag = super::parse(k, v)?,
            "next-mag" => self.next_mag = super::parse(k, v)?,
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
/// Octets of the stand-in public key in the CGA Parameters.
pub const KEY_LEN: usize = 64;
/// Octets of the stand-in signature.
pub const SIG_LEN: usize = 64;

/// RFC 4866's option numbers (IANA "Mobility Options"; the rows give their layouts).
const CGA_PARAMETERS: u8 = 12;
const SIGNATURE: u8 = 13;
const PERMANENT_HKT: u8 = 14;
const CARE_OF_TEST_INIT: u8 = 15;
const CARE_OF_TEST: u8 = 16;

/// Builds `count` packets.
pub fn build(p: &Params, count: usize, prefs: &Prefs) -> Result<Vec<Step>, SealError> {
    Ok(make(p, Steps::keep(count), prefs)?.into_vec())
}

/// Hands `count` packets to `sink` a round at a time (the same packets [`build`] gives).
pub fn stream(p: &Params, count: usize, prefs: &Prefs, sink: &mut dyn FnMut(Step) -> Result<(), String>) -> Result<(), String> {
    let steps = make(p, Steps::stream(count, sink), prefs).map_err(|e| e.to_string())?;
    steps.error.map_or(Ok(()), Err)
}

fn make<'a, 's>(p: &'a Params, steps: Steps<'s>, prefs: &'a Prefs) -> Result<Steps<'s>, SealError> {
    let mut rng = XorShiftRng::seed_from_u64(p.common.seed);
    let kcn = p.kcn.unwrap_or_else(|| {
        let mut k = [0; 20];
        rng.fill_bytes(&mut k);
        k
    });
    let mut s = State {
        p,
        prefs,
        kcn,
        next_index: (rng.next_u32() & 0xff) as u16,
        seq: (rng.next_u32() & 0x0fff) as u16,
        rng,
        t: p.common.start_ns,
        steps,
    };
    while !s.steps.full() {
        s.round()?;
        s.steps.round_done();
    }
    Ok(s.steps)
}

struct State<'a, 's> {
    p: &'a Params,
    prefs: &'a Prefs,
    kcn: [u8; 20],
    next_index: u16,
    seq: u16,
    rng: XorShiftRng,
    t: u64,
    steps: Steps<'s>,
}

/// What one proxy BU says and how it is authorised.
struct Pbu {
    from: Role,
    coa: Ipv6Addr,
    lifetime: u16,
    nonces: (u16, u16),
    /// Care-of Test Init (an early BU).
    coti: bool,
    /// CGA Parameters and Signature.
    cga: Option<(Vec<u8>, Vec<u8>)>,
    kbm: Kbm,
}

impl State<'_, '_> {
    /// A fresh nonce and its index (UMIP's nonces are 8 octets).
    fn nonce(&mut self) -> (u16, [u8; 8]) {
        let i = self.next_index;
        self.next_index = self.next_index.wrapping_add(1);
        (i, self.rng.next_u64().to_be_bytes())
    }

    fn token(&mut self) -> Token {
        self.rng.next_u64().to_be_bytes()
    }

    fn push(&mut self, from: Role, to: Role, delay: u64, answers: Option<usize>, frame: FrameRepr) -> usize {
        if !self.steps.is_empty() {
            self.t += delay;
        }
        self.steps.push(Step { from, to, at_ns: self.t, answers, frame })
    }

    fn opt(&self, code: u8, data: &[u8]) -> MhOption {
        message::option_with(code, data, self.prefs).expect("RFC 4866 and seed 004 option rows")
    }

    /// A proxy BU and the correspondent's PBA, both sealed with the BU's Kbm; `answer` is what
    /// the PBA carries besides the authenticator, and `answer_nonces` the Nonce Indices it
    /// carries, if any (an early PBA names the care-of nonce behind the token of its Care-of
    /// Test option, which the early BU could not know; RFC 6275 §6.2.6 has no other BA carry
    /// them).
    fn exchange(&mut self, bu: Pbu, answer: Vec<MhOption>, answer_nonces: Option<(u16, u16)>) -> Result<(), SealError> {
        self.seq = self.seq.wrapping_add(1);
        let ni = MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: bu.nonces.0, careof: bu.nonces.1 }));
        let mut options = vec![ni];
        if bu.coti {
            options.push(self.opt(CARE_OF_TEST_INIT, &[]));
        }
        if let Some((params, sig)) = &bu.cga {
            options.push(self.opt(CGA_PARAMETERS, params));
            options.push(self.opt(SIGNATURE, sig));
        }
        options.push(MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])));
        let msg = Bu { seq: self.seq, flags: BuFlags(BuFlags::A | BuFlags::P), lifetime: bu.lifetime };
        let mut f = Ipv6Packet::new(bu.coa, self.p.cn).mh(MhRepr { options, ..MhRepr::new(msg) });
        seal::binding_authorization(&mut f, &bu.kbm, self.prefs)?;
        let asked = self.push(bu.from, Role::CorrespondentNode, self.p.common.gap_ns, None, f);
        let mut options: Vec<MhOption> = answer_nonces
            .map(|(home, careof)| MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home, careof })))
            .into_iter()
            .collect();
        options.extend(answer);
        options.push(MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])));
        let msg =
            Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(BaFlags::P), seq: self.seq, lifetime: bu.lifetime };
        let mut f = Ipv6Packet::new(self.p.cn, bu.coa).mh(MhRepr { options, ..MhRepr::new(msg) });
        seal::binding_authorization(&mut f, &bu.kbm, self.prefs)?;
        self.push(Role::CorrespondentNode, bu.from, self.p.common.rtt_ns, Some(asked), f);
        Ok(())
    }

    /// Early then complete proxy BU from `mag` with `home` (the temporary token of a proxy home
    /// test at index `hni`, or the handover token at index 0); the permanent and handover tokens
    /// the correspondent returns, and the care-of nonce index and token the MAG now holds.
    fn register(
        &mut self,
        from: Role,
        mag: Ipv6Addr,
        hni: u16,
        home: Token,
        cga: &(Vec<u8>, Vec<u8>),
    ) -> Result<(Token, Token, u16, Token), SealError> {
        let (lifetime, kcn) = (self.p.lifetime, self.kcn);
        let (cni, cnonce) = self.nonce();
        let care_of = rr::care_of_keygen_token(&kcn, &mag.octets(), &cnonce);
        let early = Pbu {
            from,
            coa: mag,
            lifetime,
            nonces: (hni, 0),
            coti: true,
            cga: Some(cga.clone()),
            kbm: rr::kbm(KbmInput::EarlyProxy { home }),
        };
        let cot = self.opt(CARE_OF_TEST, &care_of);
        // The early BU names the home nonce only (its care-of token is zero, §3.3); the PBA
        // names the care-of nonce the token came from.
        self.exchange(early, vec![cot], Some((hni, cni)))?;
        let (permanent, handover) = (self.token(), self.token());
        let hhkt = self.opt(self.prefs.pmipro_opt_handover_hkt, &handover);
        let complete = Pbu {
            from,
            coa: mag,
            lifetime,
            nonces: (hni, cni),
            coti: false,
            cga: Some(cga.clone()),
            kbm: rr::kbm(KbmInput::Both { home, care_of }),
        };
        self.exchange(complete, vec![self.opt(PERMANENT_HKT, &permanent), hhkt], None)?;
        Ok((permanent, handover, cni, care_of))
    }

    fn round(&mut self) -> Result<(), SealError> {
        let p = self.p;
        // The mobile node's CGA home address from fresh parameters.
        let mut modifier = [0; 16];
        self.rng.fill_bytes(&mut modifier);
        let mut key = vec![0; KEY_LEN];
        self.rng.fill_bytes(&mut key);
        let mut prefix = [0; 8];
        prefix.copy_from_slice(&p.prefix.octets()[..8]);
        let params = cga::parameters(&modifier, &prefix, 0, &key);
        let hoa = Ipv6Addr::from(cga::address(&params).unwrap_or_else(|| unreachable!("parameters are 25+ octets")));
        let mut sig = vec![0; SIG_LEN];
        self.rng.fill_bytes(&mut sig);
        let cga = (params, sig);

        // 1: the proxy home test, through the home agent's tunnel (seen here inside it).
        let cookie = self.rng.next_u64();
        let photi = Drafted { mh_type: Auto::Computed, msg: Photi { reserved: 0, cookie, coa: Ip6(p.mag.octets()) } };
        let asked =
            self.push(Role::Mag, Role::CorrespondentNode, p.common.gap_ns, None, Ipv6Packet::new(hoa, p.cn).mh(mh(photi)));
        let (hni, hnonce) = self.nonce();
        let home = rr::home_keygen_token(&self.kcn, &hoa.octets(), &hnonce);
        // A Type 1 correspondent is not mobile: the care-of address it reports is its own.
        let phot = Drafted {
            mh_type: Auto::Computed,
            msg: Phot { nonce_index: hni, cookie, token: u64::from_be_bytes(home), coa: Ip6(p.cn.octets()) },
        };
        self.push(Role::CorrespondentNode, Role::Mag, p.common.rtt_ns, Some(asked), Ipv6Packet::new(p.cn, hoa).mh(mh(phot)));

        // 2-3: early and complete proxy BU.
        let (permanent, handover, cni, care_of) = self.register(Role::Mag, p.mag, hni, home, &cga)?;

        // 4: handover. The previous MAG de-registers with the permanent token (home nonce index
        // zero, §3.5) and the care-of token it holds; the next one starts from the handover
        // token (no home test: its nonce index is zero too).
        let dereg = Pbu {
            from: Role::Mag,
            coa: p.mag,
            lifetime: 0,
            nonces: (0, cni),
            coti: false,
            cga: None,
            kbm: rr::kbm(KbmInput::Both { home: permanent, care_of }),
        };
        self.exchange(dereg, Vec::new(), None)?;
        self.register(Role::NextMag, p.next_mag, 0, handover, &cga)?;
        Ok(())
    }
}

fn mh(body: impl Into<MhBody>) -> MhRepr {
    MhRepr::new(body)
}
