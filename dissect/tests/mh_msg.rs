//! The owned Mobility Header messages (issue 12 items 1–3): every MH type 0–23 and seed 004's
//! Proxy HoTI/HoT is typed in `MhBody`; every Mobility Header of every fixture re-emits byte
//! for byte and comes out typed; arbitrary bytes round-trip; a header built with everything
//! computed decodes cleanly in mipscope (and in tshark, for a few).

use dissect::frame::FrameMeta;
use dissect::mh::msg::binding::*;
use dissect::mh::msg::experimental::Emh;
use dissect::mh::msg::flow_binding::*;
use dissect::mh::msg::fmip::*;
use dissect::mh::msg::ha_switch::Has;
use dissect::mh::msg::handover::*;
use dissect::mh::msg::heartbeat::*;
use dissect::mh::msg::localized_routing::*;
use dissect::mh::msg::revocation::*;
use dissect::mh::msg::rr::*;
use dissect::mh::msg::subscription::*;
use dissect::mh::msg::update_notification::*;
use dissect::mh::seeds::{Drafted, Phot, Photi};
use dissect::mh::{lookup_msg, MhBody, MhEmitError, MhRepr};
use dissect::model::{Auto, EmitCx};
use dissect::prefs::{Prefs, Profile};
use dissect::tree::Dissection;
use dissect::wire::Ip6;
use proptest::prelude::*;
use std::collections::BTreeMap;

mod common;
use common::{experts, ip6, uint};

const SRC: &str = "2001:db8:1::10";
const DST: &str = "2001:db8:2::20";

fn cx(prefs: &Prefs) -> EmitCx<'_> {
    EmitCx { ip: Some(dissect::IpCtx::V6 { src: ip6(SRC), dst: ip6(DST) }), ..EmitCx::new(prefs) }
}

/// An IPv6 packet (raw IP, link type 229) from SRC to DST carrying the Mobility Header `mh`.
fn ipv6(mh: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&(mh.len() as u16).to_be_bytes());
    p.extend_from_slice(&[135, 64]);
    p.extend_from_slice(&ip6(SRC));
    p.extend_from_slice(&ip6(DST));
    p.extend_from_slice(mh);
    p
}

fn dissect(data: &[u8], prefs: &Prefs) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, prefs);
    d
}

