//! IP reassembly: IPv6 Fragment headers (RFC 8200 §4.5) and IPv4 fragments (RFC 791 §3.2),
//! so that signalling split over fragments is decoded in the frame that completes it.
//!
//! Reassembly is decided in frame order, before dissection ([`Reassembler::feed`] on the
//! reader's side of a pipeline): the frame whose fragment completes a datagram gets a
//! [`Note::Done`] with the reassembled payload, which the dissector decodes in place of that
//! fragment's own octets and shows as a second data source after the frame (Wireshark's
//! "Reassembled IPv6" tab). Only the outermost IP layer of a frame is reassembled.
//!
//! Nothing a fragment says is trusted: the table is bounded (datagrams, fragments per datagram,
//! octets held, age), a datagram that would exceed 65,535 octets, a fragment past an
//! established end, a second last fragment or one too many are refused and reported on the
//! frame that carried them, and overlaps are assembled as Wireshark does (fragments in offset
//! order, the octets already placed kept), flagged, and flagged as conflicting when the octets
//! differ.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::frame::FrameMeta;
use crate::tree::Tree;
use crate::wire::Reader;
use crate::IpProto;

/// Bounds of the table; every one of them is a refusal or an eviction, never a longer wait.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Datagrams waiting for fragments at once (the oldest is dropped for a new one).
    pub datagrams: usize,
    /// Fragments one datagram may gather (RFC 8200 needs no more than 65535/8; real senders
    /// use a handful).
    pub fragments: usize,
    /// Octets held in all waiting fragments together.
    pub octets: usize,
    /// A datagram whose first fragment is older than this (capture time, ns) is dropped.
    pub timeout_ns: i64,
    /// ... or whose first fragment is this many frames back.
    pub timeout_frames: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // Wireshark keeps IPv4/IPv6 fragments for 60 s; 4 MiB is 64 full-size datagrams.
        Limits { datagrams: 1024, fragments: 64, octets: 4 << 20, timeout_ns: 60_000_000_000, timeout_frames: 100_000 }
    }
}

/// Which IP version's reassembly (the field names differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    V4,
    V6,
}

/// One fragment of a reassembled datagram, in offset order (as Wireshark lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FragInfo {
    pub frame: u64,
    /// Offset of its octets in the reassembled payload, and how many.
    pub off: u32,
    pub len: u32,
    /// It overlaps octets an earlier fragment (in offset order) placed.
    pub overlap: bool,
    /// ... with different octets.
    pub conflict: bool,
    /// It runs past the end the last fragment set (the excess is dropped).
    pub too_long: bool,
}

/// A datagram completed by this frame's fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub family: Family,
    pub ident: u32,
    /// The payload's next protocol (IPv6: the Fragment header's Next Header; IPv4: Protocol).
    pub next: u8,
    pub frags: Vec<FragInfo>,
    /// The reassembled payload (the fragmentable part); a pipeline may move it next to the
    /// frame's octets and leave this empty.
    pub payload: Vec<u8>,
    /// Its length (kept when `payload` is moved).
    pub len: u32,
    /// Another fragment claimed to be the last with a different end.
    pub multiple_tails: bool,
}

/// Why this frame's fragment was refused (shown as an expert item at its fragment header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The reassembled packet's length field would pass 65,535 (RFC 8200 §4.5, RFC 791):
    /// `end` is what it would be.
    Oversize { end: u32 },
    /// The datagram gathered more fragments than [`Limits::fragments`]; it was dropped.
    TooMany { limit: usize },
    /// The fragment, or its datagram with it, is larger than [`Limits::octets`]; the datagram
    /// was dropped.
    TooBig,
}

/// What the reassembly pre-pass says about one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    Done(Done),
    Refused { family: Family, why: Refused },
}

