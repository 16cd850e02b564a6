//! Inputs that once made a dissector misbehave (found by fuzzing, see fuzz/README.md), kept
//! as regression tests: each must dissect without panicking, with every node inside the frame.

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Tree};

mod common;
use common::{dissect_raw, ip6, ipv6};

fn check(linktype: u32, data: &[u8]) {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, &Prefs::default());
    assert!(d.nodes.iter().all(|n| (n.offset + n.len) as usize <= data.len()));
    assert!(!d.experts.is_empty(), "a cut header must be reported");
}

/// SLL2 header of 16 octets (it needs 20) whose protocol is an 802.1Q tag: the VLAN layer
/// started past the end of the frame (subtraction overflow).
#[test]
fn sll2_shorter_than_its_header_with_vlan_protocol() {
    check(276, &[0x81, 0x00, 0x07, 0x00, 0x09, 0x7e, 0x00, 0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xde, 0x41]);
}

/// An Authentication Header whose Payload Length makes it 8 octets (it needs 12 for SPI and
/// Sequence Number): the Sequence Number was read past the end of the frame.
#[test]
fn ah_shorter_than_spi_and_sequence() {
    let data = [
        0x01, 0x00, 0x00, 0x00, 0x00, 0x33, 0x33, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x77,
        0x00, 0x00, 0x00, 0x25, 0x9e, 0x00, 0x0a, 0x33, 0x89, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
        0x01, 0x00, 0x00, 0x00, 0x6d, 0x0a, 0x33, 0x33, 0x58,
    ];
    // The fuzzer's first octet (0x2d) chose the link type (0x2d & 7 = 5: raw IPv6); the frame
    // is the rest.
    check(229, &data);
}

/// UDP over IPv6 with Length 0 (less than its own header) inside the captured bytes: the
/// checksum check sliced the 0-octet datagram at octet 8.
#[test]
fn udp_length_zero_over_ipv6() {
    let mut p = vec![0x60, 0, 0, 0, 0, 8, 17, 64];
    p.extend_from_slice(&[0; 32]);
    p.extend_from_slice(&[0x12, 0x34, 0x02, 0x9a, 0x00, 0x00, 0xab, 0xcd]);
    check(229, &p);
}

/// A pcapng interface whose if_tsoffset (option 14) is i64::MAX: adding it to a packet's
/// seconds overflowed. Now the time saturates and the packet is still delivered and rendered.
#[test]
fn pcapng_huge_if_tsoffset() {
    fn block(ty: u32, body: &[u8]) -> Vec<u8> {
        let len = (12 + body.len()) as u32;
        [&ty.to_le_bytes()[..], &len.to_le_bytes(), body, &len.to_le_bytes()].concat()
    }
    let shb = block(0x0a0d_0d0a, &[&0x1a2b_3c4du32.to_le_bytes()[..], &[1, 0, 0, 0], &[0xff; 8]].concat());
    let mut idb_body = vec![1, 0, 0, 0, 0, 0, 0, 0]; // linktype 1, reserved, snaplen 0
    idb_body.extend_from_slice(&[14, 0, 8, 0]);
    idb_body.extend_from_slice(&i64::MAX.to_le_bytes());
    idb_body.extend_from_slice(&[0, 0, 0, 0]); // opt_endofopt
    let idb = block(1, &idb_body);
    let frame = [0u8; 16];
    let mut epb_body = vec![0, 0, 0, 0];
    epb_body.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]); // timestamp
    epb_body.extend_from_slice(&16u32.to_le_bytes());
    epb_body.extend_from_slice(&16u32.to_le_bytes());
    epb_body.extend_from_slice(&frame);
    let file = [shb, idb, block(6, &epb_body)].concat();
    let mut seen = 0;
    let r = dissect::capture::for_each_packet(&file[..], |m, data| {
        seen += 1;
        assert_eq!(m.ts.0, i64::MAX);
        let mut d = Dissection::new();
        dissect::dissect_frame(&mut d, data, m, &Prefs::default());
        let mut out = String::new();
        dissect::output::write_tree(&mut out, &d, data);
        assert!(out.contains("Arrival Time: "), "{out}");
        true
    });
    assert_eq!(r.ok(), Some(1));
    assert_eq!(seen, 1);
}

