//! `mipscope`: the command line. Every subcommand reads the dissector's one field tree.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dissect::format::Out;
use dissect::output::{self, Cell, ExpertStats};
use dissect::prefs::{Prefs, PREFS};
use dissect::stats::render::{Tables, TABLE_NAMES};
use dissect::stats::Stats;
use dissect::tree::Dissection;
use run::{raw_stdout, Run, FLUSH_AT};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// Files from this size up get a progress bar (when standard error is a terminal).
const PROGRESS_MIN: u64 = 32 << 20;

mod capture;
mod check;
mod craft;
mod flow;
mod run;
mod tui;

#[derive(Parser)]
#[command(name = "mipscope", version, about = "Dissect and craft IP-mobility route-optimisation signalling")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Decode a capture (pcap or pcapng) or a live interface, like tshark -r / -i.
    Dissect(Box<DissectArgs>),
    /// List every field name mipscope knows, with type and description.
    Fields {
        /// Only fields whose name starts with this prefix.
        prefix: Option<String>,
    },
    /// Statistics of a capture: messages and options, status codes, lifetimes, request ->
    /// response latency, conversations (`dissect -q -z mip6,stat` with a choice of format).
    Stats(StatsArgs),
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
    /// Build messages by name, edit captures by field name, write whole exchanges.
    Craft(craft::CraftArgs),
    /// Check a capture against the conformance rules of the seeds and the base RFCs (exit 1
    /// when a MUST or MUST NOT rule fails); --list-rules prints the catalogue.
    Check(check::CheckArgs),
    /// Ladder diagram of a capture's signalling: a column per node (with its role), an arrow
    /// per message, time on the left, findings on their arrows; text or SVG.
    Flow(flow::FlowArgs),
    /// Browse a capture in the terminal: packet list, detail tree, bytes, display filter.
    Tui(tui::TuiArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
    Fields,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

#[derive(Args)]
struct StatsArgs {
    /// Capture file to read ("-" for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: String,
    /// Display filter: count only the packets it matches.
    #[arg(short = 'Y', value_name = "FILTER", allow_hyphen_values = true)]
    filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: StatsFormat,
    /// Set a preference, key=value (see `mipscope codepoints`).
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
    /// Code-point profile: rfc (default), draft, or a profile file of `key = value` lines.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
}

#[derive(Args)]
// As tshark: an option given again takes its last value (`-t ad -t e`).
#[command(args_override_self = true)]
struct DissectArgs {
    /// Capture file to read ("-" for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: Option<String>,
    /// Capture live on this interface (see -D).
    #[arg(short = 'i', value_name = "IFACE")]
    interface: Option<String>,
    /// List the interfaces a live capture can use, and exit.
    #[arg(short = 'D')]
    list_interfaces: bool,
    /// Capture filter (libpcap's BPF language), with -i.
    #[arg(short = 'f', value_name = "BPF", allow_hyphen_values = true)]
    capture_filter: Option<String>,
    /// Stop a live capture: duration:SECONDS.
    #[arg(short = 'a', value_name = "COND")]
    autostop: Vec<String>,
    /// Kernel capture buffer for -i, in MiB (tshark's -B).
    #[arg(short = 'B', value_name = "MiB", default_value_t = dissect::live::BUFFER_MIB, value_parser = clap::value_parser!(u32).range(1..=4096))]
    buffer: u32,
    /// Write the packets (with -Y, the packets it matches) to a pcapng file ("-": standard output).
    #[arg(short = 'w', value_name = "FILE")]
    write: Option<String>,
    /// With -w, print the packets too.
    #[arg(short = 'P')]
    print: bool,
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
    /// -T fields options: separator=/t|/s|C, header=y|n, occurrence=a|f|l, aggregator=C, quote=d|s|n, bom=y|n.
    #[arg(short = 'E', value_name = "OPT=VALUE")]
    field_opts: Vec<String>,
    /// Stop after N packets (N shown packets with -Y).
    #[arg(short = 'c', value_name = "N")]
    count: Option<u64>,
    /// Display filter (Wireshark's language): show only the packets it matches.
    #[arg(short = 'Y', value_name = "FILTER", allow_hyphen_values = true)]
    filter: Option<String>,
    /// Set a preference, key=value (see `mipscope codepoints`).
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
    /// Code-point profile: rfc (default), draft, or a profile file of `key = value` lines.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
    /// Time column: a (time of day), ad (date and time), adoy (year/day of year and time), d
    /// (since the previous packet), dd (since the previous packet shown), e (since the epoch),
    /// r (since the first packet, default), u, ud, udoy (as a, ad, adoy: every time is UTC).
    #[arg(short = 't', value_name = "FORMAT", value_parser = parse_time_ref, default_value = "r", hide_default_value = true)]
    time: dissect::output::TimeRef,
    /// Seconds in the time column: s (default) or hms (hours, minutes and seconds, for r, d, dd).
    #[arg(short = 'u', value_name = "s|hms", value_parser = ["s", "hms"], default_value = "s", hide_default_value = true)]
    seconds: String,
    /// Two-pass analysis (tshark's -2): a request shows the frame of its response
    /// (mip6.response_in, mip.response_in) or that none came; frames wait while a request of
    /// theirs is pending (at most 65,536 frames or 64 s of capture time).
    #[arg(short = '2')]
    two_pass: bool,
    /// Statistics after the packets: `expert` summarises expert items; `mip6,stat` (every
    /// table), `mip6,tree` (messages and options), `mip6,status`, `mip6,lifetime`, `mip6,srt`
    /// (request -> response latency), `mip6,conv` (conversations).
    #[arg(short = 'z', value_name = "STAT")]
    stats: Vec<String>,
    /// Quiet: no packets printed (with -z, only the statistics).
    #[arg(short = 'q')]
    quiet: bool,
    /// Flush standard output after each packet (for a pipe: each line as its packet is read).
    #[arg(short = 'l')]
    flush_each: bool,
    /// No name resolution (tshark's -n): mipscope never resolves names, so this changes nothing.
    #[arg(short = 'n')]
    no_resolve: bool,
    /// Statistics as JSON (`mipscope stats --format json`).
    #[arg(skip)]
    stats_json: bool,
}

/// clap's error as one line: its first line, and when that introduces a list ("the following
/// required arguments were not provided:"), the list's items after it, so the line names them.
pub(crate) fn clap_line(text: &str) -> String {
    let mut lines = text.lines();
    let mut line = lines.next().unwrap_or("invalid arguments").trim_start_matches("error: ").to_string();
    if line.ends_with(':') {
        let items: Vec<&str> = lines.take_while(|l| l.starts_with("  ")).map(str::trim).collect();
        if !items.is_empty() {
            line = format!("{line} {}", items.join(", "));
        }
    }
    line
}

/// A user-facing error: one line, non-zero exit.
pub(crate) struct Fail(pub(crate) String, pub(crate) u8);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                };
            }
            eprintln!("mipscope: {}", clap_line(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    let r = match cli.cmd {
        Cmd::Dissect(a) => dissect(*a),
        Cmd::Stats(a) => dissect(DissectArgs {
            read: Some(a.read),
            interface: None,
            list_interfaces: false,
            capture_filter: None,
            autostop: Vec::new(),
            buffer: dissect::live::BUFFER_MIB,
            write: None,
            print: false,
            two_pass: false,
            time: Default::default(),
            seconds: "s".into(),
            verbose: false,
            hex: false,
            format: Format::Text,
            fields: Vec::new(),
            field_opts: Vec::new(),
            count: None,
            filter: a.filter,
            prefs: a.prefs,
            profile: a.profile,
            stats: vec!["mip6,stat".into()],
            quiet: true,
            flush_each: false,
            no_resolve: false,
            stats_json: a.format == StatsFormat::Json,
        }),
        Cmd::Fields { prefix } => fields(prefix.as_deref()),
        Cmd::Codepoints { profile, set } => codepoints(profile.as_deref(), &set),
        Cmd::Craft(a) => craft::run(a),
        Cmd::Check(a) => check::run(a),
        Cmd::Flow(a) => flow::run(a),
        Cmd::Tui(a) => tui::run(a),
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

pub(crate) fn io_fail(e: io::Error) -> Fail {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Fail(String::new(), 0)
    } else {
        Fail(format!("write error: {e}"), 1)
    }
}

/// The preferences, after saying on stderr which code points collide (`Prefs::collisions`).
pub(crate) fn parse_prefs(profile: Option<&str>, set: &[String]) -> Result<Prefs, Fail> {
    let p = Prefs::build(profile, set).map_err(|e| Fail(e.to_string(), 1))?;
    for c in p.collisions() {
        eprintln!("mipscope: warning: {c}");
    }
    Ok(p)
}

/// `-t NAME`, by tshark's names.
fn parse_time_ref(s: &str) -> Result<dissect::output::TimeRef, String> {
    use dissect::output::TimeRef;
    TimeRef::named(s).ok_or_else(|| {
        let names: Vec<&str> = TimeRef::NAMES.iter().map(|(n, _)| *n).collect();
        format!("one of {}", names.join(", "))
    })
}

/// tshark's `-E` options: the cells' layout, and what comes before the first line.
struct FieldOpts {
    cells: output::FieldsFormat,
    header: bool,
    /// A UTF-8 byte order mark before everything (`-E bom=y`).
    bom: bool,
}

fn parse_field_opts(opts: &[String]) -> Result<FieldOpts, Fail> {
    let mut o = FieldOpts { cells: output::FieldsFormat::default(), header: false, bom: false };
    let unescape = |v: &str| match v {
        "/t" => "\t".to_string(),
        "/s" => " ".to_string(),
        "/n" => "\n".to_string(),
        other => other.to_string(),
    };
    let yes_no = |k: &str, v: &str| match v {
        "y" | "yes" | "1" => Ok(true),
        "n" | "no" | "0" => Ok(false),
        _ => Err(Fail(format!("-E {k}={v}: expected y or n"), 1)),
    };
    for kv in opts {
        let (k, v) = kv.split_once('=').ok_or_else(|| Fail(format!("-E {kv}: expected option=value"), 1))?;
        match k {
            "separator" => o.cells.sep = unescape(v),
            "header" => o.header = yes_no(k, v)?,
            // As tshark, by the value's first letter.
            "bom" => o.bom = yes_no(k, v.get(..1).unwrap_or(v))?,
            "occurrence" => {
                o.cells.occurrence = match v {
                    "a" | "f" | "l" => v.chars().next().unwrap_or('a'),
                    _ => return Err(Fail(format!("-E occurrence={v}: expected a, f or l"), 1)),
                }
            }
            "aggregator" => o.cells.aggregator = unescape(v),
            "quote" => {
                o.cells.quote = match v.get(..1).unwrap_or(v) {
                    "d" => Some('"'),
                    "s" => Some('\''),
                    "n" => None,
                    _ => return Err(Fail(format!("-E quote={v}: expected d, s or n"), 1)),
                }
            }
            _ => return Err(Fail(format!("-E {k}: unknown option (separator, header, occurrence, aggregator, quote, bom)"), 1)),
        }
    }
    Ok(o)
}

fn dissect(a: DissectArgs) -> Result<(), Fail> {
    if a.list_interfaces {
        return capture::list_interfaces();
    }
    if a.write.as_deref() == Some("-") && a.print {
        return Err(Fail("-P cannot be used with -w -: packets and the capture would share standard output".into(), 1));
    }
    if a.count == Some(0) {
        // tshark refuses it too ("The specified packet count is zero"): with -r it would mean
        // nothing, with -i no limit.
        return Err(Fail("-c 0: the packet count must be at least 1".into(), 1));
    }
    let prefs = parse_prefs(a.profile.as_deref(), &a.prefs)?;
    let mut expert_stats = None;
    let mut tables = Tables::default();
    for z in &a.stats {
        match z.as_str() {
            "expert" => expert_stats = Some(ExpertStats::default()),
            other => match other.strip_prefix("mip6,") {
                Some(t) if tables.select(t) => {}
                _ => return Err(Fail(format!("-z {other}: unknown statistic (available: expert, mip6,{{{TABLE_NAMES}}})"), 1)),
            },
        }
    }
    if a.format == Format::Fields && a.fields.is_empty() {
        return Err(Fail("-T fields needs at least one -e FIELD".into(), 1));
    }
    if a.format != Format::Fields && !a.fields.is_empty() {
        return Err(Fail("-e FIELD is only meaningful with -T fields".into(), 1));
    }
    let bad: Vec<&str> = a.fields.iter().map(String::as_str).filter(|f| Cell::named(f).is_none()).collect();
    if !bad.is_empty() {
        return Err(Fail(format!("unknown field(s): {} (see `mipscope fields`)", bad.join(", ")), 1));
    }
    let mut fopts = parse_field_opts(&a.field_opts)?;
    let filter = match a.filter.as_deref() {
        Some(text) => Some(compile_filter(text)?),
        None => None,
    };
    let duration = capture::parse_autostop(&a.autostop)?;
    if a.two_pass && a.interface.is_some() && a.read.is_none() {
        // As tshark: a live capture has no second pass (refused before the interface opens).
        return Err(Fail("live captures do not support two-pass analysis (-2)".into(), 1));
    }
    let mut input =
        capture::open_source(a.read.as_deref(), a.interface.as_deref(), a.capture_filter.as_deref(), duration, a.buffer)?;
    // A progress bar on a terminal's stderr for a large file, unless packets are being
    // printed to the same terminal.
    let mut bar = None;
    let size = a.read.as_deref().filter(|r| *r != "-").and_then(|r| std::fs::metadata(r).ok()).map_or(0, |m| m.len());
    if size >= PROGRESS_MIN && io::stderr().is_terminal() && (a.quiet || !io::stdout().is_terminal()) {
        if let dissect::capture::Source::File(r) = input {
            let pb = indicatif::ProgressBar::new(size);
            pb.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar = Some(pb.clone());
            input = dissect::capture::Source::File(Box::new(pb.wrap_read(r)));
        }
    }
    let mut writer = a.write.as_deref().map(capture::open_writer).transpose()?;
    capture::capturing(&input);
    let live = input.is_live();
    let source_name = a.read.clone().or_else(|| a.interface.clone()).unwrap_or_default();
    // -w without -P: the packets go to the file, the terminal shows nothing but the count.
    let print = a.write.is_none() || a.print;
    // `out` is the buffer: it is handed to stdout in 64 KiB writes, so no second buffer.
    let mut w = raw_stdout();
    let mut out = Out::with_capacity(FLUSH_AT + (1 << 14));
    if !print {
        w = Box::new(io::sink());
    }
    if a.format == Format::Fields && fopts.bom {
        out.push('\u{feff}');
    }
    if a.format == Format::Fields && fopts.header {
        out.push_str(&a.fields.join(&fopts.cells.sep));
        out.push('\n');
    }
    if a.format == Format::Json {
        out.push('[');
    }
    w.write_all(out.as_bytes()).map_err(io_fail)?;
    out.clear();
    // Fields are found by registry entry: every row of the field (a profile's other layout)
    // and every row aliased to its name.
    // Columns (`_ws.col.Info`) come from the columns every dissection fills in.
    let cells: Vec<Cell> = a.fields.iter().filter_map(|f| Cell::named(f)).collect();
    let mut defs: Vec<&'static dissect::field::FieldDef> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Field(e) => Some(e.members()),
            Cell::Column(_) => None,
        })
        .flatten()
        .collect();
    // Build only what will be printed or filtered on: no tree for the packet list, only the
    // asked-for fields for -T fields and the filter's fields (Wireshark does the same).
    if let Some(f) = &filter {
        for r in f.rows() {
            if !defs.iter().any(|d| std::ptr::eq(*d, *r)) {
                defs.push(r);
            }
        }
    }
    // `-z expert` counts every expert item, and a dissector that keeps no node skips what
    // only a tree shows: an Ethernet trailer and its note among them. The expert rows are
    // asked for, and a dissector that raises an item only with nodes sees them asked.
    let counts_experts = expert_stats.is_some();
    if counts_experts {
        use dissect::tree::{WS_EXPERT, WS_EXPERT_GROUP, WS_EXPERT_MESSAGE, WS_EXPERT_SEVERITY};
        for r in [&WS_EXPERT, &WS_EXPERT_MESSAGE, &WS_EXPERT_SEVERITY, &WS_EXPERT_GROUP] {
            if !defs.iter().any(|d| std::ptr::eq(*d, r)) {
                defs.push(r);
            }
        }
    }
    let want = match a.format {
        _ if filter.as_ref().is_some_and(|f| f.needs_tree()) => dissect::tree::Want::Full,
        // Nothing printed: only what the filter needs (statistics read the parsers' facts).
        _ if a.quiet && filter.is_none() && !counts_experts => dissect::tree::Want::Columns,
        _ if a.quiet => dissect::tree::Want::Fields(&defs),
        Format::Text if !a.verbose && filter.is_none() && !counts_experts => dissect::tree::Want::Columns,
        Format::Text if !a.verbose => dissect::tree::Want::Fields(&defs),
        Format::Fields => dissect::tree::Want::Fields(&defs),
        _ => dissect::tree::Want::Full,
    };
    let threads = dissect::pipeline::threads();
    use dissect::tree::Want;
    let all_kinds = a.two_pass || !a.stats.is_empty() || !matches!(want, Want::Columns) && dissect::analysis::track::shows(want);
    // The packet list, or its Info column as a -T fields cell: a ping's Info names its pair.
    let info_cell = cells.iter().any(|c| matches!(c, Cell::Column(output::Column::Info)));
    let list = matches!(a.format, Format::Text) && !a.verbose && !a.quiet || info_cell;
    let time = dissect::output::TimeFormat { what: a.time, hms: a.seconds == "hms" };
    fopts.cells.time = time;
    let render = Render { format: a.format, verbose: a.verbose, hex: a.hex, fields: &cells, fopts: &fopts, quiet: a.quiet, time };
    let mut run = Run {
        prefs: &prefs,
        want,
        render: &render,
        state: Default::default(),
        expert_stats,
        stats: tables.any().then(Stats::default),
        limit: a.count.unwrap_or(u64::MAX),
        n: 0,
        filter: filter.as_ref(),
        writer: writer.take(),
        print,
        live,
        flush_each: a.flush_each,
        // -2 shows every request's answer, -z expert counts tracking's expert items, -z
        // mip6,… the latencies; otherwise only what the output shows: a tree or the fields
        // tracking adds every kind, a packet list (with or without -Y, or its Info column as a
        // cell) the pings' Info.
        tracker: if all_kinds { Default::default() } else { dissect::analysis::track::tracker_for(Want::Columns) },
        tracking: all_kinds || list,
        two_pass: a.two_pass,
        reasm: Default::default(),
    };
    // With two cores, this thread reads and two workers dissect and render; with one (or
    // MIPSCOPE_THREADS=1), this thread does everything, without copying frames. With -Y and
    // -c, -c counts shown packets, which only the thread that filters knows: one thread.
    // A live capture (or -l) shows each packet as it comes and a capture is written in frame
    // order: both on this thread; so does -t dd with -Y (the previous packet shown is known
    // only where frames are filtered in order). -2 holds frames back until their requests are settled, which
    // `pooled` does (on any number of cores), so it takes neither.
    if a.two_pass && filter.is_some() && a.count.is_some() {
        return Err(Fail("-2 with both -Y and -c is not supported".into(), 1));
    }
    let delta_shown = filter.is_some() && a.time == dissect::output::TimeRef::DeltaShown;
    // The frame subtree's "Time delta from previous displayed frame" likewise (the tree, JSON,
    // or a field list naming it): filtered in order, it is exact; with -2 (which cannot take
    // frames in order) it is left out.
    let shows_displayed_delta = match want {
        Want::Full => !a.quiet,
        Want::Fields(defs) => defs.iter().any(|d| std::ptr::eq(*d, &dissect::frame::TIME_DELTA_DISPLAYED)),
        Want::Columns => false,
    };
    let delta_shown_tree = filter.is_some() && shows_displayed_delta && !a.two_pass;
    if a.two_pass && delta_shown {
        return Err(Fail("-t dd with both -2 and -Y is not supported".into(), 1));
    }
    // With -q and statistics nothing is rendered, so a worker's dissection is cheap and the
    // reader thread's tracking look-ahead would be the bottleneck: one thread, which tracks
    // inside its one dissection, is faster (0.10 s against 0.16 s on the 200k bench capture).
    // Statistics alone are the exception: `pooled` tracks them as batches are written, with
    // no look-ahead (`Run::facts_only`).
    let quiet_stats = a.quiet && run.stats.is_some() && !run.facts_only();
    let in_order =
        filter.is_some() && a.count.is_some() || delta_shown || delta_shown_tree || live || a.flush_each || run.writer.is_some();
    let pooled = a.two_pass || threads >= 2 && !in_order && !quiet_stats;
    // JSON separates frames with commas: each frame is written after one, and the first
    // comma written is dropped (with -Y the first frame shown is not known in advance).
    let w: Box<dyn Write + Send> = if a.format == Format::Json { Box::new(SkipFirstComma { w, started: false }) } else { w };
    let mut w = w;
    let (result, io_err) = if pooled { run.pooled(input, w) } else { run.inline(input, &mut w, &mut out) };
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    if let Some(pw) = run.writer.take() {
        pw.into_inner().map_err(io_fail)?;
    }
    if live {
        capture::captured(*result.as_ref().unwrap_or_else(|(n, _)| n));
    }
    if let Some(e) = io_err {
        return Err(io_fail(e));
    }
    // Statistics are shown with or without -P, unless standard output carries the capture,
    // or there was no capture to count (empty tables would read as a real answer).
    let not_a_capture = matches!(result, Err((_, dissect::capture::CaptureError::NotACapture)));
    let mut w = if a.write.as_deref() == Some("-") || not_a_capture { Box::new(io::sink()) } else { raw_stdout() };
    let mut out = Out::new();
    if a.format == Format::Json && print {
        out.push_str("\n]\n");
    }
    if let Some(s) = &run.expert_stats {
        s.write(&mut out);
    }
    if let Some(s) = &run.stats {
        if a.stats_json {
            out.push_str(&dissect::stats::render::json(s, tables).to_string());
            out.push('\n');
        } else {
            out.push_str(&dissect::stats::render::text(s, tables));
        }
    }
    w.write_all(out.as_bytes()).and_then(|()| w.flush()).map_err(io_fail)?;
    match result {
        Ok(_) => Ok(()),
        Err((_, e)) => Err(Fail(format!("{source_name}: {e}"), 2)),
    }
}

