//! A frame as a stack of owned elements (issue 12 item 1): every frame of every fixture, under
//! both profiles, parses into the model and emits back its exact octets; a frame built with
//! everything computed dissects without an expert item.

mod common;

use dissect::frame::FrameMeta;
use dissect::prefs::{Prefs, Profile};
use dissect::stack::{FrameRepr, Layer};
use dissect::tree::Dissection;

fn profiles() -> [Prefs; 2] {
    let draft = Prefs::build(Some("draft"), &[]).unwrap();
    assert_eq!(draft.profile, Profile::Draft);
    [Prefs::default(), draft]
}

#[test]
fn every_fixture_frame_round_trips_through_the_model() {
    let mut frames = 0;
    let mut layers = 0;
    let mut typed_to_the_end = 0;
    for prefs in profiles() {
        for path in common::fixture_files() {
            let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
                let f = FrameRepr::parse(meta.linktype, data, &prefs);
                let out = f.emit(&prefs).unwrap_or_else(|e| panic!("{} frame {}: {e}", path.display(), meta.number));
                assert_eq!(out, data, "{} frame {} ({:?})", path.display(), meta.number, f.layers);
                frames += 1;
                layers += f.layers.len();
                typed_to_the_end += usize::from(!matches!(f.layers.last(), Some(Layer::Data(_)) | None));
                true
            });
        }
    }
    assert!(frames > 500, "{frames} frames");
    eprintln!("{frames} frames, {layers} layers, {typed_to_the_end} typed to their last octet");
}

/// The layers name the elements the dissector shows, in order.
#[test]
fn layers_follow_the_dissectors_protocols() {
    let prefs = Prefs::default();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/transport-pmipv6.pcapng");
    let mut seen = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |meta, data| {
        let f = FrameRepr::parse(meta.linktype, data, &prefs);
        let names: Vec<&str> = f
            .layers
            .iter()
            .map(|l| match l {
                Layer::Link(_) => "eth",
                Layer::Ipv4(_) => "ip",
                Layer::Udp(_) => "udp",
                Layer::Gre(_) => "gre",
                Layer::Mh(_) => "mipv6",
                Layer::Data(_) => "data",
                _ => "other",
            })
            .collect();
        seen.push(names.join(":"));
        true
    });
    // Frames 4 and 5: IPv4 transport, the PBU/PBA in UDP 5436 (captures/crafted/README.md).
    assert_eq!(seen[3], "eth:ip:udp:mipv6");
    assert_eq!(seen[4], "eth:ip:udp:mipv6");
    // Frame 3: IPv4 GRE carrying IPv6.
    assert!(seen[2].starts_with("eth:ip:gre:"), "{}", seen[2]);
}

/// A frame built with every length, checksum and protocol number computed: the dissector
/// shows it without one expert item, and parsing it gives the same stack back.
#[test]
fn a_computed_frame_dissects_clean() {
    use dissect::ipv4::{Ipv4, Udp};
    use dissect::link::{Ethernet, Link};
    let prefs = Prefs::default();
    let data = b"hello".to_vec();
    let eth = Ethernet {
        dst: [2, 0, 0, 0, 0, 0x11],
        src: [2, 0, 0, 0, 0, 0x10],
        tags: Default::default(),
        ethertype: Default::default(),
    };
    let header = dissect::ipv4::Ipv4Header::new([192, 0, 2, 1], [198, 51, 100, 1]);
    let ip = Ipv4 { header, options: Default::default(), trailer: Vec::new() };
    let udp = Udp { src_port: 40000, dst_port: 50007, length: Default::default(), checksum: Default::default() };
    let f = FrameRepr {
        linktype: 1,
        layers: vec![Layer::Link(Link::Ethernet(eth)), Layer::Ipv4(ip), Layer::Udp(udp), Layer::Data(data)],
    };
    let bytes = f.emit(&prefs).unwrap();
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 1, ..Default::default() };
    dissect::dissect_frame(&mut d, &bytes, &meta, &prefs);
    assert_eq!(common::experts(&d), Vec::<&str>::new());
    assert_eq!(common::uint(&d, "udp.length"), 13);
    assert_eq!(common::uint(&d, "ip.proto"), 17);
    assert_eq!(d.find("udp.checksum").map(|n| n.value), d.find("udp.checksum_calculated").map(|n| n.value));
    let back = FrameRepr::parse(1, &bytes, &prefs);
    assert_eq!(back.emit(&prefs).unwrap(), bytes);
}

