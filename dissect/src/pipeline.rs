//! The whole-capture pass on two threads, shared by `mipscope dissect` (render, `-Y`, `-z`) and
//! the terminal UI's filter: frames are read into batches on the calling thread, with the
//! pre-pass every frame needs in frame order (reassembly; with `-2`, request/response tracking's
//! look at the frame's messages); a worker thread and the reading thread dissect whole batches, and a
//! finished batch is handed to the caller's `write` in frame order, by whichever thread finishes
//! the batch that unblocks it, so neither waits for the other. Batches are reused, so memory is
//! bounded by [`BATCHES_LIST`] batches whatever the capture's size. (Two threads, not a reader and two
//! workers: on two cores a third thread only takes turns with the others.)
//!
//! A frame's dissection may depend on what earlier frames taught ([`CaptureState`]), so a batch
//! is dissected with the state as of the last batch written, and again before it is written if a
//! batch in between taught something it read: roles (mobile routers, rarely taught) count whole;
//! keys (tokens, Kbm, open exchanges), which return routability teaches and reads every few
//! frames, count by look-up. A batch dissected before its turn keeps what each of its look-ups
//! of keys found, and when its turn comes it stands if each would have found the same in the
//! state a single pass has ([`CaptureState::agrees`]). So that an exchange the boundary between
//! two batches cuts (its tests at the end of one, its BU at the start of the next) finds its
//! tokens, such a batch first learns the keys the last [`LEAD`] frames of the batch before teach.
//! Nearly every batch is dissected once, and every batch exactly as a single pass would.
//!
//! Request/response tracking (one pass) is the same kind of guess: a batch is tracked as it is
//! dissected, from the tracker as the batches written left it ([`Tracker::copy_waiting_from`])
//! and, ahead of its turn, after the requests of the [`LEAD`] frames before it; when its turn
//! comes, the tracker takes its frames' tracked messages in frame order and each note must be
//! the one the frame was given, or the batch is dissected again with the right ones.
//!
//! What a pass does with a frame is its [`Consumer`]: a batch's output (text, matching frame
//! numbers, counts) is the consumer's, kept until its turn.

use crate::analysis::track::{Live, Note, Noted, Observe, TrackFact, Tracker, Update};
use crate::capture::{Described, Interface, Interfaces};
use crate::frame::FrameMeta;
use crate::prefs::Prefs;
use crate::reasm::{self, Reassembler};
use crate::tree::{CaptureState, Dissection, KeyRead, KeyTable, Lesson, Want};
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

/// Frames per batch. A batch is a few hundred microseconds of work, so handing one over
/// (microseconds) is a small part of it, and its text (kept until its turn to be written) stays
/// under a few MiB. Measured on the benchmark capture with two threads: -V and JSON gained up
/// to 256 frames a batch, the packet list was flat from 256 to 2048.
pub const BATCH_TREE: usize = 256;
pub const BATCH_LIST: usize = 1024;
/// Batches in use at once: one being read, two queued for the worker and one it is processing,
/// one being processed here, and finished ones waiting for their turn to be written. A tree's
/// batches hold much more text (JSON: ~2 MiB each), so fewer of them: memory stays under the
/// bounds `scripts/bench.sh` checks.
pub const BATCHES_LIST: usize = 10;
pub const BATCHES_TREE: usize = 6;

/// Threads a whole-capture pass uses: `MIPSCOPE_THREADS` (1 or 2), else the cores (at most 2).
pub fn threads() -> usize {
    std::env::var("MIPSCOPE_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 2)
}

/// What a pass does with each frame, on whichever thread dissects the frame's batch.
pub trait Consumer: Sync {
    /// What a batch gives, kept until its turn to be written.
    type Out: Default + Send;
    /// Forgets what a batch gave (it is reused, or dissected again).
    fn clear(&self, out: &mut Self::Out);
    /// Frame `k` of its batch, dissected (with [`Pipeline::facts_only`], its parsers' facts
    /// alone), with its octets (a reassembled payload after them).
    fn frame(&self, k: usize, meta: &FrameMeta, d: &Dissection, data: &[u8], out: &mut Self::Out);
}

/// A frame of a batch: its metadata and where its octets are in the batch's buffer (followed by
/// `extra` octets of reassembled payload).
#[derive(Debug, Clone, Copy)]
pub struct Framed {
    pub meta: FrameMeta,
    start: usize,
    len: usize,
    extra: usize,
    /// Its interface in the batch's `ifaces` ([`NO_IFACE`]: none named).
    iface: u32,
    /// Its comments: a range of the batch's `comments`.
    comments: (u32, u32),
    /// Its section's interfaces in the batch's `lists` ([`NO_IFACE`]: not kept, the pass
    /// writes no capture).
    list: u32,
}

const NO_IFACE: u32 = u32::MAX;

/// A batch as its turn to be written comes: its frames, and for a pass that writes a capture
/// ([`Pipeline::writes`]) what a capture writer needs of each.
pub struct Written<'b> {
    frames: &'b [Framed],
    latest_ns: i64,
    data: &'b [u8],
    lists: &'b [Interfaces],
    comments: &'b [String],
}