impl Note {
    pub fn family(&self) -> Family {
        match self {
            Note::Done(d) => d.family,
            Note::Refused { family, .. } => *family,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    family: Family,
    src: [u8; 16],
    dst: [u8; 16],
    ident: u32,
    proto: u8,
}

#[derive(Clone)]
struct Held {
    frame: u64,
    off: u32,
    data: Vec<u8>,
}

#[derive(Clone)]
struct Pending {
    key: Key,
    first_frame: u64,
    first_ns: i64,
    next: Option<u8>,
    end: Option<u32>,
    multiple_tails: bool,
    frags: Vec<Held>,
}

/// A fragment found in a frame: where it belongs and its octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found<'a> {
    key: Key,
    off: u32,
    more: bool,
    /// IPv6: the Fragment header's Next Header (the payload's, known from any fragment).
    next: u8,
    /// Octets of the unfragmentable part (IPv4 header, or IPv6 header up to and with the
    /// Fragment header): the reassembled packet's length is this plus the payload's.
    head: u32,
    data: &'a [u8],
}

/// The reassembly table of one capture pass (cloned, it is a checkpoint a pass can resume from).
#[derive(Default, Clone)]
pub struct Reassembler {
    pub limits: Limits,
    pending: Vec<Pending>,
    octets: usize,
}

impl Reassembler {
    pub fn new(limits: Limits) -> Self {
        Reassembler { limits, pending: Vec::new(), octets: 0 }
    }

    /// Datagrams waiting and octets held (for tests of the bounds).
    pub fn held(&self) -> (usize, usize) {
        (self.pending.len(), self.octets)
    }

    /// Takes one frame in capture order; says whether its fragment completed a datagram or was
    /// refused. Frames without a fragment (nearly all) cost a look at their IP header.
    #[inline]
    pub fn feed(&mut self, meta: &FrameMeta, frame: &[u8], prefs: &crate::prefs::Prefs) -> Option<Note> {
        let f = locate(meta.linktype, frame)?;
        self.take(meta, f, prefs)
    }

    /// [`Reassembler::feed`] for a frame that carries a fragment. (Out of line: the table's
    /// work made every frame's look save and restore six registers, ~17 instructions.)
    #[inline(never)]
    fn take(&mut self, meta: &FrameMeta, f: Found<'_>, prefs: &crate::prefs::Prefs) -> Option<Note> {
        match f.key.family {
            Family::V4 if !prefs.ip_defragment => return None,
            Family::V6 if !prefs.ipv6_defragment => return None,
            _ => {}
        }
        let family = f.key.family;
        let refuse = |why| Some(Note::Refused { family, why });
        let len = f.data.len() as u32;
        let end = f.off.saturating_add(len);
        // The reassembled packet's length field: IPv4 Total Length (header included), IPv6
        // Payload Length (the unfragmentable extension headers and the payload).
        let whole = match family {
            Family::V4 => f.head.saturating_add(end),
            Family::V6 => f.head.saturating_sub(48).saturating_add(end),
        };
        if whole > 65_535 {
            return refuse(Refused::Oversize { end: whole });
        }
        if f.data.len() > self.limits.octets {
            return refuse(Refused::TooBig);
        }
        self.expire(meta);
        let i = match self.pending.iter().position(|p| p.key == f.key) {
            Some(i) => i,
            None => {
                if self.pending.len() >= self.limits.datagrams.max(1) {
                    self.drop_at(0);
                }
                self.pending.push(Pending {
                    key: f.key,
                    first_frame: meta.number,
                    first_ns: meta.rel_ns,
                    next: None,
                    end: None,
                    multiple_tails: false,
                    frags: Vec::new(),
                });
                self.pending.len() - 1
            }
        };
        if self.pending.get(i).is_some_and(|p| p.frags.len() >= self.limits.fragments) {
            self.drop_at(i);
            return refuse(Refused::TooMany { limit: self.limits.fragments });
        }
        // Room for the octets: the oldest other datagrams go first.
        let mut i = i;
        while self.octets + f.data.len() > self.limits.octets && self.pending.len() > 1 {
            let victim = usize::from(i == 0);
            self.drop_at(victim);
            if victim < i {
                i -= 1;
            }
        }
        if self.octets + f.data.len() > self.limits.octets {
            // This datagram alone would pass the cap.
            self.drop_at(i);
            return refuse(Refused::TooBig);
        }
        let p = self.pending.get_mut(i)?;
        if family == Family::V6 || f.off == 0 {
            p.next.get_or_insert(f.next);
        }
        if !f.more {
            match p.end {
                Some(e) if e != end => p.multiple_tails = true,
                _ => p.end = Some(end),
            }
        }
        p.frags.push(Held { frame: meta.number, off: f.off, data: f.data.to_vec() });
        self.octets += f.data.len();
        let p = self.pending.get(i)?;
        let done = assemble(p)?;
        self.drop_at(i);
        Some(Note::Done(done))
    }

