//! Flow bindings (RFC 6089 §4.2): Flow Summary (44) and Flow Identification (45) with its
//! sub-options, and the IPv4 Traffic Offload Selector (53, RFC 6909 §3.1) that reuses them.

use super::owned::{OptError, SubValue};
use super::Len::Min;
use super::OptType;
use super::{name_of, raw, OptCtx, OptSummary, SubOpts, Tail, Tlv, TlvWalk, U16s, OPT_DATA, SUBOPT_LEN_INVALID};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert;
use crate::mh::ts::{Selector, TsFormat};
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_FS: FieldDef = FieldDef::new("mip6.options.fs", "MIPv6 Option - Flow Summary", Kind::Protocol);
pub static P_FI: FieldDef = FieldDef::new("mip6.options.fi", "MIPv6 Option - Flow Identification", Kind::Protocol);
pub static P_IPV4_TOS: FieldDef =
    FieldDef::new("mip6.options.ipv4_tos", "MIPv6 Option - IPv4 Traffic Offload Selector", Kind::Protocol);

crate::code_points! {
    /// RFC 6089 §4.2.1.1–4.2.1.4 flow identification sub-option types.
    pub enum FiSubType: u8 { Pad1 = 0 => "Pad1", PadN = 1 => "PadN", BindingReference = 2 => "Binding Reference", TrafficSelector = 3 => "Traffic Selector" }
}
crate::code_points! {
    /// RFC 6089 §4.2 Flow Identification Status values.
    pub enum FiStatus: u8 {
        Successful = 0 => "Flow binding successful",
        AdministrativelyProhibited = 128 => "Administratively prohibited",
        Rejected = 129 => "Flow binding rejected, reason unspecified",
        Malformed = 130 => "Flow identification mobility option malformed",
        BidNotFound = 131 => "BID not found",
        FidNotFound = 132 => "FID not found",
        TsFormatNotSupported = 133 => "Traffic selector format not supported",
    }
}
crate::flags! {
    /// RFC 6909 §3.1 IPv4 Traffic Offload Selector word: M, then 31 reserved bits.
    pub struct TosFlags: u32 { M = 0x8000_0000 => 'M' "Offload all flows except those matching the selectors" }
}
wire_code!(FiStatus: u8);
wire_flags!(TosFlags: u32);
static FI_SUBOPT_VALS: &[(u64, &str)] = FiSubType::VALS;
static FI_STATUS_VALS: &[(u64, &str)] = FiStatus::VALS;

