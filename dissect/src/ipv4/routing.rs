//! The IPv4 options that record or steer a datagram's path (RFC 791 §3.1): Record Route (7),
//! Loose and Strict Source and Record Route (131, 137) and Internet Timestamp (68). Each is a
//! view over the option's data as [`super::Ipv4Option::Tlv`] keeps it (so the octets still
//! re-emit exactly), read the way tshark 4.0 reads it: a pointer, then four-octet addresses
//! (or timestamp entries) that the pointer divides into used and unused.
//!
//! A source route's last address is the datagram's final destination while the route is not
//! exhausted: tshark shows it as `ip.dst` and the header's Destination Address as the current
//! hop (`ip.cur_rt`), and the UDP/TCP pseudo-header takes the final destination (RFC 1122
//! §3.2.1.8: the checksum is end to end).

use super::{Ipv4OptType, Ipv4Option, Ipv4OptionWalk, ADDR, BAD_OPTION, DST};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;

pub static OPT_PTR: FieldDef = FieldDef::new("ip.opt.ptr", "Pointer", Kind::Uint(1));
pub static REC_RT: FieldDef = FieldDef::new("ip.rec_rt", "Recorded Route", Kind::Ipv4).also_as_text(&["ip.rec_rt_host"]);
pub static SRC_RT: FieldDef = FieldDef::new("ip.src_rt", "Source Route", Kind::Ipv4).also_as_text(&["ip.src_rt_host"]);
pub static EMPTY_RT: FieldDef = FieldDef::new("ip.empty_rt", "Empty Route", Kind::Ipv4).also_as_text(&["ip.empty_rt_host"]);
/// The header's Destination Address while a source route names the final one.
pub static CUR_RT: FieldDef = FieldDef::new("ip.cur_rt", "Current Route", Kind::Ipv4).also_as_text(&["ip.cur_rt_host"]);
pub static TS_OVERFLOW: FieldDef = FieldDef::new("ip.opt.overflow", "Overflow", Kind::Uint(1)).mask(0xf0);
pub static TS_FLAG: FieldDef = FieldDef::new("ip.opt.flag", "Flag", Kind::Uint(1)).mask(0x0f).hex().vals(TimestampFlag::VALS);
pub static TS_STAMP: FieldDef = FieldDef::new("ip.opt.time_stamp", "Time stamp", Kind::Uint(4));
pub static TS_ADDR: FieldDef = FieldDef::new("ip.opt.time_stamp_addr", "Address", Kind::Ipv4).custom(ts_address);

pub static FIELDS: &[&FieldDef] = &[&OPT_PTR, &REC_RT, &SRC_RT, &EMPTY_RT, &CUR_RT, &TS_OVERFLOW, &TS_FLAG, &TS_STAMP, &TS_ADDR];

pub static PTR_BEFORE: ExpertDef = ExpertDef::new(
    "ip.opt.ptr.before_address",
    Group::Protocol,
    Severity::Warn,
    "Pointer points before first address (RFC 791 §3.1: at least 4 for a route, 5 for a timestamp)",
);
pub static PTR_MIDDLE: ExpertDef =
    ExpertDef::new("ip.opt.ptr.middle_address", Group::Protocol, Severity::Warn, "Pointer points to middle of address");
pub static SUBOPT_TOO_LONG: ExpertDef =
    ExpertDef::new("ip.subopt_too_long", Group::Protocol, Severity::Warn, "Suboption would go past end of option");

/// RFC 791 §3.1: Record Route, the source routes and the timestamp each "appears at most once
/// in a datagram".
pub static DUPLICATE: ExpertDef = ExpertDef::new(
    "ip.opt.duplicate",
    Group::Protocol,
    Severity::Warn,
    "IPv4 option appears more than once (RFC 791 §3.1: at most once in a datagram)",
);

pub static EXPERTS: &[&ExpertDef] = &[&PTR_BEFORE, &PTR_MIDDLE, &SUBOPT_TOO_LONG, &DUPLICATE];

