//! Transports of PMIPv6/NEMO traffic: GRE with key (RFC 2784/2890, RFC 5845) and the Mobility
//! Header over UDP port 5436 (RFC 5844), from real bytes.

use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;

mod common;
use common::{dissect_raw as dissect, ip6, ipv6, uint};

/// GRE with checksum, key and sequence number, carrying an IPv6 packet with No Next Header.
fn gre_packet(corrupt: bool) -> Vec<u8> {
    let inner = ipv6("2001:db8:100::10", "2001:db8:3::3", 59, &[]);
    let mut g = vec![0xb0, 0x00, 0x86, 0xdd, 0, 0, 0, 0];
    g.extend_from_slice(&0x1234_5678u32.to_be_bytes());
    g.extend_from_slice(&7u32.to_be_bytes());
    g.extend_from_slice(&inner);
    let c = dissect::checksum::finish(dissect::checksum::sum(&g, 0));
    g[4..6].copy_from_slice(&c.to_be_bytes());
    if corrupt {
        g[5] ^= 1;
    }
    ipv6("2001:db8:20::1", "2001:db8:10::1", 47, &g)
}

#[test]
fn gre_key_sequence_checksum_and_inner_packet() {
    let d = dissect(&gre_packet(false), &Prefs::default());
    assert_eq!(uint(&d, "gre.flags_and_version"), 0xb000);
    assert_eq!(d.find("gre.flags.key").unwrap().value, Value::Bool(true));
    assert_eq!(d.find("gre.flags.checksum").unwrap().value, Value::Bool(true));
    assert_eq!(uint(&d, "gre.proto"), 0x86dd);
    assert_eq!(uint(&d, "gre.key"), 0x1234_5678);
    assert_eq!(uint(&d, "gre.sequence_number"), 7);
    let srcs: Vec<_> = d.find_all("ipv6.src").map(|n| n.value).collect();
    assert_eq!(srcs, [Value::Ipv6(ip6("2001:db8:20::1")), Value::Ipv6(ip6("2001:db8:100::10"))]);
    assert!(d.experts.is_empty(), "{:?}", d.experts.iter().map(|e| e.def.abbrev()).collect::<Vec<_>>());
    assert_eq!(d.cols.src, Some(Value::Ipv6(ip6("2001:db8:100::10"))));

    let d = dissect(&gre_packet(true), &Prefs::default());
    assert!(d.experts.iter().any(|e| e.def.abbrev() == "gre.checksum.incorrect"));
}

#[test]
fn gre_cut_short_and_nesting_limit() {
    let p = gre_packet(false);
    for cut in 40..52 {
        let d = dissect(&p[..cut], &Prefs::default());
        assert!(!d.experts.is_empty(), "cut at {cut}: no expert");
    }
    // One level of tunnel fits ip.max_nesting=1; IPv6-in-IPv6 around the GRE tunnel does not.
    let one = Prefs::build(None, &["ip.max_nesting=1".into()]).unwrap();
    let d = dissect(&p, &one);
    assert!(d.experts.is_empty());
    let d = dissect(&ipv6("2001:db8::1", "2001:db8::2", 41, &p), &one);
    assert!(d.experts.iter().any(|e| e.def.abbrev() == "_ws.malformed.depth_limit"));
    assert!(d.find("gre.key").is_some() && d.find_all("ipv6.src").count() == 2);
}

/// IPv4 192.0.2.1 -> 198.51.100.1 carrying the UDP datagram `udp` (total length and header
/// checksum computed).
fn ipv4_udp(udp: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x45, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 1];
    ip[2..4].copy_from_slice(&((20 + udp.len()) as u16).to_be_bytes());
    let c = dissect::checksum::finish(dissect::checksum::sum(&ip, 0));
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(udp);
    ip
}

/// Dissects one frame of raw IPv4 (link type 228).
fn dissect_v4(ip: &[u8], prefs: &Prefs) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: ip.len() as u32, linktype: 228, ..Default::default() };
    dissect::dissect_frame(&mut d, ip, &meta, prefs);
    d
}

#[test]
fn mobility_header_over_udp_5436_and_port_preference() {
    // IPv4 192.0.2.1 -> 198.51.100.1, UDP 5436 -> 5436, a 16-octet BU (seq 9, A P, PadN).
    let mh = [0x3b, 0x01, 0x05, 0x00, 0, 0, 0, 9, 0x82, 0x00, 0x00, 0x0a, 0x01, 0x02, 0, 0];
    let mut udp = vec![0x15, 0x3c, 0x15, 0x3c];
    udp.extend_from_slice(&((8 + mh.len()) as u16).to_be_bytes());
    udp.extend_from_slice(&[0, 0]);
    udp.extend_from_slice(&mh);
    let ip = ipv4_udp(&udp);
    let d = dissect_v4(&ip, &Prefs::default());
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 9);
    assert_eq!(d.find("mip6.bu.p_flag").unwrap().value, Value::Bool(true));
    let status = d.find("mip6.csum.status").unwrap().value;
    let Value::Text(s, l) = status else { panic!("{status:?}") };
    assert_eq!(d.text_of((s, l)), "unverified");
    // Moved to another port, the same datagram is plain UDP data.
    let prefs = Prefs::build(None, &["pmip6.udp_port=6000".into()]).unwrap();
    let d = dissect_v4(&ip, &prefs);
    assert!(d.find("mip6.bu.seqnr").is_none());
    assert!(d.find("data.data").is_some());
}

