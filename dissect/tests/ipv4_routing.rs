//! IPv4 route and timestamp options (RFC 791 §3.1) from captures/crafted/ipv4-options.pcapng,
//! built by captures/make_fixtures_ipv4opt.py (each frame's contents in captures/crafted/README.md).
//! The UDP checksums there were computed by Python over the final destination of each source
//! route, and `make_fixtures.py --verify` checks them with its own reading of the options.

mod common;

use dissect::field::Value;
use dissect::ipv4::routing::{final_destination, PointerFault, Route, Slot, Timestamp, TimestampFlag};
use dissect::ipv4::Ipv4OptType;
use dissect::prefs::Prefs;
use dissect::stack::{FrameRepr, Layer};
use dissect::tree::Dissection;

const FINAL: [u8; 4] = [203, 0, 113, 5];
const HOP: [u8; 4] = [192, 0, 2, 2];
const R1: [u8; 4] = [198, 51, 100, 10];

fn frames() -> Vec<(dissect::frame::FrameMeta, Vec<u8>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/ipv4-options.pcapng");
    let mut v = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |m, d| {
        v.push((*m, d.to_vec()));
        true
    });
    assert_eq!(v.len(), 18);
    v
}

/// Frame `n` (1-based) dissected.
fn frame(n: usize) -> Dissection {
    let (m, data) = &frames()[n - 1];
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, m, &Prefs::default());
    d
}

fn addrs(d: &Dissection, field: &str) -> Vec<[u8; 4]> {
    d.find_all(field)
        .map(|n| match n.value {
            Value::Ipv4(a) => a,
            v => panic!("{field} is {v:?}"),
        })
        .collect()
}

/// Frame 1: a loose source route with its pointer at the first address. The final address is
/// `ip.dst` (and the Destination column), the header's destination is the current hop, the
/// next hop is `ip.src_rt`, and the UDP checksum Python computed over the final destination
/// verifies. Before, ip.dst was the header's and the checksum was reported bad.
#[test]
fn a_source_route_names_the_final_destination() {
    let d = frame(1);
    assert_eq!(addrs(&d, "ip.dst"), [FINAL]);
    assert_eq!(addrs(&d, "ip.cur_rt"), [HOP]);
    assert_eq!(addrs(&d, "ip.src_rt"), [R1]);
    assert_eq!(addrs(&d, "ip.addr"), [[192, 0, 2, 1], FINAL]);
    assert_eq!(d.cols.dst, Some(Value::Ipv4(FINAL)));
    assert_eq!(common::uint(&d, "ip.opt.ptr"), 4);
    assert_eq!(common::uint(&d, "udp.checksum.status"), dissect::checksum::status::GOOD);
    assert!(d.experts.is_empty(), "{:?}", common::experts(&d));
    // Frame 17: the same datagram with the checksum over the header's destination is wrong.
    let d = frame(17);
    assert_eq!(common::uint(&d, "udp.checksum.status"), dissect::checksum::status::BAD);
}

/// The pointer divides a route: frame 2 (exhausted) records both addresses and names no final
/// destination; frame 3 (strict, pointer 8) recorded one and its next hop is the last; frame 4
/// (Record Route) recorded one and offers an empty slot; frame 14's only address is the final
/// destination.
#[test]
fn the_pointer_divides_the_route() {
    let d = frame(2);
    assert_eq!(addrs(&d, "ip.rec_rt"), [R1, FINAL]);
    assert_eq!(addrs(&d, "ip.dst"), [HOP]);
    assert!(d.find("ip.cur_rt").is_none());
    let d = frame(3);
    assert_eq!((addrs(&d, "ip.rec_rt"), addrs(&d, "ip.dst")), (vec![R1], vec![FINAL]));
    let d = frame(4);
    assert_eq!((addrs(&d, "ip.rec_rt"), addrs(&d, "ip.empty_rt")), (vec![R1], vec![[0; 4]]));
    let d = frame(14);
    assert_eq!((addrs(&d, "ip.dst"), addrs(&d, "ip.cur_rt")), (vec![FINAL], vec![HOP]));
    assert!(d.find("ip.src_rt").is_none());
    // Frame 13: the first source route is exhausted, so the header keeps ip.dst; the second
    // route's last address is an ip.dst of its own (tshark's reading).
    let d = frame(13);
    assert_eq!(addrs(&d, "ip.dst"), [HOP, FINAL]);
    assert_eq!(d.cols.dst, Some(Value::Ipv4(HOP)));
    assert_eq!(common::experts(&d), ["ip.opt.duplicate"]);
}