/// The options this module reads: a pointer, then addresses or timestamp entries (RFC 791
/// §3.1), each allowed once a datagram.
pub const PATH_OPTIONS: [Ipv4OptType; 4] =
    [Ipv4OptType::RecordRoute, Ipv4OptType::LooseSourceRoute, Ipv4OptType::StrictSourceRoute, Ipv4OptType::TimeStamp];

/// Which of [`PATH_OPTIONS`] a datagram's walk has met.
#[derive(Debug, Default, Clone, Copy)]
pub struct Once(u8);

impl Once {
    /// Records an option of `kind`; true when it is the second of a kind allowed once.
    pub fn again(&mut self, kind: Ipv4OptType) -> bool {
        let Some(i) = PATH_OPTIONS.iter().position(|k| *k == kind) else { return false };
        let seen = self.0 & (1 << i) != 0;
        self.0 |= 1 << i;
        seen
    }
}

crate::code_points! {
    /// The Internet Timestamp option's flag (RFC 791 §3.1), tshark's names.
    pub enum TimestampFlag: u8 {
        StampsOnly = 0 => "Time stamps only",
        StampAndAddress = 1 => "Time stamp and address",
        Prespecified = 3 => "Time stamps for prespecified addresses",
    }
}

/// `-V` text of a timestamp entry's address: "-" for a slot not yet filled (0.0.0.0), as tshark.
fn ts_address(v: &Value, out: &mut dyn crate::format::Sink) {
    match v {
        Value::Ipv4([0, 0, 0, 0]) => out.push('-'),
        Value::Ipv4(a) => crate::format::write_ipv4(out, a),
        _ => {}
    }
}

/// What a pointer says that RFC 791 does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerFault {
    /// Before the first address (or entry).
    Before,
    /// Inside an address (or entry) rather than at its start.
    Middle,
}

impl PointerFault {
    pub fn expert(self) -> &'static ExpertDef {
        match self {
            PointerFault::Before => &PTR_BEFORE,
            PointerFault::Middle => &PTR_MIDDLE,
        }
    }
}

/// What one address of a route is, by the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Used: an address the route recorded (`ip.rec_rt`).
    Recorded,
    /// The one the pointer points to: the next hop of a source route (`ip.src_rt`), the next
    /// free slot of a Record Route (`ip.empty_rt`).
    Next,
    /// After the pointer: a hop still ahead, or a free slot.
    Ahead,
    /// A source route's last address while the route is not exhausted: the final destination.
    Destination,
}

/// A route option's data (RFC 791 §3.1): the pointer (counted in octets from the option's type
/// octet, 1-based) and the route, four octets per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route<'a> {
    pub kind: Ipv4OptType,
    pub pointer: u8,
    pub route: &'a [u8],
}

impl<'a> Route<'a> {
    /// The data of an option of `kind` read as a route; `None` for another type or no pointer.
    pub fn of(kind: Ipv4OptType, data: &'a [u8]) -> Option<Route<'a>> {
        let is_route = kind != Ipv4OptType::TimeStamp && PATH_OPTIONS.contains(&kind);
        let (&pointer, route) = data.split_first().filter(|_| is_route)?;
        Some(Route { kind, pointer, route })
    }
    /// Loose or strict source route (not Record Route).
    pub fn is_source_route(&self) -> bool {
        self.kind != Ipv4OptType::RecordRoute
    }
    /// The option's length: type, length and pointer octets, and the route.
    fn length(&self) -> usize {
        3 + self.route.len()
    }
    /// What is wrong with the pointer, as tshark checks it: it must reach the first address
    /// (octet 4) and start one.
    pub fn pointer_fault(&self) -> Option<PointerFault> {
        match self.pointer {
            p if p < 4 => Some(PointerFault::Before),
            p if p % 4 != 0 => Some(PointerFault::Middle),
            _ => None,
        }
    }
    /// Every address has been used: the pointer is past the option.
    pub fn exhausted(&self) -> bool {
        usize::from(self.pointer) > self.length()
    }
    /// Each whole address: its offset from the option's type octet, the address and what the
    /// pointer makes of it.
    pub fn slots(&self) -> impl Iterator<Item = (usize, [u8; 4], Slot)> + '_ {
        let (ptr, len) = (usize::from(self.pointer), self.length());
        self.route.chunks_exact(4).enumerate().map(move |(i, a)| {
            let off = 3 + 4 * i;
            let slot = if self.is_source_route() && !self.exhausted() && off + 4 == len {
                Slot::Destination
            } else if off + 1 < ptr {
                Slot::Recorded
            } else if off + 1 == ptr {
                Slot::Next
            } else {
                Slot::Ahead
            };
            (off, [a[0], a[1], a[2], a[3]], slot)
        })
    }
    /// Octets after the last whole address.
    pub fn rest(&self) -> &'a [u8] {
        self.route.chunks_exact(4).remainder()
    }
    /// The final destination a source route names: its last address, while the pointer is
    /// valid and the route not exhausted.
    pub fn final_destination(&self) -> Option<[u8; 4]> {
        if self.pointer_fault().is_some() {
            return None;
        }
        self.slots().find_map(|(_, a, s)| (s == Slot::Destination).then_some(a))
    }
}

