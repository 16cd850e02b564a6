//! The app's state and its one transition, [`State::update`]: every input (a key, a resize, a
//! batch of the index, a filter's progress) is an [`Event`], and what must happen outside the
//! state (start or cancel a background filter, quit) comes back as an [`Effect`] for the
//! runtime to carry out. Tests drive the app through `update` alone, with no terminal.
//!
//! Frames are dissected when they are drawn: the rows on screen (columns only, kept in a small
//! cache) and the selected frame (its full tree). Both are `mipscope dissect`'s: what earlier
//! frames taught (learned roles and keys, reassembly, response tracking) is replayed from the
//! context pass's nearest checkpoint ([`crate::pass::Checkpoints`]), the rows of a page in one
//! walk; until the pass has come near a frame, it is dissected alone (the selected frame's pane
//! says so) and dissected again when the pass does. The background filter and report passes read the file in order, as `-Y`.

use crate::filter::{self, Progress, Selected};
use crate::index::{Batch, Index};
use crate::pass::{Checkpoints, Context, Stepper};
use crate::report::Kind;
use crate::source::Packets;
use crate::ui::layout::Areas;
use dissect::analysis::rules::{self, Level};
use dissect::expert::Severity;
use dissect::field::Value;
use dissect::filter::FilterError;
use dissect::output::Column;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Want};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::sync::Arc;

/// Everything the app reacts to.
#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Resize(u16, u16),
    /// The next frames of the index.
    Index(Batch),
    /// The indexer reached the end of the file (frames), or stopped on an error.
    IndexDone(Result<u64, String>),
    /// Progress of filter pass `run`.
    Filtered {
        run: u64,
        progress: Progress,
    },
    /// Filter pass `run` ended: read to the end, or why not.
    FilterDone {
        run: u64,
        result: Result<u64, String>,
    },
    /// A save ended: packets written to the path, or why not.
    Saved(Result<(u64, String), String>),
    /// Report pass `run` ended: its text, or why not.
    Report {
        run: u64,
        result: Result<String, String>,
    },
    /// SIGTERM, SIGHUP or SIGINT: quit as `q` does (the terminal restored).
    Terminate,
    /// A live capture's publication: the next frames, libpcap's counters, the rate.
    Captured(crate::live::Tick),
    /// The live capture ended: frames captured, or why it stopped.
    CaptureDone(Result<u64, String>),
    /// A click or the wheel (crossterm's mouse capture).
    Mouse(MouseEvent),
    /// The context pass has stepped `frames` frames; `cx` is what they taught, every
    /// [`crate::pass::CHECKPOINT_EVERY`] frames.
    Context {
        frames: u64,
        cx: Option<Arc<Context>>,
    },
    /// `f`'s look-up `run` ended: the frames of frame `frame`'s exchange, or why not.
    Exchange {
        run: u64,
        frame: u64,
        result: Result<Vec<u64>, String>,
    },
    /// A report pass `run` (a view's, or `f`'s look-up) has read `read` frames (over all its
    /// passes).
    Progress {
        run: u64,
        read: u64,
    },
    /// Time passes (the runtime's clock, every few hundred milliseconds): a report view of a
    /// live capture is computed again when frames came since it was.
    Tick(std::time::Instant),
}

/// What the status bar says of a live capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveStatus {
    /// libpcap: received, dropped by the kernel, dropped by the interface.
    pub received: u64,
    pub dropped: u64,
    pub if_dropped: u64,
    /// Packets per second over the last second.
    pub rate: u64,
    /// `None` while capturing; then frames captured, or why it stopped.
    pub ended: Option<Result<u64, String>>,
}

/// What the runtime does for the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run filter pass `run` with this text (already validated) over the whole capture; its
    /// field references read `selected`.
    StartFilter {
        run: u64,
        text: String,
        selected: Option<Arc<Selected>>,
    },
    /// Stop filter pass `run`.
    CancelFilter {
        run: u64,
    },
    /// Compute report `kind` over the whole capture (the matches of `filter`, if given).
    StartReport {
        run: u64,
        kind: Kind,
        filter: Option<String>,
        selected: Option<Arc<Selected>>,
    },
    /// `f`: find the frames of frame `frame`'s exchange (response tracking).
    FindExchange {
        run: u64,
        frame: u64,
    },
    /// Stop report pass `run`.
    CancelReport {
        run: u64,
    },
    /// Stop `f`'s look-up `run`.
    CancelExchange {
        run: u64,
    },
    /// Write these frames (numbers, in order) to a pcapng file at `path`.
    Save {
        path: String,
        frames: Vec<u32>,
    },
    Quit,
}

/// The panes Tab cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Tree,
    Hex,
}

/// What the bar at the top is being edited for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BarKind {
    #[default]
    Filter,
    /// `w`: the pcapng file to write the shown (or marked) packets to.
    Save,
    /// `w`'s file exists: `y` writes over it, `n` or Esc goes back to the name.
    Overwrite,
}

/// The bar while it is being edited: the text, the cursor (a byte offset) and, for a filter,
/// what the compiler says of the text as it stands.
#[derive(Debug, Clone, Default)]
pub struct Bar {
    pub kind: BarKind,
    pub text: String,
    pub cursor: usize,
    pub error: Option<FilterError>,
}

/// The applied display filter.
#[derive(Debug, Clone)]
pub struct Applied {
    pub text: String,
    pub run: u64,
    /// Frame numbers that matched so far, in order.
    pub matches: Vec<u32>,
    /// Frames the pass has read.
    pub read: u64,
    /// `None` while the pass runs; then its end (frames read) or why it stopped.
    pub done: Option<Result<u64, String>>,
    /// The packet its field references read (`${field}`), if it has any.
    pub selected: Option<Arc<Selected>>,
}

/// How a packet-list row is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Mobile IPv6 binding messages (BU, BA, BE, BRR, …).
    Binding,
    /// Return routability (HoTI, CoTI, HoT, CoT).
    ReturnRoutability,
    /// Proxy Mobile IPv6 (PBU, PBA, …).
    Proxy,
    /// Mobile IPv4 registration.
    MobileIp4,
    /// ICMP and ICMPv6.
    Icmp,
    Other,
}

impl Family {
    /// The family of the frame's message, from what the dissection decoded (not from its Info
    /// text): the first Mobility Header the packet sends (not one an ICMP error quotes) is Proxy
    /// Mobile IPv6 when it is a Binding Update or Acknowledgement with the P flag (RFC 5213
    /// §8.1, §8.2) or seed 004's Proxy HoTI/HoT (a preference numbers their types), return
    /// routability when it is a HoTI, CoTI, HoT or CoT, and binding otherwise.
    pub fn of(d: &Dissection) -> Family {
        use dissect::mh::msg::binding::{BaFlags, BuFlags};
        use dissect::mh::MhType;
        match d.cols.protocol {
            "MIPv6" | "NEMO" => {
                let Some(m) = d.facts.mh.iter().find(|m| !m.quoted()) else { return Family::Binding };
                let proxy = match m.fixed {
                    Some(dissect::analysis::MsgFixed::Bu(bu)) => bu.flags.has(BuFlags::P),
                    Some(dissect::analysis::MsgFixed::Ba(ba)) => ba.flags.has(BaFlags::P),
                    _ => m.msg.is_none(),
                };
                match m.msg {
                    _ if proxy => Family::Proxy,
                    Some(MhType::HomeTestInit | MhType::CareOfTestInit | MhType::HomeTest | MhType::CareOfTest) => {
                        Family::ReturnRoutability
                    }
                    _ => Family::Binding,
                }
            }
            "MobileIP" => Family::MobileIp4,
            "ICMP" | "ICMPv6" => Family::Icmp,
            _ => Family::Other,
        }
    }
}

/// One packet-list row: the summary columns, as `mipscope dissect` prints them.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: u64,
    pub time: String,
    pub src: String,
    pub dst: String,
    pub protocol: &'static str,
    pub length: u32,
    pub info: String,
    pub family: Family,
    pub severity: Option<Severity>,
    /// The most demanding level of the rules the frame fails (its `check.*` findings, read in
    /// the rule catalogue): MUST and MUST NOT before SHOULD and SHOULD NOT.
    pub finding: Option<Level>,
}

/// The selected frame, dissected in full, with the tree's open nodes and cursor.
#[derive(Debug, Default)]
pub struct Current {
    pub number: u64,
    pub d: Dissection,
    pub data: Vec<u8>,
    /// Per node: shown expanded.
    pub open: Vec<bool>,
    /// Node index of the tree cursor.
    pub cursor: usize,
    /// First visible line of the tree pane.
    pub top: usize,
    /// First visible line of the hex pane.
    pub hex_top: usize,
    /// The byte cursor of the hex pane (moving it selects the field it is in).
    pub byte: usize,
    /// Dissected alone: the context pass had not come near the frame yet (no reassembly, no
    /// tracking, nothing learned); reloaded with its context when it has.
    pub alone: bool,
}

