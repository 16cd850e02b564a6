//! `--fuzz N --seed S`: seeded mutation through the dissector's fields.
//!
//! What a variant says it changed is checked against the octets, not against the fuzzer's own
//! bookkeeping: a one-field change differs from its base only inside that field's octets and
//! the checksums around it, the new value is what tshark 4.0 reads there, and the
//! fixtures' independent Python reader finds every checksum right after field changes (the
//! fuzzer recomputes them unless the checksum is what it broke).

use craft::build::{self, MessageSpec, OptionSpec};
use craft::edit::Assignment;
use craft::fuzz::{self, Fuzzed, Plan, DEFAULT_SCOPE};
use craft::spec::Crafted;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::registry;
use dissect::tree::Dissection;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A BU with a Home Address option and an Alternate Care-of Address option.
fn bu() -> Crafted {
    let prefs = Prefs::default();
    let mut spec = MessageSpec::new(craft::message::message_type("bu", &prefs).unwrap());
    spec.hoa = Some("2001:db8:1::100".parse().unwrap());
    spec.options.push(OptionSpec {
        code: craft::message::option_type("alt-coa", &prefs).unwrap(),
        data: None,
        sets: vec![(vec![], "2001:db8:2::5".into(), "alt-coa=2001:db8:2::5".into())],
    });
    for s in ["mip6.bu.seqnr=7", "mip6.bu.a_flag=1", "mip6.bu.lifetime=150"] {
        spec.sets.push(Assignment::parse(s).unwrap());
    }
    let (linktype, bytes) = build::build(&spec, &prefs).unwrap();
    Crafted { at_ns: None, linktype, bytes }
}

fn run(count: usize, seed: u64, scope: &[&str]) -> Vec<Fuzzed> {
    fuzz::fuzz(&[bu()], &Plan { count, seed, scope }, &Prefs::default()).unwrap()
}

fn dissect(f: &Crafted) -> Dissection {
    let mut d = Dissection::default();
    let meta = FrameMeta { number: 1, wire_len: f.bytes.len() as u32, linktype: f.linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, &f.bytes, &meta, &Prefs::default());
    d
}

/// (offset, length) of the `occurrence`-th node of a field.
fn span(d: &Dissection, name: &str, occurrence: usize) -> (usize, usize) {
    let e = registry::entry(name).unwrap();
    let n = d.nodes.iter().filter(|n| !n.generated && e.matches(n.def)).nth(occurrence - 1).unwrap();
    (n.offset as usize, n.len as usize)
}

/// `name[#k]=value` as (name, k, value).
fn parse_change(c: &str) -> (String, usize, String) {
    let (lhs, v) = c.split_once('=').unwrap();
    match lhs.split_once('#') {
        Some((n, k)) => (n.to_string(), k.parse().unwrap(), v.to_string()),
        None => (lhs.to_string(), 1, v.to_string()),
    }
}

