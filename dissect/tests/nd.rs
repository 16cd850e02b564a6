//! IPv6 Neighbor Discovery (RFC 4861 with RFC 6275 §7) and MLD (RFC 2710, RFC 3810) from real
//! bytes: every frame of captures/crafted/icmpv6-nd.pcapng (values checked against tshark 4.0),
//! then hand-built messages for the rules tshark does not check, and never-hang properties.

use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Want};
use proptest::prelude::*;

mod common;
use common::{experts, flag, ip6, uint, uints};

static ND_PCAPNG: &[u8] = include_bytes!("../../captures/crafted/icmpv6-nd.pcapng");

fn frames() -> Vec<(FrameMeta, Vec<u8>)> {
    let mut v = Vec::new();
    dissect::capture::for_each_packet(ND_PCAPNG, |m, data| {
        v.push((*m, data.to_vec()));
        true
    })
    .expect("icmpv6-nd.pcapng reads");
    v
}

/// Frame `n` (1-based) of the fixture, dissected in full.
fn frame(n: usize) -> Dissection {
    let f = frames();
    let (meta, data) = &f[n - 1];
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, meta, &Prefs::default());
    d
}

fn addr(d: &Dissection, f: &str) -> [u8; 16] {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Ipv6(a) => a,
        v => panic!("{f} is {v:?}"),
    }
}

fn addrs(d: &Dissection, f: &str) -> Vec<[u8; 16]> {
    d.find_all(f)
        .map(|n| match n.value {
            Value::Ipv6(a) => a,
            v => panic!("{f} is {v:?}"),
        })
        .collect()
}

fn mac(d: &Dissection, f: &str) -> [u8; 6] {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Ether(a) => a,
        v => panic!("{f} is {v:?}"),
    }
}

const MAC_HA: [u8; 6] = [2, 0, 0, 0, 0, 4];

#[test]
fn router_solicitation_and_home_agent_router_advertisement() {
    let d = frame(1);
    assert_eq!(uint(&d, "icmpv6.type"), 133);
    assert_eq!(mac(&d, "icmpv6.opt.src_linkaddr"), [2, 0, 0, 0, 0, 1]);
    assert_eq!(d.cols.protocol, "ICMPv6");
    assert_eq!(d.cols.info, "Router Solicitation from 02:00:00:00:00:01");
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));

    let d = frame(2);
    assert_eq!(uint(&d, "icmpv6.nd.ra.cur_hop_limit"), 64);
    assert_eq!(uint(&d, "icmpv6.nd.ra.flag"), 0x68);
    assert!(!flag(&d, "icmpv6.nd.ra.flag.m"));
    assert!(flag(&d, "icmpv6.nd.ra.flag.o"));
    assert!(flag(&d, "icmpv6.nd.ra.flag.h"), "RFC 6275 §7.1 Home Agent flag");
    assert_eq!(uint(&d, "icmpv6.nd.ra.flag.prf"), 1);
    assert!(!flag(&d, "icmpv6.nd.ra.flag.p"));
    assert_eq!(uint(&d, "icmpv6.nd.ra.flag.rsv"), 0);
    assert_eq!(uint(&d, "icmpv6.nd.ra.router_lifetime"), 1800);
    assert_eq!(uint(&d, "icmpv6.nd.ra.reachable_time"), 30000);
    assert_eq!(uint(&d, "icmpv6.nd.ra.retrans_timer"), 1000);
    assert_eq!(uints(&d, "icmpv6.opt.type"), [1, 5, 3, 3, 7, 8]);
    assert_eq!(uints(&d, "icmpv6.opt.length"), [1, 1, 4, 4, 1, 1]);
    assert_eq!(mac(&d, "icmpv6.opt.linkaddr"), MAC_HA);
    assert_eq!(uint(&d, "icmpv6.opt.mtu"), 1500);
    // Two Prefix Information options: the home prefix (L A), then the home agent's own address
    // with the Router Address flag (RFC 6275 §7.2).
    assert_eq!(uints(&d, "icmpv6.opt.prefix.length"), [64, 64]);
    assert_eq!(uints(&d, "icmpv6.opt.prefix.flag"), [0xc0, 0xe0]);
    assert_eq!(uints(&d, "icmpv6.opt.prefix.flag.r"), [0, 1]);
    assert_eq!(uints(&d, "icmpv6.opt.prefix.valid_lifetime"), [86400, 86400]);
    assert_eq!(uints(&d, "icmpv6.opt.prefix.preferred_lifetime"), [14400, 14400]);
    assert_eq!(addrs(&d, "icmpv6.opt.prefix"), [ip6("2001:db8:1::"), ip6("2001:db8:1::1")]);
    assert_eq!(uint(&d, "icmpv6.opt.advertisement_interval"), 3000);
    assert_eq!(uint(&d, "icmpv6.opt.home_agent_preference"), 10);
    assert_eq!(uint(&d, "icmpv6.opt.home_agent_lifetime"), 1800);
    // tshark's FT_NONE Reserved items: MTU, both PIOs, Advertisement Interval, HA Information.
    assert_eq!(d.find_all("icmpv6.opt.reserved").count(), 5);
    assert_eq!(d.cols.info, "Router Advertisement from 02:00:00:00:00:04");
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

#[test]
fn neighbor_solicitation_and_advertisement_with_the_home_agents_proxy_na() {
    // Duplicate Address Detection: from ::, no options.
    let d = frame(3);
    assert_eq!(addr(&d, "icmpv6.nd.ns.target_address"), ip6("2001:db8:1::100"));
    assert!(d.find("icmpv6.opt").is_none());
    assert_eq!(d.cols.info, "Neighbor Solicitation for 2001:db8:1::100");
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));

    let d = frame(4);
    assert_eq!(addr(&d, "icmpv6.nd.ns.target_address"), ip6("2001:db8:1::1"));
    assert_eq!(d.cols.info, "Neighbor Solicitation for 2001:db8:1::1 from 02:00:00:00:00:01");

    let d = frame(5);
    assert_eq!(uint(&d, "icmpv6.nd.na.flag"), 0xe000_0000);
    assert!(flag(&d, "icmpv6.nd.na.flag.r") && flag(&d, "icmpv6.nd.na.flag.s") && flag(&d, "icmpv6.nd.na.flag.o"));
    assert_eq!(uint(&d, "icmpv6.nd.na.flag.rsv"), 0);
    assert_eq!(addr(&d, "icmpv6.nd.na.target_address"), ip6("2001:db8:1::1"));
    assert_eq!(mac(&d, "icmpv6.opt.target_linkaddr"), MAC_HA);
    assert_eq!(d.cols.info, "Neighbor Advertisement 2001:db8:1::1 (rtr, sol, ovr) is at 02:00:00:00:00:04");

    // RFC 6275 §10.4.1: the home agent advertises the away mobile node's home address with its
    // own link-layer address, R and S clear, O set, to all nodes.
    let d = frame(6);
    assert_eq!(uint(&d, "icmpv6.nd.na.flag"), 0x2000_0000);
    assert!(!flag(&d, "icmpv6.nd.na.flag.r") && !flag(&d, "icmpv6.nd.na.flag.s") && flag(&d, "icmpv6.nd.na.flag.o"));
    assert_eq!(addr(&d, "icmpv6.nd.na.target_address"), ip6("2001:db8:1::100"));
    assert_eq!(mac(&d, "icmpv6.opt.linkaddr"), MAC_HA);
    assert_eq!(d.cols.info, "Neighbor Advertisement 2001:db8:1::100 (ovr) is at 02:00:00:00:00:04");
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

