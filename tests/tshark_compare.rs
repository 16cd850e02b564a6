//! Differential test against tshark (the oracle for field *names* and `-T fields` formatting).
//!
//! For every capture in `captures/real` and `captures/crafted`, every field that both
//! `mipscope fields` and `tshark -G fields` know (minus protocol-type fields and the small
//! [`EXCLUDED`] table below) is printed by both tools with `-T fields -E occurrence=a
//! -E aggregator=,` and compared cell by cell (tshark with the preferences of [`TSHARK_PREFS`]).
//! The test fails listing every differing (file, frame, field, tshark value, mipscope value).
//!
//! Without tshark on PATH the test prints a skip message and passes, unless the environment
//! variable `CI` is set, in which case it fails.
//!
//! Malformed frames: when tshark's own output marks a frame `[Malformed Packet: X]` (or
//! `[Packet size limited during capture: X truncated]`, the same exception for a snap-length
//! cut), tshark gave up on layer X at the exception, where mipscope decodes on as far as the
//! octets go (and says what is wrong in its own expert items). For such a frame only, and
//! nowhere else:
//! * cells of X's fields are not compared (fields whose parent protocol in `tshark -G fields`
//!   is X, or is the protocol X belongs to, e.g. `ipv6` for `ipv6.dstopts`);
//! * cells tshark leaves empty for a layer it never reached (the field's protocol is absent
//!   from tshark's `frame.protocols`) are not compared;
//! * `frame.protocols` passes when tshark's list is a prefix of mipscope's.
//!
//! Cells of every other layer of that frame are still compared.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Fields (or field × file) not compared, with the reason. `file` is a capture file name, or
/// `"*"` for every file. Keep this small and narrow; every entry must say why tshark is wrong
/// (or why the two tools legitimately disagree).
/// A field ending in `*` is a prefix (`ipv6.opt*`).
const EXCLUDED: &[(&str, &str, &str)] = &[
    // (field, file or "*", one-line reason)
    ("_ws.expert.message", "*", "expert items are mipscope's own (RFC checks tshark lacks, reference.md §1.8.11; own wording); tshark also lists packet comments"),
    ("_ws.expert", "*", "follows _ws.expert.message (the expert item's subtree)"),
    ("_ws.expert.severity", "*", "follows _ws.expert.message: one value per expert item, and the item sets differ by design"),
    ("_ws.expert.group", "*", "follows _ws.expert.message: one value per expert item, and the item sets differ by design"),
    ("mip6.mobility_opt.len", "mh-options.pcapng", "reference.md §1.8.2: tshark reads an unknown option's Length from MH offset 1 (frame 8: option 250, Length 3, shown as 2)"),
    ("mip6.mobility_opt.len", "scapy-vectors-mh-wrapped.pcapng", "options whose Length runs past the header: tshark stops before showing that Length; mipscope shows the octet (it is in the packet) with mip6.opt.len.invalid"),
    ("mip6.mobility_opt.len", "mh-malformed.pcapng", "frame 3, an option running past the header: as for scapy-vectors-mh-wrapped"),
    ("icmpv6.opt.naack.supplied_ncoa", "icmpv6-fmip6.pcapng", "frame 10: a Neighbor Advertisement Acknowledgment of status 2 and Length 1 (RFC 5568 §6.4.5: Option-Code, Status, Reserved); tshark reads a Supplied NCoA from the Reserved field on, past the option's end (RFC 4068 §6.4.5's Length 3 form, the NCoA after Reserved, which tshark also reads 4 octets early, is tested in dissect/tests/icmpv6.rs)"),
    ("mip6.bu.seqnr", "icmpv6-mobile.pcapng", "frame 6: the ICMPv6 error quotes only 8 octets of the BU; tshark shows no BU field unless the whole fixed part is there, mipscope shows the Sequence Number that is"),
    // MH types 17-23 (captures/crafted/mhext-messages.pcapng)
    ("mip6.lra.*", "mhext-messages.pcapng", "reference.md §1.8.9: tshark reads Localized Routing messages from MH offset 0 instead of 6"),
    ("mip6.lri.unsolicited", "mhext-messages.pcapng", "reference.md §1.8.9 (the LRA U flag, read from the wrong offset)"),
    ("mip6.unknown_type_data", "mhext-messages.pcapng", "tshark 4.0 does not know MH types 19-23 (RFC 7077, 7109, 7161) and shows their bodies as data"),
    ("mip6.padn", "mhext-messages.pcapng", "options of MH types 18-23: tshark walks them from the wrong offset (18, §1.8.9) or not at all (19-23)"),
    ("mip6.mobility_opt.len", "mhext-messages.pcapng", "as mip6.padn"),
    ("mip6.opt.len.invalid", "mhext-messages.pcapng", "as mip6.padn"),
    ("mip6.ni.*", "mhext-messages.pcapng", "as mip6.padn"),
    ("mip6.options.*", "mhext-messages.pcapng", "as mip6.padn (each option's subtree)"),
    // The drafts' profile-numbered code points (captures/crafted/seeds-*.pcapng)
    ("mip6.unknown_type_data", "seeds-pmipro.pcapng", "MH types 200/201 are the pmipro profile's Proxy HoTI/HoT (profiles.md); unknown to tshark"),
    ("mip6.mobility_opt", "seeds-pmipro.pcapng", "option 200 is the pmipro profile's Handover Home Keygen Token; unknown to tshark"),
    ("mip6.ie_not_dissected", "seeds-pmipro.pcapng", "as mip6.mobility_opt"),
    ("mip6.mobility_opt.len", "seeds-pmipro.pcapng", "reference.md §1.8.2 for the option tshark does not know"),
    // Options 8-70 (captures/crafted/optext-*.pcapng)
    ("mip6.auth.auth_data", "*", "reference.md §1.8.1: tshark shows the payload two octets short"),
    ("mip6.cgar.cga_par", "*", "reference.md §1.8.1"),
    ("mip6.sign.sign", "*", "reference.md §1.8.1"),
    ("mip6.phkt.phkt", "*", "reference.md §1.8.1"),
    ("mip6.mocot.co_keygen_tok", "*", "reference.md §1.8.1 (6 of the 8 token octets)"),
    ("mip6.dnsu.mn_id", "*", "reference.md §1.8.1"),
    ("mip6.em.data", "*", "reference.md §1.8.1"),
    ("mip6.vsm.data", "*", "reference.md §1.8.1"),
    ("mip6.badff.auth", "*", "reference.md §1.8.1"),
    ("mip6.mseg_id.timestamp", "*", "RFC 4285 MESG-ID is an NTP timestamp; tshark reads it as Unix seconds and nanoseconds"),
    ("mip6.mobility_opt", "optext-options.pcapng", "tshark does not decode options 42-45, 53, 54, 56-70"),
    ("mip6.ie_not_dissected", "optext-options.pcapng", "as mip6.mobility_opt"),
    ("mip6.mobility_opt.len", "optext-options.pcapng", "reference.md §1.8.2 for the options tshark does not know"),
    ("mip6.opt.len.invalid", "optext-options.pcapng", "reference.md §1.8.3: tshark expects Length 16 for MAG IPv6 Address (18 is right)"),
    ("mip6.hi", "optext-options.pcapng", "frame 39: a Handoff Indicator of Length 3 (must be 2): tshark decodes it anyway, mipscope shows it raw with mip6.opt.len.invalid"),
    ("mip6.hi.reserved", "optext-options.pcapng", "as mip6.hi"),
    // Mobile IPv4 (captures/crafted/mip4-*.pcapng)
    ("frame.protocols", "mip4-messages.pcapng", "frames 12-13: tshark hands GRE (47) and minimal-encapsulation (55) Tunnel Data to its IPv4 dissector (RFC 3519 §3.3); frame 14: tshark does not decode message type 16"),
    ("ip.version", "mip4-messages.pcapng", "as frame.protocols (tshark's IPv4 decode of GRE/minimal-encapsulation bytes)"),
    ("ip.bogus_ip_version", "mip4-messages.pcapng", "as ip.version"),
    ("data*", "mip4-messages.pcapng", "as ip.version"),
    ("mip", "mip4-messages.pcapng", "frame 14: as mip.type (tshark shows no MIP layer for type 16)"),
    ("mip.type", "mip4-messages.pcapng", "frame 14: message type 16 (RFC 4881), which tshark 4.0 names but leaves unclaimed"),
    ("frame.protocols", "mip4-haaro-draft.pcapng", "tshark 4.0 does not decode MIPv4 message types 24-27 (RFC 6521 / seed 003) and leaves the payload unclaimed"),
    ("mip.type", "mip4-haaro-draft.pcapng", "as frame.protocols"),
    ("mip", "mip4-haaro-draft.pcapng", "as frame.protocols (tshark shows no MIP layer)"),
    ("frame.protocols", "mip4-haaro-rfc.pcapng", "as for mip4-haaro-draft.pcapng"),
    ("mip.type", "mip4-haaro-rfc.pcapng", "as for mip4-haaro-draft.pcapng"),
    ("mip6.mnid.identifier", "optext-mnid.pcapng", "tshark shows every MN Identifier subtype as text; mipscope decodes subtypes 2-8 per RFC 8371 (separate fields)"),
    ("ipv6.opt*", "zeek-ipv6-mobility-dst-opts.pcap", "hostile capture: tshark decodes options past the IPv6 payload length (frame 2) and reads 16 octets for a Home Address option of Length 1 (frame 3); mipscope walks the TLVs by their Length (RFC 8200 §4.2)"),
    ("esp.encrypted_data", "ipv6-ext.pcapng", "frame 7: tshark 4.0 with default ESP preferences (no decryption) adds no item for the opaque ESP payload; mipscope shows its octets"),
    ("esp.encrypted_data", "ip-payloads.pcapng", "frames 2-3 (ESP over IPv4): as ipv6-ext.pcapng's frame 7"),
    // Neighbor Discovery (captures/crafted/icmpv6-nd.pcapng)
    ("icmpv6.opt.prefix", "icmpv6-nd.pcapng", "frame 19: a Prefix Information option of Length 3 (24 octets, RFC 4861 §4.6.2 fixes 4): tshark reads the 16-octet Prefix past the option's end, from the next option; mipscope shows what the option holds"),
    ("icmpv6.invalid_option_length", "icmpv6-nd.pcapng", "frame 19: tshark 4.0 does not check the Prefix Information Length (as icmpv6.opt.prefix); mipscope flags Length 3. Frame 26: tshark does not check RFC 8106's RDNSS Length (3 or more, odd), and ends the DNSSL whose label runs past the option in an exception where mipscope says so"),
    ("udp.checksum*", "zeek-ipv6-mobility-dst-opts.pcap", "hostile capture, frame 3: tshark takes the pseudo-header source from the invalid (Length 1) Home Address option; mipscope ignores that option"),
    // ICMPv4 / agent discovery (captures/crafted/icmpv4-arp.pcapng)
    ("icmp.mip.reserved", "icmpv4-arp.pcapng", "frame 4: tshark 4.0 counts the I flag (RFC 5944 §2.1.1 regional registration, RFC 4857) as a reserved bit (its mask is 0x3f); mipscope shows it as icmp.mip.i"),
    ("icmp.reserved", "icmpv4-arp.pcapng", "frame 5: tshark 4.0 shows no field for the 4 Reserved octets of a Router (Agent) Solicitation (RFC 1256 §3, RFC 5944 §2.2); mipscope does"),
];

/// Preferences given to tshark so that it shows what mipscope shows: (key:value, reason).
const TSHARK_PREFS: &[(&str, &str)] = &[
    ("ip.check_checksum:TRUE", "mipscope always verifies the IPv4 header checksum"),
    ("udp.check_checksum:TRUE", "mipscope always verifies UDP checksums"),
    ("tcp.check_checksum:TRUE", "mipscope always verifies TCP checksums (tcp.checksum.status, tcp.checksum_bad.expert)"),
    (
        "tcp.relative_sequence_numbers:FALSE",
        "mipscope keeps no per-stream state, so tcp.seq, tcp.ack and tcp.nxtseq are the raw numbers (tcp.seq_raw and tcp.ack_raw are equal under either setting)",
    ),
    ("pppoed.show_tags_and_lengths:TRUE", "mipscope always shows each PPPoE Discovery tag's type and length"),
];

/// Cells of single frames not compared: (field, file, frames, reason). As [`EXCLUDED`], for
/// disagreements confined to a few frames of a file.
/// Why [`EXCLUDED_FRAMES`] leaves out the Ethernet trailer cells of two frames.
const JUMBO_MISSING: &str = "a Payload Length of 0 before a Hop-by-Hop header with no valid Jumbo Payload option: tshark stops at its error and takes the frame's rest for an Ethernet trailer; mipscope reads the Hop-by-Hop header and what follows to the frame's end (no other length is left, RFC 2675 section 3), with the same error";

