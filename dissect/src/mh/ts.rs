//! RFC 6088 binary traffic selectors (IPv4: TS Format 1, §3.1; IPv6: TS Format 2, §3.2), as
//! carried by the Flow Identification option's Traffic Selector sub-option (RFC 6089
//! §4.2.1.4) and the QoS option's traffic-selector attribute (RFC 7222 §4.2.10).
//!
//! A selector is a 32-bit word of flags, one per optional field, then the fields whose flags
//! are set, in the figures' order (Start and End of a range adjacent); nothing else says how
//! long it is, so the length the carrier gives must match what the flags announce.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;
use crate::wire::{Ip4, Ip6, Reader};

crate::code_points! {
    /// TS Format (RFC 6088 §3, repeated in RFC 6909 §3.1): the carriers' format octet.
    pub enum TsFormat: u8 { Reserved = 0 => "Reserved", Ipv4 = 1 => "IPv4 binary traffic selector", Ipv6 = 2 => "IPv6 binary traffic selector" }
}
crate::mh::opt::wire_code!(TsFormat: u8);
/// TS Format names: [`TsFormat`]'s table.
pub static FORMAT_VALS: &[(u64, &str)] = TsFormat::VALS;

crate::flags! {
    /// RFC 6088 §3.1 IPv4 binary traffic selector flags: one bit per optional field, 18 reserved.
    pub struct Ts4Flags: u32 {
        A = 0x8000_0000 => 'A' "Start Source Address",
        B = 0x4000_0000 => 'B' "End Source Address",
        C = 0x2000_0000 => 'C' "Start Destination Address",
        D = 0x1000_0000 => 'D' "End Destination Address",
        E = 0x0800_0000 => 'E' "Start IPsec SPI",
        F = 0x0400_0000 => 'F' "End IPsec SPI",
        G = 0x0200_0000 => 'G' "Start Source Port",
        H = 0x0100_0000 => 'H' "End Source Port",
        I = 0x0080_0000 => 'I' "Start Destination Port",
        J = 0x0040_0000 => 'J' "End Destination Port",
        K = 0x0020_0000 => 'K' "Start DS",
        L = 0x0010_0000 => 'L' "End DS",
        M = 0x0008_0000 => 'M' "Start Protocol",
        N = 0x0004_0000 => 'N' "End Protocol",
    }
}
crate::flags! {
    /// RFC 6088 §3.2 IPv6 binary traffic selector flags: one bit per optional field, 16 reserved.
    pub struct Ts6Flags: u32 {
        A = 0x8000_0000 => 'A' "Start Source Address",
        B = 0x4000_0000 => 'B' "End Source Address",
        C = 0x2000_0000 => 'C' "Start Destination Address",
        D = 0x1000_0000 => 'D' "End Destination Address",
        E = 0x0800_0000 => 'E' "Start IPsec SPI",
        F = 0x0400_0000 => 'F' "End IPsec SPI",
        G = 0x0200_0000 => 'G' "Start Flow Label",
        H = 0x0100_0000 => 'H' "End Flow Label",
        I = 0x0080_0000 => 'I' "Start Source Port",
        J = 0x0040_0000 => 'J' "End Source Port",
        K = 0x0020_0000 => 'K' "Start Destination Port",
        L = 0x0010_0000 => 'L' "End Destination Port",
        M = 0x0008_0000 => 'M' "Start Traffic Class",
        N = 0x0004_0000 => 'N' "End Traffic Class",
        O = 0x0002_0000 => 'O' "Start Next Header",
        P = 0x0001_0000 => 'P' "End Next Header",
    }
}

pub static FLAGS: FieldDef = FieldDef::new("mip6.ts.flags", "Traffic Selector Flags", Kind::Uint(4)).hex();
pub static V4_RESERVED: FieldDef =
    FieldDef::new("mip6.ts.ipv4.reserved", "Reserved", Kind::Uint(4)).hex().mask(Ts4Flags::RESERVED as u64);
