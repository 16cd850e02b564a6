//! Golden outputs: `dissect -V` and `dissect -T json` of every fixture in captures/real and
//! captures/crafted, as insta snapshots in tests/snapshots/.
//!
//! Regenerate after an intended change with `INSTA_UPDATE=always cargo test --test golden`
//! (or `cargo insta review`), then read the diff.
//!
//! Each snapshot is the exact stdout, followed by a trailer with the exit status and stderr
//! (damaged files exit 2 after printing every packet before the damage).

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fixture paths relative to the package root (so stderr, which names the file, is stable).
fn fixtures() -> Vec<String> {
    let mut v = Vec::new();
    for dir in ["captures/real", "captures/crafted"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("pcap" | "pcapng")) {
                v.push(format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    v.sort();
    assert!(v.len() >= 40, "fixtures found: {v:?}");
    v
}

/// `real-zeek-mip6_bu.pcap` style snapshot name: directory, then file name with dots and
/// other punctuation turned into `_`.
fn snap_name(rel: &str, mode: &str) -> String {
    let p = Path::new(rel);
    let dir = p.parent().unwrap().file_name().unwrap().to_string_lossy();
    let file: String = p
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    format!("{dir}__{file}__{mode}")
}

fn render(rel: &str, args: &[&str]) -> String {
    let o = Command::new(BIN).arg("dissect").arg("-r").arg(rel).args(args).current_dir(root()).output().unwrap();
    let code = o.status.code().expect("exited, not killed by a signal");
    assert!(code == 0 || code == 2, "{rel} {args:?}: exit status {code}, stderr {}", String::from_utf8_lossy(&o.stderr));
    let mut s = String::from_utf8(o.stdout).expect("UTF-8 stdout");
    s.push_str(&format!("--- exit status {code}\n"));
    for line in String::from_utf8_lossy(&o.stderr).lines() {
        s.push_str(&format!("--- stderr: {line}\n"));
    }
    s
}

fn check_all(mode: &str, args: &[&str]) {
    check_files(mode, args, fixtures());
}

fn check_files(mode: &str, args: &[&str], files: Vec<String>) {
    let mut failed = Vec::new();
    for rel in files {
        let out = render(&rel, args);
        let name = snap_name(&rel, mode);
        let r = std::panic::catch_unwind(|| {
            insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true, description => format!("mipscope dissect -r {rel} {}", args.join(" ")) }, {
                insta::assert_snapshot!(name.as_str(), out);
            });
        });
        if r.is_err() {
            failed.push(rel);
        }
    }
    assert!(failed.is_empty(), "{mode} snapshots differ for: {failed:#?}");
}

#[test]
fn golden_verbose() {
    check_all("V", &["-V"]);
}

#[test]
fn golden_json() {
    check_all("json", &["-T", "json"]);
}

/// The fixtures made for the seed drafts' layouts, decoded under the `draft` profile too, so
/// both profiles' trees are pinned.
#[test]
fn golden_verbose_draft_profile() {
    let files: Vec<String> = fixtures().into_iter().filter(|f| f.contains("/seeds-") || f.contains("-haaro-")).collect();
    assert!(files.len() >= 4, "{files:?}");
    check_files("V-draft", &["-V", "--profile", "draft"], files);
}