const EXCLUDED_FRAMES: &[(&str, &str, &[usize], &str)] = &[
    ("mip.ext.*", "mip4-extensions.pcapng", &[1], "RFC 5944 §1.9 One-byte Padding has no Length octet; tshark reads it as a type/length pair"),
    ("mip.ext.*", "mip4-extensions.pcapng", &[7, 8, 9, 10], "RFC 3957's KeyGen extensions 40-43 are long-form (Type, Sub-Type, 16-bit Length); tshark reads them short-form"),
    ("mip.ext.*", "mip4-extensions.pcapng", &[15], "tshark 4.0 decodes extension 48 (RFC 3846) only as raw octets, and reads them as a type/length pair"),
    ("mip.extension", "mip4-extensions.pcapng", &[1, 7, 8, 9, 10, 15], "as mip.ext.*"),
    ("mip6.bi.*", "seeds-mcoa.pcapng", &[5], "a Binding Identifier of Length 6, which RFC 5648 §6.1 does not allow (tshark accepts any Length >= 4)"),
    ("mip6.opt.len.invalid", "seeds-mcoa.pcapng", &[5], "as mip6.bi.*"),
    ("eth.trailer", "ipv6-jumbo.pcapng", &[1, 2], JUMBO_MISSING),
    ("eth.fcs", "ipv6-jumbo.pcapng", &[1, 2], JUMBO_MISSING),
    ("eth.fcs.status", "ipv6-jumbo.pcapng", &[1, 2], JUMBO_MISSING),
    ("eth.padding_bad", "ipv6-jumbo.pcapng", &[1, 2], JUMBO_MISSING),
    (
        "frame",
        "tcpdump-icmp6_mobileprefix_asan.pcap",
        &[2],
        "a frame of 0 octets: mipscope prints a protocol's cell as its octets, here none",
    ),
    (
        "mip6.options.ni",
        "optext-options.pcapng",
        &[34],
        "tshark does not know option 60, reads its Length from the wrong place (reference.md §1.8.2) and takes later octets for a Nonce Indices option",
    ),
    (
        "frame.protocols",
        "tcp-tunnels.pcapng",
        &[19, 20, 21],
        "tshark 4.0 leaves the VXLAN-GPE layer out of frame.protocols (its tree and JSON show it as vxlan, as mipscope does)",
    ),
    ("ip.addr", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("ip.host", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("ip.dst", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("ip.dst_host", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("ip.cur_rt", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("ip.cur_rt_host", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("udp.checksum.bad", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("udp.checksum.status", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("udp.checksum_calculated", "ipv4-options.pcapng", &[9], F9_ROUTE),
    (
        "ip.opt.ptr.before_address",
        "ipv4-options.pcapng",
        &[11],
        "a timestamp pointer of 4: RFC 791 §3.1 says the smallest legal value is 5; tshark 4.0 annotates it without an expert item",
    ),
];

const F9_ROUTE: &str = "a Loose Source Route of Length 9 (one address and 2 octets): tshark takes octets 5-8 of the option as the final destination (in its item's Dst, not as ip.dst; the header's as ip.cur_rt; used for the UDP pseudo-header); mipscope reads no final destination from a route that is not whole addresses (captures/crafted/README.md)";

/// Preferences given to mipscope so that it decodes what tshark decodes: (key=value, reason).
const MIPSCOPE_PREFS: &[(&str, &str)] =
    &[("ip.max_nesting=32", "tshark has no tunnel depth limit (tunnels.pcapng frame 6 nests 11 IPv6 headers)")];

/// tshark frames that are not packets and that mipscope therefore does not number as frames:
/// (file, tshark frame number, reason). Later tshark frames are renumbered for the comparison.
const TSHARK_EXTRA_FRAMES: &[(&str, usize, &str)] = &[(
    "linktypes.pcapng",
    6,
    "tshark shows the pcapng Custom Block (type 0xBAD) as a frame of its own; it is not a packet \
     (captures/crafted/README.md)",
)];

/// Longest command line (in bytes of `-e` arguments) before the field list is split.
const MAX_ARGS_LEN: usize = 16 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tshark_available() -> bool {
    Command::new("tshark").arg("-v").output().map(|o| o.status.success()).unwrap_or(false)
}

/// Whether tshark can run: without it `test` is skipped (said on stderr), unless `CI` is set.
fn tshark_here(test: &str) -> bool {
    if tshark_available() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("tshark is not installed but CI is set: the tshark comparison cannot run");
    }
    eprintln!("SKIPPED {test}: tshark not found on PATH (set CI to make this fatal)");
    false
}

/// (name -> type) for mipscope.
fn mipscope_fields() -> BTreeMap<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_mipscope")).arg("fields").output().expect("run mipscope fields");
    assert!(out.status.success(), "mipscope fields failed");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some((c.next()?.to_string(), c.next()?.to_string()))
        })
        .collect()
}

struct TsharkFields {
    /// field name -> (type, parent protocol filter name)
    fields: HashMap<String, (String, String)>,
    /// protocol filter names (the `P` lines)
    protocols: BTreeSet<String>,
}

fn tshark_fields() -> TsharkFields {
    let out = Command::new("tshark").args(["-G", "fields"]).output().expect("run tshark -G fields");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = HashMap::new();
    let mut protocols = BTreeSet::new();
    for line in text.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        match c.first() {
            Some(&"F") if c.len() >= 5 => {
                fields.insert(c[2].to_string(), (c[3].to_string(), c[4].to_string()));
            }
            Some(&"P") if c.len() >= 3 => {
                protocols.insert(c[2].to_string());
            }
            _ => {}
        }
    }
    TsharkFields { fields, protocols }
}

/// Protocol short name (as in "[Malformed Packet: MIPv6]") -> filter name ("mipv6").
fn tshark_protocol_short_names() -> HashMap<String, String> {
    let out = Command::new("tshark").args(["-G", "protocols"]).output().expect("run tshark -G protocols");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 3).then(|| (c[1].to_string(), c[2].to_string()))
        })
        .collect()
}

fn fixtures() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for dir in ["captures/real", "captures/crafted"] {
        for e in std::fs::read_dir(root().join(dir)).expect("read captures dir") {
            let p = e.expect("dir entry").path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".pcap") || name.ends_with(".pcapng") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn chunks(fields: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    let mut len = 0;
    for f in fields {
        if len + f.len() + 4 > MAX_ARGS_LEN && !out.last().unwrap().is_empty() {
            out.push(Vec::new());
            len = 0;
        }
        len += f.len() + 4;
        out.last_mut().unwrap().push(f.clone());
    }
    out
}

fn rows(stdout: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8_lossy(stdout).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// The `-T fields` options both tools are run with.
const FIELDS_ARGS: [&str; 8] = ["-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"];

/// Run tshark on `file` with `fields` plus trailing `_ws.malformed` and `_ws.short` columns
/// (and `frame.protocols` after them when `fields` lacks it).
fn run_tshark(file: &Path, fields: &[String]) -> Vec<Vec<String>> {
    let mut cmd = Command::new("tshark");
    cmd.env("TZ", "UTC").arg("-r").arg(file).args(FIELDS_ARGS);
    for (p, _) in TSHARK_PREFS {
        cmd.arg("-o").arg(p);
    }
    for f in fields {
        cmd.arg("-e").arg(f);
    }
    // tshark prints a field given twice only once, so frame.protocols is added only if missing.
    cmd.args(["-e", "_ws.malformed", "-e", "_ws.short"]);
    if !fields.iter().any(|f| f == "frame.protocols") {
        cmd.args(["-e", "frame.protocols"]);
    }
    rows(&tshark_cached(cmd))
}

/// tshark's stdout for `cmd`, from the cache under the target directory when this tshark has
/// run the same arguments on the same capture bytes before (tshark starts slowly; the
/// captures and tshark rarely change). Damaged captures make tshark exit non-zero after
/// printing the good packets, so the exit status is not looked at.
fn tshark_cached(mut cmd: Command) -> Vec<u8> {
    use std::hash::{Hash, Hasher};
    static VERSION: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let version = VERSION.get_or_init(|| Command::new("tshark").arg("-v").output().map(|o| o.stdout).unwrap_or_default());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    version.hash(&mut h);
    for a in cmd.get_args() {
        a.hash(&mut h);
        if let Ok(bytes) = std::fs::read(a) {
            bytes.hash(&mut h);
        }
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tshark-cache");
    let path = dir.join(format!("{:016x}", h.finish()));
    if let Ok(out) = std::fs::read(&path) {
        return out;
    }
    let out = cmd.output().expect("run tshark").stdout;
    // Written under a temporary name and renamed, so a parallel run never reads half a file.
    let tmp = dir.join(format!("{:016x}.{}.tmp", h.finish(), std::process::id()));
    if std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&tmp, &out))
        .and_then(|()| std::fs::rename(&tmp, &path))
        .is_err()
    {
        let _ = std::fs::remove_file(&tmp);
    }
    out
}

/// tshark's stdout (cached, [`tshark_cached`]) for `-r file` and `args`, in UTC.
fn tshark_text(file: &Path, args: &[&str]) -> Vec<u8> {
    let mut cmd = Command::new("tshark");
    cmd.env("TZ", "UTC").arg("-r").arg(file).args(args);
    tshark_cached(cmd)
}

/// `mipscope dissect -r file -w NAME` (in the tests' temporary directory): the copy's path.
fn written_copy(file: &Path, name: &str) -> PathBuf {
    let copy = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let out = Command::new(env!("CARGO_BIN_EXE_mipscope")).arg("dissect").arg("-r").arg(file).arg("-w").arg(&copy).output();
    let out = out.expect("run mipscope");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    copy
}

/// mipscope's stdout for `dissect -r file` and `args`.
fn mipscope_text(file: &Path, args: &[&str]) -> Vec<u8> {
    Command::new(env!("CARGO_BIN_EXE_mipscope"))
        .arg("dissect")
        .arg("-r")
        .arg(file)
        .args(args)
        .output()
        .expect("run mipscope")
        .stdout
}

fn run_mipscope(file: &Path, fields: &[String]) -> Vec<Vec<String>> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mipscope"));
    cmd.arg("dissect").arg("-r").arg(file).args(FIELDS_ARGS);
    for (p, _) in MIPSCOPE_PREFS {
        cmd.arg("-o").arg(p);
    }
    // Captures made for the drafts' layouts are read under the profile they were made for.
    if file.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains("-draft")) {
        cmd.arg("--profile").arg("draft");
    }
    for f in fields {
        cmd.arg("-e").arg(f);
    }
    let out = cmd.output().expect("run mipscope");
    rows(&out.stdout)
}

struct Diff {
    file: String,
    frame: String,
    field: String,
    tshark: String,
    mipscope: String,
}

fn excluded(field: &str, file: &str) -> bool {
    EXCLUDED.iter().any(|&(f, fl, _)| {
        let name_ok = match f.strip_suffix('*') {
            Some(prefix) => field.starts_with(prefix),
            None => f == field,
        };
        name_ok && (fl == "*" || fl == file)
    })
}

fn excluded_frame(field: &str, file: &str, frame: usize) -> bool {
    EXCLUDED_FRAMES.iter().any(|&(f, fl, frames, _)| {
        (f == field || f.strip_suffix('*').is_some_and(|p| field.starts_with(p))) && fl == file && frames.contains(&frame)
    })
}

/// Compares the cells of `fields` on `file`; for the names in `presence`, only whether a cell is
/// empty (tshark prints a protocol's cell as its label, its name or its octets, by protocol).
fn compare_file(
    file: &Path,
    fields: &[String],
    parent: &HashMap<String, String>,
    short_names: &HashMap<String, String>,
    presence: &BTreeSet<String>,
) -> Vec<Diff> {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let mut diffs = Vec::new();
    for chunk in chunks(fields) {
        let t_rows = run_tshark(file, &chunk);
        let m_rows = run_mipscope(file, &chunk);
        // Drop tshark's non-packet frames; remember how many were dropped before each row.
        let extra: Vec<usize> = TSHARK_EXTRA_FRAMES.iter().filter(|e| e.0 == name).map(|e| e.1).collect();
        let t_rows: Vec<(usize, Vec<String>)> = t_rows
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !extra.contains(&(i + 1)))
            .map(|(i, r)| (extra.iter().filter(|&&e| e < i + 1).count(), r))
            .collect();
        if t_rows.len() != m_rows.len() {
            diffs.push(Diff {
                file: name.clone(),
                frame: "-".into(),
                field: "(number of frames)".into(),
                tshark: t_rows.len().to_string(),
                mipscope: m_rows.len().to_string(),
            });
        }
        for (i, ((shift, t), m)) in t_rows.iter().zip(&m_rows).enumerate() {
            let frame = (i + 1).to_string();
            // Layer tshark gave up on, and the layers it reached, from the two trailing columns.
            // (An expert item of the Malformed group lists a hidden `_ws.malformed` before it.)
            let malformed: Option<&String> = t.get(chunk.len()).and_then(|c| {
                let s = &c[c.find("[Malformed Packet: ")? + "[Malformed Packet: ".len()..];
                let short = &s[..s.find(']')?];
                short_names.get(short)
            });
            let snapped: Option<&String> = t.get(chunk.len() + 1).and_then(|c| {
                let s = c.strip_prefix("[Packet size limited during capture: ")?;
                let short = s.strip_suffix(" truncated]")?;
                short_names.get(short)
            });
            let malformed = malformed.or(snapped);
            let protocols_col = chunk.iter().position(|f| f == "frame.protocols").unwrap_or(chunk.len() + 2);
            let reached: Vec<&str> = t.get(protocols_col).map(|c| c.split(':').collect()).unwrap_or_default();
            for (j, field) in chunk.iter().enumerate() {
                if excluded(field, &name) || excluded_frame(field, &name, i + 1) {
                    continue;
                }
                let mut tv = t.get(j).cloned().unwrap_or_default();
                // tshark's names that file other fields' values (mip6.nemo.mnp.pfl for the HNP) are
                // mipscope aliases (FieldDef::also): asked for directly, as a tshark user would.
                let mut mv = m.get(j).cloned().unwrap_or_default();
                if presence.contains(field) {
                    let shown = |c: &str| if c.is_empty() { String::new() } else { "(present)".to_string() };
                    (tv, mv) = (shown(&tv), shown(&mv));
                }
                if let Some(bad) = malformed {
                    let proto = parent.get(field).map(String::as_str).unwrap_or("");
                    let in_bad_layer = proto == bad || bad.starts_with(&format!("{proto}."));
                    let unreached = tv.is_empty() && proto != "frame" && !reached.contains(&proto);
                    let truncated_list = field == "frame.protocols" && mv.starts_with(&format!("{tv}:"));
                    if in_bad_layer || unreached || truncated_list {
                        continue;
                    }
                }
                if field == "frame.number" && *shift > 0 {
                    if let Ok(n) = tv.parse::<usize>() {
                        tv = (n - shift).to_string();
                    }
                }
                if tv != mv {
                    diffs.push(Diff { file: name.clone(), frame: frame.clone(), field: field.clone(), tshark: tv, mipscope: mv });
                }
            }
        }
    }
    diffs
}

