//! Mobile IPv4 messages built by name: tshark 4.0 reads every value set, and the Mobile-Home
//! authenticator verifies with Python's hmac over the octets RFC 5944 §3.5.1 protects.

use craft::build::{self, Mip4Spec};
use craft::edit::Assignment;
use dissect::prefs::Prefs;
use std::io::Write;
use std::process::Command;

fn write_pcap(name: &str, linktype: u32, frames: &[Vec<u8>]) -> std::path::PathBuf {
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0]);
    pcap.extend_from_slice(&linktype.to_le_bytes());
    for (i, b) in frames.iter().enumerate() {
        for v in [1_767_225_600 + i as u32, 0, b.len() as u32, b.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(b);
    }
    let path = std::env::temp_dir().join(format!("mipscope-mip4-{}-{name}.pcap", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(&pcap).unwrap();
    path
}

#[test]
fn a_registration_request_with_mn_ha_authentication() {
    let prefs = Prefs::default();
    let mut spec = Mip4Spec::new(build::mip4_type("rrq", &prefs).unwrap());
    for s in [
        "mip.homeaddr=192.0.2.10",
        "mip.haaddr=198.51.100.1",
        "mip.coa=203.0.113.5",
        "mip.life=1800",
        "mip.ident=0xed00378000000000",
        "mip.s=1",
    ] {
        spec.sets.push(Assignment::parse(s).unwrap());
    }
    let key = b"mipscope-mn-ha-key".to_vec();
    spec.mn_ha = Some((0x1234, key.clone(), dissect::crypto::mip4::Algorithm::HmacMd5));
    let (linktype, bytes) = build::build_mip4(&spec, &prefs).unwrap();
    let path = write_pcap("rrq", linktype, std::slice::from_ref(&bytes));
    let out = Command::new("tshark")
        .args(["-r", path.to_str().unwrap(), "-T", "fields", "-e", "mip.type", "-e", "mip.homeaddr", "-e", "mip.haaddr"])
        .args([
            "-e",
            "mip.coa",
            "-e",
            "mip.life",
            "-e",
            "mip.ident",
            "-e",
            "mip.s",
            "-e",
            "mip.auth.spi",
            "-e",
            "mip.auth.auth",
            "-e",
            "udp.length",
        ])
        .output()
        .expect("tshark (the suite's script installs it)");
    let row = String::from_utf8(out.stdout).unwrap();
    let cells: Vec<&str> = row.trim_end().split('\t').collect();
    // RRQ: 24 octets + MN-HA (2 + 4 + 16): UDP length 8 + 46.
    assert_eq!(
        &cells[..8],
        ["1", "192.0.2.10", "198.51.100.1", "203.0.113.5", "1800", "Jan  1, 2026 00:00:00.000000000 UTC", "1", "0x00001234"],
        "{row}"
    );
    assert_eq!(cells[9], "54");
    // Python's HMAC-MD5 over the UDP payload up to the authenticator value.
    let payload = &bytes[14 + 20 + 8..];
    let script = format!(
        "import hmac,hashlib,sys; p=bytes.fromhex('{}'); print(hmac.new(bytes.fromhex('{}'), p[:-16], hashlib.md5).hexdigest())",
        payload.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        key.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let py = Command::new("python3").args(["-c", &script]).output().expect("python3");
    let want = String::from_utf8(py.stdout).unwrap();
    assert_eq!(cells[8].replace(':', ""), want.trim());
    std::fs::remove_file(path).ok();
}

#[test]
fn every_mip4_message_builds_under_both_profiles() {
    for prefs in [Prefs::default(), Prefs::build(Some("draft"), &[]).unwrap()] {
        let all = build::mip4_messages(&prefs);
        assert!(all.len() >= 9, "{all:?}");
        for (t, name, _) in all {
            let (linktype, bytes) = build::build_mip4(&Mip4Spec::new(t), &prefs).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut d = dissect::tree::Dissection::default();
            let meta = dissect::frame::FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
            dissect::dissect_frame(&mut d, &bytes, &meta, &prefs);
            assert_eq!(d.find("mip.type").map(|n| n.value), Some(dissect::field::Value::Uint(u64::from(t))), "{name}");
            assert!(d.max_severity() < Some(dissect::expert::Severity::Error), "{name}");
        }
    }
}
