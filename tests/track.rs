//! Request/response tracking from the command line (`mip6.response_in/_to/_time`,
//! retransmissions, unanswered requests, `-2`).
//!
//! The expected pairs and latencies are computed here, independently of mipscope: tshark 4.0
//! decodes the messages (type, sequence number or cookie, addresses, Home Address option and
//! type 2 routing header, epoch time), and a few lines below pair them by RFC 6275's rules
//! (the response's addresses reversed, same sequence number or cookie, the earliest request
//! still waiting); the time is the difference of the two frames' epoch times, in
//! nanoseconds. A capture written by the test checks that `-2` looks ahead across batches.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(BIN);
    c.args(args).current_dir(root());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run mipscope")
}

fn ok(args: &[&str]) -> String {
    ok_env(args, &[])
}

fn ok_env(args: &[&str], env: &[(&str, &str)]) -> String {
    let o = run_env(args, env);
    assert!(o.status.success(), "mipscope {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "mipscope {args:?} wrote to stderr");
    String::from_utf8(o.stdout).expect("UTF-8")
}

fn tshark_available() -> bool {
    Command::new("tshark").arg("-v").output().map(|o| o.status.success()).unwrap_or(false)
}

/// Seconds.nanoseconds (as both tools print times) in nanoseconds, exactly.
fn ns(s: &str) -> i64 {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (a, b) = s.split_once('.').unwrap_or((s, "0"));
    let frac: String = b.chars().chain(std::iter::repeat('0')).take(9).collect();
    let v = a.parse::<i64>().unwrap() * 1_000_000_000 + frac.parse::<i64>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}

/// What one frame says about tracking, from either tool.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Seen {
    response_to: Option<u64>,
    response_ns: Option<i64>,
    retransmit_of: Option<u64>,
    response_in: Option<u64>,
    unanswered: bool,
}

/// The pairs an independent reading of tshark's decoding gives, per frame, for the message
/// types tshark 4.0 decodes with their identifiers (BRR, HoTI/CoTI/HoT/CoT, BU/BA, HI/HAck).
fn expected(file: &str) -> HashMap<u64, Seen> {
    let fields = [
        "frame.number",
        "frame.time_epoch",
        "frame.protocols",
        "ipv6.src",
        "ipv6.dst",
        "ipv6.opt.mipv6.home_address",
        "ipv6.routing.mipv6.home_address",
        "mip6.mhtype",
        "mip6.bu.seqnr",
        "mip6.ba.seqnr",
        "mip6.hoti.cookie",
        "mip6.coti.cookie",
        "mip6.hot.cookie",
        "mip6.cot.cookie",
        "mip6.hi.seqnr",
        "mip6.hack.seqnr",
    ];
    let mut args = vec!["-r".to_string(), root().join(file).to_string_lossy().into_owned(), "-T".into(), "fields".into()];
    for f in fields {
        args.push("-e".into());
        args.push(f.into());
    }
    let o = Command::new("tshark").args(&args).output().expect("run tshark");
    assert!(o.status.success(), "tshark on {file}");
    let text = String::from_utf8(o.stdout).unwrap();
    // (kind, requester, responder, id) -> (frame, time, retransmissions)
    type Waiting = HashMap<(u8, String, String, u64), (u64, i64, Vec<u64>)>;
    let mut pending: Waiting = HashMap::new();
    let mut out: HashMap<u64, Seen> = HashMap::new();
    let last = |s: &str| s.rsplit(',').next().unwrap_or("").to_string();
    for line in text.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        let frame: u64 = c[0].parse().unwrap();
        let t = ns(c[1]);
        // A header quoted in an ICMPv6 error was not sent; one Mobility Header per frame.
        if c[2].contains("icmpv6") || c[7].is_empty() || c[7].contains(',') {
            continue;
        }
        let (src, dst) = (last(c[3]), last(c[4]));
        let from = if c[5].is_empty() { src.clone() } else { last(c[5]) };
        let to = if c[6].is_empty() { dst.clone() } else { last(c[6]) };
        let num = |s: &str| -> Option<u64> {
            let s = last(s);
            if s.is_empty() {
                None
            } else if let Some(h) = s.strip_prefix("0x") {
                u64::from_str_radix(h, 16).ok()
            } else {
                s.parse().ok()
            }
        };
        // mipscope forgets a request 64 s after it was sent (its documented bound).
        let gone: Vec<_> = pending.iter().filter(|(_, p)| t - p.1 >= 64_000_000_000).map(|(k, _)| k.clone()).collect();
        for k in gone {
            if let Some((f, _, retx)) = pending.remove(&k) {
                for r in std::iter::once(f).chain(retx) {
                    out.entry(r).or_default().unanswered = true;
                }
            }
        }
        let mhtype: u8 = c[7].parse().unwrap();
        // (kind, id) of the request it makes and of the request it answers.
        let (req, resp) = match mhtype {
            0 => (Some((0, Some(0))), None),
            5 => (Some((5, num(c[8]))), Some((0, Some(0)))),
            6 => (None, Some((5, num(c[9])))),
            1 => (Some((1, num(c[10]))), None),
            2 => (Some((2, num(c[11]))), None),
            3 => (None, Some((1, num(c[12])))),
            4 => (None, Some((2, num(c[13])))),
            14 => (Some((14, num(c[14]))), None),
            15 => (None, Some((14, num(c[15])))),
            _ => continue,
        };
        let seen = out.entry(frame).or_default();
        if let Some((kind, Some(id))) = resp {
            if let Some((f, t0, retx)) = pending.remove(&(kind, to.clone(), src.clone(), id)) {
                seen.response_to = Some(f);
                seen.response_ns = Some(t - t0);
                for r in std::iter::once(f).chain(retx) {
                    out.entry(r).or_default().response_in = Some(frame);
                }
            }
        }
        if let Some((kind, Some(id))) = req {
            match pending.get_mut(&(kind, from.clone(), dst.clone(), id)) {
                Some((f, _, retx)) => {
                    out.entry(frame).or_default().retransmit_of = Some(*f);
                    retx.push(frame);
                }
                None => {
                    pending.insert((kind, from, dst, id), (frame, t, Vec::new()));
                }
            }
        }
    }
    for (_, (f, _, retx)) in pending {
        for r in std::iter::once(f).chain(retx) {
            out.entry(r).or_default().unanswered = true;
        }
    }
    out
}

