//! Quality-of-Service option (58, RFC 7222 §4.1) and its QoS attributes (§4.2).

use super::owned::{OptError, SubValue};
use super::Len::Min;
use super::{name_of, raw, OptCtx, OptSummary, SubOpts, Tail, Tlv, TlvWalk, SUBOPT_LEN_INVALID};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::format::write_dec;
use crate::layout;
use crate::mh::ts::{Selector, TsFormat};
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_QOS: FieldDef = FieldDef::new("mip6.options.qos", "MIPv6 Option - Quality-of-Service", Kind::Protocol);

crate::code_points! {
    /// RFC 7222 §4.1 Operational Code; 6–255 reserved (the receiver ignores the option).
    pub enum QosOc: u8 { Response = 0 => "RESPONSE", Allocate = 1 => "ALLOCATE", DeAllocate = 2 => "DE-ALLOCATE", Modify = 3 => "MODIFY", Query = 4 => "QUERY", Negotiate = 5 => "NEGOTIATE" }
}
static QOS_OC_VALS: &[(u64, &str)] = QosOc::VALS;
crate::code_points! {
    /// RFC 7222 §4.2 QoS attribute types (0, 12–254 and 255 reserved).
    pub enum QosAttrType: u8 {
        Reserved = 0 => "Reserved",
        PerMnAggMaxDlBitRate = 1 => "Per-MN-Agg-Max-DL-Bit-Rate",
        PerMnAggMaxUlBitRate = 2 => "Per-MN-Agg-Max-UL-Bit-Rate",
        PerSessionAggMaxDlBitRate = 3 => "Per-Session-Agg-Max-DL-Bit-Rate",
        PerSessionAggMaxUlBitRate = 4 => "Per-Session-Agg-Max-UL-Bit-Rate",
        AllocationRetentionPriority = 5 => "Allocation-Retention-Priority",
        AggregateMaxDlBitRate = 6 => "Aggregate-Max-DL-Bit-Rate",
        AggregateMaxUlBitRate = 7 => "Aggregate-Max-UL-Bit-Rate",
        GuaranteedDlBitRate = 8 => "Guaranteed-DL-Bit-Rate",
        GuaranteedUlBitRate = 9 => "Guaranteed-UL-Bit-Rate",
        TrafficSelector = 10 => "QoS-Traffic-Selector",
        VendorSpecific = 11 => "QoS-Vendor-Specific-Attribute",
        Reserved255 = 255 => "Reserved",
    }
}
static QOS_ATTR_VALS: &[(u64, &str)] = QosAttrType::VALS;
/// RFC 7222 §4.2.5 Preemption-Capability and Preemption-Vulnerability (2 and 3 reserved).
static QOS_PREEMPT_VALS: &[(u64, &str)] = &[(0, "Enabled"), (1, "Disabled"), (2, "Reserved"), (3, "Reserved")];

// 58 Quality-of-Service (RFC 7222 §4.1: 4n; SR-ID(8) TC(8) = DSCP(6) Reserved(2), OC(8) Reserved(24),
// then QoS attributes §4.2, each Type(8) Length(8) Value:
//   1, 2, 6, 7, 8, 9 (§4.2.1, .2, .6–.9): Reserved(16) rate(32 bps), Length 6;
//   3, 4 (§4.2.3, §4.2.4): S(1) E(1) Reserved(14) rate(32 bps), Length 6;
//   5 (§4.2.5): Reserved(8) PL(4) PC(2) PV(2), Length 2;
//   10 (§4.2.10): Reserved(8) TS Format(8) Traffic Selector (RFC 6088 §3.1/§3.2);
//   11 (§4.2.11): Reserved(16) Vendor ID(32) Sub-Type(8) data).
pub static QOS_SRID: FieldDef = FieldDef::new("mip6.qos.srid", "Service Request Identifier (SR-ID)", Kind::Uint(1));
pub static QOS_TC: FieldDef = FieldDef::new("mip6.qos.tc", "Traffic Class (TC)", Kind::Uint(1)).hex();
pub static QOS_DSCP: FieldDef = FieldDef::new("mip6.qos.dscp", "DSCP", Kind::Uint(1)).mask(0xfc);
pub static QOS_TC_RESERVED: FieldDef = FieldDef::new("mip6.qos.tc_reserved", "Reserved", Kind::Uint(1)).hex().mask(0x03);
pub static QOS_OC: FieldDef =
    FieldDef::new("mip6.qos.oc", "Operational Code (OC)", Kind::Uint(4)).mask(0xff00_0000).vals(QOS_OC_VALS);
