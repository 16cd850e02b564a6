//! Return routability (RFC 6275 §5.2.5, §6.1.3–6.1.6): Home Test Init (1), Care-of Test Init
//! (2), Home Test (3) and Care-of Test (4), which give a correspondent node the keygen tokens
//! that authorise a binding.
//!
//! ```text
//! 1 HoTI | Reserved (16) | Home Init Cookie (64) |
//! 2 CoTI | Reserved (16) | Care-of Init Cookie (64) |
//! 3 HoT  | Home Nonce Index (16) | Home Init Cookie (64) | Home Keygen Token (64) |
//! 4 CoT  | Care-of Nonce Index (16) | Care-of Init Cookie (64) | Care-of Keygen Token (64) |
//! ```

use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::{expert, MsgCtx};
use crate::tree::Tree;

crate::mh::fields! {
    // Home Test Init / Care-of Test Init (§6.1.3, §6.1.4).
    pub static HOTI_RESERVED: FieldDef = FieldDef::new("mip6.hoti.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static HOTI_COOKIE: FieldDef = FieldDef::new("mip6.hoti.cookie", "Home Init Cookie", Kind::Uint(8)).hex();
    pub static COTI_RESERVED: FieldDef = FieldDef::new("mip6.coti.reserved", "Reserved", Kind::Uint(2)).hex();
    pub static COTI_COOKIE: FieldDef = FieldDef::new("mip6.coti.cookie", "Care-of Init Cookie", Kind::Uint(8)).hex();
    // Home Test / Care-of Test (§6.1.5, §6.1.6).
    pub static HOT_NINDEX: FieldDef = FieldDef::new("mip6.hot.nindex", "Home Nonce Index", Kind::Uint(2));
    pub static HOT_COOKIE: FieldDef = FieldDef::new("mip6.hot.cookie", "Home Init Cookie", Kind::Uint(8)).hex();
    pub static HOT_TOKEN: FieldDef = FieldDef::new("mip6.hot.token", "Home Keygen Token", Kind::Uint(8)).hex();
    pub static COT_NINDEX: FieldDef = FieldDef::new("mip6.cot.nindex", "Care-of Nonce Index", Kind::Uint(2));
    pub static COT_COOKIE: FieldDef = FieldDef::new("mip6.cot.cookie", "Care-of Init Cookie", Kind::Uint(8)).hex();
    pub static COT_TOKEN: FieldDef = FieldDef::new("mip6.cot.token", "Care-of Keygen Token", Kind::Uint(8))
        .hex()
        .also(&["mip6.hot.token"])
        .blurb("Wireshark files this token under mip6.hot.token (reference.md §1.8.5)");
}

layout! {
    /// Home Test Init (RFC 6275 §6.1.3).
    pub struct Hoti { pub reserved: u16 => [&HOTI_RESERVED], pub cookie: u64 => [&HOTI_COOKIE] }
}

layout! {
    /// Care-of Test Init (RFC 6275 §6.1.4).
    pub struct Coti { pub reserved: u16 => [&COTI_RESERVED], pub cookie: u64 => [&COTI_COOKIE] }
}
layout! {
    /// Home Test (RFC 6275 §6.1.5).
    pub struct Hot { pub nonce_index: u16 => [&HOT_NINDEX], pub cookie: u64 => [&HOT_COOKIE], pub token: u64 => [&HOT_TOKEN] }
}
layout! {
    /// Care-of Test (RFC 6275 §6.1.6).
    pub struct Cot { pub nonce_index: u16 => [&COT_NINDEX], pub cookie: u64 => [&COT_COOKIE], pub token: u64 => [&COT_TOKEN] }
}

fn hoti(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hoti::dissect(t, c.body, c.end)?;
    cookie_info(t, None, v.cookie);
    reserved_nonzero(t, c.body, v.reserved);
    Ok(c.body + Hoti::LEN)
}

/// The CoTI decoder (also behind seed 000's CoTI, `seeds::nemo_ro`).
pub(crate) fn coti(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Coti::dissect(t, c.body, c.end)?;
    cookie_info(t, None, v.cookie);
    reserved_nonzero(t, c.body, v.reserved);
    Ok(c.body + Coti::LEN)
}

fn hot(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Hot::dissect(t, c.body, c.end)?;
    cookie_info(t, Some(v.nonce_index), v.cookie);
    Ok(c.body + Hot::LEN)
}

/// The CoT decoder (also behind seed 000's CoT, `seeds::nemo_ro`).
pub(crate) fn cot(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Cot::dissect(t, c.body, c.end)?;
    cookie_info(t, Some(v.nonce_index), v.cookie);
    Ok(c.body + Cot::LEN)
}

/// Info text of the return-routability messages: ` [index=N ]cookie=0x<16 hex digits>`.
fn cookie_info(t: &mut Tree<'_>, index: Option<u16>, cookie: u64) {
    let info = t.info();
    if let Some(i) = index {
        info.push_str(" index=");
        crate::format::write_dec(info, u64::from(i));
    }
    info.push_str(" cookie=");
    crate::format::write_hex_num(info, cookie, 16);
}

/// The 16 reserved bits of HoTI/CoTI, which RFC 6275 says must be zero.
fn reserved_nonzero(t: &mut Tree<'_>, body: usize, reserved: u16) {
    if reserved != 0 {
        t.expert(&expert::RESERVED_NONZERO, body, 2, None);
    }
}

msg_rows! {
    HomeTestInit => Hoti [layout] by hoti,
    CareOfTestInit => Coti [layout] by coti,
    HomeTest => Hot [layout] by hot,
    CareOfTest => Cot [layout] by cot,
}

pub static EXPERTS: &[&ExpertDef] = &[];
