//! The `mip4-haaro` scenario (seed 003 / RFC 6521) checked from its bytes under both profiles:
//! every packet dissects with no expert item, each request answers with the reply carrying its
//! Identification, and Python's hmac/hashlib recomputes every MN-HA authenticator (HMAC-MD5,
//! RFC 5944 §3.5.1) and every Mobile-Correspondent authenticator (HMAC_SHA1(Krm, protected
//! data), Krm = SHA1(home token | care-of token) from the HoT and CoT on the wire; 20 octets in
//! the draft's layout, First(128) in RFC 6521's).

use craft::scenario::{emit_all, mip4_haaro, Common, Params as _, Role};
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::io::Write;
use std::process::{Command, Stdio};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The UDP payload of an Ethernet/IPv4 (no options)/UDP frame.
fn payload(b: &[u8]) -> &[u8] {
    &b[14 + 20 + 8..]
}

/// Each line "alg key-or-tokens protected value-len": the authenticator Python computes.
const AUTH: &str = "import sys,hmac,hashlib
for l in sys.stdin:
    a,k,d,n=l.split(' ')
    k,d=bytes.fromhex(k),bytes.fromhex(d)
    if a=='md5': print(hmac.new(k,d,hashlib.md5).hexdigest())
    else: print(hmac.new(hashlib.sha1(k).digest(),d,hashlib.sha1).hexdigest()[:2*int(n)])";

fn python(input: &str) -> Vec<String> {
    let mut c = Command::new("python3").args(["-c", AUTH]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = c.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect()
}

fn check(prefs: &Prefs, draft: bool) {
    let p = mip4_haaro::Params::default();
    let steps = mip4_haaro::build(&p, 2 * mip4_haaro::ROUND, prefs).unwrap();
    assert_eq!(steps.len(), 20);
    let (mr, cr, ha) = (Role::MobileRouter, Role::CorrespondentRouter, Role::HomeAgent);
    let roles = [(mr, ha), (ha, mr), (mr, cr), (mr, cr), (cr, mr), (cr, mr), (mr, cr), (cr, mr), (mr, cr), (cr, mr)];
    for (i, s) in steps.iter().enumerate() {
        assert_eq!((s.from, s.to), roles[i % 10], "step {i}");
        if i > 0 {
            assert!(s.at_ns > steps[i - 1].at_ns);
        }
    }
    let frames = emit_all(&steps, prefs).unwrap();
    let (mut home, mut care_of) = (Vec::new(), Vec::new());
    let (mut lines, mut want) = (String::new(), Vec::new());
    let (hot, cot) = (prefs.haaro_msg_hot, prefs.haaro_msg_cot);
    for (n, (_, _, b)) in frames.iter().enumerate() {
        let mut d = Dissection::default();
        let meta = FrameMeta { number: n as u64 + 1, wire_len: b.len() as u32, linktype: 1, ..Default::default() };
        dissect::dissect_frame(&mut d, b, &meta, prefs);
        assert!(d.experts.is_empty(), "draft={draft} frame {}: {:?}", n + 1, d.experts);
        let m = payload(b);
        match m[0] {
            t if t == hot => home = m[12..20].to_vec(),
            t if t == cot => care_of = m[12..20].to_vec(),
            1 | 3 => {
                let fixed = if m[0] == 1 { 24 } else { 20 };
                // Requests and replies answer in pairs: the reply echoes the Identification.
                if m[0] == 3 {
                    let asked = payload(&frames[n - 1].2);
                    assert_eq!(asked[0], 1);
                    assert_eq!(&m[12..20], &asked[16..24], "frame {}", n + 1);
                    assert_eq!(&m[2..4], &asked[2..4], "the lifetime granted is the one asked");
                }
                // The last extension: MN-HA (32) to the home agent and back, MC auth to the CR.
                let mut at = fixed;
                let mut last = None;
                while at < m.len() {
                    let len = if m[at] == 50 && !draft {
                        4 + usize::from(u16::from_be_bytes([m[at + 2], m[at + 3]]))
                    } else {
                        2 + usize::from(m[at + 1])
                    };
                    last = Some((at, len));
                    at += len;
                }
                assert_eq!(at, m.len());
                // The tear-down's reply has no extension.
                let Some((x, len)) = last else {
                    assert_eq!((m[0], n % 10), (3, 9));
                    continue;
                };
                let tokens = [home.clone(), care_of.clone()].concat();
                if m[x] == 32 {
                    lines.push_str(&format!("md5 {} {} 16\n", hex(&p.mn_ha_key), hex(&m[..x + 6])));
                    want.push(hex(&m[x + 6..]));
                } else if m[0] == 1 {
                    // Draft: Type 120, Length 24, HNI, CNI; RFC 6521: 49, 22, sub-type 2, reserved, HNI, CNI;
                    // every octet before the authenticator is protected.
                    let head = if draft { 6 } else { 8 };
                    assert_eq!((m[x], len), if draft { (120, 26) } else { (49, 24) });
                    lines.push_str(&format!("sha1 {} {} {}\n", hex(&tokens), hex(&m[..x + head]), len - head));
                    want.push(hex(&m[x + head..]));
                }
            }
            t => {
                assert_eq!(t, if n % 10 == 2 { prefs.haaro_msg_hoti } else { prefs.haaro_msg_coti });
            }
        }
    }
    assert_eq!(want.len(), 8, "MN-HA on 4 messages, MC auth on 4 requests");
    assert_eq!(python(&lines), want);
}

#[test]
fn both_profiles_clean_and_authenticated() {
    check(&Prefs::default(), false);
    check(&Prefs::build(Some("draft"), &[]).unwrap(), true);
}

#[test]
fn count_and_seed() {
    let p = mip4_haaro::Params::default();
    let prefs = Prefs::default();
    let a = mip4_haaro::build(&p, 13, &prefs).unwrap();
    assert_eq!(a.len(), 13);
    assert_eq!(a, mip4_haaro::build(&p, 13, &prefs).unwrap());
    assert_ne!(
        a,
        mip4_haaro::build(&mip4_haaro::Params { common: Common { seed: 3, ..p.common }, ..p.clone() }, 13, &prefs).unwrap()
    );
    // The second round's HoTI has a fresh cookie.
    let e = emit_all(&a, &prefs).unwrap();
    assert_ne!(payload(&e[2].2)[2..10], payload(&e[12].2)[2..10]);
    let mut q = p;
    assert!(q.set("prefix-len=32").is_err());
    assert_eq!(q.prefix_len, 25, "a refused value is not kept");
    assert!(q.set("kcr=00").is_err());
}
