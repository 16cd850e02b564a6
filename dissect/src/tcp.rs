//! TCP (RFC 9293) over IPv4 or IPv6: the fixed header, the options of RFC 9293 §3.2 (End of
//! Option List, No-Operation, Maximum Segment Size), RFC 7323 (Window Scale, Timestamps) and
//! RFC 2018 (SACK Permitted, SACK), others shown raw. The payload is `data`.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |          Source Port          |       Destination Port        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                        Sequence Number                        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                    Acknowledgment Number                      |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |  Data |       |C|E|U|A|P|R|S|F|                               |
//! | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
//! |       |       |R|E|G|K|H|T|N|N|                               |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |           Checksum            |         Urgent Pointer        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                           [Options]                           |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                             Data                              :
//! ```
//!
//! Sequence and acknowledgment numbers are the raw values: relative numbers need per-stream
//! state, which mipscope does not keep. `tcp.seq`, `tcp.ack` and `tcp.nxtseq` are therefore
//! what tshark shows with `-o tcp.relative_sequence_numbers:FALSE` (`tcp.seq_raw` and
//! `tcp.ack_raw` are the same values under either setting). The lowest reserved bit is
//! RFC 9768's Accurate ECN flag (Wireshark's `tcp.flags.ae`).
//!
//! [`Tcp`] and [`TcpOption`] are the owned, lossless forms: the dissector parses the header and
//! walks the options with them.
//!
//! The checksum is verified over the pseudo-header [`IpCtx`] gives, which for IPv6 has the
//! Home Address option's address as source and a type 2 routing header's home address as
//! destination (RFC 6275 §6.3, §6.4; RFC 8200 §8.1), as for UDP and the Mobility Header.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Picture, Value};
use crate::format::{write_dec, Sink};
use crate::layout;
use crate::model::{Auto, Cut, EmitCx};
use crate::tree::Tree;
use crate::wire::Reader;
use crate::{checksum, IpCtx};

layout! {
    /// The fixed 20-octet header, parsed in one go (nodes are added by hand: Wireshark shows the
    /// Data Offset in octets and nests the flags under one item).
    pub struct Header {
        pub sport: u16 => [],
        pub dport: u16 => [],
        pub seq: u32 => [],
        pub ack: u32 => [],
        pub off_flags: u16 => [],
        pub window: u16 => [],
        pub checksum: u16 => [],
        pub urgent: u16 => [],
    }
}

crate::flags! {
    /// The twelve bits after the Data Offset (RFC 9293 §3.1, RFC 3168, RFC 9768). The value holds
    /// only those twelve bits: the three reserved ones ([`TcpFlags::RESERVED_BITS`], kept as they
    /// were) and the nine named flags; the Data Offset is [`Tcp::data_offset`].
    pub struct TcpFlags: u16 {
        AE = 0x0100 => 'A' "Accurate ECN (RFC 9768; the Nonce Sum of RFC 3540, NS)",
        CWR = 0x0080 => 'C' "Congestion Window Reduced (RFC 3168)",
        ECE = 0x0040 => 'E' "ECN-Echo (RFC 3168)",
        URG = 0x0020 => 'U' "Urgent Pointer field is significant",
        ACK = 0x0010 => 'A' "Acknowledgment field is significant",
        PSH = 0x0008 => 'P' "Push",
        RST = 0x0004 => 'R' "Reset the connection",
        SYN = 0x0002 => 'S' "Synchronize sequence numbers",
        FIN = 0x0001 => 'F' "No more data from sender",
    }
}

impl TcpFlags {
    /// The three reserved bits between the Data Offset and the flags (RFC 9293 §3.1).
    pub const RESERVED_BITS: u16 = 0x0e00;
    /// The bits of the Data Offset / flags word this value covers.
    pub const WIRE_MASK: u16 = 0x0fff;
}

const FIN: u16 = TcpFlags::FIN;
const SYN: u16 = TcpFlags::SYN;
const RST: u16 = TcpFlags::RST;
const ACK: u16 = TcpFlags::ACK;
const URG: u16 = TcpFlags::URG;

/// Flag names in Wireshark's Info-column order (lowest bit first).
const FLAG_NAMES: [(u16, &str); 10] = [
    (TcpFlags::FIN, "FIN"),
    (TcpFlags::SYN, "SYN"),
    (TcpFlags::RST, "RST"),
    (TcpFlags::PSH, "PSH"),
    (TcpFlags::ACK, "ACK"),
    (TcpFlags::URG, "URG"),
    (TcpFlags::ECE, "ECE"),
    (TcpFlags::CWR, "CWR"),
    (TcpFlags::AE, "AE"),
    (TcpFlags::RESERVED_BITS, "Reserved"),
];

crate::code_points! {
    /// TCP option kinds (IANA "TCP Option Kind Numbers"), with tshark 4.0's names: `tcp.option_kind`
    /// shows them.
    pub enum TcpOptionKind: u8 {
        Eol = 0 => "End of Option List",
        Nop = 1 => "No-Operation",
        Mss = 2 => "Maximum Segment Size",
        WindowScale = 3 => "Window Scale",
        SackPermitted = 4 => "SACK Permitted",
        Sack = 5 => "SACK",
        Echo = 6 => "Echo",
        EchoReply = 7 => "Echo Reply",
        Timestamps = 8 => "Time Stamp Option",
        Md5 = 19 => "TCP MD5 signature",
        UserTimeout = 28 => "User Timeout",
        Authentication = 29 => "TCP Authentication Option",
        Multipath = 30 => "Multipath TCP",
        FastOpen = 34 => "TCP Fast Open Cookie",
        Experiment1 = 253 => "RFC3692-style Experiment 1",
        Experiment2 = 254 => "RFC3692-style Experiment 2",
    }
}

/// A length field that cannot describe what emission would write: the field and the octets it
/// would have to count. Emission stops at the first such field (a crafter who wants a lying
/// length gives it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    pub what: &'static str,
    pub len: usize,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cannot describe {} octets", self.what, self.len)
    }
}

impl std::error::Error for TooLong {}

/// The blocks of a SACK option (RFC 2018 §3): one to four (left edge, right edge) pairs, all
/// that fit in the 40 octets of TCP option space. `Copy`, so the option needs no storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SackBlocks {
    n: u8,
    edges: [(u32, u32); 4],
}

impl SackBlocks {
    /// The most blocks an option can carry (2 + 4 × 8 octets of the 40 the header allows).
    pub const MAX: usize = 4;

    /// The blocks given, or `None` for none or more than [`SackBlocks::MAX`].
    pub fn new(blocks: &[(u32, u32)]) -> Option<Self> {
        if blocks.is_empty() || blocks.len() > Self::MAX {
            return None;
        }
        let mut s = SackBlocks { n: blocks.len() as u8, edges: [(0, 0); 4] };
        s.edges[..blocks.len()].copy_from_slice(blocks);
        Some(s)
    }

    /// The (left edge, right edge) pairs in wire order.
    pub fn as_slice(&self) -> &[(u32, u32)] {
        &self.edges[..usize::from(self.n)]
    }
}

