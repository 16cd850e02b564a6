//! The owned, lossless forms of the link layers, IPv4, ARP, PPPoE and VXLAN (issue 12 items
//! 1–2): on every fixture frame, each element the dissector finds parses and re-emits its exact
//! octets; arbitrary bytes round-trip; values built with everything computed dissect back with
//! no expert item, and tshark decodes a few of them without a warning.

mod common;

use dissect::frame::FrameMeta;
use dissect::ipv4::routing::PATH_OPTIONS;
use dissect::ipv4::{Ipv4, Ipv4Flags, Ipv4Header, Ipv4OptType, Ipv4Option, Ipv4Options, Udp};
use dissect::model::{Auto, EmitCx};
use dissect::prefs::{Prefs, Profile};
use dissect::tree::Dissection;
use proptest::prelude::*;

/// Every frame of every fixture with its link type.
fn fixture_frames() -> Vec<(std::path::PathBuf, FrameMeta, Vec<u8>)> {
    let mut frames = Vec::new();
    for p in common::fixture_files() {
        let _ = dissect::capture::for_each_packet(std::fs::File::open(&p).unwrap(), |m, d| {
            frames.push((p.clone(), *m, d.to_vec()));
            true
        });
    }
    frames
}

/// Calls `f` with the dissection of every fixture frame under both profiles.
fn each_dissected(mut f: impl FnMut(&std::path::Path, &FrameMeta, &[u8], &Dissection)) {
    let frames = fixture_frames();
    for profile in [Profile::Rfc, Profile::Draft] {
        let prefs = Prefs::with_profile(profile);
        let mut d = Dissection::new();
        for (p, m, data) in &frames {
            dissect::dissect_frame(&mut d, data, m, &prefs);
            f(p, m, data, &d);
        }
    }
}

fn dissect_as(linktype: u32, data: &[u8]) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, &Prefs::default());
    d
}

/// An emission context with the default preferences.
fn cx() -> EmitCx<'static> {
    static PREFS: std::sync::OnceLock<Prefs> = std::sync::OnceLock::new();
    EmitCx::new(PREFS.get_or_init(Prefs::default))
}

fn experts(d: &Dissection) -> Vec<&'static str> {
    common::experts(d)
}

/// Writes `frames` as a classic pcap of `linktype` and returns tshark's `-V` text and its
/// expert items at warning level or above (`None` when tshark is not installed).
fn tshark_warnings(name: &str, linktype: u32, frames: &[Vec<u8>]) -> Option<(String, String)> {
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    pcap.extend_from_slice(&2u16.to_le_bytes());
    pcap.extend_from_slice(&4u16.to_le_bytes());
    pcap.extend_from_slice(&[0; 8]);
    pcap.extend_from_slice(&65535u32.to_le_bytes());
    pcap.extend_from_slice(&linktype.to_le_bytes());
    for (i, f) in frames.iter().enumerate() {
        pcap.extend_from_slice(&(1_700_000_000 + i as u32).to_le_bytes());
        pcap.extend_from_slice(&0u32.to_le_bytes());
        pcap.extend_from_slice(&(f.len() as u32).to_le_bytes());
        pcap.extend_from_slice(&(f.len() as u32).to_le_bytes());
        pcap.extend_from_slice(f);
    }
    let path = std::env::temp_dir().join(format!("mipscope-{name}-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new("tshark")
            .args(["-n", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-r"])
            .arg(&path)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let v = run(&["-V"])?;
    let warn = run(&["-q", "-z", "expert"])?;
    let _ = std::fs::remove_file(&path);
    Some((v, warn))
}

/// tshark's expert summary has no items (its header lines only).
fn assert_tshark_clean(warn: &str, v: &str) {
    assert!(!warn.contains("Errors (") && !warn.contains("Warns ("), "tshark warns:\n{warn}\n{v}");
    assert!(v.contains("Frame 1:"), "tshark decoded nothing:\n{v}");
    assert!(!v.contains("Malformed") && !v.contains("[Expert Info (Warning") && !v.contains("[Expert Info (Error"), "{v}");
}

// ------------------------------------------------------------------ IPv4

/// Every IPv4 header the dissector shows in every fixture (tunnelled and quoted ones too): the
/// owned form parses the octets from there to the end of the frame and re-emits them exactly,
/// borrowed and owned.
#[test]
fn ipv4_round_trips_on_every_fixture() {
    let (mut seen, mut with_options) = (0, 0);
    each_dissected(|p, m, data, d| {
        for n in d.find_all("ip") {
            let i = &data[n.offset as usize..];
            let Ok((ip, hlen)) = Ipv4::parse(i) else { continue };
            let payload = &i[hlen..i.len() - ip.trailer.len()];
            let cx = cx();
            let mut out = Vec::new();
            ip.emit(payload, &cx, &mut out).unwrap();
            assert_eq!(out, i, "{} frame {}", p.display(), m.number);
            let mut owned = Vec::new();
            ip.to_owned().emit(payload, &cx, &mut owned).unwrap();
            assert_eq!(owned, i, "{} frame {} (owned)", p.display(), m.number);
            seen += 1;
            with_options += usize::from(hlen > 20);
        }
    });
    assert!(seen > 100, "only {seen} IPv4 headers");
    assert!(with_options >= 6, "only {with_options} IPv4 headers with options");
}

/// linktypes.pcapng frame 8 (LINKTYPE_IPV4, Router Alert option, by the Python fixture
/// script): the same header built with IHL, Total Length, Protocol and the checksum computed
/// gives the script's octets, and the options come out typed.
#[test]
fn ipv4_computed_fields_match_the_fixture_script() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/linktypes.pcapng");
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    let (_, data) = &frames[7];
    let (ip, hlen) = Ipv4::parse(data).unwrap();
    assert_eq!(hlen, 24);
    let opts: Vec<_> = ip.options.iter().map(|(at, o)| (at, o.to_owned())).collect();
    assert_eq!(opts, [(0, Ipv4Option::RouterAlert(0))]);
    let crafted = Ipv4 {
        header: Ipv4Header {
            ihl: Auto::Computed,
            total_len: Auto::Computed,
            protocol: Auto::Computed,
            checksum: Auto::Computed,
            ..ip.header
        },
        options: Ipv4Options::List(vec![Ipv4Option::RouterAlert(0)]),
        trailer: Vec::new(),
    };
    let cx = EmitCx { next_proto: Some(17), ..cx() };
    let mut out = Vec::new();
    crafted.emit(&data[24..], &cx, &mut out).unwrap();
    assert_eq!(out, *data);
    // The layers above checksum with this header's addresses.
    let up = crafted.upper_cx(&cx);
    assert_eq!(up.ip, Some(dissect::IpCtx::V4 { src: ip.header.src, dst: ip.header.dst }));
    assert_eq!(up.next_proto, Some(17));
}

/// Lies are kept and emitted as given: IHL 6 over 8 octets of options, Total Length past the
/// packet, a wrong checksum, a reserved flag; the padding after End of Option List and an
/// option that runs past the header are octets, not dropped.
#[test]
fn ipv4_given_values_and_malformed_options_are_kept() {
    let mut h = Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]);
    h.flags = Ipv4Flags(Ipv4Flags::RB | Ipv4Flags::DF);
    h.checksum = Auto::Given(0x1234);
    h.total_len = Auto::Given(1000);
    let opts = vec![
        Ipv4Option::Nop,
        Ipv4Option::Tlv { kind: Ipv4OptType::Unknown(0x99), length: Auto::Given(9), data: vec![1, 2] },
        Ipv4Option::Eol,
        Ipv4Option::Padding(vec![0xaa, 0xbb]),
    ];
    let ip = Ipv4 { header: h, options: Ipv4Options::List(opts), trailer: vec![] };
    let cx = EmitCx { next_proto: Some(17), ..cx() };
    let mut out = Vec::new();
    ip.emit(&[], &cx, &mut out).unwrap();
    assert_eq!(out.len(), 28);
    assert_eq!(out[0], 0x47, "IHL computed from 8 octets of options");
    assert_eq!(&out[20..], [1, 0x99, 9, 1, 2, 0, 0xaa, 0xbb]);
    let (back, hlen) = Ipv4::parse(&out).unwrap();
    assert_eq!(hlen, 28);
    assert_eq!(back.header.flags, Ipv4Flags(0xc0));
    // The walk: NOP, then an option whose Length 9 runs past the 7 octets left: the rest raw.
    let walked: Vec<_> = back.options.iter().map(|(at, o)| (at, o.to_owned())).collect();
    assert_eq!(
        walked,
        [
            (0, Ipv4Option::Nop),
            (1, Ipv4Option::Malformed { kind: Ipv4OptType::Unknown(0x99), length: Some(9), rest: vec![1, 2, 0, 0xaa, 0xbb] })
        ]
    );
    let d = dissect_as(228, &out);
    let ex = experts(&d);
    assert!(ex.contains(&"ip.checksum_bad.expert") && ex.contains(&"ip.opt.len.invalid"), "{ex:?}");
    // A header too long for IHL is refused, never wrapped.
    let big = Ipv4 {
        header: Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]),
        options: Ipv4Options::List(vec![Ipv4Option::Nop; 41]),
        trailer: Vec::<u8>::new(),
    };
    let e = big.emit(&[], &cx, &mut Vec::new()).unwrap_err();
    assert_eq!((e.field, e.len, e.max), ("IPv4 IHL", 64, 60));
    let e = Ipv4 { header: Ipv4Header::new([0; 4], [0; 4]), options: Ipv4Options::default(), trailer: Vec::<u8>::new() }
        .emit(&vec![0; 65516], &cx, &mut Vec::new())
        .unwrap_err();
    assert_eq!(e.field, "IPv4 Total Length");
}

