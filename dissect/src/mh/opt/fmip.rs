//! Fast handovers (RFC 5568, FMIPv6) and their PMIPv6 variant (RFC 5949): Mobility Header
//! Link-Layer Address (7, RFC 5568 §6.4.4), Binding Authorization Data for FMIPv6 (21, §6.4.5),
//! Mobility Header IPv6 Address/Prefix (34, §6.4.2), Context Request (40, RFC 5949 §6.2.1),
//! Local Mobility Anchor Address (41, §6.2.2) and MN Link-local Address Interface Identifier
//! (42, §6.2.3).

use super::generic::VsmFixed;
use super::owned::SubValue;
use super::Len::{Fixed, Min, OneOf};
use super::{
    raw, Addr, OptCtx, OptError, OptSummary, OptType, SubOpts, Tail, Tlv, TlvWalk, NO_ALIGN, OPT_DATA, OPT_VALS,
    SUBOPT_LEN_INVALID,
};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert;
use crate::tree::Tree;
use crate::wire::Ip6;

// Presence fields (the option subtrees).
pub static P_MHLLA: FieldDef =
    FieldDef::new("mip6.options.mhlla", "MIPv6 Option - Mobility Header Link-Layer Address", Kind::Protocol);
pub static P_BADFF: FieldDef =
    FieldDef::new("mip6.options.badff", "MIPv6 Option - Binding Authorization Data for FMIPv6 (BADF)", Kind::Protocol);
pub static P_MHIPV6AP: FieldDef =
    FieldDef::new("mip6.options.mhipv6ap", "MIPv6 Option - Mobility Header IPv6 Address/Prefix", Kind::Protocol);
pub static P_CR: FieldDef = FieldDef::new("mip6.options.cr", "MIPv6 Option - Context Request", Kind::Protocol);
// Wireshark labels this one "Mobile Node Link-local Address Interface Identifier" by mistake.
pub static P_LMAA: FieldDef = FieldDef::new("mip6.options.lmaa", "MIPv6 Option - Local Mobility Anchor Address", Kind::Protocol);
pub static P_MNLLAIID: FieldDef =
    FieldDef::new("mip6.options.mnlla_iid", "MIPv6 Option - Mobile Node Link-local Address Interface Identifier", Kind::Protocol);

crate::code_points! {
    /// RFC 5568 §6.4.3 option codes (the MH option of §6.4.4 "is identical to the LLA
    /// option"), in Wireshark's words.
    pub enum LlaCode: u8 {
        Wildcard = 0 => "Wildcard",
        NewAccessPoint = 1 => "Link-layer Address of the New Access Point",
        MobileNode = 2 => "Link-layer Address of the MN",
        Nar = 3 => "Link-layer Address of the NAR",
        Source = 4 => "Link-layer Address of the source",
        CurrentInterface = 5 => "The AP belongs to the current interface of the router",
        NoPrefixInfo = 6 => "No prefix information available",
        NoFastHandovers = 7 => "No fast handovers support available",
    }
}
crate::code_points! {
    /// RFC 5568 §6.4.2 Mobility Header IPv6 Address/Prefix option codes.
    pub enum MhIpv6ApCode: u8 {
        OldCareOf = 1 => "Old Care-of Address",
        NewCareOf = 2 => "New Care-of Address",
        NarAddress = 3 => "NAR's IP address",
        NarPrefix = 4 => "NAR's Prefix",
    }
}
crate::code_points! {
    /// RFC 5949 §6.2.2 LMA Address option codes.
    pub enum LmaaCode: u8 { Ipv6 = 1 => "IPv6 address of the LMA", Ipv4 = 2 => "IPv4 address of the LMA" }
}
wire_code!(LlaCode: u8, MhIpv6ApCode: u8, LmaaCode: u8);
static LLA_CODE_VALS: &[(u64, &str)] = LlaCode::VALS;
static MHIPV6AP_CODE_VALS: &[(u64, &str)] = MhIpv6ApCode::VALS;
static LMAA_CODE_VALS: &[(u64, &str)] = LmaaCode::VALS;