/// One message of every owned body, built with every derived field left computed and no
/// reserved bit set, with a field the dissector must show back (`None`: only the MH Type).
fn every_body() -> Vec<(MhBody, Option<(&'static str, u64)>)> {
    let a = Ip6(ip6("2001:db8:3::1"));
    vec![
        (Brr { flags: BrrFlags(BrrFlags::M) }.into(), Some(("mip6.brr.m_flag", 1))),
        (Hoti { reserved: 0, cookie: 0x0102_0304_0506_0708 }.into(), Some(("mip6.hoti.cookie", 0x0102_0304_0506_0708))),
        (Coti { reserved: 0, cookie: 0x1112 }.into(), Some(("mip6.coti.cookie", 0x1112))),
        (Hot { nonce_index: 3, cookie: 0x21, token: 0x22 }.into(), Some(("mip6.hot.nindex", 3))),
        (Cot { nonce_index: 4, cookie: 0x31, token: 0x32 }.into(), Some(("mip6.cot.nindex", 4))),
        // A home de-registration: a registration names its care-of address in an Alternate
        // Care-of Address option (RFC 6275 §11.7.1), which a bare body has not.
        (Bu { seq: 9, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 0 }.into(), Some(("mip6.bu.seqnr", 9))),
        (
            Ba { status: BaStatus::InsufficientResources, flags: BaFlags(0), seq: 9, lifetime: 0 }.into(),
            Some(("mip6.ba.status", 130)),
        ),
        (Be { status: BeStatus::UnknownBinding, reserved: 0, home_address: a }.into(), Some(("mip6.be.status", 1))),
        (Fbu { seq: 5, flags: FbuFlags(FbuFlags::A), reserved: 0, lifetime: 10 }.into(), Some(("mip6.fbu.seqnr", 5))),
        (
            Fback { status: FbackStatus::AcceptedUseSuppliedNcoa, flags: FbackFlags(FbackFlags::K), seq: 5, lifetime: 10 }.into(),
            Some(("mip6.fback.status", 1)),
        ),
        (Fna { reserved: 0 }.into(), None),
        (Emh { data: vec![0xde, 0xad, 0xbe, 0xef] }.into(), None),
        (
            Has { num_addrs: Auto::Computed, reserved: 0, addresses: vec![a, Ip6(ip6("2001:db8:3::2"))], excess: vec![] }.into(),
            Some(("mip6.has.num_addrs", 2)),
        ),
        (Hb { reserved: 0, flags: HbFlags(HbFlags::R), seq: 77 }.into(), Some(("mip6.hb.seqnr", 77))),
        (Hi { seq: 11, flags: HiFlags(HiFlags::S | HiFlags::U), code: HiCode::FbuNotFromPcoa }.into(), Some(("mip6.hi.code", 1))),
        (Hack { seq: 11, flags: HackFlags(0), code: HackCode::AcceptedUsePcoa }.into(), Some(("mip6.hack.code", 3))),
        (
            Br::Indication(Bri {
                br_type: BrType::Indication,
                trigger: BrTrigger::PerPeerPolicy,
                seq: 12,
                flags: BrFlags(BrFlags::P),
            })
            .into(),
            Some(("mip6.bri_r.trigger", 128)),
        ),
        (Lri { seq: 13, reserved: 0, lifetime: 60 }.into(), Some(("mip6.lri.lifetime", 60))),
        (
            Lra { seq: 13, flags: LraFlags(LraFlags::U), status: LraStatus::MnNotAttached, lifetime: 60 }.into(),
            Some(("mip6.lra.status", 129)),
        ),
        (Upn { seq: 14, reason: UnReason::FlowMobility, flags: UpnFlags(UpnFlags::A) }.into(), Some(("mip6.un.reason", 8))),
        (Upa { seq: 14, status: UnaStatus::MnNotAttached, reserved: 0, reserved2: 0 }.into(), Some(("mip6.una.status", 132))),
        (
            Fb::Indication(Fbi {
                fb_type: FbType::Indication,
                seq: 15,
                trigger: FbTrigger::Unspecified,
                flags: FbiFlags(FbiFlags::A),
            })
            .into(),
            Some(("mip6.fb.trigger", 1)),
        ),
        (Sq { seq: 16, reserved: 0 }.into(), Some(("mip6.sq.seqnr", 16))),
        (Sr { seq: 16, flags: SrFlags(SrFlags::I) }.into(), Some(("mip6.sr.seqnr", 16))),
        (
            Drafted { mh_type: Auto::Computed, msg: Photi { reserved: 0, cookie: 0x41, coa: a } }.into(),
            Some(("mip6.photi.cookie", 0x41)),
        ),
        (
            Drafted { mh_type: Auto::Computed, msg: Phot { nonce_index: 5, cookie: 0x51, token: 0x52, coa: a } }.into(),
            Some(("mip6.phot.nindex", 5)),
        ),
    ]
}

/// Every Mobility Header of every fixture (crafted and real, both profiles): parse → emit is
/// the identity, and a header whose type has a message row and whose fixed part is all there
/// (by Header Len and by the bytes) is typed, never `Raw`.
#[test]
fn every_fixture_header_round_trips_and_is_typed() {
    let mut typed: BTreeMap<(&str, u8), usize> = BTreeMap::new();
    let mut total = 0;
    for path in common::fixture_files() {
        for profile in [Profile::Rfc, Profile::Draft] {
            let prefs = Prefs::with_profile(profile);
            let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
                let mut d = Dissection::new();
                dissect::dissect_frame(&mut d, data, meta, &prefs);
                for n in d.nodes.iter().filter(|n| n.def.abbrev == "mipv6") {
                    let (at, len) = (n.offset as usize, n.len as usize);
                    let Some(mh) = data.get(at..at + len).filter(|m| m.len() >= 6) else { continue };
                    let where_ = format!("{} frame {} ({})", path.display(), meta.number, profile.name());
                    let (rest, r) = MhRepr::parse_in(mh, &prefs).unwrap();
                    assert!(rest.is_empty());
                    let mut out = Vec::new();
                    r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
                    assert_eq!(out, mh, "{where_}");
                    let ty = mh[2];
                    assert_eq!(r.mh_type(&prefs), ty, "{where_}");
                    let declared = (usize::from(mh[1]) + 1) * 8;
                    let whole = lookup_msg(ty, &prefs).is_some_and(|def| 6 + def.min_len <= declared.min(mh.len()));
                    assert_eq!(!matches!(r.body, MhBody::Raw { .. }), whole, "{where_}: {:?}", r.body);
                    if whole {
                        *typed.entry((profile.name(), ty)).or_default() += 1;
                    }
                    total += 1;
                }
                true
            });
        }
    }
    eprintln!("{total} headers; typed by (profile, type): {typed:?}");
    for profile in ["rfc", "draft"] {
        for ty in 0..=23u8 {
            assert!(typed.contains_key(&(profile, ty)), "no typed MH type {ty} under {profile}");
        }
    }
    // Seed 004's Proxy HoTI/HoT at each profile's numbers.
    let (rfc, draft) = (Prefs::with_profile(Profile::Rfc), Prefs::with_profile(Profile::Draft));
    for (profile, p) in [("rfc", &rfc), ("draft", &draft)] {
        for ty in [p.pmipro_mh_photi, p.pmipro_mh_phot] {
            assert!(typed.contains_key(&(profile, ty)), "no typed seed message at {ty} under {profile}");
        }
    }
    assert!(total > 500, "only {total} headers");
}

