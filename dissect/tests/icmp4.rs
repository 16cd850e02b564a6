//! ICMPv4 (RFC 792), Mobile IPv4 agent discovery (RFC 5944 §2) and ARP (RFC 826, RFC 5944
//! §4.6): the frames of captures/crafted/icmpv4-arp.pcapng (checked cell by cell against
//! tshark 4.0 by tests/tshark_compare.rs) → every field value and expert item; hand-built
//! packets for the nesting limit, ICMP over IPv6 and the packet-list path; `layout!` round
//! trips and never-panic properties.

use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Want};
use dissect::{arp, icmpv4};
use proptest::prelude::*;

mod common;
use common::{experts, flag, uint, uints};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/icmpv4-arp.pcapng");
/// 2026-01-01T00:00:00Z, the time of frame 1 (frame N is N - 1 seconds later).
const T0: i64 = 1_767_225_600;

fn ip4(s: &str) -> [u8; 4] {
    s.parse::<std::net::Ipv4Addr>().unwrap().octets()
}

/// Every frame of the fixture: (meta, bytes).
fn frames() -> Vec<(FrameMeta, Vec<u8>)> {
    let f = std::fs::File::open(FIXTURE).expect("fixture (run captures/make_fixtures_icmp4.py)");
    let mut v = Vec::new();
    dissect::capture::for_each_packet(f, |m, b| {
        v.push((*m, b.to_vec()));
        true
    })
    .expect("readable capture");
    v
}

/// Frame `n` (1-based) of the fixture, dissected.
fn frame(n: usize) -> (Dissection, Vec<u8>) {
    let (m, b) = frames().into_iter().nth(n - 1).expect("frame");
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, &b, &m, &Prefs::default());
    (d, b)
}

fn addrs(d: &Dissection, f: &str) -> Vec<[u8; 4]> {
    d.find_all(f)
        .map(|n| match n.value {
            Value::Ipv4(a) => a,
            v => panic!("{f} is {v:?}"),
        })
        .collect()
}

fn octets<'a>(d: &Dissection, pkt: &'a [u8], f: &str) -> &'a [u8] {
    let n = d.find(f).unwrap_or_else(|| panic!("no {f}"));
    &pkt[n.offset as usize..(n.offset + n.len) as usize]
}

fn ints(d: &Dissection, f: &str) -> Vec<i64> {
    d.find_all(f)
        .map(|n| match n.value {
            Value::Int(v) => v,
            v => panic!("{f} is {v:?}"),
        })
        .collect()
}

fn info(d: &Dissection) -> &str {
    &d.cols.info
}

// ------------------------------------------------------------------ echo

#[test]
fn echo_request_and_reply() {
    let (d, _) = frame(1);
    assert_eq!(d.cols.protocol, "ICMP");
    assert_eq!(info(&d), "Echo (ping) request  id=0x1234, seq=1/256, ttl=64");
    assert_eq!((uint(&d, "icmp.type"), uint(&d, "icmp.code")), (8, 0));
    assert_eq!(uint(&d, "icmp.checksum"), 0x3d05);
    assert_eq!(uint(&d, "icmp.checksum.status"), 1);
    assert_eq!(uint(&d, "icmp.ident"), 0x1234);
    assert_eq!(uint(&d, "icmp.ident_le"), 0x3412);
    assert_eq!(uint(&d, "icmp.seq"), 1);
    assert_eq!(uint(&d, "icmp.seq_le"), 256);
    // tshark 4.0 reads the Linux 64-bit timeval as a 32-bit one: whole seconds, data after 8.
    assert_eq!(d.find("icmp.data_time").unwrap().value, Value::AbsTime(T0, 0));
    assert_eq!(d.find("icmp.data_time_relative").unwrap().value, Value::RelTime(0));
    assert_eq!(uint(&d, "data.len"), 48);
    assert_eq!(d.protocols, ["eth", "ethertype", "ip", "icmp", "data"]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));

    let (d, _) = frame(2);
    assert_eq!(info(&d), "Echo (ping) reply    id=0x1234, seq=1/256, ttl=64");
    assert_eq!((uint(&d, "icmp.type"), uint(&d, "icmp.checksum")), (0, 0x4505));
    assert_eq!(d.find("icmp.data_time_relative").unwrap().value, Value::RelTime(1_000_000_000));
}

