//! RFC 4861 (Neighbor Discovery), RFC 4191 and RFC 6275 §7: the ICMPv6 parsers' rules, in the
//! catalogue. craft builds Mobility Headers only, so these frames are put together here (IPv6 and
//! ICMPv6 with its checksum, raw link type); the parsers' own tests are dissect/tests/nd.rs.

use super::common::*;

fn ip6(s: &str) -> [u8; 16] {
    s.parse::<std::net::Ipv6Addr>().unwrap().octets()
}

/// An IPv6 packet with ICMPv6 message `ty`/`code` and `body` after the checksum.
fn icmp(src: &str, dst: &str, hlim: u8, ty: u8, code: u8, body: &[u8]) -> Vec<u8> {
    let (s, d) = (ip6(src), ip6(dst));
    let mut m = vec![ty, code, 0, 0];
    m.extend_from_slice(body);
    let c = dissect::checksum::compute(dissect::checksum::pseudo6(&s, &d, m.len() as u32, 58), &m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&(m.len() as u16).to_be_bytes());
    p.extend_from_slice(&[58, hlim]);
    p.extend_from_slice(&s);
    p.extend_from_slice(&d);
    p.extend_from_slice(&m);
    p
}

/// The catalogue rules a raw IPv6 packet breaks.
fn fired_raw(bytes: &[u8]) -> Vec<&'static str> {
    let mut d = Dissection::default();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 101, ..Default::default() };
    dissect::dissect_frame(&mut d, bytes, &meta, &rfc());
    d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect()
}

fn breaks_raw(rule: &str, bad: Vec<u8>, good: Vec<u8>) {
    assert_eq!(fired_raw(&bad), [rule]);
    let good = fired_raw(&good);
    assert!(good.is_empty(), "{rule}: the passing frame fired {good:?}");
}

const SLLA: [u8; 8] = [1, 1, 2, 0, 0, 0, 0, 1];

fn ns(target: &str, slla: bool) -> Vec<u8> {
    [&[0u8; 4][..], &ip6(target), if slla { &SLLA } else { &[] }].concat()
}

fn ra(flags: u8, opts: &[u8]) -> Vec<u8> {
    [&[64, flags, 0x07, 0x08][..], &[0; 8], opts].concat()
}

#[test]
fn rfc4861_dad_slla() {
    let (bad, good) = (
        icmp("::", "ff02::1:ff00:100", 255, 135, 0, &ns("2001:db8:1::100", true)),
        icmp("::", "ff02::1:ff00:100", 255, 135, 0, &ns("2001:db8:1::100", false)),
    );
    breaks_raw("check.rfc4861.dad_slla", bad, good);
}

#[test]
fn rfc4861_target_multicast() {
    breaks_raw(
        "check.rfc4861.target_multicast",
        icmp("fe80::1", "fe80::2", 255, 135, 0, &ns("ff02::1", false)),
        icmp("fe80::1", "fe80::2", 255, 135, 0, &ns("2001:db8:1::2", false)),
    );
}

#[test]
fn rfc4861_na_solicited_multicast() {
    let na = |flags: u8| [&[flags, 0, 0, 0][..], &ip6("2001:db8:1::1")].concat();
    breaks_raw(
        "check.rfc4861.na_solicited_multicast",
        icmp("fe80::1", "ff02::1", 255, 136, 0, &na(0x60)),
        icmp("fe80::1", "ff02::1", 255, 136, 0, &na(0x20)),
    );
}

#[test]
fn rfc4861_redirect_addresses() {
    let rd = |target: &str| [&[0u8; 4][..], &ip6(target), &ip6("2001:db8:3::3")].concat();
    breaks_raw(
        "check.rfc4861.redirect_addresses",
        icmp("fe80::2", "fe80::1", 255, 137, 0, &rd("2001:db8:4::4")),
        icmp("fe80::2", "fe80::1", 255, 137, 0, &rd("fe80::5")),
    );
}

#[test]
fn rfc4861_hop_limit_and_code() {
    let body = ns("2001:db8:1::100", false);
    let good = || icmp("fe80::1", "ff02::1:ff00:100", 255, 135, 0, &body);
    breaks_raw("check.rfc4861.hop_limit", icmp("fe80::1", "ff02::1:ff00:100", 64, 135, 0, &body), good());
    breaks_raw("check.rfc4861.code", icmp("fe80::1", "ff02::1:ff00:100", 255, 135, 1, &body), good());
}

#[test]
fn rfc4861_rs_unspecified_slla() {
    breaks_raw(
        "check.rfc4861.rs_unspecified_slla",
        icmp("::", "ff02::2", 255, 133, 0, &[&[0u8; 4][..], &SLLA].concat()),
        icmp("::", "ff02::2", 255, 133, 0, &[0; 4]),
    );
}

#[test]
fn rfc4861_source_not_link_local() {
    breaks_raw(
        "check.rfc4861.source_not_link_local",
        icmp("2001:db8:1::1", "ff02::1", 255, 134, 0, &ra(0, &[])),
        icmp("fe80::4", "ff02::1", 255, 134, 0, &ra(0, &[])),
    );
}

/// A Prefix Information option: length, valid and preferred lifetimes.
fn pio(len: u8, valid: u32, preferred: u32) -> Vec<u8> {
    [&[3, 4, len, 0xc0][..], &valid.to_be_bytes(), &preferred.to_be_bytes(), &[0; 4], &ip6("2001:db8:1::")].concat()
}

#[test]
fn rfc4861_prefix_length_and_lifetimes() {
    let with = |o: Vec<u8>| icmp("fe80::4", "ff02::1", 255, 134, 0, &ra(0, &o));
    breaks_raw("check.rfc4861.prefix_length", with(pio(129, 600, 300)), with(pio(64, 600, 300)));
    breaks_raw("check.rfc4861.prefix_lifetimes", with(pio(64, 300, 600)), with(pio(64, 600, 600)));
}

#[test]
fn rfc4191_prf_reserved() {
    breaks_raw(
        "check.rfc4191.prf_reserved",
        icmp("fe80::4", "ff02::1", 255, 134, 0, &ra(0x10, &[])),
        icmp("fe80::4", "ff02::1", 255, 134, 0, &ra(0x18, &[])),
    );
}

/// A Route Information option (RFC 4191 §2.3) of Route Preference `prf`, for 2001:db8:7::/48.
fn rio(prf: u8) -> Vec<u8> {
    [&[24, 2, 48, prf << 3][..], &600u32.to_be_bytes(), &ip6("2001:db8:7::")[..8]].concat()
}

#[test]
fn rfc4191_route_prf_reserved() {
    let with = |o: Vec<u8>| icmp("fe80::4", "ff02::1", 255, 134, 0, &ra(0, &o));
    breaks_raw("check.rfc4191.route_prf_reserved", with(rio(2)), with(rio(3)));
}

#[test]
fn rfc6275_home_agent_information() {
    let hai = |lifetime: u16| [&[8, 1, 0, 0, 0, 1][..], &lifetime.to_be_bytes()].concat();
    let ra_with = |flags: u8, lifetime: u16| icmp("fe80::4", "ff02::1", 255, 134, 0, &ra(flags, &hai(lifetime)));
    breaks_raw("check.rfc6275.ha_info_without_h", ra_with(0x00, 1800), ra_with(0x20, 1800));
    breaks_raw("check.rfc6275.ha_lifetime_zero", ra_with(0x20, 0), ra_with(0x20, 1));
}
