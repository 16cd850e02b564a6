//! `mipscope craft` end to end: messages by name, description files, scenarios, editing,
//! malformations and the errors, through the binary (the values themselves are checked
//! against tshark and Python in craft/tests/).

use serde_json::Value as Json;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn run(args: &[&str]) -> (bool, Vec<u8>, String) {
    let o = Command::new(BIN).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (o.status.success(), o.stdout, String::from_utf8_lossy(&o.stderr).to_string())
}

fn tmp(name: &str) -> String {
    std::env::temp_dir().join(format!("mipscope-craft-{}-{name}", std::process::id())).display().to_string()
}

fn text(args: &[&str]) -> String {
    let (ok, out, err) = run(args);
    assert!(ok, "{args:?}: {err}");
    String::from_utf8(out).unwrap()
}

#[test]
fn a_message_from_flags_is_written_and_reads_back() {
    let f = tmp("bu.pcapng");
    text(&[
        "craft",
        "bu",
        "--src",
        "2001:db8:2::100",
        "--dst",
        "2001:db8::1",
        "--hoa",
        "2001:db8:1::100",
        "--seq",
        "7",
        "--flags",
        "A,H",
        "--lifetime",
        "150",
        "--opt",
        "alt-coa=2001:db8:2::100",
        "-w",
        &f,
    ]);
    let cells = text(&[
        "dissect",
        "-r",
        &f,
        "-T",
        "fields",
        "-e",
        "mip6.bu.seqnr",
        "-e",
        "mip6.bu.a_flag",
        "-e",
        "mip6.bu.h_flag",
        "-e",
        "mip6.bu.lifetime",
        "-e",
        "mip6.acoa.acoa",
        "-e",
        "ipv6.opt.mipv6.home_address",
        "-e",
        "mip6.csum.status",
    ]);
    assert_eq!(cells, "7\t1\t1\t150\t2001:db8:2::100\t2001:db8:1::100\tgood\n");
    // tshark opens what we write.
    let t = Command::new("tshark").args(["-r", &f]).output().expect("tshark");
    assert!(t.status.success());
    assert_eq!(String::from_utf8_lossy(&t.stdout).lines().count(), 1);
    std::fs::remove_file(f).ok();
}

#[test]
fn a_description_file_keeps_its_times() {
    let f = tmp("rr.pcapng");
    text(&["craft", "from", "captures/specs/rr.json", "-w", &f]);
    let cells = text(&["dissect", "-r", &f, "-T", "fields", "-e", "frame.time_epoch", "-e", "mip6.mhtype"]);
    assert_eq!(cells, "1767225600.000000000\t1\n1767225600.001000000\t2\n1767225600.002000000\t3\n1767225600.003000000\t4\n");
    std::fs::remove_file(f).ok();
}

/// Dissect, edit the JSON, craft again: only the edited field (and the checksum it moves)
/// changes; unedited JSON crafts back to the same octets.
#[test]
fn dissected_json_crafts_again() {
    let json = text(&["dissect", "-r", "captures/real/zeek-mip6_bu.pcap", "-T", "json"]);
    let f = tmp("json.json");
    std::fs::write(&f, &json).unwrap();
    // The same octets (-x alone prints them alone, as tshark)...
    let same = text(&["craft", "from", &f, "-x"]);
    let orig = text(&["dissect", "-r", "captures/real/zeek-mip6_bu.pcap", "-x"]);
    assert_eq!(same, orig);
    assert!(same.starts_with("0000  ") && same.ends_with("\n\n"), "{same}");
    // ...and the same line; the time column's decimals are the clock's (the capture's
    // microseconds, the crafted frame's nanoseconds: it is written so).
    let same = text(&["craft", "from", &f]);
    let orig = text(&["dissect", "-r", "captures/real/zeek-mip6_bu.pcap"]);
    let untimed = |s: &str| s.split_whitespace().filter(|w| !w.starts_with("0.000000")).collect::<Vec<_>>().join(" ");
    assert_eq!(untimed(&same), untimed(&orig));
    assert!(same.starts_with("    1 0.000000000 ") && orig.starts_with("    1   0.000000 "), "{same}\n{orig}");
    let edited = json.replace(
        "\"name\":\"mip6.bu.seqnr\",\"show\":\"Sequence number: 37\",\"value\":37",
        "\"name\":\"mip6.bu.seqnr\",\"show\":\"Sequence number: 37\",\"value\":38",
    );
    assert_ne!(edited, json);
    std::fs::write(&f, &edited).unwrap();
    let out = tmp("json.pcapng");
    text(&["craft", "from", &f, "-w", &out]);
    let cells = text(&["dissect", "-r", &out, "-T", "fields", "-e", "mip6.bu.seqnr", "-e", "mip6.csum.status"]);
    assert_eq!(cells, "38\tgood\n");
    std::fs::remove_file(f).ok();
    std::fs::remove_file(out).ok();
}