/// What mipscope says, per frame (`two_pass`: with -2).
fn mipscope(file: &str, two_pass: bool, threads: &str) -> HashMap<u64, Seen> {
    let path = root().join(file).to_string_lossy().into_owned();
    let mut args = vec!["dissect", "-r", &path, "-T", "fields"];
    if two_pass {
        args.push("-2");
    }
    for f in [
        "frame.number",
        "mip6.response_to",
        "mip6.response_time",
        "mip6.retransmit_request_in",
        "mip6.response_in",
        "mip6.unanswered",
    ] {
        args.extend(["-e", f]);
    }
    let text = ok_env(&args, &[("MIPSCOPE_THREADS", threads)]);
    let mut out = HashMap::new();
    for line in text.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        let opt = |s: &str| (!s.is_empty()).then(|| s.parse::<u64>().unwrap());
        out.insert(
            c[0].parse().unwrap(),
            Seen {
                response_to: opt(c[1]),
                response_ns: (!c[2].is_empty()).then(|| ns(c[2])),
                retransmit_of: opt(c[3]),
                response_in: opt(c[4]),
                unanswered: !c[5].is_empty(),
            },
        );
    }
    out
}

const MH_FILES: &[&str] = &[
    "captures/crafted/mh-messages.pcapng",
    "captures/crafted/bu-ba-be-nsec.pcap",
    "captures/crafted/bu-ba-le-usec.pcap",
    "captures/crafted/mh-options.pcapng",
    "captures/crafted/ipv6-ext.pcapng",
    "captures/crafted/mhext-messages.pcapng",
    "captures/real/tcpdump-ipv6_mobility_1.pcap",
    "captures/real/scapy-vectors-mh-wrapped.pcapng",
    "captures/real/zeek-ipv6-mobile-hoa.pcap",
    "captures/real/zeek-ipv6-mobile-routing.pcap",
];

