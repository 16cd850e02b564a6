//! The owned ICMPv6 messages and Neighbor Discovery options (issue 12 items 1–2): every message
//! in every fixture re-emits byte for byte (borrowed and owned), any bytes round-trip, and every
//! message type built with its lengths, counts and checksum computed dissects without an expert
//! item; tshark decodes a computed Router Advertisement with options cleanly.

use dissect::frame::FrameMeta;
use dissect::icmpv6::mip6::{Haad, HaadFlags, Mpa, MpaFlags, Mps};
use dissect::icmpv6::mld::{
    MldFlags, MldQuery2, MldRecord, MldRecordType, MldRecords, MldReport2, MldV1, QueryV2, Record, ReportV2, V1,
};
use dissect::icmpv6::nd::{Na, NaFlags, Ns, Ra, RaFlags, Redirect, RouterPreference, Rs};
use dissect::icmpv6::opt::{AdvInterval, HaInfo, Mtu, NdOpt, NdOptBody, NdOptType, NdOptions, PrefixFlags, PrefixInfo};
use dissect::icmpv6::{Echo, Icmp6Type, Icmpv6, Icmpv6Msg, WithOptions};
use dissect::ipv6::{Ipv6Header, Opts, OptsKind};
use dissect::model::{Auto, EmitCx};
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use dissect::wire::Ip6;
use dissect::IpCtx;
use proptest::prelude::*;

mod common;
use common::{experts, ip6, uint};

fn dissect_raw6(data: &[u8]) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, &Prefs::default());
    d
}

/// An IPv6 packet (hop limit 255) from `src` to `dst` carrying `m`, everything computed.
fn packet(src: &str, dst: &str, m: &Icmpv6<Vec<u8>>) -> Vec<u8> {
    let prefs = Prefs::default();
    let mut h = Ipv6Header::new(ip6(src), ip6(dst));
    h.hop_limit = 255;
    let cx = EmitCx { ip: Some(IpCtx::V6 { src: ip6(src), dst: ip6(dst) }), ..EmitCx::new(&prefs) };
    let mut msg = Vec::new();
    m.emit(&cx, &mut msg).unwrap();
    let mut out = Vec::new();
    h.emit(&msg, &EmitCx { next_proto: Some(58), ..EmitCx::new(&prefs) }, &mut out).unwrap();
    out
}

fn owned_opts(v: Vec<NdOptBody<Vec<u8>>>) -> NdOptions<Vec<u8>> {
    NdOptions::Items { options: v.into_iter().map(NdOpt::new).collect(), trailer: vec![] }
}

fn with<F>(fixed: F, opts: Vec<NdOptBody<Vec<u8>>>) -> WithOptions<F, Vec<u8>> {
    WithOptions { fixed, options: owned_opts(opts) }
}

fn ra() -> Icmpv6<Vec<u8>> {
    let fixed = Ra {
        cur_hop_limit: 64,
        flags: RaFlags(0).with(RaFlags::M, true).with(RaFlags::H, true).with_prf(RouterPreference::High),
        router_lifetime: 1800,
        reachable_time: 30000,
        retrans_timer: 1000,
    };
    let prefix = PrefixInfo {
        prefix_len: 64,
        flags: PrefixFlags(PrefixFlags::L | PrefixFlags::A | PrefixFlags::R),
        valid: 86400,
        preferred: 14400,
        reserved2: 0,
        prefix: Ip6(ip6("2001:db8:1::1")),
    };
    let options = owned_opts(vec![
        NdOptBody::SourceLinkAddr(vec![2, 0, 0, 0, 0, 1]),
        NdOptBody::Mtu(Mtu { reserved: 0, mtu: 1500 }),
        NdOptBody::PrefixInfo(prefix),
        NdOptBody::AdvInterval(AdvInterval { reserved: 0, interval: 3000 }),
        NdOptBody::HaInfo(HaInfo { reserved: 0, preference: 10, lifetime: 1800 }),
    ]);
    Icmpv6::new(Icmpv6Msg::RouterAdvertisement(WithOptions { fixed, options }))
}

const LL: &str = "fe80::1";
const LL2: &str = "fe80::2";