pub static V6_RESERVED: FieldDef =
    FieldDef::new("mip6.ts.ipv6.reserved", "Reserved", Kind::Uint(4)).hex().mask(Ts6Flags::RESERVED as u64);

pub static IPV4_FLAG_A: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.a", "Start Source Address (A)", Kind::Bool(4))
    .mask(Ts4Flags::A as u64)
    .tfs("Present", "Absent");
pub static IPV4_START_SRC: FieldDef = FieldDef::new("mip6.ts.ipv4.start_src", "Start Source Address", Kind::Ipv4);
pub static IPV4_FLAG_B: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.b", "End Source Address (B)", Kind::Bool(4))
    .mask(Ts4Flags::B as u64)
    .tfs("Present", "Absent");
pub static IPV4_END_SRC: FieldDef = FieldDef::new("mip6.ts.ipv4.end_src", "End Source Address", Kind::Ipv4);
pub static IPV4_FLAG_C: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.c", "Start Destination Address (C)", Kind::Bool(4))
    .mask(Ts4Flags::C as u64)
    .tfs("Present", "Absent");
pub static IPV4_START_DST: FieldDef = FieldDef::new("mip6.ts.ipv4.start_dst", "Start Destination Address", Kind::Ipv4);
pub static IPV4_FLAG_D: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.d", "End Destination Address (D)", Kind::Bool(4))
    .mask(Ts4Flags::D as u64)
    .tfs("Present", "Absent");
pub static IPV4_END_DST: FieldDef = FieldDef::new("mip6.ts.ipv4.end_dst", "End Destination Address", Kind::Ipv4);
pub static IPV4_FLAG_E: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.e", "Start IPsec SPI (E)", Kind::Bool(4)).mask(Ts4Flags::E as u64).tfs("Present", "Absent");
pub static IPV4_START_SPI: FieldDef = FieldDef::new("mip6.ts.ipv4.start_spi", "Start IPsec SPI", Kind::Uint(4)).hex();
pub static IPV4_FLAG_F: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.f", "End IPsec SPI (F)", Kind::Bool(4)).mask(Ts4Flags::F as u64).tfs("Present", "Absent");
pub static IPV4_END_SPI: FieldDef = FieldDef::new("mip6.ts.ipv4.end_spi", "End IPsec SPI", Kind::Uint(4)).hex();
pub static IPV4_FLAG_G: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.g", "Start Source Port (G)", Kind::Bool(4))
    .mask(Ts4Flags::G as u64)
    .tfs("Present", "Absent");
pub static IPV4_START_SPORT: FieldDef = FieldDef::new("mip6.ts.ipv4.start_sport", "Start Source Port", Kind::Uint(2));
pub static IPV4_FLAG_H: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.h", "End Source Port (H)", Kind::Bool(4)).mask(Ts4Flags::H as u64).tfs("Present", "Absent");
pub static IPV4_END_SPORT: FieldDef = FieldDef::new("mip6.ts.ipv4.end_sport", "End Source Port", Kind::Uint(2));
pub static IPV4_FLAG_I: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.i", "Start Destination Port (I)", Kind::Bool(4))
    .mask(Ts4Flags::I as u64)
    .tfs("Present", "Absent");
pub static IPV4_START_DPORT: FieldDef = FieldDef::new("mip6.ts.ipv4.start_dport", "Start Destination Port", Kind::Uint(2));
pub static IPV4_FLAG_J: FieldDef = FieldDef::new("mip6.ts.ipv4.flag.j", "End Destination Port (J)", Kind::Bool(4))
    .mask(Ts4Flags::J as u64)
    .tfs("Present", "Absent");
pub static IPV4_END_DPORT: FieldDef = FieldDef::new("mip6.ts.ipv4.end_dport", "End Destination Port", Kind::Uint(2));
pub static IPV4_FLAG_K: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.k", "Start DS (K)", Kind::Bool(4)).mask(Ts4Flags::K as u64).tfs("Present", "Absent");
pub static IPV4_START_DS: FieldDef = FieldDef::new("mip6.ts.ipv4.start_ds", "Start DS", Kind::Uint(1))
    .mask(0xfc)
    .blurb("The 6 most significant bits are compared (RFC 6088)");
