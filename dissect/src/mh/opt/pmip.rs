//! Proxy Mobile IPv6 (RFC 5213 §8.3–8.8) and the options later RFCs added to it: Home Network
//! Prefix (22), Handoff Indicator (23), Access Technology Type (24), Mobile Node Link-layer
//! Identifier (25), Link-local Address (26), Timestamp (27), Restart Counter (28, RFC 5847 §3.1),
//! GRE Key (33, RFC 5845 §3.1), Transient Binding (43, RFC 6058 §5.1), Mobile Node Group
//! Identifier (50, RFC 6602 §4.1), MAG IPv6 Address (51, RFC 6705 §6.2.1), LMA User-Plane
//! Address (59, RFC 7389 §4), MAG Multipath-Binding (63, RFC 8278 §4.1) and MAG Identifier (64,
//! RFC 8278 §4.2). The IPv4 support options (RFC 5844), QoS (RFC 7222), the Access Network
//! Identifier (RFC 6757) and LMA-Controlled MAG Parameters (RFC 8127) have their own modules.

use super::mnid::{Identifier, MnidSubtype, MNID_SUBTYPE_VALS};
use super::pmip_ipv4::IPV4DRA_RESERVED;
use super::Len::{Fixed, Min, OneOf};
use super::{name_of, raw, scaled, Addr, Body, OptCtx, OptError, OptSummary, OptType, Tail, NO_ALIGN, OPT_DATA};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::format::write_dec;
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::Ip6;

// Presence fields (the option subtrees).
pub static P_HNP: FieldDef = FieldDef::new("mip6.options.hnp", "MIPv6 Option - Home Network Prefix", Kind::Protocol);
pub static P_HI: FieldDef = FieldDef::new("mip6.options.hi", "MIPv6 Option - Handoff Indicator", Kind::Protocol);
pub static P_ATT: FieldDef = FieldDef::new("mip6.options.att", "MIPv6 Option - Access Technology Type Option", Kind::Protocol);
pub static P_MNLLI: FieldDef =
    FieldDef::new("mip6.options.mnlli", "MIPv6 Option - Mobile Node Link-layer Identifier", Kind::Protocol);
pub static P_LLA: FieldDef = FieldDef::new("mip6.options.lla", "MIPv6 Option - Link-local Address", Kind::Protocol);
pub static P_TS: FieldDef = FieldDef::new("mip6.options.ts", "MIPv6 Option - Timestamp", Kind::Protocol);
pub static P_RC: FieldDef = FieldDef::new("mip6.options.rc", "MIPv6 Option - Restart Counter", Kind::Protocol);
pub static P_GREK: FieldDef = FieldDef::new("mip6.options.grek", "MIPv6 Option - GRE Key", Kind::Protocol);
pub static P_TB: FieldDef = FieldDef::new("mip6.options.tb", "MIPv6 Option - Transient Binding", Kind::Protocol);
pub static P_MNG: FieldDef = FieldDef::new("mip6.options.mng", "MIPv6 Option - Mobile Node Group Identifier", Kind::Protocol);
pub static P_MAG_IPV6: FieldDef = FieldDef::new("mip6.options.mag_ipv6", "MIPv6 Option - MAG IPv6 Address", Kind::Protocol);
pub static P_LMA_UPA: FieldDef = FieldDef::new("mip6.options.lma_upa", "MIPv6 Option - LMA User-Plane Address", Kind::Protocol);
pub static P_MAG_MPB: FieldDef = FieldDef::new("mip6.options.mag_mpb", "MIPv6 Option - MAG Multipath-Binding", Kind::Protocol);
pub static P_MAG_ID: FieldDef = FieldDef::new("mip6.options.mag_id", "MIPv6 Option - MAG Identifier", Kind::Protocol);

