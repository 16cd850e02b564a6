//! The packet list: only the rows on screen are built (the list is virtual; a row is dissected
//! for its columns when it scrolls into view), coloured by message family, with warnings and
//! errors overriding the family's colour.

use super::pane;
use crate::app::{Family, Pane, Row, State};
use dissect::expert::Severity;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::widgets::{Cell, Row as TRow, Table, Widget};

/// Column widths for a pane `width` wide: the addresses share what No., Time, Protocol and
/// Length leave with Info (up to a full IPv6 address each).
fn widths(width: u16) -> [u16; 6] {
    let fixed = 7 + 11 + 8 + 6 + 6;
    let addr = (width.saturating_sub(fixed + 24) / 2).clamp(8, 39);
    [7, 11, addr, addr, 8, 6]
}

pub fn style_of(row: &Row) -> Style {
    match row.severity {
        Some(Severity::Error) => return Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Some(Severity::Warn) => return Style::new().fg(Color::Yellow),
        _ => {}
    }
    match row.family {
        Family::Binding => Style::new().fg(Color::Cyan),
        Family::ReturnRoutability => Style::new().fg(Color::Green),
        Family::Proxy => Style::new().fg(Color::LightBlue),
        Family::MobileIp4 => Style::new().fg(Color::Magenta),
        Family::Icmp => Style::new().fg(Color::LightYellow),
        Family::Other => Style::new(),
    }
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let title = match (&state.filter, &state.index_done) {
        (Some(f), _) => format!("Packets ({} of {} match)", f.matches.len(), state.index.len()),
        (None, _) => "Packets".to_string(),
    };
    let inner = pane(state, Pane::List, &title, area, buf);
    let w = widths(inner.width);
    let rows_h = usize::from(inner.height.saturating_sub(1));
    let mut rows = Vec::with_capacity(rows_h);
    for r in state.top..(state.top + rows_h).min(state.shown()) {
        let Some(n) = state.frame_at(r) else { break };
        let selected = r == state.sel;
        let row = match state.row(n) {
            Some(row) => {
                let style = style_of(row);
                TRow::new([
                    Cell::from(format!("{}{:>5}", if selected { "▶" } else { " " }, row.number)),
                    Cell::from(format!("{:>10}", row.time)),
                    Cell::from(row.src.as_str()),
                    Cell::from(row.dst.as_str()),
                    Cell::from(row.protocol),
                    Cell::from(format!("{:>5}", row.length)),
                    Cell::from(row.info.as_str()),
                ])
                .style(style)
            }
            None => TRow::new([Cell::from(format!("{n:>6}")), Cell::from("      …")]),
        };
        rows.push(if selected { row.reversed() } else { row });
    }
    let constraints = w.iter().map(|&c| Constraint::Length(c)).chain([Constraint::Fill(1)]);
    let header = TRow::new(["   No.", "      Time", "Source", "Destination", "Protocol", "Length", "Info"])
        .style(Style::new().add_modifier(Modifier::BOLD));
    Widget::render(Table::new(rows, constraints).header(header).column_spacing(1), inner, buf);
}
