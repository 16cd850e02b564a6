//! One pass over a capture: frames read, dissected in order of what they teach, rendered and
//! written in frame order, on one thread or two.

use crate::Render;
use dissect::analysis::track::Tracker;
use dissect::capture::write::PcapngWriter;
use dissect::capture::Source;
use dissect::format::Out;
use dissect::output::ExpertStats;
use dissect::pipeline::{t_ns, Consumer, Pipeline, Written};
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
    /// -l: each frame's output is handed on as soon as it is rendered, whatever the input.
    pub flush_each: bool,
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

impl Run<'_> {
    /// -q with statistics only: they count the parsers' facts and tracking's notes, so the
    /// parsers run alone (`dissect::track_facts`), without the analysis pass whose findings
    /// nothing would show; `pooled` then tracks in frame order as batches are written, not
    /// ahead of them on the reading thread.
    pub fn facts_only(&self) -> bool {
        self.render.quiet && self.stats.is_some() && self.filter.is_none() && self.expert_stats.is_none()
    }

    /// Whether the output can show what the analysis pass decides with the keys earlier frames
    /// taught (`Pipeline::keyed`): the packet list and every tree (Info, expert items), the
    /// statistics, and `-T fields` or a filter that names what the analysis adds.
    fn keyed(&self) -> bool {
        let fields_alone = self.render.quiet || self.render.format == crate::Format::Fields;
        !fields_alone || self.stats.is_some() || self.expert_stats.is_some() || dissect::analysis::shows_analysis(self.want)
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
        let mut shown_before: Option<(i64, u32)> = None;
        let result = input.for_each(|meta, frame, described| {
            if self.n >= self.limit {
                return false;
            }
            let mut data = frame;
            if dissecting {
                d.set_interface(described.interface(meta));
                d.set_comments(described.comments);
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
                        tracker.observe_into(meta.number, t_ns(meta), &d.facts.track, &mut d.note);
                        tracker.take_updates().for_each(drop);
                    }
                } else if tracking {
                    let observe = dissect::analysis::track::Live { tracker, frame: meta.number, t_ns: t_ns(meta) };
                    dissect::dissect_frame_pre(
                        &self.state,
                        self.want,
                        &mut d,
                        f,
                        meta,
                        self.prefs,
                        reasm.as_ref(),
                        data,
                        observe,
                    );
                    self.state.learn(&d);
                } else {
                    // Nothing shows tracking: no note, and no request's memo filled for it (a
                    // closure would say it reads them: ~100 instructions a frame).
                    let none = dissect::analysis::track::Noted(None);
                    dissect::dissect_frame_pre(&self.state, self.want, &mut d, f, meta, self.prefs, reasm.as_ref(), data, none);
                    self.state.learn(&d);
                }
            }
            // `-t dd` and the displayed delta: since the frame shown before this one (the first
            // shown has none), given before the filter runs, which may test it.
            if self.filter.is_some() {
                let ns = |(s, n): (i64, u32)| i128::from(s) * 1_000_000_000 + i128::from(n);
                // As the reader takes `delta_ns`: the difference in 128 bits, kept in 64.
                d.set_shown_delta(shown_before.map_or(0, |b| (ns(meta.ts) - ns(b)) as i64));
            }
            if self.filter.is_some_and(|f| !f.matches(&d, data)) {
                return true;
            }
            if self.filter.is_some() {
                shown_before = Some(meta.ts);
            }
            self.n += 1;
            if let Some(s) = self.expert_stats.as_mut() {
                s.add(&d);
            }
            if let Some(s) = self.stats.as_mut() {
                s.add(&d);
            }
            if let Some(pw) = self.writer.as_mut() {
                if let Err(e) = pw.write_described(meta, frame, described.interfaces, described.comments).and_then(|()| {
                    if self.live {
                        pw.flush()
                    } else {
                        Ok(())
                    }
                }) {
                    io_err = Some(e);
                    return false;
                }
            }
            if self.print {
                self.render.one(&d, data, out);
            }
            if out.len() >= FLUSH_AT || ((self.live || self.flush_each) && !out.is_empty()) {
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

    /// Two threads share the work (`dissect::pipeline`): this one reads frames into batches,
    /// both dissect and render whole batches, and each batch's text is written in frame order.
    /// With statistics alone, the workers run the parsers alone and count, keeping each frame's
    /// tracked messages in its batch; the tracker takes them in frame order as batches are
    /// written and counts the latencies it finds. So the reading thread only reads (and
    /// reassembles), and the one look at each frame is on whichever thread dissects it.
    pub fn pooled(&mut self, input: Source, mut w: Box<dyn Write + Send>) -> (CaptureResult, Option<io::Error>) {
        let deferred = self.facts_only() && !self.two_pass;
        let mut p = Pipeline {
            prefs: self.prefs,
            want: self.want,
            facts_only: deferred,
            tracking: self.tracking,
            two_pass: self.two_pass,
            keyed: self.keyed(),
            filtered: self.filter.is_some(),
            limit: self.limit.saturating_sub(self.n),
            writes: self.writer.is_some(),
            state: std::mem::take(&mut self.state),
            tracker: std::mem::take(&mut self.tracker),
            reasm: std::mem::take(&mut self.reasm),
        };
        // Statistics alone: the tracker takes each batch's tracked messages as it is written.
        let mut tracker = if deferred { Some(std::mem::take(&mut p.tracker)) } else { None };
        let consumer = Rendered {
            render: self.render,
            filter: self.filter,
            deferred,
            counting: self.expert_stats.is_some(),
            stating: self.stats.is_some(),
            print: self.print,
            writing: self.writer.is_some(),
        };
        let (expert_stats, stats, writer) = (&mut self.expert_stats, &mut self.stats, &mut self.writer);
        let stop = std::sync::atomic::AtomicBool::new(false);
        let ended = p.run(
            |each| input.for_each(|meta, data, described| each(meta, data, described)),
            &consumer,
            &stop,
            |batch, b: &mut Part| {
                if let (Some(tracker), Some(st)) = (tracker.as_mut(), stats.as_mut()) {
                    track_in_order(tracker, st, batch, b);
                }
                // -w: the frames shown, in frame order, as `inline` writes them.
                if let Some(pw) = writer.as_mut() {
                    for &k in &b.shown {
                        if let Some(p) = batch.packet(k as usize) {
                            pw.write_described(p.meta, p.data, p.interfaces, p.comments)?;
                        }
                    }
                }
                if let Some(st) = expert_stats.as_mut() {
                    st.merge(&b.stats);
                }
                if let Some(st) = stats.as_mut() {
                    st.merge(&b.mstats);
                }
                w.write_all(b.out.as_bytes())
            },
        );
        self.n += ended.read;
        let mut err = ended.err;
        if let Some(pw) = self.writer.as_mut() {
            if let Err(e) = pw.flush() {
                err.get_or_insert(e);
            }
        }
        self.state = p.state;
        self.tracker = tracker.unwrap_or(p.tracker);
        self.reasm = p.reasm;
        (ended.read_result, err)
    }
}

/// What `pooled`'s threads do with a frame: count it, filter it, render it.
struct Rendered<'r> {
    render: &'r Render<'r>,
    filter: Option<&'r dissect::filter::Filter>,
    /// Statistics alone: the parsers' facts are counted and the tracked messages kept.
    deferred: bool,
    /// -z expert and -z mip6,…: the frames shown are counted.
    counting: bool,
    stating: bool,
    /// False with -w and without -P: frames are written, not rendered.
    print: bool,
    /// -w: the frames shown are noted for the writer.
    writing: bool,
}