/// Every node (name, value) of two dissections, frame by frame.
fn nodes(path: &str) -> Vec<Vec<(String, String)>> {
    let jsonl = text(&["dissect", "-r", path, "-T", "jsonl"]);
    fn walk(v: &Json, out: &mut Vec<(String, String)>) {
        if let Some(a) = v.as_array() {
            for n in a {
                let name = n["name"].as_str().unwrap_or_default().to_string();
                if !name.starts_with("frame") {
                    out.push((name, n["value"].to_string()));
                }
                walk(&n["children"], out);
            }
        }
    }
    jsonl
        .lines()
        .map(|l| {
            let v: Json = serde_json::from_str(l).unwrap();
            let mut out = Vec::new();
            walk(&v["layers"], &mut out);
            out
        })
        .collect()
}

/// A value set by name takes tshark 4.0's name as well as mipscope's (IANA's): "Reg Deny (HA)-
/// Unspecified" is code 128 and "Reg Accepted" 0, as "registration accepted" is. Before,
/// tshark's names were refused.
#[test]
fn a_value_set_by_name_takes_tsharks_name_too() {
    let f = tmp("rrp-named.pcapng");
    for (name, code) in [("Reg Deny (HA)- Unspecified", "128"), ("Reg Accepted", "0"), ("registration accepted", "0")] {
        text(&["craft", "rrp", "--set", "mip.code=1", "--set", &format!("mip.code={name}"), "-w", &f]);
        assert_eq!(text(&["dissect", "-r", &f, "-T", "fields", "-e", "mip.code"]), format!("{code}\n"), "{name}");
    }
    std::fs::remove_file(f).ok();
}

/// An edit whose -Y selects no frame still writes the copy (a pipeline goes on) but says on
/// stderr that nothing was edited; it once exited silently.
#[test]
fn an_edit_that_matches_no_frame_says_so() {
    let (src, dst) = (tmp("nomatch-src.pcapng"), tmp("nomatch-dst.pcapng"));
    text(&["craft", "scenario", "pmipv6", "-w", &src]);
    let (ok, _, err) = run(&["craft", "edit", "-r", &src, "-Y", "frame.number == 99", "--set", "mip6.bu.seqnr=1", "-w", &dst]);
    assert!(ok, "{err}");
    assert_eq!(err, "mipscope: nothing edited: -Y matched no frame (the copy is unchanged)\n");
    assert_eq!(std::fs::read(&src).unwrap(), std::fs::read(&dst).unwrap());
    let (ok, _, err) = run(&["craft", "edit", "-r", &src, "-Y", "frame.number == 1", "--set", "mip6.bu.seqnr=1", "-w", &dst]);
    assert!(ok && err.is_empty(), "{err}");
    std::fs::remove_file(src).ok();
    std::fs::remove_file(dst).ok();
}

/// An edited copy keeps each frame's packet comments, edited or not (tshark reads them back).
#[test]
fn an_edit_keeps_packet_comments() {
    let src = format!("{}/captures/real/scapy-vectors-packets.pcapng", env!("CARGO_MANIFEST_DIR"));
    let dst = tmp("comments.pcapng");
    text(&["craft", "edit", "-r", &src, "-Y", "mip6.mhtype == 1", "--set", "ipv6.hlim=7", "-w", &dst]);
    let cells = |p: &str| text(&["dissect", "-r", p, "-T", "fields", "-e", "frame.comment", "-e", "ipv6.hlim"]);
    let (before, after) = (cells(&src), cells(&dst));
    let edited: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(b, a)| b != a).collect();
    assert_eq!(edited.len(), 2, "{after}");
    for (b, a) in edited {
        let (comment, hlim) = b.rsplit_once('\t').expect("two cells");
        assert!(comment.contains("MIP6MH_HoTI") && hlim == "64", "{b}");
        assert_eq!(a, format!("{comment}\t7"));
    }
    assert_eq!(before.lines().count(), after.lines().count());
    std::fs::remove_file(dst).ok();
}

