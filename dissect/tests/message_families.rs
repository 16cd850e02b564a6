//! Mobility Header types 8–23 (the families in mh/msg/): real bytes → every decoded value, the expert
//! items for impossible counts and non-zero reserved bits, the owned layouts' round trips,
//! and a never-panic property over arbitrary message data.

use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::mh::msg::{flow_binding::*, fmip::*, ha_switch::*, handover::*, heartbeat::*};
use dissect::mh::msg::{localized_routing::*, revocation::*, subscription::*, update_notification::*};
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use proptest::prelude::*;

mod common;
use common::{flag, ip6, parser_experts, uint};

const SRC: &str = "2001:db8:4::4";
const DST: &str = "2001:db8:5::5";

/// A Mobility Header of `mh_type` with `body` then `tail` (options, already aligned), padded
/// with PadN/Pad1 to a multiple of 8, Header Len and checksum filled in.
fn mh(mh_type: u8, body: &[u8], tail: &[u8]) -> Vec<u8> {
    let mut m = vec![59, 0, mh_type, 0, 0, 0];
    m.extend_from_slice(body);
    m.extend_from_slice(tail);
    let pad = (8 - m.len() % 8) % 8;
    match pad {
        0 => {}
        1 => m.push(0),
        n => {
            m.push(1);
            m.push((n - 2) as u8);
            m.resize(m.len() + n - 2, 0);
        }
    }
    m[1] = (m.len() / 8 - 1) as u8;
    let c = dissect::checksum::compute(dissect::checksum::pseudo6(&ip6(SRC), &ip6(DST), m.len() as u32, 135), &m);
    m[4..6].copy_from_slice(&c.to_be_bytes());
    m
}

fn packet(mh: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&(mh.len() as u16).to_be_bytes());
    p.push(135);
    p.push(64);
    p.extend_from_slice(&ip6(SRC));
    p.extend_from_slice(&ip6(DST));
    p.extend_from_slice(mh);
    p
}

fn dissect_raw6(data: &[u8]) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, &Prefs::default());
    d
}

fn run(mh_type: u8, body: &[u8], tail: &[u8]) -> Dissection {
    let d = dissect_raw6(&packet(&mh(mh_type, body, tail)));
    assert_eq!(text(&d, "mip6.csum.status"), "good", "checksum of MH type {mh_type}");
    d
}

fn text<'a>(d: &'a Dissection, f: &str) -> &'a str {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Text(s, l) => d.text_of((s, l)),
        v => panic!("{f} is {v:?}"),
    }
}

fn offset(d: &Dissection, f: &str) -> u32 {
    d.find(f).unwrap_or_else(|| panic!("no {f}")).offset
}

/// Frame offset of the message data: IPv6 header (40) + MH common header (6).
const BODY: u32 = 46;

#[test]
fn fast_binding_update() {
    // seq 7, A H, 12 reserved bits 0, lifetime 10 (40 s)
    let d = run(8, &[0, 7, 0xc0, 0, 0, 10], &[]);
    assert_eq!(uint(&d, "mip6.mhtype"), 8);
    assert_eq!(uint(&d, "mip6.fbu.seqnr"), 7);
    assert!(flag(&d, "mip6.fbu.a_flag") && flag(&d, "mip6.fbu.h_flag"));
    assert!(!flag(&d, "mip6.fbu.l_flag") && !flag(&d, "mip6.fbu.k_flag"));
    assert_eq!(offset(&d, "mip6.fbu.a_flag"), BODY + 2);
    assert_eq!(uint(&d, "mip6.fbu.lifetime"), 10);
    assert_eq!(d.cols.info, "Fast Binding Update seq=7 lifetime=40 A H");
    assert!(parser_experts(&d).is_empty(), "{:?}", parser_experts(&d));
}

