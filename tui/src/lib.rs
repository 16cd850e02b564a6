//! `mipscope tui`: Wireshark's three panes in a terminal (ratatui + crossterm).
//!
//! Shape (after bandwhich and gitui): threads that read the capture send [`app::Event`]s over
//! one bounded channel, an indexer ([`index`]: frame offsets, no dissection) and, when a display
//! filter is applied, a filter pass ([`filter`]); the keyboard is one more sender. The state
//! changes only in [`app::State::update`], which returns the [`app::Effect`]s the runtime
//! carries out, and is drawn by `impl Widget for &State` ([`ui`]). The packet source
//! ([`source::Packets`]) and the events are injected, so tests drive the whole app without a
//! terminal.
#![forbid(unsafe_code)]

pub mod app;
pub mod filter;
pub mod index;
pub mod live;
pub mod pass;
pub mod report;
pub mod source;
pub mod ui;

/// The ratatui (and crossterm) the app is built with, for callers that make its events.
pub use ratatui;

use app::{Effect, Event, State};
use dissect::prefs::Prefs;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self as term, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, MouseEventKind};
use ratatui::Terminal;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread;

/// Events waiting for the UI at most: the index and filter threads wait when it falls behind.
const CHANNEL: usize = 256;

/// What the runtime needs to start background work and to stop it.
pub struct Runtime {
    tx: SyncSender<Event>,
    /// The running filter pass and its cancel flag.
    filtering: Option<(u64, Arc<AtomicBool>)>,
    /// The running report pass and its cancel flag.
    reporting: Option<(u64, Arc<AtomicBool>)>,
    /// `f`'s running look-up and its cancel flag.
    exchanging: Option<(u64, Arc<AtomicBool>)>,
    /// Filter passes running: the context pass waits while there is one, so that a filter the
    /// user waits for has both cores (checkpoints only make the detail pane's replays shorter).
    filters: Arc<AtomicUsize>,
}

impl Runtime {
    pub fn new(tx: SyncSender<Event>) -> Self {
        Runtime { tx, filtering: None, reporting: None, exchanging: None, filters: Arc::default() }
    }

    /// Starts the indexer on its own thread, and the context pass on another (checkpoints of
    /// what earlier frames teach, for the detail pane).
    pub fn start_index(&self, state: &State) -> io::Result<()> {
        let input = state.reopen()?;
        let tx = self.tx.clone();
        thread::Builder::new().name("index".into()).spawn(move || {
            let r = index::build(input, |b| tx.send(Event::Index(b)).is_ok());
            let _ = tx.send(Event::IndexDone(r.map_err(|(_, e)| e.to_string())));
        })?;
        let input = state.reopen()?;
        let (tx, prefs, filters) = (self.tx.clone(), state.prefs().clone(), Arc::clone(&self.filters));
        thread::Builder::new().name("context".into()).spawn(move || {
            let never = AtomicBool::new(false);
            let mut last = 0;
            let r = pass::checkpoints(input, pass::CHECKPOINT_EVERY, &prefs, &never, |frames, cx| {
                while filters.load(Ordering::Relaxed) > 0 {
                    thread::sleep(std::time::Duration::from_millis(10));
                }
                last = frames;
                cx.is_none() || tx.send(Event::Context { frames, cx }).is_ok()
            });
            // The end (of the file, or where it was cut): frames stepped.
            let _ = r;
            let _ = tx.send(Event::Context { frames: last, cx: None });
        })?;
        Ok(())
    }

