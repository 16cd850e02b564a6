//! RFC 6275 (Mobile IPv6).

use super::common::*;

#[test]
fn rfc6275_bad_not_last() {
    let p = rfc();
    breaks(
        &p,
        "check.rfc6275.bad_not_last",
        msg(&p, "bu", &[("ni", None), ("bad", None), ("acoa", None)], &[]),
        msg(&p, "bu", &[("acoa", None), ("ni", None), ("bad", None)], &[]),
    );
}

#[test]
fn rfc6275_nonce_without_bad() {
    let p = rfc();
    // A proxy BU (seed 004's to a correspondent) is judged by this rule alone: a correspondent
    // registration's missing authorisation is check.rfc6275.cn_bu_without_auth.
    let proxy = ["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"];
    breaks(&p, "check.rfc6275.nonce_without_bad", msg(&p, "bu", &[("ni", None)], &proxy), msg(&p, "bu", &AUTH, &proxy));
}

#[test]
fn rfc6275_home_bu_without_a() {
    let p = rfc();
    breaks(&p, "check.rfc6275.home_bu_without_a", msg(&p, "bu", &[], &["mip6.bu.h_flag=1"]), msg(&p, "bu", &[], HOME_BU));
    // A proxy registration with H and without A breaks RFC 5213 §6.9.1.5, said once, by its rule.
    let f = fired(&p, &msg(&p, "bu", &[], &["mip6.bu.h_flag=1", "mip6.bu.p_flag=1"]));
    assert!(f.contains(&"check.rfc5213.pbu_without_a") && !f.contains(&"check.rfc6275.home_bu_without_a"), "{f:?}");
}

#[test]
fn rfc6275_cn_bu_without_auth() {
    let p = rfc();
    breaks(&p, "check.rfc6275.cn_bu_without_auth", msg(&p, "bu", &[("bad", None)], &[]), msg(&p, "bu", &AUTH, &[]));
    // Home and proxy registrations are not authorised by return routability.
    for sets in [HOME_BU, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]] {
        assert!(!fired(&p, &msg(&p, "bu", &[], sets)).contains(&"check.rfc6275.cn_bu_without_auth"));
    }
}

