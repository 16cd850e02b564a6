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
    let life = ["mip6.bu.lifetime=100"];
    // From a care-of address (a Home Address option), with a lifetime: a registration.
    let away = |flags| {
        let mut s = msg(&p, "bu", &opts(flags), &life);
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(&p, "check.mcoa.cn_bu_c_flag", away(0x80), away(0));
    // §5.5: returning home, the node de-registers at correspondents too, C in every BID: a BU
    // with lifetime zero, or one sent from the home address (no Home Address option), which
    // fired before.
    let mut dereg = away(0x80);
    dereg.sets = vec![Assignment::parse("mip6.bu.lifetime=0").unwrap()];
    assert!(!fired(&p, &dereg).contains(&"check.mcoa.cn_bu_c_flag"));
    assert!(!fired(&p, &msg(&p, "bu", &opts(0x80), &life)).contains(&"check.mcoa.cn_bu_c_flag"));
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
    // A peer that does not support multiple care-of addresses skips the option and answers
    // with a plain RFC 6275 BA, no BID at all (§6.2): not judged (it fired before the guard).
    let plain = answer(&p, &[], &[]);
    assert!(!fired_in_exchange(&p, &[&bu, &plain])[1].contains(&rule));
    // The correspondent registration §6.2 speaks of, answered by an RFC 6275 correspondent.
    let cn_bu = msg(&p, "bu", &[("bi", bid(1, 0, false)), ("ni", None), ("bad", None)], &["mip6.bu.a_flag=1"]);
    assert!(!fired_in_exchange(&p, &[&cn_bu, &plain])[1].contains(&rule));
}

/// Draft-03 Binding Unique Identifier data with a status: BID, status, flags (no care-of
/// address).
fn bid_status(id: u16, status: u8, flags: u8) -> Option<Vec<u8>> {
    Some(vec![(id >> 8) as u8, id as u8, status, flags])
}

#[test]
fn mcoa_acoa_with_c_flag() {
    let p = draft();
    let bu = |opts: &[(&str, Option<Vec<u8>>)]| {
        let mut s = msg(&p, "bu", opts, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(
        &p,
        "check.mcoa.acoa_with_c_flag",
        bu(&[("bi", bid(1, 0x80, true)), ("acoa", None)]),
        bu(&[("bi", bid(1, 0, false)), ("acoa", None)]),
    );
    // Without the Alternate CoA the C flag's BID is the way (§5.4).
    assert!(!fired(&p, &bu(&[("bi", bid(1, 0x80, true))])).contains(&"check.mcoa.acoa_with_c_flag"));
}

#[test]
fn mcoa_ba_bid_conflict_status() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.ba_bid_conflict_status",
        answer(&p, &[("bi", bid_status(1, 130, 0))], &["mip6.ba.status=128"]),
        answer(&p, &[("bi", bid_status(1, 130, 0))], &["mip6.ba.status=0"]),
    );
}

#[test]
fn mcoa_ba_bulk_and_flag_conflicts_bid_status() {
    let p = draft();
    // The draft profile numbers MCOA BULK REGISTRATION NOT SUPPORTED 168 and MCOA FLAG
    // CONFLICTS 164 (profiles.md); the BIDs come back MCOA REASON UNSPECIFIED (128).
    for (rule, st) in [("check.mcoa.ba_bulk_bid_status", "168"), ("check.mcoa.ba_flag_conflicts_bid_status", "164")] {
        let status = format!("mip6.ba.status={st}");
        breaks(
            &p,
            rule,
            answer(&p, &[("bi", bid_status(1, 128, 0x80)), ("bi", bid_status(2, 0, 0x80))], &[&status]),
            answer(&p, &[("bi", bid_status(1, 128, 0x80)), ("bi", bid_status(2, 128, 0x80))], &[&status]),
        );
    }
}

#[test]
fn mcoa_cot_incompliant_not_zeroed() {
    let p = draft();
    breaks(
        &p,
        "check.mcoa.cot_incompliant_not_zeroed",
        msg(&p, "cot", &[("bi", bid_status(1, 129, 0))], &["mip6.cot.nindex=3", "mip6.cot.token=0x0102030405060708"]),
        msg(&p, "cot", &[("bi", bid_status(1, 129, 0))], &[]),
    );
    // An accepting CoT carries its token.
    let accepted = msg(&p, "cot", &[("bi", bid_status(1, 0, 0))], &["mip6.cot.token=0x0102030405060708"]);
    assert!(!fired(&p, &accepted).contains(&"check.mcoa.cot_incompliant_not_zeroed"));
}

