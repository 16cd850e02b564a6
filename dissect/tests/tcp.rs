//! TCP (RFC 9293), PPPoE/PPP (RFC 2516) and VXLAN / VXLAN-GPE, from the bytes of
//! captures/crafted/tcp-tunnels.pcapng (built by captures/make_fixtures_tcp.py, which checks
//! every TCP checksum with its own parser) and from bytes built here. Every value asserted on
//! the fixture was also checked against tshark 4.0 (tests/tshark_compare.rs).

use dissect::checksum;
use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Want};

mod common;
use common::{experts, flag, hex, ip6, ipv6, uint, uints};

static FIXTURE: &[u8] = include_bytes!("../../captures/crafted/tcp-tunnels.pcapng");

fn frames() -> Vec<(FrameMeta, Vec<u8>)> {
    let mut v = Vec::new();
    dissect::capture::for_each_packet(FIXTURE, |m, d| {
        v.push((*m, d.to_vec()));
        true
    })
    .expect("fixture reads");
    assert_eq!(v.len(), 23);
    v
}

fn frame(n: usize) -> (FrameMeta, Vec<u8>) {
    frames().swap_remove(n - 1)
}

fn dissect_n(n: usize) -> Dissection {
    let (m, data) = frame(n);
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &data, &m, &Prefs::default());
    d
}

fn dissect_bytes(data: &[u8], linktype: u32, prefs: &Prefs) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, prefs);
    d
}

fn text(d: &Dissection, f: &str) -> String {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Text(s, l) => d.text_of((s, l)).to_string(),
        v => panic!("{f} is {v:?}"),
    }
}

fn bytes_of(d: &Dissection, data: &[u8], f: &str) -> Vec<u8> {
    let n = d.find(f).unwrap_or_else(|| panic!("no {f}"));
    data[n.offset as usize..(n.offset + n.len) as usize].to_vec()
}

fn protocols(d: &Dissection) -> String {
    d.protocols.join(":")
}

/// Offset of the TCP header in frame `n` and its length, from the dissection.
fn tcp_span(d: &Dissection) -> (usize, usize) {
    let n = d.find("tcp.srcport").unwrap();
    let seglen = uint(d, "tcp.hdr_len") + d.find("tcp.len").map_or(0, |n| n.value.as_uint().unwrap());
    (n.offset as usize, seglen as usize)
}

/// The checksum a sender puts on `seg` (checksum field read as zero) for an IPv6 pseudo-header.
fn tcp_sum6(src: &str, dst: &str, seg: &[u8]) -> u16 {
    let mut s = seg.to_vec();
    s[16..18].copy_from_slice(&[0, 0]);
    checksum::compute(checksum::pseudo6(&ip6(src), &ip6(dst), s.len() as u32, 6), &s)
}

const HOA: &str = "2001:db8:1::100";
const COA: &str = "2001:db8:2::100";
const CN: &str = "2001:db8:3::3";

#[test]
fn route_optimised_segment_with_home_address_option() {
    let (_, data) = frame(1);
    let d = dissect_n(1);
    assert_eq!(protocols(&d), "eth:ethertype:ipv6:ipv6.dstopts:tcp:data");
    assert_eq!(uint(&d, "tcp.srcport"), 40000);
    assert_eq!(uint(&d, "tcp.dstport"), 50007);
    assert_eq!(uints(&d, "tcp.port"), [40000, 50007]);
    assert_eq!(uint(&d, "tcp.seq"), 0x1000_0000);
    assert_eq!(uint(&d, "tcp.seq_raw"), 0x1000_0000);
    assert_eq!(uint(&d, "tcp.ack"), 0x2000_0000);
    assert_eq!(uint(&d, "tcp.nxtseq"), 0x1000_0010);
    assert_eq!(uint(&d, "tcp.hdr_len"), 32);
    assert_eq!(uint(&d, "tcp.flags"), 0x018);
    assert!(flag(&d, "tcp.flags.push") && flag(&d, "tcp.flags.ack") && !flag(&d, "tcp.flags.syn"));
    assert_eq!(text(&d, "tcp.flags.str"), "·······AP···");
    assert_eq!(uint(&d, "tcp.window_size_value"), 512);
    assert_eq!(uint(&d, "tcp.len"), 16);
    assert_eq!(uints(&d, "tcp.option_kind"), [1, 1, 8]);
    assert_eq!(uint(&d, "tcp.options.timestamp.tsval"), 1000);
    assert_eq!(uint(&d, "tcp.options.timestamp.tsecr"), 2000);
    assert_eq!(bytes_of(&d, &data, "data.data"), b"route-optimised\n");
    // The checksum is right for the home address as source (RFC 6275 §6.3), not for the
    // care-of address in the IPv6 header.
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    let (off, len) = tcp_span(&d);
    let seg = &data[off..off + len];
    let sent = u16::from_be_bytes([seg[16], seg[17]]);
    assert_eq!(sent, 0x0718, "tshark: Checksum: 0x0718 [correct]");
    assert_eq!(tcp_sum6(HOA, CN, seg), sent);
    assert_ne!(tcp_sum6(COA, CN, seg), sent);
    assert_eq!(uint(&d, "tcp.checksum_calculated"), 0x0718);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    assert_eq!(d.cols.protocol, "TCP");
    assert_eq!(d.cols.info, "40000 → 50007 [PSH, ACK] Seq=268435456 Ack=536870912 Win=512 Len=16 TSval=1000 TSecr=2000");
}