fn ipv4_option() -> impl Strategy<Value = Ipv4Option<Vec<u8>>> {
    prop_oneof![
        Just(Ipv4Option::Nop),
        any::<u16>().prop_map(Ipv4Option::RouterAlert),
        // Type-length-value options of every type but EOL and NOP (unknown ones...; Router
        // Alert has its own variant, route and timestamp options a layout of their own).
        (
            (2u8..=255).prop_filter("Router Alert, routes, timestamps", |k| {
                *k != 148 && !PATH_OPTIONS.contains(&Ipv4OptType::from(*k))
            }),
            proptest::collection::vec(any::<u8>(), 0..8)
        )
            .prop_map(|(k, data)| Ipv4Option::Tlv { kind: Ipv4OptType::from(k), length: Auto::Computed, data }),
        // RFC 791 §3.1 routes: a pointer at an address or just past the last, whole addresses.
        (
            prop::sample::select(vec![7u8, 131, 137]),
            proptest::collection::vec(any::<[u8; 4]>(), 1..3),
            any::<prop::sample::Index>()
        )
            .prop_map(|(k, addrs, i)| {
                let pointer = 4 + 4 * i.index(addrs.len() + 1) as u8;
                let data = [vec![pointer], addrs.concat()].concat();
                Ipv4Option::Tlv { kind: Ipv4OptType::from(k), length: Auto::Computed, data }
            }),
        // Internet Timestamps: a pointer at an entry or just past the last, whole entries.
        (prop::sample::select(vec![0u8, 1, 3]), 0u8..16, 0usize..3, any::<prop::sample::Index>(), any::<[u8; 8]>()).prop_map(
            |(flag, overflow, n, i, entry)| {
                let size = if flag == 0 { 4 } else { 8 };
                let pointer = 5 + (size * i.index(n + 1)) as u8;
                let data = [vec![pointer, overflow << 4 | flag], entry[..size].repeat(n)].concat();
                Ipv4Option::Tlv { kind: Ipv4OptType::TimeStamp, length: Auto::Computed, data }
            }
        ),
    ]
}

/// An IPv4 + UDP packet with everything computed.
fn ipv4_udp(h: Ipv4Header, options: Vec<Ipv4Option<Vec<u8>>>, payload: &[u8]) -> Vec<u8> {
    let ip = Ipv4 { header: h, options: Ipv4Options::List(options), trailer: Vec::new() };
    let u = Udp { src_port: 40000, dst_port: 9, length: Auto::Computed, checksum: Auto::Computed };
    let mut udp = Vec::new();
    // The pseudo-header of the packet: a source route's final destination (RFC 1122 §3.2.1.8).
    u.emit(payload, Some(ip.ip_ctx()), &mut udp);
    let cx = EmitCx { next_proto: Some(17), ..cx() };
    let mut out = Vec::new();
    ip.emit(&udp, &cx, &mut out).unwrap();
    out
}

