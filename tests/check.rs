//! The conformance rule catalogue (`dissect::analysis::rules`) and `mipscope check`: for every
//! rule a crafted frame that passes and one that breaks it, asserted by rule id; the report
//! formats, the exit status, findings written back as pcapng comments (read by tshark), and
//! every `craft scenario` passing with no finding.

use craft::build::{self, MessageSpec, OptionSpec};
use craft::edit::Assignment;
use dissect::analysis::rules::{Level, RULES};
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::process::Command;

fn rfc() -> Prefs {
    Prefs::default()
}
fn draft() -> Prefs {
    Prefs::build(Some("draft"), &[]).unwrap()
}

/// A message by short name, with options `(name, data)` and field assignments.
fn msg(prefs: &Prefs, name: &str, opts: &[(&str, Option<Vec<u8>>)], sets: &[&str]) -> MessageSpec {
    let mut spec = MessageSpec::new(craft::message::message_type(name, prefs).unwrap_or_else(|| panic!("message {name}")));
    for (o, data) in opts {
        let code = craft::message::option_type(o, prefs).unwrap_or_else(|| panic!("option {o}"));
        spec.options.push(OptionSpec { code, data: data.clone(), sets: vec![] });
    }
    for s in sets {
        spec.sets.push(Assignment::parse(s).unwrap());
    }
    spec
}

/// The catalogue rules a frame breaks, by id.
fn fired(prefs: &Prefs, spec: &MessageSpec) -> Vec<&'static str> {
    let (linktype, bytes) = build::build(spec, prefs).unwrap();
    let mut d = Dissection::default();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, &bytes, &meta, prefs);
    d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect()
}

/// The catalogue rules each frame of an exchange breaks, with request/response tracking.
fn fired_in_exchange(prefs: &Prefs, specs: &[&MessageSpec]) -> Vec<Vec<&'static str>> {
    let mut tracker = dissect::analysis::track::Tracker::new();
    let mut state = dissect::tree::CaptureState::default();
    let mut out = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let (linktype, bytes) = build::build(spec, prefs).unwrap();
        let mut d = Dissection::default();
        let n = i as u64 + 1;
        let meta = FrameMeta { number: n, ts: (i as i64, 0), wire_len: bytes.len() as u32, linktype, ..Default::default() };
        dissect::dissect_frame_tracked(&state, dissect::tree::Want::Columns, &mut d, &bytes, &meta, prefs, |f| {
            tracker.observe(n, i as i64 * 1_000_000_000, f)
        });
        state.learn(&d);
        out.push(d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect());
    }
    out
}

/// A BA answering [`msg`]'s BU (addresses reversed, sequence number 0).
fn answer(prefs: &Prefs, opts: &[(&str, Option<Vec<u8>>)], sets: &[&str]) -> MessageSpec {
    let mut s = msg(prefs, "ba", opts, sets);
    std::mem::swap(&mut s.src, &mut s.dst);
    s
}

/// `spec` breaks `rule` and `fixed` does not.
fn breaks(prefs: &Prefs, rule: &str, spec: MessageSpec, fixed: MessageSpec) {
    let bad = fired(prefs, &spec);
    assert!(bad.contains(&rule), "{rule} did not fire: {bad:?}");
    let good = fired(prefs, &fixed);
    assert!(!good.contains(&rule), "{rule} fired on the passing frame: {good:?}");
}

/// Draft-03 Binding Unique Identifier data: BID, status, flags (+ a care-of address).
fn bid(id: u16, flags: u8, coa: bool) -> Option<Vec<u8>> {
    let mut v = vec![(id >> 8) as u8, id as u8, 0, flags];
    if coa {
        v.extend_from_slice(&"2001:db8:2::7".parse::<std::net::Ipv6Addr>().unwrap().octets());
    }
    Some(v)
}

const HOME_BU: &[&str] = &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1"];
const AUTH: [(&str, Option<Vec<u8>>); 2] = [("ni", None), ("bad", None)];

