//! Quality-of-Service option (58, RFC 7222 §4.1) and its QoS attributes (§4.2).

use super::owned::{OptError, SubValue};
use super::Len::Min;
use super::OptType;
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

crate::mh::fields! {
    // 58 Quality-of-Service (RFC 7222 §4.1: 4n; SR-ID(8) TC(8) = DSCP(6) Reserved(2), OC(8) Reserved(24),
    // then QoS attributes §4.2, each Type(8) Length(8) Value:
    //   1, 2, 6, 7, 8, 9 (§4.2.1, .2, .6–.9): Reserved(16) rate(32 bps), Length 6;
    //   3, 4 (§4.2.3, §4.2.4): S(1) E(1) Reserved(14) rate(32 bps), Length 6;
    //   5 (§4.2.5): Reserved(8) PL(4) PC(2) PV(2), Length 2;
    //   10 (§4.2.10): Reserved(8) TS Format(8) Traffic Selector (RFC 6088 §3.1/§3.2);
    //   11 (§4.2.11): Reserved(16) Vendor ID(32) Sub-Type(8) data).
    pub static QOS_SRID: FieldDef = FieldDef::new("mip6.qos.srid", "Service Request Identifier (SR-ID)", Kind::Uint(1));
    pub static QOS_TC: FieldDef = FieldDef::new("mip6.qos.tc", "Traffic Class (TC)", Kind::Uint(1)).hex();
    pub static QOS_DSCP: FieldDef = FieldDef::new("mip6.qos.dscp", "DSCP", Kind::Uint(1)).mask(QosTc::DSCP as u64);
    pub static QOS_TC_RESERVED: FieldDef =
        FieldDef::new("mip6.qos.tc_reserved", "Reserved", Kind::Uint(1)).hex().mask(QosTc::RESERVED as u64);
    pub static QOS_OC: FieldDef =
        FieldDef::new("mip6.qos.oc", "Operational Code (OC)", Kind::Uint(4)).mask(QosOcWord::OC as u64).vals(QOS_OC_VALS);
    pub static QOS_RESERVED: FieldDef =
        FieldDef::new("mip6.qos.reserved", "Reserved", Kind::Uint(4)).hex().mask(QosOcWord::RESERVED as u64);
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
    pub static QOS_ARP_PL: FieldDef =
        FieldDef::new("mip6.qos.arp.pl", "Priority-Level (PL)", Kind::Uint(1)).mask(ArpPriority::PL as u64);
    pub static QOS_ARP_PC: FieldDef = FieldDef::new("mip6.qos.arp.pc", "Preemption-Capability (PC)", Kind::Uint(1))
        .mask(ArpPriority::PC as u64)
        .vals(QOS_PREEMPT_VALS);
    pub static QOS_ARP_PV: FieldDef = FieldDef::new("mip6.qos.arp.pv", "Preemption-Vulnerability (PV)", Kind::Uint(1))
        .mask(ArpPriority::PV as u64)
        .vals(QOS_PREEMPT_VALS);
    pub static QOS_TS_RESERVED: FieldDef = FieldDef::new("mip6.qos.ts.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static QOS_TS_FORMAT: FieldDef =
        FieldDef::new("mip6.qos.ts.format", "TS Format", Kind::Uint(1)).vals(crate::mh::ts::FORMAT_VALS);
    pub static QOS_TS: FieldDef = FieldDef::new("mip6.qos.ts.ts", "Traffic Selector", Kind::Bytes)
        .blurb("RFC 6088 binary traffic selector (mip6.ts.* fields beneath)");
    pub static QOS_VSA_VID: FieldDef = FieldDef::new("mip6.qos.vsa.vendor_id", "Vendor ID", Kind::Uint(4));
    pub static QOS_VSA_SUBTYPE: FieldDef = FieldDef::new("mip6.qos.vsa.subtype", "Sub-Type", Kind::Uint(1));
    pub static QOS_VSA_DATA: FieldDef = FieldDef::new("mip6.qos.vsa.data", "Data", Kind::Bytes);
}

/// RFC 7222 §4.1 Traffic Class octet: DSCP(6), Reserved(2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QosTc(pub u8);

impl QosTc {
    pub const DSCP: u8 = 0xfc;
    pub const RESERVED: u8 = 0x03;
    pub const fn dscp(self) -> u8 {
        (self.0 & Self::DSCP) >> 2
    }
    pub const fn reserved(self) -> u8 {
        self.0 & Self::RESERVED
    }
}

/// RFC 7222 §4.1 word after TC: Operational Code(8), Reserved(24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QosOcWord(pub u32);

impl QosOcWord {
    pub const OC: u32 = 0xff00_0000;
    pub const RESERVED: u32 = 0x00ff_ffff;
    pub fn oc(self) -> QosOc {
        QosOc::from(((self.0 & Self::OC) >> 24) as u8)
    }
    pub const fn reserved(self) -> u32 {
        self.0 & Self::RESERVED
    }
    /// The word carrying `oc` and `reserved` (its low 24 bits).
    pub fn new(oc: QosOc, reserved: u32) -> Self {
        QosOcWord((u32::from(oc.value()) << 24) | (reserved & Self::RESERVED))
    }
}

/// RFC 7222 §4.2.5 Allocation-Retention-Priority octet: Priority-Level(4),
/// Preemption-Capability(2), Preemption-Vulnerability(2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArpPriority(pub u8);

impl ArpPriority {
    pub const PL: u8 = 0xf0;
    pub const PC: u8 = 0x0c;
    pub const PV: u8 = 0x03;
    pub const fn pl(self) -> u8 {
        (self.0 & Self::PL) >> 4
    }
    pub const fn pc(self) -> u8 {
        (self.0 & Self::PC) >> 2
    }
    pub const fn pv(self) -> u8 {
        self.0 & Self::PV
    }
}

super::wire_flags!(QosTc: u8, QosOcWord: u32, ArpPriority: u8);

layout! {
    /// Quality-of-Service fixed part (RFC 7222 §4.1): SR-ID(8), TC(8) = DSCP(6) Reserved(2),
    /// OC(8) Reserved(24) (kept as one 32-bit word).
    pub struct QosFixed {
        pub srid: u8 => [&QOS_SRID],
        pub tc: QosTc => [&QOS_TC, &QOS_DSCP, &QOS_TC_RESERVED],
        pub oc_reserved: QosOcWord => [&QOS_OC, &QOS_RESERVED],
    }
}

layout! {
    /// Allocation-Retention-Priority attribute value (RFC 7222 §4.2.5): Reserved(8) PL(4) PC(2) PV(2).
    pub struct QosArp { pub reserved: u8 => [&QOS_ARP_RESERVED], pub arp: ArpPriority => [&QOS_ARP_PL, &QOS_ARP_PC, &QOS_ARP_PV] }
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
        let oc = v.oc_reserved.oc().value();
        t.append(c.node, format_args!(": SR-ID {} DSCP {} {}", v.srid, v.tc.dscp(), name_of(QOS_OC_VALS, oc)));
        qos_attrs(t, c.off + QosFixed::LEN, c.end);
    }
}