/// A CoT answering [`msg`]'s CoTI (addresses reversed; the cookie both leave at 0).
fn cot(p: &Prefs, opts: &[(&str, Option<Vec<u8>>)], sets: &[&str]) -> MessageSpec {
    let mut s = msg(p, "cot", opts, sets);
    std::mem::swap(&mut s.src, &mut s.dst);
    s
}

#[test]
fn mcoa_cot_c_flag_not_incompliant() {
    let p = draft();
    let rule = "check.mcoa.cot_c_flag_not_incompliant";
    let coti = msg(&p, "coti", &[("bi", bid(1, 0x80, false))], &[]);
    let refused = cot(&p, &[("bi", bid_status(1, 129, 0x80))], &[]);
    let accepted = cot(&p, &[("bi", bid_status(1, 0, 0x80))], &["mip6.cot.token=0x0102030405060708"]);
    assert!(!fired_in_exchange(&p, &[&coti, &refused])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&coti, &accepted])[1].contains(&rule));
    // A correspondent that does not read BIDs answers without one (§6.2, first bullet).
    let plain = cot(&p, &[], &["mip6.cot.token=0x0102030405060708"]);
    assert!(!fired_in_exchange(&p, &[&coti, &plain])[1].contains(&rule));
}

#[test]
fn mcoa_cot_not_accepting() {
    let p = draft();
    let rule = "check.mcoa.cot_not_accepting";
    let coti = msg(&p, "coti", &[("bi", bid(1, 0x40, false))], &[]);
    let accepted = cot(&p, &[("bi", bid_status(1, 0, 0x40))], &["mip6.cot.token=0x0102030405060708"]);
    let refused = cot(&p, &[("bi", bid_status(1, 128, 0x40))], &["mip6.cot.token=0x0102030405060708"]);
    // (The O flag breaks §5.2 in the CoTI, but §6.2 lets the correspondent ignore it.)
    assert!(!fired_in_exchange(&p, &[&coti, &accepted])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&coti, &refused])[1].contains(&rule));
}

#[test]
fn mcoa_cot_bids_not_copied() {
    let p = draft();
    let rule = "check.mcoa.cot_bids_not_copied";
    let coti = msg(&p, "coti", &[("bi", bid(1, 0, false)), ("bi", bid(2, 0, false))], &[]);
    let both = cot(&p, &[("bi", bid_status(1, 0, 0)), ("bi", bid_status(2, 0, 0))], &["mip6.cot.token=0x0102030405060708"]);
    let other = cot(&p, &[("bi", bid_status(1, 0, 0)), ("bi", bid_status(3, 0, 0))], &["mip6.cot.token=0x0102030405060708"]);
    assert!(!fired_in_exchange(&p, &[&coti, &both])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&coti, &other])[1].contains(&rule));
}

#[test]
fn mcoa_ba_accepts_refused_bu() {
    let p = draft();
    let rule = "check.mcoa.ba_accepts_refused_bu";
    // C on one BID, not on the other: §6.3 asks for MCOA FLAG CONFLICTS (164 in the draft
    // profile).
    let bu = msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0, false))], HOME_BU);
    let bids = [("bi", bid_status(1, 128, 0x80)), ("bi", bid_status(2, 128, 0))];
    let accepted = answer(&p, &bids, &["mip6.ba.status=0"]);
    let refused = answer(&p, &bids, &["mip6.ba.status=164"]);
    assert!(fired_in_exchange(&p, &[&bu, &accepted])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&bu, &refused])[1].contains(&rule));
    // A receiver that does not read BIDs accepts a plain binding (§5.8), and a sound BU may
    // be accepted.
    assert!(!fired_in_exchange(&p, &[&bu, &answer(&p, &[], &[])])[1].contains(&rule));
    let sound = msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))], HOME_BU);
    let ok = answer(&p, &[("bi", bid_status(1, 0, 0x80)), ("bi", bid_status(2, 0, 0x80))], &[]);
    assert!(!fired_in_exchange(&p, &[&sound, &ok])[1].contains(&rule));
}

