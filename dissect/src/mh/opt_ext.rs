//! Mobility options 8–70 (IANA registry after RFC 6275): PMIPv6, ERO (RFC 4866), DSMIPv6,
//! FMIPv6 and later RFCs. Option 35 (Binding Identifier) lives in `seeds.rs`.
//!
//! Field names are Wireshark's wherever Wireshark has the field (`tshark -G fields`), else
//! mipscope's own in the same style. Where Wireshark shows a value wrongly (payloads two
//! octets short, reference.md §1.8.1; the MESG-ID timestamp read as seconds+nanoseconds
//! instead of NTP format; non-NAI MN identifiers shown as text) mipscope follows the RFC.

use super::expert;
use super::opt::{Len, OptCtx, OptDef, OptSummary, OPT_VALS};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{write_dec, FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;
use crate::wire::{Ip4, Ip6};

// ---------------------------------------------------------------------------------------------
// Presence fields (Wireshark's `mip6.options.<short>` pseudo-protocols, and ours in that style).

macro_rules! presence {
    ($($id:ident = $abbrev:literal, $name:literal;)*) => {
        $( pub static $id: FieldDef = FieldDef::new($abbrev, $name, Kind::Protocol); )*
        #[cfg(test)]
        static PRESENCE: &[&FieldDef] = &[$(&$id),*];
    };
}

presence! {
    P_MNID = "mip6.options.mnid", "MIPv6 Option - Mobile Node Identifier";
    P_AUTH = "mip6.options.auth", "MIPv6 Option - AUTH-OPTION-TYPE";
    P_MESGID = "mip6.options.mseg_id", "MIPv6 Option - MESG-ID-OPTION-TYPE";
    P_CGAPR = "mip6.options.cgapr", "MIPv6 Option - CGA Parameters Request";
    P_CGAR = "mip6.options.cgar", "MIPv6 Option - CGA Parameters";
    P_SIGN = "mip6.options.sign", "MIPv6 Option - Signature";
    P_PHKT = "mip6.options.phkt", "MIPv6 Option - Permanent Home Keygen Token";
    P_COTI = "mip6.options.coti", "MIPv6 Option - Care-of Test Init";
    P_COT = "mip6.options.cot", "MIPv6 Option - Care-of Test";
    P_DNSU = "mip6.options.dnsu", "MIPv6 Option - DNS-UPDATE-TYPE";
    P_EM = "mip6.options.em", "MIPv6 Option - Experimental";
    P_VSM = "mip6.options.vsm", "MIPv6 Option - Vendor Specific";
    P_SSM = "mip6.options.ssm", "MIPv6 Option - Service Selection";
    P_BADFF = "mip6.options.badff", "MIPv6 Option - Binding Authorization Data for FMIPv6 (BADF)";
    P_HNP = "mip6.options.hnp", "MIPv6 Option - Home Network Prefix";
    P_HI = "mip6.options.hi", "MIPv6 Option - Handoff Indicator";
    P_ATT = "mip6.options.att", "MIPv6 Option - Access Technology Type Option";
    P_MNLLI = "mip6.options.mnlli", "MIPv6 Option - Mobile Node Link-layer Identifier";
    P_LLA = "mip6.options.lla", "MIPv6 Option - Link-local Address";
    P_TS = "mip6.options.ts", "MIPv6 Option - Timestamp";
    P_RC = "mip6.options.rc", "MIPv6 Option - Restart Counter";
    P_IPV4HA = "mip6.options.ipv4ha", "MIPv6 Option - IPv4 Home Address";
    P_IPV4AA = "mip6.options.ipv4aa", "MIPv6 Option - IPv4 Address Acknowledgement";
    P_NATD = "mip6.options.natd", "MIPv6 Option - NAT Detection";
    P_IPV4COA = "mip6.options.ipv4coa", "MIPv6 Option - IPv4 Care-of Address";
    P_GREK = "mip6.options.grek", "MIPv6 Option - GRE Key";
    P_MHIPV6AP = "mip6.options.mhipv6ap", "MIPv6 Option - Mobility Header IPv6 Address/Prefix";
    P_IPV4HAREQ = "mip6.options.ipv4hareq", "MIPv6 Option - IPv4 Home Address Request";
    P_IPV4HAREP = "mip6.options.ipv4harep", "MIPv6 Option - IPv4 Home Address Reply";
    P_IPV4DRA = "mip6.options.ipv4dra", "MIPv6 Option - IPv4 Default-Router Address";
    P_IPV4DSM = "mip6.options.ipv4dsm", "MIPv6 Option - IPv4 DHCP Support Mode";
    P_CR = "mip6.options.cr", "MIPv6 Option - Context Request";
    // Wireshark labels this one "Mobile Node Link-local Address Interface Identifier" by mistake.
    P_LMAA = "mip6.options.lmaa", "MIPv6 Option - Local Mobility Anchor Address";
    P_MNLLAIID = "mip6.options.mnlla_iid", "MIPv6 Option - Mobile Node Link-local Address Interface Identifier";
    P_TB = "mip6.options.tb", "MIPv6 Option - Transient Binding";
    P_FS = "mip6.options.fs", "MIPv6 Option - Flow Summary";
    P_FI = "mip6.options.fi", "MIPv6 Option - Flow Identification";
    P_RECAP = "mip6.options.recap", "MIPv6 Option - Redirect-Capability";
    P_REDIR = "mip6.options.redir", "MIPv6 Option - Redirect";
    P_LOAD_INF = "mip6.options.load_inf", "MIPv6 Option - Load Information";
    P_ALT_IP4 = "mip6.options.alt_ip4", "MIPv6 Option - Alternate IPv4";
    P_MNG = "mip6.options.mng", "MIPv6 Option - Mobile Node Group Identifier";
    P_MAG_IPV6 = "mip6.options.mag_ipv6", "MIPv6 Option - MAG IPv6 Address";
    P_ACC_NET_ID = "mip6.options.acc_net_id", "MIPv6 Option - Access Network Identifier";
    P_IPV4_TOS = "mip6.options.ipv4_tos", "MIPv6 Option - IPv4 Traffic Offload Selector";
    P_DIMS = "mip6.options.dims", "MIPv6 Option - Dynamic IP Multicast Selector";
    P_DMNP = "mip6.options.dmnp", "MIPv6 Option - Delegated Mobile Network Prefix";
    P_AMS4 = "mip6.options.ams4", "MIPv6 Option - Active Multicast Subscription IPv4";
    P_AMS6 = "mip6.options.ams6", "MIPv6 Option - Active Multicast Subscription IPv6";
    P_QOS = "mip6.options.qos", "MIPv6 Option - Quality-of-Service";
    P_LMA_UPA = "mip6.options.lma_upa", "MIPv6 Option - LMA User-Plane Address";
    P_MCAST = "mip6.options.mcast", "MIPv6 Option - Multicast Mobility Option";
    P_MCAST_ACK = "mip6.options.mcast_ack", "MIPv6 Option - Multicast Acknowledgement Option";
    P_LCMP = "mip6.options.lcmp", "MIPv6 Option - LMA-Controlled MAG Parameters";
    P_MAG_MPB = "mip6.options.mag_mpb", "MIPv6 Option - MAG Multipath-Binding";
    P_MAG_ID = "mip6.options.mag_id", "MIPv6 Option - MAG Identifier";
    P_ANCHORED = "mip6.options.anchored_prefix", "MIPv6 Option - Anchored Prefix";
    P_LOCAL = "mip6.options.local_prefix", "MIPv6 Option - Local Prefix";
    P_PREV_MAAR = "mip6.options.prev_maar", "MIPv6 Option - Previous MAAR";
    P_SERV_MAAR = "mip6.options.serv_maar", "MIPv6 Option - Serving MAAR";
    P_DLIF_LLA = "mip6.options.dlif_lla", "MIPv6 Option - DLIF Link-Local Address";
    P_DLIF_LLAYER = "mip6.options.dlif_llayer", "MIPv6 Option - DLIF Link-Layer Address";
}

// ---------------------------------------------------------------------------------------------
// Value tables (IANA names).

pub static MNID_SUBTYPE_VALS: &[(u64, &str)] = &[
    (1, "NAI"),
    (2, "IPv6 Address"),
    (3, "IMSI"),
    (4, "P-TMSI"),
    (5, "EUI-48 address"),
    (6, "EUI-64 address"),
    (7, "GUTI"),
    (8, "DUID"),
];
static AUTH_SUBTYPE_VALS: &[(u64, &str)] =
    &[(1, "MN-HA authentication mobility option"), (2, "MN-AAA authentication mobility option")];
static DNSU_STATUS_VALS: &[(u64, &str)] =
    &[(0, "DNS update performed"), (128, "Reason unspecified"), (129, "Administratively prohibited"), (130, "DNS Update Failed")];
pub static HI_VALS: &[(u64, &str)] = &[
    (0, "Reserved"),
    (1, "Attachment over a new interface"),
    (2, "Handoff between two different interfaces of the mobile node"),
    (3, "Handoff between mobile access gateways for the same interface"),
    (4, "Handoff state unknown"),
    (5, "Handoff state not changed (Re-registration)"),
    (6, "Attachment over a new interface sharing prefixes"),
];
pub static ATT_VALS: &[(u64, &str)] = &[
    (0, "Reserved"),
    (1, "Virtual"),
    (2, "PPP"),
    (3, "IEEE 802.3"),
    (4, "IEEE 802.11a/b/g"),
    (5, "IEEE 802.16e"),
    (6, "3GPP GERAN"),
    (7, "3GPP UTRAN"),
    (8, "3GPP E-UTRAN"),
    (9, "3GPP2 eHRPD"),
    (10, "3GPP2 HRPD"),
    (11, "3GPP2 1xRTT"),
    (12, "3GPP2 UMB"),
    (13, "3GPP NB-IOT"),
];
/// IPv4 Address Acknowledgement (RFC 5555 §3.2.1) and IPv4 Home Address Reply (RFC 5844
/// §3.2.2) status codes; the two IANA registries agree on 0–132, 133 is RFC 5555's only.
static IPV4AA_STATUS_VALS: &[(u64, &str)] = &[
    (0, "Success"),
    (128, "Failure, reason unspecified"),
    (129, "Administratively prohibited"),
    (130, "Incorrect IPv4 home address"),
    (131, "Invalid IPv4 address"),
    (132, "Dynamic IPv4 home address assignment not available"),
    (133, "Prefix allocation unauthorized"),
];
static MHIPV6AP_CODE_VALS: &[(u64, &str)] =
    &[(1, "Old Care-of Address"), (2, "New Care-of Address"), (3, "NAR's IP address"), (4, "NAR's Prefix")];
static LMAA_CODE_VALS: &[(u64, &str)] = &[(1, "IPv6 address of the LMA"), (2, "IPv4 address of the LMA")];
static MNG_SUBTYPE_VALS: &[(u64, &str)] = &[(1, "Bulk Binding Update Group")];
static ANI_TYPE_VALS: &[(u64, &str)] =
    &[(1, "Network-Identifier sub-option"), (2, "Geo-Location sub-option"), (3, "Operator-Identifier sub-option")];
static ANI_OPID_VALS: &[(u64, &str)] = &[(1, "Private Enterprise Number (PEN)"), (2, "Realm of the operator")];
/// RFC 6089 §4.2.1.1–4.2.1.4 flow identification sub-option types.
static FI_SUBOPT_VALS: &[(u64, &str)] = &[(0, "Pad1"), (1, "PadN"), (2, "Binding Reference"), (3, "Traffic Selector")];
/// RFC 6089 §4.2 Flow Identification Status values.
static FI_STATUS_VALS: &[(u64, &str)] = &[
    (0, "Flow binding successful"),
    (128, "Administratively prohibited"),
    (129, "Flow binding rejected, reason unspecified"),
    (130, "Flow identification mobility option malformed"),
    (131, "BID not found"),
    (132, "FID not found"),
    (133, "Traffic selector format not supported"),
];
/// TS Format (RFC 6088 §3, repeated in RFC 6909 §3.1).
static TS_FORMAT_VALS: &[(u64, &str)] =
    &[(0, "Reserved"), (1, "IPv4 binary traffic selector"), (2, "IPv6 binary traffic selector")];
/// RFC 7028 §5.1.2 and §8: the Report message type of the membership protocol in use.
static DIMS_PROTOCOL_VALS: &[(u64, &str)] =
    &[(0x12, "IGMPv1"), (0x16, "IGMPv2"), (0x22, "IGMPv3"), (131, "MLDv1"), (143, "MLDv2")];
/// RFC 7161 §4.1.2/§4.1.3: MLD Report types.
static AMS_MLD_TYPE_VALS: &[(u64, &str)] = &[(131, "MLDv1 Report"), (143, "MLDv2 Report")];
/// IGMP Report types (RFC 7161 IPv4 variant; values as RFC 7028 §8).
static AMS_IGMP_TYPE_VALS: &[(u64, &str)] = &[(0x12, "IGMPv1 Report"), (0x16, "IGMPv2 Report"), (0x22, "IGMPv3 Report")];
/// RFC 7222 §4.1 Operational Code; 6–255 reserved (the receiver ignores the option).
static QOS_OC_VALS: &[(u64, &str)] =
    &[(0, "RESPONSE"), (1, "ALLOCATE"), (2, "DE-ALLOCATE"), (3, "MODIFY"), (4, "QUERY"), (5, "NEGOTIATE")];
/// RFC 7222 §4.2 QoS attribute types (0, 12–254 and 255 reserved).
static QOS_ATTR_VALS: &[(u64, &str)] = &[
    (0, "Reserved"),
    (1, "Per-MN-Agg-Max-DL-Bit-Rate"),
    (2, "Per-MN-Agg-Max-UL-Bit-Rate"),
    (3, "Per-Session-Agg-Max-DL-Bit-Rate"),
    (4, "Per-Session-Agg-Max-UL-Bit-Rate"),
    (5, "Allocation-Retention-Priority"),
    (6, "Aggregate-Max-DL-Bit-Rate"),
    (7, "Aggregate-Max-UL-Bit-Rate"),
    (8, "Guaranteed-DL-Bit-Rate"),
    (9, "Guaranteed-UL-Bit-Rate"),
    (10, "QoS-Traffic-Selector"),
    (11, "QoS-Vendor-Specific-Attribute"),
    (255, "Reserved"),
];
/// RFC 7222 §4.2.5 Preemption-Capability and Preemption-Vulnerability (2 and 3 reserved).
static QOS_PREEMPT_VALS: &[(u64, &str)] = &[(0, "Enabled"), (1, "Disabled"), (2, "Reserved"), (3, "Reserved")];
/// RFC 7411 §5.3 Multicast Mobility Option Option-Code.
static MCAST_CODE_VALS: &[(u64, &str)] = &[
    (1, "IGMPv3 Payload Type"),
    (2, "MLDv2 Payload Type"),
    (3, "IGMPv3 Payload Type from IGMPv2 Compatibility Mode"),
    (4, "MLDv2 Payload Type from MLDv1 Compatibility Mode"),
];
/// RFC 7411 §5.4 Multicast Acknowledgement Option Status.
static MCAST_ACK_STATUS_VALS: &[(u64, &str)] = &[
    (1, "Report Payload type unsupported"),
    (2, "Requested group service unsupported"),
    (3, "Requested group service administratively prohibited"),
];
/// RFC 8127 §3.1 LCMP sub-option types.
static LCMP_SUBOPT_VALS: &[(u64, &str)] = &[(0, "Reserved"), (1, "Binding Re-registration Control"), (2, "Heartbeat Control")];

// ---------------------------------------------------------------------------------------------
// Custom formatters.

/// "N (M unit)": a count of `scale`-sized units and what it amounts to.
fn scaled(v: &Value, out: &mut dyn crate::field::Sink, scale: u64, unit: &str) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(" (");
        write_dec(out, n.saturating_mul(scale));
        out.push_str(unit);
        out.push(')');
    }
}

