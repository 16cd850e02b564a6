//! Whole-screen snapshots (ratatui's TestBackend, insta) of each view at 80x24 and 160x48,
//! the app driven through `State::update` with the keys a user types, on fixtures from
//! captures/; and the facts behind them checked against independent values (tshark's frame
//! numbers, the capture formats' record layouts).

use dissect::prefs::Prefs;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Color;
use ratatui::Terminal;
use tui::app::{Event, Pane, State};
use tui::source::{MemorySource, Packets};
use tui::ui::hex::HIGHLIGHT;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../captures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn app(name: &str, size: (u16, u16)) -> State {
    let short = name.rsplit('/').next().unwrap_or(name);
    let mut s = State::new(Box::new(MemorySource::new(short, fixture(name))), Prefs::default(), "rfc", size);
    tui::index_inline(&mut s).expect("index");
    s
}

fn press(s: &mut State, code: KeyCode) {
    let effects = s.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    tui::apply_inline(s, effects);
}

fn keys(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

fn draw(s: &State) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).expect("terminal");
    t.draw(|f| f.render_widget(s, f.area())).expect("draw");
    t.backend().buffer().clone()
}

/// The screen as text, trailing blanks cut.
fn text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        for x in 0..b.area.width {
            line.push_str(b[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn snap(name: &str, s: &State) {
    let screen = text(&draw(s));
    insta::assert_snapshot!(format!("{name}_{}x{}", s.size.0, s.size.1), screen);
}

/// Opens the Mobile IPv6 layer of the selected frame and puts the tree cursor on the Mobility
/// Header Type field.
fn open_mh_type(s: &mut State) {
    press(s, KeyCode::Tab);
    assert_eq!(s.focus, Pane::Tree);
    press(s, KeyCode::Char('G'));
    press(s, KeyCode::Enter);
    for _ in 0..3 {
        press(s, KeyCode::Char('j'));
    }
}

/// On a narrow terminal the list drops columns (Length, then Time, ...) but never cuts a frame
/// number or a time: every row still starts with its whole number, and a Time shown is whole.
#[test]
fn a_narrow_list_keeps_numbers_whole() {
    for width in [30u16, 40, 44, 50, 60, 80] {
        let s = app("crafted/mh-messages.pcapng", (width, 30));
        let screen = text(&draw(&s));
        let rows: Vec<&str> = screen.lines().filter(|l| l.contains("2001:db")).collect();
        assert!(!rows.is_empty(), "{width}: {screen}");
        for (i, row) in rows.iter().enumerate().take(9) {
            let n = (i + 1).to_string();
            let cells: Vec<&str> = row.trim_start_matches(['│', '▶', ' ']).split_whitespace().collect();
            assert_eq!(cells.first(), Some(&n.as_str()), "{width}: {row}");
            if let Some(t) = cells.get(1).filter(|c| c.contains('.') && !c.contains(':')) {
                assert_eq!(*t, format!("{i}.000000"), "{width}: {row}");
            }
        }
    }
}

#[test]
fn packet_list_at_start() {
    for size in SIZES {
        let s = app("crafted/mh-messages.pcapng", size);
        assert_eq!(s.index.len(), 18);
        snap("list", &s);
    }
}

/// The list of a capture with reassembly: a frame completing a datagram is listed as the
/// message reassembled (frame 9 a Binding Update, frame 11 one whose overlapping fragments
/// disagree, in red), as `mipscope dissect -r` lists it, its fragments as fragments.
#[test]
fn packet_list_with_reassembled_rows() {
    for size in SIZES {
        let mut s = app("crafted/reassembly.pcapng", size);
        press(&mut s, KeyCode::Char('G'));
        let row = s.row(11).expect("row 11 on the page");
        assert!(row.info.starts_with("Binding Update seq=77 lifetime=600 A H [Overlapping fragments disagree"), "{}", row.info);
        assert_eq!((row.protocol, row.severity), ("MIPv6", Some(dissect::expert::Severity::Error)));
        // Drawn red (an error), as `malformed_frames_are_red_or_yellow` reads a row's colour.
        let b = draw(&s);
        let y = (0..b.area.height)
            .find(|&y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect::<String>().starts_with("     11 "));
        assert_eq!(y.map(|y| b[(2, y)].fg), Some(Color::Red));
        snap("reassembled", &s);
    }
}

#[test]
fn tree_expanded_with_the_field_highlighted() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        keys(&mut s, "jjjjj"); // frame 6: a Binding Update
        open_mh_type(&mut s);
        snap("tree", &s);
        // The Mobility Header Type is the octet after the Payload Proto and Header Len
        // octets: Ethernet 14 + IPv6 40 + 2 = offset 56, one octet (value 5).
        assert_eq!(s.highlight(), Some(56..57));
        let cur = s.cur.as_ref().expect("selected frame");
        assert_eq!(cur.number, 6);
        assert_eq!(cur.data[56], 5);
        let b = draw(&s);
        let lit: Vec<String> = (0..b.area.height)
            .flat_map(|y| (0..b.area.width).map(move |x| (x, y)))
            .filter(|&p| b[p].style().bg == HIGHLIGHT.bg && b[p].style().fg == HIGHLIGHT.fg)
            .map(|p| b[p].symbol().to_string())
            .collect();
        // The hex digits "05" and the ASCII column's '.' for the one octet.
        assert_eq!(lit.concat(), "05.");
    }
}

#[test]
fn filter_bar_shows_the_error_where_it_is() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('/'));
        keys(&mut s, "mip6.bu.seqnr ==");
        let e = s.bar.as_ref().and_then(|b| b.error.clone()).expect("an error");
        assert_eq!(e.pos, 16, "at the end of the text: {e:?}");
        snap("filter_error", &s);
        // Enter keeps the bar open on an invalid filter.
        press(&mut s, KeyCode::Enter);
        assert!(s.bar.is_some() && s.filter.is_none());
        keys(&mut s, " 43");
        assert!(s.bar.as_ref().is_some_and(|b| b.error.is_none()));
    }
}

/// The columns of line `y` drawn reversed (the bar's caret), with their symbols.
fn reversed_on(b: &Buffer, y: u16) -> Vec<(u16, String)> {
    (0..b.area.width)
        .filter(|&x| b[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED))
        .map(|x| (x, b[(x, y)].symbol().to_string()))
        .collect()
}

