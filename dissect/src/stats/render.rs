//! The statistics as text tables (tshark's `-z` look: a rule, a title, columns) or JSON.

use super::{Pair, Stats};
use std::fmt::Write;

/// Which tables to show (`-z mip6,tree|status|lifetime|srt|conv`; `stat` and `mipscope stats`
/// show all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tables {
    /// Messages and options.
    pub tree: bool,
    pub status: bool,
    pub lifetime: bool,
    /// Request→response latency (service response time).
    pub srt: bool,
    pub conv: bool,
}

impl Tables {
    pub const ALL: Tables = Tables { tree: true, status: true, lifetime: true, srt: true, conv: true };

    /// Adds the table a `-z mip6,NAME` names; false for an unknown name.
    pub fn select(&mut self, name: &str) -> bool {
        match name {
            "stat" => *self = Tables::ALL,
            "tree" => self.tree = true,
            "status" => self.status = true,
            "lifetime" => self.lifetime = true,
            "srt" => self.srt = true,
            "conv" => self.conv = true,
            _ => return false,
        }
        true
    }

    pub fn any(&self) -> bool {
        *self != Tables::default()
    }
}

/// The names `-z mip6,…` accepts.
pub const TABLE_NAMES: &str = "stat, tree, status, lifetime, srt, conv";

const RULE: &str = "================================================================================\n";
const THIN: &str = "--------------------------------------------------------------------------------\n";

/// Milliseconds with microsecond digits.
fn ms(ns: Option<u64>) -> String {
    ns.map_or_else(|| "-".into(), |v| format!("{}.{:06}", v / 1_000_000, v % 1_000_000))
}

/// The tables as text: counts and numbers first, in fixed columns, then the name (as
/// `-z expert` does), so a long name never pushes a column.
pub fn text(s: &Stats, which: Tables) -> String {
    let mut o = String::new();
    let _ = write!(o, "\n{RULE}Mobility signalling statistics: {} frames, {} messages\n", s.frames, s.messages);
    if which.tree {
        let _ = write!(o, "{RULE}Messages\n     Count  Protocol  Type  Message\n{THIN}");
        for r in s.types() {
            let _ = writeln!(o, "{:>10}  {:<8}{:>6}  {}", r.count, r.proto.key(), r.ty, r.name);
        }
        let _ = write!(o, "{RULE}Options (Mobile IPv6) and extensions (Mobile IPv4)\n     Count  Protocol  Type  Option\n{THIN}");
        for r in s.options() {
            let _ = writeln!(o, "{:>10}  {:<8}{:>6}  {}", r.count, r.proto.key(), r.code, r.name);
        }
    }
    if which.status {
        let _ = write!(o, "{RULE}Status\n     Count        Value  Meaning\n{THIN}");
        let mut last = None;
        for (of, v, n) in s.status() {
            let (what, name) = of.names(v);
            if last != Some(of) {
                let _ = writeln!(o, "{what}");
                last = Some(of);
            }
            let _ = writeln!(o, "{n:>10}  {v:>11}  {}", name.unwrap_or("Unknown"));
        }
    }
    if which.lifetime {
        let _ = write!(o, "{RULE}Lifetimes\n     Count      Seconds\n{THIN}");
        let mut last = None;
        for (of, v, n) in s.lifetimes() {
            if last != Some(of) {
                let _ = writeln!(o, "{}", of.name());
                last = Some(of);
            }
            let _ = writeln!(o, "{n:>10}  {v:>11}");
        }
    }
    if which.srt {
        let _ = write!(
            o,
            "{RULE}Request -> response time (ms; median and P95 within 1/64)\n     Count          Min       Median          P95          Max  Pair\n{THIN}"
        );
        if s.latency().next().is_none() {
            o.push_str("(no request/response pairs)\n");
        }
        for (p, h) in s.latency() {
            let _ = writeln!(
                o,
                "{:>10}{:>13}{:>13}{:>13}{:>13}  {}",
                h.count(),
                ms(h.min()),
                ms(h.quantile(0.5)),
                ms(h.quantile(0.95)),
                ms(h.max()),
                p.name()
            );
        }
    }
    if which.conv {
        let _ = write!(o, "{RULE}Conversations (messages)\n      A->B       B->A      Total  A <-> B\n{THIN}");
        let (convs, other) = s.conversations();
        for c in convs {
            let _ = writeln!(o, "{:>10} {:>10} {:>10}  {} <-> {}", c.a_to_b, c.b_to_a, c.a_to_b + c.b_to_a, c.a, c.b);
        }
        if other > 0 {
            let _ = writeln!(o, "{:>32}  (pairs past the first {})", other, super::CONV_LIMIT);
        }
    }
    o.push_str(RULE);
    o
}

/// The tables as one JSON object (`null` for a quantile of an empty table never occurs: only
/// pair types seen are listed).
pub fn json(s: &Stats, which: Tables) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let mut m = Map::new();
    m.insert("frames".into(), json!(s.frames));
    m.insert("messages".into(), json!(s.messages));
    if which.tree {
        let t: Vec<Value> =
            s.types().iter().map(|r| json!({"proto": r.proto.key(), "type": r.ty, "name": r.name, "count": r.count})).collect();
        m.insert("messages_by_type".into(), Value::Array(t));
        let t: Vec<Value> = s
            .options()
            .iter()
            .map(|r| json!({"proto": r.proto.key(), "type": r.code, "name": r.name, "count": r.count}))
            .collect();
        m.insert("options".into(), Value::Array(t));
    }
    if which.status {
        let t: Vec<Value> =
            s.status().map(|(of, v, n)| json!({"of": of.key(), "value": v, "name": of.names(v).1, "count": n})).collect();
        m.insert("status".into(), Value::Array(t));
    }
    if which.lifetime {
        let t: Vec<Value> = s.lifetimes().map(|(of, v, n)| json!({"of": of.key(), "seconds": v, "count": n})).collect();
        m.insert("lifetimes".into(), Value::Array(t));
    }
    if which.srt {
        let t: Vec<Value> = s
            .latency()
            .map(|(p, h): (Pair, _)| {
                json!({"pair": p.name(), "count": h.count(), "min_ns": h.min(), "median_ns": h.quantile(0.5),
                       "p95_ns": h.quantile(0.95), "max_ns": h.max(), "mean_ns": h.mean()})
            })
            .collect();
        m.insert("latency".into(), Value::Array(t));
    }
    if which.conv {
        let (convs, other) = s.conversations();
        let t: Vec<Value> = convs
            .iter()
            .map(|c| json!({"a": c.a.to_string(), "b": c.b.to_string(), "a_to_b": c.a_to_b, "b_to_a": c.b_to_a, "first_frame": c.first}))
            .collect();
        m.insert("conversations".into(), Value::Array(t));
        m.insert("conversations_other_messages".into(), json!(other));
    }
    Value::Object(m)
}
