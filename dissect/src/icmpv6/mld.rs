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

use super::{is_multicast, last_node, nest, Msg, RESERVED, UNKNOWN_DATA};
use crate::expert::{self, ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::ipv6::LenError;
use crate::layout;
use crate::model::{Auto, Cut};
use crate::tree::Tree;
use crate::wire::Ip6;

/// Smallest MLDv2 Query (RFC 3810 §5.1, §8.1), ICMPv6 header included.
pub const V2_QUERY_MIN: usize = 28;

crate::code_points! {
    /// MLDv2 Multicast Address Record types (RFC 3810 §5.2.12), with Wireshark's names.
    pub enum MldRecordType: u8 {
        Include = 1 => "Include",
        Exclude = 2 => "Exclude",
        ChangeToInclude = 3 => "Changed to include",
        ChangeToExclude = 4 => "Changed to exclude",
        AllowNewSources = 5 => "Allow new sources",
        BlockOldSources = 6 => "Block old sources",
    }
}

/// The record type names live once, in [`MldRecordType`].
static RECORD_TYPE_VALS: &[(u64, &str)] = MldRecordType::VALS;

pub static MRD: FieldDef = FieldDef::new("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", Kind::Uint(2));
pub static MULTICAST_ADDRESS: FieldDef = FieldDef::new("icmpv6.mld.multicast_address", "Multicast Address", Kind::Ipv6)
    .blurb(":: in a General Query; else the multicast address queried, reported or left");
pub static MRC: FieldDef = FieldDef::new("icmpv6.mld.maximum_response_code", "Maximum Response Code", Kind::Uint(2))
    .blurb("The Maximum Response Delay in milliseconds, decoded from the code (RFC 3810 §5.1.3), as Wireshark shows it");
pub static FLAG: FieldDef = FieldDef::new("icmpv6.mld.flag", "Flags", Kind::Uint(1)).hex();
pub static FLAG_S: FieldDef =
    FieldDef::new("icmpv6.mld.flag.s", "Suppress Router-Side Processing", Kind::Bool(1)).mask(MldFlags::S as u64);
pub static FLAG_QRV: FieldDef =
    FieldDef::new("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", Kind::Uint(1)).mask(MldFlags::QRV_MASK as u64);
pub static FLAG_RSV: FieldDef =
    FieldDef::new("icmpv6.mld.flag.reserved", "Reserved", Kind::Uint(1)).mask((MldFlags::RESERVED & !MldFlags::QRV_MASK) as u64);

crate::flags! {
    /// The MLDv2 Query's flags octet (RFC 3810 §5.1.7, §5.1.8): S, and QRV in
    /// [`MldFlags::QRV_MASK`].
    pub struct MldFlags: u8 { S = 0x08 => 'S' "Suppress Router-Side Processing" }
}
super::wire_flags!(MldFlags, u8);

impl MldFlags {
    /// The Querier's Robustness Variable bits.
    pub const QRV_MASK: u8 = 0x07;
    /// The Querier's Robustness Variable.
    pub const fn qrv(self) -> u8 {
        self.0 & Self::QRV_MASK
    }
}
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
        pub flags: MldFlags => [&FLAG, &FLAG_S, &FLAG_QRV, &FLAG_RSV],
        pub qqic: u8 => [&QQI],
        pub sources: Auto<u16> => [&NB_SOURCES],
    }
}
layout! {
    /// MLDv2 Report fixed part (RFC 3810 §5.2).
    pub struct ReportV2 { pub reserved: u16 => [&RESERVED], pub records: Auto<u16> => [&NB_RECORDS] }
}
layout! {
    /// MLDv2 Multicast Address Record fixed part (RFC 3810 §5.2.4).
    pub struct Record {
        pub record_type: u8 => [&MAR_TYPE],
        pub aux_words: Auto<u8> => [&MAR_AUX_LEN],
        pub sources: Auto<u16> => [&MAR_NB_SOURCES],
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
    let query = super::Icmp6Type::from(ty) == super::Icmp6Type::MldQuery;
    let general_query = query && a == [0; 16];
    if !(is_multicast(&a) || general_query) {
        t.expert(&CHECK_V1_NOT_MULTICAST, m.body + 4, 16, None);
    }
    let after = m.body + V1::LEN;
    if query && m.end > after {
        t.expert(&CHECK_QUERY_LENGTH, after, m.end - after, Some(format_args!("{} octets", m.end.saturating_sub(m.off))));
    }
}

/// MLDv2 Query (RFC 3810 §5.1).
pub(crate) fn query_v2(t: &mut Tree<'_>, m: &Msg, q: &MldQuery2<&[u8]>) {
    let r = QueryV2::dissect(t, m.body, m.end);
    let fl = nest(t, &FLAG, 3);
    let v = match r {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name);
            return;
        }
    };
    t.flag_summary(fl, u64::from(v.flags.0), &[&FLAG_S]);
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
    if let Some(after) = sources(t, &SOURCE_ADDRESS, at, m.end, q.sources, v.sources.or_else(|| 0), "Query") {
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
    let records = v.records.or_else(|| 0);
    for i in 0..records {
        if at >= m.end {
            t.cut_short(
                &expert::MALFORMED,
                at,
                0,
                Some(format_args!("Number of Multicast Address Records {records} but the message ends after {i}")),
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
    let name = MldRecordType::from(r.record_type).name();
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
    // The owned form's parse frames the record; what it could not read is reported.
    let bytes = t.bytes(at, end);
    let parsed = MldRecord::parse(bytes);
    let n = r.sources.or_else(|| 0);
    let whole = match &parsed {
        Ok((rec, _)) => rec.sources,
        Err(_) => addresses(bytes.get(Record::LEN..).unwrap_or_default(), usize::from(n)).0,
    };
    let next = match (sources(t, &MAR_SOURCE_ADDRESS, at + Record::LEN, end, whole, n, "Multicast Address Record"), parsed) {
        (Some(p), Ok((rec, len))) => {
            if !rec.aux.is_empty() {
                t.add(&MAR_AUX_DATA, p, rec.aux.len(), Value::Bytes);
            }
            Some(at + len)
        }
        (Some(p), Err(_)) => {
            let aux = usize::from(r.aux_words.or_else(|| 0)) * 4;
            t.cut_short(
                &expert::MALFORMED,
                p,
                end - p,
                Some(format_args!("Aux Data Len {} needs {aux} octets, {} left", aux / 4, end - p)),
            );
            None
        }
        (None, _) => None,
    };
    if let Some(n) = next {
        t.set_len(node, n - at);
    }
    t.close();
    next
}

/// The source addresses the owned form read (`whole`, from `at`) of the `n` announced;
/// returns where they end, or `None` when the message ran out first (reported).
fn sources(t: &mut Tree<'_>, def: &'static FieldDef, at: usize, end: usize, whole: &[u8], n: u16, what: &str) -> Option<usize> {
    for (k, a) in whole.chunks_exact(16).enumerate() {
        t.add(def, at + 16 * k, 16, Value::Ipv6(a.try_into().unwrap_or_default()));
    }
    let (k, after) = (whole.len() / 16, at + whole.len());
    if k < usize::from(n) {
        t.cut_short(
            &expert::MALFORMED,
            after,
            end - after,
            Some(format_args!(
                "{what}: Number of Sources {n}, the message ends after {k} ({} octets short)",
                16 * (usize::from(n) - k) - (end - after)
            )),
        );
        return None;
    }
    Some(after)
}

/// An MLDv1 message (Query of 24 octets, Report, Done: RFC 2710 §3), owned and lossless: the
/// octets after the fixed part are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MldV1<B> {
    pub fixed: V1,
    pub trailer: B,
}

/// An MLDv2 Query (RFC 3810 §5.1): Number of Sources computed from `sources` (whole addresses)
/// unless given; `trailer` keeps Additional Data or a cut address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MldQuery2<B> {
    pub fixed: QueryV2,
    pub sources: B,
    pub trailer: B,
}

impl Record {
    /// The Record Type, typed (the layout keeps the octet).
    pub fn kind(&self) -> MldRecordType {
        MldRecordType::from(self.record_type)
    }
}

/// An MLDv2 Multicast Address Record (RFC 3810 §5.2.4): Number of Sources and Aux Data Len
/// computed from `sources` and `aux` unless given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MldRecord<B> {
    pub fixed: Record,
    pub sources: B,
    pub aux: B,
}

