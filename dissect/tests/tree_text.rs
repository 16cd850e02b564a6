//! The `-V` tree copies whole Ethernet and IPv6 subtrees it wrote before (`output::subtree`):
//! the text must be what writing every line gives, on every fixture under both profiles (the
//! frames of a capture repeat their headers, so most subtrees come from the copy), and on
//! frames whose headers are mutated at random (other octets under the same shape, the same
//! octets after other frames), on Ethernet and raw IPv6, whole or cut short.

use dissect::capture::for_each_packet;
use dissect::frame::FrameMeta;
use dissect::prefs::{Prefs, Profile};
use dissect::tree::{CaptureState, Dissection};
use proptest::prelude::*;
mod common;

fn both(d: &Dissection, data: &[u8]) -> (String, String) {
    let (mut whole, mut lines) = (String::new(), String::new());
    dissect::output::write_tree(&mut whole, d, data);
    dissect::output::write_tree_by_line(&mut lines, d, data);
    (whole, lines)
}

#[test]
fn subtrees_copied_equal_lines_written_on_every_fixture() {
    let mut frames = 0u64;
    for file in common::fixture_files() {
        for profile in [Profile::Rfc, Profile::Draft] {
            let prefs = Prefs::with_profile(profile);
            let mut d = Dissection::default();
            let mut state = CaptureState::default();
            // Twice over, so that every subtree of the second pass was written in the first.
            for _ in 0..2 {
                let _ = for_each_packet(std::fs::File::open(&file).unwrap(), |meta, data| {
                    frames += 1;
                    dissect::dissect_frame_in(&mut state, &mut d, data, meta, &prefs);
                    let (whole, lines) = both(&d, data);
                    assert_eq!(whole, lines, "{} frame {} profile {}", file.display(), meta.number, profile.name());
                    true
                });
            }
        }
    }
    assert!(frames > 1000, "{frames} frames");
}

/// An Ethernet frame carrying IPv6 with a Destination Options header (padding only: an option
/// with text of its own is never copied) and a Mobility Header Binding Update.
fn base_frame() -> Vec<u8> {
    let mut dst = common::hex("8700010400000000");
    dst.extend_from_slice(&common::hex("3b010500d5e80001a000001001020000"));
    let ip = common::ipv6("2001:db8:5::3", "2001:db8:1::100", 60, &dst);
    let mut f = common::hex("02000000000102000000000286dd");
    f.extend_from_slice(&ip);
    f
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Each frame: Ethernet or raw IPv6 (the IPv6 root at offset 0), a few octets changed, and
    /// perhaps cut short of its wire length (a snapped capture).
    #[test]
    fn subtrees_copied_equal_lines_written_on_mutated_headers(
        frames in proptest::collection::vec(
            (any::<bool>(), proptest::collection::vec((0usize..70, any::<u8>()), 0..3), prop_oneof![Just(0usize), 1usize..40]),
            1..12,
        ),
    ) {
        let prefs = Prefs::default();
        let mut d = Dissection::default();
        let state = CaptureState::default();
        for (i, (raw, edits, cut)) in frames.iter().enumerate() {
            let mut f = base_frame();
            if *raw {
                f.drain(..14);
            }
            for &(at, v) in edits {
                if let Some(b) = f.get_mut(at) {
                    *b = v;
                }
            }
            let wire_len = f.len() as u32;
            f.truncate(f.len().saturating_sub(*cut));
            let linktype = if *raw { 229 } else { 1 };
            let meta = FrameMeta { number: i as u64 + 1, wire_len, linktype, ..Default::default() };
            dissect::dissect_frame_want(&state, dissect::tree::Want::Full, &mut d, &f, &meta, &prefs);
            let (whole, lines) = both(&d, &f);
            prop_assert_eq!(whole, lines);
        }
    }
}