#[test]
fn editing_changes_the_field_and_what_covers_it_only() {
    let src = tmp("edit-src.pcapng");
    let dst = tmp("edit-dst.pcapng");
    text(&["craft", "scenario", "rfc6275-rr", "-w", &src]);
    text(&["craft", "edit", "-r", &src, "-Y", "mip6.mhtype == 5", "--set", "mip6.bu.lifetime=3", "-w", &dst]);
    let (a, b) = (nodes(&src), nodes(&dst));
    assert_eq!(a.len(), b.len());
    let mut changed = std::collections::BTreeSet::new();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.len(), y.len());
        for (p, q) in x.iter().zip(y) {
            assert_eq!(p.0, q.0);
            if p.1 != q.1 {
                changed.insert(p.0.clone());
            }
        }
    }
    // The lifetime, the authenticator over it (resealed with the tokens of the capture's
    // HoT/CoT) and the checksum over both.
    assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["mip6.bad.auth", "mip6.bu.lifetime", "mip6.csum"]);
    let cells = text(&[
        "dissect",
        "-r",
        &dst,
        "-Y",
        "mip6.mhtype == 5",
        "-T",
        "fields",
        "-e",
        "mip6.bu.lifetime",
        "-e",
        "mip6.csum.status",
        "-e",
        "mip6.bad.auth.status",
    ]);
    assert_eq!(cells, "3\tgood\tgood\n3\tgood\tgood\n3\tgood\tgood\n");
    std::fs::remove_file(src).ok();
    std::fs::remove_file(dst).ok();
}

/// A value of another size: the frame grows, and its length on the wire with it (a frame
/// written with its old length would read as cut short).
#[test]
fn an_edit_of_another_size_changes_the_frame_length() {
    let src = tmp("resize-src.pcapng");
    let dst = tmp("resize-dst.pcapng");
    text(&["craft", "scenario", "pmipv6", "--count", "2", "-w", &src]);
    let set = "mip6.mnid.identifier=a-much-longer-identifier@example.net";
    text(&["craft", "edit", "-r", &src, "-Y", "mip6.mhtype == 5", "--set", set, "-w", &dst]);
    let fields =
        ["-T", "fields", "-e", "frame.len", "-e", "frame.cap_len", "-e", "mip6.mnid.identifier", "-e", "mip6.csum.status"];
    let before = text(&[&["dissect", "-r", &src][..], &fields].concat());
    let after = text(&[&["dissect", "-r", &dst][..], &fields].concat());
    assert_eq!(before, "134\t134\tmn1@example.com\tgood\n134\t134\tmn1@example.com\tgood\n");
    // The PBU grows (21 octets of identifier, padding laid out again: 16 in all, the header a
    // multiple of 8); the PBA is not selected.
    assert_eq!(after, "150\t150\ta-much-longer-identifier@example.net\tgood\n134\t134\tmn1@example.com\tgood\n");
    // Shorter: a frame written with its old length would read as cut short.
    text(&["craft", "edit", "-r", &src, "-Y", "mip6.mhtype == 5", "--set", "mip6.mnid.identifier=m@x", "-w", &dst]);
    let after = text(&[&["dissect", "-r", &dst][..], &fields].concat());
    assert_eq!(after, "118\t118\tm@x\tgood\n134\t134\tmn1@example.com\tgood\n");
    std::fs::remove_file(src).ok();
    std::fs::remove_file(dst).ok();
}

