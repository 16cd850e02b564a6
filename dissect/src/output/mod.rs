//! Renderers of a [`Dissection`]: the one-line summary, the `-V` tree, the hex dump, JSON,
//! and `-T fields` cells. All read the same nodes, so they cannot disagree about a value.

pub mod columns;
pub mod json;
mod subtree;
pub mod time;

pub use columns::{Cell, Column};
pub use time::{TimeFormat, TimeRef};

use crate::field::{Base, FieldDef, Kind, Picture, Strings, Value};
use crate::format::{self, Sink};
use crate::tree::{Dissection, Node, WS_EXPERT};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Days since 1970-01-01 to (year, month 1-12, day 1-31), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Wireshark's absolute time text, in UTC: `Apr  5, 2012 21:51:36.112032000 UTC`.
pub fn write_abs_time<S: Sink>(out: &mut S, secs: i64, nanos: u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u64;
    let (y, m, d) = civil_from_days(days);
    // Same text as `"{month} {d:>2}, {y} {h:02}:{m:02}:{s:02}.{ns:09} UTC"`, built in one
    // buffer without fmt: every tree and JSON frame has one.
    let mut b = [b' '; 40];
    b[..3].copy_from_slice(MONTHS[(m - 1) as usize].as_bytes());
    let pair = |v: u64| -> [u8; 2] { [b'0' + (v / 10) as u8, b'0' + (v % 10) as u8] };
    let dd = pair(u64::from(d));
    b[4] = if d < 10 { b' ' } else { dd[0] };
    b[5] = dd[1];
    b[6] = b',';
    let mut n = 8;
    if y < 0 {
        b[n] = b'-';
        n += 1;
    }
    let mut yb = [0u8; 20];
    let i = format::dec_digits(&mut yb, y.unsigned_abs());
    b[n..n + 20 - i].copy_from_slice(&yb[i..]);
    n += 20 - i + 1;
    b[n..n + 2].copy_from_slice(&pair(rem / 3600));
    b[n + 2] = b':';
    b[n + 3..n + 5].copy_from_slice(&pair((rem / 60) % 60));
    b[n + 5] = b':';
    b[n + 6..n + 8].copy_from_slice(&pair(rem % 60));
    b[n + 8] = b'.';
    out.push_bytes(&b[..n + 9]);
    format::write_dec_zeros(out, u64::from(nanos), 9);
    out.push_str(" UTC");
}

/// Seconds with nine decimals, as Wireshark prints relative times.
pub fn write_rel_time<S: Sink>(out: &mut S, ns: i64) {
    if ns < 0 {
        out.push('-');
    }
    let a = ns.unsigned_abs();
    format::write_dec(out, a / 1_000_000_000);
    out.push('.');
    format::write_dec_zeros(out, a % 1_000_000_000, 9);
}

fn node_bytes<'a>(data: &'a [u8], n: &Node) -> &'a [u8] {
    let s = n.offset as usize;
    data.get(s..(s + n.len as usize).min(data.len())).unwrap_or(&[])
}

/// A string node's value, written as it is ([`crate::text::chars`]).
pub fn write_str_value<S: Sink>(out: &mut S, data: &[u8], n: &Node) {
    crate::text::write_raw(out, crate::text::chars(node_bytes(data, n), n.def.enc));
}

/// Writes a signed integer in decimal.
pub fn write_int<S: Sink>(out: &mut S, v: i64) {
    if v < 0 {
        out.push('-');
    }
    format::write_dec(out, v.unsigned_abs());
}

fn write_hex_value<S: Sink>(out: &mut S, def: &FieldDef, v: u64, digits: usize) {
    format::write_hex_num(out, v, digits);
    let _ = def;
}

/// Writes a node's value the way tshark's `-T fields` prints it.
pub fn write_field_value<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], n: &Node) {
    // tshark prints "1" for any FT_NONE field (text items and expert items alike), so that
    // `-T fields` shows the field is present.
    if n.def.kind == Kind::None {
        out.push('1');
        return;
    }
    match n.value {
        Value::None => {
            if n.def.kind == Kind::Protocol {
                // A protocol item of no octets (IPv4's when it hands a version 6 header to
                // IPv6) is printed by its name, as tshark prints it.
                match node_bytes(data, n) {
                    [] => out.push_str(n.def.abbrev),
                    b => format::write_hex(out, b),
                }
            }
        }
        Value::Bool(b) => out.push(if b { '1' } else { '0' }),
        Value::Uint(v) => match n.def.base {
            Base::Hex | Base::HexDec => {
                let digits = (n.def.bit_width() / 4).max(2) as usize;
                write_hex_value(out, n.def, v, digits)
            }
            _ => {
                format::write_dec(out, v);
            }
        },
        Value::Int(v) => write_int(out, v),
        Value::Ipv4(a) => format::write_ipv4(out, &a),
        Value::Ipv6(a) => format::write_ipv6(out, &a),
        Value::Ether(a) => format::write_ether(out, &a),
        Value::Bytes => {
            let b = node_bytes(data, n);
            if b.is_empty() {
                // tshark's text for a zero-length byte field.
                out.push_str("<none>");
            } else if n.def.base == Base::Colon {
                format::write_hex_colon(out, b);
            } else {
                format::write_hex(out, b);
            }
        }
        Value::Str => crate::text::write_field(out, crate::text::chars(node_bytes(data, n), n.def.enc)),
        Value::Text(s, l) => out.push_bytes(d.text_bytes((s, l))),
        Value::AbsTime(s, ns) => write_abs_time(out, s, ns),
        Value::RelTime(ns) => write_rel_time(out, ns),
        Value::Double(v) => format::write_g15(out, v.get()),
    }
}