/// The caret is drawn at the insertion point: Home and ← → move it, a key types there, in the
/// filter bar (valid or not) and in the save bar.
#[test]
fn the_bar_caret_is_at_the_insertion_point() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('/'));
        keys(&mut s, "ip6.src == 2001:db8::1");
        // "Filter: " is 8 columns; at the end the caret is the blank after the text.
        assert_eq!(reversed_on(&draw(&s), 0), vec![(8 + 22, " ".to_string())]);
        press(&mut s, KeyCode::Home);
        assert_eq!(reversed_on(&draw(&s), 0), vec![(8, "i".to_string())]);
        press(&mut s, KeyCode::Right);
        press(&mut s, KeyCode::Right);
        assert_eq!(reversed_on(&draw(&s), 0), vec![(10, "6".to_string())]);
        press(&mut s, KeyCode::Char('v'));
        assert_eq!(s.bar.as_ref().map(|b| b.text.as_str()), Some("ipv6.src == 2001:db8::1"));
        let b = draw(&s);
        assert_eq!(reversed_on(&b, 0), vec![(11, "6".to_string())]);
        assert_eq!(b[(11, 0)].fg, Color::Green, "the caret keeps the text's colour: {:?}", s.bar.as_ref().map(|b| &b.error));
        press(&mut s, KeyCode::Left);
        press(&mut s, KeyCode::Backspace);
        assert_eq!(reversed_on(&draw(&s), 0), vec![(9, "v".to_string())], "Backspace erased the p before the caret");
        // An invalid text: the caret is still where the next key goes.
        press(&mut s, KeyCode::End);
        keys(&mut s, " &&");
        press(&mut s, KeyCode::Left);
        assert!(s.bar.as_ref().is_some_and(|b| b.error.is_some()));
        let b = draw(&s);
        let end = 8 + "ip6.src == 2001:db8::1 &&".len() as u16;
        assert_eq!(reversed_on(&b, 0), vec![(end - 1, "&".to_string())]);
        assert_eq!(b[(end - 1, 0)].fg, Color::Red);
        press(&mut s, KeyCode::Esc);
        // The save bar.
        press(&mut s, KeyCode::Char('w'));
        press(&mut s, KeyCode::Home);
        let b = draw(&s);
        let line: String = (0..b.area.width).map(|x| b[(x, 0)].symbol()).collect();
        let x = line.find("): ").map(|i| line[..i + 3].chars().count() as u16).expect("the save prompt");
        assert_eq!(reversed_on(&b, 0), vec![(x, "s".to_string())]);
    }
}

#[test]
fn filter_applied_matches_tshark() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('/'));
        keys(&mut s, "mip6.mhtype == 5");
        press(&mut s, KeyCode::Enter);
        // tshark -r mh-messages.pcapng -Y 'mip6.mhtype == 5' -T fields -e frame.number
        let f = s.filter.as_ref().expect("applied");
        assert_eq!(f.matches, [6, 7]);
        assert_eq!(f.done, Some(Ok(18)));
        assert_eq!(s.shown(), 2);
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(6));
        press(&mut s, KeyCode::Char('n'));
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(7));
        press(&mut s, KeyCode::Char('n'));
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(6), "n wraps around");
        press(&mut s, KeyCode::Char('N'));
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(7));
        snap("filtered", &s);
        // An empty filter shows every packet again, the selection kept on its frame.
        press(&mut s, KeyCode::Char('/'));
        press(&mut s, KeyCode::End);
        for _ in 0.."mip6.mhtype == 5".len() {
            press(&mut s, KeyCode::Backspace);
        }
        press(&mut s, KeyCode::Enter);
        assert!(s.filter.is_none());
        assert_eq!(s.shown(), 18);
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(7));
    }
}

#[test]
fn help_overlay() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('?'));
        snap("help", &s);
        // Every key can be read: on a short screen the box says more follows and scrolls to
        // the last line, `q Ctrl-C  quit`; no description is cut at the box's edge.
        let first = text(&draw(&s));
        press(&mut s, KeyCode::End);
        let last = text(&draw(&s));
        if size.1 < 40 {
            assert!(first.contains("↓ more: j/k PgDn PgUp"), "{first}");
            assert!(!first.contains("Ctrl-C"), "{first}");
            snap("help_end", &s);
        }
        let quit = last.lines().find(|l| l.contains("│ q Ctrl-C")).unwrap_or_else(|| panic!("no quit line:\n{last}"));
        assert!(quit.contains("quit"), "{quit}");
        // Page by page from the top, every word of every key's description is on screen.
        press(&mut s, KeyCode::Home);
        let mut shown = String::new();
        for _ in 0..10 {
            let t = text(&draw(&s));
            shown.extend(t.lines().filter_map(|l| l.split('│').nth(1)).map(|l| format!("{l} ")));
            press(&mut s, KeyCode::PageDown);
        }
        for (_, what) in tui::ui::KEYS.iter().chain(tui::ui::COLOURS) {
            for word in what.split(' ') {
                assert!(shown.split_whitespace().any(|w| w == word), "{word:?} of {what:?} is not shown at {size:?}");
            }
        }
        press(&mut s, KeyCode::End);
        press(&mut s, KeyCode::Char('k'));
        assert!(s.help && (s.help_top > 0) == (size.1 < 40), "k scrolls back");
        // The wheel scrolls it too, three lines; a click does nothing.
        let top = s.help_top;
        click(&mut s, MouseEventKind::ScrollUp, 40, 10);
        assert_eq!(s.help_top, top.saturating_sub(3));
        click(&mut s, MouseEventKind::Down(MouseButton::Left), 40, 10);
        assert!(s.help);
        press(&mut s, KeyCode::Char('q'));
        assert!(!s.help && !s.quit, "q closes the help, it does not quit");
        press(&mut s, KeyCode::Char('q'));
        assert!(s.quit);
    }
}

#[test]
fn malformed_frames_are_red_or_yellow() {
    let s = app("crafted/mh-malformed.pcapng", (160, 48));
    snap("malformed", &s);
    let b = draw(&s);
    // Row of frame 1 (an error: the BU is truncated), frame 4 (a warning) and frame 6.
    let row_fg = |n: &str| {
        (0..b.area.height)
            .find(|&y| {
                text(&b).lines().nth(y as usize).is_some_and(|l| l.chars().skip(2).take(5).collect::<String>().trim() == n)
            })
            .map(|y| b[(30, y)].style().fg)
    };
    assert_eq!(row_fg("1"), Some(Some(Color::Red)));
    assert_eq!(row_fg("4"), Some(Some(Color::Yellow)));
    // Frame 6: its worst expert items are notes, but one is a MUST rule's
    // (`check.rfc6275.home_bu_without_acoa`): yellow, not the cyan of a clean binding.
    assert_eq!(row_fg("6"), Some(Some(Color::Yellow)));
}

/// Frame `n` of a fixture selected: its row and the colour its Info column is drawn in.
fn row_colour(name: &str, n: u64) -> (tui::app::Row, Option<Color>, ratatui::style::Modifier) {
    let mut s = app(name, (160, 48));
    for _ in 1..n {
        press(&mut s, KeyCode::Char('j'));
    }
    // Drawn unselected (the selection is reversed): the next row selected, or the one before.
    let sel = if n < s.shown() as u64 { 'j' } else { 'k' };
    press(&mut s, KeyCode::Char(sel));
    let row = s.row(n).cloned().expect("the row is on screen");
    let b = draw(&s);
    let y = (0..b.area.height)
        .find(|&y| {
            text(&b)
                .lines()
                .nth(y as usize)
                .is_some_and(|l| l.chars().skip(2).take(5).collect::<String>().trim() == n.to_string())
        })
        .expect("the row is drawn");
    // Column 120: inside Info (a colour of the row, not of a column).
    let cell = &b[(120, y)];
    (row, Some(cell.fg).filter(|&c| c != Color::Reset), cell.modifier)
}

