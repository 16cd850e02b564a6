//! Seed 004: PMIPv6 route optimisation.

use super::common::*;

#[test]
fn pmipro_hhkt_not_in_ba() {
    let p = draft();
    breaks(&p, "check.pmipro.hhkt_not_in_ba", msg(&p, "bu", &[("hhkt", None)], HOME_BU), msg(&p, "ba", &[("hhkt", None)], &[]));
}

#[test]
fn pmipro_hao_present() {
    let p = draft();
    let mut bad = msg(&p, "proxy-home-test-init", &[], &[]);
    bad.hoa = Some("2001:db8:1::100".parse().unwrap());
    breaks(&p, "check.pmipro.hao_present", bad, msg(&p, "proxy-home-test-init", &[], &[]));
}

#[test]
fn pmipro_pbu_ipv4_hoa() {
    let p = rfc();
    let early = ["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"];
    breaks(
        &p,
        "check.pmipro.pbu_ipv4_hoa",
        msg(&p, "bu", &[("coti", None), ("ipv4ha", None), ("bad", None)], &early),
        msg(&p, "bu", &[("coti", None), ("bad", None)], &early),
    );
}
