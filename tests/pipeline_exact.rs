//! The pipeline's promise (`dissect::pipeline`): a batch dissected before its turn, from an older
//! state and after learning the keys its predecessor's last `LEAD` frames teach, is kept only
//! when `CaptureState::agrees` says each of its look-ups of keys would have found the same in
//! the state a single pass has, and then it gives exactly what a single pass gives.
//!
//! The two threads decide by timing which batches are dissected ahead, and from which state, so
//! a pipeline run may never meet the case that breaks the promise. Here the pipeline's steps
//! are replayed deterministically: for every batch of every capture, from the exact state of
//! one, two and three batches before it, with and without the lead-in, the batch is dissected
//! as `pipeline::run` does, judged as it judges it, and when it stands its frames (every node,
//! the columns, the lessons) must be those of one frame after the other. The captures are built
//! to press on the check: every crafted scenario under both profiles, return routability with
//! more than `CaptureState::LIMIT` tokens alive, answers delayed until their tokens sit at the
//! front of a full table (pushed out by the next few), and two exchanges whose token names
//! collide (each look-up's answer depends on which taught last).

use dissect::capture::for_each_packet;
use dissect::frame::FrameMeta;
use dissect::pipeline::LEAD;
use dissect::prefs::{Prefs, Profile};
use dissect::tree::{CaptureState, Dissection, KeyTable, Want};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

type Frames = Vec<(FrameMeta, Vec<u8>)>;

/// `mipscope craft scenario` with `count` packets, read back.
fn scenario(name: &str, count: u32, seed: u32, profile: &str) -> Frames {
    let path = std::env::temp_dir().join(format!("mipscope-exact-{name}-{seed}-{profile}-{}.pcapng", std::process::id()));
    let out = Command::new(BIN)
        .args([
            "craft",
            "scenario",
            name,
            "--profile",
            profile,
            "--count",
            &count.to_string(),
            "-p",
            &format!("seed={seed}"),
            "-w",
        ])
        .arg(&path)
        .output()
        .expect("run");
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    let mut frames = Vec::new();
    let _ = for_each_packet(std::fs::File::open(&path).unwrap(), |meta, data| {
        frames.push((*meta, data.to_vec()));
        true
    });
    let _ = std::fs::remove_file(&path);
    assert_eq!(frames.len(), count as usize, "{name}");
    frames
}

/// The frames in a new order, numbered and timed again (one millisecond apart).
fn renumber(frames: impl IntoIterator<Item = (FrameMeta, Vec<u8>)>) -> Frames {
    frames
        .into_iter()
        .enumerate()
        .map(|(i, (mut meta, data))| {
            meta.number = i as u64 + 1;
            let ns = i as i64 * 1_000_000;
            meta.ts = (1_767_225_600 + ns / 1_000_000_000, (ns % 1_000_000_000) as u32);
            meta.rel_ns = ns;
            meta.delta_ns = if i == 0 { 0 } else { 1_000_000 };
            (meta, data)
        })
        .collect()
}

/// A return-routability capture whose rounds (`ROUND` = 12 frames: the tests, then the BUs and
/// BAs that use their tokens) are cut after their first four frames (HoTI, CoTI, HoT, CoT), the
/// rest sent `delay` rounds later: about three tokens are taught a round, so with `delay` near
/// `LIMIT / 3` a BU reads tokens at the very front of a full table, which the tokens taught just
/// before it push out (or not).
fn delayed(rr: &Frames, delay: usize) -> Frames {
    let rounds: Vec<&[(FrameMeta, Vec<u8>)]> = rr.chunks(12).collect();
    let mut out = Vec::new();
    for i in 0..rounds.len() + delay {
        if let Some(r) = rounds.get(i) {
            out.extend(r.iter().take(4).cloned());
        }
        if let Some(r) = i.checked_sub(delay).and_then(|j| rounds.get(j)) {
            out.extend(r.iter().skip(4).cloned());
        }
    }
    renumber(out)
}

/// Return routability with every answer (HoT, CoT, BA: places 2, 3, 5, 7, 9 and 11 of a
/// 12-frame round) `delay` rounds after its request, the requests in their order.
fn answers_delayed(rr: &Frames, delay: usize) -> Frames {
    let rounds: Vec<&[(FrameMeta, Vec<u8>)]> = rr.chunks(12).collect();
    let answer = |k: usize| matches!(k, 2 | 3 | 5 | 7 | 9 | 11);
    let mut out = Vec::new();
    for i in 0..rounds.len() + delay {
        if let Some(r) = rounds.get(i) {
            out.extend(r.iter().enumerate().filter(|(k, _)| !answer(*k)).map(|(_, f)| f.clone()));
        }
        if let Some(r) = i.checked_sub(delay).and_then(|j| rounds.get(j)) {
            out.extend(r.iter().enumerate().filter(|(k, _)| answer(*k)).map(|(_, f)| f.clone()));
        }
    }
    renumber(out)
}

