//! IP packets of another version than their carrier names, and IP headers shorter than a
//! header (`captures/crafted/ip-versions.pcapng`, by `captures/make_fixtures_ipver.py`). The
//! expected values are tshark 4.0.17's for the same frames (`-T fields -e frame.protocols
//! -e _ws.col.Protocol -e _ws.col.Info`, `-T pdml` for the expert items). Before, mipscope
//! read every such packet on as if its version were right (an IPv4 datagram under EtherType
//! IPv6 was "cut short", a version 5 header decoded to its end, a raw packet of version 7
//! read as IPv4).

mod common;

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;

fn frames() -> Vec<(FrameMeta, Vec<u8>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/ip-versions.pcapng");
    let mut v = Vec::new();
    dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, d| {
        v.push((*m, d.to_vec()));
        true
    })
    .unwrap();
    v
}

/// Frame number, frame.protocols, Protocol column, Info column, expert items (in order).
const TSHARK: &[(u32, &str, &str, &str, &[&str])] = &[
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
];

#[test]
fn versions_and_short_headers_read_as_tshark_reads_them() {
    let frames = frames();
    assert_eq!(frames.len(), TSHARK.len());
    let prefs = Prefs::default();
    for ((meta, data), &(n, protocols, proto_col, info, experts)) in frames.iter().zip(TSHARK) {
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
}