/// Each message family has its colour, decided from the dissection: a Binding Update or
/// Acknowledgement with the P flag is Proxy Mobile IPv6 (RFC 5213 §8.1, §8.2) although its Info
/// says "Binding Update … P"; NEMO and NEMO-RO bindings are bindings.
#[test]
fn every_family_has_its_colour() {
    use tui::app::Family;
    let cases: &[(&str, u64, Family, Option<Color>)] = &[
        ("crafted/mh-messages.pcapng", 1, Family::Binding, Some(Color::Cyan)), // BRR
        ("crafted/mh-messages.pcapng", 8, Family::Binding, Some(Color::Cyan)), // BA
        ("crafted/mh-messages.pcapng", 2, Family::ReturnRoutability, Some(Color::Green)), // HoTI
        ("crafted/mh-messages.pcapng", 5, Family::ReturnRoutability, Some(Color::Green)), // CoT
        ("crafted/seeds-nemo-ro.pcapng", 5, Family::Binding, Some(Color::Cyan)), // NEMO RO Request (a BU)
        ("crafted/optext-pmipv6.pcapng", 1, Family::Proxy, Some(Color::LightBlue)), // PBU: "Binding Update … A H P"
        ("crafted/optext-pmipv6.pcapng", 2, Family::Proxy, Some(Color::LightBlue)), // PBA
        ("crafted/seeds-pmipro.pcapng", 1, Family::Proxy, Some(Color::LightBlue)), // Proxy HoTI (seed 004)
        ("crafted/seeds-pmipro.pcapng", 3, Family::Proxy, Some(Color::LightBlue)), // early proxy BU
        ("crafted/seeds-pmipro.pcapng", 7, Family::Binding, Some(Color::Cyan)), // BU without P
        ("crafted/mip4-messages.pcapng", 2, Family::MobileIp4, Some(Color::Magenta)), // Registration Request
        ("crafted/mip4-messages.pcapng", 5, Family::MobileIp4, Some(Color::Magenta)), // Registration Reply
        ("crafted/mip4-messages.pcapng", 11, Family::Other, None),             // UDP
        ("crafted/icmpv6-mobile.pcapng", 1, Family::Icmp, Some(Color::LightYellow)),
        ("crafted/icmpv4-arp.pcapng", 1, Family::Icmp, Some(Color::LightYellow)),
    ];
    for &(name, n, family, colour) in cases {
        let (row, fg, _) = row_colour(name, n);
        // No warning, error or failed rule (a note that is no rule's does not colour a row).
        assert_eq!((row.family, row.finding), (family, None), "{name} frame {n}: {}", row.info);
        assert!(row.severity.is_none_or(|s| s < dissect::expert::Severity::Warn), "{name} frame {n}: {:?}", row.severity);
        assert_eq!(fg, colour, "{name} frame {n}: {}", row.info);
    }
    // The P flag read from the tree (`mip6.bu.p_flag`, `mip6.ba.p_flag`), not from the Info text.
    let mut s = app("crafted/optext-pmipv6.pcapng", (160, 48));
    for (n, field) in [(1, "mip6.bu.p_flag"), (2, "mip6.ba.p_flag")] {
        let cur = s.cur.as_ref().expect("selected");
        assert_eq!(cur.number, n);
        assert_eq!(cur.d.find(field).map(|f| f.value), Some(dissect::field::Value::Bool(true)), "frame {n}");
        press(&mut s, KeyCode::Char('j'));
    }
}

/// A row failing a rule is coloured by the rule's level in the catalogue, not only by its
/// expert item's severity: frame 1 of seeds-nemo-ro.pcapng fails
/// `check.rfc6275.home_bu_without_acoa`, a MUST rule whose item is a note, and is yellow (a
/// warning's colour), not the cyan of a clean binding; frame 3, a CoTI failing only a SHOULD
/// rule (a note), keeps return routability's green, underlined.
#[test]
fn failed_rules_colour_their_rows() {
    use dissect::analysis::rules::{self, Level};
    use dissect::expert::Severity;
    use ratatui::style::Modifier;
    let mut s = app("crafted/seeds-nemo-ro.pcapng", (160, 48));
    let ids = |s: &State| -> Vec<&'static str> {
        s.cur
            .as_ref()
            .map(|c| c.d.experts.iter().map(|e| e.def.abbrev()).filter(|a| a.starts_with("check.")).collect())
            .unwrap_or_default()
    };
    assert_eq!(ids(&s), vec!["check.rfc6275.home_bu_without_acoa"]);
    assert_eq!(rules::RFC6275_HOME_BU_WITHOUT_ACOA.level, Level::Must);
    assert_eq!(rules::RFC6275_HOME_BU_WITHOUT_ACOA.expert.severity, Severity::Note);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(ids(&s), vec!["check.nemo_ro.coti_hao_against_rfc6275"]);
    assert_eq!(rules::NEMO_RO_COTI_HAO_AGAINST_RFC6275.level, Level::Should);
    let (row, fg, modifier) = row_colour("crafted/seeds-nemo-ro.pcapng", 1);
    assert_eq!((row.severity, row.finding), (Some(Severity::Note), Some(Level::Must)));
    assert_eq!(fg, Some(Color::Yellow));
    let (row, fg, modifier3) = row_colour("crafted/seeds-nemo-ro.pcapng", 3);
    assert_eq!((row.severity, row.finding), (Some(Severity::Note), Some(Level::Should)));
    assert_eq!(fg, Some(Color::Green));
    assert!(modifier3.contains(Modifier::UNDERLINED) && !modifier.contains(Modifier::UNDERLINED));
    // A clean row is not underlined.
    let (row, fg, modifier) = row_colour("crafted/mh-messages.pcapng", 2);
    assert_eq!((row.finding, fg), (None, Some(Color::Green)));
    assert!(!modifier.contains(Modifier::UNDERLINED));
}

/// The README's colour table is the help's (`ui::COLOURS`), row for row.
#[test]
fn readme_lists_the_colours_of_the_help() {
    let readme = std::fs::read_to_string(format!("{}/../README.md", env!("CARGO_MANIFEST_DIR"))).expect("README");
    let rows: Vec<(String, String)> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| colour | packet rows |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            Some((cells.first()?.to_string(), cells.get(1)?.to_string()))
        })
        .collect();
    let colours: Vec<(String, String)> = tui::ui::COLOURS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(rows, colours);
}

#[test]
fn paging_and_resize_keep_the_selection_on_screen() {
    let mut s = app("crafted/mh-messages.pcapng", (80, 24));
    press(&mut s, KeyCode::PageDown);
    press(&mut s, KeyCode::PageDown);
    assert!(s.sel >= s.top && s.sel < s.top + s.areas().list_rows());
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(s.cur.as_ref().map(|c| c.number), Some(18));
    s.update(Event::Resize(80, 12));
    assert!(s.sel >= s.top && s.sel < s.top + s.areas().list_rows().max(1));
    press(&mut s, KeyCode::Char('g'));
    assert_eq!((s.sel, s.top), (0, 0));
    let screen = text(&draw(&s));
    assert!(screen.lines().any(|l| l.starts_with("▶     1")), "{screen}");
}

/// The index records where each packet's octets start: for a classic pcap, the 24-octet file
/// header then, per record, a 16-octet record header before the octets.
#[test]
fn index_offsets_follow_the_record_layout() {
    let name = "crafted/bu-ba-le-usec.pcap";
    let s = app(name, (80, 24));
    let e = &s.index.entries;
    assert_eq!(e.len(), 2);
    assert_eq!({ e[0].at }, 24 + 16);
    assert_eq!({ e[1].at }, e[0].at + u64::from(e[0].cap_len) + 16);
    assert_eq!(std::mem::size_of::<tui::index::Entry>(), 28);
}

