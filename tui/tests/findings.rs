//! Enter in the findings view (`c`) goes to the frame the finding is on: the first number of a
//! `frames N, M:` line (the others are the request it answers, `replay::check`), and the frame
//! of a `Frame N:` group header (a finding in no exchange).

use dissect::prefs::Prefs;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui::app::{Event, State};
use tui::source::MemorySource;

fn press(s: &mut State, code: KeyCode) {
    let effects = s.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    tui::apply_inline(s, effects);
}

/// Enter on line `line` of the findings of `fixture`: the frame selected after it.
fn enter_on(fixture: &str, line: usize) -> Option<u64> {
    let path = format!("{}/../captures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut s = State::new(Box::new(MemorySource::new("x", bytes)), Prefs::default(), "rfc", (160, 48));
    tui::index_inline(&mut s).expect("index");
    press(&mut s, KeyCode::Char('c'));
    for _ in 0..line {
        press(&mut s, KeyCode::Char('j'));
    }
    assert_eq!(s.view.as_ref().map(|v| v.cursor), Some(line));
    press(&mut s, KeyCode::Enter);
    assert!(s.view.is_none(), "the view closes");
    s.cur.as_ref().map(|c| c.number)
}

fn findings(fixture: &str) -> String {
    let path = format!("{}/../captures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut s = State::new(Box::new(MemorySource::new("x", bytes)), Prefs::default(), "rfc", (160, 48));
    tui::index_inline(&mut s).expect("index");
    press(&mut s, KeyCode::Char('c'));
    s.view.as_ref().and_then(|v| v.text.clone()).expect("done").expect("a report")
}

#[test]
fn a_two_frame_finding_goes_to_the_frame_it_is_on() {
    let fixture = "crafted/seeds-nemo-ro.pcapng";
    let text = findings(fixture);
    // `mipscope check -r captures/crafted/seeds-nemo-ro.pcapng`: the CN's BA of frame 6 lacks
    // the Binding Authorization Data option its BU (frame 5) called for.
    let line = text.lines().position(|l| l.starts_with("  frames 6, 5: MUST check.rfc6275.cn_ba_without_bad")).expect("{text}");
    assert!(text.lines().take(line).any(|l| l.starts_with("Exchange ") && l.ends_with("from frame 5:")), "{text}");
    assert_eq!(enter_on(fixture, line), Some(6));
    // Its found: and rule: lines too.
    assert_eq!(enter_on(fixture, line + 2), Some(6));
}

#[test]
fn a_frame_group_header_goes_to_its_frame() {
    let text = "Exchange BU↔BA from frame 2:\n  frame 3: MUST a\n    found: x\nFrame 9:\n  frame 9: SHOULD b\n    found: y\n";
    assert_eq!(tui::app::finding_frame(text, 3), Some(9));
    assert_eq!(tui::app::finding_frame(text, 5), Some(9));
    assert_eq!(tui::app::finding_frame(text, 2), Some(3));
    assert_eq!(tui::app::finding_frame(text, 0), Some(2));
    assert_eq!(tui::app::finding_frame("  frames 12, 7: MUST c\n", 0), Some(12));
    // In a fixture's report (`mipscope check` lists two such groups), the header goes to frame N.
    let fixture = "crafted/icmpv6-nd.pcapng";
    let text = findings(fixture);
    let headers: Vec<(usize, u64)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| Some((i, l.strip_prefix("Frame ")?.strip_suffix(':')?.parse().ok()?)))
        .collect();
    assert_eq!(headers.len(), 2, "{text}");
    for (line, frame) in headers {
        assert_eq!(enter_on(fixture, line), Some(frame), "line {line}");
    }
}
