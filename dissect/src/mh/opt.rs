//! Mobility options (RFC 6275 §6.2): the TLVs after a message's fixed part.
//!
//! The walk is Wireshark's containment rule: the length octet must be inside the options area
//! and the whole option must fit before any per-type decoding runs, and each option's decoder
//! sees only its own bytes. A known type whose length is wrong is shown raw with an expert item
//! and parsed as [`MhOption::Unknown`], so the owned form still re-emits identical bytes.

use super::expert;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;
use crate::wire::{Ip6, MipError, PResult};
use nom::error::{ErrorKind, ParseError};

pub static OPTIONS: FieldDef = FieldDef::new("mip6.options", "Mobility Options", Kind::None);
pub static OPT_TYPE: FieldDef = FieldDef::new("mip6.opt.type", "Type", Kind::Uint(1)).vals(OPT_VALS);
/// Second row of `mip6.opt.type`, for options a preference numbers (seed 004's Handover Home
/// Keygen Token, seed 002's Binding Identifier off 35): the node carries the name.
pub static OPT_TYPE_NAMED: FieldDef = FieldDef::new("mip6.opt.type", "Type", Kind::Uint(1)).node_named();
pub static OPT_LEN: FieldDef = FieldDef::new("mip6.mobility_opt.len", "Length", Kind::Uint(1));
pub static OPT_UNKNOWN: FieldDef = FieldDef::new("mip6.mobility_opt", "Mobility Option", Kind::Uint(1)).vals(OPT_VALS);
pub static OPT_DATA: FieldDef = FieldDef::new("mip6.mobility_opt.data", "Option Data", Kind::Bytes);

pub static P_PAD1: FieldDef = FieldDef::new("mip6.options.pad1", "MIPv6 Option - Pad1", Kind::Protocol);
pub static P_PADN: FieldDef = FieldDef::new("mip6.options.padn", "MIPv6 Option - PadN", Kind::Protocol);
pub static P_BRA: FieldDef = FieldDef::new("mip6.options.bra", "MIPv6 Option - Binding Refresh Advice", Kind::Protocol);
pub static P_ACOA: FieldDef = FieldDef::new("mip6.options.acoa", "MIPv6 Option - Alternate Care-of Address", Kind::Protocol);
pub static P_NI: FieldDef = FieldDef::new("mip6.options.ni", "MIPv6 Option - Nonce Indices", Kind::Protocol);
pub static P_BAD: FieldDef = FieldDef::new("mip6.options.bad_auth", "MIPv6 Option - Authorization Data", Kind::Protocol);
pub static P_MNP: FieldDef = FieldDef::new("mip6.options.mnp", "MIPv6 Option - Mobile Network Prefix", Kind::Protocol);
pub static P_MHLLA: FieldDef =
    FieldDef::new("mip6.options.mhlla", "MIPv6 Option - Mobility Header Link-Layer Address", Kind::Protocol);
pub static P_UNKNOWN: FieldDef = FieldDef::new("mip6.options.unknown", "MIPv6 Option - Unknown", Kind::Protocol);

pub static PADN: FieldDef = FieldDef::new("mip6.padn", "PadN", Kind::Bytes);
pub static BRA_INTERVAL: FieldDef = FieldDef::new("mip6.bra.interval", "Refresh interval", Kind::Uint(2))
    .custom(super::msg::four_seconds)
    .blurb("Units of 4 seconds");
