//! Home Agent assisted Route Optimization between Mobile IPv4 networks: seed 003
//! (draft-makela-mip4-nemo-haaro-00) and what it became, RFC 6521.
//!
//! Message and extension numbers are preferences (`haaro.*`, `../shared/spec/profiles.md`);
//! the layouts follow the profile:
//!
//! ```text
//! draft profile (seed 003 §4.3–§4.6): Length = octets after it (10 HoTI/CoTI, 18 HoT/CoT)
//! | Type | Length | Reserved (16)        | Home/Care-of Init Cookie (64)                  |
//! | Type | Length | Home/Care-of Nonce Index | Init Cookie (64) | Keygen Token (64)       |
//!
//! rfc profile (RFC 6521 §5.6–§5.9, messages 24–27): no Length octet
//! | Type | Reserved (8) | Init Cookie (64)                                                |
//! | Type | Reserved (8) | Nonce Index (16) | Init Cookie (64) | Keygen Token (64)           |
//!
//! draft extensions (short form: Type, Length, data):
//!  §4.1 prefix advertisement  | Sub-Type |x|O|H| PLen | MR HoA | [Prefix if H clear] | [Realm] |
//!  §4.2 RO capability          | Sub-Type |A|R|S| Rsvd | [MR HoA] |
//!  §4.7 MC authentication      | Home Nonce Index | Care-of Nonce Index | Authenticator (20) |
//!  §4.8 Care-of Address        | Reserved (16) | Care-of Address |
//!
//! rfc extensions (RFC 6521 §5.1–§5.5; sub-type 0 reserved in each):
//!  153 (short, skippable) §5.1 MR RO Capability: | 1 |A|R|S|O| Rsvd (4) | [MR HoA if S] |
//!  49 (short, non-skippable):
//!     §5.2 RO Reply:                 | 1 |O|N|S| Code (5) |
//!     §5.3 MC Authentication:        | 2 | Reserved | HNI (16) | CNI (16) | Authenticator |
//!          (the Authenticator is First(128, HMAC_SHA1(KRm, ...)) by default: 16 octets)
//!     §5.4 Care-of Address:          | 3 | Reserved | Care-of Address × 1..n |
//!  50 (long: Type, Sub-Type, Length (16)) §5.5 Prefix Advertisement, sub-type 1:
//!     1..n information structures | D | M | PLen/Info (6) | then
//!       M = 1: Mobile Router HoA (4)
//!       M = 0: Prefix (1 octet if D, else PLen rounded up to octets) | Realm (§4.2.1 tags, 0x00 ends)
//! ```
//! These follow the text of RFC 6521 §5 (checked against the RFC; the fields it needs that the
//! draft profile lacks follow the draft's in this module's `fields!` block).

use super::ext::{check_len, raw, Ext, ExtDef, ExtType, Numbering, Rule, EXT_SUBTYPE_UNKNOWN};
use super::{EmitError, MsgType};
use crate::analysis::haaro::HaaroFact;
use crate::crypto::keys::TokenKind;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::model::{Auto, Cut};
use crate::prefs::{Prefs, Profile};
use crate::tree::{TokenLesson, Tree};
use crate::wire::{Ip4, Reader};