fn hundred_ms(v: &Value, out: &mut dyn crate::field::Sink) {
    scaled(v, out, 100, " ms");
}

fn four_seconds(v: &Value, out: &mut dyn crate::field::Sink) {
    scaled(v, out, 4, " s");
}

fn seconds(v: &Value, out: &mut dyn crate::field::Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(" s");
    }
}

fn bps(v: &Value, out: &mut dyn crate::field::Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(" bps");
    }
}

fn natd_refresh(v: &Value, out: &mut dyn crate::field::Sink) {
    if let Value::Uint(n) = v {
        write_dec(out, *n);
        match *n {
            0 => out.push_str(" (Ignore)"),
            0xffff_ffff => out.push_str(" (keepalives are not needed, no NAT detected)"),
            _ => {}
        }
    }
}

fn mng_id(v: &Value, out: &mut dyn crate::field::Sink) {
    if let Value::Uint(n) = v {
        write_dec(out, *n);
        if *n == 1 {
            out.push_str(" - ALL-SESSIONS");
        }
    }
}

/// RFC 6757 §3.1.2: 24-bit two's complement, 9 integer and 15 fraction bits.
fn degrees(v: &Value, out: &mut dyn crate::field::Sink) {
    if let Value::Int(n) = v {
        let _ = write!(out, "{:.6}", *n as f64 / 32768.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Fields.

// 8 Mobile Node Identifier (RFC 4283, RFC 8371)
pub static MNID_SUBTYPE: FieldDef = FieldDef::new("mip6.mnid.subtype", "Subtype", Kind::Uint(1)).vals(MNID_SUBTYPE_VALS);
pub static MNID_IDENTIFIER: FieldDef =
    FieldDef::new("mip6.mnid.identifier", "Identifier", Kind::String).blurb("Network Access Identifier (subtype 1, RFC 4283)");
pub static MNID_IPV6: FieldDef = FieldDef::new("mip6.mnid.ipv6", "IPv6 Address", Kind::Ipv6);
pub static MNID_IMSI: FieldDef =
    FieldDef::new("mip6.mnid.imsi", "IMSI", Kind::String).blurb("IMSI digits decoded from TBCD (RFC 8371 §4.2)");
pub static MNID_PTMSI: FieldDef = FieldDef::new("mip6.mnid.ptmsi", "P-TMSI", Kind::Uint(4)).hex();
pub static MNID_EUI48: FieldDef = FieldDef::new("mip6.mnid.eui48", "EUI-48 Address", Kind::Ether);
pub static MNID_EUI64: FieldDef = FieldDef::new("mip6.mnid.eui64", "EUI-64 Address", Kind::Bytes);
pub static MNID_GUTI: FieldDef = FieldDef::new("mip6.mnid.guti", "GUTI", Kind::Bytes);
pub static MNID_DUID: FieldDef = FieldDef::new("mip6.mnid.duid", "DUID", Kind::Bytes);
pub static MNID_DATA: FieldDef = FieldDef::new("mip6.mnid.data", "Identifier (raw)", Kind::Bytes);

// 9 AUTH (RFC 4285)
pub static AUTH_SUBTYPE: FieldDef = FieldDef::new("mip6.auth.subtype", "Subtype", Kind::Uint(1)).vals(AUTH_SUBTYPE_VALS);
pub static AUTH_SPI: FieldDef = FieldDef::new("mip6.auth.mobility_spi", "Mobility SPI", Kind::Uint(4));
pub static AUTH_DATA: FieldDef = FieldDef::new("mip6.auth.auth_data", "Authentication Data", Kind::Bytes);
// 10 MESG-ID (RFC 4285)
pub static MESGID_TS: FieldDef = FieldDef::new("mip6.mseg_id.timestamp", "Timestamp", Kind::AbsTime)
    .blurb("64-bit NTP-format timestamp (seconds since 1900 and 1/2^32 fractions)");
// 12–16 (RFC 4866)
pub static CGAR: FieldDef = FieldDef::new("mip6.cgar.cga_par", "CGA Parameters", Kind::Bytes);
pub static SIGN: FieldDef = FieldDef::new("mip6.sign.sign", "Signature", Kind::Bytes);
pub static PHKT: FieldDef = FieldDef::new("mip6.phkt.phkt", "Permanent Home Keygen Token", Kind::Bytes);
pub static COT_TOKEN: FieldDef = FieldDef::new("mip6.mocot.co_keygen_tok", "Care-of Keygen Token", Kind::Bytes);
// 17 DNS-UPDATE-TYPE (RFC 5026)
pub static DNSU_STATUS: FieldDef = FieldDef::new("mip6.dnsu.status", "Status", Kind::Uint(1)).vals(DNSU_STATUS_VALS);
pub static DNSU_R: FieldDef = FieldDef::new("mip6.dnsu.flag.r", "R flag", Kind::Bool(1)).mask(0x80).tfs(
    "Mobile Node is requesting the HA to remove the DNS entry",
    "Mobile Node is requesting the HA to create or update a DNS entry",
);
pub static DNSU_RESERVED: FieldDef = FieldDef::new("mip6.dnsu.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x7f);
pub static DNSU_MNID: FieldDef = FieldDef::new("mip6.dnsu.mn_id", "MN identity (FQDN)", Kind::Bytes);
// 18 Experimental (RFC 5096)
pub static EM_DATA: FieldDef = FieldDef::new("mip6.em.data", "Data", Kind::Bytes);
// 19 Vendor Specific (RFC 5094)
pub static VSM_VID: FieldDef = FieldDef::new("mip6.vsm.vendorId", "Vendor Id", Kind::Uint(4));
pub static VSM_SUBTYPE: FieldDef = FieldDef::new("mip6.vsm.subtype", "Subtype", Kind::Uint(1));
pub static VSM_DATA: FieldDef = FieldDef::new("mip6.vsm.data", "Data", Kind::Bytes);
// 20 Service Selection (RFC 5149)
pub static SS_ID: FieldDef = FieldDef::new("mip6.ss.identifier", "Identifier", Kind::String);
// 21 BADF (RFC 5568)
pub static BADFF_SPI: FieldDef = FieldDef::new("mip6.badff.spi", "SPI", Kind::Uint(4));
pub static BADFF_AUTH: FieldDef = FieldDef::new("mip6.badff.auth", "Authenticator", Kind::Bytes);
// 22 Home Network Prefix (RFC 5213 §8.3); Wireshark reuses mip6.nemo.mnp.* (reference.md §1.8.5).
pub static HNP_RESERVED: FieldDef = FieldDef::new("mip6.hnp.reserved", "Reserved", Kind::Uint(1)).hex();
// tshark files the Home Network Prefix under the NEMO MNP fields (reference.md §1.8.5).
pub static HNP_PFL: FieldDef =
    FieldDef::new("mip6.hnp.pfl", "Home Network Prefix Length", Kind::Uint(1)).also(&["mip6.nemo.mnp.pfl"]);
pub static HNP_PREFIX: FieldDef =
    FieldDef::new("mip6.hnp.prefix", "Home Network Prefix", Kind::Ipv6).also(&["mip6.nemo.mnp.mnp"]);
// 23 Handoff Indicator, 24 Access Technology Type (RFC 5213 §8.4, §8.5)
pub static HI_RESERVED: FieldDef = FieldDef::new("mip6.hi.reserved", "Reserved", Kind::Uint(1));
pub static HI: FieldDef = FieldDef::new("mip6.hi", "Handoff Indicator", Kind::Uint(1)).vals(HI_VALS);
pub static ATT_RESERVED: FieldDef = FieldDef::new("mip6.att.reserved", "Reserved", Kind::Uint(1));
pub static ATT: FieldDef = FieldDef::new("mip6.att", "Access Technology Type", Kind::Uint(1)).vals(ATT_VALS);
// 25 MN Link-layer Identifier, 26 Link-local Address, 27 Timestamp (RFC 5213 §8.6–8.8)
pub static MNLLI_RESERVED: FieldDef = FieldDef::new("mip6.mnlli.reserved", "Reserved", Kind::Uint(2)).mask(0xffff);
pub static MNLLI_LLI: FieldDef = FieldDef::new("mip6.mnlli.lli", "Link-layer Identifier", Kind::Bytes);
pub static LILA_LLA: FieldDef = FieldDef::new("mip6.lila_lla", "Link-local Address", Kind::Ipv6);
pub static TIMESTAMP: FieldDef = FieldDef::new("mip6.timestamp_tmp", "Timestamp", Kind::AbsTime)
    .blurb("48-bit seconds since 1970 and 16-bit 1/65536 fractions (RFC 5213 §8.8)");
// 28 Restart Counter (RFC 5847)
pub static RC: FieldDef = FieldDef::new("mip6.rc", "Restart Counter", Kind::Uint(4));
// 29–32 DSMIPv6 (RFC 5555 §3.1.1, §3.2.1, §4.1, §3.1.1)
pub static IPV4HA_PREFLEN: FieldDef = FieldDef::new("mip6.ipv4ha.preflen", "Prefix-len", Kind::Uint(1)).mask(0xfc);
pub static IPV4HA_P: FieldDef = FieldDef::new("mip6.ipv4ha.p_flag", "mobile network prefix (P) flag", Kind::Bool(2))
    .mask(0x0200)
    .tfs("mobile network prefix requested", "mobile network prefix not requested");
pub static IPV4HA_FLAGS_RESERVED: FieldDef =
    FieldDef::new("mip6.ipv4ha.flags_reserved", "Reserved", Kind::Uint(2)).hex().mask(0x01ff);
pub static IPV4HA_HA: FieldDef = FieldDef::new("mip6.ipv4ha.ha", "IPv4 Home Address", Kind::Ipv4);
pub static IPV4HA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4ha.reserved", "Reserved", Kind::Uint(1)).hex();
pub static IPV4AA_STATUS: FieldDef = FieldDef::new("mip6.ipv4aa.sts", "Status", Kind::Uint(1)).vals(IPV4AA_STATUS_VALS);
pub static IPV4AA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4aa.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x03);
pub static NATD_F: FieldDef = FieldDef::new("mip6.natd.f_flag", "(F) flag", Kind::Bool(2))
    .mask(0x8000)
    .tfs("UDP encapsulation required", "UDP encapsulation not required");
pub static NATD_RESERVED: FieldDef = FieldDef::new("mip6.natd.reserved", "Reserved", Kind::Uint(2)).mask(0x7fff);
pub static NATD_REFRESH: FieldDef = FieldDef::new("mip6.natd.refresh_t", "Refresh time", Kind::Uint(4)).custom(natd_refresh);
pub static IPV4COA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4coa.reserved", "Reserved", Kind::Uint(2)).mask(0xffff);
pub static IPV4COA_ADDR: FieldDef = FieldDef::new("mip6.ipv4coa.addr", "IPv4 Care-of address", Kind::Ipv4);
// 33 GRE Key (RFC 5845 §3.1): Wireshark files its Reserved under mip6.ipv4dra.reserved.
pub static GRE_KEY: FieldDef = FieldDef::new("mip6.gre_key", "GRE Key", Kind::Uint(4));
// 34 MH IPv6 Address/Prefix (RFC 5568 §6.4.2)
pub static MHIPV6AP_CODE: FieldDef =
    FieldDef::new("mip6.mhipv6ap.opt_code", "Option-Code", Kind::Uint(1)).vals(MHIPV6AP_CODE_VALS);
pub static MHIPV6AP_LEN: FieldDef = FieldDef::new("mip6.mhipv6ap.len", "Prefix Length", Kind::Uint(1));
pub static MHIPV6AP_ADDR: FieldDef = FieldDef::new("mip6.mhipv6ap.ipv6_address", "IPv6 Address", Kind::Ipv6);
pub static MHIPV6AP_AP: FieldDef = FieldDef::new("mip6.mhipv6ap.ipv6_address_prefix", "IPv6 Address/Prefix", Kind::String);
// 36–39 (RFC 5844 §3.3.1–3.3.4)
pub static IPV4DRA_RESERVED: FieldDef = FieldDef::new("mip6.ipv4dra.reserved", "Reserved", Kind::Uint(2));
pub static IPV4DRA_DRA: FieldDef = FieldDef::new("mip6.ipv4dra.dra", "IPv4 Default-Router Address", Kind::Ipv4);
pub static IPV4DSM_RESERVED: FieldDef = FieldDef::new("mip6.ipv4dsm.reserved", "Reserved", Kind::Uint(2)).mask(0xfffe);
pub static IPV4DSM_S: FieldDef = FieldDef::new("mip6.ipv4dsm.s_flag", "DHCP Support Mode (S)", Kind::Bool(2))
    .mask(0x0001)
    .tfs("DHCP Relay Agent", "DHCP Server");
// 40 Context Request, 41 LMA Address, 42 MN LLA IID (RFC 5949 §6.2.1–6.2.3)
pub static CR_RESERVED: FieldDef = FieldDef::new("mip6.cr.reserved", "Reserved", Kind::Uint(2));
pub static CR_REQ_TYPE: FieldDef = FieldDef::new("mip6.cr.req_type", "Req-type", Kind::Uint(1)).vals(OPT_VALS);
pub static CR_REQ_LEN: FieldDef = FieldDef::new("mip6.cr.req_length", "Req-length", Kind::Uint(1));
pub static VSM_REQ_DATA: FieldDef = FieldDef::new("mip6.vsm.req_data", "Req-Data", Kind::Bytes);
pub static LMAA_CODE: FieldDef = FieldDef::new("mip6.lmaa.opt_code", "Option-Code", Kind::Uint(1)).vals(LMAA_CODE_VALS);
pub static LMAA_RESERVED: FieldDef = FieldDef::new("mip6.lmaa.reserved", "Reserved", Kind::Uint(1));
pub static LMAA_IPV4: FieldDef = FieldDef::new("mip6.lmaa.ipv4", "Local Mobility Anchor Address", Kind::Ipv4);
pub static LMAA_IPV6: FieldDef = FieldDef::new("mip6.lmaa.ipv6", "Local Mobility Anchor Address", Kind::Ipv6);
pub static MNLLAIID_RESERVED: FieldDef = FieldDef::new("mip6.mnlla_iid.reserved", "Reserved", Kind::Uint(2)).hex();
pub static MNLLAIID_IID: FieldDef = FieldDef::new("mip6.mnlla_iid.iid", "Interface Identifier", Kind::Bytes);
// 43 Transient Binding (RFC 6058 §5.1: no alignment requirement; Length 2; Reserved (7), L, Lifetime in 100 ms)
pub static TB_RESERVED: FieldDef = FieldDef::new("mip6.tb.reserved", "Reserved", Kind::Uint(1)).hex().mask(0xfe);
pub static TB_L: FieldDef = FieldDef::new("mip6.tb.l_flag", "Late path switch (L) flag", Kind::Bool(1)).mask(0x01);
pub static TB_LIFETIME: FieldDef =
    FieldDef::new("mip6.tb.lifetime", "Lifetime", Kind::Uint(1)).custom(hundred_ms).blurb("Units of 100 ms");
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
    FieldDef::new("mip6.fi.subopt.ts_format", "TS Format", Kind::Uint(1)).vals(TS_FORMAT_VALS);
pub static FI_SUB_TS_RESERVED: FieldDef = FieldDef::new("mip6.fi.subopt.ts_reserved", "Reserved", Kind::Uint(1)).hex();
pub static FI_SUB_TS: FieldDef = FieldDef::new("mip6.fi.subopt.ts", "Traffic Selector", Kind::Bytes)
    .blurb("RFC 6088 binary traffic selector (mip6.ts.* fields beneath)");
// 46–49 (RFC 6463 §6.1–6.4)
pub static RECAP_RESERVED: FieldDef = FieldDef::new("mip6.recap.reserved", "Reserved", Kind::Uint(2)).hex();
pub static REDIR_K: FieldDef = FieldDef::new("mip6.redir.k", "K", Kind::Bool(2)).mask(0x8000);
pub static REDIR_N: FieldDef = FieldDef::new("mip6.redir.n", "N", Kind::Bool(2)).mask(0x4000);
pub static REDIR_RESERVED: FieldDef = FieldDef::new("mip6.redir.reserved", "Reserved", Kind::Uint(2)).hex().mask(0x3fff);
pub static REDIR_IPV6: FieldDef = FieldDef::new("mip6.redir.addr_r2lma_ipv6", "IPv6 r2LMA Address", Kind::Ipv6);
pub static REDIR_IPV4: FieldDef = FieldDef::new("mip6.redir.addr_r2lma_ipv4", "IPv4 r2LMA Address", Kind::Ipv4);
pub static LOAD_PRIORITY: FieldDef = FieldDef::new("mip6.load_inf.priority", "Priority", Kind::Uint(2));
pub static LOAD_SIU: FieldDef = FieldDef::new("mip6.load_inf.sessions_in_use", "Sessions in Use", Kind::Uint(4));
pub static LOAD_MAXS: FieldDef = FieldDef::new("mip6.load_inf.maximum_sessions", "Maximum Sessions", Kind::Uint(4));
pub static LOAD_UC: FieldDef = FieldDef::new("mip6.load_inf.used_capacity", "Used Capacity", Kind::Uint(4));
pub static LOAD_MAXC: FieldDef = FieldDef::new("mip6.load_inf.maximum_capacity", "Maximum Capacity", Kind::Uint(4));
pub static ALT_IP4: FieldDef = FieldDef::new("mip6.alt_ip4", "Alternate IPv4 Care-of Address", Kind::Ipv4);
// 50 MN Group Identifier (RFC 6602 §4.1)
pub static MNG_SUBTYPE: FieldDef = FieldDef::new("mip6.mng.sub_type", "Sub Type", Kind::Uint(1)).vals(MNG_SUBTYPE_VALS);
pub static MNG_RESERVED: FieldDef = FieldDef::new("mip6.mng.reserved", "Reserved", Kind::Uint(1));
pub static MNG_ID: FieldDef = FieldDef::new("mip6.mng.mng_id", "Mobile Node Group Identifier", Kind::Uint(4)).custom(mng_id);
// 51 MAG IPv6 Address (RFC 6705 §6.2.1; alignment 8n+4 per §11.1)
pub static MAG6_RESERVED: FieldDef = FieldDef::new("mip6.mag_ipv6.reserved", "Reserved", Kind::Uint(1)).hex();
pub static MAG6_ALEN: FieldDef =
    FieldDef::new("mip6.mag_ipv6.address_length", "Address Length", Kind::Uint(1)).blurb("This field MUST be set to 128");
pub static MAG6_ADDR: FieldDef = FieldDef::new("mip6.mag_ipv6.address", "Address", Kind::Ipv6);
// 52 Access Network Identifier (RFC 6757 §3.1)
pub static ANI: FieldDef = FieldDef::new("mip6.acc_net_id", "ANI", Kind::None);
pub static ANI_TYPE: FieldDef = FieldDef::new("mip6.acc_net_id.ani", "ANI Type", Kind::Uint(1)).vals(ANI_TYPE_VALS);
pub static ANI_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.sub_opt_len", "Length", Kind::Uint(1));
pub static ANI_E: FieldDef =
    FieldDef::new("mip6.acc_net_id.e_bit", "E(Encoding)", Kind::Bool(1)).mask(0x80).tfs("UTF-8 SSID", "Undefined encoding");
pub static ANI_RESERVED: FieldDef = FieldDef::new("mip6.acc_net_id.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x7f);
pub static ANI_NET_NAME_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.net_name_len", "Net-Name Length", Kind::Uint(1));
pub static ANI_NET_NAME: FieldDef = FieldDef::new("mip6.acc_net_id.net_name", "Network Name", Kind::String);
pub static ANI_NET_NAME_DATA: FieldDef =
    FieldDef::new("mip6.acc_net_id.net_name_data", "Network Name", Kind::Bytes).blurb("Network Name with undefined format");
pub static ANI_AP_NAME_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.ap_name_len", "AP-Name Length", Kind::Uint(1));
pub static ANI_AP_NAME: FieldDef = FieldDef::new("mip6.acc_net_id.ap_name", "Access-Point Name", Kind::String);
pub static ANI_LAT: FieldDef =
    FieldDef::new("mip6.acc_net_id.geo.latitude_degrees", "Latitude Degrees", Kind::Int(3)).custom(degrees);
pub static ANI_LON: FieldDef =
    FieldDef::new("mip6.acc_net_id.geo.longitude_degrees", "Longitude Degrees", Kind::Int(3)).custom(degrees);
pub static ANI_OPID_TYPE: FieldDef = FieldDef::new("mip6.acc_net_id.op_id.type", "Op-ID Type", Kind::Uint(1)).vals(ANI_OPID_VALS);
pub static ANI_OPID: FieldDef = FieldDef::new("mip6.acc_net_id.op_id", "Op-ID", Kind::Bytes);
pub static ANI_DATA: FieldDef = FieldDef::new("mip6.acc_net_id.data", "Sub-option Data", Kind::Bytes);
// 53 IPv4 Traffic Offload Selector (RFC 6909 §3.1: 4n; M(1) Reserved(31), then an optional RFC 6089
// §4.2.1.4 Traffic Selector sub-option).
pub static IPV4_TOS_M: FieldDef = FieldDef::new("mip6.ipv4_tos.m_flag", "Offload Mode (M) flag", Kind::Bool(4))
    .mask(0x8000_0000)
    .tfs("Offload all flows except those matching the selectors", "Offload the flows matching the selectors");
pub static IPV4_TOS_RESERVED: FieldDef =
    FieldDef::new("mip6.ipv4_tos.reserved", "Reserved", Kind::Uint(4)).hex().mask(0x7fff_ffff);
pub static IPV4_TOS_DATA: FieldDef = FieldDef::new("mip6.ipv4_tos.data", "IPv4 Traffic Offload Selector data", Kind::Bytes);
// 54 Dynamic IP Multicast Selector (RFC 7028 §5.1.2: no alignment stated; Protocol(8) M(1)
// Reserved(7) Nr of Mcast Address Records(16), then the RFC 3810/2710/3376 records).
pub static DIMS_PROTOCOL: FieldDef = FieldDef::new("mip6.dims.protocol", "Protocol", Kind::Uint(1)).vals(DIMS_PROTOCOL_VALS);
pub static DIMS_M: FieldDef = FieldDef::new("mip6.dims.m_flag", "Dynamic IP Multicast Selector Mode (M) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Route locally (direct routing mode)", "Route via the MTMA (home network)");
pub static DIMS_RESERVED: FieldDef = FieldDef::new("mip6.dims.reserved", "Reserved", Kind::Uint(1)).hex().mask(0x7f);
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
// 32-bit words after Option-Code and Reserved/Status; see `mcast_len_note`.
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
// 55 DMNP (RFC 7148 §3.1)
pub static DMNP_V: FieldDef = FieldDef::new("mip6.dmnp.v_flag", "IPv4 Prefix (V) flag", Kind::Bool(1)).mask(0x80);
pub static DMNP_RESERVED: FieldDef = FieldDef::new("mip6.dmnp.reserved", "Reserved", Kind::Uint(1)).mask(0x7f);
pub static DMNP_PLEN: FieldDef = FieldDef::new("mip6.dmnp.prefix_len", "Prefix Length", Kind::Uint(1));
pub static DMNP_IPV4: FieldDef = FieldDef::new("mip6.dmnp.dmnp_ipv4", "IPv4 Delegated Mobile Network Prefix", Kind::Ipv4);
pub static DMNP_IPV6: FieldDef = FieldDef::new("mip6.dmnp.dmnp_ipv6", "IPv6 Delegated Mobile Network Prefix", Kind::Ipv6);
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
    .mask(0x8000)
    .tfs("Aggregate across the sessions sharing the Service Identifier", "This mobility session only");
pub static QOS_ATTR_E: FieldDef = FieldDef::new("mip6.qos.attr.e_flag", "Exclude (E) flag", Kind::Bool(2))
    .mask(0x4000)
    .tfs("Exclude Guaranteed-Bit-Rate flows", "Exclude no flows");
pub static QOS_ATTR_FLAGS_RESERVED: FieldDef =
    FieldDef::new("mip6.qos.attr.flags_reserved", "Reserved", Kind::Uint(2)).hex().mask(0x3fff);
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
pub static QOS_TS_FORMAT: FieldDef = FieldDef::new("mip6.qos.ts.format", "TS Format", Kind::Uint(1)).vals(TS_FORMAT_VALS);
pub static QOS_TS: FieldDef = FieldDef::new("mip6.qos.ts.ts", "Traffic Selector", Kind::Bytes)
    .blurb("RFC 6088 binary traffic selector (mip6.ts.* fields beneath)");
pub static QOS_VSA_VID: FieldDef = FieldDef::new("mip6.qos.vsa.vendor_id", "Vendor ID", Kind::Uint(4));
pub static QOS_VSA_SUBTYPE: FieldDef = FieldDef::new("mip6.qos.vsa.subtype", "Sub-Type", Kind::Uint(1));
pub static QOS_VSA_DATA: FieldDef = FieldDef::new("mip6.qos.vsa.data", "Data", Kind::Bytes);
// 59 LMA User-Plane Address (RFC 7389 §4: 8n+2; Reserved(16), then a 0-, 4- or 16-octet address)
pub static LMA_UPA_RESERVED: FieldDef = FieldDef::new("mip6.lma_upa.reserved", "Reserved", Kind::Uint(2)).hex();
pub static LMA_UPA_IPV4: FieldDef = FieldDef::new("mip6.lma_upa.ipv4", "LMA User-Plane Address", Kind::Ipv4);
pub static LMA_UPA_IPV6: FieldDef = FieldDef::new("mip6.lma_upa.ipv6", "LMA User-Plane Address", Kind::Ipv6);
// 62 LMA-Controlled MAG Parameters (RFC 8127 §3: 4n+2; LCMP sub-options §3.1, each LCMP Type(8)
// LCMP Length(8) data; §3.1.1 and §3.1.2 carry three 16-bit timers each, LCMP Length 6).
pub static LCMP_SUB: FieldDef = FieldDef::new("mip6.lcmp.subopt", "Sub-option", Kind::None);
pub static LCMP_SUB_TYPE: FieldDef =
    FieldDef::new("mip6.lcmp.subopt.type", "Sub-option Type", Kind::Uint(1)).vals(LCMP_SUBOPT_VALS);
pub static LCMP_SUB_LEN: FieldDef = FieldDef::new("mip6.lcmp.subopt.len", "Sub-option Length", Kind::Uint(1));
pub static LCMP_SUB_DATA: FieldDef = FieldDef::new("mip6.lcmp.subopt.data", "Sub-option Data", Kind::Bytes);
pub static LCMP_RRST: FieldDef = FieldDef::new("mip6.lcmp.rereg_start_time", "Re-registration-Start-Time", Kind::Uint(2))
    .custom(four_seconds)
    .blurb("Units of 4 seconds");
pub static LCMP_IRT: FieldDef =
    FieldDef::new("mip6.lcmp.init_retx_time", "Initial-Retransmission-Time", Kind::Uint(2)).custom(seconds);
pub static LCMP_MRT: FieldDef =
    FieldDef::new("mip6.lcmp.max_retx_time", "Maximum-Retransmission-Time", Kind::Uint(2)).custom(seconds);
pub static LCMP_HB_INTERVAL: FieldDef = FieldDef::new("mip6.lcmp.hb_interval", "HB-Interval", Kind::Uint(2)).custom(seconds);
pub static LCMP_HB_RETX_DELAY: FieldDef =
    FieldDef::new("mip6.lcmp.hb_retx_delay", "HB-Retransmission-Delay", Kind::Uint(2)).custom(seconds);
pub static LCMP_HB_MAX_RETX: FieldDef = FieldDef::new("mip6.lcmp.hb_max_retx", "HB-Max-Retransmissions", Kind::Uint(2));
// 63 MAG Multipath Binding (RFC 8278 §4.1: no alignment; If-ATT(8) If-Label(8) Binding ID(8) B(1) O(1)
// Reserved(22); the 22 reserved bits are shown as the low 6 bits of the flags octet plus 16 more),
// 64 MAG Identifier (RFC 8278 §4.2: no alignment; Subtype(8) Reserved(8) Identifier).
pub static MPB_IF_ATT: FieldDef =
    FieldDef::new("mip6.mag_mpb.if_att", "Interface Access Technology Type", Kind::Uint(1)).vals(ATT_VALS);
pub static MPB_IF_LABEL: FieldDef = FieldDef::new("mip6.mag_mpb.if_label", "Interface Label", Kind::Uint(1));
pub static MPB_BID: FieldDef = FieldDef::new("mip6.mag_mpb.bid", "Binding Identifier", Kind::Uint(1));
pub static MPB_B: FieldDef = FieldDef::new("mip6.mag_mpb.b_flag", "Bulk Re-registration (B) flag", Kind::Bool(1)).mask(0x80);
pub static MPB_O: FieldDef = FieldDef::new("mip6.mag_mpb.o_flag", "Overwrite (O) flag", Kind::Bool(1)).mask(0x40);
pub static MPB_FLAGS_RESERVED: FieldDef =
    FieldDef::new("mip6.mag_mpb.flags_reserved", "Reserved", Kind::Uint(1)).hex().mask(0x3f);
pub static MPB_RESERVED: FieldDef = FieldDef::new("mip6.mag_mpb.reserved", "Reserved", Kind::Uint(2)).hex();
pub static MAG_ID_SUBTYPE: FieldDef = FieldDef::new("mip6.mag_id.subtype", "Subtype", Kind::Uint(1)).vals(MNID_SUBTYPE_VALS);
pub static MAG_ID_RESERVED: FieldDef = FieldDef::new("mip6.mag_id.reserved", "Reserved", Kind::Uint(1)).hex();
pub static MAG_ID_NAI: FieldDef = FieldDef::new("mip6.mag_id.nai", "Identifier (NAI)", Kind::String);
pub static MAG_ID_IPV6: FieldDef = FieldDef::new("mip6.mag_id.ipv6", "Identifier (IPv6 Address)", Kind::Ipv6);
pub static MAG_ID_ID: FieldDef = FieldDef::new("mip6.mag_id.identifier", "Identifier", Kind::Bytes);
// 65 Anchored Prefix, 66 Local Prefix (RFC 8885 §4.3, §4.4: 8n+4; Reserved(8) Prefix Length(8) prefix(128)),
// 67 Previous MAAR (§4.5: 8n+4; Reserved(8) Prefix Length(8) P-MAAR address(128) HNP(128)),
// 68 Serving MAAR (§4.6: 8n+6; S-MAAR address(128)), 69 DLIF Link-Local Address (§4.7: 8n+6;
// address(128)), 70 DLIF Link-Layer Address (§4.8: no fixed alignment; Reserved(16) address).
pub static ANCH_RESERVED: FieldDef = FieldDef::new("mip6.anchored_prefix.reserved", "Reserved", Kind::Uint(1)).hex();
pub static ANCH_PFL: FieldDef = FieldDef::new("mip6.anchored_prefix.pfl", "Prefix Length", Kind::Uint(1));
pub static ANCH_PREFIX: FieldDef = FieldDef::new("mip6.anchored_prefix.prefix", "Anchored Prefix", Kind::Ipv6);
pub static LOCAL_RESERVED: FieldDef = FieldDef::new("mip6.local_prefix.reserved", "Reserved", Kind::Uint(1)).hex();
pub static LOCAL_PFL: FieldDef = FieldDef::new("mip6.local_prefix.pfl", "Prefix Length", Kind::Uint(1));
pub static LOCAL_PREFIX: FieldDef = FieldDef::new("mip6.local_prefix.prefix", "Local Prefix", Kind::Ipv6);
pub static PREV_MAAR_RESERVED: FieldDef = FieldDef::new("mip6.prev_maar.reserved", "Reserved", Kind::Uint(1)).hex();
pub static PREV_MAAR_PFL: FieldDef = FieldDef::new("mip6.prev_maar.pfl", "Prefix Length", Kind::Uint(1));
pub static PREV_MAAR: FieldDef = FieldDef::new("mip6.prev_maar.addr", "Previous MAAR", Kind::Ipv6);
pub static PREV_MAAR_HNP: FieldDef = FieldDef::new("mip6.prev_maar.hnp", "Home Network Prefix", Kind::Ipv6);
pub static SERV_MAAR: FieldDef = FieldDef::new("mip6.serv_maar.addr", "Serving MAAR", Kind::Ipv6);
pub static DLIF_LLA: FieldDef = FieldDef::new("mip6.dlif_lla.addr", "DLIF Link-Local Address", Kind::Ipv6);
pub static DLIF_LLAYER_RESERVED: FieldDef = FieldDef::new("mip6.dlif_llayer.reserved", "Reserved", Kind::Uint(2)).hex();
pub static DLIF_LLAYER: FieldDef = FieldDef::new("mip6.dlif_llayer.lla", "DLIF Link-Layer Address", Kind::Bytes);

// ---------------------------------------------------------------------------------------------
// Expert items.

pub static ANI_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.acc_net_id.ani.unknown", Group::Undecoded, Severity::Note, "ANI Type not dissect yet");
pub static SUBOPT_LEN_INVALID: ExpertDef = ExpertDef::new(
    "mip6.subopt.len.invalid",
    Group::Malformed,
    Severity::Error,
    "Sub-option or inner length runs past the end of its option",
);
pub static DMNP_V_MISMATCH: ExpertDef = ExpertDef::new(
    "mip6.dmnp.v_flag.mismatch",
    Group::Protocol,
    Severity::Warn,
    "DMNP V flag disagrees with the prefix carried (RFC 7148 §3.1)",
);
pub static MCAST_ACK_RECORDS: ExpertDef = ExpertDef::new(
    "mip6.mcast_ack.records_with_status1",
    Group::Protocol,
    Severity::Warn,
    "Multicast Acknowledgement with Status 1 must carry no Mcast Address Records (RFC 7411 §5.4)",
);
pub static MNID_LEN_INVALID: ExpertDef = ExpertDef::new(
    "mip6.mnid.len.invalid",
    Group::Protocol,
    Severity::Warn,
    "Mobile Node Identifier length does not fit its subtype (RFC 8371)",
);

// ---------------------------------------------------------------------------------------------
// Fixed layouts (parse, emit and tree annotation from one description).

layout! {
    /// Home Network Prefix data (RFC 5213 §8.3).
    pub struct Hnp { pub reserved: u8 => [&HNP_RESERVED], pub prefix_len: u8 => [&HNP_PFL], pub prefix: Ip6 => [&HNP_PREFIX] }
}
layout! {
    /// Handoff Indicator data (RFC 5213 §8.4).
    pub struct HandoffIndicator { pub reserved: u8 => [&HI_RESERVED], pub hi: u8 => [&HI] }
}
layout! {
    /// Access Technology Type data (RFC 5213 §8.5).
    pub struct AccessTechType { pub reserved: u8 => [&ATT_RESERVED], pub att: u8 => [&ATT] }
}
layout! {
    /// Link-local Address data (RFC 5213 §8.7).
    pub struct LinkLocal { pub address: Ip6 => [&LILA_LLA] }
}
layout! {
    /// Timestamp data (RFC 5213 §8.8), kept as the raw 64-bit word.
    pub struct Timestamp { pub raw: u64 => [] }
}
layout! {
    /// MESG-ID data (RFC 4285 §6): NTP-format timestamp.
    pub struct MesgId { pub raw: u64 => [] }
}
layout! {
    /// Restart Counter data (RFC 5847 §3.1).
    pub struct RestartCounter { pub counter: u32 => [&RC] }
}
layout! {
    /// IPv4 Home Address data (RFC 5555 §3.1.1): Prefix-len(6) P(1) Reserved(9), address.
    pub struct Ipv4HomeAddress { pub flags: u16 => [], pub address: Ip4 => [&IPV4HA_HA] }
}
layout! {
    /// IPv4 Address Acknowledgement (RFC 5555 §3.2.1) and IPv4 Home Address Reply (RFC 5844 §3.3.2).
    pub struct Ipv4AddrAck { pub status: u8 => [&IPV4AA_STATUS], pub plen: u8 => [&IPV4HA_PREFLEN, &IPV4AA_RESERVED], pub address: Ip4 => [&IPV4HA_HA] }
}
layout! {
    /// NAT Detection data (RFC 5555 §4.1).
    pub struct NatDetection { pub flags: u16 => [&NATD_F, &NATD_RESERVED], pub refresh: u32 => [&NATD_REFRESH] }
}
layout! {
    /// IPv4 Care-of Address data (RFC 5555 §3.1.2).
    pub struct Ipv4CareOf { pub reserved: u16 => [&IPV4COA_RESERVED], pub address: Ip4 => [&IPV4COA_ADDR] }
}
layout! {
    /// GRE Key data with the key present (RFC 5845 §3.1).
    pub struct GreKey { pub reserved: u16 => [&IPV4DRA_RESERVED], pub key: u32 => [&GRE_KEY] }
}
layout! {
    /// Mobility Header IPv6 Address/Prefix data (RFC 5568 §6.4.2).
    pub struct MhIpv6AddrPrefix { pub code: u8 => [&MHIPV6AP_CODE], pub prefix_len: u8 => [&MHIPV6AP_LEN], pub address: Ip6 => [&MHIPV6AP_ADDR] }
}
layout! {
    /// IPv4 Home Address Request data (RFC 5844 §3.3.1): Prefix-len(6) Reserved(10), address.
    pub struct Ipv4HoaRequest { pub plen: u8 => [&IPV4HA_PREFLEN], pub reserved: u8 => [&IPV4HA_RESERVED], pub address: Ip4 => [&IPV4HA_HA] }
}
layout! {
    /// IPv4 Default-Router Address data (RFC 5844 §3.3.3).
    pub struct Ipv4DefaultRouter { pub reserved: u16 => [&IPV4DRA_RESERVED], pub address: Ip4 => [&IPV4DRA_DRA] }
}
layout! {
    /// IPv4 DHCP Support Mode data (RFC 5844 §3.3.4).
    pub struct Ipv4DhcpMode { pub flags: u16 => [&IPV4DSM_RESERVED, &IPV4DSM_S] }
}
layout! {
    /// MN Link-local Address Interface Identifier data (RFC 5949 §6.2.3).
    pub struct MnLlaIid { pub reserved: u16 => [&MNLLAIID_RESERVED], pub iid: u64 => [&MNLLAIID_IID] }
}
layout! {
    /// Transient Binding data (RFC 6058 §6.1).
    pub struct TransientBinding { pub flags: u8 => [&TB_RESERVED, &TB_L], pub lifetime: u8 => [&TB_LIFETIME] }
}
layout! {
    /// Flow Identification fixed part (RFC 6089 §4.2): FID(16) FID-PRI(16) Reserved(8) Status(8).
    pub struct FlowIdFixed { pub fid: u16 => [&FI_FID], pub fid_pri: u16 => [&FI_FID_PRI], pub reserved: u8 => [&FI_RESERVED], pub status: u8 => [&FI_STATUS] }
}
layout! {
    /// Redirect-Capability data (RFC 6463 §6.1).
    pub struct RedirectCap { pub reserved: u16 => [&RECAP_RESERVED] }
}
layout! {
    /// Load Information data (RFC 6463 §6.3).
    pub struct LoadInfo {
        pub priority: u16 => [&LOAD_PRIORITY],
        pub sessions_in_use: u32 => [&LOAD_SIU],
        pub max_sessions: u32 => [&LOAD_MAXS],
        pub used_capacity: u32 => [&LOAD_UC],
        pub max_capacity: u32 => [&LOAD_MAXC],
    }
}
layout! {
    /// Alternate IPv4 Care-of Address data (RFC 6463 §6.4).
    pub struct AltIpv4CareOf { pub address: Ip4 => [&ALT_IP4] }
}
layout! {
    /// Mobile Node Group Identifier data (RFC 6602 §4.1).
    pub struct MnGroupId { pub subtype: u8 => [&MNG_SUBTYPE], pub reserved: u8 => [&MNG_RESERVED], pub group: u32 => [&MNG_ID] }
}
layout! {
    /// MAG IPv6 Address data (RFC 6705 §6.2.1).
    pub struct MagIpv6 { pub reserved: u8 => [&MAG6_RESERVED], pub addr_len: u8 => [&MAG6_ALEN], pub address: Ip6 => [&MAG6_ADDR] }
}
layout! {
    /// IPv4 Traffic Offload Selector fixed part (RFC 6909 §3.1): M(1) Reserved(31).
    pub struct Ipv4TosFixed { pub flags: u32 => [&IPV4_TOS_M, &IPV4_TOS_RESERVED] }
}
layout! {
    /// Dynamic IP Multicast Selector fixed part (RFC 7028 §5.1.2).
    pub struct DimsFixed { pub protocol: u8 => [&DIMS_PROTOCOL], pub flags: u8 => [&DIMS_M, &DIMS_RESERVED], pub records: u16 => [&DIMS_NUM] }
}
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
    pub struct QosTsFixed { pub reserved: u8 => [&QOS_TS_RESERVED], pub format: u8 => [&QOS_TS_FORMAT] }
}
layout! {
    /// QoS-Vendor-Specific-Attribute fixed part (RFC 7222 §4.2.11): Reserved(16) Vendor ID(32) Sub-Type(8).
    pub struct QosVsaFixed { pub reserved: u16 => [&QOS_ATTR_RESERVED], pub vendor_id: u32 => [&QOS_VSA_VID], pub subtype: u8 => [&QOS_VSA_SUBTYPE] }
}
layout! {
    /// Multicast Mobility / Acknowledgement Option fixed part (RFC 7411 §5.3, §5.4): Option-Code(8),
    /// Reserved or Status(8), then the Report Payload's first line: Reserved(16) No of Mcast Address
    /// Records(16). Annotated by the option decoders (the field names differ between 60 and 61).
    pub struct McastFixed { pub code: u8 => [], pub second: u8 => [], pub payload_reserved: u16 => [], pub records: u16 => [] }
}
layout! {
    /// MAG Multipath Binding data (RFC 8278 §4.1), all 6 octets.
    pub struct MagMpb {
        pub if_att: u8 => [&MPB_IF_ATT],
        pub if_label: u8 => [&MPB_IF_LABEL],
        pub bid: u8 => [&MPB_BID],
        pub flags: u8 => [&MPB_B, &MPB_O, &MPB_FLAGS_RESERVED],
        pub reserved: u16 => [&MPB_RESERVED],
    }
}
layout! {
    /// Anchored Prefix data (RFC 8885 §4.3).
    pub struct AnchoredPrefix { pub reserved: u8 => [&ANCH_RESERVED], pub prefix_len: u8 => [&ANCH_PFL], pub prefix: Ip6 => [&ANCH_PREFIX] }
}
layout! {
    /// Local Prefix data (RFC 8885 §4.4).
    pub struct LocalPrefix { pub reserved: u8 => [&LOCAL_RESERVED], pub prefix_len: u8 => [&LOCAL_PFL], pub prefix: Ip6 => [&LOCAL_PREFIX] }
}
layout! {
    /// Previous MAAR data (RFC 8885 §4.5).
    pub struct PrevMaar { pub reserved: u8 => [&PREV_MAAR_RESERVED], pub prefix_len: u8 => [&PREV_MAAR_PFL], pub address: Ip6 => [&PREV_MAAR], pub hnp: Ip6 => [&PREV_MAAR_HNP] }
}
layout! {
    /// Serving MAAR data (RFC 8885 §4.6).
    pub struct ServMaar { pub address: Ip6 => [&SERV_MAAR] }
}
layout! {
    /// DLIF Link-Local Address data (RFC 8885 §4.7).
    pub struct DlifLla { pub address: Ip6 => [&DLIF_LLA] }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn u8_at(t: &Tree<'_>, off: usize) -> Option<u8> {
    t.data.get(off).copied()
}

fn u16_at(t: &Tree<'_>, off: usize) -> Option<u16> {
    let b = t.data.get(off..off.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(t: &Tree<'_>, off: usize) -> Option<u32> {
    let b = t.data.get(off..off.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn arr<const N: usize>(t: &Tree<'_>, off: usize) -> Option<[u8; N]> {
    t.data.get(off..off.checked_add(N)?).and_then(|s| <[u8; N]>::try_from(s).ok())
}

/// Adds `def` as raw octets over `off..end` if non-empty.
fn raw(t: &mut Tree<'_>, def: &'static FieldDef, off: usize, end: usize) {
    if end > off {
        t.add(def, off, end - off, Value::Bytes);
    }
}

/// Converts an NTP timestamp (seconds since 1900, 1/2^32 fractions) to Unix seconds and ns.
pub fn ntp_to_unix(raw: u64) -> (i64, u32) {
    let secs = (raw >> 32) as i64 - 2_208_988_800;
    let ns = (((raw & 0xffff_ffff) * 1_000_000_000) >> 32) as u32;
    (secs, ns)
}

/// Converts an RFC 5213 timestamp (48-bit seconds since 1970, 16-bit 1/65536 fractions).
pub fn pmip_ts_to_unix(raw: u64) -> (i64, u32) {
    let secs = (raw >> 16) as i64;
    let ns = (((raw & 0xffff) * 1_000_000_000) >> 16) as u32;
    (secs, ns)
}

/// IMSI digits from TBCD octets (low nibble first; 0xF is filler).
pub fn tbcd_digits(b: &[u8], out: &mut String) {
    for &o in b {
        for nib in [o & 0x0f, o >> 4] {
            match nib {
                0..=9 => out.push(char::from(b'0' + nib)),
                0xf => return,
                _ => out.push('?'),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Option decoders.

fn mnid(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(sub) = u8_at(t, c.off) else { return };
    t.add_uint(&MNID_SUBTYPE, c.off, 1, u64::from(sub));
    let (o, e) = (c.off + 1, c.end);
    let n = e - o;
    if n == 0 {
        // RFC 4283 §3: an identifier follows the subtype; Length 1 leaves none.
        t.expert(
            &super::expert::OPT_LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!("Mobile Node Identifier length 1, should be >= 2 (no identifier)")),
        );
        return;
    }
    let want = match sub {
        2 => Some(16),
        4 => Some(4),
        5 => Some(6),
        6 => Some(8),
        _ => None,
    };
    if want.is_some_and(|w| w != n) {
        t.expert(
            &MNID_LEN_INVALID,
            o,
            n,
            Some(format_args!("{} identifier of {n} octets, should be {}", name_of(MNID_SUBTYPE_VALS, sub), want.unwrap_or(0))),
        );
        raw(t, &MNID_DATA, o, e);
        return;
    }
    match sub {
        1 if n > 0 => {
            t.add(&MNID_IDENTIFIER, o, n, Value::Str);
            let s = String::from_utf8_lossy(t.bytes(o, e)).into_owned();
            t.append(c.node, format_args!(": {s}"));
        }
        2 => {
            if let Some(a) = arr::<16>(t, o) {
                t.add(&MNID_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a)));
            }
        }
        3 if n > 0 => {
            let mut s = String::new();
            tbcd_digits(t.bytes(o, e), &mut s);
            let r = t.arena(format_args!("{s}"));
            t.add(&MNID_IMSI, o, n, Value::Text(r.0, r.1));
            t.append(c.node, format_args!(": IMSI {s}"));
        }
        4 => {
            if let Some(v) = u32_at(t, o) {
                t.add_uint(&MNID_PTMSI, o, 4, u64::from(v));
                t.append(c.node, format_args!(": P-TMSI 0x{v:08x}"));
            }
        }
        5 => {
            if let Some(a) = arr::<6>(t, o) {
                t.add(&MNID_EUI48, o, 6, Value::Ether(a));
            }
        }
        6 => raw(t, &MNID_EUI64, o, e),
        7 => raw(t, &MNID_GUTI, o, e),
        8 => raw(t, &MNID_DUID, o, e),
        _ => raw(t, &MNID_DATA, o, e),
    }
}

fn auth(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let (Some(sub), Some(spi)) = (u8_at(t, c.off), u32_at(t, c.off + 1)) else { return };
    t.add_uint(&AUTH_SUBTYPE, c.off, 1, u64::from(sub));
    t.add_uint(&AUTH_SPI, c.off + 1, 4, u64::from(spi));
    raw(t, &AUTH_DATA, c.off + 5, c.end);
}

fn mesgid(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MesgId::dissect(t, c.off, c.end) {
        let (s, ns) = ntp_to_unix(v.raw);
        t.add(&MESGID_TS, c.off, 8, Value::AbsTime(s, ns));
    }
}

fn nothing(_: &mut Tree<'_>, _: &OptCtx<'_>, _: &mut OptSummary) {}

fn cgar(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &CGAR, c.off, c.end);
}
fn sign(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &SIGN, c.off, c.end);
}
fn phkt(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &PHKT, c.off, c.end);
}
fn cot(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &COT_TOKEN, c.off, c.end);
}
fn em(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &EM_DATA, c.off, c.end);
}

fn dnsu(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let (Some(st), Some(fl)) = (u8_at(t, c.off), u8_at(t, c.off + 1)) else { return };
    t.add_uint(&DNSU_STATUS, c.off, 1, u64::from(st));
    t.add_uint(&DNSU_R, c.off + 1, 1, u64::from(fl));
    t.add_uint(&DNSU_RESERVED, c.off + 1, 1, u64::from(fl));
    raw(t, &DNSU_MNID, c.off + 2, c.end);
}

fn vsm(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let (Some(vid), Some(sub)) = (u32_at(t, c.off), u8_at(t, c.off + 4)) else { return };
    t.add_uint(&VSM_VID, c.off, 4, u64::from(vid));
    t.add_uint(&VSM_SUBTYPE, c.off + 4, 1, u64::from(sub));
    raw(t, &VSM_DATA, c.off + 5, c.end);
    t.append(c.node, format_args!(": vendor {vid}, sub-type {sub}"));
}

fn ssm(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let b = t.bytes(c.off, c.end);
    if b.is_empty() {
        return;
    }
    // 3GPP writes the APN in DNS label form (length-prefixed labels); RFC 5149 says UTF-8.
    if b[0] < 0x20 {
        let mut s = String::new();
        let mut i = 0;
        while i < b.len() {
            let l = usize::from(b[i]);
            let end = (i + 1 + l).min(b.len());
            if i > 0 {
                s.push('.');
            }
            s.push_str(&String::from_utf8_lossy(&b[i + 1..end]));
            i = end;
        }
        let r = t.arena(format_args!("{s}"));
        t.add(&SS_ID, c.off, b.len(), Value::Text(r.0, r.1));
        t.append(c.node, format_args!(": {s}"));
    } else {
        t.add(&SS_ID, c.off, b.len(), Value::Str);
        let s = String::from_utf8_lossy(b).into_owned();
        t.append(c.node, format_args!(": {s}"));
    }
}

/// RFC 5568 §6.4.5 says the Option Length is "the length of the Authenticator in bytes", but
/// its figure puts the 4-octet SPI between Length and Authenticator, and every other mobility
/// option's Length covers all the octets after it; mipscope reads Length as SPI + Authenticator,
/// so the option's bytes end where the next option begins.
fn badff(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(spi) = u32_at(t, c.off) else { return };
    t.add_uint(&BADFF_SPI, c.off, 4, u64::from(spi));
    raw(t, &BADFF_AUTH, c.off + 4, c.end);
}

fn hnp(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Hnp::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.prefix, v.prefix_len));
        if v.reserved != 0 {
            t.expert(&expert::RESERVED_NONZERO, c.off, 1, Some(format_args!("HNP reserved 0x{:02x}", v.reserved)));
        }
    }
}

fn hi(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = HandoffIndicator::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", name_of(HI_VALS, v.hi)));
    }
}