/// Two captures' frames, `chunk` of one then `chunk` of the other: same addresses, different
/// keys, so the same token names are taught different tokens by turns.
fn interleaved(a: &Frames, b: &Frames, chunk: usize) -> Frames {
    let mut out = Vec::new();
    for (x, y) in a.chunks(chunk).zip(b.chunks(chunk)) {
        out.extend(x.iter().cloned());
        out.extend(y.iter().cloned());
    }
    renumber(out)
}

/// Everything a frame's dissection gives: every node (name, place, value as `-T fields` prints
/// it, flags), the columns, the expert items' count.
fn signature(d: &Dissection, data: &[u8]) -> String {
    let mut s = String::new();
    for n in &d.nodes {
        s.push_str(n.def.abbrev);
        s.push_str(&format!("@{}+{} d{} g{} h{} ", n.offset, n.len, n.depth, n.generated, n.hidden));
        dissect::output::write_field_value(&mut s, d, data, n);
        if let Some(a) = n.append {
            s.push_str(" +");
            s.push_str(d.text_of(a));
        }
        s.push('\n');
    }
    s.push_str(&format!("info={} proto={} experts={}", d.cols.info, d.cols.protocol, d.experts.len()));
    s
}

/// What a batch stood on, how often: (kept as is, kept by the look-up check, dissected again).
#[derive(Default, Debug)]
struct Tally {
    same: u64,
    agreed: u64,
    redone: u64,
    /// Kept by the look-up check although the keys it was dissected with had changed.
    agreed_stale: u64,
}

/// Replays the pipeline's judgement on every batch of `frames` (batches of `batch` frames) and
/// checks that every batch it keeps is exactly what one frame after the other gives.
fn replay(name: &str, frames: &Frames, prefs: &Prefs, want: Want<'_>, batch: usize, tally: &mut Tally) {
    let mut d = Dissection::default();
    // One frame after the other: each frame's signature and lessons, and the state at each
    // batch's start.
    let mut state = CaptureState::default();
    let (mut sigs, mut lessons, mut at) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (meta, data)) in frames.iter().enumerate() {
        if i % batch == 0 {
            at.push(state.clone());
        }
        dissect::dissect_frame_want(&state, want, &mut d, data, meta, prefs);
        sigs.push(signature(&d, data));
        lessons.push(format!("{:?}", d.lessons));
        state.learn(&d);
    }
    at.push(state);
    for (j, exact) in at.iter().enumerate().take(frames.len().div_ceil(batch)) {
        let a = j * batch;
        let own = &frames[a..(a + batch).min(frames.len())];
        for back in 1..=3.min(j) {
            for lead in [false, true] {
                let mut st = at[j - back].clone();
                let (version, base) = ((st.version(), st.key_version()), st.table_changes());
                let mut led = false;
                if lead {
                    for (meta, data) in &frames[a.saturating_sub(LEAD)..a] {
                        dissect::dissect_frame_want(&st, Want::Fields(&[]), &mut d, data, meta, prefs);
                        st.learn_keys(&d.lessons);
                    }
                    led = true;
                }
                assert_eq!(st.version(), version.0, "{name}: the lead-in changed the roles' version");
                let start: [u64; KeyTable::COUNT] = st.table_changes();
                st.log_reads(true);
                let (mut reads, mut taught, mut taught_at, mut got, mut got_lessons) =
                    (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
                for (k, (meta, data)) in own.iter().enumerate() {
                    dissect::dissect_frame_want(&st, want, &mut d, data, meta, prefs);
                    st.take_reads(k as u32, &mut reads);
                    st.learn(&d);
                    taught.extend_from_slice(&d.lessons);
                    taught_at.resize(taught.len(), k as u32);
                    got.push(signature(&d, data));
                    got_lessons.push(format!("{:?}", d.lessons));
                }
                st.log_reads(false);
                let same = version == (exact.version(), exact.key_version()) && !led;
                let stands = same || version.0 == exact.version() && exact.agrees(&reads, &taught, &taught_at, &base, &start);
                if !stands {
                    tally.redone += 1;
                    continue;
                }
                if same {
                    tally.same += 1;
                } else {
                    tally.agreed += 1;
                    tally.agreed_stale += u64::from(version.1 != exact.key_version() || led);
                }
                let what = format!("{name}: batch {j} (frames {}..), dissected from {back} batches back, lead {lead}", a + 1);
                for (k, (g, e)) in got.iter().zip(&sigs[a..]).enumerate() {
                    assert!(
                        g == e,
                        "{what}: frame {} differs from a single pass\n--- kept:\n{g}\n--- single pass:\n{e}",
                        a + k + 1
                    );
                }
                assert_eq!(got_lessons[..], lessons[a..a + own.len()], "{what}: lessons");
                // What the pipeline then does with the state: the end state moved, or the
                // lessons learned again on the exact state; either is the exact state after.
                let after = if same {
                    st
                } else {
                    let mut s = exact.clone();
                    s.learn_all(&taught);
                    s
                };
                let next = &at[j + 1];
                assert_eq!(
                    (after.version(), after.key_version(), after.table_changes()),
                    (next.version(), next.key_version(), next.table_changes()),
                    "{what}: state after"
                );
            }
        }
    }
}

