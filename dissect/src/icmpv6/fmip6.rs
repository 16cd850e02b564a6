//! Fast handovers' ICMPv6 messages (type 154): Router Solicitation for Proxy Advertisement and
//! Proxy Router Advertisement (RFC 5568 §6.1.1, §6.1.2), and Handover Initiate and Handover
//! Acknowledge as RFC 4068 and RFC 5268 §6.2 carried them (RFC 5568 moved those two to the
//! Mobility Header, types 14 and 15, where [`crate::mh`] decodes them). Type 150, RFC 4068's
//! experimental number, is read the same way, as tshark reads it.
//!
//! ```text
//!  | Type | Code | Checksum | Subtype | Reserved | Identifier | Options (Neighbor Discovery) ...
//!  HI:                      | Subtype | S U Rsv(6) | ...
//! ```
//!
//! The Code's meaning depends on the subtype ([`PrRtAdvCode`], [`HiCode`], [`HackCode`]);
//! field names are Wireshark's `icmpv6.fmip6.*`.

use super::{Msg, RESERVED};
use crate::field::{Base, FieldDef, Kind};
use crate::layout;
use crate::tree::Tree;

crate::code_points! {
    /// FMIPv6 message subtypes (RFC 5568 §6.1, RFC 5268 §6.2), tshark's names.
    pub enum Fmip6Subtype: u8 {
        RtSolPr = 2 => "Router Solicitation for Proxy Advertisement",
        PrRtAdv = 3 => "Proxy Router Advertisement",
        Hi = 4 => "Handover Initiate",
        HAck = 5 => "Handover Acknowledge",
    }
}

crate::code_points! {
    /// Proxy Router Advertisement codes (RFC 5568 §6.1.2), tshark's names.
    pub enum PrRtAdvCode: u8 {
        UseTuple = 0 => "MN should use AP-ID, AR-info tuple",
        NetworkInitiated = 1 => "Network Initiated Handover trigger",
        NoNewRouter = 2 => "No new router information",
        LimitedNewRouter = 3 => "Limited new router information",
        Unsolicited = 4 => "Unsolicited",
    }
}

crate::code_points! {
    /// Handover Initiate codes (RFC 5268 §6.2.1), tshark's names.
    pub enum HiCode: u8 {
        FromPrevious = 0 => "FBU sent from previous link",
        FromNew = 1 => "FBU sent from new link",
    }
}

crate::code_points! {
    /// Handover Acknowledge codes (RFC 5268 §6.2.2), tshark's names.
    pub enum HackCode: u8 {
        AcceptedValid = 0 => "Handover Accepted, NCoA valid",
        AcceptedNotValid = 1 => "Handover Accepted, NCoA not valid",
        AcceptedInUse = 2 => "Handover Accepted, NCoA in use",
        AcceptedAssigned = 3 => "Handover Accepted, NCoA assigned",
        AcceptedNotAssigned = 4 => "Handover Accepted, NCoA not assigned",
        NotAccepted = 128 => "Handover Not Accepted, reason unspecified",
        Prohibited = 129 => "Administratively prohibited",
        InsufficientResources = 130 => "Insufficient resources",
    }
}

crate::flags! {
    /// Handover Initiate flags (RFC 5268 §6.2.1): S, assigned address configuration; U,
    /// buffer (tshark's `a`).
    pub struct HiFlags: u8 {
        S = 0x80 => 'S' "Assigned address configuration",
        U = 0x40 => 'U' "Buffer",
    }
}
super::wire_flags!(HiFlags, u8);

pub static SUBTYPE: FieldDef = FieldDef::new("icmpv6.fmip6.subtype", "Subtype", Kind::Uint(1)).vals(Fmip6Subtype::VALS);
pub static HI_FLAG: FieldDef = FieldDef::new("icmpv6.fmip6.hi.flag", "Flag", Kind::Uint(1)).hex();
pub static HI_FLAG_S: FieldDef = FieldDef::new("icmpv6.fmip6.hi.flag.s", "Assigned address configuration", Kind::Bool(1))
    .mask(HiFlags::S as u64)
    .tfs("Set", "Not set");
pub static HI_FLAG_A: FieldDef =
    FieldDef::new("icmpv6.fmip6.hi.flag.a", "Buffer", Kind::Bool(1)).mask(HiFlags::U as u64).tfs("Set", "Not set");
pub static HI_FLAG_RSV: FieldDef =
    FieldDef::new("icmpv6.fmip6.hi.flag.reserved", "Reserved", Kind::Uint(1)).mask(HiFlags::RESERVED as u64);
