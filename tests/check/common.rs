//! Shared builders for the rule tests: a message by short name, the rules a frame or an
//! exchange breaks, `breaks` for a failing/passing pair.

pub use craft::build::{self, MessageSpec, OptionSpec};
pub use craft::edit::Assignment;
pub use dissect::analysis::rules::{Level, RULES};
pub use dissect::frame::FrameMeta;
pub use dissect::prefs::Prefs;
pub use dissect::tree::Dissection;
pub use std::process::Command;

pub fn rfc() -> Prefs {
    Prefs::default()
}
pub fn draft() -> Prefs {
    Prefs::build(Some("draft"), &[]).unwrap()
}

/// A message by short name, with options `(name, data)` and field assignments.
pub fn msg(prefs: &Prefs, name: &str, opts: &[(&str, Option<Vec<u8>>)], sets: &[&str]) -> MessageSpec {
    let mut spec = MessageSpec::new(craft::message::message_type(name, prefs).unwrap_or_else(|| panic!("message {name}")));
    for (o, data) in opts {
        let code = craft::message::option_type(o, prefs).unwrap_or_else(|| panic!("option {o}"));
        spec.options.push(OptionSpec { code, data: data.clone(), sets: vec![] });
    }
    for s in sets {
        spec.sets.push(Assignment::parse(s).unwrap());
    }
    spec
}

/// The catalogue rules a frame breaks, by id.
pub fn fired(prefs: &Prefs, spec: &MessageSpec) -> Vec<&'static str> {
    let (linktype, bytes) = build::build(spec, prefs).unwrap();
    let mut d = Dissection::default();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, &bytes, &meta, prefs);
    d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect()
}

/// The catalogue rules each frame of an exchange breaks, with request/response tracking.
pub fn fired_in_exchange(prefs: &Prefs, specs: &[&MessageSpec]) -> Vec<Vec<&'static str>> {
    fired_in_frames(prefs, specs.iter().map(|s| build::build(s, prefs).unwrap()))
}

/// The catalogue rules each of `frames` (link type, octets) breaks, with the capture state
/// the earlier frames taught and request/response tracking.
pub fn fired_in_frames(prefs: &Prefs, frames: impl Iterator<Item = (u32, Vec<u8>)>) -> Vec<Vec<&'static str>> {
    let mut tracker = dissect::analysis::track::Tracker::new();
    let mut state = dissect::tree::CaptureState::default();
    let mut out = Vec::new();
    for (i, (linktype, bytes)) in frames.enumerate() {
        let mut d = Dissection::default();
        let n = i as u64 + 1;
        let meta = FrameMeta { number: n, ts: (i as i64, 0), wire_len: bytes.len() as u32, linktype, ..Default::default() };
        dissect::dissect_frame_tracked(&state, dissect::tree::Want::Columns, &mut d, &bytes, &meta, prefs, |f| {
            tracker.observe(n, i as i64 * 1_000_000_000, f)
        });
        state.learn(&d);
        out.push(d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect());
    }
    out
}

/// A BA answering [`msg`]'s BU (addresses reversed, sequence number 0).
pub fn answer(prefs: &Prefs, opts: &[(&str, Option<Vec<u8>>)], sets: &[&str]) -> MessageSpec {
    let mut s = msg(prefs, "ba", opts, sets);
    std::mem::swap(&mut s.src, &mut s.dst);
    s
}

/// `spec` breaks `rule` and `fixed` does not.
pub fn breaks(prefs: &Prefs, rule: &str, spec: MessageSpec, fixed: MessageSpec) {
    let bad = fired(prefs, &spec);
    assert!(bad.contains(&rule), "{rule} did not fire: {bad:?}");
    let good = fired(prefs, &fixed);
    assert!(!good.contains(&rule), "{rule} fired on the passing frame: {good:?}");
}

/// Draft-03 Binding Unique Identifier data: BID, status, flags (+ a care-of address).
pub fn bid(id: u16, flags: u8, coa: bool) -> Option<Vec<u8>> {
    let mut v = vec![(id >> 8) as u8, id as u8, 0, flags];
    if coa {
        v.extend_from_slice(&"2001:db8:2::7".parse::<std::net::Ipv6Addr>().unwrap().octets());
    }
    Some(v)
}

pub const HOME_BU: &[&str] = &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1"];
pub const AUTH: [(&str, Option<Vec<u8>>); 2] = [("ni", None), ("bad", None)];

pub fn mipscope(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mipscope")).args(args).output().unwrap()
}

pub use crate::tmp::TmpPath;

pub fn tmp(name: &str) -> TmpPath {
    TmpPath::new("check", name)
}

/// A capture of the frames the specs build (all Ethernet).
pub fn capture(name: &str, prefs: &Prefs, specs: &[MessageSpec]) -> TmpPath {
    let path = tmp(name);
    let mut w = dissect::capture::write::PcapngWriter::new(std::fs::File::create(&path).unwrap()).unwrap();
    let ifs = dissect::capture::Interfaces::default();
    for (i, s) in specs.iter().enumerate() {
        let (linktype, bytes) = build::build(s, prefs).unwrap();
        let meta = FrameMeta {
            number: i as u64 + 1,
            ts: (1_767_225_600 + i as i64, 0),
            wire_len: bytes.len() as u32,
            linktype,
            ..Default::default()
        };
        w.write(&meta, &bytes, &ifs).unwrap();
    }
    w.into_inner().unwrap();
    path
}

/// An Ethernet frame: IPv6 from `outer_src` to `outer_dst` carrying `inner` (its link layer
/// dropped) with a UDP datagram of data, IPv6 in IPv6.
pub fn tunnelled(
    prefs: &Prefs,
    outer_src: std::net::Ipv6Addr,
    outer_dst: std::net::Ipv6Addr,
    inner: craft::packet::Ipv6Packet,
) -> (u32, Vec<u8>) {
    let inner = inner.raw().carrying(udp_data());
    let f = craft::packet::Ipv6Packet::new(outer_src, outer_dst).carrying(inner.layers.into_iter().skip(1));
    (dissect::link::linktype::ETHERNET, f.emit(prefs).unwrap())
}

/// An Ethernet frame: `pkt` carrying a UDP datagram of data.
pub fn data_frame(prefs: &Prefs, pkt: craft::packet::Ipv6Packet) -> (u32, Vec<u8>) {
    (dissect::link::linktype::ETHERNET, pkt.carrying(udp_data()).emit(prefs).unwrap())
}

/// A UDP datagram (port 4000 to 4000) of data.
fn udp_data() -> [dissect::stack::Layer; 2] {
    use dissect::model::Auto;
    use dissect::stack::Layer;
    let udp = Layer::Udp(dissect::ipv4::Udp { src_port: 4000, dst_port: 4000, length: Auto::Computed, checksum: Auto::Computed });
    [udp, Layer::Data(b"route-optimised data".to_vec())]
}
