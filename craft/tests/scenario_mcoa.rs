//! The `mcoa` scenario (seed 002 / RFC 5648) checked from its bytes under both profiles:
//! every packet dissects with no expert item, the Binding Identifiers are where §4-§6 put them
//! (per-CoA with Length 4, bulk with C and the care-of address in Length 20, O on bootstrap and
//! bulk, H when returning home, copied into every BA and CoT), every authenticator verifies
//! with the tokens on the wire (Python's HMAC), and tshark 4.0 raises no warning.

mod scenario_common;

use craft::scenario::{emit_all, mcoa, Common, Role};
use dissect::prefs::{BidLayout, Prefs};
use scenario_common::{dissect_clean, tshark_rows, verify_authenticators};

fn prefs(profile: &str) -> Prefs {
    Prefs::build(None, &[format!("profile={profile}")]).unwrap()
}

/// A frame's MH type and its BIDs as (id, flags octet, Length).
type Shape = (u8, Vec<(u16, u8, u16)>);

/// Each frame's [`Shape`] in a round.
fn shape(profile: &str) -> Vec<Shape> {
    let prefs = prefs(profile);
    let steps = mcoa::build(&mcoa::Params::default(), mcoa::ROUND, &prefs).unwrap();
    let frames = emit_all(&steps, &prefs).unwrap();
    let ds = dissect_clean(&frames, &prefs);
    ds.iter()
        .map(|d| {
            let m = &d.facts.mh[0];
            (m.mh_type, d.facts.bids_of(m).iter().map(|b| (b.bid, b.flags, b.len)).collect())
        })
        .collect()
}

#[test]
fn draft_round_follows_seed_002() {
    let (c, o, h) = (0x80, 0x40, 0x20);
    let bulk = vec![(1, c | o, 20), (2, c | o, 20), (3, c | o, 20)];
    let want: Vec<Shape> = vec![
        // 1: per-CoA home registrations, O on the first (§5.11).
        (5, vec![(1, o, 4)]),
        (6, vec![(1, o, 4)]),
        (5, vec![(2, 0, 4)]),
        (6, vec![(2, 0, 4)]),
        (5, vec![(3, 0, 4)]),
        (6, vec![(3, 0, 4)]),
        // 2: bulk registration (§5.4).
        (5, bulk.clone()),
        (6, bulk),
        // 3: HoTI/HoT, then CoTI/CoT per address with its BID (§5.2).
        (1, vec![]),
        (3, vec![]),
        (2, vec![(1, 0, 4)]),
        (4, vec![(1, 0, 4)]),
        (2, vec![(2, 0, 4)]),
        (4, vec![(2, 0, 4)]),
        (2, vec![(3, 0, 4)]),
        (4, vec![(3, 0, 4)]),
        // 4: correspondent registrations.
        (5, vec![(1, 0, 4)]),
        (6, vec![(1, 0, 4)]),
        (5, vec![(2, 0, 4)]),
        (6, vec![(2, 0, 4)]),
        (5, vec![(3, 0, 4)]),
        (6, vec![(3, 0, 4)]),
        // 5: BID 3 de-registered at the home agent and the correspondent (§5.5).
        (5, vec![(3, 0, 4)]),
        (6, vec![(3, 0, 4)]),
        (5, vec![(3, 0, 4)]),
        (6, vec![(3, 0, 4)]),
        // 6: home binding with H, then what is left de-registered, C without the care-of
        // addresses (§5.6, §5.5).
        (5, vec![(1, h, 4)]),
        (6, vec![(1, h, 4)]),
        (5, vec![(1, c, 4), (2, c, 4)]),
        (6, vec![(1, c, 4), (2, c, 4)]),
    ];
    assert_eq!(shape("draft"), want);
}

#[test]
fn rfc_round_is_the_same_exchange_in_rfc_5648_layout() {
    // No C or O: the bulk BIDs are those carrying a care-of address; RFC 5648's H is 0x80.
    let draft = shape("draft");
    let rfc = shape("rfc");
    assert_eq!(rfc.len(), draft.len());
    for (i, ((tr, br), (td, bd))) in rfc.iter().zip(&draft).enumerate() {
        assert_eq!(tr, td, "frame {}", i + 1);
        let want: Vec<(u16, u8, u16)> = bd.iter().map(|&(id, f, len)| (id, if f & 0x20 != 0 { 0x80 } else { 0 }, len)).collect();
        assert_eq!(br, &want, "frame {}", i + 1);
    }
}

