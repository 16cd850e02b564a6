//! Home Agent Switch (12, RFC 5142 §4): a count, then that many home agent addresses, then
//! options.
//!
//! ```text
//! 12 HAS   (RFC 5142 §4)    | # of Addresses | Reserved | Home Agent Addresses (16 × N) |
//! ```

use super::{extend_msg_node, must_be_zero, Body};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::layout;
use crate::mh::MhEmitError;
use crate::mh::MsgCtx;
use crate::model::Auto;
use crate::tree::Tree;
use crate::wire::{Ip6, Wire};

crate::mh::fields! {
    pub static HAS_NUM_ADDRS: FieldDef = FieldDef::new("mip6.has.num_addrs", "Number of Addresses", Kind::Uint(1));
    pub static HAS_RESERVED: FieldDef = FieldDef::new("mip6.has.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static HAS_ADDRESS: FieldDef = FieldDef::new("mip6.has.address", "Address", Kind::Ipv6).blurb("Home Agent Address");
}
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

/// A Home Agent Switch message, owned: [`HasFixed`] with the count computed from the
/// addresses unless given, the addresses, and (only when a given count promises more addresses
/// than the header holds) the octets after the last whole one, which the decoder does not read
/// as options either.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Has {
    pub num_addrs: Auto<u8>,
    pub reserved: u8,
    pub addresses: Vec<Ip6>,
    pub excess: Vec<u8>,
}

impl Body for Has {
    const MIN_LEN: usize = HasFixed::LEN;
    fn parse_body(_mh_type: u8, i: &[u8]) -> Option<(Self, usize)> {
        let (rest, f) = HasFixed::parse(i).ok()?;
        let n = usize::from(f.num_addrs);
        let room = rest.len() / Ip6::LEN;
        let addresses =
            rest.chunks_exact(Ip6::LEN).take(n.min(room)).filter_map(|a| Ip6::parse(a).ok()).map(|(_, a)| a).collect();
        // As the decoder reads it: an impossible count ends the message at the header's end.
        let (excess, used) =
            if n > room { (rest[room * Ip6::LEN..].to_vec(), i.len()) } else { (Vec::new(), HasFixed::LEN + n * Ip6::LEN) };
        Some((Has { num_addrs: Auto::Given(f.num_addrs), reserved: f.reserved, addresses, excess }, used))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        let n = self.addresses.len();
        let num_addrs = match self.num_addrs {
            Auto::Given(v) => v,
            Auto::Computed => u8::try_from(n).map_err(|_| MhEmitError::Count { what: "Home Agent Switch addresses", n })?,
        };
        HasFixed { num_addrs, reserved: self.reserved }.emit(out);
        for a in &self.addresses {
            a.emit(out);
        }
        out.extend_from_slice(&self.excess);
        Ok(())
    }
}

msg_rows! {
    HomeAgentSwitch => Has by has,
}

pub static EXPERTS: &[&ExpertDef] = &[&HAS_COUNT_INVALID];
