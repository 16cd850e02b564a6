//! The capture index: where each frame's octets sit in the file, when it was captured and how
//! long it is, and nothing decoded. Built on a background thread from dissect's capture reader
//! ([`dissect::capture::stream_located`]) and sent to the UI in batches, so the first screen
//! shows while the rest of the file is still being read; memory stays at one [`Entry`] per
//! frame (28 bytes) whatever the packets hold.

use dissect::capture::{self, CaptureError, Interfaces};
use dissect::frame::{FrameMeta, PacketOptions};
use std::io::Read;

/// One frame of the index: 28 octets (packed to 4-octet alignment, where the two 64-bit
/// fields would pad it to 32). Its fields are read by value (`{ e.at }` where a reference
/// would be taken, as `assert_eq!` does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(4))]
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

/// A link type with the pcapng interface it was captured on (classic pcap: none), and the
/// decimals its clock gives the time column (`FrameMeta::ts_digits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub linktype: u32,
    pub interface: Option<u32>,
    /// The pcapng section (from 0).
    pub section: u32,
    pub ts_digits: Option<u8>,
}

/// What the indexer sends at a time: the next frames in order, and the link table when it grew.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    pub entries: Vec<Entry>,
    pub links: Option<Vec<Link>>,
    /// The interfaces of each pcapng section described since the last batch, by section
    /// number (a section's list as its last frame in this batch saw it).
    pub interfaces: Vec<(u32, Interfaces)>,
    /// The `epb_flags` of the frames that have them: (frame number, flags), in frame order
    /// (apart from the other options: many files give every packet its direction, and this is
    /// 16 octets a frame where the whole options are 56).
    pub flags: Vec<(u64, u32)>,
    /// The other packet block options of the frames that have any (`FrameMeta::options`: drop
    /// count, queue, packet id; their flags left out), likewise.
    pub options: Vec<(u64, PacketOptions)>,
    /// The frames the capture gives no time (`FrameMeta::untimed`), in frame order.
    pub untimed: Vec<u64>,
    /// The frames whose blocks carry comments, in frame order (the comments are read again
    /// from the block when a frame is shown: [`dissect::capture::EnhancedBlock`]).
    pub commented: Vec<u64>,
}

/// Entries per chunk of [`Entries`]: 2 MiB, so the room to spare is at most that.
const CHUNK: usize = 1 << 16;

/// The index's entries in order, in chunks of [`CHUNK`] that never move once filled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entries {
    chunks: Vec<Vec<Entry>>,
    len: usize,
}

impl Entries {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&Entry> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub fn first(&self) -> Option<&Entry> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&Entry> {
        self.get(self.len.checked_sub(1)?)
    }

    /// Appends `more` in order, filling the last chunk before starting another.
    pub fn extend_from_slice(&mut self, mut more: &[Entry]) {
        while !more.is_empty() {
            let last = match self.chunks.last_mut() {
                Some(c) if c.len() < CHUNK => c,
                _ => {
                    self.chunks.push(Vec::with_capacity(CHUNK));
                    self.chunks.last_mut().expect("just pushed")
                }
            };
            let n = (CHUNK - last.len()).min(more.len());
            last.extend_from_slice(&more[..n]);
            self.len += n;
            more = &more[n..];
        }
    }

    pub fn push(&mut self, e: Entry) {
        self.extend_from_slice(std::slice::from_ref(&e));
    }

    /// The entries from `from` on, at most `max` of them (fewer at a chunk's end).
    pub fn run_from(&self, from: usize, max: usize) -> &[Entry] {
        let Some(c) = self.chunks.get(from / CHUNK) else { return &[] };
        let rest = c.get(from % CHUNK..).unwrap_or(&[]);
        &rest[..rest.len().min(max)]
    }

    /// Octets allocated for the entries (what the index costs).
    pub fn allocated(&self) -> usize {
        self.chunks.iter().map(|c| c.capacity()).sum::<usize>() * std::mem::size_of::<Entry>()
            + self.chunks.capacity() * std::mem::size_of::<Vec<Entry>>()
    }

