//! Any bytes, as a frame of any link type mipscope reads, under either profile, rendered by
//! every output: nothing may panic, and every node must lie inside the frame.
#![no_main]

use dissect::frame::FrameMeta;
use dissect::prefs::{Prefs, Profile};
use dissect::tree::Dissection;
use libfuzzer_sys::fuzz_target;

const LINKTYPES: [u32; 8] = [1, 0, 101, 113, 228, 229, 276, 108];

fuzz_target!(|input: &[u8]| {
    let Some((&sel, data)) = input.split_first() else { return };
    let linktype = LINKTYPES[usize::from(sel & 7)];
    let prefs = Prefs::with_profile(if sel & 8 == 0 { Profile::Rfc } else { Profile::Draft });
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32 + u32::from(sel >> 7), linktype, ..Default::default() };
    let mut d = Dissection::new();
    dissect::dissect_frame(&mut d, data, &meta, &prefs);
    for n in &d.nodes {
        assert!((n.offset + n.len) as usize <= data.len());
    }
    let mut out = String::new();
    dissect::output::write_tree(&mut out, &d, data);
    dissect::output::write_summary(&mut out, &d);
    dissect::output::json::write_frame(&mut out, &d, data);
});
