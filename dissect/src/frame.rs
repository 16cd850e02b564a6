//! The `frame` pseudo-protocol: what the capture file says about each packet.

use crate::field::{FieldDef, Kind, Value};
use crate::format::write_dec;
use crate::link::linktype;
use crate::tree::Tree;

pub static FRAME: FieldDef = FieldDef::new("frame", "Frame", Kind::Protocol).short("Frame");
/// A pcapng packet's comments, before its frame subtree as tshark shows them: each its own
/// line, with an expert item (Comment) saying it again.
pub static PKT_COMMENT: FieldDef = FieldDef::new("pkt_comment", "Packet comments", Kind::Protocol).short("Pkt_Comment");
pub static COMMENT: FieldDef = FieldDef::new("frame.comment", "Comment", Kind::String).bare();
pub static COMMENT_EXPERT: crate::expert::ExpertDef = crate::expert::ExpertDef::new(
    "frame.comment.expert",
    crate::expert::Group::Comment,
    crate::expert::Severity::Comment,
    "Formatted comment",
);
pub static SECTION: FieldDef = FieldDef::new("frame.section_number", "Section number", Kind::Uint(4));
pub static INTERFACE_ID: FieldDef = FieldDef::new("frame.interface_id", "Interface id", Kind::Uint(4));
pub static INTERFACE_NAME: FieldDef = FieldDef::new("frame.interface_name", "Interface name", Kind::String);
pub static INTERFACE_DESCRIPTION: FieldDef = FieldDef::new("frame.interface_description", "Interface description", Kind::String);
pub static FLAGS: FieldDef = FieldDef::new("frame.packet_flags", "Packet flags", Kind::Uint(4)).hex();
pub static FLAGS_DIRECTION: FieldDef = FieldDef::new("frame.packet_flags_direction", "Direction", Kind::Uint(4))
    .hex()
    .mask(0x3)
    .vals(&[(0, "Unknown"), (1, "Inbound"), (2, "Outbound")]);
pub static FLAGS_RECEPTION: FieldDef = FieldDef::new("frame.packet_flags_reception_type", "Reception type", Kind::Uint(4))
    .mask(0x1c)
    .vals(&[(0, "Not specified"), (1, "Unicast"), (2, "Multicast"), (3, "Broadcast"), (4, "Promiscuous")]);
pub static FLAGS_FCS: FieldDef = FieldDef::new("frame.packet_flags_fcs_length", "FCS length", Kind::Uint(4)).mask(0x1e0);
pub static FLAGS_RESERVED: FieldDef = FieldDef::new("frame.packet_flags_reserved", "Reserved", Kind::Uint(4)).mask(0xfe00);
/// The link-layer errors of `epb_flags` (bits 24-31), in bit order.
pub static FLAGS_ERRORS: [FieldDef; 8] = [
    error("frame.packet_flags_crc_error", "CRC error", 24),
    error("frame.packet_flags_packet_too_error", "Packet too long error", 25),
    error("frame.packet_flags_packet_too_short_error", "Packet too short error", 26),
    error("frame.packet_flags_wrong_inter_frame_gap_error", "Wrong interframe gap error", 27),
    error("frame.packet_flags_unaligned_frame_error", "Unaligned frame error", 28),
    error("frame.packet_flags_start_frame_delimiter_error", "Start frame delimiter error", 29),
    error("frame.packet_flags_preamble_error", "Preamble error", 30),
    error("frame.packet_flags_symbol_error", "Symbol error", 31),
];

const fn error(abbrev: &'static str, name: &'static str, bit: u32) -> FieldDef {
    FieldDef::new(abbrev, name, Kind::Bool(4)).mask(1 << bit).tfs("Set", "Not set")
}