#[test]
fn fields_match_tshark() {
    if !tshark_here("tshark_compare") {
        return;
    }
    for &(f, _, reason) in EXCLUDED {
        assert!(!reason.is_empty() && !f.is_empty());
    }
    for &(f, file, frames, reason) in EXCLUDED_FRAMES {
        assert!(!reason.is_empty() && !f.is_empty() && !file.is_empty() && !frames.is_empty());
    }
    for &(p, reason) in TSHARK_PREFS {
        assert!(!reason.is_empty() && p.contains(':'));
    }
    let ours = mipscope_fields();
    let theirs = tshark_fields();
    let short_names = tshark_protocol_short_names();
    let fields: Vec<String> = ours
        .iter()
        .filter(|(name, ty)| {
            let Some((tty, _)) = theirs.fields.get(name.as_str()) else { return false };
            *ty != "FT_PROTOCOL" && tty != "FT_PROTOCOL" && !theirs.protocols.contains(name.as_str())
        })
        .map(|(n, _)| n.clone())
        .collect();
    assert!(fields.len() > 100, "suspiciously few common fields: {}", fields.len());
    // Exclusions name fields compared here or protocols tshark_names_are_ours compares.
    let both: Vec<&String> =
        ours.keys().filter(|n| theirs.fields.contains_key(n.as_str()) || theirs.protocols.contains(n.as_str())).collect();
    for &(f, _, _) in EXCLUDED {
        let hit = match f.strip_suffix('*') {
            Some(p) => both.iter().any(|x| x.starts_with(p)),
            None => both.iter().any(|x| *x == f),
        };
        assert!(hit, "exclusion {f} matches no compared field");
    }
    for &(f, _, _, _) in EXCLUDED_FRAMES {
        let hit = match f.strip_suffix('*') {
            Some(p) => both.iter().any(|x| x.starts_with(p)),
            None => both.iter().any(|x| *x == f),
        };
        assert!(hit, "frame exclusion {f} matches no compared field");
    }
    let parent: HashMap<String, String> = fields.iter().map(|f| (f.clone(), theirs.fields[f].1.clone())).collect();

    let files = fixtures();
    assert!(!files.is_empty());
    // tshark takes ~0.5 s to start; run the files on a few threads.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 8);
    let queue = std::sync::Mutex::new(files.clone());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let Some(file) = queue.lock().unwrap().pop() else { break };
                let d = compare_file(&file, &fields, &parent, &short_names, &BTreeSet::new());
                results.lock().unwrap().extend(d);
            });
        }
    });
    let mut diffs = results.into_inner().unwrap();
    diffs.sort_by(|a, b| {
        (&a.file, a.frame.parse::<usize>().unwrap_or(0), &a.field).cmp(&(
            &b.file,
            b.frame.parse::<usize>().unwrap_or(0),
            &b.field,
        ))
    });
    eprintln!("tshark_compare: {} fields x {} capture files, {} exclusions", fields.len(), files.len(), EXCLUDED.len());
    if !diffs.is_empty() {
        let mut msg = format!("{} cells differ from tshark:\n", diffs.len());
        for d in &diffs {
            msg += &format!("  {} frame {} {}: tshark={:?} mipscope={:?}\n", d.file, d.frame, d.field, d.tshark, d.mipscope);
        }
        panic!("{msg}");
    }
}

/// Names tshark 4.0 shows on the fixtures that mipscope does not have, with the reason. A name
/// ending in `*` is a prefix. Everything else tshark's PDML names must be a mipscope field or
/// alias, and give tshark's cells under `-T fields -e` ([`tshark_names_are_ours`]).
const NOT_OURS: &[(&str, &str)] = &[
    ("geninfo", "PDML's own packet summary element, not a field"),
    ("num", "PDML's geninfo element (frame.number is the field)"),
    ("len", "PDML's geninfo element (frame.len is the field)"),
    ("caplen", "PDML's geninfo element (frame.cap_len is the field)"),
    ("timestamp", "PDML's geninfo element (frame.time is the field)"),
    ("fake-field-wrapper", "PDML's wrapper around text items that have no field"),
    ("_ws.short", "tshark's exception item for a snap-length cut; mipscope reports it as _ws.malformed.snapped"),
    (
        "_ws.malformed.expert",
        "tshark's exception item; mipscope reports the cause with its own expert item (_ws.malformed.truncated and the layer's)",
    ),
    (
        "_ws.string.trailing_stray_characters",
        "tshark reads every MN Identifier subtype as text; mipscope decodes subtypes 2-8 (RFC 8371)",
    ),
    ("frame.cb_*", "the pcapng Custom Block (linktypes.pcapng) is not a packet for mipscope (TSHARK_EXTRA_FRAMES)"),
    ("eth.addr_resolved", "name resolution from Wireshark's manuf database, which mipscope does not carry"),
    ("eth.dst_resolved", "as eth.addr_resolved"),
    ("eth.src_resolved", "as eth.addr_resolved"),
    ("eth.addr.oui_resolved", "as eth.addr_resolved"),
    ("eth.dst.oui_resolved", "as eth.addr_resolved"),
    ("eth.src.oui_resolved", "as eth.addr_resolved"),
    ("tcp.analysis*", "TCP conversation analysis: mipscope keeps no per-stream state"),
    ("tcp.stream", "TCP conversation numbering: no per-stream state"),
    ("tcp.completeness", "TCP conversation analysis: no per-stream state"),
    ("tcp.connection.*", "TCP conversation analysis: no per-stream state"),
    ("tcp.time_*", "TCP conversation timestamps: no per-stream state"),
    ("tcp.window_size", "the scaled window needs the handshake's state; mipscope shows tcp.window_size_value"),
    ("tcp.window_size_scalefactor", "as tcp.window_size"),
    ("udp.stream", "UDP conversation numbering: mipscope keeps no conversation table"),
    ("udp.time_*", "UDP conversation timestamps: no conversation table"),
    ("ip.ttl.too_small", "tshark notes every non-multicast packet with TTL < 5; RFC 5944 §2.1/§2.2 require TTL 1 of the broadcast agent advertisements and solicitations it flags here"),
    ("ipv6.routing.rpl.*", "not yet: the RPL Source Route header (RFC 6554, routing type 3) is shown as type data"),
];

/// The field names in tshark's PDML (`<field name=…>` and `<proto name=…>`).
fn pdml_names(pdml: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(pdml);
    let mut names = BTreeSet::new();
    for tag in ["<field name=\"", "<proto name=\""] {
        for (i, _) in text.match_indices(tag) {
            let rest = &text[i + tag.len()..];
            if let Some(end) = rest.find('"') {
                if end > 0 {
                    names.insert(rest[..end].to_string());
                }
            }
        }
    }
    names
}

fn not_ours(name: &str) -> bool {
    NOT_OURS.iter().any(|&(n, _)| match n.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => n == name,
    })
}

/// Every field name tshark 4.0 shows on a fixture (in its PDML, hidden fields included) is a
/// mipscope field or alias, and `-T fields -e` gives tshark's cells under it (for protocols:
/// the same frames have it), except the names of [`NOT_OURS`] — so a tshark user's `-e` lists
/// and filters keep working. tshark's output is cached under the target directory.
#[test]
fn tshark_names_are_ours() {
    if !tshark_here("tshark_names_are_ours") {
        return;
    }
    for &(n, reason) in NOT_OURS {
        assert!(!n.is_empty() && !reason.is_empty());
    }
    let ours = mipscope_fields();
    let theirs = tshark_fields();
    let short_names = tshark_protocol_short_names();
    let files = fixtures();
    let queue = std::sync::Mutex::new(files.clone());
    let seen = std::sync::Mutex::new(BTreeSet::new());
    let missing = std::sync::Mutex::new(BTreeMap::<String, String>::new());
    let diffs = std::sync::Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let Some(file) = queue.lock().unwrap().pop() else { break };
                let mut cmd = Command::new("tshark");
                cmd.env("TZ", "UTC").arg("-r").arg(&file).args(["-T", "pdml"]);
                for (p, _) in TSHARK_PREFS {
                    cmd.arg("-o").arg(p);
                }
                let names = pdml_names(&tshark_cached(cmd));
                let name = file.file_name().unwrap().to_string_lossy().to_string();
                let mut fields = Vec::new();
                for n in &names {
                    if not_ours(n) {
                        continue;
                    }
                    if ours.contains_key(n) {
                        fields.push(n.clone());
                    } else {
                        missing.lock().unwrap().entry(n.clone()).or_insert_with(|| name.clone());
                    }
                }
                let presence: BTreeSet<String> = fields
                    .iter()
                    .filter(|f| {
                        theirs.protocols.contains(f.as_str())
                            || theirs.fields.get(f.as_str()).is_some_and(|t| t.0 == "FT_PROTOCOL")
                    })
                    .cloned()
                    .collect();
                let parent: HashMap<String, String> =
                    fields.iter().filter_map(|f| Some((f.clone(), theirs.fields.get(f)?.1.clone()))).collect();
                let d = compare_file(&file, &fields, &parent, &short_names, &presence);
                diffs.lock().unwrap().extend(d);
                seen.lock().unwrap().extend(names);
            });
        }
    });
    let seen = seen.into_inner().unwrap();
    for &(n, _) in NOT_OURS {
        let hit = match n.strip_suffix('*') {
            Some(p) => seen.iter().any(|x| x.starts_with(p)),
            None => seen.contains(n),
        };
        assert!(hit, "NOT_OURS entry {n} matches no name tshark shows on the fixtures");
        assert!(n.ends_with('*') || !ours.contains_key(n), "NOT_OURS entry {n} is a mipscope field: compare it instead");
    }
    let missing = missing.into_inner().unwrap();
    let mut diffs = diffs.into_inner().unwrap();
    diffs.sort_by(|a, b| {
        (&a.file, a.frame.parse::<usize>().unwrap_or(0), &a.field).cmp(&(
            &b.file,
            b.frame.parse::<usize>().unwrap_or(0),
            &b.field,
        ))
    });
    eprintln!(
        "tshark_names_are_ours: {} names in tshark's PDML, {} not ours by NOT_OURS",
        seen.len(),
        seen.iter().filter(|n| not_ours(n)).count()
    );
    let mut msg = String::new();
    for (n, file) in &missing {
        msg += &format!("  {n} (first seen in {file}) is not a mipscope field or alias\n");
    }
    for d in &diffs {
        msg += &format!("  {} frame {} {}: tshark={:?} mipscope={:?}\n", d.file, d.frame, d.field, d.tshark, d.mipscope);
    }
    assert!(msg.is_empty(), "{} names missing, {} cells differ:\n{msg}", missing.len(), diffs.len());
}

/// `-e _ws.col.<title>` (the packet list's columns, under tshark's names): the frame number,
/// time and length cells are tshark's on every fixture. (The other columns are the packet
/// list's, which says more than tshark's in places; `tests/cli.rs` checks each cell is the
/// packet list's text.)
#[test]
fn column_cells_match_tshark() {
    if !tshark_here("column_cells_match_tshark") {
        return;
    }
    // tshark 4.0 shows the file's pcapng Custom Block (between packets 5 and 6) as a frame of
    // its own, so its frame numbers run one ahead from there.
    const NOT_ALIGNED: &str = "linktypes.pcapng";
    let cols: Vec<String> = ["_ws.col.No.", "_ws.col.Time", "_ws.col.Length"].map(String::from).to_vec();
    let mut compared = 0;
    let mut diffs = Vec::new();
    for file in fixtures() {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if name == NOT_ALIGNED {
            continue;
        }
        let (t, m) = (run_tshark(&file, &cols), run_mipscope(&file, &cols));
        if t.len() != m.len() {
            diffs.push(format!("{name}: tshark {} rows, mipscope {}", t.len(), m.len()));
            continue;
        }
        for (tr, mr) in t.iter().zip(&m) {
            let (tc, mc) = (tr.get(..3).unwrap_or(tr), mr.get(..3).unwrap_or(mr));
            if tc != mc {
                diffs.push(format!("{name}: tshark {tc:?}, mipscope {mc:?}"));
            }
            compared += 1;
        }
    }
    assert!(diffs.is_empty(), "{} column rows differ:\n{}", diffs.len(), diffs.join("\n"));
    assert!(compared > 500, "only {compared} rows compared");
}

/// A classic pcap file header (version 2.4, snap length 65,535, Ethernet), in microseconds or
/// nanoseconds.
fn pcap_header(nanos: bool) -> Vec<u8> {
    let magic: u32 = if nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 };
    let mut f = Vec::new();
    for v in [
        magic.to_le_bytes().as_slice(),
        &2u16.to_le_bytes(),
        &4u16.to_le_bytes(),
        &[0; 8],
        &65535u32.to_le_bytes(),
        &1u32.to_le_bytes(),
    ] {
        f.extend_from_slice(v);
    }
    f
}

/// A classic pcap of IPv6 frames (no next header) at `times` (seconds, fraction in the
/// file's units: microseconds, or nanoseconds with `nanos`).
fn timed_pcap(path: &Path, times: &[(u32, u32)], nanos: bool) {
    let mut f = pcap_header(nanos);
    let mut frame = vec![0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x86, 0xdd];
    frame.extend_from_slice(&[0x60, 0, 0, 0, 0, 0, 59, 64]);
    frame.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    frame.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    for &(s, frac) in times {
        for v in [s, frac, frame.len() as u32, frame.len() as u32] {
            f.extend_from_slice(&v.to_le_bytes());
        }
        f.extend_from_slice(&frame);
    }
    std::fs::write(path, f).unwrap();
}

/// One little-endian pcapng block: its type, its length (twice) around `body`.
fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
    let len = (12 + body.len()) as u32;
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&len.to_le_bytes());
}

/// An Ethernet frame with an IPv6 header and nothing after it (No Next Header): 54 octets.
fn eth_ipv6_frame() -> Vec<u8> {
    let mut eth = vec![0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x86, 0xdd];
    eth.extend_from_slice(&[0x60, 0, 0, 0, 0, 0, 59, 64]);
    eth.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    eth.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    eth
}

/// A pcapng file of the same frame on two interfaces: nanoseconds (`if_tsresol` 9), and
/// microseconds shifted `offset` seconds (`if_tsoffset`); `packets` are (interface, time in
/// the interface's units).
fn timed_pcapng(path: &Path, offset: i64, packets: &[(u32, u64)]) {
    let mut f = Vec::new();
    let mut shb = 0x1a2b_3c4du32.to_le_bytes().to_vec();
    shb.extend_from_slice(&[1, 0, 0, 0]);
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    block(&mut f, 0x0a0d_0d0a, &shb);
    let idb = |opts: &[u8]| {
        let mut b = vec![1, 0, 0, 0];
        b.extend_from_slice(&65535u32.to_le_bytes());
        b.extend_from_slice(opts);
        b.extend_from_slice(&[0, 0, 0, 0]);
        b
    };
    // if_tsresol 9 (padded to 4 octets); if_tsoffset (8 octets).
    block(&mut f, 1, &idb(&[9, 0, 1, 0, 9, 0, 0, 0]));
    let mut off = vec![14, 0, 8, 0];
    off.extend_from_slice(&offset.to_le_bytes());
    block(&mut f, 1, &idb(&off));
    let mut frame = vec![0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x86, 0xdd];
    frame.extend_from_slice(&[0x60, 0, 0, 0, 0, 0, 59, 64]);
    frame.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    frame.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    frame.extend_from_slice(&[0, 0]); // to a multiple of four octets
    for &(iface, t) in packets {
        let mut epb = iface.to_le_bytes().to_vec();
        for v in [(t >> 32) as u32, t as u32, 54, 54] {
            epb.extend_from_slice(&v.to_le_bytes());
        }
        epb.extend_from_slice(&frame);
        block(&mut f, 6, &epb);
    }
    std::fs::write(path, f).unwrap();
}

