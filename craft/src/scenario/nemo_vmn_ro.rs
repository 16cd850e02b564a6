//! `nemo-vmn-ro`: a visiting mobile node (VMN) behind a NEMO mobile router (MR) getting route
//! optimisation with a virtual care-of address (seed 000, draft-huang-nemo-mn-ro-00), with
//! the MCoA Binding Identifier (seed 002) it registers the VCoA under:
//!
//! 1. the MR's home registration (RFC 3963: R flag, Mobile Network Prefix option, from its
//!    care-of address), which also tells a dissector who the mobile router is;
//! 2. the VMN's home registration of its care-of address in the mobile network (BID 1);
//! 3. return routability between the VMN and the MR (§5.5, figure 2): HoTI/HoT, CoTI/CoT (the
//!    CoTI with the Home Address option, the CoT with a type 2 routing header, §4.2);
//! 4. the Route Optimization Request (a BU from the VMN's care-of address with its Home
//!    Address option, authorized with the MR's tokens, §4.1.1) and the Acknowledgement
//!    granting the VCoA in an Alternate Care-of Address option (§4.1.2);
//! 5. the VCoA registered with the VMN's home agent (BID 2, §5.3) and, after a home test and a
//!    care-of test from the VCoA (the CoTI with the Home Address option and the CoT with a type 2
//!    routing header, §4.2, §5.6; both with BID 2, seed 002 §5.2), with the correspondent (BID 2,
//!    authorized);
//! 6. data via the MR (§5.4.1): the correspondent's packet to the VCoA (type 2 routing header),
//!    the MR tunnelling it to the VMN's care-of address, the VMN's reply tunnelled to the MR,
//!    and the MR sending it on from the VCoA (Home Address option);
//! 7. MR handover (§5.8): the MR registers its new care-of address, sends a BRR with M and H
//!    and the new VCoA in an Alternate Care-of Address option; the VMN refreshes its request
//!    (the same tokens, the next sequence number), gets the new VCoA acknowledged, and
//!    registers it with its home agent and, after a care-of test, the correspondent (BID 2).
//!
//! Signalling is shown as it crosses the MR's egress link (what it sends or forwards); only the
//! data shows both legs of the MR's tunnel. The RO messages carry no numbers of their own (they
//! are BUs and BAs): they are told by who sends them to whom, so they read the same under both
//! profiles, and so does the Binding Identifier (no flags, no care-of address). `count` repeats
//! rounds with fresh sequence numbers, cookies and nonces.

use super::exchange::{self, Bid, CareOfTest, Correspondent, Keygen, Script};
use super::{ParamDocs, Role, Step, Steps};
use crate::packet::Ipv6Packet;
use crate::seal::SealError;
use dissect::crypto::rr::{self, KbmInput};
use dissect::ipv4::Udp;
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Brr, BrrFlags, Bu, BuFlags};
use dissect::mh::opt::base::{AltCoa, BaseOpt, Mnp};
use dissect::mh::opt::MhOption;
use dissect::model::Auto;
use dissect::prefs::Prefs;
use dissect::stack::{FrameRepr, Layer};
use dissect::wire::Ip6;
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv6Addr;

/// What the scenario is, for `--list`.
pub const ABOUT: &str = "seed 000 visiting mobile node behind a mobile router: VMN<->MR return routability, RO Request/Ack with the VCoA, VCoA registration (BID), data via the MR, MR handover with BRR M+H and the new VCoA";