/// Octets of a byte string a label shows (tshark's `bytes_to_str`), and of one shown with
/// separators (`bytes_to_str_punct`).
const LABEL_BYTES: usize = 36;
const LABEL_BYTES_COLON: usize = 24;

/// Writes the text after "Name: " in the tree.
fn write_display_value<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], n: &Node) {
    let def = n.def;
    if let Strings::Custom(f) = def.strings {
        f(&n.value, out);
        return;
    }
    match n.value {
        Value::Bool(b) => match def.strings {
            Strings::Tfs(t, f) => out.push_str(if b { t } else { f }),
            _ => out.push_str(if b { "True" } else { "False" }),
        },
        Value::Uint(v) => {
            let digits = def.hex_digits();
            let num = |out: &mut S| match def.base {
                Base::Dec | Base::Colon => format::write_dec(out, v),
                Base::Hex => format::write_hex_num(out, v, digits),
                Base::DecHex => {
                    format::write_dec(out, v);
                    out.push_str(" (");
                    format::write_hex_num(out, v, digits);
                    out.push(')');
                }
                Base::HexDec => {
                    format::write_hex_num(out, v, digits);
                    out.push_str(" (");
                    format::write_dec(out, v);
                    out.push(')');
                }
            };
            match def.strings {
                Strings::Vals(_) => match def.value_name(v) {
                    Some(name) => {
                        out.push_str(name);
                        out.push_str(" (");
                        num(out);
                        out.push(')');
                    }
                    None => {
                        out.push_str("Unknown (");
                        num(out);
                        out.push(')');
                    }
                },
                Strings::Names(_) => match def.value_name(v) {
                    Some(name) => out.push_str(name),
                    None => {
                        out.push_str("Unknown (");
                        num(out);
                        out.push(')');
                    }
                },
                Strings::Unit(u) => {
                    num(out);
                    out.push_str(u);
                }
                Strings::NodeName => match n.append {
                    Some(r) => {
                        out.push_bytes(d.text_bytes(r));
                        out.push_str(" (");
                        num(out);
                        out.push(')');
                    }
                    None => num(out),
                },
                _ => num(out),
            }
        }
        Value::Str => crate::text::write_label(out, crate::text::chars(node_bytes(data, n), n.def.enc)),
        // tshark shows at most 36 octets of a byte string in a label, then "…" (the cell and
        // the filter have them all).
        Value::Bytes if def.base != Base::Colon && node_bytes(data, n).len() > LABEL_BYTES => {
            format::write_hex(out, node_bytes(data, n).get(..LABEL_BYTES).unwrap_or_default());
            out.push('…');
        }
        // ... and at most 24 colon-separated ones, then ":…".
        Value::Bytes if def.base == Base::Colon && node_bytes(data, n).len() > LABEL_BYTES_COLON => {
            format::write_hex_colon(out, node_bytes(data, n).get(..LABEL_BYTES_COLON).unwrap_or_default());
            out.push_str(":…");
        }
        Value::AbsTime(s, ns) => write_abs_time(out, s, ns),
        Value::RelTime(ns) => {
            write_rel_time(out, ns);
            out.push_str(" seconds");
        }
        // A signed field with value names (tshark's frame.encap_type): "Ethernet (1)".
        Value::Int(v) if matches!(def.strings, Strings::Vals(_)) => {
            match u64::try_from(v).ok().and_then(|u| def.value_name(u)) {
                Some(name) => out.push_str(name),
                None => out.push_str("Unknown"),
            }
            out.push_str(" (");
            write_int(out, v);
            out.push(')');
        }
        _ => write_field_value(out, d, data, n),
    }
}

/// Writes the tree label of a node (without indentation).
pub fn write_label<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], n: &Node) {
    if n.generated {
        out.push('[');
    }
    if std::ptr::eq(n.def, &WS_EXPERT) {
        if let Some(e) = n.expert.and_then(|i| d.experts.get(usize::try_from(i).ok()?)) {
            out.push_str("Expert Info (");
            out.push_str(e.def.severity.name());
            out.push('/');
            out.push_str(e.def.group.name());
            out.push_str("): ");
            out.push_bytes(d.text_bytes(e.text));
        }
    } else {
        match n.def.kind {
            // A byte field labelled with generated text (Wireshark 4.0's ip.fragments).
            Kind::Bytes if matches!(n.value, Value::Text(..)) => {
                if let Value::Text(s, l) = n.value {
                    out.push_bytes(d.text_bytes((s, l)));
                }
            }
            Kind::Bytes if matches!(n.def.strings, Strings::Count(_)) => {
                out.push_str(n.def.name);
                if let Strings::Count(sep) = n.def.strings {
                    out.push_str(sep);
                    out.push('(');
                    format::write_dec(out, u64::from(n.len));
                    out.push_str(if n.len == 1 { " byte)" } else { " bytes)" });
                }
            }
            _ if matches!(n.def.strings, Strings::NameSuffix) => {
                out.push_str(n.def.name);
                if let Some(r) = n.append {
                    out.push_bytes(d.text_bytes(r));
                }
                out.push_str(": ");
                write_field_value(out, d, data, n);
            }
            _ if matches!(n.def.strings, Strings::Bare) => write_field_value(out, d, data, n),
            _ if matches!(n.def.strings, Strings::Equals) => {
                out.push_str(n.def.name);
                out.push_str(" = ");
                write_field_value(out, d, data, n);
            }
            Kind::Protocol | Kind::None => {
                if let Value::Text(s, l) = n.value {
                    out.push_bytes(d.text_bytes((s, l)));
                } else {
                    out.push_str(n.def.name);
                }
            }
            Kind::Uint(_) if matches!(n.def.picture, Picture::Wire(_)) => {
                let Picture::Wire(bits) = n.def.picture else { return };
                let raw = wire_bits(data, n, bits).unwrap_or(0);
                format::write_bit_picture(out, n.def.bit_width(), bits, raw);
                out.push_str(" = ");
                out.push_str(n.def.name);
                out.push_str(": ");
                write_display_value(out, d, data, n);
            }
            Kind::Bool(_) | Kind::Uint(_) if n.def.mask != 0 && n.def.picture != Picture::None => {
                let raw = match n.value {
                    // A flag over several bits (TCP's three reserved bits) is one truth value;
                    // its picture shows the bits themselves, as the packet has them.
                    Value::Bool(_) if n.def.mask.count_ones() > 1 => masked_bits(data, n),
                    _ => n.value.as_uint(),
                }
                .unwrap_or(0);
                let width = match n.def.picture {
                    Picture::Width(w) => u32::from(w),
                    _ => n.def.bit_width(),
                };
                format::write_bit_picture(out, width, n.def.mask, raw);
                out.push_str(" = ");
                out.push_str(n.def.name);
                out.push_str(": ");
                write_display_value(out, d, data, n);
            }
            _ => {
                out.push_str(n.def.name);
                out.push_str(": ");
                write_display_value(out, d, data, n);
            }
        }
    }
    // A value named by its node shows the name in place of a table name, not at the end.
    if let Some(r) = n.append.filter(|_| !matches!(n.def.strings, Strings::NodeName | Strings::NameSuffix)) {
        out.push_bytes(d.text_bytes(r));
    }
    if n.generated {
        out.push(']');
    }
}