pub static QOS_RESERVED: FieldDef = FieldDef::new("mip6.qos.reserved", "Reserved", Kind::Uint(4)).hex().mask(0x00ff_ffff);
pub static QOS_ATTR: FieldDef = FieldDef::new("mip6.qos.attr", "QoS Attribute", Kind::None);
pub static QOS_ATTR_TYPE: FieldDef = FieldDef::new("mip6.qos.attr.type", "Type", Kind::Uint(1)).vals(QOS_ATTR_VALS);
pub static QOS_ATTR_LEN: FieldDef = FieldDef::new("mip6.qos.attr.len", "Length", Kind::Uint(1));
pub static QOS_ATTR_VALUE: FieldDef = FieldDef::new("mip6.qos.attr.value", "Value", Kind::Bytes);
pub static QOS_ATTR_RESERVED: FieldDef = FieldDef::new("mip6.qos.attr.reserved", "Reserved", Kind::Uint(2)).hex();
pub static QOS_ATTR_S: FieldDef = FieldDef::new("mip6.qos.attr.s_flag", "Service (S) flag", Kind::Bool(2))
    .mask(QosRateFlags::S as u64)
    .tfs("Aggregate across the sessions sharing the Service Identifier", "This mobility session only");
pub static QOS_ATTR_E: FieldDef = FieldDef::new("mip6.qos.attr.e_flag", "Exclude (E) flag", Kind::Bool(2))
    .mask(QosRateFlags::E as u64)
    .tfs("Exclude Guaranteed-Bit-Rate flows", "Exclude no flows");
pub static QOS_ATTR_FLAGS_RESERVED: FieldDef =
    FieldDef::new("mip6.qos.attr.flags_reserved", "Reserved", Kind::Uint(2)).hex().mask(QosRateFlags::RESERVED as u64);
