//! The owned mobility options (issue 12 items 1–3): every option of every fixture re-emits
//! byte for byte and comes out typed; arbitrary bytes re-emit; typed values built with
//! everything computed (Length, alignment padding, a draft option's type number) emit to
//! bytes mipscope's dissector, and tshark, decode without a complaint.

use dissect::mh::msg::binding::{BaStatus, Bu, BuFlags};
use dissect::mh::opt::base::{AltCoa, BaseOpt, Bra, Mnp, NonceIndices};
use dissect::mh::opt::dmm::{DmmOpt, DmnpFixed, DmnpFlags};
use dissect::mh::opt::flow::{FiSubType, FiValue, FlowIdFixed, FlowOpt};
use dissect::mh::opt::fmip::{FmipOpt, MhLlaFixed};
use dissect::mh::opt::lra::{LraOpt, RedirFixed, RedirFlags, Redirect};
use dissect::mh::opt::mnid::{Identifier, MnidFixed, MnidOpt, MnidSubtype, MobileNodeId};
use dissect::mh::opt::multicast::{McastCode, McastFixed, MulticastOpt};
use dissect::mh::opt::owned::SubValue;
use dissect::mh::opt::pmip::{
    AccessTechType, AccessTechnology, GreKey, GreKeyData, GreNoKey, HandoffCode, HandoffIndicator, Hnp, PmipOpt, Timestamp,
};
use dissect::mh::opt::qos::{QosAttrType, QosFixed, QosOc, QosOcWord, QosOpt, QosRateFlags, QosTc, QosValue};
use dissect::mh::opt::{align_options, lookup, Addr, MhOption, OptError, OptType, SubOpt, SubOpts, Tail};
use dissect::mh::seeds::{BidCoa, BidCoa6, BidRfc, BidRfcFlags, BindingId, SeedOpt};
use dissect::mh::ts::{Selector, Ts6Flags, TsFormat, TsValue};
use dissect::mh::MhRepr;
use dissect::model::{Auto, EmitCx};
use dissect::prefs::{Prefs, Profile};
use dissect::tree::Dissection;
use dissect::wire::{Ip4, Ip6};
use proptest::prelude::*;

mod common;
use common::{dissect_raw, experts, ip6, ipv6, parser_experts, uint, uints};

fn emit(o: &MhOption, prefs: &Prefs) -> Result<Vec<u8>, OptError> {
    let mut out = Vec::new();
    o.emit(&EmitCx::new(prefs), &mut out).map(|()| out)
}

/// Every option subtree the dissector shows in every fixture frame, under both profiles: the
/// owned parse of its octets consumes them all, emits them back identically, and is typed
/// whenever the type is known (IANA's or the profile's) and its length rule holds.
#[test]
fn every_fixture_option_round_trips_and_is_typed() {
    let (mut compared, mut typed) = (0usize, 0usize);
    let mut kinds = std::collections::BTreeSet::new();
    // Variable parts the fixtures carry, typed: selectors, sub-option values, identifiers.
    let mut deep: Vec<(&str, bool)> = [
        "selector: V4 {",
        "BindingReference(",
        "Rate {",
        "Arp(",
        "ReregControl(",
        "HeartbeatControl(",
        "NetworkId {",
        "GeoLocation {",
        "OperatorId {",
        "Nai(",
        "Imsi(",
        "Ipv6(Ip6(",
        "V4(Ip4(",
        "Rfc5648 {",
        "Draft03 {",
    ]
    .into_iter()
    .map(|m| (m, false))
    .collect();
    for path in common::fixture_files() {
        for profile in [Profile::Rfc, Profile::Draft] {
            let prefs = Prefs::with_profile(profile);
            let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
                let mut d = Dissection::new();
                dissect::dissect_frame(&mut d, data, meta, &prefs);
                for (i, _) in d.nodes.iter().enumerate().filter(|(_, n)| n.def.abbrev == "mip6.options") {
                    for c in d.children(i) {
                        let n = &d.nodes[c];
                        let (at, len) = (n.offset as usize, n.len as usize);
                        let Some(bytes) = data.get(at..at + len) else { continue };
                        let where_ = format!("{} frame {} ({}) at {at}", path.display(), meta.number, profile.name());
                        let Ok((rest, o)) = MhOption::parse_in(bytes, &prefs) else {
                            // The dissector's node is cut at the end of the header: the owned
                            // form leaves such an option to the message's trailing octets.
                            assert!(bytes.len() < 2 || bytes.len() < 2 + dissect::mh::opt::data_len(bytes[0], bytes[1], &prefs));
                            continue;
                        };
                        assert!(rest.is_empty(), "{where_}: {} octets left", rest.len());
                        assert_eq!(emit(&o, &prefs).unwrap(), bytes, "{where_}: {o:?}");
                        compared += 1;
                        let kind = bytes[0];
                        let rule = lookup(kind, &prefs).filter(|def| kind == 0 || def.len_ok(bytes.len() - 2));
                        let shown = format!("{o:?}");
                        for (m, seen) in deep.iter_mut() {
                            *seen |= shown.contains(*m);
                        }
                        if rule.is_some() {
                            assert!(!matches!(o, MhOption::Raw { .. }), "{where_}: known type {kind} kept raw: {o:?}");
                            typed += 1;
                            kinds.insert(kind);
                        }
                    }
                }
                true
            });
        }
    }
    eprintln!("{compared} options compared, {typed} typed, types {kinds:?}");
    assert!(compared > 1000, "only {compared} options compared");
    let missing: Vec<_> = deep.iter().filter(|(_, seen)| !seen).map(|(m, _)| *m).collect();
    assert!(missing.is_empty(), "never typed in a fixture: {missing:?}");
    assert!(typed > 900, "only {typed} typed");
    // Every IANA type 0–70, and the Handover Home Keygen Token (200; the Binding Identifier is 35).
    assert_eq!(kinds.len(), 72, "types met typed: {kinds:?}");
}

