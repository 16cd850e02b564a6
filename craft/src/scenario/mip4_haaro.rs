//! `mip4-haaro`: seed 003 (draft-makela-mip4-nemo-haaro-00, which became RFC 6521) — Home
//! Agent assisted route optimisation between two Mobile IPv4 mobile routers, in the layouts of
//! the profile (`rfc`: RFC 6521 §5's numbers and layouts; `draft`: the draft's, `profiles.md`):
//!
//! 1. the mobile router registers with its home agent (RFC 5944 Registration Request with the
//!    NEMO Mobile Network Request and the Mobile Router RO Capability extension, A and R set,
//!    §4.2 / RFC 6521 §5.1), MN-HA authenticated (HMAC-MD5);
//! 2. the home agent's reply acknowledges the network and advertises the correspondent router's
//!    prefix (§3.1.1, §4.1; RFC 6521's RO Reply §5.2 and long-form Prefix Advertisement §5.5);
//! 3. Mobile IPv4 return routability with the correspondent router (§3.2, §4.3–§4.6): HoTI from
//!    the home address (seen inside the home agent's tunnel), CoTI from the care-of address, HoT
//!    and CoT with keygen tokens;
//! 4. the inter-router registration (§3.3.3) from the care-of address to the correspondent's
//!    home address, with the Mobile Network Request and the Mobile-Correspondent authentication
//!    extension (§4.7: HMAC_SHA1(Krm, protected data), Krm = SHA1(home token | care-of token);
//!    RFC 6521 §5.3 sends First(128, ...), every octet before the value protected in both
//!    layouts), and the reply with the Care-of Address extension
//!    naming the correspondent's tunnel end (§4.8, RFC 6521 §5.4);
//! 5. tear-down (§3.3.6): the same registration with lifetime 0, and its reply.
//!
//! The draft leaves the token derivation open ("generated from cookie + nonce", `reference.md`
//! §5.5); the correspondent here derives them as RFC 6275 §5.2.5 does, from its 96-bit Kcr:
//! First(64, HMAC_SHA1(Kcr, address | nonce | 0 or 1)). Ten packets per round; `count` repeats
//! rounds with fresh cookies, nonces and Identifications (NTP time of the request, RFC 5944 §5.7).

use super::{Role, Step, Steps};
use dissect::crypto::{haaro, hmac_sha1, mip4 as mip4_auth};
use dissect::ipv4::{Ipv4, Ipv4Header, Udp};
use dissect::link::{linktype, Ethernet, Link};
use dissect::mip4::ext::{ExtType, MneCode, MneSubType};
use dissect::mip4::haaro::{RoInfoFlags, RoReplyCode, RoSubType, RocapFlags};
use dissect::mip4::msg::{Mip4Msg, RegFlags, ReplyCode};
use dissect::mip4::MsgType;
use dissect::model::Auto;
use dissect::prefs::{Prefs, Profile};
use dissect::stack::{FrameRepr, Layer};
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::Ipv4Addr;

/// The scenario's parameters; [`Params::default`] documents the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// The mobile router's home address (default 198.51.100.10) and care-of address (default
    /// 192.0.2.20).
    pub mr_hoa: Ipv4Addr,
    pub mr_coa: Ipv4Addr,
    /// The mobile router's network, /prefix_len (default 203.0.113.0/25).
    pub mr_net: Ipv4Addr,
    /// The home agent (default 198.51.100.1).
    pub ha: Ipv4Addr,
    /// The correspondent router's home address (default 198.51.100.20), care-of address
    /// (default 192.0.2.40) and network (default 203.0.113.128/25).
    pub cr_hoa: Ipv4Addr,
    pub cr_coa: Ipv4Addr,
    pub cr_net: Ipv4Addr,
    /// Prefix length of both networks (default 25).
    pub prefix_len: u8,
    /// The MN-HA key (default 16 octets of 0x0b) and its SPI (default 256).
    pub mn_ha_key: Vec<u8>,
    pub spi: u32,
    /// The correspondent router's 96-bit Kcr (§3.2.1); drawn from `seed` when `None`.
    pub kcr: Option<[u8; 12]>,
    /// Requested and granted lifetime, seconds (default 1800).
    pub lifetime: u16,
    /// The seed and the timing (defaults: [`super::Common`]).
    pub common: super::Common,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            mr_hoa: Ipv4Addr::new(198, 51, 100, 10),
            mr_coa: Ipv4Addr::new(192, 0, 2, 20),
            mr_net: Ipv4Addr::new(203, 0, 113, 0),
            ha: Ipv4Addr::new(198, 51, 100, 1),
            cr_hoa: Ipv4Addr::new(198, 51, 100, 20),
            cr_coa: Ipv4Addr::new(192, 0, 2, 40),
            cr_net: Ipv4Addr::new(203, 0, 113, 128),
            prefix_len: 25,
            mn_ha_key: vec![0x0b; 16],
            spi: 256,
            kcr: None,
            lifetime: 1800,
            common: Default::default(),
        }
    }
}

