//! Capture statistics (`mipscope stats`, `-z mip6,…`): counts per message type and option,
//! status histograms (BA, PBA, BE, Mobile IPv4 Registration Reply), binding lifetimes,
//! request→response latency per pair type, and conversations.
//!
//! Everything is counted from the facts the parsers record ([`crate::analysis::MsgFact`],
//! [`crate::analysis::OptFact`]), never from a second parse, so a frame costs a few lookups
//! and no dissection beyond what the capture needs anyway (no tree: `Want::Fields(&[])`).
//! Memory is bounded whatever the capture: the tables are keyed by code points (at most 256
//! types, options and statuses; lifetimes by their 16-bit value), latencies go to a fixed
//! histogram ([`hist`]), and conversations stop at [`CONV_LIMIT`] pairs (later pairs are
//! counted together, and the output says how many messages that was).
//!
//! A [`Stats`] counts one part of a capture; parts merge ([`Stats::merge`]) in frame order into
//! what one pass gives, which is how the two threads of `run.rs` use it.

pub mod hist;
pub mod render;

use crate::analysis::{LifetimeOf, MsgProto, StatusOf};
use crate::tree::Dissection;
use hist::Hist;
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

/// Most conversations (address pairs) counted one by one.
pub const CONV_LIMIT: usize = 16_384;

/// A request→response pair type, for the latency table ([`Stats::add_response`]). The
/// request/response tracker (issue 13 item 3, `analysis::track`, not yet on main) numbers the
/// same pairs as its own `PairKind`; once it is merged, that one type should replace this one
/// (one truth), and the driver feeds each frame note's answered pair and nanoseconds here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pair {
    BuBa,
    PbuPba,
    HotiHot,
    CotiCot,
    ProxyHotiHot,
    BrrBu,
    HiHack,
    BriBra,
    UpnUpa,
    RrqRrp,
    Mip4HotiHot,
    Mip4CotiCot,
    RevocationAck,
}

impl Pair {
    /// The row a tracked pair is counted on (a binding exchange with the P flag as PBU/PBA).
    pub fn of_track(kind: crate::analysis::track::PairKind, proxy: bool) -> Option<Pair> {
        use crate::analysis::track::PairKind as K;
        Some(match kind {
            K::Brr => Pair::BrrBu,
            K::Binding if proxy => Pair::PbuPba,
            K::Binding => Pair::BuBa,
            K::HomeTest => Pair::HotiHot,
            K::CareOfTest => Pair::CotiCot,
            K::ProxyHomeTest => Pair::ProxyHotiHot,
            K::Handover => Pair::HiHack,
            K::Revocation => Pair::BriBra,
            K::UpdateNotification => Pair::UpnUpa,
            K::Registration => Pair::RrqRrp,
            K::Mip4HomeTest => Pair::Mip4HotiHot,
            K::Mip4CareOfTest => Pair::Mip4CotiCot,
            K::Mip4Revocation => Pair::RevocationAck,
            // Pings are not mobility signalling: the tables count only that.
            K::Echo | K::Echo6 => return None,
        })
    }

    pub const ALL: [Pair; 13] = [
        Pair::BuBa,
        Pair::PbuPba,
        Pair::HotiHot,
        Pair::CotiCot,
        Pair::ProxyHotiHot,
        Pair::BrrBu,
        Pair::HiHack,
        Pair::BriBra,
        Pair::UpnUpa,
        Pair::RrqRrp,
        Pair::Mip4HotiHot,
        Pair::Mip4CotiCot,
        Pair::RevocationAck,
    ];

    /// The name tables and JSON show.
    pub fn name(self) -> &'static str {
        match self {
            Pair::BuBa => "BU/BA",
            Pair::PbuPba => "PBU/PBA",
            Pair::HotiHot => "HoTI/HoT",
            Pair::CotiCot => "CoTI/CoT",
            Pair::ProxyHotiHot => "Proxy HoTI/HoT",
            Pair::BrrBu => "BRR/BU",
            Pair::HiHack => "HI/HAck",
            Pair::BriBra => "BRI/BRA",
            Pair::UpnUpa => "UPN/UPA",
            Pair::RrqRrp => "RRQ/RRP",
            Pair::Mip4HotiHot => "MIPv4 HoTI/HoT",
            Pair::Mip4CotiCot => "MIPv4 CoTI/CoT",
            Pair::RevocationAck => "Revocation/Ack",
        }
    }
}

/// One message type's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRow {
    pub proto: MsgProto,
    pub ty: u8,
    pub name: &'static str,
    pub count: u64,
}