#[test]
fn fast_binding_update_reserved_bits_are_flagged() {
    let d = run(8, &[0, 7, 0x11, 0x01, 0, 10], &[]);
    assert!(flag(&d, "mip6.fbu.k_flag"));
    assert_eq!(uint(&d, "mip6.fbu.reserved"), 1);
    assert_eq!(uint(&d, "mip6.fbu.reserved2"), 1);
    assert_eq!(parser_experts(&d), ["mip6.reserved.nonzero", "mip6.reserved.nonzero"]);
}

#[test]
fn fast_binding_acknowledgment() {
    let d = run(9, &[1, 0x80, 0, 7, 0, 10], &[]);
    assert_eq!(uint(&d, "mip6.fback.status"), 1);
    assert!(flag(&d, "mip6.fback.k_flag"));
    assert_eq!(uint(&d, "mip6.fback.seqnr"), 7);
    assert_eq!(uint(&d, "mip6.fback.lifetime"), 10);
    assert_eq!(d.cols.info, "Fast Binding Acknowledgment seq=7 lifetime=40 status=1 (Accepted but use supplied NCoA) K");
}

#[test]
fn fast_neighbor_advertisement_then_options() {
    // reserved, then an MH Link-Layer Address option (type 7, code 2, 6-octet MAC)
    let d = run(10, &[0, 0], &[7, 7, 2, 2, 0, 0, 0, 0, 1]);
    let n = d.find("mip6.fast_neighbor_advertisement").unwrap();
    assert_eq!((n.offset, n.len), (BODY, 2));
    // the option walk starts right after the 2 reserved octets
    assert_eq!(offset(&d, "mip6.mobility_opt.len"), BODY + 3);
    assert_eq!(uint(&d, "mip6.mobility_opt.len"), 7);
}

#[test]
fn experimental_mobility_header_is_data_to_the_end() {
    let body: Vec<u8> = (0xa0..0xaa).collect();
    let d = run(11, &body, &[]);
    let n = d.find("mip6.em.data").unwrap();
    assert_eq!((n.offset, n.len), (BODY, 10));
    assert!(d.find("mip6.mobility_opt.len").is_none());
    assert_eq!(d.cols.info, "Experimental Mobility Header (10 bytes)");
}

#[test]
fn home_agent_switch_addresses_then_options_at_the_right_offset() {
    let mut body = vec![2, 0];
    body.extend_from_slice(&ip6("2001:db8:1::2"));
    body.extend_from_slice(&ip6("2001:db8:1::3"));
    // body ends at MH offset 40 = 8n: Binding Refresh Advice (2n) 30
    let d = run(12, &body, &[2, 2, 0, 30]);
    assert_eq!(uint(&d, "mip6.has.num_addrs"), 2);
    let addrs: Vec<_> = d.find_all("mip6.has.address").map(|n| (n.offset, n.value)).collect();
    assert_eq!(addrs, [(BODY + 2, Value::Ipv6(ip6("2001:db8:1::2"))), (BODY + 18, Value::Ipv6(ip6("2001:db8:1::3")))]);
    assert_eq!(uint(&d, "mip6.bra.interval"), 30);
    assert_eq!(offset(&d, "mip6.bra.interval"), BODY + 36);
    assert!(parser_experts(&d).is_empty(), "{:?}", parser_experts(&d));
    assert_eq!(d.cols.info, "Home Agent Switch addresses=2");
}

#[test]
fn home_agent_switch_count_larger_than_the_header() {
    let mut body = vec![3, 0];
    body.extend_from_slice(&ip6("2001:db8:1::2"));
    let d = run(12, &body, &[]);
    assert_eq!(d.find_all("mip6.has.address").count(), 1);
    assert_eq!(parser_experts(&d), ["mip6.has.num_addrs.invalid"]);
    assert!(d.find("mip6.mobility_opt.len").is_none(), "the remainder is not walked as options");
}