#[test]
fn mcoa_bid_c_flag_length() {
    let p = draft();
    // A registering home BU (from a care-of address, lifetime not 0) must give the care-of
    // address with C; a de-registering one may omit it (§5.5).
    let registering = ["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"];
    let away = |mut s: MessageSpec| {
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    let bad = away(msg(&p, "bu", &[("bi", bid(1, 0x80, false))], &registering));
    let good = away(msg(&p, "bu", &[("bi", bid(1, 0x80, true))], &registering));
    breaks(&p, "check.mcoa.bid_c_flag_length", bad, good);
    let deregistering = msg(&p, "bu", &[("bi", bid(1, 0x80, false))], HOME_BU);
    assert!(!fired(&p, &deregistering).contains(&"check.mcoa.bid_c_flag_length"));
}

#[test]
fn mcoa_bid_zero() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.bid_zero",
        msg(&p, "bu", &[("bi", bid(0, 0, false))], HOME_BU),
        msg(&p, "bu", &[("bi", bid(1, 0, false))], HOME_BU),
    );
}

#[test]
fn mcoa_bid_flags_differ() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.bid_flags_differ",
        msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0xc0, true))], HOME_BU),
        msg(&p, "bu", &[("bi", bid(1, 0xc0, true)), ("bi", bid(2, 0xc0, true))], HOME_BU),
    );
}

#[test]
fn mcoa_coti_c_o_flag() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.coti_c_o_flag",
        msg(&p, "coti", &[("bi", bid(1, 0x40, false))], &[]),
        msg(&p, "coti", &[("bi", bid(1, 0, false))], &[]),
    );
}

#[test]
fn mcoa_cn_bu_c_flag() {
    let p = draft();
    let opts = |flags| vec![("bi", bid(1, flags, flags != 0)), AUTH[0].clone(), AUTH[1].clone()];
    breaks(&p, "check.mcoa.cn_bu_c_flag", msg(&p, "bu", &opts(0x80), &[]), msg(&p, "bu", &opts(0), &[]));
    // The same C flag towards the home agent is bulk registration (§5.4).
    assert!(!fired(&p, &msg(&p, "bu", &opts(0x80), HOME_BU)).contains(&"check.mcoa.cn_bu_c_flag"));
}

#[test]
fn mcoa_ba_bids_not_copied() {
    let p = draft();
    let bu = msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))], HOME_BU);
    let rule = "check.mcoa.ba_bids_not_copied";
    let both = answer(&p, &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))], &[]);
    let one = answer(&p, &[("bi", bid(1, 0x80, true))], &[]);
    let other = answer(&p, &[("bi", bid(1, 0x80, true)), ("bi", bid(3, 0x80, true))], &[]);
    assert!(!fired_in_exchange(&p, &[&bu, &both])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&bu, &one])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&bu, &other])[1].contains(&rule));
    // A BA nothing pairs it with (another sequence number) is not judged.
    let mut late = one.clone();
    late.sets.push(Assignment::parse("mip6.ba.seqnr=5").unwrap());
    assert!(!fired_in_exchange(&p, &[&bu, &late])[1].contains(&rule));
}

#[test]
fn rfc5213_pba_without_p() {
    let p = rfc();
    let data = |n: &str| (n == "mnid").then(|| b"\x01mn1@example.com".to_vec());
    let o: Vec<(&str, Option<Vec<u8>>)> = ["mnid", "hnp", "hi", "att"].iter().map(|n| (*n, data(n))).collect();
    let pbu = msg(&p, "bu", &o, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]);
    let rule = "check.rfc5213.pba_without_p";
    let pba = answer(&p, &o, &["mip6.ba.p_flag=1"]);
    let ba = answer(&p, &o, &[]);
    assert_eq!(fired_in_exchange(&p, &[&pbu, &pba]), [Vec::<&str>::new(), vec![]]);
    assert_eq!(fired_in_exchange(&p, &[&pbu, &ba])[1], [rule]);
    // A plain home registration's BA has no P to set, nor has the answer to seed 004's early
    // proxy BU (not an RFC 5213 registration: profiles.md).
    assert!(fired_in_exchange(&p, &[&msg(&p, "bu", &[], HOME_BU), &ba])[1].is_empty());
    let early = msg(&p, "bu", &[("coti", None), ("bad", None)], &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]);
    assert!(fired_in_exchange(&p, &[&early, &answer(&p, &[], &[])])[1].is_empty());
    // The report names both frames of the exchange.
    let path = capture("pba.pcapng", &p, &[pbu.clone(), ba.clone()]);
    let out = mipscope(&["check", "-r", &path, "--format", "json"]);
    let f: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((f["rule"].as_str(), &f["frames"]), (Some(rule), &serde_json::json!([2, 1])));
    let text = String::from_utf8(mipscope(&["check", "-r", &path]).stdout).unwrap();
    assert!(
        text.starts_with("Exchange BU↔BA from frame 1:\n  frames 2, 1: MUST check.rfc5213.pba_without_p (RFC 5213 §8.2)\n"),
        "{text}"
    );
    // The rule is a field a filter finds (tracking runs for it).
    let out = mipscope(&["dissect", "-r", &path, "-Y", rule, "-T", "fields", "-e", "frame.number"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "2\n");
}