fn icmpv6(src: &str, dst: &str, msg: &[u8]) -> Vec<u8> {
    let mut m = msg.to_vec();
    let c = dissect::checksum::compute(dissect::checksum::pseudo6(&ip6(src), &ip6(dst), m.len() as u32, 58), &m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    ipv6(src, dst, 58, &m)
}

/// RFC 3963 §7.1/§7.2: the Mobile Router Support flag of Home Agent Address Discovery, and RFC
/// 6275 §6.7: Neighbor Discovery options in a Mobile Prefix Solicitation.
#[test]
fn icmpv6_mobile_router_flag_and_solicitation_options() {
    let p = icmpv6("2001:db8:2::100", "2001:db8:1::fdff:ffff:ffff:fffe", &[144, 0, 0, 0, 0x4d, 0x49, 0x80, 0]);
    let d = dissect(&p, &Prefs::default());
    assert_eq!(uint(&d, "icmpv6.mip6.flag.r"), 1);
    assert_eq!(uint(&d, "icmpv6.mip6.flag.r_reserved"), 0);
    assert!(d.find("icmpv6.reserved").is_some(), "tshark's name for the word stays");
    // 146 with a Source Link-layer Address option (type 1, length 1 = 8 octets).
    let p = icmpv6("2001:db8:2::100", "2001:db8:1::1", &[146, 0, 0, 0, 0x50, 0x53, 0, 0, 1, 1, 2, 0, 0, 0, 0, 1]);
    let d = dissect(&p, &Prefs::default());
    assert!(d.experts.is_empty(), "{:?}", d.experts.iter().map(|e| e.def.abbrev()).collect::<Vec<_>>());
    assert_eq!(uint(&d, "icmpv6.opt.type"), 1);
}

/// An ICMPv6 error's invoking packet is dissected, but the columns stay the error's own (as in
/// Wireshark): source, destination, protocol and info of the outer packet.
#[test]
fn icmpv6_error_keeps_its_own_columns() {
    let inner = ipv6("2001:db8:2::100", "2001:db8:1::1", 59, &[]);
    let mut msg = vec![1, 4, 0, 0, 0, 0, 0, 0];
    msg.extend_from_slice(&inner);
    let p = icmpv6("2001:db8:3::3", "2001:db8:2::100", &msg);
    let d = dissect(&p, &Prefs::default());
    assert_eq!(d.cols.src, Some(Value::Ipv6(ip6("2001:db8:3::3"))));
    assert_eq!(d.cols.dst, Some(Value::Ipv6(ip6("2001:db8:2::100"))));
    assert_eq!(d.cols.protocol, "ICMPv6");
    assert!(d.cols.info.starts_with("Destination Unreachable"), "{}", d.cols.info);
    assert_eq!(d.find_all("ipv6.src").count(), 2);
}

// ------------------------------------------------------------------ the owned GRE header

use dissect::gre::{Gre, GreChecksum, GreFlags, GreKey};
use dissect::model::Auto;

/// Every GRE header of every fixture: where the dissector found one, the owned form parses it
/// and emits the same octets (flags, checksum and all).
#[test]
fn gre_round_trips_on_every_fixture() {
    let mut seen = 0;
    for path in common::fixture_files() {
        let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
            let mut d = Dissection::new();
            dissect::dissect_frame(&mut d, data, meta, &Prefs::default());
            for n in d.find_all("gre") {
                let gre = &data[n.offset as usize..];
                if let Ok((g, len)) = Gre::parse(gre) {
                    let mut out = Vec::new();
                    g.emit(&gre[len..], &mut out);
                    assert_eq!(out, gre, "{} frame {}", path.display(), meta.number);
                    seen += 1;
                }
            }
            true
        });
    }
    // transport-pmipv6.pcapng frames 1-3 (K; C K S; K over IPv4) and 6 (R K, RFC 1701 routing).
    assert!(seen >= 4, "only {seen} GRE headers in the fixtures");
}

/// transport-pmipv6.pcapng frame 2 was built by the Python fixture script (C K S, key
/// 0x12345678, seq 1, checksum computed there): a crafted header with everything computed
/// emits the same octets.
#[test]
fn gre_computed_fields_match_the_fixture_script() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/transport-pmipv6.pcapng");
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    let (meta, data) = &frames[1];
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, meta, &Prefs::default());
    let at = d.find("gre").unwrap().offset as usize;
    let crafted = Gre {
        checksum: Some(GreChecksum { value: Auto::Computed, reserved1: 0 }),
        key: Some(GreKey::Key(0x1234_5678)),
        seq: Some(1),
        ..Gre::new(0x0800)
    };
    let mut out = Vec::new();
    crafted.emit(&data[at + crafted.header_len()..], &mut out);
    assert_eq!(out, data[at..]);
    assert_eq!(crafted.flags_word(), GreFlags(0xb000));
}

