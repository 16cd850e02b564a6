//! Where each pane goes: one function of the terminal's size, shared by rendering and by
//! `update` (which pages and scrolls by the panes' heights).

use ratatui::layout::Rect;

/// The screen, top to bottom: filter bar, packet list, detail tree, hex dump, status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub bar: Rect,
    pub list: Rect,
    pub tree: Rect,
    pub hex: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn of(r: Rect) -> Areas {
        let rest = r.height.saturating_sub(2);
        let list_h = (rest * 2 / 5).max(rest.min(3));
        let tree_h = (rest * 3 / 10).min(rest - list_h);
        let hex_h = rest - list_h - tree_h;
        let row = |y: u16, h: u16| Rect::new(r.x, r.y + y, r.width, h);
        Areas {
            bar: row(0, r.height.min(1)),
            list: row(1, list_h),
            tree: row(1 + list_h, tree_h),
            hex: row(1 + list_h + tree_h, hex_h),
            status: row(r.height.saturating_sub(1), u16::from(r.height >= 2)),
        }
    }

    /// Packet rows on screen (the pane's title and column header take two lines).
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.saturating_sub(2))
    }

    /// Lines a report view shows: it covers the three panes, under its title.
    pub fn report_rows(&self) -> usize {
        usize::from((self.list.height + self.tree.height + self.hex.height).saturating_sub(1))
    }

    pub fn tree_rows(&self) -> usize {
        usize::from(self.tree.height.saturating_sub(1))
    }

    pub fn hex_rows(&self) -> usize {
        usize::from(self.hex.height.saturating_sub(1))
    }
}