// ---- messages
crate::mh::fields! {
    pub static MSG_LEN: FieldDef = FieldDef::new("mip.msg.len", "Length", Kind::Uint(1))
        .blurb("Seed 003 message Length: octets after the Length octet (10 for HoTI/CoTI, 18 for HoT/CoT)");
    pub static MSG_RESERVED: FieldDef = FieldDef::new("mip.msg.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static MSG_RESERVED1: FieldDef = FieldDef::new("mip.msg.reserved1", "Reserved", Kind::Uint(1)).hex();
    pub static HOTI_COOKIE: FieldDef = FieldDef::new("mip.hoti.cookie", "Home Init Cookie", Kind::Uint(8)).hex();
    pub static COTI_COOKIE: FieldDef = FieldDef::new("mip.coti.cookie", "Care-of Init Cookie", Kind::Uint(8)).hex();
    pub static HOT_NINDEX: FieldDef = FieldDef::new("mip.hot.nindex", "Home Nonce Index", Kind::Uint(2));
    pub static HOT_COOKIE: FieldDef = FieldDef::new("mip.hot.cookie", "Home Init Cookie", Kind::Uint(8)).hex();
    pub static HOT_TOKEN: FieldDef = FieldDef::new("mip.hot.token", "Home Keygen Token", Kind::Uint(8)).hex();
    pub static COT_NINDEX: FieldDef = FieldDef::new("mip.cot.nindex", "Care-of Nonce Index", Kind::Uint(2));
    pub static COT_COOKIE: FieldDef = FieldDef::new("mip.cot.cookie", "Care-of Init Cookie", Kind::Uint(8)).hex();
    pub static COT_TOKEN: FieldDef = FieldDef::new("mip.cot.token", "Care-of Keygen Token", Kind::Uint(8)).hex();
    pub static ROPA_SUBTYPE: FieldDef = FieldDef::new("mip.ext.ropa.subtype", "Sub-Type", Kind::Uint(1)).vals(ROD_SUBTYPE_VALS);
    pub static ROPA_FLAGS: FieldDef = FieldDef::new("mip.ext.ropa.flags", "Flags", Kind::Uint(1)).hex();
    pub static ROPA_X: FieldDef = FieldDef::new("mip.ext.ropa.x_flag", "Reserved (x)", Kind::Bool(1)).mask(RopaFlags::X as u64);
    pub static ROPA_O: FieldDef = FieldDef::new("mip.ext.ropa.o_flag", "Outbound connections only (O)", Kind::Bool(1))
        .mask(RopaFlags::O as u64)
        .tfs("Mobile router can only initiate connections (behind NAT)", "Mobile router reachable at its CoA");
    pub static ROPA_H: FieldDef = FieldDef::new("mip.ext.ropa.h_flag", "Host route only (H)", Kind::Bool(1))
        .mask(RopaFlags::H as u64)
        .tfs("Host route only (/32), no prefix", "Prefix advertised");
    pub static ROPA_PLEN: FieldDef = FieldDef::new("mip.ext.ropa.plen", "Prefix Length", Kind::Uint(1)).mask(RopaFlags::PLEN as u64);
    pub static ROPA_HOA: FieldDef = FieldDef::new("mip.ext.ropa.hoa", "Mobile Router HoA", Kind::Ipv4);
    pub static ROPA_PREFIX: FieldDef = FieldDef::new("mip.ext.ropa.prefix", "Prefix", Kind::Ipv4);
    pub static ROPA_REALM: FieldDef = FieldDef::new("mip.ext.ropa.realm", "Realm", Kind::String);
    /// The route the advertisement gives (generated): `HoA/32` with H set, else `Prefix/PLen`.
    pub static ROPA_ROUTE: FieldDef = FieldDef::new("mip.ext.ropa.route", "Advertised route", Kind::String);
    pub static ROCAP_SUBTYPE: FieldDef = FieldDef::new("mip.ext.rocap.subtype", "Sub-Type", Kind::Uint(1)).vals(ROCAP_SUBTYPE_VALS);
    pub static ROCAP_FLAGS: FieldDef = FieldDef::new("mip.ext.rocap.flags", "Flags", Kind::Uint(1)).hex();
    pub static ROCAP_A: FieldDef = FieldDef::new("mip.ext.rocap.a_flag", "Advertise my networks (A)", Kind::Bool(1))
        .mask(RocapFlags::A as u64)
        .tfs("Advertise", "Do not advertise");
    pub static ROCAP_R: FieldDef = FieldDef::new("mip.ext.rocap.r_flag", "Request mobile network information (R)", Kind::Bool(1))
        .mask(RocapFlags::R as u64)
        .tfs("Requested", "Not requested");
    pub static ROCAP_S: FieldDef =
        FieldDef::new("mip.ext.rocap.s_flag", "Solicit prefixes of a specific mobile router (S)", Kind::Bool(1))
            .mask(RocapFlags::S as u64)
            .tfs("Solicited", "Not solicited");
    pub static ROCAP_RESERVED: FieldDef =
        FieldDef::new("mip.ext.rocap.reserved", "Reserved", Kind::Uint(1)).hex().mask(RocapFlags::RESERVED as u64);
    pub static ROCAP_HOA: FieldDef = FieldDef::new("mip.ext.rocap.hoa", "Mobile Router HoA", Kind::Ipv4);
    pub static MCAUTH_HNI: FieldDef = FieldDef::new("mip.ext.mcauth.hni", "Home Nonce Index", Kind::Uint(2));
    pub static MCAUTH_CNI: FieldDef = FieldDef::new("mip.ext.mcauth.cni", "Care-of Nonce Index", Kind::Uint(2));
    pub static MCAUTH_AUTH: FieldDef = FieldDef::new("mip.ext.mcauth.auth", "Authenticator", Kind::Bytes).blurb(
        "HMAC_SHA1(Krm, protected data): all 20 octets in the draft (seed 003 §4.7), the first 16 by default in RFC 6521 §5.3",
    );
    pub static COA_RESERVED: FieldDef = FieldDef::new("mip.ext.coa.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static COA_COA: FieldDef = FieldDef::new("mip.ext.coa.coa", "Care-of Address", Kind::Ipv4);
    pub static RO_SUBTYPE: FieldDef = FieldDef::new("mip.ext.ro.subtype", "Sub-Type", Kind::Uint(1)).vals(RO_SUBTYPE_VALS);
    pub static RO_RESERVED: FieldDef = FieldDef::new("mip.ext.ro.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static RO_DATA: FieldDef = FieldDef::new("mip.ext.ro.data", "Data", Kind::Bytes)
        .blurb("RFC 6521 extension data mipscope does not decode field by field");
    pub static RORP_FLAGS: FieldDef = FieldDef::new("mip.ext.rorp.flags", "Flags and Code", Kind::Uint(1)).hex();
    pub static RORP_O: FieldDef = FieldDef::new("mip.ext.rorp.o_flag", "Outbound connections only (O)", Kind::Bool(1))
        .mask(RoReplyFlags::O as u64)
        .tfs("O was set in the MR's RO Capability", "Not set");
    pub static RORP_N: FieldDef = FieldDef::new("mip.ext.rorp.n_flag", "NAT detected (N)", Kind::Bool(1))
        .mask(RoReplyFlags::N as u64)
        .tfs("The HA detected a NAT in front of the MR", "No NAT detected");
    pub static RORP_S: FieldDef = FieldDef::new("mip.ext.rorp.s_flag", "Responding to a solicitation (S)", Kind::Bool(1))
        .mask(RoReplyFlags::S as u64)
        .tfs("Solicited", "Not solicited");
    pub static RORP_CODE: FieldDef =
        FieldDef::new("mip.ext.rorp.code", "Reply Code", Kind::Uint(1)).mask(RoReplyFlags::CODE as u64).vals(RORP_CODE_VALS);
    pub static ROCAP_O: FieldDef = FieldDef::new("mip.ext.rocap.o_flag", "Outbound connections only (O)", Kind::Bool(1))
        .mask(RocapRfcFlags::O as u64)
        .tfs("MR can only initiate connections (NAT or firewall)", "Not set");
    pub static ROCAP_RESERVED4: FieldDef = FieldDef::new("mip.ext.rocap.rsvd", "Reserved", Kind::Uint(1))
        .hex()
        .mask(RocapRfcFlags::RESERVED as u64)
        .blurb("RFC 6521 §5.1: low 4 bits");
    pub static ROPA_D: FieldDef = FieldDef::new("mip.ext.ropa.d_flag", "Delta (D)", Kind::Bool(1))
        .mask(RoInfoFlags::D as u64)
        .tfs("Prefix is a one-octet delta from the last full prefix (§4.1)", "Full prefix");
    pub static ROPA_M: FieldDef = FieldDef::new("mip.ext.ropa.m_flag", "Mobile Router HoA (M)", Kind::Bool(1))
        .mask(RoInfoFlags::M as u64)
        .tfs("Mobile Router HoA follows", "Prefix and Realm follow");
    pub static ROPA_PLEN6: FieldDef = FieldDef::new("mip.ext.ropa.pfxlen", "PLen", Kind::Uint(1))
        .mask(RoInfoFlags::VALUE as u64)
        .blurb("RFC 6521 §5.5 (M = 0); 33-63 are illegal");
    pub static ROPA_INFO: FieldDef = FieldDef::new("mip.ext.ropa.info", "Info", Kind::Uint(1))
        .mask(RoInfoFlags::VALUE as u64)
        .vals(ROPA_INFO_VALS)
        .blurb("RFC 6521 §5.5 (M = 1)");
    pub static ROPA_DELTA: FieldDef = FieldDef::new("mip.ext.ropa.delta", "Prefix delta", Kind::Uint(1))
        .hex()
        .blurb("RFC 6521 §4.1: one octet relative to the last full prefix");
    pub static ROPA_REALM_ENC: FieldDef = FieldDef::new("mip.ext.ropa.realm_enc", "Realm (encoded)", Kind::Bytes)
        .blurb("RFC 6521 §4.2.1 label-length / label-index tags, ended by 0x00");
    pub static ROPA_INFO_ENTRY: FieldDef = FieldDef::new("mip.ext.ropa.entry", "Information structure", Kind::String);
}

layout! {
    /// Seed 003 §4.3 Home Test Init after the Type octet.
    pub struct HotiDraft { pub len: u8 => [&MSG_LEN], pub reserved: u16 => [&MSG_RESERVED], pub cookie: u64 => [&HOTI_COOKIE] }
}
layout! {
    /// Seed 003 §4.4 Care-of Test Init after the Type octet.
    pub struct CotiDraft { pub len: u8 => [&MSG_LEN], pub reserved: u16 => [&MSG_RESERVED], pub cookie: u64 => [&COTI_COOKIE] }
}
layout! {
    /// Seed 003 §4.5 Home Test after the Type octet.
    pub struct HotDraft {
        pub len: u8 => [&MSG_LEN],
        pub nonce_index: u16 => [&HOT_NINDEX],
        pub cookie: u64 => [&HOT_COOKIE],
        pub token: u64 => [&HOT_TOKEN],
    }
}
layout! {
    /// Seed 003 §4.6 Care-of Test after the Type octet.
    pub struct CotDraft {
        pub len: u8 => [&MSG_LEN],
        pub nonce_index: u16 => [&COT_NINDEX],
        pub cookie: u64 => [&COT_COOKIE],
        pub token: u64 => [&COT_TOKEN],
    }
}
layout! {
    /// RFC 6521 §5.6 Home Test Init after the Type octet: Reserved (8), Home Init Cookie (64).
    pub struct HotiRfc { pub reserved1: u8 => [&MSG_RESERVED1], pub cookie: u64 => [&HOTI_COOKIE] }
}
layout! {
    /// RFC 6521 §5.7 Care-of Test Init after the Type octet: Reserved (8), Care-of Init Cookie (64).
    pub struct CotiRfc { pub reserved1: u8 => [&MSG_RESERVED1], pub cookie: u64 => [&COTI_COOKIE] }
}
layout! {
    /// RFC 6521 §5.8 Home Test after the Type octet.
    pub struct HotRfc {
        pub reserved1: u8 => [&MSG_RESERVED1],
        pub nonce_index: u16 => [&HOT_NINDEX],
        pub cookie: u64 => [&HOT_COOKIE],
        pub token: u64 => [&HOT_TOKEN],
    }
}
layout! {
    /// RFC 6521 §5.9 Care-of Test after the Type octet.
    pub struct CotRfc {
        pub reserved1: u8 => [&MSG_RESERVED1],
        pub nonce_index: u16 => [&COT_NINDEX],
        pub cookie: u64 => [&COT_COOKIE],
        pub token: u64 => [&COT_TOKEN],
    }
}

pub static RESERVED_NONZERO: ExpertDef =
    ExpertDef::new("mip.reserved.nonzero", Group::Protocol, Severity::Note, "Reserved bits not zero");

pub static MSG_LEN_INVALID: ExpertDef = ExpertDef::new(
    "mip.msg.len.invalid",
    Group::Malformed,
    Severity::Warn,
    "Message Length disagrees with the message (seed 003: 10 for HoTI/CoTI, 18 for HoT/CoT)",
);

/// Which return-routability message a type number is under the active preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RrMsg {
    Hoti,
    Coti,
    Hot,
    Cot,
}

impl RrMsg {
    /// The message `ty` is under `prefs` (the `haaro.msg_*` numbers), if any.
    pub fn of(p: &Prefs, ty: u8) -> Option<RrMsg> {
        if ty == p.haaro_msg_hoti {
            Some(RrMsg::Hoti)
        } else if ty == p.haaro_msg_coti {
            Some(RrMsg::Coti)
        } else if ty == p.haaro_msg_hot {
            Some(RrMsg::Hot)
        } else if ty == p.haaro_msg_cot {
            Some(RrMsg::Cot)
        } else {
            None
        }
    }
    /// The message's number under `prefs`.
    pub fn number(self, p: &Prefs) -> u8 {
        match self {
            RrMsg::Hoti => p.haaro_msg_hoti,
            RrMsg::Coti => p.haaro_msg_coti,
            RrMsg::Hot => p.haaro_msg_hot,
            RrMsg::Cot => p.haaro_msg_cot,
        }
    }
    /// IANA's number for the message (RFC 6521 §7), whose name in IANA's table is right: the
    /// default of its `haaro.msg_*` preference.
    pub const fn iana(self) -> u8 {
        match self {
            RrMsg::Hoti => MsgType::HomeTestInitMessage.value(),
            RrMsg::Coti => MsgType::CareOfTestInitMessage.value(),
            RrMsg::Hot => MsgType::HomeTestMessage.value(),
            RrMsg::Cot => MsgType::CareOfTestMessage.value(),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            RrMsg::Hoti => "Home Test Init",
            RrMsg::Coti => "Care-of Test Init",
            RrMsg::Hot => "Home Test",
            RrMsg::Cot => "Care-of Test",
        }
    }
}

/// A HoTI/CoTI/HoT/CoT fixed part in the layout of the profile it was parsed (or is built)
/// under: the variant records the message and the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RrLayout {
    HotiDraft(HotiDraft),
    CotiDraft(CotiDraft),
    HotDraft(HotDraft),
    CotDraft(CotDraft),
    HotiRfc(HotiRfc),
    CotiRfc(CotiRfc),
    HotRfc(HotRfc),
    CotRfc(CotRfc),
}

impl RrLayout {
    pub fn msg(&self) -> RrMsg {
        match self {
            RrLayout::HotiDraft(_) | RrLayout::HotiRfc(_) => RrMsg::Hoti,
            RrLayout::CotiDraft(_) | RrLayout::CotiRfc(_) => RrMsg::Coti,
            RrLayout::HotDraft(_) | RrLayout::HotRfc(_) => RrMsg::Hot,
            RrLayout::CotDraft(_) | RrLayout::CotRfc(_) => RrMsg::Cot,
        }
    }
    pub fn profile(&self) -> Profile {
        match self {
            RrLayout::HotiDraft(_) | RrLayout::CotiDraft(_) | RrLayout::HotDraft(_) | RrLayout::CotDraft(_) => Profile::Draft,
            _ => Profile::Rfc,
        }
    }
    /// Octets of the layout (after the Type octet).
    pub fn len(&self) -> usize {
        match self {
            RrLayout::HotiDraft(_) => HotiDraft::LEN,
            RrLayout::CotiDraft(_) => CotiDraft::LEN,
            RrLayout::HotDraft(_) => HotDraft::LEN,
            RrLayout::CotDraft(_) => CotDraft::LEN,
            RrLayout::HotiRfc(_) => HotiRfc::LEN,
            RrLayout::CotiRfc(_) => CotiRfc::LEN,
            RrLayout::HotRfc(_) => HotRfc::LEN,
            RrLayout::CotRfc(_) => CotRfc::LEN,
        }
    }
    pub fn is_empty(&self) -> bool {
        false
    }
    /// The seed 003 Length octet, if the layout has one.
    pub fn length_octet(&self) -> Option<u8> {
        match self {
            RrLayout::HotiDraft(v) => Some(v.len),
            RrLayout::CotiDraft(v) => Some(v.len),
            RrLayout::HotDraft(v) => Some(v.len),
            RrLayout::CotDraft(v) => Some(v.len),
            _ => None,
        }
    }
    /// The layout with its Length octet (draft profile) set to `l`.
    fn with_length(self, l: u8) -> Self {
        match self {
            RrLayout::HotiDraft(v) => RrLayout::HotiDraft(HotiDraft { len: l, ..v }),
            RrLayout::CotiDraft(v) => RrLayout::CotiDraft(CotiDraft { len: l, ..v }),
            RrLayout::HotDraft(v) => RrLayout::HotDraft(HotDraft { len: l, ..v }),
            RrLayout::CotDraft(v) => RrLayout::CotDraft(CotDraft { len: l, ..v }),
            other => other,
        }
    }
    fn emit(&self, out: &mut Vec<u8>) {
        match self {
            RrLayout::HotiDraft(v) => v.emit(out),
            RrLayout::CotiDraft(v) => v.emit(out),
            RrLayout::HotDraft(v) => v.emit(out),
            RrLayout::CotDraft(v) => v.emit(out),
            RrLayout::HotiRfc(v) => v.emit(out),
            RrLayout::CotiRfc(v) => v.emit(out),
            RrLayout::HotRfc(v) => v.emit(out),
            RrLayout::CotRfc(v) => v.emit(out),
        }
    }
}

/// A HAaRO return-routability message after its Type octet, owned or borrowed, lossless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rr<B> {
    /// The fixed part; a draft layout's `len` is replaced on emission by `length`.
    pub layout: RrLayout,
    /// Seed 003's Length octet (octets after it): computed from the layout and `extra` unless
    /// given. Not emitted in the rfc layouts (which have no Length).
    pub length: Auto<u8>,
    /// Octets a draft Length claims past the fixed part (message data, before the extensions).
    pub extra: B,
}