pub static ACOA: FieldDef = FieldDef::new("mip6.acoa.acoa", "Alternate care-of address", Kind::Ipv6);
pub static NI_HNI: FieldDef = FieldDef::new("mip6.ni.hni", "Home nonce index", Kind::Uint(2));
pub static NI_CNI: FieldDef = FieldDef::new("mip6.ni.cni", "Care-of nonce index", Kind::Uint(2));
pub static BAD_AUTH: FieldDef = FieldDef::new("mip6.bad.auth", "Authenticator", Kind::Bytes);
pub static MNP_RESERVED: FieldDef = FieldDef::new("mip6.nemo.mnp.reserved", "Reserved", Kind::Uint(1)).hex();
pub static MNP_PFL: FieldDef = FieldDef::new("mip6.nemo.mnp.pfl", "Mobile Network Prefix Length", Kind::Uint(1));
pub static MNP_MNP: FieldDef = FieldDef::new("mip6.nemo.mnp.mnp", "Mobile Network Prefix", Kind::Ipv6);
/// RFC 5568 §6.4.3 option codes (the MH option of §6.4.4 "is identical to the LLA option"),
/// in Wireshark's words.
static LLA_CODE_VALS: &[(u64, &str)] = &[
    (0, "Wildcard"),
    (1, "Link-layer Address of the New Access Point"),
    (2, "Link-layer Address of the MN"),
    (3, "Link-layer Address of the NAR"),
    (4, "Link-layer Address of the source"),
    (5, "The AP belongs to the current interface of the router"),
    (6, "No prefix information available"),
    (7, "No fast handovers support available"),
];
pub static LLA_OPTCODE: FieldDef = FieldDef::new("mip6.lla.optcode", "Option-Code", Kind::Uint(1)).vals(LLA_CODE_VALS);
pub static LLA: FieldDef = FieldDef::new("mip6.lla", "Link-layer address", Kind::Bytes).base(crate::field::Base::Colon);

/// IANA's mobility option names (types 0–70).
pub static OPT_VALS: &[(u64, &str)] = &[
    (0, "Pad1"),
    (1, "PadN"),
    (2, "Binding Refresh Advice"),
    (3, "Alternate Care-of Address"),
    (4, "Nonce Indices"),
    (5, "Authorization Data"),
    (6, "Mobile Network Prefix"),
    (7, "Mobility Header Link-Layer Address"),
    (8, "Mobile Node Identifier"),
    (9, "AUTH-OPTION-TYPE"),
    (10, "MESG-ID-OPTION-TYPE"),
    (11, "CGA Parameters Request"),
    (12, "CGA Parameters"),
    (13, "Signature"),
    (14, "Permanent Home Keygen Token"),
    (15, "Care-of Test Init"),
    (16, "Care-of Test"),
    (17, "DNS-UPDATE-TYPE"),
    (18, "Experimental Mobility Option"),
    (19, "Vendor Specific Mobility Option"),
    (20, "Service Selection Mobility Option"),
    (21, "Binding Authorization Data for FMIPv6 (BADF)"),
    (22, "Home Network Prefix"),
    (23, "Handoff Indicator"),
    (24, "Access Technology Type"),
    (25, "Mobile Node Link-layer Identifier"),
    (26, "Link-local Address"),
    (27, "Timestamp"),
    (28, "Restart Counter"),
    (29, "IPv4 Home Address"),
    (30, "IPv4 Address Acknowledgement"),
    (31, "NAT Detection"),
    (32, "IPv4 Care-of Address"),
    (33, "GRE Key"),
    (34, "Mobility Header IPv6 Address/Prefix"),
    (35, "Binding Identifier"),
    (36, "IPv4 Home Address Request"),
    (37, "IPv4 Home Address Reply"),
    (38, "IPv4 Default-Router Address"),
    (39, "IPv4 DHCP Support Mode"),
    (40, "Context Request"),
    (41, "Local Mobility Anchor Address"),
    (42, "Mobile Node Link-local Address Interface Identifier"),
    (43, "Transient Binding"),
    (44, "Flow Summary"),
    (45, "Flow Identification"),
    (46, "Redirect-Capability"),
    (47, "Redirect"),
    (48, "Load Information"),
    (49, "Alternate IPv4 Care-of Address"),
    (50, "Mobile Node Group Identifier"),
    (51, "MAG IPv6 Address"),
    (52, "Access Network Identifier"),
    (53, "IPv4 Traffic Offload Selector"),
    (54, "Dynamic IP Multicast Selector"),
    (55, "Delegated Mobile Network Prefix"),
    (56, "Active Multicast Subscription IPv4"),
    (57, "Active Multicast Subscription IPv6"),
    (58, "Quality-of-Service"),
    (59, "LMA User-Plane Address"),
    (60, "Multicast Mobility Option"),
    (61, "Multicast Acknowledgement Option"),
    (62, "LMA-Controlled MAG Parameters"),
    (63, "MAG Multipath-Binding"),
    (64, "MAG Identifier"),
    (65, "Anchored Prefix"),
    (66, "Local Prefix"),
    (67, "Previous MAAR"),
    (68, "Serving MAAR"),
    (69, "DLIF Link-Local Address"),
    (70, "DLIF Link-Layer Address"),
];

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