fn att(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = AccessTechType::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", name_of(ATT_VALS, v.att)));
    }
}

fn mnlli(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(r) = u16_at(t, c.off) else { return };
    t.add_uint(&MNLLI_RESERVED, c.off, 2, u64::from(r));
    raw(t, &MNLLI_LLI, c.off + 2, c.end);
}

fn lla(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = LinkLocal::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn ts(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Timestamp::dissect(t, c.off, c.end) {
        let (s, ns) = pmip_ts_to_unix(v.raw);
        t.add(&TIMESTAMP, c.off, 8, Value::AbsTime(s, ns));
        let mut text = String::new();
        crate::output::write_abs_time(&mut text, s, ns);
        t.append(c.node, format_args!(": {text}"));
    }
}

fn rc(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = RestartCounter::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.counter));
    }
}

fn ipv4ha(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(w) = u16_at(t, c.off) else { return };
    t.add_uint(&IPV4HA_PREFLEN, c.off, 1, u64::from(w >> 8));
    t.add_uint(&IPV4HA_P, c.off, 2, u64::from(w));
    t.add_uint(&IPV4HA_FLAGS_RESERVED, c.off, 2, u64::from(w));
    if let Ok(v) = Ipv4HomeAddress::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.address, w >> 10));
    }
}

fn ipv4aa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4AddrAck::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} {}/{}", name_of(IPV4AA_STATUS_VALS, v.status), v.address, v.plen >> 2));
    }
}