proptest! {
    /// Any bytes that parse re-emit exactly, borrowed and owned; what does not parse is a
    /// header shorter than 20 octets or than IHL says, or an IHL below 5.
    #[test]
    fn ipv4_parse_emit_is_the_identity(mut bytes in proptest::collection::vec(any::<u8>(), 0..90), v4 in any::<bool>()) {
        if v4 && !bytes.is_empty() {
            bytes[0] = 0x40 | (bytes[0] & 0x0f);
        }
        match Ipv4::parse(&bytes) {
            Ok((ip, hlen)) => {
                let payload = &bytes[hlen..bytes.len() - ip.trailer.len()];
                let cx = cx();
                let mut out = Vec::new();
                ip.emit(payload, &cx, &mut out).unwrap();
                prop_assert_eq!(&out, &bytes);
                let mut out = Vec::new();
                ip.to_owned().emit(payload, &cx, &mut out).unwrap();
                prop_assert_eq!(&out, &bytes);
            }
            Err(cut) => {
                let ihl = bytes.first().map_or(0, |b| usize::from(b & 15) * 4);
                prop_assert!(bytes.len() < 20 || ihl < 20 || ihl > bytes.len(), "{cut}");
            }
        }
    }

    /// A header built with IHL, Total Length, Protocol, the checksum and the options' padding
    /// computed, any options and header values, dissects back to those values with no expert
    /// item.
    #[test]
    fn ipv4_computed_dissects_clean(
        dscp in 0u8..64, ecn in 0u8..4, id in any::<u16>(), df in any::<bool>(), ttl in 1u8..=255,
        src in any::<[u8; 4]>(), dst in any::<[u8; 4]>(),
        options in proptest::collection::vec(ipv4_option(), 0..5),
        payload in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        // IHL's four bits leave 40 octets of options (with their padding).
        prop_assume!(options.iter().map(Ipv4Option::wire_len).sum::<usize>() <= 40);
        // RFC 791: a route or timestamp option at most once.
        let once: Vec<u8> = options.iter().filter_map(|o| match o { Ipv4Option::Tlv { kind, .. } if PATH_OPTIONS.contains(kind) => Some(kind.value()), _ => None }).collect();
        prop_assume!((1..once.len()).all(|i| !once[..i].contains(&once[i])));
        let mut h = Ipv4Header::new(src, dst);
        h.dscp = dscp;
        h.ecn = ecn;
        h.id = id;
        h.ttl = ttl;
        h.flags = Ipv4Flags(0).with(Ipv4Flags::DF, df);
        let frame = ipv4_udp(h, options.clone(), &payload);
        let d = dissect_as(228, &frame);
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
        prop_assert_eq!(common::uint(&d, "ip.dsfield.dscp"), u64::from(dscp));
        prop_assert_eq!(common::uint(&d, "ip.dsfield.ecn"), u64::from(ecn));
        prop_assert_eq!(common::uint(&d, "ip.id"), u64::from(id));
        prop_assert_eq!(common::flag(&d, "ip.flags.df"), df);
        prop_assert_eq!(common::uint(&d, "ip.ttl"), u64::from(ttl));
        prop_assert_eq!(common::uint(&d, "ip.proto"), 17);
        prop_assert_eq!(common::uint(&d, "ip.len"), frame.len() as u64);
        prop_assert!(d.find("udp").is_some());
        let ras: Vec<u64> = options.iter().filter_map(|o| match o { Ipv4Option::RouterAlert(v) => Some(u64::from(*v)), _ => None }).collect();
        prop_assert_eq!(common::uints(&d, "ip.opt.ra"), ras);
        let types: Vec<u64> = options.iter().map(|o| u64::from(match o.as_ref() {
            Ipv4Option::Nop => 1,
            Ipv4Option::RouterAlert(_) => 148,
            Ipv4Option::Tlv { kind, .. } => kind.value(),
            _ => unreachable!(),
        })).collect();
        let shown = common::uints(&d, "ip.opt.type");
        // The computed padding is End of Option List when the options are not 4-aligned.
        prop_assert_eq!(&shown[..types.len()], &types[..]);
        prop_assert!(shown[types.len()..].iter().all(|&t| t == 0) && shown.len() <= types.len() + 1);
    }
}

/// tshark decodes IPv4 headers with computed options (Router Alert, NOP, Record Route, Time
/// Stamp, an unknown option, padding) with no warning.
#[test]
fn ipv4_computed_with_options_is_clean_in_tshark() {
    let h = |ttl| {
        let mut h = Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]);
        h.ttl = ttl;
        h.flags = Ipv4Flags(Ipv4Flags::DF);
        h
    };
    let rr = Ipv4Option::Tlv { kind: Ipv4OptType::RecordRoute, length: Auto::Computed, data: vec![4, 0, 0, 0, 0] };
    let ts = Ipv4Option::Tlv { kind: Ipv4OptType::TimeStamp, length: Auto::Computed, data: vec![5, 0, 0, 0, 0, 0] };
    let frames = vec![
        ipv4_udp(h(64), vec![Ipv4Option::RouterAlert(0)], b"mipscope"),
        ipv4_udp(h(1), vec![Ipv4Option::Nop, rr], b"mipscope"),
        ipv4_udp(h(2), vec![ts, Ipv4Option::Nop], b""),
        ipv4_udp(
            h(3),
            vec![Ipv4Option::Tlv { kind: Ipv4OptType::Unknown(0x9e), length: Auto::Computed, data: vec![0; 2] }],
            b"x",
        ),
    ];
    for f in &frames {
        let d = dissect_as(228, f);
        assert!(d.experts.is_empty(), "{:?}", experts(&d));
    }
    let Some((v, warn)) = tshark_warnings("ipv4", 228, &frames) else { return };
    assert_tshark_clean(&warn, &v);
    assert!(v.contains("Router Alert") && v.contains("Record Route"), "{v}");
}

// ------------------------------------------------------------------ link layers

use dissect::link::{Ethernet, Link, Null, NullFamily, Sll, Sll2, SllPktType, Tpid, VlanTag, VlanTags};

/// Every fixture frame's link header (Ethernet with and without tags, SLL, SLL2, null, raw)
/// and every inner Ethernet header (VXLAN) parses and re-emits the frame exactly.
#[test]
fn link_headers_round_trip_on_every_fixture() {
    let (mut frames, mut tagged, mut inner) = (0, 0, 0);
    let mut kinds = std::collections::HashSet::new();
    each_dissected(|p, m, data, d| {
        if let Ok((l, len)) = Link::parse(m.linktype, data) {
            let mut out = Vec::new();
            l.emit(&data[len..], &cx(), &mut out);
            assert_eq!(out, data, "{} frame {}", p.display(), m.number);
            frames += 1;
            kinds.insert(std::mem::discriminant(&l));
            if let Link::Ethernet(e) = l {
                tagged += usize::from(!e.tags.is_empty());
            }
        }
        for n in d.find_all("eth").filter(|n| n.offset > 0) {
            let i = &data[n.offset as usize..];
            let (e, len) = Ethernet::parse(i).unwrap();
            let mut out = Vec::new();
            e.emit(&i[len..], &cx(), &mut out);
            assert_eq!(out, i, "{} frame {} inner Ethernet", p.display(), m.number);
            inner += 1;
        }
    });
    assert!(frames > 500, "only {frames} frames");
    assert_eq!(kinds.len(), 5, "Ethernet, SLL, SLL2, null and raw IP");
    assert!(tagged >= 4 && inner >= 4, "{tagged} tagged frames, {inner} inner Ethernet headers");
}