    /// Carries out `effects`; returns `false` on [`Effect::Quit`].
    pub fn apply(&mut self, state: &mut State, effects: Vec<Effect>) -> bool {
        let mut go_on = true;
        for e in effects {
            match e {
                Effect::Quit => go_on = false,
                // On the UI thread: positioned reads of the frames, no dissection.
                Effect::Save { path, frames } => {
                    let r = state.save(&path, &frames).map(|n| (n, path));
                    state.update(Event::Saved(r));
                }
                Effect::CancelReport { run } => {
                    if let Some((r, flag)) = &self.reporting {
                        if *r == run {
                            flag.store(true, Ordering::Relaxed);
                        }
                    }
                }
                Effect::CancelExchange { run } => {
                    if let Some((r, flag)) = &self.exchanging {
                        if *r == run {
                            flag.store(true, Ordering::Relaxed);
                        }
                    }
                }
                Effect::FindExchange { run, frame } => {
                    // A new look-up replaces the one before.
                    if let Some((_, flag)) = self.exchanging.take() {
                        flag.store(true, Ordering::Relaxed);
                    }
                    let flag = Arc::new(AtomicBool::new(false));
                    self.exchanging = Some((run, Arc::clone(&flag)));
                    let tx = self.tx.clone();
                    let prefs = state.prefs().clone();
                    let open = state.opener();
                    let spawned = thread::Builder::new().name("exchange".into()).spawn(move || {
                        let mut tell = |read| {
                            let _ = tx.send(Event::Progress { run, read });
                        };
                        let result = report::exchange(&*open, frame, &prefs, &flag, &mut report::Progress::new(&mut tell));
                        let _ = tx.send(Event::Exchange { run, frame, result });
                    });
                    if let Err(e) = spawned {
                        let _ = self.tx.try_send(Event::Exchange { run, frame, result: Err(e.to_string()) });
                    }
                }
                Effect::StartReport { run, kind, filter, selected } => {
                    if let Some((_, flag)) = self.reporting.take() {
                        flag.store(true, Ordering::Relaxed);
                    }
                    let flag = Arc::new(AtomicBool::new(false));
                    self.reporting = Some((run, Arc::clone(&flag)));
                    let tx = self.tx.clone();
                    let prefs = state.prefs().clone();
                    let open = state.opener();
                    let source = state.source_name().to_string();
                    let spawned = thread::Builder::new().name("report".into()).spawn(move || {
                        let mut tell = |read| {
                            let _ = tx.send(Event::Progress { run, read });
                        };
                        let mut progress = report::Progress::new(&mut tell);
                        let result =
                            report_now(&*open, kind, (filter.as_deref(), selected), &prefs, &flag, &source, &mut progress);
                        let _ = tx.send(Event::Report { run, result });
                    });
                    if let Err(e) = spawned {
                        let _ = self.tx.try_send(Event::Report { run, result: Err(e.to_string()) });
                    }
                }
                Effect::CancelFilter { run } => {
                    if let Some((r, flag)) = &self.filtering {
                        if *r == run {
                            flag.store(true, Ordering::Relaxed);
                        }
                    }
                }
                Effect::StartFilter { run, text, selected } => {
                    if let Some((_, flag)) = self.filtering.take() {
                        flag.store(true, Ordering::Relaxed);
                    }
                    let flag = Arc::new(AtomicBool::new(false));
                    self.filtering = Some((run, Arc::clone(&flag)));
                    let tx = self.tx.clone();
                    let prefs = state.prefs().clone();
                    let input = state.reopen();
                    let spool = state.spool();
                    let running = Running::new(&self.filters);
                    let spawned = thread::Builder::new().name("filter".into()).spawn(move || {
                        let _running = running;
                        let report = |progress| tx.send(Event::Filtered { run, progress }).is_ok();
                        let result = match (spool, input, filter::Compiled::new(&text, selected)) {
                            (Some(spool), _, Ok(f)) => live::filter(&spool, &f, &prefs, &flag, report),
                            (_, Ok(input), Ok(f)) => filter::run(input, &f, &prefs, &flag, report),
                            (_, Err(e), _) => Err(e.to_string()),
                            (_, _, Err(e)) => Err(e.msg),
                        };
                        let _ = tx.send(Event::FilterDone { run, result });
                    });
                    if let Err(e) = spawned {
                        let _ = self.tx.try_send(Event::FilterDone { run, result: Err(e.to_string()) });
                    }
                }
            }
        }
        go_on
    }
}

/// One filter pass running, counted while this lives (a panic included).
struct Running(Arc<AtomicUsize>);