/// Every message type, built, with where it is sent from and to.
fn every_message() -> Vec<(&'static str, &'static str, Icmpv6<Vec<u8>>)> {
    // An invoking packet: an IPv6 header with nothing after it.
    let mut invoking = Vec::new();
    Ipv6Header::new(ip6("2001:db8::2"), ip6("2001:db8::3")).emit(&[], &EmitCx::new(&Prefs::default()), &mut invoking).unwrap();
    let mcast = Ip6(ip6("ff02::1:3"));
    let record = MldRecord {
        fixed: Record {
            record_type: MldRecordType::ChangeToExclude.into(),
            aux_words: Auto::Computed,
            sources: Auto::Computed,
            multicast: mcast,
        },
        sources: ip6("2001:db8::9").to_vec(),
        aux: vec![0; 4],
    };
    use Icmpv6Msg as M;
    vec![
        ("2001:db8::1", "2001:db8::2", Icmpv6::new(M::DestUnreachable { unused: 0, invoking: invoking.clone() })),
        ("2001:db8::1", "2001:db8::2", Icmpv6::new(M::PacketTooBig { mtu: 1280, invoking: invoking.clone() })),
        ("2001:db8::1", "2001:db8::2", Icmpv6::new(M::TimeExceeded { unused: 0, invoking: invoking.clone() })),
        ("2001:db8::1", "2001:db8::2", Icmpv6::new(M::ParamProblem { pointer: 6, invoking: invoking.clone() })),
        ("2001:db8::1", "2001:db8::2", Icmpv6::new(M::EchoRequest(Echo { id: 7, seq: 1, data: b"mipscope".to_vec() }))),
        ("2001:db8::2", "2001:db8::1", Icmpv6::new(M::EchoReply(Echo { id: 7, seq: 1, data: vec![] }))),
        (
            LL,
            "ff02::1",
            Icmpv6::new(M::MldQueryV1(MldV1 {
                fixed: V1 { max_delay: 1000, reserved: 0, multicast: Ip6([0; 16]) },
                trailer: vec![],
            })),
        ),
        (
            LL,
            "ff02::1:3",
            Icmpv6::new(M::MldReport(MldV1 { fixed: V1 { max_delay: 0, reserved: 0, multicast: mcast }, trailer: vec![] })),
        ),
        (
            LL,
            "ff02::2",
            Icmpv6::new(M::MldDone(MldV1 { fixed: V1 { max_delay: 0, reserved: 0, multicast: mcast }, trailer: vec![] })),
        ),
        (
            LL,
            "ff02::1",
            Icmpv6::new(M::MldQueryV2(MldQuery2 {
                fixed: QueryV2 {
                    max_code: 1000,
                    reserved: 0,
                    multicast: mcast,
                    flags: MldFlags(2),
                    qqic: 125,
                    sources: Auto::Computed,
                },
                sources: [ip6("2001:db8::7"), ip6("2001:db8::8")].concat(),
                trailer: vec![],
            })),
        ),
        (
            LL,
            "ff02::16",
            Icmpv6::new(M::MldReportV2(MldReport2 {
                fixed: ReportV2 { reserved: 0, records: Auto::Computed },
                records: MldRecords::Items { records: vec![record.clone(), record], trailer: vec![] },
            })),
        ),
        (
            LL,
            "ff02::2",
            Icmpv6::new(M::RouterSolicitation(with(Rs { reserved: 0 }, vec![NdOptBody::SourceLinkAddr(vec![2, 0, 0, 0, 0, 2])]))),
        ),
        (LL, "ff02::1", ra()),
        (
            LL,
            "ff02::1:ff00:2",
            Icmpv6::new(M::NeighborSolicitation(with(
                Ns { reserved: 0, target: Ip6(ip6(LL2)) },
                vec![NdOptBody::SourceLinkAddr(vec![2, 0, 0, 0, 0, 1])],
            ))),
        ),
        (
            LL2,
            LL,
            Icmpv6::new(M::NeighborAdvertisement(with(
                Na { flags: NaFlags(NaFlags::S | NaFlags::O), target: Ip6(ip6(LL2)) },
                vec![NdOptBody::TargetLinkAddr(vec![2, 0, 0, 0, 0, 2])],
            ))),
        ),
        (
            LL,
            "2001:db8::5",
            Icmpv6::new(M::Redirect(with(
                Redirect { reserved: 0, target: Ip6(ip6(LL2)), destination: Ip6(ip6("2001:db8::9")) },
                vec![
                    NdOptBody::TargetLinkAddr(vec![2, 0, 0, 0, 0, 2]),
                    NdOptBody::RedirectedHeader { reserved: [0; 6], packet: invoking.clone() },
                ],
            ))),
        ),
        (
            "2001:db8:1::100",
            "2001:db8:1::fdff:ffff:ffff:fffe",
            Icmpv6::new(M::HaadRequest { fixed: Haad { id: 9, flags: HaadFlags(HaadFlags::R) }, trailer: vec![] }),
        ),
        (
            "2001:db8:1::1",
            "2001:db8:2::100",
            Icmpv6::new(M::HaadReply {
                fixed: Haad { id: 9, flags: HaadFlags(HaadFlags::R) },
                addresses: [ip6("2001:db8:1::1"), ip6("2001:db8:1::2")].concat(),
                trailer: vec![],
            }),
        ),
        ("2001:db8:2::100", "2001:db8:1::1", Icmpv6::new(M::MobilePrefixSolicitation(with(Mps { id: 3, reserved: 0 }, vec![])))),
        (
            "2001:db8:1::1",
            "2001:db8:2::100",
            Icmpv6::new(M::MobilePrefixAdvertisement(with(
                Mpa { id: 3, flags: MpaFlags(MpaFlags::M) },
                vec![NdOptBody::PrefixInfo(PrefixInfo {
                    prefix_len: 64,
                    flags: PrefixFlags(PrefixFlags::A),
                    valid: 3600,
                    preferred: 1800,
                    reserved2: 0,
                    prefix: Ip6(ip6("2001:db8:1::")),
                })],
            ))),
        ),
    ]
}