#[test]
fn route_optimised_segment_through_type_2_routing_header() {
    let (_, data) = frame(2);
    let d = dissect_n(2);
    assert_eq!(protocols(&d), "eth:ethertype:ipv6:ipv6.routing:tcp:data");
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    let (off, len) = tcp_span(&d);
    let seg = &data[off..off + len];
    let sent = u16::from_be_bytes([seg[16], seg[17]]);
    assert_eq!(sent, 0x1f01);
    // RFC 6275 §6.4 / RFC 8200 §8.1: the final destination is the home address.
    assert_eq!(tcp_sum6(CN, HOA, seg), sent);
    assert_ne!(tcp_sum6(CN, COA, seg), sent);
    assert_eq!(uint(&d, "tcp.ack"), 0x1000_0010);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

#[test]
fn checksum_over_the_care_of_address_is_wrong() {
    let (_, data) = frame(3);
    let d = dissect_n(3);
    assert_eq!(experts(&d), ["tcp.checksum_bad.expert"]);
    assert_eq!(uint(&d, "tcp.checksum.status"), 0);
    assert_eq!(uint(&d, "tcp.checksum"), 0x4e47);
    let (off, len) = tcp_span(&d);
    let seg = &data[off..off + len];
    assert_eq!(tcp_sum6(COA, CN, seg), 0x4e47, "the sender forgot the Home Address option");
    assert_eq!(tcp_sum6(HOA, CN, seg), 0x4e48);
    assert_eq!(uint(&d, "tcp.checksum_calculated"), 0x4e48, "tshark: [Calculated Checksum: 0x4e48]");
    assert!(d.cols.info.contains("Win=512 [TCP CHECKSUM INCORRECT] Len=10"), "{}", d.cols.info);
}

/// A checksum of 0xffff on a segment whose checksum computes to 0x0000: the sum verifies (both
/// are one's complement zero), but no sender computes 0xffff (RFC 1624 §3). tshark 4.0 on the
/// same octets: "Checksum: 0xffff [should be 0x0000 (see RFC 1624)]", "[Calculated Checksum:
/// 0x0000]", "[Checksum Status: Bad]", expert `tcp.checksum.ffff` (Warning/Checksum), Info
/// "… Win=64240 [TCP CHECKSUM 0xFFFF] Len=2". Before, mipscope called it correct.
#[test]
fn checksum_ffff_where_zero_is_computed() {
    let fold = |mut s: u32| {
        while s > 0xffff {
            s = (s & 0xffff) + (s >> 16);
        }
        s as u16
    };
    let words = |b: &[u8]| b.chunks(2).map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))).sum::<u32>();
    let (src, dst) = ([192, 0, 2, 1], [198, 51, 100, 2]);
    let mut seg = vec![0xa0, 0x50, 0, 80, 0, 0, 0x03, 0xe8, 0, 0, 0, 1, 0x50, 0x18, 0xfa, 0xf0, 0, 0, 0, 0, 0, 0];
    let pseudo = words(&src) + words(&dst) + 6 + seg.len() as u32;
    // The payload word that brings the one's complement sum to 0xffff: the checksum a sender
    // computes is then 0x0000.
    let w = 0xffff - fold(pseudo + words(&seg));
    seg[20..22].copy_from_slice(&w.to_be_bytes());
    assert_eq!(!fold(pseudo + words(&seg)), 0x0000);
    seg[16..18].copy_from_slice(&[0xff, 0xff]);
    let mut ip = vec![0x45, 0, 0, 20 + seg.len() as u8, 0, 1, 0x40, 0, 64, 6, 0, 0];
    ip.extend_from_slice(&src);
    ip.extend_from_slice(&dst);
    let ck = !fold(words(&ip));
    ip[10..12].copy_from_slice(&ck.to_be_bytes());
    let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
    f.extend_from_slice(&ip);
    f.extend_from_slice(&seg);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert_eq!(uint(&d, "tcp.checksum"), 0xffff);
    assert_eq!(uint(&d, "tcp.checksum.status"), 0, "bad, as tshark");
    assert_eq!(uint(&d, "tcp.checksum_calculated"), 0);
    assert_eq!(experts(&d), ["tcp.checksum.ffff"]);
    assert!(d.cols.info.ends_with("Win=64240 [TCP CHECKSUM 0xFFFF] Len=2"), "{}", d.cols.info);
    // The same segment with the checksum a sender computes is correct.
    f[14 + 20 + 16..14 + 20 + 18].copy_from_slice(&[0, 0]);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

#[test]
fn handshake_with_options() {
    let d = dissect_n(4);
    assert_eq!(protocols(&d), "eth:ethertype:ip:tcp");
    assert_eq!(uint(&d, "tcp.flags"), 0x0c2);
    assert!(flag(&d, "tcp.flags.syn") && flag(&d, "tcp.flags.ece") && flag(&d, "tcp.flags.cwr"));
    assert_eq!(text(&d, "tcp.flags.str"), "····CE····S·");
    assert_eq!(uint(&d, "tcp.hdr_len"), 40);
    assert_eq!(uint(&d, "tcp.nxtseq"), 0xa000_0001, "SYN counts one");
    assert_eq!(uints(&d, "tcp.option_kind"), [2, 4, 8, 1, 3]);
    assert_eq!(uints(&d, "tcp.option_len"), [4, 2, 10, 3]);
    assert_eq!(uint(&d, "tcp.options.mss_val"), 1460);
    assert_eq!(uint(&d, "tcp.options.wscale.shift"), 7);
    assert_eq!(uint(&d, "tcp.options.wscale.multiplier"), 128);
    assert!(d.find("tcp.options.sack_perm").is_some());
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    assert_eq!(experts(&d), ["tcp.connection.syn"]);
    assert_eq!(
        d.cols.info,
        "40000 → 50007 [SYN, ECE, CWR] Seq=2684354560 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=3000 TSecr=0 WS=128"
    );

    let d = dissect_n(5);
    assert_eq!(experts(&d), ["tcp.connection.synack"]);
    assert_eq!(uint(&d, "tcp.options.wscale.multiplier"), 256);
    assert_eq!(
        d.cols.info,
        "50007 → 40000 [SYN, ACK, ECE] Seq=2952790016 Ack=2684354561 Win=65160 Len=0 MSS=1400 SACK_PERM TSval=4000 TSecr=3000 WS=256"
    );

    let d = dissect_n(6);
    assert!(experts(&d).is_empty());
    assert_eq!(uint(&d, "tcp.nxtseq"), uint(&d, "tcp.seq"), "an empty ACK takes no sequence space");
}

#[test]
fn sack_blocks() {
    let d = dissect_n(7);
    assert_eq!(uints(&d, "tcp.options.sack_le"), [0xa000_0101, 0xa000_0301]);
    assert_eq!(uints(&d, "tcp.options.sack_re"), [0xa000_0201, 0xa000_0401]);
    assert_eq!(uint(&d, "tcp.options.sack.count"), 2);
    assert_eq!(uint(&d, "tcp.hdr_len"), 52);
    assert!(d.cols.info.ends_with("SLE=2684354817 SRE=2684355073 SLE=2684355329 SRE=2684355585"), "{}", d.cols.info);
}