crate::mh::fields! {
    // 7 Mobility Header Link-Layer Address (RFC 5568 §6.4.4)
    pub static LLA_OPTCODE: FieldDef = FieldDef::new("mip6.lla.optcode", "Option-Code", Kind::Uint(1)).vals(LLA_CODE_VALS).tshark_names(&[
            (2, "Link Layer Address of the MN"),
        ]);
    pub static LLA: FieldDef = FieldDef::new("mip6.lla", "Link-layer address", Kind::Bytes).base(crate::field::Base::Colon);
    // 21 BADF (RFC 5568)
    pub static BADFF_SPI: FieldDef = FieldDef::new("mip6.badff.spi", "SPI", Kind::Uint(4));
    pub static BADFF_AUTH: FieldDef = FieldDef::new("mip6.badff.auth", "Authenticator", Kind::Bytes);
    // 34 MH IPv6 Address/Prefix (RFC 5568 §6.4.2)
    pub static MHIPV6AP_CODE: FieldDef =
        FieldDef::new("mip6.mhipv6ap.opt_code", "Option-Code", Kind::Uint(1)).vals(MHIPV6AP_CODE_VALS);
    pub static MHIPV6AP_LEN: FieldDef = FieldDef::new("mip6.mhipv6ap.len", "Prefix Length", Kind::Uint(1));
    pub static MHIPV6AP_ADDR: FieldDef = FieldDef::new("mip6.mhipv6ap.ipv6_address", "IPv6 Address", Kind::Ipv6);
    pub static MHIPV6AP_AP: FieldDef = FieldDef::new("mip6.mhipv6ap.ipv6_address_prefix", "IPv6 Address/Prefix", Kind::String);
    // 40 Context Request, 41 LMA Address, 42 MN LLA IID (RFC 5949 §6.2.1–6.2.3)
    pub static CR_RESERVED: FieldDef = FieldDef::new("mip6.cr.reserved", "Reserved", Kind::Uint(2));
    pub static CR_REQ_TYPE: FieldDef = FieldDef::new("mip6.cr.req_type", "Req-type", Kind::Uint(1)).vals(OPT_VALS).tshark_names(super::OPT_TSHARK_NAMES);
    pub static CR_REQ_LEN: FieldDef = FieldDef::new("mip6.cr.req_length", "Req-length", Kind::Uint(1));
    pub static VSM_REQ_DATA: FieldDef = FieldDef::new("mip6.vsm.req_data", "Req-Data", Kind::Bytes);
    pub static LMAA_CODE: FieldDef = FieldDef::new("mip6.lmaa.opt_code", "Option-Code", Kind::Uint(1)).vals(LMAA_CODE_VALS);
    pub static LMAA_RESERVED: FieldDef = FieldDef::new("mip6.lmaa.reserved", "Reserved", Kind::Uint(1));
    pub static LMAA_IPV4: FieldDef = FieldDef::new("mip6.lmaa.ipv4", "Local Mobility Anchor Address", Kind::Ipv4);
    pub static LMAA_IPV6: FieldDef = FieldDef::new("mip6.lmaa.ipv6", "Local Mobility Anchor Address", Kind::Ipv6);
    pub static MNLLAIID_RESERVED: FieldDef = FieldDef::new("mip6.mnlla_iid.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static MNLLAIID_IID: FieldDef = FieldDef::new("mip6.mnlla_iid.iid", "Interface Identifier", Kind::Bytes);
}

layout! {
    /// Mobility Header IPv6 Address/Prefix data (RFC 5568 §6.4.2).
    pub struct MhIpv6AddrPrefix { pub code: MhIpv6ApCode => [&MHIPV6AP_CODE], pub prefix_len: u8 => [&MHIPV6AP_LEN], pub address: Ip6 => [&MHIPV6AP_ADDR] }
}

layout! {
    /// Mobility Header Link-Layer Address fixed part (RFC 5568 §6.4.4): Option-Code.
    pub struct MhLlaFixed { pub code: LlaCode => [&LLA_OPTCODE] }
}

layout! {
    /// Binding Authorization Data for FMIPv6 fixed part (RFC 5568 §6.4.5): SPI.
    pub struct BadfFixed { pub spi: u32 => [&BADFF_SPI] }
}

layout! {
    /// Context Request fixed part (RFC 5949 §6.2.1): Reserved.
    pub struct CrFixed { pub reserved: u16 => [&CR_RESERVED] }
}

layout! {
    /// Local Mobility Anchor Address fixed part (RFC 5949 §6.2.2): Option-Code, Reserved.
    pub struct LmaaFixed { pub code: LmaaCode => [&LMAA_CODE], pub reserved: u8 => [&LMAA_RESERVED] }
}

layout! {
    /// MN Link-local Address Interface Identifier data (RFC 5949 §6.2.3).
    pub struct MnLlaIid { pub reserved: u16 => [&MNLLAIID_RESERVED], pub iid: u64 => [&MNLLAIID_IID] }
}

fn mhlla(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = MhLlaFixed::dissect(t, c.off, c.end) else { return };
    raw(t, &LLA, c.off + MhLlaFixed::LEN, c.end);
}

/// RFC 5568 §6.4.5 says the Option Length is "the length of the Authenticator in bytes", but
/// its figure puts the 4-octet SPI between Length and Authenticator, and every other mobility
/// option's Length covers all the octets after it; mipscope reads Length as SPI + Authenticator,
/// so the option's bytes end where the next option begins.
fn badff(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = BadfFixed::dissect(t, c.off, c.end) else { return };
    raw(t, &BADFF_AUTH, c.off + 4, c.end);
}

fn mhipv6ap(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MhIpv6AddrPrefix::dissect(t, c.off, c.end) {
        // Wireshark's value is the address text; "/len" is appended to the label.
        let i = t.add_text(&MHIPV6AP_AP, c.off + 1, 17, format_args!("{}", v.address));
        t.append(i, format_args!("/{}", v.prefix_len));
        t.append(c.node, format_args!(": {}/{}", v.address, v.prefix_len));
    }
}

fn cr(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = CrFixed::dissect(t, c.off, c.end) else { return };
    let start = c.off + CrFixed::LEN;
    for (rel, tlv) in TlvWalk::new(t.bytes(start, c.end), false) {
        let off = start + rel;
        let (ty, l, data) = match tlv {
            Tlv::Whole { kind, len, data } => (kind, len, data),
            Tlv::Overrun { kind, len, .. } => (kind, len, &[][..]),
            Tlv::NoLength { kind } => {
                t.add_uint(&CR_REQ_TYPE, off, 1, u64::from(kind));
                t.expert(&SUBOPT_LEN_INVALID, off, 1, Some(format_args!("Req-length missing")));
                return;
            }
            Tlv::Pad1 => continue, // not walked with Pad1
        };
        t.add_uint(&CR_REQ_TYPE, off, 1, u64::from(ty));
        t.add_uint(&CR_REQ_LEN, off + 1, 1, u64::from(l));
        let (d, e) = (off + 2, off + 2 + usize::from(l));
        if let Tlv::Overrun { .. } = tlv {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("Req-length {l} runs past the option")));
            raw(t, &VSM_REQ_DATA, d, c.end);
            return;
        }
        match CrValue::<&[u8]>::parse_value(ty, data) {
            CrValue::Vendor { fixed, .. } => {
                fixed.show(t, d);
                fixed.name_subtype(t);
            }
            CrValue::Other(_) => raw(t, &VSM_REQ_DATA, d, e),
        }
    }
}

