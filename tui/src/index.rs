//! The capture index: where each frame's octets sit in the file, when it was captured and how
//! long it is, and nothing decoded. Built on a background thread from dissect's capture reader
//! ([`dissect::capture::stream_located`]) and sent to the UI in batches, so the first screen
//! shows while the rest of the file is still being read; memory stays at one [`Entry`] per
//! frame (32 bytes) whatever the packets hold.

use dissect::capture::{self, CaptureError, Interfaces};
use dissect::frame::FrameMeta;
use std::io::Read;

/// One frame of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Byte offset of the packet's octets in the capture.
    pub at: u64,
    /// Capture time, nanoseconds since the epoch (saturated outside 1677–2262).
    pub ts_ns: i64,
    pub cap_len: u32,
    pub wire_len: u32,
    /// Index into [`Index::links`]: the frame's link type and interface.
    pub link: u32,
}

/// A link type with the pcapng interface it was captured on (classic pcap: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub linktype: u32,
    pub interface: Option<u32>,
}

/// What the indexer sends at a time: the next frames in order, and the link table when it grew.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    pub entries: Vec<Entry>,
    pub links: Option<Vec<Link>>,
    /// The capture's interfaces when they changed (what a pcapng copy describes again).
    pub interfaces: Option<Interfaces>,
}

/// The frames indexed so far.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    pub links: Vec<Link>,
    pub interfaces: Interfaces,
}

impl Index {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn add(&mut self, b: Batch) {
        if let Some(l) = b.links {
            self.links = l;
        }
        if let Some(i) = b.interfaces {
            self.interfaces = i;
        }
        self.entries.extend_from_slice(&b.entries);
    }

    /// The metadata the dissector wants for frame `number` (1-based), as the capture reader
    /// gave it when the file was read in order.
    pub fn meta(&self, number: u64) -> Option<FrameMeta> {
        let i = usize::try_from(number.checked_sub(1)?).ok()?;
        let e = self.entries.get(i)?;
        let first = self.entries.first()?.ts_ns;
        let prev = if i == 0 { e.ts_ns } else { self.entries.get(i - 1)?.ts_ns };
        let link = self.links.get(e.link as usize).copied().unwrap_or(Link { linktype: 1, interface: None });
        Some(e.meta(number, first, prev, link))
    }
}

impl Entry {
    /// The frame's metadata as the capture reader gives it, frame `number` (1-based) of a
    /// capture whose first frame was taken at `first_ns` and the frame before at `prev_ns`.
    pub fn meta(&self, number: u64, first_ns: i64, prev_ns: i64, link: Link) -> FrameMeta {
        FrameMeta {
            number,
            ts: (self.ts_ns.div_euclid(1_000_000_000), self.ts_ns.rem_euclid(1_000_000_000) as u32),
            rel_ns: self.ts_ns.saturating_sub(first_ns),
            delta_ns: self.ts_ns.saturating_sub(prev_ns),
            wire_len: self.wire_len,
            linktype: link.linktype,
            interface: link.interface,
        }
    }
}

/// Frames per batch: small at first so the first screen comes at once, then larger so a big
/// file costs few messages.
const FIRST_BATCH: usize = 64;
const MAX_BATCH: usize = 16_384;

/// Reads `input` to the end, handing `send` the index in batches, in frame order; stops early
/// when `send` returns `false` (the UI has gone). Returns the number of frames, or the error
/// that stopped reading (the frames before it were sent).
pub fn build<R: Read + Send>(input: R, mut send: impl FnMut(Batch) -> bool) -> Result<u64, (u64, CaptureError)> {
    let mut links: Vec<Link> = Vec::new();
    let mut links_changed = false;
    let mut ifaces: Interfaces = Interfaces::new();
    let mut ifaces_changed = false;
    let mut cap = FIRST_BATCH;
    let mut batch: Vec<Entry> = Vec::with_capacity(cap);
    let mut open = true;
    let r = capture::stream_located(input, |meta, data, described, at| {
        if described != &ifaces {
            ifaces.clone_from(described);
            ifaces_changed = true;
        }
        let link = Link { linktype: meta.linktype, interface: meta.interface };
        let li = match links.iter().rposition(|l| *l == link) {
            Some(i) => i,
            None => {
                links.push(link);
                links_changed = true;
                links.len() - 1
            }
        };
        let ts_ns = meta.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(meta.ts.1));
        batch.push(Entry { at, ts_ns, cap_len: data.len() as u32, wire_len: meta.wire_len, link: li as u32 });
        if batch.len() >= cap {
            cap = (cap * 4).min(MAX_BATCH);
            let entries = std::mem::replace(&mut batch, Vec::with_capacity(cap));
            let links = links_changed.then(|| links.clone());
            let interfaces = ifaces_changed.then(|| ifaces.clone());
            (links_changed, ifaces_changed) = (false, false);
            open = send(Batch { entries, links, interfaces });
        }
        open
    });
    if open && (!batch.is_empty() || links_changed || ifaces_changed) {
        send(Batch { entries: batch, links: links_changed.then(|| links.clone()), interfaces: ifaces_changed.then_some(ifaces) });
    }
    r
}