#[test]
fn heartbeat_request_and_response() {
    let d = run(13, &[0, 0, 1, 2, 3, 4], &[]);
    assert!(!flag(&d, "mip6.hb.u_flag") && !flag(&d, "mip6.hb.r_flag"));
    assert_eq!(uint(&d, "mip6.hb.seqnr"), 0x0102_0304);
    assert_eq!(d.cols.info, "Heartbeat request seq=16909060");
    // Restart Counter option (28) follows at MH offset 12 = 4n
    let d = run(13, &[0, 3, 0, 0, 0, 9], &[28, 4, 0, 0, 0, 5]);
    assert!(flag(&d, "mip6.hb.u_flag") && flag(&d, "mip6.hb.r_flag"));
    assert_eq!(d.cols.info, "Heartbeat response seq=9 U");
    assert_eq!(offset(&d, "mip6.mobility_opt.len"), BODY + 7);
}

#[test]
fn heartbeat_reserved_bits_are_flagged() {
    let d = run(13, &[1, 0x80, 0, 0, 0, 7], &[]);
    assert_eq!(uint(&d, "mip6.hb.reserved"), 1);
    assert_eq!(uint(&d, "mip6.hb.flags_reserved"), 0x20);
    assert_eq!(parser_experts(&d), ["mip6.reserved.nonzero", "mip6.reserved.nonzero"]);
}

#[test]
fn handover_initiate_codes_and_flags() {
    let d = run(14, &[0, 100, 0xc0, 0], &[]);
    assert_eq!(uint(&d, "mip6.hi.seqnr"), 100);
    assert!(flag(&d, "mip6.hi.s_flag") && flag(&d, "mip6.hi.u_flag"));
    assert!(!flag(&d, "mip6.hi.p_flag") && !flag(&d, "mip6.hi.f_flag"));
    assert_eq!(uint(&d, "mip6.hi.code"), 0);
    assert_eq!(d.cols.info, "Handover Initiate seq=100 code=0 (FBU with the PCoA as source IP address) S U");
    let d = run(14, &[0, 102, 0x30, 2], &[]);
    assert!(flag(&d, "mip6.hi.p_flag") && flag(&d, "mip6.hi.f_flag"));
    assert_eq!(d.cols.info, "Handover Initiate seq=102 code=2 (Indicate the completion of forwarding) P F");
    let d = run(14, &[0, 1, 0x01, 1], &[]);
    assert_eq!(uint(&d, "mip6.hi.msg_reserved"), 1);
    assert_eq!(parser_experts(&d), ["mip6.reserved.nonzero"]);
}

#[test]
fn handover_acknowledge_codes() {
    let d = run(15, &[0, 101, 0, 128], &[]);
    assert_eq!(uint(&d, "mip6.hack.seqnr"), 101);
    assert_eq!(uint(&d, "mip6.hack.code"), 128);
    assert_eq!(d.cols.info, "Handover Acknowledge seq=101 code=128 (Handover Not Accepted, reason unspecified)");
    // RFC 5949: code 0 with P set is "Handover Accepted or Successful"
    let d = run(15, &[0, 102, 0x40, 0], &[]);
    assert!(flag(&d, "mip6.hack.p_flag"));
    assert_eq!(d.cols.info, "Handover Acknowledge seq=102 code=0 (Handover Accepted or Successful) P");
    let d = run(15, &[0, 103, 0xa0, 5], &[]);
    assert!(flag(&d, "mip6.hack.u_flag") && flag(&d, "mip6.hack.f_flag") && !flag(&d, "mip6.hack.p_flag"));
    assert_eq!(d.cols.info, "Handover Acknowledge seq=103 code=5 (Context Transfer Accepted or Successful) U F");
}