#[test]
fn urgent_fin_unknown_option_and_eol_padding() {
    let (_, data) = frame(8);
    let d = dissect_n(8);
    assert_eq!(uint(&d, "tcp.flags"), 0x039);
    assert_eq!(uint(&d, "tcp.urgent_pointer"), 8);
    // NOP, kind 99, EOL, and the zero padding octet shown as one more EOL (as tshark).
    assert_eq!(uints(&d, "tcp.option_kind"), [1, 99, 0, 0]);
    assert_eq!(bytes_of(&d, &data, "tcp.options.unknown.payload"), hex("deadbe"));
    assert_eq!(uint(&d, "tcp.nxtseq"), 0xa000_0001 + 8 + 1, "FIN counts one");
    assert_eq!(experts(&d), ["tcp.connection.fin"]);
    assert!(d.cols.info.contains("Win=502 Urg=8 Len=8"), "{}", d.cols.info);

    let d = dissect_n(9);
    assert_eq!(experts(&d), ["tcp.connection.rst"]);
    assert_eq!(text(&d, "tcp.flags.str"), "·······A·R··");
    assert!(d.find("tcp.options").is_none());
}

#[test]
fn data_offset_below_five_stops_after_the_header_length() {
    let d = dissect_n(10);
    assert_eq!(experts(&d), ["tcp.bogus_header_length"]);
    assert_eq!(d.experts[0].offset, 14 + 20 + 12, "at the Data Offset octet");
    assert_eq!(uint(&d, "tcp.hdr_len"), 16);
    assert_eq!(uint(&d, "tcp.seq"), 1);
    assert_eq!(uint(&d, "tcp.len"), 4, "tshark: what follows 16 octets of a 20-octet segment");
    assert!(d.find("tcp.ack").is_none() && d.find("tcp.flags").is_none() && d.find("tcp.checksum").is_none());
    assert_eq!(d.cols.info, "40001 → 50007 [SYN] Seq=1 Win=1024, bogus TCP header length (16, must be at least 20)");
}

#[test]
fn data_offset_past_the_segment() {
    let d = dissect_n(11);
    assert_eq!(experts(&d), ["tcp.short_segment", "tcp.connection.syn"]);
    assert_eq!(uint(&d, "tcp.hdr_len"), 60);
    assert!(d.find("tcp.len").is_none() && d.find("tcp.nxtseq").is_none());
    // The options run to the end of the segment (4 octets), not to the 60 the header claims.
    assert_eq!(d.find("tcp.options").unwrap().len, 4);
    assert_eq!(uint(&d, "tcp.options.mss_val"), 1460);
    assert_eq!(uint(&d, "tcp.checksum.status"), 1, "the checksum covers the segment whatever its Data Offset");
    assert!(d.find("data").is_none());
}

#[test]
fn odd_header_fields() {
    let d = dissect_n(12);
    assert_eq!(
        experts(&d),
        [
            "tcp.ack.nonzero",
            "tcp.urgent_pointer.non_zero",
            "check.rfc7323.wscale_without_syn",
            "tcp.options.wscale.shift.invalid",
            "tcp.option.len.invalid",
            "tcp.non_zero_bytes_after_eol"
        ]
    );
    assert_eq!(uint(&d, "tcp.ack"), 0x1234_5678);
    assert_eq!(uint(&d, "tcp.options.wscale.multiplier"), 16384, "a shift over 14 is used as 14");
    assert_eq!(uints(&d, "tcp.option_kind"), [3, 8, 0]);
    assert!(d.find("tcp.options.timestamp.tsval").is_none(), "a Timestamps option of Length 6 is not decoded");
    assert_eq!(d.cols.info, "40003 → 50007 [PSH] Seq=3 Win=1024 Len=3 WS=16384");
}

#[test]
fn pppoe_session_carrying_binding_update_and_mipv4_request() {
    let d = dissect_n(13);
    assert_eq!(protocols(&d), "eth:ethertype:pppoes:ppp:ipv6:ipv6.dstopts:mipv6");
    assert_eq!(uint(&d, "eth.type"), 0x8864);
    assert_eq!(uint(&d, "pppoe.version"), 1);
    assert_eq!(uint(&d, "pppoe.type"), 1);
    assert_eq!(uint(&d, "pppoe.code"), 0);
    assert_eq!(uint(&d, "pppoe.session_id"), 0x1234);
    assert_eq!(uint(&d, "pppoe.payload_length"), 82);
    assert_eq!(uint(&d, "ppp.protocol"), 0x0057);
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 60);
    // The fixture's home registration names its care-of address only as the source.
    assert_eq!(experts(&d), ["check.rfc6275.home_bu_without_acoa"]);

    let d = dissect_n(14);
    assert_eq!(protocols(&d), "eth:ethertype:pppoes:ppp:ip:udp:mip");
    assert_eq!(uint(&d, "ppp.protocol"), 0x0021);
    assert_eq!(uint(&d, "mip.type"), 1);
    assert_eq!(d.cols.protocol, "MobileIP");
}

#[test]
fn pppoe_discovery_tags_and_raw_ppp() {
    let (_, data) = frame(15);
    let d = dissect_n(15);
    assert_eq!(protocols(&d), "eth:ethertype:pppoed");
    assert_eq!(uint(&d, "pppoe.code"), 0x09);
    assert_eq!(uints(&d, "pppoed.tag"), [0x0101, 0x0103]);
    assert_eq!(uints(&d, "pppoed.tag_length"), [0, 4]);
    assert_eq!(bytes_of(&d, &data, "pppoed.tags.host_uniq"), hex("cafe0001"));
    assert_eq!(d.cols.protocol, "PPPoED");
    assert_eq!(d.cols.info, "Active Discovery Initiation (PADI)");

    let (_, data) = frame(16);
    let d = dissect_n(16);
    assert_eq!(protocols(&d), "eth:ethertype:pppoes:ppp:data");
    assert_eq!(uint(&d, "ppp.protocol"), 0x4021);
    assert_eq!(bytes_of(&d, &data, "data.data"), hex("0001a5a5a5a5"));
    assert_eq!(d.cols.info, "PPP Stacker LZS (0x4021)");
    // A protocol PPP does not decode is named by its number, as tshark 4.0.17 names it
    // ("PPP" before).
    assert_eq!(d.cols.protocol, "0x4021");
}

