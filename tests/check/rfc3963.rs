//! RFC 3963: NEMO Basic Support.

use super::common::*;

#[test]
fn rfc3963_ba_r_without_bu_r() {
    let p = rfc();
    let rule = "check.rfc3963.ba_r_without_bu_r";
    let mr = ["mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.nemo.bu.r_flag=1"];
    let (plain, nemo) = (msg(&p, "bu", &[], HOME_BU), msg(&p, "bu", &[], &mr));
    let ba_r = answer(&p, &[], &["mip6.nemo.ba.r_flag=1"]);
    assert!(fired_in_exchange(&p, &[&plain, &ba_r])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&nemo, &ba_r])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&plain, &answer(&p, &[], &[])])[1].contains(&rule));
}
