//! Mobility options (RFC 6275 §6.2): the TLVs after a message's fixed part.
//!
//! This module holds what every option shares: the walk ([`dissect_options`]), the row type
//! ([`OptDef`]), the owned form ([`MhOption`]), IANA's option names and the lookup. Each option
//! lives in the module of its protocol element, with its fields, layouts, decoder and row
//! (`DEFS`); [`FAMILIES`] lists those modules, and the lookup is built from their rows.
//!
//! The walk is Wireshark's containment rule: the length octet must be inside the options area
//! and the whole option must fit before any per-type decoding runs, and each option's decoder
//! sees only its own bytes. A known type whose length is wrong is shown raw with an expert item
//! and parsed as [`MhOption::Unknown`], so the owned form still re-emits identical bytes.

pub mod ani;
pub mod auth;
pub mod base;
pub mod dmm;
pub mod dsmip;
pub mod ero;
pub mod flow;
pub mod fmip;
pub mod generic;
pub mod lcmp;
pub mod lra;
pub mod mnid;
pub mod multicast;
pub mod pmip;
pub mod pmip_ipv4;
pub mod qos;

use super::{expert, Family};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;
use crate::wire::{MipError, PResult};
use base::{AltCoa, Bra, Mnp, NonceIndices, P_PAD1};
use nom::error::{ErrorKind, ParseError};
use std::sync::OnceLock;

/// Every option family, one module per protocol element; the lookup is built from their rows.
/// A new family is one line here (and its module above).
pub static FAMILIES: &[Family<OptDef>] = &[
    family!(base),
    family!(fmip),
    family!(mnid),
    family!(auth),
    family!(ero),
    family!(generic),
    family!(pmip),
    family!(dsmip),
    family!(pmip_ipv4),
    family!(flow),
    family!(lra),
    family!(ani),
    family!(multicast),
    family!(dmm),
    family!(qos),
    family!(lcmp),
];

pub static OPTIONS: FieldDef = FieldDef::new("mip6.options", "Mobility Options", Kind::None);
pub static OPT_TYPE: FieldDef = FieldDef::new("mip6.opt.type", "Type", Kind::Uint(1)).vals(OPT_VALS);
/// Second row of `mip6.opt.type`, for options a preference numbers (seed 004's Handover Home
/// Keygen Token, seed 002's Binding Identifier off 35): the node carries the name.
pub static OPT_TYPE_NAMED: FieldDef = FieldDef::new("mip6.opt.type", "Type", Kind::Uint(1)).node_named();
pub static OPT_LEN: FieldDef = FieldDef::new("mip6.mobility_opt.len", "Length", Kind::Uint(1));
pub static OPT_UNKNOWN: FieldDef = FieldDef::new("mip6.mobility_opt", "Mobility Option", Kind::Uint(1)).vals(OPT_VALS);
pub static OPT_DATA: FieldDef = FieldDef::new("mip6.mobility_opt.data", "Option Data", Kind::Bytes);

pub static P_UNKNOWN: FieldDef = FieldDef::new("mip6.options.unknown", "MIPv6 Option - Unknown", Kind::Protocol);
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

/// An option decoder: annotates the option data `c.off..c.end` (called only once the length
/// rule holds) and records what the message's cross-checks need in the summary.
pub type OptBody = fn(&mut Tree<'_>, &OptCtx<'_>, &mut OptSummary);

/// No alignment requirement (`1n + 0`).
pub const NO_ALIGN: (usize, usize) = (1, 0);

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
    pub body: OptBody,
    /// Octets of option data for a Length octet, when the option does not count octets
    /// (RFC 7411's multicast options count 32-bit words); `None`: Length octets.
    pub span: Option<fn(u8) -> usize>,
}

impl OptDef {
    /// A row whose Length counts octets: code, name, presence field, length rule, alignment
    /// `(x, y)` for `xn+y` ([`NO_ALIGN`] for none), decoder.
    pub const fn new(
        code: u8,
        name: &'static str,
        presence: &'static FieldDef,
        len: Len,
        align: (usize, usize),
        body: OptBody,
    ) -> Self {
        OptDef { code, name, presence, len, align, body, span: None }
    }
    /// The same row with another reading of the Length octet (see [`OptDef::span`]).
    pub const fn span(self, span: fn(u8) -> usize) -> Self {
        OptDef { span: Some(span), ..self }
    }
}