/// Wireshark's encapsulation (its `WTAP_ENCAP_` number, not the file's link type): tshark 4.0's
/// names for those of the link types [`ENCAP_OF_LINKTYPE`] maps.
pub static ENCAP_VALS: &[(u64, &str)] = &[
    (0, "Unknown"),
    (1, "Ethernet"),
    (3, "SLIP"),
    (4, "PPP"),
    (6, "FDDI with bit-swapped MAC addresses"),
    (7, "Raw IP"),
    (15, "NULL/Loopback"),
    (20, "IEEE 802.11 Wireless LAN"),
    (23, "IEEE 802.11 plus radiotap radio header"),
    (25, "Linux cooked-mode capture v1"),
    (28, "Cisco HDLC"),
    (45, "USER 0"),
    (97, "Per-Packet Information header"),
    (115, "USB packets with Linux header and padding"),
    (129, "Raw IPv4"),
    (130, "Raw IPv6"),
    (139, "PPP-over-Ethernet session"),
    (141, "NFLOG"),
    (155, "Wireshark Upper PDU export"),
    (174, "OpenBSD loopback"),
    (198, "IEEE 802.3br mPackets"),
    (210, "Linux cooked-mode capture v2"),
];

/// The encapsulation tshark 4.0 (wiretap) gives a pcap/pcapng link type, for the link types
/// mipscope decodes and the common others (checked one by one against tshark). A link type
/// not here shows no Encapsulation type (mipscope cannot tell which wiretap would give).
pub static ENCAP_OF_LINKTYPE: &[(u32, u64)] = &[
    (linktype::NULL, 15),
    (linktype::ETHERNET, 1),
    (8, 3),
    (9, 4),
    (10, 6),
    (12, 7),
    (14, 7),
    (50, 4),
    (51, 139),
    (linktype::RAW, 7),
    (104, 28),
    (105, 20),
    (linktype::LOOP, 174),
    (linktype::LINUX_SLL, 25),
    (127, 23),
    (147, 45),
    (192, 97),
    (220, 115),
    (linktype::IPV4, 129),
    (linktype::IPV6, 130),
    (239, 141),
    (252, 155),
    (274, 198),
    (linktype::LINUX_SLL2, 210),
];

/// tshark's `frame.encap_type` for a link type (its FCS-length bits left out), if known.
pub fn encap_of(linktype: u32) -> Option<u64> {
    let lt = linktype & 0x03ff_ffff;
    ENCAP_OF_LINKTYPE.iter().find(|&&(l, _)| l == lt).map(|&(_, e)| e)
}

pub static ENCAP_TYPE: FieldDef = FieldDef::new("frame.encap_type", "Encapsulation type", Kind::Int(2)).vals(ENCAP_VALS);
/// The file's own link type (pcap `LINKTYPE_`): mipscope's, hidden in the tree (tshark shows
/// the encapsulation instead).
pub static ENCAP: FieldDef = FieldDef::new("frame.linktype", "Link type", Kind::Uint(4)).blurb("pcap LINKTYPE_ value");
pub static TIME: FieldDef = FieldDef::new("frame.time", "Arrival Time", Kind::AbsTime);
pub static OFFSET_SHIFT: FieldDef = FieldDef::new("frame.offset_shift", "Time shift for this packet", Kind::RelTime);
pub static TIME_EPOCH: FieldDef = FieldDef::new("frame.time_epoch", "Epoch Time", Kind::RelTime);
pub static TIME_DELTA: FieldDef = FieldDef::new("frame.time_delta", "Time delta from previous captured frame", Kind::RelTime);
pub static TIME_DELTA_DISPLAYED: FieldDef =
    FieldDef::new("frame.time_delta_displayed", "Time delta from previous displayed frame", Kind::RelTime);
