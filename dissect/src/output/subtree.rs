//! Whole top-level subtrees of the `-V` tree already written, so that a header that repeats
//! from frame to frame (the Ethernet header of one pair of stations, the IPv6 header of one
//! flow) is one comparison and one copy instead of a look-up and a copy per line (about a
//! hundred instructions a line, twenty-two lines a frame on return-routability traffic).
//!
//! Only the headers in [`PURE`] are kept: their dissectors make every node of the subtree from
//! the octets of the header and its extension headers (nothing looked up in the capture's
//! state, nothing from other layers), so those octets, the subtree's shape, the text its nodes
//! carry (an option's name, a label's tail) and the values of its generated nodes decide its
//! text: that is the key. A subtree with an expert item, or a node before its root's octets,
//! is written line by line. `tests/tree_text.rs` compares the tree with and without the copies
//! on every fixture and on mutated headers (see [`crate::output::write_tree_by_line`]).

use crate::field::{FieldDef, Value};
use crate::format::{Out, Sink};
use crate::tree::{Dissection, Node};

const SLOTS: usize = 128;
/// Subtrees of more text than this, or over more octets than [`MAX_KEY`], are written line
/// by line each time.
const MAX_TEXT: usize = 4096;
const MAX_KEY: usize = 256;

/// The headers whose subtrees are kept (see the module's documentation).
static PURE: [&FieldDef; 2] = [&crate::link::ETH, &crate::ipv6::IPV6];

#[derive(Default)]
struct Slot {
    def: usize,
    shape: u64,
    key: Vec<u8>,
    text: Vec<u8>,
}

pub(crate) struct SubtreeMemo {
    /// The key being built (see [`key`]): the text its nodes carry and the values of its
    /// generated nodes, then the octets they cover.
    key: Vec<u8>,
    slots: Box<[Slot]>,
}

impl SubtreeMemo {
    pub(crate) fn new() -> Self {
        SubtreeMemo { key: Vec::new(), slots: (0..SLOTS).map(|_| Slot::default()).collect() }
    }

    /// Writes the subtree `sub` (a top-level node and everything under it): a copy of the
    /// text of the same header written before, or `write` (whose text is then kept).
    pub(crate) fn write<S: Sink>(&mut self, out: &mut S, d: &Dissection, data: &[u8], sub: &[Node], write: impl FnOnce(&mut S)) {
        let Some((def, shape)) = key(&mut self.key, data, &d.text, sub) else { return write(out) };
        let h = (def as u64 ^ shape ^ hash(&self.key)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let Some(slot) = self.slots.get_mut((h >> 57) as usize % SLOTS) else { return write(out) };
        if slot.def == def && slot.shape == shape && slot.key == self.key {
            out.push_bytes(&slot.text);
            return;
        }
        let start = out.len();
        write(out);
        if let Some(t) = out.bytes().get(start..).filter(|t| t.len() <= MAX_TEXT) {
            slot.def = def;
            slot.shape = shape;
            std::mem::swap(&mut slot.key, &mut self.key);
            slot.text.clear();
            slot.text.extend_from_slice(t);
        }
    }
}

/// What decides a subtree's text, if it is one of [`PURE`] and nothing in it breaks the rule:
/// its root's field and its shape (every node's field, depth, flags and place, folded),
/// returned, and in `k` the octets its nodes cover (the header and its extension headers), the
/// text its nodes carry (the root's label too), and the values of its generated nodes (lengths
/// in octets, or what reassembly noted).
#[inline]
fn key(k: &mut Vec<u8>, data: &[u8], text: &Out, sub: &[Node]) -> Option<(usize, u64)> {
    let root = sub.first()?;
    if !PURE.iter().any(|p| std::ptr::eq(*p, root.def)) || root.expert.is_some() || root.generated {
        return None;
    }
    let start = root.offset;
    let mut end = start.checked_add(root.len)?;
    let mut shape = sub.len() as u64 | u64::from(root.hidden) << 32;
    k.clear();
    for (i, n) in sub.iter().enumerate() {
        // Everything below the root is read from the octets from the root's on, or kept in
        // the key.
        if n.expert.is_some() || n.offset < start {
            return None;
        }
        let rel = n.offset - start;
        end = end.max(n.offset.checked_add(n.len)?);
        // Text (the root's label, an option's name, a label's tail) is kept whole, tagged by
        // where it goes.
        if let Value::Text(s, l) = n.value {
            push_text(k, i, 0, text.bytes_at(s as usize, l as usize));
        }
        if let Some((s, l)) = n.append {
            push_text(k, i, 1, text.bytes_at(s as usize, l as usize));
        }
        if n.generated {
            k.extend_from_slice(&(i as u32).to_le_bytes());
            match n.value {
                Value::None => k.push(0),
                Value::Bool(b) => k.extend_from_slice(&[1, u8::from(b)]),
                Value::Uint(v) => {
                    k.push(2);
                    k.extend_from_slice(&v.to_le_bytes());
                }
                Value::Int(v) => {
                    k.push(3);
                    k.extend_from_slice(&v.to_le_bytes());
                }
                Value::Ipv4(a) => {
                    k.push(4);
                    k.extend_from_slice(&a);
                }
                Value::Ipv6(a) => {
                    k.push(5);
                    k.extend_from_slice(&a);
                }
                Value::Ether(a) => {
                    k.push(6);
                    k.extend_from_slice(&a);
                }
                Value::AbsTime(s, ns) => {
                    k.push(7);
                    k.extend_from_slice(&s.to_le_bytes());
                    k.extend_from_slice(&ns.to_le_bytes());
                }
                Value::RelTime(ns) => {
                    k.push(8);
                    k.extend_from_slice(&ns.to_le_bytes());
                }
                Value::Double(v) => {
                    k.push(12);
                    k.extend_from_slice(&v.get().to_bits().to_le_bytes());
                }
                // The octets are in the key; the text was pushed above.
                Value::Bytes => k.push(9),
                Value::Str => k.push(10),
                Value::Text(..) => k.push(11),
            }
        }
        if i == 0 {
            continue;
        }
        // Each part in a word of its own (packed, a hidden node of one length matched a shown
        // node of another).
        let def = std::ptr::from_ref::<FieldDef>(n.def) as u64;
        let flags = u64::from(n.hidden) | u64::from(n.generated) << 1;
        let place = u64::from(rel) | u64::from(n.len) << 32;
        let form = u64::from(n.depth) | flags << 16;
        for w in [def, place, form] {
            shape = (shape.rotate_left(7) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    // The octets, after the generated values (whose count the shape fixes).
    let octets = data.get(start as usize..end as usize).filter(|o| o.len() <= MAX_KEY)?;
    k.extend_from_slice(octets);
    Some((std::ptr::from_ref::<FieldDef>(root.def) as usize, shape))
}

/// Appends the text of node `i` to a key: its place, what it is (`what`: 0 the value, 1 the
/// appended text) and its length first.
#[inline]
fn push_text(k: &mut Vec<u8>, i: usize, what: u8, t: &[u8]) {
    k.extend_from_slice(&(i as u32).to_le_bytes());
    k.push(what);
    k.extend_from_slice(&(t.len() as u32).to_le_bytes());
    k.extend_from_slice(t);
}

/// A multiply-rotate hash of the key, eight octets at a time.
fn hash(k: &[u8]) -> u64 {
    let mut h = k.len() as u64;
    let mut chunks = k.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}
