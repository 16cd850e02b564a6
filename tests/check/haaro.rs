//! Seed 003 (draft-makela-mip4-nemo-haaro-00) and RFC 5944 (Mobile IPv4 registration).

use super::common::*;
use craft::build::Mip4Spec;
use std::net::Ipv4Addr;

/// A short-form extension: Type, Length, data.
fn ext(ty: u8, data: &[u8]) -> Vec<u8> {
    let mut e = vec![ty, data.len() as u8];
    e.extend_from_slice(data);
    e
}

const MR_COA: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 5);
const CR_HOA: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 20);

/// A Registration Request (home address 192.0.2.10) with these extensions, sealed with an
/// MN-HA when `mn_ha`.
fn rrq(exts: &[Vec<u8>], mn_ha: bool, sets: &[&str]) -> Mip4Spec {
    let mut s = Mip4Spec::new(1);
    s.sets = ["mip.homeaddr=192.0.2.10", "mip.haaddr=198.51.100.1", "mip.coa=203.0.113.5", "mip.life=1800"]
        .iter()
        .chain(sets)
        .map(|a| Assignment::parse(a).unwrap())
        .collect();
    s.extensions = exts.to_vec();
    if mn_ha {
        s.mn_ha = Some((256, b"mipscope".to_vec(), dissect::crypto::mip4::Algorithm::HmacMd5));
    }
    s
}

fn rrp(exts: &[Vec<u8>]) -> Mip4Spec {
    let mut s = Mip4Spec::new(3);
    s.extensions = exts.to_vec();
    s.mn_ha = Some((256, b"mipscope".to_vec(), dissect::crypto::mip4::Algorithm::HmacMd5));
    s
}

/// The catalogue rules each frame breaks, in order, with the capture state the earlier frames
/// taught and request/response tracking.
fn fired4(prefs: &Prefs, specs: &[&Mip4Spec]) -> Vec<Vec<&'static str>> {
    fired_in_frames(prefs, specs.iter().map(|s| build::build_mip4(s, prefs).unwrap()))
}

/// The reply to [`rrq`] (addresses reversed, the Identification copied).
fn answer(exts: &[Vec<u8>], mn_ha: bool, code: u8) -> Mip4Spec {
    let mut s = rrp(exts);
    (s.src, s.dst) = (Ipv4Addr::new(198, 51, 100, 1), Ipv4Addr::new(192, 0, 2, 10));
    s.sets = ["mip.homeaddr=192.0.2.10", "mip.haaddr=198.51.100.1", "mip.life=1800", &format!("mip.code={code}")]
        .iter()
        .map(|a| Assignment::parse(a).unwrap())
        .collect();
    if !mn_ha {
        s.mn_ha = None;
    }
    s
}

fn one(prefs: &Prefs, s: &Mip4Spec) -> Vec<&'static str> {
    fired4(prefs, &[s]).remove(0)
}

/// Seed 003 §4.1 prefix advertisement (draft layout): Sub-Type 1, flags, HoA, then the Prefix.
fn ropa(flags: u8, prefix: bool) -> Vec<u8> {
    let mut d = vec![1, flags];
    d.extend_from_slice(&CR_HOA.octets());
    if prefix {
        d.extend_from_slice(&[203, 0, 113, 0]);
    }
    ext(50, &d)
}

/// RFC 5177 Mobile Network Request: 198.51.100.128/25.
fn mnp() -> Vec<u8> {
    ext(148, &[0, 25, 198, 51, 100, 128])
}

/// Seed 003 §4.7 Mobile-Correspondent authentication (draft: type 120, 20-octet value).
fn mcauth() -> Vec<u8> {
    let mut d = vec![0, 3, 0, 4];
    d.extend_from_slice(&[0xaa; 20]);
    ext(120, &d)
}

#[test]
fn haaro_ropa_x_set() {
    let p = draft();
    let rule = "check.haaro.ropa_x_set";
    assert_eq!(one(&p, &rrp(&[ropa(0x98, true)])), [rule]);
    assert!(one(&p, &rrp(&[ropa(0x18, true)])).is_empty());
}

