//! Display filters against tshark 4.0 (issue 13 item 1).
//!
//! The fixtures below are concatenated with mergecap into one capture; every filter of
//! `tests/filters/tshark40.txt` is run by tshark (`-Y`) and by mipscope's evaluator, and both
//! must select exactly the same frames. `tests/filters/wireshark44.txt` holds filters using
//! what tshark 4.0 lacks (xor, `@`, `vals()`, `dec()`, `hex()`, raw strings, escapes, value
//! names in sets, …), each beside an equivalent 4.0 filter: mipscope's frames for the first must
//! be tshark's for the second, an expectation computed by another tool.
//!
//! Without tshark the test passes with a message, unless `CI` is set.

use dissect::filter::Filter;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection};
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &[&str] = &[
    "crafted/mh-messages.pcapng",
    "crafted/mh-options.pcapng",
    "crafted/tunnels.pcapng",
    "crafted/transport-pmipv6.pcapng",
    "crafted/icmpv6-nd.pcapng",
    "crafted/icmpv6-mobile.pcapng",
    "crafted/icmpv4-arp.pcapng",
    "crafted/tcp-tunnels.pcapng",
    "crafted/ipv6-ext.pcapng",
    "crafted/mip4-messages.pcapng",
    "real/zeek-mip6_bu.pcap",
    "real/zeek-ipv6-mobile-hoa.pcap",
    "real/zeek-mip6_back.pcap",
    "real/tcpdump-ipv6_mobility_1.pcap",
    "crafted/ipv4-options.pcapng",
    "crafted/strings.pcapng",
];

/// Frames (fixture, frame number in it) the two tools decode differently by design, each
/// documented in tests/tshark_compare.rs's EXCLUDED table: filter results on them are not
/// compared.
const KNOWN: &[(&str, u64, &str)] = &[
    ("crafted/icmpv6-nd.pcapng", 19, "a Prefix Information option of Length 3; tshark reads the prefix from the next option"),
    ("crafted/icmpv6-mobile.pcapng", 6, "a BU quoted in 8 octets; tshark shows no BU field for a cut fixed part"),
    ("crafted/icmpv4-arp.pcapng", 25, "a 4-octet ICMP echo tshark leaves undecoded"),
    ("crafted/mip4-messages.pcapng", 14, "message type 16, which tshark 4.0 names but leaves unclaimed"),
    (
        "crafted/ipv4-options.pcapng",
        9,
        "a source route of Length 9: tshark reads a final destination from octets that are not an address",
    ),
    (
        "crafted/ipv4-options.pcapng",
        18,
        "a source route of Length 2: tshark reads its pointer past the option and stops (malformed)",
    ),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

/// The fixtures as one capture (mergecap -a keeps their order and each file's link type).
fn merged(tag: &str) -> Option<PathBuf> {
    if !have("tshark") || !have("mergecap") {
        assert!(std::env::var_os("CI").is_none(), "tshark and mergecap are required in CI");
        eprintln!("tshark or mergecap not found: filter comparison skipped");
        return None;
    }
    let out = std::env::temp_dir().join(format!("mipscope-filters-{}-{tag}.pcapng", std::process::id()));
    let mut cmd = Command::new("mergecap");
    cmd.args(["-a", "-F", "pcapng", "-w"]).arg(&out);
    for f in FIXTURES {
        cmd.arg(root().join("captures").join(f));
    }
    let st = cmd.output().expect("mergecap runs");
    assert!(st.status.success(), "mergecap: {}", String::from_utf8_lossy(&st.stderr));
    Some(out)
}

fn lines(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/filters").join(name)).unwrap();
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// Frames of each fixture, in [`FIXTURES`] order.
fn frame_counts() -> &'static [u64] {
    static COUNTS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    COUNTS.get_or_init(|| {
        FIXTURES
            .iter()
            .map(|f| {
                let mut n = 0;
                let file = std::fs::File::open(root().join("captures").join(f)).unwrap();
                let _ = dissect::capture::for_each_packet(file, |_, _| {
                    n += 1;
                    true
                });
                n
            })
            .collect()
    })
}

/// Whether a frame of the merged capture is one of [`KNOWN`].
fn known(frame: u64) -> bool {
    KNOWN.iter().any(|(file, n, _)| {
        let i = FIXTURES.iter().position(|f| f == file).expect("a KNOWN file is a fixture");
        frame_counts()[..i].iter().sum::<u64>() + n == frame
    })
}

fn tshark_frames(file: &Path, filter: &str) -> Result<Vec<u64>, String> {
    let o = Command::new("tshark")
        .arg("-r")
        .arg(file)
        .args(["-Y", filter, "-T", "fields", "-e", "frame.number"])
        .output()
        .map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&o.stdout).lines().filter_map(|l| l.trim().parse().ok()).filter(|n| !known(*n)).collect())
}