/// linktypes.pcapng frame 3 (QinQ: S-tag VLAN 200, C-tag VLAN 100, by the fixture script): the
/// tags come out typed, and the header rebuilt with its EtherType computed gives the same
/// octets; SLL and SLL2 (frames 4, 5) and null (frame 12) too.
#[test]
fn link_headers_computed_match_the_fixture_script() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/linktypes.pcapng");
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    let six = EmitCx { next_ethertype: Some(0x86dd), ..cx() };
    let (m, data) = &frames[2];
    let Ok((Link::Ethernet(e), 22)) = Link::parse(m.linktype, data) else { panic!("not QinQ") };
    assert_eq!(
        e.tags.as_slice(),
        [
            VlanTag { tpid: Tpid::Dot1Ad, pcp: 0, dei: false, vid: 200 },
            VlanTag { tpid: Tpid::Dot1Q, pcp: 0, dei: false, vid: 100 }
        ]
    );
    let mut out = Vec::new();
    Ethernet { ethertype: Auto::Computed, ..e }.emit(&data[22..], &six, &mut out);
    assert_eq!(out, *data);
    let (_, data) = &frames[3];
    let (s, 16) = Sll::parse(data).unwrap() else { panic!() };
    assert_eq!(s.pkttype, SllPktType::Outgoing);
    let mut out = Vec::new();
    Sll { protocol: Auto::Computed, ..s }.emit(&data[16..], &six, &mut out);
    assert_eq!(out, *data);
    let (_, data) = &frames[4];
    let (s, 20) = Sll2::parse(data).unwrap() else { panic!() };
    assert_eq!((s.ifindex, s.pkttype), (2, SllPktType::Outgoing));
    let mut out = Vec::new();
    Sll2 { protocol: Auto::Computed, ..s }.emit(&data[20..], &six, &mut out);
    assert_eq!(out, *data);
    let (m, data) = &frames[11];
    let Ok((Link::Null(n), 4)) = Link::parse(m.linktype, data) else { panic!() };
    assert_eq!((n.family, n.big_endian), (Auto::Given(NullFamily::Ip), false));
    let mut out = Vec::new();
    Null { family: Auto::Computed, ..n }.emit(&data[4..], &EmitCx { next_ethertype: Some(0x0800), ..cx() }, &mut out);
    assert_eq!(out, *data);
}

fn vlan_tag() -> impl Strategy<Value = VlanTag> {
    (prop_oneof![Just(Tpid::Dot1Q), Just(Tpid::Dot1Ad), Just(Tpid::QinQ)], 0u8..8, any::<bool>(), 0u16..4096)
        .prop_map(|(tpid, pcp, dei, vid)| VlanTag { tpid, pcp, dei, vid })
}

proptest! {
    /// Any frame of any link type: what parses re-emits exactly; tag stacks of any depth the
    /// dissector unwraps included.
    #[test]
    fn link_parse_emit_is_the_identity(
        linktype in prop_oneof![Just(0u32), Just(1), Just(101), Just(108), Just(113), Just(228), Just(229), Just(276)],
        mut bytes in proptest::collection::vec(any::<u8>(), 0..60),
        tags in proptest::collection::vec(vlan_tag(), 0..10),
    ) {
        // Ethernet and SLL: put a tag stack where the type field is, so tags are met.
        let spliced = matches!(linktype, 1 | 113) && bytes.len() >= 16;
        if spliced {
            let at = if linktype == 1 { 12 } else { 14 };
            let mut stack = Vec::new();
            for t in &tags {
                stack.extend_from_slice(&u16::from(t.tpid).to_be_bytes());
                stack.extend_from_slice(&t.tci().to_be_bytes());
            }
            bytes.splice(at..at, stack);
        }
        match Link::parse(linktype, &bytes) {
            Ok((l, len)) => {
                let mut out = Vec::new();
                l.emit(&bytes[len..], &cx(), &mut out);
                prop_assert_eq!(out, bytes);
                match l {
                    Link::Ethernet(e) if spliced => prop_assert_eq!(e.tags.as_slice(), &tags[..]),
                    Link::Sll(s) if spliced => prop_assert_eq!(s.tags.as_slice(), &tags[..]),
                    _ => {}
                }
            }
            // A header shorter than its fixed part, a tag cut by the end of the bytes, or a
            // ninth tag.
            Err(cut) => prop_assert!(
                (cut.at == 0 && bytes.len() < 20)
                    || (cut.what == "VLAN tag" && cut.at + 4 > bytes.len())
                    || (cut.what == "more than 8 VLAN tags" && tags.len() >= 8),
                "{}", cut
            ),
        }
    }

    /// An Ethernet header with any tag stack and its EtherType computed, around a computed
    /// IPv4/UDP packet: the dissector shows every tag and raises nothing.
    #[test]
    fn ethernet_computed_dissects_clean(tags in proptest::collection::vec(vlan_tag(), 0..=8), payload in proptest::collection::vec(any::<u8>(), 0..20)) {
        let ip = ipv4_udp(Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]), vec![], &payload);
        let e = Ethernet {
            dst: [2, 0, 0, 0, 0, 1],
            src: [2, 0, 0, 0, 0, 2],
            tags: VlanTags::from_slice(&tags).unwrap(),
            ethertype: Auto::Computed,
        };
        let mut frame = Vec::new();
        e.emit(&ip, &EmitCx { next_ethertype: Some(0x0800), ..cx() }, &mut frame);
        prop_assert_eq!(e.header_len() + ip.len(), frame.len());
        let d = dissect_as(1, &frame);
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
        let vids: Vec<u64> = d.nodes.iter().filter(|n| matches!(n.def.abbrev, "vlan.id" | "ieee8021ad.id")).map(|n| n.value.as_uint().unwrap()).collect();
        prop_assert_eq!(vids, tags.iter().map(|t| u64::from(t.vid)).collect::<Vec<_>>());
        prop_assert!(d.find("udp").is_some());
    }
}