/// Defect: `MhOption::emit` wrote `data.len() as u8` as Length, so a 300-octet PadN emitted
/// Length 44 and the octets after it became other options. A Length that cannot describe its
/// data is now an error, and nothing is appended.
#[test]
fn emit_refuses_a_length_its_octet_cannot_say() {
    let prefs = Prefs::default();
    let mut out = vec![0xaa];
    let long = MhOption::Base(BaseOpt::PadN(vec![0; 300]));
    assert_eq!(long.emit(&EmitCx::new(&prefs), &mut out), Err(OptError::Length { kind: 1, data_len: 300 }));
    assert_eq!(out, [0xaa], "nothing appended");
    assert_eq!(emit(&MhOption::Base(BaseOpt::PadN(vec![0; 255])), &prefs).unwrap()[1], 255);
    // RFC 7411 counts 32-bit words after two octets: 7 octets of data are not whole words.
    let odd = MhOption::Multicast(MulticastOpt::MulticastMobility(Tail { fixed: McastFixed::default(), rest: vec![1] }));
    assert_eq!(emit(&odd, &prefs), Err(OptError::Length { kind: 60, data_len: 7 }));
    // A sub-option whose value is longer than its Length octet.
    let sub =
        SubOpts { items: vec![SubOpt { kind: QosAttrType::Unknown(200), value: QosValue::Raw(vec![0; 256]) }], trailer: vec![] };
    let qos = MhOption::Qos(QosOpt::QualityOfService(Tail { fixed: QosFixed::default(), rest: sub }));
    assert_eq!(emit(&qos, &prefs), Err(OptError::SubLength { kind: 200, len: 256 }));
    // The Mobility Header's emit passes the error on.
    let mut r = MhRepr::new(Bu { seq: 1, flags: BuFlags(0), lifetime: 1 });
    r.options = vec![long];
    let mut out = Vec::new();
    assert!(r.emit(&dissect::model::EmitCx::new(&prefs), &mut out).is_err());
    assert!(out.is_empty(), "nothing appended on error");
    // A raw option's given Length is the crafter's (a lie is kept).
    let liar = MhOption::Raw { kind: OptType::Unknown(99), length: Auto::Given(9), data: vec![1, 2] };
    assert_eq!(emit(&liar, &prefs).unwrap(), [99, 9, 1, 2]);
    let computed = MhOption::Raw { kind: OptType::Unknown(99), length: Auto::Computed, data: vec![1, 2] };
    assert_eq!(emit(&computed, &prefs).unwrap(), [99, 2, 1, 2]);
}

/// Length is computed by the row's rule: octets, or for RFC 7411's options 60 and 61, 32-bit
/// words after Option-Code and Reserved/Status.
#[test]
fn computed_length_follows_the_rows_span() {
    let prefs = Prefs::default();
    let m = MhOption::Multicast(MulticastOpt::MulticastMobility(Tail {
        fixed: McastFixed { code: McastCode::Mldv2, reserved: 0, payload_reserved: 0, records: 1 },
        rest: vec![4, 0, 0, 1, 0xff, 2, 0, 0],
    }));
    let b = emit(&m, &prefs).unwrap();
    assert_eq!(&b[..2], [60, 3], "(6 + 8 - 2) / 4 words");
    assert_eq!(MhOption::parse(&b).unwrap().1, m);
    assert_eq!(m.kind(), OptType::MulticastMobility);
    assert_eq!(m.buffer_len(), b.len());
}

/// A draft option built with its type number computed takes the profile's number; parsed, it
/// records the number and the layout it was read in.
#[test]
fn seed_options_take_the_profiles_number_and_layout() {
    let bid = SeedOpt::BindingId {
        code: Auto::Computed,
        bid: BindingId::Rfc5648 {
            fixed: BidRfc { bid: 7, status: BaStatus::BindingUpdateAccepted, flags: BidRfcFlags(BidRfcFlags::H | 3) },
            coa: BidCoa::None,
        },
    };
    let o = MhOption::Seed(bid);
    let rfc = Prefs::default();
    let moved = Prefs::build(None, &["mcoa.bid_option_type=180".to_string()]).unwrap();
    assert_eq!(emit(&o, &rfc).unwrap(), [35, 4, 0, 7, 0, 0x83]);
    assert_eq!(emit(&o, &moved).unwrap(), [180, 4, 0, 7, 0, 0x83]);
    assert_eq!(o.align(&rfc), (2, 0), "RFC 5648 §4.3: 2n without a care-of address");
    let (_, back) = MhOption::parse_in(&[180, 4, 0, 7, 0, 0x83], &moved).unwrap();
    let MhOption::Seed(SeedOpt::BindingId { code, bid: BindingId::Rfc5648 { fixed, .. } }) = back else { panic!("{back:?}") };
    assert_eq!((code, fixed.bid, fixed.flags.bid_pri()), (Auto::Given(180), 7, 3));
    // The draft-03 layout under the draft profile.
    let draft = Prefs::with_profile(Profile::Draft);
    let kind = draft.mcoa_bid_option_type;
    let (_, back) = MhOption::parse_in(&[kind, 4, 0, 9, 130, 0xa0], &draft).unwrap();
    let MhOption::Seed(SeedOpt::BindingId { bid: BindingId::Draft03 { fixed, coa: BidCoa::None }, .. }) = back else {
        panic!("{back:?}")
    };
    assert_eq!((fixed.bid, fixed.status.name(), fixed.flags.0), (9, Some("MCOA BID CONFLICT"), 0xa0));
    // Off 35, type 35 is no option mipscope knows: kept raw.
    assert!(matches!(MhOption::parse_in(&[35, 4, 0, 7, 0, 0], &moved).unwrap().1, MhOption::Raw { .. }));
}