/// The bits of `n`'s mask in the packet (shifted down), for a node of at most 8 octets.
fn masked_bits(data: &[u8], n: &Node) -> Option<u64> {
    wire_bits(data, n, n.def.mask)
}

/// The bits of `mask` in `n`'s octets (shifted down), for a node of at most 8 octets.
fn wire_bits(data: &[u8], n: &Node, mask: u64) -> Option<u64> {
    let octets = data.get(n.offset as usize..(n.offset + n.len) as usize).filter(|b| b.len() <= 8)?;
    let word = octets.iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
    Some((word & mask) >> mask.trailing_zeros())
}

/// Text already written for a field and value, so the next node with the same field and
/// value is one copy instead of a bit picture, a name, a number and a value-name lookup.
///
/// A label (or a JSON node's name/show/value) is a function of the field, its value and
/// whether it is generated, unless the node carries appended text, is an expert item or shows
/// packet bytes: only the former are cached. Headers repeat most of their values from frame
/// to frame (versions, lengths, flags, addresses of a flow), so most lines of a `-V` tree or a
/// JSON frame come from here. Direct-mapped: a miss costs one comparison and the copy in.
pub(crate) struct TextCache<const W: usize> {
    entries: Box<[CacheEntry<W>]>,
}

#[derive(Clone, Copy)]
struct CacheEntry<const W: usize> {
    /// Address of the field definition; 0 = empty.
    def: usize,
    /// Value kind (and generated flag) and the value's bytes.
    tag: u8,
    /// Depth of the node, for texts that include the indentation (the `-V` tree).
    depth: u16,
    key: [u8; 16],
    len: u16,
    text: [u8; W],
}

const CACHE_SLOTS: usize = 1024;

impl<const W: usize> TextCache<W> {
    pub(crate) fn new() -> Self {
        TextCache {
            entries: vec![CacheEntry { def: 0, tag: 0, depth: 0, key: [0; 16], len: 0, text: [0; W] }; CACHE_SLOTS]
                .into_boxed_slice(),
        }
    }

    /// The cache key of a node, if its text depends on nothing but field and value.
    #[inline]
    fn key(n: &Node) -> Option<(u8, [u8; 16])> {
        // A picture of the packet's bits is not a function of the value.
        if n.append.is_some() || n.expert.is_some() || matches!(n.def.picture, Picture::Wire(_)) {
            return None;
        }
        let mut k = [0u8; 16];
        let tag = match n.value {
            // A flag over several bits shows them ([`masked_bits`]): not a function of the value.
            Value::Bool(_) if n.def.mask.count_ones() > 1 => return None,
            Value::Bool(b) => {
                k[0] = u8::from(b);
                1
            }
            Value::Uint(v) => {
                k[..8].copy_from_slice(&v.to_le_bytes());
                2
            }
            Value::Int(v) => {
                k[..8].copy_from_slice(&v.to_le_bytes());
                3
            }
            Value::Ipv4(a) => {
                k[..4].copy_from_slice(&a);
                4
            }
            Value::Ether(a) => {
                k[..6].copy_from_slice(&a);
                5
            }
            Value::Ipv6(a) => {
                k = a;
                6
            }
            // Intervals (every frame's time shift, its deltas: often the same few values).
            Value::RelTime(ns) => {
                k[..8].copy_from_slice(&ns.to_le_bytes());
                7
            }
            _ => return None,
        };
        Some((tag | (u8::from(n.generated) << 7), k))
    }

