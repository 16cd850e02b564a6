//! The owned ICMPv4 message ([`dissect::icmpv4::Icmpv4`]) and the Mobile IPv4 agent discovery
//! extensions ([`dissect::icmpv4::AgentExt`]): every ICMP message in every fixture re-emits to
//! its own bytes; any bytes the parse accepts do; and messages built with the checksum, counts
//! and extension lengths left to be computed dissect with every field back and no expert item
//! (tshark agrees on an Agent Advertisement).

use dissect::frame::FrameMeta;
use dissect::icmpv4::{
    encode_entries, encode_extensions, AgentExt, AgentExtType, AgentExts, Icmpv4, Icmpv4Body, Icmpv4Code, Icmpv4Type, MaaFlags,
    MobilityAgentExt, RouterAdvert, RouterAdvertCode, RouterEntry, TimeExceededCode, UnreachableCode,
};
use dissect::model::Auto;
use dissect::prefs::{Prefs, Profile};
use dissect::tree::Dissection;
use proptest::prelude::*;

mod common;
use common::{experts, uint, uints};

const HA: [u8; 4] = [192, 0, 2, 1];
const ALL_NODES: [u8; 4] = [224, 0, 0, 1];

fn csum(data: &[u8]) -> u16 {
    dissect::checksum::finish(dissect::checksum::sum(data, 0))
}

/// An IPv4 packet of protocol `proto` around `payload`.
fn ipv4(src: [u8; 4], dst: [u8; 4], proto: u8, ttl: u8, payload: &[u8]) -> Vec<u8> {
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&((20 + payload.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 1, 0, 0, ttl, proto, 0, 0]);
    ip.extend_from_slice(&src);
    ip.extend_from_slice(&dst);
    let c = csum(&ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(payload);
    ip
}

fn run(pkt: &[u8]) -> Dissection {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 228, ts: (1_700_000_000, 0), ..Default::default() };
    dissect::dissect_frame(&mut d, pkt, &meta, &Prefs::default());
    d
}

fn emit(m: &Icmpv4<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    m.emit(&mut out).expect("fits");
    out
}

fn round_trips(msg: &[u8]) -> bool {
    let Ok((m, n)) = Icmpv4::parse(msg) else { return false };
    assert_eq!(n, msg.len());
    let mut out = Vec::new();
    m.emit(&mut out).unwrap();
    assert_eq!(out, msg, "{m:?}");
    let mut out = Vec::new();
    m.to_owned().emit(&mut out).unwrap();
    assert_eq!(out, msg);
    if let Icmpv4Body::RouterAdvert(ra) = &m.body {
        // Every octet of the extension area is in one extension.
        let exts: Vec<_> = AgentExts::new(ra.extensions).collect();
        assert_eq!(encode_extensions(&exts).unwrap(), ra.extensions);
        assert_eq!(ra.entries().count(), ra.entries.len() / 8);
    }
    true
}

#[test]
fn every_fixture_icmp_message_round_trips() {
    let mut seen = 0;
    let mut ras = 0;
    for path in common::fixture_files() {
        let bytes = std::fs::read(&path).unwrap();
        let mut frames = Vec::new();
        let _ = dissect::capture::for_each_packet(&bytes[..], |m, d| {
            frames.push((*m, d.to_vec()));
            true
        });
        for prefs in [Prefs::with_profile(Profile::Rfc), Prefs::with_profile(Profile::Draft)] {
            for (m, data) in &frames {
                let mut d = Dissection::new();
                dissect::dissect_frame(&mut d, data, m, &prefs);
                for node in d.find_all("icmp") {
                    let msg = &data[node.offset as usize..(node.offset + node.len) as usize];
                    if round_trips(msg) {
                        seen += 1;
                        ras += usize::from(msg[0] == 9);
                    }
                }
            }
        }
    }
    assert!(seen >= 30 && ras >= 8, "only {seen} ICMP messages, {ras} router advertisements");
}

