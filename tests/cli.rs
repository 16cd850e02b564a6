//! End-to-end tests of the `mipscope` command line: real decoded values checked against
//! captures/crafted/README.md, error handling, output formats.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crafted(name: &str) -> String {
    root().join("captures/crafted").join(name).to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(root()).output().expect("run mipscope")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs and requires success with an empty stderr.
fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success(), "mipscope {args:?} failed: {:?}\nstderr: {}", o.status, stderr(&o));
    assert_eq!(stderr(&o), "", "mipscope {args:?} wrote to stderr");
    stdout(&o)
}

/// `-T fields` rows split into cells (tab separator).
fn rows(out: &str) -> Vec<Vec<String>> {
    out.lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect()
}

// ---------------------------------------------------------------------------------------------
// Link types

#[test]
fn every_link_type_decodes_to_the_inner_message() {
    let f = crafted("linktypes.pcapng");
    let out = ok(&[
        "dissect",
        "-r",
        &f,
        "-T",
        "fields",
        "-e",
        "frame.number",
        "-e",
        "frame.linktype",
        "-e",
        "mip6.bu.seqnr",
        "-e",
        "ipv6.src",
        "-e",
        "ipv6.dst",
        "-e",
        "vlan.id",
        "-e",
        "sll.etype",
        "-e",
        "null.family",
        "-e",
        "ip.src",
        "-e",
        "ip.dst",
        "-e",
        "udp.dstport",
        "-e",
        "frame.interface_id",
        "-e",
        "mip6.bu.a_flag",
        "-e",
        "mip6.bu.h_flag",
        "-e",
        "ipv6.opt.mipv6.home_address",
        "-e",
        "ieee8021ad.id",
    ]);
    let r = rows(&out);
    assert_eq!(r.len(), 12, "12 packets (the Custom Block is not a packet):\n{out}");
    // number, linktype, seq, vlan, sll.etype, null.family, ipv4?
    let expect: [(&str, &str, &str, &str, &str, &str, bool); 12] = [
        ("1", "1", "200", "", "", "", false),
        ("2", "1", "201", "100", "", "", false),
        ("3", "1", "202", "100", "", "", false),
        ("4", "113", "203", "", "0x86dd", "", false),
        ("5", "276", "204", "", "0x86dd", "", false),
        ("6", "101", "205", "", "", "", false),
        ("7", "101", "", "", "", "", true),
        ("8", "228", "", "", "", "", true),
        ("9", "229", "206", "", "", "", false),
        ("10", "0", "207", "", "", "24", false),
        ("11", "0", "208", "", "", "30", false),
        ("12", "0", "", "", "", "2", true),
    ];
    for (row, (num, lt, seq, vlan, sll, null, v4)) in r.iter().zip(expect) {
        let ctx = format!("row {row:?}");
        assert_eq!(row.len(), 16, "{ctx}");
        // QinQ: the 0x88a8 S-tag is IEEE 802.1ad (VLAN 200), the C-tag 802.1Q (VLAN 100), as in tshark.
        assert_eq!(row[15], if num == "3" { "200" } else { "" }, "ieee8021ad.id {ctx}");
        assert_eq!(row[0], num, "{ctx}");
        assert_eq!(row[1], lt, "linktype {ctx}");
        assert_eq!(row[2], seq, "BU seq {ctx}");
        assert_eq!(row[5], vlan, "vlan.id {ctx}");
        assert_eq!(row[6], sll, "sll.etype {ctx}");
        assert_eq!(row[7], null, "null.family {ctx}");
        if v4 {
            // MIPv4 Registration Request, UDP 434, 192.0.2.20 -> 198.51.100.1
            assert_eq!(row[3], "", "{ctx}");
            assert_eq!(row[8], "192.0.2.20", "{ctx}");
            assert_eq!(row[9], "198.51.100.1", "{ctx}");
            assert_eq!(row[10], "434", "{ctx}");
        } else {
            // BU+HAO CoA -> HA, flags A H
            assert_eq!(row[3], "2001:db8:2::100", "{ctx}");
            assert_eq!(row[4], "2001:db8:1::1", "{ctx}");
            assert_eq!(row[8], "", "{ctx}");
            assert_eq!(row[12], "1", "A flag {ctx}");
            assert_eq!(row[13], "1", "H flag {ctx}");
            assert_eq!(row[14], "2001:db8:1::100", "HoA {ctx}");
        }
    }
    // 9 interfaces: distinct interface ids, and SLL/SLL2/NULL frames not on interface 0.
    let ifids: std::collections::BTreeSet<&str> = r.iter().map(|row| row[11].as_str()).collect();
    assert!(ifids.len() >= 8, "frames spread over the IDBs: {ifids:?}");
}

#[test]
fn linktypes_vlan_and_sll_details() {
    let f = crafted("linktypes.pcapng");
    let out = ok(&[
        "dissect",
        "-r",
        &f,
        "-c",
        "5",
        "-T",
        "fields",
        "-e",
        "vlan.priority",
        "-e",
        "vlan.etype",
        "-e",
        "sll.pkttype",
        "-e",
        "sll.ifindex",
        "-e",
        "eth.type",
    ]);
    let r = rows(&out);
    assert_eq!(r.len(), 5);
    // frame 2: 802.1Q VLAN 100 PCP 3
    assert_eq!(r[1][0], "3", "{out}");
    assert_eq!(r[1][1], "0x86dd", "{out}");
    // frame 3: QinQ, the C-tag carries 0x86dd (the S-tag's type is ieee8021ah.etype, as in tshark)
    assert_eq!(r[2][1], "0x86dd", "{out}");
    // frame 4: SLL outgoing (4), frame 5: SLL2 ifindex 2 outgoing
    assert_eq!(r[3][2], "4", "{out}");
    assert_eq!(r[4][2], "4", "{out}");
    assert_eq!(r[4][3], "2", "{out}");
    // frame 3 outer Ethernet type is the S-tag 0x88a8
    assert_eq!(r[2][4], "0x88a8", "{out}");
}

#[test]
fn linktypes_timestamps_follow_if_tsresol() {
    let f = crafted("linktypes.pcapng");
    let out = ok(&["dissect", "-r", &f, "-T", "fields", "-e", "frame.time_epoch"]);
    let base = 1_767_225_600u64; // 2026-01-01T00:00:00Z
    for (i, line) in out.lines().enumerate() {
        let frac = if i == 8 { "000000123" } else { "000000000" };
        assert_eq!(line, format!("{}.{frac}", base + i as u64), "frame {}", i + 1);
    }
}

// ---------------------------------------------------------------------------------------------
// pcap variants

const MIP6_FIELDS: &[&str] = &[
    "mip6.proto",
    "mip6.hlen",
    "mip6.mhtype",
    "mip6.csum",
    "mip6.csum.status",
    "mip6.bu.seqnr",
    "mip6.bu.a_flag",
    "mip6.bu.h_flag",
    "mip6.bu.lifetime",
    "mip6.ba.status",
    "mip6.ba.seqnr",
    "mip6.ba.lifetime",
    "ipv6.opt.mipv6.home_address",
    "ipv6.routing.mipv6.home_address",
    "ipv6.src",
    "ipv6.dst",
];

fn fields_of(file: &str, extra: &[&str]) -> String {
    let mut args: Vec<&str> = vec!["dissect", "-r", file, "-T", "fields"];
    for f in MIP6_FIELDS.iter().chain(extra) {
        args.push("-e");
        args.push(f);
    }
    ok(&args)
}

#[test]
fn four_pcap_variants_decode_identically() {
    let files = ["bu-ba-le-usec.pcap", "bu-ba-be-usec.pcap", "bu-ba-le-nsec.pcap", "bu-ba-be-nsec.pcap"];
    let outs: Vec<String> = files.iter().map(|f| fields_of(&crafted(f), &[])).collect();
    let r = rows(&outs[0]);
    assert_eq!(r.len(), 2, "{}", outs[0]);
    // Frame 1: BU seq 42, A H, lifetime 150, HAO 2001:db8:1::100, good checksum
    assert_eq!(r[0][2], "5");
    assert_eq!(r[0][4], "good");
    assert_eq!(r[0][5], "42");
    assert_eq!((r[0][6].as_str(), r[0][7].as_str()), ("1", "1"));
    assert_eq!(r[0][8], "150");
    assert_eq!(r[0][12], "2001:db8:1::100");
    // Frame 2: BA status 0, seq 42, lifetime 150, RH2 2001:db8:1::100
    assert_eq!(r[1][2], "6");
    assert_eq!(r[1][4], "good");
    assert_eq!((r[1][9].as_str(), r[1][10].as_str(), r[1][11].as_str()), ("0", "42", "150"));
    assert_eq!(r[1][13], "2001:db8:1::100");
    for (f, o) in files.iter().zip(&outs).skip(1) {
        assert_eq!(o, &outs[0], "{f} differs from {}", files[0]);
    }
}

#[test]
fn pcap_time_resolution() {
    for f in ["bu-ba-le-usec.pcap", "bu-ba-be-usec.pcap", "bu-ba-le-nsec.pcap", "bu-ba-be-nsec.pcap"] {
        let out = ok(&["dissect", "-r", &crafted(f), "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.time_delta"]);
        assert_eq!(out, "1767225600.000000000\t0.000000000\n1767225601.000000000\t1.000000000\n", "{f}");
    }
}

// ---------------------------------------------------------------------------------------------
// stdin

