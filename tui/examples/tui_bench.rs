//! Measures `mipscope tui` on a capture without a terminal: the time to the first screen
//! (the indexer's first batch, the rows on screen dissected, one draw into a 160x48 buffer),
//! the time to index the whole file, the index's bytes per frame, one redraw with everything
//! indexed (`G`), and a filter pass over the whole file.
//!
//! `cargo run --release -p tui --example tui_bench -- FILE [FILTER]`

use dissect::prefs::Prefs;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::sync::mpsc::sync_channel;
use std::time::Instant;
use tui::app::{Event, State};
use tui::source::FileSource;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: tui_bench FILE [FILTER]");
    let filter = args.next().unwrap_or_else(|| "mip6.mhtype == 5".to_string());
    let t0 = Instant::now();
    let src = FileSource::open(path.as_ref()).expect("open");
    let mut state = State::new(Box::new(src), Prefs::default(), "rfc", (160, 48));
    let (tx, rx) = sync_channel(256);
    let rt = tui::Runtime::new(tx);
    rt.start_index(&state).expect("index thread");
    drop(rt);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let mut first = None;
    while let Ok(ev) = rx.recv() {
        let done = matches!(ev, Event::IndexDone(_));
        state.update(ev);
        if first.is_none() && state.cur.is_some() {
            term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
            first = Some(t0.elapsed());
        }
        if done {
            break;
        }
    }
    let indexed = t0.elapsed();
    let n = state.index.len();
    let bytes = state.index.entries.capacity() * std::mem::size_of::<tui::index::Entry>();
    let t1 = Instant::now();
    state.update(Event::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE)));
    term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
    let last = t1.elapsed();
    let t2 = Instant::now();
    state.update(Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)));
    term.draw(|f| f.render_widget(&state, f.area())).expect("draw");
    let redraw = t2.elapsed();
    let t3 = Instant::now();
    let effects = state.start_filter(&filter).into_iter().collect();
    tui::apply_inline(&mut state, effects);
    let filtered = t3.elapsed();
    println!("frames: {n}");
    println!("first screen: {:.1} ms", first.map_or(f64::NAN, |d| d.as_secs_f64() * 1e3));
    println!("whole file indexed: {:.3} s", indexed.as_secs_f64());
    println!(
        "index: {bytes} bytes allocated, {:.1} bytes per frame (entry {} bytes)",
        bytes as f64 / n.max(1) as f64,
        std::mem::size_of::<tui::index::Entry>()
    );
    println!("G (last frame dissected and drawn): {:.2} ms", last.as_secs_f64() * 1e3);
    println!("redraw after a move: {:.2} ms", redraw.as_secs_f64() * 1e3);
    println!("filter {filter:?}: {} matches in {:.3} s", state.shown(), filtered.as_secs_f64());
}
