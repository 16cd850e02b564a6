//! What `mipscope craft MESSAGE` and `--opt NAME` build when told nothing else is a valid
//! element: dissected, it raises no warning or error about itself, under either profile. (A
//! helper found five options whose zeroed shortest data the dissector rightly called invalid
//! — a Mobile Node Identifier with no identifier, LMA Address Option-Code 0, Redirect flags
//! that contradict its length, a DMNP V flag that contradicts its prefix, a BID of 0 — a
//! Binding Authorization Data of 0 octets, B.R. and FB Type 0, and seed 003 messages whose
//! Length came out 0.) Where an option is put (a Binding Refresh Advice in a BU) is the
//! conformance rules' business, not the option's: those items are not counted.

use craft::build::{self, MessageSpec, Mip4Spec, OptionSpec};
use dissect::expert::Severity;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;

fn profiles() -> [Prefs; 2] {
    [Prefs::default(), Prefs::build(Some("draft"), &[]).unwrap()]
}

/// Warnings and errors of a frame, but the conformance rules' (placement, exchanges).
fn own_problems(linktype: u32, bytes: &[u8], prefs: &Prefs) -> Vec<String> {
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    let mut d = Dissection::default();
    dissect::dissect_frame(&mut d, bytes, &meta, prefs);
    let rules: Vec<*const dissect::expert::ExpertDef> =
        dissect::analysis::rules::EXPERTS.iter().map(|e| *e as *const _).collect();
    d.experts
        .iter()
        .filter(|e| e.def.severity >= Severity::Warn && !rules.contains(&(e.def as *const _)))
        .map(|e| format!("{}: {}", e.def.abbrev(), d.text_of(e.text)))
        .collect()
}

#[test]
fn every_option_by_name_alone_is_valid() {
    for prefs in profiles() {
        let names = craft::message::options(&prefs);
        assert!(names.len() >= 60, "{}", names.len());
        for o in names {
            // In a home registration Binding Update: the message itself raises nothing.
            let mut spec = MessageSpec::new(5);
            spec.hoa = Some("2001:db8:1::100".parse().unwrap());
            spec.sets.push(craft::edit::Assignment::parse("mip6.bu.h_flag=1").unwrap());
            spec.options.push(OptionSpec { code: o.code, data: None, sets: Vec::new() });
            let (lt, bytes) = build::build(&spec, &prefs).unwrap_or_else(|e| panic!("{o:?}: {e}"));
            let problems = own_problems(lt, &bytes, &prefs);
            assert!(problems.is_empty(), "{} ({}, profile {}): {problems:?}", o.name, o.code, prefs.profile.name());
        }
    }
}

#[test]
fn every_message_by_name_alone_is_valid() {
    for prefs in profiles() {
        for m in craft::message::messages(&prefs) {
            let (lt, bytes) = build::build(&MessageSpec::new(m.mh_type), &prefs).unwrap_or_else(|e| panic!("{m:?}: {e}"));
            let problems = own_problems(lt, &bytes, &prefs);
            assert!(problems.is_empty(), "{} ({}, profile {}): {problems:?}", m.name, m.mh_type, prefs.profile.name());
        }
        for (ty, name, _) in build::mip4_messages(&prefs) {
            let (lt, bytes) = build::build_mip4(&Mip4Spec::new(ty), &prefs).unwrap_or_else(|e| panic!("{name}: {e}"));
            // (A Registration Request without its Mobile-Home authenticator is a rule's finding.)
            let problems = own_problems(lt, &bytes, &prefs);
            assert!(problems.is_empty(), "{name} ({ty}, profile {}): {problems:?}", prefs.profile.name());
        }
    }
}

/// A seed message the profile puts at a number IANA gave another (`-o pmipro.mh_photi=16`,
/// Binding Revocation's) is built as the seed's, with none of that message's defaults: once
/// the B.R. Type default made it fail ("mip6.bri_br.type=1: no such field").
#[test]
fn a_renumbered_seed_message_takes_no_other_message_defaults() {
    for n in ["16", "21"] {
        let prefs = Prefs::build(Some("draft"), &[format!("pmipro.mh_photi={n}")]).unwrap();
        let ty = craft::message::message_type("proxy-home-test-init", &prefs).unwrap();
        assert_eq!(ty.to_string(), n);
        let (lt, bytes) = build::build(&MessageSpec::new(ty), &prefs).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert!(own_problems(lt, &bytes, &prefs).is_empty(), "{n}");
    }
}
