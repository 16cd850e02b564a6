//! Seeded random mutation through the model: `--fuzz N --seed S`.
//!
//! Byte flippers mostly break what a parser rejects in its first line (a length, a checksum);
//! an implementation's interesting paths sit behind a well-formed frame with one odd value.
//! So a variant here changes *fields*, found by the dissector's own nodes and written with
//! [`edit`](crate::edit) (masks respected, checksums recomputed after, so the frame is wrong
//! only where it was meant to be), and sometimes applies one of the catalogue's model-level
//! mutations ([`malform`](crate::malform): a Header Len that lies, an option off its alignment)
//! that no single field can express. Values are chosen the way defects hide: zero, the
//! maximum, one off the current value, one bit flipped, or anything.
//!
//! The same seed gives the same frames (XorShift, whose output its definition fixes), so a
//! frame that upsets an implementation can be made again from its command line; each variant
//! also says what it changed ([`Fuzzed::changes`]).

use crate::edit::{self, Assignment, Options};
use crate::malform::{How, CATALOGUE};
use crate::spec::Crafted;
use dissect::field::Kind;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::registry;
use dissect::tree::{CaptureState, Dissection, Node, Want};
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The fields a variant changes unless told otherwise: the mobility signalling and the IPv6
/// headers that carry its addresses (Home Address option, type 2 routing header).
pub const DEFAULT_SCOPE: &[&str] = &["mip6", "mip", "ipv6.opt", "ipv6.routing", "icmpv6"];

/// One fuzzed frame and what was done to it (`mip6.bu.lifetime=0`, `model: opt.misaligned`).
#[derive(Debug, Clone)]
pub struct Fuzzed {
    pub frame: Crafted,
    pub changes: Vec<String>,
}

/// What to fuzz and how.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// Variants to make; they take the base frames in turn.
    pub count: usize,
    pub seed: u64,
    /// Field-name prefixes a change may touch (a prefix matches the name itself or what
    /// follows a dot: `mip6` matches `mip6.bu.seqnr`, not `mip6x`).
    pub scope: &'a [&'a str],
}

/// Makes `plan.count` variants of `base` (each frame in turn), no two alike. A frame with few
/// fields in scope runs out of new variants (each gets a bounded number of tries), so fewer
/// frames may come back; none at all is an error.
pub fn fuzz(base: &[Crafted], plan: &Plan, prefs: &Prefs) -> Result<Vec<Fuzzed>, String> {
    let mut rng = XorShiftRng::seed_from_u64(plan.seed);
    let mut out = Vec::with_capacity(plan.count);
    let mut d = Dissection::default();
    let state = CaptureState::default();
    if base.is_empty() {
        return Err("nothing to fuzz".into());
    }
    // What was built counts as seen: a change that sets a field to the value it had is none.
    let mut seen: std::collections::HashSet<Vec<u8>> = base.iter().map(|f| f.bytes.clone()).collect();
    // Tries, not variants: a try that repeats an earlier variant (or changes nothing) is
    // dropped, and a frame with one field in scope cannot give a thousand different ones.
    let tries = plan.count.saturating_mul(4);
    for i in 0..tries {
        if out.len() == plan.count {
            break;
        }
        let f = &base[i % base.len()];
        let meta = FrameMeta { number: 1, wire_len: f.bytes.len() as u32, linktype: f.linktype, ..Default::default() };
        let mut bytes = f.bytes.clone();
        let mut changes = Vec::new();
        dissect::dissect_frame_want(&state, Want::Full, &mut d, &bytes, &meta, prefs);
        if !d.nodes.iter().any(|x| in_scope(x, bytes.len(), plan.scope)) {
            // Nothing here the user asked to change: no field, and no structural break either.
            continue;
        }
        // Most variants change one field; some two to four, since defects that only show in
        // combination (a type and a length) are the ones tests miss.
        let mut n = 1;
        while n < 4 && rng.next_u32() % 4 == 0 {
            n += 1;
        }
        // Fields of the frame as built, all set in one edit: checksums are recomputed around
        // them, and a checksum chosen is written last, so it is the one defect it was meant to be.
        let candidates: Vec<&Node> = d.nodes.iter().filter(|x| in_scope(x, bytes.len(), plan.scope)).collect();
        let mut sets = Vec::new();
        let mut texts = Vec::new();
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..n {
            let k = (rng.next_u32() as usize) % candidates.len();
            if chosen.contains(&k) {
                continue;
            }
            chosen.push(k);
            let node = candidates[k];
            let occurrence = occurrence_of(&d, node);
            let value = pick_value(node, &bytes, &mut rng);
            let text = format!("{}#{occurrence}={value}", node.def.abbrev);
            if let Ok(a) = Assignment::parse(&text) {
                sets.push(a);
                texts.push(if occurrence == 1 { format!("{}={value}", node.def.abbrev) } else { text });
            }
        }
        let mut checksum_set = false;
        if let Ok((edited, outcome)) = edit::edit(&bytes, &meta, &state, prefs, &sets, Options::default()) {
            for (i, (a, t)) in sets.iter().zip(texts).enumerate() {
                if !outcome.absent.contains(&i) {
                    checksum_set |= is_checksum(a.name());
                    changes.push(t);
                }
            }
            bytes = edited;
        }
        // One variant in four also breaks the frame's structure, where a mutation applies.
        // (Not after a checksum was set: the mutation recomputes checksums.)
        if rng.next_u32() % 4 == 0 && !checksum_set {
            let model: Vec<_> = CATALOGUE.iter().filter(|m| matches!(m.how, How::Model(_))).collect();
            let m = model[(rng.next_u32() as usize) % model.len()];
            if let Ok(b) = m.apply(f.linktype, &bytes, prefs) {
                bytes = b;
                changes.push(format!("model: {}", m.name));
            }
        }
        if changes.is_empty() || !seen.insert(bytes.clone()) {
            continue;
        }
        out.push(Fuzzed { frame: Crafted { bytes, ..f.clone() }, changes });
    }
    if out.is_empty() {
        return Err(format!("no field in scope ({}) to fuzz in what was built", plan.scope.join(", ")));
    }
    Ok(out)
}