    /// Gives back the last chunk's room to spare (the index is complete).
    pub fn shrink_to_fit(&mut self) {
        if let Some(c) = self.chunks.last_mut() {
            c.shrink_to_fit();
        }
        self.chunks.shrink_to_fit();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.chunks.iter().flatten()
    }
}

impl std::ops::Index<usize> for Entries {
    type Output = Entry;
    fn index(&self, i: usize) -> &Entry {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

/// The frames indexed so far.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Entries,
    pub links: Vec<Link>,
    /// Each section's interfaces, by section number (a frame's interface id is its section's).
    pub interfaces: Vec<Interfaces>,
    /// [`Batch::flags`], of every frame so far.
    pub flags: Vec<(u64, u32)>,
    /// [`Batch::options`], of every frame so far (few files have them: a frame costs nothing
    /// here unless it does).
    pub options: Vec<(u64, PacketOptions)>,
    /// [`Batch::untimed`], likewise.
    pub untimed: Vec<u64>,
    /// [`Batch::commented`], of every frame so far (eight octets a commented frame, whatever
    /// its comments hold).
    pub commented: Vec<u64>,
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
        for (section, list) in b.interfaces {
            let at = section as usize;
            if self.interfaces.len() <= at {
                self.interfaces.resize(at + 1, Interfaces::new());
            }
            self.interfaces[at] = list;
        }
        self.entries.extend_from_slice(&b.entries);
        self.flags.extend_from_slice(&b.flags);
        self.options.extend_from_slice(&b.options);
        self.untimed.extend_from_slice(&b.untimed);
        self.commented.extend_from_slice(&b.commented);
    }

    /// The interfaces of pcapng section `section` (empty when it described none).
    pub fn section_interfaces(&self, section: u32) -> &Interfaces {
        static NONE: Interfaces = Interfaces::new();
        self.interfaces.get(section as usize).unwrap_or(&NONE)
    }

    /// The interface the frame `meta` describes was captured on, in its own section.
    pub fn interface(&self, meta: &FrameMeta) -> Option<&dissect::capture::Interface> {
        self.section_interfaces(meta.section).get(meta.interface? as usize)
    }

    /// Whether frame `number`'s block carries comments.
    pub fn has_comments(&self, number: u64) -> bool {
        self.commented.binary_search(&number).is_ok()
    }

