//! The options of Mobile IPv6 itself (RFC 6275 §6.2.2–6.2.7): Pad1 (0), PadN (1), Binding
//! Refresh Advice (2), Alternate Care-of Address (3), Nonce Indices (4) and Binding Authorization
//! Data (5); and NEMO's Mobile Network Prefix (6, RFC 3963 §4.3).

use super::OptType;
use super::{Empty, Len, OptCtx, OptSummary, NO_ALIGN};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::Ip6;

// Presence fields (the option subtrees).
pub static P_PAD1: FieldDef = FieldDef::new("mip6.options.pad1", "MIPv6 Option - Pad1", Kind::Protocol);
pub static P_PADN: FieldDef = FieldDef::new("mip6.options.padn", "MIPv6 Option - PadN", Kind::Protocol);
pub static P_BRA: FieldDef = FieldDef::new("mip6.options.bra", "MIPv6 Option - Binding Refresh Advice", Kind::Protocol);
pub static P_ACOA: FieldDef = FieldDef::new("mip6.options.acoa", "MIPv6 Option - Alternate Care-of Address", Kind::Protocol);
pub static P_NI: FieldDef = FieldDef::new("mip6.options.ni", "MIPv6 Option - Nonce Indices", Kind::Protocol);
pub static P_BAD: FieldDef = FieldDef::new("mip6.options.bad_auth", "MIPv6 Option - Authorization Data", Kind::Protocol);
pub static P_MNP: FieldDef = FieldDef::new("mip6.options.mnp", "MIPv6 Option - Mobile Network Prefix", Kind::Protocol);

crate::mh::fields! {
    pub static PADN: FieldDef = FieldDef::new("mip6.padn", "PadN", Kind::Bytes);
    pub static BRA_INTERVAL: FieldDef = FieldDef::new("mip6.bra.interval", "Refresh interval", Kind::Uint(2))
        .custom(crate::mh::msg::four_seconds)
        .blurb("Units of 4 seconds");
    pub static ACOA: FieldDef = FieldDef::new("mip6.acoa.acoa", "Alternate care-of address", Kind::Ipv6);
    pub static NI_HNI: FieldDef = FieldDef::new("mip6.ni.hni", "Home nonce index", Kind::Uint(2));
    pub static NI_CNI: FieldDef = FieldDef::new("mip6.ni.cni", "Care-of nonce index", Kind::Uint(2));
    pub static BAD_AUTH: FieldDef = FieldDef::new("mip6.bad.auth", "Authenticator", Kind::Bytes);
    pub static MNP_RESERVED: FieldDef = FieldDef::new("mip6.nemo.mnp.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static MNP_PFL: FieldDef = FieldDef::new("mip6.nemo.mnp.pfl", "Mobile Network Prefix Length", Kind::Uint(1));
    pub static MNP_MNP: FieldDef = FieldDef::new("mip6.nemo.mnp.mnp", "Mobile Network Prefix", Kind::Ipv6);
}

layout! {
    /// Binding Refresh Advice data (RFC 6275 §6.2.4).
    pub struct Bra { pub interval: u16 => [&BRA_INTERVAL] }
}
layout! {
    /// Alternate Care-of Address data (RFC 6275 §6.2.5).
    pub struct AltCoa { pub address: Ip6 => [&ACOA] }
}
layout! {
    /// Nonce Indices data (RFC 6275 §6.2.6).
    pub struct NonceIndices { pub home: u16 => [&NI_HNI], pub careof: u16 => [&NI_CNI] }
}
layout! {
    /// Mobile Network Prefix data (RFC 3963 §4.3).
    pub struct Mnp { pub reserved: u8 => [&MNP_RESERVED], pub prefix_len: u8 => [&MNP_PFL], pub prefix: Ip6 => [&MNP_MNP] }
}

fn pad1(_: &mut Tree<'_>, _: &OptCtx<'_>, _: &mut OptSummary) {}

fn padn(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if c.end > c.off {
        t.add(&PADN, c.off, c.end - c.off, Value::Bytes);
    }
    t.append_with(c.node, |s| {
        s.push_str(" (");
        crate::format::write_dec(s, (c.end - c.off) as u64);
        s.push_str(" bytes)");
    });
}

fn bra(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Bra::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} s", u32::from(v.interval) * 4));
    }
}

fn acoa(t: &mut Tree<'_>, c: &OptCtx<'_>, s: &mut OptSummary) {
    if let Ok(v) = AltCoa::dissect(t, c.off, c.end) {
        t.append_with(c.node, |s| {
            s.push_str(": ");
            crate::format::write_ipv6(s, &v.address.0);
        });
        s.alt_coa = Some(v.address.0);
    }
}

fn ni(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = NonceIndices::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": home {} care-of {}", v.home, v.careof));
    }
}

fn bad(t: &mut Tree<'_>, c: &OptCtx<'_>, s: &mut OptSummary) {
    s.bad_at = Some(c.at);
    if c.end > c.off {
        t.add(&BAD_AUTH, c.off, c.end - c.off, Value::Bytes);
    }
}

fn mnp(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Mnp::dissect(t, c.off, c.end) {
        t.append_with(c.node, |s| {
            s.push_str(": ");
            crate::format::write_ipv6(s, &v.prefix.0);
            s.push('/');
            crate::format::write_dec(s, u64::from(v.prefix_len));
        });
        t.d.facts.prefixes.push((v.prefix.0, v.prefix_len));
        if v.reserved != 0 {
            t.expert(&expert::RESERVED_NONZERO, c.off, 1, Some(format_args!("MNP reserved 0x{:02x}", v.reserved)));
        }
    }
}

options! {
    /// The options of Mobile IPv6 itself and NEMO's Mobile Network Prefix, owned. Pad1 (0) has
    /// no Length octet: the walk handles it before any row is consulted, and this row names it.
    pub enum BaseOpt => Base {
        Pad1(Empty) = OptType::Pad1, "Pad1", &P_PAD1, Len::Fixed(0), NO_ALIGN, pad1;
        /// The padding octets as they were (zero when built).
        PadN(Vec<u8>) = OptType::PadN, "PadN", &P_PADN, Len::Min(0), NO_ALIGN, padn;
        Bra(Bra) = OptType::BindingRefreshAdvice, "Binding Refresh Advice", &P_BRA, Len::Fixed(2), (2, 0), bra;
        AltCoa(AltCoa) = OptType::AlternateCareOfAddress, "Alternate Care-of Address", &P_ACOA, Len::Fixed(16), (8, 6), acoa;
        NonceIndices(NonceIndices) = OptType::NonceIndices, "Nonce Indices", &P_NI, Len::Fixed(4), (2, 0), ni;
        /// The authenticator.
        BindingAuthData(Vec<u8>) = OptType::AuthorizationData, "Binding Authorization Data", &P_BAD, Len::Min(0), (8, 2), bad;
        Mnp(Mnp) = OptType::MobileNetworkPrefix, "Mobile Network Prefix", &P_MNP, Len::Fixed(18), (8, 4), mnp;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