/// Whether an assignment's field (`mip6.csum`, or `mip6.csum#2` for its second occurrence) is a
/// checksum.
fn is_checksum(name: &str) -> bool {
    let field = name.split_once('#').map_or(name, |(f, _)| f);
    field.ends_with("csum") || field.ends_with("checksum")
}

/// Whether a change may touch this node: read from the wire, settable, inside the captured
/// octets, and named within the scope.
fn in_scope(n: &Node, cap: usize, scope: &[&str]) -> bool {
    let name = n.def.abbrev;
    !n.generated
        && n.len > 0
        && (n.offset as usize).checked_add(n.len as usize).is_some_and(|e| e <= cap)
        && edit::settable(name)
        && scope.iter().any(|s| name.strip_prefix(s).is_some_and(|r| r.is_empty() || r.starts_with('.')))
        && !matches!(n.def.kind, Kind::String) // text values cannot carry arbitrary octets
}

/// Which occurrence (1-based) of its field a node is, as an assignment counts them.
fn occurrence_of(d: &Dissection, node: &Node) -> usize {
    let Some(e) = registry::entry(node.def.abbrev) else { return 1 };
    d.nodes.iter().filter(|x| !x.generated && e.matches(x.def)).take_while(|x| !std::ptr::eq(*x, node)).count() + 1
}

/// A new value for `node`, as an assignment's text.
fn pick_value(node: &Node, bytes: &[u8], rng: &mut XorShiftRng) -> String {
    let (off, len) = (node.offset as usize, node.len as usize);
    let old = &bytes[off..off + len];
    match node.def.kind {
        Kind::Bool(_) | Kind::Uint(_) | Kind::Int(_) | Kind::AbsTime if len <= 8 => {
            let bits = (len * 8) as u32;
            let mask = if node.def.mask == 0 { u64::MAX >> (64 - bits) } else { node.def.mask };
            let shift = mask.trailing_zeros();
            let max = mask >> shift;
            let word = old.iter().fold(0u64, |w, b| (w << 8) | u64::from(*b));
            let cur = (word & mask) >> shift;
            let v = match rng.next_u32() % 6 {
                0 => 0,
                1 => max,
                2 => cur.wrapping_add(1) & max,
                3 => cur.wrapping_sub(1) & max,
                4 => cur ^ (1 << (rng.next_u32() % (max.count_ones().max(1)))),
                _ => rng.next_u64() & max,
            };
            v.to_string()
        }
        Kind::Ipv6 if len == 16 => {
            let mut a: [u8; 16] = old.try_into().unwrap_or_default();
            flip_or_fill(&mut a, rng);
            Ipv6Addr::from(a).to_string()
        }
        Kind::Ipv4 if len == 4 => {
            let mut a: [u8; 4] = old.try_into().unwrap_or_default();
            flip_or_fill(&mut a, rng);
            Ipv4Addr::from(a).to_string()
        }
        _ => {
            let mut v = old.to_vec();
            flip_or_fill(&mut v, rng);
            v.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
        }
    }
}

/// Flips one bit, or fills with zeros, ones or random octets.
fn flip_or_fill(v: &mut [u8], rng: &mut XorShiftRng) {
    if v.is_empty() {
        return;
    }
    match rng.next_u32() % 4 {
        0 => v.fill(0),
        1 => v.fill(0xff),
        2 => rng.fill_bytes(v),
        _ => {
            let bit = (rng.next_u32() as usize) % (v.len() * 8);
            v[bit / 8] ^= 0x80 >> (bit % 8);
        }
    }
}
