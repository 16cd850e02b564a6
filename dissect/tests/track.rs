//! The tracker's rules on messages built here (keys as the parsers make them), and its keys on
//! real fixture bytes: Mobile IPv4's Identification and revocation identifier read from the
//! frames by offset in the test, times read from the file by pcap-parser.

mod common;

use dissect::analysis::track::{Key, Learned, PairKind, TrackFact, Tracker, Update, MAX_PENDING, TIMEOUT_NS, WINDOW};
use dissect::tree::Anchor;
use dissect::IpCtx;

const MN: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
const HA: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const S: i64 = 1_000_000_000;

fn up(mh: bool) -> IpCtx {
    if mh {
        IpCtx::V6 { src: MN, dst: HA }
    } else {
        IpCtx::V6 { src: HA, dst: MN }
    }
}

fn bu(seq: u64) -> TrackFact {
    TrackFact {
        request: Some(Key::request(PairKind::Binding, up(true), seq)),
        response: Some(Key::response(PairKind::Brr, up(true), 0)),
        at: Anchor::default(),
        mh: Some(0),
        proto: "mipv6",
        memo: 0,
    }
}

fn ba(seq: u64) -> TrackFact {
    TrackFact {
        request: None,
        response: Some(Key::response(PairKind::Binding, up(false), seq)),
        at: Anchor::default(),
        mh: Some(0),
        proto: "mipv6",
        memo: 0,
    }
}

fn updates(t: &mut Tracker) -> Vec<Update> {
    t.take_updates().collect()
}

#[test]
fn response_pairs_with_request_and_measures_time() {
    let mut t = Tracker::new();
    let n = t.observe(1, 10 * S, &[bu(7)]);
    assert_eq!(n.slots[0].request, Some(PairKind::Binding));
    assert!(updates(&mut t).is_empty());
    assert_eq!(t.oldest_pending(), Some(1));
    // A BA for another sequence number answers nothing.
    assert_eq!(t.observe(2, 11 * S, &[ba(8)]).slots[0].answers, None);
    let n = t.observe(3, 12 * S + 500, &[ba(7)]);
    assert_eq!(n.slots[0].answers, Some((PairKind::Binding, 1, 2 * S + 500)));
    assert_eq!(updates(&mut t), [Update { frame: 1, slot: 0, what: Learned::ResponseIn(3) }]);
    assert_eq!(t.oldest_pending(), None);
    // A second BA with the same number is not a response any more.
    assert_eq!(t.observe(4, 13 * S, &[ba(7)]).slots[0].answers, None);
}

#[test]
fn retransmissions_point_at_the_original_and_all_learn_the_response() {
    let mut t = Tracker::new();
    t.observe(1, 0, &[bu(1)]);
    for f in 2..=20 {
        assert_eq!(t.observe(f, f as i64 * S, &[bu(1)]).slots[0].retransmit_of, Some(1));
    }
    let n = t.observe(21, 21 * S, &[ba(1)]);
    assert_eq!(n.slots[0].answers, Some((PairKind::Binding, 1, 21 * S)));
    let u = updates(&mut t);
    assert_eq!(u.len(), 20);
    assert!(u.iter().all(|u| u.what == Learned::ResponseIn(21)));
}

#[test]
fn addresses_must_be_reversed() {
    let mut t = Tracker::new();
    t.observe(1, 0, &[bu(1)]);
    // A BA sent by the mobile node (same direction as the BU) is not its response.
    let wrong = TrackFact { response: Some(Key::response(PairKind::Binding, up(true), 1)), ..ba(1) };
    assert_eq!(t.observe(2, S, &[wrong]).slots[0].answers, None);
}

