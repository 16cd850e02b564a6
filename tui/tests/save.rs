//! `w`: the save never destroys the capture being browsed nor writes over a file unasked, and a
//! save that fails leaves the file that was there as it was. The app is driven through
//! `State::update` on a copy of a fixture on disk (the packet source the binary uses).

use dissect::prefs::Prefs;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tui::app::{BarKind, Event, State};
use tui::index::Entry;
use tui::source::{FileSource, Opener, Packets};

const FIXTURE: &str = "crafted/seeds-nemo-ro.pcapng";

fn fixture_path() -> PathBuf {
    PathBuf::from(format!("{}/../captures/{FIXTURE}", env!("CARGO_MANIFEST_DIR")))
}

/// A directory of its own for each test (they run in parallel).
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mipscope-tui-save-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn open(src: Box<dyn Packets>) -> State {
    let mut s = State::new(src, Prefs::default(), "rfc", (120, 40));
    tui::index_inline(&mut s).expect("index");
    s
}

fn press(s: &mut State, code: KeyCode) {
    let effects = s.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    tui::apply_inline(s, effects);
}

fn ctrl(s: &mut State, c: char) {
    let effects = s.update(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    tui::apply_inline(s, effects);
}

fn keys(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

/// `w`, the name typed over the default one, Enter.
fn save_as(s: &mut State, path: &Path) {
    press(s, KeyCode::Char('w'));
    ctrl(s, 'u');
    keys(s, &path.display().to_string());
    press(s, KeyCode::Enter);
}

fn frames_of(path: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).expect("a file");
    let mut out = Vec::new();
    dissect::capture::for_each_packet(&bytes[..], |_, d| {
        out.push(d.to_vec());
        true
    })
    .expect("a capture");
    out
}

/// The open capture, named directly, through a symbolic link or through a hard link: refused,
/// the file untouched and its frames still readable; the bar stays open for another name.
#[test]
fn the_capture_being_browsed_is_never_written_over() {
    let dir = temp_dir("self");
    let copy = dir.join("copy.pcapng");
    std::fs::copy(fixture_path(), &copy).expect("copy");
    let before = std::fs::read(&copy).expect("read");
    std::os::unix::fs::symlink(&copy, dir.join("link.pcapng")).expect("symlink");
    std::fs::hard_link(&copy, dir.join("hard.pcapng")).expect("hard link");
    let mut s = open(Box::new(FileSource::open(&copy).expect("open")));
    let frames = s.index.len();
    assert!(frames > 2);
    for name in ["copy.pcapng", "link.pcapng", "hard.pcapng"] {
        let path = dir.join(name);
        save_as(&mut s, &path);
        let said = format!("not saved: {} is the capture being browsed: choose another file", path.display());
        assert_eq!(s.message.as_deref(), Some(said.as_str()));
        assert_eq!(s.bar.as_ref().map(|b| b.kind), Some(BarKind::Save), "{name}: the bar stays open");
        press(&mut s, KeyCode::Esc);
        assert!(s.bar.is_none());
        assert_eq!(std::fs::read(&copy).expect("read"), before, "{name}");
    }
    // The frames are still there to read.
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(s.cur.as_ref().map(|c| c.number), Some(frames as u64));
    // Whatever the bar said before: the save itself refuses too.
    assert!(s.save(&dir.join("link.pcapng").display().to_string(), &[1]).is_err());
    assert_eq!(std::fs::read(&copy).expect("read"), before);
    let _ = std::fs::remove_dir_all(&dir);
}

/// An existing file: the bar asks; `n` goes back to the name with nothing written, `y` writes
/// over it (through a symbolic link: the file it names, the link kept).
#[test]
fn an_existing_file_is_written_over_only_when_the_user_says_so() {
    let dir = temp_dir("confirm");
    let target = dir.join("old.pcapng");
    std::fs::write(&target, b"precious").expect("write");
    let link = dir.join("to-old.pcapng");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let mut s = open(Box::new(FileSource::open(&fixture_path()).expect("open")));
    save_as(&mut s, &target);
    assert_eq!(s.bar.as_ref().map(|b| (b.kind, b.text.clone())), Some((BarKind::Overwrite, target.display().to_string())));
    // Typing anything else does nothing.
    keys(&mut s, "x");
    assert_eq!(s.bar.as_ref().map(|b| b.kind), Some(BarKind::Overwrite));
    assert_eq!(std::fs::read(&target).expect("read"), b"precious");
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.bar.as_ref().map(|b| (b.kind, b.text.clone())), Some((BarKind::Save, target.display().to_string())));
    press(&mut s, KeyCode::Esc);
    assert!(s.bar.is_none());
    assert_eq!(std::fs::read(&target).expect("read"), b"precious");
    // Through the link, said yes to.
    save_as(&mut s, &link);
    assert_eq!(s.bar.as_ref().map(|b| b.kind), Some(BarKind::Overwrite));
    press(&mut s, KeyCode::Char('y'));
    assert!(s.bar.is_none());
    let n = s.index.len();
    assert_eq!(s.message, Some(format!("wrote {n} packets to {}", link.display())));
    assert_eq!(frames_of(&target), frames_of(&fixture_path()));
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    // Nothing else left in the directory (no temporary file).
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    names.sort();
    assert_eq!(names, ["old.pcapng", "to-old.pcapng"]);
    // A new name is written at once.
    let new = dir.join("new.pcapng");
    save_as(&mut s, &new);
    assert!(s.bar.is_none());
    assert_eq!(frames_of(&new), frames_of(&fixture_path()));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A source whose frames past the first cannot be read back once `broken` is set (a file cut
/// or changed under the app): the save fails half way.
struct FailsAfterFirst(FileSource, Arc<AtomicBool>);

impl Packets for FailsAfterFirst {
    fn read(&self, e: &Entry, buf: &mut Vec<u8>) -> std::io::Result<()> {
        if self.1.load(Ordering::Relaxed) && e.at > 200 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.0.read(e, buf)
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> std::io::Result<()> {
        self.0.read_at(at, buf)
    }
    fn reopen(&self) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        self.0.reopen()
    }
    fn opener(&self) -> Opener {
        self.0.opener()
    }
    fn name(&self) -> &str {
        self.0.name()
    }
}

/// A save that fails leaves the file it was to replace as it was, and no temporary file.
#[test]
fn a_failed_save_leaves_the_old_file() {
    let dir = temp_dir("failed");
    let target = dir.join("old.pcapng");
    std::fs::write(&target, b"precious").expect("write");
    let broken = Arc::new(AtomicBool::new(false));
    let mut s = open(Box::new(FailsAfterFirst(FileSource::open(&fixture_path()).expect("open"), Arc::clone(&broken))));
    save_as(&mut s, &target);
    broken.store(true, Ordering::Relaxed);
    // The save is the only reader here: the rows on screen were read already.
    let effects = s.update(Event::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)));
    assert!(matches!(effects[..], [tui::app::Effect::Save { .. }]), "{effects:?}");
    tui::apply_inline(&mut s, effects);
    assert!(s.message.as_deref().is_some_and(|m| m.starts_with("not saved: frame ")), "{:?}", s.message);
    assert_eq!(std::fs::read(&target).expect("read"), b"precious");
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A save keeps what the capture says of each packet besides its octets, as `dissect -w` does:
/// the scapy capture (a comment on every packet) saved whole reads back with the same
/// comments, frame by frame.
#[test]
fn a_save_keeps_packet_comments() {
    let dir = temp_dir("comments");
    let src = PathBuf::from(format!("{}/../captures/real/scapy-vectors-packets.pcapng", env!("CARGO_MANIFEST_DIR")));
    let comments_of = |path: &Path| {
        let bytes = std::fs::read(path).expect("a file");
        let mut out = Vec::new();
        dissect::capture::stream(&bytes[..], |_, _, d| {
            out.push(d.comments.to_vec());
            true
        })
        .expect("a capture");
        out
    };
    let want = comments_of(&src);
    assert!(want.len() > 10 && want.iter().all(|c| c.len() == 1), "{want:?}");
    let mut s = open(Box::new(FileSource::open(&src).expect("open")));
    let saved = dir.join("saved.pcapng");
    save_as(&mut s, &saved);
    assert_eq!(comments_of(&saved), want);
    assert_eq!(frames_of(&saved), frames_of(&src));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A path that is not a regular file is written in place. Renaming the new file over it (what a
/// save to a file does) once replaced `/dev/null` with a regular file, and every later reader
/// of `/dev/null` got what had been thrown away. A named pipe stands for the device here: its
/// reader is opened first, non-blocking, so the save's open does not wait and the test cannot
/// hang; the frames come out of the pipe and the pipe is still a pipe.
#[test]
fn a_save_to_a_pipe_or_device_writes_into_it() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let dir = temp_dir("fifo");
    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    const O_NONBLOCK: i32 = 0o4000; // Linux
    let mut reader = std::fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(&fifo).expect("reader");
    let s = open(Box::new(FileSource::open(&fixture_path()).expect("open")));
    assert_eq!(s.save_target(&fifo.display().to_string()), Ok(true), "something is there: the bar asks first");
    let frames: Vec<u32> = (1..=s.index.len() as u32).collect();
    let n = s.save(&fifo.display().to_string(), &frames).expect("saved");
    assert_eq!(n, frames.len() as u64);
    assert!(std::fs::symlink_metadata(&fifo).expect("still there").file_type().is_fifo());
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).expect("the pipe's contents (the writer has closed)");
    let mut got = Vec::new();
    dissect::capture::for_each_packet(&bytes[..], |_, d| {
        got.push(d.to_vec());
        true
    })
    .expect("a capture");
    assert_eq!(got, frames_of(&fixture_path()));
    let names: Vec<_> = std::fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, ["pipe"], "no temporary file left beside it");
    let _ = std::fs::remove_dir_all(&dir);
}
