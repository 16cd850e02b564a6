//! RFC 5213 (Proxy Mobile IPv6).

use super::common::*;

#[test]
fn rfc5213_pba_without_p() {
    let p = rfc();
    let data = |n: &str| (n == "mnid").then(|| b"\x01mn1@example.com".to_vec());
    let o: Vec<(&str, Option<Vec<u8>>)> = ["mnid", "hnp", "hi", "att"].iter().map(|n| (*n, data(n))).collect();
    let pbu = msg(&p, "bu", &o, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]);
    let rule = "check.rfc5213.pba_without_p";
    let pba = answer(&p, &o, &["mip6.ba.p_flag=1"]);
    let ba = answer(&p, &o, &[]);
    assert_eq!(fired_in_exchange(&p, &[&pbu, &pba]), [Vec::<&str>::new(), vec![]]);
    assert_eq!(fired_in_exchange(&p, &[&pbu, &ba])[1], [rule]);
    // A plain home registration's BA has no P to set, nor has the answer to seed 004's early
    // proxy BU (not an RFC 5213 registration: profiles.md).
    assert!(fired_in_exchange(&p, &[&msg(&p, "bu", &[], HOME_BU), &ba])[1].is_empty());
    let early = msg(&p, "bu", &[("coti", None), ("bad", None)], &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]);
    // (It lacks the Care-of Test seed 004 §3.3 asks for: that rule's, not this one's.)
    assert!(!fired_in_exchange(&p, &[&early, &answer(&p, &[], &[])])[1].contains(&rule));
    // The report names both frames of the exchange.
    let path = capture("pba.pcapng", &p, &[pbu.clone(), ba.clone()]);
    let out = mipscope(&["check", "-r", &path, "--format", "json"]);
    let f: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((f["rule"].as_str(), &f["frames"]), (Some(rule), &serde_json::json!([2, 1])));
    let text = String::from_utf8(mipscope(&["check", "-r", &path]).stdout).unwrap();
    assert!(
        text.starts_with("Exchange BU↔BA from frame 1:\n  frames 2, 1: MUST check.rfc5213.pba_without_p (RFC 5213 §5.3.6)\n"),
        "{text}"
    );
    // The rule is a field a filter finds (tracking runs for it).
    let out = mipscope(&["dissect", "-r", &path, "-Y", rule, "-T", "fields", "-e", "frame.number"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "2\n");
}