/// The final destination of a datagram with these option octets: what the first source route
/// option names (tshark reads only the first; RFC 791 allows one).
pub fn final_destination(options: &[u8]) -> Option<[u8; 4]> {
    Ipv4OptionWalk::new(options).find_map(|(_, o)| match o {
        Ipv4Option::Tlv { kind: kind @ (Ipv4OptType::LooseSourceRoute | Ipv4OptType::StrictSourceRoute), data, .. } => {
            Some(Route::of(kind, data).and_then(|r| r.final_destination()))
        }
        _ => None,
    })?
}

/// An Internet Timestamp option's data (RFC 791 §3.1): the pointer, the overflow count and flag,
/// then the entries (a timestamp, or an address and a timestamp under flags 1 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp<'a> {
    pub pointer: u8,
    pub overflow: u8,
    pub flag: TimestampFlag,
    pub entries: &'a [u8],
}

impl<'a> Timestamp<'a> {
    /// The data of an option of `kind` read as a timestamp; `None` for another type or fewer
    /// than the pointer and flags octets.
    pub fn of(kind: Ipv4OptType, data: &'a [u8]) -> Option<Timestamp<'a>> {
        match data {
            [pointer, of, entries @ ..] if kind == Ipv4OptType::TimeStamp => {
                Some(Timestamp { pointer: *pointer, overflow: of >> 4, flag: TimestampFlag::from(of & 0x0f), entries })
            }
            _ => None,
        }
    }
    /// Whether each entry carries an address (flags 1 and 3).
    pub fn with_addresses(&self) -> bool {
        matches!(self.flag, TimestampFlag::StampAndAddress | TimestampFlag::Prespecified)
    }
    fn entry_len(&self) -> usize {
        if self.with_addresses() {
            8
        } else {
            4
        }
    }
    /// RFC 791: "The smallest legal value is 5", and it starts an entry.
    pub fn pointer_fault(&self) -> Option<PointerFault> {
        match usize::from(self.pointer) {
            p if p < 5 => Some(PointerFault::Before),
            p if (p - 5) % self.entry_len() != 0 => Some(PointerFault::Middle),
            _ => None,
        }
    }
    /// Each whole entry: its offset from the option's type octet, its address (flags 1 and 3)
    /// and its timestamp.
    pub fn stamps(&self) -> impl Iterator<Item = (usize, Option<[u8; 4]>, u32)> + '_ {
        let n = self.entry_len();
        self.entries.chunks_exact(n).enumerate().map(move |(i, e)| {
            let (addr, ts) = if n == 8 { (Some([e[0], e[1], e[2], e[3]]), &e[4..]) } else { (None, e) };
            (4 + n * i, addr, u32::from_be_bytes([ts[0], ts[1], ts[2], ts[3]]))
        })
    }
    /// Octets after the last whole entry.
    pub fn rest(&self) -> &'a [u8] {
        self.entries.chunks_exact(self.entry_len()).remainder()
    }
}