impl<B> Rr<B> {
    pub fn map<C>(self, f: impl FnOnce(B) -> C) -> Rr<C> {
        Rr { layout: self.layout, length: self.length, extra: f(self.extra) }
    }
}

impl<'a> Rr<&'a [u8]> {
    /// Parses message `m` in the layout of `prefs.profile` from `i` (after the Type octet);
    /// returns it and the octets it covers (the layout and, under the draft profile, what the
    /// Length claims past it, as far as `i` goes).
    pub fn parse(m: RrMsg, i: &'a [u8], prefs: &Prefs) -> Result<(Self, usize), Cut> {
        fn lay<'i, T>(i: &'i [u8], p: fn(&'i [u8]) -> crate::wire::PResult<'i, T>, what: &'static str) -> Result<T, Cut> {
            p(i).map(|(_, v)| v).map_err(|e| match e {
                nom::Err::Error(e) | nom::Err::Failure(e) => Cut::new(e.offset(i.len()), what),
                nom::Err::Incomplete(_) => Cut::new(0, what),
            })
        }
        let n = m.name();
        let layout = match (m, prefs.profile == Profile::Draft) {
            (RrMsg::Hoti, true) => RrLayout::HotiDraft(lay(i, HotiDraft::parse, n)?),
            (RrMsg::Coti, true) => RrLayout::CotiDraft(lay(i, CotiDraft::parse, n)?),
            (RrMsg::Hot, true) => RrLayout::HotDraft(lay(i, HotDraft::parse, n)?),
            (RrMsg::Cot, true) => RrLayout::CotDraft(lay(i, CotDraft::parse, n)?),
            (RrMsg::Hoti, false) => RrLayout::HotiRfc(lay(i, HotiRfc::parse, n)?),
            (RrMsg::Coti, false) => RrLayout::CotiRfc(lay(i, CotiRfc::parse, n)?),
            (RrMsg::Hot, false) => RrLayout::HotRfc(lay(i, HotRfc::parse, n)?),
            (RrMsg::Cot, false) => RrLayout::CotRfc(lay(i, CotRfc::parse, n)?),
        };
        let fixed = layout.len();
        let end = msg_end(fixed, layout.length_octet(), i.len());
        let length = layout.length_octet().map_or(Auto::Computed, Auto::Given);
        Ok((Rr { layout, length, extra: &i[fixed..end] }, end))
    }
}

impl<B: AsRef<[u8]>> Rr<B> {
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), EmitError> {
        let extra = self.extra.as_ref();
        let layout = match self.layout.length_octet() {
            Some(_) => {
                let n = self.layout.len() - 1 + extra.len();
                let l = self.length.or_else(|| n.min(255) as u8);
                if self.length == Auto::Computed && n > 255 {
                    return Err(EmitError::TooLong { what: "HAaRO message Length", len: n });
                }
                self.layout.with_length(l)
            }
            None => self.layout,
        };
        layout.emit(out);
        out.extend_from_slice(extra);
        Ok(())
    }
}

/// Where a HAaRO message whose fixed part (after the Type octet) is `fixed` octets ends,
/// counted from the octet after the Type, in `avail` octets: after the fixed part, or (draft
/// profile) where its Length says when that is further on. The dissector and [`Rr::parse`]
/// both frame the message with this rule.
pub fn msg_end(fixed: usize, length: Option<u8>, avail: usize) -> usize {
    match length {
        Some(l) if usize::from(l) > fixed - 1 => (1 + usize::from(l)).min(avail).max(fixed),
        _ => fixed,
    }
}