/// Its parameters (`-p KEY=VALUE`) with their defaults.
pub const PARAMS: ParamDocs = &[
    ("vmn-hoa", "the visiting mobile node's home address (2001:db8:1::100)"),
    ("vmn-ha", "its home agent (2001:db8:1::1)"),
    ("vmn-coa", "its care-of address in the mobile network (2001:db8:7:1::100)"),
    ("mr", "the mobile router's address in the mobile network (2001:db8:7:1::1)"),
    ("mr-hoa", "the mobile router's home address (2001:db8:6::100)"),
    ("mr-ha", "the mobile router's home agent (2001:db8:6::1)"),
    ("mnp", "the mobile network prefix (2001:db8:7::/48)"),
    ("mr-coa", "the mobile router's care-of address (2001:db8:8::1)"),
    ("vcoa", "the virtual care-of address it reserves for VMNs (2001:db8:8::2)"),
    ("mr-coa2", "its care-of address after the handover (2001:db8:9::1)"),
    ("vcoa2", "the VCoA after the handover (2001:db8:9::2)"),
    ("cn", "correspondent node (2001:db8:5::1)"),
    ("kcn", "the correspondent's 20-octet secret in hex (drawn from the seed)"),
    ("kmr", "the mobile router's 20-octet secret in hex (drawn from the seed)"),
    ("seed", "seeds cookies, nonces, secrets and sequence numbers (1)"),
    ("lifetime", "requested lifetime, 4-second units (105)"),
];

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub vmn_hoa: Ipv6Addr,
    pub vmn_ha: Ipv6Addr,
    pub vmn_coa: Ipv6Addr,
    pub mr: Ipv6Addr,
    pub mr_hoa: Ipv6Addr,
    pub mr_ha: Ipv6Addr,
    /// The Mobile Network Prefix and its length.
    pub mnp: (Ipv6Addr, u8),
    pub mr_coa: Ipv6Addr,
    pub vcoa: Ipv6Addr,
    pub mr_coa2: Ipv6Addr,
    pub vcoa2: Ipv6Addr,
    pub cn: Ipv6Addr,
    /// The correspondent's and the mobile router's secrets; drawn from `seed` when `None`.
    pub kcn: Option<[u8; 20]>,
    pub kmr: Option<[u8; 20]>,
    /// Requested lifetime in 4-second units (default 105: RFC 6275's MAX_RR_BINDING_LIFETIME).
    pub lifetime: u16,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        let a = |net: u16, sub: u16, host: u16| Ipv6Addr::new(0x2001, 0xdb8, net, sub, 0, 0, 0, host);
        Params {
            vmn_hoa: a(1, 0, 0x100),
            vmn_ha: a(1, 0, 1),
            vmn_coa: a(7, 1, 0x100),
            mr: a(7, 1, 1),
            mr_hoa: a(6, 0, 0x100),
            mr_ha: a(6, 0, 1),
            mnp: (a(7, 0, 0), 48),
            mr_coa: a(8, 0, 1),
            vcoa: a(8, 0, 2),
            mr_coa2: a(9, 0, 1),
            vcoa2: a(9, 0, 2),
            cn: a(5, 0, 1),
            kcn: None,
            kmr: None,
            lifetime: 105,
            common: Default::default(),
        }
    }
}

impl super::Params for Params {
    fn set(&mut self, kv: &str) -> Result<(), String> {
        let (k, v) = super::param(kv)?;
        let addr = |v: &str| super::parse::<Ipv6Addr>(k, v);
        match k {
            "vmn-hoa" => self.vmn_hoa = addr(v)?,
            "vmn-ha" => self.vmn_ha = addr(v)?,
            "vmn-coa" => self.vmn_coa = addr(v)?,
            "mr" => self.mr = addr(v)?,
            "mr-hoa" => self.mr_hoa = addr(v)?,
            "mr-ha" => self.mr_ha = addr(v)?,
            "mnp" => {
                let (a, n) = v.split_once('/').ok_or_else(|| format!("{k}={v}: not PREFIX/LENGTH"))?;
                let n: u8 = super::parse(k, n)?;
                if !(1..=128).contains(&n) {
                    return Err(format!("{k}={v}: the length is 1 to 128"));
                }
                self.mnp = (addr(a)?, n);
            }
            "mr-coa" => self.mr_coa = addr(v)?,
            "vcoa" => self.vcoa = addr(v)?,
            "mr-coa2" => self.mr_coa2 = addr(v)?,
            "vcoa2" => self.vcoa2 = addr(v)?,
            "cn" => self.cn = addr(v)?,
            "kcn" => self.kcn = Some(super::kcn(k, v)?),
            "kmr" => self.kmr = Some(super::kcn(k, v)?),
            "lifetime" => self.lifetime = super::parse(k, v)?,
            _ => self.common.set(k, v)?,
        }
        Ok(())
    }
}