/// How an option's Length is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Len {
    Fixed(usize),
    Min(usize),
    /// One of a few lengths (an IPv4 or an IPv6 address, say).
    OneOf(&'static [usize]),
}

/// Where an option sits, for its decoder.
#[derive(Debug, Clone, Copy)]
pub struct OptCtx<'c> {
    /// The message carrying the option.
    pub msg: &'c super::MsgCtx,
    /// Index of the option's subtree node (for appending a summary to its label).
    pub node: usize,
    /// Frame offset of the option's Type octet.
    pub at: usize,
    /// Frame offsets of the option data (after Type and Length).
    pub off: usize,
    pub end: usize,
}

/// The static description of one option type: Wireshark's `mip6_opts[]` row.
pub struct OptDef {
    /// IANA code (for profile-numbered options, the default; lookup matches the preference).
    pub code: u8,
    pub name: &'static str,
    pub presence: &'static FieldDef,
    pub len: Len,
    /// Alignment requirement `x·n + y` as `(x, y)`; `(1, 0)` means none.
    pub align: (usize, usize),
    /// Decodes the option data (called only once the length rule holds).
    pub body: fn(&mut Tree<'_>, &OptCtx<'_>, &mut OptSummary),
    /// Octets of option data for a Length octet, when the option does not count octets
    /// (RFC 7411's multicast options count 32-bit words); `None`: Length octets.
    pub span: Option<fn(u8) -> usize>,
}

impl std::fmt::Debug for OptDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OptDef({} {})", self.code, self.name)
    }
}

fn pad1(_: &mut Tree<'_>, _: &OptCtx<'_>, _: &mut OptSummary) {}

