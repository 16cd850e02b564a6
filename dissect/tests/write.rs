//! pcapng writing: every fixture copied and read back gives the same packets, interfaces and
//! timestamps; tshark reads each copy cleanly and sees what it sees in the original; raw
//! timestamp units survive resolutions other than micro- and nanoseconds.

use dissect::capture::write::PcapngWriter;
use dissect::capture::{stream, Interface, Interfaces};
use pcap_parser::pcapng::{Block, EnhancedPacketBlock, InterfaceDescriptionBlock, OptionCode, PcapNGOption, SectionHeaderBlock};
use pcap_parser::{Linktype, ToVec};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One packet as read: everything a copy must keep.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Packet {
    ts: (i64, u32),
    wire_len: u32,
    linktype: u32,
    interface: u32,
    described: Option<Interface>,
    data: Vec<u8>,
}

fn read(bytes: &[u8]) -> (Vec<Packet>, bool) {
    let mut v = Vec::new();
    let r = stream(bytes, |m, d, ifs: &dissect::capture::Described<'_>| {
        let interface = m.interface.unwrap_or(0);
        v.push(Packet {
            ts: m.ts,
            wire_len: m.wire_len,
            linktype: m.linktype,
            interface,
            described: ifs.interfaces.get(interface as usize).cloned(),
            data: d.to_vec(),
        });
        true
    });
    (v, r.is_ok())
}

/// Copies a capture through the writer (what `-r F -w OUT` does).
fn copy(bytes: &[u8]) -> Vec<u8> {
    let mut w = PcapngWriter::new(Vec::new()).unwrap();
    let _ = stream(bytes, |m, d, ifs| {
        w.write(m, d, ifs.interfaces).unwrap();
        true
    });
    w.into_inner().unwrap()
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../captures");
    let mut v: Vec<PathBuf> = ["crafted", "real"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pcap" || e == "pcapng"))
        .collect();
    v.sort();
    assert!(v.len() >= 20, "fixtures not found");
    v
}

#[test]
fn every_fixture_reads_back_identical() {
    let mut packets = 0;
    for f in fixtures() {
        let bytes = std::fs::read(&f).unwrap();
        let (orig, _) = read(&bytes);
        let (back, ok) = read(&copy(&bytes));
        assert!(ok, "{}: the copy does not read back cleanly", f.display());
        assert_eq!(orig.len(), back.len(), "{}: packet count", f.display());
        for (i, (a, b)) in orig.iter().zip(&back).enumerate() {
            // A pcap header's link type field also holds FCS bits (above bit 15); a pcapng
            // interface has 16 bits for the link type alone.
            let mut a = a.clone();
            a.linktype &= 0xffff;
            if let Some(d) = a.described.as_mut() {
                d.linktype &= 0xffff;
            }
            assert_eq!(&a, b, "{}: packet {}", f.display(), i + 1);
        }
        packets += orig.len();
    }
    assert!(packets > 300, "only {packets} packets compared");
}

/// tshark's view of a file: time at full resolution, interface, lengths, interface name.
fn tshark_view(path: &Path) -> Option<Vec<String>> {
    let o = Command::new("tshark")
        .args(["-r"])
        .arg(path)
        .args(["-T", "fields", "-e", "frame.time_epoch", "-e", "frame.interface_id", "-e", "frame.len"])
        .args(["-e", "frame.cap_len", "-e", "frame.interface_name"])
        .output()
        .ok()?;
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).lines().map(str::to_string).collect())
}

fn tshark_available() -> bool {
    let there = Command::new("tshark").arg("-v").output().is_ok_and(|o| o.status.success());
    if !there {
        assert!(std::env::var_os("CI").is_none(), "tshark is required in CI");
        eprintln!("SKIPPED: tshark is not installed");
    }
    there
}