/// One item of a TCP option list (RFC 9293 §3.1, §3.2; RFC 7323; RFC 2018), lossless: a kind
/// whose length is not its own (an MSS of 3 octets), an option that runs past the option area,
/// and octets the walk cannot frame are all kept as they were. `B` holds the octets of the
/// variants that have any (`&[u8]` as parsed, `Vec<u8>` owned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TcpOption<B> {
    /// Kind 0, one octet; each zero octet of the padding after it is one more.
    Eol,
    /// Kind 1, one octet.
    Nop,
    /// Kind 2, length 4 (RFC 9293 §3.2).
    Mss(u16),
    /// Kind 3, length 3: the shift count (RFC 7323 §2.2).
    WindowScale(u8),
    /// Kind 4, length 2 (RFC 2018 §2).
    SackPermitted,
    /// Kind 5, length 2 + 8n (RFC 2018 §3).
    Sack(SackBlocks),
    /// Kind 8, length 10 (RFC 7323 §3.2).
    Timestamps { tsval: u32, tsecr: u32 },
    /// Any other kind, or a kind above whose length is not its own. `len` is the Length octet
    /// (2 + `data` unless given); a parsed option that runs past the option area has a given
    /// `len` larger than what `data` holds.
    Other { kind: TcpOptionKind, len: Auto<u8>, data: B },
    /// Octets the walk cannot frame as an option, to the end of the area: a nonzero octet in
    /// the padding after End of Option List, a kind with no Length octet after it, or a Length
    /// below 2.
    Unframed(B),
}

impl<B: AsRef<[u8]>> TcpOption<B> {
    /// The kind (the first octet of an unframed run).
    pub fn kind(&self) -> TcpOptionKind {
        match self {
            TcpOption::Eol => TcpOptionKind::Eol,
            TcpOption::Nop => TcpOptionKind::Nop,
            TcpOption::Mss(_) => TcpOptionKind::Mss,
            TcpOption::WindowScale(_) => TcpOptionKind::WindowScale,
            TcpOption::SackPermitted => TcpOptionKind::SackPermitted,
            TcpOption::Sack(_) => TcpOptionKind::Sack,
            TcpOption::Timestamps { .. } => TcpOptionKind::Timestamps,
            TcpOption::Other { kind, .. } => *kind,
            TcpOption::Unframed(b) => TcpOptionKind::from(b.as_ref().first().copied().unwrap_or(0)),
        }
    }

    /// Octets `emit` writes.
    pub fn wire_len(&self) -> usize {
        match self {
            TcpOption::Eol | TcpOption::Nop => 1,
            TcpOption::Mss(_) => 4,
            TcpOption::WindowScale(_) => 3,
            TcpOption::SackPermitted => 2,
            TcpOption::Sack(b) => 2 + 8 * b.as_slice().len(),
            TcpOption::Timestamps { .. } => 10,
            TcpOption::Other { data, .. } => 2 + data.as_ref().len(),
            TcpOption::Unframed(b) => b.as_ref().len(),
        }
    }

    /// Appends the option, its Length computed unless given (an error when it would pass 255).
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), TooLong> {
        let fixed = |out: &mut Vec<u8>, kind: TcpOptionKind, len: usize| out.extend_from_slice(&[kind.value(), len as u8]);
        match self {
            TcpOption::Eol => out.push(0),
            TcpOption::Nop => out.push(1),
            TcpOption::Mss(v) => {
                fixed(out, TcpOptionKind::Mss, 4);
                out.extend_from_slice(&v.to_be_bytes());
            }
            TcpOption::WindowScale(v) => {
                fixed(out, TcpOptionKind::WindowScale, 3);
                out.push(*v);
            }
            TcpOption::SackPermitted => fixed(out, TcpOptionKind::SackPermitted, 2),
            TcpOption::Sack(b) => {
                fixed(out, TcpOptionKind::Sack, self.wire_len());
                for (le, re) in b.as_slice() {
                    out.extend_from_slice(&le.to_be_bytes());
                    out.extend_from_slice(&re.to_be_bytes());
                }
            }
            TcpOption::Timestamps { tsval, tsecr } => {
                fixed(out, TcpOptionKind::Timestamps, 10);
                out.extend_from_slice(&tsval.to_be_bytes());
                out.extend_from_slice(&tsecr.to_be_bytes());
            }
            TcpOption::Other { kind, len, data } => {
                let n = self.wire_len();
                let len = match len {
                    Auto::Given(v) => *v,
                    Auto::Computed => u8::try_from(n).map_err(|_| TooLong { what: "TCP option Length", len: n })?,
                };
                out.extend_from_slice(&[kind.value(), len]);
                out.extend_from_slice(data.as_ref());
            }
            TcpOption::Unframed(b) => out.extend_from_slice(b.as_ref()),
        }
        Ok(())
    }

    /// The same option owning its octets.
    pub fn to_owned(&self) -> TcpOption<Vec<u8>> {
        match self {
            TcpOption::Eol => TcpOption::Eol,
            TcpOption::Nop => TcpOption::Nop,
            TcpOption::Mss(v) => TcpOption::Mss(*v),
            TcpOption::WindowScale(v) => TcpOption::WindowScale(*v),
            TcpOption::SackPermitted => TcpOption::SackPermitted,
            TcpOption::Sack(b) => TcpOption::Sack(*b),
            TcpOption::Timestamps { tsval, tsecr } => TcpOption::Timestamps { tsval: *tsval, tsecr: *tsecr },
            TcpOption::Other { kind, len, data } => TcpOption::Other { kind: *kind, len: *len, data: data.as_ref().to_vec() },
            TcpOption::Unframed(b) => TcpOption::Unframed(b.as_ref().to_vec()),
        }
    }
}

impl<'a> TcpOption<&'a [u8]> {
    /// Parses one option from the start of `i` (the rest of an option area); `after_eol` says
    /// whether the previous item was End of Option List, after which only zero padding may
    /// follow. Returns the option and its octets; `None` only for an empty `i`. Never fails
    /// otherwise: what cannot be framed is [`TcpOption::Unframed`] to the end of `i`.
    pub fn parse(i: &'a [u8], after_eol: bool) -> Option<(Self, usize)> {
        let &kind = i.first()?;
        if after_eol && kind != 0 {
            return Some((TcpOption::Unframed(i), i.len()));
        }
        match kind {
            0 => return Some((TcpOption::Eol, 1)),
            1 => return Some((TcpOption::Nop, 1)),
            _ => {}
        }
        let Some(&len) = i.get(1).filter(|&&l| l >= 2) else {
            return Some((TcpOption::Unframed(i), i.len()));
        };
        let n = usize::from(len);
        let Some(body) = i.get(2..n) else {
            // Runs past the area: the Length is kept, the octets are what there is.
            return Some((TcpOption::Other { kind: kind.into(), len: Auto::Given(len), data: &i[2..] }, i.len()));
        };
        let rd = Reader::new(body);
        let be32 = |at: usize| rd.u32(at);
        let typed = match (TcpOptionKind::from(kind), n) {
            (TcpOptionKind::Mss, 4) => rd.u16(0).map(TcpOption::Mss),
            (TcpOptionKind::WindowScale, 3) => rd.u8(0).map(TcpOption::WindowScale),
            (TcpOptionKind::SackPermitted, 2) => Some(TcpOption::SackPermitted),
            (TcpOptionKind::Sack, _) if n >= 10 && (n - 2).is_multiple_of(8) && (n - 2) / 8 <= SackBlocks::MAX => {
                let mut b = SackBlocks { n: ((n - 2) / 8) as u8, edges: [(0, 0); 4] };
                for (k, e) in b.edges.iter_mut().take((n - 2) / 8).enumerate() {
                    *e = (be32(8 * k).unwrap_or(0), be32(8 * k + 4).unwrap_or(0));
                }
                Some(TcpOption::Sack(b))
            }
            (TcpOptionKind::Timestamps, 10) => {
                Some(TcpOption::Timestamps { tsval: be32(0).unwrap_or(0), tsecr: be32(4).unwrap_or(0) })
            }
            _ => None,
        };
        Some((typed.unwrap_or(TcpOption::Other { kind: kind.into(), len: Auto::Given(len), data: body }), n))
    }
}