#[test]
fn every_message_type_built_computed_dissects_cleanly() {
    let all = every_message();
    let mut types: Vec<u8> = all.iter().map(|(_, _, m)| u8::from(m.ty())).collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(types.len(), Icmp6Type::VALS.len(), "every type is built");
    for (src, dst, m) in &all {
        let p = packet(src, dst, m);
        let d = dissect_raw6(&p);
        assert!(d.experts.is_empty(), "{:?}: {:?}", m.ty(), experts(&d));
        assert_eq!(uint(&d, "icmpv6.type"), u64::from(u8::from(m.ty())));
        assert!(d.find("icmpv6.checksum_calculated").is_none(), "{:?}: checksum", m.ty());
        // Parsed back: the same message, its computed fields now given.
        let (back, _) = Icmpv6::parse(&p[40..]).unwrap();
        let mut again = Vec::new();
        back.to_owned().emit(&EmitCx::new(&Prefs::default()), &mut again).unwrap();
        assert_eq!(again, p[40..]);
    }
}

#[test]
fn computed_fields_are_what_the_dissector_shows() {
    let p = packet(LL, "ff02::1", &ra());
    let d = dissect_raw6(&p);
    assert_eq!(common::uints(&d, "icmpv6.opt.length"), vec![1, 1, 4, 1, 1]);
    assert!(common::flag(&d, "icmpv6.nd.ra.flag.h"));
    assert_eq!(uint(&d, "icmpv6.nd.ra.flag.prf"), 1);
    assert_eq!(uint(&d, "icmpv6.opt.prefix.length"), 64);
    let all = every_message();
    let (src, dst, q) = &all[9];
    let d = dissect_raw6(&packet(src, dst, q));
    assert_eq!(uint(&d, "icmpv6.mld.nb_sources"), 2);
    let (src, dst, r) = &all[10];
    let d = dissect_raw6(&packet(src, dst, r));
    assert_eq!(uint(&d, "icmpv6.mldr.nb_mcast_records"), 2);
    assert_eq!(common::uints(&d, "icmpv6.mldr.mar.aux_data_len"), vec![1, 1]);
    // A Length that cannot be said is an error: 7 octets of link-layer address.
    let bad = Icmpv6::new(Icmpv6Msg::RouterSolicitation(WithOptions {
        fixed: Rs { reserved: 0 },
        options: owned_opts(vec![NdOptBody::SourceLinkAddr(vec![0; 7])]),
    }));
    assert!(bad.emit(&EmitCx::new(&Prefs::default()), &mut Vec::new()).is_err());
}

