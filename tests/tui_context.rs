//! The detail pane's tree of frame N is what `mipscope dissect -V` prints for frame N: the
//! frames before it replayed from a checkpoint of the context pass (reassembly, response
//! tracking, what earlier frames taught). The app is driven through `State::update`; the tree
//! text is the pane's visible nodes with every node open, indented as `-V` indents.

use std::process::Command;
use tui::app::{Event, State};
use tui::pass::Checkpoints;
use tui::ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui::source::MemorySource;

#[path = "support/frame_tree.rs"]
mod frame_tree;

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

/// A crafted fixture by name, or any capture by its absolute path.
fn fixture(name: &str) -> String {
    if name.starts_with('/') {
        return name.to_string();
    }
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
    frame_tree::dissect_v(BIN, fixture(name).as_ref(), n)
}

/// Every frame of fixtures with fragments (reassembly.pcapng: BUs and a Registration Request
/// reassembled from fragments), tracked exchanges (`[Response To: 2]`) and learned state
/// (seed 001's mobile-router roles, MIPv4 exchanges): the tree equals `-V`'s, whether the pane
/// moves down frame by frame (going on from its last replay) or comes back up (replaying from a
/// checkpoint: the context pass takes one every three frames here, every 1,024 in the app).
#[test]
fn the_tree_of_frame_n_is_dissect_v_of_frame_n() {
    // Two sections (ip-versions.pcapng, whose frames name interfaces 0 and 1, then
    // icmp-echo.pcapng, which describes only 0): a frame's interface is its own section's.
    let sections = std::env::temp_dir().join(format!("mipscope-tui-sections-{}.pcapng", std::process::id()));
    let mut two = std::fs::read(fixture("ip-versions.pcapng")).expect("fixture");
    two.extend(std::fs::read(fixture("icmp-echo.pcapng")).expect("fixture"));
    std::fs::write(&sections, two).expect("write");
    let sections = sections.to_string_lossy().into_owned();
    // Obsolete Packet Blocks (the scapy capture's packets, comments and all, each one's Drops
    // Count its number): the tree's Drop Count, the comments read again from such a block.
    let old = std::env::temp_dir().join(format!("mipscope-tui-obsolete-{}.pcapng", std::process::id()));
    std::fs::write(&old, obsolete_blocks(&std::fs::read(fixture("../real/scapy-vectors-packets.pcapng")).expect("fixture")))
        .expect("write");
    let old = old.to_string_lossy().into_owned();
    // Simple Packet Blocks: no time lines.
    let simple = with_simple_blocks("mh-messages.pcapng", "simple-tree");
    // Packet blocks with a queue, packet id, flags or drop count: the index keeps them. Then
    // the same on an interface whose frames end in a 4-octet FCS (`if_fcslen`; the flags give
    // no FCS length, so the interface's holds): the index gives each frame its FCS length.
    let opts = with_packet_options("mh-messages.pcapng", "options-tree");
    let fcs = with_fcs_length(&opts, "fcs-tree");
    assert!(dissect_v(&fcs, 1).contains("Frame check sequence"));
    let (first, twelfth) = (dissect_v(&opts, 1), dissect_v(&opts, 12));
    assert!(first.contains("    Interface queue: 1\n"), "{first}");
    assert!(["Packet id: 1012", "Packet flags: 0x00000001", "Drop Count: 12"].iter().all(|l| twelfth.contains(l)), "{twelfth}");
    // (The scapy capture has a comment on every packet: the tree's Packet comments layer.)
    for name in [
        "reassembly.pcapng",
        "mh-messages.pcapng",
        "seeds-nemo-ro.pcapng",
        "mip4-messages.pcapng",
        "seeds-mcoa.pcapng",
        "../real/scapy-vectors-packets.pcapng",
        &sections,
        &old,
        &simple,
        &opts,
        &fcs,
    ] {
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
    let _ = std::fs::remove_file(&sections);
    let _ = std::fs::remove_file(&old);
    let _ = std::fs::remove_file(&simple);
    let _ = std::fs::remove_file(&opts);
    let _ = std::fs::remove_file(&fcs);
}

/// `fixture`'s interfaces given an FCS length of 4 (`if_fcslen`), written to a temporary file
/// named after `tag`: its path.
fn with_fcs_length(fixture_name: &str, tag: &str) -> String {
    let mut n = 0;
    let path = edited_blocks(fixture_name, tag, |b, out| {
        if u32::from_le_bytes(b[0..4].try_into().unwrap()) != 1 {
            return false;
        }
        n += 1;
        let mut body = b[8..b.len() - 4].to_vec();
        if body.len() > 8 && body.ends_with(&[0; 4]) {
            body.truncate(body.len() - 4);
        }
        body.extend_from_slice(&[13, 0, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
        put_block(out, 1, &body);
        true
    });
    assert!(n > 0);
    path
}

/// `fixture`'s frames with options added to its Enhanced Packet Blocks that have none: frame
/// k's block `epb_queue` k when k is odd, `epb_packetid` 1000 + k when k is a multiple of three,
/// `epb_flags` 1 (inbound) and `epb_dropcount` k when a multiple of four (the rest left without);
/// written to a temporary file named after `tag`: its path.
fn with_packet_options(fixture_name: &str, tag: &str) -> String {
    let mut k = 0u64;
    let path = edited_blocks(fixture_name, tag, |b, out| {
        let word = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
        if word(0) != 6 {
            return false;
        }
        k += 1;
        let mut opts = Vec::new();
        let mut opt = |code: u16, value: &[u8]| {
            opts.extend_from_slice(&code.to_le_bytes());
            opts.extend_from_slice(&(value.len() as u16).to_le_bytes());
            opts.extend_from_slice(value);
        };
        if !k.is_multiple_of(2) {
            opt(6, &(k as u32).to_le_bytes());
        }
        if k.is_multiple_of(3) {
            opt(5, &(1000 + k).to_le_bytes());
        }
        if k.is_multiple_of(4) {
            opt(2, &1u32.to_le_bytes());
            opt(4, &k.to_le_bytes());
        }
        // Only a block without options of its own.
        if opts.is_empty() || b.len() != 32 + (word(20) as usize).next_multiple_of(4) {
            return false;
        }
        opts.extend_from_slice(&[0; 4]);
        put_block(out, 6, &[&b[8..b.len() - 4], &opts[..]].concat());
        true
    });
    assert!(k > 8);
    path
}

/// `fixture`'s frames with every other Enhanced Packet Block on interface 0 made a Simple Packet
/// Block (no time, no options), written to a temporary file named after `tag`: its path.
fn with_simple_blocks(fixture_name: &str, tag: &str) -> String {
    let mut k = 0u32;
    let path = edited_blocks(fixture_name, tag, |b, out| {
        let word = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
        if word(0) != 6 || word(8) != 0 {
            return false;
        }
        k += 1;
        if !k.is_multiple_of(2) {
            return false;
        }
        let (caplen, origlen) = (word(20) as usize, word(24));
        let mut body = origlen.to_le_bytes().to_vec();
        body.extend_from_slice(&b[28..28 + caplen]);
        body.resize(body.len().next_multiple_of(4), 0);
        put_block(out, 3, &body);
        true
    });
    assert!(k > 3);
    path
}

/// A little-endian pcapng file's blocks (`fixture`), each given to `edit`, which writes what
/// replaces it to `out` and says so (or leaves it as it is: false), written to a temporary file
/// named after `tag`: its path.
fn edited_blocks(fixture_name: &str, tag: &str, mut edit: impl FnMut(&[u8], &mut Vec<u8>) -> bool) -> String {
    let file = std::fs::read(fixture(fixture_name)).expect("fixture");
    let (mut out, mut at) = (Vec::new(), 0usize);
    while at + 12 <= file.len() {
        let len = u32::from_le_bytes(file[at + 4..at + 8].try_into().unwrap()) as usize;
        assert!(len >= 12 && at + len <= file.len(), "a little-endian pcapng file");
        let block = &file[at..at + len];
        if !edit(block, &mut out) {
            out.extend_from_slice(block);
        }
        at += len;
    }
    let path = std::env::temp_dir().join(format!("mipscope-tui-{tag}-{}.pcapng", std::process::id()));
    std::fs::write(&path, out).expect("write");
    path.to_string_lossy().into_owned()
}

/// A little-endian block of type `kind` around `body`.
fn put_block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
    let n = (12 + body.len()) as u32;
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&n.to_le_bytes());
}

/// A little-endian pcapng file with each Enhanced Packet Block made an obsolete Packet Block
/// (type 2: a 16-bit interface id, then a 16-bit Drops Count, here the packet's number; the
/// rest as it was).
fn obsolete_blocks(file: &[u8]) -> Vec<u8> {
    let mut out = file.to_vec();
    let (mut at, mut n) = (0usize, 0u16);
    while at + 12 <= out.len() {
        let word = |at: usize| u32::from_le_bytes(out[at..at + 4].try_into().unwrap());
        let (kind, len) = (word(at), word(at + 4) as usize);
        assert!(len >= 12 && at + len <= out.len(), "a little-endian pcapng file");
        if kind == 6 {
            n += 1;
            let if_id = u16::try_from(word(at + 8)).expect("a 16-bit interface id");
            out[at..at + 4].copy_from_slice(&2u32.to_le_bytes());
            out[at + 8..at + 10].copy_from_slice(&if_id.to_le_bytes());
            out[at + 10..at + 12].copy_from_slice(&n.to_le_bytes());
        }
        at += len;
    }
    assert!(n > 3);
    out
}

/// With a filter the list shows its matches, and the tree's "Time delta from previous
/// displayed frame" is the time since the match before (0 for the first), as `dissect -Y`'s;
/// a filter applied or cleared with the same frame selected changes it there and then.
/// Before, the pane always gave the time since the previous captured frame.
#[test]
fn the_displayed_delta_follows_the_filter() {
    let name = "mh-messages.pcapng";
    let filter = "mip6.mhtype == 6 || frame.number == 2";
    let mut s = app(name, 3);
    let effects = s.start_filter(filter).into_iter().collect();
    tui::apply_inline(&mut s, effects);
    press(&mut s, KeyCode::Char('g'));
    let shown = s.shown();
    assert_eq!(shown, 10, "frame 2 and the BAs");
    let mut deltas = Vec::new();
    for row in 0..shown {
        if row > 0 {
            press(&mut s, KeyCode::Char('j'));
        }
        let n = s.cur.as_ref().expect("selected").number;
        let tree = tree_text(&mut s);
        assert_eq!(tree, frame_tree::dissect_v_filtered(BIN, fixture(name).as_ref(), filter, n), "frame {n}");
        let line = tree.lines().find(|l| l.contains("previous displayed frame")).expect("the line").trim().to_owned();
        deltas.push((n, line));
    }
    // Frame 2 first (0), frame 8 six seconds after it, each BA after one second.
    assert_eq!(deltas[0], (2, "[Time delta from previous displayed frame: 0.000000000 seconds]".to_string()));
    assert_eq!(deltas[1], (8, "[Time delta from previous displayed frame: 6.000000000 seconds]".to_string()));
    // A filter's `${…}` reads the selected packet's field as its tree shows it: frame 8 (row
    // 1) came 6 s after frame 2, and only frame 8 did.
    press(&mut s, KeyCode::Char('g'));
    press(&mut s, KeyCode::Char('j'));
    let effects = s.start_filter("frame.time_delta_displayed == ${frame.time_delta_displayed}").into_iter().collect();
    let selected = s.filter.as_ref().and_then(|f| f.selected.clone()).expect("the selected packet");
    assert_eq!(selected.d.delta_shown_ns, 6_000_000_000);
    tui::apply_inline(&mut s, effects);
    // Back to the first filter, frame 8 selected.
    let effects = s.start_filter(filter).into_iter().collect();
    tui::apply_inline(&mut s, effects);
    press(&mut s, KeyCode::Char('g'));
    press(&mut s, KeyCode::Char('j'));
    // Cleared with frame 8 selected: the time since frame 7, as an unfiltered run.
    press(&mut s, KeyCode::Char('g'));
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('/'));
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    press(&mut s, KeyCode::Enter);
    assert!(s.filter.is_none());
    assert_eq!(s.cur.as_ref().map(|c| c.number), Some(8));
    assert_eq!(tree_text(&mut s), dissect_v(name, 8));
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

/// `mipscope dissect -r`'s packet list (with tracking): per frame, its summary line and the most
/// severe expert item of its `-V` tree (`[Expert Info (Warning/…`), the row's colour.
fn dissect_list(name: &str) -> Vec<(String, Option<dissect::expert::Severity>)> {
    use dissect::expert::Severity;
    let run = |args: &[&str]| {
        let out = Command::new(BIN).args(args).output().expect("mipscope dissect");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    // With tracking, as the app's passes dissect: `-z expert` turns it on for the list (alone,
    // `-r` leaves the tracker out of a list, so an answer's findings about its request are not
    // in it); its table comes after a blank line.
    let lines = run(&["dissect", "-r", &fixture(name), "-z", "expert"]);
    let lines = lines.split("\n\n").next().unwrap_or_default();
    let trees = run(&["dissect", "-V", "-r", &fixture(name)]);
    let mut worst: Vec<Option<Severity>> = Vec::new();
    for l in trees.lines() {
        if l.starts_with("Frame ") {
            worst.push(None);
        }
        let Some(rest) = l.split("[Expert Info (").nth(1) else { continue };
        let sev = [Severity::Chat, Severity::Note, Severity::Warn, Severity::Error]
            .into_iter()
            .find(|s| rest.starts_with(&format!("{}/", s.name())))
            .unwrap_or_else(|| panic!("{l}"));
        let last = worst.last_mut().expect("a frame");
        *last = (*last).max(Some(sev));
    }
    let lines: Vec<String> = lines.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), worst.len(), "{name}");
    lines.into_iter().zip(worst).collect()
}

