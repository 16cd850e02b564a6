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
    assert!(fired_in_exchange(&p, &[&early, &answer(&p, &[], &[])])[1].is_empty());
    // The report names both frames of the exchange.
    let path = capture("pba.pcapng", &p, &[pbu.clone(), ba.clone()]);
    let out = mipscope(&["check", "-r", &path, "--format", "json"]);
    let f: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((f["rule"].as_str(), &f["frames"]), (Some(rule), &serde_json::json!([2, 1])));
    let text = String::from_utf8(mipscope(&["check", "-r", &path]).stdout).unwrap();
    assert!(
        text.starts_with("Exchange BU↔BA from frame 1:\n  frames 2, 1: MUST check.rfc5213.pba_without_p (RFC 5213 §8.2)\n"),
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