/// A home registration from a care-of address (Home Address option), lifetime 400 s.
fn registering(p: &Prefs, opts: &[(&str, Option<Vec<u8>>)]) -> MessageSpec {
    let mut s = msg(p, "bu", opts, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
    s.hoa = Some("2001:db8:1::100".parse().unwrap());
    s
}

#[test]
fn mcoa_bulk_without_c() {
    let p = draft();
    let rule = "check.mcoa.bulk_without_c";
    breaks(
        &p,
        rule,
        registering(&p, &[("bi", bid(1, 0, false)), ("bi", bid(2, 0, false))]),
        registering(&p, &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))]),
    );
    // One binding is no bulk registration.
    assert!(!fired(&p, &registering(&p, &[("bi", bid(1, 0, false))])).contains(&rule));
    // A de-registration's BIDs are §5.5's MUST alone (one finding per broken statement).
    let dereg = fired(&p, &msg(&p, "bu", &[("bi", bid(1, 0, false)), ("bi", bid(2, 0, false))], HOME_BU));
    assert!(!dereg.contains(&rule) && dereg.contains(&"check.mcoa.dereg_all_without_c"), "{dereg:?}");
}

#[test]
fn mcoa_dereg_all_without_c() {
    let p = draft();
    let rule = "check.mcoa.dereg_all_without_c";
    let two = |f1, f2| vec![("bi", bid(1, f1, false)), ("bi", bid(2, f2, false))];
    // Lifetime 0, from the home address (HOME_BU: no Home Address option).
    breaks(&p, rule, msg(&p, "bu", &two(0, 0), HOME_BU), msg(&p, "bu", &two(0x80, 0x80), HOME_BU));
    // C in one BID only: this rule and §5.4's, two statements.
    let mixed = fired(&p, &msg(&p, "bu", &two(0x80, 0), HOME_BU));
    assert!(mixed.contains(&rule) && mixed.contains(&"check.mcoa.bid_flags_differ"), "{mixed:?}");
    // Lifetime 0 from a care-of address (Home Address option) is a de-registration too.
    let mut away = msg(&p, "bu", &two(0, 0), &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1"]);
    away.hoa = Some("2001:db8:1::100".parse().unwrap());
    assert!(fired(&p, &away).contains(&rule));
    // Not judged: one BID (§5.5's particular binding), a registering BU, a home binding (§5.6:
    // H flag, from home with a lifetime), a proxy registration.
    assert!(!fired(&p, &msg(&p, "bu", &[("bi", bid(1, 0, false))], HOME_BU)).contains(&rule));
    assert!(!fired(&p, &registering(&p, &two(0, 0))).contains(&rule));
    let home = msg(&p, "bu", &two(0xa0, 0xa0), &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
    assert!(!fired(&p, &home).contains(&rule));
    assert!(!fired(&p, &msg(&p, "bu", &two(0, 0), &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"])).contains(&rule));
}

#[test]
fn mcoa_brr_bid_not_in_bu() {
    let p = draft();
    let rule = "check.mcoa.brr_bid_not_in_bu";
    // The home agent's BRR names binding 2; the mobile node's BU answers it.
    let mut brr = msg(&p, "brr", &[("bi", bid(2, 0, false))], &[]);
    std::mem::swap(&mut brr.src, &mut brr.dst);
    let refresh = |id| msg(&p, "bu", &[("bi", bid(id, 0, false))], HOME_BU);
    assert!(!fired_in_exchange(&p, &[&brr, &refresh(2)])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&brr, &refresh(1)])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&brr, &msg(&p, "bu", &[], HOME_BU)])[1].contains(&rule));
    // A BRR without a BID leaves the choice to the mobile node (§5.9).
    let mut plain = msg(&p, "brr", &[], &[]);
    std::mem::swap(&mut plain.src, &mut plain.dst);
    assert!(!fired_in_exchange(&p, &[&plain, &msg(&p, "bu", &[], HOME_BU)])[1].contains(&rule));
}

#[test]
fn mcoa_ba_length_refusal_status() {
    let p = draft();
    let rule = "check.mcoa.ba_length_refusal_status";
    // A registering home BU whose C-flagged BID has no care-of address (Length 4).
    let mut bu = msg(&p, "bu", &[("bi", bid(1, 0x80, false))], &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
    bu.hoa = Some("2001:db8:1::100".parse().unwrap());
    // The home agent answers the care-of address, the home address in a type 2 routing header.
    let ba = |st: &str, bid_st| {
        let mut s = answer(&p, &[("bi", bid_status(1, bid_st, 0x80))], &[st]);
        s.rh2 = bu.hoa;
        s
    };
    assert!(!fired_in_exchange(&p, &[&bu, &ba("mip6.ba.status=128", 129)])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&bu, &ba("mip6.ba.status=128", 128)])[1].contains(&rule));
    assert!(fired_in_exchange(&p, &[&bu, &ba("mip6.ba.status=164", 129)])[1].contains(&rule));
    // Accepting it is check.mcoa.ba_accepts_refused_bu's finding, not this one.
    let accepted = fired_in_exchange(&p, &[&bu, &ba("mip6.ba.status=0", 0)]);
    assert!(!accepted[1].contains(&rule) && accepted[1].contains(&"check.mcoa.ba_accepts_refused_bu"), "{accepted:?}");
}

