//! RFC 5648: Multiple Care-of Addresses Registration (its Binding Identifier layout, the `rfc`
//! profile's).

use super::common::*;

#[test]
fn rfc5648_bid_zero() {
    let p = rfc();
    breaks(
        &p,
        "check.rfc5648.bid_zero",
        msg(&p, "bu", &[("bi", bid(0, 0, false))], HOME_BU),
        msg(&p, "bu", &[("bi", bid(1, 0, false))], HOME_BU),
    );
}

#[test]
fn rfc5648_bid_h_not_home() {
    let p = rfc();
    // H is 0x80 of the flags octet in RFC 5648's layout.
    let cn = |flags| vec![("bi", bid(1, flags, false)), AUTH[0].clone(), AUTH[1].clone()];
    breaks(&p, "check.rfc5648.bid_h_not_home", msg(&p, "bu", &cn(0x80), &[]), msg(&p, "bu", &cn(0), &[]));
    // Towards the home agent it is what H is for.
    assert!(!fired(&p, &msg(&p, "bu", &[("bi", bid(1, 0x80, false))], HOME_BU)).contains(&"check.rfc5648.bid_h_not_home"));
    // The draft-03 layout's 0x80 is C, not H.
    assert!(!fired(&draft(), &msg(&draft(), "bu", &cn(0x80), &[])).contains(&"check.rfc5648.bid_h_not_home"));
}

/// RFC 5648 Binding Identifier data with an IPv4 care-of address (Length 8).
fn bid4(id: u16) -> Option<Vec<u8>> {
    Some(vec![(id >> 8) as u8, id as u8, 0, 0, 192, 0, 2, 7])
}

#[test]
fn rfc5648_cn_bid_ipv4_coa() {
    let p = rfc();
    let cn = |data| vec![("bi", data), AUTH[0].clone(), AUTH[1].clone()];
    breaks(&p, "check.rfc5648.cn_bid_ipv4_coa", msg(&p, "bu", &cn(bid4(1)), &[]), msg(&p, "bu", &cn(bid(1, 0, true)), &[]));
    // The home agent takes IPv4 care-of addresses.
    assert!(!fired(&p, &msg(&p, "bu", &[("bi", bid4(1))], HOME_BU)).contains(&"check.rfc5648.cn_bid_ipv4_coa"));
}
