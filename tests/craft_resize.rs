//! `craft edit --set` of a value of another size, family by family, on real fixture frames:
//! the edited frame dissects with the new value where the field is and no expert item the frame
//! did not have, and tshark 4.0 (`-V`) shows the new value and raises nothing the original did
//! not raise. A property test sets random sizes and reads them back.

use craft::edit::{self, Assignment, Options};
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection, Want};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Frame `n` (1-based) of a fixture.
fn frame(rel: &str, n: usize) -> (FrameMeta, Vec<u8>) {
    let f = std::fs::File::open(root().join(rel)).unwrap();
    let mut v = Vec::new();
    dissect::capture::for_each_packet(f, |m, d| {
        v.push((*m, d.to_vec()));
        v.len() < n
    })
    .unwrap();
    v.swap_remove(n - 1)
}

fn dissect(meta: &FrameMeta, bytes: &[u8], prefs: &Prefs) -> Dissection {
    let meta = FrameMeta { wire_len: bytes.len() as u32, ..*meta };
    let mut d = Dissection::default();
    dissect::dissect_frame_want(&CaptureState::default(), Want::Full, &mut d, bytes, &meta, prefs);
    d
}

/// A generated text node's text, or a string node's octets as text.
fn text(d: &Dissection, bytes: &[u8], abbrev: &str) -> Option<String> {
    let n = d.find(abbrev)?;
    Some(match n.value {
        dissect::field::Value::Text(a, b) => d.text_of((a, b)).to_string(),
        _ => String::from_utf8_lossy(&bytes[n.offset as usize..(n.offset + n.len) as usize]).into_owned(),
    })
}

fn experts(d: &Dissection) -> Vec<String> {
    d.experts.iter().map(|e| d.text_of(e.text).to_string()).collect()
}

/// The octets of a value as typed: hex for a byte field, the text for a string.
fn octets(value: &str, string: bool) -> Vec<u8> {
    if string {
        return value.as_bytes().to_vec();
    }
    // A list of IPv6 addresses (`2001:db8::1,2001:db8::2`).
    if value.contains("::") || value.contains(',') {
        return value.split(',').flat_map(|a| a.trim().parse::<std::net::Ipv6Addr>().unwrap().octets()).collect();
    }
    let h: String = value.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()
}

fn edit(f: &(FrameMeta, Vec<u8>), set: &str, prefs: &Prefs) -> Result<(Vec<u8>, edit::Outcome), edit::EditError> {
    let a = Assignment::parse(set)?;
    edit::edit(&f.1, &f.0, &CaptureState::default(), prefs, &[a], Options::default())
}

/// A classic pcap of one frame, in the temporary directory.
fn write_pcap(name: &str, linktype: u32, frame: &[u8]) -> PathBuf {
    let mut pcap = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0];
    pcap.extend_from_slice(&linktype.to_le_bytes());
    for v in [1_767_225_600u32, 0, frame.len() as u32, frame.len() as u32] {
        pcap.extend_from_slice(&v.to_le_bytes());
    }
    pcap.extend_from_slice(frame);
    // Unique per call: the tests run in parallel in one process.
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("mipscope-resize-{}-{k}-{name}.pcap", std::process::id()));
    std::fs::write(&path, &pcap).unwrap();
    path
}

