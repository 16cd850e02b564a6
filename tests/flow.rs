//! `mipscope flow`: golden ladder diagrams (text, Unicode and ASCII) of real and crafted
//! captures, the SVG parsed and checked arrow by arrow against the packet list, and bad input.
//!
//! Regenerate after an intended change with `INSTA_UPDATE=always cargo test --test flow`, then
//! read the diff.

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mipscope(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(root()).output().unwrap()
}

fn stdout(args: &[&str]) -> String {
    let o = mipscope(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// The captures with signalling in them (every arrow kind, role and finding mark).
const GOLDEN: &[(&str, &[&str])] = &[
    ("captures/real/zeek-mip6_bu.pcap", &[]),
    ("captures/real/zeek-mip6_back.pcap", &[]),
    ("captures/real/zeek-mip6_be.pcap", &[]),
    ("captures/real/zeek-mip6_brr.pcap", &[]),
    ("captures/real/zeek-mip6_hoti.pcap", &[]),
    ("captures/real/zeek-mip6_cot.pcap", &[]),
    ("captures/real/zeek-mip6-bad-mh-chksum.pcap", &[]),
    ("captures/real/tcpdump-ipv6_mobility_1.pcap", &[]),
    ("captures/real/scapy-vectors-packets.pcapng", &[]),
    ("captures/crafted/seeds-mcoa.pcapng", &[]),
    ("captures/crafted/seeds-nemo-ro.pcapng", &[]),
    ("captures/crafted/seeds-pmipro.pcapng", &[]),
    ("captures/crafted/mip4-haaro-rfc.pcapng", &[]),
    ("captures/crafted/mip4-messages.pcapng", &[]),
    ("captures/crafted/optext-pmipv6.pcapng", &[]),
    ("captures/crafted/mh-messages.pcapng", &[]),
    ("captures/crafted/mh-malformed.pcapng", &[]),
    ("captures/crafted/transport-pmipv6.pcapng", &["--all"]),
    ("captures/crafted/seeds-mcoa.pcapng", &["--ascii"]),
    ("captures/crafted/seeds-nemo-ro.pcapng", &["-Y", "mip6.mhtype == 5"]),
];

fn snap_name(rel: &str, args: &[&str]) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let mut s: String = file.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    for a in args {
        s.push('_');
        s.extend(a.chars().filter(|c| c.is_ascii_alphanumeric()));
    }
    format!("flow__{s}")
}

#[test]
fn golden_text() {
    let mut failed = Vec::new();
    for (rel, args) in GOLDEN {
        let mut all = vec!["flow", "-r", rel];
        all.extend_from_slice(args);
        let out = stdout(&all);
        let name = snap_name(rel, args);
        let r = std::panic::catch_unwind(|| {
            insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true, description => format!("mipscope {}", all.join(" ")) }, {
                insta::assert_snapshot!(name.as_str(), out);
            });
        });
        if r.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "flow snapshots differ: {failed:#?}");
}