/// Lies are emitted as given: a flags word claiming a key that is not there, a wrong checksum;
/// the dissector then reports exactly those.
#[test]
fn gre_given_values_are_kept_and_reported() {
    let inner = ipv6("2001:db8:100::10", "2001:db8:3::3", 59, &[]);
    let bad_ck = Gre { checksum: Some(GreChecksum { value: Auto::Given(0x1234), reserved1: 0 }), ..Gre::new(0x86dd) };
    let mut g = Vec::new();
    bad_ck.emit(&inner, &mut g);
    assert_eq!(&g[..6], [0x80, 0x00, 0x86, 0xdd, 0x12, 0x34]);
    let d = dissect(&ipv6("2001:db8:20::1", "2001:db8:10::1", 47, &g), &Prefs::default());
    let ex: Vec<_> = d.experts.iter().map(|e| e.def.abbrev()).collect();
    assert_eq!(ex, ["gre.checksum.incorrect"]);
    // K claimed, no key: the first four payload octets are read as the key.
    let liar = Gre { flags: Auto::Given(GreFlags(GreFlags::K)), ..Gre::new(0x86dd) };
    let mut g = Vec::new();
    liar.emit(&inner, &mut g);
    assert_eq!(g.len(), 4 + inner.len());
    let (back, len) = Gre::parse(&g).unwrap();
    assert_eq!((back.key, len), (Some(GreKey::Key(u32::from_be_bytes([0x60, 0, 0, 0]))), 8));
}

/// RFC 1701 routing (transport-pmipv6.pcapng frame 6, built by the fixture script): the
/// Source Route Entries are read up to the null one — tshark shows the same four fields per
/// entry — the payload after them is the inner IPv6 packet, and the R bit RFC 2784 reserves is
/// reported. Before, R was ignored and the entries were read as the start of the inner packet.
#[test]
fn gre_routing_entries_are_read_and_r_is_reported() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/transport-pmipv6.pcapng");
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    let (meta, data) = &frames[5];
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, meta, &Prefs::default());
    let families: Vec<_> = d.find_all("gre.routing.address_family").map(|n| n.value).collect();
    assert_eq!(families, [Value::Uint(0x0800), Value::Uint(0)]);
    let info = d.find("gre.routing.information").unwrap();
    assert_eq!(&data[info.offset as usize..][..info.len as usize], [198, 51, 100, 1]);
    let ex: Vec<_> = d.experts.iter().map(|e| e.def.abbrev()).collect();
    assert_eq!(ex, ["gre.flags.reserved.nonzero"]);
    assert_eq!(d.find_all("ipv6.src").count(), 2, "the inner packet starts after the null SRE");
    let at = d.find("gre").unwrap().offset as usize;
    let (g, len) = Gre::parse(&data[at..]).unwrap();
    assert_eq!((len, g.sres().count()), (4 + 4 + 4 + 8 + 4, 2));
    let mut out = Vec::new();
    g.to_owned().emit(&data[at + len..], &mut out);
    assert_eq!(out, data[at..]);
}

proptest::proptest! {
    /// Any bytes: a header that parses re-emits them exactly; one cut short says where, and
    /// what it parsed before the cut re-emits the octets before it.
    #[test]
    fn gre_parse_emit_is_the_identity(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
        match Gre::parse(&bytes) {
            Ok((g, len)) => {
                let mut out = Vec::new();
                g.emit(&bytes[len..], &mut out);
                proptest::prop_assert_eq!(out, bytes);
            }
            Err((partial, cut)) => {
                // A fixed field cut short, or a routing entry running past the end.
                proptest::prop_assert!(cut.at + 4 > bytes.len() || cut.at == 0 || cut.what == "GRE routing");
                proptest::prop_assert!(cut.at <= bytes.len());
                if let Some(g) = partial {
                    let mut out = Vec::new();
                    g.emit(&[], &mut out);
                    proptest::prop_assert_eq!(&out[..], &bytes[..cut.at]);
                }
            }
        }
    }
}

// ------------------------------------------------------------------ the owned UDP header

use dissect::ipv4::Udp;
use dissect::IpCtx;