#[test]
fn mcoa_o_and_h_flag_not_home() {
    let p = draft();
    // A correspondent registration (H clear, authorised with Nonce Indices and BAD after the
    // BID, §5.3).
    // A BA refusing a BU whose flags differ (MCOA FLAG CONFLICTS, §6.3) copies its BIDs as they
    // came: §5.4 is the sender's rule, judged on the BU alone.
    let refusal = answer(&p, &[("bi", bid(1, 0x40, false)), ("bi", bid(2, 0, false))], &["mip6.ba.status=164"]);
    assert!(!fired(&p, &refusal).contains(&"check.mcoa.bid_flags_differ"));
    let cn = |flags| {
        let mut s = msg(&p, "bu", &[("bi", bid(1, flags, false)), AUTH[0].clone(), AUTH[1].clone()], &["mip6.bu.lifetime=100"]);
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    assert_eq!(fired(&p, &cn(0x40)), ["check.mcoa.o_flag_not_home"]);
    assert_eq!(fired(&p, &cn(0x20)), ["check.mcoa.h_flag_not_home"]);
    assert_eq!(fired(&p, &cn(0x60)), ["check.mcoa.o_flag_not_home", "check.mcoa.h_flag_not_home"]);
    assert!(fired(&p, &cn(0)).is_empty(), "{:?}", fired(&p, &cn(0)));
    // Both are "valid for ... Deregistration", and a BU sent from the home address (no Home
    // Address option) is one (§5.5), unless its H flag registers the home binding (§5.6).
    let from_home = |flags| {
        let mut s = cn(flags);
        s.hoa = None;
        s
    };
    assert!(fired(&p, &from_home(0x40)).is_empty(), "{:?}", fired(&p, &from_home(0x40)));
    assert_eq!(fired(&p, &from_home(0x20)), ["check.mcoa.h_flag_not_home"]);
    // Towards the home agent both are right (§5.3 O to replace the bindings, §5.6 H at home),
    // and so in a proxy registration (RFC 5213: P) nothing is judged.
    for flags in [0x40, 0x20] {
        assert!(fired(&p, &msg(&p, "bu", &[("bi", bid(1, flags, false))], HOME_BU)).is_empty());
    }
    let proxy = msg(&p, "bu", &[("bi", bid(1, 0x40, false))], &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]);
    assert!(!fired(&p, &proxy).contains(&"check.mcoa.o_flag_not_home"));
    // RFC 5648's layout puts its own H there (check.rfc5648.bid_h_not_home), not seed 002's.
    let r = rfc();
    let rfc_cn = msg(&r, "bu", &[("bi", bid(1, 0x80, false)), AUTH[0].clone(), AUTH[1].clone()], &[]);
    let got = fired(&r, &rfc_cn);
    assert!(!got.contains(&"check.mcoa.h_flag_not_home") && !got.contains(&"check.mcoa.o_flag_not_home"), "{got:?}");
}