/// The tree of one of [`PATH_OPTIONS`] at `off` (its type octet) with its `data` (after the
/// Length octet).
pub(super) fn dissect_option(t: &mut Tree<'_>, off: usize, kind: Ipv4OptType, data: &[u8]) {
    if let Some(r) = Route::of(kind, data) {
        dissect_route(t, off, &r);
    } else if let Some(ts) = Timestamp::of(kind, data) {
        dissect_timestamp(t, off, &ts);
    } else if let Some(&ptr) = data.first() {
        // Too short for RFC 791 §3.1's layout: a timestamp's overflow and flag octet after
        // the pointer.
        t.add_uint(&OPT_PTR, off + 2, 1, u64::from(ptr));
        let len = 2 + data.len();
        t.expert(&BAD_OPTION, off + 1, 1, Some(format_args!("option length {len}, too short for its overflow and flag")));
    } else {
        let len = 2 + data.len();
        t.expert(&BAD_OPTION, off + 1, 1, Some(format_args!("option length {len}, too short for its pointer")));
    }
}

/// The tree of a route option at `off` (its type octet).
fn dissect_route(t: &mut Tree<'_>, off: usize, r: &Route<'_>) {
    let p = t.add_uint(&OPT_PTR, off + 2, 1, u64::from(r.pointer));
    if let Some(f) = r.pointer_fault() {
        t.open(p);
        t.expert(f.expert(), off + 2, 1, Some(format_args!("pointer {}", r.pointer)));
        t.close();
        return;
    }
    for (at, a, slot) in r.slots() {
        let at = off + at;
        let def = match (slot, r.is_source_route()) {
            (Slot::Destination, _) => {
                t.add(&DST, at, 4, Value::Ipv4(a));
                let h = t.add(&ADDR, at, 4, Value::Ipv4(a));
                t.hide(h);
                continue;
            }
            (Slot::Recorded, _) => &REC_RT,
            (_, true) => &SRC_RT,
            (_, false) => &EMPTY_RT,
        };
        let n = t.add(def, at, 4, Value::Ipv4(a));
        if slot == Slot::Next {
            t.append(n, format_args!(" <- (next)"));
        }
    }
    if !r.rest().is_empty() {
        let at = off + 3 + r.route.len() - r.rest().len();
        t.expert(&SUBOPT_TOO_LONG, at, r.rest().len(), Some(format_args!("{} octets, an address is 4", r.rest().len())));
    }
}

/// The tree of an Internet Timestamp option at `off` (its type octet).
fn dissect_timestamp(t: &mut Tree<'_>, off: usize, ts: &Timestamp<'_>) {
    let p = t.add_uint(&OPT_PTR, off + 2, 1, u64::from(ts.pointer));
    if let Some(f) = ts.pointer_fault() {
        // tshark says so on the timestamp's pointer line (not a route's).
        t.append_with(p, |s| {
            s.push_str(match f {
                PointerFault::Before => " (points before first address)",
                PointerFault::Middle => " (points to middle of field)",
            })
        });
        t.open(p);
        t.expert(f.expert(), off + 2, 1, Some(format_args!("pointer {}", ts.pointer)));
        t.close();
    }
    let of = (ts.overflow << 4) | ts.flag.value();
    t.add_uint(&TS_OVERFLOW, off + 3, 1, u64::from(of));
    t.add_uint(&TS_FLAG, off + 3, 1, u64::from(of));
    for (at, addr, stamp) in ts.stamps() {
        let at = off + at;
        if let Some(a) = addr {
            t.add(&TS_ADDR, at, 4, Value::Ipv4(a));
        }
        let s = at + if addr.is_some() { 4 } else { 0 };
        t.add_uint(&TS_STAMP, s, 4, u64::from(stamp));
    }
    if !ts.rest().is_empty() {
        let at = off + 4 + ts.entries.len() - ts.rest().len();
        t.expert(&SUBOPT_TOO_LONG, at, ts.rest().len(), Some(format_args!("{} octets left", ts.rest().len())));
    }
}
