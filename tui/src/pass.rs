//! One pass over the whole capture in frame order, as `mipscope dissect` reads a file:
//! reassembly, request/response tracking and what earlier frames taught (so a frame's
//! dissection here is `-Y`'s), on a background thread, stopping when cancelled. The filter and
//! the report views (statistics, flow) are each a consumer of it. [`Stepper`] is the pass one
//! frame at a time, for a live capture's filter, which takes frames as they are captured; its
//! [`Context`] cloned every few thousand frames is a checkpoint ([`Checkpoints`]) from which the
//! detail pane replays the frames before the one it shows, so that frame's tree is `-V`'s.

use dissect::prefs::Prefs;
/// The pass one frame at a time, its checkpoint and what a filter needs kept are dissect's, the
/// ones `mipscope check` and `flow` step with, so the TUI shows a frame as they judge it.
pub use dissect::stepper::{want, Context, Stepper};
use dissect::tree::{Dissection, Want};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

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
    let r = dissect::capture::stream(input, |meta, frame, described| {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        stepper.describe(meta, described);
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
