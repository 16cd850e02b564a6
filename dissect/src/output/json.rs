//! JSON output: one object per frame with its summary columns, the field tree (every node
//! with name, shown text, value, offset and length) and its expert items.
//!
//! Written directly into a string rather than through an intermediate `serde_json::Value`,
//! so a large capture streams without an allocation per field; the tests parse the result
//! with serde_json to prove it is valid.

use super::{write_addr, write_field_value, write_label};
use crate::field::{Base, Value};
use crate::format::Sink;
use crate::tree::{Dissection, Node};

/// Whether `b` holds a byte JSON requires escaping: a control character, `"` or `\`.
/// Nearly every string checked (labels, values) needs no escaping, and then this check is all
/// it costs, so it looks at 16 bytes per step with no early exit inside a step: a fixed-size
/// block compiles to a few vector compares.
#[inline]
fn needs_escape(b: &[u8]) -> bool {
    // Each byte maps to 0 or 1 arithmetically (no branches), so a block becomes a handful of
    // SSE2 compares; the last block overlaps the one before rather than falling back to a
    // byte loop.
    fn block(x: &[u8; 16]) -> bool {
        let mut acc = 0u8;
        for &c in x {
            acc |= u8::from(c < 0x20) | u8::from(c == b'"') | u8::from(c == b'\\');
        }
        acc != 0
    }
    if b.len() < 16 {
        let mut x = [b' '; 16];
        x[..b.len()].copy_from_slice(b);
        return block(&x);
    }
    let mut at = 0;
    while at + 16 <= b.len() {
        if block(b[at..at + 16].try_into().unwrap_or(&[b' '; 16])) {
            return true;
        }
        at += 16;
    }
    at < b.len() && block(b[b.len() - 16..].try_into().unwrap_or(&[b' '; 16]))
}

/// Appends `s` as a JSON string literal.
pub fn write_json_str<S: Sink>(out: &mut S, s: &str) {
    out.push('"');
    if needs_escape(s.as_bytes()) {
        write_escaped(out, s.as_bytes());
    } else {
        out.push_str(s);
    }
    out.push('"');
}

/// Appends the body of a JSON string literal (no quotes), escaping what JSON requires.
fn write_escaped<S: Sink>(out: &mut S, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // Cut at an ASCII byte, so both pieces stay UTF-8.
        out.push_bytes(&bytes[start..i]);
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_bytes(&bytes[start..]);
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Makes the text appended to `out` since `start` a valid JSON string body. Text is written
/// straight into the output and only moved when it turns out to need escaping (rare: packet
/// strings with quotes or control bytes), so the common case copies nothing twice.
fn escape_from<S: Sink>(out: &mut S, start: usize, scratch: &mut Vec<u8>) {
    if needs_escape(out.bytes().get(start..).unwrap_or(&[])) {
        scratch.clear();
        scratch.extend_from_slice(out.bytes().get(start..).unwrap_or(&[]));
        out.truncate(start);
        write_escaped(out, scratch);
    }
}

fn write_value<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], n: &Node, scratch: &mut Vec<u8>) {
    match n.value {
        // A layer's or subtree's bytes are its offset and length into the frame's "bytes".
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Uint(v) if !matches!(n.def.base, Base::Hex | Base::HexDec) || v < (1 << 53) => {
            crate::format::write_dec(out, v);
        }
        Value::Int(v) => super::write_int(out, v),
        Value::Double(v) if v.get().is_finite() => crate::format::write_g15(out, v.get()),
        // Generated text and strings from the packet may hold anything.
        // A string's value itself, not a cell's escapes of it.
        Value::Str => {
            out.push('"');
            let start = out.len();
            super::write_str_value(out, data, n);
            escape_from(out, start, scratch);
            out.push('"');
        }
        Value::Text(..) => {
            out.push('"');
            let start = out.len();
            write_field_value(out, d, data, n);
            escape_from(out, start, scratch);
            out.push('"');
        }
        // Hex digits, addresses, times and numbers never need escaping.
        _ => {
            out.push('"');
            write_field_value(out, d, data, n);
            out.push('"');
        }
    }
}

/// Open subtrees while writing a frame: the depths of nodes whose `children` array is still
/// open, strictly increasing. Kept on the stack for any realistic depth, so a frame allocates
/// nothing.
struct Open {
    inline: [u16; 32],
    len: usize,
    more: Vec<u16>,
}

impl Open {
    fn last(&self) -> Option<u16> {
        match self.more.last() {
            Some(&d) => Some(d),
            None => self.len.checked_sub(1).map(|i| self.inline[i]),
        }
    }
    fn push(&mut self, d: u16) {
        if self.len < self.inline.len() {
            self.inline[self.len] = d;
            self.len += 1;
        } else {
            self.more.push(d);
        }
    }
    fn pop(&mut self) -> bool {
        if self.more.pop().is_some() {
            return true;
        }
        if self.len == 0 {
            return false;
        }
        self.len -= 1;
        true
    }
}

thread_local! {
    static JSON_NODES: std::cell::RefCell<super::TextCache<232>> = std::cell::RefCell::new(super::TextCache::new());
}

