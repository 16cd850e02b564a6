//! `mipscope tui -r FILE`: the terminal UI (the `tui` crate) on a capture file. Everything the
//! command line can get wrong is reported here, in one line, before the terminal is taken over.

use crate::{compile_filter, parse_prefs, Fail};
use clap::Args;
use std::io::IsTerminal;
use std::path::Path;

#[derive(Args)]
pub struct TuiArgs {
    /// Capture file to browse (pcap or pcapng; a file, not standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: String,
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
        // The filter bar's own refusals (a field reference) before the screen is taken.
        tui::filter::compile(f).map_err(|e| Fail(format!("{}\n{}", e.msg, e.caret(f)), 1))?;
    }
    if a.read == "-" {
        return Err(Fail("tui reads a capture file (-r FILE), not standard input".into(), 1));
    }
    std::fs::File::open(&a.read).map_err(|e| Fail(format!("{}: {e}", a.read), 1))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Fail("tui needs a terminal: standard input and output must be a TTY".into(), 1));
    }
    let profile = a.profile.as_deref().unwrap_or("rfc");
    tui::run_file(Path::new(&a.read), prefs, profile, a.filter.as_deref()).map_err(|e| Fail(format!("tui: {e}"), 2))
}