/// Decodes a HoTI/CoTI/HoT/CoT whose Type octet is at `off`. Returns where its extensions
/// start, or `None` when the fixed part was cut short (already reported).
/// Returns where the extensions start and the message's cookie.
pub fn dissect_msg(t: &mut Tree<'_>, m: RrMsg, off: usize, end: usize) -> Option<(usize, u64)> {
    let p = off + 1;
    let draft = t.prefs.profile == Profile::Draft;
    // (fixed length after the Type octet, cookie, nonce index, Length octet, Reserved field
    // as (value, offset, octets))
    type Fixed = (usize, u64, Option<u16>, Option<u8>, Option<(u16, usize, usize)>);
    let r: Result<Fixed, usize> = match (m, draft) {
        (RrMsg::Hoti, true) => {
            HotiDraft::dissect(t, p, end).map(|x| (HotiDraft::LEN, x.cookie, None, Some(x.len), Some((x.reserved, p + 1, 2))))
        }
        (RrMsg::Coti, true) => {
            CotiDraft::dissect(t, p, end).map(|x| (CotiDraft::LEN, x.cookie, None, Some(x.len), Some((x.reserved, p + 1, 2))))
        }
        (RrMsg::Hot, true) => {
            HotDraft::dissect(t, p, end).map(|x| (HotDraft::LEN, x.cookie, Some(x.nonce_index), Some(x.len), None))
        }
        (RrMsg::Cot, true) => {
            CotDraft::dissect(t, p, end).map(|x| (CotDraft::LEN, x.cookie, Some(x.nonce_index), Some(x.len), None))
        }
        (RrMsg::Hoti, false) => {
            HotiRfc::dissect(t, p, end).map(|x| (HotiRfc::LEN, x.cookie, None, None, Some((x.reserved1.into(), p, 1))))
        }
        (RrMsg::Coti, false) => {
            CotiRfc::dissect(t, p, end).map(|x| (CotiRfc::LEN, x.cookie, None, None, Some((x.reserved1.into(), p, 1))))
        }
        (RrMsg::Hot, false) => HotRfc::dissect(t, p, end)
            .map(|x| (HotRfc::LEN, x.cookie, Some(x.nonce_index), None, Some((x.reserved1.into(), p, 1)))),
        (RrMsg::Cot, false) => CotRfc::dissect(t, p, end)
            .map(|x| (CotRfc::LEN, x.cookie, Some(x.nonce_index), None, Some((x.reserved1.into(), p, 1)))),
    };
    let (fixed, cookie, index, len, reserved) = match r {
        Ok(v) => v,
        Err(at) => {
            t.truncated(at, m.name());
            return None;
        }
    };
    // Seed 003 §4.3/§4.4 and RFC 6521 §5.6-§5.9: "Set to zero, MUST be ignored on reception".
    if let Some((v, at, n)) = reserved.filter(|r| r.0 != 0) {
        t.expert(&RESERVED_NONZERO, at, n, Some(format_args!("{} reserved 0x{v:0w$x}", m.name(), w = 2 * n)));
    }
    // Where the message ends: after its fixed part, or (draft profile) where its Length says
    // when that is further on.
    let msg_end = p + msg_end(fixed, len, end - p);
    if let Some(l) = len {
        let want = (fixed - 1) as u8;
        if l != want {
            t.expert(&MSG_LEN_INVALID, p, 1, Some(format_args!("Length {l}, expected {want}")));
        }
        // Octets the Length claims past the fixed part belong to the message, not to an
        // extension: shown as message data, reported once (above), and the extensions (if
        // any) start after them. A Length too small still leaves the fixed part decoded.
        if msg_end > p + fixed {
            t.add(&super::DATA, p + fixed, msg_end - p - fixed, Value::Bytes);
        }
    }
    // A HoT's or CoT's keygen token (at the same place in both layouts: Type, Length or
    // Reserved, Nonce Index, cookie, token) is what a later Mobile-Correspondent authenticator
    // is verified with.
    if let (Some(i), Some((cr, mr)), false) = (index, t.pkt.ip, t.in_error) {
        if let Some(token) = t.rd().array::<8>(off + 12) {
            use crate::analysis::auth::key_addr;
            let kind = if m == RrMsg::Hot { TokenKind::Home } else { TokenKind::CareOf };
            let fact = TokenLesson { kind, cn: key_addr(cr), addr: key_addr(mr), index: i, token };
            t.d.facts.tokens.push(fact);
        }
    }
    match index {
        Some(i) => t.set_info(format_args!("{}: Index={i} Cookie=0x{cookie:016x}", m.name())),
        None => t.set_info(format_args!("{}: Cookie=0x{cookie:016x}", m.name())),
    }
    Some((msg_end, cookie))
}

// ---- extensions, draft profile
crate::flags! {
    /// Seed 003 §4.1 prefix advertisement flags octet: x (reserved), O, H, then the 5-bit
    /// Prefix Length ([`RopaFlags::plen`]).
    pub struct RopaFlags: u8 {
        X = 0x80 => 'x' "Reserved (must be zero)",
        O = 0x40 => 'O' "Outbound connections only",
        H = 0x20 => 'H' "Host route only",
    }
}
impl RopaFlags {
    /// The Prefix Length (low 5 bits).
    pub const PLEN: u8 = 0x1f;
    pub const fn plen(self) -> u8 {
        self.0 & Self::PLEN
    }
}
crate::flags! {
    /// Seed 003 §4.2 RO capability flags octet; the low 5 bits are reserved.
    pub struct RocapFlags: u8 {
        A = 0x80 => 'A' "Advertise my networks",
        R = 0x40 => 'R' "Request mobile network information",
        S = 0x20 => 'S' "Solicit a specific mobile router's prefixes",
    }
}
crate::flags! {
    /// RFC 6521 §5.1 RO capability flags octet: seed 003's A R S and O; the low 4 bits are reserved.
    pub struct RocapRfcFlags: u8 {
        A = 0x80 => 'A' "Advertise my networks",
        R = 0x40 => 'R' "Request mobile network information",
        S = 0x20 => 'S' "Solicit a specific mobile router's prefixes",
        O = 0x10 => 'O' "Outbound connections only",
    }
}
crate::flags! {
    /// RFC 6521 §5.2 RO Reply octet: O N S, then the 5-bit Code ([`RoReplyFlags::code`]).
    pub struct RoReplyFlags: u8 {
        O = 0x80 => 'O' "Outbound connections only",
        N = 0x40 => 'N' "NAT detected",
        S = 0x20 => 'S' "Responding to a solicitation",
    }
}
impl RoReplyFlags {
    /// The Reply Code (low 5 bits).
    pub const CODE: u8 = 0x1f;
    pub const fn code(self) -> u8 {
        self.0 & Self::CODE
    }
}
super::wire_flags!(RopaFlags: u8, RocapFlags: u8, RocapRfcFlags: u8, RoReplyFlags: u8);

layout! {
    /// Seed 003 §4.1 prefix advertisement: Sub-Type, x/O/H/PLen octet, Mobile Router HoA.
    pub struct RopaDraft {
        pub subtype: u8 => [&ROPA_SUBTYPE],
        pub flags: RopaFlags => [&ROPA_FLAGS, &ROPA_X, &ROPA_O, &ROPA_H, &ROPA_PLEN],
        pub hoa: Ip4 => [&ROPA_HOA],
    }
}

layout! {
    /// Seed 003 §4.2 RO capability: Sub-Type, A/R/S + reserved.
    pub struct RocapDraft {
        pub subtype: u8 => [&ROCAP_SUBTYPE],
        pub flags: RocapFlags => [&ROCAP_FLAGS, &ROCAP_A, &ROCAP_R, &ROCAP_S, &ROCAP_RESERVED],
    }
}

layout! {
    /// Seed 003 §4.7 Mobile-Correspondent authentication: the two nonce indices (the
    /// authenticator follows).
    pub struct McAuthDraft {
        pub hni: u16 => [&MCAUTH_HNI],
        pub cni: u16 => [&MCAUTH_CNI],
    }
}

layout! {
    /// Seed 003 §4.8 Care-of Address extension.
    pub struct CoaDraft {
        pub reserved: u16 => [&COA_RESERVED],
        pub coa: Ip4 => [&COA_COA],
    }
}

// ---- extensions, rfc profile
crate::code_points! {
    /// RFC 6521 §5.2–§5.4: the Sub-Types of the Route Optimization Extensions (49).
    pub enum RoSubType: u8 {
        Reserved = 0 => "Reserved",
        Reply = 1 => "Route Optimization Reply",
        McAuth = 2 => "Mobile-Correspondent Authentication",
        Coa = 3 => "Care-of Address",
    }
}
crate::code_points! {
    /// RFC 6521 §5.5: the Sub-Types of Route Optimization Data (50); seed 003 §4.1's prefix
    /// advertisement keeps the number (the default of `haaro.ext_ropa_subtype`).
    pub enum RodSubType: u8 {
        Reserved = 0 => "Reserved",
        PrefixAdvertisement = 1 => "Route Optimization Prefix Advertisement",
    }
}
crate::code_points! {
    /// RFC 6521 §5.1: the Sub-Types of the Mobile Router RO Capability (153); seed 003 §4.2's
    /// keeps the number (the default of `haaro.ext_rocap_subtype`).
    pub enum RocapSubType: u8 {
        Reserved = 0 => "Reserved",
        Capability = 1 => "Mobile Router Route Optimization Capability",
    }
}
static RO_SUBTYPE_VALS: &[(u64, &str)] = RoSubType::VALS;
static ROD_SUBTYPE_VALS: &[(u64, &str)] = RodSubType::VALS;
static ROCAP_SUBTYPE_VALS: &[(u64, &str)] = RocapSubType::VALS;
// RFC 6521 §5.2 Route Optimization Reply (49/1): | Sub-Type |O|N|S| Code (5) |. (The text calls
// 16..63 refusals, but the figure gives the Code 5 bits; the figure is followed.)
crate::code_points! {
    /// RFC 6521 §5.2: the Route Optimization Reply's Code (0 accepted, 16 and up refused).
    pub enum RoReplyCode: u8 {
        WillDo = 0 => "Will do route optimization",
        Declined = 16 => "Route optimization declined; reason unspecified",
    }
}
static RORP_CODE_VALS: &[(u64, &str)] = RoReplyCode::VALS;
layout! {
    /// RFC 6521 §5.2 Route Optimization Reply (extension 49, sub-type 1).
    pub struct RoReplyRfc {
        pub subtype: u8 => [&RO_SUBTYPE],
        pub flags: RoReplyFlags => [&RORP_FLAGS, &RORP_O, &RORP_N, &RORP_S, &RORP_CODE],
    }
}

