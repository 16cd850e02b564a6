//! Mobile IPv6's ICMPv6 messages (RFC 6275 §6.5–§6.8): Home Agent Address Discovery
//! Request/Reply (144/145, with RFC 3963 §7's Mobile Router Support flag) and Mobile Prefix
//! Solicitation/Advertisement (146/147, whose options are Neighbor Discovery's).
//!
//! ```text
//!  144, 146:  | Type | Code | Checksum | Identifier | R | Reserved (15)  (146: Reserved (16))
//!  145:       ... Identifier | R | Reserved (15) | Home Agent Addresses (16 each) ...
//!  147:       ... Identifier | M | O | Reserved (14) | Options ...
//! ```

use super::{Msg, RESERVED};
use crate::field::{Base, FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;

pub static ID: FieldDef = FieldDef::new("icmpv6.mip6.identifier", "Identifier", Kind::Uint(2)).base(Base::DecHex);
pub static HA: FieldDef = FieldDef::new("icmpv6.mip6.home_agent_address", "Home Agent Address", Kind::Ipv6);
pub static FLAG: FieldDef = FieldDef::new("icmpv6.mip6.flag", "Flags", Kind::Uint(2)).hex();
pub static FLAG_R: FieldDef = FieldDef::new("icmpv6.mip6.flag.r", "Mobile Router Support (R)", Kind::Bool(2))
    .mask(HaadFlags::R as u64)
    .tfs("Set", "Not set")
    .blurb("Home agents supporting mobile routers wanted / listed (RFC 3963 §7.1, §7.2)");
pub static FLAG_R_RSV: FieldDef =
    FieldDef::new("icmpv6.mip6.flag.r_reserved", "Reserved", Kind::Uint(2)).hex().mask(HaadFlags::RESERVED as u64);
pub static FLAG_M: FieldDef = FieldDef::new("icmpv6.mip6.flag.m", "Managed address configuration", Kind::Bool(2))
    .mask(MpaFlags::M as u64)
    .tfs("Set", "Not set");
pub static FLAG_O: FieldDef =
    FieldDef::new("icmpv6.mip6.flag.o", "Other configuration", Kind::Bool(2)).mask(MpaFlags::O as u64).tfs("Set", "Not set");
pub static FLAG_RSV: FieldDef = FieldDef::new("icmpv6.mip6.flag.rsv", "Reserved", Kind::Uint(2)).mask(MpaFlags::RESERVED as u64);

crate::flags! {
    /// Home Agent Address Discovery Request/Reply flags (RFC 3963 §7.1, §7.2).
    pub struct HaadFlags: u16 { R = 0x8000 => 'R' "Mobile Router Support" }
}
super::wire_flags!(HaadFlags, u16);

crate::flags! {
    /// Mobile Prefix Advertisement flags (RFC 6275 §6.8).
    pub struct MpaFlags: u16 {
        M = 0x8000 => 'M' "Managed address configuration",
        O = 0x4000 => 'O' "Other configuration",
    }
}
super::wire_flags!(MpaFlags, u16);

layout! {
    /// Home Agent Address Discovery Request/Reply fixed part (RFC 6275 §6.5/§6.6): tshark 4.0
    /// calls the 16 bits after the Identifier `icmpv6.reserved`, but RFC 3963 §7.1/§7.2 give
    /// the top bit to the Mobile Router Support flag (R), shown beneath.
    pub struct Haad { pub id: u16 => [&ID], pub flags: HaadFlags => [&RESERVED, &FLAG_R, &FLAG_R_RSV] }
}
layout! {
    /// Mobile Prefix Solicitation fixed part (RFC 6275 §6.7).
    pub struct Mps { pub id: u16 => [&ID], pub reserved: u16 => [&RESERVED] }
}
layout! {
    /// Mobile Prefix Advertisement fixed part (RFC 6275 §6.8).
    pub struct Mpa { pub id: u16 => [&ID], pub flags: MpaFlags => [&FLAG, &FLAG_M, &FLAG_O, &FLAG_RSV] }
}

/// Messages 144–147.
pub(crate) fn dissect(t: &mut Tree<'_>, m: &Msg, ty: u8, msg: &super::Icmpv6<&[u8]>) {
    use super::Icmp6Type as T;
    let ty = T::from(ty);
    let id = match ty {
        T::HaadRequest | T::HaadReply => Haad::dissect(t, m.body, m.end).map(|v| {
            super::nest(t, &RESERVED, 2);
            v.id
        }),
        T::MobilePrefixSolicitation => Mps::dissect(t, m.body, m.end).map(|v| v.id),
        _ => Mpa::dissect(t, m.body, m.end).map(|v| {
            let f = super::nest(t, &FLAG, 3);
            t.flag_summary(f, u64::from(v.flags.0), &[&FLAG_M, &FLAG_O]);
            v.id
        }),
    };
    let id = match id {
        Ok(id) => id,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    let info = t.info();
    info.push_str(" id=");
    crate::format::write_dec(info, u64::from(id));
    let at = m.body + 4;
    match ty {
        T::HaadReply => {
            // The addresses the owned form read (whole ones), then what is left.
            let mut at = at;
            for a in msg.home_agents() {
                t.add(&HA, at, 16, Value::Ipv6(a.0));
                let info = t.info();
                info.push(' ');
                crate::format::write_ipv6(info, &a.0);
                at += 16;
            }
            if at < m.end {
                t.truncated(at, "home agent address");
            }
        }
        // RFC 6275 §6.7 ("may have options") and §6.8: options in Neighbor Discovery format.
        T::MobilePrefixSolicitation | T::MobilePrefixAdvertisement => {
            super::opt::walk(t, at, m.end, super::opt::Ctx::default());
        }
        _ => {}
    }
}