crate::code_points! {
    /// RFC 5213 §8.4 Handoff Indicator values (RFC 7864 adds 6).
    pub enum HandoffCode: u8 {
        Reserved = 0 => "Reserved",
        NewInterface = 1 => "Attachment over a new interface",
        BetweenInterfaces = 2 => "Handoff between two different interfaces of the mobile node",
        BetweenMags = 3 => "Handoff between mobile access gateways for the same interface",
        StateUnknown = 4 => "Handoff state unknown",
        NotChanged = 5 => "Handoff state not changed (Re-registration)",
        NewInterfaceSharingPrefixes = 6 => "Attachment over a new interface sharing prefixes",
    }
}
crate::code_points! {
    /// RFC 5213 §8.5 Access Technology Types (IANA's registry).
    pub enum AccessTechnology: u8 {
        Reserved = 0 => "Reserved",
        Virtual = 1 => "Virtual",
        Ppp = 2 => "PPP",
        Ieee8023 = 3 => "IEEE 802.3",
        Ieee80211 = 4 => "IEEE 802.11a/b/g",
        Ieee80216e = 5 => "IEEE 802.16e",
        Geran = 6 => "3GPP GERAN",
        Utran = 7 => "3GPP UTRAN",
        EUtran = 8 => "3GPP E-UTRAN",
        EHrpd = 9 => "3GPP2 eHRPD",
        Hrpd = 10 => "3GPP2 HRPD",
        OneXRtt = 11 => "3GPP2 1xRTT",
        Umb = 12 => "3GPP2 UMB",
        NbIot = 13 => "3GPP NB-IOT",
    }
}
crate::code_points! {
    /// RFC 6602 §4.1 Mobile Node Group Identifier sub-types.
    pub enum MngSubtype: u8 { BulkBindingUpdateGroup = 1 => "Bulk Binding Update Group" }
}
crate::flags! {
    /// RFC 6058 §6.1 Transient Binding flags octet: 7 reserved bits, then L.
    pub struct TbFlags: u8 { L = 0x01 => 'L' "Late path switch" }
}
crate::flags! {
    /// RFC 8278 §4.1 MAG Multipath-Binding flags octet: B, O, then 6 reserved bits.
    pub struct MpbFlags: u8 { B = 0x80 => 'B' "Bulk Re-registration", O = 0x40 => 'O' "Overwrite" }
}
wire_code!(HandoffCode: u8, AccessTechnology: u8, MngSubtype: u8);
wire_flags!(TbFlags: u8, MpbFlags: u8);
pub static HI_VALS: &[(u64, &str)] = HandoffCode::VALS;
pub static ATT_VALS: &[(u64, &str)] = AccessTechnology::VALS;
static MNG_SUBTYPE_VALS: &[(u64, &str)] = MngSubtype::VALS;