crate::mh::fields! {
    // 44 Flow Summary (RFC 6089 §4.2.2: 2n; FID(16) repeated, Number of FIDs = Option Len / 2),
    // 45 Flow Identification (RFC 6089 §4.2: 2n; FID(16) FID-PRI(16) Reserved(8) Status(8), then
    // sub-options: Pad1 (type 0, no length), PadN, Binding Reference (BIDs), Traffic Selector).
    pub static FS_FID: FieldDef = FieldDef::new("mip6.fs.fid", "Flow Identifier (FID)", Kind::Uint(2));
    pub static FI_FID: FieldDef = FieldDef::new("mip6.fi.fid", "Flow Identifier (FID)", Kind::Uint(2));
    pub static FI_FID_PRI: FieldDef = FieldDef::new("mip6.fi.fid_pri", "FID-PRI", Kind::Uint(2));
    pub static FI_RESERVED: FieldDef = FieldDef::new("mip6.fi.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static FI_STATUS: FieldDef = FieldDef::new("mip6.fi.status", "Status", Kind::Uint(1)).vals(FI_STATUS_VALS);
    pub static FI_SUB: FieldDef = FieldDef::new("mip6.fi.subopt", "Sub-option", Kind::None);
    pub static FI_SUB_TYPE: FieldDef = FieldDef::new("mip6.fi.subopt.type", "Sub-option Type", Kind::Uint(1)).vals(FI_SUBOPT_VALS);
    pub static FI_SUB_LEN: FieldDef = FieldDef::new("mip6.fi.subopt.len", "Sub-option Length", Kind::Uint(1));
    pub static FI_SUB_DATA: FieldDef = FieldDef::new("mip6.fi.subopt.data", "Sub-option Data", Kind::Bytes);
    pub static FI_SUB_BID: FieldDef = FieldDef::new("mip6.fi.subopt.bid", "Binding Identifier (BID)", Kind::Uint(2));
    pub static FI_SUB_TS_FORMAT: FieldDef =
        FieldDef::new("mip6.fi.subopt.ts_format", "TS Format", Kind::Uint(1)).vals(crate::mh::ts::FORMAT_VALS);
    pub static FI_SUB_TS_RESERVED: FieldDef = FieldDef::new("mip6.fi.subopt.ts_reserved", "Reserved", Kind::Uint(1)).hex();
    pub static FI_SUB_TS: FieldDef = FieldDef::new("mip6.fi.subopt.ts", "Traffic Selector", Kind::Bytes)
        .blurb("RFC 6088 binary traffic selector (mip6.ts.* fields beneath)");
    // 53 IPv4 Traffic Offload Selector (RFC 6909 §3.1: 4n; M(1) Reserved(31), then an optional RFC 6089
    // §4.2.1.4 Traffic Selector sub-option).
    pub static IPV4_TOS_M: FieldDef = FieldDef::new("mip6.ipv4_tos.m_flag", "Offload Mode (M) flag", Kind::Bool(4))
        .mask(TosFlags::M as u64)
        .tfs("Offload all flows except those matching the selectors", "Offload the flows matching the selectors");
    pub static IPV4_TOS_RESERVED: FieldDef =
        FieldDef::new("mip6.ipv4_tos.reserved", "Reserved", Kind::Uint(4)).hex().mask(TosFlags::RESERVED as u64);
    pub static IPV4_TOS_DATA: FieldDef = FieldDef::new("mip6.ipv4_tos.data", "IPv4 Traffic Offload Selector data", Kind::Bytes);
}

layout! {
    /// Flow Identification fixed part (RFC 6089 §4.2): FID(16) FID-PRI(16) Reserved(8) Status(8).
    pub struct FlowIdFixed { pub fid: u16 => [&FI_FID], pub fid_pri: u16 => [&FI_FID_PRI], pub reserved: u8 => [&FI_RESERVED], pub status: FiStatus => [&FI_STATUS] }
}

layout! {
    /// IPv4 Traffic Offload Selector fixed part (RFC 6909 §3.1): M(1) Reserved(31).
    pub struct Ipv4TosFixed { pub flags: TosFlags => [&IPV4_TOS_M, &IPV4_TOS_RESERVED] }
}

fn fs(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let mut off = c.off;
    while off + 2 <= c.end {
        if let Some(f) = t.rd().u16(off) {
            t.add_uint(&FS_FID, off, 2, u64::from(f));
        }
        off += 2;
    }
    if off < c.end {
        t.expert(&expert::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("Flow Summary length is odd")));
        raw(t, &OPT_DATA, off, c.end);
    }
}

fn fi(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = FlowIdFixed::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": FID {} FID-PRI {} status {}", v.fid, v.fid_pri, v.status.value()));
        fi_subopts(t, c.off + FlowIdFixed::LEN, c.end);
    }
}

