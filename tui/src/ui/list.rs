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

/// The columns before Info, in the order they are dropped when the pane is too narrow for all
/// of them (Info takes what is left, possibly nothing): Length first, then Time, Protocol and
/// the addresses. No. is never dropped nor cut, and a kept number (a time, a length) is never
/// cut either: a cut number reads as another number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    No,
    Time,
    Src,
    Dst,
    Protocol,
    Length,
}

const DROP_ORDER: [Col; 5] = [Col::Length, Col::Time, Col::Protocol, Col::Dst, Col::Src];

/// The columns to show and their widths, for a pane `width` wide whose rows on screen need
/// `need` (the widest No., Time and Length cells, and the longest address): addresses take what
/// they need up to a share of what the others leave (down to 8, cut with an ellipsis), Info keeps
/// at least 12 columns while anything else can go.
fn columns(width: u16, need: Need) -> Vec<(Col, u16)> {
    // A blank column after No. and Time, as before the widths followed the rows.
    let mut cols = vec![
        (Col::No, (2 + need.no).max(8)),
        (Col::Time, (need.time + 1).max(11)),
        (Col::Src, 0),
        (Col::Dst, 0),
        (Col::Protocol, 8),
        (Col::Length, need.length + 1),
    ];
    let total = |cols: &[(Col, u16)], addr: u16| -> u16 {
        cols.iter().map(|&(c, w)| if matches!(c, Col::Src | Col::Dst) { addr } else { w } + 1).sum()
    };
    /// Columns Info keeps while another column can still go.
    const INFO: u16 = 12;
    let mut dropped = DROP_ORDER.iter().peekable();
    loop {
        let others: u16 = cols.iter().filter(|(c, _)| !matches!(c, Col::Src | Col::Dst)).map(|&(_, w)| w + 1).sum();
        let n_addr = cols.iter().filter(|(c, _)| matches!(c, Col::Src | Col::Dst)).count() as u16;
        let share = width.saturating_sub(others + n_addr + INFO).checked_div(n_addr).map_or(0, |s| s.clamp(8, 39));
        let addr = (need.addr.max(11)).min(share);
        let room = if dropped.peek().is_some() { INFO } else { 0 };
        if total(&cols, addr) + room <= width {
            for (c, w) in cols.iter_mut() {
                if matches!(c, Col::Src | Col::Dst) {
                    *w = addr;
                }
            }
            return cols;
        }
        match dropped.next() {
            Some(d) => cols.retain(|(c, _)| c != d),
            None => return cols,
        }
    }
}

/// What the rows on screen need of the columns, in characters: the number (at least 5
/// digits wide), the time (at least 10), the longest address, the length (at least 5).
#[derive(Debug, Clone, Copy)]
struct Need {
    no: u16,
    time: u16,
    addr: u16,
    length: u16,
}

