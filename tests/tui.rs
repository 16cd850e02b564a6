//! `mipscope tui` end to end: the real binary in a tmux pane on a fixture, driven by keys,
//! its screen read with `tmux capture-pane -p`. Every wait polls with a timeout; the session
//! has a name of its own and is killed on every path (a guard's drop).

use std::process::{Command, Output};
use std::time::{Duration, Instant};

#[path = "support/frame_tree.rs"]
mod frame_tree;

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn fixture(name: &str) -> String {
    format!("{}/captures/{name}", env!("CARGO_MANIFEST_DIR"))
}

struct Session(String);

impl Session {
    fn start(cmd: &str, w: u16, h: u16) -> Session {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let name = format!("mipscope-tui-{}-{nanos}", std::process::id());
        let s = Session(name);
        // The shell that runs the program writes its exit status: tmux's own record of a dead
        // pane's status is sometimes empty when the program ends quickly (seen in CI).
        let cmd = format!("{cmd}; echo \"exit=$?\" > {}", s.status_path().display());
        let out = tmux(&["new-session", "-d", "-s", &s.0, "-x", &w.to_string(), "-y", &h.to_string(), &cmd]);
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        // Keep the pane after the program exits, to read its exit status and the screen left.
        tmux(&["set-option", "-t", &s.0, "remain-on-exit", "on"]);
        s
    }

    fn status_path(&self) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("{}.status", self.0))
    }

    /// Waits for the program to end (10 s at most) and gives its exit status.
    fn wait_exit(&self) -> i32 {
        let path = self.status_path();
        self.wait("the program's end", |_| std::fs::read_to_string(&path).is_ok_and(|t| t.ends_with('\n')));
        let t = std::fs::read_to_string(&path).unwrap_or_default();
        t.trim().strip_prefix("exit=").and_then(|v| v.parse().ok()).unwrap_or(-1)
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", &self.0]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.0];
        args.extend_from_slice(keys);
        tmux(&args);
    }

    fn literal(&self, text: &str) {
        tmux(&["send-keys", "-t", &self.0, "-l", text]);
    }

    /// Polls the screen until `ok` holds (10 s at most); the screen it last saw.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {what}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pane(&self, format: &str) -> String {
        let out = tmux(&["display-message", "-p", "-t", &self.0, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.0]).output();
        let _ = std::fs::remove_file(self.status_path());
    }
}

fn tmux(args: &[&str]) -> Output {
    Command::new("tmux").args(args).output().expect("tmux (scripts/test.sh installs it)")
}

#[test]
fn browse_filter_expand_highlight_quit() {
    let s = Session::start(&format!("{BIN} tui -r {}", fixture("crafted/mh-messages.pcapng")), 120, 40);
    s.wait("the whole file indexed", |t| t.contains("Packets: 18 ·") && t.contains("Binding Refresh Request"));
    // A filter typed in the bar: validated as typed, applied with Enter.
    s.keys(&["/"]);
    s.literal("mip6.mhtype ==");
    s.wait("the inline error", |t| t.contains("✗ column 15: the filter ends too early"));
    s.literal(" 6");
    s.keys(&["Enter"]);
    // tshark -Y 'mip6.mhtype == 6': frames 8 to 16.
    let t = s.wait("the filter's matches", |t| t.contains("Packets (9 of 18 match)") && t.contains("Shown: 9"));
    assert!(!t.contains("Binding Refresh Request"), "{t}");
    // The second match (frame 9), its Mobile IPv6 layer expanded, the cursor on the Mobility
    // Header Type: the bytes pane names the field's octets (offset 14 + 40 + 2 = 56, one).
    s.keys(&["j", "Tab", "G", "Enter", "j", "j", "j"]);
    let t = s.wait("the highlighted field", |t| t.contains("field at 56, 1 octet)"));
    assert!(t.contains("Frame 9"), "{t}");
    assert!(t.contains("▾ Mobile IPv6: Binding Acknowledgement"), "{t}");
    assert!(t.contains("Mobility Header Type: Binding Acknowledgement (6)"), "{t}");
    // w saves the shown packets (the nine matches) to pcapng.
    let saved = std::env::temp_dir().join(format!("{}.pcapng", s.0));
    s.keys(&["w", "C-u"]);
    s.wait("the save prompt", |t| t.contains("Save the 9 shown packets to"));
    s.literal(&saved.display().to_string());
    s.keys(&["Enter"]);
    s.wait("the save", |t| t.contains("wrote 9 packets to"));
    let out = Command::new(BIN).args(["dissect", "-r", &saved.display().to_string()]).output().expect("run");
    let _ = std::fs::remove_file(&saved);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 9, "{text}");
    assert!(text.lines().all(|l| l.contains("Binding Acknowledgement")), "{text}");
    s.keys(&["?"]);
    s.wait("the help", |t| t.contains("Keys (? or Esc closes)"));
    // Escape and q apart: sent together they read as Alt-q.
    s.keys(&["Escape"]);
    s.wait("the help closed", |t| !t.contains("Keys (? or Esc closes)"));
    s.keys(&["q"]);
    // tmux sets the status a moment after it marks the pane dead.
    assert_eq!(s.wait_exit(), 0);
    // The terminal is restored: the alternate screen is gone.
    let t = s.screen();
    assert!(!t.contains("Filter:"), "{t}");
}

