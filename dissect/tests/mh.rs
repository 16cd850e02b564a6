//! Mobility Header: real bytes → every field value, checksum rules, and the owned form's
//! round trip (`emit(parse(x)) == x`, `parse(emit(r)) == r`).

use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Be, BeStatus, Brr, BrrFlags, Bu, BuFlags};
use dissect::mh::msg::rr::{Cot, Coti, Hot, Hoti};
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::base::{AltCoa, Bra, Mnp, NonceIndices};
use dissect::mh::opt::fmip::{FmipOpt, MhLlaFixed};
use dissect::mh::opt::MhOption;
use dissect::mh::opt::Tail;
use dissect::mh::{HdrLenError, MhBody, MhEmitError, MhRepr, MhType};
use dissect::model::{Auto, EmitCx};
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use dissect::wire::Ip6;
use proptest::prelude::*;

mod common;
use common::{experts, hex, ip6, parser_experts, uint};

/// An IPv6 packet (raw, link type 229) carrying `ext` extension-header bytes (whose first
/// header is `first_nh`) and then `payload` with next header `nh`.
fn packet(src: &str, dst: &str, first_nh: u8, ext: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&((ext.len() + payload.len()) as u16).to_be_bytes());
    p.push(first_nh);
    p.push(64);
    p.extend_from_slice(&ip6(src));
    p.extend_from_slice(&ip6(dst));
    p.extend_from_slice(ext);
    p.extend_from_slice(payload);
    p
}

/// A Destination Options header with PadN to put the Home Address option at 8n+6.
fn hao(next: u8, home: &str) -> Vec<u8> {
    let mut h = vec![next, 2, 1, 2, 0, 0, 0xc9, 16];
    h.extend_from_slice(&ip6(home));
    h
}

fn dissect_raw6(data: &[u8]) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, &Prefs::default());
    d
}

fn text<'a>(d: &'a Dissection, f: &str) -> &'a str {
    match d.find(f).unwrap_or_else(|| panic!("no {f}")).value {
        Value::Text(s, l) => d.text_of((s, l)),
        v => panic!("{f} is {v:?}"),
    }
}

/// reference.md §5.4: a return-routability BU with Nonce Indices and Binding Authorization
/// Data, sent from the CoA with a Home Address option. Its checksum (0x9bbf) is right only
/// when the home address is the pseudo-header source.
const KAT_BU: &str = "3b0305009bbf000180000010040400010002050c03e315717e3c17bd6a88adae";

#[test]
fn rr_bu_vector_decodes_every_field_and_checksum_uses_hao() {
    let mh = hex(KAT_BU);
    let p = packet("2001:db8:bbbb::1", "2001:db8:cccc::2", 60, &hao(135, "2001:db8:aaaa::1"), &mh);
    let d = dissect_raw6(&p);
    assert_eq!(uint(&d, "mip6.proto"), 59);
    assert_eq!(uint(&d, "mip6.hlen"), 3);
    assert_eq!(uint(&d, "mip6.mhtype"), 5);
    assert_eq!(uint(&d, "mip6.csum"), 0x9bbf);
    assert_eq!(text(&d, "mip6.csum.status"), "good");
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 1);
    assert_eq!(d.find("mip6.bu.a_flag").unwrap().value, Value::Bool(true));
    for f in ["h", "l", "k", "m", "p", "f", "t", "b", "s", "d"] {
        assert_eq!(d.find(&format!("mip6.bu.{f}_flag")).unwrap().value, Value::Bool(false), "{f}");
    }
    assert_eq!(d.find("mip6.nemo.bu.r_flag").unwrap().value, Value::Bool(false));
    assert_eq!(uint(&d, "mip6.bu.lifetime"), 16);
    assert_eq!(uint(&d, "mip6.ni.hni"), 1);
    assert_eq!(uint(&d, "mip6.ni.cni"), 2);
    let auth = d.find("mip6.bad.auth").unwrap();
    assert_eq!(&p[auth.offset as usize..(auth.offset + auth.len) as usize], &hex("03e315717e3c17bd6a88adae")[..]);
    assert_eq!(d.find("ipv6.opt.mipv6.home_address").unwrap().value, Value::Ipv6(ip6("2001:db8:aaaa::1")));
    assert!(parser_experts(&d).is_empty(), "unexpected experts {:?}", parser_experts(&d));
    assert_eq!(d.cols.info, "Binding Update seq=1 lifetime=64 A");

    // The same header without the HAO: the CoA is the source and the checksum is wrong.
    let p = packet("2001:db8:bbbb::1", "2001:db8:cccc::2", 135, &[], &mh);
    let d = dissect_raw6(&p);
    assert_eq!(text(&d, "mip6.csum.status"), "bad");
    assert_eq!(parser_experts(&d), ["mip6.csum.bad"]);
    let e = &d.experts[0];
    assert_eq!((e.offset, e.len), (40 + 4, 2));
}

