//! The frame's octets as `-x` prints them (offset, sixteen bytes in hex, ASCII), the bytes of
//! the field under the tree cursor highlighted in both columns.

use super::pane;
use crate::app::{Pane, State};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// How highlighted octets look (tests find them by it).
pub const HIGHLIGHT: Style = Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD);

pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    // A reassembled payload follows the frame's octets (the offsets of its nodes point there).
    let octets = |c: &crate::app::Current| match c.data.len().checked_sub(c.d.cap_len as usize).filter(|&x| x > 0) {
        Some(extra) => format!("{} octets + {extra} reassembled", c.d.cap_len),
        None => format!("{} octets", c.data.len()),
    };
    let title = match (&state.cur, state.highlight()) {
        (Some(c), Some(r)) => {
            format!("Bytes ({}; field at {}, {} octet{})", octets(c), r.start, r.len(), if r.len() == 1 { "" } else { "s" })
        }
        (Some(c), None) => format!("Bytes ({})", octets(c)),
        (None, _) => "Bytes".to_string(),
    };
    let inner = pane(state, Pane::Hex, &title, area, buf);
    let Some(cur) = &state.cur else { return };
    let hl = state.highlight().unwrap_or(0..0);
    // The byte cursor, shown while the pane has the focus.
    let at = (state.focus == Pane::Hex && state.bar.is_none()).then_some(cur.byte);
    let look = |i: usize| {
        let s = if hl.contains(&i) { HIGHLIGHT } else { Style::new() };
        if at == Some(i) {
            s.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        } else {
            s
        }
    };
    let mut lines = Vec::new();
    for (l, chunk) in cur.data.chunks(16).enumerate().skip(cur.hex_top).take(usize::from(inner.height)) {
        let base = l * 16;
        let mut spans = vec![Span::raw(format!("{base:04x}  "))];
        for k in 0..16 {
            let sep = if k == 7 { "  " } else { " " };
            match chunk.get(k) {
                Some(b) => {
                    let style = look(base + k);
                    // The space after a byte is highlighted too when the next byte is.
                    let gap =
                        if hl.contains(&(base + k)) && hl.contains(&(base + k + 1)) && k < 15 { style } else { Style::new() };
                    spans.push(Span::styled(format!("{b:02x}"), style));
                    spans.push(Span::styled(sep, gap));
                }
                None => spans.push(Span::raw(format!("  {sep}"))),
            }
        }
        spans.push(Span::raw(" "));
        for (k, &b) in chunk.iter().enumerate() {
            let c = if (0x20..0x7f).contains(&b) { b as char } else { '.' };
            spans.push(Span::styled(c.to_string(), look(base + k)));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(inner, buf);
}