/// Files whose copies tshark reads: every classic pcap variant (byte order, µs/ns), the
/// pcapng with nine interfaces of seven link types and both resolutions, the real captures.
/// (One tshark run each: the whole set is copied and compared by our reader above.)
const TSHARK_SET: &[&str] = &[
    "crafted/bu-ba-be-nsec.pcap",
    "crafted/bu-ba-be-usec.pcap",
    "crafted/bu-ba-le-nsec.pcap",
    "crafted/bu-ba-le-usec.pcap",
    "crafted/linktypes.pcapng",
    "crafted/mh-messages.pcapng",
    "crafted/tunnels.pcapng",
    "real/scapy-vectors-packets.pcapng",
    "real/tcpdump-ipv6_mobility_1.pcap",
];

#[test]
fn tshark_reads_copies_with_the_same_packets_interfaces_and_timestamps() {
    if !tshark_available() {
        return;
    }
    let dir = tempdir("copies");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../captures");
    for name in TSHARK_SET {
        let bytes = std::fs::read(root.join(name)).unwrap();
        let (packets, clean) = read(&bytes);
        assert!(clean && !packets.is_empty(), "{name}");
        let out = dir.join(name.replace('/', "-") + ".pcapng");
        std::fs::write(&out, copy(&bytes)).unwrap();
        let seen = tshark_view(&out).unwrap_or_else(|| panic!("tshark cannot read the copy of {name}"));
        // What the original holds, as tshark prints it: epoch time to the nanosecond.
        let want: Vec<String> = packets
            .iter()
            .map(|p| {
                let name = p.described.as_ref().and_then(|d| d.name.clone()).unwrap_or_else(|| "unknown".into());
                format!("{}.{:09}\t{}\t{}\t{}\t{}", p.ts.0, p.ts.1, p.interface, p.wire_len, p.data.len(), name)
            })
            .collect();
        assert_eq!(seen, want, "{name}: tshark reads the copy differently");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempdir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mipscope-write-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn opt(code: OptionCode, value: &[u8]) -> PcapNGOption<'static> {
    let mut v = value.to_vec();
    v.resize(v.len().next_multiple_of(4), 0);
    PcapNGOption { code, len: value.len() as u16, value: Cow::Owned(v) }
}

/// (if_id, timestamp units) of an EPB; (tsresol, tsoffset) of an IDB.
type RawTimes = (Vec<(u32, u64)>, Vec<(u8, i64)>);

/// The raw times of every EPB and IDB.
fn raw(bytes: &[u8]) -> RawTimes {
    let (mut epbs, mut idbs) = (Vec::new(), Vec::new());
    let mut rest = bytes;
    while !rest.is_empty() {
        let (r, block) = pcap_parser::pcapng::parse_block_le(rest).unwrap();
        match block {
            Block::EnhancedPacket(e) => epbs.push((e.if_id, (u64::from(e.ts_high) << 32) | u64::from(e.ts_low))),
            Block::InterfaceDescription(i) => idbs.push((i.if_tsresol, i.if_tsoffset)),
            _ => {}
        }
        rest = r;
    }
    (epbs, idbs)
}

#[test]
fn timestamp_units_survive_binary_and_decimal_resolutions_and_offsets() {
    // Interfaces: 2^-20 s with a -10 s offset, 10^-3 s, 2^-10 s with a +1000 s offset, 10^-9 s.
    let ifaces: [(u8, i64); 4] = [(0x94, -10), (3, 0), (0x8a, 1000), (9, 0)];
    let mut file = Vec::new();
    let mut shb = SectionHeaderBlock {
        block_type: 0,
        block_len1: 0,
        bom: 0,
        major_version: 1,
        minor_version: 0,
        section_len: -1,
        options: vec![],
        block_len2: 0,
    };
    file.extend(shb.to_vec().unwrap());
    for (i, &(res, off)) in ifaces.iter().enumerate() {
        let mut idb = InterfaceDescriptionBlock {
            block_type: 0,
            block_len1: 0,
            linktype: Linktype(if i == 1 { 229 } else { 1 }),
            reserved: 0,
            snaplen: 1000 + i as u32,
            options: vec![opt(OptionCode::IfName, format!("if{i}").as_bytes()), opt(OptionCode::IfTsresol, &[res])],
            block_len2: 0,
            if_tsresol: res,
            if_tsoffset: off,
        };
        if off != 0 {
            idb.options.push(opt(OptionCode::IfTsoffset, &off.to_le_bytes()));
        }
        file.extend(idb.to_vec().unwrap());
    }
    // Units at the edges of each second (0, 1, the last unit) and ordinary ones.
    let mut sent = Vec::new();
    for (if_id, units) in [
        (0u32, 1_800_000_000u64 << 20),
        (0, (1_800_000_000u64 << 20) + 1),
        (0, (1_800_000_001u64 << 20) - 1),
        (1, 1_800_000_000_123),
        (1, 1_800_000_000_999),
        (2, (1_700_000_000u64 << 10) + 1023),
        (2, (1_700_000_000u64 << 10) + 1),
        (3, 1_800_000_000_999_999_999),
        (0, 0),
    ] {
        let data = [0x45u8; 20];
        let mut epb = EnhancedPacketBlock {
            block_type: 0,
            block_len1: 0,
            if_id,
            ts_high: (units >> 32) as u32,
            ts_low: units as u32,
            caplen: 20,
            origlen: 60,
            data: &data,
            options: vec![],
            block_len2: 0,
        };
        file.extend(epb.to_vec().unwrap());
        sent.push((if_id, units));
    }
    let (orig_epbs, orig_idbs) = raw(&file);
    assert_eq!(orig_epbs, sent);
    let out = copy(&file);
    let (epbs, idbs) = raw(&out);
    assert_eq!(epbs, sent, "raw timestamp units");
    assert_eq!(idbs, orig_idbs, "interface resolutions and offsets");
    let (a, _) = read(&file);
    let (b, _) = read(&out);
    assert_eq!(a, b);
    assert_eq!(b[0].described.as_ref().map(|i| (i.name.as_deref(), i.snaplen)), Some((Some("if0"), 1000)));
    assert_eq!(b[0].wire_len, 60);
    // 2^-20 s units: 1 unit is 953 ns (rounded down), 2^20 - 1 units 999999046 ns.
    assert_eq!((b[1].ts, b[2].ts), ((1_799_999_990, 953), (1_799_999_990, 999_999_046)));
    // An independent reader agrees on the original and the copy, to the nanosecond.
    if tshark_available() {
        let dir = tempdir("units");
        let (f, g) = (dir.join("orig.pcapng"), dir.join("copy.pcapng"));
        std::fs::write(&f, &file).unwrap();
        std::fs::write(&g, &out).unwrap();
        let (tf, tg) = (tshark_view(&f).unwrap(), tshark_view(&g).unwrap());
        assert_eq!(tf, tg);
        assert_eq!(tf[1].split('\t').next(), Some("1799999990.000000953"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_packet_naming_an_undescribed_interface_gets_one() {
    // A writer fed by hand: interface 1 without a description becomes a nanosecond interface
    // with the packet's link type, after interface 0 as described.
    let ifs: Interfaces = vec![Interface::new(Some("veth0".into()), 1, 262_144)];
    let mut w = PcapngWriter::new(Vec::new()).unwrap();
    let meta = dissect::frame::FrameMeta {
        number: 1,
        ts: (1_800_000_000, 123_456_789),
        wire_len: 4,
        linktype: 229,
        interface: Some(1),
        ..Default::default()
    };
    w.write(&meta, &[0x60, 0, 0, 0], &ifs).unwrap();
    assert_eq!(w.packets(), 1);
    let out = w.into_inner().unwrap();
    let (p, ok) = read(&out);
    assert!(ok);
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].ts, p[0].interface, p[0].linktype), ((1_800_000_000, 123_456_789), 1, 229));
    let mut rest = &out[..];
    let mut names = Vec::new();
    while !rest.is_empty() {
        let (r, b) = pcap_parser::pcapng::parse_block_le(rest).unwrap();
        if let Block::InterfaceDescription(i) = b {
            names.push((i.linktype.0, i.if_tsresol, i.snaplen));
        }
        rest = r;
    }
    assert_eq!(names, [(1, 9, 262_144), (229, 9, 0)]);
}
