//! What the `mcoa` and `nemo-vmn-ro` scenarios share: a script that stamps each step with its
//! time and who answers whom, a correspondent's return-routability state (its secret and the
//! nonces it indexes), and the Binding Identifier option in the profile's layout.

use super::{Role, Step, Steps};
use crate::packet::Ipv6Packet;
use crate::seal::{self, SealError};
use dissect::crypto::rr::{self, Kbm, Token};
use dissect::mh::msg::rr::{Cot, Coti, Hot, Hoti};
use dissect::mh::opt::base::{BaseOpt, NonceIndices};
use dissect::mh::opt::MhOption;
use dissect::mh::seeds::mcoa::{BidCoa, BidCoa6, BidDraft, BidDraftFlags, BidRfc, BidRfcFlags, BindingId};
use dissect::mh::seeds::SeedOpt;
use dissect::mh::{MhBody, MhRepr};
use dissect::model::Auto;
use dissect::prefs::{BidLayout, Prefs};
use dissect::stack::FrameRepr;
use dissect::wire::Ip6;
use rand_core::Rng;
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// One round's steps being written: a request one gap after the step before it, an answer one
/// round trip after it. [`Script::flush`] hands the round to a [`Steps`] (kept or streamed);
/// indices (a step's own, [`Step::answers`]) count from the first step of the whole run.
pub(crate) struct Script {
    round: Vec<Step>,
    /// Steps of the run before this round.
    base: usize,
    t: u64,
    rtt: u64,
    gap: u64,
}

impl Script {
    pub fn new(timing: &super::Common) -> Self {
        Script { round: Vec::new(), base: 0, t: timing.start_ns, rtt: timing.rtt_ns, gap: timing.gap_ns }
    }

    fn push(&mut self, after: u64, from: Role, to: Role, answers: Option<usize>, frame: FrameRepr) -> usize {
        if self.base + self.round.len() > 0 {
            self.t += after;
        }
        self.round.push(Step { from, to, at_ns: self.t, answers, frame });
        self.base + self.round.len() - 1
    }

    /// A packet `from` → `to` that answers nothing.
    pub fn send(&mut self, from: Role, to: Role, frame: FrameRepr) -> usize {
        self.push(self.gap, from, to, None, frame)
    }

    /// A packet that follows the one before it closely (a second request of a pair, a
    /// forwarded copy).
    pub fn follow(&mut self, from: Role, to: Role, frame: FrameRepr) -> usize {
        self.push(self.rtt / 4, from, to, None, frame)
    }

    /// The answer to step `request` (of this round), from its receiver to its sender.
    pub fn answer(&mut self, request: usize, frame: FrameRepr) -> usize {
        let r = &self.round[request - self.base];
        let (from, to) = (r.to, r.from);
        self.push(self.rtt, from, to, Some(request), frame)
    }

    /// The round is over: its steps go to `steps`, which hands them on when streaming.
    pub fn flush(&mut self, steps: &mut Steps) {
        for step in self.round.drain(..) {
            steps.push(step);
        }
        steps.round_done();
        self.base = steps.len();
    }
}

/// A node answering return-routability tests (RFC 6275 §5.2): its secret Kcn and the index
/// of the next nonce it makes.
pub(crate) struct Correspondent {
    pub kcn: [u8; 20],
    next_index: u16,
}

impl Correspondent {
    /// `kcn` or one drawn from `rng`; the first nonce index drawn too.
    pub fn new(kcn: Option<[u8; 20]>, rng: &mut XorShiftRng) -> Self {
        let kcn = kcn.unwrap_or_else(|| {
            let mut k = [0; 20];
            rng.fill_bytes(&mut k);
            k
        });
        Correspondent { kcn, next_index: (rng.next_u32() & 0xff) as u16 }
    }

    /// A fresh nonce and its index (§5.2.2: indices name nonces; UMIP's nonces are 8 octets).
    pub fn nonce(&mut self, rng: &mut XorShiftRng) -> (u16, [u8; 8]) {
        let i = self.next_index;
        self.next_index = self.next_index.wrapping_add(1);
        (i, rng.next_u64().to_be_bytes())
    }
}

/// A keygen token and the index of the nonce it was made with.
#[derive(Clone, Copy)]
pub(crate) struct Keygen {
    pub index: u16,
    pub token: Token,
}

/// HoTI from `hoa` (sent by `mn`) and the correspondent's HoT (§5.2.3).
#[allow(clippy::too_many_arguments)]
pub(crate) fn home_test(
    s: &mut Script,
    rng: &mut XorShiftRng,
    c: &mut Correspondent,
    (mn, cn): (Role, Role),
    hoa: Ipv6Addr,
    cna: Ipv6Addr,
) -> Keygen {
    let cookie = rng.next_u64();
    let hoti = s.send(mn, cn, Ipv6Packet::new(hoa, cna).mh(MhRepr::new(Hoti { reserved: 0, cookie })));
    let (index, nonce) = c.nonce(rng);
    let token = rr::home_keygen_token(&c.kcn, &hoa.octets(), &nonce);
    let hot = Hot { nonce_index: index, cookie, token: u64::from_be_bytes(token) };
    s.answer(hoti, Ipv6Packet::new(cna, hoa).mh(MhRepr::new(hot)));
    Keygen { index, token }
}