// RFC 6521 §5.1 Mobile Router RO Capability (153/1): A R S as in seed 003, plus O; 4 reserved bits.
layout! {
    /// RFC 6521 §5.1 Mobile Router Route Optimization Capability (extension 153, sub-type 1);
    /// the Mobile Router HoA follows only when S is set.
    pub struct RocapRfc {
        pub subtype: u8 => [&ROCAP_SUBTYPE],
        pub flags: RocapRfcFlags => [&ROCAP_FLAGS, &ROCAP_A, &ROCAP_R, &ROCAP_S, &ROCAP_O, &ROCAP_RESERVED4],
    }
}

// RFC 6521 §5.5 Prefix Advertisement (long extension 50, sub-type 1): information structures.
crate::code_points! {
    /// RFC 6521 §5.5: the Info octet of a Prefix Advertisement information structure.
    pub enum RopaInfo: u8 {
        NoSpecificInformation = 0 => "No specific information",
        OutboundOnly = 1 => "Outbound connections only",
    }
}
static ROPA_INFO_VALS: &[(u64, &str)] = RopaInfo::VALS;

layout! {
    /// RFC 6521 §5.3 Mobile-Correspondent Authentication (extension 49, sub-type 2) before the
    /// authenticator.
    pub struct McAuthRfc {
        pub subtype: u8 => [&RO_SUBTYPE],
        pub reserved: u8 => [&RO_RESERVED],
        pub hni: u16 => [&MCAUTH_HNI],
        pub cni: u16 => [&MCAUTH_CNI],
    }
}
layout! {
    /// RFC 6521 §5.4 Care-of Address extension (49, sub-type 3) with its first Care-of Address;
    /// more may follow, 4 octets each.
    pub struct CoaRfc {
        pub subtype: u8 => [&RO_SUBTYPE],
        pub reserved: u8 => [&RO_RESERVED],
        pub coa: Ip4 => [&COA_COA],
    }
}

pub static ROPA_TRAILING: ExpertDef = ExpertDef::new(
    "mip.ext.ropa.bad_prefix",
    Group::Malformed,
    Severity::Warn,
    "Prefix advertisement: H is clear but the 4-octet Prefix is missing or does not fit",
);
/// The draft's extension rows: each `code` is the default of its `haaro.ext_*` preference (the
/// §4.1/§4.2 ones keep RFC 6521's numbers, whose Sub-Type octet they share; §4.7/§4.8 have
/// none, so profiles.md gives them numbers IANA never assigned).
pub(crate) static ROPA_DRAFT: ExtDef = ExtDef {
    code: ExtType::RouteOptimizationData.value(),
    name: "Route Optimization Prefix Advertisement (seed 003)",
    long: false,
    body: Some(ropa_draft),
    numbering: Numbering::Draft,
    tshark: false,
    owned: Some(|_, b| RopaDraft::parse(b).ok().map(|(rest, fixed)| HaaroExt::RopaDraft { fixed, rest }.into())),
};
pub(crate) static ROCAP_DRAFT: ExtDef = ExtDef {
    code: ExtType::MobileRouterRouteOptimizationIndication.value(),
    name: "Mobile Router Route Optimization Capability (seed 003)",
    long: false,
    body: Some(rocap_draft),
    numbering: Numbering::Draft,
    tshark: false,
    owned: Some(|_, b| {
        let (r, fixed) = RocapDraft::parse(b).ok()?;
        let (hoa, rest) = opt_hoa(r, true);
        Some(HaaroExt::RocapDraft { fixed, hoa, rest }.into())
    }),
};
pub(crate) static MCAUTH_DRAFT: ExtDef = ExtDef {
    code: 120,
    name: "Mobile-Correspondent Authentication (seed 003)",
    long: false,
    body: Some(mcauth_draft),
    numbering: Numbering::Draft,
    tshark: false,
    owned: Some(|_, b| {
        McAuthDraft::parse(b).ok().map(|(authenticator, fixed)| HaaroExt::McAuthDraft { fixed, authenticator }.into())
    }),
};
pub(crate) static COA_DRAFT: ExtDef = ExtDef {
    code: 121,
    name: "Care-of Address (seed 003)",
    long: false,
    body: Some(coa_draft),
    numbering: Numbering::Draft,
    tshark: false,
    owned: Some(|_, b| CoaDraft::parse(b).ok().map(|(rest, fixed)| HaaroExt::CoaDraft { fixed, rest }.into())),
};
static RO_EXT: ExtDef = ExtDef {
    code: ExtType::RouteOptimizationExtensions.value(),
    name: super::ext::iana_name(ExtType::RouteOptimizationExtensions),
    long: false,
    body: Some(ro_rfc),
    numbering: Numbering::Rfc6521,
    tshark: false,
    owned: Some(|_, b| match RoSubType::from(*b.first()?) {
        RoSubType::Reply => RoReplyRfc::parse(b).ok().map(|(rest, fixed)| HaaroExt::RoReply { fixed, rest }.into()),
        RoSubType::McAuth => {
            McAuthRfc::parse(b).ok().map(|(authenticator, fixed)| HaaroExt::McAuth { fixed, authenticator }.into())
        }
        RoSubType::Coa => CoaRfc::parse(b).ok().map(|(more, fixed)| HaaroExt::Coa { fixed, more }.into()),
        RoSubType::Reserved | RoSubType::Unknown(_) => None,
    }),
};
// RFC 6521 §5.5: extension 50 is in the "long" format (Type, Sub-Type, Length (16)).
static ROD_EXT: ExtDef = ExtDef {
    code: ExtType::RouteOptimizationData.value(),
    name: super::ext::iana_name(ExtType::RouteOptimizationData),
    long: true,
    body: Some(rod_rfc),
    numbering: Numbering::Rfc6521,
    tshark: false,
    owned: Some(|sub, b| (sub == RodSubType::PrefixAdvertisement.value()).then(|| HaaroExt::RoData { structures: b }.into())),
};
static ROCAP_EXT: ExtDef = ExtDef {
    code: ExtType::MobileRouterRouteOptimizationIndication.value(),
    name: "Mobile Router Route Optimization Capability",
    long: false,
    body: Some(rocap_rfc),
    numbering: Numbering::Rfc6521,
    tshark: false,
    owned: Some(|_, b| {
        if b.first() != Some(&RocapSubType::Capability.value()) {
            return None;
        }
        let (r, fixed) = RocapRfc::parse(b).ok()?;
        let (hoa, rest) = opt_hoa(r, fixed.flags.has(RocapRfcFlags::S));
        Some(HaaroExt::Rocap { fixed, hoa, rest }.into())
    }),
};

/// The Mobile Router HoA after an RO capability's flags, when `present` and 4 octets are there.
fn opt_hoa(r: &[u8], present: bool) -> (Option<Ip4>, &[u8]) {
    match r.split_first_chunk::<4>().filter(|_| present) {
        Some((a, rest)) => (Some(Ip4(*a)), rest),
        None => (None, r),
    }
}

/// A seed 003 or RFC 6521 extension's data, owned or borrowed, in the layout of its profile
/// (the variant records which). Octets past the typed fields are kept (`rest`, `more`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HaaroExt<B> {
    /// Seed 003 §4.1 (`haaro.ext_ropa`): `rest` is the Prefix and Realm as sent.
    RopaDraft { fixed: RopaDraft, rest: B },
    /// Seed 003 §4.2 (`haaro.ext_rocap`): the Mobile Router HoA when 4 octets follow.
    RocapDraft { fixed: RocapDraft, hoa: Option<Ip4>, rest: B },
    /// Seed 003 §4.7 (`haaro.ext_mcauth`).
    McAuthDraft { fixed: McAuthDraft, authenticator: B },
    /// Seed 003 §4.8 (`haaro.ext_coa`).
    CoaDraft { fixed: CoaDraft, rest: B },
    /// RFC 6521 §5.2 (49, sub-type 1).
    RoReply { fixed: RoReplyRfc, rest: B },
    /// RFC 6521 §5.3 (49, sub-type 2).
    McAuth { fixed: McAuthRfc, authenticator: B },
    /// RFC 6521 §5.4 (49, sub-type 3): the first Care-of Address, then `more` (4 octets each).
    Coa { fixed: CoaRfc, more: B },
    /// RFC 6521 §5.5 (`haaro.ext_ropa`, long form; the Sub-Type is the header's): the
    /// information structures as sent ([`HaaroExt::infos`] reads them).
    RoData { structures: B },
    /// RFC 6521 §5.1 (`haaro.ext_rocap`, sub-type 1): the Mobile Router HoA when S is set.
    Rocap { fixed: RocapRfc, hoa: Option<Ip4>, rest: B },
}