/// The frames of a crafted capture.
fn crafted_frames(name: &str) -> Vec<(FrameMeta, Vec<u8>)> {
    let path = format!("{}/../captures/crafted/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    frames
}

/// Every UDP header the dissector finds in transport-pmipv6.pcapng (inner IPv6 over GRE, IPv4
/// with PMIPv6 on port 5436): parsed and re-emitted identically, and, crafted with Length and
/// checksum computed over the pseudo-header the IP layers give, equal to the octets the Python
/// fixture script computed independently.
#[test]
fn udp_owned_form_round_trips_and_computes_what_the_fixture_script_did() {
    let mut computed = 0;
    for (meta, data) in crafted_frames("transport-pmipv6.pcapng") {
        let mut d = Dissection::new();
        dissect::dissect_frame(&mut d, &data, &meta, &Prefs::default());
        for n in d.find_all("udp") {
            let at = n.offset as usize;
            let u = Udp::parse(&data[at..]).unwrap();
            let mut out = Vec::new();
            u.emit(&data[at + 8..], None, &mut out);
            assert_eq!(out, data[at..], "frame {}", meta.number);
            // The pseudo-header of the innermost IP header before this UDP header.
            let ip = d.nodes.iter().filter(|x| (x.offset as usize) < at).fold(None, |acc, x| match (x.def.abbrev, x.value) {
                ("ipv6.src", dissect::field::Value::Ipv6(a)) => Some(IpCtx::V6 { src: a, dst: [0; 16] }),
                ("ipv6.dst", dissect::field::Value::Ipv6(b)) => match acc {
                    Some(IpCtx::V6 { src, .. }) => Some(IpCtx::V6 { src, dst: b }),
                    other => other,
                },
                ("ip.src", dissect::field::Value::Ipv4(a)) => Some(IpCtx::V4 { src: a, dst: [0; 4] }),
                ("ip.dst", dissect::field::Value::Ipv4(b)) => match acc {
                    Some(IpCtx::V4 { src, .. }) => Some(IpCtx::V4 { src, dst: b }),
                    other => other,
                },
                _ => acc,
            });
            let len = usize::from(u.length.given().unwrap());
            let crafted = Udp { length: Auto::Computed, checksum: Auto::Computed, ..u };
            let mut out = Vec::new();
            crafted.emit(&data[at + 8..at + len], ip, &mut out);
            if u.checksum.given() != Some(0) {
                assert_eq!(out, data[at..at + len], "frame {}: computed Length/checksum", meta.number);
                computed += 1;
            }
        }
    }
    assert!(computed >= 2, "only {computed} UDP checksums recomputed");
}

proptest::proptest! {
    /// Any eight or more octets: the header re-emits exactly.
    #[test]
    fn udp_parse_emit_is_the_identity(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..24)) {
        match Udp::parse(&bytes) {
            Some(u) => {
                let mut out = Vec::new();
                u.emit(&bytes[8..], None, &mut out);
                proptest::prop_assert_eq!(out, bytes);
            }
            None => proptest::prop_assert!(bytes.len() < 8),
        }
    }
}

/// Found by review (failed before: Length was clamped to 65,535 and the checksum cut there): a
/// UDP datagram longer than Length can say, in an IPv6 jumbogram, is sent with Length 0 and a
/// checksum over all of it, its pseudo-header length the real one (RFC 2675 §4).
#[test]
fn a_udp_jumbogram_has_length_zero_and_a_checksum_over_everything() {
    let ip = dissect::IpCtx::V6 { src: common::ip6("2001:db8::1"), dst: common::ip6("2001:db8::2") };
    let payload = vec![0x5a; 70_000];
    let u = Udp { src_port: 1, dst_port: 2, length: Auto::Computed, checksum: Auto::Computed };
    let mut out = Vec::new();
    u.emit(&payload, Some(ip), &mut out);
    assert_eq!(out.len(), 70_008);
    assert_eq!(&out[4..6], [0, 0]);
    let folded = dissect::checksum::finish(dissect::checksum::sum(&out, ip.pseudo_sum(out.len() as u32, 17)));
    assert_eq!(folded, 0, "the checksum covers the whole datagram");
}