crate::mh::fields! {
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
    // 33 GRE Key (RFC 5845 §3.1): Wireshark files its Reserved under mip6.ipv4dra.reserved.
    pub static GRE_KEY: FieldDef = FieldDef::new("mip6.gre_key", "GRE Key", Kind::Uint(4));
    // 43 Transient Binding (RFC 6058 §5.1: no alignment requirement; Length 2; Reserved (7), L, Lifetime in 100 ms)
    pub static TB_RESERVED: FieldDef =
        FieldDef::new("mip6.tb.reserved", "Reserved", Kind::Uint(1)).hex().mask(TbFlags::RESERVED as u64);
    pub static TB_L: FieldDef = FieldDef::new("mip6.tb.l_flag", "Late path switch (L) flag", Kind::Bool(1)).mask(TbFlags::L as u64);
    pub static TB_LIFETIME: FieldDef =
        FieldDef::new("mip6.tb.lifetime", "Lifetime", Kind::Uint(1)).custom(hundred_ms).blurb("Units of 100 ms");
    // 50 MN Group Identifier (RFC 6602 §4.1)
    pub static MNG_SUBTYPE: FieldDef = FieldDef::new("mip6.mng.sub_type", "Sub Type", Kind::Uint(1)).vals(MNG_SUBTYPE_VALS).tshark_names(&[
            (0, "Reserved"),
        ]);
    pub static MNG_RESERVED: FieldDef = FieldDef::new("mip6.mng.reserved", "Reserved", Kind::Uint(1));
    pub static MNG_ID: FieldDef = FieldDef::new("mip6.mng.mng_id", "Mobile Node Group Identifier", Kind::Uint(4)).custom(mng_id);
    // 51 MAG IPv6 Address (RFC 6705 §6.2.1; alignment 8n+4 per §11.1)
    pub static MAG6_RESERVED: FieldDef = FieldDef::new("mip6.mag_ipv6.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static MAG6_ALEN: FieldDef =
        FieldDef::new("mip6.mag_ipv6.address_length", "Address Length", Kind::Uint(1)).blurb("This field MUST be set to 128");
    pub static MAG6_ADDR: FieldDef = FieldDef::new("mip6.mag_ipv6.address", "Address", Kind::Ipv6);
    // 59 LMA User-Plane Address (RFC 7389 §4: 8n+2; Reserved(16), then a 0-, 4- or 16-octet address)
    pub static LMA_UPA_RESERVED: FieldDef = FieldDef::new("mip6.lma_upa.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static LMA_UPA_IPV4: FieldDef = FieldDef::new("mip6.lma_upa.ipv4", "LMA User-Plane Address", Kind::Ipv4);
    pub static LMA_UPA_IPV6: FieldDef = FieldDef::new("mip6.lma_upa.ipv6", "LMA User-Plane Address", Kind::Ipv6);
    // 63 MAG Multipath Binding (RFC 8278 §4.1: no alignment; If-ATT(8) If-Label(8) Binding ID(8) B(1) O(1)
    // Reserved(22); the 22 reserved bits are shown as the low 6 bits of the flags octet plus 16 more),
    // 64 MAG Identifier (RFC 8278 §4.2: no alignment; Subtype(8) Reserved(8) Identifier).
    pub static MPB_IF_ATT: FieldDef =
        FieldDef::new("mip6.mag_mpb.if_att", "Interface Access Technology Type", Kind::Uint(1)).vals(ATT_VALS);
    pub static MPB_IF_LABEL: FieldDef = FieldDef::new("mip6.mag_mpb.if_label", "Interface Label", Kind::Uint(1));
    pub static MPB_BID: FieldDef = FieldDef::new("mip6.mag_mpb.bid", "Binding Identifier", Kind::Uint(1));
    pub static MPB_B: FieldDef =
        FieldDef::new("mip6.mag_mpb.b_flag", "Bulk Re-registration (B) flag", Kind::Bool(1)).mask(MpbFlags::B as u64);
    pub static MPB_O: FieldDef = FieldDef::new("mip6.mag_mpb.o_flag", "Overwrite (O) flag", Kind::Bool(1)).mask(MpbFlags::O as u64);
    pub static MPB_FLAGS_RESERVED: FieldDef =
        FieldDef::new("mip6.mag_mpb.flags_reserved", "Reserved", Kind::Uint(1)).hex().mask(MpbFlags::RESERVED as u64);
    pub static MPB_RESERVED: FieldDef = FieldDef::new("mip6.mag_mpb.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static MAG_ID_SUBTYPE: FieldDef = FieldDef::new("mip6.mag_id.subtype", "Subtype", Kind::Uint(1)).vals(MNID_SUBTYPE_VALS);
    pub static MAG_ID_RESERVED: FieldDef = FieldDef::new("mip6.mag_id.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static MAG_ID_NAI: FieldDef = FieldDef::new("mip6.mag_id.nai", "Identifier (NAI)", Kind::String).utf8();
    pub static MAG_ID_IPV6: FieldDef = FieldDef::new("mip6.mag_id.ipv6", "Identifier (IPv6 Address)", Kind::Ipv6);
    pub static MAG_ID_ID: FieldDef = FieldDef::new("mip6.mag_id.identifier", "Identifier", Kind::Bytes);
}

layout! {
    /// Home Network Prefix data (RFC 5213 §8.3).
    pub struct Hnp { pub reserved: u8 => [&HNP_RESERVED], pub prefix_len: u8 => [&HNP_PFL], pub prefix: Ip6 => [&HNP_PREFIX] }
}

layout! {
    /// Handoff Indicator data (RFC 5213 §8.4).
    pub struct HandoffIndicator { pub reserved: u8 => [&HI_RESERVED], pub hi: HandoffCode => [&HI] }
}

layout! {
    /// Access Technology Type data (RFC 5213 §8.5).
    pub struct AccessTechType { pub reserved: u8 => [&ATT_RESERVED], pub att: AccessTechnology => [&ATT] }
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
    /// Restart Counter data (RFC 5847 §3.1).
    pub struct RestartCounter { pub counter: u32 => [&RC] }
}

layout! {
    /// GRE Key data with the key present (RFC 5845 §3.1).
    pub struct GreKey { pub reserved: u16 => [&IPV4DRA_RESERVED], pub key: u32 => [&GRE_KEY] }
}

layout! {
    /// GRE Key data without a key (RFC 5845 §3.1, Length 2).
    pub struct GreNoKey { pub reserved: u16 => [&IPV4DRA_RESERVED] }
}

layout! {
    /// Mobile Node Link-layer Identifier fixed part (RFC 5213 §8.6): Reserved.
    pub struct MnlliFixed { pub reserved: u16 => [&MNLLI_RESERVED] }
}

layout! {
    /// LMA User-Plane Address fixed part (RFC 7389 §4): Reserved.
    pub struct LmaUpaFixed { pub reserved: u16 => [&LMA_UPA_RESERVED] }
}

layout! {
    /// MAG Identifier fixed part (RFC 8278 §4.2): Subtype, Reserved.
    pub struct MagIdFixed { pub subtype: MnidSubtype => [&MAG_ID_SUBTYPE], pub reserved: u8 => [&MAG_ID_RESERVED] }
}

layout! {
    /// Transient Binding data (RFC 6058 §6.1).
    pub struct TransientBinding { pub flags: TbFlags => [&TB_RESERVED, &TB_L], pub lifetime: u8 => [&TB_LIFETIME] }
}

layout! {
    /// Mobile Node Group Identifier data (RFC 6602 §4.1).
    pub struct MnGroupId { pub subtype: MngSubtype => [&MNG_SUBTYPE], pub reserved: u8 => [&MNG_RESERVED], pub group: u32 => [&MNG_ID] }
}

layout! {
    /// MAG IPv6 Address data (RFC 6705 §6.2.1).
    pub struct MagIpv6 { pub reserved: u8 => [&MAG6_RESERVED], pub addr_len: u8 => [&MAG6_ALEN], pub address: Ip6 => [&MAG6_ADDR] }
}

layout! {
    /// MAG Multipath Binding data (RFC 8278 §4.1), all 6 octets.
    pub struct MagMpb {
        pub if_att: AccessTechnology => [&MPB_IF_ATT],
        pub if_label: u8 => [&MPB_IF_LABEL],
        pub bid: u8 => [&MPB_BID],
        pub flags: MpbFlags => [&MPB_B, &MPB_O, &MPB_FLAGS_RESERVED],
        pub reserved: u16 => [&MPB_RESERVED],
    }
}

fn hundred_ms(v: &Value, out: &mut dyn crate::format::Sink) {
    scaled(v, out, 100, " ms");
}

fn mng_id(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = v {
        write_dec(out, *n);
        if *n == 1 {
            out.push_str(" - ALL-SESSIONS");
        }
    }
}

/// Converts an RFC 5213 timestamp (48-bit seconds since 1970, 16-bit 1/65536 fractions).
pub fn pmip_ts_to_unix(raw: u64) -> (i64, u32) {
    let secs = (raw >> 16) as i64;
    let ns = (((raw & 0xffff) * 1_000_000_000) >> 16) as u32;
    (secs, ns)
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
        t.append(c.node, format_args!(": {}", name_of(HI_VALS, v.hi.value())));
    }
}

fn att(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = AccessTechType::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", name_of(ATT_VALS, v.att.value())));
    }
}

fn mnlli(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = MnlliFixed::dissect(t, c.off, c.end) else { return };
    raw(t, &MNLLI_LLI, c.off + MnlliFixed::LEN, c.end);
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
        t.append_with(c.node, |out| {
            out.push_str(": ");
            crate::output::write_abs_time(out, s, ns);
        });
    }
}

fn rc(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = RestartCounter::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {}", v.counter));
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
            let _ = GreNoKey::dissect(t, c.off, c.end);
            t.append(c.node, format_args!(" (no key)"));
        }
        n => {
            t.expert(&expert::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("GRE Key length {n}, should be 2 or 6")));
            raw(t, &OPT_DATA, c.off, c.end);
        }
    }
}