impl Running {
    fn new(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Running(Arc::clone(count))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A report of the whole capture (a filter's matches with `filter`, its field references
/// reading the packet selected with it).
fn report_now(
    open: &dyn Fn() -> io::Result<Box<dyn io::Read + Send>>,
    kind: report::Kind,
    (filter, selected): (Option<&str>, Option<Arc<filter::Selected>>),
    prefs: &Prefs,
    cancel: &AtomicBool,
    source: &str,
    progress: &mut report::Progress,
) -> Result<String, String> {
    let filter = filter.map(|f| filter::Compiled::new(f, selected)).transpose().map_err(|e| e.msg)?;
    report::run(open, kind, filter.as_ref(), prefs, cancel, source, progress)
}

/// Carries out effects on the calling thread, for tests and scripted runs: a filter pass runs
/// to its end at once and its events are applied in order.
pub fn apply_inline(state: &mut State, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::StartReport { run, kind, filter, selected } = &e {
            let prefs = state.prefs().clone();
            let open = state.opener();
            let no = AtomicBool::new(false);
            let mut quiet = |_| ();
            let mut progress = report::Progress::new(&mut quiet);
            let result =
                report_now(&*open, *kind, (filter.as_deref(), selected.clone()), &prefs, &no, state.source_name(), &mut progress);
            state.update(Event::Report { run: *run, result });
        }
        if let Effect::FindExchange { run, frame } = &e {
            let prefs = state.prefs().clone();
            let open = state.opener();
            let result =
                report::exchange(&*open, *frame, &prefs, &AtomicBool::new(false), &mut report::Progress::new(&mut |_| ()));
            let more = state.update(Event::Exchange { run: *run, frame: *frame, result });
            apply_inline(state, more);
        }
        if let Effect::Save { path, frames } = &e {
            let r = state.save(path, frames).map(|n| (n, path.clone()));
            state.update(Event::Saved(r));
        }
        if let Effect::StartFilter { run, text, selected } = e {
            let prefs = state.prefs().clone();
            let mut events = Vec::new();
            let report = |progress| {
                events.push(Event::Filtered { run, progress });
                true
            };
            let no = AtomicBool::new(false);
            // A live capture's filter ends when the capture has ended and it has read every frame.
            let result = match (state.spool(), state.reopen(), filter::Compiled::new(&text, selected)) {
                (Some(spool), _, Ok(f)) => live::filter(&spool, &f, &prefs, &no, report),
                (_, Ok(input), Ok(f)) => filter::run(input, &f, &prefs, &no, report),
                (_, Err(e), _) => Err(e.to_string()),
                (_, _, Err(e)) => Err(e.msg),
            };
            events.push(Event::FilterDone { run, result });
            for ev in events {
                let more = state.update(ev);
                apply_inline(state, more);
            }
        }
    }
}

/// Runs the context pass on the calling thread (tests): every checkpoint, then the end.
pub fn context_inline(state: &mut State) -> io::Result<()> {
    let input = state.reopen()?;
    let prefs = state.prefs().clone();
    let every = state.checkpoints.held().1;
    let mut events = Vec::new();
    let mut last = 0;
    // A cut file: its checkpoints up to the cut (the index says why it stopped).
    let _ = pass::checkpoints(input, every, &prefs, &AtomicBool::new(false), |frames, cx| {
        last = frames;
        if cx.is_some() {
            events.push(Event::Context { frames, cx });
        }
        true
    });
    events.push(Event::Context { frames: last, cx: None });
    for ev in events {
        state.update(ev);
    }
    Ok(())
}

/// Indexes the state's capture on the calling thread (tests): every batch, then the end; then
/// the context pass ([`context_inline`]), as the runtime starts both.
pub fn index_inline(state: &mut State) -> io::Result<()> {
    let input = state.reopen()?;
    let mut batches = Vec::new();
    let r = index::build(input, |b| {
        batches.push(b);
        true
    });
    for b in batches {
        state.update(Event::Index(b));
    }
    state.update(Event::IndexDone(r.map_err(|(_, e)| e.to_string())));
    context_inline(state)
}

/// The event loop: draw, wait for an event, apply it and whatever else is already waiting,
/// carry out the effects; until quit or the senders are gone.
pub fn run<B: Backend>(terminal: &mut Terminal<B>, state: &mut State, rt: &mut Runtime, rx: &Receiver<Event>) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    loop {
        terminal.draw(|f| f.render_widget(&*state, f.area())).map_err(Into::into)?;
        let Ok(ev) = rx.recv() else { return Ok(()) };
        let mut effects = state.update(ev);
        // Apply what else is queued before drawing again (index batches come in bursts).
        for _ in 0..64 {
            match rx.try_recv() {
                Ok(ev) => effects.extend(state.update(ev)),
                Err(_) => break,
            }
        }
        if !rt.apply(state, effects) || state.quit {
            return Ok(());
        }
    }
}

/// A hook for tests only (tests/tui.rs `a_panic_restores_the_terminal`): with this variable set
/// to 1, the UI thread panics after its first draw, so that the terminal's restoration on a panic
/// can be checked on the real binary; with `thread`, a background thread panics after it
/// (tests/tui.rs `a_background_panic_ends_the_app`). Read once, when the event loop starts.
const TEST_PANIC: &str = "MIPSCOPE_TUI_TEST_PANIC";

/// Restores the terminal when dropped: on return, on error and while a panic unwinds
/// (ratatui's panic hook restores it before the message is printed, too). SIGTERM, SIGHUP and
/// SIGINT end the event loop like `q`.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = ratatui::crossterm::execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// What `mipscope tui -r FILE` runs: the terminal taken over until `q`.
pub fn run_file(path: &Path, prefs: Prefs, profile: &str, filter: Option<&str>) -> io::Result<()> {
    let src = source::FileSource::open(path)?;
    let (tx, rx) = sync_channel(CHANNEL);
    let mut rt = Runtime::new(tx.clone());
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    ratatui::crossterm::execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    let mut state = State::new(Box::new(src), prefs, profile, (size.width, size.height));
    rt.start_index(&state)?;
    drive(&mut terminal, &mut state, &mut rt, tx, &rx, filter)
}

/// What `mipscope tui -i IFACE` runs: the capture (already open, so its errors came before
/// the screen) spooled and shown as it comes, until `q`; then the capture stops and the spool
/// is deleted.
pub fn run_live(
    live: dissect::live::Live,
    stop: Arc<AtomicBool>,
    prefs: Prefs,
    profile: &str,
    filter: Option<&str>,
) -> io::Result<()> {
    let (tx, rx) = sync_channel(CHANNEL);
    let mut rt = Runtime::new(tx.clone());
    let spool = live::start(live, Arc::clone(&stop), prefs.clone(), live::CHECKPOINT_EVERY, tx.clone())?;
    let path = spool.path().to_path_buf();
    let r = (|| {
        let mut terminal = ratatui::try_init()?;
        let _restore = Restore;
        ratatui::crossterm::execute!(io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        let src = live::LiveSource(spool);
        let mut state = State::new_live(Box::new(src), prefs, profile, (size.width, size.height));
        state.checkpoints = pass::Checkpoints::new(live::CHECKPOINT_EVERY);
        // The clock that refreshes a report view as frames come (it stops with the channel).
        let clock = tx.clone();
        thread::Builder::new().name("clock".into()).spawn(move || {
            while clock.send(Event::Tick(std::time::Instant::now())).is_ok() {
                thread::sleep(app::REFRESH / 2);
            }
        })?;
        drive(&mut terminal, &mut state, &mut rt, tx, &rx, filter)
    })();
    stop.store(true, Ordering::Relaxed);
    // The capture thread may still hold the spool: the file goes now, whoever drops it last.
    let _ = std::fs::remove_file(&path);
    r
}

/// The runtime around the event loop: the starting filter, signals, the terminal's events.
fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    rt: &mut Runtime,
    tx: SyncSender<Event>,
    rx: &Receiver<Event>,
    filter: Option<&str>,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    if let Some(text) = filter {
        let effects = state.start_filter(text).into_iter().collect();
        rt.apply(state, effects);
    }
    let panicked = background_panics(tx.clone());
    match std::env::var(TEST_PANIC).ok().as_deref() {
        Some("1") => {
            terminal.draw(|f| f.render_widget(&*state, f.area())).map_err(Into::into)?;
            panic!("{TEST_PANIC}=1: a panic on the UI thread after its first draw");
        }
        Some("thread") => {
            terminal.draw(|f| f.render_widget(&*state, f.area())).map_err(Into::into)?;
            thread::Builder::new()
                .name("test-panic".into())
                .spawn(|| panic!("{TEST_PANIC}=thread: a panic on a background thread after the first draw"))?;
        }
        _ => {}
    }
    // A signal quits through the event loop, so the terminal is restored as on `q`.
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    let stop = tx.clone();
    thread::Builder::new().name("signals".into()).spawn(move || {
        if signals.forever().next().is_some() {
            let _ = stop.send(Event::Terminate);
        }
    })?;
    thread::Builder::new().name("keys".into()).spawn(move || loop {
        let ev = match term::read() {
            Ok(TermEvent::Key(k)) => Event::Key(k),
            Ok(TermEvent::Resize(w, h)) => Event::Resize(w, h),
            // Pointer moves and drags are not used: only clicks and the wheel reach the app.
            Ok(TermEvent::Mouse(m))
                if matches!(m.kind, MouseEventKind::Down(_) | MouseEventKind::ScrollDown | MouseEventKind::ScrollUp) =>
            {
                Event::Mouse(m)
            }
            Ok(_) => continue,
            Err(_) => return,
        };
        if tx.send(ev).is_err() {
            return;
        }
    })?;
    run(terminal, state, rt, rx)?;
    let msg = panicked.lock().ok().and_then(|mut p| p.take());
    msg.map_or(Ok(()), |m| Err(io::Error::other(m)))
}

/// Makes a panic on any thread but this one (the UI's) end the app: ratatui's hook, being
/// process-wide, would restore the terminal while the UI went on drawing on the normal screen
/// (and a filter thread's panic would leave "Filtering N%" forever). The panic's message is kept
/// (printed once the terminal is restored, as the run's error) and the UI quits as on a signal.
/// The UI thread's own panics go to the hook before (ratatui's: restore, then the message).
fn background_panics(tx: SyncSender<Event>) -> Arc<std::sync::Mutex<Option<String>>> {
    let slot = Arc::new(std::sync::Mutex::new(None));
    let ui = thread::current().id();
    let before = std::panic::take_hook();
    let kept = Arc::clone(&slot);
    std::panic::set_hook(Box::new(move |info| {
        let me = thread::current();
        if me.id() == ui {
            return before(info);
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str));
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let msg = format!("the {} thread panicked{at}: {}", me.name().unwrap_or("unnamed"), what.unwrap_or("(no message)"));
        if let Ok(mut k) = kept.lock() {
            k.get_or_insert(msg);
        }
        let _ = tx.send(Event::Terminate);
    }));
    slot
}
