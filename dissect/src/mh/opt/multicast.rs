//! Multicast mobility: Dynamic IP Multicast Selector (54, RFC 7028 §5.1.2), Active Multicast
//! Subscription IPv4/IPv6 (56, 57, RFC 7161 §4.1.2, §4.1.3), Multicast Mobility Option (60,
//! RFC 7411 §5.3) and Multicast Acknowledgement Option (61, RFC 7411 §5.4).

use super::Len::Min;
use super::OptType;
use super::{name_of, raw, OptCtx, OptSummary, Span, Tail, NO_ALIGN};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_DIMS: FieldDef = FieldDef::new("mip6.options.dims", "MIPv6 Option - Dynamic IP Multicast Selector", Kind::Protocol);
pub static P_AMS4: FieldDef =
    FieldDef::new("mip6.options.ams4", "MIPv6 Option - Active Multicast Subscription IPv4", Kind::Protocol);
pub static P_AMS6: FieldDef =
    FieldDef::new("mip6.options.ams6", "MIPv6 Option - Active Multicast Subscription IPv6", Kind::Protocol);
pub static P_MCAST: FieldDef = FieldDef::new("mip6.options.mcast", "MIPv6 Option - Multicast Mobility Option", Kind::Protocol);
pub static P_MCAST_ACK: FieldDef =
    FieldDef::new("mip6.options.mcast_ack", "MIPv6 Option - Multicast Acknowledgement Option", Kind::Protocol);

/// RFC 7028 §5.1.2 and §8: the Report message type of the membership protocol in use.
static DIMS_PROTOCOL_VALS: &[(u64, &str)] = DimsProtocol::VALS;
crate::code_points! {
    /// RFC 7161 §4.1.3: MLD Report types.
    pub enum MldReportType: u8 { V1 = 131 => "MLDv1 Report", V2 = 143 => "MLDv2 Report" }
}
crate::code_points! {
    /// IGMP Report types (RFC 7161 §4.1.2; values as RFC 7028 §8).
    pub enum IgmpReportType: u8 { V1 = 0x12 => "IGMPv1 Report", V2 = 0x16 => "IGMPv2 Report", V3 = 0x22 => "IGMPv3 Report" }
}
crate::code_points! {
    /// RFC 7028 §5.1.2 and §8: the Report message type of the membership protocol in use.
    pub enum DimsProtocol: u8 { Igmpv1 = 0x12 => "IGMPv1", Igmpv2 = 0x16 => "IGMPv2", Igmpv3 = 0x22 => "IGMPv3", Mldv1 = 131 => "MLDv1", Mldv2 = 143 => "MLDv2" }
}
crate::flags! {
    /// RFC 7028 §5.1.2 flags octet: M, then 7 reserved bits.
    pub struct DimsFlags: u8 { M = 0x80 => 'M' "Dynamic IP Multicast Selector Mode" }
}
wire_code!(MldReportType: u8, IgmpReportType: u8, DimsProtocol: u8);
wire_flags!(DimsFlags: u8);
static AMS_MLD_TYPE_VALS: &[(u64, &str)] = MldReportType::VALS;
static AMS_IGMP_TYPE_VALS: &[(u64, &str)] = IgmpReportType::VALS;
crate::code_points! {
    /// RFC 7411 §5.3 Multicast Mobility Option Option-Code.
    pub enum McastCode: u8 {
        Igmpv3 = 1 => "IGMPv3 Payload Type",
        Mldv2 = 2 => "MLDv2 Payload Type",
        Igmpv3FromV2 = 3 => "IGMPv3 Payload Type from IGMPv2 Compatibility Mode",
        Mldv2FromV1 = 4 => "MLDv2 Payload Type from MLDv1 Compatibility Mode",
    }
}
crate::code_points! {
    /// RFC 7411 §5.4 Multicast Acknowledgement Option Status.
    pub enum McastAckStatus: u8 {
        PayloadTypeUnsupported = 1 => "Report Payload type unsupported",
        GroupServiceUnsupported = 2 => "Requested group service unsupported",
        AdministrativelyProhibited = 3 => "Requested group service administratively prohibited",
    }
}
wire_code!(McastCode: u8, McastAckStatus: u8);
static MCAST_CODE_VALS: &[(u64, &str)] = McastCode::VALS;
static MCAST_ACK_STATUS_VALS: &[(u64, &str)] = McastAckStatus::VALS;

