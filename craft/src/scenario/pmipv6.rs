//! `pmipv6`: RFC 5213's signalling between a mobile access gateway and a local mobility
//! anchor, for one mobile node after another: the initial Proxy Binding Update asking for a
//! home network prefix (§6.9.1.1: a Home Network Prefix option of ::/0), the PBA assigning one,
//! a refresh (§6.9.1.2: Handoff Indicator 5, the assigned prefix), and the de-registration when
//! the node leaves (§6.9.1.3: lifetime 0), each answered.
//!
//! Every PBU carries what §6.9.1.5 requires (the P and A flags, Mobile Node Identifier, Home
//! Network Prefix, Handoff Indicator, Access Technology Type and Timestamp options; H clear, as
//! `profiles.md` reads real MAGs), and every PBA (§5.3.5) the P flag, the status, the PBU's
//! sequence number and the options it echoes, with the prefix assigned. Timestamps are RFC 5213
//! §8.8's 48.16 fixed-point seconds since 1970, taken from the packet's own time.

use super::{Role, Step, Steps};
use crate::message;
use crate::packet::Ipv6Packet;
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Bu, BuFlags};
use dissect::mh::opt::MhOption;
use dissect::mh::MhRepr;
use dissect::prefs::Prefs;
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// The mobile access gateway's proxy care-of address (default 2001:db8:a::1).
    pub mag: Ipv6Addr,
    /// The local mobility anchor (default 2001:db8:b::1).
    pub lma: Ipv6Addr,
    /// The home network prefixes the LMA assigns: the k-th node gets `prefix:k::/64`
    /// (default 2001:db8:100::).
    pub prefix: Ipv6Addr,
    /// Requested and granted lifetime in 4-second units (default 900: an hour).
    pub lifetime: u16,
    /// Access Technology Type (default 4: IEEE 802.11a/b/g).
    pub att: u8,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            mag: Ipv6Addr::new(0x2001, 0xdb8, 0xa, 0, 0, 0, 0, 1),
            lma: Ipv6Addr::new(0x2001, 0xdb8, 0xb, 0, 0, 0, 0, 1),
            prefix: Ipv6Addr::new(0x2001, 0xdb8, 0x100, 0, 0, 0, 0, 0),
            lifetime: 900,
            att: 4,
            common: Default::default(),
        }
    }
}

impl super::Params for Params {
    fn set(&mut self, kv: &str) -> Result<(), String> {
        let (k, v) = super::param(kv)?;
        match k {
            "mag" => self.mag = super::parse(k, v)?,
            "lma" => self.lma = super::parse(k, v)?,
            "prefix" => self.prefix = super::parse(k, v)?,
            "lifetime" => self.lifetime = super::parse(k, v)?,
            "att" => self.att = super::parse(k, v)?,
            _ => self.common.set(k, v)?,
        }
        Ok(())
    }
}

/// Packets in one round (one mobile node's attachment, refresh and detachment).
pub const ROUND: usize = 6;

/// Handoff Indicator values (RFC 5213 §8.4).
const HI_NEW_INTERFACE: u8 = 1;
const HI_UNKNOWN: u8 = 4;
const HI_NOT_CHANGED: u8 = 5;

/// Option type numbers (IANA "Mobility Options"; the rows give their layouts).
const MNID: u8 = 8;
const HNP: u8 = 22;
const HI: u8 = 23;
const ATT: u8 = 24;
const TIMESTAMP: u8 = 27;

/// Builds `count` packets.
pub fn build(p: &Params, count: usize, prefs: &Prefs) -> Vec<Step> {
    let mut steps = Steps::keep(count);
    make(p, &mut steps, prefs);
    steps.into_vec()
}

/// Hands `count` packets to `sink` a node at a time (the same packets [`build`] gives).
pub fn stream(p: &Params, count: usize, prefs: &Prefs, sink: &mut dyn FnMut(Step) -> Result<(), String>) -> Result<(), String> {
    let mut steps = Steps::stream(count, sink);
    make(p, &mut steps, prefs);
    steps.error.map_or(Ok(()), Err)
}

fn make(p: &Params, steps: &mut Steps, prefs: &Prefs) {
    let mut rng = XorShiftRng::seed_from_u64(p.common.seed);
    let mut seq = (rng.next_u32() & 0x0fff) as u16;
    let mut t = p.common.start_ns;
    let mut node = 0u16;
    while !steps.full() {
        node = node.wrapping_add(1);
        let nai = format!("mn{node}@example.com");
        let mut assigned = p.prefix.segments();
        assigned[2] = assigned[2].wrapping_add(node);
        let assigned = Ipv6Addr::from(assigned);
        let exchanges =
            [(HI_NEW_INTERFACE, None, p.lifetime), (HI_NOT_CHANGED, Some(assigned), p.lifetime), (HI_UNKNOWN, Some(assigned), 0)];
        for (hi, asked, lifetime) in exchanges {
            seq = seq.wrapping_add(1);
            if !steps.is_empty() {
                t += p.common.gap_ns;
            }
            let opts = |prefix: Option<Ipv6Addr>, at: u64| options(&nai, prefix, hi, p.att, at, prefs);
            let bu = Bu { seq, flags: BuFlags(BuFlags::A | BuFlags::P), lifetime };
            let pbu = Ipv6Packet::new(p.mag, p.lma).mh(MhRepr { options: opts(asked, t), ..MhRepr::new(bu) });
            let asked_at = steps.push(Step { from: Role::Mag, to: Role::Lma, at_ns: t, answers: None, frame: pbu });
            t += p.common.rtt_ns;
            let ba = Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(BaFlags::P), seq, lifetime };
            let pba = Ipv6Packet::new(p.lma, p.mag).mh(MhRepr { options: opts(Some(assigned), t), ..MhRepr::new(ba) });
            steps.push(Step { from: Role::Lma, to: Role::Mag, at_ns: t, answers: Some(asked_at), frame: pba });
        }
        steps.round_done();
    }
}

/// RFC 5213 §6.9.1.5's options, in its order.
fn options(nai: &str, prefix: Option<Ipv6Addr>, hi: u8, att: u8, at_ns: u64, prefs: &Prefs) -> Vec<MhOption> {
    let mut mnid = vec![1u8]; // subtype 1: NAI (RFC 4283)
    mnid.extend_from_slice(nai.as_bytes());
    let mut hnp = vec![0u8, if prefix.is_some() { 64 } else { 0 }];
    hnp.extend_from_slice(&prefix.unwrap_or(Ipv6Addr::UNSPECIFIED).octets());
    // 48 bits of seconds, 16 of 1/65536 second.
    let (secs, frac) = (at_ns / 1_000_000_000, ((at_ns % 1_000_000_000) << 16) / 1_000_000_000);
    let ts = ((secs << 16) | frac).to_be_bytes();
    [(MNID, mnid), (HNP, hnp), (HI, vec![0, hi]), (ATT, vec![0, att]), (TIMESTAMP, ts.to_vec())]
        .into_iter()
        .map(|(code, data)| message::option_with(code, &data, prefs).expect("RFC 5213 option rows"))
        .collect()
}