/// `-t` and `-u`: the time column in every format tshark has, with and without a display
/// filter (which `dd` measures from), equal to tshark's `_ws.col.Time` under `TZ=UTC`. The
/// times go back and forth (negative deltas), past an hour and a day, into a leap year's
/// March and across a new year, and before 1970; captures in microseconds, in nanoseconds, and
/// both at once (pcapng). Not here:
/// spans of 2^31 seconds or more, where tshark's `-u hms` overflows its `int`s.
#[test]
fn time_formats_match_tshark() {
    if !tshark_here("time_formats_match_tshark") {
        return;
    }
    const B: u32 = 1_767_225_600; // 2026-01-01 00:00:00 UTC
    let usec = [
        (B, 0),
        (B + 5, 500_000),
        (B + 65, 250_000),
        (B + 3_605, 500_000),
        (B + 90_000, 100_000),
        (B + 89_990, 0),
        (B + 90_000, 999_999),
        (B - 5, 900_000),
        (B - 3_675, 150_000),
        (B - 100_000, 1),
        (951_868_800, 5),    // 2000-03-01, day 61 of a leap year
        (1_735_689_599, 42), // 2024-12-31 23:59:59, day 366
    ];
    let nsec: Vec<(u32, u32)> = usec.iter().map(|&(s, f)| (s, f * 1_000 + 7)).collect();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let files = [dir.join("time-formats-usec.pcap"), dir.join("time-formats-nsec.pcap"), dir.join("time-formats-1969.pcapng")];
    timed_pcap(&files[0], &usec, false);
    timed_pcap(&files[1], &nsec, true);
    // Before 1970 (the microsecond interface shifted back 100,000 s): tshark's epoch time is
    // the stored seconds, then the fraction. And a microsecond frame a nanosecond before a
    // nanosecond one: a negative time that shows as zero, which `-u hms` still signs.
    timed_pcapng(
        &files[2],
        -100_000,
        &[
            (0, 5_000_000_001),
            (1, 100_005_000_000),
            (1, 4_500_000),
            (0, 3_600_000_000_123),
            (1, 103_600_000_123),
            (1, 100_000_500_000),
        ],
    );
    let mut compared = 0;
    let mut diffs = Vec::new();
    for file in &files {
        for t in ["a", "ad", "adoy", "d", "dd", "e", "r", "u", "ud", "udoy"] {
            for u in ["s", "hms"] {
                for filter in [None, Some("frame.number % 3 != 1")] {
                    let mut args: Vec<&str> = vec!["-t", t, "-u", u, "-T", "fields", "-e", "frame.number", "-e", "_ws.col.Time"];
                    if let Some(y) = filter {
                        args.extend(["-Y", y]);
                    }
                    let mut cmd = Command::new("tshark");
                    cmd.env("TZ", "UTC").arg("-r").arg(file).args(&args);
                    let theirs = String::from_utf8(tshark_cached(cmd)).unwrap();
                    let ours = Command::new(env!("CARGO_BIN_EXE_mipscope"))
                        .arg("dissect")
                        .arg("-r")
                        .arg(file)
                        .args(&args)
                        .output()
                        .unwrap();
                    assert!(ours.status.success(), "{}", String::from_utf8_lossy(&ours.stderr));
                    let ours = String::from_utf8(ours.stdout).unwrap();
                    assert_eq!(theirs.lines().count(), ours.lines().count(), "{args:?}");
                    for (a, b) in theirs.lines().zip(ours.lines()) {
                        compared += 1;
                        if a != b {
                            diffs.push(format!("{} {args:?}: tshark {a:?}, mipscope {b:?}", file.display()));
                        }
                    }
                }
            }
        }
    }
    assert!(diffs.is_empty(), "{} time cells differ:\n{}", diffs.len(), diffs.join("\n"));
    assert!(compared > 700, "only {compared} cells compared");
}

/// `-E quote=d|s|n`, `bom=y`, `header=y`, `separator`, `occurrence` and the time column's
/// `-t`/`-u` together: byte for byte tshark's output, header and byte order mark included.
/// Quotes go around a whole cell (every occurrence), and an empty cell stays empty.
#[test]
fn field_options_match_tshark() {
    if !tshark_here("field_options_match_tshark") {
        return;
    }
    let files =
        ["crafted/mh-options.pcapng", "crafted/mh-messages.pcapng", "real/zeek-mip6_bu.pcap", "crafted/mip4-messages.pcapng"];
    let fields =
        ["frame.number", "ipv6.addr", "_ws.col.Time", "_ws.col.Length", "ip.src", "frame.len", "mip6.bu.seqnr", "udp.port"];
    let options: [&[&str]; 6] = [
        &["-E", "quote=d", "-E", "header=y", "-E", "separator=,"],
        &["-E", "quote=s", "-E", "occurrence=f"],
        &["-E", "quote=n", "-E", "occurrence=l", "-E", "aggregator=/s"],
        &["-E", "bom=y", "-E", "header=y"],
        &["-E", "bom=y", "-E", "quote=d", "-t", "ad", "-u", "hms"],
        &["-E", "quote=d", "-E", "separator=/s", "-t", "e"],
    ];
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("captures");
    for file in files {
        let file = root.join(file);
        for opts in options {
            let mut args: Vec<&str> = vec!["-T", "fields"];
            args.extend_from_slice(opts);
            for f in fields {
                args.extend(["-e", f]);
            }
            let mut cmd = Command::new("tshark");
            cmd.env("TZ", "UTC").arg("-r").arg(&file).args(&args);
            let theirs = tshark_cached(cmd);
            let ours =
                Command::new(env!("CARGO_BIN_EXE_mipscope")).arg("dissect").arg("-r").arg(&file).args(&args).output().unwrap();
            assert!(ours.status.success(), "{}", String::from_utf8_lossy(&ours.stderr));
            assert!(theirs.len() > 40, "{} {opts:?}: tshark printed {} octets", file.display(), theirs.len());
            assert_eq!(String::from_utf8_lossy(&ours.stdout), String::from_utf8_lossy(&theirs), "{} {opts:?}", file.display());
        }
    }
}

/// String values in the `-V` tree: what Wireshark reads from the octets (ASCII or UTF-8 by
/// field, up to a NUL) and how its `format_text` escapes controls, on `strings.pcapng`, whose
/// frames put awkward octets in every string field both tools decode. (The `-T fields` cells
/// of the same file are compared by [`fields_match_tshark`], as every fixture's.)
#[test]
fn string_labels_match_tshark() {
    if !tshark_here("string_labels_match_tshark") {
        return;
    }
    let file = root().join("captures/crafted/strings.pcapng");
    const LABELS: &[&str] = &["NAI: ", "MsgStr Text: ", "Identifier: ", "Network Name: ", "Access-Point Name: "];
    let values = |stdout: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(stdout)
            .lines()
            .map(str::trim_start)
            .filter(|l| LABELS.iter().any(|p| l.starts_with(p)))
            .map(String::from)
            .collect()
    };
    let t = values(&tshark_text(&file, &["-V"]));
    let m = values(&mipscope_text(&file, &["-V"]));
    // Per string: NAI, MsgStr Text, MN Identifier, Service Selection Identifier, both names.
    assert_eq!(t.len(), 8 * 6, "tshark's lines: {t:#?}");
    assert_eq!(m, t);
}

/// The GRE layer's line is tshark's: "Generic Routing Encapsulation (IPv6)", the payload's
/// protocol and nothing more (mipscope once added the key, which tshark 4.0 shows only on its
/// own row).
#[test]
fn gre_lines_match_tshark() {
    if !tshark_here("gre_lines_match_tshark") {
        return;
    }
    let lines = |out: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(out)
            .lines()
            .filter(|l| l.trim_start().starts_with("Generic Routing Encapsulation"))
            .map(String::from)
            .collect()
    };
    let mut seen = 0;
    for f in fixtures() {
        let theirs = lines(&tshark_text(&f, &["-V"]));
        assert_eq!(lines(&mipscope_text(&f, &["-V"])), theirs, "{}", f.display());
        seen += theirs.len();
    }
    assert!(seen >= 8, "{seen} GRE lines");
}

/// Payloads left as data, labelled and placed as tshark: a one-octet payload is "Data (1 byte)",
/// and a GRE payload of a Protocol Type that is not decoded is data inside the GRE subtree, whose
/// line names the type as "(0x1234 - unknown)" (both found by a review: "Data (1 bytes)", and
/// "(Unknown)" with the data after the GRE subtree).
#[test]
fn undecoded_payloads_match_tshark() {
    if !tshark_here("undecoded_payloads_match_tshark") {
        return;
    }
    // IPv4 (checksum left for the tools to find wrong alike) carrying `proto` and `payload`.
    let ipv4 = |proto: u8, payload: &[u8]| -> Vec<u8> {
        let mut f = vec![0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00];
        let total = (20 + payload.len()) as u16;
        f.extend_from_slice(&[0x45, 0, (total >> 8) as u8, total as u8, 0, 1, 0x40, 0, 64, proto, 0, 0]);
        f.extend_from_slice(&[192, 0, 2, 1, 198, 51, 100, 1]);
        f.extend_from_slice(payload);
        f
    };
    let udp_one = ipv4(17, &[0x9c, 0x40, 0x9c, 0x41, 0, 9, 0, 0, 0x2a]);
    let mut gre = vec![0x00, 0x00, 0x12, 0x34];
    gre.extend_from_slice(b"twelve octet");
    let gre = ipv4(47, &gre);
    let mut f = pcap_header(false);
    for (i, frame) in [udp_one, gre].iter().enumerate() {
        for v in [i as u32, 0, frame.len() as u32, frame.len() as u32] {
            f.extend_from_slice(&v.to_le_bytes());
        }
        f.extend_from_slice(frame);
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("undecoded-{}.pcap", std::process::id()));
    std::fs::write(&path, f).unwrap();
    // The layers after IPv4: GRE and Data lines with their depth, and the Data dumps.
    let lines = |out: &[u8]| -> Vec<String> {
        let text = String::from_utf8_lossy(out).into_owned();
        let keep = |l: &&str| {
            let t = l.trim_start();
            t.starts_with("Generic Routing Encapsulation")
                || t.starts_with("Data")
                || t.starts_with("Protocol Type")
                || t.starts_with("0000  ")
        };
        text.lines().filter(keep).map(String::from).collect()
    };
    let mut cmd = Command::new("tshark");
    cmd.env("TZ", "UTC").arg("-r").arg(&path).arg("-V");
    let theirs = lines(&cmd.output().expect("run tshark").stdout);
    let ours = Command::new(env!("CARGO_BIN_EXE_mipscope"))
        .arg("dissect")
        .arg("-r")
        .arg(&path)
        .arg("-V")
        .output()
        .expect("run mipscope");
    std::fs::remove_file(&path).ok();
    assert_eq!(lines(&ours.stdout), theirs);
    assert!(theirs.iter().any(|l| l == "Data (1 byte)") && theirs.iter().any(|l| l == "    Data (12 bytes)"), "{theirs:#?}");
}

/// Frames whose Data items differ between the tools, and so do their `-V` hex dumps: (file,
/// frame, reason).
const DATA_ITEMS_DIFFER: &[(&str, usize, &str)] = &[
    ("ipv4-options.pcapng", 18, "tshark stops at the malformed option (an exception); mipscope goes on to UDP and its payload"),
    (
        "zeek-ipv6-mobility-dst-opts.pcap",
        1,
        "hostile capture: tshark stops at a Destination Options header that runs past the packet (an exception); mipscope shows what follows as data",
    ),
    ("mip4-messages.pcapng", 12, TUNNEL_GRE),
    ("mip4-messages.pcapng", 13, TUNNEL_GRE),
];

const TUNNEL_GRE: &str = "Tunnel Data whose next header is not IPv4 (RFC 3519 §3.3): tshark reads the payload as IPv4 all the same, mipscope shows it as data";

/// Hex dumps as tshark 4.0 prints them: `-x` alone prints each frame's octets (and a
/// reassembled payload under its name) and nothing else, byte for byte as tshark; `-V` prints
/// each Data item's octets after its line, which `-V -x` leaves to the frame's dump.
#[test]
fn hex_dumps_match_tshark() {
    if !tshark_here("hex_dumps_match_tshark") {
        return;
    }
    let is_hex = |l: &str| l.len() > 6 && l.as_bytes()[..4].iter().all(u8::is_ascii_hexdigit) && l.contains("  ");
    // Per frame: its hex lines, from its "Frame N: " line.
    let per_frame = |stdout: &[u8]| -> Vec<(usize, Vec<String>)> {
        let mut frames: Vec<(usize, Vec<String>)> = Vec::new();
        for l in String::from_utf8_lossy(stdout).lines() {
            // (tshark's pcapng Custom Block, a frame of its own there, starts so.)
            let start = l.strip_prefix("Frame ").or_else(|| l.strip_prefix("PCAPNG Custom Block "));
            if let Some(n) = start.and_then(|r| r.split(':').next()).and_then(|n| n.parse().ok()) {
                frames.push((n, Vec::new()));
            } else if let Some((_, lines)) = frames.last_mut().filter(|_| is_hex(l)) {
                lines.push(l.to_string());
            }
        }
        frames
    };
    let (mut frames, mut data_dumps) = (0, 0);
    for f in fixtures() {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let extra: Vec<usize> = TSHARK_EXTRA_FRAMES.iter().filter(|e| e.0 == name).map(|e| e.1).collect();
        // -x: one block per frame, then an empty line.
        let theirs = String::from_utf8_lossy(&tshark_text(&f, &["-x"])).into_owned();
        let theirs: Vec<&str> =
            theirs.split_inclusive("\n\n").enumerate().filter(|(i, _)| !extra.contains(&(i + 1))).map(|(_, b)| b).collect();
        let ours_x = mipscope_text(&f, &["-x"]);
        assert_eq!(String::from_utf8_lossy(&ours_x), theirs.concat(), "{name}: -x");
        frames += theirs.len();
        // -V: the Data items' dumps; -V -x: none.
        let mut theirs = per_frame(&tshark_text(&f, &["-V"]));
        theirs.retain(|(n, _)| !extra.contains(n));
        for (n, _) in &mut theirs {
            *n -= extra.iter().filter(|e| **e < *n).count();
        }
        let mut ours = per_frame(&mipscope_text(&f, &["-V"]));
        for d in DATA_ITEMS_DIFFER.iter().filter(|d| d.0 == name) {
            theirs.retain(|(n, _)| *n != d.1);
            ours.retain(|(n, _)| *n != d.1);
        }
        assert_eq!(ours, theirs, "{name}: -V");
        data_dumps += theirs.iter().filter(|(_, l)| !l.is_empty()).count();
        // -V -x: the frame's dump alone, no Data item's (tshark's rule, not compared with it:
        // the trees differ elsewhere).
        let hex_lines =
            |out: &[u8]| String::from_utf8_lossy(out).lines().filter(|l| is_hex(l)).map(String::from).collect::<Vec<_>>();
        assert_eq!(hex_lines(&mipscope_text(&f, &["-V", "-x"])), hex_lines(&ours_x), "{name}: -V -x");
    }
    assert!(frames > 600 && data_dumps > 40, "{frames} frames, {data_dumps} with Data dumps");
}

