//! The seed drafts' Mobility Header additions, numbered by preference (profiles.md):
//! seed 000 (NEMO RO Request/Acknowledgement, BRR M/H flags), seed 002 (Binding Identifier in
//! the RFC 5648 and draft-03 layouts), seed 004 (Proxy HoTI/HoT, Handover Home Keygen Token,
//! early/complete proxy BU).
//!
//! ```text
//! Binding Identifier, RFC 5648 §4.3 (+ RFC 6089 BID-PRI)     draft-ietf-monami6-multiplecoa-03 §4.2.1
//! |  Type = 35  |   Length    |                            |  Type = TBD |   Length    |
//! |     BID (16)    | Status  |H| BID-PRI |                |     BID (16)    | Status  |C|O|H| Rsvd |
//! |  CoA: none (L=4), IPv4 (L=8), IPv6 (L=20) |            |  CoA: none (L=4), IPv6 (L=20)        |
//!
//! Proxy Home Test Init (seed 004 §8.2)      Proxy Home Test (seed 004 §8.1)
//! | Reserved (16) |                         | Home Nonce Index (16) |
//! | Home Init Cookie (64) |                 | Home Init Cookie (64) | Home Keygen Token (64) |
//! | Care-of Address (128) | options         | Care-of Address (128) | options
//! ```
//!
//! Draft-only values share Wireshark's abbreviations where Wireshark has the field: the
//! draft-03 BID layout reuses `mip6.bi.status` and `mip6.bi.h_flag` (fields-new.md) with
//! another value table and bit, so those two variants are *profile variants* of the
//! registered rows: same abbreviation and FT type, listed in [`PROFILE_VARIANTS`] rather than
//! [`FIELDS`] (the registry keeps one row per abbreviation, as a display filter sees one name).

use super::expert as mhx;
use super::msg::{self, Cot, Coti};
use super::opt::{Len, OptCtx, OptDef, OptSummary, OPT_DATA};
use super::{MsgCtx, MsgDef};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::prefs::{BidLayout, Prefs, Profile};
use crate::tree::Tree;
use crate::wire::{Ip4, Ip6};

// ------------------------------------------------------------------ seed 002: Binding Identifier

/// The draft's BID status names (seed 002 §4.2.1).
pub static BI_STATUS_DRAFT_VALS: &[(u64, &str)] =
    &[(0, "MCOA ACCEPTING BID"), (128, "MCOA REASON UNSPECIFIED"), (129, "MCOA INCOMPLIANT"), (130, "MCOA BID CONFLICT")];

pub static P_BI: FieldDef = FieldDef::new("mip6.options.bi", "MIPv6 Option - Binding Identifier", Kind::Protocol);
pub static BI_BID: FieldDef = FieldDef::new("mip6.bi.bid", "Binding ID (BID)", Kind::Uint(2));
pub static BI_STATUS: FieldDef = FieldDef::new("mip6.bi.status", "Status", Kind::Uint(1))
    .vals(msg::BA_STATUS_VALS)
    .blurb("BA status code for this binding (RFC 5648 §4.3); the draft-03 layout names its own four codes");
pub static BI_H: FieldDef = FieldDef::new("mip6.bi.h_flag", "Simultaneous Home and Foreign Binding (H)", Kind::Bool(1))
    .mask(0x80)
    .tfs("Simultaneous home and foreign binding", "No simultaneous home and foreign binding")
    .blurb("RFC 5648 0x80; draft-03 Home Binding (H) 0x20");
pub static BI_BID_PRI: FieldDef = FieldDef::new("mip6.bi.bid_pri", "BID Priority (BID-PRI)", Kind::Uint(1))
    .mask(0x7f)
    .blurb("RFC 6089 use of the 7 bits RFC 5648 reserved: 0 reserved, lower value = higher priority");
