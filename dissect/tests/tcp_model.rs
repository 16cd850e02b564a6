//! The owned TCP header ([`dissect::tcp::Tcp`]) and its options ([`dissect::tcp::TcpOption`]):
//! every TCP header in every fixture re-emits to its own bytes; any bytes the parse accepts do;
//! and a header built with its Data Offset and checksum left to be computed dissects with every
//! field back and no expert item (tshark agrees on a few).

use dissect::frame::FrameMeta;
use dissect::model::{Auto, EmitCx};
use dissect::prefs::Prefs;
use dissect::tcp::{encode_options, SackBlocks, Tcp, TcpFlags, TcpOption, TcpOptionKind, TcpOptions};
use dissect::tree::Dissection;
use dissect::IpCtx;
use proptest::prelude::*;

mod common;
use common::{experts, uint, uints};

const SRC4: [u8; 4] = [192, 0, 2, 10];
const DST4: [u8; 4] = [198, 51, 100, 20];

fn csum(data: &[u8]) -> u16 {
    dissect::checksum::finish(dissect::checksum::sum(data, 0))
}

/// An IPv4 packet (protocol 6) around `payload`.
fn ipv4(payload: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&((20 + payload.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 1, 0x40, 0, 64, 6, 0, 0]);
    ip.extend_from_slice(&SRC4);
    ip.extend_from_slice(&DST4);
    let c = csum(&ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(payload);
    ip
}

/// An IPv6 packet (Next Header 6) around `payload`.
fn ipv6(src: [u8; 16], dst: [u8; 16], payload: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x60, 0, 0, 0];
    ip.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    ip.extend_from_slice(&[6, 64]);
    ip.extend_from_slice(&src);
    ip.extend_from_slice(&dst);
    ip.extend_from_slice(payload);
    ip
}

fn run(pkt: &[u8], linktype: u32) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, pkt, &meta, &Prefs::default());
    d
}

/// Expert items other than tshark's Chat items for a connection's SYN/FIN/RST landmarks.
fn findings(d: &Dissection) -> Vec<&'static str> {
    experts(d).into_iter().filter(|e| !e.starts_with("tcp.connection.")).collect()
}

fn emit_segment(h: &Tcp<Vec<u8>>, payload: &[u8], ip: IpCtx) -> Vec<u8> {
    let prefs = Prefs::default();
    let cx = EmitCx { ip: Some(ip), ..EmitCx::new(&prefs) };
    let mut seg = Vec::new();
    h.emit(payload, &cx, &mut seg).expect("fits");
    seg
}

#[test]
fn every_fixture_tcp_header_round_trips() {
    let mut seen = 0;
    for path in common::fixture_files() {
        let bytes = std::fs::read(&path).unwrap();
        let mut frames = Vec::new();
        let _ = dissect::capture::for_each_packet(&bytes[..], |m, d| {
            frames.push((*m, d.to_vec()));
            true
        });
        for (m, data) in frames {
            let mut d = Dissection::new();
            dissect::dissect_frame(&mut d, &data, &m, &Prefs::default());
            for node in d.find_all("tcp") {
                let seg = &data[node.offset as usize..];
                let Ok((h, n)) = Tcp::parse(seg) else { continue };
                let mut out = Vec::new();
                h.emit(&seg[n..], &EmitCx::new(&Prefs::default()), &mut out).unwrap();
                assert_eq!(out, seg, "{} frame {}", path.display(), m.number);
                assert_eq!(h.to_owned().options, h.options);
                // The option walk covers the area exactly, each option re-emitting its octets.
                let mut area = Vec::new();
                for o in h.options() {
                    o.emit(&mut area).unwrap();
                }
                assert_eq!(area, h.options, "{} frame {}", path.display(), m.number);
                // The form holds what the dissector showed.
                let at = |f: &str, off: u32| {
                    d.nodes.iter().find(|n| n.def.abbrev == f && n.offset == node.offset + off).and_then(|n| n.value.as_uint())
                };
                assert_eq!(at("tcp.srcport", 0), Some(u64::from(h.src_port)));
                assert_eq!(at("tcp.seq", 4), Some(u64::from(h.seq)));
                if let Some(w) = at("tcp.window_size_value", 14) {
                    assert_eq!(w, u64::from(h.window));
                    assert_eq!(at("tcp.flags", 12), Some(u64::from(h.flags.0)));
                    assert_eq!(at("tcp.hdr_len", 12), Some(u64::from(h.data_offset.given().unwrap()) * 4));
                }
                seen += 1;
            }
        }
    }
    assert!(seen >= 14, "only {seen} whole TCP headers in the fixtures");
}

