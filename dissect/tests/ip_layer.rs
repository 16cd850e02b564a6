//! The IP layer where it is not the usual, against tshark 4.0.17's reading of the same frames
//! (`-T fields -e frame.protocols -e _ws.col.Protocol -e _ws.col.Info`, `-T pdml` for the
//! expert items):
//! - IP packets of another version than their carrier names, and IP headers shorter than a
//!   header (`captures/crafted/ip-versions.pcapng`, by `captures/make_fixtures_ipver.py`).
//!   Before, mipscope read every such packet on as if its version were right (an IPv4 datagram
//!   under EtherType IPv6 was "cut short", a version 5 header decoded to its end, a raw packet
//!   of version 7 read as IPv4), and each carrier fell back the same way;
//! - what IP carries when it is not the usual (`captures/crafted/ip-payloads.pcapng`, by
//!   `captures/make_fixtures_ippayload.py`): AH and ESP over IPv4 (data before), protocols
//!   nothing decodes (Info empty or "IPv6 unknown next header" before), Total Length 0 (TSO)
//!   and below the header, an empty payload (a cut UDP header before), UDP lengths that cannot
//!   be, an unreassembled fragment ("proto=17" before), ICMPv6 error codes and an echo's hop
//!   limit (neither in Info before).

mod common;

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;

fn fixture(name: &str) -> Vec<(FrameMeta, Vec<u8>)> {
    let path = format!("{}/../captures/crafted/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut v = Vec::new();
    dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, d| {
        v.push((*m, d.to_vec()));
        true
    })
    .unwrap();
    v
}

fn frames() -> Vec<(FrameMeta, Vec<u8>)> {
    fixture("ip-versions.pcapng")
}