#[test]
fn pairs_and_latencies_match_an_independent_reading() {
    if !tshark_available() {
        assert!(std::env::var_os("CI").is_none(), "tshark is needed in CI");
        eprintln!("tshark not found: skipped");
        return;
    }
    let (mut pairs, mut retx, mut unanswered) = (0, 0, 0);
    for file in MH_FILES {
        let want = expected(file);
        for two_pass in [false, true] {
            let got = mipscope(file, two_pass, "2");
            for (frame, w) in &want {
                let g = got.get(frame).cloned().unwrap_or_default();
                // In one pass a request cannot know its response yet (tshark's behaviour).
                let w = if two_pass { w.clone() } else { Seen { response_in: None, unanswered: false, ..w.clone() } };
                assert_eq!(g, w, "{file} frame {frame} (-2: {two_pass})");
            }
            // And nothing where the independent reading has nothing for those message types.
            for (frame, g) in &got {
                if !want.contains_key(frame) && g.response_to.is_some() {
                    let mt = ok(&[
                        "dissect",
                        "-r",
                        file,
                        "-Y",
                        &format!("frame.number == {frame}"),
                        "-T",
                        "fields",
                        "-e",
                        "mip6.mhtype",
                    ]);
                    let mt: u8 = mt.trim().parse().unwrap_or(255);
                    assert!(![0, 1, 2, 3, 4, 5, 6, 14, 15].contains(&mt), "{file} frame {frame}: {g:?} unexpected");
                }
            }
        }
        pairs += want.values().filter(|s| s.response_to.is_some()).count();
        retx += want.values().filter(|s| s.retransmit_of.is_some()).count();
        unanswered += want.values().filter(|s| s.unanswered).count();
    }
    // The fixtures exercise every case.
    assert!(pairs >= 10 && retx >= 100 && unanswered >= 5, "{pairs} pairs, {retx} retransmissions, {unanswered} unanswered");
}

#[test]
fn one_thread_and_two_agree() {
    for file in MH_FILES.iter().chain(&[
        "captures/crafted/mip4-messages.pcapng",
        "captures/crafted/transport-pmipv6.pcapng",
        "captures/crafted/reassembly.pcapng",
    ]) {
        for extra in [&[][..], &["-2"][..]] {
            let mut a = vec!["dissect", "-r", file, "-V"];
            a.extend(extra);
            assert_eq!(ok_env(&a, &[("MIPSCOPE_THREADS", "1")]), ok_env(&a, &[("MIPSCOPE_THREADS", "2")]), "{file} {extra:?}");
        }
    }
}

/// Mobile IPv4: RRQ↔RRP by the low-order 32 bits of the Identification and the reversed
/// addresses, revocation↔ack by its identifier (frames as captures/crafted/README.md lists
/// them; times read from the pcapng by tshark).
#[test]
fn mobile_ipv4_pairs() {
    let file = "captures/crafted/mip4-messages.pcapng";
    let out = ok(&[
        "dissect",
        "-r",
        file,
        "-2",
        "-T",
        "fields",
        "-e",
        "frame.number",
        "-e",
        "mip.type",
        "-e",
        "mip.response_to",
        "-e",
        "mip.response_time",
        "-e",
        "mip.response_in",
    ]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let pairs: Vec<(&str, &str, &str)> = rows.iter().filter(|r| !r[2].is_empty()).map(|r| (r[2], r[0], r[3])).collect();
    // Frame 3 (RRP) answers frame 1 (RRQ); frame 10 (Revocation Ack) answers frame 9.
    assert_eq!(pairs.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), [("1", "3"), ("9", "10")]);
    assert_eq!(rows[0][4], "3");
    assert_eq!(rows[8][4], "10");
    if tshark_available() {
        let t = Command::new("tshark")
            .args(["-r", &root().join(file).to_string_lossy(), "-T", "fields", "-e", "frame.time_epoch"])
            .output()
            .unwrap();
        let times: Vec<i64> = String::from_utf8(t.stdout).unwrap().lines().map(ns).collect();
        assert_eq!(ns(pairs[0].2), times[2] - times[0]);
        assert_eq!(ns(pairs[1].2), times[9] - times[8]);
    }
}

