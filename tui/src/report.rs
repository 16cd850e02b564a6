//! The report views: the statistics tables (`mipscope stats`), the ladder diagram
//! (`mipscope flow`) and the conformance findings (`mipscope check`) of the shown packets (every packet, or a filter's matches), computed by a
//! [`crate::pass`] off the UI thread, as text the view scrolls through.

use crate::pass;
use dissect::filter::Filter;
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

/// The frames of frame `n`'s exchange: `n`, the request frames its messages answer, and the
/// frames whose messages answer `n`, in order (one pass; the tracker's notes say who answers
/// whom).
pub fn exchange<R: Read + Send>(input: R, n: u64, prefs: &Prefs, cancel: &AtomicBool) -> Result<Vec<u64>, String> {
    let mut members = vec![n];
    pass::run(input, pass::want(None), prefs, cancel, |d, _| {
        let answered = d.note.slots.iter().filter_map(|s| s.answers.map(|(_, frame, _)| frame));
        if d.frame_number == n {
            members.extend(answered);
        } else if answered.into_iter().any(|f| f == n) {
            members.push(d.frame_number);
        }
        true
    })?;
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
    filter: Option<&Filter>,
    prefs: &Prefs,
    cancel: &AtomicBool,
    source: &str,
) -> Result<String, String> {
    let want = pass::want(filter);
    let shown = |d: &_, data: &_| filter.is_none_or(|f| f.matches(d, data));
    let input = reopen().map_err(|e| e.to_string())?;
    match kind {
        Kind::Exchange(n) => {
            let members = exchange(input, n, prefs, cancel)?;
            let mut builder = replay::flow::Builder::new(false);
            pass::run(reopen().map_err(|e| e.to_string())?, pass::want(None), prefs, cancel, |d, _| {
                if members.binary_search(&d.frame_number).is_ok() {
                    builder.add(d);
                }
                true
            })?;
            let mut out = Vec::new();
            replay::flow::text::write(&builder.finish(), false, &mut out).map_err(|e| e.to_string())?;
            let list: Vec<String> = members.iter().map(u64::to_string).collect();
            Ok(format!("Frames {}\n{}", list.join(", "), String::from_utf8_lossy(&out)))
        }
        Kind::Stats => {
            let mut stats = dissect::stats::Stats::default();
            pass::run(input, want, prefs, cancel, |d, data| {
                if shown(d, data) {
                    stats.add(d);
                }
                true
            })?;
            Ok(dissect::stats::render::text(&stats, dissect::stats::render::Tables::ALL))
        }
        Kind::Findings => {
            let mut report = replay::check::Report::new();
            let mut scratch = Vec::new();
            pass::run(input, want, prefs, cancel, |d, data| {
                if shown(d, data) {
                    report.add(d, &mut scratch);
                }
                true
            })?;
            Ok(replay::check::text(&report, source))
        }
        Kind::Flow => {
            let mut builder = replay::flow::Builder::new(false);
            pass::run(input, want, prefs, cancel, |d, data| {
                if shown(d, data) {
                    builder.add(d);
                }
                true
            })?;
            let mut out = Vec::new();
            replay::flow::text::write(&builder.finish(), false, &mut out).map_err(|e| e.to_string())?;
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
    }
}
