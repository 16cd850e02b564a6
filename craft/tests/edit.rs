//! Editing real captures by field name and building messages by name, checked against other
//! implementations: a checksum another tool computed (zeek's test capture holds the same
//! Binding Error with a wrong and a right checksum), tshark 4.0's reading of what we write, and
//! the fixtures' independent Python reader (`make_fixtures.py --check`), which recomputes every
//! checksum with the Home Address option and type 2 routing header rules.

use craft::build::{self, MessageSpec, OptionSpec};
use craft::edit::{self, Assignment};
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every frame of a fixture: (meta, octets).
fn frames(rel: &str) -> Vec<(FrameMeta, Vec<u8>)> {
    let f = std::fs::File::open(root().join(rel)).unwrap();
    let mut v = Vec::new();
    dissect::capture::for_each_packet(f, |m, d| {
        v.push((*m, d.to_vec()));
        true
    })
    .unwrap();
    v
}

/// A classic pcap of frames of one link type, in the temporary directory.
fn write_pcap(name: &str, linktype: u32, frames: &[Vec<u8>]) -> PathBuf {
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0]);
    pcap.extend_from_slice(&linktype.to_le_bytes());
    for (i, b) in frames.iter().enumerate() {
        for v in [1_767_225_600 + i as u32, 0, b.len() as u32, b.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(b);
    }
    let path = std::env::temp_dir().join(format!("mipscope-edit-{}-{name}.pcap", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(&pcap).unwrap();
    path
}

/// tshark's `-T fields` rows for a file.
fn tshark(path: &Path, fields: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["-r".to_string(), path.display().to_string(), "-T".into(), "fields".into()];
    for f in fields {
        args.push("-e".into());
        args.push(f.to_string());
    }
    let out = Command::new("tshark").args(&args).output().expect("tshark (the suite's script installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// The fixtures' independent reader: every checksum and MH layout it knows holds.
fn python_check(path: &Path) -> String {
    let out =
        Command::new("python3").arg(root().join("captures/make_fixtures.py")).arg("--check").arg(path).output().expect("python3");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "independent reader: {text}");
    text
}

fn edit(frame: &(FrameMeta, Vec<u8>), sets: &[&str], keep_checksums: bool) -> Result<Vec<u8>, edit::EditError> {
    let sets: Vec<Assignment> = sets.iter().map(|s| Assignment::parse(s)).collect::<Result<_, _>>()?;
    let (out, outcome) =
        edit::edit(&frame.1, &frame.0, &CaptureState::default(), &Prefs::default(), &sets, edit::Options { keep_checksums })?;
    assert!(outcome.absent.is_empty(), "{outcome:?}");
    Ok(out)
}

/// zeek's test capture has one Binding Error twice, with checksum 0x0001 and with 0xb0d8
/// (right). Any edit of the wrong one recomputes the right one, octet for octet.
#[test]
fn an_edit_recomputes_the_checksum_another_implementation_wrote() {
    let bad = &frames("captures/real/zeek-mip6-bad-mh-chksum.pcap")[0];
    let good = &frames("captures/real/zeek-mip6-good-mh-chksum.pcap")[0];
    assert_ne!(bad.1, good.1);
    assert_eq!(edit(bad, &["mip6.be.status=1"], false).unwrap(), good.1);
    // Unless told to keep checksums: then only the octets set change.
    assert_eq!(edit(bad, &["mip6.be.status=1"], true).unwrap(), bad.1);
    let changed = edit(bad, &["mip6.be.status=2"], true).unwrap();
    let diff: Vec<usize> = (0..bad.1.len()).filter(|&i| bad.1[i] != changed[i]).collect();
    assert_eq!(diff.len(), 1);
    // An explicit checksum wins over the recomputed one.
    assert_eq!(&edit(bad, &["mip6.be.status=1", "mip6.csum=0x0001"], false).unwrap(), &bad.1);
}

/// A flag inside a 16-bit word and a lifetime, on a real Binding Update: tshark reads the new
/// values, the other flags stay, and the independent reader finds the checksum right.
#[test]
fn flags_and_values_land_where_tshark_reads_them() {
    let bu = &frames("captures/real/zeek-mip6_bu.pcap")[0];
    let fields = ["mip6.bu.a_flag", "mip6.bu.h_flag", "mip6.bu.k_flag", "mip6.bu.lifetime", "mip6.bu.seqnr"];
    let original = write_pcap("bu-before", bu.0.linktype, std::slice::from_ref(&bu.1));
    let before = tshark(&original, &fields);
    std::fs::remove_file(original).ok();
    let out = edit(bu, &["mip6.bu.k_flag=1", "mip6.bu.lifetime=0", "mip6.bu.seqnr=0xbeef"], false).unwrap();
    let path = write_pcap("bu-after", bu.0.linktype, &[out]);
    let after = tshark(&path, &fields);
    assert_eq!(after[0][0], before[0][0], "A unchanged");
    assert_eq!(after[0][1], before[0][1], "H unchanged");
    assert_eq!(after[0][2], "1");
    assert_eq!(after[0][3], "0");
    assert_eq!(after[0][4], "48879");
    python_check(&path);
    std::fs::remove_file(path).ok();
}

/// `ipv6.src` moves the pseudo-header every upper-layer checksum covers: after the edit, the
/// independent reader finds every checksum of every frame of a capture of ICMPv6, UDP and
/// Mobility Headers right (HAO and routing header rules included), and tshark reads the new
/// source.
#[test]
fn addresses_change_and_every_checksum_follows() {
    for rel in ["captures/crafted/mh-messages.pcapng", "captures/crafted/icmpv6-mobile.pcapng"] {
        let all = frames(rel);
        let linktype = all[0].0.linktype;
        let edited: Vec<Vec<u8>> = all.iter().map(|f| edit(f, &["ipv6.src=2001:db8:99::1"], false).unwrap()).collect();
        let path = write_pcap("src", linktype, &edited);
        let report = python_check(&path);
        assert!(report.matches(" frame ").count() == all.len(), "{report}");
        for row in tshark(&path, &["ipv6.src"]) {
            assert!(row[0].starts_with("2001:db8:99::1"), "{rel}: {row:?}");
        }
        std::fs::remove_file(path).ok();
    }
}

/// `NAME#N` picks the N-th occurrence: the inner IPv6 header of a tunnelled packet.
#[test]
fn occurrences_reach_inner_headers() {
    let all = frames("captures/crafted/tunnels.pcapng");
    let prefs = Prefs::default();
    let mut d = Dissection::default();
    let (i, f) = all
        .iter()
        .enumerate()
        .find(|(_, f)| {
            dissect::dissect_frame(&mut d, &f.1, &f.0, &prefs);
            d.find_all("ipv6.dst").count() >= 2
        })
        .expect("a frame with two IPv6 headers");
    dissect::dissect_frame(&mut d, &f.1, &f.0, &prefs);
    let outer: Vec<_> = d.find_all("ipv6.dst").map(|n| n.value).collect();
    let out = edit(f, &["ipv6.dst#2=2001:db8:77::7"], false).unwrap();
    dissect::dissect_frame(&mut d, &out, &f.0, &prefs);
    let now: Vec<_> = d.find_all("ipv6.dst").map(|n| n.value).collect();
    assert_eq!(now[0], outer[0], "frame {}: the outer header is untouched", i + 1);
    assert_eq!(now[1], dissect::field::Value::Ipv6("2001:db8:77::7".parse::<std::net::Ipv6Addr>().unwrap().octets()));
}

/// Bad assignments say what is wrong and where (for a caret under it).
#[test]
fn bad_assignments_are_located() {
    let bu = &frames("captures/real/zeek-mip6_bu.pcap")[0];
    let e = edit(bu, &["mip6.bu.lifetime=70000"], false).unwrap_err();
    assert_eq!((e.at, e.why.as_str()), (17, "70000 does not fit mip6.bu.lifetime (at most 65535)"));
    assert_eq!(e.caret(), "mip6.bu.lifetime=70000\n                 ^");
    let e = edit(bu, &["ipv6.src=2001:db8::zz"], false).unwrap_err();
    assert_eq!((e.at, e.why.as_str()), (9, "\"2001:db8::zz\" is not an IPv6 address"));
    let e = edit(bu, &["mip6.bu.a_flag=2"], false).unwrap_err();
    assert!(e.why.contains("at most 1"), "{e:?}");
    let e = Assignment::parse("mip6.bu.lifetim=1").unwrap_err();
    assert_eq!((e.at, e.why.as_str()), (0, "\"mip6.bu.lifetim\" is not a field name"));
    // Value names work where the field has them.
    let be = &frames("captures/real/zeek-mip6_be.pcap")[0];
    let out = edit(be, &["mip6.be.status=Unknown binding for Home Address destination option"], false).unwrap();
    let mut d = Dissection::default();
    dissect::dissect_frame(&mut d, &out, &be.0, &Prefs::default());
    assert_eq!(d.find("mip6.be.status").unwrap().value, dissect::field::Value::Uint(1));
}

/// A Binding Update built by name with flags, a sequence number, an Alternate Care-of Address
/// and a Home Address option: tshark reads every value, the independent reader every checksum.
#[test]
fn a_message_built_by_name() {
    let prefs = Prefs::default();
    let mut spec = MessageSpec::new(craft::message::message_type("bu", &prefs).unwrap());
    spec.hoa = Some("2001:db8:1::100".parse().unwrap());
    spec.options.push(OptionSpec {
        code: craft::message::option_type("alt-coa", &prefs).unwrap(),
        data: None,
        sets: vec![(vec![], "2001:db8:2::5".into(), "alt-coa=2001:db8:2::5".into())],
    });
    for s in ["mip6.bu.seqnr=7", "mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=150"] {
        spec.sets.push(Assignment::parse(s).unwrap());
    }
    let (linktype, bytes) = build::build(&spec, &prefs).unwrap();
    let path = write_pcap("bu-built", linktype, &[bytes]);
    let rows = tshark(
        &path,
        &[
            "mip6.mhtype",
            "mip6.bu.seqnr",
            "mip6.bu.a_flag",
            "mip6.bu.h_flag",
            "mip6.bu.lifetime",
            "mip6.acoa.acoa",
            "ipv6.opt.mipv6.home_address",
            "_ws.expert",
        ],
    );
    assert_eq!(rows[0], ["5", "7", "1", "1", "150", "2001:db8:2::5", "2001:db8:1::100", ""]);
    python_check(&path);
    std::fs::remove_file(path).ok();
    // A field the message does not have is an error, not a silent no-op.
    spec.sets.push(Assignment::parse("mip6.ba.status=0").unwrap());
    assert!(matches!(build::build(&spec, &prefs), Err(build::BuildError::Absent(t)) if t == "mip6.ba.status=0"));
}

/// Every message of both profiles, alone, builds into a frame the dissector reads with no
/// error and the independent reader finds well formed.
#[test]
fn every_message_builds_under_both_profiles() {
    for prefs in [Prefs::default(), Prefs::build(Some("draft"), &[]).unwrap()] {
        let mut all = Vec::new();
        for m in craft::message::messages(&prefs) {
            let (linktype, bytes) = build::build(&MessageSpec::new(m.mh_type), &prefs).unwrap();
            let mut d = Dissection::default();
            let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
            dissect::dissect_frame(&mut d, &bytes, &meta, &prefs);
            assert!(
                d.max_severity() < Some(dissect::expert::Severity::Error),
                "{} ({}): {:?}",
                m.name,
                m.mh_type,
                d.experts.iter().map(|e| d.text_of(e.text)).collect::<Vec<_>>()
            );
            assert_eq!(d.find("mip6.mhtype").unwrap().value, dissect::field::Value::Uint(u64::from(m.mh_type)));
            all.push(bytes);
        }
        let path = write_pcap("all", 1, &all);
        python_check(&path);
        std::fs::remove_file(path).ok();
    }
}

/// The nodes of a frame as (name, value), less what a resized field may change besides itself:
/// lengths, checksums, padding.
fn fields_but_lengths(bytes: &[u8], meta: &FrameMeta) -> Vec<(&'static str, dissect::field::Value, Vec<u8>)> {
    use dissect::field::Value;
    let mut d = Dissection::default();
    let meta = FrameMeta { wire_len: bytes.len() as u32, ..*meta };
    dissect::dissect_frame(&mut d, bytes, &meta, &Prefs::default());
    assert!(d.experts.is_empty(), "{:?}", d.experts);
    let derived = ["len", "csum", "checksum", "frame."];
    let mut pad_depth = None;
    let mut kept = Vec::new();
    for n in &d.nodes {
        // A Pad1/PadN option's whole subtree.
        match pad_depth {
            Some(k) if n.depth > k => continue,
            _ => pad_depth = n.def.abbrev.contains("pad").then_some(n.depth),
        }
        if pad_depth.is_none() && !n.generated && !derived.iter().any(|k| n.def.abbrev.contains(k)) {
            // A span's octets, not where it lies.
            let span = match n.value {
                Value::Bytes | Value::Str => bytes[n.offset as usize..(n.offset + n.len) as usize].to_vec(),
                Value::Text(at, len) => d.text.as_bytes()[at as usize..(at + len) as usize].to_vec(),
                _ => Vec::new(),
            };
            let value = if span.is_empty() { n.value } else { Value::None };
            kept.push((n.def.abbrev, value, span));
        }
    }
    kept
}

/// A value of another size: a longer and a shorter MN-ID NAI in a PMIPv6 Binding Update. The
/// option's Length, the padding, Header Len, Payload Length and the checksum follow; tshark reads
/// the new identifier, the independent reader finds the layout and checksum right, and nothing
/// else of the dissection changes.
#[test]
fn a_value_of_another_size_resizes_its_option() {
    use craft::scenario::{emit_all, pmipv6};
    let prefs = Prefs::default();
    let steps = pmipv6::build(&pmipv6::Params::default(), 1, &prefs);
    let (_, linktype, bytes) = emit_all(&steps, &prefs).unwrap().remove(0);
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    let frame = (meta, bytes);
    let before = fields_but_lengths(&frame.1, &meta);
    for nai in ["a-much-longer-identifier@example.net", "m@x"] {
        let set = format!("mip6.mnid.identifier={nai}");
        let out = edit(&frame, &[&set], false).unwrap();
        assert_eq!(out.len() % 8, frame.1.len() % 8, "the header stays a multiple of 8 octets");
        let after = fields_but_lengths(&out, &meta);
        let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0 .0, "mip6.mnid.identifier");
        assert_eq!(before.len(), after.len());
        let path = write_pcap("nai", linktype, &[out]);
        assert_eq!(tshark(&path, &["mip6.mnid.identifier"])[0][0], nai);
        python_check(&path);
        std::fs::remove_file(path).ok();
    }
    // What its Length cannot say is refused, with the reason.
    let e = edit(&frame, &[&format!("mip6.mnid.identifier={}", "n".repeat(300))], false).unwrap_err();
    assert!(e.why.contains("more than its Length octet can describe"), "{e:?}");
    assert!(e.why.ends_with("it can be 1 to 254 octets"), "{e:?}");
}

/// A field of an element the edit does not re-frame (a routing header's undecoded data) keeps
/// its size (refused, with the size it has); Mobility Header padding is laid out again, not set.
#[test]
fn other_size_changes_are_refused() {
    let rh = &frames("captures/crafted/ipv6-ext.pcapng")[9];
    let e = edit(rh, &["ipv6.routing.type_data=00"], false).unwrap_err();
    // A routing header's data resizes in whole 8-octet units of the header (4 octets of it are
    // the fixed part): one octet is refused with the sizes that fit.
    assert_eq!(
        e.why,
        "ipv6.routing.type_data cannot be 1 octets here (Hdr Ext Len cannot describe 5 octets); it can be 4, 12, 20, 28, 36 or 44 octets"
    );
    let bu = &frames("captures/real/zeek-mip6_bu.pcap")[0];
    let e = edit(bu, &["mip6.padn=000000"], false).unwrap_err();
    assert!(e.why.starts_with("padding is laid out again"), "{e:?}");
    assert_eq!(e.at, "mip6.padn=".len());
    // The same size is an ordinary edit.
    edit(bu, &["mip6.padn=0001"], false).unwrap();
}