/// An EtherType nothing decodes: tshark 4.0.17's packet list shows the number as protocol and
/// the EtherType's name, or "Ethernet II" after an Ethernet header, as Info ("Ethernet" and
/// "Ethernet II, type 0x1234" before, also for a VLAN tag's, a cooked capture's and an IEEE
/// 802.3 length).
#[test]
fn an_undecoded_ethertype_is_named_as_tshark_names_it() {
    for (ty, proto, info) in [(0x1234u16, "0x1234", "Ethernet II"), (0x88b5, "0x88b5", "Local Experimental Ethertype 1")] {
        let mut f = hex("020000000002020000000001");
        f.extend_from_slice(&ty.to_be_bytes());
        f.extend_from_slice(&[0x78; 46]);
        let d = dissect_bytes(&f, 1, &Prefs::default());
        assert_eq!((d.cols.protocol, d.cols.info.as_str()), (proto, info));
        assert_eq!(protocols(&d), "eth:ethertype:data");
    }
    assert_eq!(dissect::format::hex16_name(0), "0x0000");
    assert_eq!(dissect::format::hex16_name(0xffff), "0xffff");
    // Info stays what the layer before said: a VLAN tag's and a cooked capture's, as tshark
    // writes them; and a length/type field under 0x0600 is no EtherType: IEEE 802.3's length
    // (tshark then decodes the LLC header, which mipscope does not) or neither (tshark's words).
    let cases: [(&str, u32, &str, &str); 4] = [
        ("0200000000020200000000018100000512340000", 1, "0x1234", "PRI: 0  DEI: 0  ID: 5"),
        ("000400010006020000000001000012340000", 113, "0x1234", "Sent by us"),
        ("020000000002020000000001002e12340300", 1, "Ethernet", "IEEE 802.3 Ethernet, length 46"),
        ("02000000000202000000000105f012340300", 1, "Ethernet", "Ethernet Unknown: Invalid length/type: 0x05f0 (1520)"),
    ];
    for (h, linktype, proto, info) in cases {
        let mut f = hex(h);
        f.resize(60, 0x78);
        let d = dissect_bytes(&f, linktype, &Prefs::default());
        assert_eq!((d.cols.protocol, d.cols.info.as_str()), (proto, info), "{h}");
    }
}

/// Regression: RFC 2516's fixed header values went unchecked: VER and TYPE MUST be 1 (§4), a
/// Session frame's CODE MUST be 0x00 (§6).
#[test]
fn pppoe_version_type_and_session_code() {
    for (n, patch, want) in [
        (13, (14, 0x21), "check.rfc2516.version_type"),
        (13, (14, 0x12), "check.rfc2516.version_type"),
        (15, (14, 0x11 ^ 0x30), "check.rfc2516.version_type"),
        (13, (15, 0x09), "check.rfc2516.session_code"),
    ] {
        let (_, mut f) = frame(n);
        f[patch.0] = patch.1;
        let d = dissect_bytes(&f, 1, &Prefs::default());
        // Frame 13's home registration has no Alternate Care-of Address (RFC 6275 §11.7.1).
        let got: Vec<_> = experts(&d).into_iter().filter(|e| *e != "check.rfc6275.home_bu_without_acoa").collect();
        assert_eq!(got, [want], "frame {n} with octet {} = {:#04x}", patch.0, patch.1);
        assert_eq!(d.experts[0].offset as usize, patch.0);
    }
    // Decoding goes on: the BU is still there.
    let (_, mut f) = frame(13);
    f[15] = 0x09;
    assert_eq!(uint(&dissect_bytes(&f, 1, &Prefs::default()), "mip6.bu.seqnr"), 60);
}

/// Regression: PPPoE Discovery in a snapped frame raised pppoed.tag_length.invalid beside
/// frame.snapped: a tag the snap length cut is that cut, reported once (frame 15 cut anywhere
/// after its PPPoE header).
#[test]
fn snapped_pppoe_discovery_is_the_cut() {
    let (m, data) = frame(15);
    let meta = FrameMeta { wire_len: data.len() as u32, ..m };
    let mut d = Dissection::new();
    for cut in 14 + 6 + 1..data.len() {
        dissect::dissect_frame(&mut d, &data[..cut], &meta, &Prefs::default());
        assert_eq!(experts(&d), ["frame.snapped", "_ws.malformed.snapped"], "cut at {cut}");
        assert_eq!(
            d.experts[1].offset as usize,
            if cut < 14 + 6 + 4 { 14 + 6 } else { 14 + 6 + 4 },
            "cut at {cut}: at the cut tag"
        );
    }
    // A tag past LENGTH in a frame that was not cut is still the tag's own error.
    let mut f = data.clone();
    f[14 + 6 + 4 + 3] = 9;
    assert_eq!(experts(&dissect_bytes(&f, 1, &Prefs::default())), ["pppoed.tag_length.invalid"]);
}

#[test]
fn vxlan_and_vxlan_gpe_carrying_pmipv6() {
    let d = dissect_n(17);
    assert_eq!(protocols(&d), "eth:ethertype:ip:udp:vxlan:eth:ethertype:ipv6:mipv6");
    assert_eq!(uint(&d, "vxlan.flags"), 0x0800);
    assert!(flag(&d, "vxlan.flag_i") && !flag(&d, "vxlan.flag_g"));
    assert_eq!(uint(&d, "vxlan.gbp"), 0);
    assert_eq!(uint(&d, "vxlan.vni"), 5000);
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 30);
    assert!(flag(&d, "mip6.bu.p_flag"));
    assert_eq!(d.find_all("eth.src").count(), 2);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));

    let d = dissect_n(18);
    assert_eq!(uint(&d, "mip6.ba.seqnr"), 30);

    let d = dissect_n(19);
    assert_eq!(protocols(&d), "eth:ethertype:ip:udp:vxlan:ipv6:mipv6");
    assert_eq!(uint(&d, "vxlan.flags"), 0x0c);
    assert_eq!((uint(&d, "vxlan.i_bit"), uint(&d, "vxlan.p_bit"), uint(&d, "vxlan.o_bit")), (1, 1, 0));
    assert_eq!(uint(&d, "vxlan.next_proto"), 2);
    assert_eq!(uint(&d, "vxlan.vni"), 6000);
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 30);

    let d = dissect_n(20);
    assert_eq!(protocols(&d), "eth:ethertype:ip:udp:vxlan:eth:ethertype:ipv6:mipv6");
    assert_eq!(uint(&d, "vxlan.next_proto"), 3);

    let d = dissect_n(21);
    assert_eq!(protocols(&d), "eth:ethertype:ip:udp:vxlan:ip:udp:mipv6");
    assert_eq!(uint(&d, "vxlan.vni"), 6001);
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 31);
}

