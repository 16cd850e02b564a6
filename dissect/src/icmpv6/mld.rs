//! Multicast Listener Discovery: MLDv1 (RFC 2710 §3) Query/Report/Done and MLDv2 (RFC 3810
//! §5) Query and Report. Bodies after the ICMPv6 header:
//!
//! ```text
//!  MLDv1 (130, 131, 132)  | Maximum Response Delay | Reserved | Multicast Address (128) |
//!  MLDv2 Query (130)      | Maximum Response Code  | Reserved | Multicast Address (128) |
//!                         | Resv |S| QRV | QQIC | Number of Sources (N) | N Source Addresses |
//!  MLDv2 Report (143)     | Reserved | Nr of Mcast Address Records (M) | M records:
//!      | Record Type | Aux Data Len | Number of Sources (N) | Multicast Address |
//!      | N Source Addresses | Aux Data Len 32-bit words of Auxiliary Data |
//! ```
//! A Query is MLDv2 when it has 28 octets or more, MLDv1 when it has 24 (RFC 3810 §8.1).
//! Counts are never trusted: sources and records are read only as far as the message goes.

use super::{flag_summary, is_multicast, last_node, nest, Msg, RESERVED, UNKNOWN_DATA};
use crate::expert::{self, ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;
use crate::wire::{Ip6, Wire};

/// Smallest MLDv2 Query (RFC 3810 §5.1, §8.1), ICMPv6 header included.
pub const V2_QUERY_MIN: usize = 28;

static RECORD_TYPE_VALS: &[(u64, &str)] = &[
    (1, "Include"),
    (2, "Exclude"),
    (3, "Changed to include"),
    (4, "Changed to exclude"),
    (5, "Allow new sources"),
    (6, "Block old sources"),
];

pub static MRD: FieldDef = FieldDef::new("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", Kind::Uint(2));
pub static MULTICAST_ADDRESS: FieldDef = FieldDef::new("icmpv6.mld.multicast_address", "Multicast Address", Kind::Ipv6)
    .blurb(":: in a General Query; else the multicast address queried, reported or left");
pub static MRC: FieldDef = FieldDef::new("icmpv6.mld.maximum_response_code", "Maximum Response Code", Kind::Uint(2))
    .blurb("The Maximum Response Delay in milliseconds, decoded from the code (RFC 3810 §5.1.3), as Wireshark shows it");
pub static FLAG: FieldDef = FieldDef::new("icmpv6.mld.flag", "Flags", Kind::Uint(1)).hex();
pub static FLAG_S: FieldDef = FieldDef::new("icmpv6.mld.flag.s", "Suppress Router-Side Processing", Kind::Bool(1)).mask(0x08);
pub static FLAG_QRV: FieldDef =
    FieldDef::new("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", Kind::Uint(1)).mask(0x07);
pub static FLAG_RSV: FieldDef = FieldDef::new("icmpv6.mld.flag.reserved", "Reserved", Kind::Uint(1)).mask(0xf0);
pub static QQI: FieldDef = FieldDef::new("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", Kind::Uint(1))
    .blurb("The Querier's Query Interval in seconds, decoded from the code (RFC 3810 §5.1.9), as Wireshark shows it");
pub static NB_SOURCES: FieldDef = FieldDef::new("icmpv6.mld.nb_sources", "Number of Sources", Kind::Uint(2));
pub static SOURCE_ADDRESS: FieldDef = FieldDef::new("icmpv6.mld.source_address", "Source Address", Kind::Ipv6);
pub static NB_RECORDS: FieldDef =
    FieldDef::new("icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", Kind::Uint(2));
pub static MAR: FieldDef = FieldDef::new("icmpv6.mldr.mar", "Multicast Address Record", Kind::None);
pub static MAR_TYPE: FieldDef = FieldDef::new("icmpv6.mldr.mar.record_type", "Record Type", Kind::Uint(1)).vals(RECORD_TYPE_VALS);
pub static MAR_AUX_LEN: FieldDef = FieldDef::new("icmpv6.mldr.mar.aux_data_len", "Aux Data Len", Kind::Uint(1))
    .blurb("Auxiliary Data in 32-bit words (RFC 3810 §5.2.6)");
pub static MAR_NB_SOURCES: FieldDef = FieldDef::new("icmpv6.mldr.mar.nb_sources", "Number of Sources", Kind::Uint(2));
pub static MAR_MULTICAST_ADDRESS: FieldDef = FieldDef::new("icmpv6.mldr.mar.multicast_address", "Multicast Address", Kind::Ipv6);
pub static MAR_SOURCE_ADDRESS: FieldDef = FieldDef::new("icmpv6.mldr.mar.source_address", "Source Address", Kind::Ipv6);
pub static MAR_AUX_DATA: FieldDef = FieldDef::new("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", Kind::Bytes);

pub static CHECK_QUERY_LENGTH: ExpertDef = ExpertDef::new(
    "check.rfc3810.query_length",
    Group::Protocol,
    Severity::Warn,
    "Multicast Listener Query of 25 to 27 octets: neither MLDv1 (24) nor MLDv2 (28 or more); RFC 3810 §8.1: MUST be silently ignored",
);
pub static CHECK_V1_NOT_MULTICAST: ExpertDef = ExpertDef::new(
    "check.rfc2710.not_multicast",
    Group::Protocol,
    Severity::Warn,
    "Multicast Address is not a multicast address (RFC 2710 §3.6)",
);
pub static CHECK_V2_NOT_MULTICAST: ExpertDef = ExpertDef::new(
    "check.rfc3810.not_multicast",
    Group::Protocol,
    Severity::Warn,
    "Multicast Address is not a multicast address (RFC 3810 §5.1.5, §5.2.8)",
);
pub static CHECK_ADDITIONAL_DATA: ExpertDef = ExpertDef::new(
    "check.rfc3810.additional_data",
    Group::Protocol,
    Severity::Warn,
    "Additional Data after the last Source Address or Multicast Address Record: receivers ignore it, senders MUST NOT add it",
);

layout! {
    /// MLDv1 message (RFC 2710 §3).
    pub struct V1 {
        pub max_delay: u16 => [&MRD],
        pub reserved: u16 => [&RESERVED],
        pub multicast: Ip6 => [&MULTICAST_ADDRESS],
    }
}
layout! {
    /// MLDv2 Query fixed part (RFC 3810 §5.1).
    pub struct QueryV2 {
        pub max_code: u16 => [&MRC],
        pub reserved: u16 => [&RESERVED],
        pub multicast: Ip6 => [&MULTICAST_ADDRESS],
        pub flags: u8 => [&FLAG, &FLAG_S, &FLAG_QRV, &FLAG_RSV],
        pub qqic: u8 => [&QQI],
        pub sources: u16 => [&NB_SOURCES],
    }
}
layout! {
    /// MLDv2 Report fixed part (RFC 3810 §5.2).
    pub struct ReportV2 { pub reserved: u16 => [&RESERVED], pub records: u16 => [&NB_RECORDS] }
}
layout! {
    /// MLDv2 Multicast Address Record fixed part (RFC 3810 §5.2.4).
    pub struct Record {
        pub record_type: u8 => [&MAR_TYPE],
        pub aux_words: u8 => [&MAR_AUX_LEN],
        pub sources: u16 => [&MAR_NB_SOURCES],
        pub multicast: Ip6 => [&MAR_MULTICAST_ADDRESS],
    }
}

/// RFC 3810 §5.1.3: the Maximum Response Delay (ms) a Maximum Response Code stands for.
pub fn max_response_delay(code: u16) -> u32 {
    if code < 0x8000 {
        u32::from(code)
    } else {
        (u32::from(code & 0x0fff) | 0x1000) << (u32::from((code >> 12) & 7) + 3)
    }
}

/// RFC 3810 §5.1.9: the Querier's Query Interval (s) a QQIC stands for.
pub fn query_interval(code: u8) -> u32 {
    if code < 0x80 {
        u32::from(code)
    } else {
        (u32::from(code & 0x0f) | 0x10) << (u32::from((code >> 4) & 7) + 3)
    }
}

/// MLDv1 Query (short form), Report or Done.
pub(crate) fn v1(t: &mut Tree<'_>, m: &Msg, ty: u8) {
    let v = match V1::dissect(t, m.body, m.end) {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    let a = v.multicast.0;
    // A General Query asks about ::; everything else names a multicast address.
    let general_query = ty == 130 && a == [0; 16];
    if !(is_multicast(&a) || general_query) {
        t.expert(&CHECK_V1_NOT_MULTICAST, m.body + 4, 16, None);
    }
    let after = m.body + V1::LEN;
    if ty == 130 && m.end > after {
        t.expert(&CHECK_QUERY_LENGTH, after, m.end - after, Some(format_args!("{} octets", m.end.saturating_sub(m.off))));
    }
}

/// MLDv2 Query (RFC 3810 §5.1).
pub(crate) fn query_v2(t: &mut Tree<'_>, m: &Msg) {
    let r = QueryV2::dissect(t, m.body, m.end);
    let fl = nest(t, &FLAG, 3);
    let v = match r {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    flag_summary(t, fl, u64::from(v.flags), &[&FLAG_S]);
    // Wireshark shows the delay and interval the codes stand for, not the codes.
    let delay = max_response_delay(v.max_code);
    if let Some(i) = last_node(t, &MRC) {
        t.d.nodes[i].value = Value::Uint(u64::from(delay));
        t.append(i, format_args!(" ms (code 0x{:04x})", v.max_code));
    }
    let interval = query_interval(v.qqic);
    if let Some(i) = last_node(t, &QQI) {
        t.d.nodes[i].value = Value::Uint(u64::from(interval));
        t.append(i, format_args!(" s (code 0x{:02x})", v.qqic));
    }
    let a = v.multicast.0;
    if !is_multicast(&a) && a != [0; 16] {
        t.expert(&CHECK_V2_NOT_MULTICAST, m.body + 4, 16, None);
    }
    let at = m.body + QueryV2::LEN;
    if let Some(after) = sources(t, &SOURCE_ADDRESS, at, m.end, v.sources, "Query") {
        additional_data(t, after, m.end, "RFC 3810 §5.1.12", "the last Source Address");
    }
}

/// Octets after what an MLDv2 message defines (RFC 3810 §5.1.12, §5.2.11: "Additional Data",
/// covered by the checksum and otherwise ignored; a sender MUST NOT add them): shown, and a
/// warning.
fn additional_data(t: &mut Tree<'_>, at: usize, end: usize, section: &str, after: &str) {
    if at >= end {
        return;
    }
    t.add(&UNKNOWN_DATA, at, end - at, Value::Bytes);
    t.expert(&CHECK_ADDITIONAL_DATA, at, end - at, Some(format_args!("{} octets after {after} ({section})", end - at)));
}

/// MLDv2 Report (RFC 3810 §5.2).
pub(crate) fn report_v2(t: &mut Tree<'_>, m: &Msg) {
    let v = match ReportV2::dissect(t, m.body, m.end) {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    let mut at = m.body + ReportV2::LEN;
    for i in 0..v.records {
        if at >= m.end {
            t.cut_short(
                &expert::MALFORMED,
                at,
                0,
                Some(format_args!("Number of Multicast Address Records {} but the message ends after {i}", v.records)),
            );
            return;
        }
        match record(t, at, m.end) {
            Some(next) => at = next,
            None => return,
        }
    }
    additional_data(t, at, m.end, "RFC 3810 §5.2.11", "the last Multicast Address Record");
}

/// One Multicast Address Record at `at`; returns where the next one starts, or `None` when
/// the message ran out (reported).
fn record(t: &mut Tree<'_>, at: usize, end: usize) -> Option<usize> {
    let node = t.add(&MAR, at, end - at, Value::None);
    t.open(node);
    let r = match Record::dissect(t, at, end) {
        Ok(r) => r,
        Err(p) => {
            t.truncated(p, "MLDv2 Multicast Address Record");
            t.close();
            return None;
        }
    };
    let name = MAR_TYPE.value_name(u64::from(r.record_type));
    t.append_with(node, |s| {
        match name {
            Some(n) => {
                s.push(' ');
                s.push_str(n);
            }
            None => {
                s.push_str(" Unknown Record Type (");
                crate::format::write_dec(s, u64::from(r.record_type));
                s.push(')');
            }
        }
        s.push_str(": ");
        crate::format::write_ipv6(s, &r.multicast.0);
    });
    if !is_multicast(&r.multicast.0) {
        t.expert(&CHECK_V2_NOT_MULTICAST, at + 4, 16, None);
    }
    let mut p = at + Record::LEN;
    let next = match sources(t, &MAR_SOURCE_ADDRESS, p, end, r.sources, "Multicast Address Record") {
        Some(q) => {
            p = q;
            let aux = usize::from(r.aux_words) * 4;
            if aux == 0 {
                Some(p)
            } else if p + aux <= end {
                t.add(&MAR_AUX_DATA, p, aux, Value::Bytes);
                Some(p + aux)
            } else {
                t.cut_short(
                    &expert::MALFORMED,
                    p,
                    end - p,
                    Some(format_args!("Aux Data Len {} needs {aux} octets, {} left", r.aux_words, end - p)),
                );
                None
            }
        }
        None => None,
    };
    if let Some(n) = next {
        t.set_len(node, n - at);
    }
    t.close();
    next
}

/// `n` source addresses from `at`; returns where they end, or `None` when the message ran out
/// first (reported).
fn sources(t: &mut Tree<'_>, def: &'static FieldDef, mut at: usize, end: usize, n: u16, what: &str) -> Option<usize> {
    for k in 0..n {
        match Ip6::parse(t.bytes(at, end)) {
            Ok((_, a)) => {
                t.add(def, at, 16, Value::Ipv6(a.0));
                at += 16;
            }
            Err(_) => {
                t.cut_short(
                    &expert::MALFORMED,
                    at,
                    end - at,
                    Some(format_args!(
                        "{what}: Number of Sources {n}, the message ends after {k} ({} octets short)",
                        16 * usize::from(n - k) - (end - at)
                    )),
                );
                return None;
            }
        }
    }
    Some(at)
}