#[test]
fn haaro_ropa_h_with_prefix() {
    let p = draft();
    let rule = "check.haaro.ropa_h_with_prefix";
    assert_eq!(one(&p, &rrp(&[ropa(0x20, true)])), [rule]);
    // H with only a Realm after the HoA, and H clear with its Prefix, are right.
    let mut realm = vec![1, 0x20];
    realm.extend_from_slice(&CR_HOA.octets());
    realm.extend_from_slice(b"@example.com");
    assert!(one(&p, &rrp(&[ext(50, &realm)])).is_empty());
    assert!(one(&p, &rrp(&[ropa(0x18, true)])).is_empty());
}

#[test]
fn haaro_ropa_h_not_only() {
    let p = draft();
    let rule = "check.haaro.ropa_h_not_only";
    assert_eq!(one(&p, &rrp(&[ropa(0x18, true), ropa(0x20, false)])), [rule]);
    assert!(one(&p, &rrp(&[ropa(0x20, false)])).is_empty());
    // Several advertisements without H are what §4.1 expects ("one extension for each prefix").
    assert!(one(&p, &rrp(&[ropa(0x18, true), ropa(0x19, true)])).is_empty());
}

#[test]
fn haaro_rocap_s_without_hoa() {
    let p = draft();
    let rule = "check.haaro.rocap_s_without_hoa";
    assert_eq!(one(&p, &rrq(&[ext(153, &[1, 0x20])], true, &[])), [rule]);
    let mut with = vec![1, 0x20];
    with.extend_from_slice(&CR_HOA.octets());
    assert!(one(&p, &rrq(&[ext(153, &with)], true, &[])).is_empty());
    assert!(one(&p, &rrq(&[ext(153, &[1, 0xc0])], true, &[])).is_empty());
}

#[test]
fn haaro_mc_rrq_without_mnp_and_hoa() {
    let p = draft();
    // From the care-of address it gives (§3.3.3).
    let from_coa = |exts: &[Vec<u8>], sets: &[&str]| {
        let mut s = rrq(exts, false, sets);
        s.src = MR_COA;
        s
    };
    let good = from_coa(&[mnp(), mcauth()], &[]);
    assert!(one(&p, &good).is_empty(), "{:?}", one(&p, &good));
    assert_eq!(one(&p, &from_coa(&[mcauth()], &[])), ["check.haaro.mc_rrq_without_mnp"]);
    assert_eq!(one(&p, &from_coa(&[mnp(), mcauth()], &["mip.homeaddr=0.0.0.0"])), ["check.haaro.mc_rrq_without_hoa"]);
    // RFC 6521's layout (49, sub-type 2) is the same authentication.
    let mut a = vec![2, 0, 0, 3, 0, 4];
    a.extend_from_slice(&[0xbb; 16]);
    let r = rfc();
    assert_eq!(one(&r, &from_coa(&[ext(49, &a)], &[])), ["check.haaro.mc_rrq_without_mnp"]);
    assert!(one(&r, &from_coa(&[mnp(), ext(49, &a)], &[])).is_empty());
}

#[test]
fn haaro_cr_rrq_without_mcauth() {
    let p = rfc();
    let rule = "check.haaro.cr_rrq_without_mcauth";
    // RFC 6521 §5.9 Care-of Test (27): the correspondent router tests the care-of address.
    let mut cot = Mip4Spec::new(p.haaro_msg_cot);
    (cot.src, cot.dst) = (CR_HOA, MR_COA);
    cot.sets =
        vec![Assignment::parse("mip.cot.nindex=4").unwrap(), Assignment::parse("mip.cot.token=0x0102030405060708").unwrap()];
    let to_cr = |exts: &[Vec<u8>], mn_ha: bool| {
        let mut s = rrq(exts, mn_ha, &["mip.haaddr=198.51.100.20"]);
        (s.src, s.dst) = (MR_COA, CR_HOA);
        s
    };
    // With an MN-HA only (a home agent's authentication) after the test: the rule.
    assert_eq!(fired4(&p, &[&cot, &to_cr(&[mnp()], true)])[1], [rule]);
    let mut a = vec![2, 0, 0, 3, 0, 4];
    a.extend_from_slice(&[0xbb; 16]);
    assert!(fired4(&p, &[&cot, &to_cr(&[mnp(), ext(49, &a)], false)])[1].is_empty());
    // Without any authentication extension the one broken statement is seed 003's (RFC 5944
    // §3.5.2's MN-HA is not asked of a request to a correspondent router).
    assert_eq!(fired4(&p, &[&cot, &to_cr(&[mnp()], false)])[1], [rule]);
    // Without a Care-of Test from the destination it is a registration with a home agent.
    assert!(fired4(&p, &[&to_cr(&[mnp()], true)])[0].is_empty());
}