/// Every body built with everything computed: its MH Type comes from its row (a seed
/// message's from the profile), and wrapped in IPv6 it decodes with every value back, a good
/// checksum, and no expert item, under both profiles.
#[test]
fn computed_headers_decode_cleanly() {
    for profile in [Profile::Rfc, Profile::Draft] {
        let prefs = Prefs::with_profile(profile);
        for (body, field) in every_body() {
            let r = MhRepr::new(body);
            let mut mh = Vec::new();
            r.emit(&cx(&prefs), &mut mh).unwrap();
            let ty = r.mh_type(&prefs);
            assert_eq!(mh[2], ty);
            assert_eq!(mh.len() % 8, 0);
            assert_eq!(usize::from(mh[1]), mh.len() / 8 - 1);
            assert_eq!(mh[0], 59);
            let d = dissect(&ipv6(&mh), &prefs);
            let what = format!("type {ty} ({})", profile.name());
            assert!(d.experts.is_empty(), "{what}: {:?}", experts(&d));
            assert_eq!(uint(&d, "mip6.mhtype"), u64::from(ty), "{what}");
            let status = d.find("mip6.csum.status").map(|n| match n.value {
                dissect::field::Value::Text(s, l) => d.text_of((s, l)).to_string(),
                _ => String::new(),
            });
            assert_eq!(status.as_deref(), Some("good"), "{what}");
            if let Some((f, v)) = field {
                assert_eq!(uint(&d, f), v, "{what}: {f}");
            }
            // And the owned form reads it back as the same body.
            let (_, back) = MhRepr::parse_in(&mh, &prefs).unwrap();
            match (&back.body, &r.body) {
                (MhBody::Photi(b), MhBody::Photi(o)) => assert_eq!((b.msg, b.mh_type), (o.msg, Auto::Given(ty))),
                (MhBody::Phot(b), MhBody::Phot(o)) => assert_eq!((b.msg, b.mh_type), (o.msg, Auto::Given(ty))),
                (MhBody::Has(b), MhBody::Has(o)) => assert_eq!(b.addresses, o.addresses),
                // No options follow an Experimental Mobility Header: its padding is message data.
                (MhBody::Emh(b), MhBody::Emh(o)) => assert!(b.data.starts_with(&o.data)),
                (b, o) => assert_eq!(b, o, "{what}"),
            }
        }
    }
    // Every type 0–23 and both seed messages are covered.
    assert_eq!(every_body().len(), 26);
}

/// A seed message given its MH Type keeps it under any profile; a computed one follows the
/// profile's preference.
#[test]
fn seed_message_type_is_the_profiles_unless_given() {
    let body = |mh_type| Drafted { mh_type, msg: Photi::default() };
    let over = Prefs::build(None, &["pmipro.mh_photi=99".to_string()]).unwrap();
    for (prefs, want) in [(Prefs::with_profile(Profile::Rfc), 200), (Prefs::with_profile(Profile::Draft), 200), (over, 99)] {
        assert_eq!(MhRepr::new(body(Auto::Computed)).mh_type(&prefs), want);
        assert_eq!(MhRepr::new(body(Auto::Given(7))).mh_type(&prefs), 7);
    }
}

