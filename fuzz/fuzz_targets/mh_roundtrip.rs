//! The owned Mobility Header re-emits exactly the bytes it was parsed from.
#![no_main]

use dissect::mh::MhRepr;
use dissect::model::EmitCx;
use dissect::prefs::Prefs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((_, r)) = MhRepr::parse(data) {
        let prefs = Prefs::default();
        let mut out = Vec::new();
        r.emit(&EmitCx::new(&prefs), &mut out).expect("a parsed header emits");
        assert_eq!(out, data);
    }
});