#[test]
fn binding_revocation_indication_and_acknowledgement() {
    let d = run(16, &[1, 2, 0x01, 0xf4, 0xa0, 0x00], &[]);
    assert_eq!(uint(&d, "mip6.bri_br.type"), 1);
    assert_eq!(uint(&d, "mip6.bri_r.trigger"), 2);
    assert_eq!(uint(&d, "mip6.bri_seqnr"), 500);
    assert!(flag(&d, "mip6.bri_ip") && !flag(&d, "mip6.bri_iv") && flag(&d, "mip6.bri_ig"));
    assert!(d.find("mip6.bri_status").is_none());
    assert_eq!(d.cols.info, "Binding Revocation Indication seq=500 trigger=2 (Inter-MAG Handover - same Access Type) P G");

    let d = run(16, &[2, 129, 0x01, 0xf4, 0xc0, 0x00], &[]);
    assert_eq!(uint(&d, "mip6.bri_status"), 129);
    assert!(flag(&d, "mip6.bri_ap") && flag(&d, "mip6.bri_av") && !flag(&d, "mip6.bri_ag"));
    assert!(d.find("mip6.bri_r.trigger").is_none());
    // IANA's status table, not Wireshark's obsolete 0-6 one
    assert_eq!(d.cols.info, "Binding Revocation Acknowledgement seq=500 status=129 (IPv4 Home Address Option Required) P V");
}

#[test]
fn binding_revocation_unknown_type_and_reserved_bits() {
    let d = run(16, &[7, 1, 0, 1, 0, 0], &[]);
    assert_eq!(uint(&d, "mip6.br.value"), 1);
    assert_eq!(parser_experts(&d), ["mip6.br.type.unknown"]);
    let d = run(16, &[1, 0, 0, 1, 0x00, 0x01], &[]);
    assert_eq!(uint(&d, "mip6.bri_res"), 1);
    assert_eq!(parser_experts(&d), ["mip6.reserved.nonzero"]);
}

#[test]
fn localized_routing_decoded_from_mh_offset_6() {
    let d = run(17, &[0, 9, 0, 0, 0x01, 0x2c], &[]);
    assert_eq!(uint(&d, "mip6.lri.sequence"), 9);
    assert_eq!(offset(&d, "mip6.lri.sequence"), BODY);
    assert_eq!(uint(&d, "mip6.lri.reserved"), 0);
    assert_eq!(uint(&d, "mip6.lri.lifetime"), 300);
    assert_eq!(d.cols.info, "Localized Routing Initiation seq=9 lifetime=300");

    let d = run(18, &[0, 9, 0x80, 128, 0x01, 0x2c], &[]);
    assert_eq!(uint(&d, "mip6.lra.sequence"), 9);
    assert!(flag(&d, "mip6.lri.unsolicited"));
    assert_eq!(uint(&d, "mip6.lra.reserved"), 0);
    assert_eq!(uint(&d, "mip6.lra.status"), 128);
    assert_eq!(uint(&d, "mip6.lra.lifetime"), 300);
    assert_eq!(d.cols.info, "Localized Routing Acknowledgment seq=9 status=128 (Localized Routing Not Allowed) lifetime=300 U");
}