impl Consumer for Rendered<'_> {
    type Out = Part;

    fn clear(&self, b: &mut Part) {
        b.out.clear();
        b.stats.clear();
        b.mstats.clear();
        b.tracks.clear();
        b.tracked.clear();
        b.shown.clear();
    }

    fn frame(&self, k: usize, _: &dissect::frame::FrameMeta, d: &Dissection, data: &[u8], b: &mut Part) {
        if self.deferred {
            b.mstats.add_counts(d);
            let facts = &d.facts.track;
            if !facts.is_empty() {
                let from = b.tracks.len();
                b.tracks.extend_from_slice(facts);
                b.tracked.push((k, from, b.tracks.len(), dissect::stats::Stats::proxy(d)));
            }
            if self.writing {
                b.shown.push(k as u32);
            }
            return;
        }
        if self.filter.is_some_and(|f| !f.matches(d, data)) {
            return;
        }
        if self.counting {
            b.stats.add(d);
        }
        if self.stating {
            b.mstats.add(d);
        }
        if self.writing {
            b.shown.push(k as u32);
        }
        if self.print {
            self.render.one(d, data, &mut b.out);
        }
    }
}

/// Tracks a written batch's frames in frame order (statistics alone, see `pooled`), as
/// `inline` does frame by frame: every frame is observed, and what its messages answer is
/// counted as `Stats::add` would.
fn track_in_order(tracker: &mut Tracker, st: &mut dissect::stats::Stats, batch: &Written<'_>, b: &Part) {
    let tracked = b.tracked.iter().map(|&(k, from, to, proxy)| (k, b.tracks.get(from..to).unwrap_or(&[]), proxy));
    let (frames, latest) = (batch.frames(), batch.latest_ns());
    dissect::pipeline::track_in_order(tracker, frames, latest, tracked, |_, note, proxy| st.add_answers(note, proxy));
}

/// Output is handed to stdout once this much has accumulated.
pub const FLUSH_AT: usize = 1 << 16;

/// What a batch of `pooled` gave, waiting for its turn.
#[derive(Default)]
struct Part {
    /// The text of the batch.
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
    /// -w: the frames shown, by index in the batch.
    shown: Vec<u32>,
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