/// An Agent Advertisement from a home and foreign agent: two router entries, a Mobility
/// Agent Advertisement with two care-of addresses, Prefix-Lengths and a final padding octet,
/// every count, length and the checksum computed.
fn agent_advertisement(seq: u16, coas: &[[u8; 4]], flags: MaaFlags, pad: bool) -> Icmpv4<Vec<u8>> {
    let entries = [RouterEntry { address: HA, preference: 10 }, RouterEntry { address: [192, 0, 2, 2], preference: -1 }];
    let mut exts = vec![
        AgentExt::MobilityAgent(MobilityAgentExt { length: Auto::Computed, seq, reg_lifetime: 600, flags, coas: coas.concat() }),
        AgentExt::PrefixLengths { length: Auto::Computed, lengths: vec![24, 24] },
    ];
    if pad {
        exts.push(AgentExt::Padding);
    }
    Icmpv4 {
        ty: Icmpv4Type::RouterAdvertisement,
        code: Icmpv4Code::RouterAdvert(RouterAdvertCode::Normal),
        checksum: Auto::Computed,
        body: Icmpv4Body::RouterAdvert(RouterAdvert {
            num_addrs: Auto::Computed,
            entry_size: Auto::Computed,
            lifetime: 1800,
            entries: encode_entries(&entries),
            extensions: encode_extensions(&exts).unwrap(),
        }),
    }
}

#[test]
fn built_agent_advertisement_dissects_cleanly() {
    let flags = MaaFlags(MaaFlags::H | MaaFlags::F | MaaFlags::R | MaaFlags::T);
    let msg = emit(&agent_advertisement(7, &[[198, 51, 100, 1], [198, 51, 100, 2]], flags, true));
    assert_eq!(msg[4..6], [2, 2], "Num Addrs and Addr Entry Size computed");
    assert_eq!(msg[24..26], [16, 14], "MAA Length 6 + 4 x 2");
    let d = run(&ipv4(HA, ALL_NODES, 1, 1, &msg));
    assert_eq!(experts(&d), Vec::<&str>::new());
    assert_eq!(uint(&d, "icmp.checksum.status"), 1);
    assert_eq!(uint(&d, "icmp.mip.seq"), 7);
    assert_eq!(uint(&d, "icmp.mip.life"), 600);
    assert_eq!(uint(&d, "icmp.mip.flags"), u64::from(flags.0));
    assert_eq!(uints(&d, "icmp.mip.prefixlength"), [24, 24]);
    assert_eq!(uints(&d, "icmp.mip.length"), [14, 2]);
    assert_eq!(d.find_all("icmp.mip.coa").count(), 2);
    // Parsed back: the same extensions, lengths now given.
    let (m, _) = Icmpv4::parse(&msg).unwrap();
    let Icmpv4Body::RouterAdvert(ra) = m.body else { panic!("{m:?}") };
    let exts: Vec<_> = ra.extensions(0).collect();
    assert_eq!(exts.len(), 3);
    let AgentExt::MobilityAgent(maa) = exts[0] else { panic!("{exts:?}") };
    assert_eq!((maa.length, maa.flags, maa.coas().count()), (Auto::Given(14), flags, 2));
    assert_eq!(exts[1].ty(), AgentExtType::PrefixLengths);
    assert_eq!(exts[2], AgentExt::Padding);
}

