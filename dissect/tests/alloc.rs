//! Steady-state dissection allocates nothing per frame (issue 12's constraint): every frame of
//! every fixture is dissected once to let the reused buffers grow, then again while a counting
//! allocator watches; the second pass must not allocate, in the full tree and the packet list.

use dissect::capture::for_each_packet;
use dissect::frame::FrameMeta;
use dissect::prefs::{Prefs, Profile};
use dissect::tree::{CaptureState, Dissection, Want};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Only the dissecting thread's allocations count: the test harness's own threads allocate
    // whenever they like (seen as 4-5 stray allocations under load). A `const` initialiser: no
    // allocation on first use, so reading it inside the allocator cannot recurse.
    static COUNTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn counting() -> bool {
    COUNTING.try_with(std::cell::Cell::get).unwrap_or(false)
}

// SAFETY: forwards to the system allocator; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if counting() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        if counting() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

#[test]
fn a_second_pass_over_every_fixture_allocates_nothing() {
    let mut frames: Vec<(FrameMeta, Vec<u8>)> = Vec::new();
    for p in common::fixture_files() {
        let _ = for_each_packet(std::fs::File::open(&p).unwrap(), |m, d| {
            frames.push((*m, d.to_vec()));
            true
        });
    }
    assert!(frames.len() > 500);
    for profile in [Profile::Rfc, Profile::Draft] {
        let prefs = Prefs::with_profile(profile);
        for want in [Want::Columns, Want::Full] {
            let mut d = Dissection::new();
            let state = CaptureState::default();
            for pass in 0..2 {
                COUNTING.with(|c| c.set(pass == 1));
                ALLOCS.store(0, Ordering::Relaxed);
                for (i, (meta, data)) in frames.iter().enumerate() {
                    let before = ALLOCS.load(Ordering::Relaxed);
                    dissect::dissect_frame_want(&state, want, &mut d, data, meta, &prefs);
                    let after = ALLOCS.load(Ordering::Relaxed);
                    if pass == 1 && after > before && std::env::var_os("ALLOC_DEBUG").is_some() {
                        COUNTING.with(|c| c.set(false));
                        eprintln!(
                            "frame index {i} (number {}) allocates {}: {:02x?}",
                            meta.number,
                            after - before,
                            &data[..data.len().min(80)]
                        );
                        COUNTING.with(|c| c.set(true));
                    }
                }
                COUNTING.with(|c| c.set(false));
            }
            let n = ALLOCS.load(Ordering::Relaxed);
            assert_eq!(n, 0, "{n} allocations in the second pass ({} frames, {want:?}, {})", frames.len(), profile.name());
        }
    }
}