#[test]
fn nemo_ro_brr_h_flag() {
    let p = rfc();
    let acoa = [("acoa", None)];
    breaks(
        &p,
        "check.nemo_ro.brr_h_without_m",
        msg(&p, "brr", &acoa, &["mip6.brr.h_flag=1"]),
        msg(&p, "brr", &acoa, &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]),
    );
    breaks(
        &p,
        "check.nemo_ro.brr_h_without_acoa",
        msg(&p, "brr", &[], &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]),
        msg(&p, "brr", &acoa, &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]),
    );
}

#[test]
fn nemo_ro_ack_without_acoa() {
    // The mobile router is named by the preference; its BA goes to the VMN's care-of address
    // with the VMN's home address in a type 2 routing header.
    let p = Prefs::build(None, &["nemo.mr_addresses=2001:db8:3::1".into()]).unwrap();
    let ack = |opts: &[(&str, Option<Vec<u8>>)]| {
        let mut s = msg(&p, "ba", opts, &[]);
        (s.src, s.dst) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap());
        s.rh2 = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(&p, "check.nemo_ro.ack_without_acoa", ack(&[]), ack(&[("acoa", None)]));
}

#[test]
fn pmipro_hhkt_not_in_ba() {
    let p = draft();
    breaks(&p, "check.pmipro.hhkt_not_in_ba", msg(&p, "bu", &[("hhkt", None)], HOME_BU), msg(&p, "ba", &[("hhkt", None)], &[]));
}

#[test]
fn pmipro_hao_present() {
    let p = draft();
    let mut bad = msg(&p, "proxy-home-test-init", &[], &[]);
    bad.hoa = Some("2001:db8:1::100".parse().unwrap());
    breaks(&p, "check.pmipro.hao_present", bad, msg(&p, "proxy-home-test-init", &[], &[]));
}

#[test]
fn pmipro_pbu_ipv4_hoa() {
    let p = rfc();
    let early = ["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"];
    breaks(
        &p,
        "check.pmipro.pbu_ipv4_hoa",
        msg(&p, "bu", &[("coti", None), ("ipv4ha", None), ("bad", None)], &early),
        msg(&p, "bu", &[("coti", None), ("bad", None)], &early),
    );
}

#[test]
fn rfc6275_bad_not_last() {
    let p = rfc();
    breaks(
        &p,
        "check.rfc6275.bad_not_last",
        msg(&p, "bu", &[("ni", None), ("bad", None), ("acoa", None)], &[]),
        msg(&p, "bu", &[("acoa", None), ("ni", None), ("bad", None)], &[]),
    );
}

#[test]
fn rfc6275_nonce_without_bad() {
    let p = rfc();
    breaks(&p, "check.rfc6275.nonce_without_bad", msg(&p, "bu", &[("ni", None)], &[]), msg(&p, "bu", &AUTH, &[]));
}

#[test]
fn rfc6275_home_bu_without_a() {
    let p = rfc();
    breaks(&p, "check.rfc6275.home_bu_without_a", msg(&p, "bu", &[], &["mip6.bu.h_flag=1"]), msg(&p, "bu", &[], HOME_BU));
}

