//! Helpers shared by the dissect crate's integration tests: addresses, hex, and reading
//! decoded values back out of a dissection by field name.
#![allow(dead_code)]

use dissect::field::Value;
use dissect::tree::Dissection;

pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

pub fn ip6(s: &str) -> [u8; 16] {
    s.parse::<std::net::Ipv6Addr>().unwrap().octets()
}

/// An IPv6 packet (hop limit 64) from `src` to `dst` whose Next Header is `nh`.
pub fn ipv6(src: &str, dst: &str, nh: u8, payload: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    p.extend_from_slice(&[nh, 64]);
    p.extend_from_slice(&ip6(src));
    p.extend_from_slice(&ip6(dst));
    p.extend_from_slice(payload);
    p
}

/// Dissects one frame of raw IP (link type 229) on its own.
pub fn dissect_raw(data: &[u8], prefs: &dissect::prefs::Prefs) -> Dissection {
    let mut d = Dissection::new();
    let meta = dissect::frame::FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, prefs);
    d
}

pub fn uint(d: &Dissection, f: &str) -> u64 {
    d.find(f).unwrap_or_else(|| panic!("no {f}")).value.as_uint().unwrap_or_else(|| panic!("{f} not integer"))
}

pub fn uints(d: &Dissection, f: &str) -> Vec<u64> {
    d.find_all(f).map(|n| n.value.as_uint().unwrap()).collect()
}

pub fn flag(d: &Dissection, f: &str) -> bool {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Bool(b) => b,
        v => panic!("{f} is {v:?}"),
    }
}

pub fn experts(d: &Dissection) -> Vec<&'static str> {
    d.experts.iter().map(|e| e.def.abbrev()).collect()
}

/// The expert items of the parsers, without the conformance rules' findings (a frame built to
/// carry one option breaks rules about what a whole message carries).
#[allow(dead_code)]
pub fn parser_experts(d: &Dissection) -> Vec<&'static str> {
    d.experts.iter().filter(|e| dissect::analysis::rules::of_expert(e.def).is_none()).map(|e| e.def.abbrev()).collect()
}

/// Every capture file under captures/crafted and captures/real, sorted.
pub fn fixture_files() -> Vec<std::path::PathBuf> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../captures");
    let mut files = Vec::new();
    for dir in ["crafted", "real"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "pcap" || x == "pcapng") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() > 20, "fixtures not found: {files:?}");
    files
}

/// `tshark -V` of one frame of link type `linktype` (written as a one-packet pcap).
pub fn tshark_verbose(frame: &[u8], linktype: u32, extra: &[&str]) -> String {
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    pcap.extend_from_slice(&2u16.to_le_bytes());
    pcap.extend_from_slice(&4u16.to_le_bytes());
    pcap.extend_from_slice(&[0; 8]);
    pcap.extend_from_slice(&65535u32.to_le_bytes());
    pcap.extend_from_slice(&linktype.to_le_bytes());
    pcap.extend_from_slice(&[0; 8]);
    pcap.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    pcap.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    pcap.extend_from_slice(frame);
    let file = std::env::temp_dir().join(format!(
        "mipscope-tshark-{}-{:016x}.pcap",
        std::process::id(),
        frame.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
    ));
    std::fs::write(&file, &pcap).unwrap();
    let out = std::process::Command::new("tshark").arg("-r").arg(&file).arg("-V").args(extra).output().unwrap();
    let _ = std::fs::remove_file(&file);
    String::from_utf8_lossy(&out.stdout).into_owned()
}
