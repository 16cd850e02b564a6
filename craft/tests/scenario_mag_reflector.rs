//! The `mag-reflector` scenario (seed 001) checked from its bytes: every packet dissects with no
//! expert item under both profiles, every checksum is right by the fixtures' Python reader (the
//! Home Address option's and the type 2 routing header's pseudo-headers included), and Python's
//! hmac/hashlib recomputes the BU and BA authenticators from the HoT and CoT tokens on the wire
//! (the nonces are not on the wire, so the tokens are checked through what they sign).

use craft::scenario::{emit_all, mag_reflector, Common, Role};
use dissect::crypto::rr;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::io::Write;
use std::process::{Command, Stdio};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

const AUTH: &str = "import sys,hmac,hashlib
for l in sys.stdin:
    t,c,n,a,b=(bytes.fromhex(x) for x in l.split(' '))
    print(hmac.new(hashlib.sha1(t).digest(),c+n+a+b,hashlib.sha1).hexdigest()[:24])";

#[test]
fn two_rounds_clean_checksummed_authorised() {
    let p = mag_reflector::Params::default();
    let prefs = Prefs::default();
    let steps = mag_reflector::build(&p, 2 * mag_reflector::ROUND, &prefs).unwrap();
    assert_eq!(steps.len(), 24);
    let (mn1, mag, mn2) = (Role::MobileNode, Role::Mag, Role::PlainNode);
    let roles = [(mn1, mn2), (mn1, mn2), (mag, mn1), (mag, mn1), (mn1, mn2), (mag, mn1)];
    for (i, s) in steps.iter().enumerate() {
        let want = if i % 12 < 6 { roles[i % 12] } else { [(mn1, mn2), (mn2, mn1), (mag, mn1)][(i % 12 - 6) % 3] };
        assert_eq!((s.from, s.to), want, "step {i}");
        if i > 0 {
            assert!(s.at_ns > steps[i - 1].at_ns);
        }
    }
    let frames = emit_all(&steps, &prefs).unwrap();
    for draft in [false, true] {
        let prefs = if draft { Prefs::build(Some("draft"), &[]).unwrap() } else { Prefs::default() };
        for (n, (_, _, b)) in frames.iter().enumerate() {
            let mut d = Dissection::default();
            let meta = FrameMeta { number: n as u64 + 1, wire_len: b.len() as u32, linktype: 1, ..Default::default() };
            dissect::dissect_frame(&mut d, b, &meta, &prefs);
            assert!(d.experts.is_empty(), "draft={draft} frame {}: {:?}", n + 1, d.experts);
        }
    }
    // Checksums by the fixtures' Python reader.
    let mut pcap = vec![0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0];
    for (t, _, b) in &frames {
        for v in [(t / 1_000_000_000) as u32, (t % 1_000_000_000) as u32, b.len() as u32, b.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(b);
    }
    let path = std::env::temp_dir().join(format!("mipscope-mag-reflector-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let py = Command::new("python3").arg(root.join("captures/make_fixtures.py")).arg("--check").arg(&path).output().unwrap();
    std::fs::remove_file(&path).ok();
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stdout));

    // Authenticators from the tokens on the wire.
    let (mut home, mut care_of) = ([0u8; 8], [0u8; 8]);
    let (mut lines, mut want) = (String::new(), Vec::new());
    for (_, _, b) in &frames {
        let mut d = Dissection::default();
        let meta = FrameMeta { number: 1, wire_len: b.len() as u32, linktype: 1, ..Default::default() };
        dissect::dissect_frame(&mut d, b, &meta, &prefs);
        let Some(m) = d.facts.mh.first() else { continue };
        let body = m.body as usize;
        match m.mh_type {
            3 => home.copy_from_slice(&b[body + 10..body + 18]),
            4 => care_of.copy_from_slice(&b[body + 10..body + 18]),
            5 | 6 => {
                let s = rr::signed(&d.facts, m, b).unwrap();
                // Both sign with MN2's address as the correspondent, MN1's CoA as the care-of.
                assert_eq!((s.care_of, s.correspondent), (p.coa.octets(), p.mn2.octets()));
                let mh = &b[s.mh.clone()];
                let mut before = mh[..s.value_at].to_vec();
                before[4..6].fill(0);
                let tokens = [home, care_of].concat();
                lines.push_str(&format!(
                    "{} {} {} {} {}\n",
                    hex(&tokens),
                    hex(&s.care_of),
                    hex(&s.correspondent),
                    hex(&before),
                    hex(&mh[s.value_at + 12..])
                ));
                want.push(hex(&mh[s.value_at..s.value_at + 12]));
            }
            _ => {}
        }
    }
    let mut c = Command::new("python3").args(["-c", AUTH]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(lines.as_bytes()).unwrap();
    let out = c.wait_with_output().unwrap();
    let got: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    assert_eq!(got.len(), 4);
    assert_eq!(got, want);
}

#[test]
fn count_and_seed() {
    let p = mag_reflector::Params::default();
    let prefs = Prefs::default();
    let a = mag_reflector::build(&p, 19, &prefs).unwrap();
    assert_eq!(a.len(), 19);
    assert_eq!(a, mag_reflector::build(&p, 19, &prefs).unwrap());
    assert_ne!(
        a,
        mag_reflector::build(&mag_reflector::Params { common: Common { seed: 5, ..p.common }, ..p }, 19, &prefs).unwrap()
    );
}