#[test]
fn requests_expire_by_time_window_and_cap() {
    // By time: 64 s after the request it is forgotten, unanswered.
    let mut t = Tracker::new();
    t.observe(1, 0, &[bu(1)]);
    t.observe(2, TIMEOUT_NS - 1, &[]);
    assert!(updates(&mut t).is_empty());
    assert_eq!(t.observe(3, TIMEOUT_NS, &[ba(1)]).slots[0].answers, None);
    assert_eq!(updates(&mut t), [Update { frame: 1, slot: 0, what: Learned::Unanswered }]);
    // By frames.
    let mut t = Tracker::new();
    t.observe(1, 0, &[bu(1)]);
    t.observe(WINDOW, 0, &[]);
    assert!(updates(&mut t).is_empty());
    t.observe(WINDOW + 1, 0, &[]);
    assert_eq!(updates(&mut t), [Update { frame: 1, slot: 0, what: Learned::Unanswered }]);
    // By count: the oldest goes first, and the pending table never grows past the cap.
    let mut t = Tracker::new();
    for i in 0..=MAX_PENDING as u64 {
        t.observe(i + 1, 0, &[bu(i)]);
    }
    assert_eq!(t.pending(), MAX_PENDING);
    assert_eq!(updates(&mut t), [Update { frame: 1, slot: 0, what: Learned::Unanswered }]);
    assert_eq!(t.oldest_pending(), Some(2));
    // The end of the capture: everything left is unanswered.
    t.finish();
    assert_eq!(updates(&mut t).len(), MAX_PENDING);
    assert_eq!((t.pending(), t.oldest_pending()), (0, None));
}

/// Answered requests leave the age queue once they reach its front, so the one behind is
/// checked next, even if it is the older by the clock (a capture whose clock goes back); and a
/// key answered and asked again waits once, as the new request.
#[test]
fn answered_requests_leave_the_queue_and_older_clocks_still_expire() {
    let mut t = Tracker::new();
    t.observe(1, 100 * S, &[bu(1)]);
    t.observe(2, 10 * S, &[bu(2)]);
    assert_eq!(t.observe(3, 101 * S, &[ba(1)]).slots[0].answers, Some((PairKind::Binding, 1, S)));
    assert_eq!(updates(&mut t), [Update { frame: 1, slot: 0, what: Learned::ResponseIn(3) }]);
    // Frame 2's request is 91 s old by the latest clock: forgotten at the next frame.
    assert_eq!(t.oldest_pending(), Some(2));
    t.observe(4, 50 * S, &[]);
    assert_eq!(updates(&mut t), [Update { frame: 2, slot: 0, what: Learned::Unanswered }]);
    assert_eq!((t.pending(), t.oldest_pending()), (0, None));
    // Asked, answered, asked again: only the second request waits, and it is answered.
    t.observe(5, 102 * S, &[bu(7)]);
    t.observe(6, 102 * S, &[ba(7)]);
    t.observe(7, 103 * S, &[bu(7)]);
    assert_eq!(t.oldest_pending(), Some(7));
    assert_eq!(t.observe(8, 104 * S, &[ba(7)]).slots[0].answers, Some((PairKind::Binding, 7, S)));
    assert_eq!((t.pending(), t.oldest_pending()), (0, None));
    t.finish();
    assert_eq!(updates(&mut t).iter().filter(|u| u.what == Learned::Unanswered).count(), 0);
}

#[test]
fn brr_is_answered_by_the_bu_between_the_same_nodes() {
    let mut t = Tracker::new();
    let brr = TrackFact { request: Some(Key::request(PairKind::Brr, up(false), 0)), response: None, ..ba(0) };
    t.observe(1, 0, &[brr]);
    let n = t.observe(2, 3 * S, &[bu(9)]);
    assert_eq!(n.slots[0].answers, Some((PairKind::Brr, 1, 3 * S)));
    assert_eq!(n.slots[0].request, Some(PairKind::Binding));
}