fn natd(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = NatDetection::dissect(t, c.off, c.end);
}

fn ipv4coa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4CareOf::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn grek(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    match c.end - c.off {
        6 => {
            if let Ok(v) = GreKey::dissect(t, c.off, c.end) {
                t.append(c.node, format_args!(": {}", v.key));
            }
        }
        2 => {
            if let Some(r) = u16_at(t, c.off) {
                t.add_uint(&IPV4DRA_RESERVED, c.off, 2, u64::from(r));
            }
            t.append(c.node, format_args!(" (no key)"));
        }
        n => {
            t.expert(&expert::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("GRE Key length {n}, should be 2 or 6")));
            raw(t, &super::opt::OPT_DATA, c.off, c.end);
        }
    }
}

fn mhipv6ap(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MhIpv6AddrPrefix::dissect(t, c.off, c.end) {
        // Wireshark's value is the address text; "/len" is appended to the label.
        let i = t.add_text(&MHIPV6AP_AP, c.off + 1, 17, format_args!("{}", v.address));
        t.append(i, format_args!("/{}", v.prefix_len));
        t.append(c.node, format_args!(": {}/{}", v.address, v.prefix_len));
    }
}

fn ipv4hareq(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4HoaRequest::dissect(t, c.off, c.end) {
        if v.plen & 0x03 != 0 || v.reserved != 0 {
            t.expert(&expert::RESERVED_NONZERO, c.off, 2, Some(format_args!("IPv4 HoA Request reserved bits")));
        }
        if v.address.0 == [0; 4] {
            t.append(c.node, format_args!(": 0.0.0.0 (LMA allocates)"));
        } else {
            t.append(c.node, format_args!(": {}/{}", v.address, v.plen >> 2));
        }
    }
}