/// A capture written here: `n` frames, a Binding Update every 97 frames and its
/// acknowledgement 700 frames later (beyond a batch of 256 or 1024 frames), some never
/// acknowledged; `-2` must show each BU's response frame however far ahead it is.
fn far_pairs_capture() -> (Vec<u8>, Vec<(u64, Option<u64>)>) {
    const N: u64 = 4000;
    let mut frames: Vec<Vec<u8>> = (0..N).map(|i| filler(i as u32)).collect();
    let mut expect = Vec::new();
    let mut seq = 0u16;
    let mut i = 0;
    while i + 1 < N as usize {
        let answered = seq % 5 != 3;
        frames[i] = mh_frame(5, seq, i as u32);
        let ba = i + 700;
        let resp = if answered && ba < N as usize && frames[ba].len() == 60 {
            frames[ba] = mh_frame(6, seq, ba as u32);
            Some(ba as u64 + 1)
        } else {
            None
        };
        expect.push((i as u64 + 1, resp));
        seq += 1;
        i += 97;
    }
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&0xa1b2c3d4u32.to_le_bytes());
    pcap.extend_from_slice(&2u16.to_le_bytes());
    pcap.extend_from_slice(&4u16.to_le_bytes());
    pcap.extend_from_slice(&[0; 8]);
    pcap.extend_from_slice(&65535u32.to_le_bytes());
    pcap.extend_from_slice(&101u32.to_le_bytes()); // LINKTYPE_RAW
    for (k, f) in frames.iter().enumerate() {
        pcap.extend_from_slice(&(1_700_000_000u32 + (k as u32 / 1000)).to_le_bytes());
        pcap.extend_from_slice(&((k as u32 % 1000) * 1000).to_le_bytes());
        pcap.extend_from_slice(&(f.len() as u32).to_le_bytes());
        pcap.extend_from_slice(&(f.len() as u32).to_le_bytes());
        pcap.extend_from_slice(f);
    }
    (pcap, expect)
}

/// A UDP datagram between documentation addresses (60 octets: the filler's length).
fn filler(i: u32) -> Vec<u8> {
    let mut f = ipv6(17, 12, [0x10; 16], [0x20; 16]);
    f.extend_from_slice(&[0x30, 0x39, 0x30, 0x39, 0, 12, 0, 0]);
    f.extend_from_slice(&i.to_be_bytes());
    f.truncate(60);
    while f.len() < 60 {
        f.push(0);
    }
    f
}

