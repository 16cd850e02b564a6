//! Seed 000: NEMO VMN route optimisation.

use super::common::*;

/// Seed 000 §4.2's CoTI with a Home Address option against RFC 6275 §6.1: a Note.
const NOTE: &str = "check.nemo_ro.coti_hao_against_rfc6275";

#[test]
fn nemo_ro_brr_h_flag() {
    let p = rfc();
    let acoa = [("acoa", None)];
    breaks(
        &p,
        "check.nemo_ro.brr_h_without_m",
        msg(&p, "brr", &acoa, &["mip6.brr.h_flag=1"]),
        msg(&p, "brr", &acoa, &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]),
    );
    breaks(
        &p,
        "check.nemo_ro.brr_h_without_acoa",
        msg(&p, "brr", &[], &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]),
        msg(&p, "brr", &acoa, &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]),
    );
}

#[test]
fn nemo_ro_ack_without_acoa() {
    // The mobile router is named by the preference; its BA goes to the VMN's care-of address
    // with the VMN's home address in a type 2 routing header.
    let p = Prefs::build(None, &["nemo.mr_addresses=2001:db8:3::1".into()]).unwrap();
    let ack = |opts: &[(&str, Option<Vec<u8>>)]| {
        let mut s = msg(&p, "ba", opts, &["mip6.ba.lifetime=100"]);
        (s.src, s.dst) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap());
        s.rh2 = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(&p, "check.nemo_ro.ack_without_acoa", ack(&[]), ack(&[("acoa", None)]));
    // Acknowledging a de-registration (lifetime 0) grants no VCoA (§4.1.2, §5.3).
    let mut dereg = ack(&[]);
    dereg.sets.clear();
    assert!(!fired(&p, &dereg).contains(&"check.nemo_ro.ack_without_acoa"));
}

/// Preferences naming the mobile router 2001:db8:3::1 (the crafted messages' default
/// destination).
fn with_mr() -> Prefs {
    Prefs::build(None, &["nemo.mr_addresses=2001:db8:3::1".into()]).unwrap()
}