/// reference.md §2.4, Scapy's known answers (checksums independently re-verified there).
#[test]
fn scapy_vectors_checksums() {
    for (mh, want) in [
        ("3b00000068fb0000", 0x68fb),
        ("3b01010067f200000000000000000000", 0x67f2),
        ("3b01020066f200000000000000000000", 0x66f2),
        ("3b02030065e9000000000000000000000000000000000000", 0x65e9),
        ("3b02040064e9000000000000000000000000000000000000", 0x64e9),
    ] {
        let p = packet("2001:db8::1", "2001:db8::2", 135, &[], &hex(mh));
        let d = dissect_raw6(&p);
        assert_eq!(uint(&d, "mip6.csum"), want);
        assert_eq!(text(&d, "mip6.csum.status"), "good", "{mh}");
        assert!(parser_experts(&d).is_empty(), "{mh}: {:?}", parser_experts(&d));
    }
    // BU behind HAO(::) from ::1 to ::1: right only with the HAO address as source.
    let mh = hex("3b010500ee6000 00d000000301020000".replace(' ', "").as_str());
    let p = packet("::1", "::1", 60, &hao(135, "::"), &mh);
    let d = dissect_raw6(&p);
    assert_eq!(text(&d, "mip6.csum.status"), "good");
    assert_eq!(uint(&d, "mip6.bu.lifetime"), 3);
    // BA (K, lifetime 42) ::1 → ::1.
    let p = packet("::1", "::1", 135, &[], &hex("3b010600bcb90080 0000002a01020000".replace(' ', "").as_str()));
    let d = dissect_raw6(&p);
    assert_eq!(text(&d, "mip6.csum.status"), "good");
    assert_eq!(d.find("mip6.ba.k_flag").unwrap().value, Value::Bool(true));
    assert_eq!(uint(&d, "mip6.ba.lifetime"), 42);
    assert_eq!(uint(&d, "mip6.ba.status"), 0);
}

/// `r` emitted with the checksum over the IPv6 pseudo-header (`src`, `dst`), rfc profile.
fn emit6(r: &MhRepr, src: [u8; 16], dst: [u8; 16]) -> Vec<u8> {
    let prefs = Prefs::default();
    let cx = EmitCx { ip: Some(dissect::IpCtx::V6 { src, dst }), ..EmitCx::new(&prefs) };
    let mut mh = Vec::new();
    r.emit(&cx, &mut mh).unwrap();
    mh
}

/// A BA from the HA 2001:db8:1::1 (status 0, K, seq 7, lifetime 100), checksummed with `dst`
/// as the pseudo-header destination.
fn ba_checksummed_to(dst: &str) -> Vec<u8> {
    let mut r = MhRepr::new(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(BaFlags::K), seq: 7, lifetime: 100 });
    r.options = vec![MhOption::Base(BaseOpt::PadN(vec![0, 0]))];
    assert_eq!(r.fill_hdr_len(), Ok(1));
    emit6(&r, ip6("2001:db8:1::1"), ip6(dst))
}