/// Every frame read back at its indexed offset is the frame the capture reader streams, and its
/// metadata is the reader's, for pcap and pcapng fixtures.
#[test]
fn frames_read_back_equal_the_stream() {
    for name in [
        "crafted/mh-messages.pcapng",
        "crafted/bu-ba-be-nsec.pcap",
        "crafted/linktypes.pcapng",
        "real/tcpdump-ipv6_mobility_1.pcap",
    ] {
        let bytes = fixture(name);
        let src = MemorySource::new(name, bytes.clone());
        let s = app(name, (80, 24));
        let mut buf = Vec::new();
        let mut n = 0;
        dissect::capture::for_each_packet(&bytes[..], |meta, data| {
            n += 1;
            let e = &s.index.entries[n - 1];
            src.read(e, &mut buf).expect("read");
            assert_eq!(buf, data, "{name} frame {n}");
            let m = s.index.meta(n as u64).expect("indexed");
            let fields =
                |m: &dissect::frame::FrameMeta| (m.number, m.ts, m.rel_ns, m.delta_ns, m.wire_len, m.linktype, m.interface);
            assert_eq!(fields(&m), fields(meta), "{name} frame {n}");
            true
        })
        .expect("stream");
        assert_eq!(n, s.index.len(), "{name}");
    }
}

/// A cut file: the frames before the cut are indexed and the error is kept for the status bar.
#[test]
fn truncated_file_indexes_what_is_there() {
    let s = app("crafted/truncated.pcap", (160, 48));
    assert!(matches!(s.index_done, Some(Err(_))), "{:?}", s.index_done);
    assert!(s.message.is_some());
    let screen = text(&draw(&s));
    assert!(screen.contains("cut short"), "{screen}");
}

/// The packets of a pcapng file as the capture reader gives them: (time, octets).
fn packets_of(path: &std::path::Path) -> Vec<((i64, u32), Vec<u8>)> {
    let bytes = std::fs::read(path).expect("saved file");
    let mut out = Vec::new();
    dissect::capture::for_each_packet(&bytes[..], |m, d| {
        out.push((m.ts, d.to_vec()));
        true
    })
    .expect("a capture");
    out
}

fn save_to(s: &mut State, path: &std::path::Path) {
    press(s, KeyCode::Char('w'));
    for _ in 0.."saved.pcapng".len() {
        press(s, KeyCode::Backspace);
    }
    keys(s, &path.display().to_string());
    press(s, KeyCode::Enter);
}

#[test]
fn marked_packets_are_saved_to_pcapng() {
    let dir = std::env::temp_dir().join(format!("mipscope-tui-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("marked.pcapng");
    let mut s = app("crafted/mh-messages.pcapng", (160, 48));
    keys(&mut s, "jm"); // frame 2
    keys(&mut s, "jjm"); // frame 4
    keys(&mut s, "jm"); // frame 5, then unmarked again
    keys(&mut s, "m");
    assert_eq!(s.marked.iter().copied().collect::<Vec<_>>(), [2, 4]);
    keys(&mut s, "k");
    snap("marked", &s);
    save_to(&mut s, &path);
    assert_eq!(s.message.as_deref(), Some(format!("wrote 2 packets to {}", path.display()).as_str()));
    let original =
        packets_of(std::path::Path::new(&format!("{}/../captures/crafted/mh-messages.pcapng", env!("CARGO_MANIFEST_DIR"))));
    assert_eq!(packets_of(&path), [original[1].clone(), original[3].clone()]);
    // No marks: the shown packets, here a filter's matches.
    s.marked.clear();
    press(&mut s, KeyCode::Char('/'));
    keys(&mut s, "mip6.mhtype == 5");
    press(&mut s, KeyCode::Enter);
    let path2 = dir.join("shown.pcapng");
    save_to(&mut s, &path2);
    assert_eq!(packets_of(&path2), [original[5].clone(), original[6].clone()]);
    // A path that cannot be written: said on the status bar, nothing else happens.
    save_to(&mut s, &dir.join("no/such/dir.pcapng"));
    assert!(s.message.as_deref().is_some_and(|m| m.starts_with("not saved: ")), "{:?}", s.message);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The README's keys table is the help overlay's (`ui::KEYS`), row for row.
#[test]
fn readme_lists_the_keys_of_the_help() {
    let readme = std::fs::read_to_string(format!("{}/../README.md", env!("CARGO_MANIFEST_DIR"))).expect("README");
    let section = readme.split("## Terminal UI").nth(1).expect("a Terminal UI section");
    let rows: Vec<(String, String)> = section
        .lines()
        .skip_while(|l| !l.starts_with("| key | action |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            Some((cells.first()?.trim_matches('`').to_string(), cells.get(1)?.to_string()))
        })
        .collect();
    let keys: Vec<(String, String)> = tui::ui::KEYS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(rows, keys);
}

#[test]
fn statistics_and_flow_views() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('s'));
        let text = match s.view.as_ref().and_then(|v| v.text.clone()) {
            Some(Ok(t)) => t,
            other => panic!("no statistics: {other:?}"),
        };
        // 18 frames, one message each (tshark -T fields -e mip6.mhtype: 18 values).
        assert!(text.contains("Mobility signalling statistics: 18 frames, 18 messages"), "{text}");
        snap("stats", &s);
        press(&mut s, KeyCode::Char('j'));
        assert_eq!(s.view.as_ref().map(|v| v.top), Some(1));
        press(&mut s, KeyCode::Esc);
        assert!(s.view.is_none());
        // The flow of a filter's matches: the two Binding Updates, 6 and 7.
        press(&mut s, KeyCode::Char('/'));
        keys(&mut s, "mip6.mhtype == 5");
        press(&mut s, KeyCode::Enter);
        press(&mut s, KeyCode::Char('l'));
        let text = match s.view.as_ref().and_then(|v| v.text.clone()) {
            Some(Ok(t)) => t,
            other => panic!("no flow: {other:?}"),
        };
        assert_eq!(text.matches("Binding Update seq=").count(), 2, "{text}");
        snap("flow", &s);
        press(&mut s, KeyCode::Char('q'));
        assert!(s.view.is_none() && !s.quit);
        // The findings of the two BUs: frame 7 is a Proxy BU without its mandatory options.
        press(&mut s, KeyCode::Char('c'));
        let text = match s.view.as_ref().and_then(|v| v.text.clone()) {
            Some(Ok(t)) => t,
            other => panic!("no findings: {other:?}"),
        };
        assert!(text.contains("check.rfc5213.pbu_without_mnid"), "{text}");
        snap("findings", &s);
    }
}

