//! `mipscope tui` end to end: the real binary in a tmux pane on a fixture, driven by keys,
//! its screen read with `tmux capture-pane -p`. Every wait polls with a timeout; the session
//! has a name of its own and is killed on every path (a guard's drop).

use std::process::{Command, Output};
use std::time::{Duration, Instant};

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
        let out = tmux(&["new-session", "-d", "-s", &s.0, "-x", &w.to_string(), "-y", &h.to_string(), cmd]);
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        // Keep the pane after the program exits, to read its exit status and the screen left.
        tmux(&["set-option", "-t", &s.0, "remain-on-exit", "on"]);
        s
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
    s.wait("the program's end", |_| s.pane("#{pane_dead}") == "1" && !s.pane("#{pane_dead_status}").is_empty());
    assert_eq!(s.pane("#{pane_dead_status}"), "0");
    // The terminal is restored: the alternate screen is gone.
    let t = s.screen();
    assert!(!t.contains("Filter:"), "{t}");
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
    let s = Session::start(&format!("exec {BIN} tui -r {}", fixture("crafted/mh-messages.pcapng")), 100, 30);
    s.wait("the first screen", |t| t.contains("Packets: 18 ·"));
    let pid = s.pane("#{pane_pid}");
    assert!(Command::new("kill").args(["-TERM", &pid]).status().is_ok_and(|st| st.success()), "kill {pid}");
    s.wait("the program's end", |_| s.pane("#{pane_dead}") == "1" && !s.pane("#{pane_dead_status}").is_empty());
    assert_eq!(s.pane("#{pane_dead_status}"), "0");
    let t = s.screen();
    assert!(!t.contains("Filter:"), "{t}");
}