#[test]
fn type2_routing_header_home_address_is_the_pseudo_destination() {
    // BA from the HA to the CoA with a type 2 routing header carrying the home address.
    let home = "2001:db8:1::100";
    let mh = ba_checksummed_to(home);
    let mut rh = vec![135, 2, 2, 1, 0, 0, 0, 0];
    rh.extend_from_slice(&ip6(home));
    let p = packet("2001:db8:1::1", "2001:db8:2::100", 43, &rh, &mh);
    let d = dissect_raw6(&p);
    assert_eq!(uint(&d, "ipv6.routing.type"), 2);
    assert_eq!(uint(&d, "ipv6.routing.segleft"), 1);
    assert_eq!(d.find("ipv6.routing.mipv6.home_address").unwrap().value, Value::Ipv6(ip6(home)));
    assert_eq!(text(&d, "mip6.csum.status"), "good");
    assert_eq!(uint(&d, "mip6.ba.seqnr"), 7);
    assert_eq!(uint(&d, "mip6.ba.lifetime"), 100);
    assert!(parser_experts(&d).is_empty(), "{:?}", parser_experts(&d));
}

#[test]
fn every_message_type_decodes_its_fields() {
    let a = ip6("2001:db8::1");
    let b = ip6("2001:db8::2");
    let hoa = Ip6(ip6("2001:db8:1::100"));
    let cases: Vec<(MhBody, Vec<(&str, u64)>)> = vec![
        (MhBody::Brr(Brr { flags: BrrFlags(0) }), vec![("mip6.mhtype", 0)]),
        (MhBody::Hoti(Hoti { reserved: 0, cookie: 0x0102_0304_0506_0708 }), vec![("mip6.hoti.cookie", 0x0102_0304_0506_0708)]),
        (MhBody::Coti(Coti { reserved: 0, cookie: 0x1112_1314_1516_1718 }), vec![("mip6.coti.cookie", 0x1112_1314_1516_1718)]),
        (
            MhBody::Hot(Hot { nonce_index: 0x1234, cookie: 0xaa, token: 0xbb }),
            vec![("mip6.hot.nindex", 0x1234), ("mip6.hot.cookie", 0xaa), ("mip6.hot.token", 0xbb)],
        ),
        (
            MhBody::Cot(Cot { nonce_index: 9, cookie: 0xcc, token: 0xdd }),
            vec![("mip6.cot.nindex", 9), ("mip6.cot.cookie", 0xcc), ("mip6.cot.token", 0xdd)],
        ),
        (
            MhBody::Bu(Bu { seq: 42, flags: BuFlags(0xfff0), lifetime: 150 }),
            vec![("mip6.bu.seqnr", 42), ("mip6.bu.lifetime", 150), ("mip6.bu.reserved", 0)],
        ),
        (
            MhBody::Ba(Ba { status: BaStatus::MobileRouterOperationNotPermitted, flags: BaFlags(0xfe), seq: 42, lifetime: 150 }),
            vec![("mip6.ba.status", 140), ("mip6.ba.seqnr", 42), ("mip6.ba.lifetime", 150)],
        ),
        (MhBody::Be(Be { status: BeStatus::UnrecognizedMhType, reserved: 0, home_address: hoa }), vec![("mip6.be.status", 2)]),
    ];
    for (i, (body, want)) in cases.into_iter().enumerate() {
        let r = MhRepr::new(body);
        let mh_type = r.mh_type(&Prefs::default());
        assert_eq!(usize::from(mh_type), i);
        let mh = emit6(&r, a, b);
        let d = dissect_raw6(&packet("2001:db8::1", "2001:db8::2", 135, &[], &mh));
        assert_eq!(uint(&d, "mip6.mhtype"), u64::from(mh_type));
        for (f, v) in want {
            assert_eq!(uint(&d, f), v, "type {mh_type} field {f}");
        }
        assert_eq!(text(&d, "mip6.csum.status"), "good", "type {mh_type}");
        assert!(parser_experts(&d).is_empty(), "type {mh_type}: {:?}", parser_experts(&d));
        if MhType::from(mh_type) == MhType::BindingUpdate {
            for f in ["a", "h", "l", "k", "m", "p", "f", "t", "b", "s", "d"] {
                assert_eq!(d.find(&format!("mip6.bu.{f}_flag")).unwrap().value, Value::Bool(true), "BU {f}");
            }
            assert_eq!(d.cols.protocol, "NEMO");
            assert!(d.cols.info.ends_with("A H L K M R P F T B S D"), "{}", d.cols.info);
        }
        if MhType::from(mh_type) == MhType::BindingAcknowledgement {
            for f in ["k", "p", "t", "b", "s", "d"] {
                assert_eq!(d.find(&format!("mip6.ba.{f}_flag")).unwrap().value, Value::Bool(true), "BA {f}");
            }
            assert!(d.cols.info.contains("Mobile Router Operation not permitted"), "{}", d.cols.info);
        }
        if MhType::from(mh_type) == MhType::BindingError {
            assert_eq!(d.find("mip6.be.haddr").unwrap().value, Value::Ipv6(hoa.0));
        }
    }
}