/// Report views scroll sideways when their lines are wider than the screen: the `l` ladder
/// of seeds-nemo-ro.pcapng has five lanes and the fifth, the home agent 2001:db8:5::1, is off
/// a 120-column screen until → brings it; a finding's rule line is read to its end.
#[test]
fn report_views_scroll_sideways() {
    // The audit's 120 columns (at 160 the five lanes fit).
    for size in [(80, 24), (120, 40)] {
        let mut s = app("crafted/seeds-nemo-ro.pcapng", size);
        press(&mut s, KeyCode::Char('l'));
        let flow = match s.view.as_ref().and_then(|v| v.text.clone()) {
            Some(Ok(t)) => t,
            other => panic!("no flow: {other:?}"),
        };
        let widest = flow.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        let ha = |t: &str| t.lines().any(|l| l.trim_end().ends_with(" 2001:db8:5::1"));
        let lane = flow.lines().find(|l| l.trim_end().ends_with(" 2001:db8:5::1")).map(|l| l.trim_end().chars().count());
        let (lane, width) = (lane.expect("the HA's lane"), usize::from(size.0));
        assert!(lane > width, "the lane is off screen at first ({lane})");
        let first = text(&draw(&s));
        assert!(!ha(&first), "{first}");
        assert!(first.contains(&format!("← → columns 1-{width} of {widest}")), "{first}");
        // → moves a tenth of the screen: as many as bring the lane's end on screen.
        for _ in 0..(lane - width).div_ceil(width / 10) {
            press(&mut s, KeyCode::Right);
        }
        let shifted = text(&draw(&s));
        assert!(ha(&shifted), "{shifted}");
        snap("flow_sideways", &s);
        for _ in 0..100 {
            press(&mut s, KeyCode::Right);
        }
        assert_eq!(s.view.as_ref().map(|v| v.left), Some(widest - width), "stops at the widest line's end");
        press(&mut s, KeyCode::Left);
        assert_eq!(s.view.as_ref().map(|v| v.left), Some(widest - usize::from(size.0) - usize::from(size.0) / 10));
        for _ in 0..100 {
            press(&mut s, KeyCode::Left);
        }
        assert_eq!(s.view.as_ref().map(|v| v.left), Some(0));
        assert_eq!(text(&draw(&s)), first);
        // ← → do not close the view; l still does.
        assert!(s.view.is_some());
        press(&mut s, KeyCode::Char('l'));
        assert!(s.view.is_none());
        // The findings: a rule's line, cut at first, is read to its end.
        press(&mut s, KeyCode::Char('c'));
        let findings = match s.view.as_ref().and_then(|v| v.text.clone()) {
            Some(Ok(t)) => t,
            other => panic!("no findings: {other:?}"),
        };
        let long = findings.lines().max_by_key(|l| l.chars().count()).unwrap_or_default();
        let end: String = long.chars().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
        assert!(!text(&draw(&s)).contains(&end), "{end}");
        for _ in 0..1000 {
            press(&mut s, KeyCode::Right);
        }
        assert!(text(&draw(&s)).contains(&end), "{end}");
    }
}

/// `f` follows the selected packet's exchange as response tracking pairs it (`mipscope dissect
/// -2 -T fields -e mip6.response_in -e mip6.response_to`: the BU of frame 6 is answered in frame
/// 8): the filter bar says it in Wireshark's words. A frame in no tracked exchange (frame 1, a
/// Binding Refresh Request) falls back to its conversation, and the status line says so.
#[test]
fn follow_filters_to_the_exchange_and_the_bar_remembers() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        keys(&mut s, "jjjjj"); // frame 6: the BU 2001:db8:2::100 -> 2001:db8:1::1, seq 1
        press(&mut s, KeyCode::Char('f'));
        let f = s.filter.as_ref().expect("a filter");
        assert_eq!(f.text, "frame.number in {6, 8}");
        assert_eq!(f.matches, [6, 8]);
        assert!(s.message.as_deref().is_some_and(|m| m.contains("frame 6's exchange")), "{:?}", s.message);
        assert_eq!(s.frame_at(s.sel), Some(6));
        snap("follow", &s);
        // From the answer: the same exchange.
        press(&mut s, KeyCode::Char('j'));
        assert_eq!(s.frame_at(s.sel), Some(8));
        press(&mut s, KeyCode::Char('f'));
        assert_eq!(s.filter.as_ref().map(|f| f.text.as_str()), Some("frame.number in {6, 8}"));
    }
    let mut s = app("crafted/mh-messages.pcapng", (160, 48));
    press(&mut s, KeyCode::Char('f')); // frame 1: the BRR, 2001:db8:3::3 -> 2001:db8:1::100
    let f = s.filter.as_ref().expect("a filter");
    assert_eq!(f.text, "ipv6.addr == 2001:db8:3::3 && ipv6.addr == 2001:db8:1::100");
    // tshark -Y with the same filter.
    assert_eq!(f.matches, [1, 2, 4]);
    assert!(
        s.message.as_deref().is_some_and(|m| m.contains("no tracked exchange: following its conversation")),
        "{:?}",
        s.message
    );
    // The bar opens on the applied filter; Ctrl-U clears it.
    press(&mut s, KeyCode::Char('/'));
    assert_eq!(s.bar.as_ref().map(|b| b.text.as_str()), Some("ipv6.addr == 2001:db8:3::3 && ipv6.addr == 2001:db8:1::100"));
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    keys(&mut s, "mip6.mhtype == 5");
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.filter.as_ref().map(|f| f.matches.clone()), Some(vec![6, 7]));
    // Up twice: the filter before the last; Down: the last again; Down: what the bar held
    // before Up (it opened on the applied filter, and "x" was typed after it).
    press(&mut s, KeyCode::Char('/'));
    keys(&mut s, "x");
    press(&mut s, KeyCode::Up);
    press(&mut s, KeyCode::Up);
    assert_eq!(s.bar.as_ref().map(|b| b.text.as_str()), Some("ipv6.addr == 2001:db8:3::3 && ipv6.addr == 2001:db8:1::100"));
    press(&mut s, KeyCode::Down);
    assert_eq!(s.bar.as_ref().map(|b| b.text.as_str()), Some("mip6.mhtype == 5"));
    press(&mut s, KeyCode::Down);
    assert_eq!(s.bar.as_ref().map(|b| b.text.as_str()), Some("mip6.mhtype == 5x"));
}

