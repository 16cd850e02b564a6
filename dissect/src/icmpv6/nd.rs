//! Neighbor Discovery messages (RFC 4861 §4.1–§4.5), with Mobile IPv6's changes (RFC 6275
//! §7.1: the Router Advertisement's Home Agent (H) flag). Bodies after the ICMPv6 header:
//!
//! ```text
//!  133 Router Solicitation      | Reserved (32)                                   | options
//!  134 Router Advertisement     | Cur Hop Limit | M O H Prf P Rsv | Router Lifetime |
//!                               | Reachable Time (32) | Retrans Timer (32)          | options
//!  135 Neighbor Solicitation    | Reserved (32) | Target Address (128)            | options
//!  136 Neighbor Advertisement   | R S O Reserved (29) | Target Address (128)      | options
//!  137 Redirect                 | Reserved (32) | Target Address | Destination Address | options
//! ```
//! The Prf bits are RFC 4191 §2.2's, P RFC 4389 §4.1's. Options: [`super::opt`].

use super::opt::{self, Ctx};
use super::{is_multicast, nest, Msg, RESERVED};
use crate::analysis::rules;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::tree::Tree;
use crate::wire::Ip6;

crate::code_points! {
    /// Default Router Preference (RFC 4191 §2.1).
    pub enum RouterPreference: u8 { Medium = 0 => "Medium", High = 1 => "High", Reserved = 2 => "Reserved", Low = 3 => "Low" }
}

/// The preference names live once, in [`RouterPreference`].
static PRF_VALS: &[(u64, &str)] = RouterPreference::VALS;

pub static RA_CUR_HOP_LIMIT: FieldDef = FieldDef::new("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", Kind::Uint(1))
    .blurb("Hop Limit hosts should put in outgoing packets; 0 = unspecified (RFC 4861 §4.2)");
pub static RA_FLAG: FieldDef = FieldDef::new("icmpv6.nd.ra.flag", "Flags", Kind::Uint(1)).hex();
pub static RA_FLAG_M: FieldDef = FieldDef::new("icmpv6.nd.ra.flag.m", "Managed address configuration", Kind::Bool(1))
    .mask(RaFlags::M as u64)
    .tfs("Set", "Not set");
pub static RA_FLAG_O: FieldDef =
    FieldDef::new("icmpv6.nd.ra.flag.o", "Other configuration", Kind::Bool(1)).mask(RaFlags::O as u64).tfs("Set", "Not set");
pub static RA_FLAG_H: FieldDef = FieldDef::new("icmpv6.nd.ra.flag.h", "Home Agent", Kind::Bool(1))
    .mask(RaFlags::H as u64)
    .tfs("Set", "Not set")
    .blurb("The router is also a home agent on this link (RFC 6275 §7.1)");
pub static RA_FLAG_PRF: FieldDef = FieldDef::new("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", Kind::Uint(1))
    .mask(RaFlags::PRF_MASK as u64)
    .vals(PRF_VALS);
pub static RA_FLAG_P: FieldDef =
    FieldDef::new("icmpv6.nd.ra.flag.p", "Proxy", Kind::Bool(1)).mask(RaFlags::P as u64).tfs("Set", "Not set");
pub static RA_FLAG_RSV: FieldDef =
    FieldDef::new("icmpv6.nd.ra.flag.rsv", "Reserved", Kind::Uint(1)).mask((RaFlags::RESERVED & !RaFlags::PRF_MASK) as u64);
pub static RA_ROUTER_LIFETIME: FieldDef = FieldDef::new("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", Kind::Uint(2))
    .blurb("Seconds this router is a default router; 0 = not a default router (RFC 4861 §4.2)");
pub static RA_REACHABLE_TIME: FieldDef = FieldDef::new("icmpv6.nd.ra.reachable_time", "Reachable time (ms)", Kind::Uint(4));
pub static RA_RETRANS_TIMER: FieldDef = FieldDef::new("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", Kind::Uint(4));
pub static NS_TARGET: FieldDef = FieldDef::new("icmpv6.nd.ns.target_address", "Target Address", Kind::Ipv6);
pub static NA_FLAG: FieldDef = FieldDef::new("icmpv6.nd.na.flag", "Flags", Kind::Uint(4)).hex();
pub static NA_FLAG_R: FieldDef =
    FieldDef::new("icmpv6.nd.na.flag.r", "Router", Kind::Bool(4)).mask(NaFlags::R as u64).tfs("Set", "Not set");