/// Mobile IPv4 keys from real bytes: captures/crafted/mip4-messages.pcapng read with
/// pcap-parser; the tracker (through the dissector's facts) must pair exactly the frames whose
/// Identification low-order 32 bits (RRQ octets 20-23 and RRP 16-19 after the Type octet's
/// UDP payload start) and revocation identifiers the test reads itself, with the file's times.
#[test]
fn mobile_ipv4_keys_from_fixture_bytes() {
    use pcap_parser::traits::PcapReaderIterator;
    use pcap_parser::{PcapBlockOwned, PcapError, PcapNGReader};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captures/crafted/mip4-messages.pcapng");
    let file = std::fs::File::open(path).unwrap();
    let mut r = PcapNGReader::new(1 << 16, file).unwrap();
    let mut frames: Vec<(i64, Vec<u8>)> = Vec::new();
    let mut ts_res = 1_000_000i64;
    loop {
        match r.next() {
            Ok((off, block)) => {
                if let PcapBlockOwned::NG(b) = block {
                    match b {
                        pcap_parser::Block::InterfaceDescription(idb) => {
                            if let Some(tsr) = idb.ts_resolution() {
                                ts_res = tsr as i64;
                            }
                        }
                        pcap_parser::Block::EnhancedPacket(epb) => {
                            let units = (i64::from(epb.ts_high) << 32) | i64::from(epb.ts_low);
                            let ns = units / ts_res * S + (units % ts_res) * (S / ts_res);
                            frames.push((ns, epb.data[..epb.caplen as usize].to_vec()));
                        }
                        _ => {}
                    }
                }
                r.consume(off);
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) => r.refill().unwrap(),
            Err(e) => panic!("{e:?}"),
        }
    }
    // Expected pairs from the bytes: Ethernet (14) + IPv4 (IHL) + UDP (8), then the message.
    let mut want = Vec::new();
    // (message type, source, destination, identifier, frame index) of each waiting request.
    type Open = (u8, [u8; 4], [u8; 4], u32, usize);
    let mut open: Vec<Open> = Vec::new();
    for (i, (t, f)) in frames.iter().enumerate() {
        let ihl = usize::from(f[14] & 0x0f) * 4;
        let (src, dst): ([u8; 4], [u8; 4]) = (f[26..30].try_into().unwrap(), f[30..34].try_into().unwrap());
        let m = 14 + ihl + 8;
        // A message cut short has no identifier (and is not tracked).
        let be32 = |o: usize| f.get(m + o..m + o + 4).map(|b| u32::from_be_bytes(b.try_into().unwrap()));
        let (req, resp) = match f[m] {
            1 => (be32(20).map(|i| (1, i)), None),
            3 => (None, be32(16).map(|i| (1, i))),
            7 => (be32(16).map(|i| (7, i)), None),
            15 => (None, be32(8).map(|i| (7, i))),
            _ => (None, None),
        };
        if let Some((k, id)) = resp {
            if let Some(p) = open.iter().position(|o| (o.0, o.1, o.2, o.3) == (k, dst, src, id)) {
                let o = open.remove(p);
                want.push((o.4 as u64 + 1, i as u64 + 1, t - frames[o.4].0));
            }
        }
        // The same request while one is waiting is a retransmission, not a new request.
        if let Some((k, id)) = req.filter(|&(k, id)| !open.iter().any(|o| (o.0, o.1, o.2, o.3) == (k, src, dst, id))) {
            open.push((k, src, dst, id, i));
        }
    }
    assert!(want.len() >= 2, "{want:?}");
    // What the dissector and tracker say.
    let prefs = dissect::prefs::Prefs::default();
    let mut t = Tracker::new();
    let mut d = dissect::tree::Dissection::default();
    let state = dissect::tree::CaptureState::default();
    let mut got = Vec::new();
    for (i, (ts, f)) in frames.iter().enumerate() {
        let meta =
            dissect::frame::FrameMeta { number: i as u64 + 1, linktype: 1, wire_len: f.len() as u32, ..Default::default() };
        dissect::dissect_frame_tracked(&state, dissect::tree::Want::Full, &mut d, f, &meta, &prefs, |facts| {
            t.observe(meta.number, *ts, facts)
        });
        for s in &d.note.slots {
            if let Some((k, req, ns)) = s.answers {
                assert!(k.is_mip4());
                got.push((req, meta.number, ns));
            }
        }
        // The generated fields are in the tree with the same numbers.
        if let Some((_, req, _)) = d.note.slots[0].answers {
            let n = d.find("mip.response_to").expect("mip.response_to");
            assert_eq!(n.value, dissect::field::Value::Uint(req));
        }
    }
    assert_eq!(got, want);
}