#[test]
fn rfc6275_cn_bu_without_auth() {
    let p = rfc();
    breaks(&p, "check.rfc6275.cn_bu_without_auth", msg(&p, "bu", &[("bad", None)], &[]), msg(&p, "bu", &AUTH, &[]));
    // Home and proxy registrations are not authorised by return routability.
    for sets in [HOME_BU, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]] {
        assert!(!fired(&p, &msg(&p, "bu", &[], sets)).contains(&"check.rfc6275.cn_bu_without_auth"));
    }
}

#[test]
fn rfc6275_bra_not_in_ba() {
    let p = rfc();
    breaks(&p, "check.rfc6275.bra_not_in_ba", msg(&p, "bu", &[("bra", None)], HOME_BU), msg(&p, "ba", &[("bra", None)], &[]));
}

#[test]
fn rfc5213_pbu_mandatory_options() {
    let p = rfc();
    let all = ["mnid", "hnp", "hi", "att"];
    let pbu = |opts: &[&str]| {
        // An NAI identifier (subtype 1): a zeroed option would be too short to decode.
        let data = |n: &str| (n == "mnid").then(|| b"\x01mn1@example.com".to_vec());
        let o: Vec<(&str, Option<Vec<u8>>)> = opts.iter().map(|n| (*n, data(n))).collect();
        msg(&p, "bu", &o, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"])
    };
    let full = fired(&p, &pbu(&all));
    assert!(full.is_empty(), "{full:?}");
    // Seed 004's de-registration with a correspondent (authorised by return routability) is no
    // RFC 5213 registration.
    assert!(fired(&p, &msg(&p, "bu", &AUTH, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1", "mip6.bu.lifetime=0"])).is_empty());
    // Nor is a message whose options were not all decoded judged by which it carries.
    let mut broken = pbu(&all[1..]);
    broken.options.insert(0, OptionSpec { code: craft::message::option_type("mnid", &p).unwrap(), data: None, sets: vec![] });
    assert!(fired(&p, &broken).is_empty());
    for (i, rule) in ["mnid", "hnp", "hi", "att"].iter().enumerate() {
        let rest: Vec<&str> = all.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, n)| *n).collect();
        breaks(&p, &format!("check.rfc5213.pbu_without_{rule}"), pbu(&rest), pbu(&all));
    }
}

/// Every row of the catalogue is tested above (the list is the test names' rule ids).
#[test]
fn every_rule_has_its_test() {
    let src = include_str!("check.rs");
    for r in RULES {
        let id = r.id();
        let tested = src.contains(&format!("\"{id}\""))
            || id.strip_prefix("check.rfc5213.pbu_without_").is_some_and(|o| src.contains(&format!("\"{o}\"")));
        assert!(tested, "{id} has no test");
        assert!(!r.citation.is_empty() && r.citation.contains('§'), "{id}: citation {:?}", r.citation);
        assert!(id.starts_with("check.") && id.split('.').count() == 3, "{id}");
    }
    // Each id once.
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    assert!(RULES.iter().any(|r| r.level == Level::MustNot));
}

// ---- the command ---------------------------------------------------------------------------

fn mipscope(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mipscope")).args(args).output().unwrap()
}

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("mipscope-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

/// A capture of the frames the specs build (all Ethernet).
fn capture(name: &str, prefs: &Prefs, specs: &[MessageSpec]) -> String {
    let path = tmp(name);
    let mut w = dissect::capture::write::PcapngWriter::new(std::fs::File::create(&path).unwrap()).unwrap();
    let ifs = dissect::capture::Interfaces::default();
    for (i, s) in specs.iter().enumerate() {
        let (linktype, bytes) = build::build(s, prefs).unwrap();
        let meta = FrameMeta {
            number: i as u64 + 1,
            ts: (1_767_225_600 + i as i64, 0),
            wire_len: bytes.len() as u32,
            linktype,
            ..Default::default()
        };
        w.write(&meta, &bytes, &ifs).unwrap();
    }
    w.into_inner().unwrap();
    path
}

/// Frame 1 passes, frame 2 breaks RFC 6275 §11.7.1 (MUST), frame 3 passes.
fn one_failure() -> String {
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
    assert!(
        text.contains("rule:  In a Binding Update to the home agent (H set), the Acknowledge (A) bit MUST be set."),
        "{text}"
    );
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
        assert!(out.stdout.is_empty(), "{name}: {}", String::from_utf8_lossy(&out.stdout));
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
