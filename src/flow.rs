//! `mipscope flow`: a ladder diagram of a capture's signalling (`replay::flow`), as text or
//! SVG. The capture is read as `dissect` reads it: reassembly and request/response tracking in
//! frame order, the analysis pass's findings, `-Y` on each frame.

use crate::{compile_filter, io_fail, parse_prefs, Fail};
use clap::{Args, ValueEnum};
use dissect::stepper::Stepper;
use replay::flow::{self, Builder};
use std::io::Write;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowFormat {
    Text,
    Svg,
}

#[derive(Args)]
pub struct FlowArgs {
    /// Capture file to read ("-" for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: String,
    /// Display filter: draw only the packets it matches.
    #[arg(short = 'Y', value_name = "FILTER", allow_hyphen_values = true)]
    filter: Option<String>,
    /// Stop after N packets (N matched packets with -Y).
    #[arg(short = 'c', value_name = "N")]
    count: Option<u64>,
    /// Output format: text (box drawing) or svg (a standalone file for a browser or a report).
    #[arg(long, value_enum, default_value = "text")]
    format: FlowFormat,
    /// Text in plain ASCII instead of Unicode box drawing.
    #[arg(long)]
    ascii: bool,
    /// Draw packets that carry no signalling message too.
    #[arg(long)]
    all: bool,
    /// Set a preference, key=value (see `mipscope codepoints`).
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
    /// Code-point profile: rfc (default), draft, or a profile file of `key = value` lines.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
}

pub fn run(a: FlowArgs) -> Result<(), Fail> {
    if a.ascii && a.format == FlowFormat::Svg {
        return Err(Fail("--ascii applies to --format text only".into(), 1));
    }
    let prefs = parse_prefs(a.profile.as_deref(), &a.prefs)?;
    let filter = a.filter.as_deref().map(compile_filter).transpose()?;
    let input = crate::capture::open_source(Some(&a.read), None, None, None, dissect::live::BUFFER_MIB)?;
    let want = dissect::stepper::want(filter.as_ref());
    let limit = a.count.unwrap_or(u64::MAX);
    let mut builder = Builder::new(a.all);
    let mut stepper = Stepper::default();
    let mut n = 0u64;
    let result = input.for_each(|meta, frame, _| {
        if n >= limit {
            return false;
        }
        stepper.step(want, &prefs, meta, frame, |d, data| {
            if filter.as_ref().is_some_and(|flt| !flt.matches(d, data)) {
                return true;
            }
            n += 1;
            builder.add(d);
            n < limit
        })
    });
    let diagram = builder.finish();
    let mut w = crate::run::raw_stdout();
    match a.format {
        FlowFormat::Text => flow::text::write(&diagram, a.ascii, &mut w),
        FlowFormat::Svg => flow::svg::write(&diagram, &mut w),
    }
    .and_then(|()| w.flush())
    .map_err(io_fail)?;
    match result {
        Ok(_) => Ok(()),
        Err((_, e)) => Err(Fail(format!("{}: {e}", a.read), 2)),
    }
}
