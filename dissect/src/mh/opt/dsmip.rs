//! Dual-Stack Mobile IPv6 (RFC 5555): IPv4 Home Address (29, §3.1.1), IPv4 Address
//! Acknowledgement (30, §3.2.1), NAT Detection (31, §4.1) and IPv4 Care-of Address (32, §3.1.2).

use super::Len::Fixed;
use super::OptType;
use super::{name_of, OptCtx, OptSummary};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::format::write_dec;
use crate::layout;
use crate::tree::Tree;
use crate::wire::Ip4;

// Presence fields (the option subtrees).
pub static P_IPV4HA: FieldDef = FieldDef::new("mip6.options.ipv4ha", "MIPv6 Option - IPv4 Home Address", Kind::Protocol);
pub static P_IPV4AA: FieldDef =
    FieldDef::new("mip6.options.ipv4aa", "MIPv6 Option - IPv4 Address Acknowledgement", Kind::Protocol);
pub static P_NATD: FieldDef = FieldDef::new("mip6.options.natd", "MIPv6 Option - NAT Detection", Kind::Protocol);
pub static P_IPV4COA: FieldDef = FieldDef::new("mip6.options.ipv4coa", "MIPv6 Option - IPv4 Care-of Address", Kind::Protocol);

crate::code_points! {
    /// IPv4 Address Acknowledgement (RFC 5555 §3.2.1) and IPv4 Home Address Reply (RFC 5844
    /// §3.2.2) status codes; the two IANA registries agree on 0–132, 133 is RFC 5555's only.
    pub enum Ipv4AckStatus: u8 {
        Success = 0 => "Success",
        ReasonUnspecified = 128 => "Failure, reason unspecified",
        AdministrativelyProhibited = 129 => "Administratively prohibited",
        IncorrectHomeAddress = 130 => "Incorrect IPv4 home address",
        InvalidAddress = 131 => "Invalid IPv4 address",
        DynamicNotAvailable = 132 => "Dynamic IPv4 home address assignment not available",
        PrefixUnauthorized = 133 => "Prefix allocation unauthorized",
    }
}
crate::flags! {
    /// RFC 5555 §3.1.1 IPv4 Home Address word: Prefix-len(6), P, Reserved(9) (the prefix
    /// length is [`Ipv4HaFlags::prefix_len`]).
    pub struct Ipv4HaFlags: u16 { P = 0x0200 => 'P' "Mobile network prefix requested" }
}
impl Ipv4HaFlags {
    /// The bits no flag names and that are not the prefix length.
    pub const FLAGS_RESERVED: u16 = Self::RESERVED & 0x03ff;
    /// Prefix-len (the top 6 bits).
    pub const fn prefix_len(self) -> u8 {
        (self.0 >> 10) as u8
    }
}
crate::flags! {
    /// RFC 5555 §4.1 NAT Detection word: F, then 15 reserved bits.
    pub struct NatdFlags: u16 { F = 0x8000 => 'F' "UDP encapsulation required" }
}
wire_code!(Ipv4AckStatus: u8);
wire_flags!(Ipv4HaFlags: u16, NatdFlags: u16);
static IPV4AA_STATUS_VALS: &[(u64, &str)] = Ipv4AckStatus::VALS;

