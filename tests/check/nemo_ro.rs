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
