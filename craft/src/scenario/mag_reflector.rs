//! `mag-reflector`: seed 001 (draft-cui-netext-route-optimization-agent-ext-00) — a PMIPv6
//! mobile access gateway answering route optimisation for a plain IPv6 node attached to it, as
//! captured at the MAG (both its links):
//!
//! 1. MN1 (a Mobile IPv6 node away from home) sends HoTI from its home address (through its home
//!    agent and the LMA) and CoTI from its care-of address to MN2, a node with basic IPv6 only
//!    (§3.4 b, c);
//! 2. the MAG intercepts them (§4.1.1) and answers on MN2's behalf as a correspondent node does
//!    (RFC 6275 §9.4): HoT and CoT from MN2's address, keygen tokens from the MAG's Kcn (d, e);
//! 3. MN1's BU to MN2 (care-of address, Home Address option, Nonce Indices, Binding
//!    Authorization Data from Kbm), which the MAG caches and acknowledges from MN2's address with
//!    an authenticated BA through a type 2 routing header (f, g; §4.1.3);
//! 4. route-optimised traffic (h): MN1's Echo Request from its care-of address with a Home
//!    Address option, MN2's plain Echo Reply to MN1's home address on the access link, and the
//!    same reply as the MAG forwards it (§4.1.2): to the care-of address with a type 2 routing
//!    header carrying the home address. [`PINGS`] such pings.
//!
//! Every checksum is computed over the pseudo-header RFC 6275 and RFC 8200 give (the home
//! address for a Home Address option's packet, the routing header's final destination).
//! Twelve packets per round; `count` repeats rounds with fresh cookies, nonces, nonce indices,
//! sequence numbers and echo identifiers.

use super::{Role, Step, Steps};
use crate::packet::Ipv6Packet;
use crate::seal::{self, SealError};
use dissect::crypto::rr::{self, KbmInput};
use dissect::icmpv6::{Echo, Icmpv6, Icmpv6Msg};
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Bu, BuFlags};
use dissect::mh::msg::rr::{Cot, Coti, Hot, Hoti};
use dissect::mh::opt::base::{BaseOpt, NonceIndices};
use dissect::mh::opt::MhOption;
use dissect::mh::{MhBody, MhRepr};
use dissect::prefs::Prefs;
use dissect::stack::{FrameRepr, Layer};
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// MN1's home address (default 2001:db8:1::100) and care-of address (default 2001:db8:2::100).
    pub hoa: Ipv6Addr,
    pub coa: Ipv6Addr,
    /// MN2, the plain IPv6 node attached to the MAG: its address in its PMIPv6 home network
    /// prefix (default 2001:db8:100:1::2).
    pub mn2: Ipv6Addr,
    /// The MAG's secret; drawn from `seed` when `None` (the default).
    pub kcn: Option<[u8; 20]>,
    /// Requested lifetime in 4-second units (default 105: RFC 6275's MAX_RR_BINDING_LIFETIME).
    pub lifetime: u16,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            hoa: Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x100),
            coa: Ipv6Addr::new(0x2001, 0xdb8, 2, 0, 0, 0, 0, 0x100),
            mn2: Ipv6Addr::new(0x2001, 0xdb8, 0x100, 1, 0, 0, 0, 2),
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
            "mn2" => self.mn2 = super::parse(k, v)?,
            "kcn" => self.kcn = Some(super::kcn(k, v)?),
            "lifetime" => self.lifetime = super::parse(k, v)?,
            _ => self.common.set(k, v)?,
        }
        Ok(())
    }
}

/// Packets in one round.
pub const ROUND: usize = 6 + 3 * PINGS;
/// Pings after the binding, each three packets.
pub const PINGS: usize = 2;

/// RFC 6275 §12: MAX_RR_BINDING_LIFETIME, in 4-second units.
const MAX_RR_LIFETIME: u16 = 420 / 4;