    /// Writes a node's text: from the cache, or with `write` (and then kept).
    #[inline]
    /// `depth` is part of the key: pass the node's depth when the text includes its
    /// indentation, 0 when it does not.
    pub(crate) fn write<S: Sink>(&mut self, out: &mut S, n: &Node, depth: u16, write: impl FnOnce(&mut S)) {
        let Some((tag, key)) = Self::key(n) else {
            write(out);
            return;
        };
        let def = std::ptr::from_ref(n.def) as usize;
        let lo = u64::from_le_bytes(key[..8].try_into().unwrap_or([0; 8]));
        let hi = u64::from_le_bytes(key[8..].try_into().unwrap_or([0; 8]));
        let h = (def as u64 ^ lo.rotate_left(17) ^ hi.rotate_left(41) ^ u64::from(tag) ^ (u64::from(depth) << 8))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = (h >> 54) as usize % CACHE_SLOTS;
        let Some(e) = self.entries.get_mut(slot) else {
            write(out);
            return;
        };
        if e.def == def && e.tag == tag && e.depth == depth && e.key == key {
            out.push_block(&e.text, usize::from(e.len));
            return;
        }
        let start = out.len();
        write(out);
        if let Some(t) = out.bytes().get(start..) {
            if t.len() <= W {
                e.text[..t.len()].copy_from_slice(t);
                e.len = t.len() as u16;
                e.def = def;
                e.tag = tag;
                e.depth = depth;
                e.key = key;
            }
        }
    }
}

thread_local! {
    static LABELS: std::cell::RefCell<TextCache<120>> = std::cell::RefCell::new(TextCache::new());
    static SUBTREES: std::cell::RefCell<subtree::SubtreeMemo> = std::cell::RefCell::new(subtree::SubtreeMemo::new());
}

const INDENT: &str = "                                                                                                                                ";

/// Writes the `-V` tree of a frame, four spaces per level, hidden nodes left out: each
/// top-level subtree as a whole when an equal one was written before ([`subtree`]), else line
/// by line. Each Data item's octets follow its line as a hex dump, as tshark's `-V` prints them
/// when `-x` does not print the whole frame ([`write_tree_x`]).
pub fn write_tree<S: Sink>(out: &mut S, d: &Dissection, data: &[u8]) {
    write_tree_x(out, d, data, false);
}

/// [`write_tree`] before a hex dump of the whole frame (`-x`): Data items without their own,
/// as tshark.
pub fn write_tree_x<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], frame_hex: bool) {
    LABELS.with_borrow_mut(|cache| {
        if frame_hex {
            // Rare (`-V -x`): not through the copies, whose text has the Data items' dumps.
            return write_lines(out, cache, d, data, &d.nodes, false);
        }
        SUBTREES.with_borrow_mut(|memo| {
            let mut rest = d.nodes.as_slice();
            while !rest.is_empty() {
                let end = rest.iter().skip(1).position(|n| n.depth == 0).map_or(rest.len(), |p| p + 1);
                let (sub, after) = rest.split_at(end);
                memo.write(out, d, data, sub, |out| write_lines(out, cache, d, data, sub, true));
                rest = after;
            }
        })
    });
}

/// Writes the `-V` tree of a frame line by line, each time: what [`write_tree`] must equal.
pub fn write_tree_by_line<S: Sink>(out: &mut S, d: &Dissection, data: &[u8]) {
    LABELS.with_borrow_mut(|cache| write_lines(out, cache, d, data, &d.nodes, true));
}

/// Writes nodes line by line (through the line cache), hidden ones and what is under them
/// left out; with `data_hex`, a Data item's line is followed by an empty line and its octets'
/// hex dump at the left margin (tshark's epan/print.c does so for the `data` protocol).
fn write_lines<S: Sink>(out: &mut S, cache: &mut TextCache<120>, d: &Dissection, data: &[u8], nodes: &[Node], data_hex: bool) {
    let mut skip_below: Option<u16> = None;
    for n in nodes {
        if let Some(depth) = skip_below {
            if n.depth > depth {
                continue;
            }
            skip_below = None;
        }
        if n.hidden {
            skip_below = Some(n.depth);
            continue;
        }
        // The whole line, indentation and newline included, is one copy from the cache.
        cache.write(out, n, n.depth, |out| {
            let indent = 4 * usize::from(n.depth);
            match INDENT.get(..indent) {
                Some(sp) => out.push_str(sp),
                None => (0..n.depth).for_each(|_| out.push_str("    ")),
            }
            write_label(out, d, data, n);
            out.push('\n');
        });
        if data_hex && std::ptr::eq(n.def, &crate::ipv4::DATA) {
            out.push('\n');
            let (at, len) = (n.offset as usize, n.len as usize);
            write_hex_dump(out, data.get(at..at.saturating_add(len)).unwrap_or(&[]));
        }
    }
}

/// Stages the digits `digits[i..]` (as [`format::dec_digits`] left them) at `b[at..]` and
/// returns how many there are. Up to eight (every frame number, second and length of a real
/// capture) go as one 8-octet block with spaces after them: a copy of a length known only at
/// run time is a call to `memcpy`, three of them a line. The spaces keep what the line
/// relies on past the digits (the time column's padding after the frame number); anything
/// else there is overwritten by the next piece.
#[inline(always)]
fn stage_digits(b: &mut [u8; 256], at: usize, digits: &[u8; 20], i: usize) -> usize {
    let len = 20 - i.min(20);
    match b.get_mut(at..at + 8) {
        Some(dst) if len <= 8 => {
            let mut wide = [b' '; 28];
            wide[..20].copy_from_slice(digits);
            dst.copy_from_slice(&wide[20 - len..28 - len]);
        }
        _ => b[at..at + len].copy_from_slice(&digits[20 - len..]),
    }
    len
}