/// The runtime's threads behind `f`, `${field}` and the detail tree: `f` on the BU of frame 6
/// filters to its exchange (its BA, frame 8: `mipscope dissect -2` pairs them); the tree of
/// frame 8 has the tracking the context pass gives it (`[Response To: 6]`, as `dissect -V`);
/// `${mip6.bu.seqnr}` is refused where no BU is selected and, on the BU, keeps its BAs.
#[test]
fn follow_the_exchange_and_field_references() {
    let s = Session::start(&format!("{BIN} tui -r {}", fixture("crafted/mh-messages.pcapng")), 120, 40);
    s.wait("the whole file indexed", |t| t.contains("Packets: 18 ·") && t.contains("Binding Refresh Request"));
    s.keys(&["/"]);
    s.literal("mip6.ba.seqnr == ${mip6.bu.seqnr}");
    s.wait("the inline error", |t| t.contains("✗ column 18: ${mip6.bu.seqnr}: the field is not in the selected packet"));
    // Escape apart from the keys after it (sent together they read as Alt-j).
    s.keys(&["Escape"]);
    s.wait("the bar closed", |t| t.contains("Filter: (none"));
    s.keys(&["j", "j", "j", "j", "j", "f"]);
    // The bar's message is whole once the filter pass has finished (while it runs, the bar's
    // "Filtering N%" leaves the message less room): wait for both, not for the list alone.
    s.wait("the exchange", |t| {
        t.contains("Filter: frame.number in {6, 8}")
            && t.contains("Packets (2 of 18 match)")
            && t.contains("f: frame 6's exchange (response tracking): frames 6, 8")
    });
    s.keys(&["j", "Tab", "G", "Enter", "G"]);
    s.wait("frame 8's tree with its tracking", |t| t.contains("Frame 8") && t.contains("[Response To: 6]"));
    s.keys(&["BTab", "g", "/", "C-u"]);
    s.literal("mip6.ba.seqnr == ${mip6.bu.seqnr}");
    s.keys(&["Enter"]);
    // mipscope dissect -T fields -e mip6.ba.seqnr: the BAs of frames 8 to 16 say 42, the BU's number.
    s.wait("the BAs of the BU", |t| t.contains("Packets (9 of 18 match)"));
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn not_a_terminal_is_one_line_and_an_error() {
    let out = Command::new(BIN).args(["tui", "-r", &fixture("crafted/mh-messages.pcapng")]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "mipscope: tui needs a terminal: standard input and output must be a TTY\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_filter_and_missing_file_fail_before_the_screen() {
    let out = Command::new(BIN)
        .args(["tui", "-r", &fixture("crafted/mh-messages.pcapng"), "-Y", "mip6.nope == 1"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("mipscope: ") && err.contains("\n    mip6.nope == 1\n    ^"), "{err}");
    let out = Command::new(BIN).args(["tui", "-r", "/nonexistent/x.pcap"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("mipscope: /nonexistent/x.pcap: "));
}

/// The README's first screen is what the binary draws for the command and keys its prose names,
/// the status line included (no message left from the start: the filter's first matches wait
/// for the index, `matches_ahead_of_the_index_wait_for_it` in tui/tests/start.rs).
#[test]
fn the_readmes_first_screen_is_the_binarys() {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).expect("README");
    let section = readme.split("## Terminal UI").nth(1).expect("a Terminal UI section");
    let prose = "then `Tab G Enter j j j` in a 100x32 terminal";
    assert!(section.contains(prose), "the README's prose names other keys");
    let block = section.split("```\n").nth(1).expect("the first screen");
    let want: Vec<&str> = block.lines().map(str::trim_end).collect();
    assert_eq!(want.len(), 32);
    let s = Session::start(
        &format!("{BIN} tui -r {} -Y 'mip6.mhtype == 5 || mip6.mhtype == 6'", fixture("crafted/mh-messages.pcapng")),
        100,
        32,
    );
    s.wait("the filter's matches", |t| t.contains("Packets (11 of 18 match)") && t.contains("Packets: 18 · Shown: 11"));
    // The keys in order (the app reads them in order: the last screen is theirs).
    s.keys(&["Tab", "G", "Enter", "j", "j", "j"]);
    let same = |t: &str| {
        let got: Vec<&str> = t.lines().map(str::trim_end).collect();
        got.len() >= 32 && got[..32] == want[..]
    };
    let start = Instant::now();
    loop {
        let t = s.screen();
        if same(&t) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the screen is not the README's:\n{t}\nREADME:\n{block}");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
}

/// A file that is not a capture (text, an empty file) fails in one line before the screen, as a
/// missing file does: the header is read first (here with no terminal, which would be the
/// next error).
#[test]
fn a_file_that_is_not_a_capture_fails_before_the_screen() {
    for (name, bytes) in [("text", &b"root:x:0:0:root:/root:/bin/sh\n"[..]), ("empty", &b""[..])] {
        let path = std::env::temp_dir().join(format!("mipscope-tui-not-a-capture-{name}-{}", std::process::id()));
        std::fs::write(&path, bytes).expect("write");
        let out = Command::new(BIN).args(["tui", "-r", &path.display().to_string()]).output().expect("run");
        let _ = std::fs::remove_file(&path);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("mipscope: {}: not a pcap or pcapng capture file\n", path.display()),
            "{name}"
        );
        assert!(out.stdout.is_empty());
    }
}

/// The report views show what `mipscope stats`, `flow` and `check` print for the same packets
/// (`check` run where the file is, as the view names it by its file name).
#[test]
fn report_views_are_the_commands_text() {
    use tui::app::{Event, State};
    use tui::report::Kind;
    let file = fixture("crafted/mh-messages.pcapng");
    for (kind, key, cmd) in [(Kind::Stats, 's', "stats"), (Kind::Flow, 'l', "flow"), (Kind::Findings, 'c', "check")] {
        for filter in [None, Some("mip6.mhtype == 6")] {
            let src = tui::source::FileSource::open(file.as_ref()).expect("open");
            let mut s = State::new(Box::new(src), dissect::prefs::Prefs::default(), "rfc", (120, 40));
            tui::index_inline(&mut s).expect("index");
            if let Some(f) = filter {
                let effects = s.start_filter(f).into_iter().collect();
                tui::apply_inline(&mut s, effects);
            }
            let key = tui::ratatui::crossterm::event::KeyEvent::new(
                tui::ratatui::crossterm::event::KeyCode::Char(key),
                tui::ratatui::crossterm::event::KeyModifiers::NONE,
            );
            let effects = s.update(Event::Key(key));
            tui::apply_inline(&mut s, effects);
            let view = s.view.as_ref().expect("a view");
            assert_eq!(view.kind, kind);
            let text = view.text.clone().expect("done").expect("a report");
            let mut args = vec![cmd, "-r", "mh-messages.pcapng"];
            if let Some(f) = filter {
                args.extend(["-Y", f]);
            }
            let out = Command::new(BIN).args(&args).current_dir(fixture("crafted")).output().expect("run");
            // check exits 1 when a MUST rule fails; its report is on stdout either way.
            assert!(out.status.code().is_some_and(|c| c <= 1), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
            assert_eq!(text, String::from_utf8_lossy(&out.stdout), "{cmd} {filter:?}");
        }
    }
}

/// SIGTERM ends the program like `q`: exit status 0 and the terminal restored.
#[test]
fn sigterm_restores_the_terminal() {
    let s = Session::start(&format!("{BIN} tui -r {}", fixture("crafted/mh-messages.pcapng")), 100, 30);
    s.wait("the first screen", |t| t.contains("Packets: 18 ·"));
    // The pane runs a shell (which records the exit status); the program is its child.
    let shell = s.pane("#{pane_pid}");
    let out = Command::new("pgrep").args(["-P", &shell]).output().expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty() && !pid.contains('\n'), "the program's pid under the shell {shell}: {pid:?}");
    assert!(Command::new("kill").args(["-TERM", &pid]).status().is_ok_and(|st| st.success()), "kill {pid}");
    assert_eq!(s.wait_exit(), 0, "SIGTERM ends the program as q does");
    let t = s.screen();
    assert!(!t.contains("Filter:"), "{t}");
}

/// `mipscope tui` on a fixture with the binary's test hook `MIPSCOPE_TUI_TEST_PANIC=hook`, under
/// tmux: the session, the exit status, the screen after it, and the terminal's `stty -a` then.
fn panicking(hook: &str, tag: &str) -> (Session, i32, String, String) {
    let stty = std::env::temp_dir().join(format!("mipscope-tui-{tag}-stty-{}", std::process::id()));
    let cmd = format!(
        "MIPSCOPE_TUI_TEST_PANIC={hook} {BIN} tui -r {}; st=$?; stty -a > {}; (exit $st)",
        fixture("crafted/mh-messages.pcapng"),
        stty.display()
    );
    let s = Session::start(&cmd, 100, 30);
    let status = s.wait_exit();
    let t = s.screen();
    let settings = std::fs::read_to_string(&stty).unwrap_or_default();
    let _ = std::fs::remove_file(&stty);
    (s, status, t, settings)
}

/// A panic on the UI thread (the binary's test hook MIPSCOPE_TUI_TEST_PANIC=1: after the first
/// draw) leaves the alternate screen and raw mode, prints the panic's message on the normal
/// screen, and ends with a failure status (101, Rust's for a panic).
#[test]
fn a_panic_restores_the_terminal() {
    let (s, status, t, settings) = panicking("1", "panic");
    assert_eq!(status, 101, "a panic's status");
    assert!(t.contains("panicked") && t.contains("a panic on the UI thread after its first draw"), "{t}");
    assert!(!t.contains("Packets: 18"), "the app's screen is gone (alternate screen left): {t}");
    assert_eq!(s.pane("#{alternate_on}"), "0", "alternate screen left");
    // Raw mode off: the line discipline edits and echoes again.
    let words: Vec<&str> = settings.split_whitespace().collect();
    assert!(words.contains(&"icanon") && words.contains(&"echo") && words.contains(&"isig"), "stty -a: {settings}");
}

/// A panic on a background thread (the hook's `thread` value: a thread that panics after the
/// first draw) ends the app as a signal does: the terminal is restored once, the UI does not go
/// on drawing on the normal screen, and the panic's message is the run's error (status 2).
#[test]
fn a_background_panic_ends_the_app() {
    let (s, status, t, settings) = panicking("thread", "bgpanic");
    assert_eq!(status, 2, "the run's error status");
    // The panic's message (its first line, "mipscope: tui: the test-panic thread panicked at
    // …", fills the 100 columns: it was once seen blank in a parallel run, so only this is asserted).
    assert!(t.contains("a panic on a background thread after the first draw"), "{t}");
    assert!(!t.contains("Packets: 18"), "no screen drawn after the restore: {t}");
    assert_eq!(s.pane("#{alternate_on}"), "0", "alternate screen left");
    let words: Vec<&str> = settings.split_whitespace().collect();
    assert!(words.contains(&"icanon") && words.contains(&"echo") && words.contains(&"isig"), "stty -a: {settings}");
}

/// A namespace with a veth pair `va`—`vb` (IPv6 off: the kernel sends nothing of its own),
/// deleted on drop; as tests/live.rs makes it. `None`, after saying why, where namespaces
/// cannot be made and MIPSCOPE_LIVE_REQUIRED is not 1.
struct Netns(String);

impl Netns {
    fn create(tag: &str) -> Option<Netns> {
        let required = std::env::var("MIPSCOPE_LIVE_REQUIRED").is_ok_and(|v| v == "1");
        let ip = |args: &[&str]| Command::new("ip").args(args).output().is_ok_and(|o| o.status.success());
        let name = format!("mipscope-tui-{tag}-{}", std::process::id());
        if !ip(&["netns", "add", &name]) {
            assert!(!required, "live test {tag}: cannot create a network namespace (MIPSCOPE_LIVE_REQUIRED=1)");
            eprintln!("SKIPPED live test {tag}: cannot create a network namespace");
            return None;
        }
        let ns = Netns(name);
        let n = ns.0.as_str();
        let ok = ip(&["-n", n, "link", "add", "va", "type", "veth", "peer", "name", "vb"])
            && ns.exec(&["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"])
            && ns.exec(&["sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1"])
            && ip(&["-n", n, "link", "set", "va", "up"])
            && ip(&["-n", n, "link", "set", "vb", "up"]);
        assert!(ok, "setting up the veth pair in {n}");
        Some(ns)
    }

    fn exec(&self, args: &[&str]) -> bool {
        Command::new("ip").args(["netns", "exec", &self.0]).args(args).status().is_ok_and(|s| s.success())
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.0]).output();
    }
}

/// Sends frames out of `va` (they arrive on `vb`) from the namespace the caller is in.
fn send_frames(frames: &[Vec<u8>]) {
    const PY: &str = "import socket,sys\n\
        s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW)\n\
        s.bind(('va',0))\n\
        [s.send(bytes.fromhex(h)) for h in sys.argv[1:]]\n";
    let hex: Vec<String> = frames.iter().map(|f| f.iter().map(|b| format!("{b:02x}")).collect()).collect();
    let ok = Command::new("python3").args(["-c", PY]).args(&hex).status().is_ok_and(|s| s.success());
    assert!(ok, "sending frames out of va");
}

/// A BU from 2001:db8:1::100 to 2001:db8:1::1 with this sequence number, lifetime 150 units
/// of 4 s (600 s), A and H (Ethernet).
fn bu(seq: u16) -> Vec<u8> {
    use dissect::mh::msg::binding::{Bu, BuFlags};
    craft::packet::Ipv6Packet::new("2001:db8:1::100".parse().unwrap(), "2001:db8:1::1".parse().unwrap())
        .mh(dissect::mh::MhRepr::new(Bu { seq, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 150 }))
        .emit(&Default::default())
        .unwrap()
}

/// Live capture in a namespace, the app driven without a terminal: this test runs
/// [`live_in_namespace_child`] inside a namespace of its own (the test binary again, under
/// `ip netns exec`), which captures on `vb` through libpcap and the spool, injects crafted
/// BUs on `va` and checks they reach the list, the live filter and the status bar.
#[test]
fn live_capture_reaches_the_list() {
    let Some(ns) = Netns::create("state") else { return };
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new("ip")
        .args(["netns", "exec", &ns.0])
        .arg(exe)
        .env("MIPSCOPE_TUI_NETNS", &ns.0)
        .args(["--exact", "live_in_namespace_child", "--ignored", "--nocapture", "--test-threads=1"])
        .output()
        .expect("run the child test");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains("1 passed"), "{text}");
}