#[test]
fn built_messages_of_every_shape_dissect_cleanly() {
    // A whole quoted datagram: an echo request, so the quote is complete and checks out.
    let echo = Icmpv4 {
        ty: Icmpv4Type::EchoRequest,
        code: Icmpv4Code::Other(0),
        checksum: Auto::Computed,
        body: Icmpv4Body::Echo { ident: 0x1234, seq: 1, data: b"mipscope".to_vec() },
    };
    let quoted = ipv4([192, 0, 2, 20], [203, 0, 113, 5], 1, 64, &emit(&echo));
    let error = |ty, code, pointer, mtu| Icmpv4 {
        ty,
        code,
        checksum: Auto::Computed,
        body: Icmpv4Body::Error { pointer, length: 0, mtu, invoking: quoted.clone() },
    };
    let msgs = [
        echo.clone(),
        Icmpv4 { ty: Icmpv4Type::EchoReply, ..echo.clone() },
        error(Icmpv4Type::DestinationUnreachable, Icmpv4Code::Unreachable(UnreachableCode::FragmentationNeeded), 0, 1400),
        error(Icmpv4Type::DestinationUnreachable, Icmpv4Code::Unreachable(UnreachableCode::Port), 0, 0),
        error(Icmpv4Type::TimeExceeded, Icmpv4Code::TimeExceeded(TimeExceededCode::InTransit), 0, 0),
        error(Icmpv4Type::ParameterProblem, Icmpv4Code::from_wire(Icmpv4Type::ParameterProblem, 0), 8, 0),
        Icmpv4 {
            ty: Icmpv4Type::Redirect,
            code: Icmpv4Code::from_wire(Icmpv4Type::Redirect, 1),
            checksum: Auto::Computed,
            body: Icmpv4Body::Redirect { gateway: [192, 0, 2, 254], invoking: quoted.clone() },
        },
        Icmpv4 {
            ty: Icmpv4Type::TimestampRequest,
            code: Icmpv4Code::Other(0),
            checksum: Auto::Computed,
            body: Icmpv4Body::Timestamp {
                ident: 1,
                seq: 2,
                originate: Some(3),
                receive: Some(4),
                transmit: Some(5),
                trailer: Vec::new(),
            },
        },
        Icmpv4 {
            ty: Icmpv4Type::AddressMaskReply,
            code: Icmpv4Code::Other(0),
            checksum: Auto::Computed,
            body: Icmpv4Body::AddressMask { ident: 1, seq: 2, mask: Some([255, 255, 255, 0]), trailer: Vec::new() },
        },
        Icmpv4 {
            ty: Icmpv4Type::RouterSolicitation,
            code: Icmpv4Code::Other(0),
            checksum: Auto::Computed,
            body: Icmpv4Body::RouterSolicit { reserved: 0, trailer: Vec::new() },
        },
    ];
    for m in &msgs {
        let msg = emit(m);
        let d = run(&ipv4([192, 0, 2, 30], ALL_NODES, 1, 1, &msg));
        assert_eq!(experts(&d), Vec::<&str>::new(), "{m:?}");
        assert_eq!(uint(&d, "icmp.type"), u64::from(m.ty.value()));
        assert_eq!(uint(&d, "icmp.code"), u64::from(m.code.value()));
        assert_eq!(uints(&d, "icmp.checksum.status")[0], 1, "{m:?}");
        let (p, _) = Icmpv4::parse(&msg).unwrap();
        assert_eq!(p.code, m.code);
        assert_eq!(emit(&p.to_owned()), msg);
    }
    let d = run(&ipv4([192, 0, 2, 30], ALL_NODES, 1, 1, &emit(&msgs[2])));
    assert_eq!(uint(&d, "icmp.mtu"), 1400);
    assert_eq!(d.find_all("icmp").count(), 2, "the quoted echo request is dissected");
    assert_eq!(Icmpv4::parse(&emit(&msgs[2])).unwrap().0.body.invoking(), Some(&quoted[..]));
    assert_eq!(msgs[0].body.invoking(), None);
}

#[test]
fn lengths_that_cannot_be_written_are_errors() {
    let e = AgentExt::Challenge { length: Auto::Computed, challenge: vec![0u8; 256] };
    assert!(e.emit(&mut Vec::new()).is_err());
    let ra = RouterAdvert {
        num_addrs: Auto::Computed,
        entry_size: Auto::Computed,
        lifetime: 0,
        entries: vec![0u8; 8 * 256],
        extensions: Vec::new(),
    };
    let m = Icmpv4 {
        ty: Icmpv4Type::RouterAdvertisement,
        code: Icmpv4Code::Other(0),
        checksum: Auto::Computed,
        body: Icmpv4Body::RouterAdvert(ra),
    };
    let mut out = vec![9];
    assert!(m.emit(&mut out).is_err());
    assert_eq!(out, [9], "nothing appended on error");
}