fn padn(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if c.end > c.off {
        t.add(&PADN, c.off, c.end - c.off, Value::Bytes);
    }
    t.append_with(c.node, |s| {
        s.push_str(" (");
        crate::field::write_dec(s, (c.end - c.off) as u64);
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
            crate::field::write_ipv6(s, &v.address.0);
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

fn mnp(t: &mut Tree<'_>, c: &OptCtx<'_>, s: &mut OptSummary) {
    if let Ok(v) = Mnp::dissect(t, c.off, c.end) {
        t.append_with(c.node, |s| {
            s.push_str(": ");
            crate::field::write_ipv6(s, &v.prefix.0);
            s.push('/');
            crate::field::write_dec(s, u64::from(v.prefix_len));
        });
        s.prefixes.push((v.prefix.0, v.prefix_len));
        if v.reserved != 0 {
            t.expert(&expert::RESERVED_NONZERO, c.off, 1, Some(format_args!("MNP reserved 0x{:02x}", v.reserved)));
        }
    }
}

fn mhlla(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    t.add_uint(&LLA_OPTCODE, c.off, 1, u64::from(t.data[c.off]));
    if c.end > c.off + 1 {
        t.add(&LLA, c.off + 1, c.end - c.off - 1, Value::Bytes);
    }
}

/// RFC 6275 / 3963 / 5568 options 0–7.
pub static OPT_DEFS: [OptDef; 8] = [
    OptDef { code: 0, name: "Pad1", presence: &P_PAD1, len: Len::Fixed(0), align: (1, 0), body: pad1, span: None },
    OptDef { code: 1, name: "PadN", presence: &P_PADN, len: Len::Min(0), align: (1, 0), body: padn, span: None },
    OptDef {
        code: 2,
        name: "Binding Refresh Advice",
        presence: &P_BRA,
        len: Len::Fixed(2),
        align: (2, 0),
        body: bra,
        span: None,
    },
    OptDef {
        code: 3,
        name: "Alternate Care-of Address",
        presence: &P_ACOA,
        len: Len::Fixed(16),
        align: (8, 6),
        body: acoa,
        span: None,
    },
    OptDef { code: 4, name: "Nonce Indices", presence: &P_NI, len: Len::Fixed(4), align: (2, 0), body: ni, span: None },
    OptDef {
        code: 5,
        name: "Binding Authorization Data",
        presence: &P_BAD,
        len: Len::Min(0),
        align: (8, 2),
        body: bad,
        span: None,
    },
    OptDef {
        code: 6,
        name: "Mobile Network Prefix",
        presence: &P_MNP,
        len: Len::Fixed(18),
        align: (8, 4),
        body: mnp,
        span: None,
    },
    OptDef {
        code: 7,
        name: "Mobility Header Link-Layer Address",
        presence: &P_MHLLA,
        len: Len::Min(1),
        align: (1, 0),
        body: mhlla,
        span: None,
    },
];

/// The decoder for an option type under the active preferences: profile-numbered draft
/// options first (their numbers are user-chosen), then RFC 6275's, then later RFCs'.
pub fn lookup(kind: u8, prefs: &crate::prefs::Prefs) -> Option<&'static OptDef> {
    super::seeds::lookup_opt(kind, prefs).or_else(|| OPT_DEFS.get(usize::from(kind))).or_else(|| super::opt_ext::lookup_opt(kind))
}

/// One mobility option, owned and lossless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MhOption {
    Pad1,
    PadN(Vec<u8>),
    BindingRefreshAdvice(Bra),
    AltCoa(AltCoa),
    NonceIndices(NonceIndices),
    BindingAuthData(Vec<u8>),
    MobileNetworkPrefix(Mnp),
    LinkLayerAddress {
        code: u8,
        address: Vec<u8>,
    },
    /// Any type not decoded above, or a known type whose length is wrong.
    Unknown {
        kind: u8,
        data: Vec<u8>,
    },
}

impl MhOption {
    pub fn kind(&self) -> u8 {
        match self {
            MhOption::Pad1 => 0,
            MhOption::PadN(_) => 1,
            MhOption::BindingRefreshAdvice(_) => 2,
            MhOption::AltCoa(_) => 3,
            MhOption::NonceIndices(_) => 4,
            MhOption::BindingAuthData(_) => 5,
            MhOption::MobileNetworkPrefix(_) => 6,
            MhOption::LinkLayerAddress { .. } => 7,
            MhOption::Unknown { kind, .. } => *kind,
        }
    }

    /// Octets on the wire, including Type and Length.
    pub fn buffer_len(&self) -> usize {
        match self {
            MhOption::Pad1 => 1,
            MhOption::PadN(d) | MhOption::BindingAuthData(d) | MhOption::Unknown { data: d, .. } => 2 + d.len(),
            MhOption::BindingRefreshAdvice(_) => 2 + Bra::LEN,
            MhOption::AltCoa(_) => 2 + AltCoa::LEN,
            MhOption::NonceIndices(_) => 2 + NonceIndices::LEN,
            MhOption::MobileNetworkPrefix(_) => 2 + Mnp::LEN,
            MhOption::LinkLayerAddress { address, .. } => 3 + address.len(),
        }
    }

    /// Parses one option (nom, complete input).
    pub fn parse(i: &[u8]) -> PResult<'_, Self> {
        let Some((&kind, rest)) = i.split_first() else {
            return Err(nom::Err::Error(MipError::from_error_kind(i, ErrorKind::Eof)));
        };
        if kind == 0 {
            return Ok((rest, MhOption::Pad1));
        }
        let Some((&len, rest)) = rest.split_first() else {
            return Err(nom::Err::Error(MipError::from_error_kind(rest, ErrorKind::Eof)));
        };
        let len = usize::from(len);
        if rest.len() < len {
            return Err(nom::Err::Error(MipError::from_error_kind(rest, ErrorKind::Eof)));
        }
        let (data, rest) = rest.split_at(len);
        Ok((rest, Self::from_body(kind, data)))
    }

    fn from_body(kind: u8, data: &[u8]) -> Self {
        fn exact<T>(data: &[u8], n: usize, p: fn(&[u8]) -> PResult<'_, T>) -> Option<T> {
            (data.len() == n).then(|| p(data).ok().map(|(_, v)| v)).flatten()
        }
        let known = match kind {
            1 => Some(MhOption::PadN(data.to_vec())),
            2 => exact(data, Bra::LEN, Bra::parse).map(MhOption::BindingRefreshAdvice),
            3 => exact(data, AltCoa::LEN, AltCoa::parse).map(MhOption::AltCoa),
            4 => exact(data, NonceIndices::LEN, NonceIndices::parse).map(MhOption::NonceIndices),
            5 => Some(MhOption::BindingAuthData(data.to_vec())),
            6 => exact(data, Mnp::LEN, Mnp::parse).map(MhOption::MobileNetworkPrefix),
            7 => data.split_first().map(|(c, a)| MhOption::LinkLayerAddress { code: *c, address: a.to_vec() }),
            _ => None,
        };
        known.unwrap_or_else(|| MhOption::Unknown { kind, data: data.to_vec() })
    }

    /// Appends the option's octets.
    pub fn emit(&self, out: &mut Vec<u8>) {
        let kind = self.kind();
        out.push(kind);
        if kind == 0 && matches!(self, MhOption::Pad1) {
            return;
        }
        out.push((self.buffer_len() - 2) as u8);
        match self {
            MhOption::Pad1 => {}
            MhOption::PadN(d) | MhOption::BindingAuthData(d) | MhOption::Unknown { data: d, .. } => out.extend_from_slice(d),
            MhOption::BindingRefreshAdvice(v) => v.emit(out),
            MhOption::AltCoa(v) => v.emit(out),
            MhOption::NonceIndices(v) => v.emit(out),
            MhOption::MobileNetworkPrefix(v) => v.emit(out),
            MhOption::LinkLayerAddress { code, address } => {
                out.push(*code);
                out.extend_from_slice(address);
            }
        }
    }
}