/// `${field}` in the filter bar reads the selected packet, as Wireshark does: on the BU of frame
/// 6 (sequence number 42), `mip6.ba.seqnr == ${mip6.bu.seqnr}` keeps the BAs with its sequence
/// number (`mipscope dissect -T fields -e mip6.bu.seqnr -e mip6.ba.seqnr`: the BAs of frames
/// 8–16 say 42; the BU of frame 7 says 43, so the filter on it keeps no BA). On a
/// packet without the field (frame 1, the BRR), the bar shows the error under the reference;
/// the report views read the same selected packet.
#[test]
fn field_references_read_the_selected_packet() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('/'));
        keys(&mut s, "mip6.ba.seqnr == ${mip6.bu.seqnr}");
        let e = s.bar.as_ref().and_then(|b| b.error.clone()).expect("frame 1 has no BU sequence number");
        assert!(e.msg.contains("not in the selected packet (frame 1)"), "{}", e.msg);
        assert_eq!((e.pos, e.len), (17, 16));
        snap("field_ref_error", &s);
        press(&mut s, KeyCode::Enter);
        assert!(s.filter.is_none() && s.bar.is_some(), "refused, the bar stays open");
        press(&mut s, KeyCode::Esc);
        keys(&mut s, "jjjjj");
        assert_eq!(s.frame_at(s.sel), Some(6));
        press(&mut s, KeyCode::Char('/'));
        keys(&mut s, "mip6.ba.seqnr == ${mip6.bu.seqnr} || frame.number == ${frame.number}");
        assert!(s.bar.as_ref().is_some_and(|b| b.error.is_none()));
        press(&mut s, KeyCode::Enter);
        let f = s.filter.as_ref().expect("applied");
        assert_eq!(f.matches, [6, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        assert_eq!(f.selected.as_ref().map(|p| p.number), Some(6));
        snap("field_ref", &s);
        // The statistics of the matches: the BU and the nine BAs.
        press(&mut s, KeyCode::Char('s'));
        let text = s.view.as_ref().and_then(|v| v.text.clone()).expect("done").expect("a report");
        assert!(text.contains("Mobility signalling statistics: 10 frames, 10 messages"), "{text}");
        press(&mut s, KeyCode::Esc);
        // On the BU of frame 7 (the filter cleared to show it): only itself.
        press(&mut s, KeyCode::Char('/'));
        s.update(Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        press(&mut s, KeyCode::Enter);
        press(&mut s, KeyCode::Char('j'));
        assert_eq!(s.frame_at(s.sel), Some(7));
        press(&mut s, KeyCode::Char('/'));
        press(&mut s, KeyCode::Up);
        press(&mut s, KeyCode::Enter);
        assert_eq!(s.filter.as_ref().map(|f| f.matches.clone()), Some(vec![7]));
    }
}

/// In the bytes pane, moving the byte cursor selects the innermost field that covers the byte.
#[test]
fn a_byte_selects_its_field() {
    let mut s = app("crafted/mh-messages.pcapng", (160, 48));
    keys(&mut s, "jjjjj"); // frame 6, a Binding Update
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus, Pane::Hex);
    // Line 3 (octets 48..64), then 8 to the right: octet 56, the Mobility Header Type.
    keys(&mut s, "jjj");
    keys(&mut s, "llllllll");
    let cur = s.cur.as_ref().expect("frame");
    assert_eq!(cur.byte, 56);
    assert_eq!(cur.d.nodes[cur.cursor].def.abbrev, "mip6.mhtype");
    assert_eq!(s.highlight(), Some(56..57));
    // Its layer was opened to show it.
    assert!(s.visible_nodes().contains(&cur.cursor));
    // Nine to the right: octet 65, in the Lifetime (a u16 at Mobility Header offset 10: the
    // header starts at 54, so octets 64-65; 0x0096 in the dump).
    keys(&mut s, "lllllllll");
    let cur = s.cur.as_ref().expect("frame");
    assert_eq!(cur.byte, 64 + 1);
    assert_eq!(cur.d.nodes[cur.cursor].def.abbrev, "mip6.bu.lifetime");
    assert_eq!(s.highlight(), Some(64..66));
    snap("byte", &s);
}

/// Tiny terminals: every view draws without a panic (nothing is checked but that).
#[test]
fn tiny_terminals_draw() {
    for size in [(1, 1), (2, 2), (20, 5), (40, 8), (8, 40)] {
        let mut s = app("crafted/mh-messages.pcapng", size);
        draw(&s);
        for k in ["j", "\t", "G", "\n", "\t", "l", "?"] {
            let code = match k {
                "\t" => KeyCode::Tab,
                "\n" => KeyCode::Enter,
                c => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            };
            press(&mut s, code);
            draw(&s);
        }
        press(&mut s, KeyCode::Esc);
        for k in ['/', 'x', '='] {
            press(&mut s, KeyCode::Char(k));
            draw(&s);
        }
        press(&mut s, KeyCode::Esc);
        for k in ['s', 'j', 'G'] {
            press(&mut s, KeyCode::Char(k));
            draw(&s);
        }
    }
}

fn click(s: &mut State, kind: MouseEventKind, column: u16, row: u16) {
    let effects = s.update(Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }));
    tui::apply_inline(s, effects);
}

/// Clicks select a row, a tree item (a second click on it expands it) and a byte (its field
/// selected); the wheel moves the selection of the pane under the pointer.
#[test]
fn mouse_selects_and_scrolls() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        let a = s.areas();
        // The list's third row: under the pane's title line and the column header.
        click(&mut s, MouseEventKind::Down(MouseButton::Left), 10, a.list.y + 2 + 2);
        assert_eq!((s.sel, s.cur.as_ref().map(|c| c.number)), (2, Some(3)));
        click(&mut s, MouseEventKind::ScrollDown, 10, a.list.y + 3);
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(6), "the wheel moves three rows");
        click(&mut s, MouseEventKind::ScrollUp, 10, a.list.y + 3);
        click(&mut s, MouseEventKind::ScrollDown, 10, a.list.y + 3);
        assert_eq!(s.focus, Pane::List, "the wheel does not move the focus");
        // The fourth tree line is the Mobile IPv6 layer: one click selects, a second expands.
        let layer = a.tree.y + 1 + 3;
        click(&mut s, MouseEventKind::Down(MouseButton::Left), 4, layer);
        assert_eq!(s.focus, Pane::Tree);
        let cur = s.cur.as_ref().expect("frame 6");
        assert_eq!(cur.d.nodes[cur.cursor].def.abbrev, "mipv6");
        assert_eq!(s.visible_nodes().len(), 4);
        click(&mut s, MouseEventKind::Down(MouseButton::Left), 4, layer);
        assert!(s.visible_nodes().len() > 4, "expanded");
        // Octet 56 (the Mobility Header Type): hex line 3, the ninth octet, column 7 + 3 * 8;
        // its ASCII character at column 56 + 8 selects the same octet.
        for x in [7 + 3 * 8, 7 + 3 * 8 + 1, 56 + 8] {
            click(&mut s, MouseEventKind::Down(MouseButton::Left), x, a.hex.y + 1 + 3);
            let cur = s.cur.as_ref().expect("frame 6");
            assert_eq!((s.focus, cur.byte), (Pane::Hex, 56), "column {x}");
            assert_eq!(cur.d.nodes[cur.cursor].def.abbrev, "mip6.mhtype");
            assert_eq!(s.highlight(), Some(56..57));
        }
        // Between the eighth and ninth octet: nothing.
        click(&mut s, MouseEventKind::Down(MouseButton::Left), 30, a.hex.y + 1);
        assert_eq!(s.cur.as_ref().map(|c| c.byte), Some(56));
        snap("mouse", &s);
    }
}

/// The columns a click maps to an octet are where the dump prints it (a line of the README's
/// screen, frame 6's first sixteen octets).
#[test]
fn hex_columns_are_the_dump_layout() {
    let line = "0000  02 00 00 00 00 02 02 00  00 00 00 01 86 dd 60 00  ..............`.";
    let octets = [0x02u8, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x86, 0xdd, 0x60, 0];
    for x in 0..80u16 {
        let Some(k) = tui::app::hex_column(x) else { continue };
        let x = usize::from(x);
        if x < 56 {
            // The column is one of the octet's two hex digits.
            let start = if line.as_bytes()[x + 1] == b' ' { x - 1 } else { x };
            assert_eq!(u8::from_str_radix(&line[start..start + 2], 16), Ok(octets[k]), "column {x}");
        } else {
            let c = if (0x20..0x7f).contains(&octets[k]) { octets[k] as char } else { '.' };
            assert_eq!(line[x..].chars().next(), Some(c), "column {x}");
        }
    }
    // Two digits and one character for each octet, nothing else.
    assert_eq!((0..80).filter_map(tui::app::hex_column).count(), 16 * 3);
}