fn tb(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = TransientBinding::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": L={} lifetime {} ms", v.flags.0 & 1, u32::from(v.lifetime) * 100));
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

fn lma_upa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = LmaUpaFixed::dissect(t, c.off, c.end) else { return };
    let o = c.off + LmaUpaFixed::LEN;
    match c.end - o {
        // RFC 7389 §4: a PBU may carry a zero-length address field.
        0 => t.append(c.node, format_args!(" (no address)")),
        4 => {
            if let Some(a) = t.rd().array::<4>(o) {
                t.add(&LMA_UPA_IPV4, o, 4, Value::Ipv4(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv4Addr::from(a)));
            }
        }
        16 => {
            if let Some(a) = t.rd().array::<16>(o) {
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
            raw(t, &OPT_DATA, o, c.end);
        }
    }
}

fn mag_mpb(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MagMpb::dissect(t, c.off, c.end) {
        t.append(c.node, format_args!(": {} label {} BID {}", name_of(ATT_VALS, v.if_att.value()), v.if_label, v.bid));
    }
}

fn mag_id(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(v) = MagIdFixed::dissect(t, c.off, c.end) else { return };
    let (o, e) = (c.off + MagIdFixed::LEN, c.end);
    if o == e {
        return;
    }
    match Identifier::<&[u8]>::parse(v.subtype, t.bytes(o, e)) {
        Identifier::Nai(b) => {
            t.add(&MAG_ID_NAI, o, e - o, Value::Str);
            t.append(c.node, format_args!(": {}", crate::text::Shown(b, MAG_ID_NAI.enc)));
        }
        Identifier::Ipv6(a) => {
            t.add(&MAG_ID_IPV6, o, 16, Value::Ipv6(a.0));
            t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a.0)));
        }
        // RFC 8278 §4.2 defines NAI and IPv6 only.
        _ => raw(t, &MAG_ID_ID, o, e),
    }
}

