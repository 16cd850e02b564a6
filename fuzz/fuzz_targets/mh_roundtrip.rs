//! The owned Mobility Header re-emits exactly the bytes it was parsed from.
#![no_main]

use dissect::mh::MhRepr;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((_, r)) = MhRepr::parse(data) {
        let mut out = Vec::new();
        r.emit(&mut out).expect("a parsed header re-emits");
        assert_eq!(out, data);
    }
});