#[test]
fn nemo_ro_request_without_hao() {
    let p = with_mr();
    let request = |hoa: bool| {
        let mut s = msg(&p, "bu", &AUTH, &["mip6.bu.a_flag=1", "mip6.bu.lifetime=100"]);
        s.hoa = hoa.then(|| "2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(&p, "check.nemo_ro.ro_request_without_hao", request(false), request(true));
    // The same BU to a node nobody named a mobile router is no RO Request.
    assert!(!fired(&rfc(), &request(false)).contains(&"check.nemo_ro.ro_request_without_hao"));
}

#[test]
fn nemo_ro_coti_without_hao() {
    let p = with_mr();
    let mut with = msg(&p, "coti", &[], &[]);
    with.hoa = Some("2001:db8:1::100".parse().unwrap());
    breaks(&p, "check.nemo_ro.coti_without_hao", msg(&p, "coti", &[], &[]), with);
    // RFC 6275 §6.1's CoTI to a correspondent carries none.
    assert!(!fired(&rfc(), &msg(&p, "coti", &[], &[])).contains(&"check.nemo_ro.coti_without_hao"));
}

#[test]
fn nemo_ro_cot_without_rh2() {
    let p = with_mr();
    // The mobile router's CoT to the visiting node's care-of address.
    let cot = |rh2: bool| {
        let mut s = msg(&p, "cot", &[], &[]);
        std::mem::swap(&mut s.src, &mut s.dst);
        s.rh2 = rh2.then(|| "2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(&p, "check.nemo_ro.cot_without_rh2", cot(false), cot(true));
    // A correspondent's CoT (RFC 6275 §6.1: no routing header) is not judged.
    assert!(!fired(&rfc(), &cot(false)).contains(&"check.nemo_ro.cot_without_rh2"));
}

#[test]
fn nemo_ro_brr_m_not_from_mr() {
    let p = with_mr();
    let brr = |from_mr: bool| {
        let mut s = msg(&p, "brr", &[], &["mip6.brr.m_flag=1"]);
        // From the mobile router to the visiting node, or the other way.
        (s.src, s.dst) = if from_mr { (s.dst, s.src) } else { (s.src, s.dst) };
        s
    };
    breaks(&p, "check.nemo_ro.brr_m_not_from_mr", brr(false), brr(true));
    // Nobody named the mobile routers: the role is not guessed (profiles.md).
    assert!(!fired(&rfc(), &brr(false)).contains(&"check.nemo_ro.brr_m_not_from_mr"));
}

/// A CoTI from the care-of address 2001:db8:2::100 (the VCoA) to the correspondent
/// 2001:db8:3::1 with the visiting node's Home Address option, and the CoT answering it with
/// the type 2 routing header `rh2`.
fn vcoa_care_of_test(p: &Prefs, rh2: Option<&str>) -> (MessageSpec, MessageSpec) {
    let mut coti = msg(p, "coti", &[], &[]);
    coti.hoa = Some("2001:db8:1::100".parse().unwrap());
    let mut cot = msg(p, "cot", &[], &[]);
    std::mem::swap(&mut cot.src, &mut cot.dst);
    cot.rh2 = rh2.map(|a| a.parse().unwrap());
    (coti, cot)
}

#[test]
fn nemo_ro_cot_rh2_not_coti_hoa() {
    let p = rfc();
    let rule = "check.nemo_ro.cot_rh2_not_coti_hoa";
    // §6: the correspondent answers with the CoTI's home address in a type 2 routing header.
    let (coti, cot) = vcoa_care_of_test(&p, Some("2001:db8:1::100"));
    assert_eq!(fired_in_exchange(&p, &[&coti, &cot]), [vec![NOTE], vec![]]);
    // Without the header, or naming another home address (§5.6: the same one), the CoT still
    // pairs with its CoTI (the care-of test is keyed by the care-of address) and breaks §6.
    let (coti, cot) = vcoa_care_of_test(&p, None);
    assert_eq!(fired_in_exchange(&p, &[&coti, &cot]), [vec![NOTE], vec![rule]]);
    let (coti, cot) = vcoa_care_of_test(&p, Some("2001:db8:1::200"));
    assert_eq!(fired_in_exchange(&p, &[&coti, &cot]), [vec![NOTE], vec![rule]]);
    // A CoTI without the option (RFC 6275's) asks for nothing.
    let (mut coti, cot) = vcoa_care_of_test(&p, None);
    coti.hoa = None;
    assert_eq!(fired_in_exchange(&p, &[&coti, &cot]), [Vec::<&str>::new(), vec![]]);
    // The mobile router's own CoT without the header is §4.2's finding, once.
    let mr = with_mr();
    let (coti, cot) = vcoa_care_of_test(&mr, None);
    assert_eq!(fired_in_exchange(&mr, &[&coti, &cot]), [vec![NOTE], vec!["check.nemo_ro.cot_without_rh2"]]);
    // ... but naming another home address is this rule's.
    let (coti, cot) = vcoa_care_of_test(&mr, Some("2001:db8:1::200"));
    assert_eq!(fired_in_exchange(&mr, &[&coti, &cot]), [vec![NOTE], vec![rule]]);
}

#[test]
fn nemo_ro_home_bu_lifetime() {
    let p = rfc();
    let rule = "check.nemo_ro.home_bu_lifetime";
    let ip = |a: &str| a.parse::<std::net::Ipv6Addr>().unwrap();
    // No Home Address option and no Alternate Care-of Address: from home, or missing its Home
    // Address option; not judged (profiles.md: not guessed).
    let bare = msg(&p, "bu", &[], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
    assert!(!fired(&p, &bare).contains(&rule));
    // From home, naming the source as its care-of address.
    let home = |lifetime: &str| {
        let coa = [("acoa", Some(ip("2001:db8:2::100").octets().to_vec()))];
        msg(&p, "bu", &coa, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", lifetime])
    };
    breaks(&p, rule, home("mip6.bu.lifetime=100"), home("mip6.bu.lifetime=0"));
    // Away with an Alternate Care-of Address equal to the home address: the same de-registration.
    let acoa = |coa: &str, lifetime: &str| {
        let mut s =
            msg(&p, "bu", &[("acoa", Some(ip(coa).octets().to_vec()))], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", lifetime]);
        s.hoa = Some(ip("2001:db8:1::100"));
        s
    };
    breaks(&p, rule, acoa("2001:db8:1::100", "mip6.bu.lifetime=100"), acoa("2001:db8:2::7", "mip6.bu.lifetime=100"));
    assert!(!fired(&p, &acoa("2001:db8:1::100", "mip6.bu.lifetime=0")).contains(&rule));
    // A proxy registration (the MAG's care-of address) is not a node at home.
    let mut pbu = home("mip6.bu.lifetime=100");
    pbu.sets.push(Assignment::parse("mip6.bu.p_flag=1").unwrap());
    assert!(!fired(&p, &pbu).contains(&rule));
    // RFC 5648 §5.6: at home with Binding Identifiers (foreign bindings kept).
    let mut bid = home("mip6.bu.lifetime=100");
    bid.options.extend(msg(&p, "bu", &[("bi", None)], &[]).options);
    assert!(!fired(&p, &bid).contains(&rule));
    // A BU to the node's mobile router without the option is an RO Request lacking it (§4.1.1).
    let mr = with_mr();
    let coa = ("acoa", Some(ip("2001:db8:2::100").octets().to_vec()));
    let req = msg(&mr, "bu", &[coa, AUTH[0].clone(), AUTH[1].clone()], &["mip6.bu.a_flag=1", "mip6.bu.lifetime=100"]);
    let got = fired(&mr, &req);
    assert!(got.contains(&"check.nemo_ro.ro_request_without_hao") && !got.contains(&rule), "{got:?}");
}

/// A CoTI with a Home Address option: seed 000 §4.2 asks for it, RFC 6275 §6.1 forbids it.
/// Whether it is a visiting node's is not on the wire, so it is the draft's Note (no MUST
/// failure, exit 0) unless its home address is a mobile router's: then RFC 6275's MUST NOT.
#[test]
fn nemo_ro_coti_hao_against_rfc6275() {
    let p = rfc();
    let with = |p: &Prefs, hoa: &str| {
        let mut s = msg(p, "coti", &[], &[]);
        s.hoa = Some(hoa.parse().unwrap());
        s
    };
    // To a correspondent (§5.6) and to the mobile router (§5.5): the Note alone.
    assert_eq!(fired(&p, &with(&p, "2001:db8:1::100")), [NOTE]);
    let mr = with_mr();
    assert_eq!(fired(&mr, &with(&mr, "2001:db8:1::100")), [NOTE]);
    assert_eq!(fired(&p, &msg(&p, "coti", &[], &[])), Vec::<&str>::new());
    let rule = RULES.iter().find(|r| r.id() == NOTE).unwrap();
    assert!(!rule.level.is_absolute() && rule.citation.contains("RFC 6275 §6.1") && rule.citation.contains("§4.2"));
    // The home address of a configured mobile router: no visiting node, RFC 6275 governs.
    let router = Prefs::build(None, &["nemo.mr_addresses=2001:db8:1::100".to_string()]).unwrap();
    assert_eq!(fired(&router, &with(&router, "2001:db8:1::100")), ["check.rfc6275.mh_with_hao"]);
    // ... or one a NEMO BU (R flag) taught.
    let mut nemo_bu = msg(&p, "bu", &[], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.nemo.bu.r_flag=1"]);
    nemo_bu.hoa = Some("2001:db8:1::100".parse().unwrap());
    let got = fired_in_exchange(&p, &[&nemo_bu, &with(&p, "2001:db8:1::100")]);
    assert_eq!(got, [vec![], vec!["check.rfc6275.mh_with_hao"]]);
    // The check's exit status: 0 with the Note alone, 1 with the MUST NOT.
    let path = capture("coti-hao-note.pcapng", &p, &[with(&p, "2001:db8:1::100")]);
    let out = mipscope(&["check", "-r", &path]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("SHOULD check.nemo_ro.coti_hao_against_rfc6275 (draft-huang-nemo-mn-ro-00 §4.2; RFC 6275 §6.1)"),
        "{text}"
    );
    let path = capture("coti-hao-router.pcapng", &p, &[nemo_bu, with(&p, "2001:db8:1::100")]);
    assert_eq!(mipscope(&["check", "-r", &path]).status.code(), Some(1));
}

#[test]
fn nemo_ro_vcoa_bu_without_bid() {
    let rule = "check.nemo_ro.vcoa_bu_without_bid";
    let p = Prefs::build(None, &["nemo.mr_addresses=2001:db8:3::1".into()]).unwrap();
    let vcoa: std::net::Ipv6Addr = "2001:db8:7::7".parse().unwrap();
    // The mobile router moved: its BRR (M and H) hands the VMN the new VCoA.
    let mut brr = msg(&p, "brr", &[("acoa", Some(vcoa.octets().to_vec()))], &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]);
    (brr.src, brr.dst) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap());
    // The VMN's home registration of the VCoA (Alternate CoA), from the VCoA.
    let bu = |opts: &[(&str, Option<Vec<u8>>)], acoa: std::net::Ipv6Addr| {
        let mut o = opts.to_vec();
        o.push(("acoa", Some(acoa.octets().to_vec())));
        let mut s = msg(&p, "bu", &o, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
        (s.src, s.dst, s.hoa) = (vcoa, "2001:db8::1".parse().unwrap(), Some("2001:db8:1::100".parse().unwrap()));
        s
    };
    let with_bid = bu(&[("bi", Some(vec![0, 2, 0, 0]))], vcoa);
    assert!(fired_in_exchange(&p, &[&brr, &bu(&[], vcoa)])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&brr, &with_bid])[1].contains(&rule));
    // Another care-of address, or no VCoA handed out before: not judged.
    assert!(!fired_in_exchange(&p, &[&brr, &bu(&[], "2001:db8:2::100".parse().unwrap())])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&bu(&[], vcoa)])[0].contains(&rule));
    // An RO Acknowledgement granting the VCoA teaches it too (§4.1.2).
    let mut ack = msg(&p, "ba", &[("acoa", Some(vcoa.octets().to_vec()))], &["mip6.ba.lifetime=100"]);
    (ack.src, ack.dst, ack.rh2) =
        ("2001:db8:3::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap(), Some("2001:db8:1::100".parse().unwrap()));
    assert!(fired_in_exchange(&p, &[&ack, &bu(&[], vcoa)])[1].contains(&rule));
}

/// A BRR with M and H from the mobile router 2001:db8:3::1 handing the VMN the VCoA
/// 2001:db8:7::7, and the prefs that name that mobile router.
fn vcoa_taught(p: &Prefs) -> MessageSpec {
    let vcoa: std::net::Ipv6Addr = "2001:db8:7::7".parse().unwrap();
    let mut brr = msg(p, "brr", &[("acoa", Some(vcoa.octets().to_vec()))], &["mip6.brr.h_flag=1", "mip6.brr.m_flag=1"]);
    (brr.src, brr.dst) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap());
    brr
}

/// §5.4.1: the VMN's data to a correspondent, tunnelled to its mobile router, carries the home
/// address in a Home Address option of the inner packet, whose source is the VCoA.
#[test]
fn nemo_ro_vcoa_data_without_hao() {
    use craft::packet::Ipv6Packet;
    use std::net::Ipv6Addr;
    let p = with_mr();
    let rule = "check.nemo_ro.vcoa_data_without_hao";
    let (vcoa, vmn_coa, mr, cn, hoa): (Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr) = (
        "2001:db8:7::7".parse().unwrap(),
        "2001:db8:2::100".parse().unwrap(),
        "2001:db8:3::1".parse().unwrap(),
        "2001:db8:c::1".parse().unwrap(),
        "2001:db8:1::100".parse().unwrap(),
    );
    let brr = build::build(&vcoa_taught(&p), &p).unwrap();
    let run = |frames: Vec<(u32, Vec<u8>)>| fired_in_frames(&p, frames.into_iter()).pop().unwrap();
    let good = || tunnelled(&p, vmn_coa, mr, Ipv6Packet::new(vcoa, cn).home_address(hoa));
    let bad = || tunnelled(&p, vmn_coa, mr, Ipv6Packet::new(vcoa, cn));
    assert!(run(vec![brr.clone(), good()]).is_empty());
    assert_eq!(run(vec![brr.clone(), bad()]), [rule]);
    // As the mobile router sends it on to the correspondent, outside the tunnel, too.
    let plain = |pkt: Ipv6Packet| data_frame(&p, pkt);
    assert!(run(vec![brr.clone(), plain(Ipv6Packet::new(vcoa, cn).home_address(hoa))]).is_empty());
    assert_eq!(run(vec![brr.clone(), plain(Ipv6Packet::new(vcoa, cn))]), [rule]);
    // No VCoA handed out before, or another inner source: not judged.
    assert!(run(vec![bad()]).is_empty());
    assert!(run(vec![brr, tunnelled(&p, vmn_coa, mr, Ipv6Packet::new(vmn_coa, cn))]).is_empty());
}

/// §5.4.1: the correspondent's data to the VCoA, as the mobile router tunnels it on to the
/// VMN_CoA, keeps its type 2 routing header naming the home address.
#[test]
fn nemo_ro_vcoa_data_without_rh2() {
    use craft::packet::Ipv6Packet;
    use std::net::Ipv6Addr;
    let p = with_mr();
    let rule = "check.nemo_ro.vcoa_data_without_rh2";
    let (vcoa, vmn_coa, mr, cn, hoa): (Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr) = (
        "2001:db8:7::7".parse().unwrap(),
        "2001:db8:2::100".parse().unwrap(),
        "2001:db8:3::1".parse().unwrap(),
        "2001:db8:c::1".parse().unwrap(),
        "2001:db8:1::100".parse().unwrap(),
    );
    let brr = build::build(&vcoa_taught(&p), &p).unwrap();
    let run = |frames: Vec<(u32, Vec<u8>)>| fired_in_frames(&p, frames.into_iter()).pop().unwrap();
    let good = || tunnelled(&p, mr, vmn_coa, Ipv6Packet::new(cn, vcoa).type2(hoa));
    let bad = || tunnelled(&p, mr, vmn_coa, Ipv6Packet::new(cn, vcoa));
    assert!(run(vec![brr.clone(), good()]).is_empty());
    assert_eq!(run(vec![brr.clone(), bad()]), [rule]);
    // The correspondent's packet to the VCoA, before the mobile router tunnels it, too.
    let plain = |pkt: Ipv6Packet| data_frame(&p, pkt);
    assert!(run(vec![brr.clone(), plain(Ipv6Packet::new(cn, vcoa).type2(hoa))]).is_empty());
    assert_eq!(run(vec![brr.clone(), plain(Ipv6Packet::new(cn, vcoa))]), [rule]);
    // The home agent's tunnel to the VCoA (inner destination the home address): not judged.
    assert!(run(vec![brr, tunnelled(&p, "2001:db8::1".parse().unwrap(), vcoa, Ipv6Packet::new(cn, hoa))]).is_empty());
    assert!(run(vec![bad()]).is_empty());
}

/// §5.3: registering the VCoA beside its VMN_CoA, the VMN gives the VCoA's Binding Identifier
/// the higher priority (RFC 6089's BID-PRI: lower is higher).
#[test]
fn nemo_ro_vcoa_priority() {
    let p = with_mr();
    let rule = "check.nemo_ro.vcoa_priority";
    let bid = |id: u8, pri: u8, coa: &str| {
        let mut v = vec![0, id, 0, pri];
        v.extend_from_slice(&coa.parse::<std::net::Ipv6Addr>().unwrap().octets());
        Some(v)
    };
    let bu = |vcoa_pri, other_pri| {
        let opts = [("bi", bid(1, vcoa_pri, "2001:db8:7::7")), ("bi", bid(2, other_pri, "2001:db8:2::100"))];
        let mut s = msg(&p, "bu", &opts, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
        (s.src, s.dst, s.hoa) =
            ("2001:db8:2::100".parse().unwrap(), "2001:db8::1".parse().unwrap(), Some("2001:db8:1::100".parse().unwrap()));
        s
    };
    let brr = vcoa_taught(&p);
    assert!(fired_in_exchange(&p, &[&brr, &bu(5, 1)])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&brr, &bu(1, 5)])[1].contains(&rule));
    // BID-PRI 0 is unset; no VCoA handed out before: not judged.
    assert!(!fired_in_exchange(&p, &[&brr, &bu(5, 0)])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&bu(5, 1)])[0].contains(&rule));
}