/// The records of an MLDv2 Report: as parsed (the octets after the fixed part, walked by
/// [`MldReport2::records`]) or as a list with the octets after the last record (Additional Data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MldRecords<B> {
    Wire(B),
    Items { records: Vec<MldRecord<B>>, trailer: B },
}

/// An MLDv2 Report (RFC 3810 §5.2): Nr of Mcast Address Records computed unless given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MldReport2<B> {
    pub fixed: ReportV2,
    pub records: MldRecords<B>,
}

fn count<T: TryFrom<usize>>(n: usize, what: &'static str) -> Result<T, LenError> {
    T::try_from(n).map_err(|_| LenError { what, len: n })
}

/// `n` whole addresses from the start of `i` as far as they go, and the octets after them.
fn addresses(i: &[u8], n: usize) -> (&[u8], &[u8]) {
    i.split_at((i.len() / 16).min(n) * 16)
}

impl<B: AsRef<[u8]>> MldV1<B> {
    pub fn emit(&self, out: &mut Vec<u8>) {
        self.fixed.emit(out);
        out.extend_from_slice(self.trailer.as_ref());
    }
    pub fn to_owned(&self) -> MldV1<Vec<u8>> {
        MldV1 { fixed: self.fixed, trailer: self.trailer.as_ref().to_vec() }
    }
}

