//! Display filtering over the whole capture, off the UI thread: a [`crate::pass`] (so a frame
//! matches here exactly when `-Y` prints it), reporting matches and progress in batches. A
//! field reference (`${field}`) reads the packet selected when the filter was applied, as in
//! Wireshark ([`Selected`]).

use dissect::filter::{Filter, FilterError};
use dissect::frame::FrameMeta;
use dissect::pipeline::{Consumer, Pipeline};
use dissect::prefs::Prefs;
use dissect::tree::{Dissection, Want};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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

/// The packet selected when a filter with field references was applied: its number, its tree
/// (as the detail pane shows it) and its octets (a reassembled payload after them).
pub struct Selected {
    pub number: u64,
    pub d: Dissection,
    pub data: Vec<u8>,
}

impl PartialEq for Selected {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number && self.data == other.data
    }
}

impl Eq for Selected {}

impl std::fmt::Debug for Selected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Selected(frame {})", self.number)
    }
}

/// Compiles a filter as the filter bar takes it: the library's compiler, and each field
/// reference (`${…}`) read from the selected packet (`selected`: its number, tree, octets), an
/// error where it is written when no packet is selected or the field is not in it.
pub fn compile(text: &str, selected: Option<(u64, &Dissection, &[u8])>) -> Result<Filter, FilterError> {
    let f = Filter::compile(text)?;
    let Some(first) = f.first_ref() else { return Ok(f) };
    let Some((n, d, data)) = selected else {
        return Err(FilterError::span(first, "a field reference (${…}) reads the selected packet, and none is selected".into()));
    };
    if let Some(span) = f.absent_ref((d, data)) {
        let name = text.get(span.start..span.end).unwrap_or("the field");
        return Err(FilterError::span(span, format!("{name}: the field is not in the selected packet (frame {n})")));
    }
    Ok(f)
}

/// A compiled filter and the selected packet its references read.
pub struct Compiled {
    pub filter: Filter,
    pub selected: Option<Arc<Selected>>,
}

impl Compiled {
    /// Compiles `text` ([`compile`]) against `selected`.
    pub fn new(text: &str, selected: Option<Arc<Selected>>) -> Result<Compiled, FilterError> {
        let filter = compile(text, selected.as_deref().map(|s| (s.number, &s.d, &s.data[..])))?;
        Ok(Compiled { filter, selected })
    }

    /// Whether the frame `d` (its octets `data`) passes.
    pub fn matches(&self, d: &Dissection, data: &[u8]) -> bool {
        self.filter.matches_with(d, data, self.selected.as_deref().map(|s| (&s.d, &s.data[..])))
    }

    /// What a pass must keep of each frame for it.
    pub fn want(&self) -> Want<'_> {
        crate::pass::want(Some(&self.filter))
    }
}

/// Runs `filter` over `input`, handing `report` progress every few thousand frames and at the
/// end. Returns frames read, or why reading stopped (what was found before is reported).
/// `report` returning `false`, or `cancel` set, stops the pass. On two cores it is `mipscope
/// dissect -Y`'s pass ([`dissect::pipeline`]: batches dissected on two threads, matches handed
/// on in frame order); only the matching frame numbers of a batch are kept until its turn.
pub fn run<R: Read + Send>(
    input: R,
    filter: &Compiled,
    prefs: &Prefs,
    cancel: &AtomicBool,
    report: impl FnMut(Progress) -> bool + Send,
) -> Result<u64, String> {
    run_threads(dissect::pipeline::threads(), input, filter, prefs, cancel, report)
}

/// [`run`] on `threads` threads (1 or 2), whatever `MIPSCOPE_THREADS` says (tests compare them).
pub fn run_threads<R: Read + Send>(
    threads: usize,
    input: R,
    filter: &Compiled,
    prefs: &Prefs,
    cancel: &AtomicBool,
    report: impl FnMut(Progress) -> bool + Send,
) -> Result<u64, String> {
    if threads < 2 {
        run_one(input, filter, prefs, cancel, report)
    } else {
        run_two(input, filter, prefs, cancel, report)
    }
}

/// The pass on this thread alone ([`crate::pass::run`]).
fn run_one<R: Read + Send>(
    input: R,
    filter: &Compiled,
    prefs: &Prefs,
    cancel: &AtomicBool,
    mut report: impl FnMut(Progress) -> bool,
) -> Result<u64, String> {
    let mut found = Progress::default();
    let mut go_on = true;
    let r = crate::pass::run(input, filter.want(), prefs, cancel, |d, data| {
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

/// What the pipeline's threads do with a frame: keep its number if it matches.
struct Matching<'f>(&'f Compiled);

impl Consumer for Matching<'_> {
    type Out = Vec<u32>;

    fn clear(&self, out: &mut Vec<u32>) {
        out.clear();
    }

    fn frame(&self, _: usize, _: &FrameMeta, d: &Dissection, data: &[u8], out: &mut Vec<u32>) {
        if self.0.matches(d, data) {
            out.push(u32::try_from(d.frame_number).unwrap_or(u32::MAX));
        }
    }
}

/// The pass on two threads ([`dissect::pipeline`]); a batch's matches are reported in frame
/// order, every [`REPORT_EVERY`] frames or so.
fn run_two<R: Read + Send>(
    input: R,
    filter: &Compiled,
    prefs: &Prefs,
    cancel: &AtomicBool,
    mut report: impl FnMut(Progress) -> bool + Send,
) -> Result<u64, String> {
    let mut p = Pipeline::new(prefs, filter.want());
    // Only the filter's rows are read: keys matter only if it names what the analysis adds.
    p.keyed = dissect::analysis::shows_analysis(filter.want());
    let mut found = Progress::default();
    let mut go_on = true;
    let (found_ref, go_on_ref) = (&mut found, &mut go_on);
    let ended = p.run(
        |each| dissect::capture::stream(input, |meta, frame, described| each(meta, frame, described)),
        &Matching(filter),
        cancel,
        |batch, matches: &mut Vec<u32>| {
            let before = found_ref.read;
            found_ref.matches.append(matches);
            found_ref.read = batch.frames().last().map_or(before, |f| f.meta.number);
            if found_ref.read / REPORT_EVERY != before / REPORT_EVERY {
                let next = Progress { read: found_ref.read, matches: Vec::new() };
                *go_on_ref = report(std::mem::replace(found_ref, next));
                if !*go_on_ref {
                    return Err(std::io::Error::other("the filter's reader has gone"));
                }
            }
            Ok(())
        },
    );
    if go_on && !cancel.load(Ordering::Relaxed) {
        report(found);
    }
    match ended.err {
        Some(e) if go_on => Err(e.to_string()),
        _ => ended.read_result.map_err(|(_, e)| e.to_string()),
    }
}