/// Computed parts: Payload Proto from the context's next protocol when it names one, the
/// checksum over the octets Header Len covers (a given, lying Header Len included), none
/// without an IPv6 context, and a Home Agent Switch count that one octet cannot hold is an
/// error, not a wrapped count.
#[test]
fn computed_parts_follow_the_context_and_never_wrap() {
    let prefs = Prefs::default();
    let r = MhRepr::new(Sq { seq: 1, reserved: 0 });
    let mut out = Vec::new();
    r.emit(&EmitCx { next_proto: Some(6), ..cx(&prefs) }, &mut out).unwrap();
    assert_eq!(out[0], 6);
    out.clear();
    r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
    assert_eq!((out[4], out[5]), (0, 0), "no pseudo-header, no checksum");
    // Header Len given as 0 for a 16-octet header: the checksum covers the first 8 octets.
    let lying = MhRepr { hdr_len: Auto::Given(0), ..MhRepr::new(Bu { seq: 1, flags: BuFlags(0), lifetime: 1 }) };
    out.clear();
    lying.emit(&cx(&prefs), &mut out).unwrap();
    assert_eq!((out.len(), out[1]), (16, 0));
    let pseudo = dissect::checksum::pseudo6(&ip6(SRC), &ip6(DST), 8, 135);
    assert_eq!(dissect::checksum::finish(dissect::checksum::sum(&out[..8], pseudo)), 0);
    // Given padding is appended as is (Pad1 for one octet), even when it breaks the 8n rule.
    let odd = MhRepr { padding: Auto::Given(1), hdr_len: Auto::Given(1), ..MhRepr::new(Sq { seq: 1, reserved: 0 }) };
    out.clear();
    odd.emit(&cx(&prefs), &mut out).unwrap();
    assert_eq!(out[8..], [0]);
    // 256 home agent addresses: the count cannot say it.
    let has = Has { addresses: vec![Ip6::default(); 256], ..Has::default() };
    let r = MhRepr { hdr_len: Auto::Given(0), ..MhRepr::new(has) };
    out.clear();
    assert_eq!(r.emit(&cx(&prefs), &mut out), Err(MhEmitError::Count { what: "Home Agent Switch addresses", n: 256 }));
    assert!(out.is_empty());
}

/// Lossless where the layouts are chosen by a type octet or a count: an unknown Binding
/// Revocation / Flow Binding type, and a Home Agent Switch count larger than the header (the
/// rest is not options, as the dissector reads it).
#[test]
fn odd_layouts_round_trip() {
    let prefs = Prefs::default();
    for hex in [
        // BR, B.R. Type 9: BrOther.
        "3b0110000000 09 07 0005 e001 0000 0000 0000",
        // FB, FB Type 7: FbOther.
        "3b0115000000 0007 0006 05 01 0000 0000 0000",
        // HAS claiming 3 addresses in a 24-octet header: one whole address and 0 octets more.
        "3b020c000000 03 00 20010db8000000000000000000000001",
        // HAS claiming 2 addresses, 1 present plus 8 octets.
        "3b030c000000 02 00 20010db8000000000000000000000001 0102030405060708",
        // HAS claiming 1 address, then a PadN option.
        "3b020c000000 01 00 20010db8000000000000000000000001 0100",
    ] {
        let mh = common::hex(&hex.replace(' ', ""));
        let (_, r) = MhRepr::parse_in(&mh, &prefs).unwrap();
        assert!(!matches!(r.body, MhBody::Raw { .. }), "{hex}: {r:?}");
        let mut out = Vec::new();
        r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
        assert_eq!(out, mh, "{hex}");
    }
    let mh = common::hex("3b030c00000002002001 0db8000000000000000000000001 0102030405060708".replace(' ', "").as_str());
    let (_, r) = MhRepr::parse_in(&mh, &prefs).unwrap();
    let MhBody::Has(h) = &r.body else { panic!() };
    assert_eq!((h.num_addrs, h.addresses.len(), h.excess.len()), (Auto::Given(2), 1, 8));
    assert!(r.options.is_empty());
}