/// tshark decodes computed Ethernet headers with 802.1Q and 802.1ad tags without a warning.
#[test]
fn ethernet_computed_with_tags_is_clean_in_tshark() {
    let ip = ipv4_udp(Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]), vec![Ipv4Option::RouterAlert(0)], b"mipscope");
    let four = EmitCx { next_ethertype: Some(0x0800), ..cx() };
    let mut frames = Vec::new();
    for tags in [
        vec![],
        vec![VlanTag { tpid: Tpid::Dot1Q, pcp: 3, dei: false, vid: 100 }],
        vec![
            VlanTag { tpid: Tpid::Dot1Ad, pcp: 0, dei: true, vid: 200 },
            VlanTag { tpid: Tpid::Dot1Q, pcp: 5, dei: false, vid: 4000 },
        ],
    ] {
        let e = Ethernet {
            dst: [2, 0, 0, 0, 0, 1],
            src: [2, 0, 0, 0, 0, 2],
            tags: VlanTags::from_slice(&tags).unwrap(),
            ethertype: Auto::Computed,
        };
        let mut f = Vec::new();
        e.emit(&ip, &four, &mut f);
        assert!(dissect_as(1, &f).experts.is_empty());
        frames.push(f);
    }
    let Some((v, warn)) = tshark_warnings("eth", 1, &frames) else { return };
    assert_tshark_clean(&warn, &v);
    assert!(v.contains("ID: 4000") && v.contains("802.1ad") && v.contains("Router Alert"), "{v}");
}

// ------------------------------------------------------------------ ARP

use dissect::arp::{Arp, ArpOp, HwType};

/// Every ARP packet of every fixture (icmpv4-arp.pcapng: requests, replies, gratuitous, probe,
/// announcement, odd sizes, RARP...) parses and re-emits with its padding exactly.
#[test]
fn arp_round_trips_on_every_fixture() {
    let mut seen = 0;
    each_dissected(|p, m, data, d| {
        for n in d.find_all("arp") {
            let i = &data[n.offset as usize..];
            let Ok((a, len)) = Arp::parse(i) else { continue };
            assert_eq!(len + a.trailer.len(), i.len());
            let mut out = Vec::new();
            a.emit(&mut out).unwrap();
            assert_eq!(out, i, "{} frame {}", p.display(), m.number);
            let mut out = Vec::new();
            a.to_owned().emit(&mut out).unwrap();
            assert_eq!(out, i);
            seen += 1;
        }
    });
    assert!(seen >= 10, "only {seen} ARP packets");
}

fn eth_frame(ethertype: u16, payload: &[u8]) -> Vec<u8> {
    let e = Ethernet { dst: [0xff; 6], src: [2, 0, 0, 0, 0, 4], tags: VlanTags::NONE, ethertype: Auto::Given(ethertype) };
    let mut f = Vec::new();
    e.emit(payload, &cx(), &mut f);
    f
}

/// A computed ARP reply: sizes from the addresses; built, dissected and checked field by field.
fn arp_reply() -> Arp<Vec<u8>> {
    Arp {
        hrd: HwType::Ethernet,
        pro: 0x0800,
        hln: Auto::Computed,
        pln: Auto::Computed,
        op: ArpOp::Reply,
        sha: vec![2, 0, 0, 0, 0, 4],
        spa: vec![198, 51, 100, 10],
        tha: vec![2, 0, 0, 0, 0, 1],
        tpa: vec![192, 0, 2, 20],
        trailer: vec![0; 18],
    }
}

proptest! {
    /// Any bytes: a packet that parses re-emits them exactly (trailer included).
    #[test]
    fn arp_parse_emit_is_the_identity(mut bytes in proptest::collection::vec(any::<u8>(), 0..70), small in any::<bool>()) {
        if small && bytes.len() >= 6 {
            bytes[4] &= 7;
            bytes[5] &= 7;
        }
        if let Ok((a, len)) = Arp::parse(&bytes) {
            prop_assert_eq!(len + a.trailer.len(), bytes.len());
            let mut out = Vec::new();
            a.emit(&mut out).unwrap();
            prop_assert_eq!(&out, &bytes);
        }
    }

    /// Any addresses of consistent sizes and any opcode: the computed sizes describe them and
    /// the dissector shows them back with no expert item.
    #[test]
    fn arp_computed_dissects_clean(op in any::<u16>(), hw in proptest::collection::vec(any::<u8>(), 12), pa in proptest::collection::vec(any::<u8>(), 8)) {
        let a = Arp { op: ArpOp::from(op), sha: hw[..6].to_vec(), tha: hw[6..].to_vec(), spa: pa[..4].to_vec(), tpa: pa[4..].to_vec(), ..arp_reply() };
        let mut p = Vec::new();
        a.emit(&mut p).unwrap();
        let d = dissect_as(1, &eth_frame(0x0806, &p));
        prop_assert!(d.experts.iter().all(|e| e.def.abbrev() == "arp.dst.nonzero.probe"), "{:?}", experts(&d));
        prop_assert_eq!(common::uint(&d, "arp.opcode"), u64::from(op));
        prop_assert_eq!(common::uint(&d, "arp.hw.size"), 6);
        prop_assert_eq!(common::uint(&d, "arp.proto.size"), 4);
        prop_assert_eq!(d.find("arp.src.proto_ipv4").unwrap().value, dissect::field::Value::Ipv4(pa[..4].try_into().unwrap()));
    }
}

/// Sizes that cannot be computed are refused; a crafted reply is clean in both dissectors.
#[test]
fn arp_computed_sizes_and_tshark() {
    let bad = Arp { tha: vec![0; 4], ..arp_reply() };
    assert_eq!(bad.emit(&mut Vec::new()).unwrap_err().field, "ARP Hardware size");
    let liar = Arp { hln: Auto::Given(6), tha: vec![0; 4], trailer: vec![], ..arp_reply() };
    let mut out = Vec::new();
    liar.emit(&mut out).unwrap();
    assert_eq!(out.len(), 8 + 6 + 4 + 4 + 4);
    let mut p = Vec::new();
    arp_reply().emit(&mut p).unwrap();
    assert_eq!(&p[..8], [0, 1, 8, 0, 6, 4, 0, 2]);
    let f = eth_frame(0x0806, &p);
    let d = dissect_as(1, &f);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    assert_eq!(d.cols.info, "198.51.100.10 is at 02:00:00:00:00:04");
    let Some((v, warn)) = tshark_warnings("arp", 1, &[f]) else { return };
    assert_tshark_clean(&warn, &v);
    assert!(v.contains("Opcode: reply (2)"), "{v}");
}

