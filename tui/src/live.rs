//! Live capture (`mipscope tui -i IFACE`): dissect's libpcap reader ([`dissect::live::Live`],
//! its own thread and bounded queue) feeds a capture thread here that appends each packet to
//! a spool, a temporary pcapng file, and a ticker that publishes what was spooled to the UI
//! every [`TICK`] with libpcap's counters and the capture rate.
//!
//! Why a spool file and not memory: the UI already reads frames back at their offsets (the
//! file browser's [`Packets`]), the filter, report and save paths then work unchanged, and
//! memory stays at one [`Entry`] per frame (two: the spool keeps its own copy of the index for
//! the live filter) whatever the packets hold, so an hour at line rate costs disk, not RAM.
//! The file is deleted when the app ends (not after a SIGKILL: it is in the temp directory,
//! named `mipscope-tui-PID-….pcapng`).
//!
//! Only whole, flushed blocks are published: an [`Entry`] reaches the UI after its octets are
//! in the file, and [`Packets::reopen`] reads up to the last published byte.
//!
//! A context pass follows the published frames as the file browser's follows the file
//! ([`crate::pass::checkpoints`]): it learns from every frame in order (capture state, tracker,
//! reassembler) and sends a checkpoint every so many frames, so a frame selected anywhere in a
//! long capture is dissected as `mipscope dissect -r` of the saved file dissects it. It runs
//! on a thread of its own, behind the capture when it must be: it never slows the spool.

use crate::app::Event;
use crate::filter::Progress;
use crate::index::{Batch, Entries, Entry, Link};
use crate::pass::Stepper;
use crate::source::Packets;
use dissect::capture::write::PcapngWriter;
use dissect::capture::{Interface, Source};
use dissect::live::{Counters, Live};
use dissect::prefs::Prefs;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// How often the ticker publishes: the list's delay behind the wire, at most.
pub const TICK: Duration = Duration::from_millis(100);

/// Frames between two checkpoints of a live capture's context pass (a file's are
/// [`crate::pass::CHECKPOINT_EVERY`] apart). Why wider: at 100,000 frames a second every frame
/// of the last 64 s may be a request the tracker remembers, so a context is about a megabyte
/// (a file's, its frames spread over time, far less); cloned every 1,024 frames that was
/// 560 MiB after 5 s and half the pass's time. A jump replays at most twice this many frames
/// (about 25 ms); moving down replays none.
pub const CHECKPOINT_EVERY: u64 = 8192;

/// One publication: the frames spooled since the last one, libpcap's counters, the rate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tick {
    pub batch: Batch,
    /// libpcap: packets received, dropped by the kernel (no room in its buffer), dropped by the
    /// interface.
    pub received: u64,
    pub dropped: u64,
    pub if_dropped: u64,
    /// Packets spooled per second over the last second.
    pub rate: u64,
}