#[test]
fn mcoa_acoa_not_after_bid() {
    let p = draft();
    let rule = "check.mcoa.acoa_not_after_bid";
    let bu = |opts: &[(&str, Option<Vec<u8>>)]| {
        let mut s = msg(&p, "bu", opts, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=100"]);
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    // §5.7: de-registering a lost care-of address's binding through another one.
    let after = bu(&[("bi", bid(1, 0, false)), ("acoa", None)]);
    assert!(fired(&p, &after).is_empty(), "{:?}", fired(&p, &after));
    assert_eq!(fired(&p, &bu(&[("acoa", None), ("bi", bid(1, 0, false))])), [rule]);
    assert_eq!(fired(&p, &bu(&[("bi", bid(1, 0, false)), ("acoa", None), ("acoa", None)])), [rule]);
    // Between two BIDs is still after one; a BU without BIDs is RFC 6275's.
    let between = bu(&[("bi", bid(1, 0x80, true)), ("acoa", None), ("bi", bid(2, 0x80, true))]);
    assert!(!fired(&p, &between).contains(&rule));
    assert!(fired(&p, &bu(&[("acoa", None)])).is_empty());
}

#[test]
fn mcoa_ba_flag_conflicts_flags_equal() {
    let p = draft();
    let rule = "check.mcoa.ba_flag_conflicts_flags_equal";
    // MCOA FLAG CONFLICTS is 164 in the draft profile; the BIDs come back REASON UNSPECIFIED.
    let conflicts = answer(&p, &[("bi", bid_status(1, 128, 0x80)), ("bi", bid_status(2, 128, 0x80))], &["mip6.ba.status=164"]);
    let equal = msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0x80, true))], HOME_BU);
    let differ = msg(&p, "bu", &[("bi", bid(1, 0x80, true)), ("bi", bid(2, 0, false))], HOME_BU);
    assert!(fired_in_exchange(&p, &[&equal, &conflicts])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&differ, &conflicts])[1].contains(&rule));
    // One BID has nothing to conflict with; another status says nothing about flags.
    let one = msg(&p, "bu", &[("bi", bid(1, 0x80, true))], HOME_BU);
    assert!(fired_in_exchange(&p, &[&one, &conflicts])[1].contains(&rule));
    let accepted = answer(&p, &[("bi", bid_status(1, 0, 0x80)), ("bi", bid_status(2, 0, 0x80))], &[]);
    assert!(!fired_in_exchange(&p, &[&equal, &accepted])[1].contains(&rule));
    // Unpaired (another sequence number), the BA is not judged.
    let mut late = conflicts.clone();
    late.sets.push(Assignment::parse("mip6.ba.seqnr=5").unwrap());
    assert!(!fired_in_exchange(&p, &[&equal, &late])[1].contains(&rule));
}

#[test]
fn mcoa_bu_bid_after_cot_without_bid() {
    let p = draft();
    let rule = "check.mcoa.bu_bid_after_cot_without_bid";
    let coti = msg(&p, "coti", &[("bi", bid(1, 0, false))], &[]);
    let plain_cot = cot(&p, &[], &["mip6.cot.token=0x0102030405060708"]);
    let mcoa_cot = cot(&p, &[("bi", bid_status(1, 0, 0))], &["mip6.cot.token=0x0102030405060708"]);
    // The correspondent registration from the tested care-of address (the CoTI's source).
    let bu = |opts: &[(&str, Option<Vec<u8>>)]| {
        let mut s = msg(&p, "bu", opts, &["mip6.bu.lifetime=100"]);
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    let with_bid = bu(&[("bi", bid(1, 0, false)), AUTH[0].clone(), AUTH[1].clone()]);
    let regular = bu(&[AUTH[0].clone(), AUTH[1].clone()]);
    assert!(fired_in_exchange(&p, &[&coti, &plain_cot, &with_bid])[2].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&coti, &plain_cot, &regular])[2].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&coti, &mcoa_cot, &with_bid])[2].contains(&rule));
    // A later CoT with the BID lifts it; a CoT answering a CoTI without a BID teaches nothing.
    assert!(!fired_in_exchange(&p, &[&coti, &plain_cot, &coti, &mcoa_cot, &with_bid])[4].contains(&rule));
    let plain_coti = msg(&p, "coti", &[], &[]);
    assert!(!fired_in_exchange(&p, &[&plain_coti, &plain_cot, &with_bid])[2].contains(&rule));
}

#[test]
fn mcoa_bu_bid_after_prohibited() {
    let p = draft();
    let rule = "check.mcoa.bu_bid_after_prohibited";
    let hoa = Some("2001:db8:1::100".parse().unwrap());
    let bu = |opts: &[(&str, Option<Vec<u8>>)], lifetime: &str| {
        let mut s = msg(&p, "bu", opts, &["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", lifetime]);
        s.hoa = hoa;
        s
    };
    let first = bu(&[("bi", bid(1, 0, false))], "mip6.bu.lifetime=100");
    // The home agent answers the care-of address, the home address in a type 2 routing header
    // (MCOA PROHIBITED is 166 in the draft profile).
    let ba = |st: &str| {
        let mut s = answer(&p, &[("bi", bid_status(1, 128, 0))], &[st]);
        s.rh2 = hoa;
        s
    };
    let (prohibited, accepted) = (ba("mip6.ba.status=166"), ba("mip6.ba.status=0"));
    let regular = bu(&[], "mip6.bu.lifetime=100");
    assert!(fired_in_exchange(&p, &[&first, &prohibited, &first])[2].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&first, &prohibited, &regular])[2].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&first, &accepted, &first])[2].contains(&rule));
    // A de-registration with the BID registers nothing.
    let dereg = bu(&[("bi", bid(1, 0, false))], "mip6.bu.lifetime=0");
    assert!(!fired_in_exchange(&p, &[&first, &prohibited, &dereg])[2].contains(&rule));
}