/// §5.4.1: the tunnel between the mobile router and the visiting node ends at the VMN_CoA the
/// node's RO Request came from, both ways.
#[test]
fn nemo_ro_vcoa_tunnel_not_vmn_coa() {
    use craft::packet::Ipv6Packet;
    use std::net::Ipv6Addr;
    let p = with_mr();
    let rule = "check.nemo_ro.vcoa_tunnel_not_vmn_coa";
    let (vcoa, vmn_coa, mr, cn, hoa, other): (Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr, Ipv6Addr) = (
        "2001:db8:7::7".parse().unwrap(),
        "2001:db8:2::100".parse().unwrap(),
        "2001:db8:3::1".parse().unwrap(),
        "2001:db8:c::1".parse().unwrap(),
        "2001:db8:1::100".parse().unwrap(),
        "2001:db8:2::200".parse().unwrap(),
    );
    let mut request = msg(&p, "bu", &[], &["mip6.bu.a_flag=1", "mip6.bu.lifetime=100"]);
    (request.src, request.dst, request.hoa) = (vmn_coa, mr, Some(hoa));
    let setup = || vec![build::build(&request, &p).unwrap(), build::build(&vcoa_taught(&p), &p).unwrap()];
    let run = |last: (u32, Vec<u8>)| {
        let mut frames = setup();
        frames.push(last);
        fired_in_frames(&p, frames.into_iter()).pop().unwrap()
    };
    let to_vmn = |end| tunnelled(&p, mr, end, Ipv6Packet::new(cn, vcoa).type2(hoa));
    let from_vmn = |end| tunnelled(&p, end, mr, Ipv6Packet::new(vcoa, cn).home_address(hoa));
    assert!(run(to_vmn(vmn_coa)).is_empty());
    assert!(run(from_vmn(vmn_coa)).is_empty());
    assert_eq!(run(to_vmn(other)), [rule]);
    assert_eq!(run(from_vmn(other)), [rule]);
    // No RO Request for the home address before: not judged.
    let alone = fired_in_frames(&p, [build::build(&vcoa_taught(&p), &p).unwrap(), to_vmn(other)].into_iter()).pop().unwrap();
    assert!(alone.is_empty(), "{alone:?}");
}

