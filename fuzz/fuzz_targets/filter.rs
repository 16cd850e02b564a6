//! Any text as a display filter: compiling never panics, an error's caret lies inside the text
//! (or just past it), and a filter that compiles evaluates against a fixed BU frame (its fields,
//! slices of its protocols, references to itself) without panicking.
#![no_main]

use dissect::filter::Filter;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use libfuzzer_sys::fuzz_target;

/// Ethernet + IPv6 + Destination Options (HAO) + a BU with an Alternate CoA option (checksum
/// left zero: a wrong checksum is one more field to filter on).
const FRAME: &[u8] = &[
    0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x86, 0xdd, // Ethernet
    0x60, 0, 0, 0, 0, 0x38, 0x3c, 0x40, // IPv6: payload 56, next Destination Options
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // src
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // dst
    0x87, 0x02, 0x01, 0x02, 0, 0, 0xc9, 0x10, // DestOpt: next MH, len 2, PadN(2), HAO
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, // home address
    0x3b, 0x03, 0x05, 0, 0, 0, 0, 0x07, 0x80, 0, 0, 0x96, // MH: BU seq 7, A, lifetime 150
    0x01, 0x00, // PadN(0): the Alternate CoA at 8n+6
    0x03, 0x10, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, // Alternate CoA
];

fuzz_target!(|input: &[u8]| {
    let Ok(text) = std::str::from_utf8(input) else { return };
    match Filter::compile(text) {
        Err(e) => assert!(e.pos <= text.len()),
        Ok(f) => {
            let meta = FrameMeta { number: 1, wire_len: FRAME.len() as u32, linktype: 1, ..Default::default() };
            let mut d = Dissection::new();
            dissect::dissect_frame(&mut d, FRAME, &meta, &Prefs::default());
            let _ = f.matches(&d, FRAME);
            let _ = f.matches_with(&d, FRAME, Some((&d, FRAME)));
        }
    }
});
