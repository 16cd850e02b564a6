//! Any bytes as a capture file: the reader must end (no hang), deliver only whole packets,
//! and every packet must dissect.
#![no_main]

use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let prefs = Prefs::default();
    let mut d = Dissection::new();
    let _ = dissect::capture::for_each_packet(std::io::Cursor::new(data.to_vec()), |meta, frame| {
        assert!(frame.len() <= data.len());
        dissect::dissect_frame(&mut d, frame, meta, &prefs);
        true
    });
});