/// Seed 000 §4.1.1, §5.5: an RO Request, and the return routability before it, come from a
/// visiting node inside the mobile network (its care-of address in the Mobile Network Prefix).
/// A mobile node outside the network that registers with the (learned) mobile router as its
/// correspondent runs plain RFC 6275 signalling: its CoTI without a Home Address option, the
/// router's CoT without a type 2 routing header and its BA without an Alternate Care-of Address
/// break nothing. Before, any peer of a known mobile router counted as its visiting node (a
/// MUST failure on the BA). The same BA to a care-of address inside the prefix still fires.
#[test]
fn a_mobile_node_outside_the_network_is_no_visiting_node() {
    let p = rfc();
    let (mr, outside, inside, mn_home) = ("2001:db8:1::100", "2001:db8:2::100", "2001:db8:7::100", "2001:db8:5::100");
    let mut prefix = vec![0, 48];
    prefix.extend_from_slice(&"2001:db8:7::".parse::<std::net::Ipv6Addr>().unwrap().octets());
    let mut nemo_bu = msg(&p, "bu", &[("mnp", Some(prefix))], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.nemo.bu.r_flag=1"]);
    nemo_bu.hoa = Some(mr.parse().unwrap());
    let mut coti = msg(&p, "coti", &[], &[]);
    (coti.src, coti.dst) = (outside.parse().unwrap(), mr.parse().unwrap());
    let mut cot = msg(&p, "cot", &[], &[]);
    (cot.src, cot.dst) = (mr.parse().unwrap(), outside.parse().unwrap());
    let ba = |to: &str| {
        let mut s = msg(&p, "ba", &[], &["mip6.ba.lifetime=100"]);
        (s.src, s.dst) = (mr.parse().unwrap(), to.parse().unwrap());
        s.rh2 = Some(mn_home.parse().unwrap());
        s
    };
    let got = fired_in_exchange(&p, &[&nemo_bu, &coti, &cot, &ba(outside)]);
    for (i, rules) in got.iter().enumerate() {
        assert!(rules.iter().all(|r| !r.starts_with("check.nemo_ro.")), "frame {}: {rules:?}", i + 1);
    }
    let got = fired_in_exchange(&p, &[&nemo_bu, &ba(inside)]);
    assert!(got[1].contains(&"check.nemo_ro.ack_without_acoa"), "{got:?}");
}