/// Mobile IPv4's extensions sit in one "Extensions" subtree under the message, present when
/// anything follows the fixed part, as in tshark's tree: each frame's lines "Extensions" (with
/// their depth) and the depth of the "Extension: " lines under them are tshark's, on every
/// fixture with a registration or revocation message tshark decodes (the HAaRO messages it does
/// not know are left out, and so is the count of extensions: tshark reads a one-byte padding
/// with a Length octet).
#[test]
fn mip4_extensions_subtree_matches_tshark() {
    if !tshark_here("mip4_extensions_subtree_matches_tshark") {
        return;
    }
    // By number: the two tools name type 15 differently (RFC 3543's "Acknowledgment").
    const DECODED: &[&str] = &["(1)", "(3)", "(7)", "(15)"];
    // Per frame that holds a message tshark decodes: the depth of each "Extensions" line and of
    // the first "Extension: " line after it.
    // Per frame: (depth of "Extensions", depth of the first "Extension: " under it).
    type Shape = Vec<(usize, Vec<(usize, Option<usize>)>)>;
    let shape = |stdout: &[u8]| -> Shape {
        let text = String::from_utf8_lossy(stdout).into_owned();
        let mut frames = Vec::new();
        // Each frame's lines, from its "Frame N: " line at the left margin.
        let mut split: Vec<(usize, Vec<&str>)> = Vec::new();
        for l in text.lines() {
            let number = l.strip_prefix("Frame ").and_then(|r| r.split(':').next()).and_then(|n| n.parse().ok());
            match (number, split.last_mut()) {
                (Some(n), _) => split.push((n, vec![l])),
                (None, Some((_, lines))) => lines.push(l),
                (None, None) => {}
            }
        }
        for (n, lines) in split {
            let decoded =
                |l: &&str| l.trim().strip_prefix("Message Type: ").is_some_and(|v| DECODED.iter().any(|n| v.ends_with(n)));
            if !lines.iter().any(decoded) {
                continue;
            }
            // Depths under the message's "Mobile IP" line: tshark puts the Mobile IP tree of a
            // packet quoted in an ICMP error at the top level, mipscope under the error with the
            // rest of the quoted packet.
            let depth = |l: &str| l.len() - l.trim_start().len();
            let exts = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.trim() == "Extensions")
                .map(|(i, l)| {
                    let top = lines[..i].iter().rev().find(|l| l.trim() == "Mobile IP").map_or(0, |l| depth(l));
                    let first = lines[i + 1..].iter().find(|l| l.trim_start().starts_with("Extension: "));
                    (depth(l) - top, first.map(|l| depth(l) - top))
                })
                .collect();
            frames.push((n, exts));
        }
        frames
    };
    let mut compared = 0;
    let mut with_exts = 0;
    for f in fixtures() {
        let mut t = shape(&tshark_text(&f, &["-V"]));
        if t.is_empty() {
            continue;
        }
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        for (n, _) in &mut t {
            *n -= TSHARK_EXTRA_FRAMES.iter().filter(|e| e.0 == name && e.1 < *n).count();
        }
        let mut m = shape(&mipscope_text(&f, &["-V"]));
        // tshark stops at an extension whose Length runs past the message (an exception, no
        // "Extension: " line); mipscope shows it with an error (mip.ext.len.past_end).
        for ((_, ours), (_, theirs)) in m.iter_mut().zip(&t) {
            for ((_, o), (_, th)) in ours.iter_mut().zip(theirs) {
                if th.is_none() {
                    *o = None;
                }
            }
        }
        assert_eq!(m, t, "{}", f.display());
        compared += t.len();
        with_exts += t.iter().filter(|(_, e)| !e.is_empty()).count();
    }
    // The four Mobile IPv4 fixtures and strings.pcapng, with and without extensions.
    assert!(compared >= 60 && with_exts >= 50 && compared > with_exts, "{compared} frames, {with_exts} with extensions");
}

/// Protocols whose labels [`labels_match_tshark`] compares: the mobility signalling and the
/// traffic around it (field-name prefixes).
const LABEL_PROTOCOLS: &[&str] = &[
    "eth.", "vlan.", "sll.", "null.", "arp.", "ip.", "ipv6.", "udp.", "tcp.", "gre.", "icmp.", "icmpv6.", "pppoe", "ppp.",
    "vxlan.", "data.", "mip6.", "mip.",
];

/// Labels not compared: (field, file or `"*"`, frames (none: all), reason), beyond the cells
/// [`EXCLUDED`] and [`EXCLUDED_FRAMES`] leave out. A field ending in `*` is a prefix.
const LABELS_EXCLUDED: &[(&str, &str, &[usize], &str)] = &[
    ("eth.dst.oui", "*", &[], "tshark names the vendor from its manuf database (\"00:00:00 (Officially Xerox, but\"), which mipscope does not carry; the field is hidden"),
    ("eth.src.oui", "*", &[], "as eth.dst.oui"),
    ("icmp.checksum", "icmpv4-arp.pcapng", &[26], UNVERIFIED_CUT),
    ("icmpv6.checksum", "tcpdump-icmp6_mobileprefix_asan.pcap", &[1], UNVERIFIED_CUT),
    ("icmpv6.checksum", "icmpv6-nd.pcapng", &[23, 29, 31], UNVERIFIED_CUT),
    ("icmp.mip.v", "*", &[], "RFC 5944 §2.1.1 makes the former VJ compression bit the reserved r bit (sent as zero, ignored); tshark 4.0 still calls it VJ Comp"),
    ("icmp.mip.flags", "*", &[], "the flags' summary names r (tshark: VJ Comp, icmp.mip.v) and RFC 4857's I bit, Regional registration, which tshark 4.0 counts as reserved"),
    ("icmpv6.mld.maximum_response_code", "*", &[], "mipscope decodes RFC 3810 §5.1.3's floating-point code (\"1000 ms (code 0x03e8)\"); tshark shows the code as a number, which misleads from 32768 on"),
    ("icmpv6.mld.qqi", "*", &[], "as icmpv6.mld.maximum_response_code (RFC 3810 §5.1.9's QQIC, in seconds)"),
    ("icmpv6.opt", "icmpv6-nd.pcapng", &[2, 19], "mipscope's Home Agent Information line says its preference and lifetime"),
    ("icmpv6.opt.home_agent_lifetime", "*", &[], "tshark 4.0 labels the Home Agent Lifetime \"Home Agent Preference\" (RFC 6275 §7.4); mipscope also gives its unit"),
    ("icmpv6.opt.home_agent_preference", "*", &[], "RFC 6275 §7.4 makes the preference a signed 16-bit integer: mipscope shows 65535 as (-1)"),
    ("udp.checksum", "ipv4-options.pcapng", &[9], F9_ROUTE),
    ("tcp.payload", "tcp-tunnels.pcapng", &[22], CUT_COUNT),
    ("tcp.options", "tcp-tunnels.pcapng", &[11, 23], CUT_COUNT),
    ("vxlan.flags_reserved", "tcp-tunnels.pcapng", &[], "VXLAN-GPE: draft-ietf-nvo3-vxlan-gpe-12 §3.2 gives the B bit (BUM traffic, shown on its own) where tshark 4.0 has a reserved bit"),
    ("mip6.csum", "*", &[], "mipscope verifies the Mobility Header checksum (\"[correct]\", \"incorrect, should be …\"); tshark 4.0 does not"),
    ("mip.v", "*", &[], "RFC 5944 §3.3 makes RFC 2002's Van Jacobson bit the reserved r bit (sent as zero, ignored); tshark 4.0 still calls it Van Jacobson"),
    ("mip.flags", "mip4-messages.pcapng", &[1], "the flags' summary names the r bit as mip.v does"),
    ("mip.ident", "*", &[], "the Identification as tshark shows it (an NTP time stamp), then its 64 bits in hex: a nonce-based Identification (RFC 5944 §5.7) is not a time, and the time's nanoseconds lose its low bits"),
    ("mip.ext.len", "mip4-haaro-*", &[], HAARO_LAYOUT),
    ("mip.extension", "mip4-haaro-*", &[], HAARO_LAYOUT),
    ("mip6.auth.subtype", "*", &[], "RFC 4285 §5 (and IANA) number MN-HA 1 and MN-AAA 2; tshark 4.0 names only 2"),
    ("mip6.ipv4aa.sts", "*", &[], "RFC 5555 §3.2.1's status 132 is \"Dynamic IPv4 home address assignment not available\"; tshark 4.0 names the IPv4 Address Acknowledgement's statuses from the Access Technology Type table (\"IEEE 802.16e\")"),
    ("mip6.options.ipv4harep", "*", &[], "mipscope's summary gives the status and the address with its prefix length (\"Success 192.0.2.10/24\"); tshark 4.0 writes \"Success : 192.0.2.10\""),
    ("mip6.options.lmaa", "*", &[], "tshark 4.0 labels the Local Mobility Anchor Address option \"Mobile Node Link-local Address Interface Identifier\" (RFC 5949 §6.2.5 names option 41 as mipscope does)"),
    ("mip6.ipv4ha.p_flag", "*", &[], "tshark 4.0's words for the P flag set misspell \"prefixt\""),
    ("mip6.options.hi", "optext-options.pcapng", &[39], "a Handoff Indicator option of Length 3 (it is 2): mipscope shows its data as octets, tshark decodes the first two"),
    ("mip6.options.vsm", "*", &[], VENDORS),
    ("mip.ext.cvse.vendor_id", "*", &[], VENDORS),
    ("mip.ext.nvse.vendor_id", "*", &[], VENDORS),
    ("mip.ext.type", "mip4-extensions.pcapng", &[6, 20], "tshark 4.0 names 37 and 38 alike (\"Critical Vendor/Organization Specific Extension\"), and 133 and 134: IANA's 38 and 134 are RFC 3115's CVSE and NVSE, which mipscope names with their abbreviations to tell them from Wireshark's own 37 and 133"),
    ("mip.ext.utrq.subtype", "*", &[], "tshark 4.0's name for RFC 3519 §3.1's sub-type 0 is empty (\"UDP TunReq Ext SubType:  (0)\")"),
    ("mip6.vsm.vendorId", "*", &[], VENDORS),
    ("mip6.lri.*", "mhext-messages.pcapng", &[18], "tshark 4.0 reads the Localized Routing Initiation's Sequence, Reserved and Lifetime at the wrong offsets (RFC 6705 §6.1: Sequence, then R and Reserved, then Lifetime, after the MH header)"),
    ("mip6.options.mnid", "strings.pcapng", &[], PDML_ESCAPES),
    ("mip6.options.ssm", "strings.pcapng", &[], PDML_ESCAPES),
    ("mip6.options.mnid", "optext-mnid.pcapng", &[], "mipscope decodes RFC 8371 §4's identifier subtypes (an IPv6 address, an IMSI, a P-TMSI); tshark 4.0 writes every identifier as text"),
    ("mip6.acc_net_id", "strings.pcapng", &[], PDML_ESCAPES),
    ("mip6.acc_net_id", "*", &[], "the Access Network Identifier's sub-option line names the sub-option type as mip6.acc_net_id.ani does (RFC 6757's \"Network-Identifier sub-option\")"),
];

const HAARO_LAYOUT: &str = "seed 003's HAaRO extensions (draft or RFC 6521 layout, from the profile): tshark 4.0 does not know them and reads their octets as other extensions";
const VENDORS: &str =
    "tshark names vendors from IANA's enterprise numbers (\"ciscoSystems (9)\"), a 60,000-line registry mipscope does not carry";
const PDML_ESCAPES: &str = "a string's control characters in a summary line: tshark's -V (and mipscope's) writes them as they are, its PDML (the oracle here) escapes them";

const CUT_COUNT: &str = "octets cut by the snap length (or past the segment): tshark counts them as the header says, mipscope those captured (the node's)";
const UNVERIFIED_CUT: &str = "a message cut short (snap length, lying length) is not checked: tshark says \"[fragmented datagram]\" of any such message, mipscope \"[message cut short]\" when it is not one";

/// Whether mipscope's label `ours` is tshark's `theirs` but for a value's name: mipscope names
/// Mobile IPv6 and IPv4 code points as their RFCs and IANA do, where tshark 4.0 has its own
/// name (the field's `tshark_names`, which filters take too: `mip.code == "Reg Accepted"`) or
/// none ("Unknown (250)", or the bare number).
fn names_differ_only(field: &str, theirs: &str, ours: &str) -> bool {
    if !(field.starts_with("mip6.") || field.starts_with("mip.")) {
        return false;
    }
    let Some(e) = dissect::registry::entry(field) else { return false };
    // A name that differs in case alone ("MH Type" in RFC 6275 §6.1.9, tshark's "MH type").
    if e.members().any(|d| d.value_names().is_some()) && theirs.eq_ignore_ascii_case(ours) {
        return true;
    }
    for def in e.members() {
        let our_names = def.value_names().unwrap_or(&[]);
        for &(v, tname) in def.tshark_names {
            let Some(&(_, oname)) = our_names.iter().find(|(w, _)| *w == v) else { continue };
            if theirs.replace(&format!("{tname} ({v})"), &format!("{oname} ({v})")) == ours {
                return true;
            }
        }
    }
    // tshark has no name: "Name: Unknown (N)" or "Name: N", where mipscope says "Name: X (N)".
    let (Some((tn, tv)), Some((on, ov))) = (theirs.rsplit_once(": "), ours.rsplit_once(": ")) else { return false };
    let number = tv.strip_prefix("Unknown (").and_then(|v| v.strip_suffix(')')).unwrap_or(tv);
    tn == on && number.parse::<u64>().is_ok() && ov.ends_with(&format!(" ({number})")) && !ov.starts_with("Unknown")
}

/// Whether mipscope's Mobility Option line is tshark's with a summary of the option's value
/// after it (tshark 4.0 names the option alone, mipscope says what it carries: "Nonce Indices:
/// home 1234 care-of 5678", "PadN (2 bytes)").
fn summary_only(field: &str, theirs: &str, ours: &str) -> bool {
    field.starts_with("mip6.options.") && ours.len() > theirs.len() && ours.starts_with(theirs)
}

