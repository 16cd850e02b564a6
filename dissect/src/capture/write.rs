//! Writing pcapng: one Interface Description Block per interface the packets name, each
//! packet an Enhanced Packet Block with its interface and its timestamp in that interface's
//! resolution, so a copy reads back with the same interfaces and the same timestamps.
//!
//! The section and interface blocks are serialised by pcap-parser (its `serialize` feature):
//! the crate that reads the files also writes them. The packet block, written per packet, is
//! laid out here into a reused buffer (see `write`).

use super::{Interface, Interfaces};
use crate::frame::{FrameMeta, PacketOptions};
use pcap_parser::pcapng::{InterfaceDescriptionBlock, OptionCode, PcapNGOption, SectionHeaderBlock, EPB_MAGIC};
use pcap_parser::{Linktype, ToVec};
use std::borrow::Cow;
use std::io::{self, Write};

/// A pcapng file being written.
pub struct PcapngWriter<W: Write> {
    w: W,
    /// The interfaces described so far, by interface id in the output.
    written: Vec<Interface>,
    /// The input's pcapng section being written and the output id of its interface 0: a copy
    /// is one section, so a later section's interfaces are described after the ones before
    /// (its interface `n` is `base + n`); the first section's ids stay as they were.
    section: u32,
    base: u32,
    packets: u64,
    /// The Enhanced Packet Block being written (reused: no allocation per packet).
    epb: Vec<u8>,
}

impl<W: Write> PcapngWriter<W> {
    /// Starts a file: writes its Section Header Block.
    pub fn new(mut w: W) -> io::Result<Self> {
        let mut shb = SectionHeaderBlock {
            block_type: 0,
            block_len1: 0,
            bom: 0,
            major_version: 1,
            minor_version: 0,
            section_len: -1,
            options: vec![option(OptionCode::ShbUserAppl, b"mipscope".to_vec())],
            block_len2: 0,
        };
        w.write_all(&shb.to_vec().map_err(gen_err)?)?;
        Ok(PcapngWriter { w, written: Vec::new(), section: 0, base: 0, packets: 0, epb: Vec::new() })
    }

    /// Writes one packet. `interfaces` (its section's) describes the interface `meta.interface`
    /// names (the first one when it names none, as for a classic pcap file); an interface it
    /// does not describe is written as a nanosecond one with the packet's link type.
    /// The block has no options: its octets end 4 octets (the repeated length) plus their
    /// padding before the block does, what a spool that computes offsets counts on.
    pub fn write(&mut self, meta: &FrameMeta, data: &[u8], interfaces: &Interfaces) -> io::Result<()> {
        self.write_block(meta, data, interfaces, BlockOptions::default())
    }

    /// Writes one packet as the capture described it: its packet comments (pcapng's
    /// `opt_comment`, one option each, as Wireshark shows in `frame.comment`) and the options
    /// `meta.options` holds (`epb_flags`, `epb_dropcount`, `epb_packetid`, `epb_queue`), so that
    /// a copy keeps what tshark shows of them; a packet with no time (`meta.untimed`) as a Simple
    /// Packet Block when it can be one (whole, on the first interface).
    pub fn write_described(
        &mut self,
        meta: &FrameMeta,
        data: &[u8],
        interfaces: &Interfaces,
        comments: &[String],
    ) -> io::Result<()> {
        let described = BlockOptions { comments, options: meta.options, untimed: meta.untimed };
        self.write_block(meta, data, interfaces, described)
    }