impl<B> From<HaaroExt<B>> for super::ext::ExtBody<B> {
    fn from(h: HaaroExt<B>) -> Self {
        super::ext::ExtBody::Haaro(h)
    }
}

impl<B> HaaroExt<B> {
    pub fn map<C>(self, f: impl FnOnce(B) -> C) -> HaaroExt<C> {
        match self {
            HaaroExt::RopaDraft { fixed, rest } => HaaroExt::RopaDraft { fixed, rest: f(rest) },
            HaaroExt::RocapDraft { fixed, hoa, rest } => HaaroExt::RocapDraft { fixed, hoa, rest: f(rest) },
            HaaroExt::McAuthDraft { fixed, authenticator } => HaaroExt::McAuthDraft { fixed, authenticator: f(authenticator) },
            HaaroExt::CoaDraft { fixed, rest } => HaaroExt::CoaDraft { fixed, rest: f(rest) },
            HaaroExt::RoReply { fixed, rest } => HaaroExt::RoReply { fixed, rest: f(rest) },
            HaaroExt::McAuth { fixed, authenticator } => HaaroExt::McAuth { fixed, authenticator: f(authenticator) },
            HaaroExt::Coa { fixed, more } => HaaroExt::Coa { fixed, more: f(more) },
            HaaroExt::RoData { structures } => HaaroExt::RoData { structures: f(structures) },
            HaaroExt::Rocap { fixed, hoa, rest } => HaaroExt::Rocap { fixed, hoa, rest: f(rest) },
        }
    }

    /// The profile whose layout this is.
    pub fn profile(&self) -> Profile {
        match self {
            HaaroExt::RopaDraft { .. }
            | HaaroExt::RocapDraft { .. }
            | HaaroExt::McAuthDraft { .. }
            | HaaroExt::CoaDraft { .. } => Profile::Draft,
            _ => Profile::Rfc,
        }
    }

    /// Whether it is sent in the long form (RFC 6521's Route Optimization Data).
    pub fn is_long(&self) -> bool {
        matches!(self, HaaroExt::RoData { .. })
    }

    /// Its type number under `prefs`.
    pub fn type_number(&self, p: &Prefs) -> u8 {
        match self {
            HaaroExt::RopaDraft { .. } | HaaroExt::RoData { .. } => p.haaro_ext_ropa,
            HaaroExt::RocapDraft { .. } | HaaroExt::Rocap { .. } => p.haaro_ext_rocap,
            HaaroExt::McAuthDraft { .. } => p.haaro_ext_mcauth,
            HaaroExt::CoaDraft { .. } => p.haaro_ext_coa,
            HaaroExt::RoReply { .. } | HaaroExt::McAuth { .. } | HaaroExt::Coa { .. } => {
                super::ext::ExtType::RouteOptimizationExtensions.value()
            }
        }
    }
}

impl<B: AsRef<[u8]>> HaaroExt<B> {
    /// The information structures of Route Optimization Data (none for the other variants).
    pub fn infos(&self) -> RoInfos<'_> {
        match self {
            HaaroExt::RoData { structures } => RoInfos::new(structures.as_ref()),
            _ => RoInfos::new(&[]),
        }
    }

    /// Appends the data.
    pub fn emit(&self, out: &mut Vec<u8>) {
        let tail = match self {
            HaaroExt::RopaDraft { fixed, rest } => {
                fixed.emit(out);
                rest
            }
            HaaroExt::RocapDraft { fixed, hoa, rest } => {
                fixed.emit(out);
                if let Some(a) = hoa {
                    out.extend_from_slice(&a.0);
                }
                rest
            }
            HaaroExt::McAuthDraft { fixed, authenticator } => {
                fixed.emit(out);
                authenticator
            }
            HaaroExt::CoaDraft { fixed, rest } => {
                fixed.emit(out);
                rest
            }
            HaaroExt::RoReply { fixed, rest } => {
                fixed.emit(out);
                rest
            }
            HaaroExt::McAuth { fixed, authenticator } => {
                fixed.emit(out);
                authenticator
            }
            HaaroExt::Coa { fixed, more } => {
                fixed.emit(out);
                more
            }
            HaaroExt::RoData { structures } => structures,
            HaaroExt::Rocap { fixed, hoa, rest } => {
                fixed.emit(out);
                if let Some(a) = hoa {
                    out.extend_from_slice(&a.0);
                }
                rest
            }
        };
        out.extend_from_slice(tail.as_ref());
    }
}

/// The HAaRO decoder for extension `ty` (with its first data octet `subtype`), if any.
pub fn lookup_ext(p: &Prefs, ty: u8, subtype: Option<u8>) -> Option<&'static ExtDef> {
    if p.profile == Profile::Draft {
        // The draft's prefix advertisement is in the short form whatever its sub-type (the
        // walker frames the extension before it reads the sub-type), so the draft decoder
        // takes every sub-type and reports the ones it does not know.
        if ty == p.haaro_ext_ropa {
            return Some(&ROPA_DRAFT);
        }
        if ty == p.haaro_ext_rocap && subtype == Some(p.haaro_ext_rocap_subtype) {
            return Some(&ROCAP_DRAFT);
        }
        if ty == p.haaro_ext_mcauth {
            return Some(&MCAUTH_DRAFT);
        }
        if ty == p.haaro_ext_coa {
            return Some(&COA_DRAFT);
        }
    }
    if ty == RO_EXT.code {
        Some(&RO_EXT)
    } else if ty == p.haaro_ext_ropa {
        Some(&ROD_EXT)
    } else if ty == p.haaro_ext_rocap {
        Some(&ROCAP_EXT)
    } else {
        None
    }
}

/// The name extension type `ty` has when `def` (from [`lookup_ext`]) decodes it and IANA's
/// table does not name it so: the draft layouts always (their numbers are IANA's for other
/// layouts, or unassigned), RFC 6521's at a number a preference moved.
pub fn ext_type_name(ty: u8, def: &'static ExtDef) -> Option<&'static str> {
    match def.numbering {
        Numbering::Iana => None,
        Numbering::Draft => Some(def.name),
        Numbering::Rfc6521 => (def.code != ty).then_some(def.name),
    }
}

fn ropa_draft(t: &mut Tree<'_>, e: &Ext) {
    // Another sub-type: its layout is unknown, so only the Sub-Type octet is decoded.
    if let Some(st) = t.rd().u8(e.data).filter(|_| !e.is_empty()) {
        if st != t.prefs.haaro_ext_ropa_subtype {
            t.add_uint(&ROPA_SUBTYPE, e.data, 1, u64::from(st));
            t.expert(&EXT_SUBTYPE_UNKNOWN, e.data, 1, Some(format_args!("prefix advertisement sub-type {st}")));
            return rest_data(t, e.data + 1, e);
        }
    }
    crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::Ropa);
    if !check_len(t, e, Rule::AtLeast(RopaDraft::LEN)) {
        return raw(t, e);
    }
    let Ok(r) = RopaDraft::dissect(t, e.data, e.end) else { return };
    let mut p = e.data + RopaDraft::LEN;
    let host = r.flags.has(RopaFlags::H);
    let plen = r.flags.plen();
    // The Prefix after the HoA, for the analysis pass's §4.1 rule on H.
    let mut prefix = None;
    if host {
        let hoa = r.hoa;
        t.add_text(&ROPA_ROUTE, e.data + 2, 4, format_args!("{hoa}/32"));
        // §4.1: with H set "no mobile networks are included", so what follows the HoA is the
        // Realm (profiles.md). Octets that are not realm text (UTF-8 without control characters,
        // one closing NUL allowed) are not shown as a garbage Realm: four of them are a Prefix
        // sent against the rule and reported; fewer are reported as they are.
        let rest = t.rd().slice(p, e.end).unwrap_or_default();
        if !rest.is_empty() && !is_realm_text(rest) {
            match Reader::new(rest).array::<4>(0) {
                Some(a) => {
                    t.add(&ROPA_PREFIX, p, 4, Value::Ipv4(a));
                    prefix = Some((p as u32, a));
                    p += 4;
                }
                None => {
                    let n = e.end - p;
                    t.expert(
                        &ROPA_TRAILING,
                        p,
                        n,
                        Some(format_args!("{n} octets after the HoA are neither a Realm nor a Prefix")),
                    );
                    t.add(&super::ext::EXTENSION, p, n, Value::Bytes);
                    return ropa_fact(t, e, r.flags, None, false);
                }
            }
        }
    } else if e.end >= p + 4 {
        if let Some(a) = t.rd().array::<4>(p) {
            t.add(&ROPA_PREFIX, p, 4, Value::Ipv4(a));
            t.add_text(&ROPA_ROUTE, p, 4, format_args!("{}/{plen}", Ip4(a)));
            prefix = Some((p as u32, a));
        }
        p += 4;
    } else if e.end > p {
        t.expert(&ROPA_TRAILING, p, e.end - p, Some(format_args!("{} octets left", e.end - p)));
        t.add(&super::ext::EXTENSION, p, e.end - p, Value::Bytes);
        return ropa_fact(t, e, r.flags, None, false);
    }
    ropa_fact(t, e, r.flags, prefix, true);
    if e.end > p {
        t.add(&ROPA_REALM, p, e.end - p, Value::Str);
    }
}