fn label_excluded(field: &str, file: &str, frame: usize) -> bool {
    LABELS_EXCLUDED.iter().any(|&(f, fl, frames, _)| {
        (fl == "*" || fl == file || fl.strip_suffix('*').is_some_and(|p| file.starts_with(p)))
            && (frames.is_empty() || frames.contains(&frame))
            && match f.strip_suffix('*') {
                Some(p) => field.starts_with(p),
                None => f == field,
            }
    })
}

/// Per frame, each field's labels in tree order (`name -> [label]`).
type Labels = Vec<BTreeMap<String, Vec<String>>>;

/// tshark's PDML: each `<field>`'s `showname`, per packet.
fn pdml_labels(pdml: &[u8]) -> Labels {
    let text = String::from_utf8_lossy(pdml);
    let doc = roxmltree::Document::parse(&text).expect("tshark's PDML parses");
    let mut frames = Vec::new();
    for packet in doc.root_element().children().filter(|n| n.has_tag_name("packet")) {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        // Expert items are worded by each tool ([`EXCLUDED`]'s `_ws.expert.message`).
        let in_expert = |n: roxmltree::Node| n.ancestors().any(|a| a.attribute("name") == Some("_ws.expert"));
        for f in packet.descendants().filter(|n| n.has_tag_name("field") && !in_expert(*n)) {
            if let (Some(name), Some(show)) = (f.attribute("name"), f.attribute("showname")) {
                m.entry(name.to_string()).or_default().push(show.to_string());
            }
        }
        frames.push(m);
    }
    frames
}

/// mipscope's `-T json`: each node's label (a generated item's without its brackets, as PDML
/// writes it), per frame.
fn json_labels(out: &[u8]) -> Labels {
    fn walk(n: &serde_json::Value, m: &mut BTreeMap<String, Vec<String>>) {
        for c in n.as_array().into_iter().flatten() {
            if c["name"].as_str() == Some("_ws.expert") {
                continue;
            }
            if let (Some(name), Some(show)) = (c["name"].as_str(), c["show"].as_str()) {
                let show = if c["generated"].as_bool() == Some(true) {
                    show.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or(show)
                } else {
                    show
                };
                m.entry(name.to_string()).or_default().push(show.to_string());
            }
            walk(&c["children"], m);
        }
    }
    let mut frames = Vec::new();
    for line in String::from_utf8_lossy(out).lines() {
        let line = line.trim().trim_end_matches(',');
        if !line.starts_with('{') {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).expect("mipscope's JSON parses");
        let mut m = BTreeMap::new();
        walk(&v["layers"], &mut m);
        frames.push(m);
    }
    frames
}

/// Every field label of the `-V` tree in the protocols around the mobility signalling
/// ([`LABEL_PROTOCOLS`]) reads as tshark's (PDML `showname`, `-n`: mipscope resolves no
/// names) on every fixture: value names, units, bit pictures, "(Infinity)" and the like.
/// Protocol lines are not compared: mipscope's say more by design ("Routing Header for IPv6
/// (Type 2 Routing), Home Address: …").
/// Which fields are present is [`fields_match_tshark`]'s business: a field only one tool
/// shows, or shown more often by one (tshark stops at an exception), is compared over the
/// occurrences both have.
#[test]
fn labels_match_tshark() {
    if !tshark_here("labels_match_tshark") {
        return;
    }
    let files = fixtures();
    let queue = std::sync::Mutex::new(files);
    let diffs = std::sync::Mutex::new(BTreeMap::<String, (usize, String)>::new());
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let Some(file) = queue.lock().unwrap().pop() else { break };
                let name = file.file_name().unwrap().to_string_lossy().to_string();
                let mut cmd = Command::new("tshark");
                cmd.env("TZ", "UTC").arg("-n").arg("-r").arg(&file).args(["-T", "pdml"]);
                for (p, _) in TSHARK_PREFS {
                    cmd.arg("-o").arg(p);
                }
                let mut theirs = pdml_labels(&tshark_cached(cmd));
                for &(f, n, _) in TSHARK_EXTRA_FRAMES {
                    if f == name && n <= theirs.len() {
                        theirs.remove(n - 1);
                    }
                }
                let mut cmd = Command::new(env!("CARGO_BIN_EXE_mipscope"));
                cmd.arg("dissect").arg("-r").arg(&file).args(["-T", "json"]);
                for (p, _) in MIPSCOPE_PREFS {
                    cmd.arg("-o").arg(p);
                }
                let ours = json_labels(&cmd.output().expect("run mipscope").stdout);
                for (k, (t, m)) in theirs.iter().zip(&ours).enumerate() {
                    for (field, tl) in t {
                        if !LABEL_PROTOCOLS.iter().any(|p| field.starts_with(p))
                            || excluded(field, &name)
                            || excluded_frame(field, &name, k + 1)
                            || label_excluded(field, &name, k + 1)
                        {
                            continue;
                        }
                        let Some(ml) = m.get(field) else { continue };
                        for (a, b) in tl.iter().zip(ml) {
                            // tshark leaves the line of an ICMPv6 option its exception cut
                            // without the closing parenthesis ("ICMPv6 Option (MTU").
                            let unclosed = field == "icmpv6.opt" && b.strip_suffix(')') == Some(a.as_str());
                            if a != b && !unclosed && !names_differ_only(field, a, b) && !summary_only(field, a, b) {
                                let mut d = diffs.lock().unwrap();
                                let e = d.entry(field.clone()).or_default();
                                e.0 += 1;
                                // Three examples per field are enough to see the pattern.
                                if e.0 <= 3 {
                                    e.1 += &format!("\n    {name} frame {}: tshark {a:?}, mipscope {b:?}", k + 1);
                                }
                            }
                        }
                    }
                }
            });
        }
    });
    for &(f, file, _, reason) in LABELS_EXCLUDED {
        assert!(!f.is_empty() && !file.is_empty() && !reason.is_empty());
    }
    let diffs = diffs.into_inner().unwrap();
    let msg: String = diffs.iter().map(|(f, (n, ex))| format!("  {f} ({n} labels):{ex}\n")).collect();
    assert!(msg.is_empty(), "{} fields' labels differ from tshark's:\n{msg}", diffs.len());
}

/// A pcapng file whose interfaces and packets exercise the frame subtree: interfaces with no
/// name, a description alone, a name and a description, `if_hardware` alone; packets with
/// `epb_flags` (every direction, reception type, FCS length 0, reserved bits, each error bit);
/// one interface for each of [`dissect::frame::ENCAP_OF_LINKTYPE`]'s link types; a second
/// section (whose interface 0 tshark 4.0 names by the first section's: both are unnamed
/// here, see `frame_subtrees_match_tshark`).
fn frame_record_pcapng(path: &Path) {
    fn opt(out: &mut Vec<u8>, code: u16, v: &[u8]) {
        out.extend_from_slice(&code.to_le_bytes());
        out.extend_from_slice(&(v.len() as u16).to_le_bytes());
        out.extend_from_slice(v);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let shb = |f: &mut Vec<u8>| {
        let mut b = 0x1a2b_3c4du32.to_le_bytes().to_vec();
        b.extend_from_slice(&[1, 0, 0, 0]);
        b.extend_from_slice(&u64::MAX.to_le_bytes());
        block(f, 0x0a0d_0d0a, &b);
    };
    let idb = |f: &mut Vec<u8>, linktype: u16, opts: &[(u16, &str)]| {
        let mut b = linktype.to_le_bytes().to_vec();
        b.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        for (c, v) in opts {
            opt(&mut b, *c, v.as_bytes());
        }
        if !opts.is_empty() {
            b.extend_from_slice(&[0; 4]);
        }
        block(f, 1, &b);
    };
    let epb = |f: &mut Vec<u8>, iface: u32, t: u32, data: &[u8], flags: Option<u32>, comments: &[&str]| {
        let mut b = iface.to_le_bytes().to_vec();
        for v in [0, t, data.len() as u32, data.len() as u32] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(data);
        b.resize(b.len().next_multiple_of(4), 0);
        for c in comments {
            opt(&mut b, 1, c.as_bytes());
        }
        if let Some(fl) = flags {
            opt(&mut b, 2, &fl.to_le_bytes());
        }
        if flags.is_some() || !comments.is_empty() {
            b.extend_from_slice(&[0; 4]);
        }
        block(f, 6, &b);
    };
    let eth = eth_ipv6_frame();
    let mut f = Vec::new();
    shb(&mut f);
    idb(&mut f, 1, &[]);
    idb(&mut f, 1, &[(3, "desc only")]);
    idb(&mut f, 1, &[(2, "eth9"), (3, "a description")]);
    idb(&mut f, 1, &[(15, "hw only")]);
    let linktypes = dissect::frame::ENCAP_OF_LINKTYPE;
    for &(lt, _) in linktypes {
        idb(&mut f, lt as u16, &[(2, "lt")]);
    }
    let mut t = 0;
    let mut next = || {
        t += 1;
        t
    };
    for i in 0..4 {
        epb(&mut f, i, next(), &eth, None, &[]);
    }
    // Comments: one, two (with flags), one in UTF-8.
    epb(&mut f, 0, next(), &eth, None, &["a comment"]);
    epb(&mut f, 2, next(), &eth, Some(2), &["first of two", "second of two"]);
    epb(&mut f, 1, next(), &eth, None, &["Prüfung ✓"]);
    // Six comments (the displayed delta's node comes after some 40 others), one cut by a NUL
    // (tshark shows the text before it).
    epb(&mut f, 3, next(), &eth, Some(1), &["c1", "c2", "c3", "c4", "c5", "ab\u{0}cd"]);
    // FCS lengths other than 0 change how tshark reads the Ethernet frame: not here.
    for fl in [0, 1, 2, 3, 5, 8, 12, 16, 0x200, 0xfe00, 0xffff_fe1f].into_iter().chain((24..32).map(|b| 1u32 << b)) {
        epb(&mut f, 2, next(), &eth, Some(fl), &[]);
    }
    // Link types: the same octets whatever they are (the subtree is what is compared).
    for i in 0..linktypes.len() {
        epb(&mut f, 4 + i as u32, next(), &eth, None, &[]);
    }
    shb(&mut f);
    idb(&mut f, 1, &[]);
    epb(&mut f, 0, next(), &eth, Some(1), &[]);
    std::fs::write(path, f).unwrap();
}

/// `dissect -w` copies what tshark shows of a packet besides its octets: its comments, its
/// `epb_flags`, its interface's name, description and hardware, its time: tshark's frame
/// subtrees of the copy are those of the original (apart from the section number: a copy is one
/// section), on the made pcapng, the scapy capture (a comment on every packet) and a fixture
/// with two named interfaces. The check's `-w` keeps a packet's own comments before its
/// findings.
#[test]
fn written_copies_keep_what_tshark_shows() {
    if !tshark_here("written_copies_keep_what_tshark_shows") {
        return;
    }
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let made = tmp.join("frame-records-w.pcapng");
    frame_record_pcapng(&made);
    let one_section = |text: Vec<u8>| -> Vec<Vec<String>> {
        let mut v = frame_subtrees(&text);
        for f in &mut v {
            f.retain(|l| !l.trim_start().starts_with("Section number: "));
        }
        v
    };
    for f in [made, root().join("captures/real/scapy-vectors-packets.pcapng"), root().join("captures/crafted/ip-versions.pcapng")]
    {
        let copy = tmp.join("copy-w.pcapng");
        let out = Command::new(env!("CARGO_BIN_EXE_mipscope"))
            .arg("dissect")
            .arg("-r")
            .arg(&f)
            .arg("-w")
            .arg(&copy)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let (mut theirs, mut copied) = (one_section(tshark_text(&f, &["-V"])), one_section(tshark_text(&copy, &["-V"])));
        assert!(theirs.len() > 10, "{f:?}");
        if f.ends_with("frame-records-w.pcapng") {
            // Its last frame is in a second section, whose interface 0 the copy numbers after
            // the first section's (tshark 4.0 numbers them so too, but finds a packet's by its
            // local id among all sections'): compared by field below.
            theirs.pop();
            copied.pop();
        }
        assert_eq!(copied, theirs, "{f:?}");
        let _ = std::fs::remove_file(&copy);
    }
    // Sections: a copy is one section, each input section's interfaces described after the
    // ones before. Three sections (the made file's two, then ip-versions.pcapng, whose named
    // interfaces differ from the made file's unnamed ones at the same ids): each frame of the
    // copy is on the interface (name, link type) its own section gave it.
    let three = tmp.join("three-sections.pcapng");
    let mut bytes = std::fs::read(tmp.join("frame-records-w.pcapng")).expect("made");
    bytes.extend(std::fs::read(root().join("captures/crafted/ip-versions.pcapng")).expect("fixture"));
    std::fs::write(&three, bytes).expect("write");
    let copy = tmp.join("three-copy.pcapng");
    let out = Command::new(env!("CARGO_BIN_EXE_mipscope"))
        .arg("dissect")
        .arg("-r")
        .arg(&three)
        .arg("-w")
        .arg(&copy)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let described = [
        "-T",
        "fields",
        "-e",
        "frame.interface_name",
        "-e",
        "frame.encap_type",
        "-e",
        "frame.packet_flags",
        "-e",
        "frame.comment",
    ];
    let ours = String::from_utf8_lossy(&mipscope_text(&three, &described)).into_owned();
    let copied = String::from_utf8_lossy(&tshark_text(&copy, &described)).into_owned();
    assert!(ours.lines().filter(|l| l.starts_with("if0\t")).count() == 2, "{ours}");
    assert_eq!(copied, ours);
    let _ = (std::fs::remove_file(&three), std::fs::remove_file(&copy));
    // `check -w`: the scapy capture's comments, then a comment per finding.
    let f = root().join("captures/real/scapy-vectors-packets.pcapng");
    let copy = tmp.join("check-w.pcapng");
    let out =
        Command::new(env!("CARGO_BIN_EXE_mipscope")).arg("check").arg("-r").arg(&f).arg("-w").arg(&copy).output().expect("run");
    assert!(out.status.code().is_some(), "{}", String::from_utf8_lossy(&out.stderr));
    let cells = |p: &Path| {
        let out = Command::new("tshark")
            .arg("-r")
            .arg(p)
            .args(["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|", "-e", "frame.comment"])
            .output()
            .expect("tshark");
        String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect::<Vec<_>>()
    };
    let (original, checked) = (cells(&f), cells(&copy));
    assert_eq!(original.len(), checked.len());
    let mut findings = 0;
    for (o, c) in original.iter().zip(&checked) {
        assert!(!o.is_empty() && c.starts_with(o.as_str()), "{o:?} / {c:?}");
        findings += usize::from(c.len() > o.len() && c[o.len()..].starts_with("|check."));
    }
    assert!(findings > 0, "{checked:#?}");
    let _ = std::fs::remove_file(&copy);
}

/// A Simple Packet Block's packet is its original length of the block's (padded) data, as
/// tshark reads it: between two Enhanced Packet Blocks, an SPB of 54 octets (two of padding),
/// or one cut by the interface's snap length.
#[test]
fn simple_packet_blocks_match_tshark() {
    if !tshark_here("simple_packet_blocks_match_tshark") {
        return;
    }
    let eth = eth_ipv6_frame();
    let epb = |f: &mut Vec<u8>, t: u32| {
        let mut b = 0u32.to_le_bytes().to_vec();
        for v in [0, t, eth.len() as u32, eth.len() as u32] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&eth);
        b.resize(b.len().next_multiple_of(4), 0);
        block(f, 6, &b);
    };
    let spb = |f: &mut Vec<u8>, data: &[u8], origlen: u32| {
        let mut b = origlen.to_le_bytes().to_vec();
        b.extend_from_slice(data);
        b.resize(b.len().next_multiple_of(4), 0);
        block(f, 3, &b);
    };
    let mut made = Vec::new();
    for snap in [0u32, 40] {
        let mut f = Vec::new();
        let mut shb = 0x1a2b_3c4du32.to_le_bytes().to_vec();
        shb.extend_from_slice(&[1, 0, 0, 0]);
        shb.extend_from_slice(&u64::MAX.to_le_bytes());
        block(&mut f, 0x0a0d_0d0a, &shb);
        let mut idb = 1u16.to_le_bytes().to_vec();
        idb.extend_from_slice(&[0, 0]);
        idb.extend_from_slice(&snap.to_le_bytes());
        block(&mut f, 1, &idb);
        epb(&mut f, 1);
        // Without a snap length the block holds the whole packet (tshark calls less damage).
        spb(&mut f, &eth[..(if snap == 0 { 54 } else { 40 })], 54);
        epb(&mut f, 2);
        made.push(f);
    }
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("spb.pcapng");
    let fields =
        ["-T", "fields", "-e", "frame.number", "-e", "frame.cap_len", "-e", "frame.len", "-e", "ipv6.dst", "-e", "eth.src"];
    // A Simple Packet Block has no time: no time lines in its frame subtree, no time cells, an
    // empty time column in every format (the next frame's delta counts from 0).
    let times = ["-T", "fields", "-e", "frame.time_relative", "-e", "frame.time_delta", "-e", "frame.time_epoch"];
    for (i, f) in made.into_iter().enumerate() {
        std::fs::write(&path, f).expect("write");
        let theirs = String::from_utf8_lossy(&tshark_text(&path, &fields)).into_owned();
        assert_eq!(theirs.lines().count(), 3, "{theirs}");
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&path, &fields)), theirs);
        let theirs = String::from_utf8_lossy(&tshark_text(&path, &times)).into_owned();
        assert_eq!(theirs.lines().nth(1), Some("\t\t"), "{theirs}");
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&path, &times)), theirs);
        for t in ["r", "d", "ad", "e"] {
            let theirs = tshark_text(&path, &["-t", t, "-T", "fields", "-e", "_ws.col.Time"]);
            assert_eq!(mipscope_text(&path, &["-t", t, "-T", "fields", "-e", "_ws.col.Time"]), theirs, "-t {t}");
        }
        let want = frame_subtrees(&tshark_text(&path, &["-V"]));
        assert!(!want[1].iter().any(|l| l.contains("Arrival Time")), "{want:?}");
        assert_eq!(frame_subtrees(&mipscope_text(&path, &["-V"])), want);
        if i == 0 {
            // Whole on the first interface: a copy keeps it a Simple Packet Block.
            let copy = written_copy(&path, "spb-copy.pcapng");
            assert_eq!(frame_subtrees(&tshark_text(&copy, &["-V"])), want, "the copy");
        }
    }
}

