//! Rendering: `impl Widget for &State`, one module per pane. Rendering only reads the state:
//! every frame on screen was dissected by `update`.

pub mod bars;
pub mod details;
pub mod hex;
pub mod layout;
pub mod list;
pub mod view;

use crate::app::{Pane, State};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

/// Every key, as `?` and the README list them.
pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓ / j k", "previous / next packet, tree line or hex line (focused pane)"),
    ("← → / h l (bytes)", "previous / next byte: selects the field it is in"),
    ("PgUp PgDn", "a page up / down"),
    ("g G / Home End", "first / last"),
    ("Tab Shift-Tab", "next / previous pane (packets, tree, bytes)"),
    ("Enter Space", "packets: go to the tree; tree: expand or collapse"),
    ("→ ← / l h", "expand / collapse (collapsed: go to the parent)"),
    ("/", "display filter (Enter applies, empty clears, Esc leaves)"),
    ("${field} (in the bar)", "the field's value in the selected packet"),
    ("↑ ↓ (in the bar)", "earlier / later filters applied"),
    ("n N", "next / previous match of the filter"),
    ("f", "follow: filter to the selected packet's exchange (none: its conversation)"),
    ("Esc", "stop a running filter or f's look-up"),
    ("m", "mark / unmark the selected packet"),
    ("s", "statistics of the shown packets (mipscope stats)"),
    ("l", "packets pane: ladder of the shown packets (mipscope flow)"),
    ("L", "ladder of the selected packet's exchange (request and response)"),
    ("c", "conformance findings of the shown packets (mipscope check)"),
    ("Enter (findings)", "go to the selected finding's frame"),
    ("← → (s l L c views)", "scroll sideways when lines are wider than the screen"),
    ("Esc q (s l L c views)", "close the view (so do s, l, L, c)"),
    ("p", "pause / resume the live list and report (the capture goes on)"),
    ("click / wheel", "select a row, tree item or byte / scroll the pane"),
    ("w", "save the marked (none marked: the shown) packets to pcapng"),
    ("?", "this help (j k PgUp PgDn scroll it when it does not fit)"),
    ("q Ctrl-C", "quit"),
];

/// The packet list's colours ([`list::style_of`]), as `?` and the README list them.
pub const COLOURS: &[(&str, &str)] = &[
    ("cyan", "Mobile IPv6 / NEMO binding messages (BU, BA, BRR, BE, …)"),
    ("green", "return routability (HoTI, CoTI, HoT, CoT)"),
    ("blue", "Proxy Mobile IPv6 (a BU or BA with the P flag, seed 004's Proxy HoTI / HoT)"),
    ("magenta", "Mobile IPv4 registration"),
    ("light yellow", "ICMP and ICMPv6"),
    ("red", "an error expert item (malformed)"),
    ("yellow", "a warning, or a failed MUST / MUST NOT rule (mipscope check fails on it)"),
    ("underlined", "a failed SHOULD / SHOULD NOT rule (a note of mipscope check)"),
];

impl Widget for &State {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let a = layout::Areas::of(area);
        bars::filter_bar(self, a.bar, buf);
        match &self.view {
            Some(v) => {
                view::render(v, Rect::new(area.x, a.list.y, area.width, a.list.height + a.tree.height + a.hex.height), buf)
            }
            None => {
                list::render(self, a.list, buf);
                details::render(self, a.tree, buf);
                hex::render(self, a.hex, buf);
            }
        }
        bars::status(self, a.status, buf);
        if self.help {
            bars::help(self.help_top, area, buf);
        }
    }
}

/// A pane's frame: a top rule carrying its title, highlighted when it has the focus.
fn pane(state: &State, which: Pane, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let focused = state.focus == which && state.bar.is_none();
    let style =
        if focused { Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD) } else { Style::new().fg(Color::DarkGray) };
    let mark = if focused { "▶ " } else { "" };
    let block = Block::new().borders(Borders::TOP).border_style(style).title(Line::styled(format!(" {mark}{title} "), style));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
