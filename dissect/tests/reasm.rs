//! IP reassembly: fragment sets built here (in order, out of order, duplicated, overlapping,
//! conflicting, hostile) fed to `reasm::Reassembler` in frame order, the reassembled payload
//! compared with the datagram cut up, and the completing frame dissected with it.

mod common;

use common::{experts, hex, ip6, uint, uints};
use dissect::field::Value;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::reasm::{Done, Family, FragInfo, Limits, Note, Reassembler, Refused};
use dissect::tree::{CaptureState, Dissection, Want};

const SRC: &str = "2001:db8:2::100";
const DST: &str = "2001:db8:1::1";

/// RFC 1071 sum, independent of the crate's.
fn csum(parts: &[&[u8]]) -> u16 {
    let mut s: u32 = 0;
    let all: Vec<u8> = parts.concat();
    for c in all.chunks(2) {
        s += u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0));
    }
    while s > 0xffff {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

/// A Binding Update (RFC 6275 §6.1.7) seq 77, A H, lifetime 0 (a de-registration: a registration
/// would name its care-of address in an Alternate Care-of Address option, §11.7.1), with a PadN option of
/// `pad` octets (so the message is 8n long), checksummed over the IPv6 pseudo-header.
fn bu(pad: usize) -> Vec<u8> {
    let total = 12 + pad;
    assert_eq!(total % 8, 0);
    let mut m = vec![59, (total / 8 - 1) as u8, 5, 0, 0, 0, 0, 77, 0xc0, 0, 0, 0];
    m.extend_from_slice(&[1, (pad - 2) as u8]);
    m.resize(total, 0);
    let mut ph = ip6(SRC).to_vec();
    ph.extend_from_slice(&ip6(DST));
    ph.extend_from_slice(&(total as u32).to_be_bytes());
    ph.extend_from_slice(&[0, 0, 0, 135]);
    let c = csum(&[&ph, &m]);
    m[4..6].copy_from_slice(&c.to_be_bytes());
    m
}

/// A raw IPv6 packet (link type 229) carrying a Fragment header and `data` at `off`.
fn frag6(ident: u32, off: usize, more: bool, data: &[u8]) -> Vec<u8> {
    let mut f = vec![135, 0];
    f.extend_from_slice(&((off as u16) | u16::from(more)).to_be_bytes());
    f.extend_from_slice(&ident.to_be_bytes());
    f.extend_from_slice(data);
    common::ipv6(SRC, DST, 44, &f)
}

fn meta(n: u64) -> FrameMeta {
    FrameMeta { number: n, rel_ns: n as i64 * 1_000_000, linktype: 229, wire_len: 0, ..Default::default() }
}

/// Feeds frames 1.. in order; returns each frame's note.
fn feed(r: &mut Reassembler, frames: &[Vec<u8>], prefs: &Prefs) -> Vec<Option<Note>> {
    frames.iter().enumerate().map(|(i, f)| r.feed(&meta(i as u64 + 1), f, prefs)).collect()
}

fn done(n: &Option<Note>) -> &Done {
    match n {
        Some(Note::Done(d)) => d,
        other => panic!("not done: {other:?}"),
    }
}

fn fi(frame: u64, off: u32, len: u32) -> FragInfo {
    FragInfo { frame, off, len, overlap: false, conflict: false, too_long: false }
}

/// Dissects frame `n` with its note as a pipeline does (payload after the frame's octets).
fn dissect_with(frame: &[u8], n: u64, note: Option<&Note>) -> Dissection {
    let mut all = frame.to_vec();
    if let Some(Note::Done(d)) = note {
        all.extend_from_slice(&d.payload);
    }
    let m = FrameMeta { wire_len: frame.len() as u32, ..meta(n) };
    let mut d = Dissection::new();
    dissect::dissect_frame_extra(
        &CaptureState::default(),
        Want::Full,
        &mut d,
        &all[..frame.len()],
        &m,
        &Prefs::default(),
        note,
        &all,
    );
    d
}

#[test]
fn two_fragments_in_order_give_the_datagram_and_its_message() {
    let m = bu(100);
    let frames = vec![frag6(0x1001, 0, true, &m[..64]), frag6(0x1001, 64, false, &m[64..])];
    let mut r = Reassembler::default();
    let notes = feed(&mut r, &frames, &Prefs::default());
    assert!(notes[0].is_none());
    let d = done(&notes[1]);
    assert_eq!(d.payload, m);
    assert_eq!((d.family, d.ident, d.next, d.len), (Family::V6, 0x1001, 135, 112));
    assert_eq!(d.frags, vec![fi(1, 0, 64), fi(2, 64, 48)]);
    assert_eq!(r.held(), (0, 0));

    let x = dissect_with(&frames[1], 2, notes[1].as_ref());
    assert_eq!(uint(&x, "mip6.mhtype"), 5);
    assert_eq!(uint(&x, "mip6.bu.seqnr"), 77);
    assert_eq!(uints(&x, "ipv6.fragment"), vec![1, 2]);
    assert_eq!(uint(&x, "ipv6.fragment.count"), 2);
    assert_eq!(uint(&x, "ipv6.reassembled.length"), 112);
    // The checksum computed here over the whole message verifies.
    assert!(experts(&x).is_empty(), "{:?}", experts(&x));
    assert_eq!(x.extra_tab, Some("Reassembled IPv6"));
    // Nodes of the message point past the frame, into the reassembled payload.
    let mh = x.find("mip6.mhtype").unwrap();
    assert_eq!(mh.offset as usize, frames[1].len() + 2);
    assert!(x.cols.info.contains("Binding Update"), "{}", x.cols.info);

    // Without the note the last fragment is only a fragment.
    let y = dissect_with(&frames[1], 2, None);
    assert!(y.find("mip6.mhtype").is_none());
    assert!(y.find("data.data").is_some());
}

#[test]
fn out_of_order_fragments_are_listed_in_offset_order() {
    let m = bu(180);
    let frames = vec![frag6(7, 128, false, &m[128..]), frag6(7, 64, true, &m[64..128]), frag6(7, 0, true, &m[..64])];
    let notes = feed(&mut Reassembler::default(), &frames, &Prefs::default());
    assert!(notes[0].is_none() && notes[1].is_none());
    let d = done(&notes[2]);
    assert_eq!(d.payload, m);
    assert_eq!(d.frags, vec![fi(3, 0, 64), fi(2, 64, 64), fi(1, 128, 64)]);
}

#[test]
fn a_duplicate_is_an_overlap_without_conflict() {
    let m = bu(100);
    let a = frag6(9, 0, true, &m[..64]);
    let frames = vec![a.clone(), a, frag6(9, 64, false, &m[64..])];
    let notes = feed(&mut Reassembler::default(), &frames, &Prefs::default());
    let d = done(&notes[2]);
    assert_eq!(d.payload, m);
    assert_eq!(d.frags[1], FragInfo { overlap: true, ..fi(2, 0, 64) });
    let x = dissect_with(&frames[2], 3, notes[2].as_ref());
    assert_eq!(experts(&x), vec!["check.reassembly.overlap"]);
    assert_eq!(uint(&x, "mip6.bu.seqnr"), 77);
}

#[test]
fn conflicting_overlap_keeps_the_octets_placed_first_and_is_an_error() {
    let m = bu(100);
    let mut tail = m[56..].to_vec();
    tail[0] ^= 0xff;
    let frames = vec![frag6(3, 0, true, &m[..64]), frag6(3, 56, false, &tail)];
    let notes = feed(&mut Reassembler::default(), &frames, &Prefs::default());
    let d = done(&notes[1]);
    assert_eq!(d.payload, m, "fragment 1's octets 56..64 kept");
    assert_eq!(d.frags[1], FragInfo { overlap: true, conflict: true, ..fi(2, 56, 56) });
    let x = dissect_with(&frames[1], 2, notes[1].as_ref());
    assert!(experts(&x).contains(&"check.reassembly.conflict"));
    // As Wireshark: a conflicting fragment is listed under ipv6.fragment.error.
    assert_eq!(uints(&x, "ipv6.fragment"), vec![1]);
    assert_eq!(uints(&x, "ipv6.fragment.error"), vec![2]);
    assert!(matches!(x.find("ipv6.fragment.overlap.conflict").unwrap().value, Value::Bool(true)));
}

#[test]
fn hostile_overlap_a_later_fragment_at_a_lower_offset_wins_by_offset_order() {
    // 8..24 arrives first; then 0..32 with different octets at 8..24; then the tail. In offset
    // order 0..32 comes first, so its octets are kept and the earlier arrival conflicts.
    let m = bu(100);
    let mut early = m[8..24].to_vec();
    for b in &mut early {
        *b ^= 0x5a;
    }
    let frames = vec![frag6(5, 8, true, &early), frag6(5, 0, true, &m[..32]), frag6(5, 32, false, &m[32..])];
    let notes = feed(&mut Reassembler::default(), &frames, &Prefs::default());
    let d = done(&notes[2]);
    assert_eq!(d.payload, m);
    assert_eq!(d.frags[0], fi(2, 0, 32));
    assert_eq!(d.frags[1], FragInfo { overlap: true, conflict: true, ..fi(1, 8, 16) });
    assert_eq!(d.frags[2], fi(3, 32, 80));
}

#[test]
fn a_gap_keeps_the_datagram_waiting() {
    let m = bu(100);
    let frames = vec![frag6(4, 0, true, &m[..32]), frag6(4, 64, false, &m[64..])];
    let mut r = Reassembler::default();
    let notes = feed(&mut r, &frames, &Prefs::default());
    assert!(notes.iter().all(Option::is_none));
    assert_eq!(r.held(), (1, 80));
    // The missing middle completes it.
    let n = r.feed(&meta(3), &frag6(4, 32, true, &m[32..64]), &Prefs::default());
    assert_eq!(done(&n).payload, m);
    assert_eq!(r.held(), (0, 0));
}

#[test]
fn past_65535_octets_is_refused() {
    // Offset 65528 + 16 octets: a 65,544-octet payload (RFC 8200 §4.5: discard).
    let f = frag6(6, 65528, false, &[0; 16]);
    let mut r = Reassembler::default();
    let n = r.feed(&meta(1), &f, &Prefs::default());
    assert_eq!(n, Some(Note::Refused { family: Family::V6, why: Refused::Oversize { end: 65544 } }));
    assert_eq!(r.held(), (0, 0));
    let x = dissect_with(&f, 1, n.as_ref());
    assert_eq!(experts(&x), vec!["check.reassembly.oversize"]);
}

#[test]
fn too_many_fragments_drop_the_datagram() {
    let limits = Limits { fragments: 4, ..Limits::default() };
    let mut r = Reassembler::new(limits);
    let frames: Vec<_> = (0..5).map(|i| frag6(8, i * 8, true, &[i as u8; 8])).collect();
    let notes = feed(&mut r, &frames, &Prefs::default());
    assert!(notes[..4].iter().all(Option::is_none));
    assert_eq!(notes[4], Some(Note::Refused { family: Family::V6, why: Refused::TooMany { limit: 4 } }));
    assert_eq!(r.held(), (0, 0));
    let x = dissect_with(&frames[4], 5, notes[4].as_ref());
    assert_eq!(experts(&x), vec!["check.reassembly.too_many"]);
}

#[test]
fn the_octet_cap_evicts_the_oldest_datagram() {
    let mut r = Reassembler::new(Limits { octets: 100, ..Limits::default() });
    let p = Prefs::default();
    assert!(r.feed(&meta(1), &frag6(1, 0, true, &[1; 64]), &p).is_none());
    assert_eq!(r.held(), (1, 64));
    assert!(r.feed(&meta(2), &frag6(2, 0, true, &[2; 64]), &p).is_none());
    assert_eq!(r.held(), (1, 64));
    // Datagram 1 is gone: its tail completes nothing.
    assert!(r.feed(&meta(3), &frag6(1, 64, false, &[1; 8]), &p).is_none());
    // A fragment larger than the whole buffer is refused.
    assert_eq!(
        r.feed(&meta(4), &frag6(3, 0, true, &[3; 104]), &p),
        Some(Note::Refused { family: Family::V6, why: Refused::TooBig })
    );
    // So is a datagram that grows past it alone (it went over the cap before).
    assert!(r.feed(&meta(5), &frag6(2, 64, true, &[2; 32]), &p).is_none());
    assert_eq!(r.held(), (1, 96));
    assert_eq!(
        r.feed(&meta(6), &frag6(2, 96, true, &[2; 8]), &p),
        Some(Note::Refused { family: Family::V6, why: Refused::TooBig })
    );
    assert_eq!(r.held(), (0, 0));
}

#[test]
fn the_table_is_bounded_in_datagrams_and_age() {
    let p = Prefs::default();
    let mut r = Reassembler::new(Limits { datagrams: 3, ..Limits::default() });
    for i in 0..10 {
        r.feed(&meta(i + 1), &frag6(i as u32, 0, true, &[0; 8]), &p);
    }
    assert_eq!(r.held(), (3, 24));
    // By frames.
    let mut r = Reassembler::new(Limits { timeout_frames: 10, ..Limits::default() });
    assert!(r.feed(&meta(1), &frag6(1, 0, true, &[0; 8]), &p).is_none());
    assert!(r.feed(&meta(20), &frag6(1, 8, false, &[0; 8]), &p).is_none());
    // By time (rel_ns is 1 ms a frame here).
    let mut r = Reassembler::new(Limits { timeout_ns: 5_000_000, ..Limits::default() });
    assert!(r.feed(&meta(1), &frag6(1, 0, true, &[0; 8]), &p).is_none());
    assert!(r.feed(&meta(7), &frag6(1, 8, false, &[0; 8]), &p).is_none());
    let mut r = Reassembler::new(Limits { timeout_ns: 5_000_000, ..Limits::default() });
    assert!(r.feed(&meta(1), &frag6(1, 0, true, &[0; 8]), &p).is_none());
    assert!(r.feed(&meta(5), &frag6(1, 8, false, &[0; 8]), &p).is_some());
}

#[test]
fn multiple_tails_and_too_long_fragments_are_flagged() {
    let p = Prefs::default();
    let mut r = Reassembler::default();
    // Last fragment ends at 64; another "last" one at 72; then one running past 64.
    assert!(r.feed(&meta(1), &frag6(1, 56, false, &[7; 8]), &p).is_none());
    assert!(r.feed(&meta(2), &frag6(1, 64, false, &[7; 8]), &p).is_none());
    let n = r.feed(&meta(3), &frag6(1, 0, true, &[7; 72]), &p);
    let d = done(&n);
    assert!(d.multiple_tails);
    assert_eq!(d.len, 64);
    assert_eq!(d.frags[0], FragInfo { too_long: true, ..fi(3, 0, 72) });
    let x = dissect_with(&frag6(1, 0, true, &[7; 72]), 3, n.as_ref());
    let e = experts(&x);
    assert!(e.contains(&"check.reassembly.too_long") && e.contains(&"check.reassembly.multiple_tails"), "{e:?}");
}

#[test]
fn atomic_fragments_and_the_preference_off_are_not_reassembled() {
    let m = bu(100);
    let mut r = Reassembler::default();
    assert!(r.feed(&meta(1), &frag6(1, 0, false, &m), &Prefs::default()).is_none());
    assert_eq!(r.held(), (0, 0));
    let mut off = Prefs::default();
    off.set("ipv6.defragment=FALSE").unwrap();
    let frames = vec![frag6(2, 0, true, &m[..64]), frag6(2, 64, false, &m[64..])];
    assert!(feed(&mut r, &frames, &off).iter().all(Option::is_none));
    assert_eq!(r.held(), (0, 0));
}

#[test]
fn ipv4_fragments_of_the_fixture_rrq_match_tshark() {
    // captures/crafted/reassembly.pcapng frames 5 and 6; tshark 4.0 gives the reassembled
    // payload (ip.fragments) below.
    let file = std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/reassembly.pcapng")).unwrap();
    let mut r = Reassembler::default();
    let mut got = Vec::new();
    let prefs = Prefs::default();
    dissect::capture::for_each_packet(file, |m, data| {
        if let Some(n) = r.feed(m, data, &prefs) {
            got.push((m.number, n));
        }
        true
    })
    .unwrap();
    let frames: Vec<u64> = got.iter().map(|g| g.0).collect();
    assert_eq!(frames, vec![2, 4, 6, 9, 11, 14]);
    let d = done(&Some(got[2].1.clone())).clone();
    assert_eq!(d.family, Family::V4);
    assert_eq!(d.next, 17);
    assert_eq!(
        d.payload,
        hex("c00001b20036c56b01020708c633640ac6336401c0000214ed003780000000012014000001009d7a6e8915a8e31e6c493afb974ae497")
    );
    assert_eq!(d.frags, vec![fi(5, 0, 32), fi(6, 32, 22)]);
}

#[test]
fn arbitrary_fragment_streams_never_panic_and_stay_bounded() {
    // XorShift: a fixed pseudo-random stream of fragments with few idents, so that they
    // collide, overlap, conflict and complete.
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let limits = Limits { datagrams: 8, fragments: 6, octets: 2000, ..Limits::default() };
    let mut r = Reassembler::new(limits);
    let prefs = Prefs::default();
    let mut completed = 0;
    for n in 1..=5000u64 {
        let v = next();
        let off = ((v >> 8) % 8) as usize * 8;
        let len = ((v >> 16) % 64) as usize + 1;
        let more = v & 3 != 0;
        let data: Vec<u8> = (0..len).map(|i| (v >> (i % 56)) as u8).collect();
        let f = frag6((v >> 40) as u32 % 4, off, more, &data);
        let note = r.feed(&meta(n), &f, &prefs);
        let (dg, oct) = r.held();
        assert!(dg <= 8 && oct <= 2000, "frame {n}: {dg} datagrams, {oct} octets");
        if let Some(Note::Done(d)) = &note {
            completed += 1;
            assert_eq!(d.payload.len(), d.len as usize);
            assert!(d.frags.windows(2).all(|w| w[0].off <= w[1].off));
        }
        let _ = dissect_with(&f, n, note.as_ref());
    }
    assert!(completed > 10, "only {completed} datagrams completed");
}

#[test]
fn a_fragment_wholly_past_the_end_is_too_long_and_copies_nothing() {
    let p = Prefs::default();
    // Found by the stream test above (it underflowed): the end is 16, 0..40 runs past it, and
    // 24..32 starts past the octets kept.
    let mut r = Reassembler::default();
    assert!(r.feed(&meta(1), &frag6(1, 8, false, &[2; 8]), &p).is_none());
    assert!(r.feed(&meta(2), &frag6(1, 24, true, &[3; 8]), &p).is_none());
    let n = r.feed(&meta(3), &frag6(1, 0, true, &[1; 40]), &p);
    let d = done(&n);
    assert_eq!(d.payload, [1; 16]);
    // Nothing is kept past the end, so there is nothing to overlap there.
    assert_eq!(d.frags[2], FragInfo { too_long: true, ..fi(2, 24, 8) });
    // Past a gap beyond the end: the datagram does not wait for the gap (it waited forever).
    let mut r = Reassembler::default();
    assert!(r.feed(&meta(1), &frag6(1, 8, false, &[2; 8]), &p).is_none());
    assert!(r.feed(&meta(2), &frag6(1, 24, true, &[3; 8]), &p).is_none());
    let n = r.feed(&meta(3), &frag6(1, 0, true, &[1; 8]), &p);
    let d = done(&n);
    assert_eq!(d.payload, [[1; 8], [2; 8]].concat());
    assert_eq!(d.frags[2], FragInfo { too_long: true, ..fi(2, 24, 8) });
}