/// A request's memo (what rules about its answer need) reaches the answer's note, and only
/// that answer's.
#[test]
fn the_request_memo_reaches_its_answer() {
    use dissect::analysis::track::memo;
    let mut t = Tracker::new();
    let m = memo::of(true, [7u16, 9].into_iter());
    assert_eq!((memo::bid_count(m), memo::bids(m).collect::<Vec<_>>()), (2, vec![7, 9]));
    t.observe(1, 0, &[TrackFact { memo: m, ..bu(5) }]);
    t.observe(2, 1, &[bu(6)]);
    let n = t.observe(3, 2, &[ba(5)]);
    assert_eq!(n.slots[0].request_memo, m);
    let n = t.observe(4, 3, &[ba(6)]);
    assert_eq!(n.slots[0].request_memo, 0);
}

/// The drivers' look-ahead (`dissect::track_facts`: parsers only, no node, no analysis) gives
/// every frame of every fixture exactly the keys a full dissection's parsers record, in both
/// profiles and with reassembled payloads, so that tracking notes do not depend on which one
/// fed the tracker.
#[test]
fn look_ahead_keys_equal_a_full_dissections_on_every_fixture() {
    use dissect::prefs::{Prefs, Profile};
    use dissect::tree::{CaptureState, Dissection, Want};
    let keys = |facts: &[TrackFact]| -> Vec<_> { facts.iter().map(|f| (f.request, f.response, f.mh, f.proto)).collect() };
    let mut tracked = 0;
    for path in common::fixture_files() {
        for profile in [Profile::Rfc, Profile::Draft] {
            let prefs = Prefs::with_profile(profile);
            let (mut full, mut pre) = (Dissection::default(), Dissection::default());
            let mut state = CaptureState::default();
            let mut reasm = dissect::reasm::Reassembler::default();
            let mut all = Vec::new();
            let file = std::fs::File::open(&path).unwrap();
            let _ = dissect::capture::for_each_packet(file, |meta, frame| {
                let mut note = reasm.feed(meta, frame, &prefs);
                all.clear();
                all.extend_from_slice(frame);
                if let Some(dissect::reasm::Note::Done(done)) = note.as_mut() {
                    all.append(&mut done.payload);
                }
                let f = &all[..frame.len()];
                let mut want = Vec::new();
                dissect::dissect_frame_pre(
                    &state,
                    Want::Full,
                    &mut full,
                    f,
                    meta,
                    &prefs,
                    note.as_ref(),
                    &all,
                    |facts: &[dissect::analysis::track::TrackFact]| {
                        want = keys(facts);
                        Default::default()
                    },
                );
                state.learn(&full);
                dissect::track_facts(&mut pre, f, meta, &prefs, note.as_ref(), &all);
                assert_eq!(keys(&pre.facts.track), want, "{} frame {} ({profile:?})", path.display(), meta.number);
                tracked += want.len();
                true
            });
        }
    }
    // Hundreds of tracked messages in the fixtures: the comparison cannot pass on none.
    assert!(tracked > 200, "{tracked}");
}

/// A dissection keeps its note between frames: a frame with no note given must leave the
/// empty note (whatever the frame before left), and one given is copied whole.
#[test]
fn a_known_note_is_written_whole_and_none_empties_it() {
    use dissect::analysis::track::{MsgNote, Note, Noted, Observe};
    assert_eq!(Note::EMPTY, Note::default());
    assert_eq!(MsgNote::EMPTY, MsgNote::default());
    let mut said = Note::default();
    said.slots[0].request = Some(PairKind::Binding);
    said.slots[3].answers = Some((PairKind::HomeTest, 7, 250));
    said.slots[2].request_memo = 9;
    let mut kept = Note::default();
    Noted(Some(&said)).observe_into(&[], &mut kept);
    assert_eq!(kept, said);
    Noted(None).observe_into(&[], &mut kept);
    assert!(kept.is_empty());
    assert_eq!(kept, Noted(None).observe(&[]));
}