/// Every ICMPv6 message the dissector found in every fixture (quoted ones included) re-emits
/// byte for byte from its borrowed and its owned form; its options are typed.
#[test]
fn every_fixture_message_round_trips() {
    let prefs = Prefs::default();
    let cx = EmitCx::new(&prefs);
    let (mut n, mut typed_opts, mut other) = (0, 0, 0);
    for path in common::fixture_files() {
        let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
            let mut d = Dissection::new();
            dissect::dissect_frame(&mut d, data, meta, &prefs);
            for node in d.nodes.iter().filter(|x| x.def.abbrev == "icmpv6") {
                let (at, len) = (node.offset as usize, node.len as usize);
                let bytes = &data[at..at + len];
                let Ok((m, used)) = Icmpv6::parse(bytes) else { continue };
                assert_eq!(used, len);
                let (mut a, mut b) = (Vec::new(), Vec::new());
                m.emit(&cx, &mut a).unwrap();
                let owned = m.to_owned();
                owned.emit(&cx, &mut b).unwrap();
                assert_eq!(a, bytes, "{} frame {}", path.display(), meta.number);
                assert_eq!(b, bytes, "{} frame {} (owned)", path.display(), meta.number);
                n += 1;
                match &owned.msg {
                    Icmpv6Msg::RouterAdvertisement(w) => typed_opts += count_typed(&w.options),
                    Icmpv6Msg::MobilePrefixAdvertisement(w) => typed_opts += count_typed(&w.options),
                    Icmpv6Msg::Other { .. } => other += 1,
                    _ => {}
                }
            }
            true
        });
    }
    assert!(n >= 30, "only {n} ICMPv6 messages");
    assert!(typed_opts > 5, "only {typed_opts} typed options");
    let _ = other;
}

fn count_typed(o: &NdOptions<Vec<u8>>) -> usize {
    match o {
        NdOptions::Items { options, .. } => options.iter().filter(|x| !matches!(x.body, NdOptBody::Other { .. })).count(),
        NdOptions::Wire(_) => 0,
    }
}

proptest! {
    #[test]
    fn any_bytes_round_trip(
        ty in prop::sample::select(vec![1u8, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 143, 144, 145, 146, 147, 200]),
        body in proptest::collection::vec(any::<u8>(), 0..120),
    ) {
        let mut bytes = vec![ty, 0, 0x12, 0x34];
        bytes.extend_from_slice(&body);
        let (m, n) = Icmpv6::parse(&bytes).unwrap();
        prop_assert_eq!(n, bytes.len());
        let prefs = Prefs::default();
        let cx = EmitCx::new(&prefs);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        m.emit(&cx, &mut a).unwrap();
        m.to_owned().emit(&cx, &mut b).unwrap();
        prop_assert_eq!(&a, &bytes);
        prop_assert_eq!(&b, &bytes);
        // A whole option walk, too.
        if let Ok((o, len)) = NdOpt::parse(&body) {
            let mut c = Vec::new();
            o.to_owned().emit(&mut c).unwrap();
            prop_assert_eq!(&c[..], &body[..len]);
        }
    }

    #[test]
    fn built_options_in_any_order_dissect_cleanly(
        picks in proptest::collection::vec(0usize..5, 0..6),
        mtu in any::<u32>(),
        interval in any::<u32>(),
        pref in any::<u16>(),
        life in 1u16..,
    ) {
        let bodies = picks.iter().map(|&k| match k {
            0 => NdOptBody::SourceLinkAddr(vec![2, 0, 0, 0, 0, 9]),
            1 => NdOptBody::Mtu(Mtu { reserved: 0, mtu }),
            2 => NdOptBody::AdvInterval(AdvInterval { reserved: 0, interval }),
            3 => NdOptBody::HaInfo(HaInfo { reserved: 0, preference: pref, lifetime: life }),
            _ => NdOptBody::Other { ty: NdOptType::from(200), data: vec![0xab; 14] },
        }).collect();
        let mut m = ra();
        if let Icmpv6Msg::RouterAdvertisement(w) = &mut m.msg {
            w.options = owned_opts(bodies);
        }
        let d = dissect_raw6(&packet(LL, "ff02::1", &m));
        // Only the undecoded type 200 may give a note.
        let e: Vec<_> = experts(&d).into_iter().filter(|e| *e != "icmpv6.undecoded.option").collect();
        prop_assert!(e.is_empty(), "{:?}", e);
    }
}

