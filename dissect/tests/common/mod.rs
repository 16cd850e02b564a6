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