/// Defect: the expert index of a node was cast to u16, so past 65,535 expert items in one
/// frame an item's node pointed at the wrong item. No dissector reaches that many in one frame
/// today (UDP and IPv4 lengths cap a Mobile IPv4 message near 32,000 two-octet extensions), so
/// the builder is driven directly: 70,000 items, one per octet, each node must point at its own.
#[test]
fn more_than_65535_expert_items_in_one_frame() {
    const N: usize = 70_000;
    let data = vec![0u8; N];
    let (mut d, prefs, state) = (Dissection::new(), Prefs::default(), CaptureState::default());
    let mut t = Tree::new(&data, &mut d, &prefs, &state);
    for off in 0..N {
        t.expert(&dissect::mip4::ext::EXT_SKIPPABLE, off, 1, Some(format_args!("item {off}")));
    }
    assert_eq!(d.experts.len(), N);
    let mut seen = 0;
    for n in d.nodes.iter().filter(|n| n.def.abbrev == "_ws.expert") {
        let i = n.expert.expect("an expert node carries its item's index") as usize;
        assert_eq!(i, seen);
        assert_eq!(d.experts[i].offset, n.offset, "expert node {seen}");
        seen += 1;
    }
    assert_eq!(seen, N);
    // The label of the last one names the last item (it named item 70,000 - 65,536 = 4,464).
    let last = d.nodes.iter().rev().find(|n| n.def.abbrev == "_ws.expert").unwrap();
    let mut label = String::new();
    dissect::output::write_label(&mut label, &d, &data, last);
    assert_eq!(
        label,
        "[Expert Info (Note/Undecoded): Unrecognised skippable extension (type 128-255), skipped (RFC 5944 §1.8): item 69999]"
    );
}

/// Issue 12 item 7: the dissector records what a frame teaches (a NEMO BU's mobile router and
/// prefixes) as lessons and leaves the capture state alone; the driver applies them, and the
/// state stays bounded however many routers a capture names.
#[test]
fn lessons_are_applied_by_the_driver_and_bounded() {
    use dissect::tree::Lesson;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/mh-options.pcapng");
    let prefs = Prefs::default();
    let state = CaptureState::default();
    let mut taught = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |meta, data| {
        let mut d = Dissection::new();
        dissect::dissect_frame_want(&state, dissect::tree::Want::Columns, &mut d, data, meta, &prefs);
        if !d.lessons.is_empty() {
            taught.push((meta.number, d.lessons.clone()));
        }
        true
    });
    // Frame 5: NEMO BU (R flag) from the mobile router's CoA 2001:db8:2::200 (no HAO) with MNPs
    // 2001:db8:1000::/48 and 2001:db8:2000::/64 (captures/crafted/README.md).
    let p = |s: &str| s.parse::<std::net::Ipv6Addr>().unwrap().octets();
    assert_eq!(
        taught,
        [(
            5,
            vec![
                Lesson::MobileRouter(p("2001:db8:2::200")),
                Lesson::MobileNetworkPrefix(p("2001:db8:1000::"), 48),
                Lesson::MobileNetworkPrefix(p("2001:db8:2000::"), 64)
            ]
        )]
    );
    // Bounded: a flood of distinct routers keeps the newest LIMIT and counts every change.
    let mut st = CaptureState::default();
    let mut d = Dissection::new();
    for i in 0..(CaptureState::LIMIT as u32 + 10) {
        let mut a = [0u8; 16];
        a[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        a[12..].copy_from_slice(&i.to_be_bytes());
        d.lessons.clear();
        d.lessons.push(Lesson::MobileRouter(a));
        assert!(st.learn(&d));
        assert!(!st.learn(&d), "learning the same lesson twice changes nothing");
    }
    assert_eq!(st.mr_addresses.len(), CaptureState::LIMIT);
    assert_eq!(st.version(), CaptureState::LIMIT as u64 + 10);
    assert_eq!(st.mr_addresses.front().map(|a| a[15]), Some(10), "the oldest ten were forgotten");
}

