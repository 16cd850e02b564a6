//! Measures `mipscope tui -i` at a high packet rate, without a terminal: the real capture path
//! (dissect's libpcap reader, the spool, the ticker) and the app's [`State`] drawn into a
//! ratatui `TestBackend` after every batch of events, as the event loop does.
//! `scripts/bench-tui.sh` runs both halves in a network namespace with a veth pair:
//!
//! - `tui_live_bench recv IFACE MAX_SECS`: captures on IFACE, prints `ready` once libpcap's
//!   first counters reached the app, and stops when nothing new came for 1.5 s after the first
//!   packet (or after MAX_SECS); then prints libpcap's counters, the frames the app indexed,
//!   and the application's drops: frames libpcap received and did not drop in the kernel, but
//!   that never reached the index (issue 16's target: none);
//! - `tui_live_bench send IFACE RATE SECS FILE`: sends the frames of FILE (in turn, over and
//!   over) on IFACE through libpcap (craft's injector), paced to RATE a second for SECS, and
//!   prints how many it sent and the rate it reached.

use dissect::live::Live;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use tui::app::State;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["recv", iface, secs] => recv(iface, secs.parse().expect("MAX_SECS")),
        ["send", iface, rate, secs, file] => send(iface, rate.parse().expect("RATE"), secs.parse().expect("SECS"), file),
        _ => {
            eprintln!("usage: tui_live_bench recv IFACE MAX_SECS | send IFACE RATE SECS FILE");
            std::process::exit(2);
        }
    }
}