pub static TIME_RELATIVE: FieldDef = FieldDef::new("frame.time_relative", "Time since reference or first frame", Kind::RelTime);
pub static NUMBER: FieldDef = FieldDef::new("frame.number", "Frame Number", Kind::Uint(4));
pub static LEN: FieldDef = FieldDef::new("frame.len", "Frame Length", Kind::Uint(4)).custom(bytes_and_bits);
pub static CAP_LEN: FieldDef = FieldDef::new("frame.cap_len", "Capture Length", Kind::Uint(4)).custom(bytes_and_bits);
/// Packets the interface lost since the one before on it: an Enhanced Packet Block's
/// `epb_dropcount`, an obsolete Packet Block's Drops Count.
pub static DROP_COUNT: FieldDef = FieldDef::new("frame.drop_count", "Drop Count", Kind::Uint(8))
    .blurb("Number of frames lost between this frame and the preceding one on the same interface");
pub static QUEUE: FieldDef = FieldDef::new("frame.interface_queue", "Interface queue", Kind::Uint(4));
pub static PACKET_ID: FieldDef = FieldDef::new("frame.packet_id", "Packet id", Kind::Uint(8));
pub static MARKED: FieldDef = FieldDef::new("frame.marked", "Frame is marked", Kind::Bool(0));
pub static IGNORED: FieldDef = FieldDef::new("frame.ignored", "Frame is ignored", Kind::Bool(0));
pub static P2P_DIR: FieldDef =
    FieldDef::new("frame.p2p_dir", "Point-to-Point Direction", Kind::Int(1)).vals(&[(0, "Sent"), (1, "Received")]);
pub static PROTOCOLS: FieldDef = FieldDef::new("frame.protocols", "Protocols in frame", Kind::String);

/// "62 bytes (496 bits)", "1 byte (8 bits)": tshark's frame lengths.
fn bytes_and_bits(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(if n == 1 { " byte (" } else { " bytes (" });
        write_dec(out, n * 8);
        out.push_str(" bits)");
    }
}

pub static SNAPPED: crate::expert::ExpertDef = crate::expert::ExpertDef::new(
    "frame.snapped",
    crate::expert::Group::Malformed,
    crate::expert::Severity::Warn,
    "Packet size limited during capture",
);

pub static FIELDS: &[&FieldDef] = &[
    &FRAME,
    &PKT_COMMENT,
    &COMMENT,
    &SECTION,
    &INTERFACE_ID,
    &INTERFACE_NAME,
    &INTERFACE_DESCRIPTION,
    &QUEUE,
    &FLAGS,
    &FLAGS_DIRECTION,
    &FLAGS_RECEPTION,
    &FLAGS_FCS,
    &FLAGS_RESERVED,
    &FLAGS_ERRORS[0],
    &FLAGS_ERRORS[1],
    &FLAGS_ERRORS[2],
    &FLAGS_ERRORS[3],
    &FLAGS_ERRORS[4],
    &FLAGS_ERRORS[5],
    &FLAGS_ERRORS[6],
    &FLAGS_ERRORS[7],
    &PACKET_ID,
    &ENCAP_TYPE,
    &ENCAP,
    &TIME,
    &OFFSET_SHIFT,
    &TIME_EPOCH,
    &TIME_DELTA,
    &TIME_DELTA_DISPLAYED,
    &TIME_RELATIVE,
    &NUMBER,
    &LEN,
    &CAP_LEN,
    &DROP_COUNT,
    &MARKED,
    &IGNORED,
    &P2P_DIR,
    &PROTOCOLS,
];

/// Per-frame facts from the capture file.
#[derive(Debug, Clone, Copy, Default)]
pub struct FrameMeta {
    pub number: u64,
    /// Seconds and nanoseconds since the epoch.
    pub ts: (i64, u32),
    /// Nanoseconds since the first frame.
    pub rel_ns: i64,
    /// Nanoseconds since the previous frame.
    pub delta_ns: i64,
    pub wire_len: u32,
    pub linktype: u32,
    /// pcapng interface index (classic pcap has none).
    pub interface: Option<u32>,
    /// The pcapng section the packet is in, from 0 (classic pcap: 0).
    pub section: u32,
    /// What the packet's block says of it in its options (pcapng; none elsewhere).
    pub options: PacketOptions,
    /// Octets of frame check sequence at the packet's end, when the capture says ([`fcs_len`]).
    pub fcs_len: Option<u8>,
    /// The capture gives the packet no time (a pcapng Simple Packet Block): `ts` is 0, tshark
    /// shows no time column and no time lines, and the next frame's delta counts from 0.
    pub untimed: bool,
    /// Decimal digits the capture's clock gives, as tshark's packet list shows them: 0, 1, 2,
    /// 3, 6 or 9 ([`ts_digits`]); `None` for microseconds (6), classic pcap's own.
    pub ts_digits: Option<u8>,
}