/// The rows on the list's page, as `dissect -r` prints a frame's line, with their severity.
fn page_rows(s: &State) -> Vec<(u64, String, Option<dissect::expert::Severity>)> {
    let rows = s.areas().list_rows();
    (s.top..(s.top + rows).min(s.shown()))
        .map(|r| {
            let n = s.frame_at(r).expect("a frame");
            let row = s.row(n).unwrap_or_else(|| panic!("row of frame {n} not dissected"));
            let line = format!(
                "{:>5} {:>10} {} → {} {} {} {}",
                row.number, row.time, row.src, row.dst, row.protocol, row.length, row.info
            );
            (n, line, row.severity)
        })
        .collect()
}

/// The packet list's rows are `mipscope dissect -r`'s lines, frame for frame, Info column and
/// severity (the row's colour) included: a datagram completed by fragments is listed as the
/// reassembled message (reassembly.pcapng frame 9: a Binding Update), a NEMO route-optimisation
/// BU/BA is named from the mobile router learned earlier (seeds-nemo-ro.pcapng frames 5 and 6:
/// `RO Request:`/`RO Acknowledgement:`), a retransmission and a VCoA without its BID need the
/// request before them. Pages are walked down, up and by jumps, with checkpoints every three
/// frames (the page replayed from one) and with the app's spacing (from the start).
#[test]
fn list_rows_are_dissect_r_lines() {
    // The last two keep time in nanoseconds (one interface of linktypes.pcapng): the Time column
    // shows the capture clock's nine decimals, as the line does (six, always, before).
    let names = [
        "reassembly.pcapng",
        "seeds-nemo-ro.pcapng",
        "mh-messages.pcapng",
        "mip4-messages.pcapng",
        "seeds-mcoa.pcapng",
        "bu-ba-le-nsec.pcap",
        "linktypes.pcapng",
    ];
    // And Simple Packet Blocks: an empty Time column.
    let simple = with_simple_blocks("mh-messages.pcapng", "simple-list");
    for name in names.iter().copied().chain([simple.as_str()]) {
        let want = dissect_list(name);
        for spacing in [3, tui::pass::CHECKPOINT_EVERY] {
            let mut s = app(name, spacing);
            s.update(Event::Resize(100, 14));
            tui::context_inline(&mut s).expect("context");
            let frames = s.index.len();
            assert_eq!(frames, want.len(), "{name}");
            let mut checked = std::collections::BTreeSet::new();
            let keys = [
                KeyCode::Char('G'),
                KeyCode::PageUp,
                KeyCode::Char('g'),
                KeyCode::PageDown,
                KeyCode::PageDown,
                KeyCode::PageDown,
            ];
            let walk = keys
                .into_iter()
                .chain(std::iter::repeat_n(KeyCode::Char('j'), frames))
                .chain(std::iter::repeat_n(KeyCode::Char('k'), frames));
            for key in walk {
                press(&mut s, key);
                for (n, line, sev) in page_rows(&s) {
                    assert_eq!((&line, sev), (&want[(n - 1) as usize].0, want[(n - 1) as usize].1), "{name} frame {n}");
                    checked.insert(n);
                }
            }
            assert_eq!(checked.len(), frames, "{name}: every frame on a page");
            // A filter's page: rows far apart, each from its own checkpoint or the walk.
            let effects = s.start_filter("mip6 || mip").into_iter().collect();
            tui::apply_inline(&mut s, effects);
            assert!(s.shown() > 0, "{name}");
            for key in [KeyCode::Char('G'), KeyCode::Char('g'), KeyCode::PageDown] {
                press(&mut s, key);
                for (n, line, sev) in page_rows(&s) {
                    assert_eq!((&line, sev), (&want[(n - 1) as usize].0, want[(n - 1) as usize].1), "{name} frame {n} filtered");
                }
            }
        }
    }
    // What the context changes, named: a row alone would differ here.
    let want = dissect_list("reassembly.pcapng");
    assert!(
        want[8].0.ends_with(
            "MIPv6 174 Binding Update seq=77 lifetime=600 A H [Home Address option before a routing header, or after a Fragment or Authentication Header (RFC 6275 §6.3): after the Fragment header]"
        ),
        "{}",
        want[8].0
    );
    let want = dissect_list("seeds-nemo-ro.pcapng");
    assert!(want[4].0.contains("RO Request: Binding Update seq=33"), "{}", want[4].0);
    // A Simple Packet Block's line has no time (frame 2 of the file made above).
    let want = dissect_list(&simple);
    assert!(want[1].0.starts_with("    2            2001:db8:"), "{}", want[1].0);
    let _ = std::fs::remove_file(&simple);
}

