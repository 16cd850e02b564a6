//! Measures `mipscope tui` on a capture without a terminal, driving the real app: the
//! [`tui::Runtime`]'s index and filter threads, [`State::update`] and the widgets drawn into a
//! ratatui `TestBackend` (what a terminal would be sent is not timed: ratatui's diff and the
//! terminal's own speed are not the app's). Each figure is printed with issue 16's target and
//! PASS or FAIL (`scripts/bench-tui.sh` runs it on an 11 M-packet capture):
//!
//! - first screen: from opening the file to the first screen drawn (the indexer's first batch,
//!   the rows on screen dissected);
//! - whole file indexed, then `G` (the last packet dissected and drawn);
//! - the index's bytes per packet (allocated) and the process's peak RSS;
//! - redraws with everything indexed: N times a key (PgUp, so a page of new rows is read and
//!   dissected) and the draw, median and max; and N draws alone;
//! - a filter over the whole file through the runtime's filter thread, the progress events the
//!   UI received and the longest wait between two, with a redraw timed while it runs (wall
//!   and CPU time: on a shared host the wall time is the scheduler's as much as the app's);
//! - cancel latency: `Esc` during a second pass, to the pass's end reaching the UI.
//!
//! `cargo run --release -p tui --example tui_bench -- FILE [FILTER] [REDRAWS]`

use dissect::prefs::Prefs;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::{Duration, Instant};
use tui::app::{Event, State};
use tui::source::FileSource;

/// Issue 16's targets.
const FIRST_SCREEN: Duration = Duration::from_millis(500);
const INDEXED: Duration = Duration::from_secs(10);
const BYTES_PER_PACKET: f64 = 32.0;
const REDRAW: Duration = Duration::from_millis(16);
const FILTER: Duration = Duration::from_secs(10);
/// Not in the issue: a cancelled pass should stop well within a human's reaction time.
const CANCEL: Duration = Duration::from_millis(100);

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

fn line(what: &str, value: String, target: &str, ok: Option<bool>) {
    println!("{what:<44} {value:>24}   {target:<14} {}", ok.map_or("-", verdict));
}

/// The process's peak and current resident set, KiB (Linux).
fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.split_whitespace().next()?.parse().ok()).unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// CPU time the process has used so far (user and system, every thread), from
/// /proc/self/stat in clock ticks (100 a second on Linux): on a loaded host the wall times
/// above depend on what else runs, this does not.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = after.split_whitespace().map(|v| v.parse().unwrap_or(0)).collect();
    // After the command's ")": state is field 3, utime 14 and stime 15 (1-based), so 11 and 12 here.
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn median_max(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v.get(v.len() / 2).copied().unwrap_or_default(), v.last().copied().unwrap_or_default())
}

