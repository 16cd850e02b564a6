//! The interfaces a capture describes (pcapng Interface Description Blocks, or the one a pcap
//! header implies, or the device being captured on): what a writer needs to describe each
//! packet's interface again, with the same link type and timestamp resolution.

use pcap_parser::pcapng::{InterfaceDescriptionBlock, OptionCode};
use pcap_parser::PcapHeader;

/// pcapng's `if_hardware` option (draft-ietf-opsawg-pcapng §4.2), which pcap-parser does not name.
const IF_HARDWARE: OptionCode = OptionCode(15);

/// One capture interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// `if_name`, when the capture gives one.
    pub name: Option<String>,
    /// `if_description` and `if_hardware`, when the capture gives them (what tshark names an
    /// interface by when it has no `if_name`).
    pub description: Option<String>,
    pub hardware: Option<String>,
    pub linktype: u32,
    /// pcapng's `if_tsresol` octet: `n` is 10^-n s, `0x80 | n` is 2^-n s (6: microseconds).
    pub tsresol: u8,
    /// `if_tsoffset`: seconds added to every timestamp of the interface.
    pub tsoffset: i64,
    /// Largest packet captured on the interface (0: no limit).
    pub snaplen: u32,
    /// Octets of frame check sequence at the end of each packet, when the capture says
    /// (pcapng's `if_fcslen`, which tshark 4.0 reads as bits from 8 up; a classic pcap header's
    /// FCS-length bits): 0 says there is none.
    pub fcslen: Option<u8>,
}

impl Interface {
    /// A live interface or a new one: timestamps in nanoseconds, no offset.
    pub fn new(name: Option<String>, linktype: u32, snaplen: u32) -> Self {
        Interface { name, description: None, hardware: None, linktype, tsresol: 9, tsoffset: 0, snaplen, fcslen: None }
    }

    /// The interface a classic pcap file's header describes.
    pub fn of_pcap(h: &PcapHeader) -> Self {
        let tsresol = if h.is_nanosecond_precision() { 9 } else { 6 };
        Interface {
            name: None,
            description: None,
            hardware: None,
            linktype: h.network.0 as u32,
            tsresol,
            tsoffset: 0,
            snaplen: h.snaplen,
            fcslen: pcap_fcslen(h.network.0 as u32),
        }
    }

    pub fn of_idb(idb: &InterfaceDescriptionBlock<'_>) -> Self {
        // A string as written, without the padding a writer may leave after it.
        let text = |code: OptionCode| {
            idb.options.iter().find(|o| o.code == code).map(|o| {
                let v = o.value.get(..usize::from(o.len)).unwrap_or(&o.value);
                let v = v.split(|&b| b == 0).next().unwrap_or_default();
                String::from_utf8_lossy(v).into_owned()
            })
        };
        Interface {
            name: text(OptionCode::IfName),
            description: text(OptionCode::IfDescription),
            hardware: text(IF_HARDWARE),
            linktype: idb.linktype.0 as u32,
            tsresol: idb.if_tsresol,
            tsoffset: idb.ts_offset(),
            snaplen: idb.snaplen,
            // if_fcslen (option 13): one octet, read as tshark 4.0 reads it: 8 or more counts
            // bits (octets below 8).
            fcslen: idb
                .options
                .iter()
                .find(|o| o.code == OptionCode(13) && o.len == 1)
                .and_then(|o| o.value.first().copied())
                .map(|n| if n >= 8 { n / 8 } else { n }),
        }
    }

    /// The name tshark 4.0 shows for the interface (its `epan_get_interface_name`): `if_name`,
    /// else `if_description`, else `if_hardware`, else "unknown".
    pub fn shown_name(&self) -> &str {
        self.name.as_deref().or(self.description.as_deref()).or(self.hardware.as_deref()).unwrap_or("unknown")
    }

    /// Timestamp units per second, when the resolution is one a u64 can count.
    pub fn resolution(&self) -> Option<u64> {
        let n = u32::from(self.tsresol & 0x7f);
        if self.tsresol & 0x80 != 0 {
            1u64.checked_shl(n)
        } else {
            10u64.checked_pow(n)
        }
    }
}

/// The FCS length a classic pcap header's link-type field gives (libpcap's LT_FCS_LENGTH): when
/// its F bit (0x04000000) is set, the top four bits count 16-bit words, as tshark reads them.
pub fn pcap_fcslen(linktype: u32) -> Option<u8> {
    (linktype & 0x0400_0000 != 0).then(|| ((linktype >> 28) as u8) * 2)
}

/// The interfaces of the current section, by interface id.
pub type Interfaces = Vec<Interface>;
