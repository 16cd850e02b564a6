//! Seed 004, draft-qin-mipshop-pmipro-00 (no RFC): route optimisation for Proxy Mobile IPv6.
//! The Proxy Home Test Init / Proxy Home Test messages at `pmipro.mh_photi` / `pmipro.mh_phot`,
//! the Handover Home Keygen Token option at `pmipro.opt_handover_hkt` (§8.3), and the early /
//! complete proxy BU (§3.3, §3.5, §7), which [`crate::analysis::pmipro`] recognises.
//!
//! ```text
//! Proxy Home Test Init (seed 004 §8.2)      Proxy Home Test (seed 004 §8.1)
//! | Reserved (16) |                         | Home Nonce Index (16) |
//! | Home Init Cookie (64) |                 | Home Init Cookie (64) | Home Keygen Token (64) |
//! | Care-of Address (128) | options         | Care-of Address (128) | options
//! ```

use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::mh::expert as mhx;
use crate::mh::msg::{parse_as, Body, Typed};
use crate::mh::opt::{Len, OptCtx, OptDef, OptSummary};
use crate::mh::{MhEmitError, MsgDef};
use crate::model::Auto;
use crate::prefs::Prefs;
use crate::tree::Tree;
use crate::wire::Ip6;

crate::mh::fields! {
    list PMIPRO_FIELDS;
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
    pub static HHKT_TOKEN: FieldDef = FieldDef::new("mip6.hhkt.token", "Handover Home Keygen Token", Kind::Bytes)
        .blurb("Encrypted with the proxy mobile agent's public key; 8 octets before encryption (draft-qin-mipshop-pmipro-00 §8.3)");
    pub static PBU_KIND: FieldDef = FieldDef::new("mip6.pbu.kind", "Proxy Binding Update kind", Kind::String).blurb(
        "early (carries Care-of Test Init, §3.3) or complete (CGA Parameters and Signature, §3.5), draft-qin-mipshop-pmipro-00",
    );
}
/// Presence field: the row ([`HHKT_DEF`]) names it, and the registry takes it from the row.
pub static P_HHKT: FieldDef = FieldDef::new("mip6.options.hhkt", "MIPv6 Option - Handover Home Keygen Token", Kind::Protocol);

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

crate::mh::msg::layout_body!(Photi, Phot);

/// A seed 004 message, owned: its fixed part and the MH Type it is sent with, the profile's
/// number (`pmipro.mh_photi` / `pmipro.mh_phot`, [`Typed`]) unless given. Parsing records the
/// number the header had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Drafted<M> {
    pub mh_type: Auto<u8>,
    pub msg: M,
}

impl<M: Body> Body for Drafted<M> {
    const MIN_LEN: usize = M::MIN_LEN;
    fn parse_body(mh_type: u8, i: &[u8]) -> Option<(Self, usize)> {
        M::parse_body(mh_type, i).map(|(msg, n)| (Drafted { mh_type: Auto::Given(mh_type), msg }, n))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        self.msg.emit_body(out)
    }
}

impl Typed for Drafted<Photi> {
    fn mh_type(&self, prefs: &Prefs) -> u8 {
        self.mh_type.or_else(|| prefs.pmipro_mh_photi)
    }
}

impl Typed for Drafted<Phot> {
    fn mh_type(&self, prefs: &Prefs) -> u8 {
        self.mh_type.or_else(|| prefs.pmipro_mh_phot)
    }
}

/// Proxy Home Test Init at `pmipro.mh_photi` (this row's `code` is its default: 200, far
/// above IANA's MH types, profiles.md).
pub(crate) static PHOTI: MsgDef = MsgDef {
    code: 200,
    name: "Proxy Home Test Init",
    min_len: Photi::LEN,
    parse: parse_as::<Drafted<Photi>>,
    body: |t, c| {
        let v = Photi::dissect(t, c.body, c.end)?;
        t.append_info(format_args!(" cookie=0x{:016x} coa={}", v.cookie, v.coa));
        if v.reserved != 0 {
            t.expert(&mhx::RESERVED_NONZERO, c.body, 2, Some(format_args!("PHoTI reserved 0x{:04x}", v.reserved)));
        }
        Ok(c.body + Photi::LEN)
    },
};

/// Proxy Home Test at `pmipro.mh_phot` (default 201).
pub(crate) static PHOT: MsgDef = MsgDef {
    code: 201,
    name: "Proxy Home Test",
    min_len: Phot::LEN,
    parse: parse_as::<Drafted<Phot>>,
    body: |t, c| {
        let v = Phot::dissect(t, c.body, c.end)?;
        t.append_info(format_args!(" index={} cookie=0x{:016x} coa={}", v.nonce_index, v.cookie, v.coa));
        Ok(c.body + Phot::LEN)
    },
};

fn hhkt(t: &mut Tree<'_>, c: &OptCtx<'_>, _s: &mut OptSummary) {
    let len = c.end - c.off;
    t.add(&HHKT_TOKEN, c.off, len, Value::Bytes);
    t.append(c.node, format_args!(" ({len} bytes)"));
}

/// The Handover Home Keygen Token at `pmipro.opt_handover_hkt`: 8 octets before encryption,
/// so at least 8 after; no alignment rule (profiles.md: crafted at 8n+2, any accepted). Its
/// `code` is the preference's default (200, far above IANA's option types, profiles.md).
pub(crate) static HHKT_DEF: OptDef = OptDef::new(200, "Handover Home Keygen Token", &P_HHKT, Len::Min(8), (1, 0), hhkt);
