//! Never-panic tests at the library level: truncated capture files, truncated frames, and
//! arbitrary bytes under every link type mipscope dissects.

use dissect::capture::for_each_packet;
use dissect::expert::Severity;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use proptest::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut v = Vec::new();
    for dir in ["captures/real", "captures/crafted"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("pcap" | "pcapng")) {
                let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
                v.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    v.sort();
    assert!(v.len() >= 40);
    v
}

/// Every packet a capture delivers (metadata and bytes), and how reading ended.
fn packets(bytes: &[u8]) -> (Vec<(FrameMeta, Vec<u8>)>, bool) {
    let mut out = Vec::new();
    let r = for_each_packet(bytes, |m, d| {
        out.push((*m, d.to_vec()));
        true
    });
    (out, r.is_ok())
}

/// Checks the structural invariants of a dissection of `len` captured bytes.
fn check_tree(d: &Dissection, len: usize) -> Result<(), String> {
    let first = d.nodes.first().ok_or("no nodes at all")?;
    if first.def.abbrev != "frame" {
        return Err(format!("first node is {}, not frame", first.def.abbrev));
    }
    for n in &d.nodes {
        if n.offset as usize + n.len as usize > len {
            return Err(format!("node {} at {}+{} lies beyond the {len} captured bytes", n.def.abbrev, n.offset, n.len));
        }
    }
    for e in &d.experts {
        if e.offset as usize + e.len as usize > len {
            return Err(format!("expert {} at {}+{} lies beyond the {len} captured bytes", e.def.abbrev(), e.offset, e.len));
        }
    }
    Ok(())
}

fn panic_msg(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default()
}