pub static BI_C: FieldDef = FieldDef::new("mip6.bi.c_flag", "Care-of Address (C) flag", Kind::Bool(1))
    .mask(0x80)
    .tfs("Care-of address present (bulk registration)", "No care-of address")
    .blurb("draft-ietf-monami6-multiplecoa-03 §4.2.1");
pub static BI_O: FieldDef = FieldDef::new("mip6.bi.o_flag", "Overwrite (O) flag", Kind::Bool(1))
    .mask(0x40)
    .tfs("Replace all bindings", "Do not replace all bindings")
    .blurb("draft-ietf-monami6-multiplecoa-03 §4.2.1");
pub static BI_RESERVED: FieldDef = FieldDef::new("mip6.bi.reserved", "Reserved", Kind::Uint(1))
    .hex()
    .mask(0x1f)
    .blurb("draft-ietf-monami6-multiplecoa-03: 5 reserved bits");
pub static BI_COA4: FieldDef = FieldDef::new("mip6.bi.coa_ipv4", "IPv4 care-of address (CoA)", Kind::Ipv4);
pub static BI_COA6: FieldDef = FieldDef::new("mip6.bi.coa_ipv6", "IPv6 care-of address (CoA)", Kind::Ipv6);

/// Profile variant of `mip6.bi.status` for the draft-03 layout (its own status names).
pub static BI_STATUS_DRAFT: FieldDef = FieldDef::new("mip6.bi.status", "Status", Kind::Uint(1)).vals(BI_STATUS_DRAFT_VALS);
/// Profile variant of `mip6.bi.h_flag` for the draft-03 layout (Home Binding, bit 0x20).
pub static BI_H_DRAFT: FieldDef = FieldDef::new("mip6.bi.h_flag", "Home Binding (H) flag", Kind::Bool(1))
    .mask(0x20)
    .tfs("Mobile node attached to the home link", "Not attached to the home link");

pub static BA_STATUS_DRAFT: FieldDef = FieldDef::new("mip6.ba.status.draft", "Draft status name", Kind::String)
    .blurb("The BA status as draft-ietf-monami6-multiplecoa-03 §4.2.2 names it (code points from mcoa.ba_status.*)");

layout! {
    /// Binding Identifier fixed part, RFC 5648 §4.3 with RFC 6089's BID-PRI.
    pub struct BidRfc {
        pub bid: u16 => [&BI_BID],
        pub status: u8 => [&BI_STATUS],
        pub flags: u8 => [&BI_H, &BI_BID_PRI],
    }
}
layout! {
    /// Binding Unique Identifier sub-option fixed part, draft-ietf-monami6-multiplecoa-03 §4.2.1.
    pub struct BidDraft {
        pub bid: u16 => [&BI_BID],
        pub status: u8 => [&BI_STATUS_DRAFT],
        pub flags: u8 => [&BI_C, &BI_O, &BI_H_DRAFT, &BI_RESERVED],
    }
}
layout! {
    /// Binding Identifier IPv4 care-of address (RFC 5648, Length 8).
    pub struct BidCoa4 { pub coa: Ip4 => [&BI_COA4] }
}
layout! {
    /// Binding Identifier IPv6 care-of address (Length 20).
    pub struct BidCoa6 { pub coa: Ip6 => [&BI_COA6] }
}

/// Binding Identifier lengths (octets after the Length octet) each layout allows.
pub fn bid_lengths(layout: BidLayout) -> &'static [usize] {
    match layout {
        BidLayout::Rfc5648 => &[4, 8, 20],
        BidLayout::Draft03 => &[4, 20],
    }
}