    fn drop_at(&mut self, i: usize) {
        if i < self.pending.len() {
            let p = self.pending.remove(i);
            self.octets -= p.frags.iter().map(|h| h.data.len()).sum::<usize>();
        }
    }

    /// Drops datagrams that waited too long (by capture time or frames).
    fn expire(&mut self, meta: &FrameMeta) {
        let l = self.limits;
        while let Some(i) = self.pending.iter().position(|p| {
            meta.rel_ns.saturating_sub(p.first_ns) > l.timeout_ns || meta.number.saturating_sub(p.first_frame) > l.timeout_frames
        }) {
            self.drop_at(i);
        }
    }
}

/// The datagram if every octet up to its end is there: fragments in offset order (arrival
/// order among equals), each adding the octets past those already placed.
fn assemble(p: &Pending) -> Option<Done> {
    let end = p.end? as usize;
    let mut order: Vec<usize> = (0..p.frags.len()).collect();
    order.sort_by_key(|&k| p.frags.get(k).map_or(0, |h| h.off));
    let mut placed = 0usize;
    for &k in &order {
        let h = p.frags.get(k)?;
        if placed >= end {
            // Fragments past the end are listed (too long), never waited for.
            break;
        }
        if h.off as usize > placed {
            return None;
        }
        placed = placed.max(h.off as usize + h.data.len());
    }
    if placed < end {
        return None;
    }
    let mut payload = Vec::with_capacity(end);
    let mut frags = Vec::with_capacity(order.len());
    for &k in &order {
        let h = p.frags.get(k)?;
        let (off, len) = (h.off as usize, h.data.len());
        let at = payload.len();
        let overlap = off < at;
        let conflict = overlap && {
            let theirs = payload.get(off..at.min(off + len)).unwrap_or(&[]);
            h.data.get(..theirs.len()) != Some(theirs)
        };
        let too_long = off + len > end;
        // (A fragment wholly past the end starts beyond what was placed: nothing to copy.)
        if off <= at && off + len > at {
            let from = at - off;
            let upto = len.min(end.saturating_sub(off));
            if upto > from {
                payload.extend_from_slice(h.data.get(from..upto).unwrap_or(&[]));
            }
        }
        frags.push(FragInfo { frame: h.frame, off: h.off, len: len as u32, overlap, conflict, too_long });
    }
    Some(Done {
        family: p.key.family,
        ident: p.key.ident,
        next: p.next.unwrap_or(p.key.proto),
        len: payload.len() as u32,
        payload,
        frags,
        multiple_tails: p.multiple_tails,
    })
}

/// The fragment a frame's outermost IP header carries, if any (atomic fragments, snapped or
/// malformed packets carry none that can be reassembled).
#[inline]
fn locate(linktype: u32, frame: &[u8]) -> Option<Found<'_>> {
    use crate::link::linktype as lt;
    let rd = Reader::new(frame);
    let (ty, at) = match linktype & 0x03ff_ffff {
        lt::ETHERNET => {
            let mut at = 12;
            let mut ty = rd.u16(at)?;
            // Up to two VLAN tags (802.1Q, 802.1ad).
            for _ in 0..2 {
                if matches!(crate::link::EtherType::from(ty), crate::link::EtherType::Vlan | crate::link::EtherType::QinQ) {
                    at += 4;
                    ty = rd.u16(at)?;
                }
            }
            (ty, at + 2)
        }
        lt::LINUX_SLL => (rd.u16(14)?, 16),
        lt::LINUX_SLL2 => (rd.u16(0)?, 20),
        lt::NULL | lt::LOOP => {
            let b = rd.array::<4>(0)?;
            // LOOP is big-endian; NULL is the writer's byte order (a small family number
            // starts with two zero octets when big-endian).
            let fam = if linktype & 0x03ff_ffff == lt::LOOP || (b[0] == 0 && b[1] == 0) {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            };
            match fam {
                2 => (crate::link::EtherType::Ipv4.value(), 4),
                24 | 28 | 30 => (crate::link::EtherType::Ipv6.value(), 4),
                _ => return None,
            }
        }
        lt::RAW => match frame.first()? >> 4 {
            4 => (crate::link::EtherType::Ipv4.value(), 0),
            6 => (crate::link::EtherType::Ipv6.value(), 0),
            _ => return None,
        },
        lt::IPV4 => (crate::link::EtherType::Ipv4.value(), 0),
        lt::IPV6 => (crate::link::EtherType::Ipv6.value(), 0),
        _ => return None,
    };
    let ip = frame.get(at..)?;
    match crate::link::EtherType::from(ty) {
        crate::link::EtherType::Ipv4 => locate4(ip),
        crate::link::EtherType::Ipv6 => locate6(ip),
        _ => None,
    }
}

