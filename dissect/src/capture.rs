//! Reading capture files: pcap (either byte order, µs or ns) and pcapng (any number of
//! interfaces and link types, unknown blocks skipped), streamed through pcap-parser with a
//! bounded buffer so memory does not grow with the file.

use crate::frame::{FrameMeta, PacketOptions};
pub use interfaces::{pcap_fcslen, Interface, Interfaces};
use pcap_parser::pcapng::Block;
use pcap_parser::{PcapBlockOwned, PcapError};
pub use source::Source;
use std::fmt;
use std::io::Read;

/// Why a capture could not be read to the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureError {
    /// Neither a pcap nor a pcapng file.
    NotACapture,
    /// The file ends inside a record that starts at `offset`.
    Truncated { offset: u64 },
    /// A record at `offset` is damaged.
    Corrupt { offset: u64, why: String },
    /// The operating system refused to read.
    Io(String),
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaptureError::NotACapture => write!(f, "not a pcap or pcapng capture file"),
            CaptureError::Truncated { offset } => {
                write!(f, "the file appears to have been cut short in the middle of a packet (record at byte offset {offset})")
            }
            CaptureError::Corrupt { offset, why } => write!(f, "damaged record at byte offset {offset}: {why}"),
            CaptureError::Io(e) => write!(f, "read error: {e}"),
        }
    }
}

impl std::error::Error for CaptureError {}

/// A reader whose first read returns the file's whole header (up to EOF), so format detection
/// sees it even from a pipe that delivers a few bytes at a time; and which then reads nothing
/// more until the packets are asked for, so that a pipe's packets are shown as they arrive
/// (`tcpdump -U -w - | mipscope dissect -r - -l`), not once a whole buffer has come.
struct FillFirst<R> {
    inner: R,
    reads: u8,
}

/// The octets a capture's header takes, as far as `b` (its first octets) tells: a pcap file
/// header, or a pcapng Section Header Block by its length field. `None`: not known yet.
fn header_len(b: &[u8]) -> Option<usize> {
    const PCAP_HEADER: usize = 24;
    if b.get(..4) != Some(&[0x0a, 0x0d, 0x0d, 0x0a]) {
        return (b.len() >= 4).then_some(PCAP_HEADER);
    }
    let (len, magic) = (b.get(4..8)?, b.get(8..12)?);
    let len = match magic {
        [0x4d, 0x3c, 0x2b, 0x1a] => u32::from_le_bytes([len[0], len[1], len[2], len[3]]),
        [0x1a, 0x2b, 0x3c, 0x4d] => u32::from_be_bytes([len[0], len[1], len[2], len[3]]),
        // No byte-order magic: no pcapng; the parser says so.
        _ => 0,
    };
    Some((len as usize).max(PCAP_HEADER))
}