impl<'a> MldV1<&'a [u8]> {
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (rest, fixed) = V1::parse(i).map_err(|_| Cut::new(0, "MLDv1 message"))?;
        Ok((MldV1 { fixed, trailer: rest }, i.len()))
    }
}

impl<B: AsRef<[u8]>> MldQuery2<B> {
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LenError> {
        let mut f = self.fixed;
        if let Auto::Computed = f.sources {
            f.sources = Auto::Given(count(self.sources.as_ref().len() / 16, "MLD Number of Sources")?);
        }
        f.emit(out);
        out.extend_from_slice(self.sources.as_ref());
        out.extend_from_slice(self.trailer.as_ref());
        Ok(())
    }
    pub fn to_owned(&self) -> MldQuery2<Vec<u8>> {
        MldQuery2 { fixed: self.fixed, sources: self.sources.as_ref().to_vec(), trailer: self.trailer.as_ref().to_vec() }
    }
    /// The source addresses.
    pub fn source_addresses(&self) -> impl Iterator<Item = Ip6> + '_ {
        self.sources.as_ref().chunks_exact(16).map(|c| Ip6(c.try_into().unwrap_or_default()))
    }
}

impl<'a> MldQuery2<&'a [u8]> {
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (rest, fixed) = QueryV2::parse(i).map_err(|_| Cut::new(0, "MLDv2 Query"))?;
        let (sources, trailer) = addresses(rest, usize::from(fixed.sources.or_else(|| 0)));
        Ok((MldQuery2 { fixed, sources, trailer }, i.len()))
    }
}