/// Packets in one round.
pub const ROUND: usize = 33;

/// RFC 6275 §12: MAX_RR_BINDING_LIFETIME, in 4-second units.
const MAX_RR_LIFETIME: u16 = 420 / 4;

/// The BIDs the VMN gives its care-of address in the mobile network and the VCoA.
const BID_COA: u16 = 1;
const BID_VCOA: u16 = 2;

/// The UDP ports of the data (an application's choice).
const DATA_PORT: u16 = 5001;

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
    let mut st = State {
        cn: Correspondent::new(p.kcn, &mut rng),
        mr: Correspondent::new(p.kmr, &mut rng),
        seq_mr: (rng.next_u32() & 0x0fff) as u16,
        seq: [(rng.next_u32() & 0x0fff) as u16, (rng.next_u32() & 0x0fff) as u16, (rng.next_u32() & 0x0fff) as u16],
        rng,
        data: 0,
    };
    let mut s = Script::new(&p.common);
    while !steps.full() {
        round(p, &mut st, &mut s, prefs)?;
        s.flush(steps);
    }
    Ok(())
}

/// What persists across rounds.
struct State {
    cn: Correspondent,
    mr: Correspondent,
    /// The MR's last sequence number to its home agent.
    seq_mr: u16,
    /// The VMN's last sequence numbers to its home agent, the MR and the correspondent.
    seq: [u16; 3],
    rng: XorShiftRng,
    /// Data packets sent so far (numbers their payload).
    data: u32,
}

const TO_HA: usize = 0;
const TO_MR: usize = 1;
const TO_CN: usize = 2;

impl State {
    fn next(&mut self, peer: usize) -> u16 {
        self.seq[peer] = self.seq[peer].wrapping_add(1);
        self.seq[peer]
    }
}

fn acoa(a: Ipv6Addr) -> MhOption {
    MhOption::Base(BaseOpt::AltCoa(AltCoa { address: Ip6(a.octets()) }))
}

fn accepted(seq: u16, lifetime: u16, flags: u8, options: Vec<MhOption>) -> dissect::mh::MhRepr {
    exchange::with_options(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(flags), seq, lifetime }, options)
}

/// RFC 3963 §6.1: the MR's home registration from `coa` with its prefix (R flag).
fn mr_registration(s: &mut Script, p: &Params, st: &mut State, coa: Ipv6Addr) {
    st.seq_mr = st.seq_mr.wrapping_add(1);
    let (prefix, len) = p.mnp;
    let mnp = MhOption::Base(BaseOpt::Mnp(Mnp { reserved: 0, prefix_len: len, prefix: Ip6(prefix.octets()) }));
    let flags = BuFlags(BuFlags::A | BuFlags::H | BuFlags::R);
    let bu = exchange::with_options(Bu { seq: st.seq_mr, flags, lifetime: p.lifetime }, vec![mnp, acoa(coa)]);
    let asked = s.send(Role::MobileRouter, Role::MobileRouterHa, Ipv6Packet::new(coa, p.mr_ha).home_address(p.mr_hoa).mh(bu));
    let ba = accepted(st.seq_mr, p.lifetime, BaFlags::R, Vec::new());
    s.answer(asked, Ipv6Packet::new(p.mr_ha, coa).type2(p.mr_hoa).mh(ba));
}

/// The VMN's home registration of `coa` under `bid` (seed 002 §5.3, RFC 6275 §11.7.1).
fn vmn_home_registration(s: &mut Script, p: &Params, st: &mut State, coa: Ipv6Addr, bid: u16, prefs: &Prefs) {
    let seq = st.next(TO_HA);
    let bid = exchange::bid_option(Bid { id: bid, ..Bid::default() }, prefs);
    let bu = exchange::with_options(
        Bu { seq, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: p.lifetime },
        vec![bid.clone(), acoa(coa)],
    );
    let asked = s.send(Role::MobileNode, Role::HomeAgent, Ipv6Packet::new(coa, p.vmn_ha).home_address(p.vmn_hoa).mh(bu));
    s.answer(asked, Ipv6Packet::new(p.vmn_ha, coa).type2(p.vmn_hoa).mh(accepted(seq, p.lifetime, 0, vec![bid])));
}

