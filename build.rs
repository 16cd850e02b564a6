//! Links the `mipscope` binary as a position-dependent executable (`-no-pie`).
//!
//! The dissector's tables are statics full of pointers (every field row, option row and value
//! table points at others), and in a position-independent executable each of those pointers is
//! a relocation the dynamic loader applies at start: ~29,000 of them, touching every page of
//! the tables (~130 page faults) before the first frame is read. At a fixed address the linker
//! resolves them once and a run faults in only the pages it reads: measured on the bench
//! capture, 428 -> 297 page faults and ~0.2 ms less to start, and 1-3 % faster runs (the
//! packet list 49.6 -> 48.2 ms, -Y 67.4 -> 65.6 ms, interleaved). Only the binary: the
//! libraries stay position-independent, as proc-macros and tests need them.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rerun-if-changed=build.rs");
}
