//! Background passes the user stops: a cancelled filter stays visibly cancelled (its last
//! report does not make it look complete), and a save of its matches says they are partial.
//! The app is driven through `State::update`, the passes' events fed by hand as the runtime
//! would deliver them.

use dissect::prefs::Prefs;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use tui::app::{Effect, Event, State};
use tui::filter::Progress;
use tui::source::MemorySource;

fn app() -> State {
    let path = format!("{}/../captures/crafted/mh-messages.pcapng", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut s = State::new(Box::new(MemorySource::new("mh-messages.pcapng", bytes)), Prefs::default(), "rfc", (160, 48));
    tui::index_inline(&mut s).expect("index");
    s
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    s.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn screen(s: &State) -> String {
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).expect("terminal");
    t.draw(|f| f.render_widget(s, f.area())).expect("draw");
    let b = t.backend().buffer();
    (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

/// Starts `mip6.mhtype == 5` (frames 6 and 7 of 18 match) without running it: its run.
fn start_filter(s: &mut State) -> u64 {
    key(s, KeyCode::Char('/'));
    for c in "mip6.mhtype == 5".chars() {
        key(s, KeyCode::Char(c));
    }
    match key(s, KeyCode::Enter)[..] {
        [Effect::StartFilter { run, .. }] => run,
        ref e => panic!("{e:?}"),
    }
}

#[test]
fn a_cancelled_filter_stays_cancelled_and_says_where_it_stopped() {
    let mut s = app();
    assert_eq!(s.index.len(), 18);
    let run = start_filter(&mut s);
    s.update(Event::Filtered { run, progress: Progress { read: 6, matches: vec![6] } });
    assert!(screen(&s).contains("Packets (1 of 18 match so far)"));
    assert_eq!(key(&mut s, KeyCode::Esc), [Effect::CancelFilter { run }]);
    // The pass saw the flag after one more frame and ended as a pass does, with what it read.
    s.update(Event::Filtered { run, progress: Progress { read: 7, matches: vec![7] } });
    s.update(Event::FilterDone { run, result: Ok(7) });
    let f = s.filter.as_ref().expect("the filter");
    assert_eq!(f.done, Some(Err("cancelled after 7 of 18 frames: the matches are partial".to_string())));
    assert_eq!(s.shown(), 2);
    let shown = screen(&s);
    assert!(shown.contains("Packets (2 match in the first 7 of 18: filter stopped)"), "{shown}");
    assert!(shown.contains("Filter stopped: cancelled after 7 of 18 frames"), "{shown}");
    // Esc again does nothing more; a save of the matches says they are partial.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    s.update(Event::Saved(Ok((2, "partial.pcapng".into()))));
    assert_eq!(
        s.message.as_deref(),
        Some("wrote 2 packets to partial.pcapng (filter stopped: cancelled after 7 of 18 frames: the matches are partial)")
    );
}

#[test]
fn a_save_while_the_filter_runs_says_the_matches_are_partial() {
    let mut s = app();
    let run = start_filter(&mut s);
    s.update(Event::Filtered { run, progress: Progress { read: 6, matches: vec![6] } });
    s.update(Event::Saved(Ok((1, "x.pcapng".into()))));
    assert_eq!(
        s.message.as_deref(),
        Some("wrote 1 packet to x.pcapng (the filter is still running, 6 of 18 frames read: the matches are partial)")
    );
    // Done: nothing to add.
    s.update(Event::FilterDone { run, result: Ok(18) });
    assert_eq!(s.filter.as_ref().and_then(|f| f.done.clone()), Some(Ok(18)));
    s.update(Event::Saved(Ok((1, "x.pcapng".into()))));
    assert_eq!(s.message.as_deref(), Some("wrote 1 packet to x.pcapng"));
    assert!(screen(&s).contains("Packets (1 of 18 match)"));
}

/// mh-messages.pcapng over and over: `copies` × 18 frames, pcapng, in memory.
fn big_capture(copies: usize) -> Vec<u8> {
    let path = format!("{}/../captures/crafted/mh-messages.pcapng", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut frames = Vec::new();
    let mut ifaces = None;
    dissect::capture::stream(&bytes[..], |m, d, i| {
        frames.push((*m, d.to_vec()));
        ifaces = Some(i.interfaces.clone());
        true
    })
    .expect("a capture");
    let ifaces = ifaces.expect("interfaces");
    let mut w = dissect::capture::write::PcapngWriter::new(Vec::new()).expect("writer");
    for _ in 0..copies {
        for (m, d) in &frames {
            w.write(m, d, &ifaces).expect("write");
        }
    }
    w.into_inner().expect("bytes")
}

/// `f`'s look-up, stopped by its flag: an error ("cancelled"), never the part it had read; and
/// it tells its progress on the way.
#[test]
fn a_cancelled_exchange_look_up_stops_and_says_so() {
    let bytes: std::sync::Arc<[u8]> = big_capture(2000).into();
    let open = move || -> std::io::Result<Box<dyn std::io::Read + Send>> { Ok(Box::new(std::io::Cursor::new(bytes.clone()))) };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut heard = Vec::new();
    let mut tell = |read| {
        heard.push(read);
        // Stopped at the first report, as Esc would.
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    };
    let mut progress = tui::report::Progress::new(&mut tell);
    // Frame 2, a HoTI (answered in frame 4): the pass would read all 36,000 frames.
    let r = tui::report::exchange(&open, 2, &Prefs::default(), &cancel, &mut progress);
    assert_eq!(r, Err("cancelled".to_string()));
    assert_eq!(heard, [tui::report::PROGRESS_EVERY]);
    // Not cancelled: the same look-up's answer on the fixture itself.
    let small = big_capture(1);
    let open = move || -> std::io::Result<Box<dyn std::io::Read + Send>> { Ok(Box::new(std::io::Cursor::new(small.clone()))) };
    let no = std::sync::atomic::AtomicBool::new(false);
    let r = tui::report::exchange(&open, 2, &Prefs::default(), &no, &mut tui::report::Progress::new(&mut |_| ()));
    assert_eq!(r, Ok(vec![2, 4]));
    let r = tui::report::exchange(&open, 4, &Prefs::default(), &no, &mut tui::report::Progress::new(&mut |_| ()));
    assert_eq!(r, Ok(vec![2, 4]));
}

/// The runtime keeps `f`'s flag: Esc's CancelExchange stops the thread, and a new `f` stops the
/// one before (each answers "cancelled", no stacked passes reading on).
#[test]
fn the_runtime_stops_a_look_up_on_esc_and_on_a_new_one() {
    use std::sync::mpsc::{sync_channel, Receiver};
    let (tx, rx) = sync_channel(256);
    let mut rt = tui::Runtime::new(tx);
    let mut s = State::new(Box::new(MemorySource::new("big", big_capture(2000))), Prefs::default(), "rfc", (120, 40));
    // Waits (a watchdog, not a timing) for the first event `pick` takes.
    fn until<T>(rx: &Receiver<Event>, pick: impl Fn(&Event) -> Option<T>) -> T {
        loop {
            let ev = rx.recv_timeout(std::time::Duration::from_secs(120)).expect("an event");
            if let Some(t) = pick(&ev) {
                return t;
            }
        }
    }
    let progress = |want: u64| move |e: &Event| matches!(e, Event::Progress { run, .. } if *run == want).then_some(());
    let answer = |want: u64| {
        move |e: &Event| match e {
            Event::Exchange { run, result, .. } if *run == want => Some(result.clone()),
            _ => None,
        }
    };
    rt.apply(&mut s, vec![Effect::FindExchange { run: 1, frame: 2 }]);
    until(&rx, progress(1));
    rt.apply(&mut s, vec![Effect::CancelExchange { run: 1 }]);
    assert_eq!(until(&rx, answer(1)), Err("cancelled".to_string()));
    rt.apply(&mut s, vec![Effect::FindExchange { run: 2, frame: 2 }]);
    until(&rx, progress(2));
    rt.apply(&mut s, vec![Effect::FindExchange { run: 3, frame: 2 }]);
    assert_eq!(until(&rx, answer(2)), Err("cancelled".to_string()));
    until(&rx, progress(3));
    rt.apply(&mut s, vec![Effect::CancelExchange { run: 3 }]);
    assert_eq!(until(&rx, answer(3)), Err("cancelled".to_string()));
}

/// `f` in the app: its progress on the status line, Esc stops it (and not the filter), the
/// look-up's late answer is ignored.
#[test]
fn esc_stops_f_and_its_late_answer_is_ignored() {
    let mut s = app();
    key(&mut s, KeyCode::Char('j'));
    let run = match key(&mut s, KeyCode::Char('f'))[..] {
        [Effect::FindExchange { run, frame: 2 }] => run,
        ref e => panic!("{e:?}"),
    };
    assert_eq!(s.message.as_deref(), Some("f: looking for frame 2's exchange… 0 frames read (Esc stops)"));
    s.update(Event::Progress { run, read: 16384 });
    assert_eq!(s.message.as_deref(), Some("f: looking for frame 2's exchange… 16384 frames read (Esc stops)"));
    assert_eq!(key(&mut s, KeyCode::Esc), [Effect::CancelExchange { run }]);
    assert_eq!(s.message.as_deref(), Some("f: stopped looking for frame 2's exchange"));
    assert!(s.update(Event::Exchange { run, frame: 2, result: Err("cancelled".into()) }).is_empty());
    assert!(s.update(Event::Exchange { run, frame: 2, result: Ok(vec![2, 4]) }).is_empty());
    assert!(s.filter.is_none());
    // A second Esc has nothing to stop.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    // A report view's pass: its progress in the view.
    key(&mut s, KeyCode::Char('s'));
    let run = s.view.as_ref().map(|v| v.run).expect("a view");
    s.update(Event::Progress { run, read: 32768 });
    assert!(screen(&s).contains("Reading the capture… 32768 frames read (Esc stops)"));
}

/// Live (`-i`): the same. A filter following the capture, cancelled, stays cancelled when its
/// pass ends, and says where it stopped, while the capture goes on.
#[test]
fn a_cancelled_live_filter_stays_cancelled() {
    let path = format!("{}/../captures/crafted/mh-messages.pcapng", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut s = State::new_live(Box::new(MemorySource::new("vb", bytes)), Prefs::default(), "rfc", (160, 48));
    tui::index_inline(&mut s).expect("index");
    let run = start_filter(&mut s);
    s.update(Event::Filtered { run, progress: Progress { read: 10, matches: vec![6, 7] } });
    assert!(screen(&s).contains("Filtering as captured, 10 read (Esc stops)"));
    assert_eq!(key(&mut s, KeyCode::Esc), [Effect::CancelFilter { run }]);
    s.update(Event::FilterDone { run, result: Ok(10) });
    assert_eq!(
        s.filter.as_ref().and_then(|f| f.done.clone()),
        Some(Err("cancelled after 10 of 18 frames: the matches are partial".to_string()))
    );
    assert!(screen(&s).contains("Packets (2 match in the first 10 of 18: filter stopped)"));
}