/// Seed 002 §6.3, §6.4: a home BU from the care-of address with BID `id` (no C flag), as
/// frames teach a home agent's bindings.
fn home_bid_bu(p: &Prefs, seq: u16, lifetime: u16, id: u16) -> MessageSpec {
    let sets = [
        "mip6.bu.a_flag=1".to_string(),
        "mip6.bu.h_flag=1".into(),
        format!("mip6.bu.seqnr={seq}"),
        format!("mip6.bu.lifetime={lifetime}"),
    ];
    let sets: Vec<&str> = sets.iter().map(String::as_str).collect();
    let mut s = msg(p, "bu", &[("bi", bid(id, 0, false)), ("acoa", None)], &sets);
    s.hoa = Some("2001:db8:1::100".parse().unwrap());
    s
}

/// The home agent's answer to [`home_bid_bu`], copying its BID.
fn home_bid_ba(p: &Prefs, seq: u16, status: u16, id: u16) -> MessageSpec {
    let sets = [format!("mip6.ba.seqnr={seq}"), format!("mip6.ba.status={status}")];
    let sets: Vec<&str> = sets.iter().map(String::as_str).collect();
    let mut s = answer(p, &[("bi", bid_status(id, 0, 0))], &sets);
    s.rh2 = Some("2001:db8:1::100".parse().unwrap());
    s
}

/// A Binding Identifier option with `data`, for a message of several.
fn bulk_bid(p: &Prefs, data: Option<Vec<u8>>) -> OptionSpec {
    OptionSpec { code: craft::message::option_type("bi", p).unwrap(), data, sets: vec![] }
}