/// Applies events until `stop` says so (the event that stopped, or `None` when the senders went).
fn pump(state: &mut State, rx: &Receiver<Event>, mut stop: impl FnMut(&State, &Event) -> bool) -> Option<Event> {
    while let Ok(ev) = rx.recv() {
        let keep = ev.clone();
        state.update(ev);
        if stop(state, &keep) {
            return Some(keep);
        }
    }
    None
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: tui_bench FILE [FILTER] [REDRAWS]");
    let filter = args.next().unwrap_or_else(|| "mip6.mhtype == 5".to_string());
    let redraws: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let (w, h) = (160, 48);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");

    // The first screen, and the whole file indexed, as `mipscope tui -r FILE` does them.
    let (t0, c0) = (Instant::now(), cpu());
    let src = FileSource::open(path.as_ref()).expect("open");
    let mut state = State::new(Box::new(src), Prefs::default(), "rfc", (w, h));
    let (tx, rx) = sync_channel(256);
    let mut rt = tui::Runtime::new(tx);
    rt.start_index(&state).expect("index thread");
    let mut first = None;
    pump(&mut state, &rx, |s, ev| {
        if first.is_none() && s.cur.is_some() {
            term.draw(|f| f.render_widget(s, f.area())).expect("draw");
            first = Some(t0.elapsed());
        }
        matches!(ev, Event::IndexDone(_))
    })
    .expect("index ended");
    let indexed = t0.elapsed();
    let indexed_cpu = cpu() - c0;
    let n = state.index.len();
    let bytes = state.index.entries.allocated();
    let (_, rss_indexed) = rss_kib();
    let t = Instant::now();
    state.update(key(KeyCode::Char('G')));
    term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
    let last = t.elapsed();
    let last_ok = state.cur.as_ref().map(|c| c.number) == Some(n as u64);

    // Redraws with everything indexed: a key that brings a page of new rows, then the draw.
    let mut keyed = Vec::with_capacity(redraws);
    let mut plain = Vec::with_capacity(redraws);
    for _ in 0..redraws {
        let t = Instant::now();
        state.update(key(KeyCode::PageUp));
        term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
        keyed.push(t.elapsed());
        let t = Instant::now();
        term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
        plain.push(t.elapsed());
    }
    let (keyed_med, keyed_max) = median_max(keyed);
    let (plain_med, plain_max) = median_max(plain);

    // A filter over the whole file on the runtime's filter thread; the UI draws as events come.
    let (t, c) = (Instant::now(), cpu());
    let effects = state.start_filter(&filter).into_iter().collect();
    rt.apply(&mut state, effects);
    let (mut reports, mut gap, mut prev) = (0usize, Duration::ZERO, Instant::now());
    let mut during = Vec::new();
    let end = pump(&mut state, &rx, |s, ev| {
        if matches!(ev, Event::Filtered { .. }) {
            reports += 1;
            gap = gap.max(prev.elapsed());
            prev = Instant::now();
            if reports % 64 == 0 {
                let t = Instant::now();
                term.draw(|f| f.render_widget(s, f.area())).expect("draw");
                during.push(t.elapsed());
            }
        }
        matches!(ev, Event::FilterDone { .. })
    });
    let filtered = t.elapsed();
    let filtered_cpu = cpu() - c;
    let filter_ok = matches!(end, Some(Event::FilterDone { result: Ok(m), .. }) if m == n as u64);
    let matched = state.shown();
    let (during_med, during_max) = median_max(during);

    // Cancel: a second pass, Esc once it has read a tenth of the file (or after a second).
    let effects = state.start_filter(&format!("{filter} || frame.number == 1")).into_iter().collect();
    rt.apply(&mut state, effects);
    let t = Instant::now();
    pump(&mut state, &rx, |s, _| s.filter.as_ref().is_some_and(|f| f.read as usize >= n / 10) || t.elapsed().as_secs() >= 1);
    let read_at_esc = state.filter.as_ref().map_or(0, |f| f.read);
    let t = Instant::now();
    let effects = state.update(key(KeyCode::Esc));
    rt.apply(&mut state, effects);
    pump(&mut state, &rx, |_, ev| matches!(ev, Event::FilterDone { .. }));
    let cancel = t.elapsed();
    let (peak, _) = rss_kib();

    let per = bytes as f64 / n.max(1) as f64;
    println!("capture: {path}: {n} packets, {} octets", std::fs::metadata(&path).map_or(0, |m| m.len()));
    line(
        "first screen",
        format!("{:.1} ms", first.map_or(f64::NAN, ms)),
        "< 500 ms",
        Some(first.is_some_and(|f| f < FIRST_SCREEN)),
    );
    line("whole file indexed", format!("{:.2} s", indexed.as_secs_f64()), "< 10 s", Some(indexed < INDEXED));
    line("  CPU time (every thread)", format!("{:.2} s", indexed_cpu.as_secs_f64()), "", None);
    line(
        "G: last packet dissected and drawn",
        format!("{:.2} ms (frame {})", ms(last), state.index.len()),
        "< 16 ms",
        Some(last < REDRAW && last_ok),
    );
    line("index memory", format!("{per:.3} B/packet"), "<= 32 B", Some(per <= BYTES_PER_PACKET));
    line("RSS after indexing", format!("{:.1} MiB", rss_indexed as f64 / 1024.0), "", None);
    line(
        &format!("redraw after PgUp, median of {redraws}"),
        format!("{:.2} ms", ms(keyed_med)),
        "< 16 ms",
        Some(keyed_med < REDRAW),
    );
    line(
        &format!("redraw after PgUp, max of {redraws}"),
        format!("{:.2} ms", ms(keyed_max)),
        "< 16 ms",
        Some(keyed_max < REDRAW),
    );
    line(
        &format!("redraw alone, median / max of {redraws}"),
        format!("{:.2} / {:.2} ms", ms(plain_med), ms(plain_max)),
        "< 16 ms",
        Some(plain_max < REDRAW),
    );
    line(
        &format!("filter {filter:?}"),
        format!("{:.2} s ({matched} match)", filtered.as_secs_f64()),
        "< 10 s",
        Some(filtered < FILTER && filter_ok),
    );
    line("  CPU time (every thread)", format!("{:.2} s", filtered_cpu.as_secs_f64()), "", None);
    line("  progress events, longest gap", format!("{reports}, {:.0} ms", ms(gap)), "", None);
    line(
        "  redraw while filtering, median / max",
        format!("{:.2} / {:.2} ms", ms(during_med), ms(during_max)),
        "< 16 ms",
        Some(during_max < REDRAW),
    );
    line(&format!("cancel (Esc after {read_at_esc} frames)"), format!("{:.2} ms", ms(cancel)), "< 100 ms", Some(cancel < CANCEL));
    line("peak RSS", format!("{:.1} MiB", peak as f64 / 1024.0), "", None);
}
