//! The `nemo-vmn-ro` scenario (seed 000) checked from its bytes: every packet dissects with no
//! expert item under both profiles once the capture has taught who the mobile router is; the
//! RO Request and Acknowledgement are recognised with the VCoA, the BRR carries M, H and the new
//! VCoA; every authenticator (RO Request/Ack with the MR's tokens, BU/BA with the
//! correspondent's) verifies with the tokens on the wire (Python's HMAC); the data crosses the
//! MR's tunnel; tshark 4.0 reads the same and warns about nothing.

mod scenario_common;

use craft::scenario::{emit_all, nemo_vmn_ro, Common, Role};
use dissect::prefs::Prefs;
use scenario_common::{dissect_clean, tshark_rows, verify_authenticators, Frames};

fn prefs(profile: &str) -> Prefs {
    Prefs::build(None, &[format!("profile={profile}")]).unwrap()
}

fn build(profile: &str, count: usize) -> (Prefs, Frames, Vec<craft::scenario::Step>) {
    let prefs = prefs(profile);
    let steps = nemo_vmn_ro::build(&nemo_vmn_ro::Params::default(), count, &prefs).unwrap();
    let frames = emit_all(&steps, &prefs).unwrap();
    (prefs, frames, steps)
}

#[test]
fn round_follows_seed_000() {
    for profile in ["rfc", "draft"] {
        let (prefs, frames, steps) = build(profile, nemo_vmn_ro::ROUND);
        let ds = dissect_clean(&frames, &prefs);
        let info: Vec<&str> = ds.iter().map(|d| d.cols.info.as_str()).collect();
        let p = nemo_vmn_ro::Params::default();
        // Who sends what to whom.
        use Role::*;
        let who: Vec<(Role, Role)> = steps.iter().map(|s| (s.from, s.to)).collect();
        #[rustfmt::skip]
        let want = [
            (MobileRouter, MobileRouterHa), (MobileRouterHa, MobileRouter),
            (MobileNode, HomeAgent), (HomeAgent, MobileNode),
            (MobileNode, MobileRouter), (MobileRouter, MobileNode), (MobileNode, MobileRouter), (MobileRouter, MobileNode),
            (MobileNode, MobileRouter), (MobileRouter, MobileNode),
            (MobileNode, HomeAgent), (HomeAgent, MobileNode),
            (MobileNode, CorrespondentNode), (CorrespondentNode, MobileNode),
            (MobileNode, CorrespondentNode), (CorrespondentNode, MobileNode),
            (MobileNode, CorrespondentNode), (CorrespondentNode, MobileNode),
            (CorrespondentNode, MobileRouter), (MobileRouter, MobileNode), (MobileNode, MobileRouter), (MobileRouter, CorrespondentNode),
            (MobileRouter, MobileRouterHa), (MobileRouterHa, MobileRouter),
            (MobileRouter, MobileNode), (MobileNode, MobileRouter), (MobileRouter, MobileNode),
            (MobileNode, HomeAgent), (HomeAgent, MobileNode),
            (MobileNode, CorrespondentNode), (CorrespondentNode, MobileNode),
            (MobileNode, CorrespondentNode), (CorrespondentNode, MobileNode),
        ];
        assert_eq!(who, want);
        // The RO messages are recognised (the MR learned from its NEMO BU) and grant the VCoAs.
        assert!(info[8].starts_with("RO Request: Binding Update"), "{}", info[8]);
        assert!(info[9].starts_with("RO Acknowledgement:") && info[9].ends_with(&format!("VCoA={}", p.vcoa)), "{}", info[9]);
        assert!(info[24].starts_with("Binding Refresh Request M H new VCoA=2001:db8:9::2"), "{}", info[24]);
        assert_eq!(steps[25].answers, Some(24), "the RO Request answers the BRR");
        assert!(info[25].starts_with("RO Request:") && info[26].ends_with(&format!("VCoA={}", p.vcoa2)), "{}", info[26]);
        // The VCoA's registrations carry BID 2 and leave from the VCoA in force.
        for (i, coa) in [(10, p.vcoa), (14, p.vcoa), (16, p.vcoa), (27, p.vcoa2), (29, p.vcoa2), (31, p.vcoa2)] {
            let m = &ds[i].facts.mh[0];
            assert_eq!(ds[i].facts.bids_of(m).iter().map(|b| b.bid).collect::<Vec<_>>(), [2], "frame {}", i + 1);
            assert_eq!(m.pkt.ip6.unwrap().0, coa.octets(), "frame {}", i + 1);
            assert_eq!(m.pkt.hao, Some(p.vmn_hoa.octets()));
        }
        // §4.2: the CoTIs (to the MR, and from the VCoA) carry the home address, their CoTs a
        // type 2 routing header.
        for (coti, cot) in [(6, 7), (14, 15)] {
            assert_eq!(ds[coti].facts.mh[0].mh_type, 2, "frame {}", coti + 1);
            assert_eq!(ds[coti].facts.mh[0].pkt.hao, Some(p.vmn_hoa.octets()), "frame {}", coti + 1);
            assert_eq!(ds[cot].facts.mh[0].mh_type, 4, "frame {}", cot + 1);
            assert_eq!(ds[cot].facts.mh[0].pkt.rh2, Some(p.vmn_hoa.octets()), "frame {}", cot + 1);
        }
        // Those CoTIs and the second VCoA's (frame 30), and nothing else, give the Note of seed
        // 000 §4.2 against RFC 6275 §6.1: the draft governs its exchange (profiles.md).
        let note = &dissect::analysis::rules::NEMO_RO_COTI_HAO_AGAINST_RFC6275.expert;
        let noted: Vec<usize> =
            ds.iter().enumerate().filter(|(_, d)| d.experts.iter().any(|e| std::ptr::eq(e.def, note))).map(|(i, _)| i).collect();
        assert_eq!(noted, [6, 14, 29], "{profile}");
        // Data: no Mobility Header; the tunnelled copies are the plain ones inside IPv6.
        assert!(ds[18..22].iter().all(|d| d.facts.mh.is_empty()));
        let (_, _, down) = &frames[18];
        let (_, _, tunnelled) = &frames[19];
        assert_eq!(&tunnelled[14 + 40..], &down[14..], "the MR tunnels the correspondent's packet as it came");
        let (_, _, up_tunnelled) = &frames[20];
        let (_, _, up) = &frames[21];
        assert_eq!(&up_tunnelled[14 + 40..], &up[14..]);
        assert_eq!(verify_authenticators(&frames, &ds), 8, "{profile}");
    }
}

