//! The packet list's columns as `-T fields` cells, under tshark's names for them:
//! `_ws.col.<title>` with the default column titles ("No.", "Time", "Source", "Destination",
//! "Protocol", "Length", "Info"), so that a tshark user's `-e _ws.col.Info` list keeps working.
//! Each cell is the text the packet list shows in that column (the same writers make both),
//! without the list's alignment padding. tshark 4.0 takes these names in `-e` only, not in
//! display filters, and so does mipscope.

use super::{time_text, write_addr, write_info, TimeFormat};
use crate::format::{self, Sink};
use crate::tree::Dissection;

/// One column of the packet list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Time,
    Source,
    Destination,
    Protocol,
    Length,
    Info,
}

/// What `-T fields` prints in a cell: a field's every occurrence, or a column.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    Field(&'static crate::registry::Entry),
    Column(Column),
}

impl Cell {
    /// The cell `-e NAME` asks for: a column by its `_ws.col.` name, else a registry field.
    pub fn named(name: &str) -> Option<Cell> {
        Column::named(name).map(Cell::Column).or_else(|| crate::registry::entry(name).map(Cell::Field))
    }
}

/// The prefix tshark files the columns under.
pub const PREFIX: &str = "_ws.col.";

impl Column {
    pub const ALL: [Column; 7] =
        [Column::Number, Column::Time, Column::Source, Column::Destination, Column::Protocol, Column::Length, Column::Info];

    /// The column's title in tshark's default layout (its name is [`PREFIX`] + title).
    pub fn title(self) -> &'static str {
        match self {
            Column::Number => "No.",
            Column::Time => "Time",
            Column::Source => "Source",
            Column::Destination => "Destination",
            Column::Protocol => "Protocol",
            Column::Length => "Length",
            Column::Info => "Info",
        }
    }

    /// What the column shows, for `mipscope fields`.
    pub fn description(self) -> &'static str {
        match self {
            Column::Number => "Frame number",
            Column::Time => "Seconds since the first frame, with the capture's decimals (or as -t and -u say)",
            Column::Source => "Source address (network layer, else link layer)",
            Column::Destination => "Destination address (network layer, else link layer)",
            Column::Protocol => "Highest protocol decoded",
            Column::Length => "Frame length on the wire",
            Column::Info => "Summary of the frame, with its most severe warning or error",
        }
    }

    /// The column named `_ws.col.<title>` (titles match exactly, as tshark's do).
    pub fn named(name: &str) -> Option<Column> {
        let title = name.strip_prefix(PREFIX)?;
        Column::ALL.into_iter().find(|c| c.title() == title)
    }

    /// Writes the column's text for `d` (its time in `tf`).
    pub fn write<S: Sink>(self, out: &mut S, d: &Dissection, tf: TimeFormat) {
        match self {
            Column::Number => format::write_dec(out, d.frame_number),
            Column::Time => {
                let (t, len) = time_text(d, tf);
                out.push_bytes(t.get(..len).unwrap_or(&[]));
            }
            Column::Source => write_addr(out, d.cols.src),
            Column::Destination => write_addr(out, d.cols.dst),
            Column::Protocol => out.push_str(d.cols.protocol),
            Column::Length => format::write_dec(out, u64::from(d.wire_len)),
            Column::Info => write_info(out, d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tsharks_and_exact() {
        assert_eq!(Column::named("_ws.col.Info"), Some(Column::Info));
        assert_eq!(Column::named("_ws.col.No."), Some(Column::Number));
        assert_eq!(Column::named("_ws.col.info"), None);
        assert_eq!(Column::named("_ws.col."), None);
        assert_eq!(Column::named("Info"), None);
        for c in Column::ALL {
            assert_eq!(Column::named(&format!("{PREFIX}{}", c.title())), Some(c));
        }
    }
}