#[test]
fn scenarios_repeat_with_fresh_numbers() {
    let f = tmp("rr24.pcapng");
    text(&["craft", "scenario", "rfc6275-rr", "--count", "24", "-w", &f]);
    let cookies = text(&["dissect", "-r", &f, "-Y", "mip6.mhtype == 1", "-T", "fields", "-e", "mip6.hoti.cookie"]);
    let cookies: Vec<&str> = cookies.lines().collect();
    assert_eq!(cookies.len(), 4);
    assert_eq!(cookies.iter().collect::<std::collections::HashSet<_>>().len(), 4, "{cookies:?}");
    // Written straight to a file, the exchange is streamed (made on one thread, written on
    // another); printed as well, it is made whole first: the same file either way.
    let g = tmp("rr24-printed.pcapng");
    text(&["craft", "scenario", "rfc6275-rr", "--count", "24", "-w", &g, "-P"]);
    assert_eq!(std::fs::read(&f).unwrap(), std::fs::read(&g).unwrap());
    std::fs::remove_file(g).ok();
    let pm = text(&["craft", "scenario", "pmipv6", "--count", "7", "-p", "lma=2001:db8:b::9"]);
    assert_eq!(pm.lines().count(), 7);
    assert!(pm.lines().nth(1).unwrap().contains("2001:db8:b::9 → 2001:db8:a::1"), "{pm}");
    let ro = text(&["craft", "scenario", "pmipv6-ro", "--count", "30", "-p", "next-mag=2001:db8:c::9"]);
    assert_eq!(ro.lines().count(), 30);
    assert_eq!(
        ro.lines().filter(|l| l.contains("2001:db8:c::9 → 2001:db8:3::1") && l.contains("(early proxy BU)")).count(),
        2,
        "{ro}"
    );
    let h = text(&["craft", "scenario", "mip4-haaro", "--count", "15", "--profile", "draft", "-p", "cr-coa=192.0.2.44"]);
    assert_eq!(h.lines().count(), 15);
    let mr = text(&["craft", "scenario", "mag-reflector", "--count", "25", "-p", "mn2=2001:db8:100:1::7"]);
    assert_eq!(mr.lines().count(), 25);
    assert_eq!(
        mr.lines().filter(|l| l.contains("2001:db8:100:1::7 → 2001:db8:1::100") && l.contains("Home Test")).count(),
        2,
        "{mr}"
    );
    // What craft prints is what `dissect -r` prints of the frames written (one pass: the
    // route-optimised ping's reply names its request).
    let w = tmp("mag.pcapng");
    let printed = text(&["craft", "scenario", "mag-reflector", "--count", "25", "-w", &w, "-P"]);
    assert_eq!(printed, text(&["dissect", "-r", &w]));
    assert!(printed.lines().any(|l| l.ends_with("hop limit=64 (request in 7)")), "{printed}");
    std::fs::remove_file(w).ok();
    let list = text(&["craft", "scenario", "--list"]);
    for name in ["mag-reflector\t", "pmipv6-ro\t", "mip4-haaro\t", "-p next-mag=", "-p kcr="] {
        assert!(list.contains(name), "{name}: {list}");
    }
    std::fs::remove_file(f).ok();
}

#[test]
fn malformations_are_listed_and_applied() {
    let list = text(&["craft", "--list-malformations"]);
    assert!(list.lines().count() > 40, "{list}");
    let all = text(&["craft", "bu", "--hoa", "2001:db8:1::100", "--opt", "alt-coa=2001:db8:2::1", "--malform", "all"]);
    assert!(all.lines().count() >= 20, "{all}");
    let one = text(&["craft", "bu", "--malform", "mh.payload-proto", "-V"]);
    assert!(one.contains("Payload Proto is not 59"), "{one}");
}

/// A Binding Update to a correspondent with a misplaced Home Address option raises two warnings:
/// the option's place (IPv6, raised first) and then the missing Nonce Indices and Binding
/// Authorization Data (the analysis pass). The packet list shows the first of equally severe
/// items, the malformation asked for; it once showed the last.
#[test]
fn the_packet_list_shows_the_first_of_equal_warnings() {
    let args = ["craft", "bu", "--hoa", "2001:db8:1::100", "--malform", "hao.misaligned"];
    let tree = text(&[&args[..], &["-V"]].concat());
    let warnings: Vec<&str> = tree.lines().filter(|l| l.trim_start().starts_with("[Expert Info (Warning/")).collect();
    assert_eq!(warnings.len(), 2, "{tree}");
    assert!(warnings[0].contains("Home Address option is not at an 8n+6 offset"), "{warnings:?}");
    assert!(warnings[1].contains("without Nonce Indices and Binding Authorization Data"), "{warnings:?}");
    let line = text(&args);
    assert!(
        line.ends_with("Binding Update seq=0 lifetime=0 [Home Address option is not at an 8n+6 offset (RFC 6275 §6.3): at offset 2 of the header]\n"),
        "{line}"
    );
}