#[test]
fn rfc5213_pbu_mandatory_options() {
    let p = rfc();
    let all = ["mnid", "hnp", "hi", "att"];
    let pbu = |opts: &[&str]| {
        // An NAI identifier (subtype 1): a zeroed option would be too short to decode.
        let data = |n: &str| (n == "mnid").then(|| b"\x01mn1@example.com".to_vec());
        let o: Vec<(&str, Option<Vec<u8>>)> = opts.iter().map(|n| (*n, data(n))).collect();
        msg(&p, "bu", &o, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"])
    };
    let full = fired(&p, &pbu(&all));
    assert!(full.is_empty(), "{full:?}");
    // Seed 004's de-registration with a correspondent (authorised by return routability) is no
    // RFC 5213 registration.
    assert!(fired(&p, &msg(&p, "bu", &AUTH, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1", "mip6.bu.lifetime=0"])).is_empty());
    // Nor is a message whose options were not all decoded judged by which it carries.
    let mut broken = pbu(&all[1..]);
    broken.options.insert(0, OptionSpec { code: craft::message::option_type("mnid", &p).unwrap(), data: None, sets: vec![] });
    assert!(fired(&p, &broken).is_empty());
    for (i, rule) in ["mnid", "hnp", "hi", "att"].iter().enumerate() {
        let rest: Vec<&str> = all.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, n)| *n).collect();
        breaks(&p, &format!("check.rfc5213.pbu_without_{rule}"), pbu(&rest), pbu(&all));
    }
}

/// A Proxy Binding Update's options `(name, data)`: an NAI identifier, a prefix, Handoff
/// Indicator 1 (attachment over a new interface) and Access Technology Type 4 (IEEE 802.11).
fn pmip_opts(extra: &[&'static str]) -> Vec<(&'static str, Option<Vec<u8>>)> {
    let mut o: Vec<(&str, Option<Vec<u8>>)> =
        vec![("mnid", Some(b"\x01mn1@example.com".to_vec())), ("hnp", None), ("hi", Some(vec![0, 1])), ("att", Some(vec![0, 4]))];
    for e in extra {
        o.push(match *e {
            "ts" => ("ts", Some(vec![0xe9, 0x2d, 0x1f, 0, 0, 0, 0, 0])),
            other => (other, None),
        });
    }
    o
}

const PBU: &[&str] = &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"];
const PBA: &[&str] = &["mip6.ba.p_flag=1"];

#[test]
fn rfc5213_pbu_without_a() {
    let p = rfc();
    breaks(
        &p,
        "check.rfc5213.pbu_without_a",
        msg(&p, "bu", &pmip_opts(&[]), &["mip6.bu.p_flag=1"]),
        msg(&p, "bu", &pmip_opts(&[]), PBU),
    );
    // Seed 004's proxy BUs to a correspondent are not RFC 5213's (their A is the draft's
    // business), nor is a BU without P.
    assert!(!fired(&p, &msg(&p, "bu", &[("coti", None), ("bad", None)], &["mip6.bu.p_flag=1"]))
        .contains(&"check.rfc5213.pbu_without_a"));
    assert!(!fired(&p, &msg(&p, "bu", &pmip_opts(&[]), HOME_BU)).contains(&"check.rfc5213.pbu_without_a"));
}

#[test]
fn rfc5213_pbu_hao() {
    let p = rfc();
    let mut bad = msg(&p, "bu", &pmip_opts(&[]), PBU);
    bad.hoa = Some("2001:db8:1::100".parse().unwrap());
    breaks(&p, "check.rfc5213.pbu_hao", bad, msg(&p, "bu", &pmip_opts(&[]), PBU));
    // A Mobile IPv6 BU with P set and a Home Address option, but none of RFC 5213's options,
    // is not judged by it.
    let mut mip6 = msg(&p, "bu", &[], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.p_flag=1"]);
    mip6.hoa = Some("2001:db8:1::100".parse().unwrap());
    assert!(!fired(&p, &mip6).contains(&"check.rfc5213.pbu_hao"));
}

/// The PBA a PBU with `pbu` options gets, with `pba` options: the rules the PBA breaks.
fn pba_breaks(p: &Prefs, pbu: &[(&str, Option<Vec<u8>>)], pba: &[(&str, Option<Vec<u8>>)]) -> Vec<&'static str> {
    fired_in_exchange(p, &[&msg(p, "bu", pbu, PBU), &answer(p, pba, PBA)])[1].clone()
}

#[test]
fn rfc5213_pba_echoes_the_pbu() {
    let p = rfc();
    let all = pmip_opts(&[]);
    assert!(pba_breaks(&p, &all, &all).is_empty());
    let without = |name: &str| all.iter().filter(|(n, _)| *n != name).cloned().collect::<Vec<_>>();
    let with = |name: &str, data: Vec<u8>| {
        all.iter().map(|(n, d)| if *n == name { (*n, Some(data.clone())) } else { (*n, d.clone()) }).collect::<Vec<_>>()
    };
    // Left out.
    assert_eq!(pba_breaks(&p, &all, &without("mnid")), ["check.rfc5213.pba_mnid_not_copied"]);
    assert_eq!(pba_breaks(&p, &all, &without("hnp")), ["check.rfc5213.pba_without_hnp"]);
    assert_eq!(pba_breaks(&p, &all, &without("hi")), ["check.rfc5213.pba_hi_not_copied"]);
    assert_eq!(pba_breaks(&p, &all, &without("att")), ["check.rfc5213.pba_att_not_copied"]);
    // Present but not copied: another handoff, another access technology. (A PBA naming another
    // mobile node pairs with no PBU: it may answer that node's, rfc5213_pbas_pair_by_mobile_node.)
    assert!(pba_breaks(&p, &all, &with("mnid", b"\x01mn2@example.com".to_vec())).is_empty());
    assert_eq!(pba_breaks(&p, &all, &with("hi", vec![0, 4])), ["check.rfc5213.pba_hi_not_copied"]);
    assert_eq!(pba_breaks(&p, &all, &with("att", vec![0, 3])), ["check.rfc5213.pba_att_not_copied"]);
    // What the PBU did not carry, the PBA need not echo (it rejects the PBU for it instead).
    assert!(pba_breaks(&p, &without("hi"), &without("hi")).is_empty());
    // A BA without P answering a PBU breaks §8.2 only, not also every echo rule.
    let ex = fired_in_exchange(&p, &[&msg(&p, "bu", &all, PBU), &answer(&p, &[], &[])]);
    assert_eq!(ex[1], ["check.rfc5213.pba_without_p"]);
    // A plain BA answering a plain BU is not judged.
    let ex = fired_in_exchange(&p, &[&msg(&p, "bu", &[], HOME_BU), &answer(&p, &[], &[])]);
    assert!(ex[1].is_empty(), "{ex:?}");
}

#[test]
fn rfc5213_pba_timestamp_link_layer_id_and_link_local_only_if_asked() {
    let p = rfc();
    let (plain, ts, ll, lla) = (pmip_opts(&[]), pmip_opts(&["ts"]), pmip_opts(&["mnlli"]), pmip_opts(&["lla"]));
    for asked in [&ts, &ll, &lla] {
        assert!(pba_breaks(&p, asked, asked).is_empty());
    }
    assert_eq!(pba_breaks(&p, &plain, &ts), ["check.rfc5213.pba_timestamp_unasked"]);
    assert_eq!(pba_breaks(&p, &plain, &ll), ["check.rfc5213.pba_mnlli_unasked"]);
    assert_eq!(pba_breaks(&p, &plain, &lla), ["check.rfc5213.pba_lla_unasked"]);
}

/// A MAG numbers each mobile node's Proxy Binding Updates on its own (RFC 5213 §5.3.1), so two
/// mobile nodes behind one MAG send the LMA the same sequence number. Each acknowledgement pairs
/// with the update for the mobile node it names, whichever comes first, and neither update is
/// a retransmission of the other. Keyed on (MAG, LMA, sequence) alone, mn2's update was taken
/// for a retransmission of mn1's and mn2's PBA, answering first, was judged against mn1's
/// update: a false `pba_mnid_not_copied`.
#[test]
fn rfc5213_pbas_pair_by_mobile_node() {
    let p = rfc();
    let for_mn = |mn: &[u8], hi: u8| {
        let mut o = pmip_opts(&[]);
        o[0].1 = Some([b"\x01".as_slice(), mn].concat());
        o[2].1 = Some(vec![0, hi]);
        o
    };
    let (mn1, mn2) = (for_mn(b"mn1@example.com", 1), for_mn(b"mn2@example.com", 2));
    let frames = [msg(&p, "bu", &mn1, PBU), msg(&p, "bu", &mn2, PBU), answer(&p, &mn2, PBA), answer(&p, &mn1, PBA)];
    let refs: Vec<&MessageSpec> = frames.iter().collect();
    assert_eq!(fired_in_exchange(&p, &refs), vec![Vec::<&str>::new(); 4]);
    let path = capture("pba-two-mns.pcapng", &p, &frames);
    let fields = ["-T", "fields", "-e", "frame.number", "-e", "mip6.response_to", "-e", "mip6.retransmit_request_in"];
    let out = mipscope(&[&["dissect", "-2", "-r", &path][..], &fields[..]].concat());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "1\t\t\n2\t\t\n3\t2\t\n4\t1\t\n");
    // The same update repeated is a retransmission still.
    let again = [msg(&p, "bu", &mn1, PBU), msg(&p, "bu", &mn1, PBU), answer(&p, &mn1, PBA)];
    let path = capture("pbu-again.pcapng", &p, &again);
    let out = mipscope(&[&["dissect", "-2", "-r", &path][..], &fields[..]].concat());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "1\t\t\n2\t\t1\n3\t1\t\n");
    // An acknowledgement naming no mobile node answers the only update waiting with its number
    // (and is judged for it); with two waiting, it cannot say which.
    let no_id: Vec<_> = mn1[1..].to_vec();
    let ex = fired_in_exchange(&p, &[&frames[0], &answer(&p, &no_id, PBA)]);
    assert_eq!(ex[1], ["check.rfc5213.pba_mnid_not_copied"]);
    let ex = fired_in_exchange(&p, &[&frames[0], &frames[1], &answer(&p, &no_id, PBA)]);
    assert!(ex[2].is_empty(), "{ex:?}");
    // One naming another node answers nothing: here a second answer to mn2's update (the LMA
    // answered its retransmission too) while mn1's still waits; taken for mn1's, it was a false
    // finding and left mn1's own answer unpaired.
    let twice = [&frames[0], &frames[1], &frames[1], &frames[2], &frames[2], &frames[3]];
    assert_eq!(fired_in_exchange(&p, &twice), vec![Vec::<&str>::new(); 6]);
    let path = capture("pba-twice.pcapng", &p, &twice.iter().map(|f| (*f).clone()).collect::<Vec<_>>());
    let out = mipscope(&[&["dissect", "-2", "-r", &path][..], &fields[..]].concat());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "1\t\t\n2\t\t\n3\t\t2\n4\t2\t\n5\t\t\n6\t1\t\n");
    // A BA without P still answers the one proxy update waiting (and breaks §8.2).
    let ex = fired_in_exchange(&p, &[&frames[0], &answer(&p, &mn1, &[])]);
    assert_eq!(ex[1], ["check.rfc5213.pba_without_p"]);
}