/// Every frame of the capture, dissected in order (full trees).
fn frames(file: &Path) -> Vec<(Dissection, Vec<u8>)> {
    let mut state = CaptureState::default();
    let prefs = Prefs::default();
    let mut out = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(file).unwrap(), |meta, data| {
        let mut d = Dissection::new();
        dissect::dissect_frame_in(&mut state, &mut d, data, meta, &prefs);
        out.push((d, data.to_vec()));
        true
    });
    out
}

fn mipscope_frames(frames: &[(Dissection, Vec<u8>)], filter: &str) -> Result<Vec<u64>, String> {
    let f = Filter::compile(filter).map_err(|e| format!("{}\n{}", e.msg, e.caret(filter)))?;
    Ok(frames.iter().filter(|(d, data)| !known(d.frame_number) && f.matches(d, data)).map(|(d, _)| d.frame_number).collect())
}

/// Runs tshark on each (mipscope filter, tshark filter) pair, two at a time.
fn compare(tag: &str, pairs: Vec<(String, String)>) {
    let Some(file) = merged(tag) else { return };
    let frames = frames(&file);
    assert_eq!(frames.len() as u64, frame_counts().iter().sum::<u64>(), "the merged fixtures");
    let chunks: Vec<Vec<(String, String)>> = pairs.chunks(pairs.len().div_ceil(2)).map(<[_]>::to_vec).collect();
    let results: Vec<(String, String, Result<Vec<u64>, String>)> = std::thread::scope(|s| {
        let hs: Vec<_> = chunks
            .iter()
            .map(|c| s.spawn(|| c.iter().map(|(m, t)| (m.clone(), t.clone(), tshark_frames(&file, t))).collect::<Vec<_>>()))
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let _ = std::fs::remove_file(&file);
    let mut bad = Vec::new();
    let mut selective = 0;
    for (m, t, want) in &results {
        let want = match want {
            Ok(w) => w,
            Err(e) => {
                bad.push(format!("tshark rejects {t:?}: {e}"));
                continue;
            }
        };
        selective += usize::from(!want.is_empty() && want.len() < frames.len());
        match mipscope_frames(&frames, m) {
            Ok(got) if &got == want => {}
            Ok(got) => bad.push(format!("{m:?}: tshark ({t:?}) {want:?}\n    mipscope {got:?}")),
            Err(e) => bad.push(format!("{m:?}: mipscope rejects it: {e}")),
        }
    }
    assert!(bad.is_empty(), "{} of {} filters differ:\n{}", bad.len(), results.len(), bad.join("\n"));
    assert!(selective * 2 > results.len(), "most filters should select some but not all frames ({selective})");
}

#[test]
fn filters_select_what_tshark_selects() {
    let l = lines("tshark40.txt");
    assert!(l.len() >= 150, "{} filters", l.len());
    compare("40", l.into_iter().map(|f| (f.clone(), f)).collect());
}

#[test]
fn newer_filter_features_equal_their_tshark_40_equivalents() {
    let pairs: Vec<(String, String)> = lines("wireshark44.txt")
        .into_iter()
        .map(|l| {
            let (m, t) = l.split_once(" ;; ").expect("MIPSCOPE ;; TSHARK");
            (m.to_string(), t.to_string())
        })
        .collect();
    assert!(pairs.len() >= 30);
    compare("44", pairs);
}
