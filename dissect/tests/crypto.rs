//! The crypto module against an independent implementation: Python's hmac/hashlib compute the
//! same quantities for pseudo-random inputs (keys, addresses, nonces of varying length, Mobility
//! Headers with the authenticator anywhere), and every value must agree.

use dissect::crypto::{haaro, mip4, rr};
use std::io::Write;
use std::process::{Command, Stdio};

const PY: &str = r#"
import sys, hmac, hashlib, json
out = []
for line in sys.stdin:
    c = json.loads(line)
    b = {k: bytes.fromhex(v) for k, v in c.items() if k != "at"}
    at = c["at"]
    h = hmac.new(b["kcn"], b["hoa"] + b["nonce"] + b"\x00", hashlib.sha1).digest()[:8]
    co = hmac.new(b["kcn"], b["coa"] + b["nonce2"] + b"\x01", hashlib.sha1).digest()[:8]
    kbm = hashlib.sha1(h + co).digest()
    mh = bytearray(b["mh"]); mh[4:6] = b"\0\0"
    data = bytes(mh[:at]) + bytes(mh[at + 12:])
    auth = hmac.new(kbm, b["coa"] + b["cn"] + data, hashlib.sha1).digest()[:12]
    krm = hashlib.sha1(h + co).digest()
    mc = hmac.new(krm, b["mh"][:at], hashlib.sha1).digest()
    m4 = hmac.new(b["kcn"], b["mh"][:at], hashlib.md5).digest()
    ps = hashlib.md5(b["kcn"] + b["mh"][:at] + b["kcn"]).digest()
    out.append(" ".join(x.hex() for x in (h, co, kbm, auth, mc, m4, ps)))
print("\n".join(out))
"#;

/// xorshift64*: deterministic inputs without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn agrees_with_python() {
    let mut rng = Rng(0x6d69_7073_636f_7065);
    let mut cases = Vec::new();
    for i in 0..200 {
        let kcn: [u8; 20] = rng.bytes(20).try_into().unwrap();
        let (hoa, coa, cn): ([u8; 16], [u8; 16], [u8; 16]) =
            (rng.bytes(16).try_into().unwrap(), rng.bytes(16).try_into().unwrap(), rng.bytes(16).try_into().unwrap());
        let nonce = rng.bytes(1 + i % 16);
        let nonce2 = rng.bytes(1 + (i * 7) % 16);
        let extra = (rng.next() % 60) as usize;
        let mh = rng.bytes(8 + extra + 12);
        let at = 6 + (rng.next() as usize) % (mh.len() - 17);
        cases.push((kcn, hoa, coa, cn, nonce, nonce2, mh, at));
    }
    let mut py = Command::new("python3")
        .args(["-c", PY])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 (the suite's script installs it)");
    let mut stdin = py.stdin.take().unwrap();
    for (kcn, hoa, coa, cn, nonce, nonce2, mh, at) in &cases {
        let j = format!(
            r#"{{"kcn":"{}","hoa":"{}","coa":"{}","cn":"{}","nonce":"{}","nonce2":"{}","mh":"{}","at":{at}}}"#,
            hex(kcn),
            hex(hoa),
            hex(coa),
            hex(cn),
            hex(nonce),
            hex(nonce2),
            hex(mh)
        );
        writeln!(stdin, "{j}").unwrap();
    }
    drop(stdin);
    let out = py.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), cases.len());
    for ((kcn, hoa, coa, cn, nonce, nonce2, mh, at), want) in cases.iter().zip(&lines) {
        let h = rr::home_keygen_token(kcn, hoa, nonce);
        let c = rr::care_of_keygen_token(kcn, coa, nonce2);
        let kbm = rr::kbm(rr::KbmInput::Both { home: h, care_of: c });
        let auth = rr::authenticator(&kbm, coa, cn, mh, *at).unwrap();
        let krm = haaro::krm(&h, &c);
        let mc = haaro::authenticator(&krm, mh, *at).unwrap();
        let m4 = mip4::authenticator(mip4::Algorithm::HmacMd5, kcn, mh, *at).unwrap();
        let ps = mip4::authenticator(mip4::Algorithm::PrefixSuffixMd5, kcn, mh, *at).unwrap();
        let got = [hex(&h), hex(&c), hex(&kbm), hex(&auth), hex(&mc), hex(&m4), hex(&ps)].join(" ");
        assert_eq!(&got, want);
    }
}
