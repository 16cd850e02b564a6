//! One pass over a capture: frames read, dissected in order of what they teach, rendered and
//! written in frame order, on one thread or two.

use crate::Render;
use dissect::analysis::track::{Note, Tracker, Update};
use dissect::capture::write::PcapngWriter;
use dissect::capture::Source;
use dissect::format::Out;
use dissect::output::ExpertStats;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::fs::File;
use std::io::{self, Write};

pub type CaptureResult = Result<u64, (u64, dissect::capture::CaptureError)>;

/// One pass over a capture: frames are dissected and rendered in frame order, on this thread
/// (`inline`) or on two threads taking whole batches (`pooled`); a frame may depend on what
/// earlier ones taught (which nodes are mobile routers), applied between frames.
pub struct Run<'r> {
    pub prefs: &'r Prefs,
    pub want: dissect::tree::Want<'r>,
    pub render: &'r Render<'r>,
    pub state: dissect::tree::CaptureState,
    pub expert_stats: Option<ExpertStats>,
    /// -z mip6,… / `mipscope stats`: the capture's statistics.
    pub stats: Option<dissect::stats::Stats>,
    pub limit: u64,
    pub n: u64,
    /// -Y: only frames it matches are rendered and counted (they all teach what they teach).
    pub filter: Option<&'r dissect::filter::Filter>,
    /// -w: the frames shown (all, or those -Y matches) are also written here.
    pub writer: Option<PcapngWriter<Box<dyn Write + Send>>>,
    /// False with -w and without -P: frames are written, not rendered.
    pub print: bool,
    /// Live input: each frame's output is handed on as soon as it is rendered.
    pub live: bool,
    /// Request/response tracking, in frame order.
    pub tracker: Tracker,
    /// Whether the output can show tracking at all (see `dissect::analysis::track::shows`);
    /// when not, no frame is looked at twice.
    pub tracking: bool,
    /// -2: a request learns its response (or that none came) before it is shown, so frames are
    /// held back while a request of theirs waits (only `pooled` does this).
    pub two_pass: bool,
    /// IP reassembly, decided in frame order as frames are read.
    pub reasm: dissect::reasm::Reassembler,
}

/// A frame's time in nanoseconds since the epoch, as the tracker counts it.
fn t_ns(meta: &dissect::frame::FrameMeta) -> i64 {
    meta.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(meta.ts.1))
}

