//! Where `dissect` reads packets from and where it writes them: `-r FILE`, `-i IFACE` (with
//! `-f`, `-a duration:S`, `-B MiB`, `-D`), `-w FILE` / `-w -`. tshark's options and messages.

use crate::Fail;
use dissect::capture::write::PcapngWriter;
use dissect::capture::Source;
use dissect::live::{self, Live, LiveOptions};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// `-D`: one line per interface, numbered from 1, description in parentheses (tshark's form).
pub fn list_interfaces() -> Result<(), Fail> {
    let devs = live::devices().map_err(|e| Fail(format!("cannot list interfaces: {e}"), 1))?;
    if devs.is_empty() {
        return Err(Fail("there are no interfaces on which a capture can be done".into(), 1));
    }
    let mut out = String::new();
    for (i, d) in devs.iter().enumerate() {
        out.push_str(&format!("{}. {}", i + 1, d.name));
        if let Some(desc) = &d.description {
            out.push_str(&format!(" ({desc})"));
        }
        out.push('\n');
    }
    io::stdout().lock().write_all(out.as_bytes()).map_err(crate::io_fail)
}

/// `-a duration:S` (tshark's autostop condition; seconds, fractions allowed).
pub fn parse_autostop(conds: &[String]) -> Result<Option<Duration>, Fail> {
    let mut duration = None;
    for c in conds {
        let bad = || Fail(format!("-a {c}: expected duration:SECONDS"), 1);
        let (k, v) = c.split_once(':').ok_or_else(bad)?;
        if k != "duration" {
            return Err(bad());
        }
        let s: f64 = v.parse().map_err(|_| bad())?;
        if !(s.is_finite() && s > 0.0 && s < 1e9) {
            return Err(bad());
        }
        duration = Some(Duration::from_secs_f64(s));
    }
    Ok(duration)
}

/// What `-r` or `-i` names, opened. A live capture stops at Ctrl-C (or SIGTERM); a second
/// Ctrl-C ends the process at once, as with tshark.
pub fn open_source(
    read: Option<&str>,
    iface: Option<&str>,
    bpf: Option<&str>,
    duration: Option<Duration>,
    buffer_mib: u32,
) -> Result<Source, Fail> {
    match (read, iface) {
        (Some(_), Some(_)) => Err(Fail("-r and -i cannot be used together".into(), 1)),
        (None, None) => Err(Fail("no input: give -r FILE or -i IFACE (-D lists interfaces)".into(), 1)),
        (Some(path), None) => {
            if bpf.is_some() {
                return Err(Fail(
                    "only display filters (-Y), not capture filters (-f), can be used when reading a capture file".into(),
                    1,
                ));
            }
            if duration.is_some() {
                return Err(Fail("-a only applies to a live capture (-i)".into(), 1));
            }
            let input: Box<dyn Read + Send> = if path == "-" {
                Box::new(io::stdin())
            } else {
                Box::new(File::open(path).map_err(|e| Fail(format!("{path}: {e}"), 1))?)
            };
            Ok(Source::File(input))
        }
        (None, Some(dev)) => {
            let stop = Arc::new(AtomicBool::new(false));
            for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
                signal_hook::flag::register_conditional_shutdown(sig, 130, Arc::clone(&stop))
                    .and_then(|_| signal_hook::flag::register(sig, Arc::clone(&stop)))
                    .map_err(|e| Fail(format!("cannot handle signals: {e}"), 1))?;
            }
            let live =
                Live::open(LiveOptions { filter: bpf.map(str::to_string), duration, buffer_mib, ..LiveOptions::new(dev, stop) })
                    .map_err(|e| Fail(e.to_string(), 2))?;
            Ok(Source::Live(live))
        }
    }
}

/// `-w FILE` (or `-w -`, standard output): a pcapng writer.
pub fn open_writer(path: &str) -> Result<PcapngWriter<Box<dyn Write + Send>>, Fail> {
    let w: Box<dyn Write + Send> = if path == "-" {
        Box::new(BufWriter::with_capacity(1 << 16, crate::run::raw_stdout()))
    } else {
        Box::new(BufWriter::with_capacity(1 << 16, File::create(path).map_err(|e| Fail(format!("{path}: {e}"), 1))?))
    };
    PcapngWriter::new(w).map_err(|e| Fail(format!("{path}: {e}"), 1))
}

/// tshark's opening line for a live capture, on standard error, once everything is open.
pub fn capturing(source: &Source) {
    if let Source::Live(l) = source {
        eprintln!("Capturing on '{}'", l.interface().name.as_deref().unwrap_or_default());
    }
}

/// tshark's closing line for a live capture, on standard error.
pub fn captured(n: u64) {
    eprintln!("{n} packet{} captured", if n == 1 { "" } else { "s" });
}