fn write_pcap(name: &str, frames: &[&Crafted]) -> PathBuf {
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0]);
    pcap.extend_from_slice(&frames[0].linktype.to_le_bytes());
    for (i, f) in frames.iter().enumerate() {
        for v in [1_767_225_600 + i as u32, 0, f.bytes.len() as u32, f.bytes.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(&f.bytes);
    }
    let path = std::env::temp_dir().join(format!("mipscope-fuzz-{}-{name}.pcap", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(&pcap).unwrap();
    path
}

#[test]
fn the_seed_decides_the_frames() {
    let a = run(40, 7, DEFAULT_SCOPE);
    let b = run(40, 7, DEFAULT_SCOPE);
    let c = run(40, 8, DEFAULT_SCOPE);
    assert_eq!(a.len(), 40);
    let bytes = |v: &[Fuzzed]| v.iter().map(|f| f.frame.bytes.clone()).collect::<Vec<_>>();
    assert_eq!(bytes(&a), bytes(&b));
    assert_ne!(bytes(&a), bytes(&c));
    // No two alike, none equal to what was built.
    let base = bu().bytes;
    let mut seen = std::collections::HashSet::new();
    for f in &a {
        assert_ne!(f.frame.bytes, base);
        assert!(seen.insert(f.frame.bytes.clone()));
    }
}

#[test]
fn a_one_field_change_touches_only_that_field_and_the_checksum() {
    let base = bu();
    let d0 = dissect(&base);
    let csum = span(&d0, "mip6.csum", 1);
    let mut checked = 0;
    for f in run(200, 11, DEFAULT_SCOPE) {
        if f.changes.len() != 1 || f.changes[0].starts_with("model:") {
            continue;
        }
        let (name, k, _) = parse_change(&f.changes[0]);
        let (off, len) = span(&d0, &name, k);
        assert_eq!(f.frame.bytes.len(), base.bytes.len(), "{:?}", f.changes);
        for (i, (a, b)) in base.bytes.iter().zip(&f.frame.bytes).enumerate() {
            if a != b {
                let in_field = (off..off + len).contains(&i);
                let in_csum = name != "mip6.csum" && (csum.0..csum.0 + csum.1).contains(&i);
                assert!(in_field || in_csum, "{:?}: octet {i} changed outside the field ({off}+{len})", f.changes);
            }
        }
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} one-field variants");
}

#[test]
fn tshark_reads_the_values_set_and_checksums_hold() {
    // The BU's own fields: the frame keeps its layout, so the independent reader can check
    // every checksum, and tshark reads each value where it was written.
    let made = run(150, 5, &["mip6.bu"]);
    let single: Vec<&Fuzzed> = made.iter().filter(|f| f.changes.len() == 1 && !f.changes[0].starts_with("model:")).collect();
    // The fields tshark 4.0 has (mipscope also knows later RFCs' flags, such as RFC 8885's D).
    let known = Command::new("tshark").args(["-G", "fields"]).output().expect("tshark");
    let known: std::collections::HashSet<String> =
        String::from_utf8_lossy(&known.stdout).lines().filter_map(|l| l.split('\t').nth(2).map(str::to_string)).collect();
    let single: Vec<&Fuzzed> = single.into_iter().filter(|f| known.contains(&parse_change(&f.changes[0]).0)).collect();
    assert!(single.len() >= 20, "{} one-field variants tshark can read", single.len());
    let frames: Vec<&Crafted> = single.iter().map(|f| &f.frame).collect();
    let path = write_pcap("bu", &frames);
    let out = Command::new("python3").arg(root().join("captures/make_fixtures.py")).arg("--check").arg(&path).output().unwrap();
    assert!(out.status.success(), "independent reader: {}", String::from_utf8_lossy(&out.stdout));
    let names: std::collections::BTreeSet<String> = single.iter().map(|f| parse_change(&f.changes[0]).0).collect();
    let names: Vec<String> = names.into_iter().collect();
    let mut args = vec!["-r".to_string(), path.display().to_string(), "-T".into(), "fields".into()];
    for n in &names {
        args.extend(["-e".to_string(), n.clone()]);
    }
    let out = Command::new("tshark").args(&args).output().expect("tshark (the suite's script installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: Vec<Vec<String>> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
    assert_eq!(rows.len(), single.len());
    for (i, f) in single.iter().enumerate() {
        let (name, _, value) = parse_change(&f.changes[0]);
        assert!(name.starts_with("mip6.bu."), "{name} out of scope");
        let cell = &rows[i][names.iter().position(|n| *n == name).unwrap()];
        // tshark shows flags as True/False; integers in decimal, as the changes are written.
        let want = match cell.as_str() {
            "True" | "False" => if value == "1" { "True" } else { "False" }.to_string(),
            _ => value.clone(),
        };
        assert_eq!(*cell, want, "frame {}: {name}", i + 1);
    }
    let seen = &names;
    assert!(seen.len() >= 5, "fields changed: {seen:?}");
    std::fs::remove_file(path).ok();
}

#[test]
fn a_scope_with_nothing_in_it_is_an_error() {
    let e = fuzz::fuzz(&[bu()], &Plan { count: 3, seed: 1, scope: &["mip.ext"] }, &Prefs::default()).unwrap_err();
    assert!(e.contains("no field in scope"), "{e}");
}

/// A checksum a variant says it set is the one the frame carries. The log once said
/// `mip6.csum=65535, model: …` for frames whose model mutation had recomputed the checksum: a
/// second occurrence's name (`mip6.csum#1`) was not seen as a checksum, so the mutation ran.
#[test]
fn a_checksum_the_log_names_is_the_one_sent() {
    let prefs = Prefs::default();
    let rr = craft::scenario::rfc6275_rr::build(&Default::default(), 12, &prefs).unwrap();
    let base: Vec<Crafted> =
        rr.iter().map(|s| Crafted { at_ns: None, linktype: s.frame.linktype, bytes: s.frame.emit(&prefs).unwrap() }).collect();
    let made = fuzz::fuzz(&base, &Plan { count: 200, seed: 7, scope: DEFAULT_SCOPE }, &prefs).unwrap();
    let mut checked = 0;
    for f in &made {
        let d = dissect(&f.frame);
        for c in f.changes.iter().filter(|c| !c.starts_with("model:")) {
            let (name, k, value) = parse_change(c);
            if !(name.ends_with("csum") || name.ends_with("checksum")) {
                continue;
            }
            let (off, len) = span(&d, &name, k);
            let sent = f.frame.bytes[off..off + len].iter().fold(0u64, |a, b| a << 8 | u64::from(*b));
            assert_eq!(sent.to_string(), value, "{:?}", f.changes);
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} checksums set");
}