impl super::Params for Params {
    fn set(&mut self, kv: &str) -> Result<(), String> {
        let (k, v) = super::param(kv)?;
        match k {
            "mr-hoa" => self.mr_hoa = super::parse(k, v)?,
            "mr-coa" => self.mr_coa = super::parse(k, v)?,
            "mr-net" => self.mr_net = super::parse(k, v)?,
            "ha" => self.ha = super::parse(k, v)?,
            "cr-hoa" => self.cr_hoa = super::parse(k, v)?,
            "cr-coa" => self.cr_coa = super::parse(k, v)?,
            "cr-net" => self.cr_net = super::parse(k, v)?,
            "prefix-len" => {
                let n: u8 = super::parse(k, v)?;
                if n > 31 {
                    return Err(format!("{k}={v}: 0 to 31 (the draft's PLen is 5 bits)"));
                }
                self.prefix_len = n;
            }
            "mn-ha-key" => self.mn_ha_key = crate::edit::hex_bytes(v).ok_or_else(|| format!("{k}={v}: not hex"))?,
            "spi" => self.spi = super::parse(k, v)?,
            "kcr" => {
                let key = crate::edit::hex_bytes(v).and_then(|b| <[u8; 12]>::try_from(b).ok());
                self.kcr = Some(key.ok_or_else(|| format!("{k}={v}: Kcr is 12 octets (24 hex digits)"))?);
            }
            "lifetime" => self.lifetime = super::parse(k, v)?,
            _ => self.common.set(k, v)?,
        }
        Ok(())
    }
}

/// Packets in one round.
pub const ROUND: usize = 10;

/// RFC 5944 and RFC 5177 extension numbers.
const MN_HA_AUTH: u8 = ExtType::MobileHomeAuthentication.value();
const MOBILE_NETWORK: u8 = ExtType::MobileNetworkExtension.value();
/// RFC 6521's Route Optimization Extensions ([`RoSubType`]: RO Reply, MC auth, Care-of Address).
const RO_EXT: u8 = ExtType::RouteOptimizationExtensions.value();
/// Seconds between 1900 (NTP) and 1970.
const NTP_UNIX: u64 = 2_208_988_800;

/// Builds `count` packets under `prefs` (its profile picks the layouts and numbers).
pub fn build(p: &Params, count: usize, prefs: &Prefs) -> Result<Vec<Step>, String> {
    Ok(make(p, Steps::keep(count), prefs)?.into_vec())
}

/// Hands `count` packets to `sink` a round at a time (the same packets [`build`] gives).
pub fn stream(p: &Params, count: usize, prefs: &Prefs, sink: &mut dyn FnMut(Step) -> Result<(), String>) -> Result<(), String> {
    let steps = make(p, Steps::stream(count, sink), prefs)?;
    steps.error.map_or(Ok(()), Err)
}