/// One frame as read, for a capture writer: its metadata, its octets (no reassembled payload),
/// its section's interfaces and its comments.
pub struct Packet<'b> {
    pub meta: &'b FrameMeta,
    pub data: &'b [u8],
    pub interfaces: &'b Interfaces,
    pub comments: &'b [String],
}

impl<'b> Written<'b> {
    pub fn frames(&self) -> &'b [Framed] {
        self.frames
    }

    /// The latest of the frames' times ([`t_ns`]), for [`track_in_order`].
    pub fn latest_ns(&self) -> i64 {
        self.latest_ns
    }

    /// Frame `k` of the batch; `None` past its end or when the pass keeps no interfaces (it
    /// does not write a capture).
    pub fn packet(&self, k: usize) -> Option<Packet<'b>> {
        let f = self.frames.get(k)?;
        Some(Packet {
            meta: &f.meta,
            data: self.data.get(f.start..f.start + f.len)?,
            interfaces: self.lists.get(f.list as usize)?,
            comments: self.comments.get(f.comments.0 as usize..f.comments.1 as usize).unwrap_or(&[]),
        })
    }
}

/// One pass's settings and what it carries from frame to frame (given back after [`Pipeline::run`]).
pub struct Pipeline<'p> {
    pub prefs: &'p Prefs,
    pub want: Want<'p>,
    /// The parsers alone ([`crate::track_facts`]: no tree, no analysis pass, nothing learned):
    /// statistics alone, which track in frame order as batches are written.
    pub facts_only: bool,
    /// Whether the output can show tracking (see [`crate::analysis::track::shows`]): when not,
    /// nothing is tracked.
    pub tracking: bool,
    /// -2: a request learns its response (or that none came) before it is shown, so full batches
    /// wait while a request of theirs is pending (answered, or forgotten by the tracker's bounds).
    pub two_pass: bool,
    /// Whether the output can show what the analysis pass concludes from keys (tokens, Kbm,
    /// open exchanges): then a batch dissected before keys one of its frames read were taught
    /// is dissected again. When not ([`crate::analysis::shows_analysis`] false for `want`, and
    /// the consumer shows nothing else of it), keys change nothing a batch gives, and only what
    /// roles a batch read decides; the keys the pass ends with are then those its frames
    /// learned as dissected, not exactly a single pass's.
    pub keyed: bool,
    /// Whether a filter decides which frames are shown: then a frame's tree cannot know the
    /// frame shown before it ([`Dissection::shown_unknown`]).
    pub filtered: bool,
    /// Frames read at most.
    pub limit: u64,
    /// Whether the caller writes frames into a capture (`-w`): then each batch keeps its
    /// frames' interfaces ([`Written::packet`]).
    pub writes: bool,
    /// What the frames written so far taught.
    pub state: CaptureState,
    /// Request/response tracking, in frame order on the reading thread.
    pub tracker: Tracker,
    /// IP reassembly, decided in frame order as frames are read.
    pub reasm: Reassembler,
}

/// How a pass ended: what the reader returned, the frames read, and why writing stopped.
pub struct Ended<R> {
    pub read_result: R,
    pub read: u64,
    pub err: Option<io::Error>,
    /// Batches dissected a second time because an earlier batch taught what they read.
    pub redone: u64,
}

impl<'p> Pipeline<'p> {
    /// A pass with nothing learned yet, tracking when `want` can show it.
    pub fn new(prefs: &'p Prefs, want: Want<'p>) -> Self {
        Pipeline {
            prefs,
            want,
            facts_only: false,
            tracking: crate::analysis::track::shows(want),
            two_pass: false,
            keyed: true,
            filtered: false,
            limit: u64::MAX,
            writes: false,
            state: CaptureState::default(),
            tracker: crate::analysis::track::tracker_for(want),
            reasm: Reassembler::default(),
        }
    }