pub static QOS_PER_MN_DL: FieldDef =
    FieldDef::new("mip6.qos.per_mn_agg_max_dl", "Per-MN-Agg-Max-DL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_PER_MN_UL: FieldDef =
    FieldDef::new("mip6.qos.per_mn_agg_max_ul", "Per-MN-Agg-Max-UL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_PER_SESSION_DL: FieldDef =
    FieldDef::new("mip6.qos.per_session_agg_max_dl", "Per-Session-Agg-Max-DL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_PER_SESSION_UL: FieldDef =
    FieldDef::new("mip6.qos.per_session_agg_max_ul", "Per-Session-Agg-Max-UL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_AGG_DL: FieldDef = FieldDef::new("mip6.qos.agg_max_dl", "Aggregate-Max-DL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_AGG_UL: FieldDef = FieldDef::new("mip6.qos.agg_max_ul", "Aggregate-Max-UL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_GBR_DL: FieldDef = FieldDef::new("mip6.qos.gbr_dl", "Guaranteed-DL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_GBR_UL: FieldDef = FieldDef::new("mip6.qos.gbr_ul", "Guaranteed-UL-Bit-Rate", Kind::Uint(4)).custom(bps);
pub static QOS_ARP_RESERVED: FieldDef = FieldDef::new("mip6.qos.arp.reserved", "Reserved", Kind::Uint(1)).hex();
pub static QOS_ARP_PL: FieldDef = FieldDef::new("mip6.qos.arp.pl", "Priority-Level (PL)", Kind::Uint(1)).mask(0xf0);
pub static QOS_ARP_PC: FieldDef =
    FieldDef::new("mip6.qos.arp.pc", "Preemption-Capability (PC)", Kind::Uint(1)).mask(0x0c).vals(QOS_PREEMPT_VALS);
pub static QOS_ARP_PV: FieldDef =
    FieldDef::new("mip6.qos.arp.pv", "Preemption-Vulnerability (PV)", Kind::Uint(1)).mask(0x03).vals(QOS_PREEMPT_VALS);
pub static QOS_TS_RESERVED: FieldDef = FieldDef::new("mip6.qos.ts.reserved", "Reserved", Kind::Uint(1)).hex();
pub static QOS_TS_FORMAT: FieldDef =
    FieldDef::new("mip6.qos.ts.format", "TS Format", Kind::Uint(1)).vals(crate::mh::ts::FORMAT_VALS);
pub static QOS_TS: FieldDef = FieldDef::new("mip6.qos.ts.ts", "Traffic Selector", Kind::Bytes)
    .blurb("RFC 6088 binary traffic selector (mip6.ts.* fields beneath)");
pub static QOS_VSA_VID: FieldDef = FieldDef::new("mip6.qos.vsa.vendor_id", "Vendor ID", Kind::Uint(4));
pub static QOS_VSA_SUBTYPE: FieldDef = FieldDef::new("mip6.qos.vsa.subtype", "Sub-Type", Kind::Uint(1));
pub static QOS_VSA_DATA: FieldDef = FieldDef::new("mip6.qos.vsa.data", "Data", Kind::Bytes);

layout! {
    /// Quality-of-Service fixed part (RFC 7222 §4.1): SR-ID(8), TC(8) = DSCP(6) Reserved(2),
    /// OC(8) Reserved(24) (kept as one 32-bit word).
    pub struct QosFixed {
        pub srid: u8 => [&QOS_SRID],
        pub tc: u8 => [&QOS_TC, &QOS_DSCP, &QOS_TC_RESERVED],
        pub oc_reserved: u32 => [&QOS_OC, &QOS_RESERVED],
    }
}

layout! {
    /// Allocation-Retention-Priority attribute value (RFC 7222 §4.2.5): Reserved(8) PL(4) PC(2) PV(2).
    pub struct QosArp { pub reserved: u8 => [&QOS_ARP_RESERVED], pub arp: u8 => [&QOS_ARP_PL, &QOS_ARP_PC, &QOS_ARP_PV] }
}

layout! {
    /// QoS-Traffic-Selector attribute fixed part (RFC 7222 §4.2.10): Reserved(8) TS Format(8).
    pub struct QosTsFixed { pub reserved: u8 => [&QOS_TS_RESERVED], pub format: TsFormat => [&QOS_TS_FORMAT] }
}

layout! {
    /// QoS-Vendor-Specific-Attribute fixed part (RFC 7222 §4.2.11): Reserved(16) Vendor ID(32) Sub-Type(8).
    pub struct QosVsaFixed { pub reserved: u16 => [&QOS_ATTR_RESERVED], pub vendor_id: u32 => [&QOS_VSA_VID], pub subtype: u8 => [&QOS_VSA_SUBTYPE] }
}

fn bps(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(" bps");
    }
}

fn qos(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = QosFixed::dissect(t, c.off, c.end) {
        let oc = (v.oc_reserved >> 24) as u8;
        t.append(c.node, format_args!(": SR-ID {} DSCP {} {}", v.srid, v.tc >> 2, name_of(QOS_OC_VALS, oc)));
        qos_attrs(t, c.off + QosFixed::LEN, c.end);
    }
}

/// RFC 7222 §4.2 QoS attributes over `off..end`, one subtree each.
fn qos_attrs(t: &mut Tree<'_>, start: usize, end: usize) {
    for (rel, tlv) in TlvWalk::new(t.bytes(start, end), false) {
        let off = start + rel;
        let (kind, l) = match tlv {
            Tlv::Whole { kind, len, .. } | Tlv::Overrun { kind, len, .. } => (kind, usize::from(len)),
            Tlv::NoLength { kind } => {
                t.expert(&SUBOPT_LEN_INVALID, off, end - off, Some(format_args!("QoS attribute {kind} has no length octet")));
                return;
            }
            Tlv::Pad1 => continue, // not walked with Pad1
        };
        let (d, e) = (off + 2, off + 2 + l);
        let n = t.add(&QOS_ATTR, off, (2 + l).min(end - off), Value::None);
        t.append(n, format_args!(": {} (type {kind}, length {l})", name_of(QOS_ATTR_VALS, kind)));
        t.open(n);
        t.add_uint(&QOS_ATTR_TYPE, off, 1, u64::from(kind));
        t.add_uint(&QOS_ATTR_LEN, off + 1, 1, l as u64);
        if e > end {
            t.expert(
                &SUBOPT_LEN_INVALID,
                off + 1,
                1,
                Some(format_args!("QoS attribute length {l} but only {} octets remain", end - d)),
            );
            raw(t, &QOS_ATTR_VALUE, d, end);
            t.close();
            return;
        }
        let rate: Option<&'static FieldDef> = match kind {
            1 => Some(&QOS_PER_MN_DL),
            2 => Some(&QOS_PER_MN_UL),
            3 => Some(&QOS_PER_SESSION_DL),
            4 => Some(&QOS_PER_SESSION_UL),
            6 => Some(&QOS_AGG_DL),
            7 => Some(&QOS_AGG_UL),
            8 => Some(&QOS_GBR_DL),
            9 => Some(&QOS_GBR_UL),
            _ => None,
        };
        let want = match kind {
            1..=4 | 6..=9 => Some(6),
            5 => Some(2),
            _ => None,
        };
        match (kind, rate) {
            _ if want.is_some_and(|w| w != l) => {
                t.expert(
                    &SUBOPT_LEN_INVALID,
                    off + 1,
                    1,
                    Some(format_args!("{} length {l}, should be {}", name_of(QOS_ATTR_VALS, kind), want.unwrap_or(0))),
                );
                raw(t, &QOS_ATTR_VALUE, d, e);
            }
            (_, Some(def)) => {
                let (Some(w), Some(r)) = (t.rd().u16(d), t.rd().u32(d + 2)) else {
                    t.close();
                    return;
                };
                if kind == 3 || kind == 4 {
                    t.add_uint(&QOS_ATTR_S, d, 2, u64::from(w));
                    t.add_uint(&QOS_ATTR_E, d, 2, u64::from(w));
                    t.add_uint(&QOS_ATTR_FLAGS_RESERVED, d, 2, u64::from(w));
                } else {
                    t.add_uint(&QOS_ATTR_RESERVED, d, 2, u64::from(w));
                }
                t.add_uint(def, d + 2, 4, u64::from(r));
                t.append(n, format_args!(" {r} bps"));
            }
            (5, _) => {
                if let Ok(v) = QosArp::dissect(t, d, e) {
                    t.append(n, format_args!(" PL {} PC {} PV {}", v.arp >> 4, (v.arp >> 2) & 3, v.arp & 3));
                }
            }
            (10, _) if l >= QosTsFixed::LEN => {
                let mut format = 0;
                if let Ok(v) = QosTsFixed::dissect(t, d, e) {
                    format = v.format.value();
                    t.append(n, format_args!(" {}", name_of(crate::mh::ts::FORMAT_VALS, format)));
                }
                crate::mh::ts::subtree(t, &QOS_TS, format, d + QosTsFixed::LEN, e);
            }
            (11, _) if l >= QosVsaFixed::LEN => {
                if let Ok(v) = QosVsaFixed::dissect(t, d, e) {
                    t.append(n, format_args!(" vendor {} sub-type {}", v.vendor_id, v.subtype));
                }
                raw(t, &QOS_VSA_DATA, d + QosVsaFixed::LEN, e);
            }
            (10 | 11, _) => {
                t.expert(
                    &SUBOPT_LEN_INVALID,
                    off + 1,
                    1,
                    Some(format_args!("{} length {l} is too short", name_of(QOS_ATTR_VALS, kind))),
                );
                raw(t, &QOS_ATTR_VALUE, d, e);
            }
            _ => raw(t, &QOS_ATTR_VALUE, d, e),
        }
        t.close();
    }
}

crate::flags! {
    /// RFC 7222 §4.2.3/§4.2.4 word before a per-session rate: S, E, then 14 reserved bits (all
    /// reserved for the other rates).
    pub struct QosRateFlags: u16 { S = 0x8000 => 'S' "Service", E = 0x4000 => 'E' "Exclude" }
}

/// A QoS attribute's value (RFC 7222 §4.2): typed where its type and length give it a shape,
/// octets otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QosValue {
    /// §4.2.1–4.2.4, 4.2.6–4.2.9: the flags/reserved word and a rate in bits per second.
    Rate {
        flags: QosRateFlags,
        bps: u32,
    },
    /// §4.2.5.
    Arp(QosArp),
    /// §4.2.10: Reserved, TS Format and the selector.
    TrafficSelector {
        fixed: QosTsFixed,
        selector: Selector,
    },
    /// §4.2.11: Reserved, Vendor ID, Sub-Type and the vendor's data.
    Vendor {
        fixed: QosVsaFixed,
        data: Vec<u8>,
    },
    Raw(Vec<u8>),
}

impl SubValue for QosValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        match (kind, data.len()) {
            (1..=4 | 6..=9, 6) => QosValue::Rate {
                flags: QosRateFlags(u16::from_be_bytes([data[0], data[1]])),
                bps: u32::from_be_bytes([data[2], data[3], data[4], data[5]]),
            },
            (5, 2) => QosArp::parse(data).map_or_else(|_| QosValue::Raw(data.to_vec()), |(_, v)| QosValue::Arp(v)),
            (10, n) if n >= QosTsFixed::LEN => match QosTsFixed::parse(data) {
                Ok((ts, fixed)) => QosValue::TrafficSelector { fixed, selector: Selector::parse(fixed.format, ts) },
                Err(_) => QosValue::Raw(data.to_vec()),
            },
            (11, n) if n >= QosVsaFixed::LEN => match QosVsaFixed::parse(data) {
                Ok((rest, fixed)) => QosValue::Vendor { fixed, data: rest.to_vec() },
                Err(_) => QosValue::Raw(data.to_vec()),
            },
            _ => QosValue::Raw(data.to_vec()),
        }
    }
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            QosValue::Rate { flags, bps } => {
                out.extend_from_slice(&flags.0.to_be_bytes());
                out.extend_from_slice(&bps.to_be_bytes());
            }
            QosValue::Arp(v) => v.emit(out),
            QosValue::TrafficSelector { fixed, selector } => {
                fixed.emit(out);
                selector.emit(out);
            }
            QosValue::Vendor { fixed, data } => {
                fixed.emit(out);
                out.extend_from_slice(data);
            }
            QosValue::Raw(b) => out.extend_from_slice(b),
        }
        Ok(())
    }
}

