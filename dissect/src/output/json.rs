//! JSON output: one object per frame with its summary columns, the field tree (every node
//! with name, shown text, value, offset and length) and its expert items.
//!
//! Written directly into a string rather than through an intermediate `serde_json::Value`,
//! so a large capture streams without an allocation per field; the tests parse the result
//! with serde_json to prove it is valid.

use super::{write_addr, write_field_value, write_label};
use crate::field::{Kind, Value};
use crate::tree::{Dissection, Node};
use std::fmt::Write;

/// Appends `s` as a JSON string literal.
pub fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_value(out: &mut String, d: &Dissection, data: &[u8], n: &Node, scratch: &mut String) {
    match n.value {
        Value::None if n.def.kind != Kind::Protocol => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Uint(v) if !matches!(n.def.base, crate::field::Base::Hex | crate::field::Base::HexDec) || v < (1 << 53) => {
            let _ = write!(out, "{v}");
        }
        Value::Int(v) => {
            let _ = write!(out, "{v}");
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
    out.push_str("},\"layers\":[");
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
        let _ = write!(out, ",\"offset\":{},\"length\":{}", n.offset, n.len);
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