fn ipv4dra(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4DefaultRouter::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn ipv4dsm(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = Ipv4DhcpMode::dissect(t, c.off, c.end);
}

fn cr(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(r) = u16_at(t, c.off) else { return };
    t.add_uint(&CR_RESERVED, c.off, 2, u64::from(r));
    let mut off = c.off + 2;
    while off < c.end {
        let Some(ty) = u8_at(t, off) else { return };
        t.add_uint(&CR_REQ_TYPE, off, 1, u64::from(ty));
        let Some(l) = u8_at(t, off + 1).filter(|_| off + 1 < c.end) else {
            t.expert(&SUBOPT_LEN_INVALID, off, 1, Some(format_args!("Req-length missing")));
            return;
        };
        t.add_uint(&CR_REQ_LEN, off + 1, 1, u64::from(l));
        let (d, e) = (off + 2, off + 2 + usize::from(l));
        if e > c.end {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("Req-length {l} runs past the option")));
            raw(t, &VSM_REQ_DATA, d, c.end);
            return;
        }
        if ty == 19 && l >= 5 {
            if let (Some(vid), Some(sub)) = (u32_at(t, d), u8_at(t, d + 4)) {
                t.add_uint(&VSM_VID, d, 4, u64::from(vid));
                t.add_uint(&VSM_SUBTYPE, d + 4, 1, u64::from(sub));
            }
        } else {
            raw(t, &VSM_REQ_DATA, d, e);
        }
        off = e;
    }
}