#[test]
fn stdin_equals_file() {
    for f in ["mh-messages.pcapng", "bu-ba-be-nsec.pcap", "linktypes.pcapng"] {
        let path = crafted(f);
        for fmt in [&["-V"][..], &["-T", "json"][..], &["-x"][..]] {
            let mut args = vec!["dissect", "-r", &path];
            args.extend_from_slice(fmt);
            let from_file = ok(&args);
            args[2] = "-";
            let bytes = std::fs::read(&path).unwrap();
            let mut child = Command::new(BIN)
                .args(&args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            let writer = std::thread::spawn(move || {
                // Dribble the input in small pieces, as a pipe would.
                for chunk in bytes.chunks(7) {
                    if stdin.write_all(chunk).is_err() {
                        break;
                    }
                }
            });
            let o = child.wait_with_output().unwrap();
            writer.join().unwrap();
            assert!(o.status.success(), "{f} {fmt:?} from stdin: {}", stderr(&o));
            assert_eq!(stdout(&o), from_file, "{f} {fmt:?}: stdin differs from file");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Damaged files

/// (file, packets before the damage, record start offset, damage byte offset) per README.
const DAMAGED: &[(&str, usize, u64, u64)] =
    &[("truncated.pcapng", 4, 520, 576), ("corrupt-blocklen.pcapng", 3, 408, 412), ("truncated.pcap", 1, 134, 189)];

#[test]
fn damaged_files_print_what_precedes_the_damage_and_exit_2() {
    for &(f, n, record, damage) in DAMAGED {
        let o = run(&["dissect", "-r", &crafted(f), "-T", "fields", "-e", "frame.number"]);
        assert_eq!(o.status.code(), Some(2), "{f}: exit status");
        let numbers: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), numbers, "{f}: packets before the damage");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{f}: exactly one stderr line: {err:?}");
        assert!(err.starts_with("mipscope: "), "{f}: {err:?}");
        // The README documents both the start of the damaged record and the first damaged byte;
        // either identifies the place.
        let mentions = |x: u64| err.split(|c: char| !c.is_ascii_digit()).any(|w| w == x.to_string());
        assert!(mentions(record) || mentions(damage), "{f}: stderr names neither offset {record} nor {damage}: {err:?}");
    }
}

#[test]
fn damaged_files_text_summary_also_exits_2() {
    for &(f, n, _, _) in DAMAGED {
        let o = run(&["dissect", "-r", &crafted(f)]);
        assert_eq!(o.status.code(), Some(2), "{f}");
        assert_eq!(stdout(&o).lines().count(), n, "{f}");
        let o = run(&["dissect", "-r", &crafted(f), "-T", "json"]);
        assert_eq!(o.status.code(), Some(2), "{f}");
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{f}: JSON still well-formed: {e}"));
        assert_eq!(v.as_array().unwrap().len(), n, "{f}");
    }
}

/// corrupt-blocklen.pcapng is complete (its trailing Block Total Length is intact); only the
/// leading one is garbage. Reporting it as "cut short" sends the user looking for a truncation.
#[test]
fn corrupt_block_length_is_not_reported_as_truncation() {
    let o = run(&["dissect", "-r", &crafted("corrupt-blocklen.pcapng")]);
    let err = stderr(&o);
    assert!(!err.contains("cut short"), "corrupt block length reported as truncation: {err:?}");
}

// ---------------------------------------------------------------------------------------------
// Bad command lines

#[test]
fn bad_cli_input_gives_one_error_line() {
    let lt = crafted("linktypes.pcapng");
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("unknown flag", vec!["dissect", "--bogus", "-r", &lt]),
        ("unknown subcommand", vec!["frobnicate"]),
        ("unknown field", vec!["dissect", "-r", &lt, "-T", "fields", "-e", "mip6.no_such_field"]),
        ("fields without -e", vec!["dissect", "-r", &lt, "-T", "fields"]),
        ("-e without fields", vec!["dissect", "-r", &lt, "-e", "frame.number"]),
        ("unknown -o key", vec!["dissect", "-r", &lt, "-o", "no.such.pref=1"]),
        ("bad -o value", vec!["dissect", "-r", &lt, "-o", "ip.max_nesting=lots"]),
        ("out-of-range -o value", vec!["dissect", "-r", &lt, "-o", "ip.max_nesting=99"]),
        ("-o without =", vec!["dissect", "-r", &lt, "-o", "ip.max_nesting"]),
        ("bad bool -o", vec!["dissect", "-r", &lt, "-o", "mip6.verify_checksum=maybe"]),
        ("unknown -z", vec!["dissect", "-r", &lt, "-z", "conv,ipv6"]),
        ("unknown -E", vec!["dissect", "-r", &lt, "-T", "fields", "-e", "frame.number", "-E", "escape=y"]),
        ("bad -E quote", vec!["dissect", "-r", &lt, "-T", "fields", "-e", "frame.number", "-E", "quote=x"]),
        ("bad -E bom", vec!["dissect", "-r", &lt, "-T", "fields", "-e", "frame.number", "-E", "bom=maybe"]),
        ("bad -E header", vec!["dissect", "-r", &lt, "-T", "fields", "-e", "frame.number", "-E", "header=maybe"]),
        ("bad -T", vec!["dissect", "-r", &lt, "-T", "pdml"]),
        ("bad -c", vec!["dissect", "-r", &lt, "-c", "many"]),
        ("bad -t", vec!["dissect", "-r", &lt, "-t", "ad.3"]),
        ("bad -u", vec!["dissect", "-r", &lt, "-u", "ms"]),
        ("-t dd with -2 and -Y", vec!["dissect", "-r", &lt, "-2", "-Y", "frame", "-t", "dd"]),
        ("prefs unknown key", vec!["prefs", "-o", "nope=1"]),
        ("nonexistent file", vec!["dissect", "-r", "/nonexistent/capture.pcap"]),
        ("not a capture", vec!["dissect", "-r", "Cargo.toml"]),
        ("empty file", vec!["dissect", "-r", "/dev/null"]),
        ("-c 0 (tshark: the packet count is zero)", vec!["dissect", "-r", &lt, "-c", "0"]),
        ("statistics of a file that is no capture", vec!["stats", "-r", "Cargo.toml", "--format", "json"]),
        ("-z of a file that is no capture", vec!["dissect", "-q", "-z", "mip6,stat", "-r", "Cargo.toml"]),
        ("a required argument missing", vec!["flow"]),
        ("a craft argument missing", vec!["craft", "rrq", "--spi", "256"]),
        ("craft's -P with -w -", vec!["craft", "bu", "-P", "-w", "-"]),
        ("--fuzz 0", vec!["craft", "bu", "--fuzz", "0"]),
    ];
    for (what, args) in cases {
        let o = run(&args);
        let err = stderr(&o);
        assert!(!o.status.success(), "{what}: {args:?} succeeded");
        assert_eq!(err.lines().count(), 1, "{what}: exactly one stderr line, got {err:?}");
        assert!(err.starts_with("mipscope:"), "{what}: {err:?}");
        assert_eq!(stdout(&o), "", "{what}: nothing on stdout");
    }
}

#[test]
fn error_messages_name_the_culprit() {
    let lt = crafted("linktypes.pcapng");
    let e = stderr(&run(&["dissect", "-r", &lt, "-T", "fields", "-e", "mip6.no_such_field"]));
    assert!(e.contains("mip6.no_such_field"), "{e}");
    let e = stderr(&run(&["dissect", "-r", &lt, "-o", "no.such.pref=1"]));
    assert!(e.contains("no.such.pref"), "{e}");
    let e = stderr(&run(&["dissect", "-r", &lt, "-o", "ip.max_nesting=lots"]));
    assert!(e.contains("lots") && e.contains("ip.max_nesting"), "{e}");
    let e = stderr(&run(&["dissect", "-r", &lt, "-z", "conv,ipv6"]));
    assert!(e.contains("conv,ipv6"), "{e}");
    let e = stderr(&run(&["dissect", "-r", &lt, "-t", "x"]));
    assert_eq!(e, "mipscope: invalid value 'x' for '-t <FORMAT>': one of a, ad, adoy, d, dd, e, r, u, ud, udoy\n");
    let e = stderr(&run(&["dissect", "-r", "/nonexistent/capture.pcap"]));
    assert!(e.contains("/nonexistent/capture.pcap"), "{e}");
    let e = stderr(&run(&["dissect", "-r", "Cargo.toml"]));
    assert!(e.contains("Cargo.toml") && e.contains("not a pcap"), "{e}");
    // clap lists what is missing under its first line: the one line keeps the list.
    let e = stderr(&run(&["flow"]));
    assert_eq!(e, "mipscope: the following required arguments were not provided: -r <FILE>\n");
    let e = stderr(&run(&["craft", "bu", "--send-count", "3"]));
    assert_eq!(e, "mipscope: the following required arguments were not provided: --send <IFACE>\n");
}

// ---------------------------------------------------------------------------------------------
// -c and -E

#[test]
fn count_limits_packets() {
    let f = crafted("mh-messages.pcapng");
    assert_eq!(ok(&["dissect", "-r", &f, "-c", "3"]).lines().count(), 3);
    assert_eq!(ok(&["dissect", "-r", &f, "-c", "3", "-T", "fields", "-e", "frame.number"]), "1\n2\n3\n");
    let v: Value = serde_json::from_str(&ok(&["dissect", "-r", &f, "-c", "3", "-T", "json"])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(ok(&["dissect", "-r", &f, "-c", "100"]).lines().count(), 18);
    // -c stops before a damaged record: no error then.
    assert_eq!(ok(&["dissect", "-r", &crafted("truncated.pcapng"), "-c", "2"]).lines().count(), 2);
}

#[test]
fn field_options_header_and_separator() {
    let f = crafted("mh-messages.pcapng");
    let out = ok(&[
        "dissect",
        "-r",
        &f,
        "-c",
        "8",
        "-T",
        "fields",
        "-E",
        "header=y",
        "-E",
        "separator=,",
        "-e",
        "frame.number",
        "-e",
        "mip6.mhtype",
        "-e",
        "mip6.bu.seqnr",
        "-e",
        "mip6.hoti.cookie",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "frame.number,mip6.mhtype,mip6.bu.seqnr,mip6.hoti.cookie");
    assert_eq!(lines[1], "1,0,,");
    assert_eq!(lines[2], "2,1,,0x0102030405060708");
    assert_eq!(lines[6], "6,5,42,");
    assert_eq!(lines[7], "7,5,43,");
    assert_eq!(lines.len(), 9);
    // /s and /t escapes
    let out =
        ok(&["dissect", "-r", &f, "-c", "1", "-T", "fields", "-E", "separator=/s", "-e", "frame.number", "-e", "mip6.mhtype"]);
    assert_eq!(out, "1 0\n");
}

#[test]
fn field_options_occurrence() {
    let f = crafted("mh-options.pcapng");
    // Frame 1: Pad1, Pad1, Alternate CoA (3). Frame 5: two MNP options.
    let all = ok(&["dissect", "-r", &f, "-T", "fields", "-e", "mip6.opt.type", "-e", "mip6.nemo.mnp.pfl"]);
    let first =
        ok(&["dissect", "-r", &f, "-T", "fields", "-E", "occurrence=f", "-e", "mip6.opt.type", "-e", "mip6.nemo.mnp.pfl"]);
    let last = ok(&["dissect", "-r", &f, "-T", "fields", "-E", "occurrence=l", "-e", "mip6.opt.type", "-e", "mip6.nemo.mnp.pfl"]);
    let (a, fi, la) = (rows(&all), rows(&first), rows(&last));
    assert_eq!(a[0][0], "0,0,3", "{all}");
    assert_eq!(fi[0][0], "0", "{first}");
    assert_eq!(la[0][0], "3", "{last}");
    assert_eq!(a[4][1], "48,64", "{all}");
    assert_eq!(fi[4][1], "48", "{first}");
    assert_eq!(la[4][1], "64", "{last}");
    // aggregator
    let agg = ok(&["dissect", "-r", &f, "-c", "1", "-T", "fields", "-E", "aggregator=/s", "-e", "mip6.opt.type"]);
    assert_eq!(agg, "0 0 3\n");
}

// ---------------------------------------------------------------------------------------------
// Decoded values of other crafted files (spot checks against README)

#[test]
fn mh_messages_values() {
    let f = crafted("mh-messages.pcapng");
    let out = ok(&[
        "dissect",
        "-r",
        &f,
        "-T",
        "fields",
        "-e",
        "mip6.mhtype",
        "-e",
        "mip6.csum.status",
        "-e",
        "mip6.hot.nindex",
        "-e",
        "mip6.hot.token",
        "-e",
        "mip6.cot.nindex",
        "-e",
        "mip6.cot.token",
        "-e",
        "mip6.ba.status",
        "-e",
        "mip6.be.status",
        "-e",
        "mip6.be.haddr",
        "-e",
        "mip6.coti.cookie",
    ]);
    let r = rows(&out);
    assert_eq!(r.len(), 18);
    let types: Vec<&str> = r.iter().map(|x| x[0].as_str()).collect();
    assert_eq!(types, ["0", "1", "2", "3", "4", "5", "5", "6", "6", "6", "6", "6", "6", "6", "6", "6", "7", "7"]);
    assert!(r.iter().all(|x| x[1] == "good"), "every MH checksum is correct:\n{out}");
    assert_eq!(r[3][2], "4660"); // 0x1234
    assert_eq!(r[3][3], "0x303b08dec6f177ed");
    assert_eq!(r[4][4], "22136"); // 0x5678
    assert_eq!(r[4][5], "0xf295e30f0ee82c52");
    assert_eq!(r[15][6], "140");
    assert_eq!((r[16][7].as_str(), r[17][7].as_str()), ("1", "2"));
    assert_eq!(r[16][8], "2001:db8:1::100");
    assert_eq!(r[2][9], "0x1112131415161718");
    // BU/BA flags: frame 7 all BU flags, frame 15 all BA flags
    let flags = ok(&[
        "dissect",
        "-r",
        &f,
        "-T",
        "fields",
        "-e",
        "mip6.bu.a_flag",
        "-e",
        "mip6.bu.h_flag",
        "-e",
        "mip6.bu.l_flag",
        "-e",
        "mip6.bu.k_flag",
        "-e",
        "mip6.bu.m_flag",
        "-e",
        "mip6.nemo.bu.r_flag",
        "-e",
        "mip6.bu.p_flag",
        "-e",
        "mip6.bu.f_flag",
        "-e",
        "mip6.bu.t_flag",
        "-e",
        "mip6.bu.b_flag",
        "-e",
        "mip6.bu.s_flag",
        "-e",
        "mip6.bu.d_flag",
        "-e",
        "mip6.ba.k_flag",
        "-e",
        "mip6.nemo.ba.r_flag",
        "-e",
        "mip6.ba.p_flag",
        "-e",
        "mip6.ba.t_flag",
        "-e",
        "mip6.ba.b_flag",
        "-e",
        "mip6.ba.s_flag",
        "-e",
        "mip6.ba.d_flag",
    ]);
    let fr = rows(&flags);
    assert_eq!(fr[5][..12].join(""), "110000000000", "frame 6 BU A H");
    assert_eq!(fr[6][..12].join(""), "111111111111", "frame 7 every BU flag");
    // Frames 8..14: one BA flag each, in order K R P T B S D; frame 15 all.
    for k in 0..7 {
        let want: String = (0..7).map(|j| if j == k { '1' } else { '0' }).collect();
        assert_eq!(fr[7 + k][12..].join(""), want, "BA frame {}", 8 + k);
    }
    assert_eq!(fr[14][12..].join(""), "1111111", "frame 15 every BA flag");
}

#[test]
fn mh_options_values() {
    let f = crafted("mh-options.pcapng");
    let out = ok(&[
        "dissect",
        "-r",
        &f,
        "-T",
        "fields",
        "-e",
        "mip6.acoa.acoa",
        "-e",
        "mip6.bra.interval",
        "-e",
        "mip6.ni.hni",
        "-e",
        "mip6.ni.cni",
        "-e",
        "mip6.bad.auth",
        "-e",
        "mip6.csum",
        "-e",
        "mip6.csum.status",
        "-e",
        "mip6.nemo.mnp.mnp",
        "-e",
        "mip6.lla.optcode",
        "-e",
        "mip6.lla",
        "-e",
        "mip6.mhtype",
    ]);
    let r = rows(&out);
    assert_eq!(r.len(), 9);
    assert_eq!(r[0][0], "2001:db8:2::101");
    assert_eq!(r[2][1], "75");
    assert_eq!((r[3][2].as_str(), r[3][3].as_str()), ("1", "2"));
    assert_eq!(r[3][4], "03e315717e3c17bd6a88adae");
    assert_eq!(r[3][5], "0x9bbf");
    assert!(r.iter().all(|x| x[6] == "good"), "{out}");
    assert_eq!(r[4][7], "2001:db8:1000::,2001:db8:2000::");
    assert_eq!(r[6][8], "2");
    assert!(r[6][9].ends_with("02:00:00:00:00:01"), "LLA 02:00:00:00:00:01: {}", r[6][9]);
    assert_eq!(r[8][10], "99");
}

#[test]
fn tunnels_and_icmpv6_values() {
    let out = ok(&[
        "dissect",
        "-r",
        &crafted("tunnels.pcapng"),
        "-T",
        "fields",
        "-e",
        "mip6.mhtype",
        "-e",
        "ip.src",
        "-e",
        "udp.dstport",
        "-e",
        "mip6.bu.seqnr",
    ]);
    let r = rows(&out);
    assert_eq!(r.len(), 6);
    assert_eq!(r[0][0], "6");
    assert_eq!(r[1][0], "1");
    assert_eq!((r[2][1].as_str(), r[2][2].as_str()), ("192.0.2.100", "9"));
    assert_eq!((r[3][1].as_str(), r[3][3].as_str()), ("192.0.2.100", "60"));
    assert_eq!(r[4][1], "198.51.100.1,192.0.2.50");
    // Frame 6 (11 IPv6 headers) fits the default ip.max_nesting of 16: the BRR is reached.
    // With the limit at 8 it is not, and a depth-limit expert says so.
    assert_eq!(r[5][0], "0", "default nesting limit reaches the BRR");
    let n = ok(&[
        "dissect",
        "-r",
        &crafted("tunnels.pcapng"),
        "-o",
        "ip.max_nesting=8",
        "-T",
        "fields",
        "-e",
        "ipv6.src",
        "-e",
        "_ws.malformed.depth_limit",
    ]);
    let row6 = rows(&n).swap_remove(5);
    assert_eq!(row6[0].split(',').count(), 9, "outer header + 8 nested: {n}");
    assert!(!row6[1].is_empty(), "depth-limit expert: {n}");
    let n = ok(&[
        "dissect",
        "-r",
        &crafted("tunnels.pcapng"),
        "-o",
        "ip.max_nesting=16",
        "-T",
        "fields",
        "-e",
        "ipv6.src",
        "-e",
        "mip6.mhtype",
        "-e",
        "_ws.expert.message",
    ]);
    let row6 = rows(&n).swap_remove(5);
    assert_eq!(row6[0].split(',').count(), 11, "11 IPv6 headers in frame 6: {n}");
    assert_eq!(row6[1], "0", "BRR at the bottom");
    assert_eq!(row6[2], "", "no expert with a high enough limit");

    let out = ok(&[
        "dissect",
        "-r",
        &crafted("icmpv6-mobile.pcapng"),
        "-T",
        "fields",
        "-e",
        "icmpv6.type",
        "-e",
        "icmpv6.code",
        "-e",
        "icmpv6.mip6.identifier",
        "-e",
        "icmpv6.mip6.home_agent_address",
        "-e",
        "icmpv6.pointer",
    ]);
    let r = rows(&out);
    assert_eq!(r.len(), 6);
    let t: Vec<&str> = r.iter().map(|x| x[0].as_str()).collect();
    assert_eq!(t, ["144", "145", "146", "147", "4", "1"]);
    assert_eq!(r[0][2], "19785"); // 0x4d49
    assert_eq!(r[1][3], "2001:db8:1::1,2001:db8:1::2");
    assert_eq!(r[2][2], "20563"); // 0x5053
    assert_eq!((r[4][1].as_str(), r[4][4].as_str()), ("2", "46"));
    assert_eq!(r[5][1], "3");
}

// ---------------------------------------------------------------------------------------------
// JSON

fn check_node(node: &Value, frame_len: u64, path: &str) {
    let name = node["name"].as_str().unwrap_or_else(|| panic!("{path}: node without name: {node}"));
    let path = format!("{path}/{name}");
    assert!(node.get("show").and_then(Value::as_str).is_some(), "{path}: show");
    assert!(node.get("value").is_some(), "{path}: value");
    let off = node["offset"].as_u64().unwrap_or_else(|| panic!("{path}: offset"));
    let len = node["length"].as_u64().unwrap_or_else(|| panic!("{path}: length"));
    assert!(off + len <= frame_len, "{path}: offset {off} + length {len} beyond frame of {frame_len}");
    if let Some(ch) = node.get("children") {
        for c in ch.as_array().unwrap_or_else(|| panic!("{path}: children not an array")) {
            check_node(c, frame_len, &path);
        }
    }
}

fn check_frame(fr: &Value, ctx: &str) {
    let layers = fr["layers"].as_array().unwrap_or_else(|| panic!("{ctx}: layers"));
    assert!(!layers.is_empty(), "{ctx}");
    // The frame layer first, after the packet's comments when it has some (as tshark's JSON).
    let at = usize::from(layers[0]["name"] == "pkt_comment");
    assert_eq!(layers[at]["name"], "frame", "{ctx}");
    let frame_len = layers[at]["length"].as_u64().unwrap();
    let hex = fr["bytes"].as_str().unwrap();
    assert_eq!(hex.len() as u64, 2 * frame_len, "{ctx}: \"bytes\" is the frame's bytes in hex");
    // A reassembled payload is a second data source right after the frame's octets: nodes
    // decoded from it point past the frame, and no further than its end.
    let mut limit = frame_len;
    if let Some(s) = fr.get("sources") {
        let s = &s.as_array().unwrap_or_else(|| panic!("{ctx}: sources"))[0];
        assert_eq!(s["offset"].as_u64(), Some(frame_len), "{ctx}: the source follows the frame");
        limit += s["bytes"].as_str().unwrap().len() as u64 / 2;
    }
    for l in layers {
        check_node(l, limit, ctx);
    }
    for e in fr["experts"].as_array().unwrap_or_else(|| panic!("{ctx}: experts")) {
        let off = e["offset"].as_u64().unwrap();
        let len = e["length"].as_u64().unwrap();
        assert!(off + len <= limit, "{ctx}: expert {e} beyond frame");
        assert!(e["severity"].is_string() && e["message"].is_string() && e["name"].is_string(), "{ctx}: {e}");
    }
}

fn all_fixtures() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for dir in ["captures/real", "captures/crafted"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("pcap" | "pcapng")) {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

#[test]
fn json_is_an_array_of_well_formed_frames_for_every_fixture() {
    for p in all_fixtures() {
        let f = p.to_string_lossy();
        let o = run(&["dissect", "-r", &f, "-T", "json"]);
        assert!(matches!(o.status.code(), Some(0 | 2)), "{f}: {:?} {}", o.status, stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{f}: invalid JSON: {e}"));
        let frames = v.as_array().unwrap_or_else(|| panic!("{f}: not an array"));
        for (i, fr) in frames.iter().enumerate() {
            assert_eq!(fr["frame"].as_u64(), Some(i as u64 + 1), "{f}");
            check_frame(fr, &format!("{f} frame {}", i + 1));
        }
    }
}

#[test]
fn jsonl_is_one_object_per_line_matching_json() {
    for f in ["mh-messages.pcapng", "linktypes.pcapng", "mh-malformed.pcapng"] {
        let path = crafted(f);
        let jsonl = ok(&["dissect", "-r", &path, "-T", "jsonl"]);
        let json: Value = serde_json::from_str(&ok(&["dissect", "-r", &path, "-T", "json"])).unwrap();
        let lines: Vec<Value> = jsonl
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{f}: bad line {l}: {e}"));
                assert!(v.is_object(), "{f}");
                v
            })
            .collect();
        assert_eq!(&Value::Array(lines), &json, "{f}: jsonl lines == json array");
    }
}

#[test]
fn json_expert_items_for_bad_checksum_only_on_frame_2() {
    let v: Value = serde_json::from_str(&ok(&["dissect", "-r", &crafted("mh-bad-checksum.pcapng"), "-T", "json"])).unwrap();
    let frames = v.as_array().unwrap();
    assert_eq!(frames.len(), 2);
    // Both home registrations name their care-of address only as the source (RFC 6275
    // §11.7.1's finding, a Note): apart from it, frame 1 is correct.
    let acoa = |e: &&Value| e["name"] != "check.rfc6275.home_bu_without_acoa";
    assert_eq!(frames[0]["experts"].as_array().unwrap().iter().filter(acoa).count(), 0, "frame 1 is correct");
    // Frame 2 repeats frame 1's Binding Update (sequence 42, same addresses): request tracking
    // notes the retransmission; the checksum is the only other thing wrong with it.
    let all: Vec<&Value> = frames[1]["experts"].as_array().unwrap().iter().filter(acoa).collect();
    let (seq, e): (Vec<&Value>, Vec<&Value>) = all.iter().copied().partition(|e| e["group"] == "Sequence");
    assert_eq!(seq.len(), 1, "{all:?}");
    assert_eq!(seq[0]["name"], "mip6.retransmit_request");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0]["name"], "mip6.csum.bad");
    assert_eq!(e[0]["severity"], "Error");
    assert_eq!(e[0]["group"], "Checksum");
    assert_eq!(e[0]["offset"], 82);
    assert_eq!(e[0]["length"], 2);
    let msg = e[0]["message"].as_str().unwrap();
    assert!(msg.contains("0xa130") && msg.contains("0xa12f"), "{msg}");
    // The expert also sits in the tree, under mip6.csum.
    let s = frames[1]["layers"].to_string();
    assert!(s.contains("\"mip6.csum.bad\""));
    assert!(!frames[0]["layers"].to_string().contains("mip6.csum.bad"));
    // And with verification switched off, no expert.
    let v: Value = serde_json::from_str(&ok(&[
        "dissect",
        "-r",
        &crafted("mh-bad-checksum.pcapng"),
        "-T",
        "json",
        "-o",
        "mip6.verify_checksum=false",
    ]))
    .unwrap();
    let left: Vec<&Value> =
        v[1]["experts"].as_array().unwrap().iter().filter(|e| e["group"] != "Sequence").filter(acoa).collect();
    assert_eq!(left.len(), 0, "verify_checksum=false");
}

// ---------------------------------------------------------------------------------------------
// -z expert

#[test]
fn expert_stats_on_mh_malformed() {
    let out = ok(&["dissect", "-r", &crafted("mh-malformed.pcapng"), "-z", "expert"]);
    let (packets, stats) = out.split_once("\n\n").expect("packet list, blank line, statistics");
    assert_eq!(packets.lines().count(), 9);
    for want in [
        "Errors (",
        "Warns (",
        "Notes (",
        "Mobility Header truncated",
        "Invalid length for option",
        "Option alignment rule broken",
        "Reserved bits not zero",
        "Payload Proto is not 59",
        "Packet size limited during capture",
    ] {
        assert!(stats.contains(want), "missing {want:?} in\n{stats}");
    }
    // "Reserved bits not zero" twice (frames 6 and 7), alignment once (frame 5), Payload Proto once (frame 8).
    let freq = |summary: &str| -> u64 {
        stats
            .lines()
            .find(|l| l.contains(summary))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no frequency for {summary:?}:\n{stats}"))
    };
    assert_eq!(freq("Reserved bits not zero"), 2);
    assert_eq!(freq("Option alignment rule broken"), 1);
    assert_eq!(freq("Payload Proto is not 59"), 1);
    assert_eq!(freq("Packet size limited during capture"), 1);
    // A clean file has no statistics entries: as tshark's, the table then prints nothing.
    let clean = ok(&["dissect", "-r", &crafted("optext-pmipv6.pcapng"), "-q", "-z", "expert"]);
    assert_eq!(clean, "");
}

#[test]
fn mh_malformed_every_frame_has_its_expert() {
    let out =
        ok(&["dissect", "-r", &crafted("mh-malformed.pcapng"), "-T", "fields", "-E", "aggregator=|", "-e", "_ws.expert.message"]);
    let r: Vec<&str> = out.lines().collect();
    assert_eq!(r.len(), 9);
    let want = [
        "Header Len",          // 1 Header Len 0
        "Header Len",          // 2 Header Len 3, 16 present
        "Invalid length",      // 3 AltCoA past end
        "Nonce Indices",       // 4 length 3
        "alignment",           // 5 BAD at 8n+4
        "0xa5",                // 6 MH reserved
        "0x5a",                // 7 BE reserved
        "Payload Proto",       // 8 proto 6
        "Packet size limited", // 9 snaplen
    ];
    for (i, (line, w)) in r.iter().zip(want).enumerate() {
        assert!(line.contains(w), "frame {}: expected {w:?} in {line:?}", i + 1);
    }
}

// ---------------------------------------------------------------------------------------------
// fields, prefs

#[test]
fn fields_lists_the_registry() {
    let out = ok(&["fields"]);
    let line = out.lines().find(|l| l.starts_with("mip6.bu.seqnr\t")).expect("mip6.bu.seqnr listed");
    assert_eq!(line.split('\t').nth(1), Some("FT_UINT16"), "{line}");
    assert!(out.lines().all(|l| l.split('\t').count() == 4), "four tab-separated columns");
    let names: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sorted");
    for f in ["frame.number", "ipv6.src", "mip6.csum.bad", "_ws.expert", "vlan.id", "sll.etype", "null.family"] {
        assert!(names.contains(&f), "{f} missing");
    }

    let bu = ok(&["fields", "mip6.bu."]);
    assert!(!bu.is_empty());
    assert!(bu.lines().all(|l| l.starts_with("mip6.bu.")), "{bu}");
    assert!(bu.lines().any(|l| l.starts_with("mip6.bu.seqnr\t")));
    assert_eq!(bu.lines().count(), out.lines().filter(|l| l.starts_with("mip6.bu.")).count());
    assert_eq!(ok(&["fields", "no.such.prefix."]), "");
}

#[test]
fn prefs_lists_keys_and_sources() {
    // Only the content is asserted (key, value, source on one line), not the column layout.
    let words = |l: &str| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let find = |out: &str, k: &str| -> Vec<String> {
        out.lines().map(words).find(|w| w.first().map(String::as_str) == Some(k)).unwrap_or_else(|| panic!("{k} missing:\n{out}"))
    };
    let out = ok(&["prefs"]);
    for k in ["mip6.verify_checksum", "ip.max_nesting", "pmip6.udp_port"] {
        let w = find(&out, k);
        assert!(w.iter().any(|x| x == "default"), "{k}: {w:?}");
        assert!(!w.iter().any(|x| x == "-o"), "{k}: {w:?}");
    }
    assert_eq!(find(&out, "ip.max_nesting")[1], "16");
    let out = ok(&["prefs", "-o", "ip.max_nesting=3"]);
    let w = find(&out, "ip.max_nesting");
    assert_eq!(w[1], "3", "{w:?}");
    assert_eq!(w[2], "-o", "source column says -o: {w:?}");
    let other = find(&out, "mip6.verify_checksum");
    assert_eq!(other[2], "default", "{other:?}");
}

#[test]
fn max_nesting_pref_limits_tunnel_depth() {
    let f = crafted("tunnels.pcapng");
    let deep =
        ok(&["dissect", "-r", &f, "-T", "fields", "-e", "ipv6.src", "-e", "_ws.malformed.depth_limit", "-o", "ip.max_nesting=3"]);
    let row6 = deep.lines().nth(5).unwrap();
    let (srcs, lim) = row6.split_once('\t').unwrap();
    assert_eq!(srcs.split(',').count(), 4, "outer header + 3 nested: {row6}");
    assert!(!lim.is_empty(), "depth-limit expert raised: {row6}");
}

// ---------------------------------------------------------------------------------------------
// -x

fn parse_hex_dump(dump: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (i, line) in dump.lines().enumerate() {
        let (off, rest) = line.split_at(4);
        assert_eq!(usize::from_str_radix(off, 16).unwrap(), i * 16, "offset column of {line:?}");
        // hex area: 16 * 3 (each octet followed by a space, as tshark), after two spaces
        let hex = &rest[2..(2 + 16 * 3).min(rest.len())];
        let n_before = bytes.len();
        for tok in hex.split_whitespace() {
            bytes.push(u8::from_str_radix(tok, 16).unwrap());
        }
        let chunk = &bytes[n_before..];
        let ascii: String = chunk.iter().map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '.' }).collect();
        assert!(line.ends_with(&ascii), "ASCII column of {line:?}");
    }
    bytes
}