#[test]
fn addresses_times_and_authenticators() {
    for profile in ["rfc", "draft"] {
        let prefs = prefs(profile);
        assert_eq!(prefs.mcoa_layout, if profile == "rfc" { BidLayout::Rfc5648 } else { BidLayout::Draft03 });
        let p = mcoa::Params::default();
        let steps = mcoa::build(&p, 2 * mcoa::ROUND, &prefs).unwrap();
        for (i, s) in steps.iter().enumerate() {
            if i > 0 {
                assert!(s.at_ns > steps[i - 1].at_ns);
            }
            if let Some(r) = s.answers {
                assert_eq!((steps[r].from, steps[r].to), (s.to, s.from), "step {i}");
                assert_ne!(s.from, Role::MobileNode);
            }
        }
        let frames = emit_all(&steps, &prefs).unwrap();
        let ds = dissect_clean(&frames, &prefs);
        // Each care-of address's registrations leave from it (the Home Address option carries
        // the home address); the correspondent's are authorized: 2 rounds × (3 BU/BA + 1).
        for d in &ds {
            let m = &d.facts.mh[0];
            let (src, _) = m.pkt.ip6.unwrap();
            if m.mh_type == 2 {
                let bid = d.facts.bids_of(m)[0].bid as usize;
                assert_eq!(src, p.coas[bid - 1].octets());
            }
        }
        assert_eq!(verify_authenticators(&frames, &ds), 2 * 2 * 4, "{profile}");
    }
}

#[test]
fn count_gives_fresh_numbers_and_seeds_repeat() {
    let prefs = prefs("rfc");
    let p = mcoa::Params::default();
    let a = mcoa::build(&p, 2 * mcoa::ROUND + 5, &prefs).unwrap();
    assert_eq!(a.len(), 2 * mcoa::ROUND + 5);
    assert_eq!(a, mcoa::build(&p, 2 * mcoa::ROUND + 5, &prefs).unwrap());
    assert_ne!(
        a,
        mcoa::build(&mcoa::Params { common: Common { seed: 2, ..p.common }, ..p.clone() }, 2 * mcoa::ROUND + 5, &prefs).unwrap()
    );
    // Every BU of the run has its own sequence number towards its peer, and cookies never repeat.
    let frames = emit_all(&a, &prefs).unwrap();
    let ds = dissect_clean(&frames[..2 * mcoa::ROUND].to_vec(), &prefs);
    let (mut seqs, mut cookies) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    for (d, (_, _, b)) in ds.iter().zip(&frames) {
        let m = &d.facts.mh[0];
        let (body, dst) = (m.body as usize, m.pkt.ip6.unwrap().1);
        match m.mh_type {
            5 => assert!(seqs.insert((dst, b[body], b[body + 1])), "sequence number reused"),
            1 | 2 => assert!(cookies.insert(b[body + 2..body + 10].to_vec()), "cookie reused"),
            _ => {}
        }
    }
    // More care-of addresses make a longer round.
    let five: Vec<std::net::Ipv6Addr> = (2..7).map(|n| format!("2001:db8:{n}::100").parse().unwrap()).collect();
    let p5 = mcoa::Params { coas: five, ..p };
    let steps = mcoa::build(&p5, mcoa::round_len(5), &prefs).unwrap();
    dissect_clean(&emit_all(&steps, &prefs).unwrap(), &prefs);
}

/// tshark 4.0 reads the same messages and Binding Identifiers and warns about nothing.
#[test]
fn tshark_agrees() {
    for profile in ["rfc", "draft"] {
        let prefs = prefs(profile);
        let steps = mcoa::build(&mcoa::Params::default(), mcoa::ROUND, &prefs).unwrap();
        let frames = emit_all(&steps, &prefs).unwrap();
        let ds = dissect_clean(&frames, &prefs);
        let rows = tshark_rows(&frames, "mcoa", &["mip6.mhtype", "_ws.expert", "mip6.bi.bid", "mip6.bi.coa_ipv6"]);
        assert_eq!(rows.len(), frames.len());
        for (i, (r, d)) in rows.iter().zip(&ds).enumerate() {
            let m = &d.facts.mh[0];
            assert_eq!(r[0], m.mh_type.to_string(), "{profile} frame {}", i + 1);
            assert_eq!(r[1], "", "{profile} frame {}: tshark warns", i + 1);
            let bids: Vec<String> = d.facts.bids_of(m).iter().map(|b| b.bid.to_string()).collect();
            assert_eq!(r[2], bids.join(","), "{profile} frame {}", i + 1);
        }
        // The bulk registration's care-of addresses, in BID order.
        assert_eq!(rows[6][3], "2001:db8:2::100,2001:db8:3::100,2001:db8:4::100");
    }
}
