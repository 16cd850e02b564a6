//! Field identity by registry entry (issue 12 item 5): every node of every fixture, under both
//! profiles, is a row of the registry under its own name, and asking for that name alone (as
//! `-T fields -e NAME` and filters do) finds exactly the same values as the full tree shows.

use dissect::capture::for_each_packet;
use dissect::prefs::{Prefs, Profile};
use dissect::registry::{self, Entry};
use dissect::tree::{CaptureState, Dissection, Want};
use std::collections::BTreeSet;
mod common;
use common::fixture_files as fixtures;

/// The `-T fields` cell of `entry` in a dissection.
fn cell(d: &Dissection, data: &[u8], entry: &Entry) -> String {
    let mut s = String::new();
    for n in d.nodes.iter().filter(|n| entry.matches(n.def)) {
        s.push('|');
        dissect::output::write_field_value(&mut s, d, data, n);
    }
    s
}

#[test]
fn every_node_is_found_by_its_name() {
    let mut names_seen = BTreeSet::new();
    let mut frames = 0u64;
    for file in fixtures() {
        for profile in [Profile::Rfc, Profile::Draft] {
            let prefs = Prefs::with_profile(profile);
            let mut full = Dissection::default();
            let mut only = Dissection::default();
            let mut state_full = CaptureState::default();
            let mut state_only = CaptureState::default();
            let _ = for_each_packet(std::fs::File::open(&file).unwrap(), |meta, data| {
                frames += 1;
                dissect::dissect_frame_in(&mut state_full, &mut full, data, meta, &prefs);
                let mut entries: Vec<&'static Entry> = Vec::new();
                for n in &full.nodes {
                    let e = registry::entry(n.def.abbrev)
                        .unwrap_or_else(|| panic!("{}: {} is not in the registry", file.display(), n.def.abbrev));
                    assert!(
                        e.matches(n.def),
                        "{} frame {}: a row named {} that the registry does not list (profile {})",
                        file.display(),
                        meta.number,
                        n.def.abbrev,
                        profile.name()
                    );
                    if !entries.iter().any(|x| x.id == e.id) {
                        entries.push(e);
                    }
                    names_seen.insert(e.abbrev);
                }
                // One field at a time, as `-T fields -e NAME` asks for it.
                for e in entries {
                    let want: Vec<_> = e.members().collect();
                    dissect::dissect_frame_want(&state_only, Want::Fields(&want), &mut only, data, meta, &prefs);
                    assert_eq!(
                        cell(&only, data, e),
                        cell(&full, data, e),
                        "{} frame {} profile {}: -e {} differs from the tree",
                        file.display(),
                        meta.number,
                        profile.name(),
                        e.abbrev
                    );
                }
                dissect::dissect_frame_in(&mut state_only, &mut only, data, meta, &prefs);
                true
            });
        }
    }
    assert!(frames > 500, "only {frames} frames dissected");
    // The names the issue found broken, and the profile variants, are among them.
    for n in ["mip6.bi.status", "mip6.bi.h_flag", "mip6.bi.c_flag", "mip6.hnp.pfl", "mip6.cot.token"] {
        assert!(names_seen.contains(n), "{n} never appeared in a fixture");
    }
}

#[test]
fn aliases_find_the_other_fields_values() {
    // tshark files the PMIPv6 Home Network Prefix under the NEMO MNP names and the Care-of
    // keygen token under mip6.hot.token; those names reach our rows too.
    for (alias, row) in
        [("mip6.nemo.mnp.pfl", "mip6.hnp.pfl"), ("mip6.nemo.mnp.mnp", "mip6.hnp.prefix"), ("mip6.hot.token", "mip6.cot.token")]
    {
        let e = registry::entry(alias).unwrap();
        let r = registry::lookup(row).unwrap();
        assert!(e.matches(r), "{alias} does not find {row}");
        assert!(!registry::entry(row).unwrap().matches(registry::lookup(alias).unwrap()), "aliases go one way");
    }
}