/// A request of hardware size 0 and protocol size 0 (no address at all) is no gratuitous ARP
/// and no announcement, as tshark 4.0 reads it ("Who has <No address>? Tell <No address>", no
/// `arp.isgratuitous`); before, the two empty addresses compared equal and made it both. A
/// request whose sender and target addresses are equal still is.
#[test]
fn arp_without_addresses_is_not_gratuitous() {
    let empty = eth_frame(0x0806, &[0, 1, 8, 0, 0, 0, 0, 1]);
    let d = dissect_as(1, &empty);
    assert_eq!(d.cols.info, "Who has <No address>? Tell <No address>");
    assert!(d.find("arp.isgratuitous").is_none() && d.find("arp.isannouncement").is_none());
    let mut claim = vec![0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 4, 198, 51, 100, 10];
    claim.extend_from_slice(&[0, 0, 0, 0, 0, 0, 198, 51, 100, 10]);
    let claim = eth_frame(0x0806, &claim);
    let d = dissect_as(1, &claim);
    assert_eq!(d.cols.info, "ARP Announcement for 198.51.100.10");
    assert!(d.find("arp.isgratuitous").is_some() && d.find("arp.isannouncement").is_some());
    let Some((v, _)) = tshark_warnings("arp-no-addresses", 1, &[empty, claim]) else { return };
    let frames: Vec<&str> = v.split("Frame 2:").collect();
    assert!(frames[0].contains("Opcode: request (1)") && !frames[0].contains("Is gratuitous"), "{v}");
    assert!(frames[1].contains("[Is gratuitous: True]") && frames[1].contains("[Is announcement: True]"), "{v}");
}

// ------------------------------------------------------------------ PPPoE

use dissect::pppoe::{PppProtocol, PppoeCode, PppoeDiscovery, PppoeSession, PppoeTag, PppoeTagType, PppoeTags};

/// Every PPPoE packet of every fixture (tcp-tunnels.pcapng: sessions carrying IPv6, IPv4 and
/// Stacker LZS, a PADI) parses and re-emits exactly.
#[test]
fn pppoe_round_trips_on_every_fixture() {
    let (mut sessions, mut discoveries) = (0, 0);
    each_dissected(|p, m, data, d| {
        for n in d.find_all("pppoes") {
            let i = &data[n.offset as usize..];
            let (s, len) = PppoeSession::parse(i).unwrap();
            let mut out = Vec::new();
            s.emit(&i[len..i.len() - s.trailer.len()], &cx(), &mut out).unwrap();
            assert_eq!(out, i, "{} frame {}", p.display(), m.number);
            sessions += 1;
        }
        for n in d.find_all("pppoed") {
            let i = &data[n.offset as usize..];
            let (s, _) = PppoeDiscovery::parse(i).unwrap();
            let mut out = Vec::new();
            s.to_owned().emit(&mut out).unwrap();
            assert_eq!(out, i, "{} frame {}", p.display(), m.number);
            discoveries += 1;
        }
    });
    assert!(sessions >= 6 && discoveries >= 2, "{sessions} sessions, {discoveries} discoveries");
}

/// tcp-tunnels.pcapng frames 13 and 15 (by the fixture script): the session header with LENGTH
/// and the PPP protocol computed, and the PADI with its tags typed and LENGTHs computed, give
/// the script's octets.
#[test]
fn pppoe_computed_fields_match_the_fixture_script() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/tcp-tunnels.pcapng");
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    let data = &frames[12].1[14..];
    let (s, 8) = PppoeSession::parse(data).unwrap() else { panic!() };
    assert_eq!(s.ppp.unwrap().protocol.given(), Some(PppProtocol::Ipv6));
    let built = PppoeSession::new(0x1234, s.trailer);
    let mut out = Vec::new();
    built.emit(&data[8..data.len() - s.trailer.len()], &EmitCx { next_ethertype: Some(0x86dd), ..cx() }, &mut out).unwrap();
    assert_eq!(out, data);
    let data = &frames[14].1[14..];
    let (disc, _) = PppoeDiscovery::parse(data).unwrap();
    let tags: Vec<_> = disc.tags.iter().map(|(at, t)| (at, t.to_owned())).collect();
    assert_eq!(
        tags,
        [
            (0, PppoeTag::Tag { tag_type: PppoeTagType::ServiceName, length: Auto::Given(0), value: vec![] }),
            (4, PppoeTag::Tag { tag_type: PppoeTagType::HostUniq, length: Auto::Given(4), value: vec![0xca, 0xfe, 0, 1] })
        ]
    );
    let built = PppoeDiscovery {
        version: 1,
        ty: 1,
        code: PppoeCode::Padi,
        session_id: 0,
        length: Auto::Computed,
        tags: PppoeTags::List(vec![
            PppoeTag::Tag { tag_type: PppoeTagType::ServiceName, length: Auto::Computed, value: vec![] },
            PppoeTag::Tag { tag_type: PppoeTagType::HostUniq, length: Auto::Computed, value: vec![0xca, 0xfe, 0, 1] },
        ]),
        trailer: disc.trailer.to_vec(),
    };
    let mut out = Vec::new();
    built.emit(&mut out).unwrap();
    assert_eq!(out, data);
}

proptest! {
    /// Any bytes: a session or discovery packet that parses re-emits them exactly.
    #[test]
    fn pppoe_parse_emit_is_the_identity(bytes in proptest::collection::vec(any::<u8>(), 0..50), tags in proptest::collection::vec((any::<u16>(), proptest::collection::vec(any::<u8>(), 0..6)), 0..4)) {
        let mut disc = bytes.get(..6).map(<[u8]>::to_vec).unwrap_or_default();
        for (ty, v) in &tags {
            disc.extend_from_slice(&ty.to_be_bytes());
            disc.extend_from_slice(&(v.len() as u16).to_be_bytes());
            disc.extend_from_slice(v);
        }
        disc.extend_from_slice(bytes.get(6..).unwrap_or_default());
        for i in [&bytes, &disc] {
            if let Ok((s, len)) = PppoeSession::parse(i) {
                let mut out = Vec::new();
                s.emit(&i[len..i.len() - s.trailer.len()], &cx(), &mut out).unwrap();
                prop_assert_eq!(&out, i);
            }
            if let Ok((d, _)) = PppoeDiscovery::parse(i) {
                let mut out = Vec::new();
                d.emit(&mut out).unwrap();
                prop_assert_eq!(&out, i);
                let mut out = Vec::new();
                d.to_owned().emit(&mut out).unwrap();
                prop_assert_eq!(&out, i);
            }
        }
    }

    /// A compressed PPP Protocol field is one octet: a protocol above 0xff (here IPv6's 0x0057
    /// would fit, but LCP's 0xc021 cannot) is refused, never written as its low octet.
    #[test]
    fn compressed_ppp_protocol_above_0xff_is_an_error(sid in any::<u16>()) {
        let mut s = PppoeSession::new(sid, Vec::new());
        s.ppp = Some(dissect::pppoe::Ppp { protocol: Auto::Given(PppProtocol::from(0xc021u16)), compressed: true });
        let mut p = Vec::new();
        prop_assert!(s.emit(b"", &cx(), &mut p).is_err());
        s.ppp = Some(dissect::pppoe::Ppp { protocol: Auto::Given(PppProtocol::from(0x0057u16)), compressed: true });
        let mut p = Vec::new();
        prop_assert!(s.emit(b"", &cx(), &mut p).is_ok());
        prop_assert_eq!(p[6], 0x57);
    }

    /// Computed sessions (either protocol compression) around IPv4 and computed discoveries with
    /// any tags dissect with no expert item.
    #[test]
    fn pppoe_computed_dissects_clean(sid in any::<u16>(), compressed in any::<bool>(), tags in proptest::collection::vec((prop_oneof![Just(0x0101u16), Just(0x0102), Just(0x0103), Just(0x0104), Just(0x0110), 0x0300u16..], proptest::collection::vec(b'a'..=b'z', 0..12)), 0..5)) {
        let ip = ipv4_udp(Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]), vec![], b"ppp");
        let mut s = PppoeSession::new(sid, Vec::new());
        s.ppp = s.ppp.map(|p| dissect::pppoe::Ppp { compressed, ..p });
        let mut p = Vec::new();
        s.emit(&ip, &EmitCx { next_ethertype: Some(0x0800), ..cx() }, &mut p).unwrap();
        let d = dissect_as(1, &eth_frame(0x8864, &p));
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
        prop_assert_eq!(common::uint(&d, "pppoe.session_id"), u64::from(sid));
        prop_assert_eq!(common::uint(&d, "ppp.protocol"), 0x21);
        prop_assert!(d.find("udp").is_some());
        let disc = PppoeDiscovery {
            version: 1, ty: 1, code: PppoeCode::Pado, session_id: 0, length: Auto::Computed,
            tags: PppoeTags::List(tags.iter().map(|(t, v)| PppoeTag::Tag { tag_type: PppoeTagType::from(*t), length: Auto::Computed, value: v.clone() }).collect()),
            trailer: vec![],
        };
        let mut p = Vec::new();
        disc.emit(&mut p).unwrap();
        let d = dissect_as(1, &eth_frame(0x8863, &p));
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
        prop_assert_eq!(common::uints(&d, "pppoed.tag"), tags.iter().map(|(t, _)| u64::from(*t)).collect::<Vec<_>>());
    }
}