#[test]
fn rfc6275_bra_not_in_ba() {
    let p = rfc();
    breaks(&p, "check.rfc6275.bra_not_in_ba", msg(&p, "bu", &[("bra", None)], HOME_BU), msg(&p, "ba", &[("bra", None)], &[]));
    // "valid only in" carries no RFC 2119 keyword (RFC 8174): a SHOULD-level finding, so
    // `check` reports it and exits 0 (it exited 1 when the row said MUST).
    let path = capture("bra-in-bu.pcapng", &p, &[msg(&p, "bu", &[("bra", None)], HOME_BU)]);
    let out = mipscope(&["check", "-r", &path]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("frame 1: SHOULD check.rfc6275.bra_not_in_ba (RFC 6275 §6.2.4)"), "{text}");
    assert!(text.ends_with(": 1 finding (0 MUST-level): check.rfc6275.bra_not_in_ba x1\n"), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

fn with_rh2(mut s: MessageSpec) -> MessageSpec {
    s.rh2 = Some("2001:db8:5::100".parse().unwrap());
    s
}

fn with_hao(mut s: MessageSpec) -> MessageSpec {
    s.hoa = Some("2001:db8:5::100".parse().unwrap());
    s
}

#[test]
fn rfc6275_mh_with_rh2() {
    let p = rfc();
    let rule = "check.rfc6275.mh_with_rh2";
    breaks(&p, rule, with_rh2(msg(&p, "hot", &[], &[])), with_rh2(msg(&p, "ba", &[], &[])));
    for name in ["brr", "hoti", "coti", "bu", "be"] {
        assert!(fired(&p, &with_rh2(msg(&p, name, &AUTH, &[]))).contains(&rule), "{name}");
    }
    // Seed 000 §4.2 puts one in a visiting node's CoT: CoTs are judged by the pair rules
    // (tests/check/reflector.rs, nemo_ro.rs). Without one nothing fires.
    assert!(!fired(&p, &with_rh2(msg(&p, "cot", &[], &[]))).contains(&rule));
    assert!(!fired(&p, &msg(&p, "hot", &[], &[])).contains(&rule));
}

#[test]
fn rfc6275_mh_with_hao() {
    let p = rfc();
    let rule = "check.rfc6275.mh_with_hao";
    breaks(&p, rule, with_hao(msg(&p, "hoti", &[], &[])), with_hao(msg(&p, "bu", &AUTH, &[])));
    for name in ["brr", "hot", "cot", "ba", "be"] {
        assert!(fired(&p, &with_hao(msg(&p, name, &[], &[]))).contains(&rule), "{name}");
    }
    // Seed 000 §4.2's visiting node's CoTI carries one (profiles.md: no MUST failure there).
    assert!(!fired(&p, &with_hao(msg(&p, "coti", &[], &[]))).contains(&rule));
    assert!(!fired(&p, &msg(&p, "hoti", &[], &[])).contains(&rule));
}

#[test]
fn rfc6275_k_flag_not_home() {
    let p = rfc();
    let rule = "check.rfc6275.k_flag_not_home";
    breaks(
        &p,
        rule,
        msg(&p, "bu", &AUTH, &["mip6.bu.k_flag=1"]),
        msg(&p, "bu", &[], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.k_flag=1"]),
    );
    // Proxy (RFC 5213) and MAP (RFC 5380) registrations are not correspondent registrations.
    for f in ["mip6.bu.p_flag=1", "mip6.bu.m_flag=1"] {
        assert!(!fired(&p, &msg(&p, "bu", &[], &["mip6.bu.a_flag=1", f, "mip6.bu.k_flag=1"])).contains(&rule), "{f}");
    }
}

#[test]
fn rfc6275_nonce_not_in_cn_bu() {
    let p = rfc();
    let rule = "check.rfc6275.nonce_not_in_cn_bu";
    breaks(&p, rule, msg(&p, "ba", &AUTH, &[]), msg(&p, "bu", &AUTH, &[]));
    // A home registration is not sent to a correspondent node.
    let home: Vec<&str> = HOME_BU.to_vec();
    assert!(fired(&p, &msg(&p, "bu", &AUTH, &home)).contains(&rule));
    assert!(fired(&p, &msg(&p, "hoti", &AUTH, &[])).contains(&rule));
    // Seed 004 §3.3's PBA to an early proxy BU names the nonce behind its Care-of Test option.
    let early_pba = msg(&p, "ba", &[("ni", None), ("care-of-test", None), ("bad", None)], &["mip6.ba.p_flag=1"]);
    assert!(!fired(&p, &early_pba).contains(&rule));
}

#[test]
fn rfc6275_acoa_not_in_bu() {
    let p = rfc();
    let rule = "check.rfc6275.acoa_not_in_bu";
    breaks(&p, rule, msg(&p, "coti", &[("acoa", None)], &[]), msg(&p, "bu", &[("acoa", None)], HOME_BU));
    for name in ["hoti", "hot", "cot", "be"] {
        assert!(fired(&p, &msg(&p, name, &[("acoa", None)], &[])).contains(&rule), "{name}");
    }
    // §6.2.5: "valid only in Binding Update": a plain BA or BRR with it breaks the rule (they
    // once went unjudged). Seed 000 carries it in a mobile router's RO Acknowledgement (§4.1.2)
    // and in a BRR with M (§4.1.3), which its own rules judge.
    for name in ["ba", "brr"] {
        assert!(fired(&p, &msg(&p, name, &[("acoa", None)], &[])).contains(&rule), "{name}");
    }
    let mr = Prefs::build(None, &["nemo.mr_addresses=2001:db8:2::100".into()]).unwrap();
    assert!(!fired(&mr, &msg(&mr, "ba", &[("acoa", None)], &[])).contains(&rule));
    // A mobile router's refusal is a plain BA (seed 000 §5.3), the option breaks the rule there.
    assert!(fired(&mr, &msg(&mr, "ba", &[("acoa", None)], &["mip6.ba.status=128"])).contains(&rule));
    assert!(!fired(&p, &msg(&p, "brr", &[("acoa", None)], &["mip6.brr.m_flag=1"])).contains(&rule));
}

#[test]
fn rfc6275_bra_not_home() {
    let p = rfc();
    let rule = "check.rfc6275.bra_not_home";
    let cn_bu = msg(&p, "bu", &AUTH, &["mip6.bu.a_flag=1"]);
    let home_bu = msg(&p, "bu", &[], HOME_BU);
    let ba = answer(&p, &[("bra", None), ("bad", None)], &[]);
    let plain = answer(&p, &[("bad", None)], &[]);
    assert_eq!(fired_in_exchange(&p, &[&cn_bu, &ba])[1], [rule]);
    assert!(!fired_in_exchange(&p, &[&home_bu, &ba])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&cn_bu, &plain])[1].contains(&rule));
    // A BA nothing pairs it with is not judged.
    let mut late = ba.clone();
    late.sets.push(Assignment::parse("mip6.ba.seqnr=5").unwrap());
    assert!(!fired_in_exchange(&p, &[&cn_bu, &late])[1].contains(&rule));
}

/// The catalogue rules the frame a malformation catalogue row starts from breaks, and those the
/// row's mutation of it breaks.
fn mutation(name: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let p = rfc();
    let m = craft::malform::find(name).unwrap_or_else(|| panic!("no mutation {name}"));
    let (linktype, clean) = craft::malform::base(m.base, &p).unwrap();
    let broken = m.apply(linktype, &clean, &p).unwrap();
    let rules = |bytes: &[u8]| {
        let mut d = Dissection::default();
        let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
        dissect::dissect_frame(&mut d, bytes, &meta, &p);
        d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect::<Vec<_>>()
    };
    (rules(&clean), rules(&broken))
}

/// The malformation catalogue rows that break one RFC 6275 header rule each, with the rule.
const HEADER_RULES: [(&str, &str); 7] = [
    ("mh.payload-proto", "check.rfc6275.mh_payload_proto"),
    ("hao.after-fragment", "check.rfc6275.hao_placement"),
    ("hao.before-routing", "check.rfc6275.hao_placement"),
    ("hao.not-dstopts", "check.rfc6275.hao_not_dstopts"),
    ("hao.misaligned", "check.rfc6275.hao_alignment"),
    ("rh2.segleft", "check.rfc6275.rh2_segments_left"),
    ("hao.link-local", "check.rfc6275.hao_not_unicast"),
];

#[test]
fn rfc6275_header_rules_from_the_malformation_catalogue() {
    for (name, rule) in HEADER_RULES {
        let (clean, broken) = mutation(name);
        assert!(clean.is_empty(), "{name}: base breaks {clean:?}");
        assert_eq!(broken, [rule], "{name}");
    }
}

/// The same broken packets quoted in an ICMPv6 error (a Port Unreachable the node that
/// received them sends back) break nothing: the header rules bind whoever sends a packet, not
/// the node quoting it (a stack that processed the type 2 routing header in place quotes
/// Segments Left 0). Before, each fired on the error, a MUST failure for most.
#[test]
fn rfc6275_header_rules_skip_a_quoted_packet() {
    let p = rfc();
    for (name, rule) in HEADER_RULES {
        let m = craft::malform::find(name).unwrap();
        let (linktype, clean) = craft::malform::base(m.base, &p).unwrap();
        let broken = m.apply(linktype, &clean, &p).unwrap();
        let ip = match linktype {
            1 => &broken[14..],
            _ => &broken[..],
        };
        assert_eq!(ip[0] >> 4, 6, "{name}: an IPv6 packet");
        let (src, dst): ([u8; 16], [u8; 16]) =
            ("2001:db8:9::1".parse::<std::net::Ipv6Addr>().unwrap().octets(), ip[8..24].try_into().unwrap());
        let mut icmp = vec![1, 4, 0, 0, 0, 0, 0, 0];
        icmp.extend_from_slice(ip);
        let c = dissect::checksum::compute(dissect::checksum::pseudo6(&src, &dst, icmp.len() as u32, 58), &icmp);
        icmp[2..4].copy_from_slice(&c.to_be_bytes());
        let mut pkt = vec![0x60, 0, 0, 0];
        pkt.extend_from_slice(&(icmp.len() as u16).to_be_bytes());
        pkt.extend_from_slice(&[58, 64]);
        pkt.extend_from_slice(&src);
        pkt.extend_from_slice(&dst);
        pkt.extend_from_slice(&icmp);
        let mut d = Dissection::default();
        let meta = FrameMeta { number: 1, wire_len: pkt.len() as u32, linktype: 101, ..Default::default() };
        dissect::dissect_frame(&mut d, &pkt, &meta, &p);
        assert!(d.find("icmpv6").is_some(), "{name}");
        let got: Vec<_> = d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect();
        assert!(!got.contains(&rule), "{name}: {got:?}");
    }
}

#[test]
fn rfc6275_hao_not_unicast() {
    let p = rfc();
    let rule = "check.rfc6275.hao_not_unicast";
    let bu = |hoa: &str| {
        let mut s = msg(&p, "bu", &[], HOME_BU);
        s.hoa = Some(hoa.parse().unwrap());
        s
    };
    breaks(&p, rule, bu("fe80::100"), bu("2001:db8:1::100"));
    for bad in ["::", "::1", "ff02::1", "febf::1"] {
        assert!(fired(&p, &bu(bad)).contains(&rule), "{bad}");
    }
    // fec0::/10 is not link-local.
    assert!(!fired(&p, &bu("fec0::1")).contains(&rule));
}

#[test]
fn rfc6275_ba_expired_nonce_with_bad() {
    let p = rfc();
    let rule = "check.rfc6275.ba_expired_nonce_with_bad";
    for status in [136, 137, 138] {
        let st = format!("mip6.ba.status={status}");
        breaks(&p, rule, msg(&p, "ba", &[("bad", None)], &[&st]), msg(&p, "ba", &[], &[&st]));
    }
    assert!(!fired(&p, &msg(&p, "ba", &[("bad", None)], &["mip6.ba.status=135"])).contains(&rule));
}

#[test]
fn rfc6275_cn_ba_without_bad() {
    let p = rfc();
    let rule = "check.rfc6275.cn_ba_without_bad";
    let cn_bu = msg(&p, "bu", &AUTH, &["mip6.bu.a_flag=1"]);
    let home_bu = msg(&p, "bu", &[("acoa", None)], HOME_BU);
    assert_eq!(fired_in_exchange(&p, &[&cn_bu, &answer(&p, &[], &[])])[1], [rule]);
    assert!(fired_in_exchange(&p, &[&cn_bu, &answer(&p, &[("bad", None)], &[])])[1].is_empty());
    // A home agent's BA is protected by IPsec, and an expired nonce is answered without one.
    assert!(fired_in_exchange(&p, &[&home_bu, &answer(&p, &[], &[])])[1].is_empty());
    assert!(fired_in_exchange(&p, &[&cn_bu, &answer(&p, &[], &["mip6.ba.status=137"])])[1].is_empty());
}

/// The rules the frame breaks when `spec`'s packet (cut to `keep` octets of its IPv6 packet)
/// comes back quoted in an ICMPv6 Parameter Problem.
fn fired_quoted(p: &Prefs, spec: &MessageSpec, keep: usize) -> Vec<&'static str> {
    let (lt, bytes) = craft::build::build(spec, p).unwrap();
    let ip = if lt == 1 { &bytes[14..] } else { &bytes[..] };
    let mut octets = vec![4, 0, 0, 0, 0, 0, 0, 40];
    octets.extend_from_slice(&ip[..keep.min(ip.len())]);
    let mut icmp = dissect::icmpv6::Icmpv6::parse(&octets).expect("ICMPv6").0.to_owned();
    icmp.checksum = dissect::model::Auto::Computed;
    let pkt = craft::packet::Ipv6Packet::new("2001:db8:2::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap());
    let f = pkt.carrying([dissect::stack::Layer::Icmpv6(icmp)]);
    let bytes = f.emit(p).unwrap();
    let mut d = Dissection::default();
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: f.linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, &bytes, &meta, p);
    d.experts.iter().filter_map(|e| dissect::analysis::rules::of_expert(e.def)).map(|r| r.id()).collect()
}