impl Default for Need {
    fn default() -> Self {
        Need { no: 5, time: 10, addr: 0, length: 5 }
    }
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
    let mut need = Need::default();
    for row in on_screen.clone().filter_map(|r| state.row(state.frame_at(r)?)) {
        let chars = |s: &str| u16::try_from(s.chars().count()).unwrap_or(u16::MAX);
        need.no = need.no.max(chars(&row.number.to_string()));
        need.time = need.time.max(chars(&row.time));
        need.addr = need.addr.max(chars(&row.src)).max(chars(&row.dst));
        need.length = need.length.max(chars(&row.length.to_string()));
    }
    let cols = columns(inner.width, need);
    let mut rows = Vec::with_capacity(rows_h);
    for r in on_screen {
        let Some(n) = state.frame_at(r) else { break };
        let selected = r == state.sel;
        let row = match state.row(n) {
            Some(row) => {
                let style = style_of(row);
                let cell = |c: Col, w: u16| -> Cell<'_> {
                    let w = usize::from(w);
                    match c {
                        Col::No => Cell::from(format!(
                            "{}{}{:>width$}",
                            if selected { "▶" } else { " " },
                            if u32::try_from(row.number).is_ok_and(|n| state.marked.contains(&n)) { "*" } else { " " },
                            row.number,
                            width = usize::from(need.no)
                        )),
                        Col::Time => Cell::from(format!("{:>width$}", row.time, width = usize::from(need.time))),
                        Col::Src => Cell::from(fit(&row.src, w as u16)),
                        Col::Dst => Cell::from(fit(&row.dst, w as u16)),
                        Col::Protocol => Cell::from(fit(row.protocol, w as u16)),
                        Col::Length => Cell::from(format!("{:>width$}", row.length, width = usize::from(need.length))),
                    }
                };
                TRow::new(cols.iter().map(|&(c, w)| cell(c, w)).chain([Cell::from(row.info.as_str())])).style(style)
            }
            None => TRow::new([Cell::from(format!("{n:>width$}", width = 2 + usize::from(need.no))), Cell::from("      …")]),
        };
        rows.push(if selected { row.reversed() } else { row });
    }
    let constraints = cols.iter().map(|&(_, w)| Constraint::Length(w)).chain([Constraint::Fill(1)]);
    let title = |c: Col, w: u16| -> String {
        let w = usize::from(w);
        match c {
            Col::No => format!("{:>width$}", "No.", width = 2 + usize::from(need.no)),
            Col::Time => format!("{:>width$}", "Time", width = usize::from(need.time)),
            Col::Src => fit("Source", w as u16),
            Col::Dst => fit("Destination", w as u16),
            Col::Protocol => "Protocol".to_string(),
            Col::Length => "Length".to_string(),
        }
    };
    let header = TRow::new(cols.iter().map(|&(c, w)| Cell::from(title(c, w))).chain([Cell::from("Info")]))
        .style(Style::new().add_modifier(Modifier::BOLD));
    Widget::render(Table::new(rows, constraints).header(header).column_spacing(1), inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the pane's width, No. is shown whole; a kept Time or Length is as wide as the
    /// rows need; what is kept fits (Info may get nothing); columns go in the drop order. A
    /// helper saw frames 399999 and 400000 listed as 3999 and 4000 at 44 columns, and times cut
    /// to "2.0": the table shrank every column to fit.
    #[test]
    fn narrow_panes_drop_columns_instead_of_cutting_numbers() {
        for no in [5u16, 6, 7, 10] {
            for width in 0..=220u16 {
                let need = Need { no, time: 12, addr: 29, length: 5 };
                let cols = columns(width, need);
                assert_eq!(cols[0], (Col::No, (2 + no).max(8)), "width {width}");
                let sum: u16 = cols.iter().map(|&(_, w)| w + 1).sum();
                assert!(sum <= width || cols.len() == 1, "width {width}: {cols:?}");
                // Info keeps 12 columns while something else could have gone.
                assert!(cols.len() <= 2 || sum + 12 <= width, "width {width}: {cols:?}");
                for &(c, w) in &cols {
                    match c {
                        Col::Time => assert!(w > need.time),
                        Col::Length => assert!(w > need.length),
                        Col::Src | Col::Dst => assert!(w >= 8),
                        _ => {}
                    }
                }
                // Dropped columns are the first ones of the drop order.
                let gone: Vec<Col> = DROP_ORDER.iter().copied().filter(|d| !cols.iter().any(|(c, _)| c == d)).collect();
                assert_eq!(gone, DROP_ORDER[..gone.len()], "width {width}");
            }
        }
        // Wide enough: everything, the addresses at what they need.
        let cols = columns(160, Need { no: 5, time: 10, addr: 15, length: 5 });
        assert_eq!(cols, [(Col::No, 8), (Col::Time, 11), (Col::Src, 15), (Col::Dst, 15), (Col::Protocol, 8), (Col::Length, 6)]);
    }
}