/// The options of an option area in wire order (see [`TcpOption::parse`]): every octet of the
/// area is in exactly one item, so emitting the items gives the area back.
#[derive(Debug, Clone, Copy)]
pub struct TcpOptions<'a> {
    rest: &'a [u8],
    after_eol: bool,
}

impl<'a> TcpOptions<'a> {
    pub fn new(area: &'a [u8]) -> Self {
        TcpOptions { rest: area, after_eol: false }
    }
}

impl<'a> Iterator for TcpOptions<'a> {
    type Item = TcpOption<&'a [u8]>;
    fn next(&mut self) -> Option<Self::Item> {
        let (o, n) = TcpOption::parse(self.rest, self.after_eol)?;
        self.after_eol = matches!(o, TcpOption::Eol);
        self.rest = self.rest.get(n..).unwrap_or_default();
        Some(o)
    }
}

/// The octets of `options` in order, for [`Tcp::options`] (an error if an option's computed
/// Length would pass 255).
pub fn encode_options<B: AsRef<[u8]>>(options: &[TcpOption<B>]) -> Result<Vec<u8>, TooLong> {
    let mut out = Vec::new();
    for o in options {
        o.emit(&mut out)?;
    }
    Ok(out)
}

/// A TCP header (RFC 9293 §3.1), lossless: what `parse` read re-emits identically (reserved
/// bits, a lying Data Offset, a wrong checksum, nonzero padding included); a crafted one leaves
/// the Data Offset (with zero padding to a 32-bit boundary) and the checksum to be computed.
/// `B` holds the option area (`&[u8]` as parsed, `Vec<u8>` owned); [`Tcp::options`] walks it.
/// The dissector parses with this same definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tcp<B> {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub ack: u32,
    /// Header length in 32-bit words (4 bits): (20 + options + padding) / 4 unless given.
    pub data_offset: Auto<u8>,
    pub flags: TcpFlags,
    pub window: u16,
    /// Over the pseudo-header of [`EmitCx::ip`], the header and the payload unless given.
    pub checksum: Auto<u16>,
    pub urgent: u16,
    /// The option area as on the wire: options, then their padding (see [`Tcp::options`],
    /// [`encode_options`]). A computed Data Offset adds zero octets up to a 32-bit boundary.
    pub options: B,
}

impl<B> Tcp<B> {
    /// Octets of the fixed header.
    pub const FIXED_LEN: usize = Header::LEN;
}

impl<'a> Tcp<&'a [u8]> {
    /// Parses the header at the start of `i` (a segment); returns it and its length in octets.
    /// The header runs to where the Data Offset says, as far as `i` goes; a Data Offset below 5
    /// says nothing of where options end, so that header is the 20 fixed octets and no option.
    /// Fails only on fewer than 20 octets.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let Ok((_, h)) = Header::parse(i) else { return Err(Cut::new(0, "TCP header")) };
        let hlen = usize::from(h.off_flags >> 12) * 4;
        let n = hlen.clamp(Header::LEN, i.len());
        let t = Tcp {
            src_port: h.sport,
            dst_port: h.dport,
            seq: h.seq,
            ack: h.ack,
            data_offset: Auto::Given((h.off_flags >> 12) as u8),
            flags: TcpFlags(h.off_flags & TcpFlags::WIRE_MASK),
            window: h.window,
            checksum: Auto::Given(h.checksum),
            urgent: h.urgent,
            options: i.get(Header::LEN..n).unwrap_or_default(),
        };
        Ok((t, n))
    }
}

impl<B: AsRef<[u8]>> Tcp<B> {
    /// The options in wire order.
    pub fn options(&self) -> TcpOptions<'_> {
        TcpOptions::new(self.options.as_ref())
    }

    /// Zero octets a computed Data Offset adds after the options.
    fn padding(&self) -> usize {
        match self.data_offset {
            Auto::Given(_) => 0,
            Auto::Computed => (4 - self.options.as_ref().len() % 4) % 4,
        }
    }

    /// Octets of the header `emit` writes.
    pub fn header_len(&self) -> usize {
        Header::LEN + self.options.as_ref().len() + self.padding()
    }

    /// The Data Offset emitted: the given one, or the header's length in words (an error past
    /// 15 words, 60 octets, or for a given value that does not fit in 4 bits).
    pub fn data_offset_value(&self) -> Result<u8, TooLong> {
        let n = self.header_len();
        match self.data_offset {
            Auto::Given(v) if v <= 15 => Ok(v),
            Auto::Given(v) => Err(TooLong { what: "TCP Data Offset", len: usize::from(v) * 4 }),
            Auto::Computed if n <= 60 => Ok((n / 4) as u8),
            Auto::Computed => Err(TooLong { what: "TCP Data Offset", len: n }),
        }
    }

    /// Appends the header and `payload` (the segment's data), computing what was not given:
    /// the Data Offset with zero padding, and the checksum over the pseudo-header of `cx.ip`
    /// (RFC 9293 §3.1; for IPv6 the caller's `IpCtx` already has the Home Address and type 2
    /// routing header substitutions). Without an `IpCtx` a computed checksum is 0.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), TooLong> {
        let off = self.data_offset_value()?;
        let start = out.len();
        let word = (u16::from(off) << 12) | (self.flags.0 & TcpFlags::WIRE_MASK);
        let fixed = Header {
            sport: self.src_port,
            dport: self.dst_port,
            seq: self.seq,
            ack: self.ack,
            off_flags: word,
            window: self.window,
            checksum: self.checksum.given().unwrap_or(0),
            urgent: self.urgent,
        };
        fixed.emit(out);
        out.extend_from_slice(self.options.as_ref());
        out.resize(out.len() + self.padding(), 0);
        out.extend_from_slice(payload);
        if let (Auto::Computed, Some(ip)) = (self.checksum, cx.ip) {
            let seg = &out[start..];
            let c = checksum::finish(checksum::sum(seg, ip.pseudo_sum(seg.len() as u32, 6)));
            out[start + 16..start + 18].copy_from_slice(&c.to_be_bytes());
        }
        Ok(())
    }

    /// The same header owning its option area.
    pub fn to_owned(&self) -> Tcp<Vec<u8>> {
        Tcp {
            src_port: self.src_port,
            dst_port: self.dst_port,
            seq: self.seq,
            ack: self.ack,
            data_offset: self.data_offset,
            flags: self.flags,
            window: self.window,
            checksum: self.checksum,
            urgent: self.urgent,
            options: self.options.as_ref().to_vec(),
        }
    }
}