#[test]
#[ignore = "run inside its namespace by live_capture_reaches_the_list"]
fn live_in_namespace_child() {
    use dissect::live::{Live, LiveOptions};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Arc};
    use tui::app::{Event, State};
    use tui::ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    // Only inside the namespace its parent made (`--include-ignored` elsewhere has no `vb`).
    if std::env::var_os("MIPSCOPE_TUI_NETNS").is_none() {
        eprintln!("live_in_namespace_child: run by live_capture_reaches_the_list inside its namespace");
        return;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let live = Live::open(LiveOptions { filter: Some("ip6".into()), ..tui::live::options("vb", Arc::clone(&stop)) })
        .expect("capture on vb");
    let (tx, rx) = mpsc::sync_channel(256);
    let spool =
        tui::live::start(live, Arc::clone(&stop), Default::default(), tui::live::CHECKPOINT_EVERY, tx.clone()).expect("spool");
    let path = spool.path().to_path_buf();
    let mut s = State::new_live(Box::new(tui::live::LiveSource(spool)), dissect::prefs::Prefs::default(), "rfc", (120, 40));
    let mut rt = tui::Runtime::new(tx);
    // Applies events (and carries out their effects) until `done` holds; 20 s at most.
    let pump = |s: &mut State, rt: &mut tui::Runtime, what: &str, done: &dyn Fn(&State) -> bool| {
        let start = Instant::now();
        while !done(s) {
            assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
            if let Ok(ev) = rx.recv_timeout(Duration::from_millis(100)) {
                let effects = s.update(ev);
                rt.apply(s, effects);
            }
        }
    };
    let key = |s: &mut State, rt: &mut tui::Runtime, c: char| {
        let effects = s.update(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        rt.apply(s, effects);
    };
    // libpcap's thread polls every 100 ms: wait for its first counters before sending.
    pump(&mut s, &mut rt, "the first tick", &|s| s.live.is_some() && s.index.links.len() == 1);
    send_frames(&[bu(1), bu(2), bu(3)]);
    pump(&mut s, &mut rt, "three packets", &|s| s.shown() == 3);
    let infos: Vec<String> = (1..=3).map(|n| s.row(n).map(|r| r.info.clone()).unwrap_or_default()).collect();
    for (i, info) in infos.iter().enumerate() {
        assert!(info.starts_with(&format!("Binding Update seq={} lifetime=600 A H", i + 1)), "{infos:?}");
    }
    // The newest packet selected, its octets read back from the spool as they were sent.
    let cur = s.cur.as_ref().expect("selected");
    assert_eq!((cur.number, &cur.data), (3, &bu(3)));
    // A filter over the live capture: what is there, then what comes (the frame's interface
    // known to it, as to `dissect -i vb -Y`).
    let effects = s.start_filter(r#"mip6.bu.seqnr == 2 && frame.interface_name == "vb""#).into_iter().collect();
    rt.apply(&mut s, effects);
    pump(&mut s, &mut rt, "the filter's first match", &|s| s.filter.as_ref().is_some_and(|f| f.read >= 3));
    assert_eq!(s.filter.as_ref().map(|f| f.matches.clone()), Some(vec![2]));
    send_frames(&[bu(4), bu(2)]);
    pump(&mut s, &mut rt, "the match captured later", &|s| s.shown() == 2);
    assert_eq!(s.filter.as_ref().map(|f| f.matches.clone()), Some(vec![2, 5]));
    assert_eq!(s.index.len(), 5);
    assert_eq!(s.cur.as_ref().map(|c| c.number), Some(5), "the list follows the newest match");
    // Paused: the capture goes on, the list does not.
    key(&mut s, &mut rt, 'p');
    send_frames(&[bu(2)]);
    pump(&mut s, &mut rt, "the sixth packet", &|s| s.index.len() == 6 && s.filter.as_ref().is_some_and(|f| f.read == 6));
    assert_eq!(s.shown(), 2);
    let l = s.live.clone().expect("live");
    assert!(l.received >= 5 && l.dropped == 0 && l.if_dropped == 0, "{l:?}");
    key(&mut s, &mut rt, 'p');
    assert_eq!(s.shown(), 3);
    // Stopping: the capture ends, the filter reads to the end and stops, the spool goes.
    stop.store(true, Ordering::Relaxed);
    pump(&mut s, &mut rt, "the end", &|s| {
        s.live.as_ref().is_some_and(|l| l.ended.is_some()) && s.filter.as_ref().is_some_and(|f| f.done.is_some())
    });
    assert_eq!(s.live.as_ref().and_then(|l| l.ended.clone()), Some(Ok(6)));
    assert_eq!(s.filter.as_ref().and_then(|f| f.done.clone()), Some(Ok(6)));
    drop(s);
    drop(rt);
    let start = Instant::now();
    while path.exists() {
        assert!(start.elapsed() < Duration::from_secs(5), "the spool {} is left", path.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A live capture has its context pass, as a file has: every frame of reassembly.pcapng
/// (fragments reassembled, a BU answered by a BA, overlapping fragments disagreeing) sent live,
/// and each frame's tree in the app, reached by jumping to it (far from any frame replayed
/// before, so only the live context pass's checkpoints give it its context), is what
/// `mipscope dissect -V -r` prints for that frame of the saved capture: Info, tracking,
/// reassembly and the findings (expert items) alike.
#[test]
fn live_capture_has_the_files_context() {
    let Some(ns) = Netns::create("context") else { return };
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new("ip")
        .args(["netns", "exec", &ns.0])
        .arg(exe)
        .env("MIPSCOPE_TUI_NETNS", &ns.0)
        .args(["--exact", "live_context_in_namespace_child", "--ignored", "--nocapture", "--test-threads=1"])
        .output()
        .expect("run the child test");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains("1 passed"), "{text}");
}

#[test]
#[ignore = "run inside its namespace by live_capture_has_the_files_context"]
fn live_context_in_namespace_child() {
    use dissect::live::{Live, LiveOptions};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Arc};
    use tui::app::{Event, State};
    use tui::ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    if std::env::var_os("MIPSCOPE_TUI_NETNS").is_none() {
        eprintln!("live_context_in_namespace_child: run by live_capture_has_the_files_context inside its namespace");
        return;
    }
    let mut frames = Vec::new();
    let bytes = std::fs::read(fixture("crafted/reassembly.pcapng")).expect("fixture");
    dissect::capture::for_each_packet(&bytes[..], |_, data| {
        frames.push(data.to_vec());
        true
    })
    .expect("the fixture");
    let n = frames.len() as u64;
    assert_eq!(n, 15);
    let stop = Arc::new(AtomicBool::new(false));
    let live = Live::open(LiveOptions { filter: Some("ip6 or ip".into()), ..tui::live::options("vb", Arc::clone(&stop)) })
        .expect("capture on vb");
    let (tx, rx) = mpsc::sync_channel(256);
    // A checkpoint every frame (every 1,024 in the app): the pane replays at most 2 frames.
    let spool = tui::live::start(live, Arc::clone(&stop), Default::default(), 1, tx.clone()).expect("spool");
    let path = spool.path().to_path_buf();
    let mut s = State::new_live(Box::new(tui::live::LiveSource(spool)), dissect::prefs::Prefs::default(), "rfc", (120, 40));
    s.checkpoints = tui::pass::Checkpoints::new(1);
    let mut rt = tui::Runtime::new(tx);
    let pump = |s: &mut State, rt: &mut tui::Runtime, what: &str, done: &dyn Fn(&State) -> bool| {
        let start = Instant::now();
        while !done(s) {
            assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
            if let Ok(ev) = rx.recv_timeout(Duration::from_millis(100)) {
                let effects = s.update(ev);
                rt.apply(s, effects);
            }
        }
    };
    pump(&mut s, &mut rt, "the first tick", &|s| s.live.is_some() && s.index.links.len() == 1);
    send_frames(&frames);
    pump(&mut s, &mut rt, "every frame, stepped by the context pass", &|s| {
        s.index.len() as u64 == n && s.checkpoints.reached == n
    });
    stop.store(true, Ordering::Relaxed);
    pump(&mut s, &mut rt, "the end", &|s| s.live.as_ref().is_some_and(|l| l.ended.is_some()));
    assert_eq!(s.checkpoints.held().0 as u64, n + 1, "a checkpoint after every frame, and the start");
    // The capture as saved: the spool, copied before the app deletes it.
    let saved = std::env::temp_dir().join(format!("mipscope-tui-live-context-{}.pcapng", std::process::id()));
    std::fs::copy(&path, &saved).expect("copy the spool");
    let dissect_v = |k: u64| frame_tree::dissect_v(BIN, &saved, k);
    let press = |s: &mut State, rt: &mut tui::Runtime, c: char| {
        let effects = s.update(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        rt.apply(s, effects);
    };
    // Upwards from the last frame, after a jump to the first: each frame far from the last one
    // replayed only at first, then going on from it; every one in context.
    press(&mut s, &mut rt, 'g');
    press(&mut s, &mut rt, 'G');
    let mut info = Vec::new();
    for k in (1..=n).rev() {
        if k < n {
            press(&mut s, &mut rt, 'k');
        }
        let cur = s.cur.as_mut().expect("a selected frame");
        assert_eq!((cur.number, cur.alone), (k, false));
        cur.open.iter_mut().for_each(|o| *o = true);
        let cur = s.cur.as_ref().expect("a selected frame");
        let mut tree = String::new();
        for i in s.visible_nodes() {
            let node = &cur.d.nodes[i];
            tree.push_str(&"    ".repeat(usize::from(node.depth)));
            dissect::output::write_label(&mut tree, &cur.d, &cur.data, node);
            tree.push('\n');
        }
        assert_eq!(tree, dissect_v(k), "frame {k}");
        info.push((k, cur.d.cols.info.clone()));
    }
    let _ = std::fs::remove_file(&saved);
    // What only the context gives: frame 9 completes a datagram (alone it is a fragment), and
    // the BA of frame 4 answers frame 2.
    assert!(info.iter().any(|(k, i)| *k == 9 && i.starts_with("Binding Update seq=77")), "{info:?}");
    drop(s);
    drop(rt);
}

/// `mipscope tui -i vb` under tmux in a namespace: packets sent appear, `q` ends it cleanly.
#[test]
fn live_tui_under_tmux() {
    let Some(ns) = Netns::create("tmux") else { return };
    let s = Session::start(&format!("ip netns exec {} {BIN} tui -i vb", ns.0), 120, 30);
    s.wait("the live status bar", |t| t.contains("vb (live) │ Captured: 0"));
    let frames = [bu(7), bu(8)];
    let hex: Vec<String> = frames.iter().map(|f| f.iter().map(|b| format!("{b:02x}")).collect()).collect();
    const PY: &str = "import socket,sys\ns=socket.socket(socket.AF_PACKET,socket.SOCK_RAW)\ns.bind(('va',0))\n[s.send(bytes.fromhex(h)) for h in sys.argv[1:]]\n";
    let mut args = vec!["python3", "-c", PY];
    args.extend(hex.iter().map(String::as_str));
    assert!(ns.exec(&args), "sending");
    let t = s.wait("two packets", |t| t.contains("Captured: 2 · Shown: 2"));
    assert!(t.contains("Binding Update seq=7") && t.contains("Binding Update seq=8"), "{t}");
    assert!(t.contains("Frame 2"), "the newest packet is selected: {t}");
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
}