#[test]
fn rfc5944_rrq_without_mn_ha() {
    let p = rfc();
    let rule = "check.rfc5944.rrq_without_mn_ha";
    assert_eq!(one(&p, &rrq(&[], false, &[])), [rule]);
    assert!(one(&p, &rrq(&[], true, &[])).is_empty());
    // Exactly one: a second MN-HA breaks it too.
    let mut spi = 256u32.to_be_bytes().to_vec();
    spi.extend_from_slice(&[0; 16]);
    assert_eq!(one(&p, &rrq(&[ext(32, &spi)], true, &[])), [rule]);
    // RFC 4721's Mobile-AAA authentication (36, sub-type 1) stands in for it.
    let mut aaa = vec![36, 1, 0, 20];
    aaa.extend_from_slice(&256u32.to_be_bytes());
    aaa.extend_from_slice(&[0; 16]);
    assert!(one(&p, &rrq(&[aaa], false, &[])).is_empty());
}

#[test]
fn rfc5944_mn_fa_before_mn_ha() {
    let p = rfc();
    let rule = "check.rfc5944.mn_fa_before_mn_ha";
    let mut fa = 257u32.to_be_bytes().to_vec();
    fa.extend_from_slice(&[0; 16]);
    assert_eq!(one(&p, &rrq(&[ext(33, &fa)], true, &[])), [rule]);
    // The MN-HA first, the MN-FA after it: §3.6.1.3's order.
    let mut ha = 256u32.to_be_bytes().to_vec();
    ha.extend_from_slice(&[0; 16]);
    assert!(one(&p, &rrq(&[ext(32, &ha), ext(33, &fa)], false, &[])).is_empty());
}

#[test]
fn rfc5944_rrq_reserved() {
    let p = rfc();
    let rule = "check.rfc5944.rrq_reserved";
    assert_eq!(one(&p, &rrq(&[], true, &["mip.x=1"])), [rule]);
    assert_eq!(one(&p, &rrq(&[], true, &["mip.v=1"])), [rule]);
    assert!(one(&p, &rrq(&[], true, &["mip.t=1", "mip.s=1"])).is_empty());
}

#[test]
fn rfc5944_rrp_without_mn_ha() {
    let p = rfc();
    let rule = "check.rfc5944.rrp_without_mn_ha";
    let req = rrq(&[], true, &[]);
    assert_eq!(fired4(&p, &[&req, &answer(&[], true, 0)]), [Vec::<&str>::new(), vec![]]);
    assert_eq!(fired4(&p, &[&req, &answer(&[], false, 0)])[1], [rule]);
    // A foreign agent's denial (66: insufficient resources) has no MN-HA to carry; nor is a
    // reply judged whose request carried none (a correspondent router's, seed 003).
    assert!(fired4(&p, &[&req, &answer(&[], false, 66)])[1].is_empty());
    let mut a = vec![2, 0, 0, 3, 0, 4];
    a.extend_from_slice(&[0xbb; 16]);
    let cr_reply = answer(&[ext(49, &[3, 0, 192, 0, 2, 40])], false, 0);
    assert!(fired4(&p, &[&rrq(&[mnp(), ext(49, &a)], false, &[]), &cr_reply])[1].is_empty());
}