/// GRE Key data (RFC 5845 §3.1): Reserved alone (Length 2) or with the key (Length 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreKeyData {
    NoKey(GreNoKey),
    Key(GreKey),
}

impl Body for GreKeyData {
    fn parse_body(data: &[u8]) -> Option<Self> {
        GreKey::parse_body(data).map(GreKeyData::Key).or_else(|| GreNoKey::parse_body(data).map(GreKeyData::NoKey))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            GreKeyData::NoKey(v) => v.emit_body(out),
            GreKeyData::Key(v) => v.emit_body(out),
        }
    }
}

/// MAG Identifier data (RFC 8278 §4.2): the subtype (MNID's table: 1 NAI, 2 IPv6) and the
/// identifier it types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MagId {
    pub fixed: MagIdFixed,
    pub id: Identifier,
}

impl Body for MagId {
    fn parse_body(data: &[u8]) -> Option<Self> {
        let (rest, fixed) = MagIdFixed::parse(data).ok()?;
        Some(MagId { fixed, id: Identifier::parse(fixed.subtype, rest) })
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        self.fixed.emit(out);
        self.id.emit(out);
        Ok(())
    }
}

options! {
    /// Proxy Mobile IPv6's options, owned.
    pub enum PmipOpt => Pmip {
        HomeNetworkPrefix(Hnp) = OptType::HomeNetworkPrefix, "Home Network Prefix", &P_HNP, Fixed(18), (8, 4), hnp;
        HandoffIndicator(HandoffIndicator) = OptType::HandoffIndicator, "Handoff Indicator", &P_HI, Fixed(2), NO_ALIGN, hi;
        AccessTechType(AccessTechType) = OptType::AccessTechnologyType, "Access Technology Type", &P_ATT, Fixed(2), NO_ALIGN, att;
        /// Reserved and the link-layer identifier.
        MnLinkLayerId(Tail<MnlliFixed>) = OptType::MnLinkLayerIdentifier, "Mobile Node Link-layer Identifier", &P_MNLLI, Min(3), NO_ALIGN, mnlli;
        LinkLocalAddress(LinkLocal) = OptType::LinkLocalAddress, "Link-local Address", &P_LLA, Fixed(16), (8, 6), lla;
        Timestamp(Timestamp) = OptType::Timestamp, "Timestamp", &P_TS, Fixed(8), (8, 2), ts;
        RestartCounter(RestartCounter) = OptType::RestartCounter, "Restart Counter", &P_RC, Fixed(4), (4, 2), rc;
        GreKey(GreKeyData) = OptType::GreKey, "GRE Key", &P_GREK, OneOf(&[2, 6]), (4, 0), grek;
        TransientBinding(TransientBinding) = OptType::TransientBinding, "Transient Binding", &P_TB, Fixed(2), NO_ALIGN, tb;
        MnGroupId(MnGroupId) = OptType::MnGroupIdentifier, "Mobile Node Group Identifier", &P_MNG, Fixed(6), NO_ALIGN, mng;
        MagIpv6Address(MagIpv6) = OptType::MagIpv6Address, "MAG IPv6 Address", &P_MAG_IPV6, Fixed(18), (8, 4), mag_ipv6;
        /// Reserved and the address (none, IPv4 or IPv6).
        LmaUserPlaneAddress(Tail<LmaUpaFixed, Addr>) = OptType::LmaUserPlaneAddress, "LMA User-Plane Address", &P_LMA_UPA, Min(2), (8, 2), lma_upa;
        MagMultipathBinding(MagMpb) = OptType::MagMultipathBinding, "MAG Multipath-Binding", &P_MAG_MPB, Fixed(6), NO_ALIGN, mag_mpb;
        MagIdentifier(MagId) = OptType::MagIdentifier, "MAG Identifier", &P_MAG_ID, Min(2), NO_ALIGN, mag_id;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
