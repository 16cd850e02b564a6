//! The diagram as a standalone SVG file (opens in any browser, embeds in a report): a box per
//! node with its role, address and care-of addresses, dashed lifelines, one `class="arrow"` line a message with
//! an arrowhead marker, its label above it and the time and frame on the left; an arrow with
//! findings is red, lists them under it and in its tooltip.

use super::{heading, seconds, Flow};
use std::fmt::Write as _;
use std::io;

/// Left margin (time and frame), column spacing, header height, row height, finding height.
const LEFT: usize = 150;
const STEP: usize = 260;
const TOP: usize = 78;
const ROW: usize = 44;
const LINE: usize = 16;

/// Draws the whole diagram.
pub fn render(flow: &Flow) -> String {
    let mut v = Vec::new();
    // Writing to a Vec cannot fail, and only `str`s are written.
    let _ = write(flow, &mut v);
    String::from_utf8(v).unwrap_or_default()
}

/// Output is handed on once this much has accumulated.
const FLUSH_AT: usize = 1 << 16;

/// Draws the diagram into `w`, a buffer's worth at a time.
pub fn write(flow: &Flow, w: &mut dyn io::Write) -> io::Result<()> {
    let n = flow.nodes.len().max(1);
    let x = |i: usize| LEFT + STEP / 2 + i * STEP;
    let rows: usize = flow.arrows.iter().map(|a| ROW + a.findings.len() * LINE).sum();
    // Labels may run past the last column.
    let longest = flow.arrows.iter().map(|a| a.label.chars().count()).max().unwrap_or(0);
    let width = (LEFT + n * STEP).max(LEFT + STEP / 2 + longest * 7 + 40);
    let height = TOP + rows + 40;
    let mut s = String::with_capacity(FLUSH_AT + 4096);
    let _ = write!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="monospace" font-size="12">
<title>mipscope flow</title>
<style>
.node rect {{ fill: #eef3fb; stroke: #36c; }}
.role {{ font-weight: bold; }}
.coa {{ font-size: 10px; fill: #555; }}
.lifeline {{ stroke: #999; stroke-dasharray: 4 3; }}
.arrow {{ stroke: #222; stroke-width: 1.4; fill: none; }}
.data .arrow {{ stroke: #888; stroke-dasharray: 2 3; }}
.findings .arrow {{ stroke: #c00; stroke-width: 2; }}
.label {{ paint-order: stroke; stroke: #fff; stroke-width: 3px; }}
.time, .frame {{ fill: #555; }}
.finding {{ fill: #c00; font-size: 11px; }}
</style>
<defs>
<marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker>
<marker id="warn" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c00"/></marker>
</defs>
<rect width="100%" height="100%" fill="#fff"/>
<text x="{tx}" y="{hy}" text-anchor="end" class="time">time</text>
<text x="{fx}" y="{hy}" text-anchor="end" class="frame">frame</text>
"##,
        tx = LEFT - 60,
        fx = LEFT - 10,
        hy = TOP - 6,
    );
    for (i, node) in flow.nodes.iter().enumerate() {
        let (role, addr, coa) = heading(node);
        let cx = x(i);
        let w = STEP - 20;
        let _ = write!(
            s,
            r#"<g class="node"><rect x="{rx}" y="8" width="{w}" height="52" rx="4"/><text x="{cx}" y="26" text-anchor="middle" class="role">{role}</text><text x="{cx}" y="40" text-anchor="middle" class="addr">{addr}</text><text x="{cx}" y="54" text-anchor="middle" class="coa">{coa}</text><line class="lifeline" x1="{cx}" y1="60" x2="{cx}" y2="{end}"/></g>"#,
            rx = cx - w / 2,
            role = esc(role),
            addr = esc(&addr),
            coa = esc(&coa),
            end = height - 10,
        );
        s.push('\n');
    }
    let mut y = TOP;
    for a in &flow.arrows {
        let (xf, xt) = (x(a.from), x(a.to));
        let ay = y + ROW - 14;
        let mut class = String::from("msg");
        if a.data {
            class.push_str(" data");
        }
        if !a.findings.is_empty() {
            class.push_str(" findings");
        }
        let _ = write!(
            s,
            r#"<g class="{class}" data-frame="{frame}"><text x="{tx}" y="{ay}" text-anchor="end" class="time">{time}</text><text x="{fx}" y="{ay}" text-anchor="end" class="frame">{frame}</text><text x="{lx}" y="{ly}" class="label">{label}</text>"#,
            frame = a.frame,
            tx = LEFT - 60,
            fx = LEFT - 10,
            time = seconds(a.rel_ns),
            lx = xf.min(xt) + 8,
            ly = ay - 6,
            label = esc(&a.label),
        );
        let head = if a.findings.is_empty() { "head" } else { "warn" };
        if xf == xt {
            let _ = write!(s, r#"<path class="arrow" d="M{xf},{y0} h40 v12 h-38" marker-end="url(#{head})"/>"#, y0 = ay - 4);
        } else {
            let _ = write!(s, r#"<line class="arrow" x1="{xf}" y1="{ay}" x2="{xt}" y2="{ay}" marker-end="url(#{head})"/>"#);
        }
        if !a.findings.is_empty() {
            s.push_str("<title>");
            for (k, f) in a.findings.iter().enumerate() {
                if k > 0 {
                    s.push('\n');
                }
                let _ = write!(s, "{}: {} [{}]", f.severity.name(), esc(&f.text), f.abbrev);
            }
            s.push_str("</title>");
            for (k, f) in a.findings.iter().enumerate() {
                let _ = write!(
                    s,
                    r#"<text x="{lx}" y="{fy}" class="finding">⚠ {sev}: {text} [{abbrev}]</text>"#,
                    lx = xf.min(xt) + 8,
                    fy = ay + 14 + k * LINE,
                    sev = f.severity.name(),
                    text = esc(&f.text),
                    abbrev = esc(f.abbrev),
                );
            }
        }
        s.push_str("</g>\n");
        y += ROW + a.findings.len() * LINE;
        if s.len() >= FLUSH_AT {
            w.write_all(s.as_bytes())?;
            s.clear();
        }
    }
    s.push_str("</svg>\n");
    w.write_all(s.as_bytes())
}

/// Text as XML character data or an attribute value; characters XML 1.0 forbids are dropped.
fn esc(t: &str) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(super::esc("a<b & \"c\" 'd'>\u{1}"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    }
}
