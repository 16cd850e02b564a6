//! Mobile IPv4 (RFC 5944, RFC 3519, RFC 3543, RFC 5177, seed 003 / RFC 6521): real bytes →
//! every field of every message and extension, under both profiles for HAaRO, preference
//! overrides, `layout!` round trips, and a never-panic property.

use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::mip4::{ext, haaro, msg};
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use proptest::prelude::*;

mod common;
use common::{experts, flag, hex, uint, uints};

fn ip4(s: &str) -> [u8; 4] {
    s.parse::<std::net::Ipv4Addr>().unwrap().octets()
}

fn csum(data: &[u8]) -> u16 {
    let mut s: u32 = 0;
    for c in data.chunks(2) {
        s += u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
    }
    while s > 0xffff {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

/// A raw IPv4 packet (link type 228) carrying UDP `sport` → `dport` and `payload`, with
/// correct IPv4 and UDP checksums.
fn udp4(src: &str, dst: &str, sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let (s, d) = (ip4(src), ip4(dst));
    let ulen = 8 + payload.len();
    let mut u = Vec::new();
    u.extend_from_slice(&sport.to_be_bytes());
    u.extend_from_slice(&dport.to_be_bytes());
    u.extend_from_slice(&(ulen as u16).to_be_bytes());
    u.extend_from_slice(&[0, 0]);
    u.extend_from_slice(payload);
    let mut ph = Vec::new();
    ph.extend_from_slice(&s);
    ph.extend_from_slice(&d);
    ph.extend_from_slice(&[0, 17]);
    ph.extend_from_slice(&(ulen as u16).to_be_bytes());
    ph.extend_from_slice(&u);
    let c = match csum(&ph) {
        0 => 0xffff,
        c => c,
    };
    u[6..8].copy_from_slice(&c.to_be_bytes());
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&((20 + ulen) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 1, 0x40, 0, 64, 17, 0, 0]);
    ip.extend_from_slice(&s);
    ip.extend_from_slice(&d);
    let c = csum(&ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(&u);
    ip
}

fn mip(payload: &[u8]) -> Vec<u8> {
    udp4("192.0.2.20", "198.51.100.1", 49152, 434, payload)
}

fn run(data: &[u8], prefs: &Prefs) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 228, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, prefs);
    d
}

fn rfc(payload: &[u8]) -> Dissection {
    run(&mip(payload), &Prefs::default())
}

fn draft(payload: &[u8]) -> Dissection {
    run(&mip(payload), &Prefs::build(Some("draft"), &[]).unwrap())
}

fn addr(d: &Dissection, f: &str) -> String {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Ipv4(a) => std::net::Ipv4Addr::from(a).to_string(),
        v => panic!("{f} is {v:?}"),
    }
}

/// The octets a node covers (packet = the bytes given to `run`).
fn octets<'a>(d: &Dissection, pkt: &'a [u8], f: &str) -> &'a [u8] {
    let n = d.find(f).unwrap_or_else(|| panic!("no {f}"));
    &pkt[n.offset as usize..(n.offset + n.len) as usize]
}

const NTP_2026: &str = "ed00378080000000"; // 2026-01-01T00:00:00.5Z

fn rrq(flags: u8, lifetime: u16) -> Vec<u8> {
    let mut m = vec![1, flags];
    m.extend_from_slice(&lifetime.to_be_bytes());
    m.extend_from_slice(&ip4("198.51.100.10"));
    m.extend_from_slice(&ip4("198.51.100.1"));
    m.extend_from_slice(&ip4("192.0.2.20"));
    m.extend_from_slice(&hex(NTP_2026));
    m
}

fn rrp(code: u8) -> Vec<u8> {
    let mut m = vec![3, code, 0x07, 0x08];
    m.extend_from_slice(&ip4("198.51.100.10"));
    m.extend_from_slice(&ip4("198.51.100.1"));
    m.extend_from_slice(&hex(NTP_2026));
    m
}

fn ext(t: u8, data: &[u8]) -> Vec<u8> {
    let mut e = vec![t, data.len() as u8];
    e.extend_from_slice(data);
    e
}

fn ext_long(t: u8, sub: u8, data: &[u8]) -> Vec<u8> {
    let mut e = vec![t, sub];
    e.extend_from_slice(&(data.len() as u16).to_be_bytes());
    e.extend_from_slice(data);
    e
}

fn with(mut m: Vec<u8>, exts: &[Vec<u8>]) -> Vec<u8> {
    for e in exts {
        m.extend_from_slice(e);
    }
    m
}

fn mh_auth() -> Vec<u8> {
    let mut d = 0x100u32.to_be_bytes().to_vec();
    d.extend_from_slice(&hex("00112233445566778899aabbccddeeff"));
    ext(32, &d)
}

// ------------------------------------------------------------------ messages

#[test]
fn registration_request_every_field_and_flag() {
    let m = with(rrq(0xff, 0xffff), &[mh_auth()]);
    let pkt = mip(&m);
    let d = run(&pkt, &Prefs::default());
    assert_eq!(d.cols.protocol, "MobileIP");
    assert_eq!(d.cols.info, "Reg Request: HoA=198.51.100.10 HA=198.51.100.1 CoA=192.0.2.20");
    assert_eq!(uint(&d, "mip.type"), 1);
    assert_eq!(uint(&d, "mip.flags"), 0xff);
    for f in ["mip.s", "mip.b", "mip.d", "mip.m", "mip.g", "mip.v", "mip.t", "mip.x"] {
        assert!(flag(&d, f), "{f}");
    }
    assert_eq!(uint(&d, "mip.life"), 65535);
    assert_eq!(addr(&d, "mip.homeaddr"), "198.51.100.10");
    assert_eq!(addr(&d, "mip.haaddr"), "198.51.100.1");
    assert_eq!(addr(&d, "mip.coa"), "192.0.2.20");
    let id = d.find("mip.ident").unwrap();
    assert_eq!(id.value, Value::AbsTime(1_767_225_600, 500_000_000));
    assert_eq!(id.len, 8);
    let (s, l) = id.append.unwrap();
    assert_eq!(d.text_of((s, l)), " (0xed00378080000000)");
    assert_eq!(uint(&d, "mip.ext.type"), 32);
    assert_eq!(uint(&d, "mip.ext.len"), 20);
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    assert_eq!(octets(&d, &pkt, "mip.auth.auth"), hex("00112233445566778899aabbccddeeff"));
    // r and x are "sent as zero" (RFC 5944 §3.3): the catalogue notes them.
    assert_eq!(experts(&d), vec!["check.rfc5944.rrq_reserved"]);
}

#[test]
fn registration_request_single_flags() {
    for (bit, f) in [
        (0x80, "mip.s"),
        (0x40, "mip.b"),
        (0x20, "mip.d"),
        (0x10, "mip.m"),
        (0x08, "mip.g"),
        (0x04, "mip.v"),
        (0x02, "mip.t"),
        (0x01, "mip.x"),
    ] {
        let d = rfc(&rrq(bit, 10));
        for g in ["mip.s", "mip.b", "mip.d", "mip.m", "mip.g", "mip.v", "mip.t", "mip.x"] {
            assert_eq!(flag(&d, g), g == f, "flags {bit:#x}: {g}");
        }
    }
}

#[test]
fn ntp_conversion_matches_wireshark() {
    assert_eq!(msg::ntp_to_unix(0), (0, 0));
    assert_eq!(msg::ntp_to_unix(0xed00_3780_0000_0001), (1_767_225_600, 0));
    // Top bit clear: NTP era 1 (from 2036-02-07T06:28:16Z).
    assert_eq!(msg::ntp_to_unix(0x0000_0001_0000_0000), (2_085_978_497, 0));
    assert_eq!(msg::ntp_to_unix(0x8000_0000_4000_0000).1, 250_000_000);
}