pub static IPV4_FLAG_L: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.l", "End DS (L)", Kind::Bool(4)).mask(Ts4Flags::L as u64).tfs("Present", "Absent");
pub static IPV4_END_DS: FieldDef = FieldDef::new("mip6.ts.ipv4.end_ds", "End DS", Kind::Uint(1))
    .mask(0xfc)
    .blurb("The 6 most significant bits are compared (RFC 6088)");
pub static IPV4_FLAG_M: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.m", "Start Protocol (M)", Kind::Bool(4)).mask(Ts4Flags::M as u64).tfs("Present", "Absent");
pub static IPV4_START_PROTO: FieldDef =
    FieldDef::new("mip6.ts.ipv4.start_proto", "Start Protocol", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static IPV4_FLAG_N: FieldDef =
    FieldDef::new("mip6.ts.ipv4.flag.n", "End Protocol (N)", Kind::Bool(4)).mask(Ts4Flags::N as u64).tfs("Present", "Absent");
pub static IPV4_END_PROTO: FieldDef =
    FieldDef::new("mip6.ts.ipv4.end_proto", "End Protocol", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static IPV6_FLAG_A: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.a", "Start Source Address (A)", Kind::Bool(4))
    .mask(Ts6Flags::A as u64)
    .tfs("Present", "Absent");
pub static IPV6_START_SRC: FieldDef = FieldDef::new("mip6.ts.ipv6.start_src", "Start Source Address", Kind::Ipv6);
pub static IPV6_FLAG_B: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.b", "End Source Address (B)", Kind::Bool(4))
    .mask(Ts6Flags::B as u64)
    .tfs("Present", "Absent");
pub static IPV6_END_SRC: FieldDef = FieldDef::new("mip6.ts.ipv6.end_src", "End Source Address", Kind::Ipv6);
pub static IPV6_FLAG_C: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.c", "Start Destination Address (C)", Kind::Bool(4))
    .mask(Ts6Flags::C as u64)
    .tfs("Present", "Absent");
pub static IPV6_START_DST: FieldDef = FieldDef::new("mip6.ts.ipv6.start_dst", "Start Destination Address", Kind::Ipv6);
pub static IPV6_FLAG_D: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.d", "End Destination Address (D)", Kind::Bool(4))
    .mask(Ts6Flags::D as u64)
    .tfs("Present", "Absent");
pub static IPV6_END_DST: FieldDef = FieldDef::new("mip6.ts.ipv6.end_dst", "End Destination Address", Kind::Ipv6);
pub static IPV6_FLAG_E: FieldDef =
    FieldDef::new("mip6.ts.ipv6.flag.e", "Start IPsec SPI (E)", Kind::Bool(4)).mask(Ts6Flags::E as u64).tfs("Present", "Absent");
pub static IPV6_START_SPI: FieldDef = FieldDef::new("mip6.ts.ipv6.start_spi", "Start IPsec SPI", Kind::Uint(4)).hex();
pub static IPV6_FLAG_F: FieldDef =
    FieldDef::new("mip6.ts.ipv6.flag.f", "End IPsec SPI (F)", Kind::Bool(4)).mask(Ts6Flags::F as u64).tfs("Present", "Absent");
pub static IPV6_END_SPI: FieldDef = FieldDef::new("mip6.ts.ipv6.end_spi", "End IPsec SPI", Kind::Uint(4)).hex();
pub static IPV6_FLAG_G: FieldDef =
    FieldDef::new("mip6.ts.ipv6.flag.g", "Start Flow Label (G)", Kind::Bool(4)).mask(Ts6Flags::G as u64).tfs("Present", "Absent");
pub static IPV6_START_FLOW: FieldDef =
    FieldDef::new("mip6.ts.ipv6.start_flow", "Start Flow Label", Kind::Uint(4)).hex().mask(0x000f_ffff);
pub static IPV6_FLAG_H: FieldDef =
    FieldDef::new("mip6.ts.ipv6.flag.h", "End Flow Label (H)", Kind::Bool(4)).mask(Ts6Flags::H as u64).tfs("Present", "Absent");
pub static IPV6_END_FLOW: FieldDef =
    FieldDef::new("mip6.ts.ipv6.end_flow", "End Flow Label", Kind::Uint(4)).hex().mask(0x000f_ffff);
pub static IPV6_FLAG_I: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.i", "Start Source Port (I)", Kind::Bool(4))
    .mask(Ts6Flags::I as u64)
    .tfs("Present", "Absent");
pub static IPV6_START_SPORT: FieldDef = FieldDef::new("mip6.ts.ipv6.start_sport", "Start Source Port", Kind::Uint(2));
pub static IPV6_FLAG_J: FieldDef =
    FieldDef::new("mip6.ts.ipv6.flag.j", "End Source Port (J)", Kind::Bool(4)).mask(Ts6Flags::J as u64).tfs("Present", "Absent");
pub static IPV6_END_SPORT: FieldDef = FieldDef::new("mip6.ts.ipv6.end_sport", "End Source Port", Kind::Uint(2));
pub static IPV6_FLAG_K: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.k", "Start Destination Port (K)", Kind::Bool(4))
    .mask(Ts6Flags::K as u64)
    .tfs("Present", "Absent");
pub static IPV6_START_DPORT: FieldDef = FieldDef::new("mip6.ts.ipv6.start_dport", "Start Destination Port", Kind::Uint(2));
pub static IPV6_FLAG_L: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.l", "End Destination Port (L)", Kind::Bool(4))
    .mask(Ts6Flags::L as u64)
    .tfs("Present", "Absent");
pub static IPV6_END_DPORT: FieldDef = FieldDef::new("mip6.ts.ipv6.end_dport", "End Destination Port", Kind::Uint(2));
pub static IPV6_FLAG_M: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.m", "Start Traffic Class (M)", Kind::Bool(4))
    .mask(Ts6Flags::M as u64)
    .tfs("Present", "Absent");
pub static IPV6_START_TC: FieldDef = FieldDef::new("mip6.ts.ipv6.start_tc", "Start Traffic Class", Kind::Uint(1))
    .mask(0xfc)
    .blurb("The 6 most significant bits are compared (RFC 6088)");
pub static IPV6_FLAG_N: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.n", "End Traffic Class (N)", Kind::Bool(4))
    .mask(Ts6Flags::N as u64)
    .tfs("Present", "Absent");
pub static IPV6_END_TC: FieldDef = FieldDef::new("mip6.ts.ipv6.end_tc", "End Traffic Class", Kind::Uint(1))
    .mask(0xfc)
    .blurb("The 6 most significant bits are compared (RFC 6088)");
pub static IPV6_FLAG_O: FieldDef = FieldDef::new("mip6.ts.ipv6.flag.o", "Start Next Header (O)", Kind::Bool(4))
    .mask(Ts6Flags::O as u64)
    .tfs("Present", "Absent");
pub static IPV6_START_NH: FieldDef =
    FieldDef::new("mip6.ts.ipv6.start_nh", "Start Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static IPV6_FLAG_P: FieldDef =
    FieldDef::new("mip6.ts.ipv6.flag.p", "End Next Header (P)", Kind::Bool(4)).mask(Ts6Flags::P as u64).tfs("Present", "Absent");
pub static IPV6_END_NH: FieldDef =
    FieldDef::new("mip6.ts.ipv6.end_nh", "End Next Header", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);

pub static LEN_MISMATCH: ExpertDef = ExpertDef::new(
    "mip6.ts.len.invalid",
    Group::Malformed,
    Severity::Error,
    "Traffic selector length does not match the fields its flags announce (RFC 6088)",
);
pub static END_WITHOUT_START: ExpertDef = ExpertDef::new(
    "mip6.ts.end_without_start",
    Group::Protocol,
    Severity::Warn,
    "Traffic selector End field without its Start field (RFC 6088 §3.1/§3.2: MUST NOT)",
);

/// Flag, value field and width of each optional field, in wire order.
type Layout = [(&'static FieldDef, &'static FieldDef, usize)];

/// Declares the two layouts (`V4`, `V6`: each optional field's flag, value field and width, in
/// wire order) and `FIELDS` from them: the fields before the layouts, then each layout's flags
/// and values.
macro_rules! layouts {
    ($($fixed:ident),* ; v4: $(($f4:ident, $v4:ident, $w4:literal),)* ; v6: $(($f6:ident, $v6:ident, $w6:literal),)*) => {
        static V4: &Layout = &[$((&$f4, &$v4, $w4)),*];
        static V6: &Layout = &[$((&$f6, &$v6, $w6)),*];
        pub static FIELDS: &[&FieldDef] = &[$(&$fixed,)* $(&$f4,)* $(&$v4,)* $(&$f6,)* $(&$v6,)*];
    };
}
layouts! {
    FLAGS, V4_RESERVED, V6_RESERVED;
    v4:
        (IPV4_FLAG_A, IPV4_START_SRC, 4),
        (IPV4_FLAG_B, IPV4_END_SRC, 4),
        (IPV4_FLAG_C, IPV4_START_DST, 4),
        (IPV4_FLAG_D, IPV4_END_DST, 4),
        (IPV4_FLAG_E, IPV4_START_SPI, 4),
        (IPV4_FLAG_F, IPV4_END_SPI, 4),
        (IPV4_FLAG_G, IPV4_START_SPORT, 2),
        (IPV4_FLAG_H, IPV4_END_SPORT, 2),
        (IPV4_FLAG_I, IPV4_START_DPORT, 2),
        (IPV4_FLAG_J, IPV4_END_DPORT, 2),
        (IPV4_FLAG_K, IPV4_START_DS, 1),
        (IPV4_FLAG_L, IPV4_END_DS, 1),
        (IPV4_FLAG_M, IPV4_START_PROTO, 1),
        (IPV4_FLAG_N, IPV4_END_PROTO, 1),
    ;
    v6:
        (IPV6_FLAG_A, IPV6_START_SRC, 16),
        (IPV6_FLAG_B, IPV6_END_SRC, 16),
        (IPV6_FLAG_C, IPV6_START_DST, 16),
        (IPV6_FLAG_D, IPV6_END_DST, 16),
        (IPV6_FLAG_E, IPV6_START_SPI, 4),
        (IPV6_FLAG_F, IPV6_END_SPI, 4),
        (IPV6_FLAG_G, IPV6_START_FLOW, 4),
        (IPV6_FLAG_H, IPV6_END_FLOW, 4),
        (IPV6_FLAG_I, IPV6_START_SPORT, 2),
        (IPV6_FLAG_J, IPV6_END_SPORT, 2),
        (IPV6_FLAG_K, IPV6_START_DPORT, 2),
        (IPV6_FLAG_L, IPV6_END_DPORT, 2),
        (IPV6_FLAG_M, IPV6_START_TC, 1),
        (IPV6_FLAG_N, IPV6_END_TC, 1),
        (IPV6_FLAG_O, IPV6_START_NH, 1),
        (IPV6_FLAG_P, IPV6_END_NH, 1),
}

/// The fields flags word `w` announces in `data` (the octets after the flags), in wire order:
/// each field's index in `layout`, its offset in `data`, its value field, and its octets
/// (`None` for the first field the octets run out in, after which the walk ends). The walk
/// the dissector and [`Selector`] share.
fn announced<'a>(
    layout: &'static Layout,
    w: u32,
    data: &'a [u8],
) -> impl Iterator<Item = (usize, usize, &'static FieldDef, Option<&'a [u8]>)> + 'a {
    let mut p = 0;
    let mut done = false;
    layout.iter().enumerate().filter(move |(i, _)| w & (0x8000_0000 >> i) != 0).map_while(move |(i, (_, def, width))| {
        if done {
            return None;
        }
        let b = data.get(p..p + width);
        done = b.is_none();
        let at = p;
        p += width;
        Some((i, at, *def, b))
    })
}

/// One optional field's value, in the width its flag announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TsValue {
    Ip4(Ip4),
    Ip6(Ip6),
    U32(u32),
    U16(u16),
    U8(u8),
}