/// tshark decodes a computed session (IPv4 inside) and a computed PADO without a warning.
#[test]
fn pppoe_computed_is_clean_in_tshark() {
    let ip = ipv4_udp(Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]), vec![], b"ppp");
    let mut p = Vec::new();
    PppoeSession::new(0x1234, vec![0; 6]).emit(&ip, &EmitCx { next_ethertype: Some(0x0800), ..cx() }, &mut p).unwrap();
    let session = eth_frame(0x8864, &p);
    let disc = PppoeDiscovery {
        version: 1,
        ty: 1,
        code: PppoeCode::Pado,
        session_id: 0,
        length: Auto::Computed,
        tags: PppoeTags::List(vec![
            PppoeTag::Tag { tag_type: PppoeTagType::AcName, length: Auto::Computed, value: b"mipscope-ac".to_vec() },
            PppoeTag::Tag { tag_type: PppoeTagType::ServiceName, length: Auto::Computed, value: vec![] },
            PppoeTag::Tag { tag_type: PppoeTagType::AcCookie, length: Auto::Computed, value: vec![1, 2, 3, 4] },
        ]),
        trailer: vec![],
    };
    let mut p = Vec::new();
    disc.emit(&mut p).unwrap();
    let discovery = eth_frame(0x8863, &p);
    for f in [&session, &discovery] {
        assert!(dissect_as(1, f).experts.is_empty());
    }
    let Some((v, warn)) = tshark_warnings("pppoe", 1, &[session, discovery]) else { return };
    assert_tshark_clean(&warn, &v);
    assert!(v.contains("Session ID: 0x1234") && v.contains("AC-Name: mipscope-ac"), "{v}");
}

// ------------------------------------------------------------------ VXLAN, VXLAN-GPE

use dissect::vxlan::{GpeFlags, GpeNextProto, Vxlan, VxlanFlags, VxlanGpe};

/// Every VXLAN and VXLAN-GPE header of every fixture (tcp-tunnels.pcapng frames 17–21)
/// parses and re-emits with its inner packet exactly.
#[test]
fn vxlan_round_trips_on_every_fixture() {
    let (mut plain, mut gpe) = (0, 0);
    each_dissected(|p, m, data, d| {
        for n in d.find_all("vxlan") {
            let at = n.offset as usize;
            let i = &data[at..];
            let ports = [u16::from_be_bytes([data[at - 8], data[at - 7]]), u16::from_be_bytes([data[at - 6], data[at - 5]])];
            let mut out = Vec::new();
            if ports.contains(&4789) {
                let (v, len) = Vxlan::parse(i).unwrap();
                v.emit(&i[len..], &cx(), &mut out);
                plain += 1;
            } else {
                let (v, len) = VxlanGpe::parse(i).unwrap();
                v.emit(&i[len..], &cx(), &mut out);
                gpe += 1;
            }
            assert_eq!(out, i, "{} frame {}", p.display(), m.number);
        }
    });
    assert!(plain >= 4 && gpe >= 6, "{plain} VXLAN, {gpe} VXLAN-GPE headers");
}

/// An IPv4/UDP packet to `port` carrying `payload`, in an Ethernet frame.
fn udp_frame(port: u16, payload: &[u8]) -> Vec<u8> {
    let ip = Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]);
    let u = Udp { src_port: 49152, dst_port: port, length: Auto::Computed, checksum: Auto::Computed };
    let mut udp = Vec::new();
    u.emit(payload, Some(ip.ip_ctx()), &mut udp);
    let ip = Ipv4 { header: ip, options: Ipv4Options::default(), trailer: Vec::<u8>::new() };
    let mut p = Vec::new();
    ip.emit(&udp, &EmitCx { next_proto: Some(17), ..cx() }, &mut p).unwrap();
    eth_frame(0x0800, &p)
}

/// A VXLAN frame (inner Ethernet + IPv4/UDP) and a VXLAN-GPE one (IPv4/UDP directly), everything
/// computed.
fn vxlan_frames(vni: u32, inner_payload: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let inner_ip = ipv4_udp(Ipv4Header::new([192, 0, 2, 4], [198, 51, 100, 5]), vec![], inner_payload);
    let mut v = Vec::new();
    Vxlan::new(vni).emit(&eth_frame(0x0800, &inner_ip), &cx(), &mut v);
    let mut g = Vec::new();
    VxlanGpe::new(vni).emit(&inner_ip, &EmitCx { next_ethertype: Some(0x0800), ..cx() }, &mut g);
    (udp_frame(4789, &v), udp_frame(4790, &g))
}

