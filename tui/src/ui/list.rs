//! The packet list: only the rows on screen are built (the list is virtual; a row is dissected
//! for its columns when it scrolls into view), coloured by message family, with warnings,
//! errors and failed rules overriding or marking the family's colour.

use super::pane;
use crate::app::{Family, Pane, Row, State};
use dissect::expert::Severity;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::widgets::{Cell, Row as TRow, Table, Widget};

/// Column widths for a pane `width` wide whose longest address on screen is `longest`: the
/// addresses take what they need, up to a share of what No., Time, Protocol and Length leave
/// (Info keeps at least 12 columns).
fn widths(width: u16, longest: usize) -> [u16; 6] {
    let fixed = 8 + 11 + 8 + 6 + 6;
    let share = (width.saturating_sub(fixed + 12) / 2).clamp(8, 39);
    let addr = (longest.max(11) as u16).min(share);
    [8, 11, addr, addr, 8, 6]
}

/// `s` in at most `w` columns, an ellipsis marking a cut (an address cut without one would
/// read as another address).
fn fit(s: &str, w: u16) -> String {
    let w = usize::from(w);
    if s.chars().count() <= w {
        return s.to_string();
    }
    let mut out: String = s.chars().take(w.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A row's colour: red for an error expert item; yellow for a warning or a failed MUST / MUST
/// NOT rule (`mipscope check` fails on it, whatever the severity of its expert item: some are
/// notes); otherwise the message family's colour, underlined when the frame fails a SHOULD /
/// SHOULD NOT rule. The help and the README list them ([`super::COLOURS`]).
pub fn style_of(row: &Row) -> Style {
    match row.severity {
        Some(Severity::Error) => return colour_style("red"),
        Some(Severity::Warn) => return colour_style("yellow"),
        _ => {}
    }
    let family = colour_style(match row.family {
        Family::Binding => "cyan",
        Family::ReturnRoutability => "green",
        Family::Proxy => "blue",
        Family::MobileIp4 => "magenta",
        Family::Icmp => "light yellow",
        Family::Other => "",
    });
    match row.finding {
        Some(l) if l.is_absolute() => colour_style("yellow"),
        Some(_) => family.patch(colour_style("underlined")),
        None => family,
    }
}

/// The style of each colour [`super::COLOURS`] names (the help shows the name in it).
pub fn colour_style(name: &str) -> Style {
    match name {
        "cyan" => Style::new().fg(Color::Cyan),
        "green" => Style::new().fg(Color::Green),
        "blue" => Style::new().fg(Color::LightBlue),
        "magenta" => Style::new().fg(Color::Magenta),
        "light yellow" => Style::new().fg(Color::LightYellow),
        "red" => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        "yellow" => Style::new().fg(Color::Yellow),
        "underlined" => Style::new().add_modifier(Modifier::UNDERLINED),
        _ => Style::new(),
    }
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let title = match (&state.filter, &state.index_done) {
        // Until the pass has read every frame, the matches are those found so far.
        (Some(f), _) => match &f.done {
            Some(Ok(_)) => format!("Packets ({} of {} match)", f.matches.len(), state.index.len()),
            None => format!("Packets ({} of {} match so far)", f.matches.len(), state.index.len()),
            Some(Err(_)) => {
                format!("Packets ({} match in the first {} of {}: filter stopped)", f.matches.len(), f.read, state.index.len())
            }
        },
        (None, _) => "Packets".to_string(),
    };
    let inner = pane(state, Pane::List, &title, area, buf);
    let rows_h = usize::from(inner.height.saturating_sub(1));
    let on_screen = state.top..(state.top + rows_h).min(state.shown());
    let longest = on_screen
        .clone()
        .filter_map(|r| state.row(state.frame_at(r)?))
        .map(|row| row.src.chars().count().max(row.dst.chars().count()))
        .max()
        .unwrap_or(0);
    let w = widths(inner.width, longest);
    let mut rows = Vec::with_capacity(rows_h);
    for r in on_screen {
        let Some(n) = state.frame_at(r) else { break };
        let selected = r == state.sel;
        let row = match state.row(n) {
            Some(row) => {
                let style = style_of(row);
                TRow::new([
                    Cell::from(format!(
                        "{}{}{:>5}",
                        if selected { "▶" } else { " " },
                        if u32::try_from(row.number).is_ok_and(|n| state.marked.contains(&n)) { "*" } else { " " },
                        row.number
                    )),
                    Cell::from(format!("{:>10}", row.time)),
                    Cell::from(fit(&row.src, w[2])),
                    Cell::from(fit(&row.dst, w[3])),
                    Cell::from(row.protocol),
                    Cell::from(format!("{:>5}", row.length)),
                    Cell::from(row.info.as_str()),
                ])
                .style(style)
            }
            None => TRow::new([Cell::from(format!("{n:>7}")), Cell::from("      …")]),
        };
        rows.push(if selected { row.reversed() } else { row });
    }
    let constraints = w.iter().map(|&c| Constraint::Length(c)).chain([Constraint::Fill(1)]);
    let header = TRow::new(["    No.", "      Time", "Source", "Destination", "Protocol", "Length", "Info"])
        .style(Style::new().add_modifier(Modifier::BOLD));
    Widget::render(Table::new(rows, constraints).header(header).column_spacing(1), inner, buf);
}
