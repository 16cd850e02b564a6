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
    info.push_str(" cookie=0x");
    // The digits aligned to a word, so the UTF-8 check takes its word-at-a-time path (two
    // words, no per-octet loop).
    #[repr(align(16))]
    struct Digits([u8; 16]);
    let digits = Digits(hex16(cookie));
    // Cut to 16 again so the copy's length is known when compiled (a few moves, no `memcpy`).
    if let Some(text) = std::str::from_utf8(&digits.0).ok().and_then(|s| s.get(..16)) {
        info.push_str(text);
    }
}

/// `v`'s 16 lowercase hex digits, most significant first, without a loop: each nibble is
/// spread to its own octet (halving the lanes four times), then turned into its digit in
/// every octet at once ('0' + n, and 39 more for 10-15: n + 6 carries into bit 4 exactly then).
fn hex16(v: u64) -> [u8; 16] {
    const fn lanes(octet: u8) -> u128 {
        u128::from_ne_bytes([octet; 16])
    }
    let x = u128::from(v);
    let x = (x & 0xffff_ffff) | ((x & 0xffff_ffff_0000_0000) << 32);
    let x = (x & 0x0000_0000_0000_ffff_0000_0000_0000_ffff) | ((x & 0x0000_0000_ffff_0000_0000_0000_ffff_0000) << 16);
    let x = (x & 0x0000_00ff_0000_00ff_0000_00ff_0000_00ff) | ((x & 0x0000_ff00_0000_ff00_0000_ff00_0000_ff00) << 8);
    let x = (x & 0x000f_000f_000f_000f_000f_000f_000f_000f) | ((x & 0x00f0_00f0_00f0_00f0_00f0_00f0_00f0_00f0) << 4);
    let letters = ((x + lanes(6)) >> 4) & lanes(1);
    (x + lanes(b'0') + letters * 39).to_be_bytes()
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

#[cfg(test)]
mod tests {
    use super::hex16;

    /// The spread digits are `format!`'s, on the edges (0, all ones, each digit alone in each
    /// place) and on pseudo-random values.
    #[test]
    fn hex16_is_formats_16_digits() {
        let mut values = vec![0, u64::MAX, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210];
        for place in 0..16 {
            for digit in 0..16u64 {
                values.push(digit << (4 * place));
            }
        }
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x);
        }
        for v in values {
            assert_eq!(std::str::from_utf8(&hex16(v)).unwrap(), format!("{v:016x}"));
        }
    }
}
