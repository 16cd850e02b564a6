//! What the `mcoa` and `nemo-vmn-ro` scenario tests share: dissecting a whole exchange in frame
//! order (what earlier frames teach, as a capture reader would), and checking every
//! Binding Authorization Data authenticator the way a verifier holding only the capture would:
//! the keygen tokens are the ones the HoT and CoT on the wire carried, and the HMAC-SHA1 is
//! Python's (hashlib/hmac), not the crate's.

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Want};
use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

pub type Frames = Vec<(u64, u32, Vec<u8>)>;

/// A home and a care-of keygen token.
type Tokens = ([u8; 8], [u8; 8]);

/// Every frame dissected in order with what the frames before it taught; none may raise an
/// expert item.
pub fn dissect_clean(frames: &Frames, prefs: &Prefs) -> Vec<Dissection> {
    let mut state = CaptureState::default();
    let mut out = Vec::with_capacity(frames.len());
    for (n, (_, lt, bytes)) in frames.iter().enumerate() {
        let mut d = Dissection::default();
        let meta = FrameMeta { number: n as u64 + 1, wire_len: bytes.len() as u32, linktype: *lt, ..Default::default() };
        dissect::dissect_frame_want(&state, Want::Full, &mut d, bytes, &meta, prefs);
        // Seed 000's CoTI with its Home Address option is a Note, not a fault: the draft governs
        // its exchange against RFC 6275 §6.1 (profiles.md); `scenario_nemo` asserts where.
        let note = &dissect::analysis::rules::NEMO_RO_COTI_HAO_AGAINST_RFC6275.expert;
        let items: Vec<&str> = d.experts.iter().filter(|e| !std::ptr::eq(e.def, note)).map(|e| d.text_of(e.text)).collect();
        assert!(items.is_empty(), "frame {}: {items:?}", n + 1);
        state.learn(&d);
        out.push(d);
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn u64_at(b: &[u8], at: usize) -> [u8; 8] {
    b[at..at + 8].try_into().unwrap()
}

/// One authenticator to check: the tokens, the two addresses, the header and where the value is.
struct Signed {
    frame: usize,
    home: [u8; 8],
    care_of: [u8; 8],
    coa: [u8; 16],
    cn: [u8; 16],
    mh: Vec<u8>,
    value_at: usize,
}

/// Checks every BU's and BA's authenticator: a BU from address C (its IPv6 source) to peer P
/// for home address H is keyed with the last home token P sent to H and the last care-of token
/// P sent to C; its BA (same peer and sequence number) with the same. Returns how many were
/// checked.
pub fn verify_authenticators(frames: &Frames, ds: &[Dissection]) -> usize {
    let mut home_tokens: HashMap<([u8; 16], [u8; 16]), [u8; 8]> = HashMap::new();
    let mut care_tokens: HashMap<([u8; 16], [u8; 16]), [u8; 8]> = HashMap::new();
    // (peer, sequence number) → the tokens its BU was keyed with.
    let mut by_seq: HashMap<([u8; 16], [u8; 2]), Tokens> = HashMap::new();
    let mut todo = Vec::new();
    for (n, ((_, _, bytes), d)) in frames.iter().zip(ds).enumerate() {
        for m in d.facts.mh.iter() {
            let Some((src, dst)) = m.pkt.ip6 else { continue };
            let (start, body) = (m.mh as usize, m.body as usize);
            let end = start + (usize::from(bytes[start + 1]) + 1) * 8;
            let opts = &d.facts.opts[m.opts.0 as usize..m.opts.1 as usize];
            let bad = opts.iter().find(|o| o.kind == 5).map(|o| o.at as usize + 2 - start);
            match m.mh_type {
                3 => drop(home_tokens.insert((src, dst), u64_at(bytes, body + 10))),
                4 => drop(care_tokens.insert((src, dst), u64_at(bytes, body + 10))),
                5 => {
                    let Some(value_at) = bad else { continue };
                    let hoa = m.pkt.hao.unwrap_or(src);
                    let home = home_tokens[&(dst, hoa)];
                    let care_of = care_tokens[&(dst, src)];
                    by_seq.insert((dst, [bytes[body], bytes[body + 1]]), (home, care_of));
                    todo.push(Signed {
                        frame: n + 1,
                        home,
                        care_of,
                        coa: src,
                        cn: dst,
                        mh: bytes[start..end].to_vec(),
                        value_at,
                    });
                }
                6 => {
                    let Some(value_at) = bad else { continue };
                    let (home, care_of) = by_seq[&(src, [bytes[body + 2], bytes[body + 3]])];
                    todo.push(Signed {
                        frame: n + 1,
                        home,
                        care_of,
                        coa: dst,
                        cn: src,
                        mh: bytes[start..end].to_vec(),
                        value_at,
                    });
                }
                _ => {}
            }
        }
    }
    // RFC 6275 §5.2.5-§5.2.6: Kbm = SHA1(home token | care-of token); authenticator =
    // First(96, HMAC_SHA1(Kbm, care-of address | correspondent | MH data)), the MH data with a
    // zero checksum and without the authenticator value.
    let script = r#"
import sys, hmac, hashlib
for line in sys.stdin:
    home, care, coa, cn, mh, at = line.split()
    mh, at = bytearray.fromhex(mh), int(at)
    kbm = hashlib.sha1(bytes.fromhex(home) + bytes.fromhex(care)).digest()
    mh[4:6] = b"\0\0"
    data = bytes.fromhex(coa) + bytes.fromhex(cn) + bytes(mh[:at]) + bytes(mh[at + 12:])
    print(hmac.new(kbm, data, hashlib.sha1).hexdigest()[:24])
"#;
    let mut child =
        Command::new("python3").args(["-c", script]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("python3");
    let mut input = String::new();
    for s in &todo {
        input.push_str(&format!(
            "{} {} {} {} {} {}\n",
            hex(&s.home),
            hex(&s.care_of),
            hex(&s.coa),
            hex(&s.cn),
            hex(&s.mh),
            s.value_at
        ));
    }
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let want: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect();
    assert_eq!(want.len(), todo.len());
    for (s, w) in todo.iter().zip(&want) {
        assert_eq!(&hex(&s.mh[s.value_at..s.value_at + 12]), w, "frame {}: authenticator", s.frame);
    }
    todo.len()
}

/// The frames as a libpcap file (microseconds, Ethernet).
pub fn pcap(frames: &Frames) -> Vec<u8> {
    let mut pcap = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0];
    for (t, _, b) in frames {
        let (s, us) = ((t / 1_000_000_000) as u32, ((t % 1_000_000_000) / 1000) as u32);
        for v in [s, us, b.len() as u32, b.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(b);
    }
    pcap
}

/// tshark 4.0's `-T fields` rows (columns split on `|`) for the frames.
pub fn tshark_rows(frames: &Frames, name: &str, fields: &[&str]) -> Vec<Vec<String>> {
    let path = std::env::temp_dir().join(format!("mipscope-{name}-{}.pcap", std::process::id()));
    std::fs::write(&path, pcap(frames)).unwrap();
    let mut cmd = Command::new("tshark");
    cmd.args(["-r", path.to_str().unwrap(), "-T", "fields", "-E", "separator=|"]);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = cmd.output().expect("tshark (the suite's script installs it)");
    std::fs::remove_file(&path).ok();
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('|').map(str::to_owned).collect()).collect()
}