#[test]
fn built_syn_with_every_typed_option_dissects_cleanly() {
    let options = encode_options(&[
        TcpOption::<&[u8]>::Mss(1460),
        TcpOption::SackPermitted,
        TcpOption::Timestamps { tsval: 1_000_000, tsecr: 0 },
        TcpOption::WindowScale(7),
    ])
    .unwrap();
    assert_eq!(options.len(), 19, "padding to 20 is computed");
    let h = Tcp {
        src_port: 40000,
        dst_port: 80,
        seq: 0x1234_5678,
        ack: 0,
        data_offset: Auto::Computed,
        flags: TcpFlags(TcpFlags::SYN | TcpFlags::ECE | TcpFlags::CWR),
        window: 64240,
        checksum: Auto::Computed,
        urgent: 0,
        options,
    };
    assert_eq!(h.header_len(), 40);
    let seg = emit_segment(&h, b"", IpCtx::V4 { src: SRC4, dst: DST4 });
    assert_eq!(seg.len(), 40);
    assert_eq!(seg[12] >> 4, 10, "Data Offset computed");
    assert_eq!(seg[39], 0, "zero padding (End of Option List)");
    let d = run(&ipv4(&seg), 228);
    assert_eq!(findings(&d), Vec::<&str>::new());
    assert_eq!(experts(&d), ["tcp.connection.syn"]);
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    assert_eq!(uint(&d, "tcp.options.mss_val"), 1460);
    assert_eq!(uint(&d, "tcp.options.wscale.shift"), 7);
    assert_eq!(uint(&d, "tcp.options.timestamp.tsval"), 1_000_000);
    assert_eq!(uint(&d, "tcp.hdr_len"), 40);
    // Parsed back: the same values, now given.
    let (p, n) = Tcp::parse(&seg).unwrap();
    assert_eq!(n, 40);
    let opts: Vec<_> = p.options().collect();
    assert_eq!(opts[0], TcpOption::Mss(1460));
    assert_eq!(opts.last(), Some(&TcpOption::Eol));
    assert_eq!(p.flags, h.flags);
}

#[test]
fn computed_checksum_uses_the_substituted_ipv6_pseudo_header() {
    // The IpCtx the frame builder gives has the home address (Home Address option) as source:
    // the checksum is over it, not over the packet's source.
    let hoa = common::ip6("2001:db8:1::100");
    let dst = common::ip6("2001:db8:2::1");
    let h = Tcp {
        src_port: 1,
        dst_port: 2,
        seq: 3,
        ack: 4,
        data_offset: Auto::Computed,
        flags: TcpFlags(TcpFlags::ACK | TcpFlags::PSH),
        window: 5,
        checksum: Auto::Computed,
        urgent: 0,
        options: Vec::new(),
    };
    let seg = emit_segment(&h, b"data", IpCtx::V6 { src: hoa, dst });
    let init = IpCtx::V6 { src: hoa, dst }.pseudo_sum(seg.len() as u32, 6);
    assert_eq!(dissect::checksum::finish(dissect::checksum::sum(&seg, init)), 0);
    // Over plain IPv6 from the home address the dissector agrees.
    let d = run(&ipv6(hoa, dst, &seg), 229);
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    assert_eq!(uint(&d, "tcp.len"), 4);
    assert_eq!(findings(&d), Vec::<&str>::new());
}

#[test]
fn lengths_that_cannot_be_written_are_errors() {
    let big = vec![0u8; 300];
    let o = TcpOption::Other { kind: TcpOptionKind::Unknown(99), len: Auto::Computed, data: &big[..] };
    assert!(o.emit(&mut Vec::new()).is_err());
    let h = Tcp {
        src_port: 1,
        dst_port: 2,
        seq: 0,
        ack: 0,
        data_offset: Auto::Computed,
        flags: TcpFlags(TcpFlags::ACK),
        window: 0,
        checksum: Auto::Computed,
        urgent: 0,
        options: vec![1u8; 41],
    };
    assert!(h.emit(b"", &EmitCx::new(&Prefs::default()), &mut Vec::new()).is_err());
    let h = Tcp { options: vec![1u8; 40], ..h };
    assert_eq!(h.data_offset_value(), Ok(15));
    let h = Tcp { data_offset: Auto::Given(16), ..h };
    assert!(h.data_offset_value().is_err());
}