/// tshark's `-V` text of one frame.
fn tshark_v(name: &str, linktype: u32, frame: &[u8]) -> String {
    let path = write_pcap(name, linktype, frame);
    let out = Command::new("tshark").arg("-r").arg(&path).arg("-V").output().expect("tshark (the suite's script installs it)");
    std::fs::remove_file(&path).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What tshark flags: malformed packets, warnings and errors.
fn tshark_flags(v: &str) -> Vec<&str> {
    v.lines()
        .map(str::trim)
        .filter(|l| l.contains("Malformed") || l.starts_with("[Expert Info (Warning") || l.starts_with("[Expert Info (Error"))
        .collect()
}

/// One resize: the field reads back (by the dissector and, when `shows` is given, by tshark),
/// the frame changes length, and nothing is flagged that the original was not flagged for.
fn resized(fixture: &str, n: usize, set: &str, string: bool, shows: Option<&str>, prefs: &Prefs) -> Vec<u8> {
    let f = frame(fixture, n);
    let (out, outcome) = edit(&f, set, prefs).unwrap_or_else(|e| panic!("{fixture} #{n} {set}: {e}"));
    let (name, value) = set.split_once('=').unwrap();
    let want = octets(value, string);
    assert!(outcome.recomputed, "{set}");
    assert_eq!(
        out.len() as isize - f.1.len() as isize,
        {
            let before = dissect(&f.0, &f.1, prefs);
            let old = before.nodes.iter().find(|x| !x.generated && x.def.abbrev == name).unwrap();
            want.len() as isize - old.len as isize
        } + pad_delta(fixture, n, set),
        "{set}: the frame grows by the value's growth"
    );
    let (before, after) = (dissect(&f.0, &f.1, prefs), dissect(&f.0, &out, prefs));
    let node = after.nodes.iter().find(|x| !x.generated && x.def.abbrev == name).unwrap();
    // A list of addresses is one node per address, from where the field was.
    let span = if value.contains(',') { want.len() } else { node.len as usize };
    assert_eq!(&out[node.offset as usize..node.offset as usize + span], &want[..], "{set}");
    assert_eq!(experts(&after), experts(&before), "{fixture} #{n} {set}");
    let (tb, ta) = (tshark_v("before", f.0.linktype, &f.1), tshark_v("after", f.0.linktype, &out));
    assert_eq!(tshark_flags(&ta), tshark_flags(&tb), "{fixture} #{n} {set}: tshark\n{ta}");
    if let Some(s) = shows {
        assert!(ta.contains(s), "{fixture} #{n} {set}: tshark does not show {s:?}\n{ta}");
    }
    out
}

/// Padding the element's rule adds besides the value itself (octets).
fn pad_delta(fixture: &str, n: usize, set: &str) -> isize {
    match (fixture, n, set) {
        // PadN of 2 + 7 octets after the header's 2: the Home Address option after it needs
        // 8n+6, so 3 octets of padding (a PadN of 1) go before it (the header 32 octets, not 24).
        ("captures/crafted/ipv6-ext.pcapng", 1, _) => 3,
        // The Experimental option's 2 + 6 octets after the header's 2 (the PadN of 2 that
        // followed it goes): 6 octets of padding make the header 16 octets, not 8.
        ("captures/crafted/ipv6-ext.pcapng", 4, _) => 4 - 2 + 2,
        // The End of Option List and its zero octet after kind 99 go; 9 octets of data end the
        // options on a 32-bit boundary, 6 need three zero octets (End of Option List) again.
        ("captures/crafted/tcp-tunnels.pcapng", 8, s) if s.ends_with("=010203040506") => -2 + 3,
        ("captures/crafted/tcp-tunnels.pcapng", 8, _) => -2,
        _ => 0,
    }
}

const MIP4: &str = "captures/crafted/mip4-extensions.pcapng";

#[test]
fn mobile_ipv4_extensions_change_size() {
    let p = Prefs::default();
    // Short form: the NAI (RFC 2794), the MN-HA authenticator after its SPI (RFC 5944 §3.5).
    resized(MIP4, 18, "mip.nai=longer-user@example.com", true, Some("NAI: longer-user@example.com"), &p);
    resized(MIP4, 18, "mip.nai=m@x", true, Some("NAI: m@x"), &p);
    let auth = "0102030405060708090a0b0c0d0e0f1011121314";
    resized("captures/crafted/mip4-messages.pcapng", 3, &format!("mip.auth.auth={auth}"), false, Some(auth), &p);
    // Long form: the CVSE's value (RFC 3115 §2.1); short form: the NVSE's (§2.2).
    resized(MIP4, 6, "mip.ext.cvse.vendor_value=6376736563767365", false, Some("6376736563767365"), &p);
    resized(MIP4, 20, "mip.ext.nvse.vendor_value=6e", false, None, &p);
}

/// RFC 6521's prefix advertisement (tshark 4.0 does not decode extension 50: only that it
/// flags nothing new).
#[test]
fn haaro_extensions_change_size() {
    let realm = "0c6c6f6e6765722d7265616c6d00";
    let out = resized(
        "captures/crafted/mip4-haaro-rfc.pcapng",
        6,
        &format!("mip.ext.ropa.realm_enc={realm}"),
        false,
        None,
        &Prefs::default(),
    );
    // The label after it is read where it now is.
    let d = dissect(&frame("captures/crafted/mip4-haaro-rfc.pcapng", 6).0, &out, &Prefs::default());
    assert_eq!(d.find_all("mip.ext.ropa.realm_enc").count(), 2);
}

/// The MN-HA authenticator covering a resized NAI is computed again with the key the verifier
/// knows (`mip6.keys_file`: SPI 256, the fixture's key), and verifies.
#[test]
fn a_resized_field_under_an_authenticator_is_resealed() {
    let keys = std::env::temp_dir().join(format!("mipscope-resize-{}-keys.txt", std::process::id()));
    std::fs::write(&keys, "spi,256,hmac-md5,0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b\n").unwrap();
    let mut p = Prefs::default();
    p.set(&format!("mip6.keys_file={}", keys.display())).unwrap();
    let f = frame(MIP4, 18);
    let status = |b: &[u8]| {
        let d = dissect(&f.0, b, &p);
        text(&d, b, "mip.auth.status")
    };
    assert_eq!(status(&f.1).as_deref(), Some("good"));
    let (out, outcome) = edit(&f, "mip.nai=longer-user@example.com", &p).unwrap();
    assert_eq!(outcome.resealed, 1);
    assert_eq!(status(&out).as_deref(), Some("good"));
    // Without the key, the authenticator stays as it was, and no longer verifies.
    let (stale, outcome) = edit(&f, "mip.nai=longer-user@example.com", &Prefs::default()).unwrap();
    assert_eq!(outcome.resealed, 0);
    assert_eq!(status(&stale).as_deref(), Some("bad"));
    std::fs::remove_file(keys).ok();
}

/// An authenticator set explicitly wins over the reseal (the Mobile-Correspondent one, whose
/// Krm frames 3 and 4's Home and Care-of Tests teach), and the UDP checksum covers the value
/// set (it was left computed over the resealed value before).
#[test]
fn an_authenticator_set_explicitly_is_under_the_checksum() {
    let rel = "captures/crafted/mip4-haaro-rfc.pcapng";
    let p = Prefs::default();
    let mut state = CaptureState::default();
    for n in 1..7 {
        let f = frame(rel, n);
        let mut d = Dissection::default();
        dissect::dissect_frame_want(&state, Want::Full, &mut d, &f.1, &f.0, &p);
        state.learn(&d);
    }
    let f = frame(rel, 7);
    let mine = "00112233445566778899aabbccddeeff00112233";
    let a = Assignment::parse(&format!("mip.ext.mcauth.auth={mine}")).unwrap();
    let (out, outcome) = edit::edit(&f.1, &f.0, &state, &p, &[a], Options::default()).unwrap();
    assert_eq!(outcome.resealed, 1);
    let mut d = Dissection::default();
    dissect::dissect_frame_want(&state, Want::Full, &mut d, &out, &f.0, &p);
    let n = d.find("mip.ext.mcauth.auth").unwrap();
    assert_eq!(&out[n.offset as usize..(n.offset + n.len) as usize], &octets(mine, false)[..]);
    assert!(experts(&d).iter().all(|e| !e.starts_with("Bad checksum")), "{:?}", experts(&d));
    assert_eq!(text(&d, &out, "mip.ext.mcauth.status").as_deref(), Some("bad"));
}

#[test]
fn mobility_header_message_data_changes_size_in_8_octet_steps() {
    let p = Prefs::default();
    let data = "a0a1a2a3a4a5a6a7a8a9b0b1b2b3b4b5b6b7";
    resized("captures/crafted/mhext-messages.pcapng", 4, &format!("mip6.em.data={data}"), false, Some(data), &p);
    // The Experimental message's data runs to the end of a header of 8-octet units.
    let f = frame("captures/crafted/mhext-messages.pcapng", 4);
    let e = edit(&f, "mip6.em.data=01020304", &p).unwrap_err();
    assert!(e.why.starts_with("mip6.em.data cannot be 4 octets here ("), "{}", e.why);
    assert!(e.why.ends_with("it can be 2, 10, 18, 26 or 34 octets"), "{}", e.why);
}

/// RFC 7411's Multicast Mobility Option counts its Length in 32-bit words: the option's row
/// frames the new data (tshark 4.0 reads type 60 as another option, so only mipscope here).
#[test]
fn mobility_options_counted_in_words_change_size_in_4_octet_steps() {
    let p = Prefs::default();
    let f = frame("captures/crafted/optext-options.pcapng", 34);
    let two = "04000000ff0e000000000000000000000000000104000000ff0e0000000000000000000000000002";
    let (out, _) = edit(&f, &format!("mip6.mcast.data={two}"), &p).unwrap();
    // 20 octets more, less the PadN of 2 + 2 the header no longer needs to be 8n octets.
    assert_eq!(out.len(), f.1.len() + 16);
    let (before, after) = (dissect(&f.0, &f.1, &p), dissect(&f.0, &out, &p));
    let n = after.find("mip6.mcast.data").unwrap();
    assert_eq!(&out[n.offset as usize..(n.offset + n.len) as usize], &octets(two, false)[..]);
    // 4 octets of fixed fields and 40 of records: 11 words.
    let type_at = after.nodes.iter().find(|x| x.def.abbrev == "mip6.opt.type" && out[x.offset as usize] == 60).unwrap().offset;
    assert_eq!(out[type_at as usize + 1], 11);
    assert_eq!(experts(&after), experts(&before));
    let e = edit(&f, "mip6.mcast.data=04000000ff0e00", &p).unwrap_err();
    assert!(e.why.ends_with("it can be 4, 8, 12, 16, 20, 24, 28 or 32, ... octets"), "{}", e.why);
}

#[test]
fn ipv6_options_change_size_and_are_padded_again() {
    let p = Prefs::default();
    let out =
        resized("captures/crafted/ipv6-ext.pcapng", 1, "ipv6.opt.padn=00000000000000", false, Some("PadN: 00000000000000"), &p);
    // The Home Address option stays at 8n+6 and the header a multiple of 8 octets.
    let d = dissect(&frame("captures/crafted/ipv6-ext.pcapng", 1).0, &out, &p);
    let hao = d.nodes.iter().find(|n| n.def.abbrev == "ipv6.opt.mipv6.home_address").unwrap();
    let dst = d.find("ipv6.dstopts").unwrap().offset;
    assert_eq!((hao.offset - 2 - dst) % 8, 6);
    resized(
        "captures/crafted/ipv6-ext.pcapng",
        4,
        "ipv6.opt.experimental=4d5300000000",
        false,
        Some("Experimental Option: 4d5300000000"),
        &p,
    );
}

#[test]
fn nd_options_change_size_in_8_octet_units() {
    let p = Prefs::default();
    let big = "02:00:00:00:00:01:00:00:00:00:00:00:00:00";
    resized(
        "captures/crafted/icmpv6-nd.pcapng",
        4,
        &format!("icmpv6.opt.linkaddr={big}"),
        false,
        Some("Length: 2 (16 bytes)"),
        &p,
    );
    let f = frame("captures/crafted/icmpv6-nd.pcapng", 4);
    let e = edit(&f, "icmpv6.opt.linkaddr=02:00:00:00:00:01:00", &p).unwrap_err();
    assert_eq!(
        e.why,
        "icmpv6.opt.linkaddr cannot be 7 octets here (an ND option is a whole number of 8-octet units (RFC 4861 §4.6), not 9 \
         octets); it can be 6, 14, 22 or 30 octets"
    );
}

/// An ICMP message's data and an IPv6 payload no header reads have no length of their own:
/// the lengths and checksums below them follow (Enhanced GRE's Payload Length too: it stayed
/// as it was before, and was warned); an Agent Advertisement extension's Length does.
#[test]
fn icmp_and_payload_data_change_size() {
    let p = Prefs::default();
    resized("captures/crafted/icmpv4-arp.pcapng", 1, "data.data=01020304", false, Some("Data: 01020304"), &p);
    // An Agent Advertisement's Challenge extension (RFC 4721 §2.1) has a Length: computed.
    let challenge = "0102030405060708090a0b0c0d0e0f101112";
    resized("captures/crafted/icmpv4-arp.pcapng", 4, &format!("icmp.mip.challenge={challenge}"), false, Some(challenge), &p);
    // A fragment's payload (not reassembled: data).
    let more = "3b0305006f4f002dc0000096010003106d697073636f7065";
    resized("captures/crafted/ipv6-ext.pcapng", 5, &format!("data.data={more}"), false, Some(more), &p);
    // Inside Enhanced GRE (RFC 2637 §4.1): its Payload Length counts the PPP frame, 37 + 6.
    let out = resized(
        "captures/crafted/transport-pmipv6.pcapng",
        8,
        "data.data=0102030405060708090a0b",
        false,
        Some("Payload Length: 43"),
        &p,
    );
    let d = dissect(&frame("captures/crafted/transport-pmipv6.pcapng", 8).0, &out, &p);
    assert_eq!(d.find("gre.key.payload_length").map(|n| n.value), Some(dissect::field::Value::Uint(43)));
}

const EXT: &str = "captures/crafted/ipv6-ext.pcapng";

/// The octet at `off` octets into the first node of `abbrev`.
fn octet_of(d: &Dissection, bytes: &[u8], abbrev: &str, off: usize) -> u8 {
    bytes[d.find(abbrev).unwrap().offset as usize + off]
}

/// A type 0 routing header's address list grows by one address (one address set to two):
/// Hdr Ext Len counts 6 units of 8 octets instead of 4, Segments Left stays 2 as it was, and
/// the Mobility Header checksum (over the last address, RFC 8200 §8.1, which did not change)
/// is still right.
#[test]
fn a_type_0_routing_header_grows_by_an_address() {
    let p = Prefs::default();
    let f = frame(EXT, 9);
    let before = dissect(&f.0, &f.1, &p);
    let first = before.nodes.iter().find(|n| n.def.abbrev == "ipv6.routing.src.addr").unwrap();
    assert_eq!(octet_of(&before, &f.1, "ipv6.routing", 1), 4);
    let old = std::net::Ipv6Addr::from(<[u8; 16]>::try_from(&f.1[first.offset as usize..first.offset as usize + 16]).unwrap());
    let set = format!("ipv6.routing.src.addr={old},2001:db8:9::9");
    let out = resized(EXT, 9, &set, false, Some("Address[2]: 2001:db8:9::9"), &p);
    let d = dissect(&f.0, &out, &p);
    assert_eq!(d.find_all("ipv6.routing.src.addr").count(), 3);
    assert_eq!(octet_of(&d, &out, "ipv6.routing", 1), 6);
    assert_eq!(octet_of(&d, &out, "ipv6.routing", 3), 2);
}

/// A routing type the dissector does not decode (RPL, type 3) takes data of another size in
/// 8-octet steps; any other size is refused with the sizes that would do.
#[test]
fn undecoded_routing_data_changes_size_in_8_octet_steps() {
    let p = Prefs::default();
    let f = frame(EXT, 10);
    let before = dissect(&f.0, &f.1, &p);
    let n = before.find("ipv6.routing.type_data").unwrap();
    let old = &f.1[n.offset as usize..(n.offset + n.len) as usize];
    let mut grown = old.to_vec();
    grown.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]);
    let hex: String = grown.iter().map(|b| format!("{b:02x}")).collect();
    let out = resized(EXT, 10, &format!("ipv6.routing.type_data={hex}"), false, None, &p);
    let d = dissect(&f.0, &out, &p);
    assert_eq!(octet_of(&d, &out, "ipv6.routing", 1), octet_of(&before, &f.1, "ipv6.routing", 1) + 2);
    let e = edit(&f, &format!("ipv6.routing.type_data={}", &hex[..hex.len() - 2]), &p).unwrap_err();
    assert!(e.why.starts_with(&format!("ipv6.routing.type_data cannot be {} octets here (", grown.len() - 1)), "{}", e.why);
    // The header is 4 octets and the data, in whole 8-octet units: 4, 12, 20, ... octets of data.
    assert!(e.why.contains("it can be 4, 12, 20, 28, "), "{}", e.why);
}