    /// The metadata the dissector wants for frame `number` (1-based), as the capture reader
    /// gave it when the file was read in order.
    pub fn meta(&self, number: u64) -> Option<FrameMeta> {
        let i = usize::try_from(number.checked_sub(1)?).ok()?;
        let e = self.entries.get(i)?;
        let first = self.entries.first()?.ts_ns;
        let prev = if i == 0 { e.ts_ns } else { self.entries.get(i - 1)?.ts_ns };
        let link = self.links.get(e.link as usize).copied().unwrap_or(Link {
            linktype: 1,
            interface: None,
            section: 0,
            ts_digits: None,
        });
        let options = self.options.binary_search_by_key(&number, |&(n, _)| n).ok().and_then(|i| self.options.get(i));
        let mut options = options.map(|&(_, o)| o).unwrap_or_default();
        options.flags =
            self.flags.binary_search_by_key(&number, |&(n, _)| n).ok().and_then(|i| self.flags.get(i)).map(|&(_, f)| f);
        let untimed = self.untimed.binary_search(&number).is_ok();
        // The interface's FCS length (a classic pcap file's one interface has no id).
        let iface = self.section_interfaces(link.section).get(link.interface.unwrap_or(0) as usize);
        let fcs_len = dissect::frame::fcs_len(iface.and_then(|i| i.fcslen), options.flags);
        Some(FrameMeta { options, untimed, fcs_len, ..e.meta(number, first, prev, link) })
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
            section: link.section,
            options: PacketOptions::default(),
            fcs_len: None,
            untimed: false,
            ts_digits: link.ts_digits,
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
    // The last section's interfaces as sent, and the sections described since the last batch.
    let mut ifaces: (u32, Interfaces) = (0, Interfaces::new());
    let mut described_now: Vec<(u32, Interfaces)> = Vec::new();
    let mut flags: Vec<(u64, u32)> = Vec::new();
    let mut options: Vec<(u64, PacketOptions)> = Vec::new();
    let mut untimed: Vec<u64> = Vec::new();
    let mut commented: Vec<u64> = Vec::new();
    let mut cap = FIRST_BATCH;
    let mut batch: Vec<Entry> = Vec::with_capacity(cap);
    let mut open = true;
    let r = capture::stream_located(input, |meta, data, described, at| {
        if meta.section != ifaces.0 || described.interfaces != &ifaces.1 {
            ifaces.0 = meta.section;
            ifaces.1.clone_from(described.interfaces);
            match described_now.last_mut() {
                Some(last) if last.0 == meta.section => last.1.clone_from(described.interfaces),
                _ => described_now.push(ifaces.clone()),
            }
        }
        let link = Link { linktype: meta.linktype, interface: meta.interface, section: meta.section, ts_digits: meta.ts_digits };
        if let Some(f) = meta.options.flags {
            flags.push((meta.number, f));
        }
        let others = PacketOptions { flags: None, ..meta.options };
        if !others.is_empty() {
            options.push((meta.number, others));
        }
        if meta.untimed {
            untimed.push(meta.number);
        }
        if !described.comments.is_empty() {
            commented.push(meta.number);
        }
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
            let interfaces = std::mem::take(&mut described_now);
            links_changed = false;
            open = send(Batch {
                entries,
                links,
                interfaces,
                flags: std::mem::take(&mut flags),
                options: std::mem::take(&mut options),
                untimed: std::mem::take(&mut untimed),
                commented: std::mem::take(&mut commented),
            });
        }
        open
    });
    if open && (!batch.is_empty() || links_changed || !described_now.is_empty()) {
        send(Batch {
            entries: batch,
            links: links_changed.then(|| links.clone()),
            interfaces: described_now,
            flags,
            options,
            untimed,
            commented,
        });
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> Entry {
        Entry { at: i as u64 * 100, ts_ns: i as i64, cap_len: i as u32, wire_len: 7, link: 0 }
    }

    /// Batches that straddle chunk boundaries keep every entry at its place, in order, and the
    /// room allocated is the entries' own plus at most one chunk.
    #[test]
    fn entries_across_chunks() {
        let n = 2 * CHUNK + 5;
        let all: Vec<Entry> = (0..n).map(entry).collect();
        let mut e = Entries::default();
        assert!(e.is_empty() && e.first().is_none() && e.last().is_none());
        // Batches of an odd size, so most end inside a chunk and the next fills it first.
        for b in all.chunks(16_381) {
            e.extend_from_slice(b);
        }
        assert_eq!(e.len(), n);
        assert_eq!(e.iter().copied().collect::<Vec<_>>(), all);
        for i in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, n - 1] {
            assert_eq!((e.get(i), e[i]), (Some(&all[i]), all[i]), "entry {i}");
        }
        assert_eq!(e.get(n), None);
        assert_eq!(e.last(), Some(&all[n - 1]));
        // A run stops at its chunk's end.
        assert_eq!(e.run_from(CHUNK - 2, 10), &all[CHUNK - 2..CHUNK]);
        assert_eq!(e.run_from(2 * CHUNK, 10), &all[2 * CHUNK..n]);
        assert!(e.run_from(n, 10).is_empty());
        assert_eq!(std::mem::size_of::<Entry>(), 28);
        let own = n * std::mem::size_of::<Entry>();
        assert!(e.allocated() >= own && e.allocated() <= own + CHUNK * 28 + 1024, "{}", e.allocated());
        e.shrink_to_fit();
        assert!(e.allocated() <= own + 1024, "{}", e.allocated());
        // Growing again after shrinking goes on in order.
        e.push(entry(n));
        assert_eq!((e.len(), e[n]), (n + 1, entry(n)));
    }
}
