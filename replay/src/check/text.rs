//! The text report: findings grouped by exchange, each with its rule's statement and citation.

use super::{Report, MAX_LISTED};
use dissect::analysis::rules::RULES;

/// The report as text. `source` names the capture.
pub fn text(r: &Report, source: &str) -> String {
    let mut out = String::new();
    for (x, fs) in r.groups() {
        match x {
            Some(x) => out.push_str(&format!("Exchange {} from frame {}:\n", x.kind.name(), x.first)),
            None => out.push_str(&format!("Frame {}:\n", fs[0].frames[0])),
        }
        for f in fs {
            let frames: Vec<String> = f.frames.iter().map(u64::to_string).collect();
            let s = if f.frames.len() > 1 { "s" } else { "" };
            out.push_str(&format!(
                "  frame{s} {}: {} {} ({})\n",
                frames.join(", "),
                f.rule.level.name(),
                f.rule.id(),
                f.rule.citation
            ));
            out.push_str(&format!("    found: {}\n", f.message));
            out.push_str(&format!("    rule:  {}\n", f.rule.text));
        }
    }
    let total = r.total();
    if total as usize > r.findings.len() {
        out.push_str(&format!(
            "({} findings not listed: the report lists the first {MAX_LISTED})\n",
            total as usize - r.findings.len()
        ));
    }
    let broken: Vec<String> =
        RULES.iter().zip(&r.counts).filter(|(_, &n)| n > 0).map(|(rule, n)| format!("{} x{n}", rule.id())).collect();
    let absolute: u64 = RULES.iter().zip(&r.counts).filter(|(rule, _)| rule.level.is_absolute()).map(|(_, n)| n).sum();
    out.push_str(&format!(
        "{source}: {} frame{} checked against {} rules: {total} finding{} ({absolute} MUST-level){}{}\n",
        r.frames,
        if r.frames == 1 { "" } else { "s" },
        RULES.len(),
        if total == 1 { "" } else { "s" },
        if broken.is_empty() { "" } else { ": " },
        broken.join(", ")
    ));
    out
}