impl QosAttrType {
    /// The field a rate attribute's value shows under (RFC 7222 §4.2.1–4.2.4, 4.2.6–4.2.9).
    fn rate_field(self) -> Option<&'static FieldDef> {
        Some(match self {
            QosAttrType::PerMnAggMaxDlBitRate => &QOS_PER_MN_DL,
            QosAttrType::PerMnAggMaxUlBitRate => &QOS_PER_MN_UL,
            QosAttrType::PerSessionAggMaxDlBitRate => &QOS_PER_SESSION_DL,
            QosAttrType::PerSessionAggMaxUlBitRate => &QOS_PER_SESSION_UL,
            QosAttrType::AggregateMaxDlBitRate => &QOS_AGG_DL,
            QosAttrType::AggregateMaxUlBitRate => &QOS_AGG_UL,
            QosAttrType::GuaranteedDlBitRate => &QOS_GBR_DL,
            QosAttrType::GuaranteedUlBitRate => &QOS_GBR_UL,
            _ => return None,
        })
    }
    /// The value length the type fixes, if it fixes one.
    fn fixed_len(self) -> Option<usize> {
        match self {
            QosAttrType::AllocationRetentionPriority => Some(QosArp::LEN),
            t if t.rate_field().is_some() => Some(6),
            _ => None,
        }
    }
    /// The length below which the value has no shape (the variable-length attributes).
    fn min_len(self) -> Option<usize> {
        match self {
            QosAttrType::TrafficSelector => Some(QosTsFixed::LEN),
            QosAttrType::VendorSpecific => Some(QosVsaFixed::LEN),
            _ => None,
        }
    }
}

