//! One pass over a capture: frames read, dissected in order of what they teach, rendered and
//! written in frame order, on one thread or two.

use crate::Render;
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
}

impl Run<'_> {
    /// Dissects and renders each frame straight into `out`, without copying the frame.
    pub fn inline(&mut self, input: Source, w: &mut Box<dyn Write + Send>, out: &mut Out) -> (CaptureResult, Option<io::Error>) {
        let mut d = Dissection::default();
        let mut io_err = None;
        let result = input.for_each(|meta, data, interfaces| {
            if self.n >= self.limit {
                return false;
            }
            dissect::dissect_frame_want(&self.state, self.want, &mut d, data, meta, self.prefs);
            self.state.learn(&d);
            if self.filter.is_some_and(|f| !f.matches(&d, data)) {
                return true;
            }
            self.n += 1;
            if let Some(s) = self.expert_stats.as_mut() {
                s.add(&d);
            }
            if let Some(pw) = self.writer.as_mut() {
                if let Err(e) = pw.write(meta, data, interfaces).and_then(|()| if self.live { pw.flush() } else { Ok(()) }) {
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
        let sink = Mutex::new(Ordered {
            next: 0,
            w,
            err: None,
            state: std::mem::take(&mut self.state),
            expert_stats: self.expert_stats.take(),
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
            b.version = state.version();
            b.out.clear();
            b.stats.clear();
            let frames = std::mem::take(&mut b.frames);
            let (data, out, stats) = (&b.data, &mut b.out, &mut b.stats);
            let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                for &(meta, start, len) in &frames {
                    let data = data.get(start..start + len).unwrap_or(&[]);
                    dissect::dissect_frame_want(&state, want, d, data, &meta, prefs);
                    state.learn(d);
                    if filter.is_some_and(|f| !f.matches(d, data)) {
                        continue;
                    }
                    if counting {
                        stats.add(d);
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
                if p.ok && p.version != o.state.version() {
                    let state = o.state.clone();
                    dissect_and_render(&mut p, d, state);
                }
                if o.err.is_none() {
                    let r = if p.ok {
                        o.state = std::mem::take(&mut p.end_state);
                        if let Some(st) = o.expert_stats.as_mut() {
                            st.merge(&p.stats);
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
            let result = input.for_each(|meta, data, _| {
                if self.n >= self.limit || failed.load(Ordering::Relaxed) {
                    return false;
                }
                self.n += 1;
                let b = match cur.as_mut() {
                    Some(b) => b,
                    None => {
                        let Some(mut b) = spare.pop().or_else(|| free_rx.recv().ok()) else { return false };
                        b.frames.clear();
                        b.data.clear();
                        b.seq = seq;
                        seq += 1;
                        cur.insert(b)
                    }
                };
                b.frames.push((*meta, b.data.len(), data.len()));
                b.data.extend_from_slice(data);
                if b.frames.len() == batch_size {
                    if let Some(b) = cur.take() {
                        ok = hand_over(b, &mut spare);
                    }
                }
                ok && self.n < self.limit
            });
            if let Some(b) = cur.take() {
                if ok {
                    hand_over(b, &mut spare);
                }
            }
            drop(work_tx);
            result
        });
        let (err, state, stats) = match sink.into_inner() {
            Ok(o) => (o.err, o.state, o.expert_stats),
            Err(_) => (Some(io::Error::other("internal error")), Default::default(), None),
        };
        self.state = state;
        self.expert_stats = stats;
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

/// Output is handed to stdout once this much has accumulated.
pub const FLUSH_AT: usize = 1 << 16;

/// Frames read together, dissected and rendered by one thread, and what that gave.
#[derive(Default)]
struct Batch {
    seq: u64,
    /// Each frame's metadata and where its bytes are in `data`.
    frames: Vec<(dissect::frame::FrameMeta, usize, usize)>,
    data: Vec<u8>,
    /// The text of the batch, waiting for its turn.
    out: Out,
    /// Expert items of this batch (with -z expert), added to the total in frame order.
    stats: ExpertStats,
    /// The learned state the batch was dissected with, and what it was after.
    version: u64,
    end_state: dissect::tree::CaptureState,
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
    pending: Vec<Batch>,
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