/// An SRH (type 4) gets a second segment: Last Entry, which counted the segments, counts them
/// again (1); Hdr Ext Len 4 instead of 2; Segments Left stays 0.
#[test]
fn a_segment_routing_header_grows_by_a_segment() {
    let p = Prefs::default();
    let out = resized(EXT, 11, "ipv6.routing.srh.addr=2001:db8:1::1,2001:db8:7::7", false, Some("Address[1]: 2001:db8:7::7"), &p);
    let d = dissect(&frame(EXT, 11).0, &out, &p);
    assert_eq!(d.find_all("ipv6.routing.srh.addr").count(), 2);
    assert_eq!(octet_of(&d, &out, "ipv6.routing", 1), 4);
    assert_eq!(octet_of(&d, &out, "ipv6.routing", 3), 0);
    assert_eq!(octet_of(&d, &out, "ipv6.routing", 4), 1);
}

/// A type 2 routing header holds exactly one home address (RFC 6275 §6.4): two are refused.
#[test]
fn a_type_2_routing_header_keeps_one_address() {
    let f = frame(EXT, 3);
    let e = edit(&f, "ipv6.routing.mipv6.home_address=2001:db8:1::100,2001:db8:1::101", &Prefs::default()).unwrap_err();
    assert_eq!(e.why, "the frame would not read ipv6.routing.mipv6.home_address back as the value set");
}