#[test]
fn registration_reply_fields_and_codes() {
    let d = rfc(&with(rrp(0), &[mh_auth()]));
    assert_eq!(d.cols.info, "Reg Reply: HoA=198.51.100.10 HA=198.51.100.1, Code=0");
    assert_eq!(uint(&d, "mip.code"), 0);
    assert_eq!(uint(&d, "mip.life"), 0x0708);
    assert_eq!(addr(&d, "mip.homeaddr"), "198.51.100.10");
    assert_eq!(addr(&d, "mip.haaddr"), "198.51.100.1");
    assert_eq!(d.find("mip.ident").unwrap().value, Value::AbsTime(1_767_225_600, 500_000_000));
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    let code = d.find("mip.code").unwrap().def;
    for (c, name) in [
        (142, "ERROR_HA_UDP-ENCAP_UNAVAIL"),
        (147, "Mobile Network Prefix operation error (HA_MOBNET_ERROR)"),
        (148, "Mobile Router operation is not permitted (HA_MOBNET_DISALLOWED)"),
        (201, "Expired Home nonce Index"),
        (202, "Expired Care-of nonce Index"),
        (203, "Expired nonces"),
        (2, "Concurrent registration (pre-accept)"),
        (116, "Invalid Home Agent Address"),
    ] {
        assert_eq!(code.value_name(c), Some(name));
        let d = rfc(&rrp(c as u8));
        assert_eq!(uint(&d, "mip.code"), c);
        assert!(d.cols.info.ends_with(&format!("Code={c}")));
    }
    assert_eq!(code.value_name(210), None);
}

#[test]
fn scapy_registration_reply_frame_15() {
    // captures/real/scapy-vectors-packets.pcapng frame 15 (raw IPv4).
    let pkt = hex("450000300001000040117cba7f0000017f00000101b201b2001c755d030000b49c85328d5f5356d80000000000000000");
    let d = run(&pkt, &Prefs::default());
    assert_eq!(d.cols.info, "Reg Reply: HoA=156.133.50.141 HA=95.83.86.216, Code=0");
    assert_eq!(uint(&d, "mip.life"), 180);
    assert_eq!(d.find("mip.ident").unwrap().value, Value::AbsTime(0, 0));
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

#[test]
fn revocation_and_acknowledgment() {
    let mut m = vec![7, 0x5a, 0xc0, 0x01];
    m.extend_from_slice(&ip4("198.51.100.10"));
    m.extend_from_slice(&ip4("198.51.100.1"));
    m.extend_from_slice(&ip4("192.0.2.1"));
    m.extend_from_slice(&0x0102_0304u32.to_be_bytes());
    let m = with(m, &[ext(137, &hex("80000000000a"))]);
    let d = rfc(&m);
    assert_eq!(d.cols.info, "Reg Revocation: HoA=198.51.100.10 HDA=198.51.100.1 FDA=192.0.2.1");
    assert_eq!(uint(&d, "mip.rev.reserved"), 0x5a);
    assert_eq!(uint(&d, "mip.flags2"), 0xc001);
    assert!(flag(&d, "mip.rev.a"));
    assert!(flag(&d, "mip.rev.i"));
    assert_eq!(uint(&d, "mip.rev.reserved2"), 1);
    assert_eq!(addr(&d, "mip.homeaddr"), "198.51.100.10");
    assert_eq!(addr(&d, "mip.rev.hda"), "198.51.100.1");
    assert_eq!(addr(&d, "mip.rev.fda"), "192.0.2.1");
    assert_eq!(uint(&d, "mip.revid"), 0x0102_0304);
    assert!(flag(&d, "mip.ext.rev.i"));
    assert_eq!(uint(&d, "mip.ext.rev.tstamp"), 10);

    let mut a = vec![15, 0, 0x80, 0x00];
    a.extend_from_slice(&ip4("198.51.100.10"));
    a.extend_from_slice(&7u32.to_be_bytes());
    let d = rfc(&a);
    assert_eq!(d.cols.info, "Reg Revocation Ack: HoA=198.51.100.10");
    assert_eq!(uint(&d, "mip.ack.reserved"), 0);
    assert!(flag(&d, "mip.ack.i"));
    assert_eq!(uint(&d, "mip.ack.reserved2"), 0);
    assert_eq!(uint(&d, "mip.revid"), 7);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
}

#[test]
fn tunnel_data_inner_ipv4_and_other_encapsulations() {
    let inner = udp4("198.51.100.10", "192.0.2.50", 5000, 5001, b"hello");
    let mut m = vec![4, 4, 0, 0];
    m.extend_from_slice(&inner);
    let d = rfc(&m);
    assert_eq!(uint(&d, "mip.nattt.nexthdr"), 4);
    assert_eq!(uint(&d, "mip.nattt.reserved"), 0);
    assert_eq!(d.find_all("ip.src").count(), 2);
    assert_eq!(uints(&d, "udp.srcport"), vec![49152, 5000]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));

    for nh in [47u8, 55] {
        let mut m = vec![4, nh, 0, 0];
        m.extend_from_slice(b"\x00\x00\x08\x00abcd");
        let d = rfc(&m);
        assert_eq!(uint(&d, "mip.nattt.nexthdr"), u64::from(nh));
        assert_eq!(d.find_all("ip.src").count(), 1);
        assert!(d.find("data.data").is_some());
        assert_eq!(d.cols.info, format!("Tunnel Data: Next Header={nh}"));
    }
}

#[test]
fn truncated_and_unknown_messages() {
    let d = rfc(&rrq(0, 1)[..18]);
    assert!(experts(&d).contains(&"_ws.malformed"));
    let d = rfc(&[16, 1, 2, 3]);
    assert_eq!(uint(&d, "mip.type"), 16);
    assert!(d.find("mip.data").is_some());
    assert_eq!(d.cols.info, "Handoff Request");
}

// ------------------------------------------------------------------ extensions

#[test]
fn padding_has_no_length_octet() {
    let d = rfc(&with(rrq(0, 1), &[vec![0], vec![0], mh_auth()]));
    assert_eq!(uints(&d, "mip.ext.type"), vec![0, 0, 32]);
    assert_eq!(uints(&d, "mip.ext.len"), vec![20]);
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
}