/// The `-T fields` text of the first `f` node.
fn cell(d: &Dissection, data: &[u8], f: &str) -> String {
    let mut s = String::new();
    dissect::output::write_field_value(&mut s, d, data, d.find(f).unwrap_or_else(|| panic!("no {f}")));
    s
}

/// A VXLAN or VXLAN-GPE frame of the fixture with its first header octets replaced (flags,
/// and for GPE the Next Protocol) and the UDP checksum zeroed (RFC 768: none computed).
fn vxlan_variant(n: usize, patch: &[(usize, u8)]) -> Vec<u8> {
    let (_, mut f) = frame(n);
    f[14 + 20 + 6..14 + 20 + 8].copy_from_slice(&[0, 0]);
    for &(at, v) in patch {
        f[14 + 20 + 8 + at] = v;
    }
    f
}

/// VXLAN-GPE's one-octet flags are their own row of `vxlan.flags` (tshark registers the name
/// twice): 0x0c, as tshark prints it, not the 16-bit 0x000c.
#[test]
fn vxlan_gpe_flags_are_one_octet() {
    let (_, data) = frame(19);
    let d = dissect_n(19);
    assert_eq!(cell(&d, &data, "vxlan.flags"), "0x0c");
    assert_eq!(d.find("vxlan.flags").unwrap().len, 1);
    assert_eq!(cell(&d, &data, "vxlan.flags_reserved"), "0", "tshark: 0");
    let (_, data) = frame(17);
    let d = dissect_n(17);
    assert_eq!(cell(&d, &data, "vxlan.flags"), "0x0800", "plain VXLAN keeps the 16-bit row");
}

/// Regression: VXLAN-GPE took the inner protocol from Next Protocol even with P clear (the
/// field is present only when P is set, draft-ietf-nvo3-vxlan-gpe; without it the payload is
/// Ethernet, as VXLAN's); a Version other than 0 and a plain VXLAN I flag of 0 (RFC 7348 §5:
/// MUST be 1) went unflagged.
#[test]
fn vxlan_flag_rules() {
    // Frame 20 (GPE, Next Protocol 3, inner Ethernet) with P cleared and Next Protocol 2.
    let f = vxlan_variant(20, &[(0, 0x08), (3, 2)]);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert_eq!(protocols(&d), "eth:ethertype:ip:udp:vxlan:eth:ethertype:ipv6:mipv6");
    assert_eq!(uint(&d, "vxlan.p_bit"), 0);
    assert_eq!(uint(&d, "vxlan.next_proto"), 2, "shown, not used");
    assert_eq!(uint(&d, "mip6.ba.seqnr"), 30);
    assert_eq!(experts(&d), ["check.vxlan_gpe.p_clear"]);

    // Version 1 (bits 0x30 = 01).
    let f = vxlan_variant(19, &[(0, 0x1c)]);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert_eq!(uint(&d, "vxlan.ver"), 1);
    assert_eq!(experts(&d), ["check.vxlan_gpe.version"]);
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 30, "decoding goes on");

    // Plain VXLAN (frame 17) with I clear.
    let f = vxlan_variant(17, &[(0, 0x00)]);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert!(!flag(&d, "vxlan.flag_i"));
    assert_eq!(experts(&d), ["check.rfc7348.i_flag"]);
    assert_eq!(d.experts[0].offset, 14 + 20 + 8);
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 30);
}

/// The packet list (no tree) gives the same columns and expert items as a full dissection.
#[test]
fn packet_list_columns_match_the_full_tree() {
    for (m, data) in frames() {
        let mut full = Dissection::new();
        dissect::dissect_frame(&mut full, &data, &m, &Prefs::default());
        let mut cols = Dissection::new();
        let state = CaptureState::default();
        dissect::dissect_frame_want(&state, Want::Columns, &mut cols, &data, &m, &Prefs::default());
        assert_eq!(cols.cols.info, full.cols.info, "frame {}", m.number);
        assert_eq!(cols.cols.protocol, full.cols.protocol, "frame {}", m.number);
        assert_eq!(experts(&cols), experts(&full), "frame {}", m.number);
    }
}

/// Every cut of every frame, as a snap length or as a lying length, dissects without a panic;
/// a cut TCP header is reported.
#[test]
fn every_cut_of_every_frame() {
    let prefs = Prefs::default();
    let mut d = Dissection::new();
    for (m, data) in frames() {
        for cut in 0..data.len() {
            for wire in [cut, data.len()] {
                let meta = FrameMeta { wire_len: wire as u32, ..m };
                dissect::dissect_frame(&mut d, &data[..cut], &meta, &prefs);
                for n in &d.nodes {
                    assert!((n.offset + n.len) as usize <= cut, "frame {} cut {cut}: {} past the bytes", m.number, n.def.abbrev);
                }
            }
        }
    }
    // Frame 4 cut inside the TCP header (Ethernet 14 + IPv4 20 + 10): the ports and sequence
    // number are shown, then the cut.
    let (m, data) = frame(4);
    let meta = FrameMeta { wire_len: data.len() as u32, ..m };
    dissect::dissect_frame(&mut d, &data[..44], &meta, &prefs);
    assert_eq!(uint(&d, "tcp.srcport"), 40000);
    assert_eq!(uint(&d, "tcp.seq"), 0xa000_0000);
    assert!(experts(&d).contains(&"_ws.malformed.snapped"), "{:?}", experts(&d));
    // Cut inside the options: the options seen so far, then the cut; the checksum unverified.
    // The cut is the capture's, reported once by its cause: not a short segment, not an
    // invalid option length.
    dissect::dissect_frame(&mut d, &data[..14 + 20 + 27], &meta, &prefs);
    assert_eq!(uints(&d, "tcp.option_kind"), [2, 4]);
    assert_eq!(uint(&d, "tcp.checksum.status"), 2);
    assert_eq!(experts(&d), ["frame.snapped", "tcp.connection.syn", "_ws.malformed.snapped"]);
}

