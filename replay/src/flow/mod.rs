//! Ladder (sequence) diagrams of the signalling in a capture, like the drafts' figures: one
//! column per node (its address, and its [`Role`] when what it sends and receives tells it),
//! one arrow per message labelled with the Info column's words, time on the left, the frame's
//! findings (expert items of warning level and above, the analysis pass's `check.*` included)
//! on the arrow.
//!
//! [`Builder::add`] takes each dissected frame in capture order; [`Builder::finish`] gives the
//! [`Flow`], which [`text::render`] and [`svg::render`] draw. Everything here is a pure
//! function of the dissections: the command line (`mipscope flow`) reads the capture.

pub mod role;
pub mod svg;
pub mod text;

pub use role::Role;

use dissect::analysis::{MsgFact, MsgProto, StatusOf};
use dissect::expert::Severity;
use dissect::field::Value;
use dissect::tree::Dissection;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::IpAddr;

/// One column: a node of the signalling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub addr: IpAddr,
    pub role: Option<Role>,
    /// Care-of addresses a Home Address option or type 2 routing header tied to `addr` (a
    /// mobile node's messages from or to them are drawn in this column).
    pub care_of: Vec<IpAddr>,
}

/// A finding marked on an arrow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The expert item's field (`check.mcoa.bid_flags_differ`).
    pub abbrev: &'static str,
    /// Its message as the dissector wrote it.
    pub text: String,
}

/// One arrow: a message from one node to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrow {
    pub frame: u64,
    /// Time since the capture's first frame, in nanoseconds.
    pub rel_ns: i64,
    /// Indices into [`Flow::nodes`].
    pub from: usize,
    pub to: usize,
    pub label: String,
    /// Not signalling (shown with `--all` only).
    pub data: bool,
    pub findings: Vec<Finding>,
}

/// A whole diagram.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flow {
    /// In order of first appearance (the first sender leftmost, as the drafts draw them).
    pub nodes: Vec<Node>,
    pub arrows: Vec<Arrow>,
}

/// Collects arrows frame by frame.
#[derive(Debug, Default)]
pub struct Builder {
    /// Frames that are not signalling give an arrow too (`--all`).
    pub all: bool,
    nodes: Vec<(IpAddr, role::Seen)>,
    index: HashMap<IpAddr, usize>,
    arrows: Vec<Arrow>,
    /// Care-of address → home address, as Home Address options and type 2 routing headers
    /// said (the first pairing kept), and the pairings in the order they were learned.
    home_of: HashMap<IpAddr, IpAddr>,
    pairings: Vec<(IpAddr, IpAddr)>,
}

impl Builder {
    pub fn new(all: bool) -> Self {
        Builder { all, ..Default::default() }
    }

