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
