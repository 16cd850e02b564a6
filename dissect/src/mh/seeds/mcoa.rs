//! Seed 002, draft-ietf-monami6-multiplecoa-03 (became RFC 5648): the Binding Identifier
//! mobility option at `mcoa.bid_option_type`, in RFC 5648's layout (with RFC 6089's BID-PRI) or
//! the draft-03 layout (`mcoa.layout`), and the draft's BA status names (added by
//! [`crate::analysis::mcoa`], with the C flag's rule).
//!
//! ```text
//! Binding Identifier, RFC 5648 §4.3 (+ RFC 6089 BID-PRI)     draft-ietf-monami6-multiplecoa-03 §4.2.1
//! |  Type = 35  |   Length    |                            |  Type = TBD |   Length    |
//! |     BID (16)    | Status  |H| BID-PRI |                |     BID (16)    | Status  |C|O|H| Rsvd |
//! |  CoA: none (L=4), IPv4 (L=8), IPv6 (L=20) |            |  CoA: none (L=4), IPv6 (L=20)        |
//! ```
//!
//! The draft-03 layout reuses `mip6.bi.status` and `mip6.bi.h_flag` (fields-new.md) with
//! another value table and bit: [`BI_STATUS_DRAFT`] and [`BI_H_DRAFT`] are *profile variants*
//! of those fields (same abbreviation and FT type), second rows in [`MCOA_FIELDS`], each after its
//! field's own row (the registry makes one field of the rows named so).

use crate::analysis::BidFact;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert as mhx;
use crate::mh::msg::binding::BaStatus;
use crate::mh::msg::binding::{BA_STATUS, BA_STATUS_VALS};
use crate::mh::opt::{wire_code, wire_flags, Len, OptCtx, OptDef, OptSummary, OPT_DATA};
use crate::mh::MhType;
use crate::prefs::BidLayout;
use crate::tree::Tree;
use crate::wire::{Ip4, Ip6};

crate::code_points! {
    /// The draft's BID status names (seed 002 §4.2.1).
    pub enum BidDraftStatus: u8 {
        AcceptingBid = 0 => "MCOA ACCEPTING BID",
        ReasonUnspecified = 128 => "MCOA REASON UNSPECIFIED",
        Incompliant = 129 => "MCOA INCOMPLIANT",
        BidConflict = 130 => "MCOA BID CONFLICT",
    }
}
/// The draft's BID status names (seed 002 §4.2.1): [`BidDraftStatus`]' table.
pub static BI_STATUS_DRAFT_VALS: &[(u64, &str)] = BidDraftStatus::VALS;

crate::code_points! {
    /// The draft's new Binding Acknowledgement statuses (seed 002 §4.2.2, numbers TBD there):
    /// each is the default of its `mcoa.ba_status.*` preference, the number profiles.md gives.
    /// PROHIBITED and BULK REGISTRATION NOT SUPPORTED took the numbers RFC 5648 gave their
    /// successors (166 MCOA PROHIBITED, 168 MCOA BULK REGISTRATION PROHIBITED); RFC 5648 has no
    /// FLAG CONFLICTS, and its 164 is MCOA MALFORMED ([`BaStatus`] names those under `rfc`).
    pub enum BaDraftStatus: u8 {
        FlagConflicts = 164 => "MCOA FLAG CONFLICTS",
        Prohibited = 166 => "MCOA PROHIBITED",
        BulkNotSupported = 168 => "MCOA BULK REGISTRATION NOT SUPPORTED",
    }
}