/// What a pcapng packet block's options say of its packet, those tshark 4.0 shows in the
/// frame subtree and keeps in a copy (each the first of its code with the length the format
/// gives it). Comments travel apart ([`crate::capture::Described`]); verdicts are not read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PacketOptions {
    /// `epb_flags` (direction, reception type, FCS length, link errors).
    pub flags: Option<u32>,
    /// Packets lost before this one on its interface (`epb_dropcount`, an obsolete Packet
    /// Block's Drops Count).
    pub drops: Option<u64>,
    /// `epb_queue`: the interface queue the packet was received on.
    pub queue: Option<u32>,
    /// `epb_packetid`: the packet's identifier, the same for its copies on several interfaces.
    pub packet_id: Option<u64>,
}

impl PacketOptions {
    /// Whether the block says none of these.
    pub fn is_empty(&self) -> bool {
        *self == PacketOptions::default()
    }
}

/// The FCS length of a packet, as tshark 4.0 takes it: the packet block's `epb_flags` FCS
/// length (bits 5-8) when not 0, else its interface's (`if_fcslen`, or a classic pcap header's
/// FCS bits: [`crate::capture::pcap_fcslen`]); `None` when the capture does not say.
pub fn fcs_len(interface: Option<u8>, flags: Option<u32>) -> Option<u8> {
    flags.map(|f| ((f >> 5) & 0xf) as u8).filter(|&n| n != 0).or(interface)
}

/// The digits of a fraction of a second tshark's time column shows for a clock of `resolution`
/// units per second (its `tsprec`: the finest of whole seconds, tenths, hundredths,
/// milliseconds, microseconds and nanoseconds the clock reaches; pcapng's `if_tsresol` 4 is
/// milliseconds, 7 microseconds, a binary 2^-20 microseconds).
pub fn ts_digits(resolution: u64) -> u8 {
    match resolution {
        1_000_000_000.. => 9,
        1_000_000.. => 6,
        1_000.. => 3,
        100.. => 2,
        10.. => 1,
        _ => 0,
    }
}

/// The frame subtree's time lines (a packet the capture gives a time).
fn times(t: &mut Tree<'_>, m: &FrameMeta) {
    t.add(&TIME, 0, 0, Value::AbsTime(m.ts.0, m.ts.1));
    t.add_generated(&OFFSET_SHIFT, 0, 0, Value::RelTime(0));
    t.add(&TIME_EPOCH, 0, 0, Value::RelTime(m.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(m.ts.1))));
    t.add_generated(&TIME_DELTA, 0, 0, Value::RelTime(m.delta_ns));
    // Every frame is shown unless a filter says otherwise: then the driver gives the delta
    // once the filter has spoken, or says it cannot (`shown_unknown`).
    if !t.d.shown_unknown {
        let shown = t.d.delta_shown_ns;
        t.add_generated(&TIME_DELTA_DISPLAYED, 0, 0, Value::RelTime(shown));
    }
    t.add_generated(&TIME_RELATIVE, 0, 0, Value::RelTime(m.rel_ns));
}