fn bi(t: &mut Tree<'_>, c: &OptCtx<'_>, _s: &mut OptSummary) {
    let len = c.end - c.off;
    let layout = t.prefs.mcoa_layout;
    let allowed = bid_lengths(layout);
    if !allowed.contains(&len) {
        let which = match layout {
            BidLayout::Rfc5648 => "4, 8 or 20 (RFC 5648 §4.3)",
            BidLayout::Draft03 => "4 or 20 (draft-ietf-monami6-multiplecoa-03 §4.2.1)",
        };
        t.expert(&mhx::OPT_LEN_INVALID, c.at + 1, 1, Some(format_args!("Binding Identifier length {len}, should be {which}")));
        t.add(&OPT_DATA, c.off, len, Value::Bytes);
        return;
    }
    // RFC 5648 §4.3: "alignment requirement of 2n if the Care-of Address field is not present.
    // Otherwise, it has the alignment requirement of 8n + 2." (The draft states none.)
    if layout == BidLayout::Rfc5648 {
        let at = c.at - c.msg.mh;
        let (x, y, rule) = if len == 4 { (2, 0, "2n") } else { (8, 2, "8n+2") };
        if at % x != y {
            t.expert(
                &mhx::OPT_ALIGNMENT,
                c.at,
                1,
                Some(format_args!("Binding Identifier at offset {at} of the header, must be {rule}")),
            );
        }
    }
    // BA status, for the draft's BID CONFLICT rule (profiles.md, seed 002 §6.3).
    let ba_status = if c.msg.mh_type == 6 { t.bytes(c.msg.body, c.msg.body + 1).first().copied() } else { None };
    let bid = match layout {
        BidLayout::Rfc5648 => {
            let Ok(v) = BidRfc::dissect(t, c.off, c.end) else { return };
            let name = msg::BA_STATUS.value_name(u64::from(v.status));
            t.append(c.node, format_args!(": BID {}", v.bid));
            if c.msg.mh_type == 6 || c.msg.mh_type == 4 {
                t.append(c.node, format_args!(", status {} ({})", v.status, name.unwrap_or("unknown")));
            }
            match len {
                8 => {
                    if let Ok(a) = BidCoa4::dissect(t, c.off + 4, c.end) {
                        t.append(c.node, format_args!(", CoA {}", a.coa));
                    }
                }
                20 => {
                    if let Ok(a) = BidCoa6::dissect(t, c.off + 4, c.end) {
                        t.append(c.node, format_args!(", CoA {}", a.coa));
                    }
                }
                _ => {}
            }
            v.bid
        }
        BidLayout::Draft03 => {
            let Ok(v) = BidDraft::dissect(t, c.off, c.end) else { return };
            let name = BI_STATUS_DRAFT.value_name(u64::from(v.status));
            t.append(c.node, format_args!(": BID {}", v.bid));
            if c.msg.mh_type == 6 || c.msg.mh_type == 4 {
                t.append(c.node, format_args!(", status {} ({})", v.status, name.unwrap_or("unknown")));
                if v.status == 130 && ba_status == Some(0) {
                    t.append(c.node, format_args!(" - accepted, replaced a regular binding"));
                }
            }
            if len == 20 {
                if let Ok(a) = BidCoa6::dissect(t, c.off + 4, c.end) {
                    t.append(c.node, format_args!(", CoA {}", a.coa));
                }
            }
            if v.flags & 0x1f != 0 {
                t.expert(&mhx::RESERVED_NONZERO, c.off + 3, 1, Some(format_args!("BID reserved bits 0x{:02x}", v.flags & 0x1f)));
            }
            let cflag = v.flags & 0x80 != 0;
            if cflag != (len == 20) {
                t.expert(
                    &CHECK_BID_C_LENGTH,
                    c.at + 1,
                    1,
                    Some(format_args!(
                        "C flag {} but Length {len} (§4.2.1: 4 without C, 20 with C; §5.5 lets a de-registration omit the CoA)",
                        if cflag { "set" } else { "clear" }
                    )),
                );
            }
            v.bid
        }
    };
    // Bulk registrations carry several BIDs: one Info entry lists them all.
    if t.d.cols.info.contains(" BIDs=") {
        t.append_info(format_args!(",{bid}"));
    } else {
        t.append_info(format_args!(" BIDs={bid}"));
    }
}