#[test]
fn fuzzing_is_seeded_and_says_what_it_changed() {
    let (f1, f2) = (tmp("fuzz1.pcapng"), tmp("fuzz2.pcapng"));
    let args = |f: &str| ["craft", "scenario", "rfc6275-rr", "--fuzz", "30", "--seed", "4", "-w", f].map(str::to_string);
    let a = args(&f1);
    let (ok, _, log1) = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(ok, "{log1}");
    let b = args(&f2);
    let (_, _, log2) = run(&b.iter().map(String::as_str).collect::<Vec<_>>());
    // The same seed, the same frames and the same account of them.
    assert_eq!(std::fs::read(&f1).unwrap().len(), std::fs::read(&f2).unwrap().len());
    assert_eq!(log1, log2);
    assert_eq!(log1.lines().count(), 30, "{log1}");
    assert!(log1.lines().enumerate().all(|(i, l)| l.starts_with(&format!("fuzz {}: ", i + 1))), "{log1}");
    assert_eq!(text(&["dissect", "-r", &f1]).lines().count(), 30);
    let (ok, _, err) = run(&["craft", "bu", "--fuzz", "3", "--malform", "all"]);
    assert!(!ok && err.contains("cannot be used with"), "{err}");
    std::fs::remove_file(f1).ok();
    std::fs::remove_file(f2).ok();
}

