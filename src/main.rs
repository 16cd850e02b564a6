//! `mipscope`: the command line. Every subcommand reads the dissector's one field tree.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dissect::field::Out;
use dissect::output::{self, ExpertStats};
use dissect::prefs::{Prefs, PREFS};
use dissect::tree::Dissection;
use std::fs::File;
use std::io::{self, Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mipscope", version, about = "Dissect and craft IP-mobility route-optimisation signalling")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Decode a capture (pcap or pcapng), like tshark -r.
    Dissect(DissectArgs),
    /// List every field name mipscope knows, with type and description.
    Fields {
        /// Only fields whose name starts with this prefix.
        prefix: Option<String>,
    },
    /// Print the active code points and preferences, and where each value came from.
    #[command(visible_alias = "prefs")]
    Codepoints {
        /// Profile: rfc (default), draft, or a profile file of `key = value` lines.
        #[arg(long, value_name = "NAME|FILE")]
        profile: Option<String>,
        /// Preferences to apply before listing, as key=value.
        #[arg(short = 'o', value_name = "KEY=VALUE")]
        set: Vec<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
    Fields,
}

#[derive(Args)]
struct DissectArgs {
    /// Capture file to read ("-" for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: String,
    /// Print the full tree of every packet.
    #[arg(short = 'V')]
    verbose: bool,
    /// Print a hex dump of every packet.
    #[arg(short = 'x')]
    hex: bool,
    /// Output format.
    #[arg(short = 'T', value_enum, default_value = "text")]
    format: Format,
    /// Field to print with -T fields (repeatable), e.g. -e mip6.bu.seqnr.
    #[arg(short = 'e', value_name = "FIELD")]
    fields: Vec<String>,
    /// -T fields options: separator=/t|/s|C, header=y|n, occurrence=a|f|l, aggregator=C.
    #[arg(short = 'E', value_name = "OPT=VALUE")]
    field_opts: Vec<String>,
    /// Stop after N packets.
    #[arg(short = 'c', value_name = "N")]
    count: Option<u64>,
    /// Set a preference, key=value (see `mipscope codepoints`).
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
    /// Code-point profile: rfc (default), draft, or a profile file of `key = value` lines.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
    /// Statistics after the packets: `expert` summarises expert items.
    #[arg(short = 'z', value_name = "STAT")]
    stats: Vec<String>,
}

/// A user-facing error: one line, non-zero exit.
struct Fail(String, u8);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { ExitCode::from(1) } else { ExitCode::SUCCESS };
            }
            let text = e.to_string();
            let line = text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("mipscope: {line}");
            return ExitCode::from(1);
        }
    };
    let r = match cli.cmd {
        Cmd::Dissect(a) => dissect(a),
        Cmd::Fields { prefix } => fields(prefix.as_deref()),
        Cmd::Codepoints { profile, set } => codepoints(profile.as_deref(), &set),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(msg, code)) => {
            if !msg.is_empty() {
                eprintln!("mipscope: {msg}");
            }
            ExitCode::from(code)
        }
    }
}

fn io_fail(e: io::Error) -> Fail {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Fail(String::new(), 0)
    } else {
        Fail(format!("write error: {e}"), 1)
    }
}

fn parse_prefs(profile: Option<&str>, set: &[String]) -> Result<Prefs, Fail> {
    Prefs::build(profile, set).map_err(|e| Fail(e.to_string(), 1))
}

struct FieldOpts {
    sep: String,
    header: bool,
    occurrence: char,
    aggregator: String,
}

fn parse_field_opts(opts: &[String]) -> Result<FieldOpts, Fail> {
    let mut o = FieldOpts { sep: "\t".into(), header: false, occurrence: 'a', aggregator: ",".into() };
    let unescape = |v: &str| match v {
        "/t" => "\t".to_string(),
        "/s" => " ".to_string(),
        "/n" => "\n".to_string(),
        other => other.to_string(),
    };
    for kv in opts {
        let (k, v) = kv.split_once('=').ok_or_else(|| Fail(format!("-E {kv}: expected option=value"), 1))?;
        match k {
            "separator" => o.sep = unescape(v),
            "header" => {
                o.header = match v {
                    "y" | "yes" | "1" => true,
                    "n" | "no" | "0" => false,
                    _ => return Err(Fail(format!("-E header={v}: expected y or n"), 1)),
                }
            }
            "occurrence" => {
                o.occurrence = match v {
                    "a" | "f" | "l" => v.chars().next().unwrap_or('a'),
                    _ => return Err(Fail(format!("-E occurrence={v}: expected a, f or l"), 1)),
                }
            }
            "aggregator" => o.aggregator = unescape(v),
            _ => return Err(Fail(format!("-E {k}: unknown option (separator, header, occurrence, aggregator)"), 1)),
        }
    }
    Ok(o)
}