/// Frame number, frame.protocols, Protocol column, Info column, expert items (in order).
type Row = (u32, &'static str, &'static str, &'static str, &'static [&'static str]);

const TSHARK: &[Row] = &[
    (1, "eth:ethertype:data", "0x86dd", "IPv6", &["ipv6.bogus_ipv6_version"]),
    (2, "eth:ethertype:data", "0x86dd", "IPv6", &["ipv6.bogus_ipv6_version"]),
    (3, "eth:ethertype:ip", "IPv4", "Bogus IPv4 version (5, must be 4)", &["ip.bogus_ip_version"]),
    (4, "eth:ethertype:ip", "IPv4", "Bogus IPv4 version (0, must be 4)", &["ip.bogus_ip_version"]),
    (5, "eth:ethertype:ip:ipv6", "IPv6", "IPv6 no next header", &["ip.bogus_ip_version"]),
    (6, "eth:ethertype:ip:data", "IPv6", "IPv6 (41)", &["ipv6.bogus_ipv6_version"]),
    (7, "eth:ethertype:ipv6:data", "IPv6", "Unknown IP Protocol: IPv6 (41)", &["ipv6.bogus_ipv6_version"]),
    (8, "eth:ethertype:ip:gre:data", "IPv6", "Bogus IPv6 version (5, must be 6)", &["ipv6.bogus_ipv6_version"]),
    (9, "eth:ethertype:ipv6:ip", "IP", "Bogus IP version (5)", &["ip.bogus_ip_version"]),
    (10, "eth:ethertype:ip:gre:ip:ipv6", "IPv6", "IPv6 no next header", &[]),
    (11, "eth:ethertype:ip:ip:ipv6", "IPv6", "IPv6 no next header", &[]),
    (
        12,
        "eth:ethertype:ip:ipv6",
        "IPv6",
        "Invalid IPv6 header (20 bytes, need exactly 40)",
        &["ipv6.invalid_header", "_ws.malformed"],
    ),
    (13, "eth:ethertype:ip", "IPv4", "Bogus IP header length (12, must be at least 20)", &["ip.bogus_header_length"]),
    (14, "raw:data", "N/A", "Raw packet data", &[]),
    (15, "raw:data", "N/A", "Raw packet data", &[]),
    (16, "raw:ip", "IPv4", "Bogus IP header length (12, must be at least 20)", &["ip.bogus_header_length"]),
    (17, "raw:ipv6", "IPv6", "IPv6 no next header", &[]),
    (18, "null:ip", "IP", "Bogus IP version (5)", &["ip.bogus_ip_version"]),
    (19, "null:data", "IPv6", "Bogus IPv6 version (5, must be 6)", &["ipv6.bogus_ipv6_version"]),
    (20, "ip", "IP", "Bogus IP version (5)", &["ip.bogus_ip_version"]),
    // tshark lists no protocol at all here (its LINKTYPE_IPV6 dissector refuses the packet).
    (21, "", "IPv6", "Bogus IPv6 version (5, must be 6)", &["ipv6.bogus_ipv6_version"]),
    (22, "eth:ethertype:pppoes:ppp:data", "0x0057", "PPP Internet Protocol version 6 (0x0057)", &["ipv6.bogus_ipv6_version"]),
    (23, "eth:ethertype:pppoes:ppp:ip", "IP", "Bogus IP version (5)", &["ip.bogus_ip_version"]),
    (24, "eth:ethertype:pppoes:ppp:ip:ipv6", "IPv6", "IPv6 no next header", &[]),
    // The quote's cut is mipscope's own note besides tshark's item.
    (
        25,
        "eth:ethertype:ip:icmp:ip:ipv6",
        "ICMP",
        "Destination unreachable (Host unreachable)",
        &["ipv6.invalid_header", "icmp.invoking.truncated"],
    ),
    // tshark's Info is "[Malformed Packet]" alone, which mipscope writes after the columns.
    (26, "eth:ethertype:ip", "IPv4", "", &["ip.bogus_ip_length", "_ws.malformed"]),
];

/// `ip-payloads.pcapng`: tshark's columns; the expert items are mipscope's own (tshark raises
/// few on these frames, a cut as an exception), and the Info of frame 15 names the code as
/// RFC 4443 does where tshark writes "Port unreachable".
const PAYLOADS: &[Row] = &[
    (1, "eth:ethertype:ip:ah:udp:data", "UDP", "1234 → 5678 Len=6", &[]),
    (2, "eth:ethertype:ip:ah:esp", "ESP", "ESP (SPI=0x00000200)", &[]),
    (3, "eth:ethertype:ip:esp", "ESP", "ESP (SPI=0x00000300)", &[]),
    (4, "eth:ethertype:ip:ah", "AH", "AH (SPI=0x00000000)", &["ipv6.ext.len.invalid"]),
    (5, "eth:ethertype:ip:data", "IPv4", "Unassigned (200)", &[]),
    (6, "eth:ethertype:ipv6:data", "IPv6", "Unknown IP Protocol: Unassigned (200)", &[]),
    (7, "eth:ethertype:ip:udp:data", "UDP", "1234 → 5678 Len=6", &[]),
    (8, "eth:ethertype:ip", "IPv4", "Bogus IP length (19, less than header length 20)", &["ip.bogus_ip_length"]),
    (9, "eth:ethertype:ip", "IPv4", "", &[]),
    (10, "eth:ethertype:ip:udp:data", "UDP", "1234 → 5678 [BAD UDP LENGTH 20 > IP PAYLOAD LENGTH] Len=12", &["udp.length.bad"]),
    (11, "eth:ethertype:ip:udp", "UDP", "1234 → 5678 [BAD UDP LENGTH 4 < 8]", &["udp.length.bad"]),
    (12, "eth:ethertype:ipv6:udp:data", "UDP", "1234 → 5678 Len=6 [ILLEGAL CHECKSUM (0)]", &["udp.checksum.zero"]),
    (13, "eth:ethertype:ip:data", "IPv4", "Fragmented IP protocol (proto=UDP 17, off=0, ID=1234)", &[]),
    (14, "eth:ethertype:ipv6:icmpv6:ipv6", "ICMPv6", "Destination Unreachable (no route to destination)", &[]),
    (15, "eth:ethertype:ipv6:icmpv6:ipv6", "ICMPv6", "Destination Unreachable (Port unreachable)", &[]),
    (16, "eth:ethertype:ipv6:icmpv6:ipv6", "ICMPv6", "Destination Unreachable (Unknown)", &[]),
    (17, "eth:ethertype:ipv6:icmpv6:ipv6", "ICMPv6", "Time Exceeded (fragment reassembly time exceeded)", &[]),
    (18, "eth:ethertype:ipv6:icmpv6:ipv6", "ICMPv6", "Time Exceeded (Unknown (2))", &[]),
    (19, "eth:ethertype:ipv6:icmpv6:ipv6", "ICMPv6", "Parameter Problem (unrecognized IPv6 option encountered)", &[]),
    (20, "eth:ethertype:ipv6:icmpv6:data", "ICMPv6", "Echo (ping) request id=0x0007, seq=1, hop limit=64", &[]),
    // Found by review (each differed): the Ethernet padding after a packet of no octets read as
    // its version; a quote's short IPv4 header called an error; AH's Info replaced by IPv4's
    // fallback, and an empty payload after AH handed to nothing; IPv6's UDP Length 0 called
    // malformed; an outer IPv6 header's hop limit after IPv4; a cut AH's protocol column.
    (21, "eth:ethertype:pppoes:ppp:ip", "PPPoES", "Session Data", &["_ws.malformed"]),
    (22, "eth:ethertype:ip:icmp:ip", "ICMP", "Destination unreachable (Port unreachable)", &["icmp.invoking.truncated"]),
    (23, "eth:ethertype:ip:ah:data", "AH", "AH (SPI=0x00000102)", &[]),
    (24, "eth:ethertype:ip:ah:udp", "AH", "AH (SPI=0x00000103)", &["_ws.malformed"]),
    (25, "eth:ethertype:ipv6:udp:data", "UDP", "1 → 2 Len=5 [Jumbogram]", &["udp.length.bad_zero"]),
    (26, "eth:ethertype:ipv6:ip:icmpv6:data", "ICMPv6", "Echo (ping) request id=0x0009, seq=1", &["icmpv6.checksum_bad.expert"]),
    (27, "eth:ethertype:ip:ah", "AH", "", &["ipv6.ext.len.invalid"]),
    // IPv6's Info is its last extension header's name when nothing after says more, nothing
    // without one (before: "IPv6 IPv6 Hop-by-Hop Option", "IPv6 UDP"); a cut extension header
    // is a layer; TCP names the column once its ports are read.
    (28, "eth:ethertype:ipv6:ipv6.hopopts:udp", "IPv6", "IPv6 hop-by-hop options", &["_ws.malformed"]),
    (29, "eth:ethertype:ipv6:ipv6.dstopts:udp", "IPv6", "IPv6 destination options", &["_ws.malformed"]),
    (30, "eth:ethertype:ipv6:ipv6.routing:udp", "IPv6", "IPv6 routing", &["_ws.malformed"]),
    (31, "eth:ethertype:ipv6:ipv6.hopopts", "IPv6", "IPv6 hop-by-hop options", &["ipv6.ext.len.invalid"]),
    (32, "eth:ethertype:ipv6:udp", "IPv6", "", &["_ws.malformed"]),
    (33, "eth:ethertype:ipv6:tcp", "IPv6", "", &["_ws.malformed"]),
    (34, "eth:ethertype:ipv6:tcp", "TCP", "1 → 2", &["_ws.malformed"]),
    // A Payload Length of 0 outside a jumbogram is an empty payload, noted, as tshark reads it
    // (`ipv6.tso_support` off); before, the framing gave the payload. Nothing to note before
    // No Next Header.
    (35, "eth:ethertype:ipv6:udp", "IPv6", "", &["eth.padding_bad", "ipv6.plen_zero", "_ws.malformed"]),
    (36, "eth:ethertype:ipv6:icmpv6", "ICMPv6", "", &["eth.padding_bad", "ipv6.plen_zero", "_ws.malformed"]),
    (37, "eth:ethertype:ipv6", "IPv6", "IPv6 no next header", &[]),
];

#[test]
fn versions_and_short_headers_read_as_tshark_reads_them() {
    check(&frames(), TSHARK);
}

#[test]
fn unusual_payloads_read_as_tshark_reads_them() {
    check(&fixture("ip-payloads.pcapng"), PAYLOADS);
}

fn check(frames: &[(FrameMeta, Vec<u8>)], rows: &[Row]) {
    assert_eq!(frames.len(), rows.len());
    let prefs = Prefs::default();
    for ((meta, data), &(n, protocols, proto_col, info, experts)) in frames.iter().zip(rows) {
        let mut d = Dissection::new();
        dissect::dissect_frame(&mut d, data, meta, &prefs);
        assert_eq!(d.protocols.join(":"), protocols, "frame {n}");
        assert_eq!(d.cols.protocol, proto_col, "frame {n}");
        assert_eq!(d.cols.info, info, "frame {n}");
        let ex: Vec<_> =
            common::experts(&d).into_iter().map(|e| if e.starts_with("_ws.malformed") { "_ws.malformed" } else { e }).collect();
        assert_eq!(ex, experts, "frame {n}");
    }
}

/// What is shown of a packet of the wrong version is its version alone, under the item of the
/// protocol its carrier named (tshark's tree): the IPv6 item of frame 2 holds `ipv6.version`
/// 5 and the hidden `ip.version`, and nothing after it but data; frame 9's generic item is
/// labelled "Internet Protocol, bogus version (5)" and one octet long; frame 3's IPv4 item
/// holds no address. The raw frames' address columns are tshark's "N/A".
#[test]
fn a_bogus_version_shows_the_version_alone() {
    let frames = frames();
    let prefs = Prefs::default();
    let dis = |n: usize| {
        let mut d = Dissection::new();
        dissect::dissect_frame(&mut d, &frames[n - 1].1, &frames[n - 1].0, &prefs);
        d
    };
    let d = dis(2);
    assert_eq!(common::uint(&d, "ipv6.version"), 5);
    assert_eq!(common::uint(&d, "ip.version"), 5);
    assert!(d.find("ipv6.src").is_none() && d.find("ipv6.plen").is_none());
    assert_eq!(d.find("data.data").map(|n| n.len), Some(40));
    let d = dis(9);
    let ip = d.find_all("ip").last().unwrap();
    assert_eq!(ip.len, 1);
    let mut label = String::new();
    dissect::output::write_label(&mut label, &d, &frames[8].1, ip);
    assert_eq!(label, "Internet Protocol, bogus version (5)");
    let d = dis(3);
    assert!(d.find("ip.src").is_none() && d.cols.src.is_some_and(|v| matches!(v, dissect::field::Value::Ether(_))));
    let mut line = String::new();
    let d = dis(14);
    dissect::output::write_addr(&mut line, d.cols.src);
    assert_eq!(line, "N/A");
    // Frame 12: the fields of the 20 octets that are there.
    let d = dis(12);
    assert_eq!(common::uint(&d, "ipv6.nxt"), 59);
    assert!(d.find("ipv6.src").is_none(), "the source address needs octets 8-23");
    // Frame 26: an IPv4 header cut after its source address, which names the column.
    let d = dis(26);
    assert_eq!((common::uint(&d, "ip.len"), common::uint(&d, "ip.checksum")), (35, 0x4e93));
    assert!(d.find("ip.dst").is_none());
    assert!(matches!(d.cols.src, Some(dissect::field::Value::Ipv4([192, 0, 2, 1]))));
}

/// With Wireshark's `ipv6.tso_support` on, a Payload Length of 0 is a sender's capture of what
/// its interface segments: the payload is the frame's rest (tshark 4.0.17 with
/// `-o ipv6.tso_support:TRUE`: "[Payload Length: 12 bytes (reported as 0, presumed to be because
/// of "TCP segmentation offload" (TSO))]", the UDP datagram decoded, no trailer, no note).
#[test]
fn a_zero_payload_length_is_the_frames_rest_with_tso_support() {
    let frames = fixture("ip-payloads.pcapng");
    let prefs = Prefs::build(None, &["ipv6.tso_support=TRUE".into()]).unwrap();
    let (meta, data) = &frames[34];
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, meta, &prefs);
    assert_eq!(d.protocols.join(":"), "eth:ethertype:ipv6:udp:data");
    assert_eq!(common::experts(&d), ["udp.checksum.zero"]);
    let plen = d.find("ipv6.plen").unwrap();
    assert!(plen.generated);
    assert_eq!(plen.value, dissect::field::Value::Uint(12));
    assert!(d.find("eth.trailer").is_none());
    // Before No Next Header there is nothing to segment: the four octets after the header are a
    // trailer with the preference on too (tshark's).
    let mut pkt = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd, 0x60, 0, 0, 0, 0, 0, 59, 64];
    pkt.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    pkt.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    pkt.extend_from_slice(&[1, 2, 3, 4]);
    let m = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 1, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &pkt, &m, &prefs);
    let plen = d.find("ipv6.plen").unwrap();
    assert!(!plen.generated);
    assert_eq!(plen.value, dissect::field::Value::Uint(0));
    assert_eq!((d.find("eth.trailer").unwrap().offset, d.find("eth.trailer").unwrap().len), (54, 4));
    // Off (the default), the same frame's payload is empty and the datagram a trailer.
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, meta, &Prefs::default());
    assert_eq!(d.find("ipv6.plen").unwrap().value, dissect::field::Value::Uint(0));
    assert!(d.find("eth.trailer").is_some());
}