    /// Runs the pass: `read` hands every frame of the capture to the function it is given, in
    /// order, until that returns `false`; `consumer` takes each frame dissected; `write` takes
    /// each batch's output in frame order, with its frames (an error stops the pass and is
    /// returned). Setting
    /// `stop` (which a failure also sets) stops reading; batches read are still written.
    pub fn run<C: Consumer, R>(
        &mut self,
        read: impl FnOnce(&mut dyn FnMut(&FrameMeta, &[u8], &Described<'_>) -> bool) -> R,
        consumer: &C,
        stop: &AtomicBool,
        write: impl FnMut(&Written<'_>, &mut C::Out) -> io::Result<()> + Send,
    ) -> Ended<R> {
        // Capacity 2: the worker always has its next batch ready; while two are waiting, the
        // reading thread does the batches it reads. With one, the reading thread dissected
        // every other batch, and the worker, which does not read, waited for work (return
        // routability's packet list: 4-16 ms of ~90; 92.6 -> 87.5 ms with two and 8 batches, and
        // 5 % less again with 10: 92.7 -> 88.2 ms in one run of both).
        let (work_tx, work_rx) = mpsc::sync_channel::<Batch<C::Out>>(2);
        let (free_tx, free_rx) = mpsc::channel::<Batch<C::Out>>();
        // One pass that shows tracking: the dissecting threads track as they dissect, each batch
        // from (a copy of) the tracker as the batches written left it, and when its turn comes a
        // batch dissected ahead of it is tracked again in frame order from the messages its
        // parsers recorded, its notes checked one by one (a batch in its turn had the right
        // tracker: it hands it over). Before, the reading thread looked at every frame for its
        // tracked messages (`crate::track_facts`) ahead of the batches, while the other thread
        // waited: -V best 252 -> 224 ms, median 273 -> 255 ms on the bench capture (two threads,
        // 20 runs in turns), 495 M -> 460 M instructions on its first 20,000 frames.
        let spec = self.tracking && !self.two_pass && !self.facts_only;
        let sink = Mutex::new(Ordered {
            next: 0,
            // Until a batch is written, assume keys change (the first batches of a capture
            // teach them, if any do).
            lead: self.keyed && !self.facts_only,
            redone: 0,
            err: None,
            state: std::mem::take(&mut self.state),
            tracker: if spec { std::mem::take(&mut self.tracker) } else { Tracker::default() },
            truth: Vec::new(),
            pending: Vec::new(),
            write,
        });
        let (want, prefs, facts_only, keyed, filtered) = (self.want, self.prefs, self.facts_only, self.keyed, self.filtered);
        let (batch_size, batches) =
            if matches!(want, Want::Full) { (BATCH_TREE, BATCHES_TREE) } else { (BATCH_LIST, BATCHES_LIST) };
        // Dissects a batch into its own output, starting from `state`. Each thread dissects into
        // one `Dissection` it reuses, so the tree stays in its core's cache. A panic (a bug) is
        // caught so that the batch is still written (as an error): otherwise the batches after
        // it would never be.
        //
        // With `ahead` (batches before it are still being dissected), its frames' look-ups of
        // keys are kept, to be checked when its turn comes ([`CaptureState::agrees`]); with
        // `lead` as well, the keys the frames just before it teach (`Batch::lead`) are learned
        // first, so that an exchange the batches' boundary cuts finds what it needs.
        let dissect =
            |b: &mut Batch<C::Out>, d: &mut Dissection, mut state: CaptureState, ahead: bool, lead: bool, track: bool| {
                b.version = (state.version(), state.key_version());
                b.tracks.clear();
                b.tracked.clear();
                b.given.clear();
                b.exact = !ahead;
                b.base_tables = state.table_changes();
                b.led = false;
                b.reads.clear();
                b.lessons.clear();
                b.lesson_frames.clear();
                consumer.clear(&mut b.out);
                let (frames, data, notes, out) = (&b.frames, &b.data, &b.notes, &mut b.out);
                let (ifaces, comments) = (&b.ifaces, &b.comments);
                let (reads, lessons, lesson_frames) = (&mut b.reads, &mut b.lessons, &mut b.lesson_frames);
                let (led, start_tables, lead_frames, lead_data) = (&mut b.led, &mut b.start_tables, &b.lead, &b.lead_data);
                let (tracks, tracked, given) = (&mut b.tracks, &mut b.tracked, &mut b.given);
                let mut tracker = track.then_some(&mut b.tracker);
                let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    // Ahead of its turn, the frames just before the batch teach first: their keys
                    // (`lead`), and the requests an answer in this batch may answer.
                    if ahead && !facts_only && (lead || tracker.is_some()) {
                        for f in lead_frames {
                            let frame = lead_data.get(f.start..f.start + f.len).unwrap_or(&[]);
                            if lead {
                                let none = Noted(None);
                                crate::dissect_frame_pre(&state, Want::Fields(&[]), d, frame, &f.meta, prefs, None, frame, none);
                                state.learn_keys(&d.lessons);
                            } else {
                                crate::track_facts(d, frame, &f.meta, prefs, None, frame);
                            }
                            if let Some(t) = tracker.as_deref_mut() {
                                if lead {
                                    // What a rule about an answer needs of its request
                                    // (`track_facts` fills it in, a dissection given a note not).
                                    crate::analysis::track::fill_memos(&mut d.facts, frame);
                                }
                                // Only the tracker's state matters here, not the note.
                                Live { tracker: t, frame: f.meta.number, t_ns: t_ns(&f.meta) }.observe(&d.facts.track);
                            }
                        }
                        *led = lead && !lead_frames.is_empty();
                    }
                    *start_tables = state.table_changes();
                    // The look-ups go to this thread's list, taken after each frame: `state` is
                    // the only state logging on this thread, and only until the batch ends.
                    state.log_reads(ahead && keyed);
                    let mut noted = notes.iter().peekable();
                    for (k, f) in frames.iter().enumerate() {
                        let data = data.get(f.start..f.start + f.len + f.extra).unwrap_or(&[]);
                        let frame = data.get(..f.len).unwrap_or(&[]);
                        let note = noted.next_if(|(i, _)| *i == k).map(|(_, n)| n);
                        d.set_interface(ifaces.get(f.iface as usize));
                        d.set_comments(comments.get(f.comments.0 as usize..f.comments.1 as usize).unwrap_or(&[]));
                        let reasm = note.and_then(|n| n.reasm.as_ref());
                        if facts_only {
                            crate::track_facts(d, frame, &f.meta, prefs, reasm, data);
                        } else {
                            match tracker.as_deref_mut() {
                                Some(t) => {
                                    let observe = Live { tracker: &mut *t, frame: f.meta.number, t_ns: t_ns(&f.meta) };
                                    crate::dissect_frame_pre(&state, want, d, frame, &f.meta, prefs, reasm, data, observe);
                                    // What was tracked and the note given, to be checked in
                                    // turn (a batch dissected in its turn hands its tracker over).
                                    // A frame of nothing the tracker takes (the packet list's
                                    // tracker takes pings alone) only moves its clock then.
                                    if ahead && d.facts.track.iter().any(|m| t.tracks(m)) {
                                        let from = tracks.len() as u32;
                                        tracks.extend_from_slice(&d.facts.track);
                                        tracked.push((k as u32, from, tracks.len() as u32));
                                        if !d.note.is_empty() {
                                            given.push((k as u32, d.note));
                                        }
                                    }
                                }
                                None => {
                                    // The note is copied once, into the dissection (it is a few
                                    // hundred octets).
                                    let track = Noted(note.map(|n| &n.track));
                                    crate::dissect_frame_pre(&state, want, d, frame, &f.meta, prefs, reasm, data, track);
                                }
                            }
                            state.take_reads(k as u32, reads);
                            state.learn(d);
                            if !d.lessons.is_empty() {
                                lessons.extend_from_slice(&d.lessons);
                                lesson_frames.resize(lessons.len(), k as u32);
                            }
                        }
                        consumer.frame(k, &f.meta, d, data, out);
                    }
                }))
                .is_ok();
                state.log_reads(false);
                b.ok = ok;
                b.end_state = state;
            };
        // Dissects a batch, then writes every finished batch whose turn has come; returns the
        // batches written (for reuse), or None when writing failed (stop).
        let process = |mut b: Batch<C::Out>, d: &mut Dissection| -> Option<Vec<Batch<C::Out>>> {
            let (state, ahead, lead) = {
                let o = sink.lock().ok()?;
                if spec {
                    b.tracker.copy_waiting_from(&o.tracker);
                }
                (o.state.clone(), o.next != b.seq, o.lead)
            };
            dissect(&mut b, d, state, ahead, lead, spec);
            let mut o = sink.lock().ok()?;
            o.pending.push(b);
            let mut written = Vec::new();
            while let Some(i) = o.pending.iter().position(|p| p.seq == o.next) {
                let mut p = o.pending.swap_remove(i);
                // Dissected with what every batch before it taught? Roles count whole; keys
                // (tokens, Kbm: HoT/CoT teach them every few frames) only if the output can
                // show what they decide, and then by what each look-up found.
                let (roles, keys) = p.version;
                let same = roles == o.state.version() && keys == o.state.key_version() && !p.led;
                let stands = same
                    || roles == o.state.version()
                        && (!keyed || o.state.agrees(&p.reads, &p.lessons, &p.lesson_frames, &p.base_tables, &p.start_tables));
                let keys_before = o.state.key_version();
                // Tracked as it was dissected: the tracker takes the batch's tracked messages in
                // frame order, and each frame must have been given the note it gives.
                let mut tracked_right = true;
                if spec && p.ok && p.exact && stands {
                    // Dissected in its turn, from the tracker as the batches before it left it
                    // (and the state, which only writing changes: it stands): its tracker is
                    // where its frames leave it.
                    std::mem::swap(&mut o.tracker, &mut p.tracker);
                } else if spec && p.ok && stands {
                    let o = &mut *o;
                    tracked_right = replay(&mut o.tracker, &p, &mut o.truth);
                    if !tracked_right {
                        // Dissected again below with the notes the tracker gave.
                        give(&mut p.notes, &o.truth);
                    }
                }
                let mut relearn = false;
                if p.ok && !(stands && tracked_right) {
                    o.redone += 1;
                    let state = o.state.clone();
                    if spec && !stands {
                        // Not tracked yet: tracked as it is dissected again, from the tracker as
                        // the batch before it left it.
                        p.tracker.copy_waiting_from(&o.tracker);
                        dissect(&mut p, d, state, false, false, true);
                        std::mem::swap(&mut o.tracker, &mut p.tracker);
                    } else {
                        dissect(&mut p, d, state, false, false, false);
                    }
                } else if p.ok && !same {
                    // Its output stands; its end state lacks what was taught in between.
                    relearn = true;
                }
                if o.err.is_none() {
                    let r = if p.ok {
                        if relearn {
                            o.state.learn_all(&p.lessons);
                        } else {
                            o.state = std::mem::take(&mut p.end_state);
                        }
                        let w = Written {
                            frames: &p.frames,
                            latest_ns: p.latest_ns,
                            data: &p.data,
                            lists: &p.lists,
                            comments: &p.comments,
                        };
                        (o.write)(&w, &mut p.out)
                    } else {
                        Err(io::Error::other("internal error while dissecting a frame"))
                    };
                    if let Err(e) = r {
                        o.err = Some(e);
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                // Whether the next batches learn first the keys the frames before them teach:
                // while batches change keys (a capture of one exchange repeated teaches the
                // same tokens again, which changes nothing).
                o.lead = keyed && o.state.key_version() != keys_before;
                o.next += 1;
                written.push(p);
            }
            o.err.is_none().then_some(written)
        };
        let process = &process;
        let mut n = 0u64;
        let read_result = std::thread::scope(|sc| {
            // The worker owns the return channel: if it ever stops, waiting for a batch from
            // it fails instead of blocking.
            sc.spawn(move || {
                let mut d = Dissection::default();
                d.shown_unknown = filtered;
                for b in work_rx {
                    let Some(done) = process(b, &mut d) else { return };
                    for p in done {
                        if free_tx.send(p).is_err() {
                            return;
                        }
                    }
                }
            });
            let mut d = Dissection::default();
            d.shown_unknown = filtered;
            let mut spare: Vec<Batch<C::Out>> = (0..batches).map(|_| Batch::default()).collect();
            let mut hand_over = |b: Batch<C::Out>, spare: &mut Vec<Batch<C::Out>>| -> bool {
                match work_tx.try_send(b) {
                    Ok(()) => true,
                    Err(mpsc::TrySendError::Full(b) | mpsc::TrySendError::Disconnected(b)) => match process(b, &mut d) {
                        Some(done) => {
                            spare.extend(done);
                            true
                        }
                        None => false,
                    },
                }
            };
            let mut seq = 0u64;
            let mut cur: Option<Batch<C::Out>> = None;
            let mut ok = true;
            // With -2, request/response tracking runs here, in frame order, before a batch is
            // handed over (what later frames teach earlier ones must reach their notes before
            // they are dissected): each frame's messages are parsed once more for their keys
            // only (no tree, no analysis: `crate::track_facts`), the frame's note travels with
            // it, and full batches wait in `held` until no request of theirs is pending.
            let (tracker, two_pass, tracking) =
                (&mut self.tracker, self.two_pass, (self.tracking || self.two_pass) && !facts_only && !spec);
            let (reassembler, limit, writes) = (&mut self.reasm, self.limit, self.writes);
            let mut pre = Dissection::default();
            let mut held: VecDeque<Batch<C::Out>> = VecDeque::new();
            // The last frames of the batch just read, for the next one (`Batch::lead`).
            let mut lead: (Vec<Framed>, Vec<u8>) = (Vec::new(), Vec::new());
            let mut release = |held: &mut VecDeque<Batch<C::Out>>, spare: &mut Vec<Batch<C::Out>>, oldest: Option<u64>| -> bool {
                while let Some(b) = held.front() {
                    let last = b.frames.last().map_or(0, |f| f.meta.number);
                    if oldest.is_some_and(|o| o <= last) {
                        break;
                    }
                    let Some(b) = held.pop_front() else { break };
                    if !hand_over(b, spare) {
                        return false;
                    }
                }
                true
            };
            // Only a tree, or fields and filters naming the frame subtree's, show a frame's
            // interface.
            let names_ifaces = match want {
                Want::Full => true,
                Want::Fields(defs) => defs.iter().any(|d| crate::frame::FIELDS.iter().any(|f| std::ptr::eq(*f, *d))),
                Want::Columns => false,
            };
            let result = read(&mut |meta: &FrameMeta, data: &[u8], described: &Described<'_>| {
                if n >= limit || stop.load(Ordering::Relaxed) {
                    return false;
                }
                n += 1;
                let b = match cur.as_mut() {
                    Some(b) => b,
                    None => {
                        // Held batches are not coming back: while some are, a new one is made.
                        let more = || (!held.is_empty()).then(Batch::default);
                        let Some(mut b) =
                            spare.pop().or_else(|| free_rx.try_recv().ok()).or_else(more).or_else(|| free_rx.recv().ok())
                        else {
                            return false;
                        };
                        b.frames.clear();
                        b.latest_ns = i64::MIN;
                        b.notes.clear();
                        b.data.clear();
                        b.ifaces.clear();
                        b.iface_keys.clear();
                        b.lists.clear();
                        b.list_keys.clear();
                        b.comments.clear();
                        std::mem::swap(&mut b.lead, &mut lead.0);
                        std::mem::swap(&mut b.lead_data, &mut lead.1);
                        b.seq = seq;
                        seq += 1;
                        cur.insert(b)
                    }
                };
                // The pre-pass, in frame order: reassembly (the reassembled payload follows the
                // frame's octets), then tracking's look at the facts, reassembled ones included.
                let start = b.data.len();
                b.data.extend_from_slice(data);
                let mut reasm = reassembler.feed(meta, data, prefs);
                let mut extra = 0;
                if let Some(reasm::Note::Done(done)) = reasm.as_mut() {
                    extra = done.payload.len();
                    b.data.append(&mut done.payload);
                }
                // Most frames have nothing to say (no reassembly, no tracking shown): only the
                // others' notes are kept, by frame index. A note says something only of a frame
                // with a request or a response to track, so that is what decides (keeping an
                // empty note is harmless): comparing the note itself with an empty one, and
                // moving it through a local, compiled to ~4,000 instructions a frame.
                let k = b.frames.len();
                if tracking {
                    let all = b.data.get(start..).unwrap_or(&[]);
                    let frame = all.get(..data.len()).unwrap_or(&[]);
                    crate::track_facts(&mut pre, frame, meta, prefs, reasm.as_ref(), all);
                    let facts = &pre.facts.track;
                    if facts.iter().any(|f| f.request.is_some() || f.response.is_some()) || reasm.is_some() {
                        b.notes.push((k, FrameNotes { track: tracker.observe(meta.number, t_ns(meta), facts), reasm }));
                    } else {
                        // No request or response: nothing to note (what `observe` would do).
                        tracker.tick(meta.number, t_ns(meta));
                    }
                } else if reasm.is_some() {
                    b.notes.push((k, FrameNotes { track: Note::default(), reasm }));
                }
                // The frame's interface, for a tree's frame subtree: each batch keeps its own
                // copy of those its frames name (nearly always one), so none is read while the
                // reader changes the capture's list.
                // Each (section, interface) once per batch, found by its key: a capture that
                // alternates interfaces (whose names may be long) copies each once.
                let mut iface = NO_IFACE;
                if let Some(i) = described.interface(meta).filter(|_| names_ifaces) {
                    let key = (meta.section, meta.interface.unwrap_or(0));
                    iface = match b.iface_keys.iter().rposition(|k| *k == key) {
                        Some(at) => at as u32,
                        None => {
                            b.iface_keys.push(key);
                            b.ifaces.push(i.clone());
                            (b.ifaces.len() - 1) as u32
                        }
                    };
                }
                // Its comments likewise, whatever the output (expert items; rare: most files
                // have none).
                let first = b.comments.len() as u32;
                b.comments.extend(described.comments.iter().cloned());
                let comments = (first, b.comments.len() as u32);
                // A writer's: the section's interfaces, copied when they change (a section's list
                // only grows, so its length tells).
                let mut list = NO_IFACE;
                if writes {
                    let key = (meta.section, described.interfaces.len());
                    if b.list_keys.last() != Some(&key) {
                        b.list_keys.push(key);
                        b.lists.push(described.interfaces.clone());
                    }
                    list = (b.lists.len() - 1) as u32;
                }
                b.frames.push(Framed { meta: *meta, start, len: data.len(), extra, iface, comments, list });
                b.latest_ns = b.latest_ns.max(t_ns(meta));
                let updates = tracker.take_updates();
                if two_pass {
                    for u in updates {
                        apply(u, held.iter_mut().chain(cur.iter_mut()));
                    }
                } else {
                    updates.for_each(drop);
                }
                if cur.as_ref().is_some_and(|b| b.frames.len() == batch_size) {
                    if let Some(b) = cur.take() {
                        keep_lead(&b, &mut lead);
                        held.push_back(b);
                        let oldest = if two_pass { tracker.oldest_pending() } else { None };
                        ok = release(&mut held, &mut spare, oldest);
                    }
                }
                ok && n < limit
            });
            if two_pass {
                tracker.finish();
                for u in tracker.take_updates() {
                    apply(u, held.iter_mut().chain(cur.iter_mut()));
                }
            }
            if let Some(b) = cur.take() {
                held.push_back(b);
            }
            if ok {
                release(&mut held, &mut spare, None);
            }
            drop(work_tx);
            result
        });
        let (err, state, redone) = match sink.into_inner() {
            Ok(o) => {
                if spec {
                    self.tracker = o.tracker;
                }
                (o.err, o.state, o.redone)
            }
            Err(_) => (Some(io::Error::other("internal error")), CaptureState::default(), 0),
        };
        self.state = state;
        Ended { read_result, read: n, err, redone }
    }
}

/// Frames of a batch whose keys the next batch learns before its own when it is dissected
/// before its turn: a return-routability exchange (HoTI/CoTI, HoT/CoT, BU, BA) spans a few
/// frames, so the boundary between two batches cuts one nearly every time.
pub const LEAD: usize = 48;

/// Copies the last [`LEAD`] frames of `b` into `lead` (their reassembled payloads left out).
fn keep_lead<O>(b: &Batch<O>, lead: &mut (Vec<Framed>, Vec<u8>)) {
    lead.0.clear();
    lead.1.clear();
    for f in b.frames.iter().skip(b.frames.len().saturating_sub(LEAD)) {
        let start = lead.1.len();
        lead.1.extend_from_slice(b.data.get(f.start..f.start + f.len).unwrap_or(&[]));
        lead.0.push(Framed { meta: f.meta, start, len: f.len, extra: 0, iface: NO_IFACE, comments: (0, 0), list: NO_IFACE });
    }
}

/// Tracks a batch's frames in frame order with `t` (the tracker as the batches before it left
/// it), from the tracked messages its dissection recorded (what the parsers found, whatever
/// the notes), so `t` ends as the batch leaves it; `truth` gets the notes that say something,
/// by frame index. Whether every frame was dissected with the note it gets.
fn replay<O>(t: &mut Tracker, b: &Batch<O>, truth: &mut Vec<(u32, Note)>) -> bool {
    truth.clear();
    let mut given = b.given.iter().peekable();
    let mut right = true;
    let tracked =
        b.tracked.iter().map(|&(k, from, to)| (k as usize, b.tracks.get(from as usize..to as usize).unwrap_or(&[]), ()));
    track_in_order(t, &b.frames, b.latest_ns, tracked, |k, note, ()| {
        let k = k as u32;
        let was = given.next_if(|g| g.0 == k).map_or(&Note::EMPTY, |g| &g.1);
        right &= note == was;
        if !note.is_empty() {
            truth.push((k, *note));
        }
    });
    right
}

/// Walks frames in frame order with `t`, as a single pass does frame by frame: a frame with
/// tracked messages (`tracked`: by frame index, in order, each with what the caller keeps of
/// it) is observed and `each` sees its note; the others only move the tracker's clock. The
/// writer of a batch dissected ahead and the statistics of a pooled pass both walk this way.
///
/// Past the last tracked frame, with no request waiting, the frames left only move the clock,
/// to `latest_ns` (the latest of all the frames' times: the clock has passed the earlier ones'
/// already) at once. The walk is in the writer's turn, under the lock both threads take, and a
/// batch dissected on the other core reads each frame's metadata from there: on the packet list
/// of return routability (whose tracker takes pings alone) that walk was ~5 % of the two
/// threads' time.
pub fn track_in_order<'f, X>(
    t: &mut Tracker,
    frames: &[Framed],
    latest_ns: i64,
    tracked: impl Iterator<Item = (usize, &'f [TrackFact], X)>,
    mut each: impl FnMut(usize, &Note, X),
) {
    let mut tracked = tracked.peekable();
    // One note for the walk, written over for each frame that has something to track.
    let mut note = Note::EMPTY;
    for (k, f) in frames.iter().enumerate() {
        if tracked.peek().is_none() && t.oldest_pending().is_none() {
            // Nothing waits to time out: only the clock moves.
            t.tick(f.meta.number, latest_ns);
            break;
        }
        match tracked.next_if(|x| x.0 == k) {
            Some((_, facts, x)) => {
                t.observe_into(f.meta.number, t_ns(&f.meta), facts, &mut note);
                each(k, &note, x);
            }
            None => t.tick(f.meta.number, t_ns(&f.meta)),
        }
        t.take_updates().for_each(drop);
    }
}

/// Puts the notes `truth` holds into a batch's frame notes (by frame index, next to what
/// reassembly noted), for its dissection again.
fn give(notes: &mut Vec<(usize, FrameNotes)>, truth: &[(u32, Note)]) {
    for &(k, note) in truth {
        let k = k as usize;
        match notes.binary_search_by_key(&k, |(i, _)| *i) {
            Ok(i) => {
                if let Some((_, n)) = notes.get_mut(i) {
                    n.track = note;
                }
            }
            Err(i) => notes.insert(i, (k, FrameNotes { track: note, reasm: None })),
        }
    }
}

/// A frame's time in nanoseconds since the epoch, as the tracker counts it.
pub fn t_ns(meta: &FrameMeta) -> i64 {
    meta.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(meta.ts.1))
}

