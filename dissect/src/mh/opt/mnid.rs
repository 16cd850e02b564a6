//! Mobile Node Identifier, option 8 (RFC 4283; the subtypes of RFC 8371: IPv6 address, IMSI,
//! P-TMSI, EUI-48/64, GUTI, DUID).

use super::Len::Min;
use super::OptType;
use super::{name_of, raw, Body, OptCtx, OptError, OptSummary, NO_ALIGN};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::{Ip6, Reader};
use std::fmt::Write as _;

// Presence fields (the option subtrees).
pub static P_MNID: FieldDef = FieldDef::new("mip6.options.mnid", "MIPv6 Option - Mobile Node Identifier", Kind::Protocol);

crate::code_points! {
    /// Mobile Node Identifier subtypes (RFC 4283, RFC 8371 §4).
    pub enum MnidSubtype: u8 {
        Nai = 1 => "NAI",
        Ipv6 = 2 => "IPv6 Address",
        Imsi = 3 => "IMSI",
        PTmsi = 4 => "P-TMSI",
        Eui48 = 5 => "EUI-48 address",
        Eui64 = 6 => "EUI-64 address",
        Guti = 7 => "GUTI",
        Duid = 8 => "DUID",
    }
}
wire_code!(MnidSubtype: u8);
pub static MNID_SUBTYPE_VALS: &[(u64, &str)] = MnidSubtype::VALS;

layout! {
    /// Mobile Node Identifier fixed part (RFC 4283 §3): Subtype.
    pub struct MnidFixed { pub subtype: MnidSubtype => [&MNID_SUBTYPE] }
}

crate::mh::fields! {
    // 8 Mobile Node Identifier (RFC 4283, RFC 8371)
    pub static MNID_SUBTYPE: FieldDef = FieldDef::new("mip6.mnid.subtype", "Subtype", Kind::Uint(1)).vals(MNID_SUBTYPE_VALS).tshark_names(&[
            (1, "Network Access Identifier (NAI)"),
        ]);
    pub static MNID_IDENTIFIER: FieldDef =
        FieldDef::new("mip6.mnid.identifier", "Identifier", Kind::String).utf8().blurb("Network Access Identifier (subtype 1, RFC 4283)");
    pub static MNID_IPV6: FieldDef = FieldDef::new("mip6.mnid.ipv6", "IPv6 Address", Kind::Ipv6);
    pub static MNID_IMSI: FieldDef =
        FieldDef::new("mip6.mnid.imsi", "IMSI", Kind::String).blurb("IMSI digits decoded from TBCD (RFC 8371 §4.2)");
    pub static MNID_PTMSI: FieldDef = FieldDef::new("mip6.mnid.ptmsi", "P-TMSI", Kind::Uint(4)).hex();
    pub static MNID_EUI48: FieldDef = FieldDef::new("mip6.mnid.eui48", "EUI-48 Address", Kind::Ether);
    pub static MNID_EUI64: FieldDef = FieldDef::new("mip6.mnid.eui64", "EUI-64 Address", Kind::Bytes);
    pub static MNID_GUTI: FieldDef = FieldDef::new("mip6.mnid.guti", "GUTI", Kind::Bytes);
    pub static MNID_DUID: FieldDef = FieldDef::new("mip6.mnid.duid", "DUID", Kind::Bytes);
    pub static MNID_DATA: FieldDef = FieldDef::new("mip6.mnid.data", "Identifier (raw)", Kind::Bytes);
}

pub static MNID_LEN_INVALID: ExpertDef = ExpertDef::new(
    "mip6.mnid.len.invalid",
    Group::Protocol,
    Severity::Warn,
    "Mobile Node Identifier length does not fit its subtype (RFC 8371)",
);

/// IMSI digits from TBCD octets (low nibble first; 0xF is filler).
pub fn tbcd_digits(b: &[u8], out: &mut String) {
    let _ = write!(out, "{}", Tbcd(b));
}

/// TBCD digits written where they are shown, without a `String` per frame.
#[derive(Clone, Copy)]
struct Tbcd<'b>(&'b [u8]);

impl std::fmt::Display for Tbcd<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for &o in self.0 {
            for nib in [o & 0x0f, o >> 4] {
                match nib {
                    0..=9 => f.write_char(char::from(b'0' + nib))?,
                    0xf => return Ok(()),
                    _ => f.write_char('?')?,
                }
            }
        }
        Ok(())
    }
}

impl MnidSubtype {
    /// The identifier length the subtype fixes (RFC 8371 §4), if it fixes one.
    pub const fn fixed_len(self) -> Option<usize> {
        match self {
            MnidSubtype::Ipv6 => Some(16),
            MnidSubtype::PTmsi => Some(4),
            MnidSubtype::Eui48 => Some(6),
            MnidSubtype::Eui64 => Some(8),
            _ => None,
        }
    }
}