const TCP: &str = "captures/crafted/tcp-tunnels.pcapng";

/// The Data Offset of the first TCP header, in 32-bit words.
fn data_offset(d: &Dissection, bytes: &[u8]) -> u8 {
    octet_of(d, bytes, "tcp", 12) >> 4
}

/// An unknown option's data (kind 99, RFC 9293 §3.2's generic form) grows from 3 to 9 octets:
/// its Length is 11, the End of Option List and its padding after it go (NOP + 11 octets end on
/// a 32-bit boundary), the Data Offset is 8 words, the checksum is right.
#[test]
fn a_tcp_option_changes_size_and_the_data_offset_follows() {
    let p = Prefs::default();
    let f = frame(TCP, 8);
    assert_eq!(data_offset(&dissect(&f.0, &f.1, &p), &f.1), 7);
    let out = resized(TCP, 8, "tcp.options.unknown.payload=010203040506070809", false, Some("Kind: Unknown (99)"), &p);
    let d = dissect(&f.0, &out, &p);
    assert_eq!(data_offset(&d, &out), 8);
    assert_eq!(octet_of(&d, &out, "tcp.options.unknown", 1), 11);
    assert!(d.find("tcp.options.eol").is_none());
    // 6 octets of data after NOP + 2 + 6: three zero octets (End of Option List) pad to 12.
    let out = resized(TCP, 8, "tcp.options.unknown.payload=010203040506", false, None, &p);
    let d = dissect(&f.0, &out, &p);
    assert_eq!(data_offset(&d, &out), 8);
    assert_eq!(&out[out.len() - 8 - 3..out.len() - 8], &[0, 0, 0]);
}

