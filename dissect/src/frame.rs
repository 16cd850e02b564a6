//! The `frame` pseudo-protocol: what the capture file says about each packet.

use crate::field::{FieldDef, Kind, Value};
use crate::format::write_dec;
use crate::tree::Tree;

pub static FRAME: FieldDef = FieldDef::new("frame", "Frame", Kind::Protocol);
pub static INTERFACE_ID: FieldDef = FieldDef::new("frame.interface_id", "Interface id", Kind::Uint(4));
pub static ENCAP: FieldDef = FieldDef::new("frame.linktype", "Link type", Kind::Uint(4)).blurb("pcap LINKTYPE_ value");
pub static TIME: FieldDef = FieldDef::new("frame.time", "Arrival Time", Kind::AbsTime);
pub static TIME_EPOCH: FieldDef = FieldDef::new("frame.time_epoch", "Epoch Time", Kind::RelTime);
pub static TIME_DELTA: FieldDef = FieldDef::new("frame.time_delta", "Time delta from previous captured frame", Kind::RelTime);
pub static TIME_RELATIVE: FieldDef = FieldDef::new("frame.time_relative", "Time since reference or first frame", Kind::RelTime);
pub static NUMBER: FieldDef = FieldDef::new("frame.number", "Frame Number", Kind::Uint(4));
pub static LEN: FieldDef = FieldDef::new("frame.len", "Frame Length", Kind::Uint(4)).unit(" bytes");
pub static CAP_LEN: FieldDef = FieldDef::new("frame.cap_len", "Capture Length", Kind::Uint(4)).unit(" bytes");
pub static PROTOCOLS: FieldDef = FieldDef::new("frame.protocols", "Protocols in frame", Kind::String);

pub static SNAPPED: crate::expert::ExpertDef = crate::expert::ExpertDef::new(
    "frame.snapped",
    crate::expert::Group::Malformed,
    crate::expert::Severity::Warn,
    "Packet size limited during capture",
);

pub static FIELDS: &[&FieldDef] =
    &[&FRAME, &INTERFACE_ID, &ENCAP, &TIME, &TIME_EPOCH, &TIME_DELTA, &TIME_RELATIVE, &NUMBER, &LEN, &CAP_LEN, &PROTOCOLS];

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
    /// Decimal digits the capture's clock gives, as tshark's packet list shows them: 0, 1, 2,
    /// 3, 6 or 9 ([`ts_digits`]); `None` for microseconds (6), classic pcap's own.
    pub ts_digits: Option<u8>,
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

/// Adds the frame subtree; returns the index of the `frame.protocols` node to fill at the end.
/// (The packet list's case inline: a few stores, where the call cost more than the work.)
#[inline]
pub fn dissect(t: &mut Tree<'_>, m: &FrameMeta) -> usize {
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
    // this label is built for every frame of a tree.
    t.append_with(p, |s| {
        let (wire, cap) = (u64::from(m.wire_len), cap as u64);
        s.push(' ');
        write_dec(s, m.number);
        s.push_str(": ");
        write_dec(s, wire);
        s.push_str(" bytes on wire (");
        write_dec(s, wire * 8);
        s.push_str(" bits), ");
        write_dec(s, cap);
        s.push_str(" bytes captured (");
        write_dec(s, cap * 8);
        s.push_str(" bits)");
    });
    if let Some(i) = m.interface {
        t.add(&INTERFACE_ID, 0, 0, Value::Uint(u64::from(i)));
    }
    t.add(&ENCAP, 0, 0, Value::Uint(u64::from(m.linktype)));
    t.add(&TIME, 0, 0, Value::AbsTime(m.ts.0, m.ts.1));
    t.add(&TIME_EPOCH, 0, 0, Value::RelTime(m.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(m.ts.1))));
    t.add_generated(&TIME_DELTA, 0, 0, Value::RelTime(m.delta_ns));
    t.add_generated(&TIME_RELATIVE, 0, 0, Value::RelTime(m.rel_ns));
    t.add(&NUMBER, 0, 0, Value::Uint(m.number));
    t.add(&LEN, 0, 0, Value::Uint(u64::from(m.wire_len)));
    t.add(&CAP_LEN, 0, 0, Value::Uint(cap as u64));
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
