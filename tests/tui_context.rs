//! The detail pane's tree of frame N is what `mipscope dissect -V` prints for frame N: the
//! frames before it replayed from a checkpoint of the context pass (reassembly, response
//! tracking, what earlier frames taught). The app is driven through `State::update`; the tree
//! text is the pane's visible nodes with every node open, indented as `-V` indents.

use std::process::Command;
use tui::app::{Event, State};
use tui::pass::Checkpoints;
use tui::ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui::source::MemorySource;

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn fixture(name: &str) -> String {
    format!("{}/captures/crafted/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The app on a fixture, indexed, its context pass taking a checkpoint every `spacing` frames.
fn app(name: &str, spacing: u64) -> State {
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    let mut s = State::new(Box::new(MemorySource::new(name, bytes)), dissect::prefs::Prefs::default(), "rfc", (160, 48));
    s.checkpoints = Checkpoints::new(spacing);
    tui::index_inline(&mut s).expect("index");
    s
}

fn press(s: &mut State, code: KeyCode) {
    let effects = s.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    tui::apply_inline(s, effects);
}

/// The detail pane's tree with every node open: its labels, four spaces per level.
fn tree_text(s: &mut State) -> String {
    let cur = s.cur.as_mut().expect("a selected frame");
    cur.open.iter_mut().for_each(|o| *o = true);
    let cur = s.cur.as_ref().expect("a selected frame");
    let mut out = String::new();
    for i in s.visible_nodes() {
        let n = &cur.d.nodes[i];
        out.push_str(&"    ".repeat(usize::from(n.depth)));
        dissect::output::write_label(&mut out, &cur.d, &cur.data, n);
        out.push('\n');
    }
    out
}

/// The screen as text (ratatui's test backend).
fn screen(s: &State) -> String {
    use tui::ratatui::{backend::TestBackend, Terminal};
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).expect("terminal");
    t.draw(|f| f.render_widget(s, f.area())).expect("draw");
    let b = t.backend().buffer();
    let mut out = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            out.push_str(b[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn dissect_v(name: &str, n: u64) -> String {
    let out = Command::new(BIN)
        .args(["dissect", "-V", "-r", &fixture(name), "-Y", &format!("frame.number == {n}")])
        .output()
        .expect("mipscope dissect");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // Each frame's tree ends with a blank line.
    text.strip_suffix("\n\n").map(|t| format!("{t}\n")).unwrap_or(text)
}

/// Every frame of fixtures with fragments (reassembly.pcapng: BUs and a Registration Request
/// reassembled from fragments), tracked exchanges (`[Response To: 2]`) and learned state
/// (seed 001's mobile-router roles, MIPv4 exchanges): the tree equals `-V`'s, whether the pane
/// moves down frame by frame (going on from its last replay) or comes back up (replaying from a
/// checkpoint: the context pass takes one every three frames here, every 1,024 in the app).
#[test]
fn the_tree_of_frame_n_is_dissect_v_of_frame_n() {
    for name in ["reassembly.pcapng", "mh-messages.pcapng", "seeds-nemo-ro.pcapng", "mip4-messages.pcapng", "seeds-mcoa.pcapng"] {
        let mut s = app(name, 3);
        let frames = s.index.len() as u64;
        assert!(frames > 3, "{name}");
        let mut seen = Vec::new();
        // Down from frame 1, then up from the last.
        let order: Vec<u64> = (1..=frames).chain((1..frames).rev()).collect();
        for (k, &n) in order.iter().enumerate() {
            if k > 0 {
                press(&mut s, if n > order[k - 1] { KeyCode::Char('j') } else { KeyCode::Char('k') });
            }
            assert_eq!(s.cur.as_ref().map(|c| (c.number, c.alone)), Some((n, false)), "{name}");
            let tui = tree_text(&mut s);
            if k < frames as usize {
                seen.push(dissect_v(name, n));
            }
            assert_eq!(tui, seen[(n - 1) as usize], "{name} frame {n}");
        }
    }
}

/// What the context adds: in reassembly.pcapng frame 2 is a BU whose Binding Acknowledgement
/// (frame 4) says `[Response To: 2]`, and frame 9 completes a datagram from the fragments of
/// frames 7 and 8 (`mipscope dissect` shows it as a Binding Update, seq 77). Alone, neither
/// shows: the frame shown before the context pass came near says so in its title, and gets its
/// context when the pass does.
#[test]
fn context_comes_when_the_pass_does() {
    let name = "reassembly.pcapng";
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    let mut s = State::new(Box::new(MemorySource::new(name, bytes)), dissect::prefs::Prefs::default(), "rfc", (160, 48));
    // Checkpoints every frame, none yet; then the index only.
    s.checkpoints = Checkpoints::new(1);
    let input = s.reopen().expect("reopen");
    let mut batches = Vec::new();
    tui::index::build(input, |b| {
        batches.push(b);
        true
    })
    .expect("index");
    for b in batches {
        s.update(Event::Index(b));
    }
    // A jump (G, then up): too far from the start for the pane to replay alone.
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(s.cur.as_ref().map(|c| (c.number, c.alone)), Some((15, true)));
    for _ in 0..6 {
        press(&mut s, KeyCode::Char('k'));
    }
    let cur = s.cur.as_ref().expect("frame 9");
    assert_eq!((cur.number, cur.alone), (9, true));
    assert_eq!(cur.d.cols.info.split_whitespace().take(2).collect::<Vec<_>>(), ["IPv6", "fragment"]);
    assert!(screen(&s).contains("Frame 9 (alone: earlier frames not read yet)"), "{}", screen(&s));
    tui::context_inline(&mut s).expect("context");
    let cur = s.cur.as_ref().expect("frame 9");
    assert_eq!((cur.number, cur.alone), (9, false));
    assert!(cur.d.cols.info.starts_with("Binding Update seq=77"), "{}", cur.d.cols.info);
    assert!(screen(&s).contains(" Frame 9 ─"), "{}", screen(&s));
    assert_eq!(tree_text(&mut s), dissect_v(name, 9));
    // The reassembled octets follow the frame's: the hex pane holds both.
    let cur = s.cur.as_ref().expect("frame 9");
    assert!(cur.data.len() > cur.d.cap_len as usize);
    for _ in 0..5 {
        press(&mut s, KeyCode::Char('k'));
    }
    let text = tree_text(&mut s);
    assert!(text.contains("[Response To: 2]"), "{text}");
}
