//! Writing pcapng: one Interface Description Block per interface the packets name, each
//! packet an Enhanced Packet Block with its interface and its timestamp in that interface's
//! resolution, so a copy reads back with the same interfaces and the same timestamps.
//!
//! Blocks are serialised by pcap-parser (its `serialize` feature): the crate that reads the
//! files also writes them, so both sides agree on every block's layout.

use super::{Interface, Interfaces};
use crate::frame::FrameMeta;
use pcap_parser::pcapng::{EnhancedPacketBlock, InterfaceDescriptionBlock, OptionCode, PcapNGOption, SectionHeaderBlock};
use pcap_parser::{Linktype, ToVec};
use std::borrow::Cow;
use std::io::{self, Write};

/// A pcapng file being written.
pub struct PcapngWriter<W: Write> {
    w: W,
    /// The interfaces described so far, by interface id in the output.
    written: Vec<Interface>,
    packets: u64,
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
        Ok(PcapngWriter { w, written: Vec::new(), packets: 0 })
    }

    /// Writes one packet. `interfaces` describes the interface `meta.interface` names (the
    /// first one when it names none, as for a classic pcap file); an interface it does not
    /// describe is written as a nanosecond one with the packet's link type.
    pub fn write(&mut self, meta: &FrameMeta, data: &[u8], interfaces: &Interfaces) -> io::Result<()> {
        let if_id = meta.interface.unwrap_or(0);
        let idx = if_id as usize;
        while self.written.len() <= idx {
            let i = self.written.len();
            let iface = interfaces.get(i).cloned().unwrap_or_else(|| Interface::new(None, meta.linktype, 0));
            self.describe(&iface)?;
            self.written.push(iface);
        }
        let iface = &self.written[idx];
        let units = ts_units(meta.ts, iface);
        let caplen =
            u32::try_from(data.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "packet longer than 4 GiB"))?;
        let mut epb = EnhancedPacketBlock {
            block_type: 0,
            block_len1: 0,
            if_id,
            ts_high: (units >> 32) as u32,
            ts_low: units as u32,
            caplen,
            origlen: meta.wire_len.max(caplen),
            data,
            options: Vec::new(),
            block_len2: 0,
        };
        self.w.write_all(&epb.to_vec().map_err(gen_err)?)?;
        self.packets += 1;
        Ok(())
    }

    fn describe(&mut self, iface: &Interface) -> io::Result<()> {
        let mut options = Vec::new();
        if let Some(name) = &iface.name {
            options.push(option(OptionCode::IfName, name.as_bytes().to_vec()));
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
    let frac = (u128::from(ts.1) * u128::from(res)).div_ceil(1_000_000_000);
    (u128::from(secs) * u128::from(res) + frac).min(u128::from(u64::MAX)) as u64
}