pub static TCP: FieldDef = FieldDef::new("tcp", "Transmission Control Protocol", Kind::Protocol).short("TCP");
pub static SRCPORT: FieldDef = FieldDef::new("tcp.srcport", "Source Port", Kind::Uint(2));
pub static DSTPORT: FieldDef = FieldDef::new("tcp.dstport", "Destination Port", Kind::Uint(2));
pub static PORT: FieldDef = FieldDef::new("tcp.port", "Source or Destination Port", Kind::Uint(2));
pub static LEN: FieldDef = FieldDef::new("tcp.len", "TCP Segment Len", Kind::Uint(4));
pub static SEQ: FieldDef = FieldDef::new("tcp.seq", "Sequence Number", Kind::Uint(4))
    .blurb("The raw sequence number (tshark's with tcp.relative_sequence_numbers:FALSE; mipscope keeps no per-stream state)");
pub static SEQ_RAW: FieldDef = FieldDef::new("tcp.seq_raw", "Sequence Number (raw)", Kind::Uint(4));
pub static NXTSEQ: FieldDef = FieldDef::new("tcp.nxtseq", "Next Sequence Number", Kind::Uint(4))
    .blurb("Sequence number plus segment length, SYN and FIN (raw, as tcp.seq)");
pub static ACK_NUM: FieldDef = FieldDef::new("tcp.ack", "Acknowledgment Number", Kind::Uint(4))
    .blurb("The raw acknowledgment number (tshark's with tcp.relative_sequence_numbers:FALSE)");
pub static ACK_RAW: FieldDef = FieldDef::new("tcp.ack_raw", "Acknowledgment number (raw)", Kind::Uint(4));
pub static HDR_LEN: FieldDef =
    FieldDef::new("tcp.hdr_len", "Header Length", Kind::Uint(1)).unit(" bytes").picture(Picture::Wire(0xf0));
pub static FLAGS: FieldDef =
    FieldDef::new("tcp.flags", "Flags", Kind::Uint(2)).hex().mask(TcpFlags::WIRE_MASK as u64).picture(Picture::None);