fn ipv6(nh: u8, plen: u16, src: [u8; 16], dst: [u8; 16]) -> Vec<u8> {
    let mut f = vec![0x60, 0, 0, 0];
    f.extend_from_slice(&plen.to_be_bytes());
    f.extend_from_slice(&[nh, 64]);
    let doc = |mut a: [u8; 16]| {
        a[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        a
    };
    f.extend_from_slice(&doc(src));
    f.extend_from_slice(&doc(dst));
    f
}

/// A BU (type 5) from the mobile node to its home agent, or a BA (6) back, sequence `seq`
/// (the checksum is left 0: tracking does not depend on it).
fn mh_frame(mh_type: u8, seq: u16, _i: u32) -> Vec<u8> {
    let (mn, ha) = ([0x11; 16], [0x22; 16]);
    let mut mh = vec![59, 1, mh_type, 0, 0, 0];
    if mh_type == 5 {
        mh.extend_from_slice(&seq.to_be_bytes());
        mh.extend_from_slice(&[0xc0, 0, 0, 10]);
    } else {
        mh.extend_from_slice(&[0, 0]);
        mh.extend_from_slice(&seq.to_be_bytes());
        mh.extend_from_slice(&[0, 10]);
    }
    mh.extend_from_slice(&[1, 2, 0, 0]);
    let (s, d) = if mh_type == 5 { (mn, ha) } else { (ha, mn) };
    let mut f = ipv6(135, mh.len() as u16, s, d);
    f.extend_from_slice(&mh);
    f
}

fn fields_of(args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Vec<Vec<String>> {
    let mut c = Command::new(BIN);
    c.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let w = std::thread::spawn(move || stdin.write_all(&data));
    let o = child.wait_with_output().unwrap();
    w.join().unwrap().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect()
}

#[test]
fn two_pass_looks_ahead_across_batches() {
    let (pcap, expect) = far_pairs_capture();
    let args =
        ["dissect", "-r", "-", "-2", "-T", "fields", "-e", "frame.number", "-e", "mip6.response_in", "-e", "mip6.unanswered"];
    for threads in ["1", "2"] {
        let rows = fields_of(&args, &pcap, &[("MIPSCOPE_THREADS", threads)]);
        assert_eq!(rows.len(), 4000);
        for &(bu, ba) in &expect {
            let r = &rows[bu as usize - 1];
            assert_eq!(r[1], ba.map(|b| b.to_string()).unwrap_or_default(), "BU in frame {bu}");
            assert_eq!(r[2].is_empty(), ba.is_some(), "BU in frame {bu}: unanswered");
        }
        // Every other frame is unchanged by the look-ahead (order and count above; no notes).
        let noted = rows.iter().filter(|r| !r[1].is_empty() || !r[2].is_empty()).count();
        assert_eq!(noted, expect.len());
    }
    // One pass: the acknowledgements know their BUs, 700 frames (0.7 s) earlier.
    let rows = fields_of(
        &["dissect", "-r", "-", "-T", "fields", "-e", "mip6.response_to", "-e", "mip6.response_time", "-e", "mip6.response_in"],
        &pcap,
        &[],
    );
    let answered: Vec<_> = expect.iter().filter_map(|&(bu, ba)| ba.map(|b| (bu, b))).collect();
    assert!(answered.len() >= 20);
    for (bu, ba) in answered {
        let r = &rows[ba as usize - 1];
        assert_eq!((r[0].as_str(), r[1].as_str(), r[2].as_str()), (bu.to_string().as_str(), "0.700000000", ""));
    }
}

#[test]
fn two_pass_with_filter_and_count_is_refused() {
    let o = run_env(&["dissect", "-r", "captures/crafted/mh-messages.pcapng", "-2", "-Y", "mipv6", "-c", "2"], &[]);
    assert!(!o.status.success());
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(o.stdout.is_empty());
}

#[test]
fn generated_fields_filter() {
    let f = "captures/crafted/mh-messages.pcapng";
    let got = ok(&["dissect", "-r", f, "-Y", "mip6.response_to", "-T", "fields", "-e", "frame.number"]);
    assert_eq!(got, "4\n5\n8\n");
    let got = ok(&["dissect", "-r", f, "-2", "-Y", "mip6.unanswered", "-T", "fields", "-e", "frame.number"]);
    assert_eq!(got, "1\n7\n");
    let got = ok(&["dissect", "-r", f, "-2", "-Y", "mip6.response_in == 8", "-T", "fields", "-e", "frame.number"]);
    assert_eq!(got, "6\n");
}

/// Tracking runs whenever the output can show it: expert fields and `-z expert` see the
/// retransmissions (mh-bad-checksum.pcapng's frame 2 repeats frame 1's BU).
#[test]
fn expert_outputs_see_tracking() {
    let f = "captures/crafted/mh-bad-checksum.pcapng";
    let got = ok(&["dissect", "-r", f, "-T", "fields", "-e", "frame.number", "-e", "mip6.retransmit_request"]);
    assert_eq!(got, "1\t\n2\t1\n");
    let got = ok(&["dissect", "-r", f, "-z", "expert"]);
    assert!(got.contains("Retransmitted request"), "{got}");
    for threads in ["1", "2"] {
        let got = ok_env(&["dissect", "-r", f, "-T", "fields", "-e", "_ws.expert.group"], &[("MIPSCOPE_THREADS", threads)]);
        // Protocol (150994944): both BUs are home registrations without an Alternate Care-of
        // Address (RFC 6275 §11.7.1); Sequence (33554432) the retransmission, Checksum the rest.
        assert_eq!(got, "150994944\n16777216,150994944,33554432\n", "threads {threads}");
    }
}

/// Messages inside a reassembled datagram are tracked: the pre-pass reassembles before the
/// tracker looks, on one thread as on two. In the reassembly fixture (tshark 4.0 reads it so:
/// frame 2 a Binding Update seq 77 at 1 s, frames 3+4 a Binding Acknowledgement seq 77 at 3 s,
/// frames 9, 11 and 14 Binding Updates seq 77 reassembled from fragments, no answer after),
/// frame 4 answers frame 2 after 2 s and frames 11 and 14 repeat frame 9's request.
#[test]
fn messages_in_reassembled_datagrams_are_tracked() {
    let f = "captures/crafted/reassembly.pcapng";
    let fields = ["-e", "frame.number", "-e", "mip6.response_in", "-e", "mip6.response_to", "-e", "mip6.response_time"];
    let more = ["-e", "mip6.retransmit_request_in", "-e", "mip6.unanswered"];
    for threads in ["1", "2"] {
        let mut a = vec!["dissect", "-r", f, "-2", "-T", "fields"];
        a.extend(fields);
        a.extend(more);
        let text = ok_env(&a, &[("MIPSCOPE_THREADS", threads)]);
        let rows: Vec<&str> = text.lines().filter(|l| l.split('\t').skip(1).any(|c| !c.is_empty())).collect();
        assert_eq!(
            rows,
            ["2\t4\t\t\t\t", "4\t\t2\t2.000000000\t\t", "9\t\t\t\t\t1", "11\t\t\t\t9\t1", "14\t\t\t\t9\t1"],
            "{threads} thread(s)"
        );
        // One pass (no -2) knows the response's request and the retransmissions.
        let mut a = vec!["dissect", "-r", f, "-T", "fields"];
        a.extend(fields);
        let text = ok_env(&a, &[("MIPSCOPE_THREADS", threads)]);
        assert!(text.lines().any(|l| l == "4\t\t2\t2.000000000"), "{threads} thread(s): {text}");
    }
}

/// The words tracking adds at the end of a ping's Info: "(request in N)" and, with `-2`,
/// "(reply in N)", "(no response found!)", "(multicast)", "(broadcast)".
fn ping_notes(packet_list: &str) -> Vec<(u64, String)> {
    packet_list
        .lines()
        .filter_map(|l| {
            // The headline expert item after it, if any, is not Info.
            let l = l.split(" [").next()?.trim_end();
            let n = l.split_whitespace().next()?.parse().ok()?;
            let (_, tail) = l.rsplit_once(" (")?;
            ["request in ", "reply in ", "no response found!", "multicast", "broadcast"]
                .iter()
                .any(|w| tail.starts_with(w))
                .then(|| (n, format!("({tail}")))
        })
        .collect()
}

/// Pings pair as tshark 4.0.17 pairs them (its packet lists of captures/crafted/icmp-echo.pcapng,
/// one pass and `-2`, written down here and compared with tshark itself when it is installed):
/// the same two addresses either way round with the same Identifier, Sequence Number and data
/// (the request's checksum worked back from the reply's, both zeros alike), a repeated request
/// replaced by the last, a reply answering once, nothing from an ICMP error's quote, a tunnel's
/// inner addresses (over UDP, as VXLAN, only with a reply over UDP), a mobile node's home
/// address through its Home Address option and type 2 routing header, an RPL Source Route's
/// compressed last address (frame 38: before, its checksum was wrong and it paired with
/// nothing); on one thread and on two.
#[test]
fn pings_pair_as_tshark() {
    let f = "captures/crafted/icmp-echo.pcapng";
    let req = |n: u64, r: u64| (n, format!("(request in {r})"));
    let rep = |n: u64, r: u64| (n, format!("(reply in {r})"));
    let none = |n: u64| (n, "(no response found!)".to_string());
    let one_pass: Vec<(u64, String)> =
        [(2, 1), (6, 5), (12, 11), (16, 15), (18, 17), (22, 21), (25, 24), (29, 28), (31, 30), (36, 34), (39, 38)]
            .map(|(n, r)| req(n, r))
            .into();
    let two_pass = vec![
        rep(1, 2),
        req(2, 1),
        none(3),
        none(4),
        rep(5, 6),
        req(6, 5),
        none(9),
        rep(11, 12),
        req(12, 11),
        rep(15, 16),
        req(16, 15),
        rep(17, 18),
        req(18, 17),
        rep(21, 22),
        req(22, 21),
        none(23),
        rep(24, 25),
        req(25, 24),
        (26, "(multicast)".to_string()),
        rep(28, 29),
        req(29, 28),
        rep(30, 31),
        req(31, 30),
        (32, "(broadcast)".to_string()),
        (33, "(multicast)".to_string()),
        rep(34, 36),
        req(36, 34),
        none(37),
        rep(38, 39),
        req(39, 38),
    ];
    if tshark_available() {
        for (args, want) in [(vec![], &one_pass), (vec!["-2"], &two_pass)] {
            let o = Command::new("tshark").args(&args).args(["-r", f]).current_dir(root()).output().expect("tshark");
            assert_eq!(&ping_notes(&String::from_utf8_lossy(&o.stdout)), want, "tshark {args:?}");
        }
    }
    // tshark's ICMP shows the IPv4 header's TTL only when that header carries it, not through
    // an Authentication Header (frame 37).
    let list = ok(&["dissect", "-r", f, "-Y", "frame.number == 37"]);
    assert!(list.trim_end().ends_with("Echo (ping) request  id=0x000d, seq=1/256"), "{list}");
    for threads in ["1", "2"] {
        let env = [("MIPSCOPE_THREADS", threads)];
        assert_eq!(ping_notes(&ok_env(&["dissect", "-r", f], &env)), one_pass, "{threads} thread(s)");
        // A filtered packet list still names the pairs (it tracked nothing before).
        assert_eq!(ping_notes(&ok_env(&["dissect", "-r", f, "-Y", "icmp || icmpv6"], &env)), one_pass, "-Y, {threads} thread(s)");
        assert_eq!(ping_notes(&ok_env(&["dissect", "-r", f, "-2"], &env)), two_pass, "-2, {threads} thread(s)");
    }
}

/// What the pairs show in the tree and as fields, under tshark's names: the request's and
/// response's frames, the response time in milliseconds (an FT_DOUBLE: "1000" as a field,
/// "1000.000 ms" in the tree), and with `-2` the unanswered request's label and warning.
#[test]
fn ping_pairs_are_fields_a_filter_reads() {
    let f = "captures/crafted/icmp-echo.pcapng";
    let fields =
        ["-e", "frame.number", "-e", "icmp.resp_to", "-e", "icmp.resptime", "-e", "icmpv6.resp_to", "-e", "icmpv6.resptime"];
    let mut a = vec!["dissect", "-r", f, "-Y", "icmp.resptime >= 999.5 || icmpv6.resptime == 1000", "-T", "fields"];
    a.extend(fields);
    assert_eq!(
        ok(&a),
        "2\t1\t1000\t\t\n6\t5\t1000\t\t\n12\t11\t1000\t\t\n16\t15\t1000\t\t\n18\t17\t1000\t\t\n\
         22\t\t\t21\t1000\n25\t\t\t24\t1000\n29\t28\t1000\t\t\n31\t\t\t30\t1000\n36\t34\t2000\t\t\n39\t\t\t38\t1000\n"
    );
    let tree = ok(&["dissect", "-r", f, "-V", "-Y", "frame.number == 2"]);
    assert!(tree.contains("    [Request frame: 1]\n    [Response time: 1000.000 ms]\n    Data (16 bytes)\n"), "{tree}");
    let tree = ok(&["dissect", "-r", f, "-2", "-V", "-Y", "frame.number == 23"]);
    assert!(
        tree.contains(
            "    [No response seen]\n        [Expert Info (Warning/Sequence): No response seen to ICMPv6 request in frame 23]\n"
        ),
        "{tree}"
    );
    let got =
        ok(&["dissect", "-r", f, "-2", "-T", "fields", "-e", "frame.number", "-Y", "icmp.no_resp || icmpv6.resp_not_found"]);
    assert_eq!(got, "3\n4\n9\n23\n37\n");
    // A double takes arithmetic, negation and abs() (tshark 4.0.17 gives frame 36 for each).
    for f_ in ["icmp.resptime * 2 > 2000", "icmp.resptime + 1 > 1002", "-icmp.resptime < -1000", "abs(icmp.resptime) > 1000"] {
        assert_eq!(ok(&["dissect", "-r", f, "-Y", f_, "-T", "fields", "-e", "frame.number"]), "36\n", "{f_}");
    }
    // Without -2 a request learns nothing of later frames.
    let got = ok(&["dissect", "-r", f, "-T", "fields", "-e", "frame.number", "-Y", "icmp.resp_in || icmp.no_resp"]);
    assert_eq!(got, "");
}
