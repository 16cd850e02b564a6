//! A report view (statistics, flow, findings) over the three packet panes: the command's text,
//! scrolled up and down and sideways; a line while the pass runs.

use crate::app::View;
use crate::report::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

pub fn render(v: &View, area: Rect, buf: &mut Buffer) {
    let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let widest = match &v.text {
        Some(Ok(t)) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        _ => 0,
    };
    let title = match v.kind {
        Kind::Exchange(n) => format!(" Exchange flow of frame {n} (j/k scroll, Esc closes) "),
        Kind::Findings => " Findings of the shown packets (j/k select, Enter goes to the frame, Esc closes) ".to_string(),
        _ => format!(" {} of the shown packets (j/k scroll, Esc closes) ", v.kind.title()),
    };
    let mut block = Block::new().borders(Borders::TOP).border_style(style).title(Line::styled(title, style));
    // Lines wider than the screen: which columns are shown and the keys that move them, on the
    // right of the rule (drawn over the title's end when the screen is narrow).
    if widest > usize::from(area.width) {
        let at = format!(" ← → columns {}-{} of {widest} ", v.left + 1, (v.left + usize::from(area.width)).min(widest));
        block = block.title(Line::styled(at, style.add_modifier(Modifier::REVERSED)).right_aligned());
    }
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
                let l: String = l.chars().skip(v.left).collect();
                if v.kind == Kind::Findings && i == v.cursor {
                    Line::styled(l, Style::new().add_modifier(Modifier::REVERSED))
                } else {
                    Line::raw(l)
                }
            })
            .collect(),
    };
    Paragraph::new(lines).render(inner, buf);
}