pub static ID: FieldDef = FieldDef::new("icmpv6.fmip6.identifier", "Identifier", Kind::Uint(2)).base(Base::DecHex);

layout! {
    /// The fixed part of every FMIPv6 message: the octet after the subtype is Reserved, or
    /// Handover Initiate's flags ([`Fmip6::hi_flags`]; shown by [`HiFixed`]).
    pub struct Fmip6 { pub subtype: u8 => [&SUBTYPE], pub reserved: u8 => [&RESERVED], pub id: u16 => [&ID] }
}

layout! {
    /// Handover Initiate's view of the same four octets (RFC 5268 §6.2.1).
    pub struct HiFixed {
        pub subtype: u8 => [&SUBTYPE],
        pub flags: HiFlags => [&HI_FLAG, &HI_FLAG_S, &HI_FLAG_A, &HI_FLAG_RSV],
        pub id: u16 => [&ID],
    }
}

impl Fmip6 {
    /// The subtype, typed.
    pub fn kind(&self) -> Fmip6Subtype {
        Fmip6Subtype::from(self.subtype)
    }

    /// Handover Initiate's S and U flags (the octet a message of another subtype reserves).
    pub fn hi_flags(&self) -> HiFlags {
        HiFlags(self.reserved)
    }
}

/// What the Code of a message of `subtype` says, as tshark shows it: the subtype's name for
/// it, "Unknown N" for one its table does not name; `None` for a subtype that names no codes.
pub fn code_text(subtype: u8, code: u8) -> Option<impl std::fmt::Display> {
    let names = match Fmip6Subtype::from(subtype) {
        Fmip6Subtype::PrRtAdv => PrRtAdvCode::VALS,
        Fmip6Subtype::Hi => HiCode::VALS,
        Fmip6Subtype::HAck => HackCode::VALS,
        _ => return None,
    };
    struct Text(Option<&'static str>, u8);
    impl std::fmt::Display for Text {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self.0 {
                Some(n) => f.write_str(n),
                None => write!(f, "Unknown {}", self.1),
            }
        }
    }
    Some(Text(crate::field::val_name(names, u64::from(code)), code))
}

/// Types 150 and 154: the subtype (its name in Info and after the Code), the fixed part, then
/// Neighbor Discovery options. `code_node` is the Code field's node (for the subtype's name of
/// the code).
pub(crate) fn dissect(t: &mut Tree<'_>, m: &Msg, code: u8, code_node: usize) {
    let Some(subtype) = t.rd().u8(m.body).filter(|_| m.body < m.end) else {
        t.truncated(m.body, m.name);
        return;
    };
    let kind = Fmip6Subtype::from(subtype);
    if let Some(text) = code_text(subtype, code) {
        t.append(code_node, format_args!(" ({text})"));
    }
    match kind.name() {
        Some(n) => t.append_info(format_args!(" ({n})")),
        None => t.append_info(format_args!(" (Unknown ({subtype}))")),
    }
    let fixed = match kind {
        Fmip6Subtype::Hi => HiFixed::dissect(t, m.body, m.end).map(|_| ()),
        Fmip6Subtype::Unknown(_) => {
            // As tshark: an unknown subtype shows no Reserved octet.
            t.add_uint(&SUBTYPE, m.body, 1, u64::from(subtype));
            match t.rd().u16(m.body + 2).filter(|_| m.body + 4 <= m.end) {
                Some(id) => {
                    t.add_uint(&ID, m.body + 2, 2, u64::from(id));
                    Ok(())
                }
                // Where the message ends: in the octet after the subtype, or in the Identifier.
                None => Err(if m.body + 2 <= m.end { m.body + 2 } else { m.body + 1 }),
            }
        }
        _ => Fmip6::dissect(t, m.body, m.end).map(|_| ()),
    };
    // "Flag: 0xc0, Assigned address configuration, Buffer", its bits beneath (the Identifier
    // after it may be cut).
    if let (Fmip6Subtype::Hi, Some(raw)) = (kind, t.rd().u8(m.body + 1).filter(|_| m.body + 1 < m.end)) {
        let node = super::nest(t, &HI_FLAG, 3);
        t.flag_summary(node, u64::from(raw), &[&HI_FLAG_S, &HI_FLAG_A]);
    }
    if let Err(at) = fixed {
        t.truncated(at, m.name);
        return;
    }
    super::opt::walk(t, m.body + Fmip6::LEN, m.end, super::opt::Ctx::default());
}