crate::mh::fields! {
    // 54 Dynamic IP Multicast Selector (RFC 7028 §5.1.2: no alignment stated; Protocol(8) M(1)
    // Reserved(7) Nr of Mcast Address Records(16), then the RFC 3810/2710/3376 records).
    pub static DIMS_PROTOCOL: FieldDef = FieldDef::new("mip6.dims.protocol", "Protocol", Kind::Uint(1)).vals(DIMS_PROTOCOL_VALS);
    pub static DIMS_M: FieldDef = FieldDef::new("mip6.dims.m_flag", "Dynamic IP Multicast Selector Mode (M) flag", Kind::Bool(1))
        .mask(DimsFlags::M as u64)
        .tfs("Route locally (direct routing mode)", "Route via the MTMA (home network)");
    pub static DIMS_RESERVED: FieldDef =
        FieldDef::new("mip6.dims.reserved", "Reserved", Kind::Uint(1)).hex().mask(DimsFlags::RESERVED as u64);
    pub static DIMS_NUM: FieldDef = FieldDef::new("mip6.dims.num_records", "Nr of Mcast Address Records (N)", Kind::Uint(2));
    pub static DIMS_DATA: FieldDef = FieldDef::new("mip6.dims.data", "Multicast Address Records", Kind::Bytes)
        .blurb("MLD/IGMP records (RFC 3810 §5.2, RFC 2710, RFC 3376); not decoded further");
    // 56, 57 Active Multicast Subscription (RFC 7161 §4.1.2: 57 is 8n+1; MLD/IGMP Type(8), then the
    // Multicast Membership Context).
    pub static AMS4_TYPE: FieldDef = FieldDef::new("mip6.ams4.igmp_type", "IGMP Type", Kind::Uint(1)).vals(AMS_IGMP_TYPE_VALS);
    pub static AMS4_DATA: FieldDef = FieldDef::new("mip6.ams4.data", "Multicast Membership Context", Kind::Bytes);
    pub static AMS6_TYPE: FieldDef = FieldDef::new("mip6.ams6.mld_type", "MLD Type", Kind::Uint(1)).vals(AMS_MLD_TYPE_VALS);
    pub static AMS6_DATA: FieldDef = FieldDef::new("mip6.ams6.data", "Multicast Membership Context", Kind::Bytes);
    // 60 Multicast Mobility Option (RFC 7411 §5.3: no alignment stated; Option-Code(8) Reserved(8), then
    // the MLDv2/IGMPv3 Report Payload: the Report after its ICMP header, i.e. Reserved(16) Nr of Mcast
    // Address Records(16) and the records), 61 Multicast Acknowledgement Option (§5.4: Option-Code(8)
    // = 0, Status(8), then the Unsupported Report Payload in the same form). Both count Length in
    // 32-bit words after Option-Code and Reserved/Status; see `WORDS_AFTER_TWO`.
    pub static MCAST_CODE: FieldDef = FieldDef::new("mip6.mcast.opt_code", "Option-Code", Kind::Uint(1)).vals(MCAST_CODE_VALS);
    pub static MCAST_RESERVED: FieldDef = FieldDef::new("mip6.mcast.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static MCAST_PL_RESERVED: FieldDef =
        FieldDef::new("mip6.mcast.payload_reserved", "Report Payload Reserved", Kind::Uint(2)).hex();
    pub static MCAST_NUM: FieldDef = FieldDef::new("mip6.mcast.num_records", "No of Mcast Address Records (M)", Kind::Uint(2));
    pub static MCAST_DATA: FieldDef = FieldDef::new("mip6.mcast.data", "Multicast Address Records", Kind::Bytes)
        .blurb("MLDv2 Multicast Address Records (RFC 3810 §5.2) or IGMPv3 Group Records (RFC 3376 §4.2); not decoded further");
    pub static MCAST_ACK_CODE: FieldDef = FieldDef::new("mip6.mcast_ack.opt_code", "Option-Code", Kind::Uint(1));
    pub static MCAST_ACK_STATUS: FieldDef =
        FieldDef::new("mip6.mcast_ack.status", "Status", Kind::Uint(1)).vals(MCAST_ACK_STATUS_VALS);
    pub static MCAST_ACK_PL_RESERVED: FieldDef =
        FieldDef::new("mip6.mcast_ack.payload_reserved", "Report Payload Reserved", Kind::Uint(2)).hex();
    pub static MCAST_ACK_NUM: FieldDef =
        FieldDef::new("mip6.mcast_ack.num_records", "No of Mcast Address Records (M)", Kind::Uint(2));
    pub static MCAST_ACK_DATA: FieldDef = FieldDef::new("mip6.mcast_ack.data", "Unsupported Multicast Address Records", Kind::Bytes)
        .blurb("Records not supported or prohibited in the new access network (RFC 7411 §5.4); not decoded further");
}

pub static MCAST_ACK_RECORDS: ExpertDef = ExpertDef::new(
    "mip6.mcast_ack.records_with_status1",
    Group::Protocol,
    Severity::Warn,
    "Multicast Acknowledgement with Status 1 must carry no Mcast Address Records (RFC 7411 §5.4)",
);

layout! {
    /// Dynamic IP Multicast Selector fixed part (RFC 7028 §5.1.2).
    pub struct DimsFixed { pub protocol: DimsProtocol => [&DIMS_PROTOCOL], pub flags: DimsFlags => [&DIMS_M, &DIMS_RESERVED], pub records: u16 => [&DIMS_NUM] }
}

layout! {
    /// Multicast Mobility Option fixed part (RFC 7411 §5.3): Option-Code(8), Reserved(8), then
    /// the Report Payload's first line: Reserved(16) No of Mcast Address Records(16).
    pub struct McastFixed {
        pub code: McastCode => [&MCAST_CODE],
        pub reserved: u8 => [&MCAST_RESERVED],
        pub payload_reserved: u16 => [&MCAST_PL_RESERVED],
        pub records: u16 => [&MCAST_NUM],
    }
}

layout! {
    /// Multicast Acknowledgement Option fixed part (RFC 7411 §5.4): Option-Code(8) = 0,
    /// Status(8), then the Unsupported Report Payload's first line.
    pub struct McastAckFixed {
        pub code: u8 => [&MCAST_ACK_CODE],
        pub status: McastAckStatus => [&MCAST_ACK_STATUS],
        pub payload_reserved: u16 => [&MCAST_ACK_PL_RESERVED],
        pub records: u16 => [&MCAST_ACK_NUM],
    }
}

fn dims(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = DimsFixed::dissect(t, c.off, c.end) {
        t.append(
            c.node,
            format_args!(": {} M={} N={}", name_of(DIMS_PROTOCOL_VALS, v.protocol.value()), v.flags.0 >> 7, v.records),
        );
        raw(t, &DIMS_DATA, c.off + DimsFixed::LEN, c.end);
    }
}

fn ams4(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = Ams4Fixed::dissect(t, c.off, c.end) else { return };
    raw(t, &AMS4_DATA, c.off + Ams4Fixed::LEN, c.end);
}

fn ams6(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = Ams6Fixed::dissect(t, c.off, c.end) else { return };
    raw(t, &AMS6_DATA, c.off + Ams6Fixed::LEN, c.end);
}

/// RFC 7411 §5.3/§5.4 count the Length octet in 32-bit words, excluding Option-Code and
/// Reserved/Status, so a conforming option spans 4 + 4·Length octets; the rows' `span`
/// ([`WORDS_AFTER_TWO`]) makes the walk give the decoder those 2 + 4·Length octets of data.
fn mcast(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = McastFixed::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} M={}", name_of(MCAST_CODE_VALS, v.code.value()), v.records));
        raw(t, &MCAST_DATA, c.off + McastFixed::LEN, c.end);
    }
}

