//! The start of `tui -r FILE -Y FILTER`: the filter pass and the indexer run side by side, and
//! the filter's first matches can come before the index has reached them.

use dissect::prefs::Prefs;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui::app::{Effect, Event, State};
use tui::filter::Progress;
use tui::source::MemorySource;

/// Matches ahead of the index are not shown (nor read: no "frame 1 is not indexed" left on the
/// status line) until the index has their frames.
#[test]
fn matches_ahead_of_the_index_wait_for_it() {
    let path = format!("{}/../captures/crafted/mh-messages.pcapng", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut s = State::new(Box::new(MemorySource::new("mh-messages.pcapng", bytes)), Prefs::default(), "rfc", (120, 40));
    let run = match s.start_filter("mip6.mhtype == 5") {
        Some(Effect::StartFilter { run, .. }) => run,
        e => panic!("{e:?}"),
    };
    s.update(Event::Filtered { run, progress: Progress { read: 18, matches: vec![6, 7] } });
    s.update(Event::FilterDone { run, result: Ok(18) });
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)));
    assert_eq!(s.shown(), 0);
    assert!(s.cur.is_none());
    assert_eq!(s.message, None);
    tui::index_inline(&mut s).expect("index");
    assert_eq!(s.shown(), 2);
    assert_eq!(s.cur.as_ref().map(|c| c.number), Some(6));
    assert_eq!(s.message, None);
}