/// Applies what a later frame taught (with -2) to the note of the frame it concerns, in the
/// batch that holds it.
fn apply<'b, O: 'b>(u: Update, batches: impl Iterator<Item = &'b mut Batch<O>>) {
    for b in batches {
        let Some(first) = b.frames.first().map(|f| f.meta.number) else { continue };
        let Some(k) = u.frame.checked_sub(first).and_then(|k| usize::try_from(k).ok()) else { continue };
        if b.frames.get(k).is_some_and(|f| f.meta.number == u.frame) {
            let i = match b.notes.binary_search_by_key(&k, |(i, _)| *i) {
                Ok(i) => i,
                Err(i) => {
                    b.notes.insert(i, (k, FrameNotes::default()));
                    i
                }
            };
            if let Some((_, n)) = b.notes.get_mut(i) {
                u.apply(&mut n.track);
            }
            return;
        }
    }
}

/// What the reader thread's pre-pass said of one frame before any thread dissects it: both
/// answers in one value, so that a frame's notes are found (and `-2`'s updates applied) by the
/// frame's index in its batch.
#[derive(Default)]
struct FrameNotes {
    /// Request/response tracking.
    track: Note,
    /// IP reassembly (None for nearly every frame).
    reasm: Option<reasm::Note>,
}

/// Frames read together, dissected by one thread, and what that gave.
#[derive(Default)]
struct Batch<O> {
    seq: u64,
    frames: Vec<Framed>,
    /// The latest of its frames' times ([`t_ns`]; `i64::MIN` without frames), taken as they are
    /// read: what the tracker's clock reaches over frames with nothing to track.
    latest_ns: i64,
    /// The interfaces its frames name ([`Framed::iface`]) and their comments
    /// ([`Framed::comments`]).
    ifaces: Vec<Interface>,
    iface_keys: Vec<(u32, u32)>,
    /// With [`Pipeline::writes`]: the sections' interfaces its frames were read with
    /// ([`Framed::list`]), each under its (section, number of interfaces).
    lists: Vec<Interfaces>,
    list_keys: Vec<(u32, usize)>,
    comments: Vec<String>,
    /// What the reader thread's pre-pass said of the frames it had something to say of, by
    /// index in `frames`, in frame order (a note is a few hundred octets: copying one per frame
    /// cost the packet list ~90 instructions a frame).
    notes: Vec<(usize, FrameNotes)>,
    data: Vec<u8>,
    /// The consumer's output, waiting for its turn.
    out: O,
    /// The learned state the batch was dissected with (its version, and its keys' version),
    /// what it was after, and what the frames taught (with each lesson's frame index).
    version: (u64, u64),
    end_state: CaptureState,
    lessons: Vec<Lesson>,
    lesson_frames: Vec<u32>,
    /// The look-ups of keys its frames made (by frame index), when dissected before its turn.
    reads: Vec<(u32, KeyRead)>,
    /// The counts of changes to each table of keys it was dissected with, and after learning
    /// the keys its lead frames taught (whether it did: `led`).
    base_tables: [u64; KeyTable::COUNT],
    start_tables: [u64; KeyTable::COUNT],
    led: bool,
    /// The last frames of the batch before it (their octets in `lead_data`, reassembled
    /// payloads left out), whose keys it learns first when dissected before its turn.
    lead: Vec<Framed>,
    lead_data: Vec<u8>,
    /// False if dissecting panicked (a bug).
    ok: bool,
    /// Tracking as it dissects (one pass that shows tracking): the tracker it dissects with
    /// ([`Tracker::copy_waiting_from`] the one of the batches written), its frames' tracked
    /// messages (by frame index, their range in `tracks`) and the notes its frames were given
    /// (those that say something, by frame index); whether it was dissected in its turn.
    tracker: Tracker,
    exact: bool,
    tracks: Vec<TrackFact>,
    tracked: Vec<(u32, u32, u32)>,
    given: Vec<(u32, Note)>,
}

