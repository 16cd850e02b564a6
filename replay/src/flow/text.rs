//! The diagram as text, drawn like the drafts' figures: lifelines down, one arrow a message
//! with its label above it, the time and frame number on the left, findings under their arrow.
//! Unicode box drawing, or plain ASCII (`--ascii`) for mail and old terminals.

use super::{heading, seconds, Flow};
use std::io;

/// Characters of one drawing style.
struct Pen {
    life: char,
    shaft: char,
    data: char,
    right: char,
    left: char,
    own: &'static str,
    finding: &'static str,
    ascii: bool,
}

impl Pen {
    /// Text as this pen writes it: in ASCII, the few symbols the dissector's words use are
    /// spelled out and anything else becomes `?`.
    fn text(&self, s: &str) -> String {
        if !self.ascii || s.is_ascii() {
            return s.to_string();
        }
        let mut o = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                c if c.is_ascii() => o.push(c),
                '→' => o.push_str("->"),
                '←' => o.push_str("<-"),
                '↔' => o.push_str("<->"),
                '§' => o.push_str("sec. "),
                '–' | '—' => o.push('-'),
                '…' => o.push_str("..."),
                _ => o.push('?'),
            }
        }
        o
    }
}

const UNICODE: Pen =
    Pen { life: '│', shaft: '─', data: '┄', right: '▶', left: '◀', own: "├─↺", finding: "⚠", ascii: false };
const ASCII: Pen = Pen { life: '|', shaft: '-', data: '.', right: '>', left: '<', own: "|-@", finding: "!", ascii: true };

/// Time (11), frame number (6), then the columns.
const LEFT: usize = 20;

/// Draws the whole diagram.
pub fn render(flow: &Flow, ascii: bool) -> String {
    let mut v = Vec::new();
    // Writing to a Vec cannot fail, and only `str`s are written.
    let _ = write(flow, ascii, &mut v);
    String::from_utf8(v).unwrap_or_default()
}

/// Draws the diagram into `w`, a buffer's worth at a time (a diagram of a whole capture is
/// large: it is never held in memory at once).
pub fn write(flow: &Flow, ascii: bool, w: &mut dyn io::Write) -> io::Result<()> {
    let pen = if ascii { &ASCII } else { &UNICODE };
    let mut out = String::with_capacity(FLUSH_AT + 4096);
    if flow.arrows.is_empty() {
        return w.write_all(b"(no signalling messages)\n");
    }
    let heads: Vec<(&str, String, String)> = flow.nodes.iter().map(heading).collect();
    let widest = heads.iter().map(|(r, a, c)| r.len().max(a.len()).max(c.len())).max().unwrap_or(0);
    let step = (widest + 4).max(16);
    let xs: Vec<usize> = (0..flow.nodes.len()).map(|i| LEFT + step / 2 + i * step).collect();
    let mut row = Row::new(LEFT + step * flow.nodes.len());
    let centred = |row: &mut Row, x: usize, s: &str| row.paint(x.saturating_sub(s.chars().count() / 2), s);
    for (x, (r, _, _)) in xs.iter().zip(&heads) {
        centred(&mut row, *x, r);
    }
    row.flush(&mut out);
    for (x, (_, a, _)) in xs.iter().zip(&heads) {
        centred(&mut row, *x, a);
    }
    row.flush(&mut out);
    if heads.iter().any(|h| !h.2.is_empty()) {
        for (x, (_, _, c)) in xs.iter().zip(&heads) {
            centred(&mut row, *x, c);
        }
        row.flush(&mut out);
    }
    row.paint(0, &format!("{:>11} {:>6}", "time", "frame"));
    row.lifelines(&xs, pen.life);
    row.flush(&mut out);
    for a in &flow.arrows {
        let (Some(&xf), Some(&xt)) = (xs.get(a.from), xs.get(a.to)) else { continue };
        let (lo, hi) = (xf.min(xt), xf.max(xt));
        // The label line: time, frame, the label above the arrow.
        row.lifelines(&xs, pen.life);
        row.paint(0, &format!("{:>11} {:>6}", seconds(a.rel_ns), a.frame));
        let mut label = String::new();
        if !a.findings.is_empty() {
            label.push_str(pen.finding);
            label.push(' ');
        }
        label.push_str(&a.label);
        row.paint(lo + 2, &pen.text(&label));
        row.flush(&mut out);
        // The arrow.
        row.lifelines(&xs, pen.life);
        if xf == xt {
            row.paint(xf, pen.own);
        } else {
            let shaft = if a.data { pen.data } else { pen.shaft };
            for x in lo + 1..hi {
                row.set(x, shaft);
            }
            if xt > xf {
                row.set(hi - 1, pen.right);
            } else {
                row.set(lo + 1, pen.left);
            }
        }
        row.flush(&mut out);
        for f in &a.findings {
            row.lifelines(&xs, pen.life);
            row.paint(lo + 2, &pen.text(&format!("{} {}: {} [{}]", pen.finding, f.severity.name(), f.text, f.abbrev)));
            row.flush(&mut out);
        }
        if out.len() >= FLUSH_AT {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    row.lifelines(&xs, pen.life);
    row.flush(&mut out);
    w.write_all(out.as_bytes())
}

/// Output is handed on once this much has accumulated.
const FLUSH_AT: usize = 1 << 16;

/// One line being drawn: cells that later strokes overwrite (a label crosses lifelines, as
/// in the drafts' figures).
struct Row {
    cells: Vec<char>,
    width: usize,
}

impl Row {
    fn new(width: usize) -> Self {
        Row { cells: vec![' '; width], width }
    }

    fn set(&mut self, x: usize, c: char) {
        if x >= self.cells.len() {
            self.cells.resize(x + 1, ' ');
        }
        if let Some(cell) = self.cells.get_mut(x) {
            *cell = c;
        }
    }

    fn paint(&mut self, x: usize, s: &str) {
        for (i, c) in s.chars().enumerate() {
            // Control characters never reach the terminal.
            self.set(x + i, if c.is_control() { ' ' } else { c });
        }
    }

    fn lifelines(&mut self, xs: &[usize], c: char) {
        for &x in xs {
            self.set(x, c);
        }
    }

    /// Appends the line without trailing blanks and starts a blank one.
    fn flush(&mut self, out: &mut String) {
        let end = self.cells.iter().rposition(|c| *c != ' ').map_or(0, |i| i + 1);
        out.extend(self.cells.get(..end).unwrap_or(&[]));
        out.push('\n');
        self.cells.clear();
        self.cells.resize(self.width, ' ');
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_spells_out_symbols() {
        assert_eq!(super::ASCII.text("UDP 1 → 2 (RFC 5648 §4.3) é"), "UDP 1 -> 2 (RFC 5648 sec. 4.3) ?");
        assert_eq!(super::UNICODE.text("1 → 2"), "1 → 2");
    }
}
