//! JUnit XML (the format CI systems read): one test case per rule of the catalogue, failed
//! when the capture breaks it, with one line per finding.

use super::Report;
use dissect::analysis::rules::RULES;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 has no form for most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('?'),
            c => o.push(c),
        }
    }
    o
}

/// The report as JUnit XML. `source` names the capture (the suite's name).
pub fn junit(r: &Report, source: &str) -> String {
    let failures = r.counts.iter().filter(|&&n| n > 0).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"mipscope check\" tests=\"{}\" failures=\"{failures}\">\n  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\">\n",
        RULES.len(),
        esc(source),
        RULES.len()
    ));
    for (i, rule) in RULES.iter().enumerate() {
        out.push_str(&format!("    <testcase classname=\"{}\" name=\"{}\"", esc(rule.citation), esc(rule.id())));
        let n = r.counts[i];
        if n == 0 {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let mut body = String::new();
        for f in r.findings.iter().filter(|f| std::ptr::eq(f.rule, *rule)) {
            let frames: Vec<String> = f.frames.iter().map(u64::to_string).collect();
            body.push_str(&format!("frame {}: {}\n", frames.join(", "), f.message));
        }
        out.push_str(&format!(
            "      <failure type=\"{}\" message=\"{} finding{}: {}\">{}</failure>\n    </testcase>\n",
            rule.level.name(),
            n,
            if n == 1 { "" } else { "s" },
            esc(rule.text),
            esc(&body)
        ));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