#[test]
fn options_decode_and_rules_are_checked() {
    let a = ip6("2001:db8::1");
    let b = ip6("2001:db8::2");
    // BU at offset 12: NI needs 2n (12 ok), AltCoA needs 8n+6, MNP 8n+4.
    let mut r = MhRepr {
        options: vec![
            MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: 5, careof: 6 })), // 12..18
            MhOption::Base(BaseOpt::PadN(vec![0, 0, 0, 0])),                            // 18..24
            MhOption::Base(BaseOpt::PadN(vec![0, 0, 0, 0])),                            // 24..30
            MhOption::Base(BaseOpt::AltCoa(AltCoa { address: Ip6(ip6("2001:db8:2::1")) })), // 30..48 (30 = 8*3+6)
            MhOption::Base(BaseOpt::PadN(vec![0, 0])),                                  // 48..52
            MhOption::Base(BaseOpt::Mnp(Mnp { reserved: 0, prefix_len: 48, prefix: Ip6(ip6("2001:db8:1000::")) })), // 52 = 8*6+4
            MhOption::Base(BaseOpt::Bra(Bra { interval: 30 })),                         // 72..76
            MhOption::Fmip(FmipOpt::MhLla(Tail { fixed: MhLlaFixed { code: 2.into() }, rest: vec![2, 0, 0, 0, 0, 1] })), // 76..85
            MhOption::PAD1,
            MhOption::PAD1,
            MhOption::PAD1,
        ],
        ..MhRepr::new(Bu { seq: 1, flags: BuFlags(0x8400), lifetime: 10 })
    };
    r.fill_hdr_len().unwrap();
    let mh = emit6(&r, a, b);
    assert_eq!(mh.len() % 8, 0);
    let d = dissect_raw6(&packet("2001:db8::1", "2001:db8::2", 135, &[], &mh));
    assert!(parser_experts(&d).is_empty(), "{:?}", parser_experts(&d));
    assert_eq!(uint(&d, "mip6.ni.hni"), 5);
    assert_eq!(uint(&d, "mip6.ni.cni"), 6);
    assert_eq!(d.find("mip6.acoa.acoa").unwrap().value, Value::Ipv6(ip6("2001:db8:2::1")));
    assert_eq!(uint(&d, "mip6.nemo.mnp.pfl"), 48);
    assert_eq!(d.find("mip6.nemo.mnp.mnp").unwrap().value, Value::Ipv6(ip6("2001:db8:1000::")));
    assert_eq!(uint(&d, "mip6.bra.interval"), 30);
    assert_eq!(uint(&d, "mip6.lla.optcode"), 2);
    assert_eq!(d.find_all("mip6.options.pad1").count(), 3);
    assert_eq!(d.find_all("mip6.mobility_opt.len").count(), 8);

    // Misalign the AltCoA by removing two octets of padding before it: an alignment item.
    // (Padding given: a built header's computed padding would realign it.)
    let mut r2 = r.clone();
    r2.padding = Auto::Given(0);
    r2.options[2] = MhOption::Base(BaseOpt::PadN(vec![0, 0]));
    r2.options[4] = MhOption::Base(BaseOpt::PadN(vec![0, 0, 0, 0]));
    let mh2 = emit6(&r2, a, b);
    let d = dissect_raw6(&packet("2001:db8::1", "2001:db8::2", 135, &[], &mh2));
    assert_eq!(parser_experts(&d), ["mip6.opt.alignment"]);
    assert_eq!(d.experts[0].offset as usize, 40 + 28);
}