fn lmaa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let (Some(code), Some(r)) = (u8_at(t, c.off), u8_at(t, c.off + 1)) else { return };
    t.add_uint(&LMAA_CODE, c.off, 1, u64::from(code));
    t.add_uint(&LMAA_RESERVED, c.off + 1, 1, u64::from(r));
    let (o, n) = (c.off + 2, c.end - c.off - 2);
    match (code, n) {
        (1, 16) => {
            if let Some(a) = arr::<16>(t, o) {
                t.add(&LMAA_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a)));
            }
        }
        (2, 4) => {
            if let Some(a) = arr::<4>(t, o) {
                t.add(&LMAA_IPV4, o, 4, Value::Ipv4(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv4Addr::from(a)));
            }
        }
        _ => {
            t.expert(
                &expert::OPT_LEN_INVALID,
                c.at + 1,
                1,
                Some(format_args!("LMA Address with Option-Code {code} carries {n} address octets")),
            );
            raw(t, &super::opt::OPT_DATA, o, c.end);
        }
    }
}

fn mnlla_iid(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = MnLlaIid::dissect(t, c.off, c.end);
}

fn tb(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = TransientBinding::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": L={} lifetime {} ms", v.flags & 1, u32::from(v.lifetime) * 100));
    }
}

fn fs(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let mut off = c.off;
    while off + 2 <= c.end {
        if let Some(f) = u16_at(t, off) {
            t.add_uint(&FS_FID, off, 2, u64::from(f));
        }
        off += 2;
    }
    if off < c.end {
        t.expert(&expert::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("Flow Summary length is odd")));
        raw(t, &super::opt::OPT_DATA, off, c.end);
    }
}

fn fi(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = FlowIdFixed::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": FID {} FID-PRI {} status {}", v.fid, v.fid_pri, v.status));
        fi_subopts(t, c.off + FlowIdFixed::LEN, c.end);
    }
}

/// RFC 6089 §4.2.1 flow identification sub-options over `off..end` (also carried by option 53,
/// RFC 6909 §3.1). Pad1 (type 0) is a lone type octet; the rest are type, length, data.
fn fi_subopts(t: &mut Tree<'_>, mut off: usize, end: usize) {
    while off < end {
        let Some(kind) = u8_at(t, off) else { return };
        if kind == 0 {
            let n = t.add(&FI_SUB, off, 1, Value::None);
            t.append(n, format_args!(": Pad1"));
            t.open(n);
            t.add_uint(&FI_SUB_TYPE, off, 1, 0);
            t.close();
            off += 1;
            continue;
        }
        let Some(l) = u8_at(t, off + 1).filter(|_| off + 1 < end) else {
            t.expert(&SUBOPT_LEN_INVALID, off, end - off, Some(format_args!("sub-option {kind} has no length octet")));
            return;
        };
        let l = usize::from(l);
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
        match kind {
            // §4.2.1.3: Number of BIDs = Sub-Opt Len / 2.
            2 if l >= 2 && l % 2 == 0 => {
                for o in (d..e).step_by(2) {
                    if let Some(b) = u16_at(t, o) {
                        t.add_uint(&FI_SUB_BID, o, 2, u64::from(b));
                    }
                }
            }
            // §4.2.1.4: TS Format(8) Reserved(8) Traffic Selector.
            3 if l >= 2 => {
                let f = u8_at(t, d).unwrap_or(0);
                if let Some(r) = u8_at(t, d + 1) {
                    t.add_uint(&FI_SUB_TS_FORMAT, d, 1, u64::from(f));
                    t.add_uint(&FI_SUB_TS_RESERVED, d + 1, 1, u64::from(r));
                    t.append(n, format_args!(" {}", name_of(TS_FORMAT_VALS, f)));
                }
                traffic_selector(t, &FI_SUB_TS, f, d + 2, e);
            }
            2 | 3 => {
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
        off = e;
    }
}

fn recap(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = RedirectCap::dissect(t, c.off, c.end);
}

fn redir(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(w) = u16_at(t, c.off) else { return };
    t.add_uint(&REDIR_K, c.off, 2, u64::from(w));
    t.add_uint(&REDIR_N, c.off, 2, u64::from(w));
    t.add_uint(&REDIR_RESERVED, c.off, 2, u64::from(w));
    let (k, n) = (w & 0x8000 != 0, w & 0x4000 != 0);
    let want = 2 + if k { 16 } else { 0 } + if n { 4 } else { 0 };
    if c.end - c.off != want {
        t.expert(
            &expert::OPT_LEN_INVALID,
            c.at + 1,
            1,
            Some(format_args!("Redirect length {} but K/N flags need {want}", c.end - c.off)),
        );
    }
    let mut o = c.off + 2;
    if k {
        if let Some(a) = arr::<16>(t, o).filter(|_| o + 16 <= c.end) {
            t.add(&REDIR_IPV6, o, 16, Value::Ipv6(a));
            o += 16;
        } else {
            return;
        }
    }
    if n {
        if let Some(a) = arr::<4>(t, o).filter(|_| o + 4 <= c.end) {
            t.add(&REDIR_IPV4, o, 4, Value::Ipv4(a));
        }
    }
}

fn load_inf(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = LoadInfo::dissect(t, c.off, c.end);
}

fn alt_ip4(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = AltIpv4CareOf::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn mng(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MnGroupId::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.group));
    }
}

fn mag_ipv6(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MagIpv6::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}

fn acc_net_id(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let mut off = c.off;
    while off < c.end {
        let Some(ty) = u8_at(t, off) else { return };
        let Some(l) = u8_at(t, off + 1).filter(|_| off + 1 < c.end) else {
            t.expert(&SUBOPT_LEN_INVALID, off, 1, Some(format_args!("ANI sub-option {ty} has no length octet")));
            return;
        };
        let l = usize::from(l);
        let (d, e) = (off + 2, off + 2 + l);
        let n = t.add(&ANI, off, (2 + l).min(c.end - off), Value::None);
        t.append(n, format_args!(": {} (t={ty},l={l})", name_of(ANI_TYPE_VALS, ty)));
        t.open(n);
        t.add_uint(&ANI_TYPE, off, 1, u64::from(ty));
        t.add_uint(&ANI_LEN, off + 1, 1, l as u64);
        if e > c.end {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("ANI sub-option length {l} runs past the option")));
            raw(t, &ANI_DATA, d, c.end);
            t.close();
            return;
        }
        match ty {
            1 => ani_netid(t, n, d, e),
            2 if l == 6 => {
                for (i, def) in [(0, &ANI_LAT), (3, &ANI_LON)] {
                    if let Some(b) = arr::<3>(t, d + i) {
                        let v = (i32::from_be_bytes([b[0], b[1], b[2], 0]) >> 8) as i64;
                        t.add(def, d + i, 3, Value::Int(v));
                    }
                }
            }
            3 if l >= 1 => {
                if let Some(ot) = u8_at(t, d) {
                    t.add_uint(&ANI_OPID_TYPE, d, 1, u64::from(ot));
                }
                raw(t, &ANI_OPID, d + 1, e);
            }
            2 | 3 => {
                t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("ANI sub-option {ty} length {l}")));
                raw(t, &ANI_DATA, d, e);
            }
            _ => {
                t.expert(&ANI_UNKNOWN, d, l, Some(format_args!("ANI type {ty}")));
                raw(t, &ANI_DATA, d, e);
            }
        }
        t.close();
        off = e;
    }
}

/// RFC 6757 §3.1.1 Network-Identifier sub-option data.
fn ani_netid(t: &mut Tree<'_>, node: usize, d: usize, e: usize) {
    let Some(flags) = u8_at(t, d).filter(|_| d < e) else { return };
    t.add_uint(&ANI_E, d, 1, u64::from(flags));
    t.add_uint(&ANI_RESERVED, d, 1, u64::from(flags));
    let Some(nl) = u8_at(t, d + 1).filter(|_| d + 1 < e) else {
        t.expert(&SUBOPT_LEN_INVALID, d, e - d, Some(format_args!("Net-Name Length missing")));
        return;
    };
    t.add_uint(&ANI_NET_NAME_LEN, d + 1, 1, u64::from(nl));
    let ns = d + 2;
    let ne = ns + usize::from(nl);
    if ne > e {
        t.expert(&SUBOPT_LEN_INVALID, d + 1, 1, Some(format_args!("Net-Name Length {nl} runs past the sub-option")));
        return;
    }
    if nl > 0 {
        if flags & 0x80 != 0 {
            t.add(&ANI_NET_NAME, ns, ne - ns, Value::Str);
            let s = String::from_utf8_lossy(t.bytes(ns, ne)).into_owned();
            t.append(node, format_args!(" Network Name: {s}"));
        } else {
            t.add(&ANI_NET_NAME_DATA, ns, ne - ns, Value::Bytes);
        }
    }
    let Some(al) = u8_at(t, ne).filter(|_| ne < e) else {
        t.expert(&SUBOPT_LEN_INVALID, ne.min(e), 0, Some(format_args!("AP-Name Length missing")));
        return;
    };
    t.add_uint(&ANI_AP_NAME_LEN, ne, 1, u64::from(al));
    let (as_, ae) = (ne + 1, ne + 1 + usize::from(al));
    if ae > e {
        t.expert(&SUBOPT_LEN_INVALID, ne, 1, Some(format_args!("AP-Name Length {al} runs past the sub-option")));
        return;
    }
    if al > 0 {
        t.add(&ANI_AP_NAME, as_, ae - as_, Value::Str);
        let s = String::from_utf8_lossy(t.bytes(as_, ae)).into_owned();
        t.append(node, format_args!(" AP Name: {s}"));
    }
    if ae < e {
        raw(t, &ANI_DATA, ae, e);
    }
}

