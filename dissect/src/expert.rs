//! Expert items: Wireshark's idea of findings attached to the bytes that caused them.
//!
//! Each [`ExpertDef`] carries its own [`FieldDef`], so an expert item is also a field that
//! `-T fields`, JSON and later display filters can select (`mip6.csum.bad`, `_ws.malformed`).

use crate::field::{FieldDef, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A capture file's packet comment (Wireshark's `PI_COMMENT`).
    Comment,
    Chat,
    Note,
    Warn,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Comment => "Comment",
            Severity::Chat => "Chat",
            Severity::Note => "Note",
            Severity::Warn => "Warning",
            Severity::Error => "Error",
        }
    }
    /// Wireshark's numeric severity (`_ws.expert.severity`).
    pub fn code(self) -> u64 {
        match self {
            Severity::Comment => 0x0010_0000,
            Severity::Chat => 0x0020_0000,
            Severity::Note => 0x0040_0000,
            Severity::Warn => 0x0060_0000,
            Severity::Error => 0x0080_0000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Checksum,
    Sequence,
    Protocol,
    Undecoded,
    Malformed,
    /// A protocol element a later RFC deprecates (Wireshark's `PI_DEPRECATED`).
    Deprecated,
    /// A capture file's packet comment (`PI_COMMENTS_GROUP`).
    Comment,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Checksum => "Checksum",
            Group::Sequence => "Sequence",
            Group::Protocol => "Protocol",
            Group::Undecoded => "Undecoded",
            Group::Malformed => "Malformed",
            Group::Deprecated => "Deprecated",
            Group::Comment => "Comment",
        }
    }
    /// Wireshark's numeric group (`_ws.expert.group`).
    pub fn code(self) -> u64 {
        match self {
            Group::Checksum => 0x0100_0000,
            Group::Sequence => 0x0200_0000,
            Group::Protocol => 0x0900_0000,
            Group::Undecoded => 0x0500_0000,
            Group::Malformed => 0x0700_0000,
            Group::Deprecated => 0x0e00_0000,
            Group::Comment => 0x0b00_0000,
        }
    }
}

/// One row of the expert registry.
#[derive(Debug)]
pub struct ExpertDef {
    pub field: FieldDef,
    pub group: Group,
    pub severity: Severity,
}

impl ExpertDef {
    pub const fn new(abbrev: &'static str, group: Group, severity: Severity, summary: &'static str) -> Self {
        ExpertDef { field: FieldDef::new(abbrev, summary, Kind::None), group, severity }
    }
    pub fn abbrev(&self) -> &'static str {
        self.field.abbrev
    }
    pub fn summary(&self) -> &'static str {
        self.field.name
    }
}

/// An expert item raised while dissecting one frame.
#[derive(Debug, Clone, Copy)]
pub struct ExpertItem {
    pub def: &'static ExpertDef,
    /// Frame offset of the offending bytes.
    pub offset: u32,
    pub len: u32,
    /// The message (summary plus details) in the dissection's text arena.
    pub text: (u32, u32),
    /// Protocol the item was raised in (`mipv6`, `ipv6`, …).
    pub proto: &'static str,
}

// The generic items every layer uses. Layer-specific ones live with their layer.
pub static MALFORMED: ExpertDef = ExpertDef::new("_ws.malformed", Group::Malformed, Severity::Error, "Malformed Packet");
pub static TRUNCATED: ExpertDef = ExpertDef::new(
    "_ws.malformed.truncated",
    Group::Malformed,
    Severity::Error,
    "Truncated packet: the header says more bytes than were captured",
);
pub static DEPTH_LIMIT: ExpertDef = ExpertDef::new(
    "_ws.malformed.depth_limit",
    Group::Undecoded,
    Severity::Warn,
    "Too many nested headers or tunnels; dissection stopped",
);
pub static UNDECODED: ExpertDef = ExpertDef::new("_ws.undecoded", Group::Undecoded, Severity::Note, "Data not dissected");

pub static INVOKING_TRUNCATED: ExpertDef = ExpertDef::new(
    "icmpv6.invoking.truncated",
    Group::Protocol,
    Severity::Note,
    "Invoking packet inside an ICMPv6 error or a Redirected Header is cut short (allowed by RFC 4443 §2.4, RFC 4861 §4.6.3)",
);

pub static SNAPPED_CUT: ExpertDef = ExpertDef::new(
    "_ws.malformed.snapped",
    Group::Malformed,
    Severity::Warn,
    "Packet size limited during capture: header truncated",
);

pub static EXPERTS: &[&ExpertDef] = &[&MALFORMED, &TRUNCATED, &DEPTH_LIMIT, &UNDECODED, &INVOKING_TRUNCATED, &SNAPPED_CUT];