/// What the two threads share, in frame order: batch `next` is the next to be written,
/// `pending` the finished batches waiting for it, `state` what the frames written so far taught.
struct Ordered<W, O> {
    next: u64,
    /// Whether a batch dissected before its turn learns what the frames just before it teach.
    lead: bool,
    redone: u64,
    err: Option<io::Error>,
    state: CaptureState,
    /// With tracking as batches are dissected (see `Pipeline::run`), the tracker as of the
    /// last batch written.
    tracker: Tracker,
    /// The notes the tracker gave the frames of the batch being written.
    truth: Vec<(u32, Note)>,
    pending: Vec<Batch<O>>,
    write: W,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(number: u64, secs: i64) -> Framed {
        let meta = FrameMeta { number, ts: (secs, 0), ..Default::default() };
        Framed { meta, start: 0, len: 0, extra: 0, iface: NO_IFACE, comments: (0, 0), list: NO_IFACE }
    }

    /// Frames with nothing to track, walked past at once, leave the tracker's clock where a
    /// frame-by-frame walk does: at the latest of their times, also when the last frame's time
    /// goes back. A request waiting keeps the walk frame by frame (a frame may time it out).
    #[test]
    fn frames_with_nothing_to_track_move_the_clock_to_their_latest_time() {
        let frames = [framed(1, 5), framed(2, 9), framed(3, 3)];
        let latest = frames.iter().map(|f| t_ns(&f.meta)).max().unwrap();
        let mut one_by_one = Tracker::default();
        for f in &frames {
            one_by_one.tick(f.meta.number, t_ns(&f.meta));
        }
        let mut walked = Tracker::default();
        track_in_order(&mut walked, &frames, latest, std::iter::empty::<(usize, &[TrackFact], ())>(), |_, _, ()| {});
        assert_eq!(walked.clock(), one_by_one.clock());
        assert_eq!(walked.clock(), 9_000_000_000);
    }
}