fn expert_names(d: &Dissection) -> Vec<&'static str> {
    d.experts.iter().map(|e| e.def.abbrev()).collect()
}

/// Review finding: a tunnelled IPv6 packet inherited the outer header's Home Address option,
/// so its Mobility Header checksum was verified against the outer HAO as source (a false "bad
/// checksum"), and an inner HAO of its own was called a second one.
#[test]
fn a_tunnelled_packet_does_not_inherit_the_outer_home_address() {
    let (inner_src, inner_dst) = ("2001:db8:100::10", "2001:db8:3::3");
    // Proxy BU seq 1, A P, lifetime 100, with RFC 4866's Care-of Test Init option (an early
    // proxy BU, seed 004 §3.3: it carries no Home Address option), then PadN to 16 octets.
    let mut mh = vec![59, 1, 5, 0, 0, 0, 0, 1, 0x82, 0, 0, 100, 15, 0, 1, 0];
    let c = dissect::checksum::finish(dissect::checksum::sum(
        &mh,
        dissect::checksum::pseudo6(&ip6(inner_src), &ip6(inner_dst), 16, 135),
    ));
    mh[4..6].copy_from_slice(&c.to_be_bytes());
    let inner = ipv6(inner_src, inner_dst, 135, &mh);
    // Destination Options (next 41): PadN of 2 data octets, then a Home Address option at 8n+6.
    let mut dst_opts = vec![41, 2, 1, 2, 0, 0, 0xc9, 16];
    dst_opts.extend_from_slice(&ip6("2001:db8:1::100"));
    dst_opts.extend_from_slice(&inner);
    let frame = ipv6("2001:db8:2::100", "2001:db8:1::1", 60, &dst_opts);
    let d = dissect_raw(&frame, &Prefs::default());
    assert_eq!(
        d.find_all("mip6.csum.status").last().map(|n| d
            .text_of(match n.value {
                dissect::field::Value::Text(a, b) => (a, b),
                _ => (0, 0),
            })
            .to_string()),
        Some("good".to_string())
    );
    // Nothing but what the bare early proxy BU truly lacks (seed 004 §3.3: Nonce Indices and
    // Binding Authorization Data).
    assert_eq!(expert_names(&d), ["check.pmipro.pbu_without_auth"]);
    // The outer header's HAO is not the inner packet's: the inner BU is a proxy BU.
    assert!(d.cols.info.ends_with("(early proxy BU)"), "{}", d.cols.info);
}

/// Review finding: the proxy BU kind (seed 004) was read from raw option numbers, so a
/// Binding Identifier the profile numbers 15 made a proxy BU "early".
#[test]
fn proxy_bu_kind_follows_the_profiles_numbers() {
    let prefs = Prefs::build(None, &["mcoa.bid_option_type=15".to_string()]).unwrap();
    // PBU seq 3, A P, lifetime 100; a BID (type 15 here) of Length 4 at offset 12; PadN 6.
    let mut mh = vec![59, 2, 5, 0, 0, 0, 0, 3, 0x82, 0, 0, 100, 15, 4, 0, 1, 0, 0, 1, 4, 0, 0, 0, 0];
    let (src, dst) = ("2001:db8:4::4", "2001:db8:5::5");
    let c = dissect::checksum::finish(dissect::checksum::sum(
        &mh,
        dissect::checksum::pseudo6(&ip6(src), &ip6(dst), mh.len() as u32, 135),
    ));
    mh[4..6].copy_from_slice(&c.to_be_bytes());
    let d = dissect_raw(&ipv6(src, dst, 135, &mh), &prefs);
    assert!(d.find("mip6.bi.bid").is_some(), "the option is the Binding Identifier here");
    assert!(d.find("mip6.pbu.kind").is_none(), "{}", d.cols.info);
    // Under the default numbers, 15 is RFC 4866's Care-of Test Init option (Length 0): early.
    let mut mh = vec![59, 1, 5, 0, 0, 0, 0, 3, 0x82, 0, 0, 100, 15, 0, 1, 0];
    let c = dissect::checksum::finish(dissect::checksum::sum(
        &mh,
        dissect::checksum::pseudo6(&ip6(src), &ip6(dst), mh.len() as u32, 135),
    ));
    mh[4..6].copy_from_slice(&c.to_be_bytes());
    let d = dissect_raw(&ipv6(src, dst, 135, &mh), &Prefs::default());
    assert!(d.cols.info.ends_with("(early proxy BU)"), "{}", d.cols.info);
}