/// Adds the frame subtree; returns the index of the `frame.protocols` node to fill at the end.
/// (The packet list's case inline: a few stores, where the call cost more than the work.)
#[inline]
pub fn dissect(t: &mut Tree<'_>, m: &FrameMeta) -> usize {
    // A packet's comments are expert items (Comment) whatever the output.
    if !t.d.comments.is_empty() {
        comments(t);
    }
    if t.keeps_no_nodes() {
        t.note_protocol(FRAME.abbrev);
        t.d.protocols.clear();
        if (m.wire_len as usize) > t.data.len() {
            snapped(t, m);
        }
        return usize::MAX;
    }
    subtree(t, m)
}

/// " on interface NAME, id N" (and " (inbound)" / " (outbound)") on the frame's line, its
/// Section number and Interface id (with the interface's name and description under it), as
/// tshark 4.0 shows a pcapng packet's.
#[inline(never)]
fn interface(t: &mut Tree<'_>, p: usize, m: &FrameMeta, id: u32) {
    // Taken out while the tree is written (two pointers moved), and put back.
    let name = std::mem::take(&mut t.d.iface_name);
    let descr = t.d.iface_descr.take();
    let shown = if name.is_empty() { "unknown" } else { name.as_str() };
    t.append_with(p, |s| {
        s.push_str(" on interface ");
        s.push_str(shown);
        s.push_str(", id ");
        write_dec(s, u64::from(id));
        match m.options.flags.map(|f| f & 0x3) {
            Some(1) => s.push_str(" (inbound)"),
            Some(2) => s.push_str(" (outbound)"),
            _ => {}
        }
    });
    t.add(&SECTION, 0, 0, Value::Uint(u64::from(m.section) + 1));
    let i = t.add(&INTERFACE_ID, 0, 0, Value::Uint(u64::from(id)));
    t.append_with(i, |s| {
        s.push_str(" (");
        s.push_str(shown);
        s.push(')');
    });
    t.open(i);
    let r = t.arena_str(shown);
    t.add(&INTERFACE_NAME, 0, 0, Value::Text(r.0, r.1));
    if let Some(d) = &descr {
        let r = t.arena_str(d);
        t.add(&INTERFACE_DESCRIPTION, 0, 0, Value::Text(r.0, r.1));
    }
    t.close();
    t.d.iface_name = name;
    t.d.iface_descr = descr;
}

/// The packet's comments ([`PKT_COMMENT`]).
#[inline(never)]
fn comments(t: &mut Tree<'_>) {
    let comments = std::mem::take(&mut t.d.comments);
    t.protocol(&PKT_COMMENT, 0, 0);
    // The frame dissector raises them (tshark's -z expert: protocol Frame).
    t.d.last_protocol = FRAME.abbrev;
    for c in &comments {
        let r = t.arena_str(c);
        let n = t.add(&COMMENT, 0, 0, Value::Text(r.0, r.1));
        t.open(n);
        t.expert_worded(&COMMENT_EXPERT, 0, 0, format_args!("{c}"));
        t.close();
    }
    t.close();
    t.d.comments = comments;
}

/// A snap-length cut's expert item (its text says how much was kept).
#[inline(never)]
fn snapped(t: &mut Tree<'_>, m: &FrameMeta) {
    let cap = t.data.len();
    t.expert(&SNAPPED, 0, cap, Some(format_args!("{} of {} bytes captured", cap, m.wire_len)));
}