/// Names the draft's BA statuses (seed 002 §4.2.2) under the draft profile.
fn ba_draft_status(t: &mut Tree<'_>, c: &MsgCtx) {
    if t.prefs.profile != Profile::Draft && t.prefs.mcoa_layout != BidLayout::Draft03 {
        return;
    }
    let Some(&st) = t.bytes(c.body, c.body + 1).first() else { return };
    let p = t.prefs;
    let name = if st == p.mcoa_status_prohibited {
        "MCOA PROHIBITED"
    } else if st == p.mcoa_status_bulk_not_supported {
        "MCOA BULK REGISTRATION NOT SUPPORTED"
    } else if st == p.mcoa_status_flag_conflicts {
        "MCOA FLAG CONFLICTS"
    } else {
        return;
    };
    t.add_text(&BA_STATUS_DRAFT, c.body, 1, format_args!("{name}"));
    t.append_info(format_args!(" [{name}]"));
}

// ------------------------------------------------------------------ seed 000: NEMO RO, BRR M/H

pub static NEMO_RO_REQUEST: FieldDef = FieldDef::new("mip6.nemo.ro_request", "Route Optimization Request", Kind::String).blurb(
    "A BU with a Home Address option sent by a visiting node to its mobile router (draft-huang-nemo-mn-ro-00 §4.1.1, §5.3)",
);
pub static NEMO_RO_ACK: FieldDef = FieldDef::new("mip6.nemo.ro_ack", "Route Optimization Acknowledgement", Kind::String)
    .blurb("A BA from a mobile router carrying an Alternate CoA option: the VCoA (draft-huang-nemo-mn-ro-00 §4.1.2)");
pub static NEMO_VCOA: FieldDef = FieldDef::new("mip6.nemo.vcoa", "Virtual Care-of Address (VCoA)", Kind::Ipv6)
    .blurb("The VCoA a mobile router hands out in an RO Acknowledgement or a BRR with H set");
pub static NEMO_COTI_HOA: FieldDef =
    FieldDef::new("mip6.nemo.coti_hoa", "Home Address option in CoTI (VMN home address)", Kind::Ipv6)
        .blurb("draft-huang-nemo-mn-ro-00 §4.2/§5.6: a CoTI carries the VMN's HAO so the mobile router can forward the CoT");
pub static NEMO_COT_HOA: FieldDef =
    FieldDef::new("mip6.nemo.cot_hoa", "Type 2 routing header in CoT (VMN home address)", Kind::Ipv6)
        .blurb("draft-huang-nemo-mn-ro-00 §4.2/§6: a CoT carries a type 2 routing header with the VMN's home address");

pub static CHECK_BRR_H_WITHOUT_M: ExpertDef = ExpertDef::new(
    "check.nemo_ro.brr_h_without_m",
    Group::Protocol,
    Severity::Warn,
    "BRR H flag set without M (draft-huang-nemo-mn-ro-00 §4.1.3: when H is set, M MUST be set)",
);
pub static CHECK_BRR_H_WITHOUT_ACOA: ExpertDef = ExpertDef::new(
    "check.nemo_ro.brr_h_without_acoa",
    Group::Protocol,
    Severity::Warn,
    "BRR H flag set without an Alternate Care-of Address option carrying the new VCoA (draft-huang-nemo-mn-ro-00 §4.1.3)",
);
pub static CHECK_RO_ACK_NO_ACOA: ExpertDef = ExpertDef::new(
    "check.nemo_ro.ack_without_acoa",
    Group::Protocol,
    Severity::Warn,
    "BA from a mobile router accepting a BU with HAO lacks the Alternate Care-of Address option (draft-huang-nemo-mn-ro-00 §4.1.2)",
);
pub static CHECK_BID_C_LENGTH: ExpertDef = ExpertDef::new(
    "check.mcoa.bid_c_flag_length",
    Group::Protocol,
    Severity::Note,
    "Binding Unique Identifier C flag and Length disagree",
);
pub static CHECK_HHKT_NOT_IN_BA: ExpertDef = ExpertDef::new(
    "check.pmipro.hhkt_not_in_ba",
    Group::Protocol,
    Severity::Note,
    "Handover Home Keygen Token option outside a (proxy) Binding Acknowledgement (draft-qin-mipshop-pmipro-00 §8.3)",
);