/// How a care-of test travels: its options (a Binding Identifier, seed 002 §5.2) and, for a
/// node behind a mobile router (seed 000 §4.2), the home address in the CoTI's Home Address
/// option and the CoT's type 2 routing header.
pub(crate) struct CareOfTest {
    pub coti_options: Vec<MhOption>,
    pub cot_options: Vec<MhOption>,
    pub home: Option<Ipv6Addr>,
}

/// CoTI from `coa` and the correspondent's CoT (§5.2.3).
pub(crate) fn care_of_test(
    s: &mut Script,
    rng: &mut XorShiftRng,
    c: &mut Correspondent,
    (mn, cn): (Role, Role),
    (coa, cna): (Ipv6Addr, Ipv6Addr),
    how: CareOfTest,
) -> Keygen {
    let cookie = rng.next_u64();
    let mut out = Ipv6Packet::new(coa, cna);
    let mut back = Ipv6Packet::new(cna, coa);
    if let Some(h) = how.home {
        out = out.home_address(h);
        back = back.type2(h);
    }
    let coti = s.send(mn, cn, out.mh(with_options(Coti { reserved: 0, cookie }, how.coti_options)));
    let (index, nonce) = c.nonce(rng);
    let token = rr::care_of_keygen_token(&c.kcn, &coa.octets(), &nonce);
    let cot = Cot { nonce_index: index, cookie, token: u64::from_be_bytes(token) };
    s.answer(coti, back.mh(with_options(cot, how.cot_options)));
    Keygen { index, token }
}

pub(crate) fn with_options(body: impl Into<MhBody>, options: Vec<MhOption>) -> MhRepr {
    MhRepr { options, ..MhRepr::new(body) }
}

/// `options` then Nonce Indices and a Binding Authorization Data option to seal (RFC 6275
/// §6.2.6: the authorization data comes last).
pub(crate) fn authorized(mut options: Vec<MhOption>, home: u16, careof: u16) -> Vec<MhOption> {
    options.push(MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home, careof })));
    options.push(MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])));
    options
}

/// `options` then a Binding Authorization Data option to seal: a BA's (RFC 6275 §6.2.6: Nonce
/// Indices belong in a BU only).
pub(crate) fn authenticated(mut options: Vec<MhOption>) -> Vec<MhOption> {
    options.push(MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])));
    options
}

/// Seals `frame` (a BU or BA carrying [`authorized`] options) with `kbm`.
pub(crate) fn sealed(mut frame: FrameRepr, kbm: &Kbm, prefs: &Prefs) -> Result<FrameRepr, SealError> {
    seal::binding_authorization(&mut frame, kbm, prefs)?;
    Ok(frame)
}

/// A Binding Identifier as seed 002 §4.2.1 (draft-03) and RFC 5648 §4.3 describe it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Bid {
    pub id: u16,
    /// Seed 002's status names under draft-03; RFC 5648's are the BA's.
    pub status: u8,
    /// Draft-03's C flag: the option carries its care-of address (bulk registration).
    pub c: bool,
    /// Draft-03's O flag: replace every binding of the home address.
    pub o: bool,
    /// Home Binding (draft-03) / simultaneous home and foreign binding (RFC 5648).
    pub h: bool,
    pub coa: Option<Ipv6Addr>,
}

/// `b` in the layout `prefs` read (`mcoa.layout`) at `mcoa.bid_option_type`. RFC 5648 has no
/// C or O flag: a care-of address in the option is what makes a bulk registration there.
pub(crate) fn bid_option(b: Bid, prefs: &Prefs) -> MhOption {
    let coa = b.coa.map_or(BidCoa::None, |a| BidCoa::V6(BidCoa6 { coa: Ip6(a.octets()) }));
    let bid = match prefs.mcoa_layout {
        BidLayout::Rfc5648 => BindingId::Rfc5648 {
            fixed: BidRfc { bid: b.id, status: b.status.into(), flags: BidRfcFlags(if b.h { BidRfcFlags::H } else { 0 }) },
            coa,
        },
        BidLayout::Draft03 => {
            let flag = |on: bool, bit: u8| if on { bit } else { 0 };
            let flags = flag(b.c, BidDraftFlags::C) | flag(b.o, BidDraftFlags::O) | flag(b.h, BidDraftFlags::H);
            BindingId::Draft03 { fixed: BidDraft { bid: b.id, status: b.status.into(), flags: BidDraftFlags(flags) }, coa }
        }
    };
    MhOption::Seed(SeedOpt::BindingId { code: Auto::Computed, bid })
}