/// Records a prefix advertisement whose fixed part decoded for the analysis pass (the x bit is
/// judged on every one; H against the Prefix only on one whose data after the HoA was read).
fn ropa_fact(t: &mut Tree<'_>, e: &Ext, flags: RopaFlags, prefix: Option<(u32, [u8; 4])>, complete: bool) {
    let (at, proto) = (t.anchor(), t.d.last_protocol);
    t.d.facts.haaro.push(HaaroFact::Ropa { flags_at: (e.data + 1) as u32, flags, prefix, complete, at, proto });
}

/// Whether octets can be a Realm: UTF-8 text (RFC 7542 realms may be internationalised) with no
/// control character, one closing NUL allowed.
fn is_realm_text(b: &[u8]) -> bool {
    let b = b.strip_suffix(&[0]).unwrap_or(b);
    !b.is_empty() && std::str::from_utf8(b).is_ok_and(|s| !s.chars().any(char::is_control))
}

fn rocap_draft(t: &mut Tree<'_>, e: &Ext) {
    // Sub-Type and flags, then the optional Mobile Router HoA: 2 or 6 octets.
    if !check_len(t, e, Rule::OneOf(&[RocapDraft::LEN, RocapDraft::LEN + 4])) && e.len() < RocapDraft::LEN {
        return raw(t, e);
    }
    let Ok(r) = RocapDraft::dissect(t, e.data, e.end) else { return };
    crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::Rocap);
    if r.flags.has(RocapFlags::R) || r.flags.has(RocapFlags::S) {
        crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::RoRequest);
    }
    reserved_bits(t, e.data + 1, 1, u16::from(r.flags.reserved()), "RO capability");
    let p = e.data + RocapDraft::LEN;
    let (start, end) = (e.start as u32, e.end as u32);
    if e.end >= p + 4 {
        if let Some(a) = t.rd().array::<4>(p) {
            t.add(&ROCAP_HOA, p, 4, Value::Ipv4(a));
        }
        if e.end > p + 4 {
            t.add(&super::ext::EXTENSION, p + 4, e.end - p - 4, Value::Bytes);
        }
        let (at, proto) = (t.anchor(), t.d.last_protocol);
        t.d.facts.haaro.push(HaaroFact::Rocap { start, end, flags: r.flags, hoa: true, at, proto });
    } else {
        let (at, proto) = (t.anchor(), t.d.last_protocol);
        t.d.facts.haaro.push(HaaroFact::Rocap { start, end, flags: r.flags, hoa: false, at, proto });
        if e.end > p {
            t.add(&super::ext::EXTENSION, p, e.end - p, Value::Bytes);
        }
    }
}

fn mcauth_draft(t: &mut Tree<'_>, e: &Ext) {
    crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::McAuth);
    if !check_len(t, e, Rule::Exactly(McAuthDraft::LEN + 20)) && e.len() < McAuthDraft::LEN {
        return raw(t, e);
    }
    if let Ok(v) = McAuthDraft::dissect(t, e.data, e.end) {
        if e.end > e.data + McAuthDraft::LEN {
            t.add(&MCAUTH_AUTH, e.data + McAuthDraft::LEN, e.end - e.data - McAuthDraft::LEN, Value::Bytes);
            mcauth_fact(t, v.hni, v.cni, false, e.data + McAuthDraft::LEN, e.end);
        }
    }
}

/// Records a Mobile-Correspondent authenticator at `value..end` for the analysis pass, which
/// verifies it with Krm ([`crate::analysis::auth`]); the message's offset is set by its
/// dissector.
fn mcauth_fact(t: &mut Tree<'_>, hni: u16, cni: u16, rfc6521: bool, value: usize, end: usize) {
    if t.in_error {
        return;
    }
    let (key, addrs) = (crate::analysis::auth::AuthKey::Mc { hni, cni, rfc6521 }, t.pkt.ip);
    let value = (value as u32, (end - value) as u32);
    let end = t.anchor();
    t.d.facts.auths.push(crate::analysis::auth::AuthFact { msg: u32::MAX, value, key, addrs, end });
}

fn coa_draft(t: &mut Tree<'_>, e: &Ext) {
    crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::Coa);
    if !check_len(t, e, Rule::Exactly(CoaDraft::LEN)) && e.len() < CoaDraft::LEN {
        return raw(t, e);
    }
    if let Ok(v) = CoaDraft::dissect(t, e.data, e.end) {
        reserved_bits(t, e.data, 2, v.reserved, "Care-of Address extension");
    }
    if e.len() > CoaDraft::LEN {
        t.add(&super::ext::EXTENSION, e.data + CoaDraft::LEN, e.len() - CoaDraft::LEN, Value::Bytes);
    }
}

fn ro_rfc(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    let Some(st) = t.rd().u8(e.data) else { return };
    match RoSubType::from(st) {
        // §5.2: exactly the Sub-Type and the O/N/S/Code octet.
        RoSubType::Reply => {
            if !check_len(t, e, Rule::Exactly(RoReplyRfc::LEN)) && e.len() < RoReplyRfc::LEN {
                t.add_uint(&RO_SUBTYPE, e.data, 1, u64::from(st));
                return rest_data(t, e.data + 1, e);
            }
            let _ = RoReplyRfc::dissect(t, e.data, e.end);
            rest_data(t, e.data + RoReplyRfc::LEN, e);
        }
        // §5.3: the authenticator is 128 bits by default, but its length is not fixed by the
        // format; no length rule beyond the fixed part.
        RoSubType::McAuth => {
            if !check_len(t, e, Rule::AtLeast(McAuthRfc::LEN)) {
                t.add_uint(&RO_SUBTYPE, e.data, 1, u64::from(st));
                return rest_data(t, e.data + 1, e);
            }
            crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::McAuth);
            let Ok(v) = McAuthRfc::dissect(t, e.data, e.end) else { return };
            reserved_bits(t, e.data + 1, 1, v.reserved.into(), "Mobile-Correspondent Authentication");
            if e.end > e.data + McAuthRfc::LEN {
                // Verified with Krm: the first 128 bits (RFC 6521 §5.3's default length) of
                // HMAC_SHA1 over every octet before the value (`analysis::auth::mcauth_expected`).
                t.add(&MCAUTH_AUTH, e.data + McAuthRfc::LEN, e.end - e.data - McAuthRfc::LEN, Value::Bytes);
                mcauth_fact(t, v.hni, v.cni, true, e.data + McAuthRfc::LEN, e.end);
            }
        }
        // §5.4: one or more Care-of Addresses after Sub-Type and Reserved.
        RoSubType::Coa => {
            crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::Coa);
            if !check_len(t, e, Rule::AtLeast(CoaRfc::LEN)) {
                t.add_uint(&RO_SUBTYPE, e.data, 1, u64::from(st));
                return rest_data(t, e.data + 1, e);
            }
            let n = (e.len() - 2) / 4;
            check_len(t, e, Rule::Exactly(2 + 4 * n));
            if let Ok(v) = CoaRfc::dissect(t, e.data, e.end) {
                reserved_bits(t, e.data + 1, 1, v.reserved.into(), "Care-of Address extension");
            }
            let mut p = e.data + CoaRfc::LEN;
            while let Some(a) = t.rd().array::<4>(p).filter(|_| p + 4 <= e.end) {
                t.add(&COA_COA, p, 4, Value::Ipv4(a));
                p += 4;
            }
            rest_data(t, p, e);
        }
        RoSubType::Reserved | RoSubType::Unknown(_) => {
            t.add_uint(&RO_SUBTYPE, e.data, 1, u64::from(st));
            t.expert(&EXT_SUBTYPE_UNKNOWN, e.data, 1, Some(format_args!("Route Optimization sub-type {st}")));
            rest_data(t, e.data + 1, e);
        }
    }
}

