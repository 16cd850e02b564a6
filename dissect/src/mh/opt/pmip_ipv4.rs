//! IPv4 support for Proxy Mobile IPv6 (RFC 5844 §3.3): IPv4 Home Address Request (36) and
//! Reply (37, decoded as DSMIPv6's IPv4 Address Acknowledgement, whose layout and status codes it
//! shares), IPv4 Default-Router Address (38) and IPv4 DHCP Support Mode (39).

use super::dsmip::{ipv4aa, Ipv4AddrAck, IPV4HA_HA, IPV4HA_PREFLEN};
use super::Len::Fixed;
use super::{OptCtx, OptSummary, OptType, NO_ALIGN};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::Ip4;

// Presence fields (the option subtrees).
pub static P_IPV4HAREQ: FieldDef =
    FieldDef::new("mip6.options.ipv4hareq", "MIPv6 Option - IPv4 Home Address Request", Kind::Protocol);
pub static P_IPV4HAREP: FieldDef =
    FieldDef::new("mip6.options.ipv4harep", "MIPv6 Option - IPv4 Home Address Reply", Kind::Protocol);
pub static P_IPV4DRA: FieldDef =
    FieldDef::new("mip6.options.ipv4dra", "MIPv6 Option - IPv4 Default-Router Address", Kind::Protocol);
pub static P_IPV4DSM: FieldDef = FieldDef::new("mip6.options.ipv4dsm", "MIPv6 Option - IPv4 DHCP Support Mode", Kind::Protocol);

crate::mh::fields! {
    pub static IPV4HA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4ha.reserved", "Reserved", Kind::Uint(1)).hex();
    // 36–39 (RFC 5844 §3.3.1–3.3.4)
    pub static IPV4DRA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4dra.reserved", "Reserved", Kind::Uint(2));
    pub static IPV4DRA_DRA: FieldDef = FieldDef::new("mip6.ipv4dra.dra", "IPv4 Default-Router Address", Kind::Ipv4);
    pub static IPV4DSM_RESERVED: FieldDef =
        FieldDef::new("mip6.ipv4dsm.reserved", "Reserved", Kind::Uint(2)).mask(DsmFlags::RESERVED as u64);
    pub static IPV4DSM_S: FieldDef = FieldDef::new("mip6.ipv4dsm.s_flag", "DHCP Support Mode (S)", Kind::Bool(2))
        .mask(DsmFlags::S as u64)
        .tfs("DHCP Server", "DHCP Relay");
}

crate::flags! {
    /// RFC 5844 §3.3.4 IPv4 DHCP Support Mode word: 15 reserved bits, then S (set: the MAG
    /// acts as a DHCP server; clear: as a DHCP relay).
    pub struct DsmFlags: u16 { S = 0x0001 => 'S' "DHCP Server" }
}
wire_flags!(DsmFlags: u16);

layout! {
    /// IPv4 Home Address Request data (RFC 5844 §3.3.1): Prefix-len(6) Reserved(10), address.
    pub struct Ipv4HoaRequest { pub plen: u8 => [&IPV4HA_PREFLEN], pub reserved: u8 => [&IPV4HA_RESERVED], pub address: Ip4 => [&IPV4HA_HA] }
}

layout! {
    /// IPv4 Default-Router Address data (RFC 5844 §3.3.3).
    pub struct Ipv4DefaultRouter { pub reserved: u16 => [&IPV4DRA_RESERVED], pub address: Ip4 => [&IPV4DRA_DRA] }
}

layout! {
    /// IPv4 DHCP Support Mode data (RFC 5844 §3.3.4).
    pub struct Ipv4DhcpMode { pub flags: DsmFlags => [&IPV4DSM_RESERVED, &IPV4DSM_S] }
}

fn ipv4hareq(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4HoaRequest::dissect(t, c.off, c.end) {
        if v.plen & 0x03 != 0 || v.reserved != 0 {
            t.expert(&expert::RESERVED_NONZERO, c.off, 2, Some(format_args!("IPv4 HoA Request reserved bits")));
        }
        if v.address.0 == [0; 4] {
            // RFC 5844 §3.3.1: all zeros asks the LMA to allocate (tshark's words).
            if let Some(a) = t.last_of(&IPV4HA_HA) {
                t.append(a, format_args!(" - Request that the local mobility anchor perform the address allocation"));
            }
            t.append(c.node, format_args!(": 0.0.0.0 (LMA allocates)"));
        } else {
            t.append(c.node, format_args!(": {}/{}", v.address, v.plen >> 2));
        }
    }
}

fn ipv4dra(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4DefaultRouter::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn ipv4dsm(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = Ipv4DhcpMode::dissect(t, c.off, c.end);
}

options! {
    /// The IPv4 support options of Proxy Mobile IPv6, owned.
    pub enum PmipIpv4Opt => PmipIpv4 {
        Ipv4HomeAddressRequest(Ipv4HoaRequest) = OptType::Ipv4HomeAddressRequest, "IPv4 Home Address Request", &P_IPV4HAREQ, Fixed(6), (4, 0), ipv4hareq;
        /// The layout and status codes of DSMIPv6's IPv4 Address Acknowledgement.
        Ipv4HomeAddressReply(Ipv4AddrAck) = OptType::Ipv4HomeAddressReply, "IPv4 Home Address Reply", &P_IPV4HAREP, Fixed(6), (4, 0), ipv4aa;
        Ipv4DefaultRouter(Ipv4DefaultRouter) = OptType::Ipv4DefaultRouterAddress, "IPv4 Default-Router Address", &P_IPV4DRA, Fixed(6), (4, 0), ipv4dra;
        Ipv4DhcpSupportMode(Ipv4DhcpMode) = OptType::Ipv4DhcpSupportMode, "IPv4 DHCP Support Mode", &P_IPV4DSM, Fixed(2), NO_ALIGN, ipv4dsm;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