/// BRR decoration (called from the BRR's fixed-part decoder): hides the Wireshark-compatible
/// bytes field and puts the M/H flags in the Info column.
pub fn brr_info(t: &mut Tree<'_>, _c: &MsgCtx, v: &msg::Brr) {
    if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &msg::BRR_RESERVED)) {
        t.hide(i);
    }
    if v.reserved & 0x8000 != 0 {
        t.append_info(format_args!(" M"));
    }
    if v.reserved & 0x4000 != 0 {
        t.append_info(format_args!(" H"));
    }
}

/// After a BRR's options: the H flag's rules and the new VCoA (seed 000 §4.1.3, §5.8).
pub fn after_brr(t: &mut Tree<'_>, c: &MsgCtx, s: &OptSummary) {
    let Some(flags) = t.bytes(c.body, c.body + 2).get(..2).map(|b| u16::from_be_bytes([b[0], b[1]])) else { return };
    if flags & 0x4000 == 0 {
        return;
    }
    if flags & 0x8000 == 0 {
        t.expert(&CHECK_BRR_H_WITHOUT_M, c.body, 2, None);
    }
    match s.alt_coa {
        Some(a) => {
            t.add_generated(&NEMO_VCOA, c.body, 2, Value::Ipv6(a));
            t.append_info(format_args!(" new VCoA={}", std::net::Ipv6Addr::from(a)));
        }
        None => t.expert(&CHECK_BRR_H_WITHOUT_ACOA, c.body, 2, None),
    }
}

fn ip6(a: &[u8; 16]) -> std::net::Ipv6Addr {
    std::net::Ipv6Addr::from(*a)
}

/// CoTI: seed 000 §4.2 adds the VMN's Home Address option.
fn coti_body(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let r = (super::BASE_MSGS[2].body)(t, c);
    if let Some(h) = t.pkt.hao {
        t.add_generated(&NEMO_COTI_HOA, c.body, 0, Value::Ipv6(h));
    }
    r
}

/// CoT: seed 000 §4.2 / §6 adds a type 2 routing header with the VMN's home address.
fn cot_body(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let r = (super::BASE_MSGS[4].body)(t, c);
    if let Some(h) = t.pkt.rh2 {
        t.add_generated(&NEMO_COT_HOA, c.body, 0, Value::Ipv6(h));
    }
    r
}

/// RFC 6275's CoTI and CoT, delegated to the base decoders, plus seed 000's annotations.
static COTI_NEMO: MsgDef = MsgDef { name: "Care-of Test Init", min_len: Coti::LEN, body: coti_body, after_options: None };
static COT_NEMO: MsgDef = MsgDef { name: "Care-of Test", min_len: Cot::LEN, body: cot_body, after_options: None };

// ------------------------------------------------------------------ seed 004: PMIPv6 RO

pub static PHOTI_RESERVED: FieldDef = FieldDef::new("mip6.photi.reserved", "Reserved", Kind::Uint(2)).hex();
pub static PHOTI_COOKIE: FieldDef = FieldDef::new("mip6.photi.cookie", "Home Init Cookie", Kind::Uint(8)).hex();
pub static PHOTI_COA: FieldDef = FieldDef::new("mip6.photi.coa", "Care-of Address", Kind::Ipv6)
    .blurb("The care-of address the proxy mobile agent assigned to the mobile node (draft-qin-mipshop-pmipro-00 §8.2)");