/// [`dissect`] for any tree that may keep nodes.
#[inline(never)]
fn subtree(t: &mut Tree<'_>, m: &FrameMeta) -> usize {
    let cap = t.data.len();
    if !t.wants_any(FIELDS) {
        // The packet list (or a filter or -T fields without frame.* fields) shows none of this
        // subtree: only a snap-length cut matters (its expert item shows in the line).
        t.note_protocol(FRAME.abbrev);
        t.d.protocols.clear();
        if (m.wire_len as usize) > cap {
            snapped(t, m);
        }
        return usize::MAX;
    }
    let p = t.protocol(&FRAME, 0, cap);
    // " N: W bytes on wire (8W bits), C bytes captured (8C bits)", without `format_args!`:
    // this label is built for every frame of a tree. A pcapng packet's interface follows, and
    // the direction its flags give (tshark 4.0's epan/dissectors/packet-frame.c).
    t.append_with(p, |s| {
        let (wire, cap) = (u64::from(m.wire_len), cap as u64);
        s.push(' ');
        write_dec(s, m.number);
        s.push_str(": ");
        write_dec(s, wire);
        s.push_str(if wire == 1 { " byte on wire (" } else { " bytes on wire (" });
        write_dec(s, wire * 8);
        s.push_str(" bits), ");
        write_dec(s, cap);
        s.push_str(if cap == 1 { " byte captured (" } else { " bytes captured (" });
        write_dec(s, cap * 8);
        s.push_str(" bits)");
    });
    if let Some(i) = m.interface {
        interface(t, p, m, i);
    }
    if let Some(q) = m.options.queue {
        t.add(&QUEUE, 0, 0, Value::Uint(u64::from(q)));
    }
    if let Some(f) = m.options.flags {
        let n = t.add_uint(&FLAGS, 0, 0, u64::from(f));
        t.open(n);
        for def in [&FLAGS_DIRECTION, &FLAGS_RECEPTION, &FLAGS_FCS, &FLAGS_RESERVED].into_iter().chain(FLAGS_ERRORS.iter()) {
            t.add_uint(def, 0, 0, u64::from(f));
        }
        t.close();
    }
    if let Some(id) = m.options.packet_id {
        t.add(&PACKET_ID, 0, 0, Value::Uint(id));
    }
    if let Some(e) = encap_of(m.linktype) {
        t.add(&ENCAP_TYPE, 0, 0, Value::Int(e as i64));
    }
    let lt = t.add(&ENCAP, 0, 0, Value::Uint(u64::from(m.linktype)));
    t.hide(lt);
    if !m.untimed {
        times(t, m);
    }
    t.add(&NUMBER, 0, 0, Value::Uint(m.number));
    t.add(&LEN, 0, 0, Value::Uint(u64::from(m.wire_len)));
    t.add(&CAP_LEN, 0, 0, Value::Uint(cap as u64));
    if let Some(n) = m.options.drops {
        t.add(&DROP_COUNT, 0, 0, Value::Uint(n));
    }
    t.add_generated(&MARKED, 0, 0, Value::Bool(false));
    t.add_generated(&IGNORED, 0, 0, Value::Bool(false));
    // pcapng's direction as the point-to-point direction tshark derives from it.
    match m.options.flags.map(|f| f & 0x3) {
        Some(1) => t.add(&P2P_DIR, 0, 0, Value::Int(1)),
        Some(2) => t.add(&P2P_DIR, 0, 0, Value::Int(0)),
        _ => usize::MAX,
    };
    let protos = t.add_generated(&PROTOCOLS, 0, 0, Value::Text(0, 0));
    if (m.wire_len as usize) > cap {
        snapped(t, m);
    }
    t.close();
    t.d.protocols.clear();
    protos
}

#[cfg(test)]
mod tests {
    /// tshark 4.0.17's time column for pcapng interfaces of `if_tsresol` 0, 1, 3, 4, 7 and 9
    /// (one frame each, 0.123456789 s past a whole second): "0", "1.1", "2.123", "3.123",
    /// "4.123456", "5.123456789"; classic pcap's nanosecond format 9, its microseconds 6.
    #[test]
    fn the_time_columns_decimals_follow_the_capture_clock_as_tsharks() {
        let digits: Vec<u8> = [0u32, 1, 3, 4, 7, 9].iter().map(|&r| super::ts_digits(10u64.pow(r))).collect();
        assert_eq!(digits, [0, 1, 3, 3, 6, 9]);
        assert_eq!(super::ts_digits(1 << 20), 6);
        assert_eq!(super::ts_digits(1 << 40), 9);
        assert_eq!(super::ts_digits(100), 2);
    }
}