impl<R: Read> Read for FillFirst<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.reads = self.reads.saturating_add(1);
        match self.reads {
            1 => {
                let mut n = 0;
                while n < buf.len() && header_len(&buf[..n]).is_none_or(|need| n < need) {
                    match self.inner.read(&mut buf[n..]) {
                        Ok(0) => break,
                        Ok(k) => n += k,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                }
                Ok(n)
            }
            // pcap-parser's reader constructors read once more after the header they were
            // given; from a pipe, that read would wait for packets not sent yet. Nothing is
            // read for it (they take it as no more yet), and the packets' reads come after.
            2 => Ok(0),
            _ => self.inner.read(buf),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Iface {
    linktype: u32,
    /// Its FCS length ([`Interface::fcslen`]).
    fcs_len: Option<u8>,
    /// Timestamp units per second.
    resolution: u64,
    offset_secs: i64,
}

/// Largest record accepted (bounded memory): pcap snaplen is at most 256 KiB in practice.
const MAX_RECORD: usize = 16 << 20;
const BUFFER: usize = 1 << 16;

mod interfaces;
mod source;
pub mod write;

/// Streams the packets of a capture to `f`, in file order. Returns how many packets were
/// delivered, or the error that stopped reading together with the count delivered before it.
/// `f` returns `false` to stop early (e.g. `-c N`).
pub fn for_each_packet<R, F>(input: R, mut f: F) -> Result<u64, (u64, CaptureError)>
where
    R: Read + Send,
    F: FnMut(&FrameMeta, &[u8]) -> bool,
{
    stream(input, |meta, data, _| f(meta, data))
}

/// [`for_each_packet`], also showing `f` the interfaces described so far (what a capture
/// writer needs to describe them again).
pub fn stream<R, F>(input: R, mut f: F) -> Result<u64, (u64, CaptureError)>
where
    R: Read + Send,
    F: FnMut(&FrameMeta, &[u8], &Described<'_>) -> bool,
{
    stream_located(input, |meta, data, described, _| f(meta, data, described))
}

/// [`stream`], also telling `f` where the packet's octets start in the input (a byte offset
/// from its beginning): what an index needs to read one frame again from a file, as the
/// terminal UI does for the frame it draws.
pub fn stream_located<R, F>(input: R, mut f: F) -> Result<u64, (u64, CaptureError)>
where
    R: Read + Send,
    F: FnMut(&FrameMeta, &[u8], &Described<'_>, u64) -> bool,
{
    let reader = FillFirst { inner: input, reads: 0 };
    let mut rd = match pcap_parser::create_reader(BUFFER, reader) {
        Ok(r) => r,
        Err(PcapError::Eof) => return Err((0, CaptureError::NotACapture)),
        Err(PcapError::Incomplete(_)) => return Err((0, CaptureError::Truncated { offset: 0 })),
        Err(PcapError::ReadError) => return Err((0, CaptureError::Io("cannot read input".into()))),
        Err(_) => return Err((0, CaptureError::NotACapture)),
    };
    let mut ifaces: Vec<Iface> = Vec::new();
    let mut described = Interfaces::default();
    // The comments of the packet being delivered (its block's `opt_comment`s; reused).
    let mut comments: Vec<String> = Vec::new();
    // An obsolete Packet Block's options, framed as an Enhanced Packet Block's for
    // pcap-parser's option reader ([`options_of`]; reused).
    let mut scratch: Vec<u8> = Vec::new();
    let mut legacy = Iface { linktype: 1, fcs_len: None, resolution: 1_000_000, offset_secs: 0 };
    let mut count = 0u64;
    // The section the packets are in, and how many began so far.
    let (mut section, mut sections) = (0u32, 0u32);
    let mut first_ns: Option<i128> = None;
    let mut prev_ns: i128 = 0;
    let mut capacity = BUFFER;
    // Where a record's length field sits and its byte order, once the format is known, so a
    // damaged length can be told apart from a file that simply ends.
    let mut len_field: Option<(usize, bool)> = None;
    // A pcap file's records in their plain layout (not the "modified" one): big-endian or not.
    let mut plain_pcap: Option<bool> = None;
    loop {
        let at = rd.consumed() as u64;
        // Where the next record starts in memory: its packet's octets are a slice of the same
        // buffer (`next` parses without moving it), so their distance from here is their
        // offset in the record.
        // (One look at the buffer: `data` is a dynamic call.)
        let buf = rd.data();
        let base = buf.as_ptr() as usize;
        let mut deliver = |iface: Iface,
                           if_id: Option<u32>,
                           ts_units: u64,
                           caplen: u32,
                           wire: u32,
                           data: &[u8],
                           options: PacketOptions,
                           untimed: bool,
                           comments: &[String],
                           described: &Interfaces|
         -> bool {
            let res = iface.resolution.max(1);
            // Microseconds and nanoseconds (nearly every file) divided by a constant (a
            // multiplication, not a 64-bit division's tens of cycles) and without a 128-bit
            // division.
            let (whole, nanos) = match res {
                1_000_000 => (ts_units / 1_000_000, (ts_units % 1_000_000 * 1_000) as u32),
                1_000_000_000 => (ts_units / 1_000_000_000, (ts_units % 1_000_000_000) as u32),
                _ => (ts_units / res, ((u128::from(ts_units % res) * 1_000_000_000) / u128::from(res)) as u32),
            };
            // if_tsoffset comes from the file: any value, so no overflow on adding it.
            let secs = (whole as i64).saturating_add(iface.offset_secs);
            let ns = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
            let first = *first_ns.get_or_insert(ns);
            let delta = if count == 0 { 0 } else { ns - prev_ns };
            prev_ns = ns;
            count += 1;
            let data = &data[..(caplen as usize).min(data.len())];
            let located = at + (data.as_ptr() as usize).wrapping_sub(base) as u64;
            let meta = FrameMeta {
                number: count,
                ts: (secs, nanos),
                rel_ns: (ns - first) as i64,
                delta_ns: delta as i64,
                wire_len: wire.max(data.len() as u32),
                linktype: iface.linktype,
                interface: if_id,
                section,
                options,
                fcs_len: crate::frame::fcs_len(iface.fcs_len, options.flags),
                untimed,
                ts_digits: Some(crate::frame::ts_digits(iface.resolution)).filter(|&d| d != 6),
            };
            f(&meta, data, &Described { interfaces: described, comments }, located)
        };
        // A little-endian Enhanced Packet Block without options (what nearly every pcapng
        // file is made of) is read here in place; anything else, a damaged block included, is
        // pcap-parser's, whose generic block parser (a dynamic call, the block type's match,
        // nom's framing, the option walk) cost ~370 instructions a packet more (callgrind,
        // return routability capture). Same octets, same interface, same record length.
        // A pcap record likewise (pcap-parser's `parse_pcap_frame`, behind a dynamic call).
        if let Some((r, len)) = plain_pcap.and_then(|big| pcap_record(buf, big)) {
            let units = u64::from(r.ts_sec) * legacy.resolution + u64::from(r.ts_usec);
            let go_on =
                deliver(legacy, None, units, r.caplen, r.origlen, r.data, PacketOptions::default(), false, &[], &described);
            rd.consume_noshift(len);
            if !go_on {
                return Ok(count);
            }
            continue;
        }
        if let Some(e) = plain_epb(buf, len_field) {
            if let Some(iface) = ifaces.get(e.if_id as usize).copied() {
                let go_on = deliver(
                    iface,
                    Some(e.if_id),
                    e.units,
                    e.caplen,
                    e.origlen,
                    e.data,
                    PacketOptions::default(),
                    false,
                    &[],
                    &described,
                );
                rd.consume_noshift(e.len);
                if !go_on {
                    return Ok(count);
                }
                continue;
            }
        }
        match rd.next() {
            Ok((len, block)) => {
                let go_on = match block {
                    PcapBlockOwned::LegacyHeader(h) => {
                        len_field = Some((8, h.is_bigendian()));
                        plain_pcap = (!h.is_modified_format()).then(|| h.is_bigendian());
                        legacy.linktype = h.network.0 as u32;
                        legacy.fcs_len = crate::capture::pcap_fcslen(legacy.linktype);
                        legacy.resolution = if h.is_nanosecond_precision() { 1_000_000_000 } else { 1_000_000 };
                        described.clear();
                        described.push(Interface::of_pcap(&h));
                        true
                    }
                    PcapBlockOwned::Legacy(p) => {
                        let units = u64::from(p.ts_sec) * legacy.resolution + u64::from(p.ts_usec);
                        deliver(
                            legacy,
                            None,
                            units,
                            p.caplen,
                            p.origlen,
                            p.data,
                            PacketOptions::default(),
                            false,
                            &[],
                            &described,
                        )
                    }
                    PcapBlockOwned::NG(Block::SectionHeader(shb)) => {
                        // The first section is number 0 (tshark shows it 1-origin).
                        section = sections;
                        sections = sections.saturating_add(1);
                        len_field = Some((4, shb.big_endian()));
                        ifaces.clear();
                        described.clear();
                        true
                    }
                    PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => {
                        let d = Interface::of_idb(&idb);
                        ifaces.push(Iface {
                            linktype: idb.linktype.0 as u32,
                            fcs_len: d.fcslen,
                            // Not pcap-parser's ts_resolution(): it takes every binary
                            // resolution (0x80 | n) for an invalid one.
                            resolution: d.resolution().unwrap_or(1_000_000),
                            offset_secs: idb.ts_offset(),
                        });
                        described.push(d);
                        true
                    }
                    PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                        let Some(iface) = ifaces.get(epb.if_id as usize).copied() else {
                            return Err((
                                count,
                                CaptureError::Corrupt {
                                    offset: at,
                                    why: format!("packet names interface {} which was never described", epb.if_id),
                                },
                            ));
                        };
                        let units = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                        let big = len_field.is_some_and(|(_, big)| big);
                        let options = packet_options(&epb.options, big);
                        epb_comments(&epb.options, &mut comments);
                        deliver(
                            iface,
                            Some(epb.if_id),
                            units,
                            epb.caplen,
                            epb.origlen,
                            epb.data,
                            options,
                            false,
                            &comments,
                            &described,
                        )
                    }
                    // pcap-parser reads no obsolete Packet Block: read here, as tshark does.
                    PcapBlockOwned::NG(Block::Unknown(u))
                        if len_field
                            .is_some_and(|(_, big)| (if big { u.block_type.swap_bytes() } else { u.block_type }) == 2) =>
                    {
                        let big = len_field.is_some_and(|(_, big)| big);
                        if u.block_len1 != u.block_len2 {
                            return Err((
                                count,
                                CaptureError::Corrupt {
                                    offset: at,
                                    why: format!("packet block lengths differ (first {}, second {})", u.block_len1, u.block_len2),
                                },
                            ));
                        }
                        let Some(pb) = obsolete_packet(u.data, big) else {
                            return Err((
                                count,
                                CaptureError::Corrupt {
                                    offset: at,
                                    why: format!("packet block of {} octets is too short for its packet", u.block_len1),
                                },
                            ));
                        };
                        let Some(iface) = ifaces.get(usize::from(pb.if_id)).copied() else {
                            return Err((
                                count,
                                CaptureError::Corrupt {
                                    offset: at,
                                    why: format!("packet names interface {} which was never described", pb.if_id),
                                },
                            ));
                        };
                        let options = options_of(pb.options, big, &mut scratch);
                        let mut opts = options.as_deref().map(|o| packet_options(o, big)).unwrap_or_default();
                        match options.as_deref() {
                            Some(o) => epb_comments(o, &mut comments),
                            None => comments.clear(),
                        }
                        // An epb_dropcount option, else the block's own count (0xffff: the
                        // writer did not know, and tshark shows none), as tshark takes them.
                        let field = (pb.drops != u16::MAX).then_some(u64::from(pb.drops));
                        opts.drops = opts.drops.or(field);
                        let if_id = Some(u32::from(pb.if_id));
                        deliver(iface, if_id, pb.units, pb.caplen, pb.origlen, pb.data, opts, false, &comments, &described)
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(spb)) => {
                        let Some(iface) = ifaces.first().copied() else {
                            return Err((
                                count,
                                CaptureError::Corrupt { offset: at, why: "simple packet before any interface".into() },
                            ));
                        };
                        // The block's data is padded to 32 bits: the packet is the original length
                        // (at most the interface's snap length), as much of it as is there.
                        let snap = described.first().map_or(0, |i| i.snaplen);
                        let caplen = spb.origlen.min(if snap == 0 { u32::MAX } else { snap });
                        let caplen = caplen.min(u32::try_from(spb.data.len()).unwrap_or(u32::MAX));
                        deliver(iface, Some(0), 0, caplen, spb.origlen, spb.data, PacketOptions::default(), true, &[], &described)
                    }
                    PcapBlockOwned::NG(_) => true,
                };
                rd.consume_noshift(len);
                if !go_on {
                    return Ok(count);
                }
            }
            Err(PcapError::Eof) => return Ok(count),
            Err(PcapError::Incomplete(_)) => {
                if rd.refill().is_err() {
                    return Err((count, CaptureError::Io("cannot read input".into())));
                }
            }
            Err(PcapError::UnexpectedEof) => {
                return Err((
                    count,
                    damaged_length(rd.data(), len_field)
                        .map_or(CaptureError::Truncated { offset: at }, |why| CaptureError::Corrupt { offset: at, why }),
                ))
            }
            Err(PcapError::BufferTooSmall) => {
                if let Some(why) = damaged_length(rd.data(), len_field) {
                    return Err((count, CaptureError::Corrupt { offset: at, why }));
                }
                if capacity >= MAX_RECORD || !rd.grow(capacity * 4) {
                    return Err((
                        count,
                        CaptureError::Corrupt { offset: at, why: format!("record longer than {} bytes", MAX_RECORD) },
                    ));
                }
                capacity *= 4;
                if rd.refill().is_err() {
                    return Err((count, CaptureError::Io("cannot read input".into())));
                }
            }
            Err(PcapError::ReadError) => return Err((count, CaptureError::Io("cannot read input".into()))),
            Err(PcapError::HeaderNotRecognized) => return Err((count, CaptureError::NotACapture)),
            Err(PcapError::NomError(_, k)) | Err(PcapError::OwnedNomError(_, k)) => {
                return Err((count, CaptureError::Corrupt { offset: at, why: format!("invalid block ({})", k.description()) }))
            }
        }
    }
}

/// What the capture file says of a packet besides its octets and times ([`FrameMeta`]): the
/// interfaces described so far (what a capture writer needs to describe them again) and the
/// packet's comments (pcapng `opt_comment`, each as written, without its padding).
#[derive(Debug, Clone, Copy)]
pub struct Described<'a> {
    pub interfaces: &'a Interfaces,
    pub comments: &'a [String],
}

impl<'a> Described<'a> {
    /// No comments.
    pub fn plain(interfaces: &'a Interfaces) -> Self {
        Described { interfaces, comments: &[] }
    }

    /// The interface a packet's metadata names.
    pub fn interface(&self, meta: &FrameMeta) -> Option<&'a Interface> {
        meta.interface.and_then(|i| self.interfaces.get(i as usize))
    }
}

/// The `opt_comment`s (option 1) of a block, into `out` (cleared first; its strings reused).
fn epb_comments(options: &[pcap_parser::pcapng::PcapNGOption<'_>], out: &mut Vec<String>) {
    let mut n = 0;
    for o in until_end(options).filter(|o| o.code == pcap_parser::pcapng::OptionCode::Comment) {
        // As written, up to a NUL a writer may leave in it (tshark's string options stop there).
        let v = o.value.get(..usize::from(o.len)).unwrap_or(&o.value);
        let v = v.split(|&b| b == 0).next().unwrap_or_default();
        let text = String::from_utf8_lossy(v);
        match out.get_mut(n) {
            Some(s) => {
                s.clear();
                s.push_str(&text);
            }
            None => out.push(text.into_owned()),
        }
        n += 1;
    }
    out.truncate(n);
}

/// Where an Enhanced Packet Block's packet octets start in it (an obsolete Packet Block's
/// too): what [`stream_located`] reports for a packet less this is its block's first octet, so
/// a reader that kept a packet's offset can read the block again ([`EnhancedBlock`]) for what
/// its options say.
pub const EPB_DATA_OFFSET: u64 = 28;

/// An Enhanced Packet Block read again from its first octets (the TUI reads a frame's comments
/// when it shows the frame, not when it indexes the file).
pub struct EnhancedBlock;

impl EnhancedBlock {
    /// The block's whole length from its first eight octets (type and length, in either byte
    /// order), when they are an Enhanced (or obsolete) Packet Block's and the length is one a
    /// real block has.
    pub fn len(head: &[u8; 8]) -> Option<usize> {
        // An Enhanced Packet Block, or an obsolete Packet Block.
        let packet = |ty: u32| ty == 6 || ty == 2;
        let (ty, len) = (&head[..4], &head[4..]);
        let len = if packet(u32::from_le_bytes(ty.try_into().ok()?)) {
            u32::from_le_bytes(len.try_into().ok()?)
        } else if packet(u32::from_be_bytes(ty.try_into().ok()?)) {
            u32::from_be_bytes(len.try_into().ok()?)
        } else {
            return None;
        } as usize;
        (32..=MAX_RECORD + 4096).contains(&len).then_some(len)
    }

    /// The block's `opt_comment`s into `out` (as the reader gives them with each packet) when
    /// `block` is one whole Enhanced (or obsolete) Packet Block whose packet has `cap_len`
    /// octets; `false` (and `out` empty) for anything else.
    pub fn comments(block: &[u8], cap_len: u32, out: &mut Vec<String>) -> bool {
        out.clear();
        let (parsed, big) = match block.get(..4) {
            Some([6 | 2, 0, 0, 0]) => (pcap_parser::pcapng::parse_block_le(block), false),
            Some([0, 0, 0, 6 | 2]) => (pcap_parser::pcapng::parse_block_be(block), true),
            _ => return false,
        };
        match parsed {
            Ok((rest, Block::EnhancedPacket(epb))) if rest.is_empty() && epb.caplen == cap_len => {
                epb_comments(&epb.options, out);
                true
            }
            // An obsolete Packet Block, as the reader takes it.
            Ok((rest, Block::Unknown(u))) if rest.is_empty() && u.block_len1 == u.block_len2 => {
                let Some(pb) = obsolete_packet(u.data, big).filter(|pb| pb.caplen == cap_len) else { return false };
                let mut scratch = Vec::new();
                if let Some(o) = options_of(pb.options, big, &mut scratch) {
                    epb_comments(&o, out);
                }
                true
            }
            _ => false,
        }
    }
}

/// What a packet block's options say of its packet that tshark shows: `epb_flags` (option 2,
/// four octets), `epb_dropcount` (4, eight), `epb_packetid` (5, eight) and `epb_queue` (6,
/// four), each in the section's byte order, the first of its code.
fn packet_options(options: &[pcap_parser::pcapng::PcapNGOption<'_>], big: bool) -> PacketOptions {
    let u32_of = if big { u32::from_be_bytes } else { u32::from_le_bytes };
    let u64_of = if big { u64::from_be_bytes } else { u64::from_le_bytes };
    PacketOptions {
        flags: fixed_option(options, 2).map(u32_of),
        drops: fixed_option(options, 4).map(u64_of),
        queue: fixed_option(options, 6).map(u32_of),
        packet_id: fixed_option(options, 5).map(u64_of),
    }
}

/// The value of the first option `code` that is exactly `N` octets long.
fn fixed_option<const N: usize>(options: &[pcap_parser::pcapng::PcapNGOption<'_>], code: u16) -> Option<[u8; N]> {
    let o = until_end(options).find(|o| o.code == pcap_parser::pcapng::OptionCode(code) && usize::from(o.len) == N)?;
    o.value.get(..N)?.try_into().ok()
}

/// A block's options up to `opt_endofopt` (code 0): pcap-parser reads on to the block's end,
/// and what follows the end is no option (tshark 4.0 stops there).
fn until_end<'o, 'a>(
    options: &'o [pcap_parser::pcapng::PcapNGOption<'a>],
) -> impl Iterator<Item = &'o pcap_parser::pcapng::PcapNGOption<'a>> {
    options.iter().take_while(|o| o.code != pcap_parser::pcapng::OptionCode::EndOfOpt)
}

/// The obsolete Packet Block (type 2) of the pcapng draft, which early writers and some test
/// suites left in files: an Enhanced Packet Block's fields, but a 16-bit interface id followed
/// by the packets the interface dropped before this one (0xffff: not known). Its options have
/// the Enhanced Packet Block's codes (`pack_flags` 2, `pack_hash` 3, comments, and tshark takes
/// an `epb_dropcount` in it too).
struct ObsoletePacket<'a> {
    if_id: u16,
    drops: u16,
    units: u64,
    caplen: u32,
    origlen: u32,
    /// The packet with its padding.
    data: &'a [u8],
    /// Whatever follows the padded packet in the block's body.
    options: &'a [u8],
}

/// The block's body (what follows its type and length, up to its trailing length) read in
/// the section's byte order; `None` when the packet does not fit in it.
fn obsolete_packet(body: &[u8], big: bool) -> Option<ObsoletePacket<'_>> {
    let rd = crate::wire::Reader::new(body);
    let u16_at = |at: usize| rd.array::<2>(at).map(if big { u16::from_be_bytes } else { u16::from_le_bytes });
    let u32_at = |at: usize| rd.array::<4>(at).map(if big { u32::from_be_bytes } else { u32::from_le_bytes });
    let caplen = u32_at(12)?;
    let end = 20usize.checked_add(usize::try_from(caplen).ok()?.checked_add(3)? & !3)?;
    Some(ObsoletePacket {
        if_id: u16_at(0)?,
        drops: u16_at(2)?,
        units: (u64::from(u32_at(4)?) << 32) | u64::from(u32_at(8)?),
        caplen,
        origlen: u32_at(16)?,
        data: rd.slice(20, end)?,
        options: body.get(end..)?,
    })
}

/// `options` (a block's option octets in the section's byte order) as pcap-parser reads an
/// Enhanced Packet Block's, framed as one in `scratch`; `None` when they do not parse (then
/// the packet is read without them).
fn options_of<'s>(options: &[u8], big: bool, scratch: &'s mut Vec<u8>) -> Option<Vec<pcap_parser::pcapng::PcapNGOption<'s>>> {
    let len = u32::try_from(32 + options.len()).ok()?;
    let word = |v: u32| if big { v.to_be_bytes() } else { v.to_le_bytes() };
    scratch.clear();
    scratch.extend_from_slice(&word(6));
    scratch.extend_from_slice(&word(len));
    scratch.extend_from_slice(&[0; 20]);
    scratch.extend_from_slice(options);
    scratch.extend_from_slice(&word(len));
    let parsed = if big { pcap_parser::pcapng::parse_block_be(scratch) } else { pcap_parser::pcapng::parse_block_le(scratch) };
    match parsed {
        Ok(([], Block::EnhancedPacket(epb))) => Some(epb.options),
        _ => None,
    }
}