fn dmnp(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let (Some(fl), Some(pl)) = (u8_at(t, c.off), u8_at(t, c.off + 1)) else { return };
    t.add_uint(&DMNP_V, c.off, 1, u64::from(fl));
    t.add_uint(&DMNP_RESERVED, c.off, 1, u64::from(fl));
    t.add_uint(&DMNP_PLEN, c.off + 1, 1, u64::from(pl));
    let o = c.off + 2;
    let v = fl & 0x80 != 0;
    match c.end - c.off {
        6 => {
            if let Some(a) = arr::<4>(t, o) {
                t.add(&DMNP_IPV4, o, 4, Value::Ipv4(a));
                t.append(c.node, format_args!(": {}/{pl}", std::net::Ipv4Addr::from(a)));
            }
            if !v {
                t.expert(&DMNP_V_MISMATCH, c.off, 1, Some(format_args!("IPv4 prefix with V clear")));
            }
        }
        18 => {
            if let Some(a) = arr::<16>(t, o) {
                t.add(&DMNP_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}/{pl}", std::net::Ipv6Addr::from(a)));
            }
            if v {
                t.expert(&DMNP_V_MISMATCH, c.off, 1, Some(format_args!("IPv6 prefix with V set")));
            }
        }
        n => {
            t.expert(&expert::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("DMNP length {n}, should be 6 or 18")));
            raw(t, &super::opt::OPT_DATA, o, c.end);
        }
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
fn qos_attrs(t: &mut Tree<'_>, mut off: usize, end: usize) {
    while off < end {
        let Some(kind) = u8_at(t, off) else { return };
        let Some(l) = u8_at(t, off + 1).filter(|_| off + 1 < end) else {
            t.expert(&SUBOPT_LEN_INVALID, off, end - off, Some(format_args!("QoS attribute {kind} has no length octet")));
            return;
        };
        let l = usize::from(l);
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
                let (Some(w), Some(r)) = (u16_at(t, d), u32_at(t, d + 2)) else {
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
                    t.append(n, format_args!(" {}", name_of(TS_FORMAT_VALS, v.format)));
                    format = v.format;
                }
                traffic_selector(t, &QOS_TS, format, d + QosTsFixed::LEN, e);
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
        off = e;
    }
}

fn lma_upa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(r) = u16_at(t, c.off) else { return };
    t.add_uint(&LMA_UPA_RESERVED, c.off, 2, u64::from(r));
    let o = c.off + 2;
    match c.end - o {
        // RFC 7389 §4: a PBU may carry a zero-length address field.
        0 => t.append(c.node, format_args!(" (no address)")),
        4 => {
            if let Some(a) = arr::<4>(t, o) {
                t.add(&LMA_UPA_IPV4, o, 4, Value::Ipv4(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv4Addr::from(a)));
            }
        }
        16 => {
            if let Some(a) = arr::<16>(t, o) {
                t.add(&LMA_UPA_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a)));
            }
        }
        _ => {
            t.expert(
                &expert::OPT_LEN_INVALID,
                c.at + 1,
                1,
                Some(format_args!("LMA User-Plane Address length {}, should be 2, 6 or 18", c.end - c.off)),
            );
            raw(t, &super::opt::OPT_DATA, o, c.end);
        }
    }
}

fn ipv4_tos(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = Ipv4TosFixed::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": M={}", v.flags >> 31));
        fi_subopts(t, c.off + Ipv4TosFixed::LEN, c.end);
    }
}
fn dims(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = DimsFixed::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} M={} N={}", name_of(DIMS_PROTOCOL_VALS, v.protocol), v.flags >> 7, v.records));
        raw(t, &DIMS_DATA, c.off + DimsFixed::LEN, c.end);
    }
}
fn ams4(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(ty) = u8_at(t, c.off) else { return };
    t.add_uint(&AMS4_TYPE, c.off, 1, u64::from(ty));
    raw(t, &AMS4_DATA, c.off + 1, c.end);
}
fn ams6(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(ty) = u8_at(t, c.off) else { return };
    t.add_uint(&AMS6_TYPE, c.off, 1, u64::from(ty));
    raw(t, &AMS6_DATA, c.off + 1, c.end);
}
/// RFC 7411 §5.3/§5.4 count the Length octet in 32-bit words, excluding Option-Code and
/// Reserved/Status, so a conforming option spans 4 + 4·Length octets. The option walk (opt.rs)
/// reads every Length as octets and gives the decoder 2 + Length octets; this note says so.
fn mcast(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = McastFixed::dissect(t, c.off, c.end) {
        t.add_uint(&MCAST_CODE, c.off, 1, u64::from(v.code));
        t.add_uint(&MCAST_RESERVED, c.off + 1, 1, u64::from(v.second));
        t.add_uint(&MCAST_PL_RESERVED, c.off + 2, 2, u64::from(v.payload_reserved));
        t.add_uint(&MCAST_NUM, c.off + 4, 2, u64::from(v.records));
        t.append(c.node, format_args!(": {} M={}", name_of(MCAST_CODE_VALS, v.code), v.records));
        raw(t, &MCAST_DATA, c.off + McastFixed::LEN, c.end);
    }
}

fn mcast_ack(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = McastFixed::dissect(t, c.off, c.end) {
        t.add_uint(&MCAST_ACK_CODE, c.off, 1, u64::from(v.code));
        t.add_uint(&MCAST_ACK_STATUS, c.off + 1, 1, u64::from(v.second));
        t.add_uint(&MCAST_ACK_PL_RESERVED, c.off + 2, 2, u64::from(v.payload_reserved));
        t.add_uint(&MCAST_ACK_NUM, c.off + 4, 2, u64::from(v.records));
        t.append(c.node, format_args!(": {} M={}", name_of(MCAST_ACK_STATUS_VALS, v.second), v.records));
        let rest = c.off + McastFixed::LEN;
        // §5.4: no Mcast Address Records when the status is 1.
        if v.second == 1 && (v.records != 0 || rest < c.end) {
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

fn lcmp(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let mut off = c.off;
    while off < c.end {
        let Some(kind) = u8_at(t, off) else { return };
        let Some(l) = u8_at(t, off + 1).filter(|_| off + 1 < c.end) else {
            t.expert(&SUBOPT_LEN_INVALID, off, c.end - off, Some(format_args!("LCMP sub-option {kind} has no length octet")));
            return;
        };
        let l = usize::from(l);
        let (d, e) = (off + 2, off + 2 + l);
        let n = t.add(&LCMP_SUB, off, (2 + l).min(c.end - off), Value::None);
        t.append(n, format_args!(": {} (type {kind}, length {l})", name_of(LCMP_SUBOPT_VALS, kind)));
        t.open(n);
        t.add_uint(&LCMP_SUB_TYPE, off, 1, u64::from(kind));
        t.add_uint(&LCMP_SUB_LEN, off + 1, 1, l as u64);
        if e > c.end {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("LCMP Length {l} but only {} octets remain", c.end - d)));
            raw(t, &LCMP_SUB_DATA, d, c.end);
            t.close();
            return;
        }
        let defs: Option<[&'static FieldDef; 3]> = match kind {
            1 => Some([&LCMP_RRST, &LCMP_IRT, &LCMP_MRT]),
            2 => Some([&LCMP_HB_INTERVAL, &LCMP_HB_RETX_DELAY, &LCMP_HB_MAX_RETX]),
            _ => None,
        };
        match defs {
            // RFC 8127 §3.1.1, §3.1.2: LCMP Length 6.
            Some(defs) if l == 6 => {
                for (i, def) in defs.into_iter().enumerate() {
                    if let Some(v) = u16_at(t, d + 2 * i) {
                        t.add_uint(def, d + 2 * i, 2, u64::from(v));
                    }
                }
            }
            Some(_) => {
                t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("LCMP Length {l}, should be 6")));
                raw(t, &LCMP_SUB_DATA, d, e);
            }
            None => raw(t, &LCMP_SUB_DATA, d, e),
        }
        t.close();
        off = e;
    }
}

fn mag_mpb(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MagMpb::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} label {} BID {}", name_of(ATT_VALS, v.if_att), v.if_label, v.bid));
    }
}

fn mag_id(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let (Some(s), Some(r)) = (u8_at(t, c.off), u8_at(t, c.off + 1)) else { return };
    t.add_uint(&MAG_ID_SUBTYPE, c.off, 1, u64::from(s));
    t.add_uint(&MAG_ID_RESERVED, c.off + 1, 1, u64::from(r));
    let (o, e) = (c.off + 2, c.end);
    match (s, e - o) {
        (_, 0) => {}
        (1, n) => {
            t.add(&MAG_ID_NAI, o, n, Value::Str);
            let s = String::from_utf8_lossy(t.bytes(o, e)).into_owned();
            t.append(c.node, format_args!(": {s}"));
        }
        (2, 16) => {
            if let Some(a) = arr::<16>(t, o) {
                t.add(&MAG_ID_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a)));
            }
        }
        _ => raw(t, &MAG_ID_ID, o, e),
    }
}

fn anchored(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = AnchoredPrefix::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.prefix, v.prefix_len));
    }
}

fn local(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = LocalPrefix::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}/{}", v.prefix, v.prefix_len));
    }
}

fn prev_maar(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = PrevMaar::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} HNP {}/{}", v.address, v.hnp, v.prefix_len));
    }
}
fn serv_maar(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = ServMaar::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}
fn dlif_lla(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = DlifLla::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.address));
    }
}
fn dlif_llayer(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Some(r) = u16_at(t, c.off) else { return };
    t.add_uint(&DLIF_LLAYER_RESERVED, c.off, 2, u64::from(r));
    raw(t, &DLIF_LLAYER, c.off + 2, c.end);
}

/// The selector's bytes as one node, with the RFC 6088 fields beneath when the format is known.
fn traffic_selector(t: &mut Tree<'_>, def: &'static FieldDef, format: u8, at: usize, end: usize) {
    if at >= end {
        return;
    }
    let node = t.add(def, at, end - at, Value::Bytes);
    t.open(node);
    super::ts::dissect(t, format, at, end);
    t.close();
}

fn name_of(vals: &'static [(u64, &'static str)], v: u8) -> &'static str {
    crate::field::val_name(vals, u64::from(v)).unwrap_or("Unknown")
}

// ---------------------------------------------------------------------------------------------
// The table.

macro_rules! def {
    ($code:expr, $name:expr, $p:expr, $len:expr, $align:expr, $body:expr) => {
        OptDef { code: $code, name: $name, presence: $p, len: $len, align: $align, body: $body, span: None }
    };
    ($code:expr, $name:expr, $p:expr, $len:expr, $align:expr, $body:expr, span $span:expr) => {
        OptDef { code: $code, name: $name, presence: $p, len: $len, align: $align, body: $body, span: Some($span) }
    };
}

/// RFC 7411 §5.3/§5.4: the multicast options' Length counts 32-bit words after Option-Code
/// and Reserved/Status, so their data is 2 + 4·Length octets.
fn words_after_two(l: u8) -> usize {
    2 + 4 * usize::from(l)
}

use Len::{Fixed, Min, OneOf};
const NONE: (usize, usize) = (1, 0);