    /// Adds the arrows of one dissected frame: one per signalling message it sends (not those
    /// an ICMP error quotes), or with `all` one for a frame with none.
    pub fn add(&mut self, d: &Dissection) {
        let sent: Vec<&MsgFact> = d.facts.msgs.iter().filter(|m| !m.quoted && m.addrs.is_some()).collect();
        let findings = findings(d);
        let info = d.cols.info.as_str();
        for (i, m) in sent.iter().enumerate() {
            let Some((mut src, mut dst)) = m.addrs else { continue };
            let label = if sent.len() == 1 { strip_experts(info).to_string() } else { fact_label(m) };
            let (bu, brr) = if m.proto == MsgProto::Mip6 {
                // The k-th Mobility Header of this type in the frame is the k-th such record.
                let k = sent.get(..i).unwrap_or(&[]).iter().filter(|o| o.proto == MsgProto::Mip6 && o.ty == m.ty).count();
                let rec = d.facts.mh.iter().filter(|h| !h.quoted() && h.mh_type == m.ty).nth(k);
                // A mobile node is one column whatever its care-of address: the home address
                // of a Home Address option or type 2 routing header stands for it, as in the
                // packet list.
                if let Some(p) = rec.map(|h| h.pkt) {
                    if let Some(hoa) = p.hao.map(IpAddr::from) {
                        self.pair(src, hoa);
                        src = hoa;
                    }
                    if let Some(hoa) = p.rh2.map(IpAddr::from) {
                        self.pair(dst, hoa);
                        dst = hoa;
                    }
                }
                (rec.and_then(|h| h.bu_flags()), rec.and_then(|h| h.brr_flags()))
            } else {
                (None, None)
            };
            let info_for_roles = if sent.len() == 1 { info } else { "" };
            let (s, r) = role::observe(&role::Msg { proto: m.proto, name: m.name, info: info_for_roles, bu, brr });
            let from = self.node(src, s);
            let to = self.node(dst, r);
            self.arrows.push(Arrow {
                frame: d.frame_number,
                rel_ns: d.rel_ns,
                from,
                to,
                label,
                data: false,
                findings: findings.clone(),
            });
        }
        if sent.is_empty() && self.all {
            let (Some(src), Some(dst)) = (d.cols.src.as_ref().and_then(ip), d.cols.dst.as_ref().and_then(ip)) else { return };
            let from = self.node(src, 0);
            let to = self.node(dst, 0);
            let mut label = String::new();
            if !d.cols.protocol.is_empty() {
                label.push_str(d.cols.protocol);
                label.push(' ');
            }
            label.push_str(strip_experts(info));
            self.arrows.push(Arrow { frame: d.frame_number, rel_ns: d.rel_ns, from, to, label, data: true, findings });
        }
    }

    fn pair(&mut self, coa: IpAddr, hoa: IpAddr) {
        if coa != hoa && !self.home_of.contains_key(&coa) {
            self.home_of.insert(coa, hoa);
            self.pairings.push((coa, hoa));
        }
    }

    fn node(&mut self, addr: IpAddr, seen: u32) -> usize {
        let i = *self.index.entry(addr).or_insert_with(|| {
            self.nodes.push((addr, role::Seen::default()));
            self.nodes.len() - 1
        });
        if let Some(n) = self.nodes.get_mut(i) {
            n.1 .0 |= seen;
        }
        i
    }

    /// The diagram, with each node's role decided from everything it was seen doing. A
    /// care-of address that a Home Address option or type 2 routing header tied to a home
    /// address seen as a node is drawn in the home address's column (the drafts draw a mobile
    /// node as one column: its Care-of Test Init comes from the same MN as its Home Test Init).
    pub fn finish(self) -> Flow {
        // Where each node is drawn: its own column, or its home address's (one step, so a
        // pairing that loops cannot).
        let target: Vec<usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, (addr, _))| {
                self.home_of
                    .get(addr)
                    .filter(|h| !self.home_of.contains_key(*h))
                    .and_then(|h| self.index.get(h).copied())
                    .unwrap_or(i)
            })
            .collect();
        let mut column = vec![usize::MAX; self.nodes.len()];
        let mut seen = Vec::new();
        let mut nodes = Vec::new();
        // A column stands where the first of its addresses appeared.
        let mut first: Vec<usize> = (0..self.nodes.len()).collect();
        for (i, &t) in target.iter().enumerate() {
            if let Some(f) = first.get_mut(t) {
                *f = (*f).min(i);
            }
        }
        let mut kept: Vec<usize> = (0..self.nodes.len()).filter(|&i| target.get(i) == Some(&i)).collect();
        kept.sort_by_key(|&i| first.get(i).copied().unwrap_or(i));
        for i in kept {
            let Some(&(addr, s)) = self.nodes.get(i) else { continue };
            column[i] = nodes.len();
            nodes.push(Node { addr, role: None, care_of: Vec::new() });
            seen.push(s);
        }
        for (i, &(_, s)) in self.nodes.iter().enumerate() {
            let t = target.get(i).copied().unwrap_or(i);
            if t != i {
                let c = column.get(t).copied().unwrap_or(usize::MAX);
                column[i] = c;
                if let Some(merged) = seen.get_mut(c) {
                    merged.0 |= s.0;
                }
            }
        }
        // Every care-of address of a home address drawn as a column, whether or not it was a
        // node of its own.
        for (coa, hoa) in &self.pairings {
            if self.home_of.contains_key(hoa) {
                continue;
            }
            let c = self.index.get(hoa).and_then(|&h| column.get(h)).copied();
            if let Some(n) = c.and_then(|c| nodes.get_mut(c)) {
                n.care_of.push(*coa);
            }
        }
        for (n, s) in nodes.iter_mut().zip(&seen) {
            n.role = role::role(*s);
        }
        let mut arrows = self.arrows;
        for a in &mut arrows {
            a.from = column.get(a.from).copied().unwrap_or(a.from);
            a.to = column.get(a.to).copied().unwrap_or(a.to);
        }
        Flow { nodes, arrows }
    }
}

