//! The detail tree of the selected frame: the `-V` labels (the same `write_label`), indented,
//! with ▸/▾ on nodes that have children, generated fields (in brackets) dimmed and expert items
//! in their severity's colour.

use super::pane;
use crate::app::{Pane, State};
use dissect::expert::Severity;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Severity::Warn => Style::new().fg(Color::Yellow),
        Severity::Note => Style::new().fg(Color::LightCyan),
        Severity::Chat => Style::new().fg(Color::Blue),
        Severity::Comment => Style::new().fg(Color::Green),
    }
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let title = match &state.cur {
        Some(c) if c.alone => format!("Frame {} (alone: earlier frames not read yet)", c.number),
        Some(c) => format!("Frame {}", c.number),
        None => "Details".to_string(),
    };
    let inner = pane(state, Pane::Tree, &title, area, buf);
    let Some(cur) = &state.cur else { return };
    let vis = state.visible_nodes();
    let mut lines = Vec::new();
    let mut label = String::new();
    for &i in vis.iter().skip(cur.top).take(usize::from(inner.height)) {
        let n = &cur.d.nodes[i];
        let has_children = cur.d.nodes.get(i + 1).is_some_and(|c| c.depth > n.depth);
        let mark = match (has_children, cur.open.get(i).copied().unwrap_or(false)) {
            (true, true) => "▾ ",
            (true, false) => "▸ ",
            (false, _) => "  ",
        };
        label.clear();
        dissect::output::write_label(&mut label, &cur.d, &cur.data, n);
        let mut style = match n.expert.and_then(|e| cur.d.experts.get(e as usize)) {
            Some(e) => severity_style(e.def.severity),
            None if n.generated => Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
            None => Style::new(),
        };
        if i == cur.cursor {
            style = style.add_modifier(if state.focus == Pane::Tree { Modifier::REVERSED } else { Modifier::UNDERLINED });
        }
        let indent = "  ".repeat(usize::from(n.depth));
        lines.push(Line::from(vec![Span::raw(indent), Span::raw(mark), Span::styled(label.clone(), style)]));
    }
    Paragraph::new(lines).render(inner, buf);
}