impl<B: AsRef<[u8]>> MldRecord<B> {
    pub fn wire_len(&self) -> usize {
        Record::LEN + self.sources.as_ref().len() + self.aux.as_ref().len()
    }
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LenError> {
        let mut f = self.fixed;
        if let Auto::Computed = f.sources {
            f.sources = Auto::Given(count(self.sources.as_ref().len() / 16, "MLD record Number of Sources")?);
        }
        if let Auto::Computed = f.aux_words {
            let n = self.aux.as_ref().len();
            if !n.is_multiple_of(4) {
                return Err(LenError { what: "MLD Aux Data Len", len: n });
            }
            f.aux_words = Auto::Given(count(n / 4, "MLD Aux Data Len")?);
        }
        f.emit(out);
        out.extend_from_slice(self.sources.as_ref());
        out.extend_from_slice(self.aux.as_ref());
        Ok(())
    }
    pub fn to_owned(&self) -> MldRecord<Vec<u8>> {
        MldRecord { fixed: self.fixed, sources: self.sources.as_ref().to_vec(), aux: self.aux.as_ref().to_vec() }
    }
}

impl<'a> MldRecord<&'a [u8]> {
    /// Parses one record: its sources and auxiliary data must all be there.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (rest, fixed) = Record::parse(i).map_err(|_| Cut::new(0, "MLDv2 Multicast Address Record"))?;
        let ns = usize::from(fixed.sources.or_else(|| 0)) * 16;
        let na = usize::from(fixed.aux_words.or_else(|| 0)) * 4;
        let sources = rest.get(..ns).ok_or(Cut::new(Record::LEN, "MLDv2 record sources"))?;
        let aux = rest.get(ns..ns + na).ok_or(Cut::new(Record::LEN + ns, "MLDv2 record Auxiliary Data"))?;
        Ok((MldRecord { fixed, sources, aux }, Record::LEN + ns + na))
    }
}

impl<B: AsRef<[u8]>> MldReport2<B> {
    /// The records (at most Nr of Mcast Address Records when given), each borrowed, until one
    /// does not fit; then what is left after them.
    pub fn records(&self) -> (Vec<MldRecord<&[u8]>>, &[u8]) {
        match &self.records {
            MldRecords::Wire(b) => {
                let mut i = b.as_ref();
                let mut v = Vec::new();
                let n = self.fixed.records.or_else(|| u16::MAX);
                while v.len() < usize::from(n) {
                    match MldRecord::parse(i) {
                        Ok((r, len)) => {
                            v.push(r);
                            i = &i[len..];
                        }
                        Err(_) => break,
                    }
                }
                (v, i)
            }
            MldRecords::Items { records, trailer } => (
                records.iter().map(|r| MldRecord { fixed: r.fixed, sources: r.sources.as_ref(), aux: r.aux.as_ref() }).collect(),
                trailer.as_ref(),
            ),
        }
    }

    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LenError> {
        let mut f = self.fixed;
        match &self.records {
            MldRecords::Wire(b) => {
                if let Auto::Computed = f.records {
                    f.records = Auto::Given(count(self.records().0.len(), "MLD Nr of Records")?);
                }
                f.emit(out);
                out.extend_from_slice(b.as_ref());
            }
            MldRecords::Items { records, trailer } => {
                if let Auto::Computed = f.records {
                    f.records = Auto::Given(count(records.len(), "MLD Nr of Records")?);
                }
                f.emit(out);
                for r in records {
                    r.emit(out)?;
                }
                out.extend_from_slice(trailer.as_ref());
            }
        }
        Ok(())
    }

    /// The owned form, its records typed.
    pub fn to_owned(&self) -> MldReport2<Vec<u8>> {
        let (records, trailer) = self.records();
        MldReport2 {
            fixed: self.fixed,
            records: MldRecords::Items { records: records.iter().map(MldRecord::to_owned).collect(), trailer: trailer.to_vec() },
        }
    }
}

impl<'a> MldReport2<&'a [u8]> {
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (rest, fixed) = ReportV2::parse(i).map_err(|_| Cut::new(0, "MLDv2 Report"))?;
        Ok((MldReport2 { fixed, records: MldRecords::Wire(rest) }, i.len()))
    }
}