#[test]
fn malformed_headers_give_expert_items() {
    let src = "2001:db8::1";
    let dst = "2001:db8::2";
    // Nonce Indices with length 3, and an unknown option.
    let mh = hex("3b0205000000000180000010040300010000c8010000000000000000");
    let d = dissect_raw6(&packet(src, dst, 135, &[], &mh));
    let e = parser_experts(&d);
    assert!(e.contains(&"mip6.opt.len.invalid"), "{e:?}");
    assert!(e.contains(&"mip6.csum.bad"), "{e:?}");
    // Header Len 0 for a BU (needs 12 bytes): bogus header length; fields still shown.
    let mh = hex("3b0005000000000180000010");
    let d = dissect_raw6(&packet(src, dst, 135, &[], &mh));
    assert!(parser_experts(&d).contains(&"mip6.bogus_header_length"), "{:?}", parser_experts(&d));
    assert_eq!(uint(&d, "mip6.bu.seqnr"), 1);
    // Header Len larger than the payload.
    let mh = hex("3b0505000000000180000010");
    let d = dissect_raw6(&packet(src, dst, 135, &[], &mh));
    assert!(parser_experts(&d).contains(&"mip6.bogus_header_length"), "{:?}", parser_experts(&d));
    // Option running past the end of the header.
    let mh = hex("3b01050000000001800000100108000000");
    let d = dissect_raw6(&packet(src, dst, 135, &[], &mh[..16]));
    assert!(parser_experts(&d).contains(&"mip6.opt.len.invalid"), "{:?}", parser_experts(&d));
    // Payload Proto 6 and non-zero reserved octet.
    let mh = hex("060005070000000180000010");
    let d = dissect_raw6(&packet(src, dst, 135, &[], &mh));
    let e = experts(&d);
    assert!(e.contains(&"check.rfc6275.mh_payload_proto") && e.contains(&"mip6.reserved.nonzero"), "{e:?}");
    // Unknown MH type: shown raw, with a note.
    let mh = hex("3b0063000000aabbccddeeff0011");
    let d = dissect_raw6(&packet(src, dst, 135, &[], &mh[..16.min(mh.len())]));
    assert!(parser_experts(&d).contains(&"mip6.mhtype.unknown"), "{:?}", parser_experts(&d));
    assert!(d.find("mip6.unknown_type_data").is_some());
    // Only three octets: the common header is cut short.
    let d = dissect_raw6(&packet(src, dst, 135, &[], &hex("3b0005")));
    assert!(parser_experts(&d).contains(&"mip6.truncated"), "{:?}", parser_experts(&d));
}

/// A BU of exactly `total` octets (at least 12), the rest PadN/Pad1 options.
fn bu_of_len(total: usize) -> MhRepr {
    let mut r = MhRepr {
        hdr_len: Auto::Given(0x42),
        padding: Auto::Given(0),
        ..MhRepr::new(Bu { seq: 1, flags: BuFlags(BuFlags::A), lifetime: 1 })
    };
    let mut left = total - 12;
    while left > 0 {
        if left == 1 {
            r.options.push(MhOption::PAD1);
            left = 0;
        } else {
            let k = if left - left.min(257) == 1 { 256 } else { left.min(257) };
            r.options.push(MhOption::Base(BaseOpt::PadN(vec![0; k - 2])));
            left -= k;
        }
    }
    assert_eq!(r.buffer_len(), total);
    r
}

