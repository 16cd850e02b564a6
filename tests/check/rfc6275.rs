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
    breaks(&p, "check.rfc6275.nonce_without_bad", msg(&p, "bu", &[("ni", None)], &[]), msg(&p, "bu", &AUTH, &[]));
}

#[test]
fn rfc6275_home_bu_without_a() {
    let p = rfc();
    breaks(&p, "check.rfc6275.home_bu_without_a", msg(&p, "bu", &[], &["mip6.bu.h_flag=1"]), msg(&p, "bu", &[], HOME_BU));
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
    // Seed 000 §4.2 puts one in a CoT (it governs: profiles.md), and without one nothing fires.
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
    // Seed 000 §4.2's CoTI carries one.
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
    // Seed 000 carries it in a BA (§4.1.2) and a BRR (§4.1.3).
    for name in ["ba", "brr"] {
        assert!(!fired(&p, &msg(&p, name, &[("acoa", None)], &[])).contains(&rule), "{name}");
    }
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

#[test]
fn rfc6275_header_rules_from_the_malformation_catalogue() {
    for (name, rule) in [
        ("mh.payload-proto", "check.rfc6275.mh_payload_proto"),
        ("hao.not-dstopts", "check.rfc6275.hao_not_dstopts"),
        ("hao.misaligned", "check.rfc6275.hao_alignment"),
        ("rh2.segleft", "check.rfc6275.rh2_segments_left"),
        ("hao.link-local", "check.rfc6275.hao_not_unicast"),
    ] {
        let (clean, broken) = mutation(name);
        assert!(clean.is_empty(), "{name}: base breaks {clean:?}");
        assert_eq!(broken, [rule], "{name}");
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
