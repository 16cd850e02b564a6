//! The filter bar (top), the status bar (bottom) and the help overlay.

use super::KEYS;
use crate::app::{BarKind, State};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

/// The filter bar: while editing, the text green when it compiles, red when not, with the part
/// the error is about underlined and the compiler's message after it; otherwise the applied
/// filter.
pub fn filter_bar(state: &State, area: Rect, buf: &mut Buffer) {
    let label = Span::styled("Filter: ", Style::new().add_modifier(Modifier::BOLD));
    let line = match &state.bar {
        Some(bar) if bar.kind == BarKind::Save => {
            let what = if state.marked.is_empty() {
                format!("Save the {} shown packets to (pcapng, Enter writes, Esc leaves): ", state.shown())
            } else {
                format!("Save the {} marked packets to (pcapng, Enter writes, Esc leaves): ", state.marked.len())
            };
            Line::from(vec![
                Span::styled(what, Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(bar.text.clone()),
                Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
            ])
        }
        Some(bar) if bar.kind == BarKind::Overwrite => Line::from(vec![
            Span::styled(
                format!("{} exists: write over it? ", bar.text),
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ),
            Span::styled("y", Style::new().add_modifier(Modifier::REVERSED)),
            Span::raw(" writes, "),
            Span::styled("n", Style::new().add_modifier(Modifier::REVERSED)),
            Span::raw(" or Esc goes back to the name"),
        ]),
        Some(bar) => {
            let mut spans = vec![label];
            match &bar.error {
                None => {
                    let ok = if bar.text.trim().is_empty() { Style::new() } else { Style::new().fg(Color::Green) };
                    spans.push(Span::styled(bar.text.clone(), ok));
                    spans.push(Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)));
                }
                Some(e) => {
                    let bad = Style::new().fg(Color::Red);
                    let start = e.pos.min(bar.text.len());
                    let end = (e.pos + e.len.max(1)).min(bar.text.len()).max(start);
                    let (a, b, c) = (
                        bar.text.get(..start).unwrap_or_default(),
                        bar.text.get(start..end).unwrap_or_default(),
                        bar.text.get(end..).unwrap_or_default(),
                    );
                    spans.push(Span::styled(a.to_string(), bad));
                    spans.push(Span::styled(b.to_string(), bad.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)));
                    spans.push(Span::styled(c.to_string(), bad));
                    spans.push(Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)));
                    let col = bar.text.get(..start).map_or(0, |s| s.chars().count()) + 1;
                    spans.push(Span::styled(format!("  ✗ column {col}: {}", e.msg), bad));
                }
            }
            Line::from(spans)
        }
        None => match &state.filter {
            Some(f) => Line::from(vec![label, Span::styled(f.text.clone(), Style::new().fg(Color::Green))]),
            None => Line::from(vec![label, Span::styled("(none: / to filter)", Style::new().fg(Color::DarkGray))]),
        },
    };
    Paragraph::new(line).render(area, buf);
}

/// The status bar: source, packets (total, shown), the filter pass's progress, the profile.
pub fn status(state: &State, area: Rect, buf: &mut Buffer) {
    let total = state.index.len();
    let mut text = match &state.live {
        // libpcap's own counts: what the kernel dropped (no room in its buffer) and what the
        // interface dropped; the app itself drops nothing (a full queue waits).
        Some(l) => {
            let mut t = format!(
                " {} (live) │ Captured: {total} · Shown: {} · Dropped: {} (interface {}) · {} pkt/s",
                state.source_name(),
                state.shown(),
                l.dropped,
                l.if_dropped,
                l.rate
            );
            match &l.ended {
                None if state.paused.is_some() => t.push_str(" │ PAUSED (p resumes)"),
                None => {}
                Some(_) => t.push_str(" │ capture ended"),
            }
            t
        }
        None => {
            let indexing = if state.index_done.is_none() { " (indexing…)" } else { "" };
            format!(" {} │ Packets: {total}{indexing} · Shown: {}", state.source_name(), state.shown())
        }
    };
    if !state.marked.is_empty() {
        text.push_str(&format!(" · Marked: {}", state.marked.len()));
    }
    if let Some(f) = &state.filter {
        match &f.done {
            None if state.live.is_some() => text.push_str(&format!(" │ Filtering as captured, {} read (Esc stops)", f.read)),
            None => {
                let pct = if total > 0 { (f.read.min(total as u64) * 100) / total as u64 } else { 0 };
                text.push_str(&format!(" │ Filtering {pct}% (Esc cancels)"));
            }
            Some(Err(e)) => text.push_str(&format!(" │ Filter stopped: {e}")),
            Some(Ok(_)) => {}
        }
    }
    text.push_str(&format!(" │ Profile: {}", state.profile));
    if let Some(m) = &state.message {
        text.push_str(" │ ");
        text.push_str(m);
    }
    text.push_str(" │ ? help");
    Paragraph::new(text).style(Style::new().bg(Color::DarkGray).fg(Color::White)).render(area, buf);
}

/// The keys, in a box over the middle of the screen.
pub fn help(area: Rect, buf: &mut Buffer) {
    let key_w = KEYS.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)),
                Span::raw(*what),
            ])
        })
        .collect();
    let want_w = KEYS.iter().map(|(k, w)| k.chars().count().max(key_w) + w.chars().count() + 5).max().unwrap_or(20) as u16;
    let w = want_w.min(area.width);
    let h = (KEYS.len() as u16 + 2).min(area.height);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    Clear.render(r, buf);
    Paragraph::new(lines).block(Block::new().borders(Borders::ALL).title(" Keys (? or Esc closes) ")).render(r, buf);
}
