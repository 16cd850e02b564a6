//! A report view (statistics, flow) over the three packet panes: the command's text,
//! scrolled; a line while the pass runs.

use crate::app::View;
use crate::report::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

pub fn render(v: &View, area: Rect, buf: &mut Buffer) {
    let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let title = match v.kind {
        Kind::Exchange(n) => format!(" Exchange flow of frame {n} (j/k scroll, Esc closes) "),
        Kind::Findings => " Findings of the shown packets (j/k select, Enter goes to the frame, Esc closes) ".to_string(),
        _ => format!(" {} of the shown packets (j/k scroll, Esc closes) ", v.kind.title()),
    };
    let block = Block::new().borders(Borders::TOP).border_style(style).title(Line::styled(title, style));
    let inner = block.inner(area);
    block.render(area, buf);
    let lines: Vec<Line> = match &v.text {
        None if v.read == 0 => vec![Line::raw("Reading the capture… (Esc stops)")],
        None => vec![Line::raw(format!("Reading the capture… {} frames read (Esc stops)", v.read))],
        Some(Err(e)) => vec![Line::styled(format!("No report: {e}"), Style::new().fg(Color::Red))],
        Some(Ok(t)) => t
            .lines()
            .enumerate()
            .skip(v.top)
            .take(usize::from(inner.height))
            .map(|(i, l)| {
                if v.kind == Kind::Findings && i == v.cursor {
                    Line::styled(l.to_string(), Style::new().add_modifier(Modifier::REVERSED))
                } else {
                    Line::raw(l.to_string())
                }
            })
            .collect(),
    };
    Paragraph::new(lines).render(inner, buf);
}