/// Crafted exchanges (`craft scenario`, every one): RFC 6275 return routability and
/// registration, PMIPv6, seed 004's proxy route optimisation, seed 003's Mobile IPv4 router
/// to router optimisation, seed 001's reflecting MAG; the roles come out as the documents name
/// the nodes.
#[test]
fn golden_scenarios() {
    let dir = std::env::temp_dir().join(format!("mipscope-flow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["rfc6275-rr", "pmipv6", "pmipv6-ro", "mip4-haaro", "mag-reflector"] {
        let path = dir.join(format!("{name}.pcapng"));
        let p = path.to_str().unwrap();
        stdout(&["craft", "scenario", name, "-w", p]);
        let out = stdout(&["flow", "-r", p]);
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true, description => format!("mipscope craft scenario {name} -w X; mipscope flow -r X") }, {
            insta::assert_snapshot!(format!("flow__scenario_{name}"), out);
        });
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The packet list's frames (number, Info without the expert texts) of the frames matching
/// `filter`, as `dissect` prints them (No., Time, Source, →, Destination, Protocol, Length, Info).
fn packet_list(rel: &str, filter: &str) -> Vec<(u64, String)> {
    let out = stdout(&["dissect", "-r", rel, "-Y", filter]);
    out.lines()
        .map(|l| {
            let mut rest = l.trim_start();
            let mut cols = Vec::new();
            for _ in 0..7 {
                let end = rest.find(' ').unwrap_or(rest.len());
                cols.push(&rest[..end]);
                rest = rest[end..].trim_start();
            }
            let info = rest.find(" [").map_or(rest, |i| &rest[..i]);
            (cols[0].parse().unwrap(), info.trim_end().to_string())
        })
        .collect()
}

/// The arrows of an SVG diagram: (frame, label, classes, finding texts).
fn arrows(svg: &str) -> Vec<(u64, String, String, Vec<String>)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let class_has = |n: &roxmltree::Node, c: &str| n.attribute("class").is_some_and(|v| v.split(' ').any(|x| x == c));
    let mut v = Vec::new();
    for g in doc.descendants().filter(|n| n.has_tag_name("g") && class_has(n, "msg")) {
        let arrows = g.descendants().filter(|n| class_has(n, "arrow")).count();
        assert_eq!(arrows, 1, "one arrow per message: {g:?}");
        let marker = g.descendants().find(|n| class_has(n, "arrow")).and_then(|n| n.attribute("marker-end"));
        let want = if class_has(&g, "findings") { "url(#warn)" } else { "url(#head)" };
        assert_eq!(marker, Some(want));
        let label = g.descendants().find(|n| class_has(n, "label")).and_then(|n| n.text()).unwrap_or_default().to_string();
        let findings = g.descendants().filter(|n| class_has(n, "finding")).filter_map(|n| n.text()).map(str::to_string).collect();
        let frame = g.attribute("data-frame").unwrap().parse().unwrap();
        v.push((frame, label, g.attribute("class").unwrap().to_string(), findings));
    }
    v
}

#[test]
fn svg_has_one_arrow_per_message_with_its_label() {
    for rel in
        ["captures/crafted/seeds-mcoa.pcapng", "captures/crafted/mip4-haaro-rfc.pcapng", "captures/crafted/seeds-pmipro.pcapng"]
    {
        let svg = stdout(&["flow", "-r", rel, "--format", "svg"]);
        let got = arrows(&svg);
        let want = packet_list(rel, "mipv6 || mip");
        assert!(!want.is_empty());
        let got_pairs: Vec<(u64, String)> = got.iter().map(|a| (a.0, a.1.clone())).collect();
        assert_eq!(got_pairs, want, "{rel}");
    }
}

#[test]
fn svg_marks_findings_and_columns() {
    let rel = "captures/crafted/seeds-mcoa.pcapng";
    let svg = stdout(&["flow", "-r", rel, "--format", "svg"]);
    let got = arrows(&svg);
    // Frame 5's BID option has length 6: the only frame with an expert item of warning level.
    let marked: Vec<u64> = got.iter().filter(|a| a.2.contains("findings")).map(|a| a.0).collect();
    assert_eq!(marked, [5]);
    let f5 = &got.iter().find(|a| a.0 == 5).unwrap().3;
    assert_eq!(f5.len(), 1);
    assert!(f5[0].contains("[mip6.opt.len.invalid]") && f5[0].contains("Binding Identifier length 6"), "{f5:?}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let heads: Vec<[String; 3]> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("node"))
        .map(|g| {
            let t = |c: &str| {
                g.descendants().find(|n| n.attribute("class") == Some(c)).and_then(|n| n.text()).unwrap_or_default().to_string()
            };
            [t("role"), t("addr"), t("coa")]
        })
        .collect();
    // The Care-of Test Init of frame 9 comes from 2001:db8:2::100, which the BUs' Home Address
    // option tie to the home address 2001:db8:1::100: one MN column, as the drafts draw it.
    let want = [["MN", "2001:db8:1::100", "CoA 2001:db8:2::100"], ["HA", "2001:db8:1::1", ""], ["CN", "2001:db8:3::3", ""]];
    assert_eq!(heads, want.map(|h| h.map(str::to_string)));
    let f9 = got.iter().find(|a| a.0 == 9).unwrap();
    assert_eq!(f9.1, "Care-of Test Init cookie=0x1122334455667788 BIDs=7");
    // Every lifeline and arrow is a line of the drawing.
    assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("lifeline")).count(), 3);
}

