//! The conformance rule catalogue (`dissect::analysis::rules`) and `mipscope check`: for every
//! rule a crafted frame that passes and one that breaks it, asserted by rule id; the report
//! formats, the exit status, findings written back as pcapng comments (read by tshark), and
//! every `craft scenario` passing with no finding.

mod common;
mod haaro;
mod mcoa;
mod nemo_ro;
mod pmipro;
mod quotes;
mod reflector;
mod rfc3963;
mod rfc4861;
mod rfc5213;
mod rfc5648;
mod rfc6275;
#[path = "../support/tmp.rs"]
mod tmp;

use common::*;

/// Every row of the catalogue is tested in one of this directory's modules (found by its id).
#[test]
fn every_rule_has_its_test() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut src = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("main.rs") {
            src.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    for r in RULES {
        let id = r.id();
        let tested = src.contains(&format!("\"{id}\""))
            || id.strip_prefix("check.rfc5213.pbu_without_").is_some_and(|o| src.contains(&format!("\"{o}\"")));
        assert!(tested, "{id} has no test");
        assert!(!r.citation.is_empty() && r.citation.contains('§'), "{id}: citation {:?}", r.citation);
        assert!(id.starts_with("check.") && id.split('.').count() == 3, "{id}");
        // The level is the statement's RFC 2119 keyword; a statement without one is read as
        // SHOULD at most, unless a format leaves no other reading, and says which (RFC 8174:
        // only the capitals are keywords).
        let keyword = match r.level {
            Level::Must | Level::MustNot => r.text.contains("MUST"),
            Level::Should | Level::ShouldNot => r.text.contains("SHOULD"),
        };
        assert!(keyword, "{id}: a {} row whose text has no such keyword: {}", r.level.name(), r.text);
    }
    // Each id once.
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    assert!(RULES.iter().any(|r| r.level == Level::MustNot));
}

// ---- the command ---------------------------------------------------------------------------

/// Frame 1 passes, frame 2 breaks RFC 6275 §11.7.1 (MUST), frame 3 passes.
fn one_failure() -> TmpPath {
    let p = rfc();
    capture(
        "one-failure.pcapng",
        &p,
        &[msg(&p, "bu", &[], HOME_BU), msg(&p, "bu", &[], &["mip6.bu.h_flag=1", "mip6.bu.seqnr=9"]), msg(&p, "bu", &AUTH, &[])],
    )
}