/// A Context Request's request (RFC 5949 §8.2.2: Req-type, Req-length, Req-option): a Vendor
/// Specific request (type 19) typed by its fixed part (RFC 5094 §3), any other as octets.
/// Generic over storage: the dissector reads `CrValue<&[u8]>` in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrValue<B = Vec<u8>> {
    /// Vendor ID and Sub-Type, then the octets after them.
    Vendor {
        fixed: VsmFixed,
        data: B,
    },
    Other(B),
}

impl<'a, B: From<&'a [u8]>> CrValue<B> {
    /// The request of type `kind` with data `data`; any octets parse.
    pub fn parse_value(kind: u8, data: &'a [u8]) -> Self {
        match VsmFixed::parse(data) {
            Ok((rest, fixed)) if OptType::from(kind) == OptType::VendorSpecific => CrValue::Vendor { fixed, data: B::from(rest) },
            _ => CrValue::Other(B::from(data)),
        }
    }
}

impl SubValue for CrValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        CrValue::parse_value(kind, data)
    }
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            CrValue::Vendor { fixed, data } => {
                fixed.emit(out);
                out.extend_from_slice(data);
            }
            CrValue::Other(b) => out.extend_from_slice(b),
        }
        Ok(())
    }
}

fn lmaa(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(v) = LmaaFixed::dissect(t, c.off, c.end) else { return };
    let code = v.code.value();
    let (o, n) = (c.off + LmaaFixed::LEN, c.end - c.off - LmaaFixed::LEN);
    match (code, n) {
        (1, 16) => {
            if let Some(a) = t.rd().array::<16>(o) {
                t.add(&LMAA_IPV6, o, 16, Value::Ipv6(a));
                t.append(c.node, format_args!(": {}", std::net::Ipv6Addr::from(a)));
            }
        }
        (2, 4) => {
            if let Some(a) = t.rd().array::<4>(o) {
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
            raw(t, &OPT_DATA, o, c.end);
        }
    }
}

fn mnlla_iid(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let _ = MnLlaIid::dissect(t, c.off, c.end);
}

options! {
    /// Fast handovers' options, owned.
    pub enum FmipOpt => Fmip {
        /// Option-Code and the link-layer address.
        MhLla(Tail<MhLlaFixed>) = OptType::LinkLayerAddress, "Mobility Header Link-Layer Address", &P_MHLLA, Min(1), NO_ALIGN, mhlla;
        /// SPI and the authenticator.
        Badf(Tail<BadfFixed>) = OptType::Badf, "Binding Authorization Data for FMIPv6 (BADF)", &P_BADFF, Min(4), NO_ALIGN, badff;
        MhIpv6AddrPrefix(MhIpv6AddrPrefix) = OptType::MhIpv6AddressPrefix, "Mobility Header IPv6 Address/Prefix", &P_MHIPV6AP, Fixed(18), (8, 4), mhipv6ap;
        /// Reserved and the requests (Req-type is a mobility option type).
        ContextRequest(Tail<CrFixed, SubOpts<OptType, CrValue, false>>) = OptType::ContextRequest, "Context Request", &P_CR, Min(2), NO_ALIGN, cr;
        /// Option-Code, Reserved and the address.
        LmaAddress(Tail<LmaaFixed, Addr>) = OptType::LmaAddress, "Local Mobility Anchor Address", &P_LMAA, OneOf(&[6, 18]), NO_ALIGN, lmaa;
        MnLlaIid(MnLlaIid) = OptType::MnLinkLocalAddressIid, "Mobile Node Link-local Address Interface Identifier", &P_MNLLAIID, Fixed(10), NO_ALIGN, mnlla_iid;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