/// Walks the options from `off` to the end of the message, adding one subtree per option.
pub fn dissect_options(t: &mut Tree<'_>, msg: &super::MsgCtx, mut off: usize, summary: &mut OptSummary) {
    let end = msg.mh_end;
    let mh = msg.mh;
    if off >= end {
        return;
    }
    let top = t.add(&OPTIONS, off, end - off, Value::None);
    t.open(top);
    while off < end {
        let b = t.data;
        let kind = b[off];
        let def = lookup(kind, t.prefs);
        if kind == 0 {
            let p = t.add(&P_PAD1, off, 1, Value::None);
            t.open(p);
            t.add_uint(&OPT_TYPE, off, 1, 0);
            t.close();
            off += 1;
            continue;
        }
        if off + 1 >= end {
            if msg.cut {
                break;
            }
            t.expert(
                &expert::OPT_LEN_INVALID,
                off,
                1,
                Some(format_args!("length byte of option {kind} is past the end of the options")),
            );
            break;
        }
        let len = def.and_then(|d| d.span).map_or(usize::from(b[off + 1]), |f| f(b[off + 1]));
        let whole = 2 + len;
        let presence = def.map_or(&P_UNKNOWN, |d| d.presence);
        let p = t.add(presence, off, whole.min(end - off), Value::None);
        t.open(p);
        let ti = t.add_uint(&OPT_TYPE, off, 1, u64::from(kind));
        if def.is_some() && t.full() {
            if let Some(name) = super::seeds::opt_type_name(kind, t.prefs) {
                t.name_value(ti, &OPT_TYPE_NAMED, name);
            }
        }
        if def.is_none() {
            t.add_uint(&OPT_UNKNOWN, off, 1, u64::from(kind));
        }
        t.add_uint(&OPT_LEN, off + 1, 1, u64::from(b[off + 1]));
        if off + whole > end {
            if msg.cut {
                // The capture ended inside this option; that cut is already reported.
                t.close();
                break;
            }
            t.expert(
                &expert::OPT_LEN_INVALID,
                off + 1,
                1,
                Some(format_args!("option {kind} says {whole} bytes but only {} remain in the header", end - off)),
            );
            t.close();
            break;
        }
        let data = off + 2;
        if let Some(d) = def {
            let (x, y) = d.align;
            if x > 1 && (off - mh) % x != y {
                t.expert(
                    &expert::OPT_ALIGNMENT,
                    off,
                    1,
                    Some(format_args!("{} at offset {} of the header, must be {x}n{}", d.name, off - mh, Plus(y))),
                );
            }
            let ok = match d.len {
                Len::Fixed(n) if n != len => {
                    t.expert(&expert::OPT_LEN_INVALID, off + 1, 1, Some(format_args!("{} length {len}, should be {n}", d.name)));
                    false
                }
                Len::Min(n) if len < n => {
                    t.expert(
                        &expert::OPT_LEN_INVALID,
                        off + 1,
                        1,
                        Some(format_args!("{} length {len}, should be >= {n}", d.name)),
                    );
                    false
                }
                Len::OneOf(ns) if !ns.contains(&len) => {
                    let (a, b) = (ns.first().copied().unwrap_or(0), ns.last().copied().unwrap_or(0));
                    t.expert(
                        &expert::OPT_LEN_INVALID,
                        off + 1,
                        1,
                        Some(format_args!("{} length {len}, should be {a} or {b}", d.name)),
                    );
                    false
                }
                _ => true,
            };
            if ok {
                let c = OptCtx { msg, node: p, at: off, off: data, end: data + len };
                (d.body)(t, &c, summary);
            } else if len > 0 {
                t.add(&OPT_DATA, data, len, Value::Bytes);
            }
        } else {
            t.append(p, format_args!(" ({kind})"));
            t.expert(&expert::OPT_UNKNOWN, off, 1, Some(format_args!("mobility option type {kind} ({})", name(kind))));
            if len > 0 {
                t.add(&OPT_DATA, data, len, Value::Bytes);
            }
        }
        t.close();
        summary.kinds.insert(kind);
        off += whole;
    }
    t.close();
}