impl std::fmt::Debug for OptDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OptDef({} {})", self.code, self.name)
    }
}

/// The decoder for an option type under the active preferences: profile-numbered draft
/// options first (their numbers are user-chosen), then the IANA-numbered rows of the families.
pub fn lookup(kind: u8, prefs: &crate::prefs::Prefs) -> Option<&'static OptDef> {
    super::seeds::lookup_opt(kind, prefs).or_else(|| by_code(kind))
}

/// The IANA-numbered row for an option type, if a family has one.
pub fn by_code(kind: u8) -> Option<&'static OptDef> {
    static INDEX: OnceLock<[Option<&'static OptDef>; 256]> = OnceLock::new();
    INDEX.get_or_init(|| super::index(FAMILIES, |d| d.code))[usize::from(kind)]
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
    /// A type whose Length octet does not count octets (RFC 7411's multicast options count
    /// 32-bit words, [`data_len`]): the octet as it was, and the data it spans.
    Counted {
        kind: u8,
        length: u8,
        data: Vec<u8>,
    },
}

/// Octets of option data a Length octet stands for: the option's own rule when its row has
/// one (RFC 7411's options 60 and 61 count 32-bit words), else Length octets. The dissector's
/// walk and the owned form's parse both frame options with this one rule.
pub fn data_len(kind: u8, len_octet: u8, prefs: &crate::prefs::Prefs) -> usize {
    lookup(kind, prefs).and_then(|d| d.span).map_or(usize::from(len_octet), |f| f(len_octet))
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
            MhOption::Unknown { kind, .. } | MhOption::Counted { kind, .. } => *kind,
        }
    }

    /// Octets on the wire, including Type and Length.
    pub fn buffer_len(&self) -> usize {
        match self {
            MhOption::Pad1 => 1,
            MhOption::PadN(d)
            | MhOption::BindingAuthData(d)
            | MhOption::Unknown { data: d, .. }
            | MhOption::Counted { data: d, .. } => 2 + d.len(),
            MhOption::BindingRefreshAdvice(_) => 2 + Bra::LEN,
            MhOption::AltCoa(_) => 2 + AltCoa::LEN,
            MhOption::NonceIndices(_) => 2 + NonceIndices::LEN,
            MhOption::MobileNetworkPrefix(_) => 2 + Mnp::LEN,
            MhOption::LinkLayerAddress { address, .. } => 3 + address.len(),
        }
    }

    /// Parses one option (nom, complete input) under the `rfc` profile's numbers.
    pub fn parse(i: &[u8]) -> PResult<'_, Self> {
        Self::parse_in(i, &crate::prefs::Prefs::default())
    }

    /// Parses one option under `prefs`: its framing is the dissector's ([`data_len`]), and a
    /// type the profile gives to a draft's option is kept raw rather than read as the RFC's.
    pub fn parse_in<'a>(i: &'a [u8], prefs: &crate::prefs::Prefs) -> PResult<'a, Self> {
        let Some((&kind, rest)) = i.split_first() else {
            return Err(nom::Err::Error(MipError::from_error_kind(i, ErrorKind::Eof)));
        };
        if kind == 0 {
            return Ok((rest, MhOption::Pad1));
        }
        let Some((&len_octet, rest)) = rest.split_first() else {
            return Err(nom::Err::Error(MipError::from_error_kind(rest, ErrorKind::Eof)));
        };
        let len = data_len(kind, len_octet, prefs);
        if rest.len() < len {
            return Err(nom::Err::Error(MipError::from_error_kind(rest, ErrorKind::Eof)));
        }
        let (data, rest) = rest.split_at(len);
        let o = if len != usize::from(len_octet) {
            MhOption::Counted { kind, length: len_octet, data: data.to_vec() }
        } else if super::seeds::lookup_opt(kind, prefs).is_some() {
            MhOption::Unknown { kind, data: data.to_vec() }
        } else {
            Self::from_body(kind, data)
        };
        Ok((rest, o))
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
        match self {
            MhOption::Counted { length, .. } => out.push(*length),
            _ => out.push((self.buffer_len() - 2) as u8),
        }
        match self {
            MhOption::Pad1 => {}
            MhOption::Counted { data, .. } => out.extend_from_slice(data),
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
        let rd = t.rd();
        let Some(kind) = rd.u8(off) else { break };
        let def = lookup(kind, t.prefs);
        if kind == 0 {
            let p = t.add(&P_PAD1, off, 1, Value::None);
            t.open(p);
            t.add_uint(&OPT_TYPE, off, 1, 0);
            t.close();
            off += 1;
            continue;
        }
        let Some(len_octet) = rd.u8(off + 1).filter(|_| off + 1 < end) else {
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
        };
        let len = data_len(kind, len_octet, t.prefs);
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
        t.add_uint(&OPT_LEN, off + 1, 1, u64::from(len_octet));
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
                let fact = crate::analysis::OptFact { kind, def: d, at: off as u32, len: len as u16, end: t.anchor() };
                t.d.facts.opts.push(fact);
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

/// What the Info column and cross-checks need from the options of one message (the analysis
/// pass gets it in [`crate::analysis::MhFacts`]; Mobile Network Prefixes go to
/// [`crate::analysis::Facts::prefixes`]).
#[derive(Debug, Default)]
pub struct OptSummary {
    /// Frame offset of the Binding Authorization Data option's Type octet.
    pub bad_at: Option<usize>,
    pub alt_coa: Option<[u8; 16]>,
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

// ---------------------------------------------------------------------------------------------
// Shared by the families' decoders.

pub static SUBOPT_LEN_INVALID: ExpertDef = ExpertDef::new(
    "mip6.subopt.len.invalid",
    Group::Malformed,
    Severity::Error,
    "Sub-option or inner length runs past the end of its option",
);

/// Adds `def` as raw octets over `off..end` if non-empty.
fn raw(t: &mut Tree<'_>, def: &'static FieldDef, off: usize, end: usize) {
    if end > off {
        t.add(def, off, end - off, Value::Bytes);
    }
}

/// The name of `v` in a value table, "Unknown" when it has none.
fn name_of(vals: &'static [(u64, &'static str)], v: u8) -> &'static str {
    crate::field::val_name(vals, u64::from(v)).unwrap_or("Unknown")
}

