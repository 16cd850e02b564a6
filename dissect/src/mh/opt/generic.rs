//! General-purpose options: DNS Update (17, RFC 5026 §6.2), Experimental (18, RFC 5096 §3),
//! Vendor Specific (19, RFC 5094 §3) and Service Selection (20, RFC 5149 §3).

use super::Len::Min;
use super::{raw, OptCtx, OptSummary, OptType, Tail, NO_ALIGN};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_DNSU: FieldDef = FieldDef::new("mip6.options.dnsu", "MIPv6 Option - DNS-UPDATE-TYPE", Kind::Protocol);
pub static P_EM: FieldDef = FieldDef::new("mip6.options.em", "MIPv6 Option - Experimental", Kind::Protocol);
pub static P_VSM: FieldDef = FieldDef::new("mip6.options.vsm", "MIPv6 Option - Vendor Specific", Kind::Protocol);
pub static P_SSM: FieldDef = FieldDef::new("mip6.options.ssm", "MIPv6 Option - Service Selection", Kind::Protocol);

crate::code_points! {
    /// RFC 5026 §6.2 DNS Update status codes.
    pub enum DnsuStatus: u8 {
        Performed = 0 => "DNS update performed",
        ReasonUnspecified = 128 => "Reason unspecified",
        AdministrativelyProhibited = 129 => "Administratively prohibited",
        Failed = 130 => "DNS Update Failed",
    }
}
crate::flags! {
    /// RFC 5026 §6.2 DNS Update flags octet: R, then 7 reserved bits.
    pub struct DnsuFlags: u8 { R = 0x80 => 'R' "Remove the DNS entry" }
}
wire_code!(DnsuStatus: u8);
wire_flags!(DnsuFlags: u8);
static DNSU_STATUS_VALS: &[(u64, &str)] = DnsuStatus::VALS;

crate::mh::fields! {
    // 17 DNS-UPDATE-TYPE (RFC 5026)
    pub static DNSU_STATUS: FieldDef = FieldDef::new("mip6.dnsu.status", "Status", Kind::Uint(1)).vals(DNSU_STATUS_VALS);
    pub static DNSU_R: FieldDef = FieldDef::new("mip6.dnsu.flag.r", "R flag", Kind::Bool(1)).mask(DnsuFlags::R as u64).tfs(
        "Mobile Node is requesting the HA to remove the DNS entry",
        "Mobile Node is requesting the HA to create or update a DNS entry",
    );
    pub static DNSU_RESERVED: FieldDef =
        FieldDef::new("mip6.dnsu.reserved", "Reserved", Kind::Uint(1)).hex().mask(DnsuFlags::RESERVED as u64);
    pub static DNSU_MNID: FieldDef = FieldDef::new("mip6.dnsu.mn_id", "MN identity (FQDN)", Kind::Bytes);
    // 18 Experimental (RFC 5096)
    pub static EM_DATA: FieldDef = FieldDef::new("mip6.em.data", "Data", Kind::Bytes);
    // 19 Vendor Specific (RFC 5094)
    pub static VSM_VID: FieldDef = FieldDef::new("mip6.vsm.vendorId", "Vendor Id", Kind::Uint(4));
    /// A vendor's own sub-types: no names (tshark 4.0: "Unknown (3)"). Filters take no name
    /// either (tshark's do not: a name would match every vendor's sub-type of that number).
    pub static VSM_SUBTYPE: FieldDef = FieldDef::new("mip6.vsm.subtype", "Subtype", Kind::Uint(1)).vals(&[]);
    /// The same field when the vendor is 3GPP: 3GPP TS 29.275's sub-types (§12.1.1).
    pub static VSM_SUBTYPE_3GPP: FieldDef = FieldDef::new("mip6.vsm.subtype", "Subtype", Kind::Uint(1)).vals(VSM_3GPP_SUBTYPES);
    pub static VSM_DATA: FieldDef = FieldDef::new("mip6.vsm.data", "Data", Kind::Bytes);
    // 20 Service Selection (RFC 5149)
    pub static SS_ID: FieldDef = FieldDef::new("mip6.ss.identifier", "Identifier", Kind::String);
}

layout! {
    /// DNS Update fixed part (RFC 5026 §6.2): Status, R flag and Reserved.
    pub struct DnsuFixed { pub status: DnsuStatus => [&DNSU_STATUS], pub flags: DnsuFlags => [&DNSU_R, &DNSU_RESERVED] }
}

/// IANA's enterprise number of 3GPP, whose Vendor Specific sub-types TS 29.275 names.
pub const VENDOR_3GPP: u32 = 10415;