/// Writes the `layers` array's contents: every node, children nested in `children`.
fn write_nodes<S: Sink>(out: &mut S, d: &Dissection, data: &[u8], cache: &mut super::TextCache<232>, scratch: &mut Vec<u8>) {
    let mut open = Open { inline: [0; 32], len: 0, more: Vec::new() };
    let mut first_at_level = true;
    for n in &d.nodes {
        // Close finished subtrees.
        while let Some(top) = open.last() {
            if n.depth <= top {
                out.push_str("]}");
                open.pop();
                first_at_level = false;
            } else {
                break;
            }
        }
        if !first_at_level {
            out.push(',');
        }
        // Name, shown text and value depend only on field and value for most nodes: see
        // `TextCache`.
        cache.write(out, n, 0, |out| {
            // Field abbreviations are plain identifiers (checked by a test below).
            out.push_str("{\"name\":\"");
            out.push_str(n.def.abbrev);
            out.push_str("\",\"show\":\"");
            let start = out.len();
            write_label(out, d, data, n);
            escape_from(out, start, scratch);
            out.push_str("\",\"value\":");
            write_value(out, d, data, n, scratch);
        });
        out.push_str(",\"offset\":");
        crate::format::write_dec(out, u64::from(n.offset));
        out.push_str(",\"length\":");
        crate::format::write_dec(out, u64::from(n.len));
        if n.generated {
            out.push_str(",\"generated\":true");
        }
        if n.hidden {
            out.push_str(",\"hidden\":true");
        }
        out.push_str(",\"children\":[");
        open.push(n.depth);
        first_at_level = true;
    }
    while open.pop() {
        out.push_str("]}");
    }
}

/// Writes one frame as a JSON object (no trailing newline).
pub fn write_frame<S: Sink>(out: &mut S, d: &Dissection, data: &[u8]) {
    let mut scratch = Vec::new();
    out.push_str("{\"frame\":");
    crate::format::write_dec(out, d.frame_number);
    // Addresses are hex digits, dots and colons: nothing to escape.
    out.push_str(",\"summary\":{\"source\":\"");
    write_addr(out, d.cols.src);
    out.push_str("\",\"destination\":\"");
    write_addr(out, d.cols.dst);
    out.push_str("\",\"protocol\":");
    write_json_str(out, d.cols.protocol);
    out.push_str(",\"info\":");
    write_json_str(out, &d.cols.info);
    out.push_str("},\"bytes\":\"");
    let (frame, extra) = data.split_at((d.cap_len as usize).min(data.len()));
    crate::format::write_hex(out, frame);
    if let Some(tab) = d.extra_tab.filter(|_| !extra.is_empty()) {
        // A reassembled payload: the second data source, which nodes past the frame point into.
        out.push_str("\",\"sources\":[{\"name\":");
        write_json_str(out, tab);
        out.push_str(",\"offset\":");
        crate::format::write_dec(out, u64::from(d.cap_len));
        out.push_str(",\"bytes\":\"");
        crate::format::write_hex(out, extra);
        out.push_str("\"}],\"layers\":[");
    } else {
        out.push_str("\",\"layers\":[");
    }
    JSON_NODES.with_borrow_mut(|cache| write_nodes(out, d, data, cache, &mut scratch));
    out.push_str("],\"experts\":[");
    for (i, e) in d.experts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        write_json_str(out, e.def.abbrev());
        out.push_str(",\"severity\":");
        write_json_str(out, e.def.severity.name());
        out.push_str(",\"group\":");
        write_json_str(out, e.def.group.name());
        out.push_str(",\"protocol\":");
        write_json_str(out, e.proto);
        out.push_str(",\"message\":");
        write_json_str(out, d.text_of(e.text));
        out.push_str(",\"offset\":");
        crate::format::write_dec(out, u64::from(e.offset));
        out.push_str(",\"length\":");
        crate::format::write_dec(out, u64::from(e.len));
        out.push('}');
    }
    out.push_str("]}");
}

#[cfg(test)]
mod tests {
    use super::{needs_escape, write_json_str};

    #[test]
    fn escapes_exactly_what_json_requires() {
        for s in [
            "",
            "plain text of some length here",
            "a\"b",
            "back\\slash",
            "tab\there\n",
            "\u{1}ctl",
            "é → ünïcode \"q\"",
            "12345678\"",
            "1234567\u{1f}",
        ] {
            let mut out = String::new();
            write_json_str(&mut out, s);
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, s, "{out}");
        }
    }

    #[test]
    fn abbreviations_need_no_escaping() {
        // write_frame copies abbreviations into "name" without escaping.
        for f in crate::registry::all_fields() {
            assert!(!needs_escape(f.abbrev.as_bytes()) && !f.abbrev.contains('"'), "{}", f.abbrev);
        }
    }

    #[test]
    fn escape_check_finds_every_escape() {
        for b in 0u8..=0x7f {
            let s = [b'a', b'b', b, b'c'];
            let want = b < 0x20 || b == b'"' || b == b'\\';
            assert_eq!(needs_escape(&s), want, "{b:#x}");
        }
        // Multi-byte UTF-8 passes through.
        assert!(!needs_escape("é → ü".as_bytes()));
    }
}