/// The Route Optimization Request (answering `brr` when the MR asked for it) and the
/// Acknowledgement granting `vcoa`, both authorized with the MR's tokens.
#[allow(clippy::too_many_arguments)]
fn ro_request(
    s: &mut Script,
    p: &Params,
    st: &mut State,
    brr: Option<usize>,
    (home, care_of): (Keygen, Keygen),
    vcoa: Ipv6Addr,
    prefs: &Prefs,
) -> Result<(), SealError> {
    let kbm = rr::kbm(KbmInput::Both { home: home.token, care_of: care_of.token });
    let seq = st.next(TO_MR);
    let bu = exchange::with_options(
        Bu { seq, flags: BuFlags(BuFlags::A), lifetime: p.lifetime },
        exchange::authorized(Vec::new(), home.index, care_of.index),
    );
    let frame = exchange::sealed(Ipv6Packet::new(p.vmn_coa, p.mr).home_address(p.vmn_hoa).mh(bu), &kbm, prefs)?;
    let asked = match brr {
        Some(b) => s.answer(b, frame),
        None => s.send(Role::MobileNode, Role::MobileRouter, frame),
    };
    let granted = p.lifetime.min(MAX_RR_LIFETIME);
    let ba = accepted(seq, granted, 0, exchange::authenticated(vec![acoa(vcoa)]));
    s.answer(asked, exchange::sealed(Ipv6Packet::new(p.mr, p.vmn_coa).type2(p.vmn_hoa).mh(ba), &kbm, prefs)?);
    Ok(())
}

/// A care-of test from `vcoa` through the MR (§4.2) and the registration of `vcoa` with the
/// correspondent under the VCoA's BID.
fn cn_registration(
    s: &mut Script,
    p: &Params,
    st: &mut State,
    home: Keygen,
    vcoa: Ipv6Addr,
    prefs: &Prefs,
) -> Result<(), SealError> {
    // Seed 002 §5.2: a node managing bindings with BIDs sends its BID in the CoTI, and the
    // correspondent's CoT copies it.
    let bid = exchange::bid_option(Bid { id: BID_VCOA, ..Bid::default() }, prefs);
    let how = CareOfTest { coti_options: vec![bid.clone()], cot_options: vec![bid.clone()], home: Some(p.vmn_hoa) };
    let care_of =
        exchange::care_of_test(s, &mut st.rng, &mut st.cn, (Role::MobileNode, Role::CorrespondentNode), (vcoa, p.cn), how);
    let kbm = rr::kbm(KbmInput::Both { home: home.token, care_of: care_of.token });
    let seq = st.next(TO_CN);
    let bu = exchange::with_options(
        Bu { seq, flags: BuFlags(BuFlags::A), lifetime: p.lifetime },
        exchange::authorized(vec![bid.clone()], home.index, care_of.index),
    );
    let asked = s.send(
        Role::MobileNode,
        Role::CorrespondentNode,
        exchange::sealed(Ipv6Packet::new(vcoa, p.cn).home_address(p.vmn_hoa).mh(bu), &kbm, prefs)?,
    );
    let granted = p.lifetime.min(MAX_RR_LIFETIME);
    let ba = accepted(seq, granted, 0, exchange::authenticated(vec![bid]));
    s.answer(asked, exchange::sealed(Ipv6Packet::new(p.cn, vcoa).type2(p.vmn_hoa).mh(ba), &kbm, prefs)?);
    Ok(())
}

/// The layers of `inner` above its link layer: what a tunnel carries.
fn tunnelled(inner: FrameRepr) -> Vec<Layer> {
    inner.layers.into_iter().skip(1).collect()
}

