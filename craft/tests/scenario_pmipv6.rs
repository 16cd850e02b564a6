//! The `pmipv6` scenario: two rounds (attach, refresh, detach) dissect with no warning, every
//! checksum is right by the fixtures' Python reader, and tshark 4.0 reads RFC 5213's flags and
//! options as built, each PBA echoing its PBU.

use craft::scenario::{emit_all, pmipv6, Role};
use dissect::prefs::Prefs;
use std::io::Write;
use std::process::Command;

#[test]
fn rounds_of_attach_refresh_detach() {
    let prefs = Prefs::default();
    let steps = pmipv6::build(&pmipv6::Params::default(), 2 * pmipv6::ROUND, &prefs);
    assert_eq!(steps.len(), 12);
    for (i, s) in steps.iter().enumerate() {
        let (from, to) = if i % 2 == 0 { (Role::Mag, Role::Lma) } else { (Role::Lma, Role::Mag) };
        assert_eq!((s.from, s.to), (from, to));
        assert_eq!(s.answers, if i % 2 == 1 { Some(i - 1) } else { None });
        if i > 0 {
            assert!(s.at_ns > steps[i - 1].at_ns);
        }
    }
    let frames = emit_all(&steps, &prefs).unwrap();
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]);
    for (t, _, b) in &frames {
        let mut d = dissect::tree::Dissection::default();
        let meta = dissect::frame::FrameMeta { number: 1, wire_len: b.len() as u32, linktype: 1, ..Default::default() };
        dissect::dissect_frame(&mut d, b, &meta, &prefs);
        let bad: Vec<_> =
            d.experts.iter().filter(|e| e.def.severity >= dissect::expert::Severity::Warn).map(|e| d.text_of(e.text)).collect();
        assert!(bad.is_empty(), "{bad:?}");
        for v in [(t / 1_000_000_000) as u32, (t % 1_000_000_000) as u32, b.len() as u32, b.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(b);
    }
    let path = std::env::temp_dir().join(format!("mipscope-pmipv6-{}.pcap", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(&pcap).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let py = Command::new("python3").arg(root.join("captures/make_fixtures.py")).arg("--check").arg(&path).output().unwrap();
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stdout));
    let out = Command::new("tshark")
        .args(["-r", path.to_str().unwrap(), "-T", "fields", "-E", "separator=|"])
        .args(["-e", "mip6.mhtype", "-e", "mip6.bu.seqnr", "-e", "mip6.ba.seqnr", "-e", "mip6.bu.p_flag", "-e", "mip6.bu.a_flag"])
        .args(["-e", "mip6.bu.h_flag", "-e", "mip6.ba.p_flag", "-e", "mip6.ba.status", "-e", "mip6.mnid.identifier"])
        .args([
            "-e",
            "mip6.nemo.mnp.mnp",
            "-e",
            "mip6.hi",
            "-e",
            "mip6.att",
            "-e",
            "mip6.bu.lifetime",
            "-e",
            "mip6.ba.lifetime",
            "-e",
            "_ws.expert",
        ])
        .output()
        .expect("tshark (the suite's script installs it)");
    std::fs::remove_file(&path).ok();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('|').collect()).collect();
    assert_eq!(rows.len(), 12, "{text}");
    for (i, r) in rows.iter().enumerate() {
        let node = i / 6 + 1;
        let nai = format!("mn{node}@example.com");
        let prefix = format!("2001:db8:10{node}::");
        let (hi, life) = match (i % 6) / 2 {
            0 => ("1", "900"),
            1 => ("5", "900"),
            _ => ("4", "0"),
        };
        assert_eq!(r[14], "", "frame {}: tshark warns", i + 1);
        assert_eq!((r[8], r[10], r[11]), (nai.as_str(), hi, "4"), "frame {}", i + 1);
        if i % 2 == 0 {
            assert_eq!((r[0], r[3], r[4], r[5], r[12]), ("5", "1", "1", "0", life), "PBU frame {}", i + 1);
            // The first PBU asks for a prefix (::), the others name the assigned one.
            let want = if i % 6 == 0 { "::" } else { prefix.as_str() };
            assert_eq!(r[9], want, "frame {}", i + 1);
        } else {
            assert_eq!((r[0], r[2], r[6], r[7], r[13]), ("6", rows[i - 1][1], "1", "0", life), "PBA frame {}", i + 1);
            assert_eq!(r[9], prefix, "frame {}", i + 1);
        }
    }
}