/// Review finding: the owned Mobility Header read a type the profile gives to a draft message
/// (Proxy HoTI at 1 here) as RFC 6275's message of that number, and its body as options. It
/// is now the draft's message, typed, at the number the header had.
#[test]
fn owned_form_reads_a_drafted_message_type_as_the_draft_message() {
    use dissect::mh::seeds::{Drafted, Photi};
    use dissect::mh::MhBody;
    use dissect::model::{Auto, EmitCx};
    let prefs = Prefs::build(None, &["pmipro.mh_photi=1".to_string()]).unwrap();
    let mut mh = vec![59, 4, 1, 0, 0, 0];
    mh.extend((0..34).map(|i| i as u8 + 1));
    let (_, r) = dissect::mh::MhRepr::parse_in(&mh, &prefs).unwrap();
    let MhBody::Photi(Drafted { mh_type: Auto::Given(1), msg: Photi { reserved: 0x0102, cookie, .. } }) = r.body else {
        panic!("{r:?}")
    };
    assert_eq!(cookie, 0x0304_0506_0708_090a);
    let mut out = Vec::new();
    r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
    assert_eq!(out, mh);
}

/// Review finding: a computed UDP checksum covered every octet emitted, not the octets a given
/// Length covers (RFC 768), so the dissector called it bad.
#[test]
fn udp_checksum_covers_what_length_says() {
    use dissect::ipv4::Udp;
    use dissect::model::Auto;
    let (src, dst) = (ip6("2001:db8::1"), ip6("2001:db8::2"));
    let u = Udp { src_port: 40000, dst_port: 50007, length: Auto::Given(12), checksum: Auto::Computed };
    let mut seg = Vec::new();
    u.emit(b"abcdefgh", Some(dissect::IpCtx::V6 { src, dst }), &mut seg);
    let frame = ipv6("2001:db8::1", "2001:db8::2", 17, &seg);
    let d = dissect_raw(&frame, &Prefs::default());
    assert!(!expert_names(&d).contains(&"udp.checksum.bad"), "{:?}", expert_names(&d));
    // Verified (the calculated value is shown only once the checksum was checked), and good.
    let ck = d.find("udp.checksum").unwrap().value.as_uint().unwrap();
    assert_eq!(d.find("udp.checksum_calculated").map(|n| n.value.as_uint().unwrap()), Some(ck));
}

/// A NEMO BU quoted in an ICMPv6 error (here the Parameter Problem a correspondent returns for
/// it) was not accepted by anyone: it teaches no mobile router. Before, the quoted BU of
/// mh-options.pcapng frame 5 taught its router and both prefixes.
#[test]
fn a_bu_quoted_in_an_icmpv6_error_teaches_nothing() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/mh-options.pcapng");
    let mut frames = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, data| {
        frames.push((*m, data.to_vec()));
        true
    });
    let prefs = Prefs::default();
    let (meta, bu) = &frames[4];
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, bu, meta, &prefs);
    assert_eq!(d.lessons.len(), 3, "the BU itself teaches its router and two prefixes");
    // ICMPv6 Parameter Problem (type 4, code 1, pointer 40) quoting the BU's IPv6 packet.
    let quoted = &bu[14..];
    let (src, dst) = ("2001:db8:3::3", "2001:db8:2::200");
    let mut m = vec![4, 1, 0, 0, 0, 0, 0, 40];
    m.extend_from_slice(quoted);
    let c = dissect::checksum::compute(dissect::checksum::pseudo6(&ip6(src), &ip6(dst), m.len() as u32, 58), &m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    let pkt = ipv6(src, dst, 58, &m);
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, &pkt, &meta, &prefs);
    assert!(d.find("mip6.nemo.bu.r_flag").is_some(), "the quoted BU is decoded");
    assert_eq!(d.lessons, []);
}