/// One option (Mobile IPv6) or extension (Mobile IPv4) type's count (over messages sent in
/// the frame, not quoted in ICMP errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptRow {
    pub proto: MsgProto,
    pub code: u8,
    pub name: &'static str,
    pub count: u64,
}

/// Messages between two addresses; `a` is the source of the first message seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conv {
    pub a: IpAddr,
    pub b: IpAddr,
    pub a_to_b: u64,
    pub b_to_a: u64,
    /// Frame number of the first message.
    pub first: u64,
}

/// The statistics of (a part of) a capture.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Frames counted (those a `-Y` filter kept).
    pub frames: u64,
    /// Messages counted (not those quoted in ICMP errors).
    pub messages: u64,
    types: Vec<TypeRow>,
    options: Vec<OptRow>,
    status: BTreeMap<(StatusOf, u8), u64>,
    lifetimes: BTreeMap<(LifetimeOf, u32), u64>,
    latency: BTreeMap<Pair, Hist>,
    /// Keyed by the pair in address order (seeded hash: see `analysis::track::Tracker`).
    conv: HashMap<(IpAddr, IpAddr), Conv, foldhash::fast::RandomState>,
    /// Messages of conversations past [`CONV_LIMIT`].
    conv_other: u64,
}

impl Stats {
    /// Counts what frame `d` carries.
    pub fn add(&mut self, d: &Dissection) {
        self.add_answers(&d.note, Self::proxy(d));
        self.add_counts(d);
    }

    /// Whether frame `d`'s answers are proxy ones (an RFC 5213 Proxy Binding Acknowledgement
    /// answers a Binding pair), as [`Stats::add_answers`] needs to know.
    pub fn proxy(d: &Dissection) -> bool {
        d.facts.msgs.iter().any(|m| m.name.starts_with("Proxy Binding"))
    }

    /// Counts the latencies of what request/response tracking found a frame's messages answer
    /// (`proxy` from [`Stats::proxy`]). With [`Stats::add_counts`] it is [`Stats::add`]: a
    /// driver that tracks apart from dissecting (in frame order, after the frame's facts were
    /// counted on another thread) calls the two halves apart.
    pub fn add_answers(&mut self, note: &crate::analysis::track::Note, proxy: bool) {
        for s in &note.slots {
            if let Some((kind, _, ns)) = s.answers {
                if let (Some(pair), Ok(ns)) = (Pair::of_track(kind, proxy), u64::try_from(ns)) {
                    self.add_response(pair, ns);
                }
            }
        }
    }

    /// Counts what frame `d` carries apart from its note's latencies (see [`Stats::add_answers`]).
    pub fn add_counts(&mut self, d: &Dissection) {
        self.frames += 1;
        let f = &d.facts;
        for m in f.msgs.iter().filter(|m| !m.quoted) {
            self.messages += 1;
            match self.types.iter_mut().find(|r| r.proto == m.proto && r.ty == m.ty && r.name == m.name) {
                Some(r) => r.count += 1,
                None => self.types.push(TypeRow { proto: m.proto, ty: m.ty, name: m.name, count: 1 }),
            }
            if let Some(s) = m.status {
                *self.status.entry(s).or_default() += 1;
            }
            if let Some(l) = m.lifetime {
                *self.lifetimes.entry(l).or_default() += 1;
            }
            if let Some((src, dst)) = m.addrs {
                self.conv_add(src, dst, 1, 0, d.frame_number);
            }
        }
        for m in f.mh.iter().filter(|m| !m.quoted()) {
            for o in f.opts.get(m.opts.0 as usize..m.opts.1 as usize).unwrap_or(&[]) {
                self.count_option(MsgProto::Mip6, o.kind, o.def.name, 1);
            }
        }
        for &(ty, name) in &f.exts {
            self.count_option(MsgProto::Mip4, ty, name, 1);
        }
    }

    fn count_option(&mut self, proto: MsgProto, code: u8, name: &'static str, n: u64) {
        match self.options.iter_mut().find(|r| (r.proto, r.code, r.name) == (proto, code, name)) {
            Some(r) => r.count += n,
            None => self.options.push(OptRow { proto, code, name, count: n }),
        }
    }

    /// Counts `n` messages from `src` to `dst` and `back` the other way, first seen in `frame`.
    fn conv_add(&mut self, src: IpAddr, dst: IpAddr, n: u64, back: u64, frame: u64) {
        let key = if src <= dst { (src, dst) } else { (dst, src) };
        let full = self.conv.len() >= CONV_LIMIT;
        match self.conv.get_mut(&key) {
            Some(c) if c.a == src => (c.a_to_b, c.b_to_a) = (c.a_to_b + n, c.b_to_a + back),
            Some(c) => (c.a_to_b, c.b_to_a) = (c.a_to_b + back, c.b_to_a + n),
            None if full => self.conv_other += n + back,
            None => {
                self.conv.insert(key, Conv { a: src, b: dst, a_to_b: n, b_to_a: back, first: frame });
            }
        }
    }