/// 3GPP TS 29.275 §12.1.1's Vendor Specific Mobility Option sub-types (the names tshark 4.0
/// gives them).
pub static VSM_3GPP_SUBTYPES: &[(u64, &str)] = &[
    (1, "Protocol Configuration Options"),
    (2, "3GPP Specific PMIPv6 Error Code"),
    (3, "PMIPv6 PDN GW IP Address"),
    (4, "PMIPv6 DHCPv4 Address Allocation Procedure Indication"),
    (5, "PMIPv6 Fully Qualified PDN Connection Set Identifier"),
    (6, "PMIPv6 PDN type indication"),
    (7, "Charging ID"),
    (8, "Selection Mode"),
    (9, "I-WLAN Mobility Access Point Name (APN)"),
    (10, "Charging Characteristics"),
    (11, "Mobile Equipment Identity (MEI)"),
    (12, "MSISDN"),
    (13, "Serving Network"),
    (14, "APN Restriction"),
    (15, "Maximum APN Restriction"),
    (16, "Unauthenticated IMSI"),
    (17, "PDN Connection ID"),
    (18, "PGW Back-Off Time"),
    (19, "Signalling Priority Indication"),
    (20, "Additional Protocol Configuration Options"),
    (21, "Static IP Address Allocation Indications"),
    (22, "MME / SGSN Identifier"),
    (23, "End Marker Notification"),
    (24, "Trusted WLAN Mode Indication"),
    (25, "UE Time Zone"),
    (26, "Access Network Identifier Timestamp"),
    (27, "Logical Access ID"),
    (28, "Origination Time Stamp"),
    (29, "Maximum Wait Time"),
    (30, "TWAN Capabilities"),
];

layout! {
    /// Vendor Specific fixed part (RFC 5094 §3): Vendor ID, Sub-Type.
    pub struct VsmFixed { pub vendor_id: u32 => [&VSM_VID], pub subtype: u8 => [&VSM_SUBTYPE] }
}

impl VsmFixed {
    /// After [`VsmFixed::dissect`] or `show`: a 3GPP sub-type is shown by its TS 29.275 name.
    pub fn name_subtype(&self, t: &mut Tree<'_>) {
        if self.vendor_id == VENDOR_3GPP {
            t.retag_last(&VSM_SUBTYPE, &VSM_SUBTYPE_3GPP);
        }
    }
}

fn em(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &EM_DATA, c.off, c.end);
}

fn dnsu(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = DnsuFixed::dissect(t, c.off, c.end) else { return };
    raw(t, &DNSU_MNID, c.off + DnsuFixed::LEN, c.end);
}

fn vsm(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(VsmFixed { vendor_id: vid, subtype: sub }) = VsmFixed::dissect(t, c.off, c.end) else { return };
    VsmFixed { vendor_id: vid, subtype: sub }.name_subtype(t);
    raw(t, &VSM_DATA, c.off + VsmFixed::LEN, c.end);
    t.append(c.node, format_args!(": vendor {vid}, sub-type {sub}"));
}

/// Length-prefixed DNS labels shown dotted, written where they are shown (no `String` per
/// frame). A label longer than what is left takes what is left.
#[derive(Clone, Copy)]
struct DnsLabels<'b>(&'b [u8]);

impl std::fmt::Display for DnsLabels<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some((&l, tail)) = rest.split_first() {
            let (label, next) = tail.split_at(usize::from(l).min(tail.len()));
            if rest.len() < self.0.len() {
                f.write_str(".")?;
            }
            crate::text::write_label(f, crate::text::decode(label, crate::text::Enc::Utf8));
            rest = next;
        }
        Ok(())
    }
}

fn ssm(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let b = t.bytes(c.off, c.end);
    let Some(&first) = b.first() else { return };
    // 3GPP writes the APN in DNS label form (length-prefixed labels); RFC 5149 says UTF-8.
    if first < 0x20 {
        let s = DnsLabels(b);
        let r = t.arena(format_args!("{s}"));
        t.add(&SS_ID, c.off, b.len(), Value::Text(r.0, r.1));
        t.append(c.node, format_args!(": {s}"));
    } else {
        t.add(&SS_ID, c.off, b.len(), Value::Str);
        let s = crate::text::Shown(b, SS_ID.enc);
        t.append(c.node, format_args!(": {s}"));
    }
}

options! {
    /// The general-purpose options, owned.
    pub enum GenericOpt => Generic {
        /// Status, flags and the MN identity (FQDN).
        DnsUpdate(Tail<DnsuFixed>) = OptType::DnsUpdate, "DNS-UPDATE-TYPE", &P_DNSU, Min(3), NO_ALIGN, dnsu;
        /// The experimental data.
        Experimental(Vec<u8>) = OptType::Experimental, "Experimental Mobility Option", &P_EM, Min(1), NO_ALIGN, em;
        /// Vendor ID, Sub-Type and the vendor's data.
        VendorSpecific(Tail<VsmFixed>) = OptType::VendorSpecific, "Vendor Specific Mobility Option", &P_VSM, Min(5), (4, 2), vsm;
        /// The service identifier (UTF-8, or DNS labels as 3GPP writes an APN).
        ServiceSelection(Vec<u8>) = OptType::ServiceSelection, "Service Selection Mobility Option", &P_SSM, Min(1), NO_ALIGN, ssm;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];

#[cfg(test)]
mod tests {
    use super::DnsLabels;

    /// A Service Selection identifier in 3GPP label form is shown escaped as a label is: a new
    /// line inside a label broke the `-V` line and the `-T fields` row (tshark: `a\nb.c`).
    #[test]
    fn apn_labels_are_escaped() {
        assert_eq!(DnsLabels(b"\x03a\nb\x01c").to_string(), "a\\nb.c");
        assert_eq!(DnsLabels(b"\x03ims\x07example").to_string(), "ims.example");
        assert_eq!(DnsLabels(b"\x02\xc3\xa9\x09toolong").to_string(), "\u{e9}.toolong", "a label longer than what is left");
    }
}