/// The sub-option walk the decoders and the owned form share: Pad1 where the carrier has it,
/// then Type/Length/data; a missing Length octet or a Length past the end ends it.
#[test]
fn the_sub_option_walk() {
    use dissect::mh::opt::{Tlv, TlvWalk};
    let steps: Vec<_> = TlvWalk::new(&[0, 1, 1, 9, 3, 2, 7], true).collect();
    assert_eq!(
        steps,
        [(0, Tlv::Pad1), (1, Tlv::Whole { kind: 1, len: 1, data: &[9] }), (4, Tlv::Overrun { kind: 3, len: 2, data: &[7] })]
    );
    let steps: Vec<_> = TlvWalk::new(&[0, 0, 5], false).collect();
    assert_eq!(steps, [(0, Tlv::Whole { kind: 0, len: 0, data: &[] }), (2, Tlv::NoLength { kind: 5 })]);
    // The owned form keeps what the walk could not frame as the list's trailer.
    use dissect::mh::opt::Body;
    let s = <SubOpts<FiSubType, FiValue, true>>::parse_body(&[0, 2, 2, 0, 7, 3, 9]).unwrap();
    assert_eq!(s.items.len(), 2);
    assert_eq!(s.items[1].value, FiValue::BindingReference(vec![7]));
    assert_eq!(s.trailer, [3, 9]);
}

fn v6(s: &str) -> Ip6 {
    Ip6(ip6(s))
}

/// Typed options of many families, every length left to be computed.
fn built_options() -> Vec<MhOption> {
    let ts = Selector::V6 {
        flags: Ts6Flags(Ts6Flags::A | Ts6Flags::K),
        values: vec![TsValue::Ip6(v6("2001:db8:5::1")), TsValue::U16(443)],
        trailer: vec![],
    };
    vec![
        BaseOpt::NonceIndices(NonceIndices { home: 1, careof: 2 }).into(),
        BaseOpt::AltCoa(AltCoa { address: v6("2001:db8:2::100") }).into(),
        BaseOpt::Mnp(Mnp { reserved: 0, prefix_len: 48, prefix: v6("2001:db8:100::") }).into(),
        MnidOpt::MobileNodeId(MobileNodeId {
            fixed: MnidFixed { subtype: MnidSubtype::Nai },
            id: Identifier::Nai(b"mn@example.com".to_vec()),
        })
        .into(),
        PmipOpt::HomeNetworkPrefix(Hnp { reserved: 0, prefix_len: 64, prefix: v6("2001:db8:7::") }).into(),
        PmipOpt::HandoffIndicator(HandoffIndicator { reserved: 0, hi: HandoffCode::NewInterface }).into(),
        PmipOpt::AccessTechType(AccessTechType { reserved: 0, att: AccessTechnology::EUtran }).into(),
        PmipOpt::Timestamp(Timestamp { raw: 0x0000_6000_0000_8000 }).into(),
        PmipOpt::GreKey(GreKeyData::Key(GreKey { reserved: 0, key: 0x1234 })).into(),
        FlowOpt::FlowIdentification(Tail {
            fixed: FlowIdFixed { fid: 3, fid_pri: 1, reserved: 0, status: 0.into() },
            rest: SubOpts {
                items: vec![SubOpt {
                    kind: FiSubType::TrafficSelector,
                    value: FiValue::TrafficSelector { format: TsFormat::Ipv6, reserved: 0, selector: ts },
                }],
                trailer: vec![],
            },
        })
        .into(),
        QosOpt::QualityOfService(Tail {
            fixed: QosFixed { srid: 1, tc: QosTc(46 << 2), oc_reserved: QosOcWord::new(QosOc::Allocate, 0) },
            rest: SubOpts {
                items: vec![SubOpt {
                    kind: QosAttrType::PerSessionAggMaxDlBitRate,
                    value: QosValue::Rate { flags: QosRateFlags(QosRateFlags::S), bps: 1_000_000 },
                }],
                trailer: vec![],
            },
        })
        .into(),
        DmmOpt::DelegatedMnp(Tail {
            fixed: DmnpFixed { flags: DmnpFlags(0), prefix_len: 56 },
            rest: Addr::V6(v6("2001:db8:aa00::")),
        })
        .into(),
        MhOption::Seed(SeedOpt::BindingId {
            code: Auto::Computed,
            bid: BindingId::Rfc5648 {
                fixed: BidRfc { bid: 4, status: BaStatus::BindingUpdateAccepted, flags: BidRfcFlags(0) },
                coa: BidCoa::V6(BidCoa6 { coa: v6("2001:db8:2::200") }),
            },
        }),
    ]
}