impl TsValue {
    fn emit(&self, out: &mut Vec<u8>) {
        match self {
            TsValue::Ip4(a) => out.extend_from_slice(&a.0),
            TsValue::Ip6(a) => out.extend_from_slice(&a.0),
            TsValue::U32(v) => out.extend_from_slice(&v.to_be_bytes()),
            TsValue::U16(v) => out.extend_from_slice(&v.to_be_bytes()),
            TsValue::U8(v) => out.push(*v),
        }
    }
}

/// A traffic selector, owned: the flags word and the values of the fields it announces, in
/// wire order (read with the dissector's field tables, `V4` and `V6`), then any octets
/// past them (or a field cut short) in `trailer`. An unknown format, or fewer than the 4
/// octets of flags, is kept as octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    V4 { flags: Ts4Flags, values: Vec<TsValue>, trailer: Vec<u8> },
    V6 { flags: Ts6Flags, values: Vec<TsValue>, trailer: Vec<u8> },
    Other(Vec<u8>),
}

impl Selector {
    /// The selector of `format` in `data`; any octets parse.
    pub fn parse(format: TsFormat, data: &[u8]) -> Self {
        let layout = match format {
            TsFormat::Ipv4 => V4,
            TsFormat::Ipv6 => V6,
            _ => return Selector::Other(data.to_vec()),
        };
        let Some((w, rest)) = data.split_first_chunk::<4>().map(|(w, r)| (u32::from_be_bytes(*w), r)) else {
            return Selector::Other(data.to_vec());
        };
        let mut values = Vec::new();
        let mut used = 0;
        for (_, at, def, b) in announced(layout, w, rest) {
            let Some(b) = b else { break };
            let rd = Reader::new(b);
            // Each value reads exactly its field's width; a width the kind cannot have (no
            // layout row has one) ends the values there, its octets kept in the trailer.
            let v = match (def.kind, b.len()) {
                (Kind::Ipv4, _) => rd.exact().map(|a| TsValue::Ip4(Ip4(a))),
                (Kind::Ipv6, _) => rd.exact().map(|a| TsValue::Ip6(Ip6(a))),
                (_, 4) => rd.exact().map(|a| TsValue::U32(u32::from_be_bytes(a))),
                (_, 2) => rd.exact().map(|a| TsValue::U16(u16::from_be_bytes(a))),
                _ => rd.exact().map(|[v]| TsValue::U8(v)),
            };
            let Some(v) = v else { break };
            used = at + b.len();
            values.push(v);
        }
        let trailer = rest.get(used..).unwrap_or_default().to_vec();
        match format {
            TsFormat::Ipv4 => Selector::V4 { flags: Ts4Flags(w), values, trailer },
            _ => Selector::V6 { flags: Ts6Flags(w), values, trailer },
        }
    }
    /// Appends the selector's octets.
    pub fn emit(&self, out: &mut Vec<u8>) {
        let (w, values, trailer) = match self {
            Selector::V4 { flags, values, trailer } => (flags.0, values, trailer),
            Selector::V6 { flags, values, trailer } => (flags.0, values, trailer),
            Selector::Other(b) => {
                out.extend_from_slice(b);
                return;
            }
        };
        out.extend_from_slice(&w.to_be_bytes());
        for v in values {
            v.emit(out);
        }
        out.extend_from_slice(trailer);
    }
}

