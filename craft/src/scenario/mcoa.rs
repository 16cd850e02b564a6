//! `mcoa`: a mobile node with several care-of addresses registering them all under one home
//! address (seed 002, draft-ietf-monami6-multiplecoa-03; RFC 5648 under the `rfc` profile),
//! as seen on the home agent's and the correspondent's links:
//!
//! 1. per-CoA home registration (§5.3): one BU per care-of address, each from that address
//!    with one Binding Unique Identifier (Length 4) and the Alternate Care-of Address option
//!    after it (§5.7, RFC 6275 §11.7.1); the first sets the O flag (§5.11: a bootstrapping node
//!    replaces whatever bindings a reboot left). Each BA copies the BID with status 0;
//! 2. bulk registration (§5.4): one BU carrying every BID with the C flag and its care-of
//!    address (Length 20), O set on all of them (§5.4: equal flags); the BA copies them;
//! 3. return routability with the correspondent (§5.2): one HoTI/HoT, then a CoTI per
//!    care-of address carrying its BID (C and O clear), each CoT copying it with status 0
//!    (MCOA ACCEPTING BID, §6.2);
//! 4. correspondent registration per care-of address (§5.3): BU with the BID before the Nonce
//!    Indices and the Binding Authorization Data (Kbm from the home token and that address's
//!    care-of token), BA authenticated likewise;
//! 5. BID de-registration (§5.5): the last care-of address is lost, so lifetime-0 BUs for its
//!    BID (C clear) go from the first one to the home agent and the correspondent;
//! 6. returning home (§5.6, §6.3): from the home link, a lifetime-0 BU whose BID has the H
//!    flag (the home agent keeps a home binding), then the BU de-registering every binding left
//!    (§5.5: every BID with the C flag, the care-of addresses omitted), each answered.
//!
//! Under `rfc` (RFC 5648's layout) the C and O flags do not exist: the bulk registration's
//! BIDs are those with a care-of address, and the H flag is RFC 5648's. Everything else is
//! the same exchange. `count` repeats rounds with fresh sequence numbers, cookies and nonces.

use super::exchange::{self, Bid, CareOfTest, Correspondent, Script};
use super::{ParamDocs, Role, Step, Steps};
use crate::packet::Ipv6Packet;
use crate::seal::SealError;
use dissect::crypto::rr::{self, KbmInput};
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Bu, BuFlags};
use dissect::mh::opt::base::{AltCoa, BaseOpt};
use dissect::mh::opt::MhOption;
use dissect::prefs::Prefs;
use dissect::wire::Ip6;
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// What the scenario is, for `--list`.
pub const ABOUT: &str = "seed 002 / RFC 5648 multiple care-of addresses: per-CoA and bulk (C, O) home registration, CoTI/CoT and correspondent BUs with BIDs, BID de-registration, returning home with H";

/// Its parameters (`-p KEY=VALUE`) with their defaults.
pub const PARAMS: ParamDocs = &[
    ("hoa", "home address (2001:db8:1::100)"),
    ("ha", "home agent (2001:db8:1::1)"),
    ("coas", "care-of addresses, BID 1, 2, … in order (2001:db8:2::100,2001:db8:3::100,2001:db8:4::100)"),
    ("cn", "correspondent node (2001:db8:5::1)"),
    ("kcn", "the correspondent's 20-octet secret in hex (drawn from the seed)"),
    ("seed", "seeds cookies, nonces, Kcn and sequence numbers (1)"),
    ("lifetime", "requested lifetime, 4-second units (105)"),
];

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// Home address (default 2001:db8:1::100).
    pub hoa: Ipv6Addr,
    /// Home agent (default 2001:db8:1::1).
    pub ha: Ipv6Addr,
    /// The care-of addresses, BID 1, 2, … in this order (default 2001:db8:2::100,
    /// 2001:db8:3::100, 2001:db8:4::100); at least two.
    pub coas: Vec<Ipv6Addr>,
    /// Correspondent node (default 2001:db8:5::1).
    pub cn: Ipv6Addr,
    /// The correspondent's secret; drawn from `seed` when `None` (the default).
    pub kcn: Option<[u8; 20]>,
    /// Requested lifetime in 4-second units (default 105, RFC 6275's MAX_RR_BINDING_LIFETIME,
    /// which the correspondent grants at most; the home agent grants it whole).
    pub lifetime: u16,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        let a = |net: u16, host: u16| Ipv6Addr::new(0x2001, 0xdb8, net, 0, 0, 0, 0, host);
        Params {
            hoa: a(1, 0x100),
            ha: a(1, 1),
            coas: vec![a(2, 0x100), a(3, 0x100), a(4, 0x100)],
            cn: a(5, 1),
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
            "ha" => self.ha = super::parse(k, v)?,
            "coas" => {
                let coas = v.split(',').map(|a| super::parse(k, a.trim())).collect::<Result<Vec<Ipv6Addr>, _>>()?;
                if !(2..=255).contains(&coas.len()) {
                    return Err(format!("{k}={v}: two to 255 care-of addresses"));
                }
                self.coas = coas;
            }
            "cn" => self.cn = super::parse(k, v)?,
            "kcn" => self.kcn = Some(super::kcn(k, v)?),
            "lifetime" => self.lifetime = super::parse(k, v)?,
            _ => self.common.set(k, v)?,
        }
        Ok(())
    }
}