#[test]
fn haaro_ropa_not_requested() {
    let p = draft();
    let rule = "check.haaro.ropa_not_requested";
    let asked = rrq(&[ext(153, &[1, 0x40])], true, &[]);
    let plain = rrq(&[], true, &[]);
    let adv = answer(&[ropa(0x18, true)], true, 0);
    assert!(fired4(&p, &[&asked, &adv])[1].is_empty());
    assert_eq!(fired4(&p, &[&plain, &adv])[1], [rule]);
    // A only (advertise my networks) asks for nothing.
    assert_eq!(fired4(&p, &[&rrq(&[ext(153, &[1, 0x80])], true, &[]), &adv])[1], [rule]);
    assert!(fired4(&p, &[&plain, &answer(&[], true, 0)])[1].is_empty());
}

#[test]
fn haaro_extensions_in_their_message() {
    let p = draft();
    let mut coa = vec![0, 0];
    coa.extend_from_slice(&[192, 0, 2, 44]);
    let coa = ext(121, &coa);
    let rocap = ext(153, &[1, 0x80]);
    // Each where its section puts it, then in the other message.
    assert!(one(&p, &rrp(&[ropa(0x18, true), coa.clone()])).is_empty());
    assert!(one(&p, &rrq(std::slice::from_ref(&rocap), true, &[])).is_empty());
    assert_eq!(one(&p, &rrq(&[ropa(0x18, true)], true, &[])), ["check.haaro.ropa_in_request"]);
    assert_eq!(one(&p, &rrq(&[coa], true, &[])), ["check.haaro.coa_in_request"]);
    assert_eq!(one(&p, &rrp(&[rocap])), ["check.haaro.rocap_in_reply"]);
    // RFC 6521's layouts are the same extensions: its Care-of Address (49/3) in a request.
    let r = rfc();
    assert_eq!(one(&r, &rrq(&[ext(49, &[3, 0, 192, 0, 2, 44])], true, &[])), ["check.haaro.coa_in_request"]);
}

#[test]
fn haaro_mc_rrq_source_not_coa() {
    let p = draft();
    let rule = "check.haaro.mc_rrq_source_not_coa";
    // From the care-of address the request gives (203.0.113.5), to the correspondent router.
    let to_cr = |src: Ipv4Addr, exts: &[Vec<u8>]| {
        let mut s = rrq(exts, false, &["mip.haaddr=198.51.100.20"]);
        (s.src, s.dst) = (src, CR_HOA);
        s
    };
    assert!(one(&p, &to_cr(MR_COA, &[mnp(), mcauth()])).is_empty());
    assert_eq!(one(&p, &to_cr(Ipv4Addr::new(192, 0, 2, 10), &[mnp(), mcauth()])), [rule]);
    // RFC 3519 §3.1 UDP Tunnel Request (144: sub-type 0, reserved, encapsulation 4): the
    // router asked for UDP encapsulation, a NAT may have rewritten its source.
    let udp = ext(144, &[0, 0, 4, 0, 0, 0]);
    assert!(one(&p, &to_cr(Ipv4Addr::new(198, 51, 100, 99), &[udp, mnp(), mcauth()])).is_empty());
    // A registration with the home agent (no Mobile-Correspondent authentication) may come
    // through a foreign agent.
    assert!(one(&p, &rrq(&[], true, &[])).is_empty());
}