#[test]
fn malformed_messages_keep_every_octet() {
    let ha = |rest: &[u8]| {
        let mut m = vec![9, 0, 0, 0, 1, 2, 0, 100, 192, 0, 2, 1, 0, 0, 0, 0];
        m.extend_from_slice(rest);
        m
    };
    for msg in [
        ha(&[16, 40, 0, 1, 0, 2, 0x30, 0]),           // MAA Length past the end
        ha(&[16, 3, 0, 1, 0]),                        // MAA too short for its fixed part
        ha(&[16, 7, 0, 1, 0, 2, 0x30, 0, 9]),         // a partial care-of address
        ha(&[0, 0, 19, 5, 1]),                        // padding, then Prefix-Lengths past the end
        ha(&[200]),                                   // a type without its Length
        vec![9, 0, 0, 0, 3, 2, 0, 100, 1, 2],         // entries past the end
        vec![9, 0, 0, 0, 1, 3, 0, 100, 1, 2],         // Addr Entry Size 3
        vec![13, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 9, 1], // a cut timestamp
        vec![4, 0, 0, 0, 1],                          // a short source quench
        vec![77, 0, 1, 2],                            // unknown type, no body
    ] {
        assert!(round_trips(&msg), "{msg:?}");
    }
    let short = ha(&[16, 3, 0, 1, 0]);
    let (m, _) = Icmpv4::parse(&short).unwrap();
    let Icmpv4Body::RouterAdvert(ra) = m.body else { panic!() };
    assert_eq!(
        ra.extensions(0).next(),
        Some(AgentExt::Other { ty: AgentExtType::MobilityAgentAdvertisement, length: Auto::Given(3), data: &[0, 1, 0][..] })
    );
    // An echo request cut inside its second word is kept whole, and says so.
    let (m, _) = Icmpv4::parse(&[8, 0, 0, 0, 1]).unwrap();
    assert_eq!(m.body, Icmpv4Body::Other { rest: &[1][..] });
    assert!(m.body.is_cut(m.ty));
    assert!(round_trips(&[8, 0, 0, 0, 1]));
    assert_eq!(Icmpv4::parse(&[8, 0, 0]).unwrap_err().at, 0);
}

fn interesting_message() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![
            Just(9u8),
            Just(9),
            Just(3),
            Just(5),
            Just(11),
            Just(12),
            Just(13),
            Just(17),
            Just(4),
            Just(10),
            Just(0),
            any::<u8>()
        ],
        prop_oneof![Just(0u8), Just(16), any::<u8>()],
        proptest::collection::vec(any::<u8>(), 0..60),
    )
        .prop_map(|(ty, code, mut rest)| {
            if ty == 9 && rest.len() > 6 {
                // Mostly RFC 1256 entries and extensions that look like extensions.
                rest[3] = 2;
                rest[2] %= 4;
                let at = 4 + 8 * usize::from(rest[2]);
                if let Some(b) = rest.get_mut(at) {
                    *b = [0, 16, 19, 24, 16][usize::from(*b) % 5];
                }
            }
            let mut m = vec![ty, code];
            m.extend_from_slice(&rest);
            m
        })
}