/// A pcapng file's blocks in either byte order, for files made to compare with tshark.
#[derive(Clone, Copy)]
struct Ng {
    big: bool,
}

impl Ng {
    fn w32(self, v: u32) -> [u8; 4] {
        if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    fn w16(self, v: u16) -> [u8; 2] {
        if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    fn w64(self, v: u64) -> [u8; 8] {
        if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    /// A block: its type, its length (twice) around `body`.
    fn block(self, f: &mut Vec<u8>, kind: u32, body: &[u8]) {
        let len = (12 + body.len()) as u32;
        f.extend_from_slice(&self.w32(kind));
        f.extend_from_slice(&self.w32(len));
        f.extend_from_slice(body);
        f.extend_from_slice(&self.w32(len));
    }

    /// An option: code, length, value padded to 32 bits.
    fn opt(self, code: u16, value: &[u8]) -> Vec<u8> {
        let mut o = self.w16(code).to_vec();
        o.extend_from_slice(&self.w16(value.len() as u16));
        o.extend_from_slice(value);
        o.resize(o.len().next_multiple_of(4), 0);
        o
    }

    /// A packet on interface `iface` at `t` (the interface's units) with `opts` (their end
    /// included): an obsolete Packet Block with that Drops Count when `drops` is given, else an
    /// Enhanced Packet Block.
    fn packet(self, f: &mut Vec<u8>, iface: u16, drops: Option<u16>, t: u64, data: &[u8], opts: &[u8]) {
        self.packet_of(f, iface, drops, t, data, data.len() as u32, opts);
    }

    /// [`Ng::packet`] of a packet `wire` octets long on the wire (`data` what was captured).
    #[allow(clippy::too_many_arguments)]
    fn packet_of(self, f: &mut Vec<u8>, iface: u16, drops: Option<u16>, t: u64, data: &[u8], wire: u32, opts: &[u8]) {
        let mut b = match drops {
            Some(d) => [self.w16(iface), self.w16(d)].concat(),
            None => self.w32(u32::from(iface)).to_vec(),
        };
        for v in [(t >> 32) as u32, t as u32, data.len() as u32, wire] {
            b.extend_from_slice(&self.w32(v));
        }
        b.extend_from_slice(data);
        b.resize(b.len().next_multiple_of(4), 0);
        b.extend_from_slice(opts);
        self.block(f, if drops.is_some() { 2 } else { 6 }, &b);
    }

    /// A Section Header Block and an Ethernet interface (microseconds) named each of `names`.
    fn start(self, names: &[&[u8]]) -> Vec<u8> {
        let options: Vec<Vec<u8>> = names.iter().map(|name| self.opt(2, name)).collect();
        self.start_with(&options)
    }

    /// A Section Header Block and an Ethernet interface (microseconds) with each of `options`
    /// (the options' octets, without their end).
    fn start_with(self, options: &[Vec<u8>]) -> Vec<u8> {
        let mut f = Vec::new();
        let mut shb = self.w32(0x1a2b_3c4d).to_vec();
        shb.extend_from_slice(&self.w16(1));
        shb.extend_from_slice(&self.w16(0));
        shb.extend_from_slice(&u64::MAX.to_le_bytes());
        self.block(&mut f, 0x0a0d_0d0a, &shb);
        for opts in options {
            let mut idb = self.w16(1).to_vec();
            idb.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            idb.extend_from_slice(opts);
            idb.extend_from_slice(&[0; 4]);
            self.block(&mut f, 1, &idb);
        }
        f
    }
}

/// pcapng's obsolete Packet Block (type 2), which pcap-parser does not read: tshark reads it as
/// a packet (its 16-bit interface id, its Drops Count as `frame.drop_count`, its options'
/// flags and comments), and so does mipscope: in either byte order, beside Enhanced Packet
/// Blocks (one with `epb_dropcount`), on two interfaces, the packet list's cells and every
/// frame subtree of `-V` are tshark's; a `-w` copy (Enhanced Packet Blocks only) shows tshark
/// the same frame subtrees. Before, the obsolete blocks were skipped (frames 1, 3, 5 and 6).
#[test]
fn obsolete_packet_blocks_match_tshark() {
    if !tshark_here("obsolete_packet_blocks_match_tshark") {
        return;
    }
    let eth = eth_ipv6_frame();
    for big in [false, true] {
        let ng = Ng { big };
        let (w32, opt) = (|v| ng.w32(v), |code, value: &[u8]| ng.opt(code, value));
        let end = [0u8; 4];
        let mut f = ng.start(&[&b"eth7"[..], b"wlan2"]);
        let t0: u64 = 1_700_000_000_000_000;
        // (interface, drops, options) of an obsolete block; an Enhanced Packet Block when drops
        // is None.
        let packets: [(u16, Option<u16>, Vec<u8>); 7] = [
            (0, Some(0), Vec::new()),
            (0, None, [opt(4, &ng.w64(7)), opt(2, &w32(2)), end.to_vec()].concat()),
            (1, Some(5), [opt(1, b"an old packet"), opt(2, &w32(1)), end.to_vec()].concat()),
            (1, None, Vec::new()),
            (1, Some(65535), [opt(1, b"first"), opt(1, b"second"), end.to_vec()].concat()),
            (0, Some(3), Vec::new()),
            // An epb_dropcount option in an obsolete block: the option's count (88) is tshark's.
            (0, Some(65535), [opt(4, &ng.w64(88)), end.to_vec()].concat()),
        ];
        for (i, (iface, drops, opts)) in packets.iter().enumerate() {
            ng.packet(&mut f, *iface, *drops, t0 + i as u64 * 1000, &eth, opts);
        }
        let order = if big { "be" } else { "le" };
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("opb-{order}.pcapng"));
        std::fs::write(&path, &f).expect("write");
        let cells = [
            "-T",
            "fields",
            "-e",
            "frame.number",
            "-e",
            "frame.interface_id",
            "-e",
            "frame.drop_count",
            "-e",
            "frame.comment",
            "-e",
            "frame.time_relative",
            "-e",
            "ipv6.dst",
        ];
        let theirs = String::from_utf8_lossy(&tshark_text(&path, &cells)).into_owned();
        assert_eq!(theirs.lines().count(), 7, "{order}: {theirs}");
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&path, &cells)), theirs, "{order}");
        let want = frame_subtrees_match_in_copy(&path, &format!("opb-{order}-copy.pcapng"));
        // 0xffff is "not known": no count (frame 5).
        let drops: Vec<&str> = want.iter().flatten().filter(|l| l.trim().starts_with("Drop Count")).map(|l| l.trim()).collect();
        assert_eq!(drops, ["Drop Count: 0", "Drop Count: 7", "Drop Count: 5", "Drop Count: 3", "Drop Count: 88"], "{order}");
    }
}

/// A packet block's `epb_queue` (option 6) and `epb_packetid` (option 5) as tshark 4.0 shows
/// them: "Interface queue" before the packet flags, "Packet id" after them, each the first of
/// its code, in either byte order, in Enhanced and obsolete Packet Blocks, none after
/// `opt_endofopt` (nor flags or a comment there); as cells, in every frame subtree of `-V`, in a
/// filter, and in a `-w` copy as tshark reads it. Before, neither was shown, and a copy lost
/// both; then options after the end were read (the review's finding).
#[test]
fn packet_queues_and_ids_match_tshark() {
    if !tshark_here("packet_queues_and_ids_match_tshark") {
        return;
    }
    let eth = eth_ipv6_frame();
    for big in [false, true] {
        let ng = Ng { big };
        let end = [0u8; 4].to_vec();
        let mut f = ng.start(&[&b"eth0"[..], b"eth1"]);
        let (queue, id, flags) = (|q| ng.opt(6, &ng.w32(q)), |i| ng.opt(5, &ng.w64(i)), |v| ng.opt(2, &ng.w32(v)));
        let packets: [(u16, Option<u16>, Vec<u8>); 8] = [
            (0, None, [queue(3), id(0x11_2233_4455), end.clone()].concat()),
            // Repeated: the first of each; after the flags and a comment, still placed as tshark.
            (1, None, [id(7), flags(1), ng.opt(1, b"q"), queue(0), queue(9), id(8), end.clone()].concat()),
            (0, Some(2), [queue(u32::MAX), id(u64::MAX), end.clone()].concat()),
            (1, None, Vec::new()),
            (0, None, [id(42), ng.opt(4, &ng.w64(5)), end.clone()].concat()),
            (1, Some(0), [queue(1), end.clone()].concat()),
            // What follows opt_endofopt is no option: tshark stops there (mipscope read on).
            (0, None, [queue(1), end.clone(), queue(5), id(6), flags(1), ng.opt(1, b"late"), end.clone()].concat()),
            (1, Some(1), [end.clone(), queue(5), id(6), ng.opt(1, b"late"), end.clone()].concat()),
        ];
        for (i, (iface, drops, opts)) in packets.iter().enumerate() {
            ng.packet(&mut f, *iface, *drops, 1_700_000_000_000_000 + i as u64, &eth, opts);
        }
        let order = if big { "be" } else { "le" };
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("queues-ids-{order}.pcapng"));
        std::fs::write(&path, &f).expect("write");
        let cells =
            ["-T", "fields", "-e", "frame.number", "-e", "frame.interface_queue", "-e", "frame.packet_id", "-e", "frame.comment"];
        let theirs = String::from_utf8_lossy(&tshark_text(&path, &cells)).into_owned();
        assert_eq!(
            theirs, "1\t3\t73588229205\t\n2\t0\t7\tq\n3\t4294967295\t18446744073709551615\t\n4\t\t\t\n5\t\t42\t\n6\t1\t\t\n7\t1\t\t\n8\t\t\t\n",
            "{order}"
        );
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&path, &cells)), theirs, "{order}");
        let filter = ["-Y", "frame.packet_id > 7 || frame.interface_queue == 1", "-T", "fields", "-e", "frame.number"];
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&path, &filter)), "1\n3\n5\n6\n7\n", "{order}");
        assert_eq!(String::from_utf8_lossy(&tshark_text(&path, &filter)), "1\n3\n5\n6\n7\n", "{order}");
        frame_subtrees_match_in_copy(&path, &format!("queues-ids-{order}-copy.pcapng"));
    }
}