/// Packets in one round with `n` care-of addresses.
pub const fn round_len(n: usize) -> usize {
    2 * n + 2 + (2 + 2 * n) + 2 * n + 4 + 4
}

/// Packets in one round with the default three care-of addresses.
pub const ROUND: usize = round_len(3);

/// RFC 6275 §12: MAX_RR_BINDING_LIFETIME, in 4-second units.
const MAX_RR_LIFETIME: u16 = 420 / 4;

/// Builds `count` packets under `prefs` (its `mcoa.layout` chooses the BID layout).
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
    let mut cn = Correspondent::new(p.kcn, &mut rng);
    let mut seq = Seq { ha: (rng.next_u32() & 0x0fff) as u16, cn: (rng.next_u32() & 0x0fff) as u16 };
    let mut s = Script::new(&p.common);
    while !steps.full() {
        round(p, &mut cn, &mut rng, &mut seq, &mut s, prefs)?;
        s.flush(steps);
    }
    Ok(())
}

/// The mobile node's Binding Update List: the last sequence number sent to each peer.
struct Seq {
    ha: u16,
    cn: u16,
}

fn next(seq: &mut u16) -> u16 {
    *seq = seq.wrapping_add(1);
    *seq
}

/// A BU `from` (with the home address in a Home Address option unless sent from home) to
/// `peer`, and its BA (status 0, the BIDs copied with status 0, `ack_options` after them).
#[allow(clippy::too_many_arguments)]
fn home_registration(
    s: &mut Script,
    p: &Params,
    from: Ipv6Addr,
    seq: u16,
    lifetime: u16,
    bids: &[Bid],
    alt_coa: Option<Ipv6Addr>,
    prefs: &Prefs,
) {
    let mut opts: Vec<MhOption> = bids.iter().map(|&b| exchange::bid_option(b, prefs)).collect();
    if let Some(a) = alt_coa {
        opts.push(MhOption::Base(BaseOpt::AltCoa(AltCoa { address: Ip6(a.octets()) })));
    }
    let bu = exchange::with_options(Bu { seq, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime }, opts);
    let out = if from == p.hoa { Ipv6Packet::new(from, p.ha) } else { Ipv6Packet::new(from, p.ha).home_address(p.hoa) };
    let asked = s.send(Role::MobileNode, Role::HomeAgent, out.mh(bu));
    let acks = bids.iter().map(|&b| exchange::bid_option(Bid { status: 0, ..b }, prefs)).collect();
    let ba = exchange::with_options(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq, lifetime }, acks);
    let back = if from == p.hoa { Ipv6Packet::new(p.ha, from) } else { Ipv6Packet::new(p.ha, from).type2(p.hoa) };
    s.answer(asked, back.mh(ba));
}