/// Mobility Agent Advertisement flags RFC 5944 §2.1.1 allows, with care-of addresses to match.
fn valid_maa() -> impl Strategy<Value = (MaaFlags, Vec<[u8; 4]>)> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), 0u16..64, proptest::collection::vec(any::<[u8; 4]>(), 1..4))
        .prop_map(|(home, busy, req, foreign, rest, coas)| {
            // M G T U X I in any combination; H or F; B and R only with F, F only with a CoA.
            let mut f = MaaFlags(((rest & 0x3) << 10) | ((rest >> 2) << 5) & !MaaFlags::V);
            let foreign = foreign || !home;
            f = f.with(MaaFlags::H, home).with(MaaFlags::F, foreign);
            f = f.with(MaaFlags::B, busy && foreign).with(MaaFlags::R, req && foreign);
            (f, if foreign { coas } else { Vec::new() })
        })
}

proptest! {
    #[test]
    fn any_accepted_bytes_round_trip(msg in interesting_message()) {
        if !round_trips(&msg) {
            prop_assert!(msg.len() < 4);
        }
    }

    #[test]
    fn any_extension_area_round_trips(area in proptest::collection::vec(any::<u8>(), 0..40)) {
        let exts: Vec<_> = AgentExts::new(&area).map(|e| e.to_owned()).collect();
        prop_assert_eq!(encode_extensions(&exts).unwrap(), area);
    }

    #[test]
    fn built_agent_advertisements_dissect_cleanly(seq in any::<u16>(), (flags, coas) in valid_maa(), pad in any::<bool>()) {
        let msg = emit(&agent_advertisement(seq, &coas, flags, pad));
        let d = run(&ipv4(HA, ALL_NODES, 1, 1, &msg));
        prop_assert_eq!(experts(&d), Vec::<&str>::new());
        prop_assert_eq!(uint(&d, "icmp.checksum.status"), 1);
        prop_assert_eq!(uint(&d, "icmp.mip.seq"), u64::from(seq));
        prop_assert_eq!(uint(&d, "icmp.mip.flags"), u64::from(flags.0));
        prop_assert_eq!(uint(&d, "icmp.num_addrs"), 2);
        prop_assert_eq!(d.find_all("icmp.mip.coa").count(), coas.len());
        prop_assert_eq!(uints(&d, "icmp.mip.length")[0], 6 + 4 * coas.len() as u64);
    }
}

/// tshark decodes a computed Agent Advertisement and an echo request with no warning.
#[test]
fn tshark_decodes_a_computed_agent_advertisement_cleanly() {
    if std::process::Command::new("tshark").arg("-v").output().is_err() {
        eprintln!("tshark not installed: skipped");
        return;
    }
    let flags = MaaFlags(MaaFlags::H | MaaFlags::F | MaaFlags::G);
    let adv = emit(&agent_advertisement(42, &[[198, 51, 100, 7]], flags, false));
    let echo = emit(&Icmpv4 {
        ty: Icmpv4Type::EchoRequest,
        code: Icmpv4Code::Other(0),
        checksum: Auto::Computed,
        body: Icmpv4Body::Echo { ident: 7, seq: 9, data: b"abcdefgh".to_vec() },
    });
    let pkts = [ipv4(HA, ALL_NODES, 1, 1, &adv), ipv4([192, 0, 2, 9], HA, 1, 64, &echo)];
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 228, 0, 0, 0]);
    for (i, p) in pkts.iter().enumerate() {
        for v in [1_700_000_000 + i as u32, 0, p.len() as u32, p.len() as u32] {
            pcap.extend_from_slice(&v.to_le_bytes());
        }
        pcap.extend_from_slice(p);
    }
    let path = std::env::temp_dir().join(format!("mipscope-icmp4-model-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).unwrap();
    let out = std::process::Command::new("tshark").args(["-n", "-r"]).arg(&path).arg("-V").output().unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Care-Of-Address: 198.51.100.7"), "{text}");
    assert!(text.contains("Sequence Number: 42"), "{text}");
    assert!(text.contains("Prefix Length: 24"), "{text}");
    assert_eq!(text.matches("[Checksum Status: Good]").count(), 2, "{text}");
    for bad in ["Warning", "Error", "Malformed", "Bad"] {
        assert!(!text.contains(bad), "tshark: {bad}\n{text}");
    }
}