/// `c`, then Enter on a finding: the view closes and its frame is selected.
#[test]
fn a_finding_goes_to_its_frame() {
    for size in SIZES {
        let mut s = app("crafted/mh-messages.pcapng", size);
        press(&mut s, KeyCode::Char('c'));
        let text = s.view.as_ref().and_then(|v| v.text.clone()).expect("done").expect("a report");
        // The report's second finding line, and the frame it names, read from the text.
        let (line, frame) = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| Some((i, l.trim_start().strip_prefix("frame ")?.split(':').next()?.parse::<u64>().ok()?)))
            .nth(1)
            .expect("two findings");
        for _ in 0..line + 1 {
            press(&mut s, KeyCode::Char('j'));
        }
        // On the finding's "found:" line: the finding above it.
        assert_eq!(s.view.as_ref().map(|v| v.cursor), Some(line + 1));
        snap("findings_cursor", &s);
        press(&mut s, KeyCode::Enter);
        assert!(s.view.is_none());
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(frame));
        assert_eq!(s.focus, Pane::List);
    }
    assert_eq!(tui::app::finding_frame("Exchange BU↔BA from frame 7:\n  frame 9: MUST x\n", 0), Some(7));
    assert_eq!(tui::app::finding_frame("Exchange BU↔BA from frame 7:\n  frame 9: MUST x\n    found: y\n", 2), Some(9));
    assert_eq!(tui::app::finding_frame("summary line\n", 0), None);
}

/// `L`: the ladder of the selected packet's exchange. In mh-messages.pcapng the HoTI of frame
/// 2 is answered in frame 4 (`mipscope dissect -2 -V`: "[Response In: 4]", "[Response To: 2]").
#[test]
fn exchange_flow_of_the_selected_packet() {
    for size in SIZES {
        for start in [2u64, 4] {
            let mut s = app("crafted/mh-messages.pcapng", size);
            for _ in 1..start {
                press(&mut s, KeyCode::Char('j'));
            }
            press(&mut s, KeyCode::Char('L'));
            let v = s.view.as_ref().expect("a view");
            assert_eq!(v.kind, tui::report::Kind::Exchange(start));
            let text = v.text.clone().expect("done").expect("a report");
            assert!(text.starts_with("Frames 2, 4\n"), "{text}");
            if start == 4 {
                snap("exchange", &s);
            }
            press(&mut s, KeyCode::Esc);
            assert!(s.view.is_none());
        }
    }
}

/// A live capture's events without a network: the frames of a fixture's index published in
/// ticks as the spool ticker sends them (the packet source is the fixture in memory). The
/// list follows the newest frame until the selection leaves the last row; `p` freezes what
/// is shown while the counts go on; the status bar shows libpcap's counters and the rate.
#[test]
fn live_ticks_follow_pause_and_count() {
    use tui::index::{Batch, Link};
    use tui::live::Tick;
    for size in SIZES {
        let bytes = fixture("crafted/mh-messages.pcapng");
        let mut batches = Vec::new();
        tui::index::build(&bytes[..], |b| {
            batches.push(b);
            true
        })
        .expect("index");
        let entries: Vec<_> = batches.iter().flat_map(|b| b.entries.clone()).collect();
        let links: Vec<Link> = batches.iter().find_map(|b| b.links.clone()).expect("links");
        let mut s = State::new_live(Box::new(MemorySource::new("vb", bytes)), Prefs::default(), "rfc", size);
        let tick = |s: &mut State, from: usize, to: usize, received: u64| {
            let batch = Batch {
                entries: entries[from..to].to_vec(),
                links: (from == 0).then(|| links.clone()),
                interfaces: Vec::new(),
                flags: Vec::new(),
                options: Vec::new(),
                untimed: Vec::new(),
                commented: Vec::new(),
            };
            let t = Tick { batch, received, dropped: 2, if_dropped: 1, rate: 40 };
            s.update(Event::Captured(t));
        };
        tick(&mut s, 0, 5, 8);
        assert_eq!((s.shown(), s.sel, s.cur.as_ref().map(|c| c.number)), (5, 4, Some(5)), "follows the newest");
        tick(&mut s, 5, 8, 11);
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(8));
        // Up: off the last row, the selection stays on its frame as frames come.
        press(&mut s, KeyCode::Char('k'));
        tick(&mut s, 8, 10, 13);
        assert!(!s.follow);
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(7));
        // G follows again.
        press(&mut s, KeyCode::Char('G'));
        assert!(s.follow);
        // p: frames keep coming (counted), the list stays at ten.
        press(&mut s, KeyCode::Char('p'));
        tick(&mut s, 10, 14, 17);
        assert_eq!((s.index.len(), s.shown(), s.cur.as_ref().map(|c| c.number)), (14, 10, Some(10)));
        let screen = text(&draw(&s));
        // At 80 columns the fields are shortened, none lost: the source, the counts, the pause,
        // the profile and `? help`.
        let status = screen.lines().last().unwrap_or_default().to_string();
        if size.0 >= 120 {
            assert!(status.contains("vb (live) │ Captured: 14 · Shown: 10 · Dropped: 2 (interface 1) · 40 pkt/s"), "{status}");
        } else {
            assert_eq!(status, " vb (live) │ 14 cap · 10 shown · 2+1 drop · 40/s │ PAUSED │ rfc │ ? help");
        }
        assert!(status.contains("PAUSED") && status.contains("rfc") && status.ends_with("? help"), "{status}");
        snap("live_paused", &s);
        press(&mut s, KeyCode::Char('p'));
        assert_eq!((s.shown(), s.cur.as_ref().map(|c| c.number)), (14, Some(14)));
        // The rest, then the end.
        tick(&mut s, 14, entries.len(), 21);
        s.update(Event::CaptureDone(Ok(18)));
        assert_eq!(s.cur.as_ref().map(|c| c.number), Some(18));
        let screen = text(&draw(&s));
        let status = screen.lines().last().unwrap_or_default().to_string();
        assert!(status.contains(if size.0 >= 120 { "Captured: 18 · Shown: 18" } else { "18 cap · 18 shown" }), "{status}");
        assert_eq!(s.live.as_ref().and_then(|l| l.ended.clone()), Some(Ok(18)));
        assert!(status.contains(if size.0 >= 120 { "capture ended" } else { "ended" }), "{status}");
        assert!(status.contains("rfc") && status.ends_with("? help"), "{status}");
        snap("live", &s);
    }
}