/// A BU to the correspondent from `from` carrying `bid`, authorized with `kbm`, and its BA.
#[allow(clippy::too_many_arguments)]
fn correspondent_registration(
    s: &mut Script,
    p: &Params,
    from: Ipv6Addr,
    seq: u16,
    lifetime: u16,
    bid: Bid,
    (hni, cni): (u16, u16),
    kbm: &rr::Kbm,
    prefs: &Prefs,
) -> Result<(), SealError> {
    let opts = exchange::authorized(vec![exchange::bid_option(bid, prefs)], hni, cni);
    let bu = exchange::with_options(Bu { seq, flags: BuFlags(BuFlags::A), lifetime }, opts);
    let asked = s.send(
        Role::MobileNode,
        Role::CorrespondentNode,
        exchange::sealed(Ipv6Packet::new(from, p.cn).home_address(p.hoa).mh(bu), kbm, prefs)?,
    );
    let opts = exchange::authenticated(vec![exchange::bid_option(Bid { status: 0, ..bid }, prefs)]);
    let granted = lifetime.min(MAX_RR_LIFETIME);
    let ba =
        exchange::with_options(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq, lifetime: granted }, opts);
    s.answer(asked, exchange::sealed(Ipv6Packet::new(p.cn, from).type2(p.hoa).mh(ba), kbm, prefs)?);
    Ok(())
}

fn round(
    p: &Params,
    cn: &mut Correspondent,
    rng: &mut XorShiftRng,
    seq: &mut Seq,
    s: &mut Script,
    prefs: &Prefs,
) -> Result<(), SealError> {
    let coas: Vec<(u16, Ipv6Addr)> = p.coas.iter().enumerate().map(|(i, &a)| (i as u16 + 1, a)).collect();

    // 1: one BU per care-of address; the first replaces any binding a reboot left (O).
    for (i, &(id, coa)) in coas.iter().enumerate() {
        let bid = Bid { id, o: i == 0, ..Bid::default() };
        home_registration(s, p, coa, next(&mut seq.ha), p.lifetime, &[bid], Some(coa), prefs);
    }

    // 2: all of them at once, each BID with C and its care-of address, O on every one.
    let bulk: Vec<Bid> = coas.iter().map(|&(id, coa)| Bid { id, c: true, o: true, coa: Some(coa), ..Bid::default() }).collect();
    home_registration(s, p, coas[0].1, next(&mut seq.ha), p.lifetime, &bulk, None, prefs);

    // 3: the home test once, a care-of test per address with its BID.
    let home = exchange::home_test(s, rng, cn, (Role::MobileNode, Role::CorrespondentNode), p.hoa, p.cn);
    let mut tokens = Vec::with_capacity(coas.len());
    for &(id, coa) in &coas {
        let bid = Bid { id, ..Bid::default() };
        let how = CareOfTest {
            coti_options: vec![exchange::bid_option(bid, prefs)],
            cot_options: vec![exchange::bid_option(bid, prefs)],
            home: None,
        };
        tokens.push(exchange::care_of_test(s, rng, cn, (Role::MobileNode, Role::CorrespondentNode), (coa, p.cn), how));
    }

    // 4: a correspondent registration per address, each with its own care-of token.
    for (&(id, coa), care_of) in coas.iter().zip(&tokens) {
        let kbm = rr::kbm(KbmInput::Both { home: home.token, care_of: care_of.token });
        let bid = Bid { id, ..Bid::default() };
        correspondent_registration(s, p, coa, next(&mut seq.cn), p.lifetime, bid, (home.index, care_of.index), &kbm, prefs)?;
    }

    // 5: the last address is gone: its BID is de-registered from the first address.
    let (lost, (_, first)) = (coas[coas.len() - 1].0, coas[0]);
    home_registration(s, p, first, next(&mut seq.ha), 0, &[Bid { id: lost, ..Bid::default() }], Some(first), prefs);
    let kbm = rr::kbm(KbmInput::Both { home: home.token, care_of: tokens[0].token });
    let bid = Bid { id: lost, ..Bid::default() };
    correspondent_registration(s, p, first, next(&mut seq.cn), 0, bid, (home.index, tokens[0].index), &kbm, prefs)?;

    // 6: home: the first interface's binding becomes a home binding (H), then every binding
    // left with the home agent goes, each BID with C and no care-of address (§5.5).
    home_registration(s, p, p.hoa, next(&mut seq.ha), 0, &[Bid { id: coas[0].0, h: true, ..Bid::default() }], None, prefs);
    let left: Vec<Bid> = coas[..coas.len() - 1].iter().map(|&(id, _)| Bid { id, c: true, ..Bid::default() }).collect();
    home_registration(s, p, p.hoa, next(&mut seq.ha), 0, &left, None, prefs);
    Ok(())
}