    /// Counts one response that came `ns` nanoseconds after its request (fed by the
    /// request/response tracker).
    pub fn add_response(&mut self, pair: Pair, ns: u64) {
        self.latency.entry(pair).or_default().add(ns);
    }

    /// Adds the counts of `other`, the part of the capture right after this one.
    pub fn merge(&mut self, other: &Stats) {
        self.frames += other.frames;
        self.messages += other.messages;
        for t in &other.types {
            match self.types.iter_mut().find(|r| (r.proto, r.ty, r.name) == (t.proto, t.ty, t.name)) {
                Some(r) => r.count += t.count,
                None => self.types.push(t.clone()),
            }
        }
        for o in &other.options {
            self.count_option(o.proto, o.code, o.name, o.count);
        }
        for (k, v) in &other.status {
            *self.status.entry(*k).or_default() += v;
        }
        for (k, v) in &other.lifetimes {
            *self.lifetimes.entry(*k).or_default() += v;
        }
        for (k, h) in &other.latency {
            self.latency.entry(*k).or_default().merge(h);
        }
        // In order of first appearance, so the limit keeps the same pairs as one pass.
        let mut convs: Vec<&Conv> = other.conv.values().collect();
        convs.sort_by_key(|c| c.first);
        for c in convs {
            self.conv_add(c.a, c.b, c.a_to_b, c.b_to_a, c.first);
        }
        self.conv_other += other.conv_other;
    }

    /// Empties the tables, keeping their room.
    pub fn clear(&mut self) {
        self.frames = 0;
        self.messages = 0;
        self.types.clear();
        self.options.clear();
        self.status.clear();
        self.lifetimes.clear();
        self.latency.clear();
        self.conv.clear();
        self.conv_other = 0;
    }

    /// Message types, by protocol, type and name.
    pub fn types(&self) -> Vec<&TypeRow> {
        let mut v: Vec<&TypeRow> = self.types.iter().collect();
        v.sort_by_key(|r| (r.proto, r.ty, r.name));
        v
    }

    /// Option types, by code and name.
    pub fn options(&self) -> Vec<&OptRow> {
        let mut v: Vec<&OptRow> = self.options.iter().collect();
        v.sort_by_key(|r| (r.proto, r.code, r.name));
        v
    }

    /// Status values and their counts, by message and value.
    pub fn status(&self) -> impl Iterator<Item = (StatusOf, u8, u64)> + '_ {
        self.status.iter().map(|(&(s, v), &n)| (s, v, n))
    }

    /// Lifetimes in seconds and their counts, by message and value.
    pub fn lifetimes(&self) -> impl Iterator<Item = (LifetimeOf, u32, u64)> + '_ {
        self.lifetimes.iter().map(|(&(l, v), &n)| (l, v, n))
    }

    /// Latency histograms of the pair types seen.
    pub fn latency(&self) -> impl Iterator<Item = (Pair, &Hist)> + '_ {
        self.latency.iter().map(|(&p, h)| (p, h))
    }

    /// Conversations in order of first appearance, and the messages of those past the limit.
    pub fn conversations(&self) -> (Vec<&Conv>, u64) {
        let mut v: Vec<&Conv> = self.conv.values().collect();
        v.sort_by_key(|c| (c.first, c.a, c.b));
        (v, self.conv_other)
    }
}

impl StatusOf {
    /// The message whose status it is, and the name of value `v`.
    pub fn names(self, v: u8) -> (&'static str, Option<&'static str>) {
        let (what, def) = match self {
            StatusOf::Ba => ("Binding Acknowledgement", &crate::mh::msg::binding::BA_STATUS),
            StatusOf::Pba => ("Proxy Binding Acknowledgement", &crate::mh::msg::binding::BA_STATUS),
            StatusOf::Be => ("Binding Error", &crate::mh::msg::binding::BE_STATUS),
            StatusOf::Rrp => ("Registration Reply", &crate::mip4::msg::CODE),
        };
        (what, def.value_name(u64::from(v)))
    }

    /// Short name for JSON.
    pub fn key(self) -> &'static str {
        match self {
            StatusOf::Ba => "BA",
            StatusOf::Pba => "PBA",
            StatusOf::Be => "BE",
            StatusOf::Rrp => "RRP",
        }
    }
}

