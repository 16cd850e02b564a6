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
}

impl Kind {
    pub fn title(self) -> &'static str {
        match self {
            Kind::Stats => "Statistics",
            Kind::Flow => "Flow",
            Kind::Findings => "Findings",
        }
    }
}

/// The report of the frames `filter` matches (all without one), as the command prints it
/// (`source`: what the findings report names the capture).
pub fn run<R: Read + Send>(
    input: R,
    kind: Kind,
    filter: Option<&Filter>,
    prefs: &Prefs,
    cancel: &AtomicBool,
    source: &str,
) -> Result<String, String> {
    let want = pass::want(filter);
    let shown = |d: &_, data: &_| filter.is_none_or(|f| f.matches(d, data));
    match kind {
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