fn mnid(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(v) = MnidFixed::dissect(t, c.off, c.end) else { return };
    let (o, e) = (c.off + MnidFixed::LEN, c.end);
    let n = e - o;
    if n == 0 {
        // RFC 4283 §3: an identifier follows the subtype; Length 1 leaves none.
        t.expert(
            &expert::OPT_LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!("Mobile Node Identifier length 1, should be >= 2 (no identifier)")),
        );
        return;
    }
    match Identifier::<&[u8]>::parse(v.subtype, t.bytes(o, e)) {
        Identifier::Nai(b) => {
            t.add(&MNID_IDENTIFIER, o, n, Value::Str);
            t.append(c.node, format_args!(": {}", crate::text::Shown(b, MNID_IDENTIFIER.enc)));
        }
        Identifier::Ipv6(a) => {
            t.add(&MNID_IPV6, o, 16, Value::Ipv6(a.0));
            t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a.0)));
        }
        Identifier::Imsi(b) => {
            let digits = Tbcd(b);
            let r = t.arena(format_args!("{digits}"));
            t.add(&MNID_IMSI, o, n, Value::Text(r.0, r.1));
            t.append(c.node, format_args!(": IMSI {digits}"));
        }
        Identifier::PTmsi(v) => {
            t.add_uint(&MNID_PTMSI, o, 4, u64::from(v));
            t.append(c.node, format_args!(": P-TMSI 0x{v:08x}"));
        }
        Identifier::Eui48(a) => {
            t.add(&MNID_EUI48, o, 6, Value::Ether(a));
        }
        Identifier::Eui64(_) => raw(t, &MNID_EUI64, o, e),
        Identifier::Other(_) => match v.subtype.fixed_len() {
            Some(want) => {
                t.expert(
                    &MNID_LEN_INVALID,
                    o,
                    n,
                    Some(format_args!(
                        "{} identifier of {n} octets, should be {want}",
                        name_of(MNID_SUBTYPE_VALS, v.subtype.value())
                    )),
                );
                raw(t, &MNID_DATA, o, e);
            }
            None if v.subtype == MnidSubtype::Guti => raw(t, &MNID_GUTI, o, e),
            None if v.subtype == MnidSubtype::Duid => raw(t, &MNID_DUID, o, e),
            None => raw(t, &MNID_DATA, o, e),
        },
    }
}

/// A mobile node's (or a MAG's) identifier, typed by its subtype where the length fits the
/// subtype (RFC 4283, RFC 8371 §4), octets otherwise. Generic over storage: the dissector
/// reads `Identifier<&[u8]>` in place, a crafter builds `Identifier<Vec<u8>>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier<B = Vec<u8>> {
    /// A Network Access Identifier (RFC 7542), as octets.
    Nai(B),
    Ipv6(Ip6),
    /// TBCD digits, low nibble first (RFC 8371 §4.2).
    Imsi(B),
    PTmsi(u32),
    Eui48([u8; 6]),
    Eui64([u8; 8]),
    /// GUTI, DUID, an unknown subtype, or a length the subtype does not have.
    Other(B),
}

impl<'a, B: From<&'a [u8]>> Identifier<B> {
    /// The identifier of `subtype` in `d`; any octets parse.
    pub fn parse(subtype: MnidSubtype, d: &'a [u8]) -> Self {
        // Each fixed-size subtype reads exactly its octets; any other length is kept as `Other`.
        let exact = Reader::new(d);
        let typed = match subtype {
            MnidSubtype::Nai => Some(Identifier::Nai(B::from(d))),
            MnidSubtype::Ipv6 => exact.exact::<16>().map(|a| Identifier::Ipv6(Ip6(a))),
            MnidSubtype::Imsi if !d.is_empty() => Some(Identifier::Imsi(B::from(d))),
            MnidSubtype::PTmsi => exact.exact::<4>().map(|a| Identifier::PTmsi(u32::from_be_bytes(a))),
            MnidSubtype::Eui48 => exact.exact::<6>().map(Identifier::Eui48),
            MnidSubtype::Eui64 => exact.exact::<8>().map(Identifier::Eui64),
            _ => None,
        };
        typed.unwrap_or_else(|| Identifier::Other(B::from(d)))
    }
}

impl<B: AsRef<[u8]>> Identifier<B> {
    /// Appends the identifier's octets.
    pub fn emit(&self, out: &mut Vec<u8>) {
        match self {
            Identifier::Nai(b) | Identifier::Imsi(b) | Identifier::Other(b) => out.extend_from_slice(b.as_ref()),
            Identifier::Ipv6(a) => out.extend_from_slice(&a.0),
            Identifier::PTmsi(v) => out.extend_from_slice(&v.to_be_bytes()),
            Identifier::Eui48(a) => out.extend_from_slice(a),
            Identifier::Eui64(a) => out.extend_from_slice(a),
        }
    }
}

/// Mobile Node Identifier data: the subtype and the identifier it types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MobileNodeId {
    pub fixed: MnidFixed,
    pub id: Identifier,
}

impl Body for MobileNodeId {
    fn parse_body(data: &[u8]) -> Option<Self> {
        let (rest, fixed) = MnidFixed::parse(data).ok()?;
        Some(MobileNodeId { fixed, id: Identifier::parse(fixed.subtype, rest) })
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        self.fixed.emit(out);
        self.id.emit(out);
        Ok(())
    }
}

options! {
    /// The Mobile Node Identifier, owned.
    pub enum MnidOpt => Mnid {
        MobileNodeId(MobileNodeId) = OptType::MobileNodeIdentifier, "Mobile Node Identifier", &P_MNID, Min(1), NO_ALIGN, mnid;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[&MNID_LEN_INVALID];