/// tshark decodes a computed Router Advertisement with options and a Destination Options +
/// Home Address packet carrying a computed echo request without a warning, checksums good.
#[test]
fn tshark_decodes_computed_messages_cleanly() {
    if std::process::Command::new("tshark").arg("-v").output().is_err() {
        eprintln!("tshark not installed: skipped");
        return;
    }
    let v = common::tshark_verbose(&packet(LL, "ff02::1", &ra()), 229, &[]);
    for want in [
        "Router Advertisement",
        "Prefix information",
        "Home Agent Information",
        "Advertisement Interval",
        "[Checksum Status: Good]",
    ] {
        assert!(v.contains(want), "{want} missing:\n{v}");
    }
    assert!(!v.contains("[Expert Info (Warning") && !v.contains("[Expert Info (Error"), "{v}");
    assert!(!v.contains("Malformed"), "{v}");

    // Echo request from a mobile node's care-of address with its home address option.
    let prefs = Prefs::default();
    let h = Ipv6Header::new(ip6("2001:db8:2::100"), ip6("2001:db8:3::1"));
    let dst = dissect::ipv6::ExtHeader::Opts(Opts::new(
        OptsKind::Destination,
        [dissect::ipv6::Ipv6Opt::HomeAddress(Ip6(ip6("2001:db8:1::100")))],
    ));
    let ip = dissect::ipv6::pseudo_header(&h, [&dst]);
    let echo = Icmpv6::new(Icmpv6Msg::EchoRequest(Echo { id: 1, seq: 1, data: b"hello".to_vec() }));
    let mut msg = Vec::new();
    echo.emit(&EmitCx { ip: Some(ip), ..EmitCx::new(&prefs) }, &mut msg).unwrap();
    let mut ext = Vec::new();
    dst.emit(&msg, &EmitCx { next_proto: Some(58), ..EmitCx::new(&prefs) }, &mut ext).unwrap();
    let mut p = Vec::new();
    h.emit(&ext, &EmitCx { next_proto: Some(60), ..EmitCx::new(&prefs) }, &mut p).unwrap();
    let d = dissect_raw6(&p);
    assert!(d.experts.is_empty(), "{:?}", experts(&d));
    let v = common::tshark_verbose(&p, 229, &[]);
    for want in ["Home Address: 2001:db8:1::100", "Echo (ping) request", "[Checksum Status: Good]"] {
        assert!(v.contains(want), "{want} missing:\n{v}");
    }
    assert!(!v.contains("[Expert Info (Warning") && !v.contains("[Expert Info (Error"), "{v}");
}

/// Counts given to lie: the dissector, now reading sources, records and home agent addresses
/// from the owned form's parse, reports each cut where it was and as it did before.
#[test]
fn given_counts_that_lie_are_reported_where_the_message_ends() {
    let texts =
        |d: &Dissection| -> Vec<(String, u32)> { d.experts.iter().map(|e| (d.text_of(e.text).to_string(), e.offset)).collect() };
    // MLDv2 Query announcing 3 sources, carrying 1.
    let q = Icmpv6::new(Icmpv6Msg::MldQueryV2(MldQuery2 {
        fixed: QueryV2 {
            max_code: 0,
            reserved: 0,
            multicast: Ip6([0; 16]),
            flags: MldFlags(0),
            qqic: 0,
            sources: Auto::Given(3),
        },
        sources: ip6("2001:db8::7").to_vec(),
        trailer: vec![],
    }));
    let d = dissect_raw6(&packet(LL, "ff02::1", &q));
    assert_eq!(
        texts(&d),
        vec![("Malformed Packet: Query: Number of Sources 3, the message ends after 1 (32 octets short)".to_string(), 40 + 44)]
    );
    // An MLDv2 record whose Aux Data Len says 2 words, 1 there.
    let rec = MldRecord {
        fixed: Record { record_type: 1, aux_words: Auto::Given(2), sources: Auto::Computed, multicast: Ip6(ip6("ff02::1:3")) },
        sources: vec![],
        aux: vec![0; 4],
    };
    let r = Icmpv6::new(Icmpv6Msg::MldReportV2(MldReport2 {
        fixed: ReportV2 { reserved: 0, records: Auto::Computed },
        records: MldRecords::Items { records: vec![rec], trailer: vec![] },
    }));
    let p = packet(LL, "ff02::16", &r);
    let d = dissect_raw6(&p);
    assert_eq!(texts(&d), vec![("Malformed Packet: Aux Data Len 2 needs 8 octets, 4 left".to_string(), 40 + 8 + 20)]);
    // Parsed back, the lie is kept: the record is not whole, so it stays in the trailer.
    let (back, _) = Icmpv6::parse(&p[40..]).unwrap();
    let Icmpv6Msg::MldReportV2(b) = &back.to_owned().msg else { panic!() };
    assert!(matches!(&b.records, MldRecords::Items { records, trailer } if records.is_empty() && trailer.len() == 24));
    // A HAAD Reply with 8 octets after its one address.
    let h = Icmpv6::new(Icmpv6Msg::HaadReply {
        fixed: Haad { id: 1, flags: HaadFlags(0) },
        addresses: ip6("2001:db8:1::1").to_vec(),
        trailer: vec![0; 8],
    });
    let d = dissect_raw6(&packet("2001:db8:1::1", "2001:db8:2::100", &h));
    assert_eq!(texts(&d), vec![("Malformed Packet: home agent address is cut short at offset 64".to_string(), 64)]);
}