/// A report view over the packet panes: its text once computed, and how far it is scrolled.
#[derive(Debug, Clone)]
pub struct View {
    pub kind: Kind,
    pub run: u64,
    /// `None` while the pass runs; then the report, or why there is none.
    pub text: Option<Result<String, String>>,
    pub top: usize,
    /// Columns scrolled sideways (← →): a ladder or a finding's rule is often wider than the
    /// screen.
    pub left: usize,
    /// The findings view's selected line (Enter goes to its frame).
    pub cursor: usize,
    /// Frames captured when it was computed (a live capture's view is computed again when more
    /// came), and when.
    pub frames: usize,
    pub at: Option<std::time::Instant>,
    /// Computed again: the text shown is the last one until the new one comes.
    pub refreshing: bool,
    /// Frames its pass has read so far (the view says it while it waits).
    pub read: u64,
}

/// How long a status message stays on a clock's ticks (a live capture's runtime sends them);
/// the next key takes it away in any case.
pub const MESSAGE_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// How often a report view of a live capture is computed again, at most.
pub const REFRESH: std::time::Duration = std::time::Duration::from_millis(500);

/// Frames the detail pane replays at most from a checkpoint (beyond, the frame is shown alone
/// until the context pass comes nearer).
fn replay_limit(c: &Checkpoints) -> u64 {
    c.held().1.saturating_mul(2)
}

/// Rows kept dissected; the least recently drawn is dropped first.
const ROW_CACHE: usize = 1024;

/// Frames the list replays at most in one redraw beside the page's own rows: a contiguous page
/// from its checkpoint at the app's spacing (a replay limit, [`replay_limit`], of a file under
/// half a million frames), so a redraw costs at most one such replay more. Past it (a filter's
/// page of rows far apart, each replayed from its own checkpoint; checkpoints farther apart, on
/// a live capture or a large file; a live list following thousands of new frames a tick) the
/// rest of the page is shown alone this time, the walk keeps how far it went, and the rows get
/// their context on later redraws.
const ROW_STEPS: u64 = 2 * crate::pass::CHECKPOINT_EVERY;

/// A row in the cache: when it was last drawn, and whether it was dissected alone (no
/// checkpoint near enough then: it is dissected again, in context, once one is).
#[derive(Debug)]
struct Cached {
    drawn: u64,
    row: Row,
    alone: bool,
}

/// The whole app state.
pub struct State {
    src: Box<dyn Packets>,
    prefs: Prefs,
    pub profile: String,
    pub index: Index,
    pub index_done: Option<Result<u64, String>>,
    pub filter: Option<Applied>,
    runs: u64,
    /// Selected row (in the shown rows) and first row on screen.
    pub sel: usize,
    pub top: usize,
    pub focus: Pane,
    pub size: (u16, u16),
    pub bar: Option<Bar>,
    pub help: bool,
    /// The help's first line shown (it scrolls when the screen is too short for it).
    pub help_top: usize,
    pub view: Option<View>,
    pub cur: Option<Current>,
    /// Frames marked with `m` (what `w` writes when there are any).
    pub marked: std::collections::BTreeSet<u32>,
    /// Filters applied, oldest first (Up/Down in the bar), and where Up/Down is in it.
    pub history: Vec<String>,
    recall: Option<usize>,
    /// What was typed in the bar before Up recalled the history (Down past the newest gives it back).
    draft: String,
    /// A new filter's pass is looking for the frame selected when it was applied: the frame,
    /// and the row the selection was put on last (the user moving it off ends the search).
    keeping: Option<(u64, usize)>,
    rows: HashMap<u64, Cached>,
    clock: u64,
    /// The context after the last row the list replayed to (the next page goes on from it).
    rows_near: Option<(u64, Stepper)>,
    /// A line for the status bar (the last error, a notice): it goes with the next key, or
    /// [`MESSAGE_FOR`] after the first [`Event::Tick`] that saw it.
    pub message: Option<String>,
    message_at: Option<std::time::Instant>,
    pub quit: bool,
    /// A live capture (`-i`): its counters; `None` for a file.
    pub live: Option<LiveStatus>,
    /// Live: the selection follows the newest packet (until the user moves it off the last
    /// row; `G`/End or moving back onto the last row follows again).
    pub follow: bool,
    /// Live, `p`: the frames captured when paused; only they are shown (filter matches too)
    /// while the capture goes on.
    pub paused: Option<usize>,
    /// The context pass's checkpoints (what earlier frames taught the selected frame).
    pub checkpoints: Checkpoints,
    /// The context after the last frame the detail pane replayed to (`j` goes on from it).
    near: Option<(u64, Stepper)>,
    /// `f`'s look-up under way: its run and frame.
    following: Option<(u64, u64)>,
    /// The runtime's clock, as its last [`Event::Tick`] said.
    now: Option<std::time::Instant>,
    scratch: Dissection,
    buf: Vec<u8>,
}

impl State {
    pub fn new(src: Box<dyn Packets>, prefs: Prefs, profile: &str, size: (u16, u16)) -> Self {
        State {
            src,
            prefs,
            profile: profile.to_string(),
            index: Index::default(),
            index_done: None,
            filter: None,
            runs: 0,
            sel: 0,
            top: 0,
            focus: Pane::List,
            size,
            bar: None,
            help: false,
            help_top: 0,
            view: None,
            cur: None,
            marked: Default::default(),
            history: Vec::new(),
            recall: None,
            draft: String::new(),
            keeping: None,
            rows: HashMap::new(),
            clock: 0,
            rows_near: None,
            message: None,
            message_at: None,
            quit: false,
            live: None,
            follow: false,
            paused: None,
            checkpoints: Checkpoints::default(),
            near: None,
            following: None,
            now: None,
            scratch: Dissection::default(),
            buf: Vec::new(),
        }
    }

    /// The app on a live capture: the list follows the newest packet.
    pub fn new_live(src: Box<dyn Packets>, prefs: Prefs, profile: &str, size: (u16, u16)) -> Self {
        let mut s = State::new(src, prefs, profile, size);
        s.live = Some(LiveStatus::default());
        s.follow = true;
        s
    }

    /// A live capture's spool (what its filter follows).
    pub fn spool(&self) -> Option<std::sync::Arc<crate::live::Spool>> {
        self.src.spool()
    }

    pub fn source_name(&self) -> &str {
        self.src.name()
    }