/// A BU carrying `opts`, built with padding, Header Len and checksum computed (the options
/// laid out by `align_options`, as `MhRepr::emit` does for a built header), in an IPv6 packet
/// from `src` to `dst` (raw IPv6, link type 229).
fn bu_packet(opts: &[MhOption], prefs: &Prefs, src: &str, dst: &str) -> Vec<u8> {
    let mut r = MhRepr::new(Bu { seq: 9, flags: BuFlags(BuFlags::A), lifetime: 60 });
    r.options = opts.to_vec();
    let cx = dissect::model::EmitCx {
        ip: Some(dissect::IpCtx::V6 { src: ip6(src), dst: ip6(dst) }),
        ..dissect::model::EmitCx::new(prefs)
    };
    let mut mh = Vec::new();
    r.emit(&cx, &mut mh).unwrap();
    // The same as laying the options out by hand with align_options.
    let mut by_hand = MhRepr::new(Bu { seq: 9, flags: BuFlags(BuFlags::A), lifetime: 60 });
    by_hand.options = align_options(opts, 6 + Bu::LEN, prefs);
    by_hand.padding = dissect::model::Auto::Given(0);
    let mut again = Vec::new();
    by_hand.emit(&cx, &mut again).unwrap();
    assert_eq!(again, mh);
    ipv6(src, dst, 135, &mh)
}

/// Built options, aligned by `align_options` inside a BU: the dissector raises no expert item
/// (alignment, lengths, checksum all hold) and reads every value back.
#[test]
fn built_options_aligned_in_a_bu_dissect_clean() {
    let prefs = Prefs::default();
    let opts = built_options();
    let p = bu_packet(&opts, &prefs, "2001:db8:2::100", "2001:db8:1::1");
    let d = dissect_raw(&p, &prefs);
    assert!(parser_experts(&d).is_empty(), "{:?}", experts(&d));
    assert_eq!((p.len() - 40) % 8, 0);
    assert_eq!(uint(&d, "mip6.ni.cni"), 2);
    assert_eq!(uint(&d, "mip6.hi"), 1);
    assert_eq!(uint(&d, "mip6.att"), 8);
    assert_eq!(uint(&d, "mip6.gre_key"), 0x1234);
    assert_eq!(uint(&d, "mip6.fi.fid"), 3);
    assert_eq!(uint(&d, "mip6.ts.ipv6.start_dport"), 443);
    assert_eq!(uint(&d, "mip6.qos.per_session_agg_max_dl"), 1_000_000);
    assert_eq!(uint(&d, "mip6.dmnp.prefix_len"), 56);
    assert_eq!(uint(&d, "mip6.bi.bid"), 4);
    // The owned parse gives the same options back, padding included.
    let (_, back) = MhRepr::parse_in(&p[40..], &prefs).unwrap();
    let aligned = align_options(&opts, 12, &prefs);
    assert_eq!(back.options.len(), aligned.len());
    for (a, b) in back.options.iter().zip(&aligned) {
        match (a, b) {
            (MhOption::Seed(SeedOpt::BindingId { bid: x, .. }), MhOption::Seed(SeedOpt::BindingId { bid: y, .. })) => {
                assert_eq!(x, y)
            }
            _ => assert_eq!(a, b),
        }
    }
    // Every option's alignment rule holds where it landed.
    let mut off = 12;
    for o in &aligned {
        let (x, y) = o.align(&prefs);
        assert_eq!(off % x, y % x, "{o:?} at {off}");
        off += emit(o, &prefs).unwrap().len();
    }
}

/// tshark 4.0 decodes a built, aligned BU without an expert item of warning or error level
/// (options Wireshark knows: 3, 4, 6, 8, 22–24, 27, 33, 35 and the padding between them).
#[test]
fn tshark_decodes_built_options_cleanly() {
    if std::process::Command::new("tshark").arg("-v").output().is_err() {
        eprintln!("tshark not installed: skipped");
        return;
    }
    let prefs = Prefs::default();
    let opts: Vec<MhOption> =
        built_options().into_iter().filter(|o| [3, 4, 6, 8, 22, 23, 24, 27, 33, 35].contains(&o.kind().value())).collect();
    let p = bu_packet(&opts, &prefs, "2001:db8:2::100", "2001:db8:1::1");
    // A classic pcap, link type 229 (raw IPv6).
    let mut f = Vec::new();
    for v in [0xa1b2_c3d4u32.to_le_bytes(), [2, 0, 4, 0], [0; 4], [0; 4], 65535u32.to_le_bytes(), 229u32.to_le_bytes()] {
        f.extend_from_slice(&v);
    }
    for v in [1u32, 0, p.len() as u32, p.len() as u32] {
        f.extend_from_slice(&v.to_le_bytes());
    }
    f.extend_from_slice(&p);
    let path = std::env::temp_dir().join(format!("mipscope-mh-opt-{}.pcap", std::process::id()));
    std::fs::write(&path, &f).unwrap();
    let out = std::process::Command::new("tshark").arg("-r").arg(&path).arg("-V").output().unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    if std::env::var_os("MH_OPT_SHOW").is_some() {
        eprintln!("{text}");
    }
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for bad in ["Malformed", "[Severity level: Warning]", "[Severity level: Error]", "Unknown option", "incorrect"] {
        assert!(!text.contains(bad), "tshark says {bad}:\n{text}");
    }
    for want in ["Home Network Prefix", "Handoff Indicator", "Access Technology Type", "GRE Key: 4660", "Mobile Node Identifier"]
    {
        assert!(text.contains(want), "tshark does not show {want}:\n{text}");
    }
}

