//! Runtime LMA assignment (RFC 6463 §6): Redirect-Capability (46), Redirect (47), Load
//! Information (48) and Alternate IPv4 Care-of Address (49).

use super::owned::Fixed as _;
use super::Len::{Fixed, OneOf};
use super::OptType;
use super::{Body, OptCtx, OptError, OptSummary};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::{Ip4, Ip6};

// Presence fields (the option subtrees).
pub static P_RECAP: FieldDef = FieldDef::new("mip6.options.recap", "MIPv6 Option - Redirect-Capability", Kind::Protocol);
pub static P_REDIR: FieldDef = FieldDef::new("mip6.options.redir", "MIPv6 Option - Redirect", Kind::Protocol);
pub static P_LOAD_INF: FieldDef = FieldDef::new("mip6.options.load_inf", "MIPv6 Option - Load Information", Kind::Protocol);
pub static P_ALT_IP4: FieldDef = FieldDef::new("mip6.options.alt_ip4", "MIPv6 Option - Alternate IPv4", Kind::Protocol);

crate::mh::fields! {
    // 46–49 (RFC 6463 §6.1–6.4)
    pub static RECAP_RESERVED: FieldDef = FieldDef::new("mip6.recap.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static REDIR_K: FieldDef = FieldDef::new("mip6.redir.k", "K", Kind::Bool(2)).mask(RedirFlags::K as u64);
    pub static REDIR_N: FieldDef = FieldDef::new("mip6.redir.n", "N", Kind::Bool(2)).mask(RedirFlags::N as u64);
    pub static REDIR_RESERVED: FieldDef =
        FieldDef::new("mip6.redir.reserved", "Reserved", Kind::Uint(2)).hex().mask(RedirFlags::RESERVED as u64);
    pub static REDIR_IPV6: FieldDef = FieldDef::new("mip6.redir.addr_r2lma_ipv6", "IPv6 r2LMA Address", Kind::Ipv6);
    pub static REDIR_IPV4: FieldDef = FieldDef::new("mip6.redir.addr_r2lma_ipv4", "IPv4 r2LMA Address", Kind::Ipv4);
    pub static LOAD_PRIORITY: FieldDef = FieldDef::new("mip6.load_inf.priority", "Priority", Kind::Uint(2));
    pub static LOAD_SIU: FieldDef = FieldDef::new("mip6.load_inf.sessions_in_use", "Sessions in Use", Kind::Uint(4));
    pub static LOAD_MAXS: FieldDef = FieldDef::new("mip6.load_inf.maximum_sessions", "Maximum Sessions", Kind::Uint(4));
    pub static LOAD_UC: FieldDef = FieldDef::new("mip6.load_inf.used_capacity", "Used Capacity", Kind::Uint(4));
    pub static LOAD_MAXC: FieldDef = FieldDef::new("mip6.load_inf.maximum_capacity", "Maximum Capacity", Kind::Uint(4));
    pub static ALT_IP4: FieldDef = FieldDef::new("mip6.alt_ip4", "Alternate IPv4 Care-of Address", Kind::Ipv4);
}

crate::flags! {
    /// RFC 6463 §6.2 Redirect word: K (IPv6 r2LMA address present), N (IPv4), Reserved(14).
    pub struct RedirFlags: u16 { K = 0x8000 => 'K' "IPv6 r2LMA address present", N = 0x4000 => 'N' "IPv4 r2LMA address present" }
}
wire_flags!(RedirFlags: u16);

layout! {
    /// Redirect fixed part (RFC 6463 §6.2): K, N, Reserved.
    pub struct RedirFixed { pub flags: RedirFlags => [&REDIR_K, &REDIR_N, &REDIR_RESERVED] }
}

layout! {
    /// Redirect-Capability data (RFC 6463 §6.1).
    pub struct RedirectCap { pub reserved: u16 => [&RECAP_RESERVED] }
}

layout! {
    /// Load Information data (RFC 6463 §6.3).
    pub struct LoadInfo {
        pub priority: u16 => [&LOAD_PRIORITY],
        pub sessions_in_use: u32 => [&LOAD_SIU],
        pub max_sessions: u32 => [&LOAD_MAXS],
        pub used_capacity: u32 => [&LOAD_UC],
        pub max_capacity: u32 => [&LOAD_MAXC],
    }
}

layout! {
    /// Alternate IPv4 Care-of Address data (RFC 6463 §6.4).
    pub struct AltIpv4CareOf { pub address: Ip4 => [&ALT_IP4] }
}

fn recap(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = RedirectCap::dissect(t, c.off, c.end);
}

fn redir(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(RedirFixed { flags }) = RedirFixed::dissect(t, c.off, c.end) else { return };
    let (k, n) = (flags.has(RedirFlags::K), flags.has(RedirFlags::N));
    let want = 2 + if k { 16 } else { 0 } + if n { 4 } else { 0 };
    if c.end - c.off != want {
        t.expert(
            &expert::OPT_LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!("Redirect length {} but K/N flags need {want}", c.end - c.off)),
        );
    }
    let mut o = c.off + 2;
    if k {
        if let Some(a) = t.rd().array::<16>(o).filter(|_| o + 16 <= c.end) {
            t.add(&REDIR_IPV6, o, 16, Value::Ipv6(a));
            o += 16;
        } else {
            return;
        }
    }
    if n {
        if let Some(a) = t.rd().array::<4>(o).filter(|_| o + 4 <= c.end) {
            t.add(&REDIR_IPV4, o, 4, Value::Ipv4(a));
        }
    }
}

