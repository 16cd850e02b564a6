//! The `pmipv6-ro` scenario (seed 004) checked from its bytes: every packet dissects with no
//! expert item under both profiles, the home address is the CGA of the CGA Parameters sent, and
//! every proxy BU and PBA authenticator is recomputed by Python's hmac/hashlib from the tokens
//! seen on the wire (PHoT, Care-of Test, Permanent and Handover Home Keygen Token options) by the
//! draft's rules: early BU SHA1(home | 0^64), complete BU SHA1(home | care-of), de-registration
//! SHA1(permanent | care-of), the home token being the PHoT's or, after the handover, the
//! Handover Home Keygen Token.

use craft::scenario::{emit_all, pmipv6_ro, Common, Role};
use dissect::crypto::rr;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::io::Write;
use std::process::{Command, Stdio};

fn dissect(bytes: &[u8], prefs: &Prefs) -> Dissection {
    let mut d = Dissection::default();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 1, ..Default::default() };
    dissect::dissect_frame(&mut d, bytes, &meta, prefs);
    d
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Runs Python on `script` with `input` on stdin; its stdout.
fn python(script: &str, input: &str) -> String {
    let mut c = Command::new("python3").args(["-c", script]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = c.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Each input line "tokens care-of correspondent mh-before-value mh-after-value" (hex; the MH
/// with its checksum already zero): the authenticator, First(96, HMAC_SHA1(SHA1(tokens), ...)).
const AUTH: &str = "import sys,hmac,hashlib
for l in sys.stdin:
    t,c,n,a,b=(bytes.fromhex(x) for x in l.split(' '))
    k=hashlib.sha1(t).digest()
    print(hmac.new(k,c+n+a+b,hashlib.sha1).hexdigest()[:24])";

#[test]
fn two_rounds_clean_and_authorised() {
    let p = pmipv6_ro::Params::default();
    let prefs = Prefs::default();
    let steps = pmipv6_ro::build(&p, 2 * pmipv6_ro::ROUND, &prefs).unwrap();
    assert_eq!(steps.len(), 24);
    for (i, s) in steps.iter().enumerate() {
        if i > 0 {
            assert!(s.at_ns > steps[i - 1].at_ns);
        }
        let mag = if i % 12 < 8 { Role::Mag } else { Role::NextMag };
        let (from, to) = if i % 2 == 0 { (mag, Role::CorrespondentNode) } else { (Role::CorrespondentNode, mag) };
        assert_eq!((s.from, s.to, s.answers), (from, to, (i % 2 == 1).then(|| i - 1)), "step {i}");
    }
    let frames = emit_all(&steps, &prefs).unwrap();
    for draft in [false, true] {
        let prefs = if draft { Prefs::build(Some("draft"), &[]).unwrap() } else { Prefs::default() };
        for (n, (_, _, b)) in frames.iter().enumerate() {
            let d = dissect(b, &prefs);
            assert!(d.experts.is_empty(), "draft={draft} frame {}: {:?}", n + 1, d.experts);
        }
    }

    // Walk the capture as a verifier: tokens from the wire, one line per authenticator.
    let (mut temp, mut care_of, mut permanent, mut handover) = ([0u8; 8], [0u8; 8], [0u8; 8], [0u8; 8]);
    let mut hoa = [0u8; 16];
    let mut cga_params: Vec<u8> = Vec::new();
    let (mut lines, mut want, mut kinds) = (String::new(), Vec::new(), Vec::new());
    let mut bu_kbm = Vec::new();
    for (_, _, b) in &frames {
        let d = dissect(b, &prefs);
        let m = d.facts.mh.first().expect("a Mobility Header");
        let body = m.body as usize;
        let opts = &d.facts.opts[m.opts.0 as usize..m.opts.1 as usize];
        let data = |code: u8| opts.iter().find(|o| o.kind == code).map(|o| &b[o.at as usize + 2..][..o.len as usize]);
        match m.mh_type {
            200 => hoa = m.pkt.ip6.unwrap().0,
            201 => temp.copy_from_slice(&b[body + 10..body + 18]),
            5 | 6 => {
                let s = rr::signed(&d.facts, m, b).expect("an authorised message");
                if m.mh_type == 5 {
                    let hni = u16::from_be_bytes(data(4).unwrap()[..2].try_into().unwrap());
                    let home = if hni == 0 { handover } else { temp };
                    let lifetime = u16::from_be_bytes(b[body + 4..body + 6].try_into().unwrap());
                    let (kind, tokens) = if data(15).is_some() {
                        ("early", [home, [0; 8]].concat())
                    } else if lifetime == 0 {
                        ("dereg", [permanent, care_of].concat())
                    } else {
                        ("complete", [home, care_of].concat())
                    };
                    if let Some(c) = data(12) {
                        cga_params = c.to_vec();
                    }
                    kinds.push(kind);
                    bu_kbm = tokens;
                }
                let mh = &b[s.mh.clone()];
                let mut before = mh[..s.value_at].to_vec();
                before[4..6].fill(0);
                lines.push_str(&format!(
                    "{} {} {} {} {}\n",
                    hex(&bu_kbm),
                    hex(&s.care_of),
                    hex(&s.correspondent),
                    hex(&before),
                    hex(&mh[s.value_at + 12..])
                ));
                want.push(hex(&mh[s.value_at..s.value_at + 12]));
                // What a PBA teaches the MAG, for the BUs after it.
                if m.mh_type == 6 {
                    if let Some(t) = data(16) {
                        care_of.copy_from_slice(t);
                    }
                    if let (Some(ph), Some(hh)) = (data(14), data(prefs.pmipro_opt_handover_hkt)) {
                        permanent.copy_from_slice(ph);
                        handover.copy_from_slice(hh);
                    }
                }
            }
            t => panic!("unexpected MH type {t}"),
        }
        // The proxy BUs' home address is the CGA of their parameters.
        if m.mh_type == 5 && !cga_params.is_empty() {
            let mut iid = dissect::crypto::sha1(&[&cga_params])[..8].to_vec();
            iid[0] &= 0x1c;
            assert_eq!((&cga_params[16..24], &iid[..]), (&hoa[..8], &hoa[8..]));
        }
    }
    assert_eq!(kinds, ["early", "complete", "dereg", "early", "complete"].repeat(2));
    let got: Vec<String> = python(AUTH, &lines).lines().map(str::to_string).collect();
    assert_eq!(got.len(), 20);
    assert_eq!(got, want);
    // The CGA check done by Python too, on the last round's parameters.
    let py = python(
        "import sys,hashlib\np=bytes.fromhex(sys.stdin.read().strip())\ni=bytearray(hashlib.sha1(p).digest()[:8]);i[0]&=0x1c\nprint((p[16:24]+bytes(i)).hex())",
        &hex(&cga_params),
    );
    assert_eq!(py.trim(), hex(&hoa));
}

#[test]
fn count_and_seed() {
    let p = pmipv6_ro::Params::default();
    let prefs = Prefs::default();
    let a = pmipv6_ro::build(&p, 17, &prefs).unwrap();
    assert_eq!(a.len(), 17);
    assert_eq!(a, pmipv6_ro::build(&p, 17, &prefs).unwrap());
    assert_ne!(a, pmipv6_ro::build(&pmipv6_ro::Params { common: Common { seed: 9, ..p.common }, ..p }, 17, &prefs).unwrap());
    // The second round is a new mobile node: a new home address, new cookies.
    let e = emit_all(&a, &prefs).unwrap();
    assert_ne!(e[0].2[22..54], e[12].2[22..54]);
}