/// Option octets: a type, a Length octet and data of the length the type's rule gives it.
fn option_bytes() -> impl Strategy<Value = Vec<u8>> {
    (1u8..=255, any::<u8>(), proptest::collection::vec(any::<u8>(), 0..1100)).prop_map(|(kind, len, pool)| {
        let prefs = Prefs::default();
        let n = dissect::mh::opt::data_len(kind, len, &prefs);
        let mut b = vec![kind, len];
        b.extend((0..n).map(|i| pool.get(i).copied().unwrap_or(i as u8)));
        b
    })
}

/// Typed values built field by field (code points and flags from any octet, reserved bits
/// included; variable parts in their canonical typed form).
fn typed_option() -> impl Strategy<Value = MhOption> {
    let bytes = || proptest::collection::vec(any::<u8>(), 0..24);
    prop_oneof![
        any::<u16>().prop_map(|i| BaseOpt::Bra(Bra { interval: i }).into()),
        (any::<u8>(), any::<u8>(), any::<[u8; 16]>()).prop_map(|(r, l, p)| BaseOpt::Mnp(Mnp {
            reserved: r,
            prefix_len: l,
            prefix: Ip6(p)
        })
        .into()),
        (any::<u8>(), bytes()).prop_map(|(c, a)| FmipOpt::MhLla(Tail { fixed: MhLlaFixed { code: c.into() }, rest: a }).into()),
        (any::<u8>(), any::<u8>())
            .prop_map(|(r, h)| PmipOpt::HandoffIndicator(HandoffIndicator { reserved: r, hi: h.into() }).into()),
        (any::<u16>(), proptest::option::of(any::<u32>())).prop_map(|(r, k)| {
            let g = match k {
                Some(key) => GreKeyData::Key(GreKey { reserved: r, key }),
                None => GreKeyData::NoKey(GreNoKey { reserved: r }),
            };
            PmipOpt::GreKey(g).into()
        }),
        (any::<u8>(), bytes()).prop_map(|(st, d)| {
            let subtype = MnidSubtype::from(st);
            MnidOpt::MobileNodeId(MobileNodeId { fixed: MnidFixed { subtype }, id: Identifier::parse(subtype, &d) }).into()
        }),
        (any::<u16>(), any::<[u8; 16]>(), any::<[u8; 4]>(), any::<bool>()).prop_map(|(w, a6, a4, v4)| {
            // OneOf(6, 18): exactly one address, announced by its flag.
            let k = !v4;
            let flags = RedirFlags((w & RedirFlags::RESERVED) | if k { RedirFlags::K } else { RedirFlags::N });
            let (ipv6, ipv4) = if k { (Some(Ip6(a6)), None) } else { (None, Some(Ip4(a4))) };
            LraOpt::Redirect(Redirect { fixed: RedirFixed { flags }, ipv6, ipv4, trailer: vec![] }).into()
        }),
        (any::<u16>(), any::<u8>(), proptest::collection::vec((0u8..5, bytes()), 0..4)).prop_map(|(fid, st, subs)| {
            let items = subs
                .into_iter()
                .map(|(k, d)| {
                    let kind = FiSubType::from(k);
                    let d = if k == 0 { vec![] } else { d };
                    SubOpt { kind, value: <FiValue as SubValue>::parse_value(k, &d) }
                })
                .collect();
            let fixed = FlowIdFixed { fid, fid_pri: 1, reserved: 0, status: st.into() };
            FlowOpt::FlowIdentification(Tail { fixed, rest: SubOpts { items, trailer: vec![] } }).into()
        }),
        (any::<u16>(), any::<u8>(), any::<u8>(), proptest::option::of(any::<[u8; 16]>())).prop_map(|(bid, st, fl, coa)| {
            let coa = coa.map_or(BidCoa::None, |a| BidCoa::V6(BidCoa6 { coa: Ip6(a) }));
            let bid = BindingId::Rfc5648 { fixed: BidRfc { bid, status: st.into(), flags: BidRfcFlags(fl) }, coa: coa.clone() };
            MhOption::Seed(SeedOpt::BindingId { code: Auto::Given(35), bid })
        }),
        (any::<u8>(), any::<u32>(), proptest::collection::vec((1u8..12, any::<u16>(), any::<u32>()), 0..3)).prop_map(
            |(srid, oc, attrs)| {
                let items = attrs
                    .into_iter()
                    .map(|(k, w, bps)| {
                        let mut d = w.to_be_bytes().to_vec();
                        d.extend_from_slice(&bps.to_be_bytes());
                        SubOpt { kind: QosAttrType::from(k), value: <QosValue as SubValue>::parse_value(k, &d) }
                    })
                    .collect();
                QosOpt::QualityOfService(Tail {
                    fixed: QosFixed { srid, tc: QosTc(0), oc_reserved: QosOcWord(oc) },
                    rest: SubOpts { items, trailer: vec![] },
                })
                .into()
            }
        ),
    ]
}