pub static PHOT_NINDEX: FieldDef = FieldDef::new("mip6.phot.nindex", "Home Nonce Index", Kind::Uint(2));
pub static PHOT_COOKIE: FieldDef = FieldDef::new("mip6.phot.cookie", "Home Init Cookie", Kind::Uint(8)).hex();
pub static PHOT_TOKEN: FieldDef = FieldDef::new("mip6.phot.token", "Home Keygen Token", Kind::Uint(8))
    .hex()
    .blurb("The 64-bit temporary home keygen token (draft-qin-mipshop-pmipro-00 §8.1)");
pub static PHOT_COA: FieldDef = FieldDef::new("mip6.phot.coa", "Care-of Address", Kind::Ipv6)
    .blurb("The care-of address the proxy mobile agent assigned to the CN (draft-qin-mipshop-pmipro-00 §8.1)");
pub static P_HHKT: FieldDef = FieldDef::new("mip6.options.hhkt", "MIPv6 Option - Handover Home Keygen Token", Kind::Protocol);
pub static HHKT_TOKEN: FieldDef = FieldDef::new("mip6.hhkt.token", "Handover Home Keygen Token", Kind::Bytes)
    .blurb("Encrypted with the proxy mobile agent's public key; 8 octets before encryption (draft-qin-mipshop-pmipro-00 §8.3)");
pub static PBU_KIND: FieldDef = FieldDef::new("mip6.pbu.kind", "Proxy Binding Update kind", Kind::String).blurb(
    "early (carries Care-of Test Init, §3.3) or complete (CGA Parameters and Signature, §3.5), draft-qin-mipshop-pmipro-00",
);

layout! {
    /// Proxy Home Test Init (draft-qin-mipshop-pmipro-00 §8.2).
    pub struct Photi {
        pub reserved: u16 => [&PHOTI_RESERVED],
        pub cookie: u64 => [&PHOTI_COOKIE],
        pub coa: Ip6 => [&PHOTI_COA],
    }
}
layout! {
    /// Proxy Home Test (draft-qin-mipshop-pmipro-00 §8.1).
    pub struct Phot {
        pub nonce_index: u16 => [&PHOT_NINDEX],
        pub cookie: u64 => [&PHOT_COOKIE],
        pub token: u64 => [&PHOT_TOKEN],
        pub coa: Ip6 => [&PHOT_COA],
    }
}

static PHOTI: MsgDef = MsgDef {
    name: "Proxy Home Test Init",
    min_len: Photi::LEN,
    body: |t, c| {
        let v = Photi::dissect(t, c.body, c.end)?;
        t.append_info(format_args!(" cookie=0x{:016x} coa={}", v.cookie, v.coa));
        if v.reserved != 0 {
            t.expert(&mhx::RESERVED_NONZERO, c.body, 2, Some(format_args!("PHoTI reserved 0x{:04x}", v.reserved)));
        }
        Ok(c.body + Photi::LEN)
    },
    after_options: None,
};

static PHOT: MsgDef = MsgDef {
    name: "Proxy Home Test",
    min_len: Phot::LEN,
    body: |t, c| {
        let v = Phot::dissect(t, c.body, c.end)?;
        t.append_info(format_args!(" index={} cookie=0x{:016x} coa={}", v.nonce_index, v.cookie, v.coa));
        Ok(c.body + Phot::LEN)
    },
    after_options: None,
};

fn hhkt(t: &mut Tree<'_>, c: &OptCtx<'_>, _s: &mut OptSummary) {
    let len = c.end - c.off;
    t.add(&HHKT_TOKEN, c.off, len, Value::Bytes);
    t.append(c.node, format_args!(" ({len} bytes)"));
    if c.msg.mh_type != 6 {
        t.expert(&CHECK_HHKT_NOT_IN_BA, c.at, 1, None);
    }
}

/// The Binding Identifier at `mcoa.bid_option_type`. Alignment: RFC 5648's rule is not
/// verified here (reference.md §4.1), so none is enforced.
static BI_DEF: OptDef =
    OptDef { code: 35, name: "Binding Identifier", presence: &P_BI, len: Len::Min(4), align: (1, 0), body: bi, span: None };
