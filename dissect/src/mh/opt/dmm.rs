//! Network mobility delegation and distributed mobility management: Delegated Mobile Network
//! Prefix (55, RFC 7148 §3.1) and the DMM options of RFC 8885 §4.3–4.8: Anchored Prefix (65),
//! Local Prefix (66), Previous MAAR (67), Serving MAAR (68), DLIF Link-Local Address (69) and DLIF
//! Link-Layer Address (70).

use super::Len::{Fixed, Min, OneOf};
use super::OptType;
use super::{raw, Addr, OptCtx, OptSummary, Tail, NO_ALIGN, OPT_DATA};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::Ip6;

// Presence fields (the option subtrees).
pub static P_DMNP: FieldDef =
    FieldDef::new("mip6.options.dmnp", "MIPv6 Option - Delegated Mobile Network Prefix", Kind::Protocol);
pub static P_ANCHORED: FieldDef = FieldDef::new("mip6.options.anchored_prefix", "MIPv6 Option - Anchored Prefix", Kind::Protocol);
pub static P_LOCAL: FieldDef = FieldDef::new("mip6.options.local_prefix", "MIPv6 Option - Local Prefix", Kind::Protocol);
pub static P_PREV_MAAR: FieldDef = FieldDef::new("mip6.options.prev_maar", "MIPv6 Option - Previous MAAR", Kind::Protocol);
pub static P_SERV_MAAR: FieldDef = FieldDef::new("mip6.options.serv_maar", "MIPv6 Option - Serving MAAR", Kind::Protocol);
pub static P_DLIF_LLA: FieldDef =
    FieldDef::new("mip6.options.dlif_lla", "MIPv6 Option - DLIF Link-Local Address", Kind::Protocol);
pub static P_DLIF_LLAYER: FieldDef =
    FieldDef::new("mip6.options.dlif_llayer", "MIPv6 Option - DLIF Link-Layer Address", Kind::Protocol);

crate::mh::fields! {
    // 55 DMNP (RFC 7148 §3.1)
    pub static DMNP_V: FieldDef = FieldDef::new("mip6.dmnp.v_flag", "IPv4 Prefix (V) flag", Kind::Bool(1))
        .mask(DmnpFlags::V as u64)
        .tfs("IPv4 Prefix", "IPv6 Prefix");
    pub static DMNP_RESERVED: FieldDef =
        FieldDef::new("mip6.dmnp.reserved", "Reserved", Kind::Uint(1)).mask(DmnpFlags::RESERVED as u64);
    pub static DMNP_PLEN: FieldDef = FieldDef::new("mip6.dmnp.prefix_len", "Prefix Length", Kind::Uint(1));
    pub static DMNP_IPV4: FieldDef = FieldDef::new("mip6.dmnp.dmnp_ipv4", "IPv4 Delegated Mobile Network Prefix", Kind::Ipv4);
    pub static DMNP_IPV6: FieldDef = FieldDef::new("mip6.dmnp.dmnp_ipv6", "IPv6 Delegated Mobile Network Prefix", Kind::Ipv6);
    // 65 Anchored Prefix, 66 Local Prefix (RFC 8885 §4.3, §4.4: 8n+4; Reserved(8) Prefix Length(8) prefix(128)),
    // 67 Previous MAAR (§4.5: 8n+4; Reserved(8) Prefix Length(8) P-MAAR address(128) HNP(128)),
    // 68 Serving MAAR (§4.6: 8n+6; S-MAAR address(128)), 69 DLIF Link-Local Address (§4.7: 8n+6;
    // address(128)), 70 DLIF Link-Layer Address (§4.8: no fixed alignment; Reserved(16) address).
    pub static ANCH_RESERVED: FieldDef = FieldDef::new("mip6.anchored_prefix.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static ANCH_PFL: FieldDef = FieldDef::new("mip6.anchored_prefix.pfl", "Prefix Length", Kind::Uint(1));
    pub static ANCH_PREFIX: FieldDef = FieldDef::new("mip6.anchored_prefix.prefix", "Anchored Prefix", Kind::Ipv6);
    pub static LOCAL_RESERVED: FieldDef = FieldDef::new("mip6.local_prefix.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static LOCAL_PFL: FieldDef = FieldDef::new("mip6.local_prefix.pfl", "Prefix Length", Kind::Uint(1));
    pub static LOCAL_PREFIX: FieldDef = FieldDef::new("mip6.local_prefix.prefix", "Local Prefix", Kind::Ipv6);
    pub static PREV_MAAR_RESERVED: FieldDef = FieldDef::new("mip6.prev_maar.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static PREV_MAAR_PFL: FieldDef = FieldDef::new("mip6.prev_maar.pfl", "Prefix Length", Kind::Uint(1));
    pub static PREV_MAAR: FieldDef = FieldDef::new("mip6.prev_maar.addr", "Previous MAAR", Kind::Ipv6);
    pub static PREV_MAAR_HNP: FieldDef = FieldDef::new("mip6.prev_maar.hnp", "Home Network Prefix", Kind::Ipv6);
    pub static SERV_MAAR: FieldDef = FieldDef::new("mip6.serv_maar.addr", "Serving MAAR", Kind::Ipv6);
    pub static DLIF_LLA: FieldDef = FieldDef::new("mip6.dlif_lla.addr", "DLIF Link-Local Address", Kind::Ipv6);
    pub static DLIF_LLAYER_RESERVED: FieldDef = FieldDef::new("mip6.dlif_llayer.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static DLIF_LLAYER: FieldDef = FieldDef::new("mip6.dlif_llayer.lla", "DLIF Link-Layer Address", Kind::Bytes);
}

pub static DMNP_V_MISMATCH: ExpertDef = ExpertDef::new(
    "mip6.dmnp.v_flag.mismatch",
    Group::Protocol,
    Severity::Warn,
    "DMNP V flag disagrees with the prefix carried (RFC 7148 §3.1)",
);

crate::flags! {
    /// RFC 7148 §3.1 DMNP flags octet: V (IPv4 prefix), then 7 reserved bits.
    pub struct DmnpFlags: u8 { V = 0x80 => 'V' "IPv4 prefix" }
}
wire_flags!(DmnpFlags: u8);

layout! {
    /// Delegated Mobile Network Prefix fixed part (RFC 7148 §3.1): V, Reserved, Prefix Length.
    pub struct DmnpFixed { pub flags: DmnpFlags => [&DMNP_V, &DMNP_RESERVED], pub prefix_len: u8 => [&DMNP_PLEN] }
}

layout! {
    /// DLIF Link-Layer Address fixed part (RFC 8885 §4.8): Reserved.
    pub struct DlifLlayerFixed { pub reserved: u16 => [&DLIF_LLAYER_RESERVED] }
}

layout! {
    /// Anchored Prefix data (RFC 8885 §4.3).
    pub struct AnchoredPrefix { pub reserved: u8 => [&ANCH_RESERVED], pub prefix_len: u8 => [&ANCH_PFL], pub prefix: Ip6 => [&ANCH_PREFIX] }
}

layout! {
    /// Local Prefix data (RFC 8885 §4.4).
    pub struct LocalPrefix { pub reserved: u8 => [&LOCAL_RESERVED], pub prefix_len: u8 => [&LOCAL_PFL], pub prefix: Ip6 => [&LOCAL_PREFIX] }
}

layout! {
    /// Previous MAAR data (RFC 8885 §4.5).
    pub struct PrevMaar { pub reserved: u8 => [&PREV_MAAR_RESERVED], pub prefix_len: u8 => [&PREV_MAAR_PFL], pub address: Ip6 => [&PREV_MAAR], pub hnp: Ip6 => [&PREV_MAAR_HNP] }
}

layout! {
    /// Serving MAAR data (RFC 8885 §4.6).
    pub struct ServMaar { pub address: Ip6 => [&SERV_MAAR] }
}

layout! {
    /// DLIF Link-Local Address data (RFC 8885 §4.7).
    pub struct DlifLla { pub address: Ip6 => [&DLIF_LLA] }
}

fn dmnp(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(DmnpFixed { flags, prefix_len: pl }) = DmnpFixed::dissect(t, c.off, c.end) else { return };
    let o = c.off + DmnpFixed::LEN;
    let v = flags.has(DmnpFlags::V);
    match c.end - c.off {
        6 => {
            if let Some(a) = t.rd().array::<4>(o) {
                t.add(&DMNP_IPV4, o, 4, Value::Ipv4(a));
                t.append(c.node, format_args!(": {}/{pl}", std::net::Ipv4Addr::from(a)));
            }
            if !v {
                t.expert(&DMNP_V_MISMATCH, c.off, 1, Some(format_args!("IPv4 prefix with V clear")));
            }
        }
        18 => {
            if let Some(a) = t.rd().array::<16>(o) {
                t.add(&DMNP_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}/{pl}", std::net::Ipv6Addr::from(a)));
            }
            if v {
                t.expert(&DMNP_V_MISMATCH, c.off, 1, Some(format_args!("IPv6 prefix with V set")));
            }
        }
        n => {
            t.expert(&expert::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("DMNP length {n}, should be 6 or 18")));
            raw(t, &OPT_DATA, o, c.end);
        }
    }
}

fn anchored(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = AnchoredPrefix::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.prefix, v.prefix_len));
    }
}