crate::flags! {
    /// RFC 5648 §4.3 flags octet: H, then RFC 6089's 7-bit BID-PRI ([`BidRfcFlags::bid_pri`]).
    pub struct BidRfcFlags: u8 { H = 0x80 => 'H' "Simultaneous home and foreign binding" }
}
impl BidRfcFlags {
    /// RFC 6089's BID-PRI: the bits RFC 5648 reserved.
    pub const BID_PRI: u8 = Self::RESERVED;
    pub const fn bid_pri(self) -> u8 {
        self.0 & Self::BID_PRI
    }
}
crate::flags! {
    /// draft-ietf-monami6-multiplecoa-03 §4.2.1 flags octet: C, O, H, then 5 reserved bits.
    pub struct BidDraftFlags: u8 { C = 0x80 => 'C' "Care-of address present", O = 0x40 => 'O' "Overwrite", H = 0x20 => 'H' "Home Binding" }
}
wire_code!(BidDraftStatus: u8);
wire_flags!(BidRfcFlags: u8, BidDraftFlags: u8);

/// Presence field: the row ([`BI_DEF`]) names it, and the registry takes it from the row.
pub static P_BI: FieldDef = FieldDef::new("mip6.options.bi", "MIPv6 Option - Binding Identifier", Kind::Protocol);
crate::mh::fields! {
    list MCOA_FIELDS;
    pub static BI_BID: FieldDef = FieldDef::new("mip6.bi.bid", "Binding ID (BID)", Kind::Uint(2));
    pub static BI_STATUS: FieldDef = FieldDef::new("mip6.bi.status", "Status", Kind::Uint(1))
        .vals(BA_STATUS_VALS)
        .blurb("BA status code for this binding (RFC 5648 §4.3); the draft-03 layout names its own four codes");
    /// Profile variant of `mip6.bi.status` for the draft-03 layout (its own status names).
    pub static BI_STATUS_DRAFT: FieldDef = FieldDef::new("mip6.bi.status", "Status", Kind::Uint(1)).vals(BI_STATUS_DRAFT_VALS);
    pub static BI_H: FieldDef = FieldDef::new("mip6.bi.h_flag", "Simultaneous Home and Foreign Binding (H)", Kind::Bool(1))
        .mask(BidRfcFlags::H as u64)
        .blurb("RFC 5648 0x80; draft-03 Home Binding (H) 0x20");
    /// Profile variant of `mip6.bi.h_flag` for the draft-03 layout (Home Binding, bit 0x20).
    pub static BI_H_DRAFT: FieldDef = FieldDef::new("mip6.bi.h_flag", "Home Binding (H) flag", Kind::Bool(1))
        .mask(BidDraftFlags::H as u64)
        .tfs("Mobile node attached to the home link", "Not attached to the home link");
    pub static BI_BID_PRI: FieldDef = FieldDef::new("mip6.bi.bid_pri", "BID Priority (BID-PRI)", Kind::Uint(1))
        .mask(BidRfcFlags::BID_PRI as u64)
        .blurb("RFC 6089 use of the 7 bits RFC 5648 reserved: 0 reserved, lower value = higher priority");
    pub static BI_C: FieldDef = FieldDef::new("mip6.bi.c_flag", "Care-of Address (C) flag", Kind::Bool(1))
        .mask(BidDraftFlags::C as u64)
        .tfs("Care-of address present (bulk registration)", "No care-of address")
        .blurb("draft-ietf-monami6-multiplecoa-03 §4.2.1");
    pub static BI_O: FieldDef = FieldDef::new("mip6.bi.o_flag", "Overwrite (O) flag", Kind::Bool(1))
        .mask(BidDraftFlags::O as u64)
        .tfs("Replace all bindings", "Do not replace all bindings")
        .blurb("draft-ietf-monami6-multiplecoa-03 §4.2.1");
    pub static BI_RESERVED: FieldDef = FieldDef::new("mip6.bi.reserved", "Reserved", Kind::Uint(1))
        .hex()
        .mask(BidDraftFlags::RESERVED as u64)
        .blurb("draft-ietf-monami6-multiplecoa-03: 5 reserved bits");
    pub static BI_COA4: FieldDef = FieldDef::new("mip6.bi.coa_ipv4", "IPv4 care-of address (CoA)", Kind::Ipv4);
    pub static BI_COA6: FieldDef = FieldDef::new("mip6.bi.coa_ipv6", "IPv6 care-of address (CoA)", Kind::Ipv6);
    pub static BA_STATUS_DRAFT: FieldDef = FieldDef::new("mip6.ba.status.draft", "Draft status name", Kind::String)
        .blurb("The BA status as draft-ietf-monami6-multiplecoa-03 §4.2.2 names it (code points from mcoa.ba_status.*)");
}