/// 40 octets of options at most (a Data Offset of 15 words): a larger option is refused with
/// the sizes that fit (NOP + 2 + 37).
#[test]
fn tcp_options_past_40_octets_are_refused() {
    let f = frame(TCP, 8);
    let e = edit(&f, &format!("tcp.options.unknown.payload={}", "ab".repeat(38)), &Prefs::default()).unwrap_err();
    assert!(e.why.starts_with("tcp.options.unknown.payload cannot be 38 octets here ("), "{}", e.why);
    assert!(e.why.ends_with("it can be 1 to 37 octets"), "{}", e.why);
}

/// The option area as a whole (`tcp.options`) takes a SACK Permitted option after its
/// Timestamps; a size that is not whole 32-bit words does not read back and is refused.
#[test]
fn the_tcp_option_area_changes_size() {
    let p = Prefs::default();
    let f = frame(TCP, 6);
    let before = dissect(&f.0, &f.1, &p);
    let n = before.find("tcp.options").unwrap();
    let mut area: String = f.1[n.offset as usize..(n.offset + n.len) as usize].iter().map(|b| format!("{b:02x}")).collect();
    area.push_str("01010402");
    let out = resized(TCP, 6, &format!("tcp.options={area}"), false, Some("TCP Option - SACK permitted"), &p);
    assert_eq!(data_offset(&dissect(&f.0, &out, &p), &out), 9);
    let e = edit(&f, &format!("tcp.options={}", &area[..area.len() - 2]), &p).unwrap_err();
    assert!(e.why.contains("; it can be "), "{}", e.why);
}