fn locate4(ip: &[u8]) -> Option<Found<'_>> {
    let h = ip.first_chunk::<20>()?;
    let ihl = usize::from(h[0] & 0x0f) * 4;
    let rd = Reader::new(h);
    let ff = rd.u16(6)?;
    let (more, off) = (ff & 0x2000 != 0, u32::from(ff & 0x1fff) * 8);
    if h[0] >> 4 != 4 || ihl < 20 || (!more && off == 0) {
        return None;
    }
    let total = usize::from(rd.u16(2)?);
    // A fragment cut by the snap length, or whose length lies, is not reassembled.
    let data = ip.get(ihl..total.max(ihl))?;
    if total <= ihl {
        return None;
    }
    let mut src = [0; 16];
    let mut dst = [0; 16];
    src[..4].copy_from_slice(&rd.array::<4>(12)?);
    dst[..4].copy_from_slice(&rd.array::<4>(16)?);
    let key = Key { family: Family::V4, src, dst, ident: u32::from(rd.u16(4)?), proto: h[9] };
    Some(Found { key, off, more, next: h[9], head: ihl as u32, data })
}

fn locate6(ip: &[u8]) -> Option<Found<'_>> {
    // `h` is an array: its fixed indices below are checked when compiled.
    let h = ip.first_chunk::<40>()?;
    if h[0] >> 4 != 6 {
        return None;
    }
    let rd = Reader::new(ip);
    let end = 40 + usize::from(rd.u16(4)?);
    let mut nh = h[6];
    let mut at = 40;
    // Hop-by-Hop, Destination Options and Routing headers may precede the Fragment header.
    for _ in 0..16 {
        match IpProto::from(nh) {
            IpProto::HopByHop | IpProto::Routing | IpProto::DstOpts => {
                let [next, len] = rd.array::<2>(at)?;
                nh = next;
                at += (usize::from(len) + 1) * 8;
            }
            IpProto::Fragment => {
                let f = rd.array::<8>(at)?;
                let word = u16::from_be_bytes([f[2], f[3]]);
                let (off, more) = (u32::from(word & 0xfff8), word & 1 != 0);
                if off == 0 && !more {
                    return None;
                }
                let data = rd.slice(at + 8, end)?;
                let mut src = [0; 16];
                let mut dst = [0; 16];
                src.copy_from_slice(&h[8..24]);
                dst.copy_from_slice(&h[24..40]);
                let ident = u32::from_be_bytes([f[4], f[5], f[6], f[7]]);
                let key = Key { family: Family::V6, src, dst, ident, proto: 0 };
                return Some(Found { key, off, more, next: f[0], head: (at + 8) as u32, data });
            }
            _ => return None,
        }
    }
    None
}

// ---------------------------------------------------------------- the tree