/// The QoS attributes (RFC 7222 §4.2).
pub type QosAttrs = SubOpts<QosAttrType, QosValue, false>;

impl QosFixed {
    /// The Operational Code (the top octet of the word it shares with Reserved(24)).
    pub fn oc(&self) -> QosOc {
        QosOc::from((self.oc_reserved >> 24) as u8)
    }
    /// DSCP (the top 6 bits of TC).
    pub const fn dscp(&self) -> u8 {
        self.tc >> 2
    }
}

fixed_body!(QosFixed);

options! {
    /// The Quality-of-Service option, owned.
    pub enum QosOpt => Qos {
        // RFC 7222 §4.1: 4n; SR-ID, TC, OC and Reserved(24) make 6 octets before the attributes.
        /// SR-ID, TC, OC and Reserved, then the QoS attributes.
        QualityOfService(Tail<QosFixed, QosAttrs>) = 58, "Quality-of-Service", &P_QOS, Min(6), (4, 0), qos;
    }
}

pub static FIELDS: &[&FieldDef] = &[
    &QOS_SRID,
    &QOS_TC,
    &QOS_DSCP,
    &QOS_TC_RESERVED,
    &QOS_OC,
    &QOS_RESERVED,
    &QOS_ATTR,
    &QOS_ATTR_TYPE,
    &QOS_ATTR_LEN,
    &QOS_ATTR_VALUE,
    &QOS_ATTR_RESERVED,
    &QOS_ATTR_S,
    &QOS_ATTR_E,
    &QOS_ATTR_FLAGS_RESERVED,
    &QOS_PER_MN_DL,
    &QOS_PER_MN_UL,
    &QOS_PER_SESSION_DL,
    &QOS_PER_SESSION_UL,
    &QOS_AGG_DL,
    &QOS_AGG_UL,
    &QOS_GBR_DL,
    &QOS_GBR_UL,
    &QOS_ARP_RESERVED,
    &QOS_ARP_PL,
    &QOS_ARP_PC,
    &QOS_ARP_PV,
    &QOS_TS_RESERVED,
    &QOS_TS_FORMAT,
    &QOS_TS,
    &QOS_VSA_VID,
    &QOS_VSA_SUBTYPE,
    &QOS_VSA_DATA,
];
pub static EXPERTS: &[&ExpertDef] = &[];