    /// A new reader of the whole capture (for the runtime's background passes).
    pub fn reopen(&self) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        self.src.reopen()
    }

    /// [`State::reopen`] for another thread.
    pub fn opener(&self) -> crate::source::Opener {
        self.src.opener()
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Number of rows the packet list shows: the frames indexed (while paused, those captured
    /// then), or a filter's matches among them (a filter pass can be ahead of the index, at the
    /// start with `-Y`: a match is shown once its frame, and those before it, can be read).
    pub fn shown(&self) -> usize {
        let frames = self.paused.unwrap_or(usize::MAX).min(self.index.len());
        match &self.filter {
            Some(f) => f.matches.partition_point(|&m| (m as usize) <= frames),
            None => frames,
        }
    }

    /// The frame number on row `row` of the packet list.
    pub fn frame_at(&self, row: usize) -> Option<u64> {
        if row >= self.shown() {
            return None;
        }
        match &self.filter {
            Some(f) => f.matches.get(row).map(|&n| u64::from(n)),
            None => (row < self.index.len()).then_some(row as u64 + 1),
        }
    }

    /// The cached row of frame `n`, if it has been dissected.
    pub fn row(&self, n: u64) -> Option<&Row> {
        self.rows.get(&n).map(|c| &c.row)
    }

    /// Whether the cached row of frame `n` was dissected alone (no checkpoint near enough yet).
    pub fn row_alone(&self, n: u64) -> Option<bool> {
        self.rows.get(&n).map(|c| c.alone)
    }

    pub fn areas(&self) -> Areas {
        Areas::of(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The selected packet as a field reference reads it (number, tree, octets).
    fn selected_ref(&self) -> Option<(u64, &Dissection, &[u8])> {
        self.cur.as_ref().map(|c| (c.number, &c.d, &c.data[..]))
    }

    /// Compiles `text` as the bar does (field references read the selected packet).
    fn check(&self, text: &str) -> Result<dissect::filter::Filter, FilterError> {
        filter::compile(text, self.selected_ref())
    }

    /// Applies a filter from the command line (`-Y`), as if typed in the bar.
    pub fn start_filter(&mut self, text: &str) -> Option<Effect> {
        self.bar = Some(Bar { kind: BarKind::Filter, text: text.to_string(), cursor: text.len(), error: None });
        self.submit_bar()
    }

    /// The one transition. After it, whatever is on screen has been dissected.
    pub fn update(&mut self, ev: Event) -> Vec<Effect> {
        // A message is read by the time the next key comes: that key takes it away (and may set
        // its own).
        if matches!(&ev, Event::Key(k) if k.kind != KeyEventKind::Release) {
            self.message = None;
        }
        let before = self.message.clone();
        if let Event::Tick(now) = ev {
            match self.message_at {
                Some(at) if now.saturating_duration_since(at) >= MESSAGE_FOR => self.message = None,
                Some(_) => {}
                None => self.message_at = self.message.is_some().then_some(now),
            }
        }
        let effects = match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Key(_) => Vec::new(),
            Event::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Event::Index(b) => {
                self.index.add(b);
                Vec::new()
            }
            Event::IndexDone(r) => {
                // The last chunk's room to spare is not needed now that the index is complete.
                self.index.entries.shrink_to_fit();
                if let Err(e) = &r {
                    self.message = Some(format!("{}: {e}", self.src.name()));
                }
                self.index_done = Some(r);
                Vec::new()
            }
            Event::Filtered { run, progress } => {
                if let Some(f) = self.filter.as_mut().filter(|f| f.run == run) {
                    f.read = progress.read;
                    f.matches.extend_from_slice(&progress.matches);
                }
                Vec::new()
            }
            Event::Terminate => self.quit_now(),
            Event::Captured(t) => {
                self.index.add(t.batch);
                if let Some(l) = self.live.as_mut() {
                    (l.received, l.dropped, l.if_dropped, l.rate) = (t.received, t.dropped, t.if_dropped, t.rate);
                }
                Vec::new()
            }
            Event::CaptureDone(r) => {
                if let Err(e) = &r {
                    self.message = Some(format!("capture stopped: {e}"));
                }
                if let Some(l) = self.live.as_mut() {
                    l.rate = 0;
                    l.ended = Some(r);
                }
                Vec::new()
            }
            Event::Mouse(m) => {
                self.mouse(m);
                Vec::new()
            }
            Event::Report { run, result } => {
                if let Some(v) = self.view.as_mut().filter(|v| v.run == run) {
                    v.text = Some(result);
                    v.refreshing = false;
                }
                Vec::new()
            }
            Event::Context { frames, cx } => {
                if let Some(cx) = cx {
                    self.checkpoints.add(frames, cx);
                } else {
                    self.checkpoints.reached = self.checkpoints.reached.max(frames);
                }
                // The frame shown alone gets its context once a checkpoint is near enough.
                if let Some(n) = self.cur.as_ref().filter(|c| c.alone).map(|c| c.number) {
                    if n.saturating_sub(1) - self.checkpoints.before(n).0 <= replay_limit(&self.checkpoints) {
                        self.reload(n);
                    }
                }
                Vec::new()
            }
            Event::Exchange { run, frame, result } => {
                if self.following.is_some_and(|f| f.0 == run) {
                    self.following = None;
                    self.follow_exchange(frame, result)
                } else {
                    Vec::new()
                }
            }
            Event::Tick(now) => self.refresh_view(now),
            Event::Progress { run, read } => {
                if let Some((_, frame)) = self.following.filter(|f| f.0 == run) {
                    self.message = Some(looking(frame, read));
                }
                if let Some(v) = self.view.as_mut().filter(|v| v.run == run) {
                    v.read = read;
                }
                Vec::new()
            }
            Event::Saved(r) => {
                self.message = Some(match r {
                    Ok((n, path)) => {
                        format!("wrote {n} packet{} to {path}{}", if n == 1 { "" } else { "s" }, self.partial_note())
                    }
                    Err(e) => format!("not saved: {e}"),
                });
                Vec::new()
            }
            Event::FilterDone { run, result } => {
                let total = self.index.len() as u64;
                if let Some(f) = self.filter.as_mut().filter(|f| f.run == run) {
                    if let Ok(n) = &result {
                        f.read = *n;
                    }
                    // Cancelled (Esc) before the pass ended: it stays so, with where it stopped.
                    f.done = Some(if f.done.is_some() { Err(stopped(f.read, total)) } else { result });
                }
                Vec::new()
            }
        };
        self.keep_selection();
        self.settle();
        if self.message != before {
            // A new message: its time starts at the next tick.
            self.message_at = None;
        }
        effects
    }

    fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            return self.quit_now();
        }
        if self.help {
            self.help_key(k);
            return Vec::new();
        }
        if self.bar.is_some() {
            return self.bar_key(k);
        }
        if self.view.is_some() {
            return self.view_key(k);
        }
        let page = self.page();
        match k.code {
            KeyCode::Char('q') => return self.quit_now(),
            KeyCode::Char('?') => (self.help, self.help_top) = (true, 0),
            KeyCode::Char('/') => {
                let text = self.filter.as_ref().map(|f| f.text.clone()).unwrap_or_default();
                let error = self.check(&text).err().filter(|_| !text.trim().is_empty());
                self.bar = Some(Bar { kind: BarKind::Filter, cursor: text.len(), text, error });
            }
            KeyCode::Char('s') => return self.open_view(Kind::Stats),
            KeyCode::Char('c') => return self.open_view(Kind::Findings),
            KeyCode::Char('l') if self.focus == Pane::List => return self.open_view(Kind::Flow),
            KeyCode::Char('L') => match self.frame_at(self.sel) {
                Some(n) => return self.open_view(Kind::Exchange(n)),
                None => self.message = Some("L: no packet selected".into()),
            },
            KeyCode::Char('f') => match self.frame_at(self.sel) {
                // The runtime stops the look-up before (its events are ignored: another run).
                Some(frame) => {
                    self.runs += 1;
                    self.following = Some((self.runs, frame));
                    self.message = Some(looking(frame, 0));
                    return vec![Effect::FindExchange { run: self.runs, frame }];
                }
                None => self.message = Some("f: no packet selected".into()),
            },
            KeyCode::Char('p') => self.pause(),
            KeyCode::Char('m') => {
                if let Some(n) = self.frame_at(self.sel).and_then(|n| u32::try_from(n).ok()) {
                    if !self.marked.remove(&n) {
                        self.marked.insert(n);
                    }
                }
            }
            KeyCode::Char('w') => {
                let text = "saved.pcapng".to_string();
                self.bar = Some(Bar { kind: BarKind::Save, cursor: text.len(), text, error: None });
            }
            KeyCode::Esc => {
                // `f`'s look-up first (it starts a filter when done), then a running filter.
                if let Some((run, frame)) = self.following.take() {
                    self.message = Some(format!("f: stopped looking for frame {frame}'s exchange"));
                    return vec![Effect::CancelExchange { run }];
                }
                let total = self.index.len() as u64;
                if let Some(f) = self.filter.as_mut().filter(|f| f.done.is_none()) {
                    f.done = Some(Err(stopped(f.read, total)));
                    return vec![Effect::CancelFilter { run: f.run }];
                }
            }
            KeyCode::Tab => {
                self.focus = match self.focus {
                    Pane::List => Pane::Tree,
                    Pane::Tree => Pane::Hex,
                    Pane::Hex => Pane::List,
                }
            }
            KeyCode::BackTab => {
                self.focus = match self.focus {
                    Pane::List => Pane::Hex,
                    Pane::Tree => Pane::List,
                    Pane::Hex => Pane::Tree,
                }
            }
            KeyCode::Char('n') => self.next_match(true),
            KeyCode::Char('N') => self.next_match(false),
            KeyCode::Down | KeyCode::Char('j') => self.step(1),
            KeyCode::Up | KeyCode::Char('k') => self.step(-1),
            KeyCode::PageDown => self.step(page as i64),
            KeyCode::PageUp => self.step(-(page as i64)),
            KeyCode::Char('g') | KeyCode::Home => self.step(i64::MIN),
            KeyCode::Char('G') | KeyCode::End => self.step(i64::MAX),
            KeyCode::Enter | KeyCode::Char(' ') => match self.focus {
                Pane::List => self.focus = Pane::Tree,
                _ => self.toggle(None),
            },
            KeyCode::Right | KeyCode::Char('l') => self.toggle(Some(true)),
            KeyCode::Left | KeyCode::Char('h') => self.toggle(Some(false)),
            _ => {}
        }
        Vec::new()
    }

    /// A key while the help is shown: ?, Esc, q or Enter closes it; the moving keys scroll it.
    fn help_key(&mut self, k: KeyEvent) {
        let page = crate::ui::bars::help_rows(Rect::new(0, 0, self.size.0, self.size.1)).1.max(1) as i64;
        let by = match k.code {
            KeyCode::Char('?' | 'q') | KeyCode::Esc | KeyCode::Enter => {
                self.help = false;
                return;
            }
            KeyCode::Down | KeyCode::Char('j') => 1,
            KeyCode::Up | KeyCode::Char('k') => -1,
            KeyCode::PageDown | KeyCode::Char(' ') => page,
            KeyCode::PageUp => -page,
            KeyCode::Char('g') | KeyCode::Home => i64::MIN,
            KeyCode::Char('G') | KeyCode::End => i64::MAX,
            _ => 0,
        };
        self.scroll_help(by);
    }

    /// Scrolls the help `by` lines (clamped: its last line stays at the box's bottom).
    fn scroll_help(&mut self, by: i64) {
        let (lines, rows) = crate::ui::bars::help_rows(Rect::new(0, 0, self.size.0, self.size.1));
        self.help_top = offset(self.help_top, by, lines.saturating_sub(rows) + 1);
    }

    /// `f`: the filter that keeps the selected packet's conversation, both directions (its
    /// Source and Destination columns: IPv6, IPv4 or Ethernet addresses).
    pub fn conversation_filter(&self) -> Option<String> {
        let cols = &self.cur.as_ref()?.d.cols;
        let (field, a, b) = match (cols.src?, cols.dst?) {
            (Value::Ipv6(_), Value::Ipv6(_)) => ("ipv6.addr", cols.src, cols.dst),
            (Value::Ipv4(_), Value::Ipv4(_)) => ("ip.addr", cols.src, cols.dst),
            (Value::Ether(_), Value::Ether(_)) => ("eth.addr", cols.src, cols.dst),
            _ => return None,
        };
        let (mut x, mut y) = (String::new(), String::new());
        dissect::output::write_addr(&mut x, a);
        dissect::output::write_addr(&mut y, b);
        Some(format!("{field} == {x} && {field} == {y}"))
    }

    /// `p`: freezes what a live capture shows (its report view too), or lets it go on.
    fn pause(&mut self) {
        match self.live {
            Some(_) => self.paused = if self.paused.is_some() { None } else { Some(self.index.len()) },
            None => self.message = Some("p pauses a live capture (-i): a file does not grow".into()),
        }
    }

    /// `f`'s look-up ended: a filter to the exchange's frames (`frame.number in {…}`, the
    /// frames response tracking pairs, as `mip6.response_in`/`response_to` show them); a frame
    /// alone in its exchange (no tracked request or answer, or a request nothing answered) falls
    /// back to its conversation, and the status line says which it did.
    fn follow_exchange(&mut self, frame: u64, result: Result<Vec<u64>, String>) -> Vec<Effect> {
        match result {
            Ok(members) if members.len() > 1 => {
                let list: Vec<String> = members.iter().map(u64::to_string).collect();
                self.message = Some(format!("f: frame {frame}'s exchange (response tracking): frames {}", list.join(", ")));
                self.start_filter(&format!("frame.number in {{{}}}", list.join(", "))).into_iter().collect()
            }
            Ok(_) => match self.conversation_filter() {
                Some(text) => {
                    self.message =
                        Some(format!("f: frame {frame} is in no tracked exchange: following its conversation (both addresses)"));
                    self.start_filter(&text).into_iter().collect()
                }
                None => {
                    self.message = Some(format!("f: frame {frame} is in no tracked exchange and has no addresses to follow"));
                    Vec::new()
                }
            },
            Err(e) => {
                self.message = Some(format!("f: {e}"));
                Vec::new()
            }
        }
    }

    /// `s`, `l`, `c`: a report of the shown packets, computed in the background.
    fn open_view(&mut self, kind: Kind) -> Vec<Effect> {
        self.runs += 1;
        let run = self.runs;
        let frames = self.index.len();
        self.view =
            Some(View { kind, run, text: None, top: 0, left: 0, cursor: 0, frames, at: self.now, refreshing: false, read: 0 });
        vec![self.report_effect(run, kind)]
    }

    fn report_effect(&self, run: u64, kind: Kind) -> Effect {
        let filter = self.filter.as_ref();
        Effect::StartReport {
            run,
            kind,
            filter: filter.map(|f| f.text.clone()),
            selected: filter.and_then(|f| f.selected.clone()),
        }
    }

    /// The clock: a report view of a live capture (not paused) is computed again when frames
    /// came since it was and [`REFRESH`] has passed; the old text stays until the new one comes.
    fn refresh_view(&mut self, now: std::time::Instant) -> Vec<Effect> {
        self.now = Some(now);
        if self.live.is_none() || self.paused.is_some() {
            return Vec::new();
        }
        let frames = self.index.len();
        let Some(v) = self.view.as_ref() else { return Vec::new() };
        let due = v.at.is_none_or(|at| now.saturating_duration_since(at) >= REFRESH);
        if v.text.is_none() || v.refreshing || frames <= v.frames || !due {
            return Vec::new();
        }
        self.runs += 1;
        let (run, kind) = (self.runs, v.kind);
        let effect = self.report_effect(run, kind);
        if let Some(v) = self.view.as_mut() {
            (v.run, v.frames, v.at, v.refreshing) = (run, frames, Some(now), true);
        }
        vec![effect]
    }

    fn view_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let page = self.areas().report_rows().max(1) as i64;
        let Some(v) = self.view.as_mut() else { return Vec::new() };
        let by = match k.code {
            KeyCode::Esc | KeyCode::Char('q' | 's' | 'l' | 'L' | 'c') => {
                let run = v.run;
                let running = v.text.is_none() || v.refreshing;
                self.view = None;
                return if running { vec![Effect::CancelReport { run }] } else { Vec::new() };
            }
            KeyCode::Enter if v.kind == Kind::Findings => {
                let frame = match &v.text {
                    Some(Ok(t)) => finding_frame(t, v.cursor),
                    _ => None,
                };
                match frame {
                    Some(n) => {
                        self.view = None;
                        self.focus = Pane::List;
                        self.select_frame(Some(n));
                        self.follow = false;
                    }
                    None => self.message = Some("Enter: this line names no frame".into()),
                }
                return Vec::new();
            }
            KeyCode::Char('p') => {
                self.pause();
                return Vec::new();
            }
            // Sideways by a tenth of the screen (`h`/`l` are not used: `l` closes the ladder).
            KeyCode::Left | KeyCode::Right => {
                let width = usize::from(self.size.0);
                let widest = match &v.text {
                    Some(Ok(t)) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
                    _ => 0,
                };
                let step = (width / 10).max(1);
                v.left = match k.code {
                    KeyCode::Left => v.left.saturating_sub(step),
                    _ => (v.left + step).min(widest.saturating_sub(width)),
                };
                return Vec::new();
            }
            KeyCode::Down | KeyCode::Char('j') => 1,
            KeyCode::Up | KeyCode::Char('k') => -1,
            KeyCode::PageDown => page,
            KeyCode::PageUp => -page,
            KeyCode::Char('g') | KeyCode::Home => i64::MIN,
            KeyCode::Char('G') | KeyCode::End => i64::MAX,
            _ => 0,
        };
        self.scroll_view(by);
        Vec::new()
    }

    /// Moves the findings view's cursor (the page follows it) or scrolls another view.
    fn scroll_view(&mut self, by: i64) {
        let rows = self.areas().report_rows().max(1);
        let Some(v) = self.view.as_mut() else { return };
        let lines = match &v.text {
            Some(Ok(t)) => t.lines().count(),
            _ => 0,
        };
        if lines == 0 {
            return;
        }
        if v.kind == Kind::Findings {
            v.cursor = offset(v.cursor, by, lines);
            if v.cursor < v.top {
                v.top = v.cursor;
            } else if v.cursor >= v.top + rows {
                v.top = v.cursor + 1 - rows;
            }
        } else {
            v.top = offset(v.top, by, lines);
        }
    }

    /// A click selects the row, tree item or byte under it (a click on the selected tree item
    /// expands or collapses it); the wheel moves the selection of the pane under the pointer
    /// (or scrolls a report view or the help) three lines.
    fn mouse(&mut self, m: MouseEvent) {
        if self.bar.is_some() {
            return;
        }
        let wheel = match m.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            MouseEventKind::Down(MouseButton::Left) => 0,
            _ => return,
        };
        if self.help {
            self.scroll_help(wheel);
            return;
        }
        if self.view.is_some() {
            self.scroll_view(wheel);
            return;
        }
        let a = self.areas();
        let inside = |r: Rect| m.column >= r.x && m.column < r.x + r.width && m.row >= r.y && m.row < r.y + r.height;
        let pane = if inside(a.list) {
            Pane::List
        } else if inside(a.tree) {
            Pane::Tree
        } else if inside(a.hex) {
            Pane::Hex
        } else {
            return;
        };
        if wheel != 0 {
            let focus = std::mem::replace(&mut self.focus, pane);
            self.step(wheel);
            self.focus = focus;
            return;
        }
        match pane {
            // The pane's title line, then the column header.
            Pane::List => {
                let Some(line) = usize::from(m.row).checked_sub(usize::from(a.list.y) + 2) else { return };
                let row = self.top + line;
                self.focus = Pane::List;
                if row < self.shown() {
                    self.sel = row;
                    self.follow = self.live.is_some() && row + 1 == self.shown();
                }
            }
            Pane::Tree => {
                let Some(line) = usize::from(m.row).checked_sub(usize::from(a.tree.y) + 1) else { return };
                let vis = self.visible_nodes();
                let was = self.focus;
                self.focus = Pane::Tree;
                let Some(cur) = self.cur.as_mut() else { return };
                let Some(&i) = vis.get(cur.top + line) else { return };
                let again = was == Pane::Tree && cur.cursor == i;
                cur.cursor = i;
                if again {
                    self.toggle(None);
                }
            }
            Pane::Hex => {
                let Some(line) = usize::from(m.row).checked_sub(usize::from(a.hex.y) + 1) else { return };
                let Some(k) = hex_column(m.column.saturating_sub(a.hex.x)) else { return };
                let Some(cur) = self.cur.as_mut() else { return };
                let b = (cur.hex_top + line) * 16 + k;
                if b < cur.data.len() {
                    cur.byte = b;
                    self.focus = Pane::Hex;
                    self.move_byte(0);
                }
            }
        }
    }

    fn quit_now(&mut self) -> Vec<Effect> {
        self.quit = true;
        let mut out = Vec::new();
        if let Some(f) = self.filter.as_ref().filter(|f| f.done.is_none()) {
            out.push(Effect::CancelFilter { run: f.run });
        }
        if let Some(v) = self.view.as_ref().filter(|v| v.text.is_none() || v.refreshing) {
            out.push(Effect::CancelReport { run: v.run });
        }
        if let Some((run, _)) = self.following.take() {
            out.push(Effect::CancelExchange { run });
        }
        out.push(Effect::Quit);
        out
    }

    fn bar_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(bar) = self.bar.as_mut() else { return Vec::new() };
        if bar.kind == BarKind::Overwrite {
            match k.code {
                KeyCode::Char('y' | 'Y') => {
                    let path = bar.text.clone();
                    self.bar = None;
                    return vec![Effect::Save { path, frames: self.to_save() }];
                }
                // Back to the name, to change it (Esc again leaves).
                KeyCode::Char('n' | 'N') | KeyCode::Esc => bar.kind = BarKind::Save,
                _ => {}
            }
            return Vec::new();
        }
        match k.code {
            KeyCode::Esc => {
                self.bar = None;
                self.recall = None;
                return Vec::new();
            }
            KeyCode::Enter => return self.submit_bar().into_iter().collect(),
            KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                bar.text.clear();
                bar.cursor = 0;
            }
            KeyCode::Char(c) => {
                bar.text.insert(bar.cursor, c);
                bar.cursor += c.len_utf8();
            }
            KeyCode::Backspace => {
                if let Some(c) = bar.text[..bar.cursor].chars().next_back() {
                    bar.cursor -= c.len_utf8();
                    bar.text.remove(bar.cursor);
                }
            }
            KeyCode::Delete if bar.cursor < bar.text.len() => {
                bar.text.remove(bar.cursor);
            }
            KeyCode::Left => {
                if let Some(c) = bar.text[..bar.cursor].chars().next_back() {
                    bar.cursor -= c.len_utf8();
                }
            }
            KeyCode::Right => {
                if let Some(c) = bar.text[bar.cursor..].chars().next() {
                    bar.cursor += c.len_utf8();
                }
            }
            KeyCode::Home => bar.cursor = 0,
            KeyCode::End => bar.cursor = bar.text.len(),
            KeyCode::Up | KeyCode::Down if bar.kind == BarKind::Filter && !self.history.is_empty() => {
                let last = self.history.len() - 1;
                let at = match (self.recall, k.code) {
                    (None, KeyCode::Up) => Some(last),
                    (None, _) => None,
                    (Some(i), KeyCode::Up) => Some(i.saturating_sub(1)),
                    (Some(i), _) if i < last => Some(i + 1),
                    (Some(_), _) => None,
                };
                if self.recall.is_none() && at.is_some() {
                    self.draft = bar.text.clone();
                }
                let recalled = match at {
                    Some(i) => self.history.get(i).cloned(),
                    // Down past the newest: what was being typed before Up.
                    None => self.recall.map(|_| std::mem::take(&mut self.draft)),
                };
                self.recall = at;
                if let Some(text) = recalled {
                    bar.cursor = text.len();
                    bar.text = text;
                }
            }
            _ => {}
        }
        if bar.kind == BarKind::Filter {
            let text = bar.text.clone();
            let error = self.check(&text).err().filter(|_| !text.trim().is_empty());
            if let Some(bar) = self.bar.as_mut() {
                bar.error = error;
            }
        }
        Vec::new()
    }

    /// The frames `w` writes: the marked ones if any, else every shown one (the matches of a
    /// filter still running: those found so far).
    pub fn to_save(&self) -> Vec<u32> {
        if !self.marked.is_empty() {
            return self.marked.iter().copied().collect();
        }
        match &self.filter {
            Some(f) => f.matches.clone(),
            None => (1..=self.index.len() as u64).filter_map(|n| u32::try_from(n).ok()).collect(),
        }
    }

    /// What `w`'s Enter finds at `path`: `Ok(true)` when something is there already (the bar
    /// then asks before writing over it), `Ok(false)` when nothing is; an error when the path is
    /// the capture being browsed (through any link: same device and inode), which is never
    /// written over, or a directory.
    pub fn save_target(&self, path: &str) -> Result<bool, String> {
        if let Ok(m) = std::fs::metadata(path) {
            if self.src.identity() == Some(crate::source::identity_of(&m)) {
                return Err(format!("{path} is the capture being browsed: choose another file"));
            }
            if m.is_dir() {
                return Err(format!("{path} is a directory"));
            }
        }
        // A dangling symbolic link is something there too.
        Ok(std::fs::symlink_metadata(path).is_ok())
    }

    /// What a save of the shown packets adds when they are a filter's matches so far (the pass
    /// still running, or stopped): the saved file is not every match.
    fn partial_note(&self) -> String {
        let f = match &self.filter {
            Some(f) if self.marked.is_empty() => f,
            _ => return String::new(),
        };
        let total = self.index.len();
        match &f.done {
            Some(Ok(_)) => String::new(),
            None => format!(" (the filter is still running, {} of {total} frames read: the matches are partial)", f.read),
            Some(Err(e)) => format!(" (filter stopped: {e})"),
        }
    }

    /// Writes `frames` to a pcapng file at `path` (the runtime's [`Effect::Save`]): into a new
    /// file beside it, renamed over `path` once complete, so a save that fails (a frame that
    /// cannot be read, a full disk) leaves what was at `path` as it was. The capture being
    /// browsed is refused (its frames are read while writing). Through a symbolic link, the
    /// file it names is replaced and the link stays. A path that is not a regular file (a named
    /// pipe, `/dev/null`, a terminal) is written in place: renaming over it would replace the
    /// device with a file.
    pub fn save(&self, path: &str, frames: &[u32]) -> Result<u64, String> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static SAVES: AtomicU64 = AtomicU64::new(0);
        self.save_target(path)?;
        let given = std::path::Path::new(path);
        if std::fs::metadata(given).is_ok_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new().write(true).open(given).map_err(|e| format!("{path}: {e}"))?;
            return self.write_pcapng(path, &file, frames);
        }
        let target = std::fs::canonicalize(given).unwrap_or_else(|_| given.to_path_buf());
        let name = target.file_name().ok_or_else(|| format!("{path}: not a file name"))?;
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        let n = SAVES.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{}.{}-{n}.part", name.to_string_lossy(), std::process::id()));
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(|e| format!("{path}: {e}"))?;
        // On disk before the rename, so a crash never leaves a complete name over an empty file.
        let written = self.write_pcapng(path, &file, frames).and_then(|n| {
            file.sync_all().map_err(|e| format!("{path}: {e}"))?;
            Ok(n)
        });
        let done = written.and_then(|n| {
            // The old file's permissions go on, as if it had been written in place.
            if let Ok(m) = std::fs::metadata(&target) {
                let _ = std::fs::set_permissions(&tmp, m.permissions());
            }
            std::fs::rename(&tmp, &target).map_err(|e| format!("{path}: {e}"))?;
            Ok(n)
        });
        if done.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        done
    }

    fn write_pcapng(&self, path: &str, file: &std::fs::File, frames: &[u32]) -> Result<u64, String> {
        let mut w =
            dissect::capture::write::PcapngWriter::new(std::io::BufWriter::new(file)).map_err(|e| format!("{path}: {e}"))?;
        let (mut buf, mut comments) = (Vec::new(), Vec::new());
        for &n in frames {
            let n = u64::from(n);
            let (Some(meta), Some(e)) = (self.index.meta(n), self.index.entries.get((n as usize).wrapping_sub(1))) else {
                continue;
            };
            self.src.read(e, &mut buf).map_err(|err| format!("frame {n}: {err}"))?;
            comments.clear();
            if self.index.has_comments(n) {
                self.src.comments(e, &mut comments);
            }
            w.write_described(&meta, &buf, self.index.section_interfaces(meta.section), &comments)
                .map_err(|err| format!("{path}: {err}"))?;
        }
        let packets = w.packets();
        w.into_inner().map_err(|e| format!("{path}: {e}"))?.into_inner().map_err(|e| format!("{path}: {}", e.error()))?;
        Ok(packets)
    }

    /// Enter in the filter bar: an empty text clears the filter, a valid one starts its pass
    /// (cancelling the one before), an invalid one keeps the bar open with its error.
    fn submit_bar(&mut self) -> Option<Effect> {
        let bar = self.bar.as_mut()?;
        let text = bar.text.trim().to_string();
        if bar.kind == BarKind::Save {
            if text.is_empty() {
                self.bar = None;
                return None;
            }
            return match self.save_target(&text) {
                // The bar stays open for another name.
                Err(e) => {
                    self.message = Some(format!("not saved: {e}"));
                    None
                }
                Ok(true) => {
                    if let Some(bar) = self.bar.as_mut() {
                        (bar.kind, bar.cursor, bar.text) = (BarKind::Overwrite, text.len(), text);
                    }
                    None
                }
                Ok(false) => {
                    self.bar = None;
                    Some(Effect::Save { path: text, frames: self.to_save() })
                }
            };
        }
        if bar.kind == BarKind::Overwrite {
            return None;
        }
        let prev = self.filter.as_ref().filter(|f| f.done.is_none()).map(|f| f.run);
        if text.is_empty() {
            bar.error = None;
            self.bar = None;
            let keep = self.frame_at(self.sel);
            self.filter = None;
            self.keeping = None;
            self.select_frame(keep);
            return prev.map(|run| Effect::CancelFilter { run });
        }
        let compiled = filter::compile(&text, self.cur.as_ref().map(|c| (c.number, &c.d, &c.data[..])));
        let refs = match compiled {
            Ok(f) => f.first_ref().is_some(),
            Err(e) => {
                if let Some(bar) = self.bar.as_mut() {
                    bar.error = Some(e);
                }
                return None;
            }
        };
        // `${field}` reads the packet selected now, as Wireshark reads it when the filter is applied.
        let selected = if refs { self.selected_packet().map(Arc::new) } else { None };
        // The runtime cancels the previous pass when it starts the next one.
        self.bar = None;
        self.recall = None;
        self.history.retain(|h| *h != text);
        self.history.push(text.clone());
        if self.history.len() > 100 {
            self.history.remove(0);
        }
        self.runs += 1;
        let run = self.runs;
        // The selected packet stays selected if it matches: its row is found as the matches come.
        self.keeping = self.frame_at(self.sel).map(|n| (n, 0));
        self.filter =
            Some(Applied { text: text.clone(), run, matches: Vec::new(), read: 0, done: None, selected: selected.clone() });
        self.sel = 0;
        self.top = 0;
        Some(Effect::StartFilter { run, text, selected })
    }

    /// While a new filter's pass runs: the selection goes to the frame selected when it was
    /// applied, or the first match after it, or (none yet) the last match before it. It ends
    /// when that row is found, when the pass ends, or when the user moves the selection.
    fn keep_selection(&mut self) {
        let Some((frame, at)) = self.keeping else { return };
        let shown = self.shown();
        let Some(f) = self.filter.as_ref().filter(|_| self.sel == at) else {
            self.keeping = None;
            return;
        };
        let after = f.matches[..shown.min(f.matches.len())].partition_point(|&m| u64::from(m) < frame);
        let (sel, found) = if after < shown { (after, true) } else { (shown.saturating_sub(1), false) };
        self.keeping = (!found && f.done.is_none()).then_some((frame, sel));
        if sel != self.sel {
            self.sel = sel;
            self.top = sel.saturating_sub(self.areas().list_rows() / 2);
        }
    }

    /// Selects the row showing frame `n`, or the nearest after it (else the last row).
    fn select_frame(&mut self, n: Option<u64>) {
        let Some(n) = n else {
            self.sel = 0;
            return;
        };
        self.sel = match &self.filter {
            Some(f) => f.matches.partition_point(|&m| u64::from(m) < n),
            None => n.saturating_sub(1) as usize,
        };
        let body = self.areas().list_rows();
        self.top = self.sel.saturating_sub(body / 2);
    }

    /// Rows in a page of the focused pane.
    fn page(&self) -> usize {
        let a = self.areas();
        match self.focus {
            Pane::List => a.list_rows(),
            Pane::Tree => a.tree_rows(),
            Pane::Hex => a.hex_rows(),
        }
        .max(1)
    }

    fn step(&mut self, by: i64) {
        match self.focus {
            Pane::List => {
                let n = self.shown();
                if n == 0 {
                    return;
                }
                self.sel = offset(self.sel, by, n);
                // Live: off the last row stops following the newest packet; back on it follows.
                self.follow = self.live.is_some() && self.sel == n - 1;
            }
            Pane::Tree => {
                let vis = self.visible_nodes();
                let Some(cur) = self.cur.as_mut() else { return };
                if vis.is_empty() {
                    return;
                }
                let at = vis.iter().position(|&i| i == cur.cursor).unwrap_or(0);
                cur.cursor = vis[offset(at, by, vis.len())];
            }
            // A line of sixteen octets per step.
            Pane::Hex => self.move_byte(by.saturating_mul(16)),
        }
    }

    /// Moves the hex pane's byte cursor and selects, in the tree, the innermost field that
    /// covers the byte (its ancestors opened).
    fn move_byte(&mut self, by: i64) {
        let Some(cur) = self.cur.as_mut() else { return };
        if cur.data.is_empty() {
            return;
        }
        cur.byte = offset(cur.byte, by, cur.data.len());
        let b = cur.byte as u64;
        let mut hidden_below: Option<u16> = None;
        let mut found = None;
        for (i, n) in cur.d.nodes.iter().enumerate() {
            if let Some(d) = hidden_below {
                if n.depth > d {
                    continue;
                }
                hidden_below = None;
            }
            if n.hidden {
                hidden_below = Some(n.depth);
                continue;
            }
            // Pre-order: the last node covering the byte is the innermost.
            if n.len > 0 && u64::from(n.offset) <= b && b < u64::from(n.offset) + u64::from(n.len) {
                found = Some(i);
            }
        }
        let Some(i) = found else { return };
        let mut depth = cur.d.nodes[i].depth;
        for p in (0..i).rev() {
            if depth == 0 {
                break;
            }
            if cur.d.nodes[p].depth < depth {
                depth = cur.d.nodes[p].depth;
                if let Some(o) = cur.open.get_mut(p) {
                    *o = true;
                }
            }
        }
        cur.cursor = i;
    }

    /// `n`/`N`: the next (previous) matching frame, wrapping around the list.
    fn next_match(&mut self, forward: bool) {
        let n = self.shown();
        if n == 0 {
            return;
        }
        if self.filter.is_none() {
            self.message = Some("no filter: / sets one, n/N then move among its matches".into());
            return;
        }
        self.sel = if forward { (self.sel + 1) % n } else { (self.sel + n - 1) % n };
        self.follow = self.live.is_some() && self.sel + 1 == n;
    }

    /// Enter/Space (flip), Right/l (open), Left/h (close, or go to the parent).
    fn toggle(&mut self, to: Option<bool>) {
        if self.focus == Pane::Hex {
            match to {
                Some(true) => self.move_byte(1),
                Some(false) => self.move_byte(-1),
                None => {}
            }
            return;
        }
        if self.focus == Pane::List {
            if to == Some(true) {
                self.focus = Pane::Tree;
            }
            return;
        }
        let Some(cur) = self.cur.as_mut() else { return };
        let i = cur.cursor;
        let has_children = cur.d.nodes.get(i + 1).zip(cur.d.nodes.get(i)).is_some_and(|(c, n)| c.depth > n.depth);
        let open = cur.open.get(i).copied().unwrap_or(false);
        match to {
            Some(false) if !(has_children && open) => {
                // Already closed: up to the parent.
                let depth = cur.d.nodes.get(i).map_or(0, |n| n.depth);
                if let Some(p) = (0..i).rev().find(|&p| cur.d.nodes[p].depth < depth) {
                    cur.cursor = p;
                }
            }
            _ if has_children => {
                if let Some(o) = cur.open.get_mut(i) {
                    *o = to.unwrap_or(!open);
                }
            }
            _ => {}
        }
    }

    /// Node indices the tree pane shows, in order: not hidden, every ancestor open.
    pub fn visible_nodes(&self) -> Vec<usize> {
        let Some(cur) = &self.cur else { return Vec::new() };
        let mut out = Vec::new();
        let mut skip_below: Option<u16> = None;
        for (i, n) in cur.d.nodes.iter().enumerate() {
            if let Some(d) = skip_below {
                if n.depth > d {
                    continue;
                }
                skip_below = None;
            }
            if n.hidden {
                skip_below = Some(n.depth);
                continue;
            }
            out.push(i);
            if !cur.open.get(i).copied().unwrap_or(false) {
                skip_below = Some(n.depth);
            }
        }
        out
    }

    /// The byte range of the frame the tree cursor's field covers.
    pub fn highlight(&self) -> Option<std::ops::Range<usize>> {
        let cur = self.cur.as_ref()?;
        let n = cur.d.nodes.get(cur.cursor)?;
        let start = (n.offset as usize).min(cur.data.len());
        let end = start.saturating_add(n.len as usize).min(cur.data.len());
        (end > start).then_some(start..end)
    }

    /// Brings the selection into view and dissects what the screen shows.
    fn settle(&mut self) {
        let n = self.shown();
        if self.follow && self.live.is_some() && n > 0 {
            self.sel = n - 1;
        }
        if n == 0 {
            self.sel = 0;
            self.top = 0;
        } else if self.sel >= n {
            self.sel = n - 1;
        }
        let a = self.areas();
        let body = a.list_rows().max(1);
        if self.sel < self.top {
            self.top = self.sel;
        } else if self.sel >= self.top + body {
            self.top = self.sel + 1 - body;
        }
        let page: Vec<u64> = (self.top..(self.top + body).min(n)).filter_map(|row| self.frame_at(row)).collect();
        self.ensure_rows(&page);
        match self.frame_at(self.sel) {
            Some(f) if self.cur.as_ref().map(|c| c.number) != Some(f) => self.load(f),
            Some(_) => {}
            None => self.cur = None,
        }
        // The frame subtree's "Time delta from previous displayed frame" as the list shows
        // frames now (a filter applied or cleared leaves the same frame selected).
        if let Some(number) = self.cur.as_ref().map(|c| c.number) {
            let ns = self.shown_delta(number);
            if let Some((c, ns)) = self.cur.as_mut().zip(ns).filter(|(c, ns)| c.d.delta_shown_ns != *ns) {
                c.d.set_shown_delta(ns);
            }
        }
        let vis = self.visible_nodes();
        let (tree_rows, hex_rows) = (a.tree_rows().max(1), a.hex_rows().max(1));
        let hl = self.highlight();
        if let Some(cur) = self.cur.as_mut() {
            let at = vis.iter().position(|&i| i == cur.cursor).unwrap_or(0);
            if let Some(&i) = vis.get(at) {
                cur.cursor = i;
            }
            if at < cur.top {
                cur.top = at;
            } else if at >= cur.top + tree_rows {
                cur.top = at + 1 - tree_rows;
            }
            // The hex pane follows the tree cursor, or its own byte cursor when it has the focus.
            if self.focus == Pane::Hex {
                let line = cur.byte / 16;
                if line < cur.hex_top {
                    cur.hex_top = line;
                } else if line >= cur.hex_top + hex_rows {
                    cur.hex_top = line + 1 - hex_rows;
                }
            } else {
                if let Some(r) = hl {
                    let (first, last) = (r.start / 16, (r.end - 1) / 16);
                    if first < cur.hex_top || last >= cur.hex_top + hex_rows {
                        cur.hex_top = first;
                    }
                }
            }
        }
    }

    /// Dissects the rows of `page` (frame numbers, ascending) not in the cache, or cached alone
    /// and now near enough to a checkpoint (or to the walk), as `mipscope dissect` lists them: one walk from the
    /// nearest checkpoint (or from where the last page's walk stopped) through the page, every
    /// frame stepped with the context as of it. Rows too far from any checkpoint, or past the
    /// redraw's replay budget, are dissected alone.
    fn ensure_rows(&mut self, page: &[u64]) {
        self.clock += 1;
        let mut todo = Vec::new();
        for &n in page {
            match self.rows.get_mut(&n) {
                Some(c) => {
                    c.drawn = self.clock;
                    // Reachable now from a checkpoint, or from the walk through the rows before it.
                    if c.alone {
                        todo.push(n);
                    }
                }
                None => todo.push(n),
            }
        }
        if todo.is_empty() {
            return;
        }
        let mut frame = std::mem::take(&mut self.buf);
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut walk = self.rows_near.take();
        let limit = replay_limit(&self.checkpoints);
        let mut budget = ROW_STEPS.saturating_add(page.len() as u64 + 1);
        for n in todo {
            let (cp, cx) = self.checkpoints.before(n);
            let from = walk.as_ref().map(|w| w.0).filter(|&f| f < n && f >= cp);
            let start = from.unwrap_or(cp);
            let steps = n.saturating_sub(start);
            let near = n.saturating_sub(1).saturating_sub(start) <= limit;
            if near && from.is_none() {
                walk = None;
            }
            let r = if near && steps <= budget {
                budget -= steps;
                let w = walk.get_or_insert_with(|| (cp, Stepper::resume(Context::clone(cx))));
                self.advance(w, n - 1, &mut frame).and_then(|()| self.step_row(w, n, &mut frame)).map(|row| (row, false))
            } else {
                // Near but past the budget: the walk goes as far as the budget lets it.
                let partly = if near && budget > 0 {
                    let w = walk.get_or_insert_with(|| (cp, Stepper::resume(Context::clone(cx))));
                    let to = w.0 + std::mem::take(&mut budget);
                    self.advance(w, to, &mut frame)
                } else {
                    Ok(())
                };
                if partly.is_ok() && self.rows.contains_key(&n) {
                    // Alone again: as it is.
                    continue;
                }
                partly.and_then(|()| self.read_into(n, &mut frame)).map(|meta| {
                    static NOTHING_LEARNED: CaptureState = CaptureState::new();
                    dissect::dissect_frame_want(&NOTHING_LEARNED, Want::Columns, &mut scratch, &frame, &meta, &self.prefs);
                    (make_row(&scratch), true)
                })
            };
            let (row, alone) = match r {
                Ok(r) => r,
                Err(e) => {
                    self.message = Some(e);
                    walk = None;
                    break;
                }
            };
            if self.rows.len() >= ROW_CACHE && !self.rows.contains_key(&n) {
                if let Some(&old) = self.rows.iter().min_by_key(|(_, c)| c.drawn).map(|(k, _)| k) {
                    self.rows.remove(&old);
                }
            }
            self.rows.insert(n, Cached { drawn: self.clock, row, alone });
        }
        self.rows_near = walk;
        self.buf = frame;
        self.scratch = scratch;
    }

    /// Steps the list's walk `w` (after frame `w.0`) through frame `to` (columns only).
    fn advance(&self, w: &mut (u64, Stepper), to: u64, frame: &mut Vec<u8>) -> Result<(), String> {
        for k in w.0 + 1..=to {
            let meta = self.read_into(k, frame)?;
            w.1.step(Want::Columns, &self.prefs, &meta, frame, |_, _| ());
            w.0 = k;
        }
        Ok(())
    }

    /// Steps the list's walk `w`, just before frame `n`, through it: the row of frame `n`.
    fn step_row(&self, w: &mut (u64, Stepper), n: u64, frame: &mut Vec<u8>) -> Result<Row, String> {
        let meta = self.read_into(n, frame)?;
        let row = w.1.step(Want::Columns, &self.prefs, &meta, frame, |d, _| make_row(d));
        w.0 = n;
        Ok(row)
    }

    /// Frame `number`'s metadata and octets (into `buf`), read at its indexed offset.
    fn read_into(&self, number: u64, buf: &mut Vec<u8>) -> Result<dissect::frame::FrameMeta, String> {
        let missing = || format!("frame {number} is not indexed");
        let meta = self.index.meta(number).ok_or_else(missing)?;
        let i = usize::try_from(number.checked_sub(1).ok_or_else(missing)?).map_err(|_| missing())?;
        let e = self.index.entries.get(i).ok_or_else(missing)?;
        self.src.read(e, buf).map_err(|err| format!("cannot read frame {number}: {err}"))?;
        Ok(meta)
    }

    /// Gives `d` what the capture says of the frame `meta` describes besides its octets: the
    /// interface it was captured on and its comments (read again from its block), as the
    /// capture reader gives them to `mipscope dissect`.
    fn describe(&self, meta: &dissect::frame::FrameMeta, d: &mut Dissection) {
        d.set_interface(self.index.interface(meta));
        let mut comments = Vec::new();
        let entry = usize::try_from(meta.number.saturating_sub(1)).ok().and_then(|i| self.index.entries.get(i));
        if let Some(e) = entry.filter(|_| self.index.has_comments(meta.number)) {
            self.src.comments(e, &mut comments);
        }
        d.set_comments(&comments);
    }

    /// Dissects frame `number` in full into `d` and its octets (a reassembled payload after
    /// them) into `data`, as `mipscope dissect -V` shows it: the frames before it replayed
    /// (columns only) from the nearest checkpoint, or from the last replay when that is nearer.
    /// Returns whether it was dissected alone instead (no checkpoint near enough yet).
    fn dissect_in_context(&mut self, number: u64, d: &mut Dissection, data: &mut Vec<u8>) -> Result<bool, String> {
        let mut frame = std::mem::take(&mut self.buf);
        let r = self.replay(number, d, data, &mut frame);
        self.buf = frame;
        r
    }

    fn replay(&mut self, number: u64, d: &mut Dissection, data: &mut Vec<u8>, frame: &mut Vec<u8>) -> Result<bool, String> {
        let (cp, cx) = self.checkpoints.before(number);
        let cx = Arc::clone(cx);
        let near = self.near.as_ref().map(|n| n.0).filter(|&f| f < number && f >= cp);
        let start = near.unwrap_or(cp);
        if number.saturating_sub(1).saturating_sub(start) > replay_limit(&self.checkpoints) {
            let meta = self.read_into(number, frame)?;
            self.describe(&meta, d);
            static NOTHING_LEARNED: CaptureState = CaptureState::new();
            dissect::dissect_frame_want(&NOTHING_LEARNED, Want::Full, d, frame, &meta, &self.prefs);
            data.clear();
            data.extend_from_slice(frame);
            return Ok(true);
        }
        let mut stepper = match (near, self.near.take()) {
            (Some(_), Some((_, s))) => s,
            _ => Stepper::resume(Context::clone(&cx)),
        };
        for k in start + 1..number {
            let meta = self.read_into(k, frame)?;
            stepper.step(Want::Columns, &self.prefs, &meta, frame, |_, _| ());
        }
        let meta = self.read_into(number, frame)?;
        self.describe(&meta, d);
        stepper.step_into(d, Want::Full, &self.prefs, &meta, frame, |_, whole| {
            data.clear();
            data.extend_from_slice(whole);
        });
        self.near = Some((number, stepper));
        Ok(false)
    }

    /// The selected packet for a filter's field references: dissected again (in context), so
    /// the filter pass owns it.
    fn selected_packet(&mut self) -> Option<Selected> {
        let number = self.cur.as_ref()?.number;
        let (mut d, mut data) = (Dissection::default(), Vec::new());
        self.dissect_in_context(number, &mut d, &mut data).ok()?;
        // Its displayed delta as the tree shows it (`settle`).
        if let Some(ns) = self.shown_delta(number) {
            d.set_shown_delta(ns);
        }
        Some(Selected { number, d, data })
    }

    fn load(&mut self, number: u64) {
        let mut cur = self.cur.take().unwrap_or_default();
        let alone = match self.dissect_in_context(number, &mut cur.d, &mut cur.data) {
            Ok(alone) => alone,
            Err(e) => {
                self.message = Some(e);
                self.cur = None;
                return;
            }
        };
        cur.number = number;
        cur.alone = alone;
        cur.open.clear();
        cur.open.resize(cur.d.nodes.len(), false);
        cur.cursor = 0;
        cur.top = 0;
        cur.hex_top = 0;
        cur.byte = 0;
        self.cur = Some(cur);
    }

    /// The time since the frame shown before `number` (as `dissect -Y` gives it): the filter's
    /// last match before it (none: 0), or without a filter the frame captured before it.
    fn shown_delta(&self, number: u64) -> Option<i64> {
        let meta = self.index.meta(number)?;
        let Some(f) = self.filter.as_ref() else { return Some(meta.delta_ns) };
        let i = f.matches.partition_point(|&m| u64::from(m) < number);
        let Some(&prev) = i.checked_sub(1).and_then(|i| f.matches.get(i)) else { return Some(0) };
        let before = self.index.meta(u64::from(prev))?;
        let ns = |(s, n): (i64, u32)| i128::from(s) * 1_000_000_000 + i128::from(n);
        // As the capture reader takes `delta_ns`: the difference in 128 bits, kept in 64.
        Some((ns(meta.ts) - ns(before.ts)) as i64)
    }

    /// Dissects the selected frame again, now with its context: the tree keeps what was open
    /// and the cursor when its shape is the same.
    fn reload(&mut self, number: u64) {
        let Some(mut cur) = self.cur.take() else { return };
        let nodes = cur.d.nodes.len();
        match self.dissect_in_context(number, &mut cur.d, &mut cur.data) {
            Ok(alone) => cur.alone = alone,
            Err(e) => self.message = Some(e),
        }
        if cur.d.nodes.len() != nodes {
            cur.open.clear();
            cur.open.resize(cur.d.nodes.len(), false);
            (cur.cursor, cur.top, cur.hex_top, cur.byte) = (0, 0, 0, 0);
        }
        self.cur = Some(cur);
    }
}

