//! The description files in captures/specs/: each crafts into frames that the dissector reads
//! with no error, whose checksums the fixtures' independent Python reader recomputes, and
//! whose every field the file sets tshark 4.0 reads back with the value the file gives.

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use serde_json::Value as Json;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn write_pcap(name: &str, frames: &[craft::spec::Crafted]) -> PathBuf {
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0]);
    pcap.extend_from_slice(&frames[0].linktype.to_le_bytes());
    for f in frames {
        let t = f.at_ns.unwrap_or(0);
        for v in [(t / 1_000_000_000) as u32, (t % 1_000_000_000) as u32, f.bytes.len() as u32, f.bytes.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(&f.bytes);
    }
    let path = std::env::temp_dir().join(format!("mipscope-spec-{}-{name}.pcap", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(&pcap).unwrap();
    path
}

/// The field names tshark 4.0 knows.
fn tshark_fields() -> HashSet<String> {
    let out = Command::new("tshark").args(["-G", "fields"]).output().expect("tshark (the suite's script installs it)");
    String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.split('\t').nth(2)).map(str::to_string).collect()
}

/// (frame index, field name, expected text) for every field a description file sets.
fn expectations(doc: &Json) -> Vec<(usize, String, String)> {
    let mut v = Vec::new();
    for (i, f) in doc["frames"].as_array().unwrap().iter().enumerate() {
        let objs = std::iter::once(f).chain(f.get("options").and_then(Json::as_array).into_iter().flatten());
        for o in objs {
            for (k, val) in o.get("fields").and_then(Json::as_object).into_iter().flatten() {
                let text = match val {
                    Json::Bool(b) => (if *b { "1" } else { "0" }).to_string(),
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                v.push((i, k.clone(), text));
            }
        }
    }
    v
}

/// Fields tshark 4.0 reads from the wrong place, so its value is not a check of ours.
/// (As the tshark comparison's EXCLUDED table says, with reference.md §1.8.9.)
const TSHARK_WRONG: &[&str] = &[
    // It reads Localized Routing messages from MH offset 0 instead of 6: the LRI Sequence is
    // the Payload Proto and Header Len octets, its Lifetime the checksum.
    "mip6.lri.sequence",
    "mip6.lri.lifetime",
    "mip6.lra.sequence",
    "mip6.lra.status",
    "mip6.lra.lifetime",
];

/// A decimal or 0x-hex number.
fn number(s: &str) -> Option<u64> {
    match s.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

#[test]
fn every_description_crafts_and_reads_back() {
    let known = tshark_fields();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("captures/specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    let mut total = 0;
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let prefs = Prefs::build(craft::spec::profile(&doc), &[]).unwrap();
        let frames = craft::spec::craft(&doc, &prefs).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The dissector: no error, no warning.
        for (i, f) in frames.iter().enumerate() {
            let mut d = Dissection::default();
            let meta =
                FrameMeta { number: i as u64 + 1, wire_len: f.bytes.len() as u32, linktype: f.linktype, ..Default::default() };
            dissect::dissect_frame(&mut d, &f.bytes, &meta, &prefs);
            let worst = d
                .experts
                .iter()
                .filter(|e| e.def.severity >= dissect::expert::Severity::Warn)
                .map(|e| d.text_of(e.text))
                .collect::<Vec<_>>();
            assert!(worst.is_empty(), "{name} frame {}: {worst:?}", i + 1);
        }
        let path = write_pcap(&name, &frames);
        // The independent reader: every checksum and layout.
        let out =
            Command::new("python3").arg(root().join("captures/make_fixtures.py")).arg("--check").arg(&path).output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stdout));
        // tshark: every field set, as set.
        let exp = expectations(&doc);
        let names: Vec<&String> = {
            let mut seen = Vec::new();
            for (_, n, _) in &exp {
                if known.contains(n) && !seen.contains(&n) {
                    seen.push(n);
                }
            }
            seen
        };
        let mut args = vec!["-r".to_string(), path.display().to_string(), "-T".into(), "fields".into()];
        for n in &names {
            args.push("-e".into());
            args.push(n.to_string());
        }
        let out = Command::new("tshark").args(&args).output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let rows: Vec<Vec<String>> =
            String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
        assert_eq!(rows.len(), frames.len(), "{name}");
        let mut checked = 0;
        for (i, field, want) in &exp {
            let Some(col) = names.iter().position(|n| *n == field) else { continue };
            if TSHARK_WRONG.contains(&field.as_str()) {
                continue;
            }
            let got = &rows[*i][col];
            assert!(
                got.split(',').any(|g| g == want || number(g).is_some_and(|n| Some(n) == number(want))),
                "{name} frame {}: {field} = {got:?}, the file says {want:?}",
                i + 1
            );
            checked += 1;
        }
        total += checked;
        std::fs::remove_file(path).ok();
    }
    assert!(total >= 60, "only {total} values compared with tshark");
}