#[test]
fn hex_dump_matches_frame_bytes() {
    // truncated.pcap is bu-ba-le-usec.pcap cut inside record 2: frame 1 is the record at
    // offset 24 (16-byte header, caplen at 24+8), data at 40.
    let file = std::fs::read(crafted("bu-ba-le-usec.pcap")).unwrap();
    let caplen = u32::from_le_bytes(file[32..36].try_into().unwrap()) as usize;
    let frame1 = &file[40..40 + caplen];
    // -x alone: the dump alone (tshark 4.0 prints no summary line with it).
    let out = ok(&["dissect", "-r", &crafted("bu-ba-le-usec.pcap"), "-x", "-c", "1"]);
    assert!(out.starts_with("0000  "), "{out}");
    let dump: String = out.lines().take_while(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
    assert_eq!(parse_hex_dump(&dump), frame1);
    assert_eq!(dump.lines().count(), caplen.div_ceil(16));

    // -V -x: the dump follows the tree after a blank line, and agrees with the JSON frame value.
    let out = ok(&["dissect", "-r", &crafted("mh-bad-checksum.pcapng"), "-V", "-x", "-c", "1"]);
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert!(blocks.len() >= 2, "{out}");
    let bytes = parse_hex_dump(blocks[1]);
    let json: Value =
        serde_json::from_str(&ok(&["dissect", "-r", &crafted("mh-bad-checksum.pcapng"), "-T", "json", "-c", "1"])).unwrap();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(json[0]["bytes"].as_str().unwrap(), hex);
    assert_eq!(bytes.len(), 94);
}

#[test]
fn summary_line_uses_hao_and_routing_addresses() {
    // README: the Source/Destination columns show the HAO address as source and the RH2 / RH0
    // final address as destination, like tshark.
    let out = ok(&["dissect", "-r", &crafted("ipv6-ext.pcapng")]);
    let l: Vec<&str> = out.lines().collect();
    assert!(l[0].contains(" 2001:db8:1::100 → 2001:db8:1::1 "), "frame 1 (HAO): {}", l[0]);
    assert!(l[2].contains(" 2001:db8:1::1 → 2001:db8:1::100 "), "frame 3 (RH2): {}", l[2]);
    // A type 0 routing header with segments left: its last address (it showed the next hop).
    assert!(l[8].contains(" 2001:db8:2::100 → 2001:db8:3::3 "), "frame 9 (RH0): {}", l[8]);
    // And every address column as tshark 4.0's packet list, but the RPL source route of frame
    // 10, whose compressed addresses are not decoded (the header's destination stays).
    let t = Command::new("tshark").args(["-r", &crafted("ipv6-ext.pcapng")]).output().expect("tshark");
    let cols = |s: &str| -> Vec<(String, String)> {
        s.lines().map(|l| l.split_whitespace().collect::<Vec<_>>()).map(|w| (w[2].to_string(), w[4].to_string())).collect()
    };
    let (ours, theirs) = (cols(&out), cols(&String::from_utf8_lossy(&t.stdout)));
    assert_eq!(ours.len(), theirs.len());
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate().filter(|(i, _)| *i != 9) {
        assert_eq!(a, b, "frame {}", i + 1);
    }
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("dissect"));
    let o = run(&["--version"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("mipscope "));
}

/// `codepoints` shows the profile's values and their sources, and `dissect` honours the same
/// overrides: moved to MH type 150, the Proxy HoTI at 200 is no longer recognised.
#[test]
fn codepoints_show_and_dissect_honours_overrides() {
    let out = ok(&["codepoints", "--profile", "draft", "-o", "pmipro.mh_photi=150"]);
    let line = |k: &str| {
        out.lines().find(|l| l.split_whitespace().next() == Some(k)).unwrap_or_else(|| panic!("{k}:\n{out}")).to_string()
    };
    assert!(out.starts_with("# profile draft"), "{out}");
    let w: Vec<String> = line("pmipro.mh_photi").split_whitespace().map(str::to_owned).collect();
    assert_eq!((w[1].as_str(), w[2].as_str()), ("150", "-o"));
    let w: Vec<String> = line("mcoa.layout").split_whitespace().map(str::to_owned).collect();
    assert_eq!((w[1].as_str(), w[2].as_str()), ("draft03", "default"));

    let file = crafted("seeds-pmipro.pcapng");
    let f = |extra: &[&str]| {
        let mut args = vec!["dissect", "-r", file.as_str()];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-T", "fields", "-e", "mip6.photi.cookie", "-c", "1"]);
        ok(&args)
    };
    assert_eq!(f(&[]).trim(), "0x0102030405060708");
    assert_eq!(f(&["-o", "pmipro.mh_photi=150"]).trim(), "");

    // A profile file sets values too; -o still wins over it.
    let prof = std::env::temp_dir().join(format!("mipscope-cli-{}-lab.profile", std::process::id()));
    std::fs::write(&prof, "profile = draft\npmipro.mh_photi = 150\n").unwrap();
    let p = prof.to_str().unwrap();
    assert_eq!(f(&["--profile", p]).trim(), "");
    assert_eq!(f(&["--profile", p, "-o", "pmipro.mh_photi=200"]).trim(), "0x0102030405060708");
    let out = ok(&["codepoints", "--profile", p]);
    assert!(out.lines().any(|l| l.starts_with("  pmipro.mh_photi") && l.contains("file")), "{out}");
    std::fs::remove_file(&prof).ok();
    let e = run(&["codepoints", "--profile", "no-such-file"]);
    assert!(!e.status.success());
    assert_eq!(String::from_utf8_lossy(&e.stderr).lines().count(), 1);
}

/// Writes a classic pcap (Ethernet) holding `frames`, each with the given timestamp.
fn write_pcap(path: &std::path::Path, frames: &[(u32, Vec<u8>)]) {
    let mut f = Vec::new();
    f.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    f.extend_from_slice(&2u16.to_le_bytes());
    f.extend_from_slice(&4u16.to_le_bytes());
    f.extend_from_slice(&[0; 8]);
    f.extend_from_slice(&65535u32.to_le_bytes());
    f.extend_from_slice(&1u32.to_le_bytes());
    for (ts, data) in frames {
        f.extend_from_slice(&ts.to_le_bytes());
        f.extend_from_slice(&0u32.to_le_bytes());
        f.extend_from_slice(&(data.len() as u32).to_le_bytes());
        f.extend_from_slice(&(data.len() as u32).to_le_bytes());
        f.extend_from_slice(data);
    }
    std::fs::write(path, f).unwrap();
}

/// Ethernet frames of the given fixtures, in order.
fn ethernet_frames(paths: &[PathBuf]) -> Vec<Vec<u8>> {
    let mut frames = Vec::new();
    for p in paths {
        let bytes = std::fs::read(p).unwrap();
        let _ = dissect::capture::for_each_packet(&bytes[..], |m, d| {
            if m.linktype == 1 {
                frames.push(d.to_vec());
            }
            true
        });
    }
    frames
}

/// With two cores a capture is dissected and rendered in batches on two threads; the output
/// must be byte for byte what one thread writes, in every format, also when -c stops inside
/// a batch, and also when a frame teaches something (a mobile router) that frames in the next
/// batch depend on: here the NEMO Binding Update that teaches the router is the last frame of
/// a batch and the RO Request it makes recognisable is in the next one.
#[test]
fn two_threads_write_what_one_thread_writes() {
    let all = ethernet_frames(&all_fixtures());
    assert!(all.len() > 100, "{} Ethernet frames in the fixtures", all.len());
    let filler = ethernet_frames(
        &["ipv6-ext.pcapng", "icmpv6-mobile.pcapng", "tunnels.pcapng"].map(|f| root().join("captures/crafted").join(f)),
    );
    let ro = ethernet_frames(&[root().join("captures/crafted/seeds-nemo-ro.pcapng")]);
    // 2047 frames before the teacher: it ends batch 2 (1024 a batch) and batch 8 (256 a batch).
    let mut frames: Vec<Vec<u8>> = filler.iter().cycle().take(2047).cloned().collect();
    frames.extend(ro.iter().cloned());
    frames.extend(all.iter().cycle().take(1_500).cloned());
    let many: Vec<(u32, Vec<u8>)> = frames.into_iter().enumerate().map(|(i, d)| (i as u32, d)).collect();
    let dir = std::env::temp_dir().join(format!("mipscope-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many.pcap");
    write_pcap(&file, &many);
    let file = file.to_string_lossy().into_owned();
    let fields = ["-T", "fields", "-e", "frame.number", "-e", "ipv6.src", "-e", "mip6.mhtype", "-e", "_ws.expert"];
    for args in [
        &[][..],
        &["-z", "expert"],
        &fields,
        &["-V"],
        &["-T", "json"],
        &["-T", "jsonl"],
        &["-V", "-x"],
        &["-V", "-c", "1000"],
        &["-T", "json", "-c", "777"],
        &["-c", "2050"],
    ] {
        let mut outs = Vec::new();
        for threads in ["1", "2"] {
            let o =
                Command::new(BIN).args(["dissect", "-r", &file]).args(args).env("MIPSCOPE_THREADS", threads).output().unwrap();
            assert!(o.status.success(), "{args:?} with {threads} thread(s): {}", stderr(&o));
            outs.push(o.stdout);
        }
        assert!(outs[0].len() > 1_000, "{args:?}: {} bytes", outs[0].len());
        assert!(outs[0] == outs[1], "{args:?}: one and two threads differ");
        if args.is_empty() {
            let text = String::from_utf8_lossy(&outs[1]);
            let line = text.lines().nth(2047 + 4).unwrap_or_default();
            assert!(line.contains("RO Request: Binding Update seq=33"), "{line}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fields_of_a_profiles_other_layout_are_printed() {
    // Issue 12: under the draft profile the Binding Identifier's status and H bit come from the
    // draft-03 layout's own rows; -T fields found fields by pointer to the RFC 5648 rows and
    // printed empty cells although -V showed the values.
    let out = ok(&[
        "dissect",
        "-r",
        &crafted("seeds-mcoa.pcapng"),
        "--profile",
        "draft",
        "-T",
        "fields",
        "-e",
        "frame.number",
        "-e",
        "mip6.bi.status",
        "-e",
        "mip6.bi.h_flag",
    ]);
    let r = rows(&out);
    assert_eq!(r[0], ["1", "0", "0"]);
    assert_eq!(r[3], ["4", "0,0,167", "0,0,0"]);
    assert_eq!(r[7], ["8", "128,128", "0,0"]);
    assert_eq!(r[8], ["9", "0", "1"], "frame 9: BID 7 with the draft-03 H bit (0x20) set");
    let v = ok(&["dissect", "-r", &crafted("seeds-mcoa.pcapng"), "--profile", "draft", "-V"]);
    assert!(v.contains("..1. .... = Home Binding (H) flag:"), "-V shows the same H bit");
}

#[test]
fn tshark_names_of_other_fields_are_aliases() {
    // tshark files the PMIPv6 Home Network Prefix under mip6.nemo.mnp.*; those names reach it.
    let out = ok(&[
        "dissect",
        "-r",
        &crafted("optext-pmipv6.pcapng"),
        "-T",
        "fields",
        "-e",
        "mip6.hnp.prefix",
        "-e",
        "mip6.nemo.mnp.mnp",
    ]);
    let r = rows(&out);
    let with_hnp: Vec<_> = r.iter().filter(|c| !c[0].is_empty()).collect();
    assert!(!with_hnp.is_empty());
    for c in with_hnp {
        assert_eq!(c[0], c[1]);
    }
    let f = ok(&["fields", "mip6.nemo.mnp.pfl"]);
    assert!(f.contains("alias: also shows mip6.hnp.pfl"), "{f}");
}

#[test]
fn tshark_names_for_addresses_and_link_bits_reach_our_values() {
    // Issue 12 item 6: names tshark 4.0 files these values under (its own output on the same
    // frames: `tshark -T fields -e ip.host -e eth.lg ...`) work in -e lists and filters.
    let out = ok(&[
        "dissect",
        "-r",
        &crafted("mip4-extensions.pcapng"),
        "-c",
        "1",
        "-T",
        "fields",
        "-e",
        "ip.host",
        "-e",
        "ip.src_host",
        "-e",
        "eth.addr.oui",
        "-e",
        "eth.lg",
        "-e",
        "eth.ig",
        "-e",
        "ip.checksum.status",
        "-e",
        "udp.checksum.status",
    ]);
    assert_eq!(rows(&out)[0], ["192.0.2.20,198.51.100.1", "192.0.2.20", "131072,131072", "1,1", "0,0", "1", "1"]);
    let out =
        ok(&["dissect", "-r", "captures/real/zeek-mip6_be.pcap", "-T", "fields", "-e", "ipv6.slaac_mac", "-e", "ipv6.host"]);
    assert_eq!(
        rows(&out)[0],
        ["00:e0:81:52:ff:ff,00:e0:81:52:9a:6b", "2001:4f8:4:7:2e0:81ff:fe52:ffff,2001:4f8:4:7:2e0:81ff:fe52:9a6b"]
    );
    let hit = ok(&["dissect", "-r", &crafted("mip4-extensions.pcapng"), "-c", "1", "-Y", "ip.host == 198.51.100.1 && eth.lg"]);
    assert_eq!(hit.lines().count(), 1);
    // `mipscope fields` marks both sides: the alias, and the field tshark names otherwise.
    let f = ok(&["fields", "eth."]);
    assert!(f.contains("eth.lg\tFT_BOOLEAN\tLG bit\talias of eth.dst.lg, eth.src.lg"), "{f}");
    assert!(f.contains("[also reachable as eth.lg, tshark's name]"), "{f}");
}

#[test]
fn ethernet_padding_trailer_and_fcs_as_tshark_splits_them() {
    // tshark 4.0 on the same frames: icmpv4-arp.pcapng frame 12 is an ARP reply padded to 60
    // octets (eth.padding, 18 zero octets, no FCS in a frame under 64); the hostile
    // zeek-ipv6-mobility-dst-opts.pcap frame 2 has 16 octets after the IPv6 packet: a 12-octet
    // trailer and an FCS of 0x58585858 that tshark does not verify (status 2).
    let cols = ["-T", "fields", "-e", "eth.padding", "-e", "eth.trailer", "-e", "eth.fcs", "-e", "eth.fcs.status"];
    let mut args = vec!["dissect", "-r", "captures/crafted/icmpv4-arp.pcapng", "-Y", "frame.number == 12"];
    args.extend(cols);
    assert_eq!(rows(&ok(&args))[0], ["000000000000000000000000000000000000", "", "", ""]);
    let mut args = vec!["dissect", "-r", "captures/real/zeek-ipv6-mobility-dst-opts.pcap"];
    args.extend(cols);
    let r = rows(&ok(&args));
    assert_eq!(r[1], ["", "00000001753032c8000c43de", "0x58585858", "2"]);
    assert!(r[0].iter().chain(&r[2]).all(|c| c.is_empty()), "frames 1 and 3 end with their packet");
    // RFC 5095: tshark notes a type 0 routing header (ipv6-ext.pcapng frame 9) as deprecated.
    let d = ok(&["dissect", "-r", "captures/crafted/ipv6-ext.pcapng", "-Y", "ipv6.routing.deprecated"]);
    assert_eq!(d.lines().map(|l| l.split_whitespace().next().unwrap()).collect::<Vec<_>>(), ["9"]);
}

/// Padding and a trailer after the packet of a layer other than a plain Ethernet frame's go in
/// that layer's subtree, as tshark 4.0 puts them: the last VLAN tag's (`vlan.trailer`,
/// `ieee8021ah.trailer`), a Linux cooked header's (`sll.trailer`), a tunnelled Ethernet frame's
/// (`eth.trailer`), with no FCS guessed there, the padding decided on the frame's whole length
/// (a capture's FCS counts in it: frames 10-12; so do a cooked header's 16 or 20 octets: 13,
/// 18; a reassembled datagram's payload does not: 24). Expected cells: tshark 4.0 on
/// captures/crafted/link-trailers.pcapng.
#[test]
fn trailers_after_tags_cooked_headers_and_tunnels_as_tshark_splits_them() {
    let f = crafted("link-trailers.pcapng");
    let fields = ["eth.padding", "eth.trailer", "vlan.trailer", "ieee8021ah.trailer", "sll.trailer", "eth.fcs"];
    let mut args = vec!["dissect", "-r", &f, "-T", "fields"];
    args.extend(fields.iter().flat_map(|e| ["-e", e]));
    let z = |n: usize| "00".repeat(n);
    let fcs = "0xdeadbeef";
    // A row's cells joined by '|'.
    let expected = [
        format!("{}|||||", z(14)),
        format!("{}||{}|||", z(14), "11".repeat(10)),
        "||1111|||".to_string(),
        format!("||{}|||", "aa".repeat(20)),
        format!("{}|||||", z(10)),
        format!("{}|||44444444||", z(14)),
        format!("{}|||||", z(14)),
        format!("||{}|||", "77".repeat(6)),
        "|||||".to_string(),
        format!("{}||00000000|||{fcs}", z(10)),
        format!("{}||00000000{}|||{fcs}", z(10), "33".repeat(6)),
        format!("{}|||||{fcs}", z(10)),
        format!("{}||||0000|", z(16)),
        format!("{}||||{}|", z(16), "12".repeat(10)),
        format!("||||01{}|", z(20)),
        "||||00000000|".to_string(),
        format!("{}|||||", z(12)),
        format!("{}||||{}|", z(12), z(6)),
        format!("|{}666666||||", z(10)),
        format!("|{}||||", "55".repeat(8)),
        format!("|{}{}||||", z(30), "66".repeat(10)),
        format!("|{}||||", z(18)),
        "|||||".to_string(),
        // The reassembled GRE's inner frame: padding decided on this frame's own 66 octets.
        format!("{}|{}||||", z(12), z(6)),
    ];
    let got: Vec<String> = rows(&ok(&args)).iter().map(|r| r.join("|")).collect();
    assert_eq!(got.len(), expected.len());
    for (n, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "frame {}", n + 1);
    }
    // Frame 4's trailer is not zeros: the note sits under it, and the EtherType layer raised it
    // (tshark's table names that layer); `-z expert` counts it (and frame 15's) beside the
    // packet list too.
    let tree = ok(&["dissect", "-r", &f, "-V", "-Y", "frame.number == 4"]);
    assert!(
        tree.contains("    Trailer: aaaa") && tree.contains("\n        [Expert Info (Note/Protocol): Didn't find padding"),
        "{tree}"
    );
    let table = ok(&["dissect", "-r", &f, "-z", "expert"]);
    assert!(table.contains("           2   Protocol          Ethertype  Didn't find padding of zeros"), "{table}");
}

// ------------------------------------------------------------------ -Y display filters

/// -Y selects the frames tshark selects (mh-messages.pcapng: frames 8-16 are BAs, README) in
/// every output mode, and -c counts shown packets.
#[test]
fn display_filter_works_with_every_output_mode() {
    let f = crafted("mh-messages.pcapng");
    let list = ok(&["dissect", "-r", &f, "-Y", "mip6.mhtype == 6"]);
    let numbers: Vec<&str> = list.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(numbers, ["8", "9", "10", "11", "12", "13", "14", "15", "16"]);
    let two = ok(&["dissect", "-r", &f, "-Y", "mip6.mhtype == 6", "-c", "2"]);
    assert_eq!(two.lines().map(|l| l.split_whitespace().next().unwrap()).collect::<Vec<_>>(), ["8", "9"]);
    let cells = rows(&ok(&[
        "dissect",
        "-r",
        &f,
        "-Y",
        "mip6.ba.status >= 128",
        "-T",
        "fields",
        "-e",
        "frame.number",
        "-e",
        "mip6.ba.status",
    ]));
    assert!(!cells.is_empty() && cells.iter().all(|r| r[1].parse::<u32>().unwrap() >= 128), "{cells:?}");
    // JSON stays one valid array when the first frame is filtered out.
    let json: Value = serde_json::from_str(&ok(&["dissect", "-r", &f, "-Y", "mip6.mhtype == 6", "-T", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 9);
    let none: Value = serde_json::from_str(&ok(&["dissect", "-r", &f, "-Y", "mip6.mhtype == 99", "-T", "json"])).unwrap();
    assert_eq!(none.as_array().unwrap().len(), 0);
    let tree = ok(&["dissect", "-r", &f, "-Y", "frame.number == 8", "-V", "-x"]);
    assert!(tree.starts_with("Frame 8:") && tree.contains("Binding Acknowledgement") && tree.contains("0000  "), "{tree}");
    assert_eq!(tree.matches("\nFrame ").count(), 0, "one frame");
    // Both threads and one give the same selection.
    let one = Command::new(BIN)
        .args(["dissect", "-r", &f, "-Y", "ipv6.src == 2001:db8::/32 and mip6.bu.a_flag"])
        .env("MIPSCOPE_THREADS", "1")
        .output()
        .unwrap();
    assert_eq!(stdout(&one), ok(&["dissect", "-r", &f, "-Y", "ipv6.src == 2001:db8::/32 and mip6.bu.a_flag"]));
}

/// Bad filters: one line naming the problem, the filter, a caret line under the offending
/// part (tshark's form), exit status 1, nothing on standard output.
#[test]
fn bad_display_filters_are_reported_with_a_caret() {
    let f = crafted("mh-messages.pcapng");
    let cases: &[(&str, &str, &str)] = &[
        ("ipv6 AND mipv6", "\"AND\" was unexpected in this context", "     ^~~"),
        ("foo.bar == 1", "\"foo.bar\" is neither a field nor a protocol name", "^~~~~~~"),
        ("mip6.mhtype ==", "the filter ends too early", "              ^"),
        ("mip6.mhtype == 5 and", "the filter ends too early", "                    ^"),
        ("mip6.bu.seqnr == 300x", "\"300x\" is not a valid integer", "                 ^~~~"),
        ("mip6.mhtype == 300x", "\"300x\" cannot be found among the possible values for mip6.mhtype", "               ^~~~"),
        ("ipv6.src == 2001:db8::zz", "\"2001:db8::zz\" is not a valid ipv6 address", "            ^~~~~~~~~~~~"),
        ("ipv6.src == 2001:db8::/129", "\"129\" is not a valid prefix length (0-128)", "            ^~~~~~~~~~~~~~"),
        ("ip.src == 192.0.2.300", "\"192.0.2.300\" is not a valid ipv4 address", "          ^~~~~~~~~~~"),
        (
            "mip6.ba.status == \"Accepted maybe\"",
            "\"Accepted maybe\" cannot be found among the possible values for mip6.ba.status",
            "                  ^~~~~~~~~~~~~~~~",
        ),
        (
            "mip6.mhtype ~ \"5\"",
            "mip6.mhtype (Integer) cannot be matched against a regular expression: use string()",
            "^~~~~~~~~~~",
        ),
        ("frame contains \"abc", "the string has no closing quote", "               ^"),
        ("frame contains \"\\q\"", "unknown escape sequence \\q", "                ^"),
        ("(mipv6", "expected \")\" before the end of the filter", "      ^"),
        ("mipv6)", "\")\" was unexpected in this context", "     ^"),
        ("frame[1:", "\"[\" has no matching \"]\"", "     ^"),
        ("frame[a:b] == 00", "\"a:b\" is not a valid range", "     ^~~~~"),
        ("ipv6.src#0 == ::1", "\"0\" is not a layer number (1 or more)", "         ^"),
        ("frobnicate(ipv6.src)", "the function \"frobnicate\" does not exist", "^~~~~~~~~~~~~~~~~~~~"),
        ("len(ipv6.src, ipv6.dst) > 1", "len() takes one argument", "^~~~~~~~~~~~~~~~~~~~~~~"),
        ("upper(mip6.mhtype) == \"X\"", "upper() needs a string, not an Integer", "^~~~~~~~~~~~~~~~~~"),
        ("ipv6.src == 5", "\"5\" is not a valid ipv6 address", "            ^"),
        ("mip6.mhtype == ipv6.src", "Integer and IPv6 address cannot be compared", "^~~~~~~~~~~~~~~~~~~~~~~"),
        ("mip6.msg == 1", "mip6.msg is a label (FT_NONE): it can only be tested for presence", "^~~~~~~~"),
        ("any mipv6", "\"any\" and \"all\" need a comparison", "    ^~~~~"),
        ("1 == 2", "\"1\" is neither a field nor a protocol name", "^"),
        (
            "mip6.mhtype == ${mip6.mhtype}",
            "a field reference needs a selected packet, which the command line has not",
            "               ^~~~~~~~~~~~~~",
        ),
        ("frame[12:2] == 0x86dd", "\"0x86dd\": only a hex integer of one octet converts to bytes", "               ^~~~~~"),
        ("frame.protocols matches \"(\"", "invalid regular expression: error: unclosed group", "                        ^~~"),
        ("", "the filter is empty", "^"),
        ("a ¤ b", "\"¤\" was unexpected in this context", "  ^"),
        // A character constant of two characters is too long, not unclosed (tshark's reading).
        ("frame[0] == 'ab'", "the character constant is too long: it holds one character (use a string)", "            ^"),
        ("mip6.mhtype[0:1] == 1", "an Integer cannot be sliced", "^~~~~~~~~~~~~~~~"),
        // A sign after a sign, refused as tshark 4.0 refuses it (accepted before).
        ("+-+mip6.mhtype == -5", "\"-\" was unexpected in this context", " ^"),
        ("--mip6.mhtype == 5", "\"-\" was unexpected in this context", " ^"),
    ];
    assert!(cases.len() >= 20);
    for (filter, msg, caret) in cases {
        let o = run(&["dissect", "-r", &f, "-Y", filter]);
        assert_eq!(o.status.code(), Some(1), "{filter}");
        assert_eq!(stdout(&o), "", "{filter}");
        let want = format!("mipscope: {msg}\n    {filter}\n    {caret}\n");
        assert_eq!(stderr(&o), want, "{filter}");
    }
    // The caret counts terminal columns: under the error after wide characters, and a line
    // break in the filter is shown as a space so the filter stays on one line. Before, the
    // caret counted characters (three columns short after "日本語") and the break split the echo.
    for (filter, shown, caret) in [
        // `frame contains "` is 16 columns, the three ideographs 6, `" && ` 5.
        ("frame contains \"日本語\" && 1 == 2", "frame contains \"日本語\" && 1 == 2", format!("{}^", " ".repeat(27))),
        ("mip6.mhtype == 5\n|| 1 == 2", "mip6.mhtype == 5 || 1 == 2", format!("{}^", " ".repeat(20))),
    ] {
        let o = run(&["dissect", "-r", &f, "-Y", filter]);
        assert_eq!(o.status.code(), Some(1), "{filter}");
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert_eq!((lines[1], lines[2]), (format!("    {shown}").as_str(), format!("    {caret}").as_str()), "{err}");
    }
}

/// IP reassembly (captures/crafted/reassembly.pcapng): the frame completing a datagram shows
/// the message; `-o ipv6.defragment:FALSE` / `ip.defragment:FALSE` turn it off as in
/// Wireshark; `-x` prints the reassembled payload as a second data source, as tshark does.
#[test]
fn reassembly_decodes_the_completing_frame_and_its_preferences_turn_it_off() {
    let file = crafted("reassembly.pcapng");
    let on = ok(&["dissect", "-r", &file, "-T", "fields", "-e", "frame.number", "-e", "mip6.mhtype", "-e", "mip.type"]);
    let hits: Vec<&str> = on.lines().filter(|l| l.split('\t').skip(1).any(|c| !c.is_empty())).collect();
    assert_eq!(hits, ["2\t5\t", "4\t6\t", "6\t\t1", "9\t5\t", "11\t5\t", "14\t5\t"]);
    let off = ok(&["dissect", "-r", &file, "-o", "ipv6.defragment:FALSE", "-T", "fields", "-e", "mip6.mhtype", "-e", "mip.type"]);
    let rows: Vec<&str> = off.lines().filter(|l| *l != "\t").collect();
    assert_eq!(rows, ["\t1"]);
    let off4 = ok(&["dissect", "-r", &file, "-o", "ip.defragment:FALSE", "-T", "fields", "-e", "mip.type", "-e", "ip.fragment"]);
    assert!(off4.lines().all(|l| l == "\t"), "{off4}");
    // The -x data sources: the frame, then the reassembled payload under its name.
    let x = ok(&["dissect", "-r", &file, "-x", "-Y", "frame.number == 6"]);
    let mut blocks = x.split_once("Frame (56 bytes):\n").unwrap().1.split("Reassembled IPv4 (54 bytes):\n");
    let (frame, payload) = (blocks.next().unwrap(), blocks.next().unwrap());
    let payload: String = parse_hex_dump(payload.trim_end()).iter().map(|b| format!("{b:02x}")).collect();
    // tshark 4.0's ip.fragments (the reassembled payload) of frame 6.
    assert_eq!(
        payload,
        "c00001b20036c56b01020708c633640ac6336401c0000214ed003780000000012014000001009d7a6e8915a8e31e6c493afb974ae497"
    );
    assert_eq!(parse_hex_dump(frame).len(), 56);
    // JSON: the frame's bytes, then the source nodes past the frame point into.
    let json: Value = serde_json::from_str(&ok(&["dissect", "-r", &file, "-T", "json", "-Y", "frame.number == 6"])).unwrap();
    assert_eq!(json[0]["bytes"].as_str().unwrap().len(), 112);
    assert_eq!(json[0]["sources"][0]["name"], "Reassembled IPv4");
    assert_eq!(json[0]["sources"][0]["offset"], 56);
    assert_eq!(json[0]["sources"][0]["bytes"].as_str().unwrap(), payload);
    // Filters see the reassembled fields.
    let f = ok(&[
        "dissect",
        "-r",
        &file,
        "-Y",
        "ipv6.fragment.overlap.conflict || ip.fragment == 5",
        "-T",
        "fields",
        "-e",
        "frame.number",
    ]);
    assert_eq!(f, "6\n11\n");
    assert!(run(&["dissect", "-r", &file, "-o", "ipv6.defragment:maybe"]).status.code() != Some(0));
}

/// A datagram whose fragments straddle a batch boundary (1024 frames a batch for the packet
/// list, 256 for trees) is reassembled the same on one thread and two.
#[test]
fn reassembly_across_batches_is_the_same_on_one_and_two_threads() {
    let filler = ethernet_frames(&[root().join("captures/crafted/ipv6-ext.pcapng")]);
    let frags = ethernet_frames(&[root().join("captures/crafted/reassembly.pcapng")]);
    let mut frames: Vec<Vec<u8>> = filler.iter().cycle().take(1023).cloned().collect();
    frames.extend(frags.iter().cloned());
    let many: Vec<(u32, Vec<u8>)> = frames.into_iter().enumerate().map(|(i, d)| (i as u32, d)).collect();
    let dir = std::env::temp_dir().join(format!("mipscope-reasm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("straddle.pcap");
    write_pcap(&file, &many);
    let file = file.to_string_lossy().into_owned();
    for args in [&[][..], &["-V", "-x"], &["-T", "json"]] {
        let mut outs = Vec::new();
        for threads in ["1", "2"] {
            let o =
                Command::new(BIN).args(["dissect", "-r", &file]).args(args).env("MIPSCOPE_THREADS", threads).output().unwrap();
            assert!(o.status.success(), "{args:?} with {threads} thread(s): {}", stderr(&o));
            outs.push(o.stdout);
        }
        assert!(outs[0] == outs[1], "{args:?}: one and two threads differ");
        if args.is_empty() {
            let text = String::from_utf8_lossy(&outs[1]);
            let line = text.lines().nth(1024).unwrap_or_default();
            assert!(line.starts_with(" 1025 ") && line.contains("Binding Update seq=77"), "{line}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A code-point preference on IANA's number for another element is a warning on stderr, and
/// the run goes on with the preference (the capture may come from an implementation that used
/// the number before IANA assigned it).
#[test]
fn a_colliding_code_point_is_a_warning() {
    let f = crafted("mh-messages.pcapng");
    let o = run(&["dissect", "-r", &f, "-o", "pmipro.mh_photi=5", "-Y", "frame.number == 6"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "mipscope: warning: pmipro.mh_photi=5 is IANA's MH type 5 (Binding Update): such frames are read as the draft's element\n"
    );
    assert!(stdout(&o).contains("Proxy Home Test Init"), "{}", stdout(&o));
}

/// The time column shows the decimals the capture's clock has, as tshark 4.0's does: nine for a
/// nanosecond pcap and for a pcapng interface of `if_tsresol` 9 (linktypes.pcapng's ninth
/// packet, 123 ns past its second: tshark prints "8.000000123"), six for microseconds.
#[test]
fn the_time_column_keeps_the_capture_clocks_decimals() {
    let nsec = ok(&["dissect", "-r", "captures/crafted/bu-ba-be-nsec.pcap", "-c", "2"]);
    assert!(nsec.lines().nth(1).unwrap().starts_with("    2 1.000000000 2001:db8:1::1 → "), "{nsec}");
    let usec = ok(&["dissect", "-r", "captures/crafted/bu-ba-be-usec.pcap", "-c", "2"]);
    assert!(usec.lines().nth(1).unwrap().starts_with("    2   1.000000 2001:db8:1::1 → "), "{usec}");
    let mixed = ok(&["dissect", "-r", "captures/crafted/linktypes.pcapng", "-c", "10"]);
    let lines: Vec<&str> = mixed.lines().collect();
    assert!(lines[8].starts_with("    9 8.000000123 "), "{mixed}");
    assert!(lines[9].starts_with("   10   9.000000 "), "{mixed}");
}

/// `-e _ws.col.<title>`: each packet list column as a `-T fields` cell, as tshark files them.
/// For every frame of every fixture, the seven cells put together with the list's padding are
/// the packet list's line (so both show the same time decimals, addresses and Info with its
/// headline warning).
#[test]
fn column_cells_are_the_packet_lists_columns() {
    const COLS: [&str; 7] = [
        "_ws.col.No.",
        "_ws.col.Time",
        "_ws.col.Source",
        "_ws.col.Destination",
        "_ws.col.Protocol",
        "_ws.col.Length",
        "_ws.col.Info",
    ];
    let mut frames = 0;
    for f in all_fixtures() {
        let f = f.to_string_lossy().into_owned();
        let profile = if f.contains("-draft") { "draft" } else { "rfc" };
        let list = stdout(&run(&["dissect", "-r", &f, "--profile", profile]));
        let mut args = vec!["dissect", "-r", &f, "--profile", profile, "-T", "fields"];
        for c in COLS {
            args.extend(["-e", c]);
        }
        let cells = stdout(&run(&args));
        let lines: Vec<&str> = list.lines().collect();
        let rows = rows(&cells);
        assert_eq!(lines.len(), rows.len(), "{f}");
        for (line, r) in lines.iter().zip(&rows) {
            assert_eq!(r.len(), 7, "{f}: {r:?}");
            let made = format!("{:>5} {:>10} {} → {} {} {} {}", r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
            assert_eq!(*line, made, "{f}");
            frames += 1;
        }
    }
    assert!(frames > 500, "{frames}");
    // An Info cell with a warning, and the time with a capture's own decimals.
    let arp = ok(&["dissect", "-r", &crafted("icmpv4-arp.pcapng"), "-T", "fields", "-e", "_ws.col.Info", "-c", "24"]);
    assert_eq!(
        arp.lines().last(),
        Some("Mobile IP Advertisement (Normal router advertisement) [Mobility Agent Advertisement flags break RFC 5944 §2.1.1: F set but no care-of address]")
    );
    let ns = ok(&["dissect", "-r", &crafted("bu-ba-be-nsec.pcap"), "-T", "fields", "-e", "_ws.col.Time", "-e", "_ws.col.Source"]);
    assert_eq!(ns, "0.000000000\t2001:db8:1::100\n1.000000000\t2001:db8:1::1\n");
    // Titles are exact, as tshark's; a column is no filter field.
    let o = run(&["dissect", "-r", &crafted("bu-ba-be-nsec.pcap"), "-T", "fields", "-e", "_ws.col.info"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "mipscope: unknown field(s): _ws.col.info (see `mipscope fields`)\n");
    let o = run(&["dissect", "-r", &crafted("bu-ba-be-nsec.pcap"), "-Y", "_ws.col.Info"]);
    assert_eq!(o.status.code(), Some(1));
}

// ---------------------------------------------------------------------------------------------
// -l, -n

/// `-l` with a pipe whose writer has sent its packets and is still open: each packet's line
/// comes out then, before the end of the input. Before, the reader waited for a whole 64 KiB
/// buffer (or the end) before the first packet, and lines were written 64 KiB at a time.
#[test]
fn dash_l_prints_each_packet_as_the_pipe_delivers_it() {
    use std::io::{BufRead, BufReader};
    for name in ["mh-messages.pcapng", "bu-ba-be-usec.pcap"] {
        let bytes = std::fs::read(crafted(name)).unwrap();
        let mut child = Command::new(BIN)
            .args(["dissect", "-r", "-", "-l", "-n"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&bytes).unwrap();
        stdin.flush().unwrap();
        let pipe = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut first = String::new();
            let _ = BufReader::new(pipe).read_line(&mut first);
            let _ = tx.send(first);
        });
        // The input stays open: only a line written before its end arrives in time.
        let first = rx.recv_timeout(std::time::Duration::from_secs(20));
        drop(stdin);
        let _ = child.kill();
        let _ = child.wait();
        let first = first.unwrap_or_else(|_| panic!("{name}: no line while the pipe was open"));
        let want = stdout(&run(&["dissect", "-r", &crafted(name), "-c", "1"]));
        assert_eq!(first, want, "{name}");
    }
}