#[test]
fn malformed_option_areas_keep_every_octet() {
    for area in [
        &[2u8, 3, 5][..],                 // MSS with a wrong length: kept as Other
        &[8, 40, 1, 2],                   // runs past the area
        &[0, 0, 7, 0],                    // nonzero padding after EOL
        &[1, 1, 30],                      // a kind with no Length octet
        &[28, 1, 9, 9],                   // Length below 2
        &[5, 10, 0, 0, 0, 1, 0, 0, 0, 2], // one SACK block
    ] {
        let items: Vec<_> = TcpOptions::new(area).collect();
        let mut out = Vec::new();
        for o in &items {
            o.emit(&mut out).unwrap();
        }
        assert_eq!(out, area, "{items:?}");
    }
    assert_eq!(
        TcpOptions::new(&[2, 3, 5]).next(),
        Some(TcpOption::Other { kind: TcpOptionKind::Mss, len: Auto::Given(3), data: &[5][..] })
    );
    assert_eq!(TcpOptions::new(&[0, 0, 7, 0]).nth(2), Some(TcpOption::Unframed(&[7, 0][..])));
    assert_eq!(
        TcpOptions::new(&[5, 10, 0, 0, 0, 1, 0, 0, 0, 2]).next(),
        Some(TcpOption::Sack(SackBlocks::new(&[(1, 2)]).unwrap()))
    );
}

/// Options that dissect with no expert item in a segment without SYN.
fn quiet_option() -> impl Strategy<Value = TcpOption<Vec<u8>>> {
    prop_oneof![
        Just(TcpOption::Nop),
        proptest::collection::vec((any::<u32>(), any::<u32>()), 1..=3)
            .prop_map(|b| TcpOption::Sack(SackBlocks::new(&b).unwrap())),
        (any::<u32>(), any::<u32>()).prop_map(|(tsval, tsecr)| TcpOption::Timestamps { tsval, tsecr }),
        Just(TcpOption::SackPermitted),
        (prop_oneof![6u8..=7, 9u8..=255], proptest::collection::vec(any::<u8>(), 0..6))
            .prop_map(|(k, data)| { TcpOption::Other { kind: TcpOptionKind::from(k), len: Auto::Computed, data } }),
    ]
}

proptest! {
    #[test]
    fn any_accepted_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..90)) {
        if let Ok((h, n)) = Tcp::parse(&bytes) {
            let mut out = Vec::new();
            h.emit(&bytes[n..], &EmitCx::new(&Prefs::default()), &mut out).unwrap();
            prop_assert_eq!(&out, &bytes);
            let mut out = Vec::new();
            h.to_owned().emit(&bytes[n..], &EmitCx::new(&Prefs::default()), &mut out).unwrap();
            prop_assert_eq!(&out, &bytes);
        } else {
            prop_assert!(bytes.len() < 20);
        }
    }

    #[test]
    fn any_option_area_round_trips(area in proptest::collection::vec(any::<u8>(), 0..48)) {
        let mut out = Vec::new();
        for o in TcpOptions::new(&area) {
            o.to_owned().emit(&mut out).unwrap();
        }
        prop_assert_eq!(out, area);
    }

    #[test]
    fn built_segments_dissect_cleanly(
        ports in (any::<u16>(), any::<u16>()),
        seq in any::<u32>(),
        ack in any::<u32>(),
        extra in prop_oneof![Just(0u16), Just(TcpFlags::PSH), Just(TcpFlags::ECE), Just(TcpFlags::CWR | TcpFlags::PSH)],
        urgent in proptest::option::of(1u16..),
        window in any::<u16>(),
        opts in proptest::collection::vec(quiet_option(), 0..4),
        payload in proptest::collection::vec(any::<u8>(), 0..40),
        v6 in any::<bool>(),
    ) {
        let options = encode_options(&opts).unwrap();
        prop_assume!(options.len() <= 40);
        let flags = TcpFlags(TcpFlags::ACK | extra).with(TcpFlags::URG, urgent.is_some());
        let h = Tcp {
            src_port: ports.0,
            dst_port: ports.1,
            seq,
            ack,
            data_offset: Auto::Computed,
            flags,
            window,
            checksum: Auto::Computed,
            urgent: urgent.unwrap_or(0),
            options,
        };
        let (src6, dst6) = (common::ip6("2001:db8::1"), common::ip6("2001:db8::2"));
        let ip = if v6 { IpCtx::V6 { src: src6, dst: dst6 } } else { IpCtx::V4 { src: SRC4, dst: DST4 } };
        let seg = emit_segment(&h, &payload, ip);
        prop_assert_eq!(seg.len() % 4, payload.len() % 4);
        let (pkt, lt) = if v6 { (ipv6(src6, dst6, &seg), 229) } else { (ipv4(&seg), 228) };
        let d = run(&pkt, lt);
        prop_assert_eq!(experts(&d), Vec::<&str>::new());
        prop_assert_eq!(uint(&d, "tcp.srcport"), u64::from(ports.0));
        prop_assert_eq!(uint(&d, "tcp.dstport"), u64::from(ports.1));
        prop_assert_eq!(uint(&d, "tcp.seq"), u64::from(seq));
        prop_assert_eq!(uint(&d, "tcp.ack"), u64::from(ack));
        prop_assert_eq!(uint(&d, "tcp.flags"), u64::from(flags.0));
        prop_assert_eq!(uint(&d, "tcp.window_size_value"), u64::from(window));
        prop_assert_eq!(uint(&d, "tcp.urgent_pointer"), u64::from(urgent.unwrap_or(0)));
        prop_assert_eq!(uint(&d, "tcp.hdr_len"), h.header_len() as u64);
        prop_assert_eq!(uint(&d, "tcp.len"), payload.len() as u64);
        prop_assert_eq!(uint(&d, "tcp.checksum.status"), 1);
        let kinds: Vec<u64> = opts.iter().map(|o| u64::from(o.kind().value())).collect();
        let shown: Vec<u64> = uints(&d, "tcp.option_kind");
        prop_assert_eq!(&shown[..kinds.len()], &kinds[..]);
        prop_assert!(shown[kinds.len()..].iter().all(|&k| k == 0), "padding shows as EOL");
        let sack: Vec<u64> = opts
            .iter()
            .filter_map(|o| if let TcpOption::Sack(b) = o { Some(b) } else { None })
            .flat_map(|b| b.as_slice().iter().map(|e| u64::from(e.0)))
            .collect();
        prop_assert_eq!(uints(&d, "tcp.options.sack_le"), sack);
    }
}