#[test]
fn bad_input_is_one_located_line() {
    let (ok, _, err) = run(&["craft", "bu", "--set", "mip6.bu.lifetime=99999"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: mip6.bu.lifetime=99999: 99999 does not fit mip6.bu.lifetime (at most 65535)\nmip6.bu.lifetime=99999\n                 ^\n");
    let (ok, _, err) = run(&["craft", "bx"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: \"bx\" is not a message under this profile (see `mipscope craft list`)\n");
    let (ok, _, err) = run(&["craft", "ba", "--set", "mip6.bu.seqnr=1"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: mip6.bu.seqnr=1: no such field in the message built\n");
    // An option's own field that it does not have: the option's fields are listed (the help's
    // example once named one it has not).
    let (ok, _, err) = run(&["craft", "bu", "--opt", "bi,bid=2,s=1"]);
    assert!(!ok);
    assert_eq!(
        err,
        "mipscope: s=1: the MIPv6 Option - Binding Identifier has no field whose name ends so (its fields: bid, status, h_flag, bid_pri)\n"
    );
    let f = tmp("bi-status.pcapng");
    text(&["craft", "bu", "--opt", "bi,bid=2,status=1", "-w", &f]);
    assert_eq!(text(&["dissect", "-r", &f, "-T", "fields", "-e", "mip6.bi.bid", "-e", "mip6.bi.status"]), "2\t1\n");
    std::fs::remove_file(f).ok();
    let (ok, _, err) = run(&["craft", "bu", "--malform", "nope"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: --malform nope: no such mutation (see --list-malformations)\n");
    let (ok, _, err) = run(&["craft", "scenario", "pmipv6", "-p", "lma=x"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: scenario pmipv6: lma=x: not a valid value\n");
}

/// `-T fields` cells of `file` by `tool` (mipscope or tshark), one row per frame.
fn cells(tool: &str, file: &str, profile: &[&str], fields: &[&str]) -> Vec<Vec<String>> {
    let mut c = Command::new(tool);
    if tool == "tshark" {
        c.args(["-r", file]);
    } else {
        c.args(["dissect", "-r", file]).args(profile);
    }
    c.args(["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]);
    for f in fields {
        c.args(["-e", f]);
    }
    let o = c.output().expect("tshark (the suite's script installs it)");
    assert!(o.status.success(), "{tool}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// The seed scenarios written by the binary: no expert item in mipscope, the cells tshark 4.0
/// decodes equal to mipscope's, and tshark raising nothing above a Note — except where tshark
/// lacks the element: the Handover Home Keygen Token option (seed 004's number 200: its "IE data
/// not dissected yet" Note) and, under the rfc profile, RFC 6521's messages 24-27 and its
/// extensions 49/50, which tshark 4.0 does not know and calls malformed (listed by frame).
#[test]
fn seed_scenarios_agree_with_tshark() {
    const MH: &[&str] = &[
        "ipv6.src",
        "ipv6.dst",
        "mip6.mhtype",
        "mip6.hlen",
        "mip6.csum",
        "mip6.bu.seqnr",
        "mip6.bu.a_flag",
        "mip6.bu.h_flag",
        "mip6.bu.p_flag",
        "mip6.bu.lifetime",
        "mip6.ba.status",
        "mip6.ba.seqnr",
        "mip6.ba.p_flag",
        "mip6.ba.lifetime",
        "mip6.ni.hni",
        "mip6.ni.cni",
        "mip6.bad.auth",
    ];
    const MIP: &[&str] = &[
        "ip.src",
        "ip.dst",
        "udp.checksum",
        "mip.type",
        "mip.code",
        "mip.life",
        "mip.homeaddr",
        "mip.haaddr",
        "mip.coa",
        "mip.ident",
        "mip.auth.spi",
        "mip.auth.auth",
        "mip.ext.type",
        "mip.ext.len",
    ];
    const RO: &[&str] = &[
        "ipv6.src",
        "ipv6.dst",
        "mip6.mhtype",
        "mip6.csum",
        "mip6.hoti.cookie",
        "mip6.coti.cookie",
        "mip6.hot.nindex",
        "mip6.hot.cookie",
        "mip6.hot.token",
        "mip6.bu.seqnr",
        "mip6.ba.seqnr",
        "mip6.ba.lifetime",
        "mip6.bad.auth",
        "ipv6.opt.mipv6.home_address",
        "ipv6.routing.type",
        "ipv6.routing.segleft",
        "ipv6.routing.mipv6.home_address",
        "icmpv6.checksum",
        "icmpv6.checksum.status",
        "icmpv6.echo.identifier",
        "icmpv6.echo.sequence_number",
    ];
    // (scenario, profile, fields, frames tshark does not decode (seed 003's messages 24-27 and,
    // under rfc, RFC 6521's extensions), whether tshark calls them malformed)
    type Case<'a> = (&'a str, &'a str, &'a [&'a str], &'a [usize], bool);
    let cases: &[Case] = &[
        ("pmipv6-ro", "rfc", MH, &[], false),
        ("mag-reflector", "rfc", RO, &[], false),
        ("mip4-haaro", "draft", MIP, &[3, 4, 5, 6], false),
        ("mip4-haaro", "rfc", MIP, &[2, 3, 4, 5, 6], true),
    ];
    for &(name, profile, fields, unknown, malformed) in cases {
        let f = tmp(&format!("{name}-{profile}.pcapng"));
        let prof = ["--profile", profile];
        text(&[&["craft", "scenario", name, "-w", &f][..], &prof].concat());
        assert_eq!(text(&[&["dissect", "-r", &f, "-q", "-z", "expert"][..], &prof].concat()), "", "{name}");
        let ours = cells(BIN, &f, &prof, fields);
        let theirs = cells("tshark", &f, &[], fields);
        assert_eq!(ours.len(), theirs.len());
        for (n, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            if !unknown.contains(&(n + 1)) {
                assert_eq!(a, b, "{name} ({profile}) frame {}: fields {fields:?}", n + 1);
            }
        }
        let sev = cells("tshark", &f, &[], &["_ws.expert.severity", "frame.number", "_ws.expert.message"]);
        for (n, r) in sev.iter().enumerate() {
            let worst = r[0].split(',').filter_map(|s| s.parse::<u32>().ok()).max().unwrap_or(0);
            if malformed && unknown.contains(&(n + 1)) {
                assert_eq!(r[2], "Malformed Packet (Exception occurred)", "{name} frame {}", n + 1);
            } else if worst > 0 {
                // A Note (0x400000) on the option tshark does not know, nothing else.
                assert_eq!((worst, r[2].as_str()), (0x400000, "IE data not dissected yet"), "{name} frame {}", n + 1);
            }
        }
        std::fs::remove_file(f).ok();
    }
}

/// Fields of the `mcoa` and `nemo-vmn-ro` scenarios that tshark 4.0 knows too.
const SCENARIO_FIELDS: &[&str] = &[
    "frame.protocols",
    "ipv6.src",
    "ipv6.dst",
    "ipv6.plen",
    "ipv6.nxt",
    "ipv6.routing.type",
    "ipv6.routing.mipv6.home_address",
    "ipv6.opt.mipv6.home_address",
    "udp.srcport",
    "udp.length",
    "udp.checksum",
    "mip6.mhtype",
    "mip6.csum",
    "mip6.bu.seqnr",
    "mip6.bu.lifetime",
    "mip6.bu.a_flag",
    "mip6.bu.h_flag",
    "mip6.nemo.bu.r_flag",
    "mip6.ba.status",
    "mip6.ba.seqnr",
    "mip6.ba.lifetime",
    "mip6.nemo.ba.r_flag",
    "mip6.hoti.cookie",
    "mip6.coti.cookie",
    "mip6.hot.nindex",
    "mip6.hot.cookie",
    "mip6.hot.token",
    "mip6.cot.nindex",
    "mip6.cot.cookie",
    "mip6.ni.hni",
    "mip6.ni.cni",
    "mip6.bad.auth",
    "mip6.acoa.acoa",
    "mip6.nemo.mnp.pfl",
    "mip6.nemo.mnp.mnp",
    "mip6.binding_refresh_request",
    "mip6.bi.bid",
    "mip6.bi.status",
    "mip6.bi.coa_ipv6",
    "mip6.bi.h_flag",
];

/// `mcoa` and `nemo-vmn-ro` from the CLI under both profiles: listed, no expert item (request
/// tracking included), and every cell of the fields tshark 4.0 knows equal to tshark's, which
/// warns about nothing. tshark reads RFC 5648's layout: under `draft` the BID flags octet
/// means C/O/H, so `mip6.bi.h_flag` (0x80 there, 0x20 in draft-03) is compared under `rfc` only.
#[test]
fn mcoa_and_nemo_scenarios_agree_with_tshark() {
    let list = text(&["craft", "scenario", "--list"]);
    assert!(list.contains("mcoa\tseed 002") && list.contains("    -p coas=…\t"), "{list}");
    assert!(list.contains("nemo-vmn-ro\tseed 000") && list.contains("    -p vcoa2=…\t"), "{list}");
    for (name, frames) in [("mcoa", 30), ("nemo-vmn-ro", 33)] {
        for profile in ["rfc", "draft"] {
            let f = tmp(&format!("{name}-{profile}.pcapng"));
            text(&["craft", "scenario", name, "--profile", profile, "-w", &f]);
            let experts = text(&["dissect", "-r", &f, "--profile", profile, "-q", "-z", "expert"]);
            // Seed 000's three CoTIs carry the Home Address option RFC 6275 §6.1 forbids: the
            // draft governs its exchange, a Note (profiles.md), the only item.
            let want = if name == "nemo-vmn-ro" {
                "Notes (3)\n=============\n   Frequency      Group           Protocol  Summary\n           3   Protocol              MIPv6  Care-of Test Init with a Home Address option: seed 000 §4.2 asks for it, RFC 6275 §6.1 forbids it (a Note: the draft governs its exchange)"
            } else {
                ""
            };
            assert_eq!(experts.trim(), want, "{name} {profile}");
            let fields: Vec<&str> =
                SCENARIO_FIELDS.iter().copied().filter(|x| profile == "rfc" || *x != "mip6.bi.h_flag").collect();
            let ours = cells(BIN, &f, &["--profile", profile], &fields);
            let theirs = cells("tshark", &f, &[], &fields);
            assert_eq!(ours.len(), frames, "{name} {profile}");
            assert_eq!(theirs.len(), frames, "{name} {profile}");
            for (n, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                for ((field, x), y) in fields.iter().zip(a).zip(b) {
                    assert_eq!(x, y, "{name} {profile} frame {} {field}", n + 1);
                }
            }
            let warned = cells("tshark", &f, &[], &["_ws.expert"]);
            assert!(warned.iter().all(|r| r.iter().all(String::is_empty)), "{name} {profile}: tshark warns: {warned:?}");
            std::fs::remove_file(f).ok();
        }
    }
    // --count: two rounds and a bit; more care-of addresses make a longer mcoa round.
    let out = text(&["craft", "scenario", "nemo-vmn-ro", "--count", "70", "-p", "vcoa2=2001:db8:9::9"]);
    assert_eq!(out.lines().count(), 70);
    assert!(out.lines().nth(24).unwrap().contains("new VCoA=2001:db8:9::9"), "{out}");
    let out = text(&["craft", "scenario", "mcoa", "-p", "coas=2001:db8:2::1,2001:db8:3::1,2001:db8:4::1,2001:db8:5::9"]);
    assert_eq!(out.lines().count(), 36);
    let (ok, _, err) = run(&["craft", "scenario", "mcoa", "-p", "coas=2001:db8:2::1"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: scenario mcoa: coas=2001:db8:2::1: two to 255 care-of addresses\n");
    let (ok, _, err) = run(&["craft", "scenario", "nemo-vmn-ro", "-p", "mnp=2001:db8:7::"]);
    assert!(!ok);
    assert_eq!(err, "mipscope: scenario nemo-vmn-ro: mnp=2001:db8:7::: not PREFIX/LENGTH\n");
}

/// What a review of the scenarios against their documents found (each failed before its fix):
/// RFC 6275 §6.2.6 has Nonce Indices only in a BU (a BA carries the authenticator alone); seed
/// 004 §3.3's early proxy BU names no care-of nonce (its care-of token is zero) and its PBA
/// names the one behind its Care-of Test; profiles.md crafts the Handover Home Keygen Token at
/// 8n+2; seed 003's mobile router registers from a co-located care-of address (RFC 5944 §3.3's
/// D flag) with no NAT in front of it (RFC 6521 §5.2's N clear).
#[test]
fn scenarios_follow_their_documents() {
    let file = |name: &str, profile: &str| {
        let f = tmp(&format!("review-{name}-{profile}.pcapng"));
        text(&["craft", "scenario", name, "--profile", profile, "--count", "24", "-w", &f]);
        f
    };
    // BAs (tshark's reading): no Nonce Indices.
    for name in ["rfc6275-rr", "mag-reflector", "pmipv6-ro", "mcoa", "nemo-vmn-ro"] {
        let f = file(name, "rfc");
        let rows = cells("tshark", &f, &[], &["mip6.mhtype", "mip6.ni.cni", "mip6.bu.seqnr", "mip6.ba.seqnr"]);
        for r in rows.iter().filter(|r| r[0] == "6") {
            // The early PBA alone (it answers the BU with a Care-of Test Init) names nonces.
            if name == "pmipv6-ro" && !r[1].is_empty() {
                continue;
            }
            assert_eq!(r[1], "", "{name}: a BA with Nonce Indices: {r:?}");
        }
        std::fs::remove_file(f).ok();
    }
    let f = file("pmipv6-ro", "rfc");
    // Early proxy BUs (with Care-of Test Init, option 15 of RFC 4866) name no care-of nonce; the
    // PBA answering each names one.
    let rows = cells(BIN, &f, &[], &["mip6.mhtype", "mip6.opt.type", "mip6.ni.hni", "mip6.ni.cni"]);
    let early: Vec<usize> =
        rows.iter().enumerate().filter(|(_, r)| r[0] == "5" && r[1].split(',').any(|t| t == "15")).map(|(i, _)| i).collect();
    assert!(!early.is_empty());
    for i in early {
        assert_eq!(rows[i][3], "0", "early proxy BU {}: {:?}", i + 1, rows[i]);
        assert_eq!(rows[i + 1][0], "6");
        assert_ne!(rows[i + 1][3], "0", "its PBA {}: {:?}", i + 2, rows[i + 1]);
        assert_ne!(rows[i + 1][3], "", "its PBA {}: {:?}", i + 2, rows[i + 1]);
    }
    // The Handover Home Keygen Token (option 200) starts at 8n+2 of its Mobility Header.
    let v = text(&["dissect", "-r", &f, "-T", "json"]);
    let json: Json = serde_json::from_str(&v).unwrap();
    let mut seen = 0;
    fn walk(j: &Json, mh_at: Option<u64>, seen: &mut usize) {
        match j {
            Json::Array(a) => a.iter().for_each(|x| walk(x, mh_at, seen)),
            Json::Object(o) => {
                let name = o.get("name").and_then(Json::as_str).unwrap_or("");
                let at = o.get("offset").and_then(Json::as_u64);
                let mh_at = if name == "mipv6" { at } else { mh_at };
                if name == "mip6.options.hhkt" {
                    let (mh, opt) = (mh_at.unwrap(), at.unwrap());
                    assert_eq!((opt - mh) % 8, 2, "Handover Home Keygen Token at MH offset {}", opt - mh);
                    *seen += 1;
                }
                o.values().for_each(|x| walk(x, mh_at, seen));
            }
            _ => {}
        }
    }
    walk(&json, None, &mut seen);
    assert!(seen >= 2, "{seen} Handover Home Keygen Token options");
    std::fs::remove_file(f).ok();
    // The mobile router's registration requests: D set (tshark's reading); the RO Reply: N clear.
    for profile in ["draft", "rfc"] {
        let f = file("mip4-haaro", profile);
        let rows = cells("tshark", &f, &[], &["mip.type", "mip.d"]);
        let requests: Vec<_> = rows.iter().filter(|r| r[0] == "1").collect();
        assert!(!requests.is_empty());
        assert!(requests.iter().all(|r| r[1] == "1" || r[1] == "True"), "{profile}: {requests:?}");
        let n = cells(BIN, &f, &["--profile", profile], &["mip.ext.rorp.n_flag"]);
        assert!(n.iter().all(|r| r[0].is_empty() || r[0] == "0" || r[0] == "False"), "{profile}: {n:?}");
        if profile == "rfc" {
            assert!(n.iter().any(|r| !r[0].is_empty()), "the RO Reply is in the rfc profile's exchange");
        }
        std::fs::remove_file(f).ok();
    }
}
