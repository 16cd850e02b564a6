//! JSON output: one object per frame with its summary columns, the field tree (every node
//! with name, shown text, value, offset and length) and its expert items.
//!
//! Written directly into a string rather than through an intermediate `serde_json::Value`,
//! so a large capture streams without an allocation per field; the tests parse the result
//! with serde_json to prove it is valid.

use super::{write_addr, write_field_value, write_label};
use crate::field::Value;
use crate::tree::{Dissection, Node};
use std::fmt::Write;

/// Appends `s` as a JSON string literal.
pub fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    // Copy runs that need no escaping in one go; find the next byte to escape eight bytes at
    // a time (labels are long and almost never need it).
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            const ONES: u64 = 0x0101_0101_0101_0101;
            const HIGH: u64 = 0x8080_8080_8080_8080;
            let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
            // Bytes below 0x20, '"' and '\\' (bytes >= 0x80 are UTF-8 and pass through).
            let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            if below | has_zero(x ^ (ONES * u64::from(b'"'))) | has_zero(x ^ (ONES * u64::from(b'\\'))) == 0 {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn write_value(out: &mut String, d: &Dissection, data: &[u8], n: &Node, scratch: &mut String) {
    match n.value {
        // A layer's or subtree's bytes are its offset and length into the frame's "bytes".
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Uint(v) if !matches!(n.def.base, crate::field::Base::Hex | crate::field::Base::HexDec) || v < (1 << 53) => {
            crate::field::write_dec(out, v);
        }
        Value::Int(v) => {
            let _ = write!(out, "{v}");
        }
        Value::Bytes if n.def.base != crate::field::Base::Colon => {
            // Hex digits never need escaping.
            out.push('"');
            write_field_value(out, d, data, n);
            out.push('"');
        }
        _ => {
            scratch.clear();
            write_field_value(scratch, d, data, n);
            write_json_str(out, scratch);
        }
    }
}

/// Writes one frame as a JSON object (no trailing newline).
pub fn write_frame(out: &mut String, d: &Dissection, data: &[u8]) {
    let mut scratch = String::new();
    let _ = write!(out, "{{\"frame\":{},\"summary\":{{\"source\":", d.frame_number);
    scratch.clear();
    write_addr(&mut scratch, d.cols.src);
    write_json_str(out, &scratch);
    out.push_str(",\"destination\":");
    scratch.clear();
    write_addr(&mut scratch, d.cols.dst);
    write_json_str(out, &scratch);
    out.push_str(",\"protocol\":");
    write_json_str(out, d.cols.protocol);
    out.push_str(",\"info\":");
    write_json_str(out, &d.cols.info);
    out.push_str("},\"bytes\":\"");
    crate::field::write_hex(out, data);
    out.push_str("\",\"layers\":[");
    let mut depth_stack: Vec<u16> = Vec::new();
    let mut first_at_level = true;
    for n in &d.nodes {
        // Close finished subtrees.
        while let Some(&top) = depth_stack.last() {
            if n.depth <= top {
                out.push_str("]}");
                depth_stack.pop();
                first_at_level = false;
            } else {
                break;
            }
        }
        if !first_at_level {
            out.push(',');
        }
        out.push_str("{\"name\":");
        write_json_str(out, n.def.abbrev);
        out.push_str(",\"show\":");
        scratch.clear();
        write_label(&mut scratch, d, data, n);
        write_json_str(out, &scratch);
        out.push_str(",\"value\":");
        write_value(out, d, data, n, &mut scratch);
        out.push_str(",\"offset\":");
        crate::field::write_dec(out, u64::from(n.offset));
        out.push_str(",\"length\":");
        crate::field::write_dec(out, u64::from(n.len));
        if n.generated {
            out.push_str(",\"generated\":true");
        }
        if n.hidden {
            out.push_str(",\"hidden\":true");
        }
        out.push_str(",\"children\":[");
        depth_stack.push(n.depth);
        first_at_level = true;
    }
    while depth_stack.pop().is_some() {
        out.push_str("]}");
    }
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
        let _ = write!(out, ",\"offset\":{},\"length\":{}}}", e.offset, e.len);
    }
    out.push_str("]}");
}

#[cfg(test)]
mod tests {
    use super::write_json_str;

    #[test]
    fn escapes_exactly_what_json_requires() {
        for s in ["", "plain text of some length here", "a\"b", "back\\slash", "tab\there\n", "\u{1}ctl", "é → ünïcode \"q\"", "12345678\"", "1234567\u{1f}"] {
            let mut out = String::new();
            write_json_str(&mut out, s);
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, s, "{out}");
        }
    }
}