pub static FLAG_RES: FieldDef = FieldDef::new("tcp.flags.res", "Reserved", Kind::Bool(2))
    .mask(TcpFlags::RESERVED_BITS as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_AE: FieldDef = FieldDef::new("tcp.flags.ae", "Accurate ECN", Kind::Bool(2))
    .mask(TcpFlags::AE as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_CWR: FieldDef = FieldDef::new("tcp.flags.cwr", "Congestion Window Reduced", Kind::Bool(2))
    .mask(TcpFlags::CWR as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_ECE: FieldDef = FieldDef::new("tcp.flags.ece", "ECN-Echo", Kind::Bool(2))
    .mask(TcpFlags::ECE as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_URG: FieldDef = FieldDef::new("tcp.flags.urg", "Urgent", Kind::Bool(2))
    .mask(TcpFlags::URG as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_ACK: FieldDef = FieldDef::new("tcp.flags.ack", "Acknowledgment", Kind::Bool(2))
    .mask(TcpFlags::ACK as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_PUSH: FieldDef = FieldDef::new("tcp.flags.push", "Push", Kind::Bool(2))
    .mask(TcpFlags::PSH as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_RESET: FieldDef = FieldDef::new("tcp.flags.reset", "Reset", Kind::Bool(2))
    .mask(TcpFlags::RST as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_SYN: FieldDef = FieldDef::new("tcp.flags.syn", "Syn", Kind::Bool(2))
    .mask(TcpFlags::SYN as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAG_FIN: FieldDef = FieldDef::new("tcp.flags.fin", "Fin", Kind::Bool(2))
    .mask(TcpFlags::FIN as u64)
    .tfs("Set", "Not set")
    .picture(Picture::Width(12));
pub static FLAGS_STR: FieldDef = FieldDef::new("tcp.flags.str", "TCP Flags", Kind::String);
pub static WINDOW: FieldDef = FieldDef::new("tcp.window_size_value", "Window", Kind::Uint(2))
    .blurb("The window size value from the TCP header (unscaled: scaling needs the handshake's state)");
pub static CHECKSUM: FieldDef = FieldDef::new("tcp.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = checksum::status_field("tcp.checksum.status", "Checksum Status");
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("tcp.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static URGENT: FieldDef = FieldDef::new("tcp.urgent_pointer", "Urgent Pointer", Kind::Uint(2));
// "Options: (12 bytes), No-Operation (NOP), Timestamps": each option's name is added as it is read.
pub static OPTIONS: FieldDef = FieldDef::new("tcp.options", "Options", Kind::Bytes).counted(": ");
pub static OPTION_KIND: FieldDef = FieldDef::new("tcp.option_kind", "Kind", Kind::Uint(1))
    .vals(TcpOptionKind::VALS)
    .tshark_names(&[(19, "MD5 Signature Option"), (28, "User Timeout Option"), (29, "The TCP Authentication Option")]);
pub static OPTION_LEN: FieldDef = FieldDef::new("tcp.option_len", "Length", Kind::Uint(1));
pub static OPT_EOL: FieldDef = FieldDef::new("tcp.options.eol", "TCP Option - End of Option List (EOL)", Kind::Protocol);
pub static OPT_NOP: FieldDef = FieldDef::new("tcp.options.nop", "TCP Option - No-Operation (NOP)", Kind::Protocol);
pub static OPT_MSS: FieldDef = FieldDef::new("tcp.options.mss", "TCP Option - Maximum segment size", Kind::Protocol);
pub static MSS_VAL: FieldDef = FieldDef::new("tcp.options.mss_val", "MSS Value", Kind::Uint(2));
pub static OPT_WSCALE: FieldDef = FieldDef::new("tcp.options.wscale", "TCP Option - Window scale", Kind::Protocol);
pub static WSCALE_SHIFT: FieldDef = FieldDef::new("tcp.options.wscale.shift", "Shift count", Kind::Uint(1));
pub static WSCALE_MULT: FieldDef = FieldDef::new("tcp.options.wscale.multiplier", "Multiplier", Kind::Uint(2))
    .blurb("2 to the power of the shift count (at most 14, RFC 7323 §2.3)");
pub static OPT_SACK_PERM: FieldDef = FieldDef::new("tcp.options.sack_perm", "TCP Option - SACK permitted", Kind::Protocol);
pub static OPT_SACK: FieldDef = FieldDef::new("tcp.options.sack", "TCP Option - SACK", Kind::Protocol);
pub static SACK_LE: FieldDef = FieldDef::new("tcp.options.sack_le", "left edge", Kind::Uint(4)).equals();
pub static SACK_RE: FieldDef = FieldDef::new("tcp.options.sack_re", "right edge", Kind::Uint(4)).equals();
pub static SACK_COUNT: FieldDef = FieldDef::new("tcp.options.sack.count", "TCP SACK Count", Kind::Uint(1));
pub static OPT_TIMESTAMP: FieldDef = FieldDef::new("tcp.options.timestamp", "TCP Option - Timestamps", Kind::Protocol);
pub static TSVAL: FieldDef = FieldDef::new("tcp.options.timestamp.tsval", "Timestamp value", Kind::Uint(4));
pub static TSECR: FieldDef = FieldDef::new("tcp.options.timestamp.tsecr", "Timestamp echo reply", Kind::Uint(4));
pub static OPT_UNKNOWN: FieldDef = FieldDef::new("tcp.options.unknown", "TCP Option - Unknown", Kind::Protocol);
pub static UNKNOWN_PAYLOAD: FieldDef = FieldDef::new("tcp.options.unknown.payload", "Payload", Kind::Bytes);
pub static PAYLOAD: FieldDef = FieldDef::new("tcp.payload", "TCP payload", Kind::Bytes).counted(" ");

pub static BAD_CHECKSUM: ExpertDef = ExpertDef::new("tcp.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static CHECKSUM_FFFF: ExpertDef =
    ExpertDef::new("tcp.checksum.ffff", Group::Checksum, Severity::Warn, "TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)");
pub static BOGUS_HDR_LEN: ExpertDef = ExpertDef::new(
    "tcp.bogus_header_length",
    Group::Protocol,
    Severity::Error,
    "Bogus TCP header length: Data Offset below 5 (RFC 9293 §3.1)",
);
pub static SHORT_SEGMENT: ExpertDef = ExpertDef::new(
    "tcp.short_segment",
    Group::Malformed,
    Severity::Warn,
    "Short segment: the Data Offset runs past the end of the segment",
);
pub static OPT_LEN_INVALID: ExpertDef =
    ExpertDef::new("tcp.option.len.invalid", Group::Malformed, Severity::Warn, "Invalid length for option");
pub static WSCALE_INVALID: ExpertDef = ExpertDef::new(
    "tcp.options.wscale.shift.invalid",
    Group::Protocol,
    Severity::Warn,
    "Window scale shift exceeds 14 (RFC 7323 §2.3: used as 14)",
);
pub static NONZERO_AFTER_EOL: ExpertDef = ExpertDef::new(
    "tcp.non_zero_bytes_after_eol",
    Group::Protocol,
    Severity::Warn,
    "Non zero bytes in option space after EOL option (RFC 9293 §3.1: the padding is zero)",
);
pub static MSS_WITHOUT_SYN: ExpertDef = ExpertDef::new(
    "check.rfc9293.mss_without_syn",
    Group::Protocol,
    Severity::Warn,
    "Maximum Segment Size option in a segment without SYN (RFC 9293 §3.2, MUST-65: sent only in the connection request)",
);
pub static WSCALE_WITHOUT_SYN: ExpertDef = ExpertDef::new(
    "check.rfc7323.wscale_without_syn",
    Group::Protocol,
    Severity::Warn,
    "Window Scale option in a segment without SYN (RFC 7323 §2.2: sent only in <SYN> segments, ignored in others)",
);
pub static ACK_NONZERO: ExpertDef = ExpertDef::new(
    "tcp.ack.nonzero",
    Group::Protocol,
    Severity::Note,
    "The acknowledgment number field is nonzero while the ACK flag is not set",
);
pub static URGENT_NONZERO: ExpertDef = ExpertDef::new(
    "tcp.urgent_pointer.non_zero",
    Group::Protocol,
    Severity::Note,
    "The urgent pointer field is nonzero while the URG flag is not set",
);
pub static CONN_SYN: ExpertDef =
    ExpertDef::new("tcp.connection.syn", Group::Sequence, Severity::Chat, "Connection establish request (SYN)");
pub static CONN_SYNACK: ExpertDef =
    ExpertDef::new("tcp.connection.synack", Group::Sequence, Severity::Chat, "Connection establish acknowledge (SYN+ACK)");
pub static CONN_FIN: ExpertDef = ExpertDef::new("tcp.connection.fin", Group::Sequence, Severity::Chat, "Connection finish (FIN)");
pub static CONN_RST: ExpertDef = ExpertDef::new("tcp.connection.rst", Group::Sequence, Severity::Chat, "Connection reset (RST)");

pub static FIELDS: &[&FieldDef] = &[
    &TCP,
    &SRCPORT,
    &DSTPORT,
    &PORT,
    &LEN,
    &SEQ,
    &SEQ_RAW,
    &NXTSEQ,
    &ACK_NUM,
    &ACK_RAW,
    &HDR_LEN,
    &FLAGS,
    &FLAG_RES,
    &FLAG_AE,
    &FLAG_CWR,
    &FLAG_ECE,
    &FLAG_URG,
    &FLAG_ACK,
    &FLAG_PUSH,
    &FLAG_RESET,
    &FLAG_SYN,
    &FLAG_FIN,
    &FLAGS_STR,
    &WINDOW,
    &CHECKSUM,
    &CHECKSUM_STATUS,
    &CHECKSUM_CALC,
    &URGENT,
    &OPTIONS,
    &OPTION_KIND,
    &OPTION_LEN,
    &OPT_EOL,
    &OPT_NOP,
    &OPT_MSS,
    &MSS_VAL,
    &OPT_WSCALE,
    &WSCALE_SHIFT,
    &WSCALE_MULT,
    &OPT_SACK_PERM,
    &OPT_SACK,
    &SACK_LE,
    &SACK_RE,
    &SACK_COUNT,
    &OPT_TIMESTAMP,
    &TSVAL,
    &TSECR,
    &OPT_UNKNOWN,
    &UNKNOWN_PAYLOAD,
    &PAYLOAD,
];
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_CHECKSUM,
    &CHECKSUM_FFFF,
    &BOGUS_HDR_LEN,
    &SHORT_SEGMENT,
    &OPT_LEN_INVALID,
    &WSCALE_INVALID,
    &NONZERO_AFTER_EOL,
    &MSS_WITHOUT_SYN,
    &WSCALE_WITHOUT_SYN,
    &ACK_NONZERO,
    &URGENT_NONZERO,
    &CONN_SYN,
    &CONN_SYNACK,
    &CONN_FIN,
    &CONN_RST,
];

/// Dissects a TCP segment at `off..end` (the IP payload at hand); `declared` is the segment
/// length the IP header gives (RFC 9293 §3.1: the segment length is the IP payload's, whatever
/// a snap length or an ICMPv6 error's quote left of it); `ip` gives the pseudo-header.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, declared: usize, ip: IpCtx) {
    let seglen = declared.max(end.saturating_sub(off));
    let p = t.protocol(&TCP, off, seglen.min(20));
    let seg = t.bytes(off, end);
    // An ICMP error may quote only the first 8 octets (RFC 792), a lying IP length leave 16:
    // show the fields that are there, as tshark does before its exception.
    let Ok((h, _)) = Tcp::parse(seg) else {
        // Fewer than 20 octets at hand. The ports name the column, as in tshark (which gives
        // up before naming it when they are not there).
        let rd = Reader::new(seg);
        if let (Some(sp), Some(dp)) = (rd.u16(0), rd.u16(2)) {
            t.set_protocol_column("TCP");
            ports(t, p, off, sp, dp);
            info_ports(t, sp, dp);
            if let Some(seq) = rd.u32(4) {
                seq_fields(t, off, seq);
            }
            if let Some(ack) = rd.u32(8) {
                t.add_uint(&ACK_NUM, off + 8, 4, u64::from(ack));
                let r = t.add_uint(&ACK_RAW, off + 8, 4, u64::from(ack));
                t.hide(r);
            }
            if let Some(w) = rd.u16(12) {
                hdr_len(t, off, usize::from(w >> 12) * 4);
                flag_fields(t, off, w & 0x0fff, sp, dp);
            }
            if let Some(win) = rd.u16(14) {
                t.add_uint(&WINDOW, off + 14, 2, u64::from(win));
            }
            // With the first 16 octets tshark writes the Info and the protocol line as for a
            // whole header ("[ACK] Seq=1 Ack=5 Win=1000", ", Seq: 1, Ack: 5").
            if let (Some(seq), Some(ack), Some(w), Some(win)) = (rd.u32(4), rd.u32(8), rd.u16(12), rd.u16(14)) {
                let flags = w & 0x0fff;
                let info = t.info();
                info_flags(info, flags);
                info.push_str(" Seq=");
                write_dec(info, u64::from(seq));
                if flags & ACK != 0 {
                    info.push_str(" Ack=");
                    write_dec(info, u64::from(ack));
                }
                info.push_str(" Win=");
                write_dec(info, u64::from(win));
                t.append_with(p, |s| {
                    s.push_str(", Seq: ");
                    write_dec(s, u64::from(seq));
                    if flags & ACK != 0 {
                        s.push_str(", Ack: ");
                        write_dec(s, u64::from(ack));
                    }
                });
            }
        }
        if seglen < 20 {
            t.expert(
                &crate::expert::MALFORMED,
                off,
                seg.len(),
                Some(format_args!("the IP payload has {seglen} octets, a TCP header needs 20")),
            );
        } else {
            t.ran_out(off, "TCP header");
        }
        t.close();
        return;
    };
    t.set_protocol_column("TCP");
    // Parsed, so the Data Offset is the one on the wire.
    let hlen = usize::from(h.data_offset.given().unwrap_or(0)) * 4;
    let flags = h.flags.0;
    ports(t, p, off, h.src_port, h.dst_port);
    // Info: "40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 …", as tshark.
    info_ports(t, h.src_port, h.dst_port);
    info_flags(t.info(), flags);
    {
        let info = t.info();
        info.push_str(" Seq=");
        write_dec(info, u64::from(h.seq));
        if flags & ACK != 0 {
            info.push_str(" Ack=");
            write_dec(info, u64::from(h.ack));
        }
        info.push_str(" Win=");
        write_dec(info, u64::from(h.window));
    }
    t.append_with(p, |s| {
        s.push_str(", Seq: ");
        write_dec(s, u64::from(h.seq));
        if flags & ACK != 0 {
            s.push_str(", Ack: ");
            write_dec(s, u64::from(h.ack));
        }
    });
    if hlen < 20 {
        // Wireshark gives up here too: where the options end and the data begins is unknown.
        // tshark's segment length here: what follows the (bogus) header length.
        t.add_generated(&LEN, off, 0, Value::Uint((seglen - hlen) as u64));
        seq_fields(t, off, h.seq);
        let n = hdr_len(t, off, hlen);
        t.open(n);
        t.expert(&BOGUS_HDR_LEN, off + 12, 1, Some(format_args!("{hlen} bytes, must be at least 20")));
        t.close();
        let info = t.info();
        info.push_str(", bogus TCP header length (");
        write_dec(info, hlen as u64);
        info.push_str(", must be at least 20)");
        t.close();
        return;
    }
    // A header past what the IP header gives is short; past the octets at hand, cut (the
    // options walk reports where the bytes ran out).
    let short = hlen > seglen;
    let datalen = seglen.saturating_sub(hlen);
    if short {
        t.expert(
            &SHORT_SEGMENT,
            off + 12,
            1,
            Some(format_args!("Data Offset {} ({hlen} bytes), the segment has {seglen}", hlen / 4)),
        );
    } else {
        t.add_generated(&LEN, off, 0, Value::Uint(datalen as u64));
        t.append_with(p, |s| {
            s.push_str(", Len: ");
            write_dec(s, datalen as u64);
        });
    }
    seq_fields(t, off, h.seq);
    if !short {
        let next = h.seq.wrapping_add(datalen as u32).wrapping_add(u32::from(flags & SYN != 0) + u32::from(flags & FIN != 0));
        t.add_generated(&NXTSEQ, off + 4, 4, Value::Uint(u64::from(next)));
    }
    t.add_uint(&ACK_NUM, off + 8, 4, u64::from(h.ack));
    let r = t.add_uint(&ACK_RAW, off + 8, 4, u64::from(h.ack));
    t.hide(r);
    if flags & ACK == 0 && h.ack != 0 {
        t.expert(&ACK_NONZERO, off + 8, 4, None);
    }
    hdr_len(t, off, hlen);
    flag_fields(t, off, flags, h.src_port, h.dst_port);
    t.add_uint(&WINDOW, off + 14, 2, u64::from(h.window));
    verify_checksum(t, off, end, seglen, h.checksum.given().unwrap_or(0), ip);
    t.add_uint(&URGENT, off + 18, 2, u64::from(h.urgent));
    if flags & URG == 0 && h.urgent != 0 {
        t.expert(&URGENT_NONZERO, off + 18, 2, None);
    }
    {
        let info = t.info();
        if flags & URG != 0 {
            info.push_str(" Urg=");
            write_dec(info, u64::from(h.urgent));
        }
        if !short {
            info.push_str(" Len=");
            write_dec(info, datalen as u64);
        }
    }
    // A short segment's options run to its end; a cut header's to where its Data Offset says,
    // the walk reporting the cut where the bytes run out.
    let opt_end = if short { off + seglen } else { off + hlen };
    if opt_end > off + 20 {
        options(t, off + 20, opt_end, flags & SYN != 0);
    }
    if !short {
        t.set_len(p, hlen);
    }
    // Whatever of the header or data was cut is not here.
    let at_hand = end.min(t.data.len());
    if hlen > seglen || off + hlen >= at_hand {
        t.close();
        return;
    }
    if datalen > 0 {
        // tshark lists the payload as `tcp.payload` ("TCP payload (16 bytes)"), last in the
        // segment's subtree, whichever dissector takes it next.
        t.add(&PAYLOAD, off + hlen, at_hand - off - hlen, Value::Bytes);
    }
    t.close();
    if datalen > 0 {
        crate::data(t, off + hlen, at_hand);
    }
}

fn ports(t: &mut Tree<'_>, p: usize, off: usize, sp: u16, dp: u16) {
    t.append_with(p, |s| {
        s.push_str(", Src Port: ");
        write_dec(s, u64::from(sp));
        s.push_str(", Dst Port: ");
        write_dec(s, u64::from(dp));
    });
    t.add_uint(&SRCPORT, off, 2, u64::from(sp));
    t.add_uint(&DSTPORT, off + 2, 2, u64::from(dp));
    let a = t.add_uint(&PORT, off, 2, u64::from(sp));
    t.hide(a);
    let a = t.add_uint(&PORT, off + 2, 2, u64::from(dp));
    t.hide(a);
}

fn info_ports(t: &mut Tree<'_>, sp: u16, dp: u16) {
    let info = t.info();
    info.clear();
    write_dec(info, u64::from(sp));
    info.push_str(" → ");
    write_dec(info, u64::from(dp));
}

/// " [SYN, ACK]" (or " [<None>]"), in Wireshark's order.
fn info_flags(info: &mut String, flags: u16) {
    info.push_str(" [");
    flag_names(info, flags);
    info.push(']');
}

/// "SYN, ACK", or "<None>" when no flag is set.
fn flag_names<S: Sink + ?Sized>(out: &mut S, flags: u16) {
    let mut first = true;
    for (bit, name) in FLAG_NAMES {
        if flags & bit != 0 {
            if !first {
                out.push_str(", ");
            }
            out.push_str(name);
            first = false;
        }
    }
    if first {
        out.push_str("<None>");
    }
}

fn seq_fields(t: &mut Tree<'_>, off: usize, seq: u32) {
    t.add_uint(&SEQ, off + 4, 4, u64::from(seq));
    let r = t.add_uint(&SEQ_RAW, off + 4, 4, u64::from(seq));
    t.hide(r);
}

fn hdr_len(t: &mut Tree<'_>, off: usize, hlen: usize) -> usize {
    let n = t.add_uint(&HDR_LEN, off + 12, 1, hlen as u64);
    t.append_with(n, |s| {
        s.push_str(" (");
        write_dec(s, (hlen / 4) as u64);
        s.push(')');
    });
    n
}

fn flag_fields(t: &mut Tree<'_>, off: usize, flags: u16, sp: u16, dp: u16) {
    let n = t.add_uint(&FLAGS, off + 12, 2, u64::from(flags));
    t.append_with(n, |s| {
        s.push_str(" (");
        flag_names(s, flags);
        s.push(')');
    });
    t.open(n);
    for d in [&FLAG_RES, &FLAG_AE, &FLAG_CWR, &FLAG_ECE, &FLAG_URG, &FLAG_ACK, &FLAG_PUSH, &FLAG_RESET, &FLAG_SYN, &FLAG_FIN] {
        t.add_uint(d, off + 12, 2, u64::from(flags));
    }
    // "RRRACEUAPRSF" with a middle dot for each clear bit, as tshark.
    t.add_text(&FLAGS_STR, off + 12, 2, format_args!("{}", FlagStr(flags)));
    // tshark's Chat items for the connection's landmarks.
    if flags & SYN != 0 {
        if flags & ACK != 0 {
            t.expert(&CONN_SYNACK, off + 13, 1, Some(format_args!("server port {sp}")));
        } else {
            t.expert(&CONN_SYN, off + 13, 1, Some(format_args!("server port {dp}")));
        }
    }
    if flags & FIN != 0 {
        t.expert(&CONN_FIN, off + 13, 1, None);
    }
    if flags & RST != 0 {
        t.expert(&CONN_RST, off + 13, 1, None);
    }
    t.close();
}

struct FlagStr(u16);

impl std::fmt::Display for FlagStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, c) in "RRRACEUAPRSF".chars().enumerate() {
            let bit = 0x800 >> i;
            std::fmt::Write::write_char(f, if self.0 & bit != 0 { c } else { '\u{b7}' })?;
        }
        Ok(())
    }
}

fn verify_checksum(t: &mut Tree<'_>, off: usize, end: usize, seglen: usize, csum: u16, ip: IpCtx) {
    let ck = t.add_uint(&CHECKSUM, off + 16, 2, u64::from(csum));
    let seg = t.bytes(off, end);
    // Verify only when the whole segment was captured.
    if seg.len() != seglen || t.cut {
        t.append(ck, format_args!(" [unverified]"));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(checksum::status::UNVERIFIED));
        return;
    }
    let init = ip.pseudo_sum(seglen as u32, 6);
    let sums_to_zero = checksum::finish(checksum::sum(seg, init)) == 0;
    if sums_to_zero && csum == 0xffff {
        // The other zero: the sum verifies, but a sender computing the checksum (RFC 9293
        // §3.1) gets 0x0000, never 0xffff, whatever the segment (RFC 1624 §3): tshark 4.0 calls
        // it bad, with its own note.
        t.append(ck, format_args!(" [should be 0x0000 (see RFC 1624)]"));
        t.add_generated(&CHECKSUM_CALC, off + 16, 2, Value::Uint(0));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(checksum::status::BAD));
        t.expert(&CHECKSUM_FFFF, off + 16, 2, None);
        t.info().push_str(" [TCP CHECKSUM 0xFFFF]");
    } else if sums_to_zero {
        t.append(ck, format_args!(" [correct]"));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(checksum::status::GOOD));
        t.add_generated(&CHECKSUM_CALC, off + 16, 2, Value::Uint(u64::from(csum)));
    } else {
        // Everything but the checksum field (octets 16 and 17; `seg` has at least 20).
        let (before, after) = (seg.get(..16).unwrap_or_default(), seg.get(18..).unwrap_or_default());
        let want = checksum::finish(checksum::sum(after, checksum::sum(before, init)));
        t.append_with(ck, |s| checksum::write_incorrect(s, want, checksum::TCP_OFFLOAD));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(checksum::status::BAD));
        t.add_generated(&CHECKSUM_CALC, off + 16, 2, Value::Uint(u64::from(want)));
        t.expert(&BAD_CHECKSUM, off + 16, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
        t.info().push_str(" [TCP CHECKSUM INCORRECT]");
    }
}

/// The option list at `off..end` (the header after its fixed part, within the segment), walked
/// with [`TcpOptions`] over the octets at hand.
fn options(t: &mut Tree<'_>, off: usize, end: usize, syn: bool) {
    let o = t.add(&OPTIONS, off, end - off, Value::Bytes);
    t.open(o);
    let area = t.bytes(off, end);
    let cap = off + area.len();
    let mut at = off;
    let mut after_eol = false;
    for opt in TcpOptions::new(area) {
        let wire = opt.wire_len();
        // tshark names each option it reads on the list's line (not one that runs past the
        // options, nor what follows End of Option List's padding).
        let runs_past = matches!(opt, TcpOption::Other { len: Auto::Given(len), .. } if usize::from(len) > wire);
        if !matches!(opt, TcpOption::Unframed(_)) && !runs_past {
            let kind = opt.kind().value();
            t.append_with(o, |s| {
                s.push_str(", ");
                match (option_def(kind), summary_name(kind)) {
                    (Some(def), _) => s.push_str(def.name.trim_start_matches("TCP Option - ")),
                    (None, Some(name)) => s.push_str(name),
                    (None, None) => {
                        s.push_str("Unknown (");
                        crate::format::write_hex_num(s, u64::from(kind), 2);
                        s.push(')');
                    }
                }
            });
        }
        match opt {
            TcpOption::Eol => single(t, &OPT_EOL, at, 0),
            TcpOption::Nop => single(t, &OPT_NOP, at, 1),
            TcpOption::Unframed(b) => {
                // Only zero padding may follow End of Option List (RFC 9293 §3.1). As tshark, each
                // zero octet shows as one more EOL, and the first nonzero one ends the walk.
                if after_eol {
                    t.expert(&NONZERO_AFTER_EOL, at, end - at, None);
                } else if b.len() == 1 && at + 1 < end {
                    // The Length octet is inside the header but not at hand.
                    t.ran_out(at, "TCP option");
                } else if let &[kind] = b {
                    t.expert(&OPT_LEN_INVALID, at, 1, Some(format_args!("option kind {kind} has no length octet")));
                } else if let &[kind, len, ..] = b {
                    t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("option kind {kind}: length {len} is below 2")));
                }
                at = end;
                break;
            }
            TcpOption::Other { kind, len: Auto::Given(len), .. } if usize::from(len) > wire => {
                let len = usize::from(len);
                if at + len > end {
                    t.expert(
                        &OPT_LEN_INVALID,
                        at + 1,
                        1,
                        Some(format_args!(
                            "option kind {kind}: length {len} runs past the options ({} bytes left)",
                            end - at,
                            kind = kind.value()
                        )),
                    );
                } else {
                    // As tshark: what was captured of the option, then the cut.
                    option(t, &opt, at, len, cap, syn);
                    t.ran_out(at, "TCP option");
                }
                at = end;
                break;
            }
            _ => option(t, &opt, at, wire, cap, syn),
        }
        after_eol = matches!(opt, TcpOption::Eol);
        at += wire;
    }
    if at < end {
        t.ran_out(at, "TCP options");
    }
    t.close();
}

/// The captured part of an option the cut ends (`data`: its octets after Kind and Length that
/// are at hand): its fields that fit.
fn partial(t: &mut Tree<'_>, kind: u8, at: usize, len: usize, data: &[u8]) {
    let rd = Reader::new(data);
    match kind {
        5 => {
            let mut k = 0;
            while let Some(edge) = rd.u32(k).filter(|_| 2 + k + 4 <= len) {
                let def = if k.is_multiple_of(8) { &SACK_LE } else { &SACK_RE };
                t.add_uint(def, at + 2 + k, 4, u64::from(edge));
                k += 4;
            }
        }
        8 => {
            if let Some(val) = rd.u32(0) {
                t.add_uint(&TSVAL, at + 2, 4, u64::from(val));
            }
        }
        2..=4 => {}
        _ => {
            if !data.is_empty() {
                t.add(&UNKNOWN_PAYLOAD, at + 2, len - 2, Value::Bytes);
            }
        }
    }
}

/// The row of an option kind mipscope decodes.
fn option_def(kind: u8) -> Option<&'static FieldDef> {
    Some(match kind {
        0 => &OPT_EOL,
        1 => &OPT_NOP,
        2 => &OPT_MSS,
        3 => &OPT_WSCALE,
        4 => &OPT_SACK_PERM,
        5 => &OPT_SACK,
        8 => &OPT_TIMESTAMP,
        _ => return None,
    })
}

/// tshark's name on the options line for kinds mipscope shows as unknown options.
fn summary_name(kind: u8) -> Option<&'static str> {
    Some(match kind {
        19 => "TCP MD5 signature",
        30 => "MPTCP",
        34 => "TCP Fast Open",
        253 | 254 => "Experimental",
        _ => return None,
    })
}