impl Run<'_> {
    /// -q with statistics only: they count the parsers' facts and tracking's notes, so the
    /// parsers run alone (`dissect::track_facts`), without the analysis pass whose findings
    /// nothing would show; `pooled` then tracks in frame order as batches are written, not
    /// ahead of them on the reading thread.
    pub fn facts_only(&self) -> bool {
        self.render.quiet && self.stats.is_some() && self.filter.is_none() && self.expert_stats.is_none()
    }

    /// Dissects and renders each frame straight into `out`, without copying the frame.
    pub fn inline(&mut self, input: Source, w: &mut Box<dyn Write + Send>, out: &mut Out) -> (CaptureResult, Option<io::Error>) {
        let mut d = Dissection::default();
        let mut io_err = None;
        // A frame that completes a datagram, followed by the reassembled payload.
        let mut joined = Vec::new();
        // A plain copy (-w without -P, -Y or -z) needs no dissection at all.
        let dissecting = self.print || self.filter.is_some() || self.expert_stats.is_some() || self.stats.is_some();
        let facts_only = self.facts_only();
        let result = input.for_each(|meta, frame, interfaces| {
            if self.n >= self.limit {
                return false;
            }
            let mut data = frame;
            if dissecting {
                // The same pre-pass as `pooled`'s, frame by frame: reassembly, then tracking
                // (which sees the messages of a reassembled payload). One pass: a response knows
                // its request; what later frames teach earlier ones (response_in, unanswered) is
                // not shown (`-2` takes `pooled`).
                let mut reasm = self.reasm.feed(meta, frame, self.prefs);
                if let Some(dissect::reasm::Note::Done(done)) = reasm.as_mut() {
                    joined.clear();
                    joined.extend_from_slice(frame);
                    joined.append(&mut done.payload);
                    data = &joined[..];
                }
                let f = data.get(..frame.len()).unwrap_or(frame);
                let (tracker, tracking) = (&mut self.tracker, self.tracking);
                if facts_only {
                    dissect::track_facts(&mut d, f, meta, self.prefs, reasm.as_ref(), data);
                    if tracking {
                        d.note = tracker.observe(meta.number, t_ns(meta), &d.facts.track);
                        tracker.take_updates().for_each(drop);
                    }
                } else {
                    dissect::dissect_frame_pre(
                        &self.state,
                        self.want,
                        &mut d,
                        f,
                        meta,
                        self.prefs,
                        reasm.as_ref(),
                        data,
                        |facts: &[dissect::analysis::track::TrackFact]| {
                            if !tracking {
                                return Note::default();
                            }
                            let note = tracker.observe(meta.number, t_ns(meta), facts);
                            tracker.take_updates().for_each(drop);
                            note
                        },
                    );
                    self.state.learn(&d);
                }
            }
            if self.filter.is_some_and(|f| !f.matches(&d, data)) {
                return true;
            }
            self.n += 1;
            if let Some(s) = self.expert_stats.as_mut() {
                s.add(&d);
            }
            if let Some(s) = self.stats.as_mut() {
                s.add(&d);
            }
            if let Some(pw) = self.writer.as_mut() {
                if let Err(e) = pw.write(meta, frame, interfaces).and_then(|()| if self.live { pw.flush() } else { Ok(()) }) {
                    io_err = Some(e);
                    return false;
                }
            }
            if self.print {
                self.render.one(&d, data, out);
            }
            if out.len() >= FLUSH_AT || (self.live && !out.is_empty()) {
                let r = w.write_all(out.as_bytes());
                out.clear();
                if let Err(e) = r {
                    io_err = Some(e);
                    return false;
                }
            }
            self.n < self.limit
        });
        if io_err.is_none() {
            if let Err(e) = w.write_all(out.as_bytes()) {
                io_err = Some(e);
            }
        }
        if let Some(pw) = self.writer.as_mut() {
            if let Err(e) = pw.flush() {
                io_err.get_or_insert(e);
            }
        }
        out.clear();
        (result, io_err)
    }

    /// Two threads share the work: this one reads frames into batches and queues each for a
    /// worker thread, or dissects and renders it itself when the worker already has one
    /// waiting. A finished batch is written as soon as every earlier batch has been, by
    /// whichever thread finishes the batch that unblocks it, so neither thread waits for the
    /// other and output order is frame order. Batches are reused, so memory is bounded by
    /// `BATCHES` batches whatever the capture's size. (Two threads, not a reader and two
    /// workers: on two cores a third thread only takes turns with the others.)
    ///
    /// A frame's dissection may depend on what earlier frames taught (which nodes are mobile
    /// routers), so a batch is dissected with the state as of the last batch written, and is
    /// dissected again before it is written if a batch in between taught something new.
    /// Frames teach rarely (once per mobile router), so nearly every batch is dissected once,
    /// and every batch is dissected exactly as a single pass would.
    pub fn pooled(&mut self, input: Source, w: Box<dyn Write + Send>) -> (CaptureResult, Option<io::Error>) {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::{mpsc, Mutex};
        // Capacity 1: the worker always has its next batch ready; while that one is waiting,
        // this thread does the batches it reads.
        let (work_tx, work_rx) = mpsc::sync_channel::<Batch>(1);
        let (free_tx, free_rx) = mpsc::channel::<Batch>();
        let counting = self.expert_stats.is_some();
        let stating = self.stats.is_some();
        // Statistics alone: the workers run the parsers alone and count, keeping each frame's
        // tracked messages; the tracker takes them in frame order as batches are written and
        // counts the latencies it finds. So the reading thread only reads (and reassembles),
        // and the one look at each frame is on whichever thread dissects it.
        let deferred = self.facts_only() && !self.two_pass;
        let sink = Mutex::new(Ordered {
            tracker: deferred.then(|| std::mem::take(&mut self.tracker)),
            next: 0,
            w,
            err: None,
            state: std::mem::take(&mut self.state),
            expert_stats: self.expert_stats.take(),
            stats: self.stats.take(),
            pending: Vec::new(),
        });
        let failed = AtomicBool::new(false);
        let (render, want, prefs, filter) = (self.render, self.want, self.prefs, self.filter);
        let batch_size = if matches!(want, dissect::tree::Want::Full) { BATCH_TREE } else { BATCH_LIST };
        // Dissects and renders a batch into its own text, starting from `state`. Each thread
        // dissects into one `Dissection` it reuses, so the tree stays in its core's cache. A
        // panic (a bug) is caught so that the batch is still written (as an error): otherwise
        // the batches after it would never be.
        let dissect_and_render = |b: &mut Batch, d: &mut Dissection, mut state: dissect::tree::CaptureState| {
            b.version = (state.version(), state.key_version());
            b.read_keys = false;
            b.lessons.clear();
            b.out.clear();
            b.stats.clear();
            b.mstats.clear();
            b.tracks.clear();
            b.tracked.clear();
            let frames = std::mem::take(&mut b.frames);
            let (data, out, stats, mstats, notes) = (&b.data, &mut b.out, &mut b.stats, &mut b.mstats, &b.notes);
            let (tracks, tracked) = (&mut b.tracks, &mut b.tracked);
            let (b_read_keys, lessons) = (&mut b.read_keys, &mut b.lessons);
            let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut noted = notes.iter().peekable();
                for (k, &(meta, start, len, extra)) in frames.iter().enumerate() {
                    let data = data.get(start..start + len + extra).unwrap_or(&[]);
                    let frame = data.get(..len).unwrap_or(&[]);
                    let note = noted.next_if(|(i, _)| *i == k).map(|(_, n)| n);
                    let reasm = note.and_then(|n| n.reasm.as_ref());
                    if deferred {
                        dissect::track_facts(d, frame, &meta, prefs, reasm, data);
                        mstats.add_counts(d);
                        let facts = &d.facts.track;
                        if !facts.is_empty() {
                            let from = tracks.len();
                            tracks.extend_from_slice(facts);
                            tracked.push((k, from, tracks.len(), dissect::stats::Stats::proxy(d)));
                        }
                        continue;
                    }
                    // The note is copied once, into the dissection (it is a few hundred octets).
                    let track = dissect::analysis::track::Noted(note.map(|n| &n.track));
                    dissect::dissect_frame_pre(&state, want, d, frame, &meta, prefs, reasm, data, track);
                    state.learn(d);
                    *b_read_keys |= d.read_keys;
                    lessons.extend_from_slice(&d.lessons);
                    if filter.is_some_and(|f| !f.matches(d, data)) {
                        continue;
                    }
                    if counting {
                        stats.add(d);
                    }
                    if stating {
                        mstats.add(d);
                    }
                    render.one(d, data, out);
                }
            }))
            .is_ok();
            b.frames = frames;
            b.ok = ok;
            b.end_state = state;
        };
        // Processes a batch, then writes every finished batch whose turn has come; returns the
        // batches written (for reuse), or None when output failed (stop).
        let process = |mut b: Batch, d: &mut Dissection| -> Option<Vec<Batch>> {
            let state = sink.lock().ok()?.state.clone();
            dissect_and_render(&mut b, d, state);
            let mut o = sink.lock().ok()?;
            o.pending.push(b);
            let mut written = Vec::new();
            while let Some(i) = o.pending.iter().position(|p| p.seq == o.next) {
                let mut p = o.pending.swap_remove(i);
                // Dissected with what every batch before it taught? Keys (tokens, Kbm) count
                // only if one of its frames read them: HoT/CoT teach them every few frames.
                let (roles, keys) = p.version;
                let stale = roles != o.state.version() || (p.read_keys && keys != o.state.key_version());
                let mut relearn = false;
                if p.ok && stale {
                    let state = o.state.clone();
                    dissect_and_render(&mut p, d, state);
                } else if p.ok && keys != o.state.key_version() {
                    // Its output stands; its end state lacks the keys taught in between.
                    relearn = true;
                }
                if o.err.is_none() {
                    let r = if p.ok {
                        let oo = &mut *o;
                        if let (Some(tracker), Some(st)) = (oo.tracker.as_mut(), oo.stats.as_mut()) {
                            track_in_order(tracker, st, &p);
                        }
                        if relearn {
                            let lessons = std::mem::take(&mut p.lessons);
                            o.state.learn_all(&lessons);
                            p.lessons = lessons;
                        } else {
                            o.state = std::mem::take(&mut p.end_state);
                        }
                        if let Some(st) = o.expert_stats.as_mut() {
                            st.merge(&p.stats);
                        }
                        if let Some(st) = o.stats.as_mut() {
                            st.merge(&p.mstats);
                        }
                        o.w.write_all(p.out.as_bytes())
                    } else {
                        Err(io::Error::other("internal error while dissecting a frame"))
                    };
                    if let Err(e) = r {
                        o.err = Some(e);
                        failed.store(true, Ordering::Relaxed);
                    }
                }
                o.next += 1;
                written.push(p);
            }
            o.err.is_none().then_some(written)
        };
        let process = &process;
        let result = std::thread::scope(|sc| {
            // The worker owns the return channel: if it ever stops, waiting for a batch from
            // it fails instead of blocking.
            sc.spawn(move || {
                let mut d = Dissection::default();
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
            let mut spare: Vec<Batch> = (0..BATCHES).map(|_| Batch::default()).collect();
            let mut hand_over = |b: Batch, spare: &mut Vec<Batch>| -> bool {
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
            let mut cur: Option<Batch> = None;
            let mut ok = true;
            // Request/response tracking runs here, in frame order, before a batch is handed
            // over: each frame's messages are parsed once more for their keys only (no tree,
            // no analysis: `dissect::track_facts`), and the frame's note travels with it. With
            // -2, full batches wait in `held` until no request of theirs is pending (answered,
            // or forgotten by the tracker's bounds).
            let (tracker, two_pass, tracking) = (&mut self.tracker, self.two_pass, (self.tracking || self.two_pass) && !deferred);
            let mut pre = Dissection::default();
            let mut held: std::collections::VecDeque<Batch> = Default::default();
            let mut release =
                |held: &mut std::collections::VecDeque<Batch>, spare: &mut Vec<Batch>, oldest: Option<u64>| -> bool {
                    while let Some(b) = held.front() {
                        let last = b.frames.last().map_or(0, |f| f.0.number);
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
            let result = input.for_each(|meta, data, _| {
                if self.n >= self.limit || failed.load(Ordering::Relaxed) {
                    return false;
                }
                self.n += 1;
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
                        b.notes.clear();
                        b.data.clear();
                        b.seq = seq;
                        seq += 1;
                        cur.insert(b)
                    }
                };
                // The pre-pass, in frame order: reassembly (the reassembled payload follows the
                // frame's octets), then tracking's look at the facts, reassembled ones included.
                let start = b.data.len();
                b.data.extend_from_slice(data);
                let mut reasm = self.reasm.feed(meta, data, prefs);
                let mut extra = 0;
                if let Some(dissect::reasm::Note::Done(done)) = reasm.as_mut() {
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
                    dissect::track_facts(&mut pre, frame, meta, prefs, reasm.as_ref(), all);
                    let facts = &pre.facts.track;
                    if facts.iter().any(|f| f.request.is_some() || f.response.is_some()) || reasm.is_some() {
                        b.notes.push((k, FrameNotes { track: tracker.observe(meta.number, t_ns(meta), facts), reasm }));
                    } else {
                        tracker.observe(meta.number, t_ns(meta), facts);
                    }
                } else if reasm.is_some() {
                    b.notes.push((k, FrameNotes { track: Note::default(), reasm }));
                }
                b.frames.push((*meta, start, data.len(), extra));
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
                        held.push_back(b);
                        let oldest = if two_pass { tracker.oldest_pending() } else { None };
                        ok = release(&mut held, &mut spare, oldest);
                    }
                }
                ok && self.n < self.limit
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
        let (err, state, stats, mstats) = match sink.into_inner() {
            Ok(o) => {
                if let Some(t) = o.tracker {
                    self.tracker = t;
                }
                (o.err, o.state, o.expert_stats, o.stats)
            }
            Err(_) => (Some(io::Error::other("internal error")), Default::default(), None, None),
        };
        self.state = state;
        self.expert_stats = stats;
        self.stats = mstats;
        (result, err)
    }
}

/// Frames per batch. A batch is a few hundred microseconds of work, so handing one over
/// (microseconds) is a small part of it, and its text (kept until its turn to be written) stays
/// under a few MiB. Measured on the benchmark capture with two threads: -V and JSON gained up
/// to 256 frames a batch, the packet list was flat from 256 to 2048.
const BATCH_TREE: usize = 256;
const BATCH_LIST: usize = 1024;
/// Batches in use at once: one being read, one queued and one being processed by the worker,
/// one being processed here, and finished ones waiting for their turn to be written.
const BATCHES: usize = 6;

/// Tracks a written batch's frames in frame order (statistics alone, see `pooled`), as
/// `inline` does frame by frame: every frame is observed, and what its messages answer is
/// counted as `Stats::add` would.
fn track_in_order(tracker: &mut Tracker, st: &mut dissect::stats::Stats, b: &Batch) {
    let mut tracked = b.tracked.iter().peekable();
    for (k, (meta, ..)) in b.frames.iter().enumerate() {
        match tracked.next_if(|t| t.0 == k) {
            Some(&(_, from, to, proxy)) => {
                let note = tracker.observe(meta.number, t_ns(meta), b.tracks.get(from..to).unwrap_or(&[]));
                st.add_answers(&note, proxy);
            }
            None => {
                tracker.observe(meta.number, t_ns(meta), &[]);
            }
        }
        tracker.take_updates().for_each(drop);
    }
}

/// Applies what a later frame taught (with -2) to the note of the frame it concerns, in the
/// batch that holds it.
fn apply<'b>(u: Update, batches: impl Iterator<Item = &'b mut Batch>) {
    for b in batches {
        let Some(first) = b.frames.first().map(|f| f.0.number) else { continue };
        let Some(k) = u.frame.checked_sub(first).and_then(|k| usize::try_from(k).ok()) else { continue };
        if b.frames.get(k).is_some_and(|f| f.0.number == u.frame) {
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

/// Output is handed to stdout once this much has accumulated.
pub const FLUSH_AT: usize = 1 << 16;

/// What the reader thread's pre-pass said of one frame before any thread dissects it: both
/// answers in one value, so that a frame's notes are found (and `-2`'s updates applied) by the
/// frame's index in its batch.
#[derive(Default)]
struct FrameNotes {
    /// Request/response tracking.
    track: Note,
    /// IP reassembly (None for nearly every frame).
    reasm: Option<dissect::reasm::Note>,
}

/// Frames read together, dissected and rendered by one thread, and what that gave.
#[derive(Default)]
struct Batch {
    seq: u64,
    /// Each frame's metadata, where its bytes are in `data`, and how many octets of
    /// reassembled payload follow them.
    frames: Vec<(dissect::frame::FrameMeta, usize, usize, usize)>,
    /// What the reader thread's pre-pass said of the frames it had something to say of, by
    /// index in `frames`, in frame order (a note is a few hundred octets: copying one per frame
    /// cost the packet list ~90 instructions a frame).
    notes: Vec<(usize, FrameNotes)>,
    data: Vec<u8>,
    /// The text of the batch, waiting for its turn.
    out: Out,
    /// Expert items of this batch (with -z expert), added to the total in frame order.
    stats: ExpertStats,
    /// Statistics of this batch (with -z mip6,…), added to the total in frame order.
    mstats: dissect::stats::Stats,
    /// Statistics alone (see `pooled`): the tracked messages of the frames that have some,
    /// and for each such frame its index, its messages in `tracks` and whether its answers
    /// are proxy ones, for the tracker to take in frame order.
    tracks: Vec<dissect::analysis::track::TrackFact>,
    tracked: Vec<(usize, usize, usize, bool)>,
    /// The learned state the batch was dissected with (its version, and its keys' version),
    /// what it was after, whether any frame read the keys, and what the frames taught.
    version: (u64, u64),
    end_state: dissect::tree::CaptureState,
    read_keys: bool,
    lessons: Vec<dissect::tree::Lesson>,
    /// False if dissecting or rendering panicked (a bug).
    ok: bool,
}

/// What the two threads share, in frame order: batch `next` is the next to be written,
/// `pending` the finished batches waiting for it, `state` what the frames written so far
/// taught, and the expert summary counts them.
struct Ordered {
    next: u64,
    w: Box<dyn Write + Send>,
    err: Option<io::Error>,
    state: dissect::tree::CaptureState,
    expert_stats: Option<ExpertStats>,
    stats: Option<dissect::stats::Stats>,
    pending: Vec<Batch>,
    /// Statistics alone: request/response tracking, in frame order as batches are written.
    tracker: Option<Tracker>,
}

/// Standard output without std's line buffering: `io::Stdout` searches every write for its
/// last newline, which costs more than writing when the writes are 64 KiB of many lines.
pub fn raw_stdout() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(File::from(fd));
        }
    }
    Box::new(io::stdout())
}