/// A message quoted in an ICMP error was judged when it was sent: its quote gives no finding,
/// whole or cut (a cut quote lost its last options).
#[test]
fn quoted_messages_are_not_judged_again() {
    let p = rfc();
    let home = msg(&p, "bu", &[("ni", None)], HOME_BU);
    assert!(fired(&p, &home).contains(&"check.rfc6275.nonce_not_in_cn_bu"));
    assert_eq!(fired_quoted(&p, &home, 1000), Vec::<&str>::new());
    let cn = msg(&p, "bu", &AUTH, &[]);
    assert!(fired(&p, &cn).is_empty(), "{:?}", fired(&p, &cn));
    // Cut after the Nonce Indices, before the Binding Authorization Data.
    assert_eq!(fired_quoted(&p, &cn, 40 + 12 + 8), Vec::<&str>::new());
}

/// One broken statement, one finding: Nonce Indices without Binding Authorization Data in a
/// correspondent registration is its missing authorisation; in a home registration, misplaced
/// Nonce Indices.
#[test]
fn nonce_without_bad_only_where_no_other_rule_says_it() {
    let p = rfc();
    let rules = |f: Vec<&'static str>| f.into_iter().filter(|r| r.starts_with("check.rfc6275")).collect::<Vec<_>>();
    assert_eq!(rules(fired(&p, &msg(&p, "bu", &[("ni", None)], &[]))), ["check.rfc6275.cn_bu_without_auth"]);
    assert_eq!(rules(fired(&p, &msg(&p, "bu", &[("ni", None)], HOME_BU))), ["check.rfc6275.nonce_not_in_cn_bu"]);
}