fn send(iface: &str, rate: u64, secs: f64, file: &str) {
    let bytes = std::fs::read(file).expect("read the frames");
    let mut frames = Vec::new();
    dissect::capture::for_each_packet(&bytes[..], |meta, data| {
        frames.push((meta.linktype, data.to_vec()));
        true
    })
    .expect("a capture");
    assert!(!frames.is_empty(), "{file}: no frames");
    let mut inj = craft::inject::Injector::open(iface).expect("open the interface for sending");
    let total = (rate as f64 * secs) as u64;
    let start = Instant::now();
    let mut sent = 0u64;
    let mut failed = 0u64;
    // Paced by the clock: whatever is due is sent at once, then a short sleep.
    while sent + failed < total {
        let due = ((start.elapsed().as_secs_f64() * rate as f64) as u64).min(total);
        while sent + failed < due {
            let (lt, f) = &frames[((sent + failed) % frames.len() as u64) as usize];
            match inj.send(*lt, f) {
                Ok(()) => sent += 1,
                Err(_) => failed += 1,
            }
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let took = start.elapsed().as_secs_f64();
    println!(
        "sent {sent} frames in {took:.2} s: {:.0} frames/s (asked {rate}/s); {failed} refused by libpcap",
        sent as f64 / took
    );
}

fn recv(iface: &str, max_secs: u64) {
    let stop = Arc::new(AtomicBool::new(false));
    // No BPF filter: every frame counts. The app's options, the buffer and immediate mode
    // changed for comparisons (LIVE_BUFFER_MIB, LIVE_IMMEDIATE=1).
    let mut o = tui::live::options(iface, Arc::clone(&stop));
    if let Some(mib) = std::env::var("LIVE_BUFFER_MIB").ok().and_then(|v| v.parse().ok()) {
        o.buffer_mib = mib;
    }
    o.immediate = std::env::var("LIVE_IMMEDIATE").is_ok_and(|v| v == "1");
    println!("kernel buffer {} MiB, immediate mode {}", o.buffer_mib, if o.immediate { "on" } else { "off" });
    let live = Live::open(o).expect("capture");
    let (tx, rx) = mpsc::sync_channel(256);
    let spool =
        tui::live::start(live, Arc::clone(&stop), Default::default(), tui::live::CHECKPOINT_EVERY, tx.clone()).expect("spool");
    let spool_path = spool.path().to_path_buf();
    let (w, h) = (160, 48);
    let mut state = State::new_live(Box::new(tui::live::LiveSource(spool)), dissect::prefs::Prefs::default(), "rfc", (w, h));
    state.checkpoints = tui::pass::Checkpoints::new(tui::live::CHECKPOINT_EVERY);
    let mut rt = tui::Runtime::new(tx);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let start = Instant::now();
    let mut ready = false;
    let mut draws = Vec::new();
    let (mut last_change, mut last_seen) = (Instant::now(), (0usize, 0u64));
    let mut max_rate = 0u64;
    let mut spool_bytes = 0u64;
    loop {
        if let Ok(ev) = rx.recv_timeout(Duration::from_millis(100)) {
            let mut effects = state.update(ev);
            while let Ok(ev) = rx.try_recv() {
                effects.extend(state.update(ev));
            }
            rt.apply(&mut state, effects);
            let t = Instant::now();
            term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
            draws.push(t.elapsed());
        }
        let Some(l) = state.live.clone() else { continue };
        max_rate = max_rate.max(l.rate);
        if !ready {
            ready = true;
            println!("ready");
            let _ = std::io::stdout().flush();
        }
        if stop.load(Ordering::Relaxed) {
            if l.ended.is_some() {
                break;
            }
            continue;
        }
        let now = (state.index.len(), l.received);
        if now != last_seen {
            (last_seen, last_change) = (now, Instant::now());
            spool_bytes = std::fs::metadata(&spool_path).map_or(spool_bytes, |m| m.len());
        }
        let quiet = now.0 > 0 && last_change.elapsed() > Duration::from_millis(1500);
        if quiet || start.elapsed() > Duration::from_secs(max_secs) {
            stop.store(true, Ordering::Relaxed);
        }
    }
    // The context pass (its own thread, behind the capture when it must be): where it was
    // when the capture ended, and how long it took to step the rest.
    let (at_end, end) = (state.checkpoints.reached, Instant::now());
    while state.checkpoints.reached < state.index.len() as u64 && end.elapsed() < Duration::from_secs(60) {
        if let Ok(ev) = rx.recv_timeout(Duration::from_millis(100)) {
            let effects = state.update(ev);
            rt.apply(&mut state, effects);
        }
    }
    let caught_up = end.elapsed();
    let l = state.live.clone().unwrap_or_default();
    let indexed = state.index.len() as u64;
    let span = match (state.index.entries.first(), state.index.entries.last()) {
        (Some(a), Some(b)) => (b.ts_ns - a.ts_ns) as f64 / 1e9,
        _ => 0.0,
    };
    draws.sort();
    let med = draws.get(draws.len() / 2).copied().unwrap_or_default();
    let max = draws.last().copied().unwrap_or_default();
    let app_drops = l.received.saturating_sub(l.dropped).saturating_sub(indexed);
    let peak = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|x| x.strip_prefix("VmHWM:").map(|v| v.trim().to_string()))
        .unwrap_or_default();
    println!("libpcap received {} (kernel dropped {}, interface dropped {})", l.received, l.dropped, l.if_dropped);
    println!(
        "indexed {indexed} frames over {span:.2} s of capture time ({:.0} frames/s); highest rate shown {max_rate}/s",
        indexed as f64 / span.max(1e-9)
    );
    println!(
        "spool {:.1} MiB; peak RSS {peak}; {} redraws, median {:.2} ms, max {:.2} ms",
        spool_bytes as f64 / 1048576.0,
        draws.len(),
        med.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
    println!(
        "application drops (received - kernel drops - indexed): {app_drops}   target 0   {}",
        if app_drops == 0 { "PASS" } else { "FAIL" }
    );
    println!("capture ended: {:?}", l.ended);
    println!(
        "context pass: {at_end} frames stepped when the capture ended, {} after {:.2} s more ({} checkpoints held)",
        state.checkpoints.reached,
        caught_up.as_secs_f64(),
        state.checkpoints.held().0
    );
    // CPU time of the whole receiving process (capture, spool, ticker, context pass, UI).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<&str> = stat.rsplit_once(')').map_or("", |x| x.1).split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
    let (user, sys) = (ticks(11), ticks(12));
    // The context pass may still hold the spool when the process ends (its destructor would
    // not run): the file goes now, as `mipscope tui -i` removes it.
    let _ = std::fs::remove_file(&spool_path);
    println!(
        "CPU {user:.2} s user + {sys:.2} s system: {:.2} µs a frame received",
        (user + sys) * 1e6 / (l.received.max(1) as f64)
    );
}
