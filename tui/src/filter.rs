//! Display filtering over the whole capture, off the UI thread: a [`crate::pass`] (so a frame
//! matches here exactly when `-Y` prints it), reporting matches and progress in batches.

use dissect::filter::{Filter, FilterError};
use dissect::prefs::Prefs;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

/// Frames read between two progress reports.
const REPORT_EVERY: u64 = 8_192;

/// What a filter pass has found since its last report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Frames read so far.
    pub read: u64,
    /// Frame numbers (1-based) that matched since the last report, in order.
    pub matches: Vec<u32>,
}

/// Compiles a filter as the filter bar takes it: the library's compiler, and a field reference
/// (`${…}`) refused as on the command line (a first landing: no selected packet is offered).
pub fn compile(text: &str) -> Result<Filter, FilterError> {
    let f = Filter::compile(text)?;
    if let Some(span) = f.first_ref() {
        return Err(FilterError::span(span, "a field reference (${…}) is not supported in the filter bar yet".into()));
    }
    Ok(f)
}

/// Runs `filter` over `input`, handing `report` progress every few thousand frames and at the
/// end. Returns frames read, or why reading stopped (what was found before is reported).
/// `report` returning `false`, or `cancel` set, stops the pass.
pub fn run<R: Read + Send>(
    input: R,
    filter: &Filter,
    prefs: &Prefs,
    cancel: &AtomicBool,
    mut report: impl FnMut(Progress) -> bool,
) -> Result<u64, String> {
    let mut found = Progress::default();
    let mut go_on = true;
    let r = crate::pass::run(input, crate::pass::want(Some(filter)), prefs, cancel, |d, data| {
        if filter.matches(d, data) {
            found.matches.push(u32::try_from(d.frame_number).unwrap_or(u32::MAX));
        }
        found.read = d.frame_number;
        if d.frame_number % REPORT_EVERY == 0 {
            let next = Progress { read: found.read, matches: Vec::new() };
            go_on = report(std::mem::replace(&mut found, next));
        }
        go_on
    });
    if go_on && !cancel.load(Ordering::Relaxed) {
        report(found);
    }
    r
}
