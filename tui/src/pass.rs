//! One pass over the whole capture in frame order, as `mipscope dissect` reads a file:
//! reassembly, request/response tracking and what earlier frames taught (so a frame's
//! dissection here is `-Y`'s), on a background thread, stopping when cancelled. The filter and
//! the report views (statistics, flow) are each a consumer of it.

use dissect::analysis::track::{Note, Tracker};
use dissect::filter::Filter;
use dissect::prefs::Prefs;
use dissect::reasm::{self, Reassembler};
use dissect::tree::{CaptureState, Dissection, Want};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a consumer reading `filter`'s fields (or none) and the columns needs kept.
pub fn want(filter: Option<&Filter>) -> Want<'_> {
    match filter {
        Some(f) if f.needs_tree() => Want::Full,
        Some(f) => Want::Fields(f.rows()),
        None => Want::Columns,
    }
}

/// Dissects every frame of `input` in order and hands it to `each` (the dissection and its
/// octets, a reassembled payload after them), until the end, `each` returns `false` or
/// `cancel` is set. Returns frames read, or why reading stopped.
pub fn run<R: Read + Send>(
    input: R,
    want: Want<'_>,
    prefs: &Prefs,
    cancel: &AtomicBool,
    mut each: impl FnMut(&Dissection, &[u8]) -> bool,
) -> Result<u64, String> {
    let (mut state, mut tracker, mut reasm) = (CaptureState::default(), Tracker::default(), Reassembler::default());
    let mut d = Dissection::default();
    let mut joined = Vec::new();
    let r = dissect::capture::for_each_packet(input, |meta, frame| {
        if cancel.load(Ordering::Relaxed) {
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
        each(&d, data)
    });
    r.map_err(|(_, e)| e.to_string())
}