#[test]
fn redirect_with_its_redirected_packet_dissected() {
    let d = frame(7);
    assert_eq!(addr(&d, "icmpv6.nd.rd.target_address"), ip6("fe80::ff:fe00:5"));
    assert_eq!(addr(&d, "icmpv6.rd.na.destination_address"), ip6("2001:db8:3::3"));
    assert_eq!(uints(&d, "icmpv6.opt.type"), [2, 4]);
    assert_eq!(uints(&d, "icmpv6.opt.length"), [1, 9]);
    assert!(d.find("icmpv6.opt.redirected_packet").is_some());
    // The redirected echo request: a second IPv6 header, a second ICMPv6 message and its data.
    assert_eq!(addrs(&d, "ipv6.src")[1], ip6("2001:db8:1::100"));
    assert_eq!(uints(&d, "icmpv6.type"), [137, 128]);
    assert_eq!(uint(&d, "icmpv6.echo.identifier"), 0x4d4e);
    assert_eq!(d.find("data.data").map(|n| n.len), Some(16));
    // Columns stay the Redirect's own.
    assert_eq!(d.cols.info, "Redirect is at 02:00:00:00:00:05");
    assert_eq!(d.cols.src, Some(Value::Ipv6(ip6("fe80::ff:fe00:2"))));
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

/// Regression: a Redirected Header quoting a cut packet (RFC 4861 §4.6.3 allows it) followed by
/// another option used to raise the IPv6 "payload length exceeds" error, because the quote
/// did not end where the frame ends.
#[test]
fn cut_redirected_packet_before_another_option_is_not_an_error() {
    let d = frame(8);
    assert_eq!(uints(&d, "ipv6.plen")[1], 72, "the quoted header claims 72 octets");
    assert_eq!(uints(&d, "icmpv6.echo.sequence_number"), [2]);
    assert_eq!(uints(&d, "icmpv6.opt.type"), [4, 2], "the walk goes on after the quote");
    assert_eq!(d.cols.info, "Redirect is at 02:00:00:00:00:03");
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

#[test]
fn mldv1_query_report_done() {
    let d = frame(9);
    assert_eq!(uint(&d, "icmpv6.mld.maximum_response_delay"), 10000);
    assert_eq!(addr(&d, "icmpv6.mld.multicast_address"), [0; 16]);
    assert_eq!(d.cols.info, "Multicast Listener Query");
    for (n, ty, info) in [(10, 131, "Multicast Listener Report"), (11, 132, "Multicast Listener Done")] {
        let d = frame(n);
        assert_eq!(uint(&d, "icmpv6.type"), ty);
        assert_eq!(uint(&d, "icmpv6.mld.maximum_response_delay"), 0);
        assert_eq!(addr(&d, "icmpv6.mld.multicast_address"), ip6("ff02::1:ff00:100"));
        assert_eq!(d.cols.info, info);
        assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    }
}

#[test]
fn mldv2_queries_and_report() {
    let d = frame(12);
    assert_eq!(uint(&d, "icmpv6.mld.maximum_response_code"), 1000);
    assert_eq!(addr(&d, "icmpv6.mld.multicast_address"), ip6("ff3e:30:2001:db8::8000:1"));
    assert_eq!(uint(&d, "icmpv6.mld.flag"), 0x0a);
    assert!(flag(&d, "icmpv6.mld.flag.s"));
    assert_eq!(uint(&d, "icmpv6.mld.flag.qrv"), 2);
    assert_eq!(uint(&d, "icmpv6.mld.qqi"), 125);
    assert_eq!(uint(&d, "icmpv6.mld.nb_sources"), 2);
    assert_eq!(addrs(&d, "icmpv6.mld.source_address"), [ip6("2001:db8:3::3"), ip6("2001:db8:1::1")]);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));

    // Exponent-coded fields, shown as the delay and interval they stand for (as tshark does).
    let d = frame(13);
    assert_eq!(uint(&d, "icmpv6.mld.maximum_response_code"), 8_387_584);
    assert_eq!(uint(&d, "icmpv6.mld.qqi"), 224);
    assert_eq!(uint(&d, "icmpv6.mld.nb_sources"), 0);
    assert_eq!(dissect::icmpv6::mld::max_response_delay(0x8a00), 53248);
    assert_eq!(dissect::icmpv6::mld::query_interval(0xff), 31744);

    let d = frame(14);
    assert_eq!(uint(&d, "icmpv6.mldr.nb_mcast_records"), 2);
    assert_eq!(d.find_all("icmpv6.mldr.mar").count(), 2);
    assert_eq!(uints(&d, "icmpv6.mldr.mar.record_type"), [4, 1]);
    assert_eq!(uints(&d, "icmpv6.mldr.mar.aux_data_len"), [0, 1]);
    assert_eq!(uints(&d, "icmpv6.mldr.mar.nb_sources"), [0, 2]);
    assert_eq!(addrs(&d, "icmpv6.mldr.mar.multicast_address"), [ip6("ff02::1:ff00:100"), ip6("ff3e:30:2001:db8::8000:1")]);
    assert_eq!(addrs(&d, "icmpv6.mldr.mar.source_address"), [ip6("2001:db8:3::3"), ip6("2001:db8:1::1")]);
    let aux = d.find("icmpv6.mldr.mar.auxiliary_data").unwrap();
    assert_eq!(aux.len, 4);
    assert_eq!(d.cols.info, "Multicast Listener Report Message v2");
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

#[test]
fn option_length_zero_stops_the_walk() {
    let d = frame(15);
    assert_eq!(uints(&d, "icmpv6.opt.type"), [1, 5]);
    assert_eq!(uints(&d, "icmpv6.opt.length"), [1, 0]);
    assert!(d.find("icmpv6.opt.mtu").is_none());
    assert_eq!(experts(&d), ["icmpv6.invalid_option_length"]);
    assert_eq!(d.experts[0].offset, 14 + 40 + 16 + 8 + 1, "at the Length octet");
}

/// One octet after the last option is no option: tshark 4.0 shows neither an option nor a
/// Type for it (it fails reading the Length octet first), only the malformed message; two
/// octets are an option with its Type and Length, as tshark shows them. Before, the one octet
/// was shown as an option with a Type (here "MTU").
#[test]
fn one_octet_after_the_options_is_no_option() {
    let one = run(&icmp("2001:db8::1", "ff02::2", 133, &cat(&[&[0; 4], &SLLA, &[5]])));
    assert_eq!(uints(&one, "icmpv6.opt.type"), [1]);
    assert_eq!(one.find_all("icmpv6.opt").count(), 1);
    assert_eq!(experts(&one), ["icmpv6.invalid_option_length"]);
    assert_eq!(one.experts[0].offset, 40 + 8 + 8, "at the octet");
    let two = run(&icmp("2001:db8::1", "ff02::2", 133, &cat(&[&[0; 4], &SLLA, &[5, 1]])));
    assert_eq!(uints(&two, "icmpv6.opt.type"), [1, 5]);
    assert_eq!(uints(&two, "icmpv6.opt.length"), [1, 1]);
    assert_eq!(experts(&two), ["icmpv6.invalid_option_length"]);
}

#[test]
fn option_past_the_end_bad_checksum_and_cut_message() {
    let d = frame(16);
    assert_eq!(uint(&d, "icmpv6.opt.length"), 4);
    assert!(d.find("icmpv6.opt.linkaddr").is_none());
    assert_eq!(experts(&d), ["icmpv6.invalid_option_length"]);
    assert_eq!(d.cols.info, "Router Solicitation");

    let d = frame(17);
    assert_eq!(experts(&d), ["icmpv6.checksum_bad.expert"]);
    assert_eq!(uint(&d, "icmpv6.checksum_calculated"), uint(&d, "icmpv6.checksum") - 1);
    assert_eq!(addr(&d, "icmpv6.nd.ns.target_address"), ip6("2001:db8:1::1"), "decoding goes on");

    let d = frame(18);
    assert_eq!(uint(&d, "icmpv6.nd.na.flag"), 0x6000_0000);
    assert!(d.find("icmpv6.nd.na.target_address").is_none());
    assert_eq!(experts(&d), ["_ws.malformed"]);
    assert_eq!(d.experts[0].offset, 14 + 40 + 8, "where the target address starts");
}

#[test]
fn wrong_option_lengths_unknown_option_and_home_agent_checks() {
    let d = frame(19);
    assert_eq!(uint(&d, "icmpv6.nd.ra.flag"), 0xa5);
    assert!(flag(&d, "icmpv6.nd.ra.flag.m") && flag(&d, "icmpv6.nd.ra.flag.h") && flag(&d, "icmpv6.nd.ra.flag.p"));
    assert_eq!(uint(&d, "icmpv6.nd.ra.flag.rsv"), 1);
    assert_eq!(uints(&d, "icmpv6.opt.type"), [3, 5, 200, 8]);
    assert_eq!(uints(&d, "icmpv6.opt.length"), [3, 2, 1, 1]);
    // Prefix Information of Length 3: what fits in its 24 octets, but no Prefix.
    assert_eq!(uint(&d, "icmpv6.opt.prefix.valid_lifetime"), 600);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.preferred_lifetime"), 300);
    assert!(d.find("icmpv6.opt.prefix").is_none());
    // MTU of Length 2: the MTU, then 8 octets of unknown data (tshark's items).
    assert_eq!(uint(&d, "icmpv6.opt.mtu"), 0);
    assert_eq!(d.find("icmpv6.unknown_data").map(|n| n.len), Some(8));
    // Option 200 shown raw.
    assert_eq!(d.find("icmpv6.data").map(|n| n.len), Some(6));
    // Home Agent Information: preference -1 (tshark shows the word unsigned), lifetime 0.
    assert_eq!(uint(&d, "icmpv6.opt.home_agent_preference"), 0xffff);
    assert_eq!(uint(&d, "icmpv6.opt.home_agent_lifetime"), 0);
    assert_eq!(
        experts(&d),
        [
            "icmpv6.invalid_option_length",
            "icmpv6.unknown_data.expert",
            "icmpv6.undecoded.option",
            "check.rfc6275.ha_lifetime_zero"
        ]
    );
}

#[test]
fn mld_counts_are_not_trusted() {
    let d = frame(20);
    assert_eq!(uint(&d, "icmpv6.mldr.mar.nb_sources"), 3);
    assert_eq!(addrs(&d, "icmpv6.mldr.mar.source_address"), [ip6("2001:db8:3::3")]);
    assert_eq!(experts(&d), ["_ws.malformed"]);

    let d = frame(21);
    assert_eq!(uint(&d, "icmpv6.mld.maximum_response_delay"), 1000);
    assert!(d.find("icmpv6.mld.flag").is_none(), "26 octets is not MLDv2");
    assert_eq!(experts(&d), ["check.rfc3810.query_length"]);
}

/// The packet list (no tree) and `-T fields` (some nodes) take the same decisions as the full
/// tree: same Info column, same expert items, for every frame.
#[test]
fn packet_list_and_fields_paths_agree_with_the_full_tree() {
    let prefs = Prefs::default();
    let wanted = [dissect::registry::lookup("icmpv6.opt.type").unwrap()];
    for (i, (meta, data)) in frames().iter().enumerate() {
        let mut full = Dissection::new();
        dissect::dissect_frame(&mut full, data, meta, &prefs);
        for want in [Want::Columns, Want::Fields(&wanted)] {
            let mut d = Dissection::new();
            dissect::dissect_frame_want(&CaptureState::default(), want, &mut d, data, meta, &prefs);
            assert_eq!(d.cols.info, full.cols.info, "frame {}", i + 1);
            assert_eq!(experts(&d), experts(&full), "frame {}", i + 1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-built messages: the rules tshark does not check.

fn ipv6(src: [u8; 16], dst: [u8; 16], hlim: u8, payload: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    p.extend_from_slice(&[58, hlim]);
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(payload);
    p
}

/// An ICMPv6 message `ty` with `body` after the checksum, checksummed for (`src`, `dst`).
fn icmp(src: &str, dst: &str, ty: u8, body: &[u8]) -> Vec<u8> {
    let (s, d) = (ip6(src), ip6(dst));
    let mut m = vec![ty, 0, 0, 0];
    m.extend_from_slice(body);
    let c = dissect::checksum::compute(dissect::checksum::pseudo6(&s, &d, m.len() as u32, 58), &m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    ipv6(s, d, 255, &m)
}

fn run(p: &[u8]) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: p.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, p, &meta, &Prefs::default());
    d
}

const SLLA: [u8; 8] = [1, 1, 2, 0, 0, 0, 0, 1];

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

#[test]
fn neighbor_discovery_rules() {
    // RFC 4861 §4.3: no SLLA in a DAD solicitation.
    let d = run(&icmp("::", "ff02::1:ff00:100", 135, &cat(&[&[0; 4], &ip6("2001:db8:1::100"), &SLLA])));
    assert_eq!(experts(&d), ["check.rfc4861.dad_slla"]);
    // The same solicitation from a real address is fine.
    let d = run(&icmp("2001:db8:1::1", "ff02::1:ff00:100", 135, &cat(&[&[0; 4], &ip6("2001:db8:1::100"), &SLLA])));
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    // Multicast targets (§4.3, §4.4).
    let d = run(&icmp("2001:db8:1::1", "2001:db8:1::2", 135, &cat(&[&[0; 4], &ip6("ff02::1")])));
    assert_eq!(experts(&d), ["check.rfc4861.target_multicast"]);
    // S set in an advertisement to all nodes (§4.4).
    let d = run(&icmp("2001:db8:1::1", "ff02::1", 136, &cat(&[&[0x60, 0, 0, 0], &ip6("2001:db8:1::1")])));
    assert_eq!(experts(&d), ["check.rfc4861.na_solicited_multicast"]);
    assert_eq!(d.cols.info, "Neighbor Advertisement 2001:db8:1::1 (sol, ovr)");
    let d = run(&icmp("2001:db8:1::1", "ff02::1", 136, &cat(&[&[0; 4], &ip6("2001:db8:1::1")])));
    assert_eq!(d.cols.info, "Neighbor Advertisement 2001:db8:1::1 (none)");
    // Redirect target that is neither link-local nor the destination (§8.1).
    let d = run(&icmp("fe80::2", "fe80::1", 137, &cat(&[&[0; 4], &ip6("2001:db8:4::4"), &ip6("2001:db8:3::3")])));
    assert_eq!(experts(&d), ["check.rfc4861.redirect_addresses"]);
}

/// An ICMPv6 message as [`icmp`], with its Code and the IPv6 Hop Limit given.
fn icmp_with(src: &str, dst: &str, ty: u8, code: u8, hlim: u8, body: &[u8]) -> Vec<u8> {
    let (s, d) = (ip6(src), ip6(dst));
    let mut m = vec![ty, code, 0, 0];
    m.extend_from_slice(body);
    let c = dissect::checksum::compute(dissect::checksum::pseudo6(&s, &d, m.len() as u32, 58), &m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    ipv6(s, d, hlim, &m)
}

/// Regression: the validity checks RFC 4861 gives every receiver (§6.1.1 RS, §6.1.2 RA, §7.1.1
/// NS, §7.1.2 NA, §8.1 Redirect: IP Hop Limit 255, ICMP Code 0; an RS from :: carries no
/// SLLA; an RA's or a Redirect's source is link-local) were not made.
#[test]
fn neighbor_discovery_validity_checks() {
    let bodies: [(u8, &str, &str, Vec<u8>); 5] = [
        (133, "fe80::1", "ff02::2", vec![0; 4]),
        (134, "fe80::4", "ff02::1", cat(&[&[64, 0, 0, 0], &[0; 8]])),
        (135, "fe80::1", "ff02::1:ff00:100", cat(&[&[0; 4], &ip6("2001:db8:1::100")])),
        (136, "fe80::1", "fe80::2", cat(&[&[0; 4], &ip6("2001:db8:1::100")])),
        (137, "fe80::2", "fe80::1", cat(&[&[0; 4], &ip6("fe80::5"), &ip6("2001:db8:3::3")])),
    ];
    for (ty, src, dst, body) in &bodies {
        let d = run(&icmp_with(src, dst, *ty, 0, 255, body));
        assert!(experts(&d).is_empty(), "type {ty}: {:?}", experts(&d));
        for hlim in [0, 1, 64, 254] {
            let d = run(&icmp_with(src, dst, *ty, 0, hlim, body));
            assert_eq!(experts(&d), ["check.rfc4861.hop_limit"], "type {ty} hop limit {hlim}");
            assert_eq!(d.experts[0].offset, 7, "at the Hop Limit octet");
        }
        let d = run(&icmp_with(src, dst, *ty, 1, 255, body));
        assert_eq!(experts(&d), ["check.rfc4861.code"], "type {ty}");
        assert_eq!(d.experts[0].offset, 41, "at the Code octet");
    }
    // MLD (hop limit 1) and echo are not Neighbor Discovery.
    let d = run(&icmp_with("fe80::1", "ff02::1", 130, 0, 1, &cat(&[&[0; 4], &[0; 16]])));
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    // An RS from :: with an SLLA (§6.1.1); without one it is fine.
    let d = run(&icmp_with("::", "ff02::2", 133, 0, 255, &cat(&[&[0; 4], &SLLA])));
    assert_eq!(experts(&d), ["check.rfc4861.rs_unspecified_slla"]);
    assert_eq!(d.experts[0].offset, 40 + 8, "at the option");
    let d = run(&icmp_with("::", "ff02::2", 133, 0, 255, &[0; 4]));
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    // A Redirect (§8.1) or an RA (§6.1.2) from a global address.
    let (_, _, _, rd) = &bodies[4];
    let d = run(&icmp_with("2001:db8:1::1", "fe80::1", 137, 0, 255, rd));
    assert_eq!(experts(&d), ["check.rfc4861.source_not_link_local"]);
    assert_eq!(d.experts[0].offset, 8, "at the IPv6 Source Address");
    let (_, _, _, ra) = &bodies[1];
    let d = run(&icmp_with("2001:db8:1::1", "ff02::1", 134, 0, 255, ra));
    assert_eq!(experts(&d), ["check.rfc4861.source_not_link_local"]);
    // A Neighbor Solicitation quoted in an ICMPv6 error had its Hop Limit spent on the way:
    // no hop-limit finding for it.
    let (_, src, dst, ns) = &bodies[2];
    let quoted = icmp_with(src, dst, 135, 0, 254, ns);
    let err = icmp("fe80::9", "fe80::1", 1, &cat(&[&[0; 4], &quoted]));
    let d = run(&err);
    assert_eq!(uints(&d, "icmpv6.type"), [1, 135]);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

/// RFC 4191 §2.2: the Default Router Preference 10 is reserved (a receiver treats it as 00).
#[test]
fn reserved_router_preference() {
    let ra = |flags: u8| cat(&[&[64, flags, 0x07, 0x08], &[0; 8]]);
    for (flags, prf, want) in [(0x00, 0, false), (0x08, 1, false), (0x10, 2, true), (0x18, 3, false), (0xd7, 2, true)] {
        let d = run(&icmp("fe80::4", "ff02::1", 134, &ra(flags)));
        assert_eq!(uint(&d, "icmpv6.nd.ra.flag.prf"), prf);
        let e: &[&str] = if want { &["check.rfc4191.prf_reserved"] } else { &[] };
        assert_eq!(experts(&d), e, "flags {flags:#04x}");
    }
}

/// A Prefix Information option (RFC 4861 §4.6.2) in a Mobile Prefix Advertisement (RFC 6275 §6.8),
/// which shares the option walker with Neighbor Discovery.
#[test]
fn prefix_rules_in_a_mobile_prefix_advertisement() {
    let mut pio = vec![3, 4, 200, 0x40];
    pio.extend_from_slice(&100u32.to_be_bytes());
    pio.extend_from_slice(&200u32.to_be_bytes());
    pio.extend_from_slice(&[0; 4]);
    pio.extend_from_slice(&ip6("2001:db8:1::"));
    let d = run(&icmp("2001:db8:1::1", "2001:db8:2::100", 147, &cat(&[&[0x50, 0x53, 0x80, 0], &pio])));
    assert_eq!(uint(&d, "icmpv6.mip6.identifier"), 0x5053);
    assert!(flag(&d, "icmpv6.mip6.flag.m"));
    assert_eq!(uint(&d, "icmpv6.opt.prefix.length"), 200);
    assert_eq!(experts(&d), ["check.rfc4861.prefix_length", "check.rfc4861.prefix_lifetimes"]);
}

#[test]
fn home_agent_information_needs_the_h_flag() {
    let ra = |flags: u8| cat(&[&[64, flags, 0x07, 0x08], &[0; 8], &[8, 1, 0, 0, 0, 1, 0x07, 0x08]]);
    let d = run(&icmp("fe80::4", "ff02::1", 134, &ra(0x00)));
    assert_eq!(experts(&d), ["check.rfc6275.ha_info_without_h"]);
    let d = run(&icmp("fe80::4", "ff02::1", 134, &ra(0x20)));
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    assert_eq!(uint(&d, "icmpv6.opt.home_agent_preference"), 1);
}

#[test]
fn mld_addresses_must_be_multicast() {
    let d = run(&icmp("fe80::1", "ff02::2", 132, &cat(&[&[0; 4], &ip6("2001:db8::1")])));
    assert_eq!(experts(&d), ["check.rfc2710.not_multicast"]);
    let d = run(&icmp("fe80::1", "ff02::1", 130, &cat(&[&[0; 4], &[0; 16]])));
    assert!(experts(&d).is_empty(), "a General Query asks about ::: {:?}", experts(&d));
    // MLDv2 record for a unicast address.
    let rec = cat(&[&[1, 0, 0, 0], &ip6("2001:db8::1")]);
    let d = run(&icmp("fe80::1", "ff02::16", 143, &cat(&[&[0, 0, 0, 1], &rec])));
    assert_eq!(experts(&d), ["check.rfc3810.not_multicast"]);
    // RFC 3810's own numbering: a record's Multicast Address is §5.2.8 (§5.2.12 is the Record
    // Types; RFC 9777, its 2025 revision, numbers the field §5.2.9).
    let msg = d.text_of(d.experts[0].text);
    assert!(msg.contains("§5.1.5, §5.2.8)"), "{msg}");
    // More records claimed than present, and bytes after the last record.
    let d = run(&icmp("fe80::1", "ff02::16", 143, &cat(&[&[0, 0, 0, 2], &cat(&[&[1, 0, 0, 0], &ip6("ff02::fb")])])));
    assert_eq!(experts(&d), ["_ws.malformed"]);
}

/// Regression: octets after an MLDv2 Report's records were an Error (icmpv6.unknown_data.expert),
/// and after a Query's sources they were not shown at all. RFC 3810 §5.2.11 and §5.1.12
/// ("Additional Data"): receivers ignore them, senders MUST NOT add them: a protocol warning.
#[test]
fn mldv2_additional_data_is_a_warning() {
    use dissect::expert::Severity;
    let rec = cat(&[&[1, 0, 0, 0], &ip6("ff02::fb")]);
    let p = icmp("fe80::1", "ff02::16", 143, &cat(&[&[0, 0, 0, 1], &rec, &[0xde, 0xad, 0xbe, 0xef]]));
    let d = run(&p);
    assert_eq!(experts(&d), ["check.rfc3810.additional_data"]);
    assert_eq!(d.experts[0].def.severity, Severity::Warn);
    assert_eq!(d.experts[0].offset as usize, 40 + 8 + 20, "at the first additional octet");
    assert!(d.text_of(d.experts[0].text).contains("§5.2.11"), "{}", d.text_of(d.experts[0].text));
    let n = d.find("icmpv6.unknown_data").unwrap();
    assert_eq!((n.offset as usize, n.len), (40 + 8 + 20, 4));
    assert_eq!(uint(&d, "icmpv6.mldr.nb_mcast_records"), 1);

    // A Query with one source, then 4 octets.
    let q = cat(&[
        &[0x03, 0xe8, 0, 0],
        &ip6("ff3e:30:2001:db8::8000:1"),
        &[2, 125, 0, 1],
        &ip6("2001:db8:3::3"),
        &[0xde, 0xad, 0xbe, 0xef],
    ]);
    let d = run(&icmp("fe80::1", "ff3e:30:2001:db8::8000:1", 130, &q));
    assert_eq!(addrs(&d, "icmpv6.mld.source_address"), [ip6("2001:db8:3::3")]);
    assert_eq!(experts(&d), ["check.rfc3810.additional_data"]);
    assert!(d.text_of(d.experts[0].text).contains("§5.1.12"), "{}", d.text_of(d.experts[0].text));
    let n = d.find("icmpv6.unknown_data").unwrap();
    assert_eq!((n.offset as usize, n.len), (40 + 4 + 24 + 16, 4));
}

/// An ICMPv6 echo's data is Wireshark's `data` protocol, not an ICMPv6 field (regression: it was
/// `icmpv6.data`, which tshark does not use for echo).
#[test]
fn echo_data_is_data() {
    let d = run(&icmp("2001:db8:1::100", "2001:db8:3::3", 128, &[0x12, 0x34, 0, 7, 0xaa, 0xbb]));
    assert_eq!(uint(&d, "icmpv6.echo.identifier"), 0x1234);
    assert_eq!(d.find("data.data").map(|n| n.len), Some(2));
    assert!(d.find("icmpv6.data").is_none());
}

/// The Redirected Header's packet is nesting-limited like an ICMPv6 error's quote.
#[test]
fn redirected_packets_nest_only_so_deep() {
    // A Redirect quoting a Redirect quoting a Redirect ... 40 deep.
    let mut pkt = ipv6(ip6("fe80::1"), ip6("fe80::2"), 255, &[128, 0, 0, 0, 0, 1, 0, 1]);
    for _ in 0..40 {
        let mut opt = vec![4, 0, 0, 0, 0, 0, 0, 0];
        opt.extend_from_slice(&pkt);
        while opt.len() % 8 != 0 {
            opt.push(0);
        }
        opt[1] = (opt.len() / 8) as u8;
        let body = cat(&[&[0; 4], &ip6("fe80::5"), &ip6("2001:db8:3::3"), &opt]);
        pkt = icmp("fe80::2", "fe80::1", 137, &body);
    }
    let d = run(&pkt);
    assert!(experts(&d).contains(&"_ws.malformed.depth_limit"), "{:?}", experts(&d));
    assert_eq!(d.cols.info, "Redirect");
}

/// MLDv2 Report bodies built record by record (0 to 3 sources, 0 to 2 words of auxiliary
/// data), claiming as many records as present or more, then left whole, cut anywhere, or
/// followed by extra octets: random bytes alone almost never make a whole record.
fn mld_report_body() -> impl Strategy<Value = Vec<u8>> {
    let record = (any::<u8>(), 0u8..3, 0u16..4, any::<u8>());
    (
        proptest::collection::vec(record, 0..4),
        0u16..2,
        0u8..3,
        any::<prop::sample::Index>(),
        proptest::collection::vec(any::<u8>(), 1..9),
    )
        .prop_map(|(records, more, mode, cut, extra)| {
            let mut b = vec![0, 0];
            b.extend_from_slice(&(records.len() as u16 + more).to_be_bytes());
            for (ty, aux, n, fill) in records {
                b.extend_from_slice(&[ty, aux]);
                b.extend_from_slice(&n.to_be_bytes());
                b.extend_from_slice(&ip6("ff02::fb"));
                b.extend(std::iter::repeat_n(fill, 16 * usize::from(n) + 4 * usize::from(aux)));
            }
            match mode {
                0 => b,
                1 => {
                    let at = cut.index(b.len() + 1);
                    b.truncate(at);
                    b
                }
                _ => [b, extra].concat(),
            }
        })
}

/// The nodes that follow node `i` at a greater depth (its subtree).
fn subtree(d: &Dissection, i: usize) -> &[dissect::tree::Node] {
    let depth = d.nodes[i].depth;
    let n = d.nodes[i + 1..].iter().take_while(|x| x.depth > depth).count();
    &d.nodes[i + 1..i + 1 + n]
}

proptest! {
    /// Any option bytes after a Router Solicitation: the walk ends, never panics, and follows
    /// the options' own Lengths: each option of the walk starts where the one before ended by
    /// its declared Length, spans exactly that Length (the last one: as far as the message
    /// goes), and keeps everything it holds inside itself; the walk stops at a Length 0 or an
    /// option past the message end, and otherwise covers the message to its last octet (but
    /// one octet left, which is no option).
    #[test]
    fn option_walk_never_hangs(opts in proptest::collection::vec(any::<u8>(), 0..96)) {
        let mut body = vec![0; 4];
        body.extend_from_slice(&opts);
        let p = icmp("fe80::1", "ff02::2", 133, &body);
        let d = run(&p);
        let end = p.len();
        let top = d.nodes.iter().position(|n| n.def.abbrev == "icmpv6").unwrap();
        let walk: Vec<usize> = d.children(top).filter(|&i| d.nodes[i].def.abbrev == "icmpv6.opt").collect();
        let mut at = 40 + 8;
        for (k, &i) in walk.iter().enumerate() {
            let n = &d.nodes[i];
            prop_assert_eq!(n.offset as usize, at, "option {} starts where the one before ended", k);
            let left = end - at;
            let declared = p.get(at + 1).map_or(0, |&l| usize::from(l) * 8);
            let last = k + 1 == walk.len();
            if left < 2 || declared == 0 || declared > left {
                prop_assert!(last, "option {} (Length {} octets, {} left) must end the walk", k, declared, left);
                prop_assert_eq!(n.len as usize, declared.clamp(2, left.max(2)).min(left));
            } else {
                prop_assert_eq!(n.len as usize, declared, "option {} spans its Length", k);
            }
            for c in subtree(&d, i) {
                prop_assert!(
                    c.offset >= n.offset && c.offset + c.len <= n.offset + n.len,
                    "{} at {}+{} outside option {} at {}+{}", c.def.abbrev, c.offset, c.len, k, n.offset, n.len
                );
            }
            at += declared.max(1);
        }
        // Nothing left unwalked unless the walk stopped at an option that could not be read.
        let stopped = walk.last().is_some_and(|&i| {
            let o = d.nodes[i].offset as usize;
            let l = p.get(o + 1).map_or(0, |&l| usize::from(l) * 8);
            l == 0 || l > end - o
        });
        // One octet left is no option (tshark shows none): only the message's error, there.
        let one_left = end == at + 1 && d.experts.iter().any(|e| e.def.abbrev() == "icmpv6.invalid_option_length" && e.offset as usize == at);
        prop_assert!(stopped || at == end || one_left, "the walk ended at {} of {}", at, end);
    }

    /// Any MLDv2 Report body: the records the dissector shows are the ones a reference walk
    /// of the same bytes finds (at most Nr of Mcast Address Records, each 20 + 16 N + 4 Aux
    /// Data Len octets, one after the other), each with its N sources; a record the message
    /// cuts short is the last one shown and is reported; octets after the last record are
    /// Additional Data, with its warning.
    #[test]
    fn mld_report_never_hangs(body in prop_oneof![proptest::collection::vec(any::<u8>(), 0..120), mld_report_body()]) {
        let d = run(&icmp("fe80::1", "ff02::16", 143, &body));
        let base = 40 + 4;
        let shown: Vec<usize> = d.nodes.iter().enumerate().filter(|(_, n)| n.def.abbrev == "icmpv6.mldr.mar").map(|(i, _)| i).collect();
        let be16 = |b: &[u8]| usize::from(u16::from_be_bytes([b[0], b[1]]));
        let found: Vec<&str> = experts(&d).into_iter().filter(|e| *e != "check.rfc3810.not_multicast").collect();
        if body.len() < 4 {
            prop_assert!(shown.is_empty());
            prop_assert_eq!(found, ["_ws.malformed"]);
            return Ok(());
        }
        let claimed = be16(&body[2..4]);
        let (mut at, mut complete, mut cut) = (4, Vec::new(), false);
        while complete.len() < claimed {
            if at >= body.len() {
                cut = true;
                break;
            }
            if at + 20 > body.len() {
                cut = true;
                break;
            }
            let need = 20 + 16 * be16(&body[at + 2..at + 4]) + 4 * usize::from(body[at + 1]);
            if at + need > body.len() {
                cut = true;
                break;
            }
            complete.push((at, need, be16(&body[at + 2..at + 4])));
            at += need;
        }
        // A record that was started but cut short is shown too (as far as it goes).
        let started = usize::from(cut && at < body.len());
        prop_assert_eq!(shown.len(), complete.len() + started);
        for (k, &(off, need, sources)) in complete.iter().enumerate() {
            let n = &d.nodes[shown[k]];
            prop_assert_eq!((n.offset as usize, n.len as usize), (base + off, need), "record {}", k);
            let srcs = subtree(&d, shown[k]).iter().filter(|c| c.def.abbrev == "icmpv6.mldr.mar.source_address").count();
            prop_assert_eq!(srcs, sources, "record {}", k);
        }
        if cut {
            prop_assert_eq!(found, ["_ws.malformed"]);
        } else if at < body.len() {
            prop_assert_eq!(found, ["check.rfc3810.additional_data"]);
            prop_assert_eq!(d.find("icmpv6.unknown_data").map(|n| (n.offset as usize, n.len as usize)), Some((base + at, body.len() - at)));
        } else {
            prop_assert!(found.is_empty(), "{:?}", found);
        }
    }
}

/// Regression (found by `option_walk_never_hangs`): a Redirected Header option whose packet is
/// cut inside the IPv6 header reported the cut as running to the end of the frame (past the
/// option, over the next one) instead of to the end of the option.
#[test]
fn a_cut_redirected_packet_is_reported_within_its_option() {
    let mut body = vec![0; 4];
    body.extend_from_slice(&[4, 2, 0, 0, 0, 0, 0, 0, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let p = icmp("fe80::1", "ff02::2", 133, &body);
    let d = run(&p);
    let cut = d
        .experts
        .iter()
        .find(|e| String::from_utf8_lossy(d.text_bytes(e.text)).contains("IPv6 header is cut short"))
        .expect("the cut");
    assert_eq!((cut.offset, cut.len), (56, 8), "the redirected packet's 8 octets, inside the option at 48+16");
}

/// A Redirected Header whose Length runs past the message (a Length that lies, and the same
/// message cut by the snap length) still shows the redirected packet's IPv6 header that is
/// there, as tshark 4.0 does before its exception ("Reserved", "Redirected Packet", the inner
/// header with Payload Length 20 and Next Header UDP); before, the option showed its Type and
/// Length alone. The Length is the error; the packet's own cut is the note any cut redirected
/// packet gets.
#[test]
fn a_redirected_header_running_past_the_message_shows_its_packet() {
    let inner = ipv6(ip6("2001:db8:1::10"), ip6("2001:db8:5::1"), 63, &[]);
    let mut inner = inner;
    inner[4..6].copy_from_slice(&20u16.to_be_bytes());
    inner[6] = 17;
    // Length 20 (160 octets) with 8 + 40 octets there.
    let body = cat(&[&[0; 4], &ip6("fe80::9"), &ip6("2001:db8:5::1"), &[4, 20, 0, 0, 0, 0, 0, 0], &inner]);
    let p = icmp("fe80::1", "2001:db8:1::10", 137, &body);
    let d = run(&p);
    assert!(d.find("icmpv6.opt.reserved").is_some() && d.find("icmpv6.opt.redirected_packet").is_some());
    assert_eq!(uints(&d, "ipv6.plen"), [p.len() as u64 - 40, 20]);
    assert_eq!(uints(&d, "ipv6.nxt"), [58, 17]);
    assert_eq!(experts(&d), ["icmpv6.invoking.truncated", "icmpv6.invalid_option_length"]);
    // The same message cut by the snap length 20 octets into the redirected packet.
    let cut = &p[..p.len() - 20];
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: p.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, cut, &meta, &Prefs::default());
    assert!(d.find("icmpv6.opt.redirected_packet").is_some());
    assert_eq!(uints(&d, "ipv6.plen"), [p.len() as u64 - 40, 20], "the inner header's first 20 octets are there");
    assert_eq!(uints(&d, "ipv6.nxt"), [58, 17]);
    assert_eq!(experts(&d), ["frame.snapped", "icmpv6.invoking.truncated", "_ws.malformed.snapped"]);
}

/// A Redirected Header whose packet (an IPv6 header and 20 octets of UDP) ends 4 octets before
/// the option's 72: the 4 octets are shown (`icmpv6.unknown_data`, as tshark 4.0 shows them,
/// there with an error; here without, the option having no other way to end in 8-octet units).
/// Before, they were in no item.
#[test]
fn octets_after_a_redirected_packet_are_shown() {
    let mut inner = ipv6(ip6("2001:db8:1::10"), ip6("2001:db8:5::1"), 63, &[0x04, 0xd2, 0, 53, 0, 20, 0, 0]);
    inner[4..6].copy_from_slice(&20u16.to_be_bytes());
    inner[6] = 17;
    inner.extend_from_slice(&[0x61; 12]);
    let body = cat(&[&[0; 4], &ip6("fe80::9"), &ip6("2001:db8:5::1"), &[4, 9, 0, 0, 0, 0, 0, 0], &inner, &[0; 4]]);
    let p = icmp("fe80::1", "2001:db8:1::10", 137, &body);
    let d = run(&p);
    let n = d.find("icmpv6.unknown_data").expect("the octets after the packet");
    assert_eq!((n.offset as usize, n.len as usize), (p.len() - 4, 4));
    assert_eq!(uints(&d, "udp.length"), [20]);
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
}

/// HMIPv6's MAP option (RFC 5380 §4, ND option 23) was shown raw where tshark decodes it: frame
/// 22, values and the flag line as tshark 4.0.17 shows them.
#[test]
fn map_option_is_decoded() {
    let d = frame(22);
    assert_eq!(uint(&d, "icmpv6.opt.map.distance"), 1);
    assert_eq!(uint(&d, "icmpv6.opt.map.preference"), 2);
    assert_eq!(uint(&d, "icmpv6.opt.map.flag"), 0x80);
    assert!(flag(&d, "icmpv6.opt.map.flag.r"));
    assert_eq!(uint(&d, "icmpv6.opt.map.flag.reserved"), 0);
    assert_eq!(uint(&d, "icmpv6.opt.map.valid_lifetime"), 600);
    assert_eq!(addr(&d, "icmpv6.opt.map.global_address"), ip6("2001:db8:5::1"));
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    let f = frames();
    let (_, data) = &f[21];
    let mut tree = String::new();
    dissect::output::write_tree(&mut tree, &d, data);
    for want in ["        0001 .... = Distance: 1", "        Flag: 0x80, RCoA Flag", "            1... .... = RCoA Flag: True"] {
        assert!(tree.lines().any(|l| l == want), "{want:?} not in\n{tree}");
    }
}

/// A Prefix Information option cut by the snap length showed nothing but its Type and Length,
/// losing the R flag that names the home agent's address: frame 23 (96 of 118 octets captured)
/// keeps what was captured, the values tshark 4.0.17 shows before its exception, and says it is
/// cut.
#[test]
fn a_prefix_option_cut_by_the_snap_length_keeps_its_captured_fields() {
    let d = frame(23);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.length"), 64);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.flag"), 0xe0);
    assert!(flag(&d, "icmpv6.opt.prefix.flag.r"));
    assert_eq!(uint(&d, "icmpv6.opt.prefix.valid_lifetime"), 86400);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.preferred_lifetime"), 14400);
    assert!(d.find("icmpv6.opt.prefix").is_none(), "the prefix itself was not captured");
    assert!(d.find("icmpv6.opt.hi.lifetime").is_none(), "nor the Home Agent Information option");
    assert!(experts(&d).contains(&"_ws.malformed.snapped"), "{:?}", experts(&d));
    assert!(d
        .experts
        .iter()
        .any(|e| String::from_utf8_lossy(d.text_bytes(e.text)).contains("runs past the message: 18 octets left")));
}

/// Route Information (RFC 4191), RDNSS and DNSSL (RFC 8106) were shown raw where tshark
/// decodes them: frame 24's values as tshark 4.0.17 shows them (a Length 1 option has no
/// Prefix row; a /48 in 8 octets; infinite lifetimes).
#[test]
fn route_information_rdnss_and_dnssl_are_decoded() {
    let d = frame(24);
    assert_eq!(uints(&d, "icmpv6.opt.route_info.flag.route_preference"), vec![3, 1, 0, 3]);
    assert_eq!(uints(&d, "icmpv6.opt.route_info.flag.reserved"), vec![0, 0, 0, 0xe7]);
    assert_eq!(uints(&d, "icmpv6.opt.route_lifetime"), vec![1800, 3600, 0xffff_ffff, 0]);
    assert_eq!(
        addrs(&d, "icmpv6.opt.prefix"),
        vec![ip6("2001:db8:7::"), ip6("2001:db8:8:1::"), ip6("2001:db8:9::9")],
        "no Prefix in the Length 1 option"
    );
    assert_eq!(uints(&d, "icmpv6.opt.prefix.length"), vec![0, 48, 64, 128]);
    assert_eq!(addrs(&d, "icmpv6.opt.rdnss"), vec![ip6("2001:db8::53"), ip6("2001:db8::35")]);
    assert_eq!(uint(&d, "icmpv6.opt.rdnss.lifetime"), 600);
    assert_eq!(uint(&d, "icmpv6.opt.dnssl.lifetime"), 0xffff_ffff);
    let names: Vec<String> = d
        .find_all("icmpv6.opt.dnssl")
        .map(|n| match n.value {
            Value::Text(s, l) => String::from_utf8_lossy(d.text_bytes((s, l))).into_owned(),
            v => panic!("{v:?}"),
        })
        .collect();
    assert_eq!(names, ["example.com", "home.example.net"]);
    assert!(d.find("icmpv6.opt.padding").is_some());
    assert!(experts(&d).is_empty(), "{:?}", experts(&d));
    let f = frames();
    let mut tree = String::new();
    dissect::output::write_tree(&mut tree, &d, &f[23].1);
    for want in [
        "    ICMPv6 Option (Route Information : High 2001:db8:7::/48)",
        "        Flag: 0x08, Route Preference: High",
        "            ...0 1... = Route Preference: High (1)",
        "        Route Lifetime: Infinity (4294967295)",
        "    ICMPv6 Option (Recursive DNS Server 2001:db8::53 2001:db8::35)",
        "    ICMPv6 Option (DNS Search List Option example.com home.example.net)",
    ] {
        assert!(tree.lines().any(|l| l == want), "{want:?} not in\n{tree}");
    }
}

/// The Nonce option (RFC 3971 §5.3.2) of a duplicate address detection NS (frame 25), and
/// RFC 8106's rules where tshark checks none (frame 26): an RDNSS without an address, a DNSSL
/// label running past the option.
#[test]
fn nonce_and_rfc8106_lengths() {
    let d = frame(25);
    let n = d.find("icmpv6.opt.nonce").expect("nonce");
    assert_eq!((n.len, n.value), (6, Value::Bytes));
    let d = frame(26);
    let msgs: Vec<String> = d.experts.iter().map(|e| String::from_utf8_lossy(d.text_bytes(e.text)).into_owned()).collect();
    assert!(msgs.iter().any(|m| m.contains("Recursive DNS Server option of Length 1")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("a label of 9 octets runs past the option: 7 left")), "{msgs:?}");
    assert!(d.find("icmpv6.opt.dnssl").is_none());
}

fn expert_texts(d: &Dissection) -> Vec<String> {
    d.experts.iter().map(|e| String::from_utf8_lossy(d.text_bytes(e.text)).into_owned()).collect()
}

fn label_lines(n: usize) -> String {
    let d = frame(n);
    let f = frames();
    let mut tree = String::new();
    dissect::output::write_tree(&mut tree, &d, &f[n - 1].1);
    tree
}

/// Found by a review helper: a DNSSL name that fills its option with no root label read the
/// next option's octets (and a label length there underflowed the count of octets left);
/// RFC 8106's lifetime 0 has tshark's words.
#[test]
fn a_dnssl_name_without_its_root_label_stops_at_the_option() {
    let d = frame(27);
    assert_eq!(uints(&d, "icmpv6.opt.dnssl.lifetime"), vec![0, 600]);
    assert_eq!(d.find_all("icmpv6.opt.dnssl").count(), 1, "only 'a', not 'example'");
    assert_eq!(uint(&d, "icmpv6.opt.mtu"), 1280, "the next option is still read");
    let e = expert_texts(&d);
    assert!(e.iter().any(|m| m.contains("has no root label before the option ends")), "{e:?}");
    assert!(!e.iter().any(|m| m.contains("18446744073709551615")), "{e:?}");
    let tree = label_lines(27);
    for want in [
        "        Lifetime: RDNSS address MUST no longer be used (0)",
        "        Lifetime: DNSSL domain name MUST no longer be used (0)",
    ] {
        assert!(tree.lines().any(|l| l == want), "{want:?} not in\n{tree}");
    }
}

/// RFC 4191 §2.3's Length rule: a Route Information option of Length 4 shows no prefix (tshark
/// shows what follows the lifetime as unknown data), and a /96 in Length 2 is flagged.
#[test]
fn route_information_lengths_follow_rfc_4191() {
    let d = frame(28);
    assert_eq!(uints(&d, "icmpv6.opt.prefix.length"), vec![64, 96]);
    assert_eq!(addrs(&d, "icmpv6.opt.prefix"), vec![ip6("2001:db8:b::")], "only the Length 2 option's 8 octets");
    let e = expert_texts(&d);
    assert!(e.iter().any(|m| m.contains("Route Information option of Length 4: RFC 4191 §2.3 allows 1 to 3")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("Length 2 with Prefix Length 96: RFC 4191 §2.3 wants Length 3")), "{e:?}");
    assert!(label_lines(28).lines().any(|l| l == "    ICMPv6 Option (Route Information : High)"));
}

/// Variable options cut by the snap length show their whole parts, as tshark does: the Route
/// Information's fixed part and prefix, both RDNSS servers, the DNSSL's first name.
#[test]
fn variable_options_cut_by_the_snap_length_show_their_whole_parts() {
    let d = frame(29);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.length"), 48);
    assert_eq!(addrs(&d, "icmpv6.opt.rdnss"), vec![ip6("2001:db8::53"), ip6("2001:db8::35")]);
    assert_eq!(d.find_all("icmpv6.opt.dnssl").count(), 1);
    assert!(experts(&d).contains(&"_ws.malformed.snapped"), "{:?}", experts(&d));
    assert!(!expert_texts(&d).iter().any(|m| m.contains("DNS Search List option:")), "the cut is the walk's to report");
}

/// RFC 4191 §2.3: a Route Information option of the reserved preference 10 MUST be ignored by
/// the receiver; tshark labels it "Reserved" and says nothing more.
#[test]
fn a_route_preference_of_10_is_flagged() {
    let d = frame(30);
    assert_eq!(uint(&d, "icmpv6.opt.route_info.flag.route_preference"), 2);
    assert_eq!(experts(&d), ["check.rfc4191.route_prf_reserved"]);
    assert!(label_lines(30).lines().any(|l| l == "    ICMPv6 Option (Route Information : Reserved 2001:db8:7::/48)"));
    // Frame 24's four options have preferences 3, 1, 0 and 3 (reserved bits set in the last).
    assert!(!experts(&frame(24)).contains(&"check.rfc4191.route_prf_reserved"));
}

/// Found by a review helper: a Prefix Information option cut inside Reserved2 showed no
/// Reserved item; tshark shows the two octets there (PDML size 2).
#[test]
fn a_prefix_option_cut_inside_reserved2_shows_the_reserved_octets() {
    let d = frame(31);
    let r: Vec<_> = d.find_all("icmpv6.opt.reserved").map(|n| (n.offset, n.len)).collect();
    assert_eq!(r, [(90, 2)]);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.preferred_lifetime"), 14400);
}

/// tshark's words for the Prefix Information lifetimes (RFC 4861 §4.6.2): the number, or
/// "Infinity (4294967295)" for all ones; mipscope wrote "86400 s".
#[test]
fn prefix_lifetimes_read_as_tshark_writes_them() {
    let labels = label_lines(2);
    assert!(labels.lines().any(|l| l == "        Valid Lifetime: 86400"), "{labels}");
    let all_ones = cat(&[
        &[64, 0, 0x07, 0x08],
        &[0; 8],
        &[3, 4, 64, 0xc0],
        &u32::MAX.to_be_bytes(),
        &7u32.to_be_bytes(),
        &[0; 4],
        &ip6("2001:db8:1::"),
    ]);
    let p = icmp("fe80::4", "ff02::1", 134, &all_ones);
    let d = run(&p);
    let mut tree = String::new();
    dissect::output::write_tree(&mut tree, &d, &p);
    assert!(tree.lines().any(|l| l == "        Valid Lifetime: Infinity (4294967295)"), "{tree}");
    assert!(tree.lines().any(|l| l == "        Preferred Lifetime: 7"), "{tree}");
}
