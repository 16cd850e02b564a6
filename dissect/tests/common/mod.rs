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