/// An Enhanced Packet Block as pcap-parser reads it (`parse_block_le`), for the one shape the
/// fast path takes: little-endian section, no options (the block is its 32 octets of framing
/// plus the packet padded to 4), both lengths equal. `None` for anything else, including a
/// block not wholly in `data` yet.
struct PlainEpb<'a> {
    if_id: u32,
    units: u64,
    caplen: u32,
    origlen: u32,
    /// The packet with its padding, as pcap-parser's `EnhancedPacketBlock::data`.
    data: &'a [u8],
    /// The whole block's length: what to consume.
    len: usize,
}

fn plain_epb(data: &[u8], len_field: Option<(usize, bool)>) -> Option<PlainEpb<'_>> {
    const EPB: u32 = 6;
    if len_field != Some((4, false)) {
        return None;
    }
    let rd = crate::wire::Reader::new(data);
    let u32_at = |at: usize| rd.array::<4>(at).map(u32::from_le_bytes);
    if u32_at(0)? != EPB {
        return None;
    }
    let len = u32_at(4)?;
    let caplen = u32_at(20)?;
    // pcap-parser refuses a caplen this close to u32::MAX before padding it.
    if caplen >= u32::MAX - 4 {
        return None;
    }
    let padded = (caplen as usize + 3) & !3;
    if len as usize != 32 + padded || u32_at(len as usize - 4)? != len {
        return None;
    }
    Some(PlainEpb {
        if_id: u32_at(8)?,
        units: (u64::from(u32_at(12)?) << 32) | u64::from(u32_at(16)?),
        caplen,
        origlen: u32_at(24)?,
        data: rd.slice(28, 28 + padded)?,
        len: len as usize,
    })
}