/// The Handover Home Keygen Token at `pmipro.opt_handover_hkt`: 8 octets before encryption,
/// so at least 8 after; no alignment rule (profiles.md: crafted at 8n+2, any accepted).
static HHKT_DEF: OptDef = OptDef {
    code: 200,
    name: "Handover Home Keygen Token",
    presence: &P_HHKT,
    len: Len::Min(8),
    align: (1, 0),
    body: hhkt,
    span: None,
};

// ------------------------------------------------------------------ hooks

/// Profile-numbered MH types (checked before IANA's, so a preference may shadow any type),
/// and RFC 6275's CoTI/CoT with seed 000's annotations.
pub fn lookup_msg(mh_type: u8, prefs: &Prefs) -> Option<&'static MsgDef> {
    if let Some(d) = profile_msg(mh_type, prefs) {
        Some(d)
    } else if mh_type == 2 {
        Some(&COTI_NEMO)
    } else if mh_type == 4 {
        Some(&COT_NEMO)
    } else {
        None
    }
}

/// The message a preference numbers at `mh_type` (seed 004's Proxy HoTI/HoT), if any: its
/// name is the type's name, whatever IANA's table says for that number.
pub fn profile_msg(mh_type: u8, prefs: &Prefs) -> Option<&'static MsgDef> {
    if mh_type == prefs.pmipro_mh_photi {
        Some(&PHOTI)
    } else if mh_type == prefs.pmipro_mh_phot {
        Some(&PHOT)
    } else {
        None
    }
}

/// The name option type `kind` has under the preferences when IANA's table does not give it
/// (a profile-numbered option: the Handover Home Keygen Token, or the Binding Identifier moved
/// off 35).
pub fn opt_type_name(kind: u8, prefs: &Prefs) -> Option<&'static str> {
    let def = lookup_opt(kind, prefs)?;
    (super::opt::OPT_TYPE.value_name(u64::from(kind)) != Some(def.name)).then_some(def.name)
}

/// Profile-numbered mobility options.
pub fn lookup_opt(kind: u8, prefs: &Prefs) -> Option<&'static OptDef> {
    if kind == prefs.mcoa_bid_option_type {
        Some(&BI_DEF)
    } else if kind == prefs.pmipro_opt_handover_hkt {
        Some(&HHKT_DEF)
    } else {
        None
    }
}

/// After a Binding Update's options: recognise draft roles (RO Request, proxy BU kinds) and
/// learn mobile routers from NEMO BUs.
pub fn after_bu(t: &mut Tree<'_>, c: &MsgCtx, s: &OptSummary) {
    let Some(flags) = t.bytes(c.body + 2, c.body + 4).get(..2).map(|b| u16::from_be_bytes([b[0], b[1]])) else {
        return;
    };
    // Seed 004 §7 / profiles.md: a proxy BU has P set and no Home Address option.
    if flags & 0x0200 != 0 && t.pkt.hao.is_none() {
        let kind = if s.kinds.contains(&15) {
            Some("early")
        } else if s.kinds.contains(&12) && s.kinds.contains(&13) {
            Some("complete")
        } else {
            None
        };
        if let Some(k) = kind {
            t.add_text(&PBU_KIND, c.body, 2, format_args!("{k}"));
            t.append_info(format_args!(" ({k} proxy BU)"));
        }
    }
    // Seed 000 §4.1.1 / §5.3: a BU with HAO sent by a visiting node (from its care-of
    // address, the IPv6 source) to its mobile router asks it for a VCoA.
    if let (Some(hoa), Some((src, dst))) = (t.pkt.hao, t.pkt.ip6) {
        if t.state.is_mobile_router_for(t.prefs, &dst, &src) {
            t.add_text(
                &NEMO_RO_REQUEST,
                c.body,
                0,
                format_args!("VMN {} asks mobile router {} for a VCoA", ip6(&hoa), ip6(&dst)),
            );
            t.d.cols.info.insert_str(0, "RO Request: ");
        }
    }
    // RFC 3963 BU (R flag): learn the mobile router's home address and its prefixes.
    if flags & 0x0400 != 0 {
        let home = t.pkt.hao.or(t.pkt.ip6.map(|(src, _)| src));
        if let Some(h) = home {
            if !t.state.mr_addresses.contains(&h) {
                t.state.mr_addresses.push(h);
            }
            for p in &s.prefixes {
                if !t.state.mr_prefixes.contains(p) {
                    t.state.mr_prefixes.push(*p);
                }
            }
        }
    }
}