#[test]
fn count_gives_fresh_numbers_and_seeds_repeat() {
    let (prefs, frames, steps) = build("rfc", 3 * nemo_vmn_ro::ROUND);
    assert_eq!(steps.len(), 99);
    for w in steps.windows(2) {
        assert!(w[0].at_ns < w[1].at_ns);
    }
    let ds = dissect_clean(&frames, &prefs);
    assert_eq!(verify_authenticators(&frames, &ds), 24);
    let (mut seqs, mut cookies) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    for (d, (_, _, b)) in ds.iter().zip(&frames) {
        let Some(m) = d.facts.mh.first() else { continue };
        let (body, src, dst) = (m.body as usize, m.pkt.ip6.unwrap().0, m.pkt.ip6.unwrap().1);
        match m.mh_type {
            5 => assert!(seqs.insert((src, dst, b[body], b[body + 1])), "sequence number reused"),
            1 | 2 => assert!(cookies.insert(b[body + 2..body + 10].to_vec()), "cookie reused"),
            _ => {}
        }
    }
    let (_, _, again) = build("rfc", 40);
    assert_eq!(again.len(), 40);
    assert_eq!(again[..], steps[..40]);
    let other = nemo_vmn_ro::build(
        &nemo_vmn_ro::Params { common: Common { seed: 9, ..Default::default() }, ..Default::default() },
        40,
        &prefs,
    )
    .unwrap();
    assert_ne!(other, again);
}

/// tshark 4.0 decodes every packet as the same message and raises no expert item; it shows
/// the VCoAs and the BRR's M and H bits where mipscope does.
#[test]
fn tshark_agrees() {
    for profile in ["rfc", "draft"] {
        let (prefs, frames, _) = build(profile, nemo_vmn_ro::ROUND);
        let ds = dissect_clean(&frames, &prefs);
        let rows = tshark_rows(
            &frames,
            "nemo",
            &["mip6.mhtype", "_ws.expert", "mip6.acoa.acoa", "mip6.binding_refresh_request", "udp.srcport"],
        );
        assert_eq!(rows.len(), frames.len());
        for (i, (r, d)) in rows.iter().zip(&ds).enumerate() {
            let mh = d.facts.mh.first().map(|m| m.mh_type.to_string()).unwrap_or_default();
            assert_eq!(r[0], mh, "{profile} frame {}", i + 1);
            assert_eq!(r[1], "", "{profile} frame {}: tshark warns", i + 1);
            let acoa = d.facts.mh.first().and_then(|m| m.alt_coa).map(|a| std::net::Ipv6Addr::from(a).to_string());
            assert_eq!(r[2], acoa.unwrap_or_default(), "{profile} frame {}", i + 1);
        }
        assert_eq!(rows[24][3], "c000", "BRR with M and H");
        assert!((18..22).all(|i| rows[i][4] == "5001"));
    }
}