/// Builds `count` packets under `prefs`.
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
    let mut index = (rng.next_u32() & 0xff) as u16;
    let mut seq = (rng.next_u32() & 0x0fff) as u16;
    let mut t = p.common.start_ns;
    // An answer comes one round trip after its request, anything else one gap after the packet
    // before it, unless `delay` says otherwise.
    let mut push = |steps: &mut Steps, from: Role, to: Role, answers: Option<usize>, frame: FrameRepr, delay: Option<u64>| {
        if !steps.is_empty() {
            t += delay.unwrap_or(if answers.is_some() { p.common.rtt_ns } else { p.common.gap_ns });
        }
        steps.push(Step { from, to, at_ns: t, answers, frame })
    };
    let (mn1, mag, mn2) = (Role::MobileNode, Role::Mag, Role::PlainNode);
    while !steps.full() {
        // 1-2: the tests, answered by the MAG from MN2's address.
        let (hcookie, ccookie) = (rng.next_u64(), rng.next_u64());
        let hoti = push(steps, mn1, mn2, None, Ipv6Packet::new(p.hoa, p.mn2).mh(mh(Hoti { reserved: 0, cookie: hcookie })), None);
        let coti = push(steps, mn1, mn2, None, Ipv6Packet::new(p.coa, p.mn2).mh(mh(Coti { reserved: 0, cookie: ccookie })), None);
        let mut nonce = || {
            index = index.wrapping_add(1);
            (index, rng.next_u64().to_be_bytes())
        };
        let ((hni, hnonce), (cni, cnonce)) = (nonce(), nonce());
        let home = rr::home_keygen_token(&kcn, &p.hoa.octets(), &hnonce);
        let care_of = rr::care_of_keygen_token(&kcn, &p.coa.octets(), &cnonce);
        let hot = Hot { nonce_index: hni, cookie: hcookie, token: u64::from_be_bytes(home) };
        push(steps, mag, mn1, Some(hoti), Ipv6Packet::new(p.mn2, p.hoa).mh(mh(hot)), None);
        let cot = Cot { nonce_index: cni, cookie: ccookie, token: u64::from_be_bytes(care_of) };
        push(steps, mag, mn1, Some(coti), Ipv6Packet::new(p.mn2, p.coa).mh(mh(cot)), None);

        // 3: the binding, cached and acknowledged by the MAG.
        seq = seq.wrapping_add(1);
        let kbm = rr::kbm(KbmInput::Both { home, care_of });
        let auth = || {
            vec![
                MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: hni, careof: cni })),
                MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])),
            ]
        };
        let bu = Bu { seq, flags: BuFlags(BuFlags::A), lifetime: p.lifetime };
        let mut f = Ipv6Packet::new(p.coa, p.mn2).home_address(p.hoa).mh(MhRepr { options: auth(), ..mh(bu) });
        seal::binding_authorization(&mut f, &kbm, prefs)?;
        let asked = push(steps, mn1, mn2, None, f, None);
        let granted = p.lifetime.min(MAX_RR_LIFETIME);
        let ba = Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq, lifetime: granted };
        // RFC 6275 §6.2.6: Nonce Indices only in the BU; the BA carries the authenticator alone.
        let ba_auth = vec![MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12]))];
        let mut f = Ipv6Packet::new(p.mn2, p.coa).type2(p.hoa).mh(MhRepr { options: ba_auth, ..mh(ba) });
        seal::binding_authorization(&mut f, &kbm, prefs)?;
        push(steps, mag, mn1, Some(asked), f, None);

        // 4: route-optimised pings.
        let id = rng.next_u32() as u16;
        for n in 1..=PINGS as u16 {
            let data = rng.next_u64().to_be_bytes().to_vec();
            let echo = |reply: bool| {
                let e = Echo { id, seq: n, data: data.clone() };
                let m = if reply { Icmpv6Msg::EchoReply(e) } else { Icmpv6Msg::EchoRequest(e) };
                [Layer::Icmpv6(Icmpv6::new(m))]
            };
            let req = push(steps, mn1, mn2, None, Ipv6Packet::new(p.coa, p.mn2).home_address(p.hoa).carrying(echo(false)), None);
            push(steps, mn2, mn1, Some(req), Ipv6Packet::new(p.mn2, p.hoa).carrying(echo(true)), None);
            // The MAG's forwarding is the same reply a moment later, not another answer.
            let f = Ipv6Packet::new(p.mn2, p.coa).type2(p.hoa).carrying(echo(true));
            push(steps, mag, mn1, Some(req), f, Some(p.common.rtt_ns / 4));
        }
        steps.round_done();
    }
    Ok(())
}

fn mh(body: impl Into<MhBody>) -> MhRepr {
    MhRepr::new(body)
}