crate::mh::fields! {
    // 29–32 DSMIPv6 (RFC 5555 §3.1.1, §3.2.1, §4.1, §3.1.1)
    pub static IPV4HA_PREFLEN: FieldDef = FieldDef::new("mip6.ipv4ha.preflen", "Prefix-len", Kind::Uint(1)).mask(0xfc);
    pub static IPV4HA_P: FieldDef = FieldDef::new("mip6.ipv4ha.p_flag", "mobile network prefix (P) flag", Kind::Bool(2))
        .mask(Ipv4HaFlags::P as u64)
        .tfs("mobile network prefix requested", "mobile network prefix not requested");
    pub static IPV4HA_FLAGS_RESERVED: FieldDef =
        FieldDef::new("mip6.ipv4ha.flags_reserved", "Reserved", Kind::Uint(2)).hex().mask(Ipv4HaFlags::FLAGS_RESERVED as u64);
    pub static IPV4HA_HA: FieldDef = FieldDef::new("mip6.ipv4ha.ha", "IPv4 Home Address", Kind::Ipv4);
    pub static IPV4AA_STATUS: FieldDef = FieldDef::new("mip6.ipv4aa.sts", "Status", Kind::Uint(1)).vals(IPV4AA_STATUS_VALS);
    pub static IPV4AA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4aa.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x03);
    pub static NATD_F: FieldDef = FieldDef::new("mip6.natd.f_flag", "(F) flag", Kind::Bool(2))
        .mask(NatdFlags::F as u64)
        .tfs("MUST use UDP encapsulation", "Do not use UDP encapsulation");
    pub static NATD_RESERVED: FieldDef =
        FieldDef::new("mip6.natd.reserved", "Reserved", Kind::Uint(2)).mask(NatdFlags::RESERVED as u64);
    pub static NATD_REFRESH: FieldDef = FieldDef::new("mip6.natd.refresh_t", "Refresh time", Kind::Uint(4)).custom(natd_refresh);
    pub static IPV4COA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4coa.reserved", "Reserved", Kind::Uint(2)).mask(0xffff);
    pub static IPV4COA_ADDR: FieldDef = FieldDef::new("mip6.ipv4coa.addr", "IPv4 Care-of address", Kind::Ipv4);
}

layout! {
    /// IPv4 Home Address data (RFC 5555 §3.1.1): Prefix-len(6) P(1) Reserved(9), address.
    pub struct Ipv4HomeAddress { pub flags: Ipv4HaFlags => [], pub address: Ip4 => [&IPV4HA_HA] }
}

layout! {
    /// IPv4 Address Acknowledgement (RFC 5555 §3.2.1) and IPv4 Home Address Reply (RFC 5844 §3.3.2).
    pub struct Ipv4AddrAck { pub status: Ipv4AckStatus => [&IPV4AA_STATUS], pub plen: u8 => [&IPV4HA_PREFLEN, &IPV4AA_RESERVED], pub address: Ip4 => [&IPV4HA_HA] }
}

layout! {
    /// NAT Detection data (RFC 5555 §4.1).
    pub struct NatDetection { pub flags: NatdFlags => [&NATD_F, &NATD_RESERVED], pub refresh: u32 => [&NATD_REFRESH] }
}

layout! {
    /// IPv4 Care-of Address data (RFC 5555 §3.1.2).
    pub struct Ipv4CareOf { pub reserved: u16 => [&IPV4COA_RESERVED], pub address: Ip4 => [&IPV4COA_ADDR] }
}

fn natd_refresh(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = v {
        write_dec(out, *n);
        out.push('s');
        match *n {
            0 => out.push_str(" (Ignore)"),
            0xffff_ffff => out.push_str(" (keepalives are not needed, no NAT detected)"),
            _ => {}
        }
    }
}

fn ipv4ha(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(w) = t.rd().u16(c.off) else { return };
    t.add_uint(&IPV4HA_PREFLEN, c.off, 1, u64::from(w >> 8));
    t.add_uint(&IPV4HA_P, c.off, 2, u64::from(w));
    t.add_uint(&IPV4HA_FLAGS_RESERVED, c.off, 2, u64::from(w));
    if let Ok(v) = Ipv4HomeAddress::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.address, w >> 10));
    }
}

pub(super) fn ipv4aa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4AddrAck::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} {}/{}", name_of(IPV4AA_STATUS_VALS, v.status.value()), v.address, v.plen >> 2));
    }
}

fn natd(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = NatDetection::dissect(t, c.off, c.end);
}

fn ipv4coa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4CareOf::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

options! {
    /// Dual-Stack Mobile IPv6's options, owned.
    pub enum DsmipOpt => Dsmip {
        Ipv4HomeAddress(Ipv4HomeAddress) = OptType::Ipv4HomeAddress, "IPv4 Home Address", &P_IPV4HA, Fixed(6), (4, 0), ipv4ha;
        Ipv4AddressAck(Ipv4AddrAck) = OptType::Ipv4AddressAcknowledgement, "IPv4 Address Acknowledgement", &P_IPV4AA, Fixed(6), (4, 0), ipv4aa;
        NatDetection(NatDetection) = OptType::NatDetection, "NAT Detection", &P_NATD, Fixed(6), (4, 0), natd;
        Ipv4CareOf(Ipv4CareOf) = OptType::Ipv4CareOfAddress, "IPv4 Care-of Address", &P_IPV4COA, Fixed(6), (4, 0), ipv4coa;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