/// A one-octet option (End of Option List, No-Operation).
fn single(t: &mut Tree<'_>, def: &'static FieldDef, at: usize, kind: u8) {
    let n = t.add(def, at, 1, Value::None);
    t.open(n);
    t.add_uint(&OPTION_KIND, at, 1, u64::from(kind));
    t.close();
}

/// One option of `len` octets (kind and length included, as its Length says) at `at`, wholly
/// inside the options; the octets from `cap` on were cut (a snap length, a quote), so only what
/// lies before it is decoded, and the option's summary and Info entry only when all of it is
/// there.
fn option(t: &mut Tree<'_>, o: &TcpOption<&[u8]>, at: usize, len: usize, cap: usize, syn: bool) {
    let kind = o.kind().value();
    let valid = match kind {
        2 => len == 4,
        3 => len == 3,
        4 => len == 2,
        5 => len >= 10 && (len - 2).is_multiple_of(8),
        8 => len == 10,
        _ => true,
    };
    let def = option_def(kind).unwrap_or(&OPT_UNKNOWN);
    let n = t.add(def, at, len, Value::None);
    t.open(n);
    t.add_uint(&OPTION_KIND, at, 1, u64::from(kind));
    t.add_uint(&OPTION_LEN, at + 1, 1, len as u64);
    // Options a connection negotiates once, in its SYN segments (a wrong length says more).
    match kind {
        2 if !syn && valid => t.expert(&MSS_WITHOUT_SYN, at, 1, None),
        3 if !syn && valid => t.expert(&WSCALE_WITHOUT_SYN, at, 1, None),
        _ => {}
    }
    if !valid {
        let want = match kind {
            2 => "4",
            3 => "3",
            4 => "2",
            5 => "2 + 8n with n >= 1",
            _ => "10",
        };
        t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("length {len}, must be {want}")));
        t.close();
        return;
    }
    if at + len > cap {
        if let TcpOption::Other { data, .. } = o {
            partial(t, kind, at, len, data);
        }
        t.close();
        return;
    }
    match *o {
        TcpOption::Mss(mss) => {
            t.add_uint(&MSS_VAL, at + 2, 2, u64::from(mss));
            t.append_with(n, |s| {
                s.push_str(": ");
                write_dec(s, u64::from(mss));
                s.push_str(" bytes");
            });
            let info = t.info();
            info.push_str(" MSS=");
            write_dec(info, u64::from(mss));
        }
        TcpOption::WindowScale(shift) => {
            let mult = 1u64 << shift.min(14);
            let sn = t.add_uint(&WSCALE_SHIFT, at + 2, 1, u64::from(shift));
            if shift > 14 {
                t.open(sn);
                t.expert(&WSCALE_INVALID, at + 2, 1, Some(format_args!("shift count {shift}")));
                t.close();
            }
            t.add_generated(&WSCALE_MULT, at + 2, 1, Value::Uint(mult));
            t.append_with(n, |s| {
                s.push_str(": ");
                write_dec(s, u64::from(shift));
                s.push_str(" (multiply by ");
                write_dec(s, mult);
                s.push(')');
            });
            let info = t.info();
            info.push_str(" WS=");
            write_dec(info, mult);
        }
        TcpOption::SackPermitted => t.info().push_str(" SACK_PERM"),
        TcpOption::Sack(blocks) => {
            for (k, &(le, re)) in blocks.as_slice().iter().enumerate() {
                t.add_uint(&SACK_LE, at + 2 + 8 * k, 4, u64::from(le));
                t.add_uint(&SACK_RE, at + 6 + 8 * k, 4, u64::from(re));
                t.append_with(n, |s| {
                    s.push(' ');
                    write_dec(s, u64::from(le));
                    s.push('-');
                    write_dec(s, u64::from(re));
                });
                let info = t.info();
                info.push_str(" SLE=");
                write_dec(info, u64::from(le));
                info.push_str(" SRE=");
                write_dec(info, u64::from(re));
            }
            t.add_generated(&SACK_COUNT, at + 1, 1, Value::Uint(blocks.as_slice().len() as u64));
        }
        TcpOption::Timestamps { tsval, tsecr } => {
            t.add_uint(&TSVAL, at + 2, 4, u64::from(tsval));
            t.add_uint(&TSECR, at + 6, 4, u64::from(tsecr));
            t.append_with(n, |s| {
                s.push_str(": TSval ");
                write_dec(s, u64::from(tsval));
                s.push_str(", TSecr ");
                write_dec(s, u64::from(tsecr));
            });
            let info = t.info();
            info.push_str(" TSval=");
            write_dec(info, u64::from(tsval));
            info.push_str(" TSecr=");
            write_dec(info, u64::from(tsecr));
        }
        _ => {
            if let Some(name) = o.kind().name() {
                t.append(n, format_args!(": {name} ({kind}), not decoded"));
            }
            if len > 2 {
                t.add(&UNKNOWN_PAYLOAD, at + 2, len - 2, Value::Bytes);
            }
        }
    }
    t.close();
}
