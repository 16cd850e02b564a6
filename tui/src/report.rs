//! The report views: the statistics tables (`mipscope stats`), the ladder diagram
//! (`mipscope flow`) and the conformance findings (`mipscope check`) of the shown packets (every packet, or a filter's matches), computed by a
//! [`crate::pass`] off the UI thread, as text the view scrolls through.

use crate::filter::Compiled;
use crate::pass;
use dissect::prefs::Prefs;
use std::io::Read;
use std::sync::atomic::AtomicBool;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `s`: `mipscope stats` (every table).
    Stats,
    /// `l`: `mipscope flow` (text, box drawing).
    Flow,
    /// `c`: `mipscope check` (the findings grouped by exchange).
    Findings,
    /// `L`: the ladder of one frame's exchange: the frame, the request it answers and the
    /// frames answering it (response tracking, as `-Y` sees the capture).
    Exchange(u64),
}

impl Kind {
    pub fn title(self) -> &'static str {
        match self {
            Kind::Stats => "Statistics",
            Kind::Flow => "Flow",
            Kind::Findings => "Findings",
            Kind::Exchange(_) => "Exchange flow",
        }
    }
}

/// Frames between two progress reports of a report pass (`f`, `L`, `s`, `l`, `c`).
pub const PROGRESS_EVERY: u64 = 16_384;

/// Counts the frames a report's passes read and tells `progress` every [`PROGRESS_EVERY`]
/// (the total over every pass, so it only grows).
pub struct Progress<'a> {
    read: u64,
    report: &'a mut dyn FnMut(u64),
}

impl<'a> Progress<'a> {
    pub fn new(report: &'a mut dyn FnMut(u64)) -> Self {
        Progress { read: 0, report }
    }

    fn frame(&mut self) {
        self.read += 1;
        if self.read.is_multiple_of(PROGRESS_EVERY) {
            (self.report)(self.read);
        }
    }
}

/// A pass that ended because `cancel` was set read only part of the capture: an error, never
/// a report of that part.
fn stopped(cancel: &AtomicBool) -> Result<(), String> {
    match cancel.load(std::sync::atomic::Ordering::Relaxed) {
        true => Err("cancelled".into()),
        false => Ok(()),
    }
}

/// The frames of frame `n`'s exchange, as response tracking pairs them (the tracker's notes,
/// what `mip6.response_in`/`mip6.response_to` show): the requests `n` sends or answers, and every
/// frame answering one of them, in order. One pass finds the requests at `n` and their answers
/// after it; when `n` answers or repeats an earlier request, a second pass up to `n` finds what
/// answered it before `n` (keeping every answer before `n` in the first pass instead would be
/// memory growing with the capture). A frame with no tracked message is alone in its exchange.
/// `cancel` stops either pass (an error); `progress` hears of the frames read.
pub fn exchange(
    reopen: &dyn Fn() -> std::io::Result<Box<dyn Read + Send>>,
    n: u64,
    prefs: &Prefs,
    cancel: &AtomicBool,
    progress: &mut Progress,
) -> Result<Vec<u64>, String> {
    let mut requests = Vec::new();
    let mut members = vec![n];
    let answers = |d: &dissect::tree::Dissection, requests: &[u64]| {
        let of = |f: Option<u64>| f.is_some_and(|f| requests.contains(&f));
        d.note.slots.iter().any(|s| of(s.answers.map(|a| a.1)) || of(s.retransmit_of))
    };
    // One pass: which requests at `n`, their answers after it.
    pass::run(reopen().map_err(|e| e.to_string())?, pass::want(None), prefs, cancel, |d, _| {
        progress.frame();
        if d.frame_number < n {
            return true;
        }
        if d.frame_number > n {
            if answers(d, &requests) {
                members.push(d.frame_number);
            }
            return true;
        }
        for s in &d.note.slots {
            if s.request.is_some() {
                requests.push(n);
            }
            // A retransmission is answered as the request it repeats.
            if let Some(first) = s.retransmit_of {
                requests.push(first);
            }
            if let Some((_, frame, _)) = s.answers {
                requests.push(frame);
            }
        }
        !requests.is_empty()
    })?;
    stopped(cancel)?;
    // `n` answers or repeats an earlier request: what answered it before `n`, read again.
    if requests.iter().any(|&r| r < n) {
        pass::run(reopen().map_err(|e| e.to_string())?, pass::want(None), prefs, cancel, |d, _| {
            progress.frame();
            if d.frame_number < n && answers(d, &requests) {
                members.push(d.frame_number);
            }
            d.frame_number < n
        })?;
        stopped(cancel)?;
    }
    members.extend_from_slice(&requests);
    members.sort_unstable();
    members.dedup();
    Ok(members)
}

/// The report of the frames `filter` matches (all without one), as the command prints it
/// (`source`: what the findings report names the capture). `reopen` reads the capture from
/// its start (the exchange ladder reads it twice: who belongs, then the ladder).
pub fn run(
    reopen: &dyn Fn() -> std::io::Result<Box<dyn Read + Send>>,
    kind: Kind,
    filter: Option<&Compiled>,
    prefs: &Prefs,
    cancel: &AtomicBool,
    source: &str,
    progress: &mut Progress,
) -> Result<String, String> {
    let want = filter.map_or(pass::want(None), Compiled::want);
    let shown = |d: &_, data: &_| filter.is_none_or(|f| f.matches(d, data));
    if let Kind::Exchange(n) = kind {
        let members = exchange(reopen, n, prefs, cancel, progress)?;
        let last = members.last().copied().unwrap_or(n);
        let mut builder = replay::flow::Builder::new(false);
        // The ladder's pass ends with the exchange's last frame.
        pass::run(reopen().map_err(|e| e.to_string())?, pass::want(None), prefs, cancel, |d, _| {
            progress.frame();
            if members.binary_search(&d.frame_number).is_ok() {
                builder.add(d);
            }
            d.frame_number < last
        })?;
        stopped(cancel)?;
        let mut out = Vec::new();
        replay::flow::text::write(&builder.finish(), false, &mut out).map_err(|e| e.to_string())?;
        let list: Vec<String> = members.iter().map(u64::to_string).collect();
        return Ok(format!("Frames {}\n{}", list.join(", "), String::from_utf8_lossy(&out)));
    }
    let input = reopen().map_err(|e| e.to_string())?;
    match kind {
        Kind::Exchange(_) => Err("an exchange is drawn above".into()),
        Kind::Stats => {
            let mut stats = dissect::stats::Stats::default();
            pass::run(input, want, prefs, cancel, |d, data| {
                progress.frame();
                if shown(d, data) {
                    stats.add(d);
                }
                true
            })?;
            stopped(cancel)?;
            Ok(dissect::stats::render::text(&stats, dissect::stats::render::Tables::ALL))
        }
        Kind::Findings => {
            let mut report = replay::check::Report::new();
            let mut scratch = Vec::new();
            pass::run(input, want, prefs, cancel, |d, data| {
                progress.frame();
                if shown(d, data) {
                    report.add(d, &mut scratch);
                }
                true
            })?;
            stopped(cancel)?;
            Ok(replay::check::text(&report, source))
        }
        Kind::Flow => {
            let mut builder = replay::flow::Builder::new(false);
            pass::run(input, want, prefs, cancel, |d, data| {
                progress.frame();
                if shown(d, data) {
                    builder.add(d);
                }
                true
            })?;
            stopped(cancel)?;
            let mut out = Vec::new();
            replay::flow::text::write(&builder.finish(), false, &mut out).map_err(|e| e.to_string())?;
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
    }
}