/// RFC 7222 §4.2 QoS attributes over `off..end`, one subtree each, each parsed once as the
/// model's [`QosValue`] (borrowed) and shown from it.
fn qos_attrs(t: &mut Tree<'_>, start: usize, end: usize) {
    for (rel, tlv) in TlvWalk::new(t.bytes(start, end), false) {
        let off = start + rel;
        let (kind, l, data) = match tlv {
            Tlv::Whole { kind, len, data } => (kind, usize::from(len), data),
            Tlv::Overrun { kind, len, .. } => (kind, usize::from(len), &[][..]),
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
        if let Tlv::Overrun { .. } = tlv {
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
        let ty = QosAttrType::from(kind);
        match QosValue::<&[u8], &[u8]>::parse(kind, data) {
            QosValue::Rate { flags, bps } => {
                if matches!(ty, QosAttrType::PerSessionAggMaxDlBitRate | QosAttrType::PerSessionAggMaxUlBitRate) {
                    t.add_uint(&QOS_ATTR_S, d, 2, u64::from(flags.0));
                    t.add_uint(&QOS_ATTR_E, d, 2, u64::from(flags.0));
                    t.add_uint(&QOS_ATTR_FLAGS_RESERVED, d, 2, u64::from(flags.0));
                } else {
                    t.add_uint(&QOS_ATTR_RESERVED, d, 2, u64::from(flags.0));
                }
                if let Some(def) = ty.rate_field() {
                    t.add_uint(def, d + 2, 4, u64::from(bps));
                }
                t.append(n, format_args!(" {bps} bps"));
            }
            QosValue::Arp(v) => {
                v.show(t, d);
                t.append(n, format_args!(" PL {} PC {} PV {}", v.arp.pl(), v.arp.pc(), v.arp.pv()));
            }
            QosValue::TrafficSelector { fixed, selector } => {
                fixed.show(t, d);
                let format = fixed.format.value();
                t.append(n, format_args!(" {}", name_of(crate::mh::ts::FORMAT_VALS, format)));
                let at = d + QosTsFixed::LEN;
                crate::mh::ts::subtree(t, &QOS_TS, format, at, at + selector.len());
            }
            QosValue::Vendor { fixed, .. } => {
                fixed.show(t, d);
                t.append(n, format_args!(" vendor {} sub-type {}", fixed.vendor_id, fixed.subtype));
                raw(t, &QOS_VSA_DATA, d + QosVsaFixed::LEN, e);
            }
            QosValue::Raw(_) => {
                if let Some(w) = ty.fixed_len() {
                    t.expert(
                        &SUBOPT_LEN_INVALID,
                        off + 1,
                        1,
                        Some(format_args!("{} length {l}, should be {w}", name_of(QOS_ATTR_VALS, kind))),
                    );
                } else if ty.min_len().is_some() {
                    t.expert(
                        &SUBOPT_LEN_INVALID,
                        off + 1,
                        1,
                        Some(format_args!("{} length {l} is too short", name_of(QOS_ATTR_VALS, kind))),
                    );
                }
                raw(t, &QOS_ATTR_VALUE, d, e);
            }
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
/// octets otherwise. Generic over storage: the dissector reads `QosValue<&[u8], &[u8]>` in
/// place (the selector as its octets, which the RFC 6088 subtree reads), a crafter builds
/// `QosValue` (octets in `Vec<u8>`, the selector as a typed [`Selector`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QosValue<B = Vec<u8>, S = Selector> {
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
        selector: S,
    },
    /// §4.2.11: Reserved, Vendor ID, Sub-Type and the vendor's data.
    Vendor {
        fixed: QosVsaFixed,
        data: B,
    },
    Raw(B),
}

/// A traffic selector as a QoS attribute holds it: typed ([`Selector`]) or its octets.
pub trait SelectorForm<'a> {
    fn from_octets(format: TsFormat, data: &'a [u8]) -> Self;
}

impl SelectorForm<'_> for Selector {
    fn from_octets(format: TsFormat, data: &[u8]) -> Self {
        Selector::parse(format, data)
    }
}

impl<'a> SelectorForm<'a> for &'a [u8] {
    fn from_octets(_: TsFormat, data: &'a [u8]) -> Self {
        data
    }
}

impl<'a, B: From<&'a [u8]>, S: SelectorForm<'a>> QosValue<B, S> {
    /// The value of an attribute of type `kind`; any octets parse.
    pub fn parse(kind: u8, data: &'a [u8]) -> Self {
        let ty = QosAttrType::from(kind);
        let typed = match ty {
            _ if ty.fixed_len().is_some_and(|n| n != data.len()) => None,
            _ if ty.min_len().is_some_and(|n| data.len() < n) => None,
            QosAttrType::AllocationRetentionPriority => QosArp::parse(data).ok().map(|(_, v)| QosValue::Arp(v)),
            QosAttrType::TrafficSelector => QosTsFixed::parse(data)
                .ok()
                .map(|(ts, fixed)| QosValue::TrafficSelector { fixed, selector: S::from_octets(fixed.format, ts) }),
            QosAttrType::VendorSpecific => {
                QosVsaFixed::parse(data).ok().map(|(rest, fixed)| QosValue::Vendor { fixed, data: B::from(rest) })
            }
            _ if ty.rate_field().is_some() => match *data {
                [a, b, c0, c1, c2, c3] => Some(QosValue::Rate {
                    flags: QosRateFlags(u16::from_be_bytes([a, b])),
                    bps: u32::from_be_bytes([c0, c1, c2, c3]),
                }),
                _ => None,
            },
            _ => None,
        };
        typed.unwrap_or_else(|| QosValue::Raw(B::from(data)))
    }
}

impl SubValue for QosValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        QosValue::parse(kind, data)
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
        self.oc_reserved.oc()
    }
    /// DSCP (the top 6 bits of TC).
    pub const fn dscp(&self) -> u8 {
        self.tc.dscp()
    }
}

options! {
    /// The Quality-of-Service option, owned.
    pub enum QosOpt => Qos {
        // RFC 7222 §4.1: 4n; SR-ID, TC, OC and Reserved(24) make 6 octets before the attributes.
        /// SR-ID, TC, OC and Reserved, then the QoS attributes.
        QualityOfService(Tail<QosFixed, QosAttrs>) = OptType::QualityOfService, "Quality-of-Service", &P_QOS, Min(6), (4, 0), qos;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