/// Stages a column address at `b[n..]` (see [`write_summary`]); returns the new end. Inlined
/// (two per line): the call saved and restored six registers for a few moves. The address is
/// read where the dissection keeps it, not from a copy: a copy made just before (the enum
/// moved in pieces) stalled the text cache's 8-octet loads of it on store forwarding.
#[inline(always)]
fn stage_addr(b: &mut [u8; 256], n: usize, v: &Option<Value>) -> usize {
    // `n` <= 52 for the source and <= 105 for the destination: a 48-octet block fits.
    let n = n.min(256 - 64);
    match v {
        Some(Value::Ipv6(a)) => match b.get_mut(n..n + format::IPV6_TEXT_MAX).and_then(|s| s.try_into().ok()) {
            Some(dst) => n + format::ipv6_block(a, dst).min(format::IPV6_TEXT_MAX),
            None => n,
        },
        Some(Value::Ipv4(a)) => {
            let mut t = [0u8; 16];
            let len = format::ipv4_text(a, &mut t);
            b[n..n + 16].copy_from_slice(&t);
            n + len
        }
        Some(Value::Ether(a)) => {
            for (k, &x) in a.iter().enumerate() {
                b[n + 3 * k] = format::HEX[usize::from(x >> 4)];
                b[n + 3 * k + 1] = format::HEX[usize::from(x & 15)];
                b[n + 3 * k + 2] = b':';
            }
            n + 17
        }
        Some(Value::None) => {
            b[n..n + 3].copy_from_slice(NOT_APPLICABLE.as_bytes());
            n + 3
        }
        _ => n,
    }
}

/// A column address that is none of the frame's (tshark's raw dissector's placeholder, kept
/// when no layer after it sets an address): `Some(Value::None)` in [`crate::tree::Columns`].
pub const NOT_APPLICABLE: &str = "N/A";

/// Writes a column address.
pub fn write_addr<S: Sink>(out: &mut S, v: Option<Value>) {
    match v {
        Some(Value::Ipv6(a)) => format::write_ipv6(out, &a),
        Some(Value::Ipv4(a)) => format::write_ipv4(out, &a),
        Some(Value::Ether(a)) => format::write_ether(out, &a),
        Some(Value::None) => out.push_str(NOT_APPLICABLE),
        _ => {}
    }
}

/// Copies `src` (at most 32 octets: a protocol name) over `dst` of the same length with two
/// fixed-size moves of the largest power of two it holds, overlapping in the middle, as
/// memcpy does inside; a copy of a length known only at run time is otherwise a call to it.
#[inline(always)]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let len = src.len().min(dst.len());
    macro_rules! two {
        ($w:literal) => {{
            dst[..$w].copy_from_slice(&src[..$w]);
            dst[len - $w..len].copy_from_slice(&src[len - $w..len]);
        }};
    }
    match len {
        16.. => dst[..len].copy_from_slice(&src[..len]),
        8.. => two!(8),
        4.. => two!(4),
        2.. => two!(2),
        1 => dst[0] = src[0],
        0 => {}
    }
}

/// The packet list's arrow between the addresses, " → " in UTF-8.
const ARROW: &[u8; 5] = b" \xe2\x86\x92 ";

/// Writes the one-line summary: No., time, source, destination, protocol, length, info.
pub fn write_summary<S: Sink>(out: &mut S, d: &Dissection, tf: TimeFormat) {
    // Everything before the Info column is staged in one buffer without the fmt machinery and
    // appended in one copy: this line is written for every packet, and each append of a
    // few octets is a call. Pieces are moved in fixed-size blocks (an address's whole text
    // block, four table digits) and the position then advanced by their real length; what a
    // block leaves past it is overwritten by the next piece. Bounds: number and time <= 59
    // (the time's block reaches 80), two addresses <= 2 x 48, the arrow 5, protocol <= 32,
    // length <= 20: under LINE.
    const LINE: usize = 256;
    let mut b = [b' '; LINE];
    // Right-aligned frame number (width 5) and seconds with six decimals (width 10).
    let mut digits = [b'0'; 20];
    let i = format::dec_digits(&mut digits, d.frame_number);
    let mut n = (20 - i).max(5);
    stage_digits(&mut b, n - (20 - i), &digits, i);
    b[n] = b' ';
    n += 1;
    let (time, len) = time_text(d, tf);
    n += 10usize.saturating_sub(len);
    b[n..n + time::ROOM].copy_from_slice(&time);
    n += len;
    b[n] = b' ';
    n += 1;
    n = match (&d.cols.src, &d.cols.dst) {
        (Some(Value::Ipv6(src)), Some(Value::Ipv6(dst))) => format::ipv6_pair(src, dst, ARROW, &mut b, n),
        _ => {
            n = stage_addr(&mut b, n, &d.cols.src);
            b[n..n + ARROW.len()].copy_from_slice(ARROW);
            n += ARROW.len();
            stage_addr(&mut b, n, &d.cols.dst)
        }
    };
    b[n] = b' ';
    n += 1;
    let proto = d.cols.protocol.as_bytes();
    if proto.len() <= 32 {
        copy_short(&mut b[n..n + proto.len()], proto);
        n += proto.len();
        b[n] = b' ';
        n += 1;
        let i = format::dec_digits(&mut digits, u64::from(d.wire_len));
        n += stage_digits(&mut b, n, &digits, i);
        b[n] = b' ';
        n += 1;
        out.push_bytes(&b[..n]);
    } else {
        // A protocol column this long is no name mipscope sets; written piece by piece (the
        // staged part already ends with the space before it).
        out.push_bytes(&b[..n]);
        out.push_str(d.cols.protocol);
        out.push(' ');
        format::write_dec(out, u64::from(d.wire_len));
        out.push(' ');
    }
    write_info(out, d);
    out.push('\n');
}