/// Every crafted scenario under both profiles (MCoA's and HAaRO's draft layouts among them),
/// packet list and full tree, small batches so that boundaries cut many exchanges.
#[test]
fn every_batch_the_look_up_check_keeps_is_exact_on_every_scenario() {
    let mut tally = Tally::default();
    for profile in [Profile::Rfc, Profile::Draft] {
        let prefs = Prefs::with_profile(profile);
        for s in ["rfc6275-rr", "pmipv6", "mcoa", "nemo-vmn-ro", "pmipv6-ro", "mip4-haaro", "mag-reflector"] {
            let frames = scenario(s, 1_200, 3, profile.name());
            for want in [Want::Columns, Want::Full] {
                replay(&format!("{s} ({})", profile.name()), &frames, &prefs, want, 64, &mut tally);
            }
        }
    }
    eprintln!("{tally:?}");
    assert!(tally.agreed_stale > 50, "the check kept batches whose keys had changed: {tally:?}");
    assert!(tally.redone > 0, "{tally:?}");
}

/// Return routability with the token table full (more than `LIMIT` tokens taught), answers
/// delayed so that the tokens they read are at the front of the table, and two exchanges whose
/// token names collide. With a delay of 341 rounds a BU's home token is pushed out by the CoT
/// just before it (a single pass shows it unverified): a check that ignored what its own lessons
/// push out (`Learned::older_at_least`'s bound) keeps batch 85 there, and this test fails.
#[test]
fn every_batch_the_look_up_check_keeps_is_exact_with_a_full_token_table() {
    let prefs = Prefs::default();
    let mut tally = Tally::default();
    let rr = scenario("rfc6275-rr", 4_800, 7, "rfc");
    replay("rr 4800", &rr, &prefs, Want::Columns, 256, &mut tally);
    // Rounds enough that answers are delayed past a full table (the first `delay` rounds
    // teach fewer tokens: no answers yet).
    let long = scenario("rfc6275-rr", 12_000, 7, "rfc");
    for delay in [340, 341, 342] {
        replay(&format!("rr delayed {delay}"), &delayed(&long, delay), &prefs, Want::Columns, 64, &mut tally);
    }
    let other = scenario("rfc6275-rr", 4_800, 8, "rfc");
    for chunk in [5, 12, 50] {
        replay(&format!("rr interleaved {chunk}"), &interleaved(&rr, &other, chunk), &prefs, Want::Columns, 64, &mut tally);
    }
    eprintln!("{tally:?}");
    assert!(tally.agreed_stale > 50 && tally.redone > 0, "{tally:?}");
}

/// Each frame's signature, as a pipeline's consumer.
struct Signatures;

impl dissect::pipeline::Consumer for Signatures {
    type Out = Vec<String>;
    fn clear(&self, out: &mut Vec<String>) {
        out.clear();
    }
    fn frame(&self, _: usize, _: &FrameMeta, d: &Dissection, data: &[u8], out: &mut Vec<String>) {
        out.push(signature(d, data));
    }
}