/// RFC 6089 §4.2.1 flow identification sub-options over `off..end` (also carried by option 53,
/// RFC 6909 §3.1). Pad1 (type 0) is a lone type octet; the rest are type, length, data.
fn fi_subopts(t: &mut Tree<'_>, start: usize, end: usize) {
    for (rel, tlv) in TlvWalk::new(t.bytes(start, end), true) {
        let off = start + rel;
        let (kind, l) = match tlv {
            Tlv::Pad1 => {
                let n = t.add(&FI_SUB, off, 1, Value::None);
                t.append(n, format_args!(": Pad1"));
                t.open(n);
                t.add_uint(&FI_SUB_TYPE, off, 1, 0);
                t.close();
                continue;
            }
            Tlv::NoLength { kind } => {
                t.expert(&SUBOPT_LEN_INVALID, off, end - off, Some(format_args!("sub-option {kind} has no length octet")));
                return;
            }
            Tlv::Whole { kind, len, .. } | Tlv::Overrun { kind, len, .. } => (kind, usize::from(len)),
        };
        let (d, e) = (off + 2, off + 2 + l);
        let n = t.add(&FI_SUB, off, (2 + l).min(end - off), Value::None);
        t.append(n, format_args!(": {} (type {kind}, length {l})", name_of(FI_SUBOPT_VALS, kind)));
        t.open(n);
        t.add_uint(&FI_SUB_TYPE, off, 1, u64::from(kind));
        t.add_uint(&FI_SUB_LEN, off + 1, 1, l as u64);
        if e > end {
            t.expert(
                &SUBOPT_LEN_INVALID,
                off + 1,
                1,
                Some(format_args!("sub-option length {l} but only {} octets remain", end - d)),
            );
            raw(t, &FI_SUB_DATA, d, end);
            t.close();
            return;
        }
        match FiSubType::from(kind) {
            // §4.2.1.3: Number of BIDs = Sub-Opt Len / 2.
            FiSubType::BindingReference if l >= 2 && l % 2 == 0 => {
                for o in (d..e).step_by(2) {
                    if let Some(b) = t.rd().u16(o) {
                        t.add_uint(&FI_SUB_BID, o, 2, u64::from(b));
                    }
                }
            }
            // §4.2.1.4: TS Format(8) Reserved(8) Traffic Selector.
            FiSubType::TrafficSelector if l >= 2 => {
                let f = t.rd().u8(d).unwrap_or(0);
                if let Some(r) = t.rd().u8(d + 1) {
                    t.add_uint(&FI_SUB_TS_FORMAT, d, 1, u64::from(f));
                    t.add_uint(&FI_SUB_TS_RESERVED, d + 1, 1, u64::from(r));
                    t.append(n, format_args!(" {}", name_of(crate::mh::ts::FORMAT_VALS, f)));
                }
                crate::mh::ts::subtree(t, &FI_SUB_TS, f, d + 2, e);
            }
            FiSubType::BindingReference | FiSubType::TrafficSelector => {
                t.expert(
                    &SUBOPT_LEN_INVALID,
                    off + 1,
                    1,
                    Some(format_args!("{} sub-option length {l}", name_of(FI_SUBOPT_VALS, kind))),
                );
                raw(t, &FI_SUB_DATA, d, e);
            }
            _ => raw(t, &FI_SUB_DATA, d, e),
        }
        t.close();
    }
}

fn ipv4_tos(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4TosFixed::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": M={}", v.flags.0 >> 31));
        fi_subopts(t, c.off + Ipv4TosFixed::LEN, c.end);
    }
}

/// A flow identification sub-option's value (RFC 6089 §4.2.1): typed where its type and
/// length give it a shape, octets otherwise (padding, unknown types, wrong lengths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FiValue {
    /// §4.2.1.3: the BIDs.
    BindingReference(Vec<u16>),
    /// §4.2.1.4: TS Format, Reserved and the selector.
    TrafficSelector {
        format: TsFormat,
        reserved: u8,
        selector: Selector,
    },
    Raw(Vec<u8>),
}

impl SubValue for FiValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        match (FiSubType::from(kind), data) {
            (FiSubType::BindingReference, d) if d.len() >= 2 && d.len() % 2 == 0 => {
                FiValue::BindingReference(U16s::parse(d).values)
            }
            (FiSubType::TrafficSelector, [f, r, ts @ ..]) => {
                let format = TsFormat::from(*f);
                FiValue::TrafficSelector { format, reserved: *r, selector: Selector::parse(format, ts) }
            }
            (_, d) => FiValue::Raw(d.to_vec()),
        }
    }
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            FiValue::BindingReference(v) => U16s { values: v.clone(), trailer: Vec::new() }.emit(out),
            FiValue::TrafficSelector { format, reserved, selector } => {
                out.extend_from_slice(&[format.value(), *reserved]);
                selector.emit(out);
            }
            FiValue::Raw(b) => out.extend_from_slice(b),
        }
        Ok(())
    }
}

/// Flow identification sub-options (RFC 6089 §4.2.1; Pad1 is a lone octet).
pub type FiSubOpts = SubOpts<FiSubType, FiValue, true>;

options! {
    /// Flow bindings' options, owned.
    pub enum FlowOpt => Flow {
        /// The FIDs.
        FlowSummary(U16s) = OptType::FlowSummary, "Flow Summary", &P_FS, Min(2), (2, 0), fs;
        /// FID, FID-PRI, Reserved, Status and the sub-options.
        FlowIdentification(Tail<FlowIdFixed, FiSubOpts>) = OptType::FlowIdentification, "Flow Identification", &P_FI, Min(6), (2, 0), fi;
        /// M, Reserved and the sub-options.
        Ipv4TrafficOffloadSelector(Tail<Ipv4TosFixed, FiSubOpts>) = OptType::Ipv4TrafficOffloadSelector, "IPv4 Traffic Offload Selector", &P_IPV4_TOS, Min(4), (4, 0), ipv4_tos;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