/// Decodes the selector in `off..end` of the given TS Format (IPv4 or IPv6); anything else
/// is left to the caller's raw node. Returns false when the format is unknown.
pub fn dissect(t: &mut Tree<'_>, format: u8, off: usize, end: usize) -> bool {
    let (layout, reserved) = match TsFormat::from(format) {
        TsFormat::Ipv4 => (V4, &V4_RESERVED),
        TsFormat::Ipv6 => (V6, &V6_RESERVED),
        _ => return false,
    };
    let Some(w) = t.rd().u32(off).filter(|_| off + 4 <= end) else {
        t.expert(
            &LEN_MISMATCH,
            off,
            end.saturating_sub(off),
            Some(format_args!("{} octets, the flags alone need 4", end.saturating_sub(off))),
        );
        return true;
    };
    let fl = t.add_uint(&FLAGS, off, 4, u64::from(w));
    t.open(fl);
    for (flag, _, _) in layout {
        t.add_uint(flag, off, 4, u64::from(w));
    }
    t.add_uint(reserved, off, 4, u64::from(w));
    t.close();
    let need: usize = 4 + layout.iter().enumerate().filter(|(i, _)| w & (0x8000_0000 >> i) != 0).map(|(_, f)| f.2).sum::<usize>();
    if need != end - off {
        t.expert(&LEN_MISMATCH, off, end - off, Some(format_args!("{} octets, the flags announce {need}", end - off)));
    }
    let mut p = off + 4;
    for (i, at, def, b) in announced(layout, w, t.bytes(off + 4, end)) {
        // Odd positions are End fields; their Start is the one before.
        if i % 2 == 1 && w & (0x8000_0000 >> (i - 1)) == 0 {
            t.expert(&END_WITHOUT_START, off, 4, Some(format_args!("{}", def.name)));
        }
        let Some(b) = b else { break };
        let at = off + 4 + at;
        match def.kind {
            Kind::Ipv4 => {
                let a: [u8; 4] = b.try_into().unwrap_or_default();
                t.add(def, at, 4, Value::Ipv4(a));
            }
            Kind::Ipv6 => {
                let a: [u8; 16] = b.try_into().unwrap_or_default();
                t.add(def, at, 16, Value::Ipv6(a));
            }
            _ => {
                let v = b.iter().fold(0u64, |acc, &x| (acc << 8) | u64::from(x));
                t.add_uint(def, at, b.len(), v);
            }
        }
        p = at + b.len();
    }
    if p < end && need < end - off {
        t.add(&crate::mh::opt::OPT_DATA, p, end - p, Value::Bytes);
    }
    true
}