#[test]
fn update_notification_and_acknowledgement() {
    // RFC 7077 §4.1: Sequence # (16) | Notification Reason (16) | A D + 14 reserved bits
    let d = run(19, &[0, 21, 0, 1, 0x80, 0], &[]);
    assert_eq!(uint(&d, "mip6.un.seqnr"), 21);
    assert_eq!(uint(&d, "mip6.un.reason"), 1);
    assert_eq!(offset(&d, "mip6.un.reason"), BODY + 2);
    assert!(flag(&d, "mip6.un.a_flag") && !flag(&d, "mip6.un.d_flag"));
    assert_eq!(offset(&d, "mip6.un.a_flag"), BODY + 4);
    assert_eq!(d.cols.info, "Update Notification seq=21 reason=1 (FORCE-REREGISTRATION) A");
    assert!(parser_experts(&d).is_empty());
    // a retransmission (D) of reason 2, and a reason only the high octet can carry
    let d = run(19, &[0, 22, 0, 2, 0xc0, 0], &[]);
    assert!(flag(&d, "mip6.un.a_flag") && flag(&d, "mip6.un.d_flag"));
    assert_eq!(d.cols.info, "Update Notification seq=22 reason=2 (UPDATE-SESSION-PARAMETERS) A D");
    let d = run(19, &[0, 23, 1, 0, 0, 0], &[]);
    assert_eq!(uint(&d, "mip6.un.reason"), 256);
    assert_eq!(d.cols.info, "Update Notification seq=23 reason=256 (unknown)");
    let d = run(19, &[0, 24, 0, 1, 0x00, 0x01], &[]);
    assert_eq!(uint(&d, "mip6.un.reserved"), 1);
    assert_eq!(parser_experts(&d), ["mip6.reserved.nonzero"]);

    let d = run(20, &[0, 21, 128, 0, 0, 0], &[]);
    assert_eq!(uint(&d, "mip6.una.seqnr"), 21);
    assert_eq!(uint(&d, "mip6.una.status"), 128);
    assert_eq!(d.cols.info, "Update Notification Acknowledgement seq=21 status=128 (FAILED-TO-UPDATE-SESSION-PARAMETERS)");
    let d = run(20, &[0, 21, 0, 0, 0, 1], &[]);
    assert_eq!(parser_experts(&d), ["mip6.reserved.nonzero"]);
}

#[test]
fn flow_binding_indication_and_acknowledgement() {
    // RFC 7109 §6.1.1: FB Type (16) | Sequence # | Trigger | A + 7 reserved bits
    let d = run(21, &[0, 1, 0, 33, 2, 0x80], &[]);
    assert_eq!(uint(&d, "mip6.fb.type"), 1);
    assert_eq!(uint(&d, "mip6.fb.seqnr"), 33);
    assert_eq!(offset(&d, "mip6.fb.seqnr"), BODY + 2);
    assert_eq!(uint(&d, "mip6.fb.trigger"), 2);
    assert!(flag(&d, "mip6.fb.a_flag"));
    assert_eq!(d.cols.info, "Flow Binding Indication seq=33 trigger=2 (Administrative Reason) A");
    assert!(parser_experts(&d).is_empty());

    let d = run(21, &[0, 2, 0, 33, 128, 0], &[]);
    assert_eq!(uint(&d, "mip6.fb.status"), 128);
    assert!(d.find("mip6.fb.a_flag").is_none());
    assert_eq!(d.cols.info, "Flow Binding Acknowledgement seq=33 status=128 (Binding (target CoA) Does NOT Exist)");

    // the type is 16 bits: 0x0100 is not an Indication
    let d = run(21, &[1, 0, 0, 1, 0, 0], &[]);
    assert_eq!(uint(&d, "mip6.fb.type"), 256);
    assert_eq!(parser_experts(&d), ["mip6.fb.type.unknown"]);
    let d = run(21, &[0, 9, 0, 1, 0, 0], &[]);
    assert_eq!(parser_experts(&d), ["mip6.fb.type.unknown"]);
}

#[test]
fn subscription_query_and_response() {
    let d = run(22, &[5, 0], &[]);
    assert_eq!(uint(&d, "mip6.sq.seqnr"), 5);
    assert_eq!(d.cols.info, "Subscription Query seq=5");
    // Nonce Indices (2n) right after the 2-octet fixed part, at MH offset 8
    let d = run(23, &[5, 0x80], &[4, 4, 0, 1, 0, 2]);
    assert_eq!(uint(&d, "mip6.sr.seqnr"), 5);
    assert!(flag(&d, "mip6.sr.i_flag"));
    assert_eq!(uint(&d, "mip6.ni.hni"), 1);
    assert_eq!(uint(&d, "mip6.ni.cni"), 2);
    assert_eq!(d.cols.info, "Subscription Response seq=5 I");
}