proptest! {
    /// A typed value emits to octets that parse back to the same value.
    #[test]
    fn built_typed_values_parse_back(v in typed_option()) {
        let prefs = Prefs::default();
        let out = emit(&v, &prefs).unwrap();
        let (rest, back) = MhOption::parse_in(&out, &prefs).unwrap();
        prop_assert!(rest.is_empty());
        prop_assert_eq!(back, v);
    }

    /// Any octets the parse accepts re-emit identically, under both profiles.
    #[test]
    fn arbitrary_bytes_re_emit(bytes in proptest::collection::vec(any::<u8>(), 0..64), opt in option_bytes()) {
        for prefs in [Prefs::with_profile(Profile::Rfc), Prefs::with_profile(Profile::Draft)] {
            for input in [&bytes[..], &opt[..]] {
                let mut area = input;
                let mut out = Vec::new();
                while let Ok((rest, o)) = MhOption::parse_in(area, &prefs) {
                    o.emit(&EmitCx::new(&prefs), &mut out).unwrap();
                    area = rest;
                }
                prop_assert_eq!(&out[..], &input[..input.len() - area.len()]);
            }
        }
    }

    /// A typed value of any known type (made from data its length rule accepts) emits to
    /// octets that parse back to the same value. The types are IANA's table (`OptType`), so a
    /// new type is covered as soon as it has its variant and row.
    #[test]
    fn typed_values_parse_back(kind in proptest::sample::select(OptType::VALS.iter().map(|&(c, _)| c as u8).collect::<Vec<_>>()), extra in 0usize..24, pool in proptest::collection::vec(any::<u8>(), 64)) {
        let prefs = Prefs::default();
        let def = lookup(kind, &prefs).unwrap();
        let n = match def.len {
            dissect::mh::opt::Len::Fixed(n) => n,
            dissect::mh::opt::Len::Min(n) => n + extra,
            dissect::mh::opt::Len::OneOf(ns) => ns[extra % ns.len()],
        };
        let n = match def.span {
            dissect::mh::opt::Span::WordsAfter(k) => k + 4 * n.saturating_sub(k).div_ceil(4),
            dissect::mh::opt::Span::Octets => n,
        };
        let data: Vec<u8> = (0..n).map(|i| pool[i % pool.len()]).collect();
        let len = def.span.length_octet(n).unwrap();
        let mut bytes = vec![kind];
        if kind != 0 {
            bytes.push(len);
            bytes.extend_from_slice(&data);
        }
        let (_, v) = MhOption::parse_in(&bytes, &prefs).unwrap();
        prop_assert!(!matches!(v, MhOption::Raw { .. }), "{} raw: {:?}", kind, v);
        prop_assert_eq!(v.kind(), OptType::from(kind));
        let out = emit(&v, &prefs).unwrap();
        prop_assert_eq!(&out, &bytes);
        prop_assert_eq!(MhOption::parse_in(&out, &prefs).unwrap().1, v);
    }

    /// Traffic selectors and sub-option lists: any octets parse, and emit back identically.
    #[test]
    fn selectors_and_sub_options_re_emit(format in 0u8..4, data in proptest::collection::vec(any::<u8>(), 0..80)) {
        let sel = Selector::parse(TsFormat::from(format), &data);
        let mut out = Vec::new();
        sel.emit(&mut out);
        prop_assert_eq!(&out, &data);
        use dissect::mh::opt::Body;
        let subs = <SubOpts<FiSubType, FiValue, true>>::parse_body(&data).unwrap();
        let mut out = Vec::new();
        subs.emit_body(&mut out).unwrap();
        prop_assert_eq!(&out, &data);
        let attrs = <SubOpts<QosAttrType, QosValue, false>>::parse_body(&data).unwrap();
        let mut out = Vec::new();
        attrs.emit_body(&mut out).unwrap();
        prop_assert_eq!(&out, &data);
    }

    /// Aligned option lists keep every rule wherever they start, and end on 8n.
    #[test]
    fn align_options_meets_every_rule(start in 0usize..16, pick in proptest::collection::vec(0usize..13, 0..8)) {
        let prefs = Prefs::default();
        let all = built_options();
        let opts: Vec<MhOption> = pick.iter().map(|&i| all[i].clone()).collect();
        let aligned = align_options(&opts, start, &prefs);
        let mut off = start;
        let mut kept = Vec::new();
        for o in &aligned {
            let (x, y) = o.align(&prefs);
            prop_assert_eq!(off % x, y % x);
            off += emit(o, &prefs).unwrap().len();
            if !matches!(o, MhOption::Base(BaseOpt::Pad1(_) | BaseOpt::PadN(_))) {
                kept.push(o.clone());
            }
        }
        prop_assert_eq!(off % 8, 0);
        prop_assert_eq!(kept, opts);
    }
}

/// A typed option can lie about its Length alone (issue 12: every length computed or given):
/// Nonce Indices sent with Length 3 keeps its four octets of data, and the dissector reports
/// exactly that lie. Before, a given Length needed the option rebuilt as raw octets.
#[test]
fn a_typed_option_can_be_sent_with_a_given_length() {
    let prefs = Prefs::default();
    let ni = MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: 5, careof: 6 }));
    let liar = MhOption::WithLength { length: 3, option: Box::new(ni.clone()) };
    let cx = EmitCx::new(&prefs);
    let mut out = Vec::new();
    liar.emit(&cx, &mut out).unwrap();
    assert_eq!(out, [4, 3, 0, 5, 0, 6]);
    assert_eq!((liar.kind(), liar.align(&prefs)), (ni.kind(), ni.align(&prefs)));
    let mut r = MhRepr::new(Bu { seq: 9, flags: BuFlags(BuFlags::A), lifetime: 60 });
    r.options = vec![liar];
    let (src, dst) = ("2001:db8:2::100", "2001:db8:1::1");
    let cx = EmitCx { ip: Some(dissect::IpCtx::V6 { src: ip6(src), dst: ip6(dst) }), ..EmitCx::new(&prefs) };
    let mut mh = Vec::new();
    r.emit(&cx, &mut mh).unwrap();
    let p = ipv6(src, dst, 135, &mh);
    let d = dissect_raw(&p, &prefs);
    let ex: Vec<_> = d.experts.iter().map(|e| e.def.abbrev()).collect();
    assert!(ex.contains(&"mip6.opt.len.invalid"), "{ex:?}");
    assert!(!ex.contains(&"mip6.csum.bad"), "{ex:?}");
}