/// A field inside the whole packet an ICMPv6 error quotes (RFC 4443 §3.4): the quote's own
/// lengths follow (its Destination Options header 32 octets, its Payload Length 48), its
/// checksums are computed again, and so are the outer ones.
#[test]
fn a_field_inside_a_whole_quoted_packet_changes_size() {
    let p = Prefs::default();
    let rel = "captures/crafted/icmpv6-mobile.pcapng";
    let out = resized(rel, 5, "ipv6.opt.padn=00000000000000000000", false, Some("PadN: 00000000000000000000"), &p);
    let d = dissect(&frame(rel, 5).0, &out, &p);
    let plens: Vec<u8> = d.nodes.iter().filter(|n| n.def.abbrev == "ipv6.plen").map(|n| out[n.offset as usize + 1]).collect();
    assert_eq!(plens, [8 + 40 + 48, 48]);
    assert_eq!(octet_of(&d, &out, "ipv6.dstopts", 1), 3);
}

/// The same inside the whole Registration Request an ICMPv4 Destination Unreachable quotes
/// (RFC 1812 §4.3.2.3): the quoted IPv4 Total Length and UDP Length follow the new MN-HA
/// authenticator (20 octets instead of 16).
#[test]
fn a_field_inside_a_whole_quoted_ipv4_packet_changes_size() {
    let p = Prefs::default();
    let rel = "captures/crafted/icmpv4-arp.pcapng";
    let auth = "0102030405060708090a0b0c0d0e0f1011121314";
    let out = resized(rel, 6, &format!("mip.auth.auth={auth}"), false, Some(auth), &p);
    let d = dissect(&frame(rel, 6).0, &out, &p);
    let be16 = |n: &dissect::tree::Node| u16::from_be_bytes([out[n.offset as usize], out[n.offset as usize + 1]]);
    let ip_len: Vec<u16> = d.nodes.iter().filter(|n| n.def.abbrev == "ip.len").map(be16).collect();
    let udp_len: Vec<u16> = d.nodes.iter().filter(|n| n.def.abbrev == "udp.length").map(be16).collect();
    assert_eq!((ip_len, udp_len), (vec![20 + 8 + 78 + 4, 78 + 4], vec![78 + 4 - 24]));
}