/// tshark decodes a computed SYN with options, and a data segment with SACK and timestamps,
/// with no warning or error.
#[test]
fn tshark_decodes_computed_segments_cleanly() {
    if std::process::Command::new("tshark").arg("-v").output().is_err() {
        eprintln!("tshark not installed: skipped");
        return;
    }
    let syn = Tcp {
        src_port: 40000,
        dst_port: 443,
        seq: 1,
        ack: 0,
        data_offset: Auto::Computed,
        flags: TcpFlags(TcpFlags::SYN),
        window: 65535,
        checksum: Auto::Computed,
        urgent: 0,
        options: encode_options(&[
            TcpOption::<&[u8]>::Mss(1400),
            TcpOption::Nop,
            TcpOption::WindowScale(8),
            TcpOption::SackPermitted,
            TcpOption::Timestamps { tsval: 7, tsecr: 0 },
        ])
        .unwrap(),
    };
    let data = Tcp {
        src_port: 443,
        dst_port: 40000,
        seq: 1000,
        ack: 2,
        flags: TcpFlags(TcpFlags::ACK | TcpFlags::PSH),
        options: encode_options(&[
            TcpOption::<&[u8]>::Nop,
            TcpOption::Nop,
            TcpOption::Sack(SackBlocks::new(&[(10, 20), (30, 40)]).unwrap()),
        ])
        .unwrap(),
        ..syn.clone()
    };
    let ip = IpCtx::V4 { src: SRC4, dst: DST4 };
    let pkts = [ipv4(&emit_segment(&syn, b"", ip)), ipv4(&emit_segment(&data, b"hello", ip))];
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 228, 0, 0, 0]);
    for (i, p) in pkts.iter().enumerate() {
        for v in [1_700_000_000 + i as u32, 0, p.len() as u32, p.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(p);
    }
    let path = std::env::temp_dir().join(format!("mipscope-tcp-model-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).unwrap();
    let out = std::process::Command::new("tshark")
        .args(["-n", "-o", "tcp.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE", "-r"])
        .arg(&path)
        .args(["-V"])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Maximum segment size: 1400 bytes"), "{text}");
    assert!(text.contains("Window scale: 8 (multiply by 256)"), "{text}");
    assert!(text.contains("SACK 10-20 30-40"), "{text}");
    assert!(text.contains("[Checksum Status: Good]"), "{text}");
    for bad in ["Warning", "Error", "Malformed", "Bad checksum"] {
        assert!(!text.contains(bad), "tshark: {bad}\n{text}");
    }
}