/// The `+y` of an alignment rule `xn+y`, nothing for `xn`.
struct Plus(usize);

impl std::fmt::Display for Plus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == 0 {
            Ok(())
        } else {
            write!(f, "+{}", self.0)
        }
    }
}

/// What the Info column and cross-checks need from the options of one message.
#[derive(Debug, Default)]
pub struct OptSummary {
    /// Frame offset of the Binding Authorization Data option's Type octet.
    pub bad_at: Option<usize>,
    pub alt_coa: Option<[u8; 16]>,
    /// Mobile Network Prefixes (prefix, length).
    pub prefixes: Vec<([u8; 16], u8)>,
    /// Types of the options seen.
    pub kinds: KindSet,
}

/// A set of option types (a bit per type): what a message carried, without allocating.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct KindSet([u64; 4]);

impl KindSet {
    pub fn insert(&mut self, kind: u8) {
        self.0[usize::from(kind >> 6)] |= 1 << (kind & 63);
    }
    pub fn contains(&self, kind: &u8) -> bool {
        self.0[usize::from(kind >> 6)] & (1 << (kind & 63)) != 0
    }
}

fn name(kind: u8) -> &'static str {
    crate::field::val_name(OPT_VALS, u64::from(kind)).unwrap_or("Unknown")
}

pub static FIELDS: &[&FieldDef] = &[
    &OPTIONS,
    &OPT_TYPE,
    &OPT_TYPE_NAMED,
    &OPT_LEN,
    &OPT_UNKNOWN,
    &OPT_DATA,
    &P_PAD1,
    &P_PADN,
    &P_BRA,
    &P_ACOA,
    &P_NI,
    &P_BAD,
    &P_MNP,
    &P_MHLLA,
    &P_UNKNOWN,
    &PADN,
    &BRA_INTERVAL,
    &ACOA,
    &NI_HNI,
    &NI_CNI,
    &BAD_AUTH,
    &MNP_RESERVED,
    &MNP_PFL,
    &MNP_MNP,
    &LLA_OPTCODE,
    &LLA,
];
