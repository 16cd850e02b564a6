//! The filter bar (top), the status bar (bottom) and the help overlay.

use super::{COLOURS, KEYS};
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
            let mut spans = vec![Span::styled(what, Style::new().add_modifier(Modifier::BOLD))];
            spans.extend(with_caret(&[(&bar.text, Style::new())], bar.cursor));
            Line::from(spans)
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
                    spans.extend(with_caret(&[(&bar.text, ok)], bar.cursor));
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
                    let parts = [(a, bad), (b, bad.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)), (c, bad)];
                    spans.extend(with_caret(&parts, bar.cursor));
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

/// The bar's text in its parts' styles, the character at the insertion point (`cursor`, a
/// byte offset) reversed: the caret is where the next key types, a reversed blank after the
/// text when it is at the end.
fn with_caret(parts: &[(&str, Style)], cursor: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    let caret = |s: Style| s.add_modifier(Modifier::REVERSED);
    for &(text, style) in parts {
        let end = at + text.len();
        match text.get(cursor.wrapping_sub(at)..).and_then(|rest| rest.chars().next()).filter(|_| (at..end).contains(&cursor)) {
            Some(c) => {
                let k = cursor - at;
                out.push(Span::styled(text[..k].to_string(), style));
                out.push(Span::styled(c.to_string(), caret(style)));
                out.push(Span::styled(text[k + c.len_utf8()..].to_string(), style));
            }
            None => out.push(Span::styled(text.to_string(), style)),
        }
        at = end;
    }
    if cursor >= at {
        out.push(Span::styled(" ", caret(Style::new())));
    }
    out
}

/// One field of the status bar: its text, a shorter one for a narrow screen, and how much it
/// matters (the least important is shortened, then dropped, first).
struct Field {
    full: String,
    short: String,
    rank: u8,
}

fn field(rank: u8, full: String, short: impl Into<String>) -> Field {
    Field { full, short: short.into(), rank }
}

const SEP: &str = " │ ";

/// The status line in `width` columns: the fields whole if they fit, else the least important
/// ones shortened (by rank), else dropped. The transient message comes after them: while it is
/// shown the fields are shortened to leave it room (never dropped for it: they come back whole
/// when it goes); what does not fit of it is cut with an ellipsis, or left out when there is
/// hardly any room.
fn fit_status(fields: &[Field], message: Option<&str>, width: usize) -> String {
    let n = fields.len();
    let mut by_rank: Vec<usize> = (0..n).collect();
    by_rank.sort_by_key(|&i| fields[i].rank);
    let (mut short, mut keep) = (vec![false; n], vec![true; n]);
    let join = |short: &[bool], keep: &[bool]| {
        let parts: Vec<&str> = (0..n)
            .filter(|&i| keep[i])
            .map(|i| if short[i] { fields[i].short.as_str() } else { fields[i].full.as_str() })
            .collect();
        format!(" {}", parts.join(SEP))
    };
    let sep = SEP.chars().count();
    let room = |line: &str| width.saturating_sub(line.chars().count() + sep);
    let with_message = |line: String, m: &str| {
        let room = room(&line);
        if m.chars().count() <= room {
            format!("{line}{SEP}{m}")
        } else if room >= 12 {
            format!("{line}{SEP}{}…", m.chars().take(room - 1).collect::<String>())
        } else {
            line
        }
    };
    let want = message.map_or(0, |m| m.chars().count());
    let fits = |line: &str| line.chars().count() <= width && (message.is_none() || room(line) >= want);
    let mut line = join(&short, &keep);
    for &i in &by_rank {
        if fits(&line) {
            break;
        }
        short[i] = true;
        line = join(&short, &keep);
    }
    for &i in &by_rank {
        if line.chars().count() <= width {
            break;
        }
        keep[i] = false;
        line = join(&short, &keep);
    }
    match message {
        Some(m) => with_message(line, m),
        None => line,
    }
}