/// A Binding Update from a care-of address with its home address in a Destination Options
/// header (RFC 6275 §6.3), everything computed: the HAO is aligned (8n+6) and padded, Next
/// Headers chain to the Mobility Header, whose checksum uses the home address as the
/// pseudo-header source. The dissector finds the checksum good and raises nothing; tshark
/// too (when it is installed).
#[test]
fn a_computed_binding_update_with_a_home_address_dissects_clean() {
    use dissect::ipv6::{ExtHeader, Ipv6Header, Ipv6Opt, Opts, OptsKind};
    use dissect::mh::msg::binding::{Bu, BuFlags};
    use dissect::mh::MhRepr;
    use dissect::wire::Ip6;
    let prefs = Prefs::default();
    let ip = |s: &str| s.parse::<std::net::Ipv6Addr>().unwrap().octets();
    let hdr = Ipv6Header::new(ip("2001:db8:2::100"), ip("2001:db8:1::1"));
    let dst = Opts::new(OptsKind::Destination, [Ipv6Opt::HomeAddress(Ip6(ip("2001:db8:1::100")))]);
    // RFC 6275 §11.7.1: the home registration names its care-of address in an Alternate
    // Care-of Address option.
    let acoa = dissect::mh::opt::MhOption::Base(dissect::mh::opt::base::BaseOpt::AltCoa(dissect::mh::opt::base::AltCoa {
        address: Ip6(ip("2001:db8:2::100")),
    }));
    let mut bu = MhRepr::new(Bu { seq: 7, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 150 });
    bu.options.push(acoa);
    let f = FrameRepr {
        linktype: 229,
        layers: vec![Layer::Ipv6 { header: hdr, trailer: Vec::new() }, Layer::Ipv6Ext(ExtHeader::Opts(dst)), Layer::Mh(bu)],
    };
    let bytes = f.emit(&prefs).unwrap();
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, &bytes, &meta, &prefs);
    assert_eq!(common::experts(&d), Vec::<&str>::new());
    let status = d.find("mip6.csum.status").map(|n| {
        d.text_of(match n.value {
            dissect::field::Value::Text(a, b) => (a, b),
            _ => (0, 0),
        })
        .to_string()
    });
    assert_eq!(status.as_deref(), Some("good"));
    assert_eq!(common::uint(&d, "ipv6.nxt"), 60);
    assert_eq!(common::uint(&d, "ipv6.dstopts.nxt"), 135);
    assert_eq!(common::uint(&d, "mip6.bu.seqnr"), 7);
    assert_eq!(bytes.len(), 40 + 24 + 32, "DstOpts padded to 24 octets, the BU header (its Alternate CoA at 8n+6) to 32");
    assert_eq!(FrameRepr::parse(229, &bytes, &prefs).emit(&prefs).unwrap(), bytes);
}

/// Found by review (both failed before): octets past an IPv6 packet's end and past an inner
/// IPv4 packet's end keep their order (they were swapped: the IPv6 trailer was moved to the
/// end of the stack, after the IPv4 trailer it precedes on the wire); and an ICMPv6 echo with
/// data stacked above it gets a checksum over that data too (RFC 4443 §2.3).
#[test]
fn nested_trailers_keep_their_order_and_icmp_checksums_cover_stacked_layers() {
    let prefs = Prefs::default();
    let mut f = vec![2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x86, 0xdd];
    f.extend_from_slice(&[0x60, 0, 0, 0, 0, 24, 4, 64]);
    f.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    f.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    f.extend_from_slice(&[0x45, 0, 0, 20, 0, 0, 0, 0, 64, 59, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2]);
    f.extend_from_slice(b"AAAABB");
    let parsed = FrameRepr::parse(1, &f, &prefs);
    assert_eq!(parsed.emit(&prefs).unwrap(), f);

    use dissect::icmpv6::{Icmpv6, Icmpv6Msg};
    use dissect::ipv6::Ipv6Header;
    let ip = |s: &str| s.parse::<std::net::Ipv6Addr>().unwrap().octets();
    let echo: Icmpv6<Vec<u8>> = Icmpv6::new(Icmpv6Msg::EchoRequest(dissect::icmpv6::Echo { id: 1, seq: 2, data: Vec::new() }));
    let stack = FrameRepr {
        linktype: 229,
        layers: vec![
            Layer::Ipv6 { header: Ipv6Header::new(ip("2001:db8::1"), ip("2001:db8::2")), trailer: Vec::new() },
            Layer::Icmpv6(echo),
            Layer::Data(b"hello".to_vec()),
        ],
    };
    let bytes = stack.emit(&prefs).unwrap();
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 229, ..Default::default() };
    dissect::dissect_frame(&mut d, &bytes, &meta, &prefs);
    assert_eq!(common::experts(&d), Vec::<&str>::new());
}