    fn write_block(
        &mut self,
        meta: &FrameMeta,
        data: &[u8],
        interfaces: &Interfaces,
        described: BlockOptions<'_>,
    ) -> io::Result<()> {
        let BlockOptions { comments, options, untimed } = described;
        if meta.section != self.section {
            self.section = meta.section;
            self.base = u32::try_from(self.written.len()).unwrap_or(u32::MAX);
        }
        let if_id = self.base.saturating_add(meta.interface.unwrap_or(0));
        let idx = if_id as usize;
        while self.written.len() <= idx {
            let i = self.written.len() - self.base as usize;
            let iface = interfaces.get(i).cloned().unwrap_or_else(|| Interface::new(None, meta.linktype, 0));
            self.describe(&iface)?;
            self.written.push(iface);
        }
        let iface = &self.written[idx];
        let units = ts_units(meta.ts, iface);
        let caplen =
            u32::try_from(data.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "packet longer than 4 GiB"))?;
        // The block is laid out here, not by pcap-parser's serializer, which allocates twice per
        // block: this is the per-packet path (callgrind, 20,000 packets: 4,738 instructions a
        // packet with the serializer, see the commit for the figure without). The layout is
        // pcapng's EPB, with comment options when given; the tests read it back with pcap-parser and tshark.
        let padded = data.len().next_multiple_of(4);
        if untimed && if_id == 0 && caplen == meta.wire_len && comments.is_empty() && options.is_empty() {
            // A packet the capture gave no time (a Simple Packet Block, on the first interface,
            // whole): written as one, so the copy gives it none either.
            let block_len = u32::try_from(16 + padded)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "packet longer than 4 GiB"))?;
            let b = &mut self.epb;
            b.clear();
            for word in [3, block_len, caplen] {
                b.extend_from_slice(&word.to_le_bytes());
            }
            b.extend_from_slice(data);
            b.resize(12 + padded, 0);
            b.extend_from_slice(&block_len.to_le_bytes());
            self.w.write_all(b)?;
            self.packets += 1;
            return Ok(());
        }
        // Each comment: code 1, its length (at most 65,535 octets), the text padded to 32 bits;
        // then opt_endofopt.
        fn clip(c: &str) -> &[u8] {
            &c.as_bytes()[..c.len().min(usize::from(u16::MAX))]
        }
        // The fixed-size options: code, value (if any) and its length in octets, written in the
        // section's (little-endian) order.
        let PacketOptions { flags, drops, queue, packet_id } = options;
        let fixed = [(2u16, flags.map(u64::from), 4usize), (4, drops, 8), (5, packet_id, 8), (6, queue.map(u64::from), 4)];
        let fixed = fixed.iter().filter_map(|&(code, v, len)| Some((code, v?, len)));
        let any = !comments.is_empty() || !options.is_empty();
        let opts: usize = comments.iter().map(|c| 4 + clip(c).len().next_multiple_of(4)).sum::<usize>()
            + fixed.clone().map(|(_, _, len)| 4 + len).sum::<usize>()
            + if any { 4 } else { 0 };
        let block_len = u32::try_from(32 + padded + opts)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "packet longer than 4 GiB"))?;
        let b = &mut self.epb;
        b.clear();
        for word in [EPB_MAGIC, block_len, if_id, (units >> 32) as u32, units as u32, caplen, meta.wire_len.max(caplen)] {
            b.extend_from_slice(&word.to_le_bytes());
        }
        b.extend_from_slice(data);
        b.resize(28 + padded, 0);
        for c in comments {
            let text = clip(c);
            b.extend_from_slice(&1u16.to_le_bytes());
            b.extend_from_slice(&(text.len() as u16).to_le_bytes());
            b.extend_from_slice(text);
            b.resize(b.len().next_multiple_of(4), 0);
        }
        for (code, value, len) in fixed {
            b.extend_from_slice(&code.to_le_bytes());
            b.extend_from_slice(&(len as u16).to_le_bytes());
            b.extend_from_slice(&value.to_le_bytes()[..len]);
        }
        if any {
            b.extend_from_slice(&[0; 4]);
        }
        b.extend_from_slice(&block_len.to_le_bytes());
        self.w.write_all(b)?;
        self.packets += 1;
        Ok(())
    }

    fn describe(&mut self, iface: &Interface) -> io::Result<()> {
        let mut options = Vec::new();
        // What tshark names the interface by (if_name, else if_description, else if_hardware).
        const IF_HARDWARE: OptionCode = OptionCode(15);
        for (code, text) in
            [(OptionCode::IfName, &iface.name), (OptionCode::IfDescription, &iface.description), (IF_HARDWARE, &iface.hardware)]
        {
            if let Some(t) = text {
                options.push(option(code, t.as_bytes()[..t.len().min(usize::from(u16::MAX))].to_vec()));
            }
        }
        // if_fcslen (option 13): which octets end each packet as its FCS, as the input said; 8
        // octets or more written as bits, as tshark reads them (a classic pcap header's reach
        // 30 octets).
        if let Some(n) = iface.fcslen.and_then(|n| if n >= 8 { n.checked_mul(8) } else { Some(n) }) {
            options.push(option(OptionCode(13), vec![n]));
        }
        let mut idb = InterfaceDescriptionBlock {
            block_type: 0,
            block_len1: 0,
            linktype: Linktype(iface.linktype as i32),
            reserved: 0,
            snaplen: iface.snaplen,
            options,
            block_len2: 0,
            if_tsresol: iface.tsresol,
            if_tsoffset: iface.tsoffset,
        };
        self.w.write_all(&idb.to_vec().map_err(gen_err)?)
    }

    /// Packets written so far.
    pub fn packets(&self) -> u64 {
        self.packets
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// The underlying writer (flushed).
    pub fn into_inner(mut self) -> io::Result<W> {
        self.w.flush()?;
        Ok(self.w)
    }
}

