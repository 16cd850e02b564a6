//! One pass over the whole capture in frame order, as `mipscope dissect` reads a file:
//! reassembly, request/response tracking and what earlier frames taught (so a frame's
//! dissection here is `-Y`'s), on a background thread, stopping when cancelled. The filter and
//! the report views (statistics, flow) are each a consumer of it. [`Stepper`] is the pass one
//! frame at a time, for a live capture's filter, which takes frames as they are captured.

use dissect::analysis::track::{Note, TrackFact, Tracker};
use dissect::filter::Filter;
use dissect::frame::FrameMeta;
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

/// The pass's state between frames: what earlier frames taught, the tracker, the reassembler.
#[derive(Default)]
pub struct Stepper {
    state: CaptureState,
    tracker: Tracker,
    reasm: Reassembler,
    d: Dissection,
    joined: Vec<u8>,
}

impl Stepper {
    /// Dissects the next frame (frames must come in order) and hands it to `each` with its
    /// octets (a reassembled payload after them); returns what `each` returns.
    pub fn step<T>(
        &mut self,
        want: Want<'_>,
        prefs: &Prefs,
        meta: &FrameMeta,
        frame: &[u8],
        each: impl FnOnce(&Dissection, &[u8]) -> T,
    ) -> T {
        let Stepper { state, tracker, reasm, d, joined } = self;
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
        dissect::dissect_frame_pre(state, want, d, f, meta, prefs, note.as_ref(), data, |facts: &[TrackFact]| {
            let note: Note = tracker.observe(meta.number, t_ns, facts);
            tracker.take_updates().for_each(drop);
            note
        });
        state.learn(d);
        each(d, data)
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
    let mut stepper = Stepper::default();
    let r = dissect::capture::for_each_packet(input, |meta, frame| {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        stepper.step(want, prefs, meta, frame, &mut each)
    });
    r.map_err(|(_, e)| e.to_string())
}