/// Regression: a snap-length cut anywhere inside the TCP options (frame 4: a 40-octet SYN
/// header) was reported as a malformed segment (tcp.short_segment, tcp.option.len.invalid).
#[test]
fn snap_length_cut_inside_the_options_is_the_cut() {
    let (m, data) = frame(4);
    assert_eq!(data.len(), 14 + 20 + 40);
    let meta = FrameMeta { wire_len: data.len() as u32, ..m };
    let mut d = Dissection::new();
    for cut in 14 + 20 + 20..data.len() {
        dissect::dissect_frame(&mut d, &data[..cut], &meta, &Prefs::default());
        assert_eq!(experts(&d), ["frame.snapped", "tcp.connection.syn", "_ws.malformed.snapped"], "cut at {cut}");
        assert_eq!(
            d.experts[2].offset as usize,
            14 + 20 + 20 + [0, 4, 6, 16, 17].iter().rev().find(|&&o| 14 + 20 + 20 + o <= cut).unwrap(),
            "cut at {cut}: at the option the bytes ran out in"
        );
        assert_eq!(uint(&d, "tcp.hdr_len"), 40);
        assert_eq!(uint(&d, "tcp.checksum.status"), 2);
    }
}

/// Regression: tcp.len, tcp.nxtseq and Info's Len= counted the captured octets. RFC 9293 §3.1:
/// the segment length is the IP payload's (tshark takes it from the IP header too), so a
/// snap length changes none of them.
#[test]
fn segment_length_comes_from_the_ip_header_not_the_capture() {
    let prefs = Prefs::default();
    let mut d = Dissection::new();
    // Frame 1: IPv6 with a Home Address option, 16 data octets; frame 7: IPv4, 8 data octets.
    for (n, len, nxt) in [(1, 16, 0x1000_0010), (7, 8, 0xb000_0009)] {
        let (m, data) = frame(n);
        let meta = FrameMeta { wire_len: data.len() as u32, ..m };
        let hdr_end = data.len() - len as usize;
        for cut in hdr_end..data.len() {
            dissect::dissect_frame(&mut d, &data[..cut], &meta, &prefs);
            assert_eq!(uint(&d, "tcp.len"), len, "frame {n} cut at {cut}");
            assert_eq!(uint(&d, "tcp.nxtseq"), nxt, "frame {n} cut at {cut}");
            assert!(d.cols.info.contains(&format!(" Len={len}")), "frame {n} cut at {cut}: {}", d.cols.info);
            assert_eq!(uint(&d, "tcp.checksum.status"), 2, "unverified");
            assert_eq!(experts(&d), ["frame.snapped"], "frame {n} cut at {cut}: the data are cut, no header");
            assert_eq!(d.find("data.data").map_or(0, |x| x.len as usize), cut - hdr_end);
        }
    }
    // Cut inside the header's options, the segment length is still the IP header's.
    let (m, data) = frame(7);
    let meta = FrameMeta { wire_len: data.len() as u32, ..m };
    dissect::dissect_frame(&mut d, &data[..14 + 20 + 30], &meta, &prefs);
    assert_eq!(uint(&d, "tcp.len"), 8);
    assert!(d.cols.info.contains(" Len=8"), "{}", d.cols.info);
}

/// The fixture's snapped frames, as tshark decodes them: frame 22 (frame 1 cut in its data)
/// and frame 23 (frame 7 cut inside its SACK option: what was captured of it, then the cut).
#[test]
fn snapped_fixture_frames() {
    let d = dissect_n(22);
    assert_eq!(uint(&d, "tcp.len"), 16);
    assert_eq!(uint(&d, "tcp.nxtseq"), 0x1000_0010);
    assert_eq!(d.find("data.data").unwrap().len, 6);
    assert_eq!(experts(&d), ["frame.snapped"]);
    assert_eq!(d.cols.info, "40000 → 50007 [PSH, ACK] Seq=268435456 Ack=536870912 Win=512 Len=16 TSval=1000 TSecr=2000");

    let d = dissect_n(23);
    assert_eq!(uint(&d, "tcp.len"), 8);
    assert_eq!(uint(&d, "tcp.nxtseq"), 0xb000_0009);
    assert_eq!(uints(&d, "tcp.option_kind"), [1, 1, 8, 1, 1, 5]);
    assert_eq!(uints(&d, "tcp.option_len"), [10, 18]);
    assert_eq!(uints(&d, "tcp.options.sack_le"), [0xa000_0101], "tshark: the one edge captured");
    assert!(d.find("tcp.options.sack.count").is_none());
    assert_eq!(experts(&d), ["frame.snapped", "_ws.malformed.snapped"]);
    assert_eq!(d.experts[1].offset, 14 + 20 + 20 + 14, "at the SACK option");
    assert!(d.find("data").is_none());
}

/// Regression: an ICMPv6 error may quote as much of the invoking packet as fits (RFC 4443
/// §2.4(c)); a quote ending inside the TCP options is that allowed cut (one note), not a
/// malformed segment.
#[test]
fn quote_cut_inside_the_options_is_the_allowed_cut() {
    let opts = [1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 4, 2, 1, 1, 1, 0];
    let whole = segment6(&opts);
    for tcp_octets in 20..40 {
        let inner = &whole[..40 + tcp_octets];
        let mut msg = vec![1, 4, 0, 0, 0, 0, 0, 0];
        msg.extend_from_slice(inner);
        let c = checksum::compute(checksum::pseudo6(&ip6(CN), &ip6(COA), msg.len() as u32, 58), &msg);
        msg[2..4].copy_from_slice(&c.to_be_bytes());
        let d = dissect_bytes(&ipv6(CN, COA, 58, &msg), 229, &Prefs::default());
        assert_eq!(uint(&d, "tcp.hdr_len"), 40);
        assert_eq!(experts(&d), ["icmpv6.invoking.truncated"], "{tcp_octets} TCP octets quoted");
    }
}