/// Defect: fill_hdr_len wrapped silently above 2 KiB (Header Len is one octet: a 2,056-octet
/// header got Header Len 0) and floored a length that is not a multiple of 8. Both are now
/// errors that leave Header Len alone.
#[test]
fn fill_hdr_len_refuses_what_header_len_cannot_say() {
    let mut r = bu_of_len(2048);
    assert_eq!(r.fill_hdr_len(), Ok(255));
    assert_eq!(r.hdr_len, Auto::Given(255));
    let mut r = bu_of_len(2040);
    assert_eq!(r.fill_hdr_len(), Ok(254));
    let mut r = bu_of_len(16);
    assert_eq!(r.fill_hdr_len(), Ok(1));
    for (len, err) in
        [(2056, HdrLenError::TooLong(2056)), (4096, HdrLenError::TooLong(4096)), (13, HdrLenError::NotMultipleOf8(13))]
    {
        let mut r = bu_of_len(len);
        assert_eq!(r.fill_hdr_len(), Err(err), "{len}");
        assert_eq!(r.hdr_len, Auto::Given(0x42), "{len}: Header Len left as it was");
        // A computed Header Len is an error on emit, never a wrapped octet; nothing is written.
        r.hdr_len = Auto::Computed;
        let mut out = vec![0xaa];
        let prefs = Prefs::default();
        assert_eq!(r.emit(&EmitCx::new(&prefs), &mut out), Err(MhEmitError::HdrLen(err)), "{len}");
        assert_eq!(out, [0xaa]);
    }
    // Computed padding reaches a multiple of 8 first: 13 octets become 16.
    let mut r = bu_of_len(13);
    r.hdr_len = Auto::Computed;
    r.padding = Auto::Computed;
    let mh = emit6(&r, [0; 16], [0; 16]);
    assert_eq!((mh.len(), mh[1]), (16, 1));
    // 2,041 octets: padded to 2,048, Header Len 255.
    let mut r = bu_of_len(2041);
    r.hdr_len = Auto::Computed;
    r.padding = Auto::Computed;
    assert_eq!(emit6(&r, [0; 16], [0; 16])[1], 255);
    assert_eq!(MhRepr::MAX_LEN, 2048);
    assert_eq!(
        HdrLenError::TooLong(2056).to_string(),
        "Mobility Header of 2056 octets: Header Len (one octet) describes at most 2048"
    );
}

fn body_strategy() -> impl Strategy<Value = (u8, MhBody)> {
    prop_oneof![
        any::<u16>().prop_map(|r| (0, MhBody::Brr(Brr { flags: BrrFlags(r) }))),
        (any::<u16>(), any::<u64>()).prop_map(|(r, c)| (1, MhBody::Hoti(Hoti { reserved: r, cookie: c }))),
        (any::<u16>(), any::<u64>()).prop_map(|(r, c)| (2, MhBody::Coti(Coti { reserved: r, cookie: c }))),
        (any::<u16>(), any::<u64>(), any::<u64>())
            .prop_map(|(i, c, k)| (3, MhBody::Hot(Hot { nonce_index: i, cookie: c, token: k }))),
        (any::<u16>(), any::<u64>(), any::<u64>())
            .prop_map(|(i, c, k)| (4, MhBody::Cot(Cot { nonce_index: i, cookie: c, token: k }))),
        (any::<u16>(), any::<u16>(), any::<u16>())
            .prop_map(|(s, f, l)| (5, MhBody::Bu(Bu { seq: s, flags: BuFlags(f), lifetime: l }))),
        (any::<u8>(), any::<u8>(), any::<u16>(), any::<u16>())
            .prop_map(|(st, f, s, l)| (6, MhBody::Ba(Ba { status: BaStatus::from(st), flags: BaFlags(f), seq: s, lifetime: l }))),
        (any::<u8>(), any::<u8>(), any::<[u8; 16]>())
            .prop_map(|(st, r, a)| (7, MhBody::Be(Be { status: BeStatus::from(st), reserved: r, home_address: Ip6(a) }))),
    ]
}