proptest! {
    /// Any 8 octets re-emit exactly, as either header.
    #[test]
    fn vxlan_parse_emit_is_the_identity(bytes in proptest::collection::vec(any::<u8>(), 0..20)) {
        match (Vxlan::parse(&bytes), VxlanGpe::parse(&bytes)) {
            (Ok((v, 8)), Ok((g, 8))) => {
                let mut out = Vec::new();
                v.emit(&bytes[8..], &cx(), &mut out);
                prop_assert_eq!(&out, &bytes);
                let mut out = Vec::new();
                g.emit(&bytes[8..], &cx(), &mut out);
                prop_assert_eq!(&out, &bytes);
            }
            (Err(_), Err(_)) => prop_assert!(bytes.len() < 8),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    /// Computed VXLAN and VXLAN-GPE headers of any VNI: the inner packet is dissected, the VNI
    /// shown, no expert item.
    #[test]
    fn vxlan_computed_dissects_clean(vni in 0u32..1 << 24, payload in proptest::collection::vec(any::<u8>(), 0..16)) {
        let (v, g) = vxlan_frames(vni, &payload);
        for f in [&v, &g] {
            let d = dissect_as(1, f);
            prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
            prop_assert_eq!(common::uint(&d, "vxlan.vni"), u64::from(vni));
            prop_assert_eq!(d.find_all("udp").count(), 2);
        }
        let d = dissect_as(1, &g);
        prop_assert_eq!(common::uint(&d, "vxlan.next_proto"), 1);
    }
}

/// The flags are typed and kept; tshark decodes computed VXLAN and VXLAN-GPE without a warning.
#[test]
fn vxlan_computed_is_clean_in_tshark() {
    let g = VxlanGpe { flags: GpeFlags(0x3f), ..VxlanGpe::new(7) };
    let mut out = Vec::new();
    g.emit(&[], &cx(), &mut out);
    let (back, _) = VxlanGpe::parse(&out).unwrap();
    assert_eq!(
        (back.flags.version(), back.next_proto, back.payload_proto()),
        (3, Auto::Given(GpeNextProto::Ethernet), GpeNextProto::Ethernet)
    );
    assert!(Vxlan::new(1).flags.has(VxlanFlags::I));
    let (v, g) = vxlan_frames(5000, b"vxlan");
    let Some((text, warn)) = tshark_warnings("vxlan", 1, &[v, g]) else { return };
    assert_tshark_clean(&warn, &text);
    assert!(text.contains("VXLAN Network Identifier (VNI): 5000") && text.contains("Next Protocol: IPv4"), "{text}");
}

proptest! {
    /// AH over IPv4 (RFC 4302 §3.1) built from the model with everything computed, any SPI,
    /// sequence number and ICV of a whole number of 4-octet words (over IPv4 the header need
    /// not be a multiple of 8 octets, as over IPv6): the dissector shows each field back, the
    /// UDP datagram it protects after it with a good checksum, and reports nothing; the frame
    /// re-reads to the same stack. Before, AH over IPv4 was data.
    #[test]
    fn ah_over_ipv4_computed_dissects_clean(spi in any::<u32>(), seq in any::<u32>(), words in 0usize..8, data in proptest::collection::vec(any::<u8>(), 0..40)) {
        use dissect::ipv6::{Ah, ExtHeader};
        use dissect::stack::{FrameRepr, Layer};
        let icv = vec![0xa5; 4 * words];
        let ah = Ah { next_header: Auto::Computed, payload_len: Auto::Computed, reserved: 0, spi, seq, icv };
        let f = FrameRepr {
            linktype: 228,
            layers: vec![
                Layer::Ipv4(Ipv4 { header: Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]), options: Ipv4Options::default(), trailer: Vec::new() }),
                Layer::Ipv6Ext(ExtHeader::Ah(ah)),
                Layer::Udp(Udp { src_port: 1234, dst_port: 5678, length: Auto::Computed, checksum: Auto::Computed }),
                Layer::Data(data.clone()),
            ],
        };
        let prefs = Prefs::default();
        let bytes = f.emit(&prefs).unwrap();
        let d = dissect_as(228, &bytes);
        prop_assert_eq!(d.protocols.join(":"), if data.is_empty() { "ip:ah:udp" } else { "ip:ah:udp:data" });
        prop_assert_eq!(common::uint(&d, "ip.proto"), 51);
        prop_assert_eq!(common::uint(&d, "ah.next_header"), 17);
        prop_assert_eq!(common::uint(&d, "ah.length"), (3 + words - 2) as u64);
        prop_assert_eq!(common::uint(&d, "ah.spi"), u64::from(spi));
        prop_assert_eq!(common::uint(&d, "ah.sequence"), u64::from(seq));
        prop_assert_eq!(common::uint(&d, "udp.checksum.status"), 1);
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
        prop_assert_eq!(FrameRepr::parse(228, &bytes, &prefs).emit(&prefs).unwrap(), bytes);
    }
}

/// Ethernet padding that is not zeros is a trailer with tshark's note (`eth.padding_bad`),
/// the FCS guess unchanged; values are tshark 4.0.17's for the same frames. Before, any
/// octets up to the 60-octet minimum were padding.
#[test]
fn padding_that_is_not_zeros_is_a_trailer() {
    let datagram =
        common::hex("0200000000020200000000010800450000221234000040117c60c0000201c633640204d2162e000e000068656c6c6f21");
    let fcs = "aabbccdd";
    // Octets after the 48-octet frame: (tail, padding, trailer, FCS, note).
    let cases = [
        ("000000000000000000000000".to_string(), "000000000000000000000000", "", None, false),
        ("000000000100000000000000".to_string(), "", "000000000100000000000000", None, true),
        (format!("000000000000000000000000{fcs}"), "000000000000000000000000", "", Some(0xaabb_ccdd), false),
        (format!("050505050505050505050505{fcs}"), "", "050505050505050505050505", Some(0xaabb_ccdd), true),
        ("0000000000000000000000071111111111111111".to_string(), "", "00000000000000000000000711111111", Some(0x1111_1111), true),
        ("000000000000000000000000010101".to_string(), "000000000000000000000000", "010101", None, false),
    ];
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    for (i, (tail, padding, trailer, fcs, note)) in cases.iter().enumerate() {
        let f = [datagram.as_slice(), &common::hex(tail)].concat();
        let d = dissect_as(1, &f);
        let octets =
            |name: &str| d.find(name).map(|n| hex(&f[n.offset as usize..(n.offset + n.len) as usize])).unwrap_or_default();
        assert_eq!((octets("eth.padding").as_str(), octets("eth.trailer").as_str()), (*padding, *trailer), "case {i}");
        assert_eq!(d.find("eth.fcs").and_then(|n| n.value.as_uint()), *fcs, "case {i}");
        assert_eq!(experts(&d) == ["eth.padding_bad"], *note, "case {i}: {:?}", experts(&d));
    }
}