/// (a) Every prefix of every fixture file (a stride for files over 4 KiB) reads without
/// panicking, delivers only whole packets, and those are the file's first packets.
#[test]
fn every_prefix_of_every_capture_file() {
    let prefs = Prefs::default();
    let mut problems = Vec::new();
    for (name, bytes) in fixtures() {
        let (full, _) = packets(&bytes);
        let stride = if bytes.len() > 4096 { 61 } else { 1 };
        let mut lens: Vec<usize> = (0..bytes.len()).step_by(stride).collect();
        lens.push(bytes.len());
        let mut prev = 0usize;
        let mut d = Dissection::new();
        for len in lens {
            let prefix = &bytes[..len];
            let r = catch_unwind(AssertUnwindSafe(|| {
                let mut got = Vec::new();
                let _ = for_each_packet(prefix, |m, data| {
                    dissect::dissect_frame(&mut d, data, m, &prefs);
                    got.push((*m, data.to_vec(), check_tree(&d, data.len())));
                    true
                });
                got
            }));
            match r {
                Err(p) => problems.push(format!("{name}: prefix of {len} bytes: panic: {}", panic_msg(p))),
                Ok(got) => {
                    if got.len() < prev {
                        problems.push(format!("{name}: prefix {len} delivers {} packets, a shorter one {prev}", got.len()));
                    }
                    prev = got.len();
                    for (i, (m, data, tree)) in got.iter().enumerate() {
                        match full.get(i) {
                            None => problems.push(format!("{name}: prefix {len} delivers packet {} the whole file lacks", i + 1)),
                            Some((fm, fdata)) => {
                                if fdata != data || fm.wire_len != m.wire_len || fm.ts != m.ts {
                                    problems
                                        .push(format!("{name}: prefix {len}: packet {} differs from the whole file's", i + 1));
                                }
                            }
                        }
                        if let Err(e) = tree {
                            problems.push(format!("{name}: prefix {len}: packet {}: {e}", i + 1));
                        }
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{} problems, first ones:\n{}", problems.len(), problems[..problems.len().min(30)].join("\n"));
}

/// (b) Every prefix of every packet, dissected as that frame with its original wire length,
/// never panics; and a prefix that ends inside a Mobility Header gets an Error or Warning
/// expert item other than the generic "Packet size limited during capture".
#[test]
fn every_prefix_of_every_packet() {
    let prefs = Prefs::default();
    let mut d = Dissection::new();
    let mut problems = Vec::new();
    for (name, bytes) in fixtures() {
        let (full, _) = packets(&bytes);
        for (meta, data) in &full {
            // The Mobility Headers of the whole frame (outside ICMPv6 error quotes, where a cut-off
            // packet is legitimate).
            dissect::dissect_frame(&mut d, data, meta, &prefs);
            let in_icmp_error =
                d.find("icmpv6.type").is_some_and(|n| matches!(n.value, dissect::field::Value::Uint(t) if t < 128));
            let mhs: Vec<(usize, usize)> = if in_icmp_error {
                Vec::new()
            } else {
                d.find_all("mipv6").map(|n| (n.offset as usize, (n.offset + n.len) as usize)).collect()
            };
            for len in 0..data.len() {
                let m = FrameMeta { wire_len: meta.wire_len.max(data.len() as u32), ..*meta };
                let r = catch_unwind(AssertUnwindSafe(|| {
                    dissect::dissect_frame(&mut d, &data[..len], &m, &prefs);
                }));
                let case = format!("{name} frame {} cut to {len} of {} bytes", meta.number, data.len());
                if let Err(p) = r {
                    problems.push(format!("{case}: panic: {}", panic_msg(p)));
                    d = Dissection::new();
                    continue;
                }
                if let Err(e) = check_tree(&d, len) {
                    problems.push(format!("{case}: {e}"));
                }
                if mhs.iter().any(|&(s, e)| s < len && len < e) {
                    let flagged = d.experts.iter().any(|x| x.def.severity >= Severity::Warn && x.def.abbrev() != "frame.snapped");
                    if !flagged {
                        problems.push(format!("{case}: ends inside the Mobility Header but no Error/Warning expert says so"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems, first ones:\n{}", problems.len(), problems[..problems.len().min(40)].join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// (c) Arbitrary bytes under each link type never panic and always give a frame node.
    #[test]
    fn arbitrary_bytes_never_panic(
        linktype in prop::sample::select(vec![1u32, 101, 113, 276, 0, 228, 229]),
        data in prop::collection::vec(any::<u8>(), 0..600),
        extra in 0u32..64,
    ) {
        let prefs = Prefs::default();
        let mut d = Dissection::new();
        let meta = FrameMeta { number: 1, wire_len: data.len() as u32 + extra, linktype, ..FrameMeta::default() };
        dissect::dissect_frame(&mut d, &data, &meta, &prefs);
        prop_assert!(check_tree(&d, data.len()).is_ok(), "{:?}", check_tree(&d, data.len()));
    }

    /// Arbitrary bytes behind a valid Ethernet + IPv6 header with Next Header 135 (or behind a
    /// Destination Options header) reach the Mobility Header parser instead of stopping early.
    #[test]
    fn arbitrary_mobility_headers_never_panic(
        body in prop::collection::vec(any::<u8>(), 0..300),
        plen_delta in -8i32..8,
        via_dstopts in any::<bool>(),
    ) {
        let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd];
        let mut payload = Vec::new();
        if via_dstopts {
            // Destination Options: Next Header 135, Hdr Ext Len 2, PadN 2, HAO 2001:db8:1::100
            payload.extend_from_slice(&[135, 2, 1, 2, 0, 0, 0xc9, 16]);
            payload.extend_from_slice(&[0x20, 1, 0xd, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        }
        payload.extend_from_slice(&body);
        let plen = (payload.len() as i32 + plen_delta).clamp(0, 0xffff) as u16;
        f.extend_from_slice(&[0x60, 0, 0, 0]);
        f.extend_from_slice(&plen.to_be_bytes());
        f.push(if via_dstopts { 60 } else { 135 });
        f.push(64);
        f.extend_from_slice(&[0x20, 1, 0xd, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        f.extend_from_slice(&[0x20, 1, 0xd, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        f.extend_from_slice(&payload);
        let prefs = Prefs::default();
        let mut d = Dissection::new();
        let meta = FrameMeta { number: 1, wire_len: f.len() as u32, linktype: 1, ..FrameMeta::default() };
        dissect::dissect_frame(&mut d, &f, &meta, &prefs);
        prop_assert!(check_tree(&d, f.len()).is_ok(), "{:?}", check_tree(&d, f.len()));
        // The MH is reachable when the payload length covers at least one of its octets.
        let mh_start = if via_dstopts { 24 } else { 0 };
        if !body.is_empty() && plen as usize > mh_start {
            prop_assert!(d.find("mipv6").is_some(), "Mobility Header layer reached");
        }
    }
}

/// The `-V` and JSON renderers copy the text of a node whose field and value they have seen
/// before (`TextCache`). Rendering every fixture frame twice (the second time mostly from
/// the cache) must give, line for line, the labels built from scratch for each node.
#[test]
fn cached_labels_equal_labels_built_from_scratch() {
    let prefs = Prefs::default();
    let mut checked = 0usize;
    for (name, bytes) in fixtures() {
        let (frames, _) = packets(&bytes);
        let mut state = dissect::tree::CaptureState::default();
        for (meta, data) in &frames {
            let mut d = Dissection::new();
            dissect::dissect_frame_want(&state, dissect::tree::Want::Full, &mut d, data, meta, &prefs);
            state.learn(&d);
            let mut want = String::new();
            let mut skip_below: Option<u16> = None;
            for n in &d.nodes {
                if skip_below.is_some_and(|s| n.depth > s) {
                    continue;
                }
                skip_below = None;
                if n.hidden {
                    skip_below = Some(n.depth);
                    continue;
                }
                want.push_str(&"    ".repeat(usize::from(n.depth)));
                dissect::output::write_label(&mut want, &d, data, n);
                want.push('\n');
                checked += 1;
            }
            for pass in 0..2 {
                // The labels: the tree without the Data items' hex dumps (each an empty line,
                // then lines at the left margin that begin with a hex offset).
                let mut got = dissect::format::Out::new();
                dissect::output::write_tree(&mut got, &d, data);
                let dump = |l: &str| {
                    l.is_empty()
                        || l.split_once("  ").is_some_and(|(o, _)| o.len() >= 4 && o.bytes().all(|b| b.is_ascii_hexdigit()))
                };
                let labels: String = got.into_string().lines().filter(|l| !dump(l)).map(|l| format!("{l}\n")).collect();
                assert_eq!(labels, want, "{name} frame {} pass {pass}", meta.number);
            }
            // JSON: the same frame twice gives the same text.
            let mut a = String::new();
            let mut b = dissect::format::Out::new();
            dissect::output::json::write_frame(&mut a, &d, data);
            dissect::output::json::write_frame(&mut b, &d, data);
            assert_eq!(a, b.into_string(), "{name} frame {} JSON", meta.number);
        }
    }
    assert!(checked > 5_000, "only {checked} labels checked");
}
