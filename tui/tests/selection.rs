//! The selection across a filter: after `/ FILTER Enter`, `f` or clearing a filter, the packet
//! selected before stays selected if it is shown, else the nearest shown packet after it, else
//! the one before it (Wireshark keeps the selected packet across a filter too). And the filter
//! history gives back the text being typed. `frame.number in {…}` filters make the matches
//! known without any dissection (mh-messages.pcapng has 18 frames).

use dissect::prefs::Prefs;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui::app::{Effect, Event, State};
use tui::filter::Progress;
use tui::source::MemorySource;

fn app() -> State {
    let path = format!("{}/../captures/crafted/mh-messages.pcapng", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = State::new(Box::new(MemorySource::new("mh-messages.pcapng", bytes)), Prefs::default(), "rfc", (120, 40));
    tui::index_inline(&mut s).expect("index");
    assert_eq!(s.shown(), 18);
    s
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    s.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn press(s: &mut State, code: KeyCode) {
    let effects = key(s, code);
    tui::apply_inline(s, effects);
}

fn keys(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

/// Selects frame `n` (no filter: row n-1) with `j`.
fn select(s: &mut State, n: u64) {
    press(s, KeyCode::Char('g'));
    for _ in 1..n {
        press(s, KeyCode::Char('j'));
    }
    assert_eq!(s.frame_at(s.sel), Some(n));
}

/// Opens the bar, replaces its text with `text` and presses Enter (the pass runs inline).
fn filter(s: &mut State, text: &str) {
    press(s, KeyCode::Char('/'));
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    keys(s, text);
    press(s, KeyCode::Enter);
    assert!(s.bar.is_none(), "{:?}", s.bar);
}

fn selected(s: &State) -> Option<u64> {
    assert_eq!(s.cur.as_ref().map(|c| c.number), s.frame_at(s.sel));
    s.frame_at(s.sel)
}

#[test]
fn a_filter_keeps_the_selected_packet_if_it_matches() {
    let mut s = app();
    select(&mut s, 9);
    filter(&mut s, "frame.number in {2, 4, 9, 13}");
    assert_eq!(s.filter.as_ref().map(|f| f.matches.clone()), Some(vec![2, 4, 9, 13]));
    assert_eq!((s.sel, selected(&s)), (2, Some(9)));
    // Another filter from there: still frame 9.
    filter(&mut s, "frame.number in {1, 9, 17}");
    assert_eq!((s.sel, selected(&s)), (1, Some(9)));
}

#[test]
fn else_the_nearest_after_it_else_before_it() {
    let mut s = app();
    select(&mut s, 5);
    filter(&mut s, "frame.number in {2, 4, 9, 13}");
    assert_eq!(selected(&s), Some(9), "the nearest after frame 5");
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(selected(&s), Some(13));
    filter(&mut s, "frame.number in {2, 4, 9}");
    assert_eq!(selected(&s), Some(9), "none after frame 13: the nearest before");
    filter(&mut s, "frame.number == 100");
    assert_eq!((s.shown(), selected(&s)), (0, None));
}

#[test]
fn clearing_the_filter_keeps_the_selected_packet() {
    let mut s = app();
    select(&mut s, 3);
    filter(&mut s, "frame.number in {2, 4, 9, 13}");
    assert_eq!(selected(&s), Some(4));
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(selected(&s), Some(9));
    filter(&mut s, "");
    assert!(s.filter.is_none());
    assert_eq!((s.sel, selected(&s)), (8, Some(9)));
}

/// `f` on the answer of an exchange (frame 8 answers the BU of frame 6: see screens.rs
/// `follow_filters_to_the_exchange_and_the_bar_remembers`) leaves the answer selected.
#[test]
fn follow_keeps_the_selected_packet() {
    let mut s = app();
    select(&mut s, 8);
    press(&mut s, KeyCode::Char('f'));
    assert_eq!(s.filter.as_ref().map(|f| f.text.as_str()), Some("frame.number in {6, 8}"));
    assert_eq!((s.sel, selected(&s)), (1, Some(8)));
}

/// The pass reports its matches in batches: the selection follows them until the selected
/// frame's row (or the first after it) has come; moving the selection meanwhile ends that.
#[test]
fn the_selection_follows_the_matches_as_they_come() {
    let mut s = app();
    select(&mut s, 10);
    let run = match s.start_filter("frame.number in {2, 4, 12, 15}") {
        Some(Effect::StartFilter { run, .. }) => run,
        e => panic!("{e:?}"),
    };
    assert_eq!(s.frame_at(s.sel), None, "no match yet");
    s.update(Event::Filtered { run, progress: Progress { read: 5, matches: vec![2, 4] } });
    assert_eq!(selected(&s), Some(4), "nothing after frame 10 yet: the last before it");
    s.update(Event::Filtered { run, progress: Progress { read: 13, matches: vec![12] } });
    assert_eq!(selected(&s), Some(12));
    s.update(Event::Filtered { run, progress: Progress { read: 18, matches: vec![15] } });
    s.update(Event::FilterDone { run, result: Ok(18) });
    assert_eq!(selected(&s), Some(12), "found: later matches leave it");

    // The user moves during the pass: the selection is theirs from then on.
    let run = match s.start_filter("frame.number in {1, 3, 14}") {
        Some(Effect::StartFilter { run, .. }) => run,
        e => panic!("{e:?}"),
    };
    s.update(Event::Filtered { run, progress: Progress { read: 5, matches: vec![1, 3] } });
    assert_eq!(selected(&s), Some(3));
    key(&mut s, KeyCode::Char('k'));
    assert_eq!(selected(&s), Some(1));
    s.update(Event::Filtered { run, progress: Progress { read: 18, matches: vec![14] } });
    s.update(Event::FilterDone { run, result: Ok(18) });
    assert_eq!(selected(&s), Some(1));
}

/// ↑ recalls the history, ↓ goes back down it, and ↓ past the newest entry gives back the text
/// that was being typed before ↑ (Wireshark's and the shells' history).
#[test]
fn down_past_the_history_gives_back_the_text_typed() {
    let mut s = app();
    filter(&mut s, "frame.number == 1");
    filter(&mut s, "frame.number == 2");
    press(&mut s, KeyCode::Char('/'));
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    keys(&mut s, "mip6.mh");
    let bar = |s: &State| s.bar.as_ref().map(|b| (b.text.clone(), b.cursor));
    press(&mut s, KeyCode::Up);
    assert_eq!(bar(&s), Some(("frame.number == 2".into(), 17)));
    press(&mut s, KeyCode::Up);
    assert_eq!(bar(&s), Some(("frame.number == 1".into(), 17)));
    press(&mut s, KeyCode::Down);
    assert_eq!(bar(&s), Some(("frame.number == 2".into(), 17)));
    press(&mut s, KeyCode::Down);
    assert_eq!(bar(&s), Some(("mip6.mh".into(), 7)));
    // ↓ again, or ↓ before any ↑, leaves the text as it is.
    press(&mut s, KeyCode::Down);
    assert_eq!(bar(&s), Some(("mip6.mh".into(), 7)));
}
