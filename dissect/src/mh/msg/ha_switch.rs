//! Home Agent Switch (12, RFC 5142 §4): a count, then that many home agent addresses, then
//! options.
//!
//! ```text
//! 12 HAS   (RFC 5142 §4)    | # of Addresses | Reserved | Home Agent Addresses (16 × N) |
//! ```

use super::{extend_msg_node, must_be_zero, MsgRow};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhType;
use crate::mh::MsgCtx;
use crate::tree::Tree;
use crate::wire::{Ip6, Wire};

pub static HAS_NUM_ADDRS: FieldDef = FieldDef::new("mip6.has.num_addrs", "Number of Addresses", Kind::Uint(1));
pub static HAS_RESERVED: FieldDef = FieldDef::new("mip6.has.reserved", "Reserved", Kind::Uint(1)).hex();
pub static HAS_ADDRESS: FieldDef = FieldDef::new("mip6.has.address", "Address", Kind::Ipv6).blurb("Home Agent Address");
layout! {
    /// Home Agent Switch fixed part (RFC 5142 §4); `num_addrs` IPv6 addresses follow.
    pub struct HasFixed {
        pub num_addrs: u8 => [&HAS_NUM_ADDRS],
        pub reserved: u8 => [&HAS_RESERVED],
    }
}

pub static HAS_COUNT_INVALID: ExpertDef = ExpertDef::new(
    "mip6.has.num_addrs.invalid",
    Group::Malformed,
    Severity::Warn,
    "Number of Addresses does not fit in the Home Agent Switch message",
);

/// RFC 5142 §4: the count, then that many home agent addresses, then options.
fn has(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let v = HasFixed::dissect(t, c.body, c.end)?;
    must_be_zero(t, c.body + 1, 1, u64::from(v.reserved), 0xff, "HA Switch reserved octet");
    let n = usize::from(v.num_addrs);
    let start = c.body + HasFixed::LEN;
    let room = c.mh_end.saturating_sub(start) / 16;
    t.append_info(format_args!(" addresses={n}"));
    if n > room {
        t.expert(
            &HAS_COUNT_INVALID,
            c.body,
            1,
            Some(format_args!(
                "{n} addresses need {} bytes, the header has {} after the count",
                n * 16,
                c.mh_end.saturating_sub(start)
            )),
        );
    }
    let mut at = start;
    for _ in 0..n.min(room) {
        match Ip6::parse(t.bytes(at, c.end)) {
            Ok((_, a)) => {
                t.add(&HAS_ADDRESS, at, Ip6::LEN, a.value());
            }
            Err(_) => return Err(at),
        }
        at += Ip6::LEN;
        extend_msg_node(t, c, at);
    }
    // With an impossible count the rest of the header is not options: stop here.
    Ok(if n > room { c.mh_end } else { at })
}

/// The message rows of this family.
pub static DEFS: &[MsgRow] = &[MsgRow::new(MhType::HomeAgentSwitch, HasFixed::LEN, has)];

pub static FIELDS: &[&FieldDef] = &[&HAS_NUM_ADDRS, &HAS_RESERVED, &HAS_ADDRESS];
pub static EXPERTS: &[&ExpertDef] = &[&HAS_COUNT_INVALID];