/// The time column's text in `tf` in a block, and its length. The default (seconds since the
/// first frame with the capture clock's decimals, as tshark's: 6 unless the capture says) is
/// written here without the fmt machinery: every line of the packet list has one.
#[inline(always)]
fn time_text(d: &Dissection, tf: TimeFormat) -> ([u8; time::ROOM], usize) {
    if tf != TimeFormat::default() || d.untimed {
        return time::text(d, tf);
    }
    let mut b = [b' '; time::ROOM];
    let places = d.ts_digits.map_or(6, |p| usize::from(p.min(9)));
    let ns = d.rel_ns.unsigned_abs();
    // The fraction's nine digits with their leading zeros: `frac` is all '0' before them.
    let mut frac = [b'0'; 20];
    format::dec_digits(&mut frac, ns % 1_000_000_000);
    let mut digits = [b'0'; 20];
    let i = format::dec_digits(&mut digits, ns / 1_000_000_000);
    // A time before the first frame that the shown decimals make zero is "0", as tshark's.
    let shown = ns / 1_000_000_000 != 0 || (ns % 1_000_000_000) / 10u64.pow(9 - places as u32) != 0;
    let mut n = 0;
    if d.rel_ns < 0 && shown {
        b[0] = b'-';
        n = 1;
    }
    // At most 11 whole-second digits (u64 nanoseconds) and 10 of fraction: within the block.
    let whole = 20 - i.min(20);
    b[n..n + whole].copy_from_slice(&digits[20 - whole..]);
    n += whole;
    if places > 0 {
        b[n] = b'.';
        b[n + 1..n + 1 + places].copy_from_slice(&frac[11..11 + places]);
        n += 1 + places;
    }
    (b, n)
}

/// The Info column as the packet list shows it: the summary, then the frame's most severe
/// warning or error in brackets.
pub fn write_info<S: Sink>(out: &mut S, d: &Dissection) {
    out.push_str(&d.cols.info);
    if let Some(e) = d.headline_expert() {
        out.push_str(" [");
        out.push_bytes(d.text_bytes(e.text));
        out.push(']');
    }
}

/// Writes a tshark-style hex dump: offset, 16 bytes in hex, then ASCII.
/// Writes the frame's octets as `-x` does; with a reassembled payload after them (`d.extra_tab`),
/// each data source under its name as tshark prints them ("Frame (N bytes):", "Reassembled
/// IPv6 (M bytes):").
pub fn write_hex_sources<S: Sink>(out: &mut S, d: &Dissection, data: &[u8]) {
    let (frame, extra) = data.split_at((d.cap_len as usize).min(data.len()));
    match d.extra_tab.filter(|_| !extra.is_empty()) {
        Some(tab) => {
            let _ = writeln!(out, "Frame ({} bytes):", frame.len());
            write_hex_dump(out, frame);
            let _ = writeln!(out, "{tab} ({} bytes):", extra.len());
            write_hex_dump(out, extra);
        }
        None => write_hex_dump(out, frame),
    }
}

/// Lines as tshark 4.0 prints them (epan/print.c): the offset in at least four hex digits (as
/// many as the last offset needs), two spaces, sixteen octets each followed by a space, two
/// spaces, the octets as ASCII ('.' for what is not printable).
pub fn write_hex_dump<S: Sink>(out: &mut S, data: &[u8]) {
    let last = data.len().saturating_sub(1);
    let digits = (4..8).find(|d| last >> (4 * d) == 0).unwrap_or(8);
    for (i, chunk) in data.chunks(16).enumerate() {
        let _ = write!(out, "{:0digits$x}  ", i * 16);
        for k in 0..16 {
            match chunk.get(k) {
                Some(b) => {
                    let _ = write!(out, "{b:02x} ");
                }
                None => out.push_str("   "),
            }
        }
        out.push_str("  ");
        for &b in chunk {
            out.push(if (0x20..0x7f).contains(&b) { b as char } else { '.' });
        }
        out.push('\n');
    }
}

/// How `-T fields` lays out a frame's cells (tshark's `-E` options, and `-t`/`-u` for the time
/// column).
#[derive(Debug, Clone)]
pub struct FieldsFormat {
    /// Between cells (`-E separator`).
    pub sep: String,
    /// Between a field's occurrences (`-E aggregator`).
    pub aggregator: String,
    /// Which occurrences (`-E occurrence`): 'a' all, 'f' the first, 'l' the last.
    pub occurrence: char,
    /// Around every cell that is not empty (`-E quote=d|s`).
    pub quote: Option<char>,
    pub time: TimeFormat,
}

impl Default for FieldsFormat {
    fn default() -> Self {
        FieldsFormat { sep: "\t".into(), aggregator: ",".into(), occurrence: 'a', quote: None, time: TimeFormat::default() }
    }
}

/// Writes the cells of `-T fields` for one frame: the occurrences `f` picks of each field,
/// joined by its aggregator, or a column's text; cells separated by its separator.
pub fn write_fields<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], cells: &[Cell], f: &FieldsFormat) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push_str(&f.sep);
        }
        match f.quote {
            // As tshark: the whole cell (every occurrence) in quotes; a column always (even
            // when its text is empty), a field when it occurs.
            Some(q)
                if matches!(c, Cell::Column(_)) || matches!(c, Cell::Field(e) if d.nodes.iter().any(|n| e.matches(n.def))) =>
            {
                out.push(q);
                write_cell(out, d, data, c, f);
                out.push(q);
            }
            _ => write_cell(out, d, data, c, f),
        }
    }
    out.push('\n');
}

fn write_cell<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], c: &Cell, f: &FieldsFormat) {
    match c {
        Cell::Field(e) => {
            let mut nodes = d.nodes.iter().filter(|n| e.matches(n.def));
            let pick = match f.occurrence {
                'f' => nodes.next(),
                'l' => nodes.next_back(),
                _ => {
                    for (k, n) in nodes.enumerate() {
                        if k > 0 {
                            out.push_str(&f.aggregator);
                        }
                        write_field_value(out, d, data, n);
                    }
                    return;
                }
            };
            if let Some(n) = pick {
                write_field_value(out, d, data, n);
            }
        }
        Cell::Column(col) => col.write(out, d, f.time),
    }
}

