//! One frame in frame order, with what earlier frames taught, for a pass that takes frames one
//! at a time on one thread (`mipscope check` and `flow`, the TUI's context pass, its detail pane
//! and a live capture's filter): reassembly (a completed datagram's payload after the frame's
//! octets), the frame dissected with the capture state and the tracker's note for its
//! requests and responses (`dissect_frame_pre`), then its lessons learned. What later frames
//! teach earlier ones (`response_in`) is not shown: that needs `pipeline`'s `-2`. The
//! [`Context`] between frames, cloned, is a checkpoint a pass resumes from, so a frame replayed
//! from one is dissected as the whole pass dissects it.

use crate::analysis::track::Tracker;
use crate::filter::Filter;
use crate::frame::FrameMeta;
use crate::prefs::Prefs;
use crate::reasm::{self, Reassembler};
use crate::tree::{CaptureState, Dissection, Want};

/// What a pass handing each frame to `filter` (or to none) needs kept besides the columns and
/// the rules' expert items: the whole tree when the filter reads it, else only its fields.
pub fn want(filter: Option<&Filter>) -> Want<'_> {
    match filter {
        Some(f) if f.needs_tree() => Want::Full,
        Some(f) => Want::Fields(f.rows()),
        None => Want::Columns,
    }
}

/// What earlier frames taught a pass, as of some frame: the capture state, the tracker, the
/// reassembler. Cloned, it is a checkpoint a pass resumes from ([`Stepper::resume`]); each part is
/// bounded, so a checkpoint is too.
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

/// The pass's state between frames: its [`Context`], the dissection it reuses (so a pass
/// allocates nothing per frame once warm) and the buffer a reassembled frame is joined in.
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

    /// Gives the next frame's dissection what the capture says of it besides its octets (its
    /// interface and comments), as [`crate::capture::stream`] gives them: a filter on
    /// `frame.interface_name` or `frame.comment` then matches as `mipscope dissect -Y`'s.
    pub fn describe(&mut self, meta: &FrameMeta, described: &crate::capture::Described<'_>) {
        self.d.set_interface(described.interface(meta));
        self.d.set_comments(described.comments);
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
        let Stepper { cx, d, joined } = self;
        one(cx, joined, d, want, prefs, meta, frame, each)
    }

    /// [`Stepper::step`] into a dissection of the caller's (the TUI's detail pane keeps its own).
    pub fn step_into<T>(
        &mut self,
        d: &mut Dissection,
        want: Want<'_>,
        prefs: &Prefs,
        meta: &FrameMeta,
        frame: &[u8],
        each: impl FnOnce(&Dissection, &[u8]) -> T,
    ) -> T {
        let Stepper { cx, joined, .. } = self;
        one(cx, joined, d, want, prefs, meta, frame, each)
    }
}

/// The step itself, over the stepper's parts (so `step` borrows its own dissection in place
/// rather than moving it out and back every frame).
#[allow(clippy::too_many_arguments)]
fn one<T>(
    cx: &mut Context,
    joined: &mut Vec<u8>,
    d: &mut Dissection,
    want: Want<'_>,
    prefs: &Prefs,
    meta: &FrameMeta,
    frame: &[u8],
    each: impl FnOnce(&Dissection, &[u8]) -> T,
) -> T {
    let Context { state, tracker, reasm } = cx;
    let mut data = frame;
    let mut note = reasm.feed(meta, frame, prefs);
    if let Some(reasm::Note::Done(done)) = note.as_mut() {
        joined.clear();
        joined.extend_from_slice(frame);
        joined.append(&mut done.payload);
        data = &joined[..];
    }
    // The frame's own octets, inside `data` (what `dissect_frame_pre` needs to find its payload).
    let f = data.get(..frame.len()).unwrap_or(frame);
    let live = crate::analysis::track::Live { tracker, frame: meta.number, t_ns: crate::pipeline::t_ns(meta) };
    crate::dissect_frame_pre(state, want, d, f, meta, prefs, note.as_ref(), data, live);
    state.learn(d);
    each(d, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(name: &str) -> Vec<(FrameMeta, Vec<u8>)> {
        let path = format!("{}/../captures/crafted/{name}", env!("CARGO_MANIFEST_DIR"));
        let mut v = Vec::new();
        crate::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, d| {
            v.push((*m, d.to_vec()));
            true
        })
        .unwrap();
        v
    }

    /// Each frame's `-V` tree, stepping `frames` from `cx`.
    fn trees(cx: Context, frames: &[(FrameMeta, Vec<u8>)]) -> Vec<String> {
        let mut s = Stepper::resume(cx);
        let prefs = Prefs::default();
        frames
            .iter()
            .map(|(m, f)| {
                s.step(Want::Full, &prefs, m, f, |d, data| {
                    let mut out = String::new();
                    crate::output::write_tree(&mut out, d, data);
                    out
                })
            })
            .collect()
    }

    /// The fixture's script says which frames complete a datagram (2: a BU, 4: its BA out of
    /// order, 6: a Mobile IPv4 RRQ, 9: with a duplicate, 11: with a conflicting overlap, the
    /// octets placed first kept as its first-come-first-kept table does, 14: with a consistent
    /// overlap; 15's lone fragment completes none): those get the payload after their octets
    /// and show it, and the reassembled BA answers the reassembled BU.
    #[test]
    fn a_completed_datagram_follows_its_frame_and_is_tracked() {
        let frames = frames("reassembly.pcapng");
        assert_eq!(frames.len(), 15);
        let mut s = Stepper::default();
        let prefs = Prefs::default();
        let mut joined = Vec::new();
        for (m, f) in &frames {
            let (longer, starts, tab, answers) = s.step(Want::Columns, &prefs, m, f, |d, data| {
                (data.len() > f.len(), data.starts_with(f), d.extra_tab.is_some(), d.note.slots[0].answers)
            });
            assert!(starts, "frame {}", m.number);
            assert_eq!(longer, tab, "frame {}", m.number);
            if longer {
                joined.push(m.number);
            }
            if m.number == 4 {
                assert_eq!(answers.map(|a| a.1), Some(2));
            }
        }
        assert_eq!(joined, [2, 4, 6, 9, 11, 14]);
    }

    /// A pass resumed from the context after any frame dissects the frames after it as the
    /// whole pass does (what the TUI's detail pane relies on).
    #[test]
    fn a_checkpoint_resumes_the_pass() {
        let frames = frames("reassembly.pcapng");
        let whole = trees(Context::default(), &frames);
        let mut s = Stepper::default();
        let prefs = Prefs::default();
        for k in 0..frames.len() {
            assert_eq!(trees(s.context().clone(), &frames[k..]), whole[k..], "resumed after {k} frames");
            let (m, f) = &frames[k];
            s.step(Want::Columns, &prefs, m, f, |_, _| ());
        }
        // Not vacuous: without what frame 1 taught, frame 2 is not reassembled.
        assert_ne!(trees(Context::default(), &frames[1..2])[0], whole[1]);
    }
}