#[test]
fn mcoa_dereg_unknown_bid() {
    let p = draft();
    let (accepted, status) = ("check.mcoa.dereg_unknown_bid_accepted", "check.mcoa.dereg_unknown_bid_status");
    let (bu, ba) = (|seq, life, id| home_bid_bu(&p, seq, life, id), |seq, st, id| home_bid_ba(&p, seq, st, id));
    // BID 1 registered, de-registered, then de-registered again: the home agent no longer has it.
    let (reg, reg_ok, dereg, dereg_ok) = (bu(1, 100, 1), ba(1, 0, 1), bu(2, 0, 1), ba(2, 0, 1));
    let again = bu(3, 0, 1);
    let run = |answer: MessageSpec| fired_in_exchange(&p, &[&reg, &reg_ok, &dereg, &dereg_ok, &again, &answer]);
    let f = run(ba(3, 0, 1));
    assert!(f[5].contains(&accepted) && !f[5].contains(&status), "{f:?}");
    let f = run(ba(3, 128, 1));
    assert!(f[5].contains(&status) && !f[5].contains(&accepted), "{f:?}");
    let f = run(ba(3, 133, 1));
    assert!(!f[5].contains(&status) && !f[5].contains(&accepted), "{f:?}");
    // The first de-registration named a BID the home agent held; nothing fires anywhere.
    let f = fired_in_exchange(&p, &[&reg, &reg_ok, &dereg, &dereg_ok]);
    assert!(f.iter().all(|r| !r.contains(&accepted) && !r.contains(&status)), "{f:?}");
    // Registered again in between: the BID is known again.
    let f = fired_in_exchange(&p, &[&reg, &reg_ok, &dereg, &dereg_ok, &bu(4, 100, 1), &ba(4, 0, 1), &again, &ba(3, 0, 1)]);
    assert!(!f[7].contains(&accepted), "{f:?}");
    // A BID never seen is not known to be unknown (the capture may have begun after it was
    // registered).
    assert!(!fired_in_exchange(&p, &[&again, &ba(3, 0, 1)])[1].contains(&accepted));
    // A BID answered MCOA BID CONFLICT (130) was registered all the same (§6.3: it replaces the
    // regular binding, Status 0): de-registering it is no unknown BID. Before, 130 counted as a
    // refusal and this fired.
    let conflict = |seq, id| {
        let mut s = ba(seq, 0, id);
        s.options[0].data = bid_status(id, 130, 0);
        s
    };
    let f = fired_in_exchange(&p, &[&reg, &reg_ok, &dereg, &dereg_ok, &bu(4, 100, 1), &conflict(4, 1), &again, &ba(3, 0, 1)]);
    assert!(f.iter().all(|r| !r.contains(&accepted) && !r.contains(&status)), "{f:?}");
    // A BID status of 129 still refuses it.
    let mut refused = ba(1, 0, 1);
    refused.options[0].data = bid_status(1, 129, 0);
    let f = fired_in_exchange(&p, &[&reg, &refused, &dereg, &dereg_ok, &again, &ba(3, 0, 1)]);
    assert!(!f[3].contains(&accepted), "{f:?}");
    // A de-registration whose BID has the H flag keeps the binding as a home binding (§6.3).
    let mut home = bu(2, 0, 1);
    home.options[0].data = bid(1, 0x20, false);
    let f = fired_in_exchange(&p, &[&reg, &reg_ok, &home, &dereg_ok, &again, &ba(3, 0, 1)]);
    assert!(!f[5].contains(&accepted), "{f:?}");
    // BID 4 deleted, then registered again in a bulk of four. The tracker's memo of the bulk
    // holds three BIDs; the BA copies all four (§4.2.2), and the fourth is learned from it.
    // Before, BID 4 stayed deleted and its de-registration was a false finding.
    let (reg4, reg4_ok, dereg4, dereg4_ok) = (bu(1, 100, 4), ba(1, 0, 4), bu(2, 0, 4), ba(2, 0, 4));
    let mut bulk = bu(3, 100, 1);
    bulk.options = (1..=4).map(|id| bulk_bid(&p, bid(id, 0, true))).collect();
    let mut bulk_ok = ba(3, 0, 1);
    bulk_ok.options = (1..=4).map(|id| bulk_bid(&p, bid_status(id, 0, 0))).collect();
    let f = fired_in_exchange(&p, &[&reg4, &reg4_ok, &dereg4, &dereg4_ok, &bulk, &bulk_ok, &bu(4, 0, 4), &ba(4, 0, 4)]);
    assert!(f.iter().all(|r| !r.contains(&accepted)), "{f:?}");
    // (Without the bulk, the same de-registration fires: the test can tell.)
    let f = fired_in_exchange(&p, &[&reg4, &reg4_ok, &dereg4, &dereg4_ok, &bu(4, 0, 4), &ba(4, 0, 4)]);
    assert!(f[5].contains(&accepted), "{f:?}");
}

#[test]
fn mcoa_brr_without_bid() {
    let p = draft();
    let rule = "check.mcoa.brr_without_bid";
    let (bu, ba) = (|seq, life, id| home_bid_bu(&p, seq, life, id), |seq, st, id| home_bid_ba(&p, seq, st, id));
    // The home agent's BRR to the home address.
    let brr = |opts: &[(&str, Option<Vec<u8>>)]| {
        let mut s = msg(&p, "brr", opts, &[]);
        (s.src, s.dst) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:1::100".parse().unwrap());
        s
    };
    let (plain, named) = (brr(&[]), brr(&[("bi", bid(1, 0, false))]));
    let (reg, reg_ok) = (bu(1, 100, 1), ba(1, 0, 1));
    assert!(fired_in_exchange(&p, &[&reg, &reg_ok, &plain])[2].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&reg, &reg_ok, &named])[2].contains(&rule));
    // No binding with a BID seen, or it was refused or deleted: nothing to name.
    assert!(!fired_in_exchange(&p, &[&plain])[0].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&reg, &ba(1, 129, 1), &plain])[2].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&reg, &reg_ok, &bu(2, 0, 1), &ba(2, 0, 1), &plain])[4].contains(&rule));
    // A BID answered MCOA BID CONFLICT (130) is a binding with a BID (§6.3): a BRR must name it.
    let mut conflict = ba(1, 0, 1);
    conflict.options[0].data = bid_status(1, 130, 0);
    assert!(fired_in_exchange(&p, &[&reg, &conflict, &plain])[2].contains(&rule));
}