/// Writes through to `inner`, counting octets: where the next block starts in the spool.
struct Counting {
    inner: BufWriter<File>,
    at: Arc<AtomicU64>,
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.at.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

struct Writing {
    w: PcapngWriter<Counting>,
    /// Spooled, not yet published.
    pending: Vec<Entry>,
    error: Option<String>,
    /// Octets written so far (the writer's [`Counting`]).
    at: Arc<AtomicU64>,
}

/// The spool shared by the capture thread, the ticker and the UI.
pub struct Spool {
    path: PathBuf,
    name: String,
    read: File,
    writing: Mutex<Writing>,
    /// Octets of whole, flushed blocks: what readers may see.
    committed: AtomicU64,
    /// Every published entry, for the live filter (the UI has its own in its index).
    published: Mutex<Entries>,
    ended: AtomicBool,
    link: Link,
    /// The one interface captured on (what a filter on `frame.interface_name` reads).
    interfaces: dissect::capture::Interfaces,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Spool {
    /// Creates the spool file for a capture on `iface`.
    pub fn create(iface: &Interface) -> io::Result<Spool> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!("mipscope-tui-{}-{nanos}.pcapng", std::process::id()));
        let file = File::options().read(true).write(true).create_new(true).open(&path)?;
        let read = file.try_clone()?;
        let at = Arc::new(AtomicU64::new(0));
        let mut w = PcapngWriter::new(Counting { inner: BufWriter::with_capacity(1 << 16, file), at: Arc::clone(&at) })?;
        // The section header readable at once: a report before the first packet reads an empty capture.
        w.flush()?;
        let committed = at.load(Ordering::Relaxed);
        Ok(Spool {
            path,
            name: iface.name.clone().unwrap_or_else(|| "live".into()),
            read,
            writing: Mutex::new(Writing { w, pending: Vec::new(), error: None, at }),
            committed: AtomicU64::new(committed),
            published: Mutex::new(Entries::default()),
            ended: AtomicBool::new(false),
            // Nanoseconds, as the live capture takes and writes them (`if_tsresol` 9).
            link: Link { linktype: iface.linktype, interface: Some(0), section: 0, ts_digits: Some(9) },
            interfaces: vec![iface.clone()],
        })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Appends one packet (the capture thread); `false` once writing failed.
    fn append(&self, meta: &dissect::frame::FrameMeta, data: &[u8], ifaces: &dissect::capture::Interfaces) -> bool {
        let mut g = lock(&self.writing);
        if g.error.is_some() {
            return false;
        }
        if let Err(e) = g.w.write(meta, data, ifaces) {
            g.error = Some(format!("{}: {e}", self.path.display()));
            return false;
        }
        // The packet block (no options) ends with its octets padded to 32 bits and its length
        // repeated: the octets start that far before the end.
        let at = g.at.load(Ordering::Relaxed) - 4 - data.len().next_multiple_of(4) as u64;
        let ts_ns = meta.ts.0.saturating_mul(1_000_000_000).saturating_add(i64::from(meta.ts.1));
        g.pending.push(Entry { at, ts_ns, cap_len: data.len() as u32, wire_len: meta.wire_len, link: 0 });
        true
    }

    /// Flushes what was spooled and makes it visible; the entries published now.
    fn publish(&self) -> Result<Vec<Entry>, String> {
        let mut g = lock(&self.writing);
        if let Some(e) = &g.error {
            return Err(e.clone());
        }
        if g.pending.is_empty() {
            return Ok(Vec::new());
        }
        if let Err(e) = g.w.flush() {
            g.error = Some(format!("{}: {e}", self.path.display()));
            return Err(g.error.clone().unwrap_or_default());
        }
        let entries = std::mem::take(&mut g.pending);
        self.committed.store(g.at.load(Ordering::Relaxed), Ordering::Release);
        lock(&self.published).extend_from_slice(&entries);
        Ok(entries)
    }

    /// A reader of the capture as published so far.
    pub fn snapshot(&self) -> io::Result<Box<dyn Read + Send>> {
        let committed = self.committed.load(Ordering::Acquire);
        Ok(Box::new(File::open(&self.path)?.take(committed)))
    }

    /// True once the capture has ended and everything was published.
    pub fn ended(&self) -> bool {
        self.ended.load(Ordering::Acquire)
    }