/// A row too far from any checkpoint is listed alone (reassembly.pcapng frame 11 as the fragment
/// it is, not the Binding Update it completes), and dissected again in context when the
/// context pass's checkpoints come, without the page moving.
#[test]
fn rows_alone_get_their_context_when_the_pass_comes() {
    let name = "reassembly.pcapng";
    let want = dissect_list(name);
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    // Six rows a page; checkpoints every frame (a replay of two at most), none yet.
    let mut s = State::new(Box::new(MemorySource::new(name, bytes)), dissect::prefs::Prefs::default(), "rfc", (160, 24));
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
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(s.top, 9, "frames 10 to 15 on the page");
    let row = |s: &State, n: u64| s.row(n).map(|r| r.info.clone()).expect("on the page");
    assert!(row(&s, 11).starts_with("IPv6 fragment (off=56 more=n ident=0x00004004"), "{}", row(&s, 11));
    assert!(screen(&s).contains("IPv6 fragment (off=56 more=n ident=0x00004004"), "{}", screen(&s));
    tui::context_inline(&mut s).expect("context");
    assert_eq!(s.top, 9);
    for (n, line, sev) in page_rows(&s) {
        assert_eq!((&line, sev), (&want[(n - 1) as usize].0, want[(n - 1) as usize].1), "frame {n}");
    }
    assert!(row(&s, 11).starts_with("Binding Update seq=77"), "{}", row(&s, 11));
}