impl LifetimeOf {
    /// The message and whether it requests or grants the lifetime.
    pub fn name(self) -> &'static str {
        match self {
            LifetimeOf::Bu => "Binding Update (requested)",
            LifetimeOf::Pbu => "Proxy Binding Update (requested)",
            LifetimeOf::Ba => "Binding Acknowledgement (granted)",
            LifetimeOf::Pba => "Proxy Binding Acknowledgement (granted)",
            LifetimeOf::Rrq => "Registration Request (requested)",
            LifetimeOf::Rrp => "Registration Reply (granted)",
        }
    }

    /// Short name for JSON.
    pub fn key(self) -> &'static str {
        match self {
            LifetimeOf::Bu => "BU",
            LifetimeOf::Pbu => "PBU",
            LifetimeOf::Ba => "BA",
            LifetimeOf::Pba => "PBA",
            LifetimeOf::Rrq => "RRQ",
            LifetimeOf::Rrp => "RRP",
        }
    }
}

impl MsgProto {
    /// The protocol's filter name (`mipv6`, `mip`).
    pub fn key(self) -> &'static str {
        match self {
            MsgProto::Mip6 => "mipv6",
            MsgProto::Mip4 => "mip",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    fn addr(i: u32) -> IpAddr {
        IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, (i >> 16) as u16, i as u16))
    }

    /// Conversations past the limit are counted together, in parts as in one pass; a pair
    /// already counted keeps counting in both directions.
    #[test]
    fn conversation_limit_holds_across_merges() {
        let n = CONV_LIMIT as u32 + 100;
        let mut one = Stats::default();
        let mut parts = vec![Stats::default(); 4];
        for i in 0..n {
            // Frame i: i -> i+1 (new pair), then the answer i+1 -> i.
            for (k, (s, d)) in [(addr(2 * i), addr(2 * i + 1)), (addr(2 * i + 1), addr(2 * i))].into_iter().enumerate() {
                let frame = u64::from(2 * i) + k as u64 + 1;
                one.conv_add(s, d, 1, 0, frame);
                parts[(i as usize * 4) / n as usize].conv_add(s, d, 1, 0, frame);
            }
        }
        let mut merged = Stats::default();
        for p in &parts {
            merged.merge(p);
        }
        let (a, other) = one.conversations();
        assert_eq!((a.len(), other), (CONV_LIMIT, 200));
        assert!(a.iter().all(|c| c.a_to_b == 1 && c.b_to_a == 1));
        assert_eq!((a.first().map(|c| c.a), a.last().map(|c| c.b)), (Some(addr(0)), Some(addr(2 * CONV_LIMIT as u32 - 1))));
        let (b, other_b) = merged.conversations();
        assert_eq!(other_b, 200);
        assert_eq!(a, b);
    }

    #[test]
    fn responses_go_to_their_pair_type() {
        let mut s = Stats::default();
        for ms in [3u64, 1, 2, 40] {
            s.add_response(Pair::BuBa, ms * 1_000_000);
        }
        s.add_response(Pair::RrqRrp, 7);
        let rows: Vec<(Pair, u64, Option<u64>, Option<u64>)> =
            s.latency().map(|(p, h)| (p, h.count(), h.min(), h.max())).collect();
        assert_eq!(rows, [(Pair::BuBa, 4, Some(1_000_000), Some(40_000_000)), (Pair::RrqRrp, 1, Some(7), Some(7))]);
        // Nearest rank: the median of 1, 2, 3, 40 ms is rank 2 (2 ms), the 95th rank 4 (40 ms).
        let h = s.latency().next().unwrap().1;
        let within = |got: Option<u64>, want: u64| got.is_some_and(|g| g.abs_diff(want) <= want / 64);
        assert!(within(h.quantile(0.5), 2_000_000) && h.quantile(0.95) == Some(40_000_000));
        let j = render::json(&s, render::Tables::ALL);
        assert_eq!(j["latency"][0]["pair"], "BU/BA");
        assert_eq!(j["latency"][0]["max_ns"], 40_000_000);
        assert_eq!(j["latency"][1]["median_ns"], 7);
        let t = render::text(&s, render::Tables { srt: true, ..Default::default() });
        assert!(t.contains("         4     1.000000"), "{t}");
        assert!(t.contains("  BU/BA\n"), "{t}");
        assert!(t.contains("40.000000"), "{t}");
        assert_eq!(Pair::ALL.len(), Pair::ALL.iter().map(|p| p.name()).collect::<std::collections::BTreeSet<_>>().len());
    }
}