/// A length field set explicitly is written as given (deliberately malformed), as before.
#[test]
fn a_length_set_is_kept() {
    let f = frame(MIP4, 18);
    let (out, _) = edit(&f, "mip.ext.len=30", &Prefs::default()).unwrap();
    assert_eq!(out.len(), f.1.len());
    let d = dissect(&f.0, &out, &Prefs::default());
    let len = d.nodes.iter().find(|n| n.def.abbrev == "mip.ext.len").unwrap();
    assert_eq!(out[len.offset as usize], 30);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Any NAI of 1 to 255 octets: emitted, dissected, read back, nothing flagged.
    #[test]
    fn any_nai_length_reads_back(nai in "[a-z0-9.@-]{1,255}") {
        let f = frame(MIP4, 18);
        let p = Prefs::default();
        let (out, _) = edit(&f, &format!("mip.nai={nai}"), &p).unwrap();
        let d = dissect(&f.0, &out, &p);
        let n = d.nodes.iter().find(|n| n.def.abbrev == "mip.nai").unwrap();
        prop_assert_eq!(&out[n.offset as usize..(n.offset + n.len) as usize], nai.as_bytes());
        prop_assert!(d.experts.is_empty(), "{:?}", experts(&d));
    }

    /// Any PadN of 0 to 40 octets before the Home Address option: read back, the option still
    /// at 8n+6, nothing flagged beyond what a long PadN is flagged for.
    #[test]
    fn any_padn_length_reads_back(n in 1usize..40) {
        let f = frame("captures/crafted/ipv6-ext.pcapng", 1);
        let p = Prefs::default();
        let (out, _) = edit(&f, &format!("ipv6.opt.padn={}", "00".repeat(n)), &p).unwrap();
        let d = dissect(&f.0, &out, &p);
        let pad = d.nodes.iter().find(|x| x.def.abbrev == "ipv6.opt.padn").unwrap();
        prop_assert_eq!(pad.len as usize, n);
        let hao = d.nodes.iter().find(|x| x.def.abbrev == "ipv6.opt.mipv6.home_address").unwrap();
        prop_assert_eq!((hao.offset - 2 - d.find("ipv6.dstopts").unwrap().offset) % 8, 6);
        prop_assert!(d.experts.iter().all(|e| !d.text_of(e.text).contains("Home Address")), "{:?}", experts(&d));
    }
}