/// RFC 2675's jumbograms (`captures/crafted/ipv6-jumbo.pcapng`, by
/// `captures/make_fixtures_jumbo.py`), with tshark 4.0.17's expert items and words for each
/// case (`-V`, `-T pdml`). Before, a Payload Length of 0 before a Hop-by-Hop header was taken for
/// a jumbogram whatever the header held, a Jumbo Payload option was never checked, and a
/// Payload Length past the frame's end was worded "does not match expected framing length:
/// payload length 100, 16 bytes available" beside the Payload Length, not under it.
#[test]
fn jumbograms_are_read_as_rfc_2675_and_tshark_say() {
    let frames = fixture("ipv6-jumbo.pcapng");
    let expected: [&[&str]; 8] = [
        &["ipv6.opt.jumbo.missing"],
        &["ipv6.opt.jumbo.missing", "ipv6.opt.jumbo.truncated"],
        &["ipv6.plen_exceeds_framing"],
        &["ipv6.opt.jumbo.truncated", "ipv6.opt.jumbo.prohibited"],
        &["ipv6.opt.jumbo.prohibited"],
        &["ipv6.plen_exceeds_framing", "ipv6.opt.jumbo.fragment"],
        &["frame.snapped"],
        &["ipv6.plen_exceeds_framing"],
    ];
    assert_eq!(frames.len(), expected.len());
    let prefs = Prefs::default();
    let mut trees = Vec::new();
    for (n, ((meta, data), want)) in frames.iter().zip(expected).enumerate() {
        let mut d = Dissection::new();
        dissect::dissect_frame(&mut d, data, meta, &prefs);
        assert_eq!(common::experts(&d), want, "frame {}", n + 1);
        // The Home Test Init is read whatever the lengths say (the jumbograms' to the frame's end).
        if n != 6 {
            assert_eq!(common::uint(&d, "mip6.hoti.cookie"), 0x6d69_7073_636f_7065, "frame {}", n + 1);
        }
        let mut tree = String::new();
        dissect::output::write_tree(&mut tree, &d, data);
        trees.push(tree);
    }
    let under_plen = |n: usize, plen: &str, expert: &str| {
        let want = format!("\n    Payload Length: {plen}\n        [Expert Info ({expert}]\n");
        assert!(trees[n - 1].contains(&want), "frame {n}:\n{}", trees[n - 1]);
    };
    let missing = "Error/Malformed): IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing";
    under_plen(1, "0", missing);
    under_plen(2, "0", missing);
    under_plen(3, "0 (Jumbogram)", "Warning/Protocol): IPv6 payload length exceeds framing length (24 bytes)");
    under_plen(6, "0 (Jumbogram)", "Warning/Protocol): IPv6 payload length exceeds framing length (32 bytes)");
    under_plen(8, "100", "Warning/Protocol): IPv6 payload length exceeds framing length (16 bytes)");
    // Frame 4: the option's value is under 65,536 (under the value), and is there at all (under
    // the option).
    assert!(trees[3].contains(
        "            Payload Length: 24\n                [Expert Info (Warning/Protocol): Jumbo Payload option present and jumbo length < 65536]\n"
    ));
    assert!(trees[3].contains(
        "\n            [Expert Info (Warning/Protocol): When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present]\n"
    ));
    // Frame 6: first in the Fragment header.
    assert!(trees[5].contains(
        "\n    Fragment Header for IPv6\n        [Expert Info (Warning/Protocol): Jumbo Payload option cannot be used with a fragment header]\n"
    ));
    // Frame 7, cut by the capture's snap length, says so alone.
    assert!(trees[6].contains("\n    Payload Length: 0 (Jumbogram)\n    Next Header"), "{}", trees[6]);
    // A whole jumbogram (frame 7's, 65,598 octets on Ethernet) ends where its option says: what
    // the frame holds after it is a trailer (an FCS here), and nothing is wrong.
    let (_, cut) = &frames[6];
    let mut pkt = cut[..14 + 40 + 8].to_vec();
    pkt.extend((0..=255u8).cycle().take(65_536));
    pkt.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 1, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &pkt, &meta, &prefs);
    assert_eq!(common::experts(&d), Vec::<&str>::new());
    assert_eq!(common::uint(&d, "ipv6.opt.jumbo"), 65_544);
    assert_eq!(d.find("data.data").map(|n| (n.offset, n.len)), Some((14 + 40 + 8, 65_536)));
    assert_eq!(common::uint(&d, "eth.fcs"), 0xdead_beef);
    let mut tree = String::new();
    dissect::output::write_tree(&mut tree, &d, &pkt);
    assert!(tree.contains("\n    Payload Length: 0 (Jumbogram)\n    Next Header"), "{tree}");
    // The frame's model reads the same extent.
    let f = dissect::stack::FrameRepr::parse(1, &pkt, &prefs);
    assert!(matches!(f.layers.last(), Some(dissect::stack::Layer::Data(d)) if d.len() == 65_536), "{:?}", f.layers.len());
}