layout! {
    /// Binding Identifier fixed part, RFC 5648 §4.3 with RFC 6089's BID-PRI.
    pub struct BidRfc {
        pub bid: u16 => [&BI_BID],
        pub status: BaStatus => [&BI_STATUS],
        pub flags: BidRfcFlags => [&BI_H, &BI_BID_PRI],
    }
}
layout! {
    /// Binding Unique Identifier sub-option fixed part, draft-ietf-monami6-multiplecoa-03 §4.2.1.
    pub struct BidDraft {
        pub bid: u16 => [&BI_BID],
        pub status: BidDraftStatus => [&BI_STATUS_DRAFT],
        pub flags: BidDraftFlags => [&BI_C, &BI_O, &BI_H_DRAFT, &BI_RESERVED],
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
    let ba_status = if MhType::from(c.msg.mh_type) == MhType::BindingAcknowledgement {
        t.bytes(c.msg.body, c.msg.body + 1).first().copied()
    } else {
        None
    };
    let Some(parsed) = BindingId::<&[u8]>::parse(t.bytes(c.off, c.end), layout) else { return };
    let in_ack = matches!(MhType::from(c.msg.mh_type), MhType::BindingAcknowledgement | MhType::CareOfTest);
    let (bid, coa) = match parsed {
        BindingId::Rfc5648 { fixed: v, coa } => {
            v.show(t, c.off);
            let status = v.status.value();
            bid_fact(t, c, layout, v.bid, status, v.flags.0);
            t.append(c.node, format_args!(": BID {}", v.bid));
            if in_ack {
                t.append(
                    c.node,
                    format_args!(", status {} ({})", status, BA_STATUS.value_name(u64::from(status)).unwrap_or("unknown")),
                );
            }
            (v.bid, coa)
        }
        BindingId::Draft03 { fixed: v, coa } => {
            v.show(t, c.off);
            let status = v.status.value();
            bid_fact(t, c, layout, v.bid, status, v.flags.0);
            let name = BI_STATUS_DRAFT.value_name(u64::from(status));
            t.append(c.node, format_args!(": BID {}", v.bid));
            if in_ack {
                t.append(c.node, format_args!(", status {} ({})", status, name.unwrap_or("unknown")));
                if status == 130 && ba_status == Some(0) {
                    t.append(c.node, format_args!(" - accepted, replaced a regular binding"));
                }
            }
            (v.bid, coa)
        }
    };
    match coa {
        BidCoa::V4(a) => {
            a.show(t, c.off + 4);
            t.append(c.node, format_args!(", CoA {}", a.coa));
        }
        BidCoa::V6(a) => {
            a.show(t, c.off + 4);
            t.append(c.node, format_args!(", CoA {}", a.coa));
        }
        BidCoa::None | BidCoa::Other(_) => {}
    }
    if let BindingId::Draft03 { fixed: v, .. } = parsed {
        if v.flags.reserved() != 0 {
            t.expert(&mhx::RESERVED_NONZERO, c.off + 3, 1, Some(format_args!("BID reserved bits 0x{:02x}", v.flags.reserved())));
        }
    }
    // Bulk registrations carry several BIDs: one Info entry lists them all.
    if t.d.cols.info.contains(" BIDs=") {
        t.append_info(format_args!(",{bid}"));
    } else {
        t.append_info(format_args!(" BIDs={bid}"));
    }
}

/// Records the decoded Binding Identifier for the analysis pass (the C flag's rule).
fn bid_fact(t: &mut Tree<'_>, c: &OptCtx<'_>, layout: BidLayout, bid: u16, status: u8, flags: u8) {
    let (at, len) = (c.at as u32, (c.end - c.off) as u16);
    t.d.facts.bids.push(BidFact { at, bid, status, flags, len, layout });
}

/// The Binding Identifier at `mcoa.bid_option_type`. Its alignment depends on its length
/// (RFC 5648 §4.3: 2n without a care-of address, 8n+2 with one), so the row states none and
/// the decoder checks the rule that applies (the draft-03 layout states none). Its `code`,
/// IANA's number, is `mcoa.bid_option_type`'s default.
pub(crate) static BI_DEF: OptDef =
    OptDef::new(crate::mh::opt::OptType::BindingIdentifier.value(), "Binding Identifier", &P_BI, Len::Min(4), (1, 0), bi);

/// The Binding Identifier's care-of address: none (Length 4), IPv4 (8, RFC 5648 only) or
/// IPv6 (20), or octets of another length (kept as they were). Generic over storage, as
/// [`BindingId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BidCoa<B = Vec<u8>> {
    None,
    V4(BidCoa4),
    V6(BidCoa6),
    Other(B),
}