/// Options 8–70 in code order; index `i` holds code `i + 8` except the gap at 35.
pub static OPT_DEFS: [OptDef; 62] = [
    def!(8, "Mobile Node Identifier", &P_MNID, Min(1), NONE, mnid),
    def!(9, "AUTH-OPTION-TYPE", &P_AUTH, Min(5), (4, 1), auth),
    def!(10, "MESG-ID-OPTION-TYPE", &P_MESGID, Fixed(8), (8, 2), mesgid),
    def!(11, "CGA Parameters Request", &P_CGAPR, Fixed(0), NONE, nothing),
    def!(12, "CGA Parameters", &P_CGAR, Min(1), NONE, cgar),
    def!(13, "Signature", &P_SIGN, Min(1), NONE, sign),
    def!(14, "Permanent Home Keygen Token", &P_PHKT, Min(1), NONE, phkt),
    def!(15, "Care-of Test Init", &P_COTI, Fixed(0), NONE, nothing),
    def!(16, "Care-of Test", &P_COT, Fixed(8), NONE, cot),
    def!(17, "DNS-UPDATE-TYPE", &P_DNSU, Min(3), NONE, dnsu),
    def!(18, "Experimental Mobility Option", &P_EM, Min(1), NONE, em),
    def!(19, "Vendor Specific Mobility Option", &P_VSM, Min(5), (4, 2), vsm),
    def!(20, "Service Selection Mobility Option", &P_SSM, Min(1), NONE, ssm),
    def!(21, "Binding Authorization Data for FMIPv6 (BADF)", &P_BADFF, Min(4), NONE, badff),
    def!(22, "Home Network Prefix", &P_HNP, Fixed(18), (8, 4), hnp),
    def!(23, "Handoff Indicator", &P_HI, Fixed(2), NONE, hi),
    def!(24, "Access Technology Type", &P_ATT, Fixed(2), NONE, att),
    def!(25, "Mobile Node Link-layer Identifier", &P_MNLLI, Min(3), NONE, mnlli),
    def!(26, "Link-local Address", &P_LLA, Fixed(16), (8, 6), lla),
    def!(27, "Timestamp", &P_TS, Fixed(8), (8, 2), ts),
    def!(28, "Restart Counter", &P_RC, Fixed(4), (4, 2), rc),
    def!(29, "IPv4 Home Address", &P_IPV4HA, Fixed(6), (4, 0), ipv4ha),
    def!(30, "IPv4 Address Acknowledgement", &P_IPV4AA, Fixed(6), (4, 0), ipv4aa),
    def!(31, "NAT Detection", &P_NATD, Fixed(6), (4, 0), natd),
    def!(32, "IPv4 Care-of Address", &P_IPV4COA, Fixed(6), (4, 0), ipv4coa),
    def!(33, "GRE Key", &P_GREK, OneOf(&[2, 6]), (4, 0), grek),
    def!(34, "Mobility Header IPv6 Address/Prefix", &P_MHIPV6AP, Fixed(18), (8, 4), mhipv6ap),
    def!(36, "IPv4 Home Address Request", &P_IPV4HAREQ, Fixed(6), (4, 0), ipv4hareq),
    def!(37, "IPv4 Home Address Reply", &P_IPV4HAREP, Fixed(6), (4, 0), ipv4aa),
    def!(38, "IPv4 Default-Router Address", &P_IPV4DRA, Fixed(6), (4, 0), ipv4dra),
    def!(39, "IPv4 DHCP Support Mode", &P_IPV4DSM, Fixed(2), NONE, ipv4dsm),
    def!(40, "Context Request", &P_CR, Min(2), NONE, cr),
    def!(41, "Local Mobility Anchor Address", &P_LMAA, OneOf(&[6, 18]), NONE, lmaa),
    def!(42, "Mobile Node Link-local Address Interface Identifier", &P_MNLLAIID, Fixed(10), NONE, mnlla_iid),
    def!(43, "Transient Binding", &P_TB, Fixed(2), NONE, tb),
    def!(44, "Flow Summary", &P_FS, Min(2), (2, 0), fs),
    def!(45, "Flow Identification", &P_FI, Min(6), (2, 0), fi),
    def!(46, "Redirect-Capability", &P_RECAP, Fixed(2), (4, 0), recap),
    def!(47, "Redirect", &P_REDIR, OneOf(&[6, 18]), (4, 0), redir),
    def!(48, "Load Information", &P_LOAD_INF, Fixed(18), (4, 0), load_inf),
    def!(49, "Alternate IPv4 Care-of Address", &P_ALT_IP4, Fixed(4), (4, 2), alt_ip4),
    def!(50, "Mobile Node Group Identifier", &P_MNG, Fixed(6), NONE, mng),
    def!(51, "MAG IPv6 Address", &P_MAG_IPV6, Fixed(18), (8, 4), mag_ipv6),
    def!(52, "Access Network Identifier", &P_ACC_NET_ID, Min(2), (4, 0), acc_net_id),
    def!(53, "IPv4 Traffic Offload Selector", &P_IPV4_TOS, Min(4), (4, 0), ipv4_tos),
    def!(54, "Dynamic IP Multicast Selector", &P_DIMS, Min(4), NONE, dims),
    def!(55, "Delegated Mobile Network Prefix", &P_DMNP, OneOf(&[6, 18]), (8, 2), dmnp),
    def!(56, "Active Multicast Subscription IPv4", &P_AMS4, Min(1), NONE, ams4),
    def!(57, "Active Multicast Subscription IPv6", &P_AMS6, Min(1), (8, 1), ams6),
    // RFC 7222 §4.1: 4n; SR-ID, TC, OC and Reserved(24) make 6 octets before the attributes.
    def!(58, "Quality-of-Service", &P_QOS, Min(6), (4, 0), qos),
    def!(59, "LMA User-Plane Address", &P_LMA_UPA, Min(2), (8, 2), lma_upa),
    // RFC 7411 §5.3, §5.4: no alignment stated; Option-Code, Reserved/Status and the Report
    // Payload's first line (which "MUST always" be present) make 6 octets.
    def!(60, "Multicast Mobility Option", &P_MCAST, Min(6), NONE, mcast, span words_after_two),
    def!(61, "Multicast Acknowledgement Option", &P_MCAST_ACK, Min(6), NONE, mcast_ack, span words_after_two),
    def!(62, "LMA-Controlled MAG Parameters", &P_LCMP, Min(2), (4, 2), lcmp),
    def!(63, "MAG Multipath-Binding", &P_MAG_MPB, Fixed(6), NONE, mag_mpb),
    def!(64, "MAG Identifier", &P_MAG_ID, Min(2), NONE, mag_id),
    def!(65, "Anchored Prefix", &P_ANCHORED, Fixed(18), (8, 4), anchored),
    def!(66, "Local Prefix", &P_LOCAL, Fixed(18), (8, 4), local),
    def!(67, "Previous MAAR", &P_PREV_MAAR, Fixed(34), (8, 4), prev_maar),
    def!(68, "Serving MAAR", &P_SERV_MAAR, Fixed(16), (8, 6), serv_maar),
    def!(69, "DLIF Link-Local Address", &P_DLIF_LLA, Fixed(16), (8, 6), dlif_lla),
    def!(70, "DLIF Link-Layer Address", &P_DLIF_LLAYER, Min(2), NONE, dlif_llayer),
];

/// The decoder for option types 8–70 (35 excepted: `seeds.rs` owns it), if known.
pub fn lookup_opt(kind: u8) -> Option<&'static OptDef> {
    let i = match kind {
        8..=34 => usize::from(kind - 8),
        36..=70 => usize::from(kind - 9),
        _ => return None,
    };
    OPT_DEFS.get(i).filter(|d| d.code == kind)
}

pub static FIELDS: &[&FieldDef] = &[
    &MNID_SUBTYPE,
    &MNID_IDENTIFIER,
    &MNID_IPV6,
    &MNID_IMSI,
    &MNID_PTMSI,
    &MNID_EUI48,
    &MNID_EUI64,
    &MNID_GUTI,
    &MNID_DUID,
    &MNID_DATA,
    &AUTH_SUBTYPE,
    &AUTH_SPI,
    &AUTH_DATA,
    &MESGID_TS,
    &CGAR,
    &SIGN,
    &PHKT,
    &COT_TOKEN,
    &DNSU_STATUS,
    &DNSU_R,
    &DNSU_RESERVED,
    &DNSU_MNID,
    &EM_DATA,
    &VSM_VID,
    &VSM_SUBTYPE,
    &VSM_DATA,
    &SS_ID,
    &BADFF_SPI,
    &BADFF_AUTH,
    &HNP_RESERVED,
    &HNP_PFL,
    &HNP_PREFIX,
    &HI_RESERVED,
    &HI,
    &ATT_RESERVED,
    &ATT,
    &MNLLI_RESERVED,
    &MNLLI_LLI,
    &LILA_LLA,
    &TIMESTAMP,
    &RC,
    &IPV4HA_PREFLEN,
    &IPV4HA_P,
    &IPV4HA_FLAGS_RESERVED,
    &IPV4HA_HA,
    &IPV4HA_RESERVED,
    &IPV4AA_STATUS,
    &IPV4AA_RESERVED,
    &NATD_F,
    &NATD_RESERVED,
    &NATD_REFRESH,
    &IPV4COA_RESERVED,
    &IPV4COA_ADDR,
    &GRE_KEY,
    &MHIPV6AP_CODE,
    &MHIPV6AP_LEN,
    &MHIPV6AP_ADDR,
    &MHIPV6AP_AP,
    &IPV4DRA_RESERVED,
    &IPV4DRA_DRA,
    &IPV4DSM_RESERVED,
    &IPV4DSM_S,
    &CR_RESERVED,
    &CR_REQ_TYPE,
    &CR_REQ_LEN,
    &VSM_REQ_DATA,
    &LMAA_CODE,
    &LMAA_RESERVED,
    &LMAA_IPV4,
    &LMAA_IPV6,
    &MNLLAIID_RESERVED,
    &MNLLAIID_IID,
    &TB_RESERVED,
    &TB_L,
    &TB_LIFETIME,
    &FS_FID,
    &FI_FID,
    &FI_FID_PRI,
    &FI_RESERVED,
    &FI_STATUS,
    &FI_SUB,
    &FI_SUB_TYPE,
    &FI_SUB_LEN,
    &FI_SUB_DATA,
    &FI_SUB_BID,
    &FI_SUB_TS_FORMAT,
    &FI_SUB_TS_RESERVED,
    &FI_SUB_TS,
    &RECAP_RESERVED,
    &REDIR_K,
    &REDIR_N,
    &REDIR_RESERVED,
    &REDIR_IPV6,
    &REDIR_IPV4,
    &LOAD_PRIORITY,
    &LOAD_SIU,
    &LOAD_MAXS,
    &LOAD_UC,
    &LOAD_MAXC,
    &ALT_IP4,
    &MNG_SUBTYPE,
    &MNG_RESERVED,
    &MNG_ID,
    &MAG6_RESERVED,
    &MAG6_ALEN,
    &MAG6_ADDR,
    &ANI,
    &ANI_TYPE,
    &ANI_LEN,
    &ANI_E,
    &ANI_RESERVED,
    &ANI_NET_NAME_LEN,
    &ANI_NET_NAME,
    &ANI_NET_NAME_DATA,
    &ANI_AP_NAME_LEN,
    &ANI_AP_NAME,
    &ANI_LAT,
    &ANI_LON,
    &ANI_OPID_TYPE,
    &ANI_OPID,
    &ANI_DATA,
    &IPV4_TOS_M,
    &IPV4_TOS_RESERVED,
    &IPV4_TOS_DATA,
    &DIMS_PROTOCOL,
    &DIMS_M,
    &DIMS_RESERVED,
    &DIMS_NUM,
    &DIMS_DATA,
    &AMS4_TYPE,
    &AMS4_DATA,
    &AMS6_TYPE,
    &AMS6_DATA,
    &MCAST_CODE,
    &MCAST_RESERVED,
    &MCAST_PL_RESERVED,
    &MCAST_NUM,
    &MCAST_DATA,
    &MCAST_ACK_CODE,
    &MCAST_ACK_STATUS,
    &MCAST_ACK_PL_RESERVED,
    &MCAST_ACK_NUM,
    &MCAST_ACK_DATA,
    &DMNP_V,
    &DMNP_RESERVED,
    &DMNP_PLEN,
    &DMNP_IPV4,
    &DMNP_IPV6,
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
    &LMA_UPA_RESERVED,
    &LMA_UPA_IPV4,
    &LMA_UPA_IPV6,
    &LCMP_SUB,
    &LCMP_SUB_TYPE,
    &LCMP_SUB_LEN,
    &LCMP_SUB_DATA,
    &LCMP_RRST,
    &LCMP_IRT,
    &LCMP_MRT,
    &LCMP_HB_INTERVAL,
    &LCMP_HB_RETX_DELAY,
    &LCMP_HB_MAX_RETX,
    &MPB_IF_ATT,
    &MPB_IF_LABEL,
    &MPB_BID,
    &MPB_B,
    &MPB_O,
    &MPB_FLAGS_RESERVED,
    &MPB_RESERVED,
    &MAG_ID_SUBTYPE,
    &MAG_ID_RESERVED,
    &MAG_ID_NAI,
    &MAG_ID_IPV6,
    &MAG_ID_ID,
    &ANCH_RESERVED,
    &ANCH_PFL,
    &ANCH_PREFIX,
    &LOCAL_RESERVED,
    &LOCAL_PFL,
    &LOCAL_PREFIX,
    &PREV_MAAR_RESERVED,
    &PREV_MAAR_PFL,
    &PREV_MAAR,
    &PREV_MAAR_HNP,
    &SERV_MAAR,
    &DLIF_LLA,
    &DLIF_LLAYER_RESERVED,
    &DLIF_LLAYER,
    // presence fields
    &P_MNID,
    &P_AUTH,
    &P_MESGID,
    &P_CGAPR,
    &P_CGAR,
    &P_SIGN,
    &P_PHKT,
    &P_COTI,
    &P_COT,
    &P_DNSU,
    &P_EM,
    &P_VSM,
    &P_SSM,
    &P_BADFF,
    &P_HNP,
    &P_HI,
    &P_ATT,
    &P_MNLLI,
    &P_LLA,
    &P_TS,
    &P_RC,
    &P_IPV4HA,
    &P_IPV4AA,
    &P_NATD,
    &P_IPV4COA,
    &P_GREK,
    &P_MHIPV6AP,
    &P_IPV4HAREQ,
    &P_IPV4HAREP,
    &P_IPV4DRA,
    &P_IPV4DSM,
    &P_CR,
    &P_LMAA,
    &P_MNLLAIID,
    &P_TB,
    &P_FS,
    &P_FI,
    &P_RECAP,
    &P_REDIR,
    &P_LOAD_INF,
    &P_ALT_IP4,
    &P_MNG,
    &P_MAG_IPV6,
    &P_ACC_NET_ID,
    &P_IPV4_TOS,
    &P_DIMS,
    &P_DMNP,
    &P_AMS4,
    &P_AMS6,
    &P_QOS,
    &P_LMA_UPA,
    &P_MCAST,
    &P_MCAST_ACK,
    &P_LCMP,
    &P_MAG_MPB,
    &P_MAG_ID,
    &P_ANCHORED,
    &P_LOCAL,
    &P_PREV_MAAR,
    &P_SERV_MAAR,
    &P_DLIF_LLA,
    &P_DLIF_LLAYER,
];
pub static EXPERTS: &[&ExpertDef] = &[&ANI_UNKNOWN, &SUBOPT_LEN_INVALID, &DMNP_V_MISMATCH, &MNID_LEN_INVALID, &MCAST_ACK_RECORDS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_code_and_complete() {
        for k in 8u8..=70 {
            match lookup_opt(k) {
                Some(d) => assert_eq!(d.code, k),
                None => assert_eq!(k, 35, "option {k} missing"),
            }
        }
        assert!(lookup_opt(35).is_none() && lookup_opt(7).is_none() && lookup_opt(71).is_none());
        assert_eq!(PRESENCE.len(), OPT_DEFS.len());
    }
}