/// The frame check sequence as the capture gives it, as tshark 4.0 reads it: pcapng's
/// `if_fcslen` (4: the last four octets are the FCS, whatever the frame carries and however
/// short; 0: there is none, the octets after the packet are a trailer), a packet's `epb_flags`
/// FCS length when not 0 (over its interface's; one that is neither 0 nor 4 leaves tshark's
/// guess), a classic pcap header's FCS bits; without them tshark's guess (an FCS in a frame of
/// 64 octets or more). ARP with and without padding, UDP over IPv6, an EtherType nothing
/// decodes (its data ends before a given FCS); both byte orders; the cells, and tshark's
/// reading of each `-w` copy (which keeps `if_fcslen`). Before, mipscope always guessed.
#[test]
fn fcs_lengths_match_tshark() {
    if !tshark_here("fcs_lengths_match_tshark") {
        return;
    }
    let fcs = [0xde, 0xad, 0xbe, 0xef];
    let arp = |pad: usize| {
        let mut f = vec![0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x08, 0x06];
        f.extend_from_slice(&[0, 1, 8, 0, 6, 4, 0, 1, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 192, 0, 2, 1]);
        f.extend_from_slice(&[0, 0, 0, 0, 0, 0, 192, 0, 2, 2]);
        f.resize(f.len() + pad, 0);
        f.extend_from_slice(&fcs);
        f
    };
    let mut udp = eth_ipv6_frame();
    udp[20] = 17; // Next Header: UDP
    udp[19] = 12; // Payload Length
    udp.extend_from_slice(&[0x03, 0xe8, 0x07, 0xd0, 0, 12, 0, 0, b'a', b'b', b'c', b'd']);
    udp.extend_from_slice(&fcs);
    let mut other = vec![0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x88, 0xb5];
    other.extend_from_slice(b"hello world!");
    other.extend_from_slice(&fcs);
    // 60 octets without an FCS: zeros (padding to 60 reaches a given FCS: tshark calls the
    // packet malformed), and zeros then four more octets (not padding: a trailer, with a note).
    let mut zeros = arp(18);
    zeros.truncate(60);
    let mut odd = arp(14);
    odd.truncate(56);
    odd.extend_from_slice(&[1, 2, 3, 4]);
    let frames = [arp(0), arp(18), udp, other, zeros, odd];
    let cells = [
        "-T",
        "fields",
        "-e",
        "frame.number",
        "-e",
        "eth.fcs",
        "-e",
        "eth.fcs.status",
        "-e",
        "eth.trailer",
        "-e",
        "eth.padding",
        "-e",
        "data.data",
        "-e",
        "udp.length",
        "-e",
        "_ws.col.Protocol",
    ];
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let mut files = Vec::new();
    for big in [false, true] {
        let ng = Ng { big };
        // Interfaces: no FCS length, 4, 0; 32 and 8, which tshark 4.0 reads as bits (4 and 1
        // octets).
        let ifaces = [Vec::new(), ng.opt(13, &[4]), ng.opt(13, &[0]), ng.opt(13, &[32]), ng.opt(13, &[8])];
        let mut f = ng.start_with(&ifaces);
        for iface in 0..5u16 {
            for frame in &frames {
                ng.packet(&mut f, iface, None, 0, frame, &[]);
            }
            // Cut by the snap length, one and two octets short: the payload ends four octets
            // before the end on the wire.
            for cut in [1, 2] {
                ng.packet_of(&mut f, iface, None, 0, &frames[3][..frames[3].len() - cut], frames[3].len() as u32, &[]);
            }
        }
        // The packet's FCS length over its interface's: 4 over 0, 1 over 4 (tshark's guess).
        for (iface, len) in [(2u16, 4u32), (1, 1)] {
            for frame in &frames {
                ng.packet(&mut f, iface, None, 0, frame, &[ng.opt(2, &ng.w32(len << 5)), vec![0; 4]].concat());
            }
        }
        let order = if big { "be" } else { "le" };
        let path = dir.join(format!("fcs-{order}.pcapng"));
        std::fs::write(&path, &f).expect("write");
        files.push(path);
    }
    // Classic pcap: FCS bits (F set, four octets), F set with none, eight octets (which a copy
    // must give as bits), no bits.
    for (name, linktype) in [("fcs4", 0x2400_0001u32), ("fcs0", 0x0400_0001), ("fcs8", 0x4400_0001), ("fcs-none", 1)] {
        let mut f = Vec::new();
        for v in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 65535, linktype] {
            f.extend_from_slice(&v.to_le_bytes());
        }
        for frame in &frames {
            for v in [0, 0, frame.len() as u32, frame.len() as u32] {
                f.extend_from_slice(&v.to_le_bytes());
            }
            f.extend_from_slice(frame);
        }
        let path = dir.join(format!("{name}.pcap"));
        std::fs::write(&path, &f).expect("write");
        files.push(path);
    }
    for path in &files {
        let theirs = String::from_utf8_lossy(&tshark_text(path, &cells)).into_owned();
        assert_eq!(String::from_utf8_lossy(&mipscope_text(path, &cells)), theirs, "{}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        let copy = written_copy(path, &format!("copy-{name}.pcapng"));
        assert_eq!(String::from_utf8_lossy(&tshark_text(&copy, &cells)), theirs, "{}: the copy", path.display());
        // The malformed frames (a given FCS past the end), in the packet list too. (Not with 8
        // octets of FCS: the UDP datagram it shortens is malformed for tshark, whose UDP length
        // error mipscope files as UDP's own, `udp.length.bad`, as it always has.)
        let bad = ["-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number"];
        if name != "fcs8.pcap" {
            assert_eq!(String::from_utf8_lossy(&mipscope_text(path, &bad)), String::from_utf8_lossy(&tshark_text(path, &bad)));
        }
        if name.starts_with("fcs-") && name.ends_with(".pcapng") {
            let list = String::from_utf8_lossy(&mipscope_text(path, &[])).into_owned();
            assert_eq!(list.lines().filter(|l| l.contains("Malformed")).count(), 3, "{list}");
        }
        // Each case is there: an FCS given on a frame too short to guess one, none where tshark
        // would guess one, data ending before the FCS.
        if name == "fcs-le.pcapng" {
            let rows: Vec<&str> = theirs.lines().collect();
            assert!(rows[8].starts_with("9\t0xdeadbeef\t"), "{theirs}");
            assert!(rows[17].starts_with("18\t\t\tdeadbeef\t000000000000000000000000000000000000\t"), "{theirs}");
            assert!(rows[11].contains("\t68656c6c6f20776f726c6421\t"), "{theirs}");
        }
    }
}

/// Every frame subtree of `-V` on `path` is tshark's, and tshark shows the same ones on
/// mipscope's `-w` copy (written as `copy_name`): tshark's subtrees.
fn frame_subtrees_match_in_copy(path: &Path, copy_name: &str) -> Vec<Vec<String>> {
    let want = frame_subtrees(&tshark_text(path, &["-V"]));
    assert_eq!(frame_subtrees(&mipscope_text(path, &["-V"])), want, "{}", path.display());
    let copy = written_copy(path, copy_name);
    assert_eq!(frame_subtrees(&tshark_text(&copy, &["-V"])), want, "{}: the copy", path.display());
    want
}

/// Each frame's subtree of a `-V` text (from its "Frame N: …" line to the next line at column
/// 0), and the Packet comments layer before it, without what other tests compare or the tools
/// place differently: Protocols in frame (the cell comparison, with its exclusions) and a
/// snap-length cut's expert item (mipscope puts it in the frame subtree, tshark at the layer
/// cut short).
fn frame_subtrees(text: &[u8]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut inside = false;
    // The indentation under which lines are skipped (the snap-length item's).
    let mut skip: Option<usize> = None;
    for l in String::from_utf8_lossy(text).lines() {
        if !l.starts_with(' ') {
            inside = l.starts_with("Frame ") || l == "Packet comments";
            if inside {
                out.push(vec![l.to_owned()]);
            }
            skip = None;
            continue;
        }
        let s = l.trim_start();
        let depth = l.len() - s.len();
        if skip.is_some_and(|d| depth > d) {
            continue;
        }
        skip = None;
        if s.starts_with("[Expert Info (Warning/Malformed): Packet size limited") {
            skip = Some(depth);
            continue;
        }
        if inside && !s.starts_with("[Protocols in frame") {
            out.last_mut().expect("a frame").push(l.to_owned());
        }
    }
    out
}

/// The frame subtree of `-V` line for line as tshark 4.0's (epan/dissectors/packet-frame.c):
/// the frame line's interface and direction, Section number, Interface id with the interface's
/// name (tshark's: `if_name`, else `if_description`, else `if_hardware`, else "unknown") and
/// description, Packet flags and their bits, Encapsulation type (Wireshark's WTAP numbers and
/// names), the times, lengths in bytes and bits, marked and ignored, the point-to-point
/// direction; a pcapng packet's comments before it (Packet comments, each with its Comment
/// expert item); on every fixture and on a pcapng file made for it ([`frame_record_pcapng`]).
#[test]
fn frame_subtrees_match_tshark() {
    if !tshark_here("frame_subtrees_match_tshark") {
        return;
    }
    let made = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("frame-records.pcapng");
    frame_record_pcapng(&made);
    let mut compared = 0;
    for f in fixtures().into_iter().chain([made.clone()]) {
        let mut theirs = frame_subtrees(&tshark_text(&f, &["-V"]));
        let mut ours = frame_subtrees(&mipscope_text(&f, &["-V"]));
        if f.ends_with("linktypes.pcapng") {
            // tshark counts the file's Custom Block as record 6 (mipscope: not a packet), so
            // the frames after it are numbered differently; those before it are compared.
            theirs.truncate(5);
            ours.truncate(5);
        }
        if f.ends_with("corrupt-blocklen.pcapng") {
            // tshark stops earlier than mipscope at the damaged block (the cell comparison
            // says how); the frames both read are compared.
            let n = theirs.len().min(ours.len());
            theirs.truncate(n);
            ours.truncate(n);
        }
        assert_eq!(ours.len(), theirs.len(), "{}: frames", f.display());
        for (o, t) in ours.iter().zip(&theirs) {
            assert_eq!(o, t, "{}", f.display());
        }
        compared += ours.len();
    }
    // With a display filter: the displayed delta counts from the frame shown before (the
    // first shown: 0), in the tree and as a field.
    let filter = "frame.number in {2,5,8,10,16}";
    for f in [root().join("captures/crafted/mh-messages.pcapng"), made.clone()] {
        // A filter on the displayed delta itself reads it as shown.
        let args = ["-Y", "frame.time_delta_displayed > 0.000002", "-T", "fields", "-e", "frame.number"];
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&f, &args)), String::from_utf8_lossy(&tshark_text(&f, &args)));
        let theirs = frame_subtrees(&tshark_text(&f, &["-V", "-Y", filter]));
        assert_eq!(frame_subtrees(&mipscope_text(&f, &["-V", "-Y", filter])), theirs, "{}: -Y", f.display());
        let args = ["-Y", filter, "-T", "fields", "-e", "frame.time_delta_displayed"];
        let theirs = tshark_text(&f, &args);
        assert_eq!(String::from_utf8_lossy(&mipscope_text(&f, &args)), String::from_utf8_lossy(&theirs));
        assert!(String::from_utf8_lossy(&theirs).lines().filter(|l| *l != "0.000000000").count() >= 3);
    }
    let made_frames = frame_subtrees(&mipscope_text(&made, &["-V"]));
    assert!(made_frames.iter().any(|f| f.iter().any(|l| l.contains("Interface description: a description"))));
    assert!(made_frames.iter().any(|f| f.iter().any(|l| l == "    Section number: 2")));
    assert!(made_frames.iter().any(|f| f.iter().any(|l| l == "    Prüfung ✓")));
    assert!(compared > 700, "{compared} frames");
}

/// `-z expert` counts a packet's comments as tshark 4.0 does: a "Comments" section after the
/// others, one row per comment text (Group Comment); on the scapy captures, whose every packet
/// carries the name of the test it comes from. The Protocol column is mipscope's protocol name
/// ("frame"), as for every other row, where tshark prints its short name ("Frame").
#[test]
fn comment_counts_match_tshark() {
    if !tshark_here("comment_counts_match_tshark") {
        return;
    }
    let comments = |text: &[u8]| -> Vec<String> {
        let text = String::from_utf8_lossy(text);
        let Some(at) = text.find("\nComments (") else { return Vec::new() };
        text[at..].lines().skip(1).take_while(|l| !l.is_empty()).map(str::to_string).collect()
    };
    let mut rows = 0;
    for name in ["scapy-vectors-packets.pcapng", "scapy-vectors-mh-wrapped.pcapng"] {
        let f = root().join("captures/real").join(name);
        let theirs = comments(&tshark_text(&f, &["-q", "-z", "expert"]));
        let ours = comments(&mipscope_text(&f, &["-q", "-z", "expert"]));
        assert_eq!(ours, theirs, "{name}");
        rows += theirs.len();
    }
    assert!(rows > 100, "{rows} rows");
}

/// `-z expert` names an item's protocol by its short name, as tshark's table does: every
/// protocol mipscope gives one has tshark's (`tshark -G protocols`), and a table whose items
/// tshark raises alike is tshark's row for row (headings, column widths and all).
#[test]
fn expert_table_protocols_match_tshark() {
    if !tshark_here("expert_table_protocols_match_tshark") {
        return;
    }
    let theirs: HashMap<String, String> =
        tshark_protocol_short_names().into_iter().map(|(short, abbrev)| (abbrev, short)).collect();
    let mut named = 0;
    for def in dissect::registry::all_fields().filter(|d| !d.short.is_empty()) {
        assert_eq!(Some(def.short), theirs.get(def.abbrev).map(String::as_str), "{}", def.abbrev);
        assert_eq!(dissect::registry::protocol_short_name(def.abbrev), def.short);
        named += 1;
    }
    assert!(named >= 30, "{named} protocols with short names");
    // A Type 0 routing header: one Note tshark and mipscope both raise, under "IPv6 Routing".
    let f = root().join("captures/crafted/ipv6-ext.pcapng");
    let table = |text: Vec<u8>| -> Vec<String> { String::from_utf8_lossy(&text).lines().map(str::to_string).collect() };
    let (theirs, ours) = (table(tshark_text(&f, &["-q", "-z", "expert"])), table(mipscope_text(&f, &["-q", "-z", "expert"])));
    assert_eq!(theirs.len(), 5, "{theirs:?}");
    let row = &theirs[4];
    assert!(row.contains("IPv6 Routing") && row.contains("Routing header type is deprecated"), "{row}");
    assert!(ours.contains(row), "{ours:#?}");
    assert_eq!(&ours[..4], &[theirs[0].as_str(), "Notes (7)", theirs[2].as_str(), theirs[3].as_str()]);
    // Nothing at all when there is no item (tshark prints no table).
    let clean = root().join("captures/crafted/optext-pmipv6.pcapng");
    assert_eq!(tshark_text(&clean, &["-q", "-z", "expert"]), b"");
    assert_eq!(mipscope_text(&clean, &["-q", "-z", "expert"]), b"");
}
