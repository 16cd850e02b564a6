//! `mipscope check`: a capture (or a live interface) checked against the conformance rule
//! catalogue (`dissect::analysis::rules`); the report (`replay::check`) as text, JSON or JUnit;
//! `-w` copies the capture with each finding as a packet comment on its frame. Exit status 1
//! when a MUST or MUST NOT rule fails.

use crate::{capture, compile_filter, io_fail, parse_prefs, Fail};
use clap::{Args, ValueEnum};
use dissect::stepper::Stepper;
use replay::check::{Finding, Report};
use std::io::{self, Write};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings grouped by exchange, with each rule's statement and citation.
    Text,
    /// One JSON object a line per finding (rule, level, frames, citation, message, text).
    Json,
    /// JUnit XML: a test case per rule.
    Junit,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Capture file to read ("-" for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: Option<String>,
    /// Check a live capture on this interface (until Ctrl-C or -a).
    #[arg(short = 'i', value_name = "IFACE")]
    interface: Option<String>,
    /// Capture filter (libpcap's BPF language), with -i.
    #[arg(short = 'f', value_name = "BPF", allow_hyphen_values = true)]
    capture_filter: Option<String>,
    /// Stop a live capture: duration:SECONDS.
    #[arg(short = 'a', value_name = "COND")]
    autostop: Vec<String>,
    /// Kernel capture buffer for -i, in MiB (tshark's -B).
    #[arg(short = 'B', value_name = "MiB", default_value_t = dissect::live::BUFFER_MIB, value_parser = clap::value_parser!(u32).range(1..=4096))]
    buffer: u32,
    /// Display filter: check only the packets it matches.
    #[arg(short = 'Y', value_name = "FILTER", allow_hyphen_values = true)]
    filter: Option<String>,
    /// Copy the capture to this pcapng file with each finding as a comment on its frame.
    #[arg(short = 'w', value_name = "FILE")]
    write: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// Print the rule catalogue (id, level, citation, statement) and exit.
    #[arg(long)]
    list_rules: bool,
    /// Set a preference, key=value (see `mipscope codepoints`).
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
    /// Code-point profile: rfc (default), draft, or a profile file of `key = value` lines.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
}

pub fn run(a: CheckArgs) -> Result<(), Fail> {
    if a.list_rules {
        let text = replay::check::list_rules(a.format == CheckFormat::Json);
        return io::stdout().lock().write_all(text.as_bytes()).map_err(io_fail);
    }
    if a.write.as_deref() == Some("-") {
        return Err(Fail("check -w needs a file: standard output carries the report".into(), 1));
    }
    let prefs = parse_prefs(a.profile.as_deref(), &a.prefs)?;
    let filter = a.filter.as_deref().map(compile_filter).transpose()?;
    let duration = capture::parse_autostop(&a.autostop)?;
    let input = capture::open_source(a.read.as_deref(), a.interface.as_deref(), a.capture_filter.as_deref(), duration, a.buffer)?;
    let mut writer = a.write.as_deref().map(capture::open_writer).transpose()?;
    capture::capturing(&input);
    let live = input.is_live();
    let source = a.read.clone().or_else(|| a.interface.clone()).unwrap_or_default();
    // Only what the filter needs: the rules' expert items are kept whatever is wanted.
    let want = dissect::stepper::want(filter.as_ref());
    let mut stepper = Stepper::default();
    let json = a.format == CheckFormat::Json;
    let mut report = if json { Report::streaming() } else { Report::new() };
    let mut scratch: Vec<Finding> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut io_err = None;
    let mut stdout = io::stdout().lock();
    let result = input.for_each(|meta, frame, described| {
        let interfaces = described.interfaces;
        stepper.describe(meta, described);
        stepper.step(want, &prefs, meta, frame, |d, data| {
            // The packet's own comments first, then a comment per finding.
            comments.clear();
            comments.extend_from_slice(described.comments);
            if filter.as_ref().is_none_or(|flt| flt.matches(d, data)) {
                let found = report.add(d, &mut scratch);
                if json && !found.is_empty() {
                    let mut lines = String::new();
                    for x in found {
                        lines.push_str(&x.json().to_string());
                        lines.push('\n');
                    }
                    if let Err(e) = stdout.write_all(lines.as_bytes()) {
                        io_err = Some(e);
                        return false;
                    }
                }
                if writer.is_some() {
                    comments.extend(found.iter().map(Finding::comment));
                }
            }
            if let Some(w) = writer.as_mut() {
                if let Err(e) =
                    w.write_described(meta, frame, interfaces, &comments).and_then(|()| if live { w.flush() } else { Ok(()) })
                {
                    io_err = Some(e);
                    return false;
                }
            }
            true
        })
    });
    if live {
        capture::captured(*result.as_ref().unwrap_or_else(|(n, _)| n));
    }
    if let Some(w) = writer.take() {
        w.into_inner().map_err(io_fail)?;
    }
    if let Some(e) = io_err {
        return Err(io_fail(e));
    }
    let out = match a.format {
        CheckFormat::Text => replay::check::text(&report, &source),
        CheckFormat::Junit => replay::check::junit(&report, &source),
        CheckFormat::Json => String::new(),
    };
    stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()).map_err(io_fail)?;
    if let Err((_, e)) = result {
        return Err(Fail(format!("{source}: {e}"), 2));
    }
    if report.failed() {
        return Err(Fail(String::new(), 1));
    }
    Ok(())
}