/// -Y keeps only the arrows of the frames it matches; --all adds the frames with no signalling
/// as dotted arrows.
#[test]
fn filter_and_all() {
    let rel = "captures/crafted/mip4-messages.pcapng";
    let only = arrows(&stdout(&["flow", "-r", rel, "--format", "svg", "-Y", "mip.code > 0"]));
    assert_eq!(only.iter().map(|a| a.0).collect::<Vec<_>>(), [4, 5, 6, 7, 8]);
    let sig = arrows(&stdout(&["flow", "-r", rel, "--format", "svg"]));
    let all = arrows(&stdout(&["flow", "-r", rel, "--format", "svg", "--all"]));
    // Frame 11 is Mobile IPv4 tunnel data (RFC 3519) between care-of address and home agent,
    // not the inner packet the packet list's columns show.
    let f11 = sig.iter().find(|a| a.0 == 11).unwrap();
    assert_eq!(f11.1, "5000 → 5001 Len=5");
    assert_eq!(all.len(), sig.len(), "every frame is Mobile IP");
    let rel = "captures/crafted/transport-pmipv6.pcapng";
    let sig = arrows(&stdout(&["flow", "-r", rel, "--format", "svg"]));
    let all = arrows(&stdout(&["flow", "-r", rel, "--format", "svg", "--all"]));
    assert_eq!(sig.iter().map(|a| a.0).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(all.iter().map(|a| a.0).collect::<Vec<_>>(), (1..=11).collect::<Vec<_>>());
    let data: Vec<_> = all.iter().filter(|a| a.2.contains("data")).map(|a| (a.0, a.1.as_str())).collect();
    assert_eq!(data[0], (1, "UDP 40000 → 50007 Len=5"));
    // Every frame but the PBU/PBA: tunnelled packets, an Enhanced GRE acknowledgment (9), ARP (10).
    assert_eq!(data.iter().map(|d| d.0).collect::<Vec<_>>(), [1, 2, 3, 6, 7, 8, 9, 10, 11]);
}

#[test]
fn bad_input_is_one_line_and_a_non_zero_exit() {
    for (args, code, lines) in [
        (&["flow", "-r", "captures/none.pcap"][..], 1, 1),
        (&["flow", "-r", "captures/crafted/seeds-mcoa.pcapng", "--format", "svg", "--ascii"][..], 1, 1),
        (&["flow", "-r", "captures/crafted/seeds-mcoa.pcapng", "--format", "png"][..], 1, 1),
        (&["flow", "-r", "captures/crafted/seeds-mcoa.pcapng", "-o", "no.such=1"][..], 1, 1),
        (&["flow", "-r", "Cargo.toml"][..], 2, 1),
        // A filter error: the message, the filter and a caret under the bad part.
        (&["flow", "-r", "captures/crafted/seeds-mcoa.pcapng", "-Y", "mip6.bu.seqnr ==="][..], 1, 3),
    ] {
        let o = mipscope(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), lines, "{args:?}: {err}");
        assert!(err.starts_with("mipscope: "), "{err}");
    }
}

/// A damaged file: the arrows before the damage are drawn, then the error, exit 2.
#[test]
fn damaged_file_draws_what_came_before() {
    let o = mipscope(&["flow", "-r", "captures/crafted/truncated.pcapng", "--all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!o.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

/// The README's SVG is what `flow` draws today.
#[test]
fn readme_svg_is_current() {
    let svg = stdout(&["flow", "-r", "captures/crafted/seeds-nemo-ro.pcapng", "--format", "svg"]);
    let committed = std::fs::read_to_string(root().join("docs/flow-seeds-nemo-ro.svg")).unwrap();
    assert!(svg == committed, "regenerate docs/flow-seeds-nemo-ro.svg with the command in README.md");
}

/// A capture without signalling: a one-line note as text, an empty but well-formed drawing as
/// SVG; with --all its packets are drawn.
#[test]
fn no_signalling() {
    let rel = "captures/crafted/icmpv6-nd.pcapng";
    assert_eq!(stdout(&["flow", "-r", rel]), "(no signalling messages)\n");
    assert!(arrows(&stdout(&["flow", "-r", rel, "--format", "svg"])).is_empty());
    let all = arrows(&stdout(&["flow", "-r", rel, "--format", "svg", "--all"]));
    assert!(!all.is_empty() && all.iter().all(|a| a.2.contains("data")));
}