/// "N (M unit)": a count of `scale`-sized units and what it amounts to.
fn scaled(v: &Value, out: &mut dyn crate::format::Sink, scale: u64, unit: &str) {
    if let Value::Uint(n) = *v {
        crate::format::write_dec(out, n);
        out.push_str(" (");
        crate::format::write_dec(out, n.saturating_mul(scale));
        out.push_str(unit);
        out.push(')');
    }
}

/// The walk's own fields; each family lists its own, and the presence fields come from the rows.
pub static FIELDS: &[&FieldDef] = &[&OPTIONS, &OPT_TYPE, &OPT_TYPE_NAMED, &OPT_LEN, &OPT_UNKNOWN, &OPT_DATA, &P_UNKNOWN];
pub static EXPERTS: &[&ExpertDef] = &[&SUBOPT_LEN_INVALID];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_row() {
        let mut rows = [0usize; 256];
        for f in FAMILIES {
            for d in f.rows {
                rows[usize::from(d.code)] += 1;
            }
        }
        for (code, n) in rows.iter().enumerate() {
            // 35 (Binding Identifier) is profile-numbered: seeds::mcoa owns it.
            let want = usize::from(code <= 70 && code != 35);
            assert_eq!(*n, want, "option {code}: {n} rows");
        }
        for k in 0u8..=255 {
            assert_eq!(by_code(k).map(|d| d.code), (rows[usize::from(k)] == 1).then_some(k));
        }
    }

    #[test]
    fn every_row_has_its_own_presence_field() {
        let mut seen = std::collections::HashSet::new();
        for d in FAMILIES.iter().flat_map(|f| f.rows) {
            assert!(d.presence.abbrev.starts_with("mip6.options."), "{d:?}");
            assert!(seen.insert(d.presence.abbrev), "{d:?} shares {}", d.presence.abbrev);
        }
    }
}