/// Timestamps: flag 0 gives stamps alone, flags 1 and 3 address/stamp pairs; overflow and flag
/// are the fourth octet's halves.
#[test]
fn timestamps_are_read_by_their_flag() {
    let d = frame(5);
    assert_eq!(common::uints(&d, "ip.opt.time_stamp"), [1000, 0]);
    assert_eq!((common::uint(&d, "ip.opt.flag"), common::uint(&d, "ip.opt.overflow")), (0, 0));
    let d = frame(6);
    assert_eq!(common::uints(&d, "ip.opt.time_stamp"), [2000, 0]);
    assert_eq!(addrs(&d, "ip.opt.time_stamp_addr"), [R1, [0; 4]]);
    assert_eq!((common::uint(&d, "ip.opt.flag"), common::uint(&d, "ip.opt.overflow")), (1, 2));
    let d = frame(7);
    assert_eq!(addrs(&d, "ip.opt.time_stamp_addr"), [FINAL]);
    assert_eq!(common::uint(&d, "ip.opt.flag"), 3);
    let d = frame(16);
    assert_eq!(common::uint(&d, "ip.opt.overflow"), 15);
    assert!(d.experts.is_empty(), "a full timestamp option is not a fault");
}

/// What RFC 791 does not allow is reported where it is: route pointers before or inside an
/// address (frame 8), a timestamp pointer below 5 (frame 11), octets short of a whole address
/// or entry (frames 9 and 12), a Length with no room for the pointer (frame 18).
#[test]
fn faults_are_reported() {
    let d = frame(8);
    // Two source routes: RFC 791 allows one.
    assert_eq!(common::experts(&d), ["ip.opt.ptr.middle_address", "ip.opt.duplicate", "ip.opt.ptr.before_address"]);
    assert!(d.find("ip.src_rt").is_none() && d.find("ip.rec_rt").is_none());
    assert_eq!(addrs(&d, "ip.dst"), [HOP]);
    assert_eq!(common::experts(&frame(9)), ["ip.subopt_too_long"]);
    assert_eq!(addrs(&frame(9), "ip.dst"), [HOP]);
    assert_eq!(common::experts(&frame(10)), Vec::<&str>::new());
    assert_eq!(common::experts(&frame(11)), ["ip.opt.ptr.before_address"]);
    assert_eq!(common::experts(&frame(12)), ["ip.subopt_too_long"]);
    assert_eq!(common::experts(&frame(18)), ["ip.opt.len.invalid"]);
}

/// The views alone, on values RFC 791 gives: roles by pointer, the final destination, and the
/// timestamp entries with their offsets in the option.
#[test]
fn route_and_timestamp_views() {
    let data = [[8u8].as_slice(), &R1, &[10, 0, 0, 2], &FINAL].concat();
    let r = Route::of(Ipv4OptType::LooseSourceRoute, &data).unwrap();
    let roles: Vec<_> = r.slots().map(|(off, _, s)| (off, s)).collect();
    assert_eq!(roles, [(3, Slot::Recorded), (7, Slot::Next), (11, Slot::Destination)]);
    assert_eq!(r.final_destination(), Some(FINAL));
    let rr = Route::of(Ipv4OptType::RecordRoute, &data).unwrap();
    assert_eq!(rr.slots().last().map(|s| s.2), Some(Slot::Ahead));
    assert_eq!(rr.final_destination(), None, "Record Route steers nothing");
    let bad = [[6u8].as_slice(), &R1].concat();
    assert_eq!(Route::of(Ipv4OptType::StrictSourceRoute, &bad).unwrap().pointer_fault(), Some(PointerFault::Middle));
    assert!(Route::of(Ipv4OptType::TimeStamp, &data).is_none());
    let ts = [[13u8, 0x21].as_slice(), &R1, &7u32.to_be_bytes(), &[0; 8]].concat();
    let t = Timestamp::of(Ipv4OptType::TimeStamp, &ts).unwrap();
    assert_eq!((t.overflow, t.flag), (2, TimestampFlag::StampAndAddress));
    assert_eq!(t.stamps().collect::<Vec<_>>(), [(4, Some(R1), 7), (12, Some([0; 4]), 0)]);
    assert_eq!(t.pointer_fault(), None);
    // A NOP and a Router Alert before the route do not hide it.
    let opts = [[1u8, 148, 4, 0, 0, 131, 7, 4].as_slice(), &FINAL].concat();
    assert_eq!(final_destination(&opts), Some(FINAL));
}