/// A bad Mobility Header checksum leaves every option decoded: the rules about which options a
/// message carries are still judged.
#[test]
fn a_bad_checksum_hides_no_missing_option() {
    let p = rfc();
    let f = fired(&p, &msg(&p, "bu", &[], &["mip6.csum=0x1234"]));
    assert!(f.contains(&"check.rfc6275.cn_bu_without_auth"), "{f:?}");
}

/// RFC 6275's option rules are about its own messages (types 0-7): a Home Agent Switch (RFC
/// 5142) in the fixtures carries a Binding Refresh Advice, which its document allows.
#[test]
fn later_messages_are_not_judged_by_rfc6275_option_rules() {
    let f = "captures/crafted/mhext-messages.pcapng";
    let o = mipscope(&["dissect", "-r", f, "-Y", "mip6.mhtype == 12 && mip6.bra.interval", "-T", "fields", "-e", "frame.number"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "5\n", "frame 5 is a Home Agent Switch with a Binding Refresh Advice");
    let o = mipscope(&["check", "-r", f]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("check.rfc6275.bra_not_in_ba"), "{out}");
}

#[test]
fn rfc6275_home_bu_without_acoa() {
    let rule = "check.rfc6275.home_bu_without_acoa";
    let p = rfc();
    let home = ["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"];
    let coa = "2001:db8:2::100".parse::<std::net::Ipv6Addr>().unwrap().octets().to_vec();
    let home_bu = |opts: &[(&str, Option<Vec<u8>>)]| with_hao(msg(&p, "bu", opts, &home));
    breaks(&p, rule, home_bu(&[]), home_bu(&[("acoa", Some(coa.clone()))]));
    // Not asked of: a de-registration, a proxy registration, a correspondent registration.
    assert!(!fired(&p, &with_hao(msg(&p, "bu", &[], HOME_BU))).contains(&rule));
    assert!(!fired(
        &p,
        &msg(&p, "bu", &[], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.p_flag=1", "mip6.bu.lifetime=100"])
    )
    .contains(&rule));
    assert!(!fired(&p, &with_hao(msg(&p, "bu", &AUTH, &["mip6.bu.a_flag=1", "mip6.bu.lifetime=100"]))).contains(&rule));
    // RFC 5648 §5.2: a Binding Identifier carrying the care-of address (Length 20) stands in
    // for the option; one without (Length 4) does not.
    let mut with_coa = vec![0, 1, 0, 0];
    with_coa.extend_from_slice(&coa);
    assert!(!fired(&p, &home_bu(&[("bi", Some(with_coa))])).contains(&rule));
    assert!(fired(&p, &home_bu(&[("bi", Some(vec![0, 1, 0, 0]))])).contains(&rule));
    // Seed 002 §5.7: with the C flag (draft-03 layout) the option SHOULD NOT be used.
    let d = draft();
    let draft_bu = |flags| with_hao(msg(&d, "bu", &[("bi", bid(1, flags, true))], &home));
    assert!(!fired(&d, &draft_bu(0x80)).contains(&rule));
    // RFC 5555: an IPv4 care-of address option names the care-of address.
    assert!(!fired(&p, &home_bu(&[("ipv4coa", Some(vec![0, 0, 192, 0, 2, 1]))])).contains(&rule));
}

/// A warning that leaves every option decoded hides no rule about which options a message
/// carries: the home BU without an Alternate Care-of Address still breaks its rule with eight
/// octets after its Mobility Header (`mip6.trailing`; `mip6.opt.alignment` is treated alike).
/// Before, any such warning silenced the rule (`Pass::damaged`); a Length that is wrong still
/// does (one broken statement, one finding).
#[test]
fn option_rules_are_judged_past_warnings_that_decode_every_option() {
    let rule = "check.rfc6275.home_bu_without_acoa";
    let p = rfc();
    let home = ["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"];
    let rules = |linktype: u32, bytes: &[u8]| {
        let mut d = Dissection::default();
        let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
        dissect::dissect_frame(&mut d, bytes, &meta, &p);
        d.experts.iter().map(|e| e.def.abbrev()).collect::<Vec<_>>()
    };
    let (linktype, mut bytes) = build::build(&with_hao(msg(&p, "bu", &[], &home)), &p).unwrap();
    let ip = if linktype == 1 { 14 } else { 0 };
    let plen = u16::from_be_bytes([bytes[ip + 4], bytes[ip + 5]]) + 8;
    bytes[ip + 4..ip + 6].copy_from_slice(&plen.to_be_bytes());
    bytes.extend_from_slice(&[0; 8]);
    let got = rules(linktype, &bytes);
    assert!(got.contains(&"mip6.trailing") && got.contains(&rule), "{got:?}");
    // A wrong Length still hides it.
    let m = craft::malform::find("mh.hdrlen-short").unwrap();
    let (linktype, clean) = craft::malform::base(m.base, &p).unwrap();
    let got = rules(linktype, &m.apply(linktype, &clean, &p).unwrap());
    assert!(got.contains(&"mip6.opt.len.invalid") && !got.iter().any(|r| r.starts_with("check.rfc6275.")), "{got:?}");
}