/// A TCP segment (ACK, window 100) with `opts` and a correct checksum, in IPv6.
fn segment6(opts: &[u8]) -> Vec<u8> {
    let hl = 20 + opts.len();
    assert_eq!(hl % 4, 0);
    let mut s = vec![0x9c, 0x40, 0xc3, 0x57, 0, 0, 0, 1, 0, 0, 0, 2, ((hl / 4) << 4) as u8, 0x10, 0, 100, 0, 0, 0, 0];
    s.extend_from_slice(opts);
    let c = tcp_sum6(COA, CN, &s);
    s[16..18].copy_from_slice(&c.to_be_bytes());
    ipv6(COA, CN, 6, &s)
}

#[test]
fn option_lengths_that_do_not_fit() {
    // (options, option kinds shown, expert raised)
    let cases: &[(&[u8], &[u64], &str)] = &[
        (&[1, 1, 1, 2], &[1, 1, 1], "tcp.option.len.invalid"),
        (&[2, 0, 0, 0], &[], "tcp.option.len.invalid"),
        (&[2, 1, 0, 0], &[], "tcp.option.len.invalid"),
        (&[1, 2, 9, 0, 0, 0, 0, 0], &[1], "tcp.option.len.invalid"),
        (&[2, 3, 5, 0], &[2, 0], "tcp.option.len.invalid"),
        (&[5, 4, 0, 0], &[5], "tcp.option.len.invalid"),
        (&[0, 0, 1, 0], &[0, 0], "tcp.non_zero_bytes_after_eol"),
    ];
    for (opts, kinds, expert) in cases {
        let d = dissect_bytes(&segment6(opts), 229, &Prefs::default());
        assert_eq!(uints(&d, "tcp.option_kind"), *kinds, "{opts:02x?}");
        assert_eq!(experts(&d), [*expert], "{opts:02x?}");
        assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    }
}

/// MSS (RFC 9293 §3.2, MUST-65) and Window Scale (RFC 7323 §2.2) belong in SYN segments only:
/// the handshake's (frames 4 and 5) raise nothing, the same options on an ACK are flagged.
#[test]
fn mss_and_window_scale_outside_syn() {
    assert_eq!(experts(&dissect_n(4)), ["tcp.connection.syn"]);
    assert_eq!(experts(&dissect_n(5)), ["tcp.connection.synack"]);
    let d = dissect_bytes(&segment6(&[2, 4, 5, 0xb4, 1, 3, 3, 7]), 229, &Prefs::default());
    assert_eq!(uint(&d, "tcp.options.mss_val"), 1460);
    assert_eq!(experts(&d), ["check.rfc9293.mss_without_syn", "check.rfc7323.wscale_without_syn"]);
    assert_eq!(d.experts[0].offset, 40 + 20);
    assert_eq!(d.experts[1].offset, 40 + 25);
}

#[test]
fn tcp_quoted_in_an_icmpv6_error_shows_ports_and_sequence() {
    // Destination Unreachable quoting the IPv6 header and 8 octets of a TCP segment.
    let inner = ipv6(COA, CN, 6, &hex("9c40c3570000002a"));
    let mut msg = vec![1, 4, 0, 0, 0, 0, 0, 0];
    msg.extend_from_slice(&inner);
    // The quoted IPv6 header claims the whole original segment (Payload Length 8 is all we
    // quote here, so make it claim 40).
    msg[8 + 4..8 + 6].copy_from_slice(&40u16.to_be_bytes());
    let c = checksum::compute(checksum::pseudo6(&ip6(CN), &ip6(COA), msg.len() as u32, 58), &msg);
    msg[2..4].copy_from_slice(&c.to_be_bytes());
    let d = dissect_bytes(&ipv6(CN, COA, 58, &msg), 229, &Prefs::default());
    assert_eq!(uint(&d, "tcp.srcport"), 40000);
    assert_eq!(uint(&d, "tcp.seq"), 42);
    assert_eq!(experts(&d), ["icmpv6.invoking.truncated"]);
    assert_eq!(d.cols.protocol, "ICMPv6", "the error keeps its own columns");
}

#[test]
fn vxlan_counts_against_the_nesting_limit() {
    let (_, data) = frame(17);
    // The VXLAN datagram (IPv4 onwards) inside IPv4-in-IPv6: one tunnel for 4in6, one for VXLAN.
    let d = dissect_bytes(&ipv6(COA, CN, 4, &data[14..]), 229, &Prefs::build(None, &["ip.max_nesting=1".into()]).unwrap());
    assert!(experts(&d).contains(&"_ws.malformed.depth_limit"), "{:?}", experts(&d));
    assert!(d.find("vxlan.vni").is_some() && d.find("mip6.bu.seqnr").is_none());
    let d = dissect_bytes(&ipv6(COA, CN, 4, &data[14..]), 229, &Prefs::build(None, &["ip.max_nesting=2".into()]).unwrap());
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 30);
}

