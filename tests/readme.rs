//! The README's examples are real output, and stay so: every `$ ` line of its code blocks runs,
//! in order, in one scratch directory (the bundled `captures/` linked into it, this build's
//! `mipscope` first on the PATH), and prints what the README shows under it. A session once
//! changed a scenario, a tie between expert items and the checks a BU raises, and the README
//! went on showing the old lines; this test fails on that.
//!
//! An example is its command line (a trailing `\` joins the next line) and the lines under it
//! up to the next `$ ` line or the end of the block, trailing blank lines dropped. Compared:
//! standard output and standard error together, trailing spaces ignored, without tshark's
//! warning about running as root. `echo $?` prints the previous command's exit status. Two
//! forms of excerpt: a command line ending in a note for the reader in parentheses (`(the
//! Mobility Header part)`), or shown output with a `…` / `...` line; then the lines shown,
//! but for those, must appear in the output in the same order (a line with `…` in it stands for
//! one that begins and ends as it does). Live captures (`-i`, `-D`, and
//! what reads their files) need interfaces the live tests make: they are not run here.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug)]
struct Example {
    /// README line of the command.
    line: usize,
    command: String,
    shown: Vec<String>,
    excerpt: bool,
}

/// The examples of `readme`, in order.
fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut lines = readme.lines().enumerate().peekable();
    while let Some((i, l)) = lines.next() {
        if l.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        let Some(cmd) = l.strip_prefix("$ ").filter(|_| in_block) else { continue };
        let mut command = cmd.to_string();
        while command.ends_with('\\') {
            command.pop();
            match lines.next() {
                Some((_, next)) => command.push_str(next.trim_start()),
                None => break,
            }
            command.push(' ');
        }
        let mut command = command.trim_end().to_string();
        let mut excerpt = false;
        // A note for the reader: spaces, then "(...)" at the end of the line.
        if let Some(open) = command.rfind("   (").filter(|_| command.ends_with(')')) {
            command.truncate(open);
            excerpt = true;
        }
        let mut shown = Vec::new();
        while let Some((_, next)) = lines.peek() {
            if next.starts_with("```") || next.starts_with("$ ") {
                break;
            }
            shown.push(next.trim_end().to_string());
            lines.next();
        }
        while shown.last().is_some_and(|s| s.is_empty()) {
            shown.pop();
        }
        excerpt |= shown.iter().any(|s| is_ellipsis(s));
        out.push(Example { line: i + 1, command: command.trim_end().to_string(), shown, excerpt });
    }
    out
}

fn is_ellipsis(s: &str) -> bool {
    matches!(s.trim(), "…" | "...")
}

/// Needs a live interface or a file only a live capture writes.
fn live(command: &str) -> bool {
    command.contains(" -i ") || command.contains(" -D") || command.contains("live.pcapng")
}

/// `shown` (but its ellipses) appears in `got`, in order; a shown line with a `…` in it stands
/// for a line that begins with what precedes the `…` and ends with what follows it.
fn contains_in_order(got: &[String], shown: &[String]) -> bool {
    let mut rest = got.iter();
    shown.iter().filter(|s| !is_ellipsis(s)).all(|want| match want.split_once('…') {
        Some((head, tail)) => rest.any(|g| g.len() >= head.len() + tail.len() && g.starts_with(head) && g.ends_with(tail)),
        None => rest.any(|g| g == want),
    })
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mipscope-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(Path::new(env!("CARGO_MANIFEST_DIR")).join("captures"), dir.join("captures")).unwrap();
    dir
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 40, "the README's examples were not found: {}", examples.len());
    let dir = scratch();
    let bin = Path::new(env!("CARGO_BIN_EXE_mipscope")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut status = 0;
    let mut failures = Vec::new();
    let mut ran = 0;
    for ex in &examples {
        if live(&ex.command) {
            continue;
        }
        let got: Vec<String> = if ex.command == "echo $?" {
            vec![status.to_string()]
        } else {
            let out = Command::new("sh")
                .arg("-c")
                .arg(format!("{} 2>&1", ex.command))
                .current_dir(&dir)
                .env("PATH", &path)
                .env("COLUMNS", "100")
                .output()
                .unwrap();
            status = out.status.code().unwrap_or(-1);
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| !l.starts_with("Running as user \"root\""))
                .map(|l| l.trim_end().to_string())
                .collect()
        };
        ran += 1;
        let mut got = got;
        while got.last().is_some_and(|s| s.is_empty()) {
            got.pop();
        }
        let ok = if ex.excerpt { contains_in_order(&got, &ex.shown) } else { got == ex.shown };
        if !ok {
            failures.push(format!(
                "README line {}: $ {}\n--- shown\n{}\n--- printed\n{}\n",
                ex.line,
                ex.command,
                ex.shown.join("\n"),
                got.join("\n")
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{} of {ran} README examples differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn examples_are_read_with_their_output_and_excerpts() {
    let md = "text\n```\n$ mipscope a \\\n    -b\nout 1\n\nout 2\n\n$ mipscope c   (part)\nx\n$ mipscope d\n…\ny\n```\n$ not in a block\n";
    let ex = examples(md);
    assert_eq!(ex.len(), 3, "{ex:?}");
    assert_eq!((ex[0].line, ex[0].command.as_str(), ex[0].excerpt), (3, "mipscope a -b", false));
    assert_eq!(ex[0].shown, ["out 1", "", "out 2"]);
    assert_eq!((ex[1].command.as_str(), ex[1].excerpt, ex[1].shown.len()), ("mipscope c", true, 1));
    assert!(ex[2].excerpt);
    let got: Vec<String> = ["a", "x", "b", "y"].map(String::from).to_vec();
    assert!(contains_in_order(&got, &ex[2].shown));
    assert!(!contains_in_order(&got, &["y".to_string(), "x".to_string()]));
    let long: Vec<String> = vec!["[data: 0102030405]".into()];
    assert!(contains_in_order(&long, &["[data: 0102…]".to_string()]));
    assert!(!contains_in_order(&long, &["[data: 0103…]".to_string()]));
    assert!(!contains_in_order(&long, &["[data: 0102…)".to_string()]));
}