fn any_type() -> impl Strategy<Value = u8> {
    prop_oneof![0u8..=23, Just(150u8), Just(151u8), Just(200u8), Just(201u8), any::<u8>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
    /// Arbitrary bytes after a common header of any type (the typed ones favoured), under both
    /// profiles: parse → emit is the identity.
    #[test]
    fn arbitrary_bytes_round_trip(
        ty in any_type(),
        hlen in prop_oneof![0u8..8, any::<u8>()],
        head in any::<[u8; 4]>(),
        body in proptest::collection::vec(any::<u8>(), 0..96),
        draft in any::<bool>(),
    ) {
        let prefs = Prefs::with_profile(if draft { Profile::Draft } else { Profile::Rfc });
        let mut mh = vec![head[0], hlen, ty, head[1], head[2], head[3]];
        mh.extend_from_slice(&body);
        let (rest, r) = MhRepr::parse_in(&mh, &prefs).unwrap();
        prop_assert!(rest.is_empty());
        prop_assert_eq!(r.mh_type(&prefs), ty);
        let mut out = Vec::new();
        r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
        prop_assert_eq!(out, mh);
    }
}

/// tshark decodes a few computed headers without a warning or a malformed packet.
#[test]
fn tshark_decodes_computed_headers_cleanly() {
    if !std::process::Command::new("tshark").arg("-v").output().is_ok_and(|o| o.status.success()) {
        eprintln!("tshark not installed: skipped");
        return;
    }
    let prefs = Prefs::default();
    // Types tshark 4.0 decodes: HoT, BU, BA, FBU, HB, HI, HAck, BRI. Not HAS: tshark 4.0 starts
    // its options 6 octets before the end of the addresses (it reads the last address's final
    // octets as Pad1 and a cut option); not LRI/LRA: it reads their fields from the common
    // header's first octet on (Sequence 15105 = 0x3b01, Payload Proto and Header Len).
    let wanted = [3u8, 5, 6, 8, 13, 14, 15, 16];
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    pcap.extend_from_slice(&2u16.to_le_bytes());
    pcap.extend_from_slice(&4u16.to_le_bytes());
    pcap.extend_from_slice(&[0; 8]);
    pcap.extend_from_slice(&65535u32.to_le_bytes());
    pcap.extend_from_slice(&1u32.to_le_bytes()); // Ethernet
    let mut n = 0;
    for (body, _) in every_body() {
        let r = MhRepr::new(body);
        if !wanted.contains(&r.mh_type(&prefs)) {
            continue;
        }
        let mut mh = Vec::new();
        r.emit(&cx(&prefs), &mut mh).unwrap();
        let mut frame = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd];
        frame.extend_from_slice(&ipv6(&mh));
        for v in [n, 0, frame.len() as u32, frame.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(&frame);
        n += 1;
    }
    assert_eq!(n as usize, wanted.len());
    let path = std::env::temp_dir().join(format!("mipscope-mh-computed-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).unwrap();
    let out = std::process::Command::new("tshark").arg("-r").arg(&path).arg("-V").output().unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.matches("\n    Mobile IPv6\n").count(), wanted.len(), "{text}");
    for bad in ["Malformed", "Expert Info (Warning", "Expert Info (Error", "incorrect, should be"] {
        assert!(!text.contains(bad), "tshark says {bad}:\n{text}");
    }
    assert!(text.contains("Checksum: 0x"), "{text}");
}

/// A code point drawn from its `VALS` (assigned values only).
fn pick<T: 'static + Clone + std::fmt::Debug>(vals: &'static [(u64, &'static str)], f: fn(u64) -> T) -> impl Strategy<Value = T> {
    proptest::sample::select(vals.to_vec()).prop_map(move |(v, _)| f(v))
}

/// Messages with arbitrary values in every field but the reserved bits, and the fields the
/// dissector must show them in.
fn valid_body() -> impl Strategy<Value = (MhBody, Vec<(&'static str, u64)>)> {
    let a16 = any::<u16>;
    prop_oneof![
        any::<u64>().prop_map(|c| (Hoti { reserved: 0, cookie: c }.into(), vec![("mip6.hoti.cookie", c)])),
        (a16(), any::<u64>(), any::<u64>()).prop_map(|(i, c, k)| (
            Cot { nonce_index: i, cookie: c, token: k }.into(),
            vec![("mip6.cot.nindex", u64::from(i)), ("mip6.cot.cookie", c)]
        )),
        (a16(), 0u8..16, a16()).prop_map(|(s, f, l)| (
            Fbu { seq: s, flags: FbuFlags(f << 4), reserved: 0, lifetime: l }.into(),
            vec![("mip6.fbu.seqnr", u64::from(s)), ("mip6.fbu.lifetime", u64::from(l)), ("mip6.fbu.a_flag", u64::from(f >> 3))]
        )),
        (pick(FbackStatus::VALS, |v| FbackStatus::from(v as u8)), any::<bool>(), a16(), a16()).prop_map(|(st, k, s, l)| (
            Fback { status: st, flags: FbackFlags(0).with(FbackFlags::K, k), seq: s, lifetime: l }.into(),
            vec![("mip6.fback.status", u64::from(st.value())), ("mip6.fback.k_flag", u64::from(k))]
        )),
        (a16(), 0u8..16, pick(HiCode::VALS, |v| HiCode::from(v as u8))).prop_map(|(s, f, c)| (
            Hi { seq: s, flags: HiFlags(f << 4), code: c }.into(),
            vec![("mip6.hi.seqnr", u64::from(s)), ("mip6.hi.code", u64::from(c.value()))]
        )),
        (a16(), 0u8..8, pick(HackCode::VALS, |v| HackCode::from(v as u8))).prop_map(|(s, f, c)| (
            Hack { seq: s, flags: HackFlags(f << 5), code: c }.into(),
            vec![("mip6.hack.seqnr", u64::from(s)), ("mip6.hack.code", u64::from(c.value()))]
        )),
        (any::<u32>(), 0u8..4).prop_map(|(s, f)| (
            Hb { reserved: 0, flags: HbFlags(f), seq: s }.into(),
            vec![("mip6.hb.seqnr", u64::from(s)), ("mip6.hb.r_flag", u64::from(f & 1))]
        )),
        (pick(BrTrigger::VALS, |v| BrTrigger::from(v as u8)), a16(), 0u16..8).prop_map(|(t, s, f)| (
            Br::Indication(Bri { br_type: BrType::Indication, trigger: t, seq: s, flags: BrFlags(f << 13) }).into(),
            vec![("mip6.bri_r.trigger", u64::from(t.value())), ("mip6.bri_seqnr", u64::from(s))]
        )),
        (pick(BraStatus::VALS, |v| BraStatus::from(v as u8)), a16(), 0u16..8).prop_map(|(st, s, f)| (
            Br::Acknowledgement(Bra { br_type: BrType::Acknowledgement, status: st, seq: s, flags: BrFlags(f << 13) }).into(),
            vec![("mip6.bri_status", u64::from(st.value())), ("mip6.bri_seqnr", u64::from(s))]
        )),
        (a16(), a16()).prop_map(|(s, l)| (
            Lri { seq: s, reserved: 0, lifetime: l }.into(),
            vec![("mip6.lri.sequence", u64::from(s)), ("mip6.lri.lifetime", u64::from(l))]
        )),
        (a16(), any::<bool>(), pick(LraStatus::VALS, |v| LraStatus::from(v as u8)), a16()).prop_map(|(s, u, st, l)| (
            Lra { seq: s, flags: LraFlags(0).with(LraFlags::U, u), status: st, lifetime: l }.into(),
            vec![("mip6.lra.status", u64::from(st.value())), ("mip6.lri.unsolicited", u64::from(u))]
        )),
        (a16(), pick(UnReason::VALS, |v| UnReason::from(v as u16)), 0u16..4).prop_map(|(s, r, f)| (
            Upn { seq: s, reason: r, flags: UpnFlags(f << 14) }.into(),
            vec![("mip6.un.seqnr", u64::from(s)), ("mip6.un.reason", u64::from(r.value()))]
        )),
        (a16(), pick(UnaStatus::VALS, |v| UnaStatus::from(v as u8))).prop_map(|(s, st)| (
            Upa { seq: s, status: st, reserved: 0, reserved2: 0 }.into(),
            vec![("mip6.una.seqnr", u64::from(s)), ("mip6.una.status", u64::from(st.value()))]
        )),
        (a16(), pick(FbTrigger::VALS, |v| FbTrigger::from(v as u8)), any::<bool>()).prop_map(|(s, t, a)| (
            Fb::Indication(Fbi { fb_type: FbType::Indication, seq: s, trigger: t, flags: FbiFlags(0).with(FbiFlags::A, a) })
                .into(),
            vec![("mip6.fb.seqnr", u64::from(s)), ("mip6.fb.trigger", u64::from(t.value())), ("mip6.fb.a_flag", u64::from(a))]
        )),
        (a16(), pick(FbStatus::VALS, |v| FbStatus::from(v as u8))).prop_map(|(s, st)| (
            Fb::Acknowledgement(Fba { fb_type: FbType::Acknowledgement, seq: s, status: st, reserved: 0 }).into(),
            vec![("mip6.fb.seqnr", u64::from(s)), ("mip6.fb.status", u64::from(st.value()))]
        )),
        (any::<u8>(), any::<bool>()).prop_map(|(s, i)| (
            Sr { seq: s, flags: SrFlags(0).with(SrFlags::I, i) }.into(),
            vec![("mip6.sr.seqnr", u64::from(s)), ("mip6.sr.i_flag", u64::from(i))]
        )),
        proptest::collection::vec(any::<[u8; 16]>(), 0..5).prop_map(|v| (
            Has { addresses: v.iter().map(|&a| Ip6(a)).collect(), ..Has::default() }.into(),
            vec![("mip6.has.num_addrs", v.len() as u64)]
        )),
        (any::<u64>(), any::<[u8; 16]>()).prop_map(|(c, a)| (
            Drafted { mh_type: Auto::Computed, msg: Photi { reserved: 0, cookie: c, coa: Ip6(a) } }.into(),
            vec![("mip6.photi.cookie", c)]
        )),
        (a16(), any::<u64>(), any::<u64>(), any::<[u8; 16]>()).prop_map(|(i, c, k, a)| (
            Drafted { mh_type: Auto::Computed, msg: Phot { nonce_index: i, cookie: c, token: k, coa: Ip6(a) } }.into(),
            vec![("mip6.phot.nindex", u64::from(i)), ("mip6.phot.token", k)]
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]
    /// Any values, everything derived computed: mipscope shows every value back, with a good
    /// checksum and no expert item, under both profiles.
    #[test]
    fn computed_headers_with_any_values_decode_cleanly((body, want) in valid_body(), draft in any::<bool>()) {
        let prefs = Prefs::with_profile(if draft { Profile::Draft } else { Profile::Rfc });
        let r = MhRepr::new(body);
        let mut mh = Vec::new();
        r.emit(&cx(&prefs), &mut mh).unwrap();
        let d = dissect(&ipv6(&mh), &prefs);
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
        prop_assert_eq!(uint(&d, "mip6.mhtype"), u64::from(r.mh_type(&prefs)));
        for (f, v) in want {
            let got = match d.find(f).map(|n| n.value) {
                Some(dissect::field::Value::Bool(b)) => u64::from(b),
                _ => uint(&d, f),
            };
            prop_assert_eq!(got, v, "{}", f);
        }
        // The analysis pass reads a BRR's, BU's, BA's or CoT's fixed part typed, as built.
        use dissect::analysis::MsgFixed;
        let fixed = match &r.body {
            MhBody::Brr(v) => Some(MsgFixed::Brr(*v)),
            MhBody::Bu(v) => Some(MsgFixed::Bu(*v)),
            MhBody::Ba(v) => Some(MsgFixed::Ba(*v)),
            MhBody::Cot(v) => Some(MsgFixed::Cot(*v)),
            _ => None,
        };
        let facts = d.facts.mh.first().expect("one Mobility Header");
        prop_assert_eq!(facts.fixed, fixed);
        let (_, back) = MhRepr::parse_in(&mh, &prefs).unwrap();
        let mut again = Vec::new();
        back.emit(&EmitCx::new(&prefs), &mut again).unwrap();
        prop_assert_eq!(again, mh);
    }
}
