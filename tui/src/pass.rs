//! One pass over the whole capture in frame order, as `mipscope dissect` reads a file:
//! reassembly, request/response tracking and what earlier frames taught (so a frame's
//! dissection here is `-Y`'s), on a background thread, stopping when cancelled. The filter and
//! the report views (statistics, flow) are each a consumer of it. [`Stepper`] is the pass one
//! frame at a time, for a live capture's filter, which takes frames as they are captured; its
//! [`Context`] cloned every few thousand frames is a checkpoint ([`Checkpoints`]) from which the
//! detail pane replays the frames before the one it shows, so that frame's tree is `-V`'s.

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

/// What earlier frames taught a pass, as of some frame: the capture state, the tracker, the
/// reassembler. Cloned, it is a checkpoint a pass resumes from ([`Stepper::resume`]).
#[derive(Default, Clone)]
pub struct Context {
    state: CaptureState,
    tracker: Tracker,
    reasm: Reassembler,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Context")
    }
}

/// The pass's state between frames: its [`Context`] and the dissection it reuses.
#[derive(Default)]
pub struct Stepper {
    cx: Context,
    d: Dissection,
    joined: Vec<u8>,
}

impl Stepper {
    /// A pass that goes on from a checkpoint (the frame after the one it was taken at).
    pub fn resume(cx: Context) -> Self {
        Stepper { cx, ..Default::default() }
    }

    /// What the frames stepped so far taught (a checkpoint, cloned).
    pub fn context(&self) -> &Context {
        &self.cx
    }

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
        let mut d = std::mem::take(&mut self.d);
        let out = self.step_into(&mut d, want, prefs, meta, frame, each);
        self.d = d;
        out
    }

    /// [`Stepper::step`] into a dissection of the caller's (the detail pane keeps its own).
    pub fn step_into<T>(
        &mut self,
        d: &mut Dissection,
        want: Want<'_>,
        prefs: &Prefs,
        meta: &FrameMeta,
        frame: &[u8],
        each: impl FnOnce(&Dissection, &[u8]) -> T,
    ) -> T {
        let Stepper { cx: Context { state, tracker, reasm }, joined, .. } = self;
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

/// Frames between two checkpoints the context pass takes.
pub const CHECKPOINT_EVERY: u64 = 1024;

/// Checkpoints kept at most: past this, every other one goes and the spacing doubles, so memory
/// stays bounded (a [`Context`] is itself bounded) and a replay is at most the spacing long.
pub const CHECKPOINTS: usize = 512;

/// The context pass's checkpoints: what the frames up to a frame number taught, at a spacing that
/// doubles as the capture grows past [`CHECKPOINTS`] of them.
#[derive(Clone)]
pub struct Checkpoints {
    /// `(frames stepped, context after them)`, in order; the first is the start (0 frames).
    list: Vec<(u64, std::sync::Arc<Context>)>,
    spacing: u64,
    /// Frames the context pass has stepped (checkpoint or not).
    pub reached: u64,
}

impl Default for Checkpoints {
    fn default() -> Self {
        Checkpoints::new(CHECKPOINT_EVERY)
    }
}

impl Checkpoints {
    /// Checkpoints every `spacing` frames at first ([`CHECKPOINT_EVERY`] in the app; tests
    /// take them closer, to replay from one on small fixtures).
    pub fn new(spacing: u64) -> Self {
        Checkpoints { list: vec![(0, Default::default())], spacing: spacing.max(1), reached: 0 }
    }

    /// Takes the context after `frames` frames (kept when it falls on the spacing).
    pub fn add(&mut self, frames: u64, cx: std::sync::Arc<Context>) {
        self.reached = self.reached.max(frames);
        if frames == 0 || !frames.is_multiple_of(self.spacing) || self.list.last().is_some_and(|l| l.0 >= frames) {
            return;
        }
        self.list.push((frames, cx));
        if self.list.len() > CHECKPOINTS {
            self.spacing = self.spacing.saturating_mul(2);
            let spacing = self.spacing;
            self.list.retain(|(n, _)| n.is_multiple_of(spacing));
        }
    }

    /// The latest checkpoint before frame `n` (1-based): frames stepped and the context.
    pub fn before(&self, n: u64) -> (u64, &std::sync::Arc<Context>) {
        let i = self.list.partition_point(|(f, _)| *f < n).saturating_sub(1);
        let (f, cx) = &self.list[i.min(self.list.len() - 1)];
        (*f, cx)
    }

    /// Checkpoints held and their spacing (for tests of the bound).
    pub fn held(&self) -> (usize, u64) {
        (self.list.len(), self.spacing)
    }
}

/// The context pass: steps every frame (columns only) and hands `each` the frames stepped so far
/// and, every `every` frames, a clone of the context. Returns frames read, or why reading
/// stopped.
pub fn checkpoints<R: Read + Send>(
    input: R,
    every: u64,
    prefs: &Prefs,
    cancel: &AtomicBool,
    mut each: impl FnMut(u64, Option<std::sync::Arc<Context>>) -> bool,
) -> Result<u64, String> {
    let mut stepper = Stepper::default();
    let mut n = 0u64;
    let r = dissect::capture::for_each_packet(input, |meta, frame| {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        stepper.step(Want::Columns, prefs, meta, frame, |_, _| ());
        n += 1;
        let cx = n.is_multiple_of(every.max(1)).then(|| std::sync::Arc::new(stepper.context().clone()));
        each(n, cx)
    });
    r.map_err(|(_, e)| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Past [`CHECKPOINTS`], every other checkpoint goes and the spacing doubles: the count stays
    /// bounded, and the one before a frame is never after it nor further than the spacing.
    #[test]
    fn checkpoints_stay_bounded() {
        let mut c = Checkpoints::new(4);
        let cx = Arc::new(Context::default());
        for n in 1..=40_000u64 {
            c.add(n, Arc::clone(&cx));
            assert!(c.held().0 <= CHECKPOINTS + 1, "{n}: {:?}", c.held());
        }
        let (held, spacing) = c.held();
        // 40,000 frames at 4, 8, 16, … : 512 checkpoints of 4 cover 2,048 frames; five doublings
        // later the spacing is 128 (40,000 / 128 = 312 checkpoints and the start).
        assert_eq!((held, spacing), (313, 128));
        assert_eq!(c.reached, 40_000);
        for n in [1u64, 2, 128, 129, 130, 20_000, 39_999, 40_000] {
            let (at, _) = c.before(n);
            assert!(at < n && n - 1 - at < spacing, "{n}: {at}");
        }
    }
}