/// The status bar: source, packets (total, shown), pause or end of a live capture, the filter
/// pass's progress, the profile, `? help`, and the last message (until it expires).
pub fn status(state: &State, area: Rect, buf: &mut Buffer) {
    let total = state.index.len();
    let shown = state.shown();
    let name = state.source_name();
    let short_name =
        if name.chars().count() > 24 { format!("{}…", name.chars().take(23).collect::<String>()) } else { name.to_string() };
    let mut fields = Vec::new();
    match &state.live {
        // libpcap's own counts: what the kernel dropped (no room in its buffer) and what the
        // interface dropped; the app itself drops nothing (a full queue waits).
        Some(l) => {
            fields.push(field(9, format!("{name} (live)"), format!("{short_name} (live)")));
            fields.push(field(
                8,
                format!(
                    "Captured: {total} · Shown: {shown} · Dropped: {} (interface {}) · {} pkt/s",
                    l.dropped, l.if_dropped, l.rate
                ),
                format!("{total} cap · {shown} shown · {}+{} drop · {}/s", l.dropped, l.if_dropped, l.rate),
            ));
            match &l.ended {
                None if state.paused.is_some() => fields.push(field(7, "PAUSED (p resumes)".into(), "PAUSED")),
                None => {}
                Some(_) => fields.push(field(7, "capture ended".into(), "ended")),
            }
        }
        None => {
            fields.push(field(9, name.to_string(), short_name));
            let indexing = if state.index_done.is_none() { " (indexing…)" } else { "" };
            fields.push(field(
                8,
                format!("Packets: {total}{indexing} · Shown: {shown}"),
                format!("{total}{indexing} · {shown} shown"),
            ));
        }
    }
    if !state.marked.is_empty() {
        fields.push(field(2, format!("Marked: {}", state.marked.len()), format!("{} marked", state.marked.len())));
    }
    if let Some(f) = &state.filter {
        match &f.done {
            None if state.live.is_some() => fields.push(field(
                6,
                format!("Filtering as captured, {} read (Esc stops)", f.read),
                format!("Filtering, {} read", f.read),
            )),
            None => {
                let pct = if total > 0 { (f.read.min(total as u64) * 100) / total as u64 } else { 0 };
                fields.push(field(6, format!("Filtering {pct}% (Esc cancels)"), format!("Filtering {pct}%")));
            }
            Some(Err(e)) => fields.push(field(6, format!("Filter stopped: {e}"), "Filter stopped")),
            Some(Ok(_)) => {}
        }
    }
    fields.push(field(5, format!("Profile: {}", state.profile), state.profile.clone()));
    fields.push(field(4, "? help".into(), "? help"));
    let text = fit_status(&fields, state.message.as_deref(), usize::from(area.width));
    Paragraph::new(text).style(Style::new().bg(Color::DarkGray).fg(Color::White)).render(area, buf);
}

/// `text` cut into lines of at most `w` columns, at spaces where it can be.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let (have, add) = (line.chars().count(), word.chars().count());
        if have > 0 && have + 1 + add > w {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        // A word wider than the box is cut where it must be.
        while line.chars().count() > w {
            let head: String = line.chars().take(w).collect();
            line = line.chars().skip(w).collect();
            out.push(head);
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The help box on a screen `area`: where it goes and its lines (every key, its description
/// wrapped to the box rather than cut, so nothing is lost on a narrow screen).
pub fn help_layout(area: Rect) -> (Rect, Vec<Line<'static>>) {
    let key_w = KEYS.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let want_w = KEYS.iter().map(|(_, w)| key_w + w.chars().count() + 5).max().unwrap_or(20) as u16;
    let w = want_w.min(area.width);
    let desc_w = usize::from(w.saturating_sub(2)).saturating_sub(key_w + 3);
    let key_style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    let mut rows = |table: &[(&'static str, &'static str)], style: &dyn Fn(&str) -> Style| {
        for &(k, what) in table {
            for (i, part) in wrap(what, desc_w).into_iter().enumerate() {
                let key = if i == 0 { k } else { "" };
                lines.push(Line::from(vec![Span::styled(format!(" {key:<key_w$}  "), style(k)), Span::raw(part)]));
            }
        }
    };
    rows(KEYS, &|_| key_style);
    rows(&[("", ""), ("Packet rows", "")], &|_| Style::new().add_modifier(Modifier::BOLD));
    rows(COLOURS, &|k| super::list::colour_style(k));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    (r, lines)
}

/// Lines of the help and how many the box shows at once, on a screen `area` (the help
/// scrolls by them).
pub fn help_rows(area: Rect) -> (usize, usize) {
    let (r, lines) = help_layout(area);
    (lines.len(), usize::from(r.height.saturating_sub(2)))
}

/// The keys, in a box over the middle of the screen, from line `top`; when they do not all
/// fit, the bottom rule says which lines are shown and how to see the rest.
pub fn help(top: usize, area: Rect, buf: &mut Buffer) {
    let (r, lines) = help_layout(area);
    let rows = usize::from(r.height.saturating_sub(2));
    let top = top.min(lines.len().saturating_sub(rows));
    let mut block = Block::new().borders(Borders::ALL).title(" Keys (? or Esc closes) ");
    if rows < lines.len() {
        let more = if top + rows < lines.len() { "↓ more: j/k PgDn PgUp" } else { "↑ j/k PgUp" };
        let at = format!(" {}-{} of {}, {more} ", top + 1, (top + rows).min(lines.len()), lines.len());
        block = block.title_bottom(Line::styled(at, Style::new().add_modifier(Modifier::BOLD)).right_aligned());
    }
    Clear.render(r, buf);
    Paragraph::new(lines.into_iter().skip(top).take(rows).collect::<Vec<_>>()).block(block).render(r, buf);
}