pub static NA_FLAG_S: FieldDef =
    FieldDef::new("icmpv6.nd.na.flag.s", "Solicited", Kind::Bool(4)).mask(NaFlags::S as u64).tfs("Set", "Not set");
pub static NA_FLAG_O: FieldDef =
    FieldDef::new("icmpv6.nd.na.flag.o", "Override", Kind::Bool(4)).mask(NaFlags::O as u64).tfs("Set", "Not set");
pub static NA_FLAG_RSV: FieldDef =
    FieldDef::new("icmpv6.nd.na.flag.rsv", "Reserved", Kind::Uint(4)).mask(NaFlags::RESERVED as u64);
pub static NA_TARGET: FieldDef = FieldDef::new("icmpv6.nd.na.target_address", "Target Address", Kind::Ipv6);
pub static RD_TARGET: FieldDef = FieldDef::new("icmpv6.nd.rd.target_address", "Target Address", Kind::Ipv6)
    .blurb("The better first hop, or the destination itself when it is on-link (RFC 4861 §4.5)");
/// Wireshark's name (sic: `rd.na`) for the Redirect's Destination Address.
pub static RD_DESTINATION: FieldDef = FieldDef::new("icmpv6.rd.na.destination_address", "Destination Address", Kind::Ipv6);

/// The section of RFC 4861 that lists the receiver's validity checks of ND message `ty`.
fn validity_section(ty: u8) -> &'static str {
    match ty {
        133 => "RFC 4861 §6.1.1",
        134 => "RFC 4861 §6.1.2",
        135 => "RFC 4861 §7.1.1",
        136 => "RFC 4861 §7.1.2",
        _ => "RFC 4861 §8.1",
    }
}

/// Whether `a` is a link-local unicast address (fe80::/10, RFC 4291 §2.5.6).
fn is_link_local(a: &[u8; 16]) -> bool {
    a[0] == 0xfe && a[1] & 0xc0 == 0x80
}

/// The validity checks every Neighbor Discovery message `ty` (133-137) must pass at its
/// receiver (RFC 4861 §6.1.1, §6.1.2, §7.1.1, §7.1.2, §8.1): IP Hop Limit 255 (not for a
/// quoted packet, whose hop limit was spent on its way), ICMP Code 0, and for a Router
/// Advertisement or a Redirect a link-local source.
pub(crate) fn validity(t: &mut Tree<'_>, m: &Msg, ty: u8, code: u8) {
    let section = validity_section(ty);
    if let Some((hlim, at)) = t.pkt.hlim.filter(|&(h, _)| h != 255 && m.addrs.src.is_some() && !t.in_error) {
        t.expert(&rules::RFC4861_HOP_LIMIT.expert, at, 1, Some(format_args!("{} with Hop Limit {hlim} ({section})", m.name)));
    }
    if code != 0 {
        t.expert(&rules::RFC4861_CODE.expert, m.off + 1, 1, Some(format_args!("{} with Code {code} ({section})", m.name)));
    }
    // The IPv6 header's own Source Address: a Home Address option does not stand in for a
    // router's address.
    if let (134 | 137, Some((src, _)), Some(_)) = (ty, t.pkt.ip6, m.addrs.src) {
        if !is_link_local(&src) {
            let at = t.pkt.hlim.map_or(m.off, |(_, h)| h + 1);
            t.expert(
                &rules::RFC4861_SOURCE_NOT_LINK_LOCAL.expert,
                at,
                16,
                Some(format_args!("{} from {} ({section})", m.name, Ip6(src))),
            );
        }
    }
}