#[test]
fn check_reports_text_json_junit_and_exits_1_on_a_must() {
    let path = one_failure();
    let out = mipscope(&["check", "-r", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Exchange BU↔BA from frame 2:"), "{text}");
    assert!(text.contains("frame 2: MUST check.rfc6275.home_bu_without_a (RFC 6275 §11.7.1)"), "{text}");
    assert!(text.contains("rule:  The Acknowledge (A) bit MUST be set in the Binding Update (§11.7.1's list"), "{text}");
    assert!(text.contains("3 frames checked"), "{text}");
    assert!(out.stderr.is_empty());

    let out = mipscope(&["check", "-r", &path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    let f = &lines[0];
    assert_eq!(f["rule"], "check.rfc6275.home_bu_without_a");
    assert_eq!(f["level"], "MUST");
    assert_eq!(f["frames"], serde_json::json!([2]));
    assert_eq!(f["citation"], "RFC 6275 §11.7.1");
    assert_eq!(f["message"], "Home registration Binding Update without the A flag");

    let out = mipscope(&["check", "-r", &path, "--format", "junit"]);
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.contains(&format!("tests=\"{}\" failures=\"1\"", RULES.len())), "{xml}");
    assert!(xml.contains("name=\"check.rfc6275.home_bu_without_a\">\n      <failure type=\"MUST\""), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), RULES.len());

    // -Y narrows what is checked: frame 2 left out, nothing fails.
    let out = mipscope(&["check", "-r", &path, "-Y", "mip6.bu.seqnr != 9"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // A filter by rule id finds the frame (the rule is a field).
    let out = mipscope(&["dissect", "-r", &path, "-Y", "check.rfc6275.home_bu_without_a", "-T", "fields", "-e", "frame.number"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "2\n");
}

#[test]
fn should_level_findings_and_clean_captures_exit_0() {
    let p = rfc();
    let path = capture("clean.pcapng", &p, &[msg(&p, "bu", &[], HOME_BU)]);
    let out = mipscope(&["check", "-r", &path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("1 frame checked against"));
}

#[test]
fn list_rules_prints_the_catalogue() {
    let out = mipscope(&["check", "--list-rules"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), RULES.len());
    assert!(text.contains("check.mcoa.bid_flags_differ\tMUST\tdraft-ietf-monami6-multiplecoa-03 §5.4\t"), "{text}");
    // mipscope fields lists every rule id.
    let fields = String::from_utf8(mipscope(&["fields", "check."]).stdout).unwrap();
    for r in RULES {
        assert!(fields.lines().any(|l| l.starts_with(&format!("{}\t", r.id()))), "{}", r.id());
    }
}

#[test]
fn findings_become_pcapng_comments_tshark_reads() {
    let path = one_failure();
    let out_path = tmp("commented.pcapng");
    let out = mipscope(&["check", "-r", &path, "-w", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    let t = Command::new("tshark")
        .args([
            "-r",
            &out_path,
            "-Y",
            "frame.comment contains \"check.\"",
            "-T",
            "fields",
            "-e",
            "frame.number",
            "-e",
            "frame.comment",
        ])
        .output()
        .expect("tshark");
    assert!(t.status.success(), "{}", String::from_utf8_lossy(&t.stderr));
    assert_eq!(
        String::from_utf8(t.stdout).unwrap(),
        "2\tcheck.rfc6275.home_bu_without_a [MUST, RFC 6275 §11.7.1]: Home registration Binding Update without the A flag\n"
    );
    // Every frame is copied, the octets unchanged.
    let t = Command::new("tshark").args(["-r", &out_path, "-T", "fields", "-e", "frame.len"]).output().unwrap();
    assert_eq!(String::from_utf8(t.stdout).unwrap().lines().count(), 3);
    let a = mipscope(&["dissect", "-r", &path, "-x"]).stdout;
    let b = mipscope(&["dissect", "-r", &out_path, "-x"]).stdout;
    assert_eq!(a, b);
}

#[test]
fn every_scenario_passes_check() {
    let list = String::from_utf8(mipscope(&["craft", "scenario", "--list"]).stdout).unwrap();
    let names: Vec<&str> = list.lines().filter(|l| !l.starts_with(' ')).filter_map(|l| l.split('\t').next()).collect();
    assert!(names.len() >= 2, "{list}");
    for name in names {
        let path = tmp(&format!("scenario-{name}.pcapng"));
        let out = mipscope(&["craft", "scenario", name, "--count", "40", "-w", &path]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let out = mipscope(&["check", "-r", &path, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        // Seed 000's CoTIs carry the Home Address option RFC 6275 §6.1 forbids: the draft
        // governs its exchange and the contradiction is a Note (profiles.md), the one finding a
        // scenario that follows its draft gives.
        let text = String::from_utf8(out.stdout).unwrap();
        let note = "\"rule\":\"check.nemo_ro.coti_hao_against_rfc6275\"";
        let others: Vec<&str> = text.lines().filter(|l| !l.contains(note)).collect();
        assert!(others.is_empty(), "{name}: {others:?}");
        assert_eq!(text.lines().count() > 0, name == "nemo-vmn-ro", "{name}: {text}");
    }
}

#[test]
fn bad_input_is_one_line_on_stderr() {
    for (args, want) in [
        (&["check", "-r", "/nonexistent/x.pcapng"][..], "mipscope: /nonexistent/x.pcapng: "),
        (&["check"][..], "mipscope: no input: give -r FILE or -i IFACE"),
        (&["check", "-r", "x", "-w", "-"][..], "mipscope: check -w needs a file"),
    ] {
        let out = mipscope(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with(want) && err.lines().count() == 1, "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    // A bad filter: the message and a caret under the place.
    let out = mipscope(&["check", "-r", "x", "-Y", "mip6.bu.seqnr =="]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("                    ^"));
}

/// Memory stays bounded: past `MAX_LISTED` findings are counted, not kept.
#[test]
fn findings_past_the_cap_are_counted_not_listed() {
    let p = rfc();
    let (linktype, bytes) = build::build(&msg(&p, "bu", &[], &["mip6.bu.h_flag=1"]), &p).unwrap();
    let n = replay::check::MAX_LISTED + 10;
    let path = tmp("cap.pcapng");
    let mut w =
        dissect::capture::write::PcapngWriter::new(std::io::BufWriter::new(std::fs::File::create(&path).unwrap())).unwrap();
    let ifs = dissect::capture::Interfaces::default();
    for i in 0..n {
        let meta = FrameMeta { number: i as u64 + 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
        w.write(&meta, &bytes, &ifs).unwrap();
    }
    w.into_inner().unwrap();
    let out = mipscope(&["check", "-r", &path]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(10 findings not listed: the report lists the first 16384)"), "{}", &text[text.len() - 400..]);
    assert!(text.ends_with(&format!("{n} findings ({n} MUST-level): check.rfc6275.home_bu_without_a x{n}\n")));
    // JSON writes every finding as it is found.
    let out = mipscope(&["check", "-r", &path, "--format", "json"]);
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), n);
}
