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
