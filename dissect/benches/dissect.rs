//! Criterion benchmarks of the dissector and its outputs on in-memory frames.
//!
//! `cargo bench -p dissect` (add `-- --quick` for a fast check). The frames of
//! `captures/crafted/mh-options.pcapng` and `mh-messages.pcapng` are read once with
//! [`dissect::capture::for_each_packet`]; each iteration then dissects every frame (and, in the
//! output groups, renders it into a reused `String`), so throughput is in frames per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::fs::File;
use std::hint::black_box;
use std::path::Path;

const CAPTURES: &[&str] = &["mh-options.pcapng", "mh-messages.pcapng"];

struct Frame {
    meta: FrameMeta,
    data: Vec<u8>,
}

fn load_frames() -> Vec<Frame> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../captures/crafted");
    let mut frames = Vec::new();
    for name in CAPTURES {
        let path = dir.join(name);
        let file = File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        dissect::capture::for_each_packet(file, |meta, data| {
            frames.push(Frame { meta: *meta, data: data.to_vec() });
            true
        })
        .unwrap_or_else(|(n, e)| panic!("{}: {e} after {n} packets", path.display()));
    }
    assert!(!frames.is_empty(), "no frames loaded");
    frames
}

fn benches(c: &mut Criterion) {
    let frames = load_frames();
    let prefs = Prefs::default();
    let mut d = Dissection::new();
    let mut out = String::with_capacity(1 << 16);

    let mut g = c.benchmark_group("dissect");
    g.throughput(Throughput::Elements(frames.len() as u64));

    g.bench_function("dissect_frame", |b| {
        b.iter(|| {
            for f in &frames {
                dissect::dissect_frame(&mut d, black_box(&f.data), &f.meta, &prefs);
                black_box(d.nodes.len());
            }
        })
    });

    g.bench_function("dissect+write_summary", |b| {
        b.iter(|| {
            for f in &frames {
                dissect::dissect_frame(&mut d, black_box(&f.data), &f.meta, &prefs);
                out.clear();
                dissect::output::write_summary(&mut out, &d, dissect::output::TimeFormat::default());
                black_box(out.len());
            }
        })
    });

    g.bench_function("dissect+write_tree", |b| {
        b.iter(|| {
            for f in &frames {
                dissect::dissect_frame(&mut d, black_box(&f.data), &f.meta, &prefs);
                out.clear();
                dissect::output::write_tree(&mut out, &d, &f.data);
                black_box(out.len());
            }
        })
    });

    g.bench_function("dissect+json::write_frame", |b| {
        b.iter(|| {
            for f in &frames {
                dissect::dissect_frame(&mut d, black_box(&f.data), &f.meta, &prefs);
                out.clear();
                dissect::output::json::write_frame(&mut out, &d, &f.data);
                black_box(out.len());
            }
        })
    });

    g.finish();
}

criterion_group!(dissect_benches, benches);
criterion_main!(dissect_benches);