fn mcast_ack(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = McastAckFixed::dissect(t, c.off, c.end) {
        let status = v.status.value();
        t.append(c.node, format_args!(": {} M={}", name_of(MCAST_ACK_STATUS_VALS, status), v.records));
        let rest = c.off + McastAckFixed::LEN;
        // §5.4: no Mcast Address Records when the status is 1.
        if status == 1 && (v.records != 0 || rest < c.end) {
            t.expert(
                &MCAST_ACK_RECORDS,
                c.off + 4,
                2,
                Some(format_args!("Status 1 with {} record(s) and {} octets of records", v.records, c.end - rest)),
            );
        }
        raw(t, &MCAST_ACK_DATA, rest, c.end);
    }
}

/// RFC 7411 §5.3/§5.4: the multicast options' Length counts 32-bit words after Option-Code
/// and Reserved/Status, so their data is 2 + 4·Length octets (and a body that is not 2 plus
/// whole words cannot be emitted).
const WORDS_AFTER_TWO: Span = Span::WordsAfter(2);

layout! {
    /// Active Multicast Subscription IPv4 fixed part (RFC 7161 §4.1.2): IGMP Type.
    pub struct Ams4Fixed { pub igmp_type: IgmpReportType => [&AMS4_TYPE] }
}

layout! {
    /// Active Multicast Subscription IPv6 fixed part (RFC 7161 §4.1.3): MLD Type.
    pub struct Ams6Fixed { pub mld_type: MldReportType => [&AMS6_TYPE] }
}

