//! Seed 001: draft-cui-netext-route-optimization-agent-ext-00 (a MAG answering route
//! optimisation for an attached plain node, then routing its traffic with type 2 routing headers).

use super::common::*;

#[test]
fn reflector_rh2_on_nd() {
    let p = rfc();
    let rule = "check.reflector.rh2_on_nd";
    // A Neighbor Solicitation (135) routed with a type 2 routing header, and without one; an
    // Echo Request (128) may take the routing header (§4.1.2: route-optimised traffic).
    let frame = |ty: u8, rh2: bool| {
        let octets = [ty, 0, 0, 0, 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        let mut icmp = dissect::icmpv6::Icmpv6::parse(&octets).expect("ICMPv6").0.to_owned();
        icmp.checksum = dissect::model::Auto::Computed;
        // Hop Limit 255: Neighbor Discovery's own (RFC 4861 §7.1.1), so only the reflector's rule speaks.
        let mut pkt =
            craft::packet::Ipv6Packet::new("2001:db8:5::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap()).hop_limit(255);
        if rh2 {
            pkt = pkt.type2("2001:db8:1::100".parse().unwrap());
        }
        let f = pkt.carrying([dissect::stack::Layer::Icmpv6(icmp)]);
        (f.linktype, f.emit(&p).unwrap())
    };
    let rules = |(lt, bytes): (u32, Vec<u8>)| {
        let mut d = Dissection::default();
        let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: lt, ..Default::default() };
        dissect::dissect_frame(&mut d, &bytes, &meta, &p);
        d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect::<Vec<_>>()
    };
    assert_eq!(rules(frame(135, true)), [rule]);
    assert!(rules(frame(135, false)).is_empty());
    assert!(rules(frame(128, true)).is_empty());
}

/// A CoTI from the care-of address 2001:db8:2::100 to 2001:db8:3::1 (with the Home Address
/// option `hoa`), and the CoT answering it (with the type 2 routing header `rh2`).
fn care_of_test(p: &Prefs, hoa: Option<&str>, rh2: Option<&str>) -> (MessageSpec, MessageSpec) {
    let mut coti = msg(p, "coti", &[], &[]);
    coti.hoa = hoa.map(|a| a.parse().unwrap());
    let mut cot = msg(p, "cot", &[], &[]);
    std::mem::swap(&mut cot.src, &mut cot.dst);
    cot.rh2 = rh2.map(|a| a.parse().unwrap());
    (coti, cot)
}

#[test]
fn reflector_rh2_on_cot() {
    let p = rfc();
    let rule = "check.reflector.rh2_on_cot";
    // A CoTI without a Home Address option (RFC 6275 §6.1) answered with a type 2 routing
    // header: §4.1.2 (RFC 3775 §6.1) forbids it; the one finding is this rule's.
    let (coti, cot) = care_of_test(&p, None, Some("2001:db8:1::100"));
    assert_eq!(fired_in_exchange(&p, &[&coti, &cot]), [vec![], vec![rule]]);
    // Without the routing header it is RFC 6275's plain CoT.
    let (coti, cot) = care_of_test(&p, None, None);
    assert_eq!(fired_in_exchange(&p, &[&coti, &cot]), [Vec::<&str>::new(), vec![]]);
    // Seed 000's exchange: the CoTI carried the home address the CoT routes to (§4.2, §6).
    let (coti, cot) = care_of_test(&p, Some("2001:db8:1::100"), Some("2001:db8:1::100"));
    assert!(!fired_in_exchange(&p, &[&coti, &cot])[1].contains(&rule));
    // A mobile router answering its visiting node (seed 000 §4.2) may add the header even when
    // the CoTI forgot its Home Address option (that CoTI is seed 000's finding).
    let mr = Prefs::build(None, &["nemo.mr_addresses=2001:db8:3::1".into()]).unwrap();
    let (coti, cot) = care_of_test(&mr, None, Some("2001:db8:1::100"));
    assert_eq!(fired_in_exchange(&mr, &[&coti, &cot]), [vec!["check.nemo_ro.coti_without_hao"], vec![]]);
    // A CoT alone (its CoTI not seen) is not judged.
    assert!(!fired(&p, &care_of_test(&p, None, Some("2001:db8:1::100")).1).contains(&rule));
}