fn local(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = LocalPrefix::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.prefix, v.prefix_len));
    }
}

fn prev_maar(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = PrevMaar::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} HNP {}/{}", v.address, v.hnp, v.prefix_len));
    }
}

fn serv_maar(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = ServMaar::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn dlif_lla(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = DlifLla::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn dlif_llayer(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = DlifLlayerFixed::dissect(t, c.off, c.end) else { return };
    raw(t, &DLIF_LLAYER, c.off + DlifLlayerFixed::LEN, c.end);
}

options! {
    /// Delegation and DMM options, owned.
    pub enum DmmOpt => Dmm {
        /// V, Reserved, Prefix Length and the prefix (IPv4 or IPv6).
        DelegatedMnp(Tail<DmnpFixed, Addr>) = OptType::DelegatedMobileNetworkPrefix, "Delegated Mobile Network Prefix", &P_DMNP, OneOf(&[6, 18]), (8, 2), dmnp;
        AnchoredPrefix(AnchoredPrefix) = OptType::AnchoredPrefix, "Anchored Prefix", &P_ANCHORED, Fixed(18), (8, 4), anchored;
        LocalPrefix(LocalPrefix) = OptType::LocalPrefix, "Local Prefix", &P_LOCAL, Fixed(18), (8, 4), local;
        PreviousMaar(PrevMaar) = OptType::PreviousMaar, "Previous MAAR", &P_PREV_MAAR, Fixed(34), (8, 4), prev_maar;
        ServingMaar(ServMaar) = OptType::ServingMaar, "Serving MAAR", &P_SERV_MAAR, Fixed(16), (8, 6), serv_maar;
        DlifLinkLocal(DlifLla) = OptType::DlifLinkLocalAddress, "DLIF Link-Local Address", &P_DLIF_LLA, Fixed(16), (8, 6), dlif_lla;
        /// Reserved and the link-layer address.
        DlifLinkLayer(Tail<DlifLlayerFixed>) = OptType::DlifLinkLayerAddress, "DLIF Link-Layer Address", &P_DLIF_LLAYER, Min(2), NO_ALIGN, dlif_llayer;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[&DMNP_V_MISMATCH];