fn load_inf(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = LoadInfo::dissect(t, c.off, c.end);
}

fn alt_ip4(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = AltIpv4CareOf::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

/// Redirect data (RFC 6463 §6.2): the flags, then the r2LMA addresses they announce, then any
/// octets the flags do not account for (`trailer`: a length that disagrees with K and N).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redirect {
    pub fixed: RedirFixed,
    pub ipv6: Option<Ip6>,
    pub ipv4: Option<Ip4>,
    pub trailer: Vec<u8>,
}

impl Body for Redirect {
    fn parse_body(data: &[u8]) -> Option<Self> {
        let fixed = RedirFixed::parse_fixed(data.get(..RedirFixed::LEN)?)?;
        let mut rest = &data[RedirFixed::LEN..];
        let mut ipv6 = None;
        if fixed.flags.has(RedirFlags::K) {
            if let Some((a, r)) = rest.split_first_chunk::<16>() {
                (ipv6, rest) = (Some(Ip6(*a)), r);
            }
        }
        let mut ipv4 = None;
        if fixed.flags.has(RedirFlags::N) && (ipv6.is_some() || !fixed.flags.has(RedirFlags::K)) {
            if let Some((a, r)) = rest.split_first_chunk::<4>() {
                (ipv4, rest) = (Some(Ip4(*a)), r);
            }
        }
        Some(Redirect { fixed, ipv6, ipv4, trailer: rest.to_vec() })
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        self.fixed.emit_fixed(out);
        if let Some(a) = self.ipv6 {
            out.extend_from_slice(&a.0);
        }
        if let Some(a) = self.ipv4 {
            out.extend_from_slice(&a.0);
        }
        out.extend_from_slice(&self.trailer);
        Ok(())
    }
}

options! {
    /// Runtime LMA assignment's options, owned.
    pub enum LraOpt => Lra {
        RedirectCapability(RedirectCap) = OptType::RedirectCapability, "Redirect-Capability", &P_RECAP, Fixed(2), (4, 0), recap;
        Redirect(Redirect) = OptType::Redirect, "Redirect", &P_REDIR, OneOf(&[6, 18]), (4, 0), redir;
        LoadInformation(LoadInfo) = OptType::LoadInformation, "Load Information", &P_LOAD_INF, Fixed(18), (4, 0), load_inf;
        AltIpv4CareOf(AltIpv4CareOf) = OptType::AlternateIpv4CareOfAddress, "Alternate IPv4 Care-of Address", &P_ALT_IP4, Fixed(4), (4, 2), alt_ip4;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