impl<'a, B: From<&'a [u8]>> BidCoa<B> {
    fn parse(b: &'a [u8], v4: bool) -> Self {
        let typed = match b.len() {
            0 => return BidCoa::None,
            4 if v4 => BidCoa4::parse(b).ok().map(|(_, a)| BidCoa::V4(a)),
            16 => BidCoa6::parse(b).ok().map(|(_, a)| BidCoa::V6(a)),
            _ => None,
        };
        typed.unwrap_or_else(|| BidCoa::Other(B::from(b)))
    }
}

impl<B: AsRef<[u8]>> BidCoa<B> {
    fn emit(&self, out: &mut Vec<u8>) {
        match self {
            BidCoa::None => {}
            BidCoa::V4(a) => a.emit(out),
            BidCoa::V6(a) => a.emit(out),
            BidCoa::Other(b) => out.extend_from_slice(b.as_ref()),
        }
    }
}

/// A Binding Identifier in the layout the profile chose (`mcoa.layout`). Generic over
/// storage: the dissector reads `BindingId<&[u8]>` in place, the owned option holds
/// `BindingId<Vec<u8>>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingId<B = Vec<u8>> {
    /// RFC 5648 §4.3 with RFC 6089's BID-PRI.
    Rfc5648 { fixed: BidRfc, coa: BidCoa<B> },
    /// draft-ietf-monami6-multiplecoa-03 §4.2.1 (no IPv4 care-of address).
    Draft03 { fixed: BidDraft, coa: BidCoa<B> },
}

impl<'a, B: From<&'a [u8]>> BindingId<B> {
    /// The option data (at least the 4-octet fixed part) in `layout`.
    pub fn parse(data: &'a [u8], layout: BidLayout) -> Option<Self> {
        let (head, coa) = (data.get(..4)?, data.get(4..)?);
        Some(match layout {
            BidLayout::Rfc5648 => BindingId::Rfc5648 { fixed: BidRfc::parse(head).ok()?.1, coa: BidCoa::parse(coa, true) },
            BidLayout::Draft03 => BindingId::Draft03 { fixed: BidDraft::parse(head).ok()?.1, coa: BidCoa::parse(coa, false) },
        })
    }
}

impl<B: AsRef<[u8]>> BindingId<B> {
    /// Appends the option data.
    pub fn emit(&self, out: &mut Vec<u8>) {
        match self {
            BindingId::Rfc5648 { fixed, coa } => {
                fixed.emit(out);
                coa.emit(out);
            }
            BindingId::Draft03 { fixed, coa } => {
                fixed.emit(out);
                coa.emit(out);
            }
        }
    }
    /// RFC 5648 §4.3: 2n without a care-of address, 8n+2 with one; the draft states none.
    pub fn align(&self) -> (usize, usize) {
        match self {
            BindingId::Rfc5648 { coa: BidCoa::None, .. } => (2, 0),
            BindingId::Rfc5648 { .. } => (8, 2),
            BindingId::Draft03 { .. } => (1, 0),
        }
    }
}