    /// Published entries from index `from` on (at most `max`, and fewer at a chunk's end).
    fn entries_from(&self, from: usize, max: usize) -> Vec<Entry> {
        lock(&self.published).run_from(from, max).to_vec()
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The UI's view of the spool: frames read at their offsets, the whole capture so far.
pub struct LiveSource(pub Arc<Spool>);

impl Packets for LiveSource {
    fn read(&self, e: &Entry, buf: &mut Vec<u8>) -> io::Result<()> {
        buf.resize(e.cap_len as usize, 0);
        self.0.read.read_exact_at(buf, e.at)
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> io::Result<()> {
        self.0.read.read_exact_at(buf, at)
    }
    fn reopen(&self) -> io::Result<Box<dyn Read + Send>> {
        self.0.snapshot()
    }
    fn opener(&self) -> crate::source::Opener {
        let spool = Arc::clone(&self.0);
        Box::new(move || spool.snapshot())
    }
    fn name(&self) -> &str {
        &self.0.name
    }
    fn spool(&self) -> Option<Arc<Spool>> {
        Some(Arc::clone(&self.0))
    }
    fn identity(&self) -> Option<(u64, u64)> {
        self.0.read.metadata().ok().map(|m| crate::source::identity_of(&m))
    }
}

/// How the app opens a capture on `device` (stopped by `stop`): every packet, whole, the default
/// kernel buffer, and not in immediate mode: the kernel packs packets into its buffer (many
/// more of them fit than in immediate mode's one slot each), and the list is published every
/// [`TICK`] anyway, so a packet waiting for the kernel's block or a poll costs nothing seen.
pub fn options(device: impl Into<String>, stop: Arc<AtomicBool>) -> dissect::live::LiveOptions {
    dissect::live::LiveOptions { immediate: false, ..dissect::live::LiveOptions::new(device, stop) }
}

/// Starts capturing: the capture thread (until `stop` is set or libpcap ends), the ticker,
/// which sends [`Event::Captured`] every [`TICK`] and [`Event::CaptureDone`] at the end, and the
/// context pass, which sends [`Event::Context`] every `every` frames it stepped (the app's
/// checkpoint spacing, [`CHECKPOINT_EVERY`]) and once more when it has read the
/// whole capture.
pub fn start(live: Live, stop: Arc<AtomicBool>, prefs: Prefs, every: u64, tx: SyncSender<Event>) -> io::Result<Arc<Spool>> {
    let spool = Arc::new(Spool::create(live.interface())?);
    let counters = live.counters();
    let iface = live.interface().clone();
    let done: Arc<Mutex<Option<Result<u64, String>>>> = Arc::default();
    let (s, d) = (Arc::clone(&spool), Arc::clone(&done));
    thread::Builder::new().name("spool".into()).spawn(move || {
        let r = Source::Live(live)
            .for_each(|meta, data, described| !stop.load(Ordering::Relaxed) && s.append(meta, data, described.interfaces));
        *lock(&d) = Some(r.map_err(|(_, e)| e.to_string()));
    })?;
    let (s, cx_tx) = (Arc::clone(&spool), tx.clone());
    thread::Builder::new().name("ticker".into()).spawn(move || tick_loop(&s, &counters, &iface, &done, &tx))?;
    let s = Arc::clone(&spool);
    thread::Builder::new().name("context".into()).spawn(move || context(&s, every, &prefs, &cx_tx))?;
    Ok(spool)
}

/// The live context pass: every published frame stepped in order, a checkpoint every `every`,
/// the frames stepped after each chunk; until the capture has ended and every frame was read,
/// or the app is gone.
fn context(spool: &Spool, every: u64, prefs: &Prefs, tx: &SyncSender<Event>) {
    let mut stepper = Stepper::default();
    let every = every.max(1);
    let never = AtomicBool::new(false);
    let r = follow(spool, &never, |step| match step {
        Step::Frame(n, meta, frame) => {
            stepper.step(dissect::tree::Want::Columns, prefs, meta, frame, |_, _| ());
            let cx = n.is_multiple_of(every).then(|| Arc::new(stepper.context().clone()));
            cx.is_none_or(|cx| tx.send(Event::Context { frames: n, cx: Some(cx) }).is_ok())
        }
        Step::Chunk(n) => tx.send(Event::Context { frames: n, cx: None }).is_ok(),
    });
    // The end (of the capture, or where a frame could not be read): frames stepped.
    if let Ok(n) = r {
        let _ = tx.send(Event::Context { frames: n, cx: None });
    }
}

/// What [`follow`] hands its consumer.
enum Step<'a> {
    /// A frame: its number (from 1), metadata and octets.
    Frame(u64, &'a dissect::frame::FrameMeta, &'a [u8]),
    /// A chunk of frames was read: frames read so far.
    Chunk(u64),
}

/// Reads the published frames in order from the first, waiting for more at the end, until the
/// capture has ended and every frame was read, or `cancel` is set, or `each` returns `false`.
/// Returns frames read.
fn follow(spool: &Spool, cancel: &AtomicBool, mut each: impl FnMut(Step<'_>) -> bool) -> Result<u64, String> {
    let mut read = 0usize;
    let (mut first, mut prev) = (0i64, 0i64);
    let mut buf = Vec::new();
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Ok(read as u64);
        }
        // Read `ended` before the entries: an end seen with nothing left is the true end.
        let ended = spool.ended();
        let entries = spool.entries_from(read, CHUNK);
        if entries.is_empty() {
            if ended {
                return Ok(read as u64);
            }
            thread::sleep(TICK / 2);
            continue;
        }
        for e in entries {
            read += 1;
            if read == 1 {
                (first, prev) = (e.ts_ns, e.ts_ns);
            }
            let meta = e.meta(read as u64, first, prev, spool.link);
            prev = e.ts_ns;
            buf.resize(e.cap_len as usize, 0);
            spool.read.read_exact_at(&mut buf, e.at).map_err(|err| format!("frame {read}: {err}"))?;
            if !each(Step::Frame(read as u64, &meta, &buf)) {
                return Ok(read as u64);
            }
        }
        if !each(Step::Chunk(read as u64)) {
            return Ok(read as u64);
        }
    }
}

fn tick_loop(
    spool: &Spool,
    counters: &Counters,
    iface: &Interface,
    done: &Mutex<Option<Result<u64, String>>>,
    tx: &SyncSender<Event>,
) {
    let mut first = true;
    let mut total = 0u64;
    let mut window: VecDeque<(Instant, u64)> = VecDeque::new();
    loop {
        thread::sleep(TICK);
        let finished = lock(done).take();
        let published = spool.publish();
        let entries = match published {
            Ok(e) => e,
            Err(e) => {
                spool.ended.store(true, Ordering::Release);
                let _ = tx.send(Event::CaptureDone(Err(e)));
                return;
            }
        };
        total += entries.len() as u64;
        let now = Instant::now();
        window.push_back((now, total));
        while window.front().is_some_and(|(t, _)| now.duration_since(*t) > Duration::from_secs(1)) {
            window.pop_front();
        }
        let rate = match window.front() {
            Some((t, n)) if now.duration_since(*t) >= TICK => {
                ((total - n) as f64 / now.duration_since(*t).as_secs_f64()).round() as u64
            }
            _ => 0,
        };
        let batch = Batch {
            entries,
            links: first.then(|| vec![spool.link]),
            interfaces: if first { vec![(0, vec![iface.clone()])] } else { Vec::new() },
            flags: Vec::new(),
            options: Vec::new(),
            untimed: Vec::new(),
            commented: Vec::new(),
        };
        first = false;
        let tick = Tick {
            batch,
            received: counters.received.load(Ordering::Relaxed),
            dropped: counters.dropped.load(Ordering::Relaxed),
            if_dropped: counters.if_dropped.load(Ordering::Relaxed),
            rate,
        };
        if tx.send(Event::Captured(tick)).is_err() {
            spool.ended.store(true, Ordering::Release);
            return;
        }
        if let Some(r) = finished {
            // The capture thread has returned: everything it spooled was published above.
            spool.ended.store(true, Ordering::Release);
            let _ = tx.send(Event::CaptureDone(r));
            return;
        }
    }
}

/// Frames the live filter takes at a time (then it reports).
const CHUNK: usize = 4096;

/// A display filter over a live capture: one pass in frame order like [`crate::filter::run`],
/// that waits for more frames at the end instead of stopping, until the capture has ended
/// and every frame was read, or `cancel` is set. Reports after every chunk of frames.
pub fn filter(
    spool: &Spool,
    filter: &crate::filter::Compiled,
    prefs: &Prefs,
    cancel: &AtomicBool,
    mut report: impl FnMut(Progress) -> bool,
) -> Result<u64, String> {
    let want = filter.want();
    let mut stepper = Stepper::default();
    let mut found = Progress::default();
    follow(spool, cancel, |step| match step {
        Step::Frame(n, meta, frame) => {
            stepper.describe(meta, &dissect::capture::Described::plain(&spool.interfaces));
            if stepper.step(want, prefs, meta, frame, |d, data| filter.matches(d, data)) {
                found.matches.push(u32::try_from(n).unwrap_or(u32::MAX));
            }
            true
        }
        Step::Chunk(n) => {
            let mut done = std::mem::take(&mut found);
            done.read = n;
            report(done)
        }
    })
}
