//! The `rfc6275-rr` scenario checked from its bytes: every packet dissects cleanly in mipscope
//! and in tshark 4.0, each HoT/CoT token is the keygen token of its cookie's nonce, and every
//! BU/BA authenticator verifies with the Kbm a correspondent would derive from the tokens seen
//! in the capture (the verification a conformance check does, independent of how the builder
//! sealed it).

use craft::scenario::{emit_all, rfc6275_rr, Common, Role};
use dissect::crypto::rr;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::collections::HashMap;
use std::io::Write;

fn dissect(bytes: &[u8], n: u64) -> Dissection {
    let mut d = Dissection::default();
    let meta = FrameMeta { number: n, wire_len: bytes.len() as u32, linktype: 1, ..Default::default() };
    dissect::dissect_frame(&mut d, bytes, &meta, &Prefs::default());
    d
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_be_bytes(b[at..at + 8].try_into().unwrap())
}

#[test]
fn exchange_is_clean_and_authenticated() {
    let p = rfc6275_rr::Params::default();
    let steps = rfc6275_rr::build(&p, 3 * rfc6275_rr::ROUND, &Prefs::default()).unwrap();
    assert_eq!(steps.len(), 36);
    let frames = emit_all(&steps, &Prefs::default()).unwrap();
    // Times strictly increase; every answer comes from the other side after its request.
    for w in frames.windows(2) {
        assert!(w[0].0 < w[1].0);
    }
    for (i, s) in steps.iter().enumerate() {
        if let Some(r) = s.answers {
            assert!(r < i && steps[r].from != s.from && steps[r].from == Role::MobileNode);
        }
    }
    // Tokens seen on the wire, by cookie (HoTI/CoTI cookie → token), as a verifier learns them.
    let mut tokens: HashMap<u64, [u8; 8]> = HashMap::new();
    let (mut home, mut care_of) = ([0u8; 8], [0u8; 8]);
    let mut verified = 0;
    let mut cookies = std::collections::HashSet::new();
    for (n, (_, _, bytes)) in frames.iter().enumerate() {
        let d = dissect(bytes, n as u64 + 1);
        assert!(d.experts.is_empty(), "frame {}: {:?}", n + 1, d.experts);
        let m = d.facts.mh.first().expect("a Mobility Header");
        let body = m.body as usize;
        match m.mh_type {
            1 | 2 => assert!(cookies.insert(u64_at(bytes, body + 2)), "cookie reused"),
            3 | 4 => {
                let (cookie, token) = (u64_at(bytes, body + 2), u64_at(bytes, body + 10));
                tokens.insert(cookie, token.to_be_bytes());
                if m.mh_type == 3 {
                    home = token.to_be_bytes();
                } else {
                    care_of = token.to_be_bytes();
                }
            }
            5 | 6 => {
                let s = rr::signed(&d.facts, m, bytes).expect("a BU/BA with an authenticator");
                // A de-registration registers the home address: Kbm from the home token alone.
                let kbm = if s.care_of == p.hoa.octets() {
                    rr::kbm(rr::KbmInput::Deregistration { home })
                } else {
                    rr::kbm(rr::KbmInput::Both { home, care_of })
                };
                let mh = &bytes[s.mh.clone()];
                let want = rr::authenticator(&kbm, &s.care_of, &s.correspondent, mh, s.value_at).unwrap();
                assert_eq!(&mh[s.value_at..s.value_at + 12], &want, "frame {}", n + 1);
                verified += 1;
            }
            t => panic!("unexpected MH type {t}"),
        }
    }
    assert_eq!(verified, 18);
    assert_eq!(tokens.len(), 9);
}

#[test]
fn count_cuts_and_seeds_repeat() {
    let p = rfc6275_rr::Params::default();
    let a = rfc6275_rr::build(&p, 17, &Prefs::default()).unwrap();
    let b = rfc6275_rr::build(&p, 17, &Prefs::default()).unwrap();
    assert_eq!(a.len(), 17);
    assert_eq!(a, b, "the same seed gives the same exchange");
    let c =
        rfc6275_rr::build(&rfc6275_rr::Params { common: Common { seed: 2, ..p.common }, ..p }, 17, &Prefs::default()).unwrap();
    assert_ne!(a, c);
}

/// tshark 4.0 decodes every packet as the same messages and raises no expert item.
#[test]
fn tshark_agrees() {
    let steps = rfc6275_rr::build(&rfc6275_rr::Params::default(), rfc6275_rr::ROUND, &Prefs::default()).unwrap();
    let frames = emit_all(&steps, &Prefs::default()).unwrap();
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]);
    for (t, _, b) in &frames {
        let (s, us) = ((t / 1_000_000_000) as u32, ((t % 1_000_000_000) / 1000) as u32);
        for v in [s, us, b.len() as u32, b.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(b);
    }
    let path = std::env::temp_dir().join(format!("mipscope-rr-{}.pcap", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(&pcap).unwrap();
    let out = std::process::Command::new("tshark")
        .args(["-r", path.to_str().unwrap(), "-T", "fields", "-e", "mip6.mhtype", "-e", "_ws.expert", "-e", "mip6.bad.auth"])
        .output()
        .expect("tshark (the suite's script installs it)");
    std::fs::remove_file(&path).ok();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let types: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(types, ["1", "2", "3", "4", "5", "6", "5", "6", "1", "3", "5", "6"]);
    assert!(rows.iter().all(|r| r[1].is_empty()), "{text}");
    // tshark shows the authenticator the dissector verified.
    for (r, (_, _, b)) in rows.iter().zip(&frames) {
        if r[0] == "5" || r[0] == "6" {
            let hex: String = b[b.len() - 12..].iter().map(|x| format!("{x:02x}")).collect();
            assert_eq!(r[2], hex);
        }
    }
}