fn dissect(a: DissectArgs) -> Result<(), Fail> {
    let prefs = parse_prefs(a.profile.as_deref(), &a.prefs)?;
    let mut expert_stats = None;
    for z in &a.stats {
        match z.as_str() {
            "expert" => expert_stats = Some(ExpertStats::default()),
            other => return Err(Fail(format!("-z {other}: unknown statistic (available: expert)"), 1)),
        }
    }
    if a.format == Format::Fields && a.fields.is_empty() {
        return Err(Fail("-T fields needs at least one -e FIELD".into(), 1));
    }
    if a.format != Format::Fields && !a.fields.is_empty() {
        return Err(Fail("-e FIELD is only meaningful with -T fields".into(), 1));
    }
    let bad: Vec<&str> =
        a.fields.iter().map(String::as_str).filter(|f| dissect::registry::lookup(f).is_none()).collect();
    if !bad.is_empty() {
        return Err(Fail(format!("unknown field(s): {} (see `mipscope fields`)", bad.join(", ")), 1));
    }
    let fopts = parse_field_opts(&a.field_opts)?;
    let input: Box<dyn Read + Send> = if a.read == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(&a.read).map_err(|e| Fail(format!("{}: {e}", a.read), 1))?)
    };
    // `out` is the buffer: it is handed to stdout in 64 KiB writes, so no second buffer.
    let mut w = raw_stdout();
    let mut out = Out::with_capacity(FLUSH_AT + (1 << 14));
    if a.format == Format::Fields && fopts.header {
        out.push_str(&a.fields.join(&fopts.sep));
        out.push('\n');
    }
    if a.format == Format::Json {
        out.push('[');
    }
    w.write_all(out.as_bytes()).map_err(io_fail)?;
    out.clear();
    let fields: Vec<&str> = a.fields.iter().map(String::as_str).collect();
    let defs: Vec<&'static dissect::field::FieldDef> =
        fields.iter().filter_map(|f| dissect::registry::lookup(f)).collect();
    // Build only what will be printed: no tree for the packet list, only the asked-for
    // fields for -T fields (Wireshark does the same).
    let want = match a.format {
        Format::Text if !a.verbose => dissect::tree::Want::Columns,
        Format::Fields => dissect::tree::Want::Fields(&defs),
        _ => dissect::tree::Want::Full,
    };
    let threads = std::env::var("MIPSCOPE_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 2);
    let render = Render { format: a.format, verbose: a.verbose, hex: a.hex, fields: &fields, fopts: &fopts };
    let mut run = Run { prefs: &prefs, want, render: &render, state: Default::default(), expert_stats, limit: a.count.unwrap_or(u64::MAX), n: 0 };
    // With two cores, this thread reads and two workers dissect and render; with one (or
    // MIPSCOPE_THREADS=1), this thread does everything, without copying frames.
    let pooled = threads >= 2;
    let (result, io_err) = if pooled { run.pooled(input, w) } else { run.inline(input, &mut w, &mut out) };
    if let Some(e) = io_err {
        return Err(io_fail(e));
    }
    let mut w = raw_stdout();
    let mut out = Out::new();
    if a.format == Format::Json {
        out.push_str("\n]\n");
    }
    if let Some(s) = &run.expert_stats {
        s.write(&mut out);
    }
    w.write_all(out.as_bytes()).and_then(|()| w.flush()).map_err(io_fail)?;
    match result {
        Ok(_) => Ok(()),
        Err((_, e)) => Err(Fail(format!("{}: {e}", a.read), 2)),
    }
}

type CaptureResult = Result<u64, (u64, dissect::capture::CaptureError)>;

/// One pass over a capture: frames are dissected in order on this thread (a frame may depend
/// on what earlier ones taught, e.g. which nodes are mobile routers), then rendered here or on
/// the render pool.
struct Run<'r> {
    prefs: &'r Prefs,
    want: dissect::tree::Want<'r>,
    render: &'r Render<'r>,
    state: dissect::tree::CaptureState,
    expert_stats: Option<ExpertStats>,
    limit: u64,
    n: u64,
}