/// A pcap record in the plain layout (16-octet header, then `caplen` octets) as pcap-parser's
/// `parse_pcap_frame` (`_be`) reads it, with the record's length; `None` until it is wholly in
/// `data`.
fn pcap_record(data: &[u8], big: bool) -> Option<(pcap_parser::LegacyPcapBlock<'_>, usize)> {
    let rd = crate::wire::Reader::new(data);
    let u32_at = |at: usize| rd.array::<4>(at).map(if big { u32::from_be_bytes } else { u32::from_le_bytes });
    let caplen = u32_at(8)?;
    let len = 16usize.checked_add(caplen as usize)?;
    let block = pcap_parser::LegacyPcapBlock {
        ts_sec: u32_at(0)?,
        ts_usec: u32_at(4)?,
        caplen,
        origlen: u32_at(12)?,
        data: rd.slice(16, len)?,
    };
    Some((block, len))
}

/// If the record at the start of `data` declares a length no real record has, says so.
fn damaged_length(data: &[u8], len_field: Option<(usize, bool)>) -> Option<String> {
    let (at, big) = len_field?;
    let b: [u8; 4] = crate::wire::Reader::new(data).array(at)?;
    let n = if big { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) };
    (n as usize > MAX_RECORD).then(|| format!("record length {n} is larger than any real record (limit {MAX_RECORD})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pcap_parser::pcapng::parse_block_le;

    /// An Enhanced Packet Block, little-endian: `opts` raw option octets, `len2` the trailing
    /// length (`None`: the right one).
    fn epb(packet: &[u8], opts: &[u8], len2: Option<u32>) -> Vec<u8> {
        let padded = (packet.len() + 3) & !3;
        let len = (32 + padded + opts.len()) as u32;
        let mut b = Vec::new();
        for v in [6, len, 1, 0x0102_0304, 0x0506_0708, packet.len() as u32, packet.len() as u32 + 7] {
            b.extend_from_slice(&u32::to_le_bytes(v));
        }
        b.extend_from_slice(packet);
        b.resize(28 + padded, 0xee);
        b.extend_from_slice(opts);
        b.extend_from_slice(&len2.unwrap_or(len).to_le_bytes());
        b
    }

    /// An obsolete Packet Block (type 2) is a packet: its 16-bit interface id, its Drops Count,
    /// its options' comments and flags; read again from its first octet it gives the same
    /// comments. One whose packet overflows it, that names an undescribed interface, or whose
    /// two lengths differ stops the reading with the reason.
    #[test]
    fn an_obsolete_packet_block_is_a_packet() {
        let packet: Vec<u8> = (1..=13).collect();
        let opb = |if_id: u16, caplen: u32| {
            let mut b = vec![2, 0, 0, 0, 0, 0, 0, 0];
            b.extend_from_slice(&if_id.to_le_bytes());
            b.extend_from_slice(&4u16.to_le_bytes());
            for v in [0u32, 1_000_000, caplen, 13] {
                b.extend_from_slice(&v.to_le_bytes());
            }
            b.extend_from_slice(&packet);
            b.resize(b.len().next_multiple_of(4), 0);
            // opt_comment "old", pack_flags 2 (outbound), opt_endofopt.
            b.extend_from_slice(&[1, 0, 3, 0, b'o', b'l', b'd', 0, 2, 0, 4, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
            let len = (b.len() + 4) as u32;
            b[4..8].copy_from_slice(&len.to_le_bytes());
            b.extend_from_slice(&len.to_le_bytes());
            b
        };
        let mut file = Vec::new();
        for v in [0x0a0d_0d0a_u32, 28, 0x1a2b_3c4d, 1, u32::MAX, u32::MAX, 28, 1, 20, 101, 0, 20, 1, 20, 101, 0, 20] {
            file.extend_from_slice(&v.to_le_bytes());
        }
        let at = file.len() as u64;
        let block = opb(1, 13);
        file.extend_from_slice(&block);
        let mut seen = Vec::new();
        stream_located(&file[..], |m, data, d, data_at| {
            seen.push((
                m.interface,
                m.options.drops,
                m.options.flags,
                m.ts,
                data.to_vec(),
                d.comments.to_vec(),
                data_at - EPB_DATA_OFFSET,
            ));
            true
        })
        .expect("reads");
        assert_eq!(seen, [(Some(1), Some(4), Some(2), (1, 0), packet.clone(), vec!["old".to_string()], at)]);
        let head: [u8; 8] = block[..8].try_into().unwrap();
        assert_eq!(EnhancedBlock::len(&head), Some(block.len()));
        let mut out = Vec::new();
        assert!(EnhancedBlock::comments(&block, 13, &mut out));
        assert_eq!(out, ["old"]);
        assert!(!EnhancedBlock::comments(&block, 12, &mut out) && out.is_empty());
        let stop = |b: Vec<u8>| {
            let mut f = file[..at as usize].to_vec();
            f.extend_from_slice(&b);
            match stream(&f[..], |_, _, _| true) {
                Err((0, CaptureError::Corrupt { why, .. })) => why,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(stop(opb(1, 200)), "packet block of 68 octets is too short for its packet");
        assert_eq!(stop(opb(2, 13)), "packet names interface 2 which was never described");
        let mut longer = opb(1, 13);
        let n = longer.len();
        longer[n - 4] += 4;
        assert_eq!(stop(longer), "packet block lengths differ (first 68, second 72)");
    }

    /// A block read again from its first octet gives the comments the reader gave with its
    /// packet, in either byte order; octets that are not that packet's whole block give none.
    #[test]
    fn an_enhanced_block_read_again_gives_its_comments() {
        let packet: Vec<u8> = (1..=13).collect();
        // opt_comment "hi" (padded), opt_comment "x\0y" (cut at the NUL), opt_endofopt.
        let opts = [1u8, 0, 2, 0, b'h', b'i', 0, 0, 1, 0, 3, 0, b'x', 0, b'y', 0, 0, 0, 0, 0];
        let le = epb(&packet, &opts, None);
        let head: [u8; 8] = le[..8].try_into().unwrap();
        assert_eq!(EnhancedBlock::len(&head), Some(le.len()));
        let mut out = vec!["stale".to_string()];
        assert!(EnhancedBlock::comments(&le, 13, &mut out));
        assert_eq!(out, ["hi", "x"]);
        // What the reader itself says of the same block.
        let mut file = Vec::new();
        // A section header and two interfaces (the block names interface 1).
        for v in [0x0a0d_0d0a_u32, 28, 0x1a2b_3c4d, 1, u32::MAX, u32::MAX, 28, 1, 20, 101, 0, 20, 1, 20, 101, 0, 20] {
            file.extend_from_slice(&v.to_le_bytes());
        }
        let at = file.len() as u64;
        file.extend_from_slice(&le);
        let mut seen = Vec::new();
        stream_located(&file[..], |_, _, d, data_at| {
            seen.push((data_at - EPB_DATA_OFFSET, d.comments.to_vec()));
            true
        })
        .expect("reads");
        assert_eq!(seen, [(at, vec!["hi".to_string(), "x".to_string()])]);
        // The same block big-endian: every 32-bit field swapped, options' code and length too.
        let mut be = le.clone();
        for at in (0..28).step_by(4).chain([le.len() - 4]) {
            be[at..at + 4].reverse();
        }
        let opts_at = 28 + 16;
        for at in [opts_at, opts_at + 2, opts_at + 8, opts_at + 10, opts_at + 16, opts_at + 18] {
            be[at..at + 2].reverse();
        }
        let head: [u8; 8] = be[..8].try_into().unwrap();
        assert_eq!(EnhancedBlock::len(&head), Some(be.len()));
        assert!(EnhancedBlock::comments(&be, 13, &mut out));
        assert_eq!(out, ["hi", "x"]);
        // Another packet's length, a cut block, another block type, an absurd length: none.
        assert!(!EnhancedBlock::comments(&le, 12, &mut out) && out.is_empty());
        assert!(!EnhancedBlock::comments(&le[..le.len() - 4], 13, &mut out) && out.is_empty());
        let mut spb = le.clone();
        spb[0] = 3;
        assert!(!EnhancedBlock::comments(&spb, 13, &mut out));
        assert_eq!(EnhancedBlock::len(&spb[..8].try_into().unwrap()), None);
        let mut huge = head;
        huge[4..].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(EnhancedBlock::len(&huge), None);
    }

    #[test]
    fn plain_epb_reads_what_pcap_parser_reads() {
        let packet: Vec<u8> = (1..=13).collect();
        for n in 0..=packet.len() {
            let mut b = epb(&packet[..n], &[], None);
            b.extend_from_slice(&[0xaa; 8]); // the next block's first octets
            let e = plain_epb(&b, Some((4, false))).expect("a plain block");
            let (rest, block) = parse_block_le(&b).expect("pcap-parser reads it");
            let pcap_parser::pcapng::Block::EnhancedPacket(p) = block else { panic!("not an EPB") };
            assert_eq!((e.if_id, e.caplen, e.origlen, e.data), (p.if_id, p.caplen, p.origlen, p.data));
            assert_eq!(e.units, (u64::from(p.ts_high) << 32) | u64::from(p.ts_low));
            assert_eq!(e.units, 0x0102_0304_0506_0708);
            assert_eq!(e.len, b.len() - rest.len());
            assert_eq!(&e.data[..n], &packet[..n]);
        }
    }

    #[test]
    fn pcap_record_reads_what_pcap_parser_reads() {
        use pcap_parser::pcap::{parse_pcap_frame, parse_pcap_frame_be};
        for big in [false, true] {
            for n in 0..=9usize {
                let mut b = Vec::new();
                for v in [1_700_000_000u32, 123_456, n as u32, n as u32 + 5] {
                    b.extend_from_slice(&if big { v.to_be_bytes() } else { v.to_le_bytes() });
                }
                b.extend((0..n).map(|k| k as u8 + 1));
                let whole = b.len();
                b.extend_from_slice(&[0xaa; 3]); // the next record's first octets
                let (r, len) = pcap_record(&b, big).expect("a whole record");
                let (rest, p) = if big { parse_pcap_frame_be(&b) } else { parse_pcap_frame(&b) }.expect("pcap-parser reads it");
                assert_eq!(
                    (r.ts_sec, r.ts_usec, r.caplen, r.origlen, r.data),
                    (p.ts_sec, p.ts_usec, p.caplen, p.origlen, p.data)
                );
                assert_eq!((r.ts_sec, r.ts_usec, r.origlen), (1_700_000_000, 123_456, n as u32 + 5));
                assert_eq!(len, b.len() - rest.len());
                assert_eq!(len, whole);
                // Not all there yet: left to pcap-parser, which asks for more.
                assert!(pcap_record(&b[..whole - 1], big).is_none());
                assert!(pcap_record(&b[..15], big).is_none());
            }
        }
    }

    #[test]
    fn plain_epb_leaves_every_other_block_to_pcap_parser() {
        let packet = [9u8; 5];
        // An option (comment "ab", then opt_endofopt): pcap-parser parses it, the fast path does not.
        let with_opt = epb(&packet, &[1, 0, 2, 0, b'a', b'b', 0, 0, 0, 0, 0, 0], None);
        assert!(parse_block_le(&with_opt).is_ok());
        assert!(plain_epb(&with_opt, Some((4, false))).is_none());
        // Lengths that disagree: pcap-parser's error, not a packet.
        let bad_len2 = epb(&packet, &[], Some(44));
        assert!(parse_block_le(&bad_len2).is_err());
        assert!(plain_epb(&bad_len2, Some((4, false))).is_none());
        // Not all there yet, a big-endian or pcap file, another block type.
        let good = epb(&packet, &[], None);
        assert!(plain_epb(&good, Some((4, false))).is_some());
        assert!(plain_epb(&good[..good.len() - 1], Some((4, false))).is_none());
        assert!(plain_epb(&good, Some((4, true))).is_none());
        assert!(plain_epb(&good, Some((8, false))).is_none());
        assert!(plain_epb(&good, None).is_none());
        let mut spb = good.clone();
        spb[0] = 3;
        assert!(plain_epb(&spb, Some((4, false))).is_none());
        // A caplen pcap-parser refuses outright.
        let mut huge = good;
        huge[20..24].copy_from_slice(&(u32::MAX - 3).to_le_bytes());
        assert!(plain_epb(&huge, Some((4, false))).is_none());
    }
}