/// After a Binding Acknowledgement's options: recognise an RO Acknowledgement and name the
/// draft's MCoA statuses.
pub fn after_ba(t: &mut Tree<'_>, c: &MsgCtx, s: &OptSummary) {
    ba_draft_status(t, c);
    // The BA goes from the mobile router to the visiting node's care-of address (the IPv6
    // destination; its home address is in the type 2 routing header).
    let Some((src, dst)) = t.pkt.ip6 else { return };
    if !t.state.is_mobile_router_for(t.prefs, &src, &dst) {
        return;
    }
    // Seed 000 §5.3 defines the RO Acknowledgement for an accepted request only: a refusal
    // (status 128 or more, RFC 6275 §6.1.8) is a plain BA, which needs no Alternate CoA.
    if !matches!(t.bytes(c.body, c.body + 1).first(), Some(&st) if st < 128) {
        return;
    }

    match s.alt_coa {
        Some(v) => {
            t.add_text(&NEMO_RO_ACK, c.body, 0, format_args!("mobile router {} grants VCoA {}", ip6(&src), ip6(&v)));
            t.add_generated(&NEMO_VCOA, c.body, 0, Value::Ipv6(v));
            t.d.cols.info.insert_str(0, "RO Acknowledgement: ");
            t.append_info(format_args!(" VCoA={}", ip6(&v)));
        }
        // A BA from a mobile router to a VMN's home address (type 2 routing header) answers an
        // RO Request; without the Alternate CoA it breaks §4.1.2.
        None if t.pkt.rh2.is_some() => t.expert(&CHECK_RO_ACK_NO_ACOA, c.body, 1, None),
        None => {}
    }
}

pub static FIELDS: &[&FieldDef] = &[
    &P_BI,
    &BI_BID,
    &BI_STATUS,
    &BI_STATUS_DRAFT,
    &BI_H,
    &BI_H_DRAFT,
    &BI_BID_PRI,
    &BI_C,
    &BI_O,
    &BI_RESERVED,
    &BI_COA4,
    &BI_COA6,
    &BA_STATUS_DRAFT,
    &NEMO_RO_REQUEST,
    &NEMO_RO_ACK,
    &NEMO_VCOA,
    &NEMO_COTI_HOA,
    &NEMO_COT_HOA,
    &PHOTI_RESERVED,
    &PHOTI_COOKIE,
    &PHOTI_COA,
    &PHOT_NINDEX,
    &PHOT_COOKIE,
    &PHOT_TOKEN,
    &PHOT_COA,
    &P_HHKT,
    &HHKT_TOKEN,
    &PBU_KIND,
];

/// Same abbreviation and type as a row of [`FIELDS`], another value table or bit (draft-03
/// Binding Identifier layout).
pub static PROFILE_VARIANTS: &[&FieldDef] = &[&BI_STATUS_DRAFT, &BI_H_DRAFT];

pub static EXPERTS: &[&ExpertDef] =
    &[&CHECK_BRR_H_WITHOUT_M, &CHECK_BRR_H_WITHOUT_ACOA, &CHECK_RO_ACK_NO_ACOA, &CHECK_BID_C_LENGTH, &CHECK_HHKT_NOT_IN_BA];