/// The protocol the dissector names for a layer (`frame.protocols`' words).
fn layer_protocol(l: &Layer) -> &'static str {
    match l {
        Layer::Link(dissect::link::Link::Ethernet(_)) => "eth",
        Layer::Link(dissect::link::Link::Sll(_)) => "sll",
        Layer::Link(dissect::link::Link::Sll2(_)) => "sll",
        Layer::Link(dissect::link::Link::Null(_)) => "null",
        Layer::Link(dissect::link::Link::Raw(_)) => "raw",
        Layer::Ipv4(_) => "ip",
        Layer::Ipv6 { .. } => "ipv6",
        Layer::Ipv6Ext(e) => match e {
            dissect::ipv6::ExtHeader::Opts(o) if o.kind == dissect::ipv6::OptsKind::HopByHop => "ipv6.hopopts",
            dissect::ipv6::ExtHeader::Opts(_) => "ipv6.dstopts",
            dissect::ipv6::ExtHeader::Routing(_) => "ipv6.routing",
            dissect::ipv6::ExtHeader::Fragment(_) => "ipv6.fraghdr",
            dissect::ipv6::ExtHeader::Ah(_) => "ah",
            dissect::ipv6::ExtHeader::Esp(_) => "esp",
        },
        Layer::Icmpv6(_) => "icmpv6",
        Layer::Icmpv4(_) => "icmp",
        Layer::Tcp(_) => "tcp",
        Layer::Arp(_) => "arp",
        Layer::PppoeSession(_) => "ppp",
        Layer::PppoeDiscovery(_) => "pppoed",
        Layer::Ppp(_) => "ppp",
        Layer::Udp(_) => "udp",
        Layer::Gre(_) => "gre",
        Layer::Vxlan(_) => "vxlan",
        Layer::VxlanGpe(_) => "vxlan",
        Layer::Mh(_) => "mipv6",
        Layer::Mip4(_) => "mip",
        Layer::Data(_) => "data",
    }
}

/// The model reads as deep as the dissector: the last element the stack types is the last
/// protocol the dissector shows (or the one before a trailing `data`), on every fixture frame,
/// except where the model keeps bytes inside an element on purpose: an element cut short is kept
/// as data (the dissector shows what it could read and a Malformed item), an ICMP error keeps
/// the invoking packet it quotes in its body (the dissector decodes the quote), and octets that
/// are no IPv4 header (another version, a Header Length below 20) are data where the dissector
/// shows an IPv4 item holding the version and its error, as tshark does.
#[test]
fn the_stack_types_as_deep_as_the_dissector() {
    use dissect::ipv4::{BAD_HDR_LEN, BAD_VERSION};
    let mut mismatches = Vec::new();
    let mut frames = 0;
    for prefs in profiles() {
        for path in common::fixture_files() {
            let _ = dissect::capture::for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
                let f = FrameRepr::parse(meta.linktype, data, &prefs);
                let mut d = Dissection::default();
                dissect::dissect_frame(&mut d, data, meta, &prefs);
                let shown: Vec<&str> = d.protocols.iter().copied().filter(|p| *p != "ethertype" && *p != "data").collect();
                let typed: Vec<&str> = f.layers.iter().map(layer_protocol).filter(|p| *p != "data").collect();
                frames += 1;
                let cut = d.experts.iter().any(|e| e.def.group == dissect::expert::Group::Malformed);
                let quoted = matches!(typed.last(), Some(&"icmp" | &"icmpv6")) && shown.len() > typed.len();
                let not_ipv4 = d.experts.iter().any(|e| [&BAD_VERSION, &BAD_HDR_LEN].iter().any(|x| std::ptr::eq(e.def, *x)));
                if shown.last() != typed.last() && !cut && !quoted && !not_ipv4 {
                    mismatches.push(format!(
                        "{} #{}: dissector {:?}, model {:?}",
                        path.file_name().unwrap().to_string_lossy(),
                        meta.number,
                        shown,
                        typed
                    ));
                }
                true
            });
        }
    }
    assert!(mismatches.is_empty(), "{} of {frames} frames:\n{}", mismatches.len(), mismatches.join("\n"));
}