crate::flags! {
    /// Router Advertisement flags (RFC 4861 §4.2; H: RFC 6275 §7.1; P: RFC 4389 §4.1); the
    /// Default Router Preference (RFC 4191 §2.2) is the two bits [`RaFlags::PRF_MASK`].
    pub struct RaFlags: u8 {
        M = 0x80 => 'M' "Managed address configuration",
        O = 0x40 => 'O' "Other configuration",
        H = 0x20 => 'H' "Home Agent",
        P = 0x04 => 'P' "Proxy",
    }
}
super::wire_flags!(RaFlags, u8);

impl RaFlags {
    /// The Default Router Preference bits (RFC 4191 §2.2).
    pub const PRF_MASK: u8 = 0x18;
    /// The Default Router Preference.
    pub fn prf(self) -> RouterPreference {
        RouterPreference::from((self.0 & Self::PRF_MASK) >> 3)
    }
    /// The word with the preference set to `prf`.
    pub fn with_prf(self, prf: RouterPreference) -> Self {
        RaFlags((self.0 & !Self::PRF_MASK) | ((prf.value() & 3) << 3))
    }
}

crate::flags! {
    /// Neighbor Advertisement flags (RFC 4861 §4.4).
    pub struct NaFlags: u32 {
        R = 0x8000_0000 => 'R' "Router",
        S = 0x4000_0000 => 'S' "Solicited",
        O = 0x2000_0000 => 'O' "Override",
    }
}
super::wire_flags!(NaFlags, u32);

layout! {
    /// Router Solicitation (RFC 4861 §4.1).
    pub struct Rs { pub reserved: u32 => [&RESERVED] }
}
layout! {
    /// Router Advertisement (RFC 4861 §4.2; H flag RFC 6275 §7.1, Prf RFC 4191 §2.2, P RFC 4389 §4.1).
    pub struct Ra {
        pub cur_hop_limit: u8 => [&RA_CUR_HOP_LIMIT],
        pub flags: RaFlags => [&RA_FLAG, &RA_FLAG_M, &RA_FLAG_O, &RA_FLAG_H, &RA_FLAG_PRF, &RA_FLAG_P, &RA_FLAG_RSV],
        pub router_lifetime: u16 => [&RA_ROUTER_LIFETIME],
        pub reachable_time: u32 => [&RA_REACHABLE_TIME],
        pub retrans_timer: u32 => [&RA_RETRANS_TIMER],
    }
}
layout! {
    /// Neighbor Solicitation (RFC 4861 §4.3).
    pub struct Ns { pub reserved: u32 => [&RESERVED], pub target: Ip6 => [&NS_TARGET] }
}
layout! {
    /// Neighbor Advertisement (RFC 4861 §4.4).
    pub struct Na {
        pub flags: NaFlags => [&NA_FLAG, &NA_FLAG_R, &NA_FLAG_S, &NA_FLAG_O, &NA_FLAG_RSV],
        pub target: Ip6 => [&NA_TARGET],
    }
}
layout! {
    /// Redirect (RFC 4861 §4.5).
    pub struct Redirect {
        pub reserved: u32 => [&RESERVED],
        pub target: Ip6 => [&RD_TARGET],
        pub destination: Ip6 => [&RD_DESTINATION],
    }
}

/// Router Solicitation (133).
pub(crate) fn rs(t: &mut Tree<'_>, m: &Msg) {
    if let Err(at) = Rs::dissect(t, m.body, m.end) {
        t.truncated(at, m.name);
        return;
    }
    let seen = opt::walk(t, m.body + Rs::LEN, m.end, Ctx::default());
    if let Some(at) = seen.slla.filter(|_| m.addrs.src == Some([0; 16])) {
        t.expert(&rules::RFC4861_RS_UNSPECIFIED_SLLA.expert, at, 8, None);
    }
}