/// The fields of one family's reassembly (Wireshark's `fragment_items`).
pub struct Fields {
    pub fragments: &'static FieldDef,
    pub fragment: &'static FieldDef,
    pub error: &'static FieldDef,
    pub overlap: &'static FieldDef,
    pub conflict: &'static FieldDef,
    pub multiple_tails: &'static FieldDef,
    pub too_long: &'static FieldDef,
    pub count: &'static FieldDef,
    pub length: &'static FieldDef,
    pub data: &'static FieldDef,
    /// "IPv6" / "IPv4", for labels and the data source's name.
    pub name: &'static str,
    pub tab: &'static str,
}

pub static IPV6_FRAGMENTS: FieldDef = FieldDef::new("ipv6.fragments", "IPv6 Fragments", Kind::None);
pub static IPV6_FRAGMENT: FieldDef = FieldDef::new("ipv6.fragment", "IPv6 Fragment", Kind::FrameNum);
pub static IPV6_OVERLAP: FieldDef = FieldDef::new("ipv6.fragment.overlap", "Fragment overlap", Kind::Bool(0));
pub static IPV6_CONFLICT: FieldDef =
    FieldDef::new("ipv6.fragment.overlap.conflict", "Conflicting data in fragment overlap", Kind::Bool(0));
pub static IPV6_MULTIPLE_TAILS: FieldDef =
    FieldDef::new("ipv6.fragment.multipletails", "Multiple tail fragments found", Kind::Bool(0));
pub static IPV6_TOO_LONG: FieldDef = FieldDef::new("ipv6.fragment.toolongfragment", "Fragment too long", Kind::Bool(0));
/// The row fragment items are shown with (Wireshark labels them "Frame: N, payload: …").
pub static IPV6_FRAGMENT_ITEM: FieldDef = FieldDef::new("ipv6.fragment", "Frame", Kind::FrameNum);
pub static IPV6_ERROR: FieldDef = FieldDef::new("ipv6.fragment.error", "Defragmentation error", Kind::FrameNum);
/// A fragment whose octets conflict or run too long is listed under the error field.
pub static IPV6_ERROR_ITEM: FieldDef = FieldDef::new("ipv6.fragment.error", "Frame", Kind::FrameNum);
pub static IPV6_COUNT: FieldDef = FieldDef::new("ipv6.fragment.count", "Fragment count", Kind::Uint(4));
pub static IPV6_LENGTH: FieldDef = FieldDef::new("ipv6.reassembled.length", "Reassembled IPv6 length", Kind::Uint(4));
pub static IPV6_DATA: FieldDef = FieldDef::new("ipv6.reassembled.data", "Reassembled IPv6 data", Kind::Bytes);

// Wireshark 4.0 declares ip.fragments FT_BYTES (its value is the reassembled payload).
pub static IP_FRAGMENTS: FieldDef = FieldDef::new("ip.fragments", "IPv4 Fragments", Kind::Bytes);
pub static IP_FRAGMENT: FieldDef = FieldDef::new("ip.fragment", "IPv4 Fragment", Kind::FrameNum);
pub static IP_OVERLAP: FieldDef = FieldDef::new("ip.fragment.overlap", "Fragment overlap", Kind::Bool(0));
pub static IP_CONFLICT: FieldDef =
    FieldDef::new("ip.fragment.overlap.conflict", "Conflicting data in fragment overlap", Kind::Bool(0));
pub static IP_MULTIPLE_TAILS: FieldDef =
    FieldDef::new("ip.fragment.multipletails", "Multiple tail fragments found", Kind::Bool(0));
pub static IP_TOO_LONG: FieldDef = FieldDef::new("ip.fragment.toolongfragment", "Fragment too long", Kind::Bool(0));
pub static IP_FRAGMENT_ITEM: FieldDef = FieldDef::new("ip.fragment", "Frame", Kind::FrameNum);
pub static IP_ERROR: FieldDef = FieldDef::new("ip.fragment.error", "Defragmentation error", Kind::FrameNum);
pub static IP_ERROR_ITEM: FieldDef = FieldDef::new("ip.fragment.error", "Frame", Kind::FrameNum);
pub static IP_COUNT: FieldDef = FieldDef::new("ip.fragment.count", "Fragment count", Kind::Uint(4));
pub static IP_LENGTH: FieldDef = FieldDef::new("ip.reassembled.length", "Reassembled IPv4 length", Kind::Uint(4));
pub static IP_DATA: FieldDef = FieldDef::new("ip.reassembled.data", "Reassembled IPv4 data", Kind::Bytes);