proptest::proptest! {
    /// Any UDP header values, Length and checksum computed, in IPv6: the dissector shows every
    /// value back, the Length the datagram's, and the checksum verified (no expert item). Ports
    /// stay below the ones a preference or VXLAN decodes, so the payload stays data.
    #[test]
    fn udp_values_emit_and_dissect_back(
        sp in 1024u16..4000,
        dp in 1024u16..4000,
        payload in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
    ) {
        let (src, dst) = ("2001:db8::1", "2001:db8::2");
        let ip = IpCtx::V6 { src: ip6(src), dst: ip6(dst) };
        let u = Udp { src_port: sp, dst_port: dp, length: Auto::Computed, checksum: Auto::Computed };
        let mut out = Vec::new();
        u.emit(&payload, Some(ip), &mut out);
        let d = dissect(&ipv6(src, dst, 17, &out), &Prefs::default());
        proptest::prop_assert_eq!(uint(&d, "udp.srcport"), u64::from(sp));
        proptest::prop_assert_eq!(uint(&d, "udp.dstport"), u64::from(dp));
        proptest::prop_assert_eq!(uint(&d, "udp.length"), 8 + payload.len() as u64);
        proptest::prop_assert!(d.experts.is_empty(), "{:?}", d.experts.iter().map(|e| e.def.abbrev()).collect::<Vec<_>>());
    }

    /// Any GRE optional fields (checksum, key, sequence number), flags and checksum computed, over
    /// an inner IPv6 packet: the dissector shows each one back and reports nothing.
    #[test]
    fn gre_values_emit_and_dissect_back(
        ck in proptest::prelude::any::<bool>(),
        key in proptest::option::of(proptest::prelude::any::<u32>()),
        seq in proptest::option::of(proptest::prelude::any::<u32>()),
    ) {
        let inner = ipv6("2001:db8:100::10", "2001:db8:3::3", 59, &[]);
        let checksum = ck.then_some(GreChecksum { value: Auto::Computed, reserved1: 0 });
        let g = Gre { checksum, key: key.map(GreKey::Key), seq, ..Gre::new(dissect::link::EtherType::Ipv6.value()) };
        let mut out = Vec::new();
        g.emit(&inner, &mut out);
        let d = dissect(&ipv6("2001:db8:20::1", "2001:db8:10::1", 47, &out), &Prefs::default());
        proptest::prop_assert_eq!(uint(&d, "gre.proto"), 0x86dd);
        proptest::prop_assert_eq!(d.find("gre.checksum").is_some(), ck);
        proptest::prop_assert_eq!(d.find("gre.key").map(|n| n.value), key.map(|k| Value::Uint(u64::from(k))));
        proptest::prop_assert_eq!(d.find("gre.sequence_number").map(|n| n.value), seq.map(|s| Value::Uint(u64::from(s))));
        proptest::prop_assert_eq!(d.find_all("ipv6.src").count(), 2, "the inner packet follows");
        proptest::prop_assert!(d.experts.is_empty(), "{:?}", d.experts.iter().map(|e| e.def.abbrev()).collect::<Vec<_>>());
    }

    /// Any Enhanced GRE header (Call ID, sequence number, acknowledgment) over a PPP frame of any
    /// length, the flags word and Payload Length computed: shown back, nothing reported.
    #[test]
    fn enhanced_gre_values_emit_and_dissect_back(
        call_id in proptest::prelude::any::<u16>(),
        seq in proptest::prelude::any::<u32>(),
        ack in proptest::option::of(proptest::prelude::any::<u32>()),
        data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
    ) {
        // PPP carrying an unassigned protocol (0x4021): its octets are data, whatever they are.
        let ppp = [[0xff, 0x03, 0x40, 0x21].as_slice(), &data].concat();
        let g = Gre { seq: Some(seq), ack, ..Gre::enhanced(call_id) };
        let mut out = Vec::new();
        g.emit(&ppp, &mut out);
        let d = dissect(&ipv6("2001:db8:20::1", "2001:db8:10::1", 47, &out), &Prefs::default());
        proptest::prop_assert_eq!(uint(&d, "gre.key.payload_length"), ppp.len() as u64);
        proptest::prop_assert_eq!(uint(&d, "gre.key.call_id"), u64::from(call_id));
        proptest::prop_assert_eq!(uint(&d, "gre.sequence_number"), u64::from(seq));
        proptest::prop_assert_eq!(d.find("gre.ack_number").map(|n| n.value), ack.map(|a| Value::Uint(u64::from(a))));
        proptest::prop_assert_eq!(uint(&d, "ppp.protocol"), 0x4021);
        proptest::prop_assert!(d.experts.is_empty(), "{:?}", d.experts.iter().map(|e| e.def.abbrev()).collect::<Vec<_>>());
    }
}

/// RFC 8200 §8.1: over IPv6 a UDP checksum of zero is not a wrong checksum but none, which the
/// RFC forbids: tshark 4.0's "zero-value illegal" (status 4, `udp.checksum.zero`, no calculated
/// value). mipscope called it bad, "should be 0x....". Over IPv4 zero still means none sent.
#[test]
fn a_zero_udp_checksum_over_ipv6_is_illegal_not_bad() {
    let udp = [0x9c, 0x41, 0x9c, 0x42, 0, 13, 0, 0, b'h', b'e', b'l', b'l', b'o'];
    let d = dissect(&ipv6("2001:db8::1", "2001:db8::2", 17, &udp), &Prefs::default());
    assert_eq!(uint(&d, "udp.checksum.status"), 4);
    assert!(d.find("udp.checksum_calculated").is_none());
    let ex: Vec<&str> = d.experts.iter().map(|e| e.def.abbrev()).collect();
    assert_eq!(ex, ["udp.checksum.zero"]);
    // Over IPv4, zero means none was computed.
    let d = dissect_v4(&ipv4_udp(&udp), &Prefs::default());
    assert_eq!(uint(&d, "udp.checksum.status"), 3);
    assert!(d.experts.is_empty());
    // Quoted by an ICMPv6 error, the datagram was judged when it was sent: its zero is "not
    // present" there (tshark's "zero-value ignored"), never a bad checksum.
    let quoted = ipv6("2001:db8::1", "2001:db8::2", 17, &udp);
    let mut err = vec![1, 4, 0, 0, 0, 0, 0, 0];
    err.extend_from_slice(&quoted);
    let d = dissect(&icmpv6("2001:db8::2", "2001:db8::1", &err), &Prefs::default());
    assert_eq!(uint(&d, "udp.checksum.status"), 3);
    let ex: Vec<&str> = d.experts.iter().map(|e| e.def.abbrev()).filter(|a| a.starts_with("udp")).collect();
    assert!(ex.is_empty(), "{ex:?}");
}