/// Router Advertisement (134).
pub(crate) fn ra(t: &mut Tree<'_>, m: &Msg) {
    let r = Ra::dissect(t, m.body, m.end);
    let fl = nest(t, &RA_FLAG, 6);
    // The flags' summary whenever their octet is there: an advertisement cut after it keeps it,
    // as tshark shows it before its exception. Wireshark's order: the flags set, with the
    // preference before Proxy.
    if let Some(&octet) = t.bytes(m.body, m.end).get(1) {
        let flags = RaFlags(octet);
        t.flag_summary(fl, u64::from(flags.0), &[&RA_FLAG_M, &RA_FLAG_O, &RA_FLAG_H]);
        if let Some(i) = fl {
            let prf = flags.prf().name().unwrap_or("Reserved");
            t.append(i, format_args!(", {}: {prf}", RA_FLAG_PRF.name));
        }
        t.flag_summary(fl, u64::from(flags.0), &[&RA_FLAG_P]);
    }
    let v = match r {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    // (Not of an advertisement an error quotes: nobody received it as one.)
    if v.flags.prf() == RouterPreference::Reserved && !t.in_error {
        t.expert(&rules::RFC4191_PRF_RESERVED.expert, m.body + 1, 1, None);
    }
    opt::walk(t, m.body + Ra::LEN, m.end, Ctx { ra_h: Some(v.flags.has(RaFlags::H)) });
}

/// Neighbor Solicitation (135).
pub(crate) fn ns(t: &mut Tree<'_>, m: &Msg) {
    let v = match Ns::dissect(t, m.body, m.end) {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    let info = t.info();
    info.push_str(" for ");
    crate::format::write_ipv6(info, &v.target.0);
    let target_at = m.body + 4;
    if is_multicast(&v.target.0) {
        t.expert(&rules::RFC4861_TARGET_MULTICAST.expert, target_at, 16, None);
    }
    let seen = opt::walk(t, m.body + Ns::LEN, m.end, Ctx::default());
    // Duplicate Address Detection (RFC 4862 §5.4.2) solicits from the unspecified address.
    if let Some(at) = seen.slla.filter(|_| m.addrs.src == Some([0; 16])) {
        t.expert(&rules::RFC4861_DAD_SLLA.expert, at, 8, None);
    }
}

/// Neighbor Advertisement (136); a home agent defending a mobile node's home address sends one
/// with R clear, S clear and O set for the mobile node's address (RFC 6275 §10.4.1).
pub(crate) fn na(t: &mut Tree<'_>, m: &Msg) {
    let r = Na::dissect(t, m.body, m.end);
    let fl = nest(t, &NA_FLAG, 4);
    if let (Some(_), Some(flags)) = (fl, t.rd().u32(m.body)) {
        t.flag_summary(fl, u64::from(flags), &[&NA_FLAG_R, &NA_FLAG_S, &NA_FLAG_O]);
    }
    let v = match r {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    // Wireshark's Info: "Neighbor Advertisement <target> (rtr, sol, ovr)".
    let info = t.info();
    info.push(' ');
    crate::format::write_ipv6(info, &v.target.0);
    info.push_str(" (");
    let mut first = true;
    for (bit, word) in [(NaFlags::R, "rtr"), (NaFlags::S, "sol"), (NaFlags::O, "ovr")] {
        if v.flags.has(bit) {
            if !first {
                info.push_str(", ");
            }
            info.push_str(word);
            first = false;
        }
    }
    if first {
        info.push_str("none");
    }
    info.push(')');
    if is_multicast(&v.target.0) {
        t.expert(&rules::RFC4861_TARGET_MULTICAST.expert, m.body + 4, 16, None);
    }
    if v.flags.has(NaFlags::S) && m.addrs.dst.is_some_and(|d| is_multicast(&d)) {
        t.expert(&rules::RFC4861_NA_SOLICITED_MULTICAST.expert, m.body, 4, None);
    }
    opt::walk(t, m.body + Na::LEN, m.end, Ctx::default());
}

/// Redirect (137): the Redirected Header option's packet is dissected as IPv6.
pub(crate) fn redirect(t: &mut Tree<'_>, m: &Msg) {
    let v = match Redirect::dissect(t, m.body, m.end) {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    let link_local = is_link_local(&v.target.0);
    if (!link_local && v.target != v.destination) || is_multicast(&v.destination.0) {
        t.expert(&rules::RFC4861_REDIRECT_ADDRESSES.expert, m.body + 4, 32, None);
    }
    opt::walk(t, m.body + Redirect::LEN, m.end, Ctx::default());
}
