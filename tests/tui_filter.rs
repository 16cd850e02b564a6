//! The terminal UI's filter over a whole file: the frames it finds are the frames `mipscope
//! dissect -Y` prints, on one thread and on two (the same pipeline as `dissect`), and a cancelled
//! pass stops early without a last report.

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use tui::filter::{run_threads, Compiled, Progress};

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn fixture(name: &str) -> String {
    format!("{}/captures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A capture of `count` packets of `scenario`, crafted by the binary (a unique name per test).
fn crafted(scenario: &str, count: u32, tag: &str) -> String {
    let path = std::env::temp_dir().join(format!("mipscope-tui-filter-{tag}-{}.pcapng", std::process::id()));
    let path = path.to_string_lossy().into_owned();
    let out = Command::new(BIN)
        .args(["craft", "scenario", scenario, "--count", &count.to_string(), "-p", "seed=7", "-w", &path])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

/// The frame numbers `mipscope dissect -Y filter` prints, and the frames in the file.
fn dissect_y(path: &str, filter: &str) -> (Vec<u32>, u64) {
    let out = Command::new(BIN)
        .args(["dissect", "-r", path, "-Y", filter, "-T", "fields", "-e", "frame.number"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{filter}: {}", String::from_utf8_lossy(&out.stderr));
    let numbers = String::from_utf8_lossy(&out.stdout).lines().map(|l| l.parse().expect("a frame number")).collect();
    let out = Command::new(BIN).args(["dissect", "-r", path, "-T", "fields", "-e", "frame.number"]).output().expect("run");
    (numbers, String::from_utf8_lossy(&out.stdout).lines().count() as u64)
}

/// The TUI's filter pass on `threads` threads: the frames found, the reports' frames read, the
/// result.
fn tui_filter(path: &str, filter: &str, threads: usize) -> (Vec<u32>, Vec<u64>, Result<u64, String>) {
    let f = Compiled::new(filter, None).expect("compiles");
    let prefs = dissect::prefs::Prefs::default();
    let (mut found, mut reads) = (Vec::new(), Vec::new());
    let input = std::fs::File::open(path).expect("open");
    let r = run_threads(threads, input, &f, &prefs, &AtomicBool::new(false), |p: Progress| {
        found.extend(p.matches);
        reads.push(p.read);
        true
    });
    (found, reads, r)
}

#[test]
fn filter_finds_what_dissect_y_prints_on_one_and_two_threads() {
    let big = crafted("rfc6275-rr", 30_000, "rr");
    let cases: &[(&str, &[&str])] = &[
        (&fixture("crafted/mh-messages.pcapng"), &["mip6.mhtype == 5", "mipv6", "ipv6.src == 2001:db8::1 && !mip6.mhtype == 6"]),
        (&fixture("crafted/reassembly.pcapng"), &["mipv6", "ipv6.fragment", "ip.src"]),
        (&fixture("crafted/seeds-mcoa.pcapng"), &["_ws.expert", "mip6.bi.bid"]),
        (&fixture("crafted/mip4-haaro-rfc.pcapng"), &["mip", "_ws.expert.severity >= warning"]),
        (&fixture("crafted/transport-pmipv6.pcapng"), &["mip6.mhtype == 5 || mip6.mhtype == 6"]),
        // What the capture says besides the octets: packet comments, interface names.
        (&fixture("real/scapy-vectors-packets.pcapng"), &[r#"frame.comment contains "HoTI""#, "frame.comment"]),
        (&fixture("crafted/ip-versions.pcapng"), &[r#"frame.interface_name == "if0""#]),
        // Thousands of frames: many batches, keys taught by HoT/CoT and read by BUs and BAs
        // (whose authenticators are good only with the tokens learned: 9,999 of them before
        // frame 20,000).
        (
            &big,
            &[
                "mip6.mhtype == 5",
                "_ws.expert",
                "mip6.mhtype == 3 && frame.number > 20000",
                "mip6.response_to",
                r#"mip6.bad.auth.status == "good" && frame.number < 20000"#,
            ],
        ),
    ];
    for (path, filters) in cases {
        for filter in *filters {
            let (want, frames) = dissect_y(path, filter);
            for threads in [1, 2] {
                let (found, reads, r) = tui_filter(path, filter, threads);
                assert_eq!(found, want, "{path} {filter:?} on {threads} thread(s)");
                assert_eq!(r, Ok(frames), "{path} {filter:?} on {threads} thread(s)");
                assert_eq!(reads.last(), Some(&frames), "the last report has read every frame");
                assert!(reads.windows(2).all(|w| w[0] < w[1]), "progress goes forward: {reads:?}");
            }
        }
    }
    // Something was found in the large capture, and not everything.
    let (found, _, _) = tui_filter(&big, "mip6.mhtype == 5", 2);
    assert!(!found.is_empty() && found.len() < 30_000, "{}", found.len());
    let _ = std::fs::remove_file(&big);
}

#[test]
fn a_cancelled_filter_stops_early_without_a_last_report() {
    let big = crafted("pmipv6", 60_000, "cancel");
    for threads in [1, 2] {
        let f = Compiled::new("mipv6", None).expect("compiles");
        let prefs = dissect::prefs::Prefs::default();
        let cancel = AtomicBool::new(false);
        let mut reads = Vec::new();
        let input = std::fs::File::open(&big).expect("open");
        let r = run_threads(threads, input, &f, &prefs, &cancel, |p: Progress| {
            reads.push(p.read);
            cancel.store(true, Ordering::Relaxed);
            true
        });
        let read = r.expect("a cancelled pass is no error");
        // Cancelled at the first report (8,192 frames): at most the batches already read go on.
        assert!(read < 30_000, "{threads} thread(s): read {read}");
        assert!(reads.iter().all(|&n| n < 30_000), "{reads:?}");
        assert!(!reads.contains(&60_000), "no report of the whole file: {reads:?}");
    }
    let _ = std::fs::remove_file(&big);
}

/// The UI gone (the report refused) ends the pass as a cancel does.
#[test]
fn a_refused_report_stops_the_pass() {
    let big = crafted("mcoa", 40_000, "refused");
    let f = Compiled::new("mipv6", None).expect("compiles");
    let prefs = dissect::prefs::Prefs::default();
    let mut reports = 0;
    let input = std::fs::File::open(&big).expect("open");
    let r = run_threads(2, input, &f, &prefs, &AtomicBool::new(false), |_| {
        reports += 1;
        false
    });
    assert_eq!(reports, 1);
    assert!(r.as_ref().is_ok_and(|&n| n < 40_000), "{r:?}");
    let _ = std::fs::remove_file(&big);
}
