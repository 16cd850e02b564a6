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

/// §7 also forbids the Home Address option in early and complete proxy BUs, which are told by
/// their P flag and options, not by the option's absence (it once made them unrecognisable, so
/// this never fired).
#[test]
fn pmipro_hao_in_early_and_complete_proxy_bu() {
    let p = rfc();
    let rule = "check.pmipro.hao_present";
    let flags = ["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"];
    let with_hao = |opts: &[(&str, Option<Vec<u8>>)], sets: &[&str]| {
        let mut s = msg(&p, "bu", opts, sets);
        s.hoa = Some("2001:db8:1::100".parse().unwrap());
        s
    };
    let early = [("coti", None), ("ni", None), ("bad", None)];
    let complete = [("cgar", None), ("sign", None), ("ni", None), ("bad", None)];
    breaks(&p, rule, with_hao(&early, &flags), msg(&p, "bu", &early, &flags));
    breaks(&p, rule, with_hao(&complete, &flags), msg(&p, "bu", &complete, &flags));
    // Without P it is a plain RFC 4866 BU with Care-of Test Init: not seed 004's.
    assert!(!fired(&p, &with_hao(&early, &["mip6.bu.a_flag=1"])).contains(&rule));
    // A home registration (H set) is not what §7's correspondent receives.
    assert!(!fired(&p, &with_hao(&early, &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1", "mip6.bu.h_flag=1"])).contains(&rule));
    // An RFC 5213 Proxy Binding Update with a Home Address option is RFC 5213's finding alone.
    let pbu = with_hao(&[("mnid", Some(b"\x01mn1@example.com".to_vec())), ("coti", None)], &flags);
    let got = fired(&p, &pbu);
    assert!(got.contains(&"check.rfc5213.pbu_hao") && !got.contains(&rule), "{got:?}");
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

/// Seed 004's proxy BUs and their BAs verify (`mip6.bad.auth.status`) from the tokens of the
/// capture: the Proxy HoT's temporary home keygen token (early and complete BU, §3.3, §3.5),
/// the early PBA's Care-of Test token, the complete PBA's permanent token (the de-registration,
/// home nonce index 0) and handover token (the next MAG's early and complete BUs, §3.4).
///
/// The authenticators were computed independently with Python's hashlib/hmac from the capture
/// bytes `craft scenario pmipv6-ro` writes (default parameters): home address = the Sec 0 CGA
/// of the CGA Parameters (prefix | SHA1(params)[:8] & 0x1c..), Kbm = SHA1(home token | care-of
/// token or 8 zero octets for an early BU), authenticator = HMAC_SHA1(Kbm, care-of address |
/// correspondent | MH with checksum zero and without the value)[:12]; e.g. frame 3 (early BU,
/// temporary token 9384ca3bc1f5bdcc from frame 2), frame 7 (de-registration, permanent token),
/// frame 9 (next MAG's early BU, handover token).
#[test]
fn pmipro_proxy_bu_authenticators() {
    let path = tmp("pmipv6-ro.pcapng");
    let out = mipscope(&["craft", "scenario", "pmipv6-ro", "-w", &path]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fields = |path: &str, extra: &[&str]| {
        let mut args = vec![
            "dissect",
            "-r",
            path,
            "-T",
            "fields",
            "-e",
            "frame.number",
            "-e",
            "mip6.bad.auth",
            "-e",
            "mip6.bad.auth.status",
        ];
        args.extend_from_slice(extra);
        let out = mipscope(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let rows = fields(&path, &[]);
    assert_eq!(rows.len(), 12);
    for r in &rows[2..] {
        assert_eq!(r[2], "good", "frame {}: {r:?}", r[0]);
    }
    // Python's values.
    let python = [(3, "522782e22785e016be76dea6"), (7, "bf710fb626d29313ed000145"), (9, "6e88c8c0225a11cfcac5b7e8")];
    for (n, hex) in python {
        assert_eq!(rows[n - 1][1].replace(':', ""), hex, "frame {n}");
    }

    // One bit of the early BU's authenticator changed: it no longer verifies.
    let mut bytes = std::fs::read(&path).unwrap();
    let value: Vec<u8> = (0..12).map(|i| u8::from_str_radix(&python[0].1[2 * i..2 * i + 2], 16).unwrap()).collect();
    let at = bytes.windows(12).position(|w| w == value.as_slice()).unwrap();
    bytes[at + 11] ^= 1;
    let flipped = tmp("pmipv6-ro-flipped.pcapng");
    std::fs::write(&flipped, &bytes).unwrap();
    let rows = fields(&flipped, &["-e", "mip6.bad.auth.calculated"]);
    assert_eq!(rows[2][2], "bad");
    assert_eq!(rows[2][3], python[0].1);
    // Its BA is checked with the Kbm of a BU that verified: none now.
    assert_eq!(rows[3][2], "unverified");

    // craft edit reseals a proxy BU it changes with the same derivation: the complete BU with
    // another lifetime still verifies (and its BA, whose Kbm the lifetime does not change).
    let edited = tmp("pmipv6-ro-edited.pcapng");
    let out =
        mipscope(&["craft", "edit", "-r", &path, "-Y", "frame.number == 5", "--set", "mip6.bu.lifetime=100", "-w", &edited]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = fields(&edited, &["-e", "mip6.bu.lifetime"]);
    assert_eq!((rows[4][2].as_str(), rows[4][3].as_str(), rows[5][2].as_str()), ("good", "100", "good"));
    assert_ne!(rows[4][1], fields(&path, &[])[4][1], "the authenticator changed with the lifetime");

    // Without the Proxy HoT and the first MAG's exchanges, the next MAG's BUs verify from the
    // handover token given in a keys file (as the draft sends it encrypted, a reader may only
    // have it so); without it, they are unverified.
    let tail = tmp("pmipv6-ro-next.pcapng");
    let out = mipscope(&["dissect", "-r", &path, "-Y", "frame.number >= 9", "-w", &tail]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(fields(&tail, &[]).iter().all(|r| r[2] == "unverified"));
    let hoa = fields(&path, &["-e", "ipv6.dst"])[1][3].clone();
    let handover = {
        let out = mipscope(&["dissect", "-r", &path, "-Y", "frame.number == 6", "-T", "fields", "-e", "mip6.hhkt.token"]);
        String::from_utf8(out.stdout).unwrap().trim().replace(':', "")
    };
    let keys = tmp("pmipv6-ro.keys");
    std::fs::write(&keys, format!("handover_token, 2001:db8:3::1, {hoa}, {handover}\n")).unwrap();
    let rows = fields(&tail, &["-o", &format!("mip6.keys_file:{keys}")]);
    assert!(rows.iter().all(|r| r[2] == "good"), "{rows:?}");
}

/// §4.3's rule is Figure 9's: a correspondent a proxy mobile agent serves, which the Proxy
/// HoT's Care-of Address shows; judged when that Proxy HoT arrives.
#[test]
fn pmipro_cot_before_hot() {
    let p = rfc();
    let (hoa, cn, mag, cn_pma) = ("2001:db8:1::100", "2001:db8:3::1", "2001:db8:a::1", "2001:db8:b::1");
    let mut photi = msg(&p, "proxy-home-test-init", &[], &[&format!("mip6.photi.coa={mag}")]);
    (photi.src, photi.dst) = (hoa.parse().unwrap(), cn.parse().unwrap());
    // The Proxy HoT of Figure 9: the care-of address the correspondent's PMA assigned it.
    let mut phot = msg(&p, "proxy-home-test", &[], &[&format!("mip6.phot.coa={cn_pma}")]);
    (phot.src, phot.dst) = (cn.parse().unwrap(), hoa.parse().unwrap());
    let ni = Some(vec![0, 7, 0, 0]);
    let mut early = msg(&p, "bu", &[("ni", ni), ("coti", None), ("bad", None)], &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"]);
    (early.src, early.dst) = (mag.parse().unwrap(), cn.parse().unwrap());
    let rule = "check.pmipro.cot_before_hot";
    // The early BU sent while the home test is open: the Proxy HoT shows the parallel test.
    let got = fired_in_exchange(&p, &[&photi, &early, &phot]);
    assert!(got[2].contains(&rule) && !got[1].contains(&rule), "{got:?}");
    // After the Proxy HoT (to the address it gave, or to the correspondent), nothing.
    let mut after = early.clone();
    after.dst = cn_pma.parse().unwrap();
    for bu in [&early, &after] {
        assert!(fired_in_exchange(&p, &[&photi, &phot, bu]).iter().all(|f| !f.contains(&rule)));
    }
    // §3's correspondent (a Proxy HoT without a care-of address, or with its own) runs the
    // care-of test concurrently: not judged (this fired on the early BU before §4.3's scope).
    for coa in ["::", cn] {
        let mut own = phot.clone();
        own.sets = vec![Assignment::parse(&format!("mip6.phot.coa={coa}")).unwrap()];
        assert!(fired_in_exchange(&p, &[&photi, &early, &own]).iter().all(|f| !f.contains(&rule)), "{coa}");
    }
    // A home test another MAG runs, or one to another correspondent, does not hold it back.
    let mut other = photi.clone();
    other.sets = vec![Assignment::parse("mip6.photi.coa=2001:db8:c::1").unwrap()];
    assert!(fired_in_exchange(&p, &[&other, &early, &phot]).iter().all(|f| !f.contains(&rule)));
    let mut elsewhere = early.clone();
    elsewhere.dst = "2001:db8:4::1".parse().unwrap();
    assert!(fired_in_exchange(&p, &[&photi, &elsewhere, &phot]).iter().all(|f| !f.contains(&rule)));
    // An early BU the correspondent already answered is no longer open: not seen.
    let mut pba = msg(&p, "ba", &[("cot", None)], &["mip6.ba.p_flag=1"]);
    (pba.src, pba.dst) = (cn.parse().unwrap(), mag.parse().unwrap());
    assert!(!fired_in_exchange(&p, &[&photi, &early, &pba, &phot])[3].contains(&rule));
}

/// The tokens and home addresses seed 004's exchanges teach cross batches: a thousand rounds
/// (mobile node after mobile node), on one thread and two, give the same output, every proxy
/// BU and BA good, and `check` finds nothing.
#[test]
fn pmipro_proxy_authenticators_across_batches_on_one_and_two_threads() {
    let f = tmp("pmipv6-ro-many.pcapng");
    let out = mipscope(&["craft", "scenario", "pmipv6-ro", "--count", "12000", "-w", &f]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = |args: &[&str], threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_mipscope")).args(args).env("MIPSCOPE_THREADS", threads).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let args = ["dissect", "-r", &f, "-T", "fields", "-e", "mip6.bad.auth.status"];
    let (one, two) = (run(&args, "1"), run(&args, "2"));
    assert!(one == two, "one and two threads differ");
    let one = String::from_utf8(one).unwrap();
    let statuses: Vec<&str> = one.lines().filter(|s| !s.is_empty()).collect();
    assert_eq!(statuses.len(), 10_000, "10 of every 12 packets are proxy BUs/BAs");
    assert!(statuses.iter().all(|s| *s == "good"));
    let text = String::from_utf8(run(&["check", "-r", &f], "2")).unwrap();
    assert!(text.contains("12000 frames checked against") && text.contains(": 0 findings (0 MUST-level)"), "{text}");
    std::fs::remove_file(f).ok();
}

const PROXY: &[&str] = &["mip6.bu.a_flag=1", "mip6.bu.p_flag=1"];
const PBA: &[&str] = &["mip6.ba.p_flag=1"];

/// An early (Care-of Test Init) or complete (CGA Parameters and Signature) proxy BU with
/// `auth` among its options.
fn proxy_bu(p: &Prefs, early: bool, auth: &[&str]) -> MessageSpec {
    let mut opts: Vec<(&str, Option<Vec<u8>>)> = Vec::new();
    if auth.contains(&"ni") {
        opts.push(("ni", None));
    }
    if early {
        opts.push(("coti", None));
    } else {
        opts.extend([("cgar", None), ("sign", None)]);
    }
    if auth.contains(&"bad") {
        opts.push(("bad", None));
    }
    msg(p, "bu", &opts, PROXY)
}

#[test]
fn pmipro_pbu_without_auth() {
    let p = rfc();
    let rule = "check.pmipro.pbu_without_auth";
    breaks(&p, rule, proxy_bu(&p, true, &["bad"]), proxy_bu(&p, true, &["ni", "bad"]));
    breaks(&p, rule, proxy_bu(&p, false, &[]), proxy_bu(&p, false, &["ni", "bad"]));
    // Nonce Indices without Binding Authorization Data is RFC 6275 §6.2.6's finding alone.
    let half = fired(&p, &proxy_bu(&p, true, &["ni"]));
    assert!(half.contains(&"check.rfc6275.nonce_without_bad") && !half.contains(&rule), "{half:?}");
    // A proxy BU that is neither early nor complete (an RFC 5213 registration) is not judged.
    assert!(!fired(&p, &msg(&p, "bu", &[], PROXY)).contains(&rule));
}

#[test]
fn pmipro_early_pba_without_cot() {
    let p = rfc();
    let rule = "check.pmipro.early_pba_without_cot";
    let early = proxy_bu(&p, true, &["ni", "bad"]);
    let got = fired_in_exchange(&p, &[&early, &answer(&p, &[("bad", None)], PBA)]);
    assert_eq!(got[1], [rule]);
    assert!(fired_in_exchange(&p, &[&early, &answer(&p, &[("cot", None), ("bad", None)], PBA)])[1].is_empty());
    // A refusal brings no token.
    let refused = answer(&p, &[("bad", None)], &["mip6.ba.p_flag=1", "mip6.ba.status=129"]);
    assert!(fired_in_exchange(&p, &[&early, &refused])[1].is_empty());
    // The complete BU's PBA brings no Care-of Test.
    let complete = proxy_bu(&p, false, &["ni", "bad"]);
    let tokens = [("phkt", None), ("hhkt", None), ("bad", None)];
    assert!(!fired_in_exchange(&p, &[&complete, &answer(&p, &tokens, PBA)])[1].contains(&rule));
}

#[test]
fn pmipro_complete_pba_without_tokens() {
    let p = rfc();
    let rule = "check.pmipro.complete_pba_without_tokens";
    let complete = proxy_bu(&p, false, &["ni", "bad"]);
    let pba = |opts: &[&str], sets: &[&str]| {
        let o: Vec<(&str, Option<Vec<u8>>)> = opts.iter().map(|n| (*n, None)).chain([("bad", None)]).collect();
        answer(&p, &o, sets)
    };
    assert!(fired_in_exchange(&p, &[&complete, &pba(&["phkt", "hhkt"], PBA)])[1].is_empty());
    for missing in [&["phkt"][..], &["hhkt"], &[]] {
        assert_eq!(fired_in_exchange(&p, &[&complete, &pba(missing, PBA)])[1], [rule], "with {missing:?}");
    }
    // Refused: no token.
    assert!(fired_in_exchange(&p, &[&complete, &pba(&[], &["mip6.ba.p_flag=1", "mip6.ba.status=128"])])[1].is_empty());
    // The early BU's PBA need not bring them (its Care-of Test is what §3.3 asks).
    let early = proxy_bu(&p, true, &["ni", "bad"]);
    assert!(!fired_in_exchange(&p, &[&early, &pba(&["cot"], PBA)])[1].contains(&rule));
}

#[test]
fn pmipro_complete_before_early() {
    let p = rfc();
    let rule = "check.pmipro.complete_before_early";
    let early = proxy_bu(&p, true, &["ni", "bad"]);
    let complete = proxy_bu(&p, false, &["ni", "bad"]);
    let pba = answer(&p, &[("cot", None), ("bad", None)], PBA);
    assert_eq!(fired_in_exchange(&p, &[&early, &complete])[1], [rule]);
    assert!(fired_in_exchange(&p, &[&early, &pba, &complete])[2].is_empty());
    // Without the early BU in the capture (it began later), nothing is guessed.
    assert!(fired_in_exchange(&p, &[&complete])[0].is_empty());
    // An early exchange from another care-of address, or to another correspondent, does not
    // hold it back.
    let mut other = early.clone();
    other.src = "2001:db8:c::1".parse().unwrap();
    assert!(fired_in_exchange(&p, &[&other, &complete])[1].is_empty());
    let mut elsewhere = early.clone();
    elsewhere.dst = "2001:db8:4::1".parse().unwrap();
    assert!(fired_in_exchange(&p, &[&elsewhere, &complete])[1].is_empty());
    // A refusal answers it too (what the PBA must bring is another rule's).
    let refused = answer(&p, &[("bad", None)], &["mip6.ba.p_flag=1", "mip6.ba.status=129"]);
    assert!(!fired_in_exchange(&p, &[&early, &refused, &complete])[2].contains(&rule));
}

/// With H set a proxy BU is a home registration (IPsec, RFC 6275 §5.1): seed 004's token rules
/// are not judged on it (the option showcase fixtures send such BUs).
#[test]
fn pmipro_home_registration_is_not_judged() {
    let p = rfc();
    let home = ["mip6.bu.a_flag=1", "mip6.bu.p_flag=1", "mip6.bu.h_flag=1"];
    let early = msg(&p, "bu", &[("coti", None)], &home);
    let complete = msg(&p, "bu", &[("cgar", None), ("sign", None)], &home);
    assert!(fired(&p, &early).is_empty() && fired(&p, &complete).is_empty());
    let got = fired_in_exchange(&p, &[&early, &complete, &answer(&p, &[], PBA)]);
    assert!(got.iter().all(Vec::is_empty), "{got:?}");
}

#[test]
fn pmipro_photi_not_from_home() {
    let p = rfc();
    let (hoa, cn, mag) = ("2001:db8:1::100", "2001:db8:3::1", "2001:db8:a::1");
    let photi = |src: &str| {
        let mut s = msg(&p, "proxy-home-test-init", &[], &[&format!("mip6.photi.coa={mag}")]);
        (s.src, s.dst) = (src.parse().unwrap(), cn.parse().unwrap());
        s
    };
    breaks(&p, "check.pmipro.photi_not_from_home", photi(mag), photi(hoa));
}

#[test]
fn pmipro_phot_not_to_home() {
    let p = rfc();
    let rule = "check.pmipro.phot_not_to_home";
    let (hoa, cn, mag) = ("2001:db8:1::100", "2001:db8:3::1", "2001:db8:a::1");
    let mut photi = msg(&p, "proxy-home-test-init", &[], &[&format!("mip6.photi.coa={mag}")]);
    (photi.src, photi.dst) = (hoa.parse().unwrap(), cn.parse().unwrap());
    let phot = |dst: &str| {
        let mut s = msg(&p, "proxy-home-test", &[], &[]);
        (s.src, s.dst) = (cn.parse().unwrap(), dst.parse().unwrap());
        s
    };
    assert_eq!(fired_in_exchange(&p, &[&photi, &phot(mag)])[1], [rule]);
    assert!(fired_in_exchange(&p, &[&photi, &phot(hoa)])[1].is_empty());
    // Without the Proxy HoTI nothing says the address is a care-of address.
    assert!(fired_in_exchange(&p, &[&phot(mag)])[0].is_empty());
    // Once answered, the home test no longer names it.
    assert!(fired_in_exchange(&p, &[&photi, &phot(hoa), &phot(mag)])[2].is_empty());
}

/// Seed 004 §3.3: the correspondent's PBA brought the permanent and handover home keygen tokens
/// (8 octets, as a reader with the PMA's key sees them) for the home address; the next MAG's
/// early proxy BU authorised with the handover token (home nonce index 0, Kbm = SHA1(handover
/// token | 8 zero octets)) carries CGA Parameters and Signature. One authorised with the
/// permanent token needs none ("No CGA parameters and signature are required"), nor is one
/// judged whose authenticator no token verifies.
#[test]
fn pmipro_handover_early_without_cga() {
    let p = rfc();
    let rule = "check.pmipro.handover_early_without_cga";
    let (hoa, cn, mag2) = ("2001:db8:1::100", "2001:db8:3::1", "2001:db8:c::1");
    let (permanent, handover) = ([0x11u8; 8], [0x22u8; 8]);
    let mut pba = msg(&p, "ba", &[("phkt", Some(permanent.to_vec())), ("hhkt", Some(handover.to_vec()))], PBA);
    (pba.src, pba.dst, pba.rh2) = (cn.parse().unwrap(), "2001:db8:a::1".parse().unwrap(), Some(hoa.parse().unwrap()));
    let early = |token: [u8; 8], cga: bool| {
        let mut opts: Vec<(&str, Option<Vec<u8>>)> = vec![("ni", Some(vec![0, 0, 0, 0])), ("coti", None)];
        if cga {
            opts.extend([("cgar", Some(vec![0x5a; 29])), ("sign", Some(vec![0xa5; 16]))]);
        }
        opts.push(("bad", None));
        let mut s = msg(&p, "bu", &opts, PROXY);
        (s.src, s.dst) = (mag2.parse().unwrap(), cn.parse().unwrap());
        s.kbm = Some(dissect::crypto::rr::kbm(dissect::crypto::rr::KbmInput::EarlyProxy { home: token }));
        s
    };
    assert!(fired_in_exchange(&p, &[&pba, &early(handover, false)])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&pba, &early(handover, true)])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&pba, &early(permanent, false)])[1].contains(&rule));
    assert!(!fired_in_exchange(&p, &[&pba, &early([0x33; 8], false)])[1].contains(&rule));
    // Without the PBA the tokens are unknown: not judged.
    assert!(!fired_in_exchange(&p, &[&early(handover, false)])[0].contains(&rule));
}

/// Seed 004 §7: after the complete proxy BU from the MAG (CGA Parameters naming the home
/// address) the correspondent's data to the mobile node goes to the MAG's care-of address under
/// a type 2 routing header naming the home address; to any other destination it breaks the
/// rule. A home address no proxy BU registered, and Mobility Header messages, are not judged.
#[test]
fn pmipro_cn_rh2_not_to_pma() {
    use craft::packet::Ipv6Packet;
    use dissect::ipv4::Udp;
    use dissect::model::Auto;
    use dissect::stack::Layer;
    use std::net::Ipv6Addr;
    let p = rfc();
    let rule = "check.pmipro.cn_rh2_not_to_pma";
    let (cn, mag): (Ipv6Addr, Ipv6Addr) = ("2001:db8:3::1".parse().unwrap(), "2001:db8:a::1".parse().unwrap());
    // CGA Parameters: modifier (16), subnet prefix 2001:db8:1::/64 (8), collision count, key.
    let mut params = vec![0x5a; 16];
    params.extend_from_slice(&"2001:db8:1::".parse::<Ipv6Addr>().unwrap().octets()[..8]);
    params.push(0);
    params.extend_from_slice(&[0xa5; 12]);
    let home = Ipv6Addr::from(dissect::crypto::cga::address(&params).unwrap());
    let mut complete =
        msg(&p, "bu", &[("ni", None), ("cgar", Some(params.clone())), ("sign", Some(vec![0x77; 16])), ("bad", None)], PROXY);
    (complete.src, complete.dst, complete.kbm) = (mag, cn, Some([9; 20]));
    let data = |dst: Ipv6Addr, hoa: Ipv6Addr| {
        let udp = Layer::Udp(Udp { src_port: 4000, dst_port: 4000, length: Auto::Computed, checksum: Auto::Computed });
        let f = Ipv6Packet::new(cn, dst).type2(hoa).carrying([udp, Layer::Data(b"route-optimised data".to_vec())]);
        (dissect::link::linktype::ETHERNET, f.emit(&p).unwrap())
    };
    let bu = || build::build(&complete, &p).unwrap();
    let run = |frames: Vec<(u32, Vec<u8>)>| fired_in_frames(&p, frames.into_iter()).pop().unwrap();
    assert!(run(vec![bu(), data(mag, home)]).is_empty());
    assert_eq!(run(vec![bu(), data("2001:db8:c::1".parse().unwrap(), home)]), [rule]);
    // Another home address, or no proxy BU before: not judged.
    assert!(run(vec![bu(), data("2001:db8:c::1".parse().unwrap(), "2001:db8:1::100".parse().unwrap())]).is_empty());
    assert!(run(vec![data("2001:db8:c::1".parse().unwrap(), home)]).is_empty());
}

/// Seed 004 §7: after the complete proxy BU from the MAG (CGA Parameters naming the home
/// address) the MAG's route-optimised data reaches the correspondent tunnelled from the MAG's
/// care-of address; from another outer source it breaks the rule. A tunnel to another node (a
/// MAG's to its LMA), a home address no proxy BU registered, or no BU before: not judged.
#[test]
fn pmipro_cn_tunnel_not_from_pma() {
    use craft::packet::Ipv6Packet;
    use std::net::Ipv6Addr;
    let p = rfc();
    let rule = "check.pmipro.cn_tunnel_not_from_pma";
    let (cn, mag, other): (Ipv6Addr, Ipv6Addr, Ipv6Addr) =
        ("2001:db8:3::1".parse().unwrap(), "2001:db8:a::1".parse().unwrap(), "2001:db8:c::1".parse().unwrap());
    let mut params = vec![0x5a; 16];
    params.extend_from_slice(&"2001:db8:1::".parse::<Ipv6Addr>().unwrap().octets()[..8]);
    params.push(0);
    params.extend_from_slice(&[0xa5; 12]);
    let home = Ipv6Addr::from(dissect::crypto::cga::address(&params).unwrap());
    let mut complete =
        msg(&p, "bu", &[("ni", None), ("cgar", Some(params.clone())), ("sign", Some(vec![0x77; 16])), ("bad", None)], PROXY);
    (complete.src, complete.dst, complete.kbm) = (mag, cn, Some([9; 20]));
    let bu = || build::build(&complete, &p).unwrap();
    let data = |src: Ipv6Addr, dst: Ipv6Addr, from: Ipv6Addr| tunnelled(&p, src, dst, Ipv6Packet::new(from, cn));
    let run = |frames: Vec<(u32, Vec<u8>)>| fired_in_frames(&p, frames.into_iter()).pop().unwrap();
    assert!(run(vec![bu(), data(mag, cn, home)]).is_empty());
    assert_eq!(run(vec![bu(), data(other, cn, home)]), [rule]);
    assert!(run(vec![bu(), data(mag, other, home)]).is_empty());
    assert!(run(vec![bu(), data(other, cn, "2001:db8:1::100".parse().unwrap())]).is_empty());
    assert!(run(vec![data(other, cn, home)]).is_empty());
}