/// The octets a node covers.
fn node_bytes<'f>(frame: &'f [u8], d: &Dissection, f: &str) -> Option<&'f [u8]> {
    let n = d.find(f)?;
    frame.get(n.offset as usize..(n.offset + n.len) as usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// An identifier of any subtype and length (RFC 4283, RFC 8371 §4), built as the model's
    /// value in a Mobile Node Identifier and a MAG Identifier: the dissector, which parses it
    /// with the same `Identifier`, shows each variant under its field with its octets, and a
    /// length its subtype does not have as the length warning with the raw octets.
    #[test]
    fn identifiers_dissect_as_the_model_types_them(st in 0u8..10, d in proptest::collection::vec(any::<u8>(), 1..24)) {
        let subtype = MnidSubtype::from(st);
        let id: Identifier = Identifier::parse(subtype, &d);
        let prefs = Prefs::default();
        let mnid: MhOption = MnidOpt::MobileNodeId(MobileNodeId { fixed: MnidFixed { subtype }, id: id.clone() }).into();
        let mag: MhOption = dissect::mh::opt::pmip::PmipOpt::MagIdentifier(dissect::mh::opt::pmip::MagId {
            fixed: dissect::mh::opt::pmip::MagIdFixed { subtype, reserved: 0 },
            id: id.clone(),
        })
        .into();
        let f = bu_packet(&[mnid, mag], &prefs, "2001:db8::1", "2001:db8::2");
        let dis = dissect_raw(&f, &prefs);
        let mnid_field = match &id {
            Identifier::Nai(_) => "mip6.mnid.identifier",
            Identifier::Ipv6(_) => "mip6.mnid.ipv6",
            Identifier::Imsi(_) => "mip6.mnid.imsi",
            Identifier::PTmsi(_) => "mip6.mnid.ptmsi",
            Identifier::Eui48(_) => "mip6.mnid.eui48",
            Identifier::Eui64(_) => "mip6.mnid.eui64",
            Identifier::Other(_) => match subtype {
                MnidSubtype::Guti => "mip6.mnid.guti",
                MnidSubtype::Duid => "mip6.mnid.duid",
                _ => "mip6.mnid.data",
            },
        };
        prop_assert_eq!(node_bytes(&f, &dis, mnid_field), Some(&d[..]), "{:?}", id);
        let warned = experts(&dis).contains(&"mip6.mnid.len.invalid");
        prop_assert_eq!(warned, matches!(id, Identifier::Other(_)) && subtype.fixed_len().is_some());
        if let Identifier::PTmsi(v) = id {
            prop_assert_eq!(uint(&dis, "mip6.mnid.ptmsi"), u64::from(v));
        }
        let mag_field = match &id {
            Identifier::Nai(_) => "mip6.mag_id.nai",
            Identifier::Ipv6(_) => "mip6.mag_id.ipv6",
            _ => "mip6.mag_id.identifier",
        };
        prop_assert_eq!(node_bytes(&f, &dis, mag_field), Some(&d[..]), "{:?}", id);
    }
}

