//! Seed 003, draft-makela-mip4-nemo-haaro-00: what the Mobile IPv4 HAaRO extensions' flags
//! say against what follows them (§4.1 prefix advertisement: H against a Prefix; §4.2 RO
//! capability: S against the Mobile Router HoA). The parser decodes and shows the octets; the
//! rules that weigh a flag against the rest of the extension are here.

use super::Pass;
use crate::mip4::haaro::{RocapFlags, RopaFlags, ROCAP_S_NO_HOA, ROPA_H_WITH_PREFIX, ROPA_TRAILING};
use crate::tree::Anchor;
use crate::wire::Ip4;

/// One seed 003 extension as decoded, for the pass.
#[derive(Debug, Clone, Copy)]
pub enum HaaroFact {
    /// §4.1 prefix advertisement whose fixed part decoded (and whose data after the HoA is
    /// either nothing, a Prefix or a Realm).
    Ropa {
        /// Frame offset of the x/O/H/PLen octet.
        flags_at: u32,
        flags: RopaFlags,
        /// The 4-octet Prefix after the HoA (its frame offset and value), if one is there.
        prefix: Option<(u32, [u8; 4])>,
        at: Anchor,
        proto: &'static str,
    },
    /// §4.2 RO capability whose fixed part decoded.
    Rocap {
        /// Frame offsets of the extension's Type octet and end.
        start: u32,
        end: u32,
        flags: RocapFlags,
        /// Whether the 4-octet Mobile Router HoA follows the flags.
        hoa: bool,
        at: Anchor,
        proto: &'static str,
    },
}

impl HaaroFact {
    /// Where the findings go (inside the extension's subtree, after its fixed part and any
    /// Prefix or HoA).
    pub fn at(&self) -> Anchor {
        match self {
            HaaroFact::Ropa { at, .. } | HaaroFact::Rocap { at, .. } => *at,
        }
    }
}

/// The rules of one extension.
pub fn check(p: &mut Pass<'_, '_>, f: &HaaroFact) {
    match *f {
        HaaroFact::Ropa { flags_at, flags, prefix, at, proto } => {
            p.proto = proto;
            let plen = flags.plen();
            match (flags.has(RopaFlags::H), prefix) {
                // §4.1: with H set "no mobile networks are included".
                (true, Some((off, a))) => {
                    p.expert(at, &ROPA_H_WITH_PREFIX, off, 4, Some(format_args!("Prefix {}/{plen} ignored", Ip4(a))))
                }
                // H clear: the 4-octet Prefix must follow the HoA, whatever PLen says (§4.1: PLen
                // 0 to 32, so PLen 0 still advertises a /0 prefix, "one extension for each
                // prefix").
                (false, None) => {
                    p.expert(at, &ROPA_TRAILING, flags_at, 1, Some(format_args!("H clear and PLen {plen} but no Prefix")))
                }
                _ => {}
            }
        }
        HaaroFact::Rocap { start, end, flags, hoa, at, proto } => {
            p.proto = proto;
            if flags.has(RocapFlags::S) && !hoa {
                p.expert(at, &ROCAP_S_NO_HOA, start, (end - start) as usize, None);
            }
        }
    }
}
