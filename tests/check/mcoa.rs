//! Seed 002: draft-ietf-monami6-multiplecoa-03.

use super::common::*;

#[test]
fn mcoa_bid_c_flag_length() {
    let p = draft();
    // A registering home BU (from a care-of address, lifetime not 0) must give the care-of
    // address with C; a de-registering one may omit it (§5.5).
    let registering = ["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"];
    let away = |mut s: MessageSpec| {
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    let bad = away(msg(&p, "bu", &[("bi", bid(1, 0x80, false))], &registering));
    let good = away(msg(&p, "bu", &[("bi", bid(1, 0x80, true))], &registering));
    breaks(&p, "check.mcoa.bid_c_flag_length", bad, good);
    let deregistering = msg(&p, "bu", &[("bi", bid(1, 0x80, false))], HOME_BU);
    assert!(!fired(&p, &deregistering).contains(&"check.mcoa.bid_c_flag_length"));
}

#[test]
fn mcoa_bid_zero() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.bid_zero",
        msg(&p, "bu", &[("bi", bid(0, 0, false))], HOME_BU),
        msg(&p, "bu", &[("bi", bid(1, 0, false))], HOME_BU),
    );
}

#[test]
fn mcoa_bid_flags_differ() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.bid_flags_differ",
        msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0xc0, true))], HOME_BU),
        msg(&p, "bu", &[("bi", bid(1, 0xc0, true)), ("bi", bid(2, 0xc0, true))], HOME_BU),
    );
}

#[test]
fn mcoa_coti_c_o_flag() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.coti_c_o_flag",
        msg(&p, "coti", &[("bi", bid(1, 0x40, false))], &[]),
        msg(&p, "coti", &[("bi", bid(1, 0, false))], &[]),
    );
}

#[test]
fn mcoa_cn_bu_c_flag() {
    let p = draft();
    let opts = |flags| vec![("bi", bid(1, flags, flags != 0)), AUTH[0].clone(), AUTH[1].clone()];
    breaks(&p, "check.mcoa.cn_bu_c_flag", msg(&p, "bu", &opts(0x80), &[]), msg(&p, "bu", &opts(0), &[]));
    // The same C flag towards the home agent is bulk registration (§5.4).
    assert!(!fired(&p, &msg(&p, "bu", &opts(0x80), HOME_BU)).contains(&"check.mcoa.cn_bu_c_flag"));
}

#[test]
fn mcoa_ba_bids_not_copied() {
    let p = draft();
    let bu = msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))], HOME_BU);
    let rule = "check.mcoa.ba_bids_not_copied";
    let both = answer(&p, &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))], &[]);
    let one = answer(&p, &[("bi", bid(1, 0x80, true))], &[]);
    let other = answer(&p, &[("bi", bid(1, 0x80, true)), ("bi", bid(3, 0x80, true))], &[]);
    assert!(!fired_in_exchange(&p, &[&bu, &both])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&bu, &one])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&bu, &other])[1].contains(&rule));
    // A BA nothing pairs it with (another sequence number) is not judged.
    let mut late = one.clone();
    late.sets.push(Assignment::parse("mip6.ba.seqnr=5").unwrap());
    assert!(!fired_in_exchange(&p, &[&bu, &late])[1].contains(&rule));
}