fn make<'a, 's>(p: &'a Params, steps: Steps<'s>, prefs: &'a Prefs) -> Result<Steps<'s>, String> {
    let mut rng = XorShiftRng::seed_from_u64(p.common.seed);
    let kcr = p.kcr.unwrap_or_else(|| {
        let mut k = [0; 12];
        rng.fill_bytes(&mut k);
        k
    });
    let mut s = State { p, prefs, kcr, next_index: (rng.next_u32() & 0xff) as u16, rng, t: p.common.start_ns, steps };
    while !s.steps.full() {
        s.round()?;
        s.steps.round_done();
    }
    Ok(s.steps)
}

struct State<'a, 's> {
    p: &'a Params,
    prefs: &'a Prefs,
    kcr: [u8; 12],
    next_index: u16,
    rng: XorShiftRng,
    t: u64,
    steps: Steps<'s>,
}

fn ext(t: u8, data: &[u8]) -> Vec<u8> {
    let mut e = vec![t, data.len() as u8];
    e.extend_from_slice(data);
    e
}

impl State<'_, '_> {
    fn draft(&self) -> bool {
        self.prefs.profile == Profile::Draft
    }

    fn push(&mut self, from: Role, to: Role, answers: Option<usize>, frame: FrameRepr) -> usize {
        if !self.steps.is_empty() {
            self.t += if answers.is_some() { self.p.common.rtt_ns } else { self.p.common.gap_ns };
        }
        self.steps.push(Step { from, to, at_ns: self.t, answers, frame })
    }

    /// An IPv4/UDP 434 frame carrying `payload`, read back as the dissector reads it.
    fn frame(&self, src: Ipv4Addr, dst: Ipv4Addr, payload: &[u8]) -> Result<FrameRepr, String> {
        let msg = match Mip4Msg::parse(payload, self.prefs) {
            Ok((m, n)) if n == payload.len() => m.to_owned(),
            _ => return Err("a Mobile IPv4 message the dissector does not read whole".into()),
        };
        let eth = Ethernet {
            dst: crate::packet::DST_MAC,
            src: crate::packet::SRC_MAC,
            tags: Default::default(),
            ethertype: Auto::Computed,
        };
        let layers = vec![
            Layer::Link(Link::Ethernet(eth)),
            Layer::Ipv4(Ipv4 {
                header: Ipv4Header::new(src.octets(), dst.octets()),
                options: Default::default(),
                trailer: Vec::new(),
            }),
            Layer::Udp(Udp {
                src_port: dissect::mip4::UDP_PORT,
                dst_port: dissect::mip4::UDP_PORT,
                length: Auto::Computed,
                checksum: Auto::Computed,
            }),
            Layer::Mip4(msg),
        ];
        Ok(FrameRepr { linktype: linktype::ETHERNET, layers })
    }

    /// The Identification of a request sent now: NTP seconds and a fraction (RFC 5944 §5.7).
    fn ident(&self) -> u64 {
        let secs = self.t / 1_000_000_000 + NTP_UNIX;
        let frac = ((self.t % 1_000_000_000) << 32) / 1_000_000_000;
        (secs << 32) | frac
    }

    fn nonce(&mut self) -> (u16, [u8; 8]) {
        let i = self.next_index;
        self.next_index = self.next_index.wrapping_add(1);
        (i, self.rng.next_u64().to_be_bytes())
    }

    /// First(64, HMAC_SHA1(Kcr, address | nonce | id)).
    fn token(&self, addr: Ipv4Addr, nonce: &[u8; 8], id: u8) -> [u8; 8] {
        let mac = hmac_sha1(&self.kcr, &[&addr.octets(), nonce, &[id]]);
        let mut t = [0; 8];
        t.copy_from_slice(&mac[..8]);
        t
    }

    /// The Mobile Network Request (RFC 5177 §3.1: sub-type 0, prefix length, prefix).
    fn mnp_request(&self) -> Vec<u8> {
        let mut d = vec![MneSubType::Request.value(), self.p.prefix_len];
        d.extend_from_slice(&self.p.mr_net.octets());
        ext(MOBILE_NETWORK, &d)
    }

    /// Appends the MN-HA authentication extension, HMAC-MD5 over everything before its value.
    fn mn_ha(&self, mut payload: Vec<u8>) -> Result<Vec<u8>, String> {
        payload.extend_from_slice(&[MN_HA_AUTH, 20]);
        payload.extend_from_slice(&self.p.spi.to_be_bytes());
        let at = payload.len();
        let a = mip4_auth::authenticator(mip4_auth::Algorithm::HmacMd5, &self.p.mn_ha_key, &payload, at)
            .ok_or("MN-HA authenticator")?;
        payload.extend_from_slice(&a);
        Ok(payload)
    }

    /// Appends the Mobile-Correspondent authentication extension keyed with `krm`.
    fn mc_auth(&self, mut payload: Vec<u8>, hni: u16, cni: u16, krm: &haaro::Krm) -> Result<Vec<u8>, String> {
        let (head, len): (Vec<u8>, usize) = if self.draft() {
            (vec![self.prefs.haaro_ext_mcauth, 24], 20)
        } else {
            (vec![RO_EXT, 22, RoSubType::McAuth.value(), 0], 16)
        };
        payload.extend_from_slice(&head);
        payload.extend_from_slice(&hni.to_be_bytes());
        payload.extend_from_slice(&cni.to_be_bytes());
        let at = payload.len();
        let a = haaro::authenticator(krm, &payload, at).ok_or("MC authenticator")?;
        payload.extend_from_slice(&a[..len]);
        Ok(payload)
    }

    fn request(&self, lifetime: u16, ha: Ipv4Addr) -> Vec<u8> {
        // RFC 5944 §3.3: Type 1, flags (D: the router decapsulates at its co-located care-of
        // address, it registers from that address with no foreign agent; T: reverse
        // tunnelling), lifetime, HoA, HA, CoA, Identification.
        let mut m = vec![MsgType::RegistrationRequest.value(), RegFlags::D | RegFlags::T];
        m.extend_from_slice(&lifetime.to_be_bytes());
        for a in [self.p.mr_hoa, ha, self.p.mr_coa] {
            m.extend_from_slice(&a.octets());
        }
        m.extend_from_slice(&self.ident().to_be_bytes());
        m
    }

    fn reply(&self, lifetime: u16, ha: Ipv4Addr, ident: u64) -> Vec<u8> {
        let mut m = vec![MsgType::RegistrationReply.value(), ReplyCode::RegistrationAccepted.value()];
        m.extend_from_slice(&lifetime.to_be_bytes());
        for a in [self.p.mr_hoa, ha] {
            m.extend_from_slice(&a.octets());
        }
        m.extend_from_slice(&ident.to_be_bytes());
        m
    }

    fn round(&mut self) -> Result<(), String> {
        let p = self.p;
        let (mr, cr, ha) = (Role::MobileRouter, Role::CorrespondentRouter, Role::HomeAgent);
        let rocap_sub = self.prefs.haaro_ext_rocap_subtype;

        // 1-2: registration with the home agent, RO capability A R; the reply advertises the
        // correspondent router's network.
        let ident = self.ident();
        let mut m = self.request(p.lifetime, p.ha);
        m.extend(self.mnp_request());
        m.extend(ext(self.prefs.haaro_ext_rocap, &[rocap_sub, RocapFlags::A | RocapFlags::R]));
        let m = self.mn_ha(m)?;
        let f = self.frame(p.mr_coa, p.ha, &m)?;
        let asked = self.push(mr, ha, None, f);
        let mut m = self.reply(p.lifetime, p.ha, ident);
        // RFC 5177 §3.2 explicit acknowledgement: sub-type 1, status 0, prefix length, prefix.
        let mut ack = vec![MneSubType::ExplicitAck.value(), MneCode::Success.value(), p.prefix_len, 0];
        ack.extend_from_slice(&p.mr_net.octets());
        m.extend(ext(MOBILE_NETWORK, &ack));
        if self.draft() {
            // §4.1: Sub-Type, x O H PLen, the router's HoA, its prefix.
            let mut d = vec![self.prefs.haaro_ext_ropa_subtype, p.prefix_len & 0x1f];
            d.extend_from_slice(&p.cr_hoa.octets());
            d.extend_from_slice(&p.cr_net.octets());
            m.extend(ext(self.prefs.haaro_ext_ropa, &d));
        } else {
            // RFC 6521 §5.2 RO Reply (no flag: N would say a NAT is in front of the router, and
            // there is none, its requests come from its care-of address; code 0) and §5.5 Prefix Advertisement, long form: the router (M = 1), then its prefix
            // (M = 0, PLen, the prefix's octets, an empty realm).
            m.extend(ext(RO_EXT, &[RoSubType::Reply.value(), RoReplyCode::WillDo.value()]));
            let mut pa = vec![RoInfoFlags::M];
            pa.extend_from_slice(&p.cr_hoa.octets());
            pa.push(p.prefix_len & 0x3f);
            pa.extend_from_slice(&p.cr_net.octets()[..usize::from(p.prefix_len).div_ceil(8)]);
            pa.push(0);
            m.extend([self.prefs.haaro_ext_ropa, self.prefs.haaro_ext_ropa_subtype]);
            m.extend((pa.len() as u16).to_be_bytes());
            m.extend(pa);
        }
        let m = self.mn_ha(m)?;
        let f = self.frame(p.ha, p.mr_coa, &m)?;
        self.push(ha, mr, Some(asked), f);

        // 3: return routability with the correspondent router.
        let (hcookie, ccookie) = (self.rng.next_u64(), self.rng.next_u64());
        let init = |ty: u8, cookie: u64, draft: bool| {
            let mut m = if draft { vec![ty, 10, 0, 0] } else { vec![ty, 0] };
            m.extend_from_slice(&cookie.to_be_bytes());
            m
        };
        let draft = self.draft();
        let f = self.frame(p.mr_hoa, p.cr_hoa, &init(self.prefs.haaro_msg_hoti, hcookie, draft))?;
        let hoti = self.push(mr, cr, None, f);
        let f = self.frame(p.mr_coa, p.cr_hoa, &init(self.prefs.haaro_msg_coti, ccookie, draft))?;
        let coti = self.push(mr, cr, None, f);
        let (hni, hnonce) = self.nonce();
        let (cni, cnonce) = self.nonce();
        let (home, care_of) = (self.token(p.mr_hoa, &hnonce, 0), self.token(p.mr_coa, &cnonce, 1));
        let test = |ty: u8, index: u16, cookie: u64, token: &[u8; 8]| {
            let mut m = if draft { vec![ty, 18] } else { vec![ty, 0] };
            m.extend_from_slice(&index.to_be_bytes());
            m.extend_from_slice(&cookie.to_be_bytes());
            m.extend_from_slice(token);
            m
        };
        let f = self.frame(p.cr_hoa, p.mr_hoa, &test(self.prefs.haaro_msg_hot, hni, hcookie, &home))?;
        self.push(cr, mr, Some(hoti), f);
        let f = self.frame(p.cr_hoa, p.mr_coa, &test(self.prefs.haaro_msg_cot, cni, ccookie, &care_of))?;
        self.push(cr, mr, Some(coti), f);

        // 4-5: registration with the correspondent router, then tear-down.
        let krm = haaro::krm(&home, &care_of);
        for lifetime in [p.lifetime, 0] {
            let ident = self.ident();
            let mut m = self.request(lifetime, p.cr_hoa);
            m.extend(self.mnp_request());
            let m = self.mc_auth(m, hni, cni, &krm)?;
            let f = self.frame(p.mr_coa, p.cr_hoa, &m)?;
            let asked = self.push(mr, cr, None, f);
            let mut m = self.reply(lifetime, p.cr_hoa, ident);
            if lifetime != 0 {
                if draft {
                    let mut d = vec![0, 0];
                    d.extend_from_slice(&p.cr_coa.octets());
                    m.extend(ext(self.prefs.haaro_ext_coa, &d));
                } else {
                    let mut d = vec![RoSubType::Coa.value(), 0];
                    d.extend_from_slice(&p.cr_coa.octets());
                    m.extend(ext(RO_EXT, &d));
                }
            }
            let f = self.frame(p.cr_hoa, p.mr_coa, &m)?;
            self.push(cr, mr, Some(asked), f);
        }
        Ok(())
    }
}