fn option_strategy() -> impl Strategy<Value = MhOption> {
    let prefs = Prefs::default();
    let seeds = [prefs.mcoa_bid_option_type, prefs.pmipro_opt_handover_hkt];
    prop_oneof![
        Just(MhOption::PAD1),
        proptest::collection::vec(any::<u8>(), 0..10).prop_map(|v| MhOption::Base(BaseOpt::PadN(v))),
        any::<u16>().prop_map(|i| MhOption::Base(BaseOpt::Bra(Bra { interval: i }))),
        any::<[u8; 16]>().prop_map(|a| MhOption::Base(BaseOpt::AltCoa(AltCoa { address: Ip6(a) }))),
        (any::<u16>(), any::<u16>())
            .prop_map(|(h, c)| MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: h, careof: c }))),
        proptest::collection::vec(any::<u8>(), 0..20).prop_map(|v| MhOption::Base(BaseOpt::BindingAuthData(v))),
        (any::<u8>(), any::<u8>(), any::<[u8; 16]>()).prop_map(|(r, l, p)| MhOption::Base(BaseOpt::Mnp(Mnp {
            reserved: r,
            prefix_len: l,
            prefix: Ip6(p)
        }))),
        (any::<u8>(), proptest::collection::vec(any::<u8>(), 0..8)).prop_map(|(code, address)| MhOption::Fmip(FmipOpt::MhLla(
            Tail { fixed: MhLlaFixed { code: code.into() }, rest: address }
        ))),
        // Any other option, as the owned parse reads its bytes (typed when its type is known and
        // its data fits, raw otherwise); 60 and 61 count 32-bit words (RFC 7411).
        (1u8..=255, proptest::collection::vec(any::<u8>(), 0..12))
            .prop_filter("not a profile-numbered draft option", move |(kind, _)| !seeds.contains(kind))
            .prop_map(|(kind, mut data)| {
                if matches!(kind, 60 | 61) {
                    data.resize(2 + 4 * (data.len() / 4), 0);
                }
                let len = if matches!(kind, 60 | 61) { (data.len() - 2) / 4 } else { data.len() };
                let mut bytes = vec![kind, len as u8];
                bytes.extend_from_slice(&data);
                MhOption::parse(&bytes).unwrap().1
            }),
    ]
}

proptest! {
    /// Any bytes with a whole common header re-emit identically.
    #[test]
    fn emit_parse_is_identity_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 6..200)) {
        let (rest, r) = MhRepr::parse(&bytes).unwrap();
        prop_assert!(rest.is_empty());
        let prefs = Prefs::default();
        let mut out = Vec::new();
        r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
        prop_assert_eq!(out, bytes);
    }

    /// A well-formed header built from parts parses back to the same parts.
    #[test]
    fn parse_emit_is_identity_on_reprs(
        (mh_type, body) in body_strategy(),
        options in proptest::collection::vec(option_strategy(), 0..6),
        reserved in any::<u8>(),
    ) {
        let r = MhRepr { reserved, options, ..MhRepr::new(body) };
        prop_assume!(r.buffer_len() <= 2048);
        let bytes = emit6(&r, ip6("2001:db8::1"), ip6("2001:db8::2"));
        prop_assert_eq!(bytes[2], mh_type);
        let (_, back) = MhRepr::parse(&bytes).unwrap();
        prop_assert_eq!(&back.body, &r.body);
        prop_assert_eq!(back.reserved, reserved);
        // Built with padding computed: the options come back in order, with the Pad1/PadN
        // their alignment (RFC 6275 §6.2) and the 8-octet multiple needed between them.
        let strip = |v: &[MhOption]| -> Vec<MhOption> {
            v.iter().filter(|o| !matches!(o, MhOption::Base(BaseOpt::Pad1(_) | BaseOpt::PadN(_)))).cloned().collect()
        };
        prop_assert_eq!(strip(&back.options), strip(&r.options));
        let mut again = Vec::new();
        back.emit(&EmitCx::new(&Prefs::default()), &mut again).unwrap();
        prop_assert_eq!(&again, &bytes);
        // And the dissector agrees the checksum is right and sees every option.
        let d = dissect_raw6(&packet("2001:db8::1", "2001:db8::2", 135, &[], &bytes));
        prop_assert_eq!(text(&d, "mip6.csum.status"), "good");
        prop_assert!(!d.experts.iter().any(|e| e.def.abbrev() == "_ws.malformed" || e.def.abbrev() == "mip6.truncated"));
    }
}

/// RFC 8200 §8.1: a type 2 routing header with no segments left does not change the
/// pseudo-header destination (the IPv6 Destination Address already is the home address).
#[test]
fn type2_routing_header_with_no_segments_left_keeps_the_destination() {
    let home = "2001:db8:1::100";
    // Checksummed to the header's own destination, the CoA.
    let mh = ba_checksummed_to("2001:db8:2::100");
    let mut rh = vec![135, 2, 2, 0, 0, 0, 0, 0];
    rh.extend_from_slice(&ip6(home));
    let d = dissect_raw6(&packet("2001:db8:1::1", "2001:db8:2::100", 43, &rh, &mh));
    assert_eq!(text(&d, "mip6.csum.status"), "good");
    assert_eq!(experts(&d), ["check.rfc6275.rh2_segments_left"]);
    assert_eq!(d.cols.dst, Some(Value::Ipv6(ip6("2001:db8:2::100"))));
}