/// An option padded to 32 bits, as pcapng requires (the serializer writes the value as given).
/// What a packet's block says besides its octets and time (none: [`PcapngWriter::write`]).
#[derive(Default)]
struct BlockOptions<'a> {
    comments: &'a [String],
    options: PacketOptions,
    /// No time: a Simple Packet Block when it can be one.
    untimed: bool,
}

fn option(code: OptionCode, mut value: Vec<u8>) -> PcapNGOption<'static> {
    let len = value.len() as u16;
    value.resize(value.len().next_multiple_of(4), 0);
    PcapNGOption { code, len, value: Cow::Owned(value) }
}

fn gen_err(e: impl std::fmt::Debug) -> io::Error {
    io::Error::other(format!("cannot serialise a pcapng block: {e:?}"))
}

/// The timestamp in the interface's units since its offset. Every resolution up to
/// nanoseconds gives back the units the packet was read with (reading rounds down to
/// nanoseconds, so rounding up here recovers them); finer ones keep nanosecond precision.
fn ts_units(ts: (i64, u32), iface: &Interface) -> u64 {
    let res = iface.resolution().unwrap_or(1_000_000_000);
    let secs = ts.0.saturating_sub(iface.tsoffset).max(0) as u64;
    // In 64 bits when nothing overflows (every packet's path: a 128-bit division is a library
    // call), else in 128.
    let fast = u64::from(ts.1)
        .checked_mul(res)
        .map(|f| f.div_ceil(1_000_000_000))
        .and_then(|frac| secs.checked_mul(res)?.checked_add(frac));
    fast.unwrap_or_else(|| {
        let frac = (u128::from(ts.1) * u128::from(res)).div_ceil(1_000_000_000);
        (u128::from(secs) * u128::from(res) + frac).min(u128::from(u64::MAX)) as u64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 64-bit path gives what the 128-bit one gives, and the sum saturates where it
    /// overflows 64 bits.
    #[test]
    fn ts_units_64_and_128_bits() {
        let mut iface = Interface::new(None, 1, 0);
        assert_eq!(ts_units((1_767_225_600, 123_456_789), &iface), 1_767_225_600_123_456_789);
        iface.tsresol = 6;
        // Rounded up, as the 128-bit path always did: 123,456.789 µs -> 123,457.
        assert_eq!(ts_units((1_767_225_600, 123_456_789), &iface), 1_767_225_600_123_457);
        iface.tsresol = 0x80 | 40;
        assert_eq!(ts_units((0, 500_000_000), &iface), 1 << 39);
        // 2^40 units a second: 2^30 seconds overflow 64 bits and saturate.
        assert_eq!(ts_units((1 << 30, 0), &iface), u64::MAX);
        iface.tsresol = 9;
        assert_eq!(ts_units((i64::MAX, 999_999_999), &iface), u64::MAX);
    }
}
