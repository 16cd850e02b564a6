//! `mipscope dissect -V` of one frame as an unfiltered (or filtered) run prints it: the reference the terminal
//! UI's detail pane is compared with. Shared by the TUI test binaries (`#[path]`-included).

use std::path::Path;
use std::process::Command;

/// The tree of frame `n` of `capture` (its lines before the hex dump: with `-x` no Data item has
/// a dump of its own, the pane's bytes pane shows the octets).
///
/// `-Y frame.number == N` makes the frame the first shown, so its "Time delta from previous
/// displayed frame" is 0; the pane without a filter shows every frame, so the line is given the
/// time since the previous captured frame, as an unfiltered run.
pub fn dissect_v(bin: &str, capture: &Path, n: u64) -> String {
    let out = Command::new(bin)
        .args(["dissect", "-V", "-x", "-r"])
        .arg(capture)
        .args(["-Y", &format!("frame.number == {n}")])
        .output()
        .expect("mipscope dissect");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let tree = text.split_once("\n\n").map_or(text.as_str(), |(t, _)| t);
    let mut captured = None;
    let mut out = String::new();
    for l in tree.lines() {
        if l.contains("[Time delta from previous captured frame: ") {
            captured = Some(l.replace("previous captured frame", "previous displayed frame"));
        }
        match (&captured, l.contains("[Time delta from previous displayed frame: ")) {
            (Some(c), true) => out.push_str(c),
            _ => out.push_str(l),
        }
        out.push('\n');
    }
    out
}

/// The tree of frame `n` of `capture` as `mipscope dissect -V -x -Y filter` prints it (which
/// must show it): its displayed delta is the time since the filter's match before it.
#[allow(dead_code)] // Not every binary that includes this file filters.
pub fn dissect_v_filtered(bin: &str, capture: &Path, filter: &str, n: u64) -> String {
    let out = Command::new(bin)
        .args(["dissect", "-V", "-x", "-r"])
        .arg(capture)
        .args(["-Y", filter])
        .output()
        .expect("mipscope dissect");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let head = format!("Frame {n}: ");
    let tree = text.split("\n\n").find(|t| t.starts_with(&head)).unwrap_or_else(|| panic!("frame {n} not shown by {filter}"));
    format!("{tree}\n")
}