/// A page farther from its checkpoint than a redraw may replay (2,048 frames and the page) is
/// listed alone while the walk goes on as far as the budget lets it; the next redraws go on from
/// there and the rows get their context. A capture of 5,000 copies of a Binding Update
/// (reassembly.pcapng frame 2; each after the first a retransmission), checkpoints every 4,096
/// frames: `G` shows frames 4,995 to 5,000, 4,989 frames past the first page's walk.
#[test]
fn a_far_page_gets_its_context_over_redraws() {
    let fixture_bytes = std::fs::read(fixture("reassembly.pcapng")).expect("fixture");
    let mut entries = Vec::new();
    tui::index::build(std::io::Cursor::new(fixture_bytes.clone()), |b| {
        entries.extend(b.entries);
        true
    })
    .expect("index");
    let e = &entries[1];
    let bu = &fixture_bytes[e.at as usize..e.at as usize + e.cap_len as usize];
    // Classic pcap, microseconds, Ethernet: a record every millisecond.
    let mut pcap = Vec::new();
    for v in [0xa1b2_c3d4u32.to_le_bytes(), [2, 0, 4, 0], [0; 4], [0; 4], 65535u32.to_le_bytes(), 1u32.to_le_bytes()] {
        pcap.extend_from_slice(&v);
    }
    const FRAMES: u64 = 5000;
    for k in 0..FRAMES as u32 {
        for v in [1_767_225_600 + k / 1000, (k % 1000) * 1000, bu.len() as u32, bu.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(bu);
    }
    let path = std::env::temp_dir().join(format!("mipscope-tui-far-page-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).expect("write");
    let out = Command::new(BIN).args(["dissect", "-r", path.to_str().expect("utf-8"), "-z", "expert"]).output().expect("dissect");
    std::fs::remove_file(&path).ok();
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let want: Vec<&str> = text.split("\n\n").next().unwrap_or_default().lines().collect();
    assert_eq!(want.len() as u64, FRAMES);

    let mut s = State::new(Box::new(MemorySource::new("far.pcap", pcap)), dissect::prefs::Prefs::default(), "rfc", (160, 24));
    s.checkpoints = Checkpoints::new(4096);
    let mut batches = Vec::new();
    tui::index::build(s.reopen().expect("reopen"), |b| {
        batches.push(b);
        true
    })
    .expect("index");
    for b in batches {
        s.update(Event::Index(b));
    }
    let page: Vec<u64> = (FRAMES - 5..=FRAMES).collect();
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(s.top as u64, FRAMES - 6);
    let alone = |s: &State| page.iter().map(|&n| s.row_alone(n).expect("on the page")).collect::<Vec<_>>();
    assert_eq!(alone(&s), [true; 6], "redraw 1: the walk reaches frame 2,061");
    press(&mut s, KeyCode::Char('k'));
    assert_eq!(alone(&s), [true; 6], "redraw 2: frame 4,116");
    press(&mut s, KeyCode::Char('k'));
    assert_eq!(alone(&s), [false; 6], "redraw 3: the page");
    for (n, line, _) in page_rows(&s) {
        assert_eq!(line, want[(n - 1) as usize], "frame {n}");
    }
}