/// The octet (0–15 in its line) shown at column `x` of the hex pane (`ui::hex`'s layout:
/// offset and two spaces, sixteen `xx ` with one more space after the eighth, a space, the
/// sixteen ASCII characters), or `None` between them.
pub fn hex_column(x: u16) -> Option<usize> {
    let x = usize::from(x);
    match x {
        6..=29 if (x - 6) % 3 < 2 => Some((x - 6) / 3),
        31..=54 if (x - 31) % 3 < 2 => Some(8 + (x - 31) / 3),
        56..=71 => Some(x - 56),
        _ => None,
    }
}

/// The frame a line of the findings report is about: its own `frame N:` or `frames N, M:`
/// line (the first number is the frame the finding is on, the others the request it answers:
/// `replay::check`), else the nearest one above it (a finding's `found:`/`rule:` lines), else
/// its group's header: the exchange's first frame, or the `Frame N:` of a frame in no exchange.
pub fn finding_frame(text: &str, line: usize) -> Option<u64> {
    let lines: Vec<&str> = text.lines().take(line.saturating_add(1)).collect();
    for l in lines.iter().rev() {
        let t = l.trim_start();
        let num = if let Some(rest) = t.strip_prefix("frames ").or_else(|| t.strip_prefix("frame ")) {
            rest
        } else if let Some(rest) = t.strip_prefix("Frame ").filter(|_| !l.starts_with(' ')) {
            rest
        } else if let Some((_, rest)) = t.strip_prefix("Exchange ").and_then(|r| r.rsplit_once("from frame ")) {
            rest
        } else {
            continue;
        };
        let digits: String = num.chars().take_while(char::is_ascii_digit).collect();
        return digits.parse().ok();
    }
    None
}

