//! Seed 000: NEMO VMN route optimisation.

use super::common::*;

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
        let mut s = msg(&p, "ba", opts, &[]);
        (s.src, s.dst) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:2::100".parse().unwrap());
        s.rh2 = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    breaks(&p, "check.nemo_ro.ack_without_acoa", ack(&[]), ack(&[("acoa", None)]));
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