#[test]
fn haaro_cr_rrp_without_coa() {
    let p = draft();
    let rule = "check.haaro.cr_rrp_without_coa";
    let req = {
        let mut s = rrq(&[mnp(), mcauth()], false, &["mip.haaddr=198.51.100.20"]);
        (s.src, s.dst) = (MR_COA, CR_HOA);
        s
    };
    // The correspondent router's reply (no MN-HA: it holds no home key), from its home address.
    let reply = |exts: &[Vec<u8>], code: u8, life: &str| {
        let mut s = answer(exts, false, code);
        (s.src, s.dst) = (CR_HOA, MR_COA);
        s.sets = ["mip.homeaddr=192.0.2.10", "mip.haaddr=198.51.100.20", life, &format!("mip.code={code}")]
            .iter()
            .map(|a| Assignment::parse(a).unwrap())
            .collect();
        s
    };
    let coa = ext(121, &[0, 0, 192, 0, 2, 40]);
    assert_eq!(fired4(&p, &[&req, &reply(&[coa], 0, "mip.life=1800")]), [Vec::<&str>::new(), vec![]]);
    assert_eq!(fired4(&p, &[&req, &reply(&[], 0, "mip.life=1800")])[1], [rule]);
    // A refusal (129: administratively prohibited) and a de-registration's reply set up no tunnel.
    assert!(fired4(&p, &[&req, &reply(&[], 129, "mip.life=1800")])[1].is_empty());
    assert!(fired4(&p, &[&req, &reply(&[], 0, "mip.life=0")])[1].is_empty());
    // A home agent's reply to a request without the Mobile-Correspondent authentication.
    assert!(fired4(&p, &[&rrq(&[], true, &[]), &answer(&[], true, 0)])[1].is_empty());
    // RFC 6521's Care-of Address extension (49, sub-type 3) is the same extension.
    let r = rfc();
    let mut a = vec![2, 0, 0, 3, 0, 4];
    a.extend_from_slice(&[0xbb; 16]);
    let mut req6521 = rrq(&[mnp(), ext(49, &a)], false, &["mip.haaddr=198.51.100.20"]);
    (req6521.src, req6521.dst) = (MR_COA, CR_HOA);
    assert!(fired4(&r, &[&req6521, &reply(&[ext(49, &[3, 0, 192, 0, 2, 40])], 0, "mip.life=1800")])[1].is_empty());
    assert_eq!(fired4(&r, &[&req6521, &reply(&[], 0, "mip.life=1800")])[1], [rule]);
}

/// Seed 003 §4.5, §4.6: the correspondent router's Home Test (to the home address 192.0.2.10,
/// index 3) and Care-of Test (to the care-of address, index 4), then the registration citing
/// them in its Mobile-Correspondent authentication.
#[test]
fn haaro_mc_nonce_indices_from_the_tests() {
    let p = draft();
    let (hni, cni) = ("check.haaro.mc_hni_not_from_hot", "check.haaro.mc_cni_not_from_cot");
    let test = |ty: u8, dst: Ipv4Addr, name: &str, index: u16| {
        let mut s = Mip4Spec::new(ty);
        (s.src, s.dst) = (CR_HOA, dst);
        s.sets = vec![
            Assignment::parse(&format!("mip.{name}.nindex={index}")).unwrap(),
            Assignment::parse(&format!("mip.{name}.token=0x0102030405060708")).unwrap(),
        ];
        s
    };
    let hot = test(p.haaro_msg_hot, Ipv4Addr::new(192, 0, 2, 10), "hot", 3);
    let cot = test(p.haaro_msg_cot, MR_COA, "cot", 4);
    let to_cr = |h: u8, c: u8, life: &str| {
        let mut d = vec![0, h, 0, c];
        d.extend_from_slice(&[0xaa; 20]);
        let mut s = rrq(&[mnp(), ext(120, &d)], false, &["mip.haaddr=198.51.100.20", life]);
        (s.src, s.dst) = (MR_COA, CR_HOA);
        s
    };
    let live = "mip.life=1800";
    assert_eq!(fired4(&p, &[&hot, &cot, &to_cr(3, 4, live)])[2], Vec::<&str>::new());
    assert_eq!(fired4(&p, &[&hot, &cot, &to_cr(5, 4, live)])[2], [hni]);
    assert_eq!(fired4(&p, &[&hot, &cot, &to_cr(3, 9, live)])[2], [cni]);
    assert_eq!(fired4(&p, &[&hot, &cot, &to_cr(5, 9, live)])[2], [hni, cni]);
    // A de-registration's Care-of Nonce Index is ignored (§4.7).
    assert_eq!(fired4(&p, &[&hot, &cot, &to_cr(3, 9, "mip.life=0")])[2], Vec::<&str>::new());
    // An earlier test's index stays valid (§3.2.2: previous nonces are kept).
    let newer = test(p.haaro_msg_hot, Ipv4Addr::new(192, 0, 2, 10), "hot", 6);
    assert!(fired4(&p, &[&hot, &newer, &cot, &to_cr(3, 4, live)])[3].is_empty());
    // Without the tests in the capture, or with tests from another router, nothing is judged.
    assert!(fired4(&p, &[&to_cr(5, 9, live)])[0].is_empty());
    let mut other = cot.clone();
    other.src = Ipv4Addr::new(198, 51, 100, 99);
    assert!(fired4(&p, &[&other, &to_cr(3, 9, live)])[1].is_empty());
}