// ------------------------------------------------- GRE payloads and versions (RFC 1701, 2637)

/// One frame of transport-pmipv6.pcapng (1-based, as captures/crafted/README.md numbers them),
/// dissected, with its stack.
fn transport_frame(n: usize) -> (Vec<u8>, Dissection, dissect::stack::FrameRepr) {
    let (meta, data) = crafted_frames("transport-pmipv6.pcapng").swap_remove(n - 1);
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &data, &meta, &Prefs::default());
    let f = dissect::stack::FrameRepr::parse(meta.linktype, &data, &Prefs::default());
    (data, d, f)
}

/// Frame 7: GRE's Transparent Ethernet Bridging (0x6558) carries an Ethernet frame whose IPv6
/// packet is decoded, as tshark decodes it. Before, the inner frame was `data`.
#[test]
fn gre_transparent_ethernet_bridging_carries_an_ethernet_frame() {
    let (_, d, f) = transport_frame(7);
    assert_eq!(d.protocols, ["eth", "ethertype", "ip", "gre", "eth", "ethertype", "ipv6", "udp", "data"]);
    let macs: Vec<_> = d.find_all("eth.src").map(|n| n.value).collect();
    assert_eq!(macs, [Value::Ether([2, 0, 0, 0, 0, 0x10]), Value::Ether([2, 0, 0, 0, 0, 0x13])]);
    assert_eq!(d.cols.src, Some(Value::Ipv6(ip6("2001:db8:100::10"))));
    assert!(d.experts.is_empty(), "{:?}", common::experts(&d));
    let links = f.layers.iter().filter(|l| matches!(l, dissect::stack::Layer::Link(_))).count();
    assert_eq!(links, 2, "{:?}", f.layers);
}

/// Frame 8: Enhanced GRE (RFC 2637 §4.1) — the fixture script's key is Payload Length 37 and
/// Call ID 7, then the Sequence Number 5 and the Acknowledgment Number 3 that A announces; the
/// A bit is not a reserved bit there (tshark's mask 0x0078); the PPP frame's Address, Control
/// and Protocol come before the inner IPv4 packet. Before, the header stopped after four
/// octets, A was counted in gre.flags.reserved (16) and the rest was data.
#[test]
fn enhanced_gre_splits_the_key_and_carries_ppp() {
    let (data, d, f) = transport_frame(8);
    assert_eq!(uint(&d, "gre.flags_and_version"), 0x3081);
    assert!(common::flag(&d, "gre.flags.ack"));
    assert_eq!(uint(&d, "gre.flags.reserved"), 0);
    assert_eq!(uint(&d, "gre.flags.version"), 1);
    assert_eq!(uint(&d, "gre.key.payload_length"), 37);
    assert_eq!(uint(&d, "gre.key.call_id"), 7);
    assert!(d.find("gre.key").is_none());
    assert_eq!(uint(&d, "gre.sequence_number"), 5);
    assert_eq!(uint(&d, "gre.ack_number"), 3);
    assert_eq!((uint(&d, "ppp.address"), uint(&d, "ppp.control"), uint(&d, "ppp.protocol")), (0xff, 0x03, 0x0021));
    let gre_at = d.find("gre").unwrap().offset as usize;
    let ppp_at = d.find("ppp").unwrap().offset as usize;
    assert_eq!(ppp_at - gre_at, 16);
    assert_eq!(data.len() - ppp_at, 37, "Payload Length counts the PPP frame");
    assert_eq!(d.find_all("ip.src").count(), 2);
    assert!(d.experts.is_empty(), "{:?}", common::experts(&d));
    // The owned form: the same header built by name, everything else computed.
    let g = f.layers.iter().find_map(|l| if let dissect::stack::Layer::Gre(g) = l { Some(g.clone()) } else { None }).unwrap();
    // Payload Length computed from the payload emitted after it: 37, the fixture script's.
    let built = Gre { seq: Some(5), ack: Some(3), ..Gre::enhanced(7) };
    assert_eq!(built.flags_word(), GreFlags(0x3081));
    let mut out = Vec::new();
    built.emit(&data[ppp_at..], &mut out);
    assert_eq!(out, data[gre_at..]);
    assert!(g.is_enhanced() && g.ack == Some(3));
    assert_eq!(g.key, Some(GreKey::Enhanced { payload_length: Auto::Given(37), call_id: 7 }));
    assert!(f.layers.iter().any(|l| matches!(l, dissect::stack::Layer::Ppp(p) if p.address_control == Some([0xff, 3]))));
}