/// The frame's expert items of warning level and above.
fn findings(d: &Dissection) -> Vec<Finding> {
    d.experts
        .iter()
        .filter(|e| e.def.severity >= Severity::Warn)
        .map(|e| Finding { severity: e.def.severity, abbrev: e.def.abbrev(), text: d.text_of(e.text).to_string() })
        .collect()
}

/// The Info column without the expert items' bracketed texts (shown as findings instead).
fn strip_experts(info: &str) -> &str {
    info.find(" [").map_or(info, |i| info.get(..i).unwrap_or(info)).trim_end()
}

/// A message's label when a frame has several (the Info column speaks of them together): its
/// name, status and lifetime.
fn fact_label(m: &MsgFact) -> String {
    let mut s = m.name.to_string();
    if let Some((of, v)) = m.status {
        let key = if of == StatusOf::Rrp { "code" } else { "status" };
        let _ = write!(s, " {key}={v}");
    }
    if let Some((_, l)) = m.lifetime {
        let _ = write!(s, " lifetime={l}");
    }
    s
}

fn ip(v: &Value) -> Option<IpAddr> {
    match *v {
        Value::Ipv4(a) => Some(IpAddr::from(a)),
        Value::Ipv6(a) => Some(IpAddr::from(a)),
        _ => None,
    }
}

/// Care-of addresses named in a heading (a node that moved often has a count for the rest).
const MAX_COA_SHOWN: usize = 2;

/// A node's column heading: its role (when known), address and care-of addresses.
pub fn heading(n: &Node) -> (&'static str, String, String) {
    let mut coa = String::new();
    for (i, a) in n.care_of.iter().take(MAX_COA_SHOWN).enumerate() {
        coa.push_str(if i == 0 { "CoA " } else { ", " });
        let _ = write!(coa, "{a}");
    }
    if n.care_of.len() > MAX_COA_SHOWN {
        let _ = write!(coa, " +{}", n.care_of.len() - MAX_COA_SHOWN);
    }
    (n.role.map_or("", Role::name), n.addr.to_string(), coa)
}

/// Seconds since the first frame, as the packet list shows them.
pub fn seconds(rel_ns: i64) -> String {
    let sign = if rel_ns < 0 { "-" } else { "" };
    let a = rel_ns.unsigned_abs();
    format!("{sign}{}.{:06}", a / 1_000_000_000, a % 1_000_000_000 / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_loses_its_expert_texts_only() {
        assert_eq!(strip_experts("Binding Update seq=13 A H [Invalid length for option: x]"), "Binding Update seq=13 A H");
        assert_eq!(strip_experts("Care-of Test index=3 BIDs=7"), "Care-of Test index=3 BIDs=7");
    }

    #[test]
    fn seconds_are_the_packet_lists() {
        assert_eq!(seconds(0), "0.000000");
        assert_eq!(seconds(1_234_567_891), "1.234567");
        assert_eq!(seconds(-2_000_000), "-0.002000");
    }
}