/// The real pipeline (two threads, its own batches and timing, tracking off so that one frame
/// after the other is `dissect_frame_want` alone) against one frame after the other, a few
/// times over: every frame the same, and the same state at the end. Returns the batches redone.
fn pipeline_matches(name: &str, frames: &Frames, prefs: &Prefs, want: Want<'_>) -> u64 {
    let mut state = CaptureState::default();
    let mut d = Dissection::default();
    let mut expected = Vec::new();
    for (meta, data) in frames {
        dissect::dissect_frame_want(&state, want, &mut d, data, meta, prefs);
        expected.push(signature(&d, data));
        state.learn(&d);
    }
    let mut redone = 0;
    for run in 0..4 {
        let mut p = dissect::pipeline::Pipeline::new(prefs, want);
        p.tracking = false;
        let got = run_pipeline(name, &mut p, frames, &mut redone);
        assert_eq!(got.len(), expected.len(), "{name}");
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert!(g == e, "{name} run {run}: frame {} differs\n--- pipeline:\n{g}\n--- single pass:\n{e}", i + 1);
        }
        assert_eq!(
            (p.state.version(), p.state.key_version(), p.state.table_changes()),
            (state.version(), state.key_version(), state.table_changes()),
            "{name} run {run}: state at the end"
        );
    }
    redone
}

/// One run of the real pipeline over `frames`: every frame's signature, in order (the batches
/// it dissected again added to `redone`).
fn run_pipeline(name: &str, p: &mut dissect::pipeline::Pipeline<'_>, frames: &Frames, redone: &mut u64) -> Vec<String> {
    let mut got = Vec::new();
    let ended = p.run(
        |each| {
            for (meta, data) in frames {
                if !each(meta, data, &dissect::capture::Described::plain(&Vec::new())) {
                    break;
                }
            }
        },
        &Signatures,
        &std::sync::atomic::AtomicBool::new(false),
        |_, out: &mut Vec<String>| {
            got.append(out);
            Ok(())
        },
    );
    assert!(ended.err.is_none(), "{name}");
    *redone += ended.redone;
    got
}

/// The pipeline itself on the captures that press on the check, the packet list and the full
/// tree (`BATCH_LIST`, `BATCH_TREE`).
#[test]
fn the_pipeline_matches_a_single_pass_with_a_full_token_table() {
    let prefs = Prefs::default();
    let rr = scenario("rfc6275-rr", 12_000, 9, "rfc");
    let other = scenario("rfc6275-rr", 12_000, 10, "rfc");
    let mut redone = 0;
    for want in [Want::Columns, Want::Full] {
        redone += pipeline_matches("rr", &rr, &prefs, want);
        for delay in [340, 341, 342] {
            redone += pipeline_matches(&format!("rr delayed {delay}"), &delayed(&rr, delay), &prefs, want);
        }
        redone += pipeline_matches("rr interleaved", &interleaved(&rr, &other, 12), &prefs, want);
    }
    eprintln!("redone {redone}");
}

/// The pipeline tracking requests and responses (a full tree shows it: `mip6.response_in`,
/// `mip6.response_to`, retransmissions, the rules about an answer and its request) against one
/// frame after the other with one tracker. The dissecting threads track each batch from the
/// tracker as the batches written left it, so a batch dissected ahead of its turn guesses; with
/// every answer 8 or 16 rounds after its request (~100-200 frames: past the `LEAD` frames a batch
/// looks at first, often inside the batch before it, not written yet) guesses fail, and such a
/// batch must be dissected again with the notes the tracker gives in frame order. Every frame
/// the same, and as many requests waiting at the end.
#[test]
fn the_pipeline_tracks_as_a_single_pass_does() {
    use dissect::analysis::track::Tracker;
    let prefs = Prefs::default();
    let rr = scenario("rfc6275-rr", 6_000, 11, "rfc");
    let mut redone = 0;
    for (name, frames) in [
        ("rr", rr.clone()),
        ("rr answered 8 rounds late", answers_delayed(&rr, 8)),
        ("rr answered 16 rounds late", answers_delayed(&rr, 16)),
    ] {
        let mut state = CaptureState::default();
        let mut tracker = Tracker::default();
        let mut d = Dissection::default();
        let mut expected = Vec::new();
        for (meta, data) in &frames {
            let observe = |facts: &[dissect::analysis::track::TrackFact]| {
                let note = tracker.observe(meta.number, dissect::pipeline::t_ns(meta), facts);
                tracker.take_updates().for_each(drop);
                note
            };
            dissect::dissect_frame_tracked(&state, Want::Full, &mut d, data, meta, &prefs, observe);
            expected.push(signature(&d, data));
            state.learn(&d);
        }
        assert!(
            expected.iter().any(|e| e.contains("mip6.response_to")),
            "{name}: the single pass tracks nothing, so this test could not fail"
        );
        for run in 0..3 {
            let mut p = dissect::pipeline::Pipeline::new(&prefs, Want::Full);
            assert!(p.tracking, "a full tree shows tracking");
            let got = run_pipeline(name, &mut p, &frames, &mut redone);
            assert_eq!(got.len(), expected.len(), "{name}");
            for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
                assert!(g == e, "{name} run {run}: frame {} differs\n--- pipeline:\n{g}\n--- single pass:\n{e}", i + 1);
            }
            assert_eq!(p.tracker.pending(), tracker.pending(), "{name} run {run}: requests waiting at the end");
        }
    }
    // Timing decides which batches go ahead; the late answers of such a batch find some of their
    // requests in the batch before it, not written yet (a batch is 256 frames, two threads take
    // turns).
    eprintln!("redone {redone}");
    assert!(redone > 0, "no batch was dissected again: the check of the notes never ran");
}