/// `stack::compute_lengths` counts Enhanced GRE's Payload Length with the others: frame 8's
/// UDP data grown by 11 octets re-emits with IPv4 Total Length 84 and 44, UDP Length 24 and
/// Payload Length 48, and dissects clean. Before, the Payload Length stayed 37 (warned).
#[test]
fn computed_lengths_include_enhanced_gres_payload_length() {
    let (data, _, mut f) = transport_frame(8);
    let Some(dissect::stack::Layer::Data(d)) = f.layers.last_mut() else { panic!("{:?}", f.layers) };
    d.extend_from_slice(&[0x5a; 11]);
    dissect::stack::compute_lengths(&mut f.layers);
    dissect::stack::compute_checksums(&mut f.layers);
    let prefs = Prefs::default();
    let out = f.emit(&prefs).unwrap();
    assert_eq!(out.len(), data.len() + 11);
    let meta = FrameMeta { number: 1, wire_len: out.len() as u32, linktype: 1, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &out, &meta, &prefs);
    assert_eq!(common::uints(&d, "ip.len"), [84, 44]);
    assert_eq!(uint(&d, "udp.length"), 24);
    assert_eq!(uint(&d, "gre.key.payload_length"), 48);
    assert!(d.experts.is_empty(), "{:?}", common::experts(&d));
}

/// Frame 9: an Enhanced GRE acknowledgment with no payload (RFC 2637 §4.4) ends at its header:
/// no PPP layer, nothing malformed. Frame 10: GRE carrying ARP is handed to ARP.
#[test]
fn enhanced_gre_ack_alone_and_gre_carrying_arp() {
    let (_, d, _) = transport_frame(9);
    assert_eq!(uint(&d, "gre.ack_number"), 5);
    assert_eq!(uint(&d, "gre.key.call_id"), 9);
    assert_eq!(d.protocols.last(), Some(&"gre"));
    assert!(d.experts.is_empty(), "{:?}", common::experts(&d));
    assert_eq!(d.cols.info, "Encapsulated PPP");
    let (_, d, _) = transport_frame(10);
    assert_eq!(d.protocols.last(), Some(&"arp"));
    assert_eq!(d.cols.info, "Who has 198.51.100.1? Tell 198.51.100.77");
}

/// Frame 11: version 2 is not RFC 2784's (§2.3.1): reported, and read with version 0's layout
/// as tshark reads it, so the key and the inner packet are shown. Before, only four octets
/// were read and the rest was data.
#[test]
fn gre_version_2_is_reported_and_read_with_version_0s_layout() {
    let (_, d, _) = transport_frame(11);
    assert_eq!(uint(&d, "gre.flags.version"), 2);
    assert_eq!(uint(&d, "gre.key"), 0x1234_5678);
    assert_eq!(d.find_all("ip.src").count(), 2);
    assert_eq!(common::experts(&d), ["gre.version.unsupported"]);
}

/// Ethernet headers nested by EtherType 0x6558 end at the nesting limit with an expert item,
/// and the model stops at the same depth (both read the frame to its last octet).
#[test]
fn nested_ethernet_ends_at_the_nesting_limit() {
    let mut frame = Vec::new();
    for _ in 0..4000 {
        frame.extend_from_slice(&[2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x65, 0x58]);
    }
    frame.extend_from_slice(&[0; 20]);
    let meta = FrameMeta { number: 1, wire_len: frame.len() as u32, linktype: 1, ..Default::default() };
    let prefs = Prefs::default();
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &frame, &meta, &prefs);
    assert!(common::experts(&d).contains(&"_ws.malformed.depth_limit"));
    // The outer header, then one per nesting level the preference allows.
    assert_eq!(d.find_all("eth").count(), usize::from(prefs.max_nesting) + 1);
    let f = dissect::stack::FrameRepr::parse(1, &frame, &prefs);
    let links = f.layers.iter().filter(|l| matches!(l, dissect::stack::Layer::Link(_))).count();
    assert_eq!(links, usize::from(prefs.max_nesting) + 1);
    assert_eq!(f.emit(&prefs).unwrap(), frame);
}

/// An IPv6 packet carrying GRE `g` followed by `payload`.
fn over_gre(g: &Gre, payload: &[u8]) -> Dissection {
    let mut out = Vec::new();
    g.emit(payload, &mut out);
    dissect(&ipv6("2001:db8:20::1", "2001:db8:10::1", 47, &out), &Prefs::default())
}