/// The status bar at 80 columns keeps its fields, the least important shortened or dropped
/// first, a message after them in the room left; a message goes with the next key, or
/// `MESSAGE_FOR` after the first tick that saw it.
#[test]
fn status_bar_priorities_and_messages_that_expire() {
    let status = |s: &State| text(&draw(s)).lines().last().unwrap_or_default().to_string();
    let mut s = app("crafted/mh-messages.pcapng", (80, 24));
    press(&mut s, KeyCode::Char('m'));
    press(&mut s, KeyCode::Char('p'));
    let m = s.message.clone().expect("p on a file says why not");
    let line = status(&s);
    // The fields shortened, the least important first, to leave the message room; it is cut
    // to the room left, marked with an ellipsis.
    assert!(line.starts_with(" mh-messages.pcapng │ 18 · 18 shown │ 1 marked │ rfc │ ? help │ p pauses"), "{line}");
    assert_eq!(line.chars().count(), 80, "{line}");
    assert!(line.ends_with('…') && m.starts_with(line.rsplit(" │ ").next().unwrap_or_default().trim_end_matches('…')), "{line}");
    // The next key takes it away.
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(s.message, None);
    assert!(!status(&s).contains(&m[..10]), "{}", status(&s));
    // On a clock: it stays MESSAGE_FOR after the first tick that saw it.
    press(&mut s, KeyCode::Char('p'));
    let t0 = std::time::Instant::now();
    s.update(Event::Tick(t0));
    s.update(Event::Tick(t0 + tui::app::MESSAGE_FOR / 2));
    assert_eq!(s.message.as_ref(), Some(&m));
    s.update(Event::Tick(t0 + tui::app::MESSAGE_FOR));
    assert_eq!(s.message, None);
    // A filter running on a narrow screen: its progress is kept, shortened.
    let mut s = app("crafted/mh-messages.pcapng", (80, 24));
    press(&mut s, KeyCode::Char('/'));
    keys(&mut s, "mipv6");
    let run = s.update(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    assert!(!run.is_empty(), "the filter starts: {run:?} {:?} {:?}", s.bar, s.filter.as_ref().map(|f| &f.done));
    let line = status(&s);
    assert_eq!(line, " mh-messages.pcapng │ Packets: 18 · Shown: 0 │ Filtering 0% │ rfc │ ? help", "{line}");
}

/// `p` on a file says what it is for and changes nothing.
#[test]
fn pause_is_for_live_captures() {
    let mut s = app("crafted/mh-messages.pcapng", (80, 24));
    press(&mut s, KeyCode::Char('p'));
    assert_eq!(s.paused, None);
    assert!(s.message.as_deref().is_some_and(|m| m.contains("live")));
}

/// A live capture's frames as the spool publishes them: the packet source reads the whole
/// fixture at indexed offsets, but a pass reading it again sees only the bytes published so far
/// (the fixture cut before the Enhanced Packet Block of the first unpublished frame).
struct Growing {
    bytes: std::sync::Arc<[u8]>,
    published: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Packets for Growing {
    fn read(&self, e: &tui::index::Entry, buf: &mut Vec<u8>) -> std::io::Result<()> {
        let at = e.at as usize;
        buf.clear();
        buf.extend_from_slice(self.bytes.get(at..at + e.cap_len as usize).ok_or(std::io::ErrorKind::UnexpectedEof)?);
        Ok(())
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> std::io::Result<()> {
        let at = at as usize;
        buf.copy_from_slice(self.bytes.get(at..at + buf.len()).ok_or(std::io::ErrorKind::UnexpectedEof)?);
        Ok(())
    }
    fn reopen(&self) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        (self.opener())()
    }
    fn opener(&self) -> tui::source::Opener {
        let (bytes, published) = (std::sync::Arc::clone(&self.bytes), std::sync::Arc::clone(&self.published));
        Box::new(move || {
            let n = published.load(std::sync::atomic::Ordering::Relaxed);
            Ok(Box::new(std::io::Cursor::new(bytes[..n].to_vec())))
        })
    }
    fn name(&self) -> &str {
        "vb"
    }
}

/// Report views on a live capture follow it: when frames came since the view was computed and
/// 500 ms have passed on the runtime's clock (`Event::Tick`), the report is computed again (the
/// old text shown meanwhile); sooner, or paused, it is not.
#[test]
fn live_report_views_refresh_as_frames_come() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};
    use tui::app::Effect;
    use tui::index::Batch;
    use tui::live::Tick;
    for size in SIZES {
        let bytes = fixture("crafted/mh-messages.pcapng");
        let mut batches = Vec::new();
        tui::index::build(&bytes[..], |b| {
            batches.push(b);
            true
        })
        .expect("index");
        let entries: Vec<_> = batches.iter().flat_map(|b| b.entries.clone()).collect();
        let links = batches.iter().find_map(|b| b.links.clone()).expect("links");
        // Published up to frame `k`: the fixture before frame k+1's block (an EPB: type 6, then
        // 28 octets before its data).
        let cut = |k: usize| match entries.get(k) {
            Some(e) => {
                let at = e.at as usize - 28;
                assert_eq!(bytes[at..at + 4], [6, 0, 0, 0]);
                at
            }
            None => bytes.len(),
        };
        let published = std::sync::Arc::new(AtomicUsize::new(0));
        let src = Growing { bytes: bytes.clone().into(), published: std::sync::Arc::clone(&published) };
        let mut s = State::new_live(Box::new(src), Prefs::default(), "rfc", size);
        let publish = |s: &mut State, from: usize, to: usize| {
            published.store(cut(to), Ordering::Relaxed);
            let batch = Batch {
                entries: entries[from..to].to_vec(),
                links: (from == 0).then(|| links.clone()),
                interfaces: Vec::new(),
                flags: Vec::new(),
                options: Vec::new(),
                untimed: Vec::new(),
                commented: Vec::new(),
            };
            s.update(Event::Captured(Tick { batch, received: to as u64, dropped: 0, if_dropped: 0, rate: 10 }));
        };
        let stats = |s: &State| s.view.as_ref().and_then(|v| v.text.clone()).expect("computed").expect("a report");
        let t0 = Instant::now();
        s.update(Event::Tick(t0));
        publish(&mut s, 0, 5);
        press(&mut s, KeyCode::Char('s'));
        assert!(stats(&s).contains("Mobility signalling statistics: 5 frames, 5 messages"), "{}", stats(&s));
        // Frames come; 100 ms later nothing is computed again.
        publish(&mut s, 5, 12);
        assert!(s.update(Event::Tick(t0 + Duration::from_millis(100))).is_empty());
        // 600 ms: computed again, the old text shown until the new one comes.
        let effects = s.update(Event::Tick(t0 + Duration::from_millis(600)));
        assert!(matches!(effects.as_slice(), [Effect::StartReport { kind: tui::report::Kind::Stats, .. }]), "{effects:?}");
        assert!(stats(&s).contains("5 frames"));
        assert!(s.view.as_ref().is_some_and(|v| v.refreshing));
        tui::apply_inline(&mut s, effects);
        assert!(stats(&s).contains("Mobility signalling statistics: 12 frames, 12 messages"), "{}", stats(&s));
        snap("live_stats", &s);
        // Nothing new: no pass. Paused: none either, though frames come.
        assert!(s.update(Event::Tick(t0 + Duration::from_millis(1500))).is_empty());
        press(&mut s, KeyCode::Char('p'));
        publish(&mut s, 12, entries.len());
        assert!(s.update(Event::Tick(t0 + Duration::from_millis(2500))).is_empty());
        press(&mut s, KeyCode::Char('p'));
        let effects = s.update(Event::Tick(t0 + Duration::from_millis(3000)));
        tui::apply_inline(&mut s, effects);
        assert!(stats(&s).contains("Mobility signalling statistics: 18 frames, 18 messages"), "{}", stats(&s));
    }
}