/// §5.4.1: the correspondent's packet to the VCoA, the MR's copy tunnelled to the VMN, the
/// VMN's answer tunnelled to the MR and the MR's copy sent on to the correspondent.
fn data(s: &mut Script, p: &Params, st: &mut State) {
    let udp = || Layer::Udp(Udp { src_port: DATA_PORT, dst_port: DATA_PORT, length: Auto::Computed, checksum: Auto::Computed });
    let mut payload = |what: &str| {
        st.data += 1;
        Layer::Data(format!("mipscope nemo-vmn-ro data {} {what}", st.data).into_bytes())
    };
    let to_vmn = || Ipv6Packet::new(p.cn, p.vcoa).type2(p.vmn_hoa);
    let down = payload("CN to VMN");
    s.send(Role::CorrespondentNode, Role::MobileRouter, to_vmn().carrying([udp(), down.clone()]));
    let inner = tunnelled(to_vmn().carrying([udp(), down]));
    s.follow(Role::MobileRouter, Role::MobileNode, Ipv6Packet::new(p.mr, p.vmn_coa).carrying(inner));
    let from_vmn = || Ipv6Packet::new(p.vcoa, p.cn).home_address(p.vmn_hoa);
    let up = payload("VMN to CN");
    let inner = tunnelled(from_vmn().carrying([udp(), up.clone()]));
    s.send(Role::MobileNode, Role::MobileRouter, Ipv6Packet::new(p.vmn_coa, p.mr).carrying(inner));
    s.follow(Role::MobileRouter, Role::CorrespondentNode, from_vmn().carrying([udp(), up]));
}

fn round(p: &Params, st: &mut State, s: &mut Script, prefs: &Prefs) -> Result<(), SealError> {
    let (vmn, mr, cn) = (Role::MobileNode, Role::MobileRouter, Role::CorrespondentNode);
    // 1-2: the MR at home with its MR and the VMN's first binding.
    mr_registration(s, p, st, p.mr_coa);
    vmn_home_registration(s, p, st, p.vmn_coa, BID_COA, prefs);
    // 3-4: return routability with the MR, then the RO Request for a VCoA.
    let home_mr = exchange::home_test(s, &mut st.rng, &mut st.mr, (vmn, mr), p.vmn_hoa, p.mr);
    // §4.2: the CoTI carries the VMN's Home Address option and the CoT a type 2 routing header.
    let how = CareOfTest { coti_options: Vec::new(), cot_options: Vec::new(), home: Some(p.vmn_hoa) };
    let coa_mr = exchange::care_of_test(s, &mut st.rng, &mut st.mr, (vmn, mr), (p.vmn_coa, p.mr), how);
    ro_request(s, p, st, None, (home_mr, coa_mr), p.vcoa, prefs)?;
    // 5: the VCoA registered with the home agent and the correspondent.
    vmn_home_registration(s, p, st, p.vcoa, BID_VCOA, prefs);
    let home_cn = exchange::home_test(s, &mut st.rng, &mut st.cn, (vmn, cn), p.vmn_hoa, p.cn);
    cn_registration(s, p, st, home_cn, p.vcoa, prefs)?;
    // 6: data both ways through the MR.
    data(s, p, st);
    // 7: the MR moves; its BRR hands out the new VCoA, which the VMN asks for and registers.
    mr_registration(s, p, st, p.mr_coa2);
    let brr = exchange::with_options(Brr { flags: BrrFlags(BrrFlags::M | BrrFlags::H) }, vec![acoa(p.vcoa2)]);
    // No type 2 routing header: RFC 6275 §6.1 allows one with a Mobility Header only on a BA.
    let brr = s.send(mr, vmn, Ipv6Packet::new(p.mr, p.vmn_coa).mh(brr));
    ro_request(s, p, st, Some(brr), (home_mr, coa_mr), p.vcoa2, prefs)?;
    vmn_home_registration(s, p, st, p.vcoa2, BID_VCOA, prefs);
    cn_registration(s, p, st, home_cn, p.vcoa2, prefs)?;
    Ok(())
}