#[test]
fn authentication_extensions() {
    for t in [33u8, 34] {
        let pkt = mip(&with(rrq(0, 1), &[ext(t, &hex("0000020001020304"))]));
        let d = run(&pkt, &Prefs::default());
        assert_eq!(uint(&d, "mip.ext.type"), u64::from(t));
        assert_eq!(uint(&d, "mip.auth.spi"), 0x200);
        assert_eq!(octets(&d, &pkt, "mip.auth.auth"), hex("01020304"));
    }
    let pkt = mip(&with(rrq(0, 1), &[ext_long(36, 1, &hex("00000400aabbccdd"))]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.auth.subtype"), 1);
    assert_eq!(uint(&d, "mip.ext.len"), 8);
    assert_eq!(d.find("mip.ext.len").unwrap().len, 2);
    assert_eq!(uint(&d, "mip.auth.spi"), 0x400);
    assert_eq!(octets(&d, &pkt, "mip.auth.auth"), hex("aabbccdd"));
    // Too short for the SPI.
    let d = rfc(&with(rrq(0, 1), &[ext(32, &[1, 2])]));
    assert!(experts(&d).contains(&"mip.ext.len.invalid"));
}

#[test]
fn vendor_extensions() {
    let pkt = mip(&with(rrq(0, 1), &[ext_long(38, 0, &hex("00007ed90102637673"))]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.cvse.reserved"), 0);
    assert_eq!(uint(&d, "mip.ext.cvse.vendor_id"), 32473);
    assert_eq!(uint(&d, "mip.ext.cvse.vendor_type"), 0x0102);
    assert_eq!(octets(&d, &pkt, "mip.ext.cvse.vendor_value"), b"cvs");
    let pkt = mip(&with(rrq(0, 1), &[ext(134, &hex("000000007ed900076e76"))]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.nvse.reserved"), 0);
    assert_eq!(uint(&d, "mip.ext.nvse.vendor_id"), 32473);
    assert_eq!(uint(&d, "mip.ext.nvse.vendor_type"), 7);
    assert_eq!(octets(&d, &pkt, "mip.ext.nvse.vendor_value"), b"nv");
}

#[test]
fn keygen_extensions_long_form() {
    // RFC 3957 §6.3: Mobile Node SPI, then the subtype data.
    let pkt = mip(&with(rrq(0, 1), &[ext_long(42, 1, &hex("0000100204050607")), mh_auth()]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.keygen.subtype"), 1);
    assert_eq!(uint(&d, "mip.ext.keygen.mn_spi"), 0x1002);
    assert_eq!(octets(&d, &pkt, "mip.ext.keygen.data"), hex("04050607"));
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    let pkt = mip(&with(rrp(0), &[ext_long(43, 1, &hex("00000e10ab"))]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.keygen.lifetime"), 3600);
    assert_eq!(octets(&d, &pkt, "mip.ext.keygen.data"), hex("ab"));
}

#[test]
fn nat_traversal_extensions() {
    let d = rfc(&with(rrq(0, 1), &[ext(144, &hex("0000c0040000"))]));
    assert_eq!(uint(&d, "mip.ext.utrq.subtype"), 0);
    assert_eq!(uint(&d, "mip.ext.utrq.reserved1"), 0);
    assert_eq!(uint(&d, "mip.ext.utrq.flags"), 0xc0);
    assert!(flag(&d, "mip.ext.utrq.f"));
    assert!(flag(&d, "mip.ext.utrq.r"));
    assert_eq!(uint(&d, "mip.ext.utrq.reserved2"), 0);
    assert_eq!(uint(&d, "mip.ext.utrq.encaptype"), 4);
    assert_eq!(uint(&d, "mip.ext.utrq.reserved3"), 0);
    let d = rfc(&with(rrp(0), &[ext(44, &hex("0040800f006e"))]));
    assert_eq!(uint(&d, "mip.ext.utrp.subtype"), 0);
    assert_eq!(uint(&d, "mip.ext.utrp.code"), 64);
    assert_eq!(uint(&d, "mip.ext.utrp.flags"), 0x800f);
    assert!(flag(&d, "mip.ext.utrp.f"));
    assert_eq!(uint(&d, "mip.ext.utrp.reserved"), 0x000f);
    assert_eq!(uint(&d, "mip.ext.utrp.keepalive"), 110);
    // Wrong fixed length.
    let d = rfc(&with(rrq(0, 1), &[ext(144, &hex("0000"))]));
    assert!(experts(&d).contains(&"mip.ext.len.invalid"));
}

#[test]
fn misc_short_extensions() {
    let pkt = mip(&with(
        rrq(0, 1),
        &[
            ext(45, &hex("0046")),
            ext(46, &[&[0u8, 0][..], &ip4("192.0.2.2")].concat()),
            ext_long(48, 0, &hex("deadbeef")),
            ext(131, b"mn@example.com"),
            ext(132, &hex("0102030405")),
            ext(136, b"\x01ha.example"),
            ext(139, &hex("02c6336402")),
            ext(145, b"\x01Welcome"),
            ext(151, b"internet"),
            mh_auth(),
        ],
    ));
    let d = run(&pkt, &Prefs::default());
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    assert_eq!(uint(&d, "mip.ext.faerr.subtype"), 0);
    assert_eq!(uint(&d, "mip.ext.faerr.status"), 70);
    assert_eq!(uint(&d, "mip.ext.gfa.reserved"), 0);
    assert_eq!(addr(&d, "mip.ext.gfa.addr"), "192.0.2.2");
    assert_eq!(uint(&d, "mip.ext.grekey.subtype"), 0);
    assert_eq!(uint(&d, "mip.ext.grekey.key"), 0xdead_beef);
    assert_eq!(octets(&d, &pkt, "mip.nai"), b"mn@example.com");
    assert_eq!(octets(&d, &pkt, "mip.ext.challenge"), hex("0102030405"));
    assert_eq!(uint(&d, "mip.ext.naic.subtype"), 1);
    assert_eq!(octets(&d, &pkt, "mip.ext.naic.nai"), b"ha.example");
    assert_eq!(uint(&d, "mip.ext.dynha.subtype"), 2);
    assert_eq!(addr(&d, "mip.ext.dynha.ha"), "198.51.100.2");
    assert_eq!(uint(&d, "mip.ext.msgstr.subtype"), 1);
    assert_eq!(octets(&d, &pkt, "mip.ext.msgstr.text"), b"Welcome");
    assert_eq!(octets(&d, &pkt, "mip.ext.ss.identifier"), b"internet");
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    // Wireshark shows 45/46/48/132/136 raw as mip.extension; mipscope files it too (hidden).
    let raw: Vec<_> = d.find_all("mip.extension").collect();
    assert_eq!(raw.len(), 6);
    assert!(raw.iter().all(|n| n.hidden));
}

#[test]
fn type_length_data_extensions() {
    for t in [127u8, 128, 129, 130, 138, 140, 141, 142, 149, 150, 152, 154, 255] {
        let pkt = mip(&with(rrq(0, 1), &[ext(t, b"\x01\x02\x03"), mh_auth()]));
        let d = run(&pkt, &Prefs::default());
        assert_eq!(uints(&d, "mip.ext.type"), vec![u64::from(t), 32], "type {t}");
        assert_eq!(octets(&d, &pkt, "mip.extension"), b"\x01\x02\x03", "type {t}");
        assert!(d.experts.is_empty(), "type {t}: {:?}", experts(&d));
    }
}

#[test]
fn pmipv4_extensions() {
    let pkt = mip(&with(rrq(0, 1), &[ext_long(47, 1, &[2])]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.pmipv4nonskipext.subtype"), 1);
    assert_eq!(uint(&d, "mip.ext.pmipv4nonskipext.pernodeauthmethod"), 2);
    let pkt = mip(&with(
        rrq(0, 1),
        &[ext(147, b"\x01eth0"), ext(147, &hex("0201020000000001")), ext(147, &hex("0301244001")), ext(147, &[4, 5])],
    ));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uints(&d, "mip.ext.pmipv4skipext.subtype"), vec![1, 2, 3, 4]);
    assert_eq!(octets(&d, &pkt, "mip.ext.pmipv4skipext.interfaceid"), b"eth0");
    assert_eq!(uint(&d, "mip.ext.pmipv4skipext.deviceid_type"), 1);
    assert_eq!(octets(&d, &pkt, "mip.ext.pmipv4skipext.deviceid_id"), hex("020000000001"));
    assert_eq!(uint(&d, "mip.ext.pmipv4skipext.subscriberid_type"), 1);
    assert_eq!(octets(&d, &pkt, "mip.ext.pmipv4skipext.subscriberid_id"), hex("244001"));
    assert_eq!(uint(&d, "mip.ext.pmipv4skipext.accesstechnology_type"), 5);
}

#[test]
fn mobile_network_extensions_rfc5177() {
    let d = rfc(&with(rrq(0, 1), &[ext(148, &hex("0018c0000280"))]));
    assert_eq!(uint(&d, "mip.ext.mne.subtype"), 0);
    assert_eq!(uint(&d, "mip.ext.mne.prefix_length"), 24);
    assert_eq!(addr(&d, "mip.ext.mne.prefix"), "192.0.2.128");
    let d = rfc(&with(
        rrp(147),
        &[
            ext(148, &hex("010218 00cb007100".replace(' ', "").as_str())),
            ext(148, &hex("020018 00c0000200".replace(' ', "").as_str())),
        ],
    ));
    assert_eq!(uints(&d, "mip.ext.mne.subtype"), vec![1, 2]);
    assert_eq!(uints(&d, "mip.ext.mne.code"), vec![2, 0]);
    assert_eq!(uints(&d, "mip.ext.mne.prefix_length"), vec![24, 24]);
    assert_eq!(uints(&d, "mip.ext.mne.reserved"), vec![0, 0]);
    let code = d.find("mip.ext.mne.code").unwrap().def;
    assert_eq!(code.value_name(2), Some("Mobile Router is not authorized for prefix (MOBNET_UNAUTHORIZED)"));
    assert_eq!(code.value_name(4), Some("Home Agent cannot assign a mobile network prefix (MOBNET_UNASSIGNED)"));
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    let d = rfc(&with(rrq(0, 1), &[ext(148, &[9, 0])]));
    assert!(experts(&d).contains(&"mip.ext.subtype_unknown"));
}

#[test]
fn unknown_extensions_skippable_and_not() {
    // Skippable (>= 128): a note, shown raw, the walk goes on.
    let pkt = mip(&with(rrq(0, 1), &[ext(200, b"xyz"), mh_auth()]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(experts(&d), vec!["mip.ext.skippable_unknown"]);
    assert_eq!(octets(&d, &pkt, "mip.extension"), b"xyz");
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    // Non-skippable (< 128): the message must be rejected; nothing after it is decoded.
    let d = rfc(&with(rrq(0, 1), &[ext(60, b"xy"), mh_auth()]));
    assert_eq!(experts(&d), vec!["mip.ext.nonskippable_unknown"]);
    assert_eq!(d.experts[0].def.severity, dissect::expert::Severity::Error);
    assert!(d.find("mip.auth.spi").is_none());
}

#[test]
fn extension_past_the_message() {
    let d = rfc(&with(rrq(0, 1), &[vec![131, 40, b'a', b'b']]));
    assert_eq!(experts(&d), vec!["mip.ext.len.past_end"]);
    let d = rfc(&with(rrq(0, 1), &[vec![36, 1, 0]]));
    assert_eq!(experts(&d), vec!["mip.ext.len.past_end"]);
    let d = rfc(&with(rrq(0, 1), &[vec![131]]));
    assert_eq!(experts(&d), vec!["mip.ext.len.past_end"]);
}

// ------------------------------------------------------------------ seed 003 / RFC 6521

fn hoti_draft(len: u8) -> Vec<u8> {
    let mut m = vec![24, len, 0, 0];
    m.extend_from_slice(&hex("0102030405060708"));
    m
}

#[test]
fn haaro_messages_draft_profile() {
    let d = draft(&hoti_draft(10));
    assert_eq!(uint(&d, "mip.type"), 24);
    assert_eq!(uint(&d, "mip.msg.len"), 10);
    assert_eq!(uint(&d, "mip.msg.reserved"), 0);
    assert_eq!(uint(&d, "mip.hoti.cookie"), 0x0102_0304_0506_0708);
    assert_eq!(d.cols.info, "Home Test Init: Cookie=0x0102030405060708");
    assert!(d.experts.is_empty());
    let d = draft(&hoti_draft(12));
    assert_eq!(experts(&d), vec!["mip.msg.len.invalid"]);
    assert_eq!(uint(&d, "mip.hoti.cookie"), 0x0102_0304_0506_0708);

    let mut coti = vec![25, 10, 0, 0];
    coti.extend_from_slice(&hex("1112131415161718"));
    let d = draft(&coti);
    assert_eq!(uint(&d, "mip.coti.cookie"), 0x1112_1314_1516_1718);

    let mut hot = vec![26, 18, 0, 3];
    hot.extend_from_slice(&hex("0102030405060708a1a2a3a4a5a6a7a8"));
    let d = draft(&hot);
    assert_eq!(uint(&d, "mip.msg.len"), 18);
    assert_eq!(uint(&d, "mip.hot.nindex"), 3);
    assert_eq!(uint(&d, "mip.hot.cookie"), 0x0102_0304_0506_0708);
    assert_eq!(uint(&d, "mip.hot.token"), 0xa1a2_a3a4_a5a6_a7a8);
    assert!(d.experts.is_empty());

    let mut cot = vec![27, 18, 0, 4];
    cot.extend_from_slice(&hex("1112131415161718b1b2b3b4b5b6b7b8"));
    let d = draft(&cot);
    assert_eq!(uint(&d, "mip.cot.nindex"), 4);
    assert_eq!(uint(&d, "mip.cot.cookie"), 0x1112_1314_1516_1718);
    assert_eq!(uint(&d, "mip.cot.token"), 0xb1b2_b3b4_b5b6_b7b8);
    assert_eq!(d.cols.info, "Care-of Test: Index=4 Cookie=0x1112131415161718");

    // Cut short.
    let d = draft(&hot[..10]);
    assert!(experts(&d).contains(&"_ws.malformed"));
}

/// Defect: a draft-profile HoTI/CoT whose Length exceeds its fixed part had the extra octets
/// parsed as an extension, so one wrong Length was reported twice (Length and a bogus
/// extension). The octets the Length claims are the message's: shown as message data.
#[test]
fn haaro_message_length_past_fixed_part_is_message_data() {
    let mut hoti = hoti_draft(14);
    hoti.extend_from_slice(&[0x05, 0x09, 0xaa, 0xbb]);
    let pkt = mip(&hoti);
    let d = run(&pkt, &Prefs::build(Some("draft"), &[]).unwrap());
    assert_eq!(experts(&d), vec!["mip.msg.len.invalid"]);
    assert_eq!(octets(&d, &pkt, "mip.data"), [0x05, 0x09, 0xaa, 0xbb]);
    assert!(d.find("mip.ext").is_none());
    assert_eq!(uint(&d, "mip.hoti.cookie"), 0x0102_0304_0506_0708);
    // CoT: Length 20 for an 18-octet body, then a real extension after the claimed octets.
    let mut cot = vec![27, 20, 0, 4];
    cot.extend_from_slice(&hex("1112131415161718b1b2b3b4b5b6b7b8"));
    cot.extend_from_slice(&[0x30, 0x31]);
    let pkt = mip(&with(cot, &[mh_auth()]));
    let d = run(&pkt, &Prefs::build(Some("draft"), &[]).unwrap());
    assert_eq!(experts(&d), vec!["mip.msg.len.invalid"]);
    assert_eq!(octets(&d, &pkt, "mip.data"), [0x30, 0x31]);
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    // A Length past the end of the message: the rest is message data, still one item.
    let mut hoti = hoti_draft(200);
    hoti.extend_from_slice(&[0x05, 0x09]);
    let pkt = mip(&hoti);
    let d = run(&pkt, &Prefs::build(Some("draft"), &[]).unwrap());
    assert_eq!(experts(&d), vec!["mip.msg.len.invalid"]);
    assert_eq!(octets(&d, &pkt, "mip.data"), [0x05, 0x09]);
    // A Length too small: the fixed part is decoded and the extensions follow it.
    let d = draft(&with(hoti_draft(8), &[mh_auth()]));
    assert_eq!(experts(&d), vec!["mip.msg.len.invalid"]);
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
}

#[test]
fn haaro_messages_rfc_profile() {
    let mut hot = vec![26, 0x77, 0, 3];
    hot.extend_from_slice(&hex("0102030405060708a1a2a3a4a5a6a7a8"));
    let d = rfc(&hot);
    assert!(d.find("mip.msg.len").is_none());
    assert_eq!(uint(&d, "mip.msg.reserved1"), 0x77);
    assert_eq!(uint(&d, "mip.hot.nindex"), 3);
    assert_eq!(uint(&d, "mip.hot.token"), 0xa1a2_a3a4_a5a6_a7a8);
    // RFC 6521 §5.6/§5.7: Type, Reserved (8), then the 64-bit cookie (no 16-bit Reserved).
    let mut hoti = vec![24, 0];
    hoti.extend_from_slice(&hex("0102030405060708"));
    let d = rfc(&hoti);
    assert_eq!(uint(&d, "mip.msg.reserved1"), 0);
    assert!(d.find("mip.msg.reserved").is_none());
    assert_eq!(uint(&d, "mip.hoti.cookie"), 0x0102_0304_0506_0708);
    assert_eq!(d.find("mip.hoti.cookie").unwrap().offset, 28 + 2);
    assert!(d.experts.is_empty());
    let mut coti = vec![25, 0];
    coti.extend_from_slice(&hex("1112131415161718"));
    let d = rfc(&coti);
    assert_eq!(uint(&d, "mip.coti.cookie"), 0x1112_1314_1516_1718);
    assert_eq!(d.cols.info, "Care-of Test Init: Cookie=0x1112131415161718");
    assert!(rfc(&coti[..9]).experts.iter().any(|e| e.def.abbrev() == "_ws.malformed"));
}

#[test]
fn haaro_message_numbers_are_preferences() {
    let p = Prefs::build(None, &["haaro.msg_hoti=100".into()]).unwrap();
    // RFC 6521 §5.6 layout: Type, Reserved, Home Init Cookie
    let mut m = vec![100, 0];
    m.extend_from_slice(&hex("0102030405060708"));
    let d = run(&mip(&m), &p);
    assert_eq!(uint(&d, "mip.hoti.cookie"), 0x0102_0304_0506_0708);
    // 24 is then no longer a HoTI.
    let d = run(&mip(&hoti_draft(0)), &p);
    assert!(d.find("mip.hoti.cookie").is_none());
    let p = Prefs::build(Some("draft"), &["haaro.msg_cot=200".into(), "haaro.ext_coa=99".into()]).unwrap();
    let mut cot = vec![200, 18, 0, 4];
    cot.extend_from_slice(&hex("1112131415161718b1b2b3b4b5b6b7b8"));
    let d = run(&mip(&cot), &p);
    assert_eq!(uint(&d, "mip.cot.token"), 0xb1b2_b3b4_b5b6_b7b8);
    let mut coa = vec![0, 0];
    coa.extend_from_slice(&ip4("192.0.2.40"));
    let d = run(&mip(&with(rrp(0), &[ext(99, &coa)])), &p);
    assert_eq!(addr(&d, "mip.ext.coa.coa"), "192.0.2.40");
}

#[test]
fn haaro_extensions_draft_profile() {
    // §4.1 prefix advertisement: x=0 O=1 H=0 PLen=24, HoA, prefix, realm; then H=1 host route.
    let mut p1 = vec![1, 0x58];
    p1.extend_from_slice(&ip4("198.51.100.20"));
    p1.extend_from_slice(&ip4("203.0.113.0"));
    p1.extend_from_slice(b"@example.com");
    let mut p2 = vec![1, 0xa0];
    p2.extend_from_slice(&ip4("198.51.100.30"));
    let pkt = mip(&with(rrp(0), &[ext(50, &p1), ext(50, &p2), mh_auth()]));
    let d = run(&pkt, &Prefs::build(Some("draft"), &[]).unwrap());
    assert_eq!(uints(&d, "mip.ext.ropa.subtype"), vec![1, 1]);
    let x: Vec<bool> = d.find_all("mip.ext.ropa.x_flag").map(|n| n.value == Value::Bool(true)).collect();
    assert_eq!(x, vec![false, true]);
    let o: Vec<bool> = d.find_all("mip.ext.ropa.o_flag").map(|n| n.value == Value::Bool(true)).collect();
    assert_eq!(o, vec![true, false]);
    let h: Vec<bool> = d.find_all("mip.ext.ropa.h_flag").map(|n| n.value == Value::Bool(true)).collect();
    assert_eq!(h, vec![false, true]);
    assert_eq!(uints(&d, "mip.ext.ropa.plen"), vec![24, 0]);
    assert_eq!(addr(&d, "mip.ext.ropa.hoa"), "198.51.100.20");
    assert_eq!(addr(&d, "mip.ext.ropa.prefix"), "203.0.113.0");
    assert_eq!(d.find_all("mip.ext.ropa.prefix").count(), 1);
    assert_eq!(octets(&d, &pkt, "mip.ext.ropa.realm"), b"@example.com");
    let routes: Vec<_> = d
        .find_all("mip.ext.ropa.route")
        .map(|n| match n.value {
            Value::Text(s, l) => d.text_of((s, l)).to_string(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(routes, vec!["203.0.113.0/24", "198.51.100.30/32"]);
    // x set in the first; H set in the second, which is then not "the only" one (§4.1).
    assert_eq!(experts(&d), vec!["check.haaro.ropa_x_set", "check.haaro.ropa_h_not_only"]);
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);

    // §4.2 RO capability with and without the HoA; S without HoA is flagged.
    let mut c = vec![1, 0xe0];
    c.extend_from_slice(&ip4("198.51.100.20"));
    let d = draft(&with(rrq(0, 1), &[ext(153, &c), ext(153, &[1, 0x20]), mh_auth()]));
    assert_eq!(uints(&d, "mip.ext.rocap.subtype"), vec![1, 1]);
    assert_eq!(uints(&d, "mip.ext.rocap.flags"), vec![0xe0, 0x20]);
    assert!(flag(&d, "mip.ext.rocap.a_flag"));
    assert!(flag(&d, "mip.ext.rocap.r_flag"));
    assert!(flag(&d, "mip.ext.rocap.s_flag"));
    assert_eq!(uint(&d, "mip.ext.rocap.reserved"), 0);
    assert_eq!(addr(&d, "mip.ext.rocap.hoa"), "198.51.100.20");
    assert_eq!(experts(&d), vec!["check.haaro.rocap_s_without_hoa"]);

    // §4.7 Mobile-Correspondent authentication (type 120, Length 24) and §4.8 CoA (121).
    let mut a = vec![0, 3, 0, 4];
    a.extend_from_slice(&[0xaa; 20]);
    // With the Mobile Network Request §3.3.3 asks for alongside it.
    let pkt = mip(&with(rrq(0, 1), &[ext(148, &hex("0018c0000280")), ext(120, &a)]));
    let d = run(&pkt, &Prefs::build(Some("draft"), &[]).unwrap());
    assert_eq!(uints(&d, "mip.ext.len"), vec![6, 24]);
    assert_eq!(uint(&d, "mip.ext.mcauth.hni"), 3);
    assert_eq!(uint(&d, "mip.ext.mcauth.cni"), 4);
    assert_eq!(octets(&d, &pkt, "mip.ext.mcauth.auth"), [0xaa; 20]);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    let d = draft(&with(rrq(0, 1), &[ext(120, &a[..12])]));
    assert_eq!(experts(&d), vec!["mip.ext.len.invalid"]);
    let mut coa = vec![0, 0];
    coa.extend_from_slice(&ip4("192.0.2.40"));
    let d = draft(&with(rrp(0), &[ext(121, &coa)]));
    assert_eq!(uint(&d, "mip.ext.coa.reserved"), 0);
    assert_eq!(addr(&d, "mip.ext.coa.coa"), "192.0.2.40");
    // Under the rfc profile 120 is an unknown non-skippable extension.
    let d = rfc(&with(rrq(0, 1), &[ext(120, &a)]));
    assert_eq!(experts(&d), vec!["mip.ext.nonskippable_unknown"]);
}

/// Defect: under the draft profile, extension 50 with a sub-type other than 1 was framed in
/// the short form (Type, Length) but decoded with RFC 6521's long-form body, which read the
/// Length octet as the Sub-Type ("Sub-Type: Unknown (6)").
#[test]
fn draft_prefix_advertisement_other_subtype_stays_short_form() {
    let mut p = vec![10, 0x18];
    p.extend_from_slice(&ip4("198.51.100.20"));
    let pkt = mip(&with(rrp(0), &[ext(50, &p), mh_auth()]));
    let d = run(&pkt, &Prefs::build(Some("draft"), &[]).unwrap());
    assert_eq!(uint(&d, "mip.ext.len"), 6);
    assert_eq!(uint(&d, "mip.ext.ropa.subtype"), 10);
    // The Sub-Type is the first data octet (after Type and Length), not the Length octet.
    let st = d.find("mip.ext.ropa.subtype").unwrap();
    assert_eq!((st.offset, st.len), (28 + 20 + 2, 1));
    assert_eq!(octets(&d, &pkt, "mip.ext.ro.data"), [0x18, 198, 51, 100, 20]);
    assert!(d.find("mip.ext.ropa.hoa").is_none());
    assert_eq!(experts(&d), vec!["mip.ext.subtype_unknown"]);
    // The walk goes on after the 8 octets: the authentication extension follows.
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    // An empty extension 50 is still the short form: Length 0, then the next extension.
    let d = draft(&with(rrp(0), &[ext(50, &[]), mh_auth()]));
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    assert_eq!(experts(&d), vec!["mip.ext.len.invalid"]);
}

/// Defect: the draft prefix advertisement (seed 003 §4.1) with H clear and a prefix length
/// but no Prefix raised nothing; with H set and a Prefix present anyway, the Prefix was shown
/// as a garbage Realm string.
#[test]
fn draft_prefix_advertisement_h_flag_and_prefix_disagree() {
    let draft_prefs = Prefs::build(Some("draft"), &[]).unwrap();
    // H clear, PLen 24, the extension ends after the HoA.
    let mut p = vec![1, 0x18];
    p.extend_from_slice(&ip4("198.51.100.20"));
    let d = draft(&with(rrp(0), &[ext(50, &p)]));
    assert_eq!(experts(&d), vec!["mip.ext.ropa.bad_prefix"]);
    let e = &d.experts[0];
    assert_eq!((e.offset, e.len), (28 + 20 + 3, 1));
    assert!(d.text_of(e.text).ends_with("H clear and PLen 24 but no Prefix"), "{}", d.text_of(e.text));
    assert!(d.find("mip.ext.ropa.prefix").is_none() && d.find("mip.ext.ropa.route").is_none());
    // H clear and PLen 0: a /0 prefix still needs its Prefix field (§4.1 "from 0 to 32",
    // "one extension for each prefix"; review finding).
    let mut p0 = vec![1, 0x00];
    p0.extend_from_slice(&ip4("198.51.100.20"));
    let d = draft(&with(rrp(0), &[ext(50, &p0)]));
    assert_eq!(experts(&d), vec!["mip.ext.ropa.bad_prefix"]);
    assert!(d.text_of(d.experts[0].text).ends_with("PLen 0 but no Prefix"), "{}", d.text_of(d.experts[0].text));

    // H set (PLen ignored), then a Prefix and a Realm.
    let mut h = vec![1, 0x38];
    h.extend_from_slice(&ip4("198.51.100.20"));
    h.extend_from_slice(&ip4("203.0.113.0"));
    h.extend_from_slice(b"example.com");
    let pkt = mip(&with(rrp(0), &[ext(50, &h)]));
    let d = run(&pkt, &draft_prefs);
    assert_eq!(addr(&d, "mip.ext.ropa.prefix"), "203.0.113.0");
    assert_eq!(octets(&d, &pkt, "mip.ext.ropa.realm"), b"example.com");
    assert_eq!(experts(&d), vec!["check.haaro.ropa_h_with_prefix"]);
    assert_eq!(d.experts[0].offset, 28 + 20 + 8);
    // The analysis pass adds the finding where the decoder used to: inside the extension,
    // between the Prefix it is about and the Realm, as a `mip` item.
    let names: Vec<_> = d.nodes.iter().map(|n| n.def.abbrev).collect();
    let at = names.iter().position(|&n| n == "mip.ext.ropa.prefix").unwrap();
    let next = (at + 2..d.nodes.len()).find(|&i| d.nodes[i].depth <= d.nodes[at].depth).unwrap();
    assert_eq!(
        (names[at + 1], names[at + 2], names[next]),
        ("_ws.expert", "check.haaro.ropa_h_with_prefix", "mip.ext.ropa.realm")
    );
    assert_eq!(d.nodes[at + 1].depth, d.nodes[at].depth);
    assert_eq!(d.nodes[next].depth, d.nodes[at].depth);
    assert_eq!(d.experts[0].proto, "mip");
    let routes: Vec<_> = d.find_all("mip.ext.ropa.route").map(|n| n.value).collect();
    assert_eq!(routes.len(), 1, "only the host route");
    // H set with only a Realm: the Realm, no Prefix, nothing reported.
    let mut h = vec![1, 0x20];
    h.extend_from_slice(&ip4("198.51.100.20"));
    h.extend_from_slice(b"@example.com");
    let pkt = mip(&with(rrp(0), &[ext(50, &h)]));
    let d = run(&pkt, &draft_prefs);
    assert!(d.find("mip.ext.ropa.prefix").is_none());
    assert_eq!(octets(&d, &pkt, "mip.ext.ropa.realm"), b"@example.com");
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    // Review finding: a Realm is any UTF-8 text (RFC 7542 realms may be internationalised),
    // a closing NUL allowed; neither is taken for a Prefix.
    for realm in ["bücher.example".as_bytes(), b"abc\0"] {
        let mut h = vec![1, 0x20];
        h.extend_from_slice(&ip4("198.51.100.20"));
        h.extend_from_slice(realm);
        let pkt = mip(&with(rrp(0), &[ext(50, &h)]));
        let d = run(&pkt, &draft_prefs);
        assert!(d.find("mip.ext.ropa.prefix").is_none(), "{realm:?}");
        assert_eq!(octets(&d, &pkt, "mip.ext.ropa.realm"), realm);
        assert!(d.experts.is_empty(), "{:?}", experts(&d));
    }
    // One to three octets that are not text: reported as they are, not shown as a Realm.
    let mut h = vec![1, 0x20];
    h.extend_from_slice(&ip4("198.51.100.20"));
    h.extend_from_slice(&[0x0a, 0x00]);
    let d = draft(&with(rrp(0), &[ext(50, &h)]));
    assert!(d.find("mip.ext.ropa.realm").is_none() && d.find("mip.ext.ropa.prefix").is_none());
    assert_eq!(experts(&d), vec!["mip.ext.ropa.bad_prefix"]);
}

/// The text of the only expert item.
fn only_expert(d: &Dissection) -> (&'static str, u32, u32, String) {
    assert_eq!(d.experts.len(), 1, "{:?}", experts(d));
    let e = &d.experts[0];
    (e.def.abbrev(), e.offset, e.len, d.text_of(e.text).to_string())
}

/// Defect: non-zero Reserved bits in the MIPv4 HoTI/CoTI (seed 003 §4.3/§4.4, RFC 6521
/// §5.6-§5.9), the RO capability (§4.2, RFC 6521 §5.1) and the Care-of Address extension
/// (§4.8, RFC 6521 §5.4) went unreported (they are for the Proxy HoTI and the BID); the RO
/// capability's length message said "should be 6" when 2 is valid too.
#[test]
fn haaro_reserved_bits_and_rocap_lengths() {
    const MSG: u32 = 28; // IPv4 + UDP
    let mut hoti = vec![24, 10, 0x01, 0x02];
    hoti.extend_from_slice(&hex("0102030405060708"));
    let (x, off, len, text) = only_expert(&draft(&hoti));
    assert_eq!((x, off, len), ("mip.reserved.nonzero", MSG + 2, 2));
    assert!(text.ends_with("Home Test Init reserved 0x0102"), "{text}");
    let mut coti = vec![25, 0x40];
    coti.extend_from_slice(&hex("1112131415161718"));
    let (x, off, len, text) = only_expert(&rfc(&coti));
    assert_eq!((x, off, len), ("mip.reserved.nonzero", MSG + 1, 1));
    assert!(text.ends_with("Care-of Test Init reserved 0x40"), "{text}");
    let mut hot = vec![26, 0x77, 0, 3];
    hot.extend_from_slice(&hex("0102030405060708a1a2a3a4a5a6a7a8"));
    assert_eq!(only_expert(&rfc(&hot)).0, "mip.reserved.nonzero");
    // Zero reserved fields say nothing.
    assert!(draft(&hoti_draft(10)).experts.is_empty());

    const EXT: u32 = MSG + 24; // after a Registration Request
                               // Draft RO capability: A set and reserved 0x03; its length is 2 or 6.
    let (x, off, len, text) = only_expert(&draft(&with(rrq(0, 1), &[ext(153, &[1, 0x83]), mh_auth()])));
    assert_eq!((x, off, len), ("mip.reserved.nonzero", EXT + 3, 1));
    assert!(text.ends_with("RO capability reserved 0x03"), "{text}");
    let (x, _, _, text) = only_expert(&draft(&with(rrq(0, 1), &[ext(153, &[1, 0x80, 198, 51, 100]), mh_auth()])));
    assert_eq!(x, "mip.ext.len.invalid");
    assert!(text.ends_with("Length 5 should be 2 or 6"), "{text}");
    // RFC 6521 RO capability: the low 4 bits are reserved.
    let (x, off, _, _) = only_expert(&rfc(&with(rrq(0, 1), &[ext(153, &[1, 0x81]), mh_auth()])));
    assert_eq!((x, off), ("mip.reserved.nonzero", EXT + 3));

    const REXT: u32 = MSG + 20; // after a Registration Reply
                                // Draft Care-of Address extension: Reserved (16) 0x0100.
    let mut coa = vec![1, 0];
    coa.extend_from_slice(&ip4("192.0.2.40"));
    let (x, off, len, text) = only_expert(&draft(&with(rrp(0), &[ext(121, &coa)])));
    assert_eq!((x, off, len), ("mip.reserved.nonzero", REXT + 2, 2));
    assert!(text.ends_with("Care-of Address extension reserved 0x0100"), "{text}");
    // RFC 6521 Care-of Address (49/3) and Mobile-Correspondent Authentication (49/2).
    let (x, off, _, _) = only_expert(&rfc(&with(rrp(0), &[ext(49, &[3, 0x80, 192, 0, 2, 40])])));
    assert_eq!((x, off), ("mip.reserved.nonzero", REXT + 3));
    let mut a = vec![2, 0x01, 0, 3, 0, 4];
    a.extend_from_slice(&[0xbb; 16]);
    let (x, off, _, _) = only_expert(&rfc(&with(rrq(0, 1), &[ext(49, &a), ext(148, &hex("0018c0000280"))])));
    assert_eq!((x, off), ("mip.reserved.nonzero", EXT + 3));
}

/// The `-V` tree and the JSON of one frame.
fn rendered(data: &[u8], prefs: &Prefs) -> (String, String) {
    let d = run(data, prefs);
    let (mut tree, mut json) = (String::new(), String::new());
    dissect::output::write_tree(&mut tree, &d, data);
    dissect::output::json::write_frame(&mut json, &d, data);
    (tree, json)
}

/// Defect: the draft's extensions at their profile numbers showed "Unknown (120)" /
/// "Unknown (121)" (or IANA's name for RFC 6521's other layout at 50 and 153) as their type
/// name, and messages moved off 24-27 "Unknown (N)". The decoder's name is shown instead.
#[test]
fn haaro_profile_numbered_types_show_their_names() {
    let dp = Prefs::build(Some("draft"), &[]).unwrap();
    let mut a = vec![0, 3, 0, 4];
    a.extend_from_slice(&[0xaa; 20]);
    let (tree, json) = rendered(&mip(&with(rrq(0, 1), &[ext(120, &a)])), &dp);
    assert!(tree.contains("        Extension Type: Mobile-Correspondent Authentication (seed 003) (120)\n"), "{tree}");
    assert!(
        json.contains(r#""show":"Extension Type: Mobile-Correspondent Authentication (seed 003) (120)","value":120"#),
        "{json}"
    );
    assert!(!tree.contains("Unknown"), "{tree}");
    let mut coa = vec![0, 0];
    coa.extend_from_slice(&ip4("192.0.2.40"));
    let (tree, _) = rendered(&mip(&with(rrp(0), &[ext(121, &coa)])), &dp);
    assert!(tree.contains("Extension Type: Care-of Address (seed 003) (121)\n"), "{tree}");
    let mut pa = vec![1, 0x20];
    pa.extend_from_slice(&ip4("198.51.100.30"));
    let (tree, _) = rendered(&mip(&with(rrp(0), &[ext(50, &pa), ext(153, &[1, 0x80])])), &dp);
    assert!(tree.contains("Extension Type: Route Optimization Prefix Advertisement (seed 003) (50)\n"), "{tree}");
    assert!(tree.contains("Extension Type: Mobile Router Route Optimization Capability (seed 003) (153)\n"), "{tree}");
    // rfc profile: IANA's names at IANA's numbers; a moved number gets the decoder's name.
    let (tree, _) = rendered(&mip(&with(rrq(0, 1), &[ext(153, &[1, 0x80])])), &Prefs::default());
    assert!(tree.contains("Extension Type: Mobile Router Route Optimization Indication (153)\n"), "{tree}");
    let p = Prefs::build(None, &["haaro.ext_rocap=160".into(), "haaro.msg_hoti=100".into()]).unwrap();
    let (tree, _) = rendered(&mip(&with(rrq(0, 1), &[ext(160, &[1, 0x80])])), &p);
    assert!(tree.contains("Extension Type: Mobile Router Route Optimization Capability (160)\n"), "{tree}");
    let mut m = vec![100, 0];
    m.extend_from_slice(&hex("0102030405060708"));
    let (tree, json) = rendered(&mip(&m), &p);
    assert!(tree.contains("    Message Type: Home Test Init message (100)\n"), "{tree}");
    assert!(json.contains(r#""show":"Message Type: Home Test Init message (100)","value":100"#), "{json}");
    let d = run(&mip(&m), &p);
    assert_eq!(d.cols.info, "Home Test Init: Cookie=0x0102030405060708");
    assert_eq!(uint(&d, "mip.type"), 100);
}

#[test]
fn haaro_extensions_rfc_profile() {
    // RFC 6521 §5.3: Sub-Type, Reserved, HNI, CNI, Authenticator (First(128, HMAC-SHA1): 16 octets)
    let mut a = vec![2, 0, 0, 3, 0, 4];
    a.extend_from_slice(&[0xbb; 16]);
    // §5.4: Sub-Type, Reserved, two Care-of Addresses
    let mut c = vec![3, 0];
    c.extend_from_slice(&ip4("192.0.2.40"));
    c.extend_from_slice(&ip4("192.0.2.41"));
    // §5.5 (long form): HoA structure (M, Info 1), full /24 prefix + realm "ex" (0x02 'e' 'x' 0x00),
    // then a delta prefix with an empty realm (0x00)
    let mut pa = vec![0x41];
    pa.extend_from_slice(&ip4("198.51.100.20"));
    pa.extend_from_slice(&[24, 203, 0, 113, 2, b'e', b'x', 0]);
    pa.extend_from_slice(&[0x80 | 25, 0x05, 0]);
    let pkt =
        mip(&with(rrp(0), &[ext(49, &[1, 0x60 | 16]), ext(49, &c), ext_long(50, 1, &pa), ext(153, &[1, 0xd0]), ext(49, &a)]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uints(&d, "mip.ext.ro.subtype"), vec![1, 3, 2]);
    assert_eq!(uints(&d, "mip.ext.ro.reserved"), vec![0, 0]);
    // §5.2 RO Reply: O N S + 5-bit code
    assert!(!flag(&d, "mip.ext.rorp.o_flag") && flag(&d, "mip.ext.rorp.n_flag") && flag(&d, "mip.ext.rorp.s_flag"));
    assert_eq!(uint(&d, "mip.ext.rorp.code"), 16);
    let coas: Vec<String> = d
        .find_all("mip.ext.coa.coa")
        .map(|n| match n.value {
            Value::Ipv4(a) => std::net::Ipv4Addr::from(a).to_string(),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(coas, ["192.0.2.40", "192.0.2.41"]);
    assert_eq!(uint(&d, "mip.ext.ropa.subtype"), 1);
    assert_eq!(addr(&d, "mip.ext.ropa.hoa"), "198.51.100.20");
    assert_eq!(uints(&d, "mip.ext.ropa.info"), vec![1]);
    assert_eq!(uints(&d, "mip.ext.ropa.pfxlen"), vec![24, 25]);
    assert_eq!(addr(&d, "mip.ext.ropa.prefix"), "203.0.113.0");
    assert_eq!(octets(&d, &pkt, "mip.ext.ropa.prefix"), [203, 0, 113]);
    assert_eq!(uint(&d, "mip.ext.ropa.delta"), 5);
    assert_eq!(octets(&d, &pkt, "mip.ext.ropa.realm_enc"), [2, b'e', b'x', 0]);
    assert_eq!(d.find_all("mip.ext.ropa.entry").count(), 3);
    // §5.1 RO Capability: A R S O; S is clear here, so no HoA (0xd0 = A R O)
    assert_eq!(uint(&d, "mip.ext.rocap.subtype"), 1);
    assert!(flag(&d, "mip.ext.rocap.a_flag") && flag(&d, "mip.ext.rocap.r_flag"));
    assert!(!flag(&d, "mip.ext.rocap.s_flag") && flag(&d, "mip.ext.rocap.o_flag"));
    assert_eq!(uint(&d, "mip.ext.rocap.rsvd"), 0);
    assert_eq!(uint(&d, "mip.ext.mcauth.hni"), 3);
    assert_eq!(uint(&d, "mip.ext.mcauth.cni"), 4);
    assert_eq!(octets(&d, &pkt, "mip.ext.mcauth.auth"), [0xbb; 16]);
    assert_eq!(d.find_all("mip.ext.ro.data").count(), 0);
    // Every layout in one Reply: the RO capability belongs in a Request (seed 003 §4.2).
    assert_eq!(experts(&d), vec!["check.haaro.rocap_in_reply"]);
    let d = rfc(&with(rrp(0), &[ext(49, &[0])]));
    assert_eq!(experts(&d), vec!["mip.ext.subtype_unknown"]);
    // RO Capability with S: the MR HoA follows; without it, a length error.
    let mut cap = vec![1, 0x20];
    cap.extend_from_slice(&ip4("198.51.100.20"));
    let d = rfc(&with(rrq(0, 1), &[ext(153, &cap), mh_auth()]));
    assert_eq!(addr(&d, "mip.ext.rocap.hoa"), "198.51.100.20");
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    let d = rfc(&with(rrq(0, 1), &[ext(153, &[1, 0x20])]));
    assert_eq!(experts(&d), vec!["mip.ext.len.invalid"]);
    // Care-of Address extension with a stray octet
    let d = rfc(&with(rrp(0), &[ext(49, &[3, 0, 192, 0, 2, 40, 9])]));
    assert_eq!(experts(&d), vec!["mip.ext.len.invalid"]);
    // The extension numbers are preferences under the rfc profile too.
    let p = Prefs::build(None, &["haaro.ext_rocap=160".into()]).unwrap();
    let d = run(&mip(&with(rrq(0, 1), &[ext(160, &[1, 0])])), &p);
    assert_eq!(uint(&d, "mip.ext.rocap.subtype"), 1);
}

// ------------------------------------------------------------------ round trips

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
                    let (_, y) = <$ty>::parse(&out).unwrap();
                    prop_assert_eq!(x, y);
                    prop_assert!(<$ty>::parse(&bytes[..<$ty>::LEN - 1]).is_err());
                }
            )*
        }
    };
}

round_trip! {
    rt_reg_request: msg::RegRequest,
    rt_reg_reply: msg::RegReply,
    rt_tunnel_data: msg::TunnelData,
    rt_revocation: msg::Revocation,
    rt_revocation_ack: msg::RevocationAck,
    rt_udp_tunnel_reply: ext::UdpTunnelReply,
    rt_udp_tunnel_request: ext::UdpTunnelRequest,
    rt_revocation_support: ext::RevocationSupport,
    rt_dynamic_ha: ext::DynamicHa,
    rt_mob_net_request: ext::MobNetRequest,
    rt_mob_net_ack: ext::MobNetAck,
    rt_hoti_draft: haaro::HotiDraft,
    rt_coti_draft: haaro::CotiDraft,
    rt_hot_draft: haaro::HotDraft,
    rt_cot_draft: haaro::CotDraft,
    rt_hoti_rfc: haaro::HotiRfc,
    rt_coti_rfc: haaro::CotiRfc,
    rt_hot_rfc: haaro::HotRfc,
    rt_cot_rfc: haaro::CotRfc,
    rt_ropa_draft: haaro::RopaDraft,
    rt_rocap_draft: haaro::RocapDraft,
    rt_mcauth_draft: haaro::McAuthDraft,
    rt_coa_draft: haaro::CoaDraft,
    rt_mcauth_rfc: haaro::McAuthRfc,
    rt_coa_rfc: haaro::CoaRfc,
}

#[test]
fn layout_sizes() {
    assert_eq!(msg::RegRequest::LEN, 23);
    assert_eq!(msg::RegReply::LEN, 19);
    assert_eq!(msg::Revocation::LEN, 19);
    assert_eq!(msg::RevocationAck::LEN, 11);
    assert_eq!(haaro::HotiDraft::LEN + 1, 12);
    assert_eq!(haaro::HotDraft::LEN + 1, 20);
    assert_eq!(haaro::McAuthDraft::LEN + 20, 24);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    /// Whatever follows the UDP header on port 434, under either profile, the dissector
    /// returns a tree and never panics; every node stays inside the frame.
    #[test]
    fn never_panics(ty in prop_oneof![Just(1u8), Just(3), Just(4), Just(7), Just(15), 24u8..28, any::<u8>()],
                    body in proptest::collection::vec(any::<u8>(), 0..120),
                    profile in prop_oneof![Just("rfc"), Just("draft")]) {
        let mut payload = vec![ty];
        payload.extend_from_slice(&body);
        let pkt = mip(&payload);
        let p = Prefs::build(Some(profile), &[]).unwrap();
        let d = run(&pkt, &p);
        prop_assert!(d.find("mip.type").is_some());
        for n in &d.nodes {
            prop_assert!((n.offset + n.len) as usize <= pkt.len());
        }
    }

    /// Extensions built from arbitrary (type, data) pairs after a valid request.
    #[test]
    fn extension_walk_never_panics(exts in proptest::collection::vec((any::<u8>(), proptest::collection::vec(any::<u8>(), 0..30)), 0..6),
                                   profile in prop_oneof![Just("rfc"), Just("draft")]) {
        let mut m = rrq(0, 1);
        for (t, data) in &exts {
            m.extend_from_slice(&ext(*t, data));
        }
        let p = Prefs::build(Some(profile), &[]).unwrap();
        let d = run(&mip(&m), &p);
        prop_assert!(d.find("mip.homeaddr").is_some());
    }
}

/// RFC 3543 §3.2 lets the Revocation Support extension grow past its 6 octets (no expert item,
/// the extra octets raw); RFC 4917 §3's Text is one or more octets; RFC 3519 §3.1.4's
/// encapsulation 0 means "as the M and G flags say".
#[test]
fn extension_length_rules_from_the_rfcs() {
    let pkt = mip(&with(rrq(0, 1), &[ext(137, &hex("8000000000010a0b")), mh_auth()]));
    let d = run(&pkt, &Prefs::default());
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    assert_eq!(uint(&d, "mip.ext.rev.tstamp"), 1);
    let d = rfc(&with(rrq(0, 1), &[ext(145, b"\x01")]));
    assert!(experts(&d).contains(&"mip.ext.len.invalid"), "{:?}", experts(&d));
    let pkt = mip(&with(rrq(0, 1), &[ext(144, &hex("000000000000")), mh_auth()]));
    let d = run(&pkt, &Prefs::default());
    assert_eq!(uint(&d, "mip.ext.utrq.encaptype"), 0);
    let n = d.find("mip.ext.utrq.encaptype").unwrap();
    let mut label = String::new();
    dissect::output::write_label(&mut label, &d, &pkt, n);
    assert_eq!(label, "UDP Encap Type: As the M and G flags say (0)");
}

/// RFC 4721 §5: a Generalized Authentication extension's Length "MUST be at least 20" (flagged,
/// still decoded); RFC 5446 §3: a Service Selection extension may not be empty; RFC 5563
/// §5.5: the PMIPv4 Access Technology sub-option has Length 2.
#[test]
fn more_extension_length_rules() {
    let d = rfc(&with(rrq(0, 1), &[ext_long(36, 1, &hex("0000010001020304"))]));
    assert!(experts(&d).contains(&"mip.ext.len.invalid"), "{:?}", experts(&d));
    assert_eq!(uint(&d, "mip.auth.spi"), 0x100);
    let d = rfc(&with(rrq(0, 1), &[ext(151, b"")]));
    assert!(experts(&d).contains(&"mip.ext.len.invalid"), "{:?}", experts(&d));
    let d = rfc(&with(rrq(0, 1), &[ext(147, &hex("040300"))]));
    assert!(experts(&d).contains(&"mip.ext.len.invalid"), "{:?}", experts(&d));
    assert_eq!(uint(&d, "mip.ext.pmipv4skipext.accesstechnology_type"), 3);
}

/// A flags word's label names its set flags and holds them, as tshark 4.0's does ("Flags:
/// 0x82, Simultaneous Bindings, Reverse Tunneling", the bits one level under it: checked
/// against `tshark -V` on the same registration request).
#[test]
fn registration_flags_are_summarised_and_nested_as_tsharks() {
    let p = mip(&rrq(0x82, 1800));
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: p.len() as u32, linktype: 228, ..Default::default() };
    dissect::dissect_frame(&mut d, &p, &meta, &Prefs::default());
    let mut out = String::new();
    dissect::output::write_tree(&mut out, &d, &p);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.trim() == "Flags: 0x82, Simultaneous Bindings, Reverse Tunneling").expect(&out);
    let indent = |l: &str| l.len() - l.trim_start().len();
    assert_eq!(lines[at + 1].trim(), "1... .... = Simultaneous Bindings: True");
    assert_eq!(lines[at + 7].trim(), ".... ..1. = Reverse Tunneling: True");
    assert_eq!(lines[at + 8].trim(), ".... ...0 = Reserved: False");
    for l in &lines[at + 1..=at + 8] {
        assert_eq!(indent(l), indent(lines[at]) + 4, "{l:?} under the Flags line");
    }
    assert_eq!(indent(lines[at + 9]), indent(lines[at]), "Lifetime after the flags, beside them: {:?}", lines[at + 9]);
    assert_eq!(lines[at + 9].trim(), "Lifetime: 1800");
}