/// RFC 6275 §6.3: the Home Address option belongs in a Destination Options header, once. In
/// a Hop-by-Hop header it is flagged and does not replace the source; a second one is flagged
/// and the first is kept.
#[test]
fn home_address_option_only_counts_in_destination_options_once() {
    let mh = hex(KAT_BU); // checksummed with 2001:db8:aaaa::1 as the source
    let mut hbh = hao(135, "2001:db8:aaaa::1");
    hbh[0] = 135;
    let d = dissect_raw6(&packet("2001:db8:bbbb::1", "2001:db8:cccc::2", 0, &hbh, &mh));
    assert!(experts(&d).contains(&"check.rfc6275.hao_not_dstopts"), "{:?}", experts(&d));
    assert!(parser_experts(&d).contains(&"mip6.csum.bad"), "{:?}", parser_experts(&d));
    assert_eq!(d.cols.src, Some(Value::Ipv6(ip6("2001:db8:bbbb::1"))));
    // Two Home Address options in one Destination Options header: the first one counts.
    let mut two = vec![135, 5, 1, 2, 0, 0, 0xc9, 16];
    two.extend_from_slice(&ip6("2001:db8:aaaa::1"));
    two.extend_from_slice(&[1, 4, 0, 0, 0, 0, 0xc9, 16]);
    two.extend_from_slice(&ip6("2001:db8:dddd::1"));
    let d = dissect_raw6(&packet("2001:db8:bbbb::1", "2001:db8:cccc::2", 60, &two, &mh));
    assert_eq!(parser_experts(&d), ["ipv6.opt.mipv6.duplicate"]);
    assert_eq!(text(&d, "mip6.csum.status"), "good");
}

/// One walker (issue 12 item 2): on every fixture under both profiles, the owned form frames a
/// Mobility Header's options exactly as the dissector does — the same number of options, RFC
/// 7411's word-counted multicast options (60, 61) included. Before, the owned form read every
/// Length as octets and disagreed on 60/61.
#[test]
fn owned_options_are_framed_as_the_dissector_frames_them() {
    use dissect::field::Kind;
    use dissect::prefs::Profile;
    let (mut compared, mut counted) = (0, 0);
    for path in common::fixture_files() {
        for profile in [Profile::Rfc, Profile::Draft] {
            let prefs = Prefs::with_profile(profile);
            let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
                let mut d = Dissection::new();
                dissect::dissect_frame(&mut d, data, meta, &prefs);
                for (i, n) in d.nodes.iter().enumerate().filter(|(_, n)| n.def.abbrev == "mipv6") {
                    let at = n.offset as usize;
                    let Some(&[_, hl, ty]) = data.get(at..at + 3) else { continue };
                    let declared = (usize::from(hl) + 1) * 8;
                    if declared > n.len as usize {
                        continue; // Header Len lies / cut
                    }
                    let _ = ty;
                    let Ok((_, r)) = MhRepr::parse_in(&data[at..at + declared], &prefs) else { continue };
                    if !r.trailing.is_empty() || matches!(r.body, MhBody::Raw { .. }) {
                        continue;
                    }
                    // The dissector's option subtrees: Protocol children of mip6.options.
                    let shown = d.nodes[i..]
                        .iter()
                        .position(|x| x.def.abbrev == "mip6.options")
                        .map(|k| i + k)
                        .filter(|&k| d.nodes[k].depth == n.depth + 1)
                        .map_or(0, |k| d.children(k).filter(|&c| d.nodes[c].def.kind == Kind::Protocol).count());
                    assert_eq!(r.options.len(), shown, "{} frame {} ({})", path.display(), meta.number, profile.name());
                    let mut out = Vec::new();
                    r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
                    assert_eq!(out, data[at..at + declared]);
                    compared += 1;
                    counted += r.options.iter().filter(|o| matches!(o.kind().value(), 60 | 61)).count();
                }
                true
            });
        }
    }
    assert!(compared > 200, "only {compared} headers compared");
    assert!(counted >= 2, "the word-counted multicast options were not met ({counted})");
}