/// The frames as a classic pcap (microseconds), in a unique temporary file.
fn write_pcap(frames: &Frames, name: &str) -> std::path::PathBuf {
    let linktype = frames.first().map_or(1, |(m, _)| m.linktype);
    let mut out = Vec::new();
    for v in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 65535, linktype] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for (meta, data) in frames {
        let len = u32::try_from(data.len()).unwrap();
        for v in [meta.ts.0 as u32, meta.ts.1 / 1000, len, len] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(data);
    }
    let path = std::env::temp_dir().join(format!("mipscope-exact-{name}-{}.pcap", std::process::id()));
    std::fs::write(&path, out).unwrap();
    path
}

/// `mipscope dissect` on one thread and on two: the same output, byte for byte, for every kind
/// of output whose text the keys decide (and -2, whose batches wait for their answers).
fn cli_matches(path: &std::path::Path, profile: &str) {
    let runs: [&[&str]; 6] = [
        &[],
        &["-V"],
        &["-2", "-V"],
        &["-Y", r#"mip6.bad.auth.status == "good""#],
        &["-T", "fields", "-e", "frame.number", "-e", "mip6.bad.auth.status", "-e", "_ws.expert.message"],
        &["-q", "-z", "expert"],
    ];
    for args in runs {
        let out = |threads: &str| {
            let o = Command::new(BIN)
                .env("MIPSCOPE_THREADS", threads)
                .args(["dissect", "--profile", profile, "-r"])
                .arg(path)
                .args(args)
                .output()
                .expect("run");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            o.stdout
        };
        let one = out("1");
        // Every output says something, but `-z expert` on a capture with no expert item (it
        // prints nothing then, as tshark's).
        assert!(!one.is_empty() || args.contains(&"expert"), "{args:?}");
        for _ in 0..2 {
            assert!(out("2") == one, "{} {args:?}: two threads differ from one", path.display());
        }
    }
}

/// The command line on the captures that press on the check: the token table full, answers
/// delayed to the front of it, colliding token names.
#[test]
fn the_command_line_on_two_threads_matches_one_with_a_full_token_table() {
    let rr = scenario("rfc6275-rr", 12_000, 9, "rfc");
    let other = scenario("rfc6275-rr", 12_000, 10, "rfc");
    for (name, frames) in [("delayed", delayed(&rr, 341)), ("interleaved", interleaved(&rr, &other, 12))] {
        let path = write_pcap(&frames, name);
        cli_matches(&path, "rfc");
        let _ = std::fs::remove_file(&path);
    }
}

/// Seed 004 (proxy home tests, early proxy BUs, proxy home addresses), MCoA and HAaRO under the
/// draft profile: two captures of each with different keys interleaved, so that names collide
/// and open exchanges are answered by the other's frames; replayed, and through the pipeline.
#[test]
fn every_batch_the_look_up_check_keeps_is_exact_with_colliding_exchanges() {
    let mut tally = Tally::default();
    let mut redone = 0;
    for (s, profile) in
        [("pmipv6-ro", Profile::Rfc), ("pmipv6-ro", Profile::Draft), ("mcoa", Profile::Draft), ("mip4-haaro", Profile::Draft)]
    {
        let prefs = Prefs::with_profile(profile);
        let (a, b) = (scenario(s, 1_500, 3, profile.name()), scenario(s, 1_500, 4, profile.name()));
        for chunk in [3, 7, 40] {
            let frames = interleaved(&a, &b, chunk);
            let name = format!("{s} ({}) interleaved {chunk}", profile.name());
            replay(&name, &frames, &prefs, Want::Full, 32, &mut tally);
            redone += pipeline_matches(&name, &frames, &prefs, Want::Full);
        }
    }
    eprintln!("{tally:?}, pipeline redone {redone}");
    assert!(tally.agreed_stale > 0 && tally.redone > 0, "{tally:?}");
}
