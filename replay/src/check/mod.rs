//! The conformance report: the findings of the rule catalogue (`dissect::analysis::rules`)
//! gathered frame by frame from the analysis pass's expert items, grouped by the exchange
//! request/response tracking puts them in, and written as text, JSON or JUnit XML.
//!
//! Memory is bounded: at most [`MAX_LISTED`] findings are kept for the report (the rest are
//! only counted, per rule), so a capture of any size is checked in flat memory.

mod junit;
mod text;

use dissect::analysis::rules::{Rule, RULES};
use dissect::analysis::track::{Note, PairKind};
use dissect::tree::Dissection;

pub use junit::junit;
pub use text::text;

/// Findings kept for the report; later ones are counted only.
pub const MAX_LISTED: usize = 16_384;

/// The exchange a finding belongs to: the kind of request/response pair and the frame of its
/// request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exchange {
    pub first: u64,
    pub kind: PairKind,
}

/// One violation of a rule.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    /// The frame it was found in first; then, for a rule about an answer, its request's frame.
    pub frames: Vec<u64>,
    /// The expert item's message (summary and details).
    pub message: String,
    pub exchange: Option<Exchange>,
}

impl Finding {
    /// The finding as one JSON object: `rule`, `level`, `frames`, `citation`, `message`,
    /// `text` (the rule's statement).
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "rule": self.rule.id(),
            "level": self.rule.level.name(),
            "frames": self.frames,
            "citation": self.rule.citation,
            "message": self.message,
            "text": self.rule.text,
        })
    }

    /// The finding as a pcapng packet comment.
    pub fn comment(&self) -> String {
        format!("{} [{}, {}]: {}", self.rule.id(), self.rule.level.name(), self.rule.citation, self.message)
    }
}

/// What a check of a capture found.
#[derive(Debug)]
pub struct Report {
    /// Findings in frame order (at most [`MAX_LISTED`]).
    pub findings: Vec<Finding>,
    /// Findings per rule, in the catalogue's order (all of them, listed or not).
    pub counts: Vec<u64>,
    /// Frames checked.
    pub frames: u64,
    /// Whether findings are kept for the report (not when each is written out as it is found).
    keep: bool,
}

impl Default for Report {
    fn default() -> Self {
        Report::new()
    }
}

impl Report {
    pub fn new() -> Self {
        Report { findings: Vec::new(), counts: vec![0; RULES.len()], frames: 0, keep: true }
    }

    /// A report whose findings are written out as they come ([`Report::add`]'s answer) and only
    /// counted here.
    pub fn streaming() -> Self {
        Report { keep: false, ..Report::new() }
    }

    /// Adds the findings of one dissected frame (its number in `d.frame_number`, what tracking
    /// said of it in `d.note`); returns them (the new tail of [`Report::findings`], or, once the
    /// list is full, a scratch list) for a caller that writes them out as it goes.
    pub fn add<'r>(&'r mut self, d: &Dissection, scratch: &'r mut Vec<Finding>) -> &'r [Finding] {
        self.frames += 1;
        scratch.clear();
        if d.experts.is_empty() {
            return &[];
        }
        let (exchange, request) = exchange_of(d.frame_number, &d.note);
        for e in &d.experts {
            let Some(rule) = dissect::analysis::rules::of_expert(e.def) else { continue };
            if let Some(i) = RULES.iter().position(|r| std::ptr::eq(*r, rule)) {
                self.counts[i] += 1;
            }
            let mut frames = vec![d.frame_number];
            if rule.pair {
                frames.extend(request.filter(|&f| f != d.frame_number));
            }
            let message = d.text.str_at(e.text.0 as usize, e.text.1 as usize).to_string();
            scratch.push(Finding { rule, frames, message, exchange });
        }
        if self.keep && self.findings.len() + scratch.len() <= MAX_LISTED {
            let start = self.findings.len();
            self.findings.append(scratch);
            return &self.findings[start..];
        }
        scratch
    }

    /// Findings in all.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Whether a MUST or MUST NOT rule failed (`mipscope check` exits 1).
    pub fn failed(&self) -> bool {
        RULES.iter().zip(&self.counts).any(|(r, &n)| n > 0 && r.level.is_absolute())
    }

    /// The findings grouped by exchange (each group in frame order; groups by their first
    /// frame), findings outside any exchange each in a group of their own frame.
    pub fn groups(&self) -> Vec<(Option<Exchange>, Vec<&Finding>)> {
        let mut order: Vec<(u64, Option<Exchange>, usize)> = Vec::new();
        let mut groups: Vec<(Option<Exchange>, Vec<&Finding>)> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for f in &self.findings {
            let key = match f.exchange {
                Some(x) => (x.first, Some(x)),
                None => (f.frames[0], None),
            };
            let i = *index.entry(key).or_insert_with(|| {
                groups.push((key.1, Vec::new()));
                order.push((key.0, key.1, groups.len() - 1));
                groups.len() - 1
            });
            groups[i].1.push(f);
        }
        order.sort();
        let mut taken: Vec<Option<(Option<Exchange>, Vec<&Finding>)>> = groups.into_iter().map(Some).collect();
        order.into_iter().filter_map(|(_, _, i)| taken[i].take()).collect()
    }
}

/// The exchange a frame's first tracked message belongs to, and the frame of the request it
/// answers (if it answers one).
fn exchange_of(frame: u64, note: &Note) -> (Option<Exchange>, Option<u64>) {
    for s in &note.slots {
        if let Some((kind, req, _)) = s.answers {
            return (Some(Exchange { first: req, kind }), Some(req));
        }
        if let Some(kind) = s.request {
            return (Some(Exchange { first: s.retransmit_of.unwrap_or(frame), kind }), None);
        }
    }
    (None, None)
}

/// The catalogue as `--list-rules` prints it: id, level, citation, statement, one rule a line,
/// tab-separated (JSON: one object a line).
pub fn list_rules(json: bool) -> String {
    let mut out = String::new();
    for r in RULES {
        if json {
            let v = serde_json::json!({"rule": r.id(), "level": r.level.name(), "citation": r.citation, "text": r.text});
            out.push_str(&v.to_string());
        } else {
            out.push_str(&format!("{}\t{}\t{}\t{}", r.id(), r.level.name(), r.citation, r.text));
        }
        out.push('\n');
    }
    out
}