/// Sub-option values as the model types them: parsed from `(type, octets)` pairs, so every
/// typed shape and raw octets occur.
fn subs<V: SubValue + std::fmt::Debug>(kinds: std::ops::RangeInclusive<u8>) -> impl Strategy<Value = Vec<(u8, V)>> {
    proptest::collection::vec((kinds, proptest::collection::vec(any::<u8>(), 0..12)), 1..4)
        .prop_map(|v| v.into_iter().map(|(k, d)| (k, V::parse_value(k, &d))).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// QoS attributes (RFC 7222 §4.2) built as model values in a Quality-of-Service option: the
    /// dissector, which parses each with the same `QosValue`, shows every rate under its field
    /// with its value, every ARP's PL/PC/PV octet, every vendor attribute's Vendor ID, and no
    /// length complaint for a typed value.
    #[test]
    fn qos_attributes_dissect_as_the_model_types_them(srid: u8, tc: u8, oc: u8, attrs in subs::<QosValue>(0..=12)) {
        let items = attrs.iter().map(|(k, v)| SubOpt { kind: QosAttrType::from(*k), value: v.clone() }).collect();
        let fixed = QosFixed { srid, tc: QosTc(tc), oc_reserved: QosOcWord::new(QosOc::from(oc), 0) };
        let o: MhOption = QosOpt::QualityOfService(Tail { fixed, rest: SubOpts { items, trailer: vec![] } }).into();
        let prefs = Prefs::default();
        let f = bu_packet(&[o], &prefs, "2001:db8::1", "2001:db8::2");
        let dis = dissect_raw(&f, &prefs);
        prop_assert_eq!(uint(&dis, "mip6.qos.srid"), u64::from(srid));
        let rates: Vec<u64> = attrs.iter().filter_map(|(_, v)| match v { QosValue::Rate { bps, .. } => Some(u64::from(*bps)), _ => None }).collect();
        let shown: Vec<u64> = dis.nodes.iter().filter(|n| n.def.abbrev.ends_with("_dl") || n.def.abbrev.ends_with("_ul")).filter_map(|n| n.value.as_uint()).collect();
        prop_assert_eq!(shown, rates);
        let arps = attrs.iter().filter(|(_, v)| matches!(v, QosValue::Arp(_))).count();
        prop_assert_eq!(dis.find_all("mip6.qos.arp.pl").count(), arps);
        let vids: Vec<u64> = attrs.iter().filter_map(|(_, v)| match v { QosValue::Vendor { fixed, .. } => Some(u64::from(fixed.vendor_id)), _ => None }).collect();
        prop_assert_eq!(dis.find_all("mip6.qos.vsa.vendor_id").filter_map(|n| n.value.as_uint()).collect::<Vec<_>>(), vids);
        let typed_only = attrs.iter().all(|(_, v)| !matches!(v, QosValue::Raw(_)));
        if typed_only {
            prop_assert!(!experts(&dis).contains(&"mip6.subopt.len.invalid"), "{:?}", experts(&dis));
        }
    }

    /// ANI sub-options (RFC 6757 §3.1) built as model values: Geo-Location's degrees, the
    /// Operator-Identifier's type and the Network-Identifier's names come back from the
    /// dissector, which reads them with the same parse.
    #[test]
    fn ani_sub_options_dissect_as_the_model_types_them(values in subs::<dissect::mh::opt::ani::AniValue>(1..=4)) {
        use dissect::mh::opt::ani::{AniOpt, AniType, AniValue};
        let items = values.iter().map(|(k, v)| SubOpt { kind: AniType::from(*k), value: v.clone() }).collect();
        let o: MhOption = AniOpt::AccessNetworkId(SubOpts { items, trailer: vec![] }).into();
        let prefs = Prefs::default();
        let f = bu_packet(&[o], &prefs, "2001:db8::1", "2001:db8::2");
        let dis = dissect_raw(&f, &prefs);
        let ints = |f: &str| dis.find_all(f).map(|n| match n.value { dissect::field::Value::Int(i) => i, _ => i64::MIN }).collect::<Vec<_>>();
        let (mut lat, mut lon, mut op, mut ap) = (vec![], vec![], vec![], vec![]);
        for (_, v) in &values {
            match v {
                AniValue::GeoLocation { latitude, longitude } => {
                    lat.push(i64::from(*latitude));
                    lon.push(i64::from(*longitude));
                }
                AniValue::OperatorId { op_type, .. } => op.push(u64::from(op_type.value())),
                AniValue::NetworkId { ap_name, .. } if !ap_name.is_empty() => ap.push(ap_name.clone()),
                _ => {}
            }
        }
        prop_assert_eq!(ints("mip6.acc_net_id.geo.latitude_degrees"), lat);
        prop_assert_eq!(ints("mip6.acc_net_id.geo.longitude_degrees"), lon);
        prop_assert_eq!(uints(&dis, "mip6.acc_net_id.op_id.type"), op);
        let shown_ap: Vec<Vec<u8>> = dis.find_all("mip6.acc_net_id.ap_name").map(|n| f[n.offset as usize..(n.offset + n.len) as usize].to_vec()).collect();
        prop_assert_eq!(shown_ap, ap);
    }

    /// A Binding Identifier built as the model's value (RFC 5648 layout, any status, with no,
    /// an IPv4 or an IPv6 care-of address) in a BA: the dissector, parsing it with the same
    /// `BindingId`, gives back the BID, the typed status and the care-of address.
    #[test]
    fn binding_identifier_dissects_as_the_model_types_it(bid: u16, st: u8, fl: u8, coa in 0u8..3, a in any::<[u8; 16]>()) {
        use dissect::mh::msg::binding::{Ba, BaFlags};
        let coa = match coa {
            0 => BidCoa::None,
            1 => BidCoa::V4(dissect::mh::seeds::BidCoa4 { coa: Ip4([a[0], a[1], a[2], a[3]]) }),
            _ => BidCoa::V6(BidCoa6 { coa: Ip6(a) }),
        };
        let bid_value = BindingId::Rfc5648 { fixed: BidRfc { bid, status: st.into(), flags: BidRfcFlags(fl) }, coa: coa.clone() };
        let opt = MhOption::Seed(SeedOpt::BindingId { code: Auto::Computed, bid: bid_value });
        let prefs = Prefs::default();
        let mut r = MhRepr::new(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq: 1, lifetime: 2 });
        r.options = vec![opt];
        let cx = dissect::model::EmitCx { ip: Some(dissect::IpCtx::V6 { src: ip6("2001:db8::2"), dst: ip6("2001:db8::1") }), ..EmitCx::new(&prefs) };
        let mut mh = Vec::new();
        r.emit(&cx, &mut mh).unwrap();
        let dis = dissect_raw(&ipv6("2001:db8::2", "2001:db8::1", 135, &mh), &prefs);
        prop_assert_eq!(uint(&dis, "mip6.bi.bid"), u64::from(bid));
        prop_assert_eq!(uint(&dis, "mip6.bi.status"), u64::from(st));
        match coa {
            BidCoa::V4(c) => prop_assert_eq!(dis.find("mip6.bi.coa_ipv4").map(|n| n.value), Some(dissect::field::Value::Ipv4(c.coa.0))),
            BidCoa::V6(c) => prop_assert_eq!(dis.find("mip6.bi.coa_ipv6").map(|n| n.value), Some(dissect::field::Value::Ipv6(c.coa.0))),
            _ => prop_assert!(dis.find("mip6.bi.coa_ipv4").is_none() && dis.find("mip6.bi.coa_ipv6").is_none()),
        }
    }
}
