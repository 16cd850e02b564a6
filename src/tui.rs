//! `mipscope tui -r FILE` and `mipscope tui -i IFACE [-f BPF]`: the terminal UI (the `tui`
//! crate) on a capture file or a live capture. Everything the command line can get wrong
//! (opening the interface, the capture filter included) is reported here, in one line, before
//! the terminal is taken over.

use crate::{compile_filter, parse_prefs, Fail};
use clap::Args;
use dissect::live::{Live, LiveOptions};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

#[derive(Args)]
pub struct TuiArgs {
    /// Capture file to browse (pcap or pcapng; a file, not standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: Option<String>,
    /// Capture live on this interface (libpcap; `mipscope dissect -D` lists them).
    #[arg(short = 'i', value_name = "IFACE")]
    interface: Option<String>,
    /// Capture filter (libpcap's BPF language) for -i.
    #[arg(short = 'f', value_name = "BPF")]
    bpf: Option<String>,
    /// Kernel capture buffer for -i, in MiB (tshark's -B).
    #[arg(short = 'B', value_name = "MiB", default_value_t = dissect::live::BUFFER_MIB, value_parser = clap::value_parser!(u32).range(1..=4096))]
    buffer: u32,
    /// Display filter to start with (edit it with `/`).
    #[arg(short = 'Y', value_name = "FILTER", allow_hyphen_values = true)]
    filter: Option<String>,
    /// Set a preference, key=value (see `mipscope codepoints`).
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
    /// Code-point profile: rfc (default), draft, or a profile file of `key = value` lines.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
}

pub fn run(a: TuiArgs) -> Result<(), Fail> {
    let prefs = parse_prefs(a.profile.as_deref(), &a.prefs)?;
    if let Some(f) = &a.filter {
        compile_filter(f)?;
        // The filter bar's own refusals before the screen is taken: a field reference reads the
        // selected packet, and none is selected at start.
        tui::filter::compile(f, None).map_err(|e| Fail(format!("{}\n{}", e.msg, e.caret(f)), 1))?;
    }
    let profile = a.profile.as_deref().unwrap_or("rfc");
    let tty = || {
        if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
            return Err(Fail("tui needs a terminal: standard input and output must be a TTY".into(), 1));
        }
        Ok(())
    };
    match (a.read, a.interface) {
        (Some(_), Some(_)) => Err(Fail("-r and -i cannot be used together".into(), 1)),
        (None, None) => Err(Fail("no input: give -r FILE or -i IFACE (mipscope dissect -D lists interfaces)".into(), 1)),
        (Some(read), None) => {
            if a.bpf.is_some() {
                return Err(Fail("a capture filter (-f) applies to a live capture (-i); use -Y with -r".into(), 1));
            }
            if read == "-" {
                return Err(Fail("tui reads a capture file (-r FILE), not standard input".into(), 1));
            }
            let file = std::fs::File::open(&read).map_err(|e| Fail(format!("{read}: {e}"), 1))?;
            // The header (and the first record) read before the screen is taken: a file that is
            // not a capture, or cannot be read at all, fails here in one line. A capture cut
            // short is browsed up to the cut, as the index reads it.
            use dissect::capture::CaptureError;
            if let Err((0, e @ (CaptureError::NotACapture | CaptureError::Io(_)))) =
                dissect::capture::stream_located(file, |_, _, _, _| false)
            {
                return Err(Fail(format!("{read}: {e}"), 1));
            }
            tty()?;
            tui::run_file(Path::new(&read), prefs, profile, a.filter.as_deref()).map_err(|e| Fail(format!("tui: {e}"), 2))
        }
        (None, Some(dev)) => {
            tty()?;
            let stop = Arc::new(AtomicBool::new(false));
            let live =
                Live::open(LiveOptions { filter: a.bpf, buffer_mib: a.buffer, ..tui::live::options(dev, Arc::clone(&stop)) })
                    .map_err(|e| Fail(e.to_string(), 2))?;
            tui::run_live(live, stop, prefs, profile, a.filter.as_deref()).map_err(|e| Fail(format!("tui: {e}"), 2))
        }
    }
}