/// Seed 003 §3.3.3: the mobile router (home address 192.0.2.10) claims 198.51.100.128/25 in
/// its registration to the correspondent router; the home agent's reply to the router (the
/// update the router solicited) then advertises what lies behind 192.0.2.10; the router's
/// reply accepts or refuses.
#[test]
fn haaro_cr_accepts_unadvertised_prefix() {
    let p = draft();
    let rule = "check.haaro.cr_accepts_unadvertised_prefix";
    let req = {
        let mut s = rrq(&[mnp(), mcauth()], false, &["mip.haaddr=198.51.100.20"]);
        (s.src, s.dst) = (MR_COA, CR_HOA);
        s
    };
    // The home agent's reply to the correspondent router: prefix advertisements (draft layout:
    // Sub-Type 1, flags with PLen, the Mobile Router HoA 192.0.2.10, the Prefix).
    let update = |ads: &[(u8, [u8; 4])]| {
        let mut s = rrp(&[]);
        (s.src, s.dst) = (Ipv4Addr::new(198, 51, 100, 1), CR_HOA);
        s.sets = ["mip.homeaddr=198.51.100.20", "mip.haaddr=198.51.100.1", "mip.life=1800", "mip.code=0"]
            .iter()
            .map(|a| Assignment::parse(a).unwrap())
            .collect();
        s.extensions = ads
            .iter()
            .map(|&(flags, prefix)| {
                let mut d = vec![1, flags, 192, 0, 2, 10];
                if flags & 0x20 == 0 {
                    d.extend_from_slice(&prefix);
                }
                ext(50, &d)
            })
            .collect();
        s
    };
    let reply = |code: u8, life: &str| {
        let mut s = answer(&[ext(121, &[0, 0, 192, 0, 2, 40])], false, code);
        (s.src, s.dst) = (CR_HOA, MR_COA);
        s.sets = ["mip.homeaddr=192.0.2.10", "mip.haaddr=198.51.100.20", life, &format!("mip.code={code}")]
            .iter()
            .map(|a| Assignment::parse(a).unwrap())
            .collect();
        s
    };
    let live = "mip.life=1800";
    let elsewhere = update(&[(24, [203, 0, 113, 0])]);
    let covering = update(&[(24, [203, 0, 113, 0]), (24, [198, 51, 100, 0])]);
    let host = update(&[(0x20, [0; 4])]);
    let run = |frames: &[&Mip4Spec]| fired4(&p, frames).pop().unwrap();
    // Accepted though the update advertised 203.0.113.0/24 only, or a host route only.
    assert_eq!(run(&[&req, &elsewhere, &reply(0, live)]), [rule]);
    assert_eq!(run(&[&req, &host, &reply(1, live)]), [rule]);
    // The update advertised a prefix holding the claimed one: accepted rightly.
    assert!(run(&[&req, &covering, &reply(0, live)]).is_empty());
    // Refused (129: administratively prohibited), as §3.3.3 asks.
    assert!(run(&[&req, &elsewhere, &reply(129, live)]).is_empty());
    // No update after the request (only one before it): the router's policy decides, not judged;
    // nor a de-registration.
    assert!(run(&[&elsewhere, &req, &reply(0, live)]).is_empty());
    assert!(run(&[&req, &reply(0, live)]).is_empty());
    assert!(run(&[&req, &elsewhere, &reply(0, "mip.life=0")]).is_empty());
}