/// RFC 2637 §4.1's rules, found missing by review (each case was silent before): K must be
/// set, S set exactly when a payload follows, Payload Length the payload's; a PPP frame whose
/// first octet is 0xff has Address and Control however odd the Control, and version 2 carrying
/// PPP is read as Enhanced GRE, as tshark reads it.
#[test]
fn enhanced_gre_rules() {
    let inner = ipv6("2001:db8:100::10", "2001:db8:3::3", 59, &[]);
    let ppp = [[0xff, 0x03, 0x00, 0x57].as_slice(), &inner].concat();
    let len = ppp.len() as u16;
    let ex = |d: &Dissection| d.experts.iter().map(|e| (e.def.abbrev(), d.text_of(e.text).to_string())).collect::<Vec<_>>();
    // Clean: S with a payload, its length right.
    let d = over_gre(&Gre { seq: Some(1), ..Gre::enhanced(7) }, &ppp);
    assert!(d.experts.is_empty(), "{:?}", ex(&d));
    assert_eq!(common::uint(&d, "gre.key.payload_length"), u64::from(len));
    assert_eq!(d.find_all("ipv6.src").count(), 2);
    // K clear (no Call ID), S clear with a payload.
    let d = over_gre(&Gre { flags: Auto::Given(GreFlags(0x0001)), ..Gre::new(0x880b) }, &ppp);
    let e = ex(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "gre.flags.enhanced.invalid");
    assert!(e[0].1.contains("K clear") && e[0].1.contains("S clear with a payload"), "{}", e[0].1);
    // S set on an acknowledgment alone.
    let d = over_gre(&Gre { seq: Some(1), ack: Some(2), ..Gre::enhanced(7) }, &[]);
    assert!(ex(&d)[0].1.contains("S set with no payload"), "{:?}", ex(&d));
    // Payload Length 500 for a shorter payload.
    let liar =
        Gre { seq: Some(1), key: Some(GreKey::Enhanced { payload_length: Auto::Given(500), call_id: 7 }), ..Gre::enhanced(7) };
    let d = over_gre(&liar, &ppp);
    assert_eq!(common::experts(&d), ["gre.key.payload_length.bad"]);
    // Control 0x05 after the Address: shown and warned, the packet after it still decoded.
    let odd = [[0xff, 0x05].as_slice(), &ppp[2..]].concat();
    let d = over_gre(&Gre { seq: Some(1), ..Gre::enhanced(7) }, &odd);
    assert_eq!((common::uint(&d, "ppp.address"), common::uint(&d, "ppp.control")), (0xff, 0x05));
    assert_eq!(common::experts(&d), ["ppp.control.not_ui"]);
    assert_eq!(d.find_all("ipv6.src").count(), 2);
    // The Address alone: cut short where the Control should be.
    let d = over_gre(&Gre { seq: Some(1), ..Gre::enhanced(7) }, &[0xff]);
    assert!(common::experts(&d).iter().any(|e| e.starts_with("_ws.malformed")), "{:?}", ex(&d));
    // Version 2 carrying PPP, A set: the Acknowledgment Number is read; the version is warned.
    let v2 = Gre { flags: Auto::Given(GreFlags(0x3082)), seq: Some(1), ack: Some(9), ..Gre::enhanced(7) };
    let d = over_gre(&v2, &ppp);
    assert_eq!(common::uint(&d, "gre.ack_number"), 9);
    assert_eq!(common::experts(&d), ["gre.version.unsupported"]);
    // Version 1 carrying IPv6 is not Enhanced GRE: warned (it was silent), read with version
    // 0's layout, its reserved bits (here the A bit) checked.
    let v1 = Gre { flags: Auto::Given(GreFlags(0x0081)), ..Gre::new(0x86dd) };
    let d = over_gre(&v1, &inner);
    assert_eq!(common::experts(&d), ["gre.version.unsupported", "gre.flags.reserved.nonzero"]);
    assert_eq!(d.find_all("ipv6.src").count(), 2);
}

/// PPP is Enhanced GRE's alone: an Ethernet frame of type 0x880b is data, as in tshark 4.0
/// (it was decoded as PPP); a PPPoE session whose PPP field is cut keeps the PPPoES column.
#[test]
fn ppp_stays_where_it_belongs() {
    let meta = FrameMeta { number: 1, wire_len: 60, linktype: 1, ..Default::default() };
    let mut eth = [[2u8, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x88, 0x0b, 0xff, 0x03, 0x00, 0x57].as_slice(), &[0; 42]].concat();
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &eth, &meta, &Prefs::default());
    assert!(!d.protocols.contains(&"ppp"), "{:?}", d.protocols);
    // PPPoE session (0x8864), LENGTH 1: one octet of PPP Protocol.
    eth[12..22].copy_from_slice(&[0x88, 0x64, 0x11, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &eth[..21], &FrameMeta { wire_len: 21, ..meta }, &Prefs::default());
    assert_eq!(d.cols.protocol, "PPPoES");
}

/// GRE of an unknown protocol type: tshark 4.0.17's Info is "Encapsulated 0xABCD (unknown)"
/// (the type in upper-case hex), mipscope's was "Encapsulated unknown protocol".
#[test]
fn gre_of_an_unknown_protocol_names_its_type_as_tshark() {
    // Ethernet / IPv4 (192.0.2.1 -> 198.51.100.1, protocol 47) / GRE type 0xabcd / 8 octets.
    let data = common::hex(concat!(
        "020000000002020000000001",
        "0800",
        "4500002c00010000402f",
        "0000",
        "c0000201c6336401",
        "0000abcd",
        "6162636465666768"
    ));
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 1, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &data, &meta, &Prefs::default());
    assert_eq!(d.cols.info, "Encapsulated 0xABCD (unknown)");
}