/// Compiles a -Y filter; a bad one is reported as tshark does: the problem, then the filter
/// with a caret under the offending part.
pub(crate) fn compile_filter(text: &str) -> Result<dissect::filter::Filter, Fail> {
    let f = dissect::filter::Filter::compile(text).map_err(|e| Fail(format!("{}\n{}", e.msg, e.caret(text)), 1))?;
    if let Some(span) = f.first_ref() {
        let e = dissect::filter::FilterError::span(
            span,
            "a field reference needs a selected packet, which the command line has not".into(),
        );
        return Err(Fail(format!("{}\n{}", e.msg, e.caret(text)), 1));
    }
    Ok(f)
}

/// Drops the first byte written if it is a comma (JSON frames are each written after one).
struct SkipFirstComma {
    w: Box<dyn Write + Send>,
    started: bool,
}

impl Write for SkipFirstComma {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.started && !buf.is_empty() {
            self.started = true;
            if buf[0] == b',' {
                return self.w.write(&buf[1..]).map(|n| n + 1);
            }
        }
        self.w.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// One line per field name: name, type, label, description. A name that also finds another
/// field's values says so (`alias of` / `also shows`), as tshark users look for them there.
fn fields(prefix: Option<&str>) -> Result<(), Fail> {
    let wanted = |name: &str| prefix.is_none_or(|p| name.starts_with(p));
    let mut lines: Vec<(String, String)> = Vec::new();
    // The packet list's columns, by tshark's names for them (-T fields cells, not filter fields).
    for c in output::Column::ALL {
        let name = format!("{}{}", output::columns::PREFIX, c.title());
        if wanted(&name) {
            let what = format!("{} [packet list column: -T fields only, not in filters]", c.description());
            lines.push((name.clone(), format!("{name}\tFT_STRING\t{}\t{what}\n", c.title())));
        }
    }
    for e in dissect::registry::registry().entries().iter().filter(|e| wanted(e.abbrev)) {
        let f = e.def();
        let mut what = if f.blurb.is_empty() { f.name.to_string() } else { f.blurb.to_string() };
        let mut label = f.name.to_string();
        let others: Vec<&str> = e.aliased.iter().map(|r| r.abbrev).collect();
        if e.is_alias_only() {
            // A name of tshark's only: the fields it finds, with their labels.
            let mut labels: Vec<&str> = e.aliased.iter().map(|r| r.name).collect();
            labels.dedup();
            label = labels.join(" / ");
            let text = if e.text { " as text" } else { "" };
            what = format!("alias of {}{text} (as tshark files it)", others.join(", "));
        } else if !others.is_empty() {
            what.push_str(&format!(" [alias: also shows {}, as tshark files it]", others.join(", ")));
        }
        // The field's own rows may be reachable under tshark's names too.
        let mut also: Vec<&str> = e.rows.iter().flat_map(|r| r.aliases.iter().chain(r.text_aliases).copied()).collect();
        also.dedup();
        if !also.is_empty() {
            what.push_str(&format!(" [also reachable as {}, tshark's name]", also.join(", ")));
        }
        lines.push((e.abbrev.to_string(), format!("{}\t{}\t{}\t{}\n", e.abbrev, e.type_name(), label, what)));
    }
    lines.sort();
    let out: String = lines.into_iter().map(|(_, line)| line).collect();
    io::stdout().lock().write_all(out.as_bytes()).map_err(io_fail)
}

fn codepoints(profile: Option<&str>, set: &[String]) -> Result<(), Fail> {
    let p = parse_prefs(profile, set)?;
    let width = PREFS.iter().map(|d| d.key.len()).max().unwrap_or(0);
    let mut out =
        format!("# profile {}\n# {:<width$}  {:<24}  {:<16}  {}\n", p.profile.name(), "key", "value", "source", "meaning");
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
    fields: &'r [Cell],
    fopts: &'r FieldOpts,
    /// -q: nothing per frame.
    quiet: bool,
    /// -t and -u: the time column's format.
    time: dissect::output::TimeFormat,
}

impl Render<'_> {
    /// Appends the text of one frame to `out`.
    fn one(&self, d: &Dissection, data: &[u8], out: &mut Out) {
        if self.quiet {
            return;
        }
        match self.format {
            Format::Text => {
                // As tshark 4.0: the tree, or with -x alone the hex dump alone.
                if self.verbose {
                    output::write_tree_x(out, d, data, self.hex);
                } else if !self.hex {
                    output::write_summary(out, d, self.time);
                }
                if self.hex {
                    if self.verbose {
                        out.push('\n');
                    }
                    output::write_hex_sources(out, d, data);
                }
                if self.verbose || self.hex {
                    out.push('\n');
                }
            }
            Format::Json => {
                out.push(',');
                out.push('\n');
                output::json::write_frame(out, d, data);
            }
            Format::Jsonl => {
                output::json::write_frame(out, d, data);
                out.push('\n');
            }
            Format::Fields => output::write_fields(out, d, data, self.fields, &self.fopts.cells),
        }
    }
}