pub static V6: Fields = Fields {
    fragments: &IPV6_FRAGMENTS,
    fragment: &IPV6_FRAGMENT_ITEM,
    error: &IPV6_ERROR_ITEM,
    overlap: &IPV6_OVERLAP,
    conflict: &IPV6_CONFLICT,
    multiple_tails: &IPV6_MULTIPLE_TAILS,
    too_long: &IPV6_TOO_LONG,
    count: &IPV6_COUNT,
    length: &IPV6_LENGTH,
    data: &IPV6_DATA,
    name: "IPv6",
    tab: "Reassembled IPv6",
};

pub static V4: Fields = Fields {
    fragments: &IP_FRAGMENTS,
    fragment: &IP_FRAGMENT_ITEM,
    error: &IP_ERROR_ITEM,
    overlap: &IP_OVERLAP,
    conflict: &IP_CONFLICT,
    multiple_tails: &IP_MULTIPLE_TAILS,
    too_long: &IP_TOO_LONG,
    count: &IP_COUNT,
    length: &IP_LENGTH,
    data: &IP_DATA,
    name: "IPv4",
    tab: "Reassembled IPv4",
};

pub static FIELDS: &[&FieldDef] = &[
    &IPV6_FRAGMENTS,
    &IPV6_FRAGMENT,
    &IPV6_OVERLAP,
    &IPV6_CONFLICT,
    &IPV6_MULTIPLE_TAILS,
    &IPV6_TOO_LONG,
    &IPV6_COUNT,
    &IPV6_LENGTH,
    &IPV6_DATA,
    &IPV6_ERROR,
    &IPV6_FRAGMENT_ITEM,
    &IPV6_ERROR_ITEM,
    &IP_FRAGMENTS,
    &IP_FRAGMENT,
    &IP_OVERLAP,
    &IP_CONFLICT,
    &IP_MULTIPLE_TAILS,
    &IP_TOO_LONG,
    &IP_COUNT,
    &IP_LENGTH,
    &IP_DATA,
    &IP_ERROR,
    &IP_FRAGMENT_ITEM,
    &IP_ERROR_ITEM,
];

pub static OVERLAP: ExpertDef =
    ExpertDef::new("check.reassembly.overlap", Group::Sequence, Severity::Note, "Fragments overlap (the same octets)");
pub static CONFLICT: ExpertDef = ExpertDef::new(
    "check.reassembly.conflict",
    Group::Malformed,
    Severity::Error,
    "Overlapping fragments disagree (the octets placed first were kept)",
);
pub static MULTIPLE_TAILS: ExpertDef = ExpertDef::new(
    "check.reassembly.multiple_tails",
    Group::Malformed,
    Severity::Error,
    "More than one last fragment, with different ends",
);
pub static TOO_LONG: ExpertDef = ExpertDef::new(
    "check.reassembly.too_long",
    Group::Malformed,
    Severity::Error,
    "Fragment runs past the end the last fragment set",
);
pub static OVERSIZE: ExpertDef = ExpertDef::new(
    "check.reassembly.oversize",
    Group::Malformed,
    Severity::Error,
    "Fragment would make a packet longer than 65,535 octets (refused)",
);
pub static TOO_MANY: ExpertDef = ExpertDef::new(
    "check.reassembly.too_many",
    Group::Malformed,
    Severity::Warn,
    "Too many fragments for one datagram (the datagram was dropped)",
);
pub static TOO_BIG: ExpertDef = ExpertDef::new(
    "check.reassembly.too_big",
    Group::Malformed,
    Severity::Warn,
    "Datagram larger than the reassembly buffer (dropped)",
);

pub static EXPERTS: &[&ExpertDef] = &[&OVERLAP, &CONFLICT, &MULTIPLE_TAILS, &TOO_LONG, &OVERSIZE, &TOO_MANY, &TOO_BIG];