/// `-z expert`: counts of expert items by severity, group, protocol and summary.
#[derive(Debug, Default)]
pub struct ExpertStats {
    rows: Vec<ExpertRow>,
    /// Where each row is in `rows`: a capture's comments make one row each (as tshark's), so
    /// rows can be many.
    at: std::collections::HashMap<ExpertKey, usize>,
    /// Distinct packet comments counted one by one; past [`MAX_COMMENT_ROWS`] the others share
    /// one row.
    comment_rows: usize,
}

type ExpertKey = (crate::expert::Severity, &'static str, &'static str, std::borrow::Cow<'static, str>);
type ExpertRow = (crate::expert::Severity, &'static str, &'static str, std::borrow::Cow<'static, str>, u64);

/// Packet comments `-z expert` lists one by one: beyond, "(other comments)" counts the rest, so
/// a capture commented frame by frame keeps the table's memory bounded.
const MAX_COMMENT_ROWS: usize = 65_536;

impl ExpertStats {
    pub fn add(&mut self, d: &Dissection) {
        use std::borrow::Cow;
        for e in &d.experts {
            // A packet comment is summarised by what it says (tshark's "Comments" rows).
            let summary = match e.def.severity {
                crate::expert::Severity::Comment => Cow::Owned(String::from_utf8_lossy(d.text_bytes(e.text)).into_owned()),
                _ => Cow::Borrowed(e.def.summary()),
            };
            self.count((e.def.severity, e.def.group.name(), e.proto, summary), 1);
        }
    }

    fn count(&mut self, mut key: ExpertKey, n: u64) {
        if let Some(&i) = self.at.get(&key) {
            if let Some(r) = self.rows.get_mut(i) {
                r.4 += n;
            }
            return;
        }
        if key.0 == crate::expert::Severity::Comment {
            if self.comment_rows >= MAX_COMMENT_ROWS {
                key.3 = std::borrow::Cow::Borrowed("(other comments)");
                if let Some(&i) = self.at.get(&key) {
                    if let Some(r) = self.rows.get_mut(i) {
                        r.4 += n;
                    }
                    return;
                }
            }
            self.comment_rows += 1;
        }
        self.at.insert(key.clone(), self.rows.len());
        self.rows.push((key.0, key.1, key.2, key.3, n));
    }

    /// Adds the counts of `other` (a part of the capture counted elsewhere).
    pub fn merge(&mut self, other: &ExpertStats) {
        for r in &other.rows {
            self.count((r.0, r.1, r.2, r.3.clone()), r.4);
        }
    }

    pub fn clear(&mut self) {
        self.rows.clear();
        self.at.clear();
        self.comment_rows = 0;
    }

    /// The table as tshark 4.0's `-z expert` prints it: a section per severity (its heading
    /// tshark's plural: "Warns"), the protocol by its short name, nothing when there are no items.
    pub fn write<S: Sink>(&self, out: &mut S) {
        use crate::expert::Severity;
        for (sev, heading) in [
            (Severity::Error, "Errors"),
            (Severity::Warn, "Warns"),
            (Severity::Note, "Notes"),
            (Severity::Chat, "Chats"),
            (Severity::Comment, "Comments"),
        ] {
            let rows: Vec<_> = self.rows.iter().filter(|r| r.0 == sev).collect();
            if rows.is_empty() {
                continue;
            }
            let total: u64 = rows.iter().map(|r| r.4).sum();
            let _ = writeln!(out, "\n{heading} ({total})\n=============");
            let _ = writeln!(out, "   Frequency      Group           Protocol  Summary");
            for r in rows {
                let _ = writeln!(out, "{:>12} {:>10} {:>18}  {}", r.4, r.1, crate::registry::protocol_short_name(r.2), r.3);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{civil_from_days, write_abs_time, write_summary, TimeFormat, MONTHS};

    /// A capture commented frame by frame: each distinct comment is a row up to the bound, the
    /// rest share one, and a comment seen again still counts on its own row.
    #[test]
    fn expert_stats_keep_comment_rows_bounded() {
        use crate::expert::Severity;
        use std::borrow::Cow;
        let mut st = super::ExpertStats::default();
        let key = |i: usize| (Severity::Comment, "Comment", "frame", Cow::Owned(format!("comment {i}")));
        for i in 0..super::MAX_COMMENT_ROWS + 4 {
            st.count(key(i), 1);
        }
        st.count(key(7), 2);
        assert_eq!(st.rows.len(), super::MAX_COMMENT_ROWS + 1);
        assert_eq!(st.rows.iter().find(|r| r.3 == "(other comments)").map(|r| r.4), Some(4));
        assert_eq!(st.rows.iter().find(|r| r.3 == "comment 7").map(|r| r.4), Some(3));
        let mut all = super::ExpertStats::default();
        all.merge(&st);
        assert_eq!(all.rows.len(), st.rows.len());
    }

    /// The columns before Info against the formatted text, for numbers of every width (the
    /// staged 8-octet blocks and the longer ones copied as they are).
    #[test]
    fn summary_numbers_match_the_formatted_text() {
        let mut d = crate::tree::Dissection::default();
        d.cols.protocol = "MIPv6";
        d.cols.info.push_str("Info");
        let mut k = 0u64;
        for digits in 1..=20u32 {
            for &v in &[10u64.saturating_pow(digits - 1), 10u64.checked_pow(digits).map_or(u64::MAX, |p| p - 1)] {
                k += 1;
                d.frame_number = v;
                d.wire_len = (v % (1 << 32)) as u32;
                // Relative times of every width, negative ones too (a file out of order).
                let ns = (v % 9_000_000_000_000_000_000) as i64 + k as i64;
                for rel in [ns, -ns] {
                    d.rel_ns = rel;
                    // The capture clock's decimals (tshark's: 0, 1, 2, 3, 6, 9), truncated.
                    for places in [None, Some(0u8), Some(1), Some(2), Some(3), Some(6), Some(9)] {
                        d.ts_digits = places;
                        let p = places.map_or(6, u32::from);
                        let (s, f) = (rel.unsigned_abs() / 1_000_000_000, rel.unsigned_abs() % 1_000_000_000);
                        let f = f / 10u64.pow(9 - p);
                        let sign = if rel < 0 && (s != 0 || f != 0) { "-" } else { "" };
                        let secs = if p == 0 { format!("{sign}{s}") } else { format!("{sign}{s}.{f:0w$}", w = p as usize) };
                        let want = format!("{:>5} {secs:>10}  →  MIPv6 {} Info\n", v, d.wire_len);
                        let mut got = String::new();
                        write_summary(&mut got, &d, TimeFormat::default());
                        assert_eq!(got, want, "frame {v}, rel_ns {rel}, {places:?} places");
                    }
                }
            }
        }
    }

    /// The address columns against each address formatted on its own: pairs of IPv6
    /// addresses drawn from a pool larger than the text cache (sets shared, texts evicted, the
    /// same address twice, the longest texts), and mixed with IPv4 or no address.
    #[test]
    fn summary_addresses_match_the_formatted_text() {
        use crate::field::Value;
        use crate::format::{ipv6_text, IPV6_TEXT_MAX};
        let text6 = |a: &[u8; 16]| {
            let mut t = [0; IPV6_TEXT_MAX];
            let n = ipv6_text(a, &mut t);
            String::from_utf8(t[..n].to_vec()).unwrap()
        };
        let mut pool: Vec<[u8; 16]> = vec![[0; 16], [0xff; 16], std::net::Ipv4Addr::new(1, 2, 3, 4).to_ipv6_mapped().octets()];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..700u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut a = [0u8; 16];
            a[..8].copy_from_slice(&0x2001_0db8_0000_0000u64.to_be_bytes());
            a[8..].copy_from_slice(&(if i % 3 == 0 { x } else { x & 0xffff_0000_ffff }).to_be_bytes());
            pool.push(a);
        }
        let mut d = crate::tree::Dissection::default();
        d.cols.protocol = "MIPv6";
        d.cols.info.push_str("Info");
        d.frame_number = 7;
        d.wire_len = 110;
        for i in 0..6000usize {
            let (a, b) =
                (pool[(i * 7) % pool.len()], pool[if i % 5 == 0 { (i * 7) % pool.len() } else { (i * 13 + 1) % pool.len() }]);
            let v4 = std::net::Ipv4Addr::new(198, 51, 100, i as u8);
            let (src, dst, want_src, want_dst) = match i % 8 {
                5 => (Some(Value::Ipv6(a)), Some(Value::Ipv4(v4.octets())), text6(&a), v4.to_string()),
                6 => (Some(Value::Ipv4(v4.octets())), Some(Value::Ipv6(b)), v4.to_string(), text6(&b)),
                7 => (None, Some(Value::Ipv6(b)), String::new(), text6(&b)),
                _ => (Some(Value::Ipv6(a)), Some(Value::Ipv6(b)), text6(&a), text6(&b)),
            };
            d.cols.src = src;
            d.cols.dst = dst;
            let mut got = String::new();
            write_summary(&mut got, &d, TimeFormat::default());
            assert_eq!(got, format!("    7   0.000000 {want_src} → {want_dst} MIPv6 110 Info\n"), "pair {i}");
        }
    }

    /// Protocol names of every length the line stages (0-32 octets) and longer ones (written
    /// piece by piece: one space before them too, not two as before).
    #[test]
    fn summary_protocols_of_every_length() {
        let mut d = crate::tree::Dissection::default();
        d.cols.info.push_str("Info");
        d.frame_number = 3;
        d.wire_len = 90;
        let names: Vec<String> = (0..=40).map(|n| (0..n).map(|i| char::from(b'A' + (i * 7 % 26) as u8)).collect()).collect();
        for name in &names {
            d.cols.protocol = Box::leak(name.clone().into_boxed_str());
            let mut got = String::new();
            write_summary(&mut got, &d, TimeFormat::default());
            assert_eq!(got, format!("    3   0.000000  →  {name} 90 Info\n"), "{} octets", name.len());
        }
    }

    #[test]
    fn abs_time_matches_the_formatted_text() {
        let mut secs: i64 = -62_167_219_200 - 86_400 * 400; // before year 0
        let mut k = 0u64;
        while secs < 253_402_300_800 + 86_400 * 800 {
            let nanos = (k.wrapping_mul(2_654_435_761) % 1_000_000_000) as u32;
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            let want = format!(
                "{} {:>2}, {} {:02}:{:02}:{:02}.{:09} UTC",
                MONTHS[(m - 1) as usize],
                d,
                y,
                rem / 3600,
                (rem / 60) % 60,
                rem % 60,
                nanos
            );
            let mut got = String::new();
            write_abs_time(&mut got, secs, nanos);
            assert_eq!(got, want, "{secs}");
            secs += 86_400 * 97 + 3_607 * (k as i64 % 23) + 1;
            k += 1;
        }
        assert!(k > 1000);
    }
}