#[test]
fn bad_checksum_is_an_error_with_the_right_value() {
    let (d, _) = frame(10);
    assert_eq!(uint(&d, "icmp.checksum"), 0xbeef);
    assert_eq!(uint(&d, "icmp.checksum.status"), 0);
    assert_eq!(experts(&d), ["icmp.checksum_bad"]);
    let e = &d.experts[0];
    assert_eq!(d.text_of(e.text), "Bad checksum: 0xbeef, should be 0x3418");
    // 8 octets of data: too few for tshark's timestamp guess to apply... they are "mipscope".
    assert!(d.find("icmp.data_time").is_none());
    assert_eq!(uint(&d, "data.len"), 8);
}

#[test]
fn four_octet_message_is_cut_short() {
    let (d, _) = frame(25);
    assert_eq!(uint(&d, "icmp.type"), 8);
    assert!(d.find("icmp.ident").is_none());
    assert_eq!(experts(&d), ["_ws.malformed"]);
}

// ------------------------------------------------------------------ agent discovery

#[test]
fn agent_advertisement_from_the_home_agent() {
    let (d, _) = frame(3);
    assert_eq!(info(&d), "Mobile IP Advertisement (Normal router advertisement)");
    assert_eq!((uint(&d, "icmp.type"), uint(&d, "icmp.code")), (9, 0));
    assert_eq!(uint(&d, "icmp.checksum.status"), 1);
    assert_eq!(uint(&d, "icmp.num_addrs"), 1);
    assert_eq!(uint(&d, "icmp.addr_entry_size"), 2);
    assert_eq!(uint(&d, "icmp.lifetime"), 1800);
    assert_eq!(addrs(&d, "icmp.router_address"), [ip4("198.51.100.1")]);
    assert_eq!(ints(&d, "icmp.pref_level"), [0]);
    assert_eq!(uints(&d, "icmp.mip.type"), [16, 19, 0]);
    assert_eq!(uints(&d, "icmp.mip.length"), [14, 1]);
    assert_eq!(uint(&d, "icmp.mip.seq"), 257);
    assert_eq!(uint(&d, "icmp.mip.life"), 1800);
    assert_eq!(uint(&d, "icmp.mip.flags"), 0x3400);
    for (f, v) in [("r", false), ("b", false), ("h", true), ("f", true), ("m", false), ("g", true), ("v", false)] {
        assert_eq!(flag(&d, &format!("icmp.mip.{f}")), v, "{f}");
    }
    for f in ["rt", "u", "x", "i"] {
        assert!(!flag(&d, &format!("icmp.mip.{f}")), "{f}");
    }
    assert_eq!(uint(&d, "icmp.mip.reserved"), 0);
    assert_eq!(addrs(&d, "icmp.mip.coa"), [ip4("198.51.100.1"), ip4("198.51.100.2")]);
    assert_eq!(uints(&d, "icmp.mip.prefixlength"), [24]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

#[test]
fn agent_advertisement_from_a_foreign_agent() {
    let (d, pkt) = frame(4);
    assert_eq!(info(&d), "Mobile IP Advertisement (Does not route common traffic)");
    assert_eq!(uint(&d, "icmp.code"), 16);
    assert_eq!(uint(&d, "icmp.lifetime"), 9000);
    assert_eq!(addrs(&d, "icmp.router_address"), [ip4("192.0.2.1"), ip4("192.0.2.2")]);
    // RFC 1256 §3: 0x80000000, the lowest preference (never a default router).
    assert_eq!(ints(&d, "icmp.pref_level"), [0, -2_147_483_648]);
    assert_eq!(uints(&d, "icmp.mip.type"), [16, 19, 24]);
    assert_eq!(uint(&d, "icmp.mip.seq"), 12);
    assert_eq!(uint(&d, "icmp.mip.life"), 600);
    assert_eq!(uint(&d, "icmp.mip.flags"), 0x9de0);
    for (f, v) in [("r", true), ("b", false), ("h", false), ("f", true), ("m", true), ("g", true), ("v", false)] {
        assert_eq!(flag(&d, &format!("icmp.mip.{f}")), v, "{f}");
    }
    for f in ["rt", "u", "x", "i"] {
        assert!(flag(&d, &format!("icmp.mip.{f}")), "{f}");
    }
    // RFC 5944's I flag is not reserved (tshark 4.0's mask 0x3f says it is).
    assert_eq!(uint(&d, "icmp.mip.reserved"), 0);
    assert_eq!(addrs(&d, "icmp.mip.coa"), [ip4("192.0.2.20"), ip4("192.0.2.21"), ip4("192.0.2.22")]);
    assert_eq!(uints(&d, "icmp.mip.prefixlength"), [24, 25]);
    assert_eq!(octets(&d, &pkt, "icmp.mip.challenge"), (0xa0..0xb0).collect::<Vec<u8>>());
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

#[test]
fn agent_solicitation() {
    let (d, pkt) = frame(5);
    assert_eq!(info(&d), "Router solicitation ");
    assert_eq!((uint(&d, "icmp.type"), uint(&d, "icmp.code")), (10, 0));
    assert_eq!(octets(&d, &pkt, "icmp.reserved"), [0, 0, 0, 0]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

#[test]
fn lying_lengths_in_an_agent_advertisement() {
    // Prefix-Lengths first (2 entries for 1 router), then a MAA with Length 8 (not 6 + 4N)
    // claiming 2 octets past the message.
    let (d, _) = frame(21);
    assert_eq!(uints(&d, "icmp.mip.type"), [19, 16]);
    assert_eq!(uints(&d, "icmp.mip.prefixlength"), [24, 16]);
    assert_eq!(uint(&d, "icmp.mip.seq"), 3);
    assert!(d.find("icmp.mip.coa").is_none());
    assert_eq!(
        experts(&d),
        ["icmp.mip.maa.not_first", "icmp.mip.prefixlength.count", "icmp.mip.ext.past_end", "icmp.mip.maa.length"]
    );
    // Num Addrs 3 where 1 entry and a MAA follow: the entries run past the message.
    let (d, _) = frame(22);
    assert_eq!(uint(&d, "icmp.num_addrs"), 3);
    assert_eq!(d.find_all("icmp.router_address").count(), 2);
    assert!(d.find("icmp.mip.type").is_none());
    assert_eq!(experts(&d), ["icmp.ra.entries_past_end"]);
}

#[test]
fn rfc5944_rules_on_flags_ttl_padding_and_unknown_extensions() {
    // TTL 64, H B R r + reserved bit 1, two padding extensions.
    let (d, _) = frame(23);
    assert_eq!(uint(&d, "icmp.mip.flags"), 0xe201);
    assert!(flag(&d, "icmp.mip.v"));
    assert_eq!(uint(&d, "icmp.mip.reserved"), 1);
    assert_eq!(uints(&d, "icmp.mip.type"), [16, 0, 0]);
    assert_eq!(
        experts(&d),
        ["icmp.mip.flags.invalid", "icmp.mip.flags.invalid", "icmp.mip.reserved.nonzero", "icmp.mip.ttl", "icmp.mip.padding"]
    );
    let msgs: Vec<&str> = d.experts.iter().map(|e| d.text_of(e.text)).collect();
    assert!(msgs[0].ends_with("B (busy) set without F"), "{msgs:?}");
    assert!(msgs[1].ends_with("R (registration required) set without F"), "{msgs:?}");
    assert!(msgs[3].ends_with("TTL 64"), "{msgs:?}");
    // The TTL finding points at the IP header's TTL octet.
    assert_eq!(d.experts[3].offset, 14 + 8);
    // F without a care-of address; unknown extensions 200 (skippable) and 99 (not).
    let (d, pkt) = frame(24);
    assert_eq!(uints(&d, "icmp.mip.type"), [16, 200, 99]);
    assert_eq!(octets(&d, &pkt, "icmp.mip.content"), [0xca, 0xfe]);
    assert_eq!(experts(&d), ["icmp.mip.flags.invalid", "icmp.mip.ext.unknown", "icmp.mip.ext.unknown_discard"]);
}

#[test]
fn snap_length_cut_is_reported_once_as_such() {
    let (d, _) = frame(26);
    assert_eq!(uint(&d, "icmp.checksum.status"), 2);
    assert_eq!(uint(&d, "icmp.mip.length"), 18);
    assert!(d.find("icmp.mip.seq").is_none());
    assert_eq!(experts(&d), ["frame.snapped", "_ws.malformed.snapped"]);
}

// ------------------------------------------------------------------ errors

#[test]
fn destination_unreachable_quotes_a_whole_registration_request() {
    let (d, _) = frame(6);
    assert_eq!(info(&d), "Destination unreachable (Port unreachable)");
    assert_eq!(d.cols.protocol, "ICMP");
    assert_eq!(d.cols.src, Some(Value::Ipv4(ip4("198.51.100.1"))));
    assert_eq!(d.cols.dst, Some(Value::Ipv4(ip4("192.0.2.20"))));
    assert_eq!((uint(&d, "icmp.type"), uint(&d, "icmp.code")), (3, 3));
    assert!(d.find("icmp.unused").is_some());
    assert_eq!(addrs(&d, "ip.src"), [ip4("198.51.100.1"), ip4("192.0.2.20")]);
    // Like tshark, the quoted header's checksum is verified and shown (it failed to be before).
    assert_eq!(uints(&d, "ip.checksum_calculated"), [0x4844, 0xb51d]);
    assert_eq!(uint(&d, "ip.opt.ra"), 0);
    assert_eq!((uint(&d, "udp.srcport"), uint(&d, "udp.dstport")), (49152, 434));
    assert_eq!(uint(&d, "udp.checksum_calculated"), 0xc56b);
    assert_eq!(uint(&d, "mip.type"), 1);
    assert_eq!(addrs(&d, "mip.coa"), [ip4("192.0.2.20")]);
    assert_eq!(d.protocols, ["eth", "ethertype", "ip", "icmp", "ip", "udp", "mip"]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

#[test]
fn time_exceeded_and_parameter_problem_with_cut_quotes() {
    let (d, _) = frame(7);
    assert_eq!(info(&d), "Time-to-live exceeded (Time to live exceeded in transit)");
    assert_eq!(uint(&d, "udp.length"), 54);
    assert!(d.find("mip.type").is_none());
    assert!(d.experts.is_empty(), "a cut quote is allowed: {:?}", experts(&d));

    let (d, pkt) = frame(8);
    assert_eq!(info(&d), "Parameter problem    (Pointer indicates the error)");
    assert_eq!(uint(&d, "icmp.pointer"), 20);
    assert_eq!(octets(&d, &pkt, "icmp.unused"), [0, 0, 0]);
    assert_eq!(addrs(&d, "mip.coa"), [ip4("192.0.2.20")]);
    assert!(d.find("mip.ident").is_none());
    // The cut is a note of ICMP's own, not ICMPv6's.
    assert_eq!(experts(&d), ["icmp.invoking.truncated"]);
}

#[test]
fn redirect_and_an_icmp_message_inside_an_error() {
    let (d, _) = frame(9);
    assert_eq!(info(&d), "Redirect             (Redirect for host)");
    assert_eq!(addrs(&d, "icmp.redir_gw"), [ip4("192.0.2.1")]);
    assert_eq!(uints(&d, "icmp.type"), [5, 8]);
    // The quoted ICMP message's checksum is not verified (it is cut to 8 octets).
    assert_eq!(uints(&d, "icmp.checksum.status"), [1, 2]);
    assert_eq!(uints(&d, "icmp.ident"), [0x4321]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

fn csum(data: &[u8]) -> u16 {
    dissect::checksum::finish(dissect::checksum::sum(data, 0))
}

fn ipv4(src: &str, dst: &str, proto: u8, ttl: u8, payload: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&((20 + payload.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 1, 0, 0, ttl, proto, 0, 0]);
    ip.extend_from_slice(&ip4(src));
    ip.extend_from_slice(&ip4(dst));
    let c = csum(&ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(payload);
    ip
}

fn icmp(ty: u8, code: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let mut m = vec![ty, code, 0, 0];
    m.extend_from_slice(&rest);
    m.extend_from_slice(body);
    let c = csum(&m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    m
}

fn run_raw(pkt: &[u8], prefs: &Prefs) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 228, ..Default::default() };
    dissect::dissect_frame(&mut d, pkt, &meta, prefs);
    d
}

#[test]
fn nested_errors_stop_at_the_nesting_limit() {
    // Errors quoting errors quoting errors ... 40 deep, far past ip.max_nesting (16).
    let mut pkt = ipv4("192.0.2.20", "192.0.2.50", 1, 64, &icmp(8, 0, [0, 1, 0, 1], b""));
    for _ in 0..40 {
        pkt = ipv4("192.0.2.2", "192.0.2.20", 1, 64, &icmp(11, 0, [0; 4], &pkt));
    }
    let d = run_raw(&pkt, &Prefs::default());
    assert_eq!(experts(&d), ["_ws.malformed.depth_limit"]);
    assert_eq!(d.find_all("icmp.type").count(), 17);
    assert_eq!(d.cols.protocol, "ICMP");
    assert_eq!(info(&d), "Time-to-live exceeded (Time to live exceeded in transit)");
    let p = Prefs::build(None, &["ip.max_nesting=3".into()]).unwrap();
    let d = run_raw(&pkt, &p);
    assert_eq!(d.find_all("icmp.type").count(), 4);
}

#[test]
fn icmp_over_ipv6_has_no_ttl_and_rfc4884_length_and_mtu() {
    // Protocol 1 after an IPv6 header (a misconfigured stack): no IPv4 TTL to show.
    let msg = icmp(8, 0, [0xab, 0xcd, 0, 9], b"");
    let mut pkt = vec![0x60, 0, 0, 0, 0, msg.len() as u8, 1, 64];
    pkt.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    pkt.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    pkt.extend_from_slice(&msg);
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, &pkt, &meta, &Prefs::default());
    assert_eq!(info(&d), "Echo (ping) request  id=0xabcd, seq=9/2304");
    // Fragmentation needed with an RFC 4884 length of 7 words and next-hop MTU 1280.
    let quote = ipv4("192.0.2.20", "192.0.2.50", 17, 64, &[0; 8]);
    let pkt = ipv4("192.0.2.2", "192.0.2.20", 1, 64, &icmp(3, 4, [0, 7, 0x05, 0x00], &quote));
    let d = run_raw(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "icmp.length"), 7);
    assert_eq!(uint(&d, "icmp.length.original_datagram"), 28);
    assert_eq!(uint(&d, "icmp.mtu"), 1280);
    assert_eq!(info(&d), "Destination unreachable (Fragmentation needed)");
}

// ------------------------------------------------------------------ ARP

#[test]
fn arp_request_reply_probe_and_announcement() {
    let (d, _) = frame(11);
    assert_eq!(d.cols.protocol, "ARP");
    assert_eq!(info(&d), "Who has 192.0.2.1? Tell 192.0.2.20");
    assert_eq!(uint(&d, "arp.hw.type"), 1);
    assert_eq!(uint(&d, "arp.proto.type"), 0x0800);
    assert_eq!((uint(&d, "arp.hw.size"), uint(&d, "arp.proto.size")), (6, 4));
    assert_eq!(uint(&d, "arp.opcode"), 1);
    assert_eq!(d.find("arp.src.hw_mac").unwrap().value, Value::Ether([2, 0, 0, 0, 0, 1]));
    assert_eq!(addrs(&d, "arp.src.proto_ipv4"), [ip4("192.0.2.20")]);
    assert_eq!(d.find("arp.dst.hw_mac").unwrap().value, Value::Ether([0; 6]));
    assert_eq!(addrs(&d, "arp.dst.proto_ipv4"), [ip4("192.0.2.1")]);
    assert!(d.find("arp.isgratuitous").is_none());
    assert!(d.experts.is_empty(), "{:?}", experts(&d));

    // The reply is padded to 60 octets: ARP claims its 28 only.
    let (d, _) = frame(12);
    assert_eq!(info(&d), "192.0.2.1 is at 02:00:00:00:00:05");
    let arp = d.find("arp").unwrap();
    assert_eq!((arp.offset, arp.len), (14, 28));

    let (d, _) = frame(13);
    assert_eq!(info(&d), "Who has 192.0.2.30? (ARP Probe)");
    assert!(flag(&d, "arp.isprobe"));

    let (d, _) = frame(14);
    assert_eq!(info(&d), "ARP Announcement for 192.0.2.20");
    assert!(flag(&d, "arp.isgratuitous") && flag(&d, "arp.isannouncement"));
}

#[test]
fn proxy_and_gratuitous_arp_from_the_home_agent() {
    let (d, _) = frame(15);
    assert_eq!(info(&d), "Who has 198.51.100.10? Tell 198.51.100.50");
    let (d, _) = frame(16);
    assert_eq!(info(&d), "198.51.100.10 is at 02:00:00:00:00:04");
    assert_eq!(uint(&d, "arp.opcode"), 2);
    let (d, _) = frame(17);
    assert_eq!(info(&d), "Gratuitous ARP for 198.51.100.10 (Request)");
    assert!(flag(&d, "arp.isgratuitous"));
    assert!(d.find("arp.isannouncement").is_none());
    let (d, _) = frame(18);
    assert_eq!(info(&d), "Gratuitous ARP for 198.51.100.10 (Reply)");
    assert!(flag(&d, "arp.isgratuitous"));
}

#[test]
fn arp_with_other_sizes_is_shown_as_octets() {
    let (d, pkt) = frame(19);
    assert_eq!(uint(&d, "arp.hw.type"), 6);
    assert_eq!(uint(&d, "arp.proto.type"), 0x86dd);
    assert_eq!(octets(&d, &pkt, "arp.src.hw"), [2, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(octets(&d, &pkt, "arp.src.proto").len(), 16);
    assert_eq!(octets(&d, &pkt, "arp.dst.hw"), [0; 8]);
    assert!(d.find("arp.src.hw_mac").is_none() && d.find("arp.src.proto_ipv4").is_none());
    assert_eq!(info(&d), "Who has 20010db8000100000000000000000001? Tell 20010db8000100000000000000000100");
}

#[test]
fn truncated_arp_stops_at_the_missing_address() {
    let (d, _) = frame(20);
    assert_eq!(uint(&d, "arp.opcode"), 1);
    assert!(d.find("arp.src.proto_ipv4").is_some());
    assert!(d.find("arp.dst.hw_mac").is_none());
    assert_eq!(experts(&d), ["_ws.malformed"]);
    assert_eq!(d.experts[0].offset, 14 + 18);
}

#[test]
fn arp_size_that_does_not_fit_its_type_and_a_probe_with_a_target_mac() {
    // Ethernet hardware with a size of 8, IPv4 with 4; and a probe whose target MAC is set.
    let mut body = vec![0, 1, 8, 0, 8, 4, 0, 1];
    body.extend_from_slice(&[2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2, 192, 0, 2, 9]);
    let mut pkt = vec![0xff; 6];
    pkt.extend_from_slice(&[2, 0, 0, 0, 0, 1, 0x08, 0x06]);
    pkt.extend_from_slice(&body);
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 1, ..Default::default() };
    dissect::dissect_frame(&mut d, &pkt, &meta, &Prefs::default());
    assert_eq!(experts(&d), ["arp.size.mismatch", "arp.dst.nonzero.probe"]);
    assert!(d.find("arp.src.hw").is_some() && d.find("arp.src.proto_ipv4").is_some());
    assert_eq!(info(&d), "Who has 192.0.2.9? (ARP Probe)");
}

// ------------------------------------------------------------------ paths and properties

/// The packet list (no tree) and `-T fields` paths give the same columns and expert items as
/// the full tree, frame by frame.
#[test]
fn packet_list_path_agrees_with_the_tree() {
    for (m, b) in frames() {
        let mut full = Dissection::new();
        dissect::dissect_frame(&mut full, &b, &m, &Prefs::default());
        let mut cols = Dissection::new();
        let st = CaptureState::default();
        dissect::dissect_frame_want(&st, Want::Columns, &mut cols, &b, &m, &Prefs::default());
        assert_eq!(cols.cols.info, full.cols.info, "frame {}", m.number);
        assert_eq!(cols.cols.protocol, full.cols.protocol, "frame {}", m.number);
        assert_eq!(cols.cols.src, full.cols.src, "frame {}", m.number);
        assert_eq!(experts(&cols), experts(&full), "frame {}", m.number);
        assert!(cols.nodes.is_empty());
    }
}

#[test]
fn registered_names() {
    for f in ["icmp.checksum.status", "icmp.mip.coa", "icmp.mip.i", "icmp.data_time", "arp.isannouncement"] {
        assert!(dissect::registry::lookup(f).is_some(), "{f}");
    }
    assert!(icmpv4::FIELDS.len() > 40 && arp::FIELDS.len() == 17);
}

macro_rules! round_trip {
    ($($name:ident: $ty:ty),* $(,)?) => {
        proptest! {
            $(
                #[test]
                fn $name(bytes in proptest::collection::vec(any::<u8>(), <$ty>::LEN)) {
                    let (rest, x) = <$ty>::parse(&bytes).unwrap();
                    prop_assert!(rest.is_empty());
                    let mut out = Vec::new();
                    x.emit(&mut out);
                    prop_assert_eq!(&out, &bytes);
                    prop_assert!(<$ty>::parse(&bytes[..<$ty>::LEN - 1]).is_err());
                }
            )*
        }
    };
}

round_trip! {
    rt_router_adv_header: icmpv4::RouterAdvHeader,
    rt_mobility_agent_adv: icmpv4::MobilityAgentAdv,
    rt_arp_header: arp::ArpHeader,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    /// Whatever an ICMP message holds, every prefix of it dissects without panicking and no
    /// node leaves the captured bytes.
    #[test]
    fn icmp_never_panics(ty in prop_oneof![Just(0u8), Just(3), Just(4), Just(5), Just(8), Just(9), Just(10),
                                           Just(11), Just(12), Just(13), Just(17), any::<u8>()],
                         code in prop_oneof![Just(0u8), Just(16), any::<u8>()],
                         body in proptest::collection::vec(any::<u8>(), 0..90),
                         cut in 0usize..120) {
        let mut m = vec![ty, code, 0, 0];
        m.extend_from_slice(&body);
        let pkt = ipv4("192.0.2.1", "192.0.2.2", 1, 1, &m);
        let pkt = &pkt[..pkt.len().min(20 + cut)];
        let d = run_raw(pkt, &Prefs::default());
        prop_assert!(d.find("ip.src").is_some());
        for n in &d.nodes {
            prop_assert!((n.offset + n.len) as usize <= pkt.len());
        }
    }

    /// Agent advertisement extensions built from arbitrary (type, data) pairs.
    #[test]
    fn extension_walk_never_panics(exts in proptest::collection::vec((any::<u8>(), proptest::collection::vec(any::<u8>(), 0..20)), 0..6),
                                   num in 0u8..4) {
        let mut body = Vec::new();
        for _ in 0..num {
            body.extend_from_slice(&[192, 0, 2, 1, 0, 0, 0, 0]);
        }
        for (t, data) in &exts {
            body.push(*t);
            if *t != 0 {
                body.push(data.len() as u8);
                body.extend_from_slice(data);
            }
        }
        let pkt = ipv4("192.0.2.1", "255.255.255.255", 1, 1, &icmp(9, 0, [num, 2, 0, 60], &body));
        let d = run_raw(&pkt, &Prefs::default());
        prop_assert_eq!(d.find_all("icmp.router_address").count(), usize::from(num));
    }

    /// ARP of any sizes and any length.
    #[test]
    fn arp_never_panics(body in proptest::collection::vec(any::<u8>(), 0..80), hrd in prop_oneof![Just(1u16), Just(6), Just(19), any::<u16>()]) {
        let mut pkt = vec![0xff; 6];
        pkt.extend_from_slice(&[2, 0, 0, 0, 0, 1, 0x08, 0x06]);
        pkt.extend_from_slice(&hrd.to_be_bytes());
        pkt.extend_from_slice(&body);
        let mut d = Dissection::new();
        let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 1, ..Default::default() };
        dissect::dissect_frame(&mut d, &pkt, &meta, &Prefs::default());
        prop_assert_eq!(d.cols.protocol.is_empty(), false);
        for n in &d.nodes {
            prop_assert!((n.offset + n.len) as usize <= pkt.len());
        }
    }
}

/// A quote ends where the ICMP message ends, even when the frame goes on (an Ethernet trailer
/// here): the quoted IPv4 Total Length and UDP Length running past it are the allowed cut, not
/// lies (as for IPv6 quotes).
#[test]
fn quote_cut_is_allowed_when_the_frame_has_a_trailer() {
    let mut udp = vec![0xc0, 0x00, 0x01, 0xb2, 0, 54, 0, 0];
    udp.extend_from_slice(&[1, 2, 7, 8]);
    let quote = ipv4("192.0.2.20", "198.51.100.1", 17, 64, &udp);
    // The quote keeps the quoted header's Total Length (20 + 54) but carries only 12 octets.
    let mut quote = quote;
    quote[2..4].copy_from_slice(&74u16.to_be_bytes());
    quote[10..12].copy_from_slice(&[0, 0]);
    let c = csum(&quote[..20]);
    quote[10..12].copy_from_slice(&c.to_be_bytes());
    let ip = ipv4("192.0.2.2", "192.0.2.20", 1, 64, &icmp(11, 0, [0; 4], &quote));
    let mut pkt = vec![2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00];
    pkt.extend_from_slice(&ip);
    pkt.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 1, ..Default::default() };
    dissect::dissect_frame(&mut d, &pkt, &meta, &Prefs::default());
    assert_eq!(uints(&d, "ip.len"), [20 + 8 + 32, 74]);
    assert_eq!(uint(&d, "udp.length"), 54);
    // Only the Registration Request, cut after 4 octets, says so (a note).
    assert_eq!(experts(&d), ["icmp.invoking.truncated"]);
}

/// RARP (RFC 903): ARP's packet in EtherType 0x8035 (frames 27-28), decoded as tshark 4.0
/// decodes it (Protocol "RARP", its Info texts); it was `data` before. The owned form keeps the
/// EtherType, and a crafted reverse request computes 0x8035 from its opcode.
#[test]
fn rarp_is_arp_in_its_own_ethertype() {
    let (d, data) = frame(27);
    assert_eq!(d.cols.protocol, "RARP");
    assert_eq!(info(&d), "Who is 02:00:00:00:00:01? Tell 02:00:00:00:00:01");
    assert_eq!(common::uint(&d, "arp.opcode"), 3);
    assert_eq!(common::uint(&d, "eth.type"), 0x8035);
    let (d, _) = frame(28);
    assert_eq!(info(&d), "02:00:00:00:00:01 is at 192.0.2.20");
    let f = dissect::stack::FrameRepr::parse(1, &data, &Prefs::default());
    let mut computed = f.clone();
    for l in &mut computed.layers {
        if let dissect::stack::Layer::Link(dissect::link::Link::Ethernet(e)) = l {
            e.ethertype = dissect::model::Auto::Computed;
        }
    }
    assert_eq!(computed.emit(&Prefs::default()).unwrap(), data);
}

/// A datagram to the Local Network Control Block (224.0.0.0/24) is sent with TTL 1 (RFC 5771
/// §4): tshark 4.0 notes any other TTL under the TTL item (`ip.ttl.lncb`), a quoted header's
/// too; 224.0.1.0 is outside the block, and TTL 1 is what RFC 5944's advertisements carry.
#[test]
fn a_local_network_control_block_datagram_is_noted_unless_its_ttl_is_one() {
    let echo = icmp(8, 0, [0, 1, 0, 1], b"x");
    for (dst, ttl, noted) in [("224.0.0.1", 64, true), ("224.0.0.255", 0, true), ("224.0.0.1", 1, false), ("224.0.1.1", 2, false)]
    {
        let d = run_raw(&ipv4("192.0.2.10", dst, 1, ttl, &echo), &Prefs::default());
        assert_eq!(experts(&d).contains(&"ip.ttl.lncb"), noted, "{dst} TTL {ttl}");
        if noted {
            let e = d.experts.iter().find(|e| e.def.abbrev() == "ip.ttl.lncb").unwrap();
            assert_eq!(
                std::str::from_utf8(d.text_bytes(e.text)).unwrap(),
                "\"Time To Live\" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)"
            );
            assert_eq!((e.offset, e.len), (8, 1));
        }
    }
    // Quoted in a Port Unreachable: the quote's header is noted as well.
    let quote = ipv4("192.0.2.10", "224.0.0.5", 17, 64, &[0x9c, 0x40, 0x02, 0x08, 0, 8, 0, 0]);
    let d = run_raw(&ipv4("198.51.100.1", "192.0.2.10", 1, 64, &icmp(3, 3, [0; 4], &quote)), &Prefs::default());
    assert_eq!(experts(&d), ["ip.ttl.lncb"]);
}