/// Takes the frame's note for the outermost IP layer of `family`, if it has one.
pub fn take<'a>(t: &mut Tree<'a>, family: Family) -> Option<&'a Note> {
    if t.nesting != 0 || t.in_error {
        return None;
    }
    let n = t.reasm.filter(|n| n.family() == family)?;
    t.reasm = None;
    Some(n)
}

/// Reports a refused fragment at its header (`at`, `len` octets).
pub fn refused(t: &mut Tree<'_>, why: Refused, at: usize, len: usize) {
    match why {
        Refused::Oversize { end } => t.expert(&OVERSIZE, at, len, Some(format_args!("the packet would be {end} octets"))),
        Refused::TooMany { limit } => t.expert(&TOO_MANY, at, len, Some(format_args!("more than {limit} fragments"))),
        Refused::TooBig => t.expert(&TOO_BIG, at, len, None),
    }
}

/// Adds the fragment list of a completed datagram (at the IP layer's level, as Wireshark's
/// `show_fragment_tree`) and switches the tree's bytes to the frame followed by the payload.
/// Returns the payload's range in those bytes, or None when they are not at hand.
pub fn show(t: &mut Tree<'_>, f: &'static Fields, done: &Done) -> Option<(usize, usize)> {
    let start = t.data.len();
    let len = done.len as usize;
    if t.all.len() != start + len {
        return None;
    }
    t.data = t.all;
    let p = t.add(f.fragments, start, len, if f.fragments.kind == Kind::Bytes { Value::Bytes } else { Value::None });
    if t.full() {
        let frags = &done.frags;
        let mut label = String::new();
        use std::fmt::Write;
        let _ = write!(label, "{} {} Fragments ({len} bytes): ", frags.len(), f.name);
        for (i, fr) in frags.iter().enumerate() {
            let _ = write!(label, "{}#{}({})", if i > 0 { ", " } else { "" }, fr.frame, fr.len);
        }
        let r = t.arena_str(&label);
        if let Some(n) = t.d.nodes.get_mut(p) {
            n.value = Value::Text(r.0, r.1);
            n.generated = true;
        }
    }
    t.open(p);
    for fr in &done.frags {
        let off = start + fr.off as usize;
        let flen = (fr.len as usize).min((start + len).saturating_sub(off));
        let row = if fr.conflict || fr.too_long { f.error } else { f.fragment };
        let i = t.add_generated(row, off, flen, Value::Uint(fr.frame));
        let last = u64::from(fr.off) + u64::from(fr.len);
        t.append(i, format_args!(", payload: {}-{} ({} bytes)", fr.off, last.saturating_sub(1), fr.len));
        if fr.overlap || fr.conflict || fr.too_long {
            t.open(i);
            if fr.overlap {
                t.add_generated(f.overlap, 0, 0, Value::Bool(true));
            }
            if fr.conflict {
                t.add_generated(f.conflict, 0, 0, Value::Bool(true));
            }
            if fr.too_long {
                t.add_generated(f.too_long, 0, 0, Value::Bool(true));
            }
            t.close();
        }
    }
    if done.multiple_tails {
        t.add_generated(f.multiple_tails, 0, 0, Value::Bool(true));
    }
    t.add_generated(f.count, 0, 0, Value::Uint(done.frags.len() as u64));
    t.add_generated(f.length, start, len, Value::Uint(len as u64));
    t.add_generated(f.data, start, len, Value::Bytes);
    t.close();
    for fr in &done.frags {
        let off = start + fr.off as usize;
        if fr.conflict {
            t.expert(&CONFLICT, off, 0, Some(format_args!("frame {} at payload octet {}", fr.frame, fr.off)));
        } else if fr.overlap {
            t.expert(&OVERLAP, off, 0, Some(format_args!("frame {} at payload octet {}", fr.frame, fr.off)));
        }
        if fr.too_long {
            t.expert(&TOO_LONG, off, 0, Some(format_args!("frame {} ends at octet {}", fr.frame, fr.off + fr.len)));
        }
    }
    if done.multiple_tails {
        t.expert(&MULTIPLE_TAILS, start, 0, None);
    }
    t.d.extra_tab = Some(f.tab);
    Some((start, start + len))
}