options! {
    /// Multicast mobility's options, owned (the membership records are kept as octets).
    pub enum MulticastOpt => Multicast {
        /// Protocol, M, N and the address records.
        DynamicIpMulticastSelector(Tail<DimsFixed>) = OptType::DynamicIpMulticastSelector, "Dynamic IP Multicast Selector", &P_DIMS, Min(4), NO_ALIGN, dims;
        /// IGMP Type and the membership context.
        ActiveMulticastSubscriptionIpv4(Tail<Ams4Fixed>) = OptType::ActiveMulticastSubscriptionIpv4, "Active Multicast Subscription IPv4", &P_AMS4, Min(1), NO_ALIGN, ams4;
        /// MLD Type and the membership context.
        ActiveMulticastSubscriptionIpv6(Tail<Ams6Fixed>) = OptType::ActiveMulticastSubscriptionIpv6, "Active Multicast Subscription IPv6", &P_AMS6, Min(1), (8, 1), ams6;
        // RFC 7411 §5.3, §5.4: no alignment stated; Option-Code, Reserved/Status and the Report
        // Payload's first line (which "MUST always" be present) make 6 octets.
        /// The fixed part and the Mcast Address Records.
        MulticastMobility(Tail<McastFixed>) = OptType::MulticastMobility, "Multicast Mobility Option", &P_MCAST, Min(6), NO_ALIGN, mcast, span WORDS_AFTER_TWO;
        /// The fixed part and the unsupported records.
        MulticastAck(Tail<McastAckFixed>) = OptType::MulticastAcknowledgement, "Multicast Acknowledgement Option", &P_MCAST_ACK, Min(6), NO_ALIGN, mcast_ack, span WORDS_AFTER_TWO;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[&MCAST_ACK_RECORDS];