/// RFC 6521 §5.5: the long form puts the Sub-Type in the octet after Type; the data are
/// information structures, each `|D|M| PLen/Info |` then an MR HoA (M = 1) or a Prefix and a
/// Realm (M = 0).
fn rod_rfc(t: &mut Tree<'_>, e: &Ext) {
    let rd = t.rd();
    let Some(st) = rd.u8(e.start + 1) else { return };
    t.add_uint(&ROPA_SUBTYPE, e.start + 1, 1, u64::from(st));
    if st != RodSubType::PrefixAdvertisement.value() {
        t.expert(&EXT_SUBTYPE_UNKNOWN, e.start + 1, 1, Some(format_args!("Route Optimization Data sub-type {st}")));
        return rest_data(t, e.data, e);
    }
    crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::Ropa);
    if !check_len(t, e, Rule::AtLeast(5)) {
        return rest_data(t, e.data, e);
    }
    for r in RoInfos::new(t.bytes(e.data, e.end)) {
        let (at, info) = match r {
            Ok(v) => v,
            Err(RoInfoCut { at, need }) => {
                let p = e.data + at;
                t.expert(
                    &super::ext::EXT_LEN_INVALID,
                    p,
                    e.end - p,
                    Some(format_args!("information structure needs {need} octets, {} left", e.end - p)),
                );
                return rest_data(t, p, e);
            }
        };
        let p = e.data + at;
        let q = p + info.len();
        let (b, v, a) = (info.head.0, info.head.value(), info.addr4());
        let i = if info.head.has(RoInfoFlags::M) {
            t.add_text(&ROPA_INFO_ENTRY, p, q - p, format_args!("Mobile Router HoA {}, Info {v}", Ip4(a)))
        } else if info.head.has(RoInfoFlags::D) {
            t.add_text(&ROPA_INFO_ENTRY, p, q - p, format_args!("Prefix delta 0x{:02x}/{v}", a[0]))
        } else {
            t.add_text(&ROPA_INFO_ENTRY, p, q - p, format_args!("Prefix {}/{v}", Ip4(a)))
        };
        t.open(i);
        t.add_uint(&ROPA_D, p, 1, u64::from(b));
        t.add_uint(&ROPA_M, p, 1, u64::from(b));
        if info.head.has(RoInfoFlags::M) {
            t.add_uint(&ROPA_INFO, p, 1, u64::from(b));
            t.add(&ROPA_HOA, p + 1, 4, Value::Ipv4(a));
        } else {
            t.add_uint(&ROPA_PLEN6, p, 1, u64::from(b));
            let fixed = info.addr.len();
            if info.head.has(RoInfoFlags::D) {
                t.add_uint(&ROPA_DELTA, p + 1, 1, u64::from(a[0]));
            } else if fixed > 0 {
                t.add(&ROPA_PREFIX, p + 1, fixed, Value::Ipv4(a));
                t.add_text(&ROPA_ROUTE, p + 1, fixed, format_args!("{}/{v}", Ip4(a)));
            }
            if !info.realm.is_empty() {
                t.add(&ROPA_REALM_ENC, p + 1 + fixed, info.realm.len(), Value::Bytes);
            }
        }
        t.close();
    }
}

crate::flags! {
    /// The first octet of an RFC 6521 §5.5 information structure: D and M, then 6 bits of
    /// PLen (M = 0) or Info (M = 1), [`RoInfoFlags::value`].
    pub struct RoInfoFlags: u8 {
        D = 0x80 => 'D' "Delta: the prefix is one octet relative to the last full prefix",
        M = 0x40 => 'M' "A Mobile Router HoA follows (else a Prefix and a Realm)",
    }
}

impl RoInfoFlags {
    /// PLen (M = 0) or Info (M = 1): the low 6 bits.
    pub const VALUE: u8 = 0x3f;
    pub const fn value(self) -> u8 {
        self.0 & Self::VALUE
    }
}

/// One RFC 6521 §5.5 information structure of a Route Optimization Data extension, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoInfo<'a> {
    pub head: RoInfoFlags,
    /// The Mobile Router HoA (M = 1: 4 octets), the prefix delta (D = 1: 1 octet) or the
    /// Prefix (PLen rounded up to octets, at most 4).
    pub addr: &'a [u8],
    /// The Realm (M = 0): §4.2.1 tags up to and including the 0x00 end mark, or to the end.
    pub realm: &'a [u8],
}

impl RoInfo<'_> {
    /// Octets of the structure.
    pub fn len(&self) -> usize {
        1 + self.addr.len() + self.realm.len()
    }
    pub fn is_empty(&self) -> bool {
        false
    }
    /// `addr` zero-extended to four octets.
    pub fn addr4(&self) -> [u8; 4] {
        let mut a = [0u8; 4];
        for (x, &y) in a.iter_mut().zip(self.addr) {
            *x = y;
        }
        a
    }
}

/// Where an information structure does not fit: its offset and the octets its first octet
/// says it needs before the Realm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoInfoCut {
    pub at: usize,
    pub need: usize,
}

/// The information structures of Route Optimization Data, in order, with their offsets: the one
/// walk the dissector annotates and [`HaaroExt::RoData`] reads. It ends after a structure
/// that does not fit.
#[derive(Debug, Clone)]
pub struct RoInfos<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> RoInfos<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        RoInfos { data, at: 0 }
    }
}

impl<'a> Iterator for RoInfos<'a> {
    type Item = Result<(usize, RoInfo<'a>), RoInfoCut>;

    fn next(&mut self) -> Option<Self::Item> {
        let at = self.at;
        let (&b, rest) = self.data.get(at..)?.split_first()?;
        let head = RoInfoFlags(b);
        let fixed = if head.has(RoInfoFlags::M) {
            4
        } else if head.has(RoInfoFlags::D) {
            1
        } else {
            usize::from(head.value().min(32)).div_ceil(8)
        };
        let Some((addr, rest)) = rest.split_at_checked(fixed) else {
            self.at = self.data.len();
            return Some(Err(RoInfoCut { at, need: 1 + fixed }));
        };
        let mut n = 0;
        if !head.has(RoInfoFlags::M) {
            while let Some(&tag) = rest.get(n) {
                n += 1;
                if tag == 0 {
                    break;
                } else if tag & 0x80 == 0 {
                    n += usize::from(tag);
                }
            }
            n = n.min(rest.len());
        }
        let info = RoInfo { head, addr, realm: &rest[..n] };
        self.at = at + info.len();
        Some(Ok((at, info)))
    }
}

/// RFC 6521 §5.1: Sub-Type, A/R/S/O + 4 reserved bits, and the MR HoA only when S is set.
fn rocap_rfc(t: &mut Tree<'_>, e: &Ext) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    let rd = t.rd();
    if rd.u8(e.data) != Some(RocapSubType::Capability.value()) || e.len() < RocapRfc::LEN {
        let known = RocapSubType::Capability.value();
        return sub_and_data(t, e, &ROCAP_SUBTYPE, known, "Mobile Router Route Optimization Capability");
    }
    let s = rd.u8(e.data + 1).is_some_and(|f| RocapRfcFlags(f).has(RocapRfcFlags::S));
    let want = if s { RocapRfc::LEN + 4 } else { RocapRfc::LEN };
    check_len(t, e, Rule::Exactly(want));
    if let Ok(v) = RocapRfc::dissect(t, e.data, e.end) {
        crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::Rocap);
        if v.flags.has(RocapRfcFlags::R) || v.flags.has(RocapRfcFlags::S) {
            crate::analysis::rfc5944::mark(t, e.start, crate::analysis::rfc5944::Mark::RoRequest);
        }
        reserved_bits(t, e.data + 1, 1, u16::from(v.flags.reserved()), "RO capability");
    }
    // The HoA as the owned form reads it: only inside the extension.
    let mut p = e.data + RocapRfc::LEN;
    if let (Some(Ip4(a)), _) = opt_hoa(t.bytes(p, e.end), s) {
        t.add(&ROCAP_HOA, p, 4, Value::Ipv4(a));
        p += 4;
    }
    rest_data(t, p, e);
}

/// Reports a non-zero Reserved field (`n` octets at `at`): the seed and RFC 6521 say "set to
/// zero" (and ignored on reception), as for the Proxy HoTI and the Binding Identifier.
fn reserved_bits(t: &mut Tree<'_>, at: usize, n: usize, v: u16, what: &str) {
    if v != 0 {
        t.expert(&RESERVED_NONZERO, at, n, Some(format_args!("{what} reserved 0x{v:0w$x}", w = 2 * n)));
    }
}

/// The Sub-Type (flagged unless it is the `known` one) and the rest as data.
fn sub_and_data(t: &mut Tree<'_>, e: &Ext, def: &'static FieldDef, known: u8, what: &str) {
    if !check_len(t, e, Rule::AtLeast(1)) {
        return;
    }
    let Some(st) = t.rd().u8(e.data) else { return };
    t.add_uint(def, e.data, 1, u64::from(st));
    if st != known {
        t.expert(&EXT_SUBTYPE_UNKNOWN, e.data, 1, Some(format_args!("{what} sub-type {st}")));
    }
    rest_data(t, e.data + 1, e);
}

fn rest_data(t: &mut Tree<'_>, from: usize, e: &Ext) {
    if e.end > from {
        t.add(&RO_DATA, from, e.end - from, Value::Bytes);
    }
}