#[test]
fn pppoe_length_past_the_frame_and_compressed_ppp_protocol() {
    // Ethernet, PPPoE session with LENGTH 40 but 12 octets of payload.
    let mut f = hex("020000000030020000000001886411001234");
    f.extend_from_slice(&40u16.to_be_bytes());
    f.extend_from_slice(&hex("4021000102030405060708090a"));
    f.truncate(14 + 6 + 12);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert_eq!(experts(&d), ["pppoe.payload_length.bad"]);
    assert_eq!(uint(&d, "ppp.protocol"), 0x4021);
    // Protocol-Field-Compression (RFC 1661 §6.5): the one-octet protocol 0x21 is IPv4.
    let ip = hex("450000140001000040ff00000a0000010a000002");
    let mut ip = ip.clone();
    let c = checksum::compute(0, &ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    let mut f = hex("020000000030020000000001886411001234");
    f.extend_from_slice(&((1 + ip.len()) as u16).to_be_bytes());
    f.push(0x21);
    f.extend_from_slice(&ip);
    let d = dissect_bytes(&f, 1, &Prefs::default());
    assert_eq!(uint(&d, "ppp.protocol"), 0x21);
    assert_eq!(d.find("ppp.protocol").unwrap().len, 1);
    assert_eq!(protocols(&d), "eth:ethertype:pppoes:ppp:ip");
}

#[test]
fn tcp_over_ipv6_matches_the_known_answer() {
    // An IPv6 segment with no options, checksum computed here by hand from RFC 8200 §8.1.
    let p = segment6(&[]);
    let d = dissect_bytes(&p, 229, &Prefs::default());
    let seg = &p[40..];
    let mut pseudo = Vec::new();
    pseudo.extend_from_slice(&ip6(COA));
    pseudo.extend_from_slice(&ip6(CN));
    pseudo.extend_from_slice(&(seg.len() as u32).to_be_bytes());
    pseudo.extend_from_slice(&[0, 0, 0, 6]);
    pseudo.extend_from_slice(seg);
    assert_eq!(checksum::finish(checksum::sum(&pseudo, 0)), 0);
    assert_eq!(uint(&d, "tcp.checksum.status"), 1);
    assert_eq!(d.cols.info, "40000 → 50007 [ACK] Seq=1 Ack=2 Win=100 Len=0");
    assert!(d.find("tcp.options").is_none());
}

/// The three reserved bits are one flag (tshark's FT_BOOLEAN with mask 0x0e00), but its tree
/// line shows them as sent: `100.` for 0x810, `001.` for 0x210, as tshark 4.0 prints them. The
/// line was drawn from the truth value (`001.` whatever the bits) and cached by it.
#[test]
fn reserved_bits_are_drawn_as_sent() {
    let (m, base) = frame(6);
    let (tcp, _) = tcp_span(&dissect_n(6));
    let mut out = String::new();
    for (word, picture) in [
        (0x0810u16, "100. .... .... = Reserved: Set"),
        (0x0210, "001. .... .... = Reserved: Set"),
        (0x0e10, "111. .... .... = Reserved: Set"),
        (0x0010, "000. .... .... = Reserved: Not set"),
    ] {
        let mut data = base.clone();
        let w = u16::from_be_bytes([data[tcp + 12], data[tcp + 13]]) & 0xf000 | word;
        data[tcp + 12..tcp + 14].copy_from_slice(&w.to_be_bytes());
        let mut d = Dissection::new();
        dissect::dissect_frame(&mut d, &data, &m, &Prefs::default());
        out.clear();
        dissect::output::write_tree(&mut out, &d, &data);
        assert!(out.lines().any(|l| l.trim() == picture), "0x{word:03x}: {out}");
    }
}

/// A PPPoE LENGTH one octet longer than the frame is reported, but the IPv4 datagram inside is
/// whole, so what it carries is still checked, as tshark 4.0 checks it: the lying LENGTH once
/// left the ICMP echo's checksum unverified ("message cut short").
#[test]
fn a_pppoe_length_past_the_frame_leaves_a_whole_datagram_checked() {
    let mut icmp = vec![8, 0, 0, 0, 0, 1, 0, 1, b'a', b'b', b'c', b'd'];
    let c = checksum::compute(0, &icmp);
    icmp[2..4].copy_from_slice(&c.to_be_bytes());
    let mut ip = vec![0x45, 0, 0, 32, 0, 1, 0x40, 0, 64, 1, 0, 0, 192, 0, 2, 1, 198, 51, 100, 1];
    let c = checksum::compute(0, &ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    let ppp_len = 2 + ip.len() + icmp.len();
    let frame = [2, 0, 0, 0, 0, 0x30, 2, 0, 0, 0, 0, 1, 0x88, 0x64, 0x11, 0, 0x12, 0x34];
    for (lie, status) in [(0, 1), (1, 1)] {
        let mut f = frame.to_vec();
        f.extend_from_slice(&((ppp_len + lie) as u16).to_be_bytes());
        f.extend_from_slice(&[0x00, 0x21]);
        f.extend_from_slice(&ip);
        f.extend_from_slice(&icmp);
        let d = dissect_bytes(&f, 1, &Prefs::default());
        assert_eq!(experts(&d).contains(&"pppoe.payload_length.bad"), lie > 0, "{:?}", experts(&d));
        assert_eq!(uint(&d, "icmp.checksum.status"), status, "LENGTH {lie} too long");
    }
}

/// A TCP header whose IP length leaves 16 octets (found by a differential review helper):
/// tshark 4.0.17 shows the acknowledgment number, header length, flags and window that are
/// there, and writes the Info and the protocol line as for a whole header; mipscope stopped
/// after the sequence number. (Raw IPv4, LINKTYPE 228; the frame's bytes from that review.)
#[test]
fn a_16_octet_tcp_header_shows_every_field_it_holds() {
    let data = common::hex("450000240001400040064e45c000020ac6336450272307d00000000100000005501003e8cb9a000061626364");
    let d = dissect_bytes(&data, 228, &Prefs::default());
    assert_eq!(common::uint(&d, "tcp.seq"), 1);
    assert_eq!(common::uint(&d, "tcp.ack"), 5);
    assert_eq!(common::uint(&d, "tcp.hdr_len"), 20);
    assert_eq!(common::uint(&d, "tcp.flags"), 0x010);
    assert_eq!(common::uint(&d, "tcp.window_size_value"), 1000);
    assert!(d.cols.info.starts_with("10019 → 2000 [ACK] Seq=1 Ack=5 Win=1000"), "{}", d.cols.info);
    assert!(d.find("tcp.checksum").is_none(), "the checksum is not in the 16 octets");
    // With 12 octets: ports, sequence and acknowledgment numbers, and the Info of the ports.
    let mut cut = data.clone();
    cut[3] = 32;
    let d = dissect_bytes(&cut[..32], 228, &Prefs::default());
    assert_eq!((common::uint(&d, "tcp.seq"), common::uint(&d, "tcp.ack")), (1, 5));
    assert!(d.find("tcp.flags").is_none());
    assert_eq!(d.cols.info, "10019 → 2000");
}