/// The status line while `f` looks for frame `frame`'s exchange: frames read (over its passes).
fn looking(frame: u64, read: u64) -> String {
    format!("f: looking for frame {frame}'s exchange… {read} frames read (Esc stops)")
}

/// What a filter cancelled with Esc says once stopped (the status bar's "Filter stopped: …"):
/// where it stopped, so that its matches are never taken for all of them.
fn stopped(read: u64, total: u64) -> String {
    format!("cancelled after {read} of {total} frames: the matches are partial")
}

/// `at` moved by `by` within `0..n` (clamped at both ends).
fn offset(at: usize, by: i64, n: usize) -> usize {
    let to = (at as i64).saturating_add(by);
    to.clamp(0, n as i64 - 1) as usize
}

fn make_row(d: &Dissection) -> Row {
    // The summary line's columns, by the same writers: the time with the capture clock's
    // decimals, Info with its headline warning or error.
    let cell = |c: Column| {
        let mut s = String::new();
        c.write(&mut s, d, dissect::output::TimeFormat::default());
        s
    };
    let (time, src, dst, info) = (cell(Column::Time), cell(Column::Source), cell(Column::Destination), cell(Column::Info));
    Row {
        number: d.frame_number,
        time,
        src,
        dst,
        protocol: d.cols.protocol,
        length: d.wire_len,
        family: Family::of(d),
        severity: d.max_severity(),
        finding: d.experts.iter().filter_map(|e| rules::of_expert(e.def)).map(|r| r.level).min_by_key(|l| !l.is_absolute()),
        info,
    }
}