/// What the frame cuts or the capture's snap length leaves out, as tshark 4.0.17 reads it: a
/// Hop-by-Hop header of 48 octets of which 16 are at hand still gives its Jumbo Payload option
/// (it was "missing", an error), and a Payload Length past the frame's length on the wire is said
/// whatever the capture kept (a frame cut to 80 of 1,054 octets said nothing).
#[test]
fn cut_and_snapped_frames_say_their_lengths_as_tshark_does() {
    let prefs = Prefs::default();
    let header = |plen: u16, nh: u8| {
        let mut p = common::hex("020000000002020000000001");
        p.extend_from_slice(&0x86ddu16.to_be_bytes());
        p.extend_from_slice(&common::ipv6("2001:db8:1::100", "2001:db8:3::1", nh, &[]));
        p[18..20].copy_from_slice(&plen.to_be_bytes());
        p
    };
    // Hop-by-Hop, Hdr Ext Len 5, Jumbo Payload 70,000 first, the frame ending 16 octets in.
    let mut cut = header(0, 0);
    cut.extend_from_slice(&[59, 5, 0xc2, 4, 0, 1, 0x11, 0x70]);
    cut.extend_from_slice(&[1, 6, 0, 0, 0, 0, 0, 0]);
    let meta = FrameMeta { number: 1, wire_len: cut.len() as u32, linktype: 1, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &cut, &meta, &prefs);
    assert_eq!(common::experts(&d), ["ipv6.plen_exceeds_framing", "ipv6.ext.len.invalid"]);
    let mut tree = String::new();
    dissect::output::write_tree(&mut tree, &d, &cut);
    assert!(
        tree.contains("    Payload Length: 0 (Jumbogram)\n        [Expert Info (Warning/Protocol): IPv6 payload length exceeds framing length (16 bytes)]\n"),
        "{tree}"
    );
    // Payload Length 2,000 in a frame of 1,054 octets on the wire, 80 captured.
    let mut snapped = header(2000, 59);
    snapped.resize(80, 0);
    let meta = FrameMeta { number: 1, wire_len: 1054, linktype: 1, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &snapped, &meta, &prefs);
    assert_eq!(common::experts(&d), ["frame.snapped", "ipv6.plen_exceeds_framing"]);
    assert!(d.experts.iter().any(|e| d.text_of(e.text) == "IPv6 payload length exceeds framing length (1000 bytes)"));
}
