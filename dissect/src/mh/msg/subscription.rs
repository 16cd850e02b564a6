//! Subscription Query (22) and Subscription Response (23), RFC 7161 §4.3: multicast subscription
//! state for Proxy Mobile IPv6.
//!
//! ```text
//! 22 SQ    (RFC 7161 §4.3.1.2) | Sequence # (8) | Reserved (8) |
//! 23 SR    (RFC 7161 §4.3.2.2) | Sequence # (8) |I| Reserved (7) |
//! ```

use super::{info_flags, must_be_zero};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::flags! {
    /// Subscription Response flags (RFC 7161 §4.3.2.2): I, then 7 reserved bits.
    pub struct SrFlags: u8 {
        I = 0x80 => 'I' "Multicast Information",
    }
}

crate::mh::fields! {
    pub static SQ_SEQNR: FieldDef = FieldDef::new("mip6.sq.seqnr", "Sequence number", Kind::Uint(1));
    pub static SQ_RESERVED: FieldDef = FieldDef::new("mip6.sq.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static SR_SEQNR: FieldDef = FieldDef::new("mip6.sr.seqnr", "Sequence number", Kind::Uint(1));
    pub static SR_I: FieldDef = FieldDef::new("mip6.sr.i_flag", "Multicast Information (I) flag", Kind::Bool(1))
        .mask(SrFlags::I as u64)
        .tfs("Multicast subscription information available", "No multicast subscription information available")
        .blurb("RFC 7161 §4.3.2.2: Active Multicast Subscription options follow when set");
    pub static SR_RESERVED: FieldDef =
        FieldDef::new("mip6.sr.reserved", "Reserved", Kind::Uint(1)).hex().mask(SrFlags::RESERVED as u64);
}
layout! {
    /// Subscription Query (RFC 7161 §4.3.1.2): the sequence number is 8 bits, compared modulo 2**8.
    pub struct Sq {
        pub seq: u8 => [&SQ_SEQNR],
        pub reserved: u8 => [&SQ_RESERVED],
    }
}

layout! {
    /// Subscription Response (RFC 7161 §4.3.2.2).
    pub struct Sr {
        pub seq: u8 => [&SR_SEQNR],
        pub flags: SrFlags => [&SR_I, &SR_RESERVED],
    }
}

fn sq(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Sq::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={}", v.seq));
    must_be_zero(t, c.body + 1, 1, u64::from(v.reserved), 0xff, "Subscription Query reserved octet");
    Ok(c.body + Sq::LEN)
}

fn sr(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = Sr::dissect(t, c.body, c.end)?;
    t.append_info(format_args!(" seq={}", v.seq));
    info_flags(t, u64::from(v.flags.0), SrFlags::LETTERS);
    must_be_zero(t, c.body + 1, 1, u64::from(v.flags.0), u64::from(SrFlags::RESERVED), "Subscription Response reserved bits");
    Ok(c.body + Sr::LEN)
}

wire_typed!(flags SrFlags: u8);

msg_rows! {
    SubscriptionQuery => Sq [layout] by sq,
    SubscriptionResponse => Sr [layout] by sr,
}

pub static EXPERTS: &[&ExpertDef] = &[];
