//! The display filter library: hostile input, nesting limits, field references (the selected
//! frame), and precedence, on real fixture frames.

use dissect::filter::Filter;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection};

/// How many of `fr` the filter `f` selects.
fn matching(fr: &[(Dissection, Vec<u8>)], f: &str) -> usize {
    let f = Filter::compile(f).unwrap_or_else(|e| panic!("{f}: {}", e.msg));
    fr.iter().filter(|(d, b)| f.matches(d, b)).count()
}

fn frames(name: &str) -> Vec<(Dissection, Vec<u8>)> {
    let path = format!("{}/../captures/crafted/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut state = CaptureState::default();
    let mut out = Vec::new();
    let _ = dissect::capture::for_each_packet(std::fs::File::open(path).unwrap(), |meta, data| {
        let mut d = Dissection::new();
        dissect::dissect_frame_in(&mut state, &mut d, data, meta, &Prefs::default());
        out.push((d, data.to_vec()));
        true
    });
    out
}

fn selected(frames: &[(Dissection, Vec<u8>)], f: &str) -> Vec<u64> {
    let f = Filter::compile(f).unwrap_or_else(|e| panic!("{f}: {}", e.msg));
    frames.iter().filter(|(d, b)| f.matches(d, b)).map(|(d, _)| d.frame_number).collect()
}

#[test]
fn nesting_is_bounded_not_a_stack_overflow() {
    for deep in [
        format!("{}mipv6{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("{}mipv6", "not ".repeat(100_000)),
        format!("mip6.mhtype == {}5{}", "{".repeat(50_000), "}".repeat(50_000)),
    ] {
        let e = Filter::compile(&deep).unwrap_err();
        assert!(e.msg.contains("nests deeper than 64"), "{}", e.msg);
    }
    // Signs no longer nest (a sign may not follow a sign, as in tshark): refused at the second.
    let e = Filter::compile(&format!("mip6.mhtype == {}5", "-".repeat(100_000))).unwrap_err();
    assert_eq!((e.msg.as_str(), e.pos), ("\"-\" was unexpected in this context", 16));
    assert!(Filter::compile(&format!("{}mipv6{}", "(".repeat(60), ")".repeat(60))).is_ok());
}

/// `${field}` reads the selected frame (mh-messages.pcapng frame 6, a BU); without a selected
/// frame a reference has no value.
#[test]
fn field_references_read_the_selected_frame() {
    let fr = frames("mh-messages.pcapng");
    let f = Filter::compile("mip6.bu.seqnr == ${mip6.bu.seqnr} || mip6.ba.seqnr == $mip6.bu.seqnr").unwrap();
    assert!(f.first_ref().is_some());
    let sel = &fr[5];
    let hits: Vec<u64> =
        fr.iter().filter(|(d, b)| f.matches_with(d, b, Some((&sel.0, &sel.1)))).map(|(d, _)| d.frame_number).collect();
    let n = sel.0.find("mip6.bu.seqnr").unwrap().value.as_uint().unwrap();
    let seq = Filter::compile(&format!("mip6.bu.seqnr == {n} || mip6.ba.seqnr == {n}")).unwrap();
    let want: Vec<u64> = fr.iter().filter(|(d, b)| seq.matches(d, b)).map(|(d, _)| d.frame_number).collect();
    assert_eq!(hits, want);
    assert!(hits.contains(&6));
    assert!(fr.iter().all(|(d, b)| !f.matches(d, b)), "no selected frame: no value");
    // Frame 6 has the field both references read; frame 1 (a BRR) has not: the first is named.
    assert_eq!(f.absent_ref((&sel.0, &sel.1)), None);
    let brr = &fr[0];
    assert!(brr.0.find("mip6.bu.seqnr").is_none());
    let span = f.absent_ref((&brr.0, &brr.1)).expect("absent in frame 1");
    assert_eq!(&f.text()[span.start..span.end], "${mip6.bu.seqnr}");
}

/// Precedence: `or` < `xor` < `and` < `not`, as Wireshark's grammar has it.
#[test]
fn precedence_of_the_logical_operators() {
    let fr = frames("mh-messages.pcapng");
    let pairs = [
        ("mipv6 or udp and mip6.mhtype == 99", "mipv6 or (udp and mip6.mhtype == 99)"),
        ("not mipv6 and ipv6", "(not mipv6) and ipv6"),
        ("mip6.mhtype == 5 xor mip6.mhtype == 6 and ipv6", "mip6.mhtype == 5 xor (mip6.mhtype == 6 and ipv6)"),
        ("mip6.mhtype == 5 or mip6.mhtype == 6 xor ipv6", "mip6.mhtype == 5 or (mip6.mhtype == 6 xor ipv6)"),
        ("ipv6.hlim - 4 * 2 == 56", "ipv6.hlim - {4 * 2} == 56"),
        ("ipv6.hlim & 0x40 + 0 == 64", "ipv6.hlim & {0x40 + 0} == 64"),
    ];
    for (a, b) in pairs {
        assert_eq!(selected(&fr, a), selected(&fr, b), "{a}");
    }
    assert_ne!(selected(&fr, "mipv6 or udp and mip6.mhtype == 99"), selected(&fr, "(mipv6 or udp) and mip6.mhtype == 99"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// Any text: an error or a filter, never a panic; an error points inside the text.
    #[test]
    fn any_text_compiles_or_fails_cleanly(s in "[ -~¤é]{0,60}") {
        match Filter::compile(&s) {
            Ok(_) => {}
            Err(e) => proptest::prop_assert!(e.pos <= s.len() && e.pos + e.len <= s.len() + 1, "{:?} for {:?}", e, s),
        }
    }
    /// Filter-shaped text (tokens of the language in any order) likewise.
    #[test]
    fn token_soup_compiles_or_fails_cleanly(toks in proptest::collection::vec(proptest::sample::select(vec![
        "mipv6", "mip6.mhtype", "ipv6.src", "==", "!=", "in", "{", "}", "(", ")", "[", "]", "0:2", "..", ",", "and", "or", "xor",
        "not", "any", "all", "5", "0x10", "2001:db8::/32", "\"x\"", "r\"\\d\"", "'a'", "#", "2", "@", "$", "${", "len", "count",
        "max", "-", "+", "*", "/", "%", "&", "contains", "matches", "~", "frame", "-1:",
    ]), 0..14)) {
        let s = toks.join(" ");
        let _ = Filter::compile(&s);
        let s = toks.concat();
        let _ = Filter::compile(&s);
    }
}

/// Found by review, each failing before its fix: panics (a time zone cut inside a character,
/// offsets that overflow), a stack overflow on a 1,500-term chain, and filters tshark rejects
/// that compiled (a value too big for the field, a quoted MAC address, a backwards range).
#[test]
fn hostile_filters_found_by_review_are_errors_or_run_cleanly() {
    let fr = frames("tunnels.pcapng");
    for ok in [
        "frame[9223372036854775807]",
        "frame[9223372036854775807-9223372036854775807]",
        "frame[-9223372036854775808:]",
        "ipv6.src#[1:9223372036854775807]",
        "ipv6.src#[-9223372036854775808]",
    ] {
        let f = Filter::compile(ok).unwrap_or_else(|e| panic!("{ok}: {}", e.msg));
        for (d, b) in &fr {
            let _ = f.matches(d, b);
        }
    }
    let cases = [
        ("frame.time == \"2026-01-01T00:00:00+1é\"", "is not a valid date and time"),
        ("ip.ttl == 300", "\"300\" too big for this field, maximum 255"),
        ("mip6.bu.a_flag == -1", "is not a valid boolean"),
        ("eth.src == \"02:00:00:00:00:01\"", "is not a valid Ethernet address"),
        ("eth.src == 02:00:00:00:00:01:02", "is not a valid Ethernet address"),
        ("frame[2-1] == 00", "a range that ends before it starts"),
        ("ipv6#[3-1]", "a range that ends before it starts"),
    ];
    for (f, msg) in cases {
        let e = Filter::compile(f).err().unwrap_or_else(|| panic!("{f} compiled"));
        assert!(e.msg.contains(msg), "{f}: {}", e.msg);
    }
    for chain in
        [vec!["frame"; 1500].join(" and "), format!("ip.ttl{}", " + 1".repeat(1500)), format!("frame{}", "[0:]".repeat(1500))]
    {
        let e = Filter::compile(&chain).unwrap_err();
        assert!(e.msg.contains("more than 256 operators"), "{}", e.msg);
    }
    assert!(Filter::compile(&vec!["frame"; 200].join(" and ")).is_ok());
}

/// As tshark 4.0: an address is compared or sliced, never searched with `contains` ("ip.src
/// (type=IPv4 address) cannot participate in contains comparison"); mipscope once searched its
/// octets and answered "no frame". tshark's `*.host` names are text (FT_STRING), so `contains`
/// and `matches` work there, and an error names the field as typed, not the field behind an alias.
#[test]
fn addresses_are_not_searched_and_host_names_are_text() {
    for (f, msg) in [
        ("ip.src contains \"192\"", "ip.src (IPv4 address) cannot participate in \"contains\""),
        ("ipv6.dst contains 20:01", "ipv6.dst (IPv6 address) cannot participate in \"contains\""),
        ("eth.lg matches \"1\"", "eth.lg (Boolean) cannot be matched against a regular expression"),
    ] {
        let e = Filter::compile(f).err().unwrap_or_else(|| panic!("{f} compiled"));
        assert!(e.msg.starts_with(msg), "{f}: {}", e.msg);
    }
    let fr = frames("mh-messages.pcapng");
    let count = |f: &str| matching(&fr, f);
    // The text against the address: the same frames (tests/filter_compare.rs checks such
    // filters against tshark's frames).
    assert_eq!(count("ipv6.host contains \"db8:3::\""), count("ipv6.addr == 2001:db8:3::/48"));
    assert_eq!(count("ipv6.src_host matches \"^2001:db8:3::3$\""), count("ipv6.src == 2001:db8:3::3"));
    assert!(count("ipv6.src == 2001:db8:3::3") > 0);
    assert_eq!(count("ipv6.host == \"2001:db8:3::3\""), count("ipv6.addr == 2001:db8:3::3"));
    assert_eq!(count("len(ipv6.dst_host) == 13"), count("ipv6.dst == 2001:db8:3::3 || ipv6.dst == 2001:db8:1::1"));
}

/// A checksum status is named in a filter as tshark names it ("Good", "Bad", "Unverified",
/// "Not present", "Illegal"), and shown so, by name alone; it was a string compared with an
/// integer ("\"Good\" is a string, not an integer").
#[test]
fn checksum_statuses_are_named() {
    let fr = frames("icmpv4-arp.pcapng");
    let count = |f: &str| matching(&fr, f);
    assert_eq!(count("icmp.checksum.status == \"Good\""), count("icmp.checksum.status == 1"));
    assert_eq!(count("icmp.checksum.status == \"good\""), count("icmp.checksum.status == 1"));
    assert!(count("icmp.checksum.status == 1") > 0);
    for name in ["Bad", "Good", "Unverified", "Not present", "Illegal"] {
        assert!(Filter::compile(&format!("udp.checksum.status == \"{name}\"")).is_ok(), "{name}");
    }
    let e = Filter::compile("udp.checksum.status == \"Fine\"").err().unwrap();
    assert!(e.msg.contains("cannot be found among the possible values for udp.checksum.status"), "{}", e.msg);
}

/// Found by comparing with tshark 4.0 (each failed before): an address masked to zero is false
/// (`ipv6.src & ::` was true for every frame); `/` after a field or number is division, after
/// an address a prefix; unary plus; `len()` of an integer field is its width (the type's, as
/// tshark 4.0 gives it); a literal up to the field's width. The frames are tshark 4.0's on
/// mh-messages.pcapng.
#[test]
fn filter_forms_tshark_accepts() {
    let fr = frames("mh-messages.pcapng");
    let sel = |f: &str| selected(&fr, f);
    assert_eq!(sel("ipv6.src & ::"), Vec::<u64>::new());
    assert_eq!(sel("ipv6.src & ::1"), [1, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    assert_eq!(sel("mip6.bu.seqnr/2 == 21"), [6, 7]);
    assert_eq!(sel("mip6.bu.seqnr == 84/2"), [6]);
    assert_eq!(sel("ipv6.src == 2001:db8:2::/48"), [3, 6, 7]);
    assert_eq!(sel("frame.number == +16"), [16]);
    assert_eq!(sel("len(mip6.bu.seqnr) == 2"), [6, 7]);
    assert_eq!(sel("len(frame.number) == 4").len(), fr.len());
    // A literal is checked against the field's width, not its mask (ipv6.flow has 20 bits).
    assert_eq!(sel("ipv6.flow < 0x100000").len(), fr.len());
}
