//! Labels a review found differing from tshark 4.0's in cases no fixture covers (each checked
//! against `tshark -V` on the same bytes): the comparison with tshark over the fixtures is
//! `tests/tshark_compare.rs`'s `labels_match_tshark`.

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;

/// The `-V` lines of a raw IP packet (link type 101), trimmed.
fn lines(p: &[u8]) -> Vec<String> {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: p.len() as u32, linktype: 101, ..Default::default() };
    dissect::dissect_frame(&mut d, p, &meta, &Prefs::default());
    let mut out = String::new();
    dissect::output::write_tree(&mut out, &d, p);
    out.lines().map(|l| l.trim().to_string()).collect()
}

fn has(p: &[u8], line: &str) {
    let l = lines(p);
    assert!(l.iter().any(|x| x == line), "no {line:?} in:\n{}", l.join("\n"));
}

/// An IPv4 header (20 octets, checksum computed unless `bad`) with `tos` and `payload`.
fn ipv4(tos: u8, proto: u8, payload: &[u8], bad: bool) -> Vec<u8> {
    let mut h = vec![0x45, tos, 0, 0, 0, 1, 0, 0, 64, proto, 0, 0, 192, 0, 2, 1, 198, 51, 100, 1];
    let total = (20 + payload.len()) as u16;
    h[2..4].copy_from_slice(&total.to_be_bytes());
    let c = if bad { 0xbeef } else { dissect::checksum::compute(0, &h) };
    h[10..12].copy_from_slice(&c.to_be_bytes());
    h.extend_from_slice(payload);
    h
}

/// A UDP datagram (checksum 0: none, over IPv4) of `data`.
fn udp(data: &[u8]) -> Vec<u8> {
    let mut u = vec![0x30, 0x39, 0x30, 0x3a, 0, 0, 0, 0];
    u[4..6].copy_from_slice(&((8 + data.len()) as u16).to_be_bytes());
    u.extend_from_slice(data);
    u
}

#[test]
fn dscp_ef_and_voice_admit_have_tsharks_short_names() {
    has(&ipv4(0xb8, 17, &udp(b"x"), false), "Differentiated Services Field: 0xb8 (DSCP: EF PHB, ECN: Not-ECT)");
    has(&ipv4(0xb1, 17, &udp(b"x"), false), "Differentiated Services Field: 0xb1 (DSCP: VOICE-ADMIT, ECN: ECT(1))");
    has(&ipv4(0xb8, 17, &udp(b"x"), false), "1011 10.. = Differentiated Services Codepoint: Expedited Forwarding (46)");
}

#[test]
fn a_wrong_ipv4_header_checksum_carries_the_offload_hint() {
    let p = ipv4(0, 17, &udp(b"x"), true);
    let want = {
        let mut h = p[..20].to_vec();
        h[10..12].copy_from_slice(&[0, 0]);
        dissect::checksum::compute(0, &h)
    };
    has(&p, &format!("Header Checksum: 0xbeef incorrect, should be 0x{want:04x}(may be caused by \"IP checksum offload\"?)"));
}

#[test]
fn a_one_octet_payload_is_one_byte() {
    has(&ipv4(0, 17, &udp(b"x"), false), "UDP payload (1 byte)");
    has(&ipv4(0, 17, &udp(b"xy"), false), "UDP payload (2 bytes)");
}

/// A TCP segment (checksum not checked here) whose header carries `opts`.
fn tcp(opts: &[u8]) -> Vec<u8> {
    let hlen = 20 + opts.len();
    let mut s = vec![0x30, 0x39, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, ((hlen / 4) as u8) << 4, 0x02, 0xff, 0xff, 0, 0, 0, 0];
    s.extend_from_slice(opts);
    s
}

#[test]
fn the_options_line_names_what_tshark_names() {
    // MD5 (19, 18 octets), NOP, NOP: tshark names MD5 though mipscope shows it as unknown.
    let mut md5 = vec![19, 18];
    md5.extend_from_slice(&[0; 16]);
    md5.extend_from_slice(&[1, 1]);
    has(&ipv4(0, 6, &tcp(&md5), false), "Options: (20 bytes), TCP MD5 signature, No-Operation (NOP), No-Operation (NOP)");
    // NOP, NOP, then an MSS whose Length runs past the options: tshark does not name it.
    has(&ipv4(0, 6, &tcp(&[1, 1, 2, 8]), false), "Options: (4 bytes), No-Operation (NOP), No-Operation (NOP)");
}

#[test]
fn a_timestamp_pointer_inside_an_entry_points_to_the_middle_of_a_field() {
    // Internet Timestamp (68), Length 12, pointer 6 (an entry starts at 5), flag 0.
    let mut p = ipv4(0, 59, &[], false);
    p[0] = 0x48;
    let opt = [68, 12, 6, 0, 0, 0, 0, 1, 0, 0, 0, 2];
    p.splice(20..20, opt);
    p[2..4].copy_from_slice(&32u16.to_be_bytes());
    p[10..12].copy_from_slice(&[0, 0]);
    let c = dissect::checksum::compute(0, &p[..32]);
    p[10..12].copy_from_slice(&c.to_be_bytes());
    has(&p, "Pointer: 6 (points to middle of field)");
}

/// A Router Advertisement cut after its flags octet (8 of its 16 octets there) keeps the flags'
/// summary: tshark 4.0 on these octets, "Flags: 0x28, Home Agent, Prf (Default Router
/// Preference): High". Before, the summary was made only from a whole fixed part ("Flags: 0x28").
#[test]
fn a_cut_router_advertisement_keeps_its_flags_summary() {
    let ra = "6000000000103afffe800000000000000000000000000001ff0200000000000000000000000000018600000040280708";
    let p: Vec<u8> = (0..ra.len()).step_by(2).map(|i| u8::from_str_radix(&ra[i..i + 2], 16).unwrap()).collect();
    has(&p, "Flags: 0x28, Home Agent, Prf (Default Router Preference): High");
}
