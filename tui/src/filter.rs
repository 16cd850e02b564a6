//! Display filtering over the whole capture, off the UI thread: one pass in frame order, as
//! `mipscope dissect -Y` reads a file (reassembly, request/response tracking and what earlier
//! frames taught, so a frame matches here exactly when `-Y` prints it), reporting matches and
//! progress in batches and stopping when cancelled.

use dissect::analysis::track::{Note, Tracker};
use dissect::filter::{Filter, FilterError};
use dissect::prefs::Prefs;
use dissect::reasm::{self, Reassembler};
use dissect::tree::{CaptureState, Dissection, Want};
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
    let want = if filter.needs_tree() { Want::Full } else { Want::Fields(filter.rows()) };
    let (mut state, mut tracker, mut reasm) = (CaptureState::default(), Tracker::default(), Reassembler::default());
    let mut d = Dissection::default();
    let mut joined = Vec::new();
    let mut found = Progress::default();
    let mut go_on = true;
    let r = dissect::capture::for_each_packet(input, |meta, frame| {
        if cancel.load(Ordering::Relaxed) {
            go_on = false;
            return false;
        }
        let mut data = frame;
        let mut note = reasm.feed(meta, frame, prefs);
        if let Some(reasm::Note::Done(done)) = note.as_mut() {
            joined.clear();
            joined.extend_from_slice(frame);
            joined.append(&mut done.payload);
            data = &joined[..];
        }
        let f = data.get(..frame.len()).unwrap_or(frame);
        let t_ns = meta.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(meta.ts.1));
        dissect::dissect_frame_pre(&state, want, &mut d, f, meta, prefs, note.as_ref(), data, |facts| {
            let note: Note = tracker.observe(meta.number, t_ns, facts);
            tracker.take_updates().for_each(drop);
            note
        });
        state.learn(&d);
        if filter.matches(&d, data) {
            found.matches.push(u32::try_from(meta.number).unwrap_or(u32::MAX));
        }
        found.read = meta.number;
        if meta.number % REPORT_EVERY == 0 {
            let next = Progress { read: found.read, matches: Vec::new() };
            go_on = report(std::mem::replace(&mut found, next));
        }
        go_on
    });
    if go_on && !cancel.load(Ordering::Relaxed) {
        report(found);
    }
    r.map_err(|(_, e)| e.to_string())
}