#[test]
fn every_type_has_its_iana_name_and_a_truncated_fixed_part_is_reported() {
    for t in 8u8..=23 {
        let def = dissect::mh::msg::by_type(t).unwrap_or_else(|| panic!("type {t}"));
        assert!(!def.name.is_empty());
        if def.min_len == 0 {
            continue;
        }
        // Header Len 0 (8 octets), but the IP payload stops 1 octet into the fixed part.
        let mut m = vec![59, 0, t, 0, 0, 0, 0, 0];
        m.truncate(7);
        let d = dissect_raw6(&packet(&m));
        assert!(parser_experts(&d).contains(&"mip6.truncated"), "type {t}: {:?}", parser_experts(&d));
    }
    assert!(dissect::mh::msg::by_type(24).is_none());
}

macro_rules! round_trip {
    ($name:ident, $ty:ty) => {
        proptest! {
            #[test]
            fn $name(bytes in proptest::collection::vec(any::<u8>(), <$ty>::LEN)) {
                let (rest, v) = <$ty>::parse(&bytes).unwrap();
                prop_assert!(rest.is_empty());
                let mut out = Vec::new();
                v.emit(&mut out);
                prop_assert_eq!(&out, &bytes);
                let (_, again) = <$ty>::parse(&out).unwrap();
                prop_assert_eq!(again, v);
            }
        }
    };
}

round_trip!(rt_fbu, Fbu);
round_trip!(rt_fback, Fback);
round_trip!(rt_fna, Fna);
round_trip!(rt_has, HasFixed);
round_trip!(rt_hb, Hb);
round_trip!(rt_hi, Hi);
round_trip!(rt_hack, Hack);
round_trip!(rt_bri, Bri);
round_trip!(rt_bra, Bra);
round_trip!(rt_br_other, BrOther);
round_trip!(rt_lri, Lri);
round_trip!(rt_lra, Lra);
round_trip!(rt_upn, Upn);
round_trip!(rt_upa, Upa);
round_trip!(rt_fbi, Fbi);
round_trip!(rt_fba, Fba);
round_trip!(rt_fb_other, FbOther);
round_trip!(rt_sq, Sq);
round_trip!(rt_sr, Sr);

#[test]
fn struct_values_round_trip() {
    let v = Hi { seq: 0xbeef, flags: HiFlags(0xf0), code: HiCode::AllContextTransferred };
    let mut out = Vec::new();
    v.emit(&mut out);
    assert_eq!(out, [0xbe, 0xef, 0xf0, 3]);
    assert_eq!(Hi::parse(&out).unwrap().1, v);
    let v = Bra {
        br_type: BrType::Acknowledgement,
        status: BraStatus::ProxyRevocationNotSupported,
        seq: 1,
        flags: BrFlags(BrFlags::P | BrFlags::V | BrFlags::G),
    };
    out.clear();
    v.emit(&mut out);
    assert_eq!(Bra::parse(&out).unwrap().1, v);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    /// Arbitrary message data (and an arbitrary Header Len) for every type 8–23 inside a valid
    /// IPv6 envelope: the dissector must return a tree, never panic.
    #[test]
    fn never_panics(t in 8u8..=23, hlen in any::<u8>(), body in proptest::collection::vec(any::<u8>(), 0..120)) {
        let mut m = vec![59, hlen, t, 0, 0, 0];
        m.extend_from_slice(&body);
        let d = dissect_raw6(&packet(&m));
        prop_assert!(d.find("mip6.mhtype").is_some());
    }

    /// Plausible Home Agent Switch counts against every body length.
    #[test]
    fn has_never_panics(n in any::<u8>(), len in 0usize..200) {
        let mut body = vec![n, 0];
        body.resize(2 + len, 0x20);
        let m = mh(12, &body, &[]);
        let d = dissect_raw6(&packet(&m));
        prop_assert!(d.find_all("mip6.has.address").count() <= usize::from(n));
    }
}