impl Run<'_> {
    /// Dissects and renders each frame straight into `out`, without copying the frame.
    fn inline(&mut self, input: Box<dyn Read + Send>, w: &mut Box<dyn Write + Send>, out: &mut Out) -> (CaptureResult, Option<io::Error>) {
        let mut d = Dissection::default();
        let mut io_err = None;
        let result = dissect::capture::for_each_packet(input, |meta, data| {
            if self.n >= self.limit {
                return false;
            }
            self.n += 1;
            dissect::dissect_frame_want(&mut self.state, self.want, &mut d, data, meta, self.prefs);
            if let Some(s) = self.expert_stats.as_mut() {
                s.add(&d);
            }
            self.render.one(&d, data, out);
            if out.len() >= FLUSH_AT {
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
    fn pooled(&mut self, input: Box<dyn Read + Send>, w: Box<dyn Write + Send>) -> (CaptureResult, Option<io::Error>) {
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
        let (render, want, prefs) = (self.render, self.want, self.prefs);
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
                    dissect::dissect_frame_want(&mut state, want, d, data, &meta, prefs);
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
            let result = dissect::capture::for_each_packet(input, |meta, data| {
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
const FLUSH_AT: usize = 1 << 16;

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
    version: (usize, usize),
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
fn raw_stdout() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(File::from(fd));
        }
    }
    Box::new(io::stdout())
}

/// `-E occurrence=f|l`: only the first or last occurrence of each field.
fn write_fields_one(out: &mut Out, d: &Dissection, data: &[u8], fields: &[&str], o: &FieldOpts) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(&o.sep);
        }
        let mut it = d.nodes.iter().filter(|n| n.def.abbrev == *f);
        let pick = if o.occurrence == 'f' { it.next() } else { it.next_back() };
        if let Some(node) = pick {
            output::write_field_value(out, d, data, node);
        }
    }
    out.push('\n');
}

fn fields(prefix: Option<&str>) -> Result<(), Fail> {
    let mut out = String::new();
    let mut all: Vec<_> = dissect::registry::all_fields().collect();
    all.sort_by_key(|f| f.abbrev);
    for f in all.iter().filter(|f| prefix.is_none_or(|p| f.abbrev.starts_with(p))) {
        let what = if f.blurb.is_empty() { f.name } else { f.blurb };
        out.push_str(&format!("{}\t{}\t{}\t{}\n", f.abbrev, f.type_name(), f.name, what));
    }
    io::stdout().lock().write_all(out.as_bytes()).map_err(io_fail)
}

fn codepoints(profile: Option<&str>, set: &[String]) -> Result<(), Fail> {
    let p = parse_prefs(profile, set)?;
    let width = PREFS.iter().map(|d| d.key.len()).max().unwrap_or(0);
    let mut out = format!("# profile {}\n# {:<width$}  {:<24}  {:<16}  {}\n", p.profile.name(), "key", "value", "source", "meaning");
    for d in PREFS {
        let cur = p.get(d.key).unwrap_or_default();
        let src = p.source(d.key).map(|s| s.to_string()).unwrap_or_default();
        let shown = if cur.is_empty() { "(none)" } else { cur };
        out.push_str(&format!("  {:<width$}  {:<24}  {:<16}  {}\n", d.key, shown, src, d.help));
    }
    io::stdout().lock().write_all(out.as_bytes()).map_err(io_fail)
}

/// How frames are rendered (shared, read-only, by the rendering threads).
struct Render<'r> {
    format: Format,
    verbose: bool,
    hex: bool,
    fields: &'r [&'r str],
    fopts: &'r FieldOpts,
}

impl Render<'_> {
    /// Appends the text of one frame to `out`.
    fn one(&self, d: &Dissection, data: &[u8], out: &mut Out) {
        match self.format {
            Format::Text => {
                if self.verbose {
                    output::write_tree(out, d, data);
                } else {
                    output::write_summary(out, d);
                }
                if self.hex {
                    if self.verbose {
                        out.push('\n');
                    }
                    output::write_hex_dump(out, data);
                }
                if self.verbose || self.hex {
                    out.push('\n');
                }
            }
            Format::Json => {
                if d.frame_number > 1 {
                    out.push(',');
                }
                out.push('\n');
                output::json::write_frame(out, d, data);
            }
            Format::Jsonl => {
                output::json::write_frame(out, d, data);
                out.push('\n');
            }
            Format::Fields => {
                if self.fopts.occurrence == 'a' {
                    output::write_fields(out, d, data, self.fields, &self.fopts.sep, &self.fopts.aggregator);
                } else {
                    write_fields_one(out, d, data, self.fields, self.fopts);
                }
            }
        }
    }
}