/// A carrier's selector octets `at..end` as one `def` node, with the fields beneath when the
/// format is known (nothing when empty).
pub fn subtree(t: &mut Tree<'_>, def: &'static FieldDef, format: u8, at: usize, end: usize) {
    if at >= end {
        return;
    }
    let node = t.add(def, at, end - at, Value::Bytes);
    t.open(node);
    dissect(t, format, at, end);
    t.close();
}

pub static EXPERTS: &[&ExpertDef] = &[&LEN_MISMATCH, &END_WITHOUT_START];

#[cfg(test)]
mod tests {
    use super::*;

    /// The layouts are the rows: each optional field's flag is the bit its index announces
    /// (`announced` reads bit `0x8000_0000 >> i`), and its width is its value field's.
    #[test]
    fn flags_and_widths_follow_the_layouts() {
        for layout in [V4, V6] {
            for (i, (flag, value, width)) in layout.iter().enumerate() {
                assert_eq!(flag.mask, 0x8000_0000 >> i, "{}", flag.abbrev);
                let w = match value.kind {
                    Kind::Ipv4 => 4,
                    Kind::Ipv6 => 16,
                    Kind::Uint(n) => usize::from(n),
                    k => panic!("{}: {k:?}", value.abbrev),
                };
                assert_eq!(w, *width, "{}", value.abbrev);
            }
        }
    }
}