/// The owned form computes the UDP checksum over the final destination too: frame 1 parsed,
/// its checksum left to be computed, emits the octets Python wrote.
#[test]
fn the_model_checksums_over_the_final_destination() {
    let prefs = Prefs::default();
    for n in [1, 3, 14, 15] {
        let (m, data) = &frames()[n - 1];
        let mut f = FrameRepr::parse(m.linktype, data, &prefs);
        let udp = f.layers.iter_mut().find_map(|l| if let Layer::Udp(u) = l { Some(u) } else { None }).unwrap();
        udp.checksum = dissect::model::Auto::Computed;
        assert_eq!(&f.emit(&prefs).unwrap(), data, "frame {n}");
    }
}

/// An IPv4 header with `opts` (padded) over nothing, dissected as raw IPv4, and its octets.
fn with_options(opts: &[u8]) -> (Dissection, Vec<u8>) {
    let mut o = opts.to_vec();
    o.resize(opts.len().next_multiple_of(4), 0);
    let ihl = 20 + o.len();
    let mut ip = [
        [0x40 | (ihl / 4) as u8, 0].as_slice(),
        &(ihl as u16).to_be_bytes(),
        &[0, 1, 0, 0, 64, 59, 0, 0],
        &[192, 0, 2, 1],
        &HOP,
        &o,
    ]
    .concat();
    let c = dissect::checksum::finish(dissect::checksum::sum(&ip, 0));
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    let mut d = Dissection::new();
    let meta = dissect::frame::FrameMeta { number: 1, wire_len: ip.len() as u32, linktype: 228, ..Default::default() };
    dissect::dissect_frame(&mut d, &ip, &meta, &Prefs::default());
    (d, ip)
}

/// Found by review: a timestamp of Length 3 has its pointer (shown) but no overflow/flag octet,
/// and says so (it said the pointer was missing and hid it). tshark's option names reach the
/// types it names, each under its own field, and the class its name.
#[test]
fn short_timestamps_and_option_names() {
    let (d, _) = with_options(&[68, 3, 5]);
    assert_eq!(common::uint(&d, "ip.opt.ptr"), 5);
    assert_eq!(common::experts(&d), ["ip.opt.len.invalid"]);
    assert!(d.text_of(d.experts[0].text).contains("overflow and flag"));
    for (ty, field) in
        [(11u8, "ip.options.mtu_probe"), (25, "ip.options.qs"), (82, "ip.options.traceroute"), (134, "ip.options.cipso")]
    {
        let (d, _) = with_options(&[ty, 4, 0, 0]);
        assert!(d.find(field).is_some(), "type {ty}");
    }
    let (d, data) = with_options(&[82, 4, 0, 0]);
    let mut label = String::new();
    dissect::output::write_label(&mut label, &d, &data, d.find("ip.options").unwrap());
    assert_eq!(label, "Options: (4 bytes), Traceroute");
    let (d, data) = with_options(&[82, 4, 0, 0]);
    let mut class = String::new();
    dissect::output::write_label(&mut class, &d, &data, d.find("ip.opt.type.class").unwrap());
    assert!(class.ends_with("Class: Debugging and measurement (2)"), "{class}");
}
